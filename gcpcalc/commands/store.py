"""``gcpcalc store ...`` (saved assessments, revisions, trends, targets) and ``gcpcalc consolidate ...``.

* ``store save INPUT [--author A] [--comment C]`` — save a new revision of the assessment in INPUT;
* ``store list`` — every saved assessment (organisation name, period end, number of revisions);
* ``store history NAME [--period PERIOD_END]`` — the revisions of NAME, and the trend of its key
  indicators with the progress towards its targets;
* ``store show NAME PERIOD_END [--revision N] [-o FILE.json]`` — a revision's assessment (JSON form);
* ``store diff NAME PERIOD_END R1 R2`` — lines added, removed and changed from revision R1 to R2;
* ``store target NAME INDICATOR YEAR VALUE [--baseline-year Y --baseline-value V] [--delete]`` — set or
  delete a target; ``store trend NAME`` — the trend and the targets' progress;
* ``consolidate A B ... -o GROUP.json [--name NAME] [--save]`` — a group assessment adding up the
  subsidiaries' flows, with each subsidiary's contribution.

Every command takes ``--db URL`` (default: ``GCPCALC_DATABASE_URL``, else a SQLite file in the user's
data directory), ``--format table|json`` and ``--lang en|ja``. Exit status 2 for invalid input or an
unknown name, revision or period; 1 when the database fails.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..messages import Message

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
_USER_ERRORS = {"store_not_found", "store_revision_not_found", "store_name_not_found", "store_bad_date",
                "store_not_ours", "store_not_a_database", "store_revision_damaged"}


def _common(p, db: bool = True) -> None:
    if db:
        p.add_argument("--db", metavar="URL", default=None,
                       help="SQLAlchemy database URL (default: $GCPCALC_DATABASE_URL or the user's SQLite file)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of labels and messages")


def register(subparsers) -> None:
    store = subparsers.add_parser("store", help="saved assessments: revisions, history, diff, trends and targets",
                                  description="Saved assessments: append-only revisions, history, diff, trends.")
    sub = store.add_subparsers(dest="store_command", metavar="STORE_COMMAND")
    store.set_defaults(func=lambda args: (store.print_help(), EXIT_INVALID)[1])

    p = sub.add_parser("save", help="save the assessment in INPUT as a new revision")
    p.add_argument("input", metavar="INPUT", help="assessment file: .json or .xlsx")
    p.add_argument("--author", default="", help="who saves (kept with the revision)")
    p.add_argument("--comment", default="", help="what changed (kept with the revision)")
    _common(p)
    p.set_defaults(func=run_save)

    p = sub.add_parser("list", help="every saved assessment")
    _common(p)
    p.set_defaults(func=run_list)

    p = sub.add_parser("history", help="the revisions of NAME and the trend of its key indicators")
    p.add_argument("name", metavar="NAME", help="organisation name as saved")
    p.add_argument("--period", metavar="PERIOD_END", default=None, help="only this period (YYYY-MM-DD)")
    _common(p)
    p.set_defaults(func=run_history)

    p = sub.add_parser("show", help="the assessment of a revision (JSON form)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("period_end", metavar="PERIOD_END", help="period end, YYYY-MM-DD")
    p.add_argument("--revision", type=int, default=None, metavar="N", help="revision number (default: latest)")
    p.add_argument("-o", "--output", metavar="FILE.json", default=None, help="write the assessment to this file")
    _common(p)
    p.set_defaults(func=run_show)

    p = sub.add_parser("diff", help="lines added, removed and changed between two revisions")
    p.add_argument("name", metavar="NAME")
    p.add_argument("period_end", metavar="PERIOD_END")
    p.add_argument("r1", metavar="R1", type=int)
    p.add_argument("r2", metavar="R2", type=int)
    _common(p)
    p.set_defaults(func=run_diff)

    p = sub.add_parser("target", help="set (or --delete) the target of an indicator for a year")
    p.add_argument("name", metavar="NAME")
    p.add_argument("indicator", metavar="INDICATOR", help="indicator id, e.g. cti.circular_inflow_pct")
    p.add_argument("year", metavar="YEAR", type=int, help="fiscal year of the target: the year in which the period starts (FY2030 = April 2030 - March 2031)")
    p.add_argument("value", metavar="VALUE", type=float, nargs="?", default=None, help="target value")
    p.add_argument("--baseline-year", type=int, default=None)
    p.add_argument("--baseline-value", type=float, default=None)
    p.add_argument("--note", default="")
    p.add_argument("--delete", action="store_true", help="delete the target instead")
    _common(p)
    p.set_defaults(func=run_target)

    p = sub.add_parser("trend", help="key indicators per period and progress towards the targets")
    p.add_argument("name", metavar="NAME")
    _common(p)
    p.set_defaults(func=run_trend)

    p = subparsers.add_parser("consolidate", help="add up subsidiaries' assessments into a group assessment",
                              description="Add up the flows of several assessments of the same period.")
    p.add_argument("inputs", metavar="INPUT", nargs="+", help="subsidiary assessment files (.json or .xlsx)")
    p.add_argument("-o", "--output", metavar="GROUP.json", required=True, help="where to write the group assessment")
    p.add_argument("--name", default=None, help="group name (default: the first name + ' group')")
    p.add_argument("--save", action="store_true", help="also save the group assessment in the store")
    p.add_argument("--author", default="")
    p.add_argument("--comment", default="")
    _common(p)
    p.set_defaults(func=run_consolidate)


# --------------------------------------------------------------------------------------------------
# output helpers
# --------------------------------------------------------------------------------------------------
def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _print_json(doc) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False, default=str))


def _print_messages(messages: list[Message], args) -> None:
    if args.format == "json":
        _print_json({"ok": False, "messages": [m.to_dict() for m in messages]})
        return
    from .compute import message_lines

    for line in message_lines(messages, args.lang):
        print(line, file=sys.stderr)


def _num(value, unit: str = "") -> str:
    if value is None:
        return "—"
    try:
        from .compute import format_value

        return format_value(value, unit)
    except Exception:
        return f"{value:.2f}" if isinstance(value, float) else str(value)


def _open(args):
    from ..store import Store

    return Store(args.db)


def _guard(fn):
    """Run a handler; store and consolidation errors become messages and an exit status."""

    def run(args) -> int:
        from ..store import ConsolidationFailed, StoreError

        try:
            return fn(args)
        except StoreError as exc:
            _print_messages(exc.messages, args)
            return EXIT_INVALID if exc.message.code in _USER_ERRORS else EXIT_FAILED
        except ConsolidationFailed as exc:
            _print_messages(exc.messages, args)
            return EXIT_INVALID

    run.__name__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def _write_json(path: str, doc: dict, args) -> bool:
    try:
        Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        return True
    except OSError as exc:
        _print_messages([Message("file", "error", f"{path}: cannot be written ({exc.strerror}).",
                                 f"{path}：書き込めません（{exc.strerror}）。", location=path)], args)
        return False


# --------------------------------------------------------------------------------------------------
# handlers
# --------------------------------------------------------------------------------------------------
@_guard
def run_save(args) -> int:
    from ..io import load_path

    loaded = load_path(args.input)
    if not loaded.ok:
        _print_messages(loaded.messages, args)
        return EXIT_INVALID
    with _open(args) as store:
        info = store.save(loaded.assessment, author=args.author, comment=args.comment, input_sha256=loaded.sha256)
    if args.format == "json":
        _print_json({"ok": True, "revision": info.to_dict()})
    else:
        print(_t(args.lang, f"Saved '{info.name}' (period ending {info.period_end}) as revision {info.number}.",
                 f"「{info.name}」（期末 {info.period_end}）をリビジョン {info.number} として保存しました。"))
    return EXIT_OK


@_guard
def run_list(args) -> int:
    with _open(args) as store:
        items = store.list_assessments()
    if args.format == "json":
        _print_json({"assessments": [i.to_dict() for i in items]})
        return EXIT_OK
    if not items:
        print(_t(args.lang, "No saved assessments.", "保存された評価はありません。"))
    for i in items:
        print(f"{i.name}\t{i.period_end}\t" + _t(args.lang, f"{i.revisions} revision(s), latest {i.latest_revision}",
                                                 f"リビジョン {i.revisions} 件、最新 {i.latest_revision}")
              + f"\t{i.last_saved_at:%Y-%m-%d %H:%M} UTC\t{i.last_author}")
    return EXIT_OK


def _trend_lines(trend: dict, lang: str) -> list[str]:
    from ..store.trends import status_label

    lines = []
    periods = trend["periods"]
    lines.append(_t(lang, "Trend", "推移") + ": " + "  ".join(p["period_end"] for p in periods))
    for ind in trend["indicators"]:
        if all(v is None for v in ind["values"]):
            continue
        label = ind["label_ja"] if lang == "ja" else ind["label_en"]
        lines.append(f"  {label} [{ind['unit']}]: " + "  ".join(_num(v, ind["unit"]) for v in ind["values"]))
    for t in trend["targets"]:
        label = t["label_ja"] if lang == "ja" else t["label_en"]
        prog = "—" if t["progress_pct"] is None else f"{t['progress_pct']:.1f}%"
        lines.append("  " + _t(lang, "Target", "目標") + f" {label}: {_num(t['target_value'], t['unit'])} "
                     + _t(lang, f"by {t['target_year']}", f"（{t['target_year']}年）") + "; "
                     + _t(lang, "latest", "最新") + f" {_num(t['latest_value'], t['unit'])}; "
                     + _t(lang, "path", "計画線") + f" {_num(t['path_value'], t['unit'])}; "
                     + _t(lang, "progress", "進捗") + f" {prog}; {status_label(t['status'], lang)}")
    return lines


@_guard
def run_history(args) -> int:
    from ..store import trend_data

    with _open(args) as store:
        revisions = store.history(args.name, args.period)
        trend = trend_data(store, args.name)
    if args.format == "json":
        _print_json({"name": args.name, "revisions": [r.to_dict() for r in revisions], "trend": trend})
        return EXIT_OK
    for r in revisions:
        print(f"{r.period_end}\t#{r.number}\t{r.saved_at:%Y-%m-%d %H:%M:%S} UTC\t{r.author}\t{r.comment}\t"
              f"{r.input_sha256[:12]}")
    for line in _trend_lines(trend, args.lang):
        print(line)
    return EXIT_OK


@_guard
def run_show(args) -> int:
    with _open(args) as store:
        info = store.revision(args.name, args.period_end, args.revision)
        assessment = store.load(args.name, args.period_end, info.number)
    doc = assessment.to_json_dict()
    if args.output:
        if not _write_json(args.output, doc, args):
            return EXIT_FAILED
        if args.format == "json":
            _print_json({"ok": True, "revision": info.to_dict(), "output": args.output})
        else:
            print(_t(args.lang, f"Wrote revision {info.number} of '{info.name}' to {args.output}.",
                     f"「{info.name}」のリビジョン {info.number} を {args.output} に書き出しました。"))
        return EXIT_OK
    if args.format == "json":
        _print_json(doc)
    else:
        print(f"{info.name}\t{info.period_end}\t#{info.number}\t{info.saved_at:%Y-%m-%d %H:%M} UTC\t{info.author}\t"
              f"{info.comment}")
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    return EXIT_OK


@_guard
def run_diff(args) -> int:
    with _open(args) as store:
        diff = store.diff(args.name, args.period_end, args.r1, args.r2)
    if args.format == "json":
        _print_json({"name": args.name, "period_end": args.period_end, "from": args.r1, "to": args.r2,
                     **diff.to_dict()})
        return EXIT_OK
    c = diff.counts
    print(_t(args.lang, f"{c['added']} added, {c['removed']} removed, {c['changed']} changed",
             f"追加 {c['added']}、削除 {c['removed']}、変更 {c['changed']}"))
    for line in diff.lines(args.lang):
        print(line)
    return EXIT_OK


@_guard
def run_target(args) -> int:
    from ..store import Target

    with _open(args) as store:
        if args.delete:
            done = store.delete_target(args.name, args.indicator, args.year)
            if args.format == "json":
                _print_json({"ok": done})
            else:
                print(_t(args.lang, "Target deleted." if done else "No such target.",
                         "目標を削除しました。" if done else "該当する目標はありません。"))
            return EXIT_OK if done else EXIT_INVALID
        if args.value is None:
            _print_messages([Message("target_value_missing", "error", "VALUE is required to set a target.",
                                     "目標を設定するには VALUE が必要です。")], args)
            return EXIT_INVALID
        target = store.set_target(Target(args.name, args.indicator, args.year, args.value, args.baseline_year,
                                         args.baseline_value, args.note))
    if args.format == "json":
        _print_json({"ok": True, "target": target.to_dict()})
    else:
        print(_t(args.lang, f"Target set: {args.indicator} = {args.value:g} by FY{args.year}.",
                 f"目標を設定しました：{args.indicator} を {args.year}年度までに {args.value:g}。"))
    return EXIT_OK


@_guard
def run_trend(args) -> int:
    from ..store import trend_data

    with _open(args) as store:
        trend = trend_data(store, args.name)
    if args.format == "json":
        _print_json(trend)
    else:
        for line in _trend_lines(trend, args.lang):
            print(line)
    return EXIT_OK


@_guard
def run_consolidate(args) -> int:
    from ..io import load_path
    from ..store import consolidate, contributions

    loaded = [load_path(p) for p in args.inputs]
    bad = [m for item in loaded if not item.ok for m in item.messages]
    if bad:
        _print_messages(bad, args)
        return EXIT_INVALID
    subs = [item.assessment for item in loaded]
    name = args.name or f"{subs[0].organisation['name']} group"
    group = consolidate(subs, name=name)
    if not _write_json(args.output, group.to_json_dict(), args):
        return EXIT_FAILED
    contrib = contributions(subs, group)
    saved = None
    if args.save:
        with _open(args) as store:
            saved = store.save(group, author=args.author, comment=args.comment or "consolidated / 連結")
    if args.format == "json":
        _print_json({"ok": True, "output": args.output, "contributions": contrib,
                     "revision": saved.to_dict() if saved else None})
        return EXIT_OK
    print(_t(args.lang, f"Wrote the group assessment '{name}' to {args.output}.",
             f"グループ評価「{name}」を {args.output} に書き出しました。"))
    from ..store.trends import indicator_meta

    rows = [contrib["group"]] + contrib["members"]
    ids = [i for i in contrib["group"]["indicators"] if any(r["indicators"].get(i) is not None for r in rows)]
    header = [_t(args.lang, "Organisation", "組織"), _t(args.lang, "Inflow t", "インフロー t"),
              _t(args.lang, "Outflow t", "アウトフロー t")]
    header += [indicator_meta(i)["label_ja" if args.lang == "ja" else "label_en"] for i in ids]
    print("\t".join(header))
    for r in rows:
        print("\t".join([r["name"], _num(r["inflow_t"], "t"), _num(r["outflow_t"], "t")]
                        + [_num(r["indicators"].get(i), indicator_meta(i)["unit"]) for i in ids]))
    if saved:
        print(_t(args.lang, f"Saved as revision {saved.number}.", f"リビジョン {saved.number} として保存しました。"))
    return EXIT_OK
