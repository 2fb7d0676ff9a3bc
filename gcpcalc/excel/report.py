"""The Excel disclosure report (xlsxwriter), drawn from the document model (:mod:`gcpcalc.document`).

Sheets, all in the chosen language, in the order of the document: the executive summary (key figures
with their evidence status, comparison with the previous saved period, targets, report facts), the
material flows (the Sankey as a picture, breakdowns by material, business unit, destination and
treatment with four native charts), one sheet per framework (CTI, ISO 59020, ESRS E5 with its datapoint
ids, the hazardous × treatment tables of E5-5 §37 and the disclosure status per datapoint, GCP, MCI),
green purchasing, data quality with the input messages, methodology, and the validated inputs echoed
line by line.

Every number is written as a number with the number format of its unit (:mod:`gcpcalc.document.numbers`,
the same rule the PDF uses), every text with ``write_string`` (a description such as ``=HYPERLINK(...)``
stays text). Every sheet has its print setup: A4, orientation, fitted to the page width, header rows
repeated, a header with the report title and a footer with "page x of N"; rows holding wrapped text get
a height for all their lines, so LibreOffice and PDF exports show every line (desktop Excel would
auto-fit; those do not).

An input table longer than a worksheet (:data:`EXCEL_MAX_ROWS`) continues on further sheets
("Input Inflows (2)", ...), and the summary says which lines are on which sheet: nothing is cut.
Large inputs switch xlsxwriter to constant-memory mode (rows are written in order and the input echo
uses an autofilter instead of an Excel table, which that mode does not support).

Hooks: ``extra_sheets``: callables ``(workbook, formats, lang) -> None`` that add sheets of their own
(e.g. a trend sheet from the store); new sections come from the document model
(:func:`gcpcalc.document.register_section`) and appear here without changes.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import io
import math
import operator
import re
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

import xlsxwriter

from .. import __version__
from .. import fields as F
from ..document.model import Chart, Document, Num, Section, Table, Text
from ..document.numbers import excel_format, not_computable
from ..document.texts import tx
from ..i18n import ui
from ..indicators.base import Results
from ..messages import Message
from .template_cells import cell_value

#: inputs with more rows than this (all tables together) are written in constant-memory mode
CONSTANT_MEMORY_ROWS = 20_000
#: a table of a section with at least this many rows is written on the constant-memory fast path (:meth:`_Writer._bulk_rows`)
BULK_TABLE_ROWS = 500
#: rows of one worksheet (Excel's limit); an input table with more lines continues on another sheet
EXCEL_MAX_ROWS = 1_048_576
#: points per line of wrapped 10 pt text (Meiryo UI and its substitutes in LibreOffice need about 14)
LINE_HEIGHT_PT = 14.5

ExtraSheet = Callable[[Any, dict, str], None]
Progress = Callable[[str, float], None]

_SHEETS = {
    "summary": ("Summary", "概要"),
    "flows": ("Material flows", "マテリアルフロー"),
    "cti": ("CTI", "CTI"),
    "iso59020": ("ISO 59020", "ISO 59020"),
    "esrs_e5": ("ESRS E5", "ESRS E5"),
    "gcp": ("GCP", "GCP"),
    "mci": ("MCI", "MCI"),
    "dq": ("Data quality", "データ品質"),
    "methodology": ("Methodology", "算定方法"),
    "procurement": ("Green purchasing", "グリーン購入"),
}


def _utc_offset(when: dt.datetime, lang: str) -> str:
    """The time zone of a cover time: 「（UTC+09:00）」 / " (UTC+09:00)"; "" for a naive time."""
    off = when.utcoffset()
    if off is None:
        return ""
    minutes = int(off.total_seconds() // 60)
    text = f"UTC{'+' if minutes >= 0 else '−'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"（{text}）" if lang == "ja" else f" ({text})"


def sheet_title(key: str, lang: str) -> str:
    en, ja = _SHEETS[key]
    return ja if lang == "ja" else en


def input_sheet_title(table: F.Table, lang: str, part: int = 1) -> str:
    base = f"入力（{table.label_ja}）" if lang == "ja" else f"Input {table.label_en}"
    return base[:31] if part == 1 else f"{base[:25]} ({part})"


def _formats(wb) -> dict:
    base = {"font_name": "Meiryo UI", "font_size": 10, "valign": "top"}

    def f(**kw):
        return wb.add_format({**base, **kw})

    return {
        "title": f(bold=True, font_size=16),
        "h2": f(bold=True, font_size=12, font_color="#1F4E78"),
        "header": f(bold=True, font_color="#FFFFFF", bg_color="#1F4E78", border=1, text_wrap=True),
        "text": f(),
        "wrap": f(text_wrap=True),
        "id": f(font_color="#404040"),
        "unit": f(indent=1),
        "muted": f(font_color="#808080", italic=True, text_wrap=True),
        "note": f(font_color="#404040", text_wrap=True),
        "label": f(bold=True),
        "num": f(num_format="#,##0.00"),
        "t": f(num_format="#,##0.00"),
        "pct": f(num_format="0.0"),
        "ratio": f(num_format="0.00"),
        "idx": f(num_format="0.000"),
        "money": f(num_format="#,##0"),
        "int": f(num_format="#,##0"),
        "date": f(num_format="yyyy-mm-dd"),
        "datetime": f(num_format="yyyy-mm-dd hh:mm:ss"),
        "kpi": f(bold=True, font_size=12, num_format="#,##0.0"),
        "cell_num": f(num_format="#,##0.###"),
        "total_num": f(bold=True, num_format="#,##0.00", top=1),
        "total_label": f(bold=True, top=1),
    }


@functools.lru_cache(maxsize=1 << 16, typed=True)  # the same labels recur on every row of a long table
def text_width(text: str) -> float:
    """Width of ``text`` in Excel character units: wide and full-width characters take two, others 1.1
    (the fonts that stand in for Meiryo UI in LibreOffice are wider than Excel's digit unit)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.1 for ch in text)


@functools.lru_cache(maxsize=1 << 16, typed=True)
def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapping cell ``width`` characters wide: words move to the next line whole
    when they fit on it, longer runs (Japanese has no spaces) break anywhere. Errs on the side of more lines."""
    usable = max(width - 1.5, 1.0)
    total = 0
    for para in str(text).split("\n"):
        lines, cur = 1, 0.0
        for token in re.findall(r"\S+\s*|\s+", para):
            w = text_width(token.rstrip())
            if cur + w <= usable:
                cur += text_width(token)
                continue
            if w <= usable:
                lines += 1
                cur = text_width(token)
                continue
            for ch in token:
                cw = text_width(ch)
                if cur + cw > usable:
                    lines += 1
                    cur = 0.0
                cur += cw
        total += lines
    return max(total, 1)


def row_height(lines: int) -> float:
    return round(LINE_HEIGHT_PT * lines + 2.5, 1)


def _page(ws, last_row: int, last_col: int, header_row: int | None = None, title: str = "",
          landscape: bool = True, repeat_col: bool = False, pages_wide: int = 1) -> None:
    """Print setup: A4, orientation, one page wide, repeated header row, title header, "page x of N" footer."""
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(pages_wide, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.print_area(0, 0, max(last_row, 0), max(last_col, 0))
    if header_row is not None:
        ws.repeat_rows(header_row)
    if repeat_col:
        ws.repeat_columns(0)
    if title:
        ws.set_header("&L&8" + title.replace("&", "&&") + "&R&8&A")
    ws.set_footer("&L&8gcpcalc " + __version__ + "&R&8&P / &N")


# --------------------------------------------------------------------------------------------------
class _Writer:
    """Writes the sections of a document, one sheet each."""

    def __init__(self, wb, doc: Document, constant_memory: bool):
        self.wb = wb
        self.doc = doc
        self.lang = doc.lang
        self.cm = constant_memory
        self.fmt = _formats(wb)
        self._num_formats: dict[tuple[str, bool], Any] = {}

    def num_format(self, unit: str, value: float | None, total: bool = False):
        key = (excel_format(unit, value), total)
        f = self._num_formats.get(key)
        if f is None:
            props = {"font_name": "Meiryo UI", "font_size": 10, "valign": "top", "num_format": key[0]}
            if total:
                props.update(bold=True, top=1)
            f = self._num_formats[key] = self.wb.add_format(props)
        return f

    def cell(self, ws, r: int, c: int, value, kind: str, total: bool = False) -> None:
        fmt = self.fmt
        if isinstance(value, Num):
            if value.value is None or not math.isfinite(value.value):
                ws.write_string(r, c, not_computable(self.lang) if value.value is None else str(value.value),
                                fmt["muted"])
            else:
                ws.write_number(r, c, value.value, self.num_format(value.unit, value.value, total))
        elif isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value.replace(tzinfo=None), fmt["datetime"])
        elif value is None:
            return
        else:
            style = {"wrap": "wrap", "id": "id", "unit": "unit"}.get(kind, "text")
            ws.write_string(r, c, str(value), fmt["total_label"] if total else fmt[style])

    @staticmethod
    def _spans(n: int, widths: list[float]) -> list[tuple[int, float]]:
        """(last column, width) of each of a table's ``n`` columns: the last one spans the rest of the sheet."""
        out = [(c, widths[c]) for c in range(n)]
        if n < len(widths):
            out[-1] = (len(widths) - 1, sum(widths[n - 1:]))
        return out

    @staticmethod
    def _put(ws, r: int, c: int, spans, text: str, f) -> None:
        last_c = spans[c][0]
        if last_c > c:
            ws.merge_range(r, c, r, last_c, text, f)
        else:
            ws.write_string(r, c, text, f)

    @staticmethod
    def _cell_text(value) -> str:
        if isinstance(value, Num):
            return "" if value.value is not None else "x" * 14
        if isinstance(value, dt.datetime):
            return "0000-00-00 00:00:00"
        return "" if value is None else str(value)

    def section(self, s: Section) -> None:
        lang, fmt = self.lang, self.fmt
        ws = self.wb.add_worksheet(s.sheet[:31])
        tables = s.tables()
        ncols = max((len(t.columns) for t in tables), default=2)
        widths = [0.0] * ncols
        for t in tables:
            # a table narrower than the sheet spans its last column over the rest (merged cells), so a long
            # text column of a small table does not widen the columns of the main table
            cols = t.columns if len(t.columns) == ncols else t.columns[:-1]
            for c, col in enumerate(cols):
                widths[c] = max(widths[c], col.width)
        for t in tables:
            if len(t.columns) < ncols:
                need = t.columns[-1].width - sum(widths[len(t.columns) - 1:])
                if need > 0:
                    widths[-1] += need
        widths = [w or 12 for w in widths]
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        total_width = sum(widths)
        self._last_widths = widths
        ws.write_string(0, 0, s.title, fmt["title"])
        ws.set_row(0, 24)
        r = 2
        header_row = None
        positions: dict[str, tuple[int, int, int]] = {}  # table key -> (first data row, last data row, n cols)
        for b in s.blocks:
            if isinstance(b, Text):
                lines = wrapped_lines(b.text, total_width)
                if ncols > 1:
                    ws.merge_range(r, 0, r, ncols - 1, "", fmt["note"] if b.style == "note" else fmt["muted"])
                ws.write_string(r, 0, b.text, fmt["note"] if b.style == "note" else fmt["muted"])
                ws.set_row(r, row_height(lines))
                r += 2
            elif isinstance(b, Chart):
                if b.kind == "sankey":
                    r = self._sankey_picture(ws, s, b, r)
                elif b.table in positions:
                    r = self._native_chart(ws, s, b, positions[b.table], r, total_width)
            elif isinstance(b, Table):
                if b.title:
                    ws.write_string(r, 0, b.title, fmt["h2"])
                    r += 1
                spans = self._spans(len(b.columns), widths)
                for c, col in enumerate(b.columns):
                    self._put(ws, r, c, spans, col.label, fmt["header"])
                ws.set_row(r, row_height(max(wrapped_lines(col.label, spans[c][1]) for c, col in enumerate(b.columns))))
                if header_row is None and not positions and s.key not in ("summary", "flows") and len(b.rows) > 3:
                    header_row = r  # the main (first) table's header repeats on every printed page
                r += 1
                if not b.rows:
                    ws.write_string(r, 0, b.empty_text or tx("no_data", lang), fmt["muted"])
                    r += 2
                    continue
                first = r
                if self.cm and len(b.rows) >= BULK_TABLE_ROWS and not b.total_rows and _fast_rows_supported(ws) \
                        and self._bulk_ok(b):
                    r = self._bulk_rows(ws, b, r, spans, widths)
                    positions[b.key] = (first, r - 1, len(b.columns))
                    if b.note:
                        ws.write_string(r, 0, b.note, fmt["muted"])
                        r += 1
                    r += 1
                    continue
                for i, row in enumerate(b.rows):
                    total = i in b.total_rows
                    lines = 1
                    for c, value in enumerate(row):
                        kind = b.columns[c].kind if c < len(b.columns) else "text"
                        last_c, width = spans[c] if c < len(spans) else (c, widths[c])
                        if last_c > c:
                            ws.merge_range(r, c, r, last_c, "", fmt["wrap"] if kind == "wrap" else fmt["text"])
                        too_long = isinstance(value, str) and text_width(value) > width - 1.5
                        self.cell(ws, r, c, value, "wrap" if (last_c > c or too_long) and kind in ("text", "id", "unit")
                                  else kind, total)
                        if kind == "wrap" or too_long:
                            lines = max(lines, wrapped_lines(self._cell_text(value), width))
                    if lines > 1:
                        ws.set_row(r, row_height(lines))
                    r += 1
                positions[b.key] = (first, r - 1, len(b.columns))
                if b.note:
                    ws.write_string(r, 0, b.note, fmt["muted"])
                    r += 1
                r += 1
        last_col = ncols - 1
        _page(ws, r, last_col, header_row=header_row, title=self.doc.meta.title, landscape=s.landscape)
        if header_row is not None and s.key not in ("summary", "flows"):
            ws.freeze_panes(header_row + 1, 0)

    @staticmethod
    def _bulk_ok(b: Table) -> bool:
        """Every value of the table is one :meth:`_bulk_rows` writes (no date, no text over half Excel's limit)."""
        for row in b.rows:
            for v in row:
                if isinstance(v, (dt.date, dt.datetime)) or (type(v) is str and len(v) > 16_000):
                    return False
        return True

    def _bulk_rows(self, ws, b: Table, first: int, spans, widths) -> int:
        """The rows of a long table (the derived values of every line) in constant-memory mode, written as the
        sheet XML the cell-by-cell loop of :meth:`section` makes xlsxwriter write (same cells, formats, merged
        cells and row heights), without its per-cell call chain. Returns the row after the table."""
        from xlsxwriter.utility import xl_col_to_name

        fmt, lang = self.fmt, self.lang
        ws._write_single_row(first)  # the rows above go out; the worksheet's row buffer is empty again
        inline = _inline_writer(ws)
        # a format's index is given on its first use: taken cell by cell, in the order xlsxwriter writes the cells
        fmt_of = {k: fmt[k] for k in ("wrap", "id", "unit", "text", "muted")}
        kinds = [col.kind for col in b.columns]
        width = max((len(row) for row in b.rows), default=0)
        col_spans = [spans[c] if c < len(spans) else (c, widths[c]) for c in range(width)]
        letters = [xl_col_to_name(c) for c in range(max([last for last, _ in col_spans] + [width - 1, 0]) + 1)]
        nums: dict = {}  # (unit, value's format) -> ' s="xf"><v>'
        texts: dict = {}  # (text, xf) -> inline markup
        lines_of: dict = {}  # (text, width) -> wrapped lines
        not_comp = not_computable(lang)
        out: list[str] = []
        merges = ws.merge
        rr = first
        for row in b.rows:
            ref = str(rr + 1)
            cells = []
            lines = 1
            for c, value in enumerate(row):
                kind = kinds[c] if c < len(kinds) else "text"
                last_c, cwidth = col_spans[c]
                merged = last_c > c
                letter = letters[c]
                if isinstance(value, Num):
                    v = value.value
                    if v is None or not math.isfinite(v):
                        text = not_comp if v is None else str(v)
                        x = fmt_of["muted"]._get_xf_index()
                        tail = texts.get((text, x))
                        if tail is None:
                            tail = texts[(text, x)] = inline(text, x)
                        cells.append(f'<c r="{letter}{ref}"{tail}')
                    else:
                        key = (value.unit, excel_format(value.unit, v))
                        pre = nums.get(key)
                        if pre is None:
                            pre = nums[key] = f' s="{self.num_format(value.unit, v)._get_xf_index()}"><v>'
                        cells.append(f'<c r="{letter}{ref}"{pre}{v:.16G}</v></c>')
                    if kind == "wrap":
                        lines = max(lines, self._lines(lines_of, self._cell_text(value), cwidth))
                elif value is None:
                    if merged:
                        x = fmt_of["wrap" if kind == "wrap" else "text"]._get_xf_index()
                        cells.append(f'<c r="{letter}{ref}" s="{x}"/>')
                    if kind == "wrap":
                        lines = max(lines, self._lines(lines_of, "", cwidth))
                else:
                    text = value if type(value) is str else str(value)
                    too_long = isinstance(value, str) and text_width(value) > cwidth - 1.5
                    style = "wrap" if (merged or too_long) and kind in ("text", "id", "unit") else kind
                    x = fmt_of[{"wrap": "wrap", "id": "id", "unit": "unit"}.get(style, "text")]._get_xf_index()
                    tail = texts.get((text, x))
                    if tail is None:
                        tail = inline(text, x)
                        if len(texts) < 50_000:
                            texts[(text, x)] = tail
                    cells.append(f'<c r="{letter}{ref}"{tail}')
                    if kind == "wrap" or too_long:
                        lines = max(lines, self._lines(lines_of, text, cwidth))
                if merged:
                    blank = fmt_of["wrap" if kind == "wrap" else "text"]._get_xf_index()
                    cells.extend(f'<c r="{letters[k]}{ref}" s="{blank}"/>' for k in range(c + 1, last_c + 1))
                    merges.append([rr, c, rr, last_c])
            if lines > 1:
                ht = f"{int(row_height(lines) * 4.0 / 3.0 + 0.5) * 0.75:.16g}"
                if cells:
                    out.append(f'<row r="{ref}" ht="{ht}" customHeight="1">{"".join(cells)}</row>')
                else:
                    out.append(f'<row r="{ref}" ht="{ht}" customHeight="1"/>')
            elif cells:
                out.append(f'<row r="{ref}">{"".join(cells)}</row>')
            rr += 1
            if len(out) >= 20_000:
                ws.fh.write("".join(out))
                out.clear()
        ws.fh.write("".join(out))
        last = rr - 1
        ws.previous_row = last
        ws.dim_rowmax = max(ws.dim_rowmax or 0, last)
        ws.dim_colmax = max(ws.dim_colmax or 0, len(letters) - 1)
        return rr

    @staticmethod
    def _lines(cache: dict, text: str, width: float) -> int:
        key = (text, width)
        n = cache.get(key)
        if n is None:
            n = wrapped_lines(text, width)
            if len(cache) < 50_000:
                cache[key] = n
        return n

    def _native_chart(self, ws, s: Section, ch: Chart, pos: tuple[int, int, int], r: int, width_chars: float) -> int:
        """A native chart over the cells of its table, placed under it; returns the next free row."""
        first, last, _ = pos
        opts = {"type": ch.kind if ch.kind != "stacked_column" else "column"}
        if ch.kind == "stacked_column":
            opts["subtype"] = "stacked"
        chart = self.wb.add_chart(opts)
        v = ch.value_columns[0]
        sheet = s.sheet[:31]
        series = {"name": ch.title, "categories": [sheet, first, 0, last, 0], "values": [sheet, first, v, last, v]}
        if ch.kind in ("pie", "doughnut"):
            series["data_labels"] = {"percentage": True, "leader_lines": True}
        else:
            series["data_labels"] = {"value": True, "num_format": "#,##0.0"}
        chart.add_series(series)
        chart.set_title({"name": ch.title, "name_font": {"size": 10}})
        if ch.kind in ("bar", "column"):
            chart.set_legend({"none": True})
            if ch.percent_axis:
                (chart.set_x_axis if ch.kind == "bar" else chart.set_y_axis)({"min": 0, "max": 100})
        px_wide = min(int(width_chars * 7.2), 720)
        chart.set_size({"width": px_wide, "height": 260})
        ws.insert_chart(r, 0, chart, {"object_position": 3})
        return r + 19

    def _sankey_picture(self, ws, s: Section, ch: Chart, r: int) -> int:
        """The Sankey as a picture (the same drawing as the PDF) when matplotlib is installed; the flows are
        also listed in the section's flow table."""
        try:
            from ..pdf.charts import draw

            png = draw(ch, s, "png", width_in=9.0, height_in=3.6)
        except ImportError:
            png = None
        if png is None:
            ws.write_string(r, 0, ch.title, self.fmt["h2"])
            return r + 2
        scale = min(0.9, max(sum(self._last_widths) * 7.2, 500) / 1800)
        ws.insert_image(r, 0, "sankey.png", {"image_data": io.BytesIO(png), "x_scale": scale, "y_scale": scale,
                                             "object_position": 3, "description": ch.title})
        return r + int(720 * scale / 20) + 2

    # ---- inputs -------------------------------------------------------------------------------
    def inputs(self, assessment, plan: dict[str, list[tuple[str, int, int]]], progress: Progress | None) -> None:
        if assessment is None:
            return
        lang, fmt = self.lang, self.fmt
        org = F.ORGANISATION
        ws = self.wb.add_worksheet(input_sheet_title(org, lang))
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 80)
        ws.write_string(0, 0, tx("item", lang), fmt["header"])
        ws.write_string(0, 1, ui("value", lang), fmt["header"])
        values = dict(assessment.organisation)
        for r, fld in enumerate(org.fields, start=1):
            ws.write_string(r, 0, fld.label(lang), fmt["label"])
            v = values.get(fld.id)
            self._org_cell(ws, r, fld, v)
            if isinstance(v, str) and text_width(v) > 78:
                ws.set_row(r, row_height(wrapped_lines(v, 80)))
        _page(ws, len(org.fields), 1, title=self.doc.meta.title)
        total = sum(len(assessment.table(t)) for t in F.LIST_TABLES) or 1
        done = 0
        for tid in F.LIST_TABLES:
            rows = assessment.table(tid)
            if not rows:
                continue
            for name, start, stop in plan[tid]:
                self._input_sheet(F.TABLES[tid], rows, name, start, stop)
                done += stop - start
                if progress is not None:
                    progress(f"inputs:{tid}", done / total)

    def _org_cell(self, ws, r: int, fld: F.Field, value) -> None:
        if value is None:
            return
        if fld.kind == "date":
            d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            ws.write_datetime(r, 1, dt.datetime(d.year, d.month, d.day), self.fmt["date"])
        elif fld.kind in ("number", "percent") and isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, 1, value, self.fmt["cell_num"])
        else:
            ws.write_string(r, 1, str(cell_value(fld, value, self.lang)), self.fmt["wrap"])

    def _input_sheet(self, table: F.Table, rows: list[dict], name: str, start: int, stop: int) -> None:
        """Lines ``start:stop`` of an input table, column by column converted, row by row written."""
        lang, fmt = self.lang, self.fmt
        ws = self.wb.add_worksheet(name)
        fields = table.fields
        heads = [fld.label(lang) for fld in fields]
        for c, fld in enumerate(fields):
            ws.set_column(c, c, 14 if fld.is_numeric else 22)
        n = stop - start
        if self.cm:
            for c, h in enumerate(heads):
                ws.write_string(0, c, h, fmt["header"])
            ws.autofilter(0, 0, n, len(heads) - 1)
        else:
            ws.add_table(0, 0, n, len(heads) - 1, {
                "columns": [{"header": h} for h in heads], "style": "Table Style Light 9",
                "name": "input_" + table.id + ("" if start == 0 else f"_{start // (EXCEL_MAX_ROWS - 1) + 1}"),
                "autofilter": True})
        ws.set_row(0, row_height(max(wrapped_lines(h, 14 if f.is_numeric else 22) for h, f in zip(heads, fields))))
        ids = [fld.id for fld in fields]
        chunk = rows[start:stop]
        if self.cm and _fast_rows_supported(ws):
            self._fast_rows(ws, fields, chunk)
        else:
            self._api_rows(ws, fields, ids, chunk)
        ws.freeze_panes(1, 1)
        _page(ws, n, len(heads) - 1, header_row=0, title=self.doc.meta.title, repeat_col=True)

    def _api_rows(self, ws, fields, ids, chunk) -> None:
        # one writer per column, chosen once (not per cell)
        writers = [self._column_writer(ws, fld) for fld in fields]
        for r, row in enumerate(chunk, start=1):
            get = row.get
            for c, fid in enumerate(ids):
                v = get(fid)
                if v is not None:
                    writers[c](r, c, v)

    def _fast_rows(self, ws, fields, chunk) -> None:
        """The data rows of an input sheet in constant-memory mode, written as the sheet XML xlsxwriter would
        write for the same ``write_number`` / ``write_string`` / ``write_datetime`` calls (same escaping, same
        number formats), without the per-cell call chain: the cells are converted column by column (the common
        values of a column on a fast path) and joined row by row. The header row is flushed first through
        xlsxwriter itself."""
        from xlsxwriter.utility import _datetime_to_excel_datetime, xl_col_to_name

        fmt, lang = self.fmt, self.lang
        ids = [fld.id for fld in fields]
        ws._write_single_row(1)  # the header row goes out; the worksheet's row buffer is empty again
        fh = ws.fh
        inline = _inline_writer(ws)

        text_xf = fmt["text"]._get_xf_index()
        num_xf = fmt["cell_num"]._get_xf_index()
        date_xf = fmt["date"]._get_xf_index()
        date_1904 = self.wb.date_1904
        converters = []
        for fld in fields:
            if fld.kind == "date":
                def conv(v, xf=date_xf):
                    d = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
                    serial = _datetime_to_excel_datetime(dt.datetime(d.year, d.month, d.day), date_1904, True)
                    return f' s="{xf}"><v>{serial:.16G}</v></c>'
            elif fld.kind in ("number", "percent"):
                def conv(v, xf=num_xf):
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        if not math.isfinite(v):
                            return inline(str(v), text_xf)
                        return f' s="{xf}"><v>{v:.16G}</v></c>'
                    return inline(str(v), text_xf)
            elif fld.kind in ("bool", "enum") or (fld.kind == "text" and fld.suggested):
                cache: dict = {}

                def conv(v, fld=fld, cache=cache):
                    tail = cache.get(v)
                    if tail is None:
                        tail = cache[v] = inline(str(cell_value(fld, v, lang)), text_xf)
                    return tail
            else:
                def conv(v):
                    return inline(v if isinstance(v, str) else str(v), text_xf)
            converters.append(conv)
        letters = [xl_col_to_name(c) for c in range(len(fields))]
        text_pre = f' s="{text_xf}" t="inlineStr"><is><t>'
        text_pre_ws = f' s="{text_xf}" t="inlineStr"><is><t xml:space="preserve">'
        num_pre = f' s="{num_xf}"><v>'

        g16 = "{:.16G}".format

        def whole_column(fld, conv, letter: str, rs: list[str], values) -> list[list[str]] | None:
            """The markup of a column in which every cell has a value of the common kind, as pieces (each a list
            with one entry per row, interleaved with the other columns' pieces when written): constant parts
            repeated, the row numbers shared, the values formatted in one pass. None otherwise."""
            n = len(values)
            kind = fld.kind
            ref = [f'<c r="{letter}'] * n
            if None in values:
                return None
            if kind in ("number", "percent"):
                if not all(type(v) is float for v in values):
                    return None
                total = sum(values)
                if total - total != 0.0:  # an infinite or NaN value (or a sum past the float range)
                    return None
                return [ref, rs, [f'"{num_pre}'] * n, list(map(g16, values)), ["</v></c>"] * n]
            if kind in ("bool", "enum") or (kind == "text" and fld.suggested):
                try:
                    distinct = {v: f'"{conv(v)}' for v in set(values)}
                except TypeError:
                    return None
                return [ref, rs, list(map(distinct.__getitem__, values))]
            if kind == "unit" and all(type(v) is str for v in values):
                distinct = {v: f'"{conv(v)}' for v in set(values)}
                return [ref, rs, list(map(distinct.__getitem__, values))]
            if kind == "text" and all(type(v) is str for v in values):
                joined = "\0".join(values)
                if _NEEDS_ESCAPE.search(joined.replace("\0", "\n")) is None and _EDGE_SPACE.search(joined) is None:
                    return [ref, rs, [f'"{text_pre}'] * n, list(values), ["</t></is></c>"] * n]
            return None

        def cells(fld, conv, letter: str, rs: list[str], values: list) -> list[str]:
            """The markup of every cell of one column ("" where there is no value), rows ``rs``: the common
            values on fast paths giving the same markup as ``conv``."""
            kind = fld.kind
            ref = f'<c r="{letter}'
            if kind in ("number", "percent"):  # finite floats directly (v - v is 0.0 only when v is finite)
                return [f'{ref}{r}"{num_pre}{v:.16G}</v></c>' if type(v) is float and v - v == 0.0
                        else "" if v is None else f'{ref}{r}"{conv(v)}' for r, v in zip(rs, values)]
            if kind in ("bool", "enum") or (kind == "text" and fld.suggested):
                try:  # few distinct values: each converted once
                    distinct = {v: f'"{conv(v)}' for v in set(values) if v is not None}
                except TypeError:
                    distinct = None
                if distinct is not None:
                    return ["" if v is None else f"{ref}{r}{distinct[v]}" for r, v in zip(rs, values)]
            elif kind == "unit":  # a few unit symbols: each text converted once
                distinct = {v: f'"{conv(v)}' for v in set(values) if type(v) is str}
                return [f"{ref}{r}{distinct[v]}" if type(v) is str else "" if v is None else f'{ref}{r}"{conv(v)}'
                        for r, v in zip(rs, values)]
            elif kind == "text":
                # plain text: when no cell of the column needs an escape, every cell is written as it is
                # (the separator "\0" is itself an escaped character: none of the texts holds it then)
                joined = "\0".join([v for v in values if type(v) is str])
                if _NEEDS_ESCAPE.search(joined.replace("\0", "\n")) is None:
                    if _EDGE_SPACE.search(joined) is None:  # no text starts or ends with white space
                        return [f'{ref}{r}"{text_pre}{v}</t></is></c>' if type(v) is str
                                else "" if v is None else f'{ref}{r}"{conv(v)}' for r, v in zip(rs, values)]
                    return [(f'{ref}{r}"{text_pre_ws}{v}</t></is></c>' if v[:1].isspace() or v[-1:].isspace()
                             else f'{ref}{r}"{text_pre}{v}</t></is></c>') if type(v) is str
                            else "" if v is None else f'{ref}{r}"{conv(v)}' for r, v in zip(rs, values)]
                search = _NEEDS_ESCAPE.search  # some texts need an escape: those go through conv
                return [(f'{ref}{r}"{text_pre_ws}{v}</t></is></c>' if v[:1].isspace() or v[-1:].isspace()
                         else f'{ref}{r}"{text_pre}{v}</t></is></c>') if type(v) is str and search(v) is None
                        else "" if v is None else f'{ref}{r}"{conv(v)}' for r, v in zip(rs, values)]
            return ["" if v is None else f'{ref}{r}"{conv(v)}' for r, v in zip(rs, values)]

        step = 20_000  # rows converted column by column at a time (bounded memory at a million lines)
        for lo in range(0, len(chunk), step):
            part = chunk[lo:lo + step]
            rs = [str(r) for r in range(lo + 2, lo + 2 + len(part))]
            columns = [['<row r="'] * len(part), rs, ['">'] * len(part)]
            try:  # every row has every field (a validated table): the columns in one transpose
                values_of = list(zip(*map(operator.itemgetter(*ids), part))) if len(ids) > 1 else None
            except KeyError:
                values_of = None
            for c, (fld, letter, conv) in enumerate(zip(fields, letters, converters)):
                values = values_of[c] if values_of is not None else [row.get(fld.id) for row in part]
                pieces = whole_column(fld, conv, letter, rs, values)
                if pieces is None:
                    columns.append(cells(fld, conv, letter, rs, values))
                else:
                    columns.extend(pieces)
            columns.append(["</row>"] * len(part))
            k = len(columns)
            flat = [""] * (k * len(part))  # the cells interleaved row by row, joined once
            for j, col in enumerate(columns):
                flat[j::k] = col
            fh.write("".join(flat))
            del columns, flat
        last = len(chunk)
        ws.previous_row = last
        ws.dim_rowmax = max(ws.dim_rowmax or 0, last)
        ws.dim_rowmin = 0 if ws.dim_rowmin is None else ws.dim_rowmin

    def _column_writer(self, ws, fld: F.Field):
        fmt, lang = self.fmt, self.lang
        if fld.kind == "date":
            def write_date(r, c, v, f=fmt["date"]):
                d = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
                ws.write_datetime(r, c, dt.datetime(d.year, d.month, d.day), f)
            return write_date
        if fld.kind in ("number", "percent"):
            num, text, write_number, write_string = fmt["cell_num"], fmt["text"], ws.write_number, ws.write_string

            def write_num(r, c, v):
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    write_number(r, c, v, num)
                else:
                    write_string(r, c, str(v), text)
            return write_num
        if fld.kind == "bool" or fld.kind == "enum" or (fld.kind == "text" and fld.suggested):
            labels: dict = {}
            text, write_string = fmt["text"], ws.write_string

            def write_label(r, c, v):
                s = labels.get(v)
                if s is None:
                    s = labels[v] = str(cell_value(fld, v, lang))
                write_string(r, c, s, text)
            return write_label
        text, write_string = fmt["text"], ws.write_string

        def write_text(r, c, v):
            write_string(r, c, v if isinstance(v, str) else str(v), text)
        return write_text


#: text the sheet XML cannot hold as it is: XML markup characters, control characters, and Excel's own
#: ``_xHHHH_`` escapes (see xlsxwriter's ``_escape_data`` and ``_escape_control_characters``)
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
#: white space at the start or end of one of the texts joined with "\0" (xml:space="preserve" then)
_EDGE_SPACE = re.compile(r"(?:\A|\x00)\s|\s(?:\x00|\Z)")


def _inline_writer(ws) -> Callable[[str, int], str]:
    """``inline(text, xf)``: the markup after ``<c r="A1"`` of an inline-string cell, as xlsxwriter writes it in
    constant-memory mode (control characters as ``_xHHHH_``, XML escapes, kept white space)."""
    from xlsxwriter.worksheet import _preserve_whitespace

    esc_ctrl, esc_data = ws._escape_control_characters, ws._escape_data

    def inline(value: str, xf: int) -> str:
        string = esc_ctrl(value)
        t_attr = ' xml:space="preserve"' if _preserve_whitespace(string) else ""
        return f' s="{xf}" t="inlineStr"><is><t{t_attr}>{esc_data(string)}</t></is></c>'
    return inline


def _fast_rows_supported(ws) -> bool:
    """The xlsxwriter internals the constant-memory fast path writes through are present."""
    return all(hasattr(ws, a) for a in ("_write_single_row", "fh", "previous_row", "dim_rowmax",
                                         "_escape_control_characters", "_escape_data"))


def _value_impact_ids() -> tuple[str, ...]:
    """CTI revenue and GHG impact headline ids for the summary sheet."""
    from ..value_impact_section import SUMMARY_IDS

    return SUMMARY_IDS


def outflow_by_destination(assessment) -> dict[str | None, float]:
    """Outflow mass in t by destination, in the order of the dictionary (None: lines without a route)."""
    from ..units import FACTORS

    totals: dict[str | None, float] = {}
    if assessment is None:
        return totals
    for row in assessment.outflows:
        key = row.get("destination")
        totals[key] = totals.get(key, 0.0) + row["mass"] * FACTORS["mass"][row.get("mass_unit") or "t"]
    order = {d: i for i, d in enumerate(F.DESTINATIONS)}
    return dict(sorted(totals.items(), key=lambda kv: order.get(kv[0], len(order))))


def input_sheet_plan(assessment, lang: str, max_rows: int | None = None) -> dict[str, list[tuple[str, int, int]]]:
    """Sheet name and line range (start, stop) of every input table: a table longer than a worksheet
    (``max_rows`` − 1 lines under the header) continues on "… (2)", "… (3)" sheets."""
    per_sheet = (max_rows or EXCEL_MAX_ROWS) - 1
    plan: dict[str, list[tuple[str, int, int]]] = {}
    for tid in F.LIST_TABLES:
        n = len(assessment.table(tid)) if assessment is not None else 0
        parts = []
        for k, start in enumerate(range(0, n, per_sheet), start=1):
            parts.append((input_sheet_title(F.TABLES[tid], lang, k), start, min(start + per_sheet, n)))
        plan[tid] = parts
    return plan


def _continuation_notes(plan: dict[str, list[tuple[str, int, int]]], lang: str) -> list[str]:
    notes = []
    for tid, parts in plan.items():
        if len(parts) < 2:
            continue
        total = parts[-1][2]
        for name, start, stop in parts:
            notes.append(tx("truncated_note", lang, first=f"{start + 1:,}", last=f"{stop:,}", total=f"{total:,}",
                            sheet=name))
    return notes


def write_report(results: Results, assessment, target, lang: str = "ja", input_sha256: str = "",
                 input_name: str = "", extra_sheets: Iterable[ExtraSheet] = (), messages: list[Message] | None = None,
                 generated_at: dt.datetime | None = None, constant_memory: bool | None = None,
                 procurement_results=None, trend: dict | None = None, document: Document | None = None,
                 progress: Progress | None = None, japan_history=None, scenario=None) -> None:
    """Write the disclosure report of ``results`` for ``assessment`` to ``target`` (a path or a binary buffer).

    ``procurement_results``: the green-procurement verdicts (:class:`~gcpcalc.procurement.checker.CheckResult`);
    checked against the shipped rules when not given and the assessment has procurement lines.
    ``trend``: the store's trend of the organisation (:func:`gcpcalc.store.trends.saved_trend`), for the
    comparison with the previous period and the targets on the summary. ``progress(stage, fraction)`` is
    called as the work advances (sections, then the input sheets). ``japan_history``: Resource Act figures of
    saved periods (:func:`gcpcalc.japan.saved_history`) for the progress toward the targets on the draft sheet."""
    from ..document import build_document

    lang = "ja" if lang == "ja" else "en"
    n_rows = sum(len(assessment.table(t)) for t in F.LIST_TABLES) if assessment is not None else 0
    cm = n_rows > CONSTANT_MEMORY_ROWS if constant_memory is None else constant_memory
    with _collector_skipping_existing_objects(cm):
        plan = input_sheet_plan(assessment, lang)
        if document is None:
            document = build_document(results, assessment, lang, messages=messages, trend=trend,
                                      procurement_results=procurement_results, input_name=input_name,
                                      japan_history=japan_history, scenario=scenario,
                                      input_sha256=input_sha256, generated_at=generated_at,
                                      progress=(lambda k, f: progress("document", f * 0.1)) if progress else None)
        notes = _continuation_notes(plan, lang)
        if notes:  # said on the first page: which lines of a long table are on which sheet
            document.sections[0].blocks.insert(1, Text("\n".join(notes), "note"))
        options = {"constant_memory": cm, "strings_to_formulas": False, "strings_to_urls": False,
                   "in_memory": not cm, "default_date_format": "yyyy-mm-dd"}
        wb = xlsxwriter.Workbook(target, options)
        wb.set_properties({"title": document.meta.title, "creator": "gcpcalc " + __version__,
                           "comments": f"SHA-256 {input_sha256}" if input_sha256 else ""})
        writer = _Writer(wb, document, cm)
        sections = [s for s in document.sections if s.excel]
        for i, s in enumerate(sections):
            if s.excel_writer is not None:
                s.excel_writer(wb, writer.fmt, lang)
            elif s.key == "procurement":
                _procurement(wb, s, document, lang)
            else:
                if s.key in _SHEETS:
                    s.sheet = sheet_title(s.key, lang)
                writer.section(s)
            if progress is not None:
                progress("sheets", 0.1 + 0.1 * (i + 1) / len(sections))
        for extra in extra_sheets:
            extra(wb, writer.fmt, lang)
        writer.inputs(assessment, plan, (lambda k, f: progress(k, 0.2 + 0.75 * f)) if progress else None)
        wb.worksheets()[0].activate()
        if cm:
            _close_fast(wb)
        else:
            wb.close()
        if progress is not None:
            progress("done", 1.0)


@contextlib.contextmanager
def _collector_skipping_existing_objects(large: bool):
    """While a large report is written, the objects that exist when it starts (the assessment's rows, the
    tables: millions of objects that hold no garbage) are left out of the garbage collector's passes
    (:func:`gc.freeze`): its full passes over them took about 15 % of a million-line report. They go back
    to the collector afterwards; objects made meanwhile, in any thread, are collected as usual."""
    if not large:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


#: zlib level of the parts of a large (constant-memory) report: level 1 compresses the hundreds of MB of sheet
#: XML of a million-line input about three times faster than the default 6, for a file about a quarter larger
LARGE_REPORT_ZIP_LEVEL = 1
_zip_lock = threading.Lock()


def _close_fast(wb) -> None:
    """``wb.close()`` with the zip written at :data:`LARGE_REPORT_ZIP_LEVEL`. xlsxwriter has no option for
    the level: its ``ZipFile`` is given the level for the time of this call (under a lock; another
    workbook closed meanwhile would only be compressed faster). Without that name, a plain close."""
    import xlsxwriter.workbook as xw

    original = getattr(xw, "ZipFile", None)
    if original is not zipfile.ZipFile:
        wb.close()
        return

    class _LevelZipFile(zipfile.ZipFile):
        def __init__(self, *args, **kw):
            kw.setdefault("compresslevel", LARGE_REPORT_ZIP_LEVEL)
            super().__init__(*args, **kw)

    with _zip_lock:
        xw.ZipFile = _LevelZipFile
        try:
            wb.close()
        finally:
            xw.ZipFile = original


def _procurement(wb, s: Section, document: Document, lang: str) -> None:
    from .report_procurement import write_procurement_sheet

    ctx = getattr(document, "context", None)
    checks = ctx.procurement_results if ctx is not None else None
    write_procurement_sheet(wb, sheet_title("procurement", lang), checks if checks is not None else [], lang,
                            print_title=document.meta.title)


def report_bytes(results: Results, assessment, lang: str = "ja", **kw) -> bytes:
    """The report as xlsx bytes (for the app's download button)."""
    buf = io.BytesIO()
    write_report(results, assessment, buf, lang=lang, **kw)
    return buf.getvalue()
