"""Where each figure comes from: per-line derived values and the largest contributing lines of an indicator.

Computed from the normalised tables, below every renderer (the Excel report's input sheets and indicator rows,
the app's "why this number" view, JSON), so that all of them show the same lines.

* :func:`inflow_trace` — per inflow line: mass in t, recycled / reused / sustainably renewable / circular /
  secondary mass, listed critical material and the critical mass counted, whether the whole line counts
  because no content share was given, whether there is an evidence reference.
* :func:`outflow_trace` — per outflow line: mass in t, recovery potential and actual recovery used, the
  recovered and circular mass, the ESRS E5-5 class of a waste line, whether the actual recovery is the
  destination default.
* :func:`contributions` — for an indicator id, each line's contribution to its numerator, largest first.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..tables import column, has_text
from .cti import circular_outflow_mass, col

INFLOW_TRACE_COLUMNS = (
    "line_id", "mass_t", "recycled_t", "reused_t", "renewable_sustainable_t", "circular_t", "secondary_t",
    "critical_id", "critical_t", "critical_whole_line", "evidenced",
)
OUTFLOW_TRACE_COLUMNS = (
    "line_id", "flow_type", "mass_t", "rp_pct", "ar_pct", "recovered_t", "circular_t", "esrs_class",
    "default_recovery", "evidenced",
)


def _evidenced(df: pd.DataFrame) -> np.ndarray:
    if "evidence_ref" not in df:
        return np.zeros(len(df), dtype=bool)
    return has_text(column(df, "evidence_ref", object))  # as dq.*_evidenced_pct counts them


def inflow_trace(inflows: pd.DataFrame) -> pd.DataFrame:
    """Derived values per inflow line (t), in input order."""
    m = col(inflows, "mass_t")
    recycled = m * (col(inflows, "recycled_preconsumer_frac") + col(inflows, "recycled_postconsumer_frac"))
    reused = m * col(inflows, "reused_frac")
    ren_sust = m * col(inflows, "renewable_frac") * col(inflows, "sustainably_sourced_frac")
    critical = inflows["critical"].to_numpy(dtype=bool)
    whole = critical & inflows["critical_content_pct"].isna().to_numpy(dtype=bool)
    return pd.DataFrame({
        "line_id": inflows["line_id"].to_numpy(dtype=object),
        "mass_t": m,
        "recycled_t": recycled,
        "reused_t": reused,
        "renewable_sustainable_t": ren_sust,
        "circular_t": recycled + reused + ren_sust,
        "secondary_t": recycled + reused,
        "critical_id": inflows["critical_id"].to_numpy(dtype=object),
        "critical_t": col(inflows, "critical_mass_t"),
        "critical_whole_line": whole,
        "evidenced": _evidenced(inflows),
    })


def esrs_classes(outflows: pd.DataFrame) -> np.ndarray:
    """The ESRS E5-5 §37 class of each outflow line: ``<diverted|disposal|unknown>.<hazard>.<route>`` for
    waste, None for products and by-products."""
    from .esrs_e5 import DISPOSAL_ROUTES, classify_waste

    out = np.full(len(outflows), None, dtype=object)
    waste = (outflows["flow_type"] == "waste").to_numpy(dtype=bool)
    if waste.any():
        w = outflows[waste]
        route = classify_waste(w)
        hazard = np.where(w["hazardous"].to_numpy(dtype=bool), "hazardous", "non_hazardous")
        group = np.where(np.isin(route, DISPOSAL_ROUTES), "disposal", np.where(route == "unknown", "unknown",
                                                                                "diverted"))
        out[waste] = [f"{g}.{h}.{r}" for g, h, r in zip(group, hazard, route)]
    return out


def outflow_trace(outflows: pd.DataFrame) -> pd.DataFrame:
    """Derived values per outflow line, in input order (percentages as used by the formulas)."""
    m = col(outflows, "mass_t")
    return pd.DataFrame({
        "line_id": outflows["line_id"].to_numpy(dtype=object),
        "flow_type": outflows["flow_type"].to_numpy(dtype=object),
        "mass_t": m,
        "rp_pct": col(outflows, "rp_frac") * 100.0,
        "ar_pct": col(outflows, "ar_frac") * 100.0,
        "recovered_t": m * col(outflows, "ar_frac"),
        "circular_t": circular_outflow_mass(outflows),
        "esrs_class": esrs_classes(outflows),
        "default_recovery": outflows["ar_default"].to_numpy(dtype=bool),
        "evidenced": _evidenced(outflows),
    })


@dataclass(frozen=True)
class Contributions:
    """The lines behind one indicator: ``table`` (inflows / outflows), what is summed (``measure``, a
    trace column), and the lines with their contribution in t, largest first."""

    indicator_id: str
    table: str
    measure: str
    lines: pd.DataFrame  # columns: line_id, contribution_t, share_pct (of the numerator)
    total_t: float


#: indicator id (or prefix) -> (table, trace column, optional row filter on the trace)
_INFLOW_MEASURES = {
    "cti.inflow_t": "mass_t", "esrs_e5.inflow_total_t": "mass_t", "iso59020.resource_productivity": "mass_t",
    "cti.recycled_inflow_pct": "recycled_t", "iso59020.inflow_recycled_pct": "recycled_t",
    "cti.reused_inflow_pct": "reused_t", "iso59020.inflow_reused_pct": "reused_t",
    "cti.nonvirgin_inflow_pct": "secondary_t", "esrs_e5.secondary_inflow_t": "secondary_t",
    "esrs_e5.secondary_inflow_pct": "secondary_t",
    "cti.renewable_inflow_pct": "renewable_sustainable_t", "iso59020.inflow_renewable_sustainable_pct":
        "renewable_sustainable_t", "esrs_e5.bio_sustainably_sourced_pct": "renewable_sustainable_t",
    "esrs_e5.bio_sustainably_sourced_of_biological_pct": "renewable_sustainable_t",
    "cti.circular_inflow_pct": "circular_t", "gcp.circular_inflow_pct": "circular_t",
    "cti.linear_inflow_t": "linear_t", "cti.linear_inflow_pct": "linear_t",
    "cti.circular_material_productivity": "linear_t", "gcp.circular_material_productivity": "linear_t",
    "cti.critical_inflow_pct": "critical_t", "gcp.critical_inflow_pct": "critical_t",
    "dq.inflow_evidenced_pct": "evidenced_t",
}
_OUTFLOW_MEASURES = {
    "cti.outflow_t": "mass_t", "cti.recovery_potential_pct": "recoverable_t", "cti.actual_recovery_pct": "recovered_t",
    "cti.circular_outflow_pct": "circular_t", "gcp.circular_outflow_pct": "circular_t",
    "cti.circular_outflow_default_recovery_pct": "circular_default_t",
    "cti.circular_outflow_technical_pct": "circular_technical_t",
    "cti.circular_outflow_biological_pct": "circular_biological_t",
    "iso59020.outflow_reused_pct": "recovered_preparation_for_reuse_t",
    "iso59020.outflow_recycled_pct": "recovered_recycling_t",
    "iso59020.outflow_biological_returned_pct": "recovered_composting_t",
    "esrs_e5.waste_total_t": "waste_t", "esrs_e5.nonrecycled_t": "nonrecycled_t", "esrs_e5.nonrecycled_pct":
        "nonrecycled_t", "esrs_e5.hazardous_t": "hazardous_t", "esrs_e5.radioactive_t": "radioactive_t",
    "esrs_e5.unknown_destination_t": "unknown_t", "dq.outflow_evidenced_pct": "evidenced_t",
}


def _inflow_measure(inflows: pd.DataFrame, measure: str) -> np.ndarray:
    tr = inflow_trace(inflows)
    if measure == "linear_t":
        return (tr["mass_t"] - tr["circular_t"]).clip(lower=0.0).to_numpy()
    if measure == "evidenced_t":
        return np.where(tr["evidenced"], tr["mass_t"], 0.0)
    return tr[measure].to_numpy(dtype="float64")


def _outflow_measure(outflows: pd.DataFrame, measure: str, indicator_id: str) -> np.ndarray:
    tr = outflow_trace(outflows)
    m = tr["mass_t"].to_numpy()
    waste = (tr["flow_type"] == "waste").to_numpy(dtype=bool)
    dest = outflows["destination"].to_numpy(dtype=object)
    cls = tr["esrs_class"].to_numpy(dtype=object)
    if measure in ("mass_t", "recovered_t", "circular_t"):
        return tr[measure].to_numpy(dtype="float64")
    if measure == "recoverable_t":
        return m * tr["rp_pct"].to_numpy() / 100.0
    if measure == "circular_default_t":
        return np.where(tr["default_recovery"], tr["circular_t"], 0.0)
    if measure.startswith("circular_") and measure.endswith("_t"):
        cycle = measure.removeprefix("circular_").removesuffix("_t")
        return np.where(outflows["cycle"].to_numpy(dtype=object) == cycle, tr["circular_t"], 0.0)
    if measure.startswith("recovered_"):
        route = measure.removeprefix("recovered_").removesuffix("_t")
        return np.where(dest == route, tr["recovered_t"], 0.0)
    if measure == "waste_t":
        return np.where(waste, m, 0.0)
    if measure == "nonrecycled_t":
        recycled = np.array([c is not None and c.endswith(".recycling") for c in cls], dtype=bool)
        return np.where(waste & ~recycled, m, 0.0)
    if measure == "hazardous_t":
        return np.where(waste & outflows["hazardous"].to_numpy(dtype=bool), m, 0.0)
    if measure == "radioactive_t":
        return np.where(waste & outflows["radioactive"].to_numpy(dtype=bool), m, 0.0)
    if measure == "unknown_t":
        return np.where(np.array([c is not None and c.startswith("unknown.") for c in cls], dtype=bool), m, 0.0)
    if measure == "evidenced_t":
        return np.where(tr["evidenced"], m, 0.0)
    if measure == "class_t":  # esrs_e5.diverted.<hazard>.<route>_t and totals
        parts = indicator_id.removeprefix("esrs_e5.").removesuffix("_t").split(".")
        match = np.array([c is not None and _class_matches(c, parts) for c in cls], dtype=bool)
        return np.where(match, m, 0.0)
    raise KeyError(measure)


def _class_matches(cls: str, parts: list[str]) -> bool:
    group, hazard, route = cls.split(".")
    if parts[0] != group:
        return False
    if parts[1:] == ["total"]:
        return True
    if len(parts) >= 2 and parts[1] != hazard:
        return False
    return len(parts) == 2 or parts[2] in ("total", route)


def measure_of(indicator_id: str) -> tuple[str, str] | None:
    """(table, measure) summed by the numerator of ``indicator_id``; None when it is not line-based."""
    if indicator_id in _INFLOW_MEASURES:
        return "inflows", _INFLOW_MEASURES[indicator_id]
    if indicator_id in _OUTFLOW_MEASURES:
        return "outflows", _OUTFLOW_MEASURES[indicator_id]
    if indicator_id.startswith("cti.critical_inflow.") and indicator_id.endswith("_t"):
        return "inflows", "critical_t"
    if indicator_id.startswith(("esrs_e5.diverted.", "esrs_e5.disposal.")):
        return "outflows", "class_t"
    if indicator_id.startswith("cti.recovery_type."):
        return "outflows", "circular_t"
    return None


def contributions(tables, indicator_id: str, top: int | None = None) -> Contributions | None:
    """The lines behind ``indicator_id`` with their contribution to its numerator (t), largest first.

    None when the indicator is not a sum over inflow or outflow lines (water, energy, products, MCI …).
    """
    found = measure_of(indicator_id)
    if found is None:
        return None
    table, measure = found
    df = tables.inflows if table == "inflows" else tables.outflows
    if table == "inflows":
        values = _inflow_measure(df, measure)
        if indicator_id.startswith("cti.critical_inflow."):
            mid = indicator_id.removeprefix("cti.critical_inflow.").removesuffix("_t")
            values = np.where(df["critical_id"].to_numpy(dtype=object) == mid, values, 0.0)
    else:
        values = _outflow_measure(df, measure, indicator_id)
        if indicator_id.startswith("cti.recovery_type."):
            dest = indicator_id.removeprefix("cti.recovery_type.").removesuffix("_pct")
            d = df["destination"].astype("object").where(df["destination"].notna(), "unspecified").to_numpy()
            values = np.where(d == dest, values, 0.0)
    total = float(values.sum())
    order = np.argsort(-values, kind="stable")
    order = order[values[order] > 0]
    if top is not None:
        order = order[:top]
    lines = pd.DataFrame({
        "line_id": df["line_id"].to_numpy(dtype=object)[order],
        "contribution_t": values[order],
        "share_pct": (values[order] / total * 100.0) if total > 0 else np.zeros(len(order)),
    })
    return Contributions(indicator_id, table, measure, lines, total)
