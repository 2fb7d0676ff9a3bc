"""Rerun cost of the Streamlit app with n inflow lines (default 10,000; 1,000 outflow lines).

Times (median of a few runs, wall and CPU): the session's evaluation cache on a miss after an edit of
the inflow table (digest + that table re-read and re-validated + all indicators + chart data), on an
unchanged state (digests only), the full content digest of the inflow frame, and whole AppTest reruns of
the form and results pages after an edit and with nothing changed.

    .venv/bin/python benchmarks/bench_app.py [n_inflows]

Targets (issue 10): rerun after one edit at 100k lines <= 0.5 s; unchanged rerun <= 0.15 s.
"""
from __future__ import annotations

import statistics
import sys
import time

from streamlit.testing.v1 import AppTest

from gcpcalc import fields as F
from gcpcalc.app.engine import EvaluationCache, evaluate_data, frame_digest, frame_from_rows
from gcpcalc.sample import synthetic_assessment



def _median(fn, repeat: int = 3) -> str:
    times, cpu = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return f"{statistics.median(times) * 1000:8.1f} ms (CPU {statistics.median(cpu) * 1000:7.1f} ms)"


def main(n_inflows: int = 10_000) -> None:
    data = synthetic_assessment(n_inflows, 1000)
    frames = {t: frame_from_rows(t, data.get(t)) for t in F.LIST_TABLES}
    org = data["organisation"]
    print(f"{n_inflows} inflow lines, {len(data['outflows'])} outflow lines")
    print(f"  evaluate, uncached (validate + compute):           {_median(lambda: evaluate_data(data))}")
    print(f"  full content digest of the inflow frame:           {_median(lambda: frame_digest(frames['inflows']))}")
    cache = EvaluationCache()
    cache.evaluate(org, frames)

    def edited():
        inflows = frames["inflows"].copy()
        inflows.at[1, "mass"] = str(100.0 + time.perf_counter() % 1)  # typed text, as the editor gives it
        return {**frames, "inflows": inflows}

    def miss():
        f = edited()
        c0, t0 = time.process_time(), time.perf_counter()
        cache.evaluate(org, f)
        return time.perf_counter() - t0, time.process_time() - c0

    runs = [miss() for _ in range(3)]
    print(f"  cache miss after an inflow edit (one table read):  {statistics.median(r[0] for r in runs) * 1000:8.1f} ms "
          f"(CPU {statistics.median(r[1] for r in runs) * 1000:7.1f} ms)")
    same = {t: f.copy() for t, f in frames.items()}  # new objects, same content: hashed, then a hit
    print(f"  cache hit, new frame objects (digests):            {_median(lambda: cache.evaluate(org, {t: f.copy() for t, f in same.items()}))}")
    print(f"  cache hit, same frame objects:                     {_median(lambda: cache.evaluate(org, frames))}")

    at = AppTest.from_function(_bench_app, args=(data,), default_timeout=600)
    at.run()
    at.session_state["gc_page"] = "form"
    at.run()

    def edit():
        at.session_state[at.data_editor[0].key] = {
            "edited_rows": {0: {"mass": str(100.0 + time.perf_counter() % 1)}}, "added_rows": [], "deleted_rows": []}
        at.run()

    print(f"  AppTest rerun after an inflow edit, form page:     {_median(edit)}")
    print(f"  AppTest rerun, form page, nothing changed:         {_median(at.run)}")
    at.session_state["gc_page"] = "results"
    at.run()
    print(f"  AppTest rerun, results page, nothing changed:      {_median(at.run)}")


def _bench_app(data):  # runs inside AppTest: the app with the synthetic data loaded once
    import streamlit as st

    from gcpcalc.app import main as app_main, state

    if "gc_bench_loaded" not in st.session_state:
        state.init()
        state.load_data(data, "upload", "synthetic")
        st.session_state.gc_bench_loaded = True
    app_main.main()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
