"""Imported once by the forkserver of :mod:`gcpcalc.intake.isolate`: loads every module a child needs and
runs one small workbook and one JSON document through the readers, so that the caches they build on first
use (validators, enum parsers, the spreadsheet library) are already in memory in every forked child."""
from __future__ import annotations

import json


def _warm() -> None:
    import python_calamine  # noqa: F401

    from ..excel.reader import parse_workbook_bytes
    from . import budget, fallback, sanity, transport  # noqa: F401
    from .hostile import BASE_DATA, base_workbook
    from .jsonin import load_json

    for lang in ("ja", "en"):
        parse_workbook_bytes(base_workbook(lang), "warm.xlsx")
    load_json(json.dumps(BASE_DATA).encode(), "warm.json")


try:
    _warm()
except Exception:  # pragma: no cover - warming is an optimisation only
    pass
