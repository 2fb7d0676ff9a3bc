"""Design-certification and judgement-criteria requirements: g/ml and per-unit limits, annual average weight,
reduction against a reference product, banned materials, yes/no properties, certifications, aliases.

Every expected value is computed by hand in the comment beside it."""
from __future__ import annotations

import pytest

from gcpcalc.procurement import check_lines, load_rules, parse_rules_bytes, quick_check


@pytest.fixture(scope="module")
def rules():
    ruleset, messages = load_rules()
    assert messages == []
    return ruleset


def line(rule_id, basis, pre=0.0, post=0.0, bio=0.0, unit="g", pid="P1", **extra):
    row = {"product_id": pid, "rule_id": rule_id, "basis_mass": basis, "recycled_preconsumer_mass": pre,
           "recycled_postconsumer_mass": post, "biobased_mass": bio, "mass_unit": unit, "description": None}
    row.update(extra)
    return row


def check(rules, *args, **kw):
    results, messages = check_lines([line(*args, **kw)], rules)
    assert [m for m in messages if m.severity == "error"] == []
    return results[0]


# ---- g per ml: cosmetics main bottles (≤ 0.400 g/ml, recycled + bio ≥ 50 %) --------------------------------
def test_cosmetics_exactly_0400_g_per_ml_passes(rules):
    r = check(rules, "plastics_act.cosmetics_container", 40.0, pre=20.0, content_volume_ml=100.0)  # 40/100 = 0.400
    assert r.status == "pass" and r.not_checked == []
    gml, share = r.conditions[0].requirements
    assert (gml.metric, gml.value, gml.limit, gml.unit) == ("plastic_g_per_ml", pytest.approx(0.4), 0.4, "g/ml")
    assert gml.margin == pytest.approx(0.0) and gml.met is True
    assert share.value == pytest.approx(50.0) and share.met is True  # 20 / 40 = 50 %
    # the same bottle in kg (0.04 kg / 100 ml): float noise does not fail it
    assert check(rules, "plastics_act.cosmetics_container", 0.04, pre=0.02, unit="kg", content_volume_ml=100.0
                 ).status == "pass"


def test_cosmetics_0401_g_per_ml_fails_with_grams_to_remove(rules):
    r = check(rules, "plastics_act.cosmetics_container", 40.1, pre=21.0, content_volume_ml=100.0)  # 0.401 g/ml
    assert r.status == "fail"
    gml = r.conditions[0].requirements[0]
    assert gml.value == pytest.approx(0.401) and gml.margin == pytest.approx(-0.001) and gml.met is False
    assert r.remove_mass == pytest.approx(0.1)  # (0.401 − 0.400) g/ml × 100 ml
    assert r.needed_mass == 0.0  # 21 / 40.1 = 52.4 %: the recycled share is met
    assert r.change_text("en") == "remove 0.1 g of plastic"
    assert r.change_text("ja") == "プラスチックを 0.1 g 削減する"
    assert r.to_dict()["change_needed"] == "remove 0.1 g of plastic"


def test_cosmetics_both_parts_short(rules):
    # 40.1 g, 20 g recycled: 49.875 % → 0.05 g more recycled (50 % × 40.1 − 20) and 0.1 g less plastic
    r = check(rules, "plastics_act.cosmetics_container", 40.1, pre=20.0, content_volume_ml=100.0)
    assert r.status == "fail"
    assert r.needed_mass == pytest.approx(0.05) and r.needed_kind == "recycled_or_biobased"
    assert r.remove_mass == pytest.approx(0.1)
    assert r.change_text("en") == "add 0.05 g of recycled or bio-based material in place of virgin material; " \
                                  "remove 0.1 g of plastic"


def test_per_ml_limit_counts_units(rules):
    # 12 bottles of 250 ml, 1.2 kg plastic in all: 1200 g / 3000 ml = 0.400 g/ml → pass; 1.203 kg → 0.401, 3 g over
    assert check(rules, "plastics_act.cosmetics_container", 1.2, pre=0.6, unit="kg", content_volume_ml=250.0,
                 units=12).status == "pass"
    r = check(rules, "plastics_act.cosmetics_container", 1.203, pre=0.7, unit="kg", content_volume_ml=250.0, units=12)
    assert r.status == "fail" and r.remove_mass == pytest.approx(0.003)  # kg


def test_missing_volume_is_not_checked_and_the_verdict_rests_on_the_rest(rules):
    r = check(rules, "plastics_act.cosmetics_container", 40.0, pre=20.0)
    assert r.status == "pass"
    assert r.conditions[0].requirements[0].met is None
    assert r.not_checked_text("en") == "Not checked (no input): Plastic per ml of content ≤ 0.4 g/ml."
    assert r.not_checked_text("ja") == "未判定（入力なし）：内容量1 mL当たりのプラスチック使用量 0.4 g/mL以下。"
    assert r.unconfirmed  # design-certification figures rest on news reports


# ---- kitchen detergent: ≤ 0.12 g/ml, recycled ≥ 25 %, no PVC or aluminium ------------------------------------
def test_detergent_limits_and_banned_materials(rules):
    ok = dict(content_volume_ml=500.0, materials_used="PE, PP")
    r = check(rules, "plastics_act.detergent_container", 60.0, post=15.0, **ok)  # 60/500 = 0.12; 15/60 = 25 %
    assert r.status == "pass"
    assert [q.met for q in r.conditions[0].requirements] == [True, True, True]
    r = check(rules, "plastics_act.detergent_container", 60.0, post=15.0, content_volume_ml=500.0,
              materials_used="PE本体、塩ビシュリンクラベル")
    assert r.status == "fail"
    banned = r.conditions[0].requirements[2]
    assert banned.met is False and banned.detail_ja == "使用あり：ポリ塩化ビニル（PVC）"
    assert r.actions == [("stop using PVC (polyvinyl chloride)", "ポリ塩化ビニル（PVC）の使用をやめる")]
    assert r.needed_mass == 0.0 and r.remove_mass == 0.0
    r = check(rules, "plastics_act.detergent_container", 60.0, post=15.0, content_volume_ml=500.0,
              materials_used="PET; aluminium foil seal")
    assert r.conditions[0].requirements[2].detail_en == "used: Aluminium"
    r = check(rules, "plastics_act.detergent_container", 60.0, post=15.0, content_volume_ml=500.0,
              materials_used="PP, アルミ蒸着フィルム")
    assert r.status == "fail" and "アルミニウム" in r.change_text("ja")


def test_detergent_just_over_the_limit(rules):
    r = check(rules, "plastics_act.detergent_container", 60.5, post=15.5, content_volume_ml=500.0,
              materials_used="PE")  # 60.5/500 = 0.121 g/ml: 0.5 g over; 15.5/60.5 = 25.6 %
    assert r.status == "fail" and r.remove_mass == pytest.approx(0.5) and r.needed_mass == 0.0


# ---- annual average weight: PET bottles (limit from the product line) ----------------------------------------
def test_pet_bottle_annual_average_weight(rules):
    # 1,000,000 bottles, 24,000 kg in the year: 24.000 g each; limit 24 g → pass; 15 % recycled + bio
    base = dict(units=1_000_000, unit_mass_limit_g=24.0)
    r = check(rules, "plastics_act.pet_bottle", 24_000.0, post=3_000.0, bio=600.0, unit="kg", **base)
    assert r.status == "pass"
    avg = r.conditions[0].requirements[1]
    assert (avg.value, avg.limit, avg.unit) == (pytest.approx(24.0), 24.0, "g")
    # 24,001 kg: 24.001 g each → 1 kg over in the year
    r = check(rules, "plastics_act.pet_bottle", 24_001.0, post=3_000.0, bio=601.0, unit="kg", **base)
    assert r.status == "fail" and r.remove_mass == pytest.approx(1.0)
    assert r.conditions[0].requirements[1].margin == pytest.approx(-0.001)
    # without units or limit the weight part is not checked; the 15 % part stands
    r = check(rules, "plastics_act.pet_bottle", 1000.0, post=100.0, bio=50.0, unit="t")
    assert r.status == "pass" and [q.met for q in r.conditions[0].requirements] == [True, None]
    assert "enter the applicable weight limit" in r.conditions[0].requirements[1].detail_en


# ---- reduction against the firm's previous product: stationery ≥ 20 % -----------------------------------------
def test_stationery_reduction_boundary(rules):
    r = check(rules, "plastics_act.stationery", 40.0, reference_mass=50.0)  # (50 − 40) / 50 = 20 %
    assert r.status == "pass" and r.conditions[0].margin_pct == pytest.approx(0.0)
    r = check(rules, "plastics_act.stationery", 40.5, reference_mass=50.0)  # 19 %: remove 0.5 g (to 40 g)
    assert r.status == "fail" and r.remove_mass == pytest.approx(0.5)
    assert r.conditions[0].requirements[0].value == pytest.approx(19.0)
    r = check(rules, "plastics_act.stationery", 40.0)
    assert r.status == "not_applicable" and r.reason("en").startswith("No condition could be checked")
    assert r.not_checked == [("Plastic reduction against the reference product ≥ 20 %",
                              "比較対象製品（自社従来品）からのプラスチック削減率 20%以上")]


# ---- the ballpoint pen: GPP 判断の基準, refill condition, Eco Mark route, alias ----------------------------------
def test_ballpoint_pen_refill_condition(rules):
    r = check(rules, "gpp.ballpoint_pen", 10.0, pre=4.0, refill_replaceable=True)
    assert r.status == "pass" and r.not_checked == []
    r = check(rules, "gpp.ballpoint_pen", 10.0, pre=4.0, refill_replaceable=False)
    assert r.status == "fail" and r.actions == [("make the refill replaceable", "芯（中身）を交換できる設計にする")]
    assert r.needed_mass == 0.0
    r = check(rules, "gpp.ballpoint_pen", 10.0, pre=4.0)  # not given: the recycled verdict stands
    assert r.status == "pass" and r.not_checked == [("Refill replaceable", "芯（中身）が交換できること")]
    r = check(rules, "gpp.ballpoint_pen", 10.0, post=1.99, refill_replaceable=True)  # 19.9 % PC, 19.9 % total
    assert r.status == "fail" and r.needed_mass == pytest.approx(0.01) and r.needed_kind == "postconsumer"


def test_ballpoint_pen_eco_mark_route(rules):
    r = check(rules, "gpp.ballpoint_pen", 10.0, certifications="エコマーク認定（第12345678号）")
    assert r.status == "pass" and [c.met for c in r.conditions] == [False, False, True]
    r = check(rules, "gpp.ballpoint_pen", 10.0, certifications="ISO 14001")
    assert r.status == "fail" and r.conditions[2].met is False


def test_former_id_is_an_alias_with_a_message(rules):
    results, messages = check_lines([line("ecomark.ballpoint_pen", 10.0, pre=4.0, refill_replaceable=True)], rules)
    (r,) = results
    assert r.rule_id == "gpp.ballpoint_pen" and r.entered_rule_id == "ecomark.ballpoint_pen" and r.status == "pass"
    (m,) = messages
    assert (m.code, m.severity, m.field, m.value) == ("rule_alias", "info", "rule_id", "ecomark.ballpoint_pen")
    assert m.message_ja == "判定ルールID「ecomark.ballpoint_pen」は「gpp.ballpoint_pen」の旧IDです。「gpp.ballpoint_pen」で判定しました。"


def test_quick_check_takes_the_extra_inputs(rules):
    result, messages = quick_check(rules, "plastics_act.detergent_container", "60", 0, "15", 0, "g",
                                   content_volume_ml="500", materials_used="PE", refill_replaceable=None)
    assert messages == [] and result.status == "pass"
    result, messages = quick_check(rules, "gpp.ballpoint_pen", 10, 4, 0, 0, "g", refill_replaceable="いいえ")
    assert result.status == "fail"


# ---- a per-unit limit in a user's rules file, and malformed requirements -------------------------------------------
OWN = """
[[rule]]
rule_id = "own.refill_pouch"
scheme = "plastics_act_design"
scheme_item = "in-house reading"
category_ja = "詰め替えパウチ"
category_en = "Refill pouch"
version = "2026"
basis = "plastic_part_weight"
conditions = [ { all = [ { metric = "plastic_g_per_unit", max = 10 }, { banned_materials = ["aluminium"] } ] } ]
source = "in-house"
source_status = "official"
status = "confirmed"
"""


def test_per_unit_limit():
    ruleset, messages = load_rules(OWN.encode(), "own.toml")
    assert messages == []
    r = check(ruleset, "own.refill_pouch", 10.0, materials_used="PE, PET")
    assert r.status == "pass"
    q = r.conditions[0].requirements[0]
    assert q.value == 10.0 and "one unit" in q.detail_en  # units not given: the masses are one unit's
    r = check(ruleset, "own.refill_pouch", 50.5, units=5, materials_used="PE")  # 10.1 g each: 0.5 g over in all
    assert r.status == "fail" and r.remove_mass == pytest.approx(0.5)


@pytest.mark.parametrize("condition, fragment", [
    ('{ metric = "plastic_g_per_ml", min_pct = 40 }', "is a limit: give max"),
    ('{ metric = "recycled_total_pct", max = 40 }', "is a percentage: give min_pct"),
    ('{ metric = "plastic_g_per_unit", max = 10, banned_materials = ["pvc"] }', "give one kind of requirement"),
    ('{ banned_materials = ["lead"] }', "not allowed; allowed"),
    ('{ banned_materials = [] }', "at least one material"),
    ('{ requires = "refill_replaceable", max = 3 }', "belong to a metric"),
])
def test_malformed_requirements_are_named(condition, fragment):
    text = OWN.replace('{ all = [ { metric = "plastic_g_per_unit", max = 10 }, { banned_materials = ["aluminium"] } ] }',
                       condition)
    ruleset, messages = parse_rules_bytes(text.encode(), "own.toml")
    assert ruleset is None
    assert any(fragment in m.message_en for m in messages), [m.message_en for m in messages]
    assert all(m.message_ja for m in messages)


def test_an_alias_cannot_name_two_rules():
    second = OWN.replace('rule_id = "own.refill_pouch"', 'rule_id = "own.other"')
    text = OWN.replace('scheme = "plastics_act_design"', 'aliases = ["old.pouch"]\nscheme = "plastics_act_design"', 1)
    text += second.replace('scheme = "plastics_act_design"', 'aliases = ["old.pouch"]\nscheme = "plastics_act_design"', 1)
    ruleset, messages = parse_rules_bytes(text.encode(), "own.toml")
    assert ruleset is None
    (m,) = messages
    assert m.code == "rules_duplicate" and m.value == "old.pouch" and m.location == "own.toml: rule[2] (own.other).aliases"
    text = OWN.replace('scheme = "plastics_act_design"', 'aliases = ["own.other"]\nscheme = "plastics_act_design"', 1)
    ruleset, messages = parse_rules_bytes((text + second).encode(), "own.toml")
    assert ruleset is None and messages[0].value == "own.other"
