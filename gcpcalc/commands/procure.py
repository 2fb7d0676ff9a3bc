"""``gcpcalc procure INPUT [--rules FILE] [--format json|table] [--lang ja|en]``.

Checks every line of the assessment's ``procurement`` table against the green-procurement rules (the
shipped ``templates/procurement_rules.toml``, plus a user rules file given with ``--rules`` that adds or
replaces rules). JSON output::

    {"results": [{"product_id", "rule_id", "status": "pass"|"fail"|"not_applicable", "conditions": [...],
                  "recycled_pct", "postconsumer_pct", "needed_mass", "mass_unit", "rule_status", "unconfirmed",
                  "rule": {"source", "version", ...}, ...}],
     "messages": [...], "rules_files": [...]}

Exit status 2 when the input or the rules file is invalid, or a line names an unknown rule id (the other
lines are still checked and printed).
"""
from __future__ import annotations

import json
import sys

from ..i18n import ui
from ..messages import ERROR, Message
from .compute import display_width, message_lines, pad_to_width

EXIT_OK = 0
EXIT_INVALID = 2


def register(subparsers) -> None:
    help_en = "check products against Eco Mark / Green Purchasing Act rules / グリーン購入の適合判定"
    p = subparsers.add_parser("procure", help=help_en, description=help_en)
    p.add_argument("input", metavar="INPUT", help="assessment file: .json (data-dictionary JSON form) or .xlsx")
    p.add_argument("--rules", metavar="FILE", default=None,
                   help="a rules file (TOML) that adds rules or replaces rules with the same rule_id")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of labels and messages")
    p.set_defaults(func=run_procure)


def run_procure(args) -> int:
    from ..io import load_path
    from ..procurement import check_assessment, load_rules_path

    ruleset, rule_messages = load_rules_path(args.rules)
    if ruleset is None:
        _fail(rule_messages, args)
        return EXIT_INVALID
    loaded = load_path(args.input)
    if not loaded.ok:
        _fail(loaded.messages, args)
        return EXIT_INVALID
    results, messages = check_assessment(loaded.assessment, ruleset)
    messages = list(loaded.messages) + messages
    if args.format == "json":
        _print_json({"results": [r.to_dict(args.lang) for r in results],
                     "messages": [m.to_dict() for m in messages], "rules_files": ruleset.files})
    else:
        print(format_table(results, args.lang))
        for line in message_lines(messages, args.lang):
            print(line, file=sys.stderr)
    return EXIT_INVALID if any(m.severity == ERROR for m in messages) else EXIT_OK


def _fail(messages: list[Message], args) -> None:
    if args.format == "json":
        _print_json({"results": [], "messages": [m.to_dict() for m in messages]})
        return
    errors = sum(1 for m in messages if m.severity == ERROR)
    print(f"入力または判定ルールファイルが無効です（エラー {errors} 件）。判定していません。" if args.lang == "ja"
          else f"The input or the rules file is not valid ({errors} error(s)); nothing was checked.", file=sys.stderr)
    for line in message_lines(messages, args.lang):
        print(line, file=sys.stderr)


def _print_json(doc: dict) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False, default=str))



def _num(x: float | None, places: int = 2) -> str:
    return "" if x is None else f"{x:.{places}f}"


def format_table(results, lang: str = "en") -> str:
    """An aligned text table, one line per product; unconfirmed rules are marked with ``!``."""
    if not results:
        return ui("no_procurement", lang)
    head = [ui("product_id", lang), ui("rule_id", lang), ui("verdict", lang), ui("recycled_pct", lang),
            ui("postconsumer_pct", lang), ui("needed_mass", lang), ui("rule_status", lang), ui("rule_version", lang),
            ui("source", lang)]
    rows = []
    for r in results:
        verdict = ui("not_applicable" if r.status == "not_applicable" else r.status, lang)
        status = ("! " if r.unconfirmed else "") + r.rule.status_text(lang)
        needed = "" if r.needed_mass is None else f"{r.needed_mass:.6g} {r.mass_unit}"
        if r.status == "fail" and (r.remove_mass or r.actions):
            needed = r.change_text(lang)
        rows.append([r.product_id, r.rule_id, verdict, _num(r.recycled_pct), _num(r.postconsumer_pct), needed,
                     status, r.rule.version_text(lang), r.rule.source])
    widths = [max(display_width(str(row[i])) for row in [head] + rows) for i in range(len(head))]
    lines = ["  ".join(pad_to_width(str(c), widths[i]) for i, c in enumerate(head)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in rows:
        lines.append("  ".join(pad_to_width(str(c), widths[i]) for i, c in enumerate(row)).rstrip())
    if any(r.unconfirmed for r in results):
        lines.append("")
        lines.append("! " + ui("unconfirmed_flag", lang))
    reasons = [r for r in results if r.reason(lang)]
    for r in reasons:
        lines.append(f"{r.product_id} ({r.rule_id}): {r.reason(lang)}")
    for r in results:
        if r.not_checked:
            lines.append(f"{r.product_id} ({r.rule_id}): {r.not_checked_text(lang)}")
    return "\n".join(lines)
