"""Value coercion shared by every input path (JSON, form, Excel): the lenient spellings a person types or a
spreadsheet stores (full-width digits, ``1,234.5``, ``45%``, ja/en enum labels, unit aliases, ``はい``/``いいえ``,
``2025/04/01``) read as the canonical values the models validate.

No pydantic model here (only ``pydantic_core``'s error type, which the models turn into messages): the workbook
reader coerces its cells with these functions without importing :mod:`gcpcalc.models`."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from pydantic_core import PydanticCustomError

from . import fields as F
from .i18n import ENUM_ALIASES_JA, ENUM_LABELS
from .units import canonical_unit

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(value: Any) -> Any:
    """Coerce text such as ``"１２３"``, ``"1,234.5"``, ``" 45 % "`` to a float; other values pass through.

    A trailing ``%`` is dropped: in a percent field ``"45%"`` means 45. Text that is not a number is
    returned unchanged so that validation reports it with its original spelling.
    """
    if type(value) is float and value != value:
        return None  # NaN: an empty cell read by pandas or a spreadsheet library
    if value is None or type(value) is float or type(value) is int:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace("_", "")
        if text.endswith("%"):
            text = text[:-1].strip()
        if text == "":
            return None
        if _NUMBER_RE.match(text):
            return float(text)
        return value
    return value


_TRUE = {"true", "yes", "y", "1", "1.0", "on", "x", "はい", "有", "あり", "○", "〇", "真"}
_FALSE = {"false", "no", "n", "0", "0.0", "off", "いいえ", "無", "なし", "×", "偽", "-"}


def parse_bool(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = unicodedata.normalize("NFKC", value).strip().casefold()
        if key == "":
            return None
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise PydanticCustomError("gc_bool", "not a yes/no value", {"value": value})


def _enum_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", text).strip().casefold())


def _enum_lookup(allowed: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for value in allowed:
        table[_enum_key(value)] = value
        en, ja = ENUM_LABELS.get(value, (value, value))
        table[_enum_key(en)] = value
        table[_enum_key(ja)] = value
        for alias in ENUM_ALIASES_JA.get(value, ()):  # labels of earlier versions, still read
            table.setdefault(_enum_key(alias), value)
    return table


def closest(value: str, allowed: tuple[str, ...] | list[str], n: int = 1) -> list[str]:
    """The allowed values closest to ``value`` (difflib ratio ≥ 0.5)."""
    return difflib.get_close_matches(_enum_key(str(value)), list(allowed), n=n, cutoff=0.5)


def _closest_by_label(value: str, allowed: tuple[str, ...]) -> list[str]:
    """The allowed value whose en or ja label is closest to ``value`` (「廃棄」 -> waste), as a one-item list."""
    labels = {}
    for v in allowed:
        en, ja = ENUM_LABELS.get(v, (v, v))
        labels.setdefault(_enum_key(ja), v)
        labels.setdefault(_enum_key(en), v)
    found = difflib.get_close_matches(_enum_key(value), list(labels), n=1, cutoff=0.5)
    return [labels[found[0]]] if found else []


def _make_enum_parser(allowed: tuple[str, ...]):
    lookup = _enum_lookup(allowed)

    def parse(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            if value.strip() == "":
                return None
            found = lookup.get(_enum_key(value))
            if found is not None:
                return found
        raise PydanticCustomError("gc_enum", "not an allowed value", {"value": value})

    return parse


def _make_unit_parser(kind: str):
    def parse(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value.strip() == ""):
            return None
        unit = canonical_unit(kind, value)
        if unit is None:
            raise PydanticCustomError("gc_unit", "unknown unit", {"value": value})
        return unit

    return parse


def parse_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as 1001 in Excel arrives as 1001.0
    if isinstance(value, (int, float)):
        return str(value)
    return value


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text == "":
            return None
        m = _DATE_RE.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise PydanticCustomError("gc_date", "not a date", {"value": value})


def coerce_value(f: F.Field, value: Any) -> Any:
    """Lenient spelling -> canonical value for one field (full-width digits, ``1,234.5``, ``45%``,
    ja/en enum labels, unit aliases, ``はい``/``いいえ``, ``2025/04/01``). Values that cannot be read are
    returned unchanged, so that validation reports them as entered."""
    try:
        if f.kind in ("number", "percent"):
            return parse_number(value)
        if f.kind == "bool":
            return parse_bool(value)
        if f.kind == "enum":
            return _enum_parsers[f.allowed](value)
        if f.kind == "unit":
            return _make_unit_parser(f.unit_kind)(value)
        if f.kind == "date":
            return parse_date(value)
        if f.kind == "text":
            if f.choice_list:  # a drop-down entry "JPY｜円" keeps its code
                from .choices import code_of

                value = code_of(value)
            return parse_text(value)
    except PydanticCustomError:
        return value
    return value


class _EnumParsers(dict):
    def __missing__(self, allowed):
        parser = _make_enum_parser(allowed)
        self[allowed] = parser
        return parser


_enum_parsers = _EnumParsers()
