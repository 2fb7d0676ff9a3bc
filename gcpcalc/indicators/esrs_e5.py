"""ESRS E5 Resource use and circular economy: the 2023 datapoints (ids ``esrs_e5.*``) and the proportions of
the simplified 2026 text (ids ``esrs_e5_2026.*``).

Waste is the outflow lines with flow type ``waste``. Each waste line is classified by its destination:

==========================================  ===========================================
destination                                 ESRS E5-5 §37 class
==========================================  ===========================================
preparation_for_reuse                       diverted / preparation for reuse
recycling, composting                       diverted / recycling
other_recovery; energy_recovery with R1     diverted / other recovery
energy_recovery without R1; incineration    disposal / incineration
landfill                                    disposal / landfill
other_disposal                              disposal / other disposal
unknown                                     neither: its own line, and non-recycled
==========================================  ===========================================

The whole mass of a waste line goes to its class (the route it was sent to).

References
----------
.. [1] Commission Delegated Regulation (EU) 2023/2772, Annex I, ESRS E5, E5-4 §31 and E5-5 §36, §37, §39.
.. [2] EFRAG Q&A ID 400 (31 Oct 2024): non-recycled waste = total waste − recycled waste.
.. [3] EFRAG IG 3 datapoint list (ids E5-4_02 …, via third-party mirrors [secondary]).
.. [4] Revised ESRS E5 (C(2026) 5010), E5-5 para 16, incl. 16(e) unknown destination and revised AR 6 (R1)
   [secondary].
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .base import IndicatorResult
from .catalogue import not_computable, reason, result
from .cti import col, inflow_masses, lifetime_ratio, lifetime_weights, pct

HAZARD_CLASSES = ("hazardous", "non_hazardous")
DIVERTED_ROUTES = ("preparation_for_reuse", "recycling", "other_recovery")
DISPOSAL_ROUTES = ("incineration", "landfill", "other_disposal")
UNGROUPED = "ungrouped"


def classify_waste(waste: pd.DataFrame) -> np.ndarray:
    """The ESRS route of each waste line: one of DIVERTED_ROUTES, DISPOSAL_ROUTES or ``unknown``.

    Energy recovery counts as other recovery only when it meets the R1 efficiency criterion (WFD Annex II),
    else as incineration [assumed for the 2023 text; revised AR 6 [secondary]]; composting is recycling.
    """
    dest = waste["destination"].to_numpy(dtype=object)
    r1 = waste["energy_recovery_r1"].to_numpy(dtype=bool)
    conditions = [
        dest == "preparation_for_reuse",
        (dest == "recycling") | (dest == "composting"),
        (dest == "other_recovery") | ((dest == "energy_recovery") & r1),
        (dest == "incineration") | ((dest == "energy_recovery") & ~r1),
        dest == "landfill",
        dest == "other_disposal",
    ]
    choices = ["preparation_for_reuse", "recycling", "other_recovery", "incineration", "landfill", "other_disposal"]
    return np.select(conditions, choices, default="unknown")


def waste_lines(outflows: pd.DataFrame) -> pd.DataFrame:
    return outflows[outflows["flow_type"] == "waste"]


def waste_breakdown(waste: pd.DataFrame) -> dict:
    """Waste masses (t) by hazard class × route, with totals, as a plain dict of named sums."""
    m = col(waste, "mass_t")
    route = classify_waste(waste)
    hazard = np.where(waste["hazardous"].to_numpy(dtype=bool), "hazardous", "non_hazardous")
    cells = pd.Series(m).groupby([hazard, route]).sum()
    table = {(h, r): float(cells.get((h, r), 0.0)) for h in HAZARD_CLASSES
             for r in (*DIVERTED_ROUTES, *DISPOSAL_ROUTES, "unknown")}
    out = {"cells": table, "total_t": float(m.sum())}
    for h in HAZARD_CLASSES:
        out[f"diverted.{h}"] = sum(table[(h, r)] for r in DIVERTED_ROUTES)
        out[f"disposal.{h}"] = sum(table[(h, r)] for r in DISPOSAL_ROUTES)
        out[f"unknown.{h}"] = table[(h, "unknown")]
    out["diverted"] = sum(out[f"diverted.{h}"] for h in HAZARD_CLASSES)
    out["disposal"] = sum(out[f"disposal.{h}"] for h in HAZARD_CLASSES)
    out["unknown"] = sum(out[f"unknown.{h}"] for h in HAZARD_CLASSES)
    out["recycling"] = sum(table[(h, "recycling")] for h in HAZARD_CLASSES)
    out["hazardous_t"] = float(m[waste["hazardous"].to_numpy(dtype=bool)].sum())
    out["radioactive_t"] = float(m[waste["radioactive"].to_numpy(dtype=bool)].sum())
    return out


# ------------------------------------------------------------------------------------------------
# E5-4 resource inflows
# ------------------------------------------------------------------------------------------------


def inflow_total_t(inflows: pd.DataFrame) -> IndicatorResult:
    """Overall total weight of products and technical and biological materials used: Σ m_i [t].

    References: ESRS E5-4 §31(a), datapoint E5-4_02. [confirmed]
    """
    if len(inflows) == 0:
        return not_computable("esrs_e5.inflow_total_t", *reason("no_inflows"))
    total = float(col(inflows, "mass_t").sum())
    return result("esrs_e5.inflow_total_t", total, {"inflow_t": total})


def bio_sustainably_sourced_pct(inflows: pd.DataFrame) -> IndicatorResult:
    """% of biological materials sustainably sourced = Σ m_i ren_i sust_i / Σ m_i ren_i [%].

    Denominator: the virgin renewable (biological) content of the inflows [assumed reading of §31(b)].
    References: ESRS E5-4 §31(b), datapoint E5-4_03.
    """
    iid = "esrs_e5.bio_sustainably_sourced_pct"
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"))
    masses = inflow_masses(inflows)
    inputs = {"sustainably_sourced_biological_t": masses["renewable_sustainable_inflow_t"],
              "biological_t": masses["renewable_inflow_t"]}
    if masses["renewable_inflow_t"] <= 0:
        return not_computable(iid, "no inflow has renewable (biological) content", "再生可能（生物由来）含有のインフローがありません",
                              inputs)
    return result(iid, pct(masses["renewable_sustainable_inflow_t"], masses["renewable_inflow_t"]), inputs)


def _secondary_t(inflows: pd.DataFrame) -> float:
    masses = inflow_masses(inflows)
    return masses["recycled_inflow_t"] + masses["reused_inflow_t"]


def secondary_inflow_t(inflows: pd.DataFrame) -> IndicatorResult:
    """Weight of secondary reused or recycled components, intermediary products and materials [t].

    Σ m_i (pre_i + post_i + reused_i). References: ESRS E5-4 §31(c), datapoint E5-4_04. [confirmed]
    """
    if len(inflows) == 0:
        return not_computable("esrs_e5.secondary_inflow_t", *reason("no_inflows"))
    masses = inflow_masses(inflows)
    sec = masses["recycled_inflow_t"] + masses["reused_inflow_t"]
    return result("esrs_e5.secondary_inflow_t", sec, {"recycled_inflow_t": masses["recycled_inflow_t"],
                                                      "reused_inflow_t": masses["reused_inflow_t"]})


def secondary_inflow_pct(inflows: pd.DataFrame) -> IndicatorResult:
    """% secondary materials = secondary inflow / Σ m_i [%].

    References: ESRS E5-4 §31(c), datapoint E5-4_05. [confirmed]
    """
    iid = "esrs_e5.secondary_inflow_pct"
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"))
    total = float(col(inflows, "mass_t").sum())
    sec = _secondary_t(inflows)
    if total <= 0:
        return not_computable(iid, *reason("zero_inflow"), inputs={"inflow_t": 0.0})
    return result(iid, pct(sec, total), {"secondary_inflow_t": sec, "inflow_t": total})


# ------------------------------------------------------------------------------------------------
# E5-5 resource outflows: products
# ------------------------------------------------------------------------------------------------


def durability_ratio(products: pd.DataFrame) -> list[IndicatorResult]:
    """Expected durability vs industry average, per product group: Σ_p w_p L_p/L_av,p / Σ_p w_p [ratio].

    One id per product group present (``ungrouped`` for products without a group); weights as
    ``cti.actual_lifetime_ratio`` [assumed]. References: ESRS E5-5 §36(a), datapoint E5-5_02.
    """
    if len(products) == 0:
        return []
    groups = products["product_group"].astype("object").where(products["product_group"].notna(), UNGROUPED)
    out = []
    for group in pd.unique(groups.to_numpy()):
        iid = f"esrs_e5.durability_ratio.{group}"
        value, inputs = lifetime_ratio(products[(groups == group).to_numpy()])
        if value is None:
            out.append(not_computable(iid, "no product of this group has both an actual and an industry-average "
                                           "lifetime", "このグループには製品寿命（実績・想定）と業界平均の製品寿命の両方がある製品がありません"))
        else:
            out.append(result(iid, value, inputs))
    return out


def _recyclable(products: pd.DataFrame, indicator_id: str, field: str, what_en: str, what_ja: str) -> IndicatorResult:
    given = products[products[field].notna()]
    if len(given) == 0:
        return not_computable(indicator_id, f"no product has its {what_en} recyclable content given",
                              f"{what_ja}のリサイクル可能含有率が入力された製品がありません")
    w, basis = lifetime_weights(given)
    value = float((w * given[field].to_numpy(dtype="float64")).sum() / w.sum())
    return result(indicator_id, min(100.0, max(0.0, value)),
                  {"products": len(given), "weighting": basis, "weight_total": float(w.sum())})


def recyclable_content_products_pct(products: pd.DataFrame) -> IndicatorResult:
    """Rate of recyclable content in products, weighted by product mass [%].

    Over the products whose recyclable content is given (units sold, then equal weights, when masses are
    incomplete). References: ESRS E5-5 §36(c), datapoint E5-5_04. [confirmed]
    """
    return _recyclable(products, "esrs_e5.recyclable_content_products_pct", "recyclable_content_pct", "product",
                       "製品")


def recyclable_content_packaging_pct(products: pd.DataFrame) -> IndicatorResult:
    """Rate of recyclable content in product packaging, weighted by product mass [%].

    Packaging mass is not an input: the product mass is the weight [assumed].
    References: ESRS E5-5 §36(c), datapoint E5-5_05.
    """
    return _recyclable(products, "esrs_e5.recyclable_content_packaging_pct", "packaging_recyclable_content_pct",
                       "packaging", "包装")


# ------------------------------------------------------------------------------------------------
# E5-5 resource outflows: waste
# ------------------------------------------------------------------------------------------------


def waste_indicators(outflows: pd.DataFrame) -> list[IndicatorResult]:
    """Waste datapoints of ESRS E5-5 §37 and §39 [t, %].

    * total waste (E5-5_07, §37a);
    * diverted from disposal by hazard class × preparation for reuse / recycling / other recovery, with a
      total per class and overall (E5-5_08, §37b);
    * directed to disposal by hazard class × incineration / landfill / other disposal, with totals (E5-5_09,
      §37c);
    * waste with unknown destination (not a 2023 datapoint; shown so that the tables add up);
    * non-recycled waste = total − recycled, t and % (E5-5_10/11, §37d, EFRAG Q&A 400): includes preparation
      for reuse, other recovery, disposal and unknown;
    * hazardous and radioactive waste (E5-5_15/16, §39).

    References: Reg. (EU) 2023/2772 ESRS E5 §37, §39 [confirmed]; EFRAG Q&A ID 400 [confirmed].
    """
    waste = waste_lines(outflows)
    ids = ["esrs_e5.waste_total_t", "esrs_e5.diverted.total_t"]
    ids += [f"esrs_e5.diverted.{h}.total_t" for h in HAZARD_CLASSES]
    ids += [f"esrs_e5.diverted.{h}.{r}_t" for h in HAZARD_CLASSES for r in DIVERTED_ROUTES]
    ids += ["esrs_e5.disposal.total_t"] + [f"esrs_e5.disposal.{h}.total_t" for h in HAZARD_CLASSES]
    ids += [f"esrs_e5.disposal.{h}.{r}_t" for h in HAZARD_CLASSES for r in DISPOSAL_ROUTES]
    ids += ["esrs_e5.unknown_destination_t", "esrs_e5.nonrecycled_t", "esrs_e5.nonrecycled_pct",
            "esrs_e5.hazardous_t", "esrs_e5.radioactive_t"]
    if len(waste) == 0:
        return [not_computable(i, *reason("no_waste")) for i in ids]
    b = waste_breakdown(waste)
    total = b["total_t"]
    cells = b["cells"]
    out = [result("esrs_e5.waste_total_t", total, {"waste_t": total, "lines": len(waste)}),
           result("esrs_e5.diverted.total_t", b["diverted"],
                  {f"{h}_t": b[f"diverted.{h}"] for h in HAZARD_CLASSES})]
    out += [result(f"esrs_e5.diverted.{h}.total_t", b[f"diverted.{h}"],
                   {f"{r}_t": cells[(h, r)] for r in DIVERTED_ROUTES}) for h in HAZARD_CLASSES]
    out += [result(f"esrs_e5.diverted.{h}.{r}_t", cells[(h, r)], {"waste_t": total})
            for h in HAZARD_CLASSES for r in DIVERTED_ROUTES]
    out.append(result("esrs_e5.disposal.total_t", b["disposal"], {f"{h}_t": b[f"disposal.{h}"] for h in HAZARD_CLASSES}))
    out += [result(f"esrs_e5.disposal.{h}.total_t", b[f"disposal.{h}"],
                   {f"{r}_t": cells[(h, r)] for r in DISPOSAL_ROUTES}) for h in HAZARD_CLASSES]
    out += [result(f"esrs_e5.disposal.{h}.{r}_t", cells[(h, r)], {"waste_t": total})
            for h in HAZARD_CLASSES for r in DISPOSAL_ROUTES]
    out.append(result("esrs_e5.unknown_destination_t", b["unknown"],
                      {f"{h}_t": b[f"unknown.{h}"] for h in HAZARD_CLASSES}))
    nonrecycled = max(0.0, total - b["recycling"])
    nr_inputs = {"waste_t": total, "recycled_waste_t": b["recycling"]}
    out.append(result("esrs_e5.nonrecycled_t", nonrecycled, nr_inputs))
    if total <= 0:
        out.append(not_computable("esrs_e5.nonrecycled_pct", *reason("zero_waste"), inputs=nr_inputs))
    else:
        out.append(result("esrs_e5.nonrecycled_pct", pct(nonrecycled, total),
                          {"nonrecycled_waste_t": nonrecycled, "waste_t": total}))
    out.append(result("esrs_e5.hazardous_t", b["hazardous_t"], {"waste_t": total}))
    out.append(result("esrs_e5.radioactive_t", b["radioactive_t"], {"waste_t": total}))
    return out


def proportions_2026(outflows: pd.DataFrame) -> list[IndicatorResult]:
    """Simplified ESRS (2026) proportions of total waste: diverted, recycled, disposal, unknown destination [%].

    Each divided by the total waste; diverted + disposal + unknown = 100 %.
    References: revised ESRS E5-5 para 16 incl. 16(e) (C(2026) 5010) [secondary].
    """
    ids = {"diverted": "esrs_e5_2026.waste_diverted_pct", "recycling": "esrs_e5_2026.waste_recycled_pct",
           "disposal": "esrs_e5_2026.waste_disposal_pct", "unknown": "esrs_e5_2026.waste_unknown_destination_pct"}
    waste = waste_lines(outflows)
    if len(waste) == 0:
        return [not_computable(i, *reason("no_waste")) for i in ids.values()]
    b = waste_breakdown(waste)
    total = b["total_t"]
    if total <= 0:
        return [not_computable(i, *reason("zero_waste"), inputs={"waste_t": 0.0}) for i in ids.values()]
    return [result(iid, pct(b[key], total), {f"{key}_waste_t": b[key], "waste_t": total}) for key, iid in ids.items()]


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``esrs_e5.*`` and ``esrs_e5_2026.*`` indicator, in catalogue order."""
    i, p, o = tables.inflows, tables.products, tables.outflows
    out = [inflow_total_t(i), bio_sustainably_sourced_pct(i), secondary_inflow_t(i), secondary_inflow_pct(i)]
    out += durability_ratio(p)
    out += [recyclable_content_products_pct(p), recyclable_content_packaging_pct(p)]
    out += waste_indicators(o)
    out += proportions_2026(o)
    return out
