"""A size budget checked on the raw parts of a workbook *before* any spreadsheet library parses them.

A spreadsheet library sizes its cell grid from the used range: a single cell far out (``XFD1000000``), a
declared ``<dimension>`` of a whole sheet, a million rows or one huge shared string make it allocate
gigabytes before a single value is returned. Each of these is visible in the XML with a few linear scans
(``bytes.count`` and regular expressions without nested or unbounded backtracking: every variable part is
``[^<>]`` with a possessive quantifier, so no scan ever crosses a tag or retries), so the budget costs a
small fraction of the parse it protects.

What is checked, per sheet that will be read:

* the declared used range (``<dimension ref="A1:Z100">``): columns and cells;
* the number of rows and of cells;
* the real extent of the cells: the farthest column and row any cell names, so a cell at ``XFD1000`` in a
  sheet without ``<dimension>`` is refused before it is parsed;
* the length of one cell's markup (a cell with 80,000 attributes was not written by a spreadsheet program);

(a cell reference is looked for as `` r="`` after a space, as every spreadsheet program writes it, so that
the scans run at the speed of a literal search; a file that hides a far cell behind another separator
still meets the address-space limit of the child process);

and, for the workbook: the decompressed size of every XML part that is parsed, and the length of every
shared string (Excel cannot store more than 32,767 characters in a cell).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..excel.security import Limits, Package, Refused, refusal
from . import texts  # noqa: F401  (registers the messages)

EXCEL_CELL_CHARS = 32_767
_DIM_RE = re.compile(rb'<dimension\s++ref="([A-Z]{1,3})?+(\d{1,8})?+(?::([A-Z]{1,3})(\d{1,8}))?+"')
_ROW_R_RE = re.compile(rb'<row\s++r="(\d{1,8})"')
_COL3_RE = re.compile(rb' r="([A-Z]{3,})\d')
_COL2_RE = re.compile(rb' r="([A-Z]{2})\d')
_COL1_RE = re.compile(rb' r="([A-Z])\d')
_SI_RE = re.compile(rb"<si[\s>]")
_TAG_RE = re.compile(rb"<[^<>]*+>")
_ENTITY_RE = re.compile(rb"&[^;&<\s]{1,12};")
#: the longest markup of one ``<c ...>`` start tag a spreadsheet program writes is well under this
MAX_CELL_TAG = 4096
_LONG_TAG_RE = re.compile(rb"<c\s[^<>]{%d}" % MAX_CELL_TAG)


def col_index(letters: bytes | str) -> int:
    """0-based column of ``A``, ``AB``, ``XFD``."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def col_letters(col0: int) -> str:
    out = ""
    n = col0 + 1
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _size(n: int) -> str:
    for unit, k in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= k:
            return f"{n / k:,.1f} {unit}"
    return f"{n} bytes"


@dataclass(frozen=True)
class SheetExtent:
    """What the budget scan saw of one sheet."""

    rows: int
    cells: int  # the tags starting with "<c" (cells, and the few <col>, <cfRule>): exact cells when over the limit
    max_row: int  # 1-based, the farthest row any row or cell names
    max_col: int  # 0-based


def check_parts(pkg: Package, parts: list[str]) -> None:
    """Refuse a parsed XML part whose declared decompressed size is over the per-part limit."""
    limits = pkg.limits
    for part in parts:
        info = pkg.infos.get(part)
        if info is not None and info.file_size > limits.max_part_bytes:
            raise Refused(refusal("xlsx_part_too_large", pkg.name, value=part, other=_size(info.file_size),
                                  limit=_size(limits.max_part_bytes)))


def check_shared_strings(pkg: Package) -> None:
    """Refuse a shared string longer than Excel's cell limit (read once, linear scan of ``<si>`` starts)."""
    part = "xl/sharedStrings.xml"
    if part not in pkg.infos:
        return
    check_parts(pkg, [part])
    xml = pkg.read(part)
    # a string of 32,767 characters takes at most ~6 bytes a character in XML (``&amp;``): only longer
    # gaps between two <si> starts are measured exactly
    slack = EXCEL_CELL_CHARS * 6 + 4096
    if len(xml) <= slack:
        return
    starts = [m.start() for m in _SI_RE.finditer(xml)] + [len(xml)]
    for a, b in zip(starts, starts[1:]):
        if b - a > slack:
            chars = text_chars(xml[a:b])
            if chars > EXCEL_CELL_CHARS:
                raise Refused(refusal("xlsx_long_string", pkg.name, value=f"{chars:,}"))


def text_chars(chunk: bytes) -> int:
    """Characters of text in an XML fragment (tags dropped, an entity counted as one character)."""
    text = _ENTITY_RE.sub(b"x", _TAG_RE.sub(b"", chunk))
    return len(text.decode("utf-8", "replace"))


def sheet_extent(xml: bytes, name: str, sheet: str, limits: Limits) -> SheetExtent:
    """Check one sheet's XML against the budget; :class:`Refused` with the reason when it is over."""
    head = xml[:8192]
    m = _DIM_RE.search(head)
    if m and m.group(4):
        c1 = col_index(m.group(1)) if m.group(1) else 0
        c2 = col_index(m.group(3))
        r1 = int(m.group(2)) if m.group(2) else 1
        r2 = int(m.group(4))
        area = (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
        if area > limits.max_sheet_cells or max(c1, c2) >= limits.max_columns:
            ref = m.group(0).split(b'"')[1].decode("ascii", "replace")
            raise Refused(refusal("xlsx_dimension", name, sheet=sheet, value=ref, other=f"{area:,}",
                                  limit=f"{limits.max_sheet_cells:,}"))
        if r2 > limits.max_rows:
            raise Refused(refusal("xlsx_too_many_rows", name, sheet=sheet, value=r2, maximum=limits.max_rows))
    rows = xml.count(b"<row ") + xml.count(b"<row>")
    if rows > limits.max_rows:
        raise Refused(refusal("xlsx_too_many_rows", name, sheet=sheet, value=rows, maximum=limits.max_rows))
    # every cell tag starts with "<c", as do a few other tags (<col>, <cfRule>): one count bounds the cells, and
    # they are counted exactly only when the bound is over the limit
    cells = xml.count(b"<c")
    if cells > limits.max_sheet_cells:
        cells = xml.count(b"<c ") + xml.count(b"<c>")
        if cells > limits.max_sheet_cells:
            raise Refused(refusal("xlsx_too_many_cells", name, value=f"{cells:,}",
                                  limit=f"{limits.max_sheet_cells:,}"))
    long_tag = _LONG_TAG_RE.search(xml) if _has_run(xml, MAX_CELL_TAG + 2) else None
    if long_tag is not None:
        end = xml.find(b">", long_tag.start())
        length = (end if end >= 0 else len(xml)) - long_tag.start()
        raise Refused(refusal("xlsx_cell_tag", name, sheet=sheet, value=_size(length), limit=_size(MAX_CELL_TAG)))
    # the farthest row: row tags, then any cell naming a row beyond them
    max_row = rows
    for r in _ROW_R_RE.findall(xml):
        v = int(r)
        if v > max_row:
            max_row = v
    if max_row > limits.max_rows:
        m = re.search(rb' r="([A-Z]{1,3})' + str(max_row).encode() + rb'"', xml)
        where = f"{m.group(1).decode('ascii')}{max_row}" if m else f"A{max_row}"
        raise Refused(refusal("xlsx_far_cell", name, sheet=sheet, value=where,
                              maximum=col_letters(limits.max_columns - 1), rows=f"{limits.max_rows:,}",
                              limit=f"{limits.max_sheet_cells:,}"))
    # one scan for the references a sheet rarely has: two letters or more, or a row beyond the row tags; without
    # any, the farthest column is at most Z and no cell names a row beyond ``max_row``
    rare = _rare_refs(max_row).search(xml) is not None
    far = _far_rows(xml, max_row) if rare else None
    if far is not None:
        letters, row = far
        if row > limits.max_rows:
            raise Refused(refusal("xlsx_far_cell", name, sheet=sheet, value=f"{letters}{row}",
                                  maximum=col_letters(limits.max_columns - 1), rows=f"{limits.max_rows:,}",
                              limit=f"{limits.max_sheet_cells:,}"))
        max_row = row
    # the farthest column: three-letter columns are rare, two-letter ones few: exact maxima
    max_col = -1
    for regex in (_COL3_RE, _COL2_RE) if rare else ():
        if regex.search(xml) is None:
            continue
        best = max(set(regex.findall(xml)), key=lambda s: (len(s), s))
        max_col = col_index(best)
        break
    else:  # one-letter columns only: at most Z, no need to find which
        max_col = 25 if _COL1_RE.search(xml) is not None else -1
    if max_col >= limits.max_columns or (max_row * (max_col + 1) > limits.max_sheet_cells):
        where = _farthest_cell(xml, max_col, max_row)
        raise Refused(refusal("xlsx_far_cell", name, sheet=sheet, value=where,
                              maximum=col_letters(limits.max_columns - 1), rows=f"{limits.max_rows:,}",
                              limit=f"{limits.max_sheet_cells:,}"))
    return SheetExtent(rows, cells, max_row, max_col)


def _has_run(xml: bytes, n: int, chunk: int = 1 << 23) -> bool:
    """Whether ``xml`` holds a run of at least ``n`` bytes without ``<`` or ``>``.

    A run of ``2 * b - 1`` bytes or more contains a whole block of ``b`` bytes aligned on a multiple of ``b``:
    when every aligned block of ``b = n // 2`` bytes holds a delimiter (a sheet written by a spreadsheet
    program), no run reaches ``n`` and only the blocks were looked at; otherwise the runs are measured
    (:func:`_longest_run`)."""
    import numpy as np

    b = max(n // 2, 1)
    chunk = max(chunk - chunk % b, b)
    for start in range(0, len(xml) - len(xml) % b, chunk):
        count = min(chunk, len(xml) - len(xml) % b - start)
        a = np.frombuffer(xml, dtype=np.uint8, count=count, offset=start)
        if not ((a | 2) == 62).reshape(-1, b).any(axis=1).all():
            return _longest_run(xml) >= n
    return False


def _longest_run(xml: bytes, chunk: int = 1 << 23) -> int:
    """The length of the longest run of bytes without ``<`` or ``>`` (read in chunks, so memory stays small).

    A cell start tag longer than :data:`MAX_CELL_TAG` (``<c`` + white space + that many bytes inside the tag)
    needs a run of at least ``MAX_CELL_TAG + 2`` such bytes: below that, the tag scan cannot match and is
    not run."""
    import numpy as np

    best = 0
    last = -1  # position of the last delimiter seen
    for start in range(0, len(xml), chunk):
        a = np.frombuffer(xml, dtype=np.uint8, count=min(chunk, len(xml) - start), offset=start)
        pos = np.flatnonzero((a | 2) == 62)  # '<' (60) and '>' (62) are the bytes with b | 2 == 62
        if len(pos) == 0:
            continue
        pos = pos + start
        best = max(best, int(pos[0]) - last - 1)
        if len(pos) > 1:
            best = max(best, int(np.diff(pos).max()) - 1)
        last = int(pos[-1])
    return max(best, len(xml) - last - 1)


def _beyond(max_row: int) -> list[bytes]:
    """Patterns of the row numbers beyond ``max_row`` that the far-cell scan looks for, told by their digits: more
    digits, or as many with a larger leading digit (a row with as many digits and the same leading digit is not
    looked for: it is less than ten times as far)."""
    digits = len(str(max_row))
    lead = int(str(max_row)[0])
    alternatives = [rb"\d{%d,9}" % (digits + 1)] if digits < 9 else []
    if lead < 9:
        alternatives.append(rb"[%d-9]\d{%d}" % (lead + 1, digits - 1))
    return alternatives


@functools.lru_cache(maxsize=64)
def _rare_refs(max_row: int) -> re.Pattern:
    """A cell reference of two letters or more, or of one letter and a row :func:`_beyond` ``max_row``."""
    beyond = _beyond(max_row)
    one_letter = rb"|[A-Z](?:" + b"|".join(beyond) + rb')"' if beyond else b""
    return re.compile(rb' r="(?:[A-Z]{2}' + one_letter + rb")")


def _far_rows(xml: bytes, max_row: int) -> tuple[str, int] | None:
    """The cell naming the largest row beyond ``max_row`` (by its digits: more digits, or a larger
    leading digit), or None."""
    alternatives = _beyond(max_row)
    # one scan for both forms (more digits, or as many with a larger leading digit): the numbers of the
    # first form are all larger than those of the second, so the farthest cell is the same
    patterns = [rb' r="([A-Z]{1,3})(' + b"|".join(alternatives) + rb')"'] if alternatives else []
    best: tuple[str, int] | None = None
    for p in patterns:
        rx = re.compile(p)
        if rx.search(xml) is None:
            continue
        for letters, num in rx.findall(xml):
            n = int(num)
            if n > max_row and (best is None or n > best[1]):
                best = (letters.decode("ascii"), n)
    return best


def _farthest_cell(xml: bytes, max_col: int, max_row: int) -> str:
    """A cell reference to show: one cell in the farthest column (or the farthest row)."""
    letters = col_letters(max_col) if max_col >= 0 else "A"
    m = re.search(rb' r="' + letters.encode() + rb'(\d{1,8})"', xml)
    if m is not None:
        return f"{letters}{int(m.group(1))}"
    return f"{letters}{max_row}"
