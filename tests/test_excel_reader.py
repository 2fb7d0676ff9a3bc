"""The importer: messy real-world cells, every error with its cell, and refusals of hostile files."""
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.security import Limits
from gcpcalc.excel.template import assessment_to_template_bytes

ORG = {"name": "テスト株式会社", "period_start": "2025-04-01", "period_end": "2026-03-31"}


def _base(lang="ja"):
    data = {
        "organisation": ORG,
        "inflows": [
            {"line_id": "IN-1", "material": "steel", "mass": 100, "mass_unit": "t", "recycled_postconsumer_pct": 20},
            {"line_id": "IN-2", "material": "plastics", "mass": 50, "mass_unit": "kg"},
        ],
        "outflows": [
            {"line_id": "OUT-1", "flow_type": "waste", "mass": 10, "destination": "recycling"},
        ],
    }
    return openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(data, lang)))


def _bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _patch(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == part:
                assert old in content
                content = content.replace(old, new)
            dst.writestr(info.filename, content)
    return out.getvalue()


def _sheet_part(data: bytes, title: str) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"


def test_messy_cells_are_read():
    wb = _base()
    ws = wb["インフロー"]
    ws["G2"] = 0.45  # recycled pre-consumer typed as 45 % in a percent-formatted cell
    ws["G2"].number_format = "0%"
    ws["E3"] = "１２３"  # full-width digits
    ws["E4"] = "1,234.5"  # thousands separator, after a blank row 4 -> shifted below
    ws.insert_rows(4)  # a blank row in the middle
    ws["A5"] = "IN-3 "  # trailing space
    ws["E5"] = "1,234.5"
    ws["F5"] = "トン"
    ws["S5"] = "実測  "
    ws["U1"] = "メモ"  # an extra column, with data
    ws["U2"] = "社内メモ"
    wb.create_sheet("Notes")["A1"] = "ignored"
    org = wb["組織"]
    org["B3"] = "2025/04/01"  # dates typed as text
    org["B4"] = "2026年3月31日"
    a, messages = read_workbook_bytes(_bytes(wb), "messy.xlsx")
    assert [(m.code, m.severity, m.location) for m in messages] == [("column_extra", "warning", "インフロー!U1")]
    assert a is not None
    assert a.organisation["period_start"] == dt.date(2025, 4, 1)
    assert a.organisation["period_end"] == dt.date(2026, 3, 31)
    rows = {r["line_id"]: r for r in a.inflows}
    assert sorted(rows) == ["IN-1", "IN-2", "IN-3"]
    assert rows["IN-1"]["recycled_preconsumer_pct"] == 45.0
    assert rows["IN-2"]["mass"] == 123.0
    assert rows["IN-3"]["mass"] == 1234.5 and rows["IN-3"]["mass_unit"] == "t"
    assert rows["IN-3"]["data_quality"] == "measured"
    assert "memo" not in str(a.inflows).casefold() and "社内メモ" not in str(a.inflows)


def test_formulas_cached_value_used_and_missing_value_reported():
    wb = _base()
    ws = wb["インフロー"]
    ws["E2"] = "=50*2"  # cached value patched in below
    ws["E3"] = "=SUM(X1:X9)"  # never calculated: no cached value
    data = _bytes(wb)
    part = _sheet_part(data, "インフロー")
    data = _patch(data, part, b"<f>50*2</f><v />", b"<f>50*2</f><v>100</v>")
    a, messages = read_workbook_bytes(data, "formulas.xlsx")
    assert a is None
    assert [(m.code, m.location, m.value) for m in messages] == [("formula_no_value", "インフロー!E3", "=SUM(X1:X9)")]
    assert "インフロー!E3" in messages[0].message_ja and "計算結果" in messages[0].message_ja


def test_error_cell_reported():
    wb = _base()
    wb["インフロー"]["E2"] = "#DIV/0!"
    a, messages = read_workbook_bytes(_bytes(wb), "err.xlsx")
    assert a is None
    assert [(m.code, m.location, m.value) for m in messages] == [("cell_error", "インフロー!E2", "#DIV/0!")]


def test_columns_in_any_order_with_id_and_en_headers_title_row_and_merged_header():
    wb = openpyxl.Workbook()
    org = wb.active
    org.title = "organisation"
    for r, (k, v) in enumerate([("name", "X"), ("Period start", dt.date(2025, 1, 1)), ("報告期間終了日", "2025-12-31")], 1):
        org.cell(row=r, column=1, value=k)
        org.cell(row=r, column=2, value=v)
    ws = wb.create_sheet("Outflows")
    ws["B1"] = "アウトフロー一覧 / outflow list"
    ws.merge_cells("B1:D1")  # a merged title row above the header
    ws["A1"] = "line_id"
    ws.merge_cells("A1:A2")  # a header cell merged over two rows
    for c, h in enumerate(["処理・行先", "mass", "Flow type", "mass_unit"], start=2):
        ws.cell(row=2, column=c, value=h)
    ws.append(["W-1", "landfill", 5, "waste", "kg"])
    ws.append(["W-2", "リサイクル", 7, "廃棄物", "t"])
    a, messages = read_workbook_bytes(_bytes(wb), "order.xlsx")
    # nothing is lost silently: the absent tables and the title merge above the table are named
    missing = {m.table for m in messages if m.code == "table_missing"}
    assert missing == {t for t in F.LIST_TABLES if t != "outflows"}
    assert [(m.code, m.severity, m.location) for m in messages if m.code != "table_missing"] == [
        ("merged_outside_table", "info", "Outflows!B1")]
    assert [(r["line_id"], r["destination"], r["mass"], r["mass_unit"], r["flow_type"]) for r in a.outflows] == [
        ("W-1", "landfill", 5.0, "kg", "waste"), ("W-2", "recycling", 7.0, "t", "waste")]


def test_every_error_with_its_cell_grouped_by_sheet():
    wb = _base()
    ws = wb["インフロー"]
    ws["E2"] = "abc"  # not a number
    ws["F3"] = "stone"  # unknown unit
    ws["H2"] = 150  # percent over 100
    ws["A3"] = "IN-1"  # duplicate id
    out = wb["アウトフロー"]
    out["C2"] = "wastes"  # not an allowed flow type
    out["J2"] = None
    wb["組織"]["B2"] = None  # organisation name missing
    a, messages = read_workbook_bytes(_bytes(wb), "errors.xlsx")
    assert a is None
    got = [(m.code, m.location) for m in messages]
    assert got == [
        ("missing", "組織!B2"),
        ("number", "インフロー!E2"),
        ("percent_range", "インフロー!H2"),
        ("duplicate_id", "インフロー!A3"),
        ("unit", "インフロー!F3"),
        ("enum", "アウトフロー!C2"),
    ]
    dup = messages[3]
    assert "インフロー!A2" in dup.message_en and "インフロー!A2" in dup.message_ja
    enum = messages[5]
    assert enum.value == "wastes" and "waste" in enum.message_en and enum.message_ja.startswith("アウトフロー!C2：")


def test_missing_required_column():
    wb = _base("en")
    ws = wb["Inflows"]
    ws.delete_cols(5)  # the Mass column
    a, messages = read_workbook_bytes(_bytes(wb), "nomass.xlsx")
    assert a is None
    assert messages[0].code == "column_missing" and messages[0].location == "Inflows!T1"
    assert {m.code for m in messages} == {"column_missing", "missing"}


# ---- refusals ------------------------------------------------------------------------------------
def _codes(data: bytes, name: str = "x.xlsx", **limits):
    a, messages = read_workbook_bytes(data, name, Limits(**limits) if limits else None)
    assert a is None
    return [m.code for m in messages]


def test_refuses_what_is_not_an_xlsx():
    assert _codes(b"line_id,mass\nIN-1,5\n", "data.xlsx") == ["xlsx_not_zip"]
    assert _codes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls") == ["xlsx_legacy"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    assert _codes(buf.getvalue()) == ["xlsx_not_workbook"]


def test_refuses_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    a, messages = read_workbook_bytes(ole, "secret.xlsx")
    assert a is None and [m.code for m in messages] == ["xlsx_encrypted"]
    assert "パスワード" in messages[0].message_ja and "password" in messages[0].message_en


def test_refuses_macro_enabled():
    data = _bytes(_base())
    assert _codes(data, "book.xlsm") == ["xlsx_macro"]
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in src.namelist():
            z.writestr(n, src.read(n))
        z.writestr("xl/vbaProject.bin", b"\0" * 64)
    assert _codes(buf.getvalue()) == ["xlsx_macro"]


def test_refuses_over_size_and_row_limits():
    data = _bytes(_base())
    assert _codes(data, max_file_bytes=1000) == ["xlsx_too_large"]
    a, messages = read_workbook_bytes(data, "rows.xlsx", Limits(max_rows=2))
    assert [(m.code, m.value) for m in messages] == [("xlsx_too_many_rows", 13)]  # the organisation sheet: 13 rows


def test_refuses_zip_bomb():
    data = _bytes(_base())
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n in src.namelist():
            z.writestr(n, src.read(n))
        z.writestr("xl/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    assert len(buf.getvalue()) < 200_000  # small on disk
    assert _codes(buf.getvalue()) == ["xlsx_bomb"]


def test_refuses_xml_entity_bomb():
    data = _bytes(_base())
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    data = _patch(data, "xl/workbook.xml", b"<workbook", lol + b"<workbook")
    assert _codes(data) == ["xlsx_dtd"]


def test_damaged_file_gives_a_message_not_a_traceback():
    data = _bytes(_base())
    a, messages = read_workbook_bytes(data[: len(data) // 2], "cut.xlsx")
    assert a is None and messages[0].code in ("xlsx_not_zip", "xlsx_corrupt", "xlsx_unreadable")
    assert re.search("cut.xlsx", messages[0].message_en)
