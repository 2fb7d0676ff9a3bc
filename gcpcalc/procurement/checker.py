"""Green-procurement checker: one procurement line against one rule.

For each line of the ``procurement`` table (see the data dictionary) the checker computes, on the
rule's basis mass,

* recycled total % = (pre-consumer + post-consumer) ÷ basis × 100,
* post-consumer % = post-consumer ÷ basis × 100, pre-consumer % and bio-based % likewise,
* recycled + bio-based % = (pre + post + bio-based) ÷ basis × 100;

then each condition of the rule (the rule passes when ANY condition holds; a condition holds when ALL its
requirements hold; a value exactly at the threshold passes), its margin in percentage points and the extra
mass needed to meet it by substituting virgin material (basis mass unchanged):

    needed = max(0, threshold % × basis ÷ 100 − current mass of the metric)

e.g. basis 10 g, recycled 3.5 g, threshold 40 % → 0.5 g. The line's ``needed_mass`` is that of the
easiest failing condition, in the line's mass unit, and 0 when the line passes. A condition that cannot
be met by replacing the virgin part alone has no needed mass (``None``) and says so.

A rule without a numeric condition (threshold unconfirmed, a certification, a formula such as the copy
paper 総合評価値, or a company-level obligation) gives status ``not_applicable`` with the reason, never
an invented number. Rules whose status is ``unconfirmed`` are flagged in every output.

References
----------
Specification ``ref_procurement_thresholds.md`` §6 (threshold and denominator kept apart; pre- and
post-consumer kept apart); JIS Q 14021:2000 7.8.1.1 (recycled content is a mass ratio).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..fields import TABLES
from ..i18n import message_texts, ui
from ..messages import ERROR, INFO, Message
from ..units import FACTORS
from .rules import (BANNED_MATERIALS, CERTIFICATIONS, Condition, Requirement, Rule, RuleSet, material_label,
                    metric_label, metric_unit, scheme_label, source_status_label)

#: percentage points treated as equal to the threshold (float noise only: 39.99 % still fails at 40 %)
TOLERANCE_PT = 1e-9

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "not_applicable"

#: kind of material to add -> (en, ja)
NEEDED_KINDS: dict[str, tuple[str, str]] = {
    "recycled": ("recycled material (pre- or post-consumer)", "再生材（プレまたはポストコンシューマ）"),
    "postconsumer": ("post-consumer recycled material", "ポストコンシューマ再生材"),
    "preconsumer": ("pre-consumer recycled material", "プレコンシューマ再生材"),
    "biobased": ("bio-based material", "バイオマス由来材料"),
    "recycled_or_biobased": ("recycled or bio-based material", "再生材またはバイオマス由来材料"),
    "mixed": ("several materials (see the condition)", "複数の材料（条件を参照）"),
}

_TEXTS: dict[str, tuple[str, str]] = {
    "organisation": ("Company-level obligation, not a product criterion: {criterion}",
                     "事業者単位の義務で製品の基準ではありません：{criterion}"),
    "no_condition": ("Cannot be checked from masses (threshold unconfirmed or not a percentage): {criterion}",
                     "質量からは判定できません（基準値が未確認、または割合の基準ではない）：{criterion}"),
    "infeasible": ("Cannot be met by replacing the virgin part alone ({virgin} {unit} virgin, {need} {unit} needed).",
                   "バージン材の置き換えだけでは満たせません（バージン材 {virgin} {unit}、必要量 {need} {unit}）。"),
    "unreachable": ("No failing condition can be met by replacing the virgin part alone.",
                    "バージン材の置き換えだけで満たせる条件はありません。"),
    "nothing_checked": ("No condition could be checked: the inputs it needs are not given (see 'not checked').",
                        "判定に必要な項目が入力されていないため、どの条件も判定できません（「未判定」を参照）。"),
    "not_checked": ("Not checked (no input): {items}.", "未判定（入力なし）：{items}。"),
    "input_volume": ("not checked: enter the content volume (ml).", "未判定：内容量（mL）を入力してください。"),
    "input_units": ("not checked: enter the number of units the masses cover.",
                    "未判定：質量の対象となる個数を入力してください。"),
    "input_reference": ("not checked: enter the plastic mass of the reference product.",
                        "未判定：比較対象製品（自社従来品）のプラスチック質量を入力してください。"),
    "input_limit": ("not checked: enter the applicable weight limit (g per unit).",
                    "未判定：適用される1個当たりの重量基準値（g）を入力してください。"),
    "input_materials": ("not checked: enter the materials used.", "未判定：使用材料を入力してください。"),
    "input_refill": ("not checked: state whether the refill is replaceable (yes/no).",
                     "未判定：芯（中身）が交換できるか（はい／いいえ）を入力してください。"),
    "input_certifications": ("not checked: enter the certifications the product holds.",
                             "未判定：取得している認証・認定を入力してください。"),
    "one_unit": ("The masses are taken as those of one unit (number of units not given).",
                 "個数の入力がないため、質量を1個分として判定しました。"),
    "banned_none": ("none of the banned materials is listed", "使用禁止の材料は使用材料に含まれていません"),
    "banned_found": ("used: {names}", "使用あり：{names}"),
    "stop_using": ("stop using {names}", "{names}の使用をやめる"),
    "has_property": ("yes", "はい"),
    "lacks_property": ("no", "いいえ"),
    "make_refill": ("make the refill replaceable", "芯（中身）を交換できる設計にする"),
    "certified": ("certified", "認定あり"),
    "not_certified": ("not among the certifications entered", "入力された認証・認定に含まれていません"),
    "obtain": ("obtain: {name}", "{name}を取得する"),
    "add": ("add {mass} {unit} of {kind} in place of virgin material", "バージン材 {mass} {unit} を{kind}に置き換える"),
    "remove": ("remove {mass} {unit} of plastic", "プラスチックを {mass} {unit} 削減する"),
    "alias": ("Rule id '{alias}' is a former name of '{rule_id}'; checked against '{rule_id}'.",
              "判定ルールID「{alias}」は「{rule_id}」の旧IDです。「{rule_id}」で判定しました。"),
}


def _text(key: str, lang: str, **kw) -> str:
    en, ja = _TEXTS[key]
    return (ja if lang == "ja" else en).format(**kw)


def needed_kind_label(kind: str | None, lang: str = "en") -> str:
    if not kind:
        return ""
    en, ja = NEEDED_KINDS[kind]
    return ja if lang == "ja" else en


def _g(x: float) -> str:
    return f"{x:.6g}"


@dataclass
class RequirementResult:
    """One requirement of a condition, checked. ``met`` is None when its input was not given (not checked).

    ``value``/``limit``/``margin`` are in the requirement's unit (``%`` points, ``g/ml`` or ``g``); the margin
    is positive when there is room left (value above a minimum, below a maximum)."""

    metric: str | None
    value: float | None
    limit: float | None
    margin: float | None
    met: bool | None
    kind: str = "min_pct"  # min_pct | max | banned | requires | certified
    unit: str = "%"
    label_en: str = ""
    label_ja: str = ""
    detail_en: str = ""
    detail_ja: str = ""
    #: plastic mass to remove to meet a limit (line's unit; 0 when met)
    remove_mass: float = 0.0
    action_en: str = ""
    action_ja: str = ""

    # names kept from the percentage-only checker
    @property
    def value_pct(self) -> float | None:
        return self.value

    @property
    def min_pct(self) -> float | None:
        return self.limit

    @property
    def margin_pct(self) -> float | None:
        return self.margin

    @property
    def checked(self) -> bool:
        return self.met is not None

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def text(self, lang: str = "en") -> str:
        """The value found, e.g. ``再生材（プレ＋ポストコンシューマ） 45.00%`` or ``… 0.401 g/ml``."""
        ja = lang == "ja"
        if self.met is None:
            return f"{self.label(lang)}: " + (self.detail_ja if ja else self.detail_en)
        if self.kind == "min_pct":
            return f"{metric_label(self.metric, lang)} {self.value:.2f}%"
        if self.kind == "max":
            return f"{metric_label(self.metric, lang)} {self.value:.4g} {metric_unit(self.metric, lang)}"
        return self.detail_ja if ja else self.detail_en

    def to_dict(self, lang: str = "en") -> dict:
        return {"metric": self.metric, "kind": self.kind, "label": self.label(lang),
                "value_pct": self.value if self.kind == "min_pct" else None,
                "min_pct": self.limit if self.kind == "min_pct" else None,
                "margin_pct": self.margin if self.kind == "min_pct" else None,
                "value": self.value, "limit": self.limit, "margin": self.margin, "unit": self.unit, "met": self.met,
                "detail": self.detail_ja if lang == "ja" else self.detail_en, "remove_mass": self.remove_mass,
                "action": self.action_ja if lang == "ja" else self.action_en}


@dataclass
class ConditionResult:
    condition: Condition
    rule: Rule
    requirements: list[RequirementResult]
    #: True / False on the requirements checked; None when none of them could be checked
    met: bool | None
    #: smallest margin of the percentage requirements checked (points), None when there is none
    margin_pct: float | None
    #: extra recycled/bio-based mass needed (line's unit); 0 when met; None when replacing the virgin part cannot meet it
    needed_mass: float | None
    needed_kind: str | None
    #: kind -> mass, when several materials are needed (an AND condition)
    needed_breakdown: dict[str, float] = field(default_factory=dict)
    reason_en: str = ""
    reason_ja: str = ""
    #: plastic mass to remove (line's unit) to meet the weight limits; 0 when none
    remove_mass: float = 0.0

    @property
    def status(self) -> str:
        return self.condition.status or self.rule.status

    @property
    def not_checked(self) -> list[RequirementResult]:
        return [q for q in self.requirements if q.met is None]

    @property
    def actions(self) -> list[tuple[str, str]]:
        """(en, ja) of changes that are not masses (stop using PVC, make the refill replaceable, …)."""
        return [(q.action_en, q.action_ja) for q in self.requirements if q.met is False and q.action_en]

    @property
    def effort(self) -> float:
        """Mass to change (added + removed): how the easiest failing condition is chosen."""
        return (self.needed_mass or 0.0) + self.remove_mass

    def label(self, lang: str = "en") -> str:
        return self.condition.label(lang)

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "label": self.label(lang), "met": self.met, "margin_pct": self.margin_pct,
            "needed_mass": self.needed_mass, "needed_kind": self.needed_kind,
            "needed_breakdown": dict(self.needed_breakdown), "remove_mass": self.remove_mass,
            "actions": [ja if lang == "ja" else en for en, ja in self.actions],
            "not_checked": [q.label(lang) for q in self.not_checked], "status": self.status,
            "note": self.condition.note(lang), "reason": self.reason_ja if lang == "ja" else self.reason_en,
            "requirements": [r.to_dict(lang) for r in self.requirements],
        }


@dataclass
class CheckResult:
    """The verdict of one procurement line."""

    product_id: str
    rule: Rule
    status: str  # pass | fail | not_applicable
    basis_mass: float
    mass_unit: str
    recycled_pct: float
    postconsumer_pct: float
    preconsumer_pct: float
    biobased_pct: float
    recycled_plus_biobased_pct: float
    conditions: list[ConditionResult]
    needed_mass: float | None
    needed_kind: str | None
    basis_label_en: str = ""
    basis_label_ja: str = ""
    description: str | None = None
    row: int | None = None
    reason_en: str = ""
    reason_ja: str = ""
    #: plastic mass to remove (line's unit) under the easiest failing condition; 0 when it passes
    remove_mass: float = 0.0
    #: (en, ja) changes that are not masses under the easiest failing condition
    actions: list[tuple[str, str]] = field(default_factory=list)
    #: (en, ja) labels of the requirements not checked (input not given) that the verdict does not rest on
    not_checked: list[tuple[str, str]] = field(default_factory=list)
    #: the rule id as entered, when it is an alias of ``rule.rule_id`` (e.g. ``ecomark.ballpoint_pen``)
    entered_rule_id: str | None = None

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id

    @property
    def unconfirmed(self) -> bool:
        """True when the rule, or the condition the verdict rests on, is unconfirmed."""
        if self.rule.status != "confirmed":
            return True
        if self.status == PASS:
            return all(c.status != "confirmed" for c in self.conditions if c.met)
        return False

    def reason(self, lang: str = "en") -> str:
        return self.reason_ja if lang == "ja" else self.reason_en

    def basis_label(self, lang: str = "en") -> str:
        return self.basis_label_ja if lang == "ja" else self.basis_label_en

    def verdict_label(self, lang: str = "en") -> str:
        return ui(self.status, lang)

    def not_checked_text(self, lang: str = "en") -> str:
        """e.g. ``Not checked (no input): Refill replaceable.`` — empty when everything was checked."""
        if not self.not_checked:
            return ""
        names = [ja if lang == "ja" else en for en, ja in self.not_checked]
        return _text("not_checked", lang, items=("、" if lang == "ja" else "; ").join(names))

    def change_text(self, lang: str = "en") -> str:
        """The change needed to pass (easiest failing condition), in words; empty when it passes."""
        if self.status != FAIL:
            return ""
        bits = []
        if self.needed_mass:
            bits.append(_text("add", lang, mass=_g(self.needed_mass), unit=self.mass_unit,
                              kind=needed_kind_label(self.needed_kind, lang)))
        if self.remove_mass:
            bits.append(_text("remove", lang, mass=_g(self.remove_mass), unit=self.mass_unit))
        bits += [ja if lang == "ja" else en for en, ja in self.actions]
        return ("、" if lang == "ja" else "; ").join(bits)

    def rule_info(self, lang: str = "en") -> dict:
        r = self.rule
        return {
            "scheme": r.scheme, "scheme_label": scheme_label(r.scheme, lang), "scheme_item": r.scheme_item_text(lang),
            "category": r.category(lang), "version": r.version_text(lang),
            "valid_to": r.valid_to.isoformat() if r.valid_to else None,
            "basis": r.basis, "basis_label": self.basis_label(lang), "criterion": r.criterion(lang),
            "source": r.source, "source_status": r.source_status,
            "source_status_label": source_status_label(r.source_status, lang),
            "status": r.status, "status_text": r.status_text(lang), "status_detail": r.status_detail(lang),
            "note": r.note(lang), "aliases": list(r.aliases),
        }

    def to_dict(self, lang: str = "en") -> dict:
        d = {
            "product_id": self.product_id, "description": self.description, "row": self.row,
            "rule_id": self.rule_id, "entered_rule_id": self.entered_rule_id, "status": self.status,
            "conditions": [c.to_dict(lang) for c in self.conditions],
            "recycled_pct": self.recycled_pct, "postconsumer_pct": self.postconsumer_pct,
            "preconsumer_pct": self.preconsumer_pct, "biobased_pct": self.biobased_pct,
            "recycled_plus_biobased_pct": self.recycled_plus_biobased_pct,
            "needed_mass": self.needed_mass, "needed_kind": self.needed_kind, "mass_unit": self.mass_unit,
            "remove_mass": self.remove_mass, "actions": [ja if lang == "ja" else en for en, ja in self.actions],
            "change_needed": self.change_text(lang) or None,
            "not_checked": [ja if lang == "ja" else en for en, ja in self.not_checked],
            "basis_mass": self.basis_mass, "reason": self.reason(lang),
            "rule_status": self.rule.status, "unconfirmed": self.unconfirmed,
            "warning": ui("unconfirmed_flag", lang) if self.unconfirmed else None,
            "rule": self.rule_info(lang),
        }
        return d


# --------------------------------------------------------------------------------------------------
# the arithmetic
# --------------------------------------------------------------------------------------------------
def _masses(pre: float, post: float, bio: float) -> dict[str, float]:
    return {"recycled_total_pct": pre + post, "postconsumer_pct": post, "preconsumer_pct": pre,
            "biobased_pct": bio, "recycled_plus_biobased_pct": pre + post + bio}


@dataclass
class _Line:
    """The inputs of one procurement line, masses in the line's unit."""

    basis: float
    pre: float
    post: float
    bio: float
    unit: str
    volume_ml: float | None = None
    units: float | None = None
    reference: float | None = None
    materials: str | None = None
    refill: bool | None = None
    unit_limit_g: float | None = None
    certifications: str | None = None

    @property
    def grams_per_unit_of_mass(self) -> float:
        return FACTORS["mass"][self.unit] / FACTORS["mass"]["g"]


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[,、，;；/／・+＋\s()（）]+", str(text).casefold()) if t]


def _mentions(text: str | None, aliases: tuple[str, ...]) -> list[str]:
    """The tokens of ``text`` that name one of ``aliases`` (equal, or containing a Japanese alias or one of ≥ 3
    characters: "塩ビラベル" names PVC, "al" alone names aluminium but "label" does not)."""
    if text is None:
        return []
    found = []
    for token in _tokens(text):
        for alias in aliases:
            a = alias.casefold()
            if token == a or ((len(a) >= 3 or not a.isascii()) and a in token) or (" " in a and a in str(text).casefold()):
                found.append(token)
                break
    return found


def _within_max(value: float, limit: float) -> bool:
    return value <= limit * (1 + 1e-9) + 1e-12


def _not_checked(req: Requirement, key: str) -> RequirementResult:
    kind = req.kind
    return RequirementResult(req.metric, None, None, None, None, kind, metric_unit(req.metric) if req.metric else "",
                             req.label("en"), req.label("ja"), *(_text(key, lang) for lang in ("en", "ja")))


def _requirement(req: Requirement, line: _Line, masses: dict[str, float]) -> RequirementResult:
    """Check one requirement; ``needed`` percentage shortfalls are computed by :func:`_evaluate`."""
    kind = req.kind
    labels = (req.label("en"), req.label("ja"))
    if kind == "min_pct":
        if req.metric == "reduction_vs_reference_pct":
            if line.reference is None:
                return _not_checked(req, "input_reference")
            value = (line.reference - line.basis) / line.reference * 100.0
            margin = value - req.min_pct
            met = margin >= -TOLERANCE_PT
            remove = 0.0 if met else max(0.0, line.basis - line.reference * (1 - req.min_pct / 100.0))
            return RequirementResult(req.metric, value, req.min_pct, margin, met, kind, "%", *labels,
                                     remove_mass=remove)
        value = masses[req.metric] / line.basis * 100.0
        margin = value - req.min_pct
        return RequirementResult(req.metric, value, req.min_pct, margin, margin >= -TOLERANCE_PT, kind, "%", *labels)
    if kind == "max":
        limit = req.max
        if limit is None:
            limit = line.unit_limit_g
            if limit is None:
                return _not_checked(req, "input_limit")
        grams = line.basis * line.grams_per_unit_of_mass
        detail = ("", "")
        if req.metric == "plastic_g_per_ml":
            if line.volume_ml is None:
                return _not_checked(req, "input_volume")
            count = line.units or 1.0
            per = line.volume_ml * count
        elif req.metric == "annual_average_g_per_unit":
            if line.units is None:
                return _not_checked(req, "input_units")
            per = count = line.units
        else:  # plastic_g_per_unit
            count = line.units or 1.0
            per = count
            if line.units is None:
                detail = (_text("one_unit", "en"), _text("one_unit", "ja"))
        value = grams / per
        met = _within_max(value, limit)
        remove_g = 0.0 if met else (value - limit) * per
        return RequirementResult(req.metric, value, limit, limit - value, met, kind, metric_unit(req.metric), *labels,
                                 *detail, remove_mass=remove_g / line.grams_per_unit_of_mass)
    if kind == "banned":
        if line.materials is None:
            return _not_checked(req, "input_materials")
        found = {m: _mentions(line.materials, BANNED_MATERIALS[m][2]) for m in req.banned_materials}
        used = [m for m, tokens in found.items() if tokens]
        if not used:
            return RequirementResult(None, None, None, None, True, kind, "", *labels,
                                     _text("banned_none", "en"), _text("banned_none", "ja"))
        names_en = ", ".join(material_label(m, "en") for m in used)
        names_ja = "、".join(material_label(m, "ja") for m in used)
        return RequirementResult(None, None, None, None, False, kind, "", *labels,
                                 _text("banned_found", "en", names=names_en), _text("banned_found", "ja", names=names_ja),
                                 action_en=_text("stop_using", "en", names=names_en),
                                 action_ja=_text("stop_using", "ja", names=names_ja))
    if kind == "requires":
        if line.refill is None:
            return _not_checked(req, "input_refill")
        if line.refill:
            return RequirementResult(None, None, None, None, True, kind, "", *labels,
                                     _text("has_property", "en"), _text("has_property", "ja"))
        return RequirementResult(None, None, None, None, False, kind, "", *labels,
                                 _text("lacks_property", "en"), _text("lacks_property", "ja"),
                                 action_en=_text("make_refill", "en"), action_ja=_text("make_refill", "ja"))
    # certified
    if line.certifications is None:
        return _not_checked(req, "input_certifications")
    if _mentions(line.certifications, CERTIFICATIONS[req.certified][2]):
        return RequirementResult(None, None, None, None, True, kind, "", *labels,
                                 _text("certified", "en"), _text("certified", "ja"))
    return RequirementResult(None, None, None, None, False, kind, "", *labels,
                             _text("not_certified", "en"), _text("not_certified", "ja"),
                             action_en=_text("obtain", "en", name=labels[0]),
                             action_ja=_text("obtain", "ja", name=labels[1]))


def _evaluate(cond: Condition, rule: Rule, line: _Line) -> ConditionResult:
    pre, post, bio, basis, unit = line.pre, line.post, line.bio, line.basis, line.unit
    masses = _masses(pre, post, bio)
    reqs = [_requirement(req, line, masses) for req in cond.requirements]
    checked = [r for r in reqs if r.met is not None]
    pct = [r for r in checked if r.kind == "min_pct"]
    margin = min((r.margin for r in pct), default=None)
    remove = max((r.remove_mass for r in checked), default=0.0)
    if not checked:
        return ConditionResult(cond, rule, reqs, None, None, None, None)
    if all(r.met for r in checked):
        return ConditionResult(cond, rule, reqs, True, margin, 0.0, None)
    need: dict[str, float] = {m: 0.0 for m in masses}
    for r in pct:
        if not r.met and r.metric in masses:
            need[r.metric] = max(need[r.metric], r.limit * basis / 100.0 - masses[r.metric])
    # substitute virgin material: a post-consumer kilogram also counts as recycled, and so on
    add = {"postconsumer": need["postconsumer_pct"], "preconsumer": need["preconsumer_pct"],
           "biobased": need["biobased_pct"]}
    add["recycled"] = max(0.0, need["recycled_total_pct"] - add["postconsumer"] - add["preconsumer"])
    add["recycled_or_biobased"] = max(0.0, need["recycled_plus_biobased_pct"] - sum(add.values()))
    breakdown = {k: v for k, v in add.items() if v > 0}
    total = sum(breakdown.values())
    kind = None if not breakdown else (next(iter(breakdown)) if len(breakdown) == 1 else "mixed")
    virgin = max(0.0, basis - pre - post - bio)
    if total > virgin * (1 + 1e-12) + 1e-15:
        en, ja = (_text("infeasible", lang, virgin=_g(virgin), need=_g(total), unit=unit) for lang in ("en", "ja"))
        return ConditionResult(cond, rule, reqs, False, margin, None, kind, breakdown, en, ja, remove_mass=remove)
    return ConditionResult(cond, rule, reqs, False, margin, total, kind, breakdown, remove_mass=remove)


def _optional(line: dict, key: str, cast=float):
    value = line.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return None
    return cast(value)


def check_line(line: dict, rule: Rule, ruleset: RuleSet | None = None, row: int | None = None,
               entered_rule_id: str | None = None) -> CheckResult:
    """Check one validated procurement row (a dict keyed by the procurement field ids) against ``rule``.

    A condition passes when every requirement it could check holds; requirements whose input is not given
    are listed as not checked and the verdict stands on the others. A condition with nothing checked
    counts neither way."""
    basis = float(line["basis_mass"])
    pre = float(line.get("recycled_preconsumer_mass") or 0.0)
    post = float(line.get("recycled_postconsumer_mass") or 0.0)
    bio = float(line.get("biobased_mass") or 0.0)
    unit = line.get("mass_unit") or TABLES["procurement"].field("mass_unit").default
    inputs = _Line(basis, pre, post, bio, unit, _optional(line, "content_volume_ml"), _optional(line, "units"),
                   _optional(line, "reference_mass"), _optional(line, "materials_used", str),
                   _optional(line, "refill_replaceable", bool), _optional(line, "unit_mass_limit_g"),
                   _optional(line, "certifications", str))
    pct = {m: v / basis * 100.0 for m, v in _masses(pre, post, bio).items()}
    b_en = ruleset.basis_label(rule, "en") if ruleset else rule.basis
    b_ja = ruleset.basis_label(rule, "ja") if ruleset else rule.basis
    alias = entered_rule_id if entered_rule_id and entered_rule_id != rule.rule_id else None
    common = dict(product_id=str(line.get("product_id", "")), rule=rule, basis_mass=basis, mass_unit=unit,
                  recycled_pct=pct["recycled_total_pct"], postconsumer_pct=pct["postconsumer_pct"],
                  preconsumer_pct=pct["preconsumer_pct"], biobased_pct=pct["biobased_pct"],
                  recycled_plus_biobased_pct=pct["recycled_plus_biobased_pct"], basis_label_en=b_en,
                  basis_label_ja=b_ja, description=line.get("description"), row=row, entered_rule_id=alias)
    if not rule.checkable:
        key = "organisation" if rule.applies_to == "organisation" else "no_condition"
        return CheckResult(status=NOT_APPLICABLE, conditions=[], needed_mass=None, needed_kind=None,
                           reason_en=_text(key, "en", criterion=rule.criterion("en")),
                           reason_ja=_text(key, "ja", criterion=rule.criterion("ja")), **common)
    results = [_evaluate(c, rule, inputs) for c in rule.conditions]

    def unchecked(conds) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        for c in conds:
            for q in c.not_checked:
                if (q.label_en, q.label_ja) not in seen:
                    seen.append((q.label_en, q.label_ja))
        return seen

    met = [c for c in results if c.met]
    if met:
        return CheckResult(status=PASS, conditions=results, needed_mass=0.0, needed_kind=None,
                           not_checked=unchecked(met[:1]), **common)
    failed = [c for c in results if c.met is False]
    if not failed:
        names = unchecked(results)
        return CheckResult(status=NOT_APPLICABLE, conditions=results, needed_mass=None, needed_kind=None,
                           not_checked=names, reason_en=_text("nothing_checked", "en"),
                           reason_ja=_text("nothing_checked", "ja"), **common)
    not_checked = unchecked(results)
    feasible = [c for c in failed if c.needed_mass is not None]
    if not feasible:
        return CheckResult(status=FAIL, conditions=results, needed_mass=None, needed_kind=None,
                           reason_en=_text("unreachable", "en"), reason_ja=_text("unreachable", "ja"),
                           not_checked=not_checked, **common)
    easiest = min(feasible, key=lambda c: (c.effort, len(c.actions)))
    return CheckResult(status=FAIL, conditions=results, needed_mass=easiest.needed_mass,
                       needed_kind=easiest.needed_kind, remove_mass=easiest.remove_mass, actions=easiest.actions,
                       not_checked=not_checked, **common)


def unknown_rule_message(rule_id: Any, ruleset: RuleSet, row: int | None) -> Message:
    fld = TABLES["procurement"].field("rule_id")
    sugg = ruleset.closest_ids(str(rule_id))
    en, ja = message_texts(
        "unknown_rule", field=fld.label_en, field_ja=fld.label_ja, value=rule_id,
        suggestion=(" Did you mean: " + ", ".join(sugg) + "?") if sugg else "",
        suggestion_ja=("候補：" + "、".join(sugg) + "。") if sugg else "")
    return Message("unknown_rule", ERROR, en, ja, table="procurement", row=row, field="rule_id", value=rule_id)


def check_lines(lines: Iterable[dict], ruleset: RuleSet) -> tuple[list[CheckResult], list[Message]]:
    """Check validated procurement rows; unknown rule ids become messages (with the closest ids)."""
    results: list[CheckResult] = []
    messages: list[Message] = []
    for i, line in enumerate(lines, 1):
        rid = line.get("rule_id")
        entered = str(rid).strip() if rid is not None else None
        rule = ruleset.get(entered) if entered is not None else None
        if rule is None:
            messages.append(unknown_rule_message(rid, ruleset, i))
            continue
        if entered != rule.rule_id:
            en, ja = (_text("alias", lang, alias=entered, rule_id=rule.rule_id) for lang in ("en", "ja"))
            messages.append(Message("rule_alias", INFO, en, ja, table="procurement", row=i, field="rule_id",
                                    value=entered))
        results.append(check_line(line, rule, ruleset, row=i, entered_rule_id=entered))
    return results, messages


def check_assessment(assessment: Any, ruleset: RuleSet) -> tuple[list[CheckResult], list[Message]]:
    """Check every procurement line of an :class:`~gcpcalc.models.Assessment` (or its JSON dict form)."""
    rows = assessment.get("procurement") if isinstance(assessment, dict) else getattr(assessment, "procurement", None)
    return check_lines(rows or [], ruleset)


def quick_check(ruleset: RuleSet, rule_id: str, basis_mass: Any, recycled_preconsumer_mass: Any = 0,
                recycled_postconsumer_mass: Any = 0, biobased_mass: Any = 0, mass_unit: Any = "kg",
                product_id: str = "-", **extra: Any) -> tuple[CheckResult | None, list[Message]]:
    """Validate typed values with the data dictionary's procurement table, then check them.

    ``extra``: other procurement fields (content_volume_ml, units, reference_mass, unit_mass_limit_g,
    materials_used, refill_replaceable, certifications); blank ones are left out."""
    from ..models import validate_table

    row = {"product_id": product_id, "rule_id": rule_id, "basis_mass": basis_mass,
           "recycled_preconsumer_mass": recycled_preconsumer_mass,
           "recycled_postconsumer_mass": recycled_postconsumer_mass, "biobased_mass": biobased_mass,
           "mass_unit": mass_unit}
    row.update({k: v for k, v in extra.items() if v is not None and v != ""})
    rows, messages = validate_table("procurement", [row])
    if rows is None or any(m.severity == ERROR for m in messages):
        return None, messages
    results, more = check_lines(rows, ruleset)
    return (results[0] if results else None), messages + more
