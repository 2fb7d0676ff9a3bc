"""Downloads: the Excel disclosure report, the blank template, the current data as a filled template,
and JSON. The files are made by :mod:`gcpcalc.excel`; this module offers their bytes. A missing or failing part is shown as a message, never a traceback."""
from __future__ import annotations

import json

import streamlit as st

from . import state
from .texts import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_bytes(assessment, results, lang: str) -> bytes:
    """The disclosure report, with the trend sheet when the store holds saved periods of the organisation."""
    from ..excel.report import report_bytes as _report_bytes
    from ..excel.report_trend import trend_sheet
    from ..store.trends import saved_trend

    trend = saved_trend(assessment.organisation["name"])
    extra = [trend_sheet(trend)] if trend is not None else []
    return _report_bytes(results=results, assessment=assessment, lang=lang, extra_sheets=extra)


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
        "template": f"gcpcalc_template_{lang}.xlsx",
        "filled": f"gcpcalc_input_{safe}{period}_{lang}.xlsx",
        "json": f"gcpcalc_input_{safe}{period}.json",
    }[kind]


def _offer(kind: str, label: str, evaluation, lang: str, content_key: str, needs_valid: bool, mime: str) -> None:
    if needs_valid and not evaluation.ok:
        st.button(label, disabled=True, key=f"gc_dl_{kind}_disabled", help=t("dl_needs_valid", lang))
        st.caption(t("dl_needs_valid", lang))
        return
    if kind == "report" and evaluation.results is None:
        st.button(label, disabled=True, key=f"gc_dl_{kind}_disabled")
        st.caption(t("engine_missing", lang, detail=evaluation.engine_error or ""))
        return
    try:
        data = _cached(kind, evaluation.assessment, evaluation.results, lang, content_key)
    except Exception as exc:  # shown as a message: the rest of the page keeps working
        st.button(label, disabled=True, key=f"gc_dl_{kind}_disabled")
        detail = t("not_available", lang) if isinstance(exc, LookupError) else f"{type(exc).__name__}: {exc}"
        st.caption(t("dl_failed", lang, detail=detail))
        return
    st.download_button(label, data, file_name=file_name(kind, evaluation.assessment, lang), mime=mime,
                       key=f"gc_dl_{kind}", on_click="ignore", icon=":material/download:")


def render(lang: str) -> None:
    from .engine import org_json

    st.header(t("page_downloads", lang))
    st.caption(t("downloads_intro", lang))
    st.caption(state.source_label(lang))
    evaluation = state.current_evaluation()
    ss = st.session_state
    content_key = org_json(ss.gc_org) + "|" + "|".join(
        str(int(__import__("pandas").util.hash_pandas_object(f, index=False).sum())) for f in state.frames())
    _offer("report", t("dl_report", lang), evaluation, lang, content_key, True, XLSX)
    _offer("template", t("dl_template", lang), evaluation, lang, "", False, XLSX)
    _offer("filled", t("dl_filled", lang), evaluation, lang, content_key, True, XLSX)
    _offer("json", t("dl_json", lang), evaluation, lang, content_key, True, "application/json")
    from . import xbrl_downloads

    xbrl_downloads.render(evaluation, lang)
