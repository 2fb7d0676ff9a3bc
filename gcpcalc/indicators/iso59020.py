"""ISO 59020:2024 core circularity indicators at organisation level (ids ``iso59020.*``).

The inflow, lifetime and water indicators are the CTI figures under ISO names (same formula, same inputs);
the outflow indicators count the mass actually reused, recycled or returned to the biosphere by its route
(Σ m_j AR_j, no recovery-potential factor: ISO 59020 measures what was recovered, not what could be);
renewable energy is net of exported energy; material productivity divides revenue by the total inflow. The exact ISO wording of the core indicators could not be checked:
every formula here is [assumed].

References
----------
.. [1] ISO 59020:2024, *Circular economy — Measuring and assessing circularity performance*, 7.3.1 (core
   indicators) and 7.3.2 (additional indicators; lifetime vs industry average is optional).
.. [2] Specification ``indicators.md``; ``ref_frameworks.md`` §2.3 (reconstructed core-indicator list).
"""
from __future__ import annotations

from ..tables import column

from .base import IndicatorResult
from .catalogue import not_computable, reason, result, same_as
from .cti import Frame, col, pct

#: ISO id -> the CTI id whose value it takes over (no second formula)
SAME_AS_CTI: dict[str, str] = {
    "iso59020.inflow_reused_pct": "cti.reused_inflow_pct",
    "iso59020.inflow_recycled_pct": "cti.recycled_inflow_pct",
    "iso59020.inflow_renewable_sustainable_pct": "cti.renewable_inflow_pct",
    "iso59020.average_lifetime_ratio": "cti.actual_lifetime_ratio",
    "iso59020.water_circular_pct": "cti.water_circularity_pct",
}


def outflow_route_pct(outflows: Frame, indicator_id: str, destination: str) -> IndicatorResult:
    """% of all outflow actually recovered via one route: Σ_{dest} m_j AR_j / Σ m_j [%].

    The mass actually reused / recycled / returned counts, with no recovery-potential factor (rev. 2: a
    product line's RP describes design, not what happened to it).
    References: ISO 59020:2024, 7.3.1, resource outflows (actually reused / recycled / returned to the
    biosphere); reconstruction of the clause [assumed].
    """
    if len(outflows) == 0:
        return not_computable(indicator_id, *reason("no_outflows"))
    total = float(col(outflows, "mass_t").sum())
    if total <= 0:
        return not_computable(indicator_id, *reason("zero_outflow"), inputs={"outflow_t": 0.0})
    via = column(outflows, "destination", object) == destination
    part = float((col(outflows, "mass_t") * col(outflows, "ar_frac") * via).sum())
    return result(indicator_id, pct(part, total), {f"{destination}_outflow_t": part, "outflow_t": total})


def renewable_energy_net_pct(energy: Frame) -> IndicatorResult:
    """% renewable energy net of exports = (E_in,ren − E_out,ren) / (E_in,tot − E_out,tot) [%, by MWh].

    E_in: lines with direction ``consumed``; E_out: lines with direction ``exported`` (e.g. surplus on-site
    solar power sold to the grid). Not computable when the net total is not above 0 MWh.
    References: ISO 59020:2024, 7.3.1 core indicators, energy (renewable share, exported energy netted out);
    reconstruction [assumed].
    """
    iid = "iso59020.renewable_energy_pct"
    if len(energy) == 0:
        return not_computable(iid, "no energy lines were entered", "エネルギーの行が入力されていません")
    e = col(energy, "energy_mwh")
    ren = column(energy, "renewable", bool)
    out = column(energy, "exported", bool)
    inputs = {"renewable_consumed_mwh": float(e[ren & ~out].sum()), "consumed_mwh": float(e[~out].sum()),
              "renewable_exported_mwh": float(e[ren & out].sum()), "exported_mwh": float(e[out].sum())}
    net_total = inputs["consumed_mwh"] - inputs["exported_mwh"]
    net_ren = inputs["renewable_consumed_mwh"] - inputs["renewable_exported_mwh"]
    inputs.update(net_renewable_mwh=net_ren, net_total_mwh=net_total)
    if net_total <= 0:
        return not_computable(iid, "energy consumed minus energy exported is not above 0 MWh",
                              "消費したエネルギーから外部供給したエネルギーを差し引いた量が 0 MWh 以下です", inputs)
    return result(iid, pct(net_ren, net_total), inputs)


def resource_productivity(inflows: Frame, revenue: float | None, currency: str) -> IndicatorResult:
    """Material productivity = revenue / Σ m_i [currency per t].

    References: ISO 59020:2024, 7.3.1, economics (material productivity). [assumed]
    """
    iid = "iso59020.resource_productivity"
    if revenue is None:
        return not_computable(iid, *reason("no_revenue"), currency=currency)
    if len(inflows) == 0:
        return not_computable(iid, *reason("no_inflows"), currency=currency)
    total = float(col(inflows, "mass_t").sum())
    inputs = {"revenue": float(revenue), "inflow_t": total}
    if total <= 0:
        return not_computable(iid, *reason("zero_inflow"), inputs=inputs, currency=currency)
    return result(iid, float(revenue) / total, inputs, currency=currency)


def compute(tables, results_so_far) -> list[IndicatorResult]:
    """Every ``iso59020.*`` indicator, in catalogue order (needs the CTI results)."""
    get = results_so_far.get if results_so_far is not None else (lambda _k: None)
    o = tables.outflows
    same = {k: same_as(k, v, get(v)) for k, v in SAME_AS_CTI.items()}
    return [
        same["iso59020.inflow_reused_pct"], same["iso59020.inflow_recycled_pct"],
        same["iso59020.inflow_renewable_sustainable_pct"],
        outflow_route_pct(o, "iso59020.outflow_reused_pct", "preparation_for_reuse"),
        outflow_route_pct(o, "iso59020.outflow_recycled_pct", "recycling"),
        outflow_route_pct(o, "iso59020.outflow_biological_returned_pct", "composting"),
        same["iso59020.average_lifetime_ratio"], same["iso59020.water_circular_pct"],
        renewable_energy_net_pct(tables.energy),
        resource_productivity(tables.inflows, tables.revenue, tables.currency),
    ]
