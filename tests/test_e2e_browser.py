"""End to end in a real browser: `streamlit run app_streamlit.py`, Debian's chromium through playwright.

Skipped when /usr/bin/chromium is missing locally; under CI (CI=true) a missing browser fails the test.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.e2e


def _require_browser():
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing under CI: scripts/install-system-deps.sh must install chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); the browser test needs it")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    _require_browser()
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    fh = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app_streamlit.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail("streamlit did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        fh.close()


def _metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    metric.wait_for(timeout=60_000)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_upload_the_sample_template_and_see_material_circularity(app_url, tmp_path):
    from playwright.sync_api import sync_playwright

    from gcpcalc.excel.template import assessment_to_template_bytes
    from gcpcalc.indicators import compute
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment

    assessment = load_assessment(sample_assessment())
    expected = f"{compute(assessment).value('cti.material_circularity_pct'):,.1f} %"
    template = tmp_path / "sample_template_ja.xlsx"
    template.write_bytes(assessment_to_template_bytes(assessment, "ja"))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(app_url, wait_until="domcontentloaded")
            # the first screen shows the sample company's KPIs with no click
            assert _metric_value(page, "マテリアル循環率") == expected
            page.screenshot(path=str(tmp_path / "start_ja.png"), full_page=True)
            # upload the sample as a filled template
            page.get_by_text("記入済みテンプレートをアップロード").first.click()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(template))
            page.get_by_text("を入力フォームに読み込みました").first.wait_for(timeout=60_000)
            assert _metric_value(page, "マテリアル循環率") == expected
            page.screenshot(path=str(tmp_path / "upload_ja.png"), full_page=True)
            # a hostile workbook (one cell at XFD1000) is refused with a message; the app keeps working
            from gcpcalc.intake.hostile import far_cell

            (tmp_path / "far_cell.xlsx").write_bytes(far_cell("XFD1000"))
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / "far_cell.xlsx"))
            page.get_by_text("XFD1000").first.wait_for(timeout=60_000)
            page.screenshot(path=str(tmp_path / "upload_refused_ja.png"), full_page=True)
            # the same in English
            page.get_by_text("English", exact=True).first.click()
            page.get_by_text("Results", exact=True).first.click()
            assert _metric_value(page, "Material circularity") == expected
            page.wait_for_timeout(1500)
            page.screenshot(path=str(tmp_path / "results_en.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "upload_ja.png").stat().st_size > 10_000
    print("screenshots in", tmp_path)
