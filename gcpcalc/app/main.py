"""Page layout and navigation of the Streamlit app (``app_streamlit.py`` calls :func:`main`)."""
from __future__ import annotations

import importlib
import importlib.util
import inspect

import streamlit as st

from . import downloads, form, results, start, state, upload
from .texts import t

LANG_LABELS = {"ja": "日本語", "en": "English"}


def _optional_page(name: str):
    """``gcpcalc.app.<name>`` if it is installed, else None."""
    full = f"gcpcalc.app.{name}"
    if importlib.util.find_spec(full) is None:
        return None
    return importlib.import_module(full)


def _call_render(module, lang: str) -> None:
    """Call ``module.render`` with the arguments its signature asks for."""
    evaluation = state.current_evaluation()
    offered = {
        "lang": lang,
        "assessment": evaluation.assessment,
        "results": evaluation.results,
        "current_assessment": evaluation.assessment,
        "load_assessment": state.load_assessment,
        "on_load": state.load_assessment,
    }
    params = inspect.signature(module.render).parameters
    args = [lang]
    kwargs = {k: v for k, v in offered.items() if k in params and k != "lang"}
    first = next(iter(params), None)
    if first != "lang" and first is not None:
        kwargs.pop(first, None)
    chosen = module.render(*args, **kwargs)
    if chosen is not None and hasattr(chosen, "to_json_dict"):  # the store page returns what to load
        state.load_assessment(chosen, "store")


def _sidebar():
    ss = st.session_state
    with st.sidebar:
        st.radio("言語 / Language", list(LANG_LABELS), format_func=LANG_LABELS.get, key="gc_lang",
                 horizontal=True, on_change=state.commit_edits)
        lang = ss.gc_lang
        # the radio's label and captions change with the language, which makes it a new widget: hand it the
        # page explicitly so that switching the language keeps the page
        ss.gc_page = ss.get("gc_page", "start") if ss.get("gc_page") in state.PAGES else "start"
        st.radio(t("navigation", lang), state.PAGES, key="gc_page", on_change=state.commit_edits,
                 format_func=lambda p: t(f"page_{p}", lang))
        st.divider()
        status = st.container()
    return lang, status


def _status(lang: str, box) -> None:
    """The loaded data and its validity, after the page ran (so this run's edits count)."""
    with box:
        st.caption(t("current_data", lang))
        st.markdown(state.source_label(lang))
        from . import live

        evaluation, _ = live.evaluations()  # also remembers the last valid results of this data
        if evaluation.errors:
            st.error(t("n_errors_total", lang, n=len(evaluation.errors)))
        elif evaluation.ok:
            st.success(t("all_valid", lang))


@st.cache_resource(show_spinner=False)
def _readers_started() -> bool:
    """The reading process for uploads started once per server, when the first page opens (see
    :func:`gcpcalc.intake.isolate.prestart`): the first upload does not wait for it."""
    from ..intake import isolate

    try:
        isolate.prestart()
    except Exception:  # noqa: BLE001 - the first upload starts it instead
        return False
    return True


def main() -> None:
    st.set_page_config(page_title="gcpcalc", page_icon="♻️", layout="wide")
    _readers_started()
    state.init()
    lang, status_box = _sidebar()
    from .widgets import uploader_texts

    uploader_texts(lang)  # every file uploader of the page speaks the page's language
    page = st.session_state.gc_page
    try:
        if page == "start":
            start.render(lang, _optional_page("store_page") is not None)
        elif page == "form":
            form.render(lang)
        elif page == "upload":
            upload.render(lang)
        elif page == "results":
            results.render(lang)
        elif page == "downloads":
            downloads.render(lang)
        else:
            module = _optional_page(f"{page}_page")
            if module is None:
                st.header(t(f"page_{page}", lang))
                st.info(t("not_available", lang))
            else:
                _call_render(module, lang)
    except Exception as exc:  # never a traceback on screen: the message, in the chosen language
        if type(exc).__name__ in ("RerunException", "StopException"):
            raise
        st.error(t("page_failed", lang, detail=f"{type(exc).__name__}: {exc}"))
    _status(lang, status_box)
