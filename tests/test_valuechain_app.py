"""The app page "Value chain and scenarios" (AppTest): supplier status, request workbooks, a scenario with
its comparison table and the target solver."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment
from gcpcalc.scenario import Change, Scenario, apply_scenario

APP = str(Path(__file__).resolve().parents[1] / "app_streamlit.py")


@pytest.fixture
def at(tmp_path, monkeypatch):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.sidebar.radio(key="gc_page").set_value("valuechain").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_supplier_status_and_requests(at):
    assert at.header[0].value == "バリューチェーンとシナリオ"
    table = at.dataframe[0].value
    assert list(table.columns) == ["サプライヤー", "行数", "状況"]
    assert dict(zip(table["サプライヤー"], table["行数"]))["東海製鉄株式会社"] == 2
    assert set(table["状況"]) == {"回答待ち"}
    at.button(key="gc_vc_build").click().run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "依頼ファイル：東海製鉄株式会社" in labels and len(labels) == 11


def test_scenario_compared_and_solved(at):
    at.selectbox(key="gc_vc_p_mat").set_value("plastics")
    at.number_input(key="gc_vc_p_pct").set_value(40.0)
    at.button(key="gc_vc_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    comparison = at.dataframe[-1].value
    row = comparison[comparison["指標"] == "循環インフロー比率"].iloc[0]
    edited, _ = apply_scenario(sample_assessment(), Scenario("s", [Change("recycled_share", {
        "material": "plastics", "recycled_pct": 40.0})]))
    expected = compute(load_assessment(edited)).value("cti.circular_inflow_pct")
    assert row["シナリオ"] == pytest.approx(round(expected, 2)) and row["差"] > 0
    at.number_input(key="gc_vc_solve_target").set_value(50.0)
    at.button(key="gc_vc_solve").click().run()
    assert not at.exception
    assert any("目標 50 に達します" in s.value for s in at.success)
    at.text_input(key="gc_vc_sc_name").set_value("プラ再生材40").run()
    at.button(key="gc_vc_sc_save").click().run()
    assert any("「プラ再生材40」を保存しました" in s.value for s in at.success)
