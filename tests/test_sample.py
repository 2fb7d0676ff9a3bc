"""The sample company (templates/sample_assessment.json) and the synthetic generator."""
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcpcalc import fields as F
from gcpcalc.models import load_assessment, validate_assessment
from gcpcalc.sample import sample_assessment, sample_json, synthetic_assessment
from gcpcalc.tables import normalise

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "sample_assessment.json"


def test_template_file_matches_the_generator():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text == sample_json(), "regenerate: python -c 'from gcpcalc.sample import sample_json; ...'"
    assert json.loads(text) == sample_assessment()
    assert text == json.dumps(sample_assessment(), ensure_ascii=False, indent=2) + "\n"


def test_sample_validates_without_any_message():
    a, msgs = validate_assessment(sample_assessment())
    assert msgs == []
    assert a is not None


def test_sample_is_deterministic_and_fresh():
    a, b = sample_assessment(), sample_assessment()
    assert a == b
    a["inflows"].clear()
    assert len(sample_assessment()["inflows"]) == 42


def test_sample_organisation():
    o = sample_assessment()["organisation"]
    assert o["name"] == "株式会社みどり精機 / Midori Seiki Co., Ltd."
    assert (o["period_start"], o["period_end"], o["currency"], o["country"]) == ("2025-04-01", "2026-03-31", "JPY", "JP")
    assert (o["assessment_level"], o["use_case"], o["maturity"]) == ("organisation", "external_reporting", "expansion")
    assert "JSIC" in o["sector"] and o["revenue"] == 18_600_000_000
    assert o["boundary_note"]


def test_sample_covers_the_dictionary():
    d = sample_assessment()
    inflows, outflows, products = d["inflows"], d["outflows"], d["products"]
    assert len(inflows) == 42 and len(products) == 8 and len(outflows) == 22
    assert all(r["line_id"].isascii() for r in inflows + outflows)
    assert {"steel", "aluminium", "copper", "plastics", "paper", "wood", "electronics"} <= {r["material"] for r in inflows}
    assert Counter(r.get("mass_unit") for r in inflows) == Counter({"t": 35, "kg": 7})
    assert {r["data_quality"] for r in inflows} == set(F.DATA_QUALITY)
    assert len({r["business_unit"] for r in inflows}) == 3
    assert {"Cobalt", "ネオジム"} <= {r.get("critical_raw_material") for r in inflows}
    # revision 2: every critical line states its content share; recycled origins, schemes, evidence
    assert all("critical_content_pct" in r for r in inflows if r.get("critical_raw_material"))
    assert {r.get("recycled_origin") for r in inflows} >= {"domestic", "imported", None}
    assert {"FSC", "Bonsucro", "GRS"} <= {r.get("certification_scheme") for r in inflows}
    assert sum(1 for r in inflows if r.get("evidence_ref")) >= 15
    assert all(p.get("packaging_mass") for p in products)
    assert [e["line_id"] for e in d["energy"] if e.get("direction") == "exported"] == ["E-007"]
    assert d["organisation"]["cascading_principle_note"]
    assert [r["line_id"] for r in outflows if r.get("critical_raw_material")] == ["OUT-022"]
    assert sum(bool(r.get("is_packaging")) for r in inflows) == 6
    assert any(r.get("recycled_preconsumer_pct") for r in inflows) and any(r.get("reused_pct") for r in inflows)
    assert any(r.get("sustainably_sourced_pct") == 100 and r["material"] == "paper" for r in inflows)
    # products: MCI on most, not all
    with_mci = [p for p in products if any(k in p for k in F.MCI_INPUT_FIELDS)]
    assert len(with_mci) == 7
    assert all(("actual_lifetime" in p) == ("industry_lifetime" in p) for p in products)
    # outflows: every destination, flow type, hazardous, R1 with and without, composting in the biological cycle
    waste = [r for r in outflows if r["flow_type"] == "waste"]
    assert {r["destination"] for r in waste} == set(F.DESTINATIONS)
    assert {r["flow_type"] for r in outflows} == set(F.FLOW_TYPES)
    assert {r["energy_recovery_r1"] for r in outflows if r["destination"] == "energy_recovery"} == {True, False}
    assert [r["cycle"] for r in outflows if r["destination"] == "composting"] == ["biological"]
    assert sum(r["hazardous"] for r in outflows) == 3
    assert any("特別管理産業廃棄物" in r["waste_code"] for r in outflows if r["hazardous"])
    # water, energy, procurement
    assert {r["kind"] for r in d["water"]} == set(F.WATER_KINDS)
    assert {r["volume_unit"] for r in d["water"]} == {"m3", "kL", "L", "ML"}
    assert {r.get("energy_unit", "MWh") for r in d["energy"]} == {"MWh", "kWh", "GJ"}
    rules = Counter(r["rule_id"] for r in d["procurement"])
    assert rules == Counter({"ecomark.ballpoint_pen": 2, "gpp.stationery_plastic": 1, "gpp.garbage_bag_plastic": 1,
                             "ecomark.biobased_office_goods": 1})


def test_sample_procurement_verdicts():
    checker = pytest.importorskip("gcpcalc.procurement.checker")
    rules_mod = pytest.importorskip("gcpcalc.procurement.rules")
    ruleset, msgs = rules_mod.load_default_rules()
    assert ruleset is not None, msgs
    results, msgs = checker.check_assessment(load_assessment(sample_assessment()), ruleset)
    assert [m for m in msgs if m.severity == "error"] == []
    got = {(r.product_id, r.rule_id): r for r in results}
    # ballpoint pens: 5.74 / 8.2 g = 70 % post-consumer passes; 0.95 / 9.5 g = 10 % recycled fails
    assert got[("P-PEN-01", "ecomark.ballpoint_pen")].status == "pass"
    assert got[("P-PEN-01", "ecomark.ballpoint_pen")].postconsumer_pct == pytest.approx(70.0)
    assert got[("P-PEN-02", "ecomark.ballpoint_pen")].status == "fail"
    assert got[("P-PEN-02", "ecomark.ballpoint_pen")].recycled_pct == pytest.approx(10.0)
    # clear folder 21.6 / 24 g = 90 % bio-based; file box (60 + 20) / 180 g = 44.4 %; bag (4 + 12) / 32 g = 50 %
    assert got[("P-FIL-01", "ecomark.biobased_office_goods")].biobased_pct == pytest.approx(90.0)
    assert got[("P-FIL-01", "ecomark.biobased_office_goods")].status == "pass"
    assert got[("P-BOX-01", "gpp.stationery_plastic")].recycled_pct == pytest.approx(400 / 9)
    assert got[("P-BOX-01", "gpp.stationery_plastic")].status == "pass"
    assert got[("P-BAG-01", "gpp.garbage_bag_plastic")].recycled_pct == pytest.approx(50.0)
    assert got[("P-BAG-01", "gpp.garbage_bag_plastic")].status == "pass"


def test_sample_normalised_figures_against_hand_values():
    t = normalise(load_assessment(sample_assessment()))
    # inflows: 35 lines in t summing to 7040.3 t, 7 lines in kg summing to 400 000 kg = 400 t
    assert t.inflows["mass_t"].sum() == pytest.approx(7440.3, abs=1e-9)
    assert t.inflows.loc[t.inflows.line_id == "IN-004", "mass_t"].item() == pytest.approx(86.5)
    # packaging: 240 + 168 + 36 + 14.8 + 95 + 42
    assert t.inflows.loc[t.inflows.is_packaging, "mass_t"].sum() == pytest.approx(595.8)
    assert t.inflows["critical"].sum() == 6  # 2 copper, gallium, cobalt, Nd, tungsten
    # outflows: waste 353.65 t, hazardous 8.4 + 2.6 + 0.45 = 11.45 t
    waste = t.outflows[t.outflows.flow_type == "waste"]
    assert waste["mass_t"].sum() == pytest.approx(353.65)
    assert t.outflows.loc[t.outflows.hazardous, "mass_t"].sum() == pytest.approx(11.45)
    # recovered waste: recycling, reuse and composting lines (64 + 118 + 21 + 9.5 + 0.45) + 60 % of 11 t
    assert (waste["mass_t"] * waste["ar_frac"]).sum() == pytest.approx(219.55)
    # products shipped equal the product masses: furniture 640 + 1380 + 720 = 2740 t
    assert t.outflows.loc[t.outflows.line_id == "OUT-003", "mass_t"].item() == pytest.approx(2740.0)
    assert t.products["mass_t"].sum() == pytest.approx(1240 + 310 + 640 + 1380 + 720 + 62 + 780 + 24.5)
    # water withdrawal 48 000 + 21 500 + 1 800 (kL) + 3 200 (3.2 ML of litres) m3
    assert t.water.loc[t.water.kind == "withdrawal", "volume_m3"].sum() == pytest.approx(74_500.0)
    # energy consumed: 14 200 + 3 600 + 52 000/3.6 + 2 150 + 4 800/3.6 + 1 250/3.6 MWh; 380 MWh exported
    assert t.energy.loc[~t.energy.exported, "energy_mwh"].sum() == pytest.approx(36_075.0)
    assert t.energy.loc[t.energy.exported, "energy_mwh"].sum() == pytest.approx(380.0)
    assert t.energy.loc[t.energy.renewable & ~t.energy.exported, "energy_mwh"].sum() == pytest.approx(
        3600 + 2150 + 1250 / 3.6)


# ------------------------------------------------------------------------------------------------
# synthetic assessments
# ------------------------------------------------------------------------------------------------
def test_synthetic_sizes_and_validity():
    d = synthetic_assessment(3000, 2000, n_products=10, seed=3)
    assert (len(d["inflows"]), len(d["outflows"]), len(d["products"])) == (3000, 2000, 10)
    a, msgs = validate_assessment(d)
    assert msgs == [] and a is not None
    assert len({r["line_id"] for r in d["inflows"]}) == 3000


def test_synthetic_is_deterministic():
    assert synthetic_assessment(200, 100, seed=7) == synthetic_assessment(200, 100, seed=7)
    assert synthetic_assessment(200, 100, seed=7) != synthetic_assessment(200, 100, seed=8)


def test_synthetic_variety():
    d = synthetic_assessment(5000, 5000, seed=0)
    assert {r["mass_unit"] for r in d["inflows"]} == {"t", "kg", "g", "lb", "kt", "Mg"}
    assert {r["material"] for r in d["inflows"]} == set(F.MATERIALS)
    assert {r["data_quality"] for r in d["inflows"]} == set(F.DATA_QUALITY)
    assert {r["flow_type"] for r in d["outflows"]} == set(F.FLOW_TYPES)
    assert {r["destination"] for r in d["outflows"]} == set(F.DESTINATIONS)
    assert any(r.get("critical_raw_material") for r in d["inflows"])
    assert any(r.get("hazardous") for r in d["outflows"])
    assert any(r["recycled_postconsumer_pct"] == 0 for r in d["inflows"])
    assert max(r["recycled_preconsumer_pct"] + r["recycled_postconsumer_pct"] + r["reused_pct"] + r["renewable_pct"]
               for r in d["inflows"]) <= 100.0
    shares = [r["recycled_postconsumer_pct"] for r in d["inflows"] if r["recycled_postconsumer_pct"] > 0]
    assert 5 < sum(shares) / len(shares) < 50
    assert {r["kind"] for r in d["water"]} == set(F.WATER_KINDS)
    assert {r["energy_unit"] for r in d["energy"]} == {"MWh", "kWh", "GWh", "MJ", "GJ", "TJ"}


def test_synthetic_empty():
    d = synthetic_assessment(0, 0, n_products=0, n_water=0, n_energy=0, n_procurement=0)
    a, msgs = validate_assessment(d)
    assert msgs == [] and a.inflows == [] and a.outflows == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n_in=st.integers(0, 300), n_out=st.integers(0, 300), n_prod=st.integers(0, 12), seed=st.integers(0, 2**32 - 1))
def test_synthetic_always_valid_and_mass_preserved(n_in, n_out, n_prod, seed):
    d = synthetic_assessment(n_in, n_out, n_products=n_prod, seed=seed)
    a, msgs = validate_assessment(d)
    assert msgs == []
    t = normalise(a)
    factors = {"t": 1.0, "kg": 1e-3, "g": 1e-6, "lb": 0.45359237e-3, "kt": 1e3, "Mg": 1.0}
    expected = sum(r["mass"] * factors[r["mass_unit"]] for r in d["inflows"])
    assert t.inflows["mass_t"].sum() == pytest.approx(expected, rel=1e-9, abs=1e-9)
    # the JSON form survives a round trip
    b, msgs = validate_assessment(json.loads(json.dumps(a.to_json_dict())))
    assert msgs == [] and b == a
