"""Columns of the transport form of an assessment (:mod:`gcpcalc.intake.transport`), as row values."""
from __future__ import annotations

import gc
from functools import lru_cache
from itertools import repeat
from typing import Callable


class Coded:
    """A column of few distinct values (an enum, a unit, a business unit) as ``values`` and one integer code
    per row (int32 as read; in the transport form the smallest type that holds them, :func:`narrow_codes`): a
    fraction of the size of a list of the values in a pickle, and read back without a loop."""

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


def code_type(k: int):
    """The smallest unsigned integer type that holds the codes of ``k`` distinct values (int32 beyond 65,536): a
    column of up to 256 values pickles in a quarter of the bytes of int32 codes, and crosses between processes
    as fast."""
    import numpy as np

    return np.uint8 if k <= 1 << 8 else np.uint16 if k <= 1 << 16 else np.int32


def narrow_codes(codes, k: int):
    """``codes`` (of ``k`` distinct values) in :func:`code_type`'s type."""
    small = code_type(k)
    return codes if codes.dtype == small else codes.astype(small)


def python_values(col) -> list:
    """A column as the values of validated rows: a float64 array (from the fast JSON path) as floats with
    None where it holds NaN (a null: no input holds NaN), a bool array as bools, a :class:`Coded` column as
    its values, a list as it is."""
    if isinstance(col, Coded):
        return col.tolist()
    tolist = getattr(col, "tolist", None)
    if tolist is None:
        return col
    if col.dtype.kind == "f":
        nulls = col != col
        if nulls.any():  # NaN as None, in C: the floats made by astype are those tolist makes
            col = col.astype(object)
            col[nulls] = None
    return col.tolist()


def table_rows(fids, cols, n: int) -> list[dict]:
    """The rows (dicts keyed by field id) of one table in the transport form."""
    if not n:
        return []
    if fids is None:  # rows with different keys, sent as they are
        return cols
    values = list(map(python_values, cols))
    make = _row_maker(fids) if all(type(f) is str for f in fids) else None
    # no collection of the cyclic garbage while the rows are made: each new dict counts towards the collector's
    # thresholds although none can be part of a cycle, and the full collections these trigger walk every
    # object (about a fifth of the time of a 100k-row table)
    enabled = gc.isenabled()
    gc.disable()
    try:
        if make is None:
            return list(map(dict, map(zip, repeat(fids), zip(*values))))  # in C, row by row
        return list(map(make, *values))
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=64)
def _row_maker(fids: tuple) -> Callable[..., dict]:
    """The function of one value per field that returns a row: a dict display with the field ids as its
    constant keys, which the interpreter builds in one step (about 1.4 times as fast as ``dict(zip(...))`` for
    a table of 20 fields). Each key is written by ``repr``, so any text is a key and nothing else."""
    params = ", ".join(f"_{i}" for i in range(len(fids)))
    items = ", ".join(f"{fid!r}: _{i}" for i, fid in enumerate(fids))
    return eval(f"lambda {params}: {{{items}}}", {"__builtins__": {}})  # noqa: S307 - the keys are reprs
