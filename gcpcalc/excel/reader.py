"""The template importer: an xlsx workbook -> a validated Assessment and every message, each with its cell.

* The workbook is checked first (:mod:`gcpcalc.excel.security`): not an xlsx, macro-enabled, encrypted,
  too large, a zip or XML bomb are refused with one clear message.
* Values are read with python-calamine (fast, cached values of formulas). The raw sheet XML, read once
  through the capped reader, is scanned only for what calamine does not tell: cells with a percent number
  format (``45%`` stored as 0.45 means 45), formulas without a cached value and error cells (``#DIV/0!``).
* Sheets are found by their ja or en name or table id; header labels may be ja, en or the field id, in
  any order, with merged header cells and a title row above; extra columns are warned about and kept out,
  extra sheets ignored, blank rows skipped, example rows (id starting ``例:`` / ``example:``) skipped.
* Values go through the same lenient coercion as every other input path (:func:`gcpcalc.models.coerce_value`,
  memoised per column), then :func:`gcpcalc.models.validate_assessment`; each message is mapped back to its
  cell (``インフロー!F12``) and the texts are prefixed with it. All messages come at once, grouped by sheet.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, quote_sheetname

from .. import fields as F
from ..i18n import ENUM_ALIASES_JA, enum_label, message_texts
from ..messages import ERROR, WARNING, Message
from ..models import Assessment, coerce_value, validate_assessment
from .security import DEFAULT_LIMITS, Limits, Package, Refused, refusal
from .template import EXAMPLE_PREFIXES, ORG_NAME_PREFIX

_HEADER_SCAN_ROWS = 10
_DIM_RE = re.compile(rb"<dimension ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_CELL_REF = rb"<c r=\"([A-Z]{1,3})(\d+)\""
_FORMULA_NO_VALUE_RE = re.compile(
    _CELL_REF + rb"[^>]*>\s*(<f\b[^>]*/>|<f\b[^>]*>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_ERROR_CELL_RE = re.compile(_CELL_REF + rb"[^>]*\bt=\"e\"[^>]*>(?:\s*<f\b[^>]*(?:/>|>[^<]*</f>))?\s*<v>([^<]*)</v>")
_SUFFIX_RE = re.compile(r"\s*[\(（\[［][^\)）\]］]*[\)）\]］]\s*$")


def _col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def cell_ref(sheet: str, row0: int, col0: int) -> str:
    """``Sheet!F12`` from 0-based row and column (the sheet name quoted when Excel would quote it)."""
    return f"{_sheet_ref(sheet)}!{get_column_letter(col0 + 1)}{row0 + 1}"


def _sheet_ref(sheet: str) -> str:
    if re.fullmatch(r"[^\s!'\"\-+()\[\],;:*?/\\{}<>=&%^~]+", sheet):
        return sheet
    return quote_sheetname(sheet)


def _lookup_header(table: F.Table, text: Any) -> F.Field | None:
    if text is None or text == "":
        return None
    s = str(text).strip()
    fld = F.field_for_header(table, s)
    if fld is None:
        stripped = _SUFFIX_RE.sub("", s)
        if stripped and stripped != s:
            fld = F.field_for_header(table, stripped)
    return fld


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


class _SheetScan:
    """What the raw XML of one sheet says beyond the values: percent cells, formulas without value, errors."""

    def __init__(self, xml: bytes, pct_styles: set[int]):
        self.percent: set[tuple[int, int]] = set()
        self.no_value: dict[tuple[int, int], str] = {}
        self.errors: dict[tuple[int, int], str] = {}
        if pct_styles:
            alt = b"|".join(str(i).encode() for i in sorted(pct_styles))
            regex = re.compile(_CELL_REF + rb"(?:\s+[a-z]+=\"[^\"]*\")*?\s+s=\"(?:" + alt + rb")\"")
            for m in regex.finditer(xml):
                self.percent.add((int(m.group(2)) - 1, _col_index(m.group(1))))
        if b"<f" in xml:
            for m in _FORMULA_NO_VALUE_RE.finditer(xml):
                formula = m.group(4).decode("utf-8", "replace") if m.group(4) is not None else "(shared)"
                self.no_value[(int(m.group(2)) - 1, _col_index(m.group(1)))] = "=" + formula
        if b't="e"' in xml:
            for m in _ERROR_CELL_RE.finditer(xml):
                self.errors[(int(m.group(2)) - 1, _col_index(m.group(1)))] = m.group(3).decode("utf-8", "replace")


class _Located:
    """Where each (table, row, field) of the JSON form came from in the workbook."""

    def __init__(self):
        self.sheet: dict[str, str] = {}  # table id -> sheet name
        self.rows: dict[str, list[int]] = {}  # table id -> 0-based sheet row of each data row
        self.cols: dict[str, dict[str, int]] = {}  # table id -> field id -> 0-based column
        self.first_col: dict[str, int] = {}
        self.org_cells: dict[str, tuple[str, int, int]] = {}  # field -> (sheet, row0, col0)

    def locate(self, table: str | None, row: int | None, fld: str | None) -> tuple[str | None, int, int]:
        if table is None or table not in self.sheet and table != "organisation":
            return None, 0, 0
        if table == "organisation":
            if fld in self.org_cells:
                return self.org_cells[fld]
            sheet = self.sheet.get("organisation")
            return sheet, 0, 0
        sheet = self.sheet[table]
        if row is None:
            return sheet, 0, 0
        r0 = self.rows[table][row - 1]
        c0 = self.cols[table].get(fld, self.first_col[table]) if fld else self.first_col[table]
        return sheet, r0, c0


def _locate_message(m: Message, loc: _Located, file: str) -> tuple[Message, tuple]:
    sheet, r0, c0 = loc.locate(m.table, m.row, m.field)
    if sheet is None:
        where = file
        key = (-1, 0, 0)
    else:
        where = cell_ref(sheet, r0, c0)
        key = (list(loc.sheet.values()).index(sheet) if sheet in loc.sheet.values() else 99, r0, c0)
    return _with_location(m, where), key


def _with_location(m: Message, where: str) -> Message:
    return Message(m.code, m.severity, f"{where}: {m.message_en}", f"{where}：{m.message_ja}", m.table, m.row,
                   m.field, m.value, where)


def _cell_message(code: str, severity: str, table: F.Table, sheet: str, r0: int, c0: int,
                  fld: F.Field | None = None, value: Any = None, row: int | None = None, **kw) -> Message:
    if fld is not None:
        kw.setdefault("field", fld.label_en)
        kw.setdefault("field_ja", fld.label_ja)
    en, ja = message_texts(code, value="" if value is None else value, sheet=sheet, **kw)
    where = cell_ref(sheet, r0, c0)
    return Message(code, severity, f"{where}: {en}", f"{where}：{ja}", table.id, row,
                   fld.id if fld is not None else None, value, where)


_SUGGESTED: dict[tuple[str, ...], dict[str, str]] = {}


def _suggested_lookup(fld: F.Field) -> dict[str, str]:
    """ja/en labels of a text field's suggested values -> the value (a drop-down label reads back as its id)."""
    table = _SUGGESTED.get(fld.suggested)
    if table is None:
        table = {}
        for v in fld.suggested:
            for lang in ("en", "ja"):
                table[enum_label(v, lang).casefold()] = v
            for alias in ENUM_ALIASES_JA.get(v, ()):
                table.setdefault(alias.casefold(), v)
            table[v.casefold()] = v
        _SUGGESTED[fld.suggested] = table
    return table


class _Coercer:
    """coerce_value memoised per field: a column of 100k cells holds few distinct spellings."""

    def __init__(self):
        self.memo: dict[str, dict] = {}

    def __call__(self, fld: F.Field, value: Any) -> Any:
        if type(value) is float and fld.kind in ("number", "percent"):
            return value
        if isinstance(value, (dt.datetime, dt.date)) and fld.kind == "text":
            value = value.isoformat()[:10] if not isinstance(value, dt.datetime) or not value.time() \
                else value.isoformat()
        try:
            memo = self.memo.setdefault(fld.id + fld.kind, {})
            key = (type(value), value)
            found = memo.get(key, memo)
            if found is memo:
                found = coerce_value(fld, value)
                if fld.kind == "text" and fld.suggested and isinstance(found, str):
                    found = _suggested_lookup(fld).get(found.casefold(), found)
                if len(memo) < 10000:
                    memo[key] = found
            return found
        except TypeError:  # unhashable: not expected from calamine
            return coerce_value(fld, value)


def _convert_column(fld: F.Field, column: list, coerce: "_Coercer") -> list:
    """One column of cells -> field values (empty cells None), the common spellings on a fast path."""
    kind = fld.kind
    if kind in ("number", "percent"):
        return [v if type(v) is float else None if v == "" or v is None else coerce(fld, v) for v in column]
    if kind == "text" and not fld.suggested and not fld.choice_list:
        return [None if v == "" or v is None else (v.strip() or None) if type(v) is str else coerce(fld, v)
                for v in column]
    try:  # enums, units, yes/no, suggested texts: few distinct spellings, each coerced once
        distinct = {v: coerce(fld, v) for v in set(column) if not (v == "" or v is None)}
    except TypeError:
        return [None if v == "" or v is None else coerce(fld, v) for v in column]
    return [None if v == "" or v is None else distinct[v] for v in column]


def _read_list_sheet(table: F.Table, sheet: str, values: list[list], merged, scan: _SheetScan,
                     loc: _Located, messages: list[Message], coerce: _Coercer) -> list[dict]:
    # header row: the row of the first rows with the most recognised labels (a title row may sit above)
    best, best_row = 0, -1
    for r0 in range(min(_HEADER_SCAN_ROWS, len(values))):
        n = sum(1 for v in values[r0] if _lookup_header(table, v) is not None)
        if n > best:
            best, best_row = n, r0
    if best_row < 0:
        if any(not _empty(v) for row in values for v in row):
            messages.append(_cell_message("sheet_no_header", ERROR, table, sheet, 0, 0))
        loc.sheet[table.id] = sheet
        loc.rows[table.id], loc.cols[table.id], loc.first_col[table.id] = [], {}, 0
        return []
    header = list(values[best_row])
    data_start = best_row + 1
    for (top, left), (bottom, right) in merged or ():
        if top <= best_row <= bottom:
            for c in range(left, right + 1):
                if c < len(header) and _empty(header[c]) and top < len(values) and left < len(values[top]):
                    if bottom > best_row or top < best_row:  # vertical merge: the label is in its top cell
                        header[c] = values[top][left]
            data_start = max(data_start, bottom + 1)
    cols: dict[str, int] = {}
    extra: list[int] = []
    for c0, h in enumerate(header):
        fld = _lookup_header(table, h)
        if fld is None:
            if not _empty(h):
                extra.append(c0)
                messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0, value=str(h)))
            continue
        if fld.id in cols:
            messages.append(_cell_message("column_duplicate", WARNING, table, sheet, best_row, c0, value=str(h)))
            continue
        cols[fld.id] = c0
    loc.sheet[table.id] = sheet
    loc.cols[table.id] = cols
    loc.first_col[table.id] = min(cols.values()) if cols else 0
    first_field = table.fields[0].id
    items = [(table.field(fid), c0) for fid, c0 in cols.items()]
    percent, no_value, errors = scan.percent, scan.no_value, scan.errors
    special = bool(no_value or errors)
    key_col = cols.get(first_field)
    row_index: list[int] = []
    for r0 in range(data_start, len(values)):
        line = values[r0]
        if line.count("") + line.count(None) == len(line):  # a blank row (unless a formula or error hides there)
            if not special or not any((r0, c) in no_value or (r0, c) in errors for c in range(len(line))):
                continue
        if key_col is not None and key_col < len(line):
            k = line[key_col]
            if isinstance(k, str) and k.strip().casefold().startswith(EXAMPLE_PREFIXES):
                continue
        row_index.append(r0)
    pos = {r0: i for i, r0 in enumerate(row_index)} if (special or percent) else {}
    by_col = {c0: fld for fld, c0 in items}
    skip_cells: set[tuple[int, int]] = set()
    for cells, code in ((no_value, "formula_no_value"), (errors, "cell_error")):
        for (r0, c0), shown in cells.items():
            if r0 in pos and c0 in by_col:
                messages.append(_cell_message(code, ERROR, table, sheet, r0, c0, by_col[c0], shown, pos[r0] + 1))
                skip_cells.add((r0, c0))
    columns: list[list] = []
    for fld, c0 in items:
        column = [values[r0][c0] if c0 < len(values[r0]) else "" for r0 in row_index]
        if fld.kind == "percent" and percent:
            for (r0, c) in percent:
                if c == c0 and r0 in pos and type(column[pos[r0]]) is float:
                    column[pos[r0]] = round(column[pos[r0]] * 100.0, 10)
        columns.append(_convert_column(fld, column, coerce))
    fids = [fld.id for fld, _ in items]
    rows = [dict(zip(fids, t)) for t in zip(*columns)] if columns else [{} for _ in row_index]
    loc.rows[table.id] = row_index
    loc.__dict__.setdefault("skip", set()).update((sheet, r, c) for r, c in skip_cells)
    # data in columns with no header at all
    width = len(header)
    stray = {c0 for r0 in row_index for c0 in range(width, len(values[r0])) if not _empty(values[r0][c0])}
    for c0 in sorted(stray):
        messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0, value=get_column_letter(c0 + 1)))
    for c0, h in enumerate(header):
        if _empty(h) and c0 < width and any(c0 < len(values[r]) and not _empty(values[r][c0]) for r in row_index):
            messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0,
                                          value=get_column_letter(c0 + 1)))
    if rows:
        for fld in table.fields:
            if fld.required and fld.id not in cols:
                messages.append(_cell_message("column_missing", ERROR, table, sheet, best_row,
                                              len(header), fld))
    return rows


def _resolve_name(ref: str) -> tuple[str, int, int] | None:
    m = re.fullmatch(r"\s*=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)\s*", ref)
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, int(m.group(4)) - 1, _col_index(m.group(3))


def _read_organisation(sheet: str | None, values_of, names: dict[str, str], loc: _Located,
                       messages: list[Message], coerce: _Coercer, scans) -> dict | None:
    table = F.ORGANISATION
    record: dict[str, Any] = {}
    found = False
    # 1. defined names org_<field> (the layout may move)
    for fld in table.fields:
        ref = names.get(ORG_NAME_PREFIX + fld.id)
        target = _resolve_name(ref) if ref else None
        if target is None:
            continue
        tsheet, r0, c0 = target
        values = values_of(tsheet)
        if values is None:
            continue
        found = True
        loc.org_cells[fld.id] = (tsheet, r0, c0)
        v = values[r0][c0] if r0 < len(values) and c0 < len(values[r0]) else ""
        _put_org(record, fld, v, tsheet, r0, c0, scans.get(tsheet), messages, coerce)
    # 2. key/value rows: a label (ja, en or id) in one cell, the value in the next
    if sheet is not None:
        values = values_of(sheet) or []
        found = True
        for r0, line in enumerate(values):
            for c0 in range(min(len(line) - 1, 4)):
                fld = _lookup_header(table, line[c0])
                if fld is None:
                    continue
                if fld.id not in loc.org_cells:
                    loc.org_cells[fld.id] = (sheet, r0, c0 + 1)
                    _put_org(record, fld, line[c0 + 1], sheet, r0, c0 + 1, scans.get(sheet), messages, coerce)
                break
        loc.sheet["organisation"] = sheet
    return record if found else None


def _put_org(record, fld, v, sheet, r0, c0, scan, messages, coerce):
    if _empty(v):
        if scan is not None and (r0, c0) in scan.no_value:
            messages.append(_cell_message("formula_no_value", ERROR, F.ORGANISATION, sheet, r0, c0, fld,
                                          scan.no_value[(r0, c0)]))
        return
    record[fld.id] = coerce(fld, v)


def read_workbook_bytes(data: bytes, name: str = "workbook.xlsx", limits: Limits | None = None
                        ) -> tuple[Assessment | None, list[Message]]:
    """Read a template workbook: (the Assessment or None when there is an error, every message)."""
    try:
        return _read(data, name, limits or DEFAULT_LIMITS)
    except Refused as exc:
        return None, [exc.message]
    except Exception as exc:  # a damaged file the checks did not foresee: a message, never a traceback
        return None, [refusal("xlsx_unreadable", name, value=f"{type(exc).__name__}: {exc}")]


def read_workbook(path: str | Path, limits: Limits | None = None) -> tuple[Assessment | None, list[Message]]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        return None, [refusal("xlsx_unreadable", str(p), value=exc.strerror)]
    return read_workbook_bytes(data, p.name, limits)


def _read(data: bytes, name: str, limits: Limits) -> tuple[Assessment | None, list[Message]]:
    from python_calamine import CalamineWorkbook

    pkg = Package(data, name, limits)
    parts = pkg.sheet_parts()
    names = pkg.defined_names()
    pct_styles = pkg.percent_styles()
    messages: list[Message] = []
    chosen: dict[str, str] = {}  # table id -> sheet name
    for sheet in parts:
        table = F.table_for_sheet(sheet)
        if table is None:
            continue
        if table.id in chosen:
            messages.append(Message("sheet_duplicate", WARNING,
                                    *message_texts("sheet_duplicate", value=sheet, other=chosen[table.id]),
                                    table=table.id, value=sheet, location=_sheet_ref(sheet)))
            continue
        chosen[table.id] = sheet
    org_name_sheets = {r[0] for r in (_resolve_name(v) for k, v in names.items() if k.startswith(ORG_NAME_PREFIX))
                       if r is not None}
    if not chosen and not org_name_sheets:
        allowed = ", ".join(f"{t.label_ja} / {t.label_en}" for t in F.TABLES.values())
        return None, [refusal("xlsx_no_sheets", name, allowed=allowed)]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        raise Refused(refusal("xlsx_corrupt", name, value=str(exc))) from None

    cache: dict[str, list[list]] = {}
    merged: dict[str, Any] = {}
    scans: dict[str, _SheetScan] = {}

    def values_of(sheet: str) -> list[list] | None:
        if sheet in cache:
            return cache[sheet]
        if sheet not in parts:
            return None
        xml = pkg.read(parts[sheet])
        m = _DIM_RE.search(xml[:4096])
        if m and int(m.group(1)) > limits.max_rows:
            raise Refused(refusal("xlsx_too_many_rows", name, sheet=sheet, value=int(m.group(1)),
                                  maximum=limits.max_rows))
        scans[sheet] = _SheetScan(xml, pct_styles)
        del xml
        ws = book.get_sheet_by_name(sheet)
        rows = ws.to_python(skip_empty_area=False)
        if len(rows) > limits.max_rows:
            raise Refused(refusal("xlsx_too_many_rows", name, sheet=sheet, value=len(rows), maximum=limits.max_rows))
        merged[sheet] = ws.merged_cell_ranges
        cache[sheet] = rows
        return rows

    loc = _Located()
    coerce = _Coercer()
    org_sheet = chosen.get("organisation")
    if org_sheet is not None:
        values_of(org_sheet)
    record = _read_organisation(org_sheet, values_of, names, loc, messages, coerce, scans)
    if org_sheet is None and "organisation" not in loc.sheet and loc.org_cells:
        loc.sheet["organisation"] = next(iter(loc.org_cells.values()))[0]
    payload: dict[str, Any] = {"organisation": record}
    for tid in F.LIST_TABLES:
        sheet = chosen.get(tid)
        if sheet is None:
            payload[tid] = []
            continue
        values = values_of(sheet)
        payload[tid] = _read_list_sheet(F.TABLES[tid], sheet, values, merged.get(sheet), scans[sheet], loc,
                                        messages, coerce)
        cache.pop(sheet, None)
    # order sheets in workbook order for grouping
    order = [s for s in parts if s in loc.sheet.values()]
    loc.sheet = {t: s for s in order for t, s2 in list(loc.sheet.items()) if s2 == s}
    assessment, vmsgs = validate_assessment(payload)
    skip = getattr(loc, "skip", set())
    keyed: list[tuple[tuple, Message]] = []
    for m in vmsgs:
        if m.code == "organisation_missing":
            keyed.append(((-1, 0, 0), _with_location(m, name)))
            continue
        sheet, r0, c0 = loc.locate(m.table, m.row, m.field)
        if sheet is not None and (sheet, r0, c0) in skip and m.code in ("missing", "recovery_required",
                                                                         "destination_required"):
            continue  # already reported as a formula without value / an error cell
        if m.code == "duplicate_id" and sheet is not None:
            m = _relabel_duplicate(m, loc, payload)
        located, key = _locate_message(m, loc, name)
        keyed.append((key, located))
    for m in messages:
        keyed.append((_key_of(m, loc), m))
    keyed.sort(key=lambda kv: kv[0])
    out = [m for _, m in keyed]
    if any(m.severity == ERROR for m in out):
        return None, out
    return assessment, out


def _key_of(m: Message, loc: _Located) -> tuple:
    if not m.location or "!" not in m.location:
        return (-1, 0, 0)
    sheet_part, cell = m.location.rsplit("!", 1)
    sheet = sheet_part.strip("'").replace("''", "'")
    order = list(dict.fromkeys(loc.sheet.values()))
    mm = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    r0, c0 = (int(mm.group(2)) - 1, _col_index(mm.group(1))) if mm else (0, 0)
    return (order.index(sheet) if sheet in order else 99, r0, c0)


def _relabel_duplicate(m: Message, loc: _Located, payload: dict) -> Message:
    """The duplicate-id message names the first use by its cell, not by its table row."""
    rows = payload[m.table]
    first = next((i for i, r in enumerate(rows, 1) if r.get(m.field) == m.value), None)
    if first is None:
        return m
    sheet, r0, c0 = loc.locate(m.table, first, m.field)
    fld = F.TABLES[m.table].field(m.field)
    en, ja = message_texts("duplicate_id", field=fld.label_en, field_ja=fld.label_ja, value=m.value,
                           other=cell_ref(sheet, r0, c0))
    en = en.replace("at row ", "at ")
    ja = ja.replace(" 行目", "")
    return Message(m.code, m.severity, en, ja, m.table, m.row, m.field, m.value)
