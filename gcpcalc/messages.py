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


def _close(value: str, options: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)


def _did_you_mean(value: str, options: list[str], suggest=_close) -> tuple[str, str]:
    sugg = suggest(str(value), options)
    if not sugg:
        return "", ""
    return f"; did you mean '{sugg[0]}'?", f"（「{sugg[0]}」ではありませんか？）"


def config_error_detail(err: dict, fields: list[str] | tuple[str, ...] = (), list_hint: tuple[str, str] | None = None,
                        suggest=_close) -> tuple[str, str, Any]:
    """(detail in English, detail in Japanese, value to show) of one pydantic error of a configuration file
    (rules, emission factors, critical materials): the same wording for the same kind of mistake in every
    file. ``fields``: the field names the entry allows (an unknown one gets the closest as a suggestion);
    ``list_hint``: (en, ja) of what a list there must hold."""
    etype = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = [str(p) for p in err.get("loc") or ()]
    if etype == "missing":
        return "a value is required", "値が必要です", None
    if etype == "extra_forbidden":
        name = loc[-1] if loc else ""
        en, ja = _did_you_mean(name, list(fields), suggest)
        return "unknown field" + en, "不明な項目です" + ja, name or None
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        import re

        en, ja = _did_you_mean(str(value), re.findall(r"'([^']+)'", expected), suggest)
        return f"not allowed; allowed: {expected}" + en, f"使用できない値です。使用可能な値：{expected}" + ja, value
    if etype in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        bound = f"{bound:g}" if isinstance(bound, (int, float)) else bound
        if etype == "greater_than_equal":
            return f"must be at least {bound}", f"{bound} 以上である必要があります", value
        return f"must be at most {bound}", f"{bound} 以下である必要があります", value
    if etype in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return "must be a number", "数値である必要があります", value
    if etype in ("bool_parsing", "bool_type"):
        return "must be true or false", "true または false である必要があります", value
    if etype == "string_type":
        return "must be text", "文字列である必要があります", value
    if etype == "string_too_short":
        return "must not be empty", "空にできません", value
    if etype == "string_pattern_mismatch":
        return (f"must match {ctx.get('pattern', '')}", "使用できない文字が含まれています（英小文字・数字・_ のみ）",
                value)
    if etype == "too_short":
        return "at least one is required", "1つ以上必要です", value
    if etype == "list_type":
        en, ja = list_hint or ("a list [...]", "リスト [...]")
        return f"must be {en}", f"{ja} である必要があります", value
    if etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "must be a date YYYY-MM-DD", "YYYY-MM-DD 形式の日付である必要があります", value
    if etype == "gc_rule":
        return err["msg"], ctx.get("ja", err["msg"]), value
    return err["msg"], f"値が不正です（{err['msg']}）", value
