"""Streamlit page: Japan's circular-economy rules, Japanese first.

* the amended Resource Act (改正資源有効利用促進法): which designated products are above the threshold, the
  recycled-plastic use rate per category and fiscal year, progress toward the target (with the store's
  history), and the 再生資源利用計画 / 定期報告 DRAFT by the items the law names, marked as a preparation aid;
* the Plastic Act design certification (設計認定) and Green Purchasing Act checks of the procurement lines;
* the ``jp.*`` figures (recycled plastic, domestic recycled content, critical minerals recovered).

Every number comes from :mod:`gcpcalc.japan`, :mod:`gcpcalc.procurement` and the indicator results.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ..i18n import enum_label

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Japan: Resource Act, design certification, domestic recycled material",
              "日本の制度対応（資源法・設計認定・国産再生材）"),
    "resource_act": ("Amended Resource Act: recycled-plastic use plan and periodic report",
                     "改正資源有効利用促進法：再生資源利用計画・定期報告"),
    "no_lines": ("The data has no Resource Act lines (sheet 'resource_act' / 「資源法 指定製品」).",
                 "資源法の指定製品の行がありません（シート「資源法 指定製品」に入力してください）。"),
    "no_assessment": ("No valid assessment is loaded.", "有効な評価データが読み込まれていません。"),
    "use_rate": ("Recycled-plastic use rate, {cat} FY{fy}", "再生プラスチック利用率：{cat}（{fy}年度）"),
    "design": ("Design certification and Green Purchasing Act checks", "設計認定・グリーン購入法の判断の基準"),
    "no_design": ("No procurement line is checked against a design-certification or Green Purchasing Act rule.",
                  "設計認定・グリーン購入法の基準で判定する行はありません。"),
    "indicators": ("Japan policy indicators (jp.*)", "日本の政策指標（jp.*）"),
    "no_indicators": ("The jp.* indicators are not available in this version.",
                      "このバージョンでは jp.* 指標を算定できません。"),
    "teaser": ("Amended Resource Act, recycled-plastic use rate: ", "改正資源有効利用促進法・再生プラスチック利用率："),
    "open_page": ("Japan: Resource Act page", "日本の制度（資源法）を開く"),
    "history_note": ("Fiscal years before this input are taken from the saved periods of the store.",
                     "今回の入力より前の年度は、保存済みデータから取得しています。"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


_DECIMALS = {"pct": 2, "t": 3, "num": 3}
_EVIDENCE = {"confirmed": ("confirmed", "確認済み"), "assumed": ("assumed", "仮定"),
             "secondary": ("secondary source", "二次情報")}


def _shown(value: Any, kind: str) -> Any:
    """A cell as shown: blank for None, numbers rounded for reading (the report keeps full precision)."""
    if value is None:
        return ""
    if isinstance(value, float) and kind in _DECIMALS:
        return f"{value:,.{_DECIMALS[kind]}f}"
    if isinstance(value, (int, float)) and kind == "int":
        return str(int(value))
    return value


def _frame(section) -> pd.DataFrame:
    rows = [[_shown(v, section.kinds[i] if i < len(section.kinds) else "text") for i, v in enumerate(r)]
            for r in section.rows]
    return pd.DataFrame(rows, columns=section.columns)


def _volume_text(row, lang: str) -> str:
    """e.g. 対象外（規模の基準未満）：48,600台（50,000台以上で対象）."""
    status = row.to_dict(lang)["status_label"]
    if row.volume is None:
        return status
    unit = row.threshold.unit
    if lang == "ja":
        volume = f"{row.volume:,.0f}台" if unit == "units" else f"{row.volume:,.0f} t"
        return f"{status}：{volume}（{row.threshold.text('ja')}で対象）"
    volume = f"{row.volume:,.0f} units" if unit == "units" else f"{row.volume:,.0f} t"
    return f"{status}: {volume} (threshold {row.threshold.text('en')})"


def _resource_act(assessment: Any, lang: str) -> None:
    from ..japan import evaluate, saved_history
    from ..japan.plan_report import plan_report_sections

    st.subheader(_t("resource_act", lang))
    if not assessment.resource_act:
        st.info(_t("no_lines", lang))
        return
    history = saved_history(assessment.organisation.get("name") or "")
    summary = evaluate(assessment, history)
    sections = {s.key: s for s in plan_report_sections(assessment, summary, lang)}
    st.warning(sections["cover"].title + " — " + sections["cover"].note)
    latest = summary.latest()
    cols = st.columns(max(1, min(4, len(latest))))
    for i, (cat, row) in enumerate(latest.items()):
        value = "—" if row.use_rate_pct is None else f"{row.use_rate_pct:.1f} %"
        cols[i % len(cols)].metric(_t("use_rate", lang, cat=enum_label(cat, lang), fy=row.fiscal_year), value,
                                   help=row.threshold.text(lang))
        cols[i % len(cols)].caption(_volume_text(row, lang))
    for m in summary.messages:
        (st.error if m.severity == "error" else st.warning if m.severity == "warning" else st.info)(m.text(lang))
    for key in ("threshold", "plan", "report", "progress", "deadlines"):
        sec = sections[key]
        st.markdown(f"**{sec.title}**")
        if sec.note:
            st.caption(sec.note)
        st.dataframe(_frame(sec), hide_index=True, use_container_width=True)
    if summary.history:
        st.caption(_t("history_note", lang))


def _design(assessment: Any, lang: str) -> None:
    from ..procurement import check_assessment, load_rules
    from .procurement_page import batch_frame

    st.subheader(_t("design", lang))
    ruleset, _ = load_rules()
    if ruleset is None or not assessment.procurement:
        st.info(_t("no_design", lang))
        return
    results, _messages = check_assessment(assessment, ruleset)
    mine = [r for r in results if r.rule.scheme in ("plastics_act_design", "green_purchasing_act")]
    if not mine:
        st.info(_t("no_design", lang))
        return
    st.dataframe(batch_frame(mine, lang), hide_index=True, use_container_width=True)


def _indicators(results: Any, lang: str) -> None:
    st.subheader(_t("indicators", lang))
    items = results.with_prefix("jp.") if results is not None else []
    if not items:
        st.info(_t("no_indicators", lang))
        return
    ja = lang == "ja"
    rows = []
    for r in items:
        rows.append({
            ("指標" if ja else "Indicator"): r.label(lang),
            ("値" if ja else "Value"): "" if not isinstance(r.value, (int, float)) else f"{float(r.value):,.2f}",
            ("単位" if ja else "Unit"): r.unit,
            ("根拠の確認状況" if ja else "Evidence"): _EVIDENCE.get(r.definition.status, (r.definition.status,) * 2)[
                1 if ja else 0],
            ("算定できない理由" if ja else "Why not computable"): r.reason(lang) or "",
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def teaser(assessment: Any, lang: str) -> None:
    """One line for the first screen: each designated product's latest use rate and threshold result, with a
    button to this page. Nothing when the data has no Resource Act lines."""
    if assessment is None or not getattr(assessment, "resource_act", None):
        return
    from ..japan import evaluate
    from . import state

    short = {"above": ("above the threshold", "対象"), "below": ("below the threshold", "対象外"),
             "unknown": ("threshold not decided", "判定不可")}
    parts = []
    for cat, row in evaluate(assessment).latest().items():
        rate = "—" if row.use_rate_pct is None else f"{row.use_rate_pct:.1f}%"
        units = row.threshold.unit == "units"
        if lang == "ja":
            volume = "" if row.volume is None else (f"{row.volume:,.0f}台" if units else f"{row.volume:,.0f} t") + "："
            parts.append(f"{enum_label(cat, 'ja')} {rate}（{volume}{short[row.status][1]}。"
                         f"{row.threshold.text('ja')}で対象）")
        else:
            volume = "" if row.volume is None else (f"{row.volume:,.0f} units" if units else f"{row.volume:,.0f} t") + ": "
            parts.append(f"{enum_label(cat, 'en')} {rate} ({volume}{short[row.status][0]} of "
                         f"{row.threshold.text('en')})")
    head = _t("teaser", lang)
    st.info(head + ("、".join(parts) if lang == "ja" else "; ".join(parts)))
    st.button(_t("open_page", lang), on_click=state.goto, args=("japan",), key="gc_start_japan")


def render(lang: str, assessment: Any = None, results: Any = None) -> None:
    """The Japan page; ``assessment`` and ``results`` are the loaded assessment and its indicators (or None)."""
    st.header(_t("title", lang))
    if assessment is None:
        st.info(_t("no_assessment", lang))
        return
    _resource_act(assessment, lang)
    st.divider()
    _design(assessment, lang)
    st.divider()
    _indicators(results, lang)
