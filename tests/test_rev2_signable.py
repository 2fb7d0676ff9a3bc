"""Revision 2 of the contracts: ESRS E5 AR 23 / AR 27 denominators, ISO 59020 actual-recovery outflows and net
renewable energy, the critical-materials vocabulary, the recovery default share, evidence shares, per-line
traces and the disclosure status per datapoint. Every expected value is computed by hand in the comment."""
import pytest

from gcpcalc.critical import default_list, is_blank_like, load_critical_materials, parse_critical_materials, resolve
from gcpcalc.disclosure import disclosure_status, status_counts
from gcpcalc.indicators import compute
from gcpcalc.indicators.cti import pct
from gcpcalc.indicators.trace import contributions, inflow_trace, outflow_trace
from gcpcalc.models import load_assessment, validate_assessment
from gcpcalc.sample import sample_assessment
from gcpcalc.tables import normalise

ORG = {"name": "Example KK", "period_start": "2025-04-01", "period_end": "2026-03-31"}


def run(**tables):
    return compute(load_assessment({"organisation": ORG, **tables}))


def inflow(line_id, mass, **kw):
    return {"line_id": line_id, "mass": mass, **kw}


# ------------------------------------------------------------------------------------------------
# ESRS E5-4 §31(b), AR 23
# ------------------------------------------------------------------------------------------------
def test_bio_sustainably_sourced_uses_total_weight_of_materials():
    # 200 t wood, 100 % renewable, 75 % of it sustainably sourced; 800 t steel
    # §31(b): 150 / 1000 = 15 %; supplementary share of the biological part: 150 / 200 = 75 %
    r = run(inflows=[inflow("wood", 200, renewable_pct=100, sustainably_sourced_pct=75, certification_scheme="FSC"),
                     inflow("steel", 800)])
    assert r.value("esrs_e5.bio_sustainably_sourced_pct") == pytest.approx(15.0)
    assert r.value("esrs_e5.bio_sustainably_sourced_of_biological_pct") == pytest.approx(75.0)
    assert r["esrs_e5.bio_sustainably_sourced_pct"].inputs["certification_schemes"] == "FSC"
    assert r["esrs_e5.bio_sustainably_sourced_pct"].definition.datapoint == "E5-4_03"
    assert r["esrs_e5.bio_sustainably_sourced_of_biological_pct"].definition.datapoint == ""


def test_bio_sustainably_sourced_not_computable_without_biological_content():
    r = run(inflows=[inflow("steel", 800)])
    assert r.value("esrs_e5.bio_sustainably_sourced_pct") is None
    assert "biological" in r["esrs_e5.bio_sustainably_sourced_pct"].reason_en
    assert r["esrs_e5.bio_sustainably_sourced_pct"].reason_ja


def test_cascading_principle_note_is_an_organisation_field():
    a = load_assessment({"organisation": {**ORG, "cascading_principle_note": "wood to products first"}})
    assert a.organisation["cascading_principle_note"] == "wood to products first"


# ------------------------------------------------------------------------------------------------
# ESRS E5-5 §36(b), §36(c), AR 27
# ------------------------------------------------------------------------------------------------
PRODUCTS = [
    # group A: 100 t at 80 % recyclable, packaging 10 t at 50 %; 300 t at 40 %, packaging 5 t at 100 %
    {"product_id": "A1", "product_group": "A", "mass": 100, "recyclable_content_pct": 80, "packaging_mass": 10,
     "packaging_recyclable_content_pct": 50, "reparability_score": "7.5 (FR index)"},
    {"product_id": "A2", "product_group": "A", "mass": 300, "recyclable_content_pct": 40, "packaging_mass": 5,
     "packaging_recyclable_content_pct": 100},
    # group B: 100 t at 100 %
    {"product_id": "B1", "product_group": "B", "mass": 100000, "mass_unit": "kg", "recyclable_content_pct": 100},
]


def test_recyclable_content_over_total_inflow():
    # inflow 1000 t; recyclable product mass 80 + 120 + 100 = 300 t -> 30 %
    # recyclable packaging mass 5 + 5 = 10 t -> 1 %
    r = run(inflows=[inflow("i", 1000)], products=PRODUCTS)
    assert r.value("esrs_e5.recyclable_content_products_pct") == pytest.approx(30.0)
    assert r.value("esrs_e5.recyclable_content_packaging_pct") == pytest.approx(1.0)
    # per group, over the group's product mass: A (80 + 120) / 400 = 50 %; B 100 %
    assert r.value("esrs_e5.recyclable_content_products_pct.A") == pytest.approx(50.0)
    assert r.value("esrs_e5.recyclable_content_products_pct.B") == pytest.approx(100.0)
    assert r.value("esrs_e5.reparability.A1") == "7.5 (FR index)"
    assert r["esrs_e5.reparability.A1"].definition.datapoint == "E5-5_03"
    assert "esrs_e5.reparability.A2" not in r
    assert not r.messages


def test_recyclable_share_above_100_is_reported_with_a_warning_not_clamped():
    # 300 t recyclable product mass against 200 t of inflow -> 150 %
    r = run(inflows=[inflow("i", 200)], products=PRODUCTS)
    assert r.value("esrs_e5.recyclable_content_products_pct") == pytest.approx(150.0)
    warn = [m for m in r.messages if m.code == "share_over_100"]
    assert len(warn) == 1 and "150.0" in warn[0].message_en and "150.0" in warn[0].message_ja


def test_packaging_share_without_packaging_mass_is_named():
    r = run(inflows=[inflow("i", 1000)], products=[
        {"product_id": "X", "mass": 10, "packaging_recyclable_content_pct": 100}])
    assert r.value("esrs_e5.recyclable_content_packaging_pct") is None
    r = run(inflows=[inflow("i", 1000)], products=[
        {"product_id": "X", "mass": 10, "packaging_recyclable_content_pct": 100},
        {"product_id": "Y", "mass": 10, "packaging_mass": 20, "packaging_recyclable_content_pct": 50}])
    assert r.value("esrs_e5.recyclable_content_packaging_pct") == pytest.approx(1.0)  # 10 / 1000
    assert [m.value for m in r.messages if m.code == "packaging_without_mass"] == ["X"]


def test_pct_does_not_clamp_real_overshoot():
    assert pct(150, 100) == 150.0
    assert pct(100 + 1e-12, 100) == 100.0


# ------------------------------------------------------------------------------------------------
# ISO 59020: actual recovery, net renewable energy
# ------------------------------------------------------------------------------------------------
def test_iso_outflows_count_actual_recovery_without_recovery_potential():
    # product 100 t, RP 50 %, AR 80 %, recycling -> 80 t actually recycled; waste 100 t landfill
    # ISO recycled: 80 / 200 = 40 % (CTI circular outflow: 100·0.5·0.8 / 200 = 20 %)
    r = run(outflows=[
        {"line_id": "p", "flow_type": "product", "mass": 100, "recovery_potential_pct": 50,
         "actual_recovery_pct": 80, "destination": "recycling"},
        {"line_id": "w", "flow_type": "waste", "mass": 100, "destination": "landfill"},
        {"line_id": "c", "flow_type": "waste", "mass": 0, "destination": "composting"}])
    assert r.value("iso59020.outflow_recycled_pct") == pytest.approx(40.0)
    assert r.value("cti.circular_outflow_pct") == pytest.approx(20.0)
    assert r.value("iso59020.outflow_reused_pct") == pytest.approx(0.0)


def test_iso_renewable_energy_is_net_of_exports():
    # consumed 1000 MWh of which 400 renewable; exported 100 MWh renewable
    # ISO: (400 − 100) / (1000 − 100) = 33.33 %; CTI (consumption only): 400 / 1000 = 40 %
    r = run(energy=[
        {"line_id": "grid", "amount": 600, "renewable": False},
        {"line_id": "pv", "amount": 400, "renewable": True},
        {"line_id": "export", "amount": 100000, "energy_unit": "kWh", "renewable": True, "direction": "exported"}])
    assert r.value("iso59020.renewable_energy_pct") == pytest.approx(300 / 900 * 100)
    assert r.value("cti.renewable_energy_pct") == pytest.approx(40.0)
    inputs = r["iso59020.renewable_energy_pct"].inputs
    assert inputs["exported_mwh"] == pytest.approx(100.0) and inputs["net_total_mwh"] == pytest.approx(900.0)


def test_iso_renewable_energy_not_computable_when_exports_exceed_consumption():
    r = run(energy=[{"line_id": "a", "amount": 10}, {"line_id": "b", "amount": 20, "direction": "exported"}])
    assert r.value("iso59020.renewable_energy_pct") is None


# ------------------------------------------------------------------------------------------------
# critical raw materials
# ------------------------------------------------------------------------------------------------
def test_critical_list_loads_and_holds_both_lists():
    cl, msgs = load_critical_materials()
    assert msgs == [] and cl is not None
    eu = [m for m in cl.materials.values() if "eu_crm_2024" in m.lists]
    assert len(eu) == 34  # Regulation (EU) 2024/1252 Annex II lists 34 critical raw materials
    strategic = {m.id for m in eu if m.strategic}
    assert {"copper", "nickel", "lithium", "aluminium", "tungsten"} <= strategic
    assert "arsenic" not in strategic
    assert "chromium" in cl.materials and cl.materials["chromium"].lists == ("jp_espa_2023",)
    for lid in ("eu_crm_2024", "jp_espa_2023"):
        assert cl.lists[lid]["source"] and cl.lists[lid]["status"] == "secondary"


@pytest.mark.parametrize("typed, expected", [
    ("cobalt", "cobalt"), ("Cobalt", "cobalt"), ("コバルト", "cobalt"), ("Co", "cobalt"), ("ｺﾊﾞﾙﾄ", "cobalt"),
    ("ＣＯＢＡＬＴ", "cobalt"), ("リチウム", "lithium"), ("PGM", "platinum_group_metals"), ("ネオジム", "light_rare_earths"),
    ("Nickel – battery grade", "nickel"), ("銅", "copper"), ("タングステン", "tungsten"), ("W", "tungsten"),
])
def test_critical_names_symbols_and_aliases_resolve(typed, expected):
    res = resolve(typed)
    assert (res.status, res.material_id) == ("listed", expected)


@pytest.mark.parametrize("typed", ["", "  ", "none", "None", "なし", "該当なし", "-", "N/A", "n/a", "ー", "－", "無し"])
def test_blank_like_words_mean_no_critical_material(typed):
    assert is_blank_like(typed)
    assert resolve(typed).status == "none"


def test_unknown_text_is_an_error_with_the_closest_name():
    data = {"organisation": ORG, "inflows": [inflow("a", 10, critical_raw_material="Cobalr"),
                                             inflow("b", 10, critical_raw_material="例：コバルト含有部品")]}
    a, msgs = validate_assessment(data)
    assert a is None
    errs = [m for m in msgs if m.code == "critical_unknown"]
    assert [(m.row, m.field) for m in errs] == [(1, "critical_raw_material"), (2, "critical_raw_material")]
    assert "'Cobalt'" in errs[0].message_en and "「コバルト」" in errs[0].message_ja
    assert "Cobalr" in errs[0].message_en


def test_blank_like_critical_text_does_not_make_the_line_critical():
    # before revision 2 any text counted the whole line: 'なし' made critical inflow 100 %
    r = run(inflows=[inflow("a", 90, critical_raw_material="なし"), inflow("b", 10, critical_raw_material="-")])
    assert r.value("cti.critical_inflow_pct") == pytest.approx(0.0)
    assert not r.with_prefix("cti.critical_inflow.")


def test_critical_content_share_and_per_material_mass():
    # 100 t wire with 85 % copper, 50 t brass at 60 % copper, 10 t battery packs naming cobalt without a share
    # (the whole line counts, with a warning), 840 t steel.
    # critical: 85 + 30 + 10 = 125 t of 1000 t = 12.5 %; copper 115 t; cobalt 10 t
    data = {"organisation": ORG, "inflows": [
        inflow("wire", 100, critical_raw_material="Copper", critical_content_pct=85),
        inflow("brass", 50, critical_raw_material="銅", critical_content_pct=60),
        inflow("pack", 10, critical_raw_material="Co"),
        inflow("steel", 840)]}
    a, msgs = validate_assessment(data)
    assert a is not None
    warn = [m for m in msgs if m.code == "critical_content_default"]
    assert [(m.row, m.field) for m in warn] == [(3, "critical_content_pct")]
    assert "Cobalt" in warn[0].message_en and "コバルト" in warn[0].message_ja
    r = compute(a)
    assert r.value("cti.critical_inflow_pct") == pytest.approx(12.5)
    assert r.value("cti.critical_inflow.copper_t") == pytest.approx(115.0)
    assert r.value("cti.critical_inflow.cobalt_t") == pytest.approx(10.0)
    assert r["cti.critical_inflow.copper_t"].label("ja") == "重要原材料インフロー：銅"
    assert list(r.with_prefix("cti.critical_inflow."))[0].id == "cti.critical_inflow.copper_t"  # heaviest first


def test_critical_list_file_errors_name_entry_and_field():
    bad = b'''schema_version = 1
version = "x"
[lists.eu]
name_en = "EU"
name_ja = "EU"
source = "s"
status = "secondary"
[[material]]
id = "cobalt"
name_en = "Cobalt"
lists = ["eu"]
[[material]]
id = "Bad Id"
name_en = "x"
name_ja = "x"
lists = ["nowhere"]
'''
    cl, msgs = parse_critical_materials(bad, "mine.toml")
    assert cl is None
    texts = [m.message_en for m in msgs]
    assert any("material #1 (cobalt)" in t and "'name_ja'" in t for t in texts)
    assert any("material #2 (Bad Id)" in t and "'id'" in t for t in texts)
    assert all(m.message_ja.startswith("重要原材料リスト mine.toml") for m in msgs)


# ------------------------------------------------------------------------------------------------
# recovery default, evidence, data quality
# ------------------------------------------------------------------------------------------------
def test_circular_outflow_share_resting_on_the_destination_default():
    # waste 100 t to recycling without actual recovery -> default 100 %: 100 t circular
    # product 100 t, RP 100 %, AR 50 % -> 50 t; waste 50 t landfill (default 0 %)
    # default share: 100 / 150 = 66.67 %
    r = run(outflows=[
        {"line_id": "w1", "flow_type": "waste", "mass": 100, "destination": "recycling", "data_quality": "measured"},
        {"line_id": "p", "flow_type": "product", "mass": 100, "recovery_potential_pct": 100,
         "actual_recovery_pct": 50, "data_quality": "measured", "evidence_ref": "report 7"},
        {"line_id": "w2", "flow_type": "waste", "mass": 50, "destination": "landfill", "data_quality": "measured"}])
    assert r.value("cti.circular_outflow_default_recovery_pct") == pytest.approx(100 / 150 * 100)
    warn = [m for m in r.messages if m.code == "default_recovery_used"]
    assert len(warn) == 1 and "w1" in warn[0].message_en and "w1" in warn[0].message_ja
    # the defaulted line counts as estimated: 100 of 250 t
    assert r.value("dq.outflow_estimated_pct") == pytest.approx(40.0)
    assert r.value("dq.outflow_measured_pct") == pytest.approx(60.0)
    assert r.value("dq.outflow_evidenced_pct") == pytest.approx(40.0)


def test_the_default_recovery_warning_names_its_lines_in_each_language_s_way():
    waste = [{"line_id": f"w{i}", "flow_type": "waste", "mass": 10, "destination": "recycling"} for i in range(12)]
    r = run(outflows=waste)
    (warn,) = [m for m in r.messages if m.code == "default_recovery_used"]
    assert "(lines w0, w1, w2, w3, w4, w5, w6, w7, w8, w9 (+2))" in warn.message_en
    assert "（行 w0、w1、w2、w3、w4、w5、w6、w7、w8、w9（ほか 2 件））" in warn.message_ja


def test_no_default_warning_when_every_rate_is_given():
    r = run(outflows=[{"line_id": "w1", "flow_type": "waste", "mass": 100, "destination": "recycling",
                       "actual_recovery_pct": 90}])
    assert r.value("cti.circular_outflow_default_recovery_pct") == pytest.approx(0.0)
    assert not [m for m in r.messages if m.code == "default_recovery_used"]


def test_inflow_evidenced_share():
    r = run(inflows=[inflow("a", 30, evidence_ref="INV-1", supplier="X"), inflow("b", 70, evidence_ref="  ")])
    assert r.value("dq.inflow_evidenced_pct") == pytest.approx(30.0)


# ------------------------------------------------------------------------------------------------
# traces
# ------------------------------------------------------------------------------------------------
def test_traces_add_up_to_the_indicator_inputs():
    a = load_assessment(sample_assessment())
    t = normalise(a)
    r = compute(a)
    tin = inflow_trace(t.inflows)
    assert tin["circular_t"].sum() == pytest.approx(r["cti.circular_inflow_pct"].inputs["circular_inflow_t"])
    assert tin["critical_t"].sum() == pytest.approx(r.value("cti.critical_inflow_pct") / 100 * r.value("cti.inflow_t"))
    tout = outflow_trace(t.outflows)
    assert tout["circular_t"].sum() == pytest.approx(r.value("cti.circular_outflow_pct") / 100 * r.value("cti.outflow_t"))
    waste = tout[tout["flow_type"] == "waste"]
    assert waste["esrs_class"].notna().all() and tout[tout["flow_type"] != "waste"]["esrs_class"].isna().all()
    assert set(tout.loc[tout["default_recovery"], "line_id"]) >= {"OUT-008", "OUT-009"}
    c = contributions(t, "cti.circular_inflow_pct", top=3)
    assert c.total_t == pytest.approx(r["cti.circular_inflow_pct"].inputs["circular_inflow_t"])
    assert list(c.lines["contribution_t"]) == sorted(c.lines["contribution_t"], reverse=True)
    # the largest circular inflow line of the sample: IN-003 EAF steel 640 t at 90 % recycled = 576 t
    assert c.lines.iloc[0]["line_id"] == "IN-003" and c.lines.iloc[0]["contribution_t"] == pytest.approx(576.0)
    d = contributions(t, "esrs_e5.diverted.hazardous.recycling_t")
    assert list(d.lines["line_id"]) == ["OUT-020"] and d.total_t == pytest.approx(r.value(
        "esrs_e5.diverted.hazardous.recycling_t"))
    assert contributions(t, "cti.water_circularity_pct") is None


# ------------------------------------------------------------------------------------------------
# disclosure status
# ------------------------------------------------------------------------------------------------
def test_disclosure_status_of_every_datapoint():
    data = sample_assessment()
    a = load_assessment(data)
    statuses = disclosure_status(compute(a), a.disclosures)
    by = {s.datapoint.id: s for s in statuses}
    assert len(statuses) == 26
    assert by["E5-4_01"].status == "reported" and by["E5-4_01"].narrative
    assert by["E5-4_07"].status == "to_be_written"
    assert by["E5-5_16"].status == "not_material"
    assert by["E5-4_03"].status == "reported" and by["E5-4_03"].indicator_ids == ["esrs_e5.bio_sustainably_sourced_pct"]
    assert len(by["E5-5_08"].indicator_ids) == 9
    # an organisation without waste: the waste datapoints are not computable, with the indicator's reason
    r = run(inflows=[inflow("a", 1)])
    st = {s.datapoint.id: s for s in disclosure_status(r, [])}
    assert st["E5-5_07"].status == "not_computable" and "waste" in st["E5-5_07"].reason_en
    assert st["E5-5_03"].status == "not_computable" and st["E5-5_03"].reason_ja
    counts = status_counts(disclosure_status(r, [{"datapoint": "E5-4_01", "narrative": "text"}]))
    assert counts["reported"] >= 3 and sum(counts.values()) == 26


def test_disclosures_table_validates_datapoint_ids():
    a, msgs = validate_assessment({"organisation": ORG, "disclosures": [
        {"datapoint": "E5-9_99", "narrative": "x"}, {"datapoint": "E5-4_01"}, {"datapoint": "E5-4_01"}]})
    assert a is None
    assert {m.code for m in msgs} >= {"enum", "duplicate_id"}


# ------------------------------------------------------------------------------------------------
# the sample company
# ------------------------------------------------------------------------------------------------
def test_sample_company_revision_2_figures():
    r = compute(load_assessment(sample_assessment()))
    # sustainably sourced biological mass 609.4 t over 7440.3 t of inflow
    assert r.value("esrs_e5.bio_sustainably_sourced_pct") == pytest.approx(8.19, abs=0.01)
    assert r.value("esrs_e5.bio_sustainably_sourced_of_biological_pct") == pytest.approx(66.30, abs=0.01)
    # critical: 32.725 + 7.688 + 0.00364 + 0.512 + 1.176 + 1.02 = 43.12464 t of 7440.3 t
    assert r.value("cti.critical_inflow_pct") == pytest.approx(43.12464 / 7440.3 * 100)
    assert r.value("cti.critical_inflow.copper_t") == pytest.approx(40.413)
    assert r["esrs_e5.bio_sustainably_sourced_pct"].inputs["certification_schemes"] == \
        "Bonsucro, FSC, PEFC, SGEC"
    assert [m.code for m in r.messages if not m.code.startswith("ghg_")] == ["default_recovery_used"]
    # GHG impact (issue 16): the sample's lines whose material has no shipped factor are named, never dropped
    assert sorted({m.code for m in r.messages if m.code.startswith("ghg_")}) == [
        "ghg_factors_not_confirmed", "ghg_no_entry", "ghg_no_recycled_factor"]
    assert default_list().version == "2026-11"


def test_report_traces_each_figure_to_its_lines():
    """The report's section "where the figures come from": sums used, largest lines, derived values per line."""
    import io

    import openpyxl

    from gcpcalc.excel.report import report_bytes

    a = load_assessment(sample_assessment())
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(compute(a), a, lang="en")))
    ws = wb["Where the figures come from"]
    rows = [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
    rows += [r for r in wb["Derived values per line"].iter_rows(values_only=True) if any(v is not None for v in r)]
    circ = next(r for r in rows if r[0] == compute(a)["cti.circular_inflow_pct"].label("en"))
    assert "circular_inflow_t = 3,601.78" in circ[2] and circ[3].startswith("IN-003 576.00 t")
    line = next(r for r in rows if r[0] == "OUT-008")  # waste to recycling without an actual recovery rate
    assert line[2] == pytest.approx(64.0) and line[5] == pytest.approx(64.0) and line[8] == "yes"
    assert line[7] == "diverted・Non-hazardous・Recycling"
    crit = next(r for r in rows if r[0] == "IN-008")
    assert crit[4] == "Copper" and crit[5] == pytest.approx(32.725)


def test_why_view_lists_the_lines_of_an_indicator():
    from gcpcalc.app.why import contributions_frame, measure_label

    c = contributions(normalise(load_assessment(sample_assessment())), "cti.critical_inflow_pct")
    df = contributions_frame(c, "ja")
    assert list(df.columns) == ["行ID", "寄与量（t）", "分子に占める割合（%）"]
    assert df.iloc[0]["行ID"] == "IN-008" and df.iloc[0]["寄与量（t）"] == pytest.approx(32.725)
    assert measure_label(c.measure, "ja") == "重要原材料の質量"


def test_outflow_breakdown_never_labels_products_with_waste_treatment_names():
    from gcpcalc.document.breakdowns import outflow_routes

    # product 100 t with AR 25 % (route "recycling" as the route of the recovered share), waste 10 t to landfill
    t = normalise(load_assessment({"organisation": ORG, "outflows": [
        {"line_id": "p", "flow_type": "product", "mass": 100, "recovery_potential_pct": 80,
         "actual_recovery_pct": 25, "destination": "recycling"},
        {"line_id": "w", "flow_type": "waste", "mass": 10, "destination": "landfill"}]}))
    got = {(r.flow_type, r.route): r.mass_t for r in outflow_routes(t.outflows).itertuples()}
    assert got == {("product", "recovered"): pytest.approx(25.0), ("product", "not_recovered"): pytest.approx(75.0),
                   ("waste", "landfill"): pytest.approx(10.0)}
    assert ("product", "recycling") not in got


def test_certification_schemes_and_cascading_note_beside_the_31b_figure():
    from gcpcalc.document import build_document

    a = load_assessment(sample_assessment())
    doc = build_document(compute(a), a, "ja")
    esrs = next(s for s in doc.sections if s.key == "esrs_e5")
    texts = [b.text for b in esrs.blocks if hasattr(b, "text") and isinstance(b.text, str)]
    note = next(t for t in texts if t.startswith("E5-4_03"))
    assert "Bonsucro（サトウキビ認証）、FSC（森林認証）、PEFC（森林認証）、SGEC（森林認証）" in note and "カスケード利用の原則：木材・紙は" in note


def test_app_results_page_shows_the_default_share_and_the_31b_note():
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app_streamlit.py"), default_timeout=120)
    at.run()
    at.sidebar.radio(key="gc_page").set_value("results").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("循環アウトフローのうち処理方法の既定値に基づく割合：7.5%") for c in captions), captions
    assert any(c.startswith("E5-4_03（§31(b)）の根拠：認証制度：Bonsucro（サトウキビ認証）、FSC（森林認証）、PEFC（森林認証）、SGEC（森林認証）") for c in captions)
