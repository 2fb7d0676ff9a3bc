"""Hostile and damaged workbooks built from the template, for the regression tests, the fuzz test and the
benchmark of refusals (``benchmarks/bench_hostile.py``).

Each builder starts from a small filled template (openpyxl writes it, as Excel would) and edits the
saved zip: a far cell with no ``<dimension>``, a cell tag with 80,000 attributes, a 23 MB shared string,
a million rows without a size header, and so on. Nothing here runs when the calculator is used.
"""
from __future__ import annotations

import base64
import io
import random
import re
import zipfile
from typing import Callable

_BASE: dict[str, bytes] = {}

ORG = {"name": "テスト株式会社", "period_start": "2025-04-01", "period_end": "2026-03-31"}
BASE_DATA = {
    "organisation": ORG,
    "inflows": [
        {"line_id": "IN-1", "material": "steel", "mass": 100, "mass_unit": "t", "recycled_postconsumer_pct": 20},
        {"line_id": "IN-2", "material": "plastics", "mass": 50, "mass_unit": "kg"},
    ],
    "outflows": [{"line_id": "OUT-1", "flow_type": "waste", "mass": 10, "destination": "recycling"}],
}


def base_workbook(lang: str = "ja") -> bytes:
    """A small filled template (the input of every hostile variant)."""
    if lang not in _BASE:
        from ..excel.template import assessment_to_template_bytes

        _BASE[lang] = assessment_to_template_bytes(BASE_DATA, lang)
    return _BASE[lang]


def sheet_part(data: bytes, title: str) -> str:
    """The zip part of sheet ``title``."""
    z = zipfile.ZipFile(io.BytesIO(data))
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    m = re.search(r'<sheet [^>]*name="' + re.escape(title) + r'"[^>]*r:id="([^"]+)"', wb)
    if m is None:
        m = re.search(r'<sheet [^>]*r:id="([^"]+)"[^>]*name="' + re.escape(title) + '"', wb)
    rid = m.group(1)
    target = re.search(r'Id="' + rid + r'"[^>]*Target="([^"]+)"', rels) or re.search(
        r'Target="([^"]+)"[^>]*Id="' + rid + '"', rels)
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


def edit_parts(data: bytes, edits: dict[str, Callable[[bytes], bytes] | bytes | None],
               compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of the zip with parts replaced (a function of the old bytes, new bytes, or None to drop)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as dst:
        names = src.namelist()
        for n in names:
            if n in edits:
                e = edits[n]
                if e is None:
                    continue
                content = e(src.read(n)) if callable(e) else e
            else:
                content = src.read(n)
            dst.writestr(n, content)
        for n, e in edits.items():
            if n not in names and e is not None and not callable(e):
                dst.writestr(n, e)
    return out.getvalue()


def _inflows_part(data: bytes, lang: str) -> str:
    return sheet_part(data, "インフロー" if lang == "ja" else "Inflows")


def _drop_dimension(xml: bytes) -> bytes:
    return re.sub(rb"<dimension [^>]*/>", b"", xml)  # (a test fixture: the XML is our own)


def _append_row(xml: bytes, row_xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", row_xml + b"</sheetData>", 1)


def far_cell(ref: str = "XFD1000", keep_dimension: bool = False, lang: str = "ja") -> bytes:
    """One number far out in the inflows sheet (by default with no ``<dimension>``)."""
    data = base_workbook(lang)
    row = int(re.sub(r"[A-Z]", "", ref))

    def edit(xml: bytes) -> bytes:
        if not keep_dimension:
            xml = _drop_dimension(xml)
        return _append_row(xml, b'<row r="%d"><c r="%s"><v>1</v></c></row>' % (row, ref.encode()))

    return edit_parts(data, {_inflows_part(data, lang): edit})


def declared_dimension(ref: str = "A1:XFD1048576", lang: str = "ja") -> bytes:
    """A sheet whose ``<dimension>`` declares the whole grid."""
    data = base_workbook(lang)
    return edit_parts(data, {_inflows_part(data, lang): lambda x: re.sub(
        rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="' + ref.encode() + b'"/>', x)})


def many_attributes(n: int = 80_000, lang: str = "ja") -> bytes:
    """One cell start tag with ``n`` attributes (lowercase names, as the backtracking scan expected)."""
    data = base_workbook(lang)

    def name(i: int) -> bytes:
        s = b""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = bytes([97 + r]) + s
        return s

    attrs = b" ".join(name(i) + b'=""' for i in range(n))

    def edit(xml: bytes) -> bytes:
        return _append_row(xml, b'<row r="40"><c r="B40" ' + attrs + b' s="0" t="n"><v>1</v></c></row>')

    return edit_parts(data, {_inflows_part(data, lang): edit})


_SST_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_REL = (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="/xl/sharedStrings.xml" Id="rIdSst1" />')
_SST_CT = (b'<Override PartName="/xl/sharedStrings.xml" '
           b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')


def with_shared_strings(data: bytes, strings: list[bytes], sheet_edits: dict | None = None) -> bytes:
    """The workbook with a shared-strings part holding ``strings`` (XML-safe bytes), plus other edits."""
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + _SST_NS + b'" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings)) + b"".join(b"<si><t>" + t + b"</t></si>" for t in strings) + b"</sst>")
    edits: dict = {"xl/sharedStrings.xml": sst,
                   "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", _SST_REL + b"</Relationships>"),
                   "[Content_Types].xml": lambda x: x.replace(b"</Types>", _SST_CT + b"</Types>")}
    edits.update(sheet_edits or {})
    return edit_parts(data, edits)


def huge_shared_string(chars: int = 23_000_000, lang: str = "ja", seed: int = 0) -> bytes:
    """One shared string of ``chars`` incompressible characters, used by a cell of the inflows sheet."""
    data = base_workbook(lang)
    rnd = random.Random(seed)
    text = base64.b64encode(rnd.randbytes(chars * 3 // 4 + 3))[:chars]  # incompressible, XML-safe

    def edit(xml: bytes) -> bytes:
        return _append_row(xml, b'<row r="40"><c r="B40" t="s"><v>0</v></c></row>')

    return with_shared_strings(data, [text], {_inflows_part(data, lang): edit})


def many_rows(n: int = 1_048_576, lang: str = "ja") -> bytes:
    """``n`` rows of one cell each in the inflows sheet, with no ``<dimension>``."""
    data = base_workbook(lang)

    def edit(xml: bytes) -> bytes:
        xml = _drop_dimension(xml)
        rows = b"".join(b'<row r="%d"><c><v>%d</v></c></row>' % (r, r * 7919 % 100003) for r in range(10, 10 + n))
        return _append_row(xml, rows)

    return edit_parts(data, {_inflows_part(data, lang): edit})


def bad_shared_index(lang: str = "ja") -> bytes:
    """A third inflow line whose description cell names a shared string that does not exist (the
    spreadsheet library refuses the whole sheet for it)."""
    data = base_workbook(lang)

    def edit(xml: bytes) -> bytes:
        row = (b'<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>99999</v></c><c r="C4" t="inlineStr"><is><t>steel</t></is></c>'
               b'<c r="E4"><v>7</v></c><c r="F4" t="inlineStr"><is><t>t</t></is></c></row>')
        return _append_row(xml, row)

    return with_shared_strings(data, [b"IN-3"], {_inflows_part(data, lang): edit})


def truncated(fraction: float = 0.5, lang: str = "ja") -> bytes:
    data = base_workbook(lang)
    return data[: int(len(data) * fraction)]


def zip_bomb_member(lang: str = "ja") -> bytes:
    data = base_workbook(lang)
    return edit_parts(data, {"xl/media/pad.bin": b"\0" * (40 << 20)})


#: name -> builder of the hostile set (each must be refused, or read with its problem reported)
HOSTILE: dict[str, Callable[[], bytes]] = {
    "far_cell_XFD1000_no_dimension": lambda: far_cell("XFD1000"),
    "far_cell_XFD1048000_with_dimension": lambda: far_cell("XFD1048000", keep_dimension=True),
    "far_cell_A1048576_no_dimension": lambda: far_cell("A1048576"),
    "far_cell_AMK5_no_dimension": lambda: far_cell("AMK5"),
    "declared_dimension_whole_grid": lambda: declared_dimension(),
    "cell_tag_80k_attributes": lambda: many_attributes(80_000),
    "shared_string_23MB": lambda: huge_shared_string(23_000_000),
    "rows_1048576_no_dimension": lambda: many_rows(1_048_576),
    "zip_bomb_member": zip_bomb_member,
    "truncated_zip": truncated,
}


def flip_bytes(data: bytes, rnd: random.Random, n: int = 8) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        i = rnd.randrange(len(b))
        b[i] = rnd.randrange(256)
    return bytes(b)


