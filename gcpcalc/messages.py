"""Validation and computation messages as data (code, location, value, ja/en text).

A message is never an exception shown to the user: importers, the command line and the app collect
every message of a file and show them all at once.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Message:
    code: str
    severity: str
    message_en: str
    message_ja: str
    table: str | None = None
    row: int | None = None  # 1-based position in the table (JSON/form); the importer sets ``location`` to a cell
    field: str | None = None
    value: Any = None
    location: str | None = None  # e.g. "inflows[3].mass" or "インフロー!F12"

    def text(self, lang: str = "en") -> str:
        return self.message_ja if lang == "ja" else self.message_en

    def to_dict(self) -> dict:
        d = asdict(self)
        d["value"] = _jsonable(self.value)
        return d

    def display(self, lang: str = "en", where: str | None = None) -> str:
        """``where: text`` in ``lang``; the location is not repeated when the text already starts with it
        (the Excel importer writes the cell address into its texts)."""
        where = self.where() if where is None else where
        text = self.text(lang)
        if not where or text.startswith(where):
            return text
        return f"{where}: {text}"

    def where(self) -> str:
        if self.location:
            return self.location
        if self.table is None:
            return ""
        s = self.table
        if self.row is not None:
            s += f"[{self.row}]"
        if self.field:
            s += f".{self.field}"
        return s


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class ValidationFailed(Exception):
    """Raised by :func:`gcpcalc.models.load_assessment` when the input has errors; carries every message."""

    def __init__(self, messages: list[Message]):
        self.messages = messages
        errors = [m for m in messages if m.severity == ERROR]
        super().__init__(f"{len(errors)} validation error(s)")

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]
