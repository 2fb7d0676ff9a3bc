"""The trend sheet of the report (xlsxwriter), read back with openpyxl and checked cell by cell."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
import xlsxwriter

from gcpcalc.excel.report_trend import trend_sheet, write_trend_sheet
from gcpcalc.store import RevisionInfo, Target, build_trend

UTC = dt.timezone.utc


def _rev(year: int, number: int, ci: float | None, crit: float | None) -> RevisionInfo:
    return RevisionInfo("=HYPERLINK(\"http://x\")", dt.date(year, 4, 1), dt.date(year + 1, 3, 31), number,
                        dt.datetime(year, 5, 1, tzinfo=UTC), "a", "", "", "x",
                        {"cti.circular_inflow_pct": ci, "cti.critical_inflow_pct": crit})


def _trend():
    revisions = [_rev(2024, 1, 10.0, 20.0), _rev(2025, 3, 14.0, None), _rev(2026, 2, 15.0, 12.0)]
    targets = [Target("X", "cti.circular_inflow_pct", 2030, 30.0),
               Target("X", "cti.critical_inflow_pct", 2030, 10.0, 2024, 20.0, "=cmd|' /C calc'!A0")]
    return build_trend("=HYPERLINK(\"http://x\")", revisions, targets)


def _book(lang: str, constant_memory: bool = False) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": constant_memory,
                                   "strings_to_formulas": False})
    write_trend_sheet(wb, {}, lang, _trend())
    wb.close()
    return buf.getvalue()


@pytest.mark.parametrize("constant_memory", [False, True])
def test_trend_sheet_values_targets_and_chart(constant_memory):
    data = _book("en", constant_memory)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Trend"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0].startswith("Trend of the key indicators — =HYPERLINK")
    assert ws.cell(1, 1).data_type == "s"
    header = rows[3]
    assert header[:5] == ["Indicator", "Unit", "FY2024", "FY2025", "FY2026"]  # named by the year the period starts
    assert rows[4][:5] == ["Revision", None, 1, 3, 2]
    assert rows[5][:5] == ["Circular inflow", "%", 10.0, 14.0, 15.0]
    crit = next(r for r in rows[5:8] if r[0] and r[0] != "Circular inflow")
    assert crit[2:5] == [20.0, None, 12.0]  # the missing 2025 value stays blank
    i = next(k for k, r in enumerate(rows) if r[0] == "Targets and progress")
    assert rows[i + 1][:3] == ["Indicator", "Unit", "Target year"]
    ci, cr = rows[i + 2], rows[i + 3]
    # circular inflow: baseline 2024 = 10, latest 2026 = 15, path 10 + 20 * 2/6, progress 25 %
    assert ci[2:10] == [2030, 30.0, 2024, 10.0, 2026, 15.0, pytest.approx(10 + 20 * 2 / 6), pytest.approx(25.0)]
    assert ci[10] == "behind the path"
    assert {ws.cell(i + 3, c).number_format for c in (3, 5, 7)} == {"0"}  # years: 2030, not 2,030
    # critical inflow (lower is better): 20 -> 12 against a path of 16.67: on track, 80 % of the way
    assert cr[7:11] == [12.0, pytest.approx(20 - 10 * 2 / 6), pytest.approx(80.0), "on track"]
    assert cr[11] == "=cmd|' /C calc'!A0" and ws.cell(i + 4, 12).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode()
    assert "<c:lineChart>" in xml
    assert xml.count("<c:ser>") == 2  # the two % indicators
    assert "Trend!$C$6:$E$6" in xml and "Trend!$C$4:$E$4" in xml
    assert 'dispBlanksAs val="zero"' not in xml  # gaps, Excel's default, not false zeros


def test_trend_sheet_in_japanese_through_the_report_hook():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    trend_sheet(_trend())(wb, {}, "ja")
    wb.close()
    ws = openpyxl.load_workbook(buf)["推移"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[3][:2] == ["指標", "単位"]
    assert rows[5][0] == "循環インフロー率"
    assert rows[3][2:5] == ["2024年度", "2025年度", "2026年度"]
    assert "年度は報告期間の開始年で表す" in rows[1][0]
    statuses = [r[10] for r in rows if len(r) > 10 and r[10] in ("計画未達", "計画どおり")]
    assert statuses == ["計画未達", "計画どおり"]


def test_trend_sheet_without_periods_has_no_chart():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    write_trend_sheet(wb, {}, "en", build_trend("X", [], []))
    wb.close()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        assert not [n for n in z.namelist() if n.startswith("xl/charts/")]
    ws = openpyxl.load_workbook(buf)["Trend"]
    assert ws.cell(4, 1).value == "Indicator" and ws.cell(4, 3).value is None
