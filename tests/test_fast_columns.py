"""The fast path of valid JSON input (msgspec decode into columns, column-wise checks, normalised tables
built from the columns) gives exactly the assessment, the messages, the tables and the figures of the
ordinary path (json, then pydantic row by row): it exists for speed only. Anything it is not sure of goes
the ordinary way."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from gcpcalc import fields as F
from gcpcalc.cli import main
from gcpcalc.commands.compute import _print_json
from gcpcalc.disclosure import disclosure_status
from gcpcalc.indicators import compute, compute_tables
from gcpcalc.intake.jsonin import load_json, read_fast
from gcpcalc.intake.transport import unpack
from gcpcalc.sample import sample_assessment, synthetic_assessment
from gcpcalc.tables import normalise, normalise_columns

ROOT = Path(__file__).resolve().parents[1]


def _raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _both(raw: bytes):
    fast = load_json(raw, "x.json")
    slow = load_json(raw, "x.json", fast=False)
    return fast, slow


def _assert_same_assessment(a, b) -> None:
    assert (a is None) == (b is None)
    if a is None:
        return
    assert a.to_json_dict() == b.to_json_dict()
    assert list(a.organisation) == list(b.organisation) and a.organisation == b.organisation
    for tid in F.LIST_TABLES:
        ra, rb = a.table(tid), b.table(tid)
        assert ra == rb
        for x, y in zip(ra, rb):
            assert list(x) == list(y)  # same key order
            assert [type(v) for v in x.values()] == [type(v) for v in y.values()]  # 5 -> 5.0 in both


def _assert_same_tables(t1, t2) -> None:
    assert t1.organisation == t2.organisation
    assert t1.disclosures == t2.disclosures
    for name in ("inflows", "products", "outflows", "water", "energy", "procurement", "segments"):
        pd.testing.assert_frame_equal(getattr(t1, name), getattr(t2, name), check_exact=True)


def _quirks() -> dict:
    data = synthetic_assessment(800, 800, n_products=6, seed=3)
    data["inflows"][0]["renewable_pct"] = None  # explicit null in a field with a default (0)
    data["inflows"][1].pop("data_quality", None)  # absent field with a default ("estimated")
    data["inflows"][2]["mass"] = 5  # an integer in a number field
    data["inflows"][3]["description"] = ""  # empty optional text
    data["outflows"][0]["cycle"] = None
    data["outflows"][1]["hazardous"] = None
    data["outflows"][2]["recovery_potential_pct"] = None
    data["outflows"][2]["flow_type"] = "waste"
    data["outflows"][2]["destination"] = "landfill"
    data["disclosures"] = [{"datapoint": "E5-4_01", "narrative": "Inflows as reported."},
                           {"datapoint": "E5-5_16", "not_material": True}]
    return data


def _critical_warnings() -> dict:
    data = synthetic_assessment(400, 400, n_products=4, seed=5)
    data["inflows"][10]["critical_raw_material"] = "Cobalt"
    data["inflows"][10].pop("critical_content_pct", None)  # named without a share: the whole line, a warning
    data["inflows"][11]["critical_raw_material"] = None
    data["inflows"][11]["critical_content_pct"] = 12.5  # a share without a material: a warning
    data["inflows"][12]["critical_raw_material"] = "none"  # a blank-like word with a share: a warning
    data["inflows"][12]["critical_content_pct"] = 3.0
    data["outflows"][4]["critical_raw_material"] = "Lithium"
    return data


def _large_plausible() -> dict:
    """A large mass in a small unit: past the plausibility check's quick test (largest value in the largest
    unit), plausible line by line in its own unit."""
    data = synthetic_assessment(300, 300, n_products=4, seed=6)
    data["inflows"][7].update(mass=5e9, mass_unit="kg")  # 5e6 t
    data["outflows"][9].update(mass=2e11, mass_unit="g")  # 2e5 t
    return data


VALID = {
    "large_plausible": _large_plausible,
    "sample": sample_assessment,
    "synthetic": lambda: synthetic_assessment(3000, 3000, n_products=20, seed=1),
    "quirks": _quirks,
    "critical_warnings": _critical_warnings,
    "inflows_only": lambda: {"organisation": sample_assessment()["organisation"],
                             "inflows": synthetic_assessment(50, 1, seed=4)["inflows"]},
}


@pytest.mark.parametrize("name", list(VALID))
def test_valid_documents_take_the_fast_path_with_the_same_result(name):
    raw = _raw(VALID[name]())
    packed = read_fast(raw)
    assert packed is not None  # served by the fast path
    (a1, m1), (a2, m2) = _both(raw)
    assert a1 is not None
    _assert_same_assessment(a1, a2)
    assert m1 == m2  # every warning, in the same order
    if name == "critical_warnings":
        assert {m.code for m in m1} == {"critical_content_default", "critical_content_without_material"}
    # the normalised tables from the columns equal those of the rows, and so do the figures
    t_fast = normalise_columns(packed)
    _assert_same_tables(t_fast, normalise(unpack(packed)[0]))
    _assert_same_tables(t_fast, normalise(a2))
    r1, r2 = compute_tables(t_fast), compute(a2)
    assert r1.to_json_dict() == r2.to_json_dict()
    # numpy columns, as gcpcalc compute reads them: the coded columns are looked at through their codes
    r3 = compute_tables(normalise_columns(packed, False))
    assert r3.to_json_dict() == r2.to_json_dict() and r3.to_json_dict("ja") == r2.to_json_dict("ja")
    assert [m.to_dict() for m in r3.messages] == [m.to_dict() for m in r2.messages]
    # with a byte order mark, as Excel and Notepad write UTF-8
    assert _same_packed(read_fast(b"\xef\xbb\xbf" + raw), packed)


def _same_packed(p1, p2) -> bool:
    a1, _ = unpack(p1)
    a2, _ = unpack(p2)
    return a1.to_json_dict() == a2.to_json_dict() and p1[2] == p2[2]


def _not_sure_documents():
    """Documents the fast path leaves to the ordinary path: errors, lenient spellings, warnings it does not
    produce itself, hostile numbers."""
    base = synthetic_assessment(300, 300, n_products=4, seed=2)
    out = {}

    def change(name, fn):
        d = copy.deepcopy(base)
        fn(d)
        out[name] = d

    change("lenient_number", lambda d: d["inflows"][5].__setitem__("mass", "1,234.5"))
    change("percent_range", lambda d: d["inflows"][7].__setitem__("recycled_preconsumer_pct", 101))
    change("enum_typo", lambda d: d["outflows"][3].__setitem__("flow_type", "wast"))
    change("unknown_field", lambda d: d["inflows"][9].__setitem__("colour", "red"))
    change("unknown_table", lambda d: d.__setitem__("extra_table", []))
    change("table_not_a_list", lambda d: d.__setitem__("inflows", None))
    change("no_organisation", lambda d: d.pop("organisation"))
    change("date_spelling", lambda d: d["organisation"].__setitem__("period_start", "2025/04/01"))
    change("period_order", lambda d: d["organisation"].__setitem__("period_end", "2024-01-01"))
    change("blanks_around_text", lambda d: d["inflows"][3].__setitem__("business_unit", "  Plant-A  "))
    change("blanks_in_organisation", lambda d: d["organisation"].__setitem__("name", " Co. "))
    change("blank_required_text", lambda d: d["inflows"][3].__setitem__("line_id", "   "))
    change("duplicate_id", lambda d: d["outflows"][8].__setitem__("line_id", d["outflows"][2]["line_id"]))
    change("shares_over_100", lambda d: d["inflows"][4].update(recycled_preconsumer_pct=60.0,
                                                               recycled_postconsumer_pct=50.0))
    change("waste_without_destination", lambda d: d["outflows"][6].update(flow_type="waste", destination=None))
    change("product_without_recovery", lambda d: d["outflows"][6].update(flow_type="product",
                                                                         recovery_potential_pct=None))
    change("critical_unknown", lambda d: d["inflows"][2].__setitem__("critical_raw_material", "Unobtainium"))
    change("implausible_mass", lambda d: d["inflows"][2].update(mass=5e12, mass_unit="t"))
    change("implausible_mass_in_kg", lambda d: d["outflows"][2].update(mass=2e15, mass_unit="kg"))
    change("text_too_long", lambda d: d["inflows"][2].__setitem__("description", "x" * 40_000))
    change("bool_spelling", lambda d: d["outflows"][2].__setitem__("hazardous", "yes"))
    change("text_as_number", lambda d: d["inflows"][2].__setitem__("business_unit", 1001))
    change("product_duplicate", lambda d: d["products"].append(dict(d["products"][0])))
    return out


NOT_SURE = _not_sure_documents()


@pytest.mark.parametrize("name", list(NOT_SURE))
def test_documents_with_errors_or_doubts_go_the_ordinary_way(name):
    raw = _raw(NOT_SURE[name])
    assert read_fast(raw) is None
    (a1, m1), (a2, m2) = _both(raw)
    _assert_same_assessment(a1, a2)
    assert m1 == m2


@pytest.mark.parametrize("text", [
    b'{"organisation": {"name": "A", "period_start": "2025-04-01", "period_end": "2026-03-31"}, '
    b'"inflows": [{"line_id": "a", "mass": 123456789012345678901234567890123456789}]}',  # a 39-digit integer
    b'{"organisation": {"name": "A", "period_start": "2025-04-01", "period_end": "2026-03-31"}, '
    b'"inflows": [{"line_id": "a", "mass": 1e400}]}',
    b'{"organisation": {"name": "A", "period_start": "2025-04-01", "period_end": "2026-03-31"}, '
    b'"inflows": [{"line_id": "\\ud800", "mass": 1}]}',  # a lone surrogate
    b'{"organisation": {"name": "A", "period_start": "2025-04-01", "period_end": "2026-03-31"}, "inflows": [',
])
def test_hostile_json_is_left_to_the_ordinary_reader(text):
    assert read_fast(text) is None
    a, messages = load_json(text, "h.json")
    assert a is None and messages


def test_compute_command_prints_the_figures_of_the_ordinary_path(tmp_path, capsys):
    from gcpcalc.models import validate_assessment

    data = _critical_warnings()
    path = tmp_path / "a.json"
    path.write_bytes(_raw(data))
    assert main(["compute", str(path), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    assessment, messages = validate_assessment(json.loads(path.read_bytes()))
    results = compute(assessment)
    doc = results.to_json_dict("en")
    doc["messages"] = [m.to_dict() for m in list(messages) + list(results.messages)]
    doc["disclosure_status"] = [s.to_dict("en") for s in disclosure_status(results, assessment.disclosures)]
    _print_json(doc)
    assert printed == capsys.readouterr().out


def test_command_line_reader_is_a_fork_with_the_same_refusals(tmp_path):
    """In a small one-thread process (the command line) the reader's child is a plain fork of it; it gives
    the same result and the same refusals as the forkserver's child."""
    good = tmp_path / "good.json"
    good.write_bytes(_raw(_quirks()))
    deep = tmp_path / "deep.json"
    deep.write_bytes(b'{"organisation": ' + b"[" * 200 + b"]" * 200 + b"}")
    code = (
        "import sys, json\n"
        "from gcpcalc.intake import isolate\n"
        "from gcpcalc.io import load_path\n"
        "isolate.fork_when_small(True)\n"
        "out = []\n"
        "for p in sys.argv[1:]:\n"
        "    loaded = load_path(p)\n"
        "    out.append([isolate.last_run.extra.get('start'), loaded.ok, [m.to_dict() for m in loaded.messages],\n"
        "                loaded.assessment.to_json_dict() if loaded.ok else None])\n"
        "print(json.dumps(out, default=str))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(good), str(deep)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    forked = json.loads(proc.stdout)
    assert [f[0] for f in forked] == ["fork", "fork"]
    from gcpcalc.io import load_path

    for (_, ok, msgs, doc), p in zip(forked, (good, deep)):
        loaded = load_path(p)
        assert ok == loaded.ok
        assert msgs == json.loads(json.dumps([m.to_dict() for m in loaded.messages], default=str))
        assert doc == (json.loads(json.dumps(loaded.assessment.to_json_dict(), default=str)) if ok else None)


def test_the_search_for_blanks_at_the_ends_of_texts_finds_what_the_regular_expression_finds():
    """ASCII text is searched blank by blank (fastjson._blank_at_an_end), other text by the expression itself:
    both answer alike on random strings of NULs, ASCII and other blanks and letters."""
    import random

    from gcpcalc.intake import fastjson

    rng = random.Random(7)
    alphabet = ["a", "b", "\0", " ", "\t", "\x1c", "\x1f", "\x0b", "\r", "\u3000", "\xa0", "\n", "\x85", "z", "あ"]
    found = 0
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        expected = fastjson._BLANK_AT_END.search(text) is not None
        assert fastjson._blank_at_an_end(text) == expected, repr(text)
        found += expected
    assert 5_000 < found < 45_000  # both answers were met often
    assert fastjson._blank_at_an_end("\0IN-1\0IN-2 \0") and not fastjson._blank_at_an_end("\0IN-1\0IN 2\0")
