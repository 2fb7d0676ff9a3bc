"""Values that validate but cannot be real, checked on every input path (JSON, workbook).

* One line's quantity above 1e12 in its base unit (t, m3, MWh) is refused: the world's yearly material
  extraction is about 1e11 t, so such a figure is a typing or unit error, and figures up to 1e308 would
  make totals infinite.
* Any other number above 1e15 in magnitude (a revenue, a count) is refused for the same reason.
* A column total that is not finite is refused, so that no ``inf`` or ``nan`` reaches a result.
* A text longer than an Excel cell holds (32,767 characters) is reported: the Excel report cuts it.
"""
from __future__ import annotations

import math
from typing import Any

from .. import fields as F
from ..messages import ERROR, WARNING, Message
from ..i18n import message_texts
from ..units import BASE_UNIT, allowed_units, factor
from . import texts  # noqa: F401  (registers the messages)

MAX_BASE_QUANTITY = 1e12  # per line, in t, m3 or MWh
MAX_OTHER_NUMBER = 1e15
_MAX_FACTOR = {k: max(factor(k, u) for u in allowed_units(k)) for k in BASE_UNIT}
EXCEL_CELL_CHARS = 32_767


def _msg(code: str, severity: str, table: F.Table, row: int | None, fld: F.Field, value: Any, **kw) -> Message:
    en, ja = message_texts(code, field=fld.label_en, field_ja=fld.label_ja, value=value, **kw)
    return Message(code, severity, en, ja, table=table.id, row=row, field=fld.id, value=value)


def _unit_kind(table: F.Table, fld: F.Field) -> str | None:
    if not fld.unit or fld.unit in ("%",):
        return None
    try:
        unit_field = table.field(fld.unit)
    except (KeyError, ValueError, StopIteration):
        return None
    return unit_field.unit_kind if unit_field is not None and unit_field.kind == "unit" else None


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def check_rows(table: F.Table, rows: list[dict], first_row: int | None = 1) -> list[Message]:
    """Messages for implausible magnitudes, non-finite totals and over-long texts of one table."""
    out: list[Message] = []
    numeric = [f for f in table.fields if f.kind == "number"]
    texts_ = [f for f in table.fields if f.kind == "text"]
    kinds = {f.id: _unit_kind(table, f) for f in numeric}
    totals: dict[str, float] = {f.id: 0.0 for f in numeric}
    # fast path: a column whose largest magnitude, in its largest unit, is plausible needs no row-by-row
    # check, and its total stays finite
    exact = []
    for fld in numeric:
        kind = kinds[fld.id]
        fid = fld.id
        biggest = max(map(abs, [v for v in [r.get(fid) for r in rows] if type(v) is float or type(v) is int]),
                      default=0.0)
        scale = _MAX_FACTOR.get(kind, 1.0) if kind else 1.0
        limit = MAX_BASE_QUANTITY if kind else MAX_OTHER_NUMBER
        if not (math.isfinite(biggest) and biggest * scale * max(len(rows), 1) < 1e300 and biggest * scale <= limit):
            exact.append(fld)
    numeric = exact
    # texts: only the columns holding a text too long for a cell are looked at row by row
    texts_ = [f for f in texts_ if _longest_text([r.get(f.id) for r in rows]) > EXCEL_CELL_CHARS]
    if not numeric and not texts_:
        return out
    for n, row in enumerate(rows, first_row or 1):
        i = n if first_row is not None else None
        for fld in numeric:
            v = row.get(fld.id)
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                continue
            kind = kinds[fld.id]
            if kind is not None:
                unit = row.get(fld.unit) or table.field(fld.unit).default
                try:
                    base = abs(float(v)) * factor(kind, unit) if unit else abs(float(v))
                except Exception:
                    base = abs(float(v))
                limit = MAX_BASE_QUANTITY
                shown_limit = f"1e12 {BASE_UNIT.get(kind, '')}".strip()
            else:
                base, limit, shown_limit = abs(float(v)), MAX_OTHER_NUMBER, "1e15"
            if not math.isfinite(base) or base > limit:
                out.append(_msg("value_implausible", ERROR, table, i, fld, _fmt(float(v)), limit=shown_limit))
                continue
            totals[fld.id] += base
        for fld in texts_:
            v = row.get(fld.id)
            if isinstance(v, str) and len(v) > EXCEL_CELL_CHARS:
                out.append(_msg("text_cut_in_report", WARNING, table, i, fld, f"{len(v):,}"))
    for fld in numeric:
        if not math.isfinite(totals[fld.id]):
            out.append(_msg("total_not_finite", ERROR, table, None, fld, None))
    return out


def _longest_text(values: list) -> int:
    return max(map(len, [v for v in values if isinstance(v, str)]), default=0)


def check_assessment_data(organisation: dict | None, tables: dict[str, list[dict]]) -> list[Message]:
    """Every plausibility message of an assessment's organisation record and tables."""
    out: list[Message] = []
    if organisation:
        out.extend(check_rows(F.ORGANISATION, [organisation], first_row=None))  # type: ignore[arg-type]
    for tid, rows in tables.items():
        if rows:
            out.extend(check_rows(F.TABLES[tid], rows))
    return out


def check_assessment(assessment) -> list[Message]:
    return check_assessment_data(assessment.organisation,
                                 {tid: getattr(assessment, tid) for tid in F.LIST_TABLES})
