"""The app as a user meets it, in headless Chromium: a 50,000-line upload, then each download.

Figures (seconds, wall clock, one run each):

* upload → page interactive: from choosing the file until the page has finished its run and shows the
  loaded data's key figures (reading, validation, computation and drawing);
* the form and the results page after the upload (navigation until the run is over);
* the download page: until its "create" buttons are there (nothing is made up front);
* each download: from the click on "create" until its save button is there (made on demand, with a
  progress indicator), for the report, the PDF report, the blank template, the filled template and the JSON.

    .venv/bin/python benchmarks/bench_app_browser.py [n_inflows] [--xlsx]

``--xlsx`` uploads a filled Excel template instead of JSON (writing that template for 50,000 lines takes
a while before the timing starts). Needs /usr/bin/chromium. The server uses a temporary database.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import idle, launch, streamlit_server  # noqa: E402  (the browser tests' server and waits)


def _idle(page) -> None:
    idle(page, timeout_s=900)


def _nav(page, label: str) -> tuple[float, float]:
    """Seconds until the page's title is shown, and until its run is over and every element drawn (charts
    included; the first page with charts also loads the charting library in the browser)."""
    t0 = time.perf_counter()
    page.locator(".st-key-gc_page").get_by_text(label, exact=True).click()
    page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2').filter(has_text=label).first.wait_for(
        timeout=600_000)
    shown = time.perf_counter() - t0
    _idle(page)
    return shown, time.perf_counter() - t0


def main(n_inflows: int = 50_000, xlsx: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    from gcpcalc.sample import synthetic_assessment

    tmp = Path(tempfile.mkdtemp(prefix="gcpcalc-bench-"))
    data = synthetic_assessment(n_inflows, 1000)
    if xlsx:
        from gcpcalc.excel.template import assessment_to_template_bytes
        from gcpcalc.models import load_assessment

        upload = tmp / f"synthetic_{n_inflows}.xlsx"
        upload.write_bytes(assessment_to_template_bytes(load_assessment(data), "ja"))
    else:
        upload = tmp / f"synthetic_{n_inflows}.json"
        upload.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(f"{n_inflows} inflow lines, {len(data['outflows'])} outflow lines; upload {upload.name} "
          f"({upload.stat().st_size / 1e6:.1f} MB)")

    env = {"GCPCALC_DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}"}
    with streamlit_server(tmp, env=env) as url:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.goto(url)
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=120_000)
            _idle(page)
            _nav(page, "アップロード")
            t0 = time.perf_counter()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            page.get_by_text("を入力フォームに読み込みました").first.wait_for(timeout=1_800_000)
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=600_000)
            _idle(page)
            print(f"  upload -> page interactive (key figures shown):  {time.perf_counter() - t0:7.1f} s")
            for what, label in (("form page after the upload", "入力"), ("results page after the upload", "結果"),
                                ("download page (nothing made yet)", "ダウンロード")):
                shown, done = _nav(page, label)
                print(f"  {what + ':':50s}{shown:7.1f} s title shown, {done:5.1f} s all drawn")
            for kind, name in (("report", "report"), ("pdf", "PDF report"), ("template", "blank template"),
                               ("filled", "filled template"), ("json", "JSON")):
                t0 = time.perf_counter()
                page.locator(f".st-key-gc_build_{kind} button").click()
                page.locator(f".st-key-gc_dl_{kind} button").wait_for(timeout=1_800_000)
                secs = time.perf_counter() - t0
                with page.expect_download(timeout=600_000) as dl:
                    page.locator(f".st-key-gc_dl_{kind} button").click()
                size = os.path.getsize(dl.value.path())
                print(f"  {('make ' + name + ':'):50s}{secs:7.1f} s  ({size / 1e6:.1f} MB)")
            browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 50_000, xlsx="--xlsx" in sys.argv)
