"""Value-chain commands: supplier data requests, mapped imports from other systems, and scenarios.

* ``suppliers request INPUT -o DIR [--lang ja|en]`` — one request workbook per supplier of the inflow lines;
* ``suppliers merge INPUT ANSWER.xlsx ... -o OUT.json [--save --db URL --author A]`` — merge the answers with
  provenance (files, SHA-256, changed cells, conflicts, missing answers); ``--save`` stores the merged
  assessment as a new revision and its provenance beside it;
* ``import-mapped FILE --mapping NAME|MAPPING.json --into INPUT -o OUT.json [--replace] [--db URL]`` — rows of an
  ERP or manifest export through a saved column mapping; ``mapping save NAME MAPPING.json`` /
  ``mapping list`` / ``mapping show NAME`` manage the mappings in the store;
* ``scenario INPUT SCENARIO.json [-o OUT.json] [--solve INDICATOR TARGET --vary CHANGE.PARAM --range LO HI]``
  — baseline and scenario figures side by side; with ``--solve`` the value of one parameter of one change
  that reaches the target; ``scenario save NAME SCENARIO.json`` stores a scenario by name.

Invalid input exits with status 2 and every message in ja/en; nothing is written then.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..messages import ERROR, Message

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _print(messages: list[Message], lang: str) -> None:
    from .compute import message_lines

    for line in message_lines(messages, lang):
        print(line, file=sys.stderr)


def _load_json_form(path: str, lang: str) -> dict | None:
    from ..io import load_path

    loaded = load_path(path)
    if not loaded.ok:
        _print(loaded.messages, lang)
        return None
    return loaded.assessment.to_json_dict()


def _fmt(v) -> str:
    return "—" if v is None else f"{v:,.2f}"


def _lang(p) -> None:
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of texts and messages")


def _db(p) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help="SQLAlchemy database URL (default: $GCPCALC_DATABASE_URL or the user's SQLite file)")


def register(subparsers) -> None:
    sup = subparsers.add_parser("suppliers", help="supplier data requests and the merge of their answers / サプライヤー依頼")
    ssub = sup.add_subparsers(dest="suppliers_command", metavar="SUPPLIERS_COMMAND")
    sup.set_defaults(func=lambda args: (sup.print_help(), EXIT_INVALID)[1])
    p = ssub.add_parser("request", help="one request workbook per supplier")
    p.add_argument("input", metavar="INPUT")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the workbooks")
    _lang(p)
    p.set_defaults(func=run_request)
    p = ssub.add_parser("merge", help="merge answer workbooks into the assessment")
    p.add_argument("input", metavar="INPUT")
    p.add_argument("answers", metavar="ANSWER", nargs="+", help="answer workbooks, or folders of them")
    p.add_argument("-o", "--output", metavar="OUT.json", default=None)
    p.add_argument("--save", action="store_true", help="save the merged assessment as a new store revision")
    p.add_argument("--author", default="")
    _db(p)
    _lang(p)
    p.set_defaults(func=run_merge)

    p = subparsers.add_parser("import-mapped", help="import an ERP or manifest export through a column mapping / 外部データ取込")
    p.add_argument("file", metavar="FILE", help="CSV or .xlsx export")
    p.add_argument("--mapping", required=True, help="a mapping saved in the store (name) or a mapping .json file")
    p.add_argument("--into", required=True, metavar="INPUT", help="assessment the rows are added to")
    p.add_argument("-o", "--output", metavar="OUT.json", required=True)
    p.add_argument("--replace", action="store_true", help="replace the target table instead of adding to it")
    _db(p)
    _lang(p)
    p.set_defaults(func=run_import_mapped)

    mp = subparsers.add_parser("mapping", help="column mappings saved in the store / 取込設定")
    msub = mp.add_subparsers(dest="mapping_command", metavar="MAPPING_COMMAND")
    mp.set_defaults(func=lambda args: (mp.print_help(), EXIT_INVALID)[1])
    p = msub.add_parser("save", help="save a mapping .json under NAME")
    p.add_argument("name")
    p.add_argument("file", metavar="MAPPING.json")
    _db(p)
    _lang(p)
    p.set_defaults(func=lambda a: run_doc_save(a, "mapping"))
    p = msub.add_parser("list", help="saved mappings")
    _db(p)
    _lang(p)
    p.set_defaults(func=lambda a: run_doc_list(a, "mapping"))
    p = msub.add_parser("show", help="a saved mapping as JSON")
    p.add_argument("name")
    _db(p)
    _lang(p)
    p.set_defaults(func=lambda a: run_doc_show(a, "mapping"))

    sc = subparsers.add_parser("scenario", help="what-if scenarios against a baseline / シナリオ分析")
    sc.add_argument("input", metavar="INPUT", nargs="?")
    sc.add_argument("scenario", metavar="SCENARIO", nargs="?", help="scenario .json file or a name saved in the store")
    sc.add_argument("-o", "--output", metavar="OUT.json", default=None, help="write the scenario's assessment")
    sc.add_argument("--solve", nargs=2, metavar=("INDICATOR", "TARGET"), default=None)
    sc.add_argument("--vary", metavar="N.PARAM", default=None,
                    help="the parameter solved for: change number (1-based) and parameter, e.g. 1.recycled_pct")
    sc.add_argument("--range", nargs=2, type=float, metavar=("LO", "HI"), default=(0.0, 100.0))
    sc.add_argument("--save-as", metavar="NAME", default=None, help="save the scenario in the store under NAME")
    sc.add_argument("--format", choices=("table", "json"), default="table")
    _db(sc)
    _lang(sc)
    sc.set_defaults(func=run_scenario)


# ------------------------------------------------------------------------------------------------
def run_request(args) -> int:
    from ..excel.suppliers import request_workbooks, safe_filename

    data = _load_json_form(args.input, args.lang)
    if data is None:
        return EXIT_INVALID
    books, msgs = request_workbooks(data, args.lang)
    _print(msgs, args.lang)
    if not books:
        print(_t(args.lang, "No inflow line names a supplier: no request was made.",
                 "サプライヤーが記入されたインフローの行がないため、依頼ファイルは作成していません。"), file=sys.stderr)
        return EXIT_INVALID
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for sup, blob in books.items():
        path = out / f"{safe_filename(sup)}.xlsx"
        path.write_bytes(blob)
        print(path)
    return EXIT_OK


def _answer_files(paths: list[str]) -> list[tuple[str, bytes]]:
    files = []
    for p in paths:
        path = Path(p)
        items = sorted(path.glob("*.xlsx")) if path.is_dir() else [path]
        files.extend((f.name, f.read_bytes()) for f in items)
    return files


def run_merge(args) -> int:
    from ..excel.suppliers import merge_answers
    from ..models import validate_assessment

    data = _load_json_form(args.input, args.lang)
    if data is None:
        return EXIT_INVALID
    try:
        files = _answer_files(args.answers)
    except OSError as exc:
        print(_t(args.lang, f"Cannot read the answers: {exc.strerror}", f"回答ファイルを読み込めません：{exc.strerror}"),
              file=sys.stderr)
        return EXIT_INVALID
    res = merge_answers(data, files, lang=args.lang)
    msgs = list(res.messages)
    assessment = None
    if res.data is not None:
        assessment, vmsgs = validate_assessment(res.data)
        msgs += vmsgs
    _print(msgs, args.lang)
    if assessment is None or any(m.severity == ERROR for m in msgs):
        print(_t(args.lang, "Nothing was written: correct the files above and merge again.",
                 "何も書き出していません。上記のファイルを修正して、再度取り込んでください。"), file=sys.stderr)
        return EXIT_INVALID
    merged = assessment.to_json_dict()
    if args.output:
        Path(args.output).write_text(json.dumps(merged, ensure_ascii=False, indent=2), encoding="utf-8")
        Path(args.output).with_suffix(".provenance.json").write_text(
            json.dumps(res.provenance(), ensure_ascii=False, indent=2), encoding="utf-8")
    if args.save:
        from ..store.db import Store

        comment = _t(args.lang, "supplier answers: ", "サプライヤー回答：") + ", ".join(
            f"{f['name']} ({f['sha256'][:12]})" for f in res.files) + _t(
            args.lang, f"; {len(res.changes)} cell(s) changed", f"；{len(res.changes)} セル更新")
        with Store(args.db) as store:
            info = store.save(assessment, author=args.author, comment=comment)
            store.save_document("merge", f"{info.name}|{info.period_end}|{info.number}", res.provenance(),
                                author=args.author)
        print(_t(args.lang, f"Saved as revision {info.number} with its provenance.",
                 f"リビジョン {info.number} として、取込の記録とともに保存しました。"))
    return EXIT_OK


def _mapping_from(arg: str, db: str | None, lang: str):
    from ..mapping import Mapping

    path = Path(arg)
    if path.suffix.lower() == ".json" and path.exists():
        return Mapping.from_dict(json.loads(path.read_text(encoding="utf-8")))
    from ..store.db import Store

    with Store(db) as store:
        return Mapping.from_dict(store.load_document("mapping", arg))


def run_import_mapped(args) -> int:
    from ..mapping import import_into
    from ..store.db import StoreError

    data = _load_json_form(args.into, args.lang)
    if data is None:
        return EXIT_INVALID
    try:
        mapping = _mapping_from(args.mapping, args.db, args.lang)
    except StoreError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError) as exc:
        print(_t(args.lang, f"Cannot read the mapping {args.mapping}: {exc}", f"取込設定 {args.mapping} を読み込めません：{exc}"),
              file=sys.stderr)
        return EXIT_INVALID
    try:
        blob = Path(args.file).read_bytes()
    except OSError as exc:
        print(_t(args.lang, f"Cannot read {args.file}: {exc.strerror}", f"{args.file} を読み込めません：{exc.strerror}"),
              file=sys.stderr)
        return EXIT_INVALID
    out, msgs = import_into(data, mapping, blob, Path(args.file).name, args.lang, replace=args.replace)
    _print(msgs, args.lang)
    if out is None:
        return EXIT_INVALID
    Path(args.output).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return EXIT_OK


def run_doc_save(args, kind: str) -> int:
    from ..store.db import Store, StoreError

    try:
        doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(_t(args.lang, f"Cannot read {args.file}: {exc}", f"{args.file} を読み込めません：{exc}"), file=sys.stderr)
        return EXIT_INVALID
    if kind == "mapping":
        from ..mapping import Mapping

        problems = Mapping.from_dict({**doc, "name": args.name}).check()
        if problems:
            _print(problems, args.lang)
            return EXIT_INVALID
    try:
        with Store(args.db) as store:
            store.save_document(kind, args.name, {**doc, "name": args.name})
    except StoreError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_FAILED
    print(_t(args.lang, f"Saved '{args.name}'.", f"「{args.name}」を保存しました。"))
    return EXIT_OK


def run_doc_list(args, kind: str) -> int:
    from ..store.db import Store

    with Store(args.db) as store:
        for name, saved_at, author in store.list_documents(kind):
            print(f"{name}\t{saved_at:%Y-%m-%d %H:%M} UTC\t{author}")
    return EXIT_OK


def run_doc_show(args, kind: str) -> int:
    from ..store.db import Store, StoreError

    try:
        with Store(args.db) as store:
            doc = store.load_document(kind, args.name)
    except StoreError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_INVALID
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return EXIT_OK


def run_scenario(args) -> int:
    from ..scenario import KEY_INDICATORS, Scenario, run_scenario as run, solve
    from ..store.db import Store, StoreError

    if not args.input or not args.scenario:
        print(_t(args.lang, "usage: gcpcalc scenario INPUT SCENARIO [...]", "使い方：gcpcalc scenario INPUT SCENARIO [...]"),
              file=sys.stderr)
        return EXIT_INVALID
    data = _load_json_form(args.input, args.lang)
    if data is None:
        return EXIT_INVALID
    try:
        path = Path(args.scenario)
        if path.exists():
            scen = Scenario.from_dict(json.loads(path.read_text(encoding="utf-8")))
        else:
            with Store(args.db) as store:
                scen = Scenario.from_dict(store.load_document("scenario", args.scenario))
    except StoreError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError) as exc:
        print(_t(args.lang, f"Cannot read the scenario: {exc}", f"シナリオを読み込めません：{exc}"), file=sys.stderr)
        return EXIT_INVALID
    if args.save_as:
        with Store(args.db) as store:
            store.save_document("scenario", args.save_as, {**scen.to_dict(), "name": args.save_as})
    comp = run(data, scen)
    _print(comp.messages, args.lang)
    if comp.scenario is None:
        return EXIT_INVALID
    doc: dict = {"scenario": scen.to_dict(), "indicators": [
        {"id": i, "baseline": b, "scenario": s, "difference": d} for i, b, s, d in comp.rows]}
    if args.solve:
        indicator, target = args.solve[0], float(args.solve[1])
        if not args.vary or "." not in args.vary:
            print(_t(args.lang, "--solve needs --vary N.PARAM (e.g. 1.recycled_pct)",
                     "--solve には --vary N.PARAM（例：1.recycled_pct）が必要です"), file=sys.stderr)
            return EXIT_INVALID
        n_text, param = args.vary.split(".", 1)
        n = int(n_text) - 1
        if not 0 <= n < len(scen.changes):
            print(_t(args.lang, f"--vary: the scenario has no change {n + 1}", f"--vary：シナリオに変更 {n + 1} はありません"),
                  file=sys.stderr)
            return EXIT_INVALID

        def make(x: float) -> Scenario:
            s = Scenario.from_dict(scen.to_dict())
            s.changes[n].params[param] = x
            return s

        sol = solve(data, make, indicator, target, args.range[0], args.range[1])
        doc["solve"] = {"indicator": indicator, "target": target, "parameter": f"{n + 1}.{param}",
                        "reached": sol.reached, "value_of_parameter": sol.parameter, "indicator_value": sol.value}
        print(sol.message_ja if args.lang == "ja" else sol.message_en, file=sys.stderr)
    if args.output:  # the assessment the figures above were computed from (the scenario applied once)
        Path(args.output).write_text(json.dumps(comp.edited, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.format == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    head = _t(args.lang, "indicator\tbaseline\tscenario\tdifference", "指標\t基準\tシナリオ\t差")
    print(head)
    shown = set(KEY_INDICATORS) | ({args.solve[0]} if args.solve else set())
    for i, b, s, d in comp.rows:
        if i not in shown:
            continue
        res = comp.baseline.get(i) or comp.scenario.get(i)
        print(f"{res.label(args.lang)}\t{_fmt(b)}\t{_fmt(s)}\t{_fmt(d)}")
    return EXIT_OK
