"""Green-procurement rules as versioned data: loading, validation and merging of rules files.

The rules live in ``templates/procurement_rules.toml`` (Eco Mark, Green Purchasing Act basic policy,
Plastic Resource Circulation Act design certification and related criteria). A user rules file with the
same layout adds rules, or replaces the rules whose ``rule_id`` it repeats. A malformed file is never an
exception for the user: every problem is a :class:`~gcpcalc.messages.Message` naming the file, the entry
(index and ``rule_id``) and the field, in English and Japanese.

Each rule keeps its threshold(s) apart from the basis (the denominator of the percentage), its scheme
version or fiscal year, its source and the status of that source (official / secondary / historical /
unconfirmed, mapped to ``confirmed`` / ``unconfirmed``), so that thresholds can be revised every year
without touching code.

References
----------
Specification ``ref_procurement_thresholds.md`` §1–§6; JIS Q 14021:2000 7.8.1.1 (recycled content counts
pre- and post-consumer material only).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import message_texts
from ..messages import ERROR, Message
from ..models import closest

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The rules shipped with the calculator.
DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "templates" / "procurement_rules.toml"

#: metric id -> (en, ja) label. Every metric is a percentage of the rule's basis mass.
METRICS: dict[str, tuple[str, str]] = {
    "recycled_total_pct": ("Recycled content (pre- + post-consumer)", "再生材（プレ＋ポストコンシューマ）"),
    "postconsumer_pct": ("Post-consumer content", "ポストコンシューマ材料"),
    "preconsumer_pct": ("Pre-consumer content", "プレコンシューマ材料"),
    "biobased_pct": ("Bio-based content", "バイオマス由来"),
    "recycled_plus_biobased_pct": ("Recycled + bio-based content", "再生材＋バイオマス由来"),
}
#: scheme id -> (en, ja)
SCHEMES: dict[str, tuple[str, str]] = {
    "eco_mark": ("Eco Mark", "エコマーク"),
    "green_purchasing_act": ("Green Purchasing Act", "グリーン購入法"),
    "plastics_act_design": ("Plastic Resource Circulation Act design certification", "プラスチック資源循環促進法 設計認定"),
    "other": ("Other", "その他"),
}
#: source status (reference vocabulary) -> (en, ja)
SOURCE_STATUSES: dict[str, tuple[str, str]] = {
    "official": ("official", "公式"),
    "secondary": ("secondary source", "二次情報"),
    "historical": ("historical", "旧版"),
    "unconfirmed": ("unconfirmed", "未確認"),
}
#: rule status -> (en, ja)
STATUSES: dict[str, tuple[str, str]] = {"confirmed": ("confirmed", "確認済み"), "unconfirmed": ("unconfirmed", "未確認")}

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _pair(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "ja" else pair[0]


def metric_label(metric: str, lang: str = "en") -> str:
    return _pair(METRICS[metric], lang)


def scheme_label(scheme: str, lang: str = "en") -> str:
    return _pair(SCHEMES.get(scheme, (scheme, scheme)), lang)


def status_label(status: str, lang: str = "en") -> str:
    return _pair(STATUSES.get(status, (status, status)), lang)


def source_status_label(status: str, lang: str = "en") -> str:
    return _pair(SOURCE_STATUSES.get(status, (status, status)), lang)


def _fmt_pct(x: float) -> str:
    return f"{x:g}"


# --------------------------------------------------------------------------------------------------
# the rule model
# --------------------------------------------------------------------------------------------------
class Requirement(BaseModel):
    """One threshold: ``metric`` (a percentage of the basis) must be at least ``min_pct``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    metric: Literal["recycled_total_pct", "postconsumer_pct", "preconsumer_pct", "biobased_pct",
                    "recycled_plus_biobased_pct"]
    min_pct: float = Field(ge=0, le=100)

    def label(self, lang: str = "en") -> str:
        if lang == "ja":
            return f"{metric_label(self.metric, 'ja')} {_fmt_pct(self.min_pct)}%以上"
        return f"{metric_label(self.metric, 'en')} ≥ {_fmt_pct(self.min_pct)} %"


class Condition(BaseModel):
    """One alternative of a rule: every requirement must hold (a single threshold in the common case)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    metric: Optional[Literal["recycled_total_pct", "postconsumer_pct", "preconsumer_pct", "biobased_pct",
                             "recycled_plus_biobased_pct"]] = None
    min_pct: Optional[float] = Field(default=None, ge=0, le=100)
    all: Optional[list[Requirement]] = None
    status: Optional[Literal["confirmed", "unconfirmed"]] = None
    label_en: Optional[str] = None
    label_ja: Optional[str] = None
    note_en: str = ""
    note_ja: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        single = self.metric is not None or self.min_pct is not None
        if single and self.all is not None:
            raise PydanticCustomError("gc_rule", "give either metric and min_pct, or all = [...], not both",
                                      {"ja": "metric と min_pct、または all = [...] のどちらか一方を指定してください"})
        if self.all is None and (self.metric is None or self.min_pct is None):
            raise PydanticCustomError("gc_rule", "a condition needs metric and min_pct (or all = [...])",
                                      {"ja": "条件には metric と min_pct（または all = [...]）が必要です"})
        if self.all is not None and not self.all:
            raise PydanticCustomError("gc_rule", "all = [...] must list at least one requirement",
                                      {"ja": "all = [...] には1つ以上の要件が必要です"})
        return self

    @property
    def requirements(self) -> list[Requirement]:
        if self.all is not None:
            return list(self.all)
        return [Requirement(metric=self.metric, min_pct=self.min_pct)]

    def label(self, lang: str = "en") -> str:
        own = self.label_ja if lang == "ja" else self.label_en
        if own:
            return own
        joiner = " かつ " if lang == "ja" else " AND "
        return joiner.join(r.label(lang) for r in self.requirements)

    def note(self, lang: str = "en") -> str:
        return (self.note_ja or self.note_en) if lang == "ja" else (self.note_en or self.note_ja)


class Basis(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label_en: str
    label_ja: str

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en


class Rule(BaseModel):
    """One criterion set: pass when any condition holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rule_id: str
    scheme: Literal["eco_mark", "green_purchasing_act", "plastics_act_design", "other"]
    scheme_item: str
    category_ja: str
    category_en: str
    version: str
    #: Japanese wording of scheme_item / version (derived from them when not given)
    scheme_item_ja: str = ""
    version_ja: str = ""
    valid_to: Optional[date] = None
    basis: str
    applies_to: Literal["product", "organisation"] = "product"
    conditions: list[Condition] = []
    criterion_en: str = ""
    criterion_ja: str = ""
    source: str
    source_status: Literal["official", "secondary", "historical", "unconfirmed"]
    status: Literal["confirmed", "unconfirmed"]
    status_detail_en: str = ""
    status_detail_ja: str = ""
    note_en: str = ""
    note_ja: str = ""

    @field_validator("rule_id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise PydanticCustomError("gc_rule", "'{value}' is not a valid id: use letters, digits, '.', '_' and '-'",
                                      {"value": v, "ja": f"「{v}」はIDとして使えません。英数字と . _ - を使ってください"})
        return v

    @field_validator("scheme_item", "category_ja", "category_en", "version", "source")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise PydanticCustomError("gc_rule", "must not be empty", {"ja": "空にできません"})
        return v.strip()

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if self.source_status in ("historical", "unconfirmed") and self.status == "confirmed":
            raise PydanticCustomError(
                "gc_rule", "status must be 'unconfirmed' when source_status is '{source_status}'",
                {"source_status": self.source_status,
                 "ja": f"source_status が「{self.source_status}」の場合、status は「unconfirmed」にしてください"})
        if not self.conditions and not (self.criterion_en.strip() and self.criterion_ja.strip()):
            raise PydanticCustomError("gc_rule", "a rule without conditions needs criterion_en and criterion_ja",
                                      {"ja": "条件のない基準には criterion_en と criterion_ja が必要です"})
        if self.applies_to == "organisation" and self.conditions:
            raise PydanticCustomError("gc_rule", "an organisation-level rule has no product conditions",
                                      {"ja": "組織単位の基準には製品の条件を指定できません"})
        return self

    # ---- presentation ------------------------------------------------------------------------
    @property
    def checkable(self) -> bool:
        return self.applies_to == "product" and bool(self.conditions)

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def category(self, lang: str = "en") -> str:
        return self.category_ja if lang == "ja" else self.category_en

    def scheme_item_text(self, lang: str = "en") -> str:
        """The scheme item in ``lang``: 「エコマーク 商品類型No.112」, 「基本方針 文具類（共通）の判断の基準」."""
        if lang != "ja":
            return self.scheme_item
        from .wording_ja import scheme_item_ja

        return self.scheme_item_ja or scheme_item_ja(self.scheme_item)

    def version_text(self, lang: str = "en") -> str:
        """The version or fiscal year of the criteria in ``lang``: 「令和2年度（2020年2月7日追加）」."""
        if lang != "ja":
            return self.version
        from .wording_ja import version_ja

        return self.version_ja or version_ja(self.version)

    def name(self, lang: str = "en") -> str:
        """A short name of the rule for lists: its category and scheme item."""
        item, scheme = self.scheme_item_text(lang), scheme_label(self.scheme, lang)
        if lang == "ja":
            return f"{self.category_ja}：{item if item.startswith(scheme) else scheme + ' ' + item}"
        return f"{self.category_en} ({scheme_label(self.scheme, 'en')}, {self.scheme_item})"

    def criterion(self, lang: str = "en") -> str:
        own = self.criterion_ja if lang == "ja" else self.criterion_en
        if own:
            return own
        joiner = "、または " if lang == "ja" else " OR "
        return joiner.join(c.label(lang) for c in self.conditions)

    def status_detail(self, lang: str = "en") -> str:
        return (self.status_detail_ja or self.status_detail_en) if lang == "ja" else (
            self.status_detail_en or self.status_detail_ja)

    def note(self, lang: str = "en") -> str:
        return (self.note_ja or self.note_en) if lang == "ja" else (self.note_en or self.note_ja)

    def status_text(self, lang: str = "en") -> str:
        """e.g. ``unconfirmed (historical)`` / ``未確認（旧版）``."""
        s, src = status_label(self.status, lang), source_status_label(self.source_status, lang)
        return f"{s}（{src}）" if lang == "ja" else f"{s} ({src})"


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: int = 1
    basis: dict[str, Basis] = {}
    rule: list[Any] = []  # each entry validated on its own, to name it in messages


# --------------------------------------------------------------------------------------------------
# the rule set
# --------------------------------------------------------------------------------------------------
@dataclass
class RuleSet:
    """Rules by id plus the basis vocabulary; ``files`` lists the files merged, in order."""

    rules: dict[str, Rule] = field(default_factory=dict)
    bases: dict[str, Basis] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    #: rule ids replaced by a later file
    overridden: list[str] = field(default_factory=list)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def ids(self) -> list[str]:
        return list(self.rules)

    def closest_ids(self, rule_id: str, n: int = 3) -> list[str]:
        import difflib

        ids = self.ids()
        found = difflib.get_close_matches(str(rule_id).strip(), ids, n=n, cutoff=0.5)
        if not found:
            found = closest(str(rule_id), ids, n=n)
        if not found:  # a shared word, e.g. "pen" -> ballpoint_pen
            words = [w for w in re.split(r"[._\-\s]+", str(rule_id).casefold()) if len(w) >= 3]
            found = [i for i in ids if any(w in i.casefold() for w in words)][:n]
        return found

    def basis_label(self, rule: Rule, lang: str = "en") -> str:
        b = self.bases.get(rule.basis)
        return b.label(lang) if b else rule.basis

    def merged(self, other: "RuleSet") -> "RuleSet":
        """A new set: ``other``'s bases and rules added to, or replacing, this set's."""
        rules = dict(self.rules)
        overridden = list(self.overridden)
        for rid, rule in other.rules.items():
            if rid in rules:
                overridden.append(rid)
            rules[rid] = rule
        return RuleSet(rules, {**self.bases, **other.bases}, self.files + other.files, overridden)


def _msg(code: str, location: str, message_value: Any = None, **kw) -> Message:
    en, ja = message_texts(code, **kw)
    return Message(code, ERROR, en, ja, table="procurement_rules", field=kw.get("field"), value=message_value,
                   location=location)


def _entry_name(index: int, raw: Any) -> str:
    rid = raw.get("rule_id") if isinstance(raw, dict) else None
    return f"rule[{index}]" + (f" ({rid})" if rid else "")


def _translate(err: dict, name: str, entry: str) -> Message:
    loc_parts = [str(p) for p in err["loc"]]
    fld = ".".join(loc_parts) if loc_parts else "(entry)"
    etype = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if etype == "missing":
        detail_en, detail_ja = "a value is required", "値が必要です"
    elif etype == "extra_forbidden":
        model = Rule
        if "conditions" in loc_parts:
            model = Requirement if "all" in loc_parts else Condition
        sugg = closest(loc_parts[-1] if loc_parts else "", list(model.model_fields))
        detail_en = "unknown field" + (f"; did you mean '{sugg[0]}'?" if sugg else "")
        detail_ja = "不明な項目です" + (f"（「{sugg[0]}」ではありませんか？）" if sugg else "")
        value = loc_parts[-1] if loc_parts else None
    elif etype == "literal_error":
        expected = ctx.get("expected", "")
        sugg = closest(str(value), re.findall(r"'([^']+)'", expected))
        detail_en = f"not allowed; allowed: {expected}" + (f"; did you mean '{sugg[0]}'?" if sugg else "")
        detail_ja = f"使用できない値です。使用可能な値：{expected}" + (f"（「{sugg[0]}」ではありませんか？）" if sugg else "")
    elif etype in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        bound = f"{bound:g}" if isinstance(bound, (int, float)) else bound
        if etype == "greater_than_equal":
            detail_en, detail_ja = f"must be at least {bound}", f"{bound} 以上である必要があります"
        else:
            detail_en, detail_ja = f"must be at most {bound}", f"{bound} 以下である必要があります"
    elif etype in ("float_parsing", "float_type", "int_parsing", "int_type"):
        detail_en, detail_ja = "must be a number", "数値である必要があります"
    elif etype in ("string_type",):
        detail_en, detail_ja = "must be text", "文字列である必要があります"
    elif etype in ("list_type",):
        detail_en, detail_ja = "must be a list [...]", "リスト [...] である必要があります"
    elif etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        detail_en, detail_ja = "must be a date YYYY-MM-DD", "YYYY-MM-DD 形式の日付である必要があります"
    elif etype == "gc_rule":
        detail_en, detail_ja = err["msg"], ctx.get("ja", err["msg"])
    else:
        detail_en, detail_ja = err["msg"], f"値が不正です（{err['msg']}）"
    shown = "" if isinstance(value, (dict, list)) else value
    return _msg("rules_invalid", f"{name}: {entry}.{fld}", shown, file=name, entry=entry, field=fld,
                value="" if shown is None else shown, detail=detail_en, detail_ja=detail_ja)


def parse_rules_bytes(data: bytes, name: str = "rules.toml") -> tuple[RuleSet | None, list[Message]]:
    """Parse and validate one rules file (TOML). Returns (rules or None when any error, messages).

    Unknown basis ids are checked by :func:`load_rules` against the merged basis vocabulary.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_msg("rules_syntax", name, None, file=name, detail=f"not UTF-8 text ({exc.reason})",
                           detail_ja=f"UTF-8 のテキストではありません（{exc.reason}）")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_msg("rules_syntax", name, None, file=name, detail=str(exc), detail_ja=str(exc))]
    messages: list[Message] = []
    try:
        top = _RulesFile.model_validate(raw)
    except ValidationError as exc:
        return None, [_translate(e, name, "file") for e in exc.errors()]
    rules: dict[str, Rule] = {}
    first_at: dict[str, int] = {}
    for i, entry in enumerate(top.rule, 1):
        ename = _entry_name(i, entry)
        if not isinstance(entry, dict):
            messages.append(_msg("rules_invalid", f"{name}: {ename}", None, file=name, entry=ename, field="(entry)",
                                 detail="each rule must be a table [[rule]]",
                                 detail_ja="各基準は [[rule]] の表である必要があります"))
            continue
        try:
            rule = Rule.model_validate(entry)
        except ValidationError as exc:
            messages.extend(_translate(e, name, ename) for e in exc.errors())
            continue
        if rule.rule_id in rules:
            messages.append(_msg("rules_duplicate", f"{name}: {ename}.rule_id", rule.rule_id, file=name, entry=ename,
                                 value=rule.rule_id, other=first_at[rule.rule_id]))
            continue
        rules[rule.rule_id] = rule
        first_at[rule.rule_id] = i
    if messages:
        return None, messages
    return RuleSet(rules, dict(top.basis), [name]), []


def _check_bases(ruleset: RuleSet, name_of: dict[str, str]) -> list[Message]:
    out = []
    for i, (rid, rule) in enumerate(ruleset.rules.items(), 1):
        if rule.basis not in ruleset.bases:
            sugg = closest(rule.basis, list(ruleset.bases))
            fname = name_of.get(rid, "")
            out.append(_msg("rules_invalid", f"{fname}: rule ({rid}).basis", rule.basis, file=fname,
                            entry=f"rule ({rid})", field="basis", value=rule.basis,
                            detail="unknown basis; allowed: " + ", ".join(ruleset.bases)
                            + (f"; did you mean '{sugg[0]}'?" if sugg else ""),
                            detail_ja="不明な基準分母です。使用可能な値：" + ", ".join(ruleset.bases)
                            + (f"（「{sugg[0]}」ではありませんか？）" if sugg else "")))
    return out


@lru_cache(maxsize=1)
def _default_cached(path: str, mtime: float) -> tuple[RuleSet | None, tuple[Message, ...]]:
    p = Path(path)
    rules, messages = parse_rules_bytes(p.read_bytes(), p.name)
    return rules, tuple(messages)


def load_default_rules() -> tuple[RuleSet | None, list[Message]]:
    """The rules shipped in ``templates/procurement_rules.toml``."""
    p = DEFAULT_RULES_PATH
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        return None, [_msg("rules_syntax", str(p.name), None, file=p.name, detail=f"cannot be read ({exc.strerror})",
                           detail_ja=f"読み込めません（{exc.strerror}）")]
    rules, messages = _default_cached(str(p), mtime)
    return rules, list(messages)


def load_rules(user_data: bytes | None = None, user_name: str = "rules.toml", *,
               include_default: bool = True) -> tuple[RuleSet | None, list[Message]]:
    """The default rules merged with an optional user rules file (given as bytes, e.g. an upload)."""
    base = RuleSet()
    name_of: dict[str, str] = {}
    if include_default:
        default, messages = load_default_rules()
        if default is None:
            return None, messages
        base = default
        name_of.update({rid: DEFAULT_RULES_PATH.name for rid in default.rules})
    if user_data is not None:
        user, messages = parse_rules_bytes(user_data, user_name)
        if user is None:
            return None, messages
        name_of.update({rid: user_name for rid in user.rules})
        base = base.merged(user)
    errors = _check_bases(base, name_of)
    if errors:
        return None, errors
    return base, []


def load_rules_path(path: str | Path | None = None) -> tuple[RuleSet | None, list[Message]]:
    """The default rules merged with the user rules file at ``path`` (None: the defaults only)."""
    if path is None:
        return load_rules()
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        return None, [_msg("rules_syntax", str(p), None, file=str(p), detail=f"cannot be read ({exc.strerror})",
                           detail_ja=f"読み込めません（{exc.strerror}）")]
    return load_rules(data, p.name)
