"""The document model, the shared breakdowns, the Excel report's layout rules and the input echo that never
cuts rows silently."""
import io

import openpyxl
import pytest

from gcpcalc.document import build_document, section_keys
from gcpcalc.document import breakdowns as B
from gcpcalc.document.model import Num, Table
from gcpcalc.document.numbers import excel_format, format_number
from gcpcalc.excel import report as R
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.tables import normalise

DATA = {
    "organisation": {"name": "テスト株式会社", "period_start": "2025-04-01", "period_end": "2026-03-31"},
    "inflows": [
        {"line_id": "IN-1", "material": "steel", "business_unit": "A", "mass": 100, "recycled_postconsumer_pct": 50},
        {"line_id": "IN-2", "material": "paper", "business_unit": "B", "mass": 300, "renewable_pct": 100,
         "sustainably_sourced_pct": 40},
    ],
    "outflows": [
        {"line_id": "W-1", "flow_type": "waste", "business_unit": "A", "mass": 10, "hazardous": True,
         "destination": "recycling"},
        {"line_id": "W-2", "flow_type": "waste", "mass": 30, "destination": "landfill"},
        {"line_id": "P-1", "flow_type": "product", "business_unit": "B", "mass": 60000, "mass_unit": "kg",
         "recovery_potential_pct": 50, "actual_recovery_pct": 20},
    ],
}


@pytest.fixture(scope="module")
def case():
    a = load_assessment(DATA)
    return a, compute(a), normalise(a)


def test_breakdowns_hand_values(case):
    a, res, tables = case
    bd = B.compute_breakdowns(tables, res)
    # steel 100 t: 50 recycled, 50 virgin; paper 300 t renewable: 120 sustainably sourced, 180 other renewable
    assert B.inflow_by_category(bd.inflow) == {"cat_recycled": 50.0, "cat_renewable_sustainable": 120.0,
                                                "cat_renewable_other": 180.0, "cat_virgin": 50.0}
    assert B.material_table(bd.inflow)[0][0] == "paper" and B.material_table(bd.inflow)[0][2] == 300.0
    assert B.destination_totals(bd.outflow) == {"recycling": 10.0, "landfill": 30.0, "none": 60.0}
    # business units: A in 100 (circular 50) out 10; B in 300 (circular 120) out 60; W-2 has none
    assert bd.business_units == [("B", 300.0, 120.0, 60.0), ("A", 100.0, 50.0, 10.0), ("none", 0.0, 0.0, 30.0)]
    # Sankey: product 60 t, 20 % recovered = 12 t; waste 40 t, 10 t recycled
    links = {(s, d): v for s, d, v in bd.sankey}
    assert links[("product", "recovered")] == pytest.approx(12.0)
    assert links[("waste", "recovered")] == pytest.approx(10.0)
    assert links[("organisation_node", "waste")] == pytest.approx(40.0)
    assert bd.waste == [("hazardous", "recycling", 10.0), ("non_hazardous", "landfill", 30.0)]


def test_app_uses_the_shared_breakdowns(case):
    from gcpcalc.app import charts

    a, res, tables = case
    data = charts.chart_data(tables, res)
    bd = B.compute_breakdowns(tables, res)
    assert data["sankey"] == bd.sankey and data["waste"] == bd.waste
    assert data["inflow"].equals(bd.inflow) and data["outflow"].equals(bd.outflow)


def test_number_rules():
    assert format_number(1234.567, "t") == "1,234.6" and excel_format("t", 1234.5) == "#,##0.0"
    assert format_number(12.345, "t") == "12.35" and excel_format("t", 12.3) == "#,##0.00"
    assert format_number(0.70949, "0-1") == "0.709" and excel_format("0-1") == "0.000"
    assert format_number(12.25, "%") == "12.3" and excel_format("%") == "0.0"
    assert format_number(1.355, "ratio") == "1.36" and excel_format("ratio") == "0.00"
    assert format_number(4845619.4, "JPY/t") == "4,845,619" and excel_format("JPY/t") == "#,##0"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_document_sections_and_values_come_from_results(case, lang):
    a, res, _ = case
    doc = build_document(res, a, lang)
    keys = [s.key for s in doc.sections]
    assert keys[:2] == ["summary", "flows"]
    assert keys[2:8] == ["cti", "value_impact", "iso59020", "esrs_e5", "gcp", "mci"]
    assert keys[-5:] == ["dq", "trace", "trace_lines", "methodology", "inputs"]
    kf = doc.section("summary").table("key_figures")
    ids = [row[-1] for row in kf.rows]
    for row in kf.rows:
        assert row[1] == Num(res.value(row[-1]), res[row[-1]].unit, None) or (
            row[1].value is None and res.value(row[-1]) is None and row[1].reason == res[row[-1]].reason(lang))
    assert "cti.circular_inflow_pct" in ids and "mci.company" in ids
    from gcpcalc import fields as F
    from gcpcalc.disclosure import disclosure_status

    status = doc.section("esrs_e5").table("esrs_status")
    assert [row[0] for row in status.rows] == list(F.ESRS_E5_DATAPOINTS)
    assert [row[3] for row in status.rows] == [s.status_label(lang) for s in disclosure_status(res, [])]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_source_clauses_of_the_report_are_in_its_language(case, lang):
    """Every indicator table and the methodology list cite each figure's source clause in the report's language
    (ja: 「CTI v4.0『Close the loop』：インフロー質量」, the words translated, standard names and clause numbers
    kept), as the app and the JSON output do."""
    from gcpcalc.i18n import ui
    from gcpcalc.indicators.catalogue import definition
    from gcpcalc.document.model import Table

    a, res, _ = case
    doc = build_document(res, a, lang)
    checked = 0
    for section in doc.sections:
        for block in section.blocks:
            if not isinstance(block, Table) or not block.rows:
                continue
            labels = [c.label for c in block.columns]
            if ui("clause", lang) not in labels or labels[0] != ui("id", lang):
                continue
            c = labels.index(ui("clause", lang))
            for row in block.rows:
                want = definition(row[0]).clause_text(lang)
                assert row[c] == want, (section.key, row[0], row[c])
                checked += 1
    assert checked > 200
    cited = {row[0]: row for s in doc.sections for b in s.blocks if isinstance(b, Table) for row in b.rows}
    inflow = cited["cti.inflow_t"]
    expected = "CTI v4.0『Close the loop』：インフロー質量" if lang == "ja" else "CTI v4.0, Close the loop: inflow mass"
    assert expected in inflow


def test_register_section_adds_a_sheet_and_a_chapter(case):
    from gcpcalc.document import Column, Section, register_section
    from gcpcalc.document import build as build_mod

    a, res, _ = case
    saved = list(build_mod._REGISTRY)
    try:
        def extra(ctx):
            rows = [[r.label(ctx.lang), ctx.num(r)] for r in ctx.results.with_prefix("cti.inflow_t")]
            return Section("extra", "Extra figures", [Table("extra", "", [Column("x", "wrap", 30),
                                                                          Column("t", "num")], rows)], sheet="Extra")
        register_section("extra", extra, after="mci")
        assert section_keys()[section_keys().index("mci") + 1] == "extra"
        data = R.report_bytes(res, a, lang="en")
        wb = openpyxl.load_workbook(io.BytesIO(data))
        assert wb.sheetnames.index("Extra") == wb.sheetnames.index("MCI") + 1
        assert wb["Extra"]["B4"].value == pytest.approx(400.0)
    finally:
        build_mod._REGISTRY[:] = saved


@pytest.mark.parametrize("constant_memory", [False, True])
def test_long_input_table_continues_on_further_sheets(case, monkeypatch, constant_memory):
    """Issue 10: a table longer than a worksheet is continued, never cut (small limit for speed)."""
    rows = [{"line_id": f"IN-{i:03d}", "mass": float(i + 1)} for i in range(11)]
    a = load_assessment({**DATA, "inflows": rows})
    monkeypatch.setattr(R, "EXCEL_MAX_ROWS", 5)  # 4 lines per sheet under the header
    data = R.report_bytes(compute(a), a, lang="en", constant_memory=constant_memory)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    names = ["Input Inflows", "Input Inflows (2)", "Input Inflows (3)"]
    assert [n for n in wb.sheetnames if n.startswith("Input Inflows")] == names
    seen = []
    for n in names:
        ws = wb[n]
        assert ws["A1"].value == "Line id"
        seen += [(ws.cell(row=r, column=1).value, ws.cell(row=r, column=5).value) for r in range(2, ws.max_row + 1)]
    assert seen == [(f"IN-{i:03d}", i + 1) for i in range(11)]
    assert [wb[n].max_row for n in names] == [5, 5, 4]
    # the first page says where the lines are
    text = "\n".join(str(c.value) for row in wb["Summary"].iter_rows() for c in row if c.value)
    assert "Rows 1–4 of 11 are on sheet Input Inflows." in text
    assert "Rows 9–11 of 11 are on sheet Input Inflows (3)." in text


def test_the_real_row_limit_constant():
    assert R.EXCEL_MAX_ROWS == 1_048_576
    plan = R.input_sheet_plan(None, "en")
    assert all(parts == [] for parts in plan.values())


def test_wrapped_lines_estimate():
    assert R.wrapped_lines("short", 20) == 1
    # Latin characters count 1.1 units: "one two" | "three" | "four" | "five" | "six" in 8.5 usable units
    assert R.wrapped_lines("one two three four five six", 10) == 5
    assert R.wrapped_lines("あ" * 20, 11.5) == 4  # 40 units of width in 10 usable units
    assert R.wrapped_lines("a\nb\nc", 30) == 3


def test_procurement_sheet_prints_landscape_with_ids_repeated():
    from gcpcalc.sample import sample_assessment

    a = load_assessment(sample_assessment())
    wb = openpyxl.load_workbook(io.BytesIO(R.report_bytes(compute(a), a, lang="ja")))
    ws = wb["グリーン購入"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_cols == "$A:$A"
    assert ws.print_title_rows == "$4:$4"
    # conditions are wrapped over several lines: the rows are tall enough
    assert all((ws.row_dimensions[r].height or 15) >= 30 for r in range(5, ws.max_row - 4) if ws.cell(r, 1).value)


def test_fast_input_rows_equal_the_xlsxwriter_calls(monkeypatch):
    """The constant-memory fast path writes the same cells, types and formats as xlsxwriter's own calls in
    the same mode, and the same values as the shared-strings mode (escapes aside)."""
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(150, 150, seed=5)
    data["inflows"][0]["description"] = ' <b>&"x"\x01 _x0000_ '
    data["inflows"][1]["description"] = "=SUM(A1:A2)"
    a = load_assessment(data)
    res = compute(a)
    fast = openpyxl.load_workbook(io.BytesIO(R.report_bytes(res, a, lang="ja", constant_memory=True)))
    monkeypatch.setattr(R, "_fast_rows_supported", lambda ws: False)
    slow = openpyxl.load_workbook(io.BytesIO(R.report_bytes(res, a, lang="ja", constant_memory=True)))
    names = [n for n in slow.sheetnames if n.startswith("入力（")]
    assert names == [n for n in fast.sheetnames if n.startswith("入力（")] and len(names) >= 3
    for n in names:
        s_rows = [[(c.value, c.data_type, c.number_format) for c in row] for row in slow[n].iter_rows()]
        f_rows = [[(c.value, c.data_type, c.number_format) for c in row] for row in fast[n].iter_rows()]
        assert s_rows == f_rows, n
    ws = fast["入力（インフロー）"]
    assert ws["B2"].value.startswith('<b>&"x"') and ws["B3"].value == "=SUM(A1:A2)" and ws["B3"].data_type == "s"
    assert ws.max_row == 151


def _assert_fast_sheets_equal_xlsxwriters(monkeypatch, res, a) -> None:
    """The sheet XML of the constant-memory report with the fast paths is, byte for byte, that of xlsxwriter's
    own write_* calls (the fast paths switched off)."""
    import datetime as dt
    import zipfile

    when = dt.datetime(2026, 1, 1, 9, 0)
    fast = zipfile.ZipFile(io.BytesIO(R.report_bytes(res, a, lang="ja", constant_memory=True, generated_at=when)))
    with monkeypatch.context() as m:
        m.setattr(R, "_fast_rows_supported", lambda ws: False)
        slow = zipfile.ZipFile(io.BytesIO(R.report_bytes(res, a, lang="ja", constant_memory=True, generated_at=when)))
    sheets = [n for n in slow.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets == [n for n in fast.namelist() if n.startswith("xl/worksheets/sheet")] and len(sheets) > 10
    for n in sheets:
        assert fast.read(n) == slow.read(n), n


def test_fast_input_rows_write_the_same_sheet_xml_as_xlsxwriter(monkeypatch):
    """Byte for byte: the input sheets of the constant-memory fast path (cells converted column by column)
    are the XML xlsxwriter writes for its own write_* calls, escapes and kept white space included."""
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(300, 300, seed=7)
    data["inflows"][0]["description"] = ' <b>&"x"\x01 _x0000_ '
    data["inflows"][1]["description"] = " lead"
    data["inflows"][2]["description"] = "trail\n"
    data["inflows"][3]["supplier"] = "A&B"
    data["inflows"][4]["business_unit"] = "\u3000全角"
    data["outflows"][5]["description"] = "x\ufffe"
    a = load_assessment(data)
    res = compute(a)
    _assert_fast_sheets_equal_xlsxwriters(monkeypatch, res, a)


@pytest.mark.parametrize("bulk_rows", [R.BULK_TABLE_ROWS, 3])
def test_long_section_tables_write_the_same_sheet_xml_as_xlsxwriter(monkeypatch, bulk_rows):
    """Byte for byte: the long tables of the sections (the derived values of every line; with a threshold of 3
    rows every table of every section) written on the constant-memory fast path are the XML xlsxwriter writes
    for the cell-by-cell loop: the same cells, number formats, merged cells and row heights."""
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(650, 600, seed=11)
    data["inflows"][0]["line_id"] = "IN-&<1>"
    data["outflows"][1]["line_id"] = " OUT-lead"
    a = load_assessment(data)
    res = compute(a)
    monkeypatch.setattr(R, "BULK_TABLE_ROWS", bulk_rows)
    calls = []
    original = R._Writer._bulk_rows
    monkeypatch.setattr(R._Writer, "_bulk_rows", lambda self, *args: calls.append(args[1].key) or original(self, *args))
    _assert_fast_sheets_equal_xlsxwriters(monkeypatch, res, a)
    assert {"trace_inflows", "trace_outflows"} <= set(calls)
    if bulk_rows == 3:
        assert len(calls) > 10
    wb = openpyxl.load_workbook(io.BytesIO(R.report_bytes(res, a, lang="ja", constant_memory=True)))
    ws = wb["行ごとの算定値"]
    ids = [row[0] for row in ws.iter_rows(values_only=True)]
    assert "IN-&<1>" in ids and any(str(i).strip() == "OUT-lead" for i in ids) and ids.count(None) < 20


def test_summary_labels_the_software_version_not_the_rule_version(case):
    a, res, _ = case
    wb = openpyxl.load_workbook(io.BytesIO(R.report_bytes(res, a, lang="ja")))
    ws = wb["概要"]
    row = next(r for r in ws.iter_rows() if r[1].value == "0.1.0")
    assert row[0].value == "gcpcalc バージョン"
    mci = next(r for r in ws.iter_rows() if r[-1].value == "mci.company" or "mci.company" in [c.value for c in r])
    assert "0-1" not in [c.value for c in mci]  # the MCI unit reads 指数（0～1）, not glued "0-1"


def test_summary_compares_with_the_previous_saved_period_and_shows_targets(case):
    a, res, _ = case
    trend = {
        "organisation": "テスト株式会社",
        "periods": [{"period_start": "2024-04-01", "period_end": "2025-03-31", "year": 2024, "revision": 1,
                     "saved_at": "2025-05-01T00:00:00"},
                    {"period_start": "2025-04-01", "period_end": "2026-03-31", "year": 2025, "revision": 2,
                     "saved_at": "2026-05-01T00:00:00"}],
        "indicators": [{"id": "cti.circular_inflow_pct", "label_en": "Circular inflow", "label_ja": "循環インフロー比率",
                        "unit": "%", "values": [20.0, res.value("cti.circular_inflow_pct")]}],
        "targets": [{"indicator_id": "cti.circular_inflow_pct", "target_year": 2030, "target_value": 60.0,
                     "latest_value": res.value("cti.circular_inflow_pct"), "progress_pct": 50.0,
                     "status": "on_track", "label_en": "Circular inflow", "label_ja": "循環インフロー比率",
                     "unit": "%"}],
    }
    doc = build_document(res, a, "en", trend=trend)
    kf = doc.section("summary").table("key_figures")
    assert [c.label for c in kf.columns][4:6] == ["Previous period (2024-04-01 – 2025-03-31)", "Change"]
    row = next(r for r in kf.rows if r[-1] == "cti.circular_inflow_pct")
    assert row[4] == Num(20.0, "%") and row[5].value == pytest.approx(res.value("cti.circular_inflow_pct") - 20.0)
    targets = doc.section("summary").table("targets")
    assert targets.rows[0][:3] == ["Circular inflow", "2030", Num(60.0, "%")]
    assert targets.rows[0][4] == Num(50.0, "%") and targets.rows[0][5] == "on track"


# ------------------------------------------------------------------------------------------------
# the trace section builds the line traces once: the same lines and shares as contributions()
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["sample", "synthetic", "ties"])
def test_trace_section_top_lines_equal_contributions(source):
    import numpy as np

    from gcpcalc.document.trace import _Traces
    from gcpcalc.indicators import compute
    from gcpcalc.indicators.trace import contributions, measure_of
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment, synthetic_assessment
    from gcpcalc.tables import normalise

    if source == "sample":
        data = sample_assessment()
    else:
        data = synthetic_assessment(400, 400, n_products=5, seed=3)
        if source == "ties":  # equal masses: the order among equal contributions is the input order
            for row in data["inflows"] + data["outflows"]:
                row["mass"], row["mass_unit"] = 2.0, "t"
    assessment = load_assessment(data)
    tables = normalise(assessment)
    results = compute(assessment)
    traces = _Traces(tables)
    ids = [i for i in results if measure_of(i) is not None]
    assert len(ids) > 30
    for iid in ids:
        for top in (1, 5, 50):
            c = contributions(tables, iid, top=top)
            got = traces.top(iid, top)
            assert got[0] == list(c.lines["line_id"]), iid
            assert np.array_equal(np.array(got[1], dtype=float), c.lines["contribution_t"].to_numpy()), iid
            assert np.array_equal(np.array(got[2], dtype=float), c.lines["share_pct"].to_numpy()), iid


@pytest.mark.parametrize("large", [True, False])
def test_a_large_report_keeps_the_existing_objects_out_of_the_collectors_passes(case, large):
    """A large (constant-memory) report is written with the objects that existed before it frozen out of the
    garbage collector's passes, and gives them back afterwards, also when writing fails; a small one leaves
    the collector alone."""
    import gc

    a, res, _ = case
    seen = []
    R.report_bytes(res, a, lang="ja", constant_memory=large, progress=lambda k, f: seen.append(gc.get_freeze_count()))
    assert seen and (min(seen) > 1000 if large else max(seen) == 0)
    assert gc.get_freeze_count() == 0

    def fail(k, f):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        R.report_bytes(res, a, lang="ja", constant_memory=large, progress=fail)
    assert gc.get_freeze_count() == 0
