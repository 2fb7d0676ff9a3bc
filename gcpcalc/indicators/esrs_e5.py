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

import math

import numpy as np

from ..tables import column, mapped, present, unique_in_order

from .base import IndicatorResult
from .catalogue import not_computable, over_100_warning, reason, result, text_result
from .cti import Frame, col, inflow_masses, lifetime_ratio, pct

HAZARD_CLASSES = ("hazardous", "non_hazardous")
DIVERTED_ROUTES = ("preparation_for_reuse", "recycling", "other_recovery")
DISPOSAL_ROUTES = ("incineration", "landfill", "other_disposal")
UNGROUPED = "ungrouped"


def classify_waste(waste: Frame) -> np.ndarray:
    """The ESRS route of each waste line: one of DIVERTED_ROUTES, DISPOSAL_ROUTES or ``unknown``.

    Energy recovery counts as other recovery only when it meets the R1 efficiency criterion (WFD Annex II),
    else as incineration [assumed for the 2023 text; revised AR 6 [secondary]]; composting is recycling.
    """
    return np.array(WASTE_ROUTES)[_route_codes(waste)]


#: the routes of :func:`classify_waste`, in the order of its codes (:func:`_route_codes`)
WASTE_ROUTES = (*DIVERTED_ROUTES, *DISPOSAL_ROUTES, "unknown")
#: destination -> the code of its route; energy recovery (-1) takes other_recovery or incineration by the R1 criterion
_ROUTE_OF = {**{d: WASTE_ROUTES.index(d) for d in (*DIVERTED_ROUTES, *DISPOSAL_ROUTES)},
             "composting": WASTE_ROUTES.index("recycling"), "energy_recovery": -1}


def _route_codes(waste: Frame) -> np.ndarray:
    """The index in :data:`WASTE_ROUTES` of each waste line's route (:func:`classify_waste`), each distinct
    destination looked up once."""
    codes = mapped(column(waste, "destination", object), _ROUTE_OF, len(WASTE_ROUTES) - 1, dtype=np.int8)
    r1 = column(waste, "energy_recovery_r1", bool)
    energy = np.where(r1, WASTE_ROUTES.index("other_recovery"), WASTE_ROUTES.index("incineration"))
    return np.where(codes == -1, energy, codes).astype(np.int8)


def waste_lines(outflows: Frame) -> Frame:
    return outflows[column(outflows, "flow_type", object) == "waste"]


def waste_breakdown(waste: Frame) -> dict:
    """Waste masses (t) by hazard class × route, with totals, as a plain dict of named sums."""
    m = col(waste, "mass_t")
    hazardous = column(waste, "hazardous", bool)
    # one code per hazard class and route: the lines of each cell found by one comparison of small integers
    cell = np.where(hazardous, 0, len(WASTE_ROUTES)).astype(np.int8) + _route_codes(waste)
    code = {(h, r): k * len(WASTE_ROUTES) + i for k, h in enumerate(HAZARD_CLASSES) for i, r in enumerate(WASTE_ROUTES)}
    table = {(h, r): math.fsum(m[cell == code[(h, r)]].tolist()) for h in HAZARD_CLASSES
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
    out["hazardous_t"] = float(m[hazardous].sum())
    out["radioactive_t"] = float(m[column(waste, "radioactive", bool)].sum())
    return out


# ------------------------------------------------------------------------------------------------
# E5-4 resource inflows
# ------------------------------------------------------------------------------------------------


def inflow_total_t(inflows: Frame) -> IndicatorResult:
    """Overall total weight of products and technical and biological materials used: Σ m_i [t].

    References: ESRS E5-4 §31(a), datapoint E5-4_02. [confirmed]
    """
    if len(inflows) == 0:
        return not_computable("esrs_e5.inflow_total_t", *reason("no_inflows"))
    total = float(col(inflows, "mass_t").sum())
    return result("esrs_e5.inflow_total_t", total, {"inflow_t": total})


def _certification_schemes(inflows: Frame) -> list[str]:
    """The certification schemes named on lines with sustainably sourced biological content (ESRS §31(b))."""
    sust = (col(inflows, "renewable_frac") * col(inflows, "sustainably_sourced_frac")) > 0
    names = column(inflows, "certification_scheme", object)[sust]
    return sorted({str(n) for n in names if n is not None and str(n).strip()})


def bio_sustainably_sourced_pct(inflows: Frame, masses: dict | None = None) -> IndicatorResult:
    """% of biological materials sustainably sourced = Σ m_i ren_i sust_i / Σ m_i [%].

    AR 23: the denominator of the §31(b) and §31(c) percentages is *the overall total weight of materials
    used* (all inflows), so this share and the secondary share (§31(c)) are comparable. Not computable when
    no inflow has biological content (there is nothing to source sustainably). The share of the biological
    part alone is :func:`bio_sustainably_sourced_of_biological_pct` (supplementary). The certification
    schemes named on the lines are listed in the inputs (§31(b) asks for them, and for the cascading
    principle: organisation field ``cascading_principle_note``).
    References: ESRS E5-4 §31(b), datapoint E5-4_03; AR 23 [confirmed text]; treating virgin renewable
    content as the biological materials [assumed].
    """
    iid = "esrs_e5.bio_sustainably_sourced_pct"
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"))
    masses = inflow_masses(inflows) if masses is None else masses
    inputs = {"sustainably_sourced_biological_t": masses["renewable_sustainable_inflow_t"],
              "biological_t": masses["renewable_inflow_t"], "inflow_t": masses["inflow_t"],
              "certification_schemes": ", ".join(_certification_schemes(inflows))}
    if masses["renewable_inflow_t"] <= 0:
        return not_computable(iid, "no inflow has renewable (biological) content", "再生可能（生物由来）含有のインフローがありません",
                              inputs)
    if masses["inflow_t"] <= 0:
        return not_computable(iid, *reason("zero_inflow"), inputs=inputs)
    return result(iid, pct(masses["renewable_sustainable_inflow_t"], masses["inflow_t"]), inputs)


def bio_sustainably_sourced_of_biological_pct(inflows: Frame, masses: dict | None = None) -> IndicatorResult:
    """Supplementary: sustainably sourced share of the biological materials = Σ m_i ren_i sust_i / Σ m_i ren_i [%].

    Labelled as *not* the §31(b) figure (AR 23 sets the total weight of materials as the denominator).
    References: ESRS E5-4 §31(b) (supplementary view) [assumed].
    """
    iid = "esrs_e5.bio_sustainably_sourced_of_biological_pct"
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"))
    masses = inflow_masses(inflows) if masses is None else masses
    inputs = {"sustainably_sourced_biological_t": masses["renewable_sustainable_inflow_t"],
              "biological_t": masses["renewable_inflow_t"]}
    if masses["renewable_inflow_t"] <= 0:
        return not_computable(iid, "no inflow has renewable (biological) content", "再生可能（生物由来）含有のインフローがありません",
                              inputs)
    return result(iid, pct(masses["renewable_sustainable_inflow_t"], masses["renewable_inflow_t"]), inputs)


def _secondary_t(inflows: Frame, masses: dict | None = None) -> float:
    masses = inflow_masses(inflows) if masses is None else masses
    return masses["recycled_inflow_t"] + masses["reused_inflow_t"]


def secondary_inflow_t(inflows: Frame, masses: dict | None = None) -> IndicatorResult:
    """Weight of secondary reused or recycled components, intermediary products and materials [t].

    Σ m_i (pre_i + post_i + reused_i). References: ESRS E5-4 §31(c), datapoint E5-4_04. [confirmed]
    """
    if len(inflows) == 0:
        return not_computable("esrs_e5.secondary_inflow_t", *reason("no_inflows"))
    masses = inflow_masses(inflows) if masses is None else masses
    sec = masses["recycled_inflow_t"] + masses["reused_inflow_t"]
    return result("esrs_e5.secondary_inflow_t", sec, {"recycled_inflow_t": masses["recycled_inflow_t"],
                                                      "reused_inflow_t": masses["reused_inflow_t"]})


def secondary_inflow_pct(inflows: Frame, masses: dict | None = None) -> IndicatorResult:
    """% secondary materials = secondary inflow / Σ m_i [%].

    References: ESRS E5-4 §31(c), datapoint E5-4_05. [confirmed]
    """
    iid = "esrs_e5.secondary_inflow_pct"
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"))
    total = float(col(inflows, "mass_t").sum())
    sec = _secondary_t(inflows, masses)
    if total <= 0:
        return not_computable(iid, *reason("zero_inflow"), inputs={"inflow_t": 0.0})
    return result(iid, pct(sec, total), {"secondary_inflow_t": sec, "inflow_t": total})


# ------------------------------------------------------------------------------------------------
# E5-5 resource outflows: products
# ------------------------------------------------------------------------------------------------


def durability_ratio(products: Frame) -> list[IndicatorResult]:
    """Expected durability vs industry average, per product group: Σ_p w_p L_p/L_av,p / Σ_p w_p [ratio].

    One id per product group present (``ungrouped`` for products without a group); weights as
    ``cti.actual_lifetime_ratio`` [assumed]. References: ESRS E5-5 §36(a), datapoint E5-5_02.
    """
    if len(products) == 0:
        return []
    groups = _groups(products)
    out = []
    for group in unique_in_order(groups):  # in the order the groups first appear
        iid = f"esrs_e5.durability_ratio.{group}"
        value, inputs = lifetime_ratio(products[groups == group])
        if value is None:
            out.append(not_computable(iid, "no product of this group has both an actual and an industry-average "
                                           "lifetime", "このグループには製品寿命（実績・想定）と業界平均の製品寿命の両方がある製品がありません"))
        else:
            out.append(result(iid, value, inputs))
    return out


def _recyclable(products: Frame, inflows: Frame, indicator_id: str, share_field: str, mass_col: str,
                what_en: str, what_ja: str, missing_code: str) -> IndicatorResult:
    """Σ_p mass_p · share_p / Σ m_i (AR 27: the denominator is the overall total weight of materials used)."""
    from ..i18n import message_texts
    from ..messages import WARNING, Message

    given = products[present(column(products, share_field, "float64"))]
    if len(given) == 0:
        return not_computable(indicator_id, f"no product has its {what_en} recyclable content given",
                              f"{what_ja}のリサイクル可能含有率が入力された製品がありません")
    if len(inflows) == 0:
        return not_computable(indicator_id, *reason("no_inflows"))
    total_in = float(col(inflows, "mass_t").sum())
    if total_in <= 0:
        return not_computable(indicator_id, *reason("zero_inflow"), inputs={"inflow_t": 0.0})
    mass = column(given, mass_col, "float64")
    has_mass = ~np.isnan(mass)
    recyclable_t = float((mass[has_mass] * column(given, share_field, "float64")[has_mass] / 100.0).sum())
    inputs = {"recyclable_t": recyclable_t, "inflow_t": total_in, "products": int(has_mass.sum()),
              f"{mass_col}_total": float(mass[has_mass].sum())}
    if not has_mass.any():
        return not_computable(indicator_id, f"no product with a {what_en} recyclable-content share has a {what_en} "
                                            "mass", f"{what_ja}のリサイクル可能含有率が入力された製品に{what_ja}質量がありません",
                              inputs)
    res = result(indicator_id, pct(recyclable_t, total_in), inputs)
    if (~has_mass).any():
        ids = ", ".join(str(x) for x in column(given, "product_id", object)[~has_mass])
        en, ja = message_texts(missing_code, indicator=res.label("en"), indicator_ja=res.label("ja"), value=ids)
        res.messages.append(Message(missing_code, WARNING, en, ja, table="products", value=ids))
    return over_100_warning(res, f"recyclable {what_en} mass {recyclable_t:,.1f} t > total inflow {total_in:,.1f} t",
                            f"リサイクル可能な{what_ja}質量 {recyclable_t:,.1f} t がインフロー合計 {total_in:,.1f} t を上回っています")


def recyclable_content_products_pct(products: Frame, inflows: Frame) -> IndicatorResult:
    """Rate of recyclable content in products = Σ_p m_p recyclable_p / Σ m_i [%].

    AR 27 sets the same denominator as AR 23: the overall total weight of materials used (total inflow).
    Products without a mass cannot contribute (a warning names them). A rate above 100 % (products put on the
    market heavier than all materials used: inconsistent data) is reported as computed, with a warning.
    References: ESRS E5-5 §36(c), datapoint E5-5_04; AR 27 [confirmed text]; product mass as the recyclable
    basis [assumed].
    """
    return _recyclable(products, inflows, "esrs_e5.recyclable_content_products_pct", "recyclable_content_pct",
                       "mass_t", "product", "製品", "recyclable_without_mass")


def recyclable_content_packaging_pct(products: Frame, inflows: Frame) -> IndicatorResult:
    """Rate of recyclable content in product packaging = Σ_p pm_p packaging_recyclable_p / Σ m_i [%].

    pm_p is the product's ``packaging_mass`` (its own input, rev. 2); denominator per AR 27 (total inflow).
    References: ESRS E5-5 §36(c), datapoint E5-5_05; AR 27 [confirmed text]; reading [assumed].
    """
    return _recyclable(products, inflows, "esrs_e5.recyclable_content_packaging_pct",
                       "packaging_recyclable_content_pct", "packaging_mass_t", "packaging", "包装",
                       "packaging_without_mass")


def _groups(products) -> np.ndarray:
    """The product group of each product (``ungrouped`` where none is given), as an object array."""
    groups = column(products, "product_group", object)
    return np.where(present(groups), groups, UNGROUPED).astype(object)


def recyclable_content_by_group(products: Frame) -> list[IndicatorResult]:
    """Supplementary: rate of recyclable content per product group = Σ_p m_p r_p / Σ_p m_p within the group [%].

    Over the group's products with both a mass and a recyclable-content share (``ungrouped`` for products
    without a group). The EFRAG taxonomy reports §36(a)–(c) per product; this is the group view.
    References: ESRS E5-5 §36(c) (per product group) [assumed].
    """
    if len(products) == 0:
        return []
    groups = _groups(products)
    out = []
    for group in unique_in_order(groups):
        sub = products[groups == group]
        sub = sub[present(column(sub, "recyclable_content_pct", "float64"))]
        if len(sub) == 0:
            continue
        iid = f"esrs_e5.recyclable_content_products_pct.{group}"
        mass = column(sub, "mass_t", "float64")
        ok = ~np.isnan(mass)
        total = float(mass[ok].sum())
        if total <= 0:
            out.append(not_computable(iid, "no product of this group has a mass", "このグループに質量が入力された製品がありません"))
            continue
        rec = float((mass[ok] * column(sub, "recyclable_content_pct", "float64")[ok] / 100.0).sum())
        out.append(result(iid, pct(rec, total), {"recyclable_t": rec, "product_mass_t": total,
                                                  "products": int(ok.sum())}))
    return out


def reparability(products: Frame) -> list[IndicatorResult]:
    """Reparability per product (ESRS E5-5 §36(b), E5-5_03): the score as entered, with its scheme [text].

    One id ``esrs_e5.reparability.<product_id>`` per product with a ``reparability_score``.
    References: ESRS E5-5 §36(b), datapoint E5-5_03. [confirmed]
    """
    given = products[present(column(products, "reparability_score"))]
    return [text_result(f"esrs_e5.reparability.{pid}", str(score),
                        {"product_group": group if isinstance(group, str) else None})
            for pid, score, group in zip(column(given, "product_id", object).tolist(),
                                         column(given, "reparability_score").tolist(),
                                         column(given, "product_group", object).tolist())]


# ------------------------------------------------------------------------------------------------
# E5-5 resource outflows: waste
# ------------------------------------------------------------------------------------------------


def waste_indicators(outflows: Frame, breakdown: dict | None = None) -> list[IndicatorResult]:
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
    b = waste_breakdown(waste) if breakdown is None else breakdown
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


def proportions_2026(outflows: Frame, breakdown: dict | None = None) -> list[IndicatorResult]:
    """Simplified ESRS (2026) proportions of total waste: diverted, recycled, disposal, unknown destination [%].

    Each divided by the total waste; diverted + disposal + unknown = 100 %.
    References: revised ESRS E5-5 para 16 incl. 16(e) (C(2026) 5010) [secondary].
    """
    ids = {"diverted": "esrs_e5_2026.waste_diverted_pct", "recycling": "esrs_e5_2026.waste_recycled_pct",
           "disposal": "esrs_e5_2026.waste_disposal_pct", "unknown": "esrs_e5_2026.waste_unknown_destination_pct"}
    waste = waste_lines(outflows)
    if len(waste) == 0:
        return [not_computable(i, *reason("no_waste")) for i in ids.values()]
    b = waste_breakdown(waste) if breakdown is None else breakdown
    total = b["total_t"]
    if total <= 0:
        return [not_computable(i, *reason("zero_waste"), inputs={"waste_t": 0.0}) for i in ids.values()]
    return [result(iid, pct(b[key], total), {f"{key}_waste_t": b[key], "waste_t": total}) for key, iid in ids.items()]


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``esrs_e5.*`` and ``esrs_e5_2026.*`` indicator, in catalogue order."""
    i, p, o = tables.inflows, tables.products, tables.outflows
    ms = inflow_masses(i) if len(i) else None  # the inflow mass sums, once for the inflow indicators
    out = [inflow_total_t(i), bio_sustainably_sourced_pct(i, ms), bio_sustainably_sourced_of_biological_pct(i, ms),
           secondary_inflow_t(i, ms), secondary_inflow_pct(i, ms)]
    out += durability_ratio(p)
    out += reparability(p)
    out += [recyclable_content_products_pct(p, i), recyclable_content_packaging_pct(p, i)]
    out += recyclable_content_by_group(p)
    waste = waste_lines(o)
    breakdown = waste_breakdown(waste) if len(waste) else None  # once for both
    out += waste_indicators(o, breakdown)
    out += proportions_2026(o, breakdown)
    return out
