"""The form's state in ``st.session_state``: what is loaded, the language, the page, and the tables.

The organisation record is a dict (``gc_org``); each list table has a *base* frame the editor starts
from (``gc_base``), the editor's latest result (``gc_current``) and a version (``gc_ver``) that names
the editor widget. Loading data (sample, blank, upload, store) replaces the bases and bumps the
versions. Before anything would reset an editor (language switch, leaving the page), the latest result
becomes the base, so nothing typed is lost.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from .. import fields as F
from .engine import Evaluation, EvaluationCache, frame_from_rows

PAGES = ("start", "form", "upload", "results", "downloads", "procurement", "japan", "store", "valuechain")
_SAMPLE_JSON = Path(__file__).resolve().parents[2] / "templates" / "sample_assessment.json"


def sample_data() -> dict | None:
    """The sample company's JSON form (``gcpcalc.sample``, else ``templates/sample_assessment.json``)."""
    try:
        from ..sample import sample_assessment  # type: ignore[attr-defined]

        data = sample_assessment()
        if hasattr(data, "to_json_dict"):
            data = data.to_json_dict()
        return data
    except (ImportError, AttributeError):
        pass
    if _SAMPLE_JSON.is_file():
        return json.loads(_SAMPLE_JSON.read_text(encoding="utf-8"))
    return None


def blank_data() -> dict:
    org = {f.id: f.default for f in F.ORGANISATION.fields}
    return {"organisation": org, **{tid: [] for tid in F.LIST_TABLES}}


def init() -> None:
    """Set up the state on the first run: Japanese, the start page, the sample company loaded."""
    ss = st.session_state
    if "gc_init" in ss:
        return
    ss.gc_init = True
    ss.setdefault("gc_lang", "ja")
    ss.setdefault("gc_page", "start")
    ss.gc_ver = {tid: 0 for tid in F.LIST_TABLES}
    ss.gc_org_ver = 0
    data = sample_data()
    if data is not None:
        load_data(data, "sample", data.get("organisation", {}).get("name") or "")
    else:
        load_data(blank_data(), "blank", "")


def load_data(data: dict, source: str, name: str = "") -> None:
    """Put the JSON form ``data`` into the form (replacing what is there)."""
    ss = st.session_state
    org = {f.id: (data.get("organisation") or {}).get(f.id) for f in F.ORGANISATION.fields}
    ss.gc_org = org
    ss.gc_org_ver = ss.get("gc_org_ver", 0) + 1
    ss.gc_base = {tid: frame_from_rows(tid, data.get(tid)) for tid in F.LIST_TABLES}
    ss.gc_current = dict(ss.gc_base)
    ver = ss.get("gc_ver") or {tid: 0 for tid in F.LIST_TABLES}
    ss.gc_ver = {tid: ver.get(tid, 0) + 1 for tid in F.LIST_TABLES}
    ss.gc_source = (source, name)


def load_assessment(assessment, source: str = "store", name: str = "") -> None:
    """Load a validated :class:`~gcpcalc.models.Assessment` (used by the upload and store pages)."""
    data = assessment.to_json_dict() if hasattr(assessment, "to_json_dict") else assessment
    load_data(data, source, name or (data.get("organisation") or {}).get("name") or "")


def editor_key(tid: str) -> str:
    return f"gc_editor_{tid}_{st.session_state.gc_ver[tid]}"


def commit_edits() -> None:
    """Make the latest editor results the bases (called before the editors would be re-created)."""
    ss = st.session_state
    if "gc_current" not in ss:
        return
    for tid in F.LIST_TABLES:
        if ss.gc_current[tid] is not ss.gc_base[tid]:
            ss.gc_base[tid] = ss.gc_current[tid]
            ss.gc_ver[tid] += 1


def goto(page: str) -> None:
    """Callback: switch page (the navigation radio reads ``gc_page``)."""
    commit_edits()
    st.session_state.gc_page = page


def frames() -> tuple[pd.DataFrame, ...]:
    ss = st.session_state
    return tuple(ss.gc_current[tid] for tid in F.LIST_TABLES)


def evaluation_cache() -> EvaluationCache:
    """The session's evaluations (kept in ``st.session_state``: per user, never pickled)."""
    ss = st.session_state
    if "gc_eval_cache" not in ss:
        ss.gc_eval_cache = EvaluationCache()
    return ss.gc_eval_cache


def current_evaluation() -> Evaluation:
    """Validation and results of what the form holds now (cached on a digest of the whole content)."""
    ss = st.session_state
    return evaluation_cache().evaluate(ss.gc_org, dict(zip(F.LIST_TABLES, frames())), ss.get("gc_factors"),
                                       derived=ss.get("gc_derived"))


def current_data() -> dict:
    from .engine import data_from_state

    ss = st.session_state
    return data_from_state(ss.gc_org, dict(zip(F.LIST_TABLES, frames())))


def lang() -> str:
    return st.session_state.get("gc_lang", "ja")


def source_label(lang_: str) -> str:
    from .texts import t

    source, name = st.session_state.get("gc_source", ("blank", ""))
    label = t(f"source_{source}", lang_)
    if not name:
        return label
    return f"{label}：{name}" if lang_ == "ja" else f"{label}: {name}"


def get(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)
