"""Excel commands: ``template``, ``report`` and ``export-template``.

* ``gcpcalc template [--lang ja|en] -o FILE.xlsx`` — the empty input template;
* ``gcpcalc report INPUT -o REPORT.xlsx|REPORT.pdf [--format xlsx|pdf] [--lang ja|en]`` — the disclosure report
  of a JSON or xlsx input, as a workbook or a typeset PDF (the format follows the output's suffix unless
  given); progress goes to stderr for large inputs or with ``--progress``;
* ``gcpcalc export-template INPUT -o FILE.xlsx [--lang ja|en]`` — an input written into the template
  layout, to continue in Excel.

Invalid input: every message is printed (with its cell for workbooks) and the status is 2.
"""
from __future__ import annotations

import sys
from pathlib import Path


def _lang_arg(p) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the workbook (default ja)")


def register(subparsers) -> None:
    p = subparsers.add_parser("template", help="write the Excel input template / 入力テンプレートを出力")
    _lang_arg(p)
    p.add_argument("-o", "--output", required=True, help="output .xlsx file")
    p.set_defaults(func=cmd_template)

    p = subparsers.add_parser("report", help="write the Excel disclosure report / 開示レポートを出力")
    p.add_argument("input", help="input assessment (.json or .xlsx template)")
    _lang_arg(p)
    p.add_argument("-o", "--output", required=True, help="output .xlsx or .pdf file")
    p.add_argument("--format", choices=("xlsx", "pdf"), default=None,
                   help="xlsx (Excel workbook) or pdf (typeset A4 document); default: from the output's suffix")
    p.add_argument("--progress", action="store_true", default=None,
                   help="print progress to stderr (default: for inputs of 20,000 lines or more, or on a terminal)")
    p.add_argument("--db", default=None,
                   help="store with saved periods for the trend sheet (default: GCPCALC_DATABASE_URL or the "
                        "user's SQLite file, if it exists)")
    p.add_argument("--no-trend", action="store_true", help="leave the trend sheet out")
    p.add_argument("--scenario", metavar="SCENARIO", default=None,
                   help="add a scenario sheet: a scenario .json file or a name saved in the store")
    from .compute import add_factors_argument

    add_factors_argument(p)
    p.set_defaults(func=cmd_report)

    p = subparsers.add_parser("export-template", help="write an input into the Excel template / 入力をテンプレート形式で出力")
    p.add_argument("input", help="input assessment (.json or .xlsx template)")
    _lang_arg(p)
    p.add_argument("-o", "--output", required=True, help="output .xlsx file")
    p.set_defaults(func=cmd_export_template)


def _print_messages(messages, lang: str, stream=None) -> None:
    stream = stream or sys.stderr
    from ..i18n import severity_label

    for m in messages:  # 「［エラー］インフロー!E3：…」 / "[error] inflows!E3: …"
        tag = f"［{severity_label(m.severity, 'ja')}］" if lang == "ja" else f"[{m.severity}] "
        print(f"{tag}{m.display(lang)}", file=stream)


def _load(path: str, lang: str):
    from ..io import load_path

    loaded = load_path(path)
    if not loaded.ok:
        _print_messages(loaded.messages, lang)
        n = len(loaded.errors)
        print(f"{path}: {n} error(s); nothing written." if lang == "en" else f"{path}：エラー {n} 件。出力しませんでした。",
              file=sys.stderr)
        return None
    return loaded


def _write(path: str, data: bytes, lang: str) -> int:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        print(f"gcpcalc: {path}: {exc.strerror}" if lang == "en" else f"gcpcalc：{path}：書き込めません（{exc.strerror}）",
              file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_template(args) -> int:
    from ..excel.template import template_bytes

    return _write(args.output, template_bytes(args.lang), args.lang)


def cmd_export_template(args) -> int:
    from ..excel.template import assessment_to_template_bytes

    loaded = _load(args.input, args.lang)
    if loaded is None:
        return 2
    return _write(args.output, assessment_to_template_bytes(loaded.assessment, args.lang), args.lang)


def _progress_printer(lang: str):
    """A progress callback printing "report: 40 % (inputs:inflows)" lines to stderr, at most one per 5 %."""
    state = {"last": -1}

    def progress(stage: str, fraction: float) -> None:
        pct = int(fraction * 100)
        if pct // 5 == state["last"] // 5 and pct < 100:
            return
        state["last"] = pct
        word = "レポート" if lang == "ja" else "report"
        print(f"{word}: {pct:3d} % ({stage})", file=sys.stderr, flush=True)
    return progress


def cmd_report(args) -> int:
    from .. import fields as F
    from ..indicators import compute

    fmt = args.format or ("pdf" if args.output.lower().endswith(".pdf") else "xlsx")
    if fmt == "pdf":
        from ..pdf import pdf_available

        missing = pdf_available()
        if missing:
            print(f"gcpcalc: PDF output is not available: {missing}" if args.lang == "en" else
                  f"gcpcalc：PDF を出力できません：{missing}", file=sys.stderr)
            return 1
    loaded = _load(args.input, args.lang)
    if loaded is None:
        return 2
    _print_messages(loaded.messages, args.lang)  # warnings
    n_lines = sum(len(loaded.assessment.table(t)) for t in F.LIST_TABLES)
    show = args.progress if args.progress is not None else (n_lines >= 20_000 or sys.stderr.isatty())
    progress = _progress_printer(args.lang) if show else None
    from .compute import load_factors_arg

    factors, _ = load_factors_arg(getattr(args, "factors", None), args.lang)
    if factors is None:
        return 2
    results = compute(loaded.assessment, factors)
    _print_messages([m for m in results.messages if m.severity != "info"], args.lang)
    extra, trend = [], None
    if not args.no_trend:
        from ..excel.report_trend import trend_sheet
        from ..store.trends import saved_trend

        trend = saved_trend(loaded.assessment.organisation["name"], args.db)
        if trend is not None:
            extra.append(trend_sheet(trend))
    history = None
    if not args.no_trend and getattr(loaded.assessment, "resource_act", None):
        from ..japan import saved_history

        history = saved_history(loaded.assessment.organisation["name"], args.db)
    scenario = None
    if getattr(args, "scenario", None):
        from ..scenario import Scenario
        from ..store.db import Store, StoreError

        try:
            path = Path(args.scenario)
            if path.exists():
                import json

                scenario = Scenario.from_dict(json.loads(path.read_text(encoding="utf-8")))
            else:
                with Store(getattr(args, "db", None)) as store:
                    scenario = Scenario.from_dict(store.load_document("scenario", args.scenario))
        except StoreError as exc:
            print(exc.text(args.lang), file=sys.stderr)
            return 2
        except (OSError, ValueError) as exc:
            print(("シナリオを読み込めません：" if args.lang == "ja" else "Cannot read the scenario: ") + str(exc),
                  file=sys.stderr)
            return 2
    common = dict(input_sha256=loaded.sha256, input_name=Path(args.input).name, messages=loaded.messages,
                  trend=trend, progress=progress, japan_history=history,
                  scenario=scenario)
    if fmt == "pdf":
        from ..pdf import report_pdf_bytes

        data = report_pdf_bytes(results, loaded.assessment, lang=args.lang, **common)
    else:
        from ..excel.report import report_bytes

        data = report_bytes(results, loaded.assessment, lang=args.lang, extra_sheets=extra, **common)
    return _write(args.output, data, args.lang)
