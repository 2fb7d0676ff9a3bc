"""The outflows of a large JSON document read in a forked process of its own (gcpcalc.intake.fastjson
._fork_table) while the inflows are read: the same columns and messages as reading the tables one after the
other, the same "not sure" when the outflows need the ordinary path, and no process left behind.

The threshold is lowered to 0 bytes here so that small documents go through the fork."""
from __future__ import annotations

import json
import os

import pytest

from gcpcalc.columns import python_values
from gcpcalc.intake import fastjson
from gcpcalc.models import validate_assessment
from gcpcalc.sample import sample_assessment, synthetic_assessment

SERIAL = 1 << 62


def _read(raw: bytes, threshold: int):
    old = fastjson.FORK_MIN_BYTES
    fastjson.FORK_MIN_BYTES = threshold
    try:
        return fastjson.read_columns(raw)
    finally:
        fastjson.FORK_MIN_BYTES = old


def _plain(packed):
    if packed is None:
        return None
    org, tables, messages = packed
    out = {}
    for tid, (fids, cols, n) in tables.items():
        out[tid] = (tuple(fids), [[None if v != v else v for v in python_values(c)] for c in cols], n)
    return org, out, [m.to_dict() for m in messages]


def _children() -> list[str]:
    pid = os.getpid()
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return fh.read().split()


def _raw(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def forks(monkeypatch):
    """The number of processes forked by the fast path."""
    count = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            count.append(pid)
        return pid

    monkeypatch.setattr(fastjson.os, "fork", fork)
    return count


pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="Linux process tree")


def test_a_document_read_with_its_outflows_forked_equals_the_serial_read_and_the_pydantic_path(forks):
    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # listed, without its content: a warning
    data["outflows"][7]["critical_raw_material"] = "cobalt"
    raw = _raw(data)
    before = _children()
    forked = _plain(_read(raw, 0))
    assert len(forks) == 1  # the outflows went to a process of their own
    assert _children() == before  # and it was reaped
    assert forked == _plain(_read(raw, SERIAL))
    assert len(forks) == 1  # the serial read forked nothing
    org, tables, messages = forked
    assert tables["outflows"][2] == 3000 and tables["inflows"][2] == 3000
    assert [(m["code"], m["table"], m["row"]) for m in messages] == [("critical_content_default", "inflows", 6)]
    assessment, expected = validate_assessment(json.loads(raw))
    assert [m.to_dict() for m in expected] == messages
    fids, cols, _ = tables["outflows"]
    for fid in ("mass", "line_id", "flow_type", "destination", "critical_raw_material", "hazardous"):
        assert [r[fid] for r in assessment.outflows] == cols[fids.index(fid)], fid
    assert cols[fids.index("critical_raw_material")][7] == "cobalt"


def test_the_sample_is_read_the_same_either_way():
    raw = _raw(sample_assessment())
    assert _plain(_read(raw, 0)) == _plain(_read(raw, SERIAL)) is not None


def test_outflows_needing_the_ordinary_path_make_the_whole_read_not_sure_and_nothing_is_left(forks):
    data = synthetic_assessment(500, 500, n_products=4, seed=2)
    data["outflows"][40]["line_id"] = data["outflows"][3]["line_id"]  # a repeated id: the ordinary path says it
    raw = _raw(data)
    before = _children()
    assert _read(raw, 0) is None
    assert _read(raw, SERIAL) is None
    assert len(forks) == 1 and _children() == before


def test_inflows_needing_the_ordinary_path_end_the_forked_reader(forks):
    data = synthetic_assessment(500, 500, n_products=4, seed=2)
    data["inflows"][9]["recycled_preconsumer_pct"] = 80.0
    data["inflows"][9]["recycled_postconsumer_pct"] = 80.0  # over 100 %: an error message
    raw = _raw(data)
    before = _children()
    assert _read(raw, 0) is None
    assert len(forks) == 1 and _children() == before  # killed and reaped before its result was wanted


def test_a_forked_reader_that_dies_leaves_the_table_to_this_process(forks, monkeypatch):
    """Killed at its limit, say: the outflows are read again here, with the same result."""
    me = os.getpid()
    real = fastjson._one_table

    def dying(doc, tid):
        if os.getpid() != me:
            os._exit(9)
        return real(doc, tid)

    monkeypatch.setattr(fastjson, "_one_table", dying)
    raw = _raw(synthetic_assessment(800, 800, n_products=4, seed=4))
    got = _plain(_read(raw, 0))
    assert len(forks) == 1
    assert got is not None and got == _plain(_read(raw, SERIAL))


def test_no_fork_below_the_threshold_or_beside_other_threads(forks):
    import threading

    raw = _raw(synthetic_assessment(200, 200, n_products=4, seed=1))
    assert len(raw) < fastjson.FORK_MIN_BYTES
    assert fastjson.read_columns(raw) is not None
    assert forks == []
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _read(raw, 0) is not None
    finally:
        stop.set()
        other.join()
    assert forks == []  # a fork of a threaded process can deadlock: read here instead
