"""Breakdowns of the material flows, computed once and shared by every output (app charts, Excel report, PDF).

They only split masses the engine already normalised (:mod:`gcpcalc.tables`: t, fractions) by material,
business unit, circularity category, flow type, destination and treatment; indicator values (percentages,
ratios) are never recomputed here. Keys are enum values or the entered text; labels are applied by the
renderers, so one computation serves both languages.

* :func:`inflow_composition` — inflow t by material × category (recycled, reused, renewable sustainable,
  renewable other, virgin non-renewable);
* :func:`outflow_by_destination` — outflow t by destination × flow type;
* :func:`sankey_links` — inflow categories → organisation → flow types → recovered / not recovered;
* :func:`waste_by_treatment` — the engine's ESRS E5-5 figures (hazard class × treatment);
* :func:`by_business_unit` — inflow and outflow t by business unit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

INFLOW_CATEGORIES = ("cat_recycled", "cat_reused", "cat_renewable_sustainable", "cat_renewable_other", "cat_virgin")
DIVERTED = ("preparation_for_reuse", "recycling", "other_recovery")
DISPOSAL = ("incineration", "landfill", "other_disposal")
HAZARD_CLASSES = ("hazardous", "non_hazardous")
FLOW_TYPES = ("product", "by_product", "waste")
#: key of lines without a destination / material / business unit
NONE_KEY = "none"


def inflow_composition(inflows: pd.DataFrame) -> pd.DataFrame:
    """Inflow mass (t) by material and circularity category: columns material, category, mass_t.

    Categories split each line's mass by its shares: recycled (pre + post-consumer), reused, virgin
    renewable sustainably sourced, other virgin renewable, and the rest (virgin non-renewable; a line whose
    shares add up to more than 100 % has no rest here, the engine warns about it)."""
    if inflows is None or len(inflows) == 0:
        return pd.DataFrame(columns=["material", "category", "mass_t"])
    m = inflows["mass_t"].fillna(0.0)
    pre = inflows["recycled_preconsumer_frac"].fillna(0.0)
    post = inflows["recycled_postconsumer_frac"].fillna(0.0)
    reused = inflows["reused_frac"].fillna(0.0)
    ren = inflows["renewable_frac"].fillna(0.0)
    sust = inflows["sustainably_sourced_frac"].fillna(0.0)
    parts = pd.DataFrame({
        "cat_recycled": m * (pre + post),
        "cat_reused": m * reused,
        "cat_renewable_sustainable": m * ren * sust,
        "cat_renewable_other": m * ren * (1.0 - sust),
        "cat_virgin": m * (1.0 - pre - post - reused - ren).clip(lower=0.0),
    })
    # grouped by the code of each line's material (the same sums, line by line, as grouping the material text):
    # rows by category, then by material in the order of first appearance
    codes, materials = _text_codes(inflows["material"], "")
    sums = parts.groupby(codes, sort=False).sum()
    n = len(sums)
    out = pd.DataFrame({"material": np.tile(materials[sums.index.to_numpy()], len(INFLOW_CATEGORIES)),
                        "category": np.repeat(np.array(INFLOW_CATEGORIES, dtype=object), n),
                        "mass_t": sums[list(INFLOW_CATEGORIES)].to_numpy().T.reshape(-1)})
    return out[out["mass_t"] > 0].reset_index(drop=True)


def _text_codes(values: pd.Series, blank: str, strip: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(code of each value, text of each code): the value as text (stripped if ``strip``), ``blank`` for a
    missing value, converted once per distinct value; equal texts share a code."""
    codes, distinct = pd.factorize(values.astype("object"), use_na_sentinel=True)
    text = pd.Series(distinct, dtype="object").astype("string")
    if strip:
        text = text.str.strip()
    text = text.fillna(blank).astype(str).tolist() + [blank]  # code -1 (missing) takes the last entry
    text_codes, texts = pd.factorize(np.array(text, dtype=object))
    return text_codes[codes], texts


def inflow_by_category(comp: pd.DataFrame) -> dict[str, float]:
    """Inflow t per circularity category (in :data:`INFLOW_CATEGORIES` order, zeros left out)."""
    if comp is None or len(comp) == 0:
        return {}
    by = comp.groupby("category", sort=False)["mass_t"].sum()
    return {c: float(by[c]) for c in INFLOW_CATEGORIES if by.get(c, 0.0) > 0}


def material_table(comp: pd.DataFrame) -> list[tuple[str, dict[str, float], float]]:
    """(material, {category: t}, total t) per material, largest first."""
    if comp is None or len(comp) == 0:
        return []
    wide = comp.pivot_table(index="material", columns="category", values="mass_t", aggfunc="sum", fill_value=0.0)
    wide["_total"] = wide.sum(axis=1)
    wide = wide.sort_values("_total", ascending=False)
    return [(str(mat), {c: float(row.get(c, 0.0)) for c in INFLOW_CATEGORIES}, float(row["_total"]))
            for mat, row in wide.iterrows()]


def outflow_by_destination(outflows: pd.DataFrame) -> pd.DataFrame:
    """Outflow mass (t) by destination and flow type: columns destination, flow_type, mass_t
    (destination ``"none"`` for lines without a route)."""
    if outflows is None or len(outflows) == 0:
        return pd.DataFrame(columns=["destination", "flow_type", "mass_t"])
    df = pd.DataFrame({
        "destination": outflows["destination"].fillna(NONE_KEY).astype(str),
        "flow_type": outflows["flow_type"].astype(str),
        "mass_t": outflows["mass_t"].fillna(0.0),
    })
    return df.groupby(["destination", "flow_type"], as_index=False, sort=False)["mass_t"].sum()


def outflow_routes(outflows: pd.DataFrame) -> pd.DataFrame:
    """Outflow mass (t) by flow type and route, never labelling products with waste-treatment names: waste by
    its destination (``"none"`` without one); products and by-products by ``recovered`` (m·AR) and
    ``not_recovered`` (m·(1 − AR)). Columns flow_type, route, mass_t, in flow-type order."""
    cols = ["flow_type", "route", "mass_t"]
    if outflows is None or len(outflows) == 0:
        return pd.DataFrame(columns=cols)
    m = outflows["mass_t"].fillna(0.0).to_numpy(dtype="float64")
    ar = outflows["ar_frac"].fillna(0.0).to_numpy(dtype="float64")
    ft = outflows["flow_type"].astype(str).to_numpy()
    waste = ft == "waste"
    parts = [pd.DataFrame({"flow_type": ft[waste], "route": outflows["destination"].fillna(NONE_KEY).astype(str)
                           .to_numpy()[waste], "mass_t": m[waste]})]
    for route, mass in (("recovered", m * ar), ("not_recovered", m * (1.0 - ar))):
        parts.append(pd.DataFrame({"flow_type": ft[~waste], "route": route, "mass_t": mass[~waste]}))
    df = pd.concat(parts, ignore_index=True)
    df = df.groupby(["flow_type", "route"], as_index=False, sort=False)["mass_t"].sum()
    order = {f: i for i, f in enumerate(FLOW_TYPES)}
    return df.sort_values("flow_type", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def destination_totals(out: pd.DataFrame) -> dict[str, float]:
    """Outflow t per destination, in the order of the data dictionary (``"none"`` last)."""
    from ..fields import DESTINATIONS

    if out is None or len(out) == 0:
        return {}
    by = out.groupby("destination", sort=False)["mass_t"].sum()
    order = list(DESTINATIONS) + [NONE_KEY]
    keys = sorted(by.index, key=lambda k: order.index(k) if k in order else len(order))
    return {k: float(by[k]) for k in keys}


def sankey_links(inflow_comp: pd.DataFrame, outflows: pd.DataFrame) -> list[tuple[str, str, float]]:
    """Links (source key, target key, t): inflow categories -> organisation -> flow types ->
    recovered / not recovered (by each line's actual recovery)."""
    links: list[tuple[str, str, float]] = []
    for cat, t in inflow_by_category(inflow_comp).items():
        links.append((cat, "organisation_node", t))
    if outflows is not None and len(outflows):
        m = outflows["mass_t"].fillna(0.0)
        ar = outflows["ar_frac"].fillna(0.0)
        df = pd.DataFrame({"flow_type": outflows["flow_type"].astype(str), "rec": m * ar, "not": m * (1.0 - ar),
                           "m": m})
        g = df.groupby("flow_type", sort=False)[["m", "rec", "not"]].sum()
        for ft in FLOW_TYPES:
            if ft in g.index and g.loc[ft, "m"] > 0:
                links.append(("organisation_node", ft, float(g.loc[ft, "m"])))
                if g.loc[ft, "rec"] > 0:
                    links.append((ft, "recovered", float(g.loc[ft, "rec"])))
                if g.loc[ft, "not"] > 0:
                    links.append((ft, "not_recovered", float(g.loc[ft, "not"])))
    return links


def waste_by_treatment(results) -> list[tuple[str, str, float]]:
    """(hazard class, treatment, t) from the engine's ESRS E5 diverted / disposal figures (zeros left out)."""
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


def by_business_unit(inflows: pd.DataFrame, outflows: pd.DataFrame) -> list[tuple[str, float, float, float]]:
    """(business unit, inflow t, circular inflow t, outflow t) per business unit, largest inflow first
    (``"none"``: lines without a business unit). Circular inflow t = mass × (recycled + reused + renewable
    sustainably sourced) of each line, the split of :func:`inflow_composition`."""
    # one row per line, inflow lines first, as columns (the business unit as a code per distinct text)
    texts, codes, cols = [], [], {"in_t": [], "circ_t": [], "out_t": []}
    for df, is_inflow in ((inflows, True), (outflows, False)):
        if df is None or not len(df):
            continue
        c, t = _text_codes(df["business_unit"], "", strip=True)
        codes.append(c + sum(len(x) for x in texts))
        texts.append(t)
        m = df["mass_t"].fillna(0.0)
        if is_inflow:
            circ = m * (df["recycled_preconsumer_frac"].fillna(0.0) + df["recycled_postconsumer_frac"].fillna(0.0)
                        + df["reused_frac"].fillna(0.0)
                        + df["renewable_frac"].fillna(0.0) * df["sustainably_sourced_frac"].fillna(0.0))
            zero = np.zeros(len(df))
            parts = (m.to_numpy(dtype="float64"), circ.to_numpy(dtype="float64"), zero)
        else:
            zero = np.zeros(len(df))
            parts = (zero, zero, m.to_numpy(dtype="float64"))
        for name, values in zip(cols, parts):
            cols[name].append(values)
    if not codes:
        return []
    names = np.concatenate(texts).astype(object)
    names[names == ""] = NONE_KEY
    name_codes, distinct = pd.factorize(names)  # a business unit of both tables: one code
    frame = pd.DataFrame({k: np.concatenate(v) for k, v in cols.items()})
    g = frame.groupby(name_codes[np.concatenate(codes)], sort=False)[["in_t", "circ_t", "out_t"]].sum()
    g.index = pd.Index(distinct[g.index.to_numpy()], dtype=object)
    g = g.sort_values(["in_t", "out_t"], ascending=False)
    return [(str(bu), float(r["in_t"]), float(r["circ_t"]), float(r["out_t"])) for bu, r in g.iterrows()]


@dataclass
class Breakdowns:
    """All breakdowns of one assessment (see the module docstring)."""

    inflow: pd.DataFrame
    outflow: pd.DataFrame
    sankey: list[tuple[str, str, float]]
    waste: list[tuple[str, str, float]]
    business_units: list[tuple[str, float, float, float]] = field(default_factory=list)

    routes: pd.DataFrame | None = None  # outflow by flow type and route (see outflow_routes)

    def as_chart_data(self) -> dict:
        """The dict the app's charts take (keys inflow, outflow, routes, sankey, waste)."""
        return {"inflow": self.inflow, "outflow": self.outflow, "routes": self.routes, "sankey": self.sankey,
                "waste": self.waste}


def compute_breakdowns(tables, results) -> Breakdowns:
    """Every breakdown of normalised ``tables`` (and the ESRS figures of ``results``)."""
    comp = inflow_composition(tables.inflows)
    return Breakdowns(
        inflow=comp,
        outflow=outflow_by_destination(tables.outflows),
        sankey=sankey_links(comp, tables.outflows),
        waste=waste_by_treatment(results),
        business_units=by_business_unit(tables.inflows, tables.outflows),
        routes=outflow_routes(tables.outflows),
    )
