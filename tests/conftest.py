"""Test-wide settings, applied before any test module imports openpyxl."""
import os

# The same XML writer for openpyxl with or without lxml installed (see gcpcalc/__init__.py).
os.environ.setdefault("OPENPYXL_LXML", "False")
