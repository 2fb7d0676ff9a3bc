"""Group consolidation of subsidiaries and breakdown by business unit, checked against hand-computed values."""
from __future__ import annotations

import pytest

from conftest_store import minimal_assessment_dict
from gcpcalc.models import load_assessment
from gcpcalc.store import ConsolidationFailed, consolidate, contributions, indicators_by_business_unit
from gcpcalc.store.consolidate import split_by_business_unit


def _kita():
    # inflows 100 t (30 % recycled) + 50 t (40 % renewable, half of it sustainably sourced): 40 t circular of 150 t
    # outflows 20 t recycled + 10 t landfilled: 20 t circular of 30 t
    return load_assessment(minimal_assessment_dict(revenue=1_000_000))


def _minami():
    d = {
        "organisation": {"name": "Minami Shoji", "period_start": "2024-04-01", "period_end": "2025-03-31",
                         "revenue": 500_000},
        "inflows": [{"line_id": "IN-1", "mass": 50, "recycled_postconsumer_pct": 100}],
        "outflows": [{"line_id": "OUT-1", "flow_type": "waste", "mass": 10000, "mass_unit": "kg",
                      "destination": "recycling", "business_unit": "Osaka"}],
        "energy": [{"line_id": "E-1", "amount": 500, "energy_unit": "MWh"}],
    }
    return load_assessment(d)


def test_group_adds_the_flows_with_prefixed_ids_and_subsidiary_business_units():
    group = consolidate([_kita(), _minami()], name="Kita Group")
    org = group.organisation
    assert org["name"] == "Kita Group"
    assert (org["period_start"].isoformat(), org["period_end"].isoformat()) == ("2024-04-01", "2025-03-31")
    assert org["revenue"] == 1_500_000.0
    assert "Kita Kogyo" in org["boundary_note"] and "Minami Shoji" in org["boundary_note"]
    assert [r["line_id"] for r in group.inflows] == ["Kita Kogyo/IN-1", "Kita Kogyo/IN-2", "Minami Shoji/IN-1"]
    assert [r["business_unit"] for r in group.inflows] == ["Plant A", "Plant B", "Minami Shoji"]
    assert [r["business_unit"] for r in group.outflows] == ["Plant A", "Kita Kogyo", "Osaka"]
    assert [r["line_id"] for r in group.energy] == ["Kita Kogyo/E-1", "Minami Shoji/E-1"]
    assert [(r["mass"], r["mass_unit"]) for r in group.inflows] == [(100.0, "t"), (50000.0, "kg"), (50.0, "t")]


def test_contributions_show_each_subsidiary_beside_the_group():
    subs = [_kita(), _minami()]
    group = consolidate(subs, name="Kita Group")
    c = contributions(subs, group)
    assert c["group"]["inflow_t"] == pytest.approx(200.0)
    assert c["group"]["outflow_t"] == pytest.approx(40.0)
    kita, minami = c["members"]
    assert (kita["name"], kita["inflow_t"], kita["inflow_share_pct"]) == ("Kita Kogyo", 150.0, 75.0)
    assert (minami["outflow_t"], minami["outflow_share_pct"]) == (pytest.approx(10.0), pytest.approx(25.0))
    # circular inflow: Kita 40/150, Minami 50/50, group 90/200
    assert kita["indicators"]["cti.circular_inflow_pct"] == pytest.approx(40 / 150 * 100)
    assert minami["indicators"]["cti.circular_inflow_pct"] == pytest.approx(100.0)
    assert c["group"]["indicators"]["cti.circular_inflow_pct"] == pytest.approx(45.0)
    # circular outflow: Kita 20/30, Minami 10/10, group 30/40
    assert c["group"]["indicators"]["cti.circular_outflow_pct"] == pytest.approx(75.0)
    # renewable energy: 1000 of 1500 MWh
    assert c["group"]["indicators"]["cti.renewable_energy_pct"] == pytest.approx(1000 / 1500 * 100)


def test_different_periods_or_currencies_are_refused_with_reasons():
    other = minimal_assessment_dict(name="Higashi", period_end="2025-12-31", period_start="2025-01-01", currency="USD")
    with pytest.raises(ConsolidationFailed) as err:
        consolidate([_kita(), load_assessment(other)], name="G")
    codes = [m.code for m in err.value.messages]
    assert codes == ["consolidate_period", "consolidate_currency"]
    period = err.value.messages[0]
    assert "Higashi" in period.message_en and "2025-12-31" in period.message_en
    assert "同じ期間" in period.message_ja
    with pytest.raises(ConsolidationFailed) as dup:
        consolidate([_kita(), _kita()], name="G")
    assert [m.code for m in dup.value.messages] == ["consolidate_duplicate"]
    with pytest.raises(ConsolidationFailed):
        consolidate([], name="G")


def test_explicit_subsidiary_names_prefix_the_lines():
    group = consolidate([_kita(), _kita()], name="G", subsidiary_names=["North", "South"])
    assert [r["line_id"] for r in group.outflows] == ["North/OUT-1", "North/OUT-2", "South/OUT-1", "South/OUT-2"]
    assert sum(r["mass"] for r in group.outflows) == 60.0


def test_breakdown_by_business_unit():
    parts = split_by_business_unit(_kita())
    assert list(parts) == ["Plant A", "Plant B", ""]
    assert [r["line_id"] for r in parts["Plant A"].inflows] == ["IN-1"]
    assert [r["line_id"] for r in parts["Plant A"].outflows] == ["OUT-1"]
    assert [r["line_id"] for r in parts[""].outflows] == ["OUT-2"]
    assert parts["Plant B"].organisation["assessment_level"] == "business_unit"
    results = indicators_by_business_unit(_kita())
    assert results["Plant A"].value("cti.circular_inflow_pct") == pytest.approx(30.0)
    assert results["Plant A"].value("cti.circular_outflow_pct") == pytest.approx(100.0)
    assert results["Plant B"].value("cti.circular_inflow_pct") == pytest.approx(20.0)
    assert results["Plant B"].value("cti.circular_outflow_pct") is None  # no outflow: not computable, not 0
    assert results[""].value("cti.circular_outflow_pct") == pytest.approx(0.0)
