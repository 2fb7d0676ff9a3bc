"""Downloads: the Excel disclosure report, the blank template, the current data as a filled template,
and JSON. The files are made by :mod:`gcpcalc.excel`; this module offers their bytes. A missing or failing part is shown as a message, never a traceback."""
from __future__ import annotations

import json
import time

import pandas as pd
import streamlit as st

from . import state
from .texts import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def report_bytes(assessment, results, lang: str) -> bytes:
    """The disclosure report, with the trend sheet when the store holds saved periods of the organisation."""
    from ..excel.report import report_bytes as _report_bytes
    from ..excel.report_trend import trend_sheet
    from ..store.trends import saved_trend

    trend = saved_trend(assessment.organisation["name"])
    extra = [trend_sheet(trend)] if trend is not None else []
    history = None
    if getattr(assessment, "resource_act", None):
        from ..japan import saved_history

        history = saved_history(assessment.organisation["name"])
    return _report_bytes(results=results, assessment=assessment, lang=lang, extra_sheets=extra, trend=trend,
                         japan_history=history)


def pdf_bytes(assessment, results, lang: str, progress=None) -> bytes:
    """The disclosure report as a typeset PDF (needs the ``[pdf]`` extra; LookupError when it is missing)."""
    from ..pdf import pdf_available, report_pdf_bytes
    from ..store.trends import saved_trend

    if pdf_available():
        raise LookupError(pdf_available())
    trend = saved_trend(assessment.organisation["name"])
    history = None
    if getattr(assessment, "resource_act", None):
        from ..japan import saved_history

        history = saved_history(assessment.organisation["name"])
    return report_pdf_bytes(results, assessment, lang=lang, trend=trend, progress=progress, japan_history=history)


def template_bytes(lang: str) -> bytes:
    from ..excel.template import template_bytes as _template_bytes

    return _template_bytes(lang=lang)


def filled_template_bytes(assessment, lang: str) -> bytes:
    from ..excel.template import assessment_to_template_bytes

    return assessment_to_template_bytes(assessment, lang=lang)


def json_bytes(assessment) -> bytes:
    return json.dumps(assessment.to_json_dict(), ensure_ascii=False, indent=2).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=8)
def _cached(kind: str, _assessment, _results, lang: str, content_key: str) -> bytes:
    """Bytes of one download; ``content_key`` names the content (the form state) for the cache."""
    if kind == "report":
        return report_bytes(_assessment, _results, lang)
    if kind == "template":
        return template_bytes(lang)
    if kind == "filled":
        return filled_template_bytes(_assessment, lang)
    return json_bytes(_assessment)


def file_name(kind: str, assessment, lang: str) -> str:
    org = (assessment.organisation.get("name") if assessment is not None else "") or "assessment"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in org)[:40] or "assessment"
    period = ""
    if assessment is not None and assessment.organisation.get("period_end"):
        period = "_" + str(assessment.organisation["period_end"])[:10]
    return {
        "report": f"circularity_report_{safe}{period}_{lang}.xlsx",
        "pdf": f"circularity_report_{safe}{period}_{lang}.pdf",
        "template": f"gcpcalc_template_{lang}.xlsx",
        "filled": f"gcpcalc_input_{safe}{period}_{lang}.xlsx",
        "json": f"gcpcalc_input_{safe}{period}.json",
    }[kind]


KINDS: tuple[tuple[str, str, bool, str], ...] = (
    # (kind, text key of its label, needs valid data, MIME type)
    ("report", "dl_report", True, XLSX),
    ("pdf", "dl_report_pdf", True, PDF),
    ("template", "dl_template", False, XLSX),
    ("filled", "dl_filled", True, XLSX),
    ("json", "dl_json", True, "application/json"),
)


def _size(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB" if n >= 100_000 else f"{max(1, round(n / 1000)):,} KB"


def _build(kind: str, label: str, evaluation, lang: str, content_key: str) -> tuple[bytes, float] | None:
    """Make one file now, with a progress indicator; None (after saying why) when it cannot be made."""
    started = time.perf_counter()
    with st.status(t("dl_building", lang, name=label), expanded=True) as status:
        bar = st.progress(5, text=t("dl_step_data", lang))
        try:
            if kind == "pdf":
                # typesetting reports its stages: the bar follows them
                bar.progress(10, text=t("dl_step_write", lang))
                data = pdf_bytes(evaluation.assessment, evaluation.results, lang,
                                 progress=lambda stage, f: bar.progress(int(10 + 85 * min(max(f, 0.0), 1.0)),
                                                                        text=t("dl_step_write", lang)))
            else:
                # for the report, the trend of saved periods is read first; writing the workbook is the long step
                bar.progress(25 if kind == "report" else 40, text=t("dl_step_write", lang))
                data = _cached(kind, evaluation.assessment, evaluation.results, lang, content_key)
        except Exception as exc:  # shown as a message: the rest of the page keeps working
            detail = t("not_available", lang) if isinstance(exc, LookupError) else f"{type(exc).__name__}: {exc}"
            status.update(label=t("dl_failed", lang, detail=detail), state="error")
            return None
        secs = time.perf_counter() - started
        bar.progress(100, text=t("dl_done", lang, name=label, size=_size(len(data)), secs=f"{secs:.1f}"))
        status.update(label=t("dl_done", lang, name=label, size=_size(len(data)), secs=f"{secs:.1f}"),
                      state="complete", expanded=False)
    return data, secs


def _offer(kind: str, label: str, evaluation, lang: str, content_key: str, needs_valid: bool, mime: str) -> None:
    """One file: a button that makes it (on demand: the page itself appears at once), then the button that
    saves it. A file made from other data than the current one is not offered."""
    ss = st.session_state
    built = ss.setdefault("gc_built", {})
    with st.container(border=True):
        st.markdown(f"**{label}**")
        if needs_valid and not evaluation.ok:
            st.button(t("dl_build", lang), disabled=True, key=f"gc_build_{kind}_disabled",
                      help=t("dl_needs_valid", lang))
            st.caption(t("dl_needs_valid", lang))
            return
        if kind in ("report", "pdf") and evaluation.results is None:
            st.button(t("dl_build", lang), disabled=True, key=f"gc_build_{kind}_disabled")
            st.caption(t("engine_missing", lang, detail=evaluation.engine_error or ""))
            return
        have = built.get(kind)
        fresh = have is not None and have[0] == (content_key, lang)
        if not fresh:
            if have is not None and have[0][1] == lang:
                st.caption(t("dl_stale", lang))
            slot = st.empty()
            if not slot.button(t("dl_build", lang), key=f"gc_build_{kind}", icon=":material/build:"):
                return
            slot.empty()  # the file is being made: its progress replaces the button
            made = _build(kind, label, evaluation, lang, content_key)
            if made is None:
                return
            built[kind] = ((content_key, lang), made[0], made[1])
            have = built[kind]
        else:
            st.caption(t("dl_done", lang, name=file_name(kind, evaluation.assessment, lang), size=_size(len(have[1])),
                         secs=f"{have[2]:.1f}"))
        st.download_button(label, have[1], file_name=file_name(kind, evaluation.assessment, lang), mime=mime,
                           key=f"gc_dl_{kind}", on_click="ignore", icon=":material/download:", type="primary")


def content_key_of(org: dict, frames) -> str:
    """A short name of the form's content: a file made for one content is not offered for another."""
    from .engine import org_json

    return org_json(org) + "|" + "|".join(str(int(pd.util.hash_pandas_object(f, index=False).sum())) for f in frames)


def render(lang: str) -> None:
    st.header(t("page_downloads", lang))
    st.caption(t("downloads_intro", lang))
    st.caption(state.source_label(lang))
    evaluation = state.current_evaluation()
    ss = st.session_state
    content_key = content_key_of(ss.gc_org, state.frames())
    if ss.get("gc_factors"):  # an uploaded emission factor file changes the report
        from ..io import sha256_of

        content_key += "|factors:" + sha256_of(ss.gc_factors[1])
    for kind, text_key, needs_valid, mime in KINDS:
        _offer(kind, t(text_key, lang), evaluation, lang, content_key if needs_valid else "", needs_valid, mime)
    from . import xbrl_downloads

    xbrl_downloads.render(evaluation, lang)
