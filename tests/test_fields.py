"""The data dictionary as code: the row types are derived from TABLES, every label exists in ja and en."""
import re

import pytest
from pydantic import TypeAdapter

from gcpcalc import fields as F
from gcpcalc.i18n import ENUM_LABELS, enum_label
from gcpcalc.models import ROW_TYPES, Assessment
from gcpcalc.units import allowed_units

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _schema(table_id):
    return TypeAdapter(ROW_TYPES[table_id]).json_schema()


def _enum_of(prop):
    if "enum" in prop:
        return prop["enum"]
    for alt in prop.get("anyOf", []):
        if "enum" in alt:
            return alt["enum"]
    return None


def test_tables_in_json_form_order():
    assert list(F.TABLES) == ["organisation", "inflows", "products", "outflows", "water", "energy", "procurement",
                              "disclosures"]
    assert F.LIST_TABLES == ("inflows", "products", "outflows", "water", "energy", "procurement", "disclosures")
    assert F.TABLES["organisation"].single_record
    assert set(Assessment.model_fields) == set(F.TABLES)


# The field ids of the specification's data dictionary, written out once here as the test's oracle.
SPEC_IDS = {
    "organisation": ["name", "period_start", "period_end", "currency", "country", "sector", "assessment_level",
                     "use_case", "maturity", "revenue", "boundary_note", "cascading_principle_note"],
    "inflows": ["line_id", "description", "material", "business_unit", "mass", "mass_unit",
                "recycled_preconsumer_pct", "recycled_postconsumer_pct", "reused_pct", "renewable_pct",
                "sustainably_sourced_pct", "critical_raw_material", "critical_content_pct", "recycled_origin",
                "certification_scheme", "supplier", "evidence_ref", "is_packaging", "data_quality", "source"],
    "products": ["product_id", "description", "product_group", "mass", "mass_unit", "units_sold", "revenue",
                 "actual_lifetime", "industry_lifetime", "use_intensity_ratio", "recyclable_content_pct",
                 "packaging_mass", "packaging_recyclable_content_pct", "reparability_score",
                 "mci_recycled_feedstock_pct",
                 "mci_reused_feedstock_pct", "mci_sustainable_bio_feedstock_pct", "mci_collected_recycling_pct",
                 "mci_collected_reuse_pct", "mci_composted_pct", "mci_recycling_efficiency_eol_pct",
                 "mci_recycling_efficiency_feedstock_pct"],
    "outflows": ["line_id", "description", "flow_type", "business_unit", "mass", "mass_unit", "hazardous",
                 "radioactive", "cycle", "destination", "energy_recovery_r1", "recovery_potential_pct",
                 "actual_recovery_pct", "waste_code", "critical_raw_material", "evidence_ref", "data_quality",
                 "source"],
    "water": ["line_id", "kind", "source_or_destination", "volume", "volume_unit", "circular"],
    "energy": ["line_id", "carrier", "amount", "energy_unit", "renewable", "direction"],
    "procurement": ["product_id", "description", "rule_id", "basis_mass", "recycled_preconsumer_mass",
                    "recycled_postconsumer_mass", "biobased_mass", "mass_unit", "note"],
    # not in the specification's dictionary: narrative texts and materiality per ESRS E5 datapoint
    "disclosures": ["datapoint", "not_material", "narrative"],
}
SPEC_REQUIRED = {
    "organisation": {"name", "period_start", "period_end"},
    "inflows": {"line_id", "mass"},
    "products": {"product_id"},
    "outflows": {"line_id", "flow_type", "mass"},
    "water": {"line_id", "kind", "volume"},
    "energy": {"line_id", "amount"},
    "procurement": {"product_id", "rule_id", "basis_mass"},
    "disclosures": {"datapoint"},
}


@pytest.mark.parametrize("table_id", list(F.TABLES))
def test_dictionary_matches_specification(table_id):
    table = F.TABLES[table_id]
    assert list(table.field_ids) == SPEC_IDS[table_id]
    assert {f.id for f in table.fields if f.required} == SPEC_REQUIRED[table_id]
    assert len(set(table.field_ids)) == len(table.field_ids)


@pytest.mark.parametrize("table_id", list(F.TABLES))
def test_row_types_have_exactly_the_fields_of_tables(table_id):
    table = F.TABLES[table_id]
    schema = _schema(table_id)
    assert list(schema["properties"]) == list(table.field_ids)
    assert set(schema.get("required", [])) == {f.id for f in table.fields if f.required}
    assert schema["additionalProperties"] is False  # unknown fields are errors
    td = ROW_TYPES[table_id]
    assert td.__required_keys__ == frozenset(f.id for f in table.fields if f.required)
    assert td.__optional_keys__ == frozenset(f.id for f in table.fields if not f.required)


@pytest.mark.parametrize("table_id", list(F.TABLES))
def test_row_types_carry_enums_units_and_bounds(table_id):
    table = F.TABLES[table_id]
    props = _schema(table_id)["properties"]
    for f in table.fields:
        prop = props[f.id]
        if f.kind == "enum":
            assert _enum_of(prop) == list(f.allowed), f.id
        elif f.kind == "unit":
            assert _enum_of(prop) == list(allowed_units(f.unit_kind)), f.id
        else:
            assert _enum_of(prop) is None, f.id
        flat = dict(prop)
        for alt in prop.get("anyOf", []):
            flat.update(alt)
        if f.kind == "percent":
            assert (flat["minimum"], flat["maximum"]) == (0.0, 100.0), f.id
        elif f.minimum is not None:
            key = "exclusiveMinimum" if f.exclusive_minimum else "minimum"
            assert flat[key] == f.minimum, f.id


def test_specific_constraints():
    products = F.TABLES["products"]
    assert products.field("actual_lifetime").exclusive_minimum
    assert products.field("industry_lifetime").required_when == "actual_lifetime"
    assert products.field("use_intensity_ratio").default == 1.0
    assert products.field("mci_recycling_efficiency_eol_pct").default == 100.0
    assert products.field("mci_recycling_efficiency_feedstock_pct").default == 100.0
    assert F.TABLES["procurement"].field("basis_mass").exclusive_minimum
    assert F.TABLES["procurement"].field("mass_unit").default == "kg"
    assert F.TABLES["inflows"].field("mass_unit").default == "t"
    assert F.TABLES["water"].field("volume_unit").default == "m3"
    assert F.TABLES["energy"].field("energy_unit").default == "MWh"
    org = F.TABLES["organisation"]
    assert (org.field("currency").default, org.field("country").default) == ("JPY", "JP")
    assert (org.field("assessment_level").default, org.field("use_case").default, org.field("maturity").default) == (
        "organisation", "external_reporting", "initiation")
    out = F.TABLES["outflows"]
    assert out.field("destination").allowed == F.DESTINATIONS
    assert out.field("cycle").default == "technical"
    assert F.RECOVERED_DESTINATIONS == ("preparation_for_reuse", "recycling", "composting")
    assert set(F.MCI_INPUT_FIELDS) <= set(products.field_ids)
    # unique keys
    assert [(t.id, t.key_field) for t in F.TABLES.values() if t.key_field] == [
        ("inflows", "line_id"), ("products", "product_id"), ("outflows", "line_id"), ("water", "line_id"),
        ("energy", "line_id"), ("disclosures", "datapoint")]
    for t in F.TABLES.values():
        assert [f.id for f in t.fields if f.unique] == ([t.key_field] if t.key_field else [])


@pytest.mark.parametrize("table_id", list(F.TABLES))
def test_every_field_has_ja_and_en_labels(table_id):
    table = F.TABLES[table_id]
    assert table.label("en") == table.label_en and table.label_en
    assert JAPANESE.search(table.label("ja"))
    for f in table.fields:
        assert f.label("en").strip() and f.label("en") == f.label_en, f.id
        assert JAPANESE.search(f.label("ja")), f.id
        assert not JAPANESE.search(f.label_en.replace("特別管理産業廃棄物", "")), f.id
        assert bool(f.help_en) == bool(f.help_ja), f.id  # help in both languages or neither
        if f.help_ja:
            assert f.help("ja") == f.help_ja and f.help("en") == f.help_en
    # labels are unique within a table (they are accepted as Excel headers)
    assert len({f.label_en.casefold() for f in table.fields}) == len(table.fields)
    assert len({f.label_ja for f in table.fields}) == len(table.fields)


def test_enum_values_have_ja_and_en_labels():
    values = set()
    for table in F.TABLES.values():
        for f in table.fields:
            values.update(f.allowed)
            values.update(f.suggested)
    missing = sorted(v for v in values if v not in ENUM_LABELS)
    assert missing == []
    for v in values:
        en, ja = ENUM_LABELS[v]
        assert en and JAPANESE.search(ja), v
        assert enum_label(v, "en") == en and enum_label(v, "ja") == ja
    assert enum_label("landfill", "ja") == "埋立"
    assert enum_label("not-an-enum", "ja") == "not-an-enum"


def test_enum_labels_do_not_collide_within_a_field():
    # a ja/en label read back on import must map to one value only
    for table in F.TABLES.values():
        for f in table.fields:
            if f.kind != "enum":
                continue
            labels = [ENUM_LABELS[v][k].casefold() for v in f.allowed for k in (0, 1)]
            seen = {}
            for v in f.allowed:
                for lab in {ENUM_LABELS[v][0].casefold(), ENUM_LABELS[v][1]}:
                    assert seen.setdefault(lab, v) == v, (f.id, lab)
            assert labels


def test_sheet_names_and_headers():
    assert F.table_for_sheet("インフロー") is F.TABLES["inflows"]
    assert F.table_for_sheet(" Inflows ") is F.TABLES["inflows"]
    assert F.table_for_sheet("グリーン購入") is F.TABLES["procurement"]
    assert F.table_for_sheet("nonsense") is None
    assert F.TABLES["outflows"].sheet_names == ("outflows", "アウトフロー")
    inflows = F.TABLES["inflows"]
    assert F.field_for_header(inflows, "質量").id == "mass"
    assert F.field_for_header(inflows, "Mass").id == "mass"
    assert F.field_for_header(inflows, "mass_unit").id == "mass_unit"
    assert F.field_for_header(inflows, "Recycled,  pre-consumer (%)").id == "recycled_preconsumer_pct"
    assert F.field_for_header(inflows, "") is None
    assert F.field_for_header(inflows, "colour") is None
    with pytest.raises(KeyError):
        inflows.field("colour")
