"""The last large list sheet of a workbook read in a forked process of its own (gcpcalc.excel.reader._forked_sheet)
while the reading process reads the others: the same values, messages and refusals as a read one sheet at a
time, on valid, messy and refused workbooks, and when the forked process ends without a result.

The threshold is lowered here to the smaller of the inflows' and outflows' sheets, so that the small workbooks of
the tests have their outflows read in the forked process."""
from __future__ import annotations

import io
import os
import time
from unittest import mock

import pytest

from gcpcalc.excel import reader
from gcpcalc.excel.security import Limits
from gcpcalc.excel.template import assessment_to_template_bytes
from gcpcalc.intake import isolate
from gcpcalc.sample import synthetic_assessment
from transport_support import plain, template_workbook as _wb, workbook_bytes as _save

SERIAL = 1 << 62  # no sheet is that large: nothing forked


class _Spy:
    def __init__(self):
        self.forked = 0  # forked processes started
        self.parent_reads: list[str] = []  # list sheets read in this process, in order
        self.pids: list[int] = []  # the processes forked

    def reaped(self) -> bool:
        """Whether every process forked has ended and been reaped (none left behind)."""
        for pid in self.pids:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            return False
        return True


@pytest.fixture
def spy(monkeypatch):
    seen = _Spy()
    real_fork, real_read, real_os_fork = reader.fork_reading, reader._read_list_sheet, os.fork
    me = os.getpid()

    def os_fork():
        pid = real_os_fork()
        if pid:
            seen.pids.append(pid)
        return pid

    def fork_sheet(work):
        got = real_fork(work)
        if got is not None:
            seen.forked += 1
        return got

    def read_list_sheet(table, sheet, *args):
        if os.getpid() == me:
            seen.parent_reads.append(sheet)
        return real_read(table, sheet, *args)

    monkeypatch.setattr(reader, "fork_reading", fork_sheet)
    monkeypatch.setattr(isolate.os, "fork", os_fork)
    monkeypatch.setattr(reader, "_read_list_sheet", read_list_sheet)
    return seen


def _threshold(data: bytes) -> int:
    """The threshold at which the outflows' sheet is the one forked."""
    pkg = reader.Package(data, "book.xlsx", Limits())
    parts = pkg.sheet_parts()
    chosen = {"inflows": "インフロー", "outflows": "アウトフロー"}
    threshold = min(pkg.infos[parts[s]].file_size for s in chosen.values())
    chosen.update({t.id: t.label_ja for t in reader.F.TABLES.values() if t.label_ja in parts})
    with mock.patch.object(reader, "FORK_SHEET_MIN_BYTES", threshold):
        assert reader._fork_candidate(chosen, parts, pkg) == "outflows"
    return threshold


def _read(data: bytes, threshold: int | None, fast: bool = True, limits: Limits | None = None):
    if threshold is None:
        threshold = _threshold(data)
    with mock.patch.object(reader, "FORK_SHEET_MIN_BYTES", threshold):
        return reader.parse_workbook_transport(data, "book.xlsx", limits or Limits(), fast)


def _same(data: bytes, spy: _Spy, fast: bool = True, limits: Limits | None = None):
    serial = plain(_read(data, SERIAL, fast, limits))
    assert spy.forked == 0
    spy.parent_reads.clear()
    forked = plain(_read(data, None, fast, limits))
    assert spy.forked == 1
    assert spy.reaped()
    assert forked == serial
    return forked


def test_a_valid_workbook_reads_the_same_with_its_outflows_read_in_a_forked_process(spy):
    data = assessment_to_template_bytes(synthetic_assessment(1_500, 1_200, seed=5), "ja")
    org, tables, messages = _same(data, spy)
    assert tables["inflows"][2] == 1_500 and tables["outflows"][2] == 1_200
    # the outflows came checked from the forked process: this one read only the other list sheets
    assert "アウトフロー" not in spy.parent_reads and "インフロー" in spy.parent_reads
    spy.forked = 0
    org2, tables2, _ = _same(data, spy, fast=False)  # row by row as well
    assert tables2["outflows"][2] == 1_200


def test_the_sheet_forked_is_the_last_large_one_and_only_when_two_are_large(monkeypatch):
    data = assessment_to_template_bytes(synthetic_assessment(1_500, 1_200, seed=5), "ja")
    pkg = reader.Package(data, "book.xlsx", Limits())
    parts = pkg.sheet_parts()
    chosen = {"inflows": "インフロー", "outflows": "アウトフロー"}
    sizes = sorted(pkg.infos[parts[s]].file_size for s in chosen.values())
    monkeypatch.setattr(reader, "FORK_SHEET_MIN_BYTES", sizes[0])
    assert reader._fork_candidate(chosen, parts, pkg) == "outflows"
    monkeypatch.setattr(reader, "FORK_SHEET_MIN_BYTES", sizes[1])  # one large sheet: nothing to read beside it
    assert reader._fork_candidate(chosen, parts, pkg) is None


def test_messages_of_both_sheets_keep_their_cells_and_order(spy):
    wb = _wb(synthetic_assessment(40, 40, seed=2))
    ws = wb["インフロー"]
    ws["E3"] = "1,234.5.6"  # an ambiguous spelling: an error in the sheet read here
    out = wb["アウトフロー"]
    out["A5"] = None  # a blank row in the outflows: the rows after it are one row further
    for c in range(1, out.max_column + 1):
        out.cell(row=5, column=c).value = None
    out["E2"] = "=SUM(X1:X9)"  # a formula never calculated
    out["A8"], out["E8"] = out["A8"].value, "#DIV/0!"
    out["E12"] = -5  # below the minimum: validation names the cell, after the blank row
    org, tables, messages = _same(_save(wb), spy)
    where = [(m["code"], m["location"]) for m in messages]
    assert ("formula_no_value", "アウトフロー!E2") in where
    assert ("cell_error", "アウトフロー!E8") in where
    assert any(loc == "アウトフロー!E12" for _, loc in where)
    assert tables == {}
    # errors in the forked sheet: its cells came with its messages (for the row validation), not read here
    assert spy.parent_reads.count("アウトフロー") == 0


def _error_in_the_first_sheet() -> bytes:
    """Valid outflows (with a warning) and an error in the inflows, which sends every table through the row
    validation: it needs the outflows' cells."""
    wb = _wb(synthetic_assessment(30, 30, seed=4))
    wb["インフロー"]["E4"] = -1
    out = wb["アウトフロー"]
    col = out.max_column + 1
    out.cell(row=1, column=col).value, out.cell(row=3, column=col).value = "メモ", "社内メモ"  # a warning
    return _save(wb)


def _check_error_in_the_first_sheet(messages):
    assert [m["location"] for m in messages if m["severity"] == "error"] == ["インフロー!E4"]
    extra = [m for m in messages if m["code"] == "column_extra"]
    assert len(extra) == 1 and extra[0]["location"].startswith("アウトフロー!")  # once, not twice


def test_an_error_in_the_first_sheet_has_the_forked_process_send_its_cells(spy, monkeypatch):
    """The error is known here before the forked process has ended: it is asked for its cells and sends them with
    its checked columns; the outflows are not read here."""
    me = os.getpid()
    real = reader._forked_sheet

    def waiting(tid, read, messages, loc, fast, cells_wanted):
        if os.getpid() != me:  # in the forked process: end only once this process has asked for the cells
            deadline = time.monotonic() + 10
            while not cells_wanted and time.monotonic() < deadline:
                time.sleep(0.01)
            assert cells_wanted
        return real(tid, read, messages, loc, fast, cells_wanted)

    monkeypatch.setattr(reader, "_forked_sheet", waiting)
    org, tables, messages = _same(_error_in_the_first_sheet(), spy)
    _check_error_in_the_first_sheet(messages)
    assert spy.parent_reads.count("アウトフロー") == 0


def test_cells_asked_for_too_late_are_read_here_again_with_their_messages_once(spy, monkeypatch):
    """The forked process ended before it was asked for its cells (it sent its checked columns only): the
    outflows' cells are read here again for the row validation, and their messages are not repeated."""
    monkeypatch.setattr(reader._Flag, "set", lambda self: None)  # never asked
    org, tables, messages = _same(_error_in_the_first_sheet(), spy)
    _check_error_in_the_first_sheet(messages)
    assert spy.parent_reads.count("アウトフロー") == 1


def test_a_refusal_of_the_forked_sheet_is_the_same(spy):
    data = assessment_to_template_bytes(synthetic_assessment(20, 400, seed=1), "ja")
    limits = Limits(max_rows=300)
    org, tables, messages = _same(data, spy, limits=limits)
    assert org is None and [m["code"] for m in messages] == ["xlsx_too_many_rows"]
    assert "アウトフロー" in messages[0]["message_en"]


def test_the_first_sheets_refusal_comes_first_as_in_a_serial_read(spy):
    """Both sheets are over the limit: the first one's refusal, as in a serial read, and the forked process
    (refused too, or still reading) is ended and reaped."""
    data = assessment_to_template_bytes(synthetic_assessment(400, 500, seed=1), "ja")
    org, tables, messages = _same(data, spy, limits=Limits(max_rows=300))
    assert [m["code"] for m in messages] == ["xlsx_too_many_rows"]
    assert "インフロー" in messages[0]["message_en"]


@pytest.mark.parametrize("ending", ["exit", "raise"])
def test_a_forked_process_that_ends_without_a_result_leaves_the_sheet_to_this_process(spy, monkeypatch, ending):
    me = os.getpid()
    real = reader._forked_sheet

    def broken(*args):
        if os.getpid() != me:
            if ending == "exit":
                os._exit(3)
            raise RuntimeError("lost")
        return real(*args)

    data = assessment_to_template_bytes(synthetic_assessment(200, 150, seed=8), "ja")
    serial = plain(_read(data, SERIAL))
    monkeypatch.setattr(reader, "_forked_sheet", broken)
    spy.parent_reads.clear()
    forked = plain(_read(data, None))
    assert spy.forked == 1
    assert spy.reaped()
    assert forked == serial and forked[1]["outflows"][2] == 150
    assert spy.parent_reads.count("アウトフロー") == 1  # read here, in its turn



def _sheet_columns(data: bytes, sheet: str, tid: str):
    """(table, field ids, columns, rows) of one list sheet as the reader converts it."""
    from python_calamine import CalamineWorkbook

    pkg = reader.Package(data, "book.xlsx", Limits())
    xml = pkg.read(pkg.sheet_parts()[sheet])
    ws = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet)
    scan = reader._SheetScan(xml, pkg.percent_styles())
    table = reader.F.TABLES[tid]
    fids, columns, n = reader._read_list_sheet(table, sheet, ws.to_python(skip_empty_area=False),
                                               ws.merged_cell_ranges, scan, reader._Located(), [], reader._Coercer())
    return table, fids, columns, n


def _messy_numbers() -> bytes:
    wb = _wb(synthetic_assessment(60, 60, seed=9))
    ws = wb["インフロー"]
    ws["G3"] = None  # an empty number cell
    ws["E6"] = "1,234.5"  # a spelled number, read as 1234.5 with no message
    ws["G7"] = 0.45  # a percent-formatted cell
    ws["G7"].number_format = "0%"
    ws["B9"] = "  spaced  "
    out = wb["アウトフロー"]
    out["E4"] = "12 t"  # refused: emptied, with a message
    out["E2"] = "=SUM(X1:X9)"  # a formula never calculated: its cell emptied, with a message
    return _save(wb)


@pytest.mark.parametrize("make", [lambda: assessment_to_template_bytes(synthetic_assessment(80, 70, seed=3), "ja"),
                                  _messy_numbers])
def test_the_types_the_conversion_saw_are_those_of_the_values(make):
    """The type sets the conversion hands to _typed_raws (so that it need not look at every value again) say what
    a look at every value says: the same empty cells, no type beyond those, and the same typed columns."""
    data = make()
    seen = 0
    for sheet, tid in (("インフロー", "inflows"), ("アウトフロー", "outflows")):
        table, fids, columns, n = _sheet_columns(data, sheet, tid)
        assert len(columns.types) == len(columns)
        for col, known in zip(columns, columns.types):
            if known is None:
                continue
            seen += 1
            actual = set(map(type, col))
            assert (type(None) in known) == (type(None) in actual)
            assert actual <= known and known - actual <= {str}
        with_types = reader._typed_raws(table, fids, columns, n)
        without = reader._typed_raws(table, fids, list(columns), n)  # a plain list: every value looked at
        assert (with_types is None) == (without is None)
        if with_types is not None:
            for a, b in zip(with_types, without):
                assert plain((None, {"t": (["x"], [a], n)}, []))[1] == plain((None, {"t": (["x"], [b], n)}, []))[1]
    assert seen >= 20
