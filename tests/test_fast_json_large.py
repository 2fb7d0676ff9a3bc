"""The large tables of a JSON document on the fast path (gcpcalc.intake.fastjson):

* the larger of the inflows and the outflows read in a forked process of its own (``_fork_table``) while the
  organisation and the other tables are read: the same columns and messages as reading the tables one after
  the other, the same "not sure" when either table or the organisation needs the ordinary path, and no
  process left behind; a valid document is read without importing the models (pydantic);
* a table decoded a block of rows at a time into compact columns (``_BlockColumns``): the same columns,
  messages and "not sure" as the whole table at once.

The thresholds are lowered here so that small documents go through both."""
from __future__ import annotations

import json
import os

import pytest

from gcpcalc.intake import fastjson, isolate
from gcpcalc.models import validate_assessment
from gcpcalc.sample import sample_assessment, synthetic_assessment
from transport_support import SPOILS, plain, spoilt_document

SERIAL = 1 << 62


def _read(raw: bytes, threshold: int):
    old = fastjson.FORK_MIN_BYTES
    fastjson.FORK_MIN_BYTES = threshold
    try:
        return fastjson.read_columns(raw)
    finally:
        fastjson.FORK_MIN_BYTES = old


def _children() -> list[str]:
    pid = os.getpid()
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return fh.read().split()


def _raw(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def forks(monkeypatch):
    """The processes forked by the fast path; ``forks.tables``: the table each was forked for (before the
    document was decoded, ``_fork_early``, or after, ``_fork_table``)."""
    count = _Forks()
    real = os.fork
    real_fork_table = fastjson._fork_table
    real_fork_early = fastjson._fork_early

    def fork_table(doc, tid, forward=False):
        got = real_fork_table(doc, tid, forward)
        if got is not None:
            count.tables.append(tid)
        return got

    def fork_early(data, types, forward=False):
        got = real_fork_early(data, types, forward)
        if got is not None:
            count.tables.append(got[0])
        return got

    def fork():
        pid = real()
        if pid:
            count.append(pid)
        return pid

    monkeypatch.setattr(isolate.os, "fork", fork)
    monkeypatch.setattr(fastjson, "_fork_table", fork_table)
    monkeypatch.setattr(fastjson, "_fork_early", fork_early)
    return count


class _Forks(list):
    def __init__(self):
        super().__init__()
        self.tables: list[str] = []


pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="Linux process tree")


@pytest.mark.parametrize("early", [True, False])
@pytest.mark.parametrize("larger", ["inflows", "outflows"])
def test_a_document_read_with_its_larger_table_forked_equals_the_serial_read_and_the_pydantic_path(
        forks, larger, early, monkeypatch):
    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # listed, without its content: a warning
    data["outflows"][7]["critical_raw_material"] = "cobalt"
    if larger == "outflows":  # the inflows are the larger table as generated
        for r in data["outflows"]:
            r["description"] = "x" * 100
    raw = _raw(data)
    if not early:
        monkeypatch.setattr(fastjson, "_fork_early", lambda data, types, forward=False: None)
    before = _children()
    forked = plain(_read(raw, 0))
    # before the document is decoded, the first large table (the inflows) goes to a process of its own, and
    # stays there when it is not less than half the other; otherwise the larger table, once decoded
    assert forks.tables == (["inflows"] if early else [larger]) and len(forks) == 1
    assert _children() == before  # and it was reaped
    assert forked == plain(_read(raw, SERIAL))
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


def test_a_table_read_early_but_much_smaller_than_the_other_is_left_for_the_larger(forks):
    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    for r in data["outflows"]:
        r["description"] = "x" * 600  # the outflows now more than twice the inflows
    raw = _raw(data)
    before = _children()
    got = plain(_read(raw, 0))
    assert forks.tables == ["inflows", "outflows"] and len(forks) == 2  # the early reader ended, the larger forked
    assert _children() == before
    assert got is not None and got == plain(_read(raw, SERIAL))


def test_a_table_read_early_where_the_document_does_not_hold_it_is_read_again_here(forks, monkeypatch):
    """A text ending in "}]" looks like the end of the table to the early reader: its span is not the table's,
    so its result is dropped and the table is read in this process, with the result of a serial read."""
    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    data["inflows"][10]["description"] = "crate {size: 3}]"
    raw = _raw(data)
    me = os.getpid()
    here: list[str] = []
    real = fastjson._one_table

    def spy(doc, tid):
        if os.getpid() == me:
            here.append(tid)
        return real(doc, tid)

    monkeypatch.setattr(fastjson, "_one_table", spy)
    before = _children()
    got = plain(_read(raw, 0))
    assert forks.tables == ["inflows"] and _children() == before
    assert "inflows" in here  # read here after all
    assert got is not None and got == plain(_read(raw, SERIAL))
    fids, cols, _ = got[1]["inflows"]
    assert cols[fids.index("description")][10] == "crate {size: 3}]"


@pytest.mark.parametrize("early", [True, False])
def test_a_forked_table_is_forwarded_pickled_and_arrives_whole(forks, early, monkeypatch):
    """In the reading child (``forward``), the forked process's pickle of its table is sent on as it is: the
    result, pickled to the parent and unpickled there, is the one read without forwarding."""
    import pickle

    from gcpcalc.intake.transport import Pickled

    if not early:
        monkeypatch.setattr(fastjson, "_fork_early", lambda data, types, forward=False: None)
    raw = _raw(synthetic_assessment(3000, 2000, n_products=10, seed=12))
    monkeypatch.setattr(fastjson, "FORK_MIN_BYTES", 0)
    sent = fastjson.read_columns(raw, forward=True)
    assert isinstance(sent[1]["inflows"], Pickled) and not isinstance(sent[1]["outflows"], Pickled)
    assert forks.tables == ["inflows"]
    arrived = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert arrived[1]["inflows"][2] == 3000
    assert plain(arrived) == plain(_read(raw, SERIAL))


def test_the_sample_is_read_the_same_either_way():
    raw = _raw(sample_assessment())
    assert plain(_read(raw, 0)) == plain(_read(raw, SERIAL)) is not None


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


def test_an_organisation_needing_the_ordinary_path_ends_the_forked_reader(forks):
    """The larger table is forked before the organisation is checked: a doubt there ends the forked reader."""
    data = synthetic_assessment(500, 500, n_products=4, seed=2)
    data["organisation"]["name"] = " Example KK"  # blanks around a text: the ordinary path strips them
    raw = _raw(data)
    before = _children()
    assert _read(raw, 0) is None
    assert forks.tables == ["inflows"] and _children() == before


def test_a_valid_document_is_read_without_importing_the_models(tmp_path):
    """The reading child's worker on a valid document, small tables and warnings included, never imports the
    models (pydantic: about a tenth of a 100k-line read): the rows are checked by gcpcalc.rules. The models come
    in only when the document has to be read the ordinary way."""
    import subprocess
    import sys

    data = synthetic_assessment(300, 300, n_products=4, seed=5)
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # listed, without its content: a warning
    valid, doubtful = tmp_path / "valid.json", tmp_path / "doubtful.json"
    valid.write_bytes(_raw(data))
    data["inflows"][7]["line_id"] = data["inflows"][6]["line_id"]  # a repeated id: the ordinary path says it
    doubtful.write_bytes(_raw(data))
    code = ("import sys\n"
            "from gcpcalc.excel.security import DEFAULT_LIMITS\n"
            "from gcpcalc.intake.jsonin import parse_json_transport\n"
            "org, tables, messages = parse_json_transport(open(sys.argv[1], 'rb').read(), 'x.json', DEFAULT_LIMITS)\n"
            "print(tables['inflows'][2] if tables else None, tables['products'][2] if tables else None,\n"
            "      ','.join(m.code for m in messages), 'pydantic' in sys.modules, 'gcpcalc.models' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(valid)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["300", "4", "critical_content_default", "False", "False"]
    out = subprocess.run([sys.executable, "-c", code, str(doubtful)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["None", "None", "critical_content_default,duplicate_id", "True", "True"]


def test_a_forked_reader_that_dies_leaves_the_table_to_this_process(forks, monkeypatch):
    """Killed at its limit, say: the forked table is read again here, with the same result."""
    me = os.getpid()
    real = fastjson._one_table

    def dying(doc, tid):
        if os.getpid() != me:
            os._exit(9)
        return real(doc, tid)

    monkeypatch.setattr(fastjson, "_one_table", dying)
    raw = _raw(synthetic_assessment(800, 800, n_products=4, seed=4))
    got = plain(_read(raw, 0))
    assert len(forks) == 1
    assert got is not None and got == plain(_read(raw, SERIAL))


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


# ---- a table a block of rows at a time ------------------------------------------------------------------


def _read_blocks(raw: bytes, rows: int | None):
    """read_columns with the tables a block of ``rows`` rows at a time (``None``: whole tables), not forked."""
    saved = fastjson.BLOCK_MIN_BYTES, fastjson.BLOCK_ROWS, fastjson.FORK_MIN_BYTES
    fastjson.BLOCK_MIN_BYTES = 0 if rows else SERIAL
    fastjson.BLOCK_ROWS = rows or fastjson.BLOCK_ROWS
    fastjson.FORK_MIN_BYTES = SERIAL
    try:
        return fastjson.read_columns(raw)
    finally:
        fastjson.BLOCK_MIN_BYTES, fastjson.BLOCK_ROWS, fastjson.FORK_MIN_BYTES = saved


def _quirky() -> dict:
    data = synthetic_assessment(900, 900, n_products=4, seed=8)
    data["inflows"][0]["renewable_pct"] = None  # a null where the dictionary has a default
    data["inflows"][1].pop("data_quality", None)  # absent, with a default
    data["inflows"][2]["is_packaging"] = None
    data["inflows"][700]["data_quality"] = None  # a null in a later block too
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # a warning
    data["outflows"][3]["cycle"] = None
    data["outflows"][4]["hazardous"] = None
    data["outflows"][800]["hazardous"] = True
    for r in data["outflows"]:
        r["radioactive"] = False  # a yes/no field with one value only
    return data


@pytest.mark.parametrize("rows", [1, 7, 64, 899, 900, 5000])
def test_a_table_read_a_block_of_rows_at_a_time_equals_the_whole_table(rows):
    raw = _raw(_quirky())
    whole = plain(_read_blocks(raw, None))
    assert whole is not None
    assert plain(_read_blocks(raw, rows)) == whole
    org, tables, messages = whole
    assert [(m["code"], m["row"]) for m in messages] == [("critical_content_default", 6)]
    fids, cols, _ = tables["inflows"]
    assert cols[fids.index("renewable_pct")][0] == 0.0 and cols[fids.index("data_quality")][700] == "estimated"
    fids, cols, _ = tables["outflows"]
    assert cols[fids.index("hazardous")][4] is False and cols[fids.index("hazardous")][800] is True
    assert cols[fids.index("cycle")][3] == "technical"


def test_the_block_columns_are_compact_and_complete_to_the_same_types():
    """Codes for the fields of few values, a float array per number field, the ids as a list."""
    from gcpcalc import fields as F
    from gcpcalc.columns import Coded

    raw = _raw(_quirky())
    org, tables, _ = _read_blocks(raw, 100)
    org2, tables2, _ = _read_blocks(raw, None)
    for tid in ("inflows", "outflows"):
        fids, cols, n = tables[tid]
        fids2, cols2, _ = tables2[tid]
        for fid, a, b in zip(fids, cols, cols2):
            assert type(a) is type(b), (tid, fid)  # Coded, array or list, as the whole table gives
        assert isinstance(cols[fids.index("mass_unit")], Coded)
        assert isinstance(cols[fids.index("line_id")], list) and len(cols[fids.index("line_id")]) == n == 900
        assert cols[fids.index("mass")].dtype == "float64"
        assert F.TABLES[tid].field("line_id").unique


@pytest.mark.parametrize("spoil", SPOILS)
def test_a_table_read_in_blocks_is_not_sure_where_the_whole_table_is_not(spoil):
    data = spoilt_document(spoil)
    raw = _raw(data)
    assert _read_blocks(raw, None) is None
    assert _read_blocks(raw, 64) is None


_ORPHAN_SCRIPT = r"""
import json, os, sys, time
from gcpcalc.intake import fastjson
from gcpcalc.sample import synthetic_assessment

fastjson.FORK_MIN_BYTES = 0
me = os.getpid()
real = fastjson._one_table

def slow(doc, tid):
    if os.getpid() != me:  # the forked reader: say who it is, then take long
        with open(sys.argv[1], "w") as fh:
            fh.write(str(os.getpid()))
        time.sleep(60)
    return real(doc, tid)

fastjson._one_table = slow
fastjson.read_columns(json.dumps(synthetic_assessment(50, 50, n_products=2)).encode())
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # ended (a zombie waits for init)
    except FileNotFoundError:
        return True


def test_the_forked_reader_ends_when_the_process_that_forked_it_is_killed(tmp_path):
    """The reading child killed at its wall-time limit takes its forked reader with it (PR_SET_PDEATHSIG)."""
    import subprocess
    import sys
    import time

    pid_file = tmp_path / "forked.pid"
    reader = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT, str(pid_file)])
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            assert reader.poll() is None, "the reading script ended before forking its reader"
            time.sleep(0.05)
        forked = int(pid_file.read_text())
        assert not _gone(forked)  # still reading
    finally:
        reader.kill()
        reader.wait()
    deadline = time.monotonic() + 10
    while not _gone(forked) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(forked)


# ---- the document decoded around its two large tables (``_around``) ------------------------------------------


def _whole_and_around(raw: bytes, first: str = "inflows"):
    import msgspec

    doc_type, types = fastjson.document_type()
    whole = fastjson._Tables(msgspec.json.decode(raw, type=doc_type), types, raw)
    found = fastjson._TABLE_KEY.search(raw)  # where the early reader takes the first table to lie
    assert found.group(1).decode() == first
    return whole, fastjson._around(raw, doc_type, types, first, (found.end(), fastjson._table_end(raw, found.end())))


@pytest.mark.parametrize("order", ["inflows first", "outflows first", "spaced"])
def test_a_document_decoded_around_its_large_tables_has_the_tables_of_the_whole_decode(order):
    """Each table's text and place in the document as the whole decode gives them, the organisation too; both
    orders of the two tables, and a document written with line breaks and indentation."""
    data = synthetic_assessment(400, 300, n_products=6, seed=4)
    if order == "outflows first":
        data = {"organisation": data["organisation"], "outflows": data["outflows"], "water": data["water"],
                **{k: v for k, v in data.items() if k not in ("organisation", "outflows", "water")}}
    raw = json.dumps(data, ensure_ascii=False, indent=2 if order == "spaced" else None).encode()
    whole, around = _whole_and_around(raw, "outflows" if order == "outflows first" else "inflows")
    assert around is not None
    assert around.organisation == whole.organisation
    present = [t for t in data if t != "organisation"]
    assert {"inflows", "outflows", "products", "water"} <= set(present)
    for tid in present:
        assert around.span(tid) == whole.span(tid), tid
        assert bytes(around.raw(tid)) == bytes(whole.raw(tid)), tid
        start, end = around.span(tid)
        assert raw[start:end] == bytes(whole.raw(tid))
    # the cut document is small: the large tables' rows are not in it
    assert len(around._data) < len(raw) - len(bytes(whole.raw("inflows"))) - len(bytes(whole.raw("outflows"))) + 10


@pytest.mark.parametrize("where", ["inflows", "outflows"])
def test_a_text_ending_like_a_table_makes_the_document_be_decoded_whole(where, forks):
    """A text holding "}]" looks like the end of its table: the document cut there does not decode, so it is
    decoded whole; the read equals the serial one and keeps the text."""
    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    data[where][10]["description"] = "crate {size: 3}]"
    raw = _raw(data)
    assert _whole_and_around(raw)[1] is None
    got = plain(_read(raw, 0))
    assert got is not None and got == plain(_read(raw, SERIAL))
    fids, cols, _ = got[1][where]
    assert cols[fids.index("description")][10] == "crate {size: 3}]"


def test_a_table_written_twice_is_read_as_the_whole_decode_reads_it(forks):
    """A second "outflows" key after the first: the cut document's outflows are not the cut-out ones, so the
    document is decoded whole, and the read is that of the serial path."""
    data = synthetic_assessment(600, 500, n_products=4, seed=5)
    raw = _raw(data)
    second = json.dumps(data["outflows"][:7]).encode()
    raw = raw[:-1] + b', "outflows": ' + second + b"}"
    assert _whole_and_around(raw)[1] is None
    got = plain(_read(raw, 0))
    assert got == plain(_read(raw, SERIAL))
    assert got is None or got[1]["outflows"][2] == 7


@pytest.mark.parametrize("spoil", ["a row that is not an object", "a broken end", "a mass as text"])
def test_a_document_decoded_around_its_tables_is_not_sure_where_the_whole_decode_is_not(spoil, forks):
    data = synthetic_assessment(600, 500, n_products=4, seed=6)
    raw = _raw(data)
    if spoil == "a row that is not an object":  # the outflows' text is a JSON array with a number in it
        at = raw.index(b'"outflows": [') + len(b'"outflows": [')
        raw = raw[:at] + b"7, " + raw[at:]
    elif spoil == "a broken end":
        raw = raw[:-1]
    else:
        data["inflows"][300]["mass"] = "12"
        raw = _raw(data)
    assert _read(raw, 0) is None and _read(raw, SERIAL) is None


def test_the_reading_child_does_not_decode_the_large_tables_twice(monkeypatch, forks):
    """Of the JSON text this process decodes, the large tables' rows are decoded once (by the table readers): the
    document itself is decoded around them."""
    import msgspec

    data = synthetic_assessment(3000, 3000, n_products=10, seed=11)
    raw = _raw(data)
    me = os.getpid()
    decoded: list[int] = []
    real = msgspec.json.decode

    def spy(buf, *a, **k):
        if os.getpid() == me:
            decoded.append(len(buf))
        return real(buf, *a, **k)

    monkeypatch.setattr(msgspec.json, "decode", spy)
    got = plain(_read(raw, 0))
    assert got is not None and forks.tables == ["inflows"]
    in_len = len(json.dumps(data["inflows"], ensure_ascii=False).encode())
    out_len = len(json.dumps(data["outflows"], ensure_ascii=False).encode())
    # here: the cut document (the rest of the file) and the outflows, piece by piece; never the whole file
    assert max(decoded) < len(raw) - in_len
    assert sum(decoded) < len(raw) - in_len + out_len
    monkeypatch.setattr(msgspec.json, "decode", real)
    assert got == plain(_read(raw, SERIAL))
