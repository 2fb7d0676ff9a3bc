"""Unit normalisation: canonical spellings, aliases, refused units and conversion factors (hand values)."""
import pytest

from gcpcalc import fields as F
from gcpcalc.models import load_assessment, validate_table
from gcpcalc.tables import normalise
from gcpcalc.units import BASE_UNIT, FACTORS, allowed_units, canonical_unit, factor

# (kind, unit, amount, amount in the base unit) — worked by hand
HAND = [
    ("mass", "t", 3.0, 3.0),
    ("mass", "kg", 1500.0, 1.5),  # 1 t = 1000 kg
    ("mass", "g", 2_500_000.0, 2.5),  # 1 t = 1 000 000 g
    ("mass", "lb", 1000.0, 0.45359237),  # 1 lb = 0.45359237 kg exactly
    ("mass", "kt", 0.25, 250.0),
    ("mass", "Mg", 7.0, 7.0),  # megagram = tonne
    ("volume", "m3", 12.0, 12.0),
    ("volume", "L", 3_200_000.0, 3200.0),  # 1 m3 = 1000 L
    ("volume", "kL", 1800.0, 1800.0),  # kilolitre = m3
    ("volume", "ML", 0.065, 65.0),  # megalitre = 1000 m3
    ("energy", "MWh", 5.0, 5.0),
    ("energy", "kWh", 3_600_000.0, 3600.0),
    ("energy", "GWh", 0.5, 500.0),
    ("energy", "MJ", 36_000.0, 10.0),  # 1 MWh = 3.6e9 J = 3600 MJ
    ("energy", "GJ", 52_000.0, 52_000 / 3.6),  # 1 MWh = 3.6 GJ -> 14 444.44 MWh
    ("energy", "TJ", 1.8, 500.0),  # 1 TJ = 1e12 J = 277.78 MWh
]


@pytest.mark.parametrize("kind,unit,amount,base", HAND)
def test_factor_against_hand_values(kind, unit, amount, base):
    assert amount * factor(kind, unit) == pytest.approx(base, rel=1e-12)


def test_specific_factors():
    assert factor("mass", "lb") == pytest.approx(0.00045359237, rel=1e-15)
    assert factor("energy", "GJ") == pytest.approx(0.2777777777777778, rel=1e-15)
    assert factor("energy", "TJ") == pytest.approx(277.77777777777777, rel=1e-15)
    assert factor("energy", "MJ") == pytest.approx(1 / 3600, rel=1e-15)


def test_base_units_and_allowed_units():
    assert BASE_UNIT == {"mass": "t", "volume": "m3", "energy": "MWh"}
    assert allowed_units("mass") == ("t", "kg", "g", "lb", "kt", "Mg")
    assert allowed_units("volume") == ("m3", "kL", "L", "ML")
    assert set(allowed_units("energy")) == {"kWh", "MWh", "GWh", "MJ", "GJ", "TJ"}
    for kind in FACTORS:
        assert factor(kind, BASE_UNIT[kind]) == 1.0


def test_unit_fields_of_the_dictionary_use_known_kinds():
    for table in F.TABLES.values():
        for f in table.fields:
            if f.kind == "unit":
                assert f.unit_kind in FACTORS
                assert f.default in allowed_units(f.unit_kind)


@pytest.mark.parametrize("kind,text,canonical", [
    ("mass", "t", "t"), ("mass", "トン", "t"), ("mass", "tonnes", "t"), ("mass", "Tonne", "t"),
    ("mass", "キログラム", "kg"), ("mass", "KG", "kg"), ("mass", "ｋｇ", "kg"), ("mass", " kg ", "kg"),
    ("mass", "lbs", "lb"), ("mass", "Mg", "Mg"), ("mass", "kt", "kt"), ("mass", "グラム", "g"),
    ("volume", "m³", "m3"), ("volume", "m^3", "m3"), ("volume", "kl", "kL"), ("volume", "リットル", "L"),
    ("volume", "ML", "ML"), ("volume", "megalitre", "ML"),
    ("energy", "kwh", "kWh"), ("energy", "KWH", "kWh"), ("energy", "ＧＪ", "GJ"), ("energy", "tj", "TJ"),
])
def test_aliases(kind, text, canonical):
    assert canonical_unit(kind, text) == canonical


@pytest.mark.parametrize("kind,text", [
    ("mass", "mg"),  # milligram is refused, not guessed as megagram
    ("mass", "stone"), ("mass", "m3"), ("volume", "ml"), ("volume", "gallon"), ("energy", "Wh"),
    ("energy", "kcal"), ("energy", "kg"),
])
def test_unknown_units_are_refused(kind, text):
    assert canonical_unit(kind, text) is None


def test_unknown_unit_is_a_validation_error_with_allowed_list():
    rows, msgs = validate_table("energy", [{"line_id": "E1", "amount": 1, "energy_unit": "Wh"}])
    assert rows is None
    (m,) = msgs
    assert (m.code, m.table, m.row, m.field, m.value) == ("unit", "energy", 1, "energy_unit", "Wh")
    assert m.message_en == "Energy unit: unit 'Wh' is not known. Allowed: MWh, kWh, GWh, MJ, GJ, TJ."
    assert m.message_ja == "エネルギー単位：単位「Wh」は使用できません。使用可能な単位：MWh, kWh, GWh, MJ, GJ, TJ。"


def _org():
    return {"name": "X", "period_start": "2025-04-01", "period_end": "2026-03-31"}


def test_normalised_tables_use_base_units():
    data = {
        "organisation": _org(),
        "inflows": [
            {"line_id": "a", "mass": 1500, "mass_unit": "kg"},
            {"line_id": "b", "mass": 1000, "mass_unit": "lb"},
            {"line_id": "c", "mass": "2,500,000", "mass_unit": "グラム"},
            {"line_id": "d", "mass": 0.25, "mass_unit": "kt"},
            {"line_id": "e", "mass": 7, "mass_unit": "Mg"},
            {"line_id": "f", "mass": 3},  # default t
        ],
        "water": [
            {"line_id": "w1", "kind": "withdrawal", "volume": 3_200_000, "volume_unit": "L"},
            {"line_id": "w2", "kind": "withdrawal", "volume": 1800, "volume_unit": "kL"},
            {"line_id": "w3", "kind": "recirculated", "volume": 0.065, "volume_unit": "ML"},
            {"line_id": "w4", "kind": "discharge", "volume": 12},
        ],
        "energy": [
            {"line_id": "e1", "amount": 3_600_000, "energy_unit": "kWh"},
            {"line_id": "e2", "amount": 36_000, "energy_unit": "MJ"},
            {"line_id": "e3", "amount": 52_000, "energy_unit": "GJ"},
            {"line_id": "e4", "amount": 1.8, "energy_unit": "TJ"},
            {"line_id": "e5", "amount": 0.5, "energy_unit": "GWh"},
            {"line_id": "e6", "amount": 5},
        ],
    }
    t = normalise(load_assessment(data))
    assert t.inflows["mass_t"].tolist() == pytest.approx([1.5, 0.45359237, 2.5, 250.0, 7.0, 3.0], rel=1e-12)
    assert t.water["volume_m3"].tolist() == pytest.approx([3200.0, 1800.0, 65.0, 12.0], rel=1e-12)
    assert t.energy["energy_mwh"].tolist() == pytest.approx([3600.0, 10.0, 14444.444444444445, 500.0, 500.0, 5.0],
                                                          rel=1e-12)
