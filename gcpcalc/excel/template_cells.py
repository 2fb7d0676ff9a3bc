"""What the cells of the Excel input template hold, without building a workbook: sheet names, header labels,
the example rows, the text a value is written as (:func:`cell_value`), and the layout constants the importer
reads by. :mod:`gcpcalc.excel.template` builds the workbook from these with openpyxl; the importer and the
report need only this module (no openpyxl import)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .. import fields as F
from ..choices import choices as code_choices
from ..i18n import enum_label
from ..units import allowed_units

#: the header row of list sheets, and the first data row
HEADER_ROW = 1
FIRST_DATA_ROW = 2
#: rows covered by drop-downs and numeric checks in an empty template
TEMPLATE_ROWS = 2000
#: a row whose first column starts with one of these is an example row: the importer skips it
EXAMPLE_PREFIXES = ("例:", "例：", "example:")
#: prefix of the defined names of the organisation value cells (``org_name``, ``org_period_start`` ...)
ORG_NAME_PREFIX = "org_"
LISTS_SHEET = {"en": "lists", "ja": "リスト"}
#: a read-only reference of the green-procurement rules (the importer ignores it)
RULES_SHEET = {"en": "Procurement rules", "ja": "判定ルール一覧"}
README_SHEET = {"en": "How to fill in", "ja": "記入方法"}
#: organisation sheet columns: label, value, unit / help, field id
ORG_COLUMNS = {"label": 1, "value": 2, "help": 3, "id": 4}
ORG_FIRST_ROW = 2

_FIXED_TIME = dt.datetime(2025, 1, 1)  # workbook properties: the generator's output is reproducible



def sheet_name(table: F.Table, lang: str) -> str:
    """The sheet name of ``table`` in the template of ``lang``."""
    return table.label_ja if lang == "ja" else table.label_en


def header_label(fld: F.Field, lang: str) -> str:
    return fld.label(lang)


def bool_labels(lang: str) -> tuple[str, str]:
    return ("はい", "いいえ") if lang == "ja" else ("yes", "no")


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _choices(fld: F.Field, lang: str) -> tuple[str, ...] | None:
    """Drop-down values of a field in ``lang`` (None: no drop-down)."""
    if fld.choice_list:
        return code_choices(fld.choice_list, lang) or None
    if fld.kind == "enum":
        return tuple(enum_label(v, lang) for v in fld.allowed)
    if fld.kind == "unit":
        return allowed_units(fld.unit_kind)
    if fld.kind == "bool":
        return bool_labels(lang)
    if fld.kind == "text" and fld.suggested:
        return tuple(enum_label(v, lang) for v in fld.suggested)
    if fld.id == "critical_raw_material":  # the versioned critical-materials list, "none" first
        from ..critical import default_list

        return (_t(lang, "none", "なし"), *default_list().names(lang))
    return None


def _unit_note(fld: F.Field, lang: str) -> str:
    if fld.kind == "percent":
        return _t(lang, "Percent 0–100 (type 45 or 45%).", "0～100 の割合（45 または 45% と入力）。")
    if fld.kind == "unit":
        return _t(lang, "Unit: ", "単位：") + ("、" if lang == "ja" else ", ").join(allowed_units(fld.unit_kind)) + \
            _t(lang, ".", "。")
    if fld.unit in ("mass_unit", "volume_unit", "energy_unit"):
        name = header_label(_unit_field(fld), lang)
        return _t(lang, f"In the unit given in the column '{name}' of the same row.",
                  f"単位は同じ行の「{name}」列の値。")
    if fld.unit == "currency":
        return _t(lang, "In the organisation's currency.", "単位：組織の通貨。")
    if fld.unit == "years":
        return _t(lang, "Years or use cycles.", "年または使用回数。")
    if fld.kind == "date":
        example = "2026-03-31" if fld.id.endswith("_end") else "2025-04-01"
        return _t(lang, f"Date (YYYY-MM-DD, e.g. {example}).", f"日付（YYYY-MM-DD 形式、例：{example}）。")
    if fld.kind == "bool":
        return _t(lang, "yes / no.", "「はい」または「いいえ」。")
    return ""


def _unit_field(fld: F.Field) -> F.Field:
    for t in F.TABLES.values():
        for f in t.fields:
            if f.id == fld.unit:
                return f
    return fld


def _required_text(fld: F.Field, lang: str) -> str:
    """Whether the field must be filled in, in words ("" when optional)."""
    if fld.required:
        return _t(lang, "Required.", "必須。")
    return fld.required_when_text(lang)


def _comment_text(fld: F.Field, lang: str) -> str:
    parts = [header_label(fld, lang)]
    if fld.help(lang):
        parts.append(fld.help(lang))
    note = _unit_note(fld, lang)
    if note:
        parts.append(note)
    choices = _choices(fld, lang)
    if fld.choice_list:
        parts.append(_t(lang, "Choose from the list (the name after '｜' is for reading; only the code is read).",
                        "一覧から選択する（「｜」の後ろの名称は確認用で、読み込まれるのはコードだけ）。"))
    elif choices and fld.kind == "enum":
        parts.append(_t(lang, "Choices: ", "選択肢：") + ("、" if lang == "ja" else ", ").join(choices)
                     + _t(lang, ".", "。"))
    required = _required_text(fld, lang)
    if required:
        parts.append(required)
    if fld.default is not None and not fld.required:
        parts.append(_t(lang, f"Blank: {_display(fld, fld.default, lang)} is used.",
                        f"空欄の場合は「{_display(fld, fld.default, lang)}」とする。"))
    parts.append(_t(lang, "Field id: ", "項目ID：") + fld.id)
    return "\n".join(parts)


def _prompt(fld: F.Field, lang: str) -> tuple[str, str]:
    """Input message of a cell (title ≤ 32 characters, text ≤ 255): what to type, in short."""
    title = header_label(fld, lang)[:32]
    bits = [b for b in (_required_text(fld, lang), _unit_note(fld, lang)) if b]
    if fld.kind == "enum" or fld.choice_list or fld.kind == "bool":
        bits.append(_t(lang, "Choose from the list.", "一覧から選択してください。"))
    elif fld.kind == "text" and fld.suggested:
        bits.append(_t(lang, "Choose from the list or type another value.", "一覧から選ぶか、一覧にない値を入力してください。"))
    text = " ".join(bits) if lang != "ja" else "".join(bits)
    if not text:  # an optional free text: its help says what goes in
        text = fld.help(lang)
    if len(text) > 255:
        text = text[:254] + "…"
    return title, text


def _display(fld: F.Field, value: Any, lang: str) -> str:
    if fld.kind == "bool":
        return bool_labels(lang)[0 if value else 1]
    if fld.kind == "enum":
        return enum_label(value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_value(fld: F.Field, value: Any, lang: str) -> Any:
    """An assessment value as written into a template cell (labels for enums and yes/no)."""
    if value is None:
        return None
    if fld.kind == "bool":
        return bool_labels(lang)[0 if value else 1]
    if fld.kind == "enum" or (fld.kind == "text" and fld.suggested and value in fld.suggested):
        return enum_label(value, lang)
    if fld.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


#: the example row of each list sheet: a realistic line of a Japanese manufacturer (texts as (en, ja)).
#: The first column carries the example prefix, so the importer skips the row.
EXAMPLES: dict[str, dict[str, Any]] = {
    "inflows": {
        "line_id": "IN-001", "description": ("Cold-rolled steel sheet for chair frames", "椅子フレーム用の冷延鋼板"),
        "material": "steel", "business_unit": ("Shiga plant", "滋賀工場"), "mass": 1250, "mass_unit": "t",
        "recycled_preconsumer_pct": 12, "recycled_postconsumer_pct": 18, "reused_pct": 0, "renewable_pct": 0,
        "sustainably_sourced_pct": None, "critical_raw_material": None, "critical_content_pct": None,
        "recycled_origin": "domestic", "certification_scheme": None,
        "supplier": ("Kansai Steel Co., Ltd.", "関西製鋼株式会社"), "is_packaging": False,
        "data_quality": "calculated", "evidence_ref": "MS-2025-0412",
        "source": ("Supplier mill certificates FY2025", "仕入先のミルシート（2025年度分）"),
    },
    "products": {
        "product_id": "CH-200", "description": ("Office chair, standard model", "オフィスチェア（標準モデル）"),
        "product_group": ("Office furniture", "オフィス家具"), "mass": 486, "mass_unit": "t", "units_sold": 32400,
        "revenue": 1_296_000_000, "packaging_mass": 21.5, "actual_lifetime": 12, "industry_lifetime": 10, "use_intensity_ratio": 1,
        "recyclable_content_pct": 82, "packaging_recyclable_content_pct": 95, "reparability_score": None,
        "mci_recycled_feedstock_pct": 24, "mci_reused_feedstock_pct": 0, "mci_sustainable_bio_feedstock_pct": 3,
        "mci_collected_recycling_pct": 55, "mci_collected_reuse_pct": 8, "mci_composted_pct": 0,
        "mci_recycling_efficiency_eol_pct": 90, "mci_recycling_efficiency_feedstock_pct": 85,
    },
    "outflows": {
        "line_id": "OUT-001", "description": ("Waste plastics (packaging film)", "廃プラスチック類（梱包フィルム）"),
        "flow_type": "waste", "business_unit": ("Shiga plant", "滋賀工場"), "mass": 18.4, "mass_unit": "t",
        "hazardous": False, "radioactive": False, "cycle": "technical", "destination": "recycling",
        "energy_recovery_r1": False, "recovery_potential_pct": None, "actual_recovery_pct": None,
        "waste_code": ("Waste plastics (EWC 15 01 02)", "廃プラスチック類"), "critical_raw_material": None,
        "evidence_ref": ("Manifest no. 2025-001234", "マニフェスト交付番号 2025-001234"), "data_quality": "measured",
        "source": ("Electronic waste manifests", "電子マニフェスト（産業廃棄物管理票）"),
    },
    "water": {"line_id": "W-001", "kind": "withdrawal", "source_or_destination": "groundwater", "volume": 12600,
              "volume_unit": "m3", "circular": False},
    "energy": {"line_id": "E-001", "carrier": "electricity", "amount": 3240, "energy_unit": "MWh", "renewable": True,
               "direction": "consumed"},
    "disclosures": {"datapoint": "E5-4_01", "not_material": False,
                    "narrative": ("Steel and plastics are our main resource inflows; see the inflow table.",
                                  "主な資源の流入は鋼材と樹脂である。内訳はインフローの表を参照。")},
    "procurement": {
        "product_id": "PEN-05", "description": ("Gel ink ballpoint pen 0.5 mm", "ゲルインクボールペン 0.5mm"),
        "rule_id": "ecomark.ballpoint_pen", "basis_mass": 8.6, "recycled_preconsumer_mass": 2.1,
        "recycled_postconsumer_mass": 3.2, "biobased_mass": 0.4, "mass_unit": "g",
        "note": ("Plastic barrel and cap; metal tip excluded", "軸・キャップのプラスチック。金属のペン先は除く"),
    },
}


def _example_value(table: F.Table, fld: F.Field, lang: str) -> Any:
    """The value of ``fld`` in the example row (None: left blank)."""
    example = EXAMPLES.get(table.id, {})
    prefix = EXAMPLE_PREFIXES[1 if lang == "ja" else 2]
    if fld is table.fields[0]:
        return prefix + str(example.get(fld.id, "001"))
    if fld.id in example:
        value = example[fld.id]
        if isinstance(value, tuple):
            value = value[1] if lang == "ja" else value[0]
        if fld.choice_list and value is not None:
            entry = next((c for c in code_choices(fld.choice_list, lang) if c.split("｜")[0] == value), None)
            return entry or value
        return cell_value(fld, value, lang)
    return _fallback_example(fld, lang)


def _fallback_example(fld: F.Field, lang: str) -> Any:
    """A plausible example of a field that :data:`EXAMPLES` does not cover yet (blank for optional numbers)."""
    if fld.kind == "enum":
        return enum_label(fld.default or fld.allowed[-1 if fld.id == "flow_type" else 0], lang)
    if fld.kind == "unit":
        return fld.default
    if fld.kind == "bool":
        return bool_labels(lang)[1]
    if fld.kind in ("percent", "number"):
        return fld.default if fld.required or fld.default not in (None, 0.0) else None
    if fld.kind == "text" and fld.suggested:
        return enum_label(fld.suggested[0], lang)
    return None
