"""The input template: generator output equals the checked-in files; layout; round trip through the importer."""
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.template import (EXAMPLE_PREFIXES, LISTS_SHEET, ORG_NAME_PREFIX, assessment_to_template_bytes,
                                    sheet_name, template_bytes)
from gcpcalc.models import load_assessment

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "templates" / "sample_assessment.json"


def _members(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_checked_in_template_equals_generator(lang):
    checked_in = _members((ROOT / "templates" / f"template_{lang}.xlsx").read_bytes())
    generated = _members(template_bytes(lang))
    assert sorted(checked_in) == sorted(generated)
    drifted = [n for n in generated if generated[n] != checked_in[n]]
    assert drifted == [], f"regenerate with: gcpcalc template --lang {lang} -o templates/template_{lang}.xlsx"


def test_checked_in_sample_workbook_reads_as_the_sample():
    sample = load_assessment(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assessment, messages = read_workbook_bytes((ROOT / "templates" / "sample_assessment_ja.xlsx").read_bytes(),
                                               "sample_assessment_ja.xlsx")
    assert messages == []
    assert assessment == sample


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_template_layout(lang):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    expected = [sheet_name(t, lang) for t in F.TABLES.values()]
    assert wb.sheetnames[1:-1] == expected
    lists = wb[LISTS_SHEET[lang]]
    assert lists.sheet_state == "hidden" and lists.protection.sheet is True
    # every organisation field has a defined name pointing at its value cell
    org = wb[sheet_name(F.ORGANISATION, lang)]
    for i, fld in enumerate(F.ORGANISATION.fields):
        dn = wb.defined_names[ORG_NAME_PREFIX + fld.id]
        assert dn.attr_text.endswith(f"!$B${i + 2}")
        assert org.cell(row=i + 2, column=4).value == fld.id
    for tid in F.LIST_TABLES:
        table = F.TABLES[tid]
        ws = wb[sheet_name(table, lang)]
        assert ws.freeze_panes == "B2"
        headers = [c.value for c in ws[1]]
        assert headers == [f.label(lang) for f in table.fields]
        validated = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                validated[rng.min_col] = dv
        for c, fld in enumerate(table.fields, start=1):
            comment = ws.cell(row=1, column=c).comment
            assert comment is not None and f"id: {fld.id}" in comment.text
            if fld.kind in ("enum", "unit", "bool"):
                assert validated[c].type == "list", (tid, fld.id)
                assert validated[c].showErrorMessage
            elif fld.kind == "percent":
                assert (validated[c].type, validated[c].formula1, validated[c].formula2) == ("decimal", "0", "100")
            elif fld.kind == "number":
                assert validated[c].type == "decimal"
        # the example row is marked and skipped by the importer
        assert str(ws.cell(row=2, column=1).value).casefold().startswith(EXAMPLE_PREFIXES)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_enum_drop_down_lists_hold_the_labels(lang):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    ws = wb[sheet_name(F.OUTFLOWS, lang)]
    col = F.OUTFLOWS.field_ids.index("destination") + 1
    dv = next(d for d in ws.data_validations.dataValidation if any(r.min_col == col for r in d.sqref.ranges))
    ref = dv.formula1.split("!")[1].replace("$", "")
    values = [c.value for row in wb[LISTS_SHEET[lang]][ref] for c in row]
    assert values[:2] == (["再使用のための準備", "リサイクル"] if lang == "ja" else ["Preparation for reuse", "Recycling"])
    assert len(values) == len(F.DESTINATIONS)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_round_trip_sample(lang):
    sample = load_assessment(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assessment, messages = read_workbook_bytes(assessment_to_template_bytes(sample, lang), "x.xlsx")
    assert messages == []
    assert assessment == sample
    assert assessment.to_json_dict() == sample.to_json_dict()


def test_round_trip_synthetic():
    from gcpcalc.sample import synthetic_assessment

    data = load_assessment(synthetic_assessment(60, 40, seed=3))
    back, messages = read_workbook_bytes(assessment_to_template_bytes(data, "en"), "s.xlsx")
    assert [m.code for m in messages] == []
    assert back == data


def test_empty_template_reports_only_the_required_organisation_cells():
    assessment, messages = read_workbook_bytes(template_bytes("ja"), "template_ja.xlsx")
    assert assessment is None
    assert [(m.code, m.location) for m in messages] == [
        ("missing", "組織!B2"), ("missing", "組織!B3"), ("missing", "組織!B4")]
    assert messages[0].message_ja.startswith("組織!B2：組織名")
