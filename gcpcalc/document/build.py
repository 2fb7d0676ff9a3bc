"""Build the :class:`~gcpcalc.document.model.Document` of an assessment from its Results.

Nothing here computes an indicator: values come from :class:`~gcpcalc.indicators.base.Results`, masses per
material / business unit / route from :mod:`gcpcalc.document.breakdowns`, verdicts from the procurement
checker, trends and targets from the store.

Adding a section is one function and one call::

    from gcpcalc.document import register_section, Section, Table, Column

    def ghg_section(ctx):                      # ctx: the Context below
        rows = [[r.label(ctx.lang), ctx.num(r)] for r in ctx.results.with_prefix("ghg.")]
        return Section("ghg", "GHG impact", [Table("ghg", "", [Column("…", "wrap", 40), Column("t", "num")], rows)],
                       sheet="GHG")

    register_section("ghg", ghg_section, after="mci")

The section then appears in the Excel report (a sheet) and in the PDF (a chapter). A builder returns
None to leave its section out (e.g. no data).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from .. import fields as F
from ..i18n import enum_label, severity_label, ui, unit_label
from ..indicators.base import FRAMEWORKS, IndicatorResult, Results
from ..messages import Message
from . import breakdowns as B
from .model import Chart, Column, Document, Meta, Num, Section, Table, Text
from .texts import node_label, tx

#: the key figures of the executive summary, in order
KEY_FIGURES = (
    "cti.circular_inflow_pct", "cti.circular_outflow_pct", "cti.circular_outflow_default_recovery_pct",
    "cti.material_circularity_pct", "cti.inflow_t", "cti.outflow_t", "esrs_e5.waste_total_t", "esrs_e5.hazardous_t", "esrs_e5.nonrecycled_pct",
    "cti.critical_inflow_pct", "cti.renewable_energy_pct", "cti.water_circularity_pct",
    "cti.actual_lifetime_ratio", "mci.company", "cti.circular_material_productivity",
)
_STATUS = {"confirmed": ("confirmed", "確認済み"), "assumed": ("assumed", "仮定"),
           "secondary": ("secondary source", "二次情報")}


def evidence_label(status: str, lang: str) -> str:
    en, ja = _STATUS.get(status, (status, status))
    return ja if lang == "ja" else en


@dataclass
class Context:
    """Everything a section builder may read."""

    results: Results
    assessment: Any
    lang: str
    tables: Any = None
    breakdowns: B.Breakdowns | None = None
    messages: list[Message] = field(default_factory=list)
    trend: dict | None = None
    procurement_results: list | None = None

    @property
    def org(self) -> dict:
        return dict(self.assessment.organisation) if self.assessment is not None else {}

    def num(self, item: IndicatorResult | None) -> Num:
        if item is None:
            return Num(None, "", None)
        v = item.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return Num(None, item.unit, item.reason(self.lang))
        return Num(float(v), item.unit, None)

    def t(self, key: str, **kw) -> str:
        return tx(key, self.lang, **kw)


SectionBuilder = Callable[[Context], "Section | None"]
_REGISTRY: list[tuple[str, SectionBuilder]] = []


def register_section(key: str, builder: SectionBuilder, after: str | None = None, before: str | None = None) -> None:
    """Add (or replace) the section ``key``; placed after / before another key, else at the end
    (before the inputs)."""
    global _REGISTRY
    _REGISTRY = [(k, b) for k, b in _REGISTRY if k != key]
    keys = [k for k, _ in _REGISTRY]
    if after in keys:
        i = keys.index(after) + 1
    elif before in keys:
        i = keys.index(before)
    elif "inputs" in keys:
        i = keys.index("inputs")
    else:
        i = len(keys)
    _REGISTRY.insert(i, (key, builder))


def section_keys() -> list[str]:
    return [k for k, _ in _REGISTRY]


# ----------------------------------------------------------------------------------------------------
# shared tables
# ----------------------------------------------------------------------------------------------------
def indicator_table(ctx: Context, key: str, items: Iterable[IndicatorResult], title: str = "",
                    datapoints: bool = False) -> Table:
    """Id, indicator, value, unit, [ESRS datapoint], clause, evidence, reason — one row per figure."""
    lang = ctx.lang
    cols = [Column(ui("id", lang), "id", 30), Column(ui("indicator", lang), "wrap", 40),
            Column(ui("value", lang), "num", 13), Column(ui("unit", lang), "unit", 10)]
    if datapoints:
        cols.append(Column(ui("datapoint", lang), "id", 13))
    cols += [Column(ui("clause", lang), "wrap", 34), Column(ui("evidence", lang), "text", 13),
             Column(ui("reason", lang), "wrap", 34)]
    rows = []
    for item in items:
        n = ctx.num(item)
        row = [item.id, item.label(lang), n, unit_label(item.unit, lang)]
        if datapoints:
            row.append(item.definition.datapoint or "—")
        row += [item.definition.clause_text(lang), evidence_label(item.definition.status, lang),
                item.reason(lang) or ""]
        rows.append(row)
    return Table(key, title, cols, rows)


def _t_col(label: str, width: float = 14) -> Column:
    return Column(label, "num", width)


# ----------------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------------
def _period(org: dict, lang: str) -> str:
    start, end = org.get("period_start"), org.get("period_end")
    if not start or not end:
        return ""
    s, e = (d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]) for d in (start, end))
    if lang == "ja":
        return f"{s.year}年度（{s.year}年{s.month}月{s.day}日～{e.year}年{e.month}月{e.day}日）"
    return f"{s.isoformat()} – {e.isoformat()}"


def summary_section(ctx: Context, meta: Meta) -> Section:
    lang, org, res = ctx.lang, ctx.org, ctx.results
    facts = [
        [ui("organisation", lang), org.get("name") or ""],
        [ui("period", lang), meta.period],
        [F.ORGANISATION.field("boundary_note").label(lang), org.get("boundary_note") or "—"],
        [F.ORGANISATION.field("country").label(lang), org.get("country") or "—"],
        [F.ORGANISATION.field("sector").label(lang), org.get("sector") or "—"],
        [F.ORGANISATION.field("revenue").label(lang),
         Num(org.get("revenue"), org.get("currency") or "JPY") if org.get("revenue") is not None else "—"],
        [F.ORGANISATION.field("currency").label(lang), org.get("currency") or "—"],
        [ui("generated_at", lang), meta.generated_at],
        [tx("software_version", lang), meta.version],
        [tx("input_file", lang), meta.input_name or "—"],
        [ui("input_sha256", lang), meta.input_sha256 or "—"],
    ]
    facts_table = Table("facts", tx("report_facts", lang),
                        [Column(tx("item", lang), "text", 30), Column(ui("value", lang), "wrap", 70)], facts)
    blocks: list = []
    prev = _previous_values(ctx.trend, org)
    cols = [Column(ui("indicator", lang), "wrap", 40), Column(ui("value", lang), "num", 13),
            Column(ui("unit", lang), "unit", 12), Column(ui("evidence", lang), "text", 13)]
    if prev is not None:
        cols += [Column(tx("previous", lang) + (f" ({prev[0]})" if prev[0] else ""), "num", 13),
                 Column(tx("change", lang), "num", 11)]
    cols.append(Column(ui("id", lang), "id", 30))
    rows = []
    for kid in KEY_FIGURES:
        item = res.get(kid)
        if item is None:
            continue
        n = ctx.num(item)
        row = [item.label(lang), n, unit_label(item.unit, lang), evidence_label(item.definition.status, lang)]
        if prev is not None:
            pv = prev[1].get(kid)
            row.append(Num(pv, item.unit) if pv is not None else "—")
            change = (n.value - pv) if (pv is not None and n.value is not None) else None
            row.append(Num(change, "ratio" if item.unit == "0-1" else item.unit) if change is not None else "—")
        row.append(item.id)
        rows.append(row)
    blocks.append(Table("key_figures", tx("key_figures", lang), cols, rows))
    blocks.append(Text(tx("evidence_legend", lang), "note"))
    if prev is None:
        blocks.append(Text(tx("no_previous", lang), "muted"))
    targets = (ctx.trend or {}).get("targets") or []
    if targets:
        from ..store.trends import status_label

        trows = []
        for tg in targets:
            unit = tg.get("unit") or ""
            trows.append([tg.get("label_ja") if lang == "ja" else tg.get("label_en"),
                          str(tg.get("target_year") or ""), Num(tg.get("target_value"), unit),
                          Num(tg.get("latest_value"), unit),
                          Num(tg.get("progress_pct"), "%") if tg.get("progress_pct") is not None else "—",
                          status_label(tg.get("status") or "", lang)])
        blocks.append(Table("targets", tx("targets", lang),
                            [Column(ui("indicator", lang), "wrap", 40), Column(tx("target_year", lang), "text", 10),
                             Column(tx("target_value", lang), "num", 11), Column(tx("latest", lang), "num", 11),
                             Column(tx("progress", lang), "num", 11), Column(tx("status", lang), "text", 14)], trows))
    else:
        blocks.append(Text(tx("no_targets", lang), "muted"))
    blocks.append(facts_table)
    return Section("summary", tx("sec_summary", lang), blocks, sheet=ui("summary", lang), landscape=False)


def _previous_values(trend: dict | None, org: dict) -> tuple[str, dict[str, float | None]] | None:
    """(label, {id: value}) of the latest saved period that ends before this one, from the store's trend."""
    if not trend or not trend.get("periods"):
        return None
    end = str(org.get("period_end") or "")[:10]
    idx = [i for i, p in enumerate(trend["periods"]) if p["period_end"] < end] if end else []
    if not idx:
        return None
    i = idx[-1]
    values = {ind["id"]: ind["values"][i] for ind in trend.get("indicators", [])}
    p = trend["periods"][i]
    return f"{p['period_start']} – {p['period_end']}", values


def flows_section(ctx: Context) -> Section:
    lang, res, bd = ctx.lang, ctx.results, ctx.breakdowns
    blocks: list = []
    t_cols = lambda first: [Column(first, "wrap", 34), _t_col("t")]  # noqa: E731
    if bd.sankey:
        keys = {k for s, d, _ in bd.sankey for k in (s, d)}
        blocks.append(Chart("sankey", "sankey", tx("sankey", lang), table="sankey_links", unit="t",
                            links=list(bd.sankey), node_labels={k: node_label(k, lang) for k in keys}))
        blocks.append(Table("sankey_links", tx("sankey_table", lang),
                            [Column(tx("from", lang), "wrap", 30), Column(tx("to", lang), "wrap", 30), _t_col("t")],
                            [[node_label(s, lang), node_label(d, lang), Num(v, "t")] for s, d, v in bd.sankey]))
    cats = B.inflow_by_category(bd.inflow)
    if cats:
        blocks.append(Table("inflow_by_category", tx("inflow_by_category", lang), t_cols(tx("item", lang)),
                            [[node_label(c, lang), Num(v, "t")] for c, v in cats.items()]))
        blocks.append(Chart("inflow_pie", "pie", tx("inflow_by_category", lang), table="inflow_by_category", unit="t"))
    mats = B.material_table(bd.inflow)
    if mats:
        present = [c for c in B.INFLOW_CATEGORIES if any(m[1].get(c, 0) > 0 for m in mats)]
        cols = [Column(F.INFLOWS.field("material").label(lang), "wrap", 22)] + \
               [_t_col(node_label(c, lang) + " (t)", 13) for c in present] + [_t_col(ui("total", lang) + " (t)", 13)]
        rows = [[node_label(m, lang)] + [Num(parts.get(c, 0.0), "t") for c in present] + [Num(tot, "t")]
                for m, parts, tot in mats]
        blocks.append(Table("by_material", tx("by_material", lang), cols, rows))
    routes = bd.routes if bd.routes is not None else B.outflow_routes(getattr(ctx.tables, "outflows", None))
    if routes is not None and len(routes):
        by_type = routes.groupby("flow_type", sort=False)["mass_t"].sum()
        blocks.append(Table("outflow_by_flow_type", tx("outflow_by_flow_type", lang),
                            t_cols(F.OUTFLOWS.field("flow_type").label(lang)),
                            [[enum_label(ft, lang), Num(float(v), "t")] for ft, v in by_type.items()]))
        blocks.append(Chart("outflow_bar", "bar", tx("outflow_by_flow_type", lang), table="outflow_by_flow_type",
                            unit="t"))
        rows2 = [[enum_label(r.flow_type, lang),
                  tx("no_route", lang) if r.route == B.NONE_KEY else node_label(r.route, lang)
                  if r.route in ("recovered", "not_recovered") else enum_label(r.route, lang), Num(float(r.mass_t), "t")]
                 for r in routes.itertuples()]
        blocks.append(Table("outflow_by_route", tx("outflow_by_route", lang),
                            [Column(F.OUTFLOWS.field("flow_type").label(lang), "text", 14),
                             Column(tx("route", lang), "wrap", 30), _t_col("t")], rows2))
    if bd.business_units and not (len(bd.business_units) == 1 and bd.business_units[0][0] == B.NONE_KEY):
        blocks.append(Table("by_business_unit", tx("by_bu", lang),
                            [Column(F.INFLOWS.field("business_unit").label(lang), "wrap", 24),
                             _t_col(tx("inflow_t", lang)), _t_col(tx("circular_inflow_t", lang)),
                             _t_col(tx("outflow_t", lang))],
                            [[node_label(bu, lang), Num(i, "t"), Num(c, "t"), Num(o, "t")]
                             for bu, i, c, o in bd.business_units]))
    ids = ("cti.circular_inflow_pct", "cti.circular_outflow_pct", "cti.material_circularity_pct")
    rows = [[res[i].label(lang), ctx.num(res[i])] for i in ids if i in res]
    blocks.append(Table("circularity", ui("circularity", lang),
                        [Column(ui("indicator", lang), "wrap", 34), Column("%", "num", 12)], rows))
    if any(isinstance(r[1], Num) and r[1].value for r in rows):
        blocks.append(Chart("circularity_col", "column", ui("circularity", lang), table="circularity", unit="%",
                            percent_axis=True))
    total, haz = res.value("esrs_e5.waste_total_t"), res.value("esrs_e5.hazardous_t")
    non = (total - haz) if isinstance(total, (int, float)) and isinstance(haz, (int, float)) else None
    hz_rows = [[ui("hazardous", lang), Num(haz if isinstance(haz, (int, float)) else None, "t")],
               [ui("non_hazardous", lang), Num(non, "t")]]
    blocks.append(Table("hazardous_split", ui("hazardous_split", lang), t_cols(tx("item", lang)), hz_rows))
    if any(r[1].value for r in hz_rows):
        blocks.append(Chart("hazard_doughnut", "doughnut", ui("hazardous_split", lang), table="hazardous_split",
                            unit="t"))
    if bd.waste:
        blocks.append(Table("waste_by_treatment", tx("waste_by_treatment", lang),
                            [Column(tx("hazard_class", lang), "wrap", 20), Column(tx("treatment", lang), "wrap", 24),
                             _t_col("t")],
                            [[ui(h, lang), enum_label(x, lang), Num(v, "t")] for h, x, v in bd.waste]))
    order = ("sankey", "by_material", "by_business_unit", "inflow_by_category", "inflow_pie", "outflow_by_flow_type",
             "outflow_bar", "outflow_by_route", "circularity", "circularity_col", "hazardous_split", "hazard_doughnut",
             "waste_by_treatment", "sankey_links")
    blocks.sort(key=lambda b: order.index(b.key) if b.key in order else len(order))
    return Section("flows", tx("sec_flows", lang), blocks, sheet=tx("sec_flows", lang)[:31], landscape=False)


def framework_section(key: str, frameworks: tuple[str, ...], datapoints: bool = False,
                      extra: Callable[[Context], list] | None = None) -> SectionBuilder:
    def build(ctx: Context) -> Section:
        en, ja = FRAMEWORKS.get(key, (key, key))
        title = ja if ctx.lang == "ja" else en
        items = [r for fw in frameworks for r in ctx.results.framework(fw)]
        blocks: list = [indicator_table(ctx, key, items, "", datapoints)]
        if extra is not None:
            blocks += extra(ctx)
        short = {"cti": "CTI", "iso59020": "ISO 59020", "esrs_e5": "ESRS E5", "gcp": "GCP"}.get(key, key)
        return Section(key, title, blocks, sheet=short)
    return build


def bio_sourcing_note(results, organisation: dict, lang: str) -> str | None:
    """The certification schemes and the cascading principle beside the §31(b) figure (ESRS E5-4 §31(b))."""
    r = results.get("esrs_e5.bio_sustainably_sourced_pct")
    if r is None:
        return None
    from ..i18n import enum_label

    named = [s.strip() for s in str(r.inputs.get("certification_schemes") or "").split(",") if s.strip()]
    schemes = ("、" if lang == "ja" else ", ").join(enum_label(s, lang) for s in named) or (
        "—" if lang != "ja" else "記載なし")
    cascade = (organisation or {}).get("cascading_principle_note") or ("not stated" if lang != "ja" else "記載なし")
    if lang == "ja":
        return f"E5-4_03（§31(b)）の根拠：認証制度：{schemes}。カスケード利用の原則：{cascade}"
    return f"E5-4_03 (§31(b)): certification schemes: {schemes}. Cascading principle: {cascade}"


def _esrs_tables(ctx: Context) -> list:
    lang, res = ctx.lang, ctx.results
    out: list = []
    note = bio_sourcing_note(res, ctx.org, lang)
    if note:
        out.append(Text(note, "note"))
    specs = (("diverted", ui("diverted_table", lang), B.DIVERTED), ("disposal", ui("disposal_table", lang), B.DISPOSAL))
    for kind, title, ops in specs:
        cols = [Column(tx("waste_type", lang), "text", 24)]
        cols += [_t_col(enum_label(op, lang), 16) for op in ops] + [_t_col(ui("total", lang), 14)]
        rows = []
        for hz in B.HAZARD_CLASSES:
            rows.append([ui(hz, lang)] + [ctx.num(res.get(f"esrs_e5.{kind}.{hz}.{op}_t")) for op in ops]
                        + [ctx.num(res.get(f"esrs_e5.{kind}.{hz}.total_t"))])
        # column totals: the engine's totals per operation where it has them, else the sum of the two rows
        tot = [ui("total", lang)]
        for i, op in enumerate(ops, start=1):
            a, b = rows[0][i], rows[1][i]
            tot.append(Num(a.value + b.value, "t") if a.value is not None and b.value is not None
                       else Num(None, "t", a.reason or b.reason))
        tot.append(ctx.num(res.get(f"esrs_e5.{kind}.total_t")))
        rows.append(tot)
        out.append(Table(f"esrs_{kind}", title, cols, rows, total_rows=(2,)))
    # disclosure status of every E5-4 / E5-5 datapoint (gcpcalc.disclosure), narratives included
    from ..disclosure import disclosure_status

    disclosures = getattr(ctx.tables, "disclosures", None) if ctx.tables is not None else None
    rows = []
    for st in disclosure_status(res, disclosures):
        dp = st.datapoint
        rows.append([dp.id, dp.paragraph, dp.label(lang), st.status_label(lang),
                     st.reason(lang) or st.narrative or ""])
    out.append(Table("esrs_status", tx("disclosure_status", lang),
                     [Column(tx("datapoint_label", lang), "id", 13), Column("§", "text", 10),
                      Column(ui("indicator", lang), "wrap", 40), Column(tx("status", lang), "text", 16),
                      Column(ui("reason", lang), "wrap", 50)], rows))
    return out


def _gcp_frame(ctx: Context) -> list:
    lang, org = ctx.lang, ctx.org
    rows = []
    for fid in ("assessment_level", "use_case", "maturity", "boundary_note"):
        value = org.get(fid)
        rows.append([F.ORGANISATION.field(fid).label(lang), enum_label(value, lang) if value else "—"])
    note = ("GCP v1.0 は CTI・ISO 59020・ESRS E5 に基づきます。GCP 独自の定義が確認できない箇所は CTI の計算式を用いています"
            "（方法論を参照）。" if lang == "ja" else
            "GCP v1.0 builds on CTI, ISO 59020 and ESRS E5; where its own definitions are not confirmed the CTI "
            "formulas are used (see Methodology).")
    return [Table("gcp_frame", ui("gcp_frame", lang), [Column(tx("item", lang), "text", 30),
                                                        Column(ui("value", lang), "wrap", 60)], rows),
            Text(note, "muted")]


def mci_section(ctx: Context) -> Section:
    from ..units import FACTORS

    lang, res = ctx.lang, ctx.results
    products = {p["product_id"]: p for p in (ctx.assessment.products if ctx.assessment is not None else [])}
    cols = [Column(F.PRODUCTS.field("product_id").label(lang), "id", 20),
            Column(F.PRODUCTS.field("description").label(lang), "wrap", 40),
            Column("MCI", "num", 11), Column("LFI", "num", 11), Column("効用 X" if lang == "ja" else "Utility X", "num", 11),
            Column(F.PRODUCTS.field("mass").label(lang) + " (t)", "num", 14)]
    rows = []
    for item in res.with_prefix("mci.product."):
        pid = item.params.get("product_id") or item.id[len("mci.product."):]
        p = products.get(pid, {})
        mass = p.get("mass")
        rows.append([pid, p.get("description") or "", ctx.num(item), ctx.num(res.get(f"mci.product_lfi.{pid}")),
                     Num(res.value(f"mci.product_utility.{pid}"), "ratio"),
                     Num(None if mass is None else mass * FACTORS["mass"][p.get("mass_unit") or "t"], "t")])
    en, ja = FRAMEWORKS["mci"]
    company = [x for x in (res.get("mci.company"), res.get("mci.company_revenue_weighted")) if x is not None]
    return Section("mci", ja if lang == "ja" else en,
                   [Table("mci_products", "", cols, rows, empty_text=tx("no_data", lang)),
                    indicator_table(ctx, "mci_company", company)], sheet="MCI")


def procurement_section(ctx: Context) -> Section | None:
    if ctx.assessment is None or not ctx.assessment.procurement:
        return None
    lang = ctx.lang
    checks = ctx.procurement_results
    if checks is None:
        from ..procurement.checker import check_assessment
        from ..procurement.rules import load_default_rules

        ruleset, _ = load_default_rules()
        checks = check_assessment(ctx.assessment, ruleset)[0] if ruleset is not None else []
        ctx.procurement_results = checks
    rows = []
    for c in checks:
        rows.append([c.product_id, c.description or "", c.rule_id, c.rule.criterion(lang),
                     ui("not_applicable" if c.status == "not_applicable" else c.status, lang),
                     Num(c.recycled_pct, "%"), Num(c.postconsumer_pct, "%"),
                     c.reason(lang) or ("" if c.rule.status == "confirmed" else ui("unconfirmed_flag", lang))])
    cols = [Column(ui("product_id", lang), "id", 14), Column(F.PRODUCTS.field("description").label(lang), "wrap", 24),
            Column(ui("rule_id", lang), "id", 18), Column(ui("criterion", lang), "wrap", 40),
            Column(ui("verdict", lang), "text", 10), Column(ui("recycled_pct", lang), "num", 10),
            Column(ui("postconsumer_pct", lang), "num", 12), Column(ui("note", lang), "wrap", 40)]
    return Section("procurement", tx("sec_procurement", lang),
                   [Table("procurement", tx("procurement_summary", lang), cols, rows)], sheet=ui("procurement", lang))


def dq_section(ctx: Context) -> Section:
    lang = ctx.lang
    msgs = list(ctx.messages) + list(ctx.results.messages)
    blocks: list = [indicator_table(ctx, "dq", ctx.results.framework("dq"))]
    rows = [[severity_label(m.severity, lang), m.where(), m.code, m.text(lang)] for m in msgs]
    blocks.append(Table("messages", ui("messages", lang),
                        [Column(ui("severity", lang), "text", 10), Column(ui("location", lang), "wrap", 24),
                         Column(ui("code", lang), "id", 18), Column(ui("message", lang), "wrap", 80)], rows,
                        empty_text=ui("no_messages", lang)))
    return Section("dq", tx("sec_dq", lang), blocks, sheet=ui("data_quality", lang))


def methodology_section(ctx: Context) -> Section:
    lang = ctx.lang
    rows, seen = [], set()
    for item in ctx.results.values():
        d = item.definition
        if d.id in seen:
            continue
        seen.add(d.id)
        en, ja = FRAMEWORKS.get(d.framework, (d.framework, d.framework))
        rows.append([d.id, ja if lang == "ja" else en, d.label(lang), d.clause_text(lang), d.formula(lang),
                     d.datapoint or "—",
                     evidence_label(d.status, lang)])
    cols = [Column(ui("id", lang), "id", 30), Column(ui("framework", lang), "wrap", 16),
            Column(ui("indicator", lang), "wrap", 32), Column(ui("clause", lang), "wrap", 32),
            Column(ui("formula", lang), "wrap", 56), Column(ui("datapoint", lang), "id", 12),
            Column(ui("evidence", lang), "text", 13)]
    return Section("methodology", tx("sec_methodology", lang),
                   [Text(ui("assumption_note", lang), "muted"), Table("methodology", "", cols, rows)],
                   sheet=ui("methodology", lang))


def inputs_section(ctx: Context) -> Section | None:
    """Organisation record and table sizes (the Excel report echoes every line on its own input sheets)."""
    if ctx.assessment is None:
        return None
    lang = ctx.lang
    from .numbers import format_number

    rows = []
    for fld in F.ORGANISATION.fields:
        v = ctx.org.get(fld.id)
        if v is None:
            shown = "—"
        elif fld.kind == "enum":
            shown = enum_label(str(v), lang)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            shown = format_number(float(v), "currency" if fld.unit == "currency" else "")
        else:
            shown = str(v)
        rows.append([fld.label(lang), shown])
    counts = []
    tb = ctx.tables
    for tid in F.LIST_TABLES:
        n = len(ctx.assessment.table(tid))
        mass = None
        if tb is not None and tid in ("inflows", "outflows", "products"):
            mass = float(getattr(tb, tid)["mass_t"].fillna(0.0).sum())
        counts.append([F.TABLES[tid].label(lang), Num(float(n), "count"), Num(mass, "t") if mass is not None else "—"])
    return Section("inputs", tx("sec_inputs", lang), [
        Table("input_organisation", F.ORGANISATION.label(lang),
              [Column(tx("item", lang), "text", 30), Column(ui("value", lang), "wrap", 70)], rows),
        Table("input_counts", tx("input_counts", lang),
              [Column(tx("item", lang), "text", 30), Column(tx("lines", lang), "num", 12),
               Column(tx("total_mass_t", lang), "num", 16)], counts),
        Text(tx("inputs_note", lang), "note")], sheet="", excel=False)


for _key, _builder in (
    ("flows", flows_section),
    ("cti", framework_section("cti", ("cti",))),
    ("iso59020", framework_section("iso59020", ("iso59020",))),
    ("esrs_e5", framework_section("esrs_e5", ("esrs_e5", "esrs_e5_2026"), datapoints=True, extra=_esrs_tables)),
    ("gcp", framework_section("gcp", ("gcp",), extra=_gcp_frame)),
    ("mci", mci_section),
    ("procurement", procurement_section),
    ("dq", dq_section),
    ("methodology", methodology_section),
    ("inputs", inputs_section),
):
    register_section(_key, _builder)


def _tables_of(results: Results, assessment):
    """The normalised tables of ``assessment``: those the results were computed from when they are its tables
    (the same number of lines in every table), else normalised again."""
    from ..tables import normalise

    tb = getattr(results, "tables", None)
    if tb is not None and all(len(getattr(tb, t)) == len(getattr(assessment, t, None) or [])
                              for t in ("inflows", "products", "outflows", "water", "energy", "procurement")):
        return tb
    return normalise(assessment)


def build_document(results: Results, assessment, lang: str = "ja", *, tables=None, messages=None,
                   trend: dict | None = None, procurement_results=None, input_name: str = "",
                   input_sha256: str = "", generated_at: dt.datetime | None = None,
                   progress: Callable[[str, float], None] | None = None, japan_history=None,
                   scenario=None) -> Document:
    """The document of ``results`` (and of ``assessment``, for the breakdowns and the input facts)."""
    lang = "ja" if lang == "ja" else "en"
    if tables is None and assessment is not None:
        tables = _tables_of(results, assessment)
    bd = B.compute_breakdowns(tables, results) if tables is not None else B.Breakdowns(
        B.inflow_composition(None), B.outflow_by_destination(None), [], B.waste_by_treatment(results))
    ctx = Context(results, assessment, lang, tables, bd, list(messages or []), trend, procurement_results)
    ctx.japan_history = japan_history  # Resource Act figures of saved periods (gcpcalc.japan.saved_history)
    ctx.scenario, ctx.scenario_comparison = None, None
    if scenario is not None and assessment is not None:  # a what-if scenario beside the figures (gcpcalc.scenario)
        from ..scenario import run_scenario

        ctx.scenario = scenario
        ctx.scenario_comparison = run_scenario(assessment.to_json_dict(), scenario)
    org = ctx.org
    meta = Meta(ui("report_title", lang), org.get("name") or "", _period(org, lang),
                generated_at or dt.datetime.now(dt.timezone.utc).astimezone(), __version__, input_name, input_sha256)
    sections = [summary_section(ctx, meta)]
    for i, (key, builder) in enumerate(_REGISTRY):
        if progress is not None:
            progress(key, (i + 1) / (len(_REGISTRY) + 1))
        s = builder(ctx)
        if s is not None:
            sections.append(s)
    doc = Document(lang, meta, sections)
    doc.context = ctx  # the renderers' access to the procurement verdicts and the assessment
    return doc
