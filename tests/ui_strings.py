"""The English strings of the user interface, for checking that a Japanese page shows none of them.

Derived from the en side of every ja/en text the app can show: its own texts, the store and procurement
page texts, the shared UI words, enum and severity labels, table and field labels, indicator labels, and
the English words Streamlit's widgets draw by themselves (replaced by the app on its pages).
"""
from __future__ import annotations

import re

#: words Streamlit's own widgets show in English unless the app replaces them
STREAMLIT_ENGLISH = ("Browse files", "Drag and drop file here", "per file", "Upload", "Choose an option",
                     "Press Enter to apply", "No results")


def _pieces(en: str, ja: str) -> list[str]:
    """The literal parts of an English text worth looking for (format fields cut out)."""
    if en == ja:
        return []
    parts = re.split(r"\{[^}]*\}", en)
    out = []
    for p in parts:
        p = p.strip(" .,:;()/—-*")
        # short fragments ("row", "t") would match ordinary data; keep words of substance
        # a name the Japanese text keeps as it is (FSC, Bonsucro, ISO 59020) is no English UI text
        if len(p) >= 5 and re.search(r"[A-Za-z]{3}", p) and p not in ja:
            out.append(p)
    return out


def english_strings() -> list[str]:
    from gcpcalc import fields as F
    from gcpcalc.app import procurement_page, store_page, texts
    from gcpcalc.i18n import ENUM_LABELS, SEVERITY_LABELS, UI
    from gcpcalc.indicators.catalogue import CATALOGUE

    pairs: list[tuple[str, str]] = []
    pairs += list(texts.TEXTS.values())
    pairs += list(store_page.TEXTS.values())
    pairs += list(procurement_page._TEXTS.values())
    pairs += list(UI.values()) + list(ENUM_LABELS.values()) + list(SEVERITY_LABELS.values())
    for table in F.TABLES.values():
        pairs.append((table.label_en, table.label_ja))
        pairs += [(f.label_en, f.label_ja) for f in table.fields]
    pairs += [(d.label_en, d.label_ja) for d in CATALOGUE]
    found = {p for en, ja in pairs for p in _pieces(en, ja)}
    found.update(STREAMLIT_ENGLISH)
    return sorted(found, key=lambda s: (-len(s), s))


def english_in(text: str, strings: list[str] | None = None) -> list[str]:
    """The English UI strings that occur in ``text`` as whole words (case-sensitive)."""
    strings = english_strings() if strings is None else strings
    hits = []
    for s in strings:
        if re.search(r"(?<![A-Za-z])" + re.escape(s) + r"(?![A-Za-z])", text):
            hits.append(s)
    return hits
