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

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..fields import TABLES
from ..i18n import message_texts, ui
from ..messages import ERROR, Message
from .rules import Condition, Rule, RuleSet, metric_label, scheme_label, source_status_label

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
    metric: str
    value_pct: float
    min_pct: float
    margin_pct: float
    met: bool

    def to_dict(self, lang: str = "en") -> dict:
        return {"metric": self.metric, "label": metric_label(self.metric, lang), "value_pct": self.value_pct,
                "min_pct": self.min_pct, "margin_pct": self.margin_pct, "met": self.met}


@dataclass
class ConditionResult:
    condition: Condition
    rule: Rule
    requirements: list[RequirementResult]
    met: bool
    margin_pct: float
    #: extra mass needed (line's unit); 0 when met; None when replacing the virgin part cannot meet it
    needed_mass: float | None
    needed_kind: str | None
    #: kind -> mass, when several materials are needed (an AND condition)
    needed_breakdown: dict[str, float] = field(default_factory=dict)
    reason_en: str = ""
    reason_ja: str = ""

    @property
    def status(self) -> str:
        return self.condition.status or self.rule.status

    def label(self, lang: str = "en") -> str:
        return self.condition.label(lang)

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "label": self.label(lang), "met": self.met, "margin_pct": self.margin_pct,
            "needed_mass": self.needed_mass, "needed_kind": self.needed_kind,
            "needed_breakdown": dict(self.needed_breakdown), "status": self.status,
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
            "note": r.note(lang),
        }

    def to_dict(self, lang: str = "en") -> dict:
        d = {
            "product_id": self.product_id, "description": self.description, "row": self.row,
            "rule_id": self.rule_id, "status": self.status,
            "conditions": [c.to_dict(lang) for c in self.conditions],
            "recycled_pct": self.recycled_pct, "postconsumer_pct": self.postconsumer_pct,
            "preconsumer_pct": self.preconsumer_pct, "biobased_pct": self.biobased_pct,
            "recycled_plus_biobased_pct": self.recycled_plus_biobased_pct,
            "needed_mass": self.needed_mass, "needed_kind": self.needed_kind, "mass_unit": self.mass_unit,
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


def _evaluate(cond: Condition, rule: Rule, basis: float, pre: float, post: float, bio: float,
              unit: str) -> ConditionResult:
    masses = _masses(pre, post, bio)
    reqs: list[RequirementResult] = []
    need: dict[str, float] = {m: 0.0 for m in masses}
    for req in cond.requirements:
        value = masses[req.metric] / basis * 100.0
        margin = value - req.min_pct
        met = margin >= -TOLERANCE_PT
        reqs.append(RequirementResult(req.metric, value, req.min_pct, margin, met))
        if not met:
            need[req.metric] = max(need[req.metric], req.min_pct * basis / 100.0 - masses[req.metric])
    met = all(r.met for r in reqs)
    margin = min(r.margin_pct for r in reqs)
    if met:
        return ConditionResult(cond, rule, reqs, True, margin, 0.0, None)
    # substitute virgin material: a post-consumer kilogram also counts as recycled, and so on
    add = {"postconsumer": need["postconsumer_pct"], "preconsumer": need["preconsumer_pct"],
           "biobased": need["biobased_pct"]}
    add["recycled"] = max(0.0, need["recycled_total_pct"] - add["postconsumer"] - add["preconsumer"])
    add["recycled_or_biobased"] = max(0.0, need["recycled_plus_biobased_pct"] - sum(add.values()))
    breakdown = {k: v for k, v in add.items() if v > 0}
    total = sum(breakdown.values())
    kind = next(iter(breakdown)) if len(breakdown) == 1 else "mixed"
    virgin = max(0.0, basis - pre - post - bio)
    if total > virgin * (1 + 1e-12) + 1e-15:
        en, ja = (_text("infeasible", lang, virgin=_g(virgin), need=_g(total), unit=unit) for lang in ("en", "ja"))
        return ConditionResult(cond, rule, reqs, False, margin, None, kind, breakdown, en, ja)
    return ConditionResult(cond, rule, reqs, False, margin, total, kind, breakdown)


def check_line(line: dict, rule: Rule, ruleset: RuleSet | None = None, row: int | None = None) -> CheckResult:
    """Check one validated procurement row (a dict keyed by the procurement field ids) against ``rule``."""
    basis = float(line["basis_mass"])
    pre = float(line.get("recycled_preconsumer_mass") or 0.0)
    post = float(line.get("recycled_postconsumer_mass") or 0.0)
    bio = float(line.get("biobased_mass") or 0.0)
    unit = line.get("mass_unit") or TABLES["procurement"].field("mass_unit").default
    pct = {m: v / basis * 100.0 for m, v in _masses(pre, post, bio).items()}
    b_en = ruleset.basis_label(rule, "en") if ruleset else rule.basis
    b_ja = ruleset.basis_label(rule, "ja") if ruleset else rule.basis
    common = dict(product_id=str(line.get("product_id", "")), rule=rule, basis_mass=basis, mass_unit=unit,
                  recycled_pct=pct["recycled_total_pct"], postconsumer_pct=pct["postconsumer_pct"],
                  preconsumer_pct=pct["preconsumer_pct"], biobased_pct=pct["biobased_pct"],
                  recycled_plus_biobased_pct=pct["recycled_plus_biobased_pct"], basis_label_en=b_en,
                  basis_label_ja=b_ja, description=line.get("description"), row=row)
    if not rule.checkable:
        key = "organisation" if rule.applies_to == "organisation" else "no_condition"
        return CheckResult(status=NOT_APPLICABLE, conditions=[], needed_mass=None, needed_kind=None,
                           reason_en=_text(key, "en", criterion=rule.criterion("en")),
                           reason_ja=_text(key, "ja", criterion=rule.criterion("ja")), **common)
    results = [_evaluate(c, rule, basis, pre, post, bio, unit) for c in rule.conditions]
    if any(c.met for c in results):
        return CheckResult(status=PASS, conditions=results, needed_mass=0.0, needed_kind=None, **common)
    feasible = [c for c in results if c.needed_mass is not None]
    if not feasible:
        return CheckResult(status=FAIL, conditions=results, needed_mass=None, needed_kind=None,
                           reason_en=_text("unreachable", "en"), reason_ja=_text("unreachable", "ja"), **common)
    easiest = min(feasible, key=lambda c: c.needed_mass)
    return CheckResult(status=FAIL, conditions=results, needed_mass=easiest.needed_mass,
                       needed_kind=easiest.needed_kind, **common)


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
        rule = ruleset.get(str(rid).strip()) if rid is not None else None
        if rule is None:
            messages.append(unknown_rule_message(rid, ruleset, i))
            continue
        results.append(check_line(line, rule, ruleset, row=i))
    return results, messages


def check_assessment(assessment: Any, ruleset: RuleSet) -> tuple[list[CheckResult], list[Message]]:
    """Check every procurement line of an :class:`~gcpcalc.models.Assessment` (or its JSON dict form)."""
    rows = assessment.get("procurement") if isinstance(assessment, dict) else getattr(assessment, "procurement", None)
    return check_lines(rows or [], ruleset)


def quick_check(ruleset: RuleSet, rule_id: str, basis_mass: Any, recycled_preconsumer_mass: Any = 0,
                recycled_postconsumer_mass: Any = 0, biobased_mass: Any = 0, mass_unit: Any = "kg",
                product_id: str = "-") -> tuple[CheckResult | None, list[Message]]:
    """Validate typed values with the data dictionary's procurement table, then check them."""
    from ..models import validate_table

    row = {"product_id": product_id, "rule_id": rule_id, "basis_mass": basis_mass,
           "recycled_preconsumer_mass": recycled_preconsumer_mass,
           "recycled_postconsumer_mass": recycled_postconsumer_mass, "biobased_mass": biobased_mass,
           "mass_unit": mass_unit}
    rows, messages = validate_table("procurement", [row])
    if rows is None or any(m.severity == ERROR for m in messages):
        return None, messages
    results, more = check_lines(rows, ruleset)
    return (results[0] if results else None), messages + more
