"""Pure work of the app, cached: form frames -> validated assessment -> gcpcalc results.

Nothing here computes an indicator: validation is :func:`gcpcalc.models.validate_assessment`, the
figures are :func:`gcpcalc.indicators.compute_tables`, chart data is the breakdown of the normalised
tables (:mod:`gcpcalc.app.charts`). :class:`EvaluationCache` keeps evaluations in the session, keyed by a
digest of the whole content of every table, so an edit anywhere in a table of any size is seen, and an
edit re-validates only the table it changed.
"""
from __future__ import annotations

import datetime as dt
import json
import hashlib
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_not
from typing import Any

import numpy as np
import pandas as pd

from .. import fields as F
from ..messages import ERROR, WARNING, Message
from ..models import assemble_assessment, validate_assessment, validate_organisation, validate_table
from ..rules import _duplicates


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
    (a row added and not filled in, blank lines pasted from Excel) are dropped.

    Column by column (one pass over each column, not a call per cell): float and bool columns are read
    as Python lists, other columns go through :func:`_clean` only for values that are not plain text."""
    if df is None or len(df) == 0:
        return []
    table = F.TABLES[table_id]
    cols = [c for c in table.field_ids if c in df.columns]
    # number cells hold the text typed: plain numbers are read as numbers here, other text stays as typed
    columns = [_column_values(plain_numbers(df[c]) if table.field(c).is_numeric and df[c].dtype == object
                              else df[c]) for c in cols]
    n = len(df)
    filled = np.zeros(n, dtype=bool)
    for c, vals in zip(cols, columns):
        if table.field(c).kind != "bool":
            filled |= np.fromiter(map(is_not, vals, repeat(None)), dtype=bool, count=n)
    return list(map(dict, map(zip, repeat(cols), compress(zip(*columns), filled.tolist()))))


def _column_values(s: pd.Series) -> list:
    """The values of one editor column as :func:`_clean` gives them, read column-wise."""
    kind = s.dtype.kind
    if kind == "f":
        if not s.hasnans:
            return s.tolist()
        return [None if v != v else v for v in s.tolist()]  # v != v: NaN
    if kind == "b":
        return s.tolist()
    return [v if type(v) is str and v.strip() else (None if v is None or type(v) is str else _clean(v))
            for v in s.tolist()]


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
    engine_error: str | None = None
    #: plotly figures of ``charts`` by language, built on first showing (:func:`gcpcalc.app.results.render_charts`)
    figures: dict = field(default_factory=dict, repr=False, compare=False)
    _charts: dict | None = field(default=None, repr=False, compare=False)

    @property
    def charts(self) -> dict:
        """The chart data (:func:`gcpcalc.app.charts.chart_data`), made on first use: a page without charts
        (the form, after each edit) does not wait for it."""
        if self._charts is None:
            tables = getattr(self.results, "tables", None)
            if tables is None:
                self._charts = {}
            else:
                from . import charts

                self._charts = charts.chart_data(tables, self.results)
        return self._charts

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity == WARNING]

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.errors


def evaluate_data(data: dict, factors: tuple[str, bytes] | None = None) -> Evaluation:
    """Validate the JSON form and compute every indicator (uncached; the session cache is
    :class:`EvaluationCache`). ``factors``: (file name, bytes) of an uploaded emission factor file, merged over
    the shipped factors."""
    return _evaluate_validated(*validate_assessment(data), factors=factors)


def _evaluate_validated(assessment, messages: list[Message], factors: tuple[str, bytes] | None = None,
                        tables_of=None) -> Evaluation:
    """``tables_of(assessment)``: the normalised tables (the session cache's, built from the tables it kept);
    :func:`gcpcalc.tables.normalise` when not given."""
    if assessment is None:
        return Evaluation(None, messages)
    from ..tables import normalise

    try:
        from ..indicators import compute_tables

        tables = (tables_of or normalise)(assessment)
        factor_set = None
        if factors is not None:
            from ..emission_factors import load_factors

            factor_set, _ = load_factors(factors[1], factors[0])  # errors are shown where the file is uploaded
        results = compute_tables(tables, factor_set)
    except Exception as exc:  # the engine is another layer: its failure is shown, never raised
        return Evaluation(assessment, messages, None, f"{type(exc).__name__}: {exc}")
    return Evaluation(assessment, messages + list(results.messages), results)


def _frame_meta(df: pd.DataFrame) -> bytes:
    return repr((list(map(str, df.columns)), [str(t) for t in df.dtypes], df.shape)).encode()


def row_hashes(df: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row of ``df`` (:func:`pandas.util.hash_pandas_object`, index left out): a row's
    hash depends on that row's values only."""
    try:
        return pd.util.hash_pandas_object(df, index=False).to_numpy()
    except TypeError:  # a cell pandas cannot hash (a list pasted into a text column): its text
        return pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy()


def _digest_of(meta: bytes, hashes: np.ndarray | None) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(meta)
    if hashes is not None and len(hashes):
        h.update(hashes.tobytes())
    return h.hexdigest()


def frame_digest(df: pd.DataFrame | None) -> str:
    """A digest of the whole content of an editor frame: column names, dtypes and every row
    (:func:`pandas.util.hash_pandas_object`; Streamlit's own hash samples large frames, so an edit past
    its sample would go unseen)."""
    if df is None:
        return "none"
    return _digest_of(_frame_meta(df), row_hashes(df) if len(df) else None)


def _text_only(df: pd.DataFrame) -> bool:
    """Every object column holds text or blanks only (then ``==`` tells values apart exactly)."""
    return all(pd.api.types.infer_dtype(df[c], skipna=True) in ("string", "empty")
               for c in df.columns if df[c].dtype == object)


def _changed_rows(a: pd.DataFrame | None, b: pd.DataFrame | None) -> np.ndarray | None:
    """The positions of the rows where ``b`` differs from ``a`` (``a``: a frame already seen, its object
    columns holding text only); None when the two cannot be compared row by row (other shape, columns,
    dtypes or row numbers, or ``b`` holds something other than text in a text column, where ``==`` could
    not tell values apart: True == 1)."""
    if a is None or b is None or a.shape != b.shape or list(a.columns) != list(b.columns) \
            or not a.dtypes.equals(b.dtypes) or not a.index.equals(b.index) or not _text_only(b):
        return None
    changed = np.zeros(len(b), dtype=bool)
    for c in b.columns:
        x, y = a[c].to_numpy(), b[c].to_numpy()
        if x is y:
            continue
        changed |= np.asarray(x != y, dtype=bool)
    return np.flatnonzero(changed)


@dataclass
class _Seen:
    """The last frame seen of a table, with its digest and row hashes (a frame of text-only columns)."""

    frame: Any
    digest: str
    text_only: bool
    hashes: np.ndarray | None = None
    #: (base frame, first, last): the frame is ``base`` with at most its rows ``first:last`` changed (a page)
    origin: tuple | None = None


class EvaluationCache:
    """Evaluations of the form state, kept in the user's session (nothing is pickled).

    Each list table is keyed by :func:`frame_digest` of its whole content: the editor returns a new frame
    on every rerun, which is compared with the last one seen, and only the rows that differ are hashed
    again. A table's JSON rows and validation are kept per digest: an edit re-reads and re-validates only
    the table edited, and of a table that was valid and had no message, only the rows edited (the ids
    that must be unique are checked across the whole table again). The figures are kept per digest of the
    whole state (organisation + every table digest)."""

    def __init__(self, max_entries: int = 4):
        self.max_entries = max_entries
        self._digests: dict[str, _Seen] = {}
        self._tables: dict[str, OrderedDict] = {tid: OrderedDict() for tid in F.LIST_TABLES}
        # tid -> (digest, positions of the rows changed since the frame of that digest)
        self._edits: dict[str, tuple[str, np.ndarray]] = {}
        # tid -> (digest, frame, JSON-form rows) of the last table read
        self._rows: dict[str, tuple[str, Any, list[dict]]] = {}
        # tid -> (digest, normalised frame) of the last table normalised
        self._normalised: dict[str, tuple[str, Any]] = {}
        self.rows_normalised = 0  # rows normalised (for tests and benchmarks)
        self._evaluations: OrderedDict = OrderedDict()
        self.misses = 0  # evaluations computed (for tests and benchmarks)
        self.rows_validated = 0  # rows handed to the validation (for tests and benchmarks)

    def digest(self, tid: str, df: pd.DataFrame | None, derived: tuple | None = None) -> str:
        """:func:`frame_digest` of ``df``. A frame like the last one seen (same columns, dtypes and row
        numbers, text columns holding text only) is compared with it: equal, it takes its digest; with
        some rows changed, only those rows are hashed again.

        ``derived``: ``(df, base, first, last)`` when ``df`` is the frame ``base`` with at most its rows
        ``first:last`` edited (the page of a long table on screen); when the last frame seen was ``base`` or
        another edit of the same page of it, only the rows of that page are compared."""
        seen = self._digests.get(tid)
        if seen is not None and seen.frame is df:
            return seen.digest
        origin = derived[1:] if derived is not None and derived[0] is df else None
        pos = None
        if seen is not None and seen.text_only:
            if origin is not None and (seen.frame is origin[0] or (
                    seen.origin is not None and seen.origin[0] is origin[0] and seen.origin[1:] == origin[1:])):
                first, last = origin[1], origin[2]
                pos = _changed_rows(seen.frame.iloc[first:last], df.iloc[first:last]) \
                    if len(df) == len(seen.frame) else None
                pos = None if pos is None else pos + first
            if pos is None:
                pos = _changed_rows(seen.frame, df)
                origin = None
        if pos is not None and not len(pos):
            self._digests[tid] = _Seen(df, seen.digest, True, seen.hashes, origin)
            return seen.digest
        if pos is not None and seen.hashes is not None and len(pos) <= max(64, len(df) // 20):
            hashes = seen.hashes.copy()
            hashes[pos] = row_hashes(df.iloc[pos])
            d = _digest_of(_frame_meta(df), hashes)
            self._edits[tid] = (seen.digest, pos)
            self._digests[tid] = _Seen(df, d, True, hashes, origin)
            return d
        if df is None:
            self._digests[tid] = _Seen(None, "none", False)
            return "none"
        hashes = row_hashes(df) if len(df) else None
        d = _digest_of(_frame_meta(df), hashes)
        self._digests[tid] = _Seen(df, d, _text_only(df), hashes)
        return d

    def _table(self, tid: str, digest: str, df: pd.DataFrame | None) -> tuple[list[dict] | None, list[Message]]:
        cache = self._tables[tid]
        if digest in cache:
            cache.move_to_end(digest)
            return cache[digest]
        result = self._edited_table(tid, digest, df)
        if result is None:
            rows = rows_from_frame(tid, df)
            self._rows[tid] = (digest, df, rows)
            self.rows_validated += len(rows)
            result = validate_table(tid, rows)
        cache[digest] = result
        while len(cache) > self.max_entries:
            cache.popitem(last=False)
        return result

    def _edited_table(self, tid: str, digest: str, df: pd.DataFrame | None):
        """The validation of a table edited in a few rows, from that of the table before the edit, when
        that one was valid without any message and no row is blank (the n-th row is the n-th line);
        None otherwise (then the whole table is read and validated)."""
        edit = self._edits.get(tid)
        before = self._rows.get(tid)
        if edit is None or before is None or df is None or before[0] != edit[0]:
            return None
        prev = self._tables[tid].get(edit[0])
        if prev is None or prev[0] is None or prev[1] or len(before[2]) != len(df) or len(prev[0]) != len(df):
            return None
        pos = edit[1]
        changed = rows_from_frame(tid, df.iloc[pos])
        if len(changed) != len(pos):  # a row emptied: the lines are numbered anew
            return None
        self.rows_validated += len(changed)
        validated, messages = validate_table(tid, changed)
        if validated is None or messages:
            return None
        rows = list(before[2])
        valid = list(prev[0])
        for p, raw, v in zip(pos.tolist(), changed, validated):
            rows[p] = raw
            valid[p] = v
        self._rows[tid] = (digest, df, rows)
        messages = _duplicates(F.TABLES[tid], valid)
        if any(m.severity == ERROR for m in messages):
            return None, messages
        return valid, messages

    def evaluate(self, org: dict, frames: dict[str, pd.DataFrame | None],
                 factors: tuple[str, bytes] | None = None, derived: dict[str, tuple] | None = None) -> Evaluation:
        """The :class:`Evaluation` of the organisation record ``org`` and the editor ``frames`` (by table id),
        with an uploaded emission factor file ``factors`` (name, bytes) when there is one. ``derived``: by table
        id, how a frame was made from the table before it (see :meth:`digest`)."""
        org_key = org_json(org)
        derived = derived or {}
        digests = {tid: self.digest(tid, frames.get(tid), derived.get(tid)) for tid in F.LIST_TABLES}
        factors_key = hashlib.sha256(factors[1]).hexdigest() if factors is not None else ""
        key = (org_key, tuple(digests[tid] for tid in F.LIST_TABLES), factors_key)
        if key in self._evaluations:
            self._evaluations.move_to_end(key)
            return self._evaluations[key]
        self.misses += 1
        org_result = validate_organisation(json.loads(org_key))
        table_results = {tid: self._table(tid, digests[tid], frames.get(tid)) for tid in F.LIST_TABLES}
        evaluation = _evaluate_validated(*assemble_assessment(org_result, table_results), factors=factors,
                                         tables_of=lambda a: self._tables_of(a, digests))
        self._evaluations[key] = evaluation
        while len(self._evaluations) > self.max_entries:
            self._evaluations.popitem(last=False)
        return evaluation


    def _tables_of(self, assessment, digests: dict[str, str]):
        """The normalised tables of ``assessment`` (whose list tables have ``digests``): a table unchanged since
        the last evaluation keeps its frame, a table edited in a few rows gets those rows normalised into a
        copy of its frame, any other is normalised whole."""
        from ..tables import _FRAMES, normalise_table, patch_table, tables_from_frames

        frames = {}
        for tid in _FRAMES:
            rows = getattr(assessment, tid, None) or []
            digest = digests.get(tid)
            kept = self._normalised.get(tid)
            frame = None
            if kept is not None and kept[0] == digest and len(kept[1]) == len(rows):
                frame = kept[1]
            elif kept is not None and digest is not None:
                edit = self._edits.get(tid)
                if edit is not None and edit[0] == kept[0] and len(kept[1]) == len(rows) and len(edit[1]):
                    pos = edit[1]
                    frame = patch_table(tid, kept[1], pos, [rows[p] for p in pos.tolist()])
                    if frame is not None:
                        self.rows_normalised += len(pos)
            if frame is None:
                frame = normalise_table(tid, rows)
                self.rows_normalised += len(rows)
            if digest is not None:
                self._normalised[tid] = (digest, frame)
            frames[tid] = frame
        disclosures = [dict(r) for r in (getattr(assessment, "disclosures", None) or [])]
        return tables_from_frames(dict(assessment.organisation), frames, disclosures)


def org_json(org: dict) -> str:
    return json.dumps({k: _json_value(v) for k, v in org.items()}, sort_keys=True, ensure_ascii=False)
