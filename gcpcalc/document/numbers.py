"""Presentation of numbers by unit, shared by the Excel and the PDF renderer (one rule, two outputs).

* tonnes, m³ and MWh: two decimals below 100, one decimal from 100 on;
* percent: one decimal; ratios: two; the MCI 0–1 index: three; money per tonne and money: none.

The engine keeps full precision; rounding happens here only (half away from zero, as Excel shows it).
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import ui

_MASS_LIKE = ("t", "m3", "MWh")


def decimals(unit: str, value: float | None = None) -> int:
    if unit == "%":
        return 1
    if unit == "0-1":
        return 3
    if unit == "ratio":
        return 2
    if unit in _MASS_LIKE:
        return 1 if value is not None and abs(value) >= 100 else 2
    if unit.endswith("/t") or unit in ("currency", "JPY", "EUR", "USD", "count"):
        return 0
    return 2


def excel_format(unit: str, value: float | None = None) -> str:
    """The Excel number format of a value of ``unit``."""
    d = decimals(unit, value)
    if unit in ("%", "0-1", "ratio"):
        return "0." + "0" * d if d else "0"
    return "#,##0" + ("." + "0" * d if d else "")


def format_number(value: float, unit: str) -> str:
    """``value`` as text with thousands separators and the decimals of its unit (e.g. ``1,234.5``)."""
    if not math.isfinite(value):
        return str(value)
    d = decimals(unit, value)
    q = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    if unit in ("%", "0-1", "ratio"):
        return f"{q:.{d}f}"
    return f"{q:,.{d}f}"


def not_computable(lang: str) -> str:
    return ui("not_computable", lang)
