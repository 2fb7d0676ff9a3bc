"""Value chain: supplier requests and the merge of their answers, mapped imports, scenarios and their solver."""
import io
import json

import pytest
from openpyxl import load_workbook

from gcpcalc.cli import main
from gcpcalc.excel.suppliers import ANSWER_FIELDS, CONTEXT_FIELDS, merge_answers, request_workbooks
from gcpcalc.indicators import compute
from gcpcalc.mapping import Mapping, apply_mapping, import_into, read_table_file
from gcpcalc.models import load_assessment, validate_assessment
from gcpcalc.sample import sample_assessment
from gcpcalc.scenario import Change, Scenario, apply_scenario, run_scenario, solve

COL = {f: chr(ord("A") + i) for i, f in enumerate(CONTEXT_FIELDS + ANSWER_FIELDS)}


def _answer(blob: bytes, edits: dict[tuple[str, int], object]) -> bytes:
    wb = load_workbook(io.BytesIO(blob))
    ws = wb.worksheets[0]
    for (fid, row), value in edits.items():
        ws[f"{COL[fid]}{row}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------
# supplier requests
# ------------------------------------------------------------------------------------------------
def test_request_workbooks_hold_only_the_suppliers_lines():
    data = sample_assessment()
    books, msgs = request_workbooks(data, "ja")
    assert "東海製鉄株式会社" in books and len(books) == 11
    ws = load_workbook(io.BytesIO(books["東海製鉄株式会社"])).worksheets[0]
    assert ws.title == "回答" and ws["A8"].value == "行ID" and ws[f"{COL['recycled_origin']}8"].value.startswith("再生材")
    ids = [ws[f"A{r}"].value for r in range(9, 20) if ws[f"A{r}"].value]
    assert ids == ["IN-001", "IN-002"]  # the two lines of this supplier, nothing else
    assert ws[f"{COL['recycled_origin']}9"].value == "国内"
    assert ws.protection.sheet and not ws[f"{COL['reused_pct']}9"].protection.locked and ws["A9"].protection.locked
    assert msgs[0].code == "supplier_missing" and "29" in msgs[0].message_en
    en = load_workbook(io.BytesIO(request_workbooks(data, "en")[0]["東海製鉄株式会社"])).worksheets[0]
    assert en.title == "Answers" and en["A8"].value == "Line id"


def test_request_answers_merge_with_provenance_conflicts_and_missing():
    data = sample_assessment()
    books, _ = request_workbooks(data, "ja")
    tokai = books["東海製鉄株式会社"]
    # answer 1: IN-001 post-consumer 8 -> 15, reused 0 -> 10, evidence changed; IN-002 post 5 -> 9
    a1 = _answer(tokai, {("recycled_postconsumer_pct", 9): 15, ("reused_pct", 9): 10,
                         ("evidence_ref", 9): "MS-2026-01", ("recycled_postconsumer_pct", 10): 9})
    # answer 2 from the same supplier contradicts answer 1 on IN-001 post-consumer: a conflict, not applied
    a2 = _answer(tokai, {("recycled_postconsumer_pct", 9): 16})
    # the wire maker: one valid change and one impossible share (150 %)
    a3 = _answer(books["東日本電線株式会社"], {("recycled_postconsumer_pct", 9): 30, ("reused_pct", 9): 150})
    res = merge_answers(data, [("tokai.xlsx", a1), ("tokai_v2.xlsx", a2), ("wire.xlsx", a3)])
    changed = {(c.line_id, c.field): (c.old, c.new, c.file, c.cell) for c in res.changes}
    assert changed == {
        ("IN-001", "reused_pct"): (0, 10.0, "tokai.xlsx", "回答!H9"),
        ("IN-001", "evidence_ref"): ("MS-2025-0412（ミルシート）", "MS-2026-01", "tokai.xlsx", "回答!M9"),
        ("IN-002", "recycled_postconsumer_pct"): (5, 9.0, "tokai.xlsx", "回答!G10"),
        ("IN-008", "recycled_postconsumer_pct"): (25, 30.0, "wire.xlsx", "回答!G9"),
    }
    assert [(c["line_id"], c["field"], [v["value"] for v in c["values"]]) for c in res.conflicts] == [
        ("IN-001", "recycled_postconsumer_pct", [15.0, 16.0])]
    rows = {r["line_id"]: r for r in res.data["inflows"]}
    assert rows["IN-001"]["recycled_postconsumer_pct"] == 8  # the conflicting cell was not applied
    assert rows["IN-001"]["reused_pct"] == 10.0 and rows["IN-008"]["reused_pct"] == 0  # 150 % refused
    bad = [m for m in res.messages if m.code == "supplier_answer_invalid"]
    assert len(bad) == 1 and bad[0].location == "wire.xlsx 回答!H9" and "150" in bad[0].message_ja
    assert len(res.missing_suppliers) == 9 and "Braskem" in res.missing_suppliers
    assert res.missing_lines == []
    prov = res.provenance()
    assert [f["name"] for f in prov["files"]] == ["tokai.xlsx", "tokai_v2.xlsx", "wire.xlsx"]
    assert all(len(f["sha256"]) == 64 for f in prov["files"])
    assert not res.ok  # one invalid cell: the caller does not save
    # the merged assessment validates and its figures follow the merged values
    a, _ = validate_assessment(res.data)
    base = compute(load_assessment(data)).value("cti.reused_inflow_pct")
    assert compute(a).value("cti.reused_inflow_pct") == pytest.approx(base + 1850 * 0.10 / 7440.3 * 100)


def test_unchanged_answer_lines_are_listed_and_foreign_files_refused():
    data = sample_assessment()
    books, _ = request_workbooks(data, "en")
    res = merge_answers(data, [("tokai.xlsx", books["東海製鉄株式会社"]), ("notes.xlsx", b"not a workbook")])
    assert sorted(res.missing_lines) == [("東海製鉄株式会社", "IN-001"), ("東海製鉄株式会社", "IN-002")]
    (bad,) = [m for m in res.messages if m.severity == "error"]
    assert bad.code == "xlsx_not_zip" and "notes.xlsx" in bad.message_en and "notes.xlsx" in bad.message_ja
    other = dict(data, organisation={**data["organisation"], "period_end": "2027-03-31"})
    res = merge_answers(other, [("tokai.xlsx", books["東海製鉄株式会社"])])
    assert [m.code for m in res.messages if m.severity == "error"] == ["supplier_answer_other_assessment"]


def test_suppliers_cli_request_and_merge_save_a_revision(tmp_path, monkeypatch):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    src = tmp_path / "a.json"
    src.write_text(json.dumps(sample_assessment(), ensure_ascii=False), encoding="utf-8")
    assert main(["suppliers", "request", str(src), "-o", str(tmp_path / "req"), "--lang", "ja"]) == 0
    book = (tmp_path / "req" / "東海製鉄株式会社.xlsx").read_bytes()
    ans = tmp_path / "ans"
    ans.mkdir()
    (ans / "tokai.xlsx").write_bytes(_answer(book, {("reused_pct", 9): 10}))
    out = tmp_path / "merged.json"
    assert main(["suppliers", "merge", str(src), str(ans), "-o", str(out), "--save", "--author", "Sato"]) == 0
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert {r["line_id"]: r for r in merged["inflows"]}["IN-001"]["reused_pct"] == 10.0
    prov = json.loads(out.with_suffix(".provenance.json").read_text(encoding="utf-8"))
    assert prov["changes"][0]["cell"] == "回答!H9" and prov["changes"][0]["old"] == 0
    from gcpcalc.store.db import Store

    with Store() as store:
        (h,) = store.history("株式会社みどり精機 / Midori Seiki Co., Ltd.")
        assert h.number == 1 and "tokai.xlsx" in h.comment and h.author == "Sato"
        doc = store.load_document("merge", f"{h.name}|{h.period_end}|1")
        assert doc["changes"][0]["new"] == 10.0


# ------------------------------------------------------------------------------------------------
# mapped imports
# ------------------------------------------------------------------------------------------------
JWNET = ("マニフェスト番号,廃棄物の種類,数量,単位,処分方法,特管\n"
         "A0001,廃プラスチック類,12.5,t,破砕・選別,\n"
         "A0002,汚泥,3200,kg,焼却,○\n"
         "A0003,がれき類,4,t,埋立,\n").encode("cp932")
MAPPING = Mapping("jwnet", "outflows",
                  columns={"line_id": "マニフェスト番号", "evidence_ref": "マニフェスト番号", "description": "廃棄物の種類",
                           "mass": "数量", "mass_unit": "単位", "destination": "処分方法", "hazardous": "特管"},
                  constants={"flow_type": "waste", "data_quality": "measured"},
                  codes={"destination": {"破砕・選別": "recycling", "焼却": "incineration", "埋立": "landfill"},
                         "hazardous": {"○": True}})


def test_mapped_import_of_a_shift_jis_manifest_export():
    headers, rows, msgs = read_table_file(JWNET, "jwnet.csv")
    assert msgs == [] and headers[0] == "マニフェスト番号" and len(rows) == 3
    res = apply_mapping(MAPPING, headers, rows, "jwnet.csv")
    assert res.ok and res.source_rows == [2, 3, 4]
    assert res.rows[1] == {"flow_type": "waste", "data_quality": "measured", "line_id": "A0002", "evidence_ref": "A0002",
                           "description": "汚泥", "mass": "3200", "mass_unit": "kg", "destination": "incineration",
                           "hazardous": True, "source": "jwnet.csv 行 3"}
    data = {"organisation": sample_assessment()["organisation"]}
    out, msgs = import_into(data, MAPPING, JWNET, "jwnet.csv")
    r = compute(load_assessment(out))
    assert r.value("esrs_e5.waste_total_t") == pytest.approx(12.5 + 3.2 + 4)
    assert r.value("esrs_e5.hazardous_t") == pytest.approx(3.2)


def test_unmapped_codes_are_listed_never_guessed():
    text = JWNET.decode("cp932") + "A0004,木くず,2,t,チップ化,\nA0005,木くず,1,t,チップ化,\n"
    out, msgs = import_into({"organisation": sample_assessment()["organisation"]}, MAPPING, text.encode("utf-8"),
                            "jwnet.csv")
    assert out is None
    (m,) = [m for m in msgs if m.code == "mapping_code_unmapped"]
    assert m.value == "チップ化" and "（行 5、6）" in m.message_ja and "rows 5, 6" in m.message_en


def test_validation_messages_name_the_source_row():
    text = JWNET.decode("cp932").replace("3200,kg", "-3200,kg")
    out, msgs = import_into({"organisation": sample_assessment()["organisation"]}, MAPPING, text.encode("utf-8"),
                            "jwnet.csv", lang="en")
    assert out is None
    (m,) = [m for m in msgs if m.severity == "error"]
    assert m.location == "jwnet.csv row 3" and m.message_ja.startswith("jwnet.csv 行 3：")


def test_mapping_saved_in_the_store_imports_the_same_in_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    (tmp_path / "m.json").write_text(json.dumps(MAPPING.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert main(["mapping", "save", "jwnet", str(tmp_path / "m.json")]) == 0
    (tmp_path / "e.csv").write_bytes(JWNET)
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"organisation": sample_assessment()["organisation"]}, ensure_ascii=False),
                   encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["import-mapped", str(tmp_path / "e.csv"), "--mapping", "jwnet", "--into", str(src), "-o",
                 str(out), "--lang", "ja"]) == 0
    expected, _ = import_into(json.loads(src.read_text(encoding="utf-8")), MAPPING, JWNET, "e.csv")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(expected, ensure_ascii=False))


# ------------------------------------------------------------------------------------------------
# scenarios
# ------------------------------------------------------------------------------------------------
def test_scenario_equals_a_recomputation_of_the_edited_assessment():
    data = sample_assessment()
    scen = Scenario("s", [Change("recycled_share", {"material": "plastics", "recycled_pct": 40}),
                          Change("move_waste", {"from_destination": "landfill", "to_destination": "recycling",
                                                "share_pct": 50}),
                          Change("extend_lifetime", {"product_group": "オフィス家具 / Office furniture", "factor": 1.2}),
                          Change("renewable_energy", {"carrier": "electricity"})])
    comp = run_scenario(data, scen)
    edited, _ = apply_scenario(data, scen)
    direct = compute(load_assessment(edited))
    for iid, base, value, diff in comp.rows:
        assert value == direct.value(iid) or (value is None and not isinstance(direct.value(iid), float))
    rows = {i: (b, s, d) for i, b, s, d in comp.rows}
    b, s, d = rows["cti.renewable_energy_pct"]
    # every consumed electricity line becomes renewable: (14 200 + 3 600 + 2 150 + 1 250/3.6) / 36 075 MWh
    assert s == pytest.approx((14200 + 3600 + 2150 + 1250 / 3.6) / 36075 * 100) and d == pytest.approx(s - b)
    # half of the 23.2 t landfill moved to recycling: landfill 11.6 t left
    assert comp.scenario.value("esrs_e5.disposal.non_hazardous.landfill_t") == pytest.approx(11.6)
    codes = [m.code for m in comp.messages]
    assert codes.count("scenario_touched") == 4 and "scenario_over_100" in codes  # IN-015 is 100 % bio-based
    assert data == sample_assessment()  # the baseline is never edited


def test_scenario_change_that_matches_nothing_says_so():
    edited, msgs = apply_scenario(sample_assessment(), Scenario("x", [Change("recycled_share",
                                                                             {"supplier": "nobody", "recycled_pct": 50})]))
    assert edited == sample_assessment()
    assert msgs[0].code == "scenario_none" and "supplier=nobody" in msgs[0].message_en


def test_solve_reaches_the_target_within_0_01_points():
    data = sample_assessment()

    def make(x):
        return Scenario("t", [Change("recycled_share", {"material": "plastics", "recycled_pct": x})])

    sol = solve(data, make, "cti.circular_inflow_pct", 50.0, 0.0, 100.0)
    assert sol.reached and 0 < sol.parameter < 100
    edited, _ = apply_scenario(data, make(sol.parameter))
    got = compute(load_assessment(edited)).value("cti.circular_inflow_pct")
    assert 50.0 <= got <= 50.01 and got == pytest.approx(sol.value)
    assert not solve(data, make, "cti.circular_inflow_pct", 95.0, 0.0, 100.0).reached


def test_scenario_cli_saves_and_solves(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    src = tmp_path / "a.json"
    src.write_text(json.dumps(sample_assessment(), ensure_ascii=False), encoding="utf-8")
    sfile = tmp_path / "s.json"
    sfile.write_text(json.dumps({"name": "p", "changes": [{"kind": "recycled_share", "material": "plastics",
                                                           "recycled_pct": 40}]}), encoding="utf-8")
    assert main(["scenario", str(src), str(sfile), "--save-as", "plastics", "--format", "json", "--solve",
                 "cti.circular_inflow_pct", "50", "--vary", "1.recycled_pct"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["solve"]["reached"] and 50 <= doc["solve"]["indicator_value"] <= 50.01
    assert main(["scenario", str(src), "plastics", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    row = {r["id"]: r for r in doc["indicators"]}["cti.circular_inflow_pct"]
    assert row["scenario"] > row["baseline"]


def test_report_has_a_scenario_sheet(tmp_path):
    src = tmp_path / "a.json"
    src.write_text(json.dumps(sample_assessment(), ensure_ascii=False), encoding="utf-8")
    sfile = tmp_path / "s.json"
    sfile.write_text(json.dumps({"name": "プラ40", "changes": [{"kind": "recycled_share", "material": "plastics",
                                                              "recycled_pct": 40}]}, ensure_ascii=False),
                     encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert main(["report", str(src), "-o", str(out), "--lang", "ja", "--no-trend", "--scenario", str(sfile)]) == 0
    wb = load_workbook(out)
    ws = wb["シナリオ"]
    values = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "素材「プラスチック」の再生材比率を 40% に引き上げ" in values
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "循環インフロー率")
    edited, _ = apply_scenario(sample_assessment(), Scenario("s", [Change("recycled_share", {
        "material": "plastics", "recycled_pct": 40})]))
    assert row[2] == pytest.approx(compute(load_assessment(edited)).value("cti.circular_inflow_pct"))
    assert row[3] == pytest.approx(row[2] - row[1]) and row[3] > 0


def test_scenario_cli_output_applies_the_scenario_once(tmp_path, monkeypatch, capsys):
    """``scenario -o`` writes the assessment the printed figures were computed from: the changes are applied
    once (not a second time for the file)."""
    import gcpcalc.scenario as scenario_module

    calls = []
    original = scenario_module.apply_scenario

    def counting(data, scen):
        calls.append(scen.name)
        return original(data, scen)

    monkeypatch.setattr(scenario_module, "apply_scenario", counting)
    src = tmp_path / "a.json"
    src.write_text(json.dumps(sample_assessment(), ensure_ascii=False), encoding="utf-8")
    sfile = tmp_path / "s.json"
    sfile.write_text(json.dumps({"name": "half", "changes": [{"kind": "move_waste", "from_destination": "landfill",
                                                              "to_destination": "recycling", "share_pct": 50}]}),
                     encoding="utf-8")
    out = tmp_path / "edited.json"
    assert main(["scenario", str(src), str(sfile), "-o", str(out), "--format", "json"]) == 0
    capsys.readouterr()
    assert calls == ["half"]
    written = json.loads(out.read_text(encoding="utf-8"))
    from gcpcalc.io import load_path

    expected, _ = original(load_path(str(src)).assessment.to_json_dict(), Scenario.from_dict(
        json.loads(sfile.read_text(encoding="utf-8"))))
    assert written == json.loads(json.dumps(expected, ensure_ascii=False))
    assert any(r["line_id"].endswith("~half") for r in written["outflows"])


def test_ids_named_in_messages_read_in_each_language_s_way():
    """Every message that names lines lists them with 「、」 and 「（ほか N 件）」 in Japanese, ", " and "(+N)" in
    English: the unmapped codes of an import, the lines without a supplier, and the lines a scenario changed."""
    from gcpcalc.i18n import id_list

    assert id_list([f"IN-{i}" for i in range(1, 13)], "ja") == "IN-1、IN-2、IN-3、IN-4、IN-5、IN-6、IN-7、IN-8、IN-9、IN-10（ほか 2 件）"
    assert id_list([f"IN-{i}" for i in range(1, 13)], "en") == "IN-1, IN-2, IN-3, IN-4, IN-5, IN-6, IN-7, IN-8, IN-9, IN-10 (+2)"
    assert id_list(["a", "b"], "ja", 8) == "a、b" and id_list([], "en") == ""
    text = JWNET.decode("cp932") + "".join(f"A{i:04d},木くず,1,t,チップ化,\n" for i in range(4, 16))
    _, msgs = import_into({"organisation": sample_assessment()["organisation"]}, MAPPING, text.encode("utf-8"),
                          "jwnet.csv")
    (m,) = [m for m in msgs if m.code == "mapping_code_unmapped"]
    assert "（行 5、6、7、8、9、10、11、12、13、14（ほか 2 件））" in m.message_ja
    assert "(rows 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 (+2))" in m.message_en
    data = sample_assessment()
    for row in data["inflows"][:12]:
        row["supplier"] = None
    _, msgs = request_workbooks(data)
    (m,) = [m for m in msgs if m.code == "supplier_missing"]
    ids = [r["line_id"] for r in data["inflows"] if not r.get("supplier")]
    assert m.message_ja.endswith("：" + "、".join(ids[:10]) + f"（ほか {len(ids) - 10} 件）。")
    assert m.message_en.endswith(": " + ", ".join(ids[:10]) + f" (+{len(ids) - 10}).")
    _, msgs = apply_scenario(sample_assessment(), Scenario("s", [Change("recycled_share", {"recycled_pct": 30})]))
    (m,) = [m for m in msgs if m.code == "scenario_touched"]
    named = m.message_ja.rsplit("：", 1)[1]
    assert named.count("、") == 7 and "（ほか " in named and ", " not in named, m.message_ja
    assert m.message_en.rsplit(": ", 1)[1].count(", ") == 7 and " (+" in m.message_en
