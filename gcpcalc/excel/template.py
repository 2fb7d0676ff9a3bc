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

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from .. import fields as F
from .template_cells import (  # noqa: F401  (the names the template and its callers use)
    HEADER_ROW, FIRST_DATA_ROW, TEMPLATE_ROWS, EXAMPLE_PREFIXES, ORG_NAME_PREFIX, LISTS_SHEET,
    RULES_SHEET, README_SHEET, ORG_COLUMNS, ORG_FIRST_ROW, _FIXED_TIME, sheet_name,
    header_label, bool_labels, _t, _choices, _unit_note, _unit_field,
    _required_text, _comment_text, _prompt, _display, cell_value, EXAMPLES,
    _example_value, _fallback_example,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_FILL_REQUIRED = PatternFill("solid", fgColor="1F4E78")
_FILL_OPTIONAL = PatternFill("solid", fgColor="5B9BD5")
_FILL_PERCENT = PatternFill("solid", fgColor="C55A11")
_EXAMPLE_FONT = Font(italic=True, color="808080")


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
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    lines = [
        (_t(lang, "gcpcalc input template", "gcpcalc 入力テンプレート"), ""),
        ("", ""),
        (_t(lang, "How to fill in", "記入方法"), ""),
        ("1", _t(lang, "Fill in one sheet per table; one row per line. Leave unused sheets empty.",
                 "表ごとに1シート、1行に1明細を入力します。使わないシートは空欄のままで構いません。")),
        ("2", _t(lang, "Row 1 holds the column labels: do not rename them (ja, en labels and field ids are all "
                       "accepted; columns may be reordered). Hover over a label for its help, unit and values; "
                       "a selected cell shows what to type.",
                 "1行目は列見出しです。見出しは変更しないでください（日本語・英語の見出し、項目IDのいずれも読み込めます。"
                 "列の順序は自由です）。見出しにカーソルを合わせると説明・単位・選択肢が、セルを選択すると入力方法が"
                 "表示されます。")),
        ("3", _t(lang, "Row 2 (grey italics, id starting with 'example:') is an example: it is skipped on import. "
                       "Type your data from row 3, or delete the example row; do not type over it.",
                 "2行目（灰色の斜体、IDが「例：」で始まる行）は記入例で、読み込み時には無視されます。データは3行目から"
                 "入力するか、記入例の行を削除してから入力してください。記入例の行に上書きしないでください。")),
        ("4", _t(lang, "Percent columns (orange headers, '%' in the label) take 0–100: type 45 or 45%.",
                 "割合の列（橙色の見出し、見出しに「%」）は 0～100 で入力します（45 または 45%）。")),
        ("5", _t(lang, "Dark blue headers are required; light blue are optional (their default applies when "
                       "blank). Some optional columns are required in some rows: their help says when (e.g. "
                       "Destination in rows whose flow type is Waste).",
                 "濃い青の見出しは必須、薄い青は任意です（空欄なら既定値が使われます）。任意の列でも、行によって必須に"
                 "なるものがあります。条件は見出しの説明に書いてあります（例：フロー種別が「廃棄物」の行の"
                 "処理・処分方法）。")),
        ("6", _t(lang, "Masses take the unit of the unit column of the same row (t, kg, g, lb, kt, Mg). Numbers "
                       "such as 1,234.5 or full-width digits are accepted.",
                 "質量の単位は同じ行の「質量単位」列の値です（t、kg、g、lb、kt、Mg）。1,234.5 のような桁区切りや"
                 "全角数字も読み込めます。")),
        ("7", _t(lang, "The organisation sheet is one record: fill in column B. Currency, country and the "
                       "procurement rule id have drop-downs showing code and name; only the code is read.",
                 "組織シートは1件のみです。B列に入力してください。通貨・国・判定ルールIDの一覧には、コードと名称が"
                 "「｜」で区切って表示されます。読み込まれるのはコードだけです。")),
        ("8", _t(lang, "Check the file: gcpcalc validate FILE.xlsx — every problem is listed with its cell.",
                 "確認：gcpcalc validate FILE.xlsx を実行すると、すべての問題がセル番地付きで表示されます。")),
        ("", ""),
        (_t(lang, "Terms", "用語"), ""),
        (_t(lang, "Pre- / post-consumer", "プレコンシューマ材料／ポストコンシューマ材料"),
         _t(lang, "Recycled material as defined by ISO 14021: pre-consumer is diverted from a manufacturing process "
                  "(scrap re-used in the same process does not count); post-consumer comes from used products.",
            "JIS Q 14021 の定義による再生材です。プレコンシューマ材料は製造工程の廃棄物から回収した材料（発生と同一の"
            "工程で再使用できる加工不適合品・スクラップ等は含めない）、ポストコンシューマ材料は使用済みの製品として"
            "家庭・事業所等から排出された材料です。")),
        (_t(lang, "R1 energy recovery", "R1（エネルギー回収）"),
         _t(lang, "R1 is the recovery operation 'use principally as a fuel or other means to generate energy' of "
                  "Annex II of the EU Waste Framework Directive (2008/98/EC). A municipal waste incinerator "
                  "counts as R1 only when its energy efficiency is at least 0.65 (0.60 if permitted before 2009). "
                  "Answer yes in the outflow column 'Energy recovery meets R1' only for such plants: the waste then "
                  "counts as other recovery (diverted from disposal); otherwise energy recovery counts as "
                  "incineration (disposal).",
            "R1 は EU 廃棄物枠組み指令（2008/98/EC）附属書II の回収作業「主に燃料として、又はエネルギーを生み出す"
            "その他の手段として使用すること」です。都市ごみ焼却施設は、エネルギー効率が 0.65 以上（2009年より前に"
            "許可された施設は 0.60 以上）の場合に限り R1 に該当します。アウトフローの「エネルギー回収がR1基準を"
            "満たす」列は、このような施設で処理した場合だけ「はい」とします。「はい」の廃棄物はその他の回収作業"
            "（処分されなかった廃棄物）、「いいえ」の廃棄物は焼却（処分された廃棄物）として集計します。国内の熱回収"
            "（サーマルリサイクル）の施設がこの基準を満たすかは、処理委託先に確認してください。")),
        (_t(lang, "Destination", "処理・処分方法"),
         _t(lang, "The treatment route of the line, as in GRI 306 and ESRS E5: preparation for reuse, recycling, "
                  "composting and other recovery count as diverted from disposal; incineration, landfill and other "
                  "disposal as directed to disposal.",
            "GRI 306・ESRS E5 の区分による処理・処分方法です。再使用のための準備・リサイクル・堆肥化・その他の回収"
            "作業は「処分されなかった廃棄物」、焼却・埋立・その他の処分作業は「処分された廃棄物」として集計します。")),
        (_t(lang, "Hazardous", "有害"),
         _t(lang, "Waste with a hazardous property of Annex III of the EU Waste Framework Directive. Japan's "
                  "specially controlled industrial waste mostly qualifies, but not exactly.",
            "EU 廃棄物枠組み指令 附属書III の有害特性を持つ廃棄物です。国内の特別管理産業廃棄物はおおむね該当しますが、"
            "完全には一致しません（例：水銀使用製品産業廃棄物は特別管理産業廃棄物ではありませんが、EU では有害廃棄物"
            "です）。")),
        (_t(lang, "Procurement rule id", "判定ルールID"),
         _t(lang, "The id of a rule of the green-procurement rules file (Eco Mark, Green Purchasing Act). The "
                  "drop-down lists every rule with its name; the sheet 'Procurement rules' lists their criteria.",
            "グリーン購入の判定ルールファイル（エコマーク、グリーン購入法）の判定ルールIDです。一覧にはすべての判定ルールが"
            "名称付きで表示されます。判断の基準（認定基準）は「判定ルール一覧」シートを参照してください。")),
        ("", ""),
        (_t(lang, "Sheets", "シート"), ""),
    ]
    for table in F.TABLES.values():
        lines.append((sheet_name(table, lang), table.help_ja if lang == "ja" else table.help_en))
    for r, (a, b) in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=a)
        ws.cell(row=r, column=2, value=b).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    _print_setup(ws)
    for r, (a, b) in enumerate(lines, start=1):
        if a and not b:
            ws.cell(row=r, column=1).font = Font(bold=True)
        ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(ws, r, b, 100)


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
    _print_setup(ws, "1:1")
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
        help_text = _org_help(fld, lang)
        ws.cell(row=r, column=ORG_COLUMNS["help"], value=help_text).alignment = Alignment(wrap_text=True,
                                                                                          vertical="top")
        _fit_height(ws, r, help_text, 70)
        ws.cell(row=r, column=ORG_COLUMNS["id"], value=fld.id).font = Font(color="808080")
        coord = f"{quote_sheetname(ws.title)}!$B${r}"
        wb.defined_names[ORG_NAME_PREFIX + fld.id] = DefinedName(ORG_NAME_PREFIX + fld.id, attr_text=coord)
        dv = _validation(fld, lang, lists)
        if dv is not None:
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _org_help(fld: F.Field, lang: str) -> str:
    """Column C of the organisation sheet: the help, then how to type the value, as whole sentences."""
    parts = [fld.help(lang)]
    if fld.kind == "date":
        parts.append(_unit_note(fld, lang))
    elif fld.kind == "enum" or fld.choice_list:
        parts.append(_t(lang, "Choose from the list.", "一覧から選択する。"))
    parts.append(_required_text(fld, lang))
    if fld.default is not None and not fld.required:
        parts.append(_t(lang, f"Blank: {_display(fld, fld.default, lang)} is used.",
                        f"空欄の場合は「{_display(fld, fld.default, lang)}」とする。"))
    return (" " if lang != "ja" else "").join(p for p in parts if p)


def _number_error(fld: F.Field, lang: str) -> str:
    if fld.kind == "percent":
        return _t(lang, "Enter a percentage between 0 and 100 (45 or 45%).",
                  "0～100 の割合を入力してください（45 または 45%）。")
    if fld.minimum is None:
        return _t(lang, "Enter a number.", "数値を入力してください。")
    lo = f"{fld.minimum:g}"
    if fld.exclusive_minimum:
        return _t(lang, f"Enter a number greater than {lo}.", f"{lo} より大きい数値を入力してください。")
    return _t(lang, f"Enter a number of at least {lo}.", f"{lo} 以上の数値を入力してください。")


def _validation(fld: F.Field, lang: str, lists: "_Lists") -> DataValidation | None:
    """The check of one column or cell, with its input message and its error message."""
    choices = _choices(fld, lang)
    label = header_label(fld, lang)[:32]
    if choices:
        dv = DataValidation(type="list", formula1=lists.ref(choices), allow_blank=True)
        if fld.kind == "text" and not fld.choice_list:  # suggestions only: other values stay allowed, silently
            dv.errorStyle = "information"
            dv.showErrorMessage = False
        elif fld.choice_list:  # codes not in the list (another currency, an own rule) stay allowed, with a warning
            dv.errorStyle = "warning"
            dv.error = _t(lang, "This value is not in the list. Keep it only if it is a valid code "
                                "(e.g. a rule of your own rules file). Keep it?",
                          "一覧にない値です。有効なコード（独自の判定ルールファイルのIDなど）の場合だけそのまま"
                          "入力してください。このまま入力しますか？")
        else:
            dv.error = _t(lang, "Choose a value from the list.", "一覧から選択してください。")
    elif fld.kind in ("number", "percent"):
        if fld.kind == "percent":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
        else:
            lo = fld.minimum if fld.minimum is not None else -1e300
            dv = DataValidation(type="decimal", operator="greaterThan" if fld.exclusive_minimum else
                                "greaterThanOrEqual", formula1=str(int(lo)) if lo == int(lo) else str(lo),
                                allow_blank=True)
        dv.error = _number_error(fld, lang)
    elif fld.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
        dv.error = _t(lang, "Enter a date after 2000-01-01 (YYYY-MM-DD, e.g. 2025-04-01).",
                      "2000年1月1日より後の日付を入力してください（YYYY-MM-DD 形式、例：2025-04-01）。")
    elif fld.kind == "text":
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="255", allow_blank=True)
        dv.error = _t(lang, "At most 255 characters.", "255文字以内で入力してください。")
    else:
        return None
    dv.errorTitle = label
    if dv.errorStyle != "information":
        dv.showErrorMessage = True
    dv.promptTitle, dv.prompt = _prompt(fld, lang)
    dv.showInputMessage = True
    return dv


def _units(text: str) -> int:
    """Display width of ``text`` in Excel character units (full-width characters count two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text or "")


def _fit_height(ws, row: int, text: str, width: float) -> None:
    """Row height for wrapped ``text`` in a column ``width`` characters wide (full-width characters count two)."""
    units = _units(text)
    lines = max(1, -(-units // max(1, int(width * 1.1))))
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 15, 15 * lines + 2)


def _print_setup(ws, title_rows: str | None = None) -> None:
    """A4 landscape, all columns on one page width, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows


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
        shown = max(_units(header_label(fld, lang)) * 0.6, _units(str(_example_value(table, fld, lang) or "")))
        ws.column_dimensions[letter].width = max(12, min(48, shown * 1.05 + 2))
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
        dv = _validation(fld, lang, lists) if fld.kind != "text" or _choices(fld, lang) else None
        if dv is not None:
            dv.add(area)
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2).coordinate
    ws.row_dimensions[HEADER_ROW].height = 45
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
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


def _rules_sheet(wb: Workbook, lang: str) -> None:
    """Every green-procurement rule of the default rules file, for choosing a rule id (read-only reference)."""
    from ..i18n import ui
    from ..procurement.rules import load_default_rules, scheme_label

    ruleset, _ = load_default_rules()
    if ruleset is None:
        return
    ws = wb.create_sheet(RULES_SHEET[lang])
    heads = (ui("rule_id", lang), _t(lang, "Name", "名称"), ui("scheme", lang), ui("scheme_item", lang),
             ui("rule_version", lang), ui("basis", lang), ui("criterion", lang), ui("rule_status", lang))
    for c, (h, width) in enumerate(zip(heads, (30, 40, 16, 30, 24, 30, 50, 18)), start=1):
        cell = ws.cell(row=1, column=c, value=h)
        cell.font = _HEADER_FONT
        cell.fill = _FILL_OPTIONAL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, rule in enumerate(ruleset.rules.values(), start=2):
        basis = ruleset.bases.get(rule.basis)
        row = (rule.rule_id, rule.name(lang), scheme_label(rule.scheme, lang), rule.scheme_item_text(lang),
               rule.version_text(lang), basis.label(lang) if basis is not None else rule.basis,
               rule.criterion(lang), rule.status_text(lang))
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    _print_setup(ws, "1:1")
    ws.protection.sheet = True


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
    _rules_sheet(wb, lang)
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
