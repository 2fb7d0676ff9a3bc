"""Amended Resource Effective Utilization Promotion Act (改正資源有効利用促進法, in force 2026-04-01).

Producers and importers of designated products (指定脱炭素化再生資源利用促進製品) above a size threshold
file a recycled-resource use plan (再生資源利用計画) with a use target for recycled plastic (再生プラスチック,
pre- and post-consumer), first due 30 June 2027, and a periodic report (定期報告) each 30 June from FY2028.

From the ``resource_act`` input table (one line per designated product, model or packaging type and fiscal
year) this module computes, per category and fiscal year:

* the volume tested against the threshold: Σ units produced or imported (cars ≥ 10,000; air conditioners,
  TVs, refrigerators, washing machines ≥ 50,000 each) or, for plastic containers and packaging, Σ plastic
  mass in t (≥ 10,000 t) over the lines that are not excluded (food packaging other than PET bottles, and
  pharmaceuticals); a volume exactly at the threshold is above it;
* plastic used P = Σ plastic_mass (× units where the masses are per unit), in t;
* recycled plastic R = Σ (pre-consumer + post-consumer), in t;
* recycled-plastic use rate = R / P × 100 (%), the post-consumer and pre-consumer shares likewise;
* progress toward the firm's target (target rate, target fiscal year) over the fiscal years known from this
  assessment and the store's history (:func:`gcpcalc.store.trends.target_progress`).

Evidence: the designated products, thresholds and timeline are from secondary sources (news and
practitioner summaries of the METI working group, 2025-07); the official forms (様式) are not published
[secondary]. A use rate over 100 % (recycled mass above plastic mass) is shown as computed, with a warning.

References
----------
Specification ``ref_japan_2026.md`` §3.1; ``ref_procurement_thresholds.md`` §4.1; 令和7年法律第52号.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import fields as F
from ..i18n import enum_label
from ..messages import INFO, WARNING, Message
from ..units import FACTORS

SOURCE_STATUS = "secondary"
#: what every output says about the evidence of this module
EVIDENCE_NOTE = (
    "Designated products, thresholds and deadlines from secondary sources (news and practitioner summaries of the "
    "METI working group, 2025-07); the official forms are not published yet. A preparation aid, not the official form.",
    "指定製品・対象となる規模・提出期限は二次情報（経済産業省の審議会資料を報じた記事・専門家の解説、2025年7月）に"
    "基づきます。正式な様式は未公表です。本資料は作成準備用の下書きであり、正式な様式ではありません。",
)


@dataclass(frozen=True)
class Threshold:
    """The size above which a producer or importer of a designated product must file a plan and reports."""

    category: str
    value: float
    unit: str  # "units" | "t"
    source: str
    status: str = SOURCE_STATUS
    note_en: str = ""
    note_ja: str = ""

    def text(self, lang: str = "en") -> str:
        if self.unit == "t":
            return f"{self.value:,.0f} t以上" if lang == "ja" else f"≥ {self.value:,.0f} t"
        return f"{self.value:,.0f}台以上" if lang == "ja" else f"≥ {self.value:,.0f} units"


_WG = "iru-miru.com/article/76616; moneytimes.jp/archives/484446 (jiji); esgjournaljapan.com/domestic-news/46996"
THRESHOLDS: dict[str, Threshold] = {
    "automobiles": Threshold("automobiles", 10_000, "units", _WG),
    "air_conditioners": Threshold("air_conditioners", 50_000, "units", _WG),
    "televisions": Threshold("televisions", 50_000, "units", _WG),
    "refrigerators": Threshold("refrigerators", 50_000, "units", _WG),
    "washing_machines": Threshold("washing_machines", 50_000, "units", _WG),
    "plastic_packaging": Threshold(
        "plastic_packaging", 10_000, "t", "iru-miru.com/article/76616; esgjournaljapan.com/domestic-news/46996",
        note_en="Food packaging other than PET bottles and pharmaceutical packaging are excluded. An earlier summary "
                "(2025-06 draft) gave no threshold.",
        note_ja="PETボトル以外の食品用容器包装と医薬品用容器包装は対象外。2025年6月の案の段階の資料では規模の基準は示されていない。"),
}
#: category -> (en, ja) of what the threshold counts
CATEGORY_INFO: dict[str, tuple[str, str]] = {
    c: ((f"{enum_label(c, 'en')}: units produced or imported per fiscal year per item",
         f"{enum_label(c, 'ja')}：品目ごとの年度の製造・輸入販売台数") if THRESHOLDS[c].unit == "units" else
        ("Plastic containers and packaging: plastic mass (t) per fiscal year",
         "プラスチック製容器包装：年度のプラスチック使用量（t）"))
    for c in F.RESOURCE_ACT_CATEGORIES
}
EXCLUDED_PACKAGING_USES = ("food", "pharmaceutical")
#: deadlines [secondary]
PLAN_DUE = ("by 30 June 2027", "2027年6月30日まで")
REPORT_DUE = ("each 30 June from FY2028, for the previous fiscal year", "2028年度から毎年6月30日まで（前年度分）")

ABOVE, BELOW, UNKNOWN = "above", "below", "unknown"
STATUS_LABELS = {ABOVE: ("Above the threshold: plan and reports required", "対象（計画・定期報告が必要）"),
                 BELOW: ("Below the threshold", "対象外（規模の基準未満）"),
                 UNKNOWN: ("Cannot be decided (volume missing)", "判定不可（数量の入力なし）")}


def status_label(status: str, lang: str = "en") -> str:
    en, ja = STATUS_LABELS[status]
    return ja if lang == "ja" else en


@dataclass
class CategoryYear:
    """One designated category in one fiscal year."""

    category: str
    fiscal_year: int
    line_ids: list[str] = field(default_factory=list)
    #: units produced or imported (Σ over lines); None when no line gives them
    units: float | None = None
    #: lines without units (the threshold test may then be undecided)
    units_missing: list[str] = field(default_factory=list)
    #: plastic, recycled pre-/post-consumer (t) over the lines in scope; None when no line gives plastic
    plastic_t: float | None = None
    recycled_pre_t: float = 0.0
    recycled_post_t: float = 0.0
    #: lines whose plastic mass could not be computed (per-unit masses without units, or no plastic mass)
    mass_missing: list[str] = field(default_factory=list)
    #: packaging excluded from the scope (food other than PET bottles, pharmaceuticals), t
    excluded_t: float = 0.0
    excluded_lines: list[str] = field(default_factory=list)
    target_rate_pct: float | None = None
    target_year: int | None = None
    measures: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)
    mass_balance: bool | None = None
    descriptions: list[str] = field(default_factory=list)
    #: "current" (this assessment) or "history" (a saved period of the store)
    origin: str = "current"

    @property
    def threshold(self) -> Threshold:
        return THRESHOLDS[self.category]

    @property
    def recycled_t(self) -> float | None:
        return None if self.plastic_t is None else self.recycled_pre_t + self.recycled_post_t

    @property
    def volume(self) -> float | None:
        """The quantity tested against the threshold (units, or t of packaging in scope)."""
        return self.plastic_t if self.threshold.unit == "t" else self.units

    @property
    def status(self) -> str:
        """above / below / unknown. Exactly at the threshold is above (「以上」)."""
        v = self.volume
        if v is not None and v >= self.threshold.value:
            return ABOVE
        missing = self.mass_missing if self.threshold.unit == "t" else self.units_missing
        if v is None or missing:
            return UNKNOWN
        return BELOW

    def _share(self, part: float | None) -> float | None:
        if self.plastic_t is None or self.plastic_t <= 0 or part is None:
            return None
        return part / self.plastic_t * 100.0

    @property
    def use_rate_pct(self) -> float | None:
        """Recycled-plastic use rate: (pre + post) / plastic × 100; None when no plastic is given."""
        return self._share(self.recycled_t)

    @property
    def postconsumer_pct(self) -> float | None:
        return self._share(self.recycled_post_t if self.plastic_t is not None else None)

    @property
    def preconsumer_pct(self) -> float | None:
        return self._share(self.recycled_pre_t if self.plastic_t is not None else None)

    def reason(self, lang: str = "en") -> str | None:
        """Why the use rate is not computable (None when it is)."""
        if self.use_rate_pct is not None:
            return None
        if self.plastic_t is None:
            return ("プラスチック使用量の入力がありません。" if lang == "ja" else "No plastic mass is given.")
        return "プラスチック使用量が0です。" if lang == "ja" else "The plastic mass is 0."

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "category": self.category, "category_label": enum_label(self.category, lang),
            "fiscal_year": self.fiscal_year, "lines": list(self.line_ids), "units": self.units,
            "plastic_t": self.plastic_t, "recycled_t": self.recycled_t, "recycled_preconsumer_t": self.recycled_pre_t,
            "recycled_postconsumer_t": self.recycled_post_t, "use_rate_pct": self.use_rate_pct,
            "postconsumer_pct": self.postconsumer_pct, "preconsumer_pct": self.preconsumer_pct,
            "excluded_t": self.excluded_t, "threshold": self.threshold.value, "threshold_unit": self.threshold.unit,
            "threshold_text": self.threshold.text(lang), "status": self.status,
            "status_label": status_label(self.status, lang), "target_rate_pct": self.target_rate_pct,
            "target_year": self.target_year, "reason": self.reason(lang), "origin": self.origin,
            "source": self.threshold.source, "evidence_status": self.threshold.status,
        }


@dataclass
class ResourceActSummary:
    """Every (category, fiscal year), oldest first, the messages, and the progress per category."""

    rows: list[CategoryYear]
    messages: list[Message]
    #: category -> progress dict (see :func:`gcpcalc.store.trends.target_progress`), for categories with a target
    progress: dict[str, dict] = field(default_factory=dict)
    #: (category, fiscal year) known from the store's history only
    history: list[CategoryYear] = field(default_factory=list)

    def current(self, category: str | None = None) -> list[CategoryYear]:
        return [r for r in self.rows if category is None or r.category == category]

    def latest(self) -> dict[str, CategoryYear]:
        """The latest fiscal year of each category of this assessment."""
        out: dict[str, CategoryYear] = {}
        for r in self.rows:
            if r.category not in out or r.fiscal_year > out[r.category].fiscal_year:
                out[r.category] = r
        return out

    @property
    def obligated(self) -> list[CategoryYear]:
        return [r for r in self.latest().values() if r.status == ABOVE]

    def to_dict(self, lang: str = "en") -> dict:
        return {"rows": [r.to_dict(lang) for r in self.rows], "history": [r.to_dict(lang) for r in self.history],
                "progress": self.progress, "messages": [m.to_dict() for m in self.messages],
                "evidence_note": EVIDENCE_NOTE[1 if lang == "ja" else 0]}


# --------------------------------------------------------------------------------------------------
# the arithmetic
# --------------------------------------------------------------------------------------------------
def _msg(code: str, severity: str, row: int | None, fid: str | None, value: Any, en: str, ja: str) -> Message:
    table = F.TABLES["resource_act"]
    if fid:
        f = table.field(fid)
        en, ja = f"{f.label_en}: {en}", f"{f.label_ja}：{ja}"
    return Message(code, severity, en, ja, table="resource_act", row=row, field=fid, value=value)


def _aggregate(rows: Iterable[dict], origin: str = "current",
               messages: list[Message] | None = None) -> list[CategoryYear]:
    """Group validated ``resource_act`` rows by (category, fiscal year); messages are appended to ``messages``."""
    out: dict[tuple[str, int], CategoryYear] = {}
    msgs = messages if messages is not None else []
    targets: dict[tuple[str, int], tuple[float, int | None, str]] = {}
    for i, r in enumerate(rows, 1):
        cat, fy = r.get("category"), r.get("fiscal_year")
        if cat not in THRESHOLDS or fy is None:
            continue
        fy = int(fy)
        lid = str(r.get("line_id") or i)
        cy = out.setdefault((cat, fy), CategoryYear(cat, fy, origin=origin))
        cy.line_ids.append(lid)
        if r.get("description"):
            cy.descriptions.append(str(r["description"]))
        units = r.get("units")
        if units is None:
            if THRESHOLDS[cat].unit == "units":
                cy.units_missing.append(lid)
                msgs.append(_msg("resource_act_units_missing", WARNING, i, "units", None,
                                 f"line {lid} ({enum_label(cat, 'en')}, FY{fy}) gives no units produced or imported: "
                                 "the threshold is decided on the other lines only where they already reach it.",
                                 f"行 {lid}（{enum_label(cat, 'ja')}、{fy}年度）に製造・輸入販売台数がありません。"
                                 "他の行だけで基準に達する場合を除き、対象かどうかは判定できません。"))
        else:
            cy.units = (cy.units or 0.0) + float(units)
        use = r.get("packaging_use")
        if use is not None and cat != "plastic_packaging":
            msgs.append(_msg("resource_act_use_ignored", INFO, i, "packaging_use", use,
                             f"given for {enum_label(cat, 'en')}; it applies to plastic packaging only and is ignored.",
                             f"{enum_label(cat, 'ja')}の行に入力されています。プラスチック製容器包装の行にのみ使うため、無視しました。"))
        excluded = cat == "plastic_packaging" and use in EXCLUDED_PACKAGING_USES
        if cat == "plastic_packaging" and use is None:
            msgs.append(_msg("resource_act_use_missing", WARNING, i, "packaging_use", None,
                             f"line {lid}: packaging use not given; counted as in scope (food other than PET bottles "
                             "and pharmaceuticals would be excluded).",
                             f"行 {lid}：容器包装の用途が未入力のため、対象に含めて計算しました（PETボトル以外の食品用と"
                             "医薬品用であれば対象外です）。"))
        # masses in t
        factor = FACTORS["mass"][r.get("mass_unit") or "t"]
        per_unit = r.get("mass_basis") == "per_unit"
        plastic = r.get("plastic_mass")
        pre = float(r.get("recycled_preconsumer_mass") or 0.0)
        post = float(r.get("recycled_postconsumer_mass") or 0.0)
        if per_unit and units is None:
            cy.mass_missing.append(lid)
            msgs.append(_msg("resource_act_per_unit_without_units", WARNING, i, "mass_basis", "per_unit",
                             f"line {lid}: masses are per unit but no units are given; its masses are left out.",
                             f"行 {lid}：質量が1台当たりですが台数の入力がないため、この行の質量は集計から除きました。"))
            continue
        mult = factor * (float(units) if per_unit else 1.0)
        if plastic is None:
            cy.mass_missing.append(lid)
            if pre or post:
                msgs.append(_msg("resource_act_plastic_missing", WARNING, i, "plastic_mass", None,
                                 f"line {lid} gives recycled plastic but no plastic mass; the line is left out of the "
                                 "use rate.",
                                 f"行 {lid} は再生プラスチックの入力がありますがプラスチック使用量がないため、利用率の計算から除きました。"))
            continue
        plastic_t, pre_t, post_t = float(plastic) * mult, pre * mult, post * mult
        if pre + post > float(plastic) * (1 + 1e-9):
            msgs.append(_msg("resource_act_recycled_over_plastic", WARNING, i, None, pre + post,
                             f"Line {lid}: recycled plastic ({pre + post:g}) exceeds the plastic used ({float(plastic):g}); "
                             "the use rate is shown as computed (above 100 % if so): check the data.",
                             f"行 {lid}：再生プラスチック（{pre + post:g}）がプラスチック使用量（{float(plastic):g}）を"
                             "上回っています。利用率はそのまま計算しています（100%を超えることがあります）。入力を確認してください。"))
        if excluded:
            cy.excluded_t += plastic_t
            cy.excluded_lines.append(lid)
            continue
        cy.plastic_t = (cy.plastic_t or 0.0) + plastic_t
        cy.recycled_pre_t += pre_t
        cy.recycled_post_t += post_t
        for key, target in (("measures", cy.measures), ("evidence_ref", cy.evidence),
                            ("certification_scheme", cy.certification)):
            if r.get(key) and str(r[key]) not in target:
                target.append(str(r[key]))
        if r.get("mass_balance") is not None:
            cy.mass_balance = bool(r["mass_balance"]) or bool(cy.mass_balance)
        rate, year = r.get("target_rate_pct"), r.get("target_year")
        if rate is not None:
            if year is None:
                msgs.append(_msg("resource_act_target_year_missing", WARNING, i, "target_year", None,
                                 f"line {lid}: a target rate without a target year; progress is not computed for it.",
                                 f"行 {lid}：目標年度のない目標値です。この目標の進捗は計算しません。"))
            key = (cat, fy)
            if key in targets and (targets[key][0], targets[key][1]) != (float(rate), year):
                msgs.append(_msg("resource_act_target_conflict", WARNING, i, "target_rate_pct", rate,
                                 f"line {lid}: differs from the target of line {targets[key][2]} for the same category "
                                 f"and fiscal year; the first one is used.",
                                 f"行 {lid}：同じ区分・年度の行 {targets[key][2]} の目標と異なります。先の行の目標を使います。"))
            else:
                targets.setdefault(key, (float(rate), None if year is None else int(year), lid))
    for key, (rate, year, _lid) in targets.items():
        out[key].target_rate_pct, out[key].target_year = rate, year
    return [out[k] for k in sorted(out, key=lambda k: (F.RESOURCE_ACT_CATEGORIES.index(k[0]), k[1]))]


def history_from_revisions(revisions: Iterable[Any]) -> list[CategoryYear]:
    """(category, fiscal year) figures of saved periods (store revisions with their data), the latest period
    winning where two periods hold the same fiscal year."""
    from ..models import validate_assessment

    found: dict[tuple[str, int], CategoryYear] = {}
    for info in revisions:
        data = getattr(info, "data", None)
        if not isinstance(data, dict) or not data.get("resource_act"):
            continue
        assessment, _ = validate_assessment(data)
        if assessment is None:
            continue
        for cy in _aggregate(assessment.resource_act, origin="history"):
            found[(cy.category, cy.fiscal_year)] = cy
    return list(found.values())


def saved_history(name: str, url: str | None = None) -> list[CategoryYear]:
    """:func:`history_from_revisions` of ``name`` in an existing store ([] when there is none; never creates one)."""
    import sqlalchemy as sa

    from ..store.db import Store, StoreError, default_url

    url = url or default_url()
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        from pathlib import Path

        if not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).exists():
            return []
    try:
        with Store(url) as store:
            return history_from_revisions(store.latest_revisions(name))
    except StoreError:
        return []


def _progress(rows: list[CategoryYear], history: list[CategoryYear], name: str) -> dict[str, dict]:
    from ..store.db import Target
    from ..store.trends import target_progress

    out: dict[str, dict] = {}
    for cat in F.RESOURCE_ACT_CATEGORIES:
        mine = [r for r in rows if r.category == cat]
        with_target = [r for r in mine if r.target_rate_pct is not None and r.target_year is not None]
        if not with_target:
            continue
        tgt = max(with_target, key=lambda r: r.fiscal_year)
        years: dict[int, float | None] = {h.fiscal_year: h.use_rate_pct for h in history if h.category == cat}
        years.update({r.fiscal_year: r.use_rate_pct for r in mine})
        series = sorted(years.items())
        target = Target(name, f"resource_act.{cat}.recycled_plastic_pct", int(tgt.target_year),
                        float(tgt.target_rate_pct))
        p = target_progress(target, series)
        p["years"] = [y for y, _ in series]
        p["values"] = [v for _, v in series]
        p["from_history"] = sorted({h.fiscal_year for h in history if h.category == cat} - {r.fiscal_year for r in mine})
        out[cat] = p
    return out


def evaluate(assessment: Any, history: Iterable[CategoryYear] | None = None) -> ResourceActSummary:
    """The Resource Act figures of an assessment (an :class:`~gcpcalc.models.Assessment` or its JSON dict).

    ``history``: figures of saved periods (:func:`saved_history`); this assessment's fiscal years win."""
    rows_in = assessment.get("resource_act") if isinstance(assessment, dict) else getattr(assessment, "resource_act", [])
    org = assessment.get("organisation") if isinstance(assessment, dict) else getattr(assessment, "organisation", {})
    messages: list[Message] = []
    rows = _aggregate(rows_in or [], "current", messages)
    mine = {(r.category, r.fiscal_year) for r in rows}
    hist = [h for h in (history or []) if (h.category, h.fiscal_year) not in mine]
    name = (org or {}).get("name") or ""
    return ResourceActSummary(rows, messages, _progress(rows, hist, name), sorted(
        hist, key=lambda h: (F.RESOURCE_ACT_CATEGORIES.index(h.category), h.fiscal_year)))
