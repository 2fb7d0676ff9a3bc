"""Columns of the transport form of an assessment (:mod:`gcpcalc.intake.transport`), as row values."""
from __future__ import annotations


def python_values(col) -> list:
    """A column as the values of validated rows: a float64 array (from the fast JSON path) as floats with
    None where it holds NaN (a null: no input holds NaN), a bool array as bools, a list as it is."""
    tolist = getattr(col, "tolist", None)
    if tolist is None:
        return col
    values = tolist()
    if col.dtype.kind == "f":
        return [None if x != x else x for x in values]
    return values


def table_rows(fids, cols, n: int) -> list[dict]:
    """The rows (dicts keyed by field id) of one table in the transport form."""
    if not n:
        return []
    if fids is None:  # rows with different keys, sent as they are
        return cols
    return [dict(zip(fids, t)) for t in zip(*map(python_values, cols))]
