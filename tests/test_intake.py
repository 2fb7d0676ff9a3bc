"""The safe intake (issue 14): every failure of the issue text has a test here, with a fixture the test
builds itself (gcpcalc.intake.hostile edits an openpyxl-saved template)."""
from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.excel.reader import _SheetScan, read_workbook_bytes
from gcpcalc.excel.security import Limits
from gcpcalc.excel.template import assessment_to_template_bytes
from gcpcalc.intake import hostile, isolate
from gcpcalc.intake.budget import EXCEL_CELL_CHARS
from gcpcalc.io import load_bytes

ROOT = Path(__file__).resolve().parents[1]


def _codes(messages):
    return [m.code for m in messages]


def _refused(data: bytes, name: str, limits: Limits | None = None):
    a, messages = read_workbook_bytes(data, name, limits)
    assert a is None
    assert messages and messages[0].severity == "error"
    m = messages[0]
    assert name in m.message_en and name in m.message_ja  # names the file, in both languages
    for text in (m.message_en, m.message_ja):  # never a library's own text
        assert "Error" not in text and "Traceback" not in text and "calamine" not in text.lower()
    return m


# ---- isolation --------------------------------------------------------------------------------------
def test_far_cell_without_dimension_is_refused_before_parsing():
    m = _refused(hostile.far_cell("XFD1000"), "far.xlsx")
    assert m.code == "xlsx_far_cell" and m.value == "XFD1000"
    assert "XFD1000" in m.message_ja and "AMJ" in m.message_en  # the cell and the column limit
    assert isolate.last_run.outcome == "ok"  # the budget refused it; nothing crashed


@pytest.mark.parametrize("ref", ["XFD1048000", "A1048576", "AMK5"])
def test_other_far_cells_are_refused(ref):
    m = _refused(hostile.far_cell(ref, keep_dimension=ref == "XFD1048000"), "far.xlsx")
    assert (m.code, m.value) == ("xlsx_far_cell", ref)


def test_a_declared_whole_sheet_dimension_is_refused():
    m = _refused(hostile.declared_dimension("A1:XFD1048576"), "dim.xlsx")
    assert m.code == "xlsx_dimension" and "A1:XFD1048576" in m.message_en and "17,179,869,184" in m.message_en


def test_a_native_abort_ends_only_the_child_and_is_a_refusal_naming_the_limit():
    # with the budget lifted, the spreadsheet library itself meets the far cell and aborts (SIGABRT on a
    # 550 GB allocation under the address-space limit): the test process lives on
    lifted = Limits(max_columns=20_000, max_sheet_cells=10**13, max_rows=2_000_000)
    m = _refused(hostile.far_cell("XFD1048000"), "far.xlsx", lifted)
    assert m.code == "intake_memory" and "1 GB" in m.message_en and "1 GB" in m.message_ja
    assert isolate.last_run.exitcode == -6
    # and the next file reads normally
    a, messages = read_workbook_bytes(hostile.base_workbook(), "ok.xlsx")
    assert a is not None and len(a.inflows) == 2


@pytest.mark.parametrize("worker, code", [
    ("intake_workers:panic", "intake_crashed"),  # a BaseException such as pyo3's PanicException
    ("intake_workers:abort", "intake_memory"),
    ("intake_workers:allocate", "intake_memory"),
    ("intake_workers:spin", "intake_timeout"),
    ("intake_workers:cyclic", "intake_crashed"),  # a result that holds itself is not sent
])
def test_every_bad_ending_of_the_child_is_one_refusal(worker, code):
    limits = Limits(max_seconds=3 if code == "intake_timeout" else 60, max_memory_bytes=512 << 20)
    ok, m = isolate.run_isolated("xlsx", b"", "bad.xlsx", limits, worker=worker)
    assert not ok and m.code == code and "bad.xlsx" in m.message_en and "bad.xlsx" in m.message_ja
    if code == "intake_timeout":
        assert "3 s" in m.message_en and isolate.last_run.seconds < 15
    if code == "intake_memory":
        assert "512 MB" in m.message_en


def test_the_child_returns_its_result():
    assert isolate.run_isolated("xlsx", b"abc", "x.xlsx", worker="intake_workers:echo") == (True, (3, "x.xlsx"))
    # sent without the pickle's memo: an object held twice arrives as two equal objects
    ok, (first, second) = isolate.run_isolated("xlsx", b"", "x.xlsx", worker="intake_workers:shared")
    assert ok and first == second == [f"IN-{i}" for i in range(5)] and first is not second


def test_a_large_result_comes_back_whole_and_a_child_ending_while_sending_is_a_refusal():
    """The child pickles its result straight into the pipe (no second copy of a large result in its memory):
    tens of MB arrive intact; a child that ends with half its result sent is one refusal, not an error."""
    ok, (ids, values) = isolate.run_isolated("xlsx", b"", "big.xlsx", worker="intake_workers:large")
    assert ok and len(ids) == 300_000 and ids[123_456] == "IN-0123456"
    assert values.shape == (2_000_000,) and values[1_999_999] == 1_999_999.0 and float(values.sum()) == 1999999000000.0
    ok, m = isolate.run_isolated("xlsx", b"", "half.xlsx", worker="intake_workers:ends_while_sending")
    assert not ok and m.code == "intake_crashed" and "half.xlsx" in m.message_en and "half.xlsx" in m.message_ja
    assert isolate.last_run.exitcode == 7 and isolate.last_run.outcome == "crashed"


def test_parts_sent_ahead_of_the_result_are_back_in_their_places():
    """``send_ahead`` in the child: each part crosses before the result and is put back where the result holds
    its ``Ahead``; in a process forked from the child it sends nothing (the object itself); a child that ends
    after a part but without its result is one refusal; a part the result does not hold is dropped; none is
    kept by this process afterwards."""
    ok, got = isolate.run_isolated("json", b"tail", "a.json", worker="intake_workers:ahead")
    assert ok
    kind, big, small, in_fork, tail = got
    assert kind == "Ahead"  # what the child put in its result
    assert len(big) == 200_000 and big[0] == "OUT-0000000" and big[-1] == "OUT-0199999"
    assert small == {"n": 3} and in_fork == ("list",) and tail == "tail"
    assert isolate.last_run.extra["ahead"] == 2 and isolate._arrived.parts is None
    ok, m = isolate.run_isolated("json", b"", "gone.json", worker="intake_workers:ahead_then_ends")
    assert not ok and m.code == "intake_crashed" and "gone.json" in m.message_en and "gone.json" in m.message_ja
    assert isolate.last_run.exitcode == 5
    assert isolate.run_isolated("json", b"", "x.json", worker="intake_workers:ahead_not_used") == (True, "done")
    assert isolate._arrived.parts is None
    # in this process (no reading child), nothing is sent: the object itself
    obj = ["here"]
    assert isolate.send_ahead(obj) is obj


def test_the_json_reader_sends_its_own_large_table_ahead_and_the_result_is_unchanged():
    """The reading child's own large table (the outflows, while a forked process reads the inflows) crosses ahead
    of the result: the same figures and messages as the read in this process. A document of 8 MB or more (each
    table over ``FORK_MIN_BYTES``), read by a plain fork or by the forkserver's child alike."""
    from gcpcalc.intake import fastjson
    from gcpcalc.sample import synthetic_assessment
    from transport_support import plain

    data = synthetic_assessment(20_000, 18_000, n_products=8, seed=21)
    data["outflows"][11]["critical_raw_material"] = "cobalt"
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # listed, without its content: a warning
    raw = json.dumps(data, ensure_ascii=False).encode()
    assert len(raw) > 2 * fastjson.FORK_MIN_BYTES
    loaded = load_bytes(raw, "big.json")
    # the outflows from the child, the inflows straight from the process it forked
    assert isolate.last_run.extra.get("ahead") == 2 and isolate.last_run.outcome == "ok"
    here = fastjson.read_columns(raw)
    assert plain(loaded.packed) == plain(here) is not None
    assert len(loaded.rows("outflows")) == 18_000 and loaded.rows("outflows")[11]["critical_raw_material"] == "cobalt"
    assert [m.code for m in loaded.messages] == [m.code for m in here[2]] == ["critical_content_default"]


def test_a_process_forked_by_the_child_sends_its_part_straight_to_the_parent_and_is_never_ended_mid_part():
    ok, (kind, ids) = isolate.run_isolated("json", b"", "a.json", worker="intake_workers:ahead_from_fork")
    assert ok and kind == "Ahead" and len(ids) == 100_000 and ids[-1] == "IN-99999"
    assert isolate.last_run.extra["ahead"] == 1
    ok, got = isolate.run_isolated("json", b"", "b.json", worker="intake_workers:ended_while_sending_ahead")
    assert (ok, got) == (True, "result after the close")
    assert isolate.last_run.extra["ahead"] == 1 and isolate._arrived.parts is None


def _big_document() -> bytes:
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(20_000, 18_000, n_products=8, seed=22)
    data["outflows"][3]["critical_raw_material"] = "cobalt"
    return json.dumps(data, ensure_ascii=False).encode()


def test_a_table_that_arrives_ahead_is_normalised_meanwhile_with_the_tables_of_a_read_without(monkeypatch, tmp_path):
    """``load_bytes(prepare=True)``: the outflows, which cross ahead of the result, are normalised while the
    inflows are still read; the normalised tables (numpy columns and DataFrames) and the figures are those of the
    file read without it. ``gcpcalc compute`` reads that way."""
    import numpy as np

    from gcpcalc import io as gio
    from gcpcalc.commands import compute as cmd
    from gcpcalc.indicators import compute_tables

    raw = _big_document()
    prepared = load_bytes(raw, "big.json", prepare=True)
    assert isolate.last_run.extra.get("ahead") == 2
    assert set(prepared._prepared) == {"inflows", "outflows"}
    ready_table = prepared._prepared["outflows"][1]
    # the tables of the result are the parts that arrived (not read again by the child)
    assert all(prepared.packed[1][tid] is prepared._prepared[tid][0] for tid in ("inflows", "outflows"))
    plain_read = load_bytes(raw, "big.json")
    assert plain_read._prepared is None
    a, b = prepared.tables(frames=False), plain_read.tables(frames=False)
    assert a.outflows is ready_table and prepared._prepared is None  # used, then let go
    for tid in ("inflows", "outflows", "products", "water", "energy", "procurement", "segments"):
        ta, tb = getattr(a, tid), getattr(b, tid)
        assert list(ta.columns) == list(tb.columns), tid
        for c in ta.columns:
            x, y = np.asarray(ta[c]), np.asarray(tb[c])
            assert x.dtype == y.dtype and len(x) == len(y), (tid, c)
            assert (x == y)[~(_nan(x) & _nan(y))].all(), (tid, c)
    assert a.outflows["critical_id"][3] == "cobalt"
    assert compute_tables(a).to_json_dict("en") == compute_tables(b).to_json_dict("en")
    frames = load_bytes(raw, "big.json", prepare=True).tables(frames=True)
    assert frames.outflows.equals(plain_read.tables(frames=True).outflows)
    seen = {}
    real = gio.load_path
    monkeypatch.setattr(gio, "load_path", lambda *a, **k: seen.update(k) or real(*a, **k))
    monkeypatch.setattr(cmd, "_print_json", lambda doc: seen.update(printed=doc))
    from types import SimpleNamespace

    (tmp_path / "big.json").write_bytes(raw)
    args = SimpleNamespace(input=str(tmp_path / "big.json"), format="json", lang="en", factors=None, max_file_mb=None,
                           max_memory_mb=None, max_seconds=None)
    assert cmd.run_compute(args) == 0 and seen["prepare"] is True and seen["digest"] is False
    assert seen["printed"]["indicators"] == compute_tables(b).to_json_dict("en")["indicators"]


def _nan(x):
    import numpy as np

    return np.array([v != v for v in x.tolist()], dtype=bool) if x.dtype == object else np.isnan(x) \
        if x.dtype.kind == "f" else np.zeros(len(x), dtype=bool)


def test_a_prepared_table_is_used_only_for_the_table_it_was_made_from():
    from gcpcalc.intake import fastjson
    from gcpcalc.tables import normalise_columns, prepare_columns

    packed = fastjson.read_columns(_big_document())
    from gcpcalc.sample import synthetic_assessment

    other = fastjson.read_columns(json.dumps(synthetic_assessment(50, 40, n_products=2, seed=1)).encode())
    stale = prepare_columns("outflows", other[1]["outflows"])  # made from another read's outflows
    got = normalise_columns(packed, False, {"outflows": (other[1]["outflows"], stale)})
    assert got.outflows is not stale and len(got.outflows) == 18_000
    fresh = prepare_columns("outflows", packed[1]["outflows"])
    assert normalise_columns(packed, False, {"outflows": (packed[1]["outflows"], fresh)}).outflows is fresh


def test_cell_tag_with_80k_attributes_is_refused_quickly_and_the_scan_is_linear():
    data = hostile.many_attributes(80_000)
    m = _refused(data, "attrs.xlsx")
    assert m.code == "xlsx_cell_tag"
    # the sheet scan itself no longer backtracks over such a tag (it took 100-330 s): it finds the
    # percent cell after it at once
    attrs = b" ".join(b"a%d=\"\"" % i for i in range(80_000)).replace(b"a", b"x")
    xml = b'<sheetData><row r="1"><c r="A1" ' + attrs + b'><v>1</v></c><c r="B1" s="3"><v>0.5</v></c></row>'
    ok, scan = isolate.run_isolated("xlsx", xml, "scan", Limits(max_seconds=20), worker="test_intake:_scan_worker")
    assert ok and scan == [(0, 1)]


def _scan_worker(data, name, limits):
    return sorted(_SheetScan(data, {3}).percent)


def test_a_23_mb_shared_string_is_refused_within_the_budget():
    data = hostile.huge_shared_string(23_000_000)
    assert len(data) > 15_000_000
    m = _refused(data, "sst.xlsx")
    assert m.code == "xlsx_long_string" and "23,000,000" in m.message_en
    assert isolate.last_run.child_max_rss_bytes < 600 << 20


def test_a_million_rows_without_size_header_is_refused_before_parsing():
    m = _refused(hostile.many_rows(1_048_576), "rows.xlsx")
    assert m.code == "xlsx_too_many_rows" and m.message_en.count("250000") == 1
    assert isolate.last_run.child_max_rss_bytes < 600 << 20


def test_truncated_and_bomb_files_are_refused_without_library_text():
    assert _refused(hostile.truncated(0.5), "cut.xlsx").code == "xlsx_not_zip"
    assert _refused(hostile.zip_bomb_member(), "bomb.xlsx").code == "xlsx_bomb"


def test_one_damaged_cell_does_not_reject_the_workbook():
    a, messages = read_workbook_bytes(hostile.bad_shared_index(), "cell.xlsx")
    assert a is not None, messages
    assert [r["line_id"] for r in a.inflows] == ["IN-1", "IN-2", "IN-3"]
    assert a.inflows[2]["mass"] == 7.0
    by_code = {m.code: m for m in messages}
    assert by_code["cell_unreadable"].location == "インフロー!B4"
    assert "インフロー!B4" in by_code["sheet_unreadable"].message_ja
    assert all("Calamine" not in m.message_en for m in messages)


def test_the_command_line_refuses_a_hostile_file_with_exit_2_and_no_traceback(tmp_path):
    far = tmp_path / "far.xlsx"
    far.write_bytes(hostile.far_cell("XFD1000"))
    proc = subprocess.run([sys.executable, "-m", "gcpcalc", "report", str(far), "-o", str(tmp_path / "r.xlsx"),
                           "--lang", "en", "--no-trend"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2
    assert "far.xlsx: sheet インフロー has a cell at XFD1000" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "r.xlsx").exists()


# ---- no silent misread ------------------------------------------------------------------------------
def _wb(lang="ja", data=None):
    return openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(data or hostile.BASE_DATA, lang)))


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_merged_cell_outside_the_table_keeps_the_first_data_row_and_is_reported():
    wb = _wb()
    ws = wb["インフロー"]
    c = openpyxl.utils.get_column_letter(ws.max_column + 2)
    d = openpyxl.utils.get_column_letter(ws.max_column + 3)
    ws[f"{c}1"] = "メモ欄"
    ws.merge_cells(f"{c}1:{d}2")  # beside the table, over the header row and the first data row
    a, messages = read_workbook_bytes(_save(wb), "merged.xlsx")
    assert a is not None and [r["line_id"] for r in a.inflows] == ["IN-1", "IN-2"]
    m = next(m for m in messages if m.code == "merged_outside_table")
    assert m.location == f"インフロー!{c}1" and f"{c}1:{d}2" in m.message_ja and m.severity == "warning"


def test_a_header_cell_merged_into_the_first_data_row_keeps_that_row():
    wb = _wb()
    ws = wb["インフロー"]
    ws.merge_cells("B1:B2")  # the description label merged down over IN-1's (empty) description
    a, messages = read_workbook_bytes(_save(wb), "merged.xlsx")
    assert a is not None and [r["line_id"] for r in a.inflows] == ["IN-1", "IN-2"]
    m = next(m for m in messages if m.code == "merged_in_data")
    assert m.location == "インフロー!B1" and "B1:B2" in m.message_en


def test_sheets_renamed_sheet1_are_recognised_by_their_header_row():
    wb = _wb("en")
    for i, title in enumerate(["Inflows", "Outflows"], start=1):
        wb[title].title = f"Sheet{i}"
    a, messages = read_workbook_bytes(_save(wb), "renamed.xlsx")
    assert a is not None
    assert [r["line_id"] for r in a.inflows] == ["IN-1", "IN-2"] and [r["line_id"] for r in a.outflows] == ["OUT-1"]
    found = {m.table: m for m in messages if m.code == "sheet_by_header"}
    assert set(found) == {"inflows", "outflows"}
    assert found["inflows"].location == "Sheet1!A1" and "Inflows" in found["inflows"].message_en
    assert "インフロー" in found["inflows"].message_ja


def test_half_width_katakana_sheet_names_and_full_width_headers_are_read_with_a_note():
    wb = _wb()
    wb["アウトフロー"].title = "ｱｳﾄﾌﾛｰ"
    ws = wb["インフロー"]
    ws["A1"] = "ＬＩＮＥ＿ＩＤ"  # full-width letters: the field id
    a, messages = read_workbook_bytes(_save(wb), "kana.xlsx")
    assert a is not None and [r["line_id"] for r in a.outflows] == ["OUT-1"]
    notes = {m.code: m for m in messages}
    assert notes["sheet_name_normalised"].value == "ｱｳﾄﾌﾛｰ" and "アウトフロー" in notes["sheet_name_normalised"].message_ja
    assert notes["header_normalised"].location == "インフロー!A1" and "'LINE_ID'" in notes["header_normalised"].message_en


@pytest.mark.parametrize("cell, text, code", [
    ("E2", "1.234,5", "number_decimal_comma"),  # European decimal comma (was read as 1.2345)
    ("E2", "1,2,3", "number_separators"),  # was read as 123
    ("E2", "45%", "number_percent_sign"),  # a percent in a mass cell (was read as 45 t)
    ("G2", "1,5", "number_decimal_comma"),  # a decimal comma in a percent cell (was read as 15 %)
    ("E2", "12 t", "number_unit_text"),
])
def test_ambiguous_number_spellings_are_refused_with_the_cell(cell, text, code):
    wb = _wb()
    wb["インフロー"][cell] = text
    a, messages = read_workbook_bytes(_save(wb), "num.xlsx")
    assert a is None
    errors = [m for m in messages if m.severity == "error"]
    assert [(m.code, m.location, m.value) for m in errors] == [(code, f"インフロー!{cell}", text)]
    assert text in errors[0].message_ja


def test_plain_spellings_still_read():
    wb = _wb()
    ws = wb["インフロー"]
    ws["E2"], ws["E3"], ws["G2"] = "1,234.5", "１２３", "45%"
    a, messages = read_workbook_bytes(_save(wb), "ok.xlsx")
    assert a is not None, messages
    assert [r["mass"] for r in a.inflows] == [1234.5, 123.0]
    assert a.inflows[0]["recycled_preconsumer_pct"] == 45.0


def test_an_example_row_typed_over_is_an_error_naming_the_row():
    from gcpcalc.excel.template import template_bytes

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    org = wb["組織"]
    org["B2"], org["B3"], org["B4"] = "テスト株式会社", "2025-04-01", "2026-03-31"
    untouched = _save(wb)
    a, messages = read_workbook_bytes(untouched, "t.xlsx")
    assert a is not None and a.inflows == [] and not [m for m in messages if m.code == "example_row_edited"]
    wb["インフロー"]["E2"] = 250  # the example's mass typed over
    a, messages = read_workbook_bytes(_save(wb), "t.xlsx")
    assert a is None
    m = next(m for m in messages if m.code == "example_row_edited")
    assert m.location == "インフロー!A2" and "2 行目" in m.message_ja and "row 2" in m.message_en


def test_a_text_longer_than_an_excel_cell_is_reported():
    data = json.loads(json.dumps(hostile.BASE_DATA))
    data["inflows"][0]["description"] = "あ" * (EXCEL_CELL_CHARS + 10)
    loaded = load_bytes(json.dumps(data).encode(), "long.json")
    assert loaded.ok
    m = next(m for m in loaded.messages if m.code == "text_cut_in_report")
    assert (m.table, m.row, m.field) == ("inflows", 1, "description") and "32,777" in m.message_en


# ---- JSON -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ('{"organisation": {"name": "\\ud800"}}', "json_surrogate"),
    ('{"organisation": {"name": "x"}, "inflows": [{"mass": Infinity}]}', "json_non_finite"),
    ('{"organisation": {"name": "x"}, "inflows": [{"mass": NaN}]}', "json_non_finite"),
    ('{"organisation": {"name": "x"}, "inflows": [{"mass": 1e400}]}', "json_non_finite"),
    ("[" * 100_000 + "]" * 100_000, "json_too_deep"),
    ('{"organisation": {"name": "x"}, "inflows": [{"mass": ' + "9" * 5000 + "}]}", "json_big_int"),
    ('{"organisation": ', "file"),  # a syntax error (line and column given)
    (b"\xff\xfe{}".decode("latin-1"), "file"),  # not UTF-8
])
def test_malformed_json_exits_2_with_a_message(tmp_path, capsys, text, code):
    from gcpcalc.cli import main

    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode("utf-8"))
    loaded = load_bytes(path.read_bytes(), "bad.json")
    assert not loaded.ok and _codes(loaded.messages) == [code]
    assert "bad.json" in loaded.messages[0].message_ja
    status = main(["report", str(path), "-o", str(tmp_path / "r.xlsx"), "--no-trend"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err and "bad.json" in err


def test_impossible_magnitudes_are_errors_and_no_inf_reaches_an_output(tmp_path, capsys):
    from gcpcalc.cli import main

    data = json.loads(json.dumps(hostile.BASE_DATA))
    data["inflows"][0]["mass"] = 1e308
    data["inflows"][1]["mass"] = 2e15
    data["inflows"][1]["mass_unit"] = "kg"  # 2e12 t
    loaded = load_bytes(json.dumps(data).encode(), "big.json")
    assert not loaded.ok
    errs = [(m.code, m.row, m.field) for m in loaded.messages if m.severity == "error"]
    assert errs == [("value_implausible", 1, "mass"), ("value_implausible", 2, "mass")]
    assert "1e12 t" in loaded.messages[0].message_en
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    status = main(["compute", str(path)])
    out, err = capsys.readouterr()
    assert status == 2 and "inf" not in out.lower()
    data["inflows"][1]["mass"] = 9e11  # plausible: 9e11 kg
    assert load_bytes(json.dumps({**data, "inflows": data["inflows"][1:]}).encode(), "ok.json").ok


def test_an_implausible_mass_in_a_workbook_names_its_cell():
    wb = _wb()
    wb["インフロー"]["E2"] = 1e300
    a, messages = read_workbook_bytes(_save(wb), "big.xlsx")
    assert a is None
    assert [(m.code, m.location) for m in messages if m.severity == "error"] == [("value_implausible", "インフロー!E2")]


# ---- formula injection ------------------------------------------------------------------------------
PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1"]


def test_exported_template_writes_formula_like_text_as_text(tmp_path):
    from gcpcalc.cli import main

    data = json.loads(json.dumps(hostile.BASE_DATA))
    data["organisation"]["name"] = PAYLOADS[0]
    for i, p in enumerate(PAYLOADS[1:]):
        data["inflows"].append({"line_id": f"X-{i}", "material": "steel", "mass": 1, "description": p})
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "filled.xlsx"
    assert main(["export-template", str(src), "-o", str(out), "--lang", "en"]) == 0
    raw = zipfile.ZipFile(out)
    for part in raw.namelist():
        if part.startswith("xl/worksheets/sheet"):
            assert b"<f>" not in raw.read(part) and b"<f " not in raw.read(part), part
    wb = openpyxl.load_workbook(out)
    assert wb["Organisation"]["B2"].value == PAYLOADS[0] and wb["Organisation"]["B2"].data_type == "s"
    expected = [p.strip() for p in PAYLOADS[1:]]  # validation strips surrounding tabs and returns
    notes = [c.value for c in wb["Inflows"]["B"] if c.value in expected]
    assert notes == expected
    assert all(c.data_type == "s" and c.quotePrefix for c in wb["Inflows"]["B"] if c.value in expected)
    # and it reads back as the same text
    a, messages = read_workbook_bytes(out.read_bytes(), "filled.xlsx")
    assert a is not None, messages
    assert a.organisation["name"] == PAYLOADS[0]


# ---- store ------------------------------------------------------------------------------------------
def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path, capsys):
    from gcpcalc.cli import main
    from gcpcalc.store import Store, StoreError

    other = tmp_path / "crm.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('A')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError) as exc:
        Store(f"sqlite:///{other}")
    assert exc.value.message.code == "store_not_ours" and "customers" in exc.value.message.message_ja
    src = tmp_path / "in.json"
    src.write_text(json.dumps(hostile.BASE_DATA), encoding="utf-8")
    status = main(["store", "save", str(src), "--db", f"sqlite:///{other}", "--lang", "ja"])
    err = capsys.readouterr().err
    assert status == 2 and "他のアプリケーション" in err and "sqlalche" not in err
    assert other.read_bytes() == before
    assert not Path(str(other) + "-wal").exists()
    assert sqlite3.connect(other).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    from gcpcalc.store import Store, StoreError

    f = tmp_path / "notes.txt"
    f.write_text("just text, not SQLite " * 100)
    with pytest.raises(StoreError) as exc:
        Store(f"sqlite:///{f}")
    assert exc.value.message.code == "store_not_a_database"
    assert f.read_text().startswith("just text")


def test_a_damaged_revision_is_reported_by_number_and_the_others_stay_readable(tmp_path, capsys):
    from gcpcalc.cli import main
    from gcpcalc.store import Store

    db = tmp_path / "s.sqlite"
    url = f"sqlite:///{db}"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(hostile.BASE_DATA), encoding="utf-8")
    assert main(["store", "save", str(src), "--db", url]) == 0
    data = json.loads(json.dumps(hostile.BASE_DATA))
    data["inflows"][0]["mass"] = 120
    src.write_text(json.dumps(data), encoding="utf-8")
    assert main(["store", "save", str(src), "--db", url]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE revisions SET data_json = '{\"organisation\": {broken' WHERE number = 1")
    conn.commit()
    conn.close()
    name, pe = "テスト株式会社", "2026-03-31"
    status = main(["store", "show", name, pe, "--revision", "1", "--db", url, "--lang", "ja"])
    err = capsys.readouterr().err
    assert status == 2 and "リビジョン 1 は破損" in err and "JSONDecodeError" not in err
    status = main(["store", "diff", name, pe, "1", "2", "--db", url, "--lang", "en"])
    err = capsys.readouterr().err
    assert status == 2 and "Revision 1 of" in err and "damaged" in err
    with Store(url) as store:
        assert store.load(name, pe, 2).inflows[0]["mass"] == 120


def test_store_failures_carry_no_library_text():
    from sqlalchemy.exc import OperationalError

    from gcpcalc.store.db import _failed

    exc = OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))
    err = _failed(exc, "Saving", "保存")
    for text in (err.message.message_en, err.message.message_ja):
        assert "sqlalche.me" not in text and "database is locked" not in text and "OperationalError" not in text
    assert "busy" in err.message.message_en and "使用中" in err.message.message_ja


def test_a_mapped_import_reads_its_workbook_in_isolation_too():
    from gcpcalc.mapping import read_table_file

    data = hostile.edit_parts(hostile.base_workbook(), {"xl/worksheets/sheet1.xml": lambda x: x.replace(
        b"</sheetData>", b'<row r="1000"><c r="XFD1000"><v>1</v></c></row></sheetData>')})
    headers, rows, messages = read_table_file(data, "far.xlsx")
    assert (headers, rows) == ([], [])
    assert [(m.code, m.value) for m in messages] == [("xlsx_far_cell", "XFD1000")]
    headers, rows, messages = read_table_file(hostile.base_workbook(), "ok.xlsx")
    assert headers[0] == "gcpcalc 入力テンプレート" and messages == []


def test_longest_run_without_tag_delimiters_across_chunks():
    """The pre-check of the long-tag scan: the longest run of bytes without '<' or '>', the same whatever
    the chunk size (runs crossing a chunk boundary included)."""
    import random
    import re

    from gcpcalc.intake.budget import _longest_run

    rnd = random.Random(4)
    for _ in range(500):
        x = bytes(rnd.choice(b"<>ab c") for _ in range(rnd.choice([0, 1, 3, 40, 900])))
        want = max((len(r) for r in re.findall(rb"[^<>]*", x)), default=0)
        for chunk in (1, 2, 7, 64, 1 << 23):
            assert _longest_run(x, chunk) == want
    assert _longest_run(b"<c " + b"x" * 5000 + b"/>", 1000) == 5003  # "c", " ", 5000 x, "/"


def test_a_run_of_n_bytes_without_tag_delimiters_is_found_by_aligned_blocks_first():
    """``_has_run`` (whole blocks without a delimiter first, runs measured only then) says what the longest
    run says, for runs just under, at and over the length, at any place and across chunks."""
    import random

    from gcpcalc.intake.budget import _has_run, _longest_run

    rnd = random.Random(9)
    seen = {True: 0, False: 0}
    for _ in range(3000):
        n = rnd.choice([1, 2, 3, 5, 8, 64, 4098])
        parts = []
        for _ in range(rnd.randint(0, 6)):
            parts.append(b"x" * rnd.choice([0, 1, n - 2, n - 1, n, n + 1, 2 * n, rnd.randint(0, 3 * n)]))
            parts.append(rnd.choice([b"<", b">", b"<c>"]))
        x = b"".join(parts)
        want = _longest_run(x) >= n
        seen[want] += 1
        for chunk in (1, 8, 1 << 23):
            assert _has_run(x, n, chunk) is want, (n, len(x), chunk)
    assert seen[True] > 500 and seen[False] > 500  # both answers were tested often
    assert _has_run(b"<c>" * 100_000, 4098) is False
    assert _has_run(b"<c>" * 1000 + b"<c " + b"x" * 4100 + b">" + b"<c>" * 1000, 4098) is True


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_warm_workbook_reads_like_the_template(lang):
    """The forkserver's warm-up workbook (written with xlsxwriter) goes through the whole reader: every table
    found by its sheet name, every line read, no message."""
    from gcpcalc.excel.reader import parse_workbook_bytes
    from gcpcalc.intake.hostile import BASE_DATA
    from gcpcalc.intake.warm import warm_workbook

    a, messages = parse_workbook_bytes(warm_workbook(lang), "warm.xlsx")
    assert a is not None and messages == []
    assert [r["line_id"] for r in a.inflows] == [r["line_id"] for r in BASE_DATA["inflows"]]
    assert a.outflows[0]["destination"] == "recycling" and a.organisation["name"] == BASE_DATA["organisation"]["name"]


def test_the_forkserver_can_be_started_before_the_first_read_and_serves_it():
    """The app starts the reading process when its first page opens (``isolate.prestart``): in a fresh
    interpreter the server runs before any file is read, a second call starts no other, and the next read is
    served by that server."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, os\n"
        "from multiprocessing import forkserver\n"
        "from gcpcalc.intake import isolate, read_file_bytes\n"
        "from gcpcalc.intake.hostile import BASE_DATA\n"
        "assert forkserver._forkserver._forkserver_pid is None\n"
        "isolate.prestart()\n"
        "pid = forkserver._forkserver._forkserver_pid\n"
        "os.kill(pid, 0)\n"
        "isolate.prestart()\n"
        "assert forkserver._forkserver._forkserver_pid == pid\n"
        "a, messages = read_file_bytes(json.dumps(BASE_DATA).encode(), 'base.json')\n"
        "assert a is not None, messages\n"
        "assert isolate.last_run.extra['start'] == 'forkserver'\n"
        "assert forkserver._forkserver._forkserver_pid == pid\n"
        "print('served by', pid, a.organisation['name'])\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("served by ")


# ---- the file's digest ------------------------------------------------------------------------------


def test_the_digest_of_a_loaded_file_is_its_sha256_whatever_the_outcome(monkeypatch):
    """Taken while the child reads the file; taken afterwards when no child could be started."""
    import hashlib

    good = hostile.base_workbook()
    doc = json.dumps({"organisation": {"name": "A", "period_start": "2025-04-01",
                                       "period_end": "2026-03-31"}}).encode()
    bad = hostile.far_cell("XFD1000")
    ran = []
    for data, name, ok in ((good, "a.xlsx", True), (doc, "a.json", True), (bad, "far.xlsx", False)):
        loaded = load_bytes(data, name, meanwhile=lambda: ran.append(name))
        assert loaded.ok is ok
        assert loaded.sha256 == hashlib.sha256(data).hexdigest()
    assert ran == ["a.xlsx", "a.json", "far.xlsx"]  # the caller's work still runs meanwhile

    def no_process(self):
        raise OSError("no more processes")

    monkeypatch.setattr(isolate._ForkProcess, "start", no_process)
    monkeypatch.setattr(isolate._Process, "start", no_process)
    loaded = load_bytes(good, "a.xlsx")
    assert [m.code for m in loaded.messages] == ["intake_unavailable"]
    assert loaded.sha256 == hashlib.sha256(good).hexdigest()


def test_no_digest_is_taken_when_the_caller_records_none(monkeypatch, tmp_path, capsys):
    """``digest=False`` (``gcpcalc compute`` and ``validate``, which print nothing about the file): no SHA-256, the
    same reading; the report commands still record the digest."""
    import hashlib

    from gcpcalc import cli, io as gio

    doc = json.dumps({"organisation": {"name": "A", "period_start": "2025-04-01",
                                       "period_end": "2026-03-31"}}).encode()
    hashed = []
    real = gio.sha256_of
    monkeypatch.setattr(gio, "sha256_of", lambda data: hashed.append(len(data)) or real(data))
    loaded = load_bytes(doc, "a.json", digest=False)
    assert loaded.ok and loaded.sha256 is None and hashed == []
    assert loaded.rows("inflows") == []
    path = tmp_path / "a.json"
    path.write_bytes(doc)
    assert gio.load_path(path, digest=False).sha256 is None and hashed == []
    assert gio.load_path(path).sha256 == hashlib.sha256(doc).hexdigest() and hashed == [len(doc)]
    hashed.clear()
    assert cli.main(["compute", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["indicators"]
    assert cli.main(["validate", str(path)]) == 0
    assert hashed == []
