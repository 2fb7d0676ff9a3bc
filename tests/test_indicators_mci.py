"""EMF MCI: the check values of the specification and hand-computed company figures."""
import pytest

from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31"}

ILLUSTRATIVE = {"mci_recycled_feedstock_pct": 25, "mci_reused_feedstock_pct": 5, "mci_collected_recycling_pct": 60,
                "mci_collected_reuse_pct": 10, "mci_recycling_efficiency_eol_pct": 90,
                "mci_recycling_efficiency_feedstock_pct": 90, "actual_lifetime": 15, "industry_lifetime": 10}


def run(products):
    return compute(load_assessment({"organisation": ORG, "products": products}))


def test_fully_linear_product_scores_one_tenth():
    r = run([{"product_id": "linear", "mass": 1, "mci_recycled_feedstock_pct": 0}])
    assert r.value("mci.product_lfi.linear") == pytest.approx(1.0)
    assert r.value("mci.product_utility.linear") == pytest.approx(1.0)
    assert r.value("mci.product.linear") == pytest.approx(0.10)


def test_illustrative_product():
    r = run([{"product_id": "P1", "mass": 100, "mass_unit": "kg", **ILLUSTRATIVE}])
    assert r.value("mci.product_lfi.P1") == pytest.approx(0.52618, abs=5e-6)
    assert r.value("mci.product.P1") == pytest.approx(0.6843, abs=5e-5)
    assert r.value("mci.product_utility.P1") == pytest.approx(1.5)
    inputs = r["mci.product.P1"].inputs
    # in tonnes: 100 kg = 0.1 t
    assert inputs["V"] == pytest.approx(0.070)
    assert inputs["W0"] == pytest.approx(0.030)
    assert inputs["W_C"] == pytest.approx(0.006)
    assert inputs["W_F"] == pytest.approx(0.0027778, abs=1e-7)
    assert inputs["W"] == pytest.approx(0.0343889, abs=1e-7)
    assert inputs["F_X"] == pytest.approx(0.6)
    assert inputs["mass_basis"] == "mass_t"


def test_scale_free_without_mass():
    r = run([{"product_id": "P1", **ILLUSTRATIVE}])
    assert r.value("mci.product.P1") == pytest.approx(0.6843, abs=5e-5)
    assert r["mci.product.P1"].inputs["mass_basis"] == "one_unit"
    assert r["mci.company"].value is None
    assert r["mci.company"].reason_en == "no product with MCI fields has a mass"


def test_biological_terms_and_floor_at_zero():
    # F_S counts as non-virgin, C_C as recovered
    r = run([{"product_id": "bio", "mass": 1, "mci_sustainable_bio_feedstock_pct": 100, "mci_composted_pct": 100},
             {"product_id": "short", "mass": 1, "mci_recycled_feedstock_pct": 0, "actual_lifetime": 1,
              "industry_lifetime": 2, "use_intensity_ratio": 0.5}])
    assert r.value("mci.product_lfi.bio") == pytest.approx(0.0)
    assert r.value("mci.product.bio") == pytest.approx(1.0)
    # X = 0.25 -> F(X) = 3.6 -> 1 − 3.6 < 0 -> 0
    assert r.value("mci.product_utility.short") == pytest.approx(0.25)
    assert r.value("mci.product.short") == 0.0


def test_company_mass_and_revenue_weighted():
    r = run([
        {"product_id": "a", "mass": 300, "revenue": 1_000_000, "mci_recycled_feedstock_pct": 0},  # 0.1
        {"product_id": "b", "mass": 100, "revenue": 3_000_000, **ILLUSTRATIVE},  # 0.68429
        {"product_id": "c", "mass": 50},  # no MCI fields: not part of the MCI
    ])
    b = r.value("mci.product.b")
    assert "mci.product.c" not in r
    assert r.value("mci.company") == pytest.approx((300 * 0.1 + 100 * b) / 400)
    assert r.value("mci.company_revenue_weighted") == pytest.approx((1 * 0.1 + 3 * b) / 4)
    assert r["mci.company"].inputs["mass_t"] == pytest.approx(400.0)


def test_no_mci_products_is_not_computable():
    r = run([{"product_id": "a", "mass": 1}])
    assert r["mci.company"].value is None
    assert r["mci.company"].reason_en == "no product has MCI fields"
    assert r["mci.company_revenue_weighted"].reason_ja == "MCI の項目が入力された製品がありません"
    assert not r.with_prefix("mci.product")
