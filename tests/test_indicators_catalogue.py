"""The catalogue holds every id of the specification, and every computed id resolves to it."""
import re

import pytest

from gcpcalc.indicators import compute
from gcpcalc.indicators.base import FRAMEWORKS
from gcpcalc.indicators.catalogue import CATALOGUE, definition, params_of
from gcpcalc.models import load_assessment

SPEC_IDS = """
cti.inflow_t cti.recycled_inflow_pct cti.reused_inflow_pct cti.nonvirgin_inflow_pct cti.renewable_inflow_pct
cti.circular_inflow_pct cti.linear_inflow_t cti.linear_inflow_pct cti.outflow_t cti.recovery_potential_pct
cti.actual_recovery_pct cti.circular_outflow_pct cti.circular_outflow_technical_pct cti.circular_outflow_biological_pct
cti.material_circularity_pct cti.critical_inflow_pct cti.recovery_type.recycling_pct cti.water_circularity_pct
cti.onsite_water_circularity_pct cti.renewable_energy_pct cti.actual_lifetime_ratio cti.circular_material_productivity
iso59020.inflow_reused_pct iso59020.inflow_recycled_pct iso59020.inflow_renewable_sustainable_pct
iso59020.outflow_reused_pct iso59020.outflow_recycled_pct iso59020.outflow_biological_returned_pct
iso59020.average_lifetime_ratio iso59020.water_circular_pct iso59020.renewable_energy_pct
iso59020.resource_productivity
esrs_e5.inflow_total_t esrs_e5.bio_sustainably_sourced_pct esrs_e5.secondary_inflow_t esrs_e5.secondary_inflow_pct
esrs_e5.durability_ratio.chairs esrs_e5.recyclable_content_products_pct esrs_e5.recyclable_content_packaging_pct
esrs_e5.waste_total_t esrs_e5.diverted.hazardous.preparation_for_reuse_t esrs_e5.diverted.non_hazardous.recycling_t
esrs_e5.diverted.hazardous.other_recovery_t esrs_e5.diverted.hazardous.total_t esrs_e5.diverted.total_t
esrs_e5.disposal.hazardous.incineration_t esrs_e5.disposal.non_hazardous.landfill_t
esrs_e5.disposal.hazardous.other_disposal_t esrs_e5.disposal.non_hazardous.total_t esrs_e5.disposal.total_t
esrs_e5.unknown_destination_t esrs_e5.nonrecycled_t esrs_e5.nonrecycled_pct esrs_e5.hazardous_t esrs_e5.radioactive_t
esrs_e5_2026.waste_diverted_pct esrs_e5_2026.waste_recycled_pct esrs_e5_2026.waste_disposal_pct
esrs_e5_2026.waste_unknown_destination_pct
mci.product.P1 mci.company
gcp.circular_inflow_pct gcp.circular_outflow_pct gcp.material_circularity_pct gcp.critical_inflow_pct
gcp.renewable_energy_pct gcp.water_circularity_pct gcp.actual_lifetime_ratio gcp.circular_material_productivity
dq.inflow_measured_pct dq.inflow_calculated_pct dq.inflow_estimated_pct
dq.outflow_measured_pct dq.outflow_calculated_pct dq.outflow_estimated_pct
""".split()


@pytest.mark.parametrize("indicator_id", SPEC_IDS)
def test_every_spec_id_is_catalogued(indicator_id):
    d = definition(indicator_id)
    assert d.unit and d.label_en and d.label_ja and d.clause and d.formula_en and d.formula_ja
    assert d.framework in FRAMEWORKS
    assert d.status in ("confirmed", "assumed", "secondary")


def test_pattern_resolution():
    assert definition("esrs_e5.diverted.hazardous.total_t").id == "esrs_e5.diverted.{hazard}.total_t"
    assert params_of("esrs_e5.disposal.non_hazardous.landfill_t") == {"hazard": "non_hazardous", "route": "landfill"}
    assert params_of("mci.product.A.1") == {"product_id": "A.1"}
    assert definition("mci.product_lfi.A").id == "mci.product_lfi.{product_id}"
    with pytest.raises(KeyError):
        definition("cti.nonsense")


def test_catalogue_ids_are_unique_and_evidence_follows_the_spec():
    ids = [d.id for d in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert definition("cti.circular_outflow_pct").status == "assumed"
    assert definition("esrs_e5.waste_total_t").status == "confirmed"
    assert definition("esrs_e5.waste_total_t").datapoint == "E5-5_07"
    assert definition("esrs_e5.nonrecycled_pct").datapoint == "E5-5_11"
    assert all(d.status == "secondary" for d in CATALOGUE if d.framework == "esrs_e5_2026")
    for d in CATALOGUE:
        assert set(re.findall(r"\{(\w+)\}", d.id)) == set(re.findall(r"\{(\w+)\}", d.label_en)), d.id


def test_every_computed_id_resolves_and_carries_text():
    data = {"organisation": {"name": "X", "period_start": "2024-01-01", "period_end": "2024-12-31"}}
    for r in compute(load_assessment(data)).values():
        assert definition(r.id) is r.definition
        assert r.value is None and r.reason_en and r.reason_ja
        assert r.to_dict("ja")["reason"] == r.reason_ja


def test_methodology_documents_every_id_in_both_languages():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "methodology.md").read_text(encoding="utf-8")
    english, japanese = text.split("\n## 日本語\n")
    for d in CATALOGUE:
        assert f"`{d.id}`" in english, d.id
        assert f"`{d.id}`" in japanese, d.id
