"""Rerun cost of the Streamlit app with 10,000 inflow lines.

Times (median of a few runs): the cached evaluation on a miss (validation + all indicators + chart data)
and on a hit (hashing the frames), and whole AppTest reruns of the form and results pages after an edit.

    .venv/bin/python benchmarks/bench_app.py [n_inflows]
"""
from __future__ import annotations

import statistics
import sys
import time

from streamlit.testing.v1 import AppTest

from gcpcalc import fields as F
from gcpcalc.app.engine import evaluate, evaluate_data, frame_from_rows, org_json
from gcpcalc.sample import synthetic_assessment



def _median(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(n_inflows: int = 10_000) -> None:
    data = synthetic_assessment(n_inflows, 1000)
    frames = tuple(frame_from_rows(t, data.get(t)) for t in F.LIST_TABLES)
    org = org_json(data["organisation"])
    print(f"{n_inflows} inflow lines, {len(data['outflows'])} outflow lines")
    print(f"  evaluate, uncached (validate + compute + charts): {_median(lambda: evaluate_data(data)) * 1000:8.1f} ms")
    evaluate.clear()
    t0 = time.perf_counter()
    evaluate(org, frames)
    print(f"  evaluate, cache miss (frames -> rows -> results): {(time.perf_counter() - t0) * 1000:8.1f} ms")
    print(f"  evaluate, cache hit (hash of the frames):          {_median(lambda: evaluate(org, frames)) * 1000:8.1f} ms")

    at = AppTest.from_function(_bench_app, args=(data,), default_timeout=600)
    at.run()
    at.session_state["gc_page"] = "form"
    at.run()

    def edit():
        at.session_state[at.data_editor[0].key] = {
            "edited_rows": {0: {"mass": 100.0 + time.perf_counter() % 1}}, "added_rows": [], "deleted_rows": []}
        at.run()

    print(f"  AppTest rerun after an inflow edit, form page:     {_median(edit) * 1000:8.1f} ms")
    print(f"  AppTest rerun, form page, nothing changed:         {_median(at.run) * 1000:8.1f} ms")
    at.session_state["gc_page"] = "results"
    at.run()
    print(f"  AppTest rerun, results page, nothing changed:      {_median(at.run) * 1000:8.1f} ms")


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
