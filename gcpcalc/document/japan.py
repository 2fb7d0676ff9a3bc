"""The Japan section of the disclosure document: jp.* figures and the Resource Act plan/report draft.

The figures come from the Results (``jp.*``) and the draft from :mod:`gcpcalc.japan.plan_report` (plain section
data); the Excel sheets keep their own layout (:mod:`gcpcalc.excel.report_japan`), the PDF draws the same
tables from this section. Left out when the assessment has neither jp.* figures nor Resource Act lines.
"""
from __future__ import annotations

from .build import Context, indicator_table, register_section
from .model import Column, Num, Section, Table, Text

_KIND = {"text": "wrap", "int": "num", "t": "num", "pct": "num", "num": "num"}
_UNIT = {"t": "t", "pct": "%", "num": ""}


def _cell(value, kind: str):
    """A cell of a plan/report table: a whole number of kind ``int`` (a fiscal year) as its digits, 2025 and not
    2,025, as the Excel sheet and the app show it; a quantity as a number with its unit; anything else as text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if kind == "int":
            return str(int(value))
        if _KIND.get(kind) == "num":
            return Num(float(value), _UNIT.get(kind, ""))
    return str(value)


def japan_section(ctx: Context) -> Section | None:
    lang, res, a = ctx.lang, ctx.results, ctx.assessment
    jp = [r for r in res.values() if r.id.startswith("jp.")]
    rows_ra = list(getattr(a, "resource_act", None) or []) if a is not None else []
    if not jp and not rows_ra:
        return None
    blocks: list = []
    if jp:
        blocks.append(indicator_table(ctx, "jp_figures", jp, "国内の循環指標（jp.*）" if lang == "ja" else
                                      "Japan circularity figures (jp.*)"))
    if rows_ra:
        from ..japan.plan_report import plan_report_sections
        from ..japan.resource_act import evaluate

        summary = evaluate(a, getattr(ctx, "japan_history", None))
        for s in plan_report_sections(a, summary, lang):
            cols = [Column(c, _KIND.get(k, "wrap"), 30 if _KIND.get(k) == "wrap" else 14)
                    for c, k in zip(s.columns, s.kinds or ["text"] * len(s.columns))]
            rows = []
            for r in s.rows:
                rows.append([_cell(v, k) for v, k in zip(r, s.kinds or ["text"] * len(r))])
            blocks.append(Table(f"jp_{s.key}", s.title, cols, rows))
            if s.note:
                blocks.append(Text(s.note, "note"))

    def excel_writer(wb, fmt, lang_):
        from ..excel.report_japan import write_japan_sheets

        write_japan_sheets(wb, a, res, lang_, getattr(ctx, "japan_history", None))

    title = "日本の制度（資源有効利用促進法ほか）" if lang == "ja" else "Japan: Resource Act and domestic figures"
    return Section("japan", title, blocks, sheet=title[:31], excel_writer=excel_writer)


register_section("japan", japan_section, after="procurement")
