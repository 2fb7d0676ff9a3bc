"""Benchmarks of gcpcalc at growing sizes: import, validation, normalisation + computation, Excel I/O.

Usage::

    .venv/bin/python benchmarks/bench.py                 # 1k, 10k, 100k, 1M lines (inflows and outflows each)
    .venv/bin/python benchmarks/bench.py --quick         # 1k and 10k, fewer repetitions
    .venv/bin/python benchmarks/bench.py --sizes 1000,100000 --repeat 7 --json bench.json

Every figure is the median of several runs timed with ``time.perf_counter``. The target reported
against: 100k inflow + 100k outflow lines validated and computed in under 2 s.
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_SIZE = 100_000
TARGET_SECONDS = 2.0
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
EXCEL_SIZES = (10_000, 100_000)


def _label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


_CPU: list[float] = []  # CPU times of the last timeit call (process_time: robust on a busy machine)


def timeit(fn: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    """Run ``fn`` ``repeat`` times; the list of wall times (perf_counter) and the last result.
    The CPU times of the same runs are left in ``_CPU`` for :meth:`Report.add`."""
    times = []
    _CPU.clear()
    result = None
    for _ in range(max(1, repeat)):
        gc.collect()
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        _CPU.append(time.process_time() - c0)
    return times, result


class Report:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.failures: list[dict] = []

    def add(self, stage: str, size: int | None, times: list[float], lines: int | None = None, note: str = "") -> dict:
        med = statistics.median(times)
        cpu = statistics.median(_CPU) if len(_CPU) == len(times) else None
        _CPU.clear()
        row = {"stage": stage, "size": size, "lines": lines, "repeat": len(times), "median_s": med,
               "min_s": min(times), "max_s": max(times), "cpu_median_s": cpu,
               "lines_per_s": (lines / med) if lines and med > 0 else None, "note": note}
        self.rows.append(row)
        size_text = _label(size) if size else "-"
        rate = f"{row['lines_per_s']:,.0f}" if row["lines_per_s"] else "-"
        cpu_text = f", cpu {cpu:.3f}" if cpu is not None else ""
        print(f"  {stage:<40} {size_text:>5}  median {med:8.3f} s  (min {min(times):.3f}{cpu_text}, n={len(times)})  "
              f"{rate} lines/s {note}", flush=True)
        return row

    def markdown(self) -> str:
        out = ["| stage | lines per table | total lines | runs | median (s) | min (s) | CPU median (s) | lines/s | note |",
               "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in self.rows:
            rate = f"{r['lines_per_s']:,.0f}" if r["lines_per_s"] else ""
            cpu = f"{r['cpu_median_s']:.3f}" if r["cpu_median_s"] is not None else ""
            out.append(f"| {r['stage']} | {_label(r['size']) if r['size'] else ''} | "
                       f"{r['lines'] if r['lines'] else ''} | {r['repeat']} | {r['median_s']:.3f} | "
                       f"{r['min_s']:.3f} | {cpu} | {rate} | {r['note']} |")
        return "\n".join(out)


def bench_import(report: Report, repeat: int) -> None:
    """Cold imports in a fresh interpreter, net of the interpreter start-up."""
    py = sys.executable

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([py, "-c", code], check=True, cwd=ROOT)
        return time.perf_counter() - t0

    stages = (
        ("python start-up (baseline)", "pass"),
        ("import gcpcalc", "import gcpcalc"),
        ("import gcpcalc.models", "import gcpcalc.models"),
        ("import models+tables+indicators", "import gcpcalc.models, gcpcalc.tables, gcpcalc.indicators as i; "
                                            "from gcpcalc.indicators import cti, iso59020, esrs_e5, mci, gcp, quality"),
    )
    for _, code in stages:  # warm the file cache: "cold" means a fresh interpreter, not a cold disk
        run(code)
    times: dict[str, list[float]] = {name: [] for name, _ in stages}
    for _ in range(repeat):  # interleaved, so that a slow moment does not fall on one stage only
        for name, code in stages:
            times[name].append(run(code))
    base = statistics.median(times[stages[0][0]])
    for name, _ in stages:
        if name == stages[0][0]:
            report.add(name, None, times[name])
        else:
            report.add(name + " (fresh interpreter)", None, times[name], note=f"net of start-up: "
                       f"{statistics.median(times[name]) - base:.3f} s")


def bench_size(report: Report, n: int, repeat: int, n_products: int) -> dict:
    from gcpcalc.indicators import compute, compute_tables
    from gcpcalc.models import validate_assessment
    from gcpcalc.sample import synthetic_assessment
    from gcpcalc.tables import normalise

    lines = 2 * n
    times, data = timeit(lambda: synthetic_assessment(n, n, n_products=n_products, seed=0), 1)
    report.add("generate synthetic JSON form", n, times, lines, "(setup, not part of the target)")

    times, (assessment, messages) = timeit(lambda: validate_assessment(data), repeat)
    errors = [m for m in messages if m.severity == "error"]
    if assessment is None:
        raise SystemExit(f"synthetic data did not validate: {[m.message_en for m in errors[:5]]}")
    v = report.add("validate_assessment", n, times, lines)

    times, tables = timeit(lambda: normalise(assessment), repeat)
    report.add("normalise (tables)", n, times, lines)

    times, results = timeit(lambda: compute_tables(tables), repeat)
    report.add("compute_tables (indicators)", n, times, lines)

    times, results = timeit(lambda: compute(assessment), repeat)
    c = report.add("compute (normalise + indicators)", n, times, lines,
                   f"{sum(1 for r in results.values() if r.computable)} computable indicators")

    def end_to_end():
        a, _ = validate_assessment(data)
        return compute(a)

    times, _ = timeit(end_to_end, repeat)
    e = report.add("validate + compute (end to end)", n, times, lines)
    return {"validate": v, "compute": c, "end_to_end": e, "assessment": assessment, "results": results}


def bench_excel(report: Report, n: int, repeat: int, assessment, results) -> None:
    try:
        from gcpcalc.excel.reader import read_workbook_bytes
        from gcpcalc.excel.template import assessment_to_template_bytes
    except ImportError as exc:
        print(f"  (Excel import not benchmarked: {exc})")
        return
    lines = 2 * n
    times, data = timeit(lambda: assessment_to_template_bytes(assessment, "ja"), 1)
    report.add("write filled template (openpyxl)", n, times, lines, f"(setup) {len(data) / 1e6:.1f} MB")

    def read():
        a, msgs = read_workbook_bytes(data, "bench.xlsx")
        if a is None:
            raise SystemExit(f"template did not read back: {[m.message_en for m in msgs[:5]]}")
        return a

    times, read_back = timeit(read, repeat)
    report.add("read_workbook_bytes (template import)", n, times, lines,
               "equal" if read_back == assessment else "NOT EQUAL to the written assessment")

    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        print("  (python_calamine not installed: raw read not benchmarked)")
    else:
        def raw():
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            return sum(len(wb.get_sheet_by_name(s).to_python()) for s in wb.sheet_names)

        times, cells = timeit(raw, repeat)
        report.add("python_calamine raw read (all sheets)", n, times, lines, "(floor for the importer)")

    try:
        from gcpcalc.excel.report import report_bytes
    except ImportError as exc:
        print(f"  (report writing not benchmarked: {exc})")
        return
    try:
        times, out = timeit(lambda: report_bytes(results, assessment, lang="ja"), repeat)
    except Exception as exc:  # a module still in development must not hide the other figures
        print(f"  (report writing failed: {type(exc).__name__}: {exc})")
        report.failures.append({"stage": "report_bytes", "size": n, "error": f"{type(exc).__name__}: {exc}"})
        return
    report.add("report_bytes (disclosure report)", n, times, lines, f"{len(out) / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", help="comma-separated lines per table (inflows and outflows each), e.g. 1000,100000")
    ap.add_argument("--quick", action="store_true", help="1k and 10k only, 3 runs, Excel at 10k")
    ap.add_argument("--repeat", type=int, help="runs per figure (default 5; 3 at 1M)")
    ap.add_argument("--excel-sizes", help="sizes at which the Excel import and report are timed (default 10k,100k)")
    ap.add_argument("--no-excel", action="store_true", help="skip the Excel benchmarks")
    ap.add_argument("--products", type=int, default=50, help="products in each synthetic assessment")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args(argv)

    sizes = tuple(int(float(s)) for s in args.sizes.split(",")) if args.sizes else (
        (1_000, 10_000) if args.quick else DEFAULT_SIZES)
    excel_sizes = tuple(int(float(s)) for s in args.excel_sizes.split(",")) if args.excel_sizes else (
        (10_000,) if args.quick else EXCEL_SIZES)
    repeat = args.repeat or (3 if args.quick else 5)

    print(f"gcpcalc benchmarks: Python {platform.python_version()} on {platform.machine()}, "
          f"sizes {', '.join(_label(s) for s in sizes)}; median of {repeat} runs")
    report = Report()
    bench_import(report, repeat)
    target = None
    for n in sizes:
        print(f"\n{_label(n)} inflow + {_label(n)} outflow lines")
        r = bench_size(report, n, repeat if n < 1_000_000 else min(repeat, 3), args.products)
        if n == TARGET_SIZE:
            target = r["end_to_end"]
        if not args.no_excel and n in excel_sizes:
            bench_excel(report, n, min(repeat, 3), r["assessment"], r["results"])
        del r
        gc.collect()

    print("\n" + report.markdown())
    if target is not None:
        verdict = "met" if target["median_s"] < TARGET_SECONDS else "NOT met"
        print(f"\nTarget: {_label(TARGET_SIZE)} inflow + {_label(TARGET_SIZE)} outflow lines validated and computed "
              f"in under {TARGET_SECONDS:g} s: median {target['median_s']:.3f} s wall, min {target['min_s']:.3f} s, "
              f"{target['cpu_median_s']:.3f} s CPU ({verdict} on the wall-clock median).")
    for f in report.failures:
        print(f"FAILED: {f['stage']} at {_label(f['size'])}: {f['error']}")
    if args.json:
        payload = {"python": platform.python_version(), "machine": platform.machine(), "repeat": repeat,
                   "target": {"size": TARGET_SIZE, "seconds": TARGET_SECONDS,
                              "measured_s": target["median_s"] if target else None,
                              "cpu_s": target["cpu_median_s"] if target else None},
                   "figures": report.rows, "failures": report.failures}
        Path(args.json).write_text(json.dumps(payload, indent=2), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
