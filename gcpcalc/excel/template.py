"""The bilingual Excel input template, written with openpyxl from the data dictionary.

Layout (every column and list derived from :data:`gcpcalc.fields.TABLES`):

* a first sheet explaining how to fill the workbook in (ja or en);
* ``organisation`` / ``組織``: a key/value sheet (label, value, unit and help, field id); every value cell
  carries a workbook-level defined name ``org_<field id>`` so the importer finds it wherever it moves;
* one sheet per list table: header labels in row 1 (help, field id, unit and allowed values as cell
  comments), frozen header, drop-down validation for every enum, unit and yes/no column, numeric
  validation for masses and percentages, percent columns marked in the label and by colour, and one
  example row whose id starts with ``例:`` / ``example:`` that the importer skips;
* a hidden, protected lists sheet holding the drop-down values in the template's language.

:func:`assessment_to_template_bytes` writes an assessment into the same layout, so that users can
continue in Excel and the importer gives the same assessment back.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from .. import fields as F
from ..i18n import enum_label
from ..units import allowed_units

#: the header row of list sheets, and the first data row
HEADER_ROW = 1
FIRST_DATA_ROW = 2
#: rows covered by drop-downs and numeric checks in an empty template
TEMPLATE_ROWS = 2000
#: a row whose first column starts with one of these is an example row: the importer skips it
EXAMPLE_PREFIXES = ("例:", "例：", "example:")
#: prefix of the defined names of the organisation value cells (``org_name``, ``org_period_start`` ...)
ORG_NAME_PREFIX = "org_"
LISTS_SHEET = {"en": "lists", "ja": "リスト"}
README_SHEET = {"en": "How to fill in", "ja": "記入方法"}
#: organisation sheet columns: label, value, unit / help, field id
ORG_COLUMNS = {"label": 1, "value": 2, "help": 3, "id": 4}
ORG_FIRST_ROW = 2

_FIXED_TIME = dt.datetime(2025, 1, 1)  # workbook properties: the generator's output is reproducible

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_FILL_REQUIRED = PatternFill("solid", fgColor="1F4E78")
_FILL_OPTIONAL = PatternFill("solid", fgColor="5B9BD5")
_FILL_PERCENT = PatternFill("solid", fgColor="C55A11")
_EXAMPLE_FONT = Font(italic=True, color="808080")


def sheet_name(table: F.Table, lang: str) -> str:
    """The sheet name of ``table`` in the template of ``lang``."""
    return table.label_ja if lang == "ja" else table.label_en


def header_label(fld: F.Field, lang: str) -> str:
    return fld.label(lang)


def bool_labels(lang: str) -> tuple[str, str]:
    return ("はい", "いいえ") if lang == "ja" else ("yes", "no")


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _choices(fld: F.Field, lang: str) -> tuple[str, ...] | None:
    """Drop-down values of a field in ``lang`` (None: no drop-down)."""
    if fld.kind == "enum":
        return tuple(enum_label(v, lang) for v in fld.allowed)
    if fld.kind == "unit":
        return allowed_units(fld.unit_kind)
    if fld.kind == "bool":
        return bool_labels(lang)
    if fld.kind == "text" and fld.suggested:
        return tuple(enum_label(v, lang) for v in fld.suggested)
    if fld.id == "critical_raw_material":  # the versioned critical-materials list, "none" first
        from ..critical import default_list

        return (_t(lang, "none", "なし"), *default_list().names(lang))
    return None


def _unit_note(fld: F.Field, lang: str) -> str:
    if fld.kind == "percent":
        return _t(lang, "Percent 0–100 (type 45 or 45%)", "0〜100 の割合（45 または 45% と入力）")
    if fld.kind == "unit":
        return _t(lang, "Unit: ", "単位：") + ", ".join(allowed_units(fld.unit_kind))
    if fld.unit in ("mass_unit", "volume_unit", "energy_unit"):
        return _t(lang, "In the unit of the column ", "単位は列 ") + f"「{header_label(_unit_field(fld), lang)}」"
    if fld.unit == "currency":
        return _t(lang, "In the organisation's currency", "組織の通貨")
    if fld.unit == "years":
        return _t(lang, "Years or use cycles", "年または使用回数")
    if fld.kind == "date":
        return "YYYY-MM-DD"
    if fld.kind == "bool":
        return " / ".join(bool_labels(lang))
    return ""


def _unit_field(fld: F.Field) -> F.Field:
    for t in F.TABLES.values():
        for f in t.fields:
            if f.id == fld.unit:
                return f
    return fld


def _comment_text(fld: F.Field, lang: str) -> str:
    parts = [header_label(fld, lang)]
    if fld.help(lang):
        parts.append(fld.help(lang))
    note = _unit_note(fld, lang)
    if note:
        parts.append(note)
    choices = _choices(fld, lang)
    if choices and fld.kind in ("enum", "text"):
        parts.append(_t(lang, "Values: ", "値：") + ", ".join(choices))
    if fld.required:
        parts.append(_t(lang, "Required.", "必須。"))
    elif fld.required_when:
        parts.append(_t(lang, "Required when: ", "必須条件：") + fld.required_when)
    if fld.default is not None and not fld.required:
        parts.append(_t(lang, "Default: ", "既定値：") + _display(fld, fld.default, lang))
    parts.append(f"id: {fld.id}")
    return "\n".join(parts)


def _display(fld: F.Field, value: Any, lang: str) -> str:
    if fld.kind == "bool":
        return bool_labels(lang)[0 if value else 1]
    if fld.kind == "enum":
        return enum_label(value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_value(fld: F.Field, value: Any, lang: str) -> Any:
    """An assessment value as written into a template cell (labels for enums and yes/no)."""
    if value is None:
        return None
    if fld.kind == "bool":
        return bool_labels(lang)[0 if value else 1]
    if fld.kind == "enum" or (fld.kind == "text" and fld.suggested and value in fld.suggested):
        return enum_label(value, lang)
    if fld.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _example_value(table: F.Table, fld: F.Field, lang: str) -> Any:
    if fld is table.fields[0]:
        return EXAMPLE_PREFIXES[1 if lang == "ja" else 2] + ("1" if fld.kind != "text" else "001")
    if fld.kind == "enum":
        return enum_label(fld.default or fld.allowed[-1 if fld.id == "flow_type" else 0], lang)
    if fld.kind == "unit":
        return fld.default
    if fld.kind == "bool":
        return bool_labels(lang)[1]
    if fld.kind == "percent":
        return fld.default if fld.default not in (None, 0.0) else 10.0
    if fld.kind == "number":
        return 12.5 if fld.minimum is not None else 1.0
    if fld.kind == "text" and fld.suggested:
        return enum_label(fld.suggested[0], lang)
    if fld.kind == "text":
        return _t(lang, "(example)", "（記入例）")
    return None


# --------------------------------------------------------------------------------------------------
# workbook construction
# --------------------------------------------------------------------------------------------------
class _Lists:
    """The hidden lists sheet: one column per distinct set of drop-down values."""

    def __init__(self, wb: Workbook, lang: str):
        self.ws = wb.create_sheet(LISTS_SHEET[lang])
        self.columns: dict[tuple[str, ...], str] = {}

    def ref(self, values: tuple[str, ...]) -> str:
        if values not in self.columns:
            col = len(self.columns) + 1
            letter = get_column_letter(col)
            for i, v in enumerate(values, start=1):
                self.ws.cell(row=i, column=col, value=v)
            self.columns[values] = f"{quote_sheetname(self.ws.title)}!${letter}$1:${letter}${len(values)}"
        return self.columns[values]

    def finish(self) -> None:
        self.ws.sheet_state = "hidden"
        self.ws.protection.sheet = True


def _readme(wb: Workbook, lang: str) -> None:
    ws = wb.active
    ws.title = README_SHEET[lang]
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    lines = [
        (_t(lang, "gcpcalc input template", "gcpcalc 入力テンプレート"), ""),
        ("", ""),
        (_t(lang, "How to fill in", "記入方法"), ""),
        ("1", _t(lang, "Fill in one sheet per table; one row per line. Leave unused sheets empty.",
                 "表ごとに1シート、1行に1明細を入力します。使わないシートは空欄のままで構いません。")),
        ("2", _t(lang, "Row 1 holds the column labels: do not rename them (ja, en labels and field ids are all "
                       "accepted; columns may be reordered). Hover over a label for its help, unit and values.",
                 "1行目は列見出しです（日本語・英語の見出し、項目IDのいずれも可。列の順序は自由）。見出しにカーソルを"
                 "合わせると説明・単位・選択肢が表示されます。")),
        ("3", _t(lang, "The grey italic row whose id starts with 'example:' is an example: it is skipped on import. "
                       "Overwrite it or leave it.",
                 "IDが「例:」で始まる灰色斜体の行は記入例で、読み込み時には無視されます。上書きしても残しても構いません。")),
        ("4", _t(lang, "Percent columns (orange headers, '%' in the label) take 0–100: type 45 or 45%.",
                 "割合の列（橙色の見出し、見出しに「%」）は 0〜100 で入力します（45 または 45%）。")),
        ("5", _t(lang, "Dark blue headers are required; light blue are optional (their default applies when blank).",
                 "濃い青の見出しは必須、薄い青は任意です（空欄なら既定値が使われます）。")),
        ("6", _t(lang, "Masses take the unit of their unit column (t, kg, g, lb, kt, Mg). Numbers such as 1,234.5 "
                       "or full-width digits are accepted.",
                 "質量は同じ行の単位列の単位です（t, kg, g, lb, kt, Mg）。1,234.5 や全角数字も読み込めます。")),
        ("7", _t(lang, "The organisation sheet is one record: fill in column B.",
                 "組織シートは1件のみです。B列に入力してください。")),
        ("8", _t(lang, "Check the file: gcpcalc validate FILE.xlsx — every problem is listed with its cell.",
                 "確認：gcpcalc validate FILE.xlsx を実行すると、すべての問題がセル番地付きで表示されます。")),
        ("", ""),
        (_t(lang, "Sheets", "シート"), ""),
    ]
    for table in F.TABLES.values():
        lines.append((sheet_name(table, lang), table.help_ja if lang == "ja" else table.help_en))
    for r, (a, b) in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=a)
        ws.cell(row=r, column=2, value=b).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"].font = Font(bold=True)
    ws.cell(row=len(lines) - len(F.TABLES), column=1).font = Font(bold=True)


def _organisation_sheet(wb: Workbook, lang: str, record: dict | None) -> None:
    table = F.ORGANISATION
    ws = wb.create_sheet(sheet_name(table, lang))
    heads = (_t(lang, "Item", "項目"), _t(lang, "Value", "値"), _t(lang, "Unit / help", "単位・説明"),
             _t(lang, "Field id", "項目ID"))
    for c, h in enumerate(heads, start=1):
        cell = ws.cell(row=1, column=c, value=h)
        cell.font = _HEADER_FONT
        cell.fill = _FILL_REQUIRED
    for width, letter in zip((30, 44, 70, 20), "ABCD"):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B2"
    lists: _Lists = wb._gc_lists  # type: ignore[attr-defined]
    for i, fld in enumerate(table.fields):
        r = ORG_FIRST_ROW + i
        label = ws.cell(row=r, column=ORG_COLUMNS["label"], value=header_label(fld, lang))
        label.font = Font(bold=fld.required)
        label.comment = _comment(_comment_text(fld, lang))
        value = record.get(fld.id) if record else None
        vcell = ws.cell(row=r, column=ORG_COLUMNS["value"], value=cell_value(fld, value, lang))
        _as_text(vcell)
        if fld.kind == "date":
            vcell.number_format = "yyyy-mm-dd"
        elif fld.kind == "number":
            vcell.number_format = "#,##0"
        help_text = " ".join(p for p in (_unit_note(fld, lang), fld.help(lang)) if p)
        ws.cell(row=r, column=ORG_COLUMNS["help"], value=help_text).alignment = Alignment(wrap_text=True)
        ws.cell(row=r, column=ORG_COLUMNS["id"], value=fld.id).font = Font(color="808080")
        coord = f"{quote_sheetname(ws.title)}!$B${r}"
        wb.defined_names[ORG_NAME_PREFIX + fld.id] = DefinedName(ORG_NAME_PREFIX + fld.id, attr_text=coord)
        choices = _choices(fld, lang)
        if choices:
            dv = DataValidation(type="list", formula1=lists.ref(choices), allow_blank=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
        elif fld.kind == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                errorTitle=_t(lang, "Date", "日付"),
                                error=_t(lang, "Enter a date (YYYY-MM-DD).", "日付（YYYY-MM-DD）を入力してください。"))
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _comment(text: str) -> Comment:
    c = Comment(text, "gcpcalc")
    c.width = 320
    c.height = 40 + 16 * (text.count("\n") + len(text) // 45)
    return c


def _list_sheet(wb: Workbook, table: F.Table, lang: str, rows: list[dict] | None) -> None:
    ws = wb.create_sheet(sheet_name(table, lang))
    lists: _Lists = wb._gc_lists  # type: ignore[attr-defined]
    n_rows = max(TEMPLATE_ROWS, len(rows or ()) + 500)
    last = FIRST_DATA_ROW + n_rows - 1
    for c, fld in enumerate(table.fields, start=1):
        letter = get_column_letter(c)
        cell = ws.cell(row=HEADER_ROW, column=c, value=header_label(fld, lang))
        cell.font = _HEADER_FONT
        cell.fill = _FILL_PERCENT if fld.kind == "percent" else _FILL_REQUIRED if fld.required else _FILL_OPTIONAL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = _comment(_comment_text(fld, lang))
        ws.column_dimensions[letter].width = max(12, min(40, len(header_label(fld, lang)) * (2 if lang == "ja" else 1.1)))
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
        choices = _choices(fld, lang)
        if choices:
            dv = DataValidation(type="list", formula1=lists.ref(choices), allow_blank=True)
            if fld.kind == "text":  # suggestions only: other values stay allowed
                dv.errorStyle = "information"
                dv.showErrorMessage = False
            else:
                dv.errorTitle = header_label(fld, lang)
                dv.error = _t(lang, "Choose a value from the list.", "一覧から選択してください。")
                dv.showErrorMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
        elif fld.kind in ("number", "percent"):
            if fld.kind == "percent":
                dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                                    allow_blank=True)
                dv.error = _t(lang, "A percentage between 0 and 100.", "0〜100 の割合を入力してください。")
            else:
                lo = fld.minimum if fld.minimum is not None else -1e300
                dv = DataValidation(type="decimal", operator="greaterThan" if fld.exclusive_minimum else
                                    "greaterThanOrEqual", formula1=str(int(lo)) if lo == int(lo) else str(lo),
                                    allow_blank=True)
                dv.error = _t(lang, "A number", "数値を入力してください") + (
                    f" {'>' if fld.exclusive_minimum else '≥'} {int(lo)}." if fld.minimum is not None else ".")
            dv.errorTitle = header_label(fld, lang)
            dv.showErrorMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2).coordinate
    ws.row_dimensions[HEADER_ROW].height = 45
    if rows is None:
        for c, fld in enumerate(table.fields, start=1):
            cell = ws.cell(row=FIRST_DATA_ROW, column=c, value=_example_value(table, fld, lang))
            cell.font = _EXAMPLE_FONT
        return
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        for c, fld in enumerate(table.fields, start=1):
            value = cell_value(fld, row.get(fld.id), lang)
            if value is not None:
                _as_text(ws.cell(row=r, column=c, value=value))


#: text starting with one of these is what a spreadsheet reads as a formula (or a DDE call) when typed
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell) -> None:
    """A user's text is written as text, never as a formula: a string cell, with Excel's quote prefix
    (the cell stays text when it is edited in Excel; the prefix is not part of the value)."""
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True


def build_workbook(lang: str = "ja", assessment=None) -> Workbook:
    """The template workbook in ``lang``; filled with ``assessment`` (an Assessment or its JSON form) if given."""
    lang = "ja" if lang == "ja" else "en"
    data = None
    if assessment is not None:
        data = assessment.to_json_dict() if hasattr(assessment, "to_json_dict") else assessment
    wb = Workbook()
    wb.properties.creator = "gcpcalc"
    wb.properties.title = _t(lang, "gcpcalc input template", "gcpcalc 入力テンプレート")
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    wb.properties.lastModifiedBy = "gcpcalc"
    _readme(wb, lang)
    wb._gc_lists = _Lists(wb, lang)  # type: ignore[attr-defined]
    _organisation_sheet(wb, lang, data.get("organisation") if data else None)
    for tid in F.LIST_TABLES:
        _list_sheet(wb, F.TABLES[tid], lang, (data.get(tid) or []) if data else None)
    lists = wb._gc_lists  # type: ignore[attr-defined]
    lists.finish()
    wb.move_sheet(lists.ws, offset=len(wb.sheetnames))
    wb.active = 1
    del wb._gc_lists  # type: ignore[attr-defined]
    return wb


def template_bytes(lang: str = "ja") -> bytes:
    """The empty input template of ``lang`` as xlsx bytes."""
    return _save(build_workbook(lang))


def assessment_to_template_bytes(assessment, lang: str = "ja") -> bytes:
    """An assessment written into the template layout (xlsx bytes): the importer reads it back equal."""
    return _save(build_workbook(lang, assessment))


def write_template(path: str | Path, lang: str = "ja", assessment=None) -> Path:
    p = Path(path)
    p.write_bytes(_save(build_workbook(lang, assessment)))
    return p


def _save(wb: Workbook) -> bytes:
    """Workbook bytes whose parts depend on the content only (openpyxl stamps the save time: reset it)."""
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()
