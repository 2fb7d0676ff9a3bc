"""Bare scripts doing the work of a gcpcalc stage with nothing else: the floors the stages are measured
against (``bench_floors.py`` runs each in a fresh interpreter).

    python benchmarks/floors.py compute FILE.json   # msgspec typed decode + numpy sums
    python benchmarks/floors.py import FILE.xlsx    # python-calamine read of every sheet
    python benchmarks/floors.py report FILE.json    # xlsxwriter: every input line written once

The compute floor decodes the JSON form into typed structs generated from the data dictionary (types,
ranges, allowed values, unknown fields refused: the checks a typed decoder can make), then converts mass,
volume and energy to base units with numpy and sums the shares the main indicators use. It computes no
indicator in full and writes no message: it is the least any implementation must do.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _structs():
    """msgspec struct types of every table, from gcpcalc.fields (imported alone: no pydantic, no pandas)."""
    import datetime as dt
    from typing import Annotated, Literal, Optional

    import msgspec

    sys.path.insert(0, str(ROOT))
    from gcpcalc import fields as F
    from gcpcalc.units import allowed_units

    def ann(f):
        if f.kind in ("number", "percent"):
            meta = {}
            if f.minimum is not None:
                meta["gt" if f.exclusive_minimum else "ge"] = f.minimum
            if f.maximum is not None:
                meta["le"] = f.maximum
            base = Annotated[float, msgspec.Meta(**meta)] if meta else float
        elif f.kind == "bool":
            base = bool
        elif f.kind == "enum":
            base = Literal[f.allowed]
        elif f.kind == "unit":
            base = Literal[allowed_units(f.unit_kind)]
        elif f.kind == "date":
            base = dt.date
        else:
            base = str
        return base if f.required else Optional[base]

    structs = {}
    for t in F.TABLES.values():
        fields = [(f.id, ann(f)) if f.required else (f.id, ann(f), f.default) for f in t.fields]
        fields.sort(key=lambda x: len(x) == 3)  # required fields first, as a struct needs them
        structs[t.id] = msgspec.defstruct(t.id.title(), fields, forbid_unknown_fields=True, kw_only=True)
    doc_fields = [("organisation", structs["organisation"])] + [
        (tid, list[structs[tid]], []) for tid in F.LIST_TABLES]
    return msgspec.defstruct("Doc", doc_fields, forbid_unknown_fields=True, kw_only=True), F


def compute_floor(path: str) -> dict:
    import msgspec
    import numpy as np

    Doc, F = _structs()
    from gcpcalc.units import FACTORS

    doc = msgspec.json.decode(Path(path).read_bytes(), type=Doc)

    def col(rows, name, dtype="float64"):
        return np.array([getattr(r, name) for r in rows], dtype=dtype)

    def base(rows, value, unit, kind):
        factors = FACTORS[kind]
        return col(rows, value) * np.array([factors[getattr(r, unit)] for r in rows], dtype="float64")

    out = {}
    i = doc.inflows
    m = base(i, "mass", "mass_unit", "mass")
    shares = sum(col(i, f) for f in ("recycled_preconsumer_pct", "recycled_postconsumer_pct", "reused_pct",
                                     "renewable_pct")) / 100.0
    out["inflow_t"] = float(m.sum())
    out["circular_inflow_t"] = float((m * shares).sum())
    o = doc.outflows
    mo = base(o, "mass", "mass_unit", "mass")
    rp = col(o, "recovery_potential_pct") / 100.0
    ar = col(o, "actual_recovery_pct") / 100.0
    out["outflow_t"] = float(mo.sum())
    out["recovered_t"] = float(np.nansum(mo * np.where(np.isnan(ar), rp, ar)))
    out["water_m3"] = float(base(doc.water, "volume", "volume_unit", "volume").sum()) if doc.water else 0.0
    out["energy_mwh"] = float(base(doc.energy, "amount", "energy_unit", "energy").sum()) if doc.energy else 0.0
    return out


def import_floor(path: str) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    return sum(len(wb.get_sheet_by_name(s).to_python()) for s in wb.sheet_names)


def report_floor(path: str, out_path: str) -> int:
    """Every inflow and outflow line written once (one row per line, one cell per field) with xlsxwriter
    in constant-memory mode: the input echo of the report and nothing else."""
    import json

    import xlsxwriter

    data = json.loads(Path(path).read_bytes())
    wb = xlsxwriter.Workbook(out_path, {"constant_memory": True})
    cells = 0
    for tid in ("inflows", "products", "outflows", "water", "energy", "procurement"):
        rows = data.get(tid) or []
        if not rows:
            continue
        ws = wb.add_worksheet(tid)
        keys = list(rows[0])
        ws.write_row(0, 0, keys)
        for r, row in enumerate(rows, 1):
            ws.write_row(r, 0, [row.get(k) for k in keys])
            cells += len(keys)
    wb.close()
    return cells


if __name__ == "__main__":
    stage, arg = sys.argv[1], sys.argv[2]
    if stage == "compute":
        print(compute_floor(arg))
    elif stage == "import":
        print(import_floor(arg))
    elif stage == "report":
        print(report_floor(arg, sys.argv[3]))
    else:
        raise SystemExit(f"unknown stage {stage}")
