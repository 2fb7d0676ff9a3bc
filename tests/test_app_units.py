"""Pure parts of the app: editor frames, chart breakdowns and presentation, against hand values."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from gcpcalc import fields as F
from gcpcalc.app import charts
from gcpcalc.app.engine import evaluate_data, frame_from_rows, rows_from_frame
from gcpcalc.app.results import format_value
from gcpcalc.models import load_assessment
from gcpcalc.tables import normalise


def _data():
    return {
        "organisation": {"name": "Test KK", "period_start": "2025-04-01", "period_end": "2026-03-31", "revenue": 1000},
        "inflows": [
            {"line_id": "A", "material": "steel", "mass": 100, "mass_unit": "t", "recycled_preconsumer_pct": 10,
             "recycled_postconsumer_pct": 20, "reused_pct": 5},
            {"line_id": "B", "material": "wood", "mass": 50000, "mass_unit": "kg", "renewable_pct": 80,
             "sustainably_sourced_pct": 50},
        ],
        "outflows": [
            {"line_id": "P", "flow_type": "product", "mass": 120, "recovery_potential_pct": 50,
             "actual_recovery_pct": 25, "destination": "recycling"},
            {"line_id": "W", "flow_type": "waste", "mass": 10, "destination": "landfill", "hazardous": True},
            {"line_id": "R", "flow_type": "waste", "mass": 4, "destination": "recycling"},
        ],
    }


def test_frames_round_trip_the_json_form():
    data = load_assessment(_data()).to_json_dict()
    for tid in F.LIST_TABLES:
        df = frame_from_rows(tid, data[tid])
        assert list(df.columns) == list(F.TABLES[tid].field_ids)
        # numbers are held as text in the editor (what is typed stays as typed) and read back exactly
        assert load_assessment({"organisation": data["organisation"], tid: rows_from_frame(tid, df)}
                               ).to_json_dict()[tid] == data[tid]
    df = frame_from_rows("inflows", data["inflows"])
    assert df.loc[1, "mass"] == "100" and df.loc[2, "mass"] == "50000" and df.loc[1, "recycled_preconsumer_pct"] == "10"


def test_number_text_keeps_values_exact():
    from gcpcalc.app.engine import number_text

    assert [number_text(v) for v in (1850, 1850.0, 38.5, 0.1 + 0.2, None, float("nan"), "-5", "1,850")] == [
        "1850", "1850", "38.5", "0.30000000000000004", None, None, "-5", "1,850"]
    assert float(number_text(18_600_000_000.0)) == 18_600_000_000.0


def test_typed_text_is_validated_with_the_typed_value_named():
    data = _data()
    frames = {tid: frame_from_rows(tid, data.get(tid)) for tid in F.LIST_TABLES}
    frames["inflows"].loc[1, "mass"] = "-5"
    frames["inflows"].loc[2, "recycled_postconsumer_pct"] = "150"
    frames["outflows"].loc[1, "mass"] = "lots"
    from gcpcalc.app.engine import data_from_state

    ev = evaluate_data(data_from_state(data["organisation"], frames))
    texts = {(m.table, m.row, m.field): m.message_ja for m in ev.errors}
    assert texts[("inflows", 1, "mass")] == "質量：-5 は最小値 0 未満です。"
    assert "150" in texts[("inflows", 2, "recycled_postconsumer_pct")]
    assert texts[("outflows", 1, "mass")] == "質量：「lots」は数値ではありません。"
    assert ev.results is None and len(ev.errors) == 3


def test_blank_rows_are_dropped_and_nan_is_none():
    df = frame_from_rows("inflows", [{"line_id": "A", "mass": None}])
    df.loc[2] = [None] * len(df.columns)
    df.loc[2, "is_packaging"] = False
    rows = rows_from_frame("inflows", df)
    assert len(rows) == 1 and rows[0]["mass"] is None and rows[0]["line_id"] == "A"


def test_inflow_composition_by_hand():
    tables = normalise(load_assessment(_data()))
    comp = charts.inflow_composition(tables.inflows)
    got = {(r.material, r.category): r.mass_t for r in comp.itertuples()}
    # steel 100 t: 30 % recycled, 5 % reused, 65 % virgin; wood 50 t: 80 % renewable, half sustainably sourced
    assert got == pytest.approx({("steel", "cat_recycled"): 30.0, ("steel", "cat_reused"): 5.0,
                                 ("steel", "cat_virgin"): 65.0, ("wood", "cat_renewable_sustainable"): 20.0,
                                 ("wood", "cat_renewable_other"): 20.0, ("wood", "cat_virgin"): 10.0})


def test_outflow_and_sankey_by_hand():
    tables = normalise(load_assessment(_data()))
    out = charts.outflow_by_destination(tables.outflows)
    got = {(r.destination, r.flow_type): r.mass_t for r in out.itertuples()}
    assert got == {("recycling", "product"): 120.0, ("landfill", "waste"): 10.0, ("recycling", "waste"): 4.0}
    links = charts.sankey_links(charts.inflow_composition(tables.inflows), tables.outflows)
    d = {(s, t): v for s, t, v in links}
    assert d[("cat_recycled", "organisation_node")] == pytest.approx(30.0)
    assert d[("cat_virgin", "organisation_node")] == pytest.approx(75.0)
    assert d[("organisation_node", "product")] == 120.0
    assert d[("product", "recovered")] == pytest.approx(30.0)  # 120 t x 25 % actual recovery
    assert d[("product", "not_recovered")] == pytest.approx(90.0)
    assert d[("waste", "recovered")] == pytest.approx(4.0)  # recycling counts as recovered
    assert d[("waste", "not_recovered")] == pytest.approx(10.0)


def test_waste_chart_uses_the_engine_figures():
    ev = evaluate_data(_data())
    assert ev.ok and ev.engine_error is None
    rows = {(h, x): v for h, x, v in ev.charts["waste"]}
    assert rows == {("hazardous", "landfill"): 10.0, ("non_hazardous", "recycling"): 4.0}
    for lang in ("ja", "en"):
        assert charts.waste_figure(ev.charts["waste"], lang) is not None
        fig = charts.sankey_figure(ev.charts["sankey"], lang)
        assert ("組織" if lang == "ja" else "Organisation") in fig.data[0].node.label


def test_evaluation_matches_the_engine():
    from gcpcalc.indicators import compute

    ev = evaluate_data(_data())
    direct = compute(load_assessment(_data()))
    assert ev.results.value("cti.circular_inflow_pct") == direct.value("cti.circular_inflow_pct")
    # (30 + 5 + 20) / 150 t
    assert ev.results.value("cti.circular_inflow_pct") == pytest.approx(55 / 150 * 100)


def test_invalid_data_gives_messages_not_results():
    data = _data()
    data["inflows"][0]["mass"] = -1
    ev = evaluate_data(data)
    assert ev.results is None and not ev.ok
    assert [(m.table, m.row, m.field) for m in ev.errors] == [("inflows", 1, "mass")]


@pytest.mark.parametrize("value,unit,lang,expected", [
    (48.40908, "%", "en", "48.4 %"),
    (1234.56, "t", "en", "1,234.6 t"),
    (0.68432, "0-1", "en", "0.684"),
    (1.3649, "ratio", "en", "1.36"),
    (4845618.84, "JPY/t", "en", "4,845,619 JPY/t"),
    (None, "%", "ja", "算出不可"),
    (None, "%", "en", "not computable"),
    (math.nan, "t", "en", "not computable"),
])
def test_format_value(value, unit, lang, expected):
    assert format_value(value, unit, lang) == expected


def test_the_tests_use_a_temporary_database_not_the_users_data_directory():
    import tempfile

    from conftest import TEST_DATA_HOME
    from gcpcalc.store import default_url

    url = default_url()
    assert url.startswith("sqlite:///") and str(TEST_DATA_HOME) in url
    assert str(TEST_DATA_HOME).startswith(tempfile.gettempdir())


def test_plain_typed_numbers_are_read_as_those_numbers_and_the_rest_stays_as_typed():
    from gcpcalc.app.engine import plain_numbers

    col = pd.Series(["1850", "-5", "38.5", "1,850", "abc", "１５０", "", None, "0.30000000000000004"], dtype="object")
    out = plain_numbers(col).tolist()
    assert out[:3] == [1850.0, -5.0, 38.5] and out[8] == 0.1 + 0.2
    assert out[3:8] == ["1,850", "abc", "１５０", "", None]
    # the validation reads the text forms and names them as typed
    rows = rows_from_frame("inflows", pd.DataFrame({"line_id": ["A", "B"], "mass": ["1,850", "abc"]}))
    assert [r["mass"] for r in rows] == ["1,850", "abc"]
