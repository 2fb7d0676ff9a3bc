"""``gcpcalc xbrl INPUT --standard esrs|vsme --format ixbrl|json -o OUT [--taxonomy PACKAGE.zip]``.

Writes the ESRS E5 (E5-4, E5-5) or VSME B7 figures of an assessment as inline XBRL (XHTML) or xBRL-JSON and
prints a validation summary: facts tagged, figures left out (with the reason), and every finding of the
project's checks and, with ``--taxonomy``, of Arelle against the given package (offline). Exit status 0 when
the file is written and valid, 2 when the input or the export has errors (the file is still written when it
could be built, so that it can be inspected), 1 for anything else.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import severity_label
from ..messages import ERROR
from .compute import EXIT_INVALID, EXIT_OK, _load, _print_invalid

EVIDENCE_STATUSES = ("confirmed", "assumed", "secondary")


def register(subparsers) -> None:
    help_en = "export ESRS E5 / VSME B7 figures as inline XBRL or xBRL-JSON and validate them"
    p = subparsers.add_parser("xbrl", help=help_en, description=help_en)
    p.add_argument("input", metavar="INPUT", help="assessment file: .json or .xlsx")
    p.add_argument("--standard", choices=("esrs", "vsme"), default="esrs", help="ESRS E5 (default) or VSME B7")
    p.add_argument("--format", dest="fmt", choices=("ixbrl", "json"), default="ixbrl",
                   help="ixbrl: XHTML with inline XBRL (default); json: xBRL-JSON")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    p.add_argument("--taxonomy", action="append", metavar="PACKAGE.zip",
                   help="taxonomy package to validate against with Arelle, offline; repeat it for further packages "
                        "(the ESRS taxonomy imports XBRL International's country taxonomy)")
    p.add_argument("--entity-scheme", metavar="URI", help="scheme of --entity-id (default: LEI, "
                   "http://standards.iso.org/iso/17442)")
    p.add_argument("--entity-id", metavar="ID", help="entity identifier (default: the organisation's LEI)")
    p.add_argument("--evidence", default="confirmed,assumed",
                   help="evidence statuses that may be tagged (default: confirmed,assumed)")
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of the document and the summary")
    p.set_defaults(func=run_xbrl)


def summary_lines(result, lang: str) -> list[str]:
    """The validation summary: counts, figures left out with the reason, then every message."""
    ja = lang == "ja"
    report = result.report
    lines = []
    if result.data:
        lines.append(f"タグ付けしたファクト：{len(report.facts)} 件" if ja else f"facts tagged: {len(report.facts)}")
    if report.omitted:
        lines.append(f"タグ付けしなかった項目：{len(report.omitted)} 件" if ja else f"not tagged: {len(report.omitted)}")
        for o in report.omitted:
            lines.append(f"  - {o.source}{'：' if ja else ': '}{o.reason(lang)}")
    if result.arelle is not None and result.arelle.ran:
        n = len(result.arelle.errors)
        lines.append((f"Arelle による検証：エラー {n} 件" if ja else f"Arelle validation: {n} error(s)"))
    for m in result.messages:
        lines.append(f"{severity_label(m.severity, lang)}{'：' if ja else ': '}{m.display(lang)}")
    return lines


def run_xbrl(args) -> int:
    loaded = _load(args.input)
    if not loaded.ok:
        _print_invalid(loaded.messages, "table", args.lang, as_validate=False)
        return EXIT_INVALID
    from ..indicators import compute
    from ..xbrl import export

    evidence = tuple(s.strip() for s in args.evidence.split(",") if s.strip())
    unknown = [e for e in evidence if e not in EVIDENCE_STATUSES]
    if unknown or not evidence:
        print(f"--evidence: {', '.join(unknown) or '(empty)'}: "
              + ("使用できる値は " if args.lang == "ja" else "allowed values are ") + ", ".join(EVIDENCE_STATUSES),
              file=sys.stderr)
        return EXIT_INVALID
    results = compute(loaded.assessment)
    result = export(loaded.assessment, results, args.standard, args.fmt, lang=args.lang,
                    entity_scheme=args.entity_scheme, entity_id=args.entity_id, taxonomy=args.taxonomy,
                    evidence=evidence, file_name=Path(args.output).name)
    if result.data:
        out = Path(args.output)
        try:
            out.write_bytes(result.data)
        except OSError as exc:
            print(f"{args.output}: {'書き込めません' if args.lang == 'ja' else 'cannot be written'} ({exc.strerror})",
                  file=sys.stderr)
            return 1
        print(f"{'出力しました' if args.lang == 'ja' else 'written'}: {out}")
    for line in summary_lines(result, args.lang):
        print(line)
    return EXIT_OK if result.ok else EXIT_INVALID if any(m.severity == ERROR for m in result.messages) else 1
