"""``gcpcalc compute INPUT`` and ``gcpcalc validate INPUT``.

* ``compute`` reads an assessment (JSON form or Excel template), computes every indicator and prints it as
  JSON (``{"indicators": {id: {"value", "unit", "reason", ...}}, "messages": [...]}``) or as an aligned
  table (id, label, value, unit, reason when not computable).
* ``validate`` prints every message about the input and exits 0 when it is valid, 2 when it is not.

Invalid input: exit status 2 and every validation error (as JSON with ``--format json``; otherwise one
readable line per error with its location, in the chosen language).
"""
from __future__ import annotations

import json
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..i18n import severity_label, ui, unit_label
from ..messages import ERROR, Message

EXIT_OK = 0
EXIT_INVALID = 2

#: decimal places shown per unit in the table format (the JSON keeps full precision)
DISPLAY_DECIMALS = {"%": 2, "t": 3, "ratio": 3, "0-1": 4, "m3": 1, "MWh": 1}


def register(subparsers) -> None:
    for name, func, help_en in (
        ("compute", run_compute, "compute every indicator of an assessment (JSON or Excel template)"),
        ("validate", run_validate, "check an assessment and print every message (exit 2 when invalid)"),
    ):
        p = subparsers.add_parser(name, help=help_en, description=help_en)
        p.add_argument("input", metavar="INPUT", help="assessment file: .json (data-dictionary JSON form) or .xlsx")
        p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
        p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of labels and messages")
        if name == "compute":
            add_factors_argument(p)
        add_limits_arguments(p)
        p.set_defaults(func=func)


def add_limits_arguments(p) -> None:
    """``--max-file-mb`` / ``--max-memory-mb`` / ``--max-seconds``: the reading limits, raised for a large file
    the user trusts (the defaults are those of an upload in the app)."""
    from ..excel.security import DEFAULT_LIMITS as d

    p.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help=f"largest file read (default {d.max_file_bytes / (1 << 20):g} MB) / 読み込むファイルの上限")
    p.add_argument("--max-memory-mb", type=float, default=None, metavar="MB",
                   help=f"memory of the reading process (default {d.max_memory_bytes / (1 << 20):g} MB) / 読み込み処理のメモリ上限")
    p.add_argument("--max-seconds", type=float, default=None, metavar="S",
                   help=f"CPU seconds of the reading process (default {d.max_seconds:g}) / 読み込み処理の CPU 時間の上限")


def limits_arg(args):
    """The reading limits of the command line's options (None: the defaults)."""
    import dataclasses

    from ..excel.security import DEFAULT_LIMITS

    changes = {}
    if getattr(args, "max_file_mb", None):
        changes["max_file_bytes"] = int(args.max_file_mb * (1 << 20))
    if getattr(args, "max_memory_mb", None):
        changes["max_memory_bytes"] = int(args.max_memory_mb * (1 << 20))
    if getattr(args, "max_seconds", None):
        changes["max_seconds"] = float(args.max_seconds)
        changes["max_wall_seconds"] = max(DEFAULT_LIMITS.max_wall_seconds, 3 * float(args.max_seconds))
    return dataclasses.replace(DEFAULT_LIMITS, **changes) if changes else None


#: refusals a larger limit would lift, with the option that raises it
_LIMIT_OPTIONS = {"json_too_large": "--max-file-mb", "xlsx_too_large": "--max-file-mb",
                  "intake_memory": "--max-memory-mb", "intake_timeout": "--max-seconds"}


def limits_hint(messages, lang: str) -> str | None:
    """One line naming the option that raises the limit a refusal hit (for a file the user trusts)."""
    opts = sorted({_LIMIT_OPTIONS[m.code] for m in messages if m.code in _LIMIT_OPTIONS})
    if not opts:
        return None
    if lang == "ja":
        return (f"信頼できるファイルであれば、{'、'.join(opts)} で上限を引き上げて読み込めます"
                "（アプリのアップロードの上限は変わりません）。")
    return (f"For a file you trust, {', '.join(opts)} raises the limit (the app's upload limits stay as they are).")


def add_factors_argument(p) -> None:
    """``--factors FILE``: emission factors that add to or replace the shipped ones (by material)."""
    p.add_argument("--factors", metavar="FILE", default=None,
                   help="emission factor file (TOML, layout of templates/emission_factors.toml) that adds to or "
                        "replaces the shipped factors by material / 排出係数ファイル（既定の係数に追加・素材ごとに置換）")


def load_factors_arg(path: str | None, lang: str, fmt: str = "table"):
    """(factors, messages) of ``--factors``; factors None and the messages printed when the file has errors."""
    from ..emission_factors import load_factors_path

    factors, messages = load_factors_path(path)
    if factors is None:
        if fmt == "json":
            _print_json({"indicators": {}, "messages": [m.to_dict() for m in messages]})
        else:
            head = ("排出係数ファイルにエラーがあります。指標は算出していません。" if lang == "ja"
                    else "The emission factor file has errors; no indicator was computed.")
            print(head, file=sys.stderr)
            for line in message_lines(messages, lang):
                print(line, file=sys.stderr)
    return factors, messages


# ------------------------------------------------------------------------------------------------
# handlers
# ------------------------------------------------------------------------------------------------


def _load(path: str, meanwhile=None, limits=None, prepare: bool = False):
    from ..io import load_path

    # compute and validate print figures and messages, nothing about the file itself: no digest taken
    return load_path(path, meanwhile, limits, digest=False, prepare=prepare)


def _import_computation() -> None:
    """The modules of the computation (the indicators, the emission factors) imported, and the shipped emission
    factors and critical-materials list loaded (both kept once loaded), while the reader's child works."""
    from .. import disclosure, emission_factors, tables  # noqa: F401
    from ..critical import default_list
    from ..indicators import cti, cti_value_impact, esrs_e5, gcp, iso59020, japan, mci, quality  # noqa: F401

    emission_factors.load_default_factors()
    default_list()


def run_compute(args) -> int:
    # numpy is needed here after reading and by the reader's child: imported once, before the child is forked from
    # this process (gcpcalc.intake.isolate.fork_when_small). pydantic is not imported here: the child validates
    # the input with it while this process imports the computation, and the shipped emission factors and
    # critical materials are read as recorded (gcpcalc.shipped)
    import numpy  # noqa: F401

    loaded = _load(args.input, meanwhile=_import_computation, limits=limits_arg(args), prepare=True)
    if not loaded.ok:
        _print_invalid(loaded.messages, args.format, args.lang, as_validate=False)
        return EXIT_INVALID
    from ..indicators import compute_tables

    factors, _ = load_factors_arg(getattr(args, "factors", None), args.lang, args.format)
    if factors is None:
        return EXIT_INVALID
    # the tables as numpy columns: the same figures as compute(loaded.assessment, factors), without pandas
    results = compute_tables(loaded.tables(frames=False), factors)
    messages = list(loaded.messages) + list(results.messages)
    if args.format == "json":
        from ..disclosure import disclosure_status

        doc = results.to_json_dict(args.lang)
        doc["messages"] = [m.to_dict() for m in messages]
        doc["disclosure_status"] = [s.to_dict(args.lang) for s in disclosure_status(
            results, loaded.rows("disclosures"))]
        _print_json(doc)
    else:
        print(format_table(results, args.lang))
        if messages:
            print(file=sys.stderr)
            for line in message_lines(messages, args.lang):
                print(line, file=sys.stderr)
    return EXIT_OK


def run_validate(args) -> int:
    loaded = _load(args.input, limits=limits_arg(args))
    valid = loaded.ok
    if args.format == "json":
        _print_json({"valid": valid, "messages": [m.to_dict() for m in loaded.messages]})
    else:
        for line in message_lines(loaded.messages, args.lang):
            print(line)
        errors = sum(1 for m in loaded.messages if m.severity == ERROR)
        warnings = sum(1 for m in loaded.messages if m.severity != ERROR)
        if args.lang == "ja":
            print(f"{args.input}：{'有効' if valid else '無効'}（エラー {errors} 件、警告 {warnings} 件）")
        else:
            print(f"{args.input}: {'valid' if valid else 'invalid'} ({errors} error(s), {warnings} warning(s))")
    return EXIT_OK if valid else EXIT_INVALID


def _print_invalid(messages: list[Message], fmt: str, lang: str, as_validate: bool) -> None:
    if fmt == "json":
        _print_json({"indicators": {}, "messages": [m.to_dict() for m in messages]})
        hint = limits_hint(messages, lang)
        if hint:
            print(hint, file=sys.stderr)
        return
    errors = [m for m in messages if m.severity == ERROR]
    head = (f"入力が無効です（エラー {len(errors)} 件）。指標は算出していません。" if lang == "ja"
            else f"The input is not valid ({len(errors)} error(s)); no indicator was computed.")
    print(head, file=sys.stderr)
    for line in message_lines(messages, lang):
        print(line, file=sys.stderr)
    hint = limits_hint(messages, lang)
    if hint:
        print(hint, file=sys.stderr)


def _print_json(doc: dict) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False, default=str))


# ------------------------------------------------------------------------------------------------
# text output
# ------------------------------------------------------------------------------------------------


def message_lines(messages: list[Message], lang: str) -> list[str]:
    """One readable line per message: severity, location, text (in ``lang``)."""
    lines = []
    for m in messages:
        lines.append(f"{severity_label(m.severity, lang)}{'：' if lang == 'ja' else ': '}{m.display(lang)}")
    return lines


def format_value(value, unit: str) -> str:
    """A value rounded half-up for display (the engine keeps full precision), with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    places = DISPLAY_DECIMALS.get(unit, 2)
    try:
        d = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    if d == 0:
        d = abs(d)  # no "-0.00"
    return f"{d:,.{places}f}"


def display_width(text: str) -> int:
    """Columns taken by ``text`` in a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad_to_width(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def format_table(results, lang: str = "en") -> str:
    """Aligned columns: id, label, value (rounded for display), unit, and the reason when not computable."""
    nc = ui("not_computable", lang)
    header = ("id", ui("indicator", lang), ui("value", lang), ui("unit", lang), ui("reason", lang))
    rows = []
    for iid, r in results.items():
        reason = f"{nc}{'：' if lang == 'ja' else ': '}{r.reason(lang)}" if r.value is None else ""
        rows.append((iid, r.label(lang), format_value(r.value, r.unit), unit_label(r.unit, lang), reason))
    widths = [max(display_width(row[c]) for row in [header, *rows]) for c in range(4)]
    lines = []
    for row in [header, *rows]:
        cells = [pad_to_width(row[0], widths[0]), pad_to_width(row[1], widths[1]),
                 pad_to_width(row[2], widths[2], right=True), pad_to_width(row[3], widths[3])]
        lines.append("  ".join(cells + [row[4]]).rstrip())
    return "\n".join(lines)
