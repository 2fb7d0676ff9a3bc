"""The app's evaluation cache sees every edit, at any table size (issue: stale figures from 50,000 rows).

Streamlit's own ``st.cache_data`` hashes a DataFrame of more than 10,000 rows from a fixed sample of
rows, so an edit to a row outside the sample was a cache hit and the app showed the old figures.
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcpcalc import fields as F
from gcpcalc.app.engine import (EvaluationCache, _clean, evaluate_data, frame_digest, frame_from_rows,
                                rows_from_frame)
from gcpcalc.sample import synthetic_assessment

N = 60_000


@pytest.fixture(scope="module")
def big():
    data = synthetic_assessment(N, 200, n_products=5)
    frames = {tid: frame_from_rows(tid, data.get(tid)) for tid in F.LIST_TABLES}
    return data, frames


def _inflow_t(evaluation) -> float:
    return evaluation.results.value("cti.inflow_t")


@pytest.mark.parametrize("row", [0, N - 1])
def test_edit_to_any_row_of_a_60k_table_changes_the_figures(big, row):
    data, frames = big
    cache = EvaluationCache()
    before = cache.evaluate(data["organisation"], frames)
    assert before.ok
    edited = dict(frames)
    inflows = frames["inflows"].copy()
    row = inflows.index[row]  # the editor numbers its rows from 1
    old_t = float(inflows.at[row, "mass"]) * {"t": 1.0, "kg": 1e-3, "g": 1e-6, "lb": 0.45359237e-3, "kt": 1e3,
                                             "Mg": 1.0}[inflows.at[row, "mass_unit"]]
    inflows.at[row, "mass"] = 1e6
    inflows.at[row, "mass_unit"] = "kt"  # + 1e6 kt on one line
    edited["inflows"] = inflows
    after = cache.evaluate(data["organisation"], edited)
    assert cache.misses == 2
    assert _inflow_t(after) == pytest.approx(_inflow_t(before) - old_t + 1e9, rel=1e-12)
    # the cached figures are those of a computation from scratch of the edited content
    fresh = evaluate_data({"organisation": data["organisation"],
                           **{tid: rows_from_frame(tid, edited[tid]) for tid in F.LIST_TABLES}})
    assert _inflow_t(after) == _inflow_t(fresh)
    # back to the first content (a new object with the same values): served from the cache
    again = cache.evaluate(data["organisation"], {**frames, "inflows": frames["inflows"].copy()})
    assert again is before
    assert cache.misses == 2


def test_an_edit_that_makes_a_row_invalid_is_reported_at_its_row(big):
    data, frames = big
    cache = EvaluationCache()
    assert cache.evaluate(data["organisation"], frames).ok
    inflows = frames["inflows"].copy()
    inflows.iat[45_000, inflows.columns.get_loc("recycled_preconsumer_pct")] = "150"  # the 45,001st row
    ev = cache.evaluate(data["organisation"], {**frames, "inflows": inflows})
    assert not ev.ok
    assert [(m.table, m.row, m.field, m.code) for m in ev.errors] == [("inflows", 45_001, "recycled_preconsumer_pct",
                                                                       "percent_range")]


def test_digest_covers_every_row_and_column():
    df = pd.DataFrame({"a": np.arange(50_000, dtype="float64"), "b": ["x"] * 50_000})
    base = frame_digest(df)
    for row in (0, 12_345, 49_999):
        for col, value in (("a", -1.0), ("b", "y")):
            other = df.copy()
            other.at[row, col] = value
            assert frame_digest(other) != base, (row, col)
    assert frame_digest(df.copy()) == base
    assert frame_digest(df.iloc[:-1]) != base  # a deleted row
    assert frame_digest(df.rename(columns={"b": "c"})) != base


def test_only_the_edited_table_is_validated_again(big, monkeypatch):
    data, frames = big
    import gcpcalc.app.engine as engine

    cache = EvaluationCache()
    cache.evaluate(data["organisation"], frames)
    seen = []
    real = engine.validate_table
    monkeypatch.setattr(engine, "validate_table", lambda tid, rows: (seen.append(tid), real(tid, rows))[1])
    outflows = frames["outflows"].copy()
    outflows.at[0, "mass"] = 1.0
    cache.evaluate(data["organisation"], {**frames, "outflows": outflows})
    assert seen == ["outflows"]


def _rows_per_cell(table_id, df):
    """The row reading of the first release (a call per cell): the reference for the column-wise one."""
    table = F.TABLES[table_id]
    cols = [c for c in table.field_ids if c in df.columns]
    non_bool = [c for c in cols if table.field(c).kind != "bool"]
    from gcpcalc.app.engine import plain_numbers

    part = df[cols].copy()
    for c in cols:  # number cells hold the text typed; plain numbers are read as numbers (as the app does)
        if table.field(c).is_numeric and part[c].dtype == object:
            part[c] = plain_numbers(part[c])
    out = []
    for rec in part.to_dict("records"):
        row = {k: _clean(v) for k, v in rec.items()}
        if all(row.get(c) is None for c in non_bool):
            continue
        out.append(row)
    return out


def test_column_wise_rows_equal_the_per_cell_reading():
    df = frame_from_rows("inflows", [
        {"line_id": "A", "material": "steel", "mass": 1.5, "mass_unit": "t", "is_packaging": True},
        {"line_id": "  ", "mass": None},  # blank: dropped
        {},  # blank: dropped
        {"line_id": "C", "mass": "12", "mass_unit": "kg", "recycled_preconsumer_pct": 10},
    ]).reset_index(drop=True)  # positions as labels below
    df.loc[len(df)] = {c: None for c in df.columns} | {"is_packaging": False}  # a row added in the editor
    df["material"] = df["material"].astype(object)
    df.at[3, "material"] = np.int64(7)  # a numpy scalar in a text column
    df.at[0, "business_unit"] = pd.NA
    df.at[3, "business_unit"] = float("nan")
    df.at[0, "data_quality"] = dt.date(2025, 4, 1)
    got = rows_from_frame("inflows", df)
    assert got == _rows_per_cell("inflows", df)
    assert [r["line_id"] for r in got] == ["A", "C"]
    assert got[1]["material"] == 7 and type(got[1]["material"]) is int
    assert got[0]["business_unit"] is None and got[1]["business_unit"] is None
    assert got[1]["mass"] == 12.0 and got[0]["is_packaging"] is True
    assert all(v is None or not (isinstance(v, float) and math.isnan(v)) for r in got for v in r.values())


def test_app_edit_to_row_0_of_a_60k_table_changes_the_figures():
    """The same through the app: an edit in the inflow editor (AppTest), then the results of the session."""
    at = AppTest.from_function(_app_with_big_data, args=(N,), default_timeout=600)
    at.run()
    at.session_state["gc_page"] = "form"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cache = at.session_state["gc_eval_cache"]
    before = max(cache._evaluations.values(), key=lambda e: 0)  # the one evaluation so far
    assert len(cache._evaluations) == 1
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {0: {"mass": 1e6, "mass_unit": "kt"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(cache._evaluations) == 2
    after = list(cache._evaluations.values())[-1]
    assert float(at.session_state["gc_current"]["inflows"].iloc[0]["mass"]) == 1e6  # row 1 of the editor
    assert _inflow_t(after) > _inflow_t(before) + 0.99e9


def _app_with_big_data(n):  # runs inside AppTest
    import streamlit as st

    from gcpcalc.app import main as app_main, state
    from gcpcalc.sample import synthetic_assessment

    if "gc_test_loaded" not in st.session_state:
        state.init()
        state.load_data(synthetic_assessment(n, 200, n_products=5), "upload", "synthetic")
        st.session_state.gc_test_loaded = True
    app_main.main()


def test_a_frame_equal_to_the_last_one_keeps_its_digest_and_any_change_is_seen():
    cache = EvaluationCache()
    df = frame_from_rows("inflows", synthetic_assessment(20_000, 10)["inflows"])
    first = cache.digest("inflows", df)
    assert cache.digest("inflows", df.copy()) == first  # the editor's new frame, same content
    for col, value in (("line_id", "IN-X"), ("mass", 1.25), ("is_packaging", True), ("description", "x")):
        changed = df.copy()
        changed.at[19_999, col] = value
        assert cache.digest("inflows", changed) != first, col
        assert cache.digest("inflows", df.copy()) == first
    # values that == cannot tell apart (True == 1) in a text column: hashed, not compared
    a = df.copy()
    a["description"] = a["description"].astype(object)
    a.at[0, "description"] = True
    b = a.copy()
    b.at[0, "description"] = 1
    da = cache.digest("inflows", a)
    assert cache.digest("inflows", b) != da


# ------------------------------------------------------------------------------------------------
# an edit of a few rows re-reads and re-validates those rows only, with the results of a full reading
# ------------------------------------------------------------------------------------------------
def _full(data, frames):
    return evaluate_data({"organisation": data["organisation"],
                          **{tid: rows_from_frame(tid, frames[tid]) for tid in F.LIST_TABLES}})


def _same_evaluation(a, b):
    assert (a.assessment is None) == (b.assessment is None)
    if a.assessment is not None:
        assert a.assessment.to_json_dict() == b.assessment.to_json_dict()
    assert [(m.table, m.row, m.field, m.code, m.severity, m.text("ja"), m.text("en")) for m in a.messages] == \
        [(m.table, m.row, m.field, m.code, m.severity, m.text("ja"), m.text("en")) for m in b.messages]
    if a.results is not None or b.results is not None:
        assert list(a.results) == list(b.results)
        assert [a.results.value(i) for i in a.results] == [b.results.value(i) for i in b.results]


def test_an_edit_of_one_row_validates_that_row_only_with_the_figures_of_a_full_reading(big):
    data, frames = big
    cache = EvaluationCache()
    cache.evaluate(data["organisation"], frames)
    read = cache.rows_validated
    inflows = frames["inflows"].copy()
    inflows.at[30_000, "mass"] = "1234.5"
    inflows.at[30_000, "description"] = "edited line"
    edited = {**frames, "inflows": inflows}
    after = cache.evaluate(data["organisation"], edited)
    assert cache.rows_validated - read == 1
    assert cache.digest("inflows", inflows) == frame_digest(inflows)  # the digest of the content itself
    assert after.assessment.inflows[29_999]["mass"] == 1234.5
    _same_evaluation(after, _full(data, edited))
    # a second edit builds on the first
    again = inflows.copy()
    again.at[7, "recycled_postconsumer_pct"] = "12.5"
    read = cache.rows_validated
    second = cache.evaluate(data["organisation"], {**edited, "inflows": again})
    assert cache.rows_validated - read == 1
    _same_evaluation(second, _full(data, {**edited, "inflows": again}))


def test_an_edit_normalises_only_the_rows_edited_into_the_tables_of_a_full_reading(big):
    """The normalised tables after an edit of a few rows are those of the whole edited assessment normalised
    again (same columns, dtypes and values, derived columns included), at the cost of the rows edited."""
    from gcpcalc.tables import normalise

    data, frames = big
    cache = EvaluationCache()
    first = cache.evaluate(data["organisation"], frames)
    assert cache.rows_normalised >= N + 200
    done = cache.rows_normalised
    inflows = frames["inflows"].copy()
    inflows.at[11, "mass"] = "77"
    inflows.at[11, "mass_unit"] = "kg"
    inflows.at[12, "critical_raw_material"] = "cobalt"
    inflows.at[12, "critical_content_pct"] = "2.5"
    outflows = frames["outflows"].copy()
    outflows.at[3, "actual_recovery_pct"] = None
    outflows.at[3, "destination"] = "landfill"
    edited = {**frames, "inflows": inflows, "outflows": outflows}
    after = cache.evaluate(data["organisation"], edited)
    assert cache.rows_normalised - done == 3  # two inflow rows, one outflow row
    full = normalise(after.assessment)
    for tid in ("inflows", "products", "outflows", "water", "energy", "procurement", "segments"):
        pd.testing.assert_frame_equal(getattr(after.results.tables, tid), getattr(full, tid), check_exact=True)
    assert after.results.tables.inflows.loc[11, "critical_id"] == "cobalt"  # editor row 12: the 12th line
    assert after.results.tables.inflows.loc[10, "mass_t"] == 0.077
    _same_evaluation(after, _full(data, edited))
    # the frames of the evaluation before are left as they were
    assert first.results.tables.inflows.loc[10, "mass_t"] != 0.077


def test_an_edit_that_repeats_a_line_id_gives_the_messages_of_a_full_reading(big):
    data, frames = big
    cache = EvaluationCache()
    cache.evaluate(data["organisation"], frames)
    inflows = frames["inflows"].copy()
    inflows.at[N, "line_id"] = inflows.at[1, "line_id"]  # the last line takes the first line's id
    edited = {**frames, "inflows": inflows}
    read = cache.rows_validated
    ev = cache.evaluate(data["organisation"], edited)
    assert cache.rows_validated - read == 1
    assert [(m.row, m.code) for m in ev.errors] == [(N, "duplicate_id")]
    _same_evaluation(ev, _full(data, edited))


def test_an_edit_with_an_error_or_a_blank_row_reads_the_whole_table_again(big):
    data, frames = big
    cache = EvaluationCache()
    cache.evaluate(data["organisation"], frames)
    inflows = frames["inflows"].copy()
    inflows.at[100, "mass"] = "-5"
    edited = {**frames, "inflows": inflows}
    read = cache.rows_validated
    ev = cache.evaluate(data["organisation"], edited)
    assert cache.rows_validated - read == 1 + N  # the row tried alone has an error: the whole table, for every message
    _same_evaluation(ev, _full(data, edited))
    # from a table with messages, an edit reads the whole table again
    fixed = inflows.copy()
    fixed.at[100, "mass"] = "5"
    read = cache.rows_validated
    ev = cache.evaluate(data["organisation"], {**frames, "inflows": fixed})
    assert cache.rows_validated - read == N and ev.ok
    _same_evaluation(ev, _full(data, {**frames, "inflows": fixed}))
    # a row emptied: the lines after it are numbered anew, the whole table is read
    blank = fixed.copy()
    for c in blank.columns:
        if blank[c].dtype == object:
            blank.at[200, c] = None
    read = cache.rows_validated
    ev = cache.evaluate(data["organisation"], {**frames, "inflows": blank})
    assert cache.rows_validated - read == N - 1
    _same_evaluation(ev, _full(data, {**frames, "inflows": blank}))


# ------------------------------------------------------------------------------------------------
# a long table is edited a page of rows at a time
# ------------------------------------------------------------------------------------------------
def test_a_long_table_is_edited_a_page_at_a_time_and_edits_survive_a_page_change():
    from gcpcalc.app.form import PAGE_ROWS

    n = 2 * PAGE_ROWS + 500
    at = AppTest.from_function(_app_with_big_data, args=(n,), default_timeout=600)
    at.run()
    at.session_state["gc_page"] = "form"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    pick = at.selectbox(key="gc_rows_inflows")
    assert pick.label == f"表示する行（全{n:,}行）"
    assert pick.options == ["1～1,000行目", "1,001～2,000行目", f"2,001～{n:,}行目"]
    assert len(at.data_editor[0].value) == PAGE_ROWS  # one page in the browser, not the whole table
    before = at.session_state["gc_current"]["inflows"]
    assert before is at.session_state["gc_base"]["inflows"]  # nothing edited: the table itself
    # an edit on the third page: the table (all rows) holds it, the figures follow
    pick.set_value(3).run()
    editor = at.data_editor[0]
    assert list(editor.value.index[:2]) == [2 * PAGE_ROWS + 1, 2 * PAGE_ROWS + 2]  # the rows' own numbers
    at.session_state[editor.key] = {"edited_rows": {0: {"mass": "-5"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    whole = at.session_state["gc_current"]["inflows"]
    assert len(whole) == n and whole.at[2 * PAGE_ROWS + 1, "mass"] == "-5"
    errors = [e.value for e in at.error]
    assert f"インフロー {2 * PAGE_ROWS + 1}行目：質量：-5 は最小値 0 未満です。" in errors, errors
    # another page: the edit stays in the table, and the new page's editor starts from it
    at.selectbox(key="gc_rows_inflows").set_value(1).run()
    assert at.session_state["gc_base"]["inflows"].at[2 * PAGE_ROWS + 1, "mass"] == "-5"
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {0: {"mass": "7"}}, "added_rows": [{"line_id": "NEW-1"}],
                                    "deleted_rows": []}
    at.run()
    whole = at.session_state["gc_current"]["inflows"]
    assert len(whole) == n + 1 and list(whole.index[:2]) == [1, 2] and whole.index[-1] == n + 1
    assert whole.at[1, "mass"] == "7" and whole.at[PAGE_ROWS + 1, "line_id"] == "NEW-1"  # added after page 1
    assert whole.at[2 * PAGE_ROWS + 2, "mass"] == "-5"  # the earlier edit, one row further down


def test_chart_data_is_made_on_first_use_from_the_tables_of_the_figures():
    """An evaluation after an edit does not wait for the chart data; the results page gets the chart data of
    the same tables as a full reading."""
    from gcpcalc.app import charts
    from gcpcalc.tables import normalise

    data = synthetic_assessment(300, 40, n_products=3)
    frames = {tid: frame_from_rows(tid, data.get(tid)) for tid in F.LIST_TABLES}
    ev = EvaluationCache().evaluate(data["organisation"], frames)
    assert ev.ok and ev._charts is None
    made = ev.charts
    assert ev._charts is made and ev.charts is made
    expected = charts.chart_data(normalise(ev.assessment), ev.results)
    assert made.keys() == expected.keys() and {"waste", "sankey"} <= set(made)
    assert made["waste"] == expected["waste"]
    assert sum(v for *_, v in made["waste"]) > 0


def test_an_edit_on_a_page_of_a_long_table_compares_that_page_only(big, monkeypatch):
    """The app tells the cache which page of a long table the editor showed: the rows of that page only are
    compared with the table before (the others are the base's), with the digest and figures of a full reading;
    a hint that does not fit the last table seen is not used."""
    import gcpcalc.app.engine as E

    data, frames = big
    base = frames["inflows"]
    cache = EvaluationCache()
    cache.evaluate(data["organisation"], frames)
    compared = []
    original = E._changed_rows
    monkeypatch.setattr(E, "_changed_rows", lambda a, b: compared.append(len(b)) or original(a, b))

    def on_page(page_edit, first=2000, last=3000):
        page = base.iloc[first:last].copy()
        page_edit(page)
        whole = pd.concat([base.iloc[:first], page, base.iloc[last:]])
        return whole, {"inflows": (whole, base, first, last)}

    whole, hint = on_page(lambda page: page.__setitem__("mass", page["mass"].where(page.index != 2500, "4321")))
    ev = cache.evaluate(data["organisation"], {**frames, "inflows": whole}, derived=hint)
    assert compared == [1000]
    assert cache.digest("inflows", whole) == frame_digest(whole)
    assert ev.assessment.inflows[2499]["mass"] == 4321.0
    _same_evaluation(ev, _full(data, {**frames, "inflows": whole}))
    # a second edit of the same page: compared with the first edit, that page only
    compared.clear()
    again, hint = on_page(lambda page: (page.__setitem__("mass", page["mass"].where(page.index != 2500, "4321")),
                                        page.__setitem__("description", page["description"].where(
                                            page.index != 2999, "second edit"))))
    ev2 = cache.evaluate(data["organisation"], {**frames, "inflows": again}, derived=hint)
    assert compared == [1000] and cache.digest("inflows", again) == frame_digest(again)
    assert ev2.assessment.inflows[2998]["description"] == "second edit"
    _same_evaluation(ev2, _full(data, {**frames, "inflows": again}))
    # a hint naming another base: the whole table is compared
    compared.clear()
    other = again.copy()
    other.at[N, "mass"] = "11"
    ev3 = cache.evaluate(data["organisation"], {**frames, "inflows": other},
                         derived={"inflows": (other, base.copy(), 2000, 3000)})
    assert compared == [N] and ev3.assessment.inflows[N - 1]["mass"] == 11.0
    _same_evaluation(ev3, _full(data, {**frames, "inflows": other}))
