"""Test-wide settings, applied before any test module runs.

* openpyxl writes with the same XML writer with or without lxml installed (see gcpcalc/__init__.py).
* No test reads or writes the user's own data: the store's default database is a SQLite file in the user's
  data directory (platformdirs). Every test session points ``GCPCALC_DATABASE_URL`` at a temporary file and
  ``XDG_DATA_HOME`` at a temporary directory, before any test runs; subprocesses (the Streamlit server of
  the browser test, the command line) inherit them. Tests that need their own database still pass one.
  The directory is removed when the test session's process exits.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("OPENPYXL_LXML", "False")

_DATA_HOME = Path(tempfile.mkdtemp(prefix="gcpcalc-test-data-"))
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = str(_DATA_HOME)
os.environ["GCPCALC_DATABASE_URL"] = f"sqlite:///{_DATA_HOME / 'gcpcalc-test.sqlite'}"
TEST_DATA_HOME = _DATA_HOME
