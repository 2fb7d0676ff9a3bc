"""The app's page of saved assessments (``streamlit.testing``): save, continue, history, diff, restore,
targets, trend chart."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from conftest_store import *  # noqa: F401,F403
from conftest_store import minimal_assessment_dict
from gcpcalc.app.store_page import trend_figure
from gcpcalc.models import load_assessment
from gcpcalc.store import Store, Target, trend_data

SCRIPT = """
import json
import streamlit as st
from gcpcalc.app.store_page import render
from gcpcalc.models import load_assessment

st.session_state["gc_db_url"] = {url!r}
current = load_assessment(json.loads({data!r}))
def on_load(a, source, name):
    st.session_state["loaded"] = (source, name, a.inflows[0]["mass"])
got = render({lang!r}, current, load_assessment=on_load)
st.session_state["returned"] = None if got is None else got.organisation["name"]
"""


def _app(url: str, data: dict, lang: str = "en") -> AppTest:
    at = AppTest.from_string(SCRIPT.format(url=url, data=json.dumps(data), lang=lang), default_timeout=60)
    return at.run()


def test_save_continue_and_restore_from_the_page(sqlite_url):
    v1 = minimal_assessment_dict()
    at = _app(sqlite_url, v1)
    assert not at.exception
    assert "Nothing saved yet." in [i.value for i in at.info]
    at.text_input(key="gcs_author").input("山田")
    at.text_input(key="gcs_comment").input("first")
    at.button(key="gcs_save").click().run()
    assert not at.exception
    assert at.success[0].value == "Saved 'Kita Kogyo' (period ending 2025-03-31) as revision 1."
    with Store(sqlite_url) as store:
        (h,) = store.history("Kita Kogyo")
    assert (h.author, h.comment) == ("山田", "first")

    # a second revision with a changed mass, saved outside the page
    v2 = minimal_assessment_dict()
    v2["inflows"][0]["mass"] = 250
    with Store(sqlite_url) as store:
        store.save(load_assessment(v2), author="Sato", comment="mass corrected")

    at = _app(sqlite_url, v1)
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Revision"]) == [1, 2] and list(table["Author"]) == ["山田", "Sato"]
    assert at.markdown[0].value == "0 added, 0 removed, 1 changed"
    assert "~ " in at.code[0].value and "IN-1" in at.code[0].value and "100 → 250" in at.code[0].value

    at.button(key="gcs_continue").click().run()
    assert at.session_state["loaded"] == ("store", "Kita Kogyo", 250.0)
    assert at.session_state["returned"] == "Kita Kogyo"

    at.selectbox(key="gcs_rev").set_value(1).run()
    at.button(key="gcs_restore").click().run()
    assert not at.exception
    assert "Revision 1 restored as revision 3." in [s.value for s in at.success]
    assert at.session_state["loaded"] == ("store", "Kita Kogyo", 100.0)
    with Store(sqlite_url) as store:
        assert [h.number for h in store.history("Kita Kogyo")] == [1, 2, 3]
        assert store.load("Kita Kogyo", "2025-03-31") == load_assessment(v1)


def test_target_form_and_japanese_texts(sqlite_url):
    with Store(sqlite_url) as store:
        store.save(load_assessment(minimal_assessment_dict()))
    at = _app(sqlite_url, minimal_assessment_dict(), "ja")
    assert not at.exception
    assert at.button(key="gcs_save").label == "新しいリビジョンとして保存"
    at.number_input(key="gcs_t_year").set_value(2030)
    at.number_input(key="gcs_t_value").set_value(60.0)
    at.button(key="gcs_t_save").click().run()
    assert not at.exception
    assert "目標を保存しました。" in [s.value for s in at.success]
    with Store(sqlite_url) as store:
        (t,) = store.targets("Kita Kogyo")
    assert (t.indicator_id, t.target_year, t.target_value, t.baseline_year) == ("cti.circular_inflow_pct", 2030, 60.0, None)
    targets = at.dataframe[-1].value
    # one period (2025): circular inflow 40 t of 150 t = 26.67 % is both the baseline and the path
    assert list(targets["状況"]) == ["計画どおり"]
    assert targets["基準値"][0] == pytest.approx(40 / 150 * 100)
    assert targets["進捗率（%）"][0] == pytest.approx(0.0)
    assert list(targets["目標年度（報告期間の開始年）"]) == ["2030"]  # a year as its digits, never 2,030


def test_trend_figure_has_one_line_per_percent_indicator_and_target_markers(sqlite_url):
    with Store(sqlite_url) as store:
        for year, ci in ((2024, 10.0), (2025, 12.5)):
            a = load_assessment(minimal_assessment_dict(period_end=f"{year + 1}-03-31", period_start=f"{year}-04-01"))
            store.save(a, indicators={"cti.circular_inflow_pct": (ci, "%"), "cti.actual_lifetime_ratio": (1.2, "ratio")})
        store.set_target(Target("Kita Kogyo", "cti.circular_inflow_pct", 2030, 30.0))
        trend = trend_data(store, "Kita Kogyo")
    fig = trend_figure(trend, "en")
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [(t.name, list(t.x), list(t.y)) for t in lines] == [
        ("Circular inflow", ["2025-03-31", "2026-03-31"], [10.0, 12.5])]
    (star,) = [t for t in fig.data if t.mode == "markers"]
    # FY2030 is April 2030 – March 2031, as the saved periods (FY2024 and FY2025 end on 31 March 2025 and 2026)
    assert (list(star.x), list(star.y)) == (["2031-03-31"], [30.0])
    assert star.name == "Target: Circular inflow (2030)"
    assert [t.name for t in trend_figure(trend, "ja").data if t.mode == "markers"] == ["目標：循環インフロー率（2030年度）"]
    # the legend sits above the plot, clear of the x axis title
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y > 1


def test_the_targets_table_keeps_full_values_and_shows_them_with_even_decimals():
    from gcpcalc.app.store_page import _targets_frame, targets_column_config

    trend = {"targets": [{"label_ja": "循環インフロー率", "label_en": "Circular inflow", "unit": "%",
                          "target_year": 2030, "target_value": 60.0, "baseline_value": 48.4,
                          "latest_value": 48.40913, "path_value": 48.4, "progress_pct": 0.0787, "status": "on_track"}]}
    frame = _targets_frame(trend, "ja")
    assert list(frame.columns) == ["指標", "目標年度（報告期間の開始年）", "目標", "基準値", "最新値", "計画線（直線）",
                                   "進捗率（%）", "状況"]
    assert frame["最新値"][0] == 48.40913 and frame["目標年度（報告期間の開始年）"][0] == "2030"
    assert frame["状況"][0] == "計画どおり"
    cfg = targets_column_config("ja")
    assert {k: v["type_config"]["format"] for k, v in cfg.items()} == {
        "目標": "%.2f", "基準値": "%.2f", "最新値": "%.2f", "計画線（直線）": "%.2f", "進捗率（%）": "%.1f"}
    assert set(targets_column_config("en")) == {"Target", "Baseline", "Latest", "Straight-line path", "Progress (%)"}


def test_a_target_is_placed_at_the_end_of_its_fiscal_year_on_the_company_calendar():
    from gcpcalc.app.store_page import target_period_end

    april = [{"period_start": "2025-04-01", "period_end": "2026-03-31", "year": 2025}]
    calendar = [{"period_start": "2025-01-01", "period_end": "2025-12-31", "year": 2025}]
    leap = [{"period_start": "2023-03-01", "period_end": "2024-02-29", "year": 2023}]
    assert target_period_end(april, 2030) == "2031-03-31"
    assert target_period_end(calendar, 2030) == "2030-12-31"
    assert target_period_end(leap, 2030) == "2031-02-28"
    assert target_period_end([], 2030) == "2030-12-31"
