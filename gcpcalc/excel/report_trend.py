"""The trend sheet of the report: key indicators per reporting period, targets and progress, a line chart.

``trend_data`` is :func:`gcpcalc.store.trends.build_trend`'s dict (``periods``, ``indicators``,
``targets``). Rows are written top to bottom, so the sheet also works in xlsxwriter's constant-memory
mode; every text goes through ``write_string``; a figure that is missing (not computable, or not saved)
is left blank, so that the chart shows a gap rather than a false zero.

Use with the report's ``extra_sheets`` hook: ``write_report(..., extra_sheets=[trend_sheet(data)])``.
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import fiscal_year_label, unit_label

SHEET_TITLE = ("Trend", "推移")
_MAX_NAME = 31


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _fmt(workbook, formats: dict, key: str, **fallback):
    f = formats.get(key) if formats else None
    if f is None:
        f = workbook.add_format(fallback)
        if formats is not None:
            formats[key] = f
    return f


def _num_format(workbook, formats: dict, unit: str):
    if unit == "%":
        return _fmt(workbook, formats, "pct", num_format="0.0")
    if unit == "ratio":
        return _fmt(workbook, formats, "ratio", num_format="0.000")
    if unit.endswith("/t"):
        return _fmt(workbook, formats, "money", num_format="#,##0")
    return _fmt(workbook, formats, "num", num_format="#,##0.00")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _status_label(status: str, lang: str) -> str:
    from ..store.trends import status_label

    return status_label(status, lang)


def write_trend_sheet(workbook, formats: dict, lang: str, trend_data: dict, name: str | None = None):
    """Add the trend sheet to ``workbook`` (xlsxwriter) and return the worksheet."""
    lang = "ja" if lang == "ja" else "en"
    sheet_name = (name or _t(lang, *SHEET_TITLE))[:_MAX_NAME]
    ws = workbook.add_worksheet(sheet_name)
    f_title = _fmt(workbook, formats, "title", bold=True, font_size=16)
    f_h2 = _fmt(workbook, formats, "h2", bold=True, font_size=12, font_color="#1F4E78")
    f_head = _fmt(workbook, formats, "header", bold=True, font_color="#FFFFFF", bg_color="#1F4E78", border=1,
                  text_wrap=True)
    f_text = _fmt(workbook, formats, "text")
    f_muted = _fmt(workbook, formats, "muted", font_color="#808080", italic=True, text_wrap=True)
    f_int = _fmt(workbook, formats, "int", num_format="#,##0")
    f_year = _fmt(workbook, formats, "year", num_format="0")  # 2030, not 2,030
    f_pct = _fmt(workbook, formats, "pct", num_format="0.0")

    periods = trend_data.get("periods") or []
    indicators = [i for i in trend_data.get("indicators") or [] if any(_is_number(v) for v in i["values"])]
    targets = trend_data.get("targets") or []
    label_key = "label_ja" if lang == "ja" else "label_en"
    n = len(periods)

    r = 0
    ws.write_string(r, 0, _t(lang, "Trend of the key indicators", "主要指標の推移") + " — "
                    + str(trend_data.get("organisation") or ""), f_title)
    r += 1
    ws.write_string(r, 0, _t(lang, "Latest revision of each saved reporting period. A period is named by the fiscal "
                                   "year in which it starts (April 2025 – March 2026 = FY2025). Blank: not computable "
                                   "or not saved.",
                             "各報告期間の最新リビジョンを表示している。年度は報告期間の開始年で表す（例：2025年4月～"
                             "2026年3月＝2025年度）。空欄は算出不可または未保存である。"),
                    f_muted)
    r += 2
    header_row = r
    ws.write_string(r, 0, _t(lang, "Indicator", "指標"), f_head)
    ws.write_string(r, 1, _t(lang, "Unit", "単位"), f_head)
    for c, p in enumerate(periods):
        ws.write_string(r, 2 + c, fiscal_year_label(int(p.get("year") or str(p["period_start"])[:4]), lang), f_head)
    r += 1
    ws.write_string(r, 0, _t(lang, "Revision", "リビジョン"), f_muted)
    ws.write_blank(r, 1, None, f_muted)
    for c, p in enumerate(periods):
        ws.write_number(r, 2 + c, p["revision"], f_int)
    r += 1
    rows_of: dict[str, int] = {}
    for ind in indicators:
        rows_of[ind["id"]] = r
        ws.write_string(r, 0, str(ind[label_key]), f_text)
        ws.write_string(r, 1, unit_label(str(ind["unit"]), lang), f_text)
        fmt = _num_format(workbook, formats, ind["unit"])
        for c, v in enumerate(ind["values"]):
            if _is_number(v):
                ws.write_number(r, 2 + c, float(v), fmt)
        r += 1
    last_table_row = r - 1

    if targets:
        r += 1
        ws.write_string(r, 0, _t(lang, "Targets and progress", "目標と進捗"), f_h2)
        r += 1
        heads = [("Indicator", "指標"), ("Unit", "単位"), ("Target year", "目標年度"), ("Target", "目標値"),
                 ("Baseline year", "基準年度"), ("Baseline", "基準値"), ("Latest year", "最新年度"), ("Latest", "最新値"),
                 ("Straight-line path at the latest year", "最新年度の計画線（直線）"), ("Progress %", "進捗率（%）"),
                 ("Status", "状況"), ("Note", "備考")]
        for c, (en, ja) in enumerate(heads):
            ws.write_string(r, c, _t(lang, en, ja), f_head)
        r += 1
        for t in targets:
            fmt = _num_format(workbook, formats, t.get("unit") or "")
            ws.write_string(r, 0, str(t.get(label_key) or t["indicator_id"]), f_text)
            ws.write_string(r, 1, unit_label(str(t.get("unit") or ""), lang), f_text)
            for c, key, f in ((2, "target_year", f_year), (3, "target_value", fmt), (4, "baseline_year", f_year),
                              (5, "baseline_value", fmt), (6, "latest_year", f_year), (7, "latest_value", fmt),
                              (8, "path_value", fmt), (9, "progress_pct", f_pct)):
                if _is_number(t.get(key)):
                    ws.write_number(r, c, t[key], f)
            ws.write_string(r, 10, _status_label(t.get("status") or "no_data", lang), f_text)
            ws.write_string(r, 11, str(t.get("note") or ""), f_text)
            r += 1
        last_table_row = r - 1

    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 10)
    ws.set_column(2, max(2 + n, 12), 13)

    pct_rows = [(i, rows_of[i["id"]]) for i in indicators if i["unit"] == "%"]
    if n and pct_rows:
        chart = workbook.add_chart({"type": "line"})
        for ind, row in pct_rows:
            chart.add_series({
                "name": [sheet_name, row, 0],
                "categories": [sheet_name, header_row, 2, header_row, 1 + n],
                "values": [sheet_name, row, 2, row, 1 + n],
                "marker": {"type": "circle", "size": 6},
            })
        chart.set_title({"name": _t(lang, "Key indicators (%) by reporting period", "主要指標（%）の推移")})
        chart.set_y_axis({"name": "%", "min": 0})
        chart.set_x_axis({"name": _t(lang, "Fiscal year (year the period starts)", "年度（報告期間の開始年）")})
        chart.show_blanks_as("gap")
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 760, "height": 380})
        ws.insert_chart(last_table_row + 2, 0, chart)
        last_table_row += 22

    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, last_table_row, max(1 + n, 11 if targets else 1))
    ws.repeat_rows(header_row)
    return ws


def trend_sheet(trend_data: dict):
    """An ``extra_sheets`` callable ``(workbook, formats, lang)`` for :func:`gcpcalc.excel.report.write_report`."""

    def add(workbook, formats, lang):
        write_trend_sheet(workbook, formats, lang, trend_data)

    return add
