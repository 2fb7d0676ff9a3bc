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
  A workbook whose values are all plainly valid has its large tables (inflows, outflows) checked column by
  column instead (:func:`_validate_columns`, the checks of the fast JSON path): the same result and
  messages, without per-row dicts; anything else is validated row by row.
* Nothing is read silently other than it was written: merged cells outside the tables, sheets found by
  their header row, sheet names and labels matched after NFKC normalisation (half-width katakana,
  full-width letters), ambiguous number spellings (``1.234,5``, ``1,2,3``, ``45%`` in a mass cell), template
  example rows typed over and missing tables each give a message with the cell.
* A large list sheet is parsed by calamine in a thread of its own as soon as its size budget has passed
  (:class:`_Ahead`): calamine's parse, in Rust without the GIL, runs beside the scans and conversions of the
  other sheets on another core. When two list sheets are large (inflows and outflows), the last of them is
  read and checked in a forked process of its own (:func:`_forked_sheet`) while this process reads the others.
  The values and the messages are those of a read one sheet at a time.
* :func:`read_workbook_bytes` parses in a child process (:mod:`gcpcalc.intake.isolate`) after the size
  budget of :mod:`gcpcalc.intake.budget`; :func:`parse_workbook_bytes` is the same read in this process,
  for the child. No regular expression that can backtrack runs over the sheet XML: every variable part
  is a possessive ``[^<>]`` class bounded by the tag it is in.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import re
import threading
import unicodedata
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import fields as F
from ..i18n import ENUM_ALIASES_JA, enum_label, message_texts
from ..intake.fastjson import COLUMNAR, fork_reading
from ..messages import ERROR, WARNING, Message
from ..coerce import coerce_value
from ..messages import INFO
from .security import DEFAULT_LIMITS, Limits, Package, Refused, refusal

if TYPE_CHECKING:  # the models (pydantic) are imported where rows are validated one by one or rebuilt
    from ..models import Assessment

_HEADER_SCAN_ROWS = 10
_MAX_LABEL = 200  # a header label longer than this is not a label (and is never scanned by a regex)
# linear scans of the sheet XML: a cell start tag is `<c r="A1" ...>`; every variable part is a possessive
# class that cannot leave the tag, so no scan backtracks or crosses into the next cell
_CELL_REF = rb"<c r=\"([A-Z]{1,3})(\d{1,8})\""
_FORMULA_NO_VALUE_RE = re.compile(
    _CELL_REF + rb"[^<>]*+>\s{0,64}+(?:<f\b[^<>]*+/>|<f\b[^<>]*+>([^<]*+)</f>)\s{0,64}+(?:<v\s{0,8}+/>|<v>\s{0,64}+</v>)?+"
    rb"\s{0,64}+</c>")
_ERROR_CELL_RE = re.compile(
    _CELL_REF + rb"(?>[^<>]*?\st=\"e\")[^<>]*+>(?:<f\b[^<>]*+/>|<f\b[^<>]*+>[^<]*+</f>)?+\s{0,64}+<v>([^<]{0,64}+)</v>")
_SUFFIX_RE = re.compile(r"\s*[\(（\[［][^\)）\]］]*[\)）\]］]\s*$")
_THOUSANDS_RE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_DECIMAL_COMMA_RE = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*),\d+")


def _col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def get_column_letter(col_idx: int) -> str:
    """``A`` for 1, ``AB`` for 28 (as openpyxl's, which this module does not import: the process that only
    hands a workbook to the isolated reader needs no spreadsheet library)."""
    if not 1 <= col_idx <= 18278:
        raise ValueError(f"Invalid column index {col_idx}")
    out = ""
    while col_idx:
        col_idx, rem = divmod(col_idx - 1, 26)
        out = chr(65 + rem) + out
    return out


def quote_sheetname(sheetname: str) -> str:
    """``'My sheet'`` (quotes doubled inside), as openpyxl's."""
    return "'{0}'".format(sheetname.replace("'", "''"))


def _template():
    from . import template_cells

    return template_cells


def cell_ref(sheet: str, row0: int, col0: int) -> str:
    """``Sheet!F12`` from 0-based row and column (the sheet name quoted when Excel would quote it)."""
    return f"{_sheet_ref(sheet)}!{get_column_letter(col0 + 1)}{row0 + 1}"


def _sheet_ref(sheet: str) -> str:
    if re.fullmatch(r"[^\s!'\"\-+()\[\],;:*?/\\{}<>=&%^~]+", sheet):
        return sheet
    return quote_sheetname(sheet)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _lookup_header(table: F.Table, text: Any) -> F.Field | None:
    return _lookup_header_n(table, text)[0]


def _lookup_header_n(table: F.Table, text: Any) -> tuple[F.Field | None, bool]:
    """(the field of a header label or None, whether it matched only after NFKC normalisation)."""
    if text is None or text == "" or not isinstance(text, (str, int, float)):
        return None, False
    s = str(text).strip()
    if not s or len(s) > _MAX_LABEL:
        return None, False
    fld = _match_label(table, s)
    if fld is not None:
        return fld, False
    n = _nfkc(s)
    if n != s:
        fld = _match_label(table, n)
        if fld is not None:
            return fld, True
    return None, False


def _match_label(table: F.Table, s: str) -> F.Field | None:
    fld = F.field_for_header(table, s)
    if fld is None:
        stripped = _SUFFIX_RE.sub("", s)
        if stripped and stripped != s:
            fld = F.field_for_header(table, stripped)
    return fld


def _match_sheet(sheet: str) -> tuple[F.Table | None, bool]:
    """(the table a sheet name names or None, whether it matched only after NFKC normalisation)."""
    if len(sheet) > _MAX_LABEL:
        return None, False
    table = F.table_for_sheet(sheet)
    if table is not None:
        return table, False
    n = _nfkc(sheet)
    if n != sheet:
        table = F.table_for_sheet(n)
        if table is not None:
            return table, True
    return None, False


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _has_formula_tag(xml: bytes) -> bool:
    """Whether the XML holds an ``<f`` tag (``<f>``, ``<f .../>``): other tags starting with "f" (the
    ``<formula1>`` of a data validation) do not send the whole sheet through the formula scan."""
    i = xml.find(b"<f")
    while i >= 0:
        nxt = xml[i + 2:i + 3]
        if not nxt or nxt[0] not in _WORD_BYTES:  # the word boundary of ``<f\b``
            return True
        i = xml.find(b"<f", i + 2)
    return False


class _SheetScan:
    """What the raw XML of one sheet says beyond the values: percent cells, formulas without value, errors.

    Linear scans only (see the module docstring): a crafted cell tag costs its own length, once."""

    def __init__(self, xml: bytes, pct_styles: set[int]):
        self.percent: set[tuple[int, int]] = set()
        self.no_value: dict[tuple[int, int], str] = {}
        self.errors: dict[tuple[int, int], str] = {}
        if pct_styles:
            alt = b"|".join(str(i).encode() for i in sorted(pct_styles))
            regex = re.compile(_CELL_REF + rb"(?>[^<>]*?\ss=\"(?:" + alt + rb")\")")
            for m in regex.finditer(xml):
                self.percent.add((int(m.group(2)) - 1, _col_index(m.group(1))))
        if _has_formula_tag(xml):
            for m in _FORMULA_NO_VALUE_RE.finditer(xml):
                formula = m.group(3).decode("utf-8", "replace") if m.group(3) is not None else "(shared)"
                self.no_value[(int(m.group(2)) - 1, _col_index(m.group(1)))] = "=" + formula[:200]
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
        self.skip: set[tuple[str, int, int]] = set()  # cells already reported, emptied (sheet, row0, col0)

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


def _convert_column(fld: F.Field, column: list, coerce: "_Coercer", types: set | None = None) -> tuple[list, set | None]:
    """One column of cells (a list of its own) -> (field values (empty cells None), the set of their types, or
    None where it is not known without a pass), the common spellings on a fast path. ``types``: the types of the
    cells of a number column, when already known."""
    kind = fld.kind
    if kind in ("number", "percent"):
        seen = set(map(type, column)) if types is None else types
        if seen <= {float}:  # numbers only: as they are
            return column, seen
        return [v if type(v) is float else None if v == "" or v is None else coerce(fld, v) for v in column], None
    if kind == "text" and not fld.suggested and not fld.choice_list:
        if set(map(type, column)) == {str}:  # texts only: stripped, blank ones empty
            stripped = list(map(str.strip, column))
            if "" in stripped:
                return [v or None for v in stripped], {str, _NONE}
            return stripped, {str}
        return [None if v == "" or v is None else (v.strip() or None) if type(v) is str else coerce(fld, v)
                for v in column], None
    try:  # enums, units, yes/no, suggested texts: few distinct spellings, each coerced once
        occurring = set(column)
        distinct = {v: coerce(fld, v) for v in occurring if not (v == "" or v is None)}
    except TypeError:
        return [None if v == "" or v is None else coerce(fld, v) for v in column], None
    distinct[""] = None
    distinct[None] = None
    return list(map(distinct.__getitem__, column)), {type(distinct[v]) for v in occurring}


class _Columns(list):
    """The columns of a list sheet (:func:`_read_list_sheet`), with the set of each column's value types where
    the conversion knew it (``types``, parallel; None where not known), so that :func:`_typed_raws` need not
    look at every value again."""

    types: list


def _spelled_numbers(fld: F.Field, column: list) -> bool:
    """Whether a number column holds a text whose spelling :func:`number_spelling` refuses (each distinct text
    looked at once; the cells holding one are then found row by row)."""
    try:
        texts = {v for v in set(column) if type(v) is str and v}
    except TypeError:  # pragma: no cover - calamine's values are hashable
        return True
    return any(number_spelling(fld, v) is not None for v in texts)


def _any_filled(values) -> bool:
    """Whether any of ``values`` (the cells of a column) is not empty (see :func:`_empty`)."""
    try:
        distinct = set(values)
    except TypeError:  # pragma: no cover - calamine's values are hashable
        return any(not _empty(v) for v in values)
    distinct.discard("")
    distinct.discard(None)
    return any(not _empty(v) for v in distinct)


def number_spelling(fld: F.Field, text: str) -> str | None:
    """The message code when a number typed as text is ambiguous in ``fld`` (None when it reads plainly).

    Refused: a decimal comma (``1,5``, ``1.234,5``), separators that are not thousands groups (``1,2,3``),
    a percent sign in a quantity cell (``45%`` in a mass cell) and a number followed by other text."""
    if fld.kind not in ("number", "percent"):
        return None
    t = _nfkc(text).strip()
    if not t or len(t) > 64:
        return None  # empty, or not a number at all (validation reports it as entered)
    if "%" in t:
        if fld.kind == "number":
            return "number_percent_sign"
        t = t.rstrip("%").strip()
    t = t.replace(" ", "")
    if "," in t:
        if _THOUSANDS_RE.fullmatch(t):
            return None
        if _DECIMAL_COMMA_RE.fullmatch(t):
            return "number_decimal_comma"
        return "number_separators"
    if t and t[0] in "+-.0123456789" and re.match(r"[+-]?[\d.]+", t) and not re.fullmatch(
            r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", t):
        return "number_unit_text"
    return None


def _example_cells(table: F.Table) -> dict[str, set]:
    """field id -> the values the template's example row holds (ja and en), normalised for comparison."""
    found = _EXAMPLES.get(table.id)
    if found is None:
        found = {}
        for fld in table.fields:
            vals = set()
            for lang in ("ja", "en"):
                v = _template()._example_value(table, fld, lang)
                if v is not None:
                    vals.add(_norm_cell(v))
            found[fld.id] = vals
        _EXAMPLES[table.id] = found
    return found


_EXAMPLES: dict[str, dict[str, set]] = {}


def _norm_cell(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    return _nfkc(str(v)).strip().casefold()


def _is_example_key(k: Any) -> bool:
    return isinstance(k, str) and _nfkc(k).strip().casefold().startswith(_example_keys())


@functools.lru_cache(maxsize=1)
def _example_keys() -> tuple[str, ...]:
    return tuple(_nfkc(p).casefold() for p in _template().EXAMPLE_PREFIXES)


def _read_list_sheet(table: F.Table, sheet: str, values: list[list], merged, scan: _SheetScan,
                     loc: _Located, messages: list[Message], coerce: _Coercer) -> tuple[list[str], list[list], int]:
    """(the field ids of the columns found, one list of coerced values per column, the number of data rows)
    of one list sheet; every message about its layout and cells is added to ``messages``."""
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
        return [], [], 0
    header = list(values[best_row])
    merged = [tuple(x) for x in (merged or ())]
    for (top, left), (bottom, right) in merged:
        if top <= best_row <= bottom and (bottom > best_row or top < best_row):
            # vertical merge over the header row: the label is in its top cell
            for c in range(left, right + 1):
                if c < len(header) and _empty(header[c]) and top < len(values) and left < len(values[top]):
                    header[c] = values[top][left]
    labelled = [c for c, v in enumerate(header) if _lookup_header(table, v) is not None]
    span_lo, span_hi = min(labelled), max(labelled)
    data_start = best_row + 1
    later: list[tuple[int, int, int, int]] = []
    for (top, left), (bottom, right) in merged:
        rng = f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(right + 1)}{bottom + 1}"
        inside = right >= span_lo and left <= span_hi
        if top <= best_row <= bottom and inside:  # a merged header label
            below = range(best_row + 1, min(bottom + 1, len(values)))
            if any(not _empty(v) for r in below for c, v in enumerate(values[r]) if not left <= c <= right):
                # the rows under the header hold data: they are data rows, not part of the label
                messages.append(_cell_message("merged_in_data", WARNING, table, sheet, top, left, value=rng,
                                              other=f"{get_column_letter(left + 1)}{top + 1}"))
            else:
                data_start = max(data_start, bottom + 1)
        elif bottom < best_row:  # above the header row (a title): outside the table
            messages.append(_cell_message("merged_outside_table", INFO, table, sheet, top, left, value=rng))
        elif not inside:
            messages.append(_cell_message("merged_outside_table", WARNING, table, sheet, top, left, value=rng))
        else:
            later.append((top, left, bottom, right))
    for top, left, bottom, right in later:
        rng = f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(right + 1)}{bottom + 1}"
        if bottom >= data_start:
            messages.append(_cell_message("merged_in_data", WARNING, table, sheet, top, left, value=rng,
                                          other=f"{get_column_letter(left + 1)}{top + 1}"))
    cols: dict[str, int] = {}
    extra: list[int] = []
    for c0, h in enumerate(header):
        fld, normalised = _lookup_header_n(table, h)
        if fld is None:
            if not _empty(h):
                extra.append(c0)
                messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0,
                                              value=str(h)[:_MAX_LABEL]))
            continue
        if fld.id in cols:
            messages.append(_cell_message("column_duplicate", WARNING, table, sheet, best_row, c0, value=str(h)))
            continue
        if normalised:
            messages.append(_cell_message("header_normalised", INFO, table, sheet, best_row, c0, value=str(h),
                                          other=_nfkc(str(h)).strip()))
        cols[fld.id] = c0
    loc.sheet[table.id] = sheet
    loc.cols[table.id] = cols
    loc.first_col[table.id] = min(cols.values()) if cols else 0
    first_field = table.fields[0].id
    items = [(table.field(fid), c0) for fid, c0 in cols.items()]
    percent, no_value, errors = scan.percent, scan.no_value, scan.errors
    bad_cells = getattr(scan, "bad", {})
    special = bool(no_value or errors or bad_cells)
    key_col = cols.get(first_field)
    data = values[data_start:]
    data_width = len(data[0]) if data else 0
    uniform = bool(data) and len(set(map(len, data))) == 1  # rows of one width, as calamine returns them
    if key_col is None:
        keys: Any = [None] * len(data)
    elif uniform:
        keys = list(map(itemgetter(key_col), data)) if key_col < data_width else [None] * len(data)
    else:
        keys = [line[key_col] if key_col < len(line) else None for line in data]
    dropped: set[int] = set()  # positions in ``data`` of blank rows and example rows
    for i in [i for i, k in enumerate(keys) if k == "" or k is None]:
        line = data[i]
        if line.count("") + line.count(None) == len(line):  # a blank row (unless a formula or error hides there)
            r0 = data_start + i
            if not special or not any((r0, c) in no_value or (r0, c) in errors or (r0, c) in bad_cells
                                      for c in range(len(line))):
                dropped.add(i)
    # an ASCII id can be an example id ("example: ...") only when it starts with "e" after white space
    for i in [i for i, k in enumerate(keys)
              if type(k) is str and (not k.isascii() or k.lstrip()[:1] in ("e", "E")) and _is_example_key(k)]:
        _check_example_row(table, sheet, data_start + i, data[i], items, messages)
        dropped.add(i)
    del keys
    keep = [i for i in range(len(data)) if i not in dropped] if dropped else range(len(data))
    row_index = [data_start + i for i in keep]
    if dropped:
        data = data[keep[0]:keep[-1] + 1] if keep and keep[-1] - keep[0] + 1 == len(keep) else [data[i] for i in keep]

    def cells_at(c0: int) -> list:
        """The cells of column ``c0`` in the data rows (an empty text where a row is shorter)."""
        if uniform:
            return list(map(itemgetter(c0), data)) if c0 < data_width else [""] * len(data)
        return [line[c0] if c0 < len(line) else "" for line in data]
    pos = {r0: i for i, r0 in enumerate(row_index)}
    by_col = {c0: fld for fld, c0 in items}
    skip_cells: set[tuple[int, int]] = set()
    for cells, code in ((no_value, "formula_no_value"), (errors, "cell_error")):
        for (r0, c0), shown in cells.items():
            if r0 in pos and c0 in by_col:
                messages.append(_cell_message(code, ERROR, table, sheet, r0, c0, by_col[c0], shown, pos[r0] + 1))
                skip_cells.add((r0, c0))
    for (r0, c0), shown in bad_cells.items():  # read as empty: validation says if the field was required
        if r0 in pos or r0 >= data_start:
            messages.append(_cell_message("cell_unreadable", WARNING, table, sheet, r0, c0, by_col.get(c0), shown,
                                          pos.get(r0, 0) + 1 if r0 in pos else None))
    columns = _Columns()
    columns.types = []
    for fld, c0 in items:
        column = cells_at(c0)
        if fld.kind == "percent" and percent:
            for (r0, c) in percent:
                if c == c0 and r0 in pos and type(column[pos[r0]]) is float:
                    column[pos[r0]] = round(column[pos[r0]] * 100.0, 10)
        types = set(map(type, column)) if fld.kind in ("number", "percent") else None
        if types is not None and str in types and _spelled_numbers(fld, column):
            types = None  # cells emptied below
            for i, v in enumerate(column):
                if type(v) is str and v:  # "" (an empty cell) reads plainly
                    code = number_spelling(fld, v)
                    if code is not None:
                        r0 = row_index[i]
                        messages.append(_cell_message(code, ERROR, table, sheet, r0, c0, fld, v.strip(), i + 1))
                        skip_cells.add((r0, c0))
                        column[i] = None
        for (r0, c) in skip_cells:
            if c == c0 and r0 in pos:
                column[pos[r0]] = None
                types = None  # a cell emptied: its type is no longer that read
        values, known = _convert_column(fld, column, coerce, types)
        columns.append(values)
        columns.types.append(known)
    fids = [fld.id for fld, _ in items]
    n = len(row_index)
    loc.rows[table.id] = row_index
    loc.skip.update((sheet, r, c) for r, c in skip_cells)
    # data in columns with no header at all
    width = len(header)
    longest = data_width if uniform else max(map(len, data), default=0)
    for c0 in range(width, longest):
        if _any_filled(cells_at(c0)):
            messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0,
                                          value=get_column_letter(c0 + 1)))
    for c0, h in enumerate(header):
        if _empty(h) and _any_filled(cells_at(c0)):
            messages.append(_cell_message("column_extra", WARNING, table, sheet, best_row, c0,
                                          value=get_column_letter(c0 + 1)))
    del data
    if n:
        for fld in table.fields:
            if fld.required and fld.id not in cols:
                messages.append(_cell_message("column_missing", ERROR, table, sheet, best_row,
                                              len(header), fld))
    return fids, columns, n


def _sheet_rows(fids: list[str], columns: list[list], n: int) -> list[dict]:
    """The rows (dicts of the fields the sheet has) of a sheet read by :func:`_read_list_sheet`."""
    return [dict(zip(fids, t)) for t in zip(*columns)] if columns else [{} for _ in range(n)]


def _check_example_row(table: F.Table, sheet: str, r0: int, line: list, items, messages: list[Message]) -> None:
    """An example row is never data; one whose cells were typed over is an error naming the row."""
    examples = _example_cells(table)
    for fld, c0 in items:
        v = line[c0] if c0 < len(line) else ""
        if _empty(v):
            continue
        if _norm_cell(v) not in examples.get(fld.id, ()):
            key_fld, key_c0 = items[0] if items else (table.fields[0], 0)
            for f2, c2 in items:
                if f2.id == table.fields[0].id:
                    key_fld, key_c0 = f2, c2
            messages.append(_cell_message("example_row_edited", ERROR, table, sheet, r0, key_c0, key_fld, r0 + 1))
            return


def _resolve_name(ref: str) -> tuple[str, int, int] | None:
    if len(ref) > 300:
        return None
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
        ref = names.get(_template().ORG_NAME_PREFIX + fld.id)
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
    if isinstance(v, str):
        code = number_spelling(fld, v)
        if code is not None:
            messages.append(_cell_message(code, ERROR, F.ORGANISATION, sheet, r0, c0, fld, v.strip()))
            return
    record[fld.id] = coerce(fld, v)


def read_workbook_bytes(data: bytes, name: str = "workbook.xlsx", limits: Limits | None = None
                        ) -> tuple[Assessment | None, list[Message]]:
    """Read a template workbook: (the Assessment or None when there is an error, every message).

    The workbook is parsed in a child process with memory and time limits: nothing in the file can end
    the calling process; an abnormal ending is one refusal naming the file and the limit."""
    from ..intake.isolate import run_isolated
    from ..intake.transport import unpack

    ok, result = run_isolated("xlsx", data, name, limits or DEFAULT_LIMITS, meanwhile=_import_models)
    if not ok:
        return None, [result]
    return unpack(result)


def _import_models() -> None:
    """The models (pydantic), with which the Assessment is rebuilt: imported while the child reads (a plain fork
    has them already: see ``isolate._WORKER_IMPORTS``)."""
    from .. import models  # noqa: F401


def parse_workbook_bytes(data: bytes, name: str = "workbook.xlsx", limits: Limits | None = None, fast: bool = True
                         ) -> tuple[Assessment | None, list[Message]]:
    """:func:`read_workbook_bytes` in this process (no isolation). ``fast=False`` validates every table row by
    row (:func:`gcpcalc.models.validate_assessment`), which the fast path must equal."""
    from ..intake.transport import unpack

    return unpack(parse_workbook_transport(data, name, limits or DEFAULT_LIMITS, fast))


def parse_workbook_transport(data: bytes, name: str, limits: Limits, fast: bool = True) -> tuple:
    """The child-process worker: the workbook read in this process, in the compact transport form of
    :mod:`gcpcalc.intake.transport` (``(None, None, messages)`` when it has an error or is refused)."""
    try:
        return _read_packed(data, name, limits, fast)
    except Refused as exc:
        return None, None, [exc.message]
    except (MemoryError, RecursionError):
        raise  # the isolation reports these with the limit
    except Exception:  # content the checks did not foresee: a message, never a traceback or library text
        return None, None, [refusal("xlsx_unexpected", name)]


def read_workbook(path: str | Path, limits: Limits | None = None) -> tuple[Assessment | None, list[Message]]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        return None, [refusal("xlsx_unreadable", str(p), value=exc.strerror)]
    return read_workbook_bytes(data, p.name, limits)


def _open_book(data: bytes):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # noqa: BLE001 - a pyo3 panic is a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        return None


#: a list sheet whose XML is at least this large is parsed ahead, in a thread of its own (:class:`_Ahead`)
AHEAD_MIN_BYTES = 4 << 20


class _Ahead:
    """Large list sheets parsed by calamine in threads of their own, started as soon as each sheet's size budget
    has passed, and taken by the reading of that sheet.

    Only what cannot change the result is done ahead: the sheet's XML is read through the capped reader and
    checked against the budget (a sheet over it is not parsed ahead: the reading of that sheet checks it
    again, at its own turn, and gives the same refusal as without the threads), calamine parses its own
    workbook object
    (one object is never shared between threads) and the raw-XML scan of :class:`_SheetScan` runs while it
    does. The values are turned into Python objects (``to_python``) only when the sheet is read, so the
    Python rows of one sheet at a time are in memory, as without the threads."""

    def __init__(self, data: bytes, pkg: Package, parts: dict[str, str], name: str, limits: Limits,
                 pct_styles: set[int]):
        self._data, self._pkg, self._parts = data, pkg, parts
        self._name, self._limits, self._pct = name, limits, pct_styles
        self._jobs: dict[str, tuple[threading.Thread, dict, _SheetScan]] = {}

    def start(self, sheet: str) -> None:
        from ..intake import budget

        part = self._parts.get(sheet)
        info = self._pkg.infos.get(part) if part is not None else None
        if info is None or info.file_size < AHEAD_MIN_BYTES or sheet in self._jobs:
            return
        try:
            xml = self._pkg.read(part)
            budget.sheet_extent(xml, self._name, sheet, self._limits)
        except Refused:
            return  # refused at the sheet's own turn, with the same message
        box: dict[str, Any] = {}
        data = self._data

        def parse() -> None:
            try:
                book = _open_book(data)
                if book is None:
                    box["error"] = None
                    return
                box["sheet"] = book.get_sheet_by_name(sheet)
            except BaseException as exc:  # noqa: BLE001 - a pyo3 panic: handed to the reading of the sheet
                box["error"] = exc

        thread = threading.Thread(target=parse, name=f"calamine:{sheet}", daemon=True)
        thread.start()
        self._jobs[sheet] = (thread, box, _SheetScan(xml, self._pct))

    def take(self, sheet: str) -> tuple[dict, _SheetScan] | None:
        """(``{"sheet": the calamine sheet}`` or ``{"error": the exception}``, the scan) of a sheet parsed
        ahead, once its thread has ended; ``None`` for a sheet that was not."""
        job = self._jobs.pop(sheet, None)
        if job is None:
            return None
        thread, box, scan = job
        thread.join()
        return box, scan

    def close(self) -> None:
        """Wait for the threads of sheets that were not read (a refusal came first)."""
        for thread, _, _ in self._jobs.values():
            thread.join()
        self._jobs.clear()


def _read(data: bytes, name: str, limits: Limits, fast: bool = True) -> tuple[Assessment | None, list[Message]]:
    """The workbook read in this process: (the Assessment or None, every message); :class:`Refused` raised."""
    from ..intake.transport import unpack

    return unpack(_read_packed(data, name, limits, fast))


def _read_packed(data: bytes, name: str, limits: Limits, fast: bool) -> tuple:
    # the sheets parsed ahead (whose threads are joined) and read in a forked process (ended and reaped),
    # however the read ends
    started: list = []
    try:
        return _read_packed_with(data, name, limits, fast, started)
    finally:
        for ahead in started:
            ahead.close()


def _read_packed_with(data: bytes, name: str, limits: Limits, fast: bool, started: list) -> tuple:
    from ..intake import budget
    from ..intake.fallback import read_sheet_cells
    from ..intake.sanity import check_assessment_data

    pkg = Package(data, name, limits)
    budget.check_parts(pkg, [n for n in pkg.infos if n.endswith((".xml", ".rels")) and "/media/" not in n])
    budget.check_shared_strings(pkg)
    parts = pkg.sheet_parts()
    names = pkg.defined_names()
    pct_styles = pkg.percent_styles()
    messages: list[Message] = []
    chosen: dict[str, str] = {}  # table id -> sheet name
    for sheet in parts:
        table, normalised = _match_sheet(sheet)
        if table is None:
            continue
        if table.id in chosen:
            messages.append(Message("sheet_duplicate", WARNING,
                                    *message_texts("sheet_duplicate", value=sheet, other=chosen[table.id]),
                                    table=table.id, value=sheet, location=_sheet_ref(sheet)))
            continue
        chosen[table.id] = sheet
        if normalised:
            messages.append(Message("sheet_name_normalised", INFO,
                                    *message_texts("sheet_name_normalised", value=sheet, other=_nfkc(sheet)),
                                    table=table.id, value=sheet, location=_sheet_ref(sheet)))
    org_prefix = _template().ORG_NAME_PREFIX
    org_name_sheets = {r[0] for r in (_resolve_name(v) for k, v in names.items() if k.startswith(org_prefix))
                       if r is not None}
    book = _open_book(data)
    ahead = _Ahead(data, pkg, parts, name, limits, pct_styles)
    started.append(ahead)
    shared: list[str] | None = None
    date_styles: set[int] | None = None

    cache: dict[str, list[list]] = {}
    merged: dict[str, Any] = {}
    scans: dict[str, _SheetScan] = {}

    def values_of(sheet: str, optional: bool = False) -> list[list] | None:
        nonlocal shared, date_styles
        if sheet in cache:
            return cache[sheet]
        if sheet not in parts:
            return None
        taken = ahead.take(sheet)
        xml = None if taken is not None else pkg.read(parts[sheet])
        try:
            if taken is None:
                budget.sheet_extent(xml, name, sheet, limits)
        except Refused as exc:
            if not optional:
                raise
            messages.append(Message("sheet_not_examined", WARNING,
                                    *message_texts("sheet_not_examined", value=sheet, other=exc.message.message_en),
                                    value=sheet, location=_sheet_ref(sheet)))
            cache[sheet] = None  # type: ignore[assignment]
            return None
        scan = taken[1] if taken is not None else _SheetScan(xml, pct_styles)
        scans[sheet] = scan
        rows = None
        if book is not None:
            try:
                if taken is not None:
                    if "error" in taken[0]:
                        raise taken[0]["error"] or ValueError(sheet)
                    ws = taken[0]["sheet"]
                else:
                    ws = book.get_sheet_by_name(sheet)
                rows = ws.to_python(skip_empty_area=False)
                merged[sheet] = ws.merged_cell_ranges
            except BaseException as exc:  # noqa: BLE001 - a damaged cell: read the sheet cell by cell below
                if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
                    raise
                rows = None
        if rows is None:
            if xml is None:  # parsed ahead, and calamine could not: the XML again for the cell-by-cell reading
                xml = pkg.read(parts[sheet])
            if shared is None:
                from ..intake.fallback import read_shared_strings, date_style_ids

                shared = read_shared_strings(pkg)
                date_styles = date_style_ids(pkg)
            rows, bad, merged[sheet] = read_sheet_cells(xml, shared, date_styles or set(), limits)
            scan.bad = {k: v for k, v in bad.items()}  # type: ignore[attr-defined]
            where = ", ".join(cell_ref(sheet, r0, c0) for (r0, c0) in sorted(bad)[:5]) or "-"
            messages.append(Message("sheet_unreadable", WARNING,
                                    *message_texts("sheet_unreadable", value=sheet, other=where),
                                    value=sheet, location=_sheet_ref(sheet)))
        del xml
        if len(rows) > limits.max_rows:
            raise Refused(refusal("xlsx_too_many_rows", name, sheet=sheet, value=len(rows), maximum=limits.max_rows))
        cache[sheet] = rows
        return rows

    loc = _Located()
    coerce = _Coercer()

    def read_sheet(tid: str, where: _Located) -> tuple[list[str], list[list], int]:
        """Table ``tid`` read from its sheet: (field ids, columns, rows); its messages added to ``messages``, where
        its cells are to ``where``."""
        sheet = chosen[tid]
        values = values_of(sheet)
        entry = _read_list_sheet(F.TABLES[tid], sheet, values, merged.get(sheet), scans[sheet], where, messages,
                                 coerce)
        del values
        cache.pop(sheet, None)
        return entry

    # set by this process when the rows of every table will be validated (an error already found): the forked
    # process then sends its sheet's cells too, which the row validation reads (made when a sheet is forked)
    cells_wanted: Any = None

    def read_forked(tid: str) -> tuple:
        """What the forked process sends for table ``tid`` (see :func:`_forked_sheet`): its sheet parsed by
        calamine in a thread while this process scans its XML, as for the sheets parsed ahead."""
        ahead.start(chosen[tid])
        return _forked_sheet(tid, functools.partial(read_sheet, tid, loc), messages, loc, fast, cells_wanted)

    forked: dict[str, Any] = {}
    if book is not None:
        late = _fork_candidate(chosen, parts, pkg)
        if late is not None:
            cells_wanted = _Flag()
            got = fork_reading(functools.partial(read_forked, late))
            if got is not None:
                forked[late] = got
                started.append(got)
        for tid in F.LIST_TABLES:  # in the order they are read
            if tid in chosen and tid not in forked:
                ahead.start(chosen[tid])

    # tables whose sheet has another name: recognised by the header row
    missing = [t for t in F.LIST_TABLES if t not in chosen]
    if missing:
        used = set(chosen.values()) | org_name_sheets
        candidates = [s for s in parts if s not in used and _match_sheet(s)[0] is None]
        found = _find_by_header(candidates, missing, values_of)
        for tid, (sheet, r0, n) in found.items():
            chosen[tid] = sheet
            table = F.TABLES[tid]
            en, ja = message_texts("sheet_by_header", value=sheet, table=table.label_en, table_ja=table.label_ja,
                                   other=f"{table.label_ja} / {table.label_en}")
            where = cell_ref(sheet, r0, 0)
            messages.append(Message("sheet_by_header", WARNING, f"{where}: {en}", f"{where}：{ja}", table=tid,
                                    value=sheet, location=where))
    if not chosen and not org_name_sheets:
        allowed = ", ".join(f"{t.label_ja} / {t.label_en}" for t in F.TABLES.values())
        return None, None, [refusal("xlsx_no_sheets", name, allowed=allowed)] + [
            m for m in messages if m.code == "sheet_not_examined"]
    for tid in F.LIST_TABLES:
        if tid not in chosen:
            table = F.TABLES[tid]
            en, ja = message_texts("table_missing", table=table.label_en, table_ja=table.label_ja,
                                   other=f"{table.label_ja} / {table.label_en}")
            messages.append(Message("table_missing", WARNING, f"{name}: {en}", f"{name}：{ja}", table=tid,
                                    location=name))

    org_sheet = chosen.get("organisation")
    if org_sheet is not None:
        values_of(org_sheet)
    record = _read_organisation(org_sheet, values_of, names, loc, messages, coerce, scans)
    if org_sheet is None and "organisation" not in loc.sheet and loc.org_cells:
        loc.sheet["organisation"] = next(iter(loc.org_cells.values()))[0]
    sheets: dict[str, tuple[list[str], list[list] | None, int]] = {}
    done: dict[str, tuple] = {}  # table id -> _checked_sheet's result: checked in the forked process, or here meanwhile
    for tid in F.LIST_TABLES:
        sheet = chosen.get(tid)
        if sheet is None:
            continue
        job = forked.pop(tid, None)
        if job is not None and (not fast or None in done.values() or any(m.severity == ERROR for m in messages)):
            cells_wanted.set()
        got = job.result() if job is not None else None
        if got is not None and got[0] == "refused":
            raise Refused(got[1])
        if got is not None and got[0] == "ok" and sheet not in cache:
            _, entry, msgs, placed, skipped, checked_cols = got
            messages.extend(msgs)
            loc.sheet[tid] = sheet
            loc.rows[tid], loc.cols[tid], loc.first_col[tid] = list(placed[0]), placed[1], placed[2]
            loc.skip.update(skipped)
            sheets[tid] = entry
            if checked_cols is not None:
                done[tid] = checked_cols
            continue
        sheets[tid] = read_sheet(tid, loc)  # not forked, or the forked process ended without a result: read here
        if forked and fast and tid in COLUMNAR and not any(m.severity == ERROR for m in messages):
            # checked now, while the forked process still reads (as _validate_columns would check it later)
            done[tid] = _checked_sheet(F.TABLES[tid], *sheets[tid])
    # order sheets in workbook order for grouping
    order = [s for s in parts if s in loc.sheet.values()]
    loc.sheet = {t: s for s in order for t, s2 in list(loc.sheet.items()) if s2 == s}
    checked = _validate_columns(record, sheets, done) if fast and not any(m.severity == ERROR for m in messages) \
        else None
    if checked is not None:
        org, tables, vmsgs = checked
        payload: dict[str, Any] = {}
    else:
        from ..intake.transport import pack

        payload = {"organisation": record}
        for tid in F.LIST_TABLES:
            if tid in sheets and sheets[tid][1] is None:  # sent checked by a forked process: its cells again
                start = len(messages)
                sheets[tid] = read_sheet(tid, _Located())  # the cells and messages the forked process had
                del messages[start:]
            payload[tid] = _sheet_rows(*sheets[tid]) if tid in sheets else []
        sheets.clear()
        from ..models import validate_assessment

        assessment, vmsgs = validate_assessment(payload)
        if assessment is not None:
            vmsgs = vmsgs + check_assessment_data(assessment.organisation,
                                                  {t: getattr(assessment, t) for t in F.LIST_TABLES})
        org, tables, _ = pack(assessment, [])
    skip = loc.skip
    keyed: list[tuple[tuple, Message]] = []
    for m in vmsgs:
        if m.code == "organisation_missing":
            keyed.append(((-1, 0, 0), _with_location(m, name)))
            continue
        sheet, r0, c0 = loc.locate(m.table, m.row, m.field)
        if sheet is not None and (sheet, r0, c0) in skip and m.code in ("missing", "recovery_required",
                                                                         "destination_required"):
            continue  # already reported as a formula without value / an error cell / an ambiguous number
        if m.code == "duplicate_id" and sheet is not None:
            m = _relabel_duplicate(m, loc, payload)
        located, key = _locate_message(m, loc, name)
        keyed.append((key, located))
    for m in messages:
        keyed.append((_key_of(m, loc), m))
    keyed.sort(key=lambda kv: kv[0])
    out = [m for _, m in keyed]
    if org is None or any(m.severity == ERROR for m in out):
        return None, None, out
    return org, tables, out


#: a list sheet whose XML is at least this large is read in a forked process of its own when another one is too
#: (:func:`_fork_candidate`)
FORK_SHEET_MIN_BYTES = 4 << 20


def _fork_candidate(chosen: dict[str, str], parts: dict[str, str], pkg: Package) -> str | None:
    """The table whose sheet is read in a forked process: the last read of the list sheets of
    :data:`FORK_SHEET_MIN_BYTES` or more of XML, when there are two such sheets or more (one core each: this
    process reads the first while the forked one reads the last)."""
    large = []
    for tid in F.LIST_TABLES:
        info = pkg.infos.get(parts.get(chosen.get(tid, ""), ""))
        if info is not None and info.file_size >= FORK_SHEET_MIN_BYTES:
            large.append(tid)
    return large[-1] if len(large) >= 2 else None


class _Flag:
    """One byte of memory shared with the processes forked after it is made (an anonymous shared mapping): set by
    the reading process, read by a forked one."""

    def __init__(self):
        import mmap

        self._mem = mmap.mmap(-1, 1)

    def set(self) -> None:
        self._mem[0] = 1

    def __bool__(self) -> bool:
        return self._mem[0] == 1


def _forked_sheet(tid: str, read, messages: list[Message], loc: _Located, fast: bool, cells_wanted) -> tuple:
    """In the forked process: table ``tid`` read by ``read()`` as this process would read it in its turn, sent as
    ``("ok", (field ids, columns or None, rows), messages, (sheet rows, columns, first column), cells skipped,
    checked)``, where ``checked`` is :func:`gcpcalc.intake.fastjson.checked_table`'s result or ``None``;
    ``("refused", message)`` when the sheet is refused. ``messages`` and ``loc`` are this process's copies of
    the reader's: what the reading adds to them is sent. The columns of cells are sent when the table is not
    checked, or when the reading process has asked for them (``cells_wanted``, true once it knows that the rows
    of every table will be validated)."""
    start = len(messages)
    skip_before = set(loc.skip)
    try:
        fids, columns, n = read()
    except Refused as exc:
        return ("refused", exc.message)
    said = messages[start:]
    rows = loc.rows[tid]
    if rows and rows[-1] - rows[0] + 1 == len(rows):  # consecutive rows (no blank or example row between)
        rows = range(rows[0], rows[-1] + 1)
    placed = (rows, loc.cols[tid], loc.first_col[tid])
    skipped = loc.skip - skip_before
    checked = None
    if fast and n and tid in COLUMNAR and not cells_wanted and not any(m.severity == ERROR for m in said):
        checked = _checked_sheet(F.TABLES[tid], fids, columns, n)
    cells = columns if checked is None or cells_wanted else None
    return ("ok", (fids, cells, n), said, placed, skipped, checked)


def _checked_sheet(table: F.Table, fids: list[str], columns: list[list], n: int) -> tuple | None:
    """:func:`gcpcalc.intake.fastjson.checked_table` of a list sheet read by :func:`_read_list_sheet`, or ``None``
    when a value is not of its field's type or range as read (:func:`_typed_raws`) or the table is not plainly
    valid."""
    from ..intake.fastjson import checked_table

    if not n:
        return None
    raws = _typed_raws(table, fids, columns, n)
    return checked_table(table, raws, n) if raws is not None else None


def _validate_columns(record: dict | None, sheets: dict[str, tuple[list[str], list[list] | None, int]],
                      done: dict[str, tuple] | None = None) -> tuple | None:
    """(organisation, tables in the transport form, messages) of a workbook whose every value is valid as read,
    with the large tables (inflows, outflows) checked column by column as the fast JSON path checks them
    (:func:`gcpcalc.intake.fastjson.checked_table`), never as per-row dicts; ``None`` when anything is not
    plainly valid, and then :func:`gcpcalc.models.validate_assessment` reads the rows and gives every message.
    The messages are those of the ordinary path: validation first, then plausibility, in dictionary order.
    ``done``: :func:`_checked_sheet`'s result for a table already checked (while a forked process read, or in
    that process, which then does not send the columns: ``None`` in ``sheets``)."""
    from ..intake.sanity import check_rows
    from ..intake.transport import pack_table
    from ..models import validate_organisation, validate_table

    org, messages = validate_organisation(record)
    if org is None:
        return None
    plausibility = check_rows(F.ORGANISATION, [org], first_row=None)
    tables: dict[str, tuple] = {}
    for tid in F.LIST_TABLES:
        fids, columns, n = sheets.get(tid, ([], [], 0))
        table = F.TABLES[tid]
        if not n:
            tables[tid] = ((), [], 0)
            continue
        if tid in COLUMNAR:
            checked = done[tid] if done and tid in done else _checked_sheet(table, fids, columns, n)
            if checked is None:
                return None
            tables[tid] = (table.field_ids, checked[0], n)
            messages.extend(checked[1])
            continue
        rows, msgs = validate_table(tid, _sheet_rows(fids, columns, n))
        if rows is None:
            return None
        messages.extend(msgs)
        plausibility.extend(check_rows(table, rows))
        tables[tid] = pack_table(rows)
    if any(m.severity == ERROR for m in plausibility):
        return None
    return org, tables, messages + plausibility


_NONE = type(None)


def _typed_raws(table: F.Table, fids: list[str], columns: list[list], n: int) -> list | None:
    """One column per field of ``table`` (dictionary order; ``None`` for an empty cell or a column the sheet does
    not have; a number column as a float64 array, NaN where empty) when every value is of its field's type and
    within its range as read, as the row types of :mod:`gcpcalc.models` require; ``None`` when any value is not
    (validation then names it)."""
    import numpy as np

    from ..units import allowed_units

    given = dict(zip(fids, columns))
    known = dict(zip(fids, getattr(columns, "types", ())))  # the types the conversion saw (_Columns)
    raws: list = []
    for f in table.fields:
        col = given.get(f.id)
        if col is None:
            if f.required:
                return None
            raws.append([None] * n)
            continue
        types = known.get(f.id)
        types = set(map(type, col)) if types is None else set(types)
        empties = _NONE in types
        if f.required and empties:
            return None
        types.discard(_NONE)
        kind = f.kind
        if kind in ("number", "percent"):
            if not types <= {float}:
                return None
            values = np.array(col, dtype=np.float64)  # an empty cell (None) -> NaN
            empty = np.isnan(values)
            if int(empty.sum()) != (col.count(None) if empties else 0) or np.isinf(values).any():
                return None  # a cell holding NaN or inf
            if not empty.all():
                lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
                if f.minimum is not None and (lo <= f.minimum if f.exclusive_minimum else lo < f.minimum):
                    return None
                if f.maximum is not None and hi > f.maximum:
                    return None
            raws.append(values)  # converted once: the fast path takes a number column as this array
            continue
        elif kind == "bool":
            if not types <= {bool}:
                return None
        elif kind == "date":
            if not types <= {dt.date}:
                return None
        elif not types <= {str}:
            return None
        elif kind in ("enum", "unit"):
            allowed = f.allowed if kind == "enum" else allowed_units(f.unit_kind)
            distinct = set(col)
            distinct.discard(None)
            if not distinct <= set(allowed):
                return None
        elif "" in col:
            return None  # an empty text is refused by a required field and kept by an optional one: not sure
        raws.append(col)
    return raws


def _find_by_header(candidates: list[str], missing: list[str], values_of) -> dict[str, tuple[str, int, int]]:
    """table id -> (sheet, header row, labels recognised) for sheets whose header row names a missing table
    (at least three labels, the table's first field among them)."""
    scores: list[tuple[int, str, str, int]] = []
    for sheet in candidates:
        values = values_of(sheet, optional=True)
        if not values:
            continue
        for tid in missing:
            table = F.TABLES[tid]
            key = table.fields[0]
            for r0 in range(min(_HEADER_SCAN_ROWS, len(values))):
                flds = {f.id for f in (_lookup_header(table, v) for v in values[r0][:200]) if f is not None}
                if len(flds) >= 3 and key.id in flds:
                    scores.append((len(flds), sheet, tid, r0))
    out: dict[str, tuple[str, int, int]] = {}
    taken: set[str] = set()
    for n, sheet, tid, r0 in sorted(scores, key=lambda s: -s[0]):
        if tid in out or sheet in taken:
            continue
        out[tid] = (sheet, r0, n)
        taken.add(sheet)
    return out


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
