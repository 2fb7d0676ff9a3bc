"""Validation of the JSON form: every rule of the data dictionary, exact codes, locations, values and texts."""
import datetime as dt
import json

import pytest

from gcpcalc import fields as F
from gcpcalc.messages import ERROR, WARNING, ValidationFailed
from gcpcalc.models import (
    Assessment,
    closest,
    coerce_value,
    load_assessment,
    validate_assessment,
    validate_table,
)


def org(**kw):
    d = {"name": "Test Co.", "period_start": "2025-04-01", "period_end": "2026-03-31"}
    d.update(kw)
    return d


def inflow(line_id="IN-1", **kw):
    d = {"line_id": line_id, "mass": 10}
    d.update(kw)
    return d


def outflow(line_id="OUT-1", **kw):
    d = {"line_id": line_id, "flow_type": "waste", "mass": 1, "destination": "landfill"}
    d.update(kw)
    return d


def product(pid="P-1", **kw):
    d = {"product_id": pid}
    d.update(kw)
    return d


def one(table_id, rows):
    """The single message of validating ``rows``; asserts the rows were refused."""
    validated, msgs = validate_table(table_id, rows)
    assert validated is None
    assert len(msgs) == 1, [m.message_en for m in msgs]
    assert msgs[0].severity == ERROR
    return msgs[0]


def loc(m):
    return (m.code, m.table, m.row, m.field, m.value)


# ------------------------------------------------------------------------------------------------
# ranges
# ------------------------------------------------------------------------------------------------
def test_percent_above_100():
    m = one("inflows", [inflow(), inflow("IN-2", recycled_postconsumer_pct=150)])
    assert loc(m) == ("percent_range", "inflows", 2, "recycled_postconsumer_pct", 150)
    assert m.message_en == "Recycled, post-consumer (%): 150 is not a percentage between 0 and 100."
    assert m.message_ja == "再生材・ポストコンシューマ（%）：150 は 0〜100 の割合（%）ではありません。"
    assert m.where() == "inflows[2].recycled_postconsumer_pct"


def test_percent_below_0():
    m = one("outflows", [outflow(actual_recovery_pct=-5)])
    assert loc(m) == ("percent_range", "outflows", 1, "actual_recovery_pct", -5)
    assert m.message_en == "Actual recovery (%): -5 is not a percentage between 0 and 100."
    assert m.message_ja == "実回収率（%）：-5 は 0〜100 の割合（%）ではありません。"


@pytest.mark.parametrize("value", [0, 100, "100", "0%", "100 %"])
def test_percent_bounds_inclusive(value):
    rows, msgs = validate_table("inflows", [inflow(reused_pct=value)])
    assert msgs == []
    assert rows[0]["reused_pct"] == float(str(value).replace("%", ""))


def test_negative_mass():
    m = one("inflows", [inflow(mass=-1)])
    assert loc(m) == ("min", "inflows", 1, "mass", -1)
    assert m.message_en == "Mass: -1 is below the minimum 0."
    assert m.message_ja == "質量：-1 は最小値 0 未満です。"


def test_exclusive_minimum():
    m = one("products", [product(actual_lifetime=0, industry_lifetime=5)])
    assert loc(m) == ("gt", "products", 1, "actual_lifetime", 0)
    assert m.message_en == "Actual lifetime: 0 must be greater than 0."
    assert m.message_ja == "実耐用年数：0 は 0 より大きい必要があります。"
    m = one("procurement", [{"product_id": "X", "rule_id": "r", "basis_mass": 0}])
    assert loc(m) == ("gt", "procurement", 1, "basis_mass", 0)
    m = one("products", [product(use_intensity_ratio=0)])
    assert loc(m) == ("gt", "products", 1, "use_intensity_ratio", 0)


def test_not_a_number_and_infinite():
    m = one("energy", [{"line_id": "E", "amount": "abc"}])
    assert loc(m) == ("number", "energy", 1, "amount", "abc")
    assert m.message_en == "Amount: 'abc' is not a number."
    assert m.message_ja == "量：「abc」は数値ではありません。"
    m = one("inflows", [inflow(mass=float("inf"))])
    assert (m.code, m.field) == ("number", "mass")


def test_nan_is_a_blank_cell():
    # pandas and spreadsheet libraries read empty cells as NaN
    m = one("inflows", [inflow(mass=float("nan"))])
    assert loc(m) == ("missing", "inflows", 1, "mass", None)
    rows, msgs = validate_table("inflows", [inflow(reused_pct=float("nan"))])
    assert msgs == [] and rows[0]["reused_pct"] == 0.0


# ------------------------------------------------------------------------------------------------
# required fields, text, bool, date
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("row", [{"mass": 1}, {"line_id": "", "mass": 1}, {"line_id": "   ", "mass": 1},
                                 {"line_id": None, "mass": 1}])
def test_missing_required_text(row):
    m = one("inflows", [row])
    assert loc(m) == ("missing", "inflows", 1, "line_id", None)
    assert m.message_en == "Line id: a value is required."
    assert m.message_ja == "行ID：値の入力が必要です。"


def test_missing_required_number():
    m = one("water", [{"line_id": "W", "kind": "withdrawal", "volume": ""}])
    assert loc(m) == ("missing", "water", 1, "volume", None)
    assert m.message_ja == "水量：値の入力が必要です。"


def test_bad_bool():
    m = one("inflows", [inflow(is_packaging="maybe")])
    assert loc(m) == ("bool", "inflows", 1, "is_packaging", "maybe")
    assert m.message_en == "Packaging: 'maybe' is not yes/no. Allowed: true, false, yes, no, 1, 0."
    assert m.message_ja == "包装材：「maybe」は はい／いいえ ではありません。使用可能な値：はい、いいえ、true、false、1、0。"


def test_bad_date():
    a, msgs = validate_assessment({"organisation": org(period_start="April 2025")})
    assert a is None
    (m,) = msgs
    assert loc(m) == ("date", "organisation", None, "period_start", "April 2025")
    assert m.message_en == "Period start: 'April 2025' is not a date. Use YYYY-MM-DD."
    assert m.message_ja == "報告期間開始日：「April 2025」は日付ではありません。YYYY-MM-DD 形式で入力してください。"
    _, msgs = validate_assessment({"organisation": org(period_end="2025-02-30")})
    assert [(m.code, m.field) for m in msgs] == [("date", "period_end")]


def test_organisation_missing_and_name_missing():
    a, msgs = validate_assessment({"inflows": []})
    assert a is None
    assert [(m.code, m.table) for m in msgs] == [("organisation_missing", "organisation")]
    assert msgs[0].message_ja == "組織情報がありません。"
    _, msgs = validate_assessment({"organisation": {"period_start": "2025-04-01", "period_end": "2026-03-31"}})
    assert [loc(m) for m in msgs] == [("missing", "organisation", None, "name", None)]
    assert msgs[0].message_ja == "組織名：値の入力が必要です。"


# ------------------------------------------------------------------------------------------------
# rules across fields
# ------------------------------------------------------------------------------------------------
def test_shares_over_100():
    m = one("inflows", [inflow(), inflow("IN-2", recycled_preconsumer_pct=60, recycled_postconsumer_pct=30,
                                        reused_pct=10, renewable_pct=0.5)])
    assert loc(m) == ("shares_over_100", "inflows", 2, None, 100.5)
    assert m.message_en == "Recycled pre-consumer + post-consumer + reused + renewable = 100.5%, more than 100%."
    assert m.message_ja == "再生材（プレ）＋再生材（ポスト）＋リユース＋再生可能 の合計が 100.5% で、100% を超えています。"


@pytest.mark.parametrize("shares", [(25, 25, 25, 25), (100, 0, 0, 0), (33.3333, 66.6667, 0, 0),
                                    (0.1, 0.2, 0.3, 99.4)])
def test_shares_exactly_100_pass(shares):
    pre, post, reu, ren = shares
    rows, msgs = validate_table("inflows", [inflow(recycled_preconsumer_pct=pre, recycled_postconsumer_pct=post,
                                                   reused_pct=reu, renewable_pct=ren)])
    assert msgs == []
    assert rows[0]["renewable_pct"] == ren


def test_sustainably_sourced_is_a_share_of_renewable_not_summed():
    rows, msgs = validate_table("inflows", [inflow(renewable_pct=100, sustainably_sourced_pct=100)])
    assert msgs == [] and rows[0]["sustainably_sourced_pct"] == 100.0


def test_duplicate_ids():
    rows, msgs = validate_table("inflows", [inflow("A"), inflow("B"), inflow(" A "), inflow("A")])
    assert rows is None
    assert [loc(m) for m in msgs] == [("duplicate_id", "inflows", 3, "line_id", "A"),
                                      ("duplicate_id", "inflows", 4, "line_id", "A")]
    assert msgs[0].message_en == "Line id 'A' is used more than once (first at row 1)."
    assert msgs[0].message_ja == "行ID「A」が重複しています（最初は 1 行目）。"
    m = one("products", [product("P"), product("P")])
    assert loc(m) == ("duplicate_id", "products", 2, "product_id", "P")
    assert m.message_ja == "製品ID「P」が重複しています（最初は 1 行目）。"


def test_procurement_product_ids_may_repeat():
    rows, msgs = validate_table("procurement", [{"product_id": "X", "rule_id": "a", "basis_mass": 1},
                                                {"product_id": "X", "rule_id": "b", "basis_mass": 1}])
    assert msgs == [] and [r["rule_id"] for r in rows] == ["a", "b"]


def test_lifetime_without_industry_lifetime():
    m = one("products", [product(actual_lifetime=7)])
    assert loc(m) == ("lifetime_pair", "products", 1, "industry_lifetime", None)
    assert m.message_en == "Industry-average lifetime is required when the actual lifetime is given."
    assert m.message_ja == "実耐用年数を入力した場合は業界平均耐用年数が必要です。"
    rows, msgs = validate_table("products", [product(industry_lifetime=5)])  # the other way round is fine
    assert msgs == [] and rows[0]["actual_lifetime"] is None


@pytest.mark.parametrize("end", ["2025-04-01", "2025-03-31"])
def test_period_end_not_after_start(end):
    a, msgs = validate_assessment({"organisation": org(period_end=end)})
    assert a is None
    (m,) = msgs
    assert loc(m) == ("period_order", "organisation", None, "period_end", end)
    assert m.message_en == f"Period end {end} is not after period start 2025-04-01."
    assert m.message_ja == f"報告期間終了日 {end} が開始日 2025-04-01 より後ではありません。"


def test_unknown_enum_with_closest_suggestion():
    m = one("water", [{"line_id": "W", "kind": "withdrawl", "volume": 1}])
    assert loc(m) == ("enum", "water", 1, "kind", "withdrawl")
    assert m.message_en == ("Kind: 'withdrawl' is not allowed. Allowed: withdrawal, discharge, recirculated. "
                            "Did you mean 'withdrawal'?")
    assert m.message_ja == ("種別：「withdrawl」は使用できません。使用可能な値：withdrawal, discharge, recirculated。"
                            "「withdrawal」ではありませんか？")
    m = one("outflows", [outflow(destination="Recyling")])
    assert loc(m) == ("enum", "outflows", 1, "destination", "Recyling")
    assert m.message_en.endswith("Did you mean 'recycling'?")


def test_unknown_enum_without_suggestion():
    m = one("outflows", [outflow(destination="zzz")])
    assert loc(m) == ("enum", "outflows", 1, "destination", "zzz")
    assert m.message_en == ("Destination: 'zzz' is not allowed. Allowed: " + ", ".join(F.DESTINATIONS) + ".")
    assert m.message_ja == ("処理・行先：「zzz」は使用できません。使用可能な値：" + ", ".join(F.DESTINATIONS) + "。")


def test_closest():
    assert closest("landfil", F.DESTINATIONS) == ["landfill"]
    assert closest("Energy recovery", F.DESTINATIONS) == ["energy_recovery"]
    assert closest("qqq", F.DESTINATIONS) == []


def test_unknown_unit():
    m = one("inflows", [inflow(mass_unit="stone")])
    assert loc(m) == ("unit", "inflows", 1, "mass_unit", "stone")
    assert m.message_en == "Mass unit: unit 'stone' is not known. Allowed: t, kg, g, lb, kt, Mg."
    assert m.message_ja == "質量単位：単位「stone」は使用できません。使用可能な単位：t, kg, g, lb, kt, Mg。"
    m = one("water", [{"line_id": "W", "kind": "withdrawal", "volume": 1, "volume_unit": "gallon"}])
    assert loc(m) == ("unit", "water", 1, "volume_unit", "gallon")


def test_unknown_field():
    m = one("inflows", [inflow(), inflow("IN-2", masss=3)])
    assert loc(m) == ("unknown_field", "inflows", 2, "masss", "masss")
    known = ", ".join(F.TABLES["inflows"].field_ids)
    assert m.message_en == f"Unknown field 'masss'. Known fields: {known}. Did you mean 'mass'?"
    assert m.message_ja == f"不明な項目「masss」です。使用可能な項目：{known}。「mass」ではありませんか？"


def test_unknown_table_is_a_warning():
    a, msgs = validate_assessment({"organisation": org(), "suppliers": []})
    assert a is not None
    (m,) = msgs
    assert (m.code, m.severity, m.value) == ("unknown_table", WARNING, "suppliers")
    assert m.message_en.startswith("Unknown table 'suppliers' is ignored.")
    assert m.message_ja.startswith("不明な表「suppliers」は無視されます。")


def test_waste_without_destination():
    m = one("outflows", [{"line_id": "O", "flow_type": "waste", "mass": 2}])
    assert loc(m) == ("destination_required", "outflows", 1, "destination", None)
    assert m.message_en == "Destination is required for waste lines. Allowed: " + ", ".join(F.DESTINATIONS) + "."
    assert m.message_ja == "廃棄物の行では処理・行先が必須です。使用可能な値：" + ", ".join(F.DESTINATIONS) + "。"


def test_product_outflow_without_rp_ar():
    rows, msgs = validate_table("outflows", [
        {"line_id": "O1", "flow_type": "product", "mass": 2},
        {"line_id": "O2", "flow_type": "by_product", "mass": 2, "recovery_potential_pct": 100},
        {"line_id": "O3", "flow_type": "product", "mass": 2, "recovery_potential_pct": 80, "actual_recovery_pct": 0},
    ])
    assert rows is None
    assert [loc(m) for m in msgs] == [
        ("recovery_required", "outflows", 1, "recovery_potential_pct", None),
        ("recovery_required", "outflows", 1, "actual_recovery_pct", None),
        ("recovery_required", "outflows", 2, "actual_recovery_pct", None),
    ]
    assert msgs[0].message_en == "Recovery potential (%) is required for product and by-product lines."
    assert msgs[0].message_ja == "製品・副産物の行では回収ポテンシャル（%）が必須です。"
    assert msgs[2].message_ja == "製品・副産物の行では実回収率（%）が必須です。"


def test_product_outflow_needs_no_destination_and_waste_needs_no_rp():
    rows, msgs = validate_table("outflows", [
        {"line_id": "O1", "flow_type": "product", "mass": 2, "recovery_potential_pct": 80, "actual_recovery_pct": 10},
        {"line_id": "O2", "flow_type": "waste", "mass": 2, "destination": "recycling"},
    ])
    assert msgs == []
    assert rows[0]["destination"] is None
    assert (rows[1]["recovery_potential_pct"], rows[1]["actual_recovery_pct"]) == (None, None)


def test_procurement_masses_over_basis():
    m = one("procurement", [{"product_id": "PEN", "rule_id": "ecomark.ballpoint_pen", "basis_mass": 8,
                             "recycled_preconsumer_mass": 3, "recycled_postconsumer_mass": 4.5, "biobased_mass": 1}])
    assert loc(m) == ("procurement_mass_over_basis", "procurement", 1, None, 8.5)
    assert m.message_en == "Recycled + bio-based mass = 8.5, more than the basis mass 8."
    assert m.message_ja == "再生材＋バイオマス由来の質量 8.5 が基準質量 8 を超えています。"
    rows, msgs = validate_table("procurement", [{"product_id": "PEN", "rule_id": "r", "basis_mass": 8,
                                                 "recycled_postconsumer_mass": 8}])
    assert msgs == [] and rows[0]["recycled_preconsumer_mass"] == 0.0 and rows[0]["mass_unit"] == "kg"


def test_mci_sums():
    rows, msgs = validate_table("products", [
        product("A", mci_recycled_feedstock_pct=70, mci_reused_feedstock_pct=20, mci_sustainable_bio_feedstock_pct=15),
        product("B", mci_collected_recycling_pct=60, mci_collected_reuse_pct=30, mci_composted_pct=20),
        product("C", mci_recycled_feedstock_pct=50, mci_reused_feedstock_pct=50, mci_collected_recycling_pct=100),
        product("D", mci_recycled_feedstock_pct=40, mci_recycling_efficiency_feedstock_pct=0),
    ])
    assert rows is None
    assert [loc(m) for m in msgs] == [
        ("mci_feedstock_over_100", "products", 1, None, 105.0),
        ("mci_collection_over_100", "products", 2, None, 110.0),
        ("mci_feedstock_efficiency_zero", "products", 4, "mci_recycling_efficiency_feedstock_pct", "40"),
    ]
    assert msgs[0].message_en == "MCI feedstock F_R + F_U + F_S = 105%, more than 100%."
    assert msgs[0].message_ja == "MCI 原料 F_R＋F_U＋F_S の合計が 105% で、100% を超えています。"
    assert msgs[1].message_en == "MCI end of use C_R + C_U + C_C = 110%, more than 100%."
    assert msgs[1].message_ja == "MCI 使用後 C_R＋C_U＋C_C の合計が 110% で、100% を超えています。"
    assert msgs[2].message_en == ("MCI feedstock recycling efficiency E_F is 0 while recycled feedstock F_R is 40%: "
                                  "E_F must be > 0.")


def test_not_a_list_and_not_an_object():
    rows, msgs = validate_table("inflows", "IN-1")
    assert rows is None and [(m.code, m.table, m.value) for m in msgs] == [("not_a_list", "inflows", "str")]
    assert msgs[0].message_en == "Table inflows must be a list of rows."
    rows, msgs = validate_table("inflows", [inflow(), "row"])
    assert rows is None and [(m.code, m.row) for m in msgs] == [("not_an_object", 2)]
    a, msgs = validate_assessment([1, 2])
    assert a is None and [m.code for m in msgs] == ["not_an_object"]


# ------------------------------------------------------------------------------------------------
# every error at once
# ------------------------------------------------------------------------------------------------
def test_all_errors_of_a_payload_at_once():
    data = {
        "organisation": org(period_end="2025-01-01", maturity="expanson"),
        "inflows": [inflow(f"IN-{i}") for i in range(1, 501)],
        "products": [product("P-1", actual_lifetime=5), product("P-2")],
        "outflows": [outflow("O-1"), {"line_id": "O-2", "flow_type": "waste", "mass": -3},
                     outflow("O-3", flow_type="wast")],
        "water": [{"line_id": "W", "kind": "withdrawal", "volume": 1, "volume_unit": "gal"}],
        "energy": [{"line_id": "E", "amount": "x"}],
        "procurement": [{"product_id": "X", "rule_id": "r", "basis_mass": 1, "biobased_mass": 2}],
    }
    data["inflows"][9]["mass"] = -1
    data["inflows"][99]["recycled_preconsumer_pct"] = 101
    data["inflows"][199]["recycled_preconsumer_pct"] = 70
    data["inflows"][199]["renewable_pct"] = 40
    data["inflows"][299]["line_id"] = "IN-1"
    data["inflows"][399]["mass"] = -2  # several errors on one row: each is reported
    data["inflows"][399]["reused_pct"] = 90
    data["inflows"][399]["renewable_pct"] = 20
    data["inflows"][499]["colour"] = "green"
    a, msgs = validate_assessment(data)
    assert a is None
    assert [(m.code, m.table, m.row, m.field) for m in msgs] == [
        ("enum", "organisation", None, "maturity"),
        ("period_order", "organisation", None, "period_end"),  # checked although the record has another error
        ("min", "inflows", 10, "mass"),
        ("percent_range", "inflows", 100, "recycled_preconsumer_pct"),
        ("min", "inflows", 400, "mass"),
        ("shares_over_100", "inflows", 400, None),
        ("unknown_field", "inflows", 500, "colour"),
        ("shares_over_100", "inflows", 200, None),
        ("duplicate_id", "inflows", 300, "line_id"),
        ("lifetime_pair", "products", 1, "industry_lifetime"),
        ("min", "outflows", 2, "mass"),
        ("destination_required", "outflows", 2, "destination"),
        ("enum", "outflows", 3, "flow_type"),
        ("unit", "water", 1, "volume_unit"),
        ("number", "energy", 1, "amount"),
        ("procurement_mass_over_basis", "procurement", 1, None),
    ]
    assert all(m.message_en and m.message_ja for m in msgs)
    with pytest.raises(ValidationFailed) as exc:
        load_assessment(data)
    assert len(exc.value.errors) == 16
    assert str(exc.value) == "16 validation error(s)"


def test_message_to_dict_is_json():
    m = one("inflows", [inflow(mass=-1)])
    d = m.to_dict()
    assert d == {"code": "min", "severity": "error", "message_en": "Mass: -1 is below the minimum 0.",
                 "message_ja": "質量：-1 は最小値 0 未満です。", "table": "inflows", "row": 1, "field": "mass",
                 "value": -1, "location": None}
    json.dumps(d, ensure_ascii=False)
    assert m.text("ja") == "質量：-1 は最小値 0 未満です。" and m.text("en") == m.message_en


# ------------------------------------------------------------------------------------------------
# lenient spellings
# ------------------------------------------------------------------------------------------------
def test_lenient_spellings():
    rows, msgs = validate_table("inflows", [
        inflow("A", mass="１２３．５", mass_unit="トン", recycled_preconsumer_pct="45%", is_packaging="はい",
               data_quality="実測"),
        inflow("B", mass="1,234.5", mass_unit="キログラム", recycled_postconsumer_pct=" 12.5 % ",
               is_packaging="いいえ", data_quality="Calculated"),
        inflow(1001.0, mass="１，０００", mass_unit=" KG ", is_packaging="yes", data_quality="ESTIMATED"),
        inflow(42, mass=5, is_packaging=1, description=7),
    ])
    assert msgs == []
    a, b, c, d = rows
    assert (a["mass"], a["mass_unit"], a["recycled_preconsumer_pct"], a["is_packaging"], a["data_quality"]) == (
        123.5, "t", 45.0, True, "measured")
    assert (b["mass"], b["mass_unit"], b["recycled_postconsumer_pct"], b["is_packaging"], b["data_quality"]) == (
        1234.5, "kg", 12.5, False, "calculated")
    assert (c["line_id"], c["mass"], c["mass_unit"], c["is_packaging"], c["data_quality"]) == (
        "1001", 1000.0, "kg", True, "estimated")
    assert (d["line_id"], d["is_packaging"], d["description"]) == ("42", True, "7")


def test_lenient_enum_labels_ja_and_en():
    rows, msgs = validate_table("outflows", [
        outflow("A", flow_type="廃棄物", destination="埋立", cycle="生物的"),
        outflow("B", flow_type="Waste", destination="Energy recovery", energy_recovery_r1="yes"),
        outflow("C", flow_type="By-product", destination="preparation for reuse", recovery_potential_pct="100",
                actual_recovery_pct="９０"),
        outflow("D", flow_type="製品", destination="再使用のための準備", recovery_potential_pct=50,
                actual_recovery_pct=20),
    ])
    assert msgs == []
    assert [(r["flow_type"], r["destination"]) for r in rows] == [
        ("waste", "landfill"), ("waste", "energy_recovery"), ("by_product", "preparation_for_reuse"),
        ("product", "preparation_for_reuse")]
    assert rows[0]["cycle"] == "biological" and rows[1]["energy_recovery_r1"] is True
    assert rows[2]["actual_recovery_pct"] == 90.0


@pytest.mark.parametrize("text", ["2025-04-01", "2025/04/01", "2025/4/1", "2025年4月1日", "２０２５年４月１日",
                                  "2025.04.01", " 2025-04-01 "])
def test_lenient_dates(text):
    a, msgs = validate_assessment({"organisation": org(period_start=text)})
    assert msgs == []
    assert a.organisation["period_start"] == dt.date(2025, 4, 1)


def test_dates_as_date_objects():
    a, msgs = validate_assessment({"organisation": org(period_start=dt.date(2025, 4, 1),
                                                       period_end=dt.datetime(2026, 3, 31, 0, 0))})
    assert msgs == []
    assert (a.organisation["period_start"], a.organisation["period_end"]) == (dt.date(2025, 4, 1),
                                                                              dt.date(2026, 3, 31))


@pytest.mark.parametrize("kind,value,expected", [
    ("number", "１２３", 123.0), ("number", "1,234.5", 1234.5), ("number", "45%", 45.0), ("number", "", None),
    ("number", "abc", "abc"), ("number", 7, 7), ("bool", "はい", True), ("bool", "いいえ", False),
    ("bool", "TRUE", True), ("bool", "0", False), ("bool", "perhaps", "perhaps"), ("date", "2025/04/01", dt.date(2025, 4, 1)),
    ("date", "2025年4月1日", dt.date(2025, 4, 1)), ("text", "  x ", "x"), ("text", 1001.0, "1001"), ("text", "", None),
])
def test_coerce_value(kind, value, expected):
    fld = F.Field("f", kind, "F", "F")
    assert coerce_value(fld, value) == expected


def test_coerce_enum_and_unit():
    assert coerce_value(F.TABLES["outflows"].field("destination"), "焼却") == "incineration"
    assert coerce_value(F.TABLES["outflows"].field("destination"), "nowhere") == "nowhere"
    assert coerce_value(F.TABLES["inflows"].field("mass_unit"), "キログラム") == "kg"
    assert coerce_value(F.TABLES["energy"].field("energy_unit"), "gj") == "GJ"


# ------------------------------------------------------------------------------------------------
# defaults and round trip
# ------------------------------------------------------------------------------------------------
def test_defaults_filled():
    a = load_assessment({
        "organisation": org(),
        "inflows": [inflow()],
        "products": [product()],
        "outflows": [outflow()],
        "water": [{"line_id": "W", "kind": "withdrawal", "volume": 1}],
        "energy": [{"line_id": "E", "amount": 1}],
        "procurement": [{"product_id": "X", "rule_id": "r", "basis_mass": 1}],
    })
    assert a.organisation == {
        "name": "Test Co.", "period_start": dt.date(2025, 4, 1), "period_end": dt.date(2026, 3, 31),
        "currency": "JPY", "country": "JP", "sector": None, "assessment_level": "organisation",
        "use_case": "external_reporting", "maturity": "initiation", "revenue": None, "boundary_note": None,
        "cascading_principle_note": None}
    assert a.inflows[0] == {
        "line_id": "IN-1", "description": None, "material": None, "business_unit": None, "mass": 10.0,
        "mass_unit": "t", "recycled_preconsumer_pct": 0.0, "recycled_postconsumer_pct": 0.0, "reused_pct": 0.0,
        "renewable_pct": 0.0, "sustainably_sourced_pct": 0.0, "critical_raw_material": None,
        "critical_content_pct": None, "recycled_origin": "unknown", "certification_scheme": None, "supplier": None,
        "evidence_ref": None, "is_packaging": False, "data_quality": "estimated", "source": None}
    p = a.products[0]
    assert set(p) == set(F.TABLES["products"].field_ids)
    assert (p["use_intensity_ratio"], p["mci_recycling_efficiency_eol_pct"],
            p["mci_recycling_efficiency_feedstock_pct"], p["mass_unit"]) == (1.0, 100.0, 100.0, "t")
    assert p["mci_recycled_feedstock_pct"] is None and p["recyclable_content_pct"] is None
    o = a.outflows[0]
    assert (o["hazardous"], o["radioactive"], o["cycle"], o["energy_recovery_r1"], o["data_quality"]) == (
        False, False, "technical", False, "estimated")
    assert a.water[0]["volume_unit"] == "m3" and a.water[0]["circular"] is False
    assert a.energy[0]["energy_unit"] == "MWh" and a.energy[0]["renewable"] is False
    q = a.procurement[0]
    assert (q["recycled_preconsumer_mass"], q["recycled_postconsumer_mass"], q["biobased_mass"], q["mass_unit"]) == (
        0.0, 0.0, 0.0, "kg")
    for tid in F.LIST_TABLES:
        for row in a.table(tid):
            assert list(row) and set(row) == set(F.TABLES[tid].field_ids)


def test_blank_optional_values_take_defaults():
    rows, msgs = validate_table("inflows", [inflow(mass_unit="", data_quality=" ", reused_pct=None,
                                                   is_packaging="")])
    assert msgs == []
    assert (rows[0]["mass_unit"], rows[0]["data_quality"], rows[0]["reused_pct"], rows[0]["is_packaging"]) == (
        "t", "estimated", 0.0, False)


def test_json_round_trip_gives_an_equal_assessment():
    data = {
        "organisation": org(period_start="2025/04/01", revenue="1,000,000", maturity="拡大"),
        "inflows": [inflow(mass="1,5", mass_unit="kg", recycled_preconsumer_pct="10%"), inflow("IN-2")],
        "products": [product(actual_lifetime=5, industry_lifetime=4, mci_recycled_feedstock_pct=20)],
        "outflows": [outflow(), outflow("O2", flow_type="product", recovery_potential_pct=90, actual_recovery_pct=30)],
        "water": [{"line_id": "W", "kind": "取水", "volume": 1, "volume_unit": "L", "circular": "はい"}],
        "energy": [{"line_id": "E", "amount": 1, "energy_unit": "kwh", "carrier": "electricity"}],
        "procurement": [{"product_id": "X", "rule_id": "r", "basis_mass": 1, "biobased_mass": "0.5"}],
    }
    a = load_assessment(data)
    assert a.inflows[0]["mass"] == 15.0  # "1,5" is a thousands separator, not a decimal comma
    assert a.organisation["maturity"] == "expansion" and a.organisation["revenue"] == 1_000_000.0
    js = a.to_json_dict()
    assert js["organisation"]["period_start"] == "2025-04-01"
    text = json.dumps(js, ensure_ascii=False)
    b, msgs = validate_assessment(json.loads(text))
    assert msgs == []
    assert isinstance(b, Assessment) and b == a
    assert b.to_json_dict() == js


def test_unhashable_id_is_a_text_error_not_a_crash():
    rows, msgs = validate_table("inflows", [inflow(["a"]), inflow({"x": 1}), inflow("B"), inflow("B")])
    assert rows is None
    assert [(m.code, m.row, m.field) for m in msgs] == [("text", 1, "line_id"), ("text", 2, "line_id"),
                                                       ("duplicate_id", 4, "line_id")]
    assert msgs[0].message_en == "Line id: '['a']' is not text."
    assert msgs[0].message_ja == "行ID：「['a']」はテキストではありません。"


def test_yes_no_value_is_not_a_number():
    rows, msgs = validate_table("inflows", [inflow("a", mass=True), inflow("b", mass="12", reused_pct="5"),
                                            inflow("c", mass=3)])
    assert rows is None
    assert [loc(m) for m in msgs] == [("number", "inflows", 1, "mass", True)]
    assert msgs[0].message_en == "Mass: 'True' is not a number."
    assert msgs[0].message_ja == "質量：「True」は数値ではありません。"
    rows, msgs = validate_table("inflows", [inflow("b", mass="12", reused_pct="5"), inflow("c", mass=3)])
    assert msgs == [] and [(r["mass"], r["reused_pct"]) for r in rows] == [(12.0, 5.0), (3.0, 0.0)]
