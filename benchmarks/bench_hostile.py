"""Refusals of the hostile set (issue 14): files tried, refused, seconds and peak memory per file.

Every file goes through the path of the app and the command line (:func:`gcpcalc.io.load_bytes`: a child
process with the memory and time limits). ``peak MB`` is the child's peak resident memory as it reported
it; a child ended by a signal cannot report, and is bounded by the address-space limit instead (shown as
``≤ limit``). The target of issue 14: every refusal within 5 s and 1 GB.

Usage: ``python benchmarks/bench_hostile.py``
"""
from __future__ import annotations

import json
import resource
import time

from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.security import DEFAULT_LIMITS, Limits
from gcpcalc.intake import hostile, isolate
from gcpcalc.io import load_bytes

JSON_CASES = {
    "json_lone_surrogate": b'{"organisation": {"name": "\\ud800"}}',
    "json_infinity": b'{"organisation": {"name": "x"}, "inflows": [{"mass": Infinity}]}',
    "json_1e400": b'{"organisation": {"name": "x"}, "inflows": [{"mass": 1e400}]}',
    "json_deep_nesting_100k": b"[" * 100_000 + b"]" * 100_000,
    "json_5000_digit_integer": b'{"organisation": {"name": "x"}, "inflows": [{"mass": ' + b"9" * 5000 + b"}]}",
    "json_mass_1e308": json.dumps({**hostile.BASE_DATA, "inflows": [
        {"line_id": "A", "material": "steel", "mass": 1e308}]}).encode(),
}


def main() -> None:
    rows = []
    cases = [(name, build, ".xlsx", None) for name, build in hostile.HOSTILE.items()]
    cases.append(("far_cell_budget_lifted_native_abort", lambda: hostile.far_cell("XFD1048000"), ".xlsx",
                  Limits(max_columns=20_000, max_sheet_cells=10**13, max_rows=2_000_000)))
    cases.append(("bad_shared_string_index", hostile.bad_shared_index, ".xlsx", None))
    cases += [(name, (lambda d=d: d), ".json", None) for name, d in JSON_CASES.items()]
    load_bytes(hostile.base_workbook(), "warm.xlsx")  # the forkserver starts once, before timing
    for name, build, ext, limits in cases:
        data = build()
        t0 = time.perf_counter()
        if limits is None:
            loaded = load_bytes(data, name + ext)
            ok, messages = loaded.ok, loaded.messages
        else:
            a, messages = read_workbook_bytes(data, name + ext, limits)
            ok = a is not None
        dt = time.perf_counter() - t0
        run = isolate.last_run
        code = next((m.code for m in messages if m.severity == "error"), "-")
        peak = run.child_max_rss_bytes
        rows.append((name, len(data), ok, code, dt, peak, run.outcome))
    print(f"{'file':40s} {'size':>10s} {'result':>8s} {'message':22s} {'seconds':>8s} {'peak MB':>9s} child")
    for name, size, ok, code, dt, peak, outcome in rows:
        shown = f"{peak / 2**20:9.0f}" if peak else f"{'≤ ' + str(DEFAULT_LIMITS.max_memory_bytes >> 20):>9s}"
        print(f"{name:40s} {size:10,d} {'read' if ok else 'refused':>8s} {code:22s} {dt:8.2f} {shown} {outcome}")
    refused = [r for r in rows if not r[2]]
    print(f"\n{len(rows)} files tried, {len(refused)} refused; slowest refusal {max(r[4] for r in refused):.2f} s; "
          f"largest child peak {max((r[5] or 0) for r in rows) / 2**20:.0f} MB (limit "
          f"{DEFAULT_LIMITS.max_memory_bytes >> 20} MB); parent peak "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
