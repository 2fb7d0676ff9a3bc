"""Data quality of the inputs (ids ``dq.*``): mass shares of inflow and outflow lines by data quality.

``dq.<table>_<quality>_pct`` = Σ m of the lines whose data_quality is <quality> / Σ m of all lines of the
table [%], for quality in measured, calculated, estimated (the three add up to 100 %). Waste lines whose
actual recovery is the destination default (100 % for reuse, recycling, composting; no
``actual_recovery_pct`` given) count as *estimated*, whatever their stated data quality: the figure they
feed (circular outflow) rests on an assumption, not a record.

``dq.<table>_evidenced_pct`` = Σ m of the lines with an ``evidence_ref`` / Σ m of all lines [%].

References
----------
.. [1] ESRS E5-4 §32 and E5-5 §40: whether data come from direct measurement or estimation [confirmed].
.. [2] ISO 59020:2024, data-quality reporting [assumed].
"""
from __future__ import annotations

import numpy as np

from .. import fields as F
from ..tables import column, has_text, isin, mapped
from .base import IndicatorResult
from .catalogue import not_computable, reason, result
from .cti import Frame, col, pct


def mass_shares(df: Frame, table: str) -> list[IndicatorResult]:
    """Mass share of the lines of one table (``inflow`` or ``outflow``) per data quality [%]."""
    ids = [f"dq.{table}_{q}_pct" for q in F.DATA_QUALITY]
    if len(df) == 0:
        return [not_computable(i, *reason(f"no_{table}s")) for i in ids]
    m = col(df, "mass_t")
    total = float(m.sum())
    if total <= 0:
        return [not_computable(i, *reason(f"zero_{table}"), inputs={f"{table}_t": 0.0}) for i in ids]
    # each line's data quality as its index in F.DATA_QUALITY (-1 where none is given); the lines whose actual
    # recovery is the destination default count as estimated
    quality = mapped(column(df, "data_quality", object), {q: k for k, q in enumerate(F.DATA_QUALITY)}, -1,
                     dtype=np.int8)
    defaulted = _default_recovery_lines(df)
    quality = np.where(defaulted, F.DATA_QUALITY.index("estimated"), quality)
    out = []
    for k, (q, iid) in enumerate(zip(F.DATA_QUALITY, ids)):
        part = float(m[quality == k].sum())
        inputs = {f"{q}_t": part, f"{table}_t": total}
        if q == "estimated" and defaulted.any():
            inputs["default_recovery_lines_t"] = float(m[defaulted].sum())
        out.append(result(iid, pct(part, total), inputs))
    return out


def _default_recovery_lines(df: Frame):
    """Waste lines whose actual recovery is the 100 % destination default (no actual_recovery_pct given)."""
    if "ar_default" not in df:
        return np.zeros(len(df), dtype=bool)
    return column(df, "ar_default", bool) & isin(column(df, "destination"), F.RECOVERED_DESTINATIONS)


def evidenced_share(df: Frame, table: str) -> IndicatorResult:
    """Mass share of the lines of one table with an evidence reference (``evidence_ref``) [%].

    References: ESRS E5-4 §32 / E5-5 §40 (methodologies, data sources) [confirmed intent]; the measure itself is
    a completeness check of the evidence trail.
    """
    iid = f"dq.{table}_evidenced_pct"
    if len(df) == 0:
        return not_computable(iid, *reason(f"no_{table}s"))
    m = col(df, "mass_t")
    total = float(m.sum())
    if total <= 0:
        return not_computable(iid, *reason(f"zero_{table}"), inputs={f"{table}_t": 0.0})
    ev = has_text(column(df, "evidence_ref", object))
    part = float(m[ev].sum())
    return result(iid, pct(part, total), {"evidenced_t": part, f"{table}_t": total,
                                          "lines_with_evidence": int(ev.sum()), "lines": len(df)})


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``dq.*`` indicator."""
    return (mass_shares(tables.inflows, "inflow") + mass_shares(tables.outflows, "outflow")
            + [evidenced_share(tables.inflows, "inflow"), evidenced_share(tables.outflows, "outflow")])
