"""The straight-from-bytes path of a valid JSON document gives exactly the figures and messages of the
ordinary path (json, then pydantic row by row): it exists for speed only."""
from __future__ import annotations

import copy
import json

import pytest

from gcpcalc import fields as F
from gcpcalc.io import load_bytes
from gcpcalc.models import validate_assessment, validate_assessment_json
from gcpcalc.sample import sample_assessment, synthetic_assessment


def _slow(data) -> tuple:
    assessment, messages = validate_assessment(data)
    return (assessment.to_json_dict() if assessment is not None else None), messages


def _fast(raw: bytes) -> tuple | None:
    got = validate_assessment_json(raw, min_bytes=0)
    if got is None:
        return None
    assessment, messages = got
    return (assessment.to_json_dict() if assessment is not None else None), messages


def _doc_with_quirks() -> dict:
    data = synthetic_assessment(1200, 1200, n_products=6, seed=3)
    data["inflows"][0]["renewable_pct"] = None  # explicit null in a field with a default (0)
    data["inflows"][1].pop("data_quality", None)  # absent field with a default ("estimated")
    data["inflows"][2]["mass"] = 5  # an integer in a number field
    data["inflows"][3]["business_unit"] = "  Plant-A  "  # blanks around text
    data["outflows"][0]["cycle"] = None
    data["outflows"][1]["hazardous"] = None
    data["procurement"] = [{"product_id": "P-1", "rule_id": data.get("procurement", [{}])[0].get("rule_id", "x"),
                            "basis_mass": 10.0, "recycled_postconsumer_mass": None}] if data.get("procurement") else []
    return data


@pytest.mark.parametrize("make", [sample_assessment, _doc_with_quirks,
                                  lambda: synthetic_assessment(2000, 2000, n_products=10, seed=1)])
def test_valid_documents_read_from_bytes_equal_the_pydantic_path(make):
    data = make()
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    fast = _fast(raw)
    assert fast is not None  # the fast path served it
    assert fast == _slow(json.loads(raw))
    # with a byte order mark, as Excel and Notepad write UTF-8
    assert _fast(b"\xef\xbb\xbf" + raw) == fast


def test_defaults_fill_absent_and_null_fields():
    data = _doc_with_quirks()
    raw = json.dumps(data).encode()
    assessment, _ = validate_assessment_json(raw, min_bytes=0)
    assert assessment.inflows[0]["renewable_pct"] == 0.0
    assert assessment.inflows[1]["data_quality"] == "estimated"
    assert assessment.inflows[3]["business_unit"] == "Plant-A"
    assert assessment.outflows[0]["cycle"] == "technical"
    assert assessment.outflows[1]["hazardous"] is False
    assert type(assessment.inflows[2]["mass"]) is float
    for tid in F.LIST_TABLES:
        for row in assessment.table(tid):
            assert list(row) == list(F.TABLES[tid].field_ids)


def _bad_documents():
    base = synthetic_assessment(300, 300, n_products=4, seed=2)
    out = []
    d = copy.deepcopy(base); d["inflows"][5]["mass"] = "1,234.5"; out.append(d)  # lenient spelling
    d = copy.deepcopy(base); d["inflows"][7]["recycled_preconsumer_pct"] = 101; out.append(d)
    d = copy.deepcopy(base); d["outflows"][3]["flow_type"] = "wast"; out.append(d)
    d = copy.deepcopy(base); d["inflows"][9]["colour"] = "red"; out.append(d)  # unknown field
    d = copy.deepcopy(base); d["extra_table"] = []; out.append(d)  # unknown table: a warning
    d = copy.deepcopy(base); d["inflows"] = None; out.append(d)
    d = copy.deepcopy(base); del d["organisation"]; out.append(d)
    d = copy.deepcopy(base); d["organisation"]["period_start"] = "2025/04/01"; out.append(d)
    return out


@pytest.mark.parametrize("data", _bad_documents())
def test_documents_needing_the_lenient_reader_or_messages_leave_the_fast_path(data):
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert _fast(raw) is None
    loaded = load_bytes(raw, "x.json")  # the ordinary path of the loader gives them
    expected = validate_assessment(json.loads(raw))
    assert loaded.messages == expected[1]
    assert (loaded.assessment is None) == (expected[0] is None)


def test_rules_and_duplicates_on_valid_rows_give_the_same_messages_in_a_large_document():
    """Rules across fields and unique ids broken in a large document whose fields are all valid: the
    fast path checks them as the ordinary path does."""
    data = synthetic_assessment(3000, 3000, n_products=4, seed=5)
    for i in (0, 17, 1500, 2999):
        data["inflows"][i].update(recycled_preconsumer_pct=60.0, recycled_postconsumer_pct=30.0, reused_pct=10.0,
                                  renewable_pct=0.1)
    data["inflows"][20].update(recycled_preconsumer_pct=33.3333333, recycled_postconsumer_pct=66.6666667,
                               reused_pct=0.0, renewable_pct=0.0)  # 100 % within the tolerance: no message
    waste = [i for i, r in enumerate(data["outflows"]) if r["flow_type"] == "waste"][:3]
    other = [i for i, r in enumerate(data["outflows"]) if r["flow_type"] != "waste"][:3]
    for i in waste:
        data["outflows"][i]["destination"] = None
    data["outflows"][other[0]]["recovery_potential_pct"] = None
    data["outflows"][other[1]]["actual_recovery_pct"] = None
    data["inflows"][2500]["line_id"] = data["inflows"][10]["line_id"]
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    fast = _fast(raw)
    assert fast is not None and fast[0] is None
    slow = _slow(json.loads(raw))
    assert fast == slow
    codes = [(m.code, m.table, m.row) for m in fast[1]]
    assert [c for c in codes if c[0] == "shares_over_100"] == [("shares_over_100", "inflows", i + 1)
                                                               for i in (0, 17, 1500, 2999)]
    assert sum(c[0] == "destination_required" for c in codes) == 3
    assert sum(c[0] == "recovery_required" for c in codes) == 2
    assert ("duplicate_id", "inflows", 2501) in codes
