"""The Japan sheets of the Excel disclosure report (xlsxwriter).

* ``資源法 計画・報告（案）`` / ``Resource Act draft``: the 再生資源利用計画 and 定期報告 DRAFT laid out by the items
  the law names (:func:`gcpcalc.japan.plan_report.plan_report_sections`), with a banner saying it is a
  preparation aid until the official forms exist [secondary sources]; written when the assessment has
  ``resource_act`` lines;
* ``日本の指標`` / ``Japan indicators``: the ``jp.*`` figures (recycled plastic, domestic recycled content,
  critical minerals recovered) with unit, formula, source and evidence status; written when the results hold
  any ``jp.*`` figure.

Texts go through ``write_string``; numbers are numbers with a display format; rows are written in order
(the report may be in constant-memory mode).
"""
from __future__ import annotations

from typing import Any, Iterable

from ..indicators.base import Results

SHEETS = {"resource_act": ("Resource Act draft", "資源法 計画・報告（案）"),
          "jp": ("Japan indicators", "日本の指標")}


def sheet_name(key: str, lang: str) -> str:
    en, ja = SHEETS[key]
    return ja if lang == "ja" else en


def _formats(wb) -> dict:
    f = wb.add_format
    return {
        "title": f({"bold": True, "font_size": 14}),
        "banner": f({"bold": True, "font_color": "#9C5700", "bg_color": "#FFEB9C", "text_wrap": True,
                     "valign": "top", "border": 1}),
        "section": f({"bold": True, "font_size": 12, "bottom": 1}),
        "note": f({"italic": True, "text_wrap": True, "valign": "top", "font_color": "#404040"}),
        "head": f({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}),
        "text": f({"text_wrap": True, "valign": "top", "border": 1}),
        "int": f({"num_format": "0", "valign": "top", "border": 1}),
        "num": f({"num_format": "#,##0.###", "valign": "top", "border": 1}),
        "t": f({"num_format": "#,##0.000", "valign": "top", "border": 1}),
        "pct": f({"num_format": "0.00", "valign": "top", "border": 1}),
        "blank": f({"border": 1}),
    }


def _print_setup(ws, last_row: int, last_col: int, title: str) -> None:
    """A4 landscape, one page wide, title header and "page x of N" footer, like every sheet of the report."""
    from .report import _page

    _page(ws, last_row, last_col, title=title)


def _lines(row, widths: list[float], pairs: bool) -> int:
    """Lines a wrapped row needs (LibreOffice and PDF exports do not fit row heights themselves)."""
    import math

    from .report import text_width

    out = 1
    for c, value in enumerate(row):
        if value is None or c >= len(widths):
            continue
        width = sum(widths[1:]) if pairs and c == 1 else widths[c]
        text = str(value)
        # URLs and other long words break badly: leave a third of the width as margin
        n = sum(max(1, math.ceil(text_width(part) * 1.5 / max(width - 2, 1))) for part in text.split("\n"))
        out = max(out, n)
    return out


def _cell(ws, r: int, c: int, value: Any, kind: str, fmt: dict) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt["blank"])
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, c, float(value), fmt.get(kind, fmt["num"]) if kind != "text" else fmt["num"])
    else:
        ws.write_string(r, c, str(value), fmt["text"])


def write_resource_act_sheet(wb, assessment: Any, lang: str = "ja", history: Iterable | None = None):
    """Add the plan/report draft sheet; returns the worksheet (None when there are no Resource Act lines)."""
    from ..japan.plan_report import plan_report_sections
    from ..japan.resource_act import evaluate

    rows = assessment.get("resource_act") if isinstance(assessment, dict) else getattr(assessment, "resource_act", None)
    if not rows:
        return None
    summary = evaluate(assessment, history)
    sections = plan_report_sections(assessment, summary, lang)
    fmt = _formats(wb)
    ws = wb.add_worksheet(sheet_name("resource_act", lang))
    widths = [30, 12, 16, 16, 16, 22, 26, 34, 20, 16]
    last_col = len(widths) - 1
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    r = 0
    cover = sections[0]
    ws.write_string(r, 0, cover.title, fmt["title"])
    r += 1
    ws.merge_range(r, 0, r, last_col, "", fmt["banner"])
    ws.write_string(r, 0, cover.note, fmt["banner"])
    ws.set_row(r, 36)
    r += 2
    for sec in sections[1:]:
        ws.write_string(r, 0, sec.title, fmt["section"])
        r += 1
        if sec.note:
            ws.merge_range(r, 0, r, last_col, "", fmt["note"])
            ws.write_string(r, 0, sec.note, fmt["note"])
            ws.set_row(r, 30)
            r += 1
        pairs = len(sec.columns) == 2  # item / entry: the entry spans the width of the sheet
        for c, head in enumerate(sec.columns):
            if pairs and c == 1:
                ws.merge_range(r, 1, r, last_col, "", fmt["head"])
            ws.write_string(r, c, head, fmt["head"])
        ws.set_row(r, max(30.0, 15.0 * _lines(sec.columns, widths, pairs)))
        r += 1
        if not sec.rows:
            ws.write_string(r, 0, "（該当なし）" if lang == "ja" else "(none)", fmt["note"])
            r += 1
        for row in sec.rows:
            for c, value in enumerate(row):
                if pairs and c == 1:
                    ws.merge_range(r, 1, r, last_col, "", fmt["text"])
                _cell(ws, r, c, value, sec.kinds[c] if c < len(sec.kinds) else "text", fmt)
            ws.set_row(r, 15.0 * _lines(row, widths, pairs))
            r += 1
        r += 1
    if summary.messages:
        ws.write_string(r, 0, "メッセージ" if lang == "ja" else "Messages", fmt["section"])
        r += 1
        for m in summary.messages:
            ws.write_string(r, 0, m.where() or "", fmt["text"])
            ws.write_string(r, 1, m.text(lang), fmt["text"])
            r += 1
    _print_setup(ws, max(r, 1), 9, sheet_name("resource_act", lang))
    return ws


def write_jp_indicator_sheet(wb, results: Results, lang: str = "ja"):
    """Add the ``jp.*`` indicator sheet; returns the worksheet (None when the results hold none)."""
    import math

    from .report import text_width
    items = results.with_prefix("jp.") if results is not None else []
    if not items:
        return None
    fmt = _formats(wb)
    ws = wb.add_worksheet(sheet_name("jp", lang))
    ja = lang == "ja"
    heads = (["指標", "値", "単位", "算定式", "出典箇所", "根拠の確認状況", "算定できない理由"] if ja else
             ["Indicator", "Value", "Unit", "Formula", "Source", "Evidence status", "Why not computable"])
    for c, w in enumerate((40, 14, 8, 60, 40, 16, 40)):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, "日本の政策指標（国産再生材・再生プラスチック・重要鉱物）" if ja else
                    "Japan policy indicators (domestic recycled material, recycled plastic, critical minerals)",
                    fmt["title"])
    for c, h in enumerate(heads):
        ws.write_string(2, c, h, fmt["head"])
    status = {"confirmed": ("confirmed", "確認済み"), "assumed": ("assumed", "仮定"),
              "secondary": ("secondary source", "二次情報")}
    for i, res in enumerate(items, 3):
        d = res.definition
        ws.write_string(i, 0, res.label(lang), fmt["text"])
        if isinstance(res.value, (int, float)) and not isinstance(res.value, bool):
            ws.write_number(i, 1, float(res.value), fmt["pct"] if res.unit == "%" else fmt["t"])
        else:
            ws.write_blank(i, 1, None, fmt["blank"])
        ws.write_string(i, 2, res.unit, fmt["text"])
        ws.write_string(i, 3, d.formula(lang), fmt["text"])
        clause = d.clause_text(lang)
        ws.write_string(i, 4, clause, fmt["text"])
        pair = status.get(d.status, (d.status, d.status))
        ws.write_string(i, 5, pair[1] if ja else pair[0], fmt["text"])
        ws.write_string(i, 6, res.reason(lang) or "", fmt["text"])
        # row height for the wrapped texts (LibreOffice and PDF exports do not fit rows themselves)
        widths = {0: 40, 3: 60, 4: 40, 6: 40}
        texts = {0: res.label(lang), 3: d.formula(lang), 4: clause, 6: res.reason(lang) or ""}
        lines = max(max(1, math.ceil(text_width(t) / (widths[c] - 1))) + t.count("\n") for c, t in texts.items())
        ws.set_row(i, 15.0 * lines)
    _print_setup(ws, 2 + len(items), len(heads) - 1, sheet_name("jp", lang))
    return ws


def write_japan_sheets(wb, assessment: Any, results: Results | None, lang: str = "ja",
                       history: Iterable | None = None) -> None:
    """The report hook: the jp.* indicator sheet and the Resource Act draft, each when it has content."""
    if results is not None:
        write_jp_indicator_sheet(wb, results, lang)
    if assessment is not None:
        write_resource_act_sheet(wb, assessment, lang, history)
