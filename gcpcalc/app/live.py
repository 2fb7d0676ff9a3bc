"""What the screens show while the form is being edited: the current evaluation and, when the data has
errors, the results of the last valid state of the same data (clearly marked), with the list of what to fix.

The last valid evaluation is remembered per loaded data set (``gc_org_ver`` changes whenever new data is
loaded), so the figures of the sample never stand in for a blank or uploaded assessment.
"""
from __future__ import annotations

import streamlit as st

from . import state
from .engine import Evaluation
from .texts import t

MAX_LISTED = 12


def evaluations() -> tuple[Evaluation, Evaluation | None]:
    """(current evaluation, last valid evaluation or None). The second is None when the current data is
    valid (then it is the one to show) or when this data set has never been valid."""
    ss = st.session_state
    current = state.current_evaluation()
    generation = ss.get("gc_org_ver")
    if current.ok and current.results is not None:
        ss.gc_last_valid = (generation, current)
        return current, None
    last = ss.get("gc_last_valid")
    if last is not None and last[0] == generation:
        return current, last[1]
    return current, None


def shown(current: Evaluation, last: Evaluation | None) -> Evaluation | None:
    """The evaluation whose figures the screens show: the current one when it has results, else the last
    valid one, else None."""
    if current.ok and current.results is not None:
        return current
    return last


def fix_list(current: Evaluation, lang: str) -> None:
    """The errors of the current data, the first :data:`MAX_LISTED` of them, each with its place."""
    errors = current.errors
    if not errors:
        return
    st.markdown(f"**{t('to_fix', lang)}**")
    from .form import display

    lines = ["- " + display(m, lang).replace("\n", " ") for m in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append("- " + t("more_errors", lang, n=len(errors) - MAX_LISTED))
    st.markdown("\n".join(lines))


def stale_notice(current: Evaluation, last: Evaluation | None, lang: str, show_list: bool = True) -> None:
    """The banner over figures that are not those of the current data (nothing when they are)."""
    if current.ok or not current.errors:
        return
    n = len(current.errors)
    if last is not None:
        st.warning(f"**{t('stale_head', lang)}** — " + t("stale_results", lang, n=n), icon=":material/history:")
    else:
        st.error(t("no_valid_yet", lang, n=n))
    if show_list:
        fix_list(current, lang)
