"""A cell-by-cell reader of one sheet, used when the spreadsheet library refuses the whole sheet.

python-calamine stops at the first damaged cell (a shared-string index that does not exist, a number
that is not a number) and returns nothing of the sheet. One bad cell must not reject the workbook: this
reader walks the sheet XML with a real XML parser (:mod:`defusedxml`, incremental, so memory stays bounded
by the budget already checked), keeps every readable cell and reports each damaged one by its address.
Values follow calamine's conventions: numbers as float, dates (a date number format) as ``datetime``,
text as ``str``, empty cells as ``""``.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from defusedxml.ElementTree import iterparse

from ..excel.security import NS, Limits, Package
from .budget import col_index

_M = "{%s}" % NS["m"]
_REF_RE = re.compile(r"([A-Z]{1,3})(\d{1,8})")
_EPOCH = dt.datetime(1899, 12, 30)


def read_shared_strings(pkg: Package) -> list[str]:
    xml = pkg.read("xl/sharedStrings.xml")
    out: list[str] = []
    if not xml:
        return out
    try:
        for _event, el in iterparse(io.BytesIO(xml), events=("end",)):
            if el.tag == _M + "si":
                out.append("".join(t.text or "" for t in el.iter(_M + "t") if not _in_phonetic(el, t)))
                el.clear()
    except Exception:  # a damaged shared-strings part: the strings read so far are kept
        pass
    return out


def _in_phonetic(si, t) -> bool:
    for rph in si.iter(_M + "rPh"):
        if any(x is t for x in rph.iter(_M + "t")):
            return True
    return False


def date_style_ids(pkg: Package) -> set[int]:
    """Indices of cell styles whose number format shows a date."""
    try:
        st = pkg.xml("xl/styles.xml")
    except Exception:
        return set()
    if st is None:
        return set()
    custom = {}
    fmts = st.find("m:numFmts", NS)
    for nf in (fmts if fmts is not None else []):
        code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", nf.get("formatCode", "")).lower()
        try:
            custom[int(nf.get("numFmtId", "-1"))] = any(ch in code for ch in "ymd")
        except ValueError:
            continue
    xfs = st.find("m:cellXfs", NS)
    out = set()
    for i, xf in enumerate(xfs if xfs is not None else []):
        try:
            fid = int(xf.get("numFmtId", "0"))
        except ValueError:
            continue
        if 14 <= fid <= 22 or 45 <= fid <= 47 or custom.get(fid, False):
            out.add(i)
    return out


def read_sheet_cells(xml: bytes, shared: list[str], date_styles: set[int], limits: Limits
                     ) -> tuple[list[list], dict[tuple[int, int], str], list]:
    """(rows of values from A1, damaged cells (row0, col0) -> what was wrong, merged ranges)."""
    cells: dict[tuple[int, int], object] = {}
    bad: dict[tuple[int, int], str] = {}
    merged: list = []
    row0 = -1
    col0 = -1
    try:
        for _event, el in iterparse(io.BytesIO(xml), events=("end",)):
            tag = el.tag
            if tag == _M + "c":
                ref = el.get("r")
                m = _REF_RE.fullmatch(ref) if ref and len(ref) <= 12 else None
                if m:
                    r, c = int(m.group(2)) - 1, col_index(m.group(1))
                else:
                    r, c = max(row0, 0), col0 + 1
                row0, col0 = r, c
                if r >= limits.max_rows or c >= limits.max_columns:
                    bad[(r, c)] = "far cell"
                    el.clear()
                    continue
                value, problem = _cell_value(el, shared, date_styles)
                if problem is not None:
                    bad[(r, c)] = problem
                elif value != "":
                    cells[(r, c)] = value
                el.clear()
            elif tag == _M + "row":
                r = el.get("r")
                if r and r.isdigit() and len(r) <= 8:
                    row0 = int(r)  # the next row starts after this one
                el.clear()
                col0 = -1
            elif tag == _M + "mergeCell":
                m2 = (el.get("ref") or "").split(":")
                if len(m2) == 2 and all(_REF_RE.fullmatch(x) for x in m2):
                    (a, b) = (_REF_RE.fullmatch(m2[0]), _REF_RE.fullmatch(m2[1]))
                    merged.append(((int(a.group(2)) - 1, col_index(a.group(1))),
                                   (int(b.group(2)) - 1, col_index(b.group(1)))))
    except Exception:  # the XML breaks off: the cells read before the break are kept
        bad[(max(row0, 0), max(col0 + 1, 0))] = "damaged XML"
    if not cells:
        return [], bad, merged
    height = max(r for r, _ in cells) + 1
    width = max(c for _, c in cells) + 1
    rows = [[""] * width for _ in range(height)]
    for (r, c), v in cells.items():
        rows[r][c] = v
    return rows, bad, merged


def _cell_value(el, shared: list[str], date_styles: set[int]):
    t = el.get("t", "n")
    v = el.find(_M + "v")
    text = v.text if v is not None else None
    if t == "inlineStr":
        is_ = el.find(_M + "is")
        return ("".join(x.text or "" for x in is_.iter(_M + "t")) if is_ is not None else ""), None
    if text is None or text == "":
        return "", None
    if t == "s":
        try:
            return shared[int(text)], None
        except (ValueError, IndexError):
            return None, "shared string not found"
    if t in ("str", "e", "d"):
        return (text if t != "e" else ""), (None if t != "e" else None)
    if t == "b":
        return text.strip() == "1", None
    try:
        x = float(text)
    except ValueError:
        return None, "not a number"
    try:
        style = int(el.get("s", "0"))
    except ValueError:
        style = 0
    if style in date_styles and 0 < x < 2958466:
        return _EPOCH + dt.timedelta(days=x), None
    return x, None
