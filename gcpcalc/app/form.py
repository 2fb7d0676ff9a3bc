"""The input form: organisation fields, then one ``st.data_editor`` per list table.

Columns, drop-downs, ranges, defaults and help all come from :data:`gcpcalc.fields.TABLES`; the
validation is :func:`gcpcalc.models.validate_assessment` (through the cached evaluation), shown under
each table with row and field in the chosen language.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from .. import fields as F
from ..i18n import enum_label
from ..units import allowed_units
from . import state
from .texts import t


def table_help(table: F.Table, lang: str) -> str:
    return table.help_ja if lang == "ja" else table.help_en


def _help(f: F.Field, lang: str) -> str:
    parts = [f.help(lang) or f.label(lang)]
    if f.minimum is not None or f.maximum is not None:
        lo = "" if f.minimum is None else (f"> {f.minimum:g}" if f.exclusive_minimum else f"≥ {f.minimum:g}")
        hi = "" if f.maximum is None else f"≤ {f.maximum:g}"
        parts.append(" ".join(x for x in (lo, hi) if x))
    if f.required:
        parts.append("必須" if lang == "ja" else "required")
    if f.required_when_text(lang):
        parts.append(f.required_when_text(lang))
    return " / ".join(parts)


def column_config(table: F.Table, lang: str) -> dict:
    """``st.data_editor`` column configuration of a list table, from the dictionary."""
    cfg: dict = {}
    for f in table.fields:
        label = f.label(lang) + (" *" if f.required else "")
        help_ = _help(f, lang)
        if f.kind in ("number", "percent"):
            lo = f.minimum if (f.minimum is not None and not f.exclusive_minimum) else None
            cfg[f.id] = st.column_config.NumberColumn(label, help=help_, min_value=lo, max_value=f.maximum,
                                                      default=f.default)
        elif f.kind == "bool":
            cfg[f.id] = st.column_config.CheckboxColumn(label, help=help_, default=bool(f.default))
        elif f.kind == "enum":
            cfg[f.id] = st.column_config.SelectboxColumn(label, help=help_, options=list(f.allowed),
                                                         default=f.default,
                                                         format_func=lambda v, _l=lang: enum_label(v, _l))
        elif f.kind == "unit":
            cfg[f.id] = st.column_config.SelectboxColumn(label, help=help_, options=list(allowed_units(f.unit_kind)),
                                                         default=f.default)
        else:
            cfg[f.id] = st.column_config.TextColumn(label, help=help_, default=f.default)
    return cfg


def messages_frame(messages, lang: str) -> pd.DataFrame:
    """Messages as a table: location (table/row/field or cell), severity, text in ``lang``."""
    rows = []
    for m in messages:
        table = F.TABLES.get(m.table) if m.table else None
        field_label = ""
        if table is not None and m.field and m.field in table.field_ids:
            field_label = table.field(m.field).label(lang)
        rows.append({
            t("where", lang): m.location or "",
            t("row", lang): m.row if m.row is not None else None,
            t("field", lang): field_label or (m.field or ""),
            t("severity", lang): t(m.severity, lang) if m.severity in ("error", "warning", "info") else m.severity,
            t("message", lang): m.text(lang),
        })
    df = pd.DataFrame(rows)
    if len(df) and df[t("where", lang)].eq("").all():
        df = df.drop(columns=[t("where", lang)])
    if len(df) and df[t("row", lang)].isna().all():
        df = df.drop(columns=[t("row", lang)])
    elif len(df):
        df[t("row", lang)] = df[t("row", lang)].astype("Int64")
    return df


def show_messages(messages, lang: str, key: str) -> None:
    errors = [m for m in messages if m.severity == "error"]
    if not messages:
        st.caption(":green[" + t("table_ok", lang) + "]")
        return
    if errors:
        st.error(t("n_errors", lang, n=len(errors)))
    for m in messages[:20]:
        (st.error if m.severity == "error" else st.warning)(m.display(lang, where=_where(m, lang)))
    if len(messages) > 20:
        st.dataframe(messages_frame(messages, lang), hide_index=True, key=key)


def _where(m, lang: str) -> str:
    if m.location:
        return m.location
    table = F.TABLES.get(m.table) if m.table else None
    if table is None:
        return ""
    s = table.label(lang)
    if m.row is not None:
        s += f" {m.row}行目" if lang == "ja" else f", row {m.row}"
    if m.field and m.field in table.field_ids:
        label = table.field(m.field).label(lang)
        if label not in m.text(lang):  # most texts name their field already
            s += f"「{label}」" if lang == "ja" else f", {label}"
    return s


def _org_widget(f: F.Field, value, lang: str, key: str):
    label = f.label(lang) + (" *" if f.required else "")
    help_ = _help(f, lang)
    if f.kind == "date":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                value = None
        return st.date_input(label, value=value, help=help_, key=key, format="YYYY-MM-DD")
    if f.kind == "enum":
        options = list(f.allowed)
        index = options.index(value) if value in options else None
        return st.selectbox(label, options, index=index, help=help_, key=key,
                            format_func=lambda v: enum_label(v, lang), placeholder=t("none_option", lang))
    if f.kind in ("number", "percent"):
        try:
            value = None if value is None else float(value)
        except (TypeError, ValueError):
            value = None
        return st.number_input(label, value=value, min_value=f.minimum, max_value=f.maximum, help=help_, key=key,
                               format="%.0f" if f.unit == "currency" else "%g")
    return st.text_input(label, value="" if value is None else str(value), help=help_, key=key) or None


def render_table(tid: str, lang: str) -> pd.DataFrame:
    """The editor of one list table; returns the edited frame (also kept in the state)."""
    ss = st.session_state
    table = F.TABLES[tid]
    key = state.editor_key(tid)
    if key not in ss and ss.gc_current[tid] is not ss.gc_base[tid]:
        # the editor was not on screen in the last run: start it from the latest content
        ss.gc_base[tid] = ss.gc_current[tid]
    edited = st.data_editor(
        ss.gc_base[tid], key=key, num_rows="dynamic", hide_index=True, width="stretch",
        column_config=column_config(table, lang), column_order=list(table.field_ids),
    )
    ss.gc_current[tid] = edited
    return edited


def render(lang: str) -> None:
    st.header(t("page_form", lang))
    st.caption(t("form_intro", lang))
    # the editors are drawn first so that the evaluation below sees this run's edits
    org_box = st.container()
    table_boxes = {}
    for tid in F.LIST_TABLES:
        box = st.container()
        with box:
            table = F.TABLES[tid]
            st.subheader(table.label(lang))
            st.caption(table_help(table, lang))
            render_table(tid, lang)
            table_boxes[tid] = st.container()
    with org_box:
        # organisation widgets need the evaluation for their messages: evaluate after the tables,
        # using the organisation as it stands (its widgets write it back on this run)
        _render_org_then_messages(lang, table_boxes)


def _render_org_then_messages(lang: str, table_boxes: dict) -> None:
    ss = st.session_state
    st.subheader(F.ORGANISATION.label(lang))
    st.caption(table_help(F.ORGANISATION, lang))
    org = dict(ss.gc_org)
    cols = st.columns(3)
    for i, f in enumerate(F.ORGANISATION.fields):
        with cols[i % 3]:
            org[f.id] = _org_widget(f, org.get(f.id), lang, f"gc_org_{f.id}_{ss.gc_org_ver}_{lang}")
    ss.gc_org = org
    evaluation = state.current_evaluation()
    if evaluation.engine_error:
        st.warning(t("engine_missing", lang, detail=evaluation.engine_error))
    org_msgs = [m for m in evaluation.messages if m.table == "organisation"]
    show_messages(org_msgs, lang, "gc_msgs_organisation")
    other = [m for m in evaluation.messages if m.table is None]
    if other:
        show_messages(other, lang, "gc_msgs_other")
    for tid, box in table_boxes.items():
        with box:
            show_messages([m for m in evaluation.messages if m.table == tid], lang, f"gc_msgs_{tid}")
