"""The input form: organisation fields, then one ``st.data_editor`` per list table.

Columns, drop-downs, ranges, defaults and help all come from :data:`gcpcalc.fields.TABLES`; the
validation is :func:`gcpcalc.models.validate_assessment` (through the cached evaluation), shown under
each table with row and field in the chosen language.
"""
from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import streamlit as st

from .. import fields as F
from ..i18n import enum_label
from ..units import allowed_units
from . import state
from .engine import number_text
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


def column_config(table: F.Table, lang: str, frame: pd.DataFrame | None = None) -> dict:
    """``st.data_editor`` column configuration of a list table, from the dictionary.

    Numbers are edited as text: a number column would silently change what is typed (its editor drops a
    leading "-" and clamps to a range: -5 became 5, 150 % became 100 %). The ranges are in the help and
    checked by the validation, which names the typed value.
    Text fields with suggested values (material, carrier) are drop-downs showing the values' labels; the
    frame's own other values stay selectable. The index column shows the row number the messages use."""
    cfg: dict = {"_index": st.column_config.NumberColumn(t("row", lang), format="%d", width="small")}
    for f in table.fields:
        label = f.label(lang) + (" *" if f.required else "")
        help_ = _help(f, lang)
        if f.kind in ("number", "percent"):
            default = None if f.default is None else number_text(f.default)
            cfg[f.id] = st.column_config.TextColumn(label, help=help_, default=default, alignment="right")
        elif f.kind == "bool":
            cfg[f.id] = st.column_config.CheckboxColumn(label, help=help_, default=bool(f.default))
        elif f.kind == "enum":
            cfg[f.id] = st.column_config.SelectboxColumn(label, help=help_, options=list(f.allowed),
                                                         default=f.default,
                                                         format_func=lambda v, _l=lang: enum_label(v, _l))
        elif f.kind == "unit":
            cfg[f.id] = st.column_config.SelectboxColumn(label, help=help_, options=list(allowed_units(f.unit_kind)),
                                                         default=f.default)
        elif f.suggested:
            options = list(f.suggested)
            if frame is not None and f.id in frame.columns:
                options += sorted({str(v) for v in frame[f.id].dropna().unique() if str(v) not in options
                                   and str(v).strip()})
            cfg[f.id] = st.column_config.SelectboxColumn(label, help=help_, options=options, default=f.default,
                                                         format_func=lambda v, _l=lang: enum_label(v, _l))
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
            # an importer message names its cell (sheet row included): no second, different row number
            t("row", lang): display_row(m) if m.row is not None and not m.location else None,
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


def row_labels(tid: str) -> list:
    """The row number shown in the editor of each row the validation sees (rows left blank are not
    validated, so the n-th validated row is not always the n-th row on screen)."""
    ss = st.session_state
    df = ss.get("gc_current", {}).get(tid)
    if df is None:
        return []
    cache = ss.setdefault("gc_rowmap", {})
    hit = cache.get(tid)
    if hit is not None and hit[0] is df:
        return hit[1]
    table = F.TABLES[tid]
    cols = [c for c in table.field_ids if c in df.columns and table.field(c).kind != "bool"]
    if len(df) == 0 or not cols:
        labels = []
    else:
        part = df[cols]
        blank = part.isna() | part.apply(lambda c: c.astype(str).str.strip().eq("") if c.dtype == object
                                         else pd.Series(False, index=c.index))
        labels = [i for i, b in zip(df.index, blank.all(axis=1)) if not b]
    cache[tid] = (df, labels)
    return labels


def display_row(m):
    """The row number of message ``m`` as the editor shows it (the validation's count when unknown)."""
    if m.row is None or m.table not in F.LIST_TABLES or "gc_current" not in st.session_state:
        return m.row
    labels = row_labels(m.table)
    if 1 <= m.row <= len(labels):
        try:
            return int(labels[m.row - 1])
        except (TypeError, ValueError):
            return labels[m.row - 1]
    return m.row


def show_messages(messages, lang: str, key: str) -> None:
    errors = [m for m in messages if m.severity == "error"]
    if not messages:
        st.caption(":green[" + t("table_ok", lang) + "]")
        return
    if errors:
        st.error(t("n_errors", lang, n=len(errors)))
    for m in messages[:20]:
        (st.error if m.severity == "error" else st.warning)(display(m, lang))
    if len(messages) > 20:
        st.dataframe(messages_frame(messages, lang), hide_index=True, key=key, placeholder="")


def display(m, lang: str) -> str:
    """``place: text`` of message ``m`` in ``lang`` (a full-width colon in Japanese); the place is left out
    when the text already starts with it (the importer writes the cell into its texts)."""
    place = where_label(m, lang)
    text = m.text(lang)
    if not place or text.startswith(place):
        return text
    return f"{place}：{text}" if lang == "ja" else f"{place}: {text}"


def where_label(m, lang: str) -> str:
    """Where message ``m`` points, in ``lang``: the cell of an import, else table, row number as shown in
    the editor, and field."""
    if m.location:
        return m.location
    table = F.TABLES.get(m.table) if m.table else None
    if table is None:
        return ""
    s = table.label(lang)
    row = display_row(m)
    if row is not None:
        s += f" {row}行目" if lang == "ja" else f", row {row}"
    if m.field and m.field in table.field_ids:
        label = table.field(m.field).label(lang)
        if label not in m.text(lang):  # most texts name their field already
            s += f"「{label}」" if lang == "ja" else f", {label}"
    return s


def error_rows_view(tid: str, messages, lang: str, limit: int = 200):
    """The rows of table ``tid`` that have errors, as typed, with the cells to fix marked (a read-only
    view: the editor itself cannot colour a cell without starting again from its data)."""
    ss = st.session_state
    df = ss.gc_current.get(tid)
    if df is None or not len(df):
        return None
    labels = row_labels(tid)
    bad: dict = {}
    for m in messages:
        if m.severity != "error" or m.row is None or not (1 <= m.row <= len(labels)):
            continue
        bad.setdefault(labels[m.row - 1], set())
        if m.field and m.field in df.columns:
            bad[labels[m.row - 1]].add(m.field)
    if not bad:
        return None
    index = [i for i in df.index if i in bad][:limit]
    table = F.TABLES[tid]
    view = df.loc[index, [c for c in table.field_ids if c in df.columns]]

    def show(v, fid):
        f = table.field(fid)
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return ""
        if f.kind == "bool":
            return t("yes", lang) if v else t("no", lang)
        if f.kind == "enum" or f.suggested:
            return enum_label(str(v), lang)
        if isinstance(v, float):
            return f"{v:g}"
        return str(v)

    shown = pd.DataFrame({table.field(c).label(lang): [show(v, c) for v in view[c]] for c in view.columns},
                         index=pd.Index(view.index, name=t("row", lang)))
    col_of = {table.field(c).label(lang): c for c in view.columns}

    def mark(col):
        fid = col_of[col.name]
        return ["background-color: #ffd6d6; color: #8b0000; font-weight: 600" if fid in bad.get(i, ()) else ""
                for i in col.index]

    return shown.style.apply(mark, axis=0)


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
        # a text box: what is typed is kept as typed (a number box would clamp it to its range);
        # numbers read with thousands separators, the validation checks them and names the typed value
        shown = format_number(value)
        typed = st.text_input(label, value=shown, help=help_, key=key)
        return value if typed == shown else (typed or None)  # unchanged: the value itself, not its text
    return st.text_input(label, value="" if value is None else str(value), help=help_, key=key) or None


def format_number(value) -> str:
    """A number of the organisation record as text with thousands separators (text stays as typed)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v != v:  # NaN
        return ""
    return f"{v:,.0f}" if v.is_integer() else f"{v:,}"


#: a table longer than this is edited a page of this many rows at a time: the browser receives and the
#: server serialises one page on every run, not the whole table
PAGE_ROWS = 1000


def _page_of_rows(tid: str, n: int, lang: str) -> int:
    """The page of rows to edit (from 1), chosen above the editor of a long table. Choosing another page
    first makes the edits so far part of the table (the editor of the new page starts from them)."""
    pages = -(-n // PAGE_ROWS)
    key = f"gc_rows_{tid}"
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = 1

    def label(p: int) -> str:
        a, b = (p - 1) * PAGE_ROWS + 1, min(n, p * PAGE_ROWS)
        return t("rows_range", lang, a=f"{a:,}", b=f"{b:,}")

    page = st.selectbox(t("rows_shown", lang, n=f"{n:,}"), list(range(1, pages + 1)), format_func=label,
                        key=key, on_change=state.commit_edits)
    st.caption(t("rows_paged", lang, page=f"{PAGE_ROWS:,}"))
    return page


def _no_edits(key: str) -> bool:
    edits = st.session_state.get(key)
    return not edits or not (edits.get("edited_rows") or edits.get("added_rows") or edits.get("deleted_rows"))


def render_table(tid: str, lang: str) -> pd.DataFrame:
    """The editor of one list table (of one page of its rows when it is long); returns the edited frame of
    the whole table (also kept in the state)."""
    ss = st.session_state
    table = F.TABLES[tid]
    key = state.editor_key(tid)
    if key not in ss and not any(str(k).startswith(key + "_p") for k in ss):
        if ss.gc_current[tid] is not ss.gc_base[tid]:
            # the editor was not on screen in the last run: start it from the latest content
            ss.gc_base[tid] = ss.gc_current[tid]
        base = ss.gc_base[tid]
        n = len(base)
        if not (isinstance(base.index, pd.RangeIndex) and base.index.start == 1 and base.index.stop == n + 1):
            # rows numbered from 1 as the messages count them; rows added get the next numbers
            ss.gc_base[tid] = base.set_axis(pd.RangeIndex(1, n + 1))
            if ss.gc_current[tid] is base:
                ss.gc_current[tid] = ss.gc_base[tid]
    base = ss.gc_base[tid]
    n = len(base)
    part, first, last = base, 0, n
    if n > PAGE_ROWS:
        page = _page_of_rows(tid, n, lang)
        first, last = (page - 1) * PAGE_ROWS, min(n, page * PAGE_ROWS)
        part = base.iloc[first:last]
        key = f"{key}_p{page}"
    edited = st.data_editor(
        part, key=key, num_rows="dynamic", hide_index=False, width="stretch", placeholder="",
        column_config=column_config(table, lang, base), column_order=list(table.field_ids),
    )
    seen = ss.setdefault("gc_edits_seen", {})
    edits = ss.get(key)
    if _no_edits(key):
        # nothing edited: the table is the base itself (the same object: nothing to compare or hash)
        ss.gc_current[tid] = base
        ss.get("gc_derived", {}).pop(tid, None)
    elif tid in seen and seen[tid][0] == key and seen[tid][1] is base and seen[tid][2] == edits:
        # the same edits as in the last run (a rerun for another reason): the same table object as then
        ss.gc_current[tid] = seen[tid][3]
    else:
        derived = ss.setdefault("gc_derived", {})
        derived.pop(tid, None)
        if part is base:
            whole = edited
        else:
            whole = pd.concat([base.iloc[:first], edited, base.iloc[last:]])
            if len(edited) != len(part):  # rows added or deleted on this page: the rows after it move
                whole = whole.set_axis(pd.RangeIndex(1, len(whole) + 1))
            else:  # the evaluation compares this page's rows only (the others are the base's)
                derived[tid] = (whole, base, first, last)
        ss.gc_current[tid] = whole
        seen[tid] = (key, base, copy.deepcopy(edits), whole)
    return edited


def render(lang: str) -> None:
    st.header(t("page_form", lang))
    st.caption(t("form_intro", lang) + " " + t("grid_hint", lang))
    # the editors are drawn first so that the evaluation below sees this run's edits; the key figures and
    # the organisation come above them on the page
    kpi_box = st.container(border=True, key="gc_kpi_live")
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
    with kpi_box:
        render_live_kpis(lang)


def render_live_kpis(lang: str) -> None:
    """The headline figures of the data as it stands; while it has errors, those of the last valid state
    of the same data, marked as such, with what to fix."""
    from . import live
    from .results import render_kpis

    # compact tiles: the key figures stay in view above the form without pushing it down
    st.html("""<style>
.st-key-gc_kpi_live [data-testid="stMetricValue"] { font-size: 1.35rem; }
.st-key-gc_kpi_live [data-testid="stMetricLabel"] p { white-space: normal; font-size: 0.8rem; }
.st-key-gc_kpi_live [data-testid="stMetric"] { padding: 0.4rem 0.6rem; }
.st-key-gc_kpi_live h3 { font-size: 1.1rem; padding-top: 0; }
</style>""")
    current, last = live.evaluations()
    shown = live.shown(current, last)
    stale = shown is not None and shown is not current
    if shown is not None and shown.results is not None:
        currency = shown.assessment.organisation.get("currency") or ""
        render_kpis(shown.results, lang, currency, columns=5, title=t("kpi_live", lang), stale=stale)
    if current.errors:
        live.stale_notice(current, last, lang)


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
            msgs = [m for m in evaluation.messages if m.table == tid]
            show_messages(msgs, lang, f"gc_msgs_{tid}")
            view = error_rows_view(tid, msgs, lang) if any(m.severity == "error" for m in msgs) else None
            if view is not None:
                st.caption(t("rows_to_fix", lang) + " — " + t("typed_kept", lang))
                st.dataframe(view, width="stretch", key=f"gc_badrows_{tid}", placeholder="")
