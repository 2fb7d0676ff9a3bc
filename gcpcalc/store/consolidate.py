"""Group consolidation (subsidiaries added up) and breakdown by business unit.

:func:`consolidate` builds one group assessment from several assessments of the same reporting period by
adding their lines: every line id is prefixed with the subsidiary's name (``<subsidiary>/<line id>``) so
that ids stay unique, and ``business_unit`` is filled with the subsidiary's name where it is blank. The
group's revenue is the sum of the subsidiaries' revenues (unknown when one of them is unknown).
:func:`contributions` shows each subsidiary's mass and key indicators beside the group's.

:func:`split_by_business_unit` does the opposite within one assessment: the inflow and outflow lines of
each ``business_unit`` (lines without one under ``""``). Products, water, energy, procurement and the
revenue have no business unit in the data dictionary, so the indicators that need them are not
computable per business unit.
"""
from __future__ import annotations

from typing import Any

from .. import fields as F
from ..messages import ERROR, Message, ValidationFailed
from ..models import Assessment, validate_assessment
from .db import KEY_INDICATORS

UNASSIGNED = ""  # the business unit of lines that name none


class ConsolidationFailed(ValidationFailed):
    """The assessments cannot be added up; carries every reason as a bilingual message."""


def _msg(code: str, en: str, ja: str, value: Any = None, table: str | None = None) -> Message:
    return Message(code, ERROR, en, ja, table=table, value=value)


def _prefixed_fields(table: F.Table) -> tuple[str, ...]:
    if table.id == "segments":  # a segment id is a business unit: kept, and merged across subsidiaries
        return ()
    if table.key_field:
        return (table.key_field,)
    return tuple(f for f in ("product_id",) if f in table.field_ids)


def consolidate(assessments: list[Assessment], name: str, subsidiary_names: list[str] | None = None) -> Assessment:
    """One group assessment from ``assessments`` (same period and currency), named ``name``.

    ``subsidiary_names`` (default: each organisation's name) prefix the line ids and fill blank business
    units. Raises :class:`ConsolidationFailed` with every reason when they cannot be added up.
    """
    errors: list[Message] = []
    if not assessments:
        raise ConsolidationFailed([_msg("consolidate_empty", "No assessment to consolidate.",
                                        "連結する評価がありません。")])
    labels = list(subsidiary_names) if subsidiary_names else [a.organisation["name"] for a in assessments]
    if len(labels) != len(assessments):
        errors.append(_msg("consolidate_names", f"{len(labels)} subsidiary names for {len(assessments)} assessments.",
                           f"評価 {len(assessments)} 件に対して子会社名が {len(labels)} 件です。"))
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            errors.append(_msg("consolidate_duplicate", f"Subsidiary '{label}' is given more than once.",
                               f"子会社「{label}」が重複しています。", label))
        seen.add(label)
    first = assessments[0].organisation
    for label, a in zip(labels, assessments):
        o = a.organisation
        if (o["period_start"], o["period_end"]) != (first["period_start"], first["period_end"]):
            errors.append(_msg(
                "consolidate_period",
                f"'{label}' covers {o['period_start']} – {o['period_end']}, not the period of '{labels[0]}' "
                f"({first['period_start']} – {first['period_end']}): only assessments of the same period can be added.",
                f"「{label}」の報告期間 {o['period_start']}～{o['period_end']} は「{labels[0]}」の期間 "
                f"{first['period_start']}～{first['period_end']} と異なります。同じ期間の評価のみ連結できます。",
                str(o["period_end"]), "organisation"))
        if (o.get("currency") or "JPY") != (first.get("currency") or "JPY"):
            errors.append(_msg(
                "consolidate_currency",
                f"'{label}' reports in {o.get('currency')}, '{labels[0]}' in {first.get('currency')}: "
                "convert to one currency before consolidating.",
                f"「{label}」の通貨 {o.get('currency')} は「{labels[0]}」の通貨 {first.get('currency')} と異なります。"
                "通貨を統一してから連結してください。", o.get("currency"), "organisation"))
    if errors:
        raise ConsolidationFailed(errors)

    def common(key: str) -> Any:
        values = {a.organisation.get(key) for a in assessments}
        return values.pop() if len(values) == 1 else None

    revenues = [a.organisation.get("revenue") for a in assessments]
    org = {
        "name": name,
        "period_start": first["period_start"].isoformat(),
        "period_end": first["period_end"].isoformat(),
        "currency": first.get("currency"),
        "country": common("country") or first.get("country"),
        "sector": common("sector"),
        "assessment_level": "organisation",
        "use_case": first.get("use_case"),
        "maturity": first.get("maturity"),
        "revenue": None if any(r is None for r in revenues) else float(sum(revenues)),
        "boundary_note": "Consolidated from / 連結対象: " + ", ".join(labels),
    }
    data: dict[str, Any] = {"organisation": org}
    for tid in F.LIST_TABLES:
        table = F.TABLES[tid]
        prefixed = _prefixed_fields(table)
        has_bu = "business_unit" in table.field_ids
        rows = []
        for label, a in zip(labels, assessments):
            for row in a.to_json_dict()[tid]:
                row = dict(row)
                for fid in prefixed:
                    row[fid] = f"{label}/{row[fid]}"
                if has_bu and not row.get("business_unit"):
                    row["business_unit"] = label
                rows.append(row)
        data[tid] = _merged_segments(rows) if tid == "segments" else rows
    group, messages = validate_assessment(data)
    if group is None:
        raise ConsolidationFailed([m for m in messages if m.severity == ERROR])
    return group


def _merged_segments(rows: list[dict]) -> list[dict]:
    """Segments of the same id (case and spaces ignored) in several subsidiaries become one group segment:
    revenues added, descriptions joined. Their lines carry the same business unit, so the group segment
    covers them all (CTI revenue)."""
    merged: dict[str, dict] = {}
    for row in rows:
        key = " ".join(str(row.get("segment_id") or "").split()).casefold()
        if key not in merged:
            merged[key] = dict(row)
            continue
        seg = merged[key]
        if row.get("revenue") is not None and seg.get("revenue") is not None:
            seg["revenue"] = float(seg["revenue"]) + float(row["revenue"])
        if row.get("description") and row["description"] != seg.get("description"):
            seg["description"] = "; ".join(x for x in (seg.get("description"), row["description"]) if x)
    return list(merged.values())


def _mass(assessment: Assessment) -> tuple[float, float]:
    from ..tables import normalise

    t = normalise(assessment)
    return float(t.inflows["mass_t"].sum()), float(t.outflows["mass_t"].sum())


def _key_values(assessment: Assessment, indicator_ids: tuple[str, ...]) -> dict[str, float | None]:
    from .db import key_indicator_values

    values = key_indicator_values(assessment)
    return {iid: values.get(iid, (None, ""))[0] for iid in indicator_ids}


def contributions(assessments: list[Assessment], group: Assessment, subsidiary_names: list[str] | None = None,
                  indicator_ids: tuple[str, ...] = KEY_INDICATORS) -> dict[str, Any]:
    """Each subsidiary's inflow and outflow mass (t, and % of the group's) and key indicators, beside the group's."""
    labels = list(subsidiary_names) if subsidiary_names else [a.organisation["name"] for a in assessments]
    g_in, g_out = _mass(group)
    members = []
    for label, a in zip(labels, assessments):
        m_in, m_out = _mass(a)
        members.append({
            "name": label,
            "inflow_t": m_in,
            "inflow_share_pct": m_in / g_in * 100.0 if g_in else None,
            "outflow_t": m_out,
            "outflow_share_pct": m_out / g_out * 100.0 if g_out else None,
            "revenue": a.organisation.get("revenue"),
            "indicators": _key_values(a, indicator_ids),
        })
    return {
        "group": {"name": group.organisation["name"], "inflow_t": g_in, "outflow_t": g_out,
                  "revenue": group.organisation.get("revenue"), "indicators": _key_values(group, indicator_ids)},
        "members": members,
    }


def split_by_business_unit(assessment: Assessment) -> dict[str, Assessment]:
    """One assessment per business unit named on inflow or outflow lines (``""``: lines naming none)."""
    data = assessment.to_json_dict()
    units: list[str] = []
    for tid in ("inflows", "outflows"):
        for row in data[tid]:
            bu = row.get("business_unit") or UNASSIGNED
            if bu not in units:
                units.append(bu)
    out: dict[str, Assessment] = {}
    for bu in units:
        part: dict[str, Any] = {tid: [] for tid in F.LIST_TABLES}
        org = dict(data["organisation"])
        org.update({"name": f"{org['name']} / {bu}" if bu else org["name"], "assessment_level": "business_unit",
                    "revenue": None})
        part["organisation"] = org
        for tid in ("inflows", "outflows"):
            part[tid] = [r for r in data[tid] if (r.get("business_unit") or UNASSIGNED) == bu]
        a, messages = validate_assessment(part)
        if a is None:  # pragma: no cover - a subset of a valid assessment is valid
            raise ValidationFailed(messages)
        out[bu] = a
    return out


def indicators_by_business_unit(assessment: Assessment) -> dict[str, Any]:
    """business unit -> :class:`~gcpcalc.indicators.base.Results` of its inflow and outflow lines."""
    from ..indicators import compute

    return {bu: compute(a) for bu, a in split_by_business_unit(assessment).items()}
