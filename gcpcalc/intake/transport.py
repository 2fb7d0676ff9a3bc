"""The compact form in which a child process hands a validated assessment back: each table as its field
ids and one list per column (a pickle of columns is several times smaller and faster than one of
per-row dicts); the rows are rebuilt as dicts in the parent. The fast JSON path
(:mod:`gcpcalc.intake.fastjson`) sends numbers as float64 arrays (NaN for a null) and yes/no fields as bool
arrays."""
from __future__ import annotations

from .. import fields as F
from ..messages import Message
from ..columns import table_rows
from ..models import Assessment


def pack(assessment: Assessment | None, messages: list[Message]) -> tuple:
    if assessment is None:
        return None, None, messages
    tables = {}
    for tid in F.LIST_TABLES:
        rows = getattr(assessment, tid, None) or []
        if not rows:
            tables[tid] = ((), [], 0)
            continue
        fids = tuple(rows[0])
        if all(len(r) == len(fids) for r in rows):
            tables[tid] = (fids, [[r.get(f) for r in rows] for f in fids], len(rows))
        else:  # rows with different keys: sent as they are
            tables[tid] = (None, rows, len(rows))
    return assessment.organisation, tables, messages


def unpack(packed: tuple) -> tuple[Assessment | None, list[Message]]:
    organisation, tables, messages = packed
    if organisation is None:
        return None, messages
    out = {}
    for tid, (fids, cols, n) in tables.items():
        out[tid] = table_rows(fids, cols, n) if fids != () else []
    return Assessment.model_construct(organisation=organisation, **out), messages

