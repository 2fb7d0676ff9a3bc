"""Columns of the transport form of an assessment (:mod:`gcpcalc.intake.transport`), as row values."""
from __future__ import annotations

from itertools import repeat


class Coded:
    """A column of few distinct values (an enum, a unit, a business unit) as ``values`` and one int32 code per
    row: a fraction of the size of a list of the values in a pickle, and read back without a loop."""

    __slots__ = ("codes", "values")

    def __init__(self, codes, values: list):
        self.codes = codes
        self.values = values

    def __len__(self) -> int:
        return len(self.codes)

    def objects(self):
        """The column as a numpy object array (each row holds one of the ``values`` objects)."""
        import numpy as np

        values = np.empty(len(self.values), dtype=object)
        values[:] = self.values
        return values[self.codes]

    def tolist(self) -> list:
        return self.objects().tolist()

    def __getstate__(self):
        return self.codes, self.values

    def __setstate__(self, state) -> None:
        self.codes, self.values = state


def python_values(col) -> list:
    """A column as the values of validated rows: a float64 array (from the fast JSON path) as floats with
    None where it holds NaN (a null: no input holds NaN), a bool array as bools, a :class:`Coded` column as
    its values, a list as it is."""
    if isinstance(col, Coded):
        return col.tolist()
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
    return list(map(dict, map(zip, repeat(fids), zip(*map(python_values, cols)))))  # in C, row by row
