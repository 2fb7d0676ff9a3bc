"""Render a :class:`~gcpcalc.document.model.Document` to HTML (Jinja2) and to PDF (WeasyPrint).

Numbers are formatted by :mod:`gcpcalc.document.numbers`, the same rules the Excel report uses for its
number formats; a figure that is not computable reads "not computable" (the reason is in its row).
Sections whose tables are wider than a portrait page are set on landscape pages. Tables repeat their
header on every page and rows are never split across pages.
"""
from __future__ import annotations

import base64
import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path

from ..document.model import Chart, Document, Num, Table, Text
from ..document.numbers import format_number, not_computable
from ..document.texts import tx

TEMPLATES = Path(__file__).with_name("templates")
#: a section whose tables together ask for more character widths than this is set landscape
WIDE_TABLE_CHARS = 150


def pdf_available() -> str | None:
    """None when PDF output works here, else the reason (a missing package)."""
    for mod in ("weasyprint", "jinja2", "matplotlib"):
        if importlib.util.find_spec(mod) is None:
            return f"the Python package '{mod}' is not installed (pip install 'gcpcalc[pdf]')"
    return None


def _cell(cell, kind: str, lang: str) -> dict:
    if isinstance(cell, Num):
        if cell.value is None:
            return {"text": not_computable(lang), "cls": "nc"}
        text = format_number(cell.value, cell.unit)
        if kind != "num":  # a number in a text column (e.g. the revenue among the report facts): with its unit
            return {"text": f"{text} {cell.unit}".strip(), "cls": kind}
        return {"text": text, "cls": "num"}
    if cell is None:
        return {"text": "", "cls": kind}
    if isinstance(cell, dt.datetime):
        return {"text": cell.strftime("%Y-%m-%d %H:%M"), "cls": kind}
    return {"text": str(cell), "cls": "num" if kind == "num" else kind}


def _table_ctx(t: Table, lang: str) -> dict:
    total = sum(c.width for c in t.columns) or 1
    return {"type": "table", "key": t.key, "title": t.title, "note": t.note, "empty_text": t.empty_text,
            "columns": [{"label": c.label, "kind": c.kind, "pct": round(c.width / total * 100, 2)} for c in t.columns],
            "rows": [{"total": i in t.total_rows,
                      "cells": [_cell(v, t.columns[j].kind if j < len(t.columns) else "text", lang)
                                for j, v in enumerate(row)]} for i, row in enumerate(t.rows)]}


def _chart_ctx(c: Chart, section, wide: bool) -> dict | None:
    from .charts import draw

    svg = draw(c, section, "svg", width_in=9.5 if wide else 6.6)
    if svg is None:
        return None
    return {"type": "chart", "kind": c.kind, "title": c.title,
            "src": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")}


def render_html(doc: Document, progress: Callable[[str, float], None] | None = None) -> str:
    """The document as one HTML page (CSS inlined, charts as SVG data URIs)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    lang = doc.lang
    css = env.get_template("report.css").render(page_word=tx("page", lang) if lang == "en" else "",
                                                of_word=tx("of", lang), version=doc.meta.version)
    sections = []
    pdf_sections = [s for s in doc.sections if s.pdf]
    for i, s in enumerate(pdf_sections):
        if progress is not None:
            progress(s.key, i / max(len(pdf_sections), 1))
        wide = max((sum(c.width for c in t.columns) for t in s.tables()), default=0) > WIDE_TABLE_CHARS
        blocks = []
        for b in s.blocks:
            if isinstance(b, Table):
                blocks.append(_table_ctx(b, lang))
            elif isinstance(b, Chart):
                ch = _chart_ctx(b, s, wide)
                if ch is not None:
                    blocks.append(ch)
            elif isinstance(b, Text):
                blocks.append({"type": "text", "text": b.text, "style": b.style})
        sections.append({"key": s.key, "title": s.title, "wide": wide, "blocks": blocks})
    return env.get_template("report.html.j2").render(doc=doc, sections=sections, css=css,
                                                     words={"contents": tx("sec_contents", lang)})


def render_pdf(doc: Document, target=None, progress: Callable[[str, float], None] | None = None) -> bytes:
    """The PDF bytes of ``doc`` (also written to ``target``, a path or binary buffer, when given)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(doc, (lambda k, f: progress(k, 0.75 * f)) if progress is not None else None)
    if progress is not None:
        progress("typeset", 0.75)
    data = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    if target is not None:
        if hasattr(target, "write"):
            target.write(data)
        else:
            Path(target).write_bytes(data)
    if progress is not None:
        progress("done", 1.0)
    return data


def report_pdf_bytes(results, assessment, lang: str = "ja", progress=None, **kw) -> bytes:
    """The PDF disclosure report of ``results`` (keyword arguments as :func:`gcpcalc.document.build_document`).

    ``progress(stage, fraction)``: the document 0–20 %, the pages and charts 20–80 %, typesetting 80–100 %."""
    from ..document import build_document

    def part(lo: float, hi: float):
        return (lambda stage, f: progress(stage, lo + (hi - lo) * f)) if progress is not None else None

    doc = build_document(results, assessment, lang, progress=part(0.0, 0.2), **kw)
    return render_pdf(doc, progress=part(0.2, 1.0))
