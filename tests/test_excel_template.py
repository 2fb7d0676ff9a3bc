"""The input template: generator output equals the checked-in files; layout; round trip through the importer."""
import io
import re
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.template import (EXAMPLE_PREFIXES, LISTS_SHEET, ORG_NAME_PREFIX, RULES_SHEET, assessment_to_template_bytes,
                                    sheet_name, template_bytes)
from gcpcalc.models import coerce_value, load_assessment
from openpyxl.utils import get_column_letter

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
    assert wb.sheetnames[1:-2] == expected
    assert wb.sheetnames[-2] == RULES_SHEET[lang]  # read-only reference of the procurement rules
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
            assert comment is not None and fld.id in comment.text
            assert ("項目ID：" if lang == "ja" else "Field id: ") + fld.id in comment.text
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


# --------------------------------------------------------------------------------------------------
# a template a Japanese team fills in without asking anyone
# --------------------------------------------------------------------------------------------------
def _validations(ws):
    """cell range -> DataValidation of a sheet."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            out[rng] = dv
    return out


def _list_values(wb, dv):
    ref = dv.formula1.lstrip("=")
    sheet, cells = ref.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_conditions_are_written_in_words_not_code():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    comments = {c.comment.text for ws in wb.worksheets for row in ws.iter_rows(max_row=20) for c in row if c.comment}
    assert comments
    for text in comments:
        assert "==" not in text and " in (" not in text and "必須条件：" not in text, text
        assert "steel" not in text and "electricity" not in text, text  # no English ids in the ja template
    dest = wb["アウトフロー"].cell(row=1, column=1 + F.OUTFLOWS.field_ids.index("destination")).comment.text
    assert "フロー種別が「廃棄物」の行では必須。" in dest
    rp = wb["アウトフロー"].cell(row=1, column=1 + F.OUTFLOWS.field_ids.index("recovery_potential_pct")).comment.text
    assert "フロー種別が「製品」「副産物」の行では必須。" in rp
    life = wb["製品"].cell(row=1, column=1 + F.PRODUCTS.field_ids.index("industry_lifetime")).comment.text
    assert "製品寿命（実績・想定）を入力した場合は必須。" in life


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_drop_downs_for_rule_id_currency_and_country(lang):
    from gcpcalc.procurement.rules import load_default_rules

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    ruleset, _ = load_default_rules()
    proc = wb[sheet_name(F.PROCUREMENT, lang)]
    col = get_column_letter(1 + F.PROCUREMENT.field_ids.index("rule_id"))
    dv = next(dv for rng, dv in _validations(proc).items() if rng.startswith(col + "2"))
    entries = _list_values(wb, dv)
    assert [e.split("｜")[0] for e in entries] == list(ruleset.rules)  # every rule, in file order
    assert all("｜" in e and len(e.split("｜")[1]) > 2 for e in entries)  # each with its name
    if lang == "ja":
        assert any(e.startswith("gpp.ballpoint_pen｜") for e in entries)
    assert dv.errorStyle == "warning"  # an id of the user's own rules file stays possible
    org = _validations(wb[sheet_name(F.ORGANISATION, lang)])
    currency = _list_values(wb, org[f"B{2 + F.ORGANISATION.field_ids.index('currency')}"])
    country = _list_values(wb, org[f"B{2 + F.ORGANISATION.field_ids.index('country')}"])
    assert currency[0] == ("JPY｜日本円" if lang == "ja" else "JPY｜Yen") and len(currency) >= 20
    assert "USD｜米ドル" in currency if lang == "ja" else "EUR｜Euro" in currency
    assert country[0] == ("JP｜日本" if lang == "ja" else "JP｜Japan") and len(country) == 249
    assert ("TW｜台湾" if lang == "ja" else "TW｜Taiwan") in country


def test_a_picked_drop_down_entry_reads_as_its_code():
    sample = load_assessment(json.loads(SAMPLE.read_text(encoding="utf-8")))
    wb = openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(sample, "ja")))
    org = wb["組織"]
    org[f"B{2 + F.ORGANISATION.field_ids.index('currency')}"] = "USD｜米ドル"
    org[f"B{2 + F.ORGANISATION.field_ids.index('country')}"] = "VN｜ベトナム"
    proc = wb["グリーン購入"]
    proc.cell(row=2, column=1 + F.PROCUREMENT.field_ids.index("rule_id")).value = \
        "ecomark.garbage_bags｜ごみ袋（プラスチック製）：エコマーク（商品類型番号の記載なし）"
    buf = io.BytesIO()
    wb.save(buf)
    assessment, messages = read_workbook_bytes(buf.getvalue(), "picked.xlsx")
    assert messages == []
    data = assessment.to_json_dict()
    assert (data["organisation"]["currency"], data["organisation"]["country"]) == ("USD", "VN")
    assert data["procurement"][0]["rule_id"] == "ecomark.garbage_bags"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_organisation_checks_show_their_messages(lang):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    checks = _validations(wb[sheet_name(F.ORGANISATION, lang)])
    assert set(checks) == {f"B{2 + i}" for i in range(len(F.ORGANISATION.fields))}  # every value cell is checked
    for rng, dv in checks.items():
        assert dv.showInputMessage and dv.prompt and dv.promptTitle, rng
        assert dv.showErrorMessage and dv.error and dv.errorTitle, rng
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
    start = checks[f"B{2 + F.ORGANISATION.field_ids.index('period_start')}"]
    if lang == "ja":
        assert start.error == "2000年1月1日より後の日付を入力してください（YYYY-MM-DD 形式、例：2025-04-01）。"
        assert start.prompt.startswith("必須。")
    revenue = checks[f"B{2 + F.ORGANISATION.field_ids.index('revenue')}"]
    assert revenue.type == "decimal" and revenue.formula1 == "0"
    assert revenue.error == ("0 以上の数値を入力してください。" if lang == "ja" else "Enter a number of at least 0.")


def test_number_checks_speak_plain_japanese():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    errors = {dv.error for ws in wb.worksheets for dv in ws.data_validations.dataValidation if dv.error}
    assert "0 より大きい数値を入力してください。" in errors and "0 以上の数値を入力してください。" in errors
    assert not [e for e in errors if "≥" in e or e.endswith(".")]


def test_example_rows_are_realistic_marked_and_consistent():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    numbers = []
    for tid in F.LIST_TABLES:
        table = F.TABLES[tid]
        ws = wb[sheet_name(table, "ja")]
        row = {f.id: ws.cell(row=2, column=c).value for c, f in enumerate(table.fields, start=1)}
        assert str(row[table.fields[0].id]).startswith("例：")  # the importer skips it
        assert all(ws.cell(row=2, column=c).font.i for c in range(1, len(table.fields) + 1))
        assert ws.max_row == 2  # nothing below the example
        numbers += [v for f, v in row.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
        for f in table.fields:  # every example value reads as a valid value of its column
            if row[f.id] not in (None, ""):
                assert coerce_value(f, row[f.id]) is not None, (tid, f.id)
    assert 12.5 not in numbers and len(set(numbers)) >= 15
    proc = wb["グリーン購入"]
    p = {f.id: proc.cell(row=2, column=c).value for c, f in enumerate(F.PROCUREMENT.fields, start=1)}
    assert p["recycled_preconsumer_mass"] + p["recycled_postconsumer_mass"] + p["biobased_mass"] <= p["basis_mass"]
    assert p["mass_unit"] == "g"  # a pen is weighed in grams
    readme = " ".join(str(c.value) for row in wb["記入方法"].iter_rows() for c in row if c.value)
    assert "IDが「例：」で始まる" in readme


def test_r1_is_explained():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    readme = {r[0]: r[1] for r in wb["記入方法"].iter_rows(values_only=True) if r[0]}
    assert "附属書II" in readme["R1（エネルギー回収）"] and "0.65" in readme["R1（エネルギー回収）"]
    col = 1 + F.OUTFLOWS.field_ids.index("energy_recovery_r1")
    comment = wb["アウトフロー"].cell(row=1, column=col).comment.text
    assert "R1" in comment and "附属書II" in comment and "処分されなかった廃棄物" in comment


def test_no_english_prose_in_the_japanese_template():
    from test_ja_terms import _latin_words

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("ja")))
    texts = []
    for ws in wb.worksheets:
        if ws.title in ("リスト", RULES_SHEET["ja"]):  # codes and rule sources
            continue
        for row in ws.iter_rows(max_row=30):
            for c in row:
                if isinstance(c.value, str) and not (ws.title == "組織" and c.column == 4):  # D: field ids
                    texts.append(c.value)
                if c.comment:
                    texts.append(c.comment.text)
        for dv in ws.data_validations.dataValidation:
            texts += [dv.prompt or "", dv.error or ""]
    texts = [re.sub(r"項目ID：\S+", "", t) for t in texts]  # the field id is a code, shown on purpose
    offenders = {t: w for t in texts if (w := _latin_words(t))}
    assert offenders == {}
