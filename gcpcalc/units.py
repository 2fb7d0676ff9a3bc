"""Unit normalisation: mass to tonnes, volume to cubic metres, energy to megawatt-hours.

A unit that is not known is an error, never a silent guess. Aliases (``トン``, ``tonnes``, ``m³``, ``kwh``)
are folded to one canonical spelling, which is what the models store; the factors convert the canonical
unit to the base unit of its kind.
"""
from __future__ import annotations

import unicodedata

#: canonical unit -> factor to the base unit (t, m3, MWh)
FACTORS: dict[str, dict[str, float]] = {
    "mass": {"t": 1.0, "kg": 1e-3, "g": 1e-6, "lb": 0.45359237e-3, "kt": 1e3, "Mg": 1.0},
    "volume": {"m3": 1.0, "kL": 1.0, "L": 1e-3, "ML": 1e3},
    "energy": {"MWh": 1.0, "kWh": 1e-3, "GWh": 1e3, "MJ": 1 / 3600, "GJ": 1 / 3.6, "TJ": 1e6 / 3600},
}
BASE_UNIT = {"mass": "t", "volume": "m3", "energy": "MWh"}

_ALIASES: dict[str, dict[str, str]] = {
    "mass": {
        "t": "t", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t", "metric ton": "t", "トン": "t", "ｔ": "t",
        "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kgs": "kg", "キログラム": "kg", "キロ": "kg",
        "g": "g", "gram": "g", "grams": "g", "グラム": "g",
        "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb", "ポンド": "lb",
        "kt": "kt", "kilotonne": "kt", "kilotonnes": "kt", "千トン": "kt",
        "mg": "Mg", "megagram": "Mg", "megagrams": "Mg",
    },
    "volume": {
        "m3": "m3", "m^3": "m3", "m³": "m3", "cubic metre": "m3", "cubic meter": "m3", "立方メートル": "m3", "立米": "m3",
        "kl": "kL", "kilolitre": "kL", "kiloliter": "kL", "キロリットル": "kL",
        "l": "L", "litre": "L", "liter": "L", "litres": "L", "liters": "L", "リットル": "L",
        "ml": "ML", "megalitre": "ML", "megaliter": "ML", "メガリットル": "ML",
    },
    "energy": {
        "mwh": "MWh", "kwh": "kWh", "gwh": "GWh", "mj": "MJ", "gj": "GJ", "tj": "TJ",
    },
}


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).split())


def canonical_unit(kind: str, text: str) -> str | None:
    """The canonical spelling of ``text`` as a unit of ``kind``, or None if it is not a known unit.

    ``Mg`` (megagram) and ``mg`` differ only by case: ``Mg`` is accepted, ``mg`` (milligram) is not a
    plausible reporting unit and is refused rather than guessed.
    """
    if text is None:
        return None
    folded = _fold(text)
    if folded in FACTORS[kind]:
        return folded
    if kind == "mass" and folded == "mg":
        return None
    if kind == "volume" and folded == "ML":
        return "ML"
    if kind == "volume" and folded == "ml":
        return None  # millilitre: not a reporting unit; megalitre is ML
    return _ALIASES[kind].get(folded.casefold())


def allowed_units(kind: str) -> tuple[str, ...]:
    return tuple(FACTORS[kind])


def factor(kind: str, unit: str) -> float:
    """Factor from the canonical ``unit`` to the base unit of ``kind``."""
    return FACTORS[kind][unit]
