"""Results screens: KPI tiles, charts, framework tables with datapoint ids, formula and inputs on demand.

Every figure is an :class:`~gcpcalc.indicators.base.IndicatorResult` of the engine; this module only
formats it (rounding at presentation) and lays it out.
"""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from .. import fields as F
from ..i18n import enum_label, ui, unit_label
from . import charts, state
from .texts import t

#: (text key of the tile, indicator id)
KPIS: tuple[tuple[str, str], ...] = (
    ("kpi_circular_inflow", "cti.circular_inflow_pct"),
    ("kpi_circular_outflow", "cti.circular_outflow_pct"),
    ("kpi_material_circularity", "cti.material_circularity_pct"),
    ("kpi_critical_inflow", "cti.critical_inflow_pct"),
    ("kpi_renewable_energy", "cti.renewable_energy_pct"),
    ("kpi_water_circularity", "cti.water_circularity_pct"),
    ("kpi_lifetime_ratio", "cti.actual_lifetime_ratio"),
    ("kpi_cmp", "cti.circular_material_productivity"),
    ("kpi_waste_diverted", "esrs_e5_2026.waste_diverted_pct"),
)


def format_value(value, unit: str, lang: str = "en", currency: str = "") -> str:
    """Presentation of one figure: % with 1 decimal, t with 1 decimal and separators, ratios with 2,
    MCI (0–1) with 3, productivity without decimals; None as 'not computable'."""
    if value is None:
        return ui("not_computable", lang)
    if isinstance(value, str):
        return ui(value, lang) if value in ("pass", "fail") else value
    if isinstance(value, float) and math.isnan(value):
        return ui("not_computable", lang)
    if unit == "%":
        return f"{value:,.1f} %"
    if unit in ("t", "m3", "MWh", "t CO2e"):
        return f"{value:,.1f} {'m³' if unit == 'm3' else unit}"
    if unit == "0-1":
        return f"{value:.3f}"
    if unit == "ratio":
        return f"{value:,.2f} 倍" if lang == "ja" else f"{value:,.2f}"
    if unit.startswith("currency"):
        cur = currency or "currency"
        return f"{value:,.0f} {cur}{unit[len('currency'):]}"
    if currency and unit == currency:  # money in the organisation's currency (CTI revenue)
        return f"{value:,.0f} {unit}"
    if unit.endswith("/t"):  # productivity: money per tonne, already in the organisation's currency
        return f"{value:,.0f} {unit_label(unit, lang)}"
    return f"{value:,.4g} {unit}".strip()


def render_kpis(results, lang: str, currency: str = "", columns: int = 3, title: str | None = None,
                stale: bool = False) -> None:
    """The headline tiles; ``stale`` marks them as the last valid results (not those of the data as it is)."""
    head = t("headline", lang) if title is None else title
    if stale:
        head += f"（{t('stale_head', lang)}）" if lang == "ja" else f" ({t('stale_head', lang)})"
    st.subheader(head)
    cols = st.columns(columns)
    for i, (key, iid) in enumerate(KPIS):
        r = results.get(iid) if results is not None else None
        with cols[i % columns]:
            if r is None:
                st.metric(t(key, lang), "—", help=t(key, lang))
                continue
            help_ = f"{r.label(lang)}\n\n{ui('formula', lang)}: {r.definition.formula(lang)}"
            if not r.computable and r.reason(lang):
                help_ += f"\n\n{ui('reason', lang)}: {r.reason(lang)}"
            if stale:
                help_ = f"{t('stale_head', lang)}\n\n" + help_
            shown = format_value(r.value, r.unit, lang, currency)
            if r.unit.endswith("/t") and isinstance(r.value, (int, float)) and abs(r.value) >= 100_000:
                # a tile is narrow: large money per tonne in thousands (the exact figure in the help)
                help_ = f"{shown}\n\n" + help_
                unit = unit_label(r.unit, lang)
                shown = f"{r.value / 1000:,.0f} 千{unit}" if lang == "ja" else f"{r.value / 1000:,.0f}k {unit}"
            st.metric(t(key, lang), shown, help=help_, border=True)


def results_frame(items, lang: str, currency: str = "", datapoints: bool = False) -> pd.DataFrame:
    rows = []
    for r in items:
        row = {}
        if datapoints:
            row[t("datapoint", lang)] = r.definition.datapoint or ""
        row[ui("indicator", lang)] = r.label(lang)
        row[ui("value", lang)] = format_value(r.value, r.unit, lang, currency)
        row[ui("reason", lang)] = r.reason(lang) or ""
        rows.append(row)
    df = pd.DataFrame(rows)
    if len(df) and df[ui("reason", lang)].eq("").all():
        df = df.drop(columns=[ui("reason", lang)])
    return df


def _current_assessment():
    from . import state

    return state.current_evaluation().assessment


def render_details(items, lang: str, key: str) -> None:
    """Formula, clause, evidence status, inputs and reason of the indicator chosen."""
    items = list(items)
    if not items:
        return
    ids = [r.id for r in items]
    by_id = {r.id: r for r in items}
    chosen = st.selectbox(t("details", lang), ids, index=None, key=key, placeholder="…",
                          format_func=lambda i: by_id[i].label(lang))
    if chosen is None:
        return
    r = by_id[chosen]
    d = r.definition
    st.markdown(f"**{r.label(lang)}**")
    st.markdown(f"**{ui('formula', lang)}**: {d.formula(lang)}")
    meta = f"**{t('clause', lang)}**: {d.clause_text(lang)}  \n**{t('evidence', lang)}**: {ui(d.status, lang) if d.status in ('assumed', 'confirmed') else ui('secondary', lang) if d.status == 'secondary' else d.status}"
    if d.datapoint:
        meta += f"  \n**{t('datapoint', lang)}**: {d.datapoint}"
    st.markdown(meta)
    if not r.computable:
        st.warning(f"{ui('not_computable', lang)}: {r.reason(lang) or ''}")
    from .why import render_why

    render_why(getattr(st.session_state, "gc_why_assessment", None) or _current_assessment(), r.id, lang, key)
    if r.inputs:
        from .inputs import inputs_frame

        st.markdown(f"**{t('inputs', lang)}**")
        st.dataframe(inputs_frame(r.inputs, lang, t("inputs_name", lang), ui("value", lang)), hide_index=True,
                     width="stretch", placeholder="", key=f"{key}_inputs")


def render_section(title: str, items, lang: str, key: str, currency: str = "", datapoints: bool = False) -> None:
    items = list(items)
    if title:
        st.subheader(title)
    if not items:
        st.caption(t("no_indicators", lang))
        return
    st.dataframe(results_frame(items, lang, currency, datapoints), hide_index=True, width="stretch",
                 placeholder="", key=f"{key}_df")
    render_details(items, lang, f"{key}_details")


def render_charts(evaluation, lang: str) -> None:
    st.subheader(t("charts", lang))
    data = evaluation.charts or {}
    # the figures of one evaluation are built once per language and kept with it: a rerun that changed
    # nothing (a click elsewhere, a page visit) draws the same figures again without rebuilding them
    built = evaluation.figures.get(lang)
    if built is None:
        built = evaluation.figures[lang] = [
            ("chart_inflow", charts.inflow_figure(data.get("inflow"), lang)),
            ("chart_outflow", charts.outflow_figure(data.get("routes") if data.get("routes") is not None
                                                    else data.get("outflow"), lang)),
            ("chart_sankey", charts.sankey_figure(data.get("sankey"), lang)),
            ("chart_waste", charts.waste_figure(data.get("waste"), lang)),
        ]
    figs = built
    tabs = st.tabs([t(k, lang) for k, _ in figs])
    for tab, (k, fig) in zip(tabs, figs):
        with tab:
            if fig is None:
                st.caption(t("no_chart_data", lang))
            else:
                st.plotly_chart(fig, width="stretch", key=f"gc_chart_{k}")


def render_gcp_frame(assessment, lang: str) -> None:
    org = assessment.organisation
    rows = []
    for fid in ("assessment_level", "use_case", "maturity", "boundary_note"):
        f = F.ORGANISATION.field(fid)
        v = org.get(fid)
        rows.append({ui("indicator", lang): f.label(lang),
                     ui("value", lang): enum_label(v, lang) if f.kind == "enum" and v else (v or "")})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="gc_gcp_frame")


def status_banner(evaluation, lang: str) -> bool:
    """Errors / engine problems in one line; True when there are results to show."""
    if evaluation.errors:
        st.error(t("no_results", lang) + " — " + t("n_errors_total", lang, n=len(evaluation.errors)))
        st.button(t("go_form", lang), on_click=state.goto, args=("form",), key="gc_banner_go_form")
        return False
    if evaluation.engine_error or evaluation.results is None:
        st.warning(t("engine_missing", lang, detail=evaluation.engine_error or ""))
        return False
    return True


def results_to_show(lang: str):
    """The evaluation to show on a results screen: the current one, or the last valid one of the same data
    with a banner and the list of what to fix; None (after saying why) when there is nothing to show."""
    from . import live

    current, last = live.evaluations()
    if current.errors:
        live.stale_notice(current, last, lang)
        st.button(t("go_form", lang), on_click=state.goto, args=("form",), key="gc_banner_go_form")
        return last, True
    if current.engine_error or current.results is None:
        st.warning(t("engine_missing", lang, detail=current.engine_error or ""))
        return None, False
    return current, False


def render(lang: str) -> None:
    st.header(t("page_results", lang))
    st.caption(state.source_label(lang))
    evaluation, stale = results_to_show(lang)
    if evaluation is None:
        return
    results = evaluation.results
    currency = evaluation.assessment.organisation.get("currency") or ""
    render_kpis(results, lang, currency, stale=stale)
    default_share = results.get("cti.circular_outflow_default_recovery_pct")
    if default_share is not None and default_share.value:
        st.caption(f"{default_share.label(lang)}：{default_share.value:.1f}%" if lang == "ja"
                   else f"{default_share.label(lang)}: {default_share.value:.1f} %")
    render_charts(evaluation, lang)
    render_section(t("sec_cti", lang), results.framework("cti"), lang, "gc_sec_cti", currency)
    from . import impact_section  # CTI revenue, GHG impact, avoided emissions by material, factor upload

    impact_section.render(evaluation, lang, currency)
    render_section(t("sec_iso", lang), results.framework("iso59020"), lang, "gc_sec_iso", currency)
    render_section(t("sec_esrs", lang), results.framework("esrs_e5"), lang, "gc_sec_esrs", currency, datapoints=True)
    from ..document.build import bio_sourcing_note

    note = bio_sourcing_note(results, evaluation.assessment.organisation if evaluation.assessment else {}, lang)
    if note:
        st.caption(note)
    render_section(t("sec_esrs_2026", lang), results.framework("esrs_e5_2026"), lang, "gc_sec_esrs26", currency)
    st.subheader(t("sec_gcp", lang))
    st.markdown(f"**{t('sec_gcp_frame', lang)}**")
    render_gcp_frame(evaluation.assessment, lang)
    render_section("", results.framework("gcp"), lang, "gc_sec_gcp", currency)
    render_section(t("sec_mci", lang), results.framework("mci"), lang, "gc_sec_mci", currency)
    render_section(t("sec_dq", lang), results.framework("dq"), lang, "gc_sec_dq", currency)
    if evaluation.warnings:
        from .form import show_messages

        with st.expander(t("n_warnings_total", lang, n=len(evaluation.warnings))):
            show_messages(evaluation.warnings, lang, "gc_results_warnings")
