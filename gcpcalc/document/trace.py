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


class _Traces:
    """The inflow and outflow traces of one set of tables, built once, and the contribution of each line to a
    figure's numerator: the same values, order and shares as :func:`gcpcalc.indicators.trace.contributions`
    (tests compare both for every figure), without rebuilding the traces for each figure."""

    def __init__(self, tables):
        self.tables = tables
        self._in = None
        self._out = None

    @staticmethod
    def _matcher(values):
        """``eq(test)``: the boolean array ``[v is not None and test(v) for v in values]``, with ``test`` called
        once per distinct value (the values are coded once; None and NaN never match)."""
        import numpy as np
        import pandas as pd

        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        uniques = list(uniques)
        cache: dict = {}

        def eq(test, key=None):
            found = cache.get(key) if key is not None else None
            if found is None:
                lookup = np.array([bool(test(u)) for u in uniques] + [False], dtype=bool)  # [-1]: no value
                found = lookup[codes]
                if key is not None:
                    cache[key] = found
            return found
        return eq

    def _inflows(self) -> dict:
        if self._in is None:
            import numpy as np

            from ..indicators.trace import inflow_trace

            df = self.tables.inflows
            tr = inflow_trace(df)
            self._in = {"tr": tr, "line_id": df["line_id"].to_numpy(dtype=object),
                        "critical_id": self._matcher(df["critical_id"].to_numpy(dtype=object)),
                        "linear_t": (tr["mass_t"] - tr["circular_t"]).clip(lower=0.0).to_numpy(),
                        "evidenced_t": np.where(tr["evidenced"], tr["mass_t"], 0.0)}
        return self._in

    def _outflows(self) -> dict:
        if self._out is None:
            from ..indicators.trace import outflow_trace

            df = self.tables.outflows
            tr = outflow_trace(df)
            dest = df["destination"]
            self._out = {
                "tr": tr, "df": df, "line_id": df["line_id"].to_numpy(dtype=object),
                "m": tr["mass_t"].to_numpy(), "waste": (tr["flow_type"] == "waste").to_numpy(dtype=bool),
                "dest": self._matcher(dest.to_numpy(dtype=object)),
                "dest_or_unspecified": self._matcher(
                    dest.astype("object").where(dest.notna(), "unspecified").to_numpy()),
                "cycle": self._matcher(df["cycle"].to_numpy(dtype=object)),
                "cls": self._matcher(tr["esrs_class"].to_numpy(dtype=object)),
            }
        return self._out

    def values(self, table: str, measure: str, indicator_id: str):
        """Each line's contribution (t) to the numerator of ``indicator_id`` (see ``contributions``)."""
        import numpy as np

        from ..indicators.trace import _class_matches

        if table == "inflows":
            d = self._inflows()
            if measure in ("linear_t", "evidenced_t"):
                values = d[measure]
            else:
                values = d["tr"][measure].to_numpy(dtype="float64")
            if indicator_id.startswith("cti.critical_inflow."):
                mid = indicator_id.removeprefix("cti.critical_inflow.").removesuffix("_t")
                values = np.where(d["critical_id"](lambda u: u == mid, ("id", mid)), values, 0.0)
            return d["line_id"], values
        d = self._outflows()
        tr, m, waste, cls = d["tr"], d["m"], d["waste"], d["cls"]
        if measure in ("mass_t", "recovered_t", "circular_t"):
            values = tr[measure].to_numpy(dtype="float64")
        elif measure == "recoverable_t":
            values = m * tr["rp_pct"].to_numpy() / 100.0
        elif measure == "circular_default_t":
            values = np.where(tr["default_recovery"], tr["circular_t"], 0.0)
        elif measure.startswith("circular_") and measure.endswith("_t"):
            cycle = measure.removeprefix("circular_").removesuffix("_t")
            values = np.where(d["cycle"](lambda u: u == cycle, cycle), tr["circular_t"], 0.0)
        elif measure.startswith("recovered_"):
            route = measure.removeprefix("recovered_").removesuffix("_t")
            values = np.where(d["dest"](lambda u: u == route, route), tr["recovered_t"], 0.0)
        elif measure == "waste_t":
            values = np.where(waste, m, 0.0)
        elif measure == "nonrecycled_t":
            values = np.where(waste & ~cls(lambda c: c.endswith(".recycling"), "recycling"), m, 0.0)
        elif measure == "hazardous_t":
            values = np.where(waste & d["df"]["hazardous"].to_numpy(dtype=bool), m, 0.0)
        elif measure == "radioactive_t":
            values = np.where(waste & d["df"]["radioactive"].to_numpy(dtype=bool), m, 0.0)
        elif measure == "unknown_t":
            values = np.where(cls(lambda c: c.startswith("unknown."), "unknown"), m, 0.0)
        elif measure == "evidenced_t":
            values = np.where(tr["evidenced"], m, 0.0)
        elif measure == "class_t":  # esrs_e5.diverted.<hazard>.<route>_t and totals
            parts = indicator_id.removeprefix("esrs_e5.").removesuffix("_t").split(".")
            values = np.where(cls(lambda c: _class_matches(c, parts)), m, 0.0)
        else:
            raise KeyError(measure)
        if indicator_id.startswith("cti.recovery_type."):
            dest = indicator_id.removeprefix("cti.recovery_type.").removesuffix("_pct")
            values = np.where(d["dest_or_unspecified"](lambda u: u == dest, dest), values, 0.0)
        return d["line_id"], values

    def top(self, indicator_id: str, top: int) -> tuple[list, list, list] | None:
        """(line ids, contributions in t, shares in %) of the ``top`` largest contributing lines, largest first
        (ties in input order); None when the figure is not a sum over lines."""
        import numpy as np

        from ..indicators.trace import measure_of

        found = measure_of(indicator_id)
        if found is None:
            return None
        table, measure = found
        ids, values = self.values(table, measure, indicator_id)
        total = float(values.sum())
        cand = np.flatnonzero(values > 0)
        if len(cand) > top:  # only the lines at or above the top-th largest value need sorting
            v = values[cand]
            kth = np.partition(v, len(v) - top)[len(v) - top]
            cand = cand[v >= kth]
        order = cand[np.argsort(-values[cand], kind="stable")][:top]
        contrib = values[order]
        share = (contrib / total * 100.0) if total > 0 else np.zeros(len(order))
        return list(ids[order]), list(contrib), list(share)


def trace_section(ctx: Context) -> Section | None:
    lang, res, tb = ctx.lang, ctx.results, ctx.tables
    if tb is None:
        return None
    from ..indicators.trace import measure_of

    traces = _Traces(tb)
    rows = []
    ids = list(TRACED) + [i for i in res if i not in TRACED and measure_of(i) is not None]
    for iid in ids:  # the headline figures first, then every other figure that is a sum over lines
        r = res.get(iid)
        if r is None or r.value is None:
            continue
        c = traces.top(iid, 5)
        top = "" if c is None else "; ".join(f"{lid} {v:,.2f} t ({s:.1f}%)" for lid, v, s in zip(*c))
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
