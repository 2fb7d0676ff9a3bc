"""CTI revenue by segment and the GHG impact of inflows: hand-computed cases, the factor loader, user
overrides, and the figures in JSON, the Excel report and the plain-data section."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest

from gcpcalc import fields as F
from gcpcalc.cli import main
from gcpcalc.emission_factors import (DEFAULT_FACTORS_PATH, load_default_factors, load_factors, load_factors_path,
                                      parse_factors_bytes)
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment, validate_assessment
from gcpcalc.sample import sample_assessment
from gcpcalc.value_impact_section import section

ORG = {"name": "例示株式会社", "period_start": "2025-04-01", "period_end": "2026-03-31", "revenue": 50_000_000}


def _segment_lines(bu: str, share: float, n: int) -> tuple[dict, dict]:
    """One inflow (100 t, `share` % post-consumer recycled) and one product outflow (100 t, RP 100 %,
    AR `share` %): the segment's material circularity is exactly `share` %."""
    inflow = {"line_id": f"IN-{n}", "material": "steel", "business_unit": bu, "mass": 100,
              "recycled_postconsumer_pct": share}
    outflow = {"line_id": f"OUT-{n}", "flow_type": "product", "business_unit": bu, "mass": 100,
               "recovery_potential_pct": 100, "actual_recovery_pct": share}
    return inflow, outflow


def _worked_example(**org) -> dict:
    a_in, a_out = _segment_lines("A", 60, 1)
    b_in, b_out = _segment_lines("B", 25, 2)
    return {"organisation": {**ORG, **org}, "inflows": [a_in, b_in], "outflows": [a_out, b_out],
            "segments": [{"segment_id": "A", "revenue": 30_000_000}, {"segment_id": "B", "revenue": 20_000_000}]}


def _codes(results) -> list[str]:
    return [m.code for m in results.messages]


# --------------------------------------------------------------------------------------------------
# CTI revenue
# --------------------------------------------------------------------------------------------------
def test_worked_example_segments_a_and_b_give_23_m_and_46_pct():
    r = compute(load_assessment(_worked_example()))
    assert r.value("cti.segment_circularity_pct.A") == pytest.approx(60.0)
    assert r.value("cti.segment_circularity_pct.B") == pytest.approx(25.0)
    assert r.value("cti.revenue_circular.A") == pytest.approx(18_000_000)
    assert r.value("cti.revenue_circular.B") == pytest.approx(5_000_000)
    assert r.value("cti.revenue_circular") == pytest.approx(23_000_000)  # 30 × 0.60 + 20 × 0.25
    assert r.value("cti.revenue_circular_pct") == pytest.approx(46.0)  # 23 / 50
    assert r["cti.revenue_circular"].unit == "JPY" and r["cti.revenue_circular_pct"].unit == "%"
    assert r["cti.revenue_circular"].inputs["basis"] == "segments"
    assert r["cti.revenue_circular"].inputs["segments_revenue"] == pytest.approx(50_000_000)
    # segments add up to the organisation's revenue: nothing to warn about
    assert not [c for c in _codes(r) if "segment" in c]


def test_without_segments_the_organisation_revenue_times_material_circularity():
    data = _worked_example()
    del data["segments"]
    r = compute(load_assessment(data))
    # (60 + 25 + 60 + 25) / 400 = 42.5 %; 50 M × 0.425 = 21.25 M
    assert r.value("cti.material_circularity_pct") == pytest.approx(42.5)
    assert r.value("cti.revenue_circular") == pytest.approx(21_250_000)
    assert r.value("cti.revenue_circular_pct") == pytest.approx(42.5)
    assert r["cti.revenue_circular"].inputs["basis"] == "organisation"
    assert not r.with_prefix("cti.segment_circularity_pct.")


def test_without_segments_and_without_revenue_not_computable_with_reason():
    data = _worked_example()
    del data["segments"]
    del data["organisation"]["revenue"]
    r = compute(load_assessment(data))
    assert r.value("cti.revenue_circular") is None
    assert r["cti.revenue_circular"].reason_en == "the organisation's revenue is not given"
    assert r["cti.revenue_circular"].reason_ja == "組織の売上高が入力されていません"
    assert r.value("cti.revenue_circular_pct") is None


def test_segment_without_lines_and_lines_without_segment_are_named_not_dropped():
    data = _worked_example()
    data["segments"].append({"segment_id": "C", "description": "新規事業", "revenue": 10_000_000})
    data["inflows"].append({"line_id": "IN-Z", "material": "steel", "business_unit": "Z", "mass": 40})
    data["outflows"].append({"line_id": "OUT-X", "flow_type": "waste", "mass": 5, "destination": "landfill"})
    r = compute(load_assessment(data))
    # C has no lines: left out of both the numerator and the revenue base; A and B as before
    assert r.value("cti.segment_circularity_pct.C") is None
    assert "no inflow or outflow line has business unit 'C'" in r["cti.segment_circularity_pct.C"].reason_en
    assert r.value("cti.revenue_circular") == pytest.approx(23_000_000)
    assert r.value("cti.revenue_circular_pct") == pytest.approx(46.0)
    assert r["cti.revenue_circular"].inputs["segments_left_out"] == ["C"]
    msgs = {m.code: m for m in r.messages if m.code in ("segment_without_lines", "lines_without_segment",
                                                         "segment_revenue_differs")}
    no_lines = [m for m in r.messages if m.code == "segment_without_lines"]
    assert len(no_lines) == 1 and "'C'" in no_lines[0].message_en and "「C」" in no_lines[0].message_ja
    assert no_lines[0].severity == "warning"
    orphans = {m.table: m for m in r.messages if m.code == "lines_without_segment"}
    assert set(orphans) == {"inflows", "outflows"}
    assert "IN-Z" in orphans["inflows"].message_en and "Z" in orphans["inflows"].message_en
    assert "IN-Z" in orphans["inflows"].message_ja and "40 t" in orphans["inflows"].message_ja
    assert "OUT-X" in orphans["outflows"].message_en and "no business unit" in orphans["outflows"].message_en
    # 30 + 20 + 10 M of segments against 50 M of organisation revenue
    assert "segment_revenue_differs" in msgs
    assert "60,000,000" in msgs["segment_revenue_differs"].message_en


def test_business_unit_matches_segment_id_without_regard_to_case_and_spaces():
    data = _worked_example()
    data["inflows"][0]["business_unit"] = "  a "
    data["outflows"][0]["business_unit"] = "A"
    r = compute(load_assessment(data))
    assert r.value("cti.segment_circularity_pct.A") == pytest.approx(60.0)
    assert "lines_without_segment" not in _codes(r)


def test_segment_table_is_validated_like_every_table():
    data = _worked_example()
    data["segments"] = [{"segment_id": "A", "revenue": -1}, {"segment_id": "A", "revenue": 5}, {"revenue": 3}]
    assessment, messages = validate_assessment(data)
    assert assessment is None
    where = {(m.table, m.row, m.field) for m in messages if m.severity == "error"}
    assert ("segments", 1, "revenue") in where  # negative
    assert ("segments", 3, "segment_id") in where  # missing
    assert any(m.table == "segments" and m.field == "segment_id" and m.row == 2 for m in messages)  # duplicate


# --------------------------------------------------------------------------------------------------
# GHG impact
# --------------------------------------------------------------------------------------------------
FACTORS = '''
[[factor]]
id = "t.steel"
material = "steel"
name_en = "Steel"
name_ja = "鉄鋼"
virgin = 2.0
recycled = 0.5
reused = 0.1
unit = "t CO2e/t"
source = "test"
year = 2025
licence = "CC0"
status = "confirmed"

[[factor]]
id = "t.plastics"
material = "plastics"
name_en = "Plastics"
name_ja = "プラスチック"
virgin = 3000
recycled = 1000
unit = "kg CO2e/t"
source = "test"
year = 2025
licence = "CC0"
status = "confirmed"
'''.encode("utf-8")


def _ghg_data() -> dict:
    return {
        "organisation": ORG,
        "inflows": [
            {"line_id": "L1", "material": "steel", "mass": 100, "recycled_postconsumer_pct": 30, "reused_pct": 10},
            {"line_id": "L2", "material": "Plastics", "mass": 50000, "mass_unit": "kg", "recycled_preconsumer_pct": 20},
            {"line_id": "L3", "material": "copper", "mass": 25},
            {"line_id": "L4", "material": "plastics", "mass": 25, "reused_pct": 40},
        ],
    }


@pytest.fixture(scope="module")
def own_factors():
    factors, messages = load_factors(FACTORS, "own.toml", include_default=False)
    assert messages == [] and factors is not None and len(factors) == 2
    return factors


def test_ghg_hand_computed_with_a_line_without_factor_and_coverage(own_factors):
    r = compute(load_assessment(_ghg_data()), own_factors)
    # L1: 100 × (0.6 × 2 + 0.3 × 0.5 + 0.1 × 0.1) = 136; all virgin 200
    # L2: 50 × (0.8 × 3 + 0.2 × 1) = 130; all virgin 150 (factors in kg CO2e/t)
    # L3: copper has no factor; L4: plastics has no reused factor -> both left out
    assert r.value("cti.ghg_inflow_tco2e") == pytest.approx(266.0)
    assert r.value("cti.ghg_inflow_linear_tco2e") == pytest.approx(350.0)
    assert r.value("cti.ghg_impact_tco2e") == pytest.approx(84.0)
    assert r.value("cti.ghg_factor_coverage_pct") == pytest.approx(75.0)  # 150 of 200 t
    assert r.value("cti.ghg_inflow_tco2e.steel") == pytest.approx(136.0)
    assert r.value("cti.ghg_impact_tco2e.steel") == pytest.approx(64.0)
    assert r.value("cti.ghg_inflow_linear_tco2e.plastics") == pytest.approx(150.0)
    assert r.value("cti.ghg_impact_tco2e.plastics") == pytest.approx(20.0)
    assert "cti.ghg_impact_tco2e.copper" not in r
    assert r["cti.ghg_impact_tco2e"].unit == "t CO2e"
    assert r["cti.ghg_factor_coverage_pct"].inputs["lines_left_out"] == ["L3", "L4"]
    assert r["cti.ghg_impact_tco2e.plastics"].label("ja") == "GHG 排出削減量：プラスチック"
    warn = {m.code: m for m in r.messages if m.code.startswith("ghg_")}
    assert "L3" in warn["ghg_no_entry"].message_en and "'copper'" in warn["ghg_no_entry"].message_en
    assert "L3" in warn["ghg_no_entry"].message_ja and "「銅」" in warn["ghg_no_entry"].message_ja
    assert "L4" in warn["ghg_no_reused_factor"].message_en and "25 t" in warn["ghg_no_reused_factor"].message_en
    assert warn["ghg_no_entry"].severity == "warning"
    assert "ghg_factors_not_confirmed" not in warn  # both entries are confirmed


def test_ghg_not_computable_without_inflows_or_without_any_factor(own_factors):
    r = compute(load_assessment({"organisation": ORG}), own_factors)
    assert r.value("cti.ghg_impact_tco2e") is None
    assert r["cti.ghg_impact_tco2e"].reason_en == "no inflow lines were entered"
    data = {"organisation": ORG, "inflows": [{"line_id": "L3", "material": "copper", "mass": 25}]}
    r = compute(load_assessment(data), own_factors)
    assert r.value("cti.ghg_inflow_tco2e") is None and "no inflow line has an emission factor" in (
        r["cti.ghg_inflow_tco2e"].reason_en)
    assert r.value("cti.ghg_factor_coverage_pct") == 0.0
    assert "ghg_no_entry" in _codes(r)


def test_shipped_factors_load_and_state_source_year_licence_and_status():
    factors, messages = load_default_factors()
    assert messages == [] and factors is not None
    entries = list(factors.entries.values())
    assert {e.material for e in entries} == set(F.MATERIALS) - {"copper", "chemicals", "minerals", "other"}
    for e in entries:
        assert e.licence == "Open Government Licence v3.0"
        assert e.url.startswith("https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion")
        assert e.year == 2026 and e.status == "unconfirmed"  # not checked against the official workbook
        assert e.factor("virgin") > 0
    steel = factors.get("steel")
    assert steel.factor("virgin") == pytest.approx(2.86390131)  # 2,863.90131 kg CO2e/t
    assert steel.factor("recycled") == pytest.approx(1.82390131)
    assert steel.reused_assumed and steel.factor("reused") == 0.0
    assert factors.get("wood").factor("recycled") is None and not factors.get("wood").reused_assumed
    assert "Open Government Licence v3.0" in DEFAULT_FACTORS_PATH.read_text(encoding="utf-8")


def test_sample_company_shows_both_figures():
    r = compute(load_assessment(sample_assessment()))
    assert r["cti.revenue_circular"].inputs["basis"] == "segments"
    assert len(r.with_prefix("cti.segment_circularity_pct.")) == 3
    parts = sum(r.value(x.id) for x in r.with_prefix("cti.revenue_circular.") if x.value is not None)
    assert r.value("cti.revenue_circular") == pytest.approx(parts)
    assert r.value("cti.revenue_circular_pct") == pytest.approx(r.value("cti.revenue_circular") / 18_600_000_000 * 100)
    assert r.value("cti.ghg_impact_tco2e") > 0
    assert r.value("cti.ghg_impact_tco2e") == pytest.approx(
        r.value("cti.ghg_inflow_linear_tco2e") - r.value("cti.ghg_inflow_tco2e"))
    assert 50 < r.value("cti.ghg_factor_coverage_pct") < 100  # copper, chemicals, minerals, other have none
    assert "ghg_factors_not_confirmed" in _codes(r)


# --------------------------------------------------------------------------------------------------
# the factor loader
# --------------------------------------------------------------------------------------------------
def test_loader_errors_name_the_entry_and_the_field_in_both_languages():
    bad = FACTORS.replace(b'virgin = 2.0', b'virgin = -2.0').replace(b'unit = "kg CO2e/t"', b'unit = "kg"')
    bad += b'\n[[factor]]\nid = "t.x"\nmaterial = "STEEL"\nname_en = "x"\nname_ja = "x"\nvirgn = 1\nunit = "t CO2e/t"\n'
    factors, messages = parse_factors_bytes(bad, "mine.toml")
    assert factors is None
    texts = [(m.message_en, m.message_ja) for m in messages]
    assert ("Emission factor file mine.toml, factor[1] (t.steel), field 'virgin': must be at least 0 (value: '-2.0').",
            "排出係数ファイル mine.toml、factor[1]（t.steel）、項目「virgin」：0 以上である必要があります（値：「-2.0」）。"
            ) in texts
    unit = next(m for m in messages if m.field == "unit")
    assert "factor[2] (t.plastics)" in unit.message_en and "'kg CO2e/t'" in unit.message_en
    assert "項目「unit」" in unit.message_ja and "使用できない値です" in unit.message_ja
    typo = next(m for m in messages if m.field == "virgn")
    assert "factor[3] (t.x)" in typo.message_en and "did you mean 'virgin'?" in typo.message_en
    assert "「virgin」ではありませんか" in typo.message_ja
    missing = {m.field for m in messages if m.code == "factors_missing" and "factor[3]" in m.message_en}
    assert {"virgin", "source", "year", "licence", "status"} <= missing
    assert all(m.severity == "error" and m.location.startswith("mine.toml: factor[") for m in messages)


def test_loader_refuses_two_entries_for_one_material_and_bad_toml():
    dup = FACTORS + FACTORS.replace(b'id = "t.steel"', b'id = "t.steel2"').split(b"[[factor]]")[1].join(
        [b"[[factor]]", b""])
    factors, messages = parse_factors_bytes(dup, "dup.toml")
    assert factors is None
    m = next(m for m in messages if m.code == "factors_duplicate")
    assert "factor[3] (t.steel2)" in m.message_en and "'steel'" in m.message_en and "factor[1]" in m.message_en
    assert "「steel」は factor[1] で既に使われています" in m.message_ja
    factors, messages = parse_factors_bytes(b"[[factor]\nid = 1", "broken.toml")
    assert factors is None and messages[0].code == "factors_syntax"
    assert messages[0].message_ja.startswith("排出係数ファイル broken.toml：TOML として読めません")
    factors, messages = load_factors_path("/nonexistent/f.toml")
    assert factors is None and "f.toml" in messages[0].message_en and "読み込めません" in messages[0].message_ja


def test_user_file_overrides_by_material_and_adds_new_materials():
    user = '''
[[factor]]
id = "mine.steel"
material = "Steel"
name_en = "Our EAF steel"
name_ja = "当社の電炉鋼"
virgin = 1.5
recycled = 0.4
reused = 0.0
unit = "t CO2e/t"
source = "supplier EPD"
year = 2025
licence = "own data"
status = "confirmed"

[[factor]]
id = "mine.copper"
material = "copper"
name_en = "Copper cathode"
name_ja = "電気銅"
virgin = 4.0
recycled = 1.0
unit = "t CO2e/t"
source = "supplier EPD"
year = 2025
licence = "own data"
status = "confirmed"
'''.encode("utf-8")
    factors, messages = load_factors(user, "mine.toml")
    assert factors is not None
    assert factors.get("steel").id == "mine.steel" and factors.get("plastics").id == "uk_material_use.plastics"
    assert [m.code for m in messages] == ["factors_overridden"]
    assert "uk_material_use.steel -> mine.steel" in messages[0].message_en
    r = compute(load_assessment(_ghg_data()), factors)
    assert r.value("cti.ghg_inflow_tco2e.steel") == pytest.approx(100 * (0.6 * 1.5 + 0.3 * 0.4))  # 102
    assert r.value("cti.ghg_inflow_tco2e.copper") == pytest.approx(100.0)  # 25 t × 4.0, all virgin
    assert "ghg_no_entry" not in _codes(r)
    assert "factors_overridden" in _codes(r)
    assert r["cti.ghg_factor_coverage_pct"].inputs["factor_files"] == ["emission_factors.toml", "mine.toml"]


# --------------------------------------------------------------------------------------------------
# command line, JSON, report, section
# --------------------------------------------------------------------------------------------------
@pytest.fixture()
def files(tmp_path):
    inp = tmp_path / "in.json"
    inp.write_text(json.dumps(_ghg_data() | _worked_example()), encoding="utf-8")
    own = tmp_path / "own.toml"
    own.write_bytes(FACTORS)
    bad = tmp_path / "bad.toml"
    bad.write_bytes(FACTORS.replace(b'year = 2025', b'year = "last year"', 1))
    return inp, own, bad


def test_cli_compute_json_with_factors_and_with_a_bad_factor_file(files, capsys):
    inp, own, bad = files
    assert main(["compute", str(inp), "--format", "json", "--factors", str(own)]) == 0
    doc = json.loads(capsys.readouterr().out)
    ind = doc["indicators"]
    assert ind["cti.revenue_circular"]["value"] == pytest.approx(23_000_000)
    assert ind["cti.revenue_circular_pct"]["value"] == pytest.approx(46.0)
    # the worked example's inflows (IN-1, IN-2: 200 t steel, all virgin at 2.0) replace the GHG data's lines
    assert ind["cti.ghg_inflow_linear_tco2e"]["value"] == pytest.approx(200 * 2.0)
    assert ind["cti.ghg_inflow_tco2e"]["value"] == pytest.approx(100 * (0.4 * 2 + 0.6 * 0.5) + 100 * (0.75 * 2 + 0.25 * 0.5))
    assert ind["cti.ghg_impact_tco2e"]["evidence"] == "assumed"
    assert ind["cti.ghg_factor_coverage_pct"]["inputs"]["factor_files"] == ["emission_factors.toml", "own.toml"]
    assert main(["compute", str(inp), "--factors", str(bad), "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert "排出係数ファイルにエラーがあります" in err and "factor[1]（t.steel）" in err and "項目「year」" in err


def test_excel_report_shows_segments_materials_and_factors(files, tmp_path, capsys):
    inp, own, _ = files
    out = tmp_path / "r.xlsx"
    assert main(["report", str(inp), "--factors", str(own), "--lang", "ja", "-o", str(out), "--no-trend"]) == 0
    wb = openpyxl.load_workbook(out)
    cells = {}
    for row in wb["循環の価値と影響"].iter_rows():  # the value-and-impact section of the document
        for c in row:
            if c.value is not None:
                cells[c.coordinate] = c.value
    texts = [v for v in cells.values() if isinstance(v, str)]
    assert "セグメント別の循環売上高" in texts and "素材別のインフローの GHG 排出量" in texts
    assert "使用した排出係数（t CO2e/t）" in texts
    ws = wb["循環の価値と影響"]
    # the segment table: A and B rows then the total row, numbers as numbers
    seg_row = next(c.row for col in ws.iter_cols() for c in col
                   if c.value == "A" and any(x.value == 30_000_000 for x in ws[c.row]))
    values = [c.value for c in ws[seg_row]]
    assert pytest.approx(60.0) in values and pytest.approx(18_000_000) in values
    total = next(r for r in ws.iter_rows(min_row=seg_row, max_row=seg_row + 3) if any(c.value == "合計" for c in r))
    assert pytest.approx(23_000_000) in [c.value for c in total]
    ids = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]  # the section's figures
    assert "cti.revenue_circular" in ids and "cti.ghg_impact_tco2e" in ids
    import zipfile  # openpyxl does not read charts back: look at the chart parts of the file

    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    bar = [c for c in charts if "素材別のインフローの GHG 排出量" in c]
    assert len(bar) == 1 and "<c:barDir val=\"bar\"/>" in bar[0]


def test_section_is_plain_data_in_both_languages(own_factors):
    r = compute(load_assessment(_worked_example()), own_factors)
    en, ja = section(r, "en", "JPY"), section(r, "ja", "JPY")
    json.dumps(en), json.dumps(ja)  # plain data only
    assert [t["id"] for t in en["tables"]] == ["segments", "ghg_by_material", "factors"]
    seg = en["tables"][0]
    assert [row["segment_id"] for row in seg["rows"]] == ["A", "B"]
    assert seg["total"]["revenue_circular"] == pytest.approx(23_000_000)
    assert seg["columns"][1]["unit"] == "JPY"
    assert {h["id"] for h in ja["headline"]} >= {"cti.revenue_circular", "cti.ghg_impact_tco2e"}
    assert ja["title"] == "循環の価値と影響（循環売上高・GHG インパクト）"
    assert any("[assumed" in n for n in en["notes"]) and any("［仮定" in n for n in ja["notes"])
    mats = ja["tables"][1]["rows"]
    assert mats[0]["material"] == "鉄鋼" and mats[0]["avoided_tco2e"] == pytest.approx(400 - 272.5)
    # IN-1: 100 × (0.4 × 2 + 0.6 × 0.5) = 110; IN-2: 100 × (0.75 × 2 + 0.25 × 0.5) = 162.5; all virgin 400


def test_template_round_trip_keeps_segments():
    from gcpcalc.excel.reader import read_workbook_bytes
    from gcpcalc.excel.template import assessment_to_template_bytes

    data = _worked_example()
    for lang in ("ja", "en"):
        back, messages = read_workbook_bytes(assessment_to_template_bytes(load_assessment(data), lang), "x.xlsx")
        assert back is not None, [m.message_en for m in messages]
        assert [(s["segment_id"], s["revenue"]) for s in back.segments] == [("A", 30_000_000), ("B", 20_000_000)]
    wb = openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(load_assessment(data), "ja")))
    assert "セグメント" in wb.sheetnames


def test_app_engine_uses_an_uploaded_factor_file():
    from gcpcalc.app.engine import evaluate_data

    plain = evaluate_data(_ghg_data())
    own = evaluate_data(_ghg_data(), ("own.toml", FACTORS))
    assert own.results.value("cti.ghg_inflow_tco2e.steel") == pytest.approx(136.0)
    assert plain.results.value("cti.ghg_inflow_tco2e.steel") != pytest.approx(136.0)


def test_app_results_page_shows_the_section_and_the_form_has_segments():
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from gcpcalc.app.results import format_value

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app_streamlit.py"), default_timeout=120)
    at.run()
    at.sidebar.radio(key="gc_page").set_value("results").run()
    assert not at.exception, [e.value for e in at.exception]
    r = compute(load_assessment(sample_assessment()))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["循環売上高"] == format_value(r.value("cti.revenue_circular"), "JPY", "ja", "JPY")
    assert metrics["循環売上高"].endswith(" JPY") and "," in metrics["循環売上高"]
    assert metrics["排出係数のカバー率"] == format_value(r.value("cti.ghg_factor_coverage_pct"), "%")
    assert metrics["循環インフローによる GHG 排出削減量（GHG インパクト）"] == (
        f"{r.value('cti.ghg_impact_tco2e'):,.1f} t CO2e")
    assert "循環の価値と影響（循環売上高・GHG インパクト）" in [h.value for h in at.subheader]
    segs = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["セグメント", "売上高"])
    assert list(segs.iloc[:, 0]) == ["本社工場 / Head plant", "九州工場 / Kyushu plant",
                                     "みどりパッケージ株式会社 / Midori Package (subsidiary)", "合計"]
    at.sidebar.radio(key="gc_page").set_value("form").run()
    assert not at.exception
    assert any(k.startswith("gc_editor_segments_") for k in (e.key for e in at.data_editor))


def test_consolidation_merges_segments_of_the_same_business_unit():
    from gcpcalc.store.consolidate import consolidate

    a = load_assessment(_worked_example())
    b_data = _worked_example(name="子会社B")
    for row in b_data["inflows"] + b_data["outflows"]:
        row["line_id"] += "-b"
    b = load_assessment(b_data)
    group = consolidate([a, b], "グループ")
    assert [(s["segment_id"], s["revenue"]) for s in group.segments] == [("A", 60_000_000), ("B", 40_000_000)]
    r = compute(group)
    # the same lines twice: the segments' circularity is unchanged and CTI revenue doubles
    assert r.value("cti.segment_circularity_pct.A") == pytest.approx(60.0)
    assert r.value("cti.revenue_circular") == pytest.approx(46_000_000)
    assert r.value("cti.revenue_circular_pct") == pytest.approx(46.0)


def test_hostile_factor_files_are_messages_not_crashes():
    from gcpcalc.emission_factors import MAX_FILE_BYTES

    factors, messages = parse_factors_bytes(b"x = " + b"[" * 100_000 + b"]" * 100_000, "deep.toml")
    assert factors is None and messages[0].code == "factors_syntax" and "deep.toml" in messages[0].message_en
    factors, messages = parse_factors_bytes(b"#" * (MAX_FILE_BYTES + 1), "big.toml")
    assert factors is None and "at most 2,000,000" in messages[0].message_en and "バイトまで" in messages[0].message_ja
    factors, messages = parse_factors_bytes("\ufeff[[factor]]\nid = \"é\"".encode("latin-1", "replace"), "l1.toml")
    assert factors is None and messages
    factors, messages = parse_factors_bytes(b"factor = 3\n", "flat.toml")
    assert factors is None and "[[factor]]" in messages[0].message_en


def test_the_app_shows_the_year_of_each_emission_factor_as_a_year():
    """The factor table on the results page: 2026, not 2,026; counts of lines keep their separators."""
    from gcpcalc.app.impact_section import _table_frame
    from gcpcalc.indicators import compute
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment
    from gcpcalc.value_impact_section import section

    data = section(compute(load_assessment(sample_assessment())), "en", "JPY")
    factors = next(t for t in data["tables"] if t["id"] == "factors")
    frame = _table_frame(factors, "en", "JPY")
    years = set(frame["Year"])
    assert years and all(y.isdigit() and len(y) == 4 for y in years), years
    table = {"columns": [{"key": "lines", "label": "Lines", "unit": ""}], "rows": [{"lines": 12345}]}
    assert _table_frame(table, "en", "JPY")["Lines"].tolist() == ["12,345"]
