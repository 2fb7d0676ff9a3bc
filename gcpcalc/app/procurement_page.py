"""Streamlit page: green-procurement checks (Eco Mark, Green Purchasing Act) in ja/en.

* an optional upload of the user's own rules file (TOML) that adds or replaces rules;
* a quick check of one product: pick the category, type the masses, see pass/fail, each condition and how
  much more recycled (or post-consumer) material is needed;
* the batch table of the assessment's procurement lines.

The rule's scheme, version, source and status are shown beside every verdict; unconfirmed rules are
flagged. Every number comes from :mod:`gcpcalc.procurement`.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ..fields import TABLES
from ..i18n import ui
from ..procurement import check_assessment, load_rules, needed_kind_label, quick_check
from ..procurement.rules import RuleSet, status_label
from ..units import allowed_units

_TEXTS: dict[str, tuple[str, str]] = {
    "pick_category": ("Category (type to search, ja or en)", "品目（日本語・英語で検索可）"),
    "needed_sentence": ("{mass} {unit} more {kind} needed (replacing virgin material), for: {condition}.",
                        "バージン材を置き換えて {kind} をあと {mass} {unit} 追加すると適合します（条件：{condition}）。"),
    "passes": ("Passes: {condition}.", "適合：{condition}。"),
    "rules_error": ("The rules file was not accepted; the shipped rules are used.",
                    "判定ルールファイルを読み込めなかったため、標準の判定ルールを使います。"),
    "no_assessment": ("No assessment is loaded.", "評価データが読み込まれていません。"),
    "valid_to": ("valid to", "有効期限"),
    "split_head": ("Why the pre-/post-consumer split matters", "プレコンシューマ材料とポストコンシューマ材料の内訳が判定を左右します"),
    "split_text": (
        "Recycled material is counted in two parts. Pre-consumer material is scrap from manufacturing (excluding "
        "scrap reused in the same process); post-consumer material comes from products after their use. Some "
        "conditions count both, others only post-consumer material, and some require a minimum of "
        "post-consumer material. The same total recycled mass can therefore pass or fail depending on how it "
        "splits: enter both masses as your supplier's evidence states them.",
        "再生材は二つに分けて数えます。プレコンシューマ材料は製造工程で発生したくず（発生と同一の工程で再使用"
        "するものを除く）、ポストコンシューマ材料は使用後の製品から回収された材料です。条件によって、両方を"
        "数えるもの、ポストコンシューマ材料だけを数えるもの、ポストコンシューマ材料の下限を定めるものがあります。"
        "そのため、再生材の合計が同じでも、内訳によって適合・不適合が変わります。両方の質量を、仕入先の証明書等に"
        "記載されたとおりに入力してください。"),
    "status_head": ("What the status of a rule means", "判定ルールの確認状況の意味"),
    "status_text": (
        "**confirmed**: the threshold was checked against the official text of the scheme.  \n"
        "**unconfirmed**: the threshold could not be checked word for word; treat the verdict as provisional and "
        "check the current criteria before relying on it.  \n"
        "The source is shown in brackets: **official** (the scheme's own document), **secondary source** "
        "(a supplier's or a third party's summary of it), **historical** (an earlier version of the criteria), "
        "**unconfirmed** (the source itself could not be checked).",
        "**確認済み**：基準値を制度の公式文書で確認しています。  \n"
        "**未確認**：基準値を原文どおりに確認できていません。判定は暫定として扱い、利用する前に最新の基準を"
        "確認してください。  \n"
        "括弧内は出典の種類です：**公式**（制度の公式文書）、**二次情報**（事業者・第三者による要約）、"
        "**旧版**（以前の版の基準）、**未確認**（出典そのものを確認できていないもの）。"),
    "unit_hint": ("Small products such as pens are weighed in grams: the unit applies to all four masses.",
                  "ボールペンのような小さな製品はグラム単位で入力できます。単位は四つの質量すべてに適用されます。"),
}

#: mass unit of the quick check: grams suit the small products most rules are about (pens, files, paper)
QUICK_CHECK_UNIT = "g"
QUICK_CHECK_BASIS = 10.0


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


def _messages(messages, lang: str) -> None:
    for m in messages:
        text = m.display(lang)
        (st.error if m.severity == "error" else st.warning)(text)


def _ruleset(lang: str) -> RuleSet:
    from .texts import t
    from .widgets import file_uploader, max_upload_mb

    upload = file_uploader(ui("rules_file", lang), ["toml"], "gc_proc_rules_upload", t("rules_drop", lang),
                           t("rules_limit", lang, mb=max_upload_mb()), t("upload_button", lang))
    ruleset, messages = (load_rules(upload.getvalue(), upload.name) if upload is not None else load_rules())
    if ruleset is None and upload is not None:
        st.error(_t("rules_error", lang))
        _messages(messages, lang)
        ruleset, messages = load_rules()
    if ruleset is None:  # the shipped file itself is broken: say so, nothing to check against
        _messages(messages, lang)
        st.stop()
    st.caption(ui("rules_loaded", lang).format(n=len(ruleset), files=", ".join(ruleset.files)))
    return ruleset


def _rule_box(rule, ruleset: RuleSet, lang: str) -> None:
    ja = lang == "ja"
    sep = "：" if ja else ": "
    valid = (f"（{_t('valid_to', lang)}：{rule.valid_to.isoformat()}）" if ja else
             f"; {_t('valid_to', lang)} {rule.valid_to.isoformat()}") if rule.valid_to else ""
    lines = [
        f"**{ui('scheme', lang)}**{sep}{rule.scheme_item_text(lang)}{'（' if ja else ' — '}{ui('rule_version', lang)}{sep}"
        f"{rule.version_text(lang)}{'）' if ja else ''}{valid}",
        f"**{ui('basis', lang)}**{sep}{ruleset.basis_label(rule, lang)}",
        f"**{ui('criterion', lang)}**{sep}{rule.criterion(lang)}",
        f"**{ui('source', lang)}**{sep}{rule.source}",
        f"**{ui('rule_status', lang)}**{sep}{rule.status_text(lang)}",
    ]
    st.markdown("  \n".join(lines))
    with st.expander(_t("status_head", lang)):
        st.markdown(_t("status_text", lang))
    if rule.status != "confirmed":
        st.warning(ui("unconfirmed_flag", lang) + (f" {rule.status_detail(lang)}" if rule.status_detail(lang) else ""))
    if rule.note(lang):
        st.caption(rule.note(lang))


def _conditions_frame(result, lang: str) -> pd.DataFrame:
    rows = []
    for c in result.conditions:
        rows.append({
            ui("condition", lang): c.label(lang),
            ui("value", lang): ", ".join(q.text(lang) for q in c.requirements),
            ui("verdict", lang): ui("not_checked" if c.met is None else ("met" if c.met else "not_met"), lang),
            ui("margin_pt", lang): None if c.margin_pct is None else round(c.margin_pct, 2),
            ui("needed_mass", lang): None if c.needed_mass is None else round(c.needed_mass, 6),
            ui("rule_status", lang): ("" if c.status == "confirmed" else "⚠ ") + status_label(c.status, lang),
            ui("note", lang): c.condition.note(lang) or (c.reason_ja if lang == "ja" else c.reason_en),
        })
    return pd.DataFrame(rows)


def _verdict(result, lang: str) -> None:
    head = f"{ui('verdict', lang)}: {ui('not_applicable' if result.status == 'not_applicable' else result.status, lang)}"
    if result.status == "pass":
        met = next(c for c in result.conditions if c.met)
        st.success(f"{head} — {_t('passes', lang, condition=met.label(lang))}")
    elif result.status == "fail":
        st.error(head)
    else:
        st.info(f"{head} — {result.reason(lang)}")
    if result.unconfirmed:
        st.warning(ui("unconfirmed_flag", lang))
    if result.status == "not_applicable":
        return
    cols = st.columns(4)
    cols[0].metric(ui("recycled_pct", lang), f"{result.recycled_pct:.2f}")
    cols[1].metric(ui("postconsumer_pct", lang), f"{result.postconsumer_pct:.2f}")
    cols[2].metric(ui("preconsumer_pct", lang), f"{result.preconsumer_pct:.2f}")
    cols[3].metric(ui("biobased_pct", lang), f"{result.biobased_pct:.2f}")
    if result.status == "fail":
        if result.needed_mass is None:
            st.markdown(result.reason(lang))
        elif result.remove_mass or result.actions:
            st.markdown(f"**{ui('change_needed', lang)}**: {result.change_text(lang)}")
        else:
            easiest = min((c for c in result.conditions if c.needed_mass is not None), key=lambda c: c.needed_mass)
            st.markdown(_t("needed_sentence", lang, mass=f"{result.needed_mass:.6g}", unit=result.mass_unit,
                           kind=needed_kind_label(result.needed_kind, lang), condition=easiest.label(lang)))
    if result.not_checked:
        st.info(result.not_checked_text(lang))
    st.dataframe(_conditions_frame(result, lang), hide_index=True, width="stretch", placeholder="")


def _initial(key: str, **default) -> dict:
    """The default of a widget on its first showing only. A widget's label changes with the language, which
    makes it a new widget: handing it its current value keeps the user's choice across a language switch."""
    ss = st.session_state
    if key in ss:
        ss[key] = ss[key]
        return {}
    return default


def _quick_check(ruleset: RuleSet, lang: str) -> None:
    st.subheader(ui("quick_check", lang))
    ids = sorted(ruleset.ids(), key=lambda i: (ruleset.get(i).category(lang), i))

    def label(rule_id: str) -> str:
        r = ruleset.get(rule_id)
        other = r.category("en" if lang == "ja" else "ja")
        flag = "" if r.status == "confirmed" else " ⚠"
        return f"{r.category(lang)} / {other} — {r.scheme_item_text(lang)}{flag}"

    default = ids.index("gpp.ballpoint_pen") if "gpp.ballpoint_pen" in ids else 0
    rule_id = st.selectbox(_t("pick_category", lang), ids, format_func=label, key="gc_proc_rule",
                           **_initial("gc_proc_rule", index=default))
    rule = ruleset.get(rule_id)
    _rule_box(rule, ruleset, lang)
    table = TABLES["procurement"]
    c1, c2, c3, c4, c5 = st.columns(5)
    units = list(allowed_units("mass"))
    unit_default = QUICK_CHECK_UNIT
    unit = c5.selectbox(table.field("mass_unit").label(lang), units,
                        key="gc_proc_unit",
                        **_initial("gc_proc_unit", index=units.index(unit_default) if unit_default in units else 0))
    basis = c1.number_input(f"{table.field('basis_mass').label(lang)} ({unit})", min_value=0.0,
                            format="%.4f", key="gc_proc_basis", **_initial("gc_proc_basis", value=QUICK_CHECK_BASIS))
    pre = c2.number_input(f"{table.field('recycled_preconsumer_mass').label(lang)} ({unit})", min_value=0.0,
                          format="%.4f", key="gc_proc_pre", **_initial("gc_proc_pre", value=0.0))
    post = c3.number_input(f"{table.field('recycled_postconsumer_mass').label(lang)} ({unit})", min_value=0.0,
                           format="%.4f", key="gc_proc_post", **_initial("gc_proc_post", value=0.0))
    bio = c4.number_input(f"{table.field('biobased_mass').label(lang)} ({unit})", min_value=0.0,
                          format="%.4f", key="gc_proc_bio", **_initial("gc_proc_bio", value=0.0))
    st.caption(_t("unit_hint", lang))
    st.info(f"**{_t('split_head', lang)}**  \n{_t('split_text', lang)}", icon=":material/info:")
    result, messages = quick_check(ruleset, rule_id, basis, pre, post, bio, unit, **_extra_inputs(rule, lang))
    _messages(messages, lang)
    if result is not None:
        _verdict(result, lang)


#: requirement kind / metric -> the procurement fields it reads
_EXTRA_FIELDS = {
    "plastic_g_per_ml": ("content_volume_ml", "units"), "plastic_g_per_unit": ("units",),
    "annual_average_g_per_unit": ("units", "unit_mass_limit_g"), "reduction_vs_reference_pct": ("reference_mass",),
    "banned": ("materials_used",), "requires": ("refill_replaceable",), "certified": ("certifications",),
}
_YES_NO = {"": ("—", "—"), "yes": ("yes", "はい"), "no": ("no", "いいえ")}


def _extra_inputs(rule, lang: str) -> dict:
    """Inputs the rule needs beyond the masses (content volume, units, …), only those it uses; blank = not checked."""
    wanted: list[str] = []
    for cond in rule.conditions:
        for req in cond.requirements:
            for fid in _EXTRA_FIELDS.get(req.metric or "", ()) + _EXTRA_FIELDS.get(req.kind, ()):
                if fid not in wanted:
                    wanted.append(fid)
    if not wanted:
        return {}
    table = TABLES["procurement"]
    out: dict = {}
    for col, fid in zip(st.columns(len(wanted)), wanted):
        f = table.field(fid)
        key = f"gc_proc_{fid}"
        if f.kind == "bool":
            choice = col.selectbox(f.label(lang), tuple(_YES_NO), key=key, help=f.help(lang),
                                   format_func=lambda v: _YES_NO[v][1 if lang == "ja" else 0])
            out[fid] = None if choice == "" else choice == "yes"
        elif f.kind == "number":
            out[fid] = col.number_input(f.label(lang), min_value=0.0, value=None, format="%.4f", key=key,
                                        help=f.help(lang)) or None
        else:
            out[fid] = col.text_input(f.label(lang), key=key, help=f.help(lang)) or None
    return out


def batch_frame(results, lang: str) -> pd.DataFrame:
    """The batch table: one row per checked product, rule source/version/status beside the verdict."""
    rows = []
    for r in results:
        rows.append({
            ui("product_id", lang): r.product_id,
            ui("category", lang): r.rule.category(lang),
            ui("scheme", lang): r.rule.scheme_item_text(lang),
            ui("verdict", lang): ui("not_applicable" if r.status == "not_applicable" else r.status, lang),
            ui("recycled_pct", lang): round(r.recycled_pct, 2),
            ui("postconsumer_pct", lang): round(r.postconsumer_pct, 2),
            ui("needed_mass", lang): None if r.needed_mass is None else round(r.needed_mass, 6),
            ui("unit", lang): r.mass_unit,
            ui("needed_kind", lang): needed_kind_label(r.needed_kind, lang),
            ui("rule_status", lang): ("⚠ " if r.unconfirmed else "") + r.rule.status_text(lang),
            ui("rule_version", lang): r.rule.version_text(lang),
            ui("source", lang): r.rule.source,
            ui("change_needed", lang): r.change_text(lang),
            ui("note", lang): " ".join(b for b in (r.reason(lang), r.not_checked_text(lang)) if b),
        })
    return pd.DataFrame(rows)


def _batch(ruleset: RuleSet, assessment: Any, lang: str) -> None:
    st.subheader(ui("batch_check", lang))
    if assessment is None:
        st.info(_t("no_assessment", lang))
        return
    results, messages = check_assessment(assessment, ruleset)
    _messages(messages, lang)
    if not results:
        if not messages:
            st.info(ui("no_procurement", lang))
        return
    st.dataframe(batch_frame(results, lang), hide_index=True, width="stretch", placeholder="")
    if any(r.unconfirmed for r in results):
        st.warning("⚠ " + ui("unconfirmed_flag", lang))


def render(lang: str, assessment: Any = None) -> None:
    """The green-procurement page; ``assessment`` is the loaded Assessment (or None)."""
    st.header(ui("procurement_check", lang))
    ruleset = _ruleset(lang)
    _quick_check(ruleset, lang)
    st.divider()
    _batch(ruleset, assessment, lang)
