"""Streamlit widgets whose built-in English words are replaced by the app's own, in the chosen language.

``st.file_uploader`` draws its size limit ("50MB per file • XLSX") and its button caption ("Upload") in
English whatever the page language; :func:`file_uploader` hides those words with a style scoped to the one
widget (by its key) and shows the app's texts instead.
"""
from __future__ import annotations

import streamlit as st


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploader_texts(lang: str, scope: str = "") -> None:
    """The uploader's own English words replaced in every file uploader of the page (``scope``: a CSS
    selector narrowing it to one widget); :func:`file_uploader` adds the file types for its widget."""
    from .texts import t

    _style(scope, t("upload_drop", lang), t("upload_limit_any", lang, mb=max_upload_mb()), t("upload_button", lang))


def _style(scope: str, drop_text: str, limit_text: str, button_text: str) -> None:
    css = f"""
<style>
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span,
{scope} [data-testid="stFileUploaderDropzoneInstructions"] small {{ display: none; }}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] > div::before {{
  content: {_css_text(drop_text)}; display: block; margin-bottom: 0.25rem; }}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: {_css_text(limit_text)}; display: block; font-size: 0.85em; opacity: 0.7; }}
{scope} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
{scope} [data-testid="stFileUploaderDropzone"] button [data-has-shortcut]::after {{
  content: {_css_text(button_text)}; }}
</style>"""
    st.html(css)


def file_uploader(label: str, types: list[str], key: str, drop_text: str, limit_text: str, button_text: str,
                  help: str | None = None):
    """``st.file_uploader`` with ``drop_text``, ``limit_text`` and ``button_text`` in place of its own words."""
    _style(f".st-key-{key}", drop_text, limit_text, button_text)
    return st.file_uploader(label, type=types, key=key, help=help)


def max_upload_mb() -> int:
    try:
        return int(st.get_option("server.maxUploadSize"))
    except Exception:  # the option is always set by Streamlit; the default is 200
        return 200
