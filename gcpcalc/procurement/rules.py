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
from ..messages import ERROR, Message, config_error_detail
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
#: quantity metric id -> (en, ja, unit): a limit ("max") on plastic per ml of content or per unit, in grams
QUANTITY_METRICS: dict[str, tuple[str, str, str]] = {
    "plastic_g_per_ml": ("Plastic per ml of content", "内容量1 mL当たりのプラスチック使用量", "g/ml"),
    "plastic_g_per_unit": ("Plastic per unit", "1個当たりのプラスチック使用量", "g"),
    "annual_average_g_per_unit": ("Annual average weight per unit", "1個当たりの年間平均重量", "g"),
}
#: percentage metrics that are not a share of the basis mass
REDUCTION_METRICS: dict[str, tuple[str, str]] = {
    "reduction_vs_reference_pct": ("Plastic reduction against the reference product",
                                   "比較対象製品（自社従来品）からのプラスチック削減率"),
}
#: material id -> (en, ja, aliases matched in the procurement line's ``materials_used``; case ignored)
BANNED_MATERIALS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pvc": ("PVC (polyvinyl chloride)", "ポリ塩化ビニル（PVC）",
            ("pvc", "polyvinyl chloride", "vinyl chloride", "ポリ塩化ビニル", "塩化ビニル", "塩ビ", "ポリ塩化ビニリデン")),
    "aluminium": ("Aluminium", "アルミニウム",
                  ("aluminium", "aluminum", "alu", "al", "アルミ", "アルミニウム", "アルミ箔", "アルミ蒸着")),
}
#: yes/no product input id -> (en, ja): a property the product must have
REQUIRED_PROPERTIES: dict[str, tuple[str, str]] = {
    "refill_replaceable": ("Refill replaceable", "芯（中身）が交換できること"),
}
#: certification id -> (en, ja, aliases matched in the procurement line's ``certifications``)
CERTIFICATIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "eco_mark": ("Eco Mark certified", "エコマーク認定", ("eco mark", "ecomark", "eco_mark", "エコマーク")),
    "plastics_act_design": ("Plastic Resource Circulation Act design certification", "プラスチック資源循環促進法の設計認定",
                            ("設計認定", "認定プラスチック使用製品", "design certification", "plastics_act_design")),
}
#: product inputs a limit may be read from (``max_from``): the applicable limit depends on the product
LIMIT_INPUTS: dict[str, tuple[str, str]] = {
    "unit_mass_limit_g": ("the applicable weight limit entered for the product", "製品ごとに入力した適用基準値"),
}
_PCT_METRIC = Literal["recycled_total_pct", "postconsumer_pct", "preconsumer_pct", "biobased_pct",
                      "recycled_plus_biobased_pct", "reduction_vs_reference_pct"]
_ANY_METRIC = Literal["recycled_total_pct", "postconsumer_pct", "preconsumer_pct", "biobased_pct",
                      "recycled_plus_biobased_pct", "reduction_vs_reference_pct", "plastic_g_per_ml",
                      "plastic_g_per_unit", "annual_average_g_per_unit"]
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
    if metric in METRICS:
        return _pair(METRICS[metric], lang)
    if metric in REDUCTION_METRICS:
        return _pair(REDUCTION_METRICS[metric], lang)
    if metric in QUANTITY_METRICS:
        en, ja, _unit = QUANTITY_METRICS[metric]
        return ja if lang == "ja" else en
    return metric


def metric_unit(metric: str, lang: str = "en") -> str:
    """``%`` for percentages, ``g/ml`` (ja ``g/mL``) or ``g`` for the quantity limits."""
    unit = QUANTITY_METRICS[metric][2] if metric in QUANTITY_METRICS else "%"
    return unit.replace("/ml", "/mL") if lang == "ja" else unit


def material_label(material: str, lang: str = "en") -> str:
    en, ja, _aliases = BANNED_MATERIALS[material]
    return ja if lang == "ja" else en


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
_KIND_FIELDS = ("metric", "min_pct", "max", "max_from", "banned_materials", "requires", "certified")


def _requirement_problem(d: dict) -> tuple[str, str] | None:
    """(en, ja) of what is wrong with one requirement's fields, or None."""
    metric, min_pct, mx, mx_from = d.get("metric"), d.get("min_pct"), d.get("max"), d.get("max_from")
    kinds = [k for k in ("banned_materials", "requires", "certified") if d.get(k) is not None]
    if metric is not None:
        kinds.append("metric")
    if len(kinds) != 1:
        if not kinds:
            return ("a condition needs metric and min_pct (or max), banned_materials, requires, certified, "
                    "or all = [...]",
                    "条件には metric と min_pct（または max）、banned_materials、requires、certified、"
                    "または all = [...] のいずれかが必要です")
        return (f"give one kind of requirement, not {', '.join(kinds)} together",
                f"要件の種類は一つだけ指定してください（{'、'.join(kinds)} が同時に指定されています）")
    if metric is None:
        if min_pct is not None or mx is not None or mx_from is not None:
            return ("min_pct, max and max_from belong to a metric", "min_pct・max・max_from は metric と一緒に指定してください")
        if d.get("banned_materials") is not None and not d["banned_materials"]:
            return ("banned_materials must list at least one material", "banned_materials には1つ以上の材料が必要です")
        return None
    if metric in QUANTITY_METRICS:
        if min_pct is not None or (mx is None) == (mx_from is None):
            return (f"metric '{metric}' is a limit: give max (or max_from), not min_pct",
                    f"metric「{metric}」は上限の基準です。min_pct ではなく max（または max_from）を指定してください")
        return None
    if mx is not None or mx_from is not None or min_pct is None:
        return (f"metric '{metric}' is a percentage: give min_pct", f"metric「{metric}」は割合の基準です。min_pct を指定してください")
    return None


class Requirement(BaseModel):
    """One requirement of a condition.

    Kinds: a percentage ``metric`` at least ``min_pct``; a quantity metric (g/ml, g per unit, annual
    average g per unit) at most ``max`` (or at most the product's own input named by ``max_from``);
    ``banned_materials`` (none of them may be used); ``requires`` (a yes/no product property such as
    ``refill_replaceable``); ``certified`` (a certification the product holds, e.g. ``eco_mark``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    metric: Optional[_ANY_METRIC] = None
    min_pct: Optional[float] = Field(default=None, ge=0, le=100)
    max: Optional[float] = Field(default=None, ge=0)
    max_from: Optional[Literal["unit_mass_limit_g"]] = None
    banned_materials: Optional[list[Literal["pvc", "aluminium"]]] = None
    requires: Optional[Literal["refill_replaceable"]] = None
    certified: Optional[Literal["eco_mark", "plastics_act_design"]] = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Requirement":
        problem = _requirement_problem(self.__dict__)
        if problem:
            raise PydanticCustomError("gc_rule", problem[0], {"ja": problem[1]})
        return self

    @property
    def kind(self) -> str:
        """``min_pct`` | ``max`` | ``banned`` | ``requires`` | ``certified``."""
        if self.metric is not None:
            return "max" if self.metric in QUANTITY_METRICS else "min_pct"
        if self.banned_materials is not None:
            return "banned"
        return "requires" if self.requires is not None else "certified"

    def label(self, lang: str = "en") -> str:
        ja = lang == "ja"
        k = self.kind
        if k == "min_pct":
            if ja:
                return f"{metric_label(self.metric, 'ja')} {_fmt_pct(self.min_pct)}%以上"
            return f"{metric_label(self.metric, 'en')} ≥ {_fmt_pct(self.min_pct)} %"
        if k == "max":
            unit = metric_unit(self.metric, lang)
            if self.max is not None:
                limit = f"{self.max:g} {unit}" if not ja else f"{self.max:g} {unit}以下"
            else:
                en_l, ja_l = LIMIT_INPUTS[self.max_from]
                limit = ja_l + "以下" if ja else en_l
            return f"{metric_label(self.metric, 'ja')} {limit}" if ja else f"{metric_label(self.metric, 'en')} ≤ {limit}"
        if k == "banned":
            names = [material_label(m, lang) for m in self.banned_materials]
            return ("・".join(names) + "を使用しないこと") if ja else ("no " + " or ".join(names))
        if k == "requires":
            return _pair(REQUIRED_PROPERTIES[self.requires], lang)
        en, jl, _aliases = CERTIFICATIONS[self.certified]
        return jl if ja else en


class Condition(BaseModel):
    """One alternative of a rule: every requirement must hold (a single requirement in the common case).

    The single form names the requirement inline (``metric``/``min_pct``, ``metric``/``max``,
    ``banned_materials``, ``requires`` or ``certified``); ``all = [...]`` lists several."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    metric: Optional[_ANY_METRIC] = None
    min_pct: Optional[float] = Field(default=None, ge=0, le=100)
    max: Optional[float] = Field(default=None, ge=0)
    max_from: Optional[Literal["unit_mass_limit_g"]] = None
    banned_materials: Optional[list[Literal["pvc", "aluminium"]]] = None
    requires: Optional[Literal["refill_replaceable"]] = None
    certified: Optional[Literal["eco_mark", "plastics_act_design"]] = None
    all: Optional[list[Requirement]] = None
    status: Optional[Literal["confirmed", "unconfirmed"]] = None
    label_en: Optional[str] = None
    label_ja: Optional[str] = None
    note_en: str = ""
    note_ja: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        inline = {k: getattr(self, k) for k in _KIND_FIELDS}
        single = any(v is not None for v in inline.values())
        if single and self.all is not None:
            raise PydanticCustomError("gc_rule", "give either one requirement inline (e.g. metric and min_pct), "
                                      "or all = [...], not both",
                                      {"ja": "要件を直接（metric と min_pct など）指定するか、all = [...] で指定するか、"
                                             "どちらか一方にしてください"})
        if self.all is not None:
            if not self.all:
                raise PydanticCustomError("gc_rule", "all = [...] must list at least one requirement",
                                          {"ja": "all = [...] には1つ以上の要件が必要です"})
            return self
        if not single:
            raise PydanticCustomError("gc_rule", "a condition needs metric and min_pct (or all = [...])",
                                      {"ja": "条件には metric と min_pct（または all = [...]）が必要です"})
        problem = _requirement_problem(inline)
        if problem:
            raise PydanticCustomError("gc_rule", problem[0], {"ja": problem[1]})
        return self

    @property
    def requirements(self) -> list[Requirement]:
        if self.all is not None:
            return list(self.all)
        return [Requirement(**{k: getattr(self, k) for k in _KIND_FIELDS if getattr(self, k) is not None})]

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
    #: former or other ids that name this rule (e.g. ``ecomark.ballpoint_pen``); they keep working
    aliases: list[str] = []
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
        return rule_id in self.rules or rule_id in self.aliases

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def aliases(self) -> dict[str, str]:
        """alias -> rule id (a rule id of its own always wins over an alias)."""
        out: dict[str, str] = {}
        for rid, rule in self.rules.items():
            for alias in rule.aliases:
                if alias not in self.rules:
                    out.setdefault(alias, rid)
        return out

    def get(self, rule_id: str) -> Rule | None:
        """The rule of ``rule_id``, or of the rule that lists ``rule_id`` among its aliases."""
        rule = self.rules.get(rule_id)
        if rule is None and rule_id in self.aliases:
            rule = self.rules[self.aliases[rule_id]]
        return rule

    def ids(self) -> list[str]:
        return list(self.rules)

    def closest_ids(self, rule_id: str, n: int = 3) -> list[str]:
        import difflib

        ids = self.ids() + list(self.aliases)
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
        aliases = self.aliases
        for rid, rule in other.rules.items():
            if rid in rules or rid in aliases:
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
    model = Rule
    if "conditions" in loc_parts:
        model = Requirement if "all" in loc_parts else Condition
    detail_en, detail_ja, value = config_error_detail(err, list(model.model_fields), suggest=closest)
    if err["type"] == "missing":
        value = err.get("input")
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
        taken = {a for r in rules.values() for a in r.aliases}
        clash = [a for a in rule.aliases if a in rules or a == rule.rule_id or a in taken]
        if rule.rule_id in taken:
            clash.insert(0, rule.rule_id)
        if clash:
            messages.append(_msg("rules_duplicate", f"{name}: {ename}.aliases", clash[0], file=name, entry=ename,
                                 value=clash[0], other=first_at.get(clash[0], i)))
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
