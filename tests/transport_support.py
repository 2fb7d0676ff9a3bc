"""What the tests of the readers' parallel paths share: the transport form of an assessment made comparable, and
filled templates to edit."""
from __future__ import annotations

import io

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


def template_workbook(data=None, lang: str = "ja"):
    """The template filled with ``data`` (the small hostile-set assessment by default), open in openpyxl to edit."""
    import openpyxl

    from gcpcalc.excel.template import assessment_to_template_bytes
    from gcpcalc.intake import hostile

    return openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(data or hostile.BASE_DATA, lang)))


def workbook_bytes(wb) -> bytes:
    """An openpyxl workbook saved as xlsx bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


#: the ways :func:`spoilt_document` spoils a document: each makes the fast JSON path unsure
SPOILS = ("repeated id in a later row", "over 100 % in a later row", "a null id", "a text with blanks",
          "a wrong unit", "an unknown field")


def spoilt_document(spoil: str) -> dict:
    """A 300 + 300-line assessment with one thing the ordinary path must report (one of :data:`SPOILS`)."""
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(300, 300, n_products=4, seed=9)
    if spoil == "repeated id in a later row":
        data["inflows"][250]["line_id"] = data["inflows"][2]["line_id"]
    elif spoil == "over 100 % in a later row":
        data["inflows"][260].update(recycled_preconsumer_pct=70.0, recycled_postconsumer_pct=40.0)
    elif spoil == "a null id":
        data["outflows"][120]["line_id"] = None
    elif spoil == "a text with blanks":
        data["outflows"][200]["business_unit"] = " Plant-A"
    elif spoil == "a wrong unit":
        data["inflows"][150]["mass_unit"] = "tons"
    elif spoil == "an unknown field":
        data["outflows"][299]["colour"] = "red"
    else:
        raise ValueError(spoil)
    return data
