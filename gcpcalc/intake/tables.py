"""The first sheet of an untrusted workbook as plain values, read in the isolated child after the size
budget (for imports through a column mapping, :mod:`gcpcalc.mapping`)."""
from __future__ import annotations

import io
from typing import Any

from ..excel.security import DEFAULT_LIMITS, Limits, Package, Refused
from ..messages import Message
from . import budget


def first_sheet_values(data: bytes, name: str, limits: Limits) -> tuple[list[list[Any]] | None, Message | None]:
    """Child-process worker: (the values of the first sheet, None) or (None, the refusal)."""
    try:
        pkg = Package(data, name, limits)
        budget.check_parts(pkg, [n for n in pkg.infos if n.endswith((".xml", ".rels")) and "/media/" not in n])
        budget.check_shared_strings(pkg)
        parts = pkg.sheet_parts()
        if not parts:
            return [], None
        sheet, part = next(iter(parts.items()))
        budget.sheet_extent(pkg.read(part), name, sheet, limits)
    except Refused as exc:
        return None, exc.message
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return wb.get_sheet_by_index(0).to_python(), None


def read_first_sheet(data: bytes, name: str, limits: Limits | None = None
                     ) -> tuple[list[list[Any]] | None, Message | None]:
    """(values, None), or (None, a refusal naming the file) when the file is refused or cannot be read;
    parsed in a child process with the limits of :mod:`gcpcalc.intake.isolate`."""
    from .isolate import run_isolated

    ok, result = run_isolated("table", data, name, limits or DEFAULT_LIMITS,
                              worker="gcpcalc.intake.tables:first_sheet_values")
    if not ok:
        return None, result
    return result
