"""What the tests of the readers' parallel paths share: the transport form of an assessment made comparable."""
from __future__ import annotations

from gcpcalc.columns import python_values


def plain(packed):
    """The transport form (organisation, tables, messages) with every column as its row values (NaN as None) and
    the messages as dicts, comparable with ``==``; ``None`` stays ``None`` (not read on the fast path)."""
    if packed is None:
        return None
    org, tables, messages = packed
    out = {}
    for tid, (fids, cols, n) in (tables or {}).items():
        rows = [[None if v != v else v for v in python_values(c)] for c in cols] if fids is not None else cols
        out[tid] = (tuple(fids or ()), rows, n)
    return org, out, [m.to_dict() for m in messages]
