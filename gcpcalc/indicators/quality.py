"""Data quality of the inputs (ids ``dq.*``): mass shares of inflow and outflow lines by data quality.

``dq.<table>_<quality>_pct`` = Σ m of the lines whose data_quality is <quality> / Σ m of all lines of the
table [%], for quality in measured, calculated, estimated (the three add up to 100 %).

References
----------
.. [1] ESRS E5-4 §32 and E5-5 §40: whether data come from direct measurement or estimation [confirmed].
.. [2] ISO 59020:2024, data-quality reporting [assumed].
"""
from __future__ import annotations

import pandas as pd

from .. import fields as F
from .base import IndicatorResult
from .catalogue import not_computable, reason, result
from .cti import col, pct


def mass_shares(df: pd.DataFrame, table: str) -> list[IndicatorResult]:
    """Mass share of the lines of one table (``inflow`` or ``outflow``) per data quality [%]."""
    ids = [f"dq.{table}_{q}_pct" for q in F.DATA_QUALITY]
    if len(df) == 0:
        return [not_computable(i, *reason(f"no_{table}s")) for i in ids]
    m = col(df, "mass_t")
    total = float(m.sum())
    if total <= 0:
        return [not_computable(i, *reason(f"zero_{table}"), inputs={f"{table}_t": 0.0}) for i in ids]
    quality = df["data_quality"].to_numpy(dtype=object)
    out = []
    for q, iid in zip(F.DATA_QUALITY, ids):
        part = float(m[quality == q].sum())
        out.append(result(iid, pct(part, total), {f"{q}_t": part, f"{table}_t": total}))
    return out


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``dq.*`` indicator."""
    return mass_shares(tables.inflows, "inflow") + mass_shares(tables.outflows, "outflow")
