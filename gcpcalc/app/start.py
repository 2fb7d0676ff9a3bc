"""The first screen: the loaded company (the sample on first start) with its headline KPIs, and the
choices: start blank, upload, continue a saved assessment, keep exploring."""
from __future__ import annotations

import streamlit as st

from . import state
from .results import render_kpis, status_banner
from .texts import t


def _start_blank() -> None:
    state.load_data(state.blank_data(), "blank")
    state.goto("form")


def _load_sample() -> None:
    data = state.sample_data()
    if data is not None:
        state.load_data(data, "sample", (data.get("organisation") or {}).get("name") or "")


def render(lang: str, store_available: bool) -> None:
    st.title(t("app_title", lang))
    st.caption(t("start_intro", lang))
    st.markdown(f"**{t('current_data', lang)}** — {state.source_label(lang)}")
    from . import live

    current, last = live.evaluations()
    shown = live.shown(current, last)
    if current.errors:
        live.stale_notice(current, last, lang, show_list=False)
        st.button(t("go_form", lang), on_click=state.goto, args=("form",), key="gc_banner_go_form")
    elif not status_banner(current, lang):
        shown = None
    if shown is not None and shown.results is not None:
        currency = shown.assessment.organisation.get("currency") or ""
        render_kpis(shown.results, lang, currency, stale=shown is not current)
        from .japan_page import teaser  # one line on the Resource Act, with a way to the Japan page

        teaser(shown.assessment, lang)
    st.subheader(t("what_next", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.button(t("start_blank", lang), help=t("start_blank_help", lang), on_click=_start_blank,
              key="gc_start_blank", width="stretch", icon=":material/edit_note:")
    c2.button(t("start_upload", lang), help=t("start_upload_help", lang), on_click=state.goto, args=("upload",),
              key="gc_start_upload", width="stretch", icon=":material/upload_file:")
    c3.button(t("start_store", lang), help=t("start_store_help", lang) if store_available else t("not_available", lang),
              on_click=state.goto, args=("store",), key="gc_start_store", width="stretch",
              disabled=not store_available, icon=":material/folder_open:")
    c4.button(t("start_sample", lang), help=t("start_sample_help", lang), on_click=state.goto, args=("results",),
              key="gc_start_sample", width="stretch", icon=":material/insights:")
    if state.get("gc_source", ("", ""))[0] != "sample" and state.sample_data() is not None:
        st.button(t("reload_sample", lang), on_click=_load_sample, key="gc_reload_sample")
