"""Upload of a filled template (ja or en) or a JSON assessment: every problem listed with its cell;
valid data goes into the form."""
from __future__ import annotations

import streamlit as st

from ..io import load_bytes, sha256_of
from . import state
from .form import messages_frame
from .results import render_kpis
from .texts import t
from .widgets import file_uploader, max_upload_mb


@st.cache_data(show_spinner=False, max_entries=4)
def read_upload(data: bytes, name: str):
    """(assessment JSON form or None, messages) of an uploaded file; never raises.

    The file is parsed in a child process with memory and time limits (:mod:`gcpcalc.intake`), the same
    path as the command line: a hostile upload ends in a refusal, never in the end of the server."""
    try:
        loaded = load_bytes(data, name)
    except Exception:  # an importer failure is a message, not a traceback nor a library's text
        from ..excel.security import refusal
        from ..intake import texts  # noqa: F401  (the refusal's text)

        return None, [refusal("xlsx_unexpected", name)]
    data_json = loaded.assessment.to_json_dict() if loaded.ok else None
    return data_json, loaded.messages


def render(lang: str) -> None:
    ss = st.session_state
    st.header(t("page_upload", lang))
    st.caption(t("upload_intro", lang))
    upload = file_uploader(t("upload_label", lang), ["xlsx", "xlsm", "json"], "gc_upload",
                           t("upload_drop", lang), t("upload_limit", lang, mb=max_upload_mb()),
                           t("upload_button", lang))
    if upload is None:
        return
    data = upload.getvalue()
    digest = sha256_of(data)
    data_json, messages = read_upload(data, upload.name)
    if data_json is not None and ss.get("gc_loaded_sha") != digest:
        state.load_data(data_json, "upload", upload.name)
        ss.gc_loaded_sha = digest
    errors = [m for m in messages if m.severity == "error"]
    if data_json is not None:
        st.success(t("upload_loaded", lang, name=upload.name))
        c1, c2 = st.columns(2)
        c1.button(t("go_form", lang), on_click=state.goto, args=("form",), key="gc_upload_go_form")
        c2.button(t("go_results", lang), on_click=state.goto, args=("results",), key="gc_upload_go_results")
    else:
        st.error(t("upload_failed", lang, name=upload.name))
    if messages:
        st.markdown("**" + t("upload_problems", lang, name=upload.name, n=len(messages)) + "**")
        st.dataframe(messages_frame(messages, lang), hide_index=True, width="stretch", key="gc_upload_msgs",
                     placeholder="")
        for m in errors[:10]:
            st.error(m.display(lang))
    if data_json is not None:
        evaluation = state.current_evaluation()
        if evaluation.results is not None:
            currency = evaluation.assessment.organisation.get("currency") or ""
            render_kpis(evaluation.results, lang, currency)
