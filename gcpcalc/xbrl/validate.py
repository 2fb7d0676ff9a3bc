"""Validation of an exported report: the project's own checks, and Arelle against a taxonomy package.

* :func:`check_report` — always: units (t for masses, pure for percentages), percentages as fractions, members
  from the allowed sets, a duration period, no invented concept names.
* :func:`validate_with_arelle` — when a taxonomy package (.zip) is given: Arelle loads the file (iXBRL, or
  xBRL-JSON through its ``loadFromOIM`` plugin) with the package, strictly offline (``internetConnectivity =
  offline``: its web cache fetches nothing; only the given local files are read), validates it (XBRL 2.1,
  dimensions, UTR, calculations 1.1) and returns every finding as a :class:`~gcpcalc.messages.Message` (code,
  concept, ja/en), plus the facts it read, so that they can be compared with the engine's figures.

Arelle is an optional dependency (``pip install 'gcpcalc[xbrl]'``); without it, the result says so.
Arelle is not thread-safe: runs are serialised by a lock.
"""
from __future__ import annotations

import json
import re
import tempfile
import threading
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..messages import ERROR, INFO, WARNING, Message
from . import concepts as C
from .facts import Report

_LOCK = threading.Lock()
#: findings of one Arelle code shown one by one; more are counted in one message
MAX_SAME_CODE = 3


@dataclass(frozen=True)
class ReadFact:
    """A fact as Arelle read it back."""

    concept: str  # prefixed with the project's prefixes (esrs:, vsme:)
    value: Decimal | str
    unit: str | None  # "utr:t", "xbrli:pure"
    decimals: int | None
    dims: tuple[tuple[str, str], ...]  # explicit members, sorted
    typed_dims: tuple[tuple[str, str], ...]
    entity: tuple[str, str]
    period: tuple[str, str]


@dataclass
class ArelleResult:
    ran: bool
    messages: list[Message] = field(default_factory=list)
    facts: list[ReadFact] = field(default_factory=list)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def ok(self) -> bool:
        return self.ran and not self.errors


# ------------------------------------------------------------------------------------------------
# the project's own checks
# ------------------------------------------------------------------------------------------------


def check_report(report: Report) -> list[Message]:
    """Structural checks that need no taxonomy; every problem at once."""
    out: list[Message] = []
    allowed_members = {C.TYPE_OF_WASTE_AXIS: set(C.HAZARD_MEMBERS.values()),
                       C.RECOVERY_AXIS: set(C.RECOVERY_MEMBERS.values()),
                       C.TREATMENT_AXIS: set(C.TREATMENT_MEMBERS.values()),
                       C.VSME_WASTE_AXIS: {m.member for m in C.waste_members().values()}}
    for bad in C.check_not_invented({f.concept for f in report.facts}):
        out.append(_msg("xbrl_invented_concept", ERROR, f"{bad} does not exist in the taxonomy",
                        f"{bad} はタクソノミに存在しない概念です", bad))
    if report.period_end < report.period_start:
        out.append(_msg("xbrl_period", ERROR, "the period ends before it starts", "報告期間の終了日が開始日より前です", ""))
    for f in report.facts:
        expected = C.UNIT_OF_KIND.get(f.kind)
        if f.numeric and f.unit != expected:
            out.append(_msg("xbrl_unit", ERROR, f"{f.concept}: unit {f.unit}, expected {expected}",
                            f"{f.concept}：単位 {f.unit} は不正です（正しくは {expected}）", f.concept))
        if f.kind == C.PERCENT and not (Decimal(0) <= f.value <= Decimal(1)):
            out.append(_msg("xbrl_fraction", WARNING,
                            f"{f.concept}: {f.value} is outside 0–1 (percentages are fractions); the input data "
                            "are inconsistent",
                            f"{f.concept}：{f.value} が 0〜1 の範囲外です（割合は小数で表します）。入力データに不整合があります",
                            f.concept))
        for axis, member in f.dims:
            if axis in allowed_members and member not in allowed_members[axis]:
                out.append(_msg("xbrl_member", ERROR, f"{f.concept}: {member} is not a member of {axis}",
                                f"{f.concept}：{member} は {axis} のメンバーではありません", f.concept))
    return out


def _msg(code: str, severity: str, en: str, ja: str, concept: str) -> Message:
    return Message(code, severity, en, ja, field=concept or None, value=concept or None)


# ------------------------------------------------------------------------------------------------
# Arelle
# ------------------------------------------------------------------------------------------------

#: Japanese explanations of the Arelle codes a user of gcpcalc is likely to meet
_JA_CODES = {
    "utre:error-NumericFactUtrInvalid": "単位がこの概念のデータ型（単位登録簿 UTR）に合いません",
    "xbrldie:PrimaryItemDimensionallyInvalidError": "ディメンションの組合せがタクソノミの表（ハイパーキューブ）に定義されていません",
    "xbrldie:ExplicitMemberUndefinedQNameError": "ディメンションのメンバーがタクソノミに定義されていません",
    "xbrldie:ExplicitMemberNotExplicitDimensionError": "明示的メンバーの指定先が明示的ディメンションではありません",
    "xbrl.4.9:tupleItemUndefined": "概念がタクソノミに定義されていません",
    "xmlSchema:valueError": "値が概念のデータ型に合いません",
    "ix11.12.1.2:missingReferences": "タクソノミへの参照（schemaRef）を読み込めません",
    "IOerror": "ファイルを読み込めません",
    "FileNotLoadable": "ファイルを読み込めません",
    "webCache:offlineFileNotInCache": "オフラインのため、タクソノミパッケージにないファイルを取得できません",
    "xbrl.5.2.5.2:calcInconsistency": "計算関係に不整合があります",
    "calc11e:inconsistentCalculationUsing": "計算関係（Calculation 1.1）に不整合があります",
    "xbrl:schemaImportMissing": "スキーマが見つかりません",
    "oime:invalidTaxonomy": "タクソノミを読み込めません",
    "tpe:invalidArchiveFormat": "タクソノミパッケージの形式が不正です",
}

_CONCEPT_RE = re.compile(r"\b(?:esrs|vsme|waste):[A-Za-z][\w\-]*")


def _ja_text(code: str, text: str, concept: str) -> str:
    what = _JA_CODES.get(code)
    if what is None:
        for k, v in _JA_CODES.items():
            if code.startswith(k.split(":")[0] + ":") and k.split(":")[0] in ("xbrldie", "utre", "calc11e"):
                what = v
                break
    what = what or "XBRL の検証で問題が見つかりました"
    where = f"{concept}：" if concept else ""
    return f"{where}{what}（Arelle コード {code}）。詳細：{text}"


def _severity(level: str) -> str | None:
    level = (level or "").lower()
    if level in ("error", "critical", "fatal", "inconsistency"):
        return ERROR
    if level == "warning":
        return WARNING
    return None  # info, debug and the empty level are not findings


def log_to_messages(entries: list[dict]) -> list[Message]:
    """Arelle log entries (JSON log) -> messages with the code, the concept named and ja/en texts."""
    out = []
    for e in entries:
        severity = _severity(e.get("level", ""))
        if severity is None:
            continue
        code = str(e.get("code") or "arelle")
        msg = e.get("message") or {}
        text = str(msg.get("text") if isinstance(msg, dict) else msg).strip()
        text = re.sub(r"^\[[^\]]*\]\s*", "", text)  # Arelle repeats the code in front ...
        text = re.sub(r"\s+-(?:\s+\S+(?: \d+)?)?\s*$", "", text)  # ... and the file and line at the end
        refs = [r for r in (e.get("refs") or []) if isinstance(r, dict)]
        props = dict(p for p in (refs[0].get("properties") or []) if isinstance(p, list) and len(p) == 2) if refs else {}
        qname = str(props.get("QName", ""))
        m = _CONCEPT_RE.search(text)
        concept = qname if _CONCEPT_RE.fullmatch(qname) else (m.group(0) if m else "")
        where = ""
        if refs and refs[0].get("href"):
            where = str(refs[0]["href"]).split("#", 1)[0].rsplit("/", 1)[-1]
            if refs[0].get("sourceLine"):
                where += f":{refs[0]['sourceLine']}"
        out.append(Message(f"arelle:{code}", severity, f"{concept + ': ' if concept else ''}{text} ({code})",
                           _ja_text(code, text, concept), field=concept or None, value=code, location=where or None))
    return _collapse(out)


def _collapse(messages: list[Message], keep: int = MAX_SAME_CODE) -> list[Message]:
    """At most ``keep`` messages per code (a missing taxonomy gives one finding per fact); the rest are counted
    in one message that names the concepts concerned."""
    seen: dict[str, int] = {}
    rest: dict[str, list[Message]] = {}
    out = []
    for m in messages:
        seen[m.code] = seen.get(m.code, 0) + 1
        if seen[m.code] <= keep:
            out.append(m)
        else:
            rest.setdefault(m.code, []).append(m)
    for code, more in rest.items():
        names = sorted({m.field for m in more if m.field})
        listed = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        arelle_code = code.removeprefix("arelle:")
        out.append(Message(code, more[0].severity,
                           f"{len(more)} more finding(s) of the same kind ({arelle_code}){': ' + listed if listed else ''}",
                           f"同種の指摘があと {len(more)} 件あります（{arelle_code}）{'：' + listed if listed else ''}",
                           value=arelle_code))
    return out


def arelle_available() -> bool:
    try:
        import arelle.api.Session  # noqa: F401
    except ImportError:
        return False
    return True


def _not_installed() -> ArelleResult:
    return ArelleResult(False, [Message(
        "xbrl_arelle_missing", WARNING,
        "Arelle is not installed, so the file was not validated against the taxonomy; install it with "
        "pip install 'gcpcalc[xbrl]'",
        "Arelle がインストールされていないため、タクソノミに対する検証を行っていません。pip install 'gcpcalc[xbrl]' で"
        "インストールしてください")])


def _prefixed(qname, prefixes: dict[str, str]) -> str:
    prefix = prefixes.get(qname.namespaceURI)
    return f"{prefix}:{qname.localName}" if prefix else str(qname)


def _read_facts(model) -> list[ReadFact]:
    prefixes = {v: k for k, v in C.NAMESPACES.items()}
    facts = []
    for f in model.facts:
        ctx = f.context
        unit = None
        if f.unit is not None:
            measures = f.unit.measures[0]
            unit = " ".join(_prefixed(q, prefixes) for q in measures)
        dims, typed = [], []
        if ctx is not None:
            for dim_qn, dv in ctx.qnameDims.items():
                if dv.isExplicit:
                    dims.append((_prefixed(dim_qn, prefixes), _prefixed(dv.memberQname, prefixes)))
                else:
                    typed.append((_prefixed(dim_qn, prefixes), (dv.typedMember.stringValue or "").strip()))
        if f.isNumeric:
            try:
                value: Decimal | str = Decimal(str(f.xValue))
            except (InvalidOperation, TypeError):
                value = str(f.value)
            decimals = None if f.decimals in (None, "INF") else int(f.decimals)
        else:
            value = f.value if f.value is not None else ""
            decimals = None
        entity = ctx.entityIdentifier if ctx is not None else ("", "")
        period = ((ctx.startDatetime.isoformat() if ctx is not None and ctx.startDatetime else ""),
                  (ctx.endDatetime.isoformat() if ctx is not None and ctx.endDatetime else ""))
        facts.append(ReadFact(_prefixed(f.qname, prefixes), value, unit, decimals, tuple(sorted(dims)),
                              tuple(sorted(typed)), tuple(entity), period))
    return facts


def validate_with_arelle(path: str | Path, packages: list[str | Path] | None = None) -> ArelleResult:
    """Load ``path`` (.xhtml/.html iXBRL or .json xBRL-JSON) with the taxonomy ``packages`` in Arelle, offline,
    validate it, and return the findings and the facts read. Never raises: a failure is a message."""
    if not arelle_available():
        return _not_installed()
    path = Path(path)
    missing = [str(p) for p in packages or [] if not Path(p).is_file()]
    if missing:
        return ArelleResult(False, [Message(
            "xbrl_taxonomy_missing", ERROR, f"taxonomy package not found: {', '.join(missing)}",
            f"タクソノミパッケージが見つかりません：{', '.join(missing)}", value=", ".join(missing))])
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions

    plugins = "loadFromOIM" if path.suffix.lower() == ".json" else None
    with _LOCK, tempfile.TemporaryDirectory(prefix="gcpcalc-arelle-") as tmp:
        # offline, no persistent configuration, and a fresh empty web cache for every run: nothing of the user's
        # (or another run's) cache is read or written, and only the given packages and Arelle's bundled base
        # schemas can be loaded
        try:
            options = RuntimeOptions(
                entrypointFile=str(path), packages=[str(p) for p in packages or []] or None, plugins=plugins,
                validate=True, internetConnectivity="offline", utrValidate=True, calcs="c11r",
                logFile="logToBuffer", disablePersistentConfig=True, keepOpen=True, cacheDirectory=tmp)
            with Session() as session:
                session.run(options)
                entries = json.loads(session.get_logs("json") or "{}").get("log", [])
                models = session.get_models()
                facts = _read_facts(models[0]) if models and getattr(models[0], "facts", None) else []
        except Exception as exc:  # Arelle's own failure is a message, not a traceback
            return ArelleResult(False, [Message(
                "xbrl_arelle_failed", ERROR, f"Arelle could not validate the file: {type(exc).__name__}: {exc}",
                f"Arelle による検証を実行できませんでした：{type(exc).__name__}: {exc}")])
    messages = log_to_messages(entries)
    if not messages and not facts:
        messages.append(Message("xbrl_no_facts", WARNING, "Arelle read no facts from the file",
                                "Arelle はファイルからファクトを読み取れませんでした"))
    if not packages:
        messages.append(Message(
            "xbrl_no_taxonomy", INFO, "validated without a taxonomy package: the EFRAG concepts could not be checked",
            "タクソノミパッケージなしで検証したため、EFRAG の概念は確認できていません"))
    return ArelleResult(True, messages, facts)
