"""Excel commands: ``template``, ``report`` and ``export-template``.

* ``gcpcalc template [--lang ja|en] -o FILE.xlsx`` — the empty input template;
* ``gcpcalc report INPUT -o REPORT.xlsx [--lang ja|en]`` — the disclosure report of a JSON or xlsx input;
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
    p.add_argument("-o", "--output", required=True, help="output .xlsx file")
    p.add_argument("--db", default=None,
                   help="store with saved periods for the trend sheet (default: GCPCALC_DATABASE_URL or the "
                        "user's SQLite file, if it exists)")
    p.add_argument("--no-trend", action="store_true", help="leave the trend sheet out")
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


def cmd_report(args) -> int:
    from ..excel.report import report_bytes
    from ..indicators import compute

    loaded = _load(args.input, args.lang)
    if loaded is None:
        return 2
    _print_messages(loaded.messages, args.lang)  # warnings
    results = compute(loaded.assessment)
    extra = []
    if not args.no_trend:
        from ..excel.report_trend import trend_sheet
        from ..store.trends import saved_trend

        trend = saved_trend(loaded.assessment.organisation["name"], args.db)
        if trend is not None:
            extra.append(trend_sheet(trend))
    data = report_bytes(results, loaded.assessment, lang=args.lang, input_sha256=loaded.sha256,
                        input_name=Path(args.input).name, messages=loaded.messages, extra_sheets=extra)
    return _write(args.output, data, args.lang)
