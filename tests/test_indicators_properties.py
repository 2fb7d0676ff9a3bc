"""Property tests of the indicator engine over generated assessments."""
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcpcalc import fields as F
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31", "revenue": 1e6}

mass = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
pct = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def inflow(draw, i):
    weights = [draw(st.floats(min_value=0, max_value=1)) for _ in range(5)]  # 4 shares + virgin rest
    total = sum(weights) or 1.0
    pre, post, reused, renewable = (min(100.0, 100 * x / total) for x in weights[:4])
    return {"line_id": f"i{i}", "mass": draw(mass), "recycled_preconsumer_pct": pre, "recycled_postconsumer_pct": post,
            "reused_pct": reused, "renewable_pct": renewable, "sustainably_sourced_pct": draw(pct),
            "critical_raw_material": draw(st.sampled_from([None, "cobalt"])),
            "data_quality": draw(st.sampled_from(F.DATA_QUALITY))}


@st.composite
def outflow(draw, i):
    flow_type = draw(st.sampled_from(F.FLOW_TYPES))
    row = {"line_id": f"o{i}", "flow_type": flow_type, "mass": draw(mass), "cycle": draw(st.sampled_from(F.CYCLES)),
           "hazardous": draw(st.booleans()), "radioactive": draw(st.booleans()),
           "energy_recovery_r1": draw(st.booleans()), "data_quality": draw(st.sampled_from(F.DATA_QUALITY))}
    if flow_type == "waste":
        row["destination"] = draw(st.sampled_from(F.DESTINATIONS))
        if draw(st.booleans()):
            row["actual_recovery_pct"] = draw(pct)
    else:
        row["destination"] = draw(st.sampled_from((None, *F.DESTINATIONS)))
        row["recovery_potential_pct"] = draw(pct)
        row["actual_recovery_pct"] = draw(pct)
    return row


@st.composite
def assessment_data(draw):
    n_in = draw(st.integers(min_value=0, max_value=6))
    n_out = draw(st.integers(min_value=0, max_value=6))
    return {"organisation": ORG, "inflows": [draw(inflow(i)) for i in range(n_in)],
            "outflows": [draw(outflow(i)) for i in range(n_out)]}


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(assessment_data())
def test_every_percentage_is_between_0_and_100(data):
    results = compute(load_assessment(data))
    for r in results.values():
        if r.unit == "%" and r.value is not None:
            assert 0.0 <= r.value <= 100.0, (r.id, r.value)


@SETTINGS
@given(assessment_data())
def test_kg_input_gives_the_same_percentages_as_t(data):
    in_kg = {**data, "inflows": [{**row, "mass": row["mass"] * 1000, "mass_unit": "kg"} for row in data["inflows"]],
             "outflows": [{**row, "mass": row["mass"] * 1000, "mass_unit": "kg"} for row in data["outflows"]]}
    a, b = compute(load_assessment(data)), compute(load_assessment(in_kg))
    assert list(a) == list(b)
    for iid, r in a.items():
        if r.unit == "%":
            if r.value is None:
                assert b[iid].value is None, iid
            else:
                assert b[iid].value == pytest.approx(r.value, rel=1e-9, abs=1e-9), iid


@SETTINGS
@given(assessment_data())
def test_material_circularity_is_the_mass_weighted_mean(data):
    r = compute(load_assessment(data))
    mc, ci, co = (r.value(f"cti.{k}") for k in ("material_circularity_pct", "circular_inflow_pct",
                                                  "circular_outflow_pct"))
    if ci is None or co is None:
        assert mc is None
        return
    m_in, m_out = r.value("cti.inflow_t"), r.value("cti.outflow_t")
    assert mc == pytest.approx((ci * m_in + co * m_out) / (m_in + m_out), rel=1e-9, abs=1e-9)


@SETTINGS
@given(assessment_data())
def test_waste_parts_add_up_to_the_total(data):
    r = compute(load_assessment(data))
    total = r.value("esrs_e5.waste_total_t")
    parts = [r.value(k) for k in ("esrs_e5.diverted.total_t", "esrs_e5.disposal.total_t",
                                  "esrs_e5.unknown_destination_t")]
    if total is None:
        assert all(p is None for p in parts)
        return
    assert math.fsum(parts) == pytest.approx(total, rel=1e-9, abs=1e-6)
    for cls in ("diverted", "disposal"):
        cells = [v.value for k, v in r.items() if k.startswith(f"esrs_e5.{cls}.") and not k.endswith(".total_t")]
        assert len(cells) == 6
        assert math.fsum(cells) == pytest.approx(r.value(f"esrs_e5.{cls}.total_t"), rel=1e-9, abs=1e-6)
    if total > 0:
        shares = [r.value(f"esrs_e5_2026.waste_{k}_pct") for k in ("diverted", "disposal", "unknown_destination")]
        assert math.fsum(shares) == pytest.approx(100.0, abs=1e-6)


@SETTINGS
@given(assessment_data())
def test_technical_plus_biological_is_the_circular_outflow(data):
    r = compute(load_assessment(data))
    co = r.value("cti.circular_outflow_pct")
    tech, bio = r.value("cti.circular_outflow_technical_pct"), r.value("cti.circular_outflow_biological_pct")
    if co is None:
        assert tech is None and bio is None
        return
    assert tech + bio == pytest.approx(co, rel=1e-9, abs=1e-9)
