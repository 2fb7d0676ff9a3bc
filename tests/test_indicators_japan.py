"""jp.* indicators with hand-computed values, and each not-computable case (None with a reason, never 0)."""
from __future__ import annotations

import pytest

from gcpcalc.indicators import compute
from gcpcalc.indicators.catalogue import definition
from gcpcalc.models import validate_assessment

ORG = {"name": "T", "period_start": "2025-04-01", "period_end": "2026-03-31"}


def inflow(line_id, material, mass, pre=0.0, post=0.0, origin=None, unit="t"):
    row = {"line_id": line_id, "material": material, "mass": mass, "mass_unit": unit,
           "recycled_preconsumer_pct": pre, "recycled_postconsumer_pct": post}
    if origin:
        row["recycled_origin"] = origin
    return row


INFLOWS = [
    inflow("P1", "plastics", 100, pre=10, post=20, origin="domestic"),  # 30 t recycled, domestic
    inflow("P2", "プラスチック", 50_000, post=40, origin="imported", unit="kg"),  # 50 t; 20 t recycled, imported
    inflow("P3", "plastics", 50),  # 50 t virgin
    inflow("S1", "steel", 200, pre=25),  # 50 t recycled, origin unknown
    inflow("A1", "aluminium", 10, post=50, origin="domestic"),  # 5 t recycled, domestic
]
OUTFLOWS = [
    {"line_id": "O1", "flow_type": "waste", "mass": 10, "destination": "recycling", "critical_raw_material": "Copper"},
    {"line_id": "O2", "flow_type": "product", "mass": 20, "recovery_potential_pct": 80, "actual_recovery_pct": 30,
     "critical_raw_material": "コバルト"},
    {"line_id": "O3", "flow_type": "waste", "mass": 5, "destination": "recycling"},
    {"line_id": "O4", "flow_type": "waste", "mass": 3, "destination": "landfill", "critical_raw_material": "Gallium"},
]


def results(inflows=INFLOWS, outflows=OUTFLOWS):
    a, messages = validate_assessment({"organisation": ORG, "inflows": inflows, "outflows": outflows})
    assert a is not None, [m.message_en for m in messages]
    return compute(a)


@pytest.fixture(scope="module")
def res():
    return results()


def test_recycled_plastic(res):
    # plastics lines P1 + P2 + P3 = 100 + 50 + 50 = 200 t (P2 typed as プラスチック, in kg)
    assert res.value("jp.plastic_inflow_t") == pytest.approx(200.0)
    # recycled: P1 10 + 20, P2 20 = 50 t (pre 10, post 40); steel and aluminium are not plastics
    assert res.value("jp.recycled_plastic_t") == pytest.approx(50.0)
    assert res["jp.recycled_plastic_t"].inputs == {"preconsumer_t": pytest.approx(10.0), "postconsumer_t": pytest.approx(40.0)}
    assert res.value("jp.recycled_plastic_pct") == pytest.approx(25.0)  # 50 / 200
    assert res.value("jp.recycled_plastic_postconsumer_pct") == pytest.approx(20.0)  # 40 / 200
    assert res["jp.recycled_plastic_pct"].label("ja") == "再生プラスチック利用率"


def test_domestic_recycled_share(res):
    # recycled over all lines: 30 (dom) + 20 (imp) + 50 (unknown) + 5 (dom) = 105 t; domestic 35 t → 33.33 %
    r = res["jp.domestic_recycled_pct"]
    assert r.value == pytest.approx(35 / 105 * 100)
    assert r.inputs == {"domestic_t": pytest.approx(35), "imported_t": pytest.approx(20),
                        "unknown_origin_t": pytest.approx(50), "recycled_t": pytest.approx(105)}
    (m,) = r.messages  # the unknown origin is said, not hidden
    assert m.code == "jp_origin_unknown" and m.severity == "warning" and "50 t" in m.message_en
    assert "由来が未入力" in m.message_ja
    # per material: plastics 30 / (30 + 20) = 60 %; aluminium 5 / 5 = 100 %; steel: no line states its origin
    assert res.value("jp.domestic_recycled_pct.plastics") == pytest.approx(60.0)
    assert res.value("jp.domestic_recycled_pct.aluminium") == pytest.approx(100.0)
    steel = res["jp.domestic_recycled_pct.steel"]
    assert steel.value is None and "origin" in steel.reason_en and "由来" in steel.reason_ja
    assert res["jp.domestic_recycled_pct.steel"].label("ja") == "国産再生材率：鉄鋼"
    # P2 typed as プラスチック counts under plastics: (30 domestic) / (30 + 20) = 60 %
    assert "jp.domestic_recycled_pct.プラスチック" not in res


def test_critical_recovered(res):
    # O1 copper 10 t × 100 % (recycling default) + O2 cobalt 20 t × 30 % + O4 gallium 3 t × 0 % (landfill) = 16 t
    r = res["jp.critical_recovered_t"]
    assert r.value == pytest.approx(16.0)
    assert r.inputs["critical_lines"] == 3 and r.inputs["critical_outflow_t"] == pytest.approx(33.0)
    assert r.inputs["by_material_t"] == {"copper": pytest.approx(10.0), "cobalt": pytest.approx(6.0),
                                         "gallium": pytest.approx(0.0)}


def test_not_computable_cases():
    r = results(inflows=[], outflows=[])
    for iid in ("jp.plastic_inflow_t", "jp.recycled_plastic_t", "jp.recycled_plastic_pct",
                "jp.recycled_plastic_postconsumer_pct", "jp.domestic_recycled_pct", "jp.critical_recovered_t"):
        assert r[iid].value is None and r[iid].reason_en and r[iid].reason_ja, iid
    r = results(inflows=[inflow("S", "steel", 10, pre=20)], outflows=[OUTFLOWS[2]])
    assert r["jp.plastic_inflow_t"].value is None  # no plastics line: not 0
    assert r["jp.plastic_inflow_t"].reason_ja == "素材がプラスチックのインフロー行がありません"
    assert r["jp.recycled_plastic_pct"].value is None
    assert r["jp.domestic_recycled_pct"].value is None  # the only recycled line states no origin
    assert r["jp.domestic_recycled_pct"].reason_en.startswith("no line with recycled content states its origin")
    assert r["jp.critical_recovered_t"].value is None
    assert r["jp.critical_recovered_t"].reason_ja == "重要原材料リストの材料を記載したアウトフロー行がありません"
    r = results(inflows=[inflow("P", "plastics", 10, origin="domestic")], outflows=[])
    assert r.value("jp.recycled_plastic_pct") == 0.0  # plastics without recycled content: a real 0 %
    assert r["jp.domestic_recycled_pct"].value is None and "no inflow line has recycled content" in \
        r["jp.domestic_recycled_pct"].reason_en
    r = results(inflows=[inflow("P", "plastics", 0, post=50, origin="domestic")], outflows=[])
    assert r["jp.recycled_plastic_pct"].value is None and "0 t" in r["jp.recycled_plastic_pct"].reason_en


def test_catalogue_entries():
    for iid, unit, status in (("jp.plastic_inflow_t", "t", "secondary"), ("jp.recycled_plastic_t", "t", "secondary"),
                              ("jp.recycled_plastic_pct", "%", "secondary"),
                              ("jp.recycled_plastic_postconsumer_pct", "%", "secondary"),
                              ("jp.domestic_recycled_pct", "%", "assumed"),
                              ("jp.domestic_recycled_pct.paper", "%", "assumed"),
                              ("jp.critical_recovered_t", "t", "assumed")):
        d = definition(iid)
        assert (d.unit, d.status, d.framework) == (unit, status, "jp")
        assert d.formula_en and d.formula_ja and d.clause and d.label_ja


def test_sample_company_jp_figures():
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment

    r = compute(load_assessment(sample_assessment()))
    # plastics lines IN-010 410, IN-011 96, IN-012 268, IN-013 74, IN-014 58, IN-015 22, IN-016 47.5, IN-025 36,
    # IN-026 14.8 = 1,026.3 t; recycled 410×5 % + 96 + 74 + 58×70 % + 36×20 % = 20.5 + 96 + 74 + 40.6 + 7.2 = 238.3 t
    assert r.value("jp.plastic_inflow_t") == pytest.approx(1026.3)
    assert r.value("jp.recycled_plastic_t") == pytest.approx(238.3)
    assert r.value("jp.recycled_plastic_pct") == pytest.approx(238.3 / 1026.3 * 100)
    assert r.value("jp.recycled_plastic_postconsumer_pct") == pytest.approx((96 + 40.6 + 7.2) / 1026.3 * 100)
    # plastics by origin: domestic IN-010, IN-011, IN-013 = 190.5 t; imported IN-014, IN-025 = 47.8 t
    assert r.value("jp.domestic_recycled_pct.plastics") == pytest.approx(190.5 / 238.3 * 100)
    assert r["jp.domestic_recycled_pct.plastics"].inputs["imported_t"] == pytest.approx(47.8)
    assert r.value("jp.domestic_recycled_pct") is not None and r.value("jp.critical_recovered_t") is not None
