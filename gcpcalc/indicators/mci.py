"""Ellen MacArthur Foundation Material Circularity Indicator (ids ``mci.*``).

Product level (2015 equations with the 2019 terms F_S and C_C), for every product whose MCI fields are given
(at least one of F_R, F_U, F_S, C_R, C_U, C_C; the others then count as 0, E_C and E_F default to 100 %):

.. code-block:: text

    V   = M (1 − F_R − F_U − F_S)                  virgin feedstock
    W0  = M (1 − C_R − C_U − C_C)                  unrecoverable waste from the product
    W_C = M (1 − E_C) C_R                          waste of recycling the collected product
    W_F = M (1 − E_F) F_R / E_F                    waste of producing the recycled feedstock
    W   = W0 + (W_F + W_C) / 2
    LFI = (V + W) / (2M + (W_F − W_C) / 2)         2015 denominator
    X   = (L / L_av) · (U / U_av)                  L/L_av = 1 when no lifetimes are given
    F(X)= 0.9 / X
    MCI = max(0, 1 − LFI · F(X))

M is the product's mass (t) when given, otherwise one unit (MCI is scale-free). Company level: the
mass-weighted mean over products with an MCI and a mass, and beside it the revenue-weighted mean.

References
----------
.. [1] Ellen MacArthur Foundation and Granta Design, *Circularity Indicators: An Approach to Measuring
   Circularity — Methodology*, May 2015 (2019 update for biological materials). The equations are [assumed]:
   not checked against the methodology text; they agree with independent implementations [secondary].
.. [2] Specification ``ref_frameworks.md`` §3 (check values 0.10 and 0.6843).
"""
from __future__ import annotations

import numpy as np

from .. import fields as F
from ..tables import Table, column, present
from .base import IndicatorResult
from .catalogue import not_computable, result
from .cti import Frame

UTILITY_CONSTANT = 0.9  # a: a fully linear product of average utility scores 0.1


def _frac(products: Frame, name: str, default: float) -> np.ndarray:
    return np.nan_to_num(column(products, name, "float64"), nan=default)


def with_mci_fields(products: Frame) -> Table:
    """The products whose MCI is computed: those with at least one MCI input field given."""
    given = np.zeros(len(products), dtype=bool)
    for name in F.MCI_INPUT_FIELDS:
        given |= present(column(products, name))
    return products[given]


def product_terms(products: Frame) -> Table:
    """V, W0, W_C, W_F, W, LFI, X, F(X) and MCI of each product (vectorised over the rows).

    Mass terms are in t when the product mass is given, else per unit of product (M = 1).
    References: EMF MCI methodology (2015), equations for V, W0, W_C, W_F, W, LFI, X, F(X), MCI [assumed].
    """
    mass = column(products, "mass_t", "float64")
    has_mass = ~np.isnan(mass) & (np.nan_to_num(mass) > 0)
    m = np.where(has_mass, mass, 1.0)
    f_r = _frac(products, "mci_recycled_feedstock_frac", 0.0)
    f_u = _frac(products, "mci_reused_feedstock_frac", 0.0)
    f_s = _frac(products, "mci_sustainable_bio_feedstock_frac", 0.0)
    c_r = _frac(products, "mci_collected_recycling_frac", 0.0)
    c_u = _frac(products, "mci_collected_reuse_frac", 0.0)
    c_c = _frac(products, "mci_composted_frac", 0.0)
    e_c = _frac(products, "mci_recycling_efficiency_eol_frac", 1.0)
    e_f = _frac(products, "mci_recycling_efficiency_feedstock_frac", 1.0)
    v = m * np.clip(1.0 - f_r - f_u - f_s, 0.0, 1.0)
    w0 = m * np.clip(1.0 - c_r - c_u - c_c, 0.0, 1.0)
    w_c = m * (1.0 - e_c) * c_r
    with np.errstate(divide="ignore", invalid="ignore"):
        w_f = np.where(f_r > 0, m * (1.0 - e_f) * f_r / np.where(e_f > 0, e_f, np.nan), 0.0)
    w = w0 + (w_f + w_c) / 2.0
    lfi = (v + w) / (2.0 * m + (w_f - w_c) / 2.0)
    actual = column(products, "actual_lifetime", "float64")
    industry = column(products, "industry_lifetime", "float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        lifetime_ratio = np.where(~np.isnan(actual) & ~np.isnan(industry), actual / industry, 1.0)
    x = lifetime_ratio * _frac(products, "use_intensity_ratio", 1.0)
    fx = UTILITY_CONSTANT / x
    mci = np.maximum(0.0, 1.0 - lfi * fx)
    terms = {
        "product_id": column(products, "product_id", object), "mass_basis": np.where(has_mass, "mass_t", "one_unit"),
        "M": m, "F_R": f_r, "F_U": f_u, "F_S": f_s, "C_R": c_r, "C_U": c_u, "C_C": c_c, "E_C": e_c, "E_F": e_f,
        "V": v, "W0": w0, "W_C": w_c, "W_F": w_f, "W": w, "LFI": lfi, "lifetime_ratio": lifetime_ratio,
        "use_intensity_ratio": _frac(products, "use_intensity_ratio", 1.0), "X": x, "F_X": fx, "MCI": mci,
        "mass_t": np.where(has_mass, mass, np.nan), "revenue": column(products, "revenue", "float64"),
    }
    return Table(terms, len(products))


def product_results(terms: Frame) -> list[IndicatorResult]:
    """mci.product.<id>, mci.product_lfi.<id> and mci.product_utility.<id> of each product with MCI fields."""
    out = []
    keys = ("mass_basis", "M", "F_R", "F_U", "F_S", "C_R", "C_U", "C_C", "E_C", "E_F", "V", "W0", "W_C", "W_F", "W",
            "LFI", "lifetime_ratio", "use_intensity_ratio", "X", "F_X")
    names = terms.columns
    for row in (dict(zip(names, values)) for values in zip(*(terms[c].tolist() for c in names))):
        pid = row["product_id"]
        inputs = {k: row[k] for k in keys}
        out.append(result(f"mci.product.{pid}", row["MCI"], inputs))
        out.append(result(f"mci.product_lfi.{pid}", row["LFI"],
                          {k: row[k] for k in ("M", "V", "W0", "W_C", "W_F", "W")}))
        out.append(result(f"mci.product_utility.{pid}", row["X"],
                          {"lifetime_ratio": row["lifetime_ratio"], "use_intensity_ratio": row["use_intensity_ratio"]}))
    return out


def company(terms: Frame) -> IndicatorResult:
    """Company MCI = Σ_p m_p MCI_p / Σ_p m_p over products with an MCI and a mass [0–1].

    References: EMF MCI methodology (2015), company level, normalising factor = mass [assumed].
    """
    iid = "mci.company"
    if len(terms) == 0:
        return not_computable(iid, "no product has MCI fields", "MCI の項目が入力された製品がありません")
    weighted = terms[present(terms["mass_t"])]
    inputs = {"products": len(weighted), "products_without_mass": int(len(terms) - len(weighted))}
    if len(weighted) == 0:
        return not_computable(iid, "no product with MCI fields has a mass", "MCI の項目がある製品に質量が入力されていません",
                              inputs)
    m = weighted["mass_t"]
    inputs["mass_t"] = float(m.sum())
    return result(iid, float((m * weighted["MCI"]).sum() / m.sum()), inputs)


def company_revenue_weighted(terms: Frame) -> IndicatorResult:
    """Company MCI weighted by revenue = Σ_p rev_p MCI_p / Σ_p rev_p over products with an MCI and a revenue.

    References: EMF MCI methodology (2015), company level, normalising factor = revenue [assumed].
    """
    iid = "mci.company_revenue_weighted"
    if len(terms) == 0:
        return not_computable(iid, "no product has MCI fields", "MCI の項目が入力された製品がありません")
    weighted = terms[present(terms["revenue"])]
    rev = weighted["revenue"]
    inputs = {"products": len(weighted), "products_without_revenue": int(len(terms) - len(weighted)),
              "revenue": float(rev.sum())}
    if len(weighted) == 0 or rev.sum() <= 0:
        return not_computable(iid, "no product with MCI fields has a revenue above 0",
                              "MCI の項目がある製品に 0 より大きい売上高が入力されていません", inputs)
    return result(iid, float((rev * weighted["MCI"]).sum() / rev.sum()), inputs)


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``mci.*`` indicator: per product (MCI, LFI, utility), then the company figures."""
    terms = product_terms(with_mci_fields(tables.products))
    return [*product_results(terms), company(terms), company_revenue_weighted(terms)]
