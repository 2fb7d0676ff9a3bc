"""Large list sheets parsed ahead by calamine in threads of their own (gcpcalc.excel.reader._Ahead): the same
values, messages and refusals as a read one sheet at a time, on valid, messy, damaged and hostile workbooks.

The threshold is lowered to 0 bytes here so that the small workbooks of the tests go through the threads."""
from __future__ import annotations

import random
import threading
from unittest import mock

import pytest

from gcpcalc.excel import reader
from gcpcalc.excel.security import Limits
from gcpcalc.excel.template import assessment_to_template_bytes
from gcpcalc.intake import hostile
from gcpcalc.sample import synthetic_assessment
from transport_support import plain, template_workbook as _wb, workbook_bytes as _save

SERIAL = 1 << 62  # no sheet is that large: every sheet read at its own turn


def _read(data: bytes, threshold: int, fast: bool = True, limits: Limits | None = None):
    with mock.patch.object(reader, "AHEAD_MIN_BYTES", threshold):
        return reader.parse_workbook_transport(data, "book.xlsx", limits or Limits(), fast)


def _same(data: bytes, fast: bool = True, limits: Limits | None = None):
    ahead = plain(_read(data, 0, fast, limits))
    serial = plain(_read(data, SERIAL, fast, limits))
    assert ahead == serial
    return ahead


def _messy() -> bytes:
    wb = _wb()
    ws = wb["インフロー"]
    ws["G2"] = 0.45  # a percent-formatted cell
    ws["G2"].number_format = "0%"
    ws["E3"] = "１２３"
    ws["A5"], ws["C5"], ws["E5"], ws["F5"] = "IN-9 ", "steel", "1,234.5", "トン"
    ws["U1"], ws["U2"] = "メモ", "社内メモ"  # a column without a field
    out = wb["アウトフロー"]
    out["E2"] = "=SUM(X1:X9)"  # a formula never calculated: no value
    out["A3"], out["C3"], out["E3"] = "OUT-9", "waste", "#DIV/0!"  # an error cell
    return _save(wb)


def test_a_large_synthetic_workbook_reads_the_same_with_its_sheets_parsed_ahead():
    data = assessment_to_template_bytes(synthetic_assessment(2_000, 2_000, seed=3), "ja")
    org, tables, messages = _same(data)
    assert tables["inflows"][2] == 2_000 and tables["outflows"][2] == 2_000
    assert messages == []
    org2, tables2, _ = _same(data, fast=False)  # row by row as well
    assert tables2["inflows"][2] == 2_000


def test_the_list_sheets_are_parsed_in_threads_of_their_own(monkeypatch):
    started: list[str] = []
    original = threading.Thread.start

    def spy(self):
        if self.name.startswith("calamine:"):
            started.append(self.name)
        return original(self)

    monkeypatch.setattr(threading.Thread, "start", spy)
    data = hostile.base_workbook()
    _read(data, 0)
    # every list sheet of the template, in the order the tables are read
    assert started[:3] == ["calamine:インフロー", "calamine:製品", "calamine:アウトフロー"]
    assert len(started) == len(set(started)) >= 8
    started.clear()
    _read(data, SERIAL)
    assert started == []


def test_messy_cells_formulas_and_error_cells_give_the_same_messages():
    org, tables, messages = _same(_messy())
    codes = sorted((m["code"], m["location"]) for m in messages)
    assert ("formula_no_value", "アウトフロー!E2") in codes
    assert ("cell_error", "アウトフロー!E3") in codes
    assert ("column_extra", "インフロー!U1") in codes
    assert tables == {}  # an error: no tables


def test_the_english_template_and_the_sample_read_the_same():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for name in ("sample_assessment_ja.xlsx", "sample_assessment_en.xlsx"):
        path = root / "templates" / name
        if path.exists():
            org, tables, messages = _same(path.read_bytes())
            assert org["name"] and tables["inflows"][2] > 0
    org, tables, _ = _same(hostile.base_workbook("en"))
    assert tables["inflows"][2] == len(hostile.BASE_DATA["inflows"])


@pytest.mark.parametrize("name", ["far_cell_XFD1000_no_dimension", "far_cell_A1048576_no_dimension",
                                  "declared_dimension_whole_grid", "cell_tag_80k_attributes",
                                  "truncated_zip", "zip_bomb_member"])
def test_a_hostile_sheet_is_refused_with_the_same_message(name):
    org, tables, messages = _same(hostile.HOSTILE[name]())
    assert org is None and len(messages) == 1 and messages[0]["severity"] == "error"


def test_a_sheet_calamine_cannot_read_falls_back_to_the_cell_reading_the_same_way():
    org, tables, messages = _same(hostile.bad_shared_index())
    assert [m["code"] for m in messages if m["code"] == "sheet_unreadable"] == ["sheet_unreadable"]


def test_an_exception_in_the_parsing_thread_is_handled_as_in_the_serial_read(monkeypatch):
    """A pyo3 panic (a BaseException) while calamine parses a sheet ahead: the sheet is read cell by cell with
    the warning that says so, as when it happens at the sheet's own turn."""
    real_open = reader._open_book

    class Panic(BaseException):
        pass

    class Book:
        def __init__(self, book):
            self._book = book

        def get_sheet_by_name(self, sheet):
            if sheet == "アウトフロー":
                raise Panic("index out of bounds")
            return self._book.get_sheet_by_name(sheet)

    monkeypatch.setattr(reader, "_open_book", lambda data: Book(real_open(data)))
    org, tables, messages = _same(hostile.base_workbook())
    assert [(m["code"], m["location"]) for m in messages] == [("sheet_unreadable", "アウトフロー")]
    assert tables["outflows"][2] == len(hostile.BASE_DATA["outflows"])


def test_a_memory_error_in_the_parsing_thread_reaches_the_isolation(monkeypatch):
    real_open = reader._open_book
    calls = []

    class Book:
        def __init__(self, book):
            self._book = book

        def get_sheet_by_name(self, sheet):
            calls.append(threading.current_thread().name)
            if sheet == "インフロー":
                raise MemoryError
            return self._book.get_sheet_by_name(sheet)

    monkeypatch.setattr(reader, "_open_book", lambda data: Book(real_open(data)))
    with pytest.raises(MemoryError):
        _read(hostile.base_workbook(), 0)
    assert "calamine:インフロー" in calls  # raised in the thread, re-raised where the sheet is read


def test_damaged_workbooks_give_the_same_outcome_either_way():
    rnd = random.Random(20261201)
    base = hostile.base_workbook()
    outcomes = set()
    for _ in range(12):
        org, tables, messages = _same(hostile.flip_bytes(base, rnd, n=4))
        outcomes.add(org is None)
    assert True in outcomes  # at least one of them is refused or has an error
