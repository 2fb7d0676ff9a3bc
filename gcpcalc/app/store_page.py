"""The app's page of saved assessments: save, continue, history with diff, restore, trend and targets.

``render(lang, current_assessment)`` draws the page and returns an :class:`~gcpcalc.models.Assessment`
when the user asks to continue a saved assessment or to open an older revision (and hands it to
``load_assessment`` when the app passes that callback). The database is the store's default (or
``st.session_state["gc_db_url"]`` when set). Every number comes from :mod:`gcpcalc.store`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pandas as pd
import streamlit as st

from ..store import KEY_INDICATORS, Store, StoreError, Target, default_url, trend_data
from ..store.trends import indicator_meta, status_label

#: key -> (en, ja)
TEXTS: dict[str, tuple[str, str]] = {
    "db": ("Database", "データベース"),
    "db_failed": ("The store cannot be used: {detail}", "保存先を使用できません：{detail}"),
    "save_head": ("Save the current assessment", "現在の評価を保存"),
    "author": ("Author", "作成者"),
    "comment": ("Comment (what changed)", "コメント（変更内容）"),
    "save": ("Save as a new revision", "新しいリビジョンとして保存"),
    "saved": ("Saved '{name}' (period ending {period}) as revision {n}.",
              "「{name}」（期末 {period}）をリビジョン {n} として保存しました。"),
    "cannot_save": ("Fix the errors of the current data before saving.", "保存する前に現在のデータのエラーを修正してください。"),
    "saved_head": ("Saved assessments", "保存済みの評価"),
    "none_saved": ("Nothing saved yet.", "まだ保存されたデータはありません。"),
    "choose": ("Assessment", "評価"),
    "continue": ("Continue this assessment (latest revision)", "この評価を続ける（最新リビジョン）"),
    "loaded": ("Loaded '{name}' (period ending {period}), revision {n}.",
               "「{name}」（期末 {period}）のリビジョン {n} を読み込みました。"),
    "history_head": ("History", "履歴"),
    "revision": ("Revision", "リビジョン"),
    "saved_at": ("Saved at ({tz})", "保存日時（{tz}）"),
    "input_sha": ("Input SHA-256", "入力ファイル SHA-256"),
    "open_rev": ("Open this revision in the form", "このリビジョンをフォームで開く"),
    "restore_rev": ("Restore it as the newest revision", "最新リビジョンとして復元"),
    "restored": ("Revision {old} restored as revision {n}.", "リビジョン {old} をリビジョン {n} として復元しました。"),
    "diff_head": ("Compare revisions", "リビジョンの比較"),
    "from": ("From", "比較元"),
    "to": ("To", "比較先"),
    "diff_counts": ("{added} added, {removed} removed, {changed} changed",
                    "追加 {added}、削除 {removed}、変更 {changed}"),
    "no_change": ("No difference.", "差分はありません。"),
    "trend_head": ("Trend and targets", "推移と目標"),
    "period_end": ("Period end", "期末"),
    "targets_head": ("Targets", "目標"),
    "target_add": ("Set a target", "目標を設定"),
    "indicator": ("Indicator", "指標"),
    "target_year": ("Target fiscal year (year the period starts in)", "目標年度（報告期間の開始年）"),
    "target_value": ("Target value", "目標値"),
    "baseline_year": ("Baseline fiscal year (0 = first saved period)", "基準年度（0＝最初に保存した年度）"),
    "baseline_value": ("Baseline value (blank = its saved value)", "基準値（空欄＝保存値）"),
    "target_saved": ("Target saved.", "目標を保存しました。"),
    "target": ("Target", "目標"),
    "baseline": ("Baseline", "基準値"),
    "latest": ("Latest", "最新値"),
    "path": ("Straight-line path", "計画線（直線）"),
    "progress": ("Progress (%)", "進捗率（%）"),
    "status": ("Status", "状況"),
}


def tx(key: str, lang: str, **kw) -> str:
    en, ja = TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def target_period_end(periods: list[dict], year: int) -> str:
    """The end date (ISO) of the period of fiscal year ``year`` (the year the period starts in), on the
    calendar of the latest saved period: FY2030 of an April–March company ends on 2031-03-31, of a
    January–December one on 2030-12-31. Without a saved period, 31 December of that year."""
    if not periods:
        return f"{year}-12-31"
    last = periods[-1]
    end = dt.date.fromisoformat(last["period_end"])
    shift = year - int(last["year"])
    try:
        return end.replace(year=end.year + shift).isoformat()
    except ValueError:  # 29 February in a year that has none
        return end.replace(year=end.year + shift, day=28).isoformat()


def trend_figure(trend: dict, lang: str):
    """Plotly line chart of the key % indicators per period end, with each % target as a marker."""
    import plotly.graph_objects as go

    key = "label_ja" if lang == "ja" else "label_en"
    x = [p["period_end"] for p in trend["periods"]]
    fig = go.Figure()
    for ind in trend["indicators"]:
        if ind["unit"] != "%" or all(v is None for v in ind["values"]):
            continue
        fig.add_trace(go.Scatter(x=x, y=ind["values"], mode="lines+markers", name=ind[key], connectgaps=False))
    for t in trend["targets"]:
        if t.get("unit") != "%":
            continue
        fig.add_trace(go.Scatter(
            x=[target_period_end(trend["periods"], t["target_year"])], y=[t["target_value"]], mode="markers",
            marker={"symbol": "star", "size": 14},
            name=(f"{tx('target', lang)}：{t[key]}（{t['target_year']}年度）" if lang == "ja"
                  else f"{tx('target', lang)}: {t[key]} ({t['target_year']})")))
    # the legend above the plot: below it, its rows would cover the x axis title
    fig.update_layout(yaxis_title="%", xaxis_title=tx("period_end", lang),
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    # dates as dates: with one period plotly would zoom into milliseconds around the single point
    dates = sorted({str(v)[:10] for tr in fig.data for v in (tr.x or ())})
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", dtick="M12" if len(dates) < 2 else None)
    if len(dates) == 1:
        day = dt.date.fromisoformat(dates[0])
        fig.update_xaxes(range=[(day - dt.timedelta(days=200)).isoformat(), (day + dt.timedelta(days=200)).isoformat()])
    return fig


def _targets_frame(trend: dict, lang: str) -> pd.DataFrame:
    key = "label_ja" if lang == "ja" else "label_en"
    rows = [{
        tx("indicator", lang): t[key], tx("target_year", lang): "" if t["target_year"] is None else str(t["target_year"]),
        tx("target", lang): t["target_value"],
        tx("baseline", lang): t["baseline_value"], tx("latest", lang): t["latest_value"],
        tx("path", lang): t["path_value"], tx("progress", lang): t["progress_pct"],
        tx("status", lang): status_label(t["status"], lang),
    } for t in trend["targets"]]
    return pd.DataFrame(rows)


def targets_column_config(lang: str) -> dict:
    """How the targets table shows its figures: every value with two decimals (a % or a ratio alike, so that a
    column reads evenly: 48.40, 48.41, 60.00) and the progress with one; the frame keeps the full values."""
    values = {tx(k, lang): st.column_config.NumberColumn(tx(k, lang), format="%.2f")
              for k in ("target", "baseline", "latest", "path")}
    values[tx("progress", lang)] = st.column_config.NumberColumn(tx("progress", lang), format="%.1f")
    return values


JST = dt.timezone(dt.timedelta(hours=9), "JST")


def display_zone(lang: str) -> tuple[dt.tzinfo, str]:
    """The time zone times are shown in: the browser's when Streamlit knows it, else JST on Japanese pages
    and UTC on English ones; with its name for the column heading."""
    name = None
    try:
        name = st.context.timezone
    except Exception:  # no browser context (tests, bare mode)
        name = None
    if name:
        try:
            from zoneinfo import ZoneInfo

            zone = ZoneInfo(name)
            if name in ("Asia/Tokyo", "Japan"):
                return zone, "JST" if lang == "ja" else "JST, UTC+9"
            return zone, name
        except Exception:  # an unknown zone name: fall back below
            pass
    if lang == "ja":
        return JST, "JST"
    return dt.timezone.utc, "UTC"


def local_time(when: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``when`` (stored in UTC; naive values are UTC) in ``zone``."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(zone)


def _hand_over(assessment, load_assessment: Callable | None, name: str):
    if load_assessment is not None:
        try:
            load_assessment(assessment, "store", name)
        except TypeError:
            load_assessment(assessment)
    return assessment


def render(lang: str, current_assessment=None, load_assessment: Callable | None = None, assessment=None):
    """Draw the page; return the assessment to load into the app, if the user chose one."""
    lang = "ja" if lang == "ja" else "en"
    from .texts import t

    st.header(t("page_store", lang))
    current = current_assessment if current_assessment is not None else assessment
    url = st.session_state.get("gc_db_url") or default_url()
    try:
        store = _store(url)
    except StoreError as exc:
        st.error(tx("db_failed", lang, detail=exc.text(lang)))
        return None
    chosen: Any = None
    try:
        _save_section(store, lang, current)
        chosen = _saved_section(store, lang, load_assessment)
    except StoreError as exc:
        st.error(exc.text(lang))
    return chosen


def _save_section(store: Store, lang: str, current) -> None:
    st.subheader(tx("save_head", lang))
    c1, c2 = st.columns([1, 2])
    author = c1.text_input(tx("author", lang), key="gcs_author")
    comment = c2.text_input(tx("comment", lang), key="gcs_comment")
    if st.button(tx("save", lang), key="gcs_save", type="primary", disabled=current is None):
        info = store.save(current, author=author, comment=comment,
                          input_sha256=st.session_state.get("gc_loaded_sha") or "")
        st.success(tx("saved", lang, name=info.name, period=info.period_end, n=info.number))
    if current is None:
        st.info(tx("cannot_save", lang))


def _saved_section(store: Store, lang: str, load_assessment):
    st.subheader(tx("saved_head", lang))
    items = store.list_assessments()
    if not items:
        st.info(tx("none_saved", lang))
        return None
    labels = [f"{i.name} — {i.period_end} (#{i.latest_revision})" for i in items]
    idx = st.selectbox(tx("choose", lang), range(len(items)), format_func=lambda k: labels[k], key="gcs_pick")
    item = items[idx if idx is not None else 0]
    chosen = None
    if st.button(tx("continue", lang), key="gcs_continue"):
        a = store.load(item.name, item.period_end)
        st.success(tx("loaded", lang, name=item.name, period=item.period_end, n=item.latest_revision))
        chosen = _hand_over(a, load_assessment, item.name)

    st.subheader(tx("history_head", lang))
    history = store.history(item.name, item.period_end)
    tz, tz_name = display_zone(lang)
    st.dataframe(pd.DataFrame([{
        tx("revision", lang): h.number, tx("saved_at", lang, tz=tz_name): local_time(h.saved_at, tz).strftime(
            "%Y-%m-%d %H:%M:%S"),
        tx("author", lang): h.author, tx("comment", lang): h.comment, tx("input_sha", lang): h.input_sha256[:16],
    } for h in history]), hide_index=True, width="stretch", placeholder="")
    numbers = [h.number for h in history]
    rev = st.selectbox(tx("revision", lang), numbers, index=len(numbers) - 1, key="gcs_rev")
    c1, c2 = st.columns(2)
    if c1.button(tx("open_rev", lang), key="gcs_open"):
        a = store.load(item.name, item.period_end, rev)
        st.success(tx("loaded", lang, name=item.name, period=item.period_end, n=rev))
        chosen = _hand_over(a, load_assessment, item.name)
    if c2.button(tx("restore_rev", lang), key="gcs_restore"):
        info = store.restore(item.name, item.period_end, rev, author=st.session_state.get("gcs_author") or "")
        st.success(tx("restored", lang, old=rev, n=info.number))
        chosen = _hand_over(store.load(item.name, item.period_end), load_assessment, item.name)

    if len(numbers) > 1:
        st.subheader(tx("diff_head", lang))
        d1, d2 = st.columns(2)
        r1 = d1.selectbox(tx("from", lang), numbers, index=len(numbers) - 2, key="gcs_r1")
        r2 = d2.selectbox(tx("to", lang), numbers, index=len(numbers) - 1, key="gcs_r2")
        diff = store.diff(item.name, item.period_end, r1, r2)
        if diff.empty:
            st.caption(tx("no_change", lang))
        else:
            st.markdown(tx("diff_counts", lang, **diff.counts))
            st.code("\n".join(diff.lines(lang)), language=None)

    _trend_section(store, lang, item.name)
    return chosen


def _trend_section(store: Store, lang: str, name: str) -> None:
    st.subheader(tx("trend_head", lang))
    with st.expander(tx("target_add", lang)):
        ids = list(KEY_INDICATORS)
        key = "label_ja" if lang == "ja" else "label_en"
        iid = st.selectbox(tx("indicator", lang), ids, format_func=lambda i: indicator_meta(i)[key], key="gcs_t_ind")
        c1, c2, c3, c4 = st.columns(4)
        year = c1.number_input(tx("target_year", lang), min_value=2000, max_value=2100,
                               value=dt.date.today().year + 5, step=1, key="gcs_t_year")
        value = c2.number_input(tx("target_value", lang), value=30.0, key="gcs_t_value")
        byear = c3.number_input(tx("baseline_year", lang), min_value=0, max_value=2100, value=0, step=1,
                                key="gcs_t_byear")
        bvalue = c4.text_input(tx("baseline_value", lang), key="gcs_t_bvalue")
        if st.button(tx("target_add", lang), key="gcs_t_save"):
            try:
                bv = float(bvalue.replace(",", "")) if bvalue.strip() else None
            except ValueError:
                bv = None
            store.set_target(Target(name, iid, int(year), float(value), int(byear) or None, bv))
            st.success(tx("target_saved", lang))
    trend = trend_data(store, name)
    st.plotly_chart(trend_figure(trend, lang), use_container_width=True, key="gcs_trend_chart")
    if trend["targets"]:
        st.caption(tx("targets_head", lang))
        st.dataframe(_targets_frame(trend, lang), hide_index=True, use_container_width=True,
                     column_config=targets_column_config(lang))
