""""Why this number": the lines behind an indicator, sortable, in the app.

The lines come from :func:`gcpcalc.indicators.trace.contributions` (the same lines the Excel report lists);
this module only lays them out. The normalised tables of the assessment on screen are kept in the session,
keyed by the assessment object, so choosing another indicator does not normalise the input again.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..i18n import enum_label

_TEXTS = {
    "why": ("Why this number: the lines behind it", "この値の根拠：内訳の行"),
    "line": ("Line", "行ID"),
    "contribution": ("Contribution (t)", "寄与量（t）"),
    "share": ("Share of the numerator (%)", "分子に占める割合（%）"),
    "not_line_based": ("This figure is not a sum over inflow or outflow lines.",
                       "この値はインフロー・アウトフローの行の合計ではありません。"),
    "no_lines": ("No line contributes to this figure.", "この値に寄与する行はありません。"),
    "measure": ("Summed per line: {measure} ({table})", "行ごとに合計した量：{measure}（{table}）"),
    "inflows": ("inflows", "インフロー"),
    "outflows": ("outflows", "アウトフロー"),
}
#: what each trace measure is, in words
_MEASURES = {
    "mass_t": ("mass", "質量"), "recycled_t": ("recycled mass", "再生材の質量"), "reused_t": ("reused mass", "リユース材の質量"),
    "secondary_t": ("recycled + reused mass", "再生材＋リユース材の質量"),
    "renewable_sustainable_t": ("sustainably sourced renewable mass", "持続可能に調達された再生可能資源の質量"),
    "circular_t": ("circular mass", "循環する質量"), "linear_t": ("linear mass", "リニアな質量"),
    "critical_t": ("critical-material mass", "重要原材料の質量"), "evidenced_t": ("mass with evidence", "根拠資料のある質量"),
    "recoverable_t": ("recoverable mass (m·RP)", "回収可能な質量（m·RP）"),
    "recovered_t": ("recovered mass (m·AR)", "回収された質量（m·AR）"),
    "circular_default_t": ("circular mass resting on the destination default", "処理方法の既定値に基づく循環質量"),
    "waste_t": ("waste mass", "廃棄物の質量"), "nonrecycled_t": ("non-recycled waste", "リサイクルされなかった廃棄物"),
    "hazardous_t": ("hazardous waste", "有害廃棄物"), "radioactive_t": ("radioactive waste", "放射性廃棄物"),
    "unknown_t": ("waste with unknown destination", "行先不明の廃棄物"), "class_t": ("waste of this class", "この区分の廃棄物"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


def measure_label(measure: str, lang: str) -> str:
    if measure.startswith("circular_") and measure not in _MEASURES:  # circular_<cycle>_t
        cycle = measure.removeprefix("circular_").removesuffix("_t")
        base = _MEASURES["circular_t"]
        return f"{base[1] if lang == 'ja' else base[0]} ({enum_label(cycle, lang)})"
    if measure.startswith("recovered_") and measure not in _MEASURES:  # recovered_<route>_t
        route = measure.removeprefix("recovered_").removesuffix("_t")
        base = _MEASURES["recovered_t"]
        return f"{base[1] if lang == 'ja' else base[0]} ({enum_label(route, lang)})"
    en, ja = _MEASURES.get(measure, (measure, measure))
    return ja if lang == "ja" else en


def contributions_frame(contrib, lang: str) -> pd.DataFrame:
    """The contributing lines as a display frame (line id, t, % of the numerator)."""
    return pd.DataFrame({
        _t("line", lang): contrib.lines["line_id"].astype(str),
        _t("contribution", lang): contrib.lines["contribution_t"].round(3),
        _t("share", lang): contrib.lines["share_pct"].round(1),
    })


def _tables_for(assessment):
    from ..tables import normalise

    cache = st.session_state.setdefault("_gc_why_tables", {})
    key = id(assessment)
    if key not in cache:
        cache.clear()  # one assessment at a time
        cache[key] = normalise(assessment)
    return cache[key]


def render_why(assessment, indicator_id: str, lang: str, key: str) -> None:
    """Show the lines behind ``indicator_id`` (sortable table), or say why there are none."""
    from ..indicators.trace import contributions

    if assessment is None:
        return
    contrib = contributions(_tables_for(assessment), indicator_id)
    st.markdown(f"**{_t('why', lang)}**")
    if contrib is None:
        st.caption(_t("not_line_based", lang))
        return
    st.caption(_t("measure", lang, measure=measure_label(contrib.measure, lang), table=_t(contrib.table, lang)))
    if len(contrib.lines) == 0:
        st.caption(_t("no_lines", lang))
        return
    st.dataframe(contributions_frame(contrib, lang), hide_index=True, width="stretch", key=f"{key}_why")
