"""ISO 59020:2024 core circularity indicators at organisation level (ids ``iso59020.*``).

The inflow, lifetime, water and energy indicators are the CTI figures under ISO names (same formula,
same inputs); the outflow indicators count the circular outflow by its actual route; material productivity
divides revenue by the total inflow. The exact ISO wording of the core indicators could not be checked:
every formula here is [assumed].

References
----------
.. [1] ISO 59020:2024, *Circular economy — Measuring and assessing circularity performance*, 7.3.1 (core
   indicators) and 7.3.2 (additional indicators; lifetime vs industry average is optional).
.. [2] Specification ``indicators.md``; ``ref_frameworks.md`` §2.3 (reconstructed core-indicator list).
"""
from __future__ import annotations

import pandas as pd

from .base import IndicatorResult
from .catalogue import not_computable, reason, result, same_as
from .cti import circular_outflow_mass, col, pct

#: ISO id -> the CTI id whose value it takes over (no second formula)
SAME_AS_CTI: dict[str, str] = {
    "iso59020.inflow_reused_pct": "cti.reused_inflow_pct",
    "iso59020.inflow_recycled_pct": "cti.recycled_inflow_pct",
    "iso59020.inflow_renewable_sustainable_pct": "cti.renewable_inflow_pct",
    "iso59020.average_lifetime_ratio": "cti.actual_lifetime_ratio",
    "iso59020.water_circular_pct": "cti.water_circularity_pct",
    "iso59020.renewable_energy_pct": "cti.renewable_energy_pct",
}


def outflow_route_pct(outflows: pd.DataFrame, indicator_id: str, destination: str) -> IndicatorResult:
    """% of all outflow that is circular via one route: Σ_{dest} m_j RP_j AR_j / Σ m_j [%].

    References: ISO 59020:2024, 7.3.1, resource outflows (actually reused / recycled / returned to the
    biosphere). [assumed]
    """
    if len(outflows) == 0:
        return not_computable(indicator_id, *reason("no_outflows"))
    total = float(col(outflows, "mass_t").sum())
    if total <= 0:
        return not_computable(indicator_id, *reason("zero_outflow"), inputs={"outflow_t": 0.0})
    via = (outflows["destination"] == destination).to_numpy(dtype=bool)
    part = float((circular_outflow_mass(outflows) * via).sum())
    return result(indicator_id, pct(part, total), {f"{destination}_outflow_t": part, "outflow_t": total})


def resource_productivity(inflows: pd.DataFrame, revenue: float | None, currency: str) -> IndicatorResult:
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
        same["iso59020.renewable_energy_pct"],
        resource_productivity(tables.inflows, tables.revenue, tables.currency),
    ]
