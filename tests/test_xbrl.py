"""XBRL export (ESRS E5, VSME B7): round trips through Arelle against the tests' stub taxonomy, offline.

Round trip: export -> Arelle loads it with the stub package and finds no error -> every fact Arelle reads back
equals the engine's figure (rounded to the fact's decimals) for every tagged concept, on the sample company and
on synthetic companies, in iXBRL and xBRL-JSON. Negative tests: a wrong unit and an unknown member are reported
by Arelle and shown as ja/en messages. VSME B7: EFRAG's own published sample values come back unchanged.
"""
from __future__ import annotations

import datetime as dt
import json
import socket
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from xbrl_stub_taxonomy import build_stub_package  # noqa: E402

from gcpcalc.cli import main  # noqa: E402
from gcpcalc.indicators import compute  # noqa: E402
from gcpcalc.models import load_assessment  # noqa: E402
from gcpcalc.sample import sample_assessment, synthetic_assessment  # noqa: E402
from gcpcalc.xbrl import concepts as C  # noqa: E402
from gcpcalc.xbrl import export  # noqa: E402
from gcpcalc.xbrl.facts import LEI_SCHEME, lei_valid  # noqa: E402
from gcpcalc.xbrl.validate import validate_with_arelle  # noqa: E402

pytest.importorskip("arelle.api.Session", reason="Arelle (the [xbrl] extra) is part of the test install")

SAMPLE_JSON = Path(__file__).resolve().parents[1] / "templates" / "sample_assessment.json"


def _lei(base18: str) -> str:
    """An LEI with its ISO 7064 MOD 97-10 check digits (hand rule: 98 − (number·100 mod 97))."""
    digits = int("".join(str(int(ch, 36)) for ch in base18) + "00")
    return f"{base18}{98 - digits % 97:02d}"


TEST_LEI = _lei("529900GCPCALCTEST0")


@pytest.fixture(scope="module")
def stub(tmp_path_factory) -> Path:
    return build_stub_package(tmp_path_factory.mktemp("taxonomy") / "gcpcalc-test-stub.zip")


@pytest.fixture(scope="module")
def sample():
    a = load_assessment(sample_assessment())
    return a, compute(a)


def _write(tmp_path: Path, result) -> Path:
    path = tmp_path / ("report.xhtml" if result.fmt == "ixbrl" else "report.json")
    path.write_bytes(result.data)
    return path


def _expected(value: float, kind: str) -> Decimal:
    """The engine's figure in the taxonomy's terms, rounded half-up to the fact's decimals (computed here,
    independently of the exporter)."""
    d = Decimal(repr(float(value)))
    if kind == C.PERCENT:
        d /= 100
    return d.quantize(Decimal(1).scaleb(-C.DECIMALS[kind]), rounding=ROUND_HALF_UP)


def _engine_value(source: str, results, extra: dict):
    if source in results:
        return results[source].value
    return extra[source]


def _round_trip(tmp_path, stub, assessment, results, standard, fmt, extra=None, **kw):
    result = export(assessment, results, standard, fmt, taxonomy=[stub], entity_id=TEST_LEI, **kw)
    assert result.data, [m.message_en for m in result.messages]
    assert result.arelle is not None and result.arelle.ran
    assert result.arelle.errors == [], [m.message_en for m in result.arelle.errors][:5]
    again = result.arelle  # Arelle read the exported bytes back from a file of its own
    read = {(f.concept, f.dims, f.typed_dims): f for f in again.facts}
    assert len(again.facts) == len(result.report.facts)
    period_end_exclusive = (result.report.period_end + dt.timedelta(days=1)).isoformat()
    for fact in result.report.facts:
        got = read[(fact.concept, tuple(sorted(fact.dims)), tuple(sorted(fact.typed_dims)))]
        assert got.entity == (LEI_SCHEME, TEST_LEI)
        assert got.period[0].startswith(result.report.period_start.isoformat())
        assert got.period[1].startswith(period_end_exclusive)
        if fact.numeric:
            engine = _engine_value(fact.source, results, extra or {})
            assert engine is not None  # never a not-computable figure
            assert got.value == _expected(engine, fact.kind), fact.concept
            assert abs(float(got.value) - (engine / 100 if fact.kind == C.PERCENT else engine)) \
                <= 0.5 * 10 ** -C.DECIMALS[fact.kind] + 1e-12
            assert got.unit == ("utr:t" if fact.kind == C.MASS else "xbrli:pure")
            assert got.decimals == C.DECIMALS[fact.kind]
        else:
            assert got.value == fact.value
    return result, again


# ------------------------------------------------------------------------------------------------
# round trips
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ixbrl", "json"])
def test_esrs_round_trip_sample_company(tmp_path, stub, sample, fmt):
    a, r = sample
    result, read = _round_trip(tmp_path, stub, a, r, "esrs", fmt)
    concepts = {f.concept for f in read.facts}
    # hand-checked figures of the sample company (t): waste 353.65, hazardous 11.45, recycled hazardous 0.45
    by_key = {(f.concept, f.dims): f.value for f in read.facts}
    assert by_key[("esrs:WasteGenerated", ())] == Decimal("353.650")
    assert by_key[("esrs:HazardousWaste", ())] == Decimal("11.450")
    assert by_key[("esrs:WasteGeneratedDivertedFromDisposal",
                   (("esrs:TypeOfRecoveryOperationsAxis", "esrs:RecyclingMember"),
                    ("esrs:TypeOfWasteAxis", "esrs:HazardousWasteMember")))] == Decimal("0.450")
    # 12 cells of the hazardous × treatment tables, 4 hazard totals, 2 overall totals
    dim_facts = [f for f in read.facts if f.dims]
    assert len(dim_facts) == 16
    assert "esrs:PercentageOfNonrecycledWaste" in concepts
    # figures without a 2023 concept are not tagged but listed with the reason
    omitted = {o.source: o for o in result.report.omitted}
    assert "esrs_e5.unknown_destination_t" in omitted and "esrs_e5_2026.waste_recycled_pct" in omitted
    # the sample marks E5-5_16 (radioactive waste) not material: listed, not tagged
    assert "esrs:RadioactiveWaste" not in concepts
    assert omitted["esrs_e5.radioactive_t"].reason_ja.startswith("このデータポイントは「重要性なし」")
    # narratives of the disclosures table, and reparability per product on the typed product axis
    texts = {d["datapoint"]: d.get("narrative") for d in sample_assessment()["disclosures"]}
    by_concept = {f.concept: f.value for f in read.facts if not f.typed_dims}
    assert by_concept["esrs:DescriptionOfResourceInflowsForProductsAndMaterialsWaterAndPropertyPlantAndEquipmentUsedIn"
                      "OwnOperationsAndAlongUpstreamValueChainExplanatory"] == texts["E5-4_01"]
    assert "E5-4_07" in omitted and omitted["E5-4_07"].reason_en == "no text has been written for this datapoint"
    repair = {f.typed_dims: f.value for f in read.facts if f.concept == "esrs:DisclosureOfReparabilityOfProductExplanatory"}
    engine = {k.rsplit(".", 1)[1]: v.value for k, v in r.items() if k.startswith("esrs_e5.reparability.")}
    assert repair == {(("esrs:NameOfProductTypedAxis", pid),): v for pid, v in engine.items()} and repair


@pytest.mark.parametrize("fmt", ["ixbrl", "json"])
def test_vsme_round_trip_sample_company(tmp_path, stub, sample, fmt):
    a, r = sample
    from gcpcalc.indicators import vsme_b7
    from gcpcalc.tables import normalise

    extra = {x.id: x.value for x in vsme_b7.compute(normalise(a))[0]}
    result, read = _round_trip(tmp_path, stub, a, r, "vsme", fmt, extra=extra)
    by_key = {(f.concept, f.dims): f.value for f in read.facts}
    # paper and cardboard packaging (15 01 01): 118 t recycled
    member = C.waste_members()["150101"].member
    assert by_key[(C.VSME_DIVERTED, ((C.VSME_WASTE_AXIS, member),))] == Decimal("118.000")
    assert by_key[(C.VSME_TOTAL_NON_HAZARDOUS, ())] == Decimal("342.200")  # 353.65 − 11.45
    # 19 12 04 went to R1 energy recovery only: neither VSME column, so not tagged as 0 but listed
    r1 = C.waste_members()["191204"].member
    assert not [f for f in read.facts if f.dims == ((C.VSME_WASTE_AXIS, r1),)]
    reasons = {o.source: o.reason_en for o in result.report.omitted}
    assert "not tagged as 0" in reasons["vsme_b7.waste.191204.total_t"]
    # material ids are written as their labels in the document's language
    names = {f.value for f in read.facts if f.concept == C.VSME_MATERIAL_NAME}
    assert {"Steel", "Other metals", "Food and biomass"} <= names


@pytest.mark.parametrize("seed", [3, 11])
@pytest.mark.parametrize("fmt", ["ixbrl", "json"])
def test_round_trip_synthetic(tmp_path, stub, seed, fmt):
    data = synthetic_assessment(n_inflows=60, n_outflows=90, n_products=5, seed=seed)
    codes = ["15 01 01", "20 01 01", "16 08 06", "17 04 05", "19 12 04"]
    for i, row in enumerate(data["outflows"]):
        row["waste_code"] = codes[i % len(codes)]
    a = load_assessment(data)
    r = compute(a)
    _round_trip(tmp_path, stub, a, r, "esrs", fmt)
    from gcpcalc.indicators import vsme_b7
    from gcpcalc.tables import normalise

    extra = {x.id: x.value for x in vsme_b7.compute(normalise(a))[0]}
    _round_trip(tmp_path, stub, a, r, "vsme", fmt, extra=extra)


def test_not_computable_figures_are_omitted_never_zero(tmp_path, stub):
    data = sample_assessment()
    data["outflows"] = [o for o in data["outflows"] if o["flow_type"] != "waste"]
    a = load_assessment(data)
    r = compute(a)
    result, read = _round_trip(tmp_path, stub, a, r, "esrs", "ixbrl")
    assert r["esrs_e5.waste_total_t"].value is None
    waste_concepts = {"esrs:WasteGenerated", "esrs:HazardousWaste", "esrs:NonrecycledWaste",
                      "esrs:WasteGeneratedDivertedFromDisposal", "esrs:WasteGeneratedDirectedToDisposal"}
    assert not waste_concepts & {f.concept for f in read.facts}
    reasons = {o.source: o.reason_en for o in result.report.omitted}
    assert reasons["esrs_e5.waste_total_t"].startswith("not computable: no waste lines")
    ja = {o.source: o.reason_ja for o in result.report.omitted}
    assert ja["esrs_e5.waste_total_t"].startswith("算出不可：")
    # the inflow figures are still there
    assert "esrs:ProductsAndTechnicalAndBiologicalMaterialsUsed" in {f.concept for f in read.facts}


def test_evidence_policy_leaves_out_assumed_figures(sample):
    a, r = sample
    result = export(a, r, "esrs", "json", entity_id=TEST_LEI, evidence=("confirmed",))
    tagged = {f.source for f in result.report.facts}
    assert r["esrs_e5.bio_sustainably_sourced_pct"].definition.status == "assumed"
    assert "esrs_e5.bio_sustainably_sourced_pct" not in tagged
    omitted = {o.source: o for o in result.report.omitted}
    assert "[assumed]" in omitted["esrs_e5.bio_sustainably_sourced_pct"].reason_en
    assert "esrs_e5.waste_total_t" in tagged  # confirmed


def test_ixbrl_percent_and_mass_markup(sample):
    a, r = sample
    text = export(a, r, "esrs", "ixbrl", entity_id=TEST_LEI).data.decode()
    pct = r["esrs_e5.nonrecycled_pct"].value  # 45.72 % of the sample
    shown = f"{Decimal(repr(pct)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
    assert (f'name="esrs:PercentageOfNonrecycledWaste"' in text)
    frag = text.split('name="esrs:PercentageOfNonrecycledWaste"')[1].split("</ix:nonFraction>")[0]
    assert 'unitRef="pure"' in frag and 'decimals="4"' in frag and 'scale="-2"' in frag
    assert frag.endswith(shown)
    frag = text.split('name="esrs:WasteGenerated"')[1].split("</ix:nonFraction>")[0]
    assert 'unitRef="t"' in frag and 'decimals="3"' in frag and 'scale="0"' in frag and frag.endswith("353.650")
    assert '<xbrli:measure>utr:t</xbrli:measure>' in text
    assert C.ENTRY_POINTS["esrs"] in text


def test_arelle_runs_offline(tmp_path, stub, sample, monkeypatch):
    """Validation opens no network connection: every connect attempt fails the test run's socket."""
    calls = []

    def refuse(self, *args, **kwargs):
        calls.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    home = tmp_path / "home"
    home.mkdir()
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home))
    a, r = sample
    result = export(a, r, "esrs", "ixbrl", taxonomy=[stub], entity_id=TEST_LEI)
    assert result.arelle.ran and result.arelle.errors == []
    assert calls == []
    assert list(home.iterdir()) == []  # no configuration or web cache left in the user's directories


def test_without_taxonomy_the_efrag_schema_is_not_fetched(tmp_path, sample):
    a, r = sample
    result = export(a, r, "esrs", "ixbrl", entity_id=TEST_LEI)
    path = _write(tmp_path, result)
    checked = validate_with_arelle(path, [])
    assert checked.ran
    codes = {m.value for m in checked.errors}
    assert any("missingReferences" in str(c) or "offline" in str(c).lower() or "IOerror" in str(c) for c in codes), codes


# ------------------------------------------------------------------------------------------------
# negative tests: Arelle's findings shown as messages
# ------------------------------------------------------------------------------------------------


def test_wrong_unit_is_reported_by_arelle_and_shown(tmp_path, stub, sample):
    a, r = sample
    text = export(a, r, "esrs", "ixbrl", entity_id=TEST_LEI).data.decode()
    text = text.replace('<xbrli:unit id="t">', '<xbrli:unit id="mwh"><xbrli:measure>utr:MWh</xbrli:measure>'
                        '</xbrli:unit><xbrli:unit id="t">', 1)
    head, tail = text.split('name="esrs:WasteGenerated"', 1)
    text = head + 'name="esrs:WasteGenerated"' + tail.replace('unitRef="t"', 'unitRef="mwh"', 1)
    path = tmp_path / "wrong_unit.xhtml"
    path.write_text(text, encoding="utf-8")
    checked = validate_with_arelle(path, [stub])
    found = [m for m in checked.errors if m.value == "utre:error-NumericFactUtrInvalid"]
    assert found, [m.message_en for m in checked.errors]
    m = found[0]
    assert m.field == "esrs:WasteGenerated"
    assert "esrs:WasteGenerated" in m.display("en") and "utre:error-NumericFactUtrInvalid" in m.display("en")
    assert m.text("ja").startswith("esrs:WasteGenerated：単位がこの概念のデータ型")
    assert m.text("en") == ("esrs:WasteGenerated: Unit mwh disallowed on fact esrs:WasteGenerated of type "
                            "massItemType (utre:error-NumericFactUtrInvalid)")
    assert m.location.startswith("wrong_unit.xhtml")


@pytest.mark.parametrize("fmt", ["ixbrl", "json"])
def test_unknown_member_is_reported_by_arelle_and_shown(tmp_path, stub, sample, fmt):
    a, r = sample
    text = export(a, r, "esrs", fmt, entity_id=TEST_LEI).data.decode()
    assert "esrs:RecyclingMember" in text
    text = text.replace("esrs:RecyclingMember", "esrs:CompostingMember")  # no such member in the taxonomy
    path = tmp_path / ("bad_member.xhtml" if fmt == "ixbrl" else "bad_member.json")
    path.write_text(text, encoding="utf-8")
    checked = validate_with_arelle(path, [stub])
    codes = {m.value for m in checked.errors}
    assert codes & {"xbrldie:ExplicitMemberUndefinedQNameError", "xbrldie:PrimaryItemDimensionallyInvalidError",
                    "oime:invalidDimensionValue"}, codes
    shown = [m.display("ja") for m in checked.errors]
    assert any("Arelle コード" in s for s in shown)
    assert all("Traceback" not in s for s in shown)


def test_cli_shows_arelle_findings_for_a_broken_taxonomy(tmp_path, capsys):
    broken = tmp_path / "not-a-package.zip"
    broken.write_bytes(b"this is not a zip file")
    out = tmp_path / "out.xhtml"
    rc = main(["xbrl", str(SAMPLE_JSON), "--standard", "esrs", "--format", "ixbrl", "-o", str(out),
               "--taxonomy", str(broken), "--entity-id", TEST_LEI, "--lang", "ja"])
    text = capsys.readouterr().out
    assert rc == 2
    assert "エラー" in text and "Traceback" not in text
    assert out.exists()  # written, so that it can be inspected


def test_project_checks_catch_a_wrong_member(sample):
    from dataclasses import replace

    from gcpcalc.xbrl.facts import build_report
    from gcpcalc.xbrl.validate import check_report

    a, r = sample
    report = build_report(a, r, "esrs", entity_id=TEST_LEI)
    assert check_report(report) == []
    f = next(f for f in report.facts if f.dims)
    report.facts[report.facts.index(f)] = replace(f, dims=((C.TYPE_OF_WASTE_AXIS, "esrs:UnknownWasteMember"),))
    msgs = check_report(report)
    assert [m.code for m in msgs] == ["xbrl_member"]
    assert "esrs:UnknownWasteMember" in msgs[0].message_ja


# ------------------------------------------------------------------------------------------------
# entity
# ------------------------------------------------------------------------------------------------


def test_lei_check_digits():
    assert lei_valid(TEST_LEI)
    assert lei_valid("5493001KJTIIGC8Y1R12")  # a published LEI (ISO 17442 check digits 12)
    assert not lei_valid("5493001KJTIIGC8Y1R13")
    assert not lei_valid("TestCode1234")  # the identifier in EFRAG's VSME sample is not a valid LEI


def test_invalid_lei_is_refused_with_a_message(sample, tmp_path, capsys):
    a, r = sample
    result = export(a, r, "vsme", "json", entity_id="TestCode1234")
    assert result.data == b""
    assert [m.code for m in result.messages] == ["xbrl_lei_invalid"]
    assert "TestCode1234" in result.messages[0].message_ja
    rc = main(["xbrl", str(SAMPLE_JSON), "--standard", "vsme", "--format", "json", "-o", str(tmp_path / "x.json"),
               "--entity-id", "TestCode1234"])
    assert rc == 2 and "not valid" in capsys.readouterr().out
    assert not (tmp_path / "x.json").exists()


def test_other_scheme_and_fallback(tmp_path, stub, sample):
    a, r = sample
    result = export(a, r, "esrs", "json", taxonomy=[stub], entity_scheme="http://www.houjin-bangou.nta.go.jp",
                    entity_id="1234567890123")
    assert result.arelle.errors == []
    doc = json.loads(result.data)
    fact = next(iter(doc["facts"].values()))
    assert fact["dimensions"]["entity"] == "scheme:1234567890123"
    assert doc["documentInfo"]["namespaces"]["scheme"] == "http://www.houjin-bangou.nta.go.jp"
    plain = export(a, r, "esrs", "json")
    assert [m.code for m in plain.messages if m.severity == "warning"] == ["xbrl_no_lei"]


# ------------------------------------------------------------------------------------------------
# VSME B7: EFRAG's published sample values
# ------------------------------------------------------------------------------------------------

#: EFRAG's VSME Digital Template sample, version 1.3.0: ``digital-templates/VSME-Digital-Template-Sample-1.3.0.xlsx``
#: in github.com/EFRAG-EU/Digital-Template-to-XBRL-Converter (commit 56114ee, MIT licence), sheet
#: "Environmental Disclosures", "B7 - Waste generated from 2026-01-01 to 2026-12-31", rows 323–329 (type of
#: waste, unit, J = waste diverted to recycle or reuse, K = waste directed to disposal, L = total) and rows
#: 423–425 (totals, kg); "B7 - Annual mass-flow of relevant materials used", row 435 ("Packaging", 1500 kg).
#: The converter's own snapshot of the facts it makes from that workbook
#: (tests/unitTests/xlsx_template_reader/snapshots/vsme-1.3.0-facts.json) has the same values.
EFRAG_VSME_SAMPLE_WASTE = [  # code, hazardous, unit, diverted, disposal, total (as published)
    ("20 01 01", False, "t", 1200, 300, 1500),
    ("16 08 06", True, "kg", 800, 400, 1200),
    ("10 11 03", False, "t", 500, 200, 700),
    ("15 01 04", False, "t", 300, 100, 400),
    ("04 02 21", False, "t", 100, 150, 250),
    ("04 02 10", False, "t", 4000, 1000, 5000),
    ("13 01 01", True, "t", 30, 70, 100),
]
EFRAG_VSME_SAMPLE_TOTALS_KG = {"vsme:TotalHazardousWasteGeneratedMass": 101200,
                               "vsme:TotalNonHazardousWasteGeneratedMass": 7850000,
                               "vsme:TotalWasteGeneratedMass": 7951200}
EFRAG_VSME_SAMPLE_MATERIAL = ("Packaging", 1500, "kg")  # the second row (800 m³) is a volume: not an input here
EFRAG_VSME_SAMPLE_MEMBERS = {
    "200101": "waste:W-200101-Non-Hazardous-PaperAndCardboardMember",
    "160806": "waste:W-160806-Hazardous-SpentLiquidsUsedAsCatalystsMember",
    "101103": "waste:W-101103-Non-Hazardous-WasteGlass-BasedFibrousMaterialsMember",
    "150104": "waste:W-150104-Non-Hazardous-MetallicPackagingMember",
    "040221": "waste:W-040221-Non-Hazardous-WastesFromUnprocessedTextileFibresMember",
    "040210": "waste:W-040210-Non-Hazardous-OrganicMatterFromNaturalProductsForExampleGreaseWaxMember",
    "130101": "waste:W-130101-Hazardous-HydraulicOilsContainingPcbsMember",
}


def _efrag_sample_assessment():
    outflows = []
    for i, (code, haz, unit, diverted, disposal, _) in enumerate(EFRAG_VSME_SAMPLE_WASTE, 1):
        for dest, mass in (("recycling", diverted), ("landfill", disposal)):
            outflows.append({"line_id": f"W{i}-{dest}", "flow_type": "waste", "mass": mass, "mass_unit": unit,
                             "hazardous": haz, "destination": dest, "waste_code": code})
    name, mass, unit = EFRAG_VSME_SAMPLE_MATERIAL
    return load_assessment({
        "organisation": {"name": "Company XYZ", "period_start": "2026-01-01", "period_end": "2026-12-31"},
        "inflows": [{"line_id": "M1", "material": name, "mass": mass, "mass_unit": unit}],
        "outflows": outflows,
    })


def _t(value, unit) -> Decimal:
    return Decimal(value) / 1000 if unit == "kg" else Decimal(value)


@pytest.mark.parametrize("fmt", ["ixbrl", "json"])
def test_vsme_b7_reproduces_efrag_published_sample(tmp_path, stub, fmt):
    a = _efrag_sample_assessment()
    r = compute(a)
    result = export(a, r, "vsme", fmt, taxonomy=[stub], entity_id=TEST_LEI)
    assert result.arelle.errors == []
    read = {(f.concept, f.dims, f.typed_dims): f.value for f in result.arelle.facts}
    for code, _, unit, diverted, disposal, total in EFRAG_VSME_SAMPLE_WASTE:
        key = code.replace(" ", "")
        assert C.waste_members()[key].member == EFRAG_VSME_SAMPLE_MEMBERS[key]
        dims = ((C.VSME_WASTE_AXIS, EFRAG_VSME_SAMPLE_MEMBERS[key]),)
        assert read[(C.VSME_DIVERTED, dims, ())] == _t(diverted, unit)
        assert read[(C.VSME_DISPOSAL, dims, ())] == _t(disposal, unit)
        assert read[(C.VSME_TYPE_TOTAL, dims, ())] == _t(total, unit)
    for concept, kg in EFRAG_VSME_SAMPLE_TOTALS_KG.items():
        assert read[(concept, (), ())] == _t(kg, "kg")
    typed = ((C.VSME_MATERIAL_AXIS, "1"),)
    assert read[(C.VSME_MATERIAL_NAME, (), typed)] == "Packaging"
    assert read[(C.VSME_MATERIAL_WEIGHT, (), typed)] == _t(1500, "kg")
    assert read[(C.VSME_MATERIAL_TOTAL, (), ())] == _t(1500, "kg")
    # nothing of the sample is left out of the waste-type table
    assert {o.source for o in result.report.omitted} == {"vsme_b7_circular_economy"}


# ------------------------------------------------------------------------------------------------
# mapping table
# ------------------------------------------------------------------------------------------------


def test_no_invented_concept_names():
    used = {t.concept for t in C.ESRS_TAGS.values()} | set(C.ESRS_NARRATIVE_CONCEPTS.values())
    assert C.check_not_invented(used) == []
    assert C.check_not_invented(["esrs:TotalWasteGenerated"]) == ["esrs:TotalWasteGenerated"]
    # every tagged ESRS line item is declared by the tests' stub, which was written from the taxonomy files
    import xbrl_stub_taxonomy as S

    stub_names = {f"esrs:{n}" for d in (S.ESRS_INFLOWS, S.ESRS_OUTFLOWS, S.ESRS_PRODUCTS, S.ESRS_DIVERTED,
                                        S.ESRS_DISPOSAL) for n in d}
    assert used <= stub_names


def test_narratives_are_tagged_when_written(tmp_path, stub):
    data = sample_assessment()
    data["disclosures"] = [{"datapoint": "E5-5_12", "narrative": "Waste is mostly metal swarf and packaging."},
                           {"datapoint": "E5-4_06", "narrative": "Masses from weighbridge tickets."},
                           {"datapoint": "E5-5_06", "narrative": "Waste masses from manifests."},
                           {"datapoint": "E5-5_18", "not_material": True, "narrative": "No products at end of life."}]
    a = load_assessment(data)
    result = export(a, compute(a), "esrs", "json", taxonomy=[stub], entity_id=TEST_LEI)
    assert result.arelle.errors == []
    read = {f.concept: f.value for f in result.arelle.facts}
    assert read["esrs:DisclosureOfCompositionOfWasteExplanatory"] == "Waste is mostly metal swarf and packaging."
    method = read["esrs:DescriptionOfMethodologiesUsedToCalculateDataAndKeyAssumptionsUsedExplanatory"]
    assert method == "[E5-4_06] Masses from weighbridge tickets.\n\n[E5-5_06] Waste masses from manifests."
    assert "esrs:DisclosureOfEngagementInProductEndoflifeWasteManagementExplanatory" not in read  # not material
    omitted = {o.source: o.reason_en for o in result.report.omitted}
    assert omitted["E5-5_18"].startswith("the datapoint is marked not material")
    assert "E5-5_12" not in omitted
    # E5-4 §31(b): certification scheme and cascading principle, from the inflows and the organisation
    cert = read["esrs:InformationAboutCertificationSchemeUsedAndApplicationOfCascadingPrincipleExplanatory"]
    assert a.organisation["cascading_principle_note"] in cert


def test_ewc_code_parsing():
    from gcpcalc.indicators.vsme_b7 import ewc_code

    assert ewc_code("紙くず / 15 01 01") == ("150101", False)
    assert ewc_code("特別管理産業廃棄物（廃酸） / 11 01 05*") == ("110105", True)
    assert ewc_code("160806") == ("160806", False)
    assert ewc_code("金属くず") is None
    assert ewc_code(None) is None


def test_vsme_b7_hand_computed():
    from gcpcalc.indicators import vsme_b7
    from gcpcalc.tables import normalise

    a = load_assessment({
        "organisation": {"name": "X", "period_start": "2025-04-01", "period_end": "2026-03-31"},
        "inflows": [{"line_id": "i1", "material": "steel", "mass": 800, "mass_unit": "t"},
                    {"line_id": "i2", "material": "steel", "mass": 200000, "mass_unit": "kg"},
                    {"line_id": "i3", "material": "wood", "mass": 50, "mass_unit": "t"}],
        "outflows": [
            {"line_id": "o1", "flow_type": "waste", "mass": 10, "destination": "recycling", "waste_code": "15 01 01"},
            {"line_id": "o2", "flow_type": "waste", "mass": 4, "destination": "composting", "waste_code": "15 01 01"},
            {"line_id": "o3", "flow_type": "waste", "mass": 6, "destination": "landfill", "waste_code": "15 01 01"},
            {"line_id": "o4", "flow_type": "waste", "mass": 3, "destination": "energy_recovery",
             "energy_recovery_r1": True, "waste_code": "15 01 01"},
            {"line_id": "o5", "flow_type": "waste", "mass": 2, "destination": "incineration", "hazardous": True,
             "waste_code": "13 02 05*"},
            {"line_id": "o6", "flow_type": "waste", "mass": 1, "destination": "recycling", "waste_code": "20 03 01*"},
            {"line_id": "o7", "flow_type": "waste", "mass": 5, "destination": "unknown"},
        ],
    })
    figures, messages = vsme_b7.compute(normalise(a))
    v = {f.id: f.value for f in figures}
    assert v["vsme_b7.material.steel_t"] == 1000.0 and v["vsme_b7.material.wood_t"] == 50.0
    assert v["vsme_b7.waste.150101.diverted_t"] == 14.0  # recycling 10 + composting 4
    assert v["vsme_b7.waste.150101.disposal_t"] == 6.0
    assert v["vsme_b7.waste.150101.total_t"] == 20.0  # the 3 t of R1 energy recovery are in neither column
    assert v["vsme_b7.waste.130205.disposal_t"] == 2.0
    assert v["vsme_b7.non_hazardous_waste_t"] == 29.0  # 31 − 2
    assert v["vsme_b7.waste_other_or_unknown_t"] == 8.0  # o4 + o7
    assert v["vsme_b7.waste_without_code_t"] == 5.0
    assert [m.code for m in messages] == ["vsme_hazard_mismatch"]  # o6: starred code, not flagged hazardous
    assert "o6" in messages[0].message_en and "o6" in messages[0].message_ja


def test_cli_writes_a_valid_export_and_prints_the_summary(tmp_path, stub, capsys):
    out = tmp_path / "e5.json"
    rc = main(["xbrl", str(SAMPLE_JSON), "--standard", "esrs", "--format", "json", "-o", str(out),
               "--taxonomy", str(stub), "--entity-id", TEST_LEI])
    text = capsys.readouterr().out
    assert rc == 0, text
    doc = json.loads(out.read_text(encoding="utf-8"))
    engine = compute(load_assessment(sample_assessment()))
    facts = [f for f in doc["facts"].values() if f["dimensions"]["concept"] == "esrs:WasteGenerated"]
    assert [Decimal(f["value"]) for f in facts] == [_expected(engine["esrs_e5.waste_total_t"].value, C.MASS)]
    assert f"facts tagged: {len(doc['facts'])}" in text
    assert "Arelle validation: 0 error(s)" in text
    assert "esrs_e5.unknown_destination_t:" in text  # the figures left out are listed with the reason
    assert main(["xbrl", str(SAMPLE_JSON), "-o", str(out), "--evidence", "confirmd"]) == 2
