"""Amended Resource Act: thresholds (edges), recycled-plastic use rates, targets and progress with the store's
history, messages, and the plan/report draft sections. Expected values are computed by hand beside each."""
from __future__ import annotations

import pytest

from gcpcalc.japan import evaluate, history_from_revisions, saved_history
from gcpcalc.japan.plan_report import plan_report_sections
from gcpcalc.models import validate_assessment

ORG = {"name": "テスト工業", "period_start": "2025-04-01", "period_end": "2026-03-31"}


def assessment(rows, org=ORG):
    a, messages = validate_assessment({"organisation": org, "resource_act": rows})
    assert a is not None, [m.message_en for m in messages]
    return a


def row(line_id, category, fy=2025, **kw):
    return {"line_id": line_id, "category": category, "fiscal_year": fy, **kw}


def one(rows):
    summary = evaluate(assessment(rows))
    assert len(summary.rows) == 1
    return summary.rows[0], summary


# ---- thresholds ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("units, status", [(9_999, "below"), (10_000, "above"), (10_001, "above")])
def test_automobiles_threshold_edges(units, status):
    r, _ = one([row("C1", "automobiles", units=units)])
    assert (r.volume, r.status) == (units, status)


@pytest.mark.parametrize("category", ["air_conditioners", "televisions", "refrigerators", "washing_machines"])
@pytest.mark.parametrize("units, status", [(49_999, "below"), (50_000, "above")])
def test_home_appliance_threshold_edges(category, units, status):
    r, _ = one([row("A1", category, units=units)])
    assert r.status == status and r.threshold.value == 50_000


def test_units_add_up_per_category_and_year_and_items_are_separate():
    s = evaluate(assessment([
        row("C1", "automobiles", units=4_000), row("C2", "automobiles", units=6_000),  # 10,000 together
        row("C3", "automobiles", fy=2024, units=9_000),
        row("T1", "televisions", units=30_000), row("R1", "refrigerators", units=30_000),  # 60,000 but two items
    ]))
    got = {(r.category, r.fiscal_year): (r.units, r.status) for r in s.rows}
    assert got == {("automobiles", 2024): (9_000, "below"), ("automobiles", 2025): (10_000, "above"),
                   ("televisions", 2025): (30_000, "below"), ("refrigerators", 2025): (30_000, "below")}
    assert [r.category for r in s.obligated] == ["automobiles"]


def test_missing_units_leave_the_threshold_undecided_unless_already_reached():
    r, s = one([row("C1", "automobiles", units=8_000), row("C2", "automobiles")])
    assert r.status == "unknown" and r.units_missing == ["C2"]
    (m,) = [m for m in s.messages if m.code == "resource_act_units_missing"]
    assert m.severity == "warning" and m.row == 2 and m.field == "units"
    assert "C2" in m.message_ja and "製造・輸入販売台数" in m.message_ja
    r, _ = one([row("C1", "automobiles", units=12_000), row("C2", "automobiles")])
    assert r.status == "above"  # 12,000 already reaches 10,000


def test_packaging_threshold_in_tonnes_with_exclusions():
    # 9,000 t other + 999 t PET bottles = 9,999 t in scope; 5,000 t food and 100 t pharmaceutical excluded
    rows = [row("K1", "plastic_packaging", packaging_use="other", plastic_mass=9_000),
            row("K2", "plastic_packaging", packaging_use="pet_bottle", plastic_mass=999),
            row("K3", "plastic_packaging", packaging_use="food", plastic_mass=5_000),
            row("K4", "plastic_packaging", packaging_use="pharmaceutical", plastic_mass=100_000, mass_unit="kg")]
    r, _ = one(rows)
    assert r.volume == pytest.approx(9_999) and r.status == "below"
    assert r.excluded_t == pytest.approx(5_100) and r.excluded_lines == ["K3", "K4"]
    rows[1]["plastic_mass"] = 1_000  # 10,000 t exactly
    r, _ = one(rows)
    assert r.volume == pytest.approx(10_000) and r.status == "above"


def test_packaging_use_not_given_is_counted_with_a_warning():
    r, s = one([row("K1", "plastic_packaging", plastic_mass=10_000)])
    assert r.status == "above"
    (m,) = s.messages
    assert m.code == "resource_act_use_missing" and m.severity == "warning" and "対象に含めて計算" in m.message_ja


# ---- use rates -------------------------------------------------------------------------------------------
def test_use_rate_per_unit_masses():
    # 10,000 cars × 200 kg plastic = 2,000 t; recycled 20 kg pre + 10 kg post per car = 300 t → 15 %; post 5 %
    r, _ = one([row("C1", "automobiles", units=10_000, mass_basis="per_unit", plastic_mass=200,
                    recycled_preconsumer_mass=20, recycled_postconsumer_mass=10, mass_unit="kg")])
    assert r.plastic_t == pytest.approx(2_000) and r.recycled_t == pytest.approx(300)
    assert r.use_rate_pct == pytest.approx(15.0) and r.postconsumer_pct == pytest.approx(5.0)
    assert r.preconsumer_pct == pytest.approx(10.0)


def test_use_rate_over_lines_is_mass_weighted():
    # 1,000 t at 10 % + 3,000 t at 30 % = (100 + 900) / 4,000 = 25 %, not the mean 20 %
    r, _ = one([row("A", "washing_machines", units=30_000, plastic_mass=1_000, recycled_postconsumer_mass=100),
                row("B", "washing_machines", units=30_000, plastic_mass=3_000, recycled_preconsumer_mass=900)])
    assert r.use_rate_pct == pytest.approx(25.0) and r.status == "above"


def test_use_rate_not_computable_without_plastic():
    r, s = one([row("C1", "automobiles", units=10_000, recycled_postconsumer_mass=5)])
    assert r.use_rate_pct is None and r.reason("ja") == "プラスチック使用量の入力がありません。"
    assert [m.code for m in s.messages] == ["resource_act_plastic_missing"]


def test_per_unit_masses_without_units_are_left_out_with_a_message():
    r, s = one([row("C1", "automobiles", mass_basis="per_unit", plastic_mass=200)])
    assert r.plastic_t is None and r.status == "unknown"
    assert {m.code for m in s.messages} == {"resource_act_units_missing", "resource_act_per_unit_without_units"}


def test_recycled_over_plastic_is_not_clamped():
    r, s = one([row("C1", "automobiles", units=1, plastic_mass=10, recycled_postconsumer_mass=12)])
    assert r.use_rate_pct == pytest.approx(120.0)
    (m,) = s.messages
    assert m.code == "resource_act_recycled_over_plastic" and "100%を超える" in m.message_ja


def test_validation_names_the_field():
    a, messages = validate_assessment({"organisation": ORG, "resource_act": [
        {"line_id": "X", "category": "automobile", "fiscal_year": 2025}, {"line_id": "Y", "category": "televisions"}]})
    assert a is None
    got = {(m.row, m.field) for m in messages}
    assert got == {(1, "category"), (2, "fiscal_year")}
    cat = next(m for m in messages if m.field == "category")
    assert "automobiles" in cat.message_en


# ---- targets and progress ---------------------------------------------------------------------------------
class _Rev:
    def __init__(self, data):
        self.data = data


def _saved(fy, plastic, recycled):
    org = {"name": "テスト工業", "period_start": f"{fy}-04-01", "period_end": f"{fy + 1}-03-31"}
    return _Rev({"organisation": org, "resource_act": [
        row("C1", "automobiles", fy=fy, units=12_000, plastic_mass=plastic, recycled_postconsumer_mass=recycled)]})


def test_progress_with_history():
    history = history_from_revisions([_saved(2024, 2_000, 200)])  # FY2024: 10 %
    assert [(h.fiscal_year, h.use_rate_pct, h.origin) for h in history] == [(2024, pytest.approx(10.0), "history")]
    a = assessment([row("C1", "automobiles", units=12_000, plastic_mass=2_000, recycled_postconsumer_mass=300,
                        target_rate_pct=25, target_year=2030)])  # FY2025: 15 %
    s = evaluate(a, history)
    p = s.progress["automobiles"]
    # baseline FY2024 10 %, latest FY2025 15 %, target 25 % in FY2030
    assert (p["baseline_year"], p["baseline_value"], p["latest_year"], p["latest_value"]) == (
        2024, pytest.approx(10.0), 2025, pytest.approx(15.0))
    assert p["progress_pct"] == pytest.approx(100 / 3)  # (15 − 10) / (25 − 10)
    assert p["path_value"] == pytest.approx(12.5)  # 10 + 15 × 1/6
    assert p["status"] == "on_track" and p["from_history"] == [2024]
    # this input wins over a saved period of the same fiscal year
    s = evaluate(a, history_from_revisions([_saved(2025, 2_000, 0)]))
    assert s.progress["automobiles"]["baseline_value"] == pytest.approx(15.0) and s.history == []


def test_target_conflict_and_missing_year_are_reported():
    s = evaluate(assessment([
        row("C1", "automobiles", units=6_000, plastic_mass=1, target_rate_pct=20, target_year=2030),
        row("C2", "automobiles", units=6_000, plastic_mass=1, target_rate_pct=25, target_year=2030),
        row("T1", "televisions", units=1, plastic_mass=1, target_rate_pct=20)]))
    assert s.rows[0].target_rate_pct == 20
    assert {m.code for m in s.messages} == {"resource_act_target_conflict", "resource_act_target_year_missing"}
    assert "televisions" not in s.progress


def test_saved_history_from_a_store(tmp_path):
    from gcpcalc.store import Store

    url = f"sqlite:///{tmp_path / 'gc.db'}"
    assert saved_history("テスト工業", url) == []  # no database: none is created
    assert not (tmp_path / "gc.db").exists()
    with Store(url) as store:
        store.save(assessment(_saved(2024, 2_000, 200).data["resource_act"],
                              org=_saved(2024, 0, 0).data["organisation"]))
    history = saved_history("テスト工業", url)
    assert [(h.category, h.fiscal_year, h.use_rate_pct) for h in history] == [
        ("automobiles", 2024, pytest.approx(10.0))]


# ---- the draft's sections -------------------------------------------------------------------------------
def test_plan_report_sections_in_japanese():
    a = assessment([row("C1", "automobiles", units=10_000, plastic_mass=2_000, recycled_preconsumer_mass=100,
                        recycled_postconsumer_mass=200, target_rate_pct=25, target_year=2030,
                        certification_scheme="ISCC PLUS", evidence_ref="受入検査記録", measures="バンパーに再生PPを採用")])
    s = evaluate(a, history_from_revisions([_saved(2024, 2_000, 200)]))
    sec = {x.key: x for x in plan_report_sections(a, s, "ja")}
    assert list(sec) == ["cover", "producer", "threshold", "plan", "report", "progress", "deadlines"]
    assert sec["cover"].title == "再生資源利用計画・定期報告（作成準備用の下書き）"
    assert "正式な様式ではありません" in sec["cover"].note
    producer = dict(sec["producer"].rows)
    assert producer["事業者の名称"] == "テスト工業" and producer["対象となる指定製品"] == "自動車"
    assert producer["報告期間"] == "2025年4月1日～2026年3月31日"
    assert sec["threshold"].rows[0][:6] == ["自動車", 2025, 10_000, "台", "10,000台以上", "対象（計画・定期報告が必要）"]
    plan = sec["plan"].rows[0]
    assert plan[:5] == ["自動車", 2024, pytest.approx(10.0), 2030, 25.0]
    assert plan[5] == "バンパーに再生PPを採用" and plan[6] == "ISCC PLUS、受入検査記録"
    report = sec["report"].rows
    assert report[0][:2] == ["自動車", 2024] and report[0][-1] == "保存済みデータ"
    assert report[1][:8] == ["自動車", 2025, pytest.approx(2_000), pytest.approx(300), pytest.approx(100),
                             pytest.approx(200), pytest.approx(15.0), pytest.approx(10.0)]
    prog = sec["progress"].rows[0]
    assert prog[-1] == "計画どおり" and prog[7] == pytest.approx(100 / 3)
    assert sec["deadlines"].rows[0] == ["再生資源利用計画", "2027年6月30日まで"]
    en = {x.key: x for x in plan_report_sections(a, s, "en")}
    assert en["cover"].title.endswith("DRAFT") and en["threshold"].rows[0][4] == "≥ 10,000 units"


def test_the_report_s_plan_and_report_tables_show_fiscal_years_as_years():
    """The PDF's Resource Act tables: 2025 and 2030, never 2,025 (the Excel sheet and the app show the same)."""
    from gcpcalc.document.build import build_document
    from gcpcalc.document.model import Num, Table
    from gcpcalc.indicators import compute
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment

    a = load_assessment(sample_assessment())
    doc = build_document(compute(a), a, "ja")
    japan = next(s for s in doc.sections if s.key == "japan")
    tables = {b.key: b for b in japan.blocks if isinstance(b, Table)}
    year_columns = {"jp_threshold": [1], "jp_plan": [1, 3], "jp_report": [1], "jp_progress": [1, 3, 5]}
    seen = []
    for key, cols in year_columns.items():
        for row in tables[key].rows:
            for c in cols:
                if row[c] != "":
                    assert isinstance(row[c], str) and row[c].isdigit() and len(row[c]) == 4, (key, c, row[c])
                    seen.append(row[c])
    assert "2025" in seen and "2030" in seen
    volume = tables["jp_threshold"].rows[0][2]
    assert isinstance(volume, Num)  # quantities keep their number format
