"""Results page: CTI revenue by segment and the GHG impact of inflows, with a chart of avoided emissions
by material and the upload of an emission factor file.

Every figure comes from the engine (:mod:`gcpcalc.indicators.cti_value_impact`) through the plain-data
section :func:`gcpcalc.value_impact_section.section`; this module lays it out. An uploaded factor file
is checked here (every problem named with its entry and field); a valid one is kept in
``st.session_state.gc_factors`` and the engine merges it over the shipped factors.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ..value_impact_section import section
from .results import format_value

_T: dict[str, tuple[str, str]] = {
    "upload": ("Emission factors (TOML, optional)", "排出係数ファイル（TOML、任意）"),
    "upload_help": ("Adds to or replaces the shipped factors by material; the layout is that of "
                    "templates/emission_factors.toml.",
                    "既定の係数に追加し、同じ素材の係数を置き換えます。書式は templates/emission_factors.toml と同じです。"),
    "upload_ok": ("Factors of {name} are used ({n} entries).", "{name} の排出係数を使用しています（{n} 件）。"),
    "upload_bad": ("{name} has errors and is not used; the shipped factors are used:",
                   "{name} にエラーがあるため使用していません。既定の係数を使用しています："),
    "defaults": ("Shipped factors are used (UK Government GHG Conversion Factors, Material use; OGL v3.0). Their "
                 "values are not yet confirmed against the official workbook: check them before relying on them.",
                 "既定の係数（英国政府の企業報告用温室効果ガス換算係数のうち素材使用の係数、OGL v3.0）を使用しています。値は公式の"
                 "ワークブックとの照合が済んでいないため、使用の前に確認してください。"),
    "chart": ("GHG emissions avoided by material (t CO2e)", "素材別の GHG 排出削減量（t CO2e）"),
    "actual": ("Actual", "実際"),
    "linear": ("All virgin", "全量バージン材"),
    "no_chart": ("No GHG figures to chart: no inflow line has an emission factor for its material.",
                 "グラフにする GHG の数値がありません：素材の排出係数がある行がありません。"),
    "factors_used": ("Emission factors used", "使用した排出係数"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _T[key]
    text = ja if lang == "ja" else en
    return text.format(**kw) if kw else text


def avoided_figure(rows: list[dict], lang: str):
    """Horizontal bars of avoided t CO2e per material, with actual and all-virgin emissions alongside;
    None when there is nothing to draw."""
    rows = [r for r in rows if isinstance(r.get("avoided_tco2e"), (int, float))]
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: r["avoided_tco2e"])
    names = [str(r["material"]) for r in rows]
    fig = go.Figure()
    fig.add_bar(y=names, x=[r["avoided_tco2e"] for r in rows], orientation="h", name=_t("chart", lang),
                text=[f"{r['avoided_tco2e']:,.0f}" for r in rows], textposition="auto",
                customdata=[[r["actual_tco2e"], r["linear_tco2e"]] for r in rows],
                hovertemplate=("%{y}: %{x:,.1f} t CO2e<br>" + _t("actual", lang) + " %{customdata[0]:,.1f} / "
                               + _t("linear", lang) + " %{customdata[1]:,.1f}<extra></extra>"))
    fig.update_layout(title=_t("chart", lang), margin=dict(l=10, r=10, t=50, b=10), showlegend=False,
                      xaxis_title="t CO2e", height=120 + 40 * len(rows),
                      font=dict(family="Noto Sans CJK JP, Hiragino Sans, Meiryo, sans-serif"))
    return fig


@st.cache_data(show_spinner=False, max_entries=4)
def check_factor_file(data: bytes, name: str):
    """(number of entries or None, messages) of an uploaded factor file merged over the shipped factors."""
    from ..emission_factors import load_factors

    factors, messages = load_factors(data, name)
    return (None if factors is None else len(factors)), messages


def render_factor_upload(lang: str) -> None:
    ss = st.session_state
    upload = st.file_uploader(_t("upload", lang), type=["toml"], key="gc_factor_upload",
                              help=_t("upload_help", lang))
    if upload is None:
        ss.pop("gc_factors", None)
        st.caption(_t("defaults", lang))
        return
    data = upload.getvalue()
    n, messages = check_factor_file(data, upload.name)
    if n is None:
        ss.pop("gc_factors", None)
        st.error(_t("upload_bad", lang, name=upload.name))
        for m in messages:
            st.markdown(f"- {m.text(lang)}")
        return
    if ss.get("gc_factors") != (upload.name, data):
        ss.gc_factors = (upload.name, data)
        st.rerun()  # the results above were computed with the previous factors
    st.success(_t("upload_ok", lang, name=upload.name, n=n))
    for m in messages:  # replaced shipped entries
        st.caption(m.text(lang))


def _table_frame(table: dict, lang: str, currency: str) -> pd.DataFrame:
    cols = table["columns"]
    rows = list(table["rows"]) + ([table["total"]] if table.get("total") else [])
    out = []
    for row in rows:
        rec = {}
        for c in cols:
            v = row.get(c["key"])
            head = c["label"]
            if c["key"] == "year" and isinstance(v, int):
                rec[head] = str(v)  # 2026, not 2,026 (as the report shows it)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                unit = c["unit"]
                if unit == "t CO2e/t":
                    rec[head] = f"{v:,.3f}"
                elif unit == "%":
                    rec[head] = format_value(v, "%", lang)
                elif unit in ("t", "t CO2e"):
                    rec[head] = f"{v:,.1f}"
                elif unit == currency and currency:
                    rec[head] = f"{v:,.0f}"
                else:
                    rec[head] = f"{v:,}" if isinstance(v, int) else f"{v:,.2f}"
            else:
                rec[head] = "" if v is None else str(v)
        out.append(rec)
    return pd.DataFrame(out)


def render(evaluation, lang: str, currency: str = "") -> None:
    """The section on the results page (after the CTI table)."""
    results = evaluation.results
    if results is None:
        return
    data = section(results, lang, currency)
    st.subheader(data["title"])
    cols = st.columns(max(1, min(3, len(data["headline"]))))
    for i, fig in enumerate(data["headline"]):
        with cols[i % len(cols)]:
            help_ = fig["id"] + (f"\n\n{fig['reason']}" if fig["reason"] else "")
            st.metric(fig["label"], format_value(fig["value"], fig["unit"], lang, currency), help=help_, border=True)
    tables = {t_["id"]: t_ for t_ in data["tables"]}
    if "segments" in tables:
        st.markdown(f"**{tables['segments']['title']}**")
        st.dataframe(_table_frame(tables["segments"], lang, currency), hide_index=True, width="stretch",
                     key="gc_vi_segments")
    fig = avoided_figure(tables["ghg_by_material"]["rows"] if "ghg_by_material" in tables else [], lang)
    if fig is None:
        st.caption(_t("no_chart", lang))
    else:
        st.plotly_chart(fig, width="stretch", key="gc_vi_chart")
    if "ghg_by_material" in tables:
        st.dataframe(_table_frame(tables["ghg_by_material"], lang, currency), hide_index=True, width="stretch",
                     key="gc_vi_materials")
    render_factor_upload(lang)
    if "factors" in tables:
        with st.expander(_t("factors_used", lang)):
            st.dataframe(_table_frame(tables["factors"], lang, currency), hide_index=True, width="stretch",
                         key="gc_vi_factors")
    for note in data["notes"]:
        st.caption(note)
