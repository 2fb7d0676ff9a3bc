"""The configuration files (procurement rules, emission factors, critical materials) report the same kind
of mistake in the same words, in English and Japanese (one wording: gcpcalc.messages.config_error_detail)."""
from __future__ import annotations

from pathlib import Path

from gcpcalc.critical import parse_critical_materials
from gcpcalc.emission_factors import parse_factors_bytes
from gcpcalc.messages import config_error_detail
from gcpcalc.procurement.rules import parse_rules_bytes

ROOT = Path(__file__).resolve().parents[1]


def _file(path: str) -> str:
    return (ROOT / "templates" / path).read_text(encoding="utf-8")


def test_an_unknown_field_is_named_with_the_closest_field_in_every_file():
    factor = _file("emission_factors.toml").replace("virgin =", "virgn =", 1)
    _, fmsgs = parse_factors_bytes(factor.encode(), "f.toml")
    assert sorted(m.code for m in fmsgs) == ["factors_invalid", "factors_missing"]
    unknown = next(m for m in fmsgs if m.code == "factors_invalid")
    assert "項目「virgn」：不明な項目です（「virgin」ではありませんか？）" in unknown.message_ja, unknown.message_ja
    assert "unknown field; did you mean 'virgin'?" in unknown.message_en
    assert "値が必要です" in next(m for m in fmsgs if m.code == "factors_missing").message_ja  # virgin is then missing

    rule = _file("procurement_rules.toml").replace("\nscheme =", "\nschem =", 1)
    _, rmsgs = parse_rules_bytes(rule.encode(), "r.toml")
    texts = [m.message_ja for m in rmsgs]
    assert any("不明な項目です（「scheme」ではありませんか？）" in t for t in texts), texts
    assert any("値が必要です" in t for t in texts), texts


def test_critical_materials_use_the_shared_wording():
    entry = _file("critical_materials.toml")
    _, msgs = parse_critical_materials(entry.replace("\nstrategic = true", '\nstrategic = "maybe"', 1).encode(), "c.toml")
    assert len(msgs) == 1 and msgs[0].code == "crm_file_invalid"
    assert "true または false である必要があります" in msgs[0].message_ja
    _, msgs = parse_critical_materials(entry.replace('name_ja = "アルミニウム（ボーキサイト・アルミナ）"\n', "", 1).encode(),
                                       "c.toml")
    assert any("値が必要です" in m.message_ja for m in msgs), [m.message_ja for m in msgs]


def test_the_detail_of_each_error_kind():
    assert config_error_detail({"type": "greater_than_equal", "ctx": {"ge": 0}, "input": -1, "loc": ("x",)}) == (
        "must be at least 0", "0 以上である必要があります", -1)
    assert config_error_detail({"type": "literal_error", "ctx": {"expected": "'confirmed' or 'secondary'"},
                                "input": "confirmd", "loc": ("status",)})[1] == (
        "使用できない値です。使用可能な値：'confirmed' or 'secondary'（「confirmed」ではありませんか？）")
    assert config_error_detail({"type": "list_type", "input": 1, "loc": ("factor",)},
                               list_hint=("a list of [[factor]] tables", "[[factor]] の表のリスト"))[:2] == (
        "must be a list of [[factor]] tables", "[[factor]] の表のリスト である必要があります")
    assert config_error_detail({"type": "something_new", "msg": "odd", "input": 1, "loc": ()})[:2] == (
        "odd", "値が不正です（odd）")
