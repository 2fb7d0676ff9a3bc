"""How the reading child starts (a plain fork of a process that runs no thread, the forkserver otherwise), and the
rows an assessment is rebuilt with in the parent (:func:`gcpcalc.columns.table_rows`)."""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from gcpcalc.columns import Coded, python_values, table_rows
from gcpcalc.intake import isolate
from gcpcalc.intake.hostile import BASE_DATA, base_workbook

ROOT = Path(__file__).resolve().parents[1]


# ---- which start ------------------------------------------------------------------------------------------


@pytest.fixture
def quiet_process(monkeypatch):
    """``_fork_ok``'s view of a small process with one thread, no forkserver started and fork available."""
    monkeypatch.setattr(isolate, "_fork_allowed", None)
    monkeypatch.setattr(isolate, "_ctx", None)
    monkeypatch.setattr(isolate, "_os_threads", lambda: 1)
    monkeypatch.setattr(isolate, "_address_space", lambda: 64 << 20)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    return isolate.DEFAULT_LIMITS


def test_by_default_a_process_without_threads_forks_its_reader(quiet_process):
    assert isolate._fork_ok(quiet_process) is True


def test_a_native_thread_a_python_thread_or_a_started_forkserver_keep_the_forkserver(quiet_process, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(isolate, "_os_threads", lambda: 2)  # a numerical library's pool, unseen by ``threading``
        assert isolate._fork_ok(quiet_process) is False
    with monkeypatch.context() as m:
        m.setattr(isolate, "_os_threads", lambda: None)  # not readable: not known to be alone
        assert isolate._fork_ok(quiet_process) is False
    with monkeypatch.context() as m:
        m.setattr(threading, "active_count", lambda: 2)
        assert isolate._fork_ok(quiet_process) is False
    with monkeypatch.context() as m:
        m.setattr(isolate, "_ctx", object())  # the forkserver was started (prestart, or an earlier read)
        assert isolate._fork_ok(quiet_process) is False
    with monkeypatch.context() as m:  # a large process: its fork would start near the child's memory limit
        m.setattr(isolate, "_address_space", lambda: quiet_process.max_memory_bytes // 4)
        assert isolate._fork_ok(quiet_process) is False
    assert isolate._fork_ok(quiet_process) is True


def test_the_command_line_setting_forks_beside_native_threads_and_false_never_forks(quiet_process, monkeypatch):
    monkeypatch.setattr(isolate, "_os_threads", lambda: 3)
    monkeypatch.setattr(isolate, "_ctx", object())
    isolate.fork_when_small(True)
    assert isolate._fork_ok(quiet_process) is True
    assert isolate.fork_when_small(False) is True  # returns the setting it replaces
    assert isolate._fork_ok(quiet_process) is False
    assert isolate.fork_when_small(None) is False


def test_the_command_line_gives_back_the_setting_it_found(tmp_path, monkeypatch):
    from gcpcalc.cli import main

    monkeypatch.setattr(isolate, "_fork_allowed", None)
    doc = tmp_path / "a.json"
    doc.write_text(json.dumps(BASE_DATA), encoding="utf-8")
    assert main(["validate", str(doc)]) == 0
    assert isolate._fork_allowed is None
    monkeypatch.setattr(isolate, "_fork_allowed", False)
    assert main(["validate", str(doc)]) == 0
    assert isolate._fork_allowed is False


def test_the_thread_count_is_the_systems():
    assert isolate._os_threads() == len(os.listdir("/proc/self/task"))
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert isolate._os_threads() == len(os.listdir("/proc/self/task"))
    finally:
        stop.set()
        t.join()


_SCRIPT = """
import json, sys, threading
from gcpcalc.intake import isolate
from gcpcalc.excel.reader import read_workbook_bytes
data = open(sys.argv[1], 'rb').read()
out = []
def read():
    a, messages = read_workbook_bytes(data, 'base.xlsx')
    out.append([isolate.last_run.extra['start'], 'gcpcalc.models' in sys.modules,
                a.to_json_dict() if a is not None else None, [m.to_dict() for m in messages]])
pydantic_first = 'pydantic' in sys.modules
read()                                   # no thread at all: a plain fork
stop = threading.Event(); t = threading.Thread(target=stop.wait); t.start()
read()                                   # a thread running: the forkserver
stop.set(); t.join()
read()                                   # the forkserver, once started, stays the one used
print(json.dumps({"pydantic_first": pydantic_first, "reads": out}, default=str))
"""

_CHILD_IMPORTS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from gcpcalc.intake import isolate
found = {}
for kind in ("json", "xlsx"):
    ok, got = isolate.run_isolated(kind, b"gcpcalc.models,pydantic", "x", worker="intake_workers:loaded")
    found[kind] = [ok, isolate.last_run.extra["start"], list(got)]
print(json.dumps(found))
"""


def test_a_forked_workbook_reader_has_the_models_from_its_parent_and_a_json_reader_not():
    """The workbook's child validates its organisation and small tables with the models (pydantic): before a
    plain fork this process imports them, once, for both; a JSON document's child does without them."""
    proc = subprocess.run([sys.executable, "-c", _CHILD_IMPORTS, str(ROOT / "tests")], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    assert found == {"json": [True, "fork", [False, False]], "xlsx": [True, "fork", [True, True]]}


def test_a_library_read_forks_in_a_quiet_process_and_gives_what_the_forkserver_gives(tmp_path):
    """In a fresh interpreter the workbook reader's module does not import pydantic; the first read is a plain
    fork (the models imported before it, as the child needs them), the next ones use the forkserver; the
    assessment and the messages are the same."""
    book = tmp_path / "base.xlsx"
    book.write_bytes(base_workbook())
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, str(book)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    assert got["pydantic_first"] is False
    starts = [r[0] for r in got["reads"]]
    assert starts == ["fork", "forkserver", "forkserver"]
    assert all(r[1] for r in got["reads"])  # the models are there to rebuild the assessment
    first = got["reads"][0]
    assert first[2] is not None and first[2]["organisation"]["name"] == BASE_DATA["organisation"]["name"]
    assert [r["line_id"] for r in first[2]["inflows"]] == [r["line_id"] for r in BASE_DATA["inflows"]]
    for other in got["reads"][1:]:
        assert other[2:] == first[2:]


# ---- the rows rebuilt from columns ------------------------------------------------------------------------


def _by_zip(fids, cols, n):
    return [dict(zip(fids, row)) for row in zip(*map(python_values, cols))] if n else []


def test_rows_from_columns_hold_every_value_in_field_order():
    fids = ("line_id", "mass", "unit", "flag", "note")
    cols = [["A", "B", "C"], np.array([1.5, np.nan, -0.0]), Coded(np.array([1, 0, 1], dtype=np.int32), ["t", "kg"]),
            np.array([True, False, True]), [None, "備考", ""]]
    rows = table_rows(fids, cols, 3)
    assert rows == [{"line_id": "A", "mass": 1.5, "unit": "kg", "flag": True, "note": None},
                    {"line_id": "B", "mass": None, "unit": "t", "flag": False, "note": "備考"},
                    {"line_id": "C", "mass": -0.0, "unit": "kg", "flag": True, "note": ""}]
    assert [list(r) for r in rows] == [list(fids)] * 3
    assert str(rows[2]["mass"]) == "-0.0" and type(rows[0]["mass"]) is float and type(rows[0]["flag"]) is bool
    assert rows == _by_zip(fids, cols, 3)


@pytest.mark.parametrize("fids", [
    ("a'b", 'c"d', "e\\f", "g\nh", "}{", "lambda", "_0", "社名"),
    ("x",),
])
def test_rows_from_columns_take_any_text_as_a_key(fids):
    cols = [[f"{i}-{j}" for j in range(4)] for i in range(len(fids))]
    rows = table_rows(fids, cols, 4)
    assert rows == _by_zip(fids, cols, 4)
    assert list(rows[0]) == list(fids)


def test_rows_from_columns_with_keys_that_are_not_text_are_made_as_before():
    rows = table_rows((1, "b"), [[10, 11], ["x", "y"]], 2)
    assert rows == [{1: 10, "b": "x"}, {1: 11, "b": "y"}]


def test_rows_from_columns_leave_the_collector_as_they_found_it():
    assert gc.isenabled()
    table_rows(("a",), [[1, 2]], 2)
    assert gc.isenabled()
    gc.disable()
    try:
        table_rows(("a",), [[1, 2]], 2)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_float_columns_give_none_for_nan_and_the_same_floats_otherwise():
    values = np.array([0.1, np.nan, 1e300, -0.0, 5.0])
    got = python_values(values)
    assert got[1] is None and got[0] == 0.1 and got[2] == 1e300 and got[4] == 5.0
    assert [type(v) for v in got] == [float, type(None), float, float, float]
    assert str(got[3]) == "-0.0"
    assert python_values(np.array([1.0, 2.0])) == [1.0, 2.0]
    assert python_values(np.array([np.nan, np.nan])) == [None, None]
    assert python_values(np.array([True, False])) == [True, False]


# ---- the codes of coded columns ---------------------------------------------------------------------------


def test_the_code_type_is_the_smallest_that_holds_every_code():
    from gcpcalc.columns import code_type, narrow_codes

    assert [code_type(k) for k in (1, 256, 257, 65536, 65537)] == [np.uint8, np.uint8, np.uint16, np.uint16,
                                                                   np.int32]
    codes = np.array([0, 255, 3], dtype=np.int32)
    narrowed = narrow_codes(codes, 256)
    assert narrowed.dtype == np.uint8 and narrowed.tolist() == [0, 255, 3]
    assert narrow_codes(codes, 70000) is codes


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_coded_columns_cross_in_one_byte_a_row_and_read_back_the_same(kind):
    """The transport form of a valid document or workbook: its coded columns hold uint8 codes (a few values
    each), and the rows rebuilt from them are those of the ordinary path."""
    from gcpcalc.excel.reader import parse_workbook_bytes, parse_workbook_transport
    from gcpcalc.excel.security import DEFAULT_LIMITS
    from gcpcalc.excel.template import assessment_to_template_bytes
    from gcpcalc.intake.fastjson import read_columns
    from gcpcalc.intake.jsonin import load_json
    from gcpcalc.models import validate_assessment
    from gcpcalc.sample import synthetic_assessment

    doc = synthetic_assessment(400, 400)
    if kind == "json":
        raw = json.dumps(doc).encode()
        packed = read_columns(raw)
        slow, messages = load_json(raw, "x.json", fast=False)
    else:
        assessment = validate_assessment(doc)[0]
        data = assessment_to_template_bytes(assessment, "ja")
        packed = parse_workbook_transport(data, "x.xlsx", DEFAULT_LIMITS)
        slow, messages = parse_workbook_bytes(data, "x.xlsx", fast=False)
    assert packed is not None and packed[1] is not None and slow is not None
    coded = [(tid, fid, col) for tid, (fids, cols, n) in packed[1].items() if fids
             for fid, col in zip(fids, cols) if isinstance(col, Coded)]
    assert {(tid, fid) for tid, fid, _ in coded} >= {("inflows", "mass_unit"), ("outflows", "destination")}
    assert all(col.codes.dtype == np.uint8 for _, _, col in coded)
    for tid, (fids, cols, n) in packed[1].items():
        rows = table_rows(fids, cols, n) if fids != () else []
        assert rows == getattr(slow, tid), tid
    assert len(slow.inflows) == 400 and len(slow.outflows) == 400
