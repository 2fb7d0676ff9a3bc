"""Scenarios (what-if): named lists of changes applied on top of an assessment, compared with the baseline,
and solved for the change needed to reach a target.

A scenario never edits the baseline: :func:`apply_scenario` returns a new JSON-form assessment and a message
per change saying which lines it touched (or that it touched none). The figures of a scenario are the
engine's figures of that edited assessment — no second formula — so a scenario equals a recomputation of the
edited input by construction.

Kinds of change (``Change.kind`` and its ``params``):

``recycled_share``
    Inflow lines selected by ``material`` and/or ``supplier`` and/or ``line_ids`` whose recycled content
    (pre + post) is below ``recycled_pct`` % are raised to it: the pre-consumer share is kept and the
    post-consumer share raised (``part = "preconsumer"`` raises the pre-consumer share instead). Lines already
    at or above it keep their value. A line with no room (recycled + reused + renewable would exceed 100 %) is
    left unchanged with a warning naming it, never capped.
``move_waste``
    ``share_pct`` % (default 100) of the mass of waste lines with destination ``from_destination`` (optionally
    only ``line_ids``) moves to ``to_destination``; the moved part becomes a new line ``<line_id>~<scenario>``
    whose actual recovery is the destination default unless ``actual_recovery_pct`` is given.
``extend_lifetime``
    Products selected by ``product_ids`` or ``product_group`` get their actual lifetime multiplied by ``factor``
    (or set to ``years``).
``renewable_energy``
    ``share_pct`` % (default 100) of the consumed energy lines selected by ``carrier`` or ``line_ids`` becomes
    renewable (the switched part is a new line).

References: the data dictionary; CTI v4.0 (the figures compared). Solving uses bisection on one numeric
parameter; the CTI figures are monotone in each parameter above, so bisection converges.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

from .i18n import id_list
from .messages import ERROR, INFO, WARNING, Message

KINDS = ("recycled_share", "move_waste", "extend_lifetime", "renewable_energy")

#: the indicators shown side by side (every other computed id is compared too, in catalogue order)
KEY_INDICATORS = (
    "cti.circular_inflow_pct", "cti.circular_outflow_pct", "cti.material_circularity_pct",
    "cti.recycled_inflow_pct", "cti.critical_inflow_pct", "cti.renewable_energy_pct", "cti.actual_lifetime_ratio",
    "esrs_e5.nonrecycled_pct", "iso59020.outflow_recycled_pct",
)

_TEXTS = {
    "touched": ("Change {n} ({kind}): {count} line(s) changed: {lines}.", "変更 {n}（{kind_ja}）：{count} 行を変更しました：{lines_ja}。"),
    "none": ("Change {n} ({kind}): no line matches the selection ({sel}); nothing was changed.",
             "変更 {n}（{kind_ja}）：選択条件（{sel}）に合う行がないため、何も変更していません。"),
    "over_100": ("Change {n} ({kind}): in {count} line(s) recycled {value}% + reused + renewable would exceed 100%; "
                 "they were left unchanged: {lines}.",
                 "変更 {n}（{kind_ja}）：再生材 {value}% ＋ リユース ＋ 再生可能 が 100% を超える {count} 行は変更していません："
                 "{lines_ja}。"),
    "bad_kind": ("Change {n}: unknown kind '{kind}'. Allowed: {allowed}.",
                 "変更 {n}：種類「{kind}」は使用できません。使用可能な種類：{allowed}。"),
    "bad_param": ("Change {n} ({kind}): parameter '{param}' = '{value}' is not valid: {why}.",
                  "変更 {n}（{kind_ja}）：パラメータ「{param}」＝「{value}」は無効です：{why_ja}。"),
}
KIND_LABELS = {
    "recycled_share": ("raise recycled content", "再生材比率の変更"),
    "move_waste": ("move waste to another destination", "廃棄物の処理方法の変更"),
    "extend_lifetime": ("extend product lifetime", "製品寿命の延長"),
    "renewable_energy": ("switch energy to renewable", "再生可能エネルギーへの切替"),
}


def _msg(code: str, severity: str, n: int, kind: str, **kw) -> Message:
    en_t, ja_t = _TEXTS[code]
    kl = KIND_LABELS.get(kind, (kind, kind))
    kw = {**kw, "n": n, "kind": kl[0], "kind_ja": kl[1]}
    kw.setdefault("why_ja", kw.get("why", ""))
    return Message(f"scenario_{code}", severity, en_t.format(**kw), ja_t.format(**kw), table="scenario", row=n,
                   value=kw.get("value"))


@dataclass
class Change:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, **self.params}

    @classmethod
    def from_dict(cls, d: dict) -> "Change":
        d = dict(d)
        return cls(str(d.pop("kind", "")), d)


@dataclass
class Scenario:
    name: str
    changes: list[Change] = field(default_factory=list)
    description: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "changes": [c.to_dict() for c in self.changes]}

    @classmethod
    def from_dict(cls, d: dict) -> "Scenario":
        return cls(str(d.get("name", "")), [Change.from_dict(c) for c in d.get("changes", [])],
                   str(d.get("description", "")))


def _num(v: Any, n: int, kind: str, param: str, lo: float | None = 0.0, hi: float | None = None,
         msgs: list[Message] | None = None) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        msgs.append(_msg("bad_param", ERROR, n, kind, param=param, value=v, why="not a number", why_ja="数値ではありません"))
        return None
    if x != x or (lo is not None and x < lo) or (hi is not None and x > hi):
        rng = f"{lo if lo is not None else '-∞'}–{hi if hi is not None else '∞'}"
        msgs.append(_msg("bad_param", ERROR, n, kind, param=param, value=v, why=f"allowed {rng}",
                         why_ja=f"{rng} の範囲で指定してください"))
        return None
    return x


def _selected(rows: list[dict], params: dict, keys: tuple[str, ...]) -> list[dict]:
    ids = params.get("line_ids") or params.get("product_ids")
    ids = set(ids) if ids else None
    out = []
    for r in rows:
        if ids is not None and (r.get("line_id") or r.get("product_id")) not in ids:
            continue
        if any(params.get(k) is not None and r.get(k) != params.get(k) for k in keys):
            continue
        out.append(r)
    return out


def _sel_text(params: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items() if k in (
        "material", "supplier", "line_ids", "product_ids", "product_group", "carrier", "from_destination")) or "all"


def _lines(rows: list[dict], key: str = "line_id") -> dict[str, str]:
    """The ``lines`` and ``lines_ja`` of a message naming ``rows`` (the first eight ids, then how many more)."""
    ids = [r.get(key) for r in rows]
    return {"lines": id_list(ids, "en", 8), "lines_ja": id_list(ids, "ja", 8)}


def apply_scenario(data: dict, scenario: Scenario) -> tuple[dict, list[Message]]:
    """The JSON form of ``data`` with the scenario's changes applied (a deep copy), and one message per change."""
    out = copy.deepcopy(data)
    msgs: list[Message] = []
    tag = "".join(ch for ch in scenario.name if ch.isalnum() or ch in "-_")[:20] or "S"
    for n, ch in enumerate(scenario.changes, 1):
        p = ch.params
        if ch.kind not in KINDS:
            msgs.append(_msg("bad_kind", ERROR, n, ch.kind, allowed=", ".join(KINDS)))
            continue
        if ch.kind == "recycled_share":
            target = _num(p.get("recycled_pct"), n, ch.kind, "recycled_pct", 0, 100, msgs)
            if target is None:
                continue
            rows = _selected(out.get("inflows", []), p, ("material", "supplier"))
            changed, no_room = [], []
            for r in rows:
                pre = float(r.get("recycled_preconsumer_pct") or 0)
                post = float(r.get("recycled_postconsumer_pct") or 0)
                rest = float(r.get("reused_pct") or 0) + float(r.get("renewable_pct") or 0)
                if pre + post >= target:
                    continue
                if p.get("part") == "preconsumer":
                    new_pre, new_post = target - post, post
                else:
                    new_pre, new_post = pre, target - pre
                if new_pre + new_post + rest > 100.0 + 1e-9:
                    no_room.append(r)
                    continue
                r["recycled_preconsumer_pct"], r["recycled_postconsumer_pct"] = new_pre, new_post
                changed.append(r)
            if no_room:
                msgs.append(_msg("over_100", WARNING, n, ch.kind, count=len(no_room), value=f"{target:g}",
                                 **_lines(no_room)))
        elif ch.kind == "move_waste":
            share = _num(p.get("share_pct", 100), n, ch.kind, "share_pct", 0, 100, msgs)
            dest_to = p.get("to_destination")
            if share is None:
                continue
            from .fields import DESTINATIONS

            if dest_to not in DESTINATIONS:
                msgs.append(_msg("bad_param", ERROR, n, ch.kind, param="to_destination", value=dest_to,
                                 why="allowed " + ", ".join(DESTINATIONS)))
                continue
            rows = [r for r in _selected(out.get("outflows", []), p, ()) if r.get("flow_type") == "waste"
                    and r.get("destination") == p.get("from_destination")]
            changed, new_rows = [], []
            for r in rows:
                if share >= 100.0:
                    r["destination"] = dest_to
                    r.pop("actual_recovery_pct", None)
                    r.pop("energy_recovery_r1", None)
                    if p.get("actual_recovery_pct") is not None:
                        r["actual_recovery_pct"] = float(p["actual_recovery_pct"])
                    changed.append(r)
                elif share > 0:
                    moved = {k: v for k, v in r.items() if k not in ("actual_recovery_pct", "energy_recovery_r1")}
                    moved["line_id"] = f"{r['line_id']}~{tag}"
                    moved["mass"] = float(r["mass"]) * share / 100.0
                    moved["destination"] = dest_to
                    if p.get("actual_recovery_pct") is not None:
                        moved["actual_recovery_pct"] = float(p["actual_recovery_pct"])
                    r["mass"] = float(r["mass"]) - moved["mass"]
                    new_rows.append(moved)
                    changed.append(r)
            out.setdefault("outflows", []).extend(new_rows)
        elif ch.kind == "extend_lifetime":
            rows = _selected(out.get("products", []), p, ("product_group",))
            rows = [r for r in rows if r.get("actual_lifetime") is not None]
            if p.get("years") is not None:
                years = _num(p["years"], n, ch.kind, "years", 0, None, msgs)
                if years is None or years <= 0:
                    continue
                for r in rows:
                    r["actual_lifetime"] = years
            else:
                factor = _num(p.get("factor", 1), n, ch.kind, "factor", 0, None, msgs)
                if factor is None or factor <= 0:
                    continue
                for r in rows:
                    r["actual_lifetime"] = float(r["actual_lifetime"]) * factor
            changed = rows
        else:  # renewable_energy
            share = _num(p.get("share_pct", 100), n, ch.kind, "share_pct", 0, 100, msgs)
            if share is None:
                continue
            rows = [r for r in _selected(out.get("energy", []), p, ("carrier",))
                    if not r.get("renewable") and r.get("direction", "consumed") == "consumed"]
            new_rows = []
            for r in rows:
                if share >= 100.0:
                    r["renewable"] = True
                elif share > 0:
                    part = dict(r, line_id=f"{r['line_id']}~{tag}", amount=float(r["amount"]) * share / 100.0,
                                renewable=True)
                    r["amount"] = float(r["amount"]) - part["amount"]
                    new_rows.append(part)
            out.setdefault("energy", []).extend(new_rows)
            changed = rows
        key = "product_id" if ch.kind == "extend_lifetime" else "line_id"
        if changed:
            msgs.append(_msg("touched", INFO, n, ch.kind, count=len(changed), **_lines(changed, key)))
        elif not any(m.row == n and m.severity == ERROR for m in msgs):
            msgs.append(_msg("none", WARNING, n, ch.kind, sel=_sel_text(p)))
    return out, msgs


def describe(change: Change, lang: str = "en") -> str:
    """The change in words, for lists and reports."""
    from .i18n import enum_label

    p = change.params
    ja = lang == "ja"
    sel = []
    if p.get("material"):
        sel.append((f"素材「{enum_label(p['material'], lang)}」" if ja else "material " + enum_label(p["material"], lang)))
    if p.get("supplier"):
        sel.append((f"サプライヤー「{p['supplier']}」" if ja else "supplier " + str(p["supplier"])))
    if p.get("product_group"):
        sel.append((f"製品グループ「{p['product_group']}」" if ja else "product group " + str(p["product_group"])))
    if p.get("carrier"):
        sel.append((f"エネルギー種別「{enum_label(p['carrier'], lang)}」" if ja else "carrier " + enum_label(p["carrier"], lang)))
    if p.get("line_ids") or p.get("product_ids"):
        sel.append(", ".join(map(str, p.get("line_ids") or p.get("product_ids"))))
    all_words = ("すべての製品", "all products") if change.kind == "extend_lifetime" else ("すべての行", "all lines")
    where = ("・".join(sel) if ja else ", ".join(sel)) or (all_words[0] if ja else all_words[1])
    if change.kind == "recycled_share":
        return (f"{where}の再生材比率を {p.get('recycled_pct')}% に引き上げ" if ja
                else f"raise the recycled content of {where} to {p.get('recycled_pct')} %")
    if change.kind == "move_waste":
        frm, to = enum_label(str(p.get("from_destination")), lang), enum_label(str(p.get("to_destination")), lang)
        share = p.get("share_pct", 100)
        return (f"処理方法が「{frm}」の廃棄物の {share}% を「{to}」に変更" if ja
                else f"move {share} % of the waste sent to {frm} to {to}")
    if change.kind == "extend_lifetime":
        how = (f"{p['years']} 年" if ja else f"{p['years']} years") if p.get("years") is not None else \
            (f"{p.get('factor', 1)} 倍" if ja else f"× {p.get('factor', 1)}")
        return f"{where}の製品寿命を {how}に延長" if ja else f"extend the lifetime of {where} ({how})"
    if change.kind == "renewable_energy":
        share = p.get("share_pct", 100)
        return (f"{where}の {share}% を再生可能エネルギーに切替" if ja
                else f"switch {share} % of the energy of {where} to renewable")
    return change.kind


@dataclass
class Comparison:
    """Baseline and scenario figures side by side: id -> (baseline, scenario, difference)."""

    baseline: Any
    scenario: Any
    rows: list[tuple[str, float | None, float | None, float | None]]
    messages: list[Message]
    #: the scenario's assessment in JSON form (the baseline with the changes applied once)
    edited: dict | None = None


def run_scenario(data: dict, scenario: Scenario) -> Comparison:
    """Apply the scenario and compute both assessments; the scenario's figures are the engine's figures of
    the edited assessment."""
    from .indicators import compute
    from .models import validate_assessment

    base_a, base_msgs = validate_assessment(data)
    edited, msgs = apply_scenario(data, scenario)
    scen_a, scen_msgs = validate_assessment(edited)
    msgs = msgs + [m for m in scen_msgs if m.severity == ERROR]
    if base_a is None or scen_a is None:
        return Comparison(None, None, [], msgs + [m for m in base_msgs if m.severity == ERROR], edited)
    base, scen = compute(base_a), compute(scen_a)
    rows = []
    for iid, r in base.items():
        b = r.value if isinstance(r.value, float) else None
        s_res = scen.get(iid)
        s = s_res.value if s_res is not None and isinstance(s_res.value, float) else None
        rows.append((iid, b, s, (s - b) if b is not None and s is not None else None))
    for iid, r in scen.items():  # ids only the scenario has (e.g. a new destination)
        if iid not in base and isinstance(r.value, float):
            rows.append((iid, None, r.value, None))
    return Comparison(base, scen, rows, msgs, edited)


@dataclass
class Solution:
    """The parameter value that reaches the target, or why none does within the bounds."""

    reached: bool
    parameter: float | None
    value: float | None
    message_en: str
    message_ja: str


def solve(data: dict, make_scenario: Callable[[float], Scenario], indicator_id: str, target: float,
          lo: float, hi: float, tolerance: float = 0.01, max_iter: int = 60) -> Solution:
    """The smallest parameter in [lo, hi] at which ``indicator_id`` reaches ``target`` (bisection).

    ``make_scenario(x)`` builds the scenario for parameter x; the figure must grow with x (all kinds above
    do for the CTI circularity figures). The result is within ``tolerance`` percentage points of the target.
    """
    from .indicators import compute
    from .models import validate_assessment

    def value_at(x: float) -> float | None:
        edited, msgs = apply_scenario(data, make_scenario(x))
        if any(m.severity == ERROR for m in msgs):
            return None
        a, _ = validate_assessment(edited)
        return None if a is None else compute(a).value(indicator_id)

    from .indicators.catalogue import definition

    try:
        d = definition(indicator_id)
        en, ja = (d.label("en"), d.label("ja")) if not d.is_pattern else (indicator_id, indicator_id)
    except KeyError:
        return Solution(False, None, None, f"unknown indicator '{indicator_id}'", f"指標「{indicator_id}」はありません")
    v_lo, v_hi = value_at(lo), value_at(hi)
    if v_lo is None or v_hi is None:
        return Solution(False, None, None, f"{en} cannot be computed for this scenario",
                        f"このシナリオでは{ja}を算出できません")
    if v_lo >= target:
        return Solution(True, lo, v_lo, f"{en} already reaches {target:g} at {lo:g} ({v_lo:.2f})",
                        f"{ja}は {lo:g} の時点で目標 {target:g} を達成しています（{v_lo:.2f}）")
    if v_hi < target - tolerance:
        return Solution(False, hi, v_hi, f"{en} cannot reach {target:g}: at {hi:g} it is {v_hi:.2f}",
                        f"{ja}は目標 {target:g} に届きません：{hi:g} でも {v_hi:.2f} です")
    a, b = lo, hi
    best = (hi, v_hi)
    for _ in range(max_iter):
        mid = (a + b) / 2
        v = value_at(mid)
        if v is None:
            break
        if v >= target:
            b, best = mid, (mid, v)
            if v - target <= tolerance:
                break
        else:
            a = mid
    x, v = best
    return Solution(True, x, v, f"{en} reaches {v:.2f} (target {target:g}) at {x:.4g}",
                    f"パラメータを {x:.4g} にすると、{ja}は {v:.2f} となり目標 {target:g} に達します")
