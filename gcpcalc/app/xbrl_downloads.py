"""Downloads of the tagged disclosure (ESRS E5 / VSME B7 as inline XBRL or xBRL-JSON), for the download page.

The files are made by :mod:`gcpcalc.xbrl`; this module offers their bytes and shows the validation summary:
the facts tagged, the figures left out with the reason, and every message (the project's checks always; Arelle
against a taxonomy package when the user uploads one). A failure is a message, never a traceback.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

_TEXTS = {
    "heading": ("Tagged disclosure (XBRL)", "タグ付き開示（XBRL）"),
    "intro": ("The ESRS E5 (E5-4, E5-5) or VSME B7 figures as inline XBRL (an XHTML page) or xBRL-JSON, for "
              "software that reads digital sustainability reports. Only computable figures are tagged; the others "
              "are listed with the reason. To check the file against EFRAG's taxonomy, upload the taxonomy package "
              "(.zip) you obtained from EFRAG: it is validated offline with Arelle.",
              "ESRS E5（E5-4・E5-5）又は VSME B7 の数値を、インライン XBRL（XHTML）又は xBRL-JSON で出力します。"
              "算出できた数値のみをタグ付けし、それ以外は理由とともに一覧にします。EFRAG のタクソノミに対する検証を行う場合は、"
              "EFRAG から入手したタクソノミパッケージ（.zip）をアップロードしてください（Arelle によりオフラインで検証します）。"),
    "standard": ("Standard", "基準"),
    "format": ("Format", "形式"),
    "entity_id": ("Entity identifier (LEI)", "企業識別子（LEI）"),
    "entity_help": ("20-character LEI (ISO 17442). Left blank, the organisation name is used instead, with a "
                    "warning.",
                    "英数字20桁の LEI（ISO 17442）。空欄の場合は代わりに組織名を使用し、警告を表示します。"),
    "taxonomy": ("Taxonomy package for validation (optional, .zip)", "検証用タクソノミパッケージ（任意、.zip）"),
    "download": ("Download {name}", "{name} をダウンロード"),
    "tagged": ("{n} facts tagged", "タグ付けしたファクト：{n} 件"),
    "omitted": ("Not tagged ({n})", "タグ付けしなかった項目（{n} 件）"),
    "arelle_ok": ("Arelle: no errors against the uploaded taxonomy package", "Arelle：アップロードしたタクソノミパッケージに対するエラーはありません"),
    "arelle_errors": ("Arelle: {n} error(s) against the uploaded taxonomy package",
                      "Arelle：アップロードしたタクソノミパッケージに対するエラー {n} 件"),
    "not_validated": ("Not validated against a taxonomy (no package uploaded): the project's own checks only.",
                      "タクソノミパッケージがないため、タクソノミに対する検証は行っていません（本ツール独自のチェックのみ）。"),
    "failed": ("The file could not be made: {detail}", "ファイルを作成できませんでした：{detail}"),
    "needs_valid": ("Available when the data are valid.", "データが有効な場合に利用できます。"),
}
_STANDARDS = {"esrs": ("ESRS E5 (E5-4, E5-5)", "ESRS E5（E5-4・E5-5）"), "vsme": ("VSME B7", "VSME B7")}
_FORMATS = {"ixbrl": ("Inline XBRL (.xhtml)", "インライン XBRL（.xhtml）"), "json": ("xBRL-JSON (.json)", "xBRL-JSON（.json）")}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = _TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


def file_name(standard: str, fmt: str, assessment) -> str:
    org = (assessment.organisation.get("name") if assessment is not None else "") or "assessment"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in org)[:40] or "assessment"
    period = str(assessment.organisation.get("period_end") or "")[:10] if assessment is not None else ""
    suffix = ".xhtml" if fmt == "ixbrl" else ".json"
    return f"{standard}_{safe}{'_' + period if period else ''}{suffix}"


def make_export(assessment, results, standard: str, fmt: str, lang: str, entity_id: str | None,
                taxonomy: bytes | None, name: str):
    """The export (bytes, facts, omissions, messages); with an uploaded package, validated by Arelle."""
    from ..xbrl import export

    if not taxonomy:
        return export(assessment, results, standard, fmt, lang=lang, entity_id=entity_id or None, file_name=name)
    with tempfile.TemporaryDirectory(prefix="gcpcalc-taxonomy-") as tmp:
        package = Path(tmp) / "taxonomy.zip"
        package.write_bytes(taxonomy)
        return export(assessment, results, standard, fmt, lang=lang, entity_id=entity_id or None,
                      taxonomy=[package], file_name=name)


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_export(_assessment, _results, content_key: str, standard: str, fmt: str, lang: str, entity_id: str,
                   taxonomy: bytes | None, name: str):
    """:func:`make_export`, once per content (``content_key``: the data as JSON), choice and package."""
    return make_export(_assessment, _results, standard, fmt, lang, entity_id, taxonomy, name)


def _show_summary(result, lang: str) -> None:
    from ..i18n import severity_label

    if result.data:
        st.caption(_t("tagged", lang, n=len(result.report.facts)))
    if result.arelle is not None and result.arelle.ran:
        n = len(result.arelle.errors)
        (st.error if n else st.success)(_t("arelle_errors", lang, n=n) if n else _t("arelle_ok", lang))
    elif result.data:
        st.caption(_t("not_validated", lang))
    for m in result.messages:
        text = f"{severity_label(m.severity, lang)}{'：' if lang == 'ja' else ': '}{m.display(lang)}"
        {"error": st.error, "warning": st.warning}.get(m.severity, st.caption)(text)
    if result.report.omitted:
        with st.expander(_t("omitted", lang, n=len(result.report.omitted))):
            sep = "：" if lang == "ja" else ": "
            st.markdown("\n".join(f"- `{o.source}` {o.label(lang)}{sep}{o.reason(lang)}" for o in result.report.omitted))


def render(evaluation, lang: str) -> None:
    """The XBRL part of the download page."""
    st.subheader(_t("heading", lang))
    st.caption(_t("intro", lang))
    if evaluation is None or not evaluation.ok or evaluation.results is None:
        st.caption(_t("needs_valid", lang))
        return
    a = evaluation.assessment
    cols = st.columns(2)
    standard = cols[0].radio(_t("standard", lang), list(_STANDARDS), key="gc_xbrl_standard", horizontal=True,
                             format_func=lambda s: _STANDARDS[s][lang == "ja"])
    fmt = cols[1].radio(_t("format", lang), list(_FORMATS), key="gc_xbrl_format", horizontal=True,
                        format_func=lambda s: _FORMATS[s][lang == "ja"])
    entity_id = st.text_input(_t("entity_id", lang), value=str(a.organisation.get("lei") or ""),
                              key="gc_xbrl_entity", help=_t("entity_help", lang)).strip()
    upload = st.file_uploader(_t("taxonomy", lang), type=["zip"], key="gc_xbrl_taxonomy")
    name = file_name(standard, fmt, a)
    try:
        import json

        content_key = json.dumps(a.to_json_dict(), sort_keys=True, ensure_ascii=False, default=str)
        result = _cached_export(a, evaluation.results, content_key, standard, fmt, lang, entity_id,
                                upload.getvalue() if upload is not None else None, name)
    except Exception as exc:  # shown as a message: the rest of the page keeps working
        st.error(_t("failed", lang, detail=f"{type(exc).__name__}: {exc}"))
        return
    if result.data:
        from ..xbrl import MIME

        st.download_button(_t("download", lang, name=_FORMATS[fmt][lang == "ja"]), result.data, file_name=name,
                           mime=MIME[fmt], key="gc_dl_xbrl", on_click="ignore", icon=":material/download:")
    _show_summary(result, lang)
