"""The compact form in which a child process hands a validated assessment back: each table as its field
ids and one list per column (a pickle of columns is several times smaller and faster than one of
per-row dicts); the rows are rebuilt as dicts in the parent. The fast JSON path
(:mod:`gcpcalc.intake.fastjson`) sends numbers as float64 arrays (NaN for a null) and yes/no fields as bool
arrays."""
from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from .. import fields as F
from ..messages import Message
from ..columns import table_rows

if TYPE_CHECKING:  # the models (pydantic) are imported where an assessment is rebuilt, not to read one
    from ..models import Assessment


class Pickled:
    """A table's transport form as a forked reading process pickled it, sent on by the reading child as it is:
    it becomes the table again where the child's result is unpickled (``__reduce__``), with no unpickling and
    pickling again in the child (about 0.4 s of a million-line table)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __reduce__(self):
        import pickle

        return pickle.loads, (self.data,)


def pack(assessment: Assessment | None, messages: list[Message]) -> tuple:
    if assessment is None:
        return None, None, messages
    tables = {tid: pack_table(getattr(assessment, tid, None) or []) for tid in F.LIST_TABLES}
    return assessment.organisation, tables, messages


def pack_table(rows: list[dict]) -> tuple:
    """One table of validated rows in the transport form: (field ids, one list per field, number of rows)."""
    if not rows:
        return (), [], 0
    fids = tuple(rows[0])
    cols = _columns(rows, fids)
    if cols is not None:
        return fids, cols, len(rows)
    return None, rows, len(rows)  # rows with different keys: sent as they are


def _columns(rows: list[dict], fids: tuple) -> list | None:
    """One list per field of ``rows`` when every row has exactly the fields ``fids`` (None otherwise)."""
    if not all(len(r) == len(fids) for r in rows):
        return None
    if len(fids) == 1:
        return [[r.get(fids[0]) for r in rows]] if all(fids[0] in r for r in rows) else None
    try:  # the transpose in C: one tuple per row, then one per field
        return [list(c) for c in zip(*map(itemgetter(*fids), rows))]
    except KeyError:  # a row with other fields of the same number
        return None


def unpack(packed: tuple) -> tuple[Assessment | None, list[Message]]:
    from ..models import Assessment

    organisation, tables, messages = packed
    if organisation is None:
        return None, messages
    out = {}
    for tid, (fids, cols, n) in tables.items():
        out[tid] = table_rows(fids, cols, n) if fids != () else []
    return Assessment.model_construct(organisation=organisation, **out), messages

