"""The large tables of a JSON document decoded a piece of JSON text at a time (gcpcalc.intake.fastjson:
``_pieces``, ``_in_pieces``, ``_PieceColumns``): the same columns, messages and "not sure" as the table read
whole, whatever the size of the pieces; a piece cut inside a text makes the table be read whole."""
from __future__ import annotations

import json
import random

import msgspec
import pytest

from gcpcalc.columns import Coded, python_values
from gcpcalc.intake import fastjson
from gcpcalc.sample import synthetic_assessment
from transport_support import SPOILS, plain, spoilt_document

SERIAL = 1 << 62


def _raw(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _data() -> dict:
    data = synthetic_assessment(700, 600, n_products=4, seed=21)
    data["inflows"][0]["renewable_pct"] = None  # a null where the dictionary has a default
    data["inflows"][1].pop("data_quality", None)  # absent, with a default
    data["inflows"][2]["is_packaging"] = None
    data["inflows"][650]["data_quality"] = None
    data["inflows"][5]["critical_raw_material"] = "cobalt"  # a warning
    data["inflows"][6]["description"] = "鋼材（冷間圧延）"
    data["outflows"][3]["cycle"] = None
    data["outflows"][4]["hazardous"] = None
    data["outflows"][500]["hazardous"] = True
    return data


@pytest.fixture
def spied(monkeypatch):
    """The tables ``_in_pieces`` read (``True``) or gave up on (``False``), by table id, in order."""
    seen: list[tuple[str, bool]] = []
    real = fastjson._in_pieces

    def spy(doc, table):
        got = real(doc, table)
        seen.append((table.id, got is not None))
        return got

    monkeypatch.setattr(fastjson, "_in_pieces", spy)
    monkeypatch.setattr(fastjson, "FORK_MIN_BYTES", SERIAL)
    return seen


def _whole(raw: bytes, monkeypatch):
    """The document read with every table decoded whole (the path before the pieces)."""
    with monkeypatch.context() as m:
        m.setattr(fastjson, "_in_pieces", lambda doc, table: None)
        m.setattr(fastjson, "FORK_MIN_BYTES", SERIAL)
        return fastjson.read_columns(raw)


@pytest.mark.parametrize("size", [1, 90, 700, 4096, 1 << 16])
@pytest.mark.parametrize("compact", [False, True])
def test_pieces_of_any_size_give_the_table_read_whole(size, compact, spied, monkeypatch):
    raw = _raw(_data())
    whole = _whole(raw, monkeypatch)
    assert whole is not None
    monkeypatch.setattr(fastjson, "PIECE_BYTES", size)
    if compact:  # numbers and codes turned into arrays every 64 rows
        monkeypatch.setattr(fastjson, "BLOCK_MIN_BYTES", 0)
        monkeypatch.setattr(fastjson, "BLOCK_ROWS", 64)
    got = fastjson.read_columns(raw)
    assert spied == [("inflows", True), ("outflows", True)]
    assert plain(got) == plain(whole)
    org, tables, messages = got
    assert [(m.code, m.row) for m in messages] == [("critical_content_default", 6)]
    assert tables["inflows"][2] == 700 and _col(tables, "inflows", "line_id")[699] == "IN-0000700"
    assert _col(tables, "inflows", "renewable_pct")[0] == 0.0
    assert _col(tables, "inflows", "data_quality")[1] == "estimated"
    assert _col(tables, "inflows", "description")[6] == "鋼材（冷間圧延）"
    fids, cols, _ = tables["inflows"]
    assert isinstance(cols[fids.index("mass_unit")], Coded) and cols[fids.index("mass")].dtype == "float64"
    assert tables["outflows"][2] == 600
    assert _col(tables, "outflows", "hazardous")[4] is False and _col(tables, "outflows", "hazardous")[500] is True
    assert _col(tables, "outflows", "cycle")[3] == "technical"


def _col(tables: dict, tid: str, fid: str) -> list:
    fids, cols, _ = tables[tid]
    return python_values(cols[fids.index(fid)])


def test_pieces_are_whole_rows_whatever_the_blanks_between_them():
    raw = msgspec.Raw(b'[\n  {"a": 1},\n  {"b": "x"} ,{"c": 2}\r\n\t]')
    assert list(fastjson._pieces(raw, 1)) == [b'[{"a": 1}]', b'[{"b": "x"}]', b'[{"c": 2}]']
    assert list(fastjson._pieces(raw, 11)) == [b'[{"a": 1},\n  {"b": "x"}]', b'[{"c": 2}]']
    assert list(fastjson._pieces(raw, 1000)) == [b'[{"a": 1},\n  {"b": "x"} ,{"c": 2}]']
    assert list(fastjson._pieces(msgspec.Raw(b"[ ]"), 1)) == []
    assert list(fastjson._pieces(msgspec.Raw(b"[]"), 1)) == []
    # not an array of objects as far as its ends show: the table is read whole
    for text in (b'[1, {"a": 1}]', b'[{"a": 1}, 2]', b'{"a": 1}', b"null", b'"[{}]"'):
        assert fastjson._pieces(msgspec.Raw(text), 1) is None


def test_a_piece_cut_inside_a_text_makes_the_table_be_read_whole(spied, monkeypatch):
    data = _data()
    data["outflows"][300]["description"] = 'crates}, {"line_id": "X"'  # a gap between rows, inside a text
    data["outflows"][301]["description"] = "a},{b"
    raw = _raw(data)
    whole = _whole(raw, monkeypatch)
    monkeypatch.setattr(fastjson, "PIECE_BYTES", 1)
    got = fastjson.read_columns(raw)
    assert spied == [("inflows", True), ("outflows", False)]
    assert plain(got) == plain(whole)
    assert _col(got[1], "outflows", "description")[300:302] == ['crates}, {"line_id": "X"', "a},{b"]


def test_a_table_that_is_not_an_array_of_rows_is_not_sure(spied, monkeypatch):
    monkeypatch.setattr(fastjson, "PIECE_BYTES", 1)
    data = _data()
    raw = _raw(data).replace(b'"inflows": [', b'"inflows": [1, ', 1)
    assert fastjson.read_columns(raw) is None
    assert spied[0] == ("inflows", False)


@pytest.mark.parametrize("spoil", SPOILS)
def test_a_table_read_in_pieces_is_not_sure_where_the_whole_table_is_not(spoil, monkeypatch):
    data = spoilt_document(spoil)
    raw = _raw(data)
    assert _whole(raw, monkeypatch) is None
    monkeypatch.setattr(fastjson, "FORK_MIN_BYTES", SERIAL)
    for size in (1, 1000, 1 << 16):
        monkeypatch.setattr(fastjson, "PIECE_BYTES", size)
        assert fastjson.read_columns(raw) is None


def test_the_longest_text_is_found_on_the_joined_texts():
    from itertools import chain

    rnd = random.Random(5)
    alphabet = ["a", "Z", "0", "-", " ", "鋼", "材", "é", "\0", "\U0001F600", "\ud800"]
    for case in range(400):
        texts = [{"".join(rnd.choice(alphabet[: 3 + case % 9]) for _ in range(rnd.randrange(0, 60)))
                  for _ in range(rnd.randrange(0, 6))} for _ in range(rnd.randrange(1, 4))]
        joined = "\0" + "\0".join(chain.from_iterable(texts)) + "\0"
        expected = max((max(map(len, vals), default=0) for vals in texts), default=0)
        assert fastjson._longest(joined, texts) == expected, texts


def test_a_text_too_long_for_an_excel_cell_is_not_sure(monkeypatch):
    data = synthetic_assessment(50, 50, n_products=2, seed=3)
    data["inflows"][7]["description"] = "長" * 32_768
    raw = _raw(data)
    monkeypatch.setattr(fastjson, "FORK_MIN_BYTES", SERIAL)
    assert fastjson.read_columns(raw) is None
    data["inflows"][7]["description"] = "長" * 32_767
    assert fastjson.read_columns(_raw(data)) is not None


def test_compact_columns_hold_arrays_not_lists_of_the_rows_gathered(monkeypatch):
    """When compact, the numbers and codes gathered become arrays every BLOCK_ROWS rows: at most that many rows
    are held as Python lists at once."""
    from gcpcalc import fields as F

    monkeypatch.setattr(fastjson, "BLOCK_ROWS", 64)
    table = F.TABLES["outflows"]
    doc_type, types = fastjson.document_type()
    rows = msgspec.json.decode(json.dumps(_data()["outflows"][:200]).encode(), type=types["outflows"])
    gathered = fastjson._PieceColumns(table, compact=True)
    held = []
    for start in range(0, 200, 30):
        piece = rows[start:start + 30]
        gathered.add(zip(*map(msgspec.structs.astuple, piece)), len(piece))
        held.append(max(len(values) for values, _, _ in gathered._arrays))
    assert held == [30, 60, 0, 30, 60, 0, 20]  # arrays made after 90 and 180 rows
    raws = gathered.raws()
    fids = table.field_ids
    assert gathered.n == 200 and len(raws[fids.index("mass")]) == 200
    assert python_values(raws[fids.index("flow_type")]) == [r.flow_type for r in rows]
    assert raws[fids.index("mass")].tolist() == [r.mass for r in rows]
