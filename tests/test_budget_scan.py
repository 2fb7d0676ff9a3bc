"""The size budget's scan of a sheet's XML (gcpcalc.intake.budget.sheet_extent): the farthest row and column it
finds equal those of every cell reference read one by one, on random sheets; the cells are counted exactly when
they are over the limit."""
from __future__ import annotations

import random
import re

import pytest

from gcpcalc.excel.security import Limits, Refused
from gcpcalc.intake import budget

_REF = re.compile(rb' r="([A-Z]{1,3})(\d{1,9})"')


def _letters(rnd: random.Random) -> str:
    n = rnd.choices([1, 2, 3], weights=[8, 3, 1])[0]
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))


def _sheet(rnd: random.Random) -> bytes:
    """A sheet of a few rows whose cells name random columns, some of them rows beyond the row tags."""
    n_rows = rnd.randint(1, 40)
    parts = [b'<worksheet><sheetData>']
    for r in range(1, n_rows + 1):
        cells = []
        for _ in range(rnd.randint(0, 4)):
            row = r if rnd.random() < 0.8 else rnd.choice([r, n_rows + rnd.randint(1, 9), rnd.randint(1, 10 ** rnd.randint(1, 7))])
            letters = _letters(rnd) if rnd.random() < 0.3 else rnd.choice("ABCDE")
            cells.append(b'<c r="%s%d" t="n"><v>1</v></c>' % (letters.encode(), row))
        parts.append(b'<row r="%d">' % r + b"".join(cells) + b"</row>")
    parts.append(b"</sheetData></worksheet>")
    return b"".join(parts)


def _expected(xml: bytes) -> tuple[int, int]:
    """(max_row, max_col) as the budget defines them, from every reference read one by one."""
    refs = [(m.group(1).decode(), int(m.group(2))) for m in _REF.finditer(xml)]
    max_row = max([xml.count(b"<row ")] + [int(r) for r in re.findall(rb'<row r="(\d+)"', xml)])
    digits, lead = len(str(max_row)), int(str(max_row)[0])
    beyond = [n for _, n in refs
              if n > max_row and (len(str(n)) > digits or (len(str(n)) == digits and int(str(n)[0]) > lead))]
    if beyond:
        max_row = max(beyond)
    wide = [budget.col_index(s) for s, _ in refs if len(s) >= 2]
    if wide:
        max_col = max(wide)
    else:
        max_col = 25 if refs else -1
    return max_row, max_col


def test_the_farthest_row_and_column_equal_those_of_every_reference():
    rnd = random.Random(20261201)
    limits = Limits(max_rows=10 ** 9, max_sheet_cells=10 ** 12, max_columns=20_000)
    seen = set()
    for _ in range(400):
        xml = _sheet(rnd)
        extent = budget.sheet_extent(xml, "book.xlsx", "Sheet1", limits)
        assert (extent.max_row, extent.max_col) == _expected(xml), xml
        seen.add((extent.max_col > 25, extent.max_row > xml.count(b"<row ")))
    assert seen == {(False, False), (True, False), (False, True), (True, True)}  # every case was met


def test_cells_over_the_limit_are_counted_exactly():
    cells = b"".join(b'<c r="A1"><v>%d</v></c>' % i for i in range(30))  # 30 cells in one row
    xml = b'<worksheet><cols><col min="1" max="1"/><col min="2" max="2"/></cols><sheetData><row r="1">' + cells + \
        b"</row></sheetData></worksheet>"
    # 30 cells, and 3 tags starting "<c" that are not cells (<cols>, two <col>)
    assert budget.sheet_extent(xml, "b.xlsx", "S", Limits(max_sheet_cells=33)).cells == 33
    assert budget.sheet_extent(xml, "b.xlsx", "S", Limits(max_sheet_cells=30)).cells == 30  # counted exactly
    with pytest.raises(Refused) as exc:
        budget.sheet_extent(xml, "b.xlsx", "S", Limits(max_sheet_cells=29))
    assert exc.value.message.code == "xlsx_too_many_cells" and "30" in exc.value.message.message_en
