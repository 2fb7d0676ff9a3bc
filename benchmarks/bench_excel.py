"""Excel import and report timings at growing sizes.

For each size the synthetic assessment (half inflow, half outflow lines) is written into the template
layout, then timed:

* ``calamine``   python-calamine reading the values of every template sheet (the floor of any reader);
* ``import``     :func:`gcpcalc.excel.reader.read_workbook_bytes`: checks, values, percent formats and
                 formulas, coercion, validation, cell mapping — the whole importer;
* ``ratio``      import / calamine;
* ``report``     indicators computed, then :func:`gcpcalc.excel.report.report_bytes`.

Usage: ``python benchmarks/bench_excel.py [10000 100000 ...]`` (default 10000 100000).
"""
from __future__ import annotations

import io
import statistics
import sys
import time

from python_calamine import CalamineWorkbook

from gcpcalc import fields as F
from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.report import report_bytes
from gcpcalc.excel.template import assessment_to_template_bytes, sheet_name
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.sample import synthetic_assessment


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run(lines: int, repeat: int = 3, lang: str = "en") -> dict:
    assessment = load_assessment(synthetic_assessment(lines // 2, lines - lines // 2, seed=0))
    data = assessment_to_template_bytes(assessment, lang)
    sheets = [sheet_name(t, lang) for t in F.TABLES.values()]

    def calamine():
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for s in sheets:
            book.get_sheet_by_name(s).to_python(skip_empty_area=False)

    def importer():
        a, messages = read_workbook_bytes(data, "bench.xlsx")
        assert a is not None, messages[:3]

    def report():
        report_bytes(compute(assessment), assessment, lang=lang)

    c = _best(calamine, repeat)
    i = _best(importer, repeat)
    r = _best(report, 1 if lines > 50_000 else repeat)
    return {"lines": lines, "xlsx_mb": len(data) / 1e6, "calamine_s": c, "import_s": i, "ratio": i / c, "report_s": r}


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    print(f"{'lines':>8} {'xlsx MB':>8} {'calamine s':>11} {'import s':>9} {'ratio':>6} {'report s':>9}")
    for n in sizes:
        row = run(n)
        print(f"{row['lines']:>8} {row['xlsx_mb']:>8.1f} {row['calamine_s']:>11.2f} {row['import_s']:>9.2f} "
              f"{row['ratio']:>6.2f} {row['report_s']:>9.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
