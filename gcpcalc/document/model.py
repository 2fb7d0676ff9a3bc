"""The document model of the disclosure report: sections of tables, charts and texts, in one language.

Both renderers draw from it — the Excel report (:mod:`gcpcalc.excel.report`) and the PDF
(:mod:`gcpcalc.pdf`) — so the two cannot disagree. The model holds values, not formatted strings: a number
is a :class:`Num` (value, unit, reason when not computable) that each renderer formats with
:mod:`gcpcalc.document.numbers` (Excel as a number with a number format, PDF as text), so the figures
agree to the last shown digit.

A :class:`Section` is one sheet of the workbook and one chapter of the PDF. Blocks:

* :class:`Table` — columns and rows of cells (``str``, :class:`Num` or None for an empty cell);
* :class:`Chart` — a chart over one table of the same section (``table``: its key): categories in the
  first column, one series per numeric column (or per row with ``series_in_rows``); ``kind`` ``pie``,
  ``doughnut``, ``bar`` (horizontal), ``column``, ``stacked_column`` or ``sankey`` (``links``);
* :class:`Text` — a paragraph (``style`` ``p``, ``note`` or ``muted``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Num:
    """A number with its unit; ``value`` None = not computable (``reason`` says why)."""

    value: float | None
    unit: str = ""
    reason: str | None = None


Cell = Union[str, Num, None]


@dataclass
class Column:
    """A table column: heading, kind (``text``, ``wrap`` for long text, ``num``, ``unit``, ``id``) and width in
    Excel character units (the PDF uses the widths as proportions)."""

    label: str
    kind: str = "text"
    width: float = 14


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    note: str = ""
    #: indices of rows drawn as totals (bold, rule above)
    total_rows: tuple[int, ...] = ()
    #: shown instead of the table when it has no rows
    empty_text: str = ""

    def column_values(self, index: int) -> list[Cell]:
        return [r[index] for r in self.rows]


@dataclass
class Chart:
    key: str
    kind: str
    title: str
    table: str = ""  # key of the table of the same section holding the data
    value_columns: tuple[int, ...] = (1,)
    series_in_rows: bool = False
    unit: str = ""
    percent_axis: bool = False
    #: sankey: (source key, target key, t) and the label of each node key
    links: list[tuple[str, str, float]] = field(default_factory=list)
    node_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Text:
    text: str
    style: str = "p"  # p | note | muted


Block = Union[Table, Chart, Text]


@dataclass
class Section:
    """One chapter of the PDF and one sheet of the workbook (``sheet``: its name, at most 31 characters).

    ``excel_writer``: ``(workbook, formats, lang) -> None`` writes the sheet itself instead of the
    generic renderer (e.g. the green-procurement sheet with its own layout); ``pdf``: False leaves the
    section out of the PDF (e.g. a sheet made only for Excel)."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    sheet: str = ""
    landscape: bool = True
    excel_writer: Callable[[Any, dict, str], None] | None = None
    pdf: bool = True
    excel: bool = True

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def table(self, key: str) -> Table | None:
        return next((b for b in self.blocks if isinstance(b, Table) and b.key == key), None)


@dataclass
class Meta:
    """Facts about the document itself (shown on its first page and in headers)."""

    title: str
    organisation: str
    period: str
    generated_at: dt.datetime
    version: str
    input_name: str = ""
    input_sha256: str = ""


@dataclass
class Document:
    lang: str
    meta: Meta
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)
