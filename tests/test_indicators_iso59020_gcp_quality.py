"""ISO 59020, GCP views and data-quality shares against hand-computed values."""
import pytest

from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31"}

INFLOWS = [
    {"line_id": "a", "mass": 400, "reused_pct": 10, "recycled_postconsumer_pct": 20, "data_quality": "measured"},
    {"line_id": "b", "mass": 100, "renewable_pct": 100, "sustainably_sourced_pct": 50, "data_quality": "calculated",
     "critical_raw_material": "natural graphite"},
    {"line_id": "c", "mass": 500, "mass_unit": "t"},
]
OUTFLOWS = [
    {"line_id": "p", "flow_type": "product", "mass": 600, "recovery_potential_pct": 80, "actual_recovery_pct": 50,
     "destination": "preparation_for_reuse", "data_quality": "measured"},  # 240
    {"line_id": "r", "flow_type": "waste", "mass": 200, "destination": "recycling", "data_quality": "calculated"},  # 200
    {"line_id": "c", "flow_type": "by_product", "mass": 100, "cycle": "biological", "recovery_potential_pct": 100,
     "actual_recovery_pct": 30, "destination": "composting"},  # 30
    {"line_id": "l", "flow_type": "waste", "mass": 100, "destination": "landfill"},
]


@pytest.fixture(scope="module")
def r():
    return compute(load_assessment({
        "organisation": {**ORG, "revenue": 2_000_000, "currency": "EUR"}, "inflows": INFLOWS, "outflows": OUTFLOWS,
        "energy": [{"line_id": "e", "amount": 10, "renewable": True}, {"line_id": "f", "amount": 30}],
        "water": [{"line_id": "w", "kind": "withdrawal", "volume": 100, "circular": True},
                  {"line_id": "d", "kind": "discharge", "volume": 300}],
        "products": [{"product_id": "x", "mass": 1, "actual_lifetime": 6, "industry_lifetime": 4}]}))


def test_iso59020(r):
    v = r.value
    assert v("iso59020.inflow_reused_pct") == pytest.approx(4.0)
    assert v("iso59020.inflow_recycled_pct") == pytest.approx(8.0)
    assert v("iso59020.inflow_renewable_sustainable_pct") == pytest.approx(5.0)
    # mass actually reused: 600 t × AR 50 % = 300 t of 1000 t (no recovery-potential factor, rev. 2)
    assert v("iso59020.outflow_reused_pct") == pytest.approx(30.0)
    assert v("iso59020.outflow_recycled_pct") == pytest.approx(20.0)
    assert v("iso59020.outflow_biological_returned_pct") == pytest.approx(3.0)
    assert v("iso59020.average_lifetime_ratio") == pytest.approx(1.5)
    assert v("iso59020.water_circular_pct") == pytest.approx(25.0)
    assert v("iso59020.renewable_energy_pct") == pytest.approx(25.0)
    assert v("iso59020.resource_productivity") == pytest.approx(2000.0)
    assert r["iso59020.resource_productivity"].unit == "EUR/t"
    assert r["iso59020.inflow_reused_pct"].inputs["source_indicator"] == "cti.reused_inflow_pct"
    assert all(x.definition.status == "assumed" for x in r.framework("iso59020"))


def test_gcp_views_reuse_cti(r):
    for gid in ("circular_inflow_pct", "circular_outflow_pct", "material_circularity_pct", "critical_inflow_pct",
                "renewable_energy_pct", "water_circularity_pct", "actual_lifetime_ratio",
                "circular_material_productivity"):
        cti_id = f"cti.{gid}"
        assert r.value(f"gcp.{gid}") == r.value(cti_id)
        assert r[f"gcp.{gid}"].unit == r[cti_id].unit
        assert "not confirmed" in r[f"gcp.{gid}"].definition.formula_en
    assert r.value("gcp.circular_inflow_pct") == pytest.approx(17.0)
    assert r.value("gcp.circular_outflow_pct") == pytest.approx(470 / 1000 * 100)
    assert r.value("gcp.critical_inflow_pct") == pytest.approx(10.0)
    assert r.value("gcp.material_circularity_pct") == pytest.approx((170 + 470) / 2000 * 100)
    assert r.value("gcp.circular_material_productivity") == pytest.approx(2_000_000 / 830)


def test_data_quality_shares(r):
    v = r.value
    assert v("dq.inflow_measured_pct") == pytest.approx(40.0)
    assert v("dq.inflow_calculated_pct") == pytest.approx(10.0)
    assert v("dq.inflow_estimated_pct") == pytest.approx(50.0)
    # line r (200 t, calculated) rests on the 100 % recycling default: it counts as estimated
    assert v("dq.outflow_measured_pct") == pytest.approx(60.0)
    assert v("dq.outflow_calculated_pct") == pytest.approx(0.0)
    assert v("dq.outflow_estimated_pct") == pytest.approx(40.0)
    assert r["dq.outflow_estimated_pct"].inputs["default_recovery_lines_t"] == pytest.approx(200.0)


def test_not_computable_views_carry_the_reason():
    r = compute(load_assessment({"organisation": ORG}))
    assert r["gcp.circular_inflow_pct"].value is None
    assert r["gcp.circular_inflow_pct"].reason_en == "no inflow lines were entered"
    assert r["iso59020.water_circular_pct"].reason_en == r["cti.water_circularity_pct"].reason_en
    assert r["iso59020.resource_productivity"].reason_en == "the organisation's revenue is not given"
    assert r["iso59020.outflow_recycled_pct"].reason_en == "no outflow lines were entered"
    assert r["dq.outflow_measured_pct"].reason_ja == "アウトフローの行が入力されていません"
