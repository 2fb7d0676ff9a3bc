"""Trends of the key indicators across reporting periods, and progress towards targets.

The trend of an organisation takes the latest revision of each of its saved periods. The *year* of a
period is the year in which it starts: a Japanese fiscal year (年度) April 2025 – March 2026 is FY2025,
and a calendar-year period is its own year; targets name such a year (e.g. "30 % by FY2030").

Progress towards a target (indicator, target year, target value, optional baseline year and value; the
baseline defaults to the first period with a value):

* ``progress_pct`` = (latest − baseline) / (target − baseline) × 100 — the share of the way covered;
* ``path_value`` = the straight line from the baseline to the target, at the latest year
  (baseline + (target − baseline) × (latest year − baseline year) / (target year − baseline year),
  clamped to the target after the target year);
* ``status``: ``achieved`` when the latest value has reached the target, ``on_track`` when it is at or
  beyond the straight-line path, ``behind`` otherwise, ``no_data`` when no period has a value. "Reached"
  and "beyond" follow the indicator's direction: higher is better, except for the indicators in
  :data:`LOWER_IS_BETTER` (a share of critical raw materials is to go down);
* ``progress_pct`` is None when the baseline already meets the target (nothing left to cover).
"""
from __future__ import annotations

from typing import Any

from .db import KEY_INDICATORS, RevisionInfo, Store, Target

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("achieved", "達成"),
    "on_track": ("on track", "計画どおり"),
    "behind": ("behind the path", "計画未達"),
    "no_data": ("no data", "データなし"),
}
_EPS = 1e-9
#: indicators whose targets are reductions
LOWER_IS_BETTER = frozenset({"cti.critical_inflow_pct", "gcp.critical_inflow_pct"})


def status_label(status: str, lang: str = "en") -> str:
    en, ja = STATUS_LABELS.get(status, (status, status))
    return ja if lang == "ja" else en


def indicator_meta(indicator_id: str) -> dict[str, str]:
    """Label (en, ja) and unit of an indicator id from the catalogue (the id itself when unknown)."""
    try:
        from ..indicators.catalogue import definition

        d = definition(indicator_id)
        return {"label_en": d.label_en, "label_ja": d.label_ja, "unit": d.unit}
    except Exception:
        return {"label_en": indicator_id, "label_ja": indicator_id, "unit": ""}


def target_progress(target: Target, series: list[tuple[int, float | None]]) -> dict[str, Any]:
    """Progress of ``target`` given the indicator's (year, value) series, oldest first."""
    known = [(y, v) for y, v in series if v is not None]
    out: dict[str, Any] = target.to_dict()
    baseline_year, baseline_value = target.baseline_year, target.baseline_value
    if baseline_value is None and known:
        baseline_year, baseline_value = known[0]
    elif baseline_value is not None and baseline_year is None and known:
        baseline_year = known[0][0]
    out.update({"baseline_year": baseline_year, "baseline_value": baseline_value, "latest_year": None,
                "latest_value": None, "path_value": None, "progress_pct": None, "status": "no_data"})
    if not known:
        return out
    latest_year, latest = known[-1]
    out["latest_year"], out["latest_value"] = latest_year, latest
    tv = float(target.target_value)
    if baseline_year is None or baseline_value is None or target.target_year <= baseline_year:
        path = tv
    else:
        share = (latest_year - baseline_year) / (target.target_year - baseline_year)
        path = baseline_value + (tv - baseline_value) * min(max(share, 0.0), 1.0)
    out["path_value"] = path
    direction = -1.0 if target.indicator_id in LOWER_IS_BETTER else 1.0
    if baseline_value is not None and direction * (tv - baseline_value) > _EPS:
        out["progress_pct"] = (latest - baseline_value) / (tv - baseline_value) * 100.0
    if direction * (latest - tv) >= -_EPS:
        out["status"] = "achieved"
    elif direction * (latest - path) >= -_EPS:
        out["status"] = "on_track"
    else:
        out["status"] = "behind"
    return out


def _values_of(info: RevisionInfo) -> dict[str, float | None]:
    """Stored key indicator values, or computed from the saved data when the revision has none."""
    if info.indicators or info.data is None:
        return info.indicators
    from ..models import validate_assessment
    from .db import key_indicator_values

    assessment, _ = validate_assessment(info.data)
    if assessment is None:
        return {}
    return {k: v for k, (v, _u) in key_indicator_values(assessment).items()}


def build_trend(name: str, revisions: list[RevisionInfo], targets: list[Target],
                indicator_ids: tuple[str, ...] = KEY_INDICATORS) -> dict[str, Any]:
    """The trend of one organisation from the latest revision of each period (oldest first).

    Returns ``{"organisation", "periods": [{period_start, period_end, year, revision, saved_at}],
    "indicators": [{id, label_en, label_ja, unit, values}], "targets": [progress dicts]}`` — the input of
    the trend sheet of the report and of the app's trend chart.
    """
    periods = [{"period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat(),
                "year": r.period_start.year, "revision": r.number, "saved_at": r.saved_at.isoformat()}
               for r in revisions]
    values = [_values_of(r) for r in revisions]
    ids = list(indicator_ids) + sorted({t.indicator_id for t in targets} - set(indicator_ids))
    indicators = []
    for iid in ids:
        meta = indicator_meta(iid)
        indicators.append({"id": iid, **meta, "values": [v.get(iid) for v in values]})
    by_id = {i["id"]: i for i in indicators}
    progress = []
    for t in targets:
        series = [(p["year"], v) for p, v in zip(periods, by_id[t.indicator_id]["values"])]
        progress.append({**target_progress(t, series), **{k: by_id[t.indicator_id][k]
                                                           for k in ("label_en", "label_ja", "unit")}})
    return {"organisation": name, "periods": periods, "indicators": indicators, "targets": progress}


def trend_data(store: Store, name: str) -> dict[str, Any]:
    """:func:`build_trend` of an organisation saved in ``store``."""
    return build_trend(name, store.latest_revisions(name), store.targets(name))


def saved_trend(name: str, url: str | None = None) -> dict[str, Any] | None:
    """The trend of ``name`` from a store that already exists, or None.

    ``url`` defaults to ``GCPCALC_DATABASE_URL`` or the user's SQLite file; a SQLite file that does not
    exist is not created (a report or a download never makes a database as a side effect). None when
    the store cannot be opened or holds no saved period of ``name``.
    """
    import sqlalchemy as sa

    from .db import StoreError, default_url

    url = url or default_url()
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        from pathlib import Path

        if not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).exists():
            return None
    try:
        with Store(url) as store:
            if not store.latest_revisions(name):
                return None
            return trend_data(store, name)
    except StoreError:
        return None
