"""The app survives a hostile upload (issue 14): the far-cell workbook that used to end the Streamlit
server is refused with a message, and the app keeps working."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from gcpcalc.intake import hostile

APP = str(Path(__file__).resolve().parents[1] / "app_streamlit.py")


def test_a_far_cell_upload_is_refused_and_the_app_keeps_working():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.radio(key="gc_page").set_value("upload").run()
    far = hostile.far_cell("XFD1000")
    at.file_uploader(key="gc_upload").set_value(("far_cell.xlsx", far, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "far_cell.xlsx" in errors and "XFD1000" in errors and "上限" in errors, errors
    assert at.session_state["gc_source"][0] == "sample"  # nothing was loaded
    # the same session goes on: a valid workbook loads
    at.file_uploader(key="gc_upload").set_value(("ok.xlsx", hostile.base_workbook(), "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["gc_source"] == ("upload", "ok.xlsx")
    assert len(at.session_state["gc_source"]) == 2
