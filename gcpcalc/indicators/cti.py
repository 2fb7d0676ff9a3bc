"""WBCSD Circular Transition Indicators v4.0 (ids ``cti.*``).

Each indicator is a small pure function over the normalised tables (:mod:`gcpcalc.tables`: masses in t,
volumes in m³, energy in MWh, shares as fractions). Percentages are returned in % (0–100); a figure whose
inputs are absent is not computable (value None with the reason), never 0.

References
----------
.. [1] WBCSD, *Circular Transition Indicators v4.0 — Metrics for business, by business*, May 2023
   (definitions of circular inflow and outflow as published on the CTI Tool site).
.. [2] Specification ``indicators.md`` and ``ref_frameworks.md`` §1 (evidence tags).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import fields as F
from ..tables import column, group_sums, isin, present
from .base import IndicatorResult
from .catalogue import not_computable, reason, result

#: a normalised table: a :class:`gcpcalc.tables.Table` or a pandas DataFrame (the indicators read either)
Frame = Any

# ------------------------------------------------------------------------------------------------
# shared helpers (also used by iso59020, esrs_e5 and mci)
# ------------------------------------------------------------------------------------------------


_NOISE = 1e-7  # percentage points


def pct(numerator: float, denominator: float) -> float:
    """100 · numerator / denominator. Only floating-point noise at the ends (±1e-7 points) is rounded to 0 or
    100; a share that is really above 100 % (inconsistent inputs) is returned as it is, never capped: the
    indicator that can produce one warns about it."""
    value = 100.0 * float(numerator) / float(denominator)
    if 100.0 < value <= 100.0 + _NOISE:
        return 100.0
    if -_NOISE <= value < 0.0:
        return 0.0
    return value


def col(df: Frame, name: str) -> np.ndarray:
    """A numeric column as a float array with missing values as 0 (shares default to 0), read-only."""
    values = column(df, name, "float64")
    if np.isfinite(values).all():  # the usual case: nothing to replace; a read-only view, not a copy
        out = values.view()
    else:
        out = np.nan_to_num(values, nan=0.0)
    out.flags.writeable = False
    return out


def inflow_masses(inflows: Frame) -> dict[str, float]:
    """Named mass sums of the inflow table (t): total, recycled, reused, sustainably renewable, critical."""
    m = col(inflows, "mass_t")
    recycled = m * (col(inflows, "recycled_preconsumer_frac") + col(inflows, "recycled_postconsumer_frac"))
    reused = m * col(inflows, "reused_frac")
    renewable_all = m * col(inflows, "renewable_frac")
    renewable_sust = renewable_all * col(inflows, "sustainably_sourced_frac")
    return {
        "inflow_t": float(m.sum()),
        "recycled_inflow_t": float(recycled.sum()),
        "reused_inflow_t": float(reused.sum()),
        "renewable_inflow_t": float(renewable_all.sum()),
        "renewable_sustainable_inflow_t": float(renewable_sust.sum()),
        "critical_inflow_t": float(col(inflows, "critical_mass_t").sum()),
    }


def circular_outflow_mass(outflows: Frame) -> np.ndarray:
    """Per outflow line: m_j · RP_j · AR_j (t) [assumed product form]."""
    return col(outflows, "mass_t") * col(outflows, "rp_frac") * col(outflows, "ar_frac")


def _inflow_missing(inflows: Frame, indicator_id: str, masses: dict | None = None) -> IndicatorResult | None:
    if len(inflows) == 0:
        return not_computable(indicator_id, *reason("no_inflows"))
    if masses is not None and masses["inflow_t"] <= 0:
        return not_computable(indicator_id, *reason("zero_inflow"), inputs={"inflow_t": 0.0})
    return None


def _outflow_missing(outflows: Frame, indicator_id: str, total: float | None = None) -> IndicatorResult | None:
    if len(outflows) == 0:
        return not_computable(indicator_id, *reason("no_outflows"))
    if total is not None and total <= 0:
        return not_computable(indicator_id, *reason("zero_outflow"), inputs={"outflow_t": 0.0})
    return None


# ------------------------------------------------------------------------------------------------
# inflow indicators
# ------------------------------------------------------------------------------------------------


def inflow_t(inflows: Frame) -> IndicatorResult:
    """Total inflow mass Σ m_i [t].

    References: CTI v4.0, Close the loop (inflow mass). [confirmed]
    """
    missing = _inflow_missing(inflows, "cti.inflow_t")
    if missing:
        return missing
    total = float(col(inflows, "mass_t").sum())
    return result("cti.inflow_t", total, {"inflow_t": total, "lines": len(inflows)})


def _inflow_share(indicator_id: str, inflows: Frame, numerator_key: str,
                  masses: dict[str, float] | None = None) -> IndicatorResult:
    masses = inflow_masses(inflows) if masses is None else masses
    missing = _inflow_missing(inflows, indicator_id, masses)
    if missing:
        return missing
    num = masses[numerator_key]
    return result(indicator_id, pct(num, masses["inflow_t"]), {numerator_key: num, "inflow_t": masses["inflow_t"]})


def recycled_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% recycled inflow = Σ m_i (pre_i + post_i) / Σ m_i [%].

    References: CTI v4.0, % circular inflow, non-virgin part. Definition [confirmed]; algebra [assumed].
    """
    return _inflow_share("cti.recycled_inflow_pct", inflows, "recycled_inflow_t", masses)


def reused_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% reused inflow = Σ m_i reused_i / Σ m_i [%].

    References: CTI v4.0, % circular inflow, non-virgin part. [assumed algebra]
    """
    return _inflow_share("cti.reused_inflow_pct", inflows, "reused_inflow_t", masses)


def nonvirgin_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% non-virgin inflow = % recycled + % reused [%].

    References: CTI v4.0, circular inflow "non-virgin". [assumed algebra]
    """
    masses = inflow_masses(inflows) if masses is None else masses
    missing = _inflow_missing(inflows, "cti.nonvirgin_inflow_pct", masses)
    if missing:
        return missing
    num = masses["recycled_inflow_t"] + masses["reused_inflow_t"]
    return result("cti.nonvirgin_inflow_pct", pct(num, masses["inflow_t"]),
                  {"nonvirgin_inflow_t": num, "recycled_inflow_t": masses["recycled_inflow_t"],
                   "reused_inflow_t": masses["reused_inflow_t"], "inflow_t": masses["inflow_t"]})


def renewable_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% sustainably renewable inflow = Σ m_i renewable_i · sustainably_sourced_i / Σ m_i [%].

    Virgin renewable content that is not sustainably managed counts as linear.
    References: CTI v4.0, circular inflow "renewable, used in line with natural cycles". [assumed algebra]
    """
    return _inflow_share("cti.renewable_inflow_pct", inflows, "renewable_sustainable_inflow_t", masses)


def circular_inflow_mass_t(masses: dict[str, float]) -> float:
    """Circular inflow mass: recycled + reused + sustainably renewable (t)."""
    return masses["recycled_inflow_t"] + masses["reused_inflow_t"] + masses["renewable_sustainable_inflow_t"]


def circular_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% circular inflow = (non-virgin + sustainably renewable mass) / Σ m_i [%].

    References: CTI v4.0, % circular inflow: non-virgin OR sustainably renewable. Definition [confirmed];
    mass-weighted algebra [assumed].
    """
    masses = inflow_masses(inflows) if masses is None else masses
    missing = _inflow_missing(inflows, "cti.circular_inflow_pct", masses)
    if missing:
        return missing
    circ = circular_inflow_mass_t(masses)
    return result("cti.circular_inflow_pct", pct(circ, masses["inflow_t"]),
                  {"circular_inflow_t": circ, "inflow_t": masses["inflow_t"],
                   "nonvirgin_inflow_t": masses["recycled_inflow_t"] + masses["reused_inflow_t"],
                   "renewable_sustainable_inflow_t": masses["renewable_sustainable_inflow_t"]})


def linear_inflow_t(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """Linear inflow = Σ m_i − Σ circular inflow mass [t] (virgin non-renewable plus unsustained renewable).

    References: CTI v4.0, linear inflow "virgin, non-renewable". [assumed algebra]
    """
    masses = inflow_masses(inflows) if masses is None else masses
    missing = _inflow_missing(inflows, "cti.linear_inflow_t")
    if missing:
        return missing
    circ = circular_inflow_mass_t(masses)
    linear = max(0.0, masses["inflow_t"] - circ)
    return result("cti.linear_inflow_t", linear, {"inflow_t": masses["inflow_t"], "circular_inflow_t": circ})


def linear_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% linear inflow = 100 − % circular inflow [%].

    References: CTI v4.0, % linear inflow. [assumed]
    """
    masses = inflow_masses(inflows) if masses is None else masses
    missing = _inflow_missing(inflows, "cti.linear_inflow_pct", masses)
    if missing:
        return missing
    circ_pct = pct(circular_inflow_mass_t(masses), masses["inflow_t"])
    return result("cti.linear_inflow_pct", max(0.0, 100.0 - circ_pct),
                  {"circular_inflow_pct": circ_pct, "inflow_t": masses["inflow_t"]})


def critical_inflow_pct(inflows: Frame, masses: dict[str, float] | None = None) -> IndicatorResult:
    """% critical inflow = Σ m_i · cc_i / Σ m_i over lines whose critical raw material is listed [%].

    cc_i is the line's critical-material content share (``critical_content_pct``), 1 (the whole line) when a
    listed material is named without a share (validation warns). Blank-like entries (none, なし, -) name no
    material. List: ``templates/critical_materials.toml`` (EU Reg. 2024/1252 Annex II; Japan's 重要鉱物).
    References: CTI v4.0, Optimize the loop: % critical inflow [confirmed definition]; content weighting
    [assumed].
    """
    res = _inflow_share("cti.critical_inflow_pct", inflows, "critical_inflow_t", masses)
    if res.value is not None:
        critical = column(inflows, "critical", bool)
        res.inputs["critical_lines"] = int(critical.sum())
        res.inputs["lines_without_content_share"] = int(
            (critical & np.isnan(column(inflows, "critical_content_pct", "float64"))).sum())
    return res


def critical_inflow_by_material(inflows: Frame) -> list[IndicatorResult]:
    """Critical inflow per listed material = Σ m_i · cc_i over the lines naming it [t].

    One id ``cti.critical_inflow.<material_id>_t`` per material named in the inflows, heaviest first.
    References: CTI v4.0, Optimize the loop: % critical inflow, by material. [assumed]
    """
    critical = column(inflows, "critical", bool)
    if not critical.any():
        return []
    ids = column(inflows, "critical_id", object)[critical]
    sums = group_sums(ids, column(inflows, "critical_mass_t", "float64")[critical])
    counts = group_sums(ids, np.ones(len(ids)))
    heaviest = sorted(sums, key=lambda mid: -sums[mid])  # stable: equal sums keep the order of first appearance
    return [result(f"cti.critical_inflow.{mid}_t", sums[mid], {"lines": int(counts[mid])}) for mid in heaviest]


# ------------------------------------------------------------------------------------------------
# outflow indicators
# ------------------------------------------------------------------------------------------------


def outflow_t(outflows: Frame) -> IndicatorResult:
    """Total outflow mass Σ m_j (products, by-products and waste) [t].

    References: CTI v4.0, Close the loop (outflow mass). [confirmed]
    """
    missing = _outflow_missing(outflows, "cti.outflow_t")
    if missing:
        return missing
    total = float(col(outflows, "mass_t").sum())
    by_type = group_sums(column(outflows, "flow_type", object), column(outflows, "mass_t", "float64"))
    return result("cti.outflow_t", total, {"outflow_t": total, "lines": len(outflows),
                                           **{f"{k}_t": by_type[k] for k in sorted(by_type)}})


def _outflow_share(indicator_id: str, outflows: Frame, numerator: np.ndarray, name: str) -> IndicatorResult:
    total = float(col(outflows, "mass_t").sum())
    missing = _outflow_missing(outflows, indicator_id, total)
    if missing:
        return missing
    num = float(numerator.sum())
    return result(indicator_id, pct(num, total), {name: num, "outflow_t": total})


def recovery_potential_pct(outflows: Frame) -> IndicatorResult:
    """% recovery potential = Σ m_j RP_j / Σ m_j [%] (waste: RP 100 % unless given).

    References: CTI v4.0, recovery potential. [assumed algebra]
    """
    return _outflow_share("cti.recovery_potential_pct", outflows,
                          col(outflows, "mass_t") * col(outflows, "rp_frac"), "recoverable_outflow_t")


def actual_recovery_pct(outflows: Frame) -> IndicatorResult:
    """% actual recovery = Σ m_j AR_j / Σ m_j [%] (waste: from the destination unless given).

    References: CTI v4.0, actual recovery. [assumed algebra]
    """
    return _outflow_share("cti.actual_recovery_pct", outflows,
                          col(outflows, "mass_t") * col(outflows, "ar_frac"), "recovered_outflow_t")


def circular_outflow_pct(outflows: Frame) -> IndicatorResult:
    """% circular outflow = Σ m_j RP_j AR_j / Σ m_j [%].

    References: CTI v4.0, circular outflow = recoverable AND demonstrably recovered [confirmed]; taken as the
    product RP·AR [assumed] (some implementations use min(RP, AR)).
    """
    return _outflow_share("cti.circular_outflow_pct", outflows, circular_outflow_mass(outflows), "circular_outflow_t")


def circular_outflow_default_recovery_pct(outflows: Frame) -> IndicatorResult:
    """Share of the circular outflow resting on the destination default for actual recovery [%].

    = Σ m_j RP_j AR_j over waste lines without ``actual_recovery_pct`` (AR taken as 100 % for preparation for
    reuse, recycling and composting) / Σ m_j RP_j AR_j. Those lines also count as estimated in data quality
    terms; a warning names them.
    References: data dictionary (waste AR default); CTI v4.0 "demonstrably recovered". [confirmed arithmetic]
    """
    iid = "cti.circular_outflow_default_recovery_pct"
    missing = _outflow_missing(outflows, iid)
    if missing:
        return missing
    circ = circular_outflow_mass(outflows)
    total = float(circ.sum())
    default = column(outflows, "ar_default", bool)
    part = float(circ[default].sum())
    inputs = {"circular_outflow_default_t": part, "circular_outflow_t": total, "default_lines": int(
        (default & (circ > 0)).sum())}
    if total <= 0:
        return not_computable(iid, "there is no circular outflow (Σ m_j RP_j AR_j is 0 t)",
                              "循環アウトフロー（Σ m_j RP_j AR_j）が 0 t です", inputs)
    res = result(iid, pct(part, total), inputs)
    if part > 0:
        from ..i18n import id_list, message_texts
        from ..messages import WARNING, Message

        ids = column(outflows, "line_id", object)[default & (circ > 0)].tolist()
        en, ja = message_texts("default_recovery_used", value=f"{part:,.1f}", share=f"{res.value:.1f}",
                               lines=id_list(ids, "en"), lines_ja=id_list(ids, "ja"))
        res.messages.append(Message("default_recovery_used", WARNING, en, ja, table="outflows",
                                    field="actual_recovery_pct", value=round(part, 6)))
    return res


def circular_outflow_cycle_pct(outflows: Frame, cycle: str) -> IndicatorResult:
    """% circular outflow of one cycle = Σ_{cycle} m_j RP_j AR_j / Σ m_j (all outflows) [%].

    The technical and the biological shares share the denominator, so they add up to % circular outflow.
    References: CTI v4.0, technical and biological cycles. [assumed]
    """
    in_cycle = column(outflows, "cycle", object) == cycle
    return _outflow_share(f"cti.circular_outflow_{cycle}_pct", outflows, circular_outflow_mass(outflows) * in_cycle,
                          f"circular_outflow_{cycle}_t")


def material_circularity_pct(inflows: Frame, outflows: Frame,
                             masses: dict[str, float] | None = None) -> IndicatorResult:
    """% material circularity = (Σ circular inflow + Σ circular outflow) / (Σ m_i + Σ m_j) [%].

    Mass-weighted average of % circular inflow and % circular outflow (not the simple mean).
    References: CTI v4.0, "weighted average of % circular inflow and % circular outflow" [confirmed];
    mass weights [assumed].
    """
    iid = "cti.material_circularity_pct"
    masses = inflow_masses(inflows) if masses is None else masses
    total_out = float(col(outflows, "mass_t").sum())
    missing = _inflow_missing(inflows, iid, masses) or _outflow_missing(outflows, iid, total_out)
    if missing:
        return missing
    circ_in = circular_inflow_mass_t(masses)
    circ_out = float(circular_outflow_mass(outflows).sum())
    value = pct(circ_in + circ_out, masses["inflow_t"] + total_out)
    return result(iid, value, {"circular_inflow_t": circ_in, "circular_outflow_t": circ_out,
                               "inflow_t": masses["inflow_t"], "outflow_t": total_out})


#: destinations always shown for % recovery type (others only when they carry circular outflow)
RECOVERY_TYPE_DESTINATIONS = F.RECOVERED_DESTINATIONS
UNSPECIFIED = "unspecified"


def recovery_type_pct(outflows: Frame) -> list[IndicatorResult]:
    """% recovery type per destination = circular outflow mass via the destination / Σ circular outflow [%].

    One id per destination: preparation_for_reuse, recycling and composting always, any other destination
    (and ``unspecified`` for product lines without one) when it carries circular outflow.
    References: CTI v4.0, Optimize the loop: % recovery type. [assumed]
    """
    circ = circular_outflow_mass(outflows)
    dest = column(outflows, "destination", object)
    by_dest = group_sums(dest, circ)  # the lines with a destination (never "unspecified": not a destination)
    unspecified = ~present(dest)
    if unspecified.any():
        by_dest[UNSPECIFIED] = group_sums(np.full(int(unspecified.sum()), UNSPECIFIED, dtype=object),
                                          circ[unspecified])[UNSPECIFIED]
    names = list(RECOVERY_TYPE_DESTINATIONS) + [
        d for d in (*F.DESTINATIONS, UNSPECIFIED) if d not in RECOVERY_TYPE_DESTINATIONS and by_dest.get(d, 0.0) > 0]
    total = float(circ.sum())
    out = []
    for name in names:
        iid = f"cti.recovery_type.{name}_pct"
        missing = _outflow_missing(outflows, iid)
        if missing:
            out.append(missing)
        elif total <= 0:
            out.append(not_computable(iid, "there is no circular outflow (Σ m_j RP_j AR_j is 0 t)",
                                      "循環アウトフロー（Σ m_j RP_j AR_j）が 0 t です", {"circular_outflow_t": 0.0}))
        else:
            part = float(by_dest.get(name, 0.0))
            out.append(result(iid, pct(part, total), {"circular_outflow_destination_t": part,
                                                      "circular_outflow_t": total}))
    return out


# ------------------------------------------------------------------------------------------------
# water, energy, lifetime, productivity
# ------------------------------------------------------------------------------------------------


def water_circularity_pct(water: Frame) -> IndicatorResult:
    """% water circularity = (circular withdrawal + circular discharge) / (withdrawal + discharge) [%, by m³].

    References: CTI v4.0, % water circularity (after the WBCSD/BIER water circularity metric). [assumed]
    """
    iid = "cti.water_circularity_pct"
    wd = water[isin(column(water, "kind"), ("withdrawal", "discharge"))]
    if len(wd) == 0:
        return not_computable(iid, "no water withdrawal or discharge lines were entered",
                              "取水・排水の行が入力されていません")
    v = col(wd, "volume_m3")
    circular = column(wd, "circular", bool)
    is_w = column(wd, "kind", object) == "withdrawal"
    inputs = {"circular_withdrawal_m3": float(v[is_w & circular].sum()),
              "circular_discharge_m3": float(v[~is_w & circular].sum()),
              "withdrawal_m3": float(v[is_w].sum()), "discharge_m3": float(v[~is_w].sum())}
    total = float(v.sum())
    if total <= 0:
        return not_computable(iid, "the withdrawal and discharge volumes add up to 0 m³",
                              "取水量と排水量の合計が 0 m³ です", inputs)
    return result(iid, pct(float(v[circular].sum()), total), inputs)


def onsite_water_circularity_pct(water: Frame) -> IndicatorResult:
    """Onsite water circularity = recirculated / (recirculated + withdrawal) [%, by m³].

    Needs at least one recirculated line (enter 0 m³ when nothing is recirculated).
    References: CTI v4.0, onsite water circularity. [assumed]
    """
    iid = "cti.onsite_water_circularity_pct"
    kind = column(water, "kind", object)
    recirc = kind == "recirculated"
    if not recirc.any():
        return not_computable(iid, "no recirculated water line was entered (enter 0 m³ if none is recirculated)",
                              "循環利用の水の行が入力されていません（循環利用がない場合は 0 m³ と入力してください）")
    recirculated = float(col(water[recirc], "volume_m3").sum())
    withdrawal = float(col(water[kind == "withdrawal"], "volume_m3").sum())
    inputs = {"recirculated_m3": recirculated, "withdrawal_m3": withdrawal}
    if recirculated + withdrawal <= 0:
        return not_computable(iid, "recirculated plus withdrawn water is 0 m³", "循環利用量と取水量の合計が 0 m³ です",
                              inputs)
    return result(iid, pct(recirculated, recirculated + withdrawal), inputs)


def renewable_energy_pct(energy: Frame) -> IndicatorResult:
    """% renewable energy = renewable energy consumed / total energy consumed [%, by MWh].

    Lines with direction ``exported`` are not consumption and are left out (ISO 59020 nets them instead:
    :func:`gcpcalc.indicators.iso59020.renewable_energy_net_pct`).
    References: CTI v4.0, % renewable energy. [assumed]
    """
    iid = "cti.renewable_energy_pct"
    if len(energy) == 0:
        return not_computable(iid, "no energy lines were entered", "エネルギーの行が入力されていません")
    energy = energy[~column(energy, "exported", bool)] if "exported" in energy else energy
    if len(energy) == 0:
        return not_computable(iid, "only exported energy was entered (no energy consumed)",
                              "外部供給したエネルギーだけが入力されています（消費したエネルギーがありません）")
    e = col(energy, "energy_mwh")
    total = float(e.sum())
    renewable = float(e[column(energy, "renewable", bool)].sum())
    inputs = {"renewable_energy_mwh": renewable, "energy_mwh": total}
    if total <= 0:
        return not_computable(iid, "the total energy is 0 MWh", "エネルギー合計が 0 MWh です", inputs)
    return result(iid, pct(renewable, total), inputs)


def lifetime_weights(products: Frame) -> tuple[np.ndarray, str]:
    """Weights of products for lifetime and recyclability averages, and the basis used.

    Product mass when every product has one (and they do not all weigh 0); else units sold when every product
    has them; else equal weights. [assumed weighting]
    """
    mass = column(products, "mass_t", "float64")
    units = column(products, "units_sold", "float64")
    if len(mass) and not np.isnan(mass).any() and mass.sum() > 0:
        return mass, "mass_t"
    if len(units) and not np.isnan(units).any() and units.sum() > 0:
        return units, "units_sold"
    return np.ones(len(products)), "equal"


def lifetime_ratio(products: Frame) -> tuple[float | None, dict]:
    """Weighted mean of L / L_av over the products with both lifetimes: (ratio or None, inputs)."""
    both = products[present(column(products, "actual_lifetime", "float64"))
                    & present(column(products, "industry_lifetime", "float64"))]
    if len(both) == 0:
        return None, {}
    ratio = column(both, "actual_lifetime", "float64") / column(both, "industry_lifetime", "float64")
    w, basis = lifetime_weights(both)
    value = float((w * ratio).sum() / w.sum())
    return value, {"products": len(both), "weighting": basis, "weight_total": float(w.sum())}


def actual_lifetime_ratio(products: Frame) -> IndicatorResult:
    """Actual lifetime ratio = Σ_p w_p (L_p / L_av,p) / Σ_p w_p over products with both lifetimes [ratio].

    w = product mass (units sold when a mass is missing, equal weights when neither is complete).
    References: CTI v4.0, Optimize the loop: actual lifetime [assumed]; weighting [assumed].
    """
    iid = "cti.actual_lifetime_ratio"
    value, inputs = lifetime_ratio(products)
    if value is None:
        return not_computable(iid, "no product has both an actual and an industry-average lifetime",
                              "製品寿命（実績・想定）と業界平均の製品寿命の両方がある製品がありません")
    return result(iid, value, inputs)


def circular_material_productivity(inflows: Frame, revenue: float | None, currency: str,
                                   masses: dict[str, float] | None = None) -> IndicatorResult:
    """Circular material productivity = revenue / linear inflow [currency per t].

    References: CTI v4.0, Value the loop: circular material productivity. [assumed]
    """
    iid = "cti.circular_material_productivity"
    if revenue is None:
        return not_computable(iid, *reason("no_revenue"), currency=currency)
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"), currency=currency)
    masses = inflow_masses(inflows) if masses is None else masses
    linear = max(0.0, masses["inflow_t"] - circular_inflow_mass_t(masses))
    inputs = {"revenue": float(revenue), "linear_inflow_t": linear}
    if linear <= 0:
        return not_computable(iid, "the linear inflow is 0 t (revenue per t of linear inflow is undefined)",
                              "リニアインフローが 0 t です（リニアインフロー 1 t 当たりの売上高を算出できません）",
                              inputs, currency=currency)
    return result(iid, float(revenue) / linear, inputs, currency=currency)


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``cti.*`` indicator of the normalised tables, in catalogue order."""
    i, o = tables.inflows, tables.outflows
    ms = inflow_masses(i)  # the inflow mass sums, once for all the inflow indicators
    out = [
        inflow_t(i), recycled_inflow_pct(i, ms), reused_inflow_pct(i, ms), nonvirgin_inflow_pct(i, ms),
        renewable_inflow_pct(i, ms), circular_inflow_pct(i, ms), linear_inflow_t(i, ms), linear_inflow_pct(i, ms),
        outflow_t(o), recovery_potential_pct(o), actual_recovery_pct(o), circular_outflow_pct(o),
        circular_outflow_cycle_pct(o, "technical"), circular_outflow_cycle_pct(o, "biological"),
        circular_outflow_default_recovery_pct(o), material_circularity_pct(i, o, ms), critical_inflow_pct(i, ms),
    ]
    out.extend(critical_inflow_by_material(i))
    out.extend(recovery_type_pct(o))
    out += [
        water_circularity_pct(tables.water), onsite_water_circularity_pct(tables.water),
        renewable_energy_pct(tables.energy), actual_lifetime_ratio(tables.products),
        circular_material_productivity(i, tables.revenue, tables.currency, ms),
    ]
    return out
