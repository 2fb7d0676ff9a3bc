"""Chart data (breakdowns of the normalised tables and of engine results) and plotly figures.

The breakdowns only split masses the engine already normalised (t, fractions) by material, category,
destination and flow type; indicator values (percentages, ratios) are never recomputed here. Labels are
applied when a figure is drawn, so cached data serves both languages.
"""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..i18n import enum_label
from .texts import t

INFLOW_CATEGORIES = ("cat_recycled", "cat_reused", "cat_renewable_sustainable", "cat_renewable_other", "cat_virgin")
DIVERTED = ("preparation_for_reuse", "recycling", "other_recovery")
DISPOSAL = ("incineration", "landfill", "other_disposal")
HAZARD_CLASSES = ("hazardous", "non_hazardous")


def inflow_composition(inflows: pd.DataFrame) -> pd.DataFrame:
    """Inflow mass (t) by material and circularity category: columns material, category, mass_t.

    Categories split each line's mass by its shares: recycled (pre + post-consumer), reused, virgin
    renewable sustainably sourced, other virgin renewable, and the rest (virgin non-renewable)."""
    if inflows is None or len(inflows) == 0:
        return pd.DataFrame(columns=["material", "category", "mass_t"])
    m = inflows["mass_t"].fillna(0.0)
    pre = inflows["recycled_preconsumer_frac"].fillna(0.0)
    post = inflows["recycled_postconsumer_frac"].fillna(0.0)
    reused = inflows["reused_frac"].fillna(0.0)
    ren = inflows["renewable_frac"].fillna(0.0)
    sust = inflows["sustainably_sourced_frac"].fillna(0.0)
    parts = pd.DataFrame({
        "material": inflows["material"].fillna("").astype(str),
        "cat_recycled": m * (pre + post),
        "cat_reused": m * reused,
        "cat_renewable_sustainable": m * ren * sust,
        "cat_renewable_other": m * ren * (1.0 - sust),
        "cat_virgin": m * (1.0 - pre - post - reused - ren).clip(lower=0.0),
    })
    long = parts.melt(id_vars="material", var_name="category", value_name="mass_t")
    out = long.groupby(["material", "category"], as_index=False, sort=False)["mass_t"].sum()
    return out[out["mass_t"] > 0].reset_index(drop=True)


def outflow_by_destination(outflows: pd.DataFrame) -> pd.DataFrame:
    """Outflow mass (t) by destination and flow type: columns destination, flow_type, mass_t."""
    if outflows is None or len(outflows) == 0:
        return pd.DataFrame(columns=["destination", "flow_type", "mass_t"])
    df = pd.DataFrame({
        "destination": outflows["destination"].fillna("none").astype(str),
        "flow_type": outflows["flow_type"].astype(str),
        "mass_t": outflows["mass_t"].fillna(0.0),
    })
    return df.groupby(["destination", "flow_type"], as_index=False, sort=False)["mass_t"].sum()


def sankey_links(inflow_comp: pd.DataFrame, outflows: pd.DataFrame) -> list[tuple[str, str, float]]:
    """Links (source key, target key, t): inflow categories -> organisation -> flow types ->
    recovered / not recovered (by each line's actual recovery)."""
    links: list[tuple[str, str, float]] = []
    if inflow_comp is not None and len(inflow_comp):
        by_cat = inflow_comp.groupby("category", sort=False)["mass_t"].sum()
        for cat in INFLOW_CATEGORIES:
            if by_cat.get(cat, 0.0) > 0:
                links.append((cat, "organisation_node", float(by_cat[cat])))
    if outflows is not None and len(outflows):
        m = outflows["mass_t"].fillna(0.0)
        ar = outflows["ar_frac"].fillna(0.0)
        df = pd.DataFrame({"flow_type": outflows["flow_type"].astype(str), "rec": m * ar, "not": m * (1.0 - ar),
                           "m": m})
        g = df.groupby("flow_type", sort=False)[["m", "rec", "not"]].sum()
        for ft in ("product", "by_product", "waste"):
            if ft in g.index and g.loc[ft, "m"] > 0:
                links.append(("organisation_node", ft, float(g.loc[ft, "m"])))
                if g.loc[ft, "rec"] > 0:
                    links.append((ft, "recovered", float(g.loc[ft, "rec"])))
                if g.loc[ft, "not"] > 0:
                    links.append((ft, "not_recovered", float(g.loc[ft, "not"])))
    return links


def waste_by_treatment(results) -> list[tuple[str, str, float]]:
    """(hazard class, treatment, t) from the engine's ESRS E5 diverted / disposal figures."""
    out: list[tuple[str, str, float]] = []
    if results is None:
        return out
    for h in HAZARD_CLASSES:
        for group, treatments in (("diverted", DIVERTED), ("disposal", DISPOSAL)):
            for x in treatments:
                v = results.value(f"esrs_e5.{group}.{h}.{x}_t")
                if isinstance(v, (int, float)) and v > 0:
                    out.append((h, x, float(v)))
    return out


def chart_data(tables, results) -> dict:
    comp = inflow_composition(tables.inflows)
    return {
        "inflow": comp,
        "outflow": outflow_by_destination(tables.outflows),
        "sankey": sankey_links(comp, tables.outflows),
        "waste": waste_by_treatment(results),
    }


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
    if out is None or len(out) == 0:
        return None
    df = out.assign(destination=out["destination"].map(lambda k: _label(k, lang)),
                    flow_type=out["flow_type"].map(lambda k: _label(k, lang)))
    fig = px.bar(df, x="destination", y="mass_t", color="flow_type",
                 labels={"destination": t("destination", lang), "mass_t": t("mass_t", lang), "flow_type": ""})
    return _layout(fig, t("chart_outflow", lang))


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
