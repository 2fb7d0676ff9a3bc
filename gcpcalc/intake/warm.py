"""Imported once by the forkserver of :mod:`gcpcalc.intake.isolate`: loads every module a child needs and
runs one small workbook and one JSON document through the readers, so that the caches they build on first
use (validators, enum parsers, the spreadsheet library) are already in memory in every forked child.

The warm-up workbooks are written with xlsxwriter in a few milliseconds (sheets named as in the template,
a header row of labels, the lines of :data:`~gcpcalc.intake.hostile.BASE_DATA`): building the full template
with openpyxl here would delay the first upload of every process by about a second."""
from __future__ import annotations

import io
import json


def warm_workbook(lang: str) -> bytes:
    """A small workbook the template reader accepts: the organisation as label / value rows, each list
    table of :data:`~gcpcalc.intake.hostile.BASE_DATA` under a header row of labels in ``lang``."""
    import xlsxwriter

    from .. import fields as F
    from ..excel.template_cells import sheet_name
    from .hostile import BASE_DATA

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    org = wb.add_worksheet(sheet_name(F.ORGANISATION, lang))
    for r, (fid, value) in enumerate(BASE_DATA["organisation"].items()):
        org.write_string(r, 0, F.ORGANISATION.field(fid).label(lang))
        org.write(r, 1, value)
    for tid in F.LIST_TABLES:
        table = F.TABLES[tid]
        ws = wb.add_worksheet(sheet_name(table, lang))
        for c, fld in enumerate(table.fields):
            ws.write_string(0, c, fld.label(lang))
        for r, row in enumerate(BASE_DATA.get(tid, []), start=1):
            for c, fld in enumerate(table.fields):
                if row.get(fld.id) is not None:
                    ws.write(r, c, row[fld.id])
    wb.close()
    return buf.getvalue()


def _warm() -> None:
    import python_calamine  # noqa: F401

    from ..excel.reader import parse_workbook_bytes
    from . import budget, fallback, sanity, transport  # noqa: F401
    from .hostile import BASE_DATA
    from .jsonin import load_json

    for lang in ("ja", "en"):
        parse_workbook_bytes(warm_workbook(lang), "warm.xlsx")
    load_json(json.dumps(BASE_DATA).encode(), "warm.json")


try:
    _warm()
except Exception:  # pragma: no cover - warming is an optimisation only
    pass
