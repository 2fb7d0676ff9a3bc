"""Run thousands of mutated workbooks through the importer, on demand (the test suite runs a few hundred).

Usage: ``python scripts/fuzz_intake.py [--cases 5000] [--seed 1] [--batch 100] [--isolated]``

Cases run in batches inside isolated children (``--isolated``: each case through the full
``read_workbook_bytes`` path, one child per case, slower). Prints the outcome counts, the slowest case and
every case whose ending is not a result or a clean refusal (seed, mutations, problems): rerun one with
``--seed N --cases 1``.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time

from gcpcalc.excel.reader import read_workbook_bytes
from gcpcalc.excel.security import Limits
from gcpcalc.intake import fuzz, isolate


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--isolated", action="store_true", help="every case in its own child (the app's path)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    records: list[dict] = []
    if args.isolated:
        records = fuzz.run_cases(range(args.seed, args.seed + args.cases), read_workbook_bytes)
    else:
        for start in range(args.seed, args.seed + args.cases, args.batch):
            stop = min(start + args.batch, args.seed + args.cases)
            ok, result = isolate.run_isolated("xlsx", f"{start}:{stop}".encode(), "fuzz", Limits(max_seconds=600),
                                              worker="gcpcalc.intake.fuzz:run_batch_in_child")
            if ok:
                records.extend(result)
            else:
                records.extend(fuzz.run_cases(range(start, stop), read_workbook_bytes))
            print(f"\r{len(records)}/{args.cases}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    bad = [r for r in records if r["problems"]]
    codes = collections.Counter(c for r in records for c in (r["codes"] or ["(read)"]))
    print(f"{len(records)} cases in {time.perf_counter() - t0:.0f} s: {sum(r['ok'] for r in records)} read, "
          f"{sum(not r['ok'] for r in records)} refused; slowest {max(r['seconds'] for r in records):.2f} s")
    for code, n in codes.most_common(20):
        print(f"  {n:6d}  {code}")
    for r in bad:
        print(f"PROBLEM seed {r['seed']} {r['mutations']}: {'; '.join(r['problems'])}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
