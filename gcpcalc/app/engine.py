"""Pure work of the app, cached: form frames -> validated assessment -> gcpcalc results.

Nothing here computes an indicator: validation is :func:`gcpcalc.models.validate_assessment`, the
figures are :func:`gcpcalc.indicators.compute_tables`, chart data is the breakdown of the normalised
tables (:mod:`gcpcalc.app.charts`). The functions take DataFrames, which ``st.cache_data`` hashes
quickly, so an edit that changes nothing in a table costs a hash, not a recomputation.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from .. import fields as F
from ..messages import ERROR, WARNING, Message
from ..models import validate_assessment


def frame_from_rows(table_id: str, rows: list[dict] | None) -> pd.DataFrame:
    """The editor frame of a list table: one column per field id (dictionary order), typed by kind."""
    table = F.TABLES[table_id]
    rows = rows or []
    data: dict[str, Any] = {}
    for f in table.fields:
        values = [r.get(f.id) for r in rows]
        if f.is_numeric:
            # text, not float: the editor keeps what is typed ("-5", "1,850", "abc") and the validation
            # reads it and names the typed value in its message
            data[f.id] = pd.Series([number_text(v) for v in values], dtype="object")
        elif f.kind == "bool":
            data[f.id] = pd.Series([bool(v) if v is not None else bool(f.default) for v in values], dtype="bool")
        else:
            data[f.id] = pd.Series([None if v is None else str(v) for v in values], dtype="object")
    # rows numbered from 1, as the messages count them (the editor shows this index as the row number)
    return pd.DataFrame(data).set_axis(pd.RangeIndex(1, len(rows) + 1))


def number_text(v: Any) -> str | None:
    """A number of the JSON form as the editor shows it: integers without ".0", others in their shortest
    exact form; text (as typed or imported) as it is; None when blank."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        f = float(v)
        if f.is_integer() and abs(f) < 1e15:
            return str(int(f))
        return repr(f)
    return str(v)


def _num(v: Any) -> float:
    if v is None or v == "":
        return math.nan
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalar
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    if isinstance(v, str) and v.strip() == "":
        return None
    return v


_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")


def _plain(v: Any) -> Any:
    if isinstance(v, str):
        text = v.strip()
        if _PLAIN_NUMBER.match(text):
            return float(text)  # exact: Python's float() rounds correctly
    return v


def plain_numbers(col: pd.Series) -> pd.Series:
    """The cells of a number column typed as plain numbers ("1850", "-5", "38.5") as those numbers; anything
    else (blank, "1,850", "abc", full-width digits) stays the text typed, for the validation to read or to
    report with the typed value. Only the representation changes, never the value: validating 50,000 typed
    numbers as text would take many times longer."""
    return col.map(_plain)


def rows_from_frame(table_id: str, df: pd.DataFrame | None) -> list[dict]:
    """The JSON-form rows of an editor frame: NaN and blank text become None; rows left entirely blank
    (a row added and not filled in, blank lines pasted from Excel) are dropped."""
    if df is None or len(df) == 0:
        return []
    table = F.TABLES[table_id]
    cols = [c for c in table.field_ids if c in df.columns]
    non_bool = [c for c in cols if table.field(c).kind != "bool"]
    part = df[cols]
    numeric = [c for c in cols if table.field(c).is_numeric and part[c].dtype == object]
    if numeric:
        part = part.copy()
        for c in numeric:
            part[c] = plain_numbers(part[c])
    records = part.to_dict("records")
    out = []
    for rec in records:
        row = {k: _clean(v) for k, v in rec.items()}
        if all(row.get(c) is None for c in non_bool):
            continue
        out.append(row)
    return out


def data_from_state(org: dict, frames: dict[str, pd.DataFrame]) -> dict:
    """The JSON form of the assessment the form holds (organisation record + list tables)."""
    data: dict[str, Any] = {"organisation": {k: _json_value(v) for k, v in org.items()}}
    for tid in F.LIST_TABLES:
        data[tid] = rows_from_frame(tid, frames.get(tid))
    return data


def _json_value(v: Any) -> Any:
    v = _clean(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


@dataclass
class Evaluation:
    """What the screens show for one state of the form."""

    assessment: Any  # gcpcalc.models.Assessment | None
    messages: list[Message] = field(default_factory=list)
    results: Any = None  # gcpcalc.indicators.Results | None
    charts: dict = field(default_factory=dict)
    engine_error: str | None = None

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity == WARNING]

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.errors


def evaluate_data(data: dict) -> Evaluation:
    """Validate the JSON form and compute every indicator (uncached; the cached entry is :func:`evaluate`)."""
    assessment, messages = validate_assessment(data)
    if assessment is None:
        return Evaluation(None, messages)
    from ..tables import normalise
    from . import charts

    try:
        from ..indicators import compute_tables

        tables = normalise(assessment)
        results = compute_tables(tables)
    except Exception as exc:  # the engine is another layer: its failure is shown, never raised
        return Evaluation(assessment, messages, None, {}, f"{type(exc).__name__}: {exc}")
    return Evaluation(assessment, messages + list(results.messages), results, charts.chart_data(tables, results))


@st.cache_data(show_spinner=False, max_entries=16)
def evaluate(org_json: str, frames: tuple[pd.DataFrame, ...]) -> Evaluation:
    """Cached :func:`evaluate_data` of the form state: ``org_json`` is the organisation record as JSON,
    ``frames`` the list tables' editor frames in :data:`gcpcalc.fields.LIST_TABLES` order."""
    data = data_from_state(json.loads(org_json), dict(zip(F.LIST_TABLES, frames)))
    return evaluate_data(data)


def org_json(org: dict) -> str:
    return json.dumps({k: _json_value(v) for k, v in org.items()}, sort_keys=True, ensure_ascii=False)
