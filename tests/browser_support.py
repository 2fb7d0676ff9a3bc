"""What the browser tests share: a Streamlit server of the app on a free port (on the session's temporary
database unless a test gives its own), Debian's chromium through Playwright, and waiting for a script run
to finish.

Skipped when /usr/bin/chromium is missing locally; under CI (CI=true) a missing browser fails the test.
"""
from __future__ import annotations

import contextlib
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


def require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing under CI: scripts/install-system-deps.sh must install chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); the browser test needs it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(log_dir: Path, env: dict | None = None):
    """``streamlit run app_streamlit.py`` headless on a free port; yields its URL, stops it afterwards."""
    require_browser()
    port = free_port()
    log = log_dir / "server.log"
    fh = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app_streamlit.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
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


def launch(p):
    """Headless chromium from a ``sync_playwright()`` context."""
    return p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)


@contextlib.contextmanager
def chromium():
    """Headless chromium for one test, closed afterwards, also when the test fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()


def idle(page, timeout_s: float = 120) -> None:
    """Wait until the script run is over and every element is drawn."""
    page.wait_for_timeout(600)
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if (page.locator('[data-testid="stStatusWidget"]').count() == 0
                and page.locator('[data-testid="stSkeleton"]').count() == 0):
            page.wait_for_timeout(400)
            if page.locator('[data-testid="stStatusWidget"]').count() == 0:
                return
        page.wait_for_timeout(300)
    raise AssertionError("the app did not finish its run")


def pick(page, label: str, option: str, scope=None, attempts: int = 4) -> None:
    """Choose ``option`` in the drop-down labelled ``label``: typed into its filter (a long list is virtualised
    and its lower options are not drawn), chosen, then checked to be the one shown. A run of the script that
    redraws the drop-down while it is open closes it: the pick is tried again after the run is over."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    shown = ""
    for _attempt in range(attempts):
        idle(page)
        box = (scope or page).locator('div[data-testid="stSelectbox"]').filter(
            has=page.get_by_text(label, exact=True)).first
        box.scroll_into_view_if_needed()
        box.locator("input").first.click()
        page.keyboard.type(option)
        wanted = page.get_by_role("option", name=option, exact=True)
        try:
            wanted.first.wait_for(state="visible", timeout=10_000)
            wanted.first.click()
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            shown = box.inner_text()
            continue
        idle(page)
        # the value shown (as text, or as the value of the drop-down's filter field), without the label
        shown = "\n".join([box.inner_text().replace(label, "", 1)] + [i.input_value() for i in box.locator("input").all()])
        if option in shown:
            return
    raise AssertionError(f"could not choose {option!r} in the drop-down {label!r}: it shows {shown!r}")
