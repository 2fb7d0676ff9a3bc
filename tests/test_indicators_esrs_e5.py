"""ESRS E5 (2023 datapoints and 2026 proportions) against the published waste example and hand values."""
import pytest

from gcpcalc.indicators import compute
from gcpcalc.indicators.esrs_e5 import classify_waste
from gcpcalc.models import load_assessment
from gcpcalc.tables import normalise

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31"}


def run(**tables):
    return compute(load_assessment({"organisation": ORG, **tables}))


def w(line_id, mass, destination, **kw):
    return {"line_id": line_id, "flow_type": "waste", "mass": mass, "destination": destination, **kw}


# the waste example (ref_frameworks §4.5): 120 t, 12 t hazardous
WASTE_EXAMPLE = [
    w("reuse", 10, "preparation_for_reuse"),
    w("recycling", 50, "recycling"),
    w("recycling_haz", 10, "recycling", hazardous=True),
    w("other", 18, "other_recovery"),
    w("other_haz", 2, "other_recovery", hazardous=True),
    w("landfill", 25, "landfill"),
    w("unknown", 5, "unknown"),
]


@pytest.fixture(scope="module")
def example():
    return run(outflows=WASTE_EXAMPLE + [
        {"line_id": "product", "flow_type": "product", "mass": 1000, "recovery_potential_pct": 100,
         "actual_recovery_pct": 100, "destination": "recycling"}])  # products are not waste


def test_waste_example(example):
    v = example.value
    assert v("esrs_e5.waste_total_t") == pytest.approx(120.0)
    assert v("esrs_e5.diverted.total_t") == pytest.approx(90.0)
    assert v("esrs_e5.disposal.total_t") == pytest.approx(25.0)
    assert v("esrs_e5.unknown_destination_t") == pytest.approx(5.0)
    assert v("esrs_e5.nonrecycled_t") == pytest.approx(60.0)
    assert v("esrs_e5.nonrecycled_pct") == pytest.approx(50.0)
    assert v("esrs_e5.hazardous_t") == pytest.approx(12.0)
    assert v("esrs_e5.radioactive_t") == 0.0
    assert v("esrs_e5_2026.waste_diverted_pct") == pytest.approx(75.0)
    assert v("esrs_e5_2026.waste_recycled_pct") == pytest.approx(50.0)
    assert round(v("esrs_e5_2026.waste_disposal_pct"), 2) == 20.83
    assert round(v("esrs_e5_2026.waste_unknown_destination_pct"), 2) == 4.17
    assert (v("esrs_e5_2026.waste_diverted_pct") + v("esrs_e5_2026.waste_disposal_pct")
            + v("esrs_e5_2026.waste_unknown_destination_pct")) == pytest.approx(100.0)


def test_full_hazard_by_treatment_tables(example):
    v = example.value
    expected = {
        "diverted.hazardous.preparation_for_reuse_t": 0, "diverted.hazardous.recycling_t": 10,
        "diverted.hazardous.other_recovery_t": 2, "diverted.non_hazardous.preparation_for_reuse_t": 10,
        "diverted.non_hazardous.recycling_t": 50, "diverted.non_hazardous.other_recovery_t": 18,
        "diverted.hazardous.total_t": 12, "diverted.non_hazardous.total_t": 78,
        "disposal.hazardous.incineration_t": 0, "disposal.hazardous.landfill_t": 0,
        "disposal.hazardous.other_disposal_t": 0, "disposal.non_hazardous.incineration_t": 0,
        "disposal.non_hazardous.landfill_t": 25, "disposal.non_hazardous.other_disposal_t": 0,
        "disposal.hazardous.total_t": 0, "disposal.non_hazardous.total_t": 25,
    }
    for key, value in expected.items():
        assert v(f"esrs_e5.{key}") == pytest.approx(value), key
    r = example["esrs_e5.diverted.hazardous.recycling_t"]
    assert r.definition.datapoint == "E5-5_08"
    assert r.label("en") == "Waste diverted from disposal, Hazardous, Recycling"
    assert r.label("ja") == "処分されなかった廃棄物（有害・リサイクル）"
    assert example["esrs_e5.disposal.non_hazardous.landfill_t"].definition.datapoint == "E5-5_09"


def test_classification_rules():
    r = run(outflows=[
        w("er_r1", 7, "energy_recovery", energy_recovery_r1=True),
        w("er", 11, "energy_recovery"),
        w("inc", 13, "incineration", hazardous=True),
        w("comp", 17, "composting", cycle="biological"),
        w("od", 19, "other_disposal", radioactive=True),
    ])
    v = r.value
    assert v("esrs_e5.diverted.non_hazardous.other_recovery_t") == pytest.approx(7.0)
    assert v("esrs_e5.disposal.non_hazardous.incineration_t") == pytest.approx(11.0)
    assert v("esrs_e5.disposal.hazardous.incineration_t") == pytest.approx(13.0)
    assert v("esrs_e5.diverted.non_hazardous.recycling_t") == pytest.approx(17.0)
    assert v("esrs_e5.disposal.non_hazardous.other_disposal_t") == pytest.approx(19.0)
    assert v("esrs_e5.radioactive_t") == pytest.approx(19.0)
    assert v("esrs_e5.nonrecycled_t") == pytest.approx(67 - 17)
    assert v("esrs_e5.unknown_destination_t") == 0.0
    tables = normalise(load_assessment({"organisation": ORG, "outflows": [
        w("a", 1, "energy_recovery", energy_recovery_r1=True), w("b", 1, "energy_recovery"), w("c", 1, "unknown")]}))
    assert list(classify_waste(tables.outflows)) == ["other_recovery", "incineration", "unknown"]


def test_inflow_datapoints():
    r = run(inflows=[
        {"line_id": "a", "mass": 200, "recycled_preconsumer_pct": 10, "recycled_postconsumer_pct": 20, "reused_pct": 5},
        {"line_id": "b", "mass": 300, "renewable_pct": 50, "sustainably_sourced_pct": 60},
        {"line_id": "c", "mass": 500, "mass_unit": "t", "renewable_pct": 10},
    ])
    v = r.value
    assert v("esrs_e5.inflow_total_t") == pytest.approx(1000.0)
    assert v("esrs_e5.secondary_inflow_t") == pytest.approx(70.0)
    assert v("esrs_e5.secondary_inflow_pct") == pytest.approx(7.0)
    # sustainably sourced 90 t: §31(b) over the total weight of materials used (AR 23): 90 / 1000 = 9 %;
    # the supplementary share of the 150 + 50 = 200 t biological materials: 45 %
    assert v("esrs_e5.bio_sustainably_sourced_pct") == pytest.approx(9.0)
    assert v("esrs_e5.bio_sustainably_sourced_of_biological_pct") == pytest.approx(45.0)
    assert r["esrs_e5.inflow_total_t"].definition.datapoint == "E5-4_02"


def test_product_datapoints():
    r = run(products=[
        {"product_id": "a", "product_group": "chairs", "mass": 10, "actual_lifetime": 12, "industry_lifetime": 10,
         "recyclable_content_pct": 80, "packaging_recyclable_content_pct": 100},
        {"product_id": "b", "product_group": "chairs", "mass": 30, "actual_lifetime": 9, "industry_lifetime": 10,
         "recyclable_content_pct": 40},
        {"product_id": "c", "product_group": "desks", "mass": 60, "recyclable_content_pct": 50,
         "packaging_recyclable_content_pct": 50},
        {"product_id": "d", "mass": 5, "actual_lifetime": 4, "industry_lifetime": 2},
    ], inflows=[{"line_id": "i", "mass": 200}])
    v = r.value
    assert v("esrs_e5.durability_ratio.chairs") == pytest.approx((10 * 1.2 + 30 * 0.9) / 40)
    assert v("esrs_e5.durability_ratio.ungrouped") == pytest.approx(2.0)
    desks = r["esrs_e5.durability_ratio.desks"]
    assert desks.value is None and "both" in desks.reason_en
    # AR 27: recyclable product mass 8 + 12 + 30 = 50 t over the 200 t of materials used
    assert v("esrs_e5.recyclable_content_products_pct") == pytest.approx(25.0)
    # no packaging mass is given: the packaging rate cannot be computed (the products are named)
    assert v("esrs_e5.recyclable_content_packaging_pct") is None
    assert v("esrs_e5.recyclable_content_products_pct.chairs") == pytest.approx((8 + 12) / 40 * 100)
    assert r["esrs_e5.durability_ratio.chairs"].label("en") == "Expected durability vs industry average: chairs"


def test_no_waste_is_not_computable():
    r = run(outflows=[{"line_id": "p", "flow_type": "product", "mass": 5, "recovery_potential_pct": 1,
                       "actual_recovery_pct": 1}])
    for iid in ("esrs_e5.waste_total_t", "esrs_e5.diverted.total_t", "esrs_e5.nonrecycled_pct",
                "esrs_e5.diverted.hazardous.recycling_t", "esrs_e5_2026.waste_diverted_pct"):
        assert r[iid].value is None
        assert "no waste lines" in r[iid].reason_en
        assert "廃棄物の行" in r[iid].reason_ja
    empty = run()
    assert empty["esrs_e5.inflow_total_t"].reason_en == "no inflow lines were entered"
    assert empty["esrs_e5.bio_sustainably_sourced_pct"].value is None
    assert not empty.with_prefix("esrs_e5.durability_ratio.")


def test_zero_waste_mass():
    r = run(outflows=[w("a", 0, "landfill")])
    assert r.value("esrs_e5.waste_total_t") == 0.0
    assert r["esrs_e5.nonrecycled_pct"].reason_en == "the total waste mass is 0 t"
    assert r["esrs_e5_2026.waste_disposal_pct"].value is None


@pytest.mark.parametrize("seed", range(3))
def test_the_waste_routes_and_cells_are_those_of_the_conditions_one_by_one(seed):
    """classify_waste (one lookup per distinct destination) and the hazard × route cells of waste_breakdown give
    what the route conditions give when applied to every line in turn (np.select), the mass sums correctly
    rounded."""
    import math

    import numpy as np

    from gcpcalc import fields as F
    from gcpcalc.indicators.esrs_e5 import WASTE_ROUTES, waste_breakdown
    from gcpcalc.tables import Table

    rng = np.random.default_rng(seed)
    n = 3000
    dest = np.empty(n, dtype=object)
    dest[:] = [(*F.DESTINATIONS, None)[i] for i in rng.integers(0, len(F.DESTINATIONS) + 1, n)]
    r1 = rng.random(n) < 0.5
    hazardous = rng.random(n) < 0.3
    mass = rng.lognormal(2.0, 2.0, n)
    waste = Table({"destination": dest, "energy_recovery_r1": r1, "hazardous": hazardous, "mass_t": mass,
                   "radioactive": np.zeros(n, dtype=bool)}, n)
    energy = dest == "energy_recovery"
    expected = np.select(
        [dest == "preparation_for_reuse", (dest == "recycling") | (dest == "composting"),
         (dest == "other_recovery") | (energy & r1), (dest == "incineration") | (energy & ~r1),
         dest == "landfill", dest == "other_disposal"],
        ["preparation_for_reuse", "recycling", "other_recovery", "incineration", "landfill", "other_disposal"],
        default="unknown")
    got = classify_waste(waste)
    assert got.tolist() == expected.tolist() and got.dtype == expected.dtype
    assert set(got.tolist()) == set(WASTE_ROUTES)  # every route met
    b = waste_breakdown(waste)
    for (h, r), value in b["cells"].items():
        in_class = hazardous if h == "hazardous" else ~hazardous
        assert value == math.fsum(mass[in_class & (expected == r)].tolist()), (h, r)
    assert len(b["cells"]) == 14 and b["hazardous_t"] == float(mass[hazardous].sum())
