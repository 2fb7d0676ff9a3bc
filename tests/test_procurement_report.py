"""The green-procurement sheet of the Excel report: values, formats, flags, text safety (read back with openpyxl)."""
from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter

from gcpcalc.excel.report_procurement import write_procurement_sheet
from gcpcalc.procurement import check_lines, load_rules


def _line(pid, rule_id, basis, pre=0.0, post=0.0, bio=0.0, unit="g", description=None):
    return {"product_id": pid, "rule_id": rule_id, "basis_mass": basis, "recycled_preconsumer_mass": pre,
            "recycled_postconsumer_mass": post, "biobased_mass": bio, "mass_unit": unit, "description": description}


def _sheet(results, lang):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    write_procurement_sheet(wb, "procurement", results, lang)
    wb.close()
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["procurement"]


@pytest.fixture(scope="module")
def results():
    rules, _ = load_rules()
    res, messages = check_lines([
        _line("PEN-A", "gpp.ballpoint_pen", 10.0, pre=3.5, description="=HYPERLINK(\"x\")"),
        _line("BAG-B", "ecomark.garbage_bags", 20.0, post=8.0),
        _line("PAPER", "gpp.copy_paper", 1.0, unit="t"),
        _line("STAMP", "gpp.stamp_pad", 10.0, pre=7.0),
    ], rules)
    assert messages == []
    return res


def test_sheet_values_and_formats(results):
    ws = _sheet(results, "en")
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Product", "Description", "Rule id"]
    col = {h: i + 1 for i, h in enumerate(header)}
    pen = {h: ws.cell(5, col[h]) for h in header}
    assert pen["Product"].value == "PEN-A"
    assert pen["Description"].value == '=HYPERLINK("x")' and pen["Description"].data_type == "s"  # text, not a formula
    assert pen["Recycled %"].value == pytest.approx(35.0) and pen["Recycled %"].number_format == "0.00"
    assert pen["Extra mass needed"].value == pytest.approx(0.5)
    assert pen["Verdict"].value == "fail"
    assert pen["Rule status"].value == "confirmed (official)"
    assert pen["Version"].value.startswith("FY2026 basic policy")
    assert pen["Source"].value.startswith("Ministry of the Environment, policy deck (2026)")
    assert "OR Post-consumer plastic ≥ 20 % and refill replaceable" in pen["Conditions (any one suffices)"].value
    assert "Refill replaceable: not checked: state whether the refill is replaceable" in \
        pen["Conditions (any one suffices)"].value
    assert "Not checked (no input): Refill replaceable; Eco Mark certified." in pen["Note"].value
    assert pen["Material to add"].value == "recycled material (pre- or post-consumer)"
    bag = {h: ws.cell(6, col[h]).value for h in header}
    assert (bag["Verdict"], bag["Rule status"], bag["Extra mass needed"]) == ("pass", "confirmed (official)", 0)
    assert bag["Source"] == "https://ecomark.jp/lifestyle/gomibukuro.html"
    paper = {h: ws.cell(7, col[h]).value for h in header}
    assert paper["Verdict"] == "cannot be checked" and paper["Extra mass needed"] is None
    assert "Cannot be checked from masses" in paper["Note"]
    stamp = {h: ws.cell(8, col[h]).value for h in header}
    assert (stamp["Verdict"], stamp["Rule status"]) == ("pass", "! unconfirmed (historical)")
    assert ws.cell(10, 1).value.startswith("! UNCONFIRMED rule")


def test_sheet_in_japanese(results):
    ws = _sheet(results, "ja")
    header = [c.value for c in ws[4]]
    col = {h: i + 1 for i, h in enumerate(header)}
    assert ws.cell(1, 1).value == "グリーン購入 適合判定"
    assert ws.cell(5, col["判定"]).value == "不適合"
    assert ws.cell(5, col["判定ルールの確認状況"]).value == "確認済み（公式）"
    assert ws.cell(5, col["品目"]).value == "ボールペン（主要材料がプラスチック）"
    assert "未判定（入力なし）：芯（中身）が交換できること、エコマーク認定。" in ws.cell(5, col["備考"]).value
    assert ws.cell(8, col["判定ルールの確認状況"]).value == "! 未確認（旧版）"
    assert ws.cell(6, col["判定"]).value == "適合"
    assert ws.cell(7, col["判定"]).value == "判定不可"


def test_empty_sheet_says_so():
    ws = _sheet([], "ja")
    assert ws.cell(5, 1).value == "評価データにグリーン購入の行がありません。"


def test_sheet_from_the_assessment_lists_unknown_rule_ids():
    from gcpcalc.models import load_assessment

    assessment = load_assessment({
        "organisation": {"name": "T", "period_start": "2025-04-01", "period_end": "2026-03-31"},
        "procurement": [_line("PEN-A", "gpp.ballpoint_pen", 10.0, pre=4.0),
                        _line("X", "gpp.garbage_bag", 1.0)]})
    ws = _sheet(assessment, "en")
    assert ws.cell(5, 1).value == "PEN-A" and ws.cell(5, 13).value == "pass"
    assert ws.cell(6, 1).value is None
    assert ws.cell(9, 1).value == "Messages"
    assert ws.cell(10, 1).value == "procurement[2].rule_id"
    assert "Did you mean: gpp.garbage_bag_plastic" in ws.cell(10, 2).value


def test_sheet_given_indicator_results_says_verdicts_are_missing():
    from gcpcalc.indicators.base import Results

    ws = _sheet(Results(), "ja")
    assert ws.cell(5, 1).value == "グリーン購入の判定結果が渡されていません。"
