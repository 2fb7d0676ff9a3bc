"""CTI v4.0 indicators against the constructed worked example and hand-computed values."""
import pytest

from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31"}

# the constructed worked example of the specification (ref_frameworks §1.6)
EXAMPLE_INFLOWS = [
    {"line_id": "steel", "mass": 600, "recycled_postconsumer_pct": 30},
    {"line_id": "wood", "mass": 300, "renewable_pct": 100, "sustainably_sourced_pct": 80},
    {"line_id": "plastic", "mass": 100, "recycled_preconsumer_pct": 10},
]
EXAMPLE_OUTFLOWS = [
    {"line_id": "products", "flow_type": "product", "mass": 800, "recovery_potential_pct": 90,
     "actual_recovery_pct": 50, "destination": "recycling"},
    {"line_id": "waste", "flow_type": "waste", "mass": 150, "destination": "recycling", "actual_recovery_pct": 70},
]


def run(org=None, **tables):
    return compute(load_assessment({"organisation": {**ORG, **(org or {})}, **tables}))


@pytest.fixture(scope="module")
def example():
    return run({"revenue": 50_000_000}, inflows=EXAMPLE_INFLOWS, outflows=EXAMPLE_OUTFLOWS)


def test_worked_example_headline_figures(example):
    assert example.value("cti.circular_inflow_pct") == pytest.approx(43.0)
    assert example.value("cti.circular_outflow_pct") == pytest.approx(48.947368, abs=1e-6)
    assert round(example.value("cti.circular_outflow_pct"), 2) == 48.95
    assert example.value("cti.material_circularity_pct") == pytest.approx(895 / 1950 * 100)
    assert round(example.value("cti.material_circularity_pct"), 2) == 45.90
    # not the simple mean (45.97)
    assert round((43.0 + 465 / 950 * 100) / 2, 2) == 45.97
    assert example.value("cti.linear_inflow_t") == pytest.approx(570.0)
    assert example.value("cti.circular_material_productivity") == pytest.approx(50_000_000 / 570)
    assert round(example.value("cti.circular_material_productivity"), 2) == 87719.30
    assert example["cti.circular_material_productivity"].unit == "JPY/t"


def test_worked_example_every_other_cti_id(example):
    v = example.value
    assert v("cti.inflow_t") == pytest.approx(1000.0)
    assert v("cti.recycled_inflow_pct") == pytest.approx(19.0)  # (180 + 10) / 1000
    assert v("cti.reused_inflow_pct") == pytest.approx(0.0)
    assert v("cti.nonvirgin_inflow_pct") == pytest.approx(19.0)
    assert v("cti.renewable_inflow_pct") == pytest.approx(24.0)  # 300 × 0.8 / 1000
    assert v("cti.linear_inflow_pct") == pytest.approx(57.0)
    assert v("cti.outflow_t") == pytest.approx(950.0)
    assert v("cti.recovery_potential_pct") == pytest.approx((720 + 150) / 950 * 100)
    assert v("cti.actual_recovery_pct") == pytest.approx((400 + 105) / 950 * 100)
    assert v("cti.circular_outflow_technical_pct") == pytest.approx(465 / 950 * 100)
    assert v("cti.circular_outflow_biological_pct") == 0.0
    assert v("cti.critical_inflow_pct") == 0.0
    assert v("cti.recovery_type.recycling_pct") == pytest.approx(100.0)
    assert v("cti.recovery_type.preparation_for_reuse_pct") == 0.0
    assert v("cti.recovery_type.composting_pct") == 0.0


def test_inputs_name_the_intermediate_values(example):
    assert example["cti.circular_inflow_pct"].inputs["circular_inflow_t"] == pytest.approx(430.0)
    assert example["cti.circular_inflow_pct"].inputs["inflow_t"] == pytest.approx(1000.0)
    assert example["cti.circular_outflow_pct"].inputs["circular_outflow_t"] == pytest.approx(465.0)
    assert example["cti.circular_material_productivity"].inputs == {"revenue": 50_000_000.0,
                                                                    "linear_inflow_t": pytest.approx(570.0)}


def test_units_are_normalised_before_the_formulas():
    r = run(inflows=[{"line_id": "a", "mass": 600_000, "mass_unit": "kg", "recycled_postconsumer_pct": 30},
                     {"line_id": "b", "mass": 0.4, "mass_unit": "kt"}])
    assert r.value("cti.inflow_t") == pytest.approx(1000.0)
    assert r.value("cti.circular_inflow_pct") == pytest.approx(18.0)


def test_technical_and_biological_split_and_recovery_types():
    r = run(outflows=[
        {"line_id": "o1", "flow_type": "product", "mass": 100, "recovery_potential_pct": 50, "actual_recovery_pct": 40,
         "destination": "preparation_for_reuse"},  # circular 20
        {"line_id": "o2", "flow_type": "by_product", "mass": 50, "cycle": "biological", "recovery_potential_pct": 100,
         "actual_recovery_pct": 60, "destination": "composting"},  # circular 30
        {"line_id": "o3", "flow_type": "waste", "mass": 40, "destination": "recycling"},  # circular 40
        {"line_id": "o4", "flow_type": "waste", "mass": 10, "destination": "landfill"},  # 0
        {"line_id": "o5", "flow_type": "product", "mass": 20, "recovery_potential_pct": 50, "actual_recovery_pct": 100},
    ])  # o5: circular 10, no destination -> unspecified
    v = r.value
    assert v("cti.outflow_t") == pytest.approx(220.0)
    assert v("cti.circular_outflow_pct") == pytest.approx(100 / 220 * 100)
    assert v("cti.circular_outflow_technical_pct") == pytest.approx(70 / 220 * 100)
    assert v("cti.circular_outflow_biological_pct") == pytest.approx(30 / 220 * 100)
    assert v("cti.recovery_type.preparation_for_reuse_pct") == pytest.approx(20.0)
    assert v("cti.recovery_type.composting_pct") == pytest.approx(30.0)
    assert v("cti.recovery_type.recycling_pct") == pytest.approx(40.0)
    assert v("cti.recovery_type.unspecified_pct") == pytest.approx(10.0)
    assert "cti.recovery_type.landfill_pct" not in r
    assert r["cti.recovery_type.unspecified_pct"].label("ja") == "回収方法別の割合：未指定"
    assert r["cti.recovery_type.recycling_pct"].label("en") == "Recovery type: Recycling"
    # the recovered waste: AR derived from the destination (100 % recycling, 0 % landfill)
    assert v("cti.actual_recovery_pct") == pytest.approx((40 + 30 + 40 + 0 + 20) / 220 * 100)


def test_critical_inflow():
    r = run(inflows=[{"line_id": "a", "mass": 30, "critical_raw_material": "cobalt"},
                     {"line_id": "b", "mass": 70, "critical_raw_material": "  "}])
    assert r.value("cti.critical_inflow_pct") == pytest.approx(30.0)


def test_water_energy_and_lifetime():
    r = run(
        water=[{"line_id": "w1", "kind": "withdrawal", "volume": 800, "circular": False},
               {"line_id": "w2", "kind": "withdrawal", "volume": 200, "circular": True, "source_or_destination": "rainwater"},
               {"line_id": "w3", "kind": "discharge", "volume": 600, "volume_unit": "m3", "circular": True},
               {"line_id": "w4", "kind": "discharge", "volume": 200_000, "volume_unit": "L"},
               {"line_id": "w5", "kind": "recirculated", "volume": 250}],
        energy=[{"line_id": "e1", "amount": 3000, "energy_unit": "MWh"},
                {"line_id": "e2", "amount": 1000, "energy_unit": "MWh", "renewable": True},
                {"line_id": "e3", "amount": 3600, "energy_unit": "GJ", "renewable": True}],  # 1000 MWh
        products=[{"product_id": "p1", "mass": 10, "actual_lifetime": 15, "industry_lifetime": 10},
                  {"product_id": "p2", "mass": 30, "actual_lifetime": 8, "industry_lifetime": 10},
                  {"product_id": "p3", "mass": 60}])
    v = r.value
    assert v("cti.water_circularity_pct") == pytest.approx((200 + 600) / 1800 * 100)
    assert v("cti.onsite_water_circularity_pct") == pytest.approx(250 / 1250 * 100)
    assert v("cti.renewable_energy_pct") == pytest.approx(2000 / 5000 * 100)
    assert v("cti.actual_lifetime_ratio") == pytest.approx((10 * 1.5 + 30 * 0.8) / 40)
    assert r["cti.actual_lifetime_ratio"].inputs["weighting"] == "mass_t"


def test_lifetime_weighting_falls_back_to_units_sold():
    r = run(products=[{"product_id": "p1", "units_sold": 100, "actual_lifetime": 12, "industry_lifetime": 10},
                      {"product_id": "p2", "units_sold": 300, "actual_lifetime": 5, "industry_lifetime": 10}])
    assert r.value("cti.actual_lifetime_ratio") == pytest.approx((100 * 1.2 + 300 * 0.5) / 400)
    assert r["cti.actual_lifetime_ratio"].inputs["weighting"] == "units_sold"


def test_empty_assessment_is_not_computable_with_reasons():
    r = run()
    for iid in ("cti.inflow_t", "cti.circular_inflow_pct", "cti.linear_inflow_t", "cti.outflow_t",
                "cti.circular_outflow_pct", "cti.material_circularity_pct", "cti.water_circularity_pct",
                "cti.onsite_water_circularity_pct", "cti.renewable_energy_pct", "cti.actual_lifetime_ratio",
                "cti.circular_material_productivity", "cti.recovery_type.recycling_pct"):
        assert r[iid].value is None, iid
        assert r[iid].reason_en and r[iid].reason_ja, iid
    assert r["cti.circular_inflow_pct"].reason_en == "no inflow lines were entered"
    assert r["cti.circular_material_productivity"].reason_en == "the organisation's revenue is not given"
    assert r["cti.onsite_water_circularity_pct"].reason_ja.startswith("循環利用の水の行")


def test_zero_denominators_are_not_computable():
    r = run({"revenue": 1000},
            inflows=[{"line_id": "a", "mass": 0}, {"line_id": "b", "mass": 5, "reused_pct": 100}],
            outflows=[{"line_id": "o", "flow_type": "waste", "mass": 0, "destination": "landfill"}],
            energy=[{"line_id": "e", "amount": 0}],
            water=[{"line_id": "w", "kind": "withdrawal", "volume": 0}])
    assert r.value("cti.circular_inflow_pct") == pytest.approx(100.0)
    assert r.value("cti.linear_inflow_t") == 0.0
    prod = r["cti.circular_material_productivity"]
    assert prod.value is None and "linear inflow is 0 t" in prod.reason_en
    assert r["cti.circular_outflow_pct"].reason_en == "the total outflow mass is 0 t"
    assert r.value("cti.outflow_t") == 0.0  # a real sum of entered lines
    assert r["cti.renewable_energy_pct"].value is None
    assert r["cti.water_circularity_pct"].value is None
    assert r["cti.recovery_type.recycling_pct"].value is None


def test_revenue_without_inflows():
    r = run({"revenue": 1000})
    assert r["cti.circular_material_productivity"].reason_en == "no inflow lines were entered"
