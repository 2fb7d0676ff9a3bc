"""The column-wise check of a workbook's large tables (inflows, outflows) gives exactly the assessment and the
messages of the row-by-row validation (:func:`gcpcalc.models.validate_assessment`): it exists for speed only.
A workbook with anything to report, or with a value the column check is not sure of, goes the ordinary way."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.excel.reader import parse_workbook_bytes, parse_workbook_transport
from gcpcalc.excel.security import DEFAULT_LIMITS
from gcpcalc.excel.template import FIRST_DATA_ROW, assessment_to_template_bytes
from gcpcalc.indicators import compute, compute_tables
from gcpcalc.intake.transport import unpack
from gcpcalc.sample import synthetic_assessment
from gcpcalc.tables import normalise_columns

ROOT = Path(__file__).resolve().parents[1]


def _col(table_id: str, field_id: str) -> int:
    """The 1-based column of a field in a sheet of the template (columns in dictionary order)."""
    return F.TABLES[table_id].field_ids.index(field_id) + 1


def _edited(data: dict, lang: str, edits) -> bytes:
    """The template of ``data`` with cells set afterwards: ``edits`` is a list of (table id, data row index,
    field id, value, number format or None)."""
    wb = openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(data, lang)))
    sheets = {F.TABLES[tid].label_ja if lang == "ja" else F.TABLES[tid].label_en: tid for tid in F.TABLES}
    by_table = {tid: wb[name] for name, tid in sheets.items() if name in wb.sheetnames}
    for tid, i, fid, value, fmt in edits:
        cell = by_table[tid].cell(row=FIRST_DATA_ROW + i, column=_col(tid, fid))
        cell.value = value  # None empties the cell
        if fmt:
            cell.number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _both(raw: bytes):
    return parse_workbook_bytes(raw, "x.xlsx"), parse_workbook_bytes(raw, "x.xlsx", fast=False)


def _served_by_columns(raw: bytes) -> bool:
    """Whether the inflows came back column by column (float64 arrays), as only the column check sends them."""
    packed = parse_workbook_transport(raw, "x.xlsx", DEFAULT_LIMITS)
    if packed[0] is None:
        return False
    fids, cols, _ = packed[1]["inflows"]
    return isinstance(cols[list(fids).index("mass")], np.ndarray)


def _assert_same(fast, slow) -> None:
    (a1, m1), (a2, m2) = fast, slow
    assert m1 == m2  # every message, in the same order, with its cell
    assert (a1 is None) == (a2 is None)
    if a1 is None:
        return
    assert a1.to_json_dict() == a2.to_json_dict()
    assert a1.organisation == a2.organisation
    for tid in F.LIST_TABLES:
        r1, r2 = a1.table(tid), a2.table(tid)
        assert r1 == r2
        for x, y in zip(r1, r2):
            assert list(x) == list(y)
            assert [type(v) for v in x.values()] == [type(v) for v in y.values()]


def _synthetic(n: int = 1500, seed: int = 11) -> dict:
    return synthetic_assessment(n, n, n_products=5, seed=seed)


def _messy_but_valid() -> bytes:
    """Cells a person types: a percent-formatted share, full-width digits, thousands separators, a unit and
    a flow type as Japanese labels, an id typed as a number, a text with blanks around it, critical
    materials that give warnings."""
    data = _synthetic(600, seed=12)
    data["inflows"][3]["critical_raw_material"] = "Cobalt"
    data["inflows"][3].pop("critical_content_pct", None)  # named without a share: a warning
    data["inflows"][4]["critical_raw_material"] = None
    data["inflows"][4]["critical_content_pct"] = 12.5  # a share without a material: a warning
    data["outflows"][5]["critical_raw_material"] = "リチウム"
    return _edited(data, "ja", [
        ("inflows", 0, "recycled_preconsumer_pct", 0.05, "0%"),
        ("inflows", 0, "recycled_postconsumer_pct", 0, None),
        ("inflows", 0, "reused_pct", 0, None),
        ("inflows", 0, "renewable_pct", 0, None),
        ("inflows", 1, "mass", "１２３", None),
        ("inflows", 2, "mass", "1,234.5", None),
        ("inflows", 2, "mass_unit", "トン", None),
        ("inflows", 5, "line_id", 1001, None),
        ("inflows", 6, "business_unit", "  本社  ", None),
        ("inflows", 8, "business_unit", dt.datetime(2025, 4, 1), None),  # a date in a text field: its ISO text
        ("outflows", 7, "flow_type", "廃棄物", None),
        ("outflows", 7, "destination", "リサイクル", None),
        ("outflows", 7, "recovery_potential_pct", None, None),
        ("outflows", 7, "actual_recovery_pct", None, None),
    ])


def _columns_missing_and_moved() -> bytes:
    """Optional columns left out, and a column moved to the end of its sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(_synthetic(500, seed=15), "en")))
    inflows = wb["Inflows"]
    inflows.delete_cols(_col("inflows", "description"))
    inflows.delete_cols(_col("inflows", "renewable_pct") - 1)
    outflows = wb["Outflows"]
    c = _col("outflows", "destination")
    end = outflows.max_column + 1
    for r in range(1, outflows.max_row + 1):
        outflows.cell(row=r, column=end).value = outflows.cell(row=r, column=c).value
    outflows.delete_cols(c)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


VALID = {
    "sample_ja": lambda: (ROOT / "templates" / "sample_assessment_ja.xlsx").read_bytes(),
    "synthetic_ja": lambda: assessment_to_template_bytes(_synthetic(), "ja"),
    "synthetic_en": lambda: assessment_to_template_bytes(_synthetic(seed=13), "en"),
    "messy_but_valid": _messy_but_valid,
    "columns_missing_and_moved": _columns_missing_and_moved,
}


@pytest.mark.parametrize("name", list(VALID))
def test_valid_workbooks_are_checked_column_by_column_with_the_same_result(name):
    raw = VALID[name]()
    assert _served_by_columns(raw)
    fast, slow = _both(raw)
    assert fast[0] is not None
    _assert_same(fast, slow)
    if name == "messy_but_valid":
        a, messages = fast
        assert {m.code for m in messages} == {"critical_content_default", "critical_content_without_material"}
        assert [(m.code, m.location) for m in messages] == [
            ("critical_content_default", "インフロー!M5"), ("critical_content_without_material", "インフロー!M6")]
        assert a.inflows[0]["recycled_preconsumer_pct"] == 5.0  # 5 % typed in a percent-formatted cell
        assert a.inflows[1]["mass"] == 123.0 and a.inflows[2]["mass"] == 1234.5
        assert a.inflows[2]["mass_unit"] == "t"
        assert a.inflows[5]["line_id"] == "1001"
        assert a.inflows[6]["business_unit"] == "本社"
        assert a.inflows[8]["business_unit"] == "2025-04-01"  # a date cell in a text field: its ISO text
        assert (a.outflows[7]["flow_type"], a.outflows[7]["destination"]) == ("waste", "recycling")
        assert a.outflows[5]["critical_raw_material"] == "リチウム"
    if name == "columns_missing_and_moved":
        a = fast[0]
        assert {r["description"] for r in a.inflows} == {None} and {r["renewable_pct"] for r in a.inflows} == {0.0}
        assert {r["destination"] for r in a.outflows} > {"recycling"}
    # the tables and figures from the columns equal those of the rows
    packed = parse_workbook_transport(raw, "x.xlsx", DEFAULT_LIMITS)
    assert compute_tables(normalise_columns(packed)).to_json_dict() == compute(slow[0]).to_json_dict()


def _not_sure() -> dict:
    base = _synthetic(400, seed=14)

    def wb(*edits, data=None):
        return lambda: _edited(data or base, "ja", list(edits))

    other = _synthetic(400, seed=14)
    other["outflows"][8]["line_id"] = other["outflows"][2]["line_id"]
    over = _synthetic(400, seed=14)
    over["inflows"][4].update(recycled_preconsumer_pct=60.0, recycled_postconsumer_pct=50.0, reused_pct=0,
                              renewable_pct=0)
    return {
        "duplicate_id": wb(data=other),
        "shares_over_100": wb(data=over),
        "percent_over_100": wb(("inflows", 7, "recycled_preconsumer_pct", 101, None)),
        "negative_mass": wb(("inflows", 3, "mass", -5, None)),
        "enum_typo": wb(("outflows", 3, "flow_type", "廃棄", None)),
        "unit_typo": wb(("inflows", 3, "mass_unit", "tonnes?", None)),
        "decimal_comma": wb(("inflows", 2, "mass", "1,5", None)),
        "text_in_number": wb(("inflows", 2, "mass", "about 5", None)),
        "waste_without_destination": wb(("outflows", 6, "flow_type", "waste", None),
                                        ("outflows", 6, "destination", None, None)),
        "critical_unknown": wb(("inflows", 2, "critical_raw_material", "Unobtainium", None)),
        "implausible_mass": wb(("inflows", 2, "mass", 5e12, None), ("inflows", 2, "mass_unit", "t", None)),
        "bool_as_text": wb(("outflows", 2, "hazardous", "maybe", None)),
        "missing_id": wb(("inflows", 9, "line_id", None, None)),
    }


NOT_SURE = _not_sure()


@pytest.mark.parametrize("name", list(NOT_SURE))
def test_workbooks_with_errors_or_doubts_give_the_messages_of_the_ordinary_path(name):
    raw = NOT_SURE[name]()
    fast, slow = _both(raw)
    _assert_same(fast, slow)
    assert fast[0] is None and any(m.severity == "error" for m in fast[1])
    assert not _served_by_columns(raw)
