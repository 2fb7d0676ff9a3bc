"""Green-procurement rules and checker: thresholds, bases, needed mass, unknown ids, rules files, CLI."""
from __future__ import annotations

import json

import pytest

from gcpcalc.cli import main
from gcpcalc.procurement import (DEFAULT_RULES_PATH, check_lines, load_default_rules, load_rules,
                                 parse_rules_bytes, quick_check)

ORG = {"name": "Test", "period_start": "2025-04-01", "period_end": "2026-03-31"}


@pytest.fixture(scope="module")
def rules():
    ruleset, messages = load_rules()
    assert messages == []
    return ruleset


def line(rule_id="gpp.ballpoint_pen", basis=10.0, pre=0.0, post=0.0, bio=0.0, unit="g", pid="P1"):
    return {"product_id": pid, "rule_id": rule_id, "basis_mass": basis, "recycled_preconsumer_mass": pre,
            "recycled_postconsumer_mass": post, "biobased_mass": bio, "mass_unit": unit, "description": None}


def check(rules, **kw):
    results, messages = check_lines([line(**kw)], rules)
    assert messages == []
    return results[0]


# ---- the shipped rules -----------------------------------------------------------------------------
def test_default_rules_load_and_contain_the_ballpoint_pen(rules):
    pen = rules.get("gpp.ballpoint_pen")
    assert rules.get("ecomark.ballpoint_pen") is pen and "ecomark.ballpoint_pen" in rules  # the former id is an alias
    assert pen.scheme == "green_purchasing_act" and pen.scheme_item == "文具類 ボールペン (判断の基準)"
    assert [[(q.kind, q.metric or q.requires or q.certified, q.min_pct) for q in c.requirements]
            for c in pen.conditions] == [
        [("min_pct", "recycled_total_pct", 40.0), ("requires", "refill_replaceable", None)],
        [("min_pct", "postconsumer_pct", 20.0), ("requires", "refill_replaceable", None)],
        [("certified", "eco_mark", None)]]
    assert (pen.status, pen.source_status) == ("confirmed", "official") and "Ministry of the Environment" in pen.source
    assert pen.basis == "plastic_weight_of_main_material"
    assert rules.basis_label(pen, "ja") == "主要材料（金属以外）のプラスチック重量"


def test_every_reference_category_is_present(rules):
    expected = {
        "ecomark.writing_instruments", "ecomark.mechanical_pencil", "ecomark.biobased_office_goods",
        "ecomark.paper_office_goods", "ecomark.garbage_bags", "ecomark.plastic_products_118",
        "ecomark.ocean_plastic_164", "ecomark.tissue_paper_108", "ecomark.household_textiles_104",
        "ecomark.clothing_103", "ecomark.furniture_130", "ecomark.building_products", "ecomark.packaging_140",
        "ecomark.returnable_containers_121", "ecomark.cartridges_132_142", "ecomark.paper_bags",
        "gpp.stationery_plastic", "gpp.stationery_paper", "gpp.stationery_wood", "gpp.stationery_ecomark",
        "gpp.stamp_pad", "gpp.office_furniture_plastic", "gpp.office_furniture_metal", "gpp.office_furniture_paper",
        "gpp.garbage_bag_plastic", "gpp.uniform_recycled_pet", "gpp.uniform_takeback", "gpp.uniform_used_textile",
        "gpp.uniform_plant_based", "gpp.uniform_fy2026", "gpp.curtains", "gpp.carpets", "gpp.copy_paper",
        "gpp.copy_paper_2009", "gpp.printing_paper", "gpp.kraft_envelopes", "gpp.cartridges_fy2026",
        "gpp.clear_holders_fy2026", "plastics_act.pet_bottle", "plastics_act.cosmetics_container",
        "plastics_act.detergent_container", "plastics_act.stationery", "jis.a5741_wood_plastic",
    }
    assert expected <= set(rules.ids())
    assert len(rules) == 51
    for rule in rules.rules.values():  # every rule carries source, version, status, ja and en category
        assert rule.source and rule.version and rule.category_ja and rule.category_en
        assert rule.status in ("confirmed", "unconfirmed")
        if rule.source_status in ("historical", "unconfirmed"):
            assert rule.status == "unconfirmed"


def test_thresholds_of_the_reference_table(rules):
    def conds(rid):
        return [[(r.metric, r.min_pct) for r in c.requirements] for c in rules.get(rid).conditions]

    assert conds("ecomark.writing_instruments") == [[("recycled_total_pct", 70)], [("postconsumer_pct", 60)]]
    assert conds("gpp.garbage_bag_plastic") == [[("biobased_pct", 25)], [("recycled_total_pct", 40)]]
    assert conds("ecomark.tissue_paper_108") == [[("recycled_total_pct", 100)]]
    assert conds("plastics_act.pet_bottle") == [[("recycled_plus_biobased_pct", 15), ("annual_average_g_per_unit", None)]]
    assert rules.get("ecomark.mechanical_pencil").basis == "whole_product_excl_consumables"
    assert rules.get("gpp.uniform_recycled_pet").basis == "fibre_weight_excl_lining"
    assert rules.get("gpp.uniform_takeback").basis == "fibre_weight_incl_lining"
    assert rules.get("gpp.carpets").basis == "whole_product_weight"
    assert rules.get("gpp.stationery_paper").basis == "pulp_basis"
    assert rules.get("gpp.copy_paper").conditions == []  # a formula, not a percentage: never invented


# ---- boundaries ------------------------------------------------------------------------------------
def test_exactly_40_percent_passes(rules):
    r = check(rules, basis=10.0, pre=4.0)
    assert r.status == "pass"
    assert r.recycled_pct == pytest.approx(40.0)
    assert r.conditions[0].met and r.conditions[0].margin_pct == pytest.approx(0.0)
    assert r.needed_mass == 0.0


def test_exactly_40_percent_passes_despite_float_noise(rules):
    # 1.2 / 3 * 100 is 39.99999999999999 in binary floating point
    r = check(rules, basis=3.0, pre=1.2)
    assert r.status == "pass"


def test_39_99_percent_fails_with_the_needed_mass(rules):
    r = check(rules, basis=100.0, pre=39.99, unit="kg")
    assert r.status == "fail"
    assert r.recycled_pct == pytest.approx(39.99)
    assert r.conditions[0].margin_pct == pytest.approx(-0.01)
    assert r.needed_mass == pytest.approx(0.01)
    assert r.needed_kind == "recycled" and r.mass_unit == "kg"


def test_needed_mass_example_of_the_specification(rules):
    r = check(rules, basis=10.0, pre=3.5)  # 35 %: 0.5 g more recycled, or 2 g post-consumer
    assert r.status == "fail"
    assert r.conditions[0].needed_mass == pytest.approx(0.5)
    assert r.conditions[1].needed_mass == pytest.approx(2.0)
    assert r.needed_mass == pytest.approx(0.5) and r.needed_kind == "recycled"
    assert r.to_dict()["needed_mass"] == pytest.approx(0.5)


def test_post_consumer_alternative(rules):
    r = check(rules, basis=10.0, post=2.0)  # 20 % post-consumer, 20 % recycled total
    assert r.status == "pass"
    assert [c.met for c in r.conditions] == [False, True, None]  # the Eco Mark route is not checked (no input)
    assert r.postconsumer_pct == pytest.approx(20.0)
    r = check(rules, basis=10.0, post=1.5)  # 15 %: 0.5 g more post-consumer beats 2.5 g recycled
    assert r.status == "fail"
    assert r.needed_mass == pytest.approx(0.5) and r.needed_kind == "postconsumer"


def test_mixed_pre_and_post_consumer(rules):
    r = check(rules, basis=8.0, pre=1.6, post=1.6)  # 20 % + 20 % = 40 % total
    assert r.status == "pass"
    assert r.preconsumer_pct == pytest.approx(20.0)
    assert r.postconsumer_pct == pytest.approx(20.0)
    assert r.recycled_pct == pytest.approx(40.0)
    assert [c.met for c in r.conditions] == [True, True, None]
    r = check(rules, basis=10.0, pre=2.0, post=1.0)  # 30 % total, 10 % post: needs 1 g recycled or 1 g post
    assert r.status == "fail"
    assert r.conditions[0].needed_mass == pytest.approx(1.0)
    assert r.conditions[1].needed_mass == pytest.approx(1.0)
    assert r.needed_mass == pytest.approx(1.0)


def test_bio_based_mass_does_not_count_as_recycled(rules):
    r = check(rules, basis=10.0, bio=6.0)
    assert r.status == "fail" and r.recycled_pct == 0.0 and r.biobased_pct == pytest.approx(60.0)
    assert r.needed_mass == pytest.approx(2.0)  # 2 g post-consumer out of 4 g virgin


def test_rule_on_a_different_basis(rules):
    # mechanical pencil: 70 % of the whole product excluding consumables (lead, eraser); a different basis and bar
    r = check(rules, rule_id="ecomark.mechanical_pencil", basis=12.0, pre=6.0, post=2.4)
    assert r.basis_label("en") == "Whole product weight excluding consumable parts (e.g. lead, eraser)"
    assert r.recycled_pct == pytest.approx(70.0) and r.status == "pass"
    r = check(rules, rule_id="ecomark.mechanical_pencil", basis=12.0, pre=6.0, post=2.0)
    assert r.status == "fail" and r.needed_mass == pytest.approx(0.4)
    # pulp basis: 古紙パルプ ÷ (バージン + 古紙パルプ); tissue needs 100 %
    r = check(rules, rule_id="ecomark.tissue_paper_108", basis=50.0, pre=20.0, post=29.0, unit="t")
    assert r.status == "fail" and r.recycled_pct == pytest.approx(98.0) and r.needed_mass == pytest.approx(1.0)
    assert r.basis_label("ja").startswith("パルプ")


def test_recycled_plus_biobased_metric(rules):
    r = check(rules, rule_id="plastics_act.pet_bottle", basis=1000.0, post=100.0, bio=50.0, unit="t")
    assert r.recycled_plus_biobased_pct == pytest.approx(15.0) and r.status == "pass"
    r = check(rules, rule_id="plastics_act.pet_bottle", basis=1000.0, post=100.0, bio=40.0, unit="t")
    assert r.status == "fail" and r.needed_mass == pytest.approx(10.0) and r.needed_kind == "recycled_or_biobased"


def test_unreachable_by_replacing_virgin_material(rules):
    # 90 % bio-based: only 2.4 g virgin left, 9.6 g recycled or 4.8 g post-consumer needed
    r = check(rules, rule_id="gpp.stationery_plastic", basis=24.0, bio=21.6)
    assert r.status == "fail" and r.needed_mass is None
    assert all(c.needed_mass is None for c in r.conditions)
    assert "virgin" in r.reason("en") and "バージン" in r.reason("ja")
    assert "2.4 g virgin, 9.6 g needed" in r.conditions[0].reason_en


def test_rule_without_numeric_condition_is_not_applicable(rules):
    r = check(rules, rule_id="ecomark.plastic_products_118", basis=10.0, pre=7.0)
    assert r.status == "not_applicable" and r.conditions == [] and r.needed_mass is None
    assert "unconfirmed" in r.reason("en") and "未確認" in r.reason("ja")
    r = check(rules, rule_id="resource_act.automobiles", basis=1.0)
    assert r.status == "not_applicable" and r.reason("en").startswith("Company-level obligation")


# ---- unconfirmed status ---------------------------------------------------------------------------
def test_unconfirmed_rules_are_flagged(rules):
    r = check(rules, rule_id="ecomark.writing_instruments", basis=10.0, pre=7.0)  # confirmed on a secondary source
    assert r.to_dict()["unconfirmed"] is False
    r = check(rules, rule_id="gpp.stamp_pad", basis=10.0, pre=7.0)  # historical: unconfirmed
    d = r.to_dict("ja")
    assert d["rule_status"] == "unconfirmed" and d["unconfirmed"] is True
    assert d["warning"].startswith("未確認の判定ルール")
    assert d["rule"]["status_text"] == "未確認（旧版）"
    r = check(rules, rule_id="ecomark.garbage_bags", basis=10.0, pre=4.0)  # confirmed (official)
    assert r.to_dict()["unconfirmed"] is False and r.to_dict()["warning"] is None
    assert r.to_dict()["rule"]["source"] == "https://ecomark.jp/lifestyle/gomibukuro.html"


# ---- unknown ids -----------------------------------------------------------------------------------
def test_unknown_rule_id_suggests_the_closest(rules):
    results, messages = check_lines([line(rule_id="ecomark.ballpoint"), line(pid="P2")], rules)
    assert [r.product_id for r in results] == ["P2"]
    (m,) = messages
    assert (m.code, m.severity, m.table, m.row, m.field, m.value) == (
        "unknown_rule", "error", "procurement", 1, "rule_id", "ecomark.ballpoint")
    assert "ecomark.ballpoint_pen" in m.message_en and "ecomark.ballpoint_pen" in m.message_ja
    assert m.message_ja.startswith("判定ルールID：判定ルールID「ecomark.ballpoint」は判定ルールファイルにありません。候補：")


def test_quick_check_validates_with_the_data_dictionary(rules):
    result, messages = quick_check(rules, "gpp.ballpoint_pen", "１０", "3.5", 0, 0, "グラム")
    assert messages == [] and result.mass_unit == "g" and result.needed_mass == pytest.approx(0.5)
    result, messages = quick_check(rules, "gpp.ballpoint_pen", 0, 0, 0, 0, "g")
    assert result is None and [(m.field, m.code) for m in messages] == [("basis_mass", "gt")]
    result, messages = quick_check(rules, "gpp.ballpoint_pen", 10, 8, 4, 0, "g")
    assert result is None and [m.code for m in messages] == ["procurement_mass_over_basis"]


# ---- rules files ----------------------------------------------------------------------------------
USER_RULES = """
[basis.fibre_and_polyester]
label_en = "Fibre weight"
label_ja = "繊維重量"

[[rule]]
rule_id = "ecomark.ballpoint_pen"
scheme = "eco_mark"
scheme_item = "Eco Mark No.112"
category_ja = "ボールペン"
category_en = "Ballpoint pen"
version = "V2.x (own reading)"
basis = "plastic_weight_of_main_material"
conditions = [{ metric = "recycled_total_pct", min_pct = 70 }, { metric = "postconsumer_pct", min_pct = 60 }]
source = "own reading of the criteria"
source_status = "official"
status = "confirmed"

[[rule]]
rule_id = "own.mixed"
scheme = "other"
scheme_item = "in-house"
category_ja = "社内基準"
category_en = "In-house criterion"
version = "2026"
basis = "fibre_and_polyester"
conditions = [{ all = [{ metric = "recycled_total_pct", min_pct = 30 }, { metric = "postconsumer_pct", min_pct = 10 }] }]
source = "in-house"
source_status = "official"
status = "confirmed"
"""


def test_user_rules_override_and_add():
    ruleset, messages = load_rules(USER_RULES.encode(), "mine.toml")
    assert messages == []
    assert ruleset.files == [DEFAULT_RULES_PATH.name, "mine.toml"]
    assert ruleset.overridden == ["ecomark.ballpoint_pen"]  # a rule of its own replaces what the alias meant
    assert len(ruleset) == 53
    pen = ruleset.get("ecomark.ballpoint_pen")
    assert pen.conditions[0].min_pct == 70 and pen.status == "confirmed" and pen.scheme == "eco_mark"
    r = check(ruleset, rule_id="ecomark.ballpoint_pen", basis=10.0, pre=4.0)
    assert r.status == "fail" and r.needed_mass == pytest.approx(3.0)


def test_and_condition_needs_every_part():
    ruleset, _ = load_rules(USER_RULES.encode(), "mine.toml")
    r = check(ruleset, rule_id="own.mixed", basis=100.0, pre=25.0, post=5.0)
    # total 30 % met, post-consumer 5 % not: adding 5 kg post-consumer meets both
    assert [q.met for q in r.conditions[0].requirements] == [True, False]
    assert r.status == "fail" and r.needed_mass == pytest.approx(5.0) and r.needed_kind == "postconsumer"
    r = check(ruleset, rule_id="own.mixed", basis=100.0, pre=10.0, post=5.0)
    # 15 kg recycled short and 5 kg post-consumer short: 5 post-consumer + 10 more recycled
    assert r.conditions[0].needed_breakdown == {"postconsumer": pytest.approx(5.0), "recycled": pytest.approx(10.0)}
    assert r.needed_mass == pytest.approx(15.0) and r.needed_kind == "mixed"
    assert r.conditions[0].label("ja") == "再生材（プレ＋ポストコンシューマ） 30%以上 かつ ポストコンシューマ材料 10%以上"


def _errors(text: str):
    ruleset, messages = load_rules(text.encode(), "bad.toml")
    assert ruleset is None
    return messages


def test_malformed_rules_name_the_entry_and_the_field():
    bad = USER_RULES.replace('min_pct = 70 }', 'min_pct = 170 }').replace('scheme = "other"', 'scheme = "eco_mrk"')
    messages = _errors(bad)
    by_loc = {m.location: m for m in messages}
    assert set(by_loc) == {"bad.toml: rule[1] (ecomark.ballpoint_pen).conditions.0.min_pct",
                           "bad.toml: rule[2] (own.mixed).scheme"}
    m = by_loc["bad.toml: rule[1] (ecomark.ballpoint_pen).conditions.0.min_pct"]
    assert m.code == "rules_invalid" and m.value == 170
    assert "must be at most 100" in m.message_en and "100 以下" in m.message_ja
    m = by_loc["bad.toml: rule[2] (own.mixed).scheme"]
    assert "did you mean 'eco_mark'?" in m.message_en and "「eco_mark」ではありませんか" in m.message_ja


def test_malformed_rules_other_cases():
    (m,) = _errors("[[rule]\nrule_id = 1")
    assert m.code == "rules_syntax" and "bad.toml" in m.message_en and "TOML" in m.message_ja
    messages = _errors(USER_RULES.replace('source = "in-house"\n', '').replace('scheme_item = "in-house"',
                                                                              'scheme_item = "in-house"\nsorce = "x"'))
    assert sorted(m.location for m in messages) == ["bad.toml: rule[2] (own.mixed).sorce",
                                                    "bad.toml: rule[2] (own.mixed).source"]
    unknown = next(m for m in messages if m.location.endswith("sorce"))
    assert "did you mean 'source'?" in unknown.message_en
    dup = USER_RULES + USER_RULES.split("[[rule]]")[2].join(["[[rule]]", ""])
    (m,) = _errors(dup)
    assert m.code == "rules_duplicate" and m.value == "own.mixed" and "first at rule 2" in m.message_en
    (m,) = _errors(USER_RULES.replace('basis = "fibre_and_polyester"', 'basis = "fibre_weigt"'))
    assert m.location == "bad.toml: rule (own.mixed).basis" and "did you mean 'fibre_weight'?" in m.message_en
    messages = _errors(USER_RULES.replace('{ metric = "recycled_total_pct", min_pct = 70 }', '{ metric = "x" }'))
    assert any(m.location.endswith("conditions.0.metric") for m in messages)


def test_historical_source_cannot_be_confirmed():
    text = USER_RULES.split("[[rule]]")[0] + "[[rule]]" + USER_RULES.split("[[rule]]")[2].replace(
        'source_status = "official"', 'source_status = "historical"')
    ruleset, messages = parse_rules_bytes(text.encode(), "h.toml")
    (m,) = messages
    assert m.location == "h.toml: rule[1] (own.mixed).(entry)"
    assert "must be 'unconfirmed'" in m.message_en and "unconfirmed" in m.message_ja


def test_default_rules_file_is_valid_on_its_own():
    ruleset, messages = parse_rules_bytes(DEFAULT_RULES_PATH.read_bytes(), DEFAULT_RULES_PATH.name)
    assert messages == [] and len(ruleset) == 51
    assert load_default_rules()[0].ids() == ruleset.ids()


# ---- command line ---------------------------------------------------------------------------------
def _assessment(tmp_path, rows):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"organisation": ORG, "procurement": rows}, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_cli_json(tmp_path, capsys):
    path = _assessment(tmp_path, [line(pre=4.0, pid="A"), line(basis=100.0, pre=39.99, pid="B", unit="kg")])
    assert main(["procure", path, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    a, b = doc["results"]
    assert (a["product_id"], a["rule_id"], a["status"], a["needed_mass"], a["mass_unit"]) == (
        "A", "gpp.ballpoint_pen", "pass", 0.0, "g")
    assert (b["status"], b["mass_unit"]) == ("fail", "kg")
    assert b["needed_mass"] == pytest.approx(0.01) and b["recycled_pct"] == pytest.approx(39.99)
    assert b["postconsumer_pct"] == 0.0 and len(b["conditions"]) == 3
    assert a["rule_status"] == "confirmed" and a["unconfirmed"] is False
    assert a["not_checked"] == ["Refill replaceable"]  # the verdict stands on the recycled content
    assert a["rule"]["version"].startswith("FY2026") and a["rule"]["source"].startswith("Ministry of the Environment")


def test_cli_table_flags_unconfirmed_and_shows_source(tmp_path, capsys):
    path = _assessment(tmp_path, [line(pre=3.5, pid="A")])
    assert main(["procure", path, "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    row = next(x for x in out.splitlines() if x.startswith("A "))
    assert "不適合" in row and "0.5 g" in row and "確認済み（公式）" in row and ("FY2026" in row or "令和8年度" in row or "2026年度" in row)
    assert "Ministry of the Environment" in row
    assert "A (gpp.ballpoint_pen): 未判定（入力なし）：芯（中身）が交換できること、エコマーク認定。" in out
    path = _assessment(tmp_path, [line(rule_id="gpp.stamp_pad", pre=3.5, pid="A")])
    assert main(["procure", path, "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    assert "! 未確認（旧版）" in out and "! 未確認の判定ルール" in out


def test_cli_unknown_rule_exits_2_and_still_checks_the_rest(tmp_path, capsys):
    path = _assessment(tmp_path, [line(rule_id="gpp.garbage_bag", pid="A"), line(pre=4.0, pid="B")])
    assert main(["procure", path, "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert [r["product_id"] for r in doc["results"]] == ["B"]
    (m,) = doc["messages"]
    assert m["code"] == "unknown_rule" and m["row"] == 1 and "gpp.garbage_bag_plastic" in m["message_en"]


def test_cli_rules_option_and_bad_rules(tmp_path, capsys):
    path = _assessment(tmp_path, [line(rule_id="ecomark.ballpoint_pen", pre=4.0, pid="A")])
    mine = tmp_path / "mine.toml"
    mine.write_text(USER_RULES, encoding="utf-8")
    assert main(["procure", path, "--rules", str(mine), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["results"][0]["status"] == "fail" and doc["results"][0]["needed_mass"] == pytest.approx(3.0)
    assert doc["rules_files"] == ["procurement_rules.toml", "mine.toml"]
    mine.write_text(USER_RULES.replace("min_pct = 70", "min_pct = -1"), encoding="utf-8")
    assert main(["procure", path, "--rules", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "mine.toml: rule[1] (ecomark.ballpoint_pen).conditions.0.min_pct" in err
    assert main(["procure", path, "--rules", str(tmp_path / "none.toml")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_cli_invalid_input_exits_2(tmp_path, capsys):
    path = _assessment(tmp_path, [line(basis=0.0)])
    assert main(["procure", path, "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["results"] == [] and doc["messages"][0]["field"] == "basis_mass"


def test_cli_on_the_sample_assessment(capsys):
    assert main(["procure", "templates/sample_assessment.json", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = {r["product_id"]: (r["status"], r["needed_mass"]) for r in doc["results"]}
    # P-PEN-02: 0.95 g of 9.5 g recycled; 20 % post-consumer needs 1.9 g (40 % recycled would need 2.85 g)
    assert got["P-PEN-01"] == ("pass", 0.0)
    assert got["P-PEN-02"][0] == "fail" and got["P-PEN-02"][1] == pytest.approx(1.9)
    assert got["P-BAG-01"] == ("pass", 0.0)


def test_cli_reads_the_excel_template(tmp_path, capsys):
    from gcpcalc.excel.template import write_template
    from gcpcalc.models import load_assessment

    data = {"organisation": ORG, "procurement": [line(pre=3.5, pid="A"), line(post=2.0, pid="B")]}
    path = tmp_path / "in.xlsx"
    write_template(path, "ja", load_assessment(data))
    assert main(["procure", str(path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = {r["product_id"]: (r["status"], r["needed_mass"], r["mass_unit"]) for r in doc["results"]}
    assert got["A"][0] == "fail" and got["A"][1] == pytest.approx(0.5) and got["A"][2] == "g"
    assert got["B"] == ("pass", 0.0, "g")
