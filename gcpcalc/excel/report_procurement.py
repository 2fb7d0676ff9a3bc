"""The green-procurement sheet of the Excel disclosure report (xlsxwriter).

One row per checked product: the percentages on the rule's basis, the verdict, each condition, the extra
mass needed, and beside every verdict the rule's scheme, version, source and status. Rules whose status is
unconfirmed are highlighted and flagged. Every text goes through ``write_string`` (a description starting
with ``=`` stays text); numbers are written as numbers with a display format.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import UI, ui
from ..messages import Message
from ..procurement.checker import CheckResult, check_assessment, needed_kind_label
from ..procurement.rules import RuleSet, load_rules, metric_label

_COLUMNS = (
    # key, (en, ja) header, width
    ("product_id", None, 14), ("description", ("Description", "説明"), 28), ("rule_id", None, 26),
    ("category", None, 30), ("scheme", None, 22), ("basis", None, 30), ("basis_mass", ("Basis mass", "分母となる質量"), 11),
    ("mass_unit", ("Unit", "単位"), 7), ("recycled_pct", None, 11), ("postconsumer_pct", None, 13),
    ("preconsumer_pct", None, 13), ("biobased_pct", None, 11), ("verdict", None, 12), ("conditions", None, 60),
    ("needed_mass", None, 13), ("needed_kind", None, 26), ("rule_status", None, 22), ("version", ("Version", "基準の版・年度"), 24),
    ("source", None, 40), ("note", None, 50),
)
_HEADERS = {k: h for k, h, _ in _COLUMNS if h}
_UI_KEYS = set(UI)


def _header(key: str, lang: str) -> str:
    if key in _HEADERS:
        en, ja = _HEADERS[key]
        return ja if lang == "ja" else en
    return ui(key, lang)


def _condition_text(result: CheckResult, lang: str) -> str:
    parts = []
    for c in result.conditions:
        values = ("、" if lang == "ja" else ", ").join(q.text(lang) for q in c.requirements)
        state = ui("not_checked" if c.met is None else ("met" if c.met else "not_met"), lang)
        flag = "" if c.status == "confirmed" else ("［未確認］" if lang == "ja" else " [unconfirmed]")
        if lang == "ja":  # 「…：実績 70.0% → 満たす（+30.0ポイント）」
            note = f"（{c.condition.note(lang)}）" if c.condition.note(lang) else ""
            margin = "" if c.margin_pct is None else f"（{c.margin_pct:+.1f}ポイント）"
            parts.append(f"{c.label(lang)}：{values} → {state}{margin}{flag}{note}")
            continue
        note = f" — {c.condition.note(lang)}" if c.condition.note(lang) else ""
        margin = "" if c.margin_pct is None else f" ({c.margin_pct:+.2f} pt)"
        parts.append(f"{c.label(lang)}: {values} → {state}{margin}{flag}{note}")
    if not parts:
        return result.rule.criterion(lang)
    joiner = "\n" + ("または " if lang == "ja" else "OR ")
    return joiner.join(parts)


def _note_text(result: CheckResult, lang: str) -> str:
    change = result.change_text(lang)
    bits = [result.reason(lang), f"{ui('change_needed', lang)}: {change}" if change else "",
            result.not_checked_text(lang), result.rule.status_detail(lang), result.rule.note(lang)]
    if result.unconfirmed:
        bits.insert(0, ui("unconfirmed_flag", lang))
    return "\n".join(b for b in bits if b)


def _as_results(results: Any, ruleset: RuleSet | None) -> tuple[list[CheckResult] | None, list[Message]]:
    """Check results as given, or computed from an assessment (an object or dict with ``procurement``)."""
    procurement = results.get("procurement") if isinstance(results, dict) else getattr(results, "procurement", None)
    if procurement is not None:
        if ruleset is None:
            ruleset, messages = load_rules()
            if ruleset is None:
                return [], messages
        return check_assessment(results, ruleset)
    if isinstance(results, Mapping):  # e.g. the indicator results: not the procurement verdicts
        return None, []
    items = list(results or [])
    if all(isinstance(r, CheckResult) for r in items):
        return items, []
    return None, []  # e.g. the indicator results: not the procurement verdicts


def write_procurement_sheet(workbook, worksheet_name: str, results: Any, lang: str = "en", *,
                            ruleset: RuleSet | None = None, print_title: str = ""):
    """Add a worksheet ``worksheet_name`` with the green-procurement verdicts; returns the worksheet.

    ``results`` is the list of :class:`~gcpcalc.procurement.checker.CheckResult`, or the assessment itself
    (its procurement lines are then checked against ``ruleset``, the shipped rules by default, and unknown
    rule ids are listed under the table).
    """
    results, messages = _as_results(results, ruleset)
    ws = workbook.add_worksheet(worksheet_name)
    title = workbook.add_format({"bold": True, "font_size": 14})
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    pct = workbook.add_format({"num_format": "0.00", "valign": "top"})
    mass = workbook.add_format({"num_format": "0.000###", "valign": "top"})
    verdict_fmt = {
        "pass": workbook.add_format({"bold": True, "font_color": "#006100", "bg_color": "#C6EFCE", "valign": "top"}),
        "fail": workbook.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "valign": "top"}),
        "not_applicable": workbook.add_format({"italic": True, "font_color": "#595959", "bg_color": "#EDEDED",
                                               "valign": "top"}),
    }
    unconfirmed_fmt = workbook.add_format({"bold": True, "bg_color": "#FFEB9C", "font_color": "#9C5700",
                                           "text_wrap": True, "valign": "top"})

    ws.write_string(0, 0, ui("procurement_check", lang), title)
    ws.write_string(1, 0, ("いずれかの条件を満たせば適合とする。基準値と同じ値は適合とする。「追加で必要な質量」は、バージン材を"
                           "再生材等に置き換える場合に必要な量である。"
                           if lang == "ja" else
                           "A rule passes when any one condition holds; exactly at the threshold passes. "
                           "The extra mass replaces virgin material (basis unchanged)."))
    header_row = 3
    for col, (key, _, width) in enumerate(_COLUMNS):
        ws.write_string(header_row, col, _header(key, lang), head)
        ws.set_column(col, col, width)
    ws.freeze_panes(header_row + 1, 1)
    if results is None:
        ws.write_string(header_row + 1, 0, "グリーン購入の判定結果が渡されていません。" if lang == "ja"
                        else "The green-procurement verdicts were not supplied.")
        return ws
    if not results:
        ws.write_string(header_row + 1, 0, ui("no_procurement", lang))
        _write_messages(ws, header_row + 3, messages, lang, text)
        return ws
    for i, r in enumerate(results):
        row = header_row + 1 + i
        rule = r.rule
        values = {
            "product_id": r.product_id, "description": r.description or "", "rule_id": r.rule_id,
            "category": rule.category(lang), "scheme": f"{r.rule_info(lang)['scheme_label']} — {rule.scheme_item_text(lang)}",
            "basis": r.basis_label(lang), "mass_unit": r.mass_unit,
            "verdict": ui("not_applicable" if r.status == "not_applicable" else r.status, lang),
            "conditions": _condition_text(r, lang),
            "needed_kind": needed_kind_label(r.needed_kind, lang),
            "rule_status": ("! " if r.unconfirmed else "") + rule.status_text(lang),
            "version": rule.version_text(lang) + (f" (→ {rule.valid_to.isoformat()})" if rule.valid_to else ""),
            "source": rule.source, "note": _note_text(r, lang),
        }
        numbers = {"basis_mass": (r.basis_mass, mass), "recycled_pct": (r.recycled_pct, pct),
                   "postconsumer_pct": (r.postconsumer_pct, pct), "preconsumer_pct": (r.preconsumer_pct, pct),
                   "biobased_pct": (r.biobased_pct, pct), "needed_mass": (r.needed_mass, mass)}
        for col, (key, _, _) in enumerate(_COLUMNS):
            if key in numbers:
                value, fmt = numbers[key]
                if value is None:
                    ws.write_blank(row, col, None, fmt)
                else:
                    ws.write_number(row, col, float(value), fmt)
            elif key == "verdict":
                ws.write_string(row, col, values[key], verdict_fmt[r.status])
            elif key == "rule_status" and r.unconfirmed:
                ws.write_string(row, col, values[key], unconfirmed_fmt)
            else:
                ws.write_string(row, col, values[key], text)
    last = header_row + len(results)
    ws.autofilter(header_row, 0, last, len(_COLUMNS) - 1)
    _print_setup(ws, results, header_row, last + 6, lang, print_title)
    if any(r.unconfirmed for r in results):
        ws.merge_range(last + 2, 0, last + 2, 5, "", unconfirmed_fmt)
        ws.write_string(last + 2, 0, "! " + ui("unconfirmed_flag", lang), unconfirmed_fmt)
    _write_messages(ws, last + 4, messages, lang, text)
    return ws


def _print_setup(ws, results: list[CheckResult], header_row: int, last_row: int, lang: str, title: str) -> None:
    """Landscape A4 pages one page wide, the header row and the product id column repeated on every page, and
    row heights for the wrapped conditions and notes (LibreOffice and PDF exports do not auto-fit rows)."""
    from .report import _page, row_height, wrapped_lines

    widths = [w for _, _, w in _COLUMNS]
    wrap_cols = [i for i, (k, _, _) in enumerate(_COLUMNS) if k in ("conditions", "note", "scheme", "description",
                                                                   "category", "basis", "source", "rule_status")]
    ws.set_row(header_row, row_height(max(wrapped_lines(_header(k, lang), w) for k, _, w in _COLUMNS)))
    for i, r in enumerate(results):
        texts = {"conditions": _condition_text(r, lang), "note": _note_text(r, lang),
                 "scheme": f"{r.rule_info(lang)['scheme_label']} — {r.rule.scheme_item}",
                 "description": r.description or "", "category": r.rule.category(lang), "basis": r.basis_label(lang),
                 "source": r.rule.source, "rule_status": r.rule.status_text(lang)}
        lines = max(wrapped_lines(texts[_COLUMNS[c][0]], widths[c]) for c in wrap_cols)
        ws.set_row(header_row + 1 + i, row_height(lines))
    _page(ws, last_row, len(_COLUMNS) - 1, header_row=header_row, title=title or ui("procurement_check", lang),
          repeat_col=True, pages_wide=2)


def _write_messages(ws, row: int, messages: list[Message], lang: str, fmt) -> None:
    """Messages of the check (e.g. unknown rule ids with the closest ids), one per row."""
    if not messages:
        return
    title = ui("messages", lang) if "messages" in _UI_KEYS else ("メッセージ" if lang == "ja" else "Messages")
    ws.write_string(row, 0, title)
    for i, m in enumerate(messages, 1):
        ws.write_string(row + i, 0, m.where())
        ws.write_string(row + i, 1, m.text(lang), fmt)
