"""Plotly figures of the shared breakdowns (:mod:`gcpcalc.document.breakdowns`, also used by the Excel
and PDF reports). Labels are applied when a figure is drawn, so cached data serves both languages.
"""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..i18n import enum_label
from .texts import t

from ..document.breakdowns import (DISPOSAL, DIVERTED, HAZARD_CLASSES, INFLOW_CATEGORIES,  # noqa: F401
                                   compute_breakdowns, inflow_composition, outflow_by_destination, sankey_links,
                                   waste_by_treatment)


def chart_data(tables, results) -> dict:
    """The shared breakdowns (:mod:`gcpcalc.document.breakdowns`) in the form the figures below take."""
    return compute_breakdowns(tables, results).as_chart_data()


# ------------------------------------------------------------------------------------------------
# figures
# ------------------------------------------------------------------------------------------------
def _label(key: str, lang: str) -> str:
    from .texts import TEXTS

    if key in TEXTS:
        return t(key, lang)
    if key in ("", "none"):
        return t("none_option", lang)
    return enum_label(key, lang)


def _layout(fig, title: str):
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      font=dict(family="Noto Sans CJK JP, Hiragino Sans, Meiryo, sans-serif"))
    return fig


def inflow_figure(comp: pd.DataFrame, lang: str):
    if comp is None or len(comp) == 0:
        return None
    df = comp.assign(material=comp["material"].map(lambda k: _label(k, lang)),
                     category=comp["category"].map(lambda k: _label(k, lang)))
    fig = px.bar(df, x="material", y="mass_t", color="category",
                 category_orders={"category": [t(c, lang) for c in INFLOW_CATEGORIES]},
                 labels={"material": t("material", lang), "mass_t": t("mass_t", lang), "category": ""})
    return _layout(fig, t("chart_inflow", lang))


def outflow_figure(out: pd.DataFrame, lang: str):
    """Outflow by flow type, split by route: waste by treatment, products and by-products by recovered /
    not recovered (``routes`` of the shared breakdowns); products never appear under waste-treatment names."""
    if out is None or len(out) == 0:
        return None
    if "route" not in out:  # the old destination x flow type frame
        out = out.rename(columns={"destination": "route"})
    from ..document.texts import node_label

    df = out.assign(route=out["route"].map(lambda k: node_label(k, lang) if k in ("recovered", "not_recovered")
                                           else _label(k, lang)),
                    flow_type=out["flow_type"].map(lambda k: _label(k, lang)))
    fig = px.bar(df, x="flow_type", y="mass_t", color="route",
                 labels={"flow_type": t("flow_type", lang) if "flow_type" in _app_texts() else "",
                         "mass_t": t("mass_t", lang), "route": ""})
    return _layout(fig, t("chart_outflow", lang))


def _app_texts():
    from .texts import TEXTS

    return TEXTS


def sankey_figure(links: list[tuple[str, str, float]], lang: str):
    if not links:
        return None
    keys: list[str] = []
    for s, d, _ in links:
        for k in (s, d):
            if k not in keys:
                keys.append(k)
    fig = go.Figure(go.Sankey(
        node=dict(label=[_label(k, lang) for k in keys], pad=18, thickness=16),
        link=dict(source=[keys.index(s) for s, _, _ in links], target=[keys.index(d) for _, d, _ in links],
                  value=[v for _, _, v in links]),
        valueformat=",.1f", valuesuffix=" t"))
    return _layout(fig, t("chart_sankey", lang))


def waste_figure(rows: list[tuple[str, str, float]], lang: str):
    if not rows:
        return None
    df = pd.DataFrame(rows, columns=["hazard", "treatment", "mass_t"])
    order = [_label(x, lang) for x in DIVERTED + DISPOSAL]
    df["hazard"] = df["hazard"].map(lambda k: t(k, lang))
    df["treatment"] = df["treatment"].map(lambda k: _label(k, lang))
    fig = px.bar(df, x="treatment", y="mass_t", color="hazard", barmode="group",
                 category_orders={"treatment": order},
                 labels={"treatment": t("treatment", lang), "mass_t": t("mass_t", lang), "hazard": ""})
    return _layout(fig, t("chart_waste", lang))
