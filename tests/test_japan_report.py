"""The Resource Act draft sheet of the Excel report: its cells, in Japanese and English, with the store's history."""
from __future__ import annotations

import io

import openpyxl
import pytest

from gcpcalc.excel.report import report_bytes
from gcpcalc.indicators import compute
from gcpcalc.japan import history_from_revisions
from gcpcalc.models import validate_assessment

ORG = {"name": "テスト工業", "period_start": "2025-04-01", "period_end": "2026-03-31"}
ROWS = [
    {"line_id": "C1", "category": "automobiles", "fiscal_year": 2025, "units": 10_000, "mass_basis": "per_unit",
     "plastic_mass": 200, "recycled_preconsumer_mass": 10, "recycled_postconsumer_mass": 20, "mass_unit": "kg",
     "target_rate_pct": 25, "target_year": 2030, "certification_scheme": "=HYPERLINK(\"x\")",
     "measures": "内装部品に再生PPを採用"},
    {"line_id": "K1", "category": "plastic_packaging", "fiscal_year": 2025, "packaging_use": "food",
     "plastic_mass": 800},
    {"line_id": "K2", "category": "plastic_packaging", "fiscal_year": 2025, "packaging_use": "other",
     "plastic_mass": 9_999, "recycled_postconsumer_mass": 999.9},
]


class _Rev:
    def __init__(self, data):
        self.data = data


@pytest.fixture(scope="module")
def assessment():
    a, messages = validate_assessment({"organisation": ORG, "resource_act": ROWS})
    assert a is not None, messages
    return a


def _sheet(assessment, lang, history=None):
    data = report_bytes(compute(assessment), assessment, lang=lang, japan_history=history)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    name = "資源法 計画・報告（案）" if lang == "ja" else "Resource Act draft"
    assert name in wb.sheetnames
    return wb[name]


def _find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row
    raise AssertionError(text)


def test_draft_sheet_cells_in_japanese(assessment):
    saved = _Rev({"organisation": {**ORG, "period_start": "2024-04-01", "period_end": "2025-03-31"},
                  "resource_act": [{"line_id": "C1", "category": "automobiles", "fiscal_year": 2024,
                                    "units": 9_000, "plastic_mass": 1_800, "recycled_postconsumer_mass": 90}]})
    ws = _sheet(assessment, "ja", history_from_revisions([saved]))
    assert ws.page_setup.orientation == "landscape" and ws.print_area and ws.page_setup.fitToHeight == 0
    assert ws["A1"].value == "再生資源利用計画・定期報告（作成準備用の下書き）"
    assert "作成準備用の下書きであり、正式な様式ではありません" in ws["A2"].value
    assert "二次情報" in ws["A2"].value
    r = _find(ws, "1. 事業者の概要")
    assert [ws.cell(r + 1, c).value for c in (1, 2)] == ["項目", "記載内容"]
    assert [ws.cell(r + 2, c).value for c in (1, 2)] == ["事業者の名称", "テスト工業"]
    assert ws.cell(r + 7, 2).value == "自動車"  # 対象となる指定製品: packaging 9,999 t in scope is below 10,000 t
    r = _find(ws, "2. 指定製品と対象となる規模の判定")
    assert ws.cell(r + 2, 6).value == "判定"
    car = [ws.cell(r + 3, c).value for c in range(1, 8)]
    assert car == ["自動車", 2025, 10_000, "台", "10,000台以上", "対象（計画・定期報告が必要）", None]
    pack = [ws.cell(r + 4, c).value for c in range(1, 8)]
    assert pack == ["プラスチック製容器包装", 2025, pytest.approx(9_999), "t", "10,000 t以上", "対象外（規模の基準未満）",
                    pytest.approx(800)]
    assert ws.cell(r + 3, 3).number_format == "#,##0.###"
    r = _find(ws, "3. 再生資源利用計画（案）")
    plan = [ws.cell(r + 3, c).value for c in range(1, 8)]
    # baseline FY2024 from the saved period: 90 / 1,800 = 5 %; target 25 % in FY2030
    assert plan[:6] == ["自動車", 2024, pytest.approx(5.0), 2030, 25, "内装部品に再生PPを採用"]
    assert plan[6] == '=HYPERLINK("x")' and ws.cell(r + 3, 7).data_type == "s"  # text, never a formula
    r = _find(ws, "4. 定期報告（案）：再生プラスチックの利用実績")
    rows = [[ws.cell(i, c).value for c in range(1, 10)] for i in range(r + 3, r + 6)]
    # FY2025 cars: 10,000 × 200 kg = 2,000 t; (10 + 20) kg × 10,000 = 300 t → 15 %; post 200 t → 10 %
    assert rows[0] == ["自動車", 2024, pytest.approx(1_800), pytest.approx(90), pytest.approx(0), pytest.approx(90),
                       pytest.approx(5.0), pytest.approx(5.0), "保存済みデータ"]
    assert rows[1] == ["自動車", 2025, pytest.approx(2_000), pytest.approx(300), pytest.approx(100), pytest.approx(200),
                       pytest.approx(15.0), pytest.approx(10.0), "今回の入力"]
    assert rows[2][:3] == ["プラスチック製容器包装", 2025, pytest.approx(9_999)]
    assert rows[2][6] == pytest.approx(10.0)  # 999.9 / 9,999
    r = _find(ws, "5. 目標に対する進捗")
    prog = [ws.cell(r + 3, c).value for c in range(1, 11)]
    # (15 − 5) / (25 − 5) = 50 %; path 5 + 20 × 1/6 = 8.33 → on track
    assert prog[:7] == ["自動車", 2024, pytest.approx(5.0), 2025, pytest.approx(15.0), 2030, 25]
    assert prog[7] == pytest.approx(50.0) and prog[8] == pytest.approx(5 + 20 / 6) and prog[9] == "計画どおり"
    r = _find(ws, "6. 提出期限と行政措置（二次情報）")
    assert [ws.cell(r + 2, c).value for c in (1, 2)] == ["再生資源利用計画", "2027年6月30日まで"]
    assert [ws.cell(r + 3, c).value for c in (1, 2)] == ["定期報告", "2028年度から毎年6月30日まで（前年度分）"]


def test_draft_sheet_in_english_and_absent_without_lines(assessment):
    ws = _sheet(assessment, "en")
    assert ws["A1"].value.endswith("— DRAFT")
    assert "not the official form" in ws["A2"].value
    r = _find(ws, "2. Designated products and the size threshold")
    assert ws.cell(r + 3, 5).value == "≥ 10,000 units"
    bare, _ = validate_assessment({"organisation": ORG})
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(compute(bare), bare, lang="ja")))
    assert "資源法 計画・報告（案）" not in wb.sheetnames


def test_cli_report_takes_the_history_from_the_store(tmp_path, assessment):
    import json

    from gcpcalc.cli import main
    from gcpcalc.store import Store

    url = f"sqlite:///{tmp_path / 'gc.db'}"
    old, _ = validate_assessment({"organisation": {**ORG, "period_start": "2024-04-01", "period_end": "2025-03-31"},
                                  "resource_act": [{"line_id": "C1", "category": "automobiles", "fiscal_year": 2024,
                                                    "units": 9_000, "plastic_mass": 1_800,
                                                    "recycled_postconsumer_mass": 90}]})
    with Store(url) as store:
        store.save(old)
    src = tmp_path / "a.json"
    src.write_text(json.dumps(assessment.to_json_dict(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert main(["report", str(src), "-o", str(out), "--lang", "ja", "--db", url]) == 0
    ws = openpyxl.load_workbook(out)["資源法 計画・報告（案）"]
    r = _find(ws, "5. 目標に対する進捗")
    assert ws.cell(r + 3, 2).value == 2024 and ws.cell(r + 3, 3).value == pytest.approx(5.0)


def test_jp_indicator_sheet_of_the_sample():
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment

    a = load_assessment(sample_assessment())
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(compute(a), a, lang="ja")))
    assert wb.sheetnames.index("日本の指標") < wb.sheetnames.index("資源法 計画・報告（案）")
    ws = wb["日本の指標"]
    assert ws["A1"].value.startswith("日本の政策指標")
    assert [ws.cell(3, c).value for c in range(1, 8)] == ["指標", "値", "単位", "算定式", "出典箇所", "根拠の確認状況",
                                                          "算定できない理由"]
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 8)] for r in range(4, ws.max_row + 1)}
    assert rows["プラスチックのインフロー量"][:2] == [pytest.approx(1026.3), "t"]
    assert rows["再生プラスチック利用率"][0] == pytest.approx(238.3 / 1026.3 * 100)
    assert rows["再生プラスチック利用率"][4] == "二次情報"
    assert rows["国産再生材率：ガラス"][0] == pytest.approx(100.0) and not rows["国産再生材率：ガラス"][5]
    assert rows["国産再生材率：繊維"][0] == pytest.approx(0.0)  # the recycled polyester is imported
    assert rows["重要鉱物の回収量"][:2] == [pytest.approx(4.2), "t"] and rows["重要鉱物の回収量"][4] == "仮定"
