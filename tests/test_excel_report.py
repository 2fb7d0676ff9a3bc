"""The disclosure report: loads back with openpyxl, numbers are numbers, text stays text, hand-computed figures."""
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from gcpcalc.excel.report import outflow_by_destination, report_bytes
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment

DATA = {
    "organisation": {"name": "テスト株式会社", "period_start": "2025-04-01", "period_end": "2026-03-31"},
    "inflows": [
        {"line_id": "IN-1", "description": '=HYPERLINK("http://example.com","x")', "mass": 100,
         "recycled_postconsumer_pct": 50},
        {"line_id": "IN-2", "mass": 300},
    ],
    "outflows": [
        {"line_id": "W-1", "flow_type": "waste", "mass": 10, "hazardous": True, "destination": "recycling"},
        {"line_id": "W-2", "flow_type": "waste", "mass": 30, "destination": "landfill"},
        {"line_id": "P-1", "flow_type": "product", "mass": 60000, "mass_unit": "kg", "recovery_potential_pct": 50,
         "actual_recovery_pct": 20},
    ],
}
WHEN = dt.datetime(2026, 5, 1, 9, 30)


@pytest.fixture(scope="module")
def assessment():
    return load_assessment(DATA)


def _report(assessment, lang, **kw):
    data = report_bytes(compute(assessment), assessment, lang=lang, input_sha256="ab" * 32, input_name="in.json",
                        generated_at=WHEN, **kw)
    return data, openpyxl.load_workbook(io.BytesIO(data))


def _find(ws, label):
    for row in ws.iter_rows():
        for c in row:
            if c.value == label:
                return c
    raise AssertionError(label)


def test_outflow_by_destination_hand_values(assessment):
    # W-1 10 t recycling, W-2 30 t landfill, P-1 60 000 kg = 60 t without route
    assert outflow_by_destination(assessment) == {"recycling": 10.0, "landfill": 30.0, None: 60.0}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_sheets_and_cover(assessment, lang):
    data, wb = _report(assessment, lang)
    if lang == "ja":
        assert wb.sheetnames[:9] == ["表紙", "サマリー", "CTI", "ISO 59020", "ESRS E5", "GCP", "MCI", "データ品質", "方法論"]
        assert "入力_インフロー" in wb.sheetnames
    else:
        assert wb.sheetnames[:9] == ["Cover", "Summary", "CTI", "ISO 59020", "ESRS E5", "GCP", "MCI", "Data quality",
                                     "Methodology"]
    cover = wb.worksheets[0]
    values = [c.value for row in cover.iter_rows() for c in row]
    assert "ab" * 32 in values and "テスト株式会社" in values and "0.1.0" in values
    assert dt.datetime(2026, 5, 1, 9, 30) in values
    # every sheet prints landscape fitted to width with a print area
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        # fit to one page wide (fitToWidth 1 is the default xlsxwriter leaves out), any number of pages tall
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_area
    # four native charts on the summary
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(n for n in names if n.startswith("xl/charts/chart")) == [f"xl/charts/chart{i}.xml" for i in (1, 2, 3, 4)]


def test_hand_computed_figures(assessment):
    _, wb = _report(assessment, "en")
    cti = wb["CTI"]
    # recycled inflow: 100 t × 50 % / 400 t = 12.5 %
    cell = _find(cti, "cti.recycled_inflow_pct")
    value = cti.cell(row=cell.row, column=3)
    assert value.value == pytest.approx(12.5) and value.data_type == "n" and value.number_format == "0.0"
    assert cti.cell(row=cell.row, column=4).value == "%"
    # outflow 10 + 30 + 60 = 100 t
    cell = _find(cti, "cti.outflow_t")
    assert cti.cell(row=cell.row, column=3).value == pytest.approx(100.0)
    # ESRS tables in the E5-5 §37 layout: hazardous × recovery operation, non-hazardous × disposal
    esrs = wb["ESRS E5"]
    title = _find(esrs, "Waste diverted from disposal (E5-5_08, t)")
    r = title.row
    assert [c.value for c in esrs[r + 1][:5]] == ["Type of waste", "Preparation for reuse", "Recycling", "Other recovery",
                                                   "Total"]
    assert [c.value for c in esrs[r + 2][:5]] == ["Hazardous", 0, 10, 0, 10]
    assert [c.value for c in esrs[r + 3][:5]] == ["Non-hazardous", 0, 0, 0, 0]
    assert [c.value for c in esrs[r + 4][:5]] == ["Total", 0, 10, 0, 10]
    title = _find(esrs, "Waste directed to disposal (E5-5_09, t)")
    r = title.row
    assert [c.value for c in esrs[r + 3][:5]] == ["Non-hazardous", 0, 30, 0, 30]
    dp = _find(esrs, "esrs_e5.waste_total_t")
    assert esrs.cell(row=dp.row, column=3).value == 40 and esrs.cell(row=dp.row, column=5).value == "E5-5_07"
    # summary: hazardous 10 t, non-hazardous 40 - 10 = 30 t
    summary = wb["Summary"]
    hz = _find(summary, "Hazardous")
    assert summary.cell(row=hz.row, column=2).value == 10
    assert summary.cell(row=hz.row + 1, column=2).value == 30
    linear = _find(summary, "Linear (virgin non-renewable and other)")
    assert summary.cell(row=linear.row, column=2).value == pytest.approx(87.5)


@pytest.mark.parametrize("constant_memory", [False, True])
def test_inputs_echoed_and_text_stays_text(assessment, constant_memory):
    _, wb = _report(assessment, "en", constant_memory=constant_memory)
    ws = wb["Input Inflows"]
    assert [c.value for c in ws[1][:5]] == ["Line id", "Description", "Material", "Business unit", "Mass"]
    desc = ws["B2"]
    assert desc.value == '=HYPERLINK("http://example.com","x")' and desc.data_type == "s"
    assert ws["E2"].value == 100 and ws["E2"].data_type == "n"
    assert ws["E3"].value == 300
    out = wb["Input Outflows"]
    assert [c.value for c in out[4][:3]] == ["P-1", None, "Product"]
    if constant_memory:
        assert ws.auto_filter.ref == "A1:T3" and not ws.tables
    else:
        assert list(ws.tables) == ["input_inflows"]


def test_messages_and_methodology(assessment):
    from gcpcalc.messages import Message

    note = Message("column_extra", "warning", "インフロー!P1: Column 'memo' ...", "インフロー!P1：列「memo」…",
                   location="インフロー!P1")
    _, wb = _report(assessment, "ja", messages=[note])
    dq = wb["データ品質"]
    cell = _find(dq, "インフロー!P1")
    assert dq.cell(row=cell.row, column=1).value == "警告"
    assert dq.cell(row=cell.row, column=4).value.startswith("インフロー!P1：")
    meth = wb["方法論"]
    ids = [c.value for c in meth["A"]]
    assert "cti.circular_outflow_pct" in ids and "mci.product.{product_id}" in ids or "mci.company" in ids


def test_extra_sheet_hook(assessment):
    calls = []

    def trend(workbook, formats, lang):
        calls.append(lang)
        ws = workbook.add_worksheet("Trend")
        ws.write_string(0, 0, "trend", formats["title"])

    _, wb = _report(assessment, "en", extra_sheets=[trend])
    assert calls == ["en"] and wb["Trend"]["A1"].value == "trend"
