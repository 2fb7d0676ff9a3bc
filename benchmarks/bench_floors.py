"""Each stage of gcpcalc beside its floor, in fresh interpreters: wall and CPU time, peak memory, ratio.

    .venv/bin/python benchmarks/bench_floors.py                          # 10k and 100k, every stage
    .venv/bin/python benchmarks/bench_floors.py --sizes 10000,100000,1000000 --stages compute
    .venv/bin/python benchmarks/bench_floors.py --src /tmp/old-checkout   # another source tree (before/after)
    .venv/bin/python benchmarks/bench_floors.py --sizes 1000000 --stages compute --tree-memory

A size *n* is *n* inflow and *n* outflow lines (``gcpcalc.sample.synthetic_assessment``, 50 products and
a few water, energy and procurement lines). Every figure is the median of ``--repeat`` runs of a fresh
process (``os.wait4`` gives its CPU time, user + system, and its peak resident memory: that of the largest
single process of the run, the reading children included). ``--tree-memory`` also samples, every 50 ms, the
memory the run's whole process tree holds at once (the proportional set sizes of the process and every process
under it, summed: a page shared by two processes counts once) and prints its largest value as "tree peak".

Stages and their floors (``floors.py``):

=========  ===========================================================  ===========================================
stage      gcpcalc                                                      floor
=========  ===========================================================  ===========================================
compute    ``gcpcalc compute FILE.json --format json`` (whole process)  msgspec typed decode + numpy sums (whole
                                                                        process)
compute_   the same work in one process: fast JSON path, tables from    the same
inproc     the columns, indicators (no isolated intake, no limits; not
           run by default)
startup    ``gcpcalc compute`` of a 10-line file (target ≤ 0.4 s wall)  ``python -c pass``
import     ``read_workbook_bytes`` of the filled template (whole        python-calamine read of every sheet (whole
           process: the forkserver started, then the reading child)     process)
import_    ``gcpcalc validate FILE.xlsx`` (whole process: the command   the same
cli        line's reading child is a plain fork)
report     ``report_bytes`` of the computed results (timed in the       xlsxwriter writing every input line once
           process, after reading and computing)                        (timed in the process)
=========  ===========================================================  ===========================================

The app's rerun figures come from ``bench_app.py`` (Streamlit AppTest). The filled templates for the
import stage are written once per size with openpyxl (slow: minutes at 100k) and kept in ``--workdir``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "floors.py"
STAGES = ("startup", "compute", "import", "import_cli", "report")
#: not run by default: the compute stage's work in one process, without the isolated intake and its limits (a
#: file over the intake's 50 MB, such as 1M + 1M lines, is refused by ``gcpcalc compute``)
EXTRA_STAGES = ("compute_inproc",)
#: the directory the measured processes start in: ``python -c`` and ``-m`` put it first on sys.path, so it
#: is the source tree measured (``--src``), never this checkout when another one is asked for
_CWD = [ROOT]


def _label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


#: sample the memory of the whole process tree while a stage runs (``--tree-memory``)
_TREE = [False]


def _measure(cmd: list[str], env: dict, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        runs.append(_run_wait4(cmd, env))
    out = {"wall": statistics.median(r["wall"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
           "rss_mb": max(r["rss_mb"] for r in runs), "runs": runs}
    if _TREE[0]:
        out["tree_mb"] = max(r.get("tree_mb", 0) for r in runs)
    return out


def _tree_pss_mb(pid: int) -> float:
    """The proportional set size (shared pages divided among their processes) of ``pid`` and every process
    under it, summed: the memory the whole tree holds at this moment (Linux ``/proc``)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError):  # ended meanwhile
            pass
    return total / 1024


class _TreeSampler:
    """The largest :func:`_tree_pss_mb` of a process tree, sampled every 50 ms in a thread while it runs."""

    def __init__(self, pid: int):
        import threading

        self.peak, self._pid, self._stop = 0.0, pid, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, _tree_pss_mb(self._pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def _run_wait4(cmd: list[str], env: dict) -> dict:
    """One fresh process, reaped with ``os.wait4``: exactly its own CPU time and peak memory."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gcpcalc-bench-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=_CWD[0], stdout=out, stderr=err)
        sampler = _TreeSampler(proc.pid) if _TREE[0] else None
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        tree = sampler.stop() if sampler is not None else None
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = out_path.read_text(errors="replace") if out_path.stat().st_size < 10_000_000 else ""
    errors = err_path.read_text(errors="replace")[-3000:]
    out_path.unlink()
    err_path.unlink()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{errors}")
    res = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024}
    if tree is not None:
        res["tree_mb"] = tree
    lines = text.strip().splitlines()
    if lines and lines[-1].startswith('{"timed_wall"'):
        timed = json.loads(lines[-1])
        res["wall"], res["cpu"] = timed["timed_wall"], timed["timed_cpu"]
    return res


_IMPORT_CHILD = """
import sys
from gcpcalc.excel.reader import read_workbook_bytes
a, m = read_workbook_bytes(open(sys.argv[1], 'rb').read(), 'bench.xlsx')
assert a is not None, [x.message_en for x in m[:5]]
# stop and reap the intake's forkserver, so that its CPU time and that of the parsing child (which it reaped)
# count in this process's figures, as the floor's parse counts in its own
from multiprocessing import forkserver
getattr(forkserver._forkserver, '_stop', lambda: None)()
"""

_COMPUTE_INPROC_CHILD = """
import json, sys
from gcpcalc.intake.fastjson import read_columns
from gcpcalc.io import Loaded
from gcpcalc.indicators import compute_tables
packed = read_columns(open(sys.argv[1], 'rb').read())
assert packed is not None, 'not served by the fast path'
results = compute_tables(Loaded(None, packed[2], packed=packed).tables())
print(json.dumps(results.to_json_dict('en'), ensure_ascii=False, indent=2, allow_nan=False, default=str)[:100])
"""

_REPORT_CHILD = """
import json, sys, time
from gcpcalc.models import validate_assessment, validate_assessment_json
from gcpcalc.indicators import compute
from gcpcalc.excel.report import report_bytes
data = open(sys.argv[1], 'rb').read()  # read directly: a 1M-line file is over the upload limit of the intake
assessment = (validate_assessment_json(data, min_bytes=0) or validate_assessment(json.loads(data)))[0]
assert assessment is not None
del data
results = compute(assessment)
c0, t0 = time.process_time(), time.perf_counter()
out = report_bytes(results, assessment, lang="ja")
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"timed_wall": wall, "timed_cpu": cpu, "bytes": len(out)}))
"""

_REPORT_FLOOR_CHILD = """
import json, sys, time, os
sys.path.insert(0, {here!r})
from floors import report_floor
import xlsxwriter
c0, t0 = time.process_time(), time.perf_counter()
report_floor(sys.argv[1], sys.argv[2])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
os.unlink(sys.argv[2])
print(json.dumps({{"timed_wall": wall, "timed_cpu": cpu}}))
"""


def _source_key(*names: str) -> str:
    """A short digest of the gcpcalc sources the kept inputs are made from: a file written by an older
    generator or data dictionary is made again, not reused."""
    h = hashlib.sha1()
    for name in names:
        path = _CWD[0] / "gcpcalc" / name
        h.update(path.read_bytes() if path.exists() else name.encode())
    return h.hexdigest()[:10]


def prepare(n: int, workdir: Path, py: str, env: dict, need_xlsx: bool) -> dict:
    """The synthetic JSON file of size n (and the filled template when the import stage runs)."""
    workdir.mkdir(parents=True, exist_ok=True)
    key = _source_key("sample.py", "fields.py")
    js = workdir / f"synthetic-{n}-{key}.json"
    if not js.exists():
        code = ("import json, sys; from gcpcalc.sample import synthetic_assessment; "
                f"json.dump(synthetic_assessment({n}, {n}, n_products=50), open(sys.argv[1], 'w'), ensure_ascii=False)")
        subprocess.run([py, "-c", code, str(js)], check=True, env=env, cwd=ROOT)
    files = {"json": js}
    if need_xlsx:
        xl = workdir / f"synthetic-{n}-{key}-{_source_key('excel/template.py', 'excel/template_cells.py')}.xlsx"
        if not xl.exists():
            print(f"  writing the filled template of {_label(n)} lines (openpyxl, set-up only) ...", flush=True)
            code = ("import sys; from gcpcalc.io import load_path; "
                    "from gcpcalc.excel.template import assessment_to_template_bytes; "
                    "open(sys.argv[2], 'wb').write(assessment_to_template_bytes(load_path(sys.argv[1]).assessment, 'ja'))")
            subprocess.run([py, "-c", code, str(js), str(xl)], check=True, env=env, cwd=ROOT)
        files["xlsx"] = xl
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="lines per table, comma-separated (default 10k,100k)")
    ap.add_argument("--stages", default=",".join(STAGES),
                    help=f"comma-separated, of {', '.join(STAGES + EXTRA_STAGES)}")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3; 1 at 1M)")
    ap.add_argument("--src", help="run gcpcalc from this source tree (put first on PYTHONPATH)")
    ap.add_argument("--workdir", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "gcpcalc-bench"),
                    help="where the synthetic inputs are written and kept")
    ap.add_argument("--json", metavar="FILE", help="write every figure as JSON")
    ap.add_argument("--tree-memory", action="store_true",
                    help="also sample the memory of each run's whole process tree (summed PSS, every 50 ms)")
    args = ap.parse_args(argv)
    _TREE[0] = args.tree_memory
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    stages = [s for s in args.stages.split(",") if s]
    py = sys.executable
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve()) + os.pathsep + env.get("PYTHONPATH", "")
        _CWD[0] = Path(args.src).resolve()
    floor_env = dict(env)
    workdir = Path(args.workdir)
    rows = []

    def add(stage, size, mine, floor):
        row = {"stage": stage, "size": size, "wall": mine["wall"], "cpu": mine["cpu"], "rss_mb": mine["rss_mb"],
               "floor_wall": floor["wall"], "floor_cpu": floor["cpu"], "floor_rss_mb": floor["rss_mb"],
               "ratio_wall": mine["wall"] / floor["wall"] if floor["wall"] else None,
               "ratio_cpu": mine["cpu"] / floor["cpu"] if floor["cpu"] else None}
        if "tree_mb" in mine:
            row["tree_mb"], row["floor_tree_mb"] = mine["tree_mb"], floor["tree_mb"]
        rows.append(row)
        tree = (f" (tree {row['tree_mb']:.0f})" if "tree_mb" in row else "")
        print(f"  {stage:<8} {_label(size) if size else '10':>5}  wall {row['wall']:7.2f} s  cpu {row['cpu']:7.2f} s  "
              f"peak {row['rss_mb']:7.0f} MB{tree} | floor wall {row['floor_wall']:6.2f} s cpu {row['floor_cpu']:6.2f} s "
              f"peak {row['floor_rss_mb']:6.0f} MB | ratio wall {row['ratio_wall']:.2f} cpu {row['ratio_cpu']:.2f}",
              flush=True)

    print(f"gcpcalc stage benchmarks: Python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; source {args.src or ROOT}")
    if "startup" in stages:
        small = prepare(10, workdir, py, env, False)["json"]
        for cmd in ([py, "-m", "gcpcalc", "compute", str(small)],):  # warm the file cache
            _run_wait4(cmd, env)
        mine = _measure([py, "-m", "gcpcalc", "compute", str(small), "--format", "json"], env, max(args.repeat, 5))
        floor = _measure([py, "-c", "pass"], floor_env, max(args.repeat, 5))
        add("startup", 0, mine, floor)
    for n in sizes:
        repeat = 1 if n >= 1_000_000 else args.repeat
        print(f"\n{_label(n)} inflow + {_label(n)} outflow lines", flush=True)
        files = prepare(n, workdir, py, env, "import" in stages or "import_cli" in stages)
        if "compute" in stages:
            try:
                # the reading limits raised as for a large file the user trusts (a 1M-line file is ~500 MB)
                mine = _measure([py, "-m", "gcpcalc", "compute", str(files["json"]), "--format", "json",
                                 "--max-file-mb", "4096", "--max-memory-mb", "16384", "--max-seconds", "1800"],
                                env, repeat)
            except RuntimeError as exc:  # refused (a file over the intake's limits): said, not measured
                print(f"  compute  {_label(n):>5}  not measured: {str(exc).splitlines()[-1][:200]}", flush=True)
            else:
                floor = _measure([py, str(FLOORS), "compute", str(files["json"])], floor_env, repeat)
                add("compute", n, mine, floor)
        if "compute_inproc" in stages:
            mine = _measure([py, "-c", _COMPUTE_INPROC_CHILD, str(files["json"])], env, repeat)
            floor = _measure([py, str(FLOORS), "compute", str(files["json"])], floor_env, repeat)
            add("compute_inproc", n, mine, floor)
        if "import" in stages:
            mine = _measure([py, "-c", _IMPORT_CHILD, str(files["xlsx"])], env, repeat)
            floor = _measure([py, str(FLOORS), "import", str(files["xlsx"])], floor_env, repeat)
            add("import", n, mine, floor)
        if "import_cli" in stages:
            mine = _measure([py, "-m", "gcpcalc", "validate", str(files["xlsx"])], env, repeat)
            floor = _measure([py, str(FLOORS), "import", str(files["xlsx"])], floor_env, repeat)
            add("import_cli", n, mine, floor)
        if "report" in stages:
            out = workdir / f"floor-{n}.xlsx"
            mine = _measure([py, "-c", _REPORT_CHILD, str(files["json"])], env, repeat)
            floor = _measure([py, "-c", _REPORT_FLOOR_CHILD.format(here=str(HERE)), str(files["json"]), str(out)],
                             floor_env, repeat)
            add("report", n, mine, floor)

    tree_head, tree_rule = (" tree peak (MB) |", "---:|") if args.tree_memory else ("", "")
    print("\n| stage | lines (each of in/out) | wall (s) | CPU (s) | peak (MB) |" + tree_head + " floor wall (s) "
          "| floor CPU (s) | floor peak (MB) | ratio wall | ratio CPU |")
    print("|---|---:|---:|---:|---:|" + tree_rule + "---:|---:|---:|---:|---:|")
    for r in rows:
        tree = f" {r['tree_mb']:.0f} |" if args.tree_memory else ""
        print(f"| {r['stage']} | {_label(r['size']) if r['size'] else '10'} | {r['wall']:.2f} | {r['cpu']:.2f} | "
              f"{r['rss_mb']:.0f} |{tree} {r['floor_wall']:.2f} | {r['floor_cpu']:.2f} | {r['floor_rss_mb']:.0f} | "
              f"{r['ratio_wall']:.2f} | {r['ratio_cpu']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"python": platform.python_version(), "source": args.src or str(ROOT),
                                               "rows": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
