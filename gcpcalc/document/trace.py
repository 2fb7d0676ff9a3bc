"""Where the figures come from: for each line-based figure, the sums it used and its largest contributing lines;
and the derived values per inflow and outflow line (mass in t, circular mass, ESRS class, critical mass counted,
recovery default used). Read from :mod:`gcpcalc.indicators.trace`; nothing is computed here."""
from __future__ import annotations

from ..i18n import ui
from .build import Context, register_section
from .model import Column, Num, Section, Table, Text

#: the figures traced first, in report order (every other line-based figure follows)
TRACED = (
    "cti.circular_inflow_pct", "cti.recycled_inflow_pct", "cti.critical_inflow_pct", "cti.circular_outflow_pct",
    "cti.circular_outflow_default_recovery_pct", "esrs_e5.bio_sustainably_sourced_pct", "esrs_e5.secondary_inflow_t",
    "esrs_e5.waste_total_t", "esrs_e5.nonrecycled_t", "iso59020.outflow_recycled_pct", "dq.inflow_evidenced_pct",
)
#: above this many lines the per-line tables are left to the JSON and the input sheets
MAX_LINES = 20_000
_T = {
    "title": ("Where the figures come from", "数値の根拠（内訳）"),
    "sums": ("Sums used", "算定に用いた合計"),
    "lines_title": ("Derived values per line", "行ごとの算定値"),
    "lines_note": ("The derived values of every inflow and outflow line (mass in t, circular mass, ESRS class, "
                   "critical mass counted, recovery default used) are on the Excel sheet 'Derived values per line'.",
                   "インフロー・アウトフローの各行の算定値（t 換算の質量、循環する質量、ESRS の区分、重要原材料として計上した"
                   "質量、処理方法の既定値の使用）は、Excel の「行ごとの算定値」シートに記載しています。"),
    "lines": ("Largest contributing lines", "寄与の大きい行"),
    "inflow_lines": ("Inflow lines: derived values", "インフロー行ごとの算定値"),
    "outflow_lines": ("Outflow lines: derived values", "アウトフロー行ごとの算定値"),
    "too_many": ("The per-line values of more than {n} lines are in the JSON output (compute --format json).",
                 "{n} 行を超える場合、行ごとの算定値は JSON 出力（compute --format json）を参照してください。"),
    "yes": ("yes", "はい"), "no": ("", ""),
    "line": ("Line", "行ID"), "mass": ("Mass (t)", "質量（t）"), "circular": ("Circular (t)", "循環する質量（t）"),
    "secondary": ("Recycled + reused (t)", "再生材＋リユース（t）"), "critical": ("Critical counted (t)", "重要原材料として計上（t）"),
    "material": ("Critical material", "重要原材料"), "whole": ("Whole line counted", "行全体を計上"),
    "evidence": ("Evidence", "根拠資料"), "rp": ("RP (%)", "回収可能率（%）"), "ar": ("AR (%)", "実回収率（%）"),
    "recovered": ("Recovered (t)", "回収された質量（t）"), "esrs": ("ESRS E5-5 class", "ESRS E5-5 の区分"),
    "default": ("Recovery default used", "処理方法の既定値を使用"), "flow": ("Flow type", "フロー種別"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _T[key]
    return (ja if lang == "ja" else en).format(**kw)


def _inputs_text(inputs: dict, lang: str) -> str:
    parts = []
    for k, v in inputs.items():
        if isinstance(v, float):
            parts.append(f"{k} = {v:,.2f}")
        elif isinstance(v, (int, str)) and v != "":
            parts.append(f"{k} = {v}")
    return "; ".join(parts)


def _class_label(cls: str | None, lang: str) -> str:
    if not cls:
        return ""
    from ..i18n import enum_label

    group, hazard, route = cls.split(".")
    words = {"diverted": ("diverted", "処分されなかった廃棄物"), "disposal": ("disposal", "処分された廃棄物"),
             "unknown": ("unknown", "処理方法が不明")}[group]
    return f"{words[1] if lang == 'ja' else words[0]}・{enum_label(hazard, lang)}・{enum_label(route, lang)}"


def trace_section(ctx: Context) -> Section | None:
    from ..indicators.trace import contributions, inflow_trace, outflow_trace

    lang, res, tb = ctx.lang, ctx.results, ctx.tables
    if tb is None:
        return None
    from ..indicators.trace import measure_of

    rows = []
    ids = list(TRACED) + [i for i in res if i not in TRACED and measure_of(i) is not None]
    for iid in ids:  # the headline figures first, then every other figure that is a sum over lines
        r = res.get(iid)
        if r is None or r.value is None:
            continue
        c = contributions(tb, iid, top=5)
        top = "" if c is None else "; ".join(f"{lid} {v:,.2f} t ({s:.1f}%)" for lid, v, s in zip(
            c.lines["line_id"], c.lines["contribution_t"], c.lines["share_pct"]))
        rows.append([r.label(lang), ctx.num(r), _inputs_text(r.inputs, lang), top])
    blocks: list = [Table("trace_figures", _t("title", lang),
                          [Column(ui("indicator", lang), "wrap", 30), Column(ui("value", lang), "num", 12),
                           Column(_t("sums", lang), "wrap", 50),
                           Column(_t("lines", lang), "wrap", 50)], rows)]
    blocks.append(Text(_t("lines_note", lang), "note"))
    return Section("trace", _t("title", lang), blocks, sheet=_t("title", lang)[:31])


def trace_lines_section(ctx: Context) -> Section | None:
    """The derived values per inflow and outflow line (Excel only: the PDF lists the figures' lines above)."""
    from ..indicators.trace import inflow_trace, outflow_trace

    lang, tb = ctx.lang, ctx.tables
    if tb is None:
        return None
    blocks: list = []
    n_in, n_out = len(tb.inflows), len(tb.outflows)
    if n_in + n_out > MAX_LINES:
        blocks.append(Text(_t("too_many", lang, n=f"{MAX_LINES:,}"), "note"))
        return Section("trace_lines", _t("lines_title", lang), blocks, sheet=_t("lines_title", lang)[:31], pdf=False)
    yes = lambda b: _t("yes", lang) if b else ""  # noqa: E731
    from ..critical import material_label

    ti = inflow_trace(tb.inflows)
    blocks.append(Table("trace_inflows", _t("inflow_lines", lang), [
        Column(_t("line", lang), "id", 14), Column(_t("mass", lang), "num", 12), Column(_t("circular", lang), "num", 12),
        Column(_t("secondary", lang), "num", 12), Column(_t("material", lang), "text", 16),
        Column(_t("critical", lang), "num", 12), Column(_t("whole", lang), "text", 10),
        Column(_t("evidence", lang), "text", 10)],
        [[lid, Num(m, "t"), Num(c, "t"), Num(s, "t"), material_label(cid, lang) if cid else "", Num(ct, "t"),
          yes(w), yes(e)] for lid, m, c, s, cid, ct, w, e in zip(
            ti["line_id"], ti["mass_t"], ti["circular_t"], ti["secondary_t"], ti["critical_id"], ti["critical_t"],
            ti["critical_whole_line"], ti["evidenced"])]))
    to = outflow_trace(tb.outflows)
    from ..i18n import enum_label

    blocks.append(Table("trace_outflows", _t("outflow_lines", lang), [
        Column(_t("line", lang), "id", 14), Column(_t("flow", lang), "text", 10), Column(_t("mass", lang), "num", 12),
        Column(_t("rp", lang), "num", 10), Column(_t("ar", lang), "num", 10), Column(_t("recovered", lang), "num", 12),
        Column(_t("circular", lang), "num", 12), Column(_t("esrs", lang), "wrap", 30),
        Column(_t("default", lang), "text", 10), Column(_t("evidence", lang), "text", 10)],
        [[lid, enum_label(ft, lang), Num(m, "t"), Num(rp, "%"), Num(ar, "%"), Num(rc, "t"), Num(c, "t"),
          _class_label(cls, lang), yes(d), yes(e)] for lid, ft, m, rp, ar, rc, c, cls, d, e in zip(
            to["line_id"], to["flow_type"], to["mass_t"], to["rp_pct"], to["ar_pct"], to["recovered_t"],
            to["circular_t"], to["esrs_class"], to["default_recovery"], to["evidenced"])]))
    return Section("trace_lines", _t("lines_title", lang), blocks, sheet=_t("lines_title", lang)[:31], pdf=False)


register_section("trace", trace_section, after="dq")
register_section("trace_lines", trace_lines_section, after="trace")
