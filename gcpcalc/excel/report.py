"""The Excel disclosure report (xlsxwriter), built from :class:`~gcpcalc.indicators.base.Results`.

Sheets, all in the chosen language: cover (organisation, period, time of generation, gcpcalc version,
SHA-256 of the input file); summary (headline figures and four native charts: inflow composition, outflow
by destination, circular inflow / outflow / material circularity, hazardous vs non-hazardous waste); one
sheet per framework (CTI, ISO 59020, ESRS E5 with its datapoint ids and the hazardous × treatment tables of
E5-5 §37, GCP frame and module, MCI per product); data quality with the input messages; methodology
(formula, clause and evidence status of every indicator); the validated inputs echoed as Excel tables.

Every number is written as a number with a number format, every text with ``write_string`` (a description
such as ``=HYPERLINK(...)`` stays text), and every sheet prints landscape, fitted to the page width, with
its print area set. Large inputs switch xlsxwriter to constant-memory mode (rows are written in order and
the input echo uses an autofilter instead of an Excel table, which that mode does not support).

Hooks: the green-procurement sheet (:mod:`gcpcalc.excel.report_procurement`, when present and the
assessment has procurement lines) and ``extra_sheets``: callables ``(workbook, formats, lang) -> None``
that add sheets of their own (e.g. a trend sheet from the store).
"""
from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import io
import math
from collections.abc import Callable, Iterable
from typing import Any

import xlsxwriter

from .. import __version__
from .. import fields as F
from ..i18n import enum_label, period_label, severity_label, ui, unit_label
from ..indicators.base import FRAMEWORKS, IndicatorResult, Results
from ..messages import Message
from .template import cell_value

#: inputs with more rows than this (all tables together) are written in constant-memory mode
CONSTANT_MEMORY_ROWS = 20_000

ExtraSheet = Callable[[Any, dict, str], None]

_SHEETS = {
    "cover": ("Cover", "表紙"),
    "summary": ("Summary", "概要"),
    "cti": ("CTI", "CTI"),
    "iso59020": ("ISO 59020", "ISO 59020"),
    "esrs_e5": ("ESRS E5", "ESRS E5"),
    "gcp": ("GCP", "GCP"),
    "mci": ("MCI", "MCI"),
    "dq": ("Data quality", "データ品質"),
    "methodology": ("Methodology", "算定方法"),
    "procurement": ("Green purchasing", "グリーン購入"),
}
_STATUS = {"confirmed": ("confirmed", "確認済み"), "assumed": ("assumed", "仮定（本ツールの解釈）"),
           "secondary": ("secondary source", "二次情報")}


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


def input_sheet_title(table: F.Table, lang: str) -> str:
    return (f"入力（{table.label_ja}）" if lang == "ja" else f"Input {table.label_en}")[:31]


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


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
        "muted": f(font_color="#808080", italic=True, text_wrap=True),
        "label": f(bold=True),
        "num": f(num_format="#,##0.00"),
        "t": f(num_format="#,##0.000"),
        "pct": f(num_format="0.0"),
        "ratio": f(num_format="0.000"),
        "idx": f(num_format="0.000"),
        "money": f(num_format="#,##0"),
        "int": f(num_format="#,##0"),
        "date": f(num_format="yyyy-mm-dd"),
        "datetime": f(num_format="yyyy-mm-dd hh:mm:ss"),
        "kpi": f(bold=True, font_size=14, num_format="#,##0.0"),
        "cell_num": f(num_format="#,##0.###"),
        "total_num": f(bold=True, num_format="#,##0.000", top=1),
        "total_label": f(bold=True, top=1),
    }


def _value_format(unit: str, fmt: dict):
    if unit == "%":
        return fmt["pct"]
    if unit in ("t", "m3", "MWh"):
        return fmt["t"]
    if unit == "0-1":
        return fmt["idx"]
    if unit == "ratio":
        return fmt["ratio"]
    if unit.endswith("/t") or unit == "currency/t":
        return fmt["money"]
    return fmt["num"]


def _write_value(ws, row: int, col: int, value: Any, fmt_num, fmt: dict, lang: str) -> None:
    if value is None:
        ws.write_string(row, col, ui("not_computable", lang), fmt["muted"])
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt["text"])
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            ws.write_string(row, col, str(value), fmt["muted"])
        else:
            ws.write_number(row, col, value, fmt_num)
    else:
        ws.write_string(row, col, enum_label(str(value), lang), fmt["text"])


def _page(ws, last_row: int, last_col: int, header_row: int | None = None, title: str = "") -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.print_area(0, 0, max(last_row, 0), max(last_col, 0))
    if header_row is not None:
        ws.repeat_rows(header_row)
    if title:
        ws.set_header("&L&8" + title.replace("&", "&&") + "&R&8&P / &N")


# --------------------------------------------------------------------------------------------------
class _Report:
    def __init__(self, wb, results: Results, assessment, lang: str, input_sha256: str, input_name: str,
                 generated_at: dt.datetime, messages: list[Message], constant_memory: bool):
        self.wb = wb
        self.results = results
        self.assessment = assessment
        self.lang = lang
        self.sha = input_sha256
        self.input_name = input_name
        self.generated_at = generated_at
        self.messages = messages
        self.cm = constant_memory
        self.fmt = _formats(wb)
        self.org = assessment.organisation if assessment is not None else {}
        self.title = ui("report_title", lang)
        self.procurement_results = None

    # ---- cover --------------------------------------------------------------------------------
    def cover(self) -> None:
        lang, fmt = self.lang, self.fmt
        ws = self.wb.add_worksheet(sheet_title("cover", lang))
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 80)
        ws.write_string(0, 0, self.title, fmt["title"])
        org = self.org
        rows: list[tuple[str, Any, Any]] = [
            (ui("organisation", lang), org.get("name") or "", None),
            (ui("period", lang), period_label(org.get("period_start"), org.get("period_end"), lang), None),
            (F.ORGANISATION.field("country").label(lang), org.get("country") or "", None),
            (F.ORGANISATION.field("sector").label(lang), org.get("sector") or "", None),
            (F.ORGANISATION.field("currency").label(lang), org.get("currency") or "", None),
            (F.ORGANISATION.field("revenue").label(lang), org.get("revenue"), fmt["money"]),
            (F.ORGANISATION.field("boundary_note").label(lang), org.get("boundary_note") or "", None),
            (ui("generated_at", lang) + _utc_offset(self.generated_at, lang), self.generated_at.replace(tzinfo=None),
             fmt["datetime"]),
            (ui("tool_version", lang), __version__, None),
            (_t(lang, "Input file", "入力ファイル"), self.input_name, None),
            (ui("input_sha256", lang), self.sha, None),
        ]
        r = 2
        for label, value, nf in rows:
            ws.write_string(r, 0, label, fmt["label"])
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, 1, value, nf)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, 1, value, nf)
            elif value is None:
                ws.write_string(r, 1, "—", fmt["muted"])
            else:
                ws.write_string(r, 1, str(value), fmt["wrap"])
            r += 1
        r += 1
        ws.write_string(r, 0, _t(lang, "Contents", "目次"), fmt["h2"])
        r += 1
        for name in self.planned_sheets:
            ws.write_string(r, 0, name, fmt["text"])
            r += 1
        _page(ws, r, 1, title=self.title)

    # ---- summary ------------------------------------------------------------------------------
    def summary(self) -> None:
        lang, fmt, res = self.lang, self.fmt, self.results
        name = sheet_title("summary", lang)
        ws = self.wb.add_worksheet(name)
        ws.set_column(0, 0, 46)
        ws.set_column(1, 2, 14)
        ws.set_column(3, 3, 22)
        ws.write_string(0, 0, ui("headline", lang), fmt["title"])
        heads = (ui("indicator", lang), ui("value", lang), ui("unit", lang), ui("id", lang))
        for c, h in enumerate(heads):
            ws.write_string(2, c, h, fmt["header"])
        kpis = ("cti.circular_inflow_pct", "cti.circular_outflow_pct", "cti.material_circularity_pct",
                "cti.inflow_t", "cti.outflow_t", "esrs_e5.waste_total_t", "esrs_e5.hazardous_t",
                "esrs_e5.nonrecycled_pct", "cti.critical_inflow_pct", "cti.renewable_energy_pct",
                "cti.water_circularity_pct", "cti.actual_lifetime_ratio", "mci.company",
                "cti.circular_material_productivity")
        r = 3
        for kid in kpis:
            item = res.get(kid)
            if item is None:
                continue
            ws.write_string(r, 0, item.label(lang), fmt["text"])
            _write_value(ws, r, 1, item.value, _value_format(item.unit, fmt), fmt, lang)
            ws.write_string(r, 2, unit_label(item.unit, lang), fmt["text"])
            ws.write_string(r, 3, item.id, fmt["muted"])
            r += 1
        r += 1
        charts: list[tuple[int, Any]] = []  # (anchor row, chart)
        for block in (self._chart_inflow, self._chart_outflow, self._chart_circularity, self._chart_hazard):
            r, chart = block(ws, name, r)
            if chart is not None:
                charts.append(chart)
            r += 1
        # charts sit to the right of the data, one under the other (anchors need no cell writes)
        for i, chart in enumerate(charts):
            ws.insert_chart(2 + i * 18, 5, chart, {"x_scale": 1.1, "y_scale": 1.05})
        _page(ws, max(r, 2 + len(charts) * 18), 13, title=self.title)

    def _data_block(self, ws, r: int, title: str, rows: list[tuple[str, float | None]], value_head: str,
                    nf) -> tuple[int, int, int, bool]:
        fmt = self.fmt
        ws.write_string(r, 0, title, fmt["h2"])
        ws.write_string(r + 1, 0, ui("composition_category", self.lang) if value_head == "%" else _t(self.lang, "Item", "項目"),
                        fmt["header"])
        ws.write_string(r + 1, 1, value_head, fmt["header"])
        first = r + 2
        ok = False
        for i, (label, value) in enumerate(rows):
            ws.write_string(first + i, 0, label, fmt["text"])
            _write_value(ws, first + i, 1, value, nf, fmt, self.lang)
            ok = ok or (value is not None and value != 0)
        return first, first + len(rows) - 1, first + len(rows), ok

    def _chart(self, kind: str, sheet: str, first: int, last: int, title: str, subtype: str | None = None,
               percent_axis: bool = False):
        opts = {"type": kind}
        if subtype:
            opts["subtype"] = subtype
        chart = self.wb.add_chart(opts)
        series = {"name": title, "categories": [sheet, first, 0, last, 0], "values": [sheet, first, 1, last, 1]}
        if kind in ("pie", "doughnut"):
            series["data_labels"] = {"percentage": True, "leader_lines": True}
        else:
            series["data_labels"] = {"value": True, "num_format": "#,##0.0"}
        chart.add_series(series)
        chart.set_title({"name": title, "name_font": {"size": 11}})
        if kind in ("bar", "column"):
            chart.set_legend({"none": True})
            if percent_axis:
                axis = {"min": 0, "max": 100}
                (chart.set_x_axis if kind == "bar" else chart.set_y_axis)(axis)
        return chart

    def _chart_inflow(self, ws, sheet, r):
        res, lang = self.results, self.lang
        rows = [(ui("recycled", lang), res.value("cti.recycled_inflow_pct")),
                (ui("reused", lang), res.value("cti.reused_inflow_pct")),
                (ui("renewable_sustainable", lang), res.value("cti.renewable_inflow_pct")),
                (ui("linear", lang), res.value("cti.linear_inflow_pct"))]
        first, last, nxt, ok = self._data_block(ws, r, ui("inflow_composition", lang), rows, "%", self.fmt["pct"])
        return nxt, (self._chart("pie", sheet, first, last, ui("inflow_composition", lang)) if ok else None)

    def _chart_outflow(self, ws, sheet, r):
        lang = self.lang
        totals = outflow_by_destination(self.assessment)
        rows = [(enum_label(d, lang) if d else _t(lang, "(product, no route)", "（製品・経路なし）"), v)
                for d, v in totals.items()]
        first, last, nxt, ok = self._data_block(ws, r, ui("outflow_by_destination", lang), rows, "t", self.fmt["t"])
        return nxt, (self._chart("bar", sheet, first, last, ui("outflow_by_destination", lang)) if ok and rows else None)

    def _chart_circularity(self, ws, sheet, r):
        res = self.results
        ids = ("cti.circular_inflow_pct", "cti.circular_outflow_pct", "cti.material_circularity_pct")
        rows = [(res[i].label(self.lang) if i in res else i, res.value(i)) for i in ids]
        first, last, nxt, ok = self._data_block(ws, r, ui("circularity", self.lang), rows, "%", self.fmt["pct"])
        return nxt, (self._chart("column", sheet, first, last, ui("circularity", self.lang), percent_axis=True)
                     if ok else None)

    def _chart_hazard(self, ws, sheet, r):
        res, lang = self.results, self.lang
        total, haz = res.value("esrs_e5.waste_total_t"), res.value("esrs_e5.hazardous_t")
        non = (total - haz) if isinstance(total, (int, float)) and isinstance(haz, (int, float)) else None
        rows = [(ui("hazardous", lang), haz), (ui("non_hazardous", lang), non)]
        first, last, nxt, ok = self._data_block(ws, r, ui("hazardous_split", lang), rows, "t", self.fmt["t"])
        return nxt, (self._chart("doughnut", sheet, first, last, ui("hazardous_split", lang)) if ok else None)

    # ---- framework sheets ---------------------------------------------------------------------
    def _indicator_table(self, ws, r: int, items: Iterable[IndicatorResult], datapoints: bool = False) -> int:
        lang, fmt = self.lang, self.fmt
        heads = [ui("id", lang), ui("indicator", lang), ui("value", lang), ui("unit", lang)]
        if datapoints:
            heads.append(ui("datapoint", lang))
        heads += [ui("clause", lang), ui("evidence", lang), ui("reason", lang)]
        for c, h in enumerate(heads):
            ws.write_string(r, c, h, fmt["header"])
        r += 1
        for item in items:
            c = 0
            ws.write_string(r, c, item.id, fmt["muted"])
            ws.write_string(r, c + 1, item.label(lang), fmt["wrap"])
            _write_value(ws, r, c + 2, item.value, _value_format(item.unit, fmt), fmt, lang)
            ws.write_string(r, c + 3, unit_label(item.unit, lang), fmt["text"])
            c += 4
            if datapoints:
                ws.write_string(r, c, item.definition.datapoint or "—", fmt["text"])
                c += 1
            ws.write_string(r, c, item.definition.clause_text(lang), fmt["wrap"])
            en, ja = _STATUS.get(item.definition.status, (item.definition.status,) * 2)
            ws.write_string(r, c + 1, ja if lang == "ja" else en, fmt["text"])
            ws.write_string(r, c + 2, item.reason(lang) or "", fmt["wrap"])
            r += 1
        return r

    def _framework_sheet(self, key: str, items: list[IndicatorResult], datapoints: bool = False, after=None):
        lang, fmt = self.lang, self.fmt
        ws = self.wb.add_worksheet(sheet_title(key, lang))
        widths = [34, 46, 14, 10] + ([14] if datapoints else []) + [40, 12, 40]
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        en, ja = FRAMEWORKS.get(key, (key, key))
        ws.write_string(0, 0, ja if lang == "ja" else en, fmt["title"])
        r = self._indicator_table(ws, 2, items, datapoints)
        if after is not None:
            r = after(ws, r + 1)
        ws.freeze_panes(3, 0)
        _page(ws, r, len(widths) - 1, header_row=2, title=self.title)
        return ws

    def cti(self):
        self._framework_sheet("cti", self.results.framework("cti"))

    def iso59020(self):
        self._framework_sheet("iso59020", self.results.framework("iso59020"))

    def esrs(self):
        items = self.results.framework("esrs_e5") + self.results.framework("esrs_e5_2026")
        self._framework_sheet("esrs_e5", items, datapoints=True, after=self._esrs_tables)

    def _esrs_tables(self, ws, r: int) -> int:
        lang, fmt, res = self.lang, self.fmt, self.results
        specs = (("diverted", ui("diverted_table", lang), ("preparation_for_reuse", "recycling", "other_recovery")),
                 ("disposal", ui("disposal_table", lang), ("incineration", "landfill", "other_disposal")))
        for kind, title, ops in specs:
            ws.write_string(r, 0, title, fmt["h2"])
            r += 1
            ws.write_string(r, 0, _t(lang, "Type of waste", ui("hazard_class", "ja")), fmt["header"])
            for c, op in enumerate(ops, start=1):
                ws.write_string(r, c, enum_label(op, lang), fmt["header"])
            ws.write_string(r, len(ops) + 1, ui("total", lang), fmt["header"])
            r += 1
            col_tot = [0.0] * len(ops)
            col_ok = [True] * len(ops)
            for hz in ("hazardous", "non_hazardous"):
                ws.write_string(r, 0, ui(hz, lang), fmt["text"])
                for c, op in enumerate(ops, start=1):
                    v = res.value(f"esrs_e5.{kind}.{hz}.{op}_t")
                    _write_value(ws, r, c, v, fmt["t"], fmt, lang)
                    if isinstance(v, (int, float)):
                        col_tot[c - 1] += v
                    else:
                        col_ok[c - 1] = False
                _write_value(ws, r, len(ops) + 1, res.value(f"esrs_e5.{kind}.{hz}.total_t"), fmt["t"], fmt, lang)
                r += 1
            ws.write_string(r, 0, ui("total", lang), fmt["total_label"])
            for c in range(len(ops)):
                if col_ok[c]:
                    ws.write_number(r, c + 1, col_tot[c], fmt["total_num"])
                else:
                    ws.write_string(r, c + 1, ui("not_computable", lang), fmt["muted"])
            v = res.value(f"esrs_e5.{kind}.total_t")
            if isinstance(v, (int, float)):
                ws.write_number(r, len(ops) + 1, v, fmt["total_num"])
            else:
                ws.write_string(r, len(ops) + 1, ui("not_computable", lang), fmt["muted"])
            r += 2
        return r

    def gcp(self):
        def frame(ws, r):
            lang, fmt = self.lang, self.fmt
            ws.write_string(r, 0, ui("gcp_frame", lang), fmt["h2"])
            r += 1
            for fid in ("assessment_level", "use_case", "maturity", "boundary_note"):
                fld = F.ORGANISATION.field(fid)
                ws.write_string(r, 0, fld.label(lang), fmt["label"])
                value = self.org.get(fid)
                ws.write_string(r, 1, enum_label(value, lang) if value else "—", fmt["wrap"])
                r += 1
            ws.write_string(r + 1, 0, _t(lang, "GCP v1.0 builds on CTI, ISO 59020 and ESRS E5; where its own definitions "
                                               "are not confirmed the CTI formulas are used (see Methodology).",
                                         "GCP v1.0 は CTI・ISO 59020・ESRS E5 に基づきます。GCP 独自の定義が確認できない"
                                         "箇所は CTI の計算式を用いています（算定方法シート参照）。"), fmt["muted"])
            return r + 2
        self._framework_sheet("gcp", self.results.framework("gcp"), after=frame)

    def mci(self):
        lang, fmt, res = self.lang, self.fmt, self.results
        ws = self.wb.add_worksheet(sheet_title("mci", lang))
        for c, w in enumerate((24, 44, 12, 12, 12, 14)):
            ws.set_column(c, c, w)
        en, ja = FRAMEWORKS["mci"]
        ws.write_string(0, 0, ja if lang == "ja" else en, fmt["title"])
        heads = (F.PRODUCTS.field("product_id").label(lang), F.PRODUCTS.field("description").label(lang),
                 "MCI", "LFI", _t(lang, "Utility X", "効用 X"),
                 F.PRODUCTS.field("mass").label(lang) + " (t)")
        for c, h in enumerate(heads):
            ws.write_string(2, c, h, fmt["header"])
        products = {p["product_id"]: p for p in (self.assessment.products if self.assessment is not None else [])}
        from ..units import FACTORS
        r = 3
        for item in res.with_prefix("mci.product."):
            pid = item.params.get("product_id") or item.id[len("mci.product."):]
            p = products.get(pid, {})
            ws.write_string(r, 0, pid, fmt["text"])
            ws.write_string(r, 1, p.get("description") or "", fmt["wrap"])
            _write_value(ws, r, 2, item.value, fmt["idx"], fmt, lang)
            _write_value(ws, r, 3, res.value(f"mci.product_lfi.{pid}"), fmt["idx"], fmt, lang)
            _write_value(ws, r, 4, res.value(f"mci.product_utility.{pid}"), fmt["ratio"], fmt, lang)
            mass = p.get("mass")
            _write_value(ws, r, 5, None if mass is None else mass * FACTORS["mass"][p.get("mass_unit") or "t"],
                         fmt["t"], fmt, lang)
            r += 1
        r += 1
        company = [x for x in (res.get("mci.company"), res.get("mci.company_revenue_weighted")) if x is not None]
        r = self._indicator_table(ws, r, company)
        ws.freeze_panes(3, 0)
        _page(ws, r, 7, header_row=2, title=self.title)

    def messages_block(self, ws, r: int) -> int:
        lang, fmt = self.lang, self.fmt
        ws.write_string(r, 0, ui("messages", lang), fmt["h2"])
        r += 1
        msgs = list(self.messages) + list(self.results.messages)
        if not msgs:
            ws.write_string(r, 0, ui("no_messages", lang), fmt["muted"])
            return r + 1
        for c, h in enumerate((ui("severity", lang), ui("location", lang), ui("code", lang), ui("message", lang))):
            ws.write_string(r, c, h, fmt["header"])
        r += 1
        for m in msgs:
            ws.write_string(r, 0, severity_label(m.severity, lang), fmt["text"])
            ws.write_string(r, 1, m.where(), fmt["text"])
            ws.write_string(r, 2, m.code, fmt["text"])
            ws.write_string(r, 3, m.text(lang), fmt["wrap"])
            r += 1
        return r

    def methodology(self):
        lang, fmt = self.lang, self.fmt
        ws = self.wb.add_worksheet(sheet_title("methodology", lang))
        widths = (34, 16, 40, 40, 60, 14, 12)
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.write_string(0, 0, sheet_title("methodology", lang), fmt["title"])
        ws.write_string(1, 0, ui("assumption_note", lang), fmt["muted"])
        heads = (ui("id", lang), ui("framework", lang), ui("indicator", lang), ui("clause", lang),
                 ui("formula", lang), ui("datapoint", lang), ui("evidence", lang))
        for c, h in enumerate(heads):
            ws.write_string(3, c, h, fmt["header"])
        r = 4
        seen = set()
        for item in self.results.values():
            d = item.definition
            if d.id in seen:
                continue
            seen.add(d.id)
            en, ja = FRAMEWORKS.get(d.framework, (d.framework, d.framework))
            st_en, st_ja = _STATUS.get(d.status, (d.status, d.status))
            for c, v in enumerate((d.id, ja if lang == "ja" else en, d.label(lang), d.clause_text(lang), d.formula(lang),
                                   d.datapoint or "—", st_ja if lang == "ja" else st_en)):
                ws.write_string(r, c, v, fmt["wrap"] if c in (2, 3, 4) else fmt["text"])
            r += 1
        ws.freeze_panes(4, 0)
        _page(ws, r, len(widths) - 1, header_row=3, title=self.title)

    # ---- inputs -------------------------------------------------------------------------------
    def inputs(self):
        if self.assessment is None:
            return
        lang, fmt = self.lang, self.fmt
        org = F.ORGANISATION
        ws = self.wb.add_worksheet(input_sheet_title(org, lang))
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 80)
        ws.write_string(0, 0, _t(lang, "Item", "項目"), fmt["header"])
        ws.write_string(0, 1, ui("value", lang), fmt["header"])
        for r, fld in enumerate(org.fields, start=1):
            ws.write_string(r, 0, fld.label(lang), fmt["label"])
            self._cell(ws, r, 1, fld, self.org.get(fld.id))
        _page(ws, len(org.fields), 1, title=self.title)
        for tid in F.LIST_TABLES:
            rows = self.assessment.table(tid)
            if not rows:
                continue
            table = F.TABLES[tid]
            ws = self.wb.add_worksheet(input_sheet_title(table, lang))
            heads = [fld.label(lang) for fld in table.fields]
            for c, fld in enumerate(table.fields):
                ws.set_column(c, c, 14 if fld.is_numeric else 22)
            last = len(rows)
            if self.cm:
                for c, h in enumerate(heads):
                    ws.write_string(0, c, h, fmt["header"])
                ws.autofilter(0, 0, last, len(heads) - 1)
            else:
                ws.add_table(0, 0, last, len(heads) - 1, {
                    "columns": [{"header": h} for h in heads], "style": "Table Style Light 9",
                    "name": f"input_{tid}", "autofilter": True})
            fields = table.fields
            for r, row in enumerate(rows, start=1):
                for c, fld in enumerate(fields):
                    self._cell(ws, r, c, fld, row.get(fld.id))
            ws.freeze_panes(1, 1)
            _page(ws, last, len(heads) - 1, header_row=0, title=self.title)

    def _cell(self, ws, r: int, c: int, fld: F.Field, value: Any) -> None:
        fmt = self.fmt
        if value is None:
            return
        if fld.kind == "date":
            d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            ws.write_datetime(r, c, dt.datetime(d.year, d.month, d.day), fmt["date"])
            return
        if fld.kind in ("number", "percent") and isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, c, value, fmt["cell_num"])
            return
        shown = cell_value(fld, value, self.lang)
        ws.write_string(r, c, str(shown), fmt["text"])

    def procurement(self) -> None:
        if self.assessment is None or not self.assessment.procurement:
            return
        if importlib.util.find_spec("gcpcalc.excel.report_procurement") is None:
            return
        module = importlib.import_module("gcpcalc.excel.report_procurement")
        checks = self.procurement_results
        if checks is None:  # checked here against the shipped rules when the caller did not pass its verdicts
            from ..procurement.checker import check_assessment
            from ..procurement.rules import load_default_rules

            ruleset, _ = load_default_rules()
            checks = check_assessment(self.assessment, ruleset)[0] if ruleset is not None else []
        module.write_procurement_sheet(self.wb, sheet_title("procurement", self.lang), checks, self.lang)

    @property
    def planned_sheets(self) -> list[str]:
        keys = ["summary", "cti", "iso59020", "esrs_e5", "gcp", "mci", "dq", "methodology"]
        return [sheet_title(k, self.lang) for k in keys]


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


def write_report(results: Results, assessment, target, lang: str = "ja", input_sha256: str = "",
                 input_name: str = "", extra_sheets: Iterable[ExtraSheet] = (), messages: list[Message] | None = None,
                 generated_at: dt.datetime | None = None, constant_memory: bool | None = None,
                 procurement_results=None) -> None:
    """Write the disclosure report of ``results`` for ``assessment`` to ``target`` (a path or a binary buffer).

    ``procurement_results``: the green-procurement verdicts (:class:`~gcpcalc.procurement.checker.CheckResult`);
    checked against the shipped rules when not given and the assessment has procurement lines."""
    lang = "ja" if lang == "ja" else "en"
    n_rows = sum(len(assessment.table(t)) for t in F.LIST_TABLES) if assessment is not None else 0
    cm = n_rows > CONSTANT_MEMORY_ROWS if constant_memory is None else constant_memory
    options = {"constant_memory": cm, "strings_to_formulas": False, "strings_to_urls": False,
               "in_memory": not cm, "default_date_format": "yyyy-mm-dd"}
    wb = xlsxwriter.Workbook(target, options)
    wb.set_properties({"title": ui("report_title", lang), "creator": "gcpcalc " + __version__,
                       "comments": f"SHA-256 {input_sha256}" if input_sha256 else ""})
    report = _Report(wb, results, assessment, lang, input_sha256, input_name,
                     generated_at or dt.datetime.now(dt.timezone.utc).astimezone(), list(messages or []), cm)
    report.procurement_results = procurement_results
    report.cover()
    report.summary()
    report.cti()
    report.iso59020()
    report.esrs()
    report.gcp()
    report.mci()
    # data quality: figures, then every message of the input and of the computation
    report._framework_sheet("dq", report.results.framework("dq"), after=report.messages_block)
    report.methodology()
    report.procurement()
    for extra in extra_sheets:
        extra(wb, report.fmt, lang)
    report.inputs()
    wb.worksheets()[0].activate()
    wb.close()


def report_bytes(results: Results, assessment, lang: str = "ja", **kw) -> bytes:
    """The report as xlsx bytes (for the app's download button)."""
    buf = io.BytesIO()
    write_report(results, assessment, buf, lang=lang, **kw)
    return buf.getvalue()
