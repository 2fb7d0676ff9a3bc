"""The "Value and impact of the loop" blocks of the Excel report: CTI revenue by segment, GHG impact by
material and the emission factors used (on the CTI sheet), and avoided emissions by material with a bar
chart (on the summary sheet).

The content is :func:`gcpcalc.value_impact_section.section` (plain data); this module only writes it.
Numbers are written as numbers with a number format, text with ``write_string``.
"""
from __future__ import annotations

import math
from typing import Any

from ..i18n import ui
from ..value_impact_section import SUMMARY_IDS, section, text

__all__ = ["SUMMARY_IDS", "write_cti_block", "write_summary_block"]


def _num_format(unit: str, fmt: dict):
    if unit == "%":
        return fmt["pct"]
    if unit in ("t", "t CO2e"):
        return fmt["t"]
    if unit == "t CO2e/t":
        return fmt["idx"]
    if len(unit) == 3 and unit.isalpha() and unit.isupper():  # a currency code
        return fmt["money"]
    return fmt["text"]


def _write(ws, r: int, c: int, value: Any, unit: str, fmt: dict, lang: str, bold: bool = False) -> None:
    if value is None:  # a factor not given, an empty text: a dash; a figure: not computable
        ws.write_string(r, c, "—" if unit in ("", "t CO2e/t") else ui("not_computable", lang), fmt["muted"])
    elif isinstance(value, bool):
        ws.write_string(r, c, str(value), fmt["text"])
    elif isinstance(value, (int, float)):
        if not math.isfinite(float(value)):
            ws.write_string(r, c, str(value), fmt["muted"])
        else:
            ws.write_number(r, c, float(value), fmt["total_num"] if bold and unit != "%" else _num_format(unit, fmt))
    else:
        ws.write_string(r, c, str(value), fmt["total_label"] if bold else fmt["wrap"])


def _table(ws, r: int, table: dict, fmt: dict, lang: str) -> int:
    ws.write_string(r, 0, table["title"], fmt["h2"])
    r += 1
    cols = table["columns"]
    for c, col in enumerate(cols):
        head = col["label"] + (f" ({col['unit']})" if col["unit"] and col["unit"] not in col["label"] else "")
        ws.write_string(r, c, head, fmt["header"])
    ws.set_row(r, 28)  # two lines for headers with a unit
    reason_col = len(cols)
    has_reason = any(row.get("reason") for row in table["rows"])
    if has_reason:
        ws.write_string(r, reason_col, ui("reason", lang), fmt["header"])
    r += 1
    for row in table["rows"]:
        lines = 1
        for c, col in enumerate(cols):
            value = row.get(col["key"])
            _write(ws, r, c, value, col["unit"], fmt, lang)
            if isinstance(value, str) and c < len(COLUMN_CHARS):  # wrapped text: make the row tall enough
                lines = max(lines, math.ceil(_width(value) / (0.85 * COLUMN_CHARS[c])))
        if has_reason and row.get("reason"):
            ws.write_string(r, reason_col, row["reason"], fmt["wrap"])
        if lines > 1:
            ws.set_row(r, 14 * lines)
        r += 1
    total = table.get("total")
    if total:
        for c, col in enumerate(cols):
            if col["key"] in total:
                _write(ws, r, c, total[col["key"]], col["unit"], fmt, lang, bold=True)
        r += 1
    return r + 1


def write_cti_block(ws, r: int, report) -> int:
    """Below the CTI indicator table: the section's tables and notes. Returns the next free row."""
    lang, fmt = report.lang, report.fmt
    currency = (report.org.get("currency") or "") if report.org else ""
    data = section(report.results, lang, currency)
    ws.set_column(3, 3, 18)  # the unit column of the indicator table also holds CTI revenue and t CO2e here
    ws.write_string(r, 0, data["title"], fmt["title"])
    r += 2
    for table in data["tables"]:
        r = _table(ws, r, table, fmt, lang)
    for note in data["notes"]:
        # one note per row across the table's width, wrapped (an empty merge, then the text as a string)
        ws.merge_range(r, 0, r, NOTE_COLUMNS - 1, "", fmt["muted"])
        ws.write_string(r, 0, note, fmt["muted"])
        ws.set_row(r, 15 * max(1, math.ceil(_width(note) / NOTE_CHARS)))
        r += 1
    return r + 1


#: characters per line of the CTI sheet's columns A–H (its widths, with column D widened below)
COLUMN_CHARS = (34, 46, 14, 18, 40, 12, 40)  # columns H onwards lie outside the print area
#: the notes span the CTI sheet's columns A–H (about NOTE_CHARS characters of width)
NOTE_COLUMNS = 8
NOTE_CHARS = 200


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def write_summary_block(ws, sheet: str, r: int, report) -> tuple[int, Any]:
    """On the summary sheet: avoided emissions by material (data block and a bar chart).
    Returns (next free row, chart or None)."""
    lang, fmt = report.lang, report.fmt
    data = section(report.results, lang)
    mats = next((t for t in data["tables"] if t["id"] == "ghg_by_material"), None)
    title = ("GHG emissions avoided by material (t CO2e)" if lang == "en"
             else "素材別の GHG 排出削減量（t CO2e）")
    ws.write_string(r, 0, title, fmt["h2"])
    ws.write_string(r + 1, 0, text("material", lang), fmt["header"])
    ws.write_string(r + 1, 1, "t CO2e", fmt["header"])
    first = r + 2
    rows = mats["rows"] if mats else []
    if not rows:
        ws.write_string(first, 0, text("no_ghg", lang), fmt["muted"])
        return first + 1, None
    for i, row in enumerate(rows):
        ws.write_string(first + i, 0, str(row["material"]), fmt["text"])
        _write(ws, first + i, 1, row["avoided_tco2e"], "t CO2e", fmt, lang)
    last = first + len(rows) - 1
    chart = report.wb.add_chart({"type": "bar"})
    chart.add_series({"name": title, "categories": [sheet, first, 0, last, 0], "values": [sheet, first, 1, last, 1],
                      "data_labels": {"value": True, "num_format": "#,##0"}})
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # categories top-down in the order of the table
    return last + 1, chart
