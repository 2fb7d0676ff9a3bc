"""Sample data: a fictional Japanese manufacturer and synthetic assessments of any size.

:func:`sample_assessment` is the worked example shipped as ``templates/sample_assessment.json``
(株式会社みどり精機 / Midori Seiki Co., Ltd., a fictional maker of office equipment and stationery).
Every figure is invented; it exercises every table, enum value, unit family and rule of the data
dictionary so that the report, the app and the tests have something realistic to show.

:func:`synthetic_assessment` builds valid assessments of any size, deterministically from a seed,
for benchmarks and property tests.
"""
from __future__ import annotations

import json

import numpy as np

from . import fields as F

__all__ = ["sample_assessment", "sample_json", "synthetic_assessment"]

_HQ = "本社工場 / Head plant"
_KY = "九州工場 / Kyushu plant"
_SUB = "みどりパッケージ株式会社 / Midori Package (subsidiary)"


def _organisation() -> dict:
    return {
        "name": "株式会社みどり精機 / Midori Seiki Co., Ltd.",
        "period_start": "2025-04-01",
        "period_end": "2026-03-31",
        "currency": "JPY",
        "country": "JP",
        "sector": "JSIC 2719 その他の事務用機械器具製造業 / Other office machinery; JSIC 3252 事務用品製造業",
        "assessment_level": "organisation",
        "use_case": "external_reporting",
        "maturity": "expansion",
        "revenue": 18_600_000_000,
        "boundary_note": (
            "本社工場（静岡県）、九州工場（熊本県）及び連結子会社みどりパッケージ株式会社。販売子会社（海外）は除外。"
            " / Head plant (Shizuoka), Kyushu plant (Kumamoto) and the consolidated subsidiary Midori Package; "
            "overseas sales subsidiaries excluded."
        ),
    }


# line_id, description, material, business_unit, mass, unit, pre, post, reused, renewable, sustainable,
# critical raw material, packaging, data quality, source
_INFLOWS = [
    ("IN-001", "冷間圧延鋼板 SPCC / cold-rolled steel sheet", "steel", _HQ, 1850.0, "t", 12.0, 8.0, 0, 0, 0, None, False, "measured", "購買実績・ミルシート"),
    ("IN-002", "電気亜鉛めっき鋼板 SECC / electro-galvanised sheet", "steel", _HQ, 920.0, "t", 10.0, 5.0, 0, 0, 0, None, False, "measured", "購買実績・ミルシート"),
    ("IN-003", "電炉鋼材（棚柱用） / EAF steel sections", "steel", _KY, 640.0, "t", 35.0, 55.0, 0, 0, 0, None, False, "calculated", "サプライヤー申告（電炉材）"),
    ("IN-004", "ステンレス鋼帯 SUS304 / stainless strip", "steel", _KY, 86500.0, "kg", 20.0, 40.0, 0, 0, 0, None, False, "calculated", "サプライヤー申告"),
    ("IN-005", "ばね用鋼線 / spring steel wire", "steel", _HQ, 42300.0, "kg", 0, 0, 0, 0, 0, None, False, "estimated", "業界平均"),
    ("IN-006", "アルミ押出材 6063 / aluminium extrusions", "aluminium", _HQ, 215.0, "t", 15.0, 20.0, 0, 0, 0, None, False, "measured", "購買実績"),
    ("IN-007", "再生アルミダイカスト ADC12 / secondary die-cast alloy", "aluminium", _KY, 132.0, "t", 30.0, 60.0, 0, 0, 0, None, False, "calculated", "サプライヤー申告"),
    ("IN-008", "銅線・端子 / copper wire and terminals", "copper", _HQ, 38.5, "t", 10.0, 25.0, 0, 0, 0, "Copper", False, "calculated", "サプライヤー申告"),
    ("IN-009", "黄銅部品 / brass fittings", "copper", _KY, 12400.0, "kg", 40.0, 20.0, 0, 0, 0, "Copper", False, "estimated", "業界平均"),
    ("IN-010", "ABS樹脂ペレット / ABS resin", "plastics", _HQ, 410.0, "t", 5.0, 0, 0, 0, 0, None, False, "measured", "購買実績"),
    ("IN-011", "再生ABS（家電リサイクル由来） / recycled ABS from appliance recycling", "plastics", _HQ, 96.0, "t", 0, 100.0, 0, 0, 0, None, False, "measured", "再生材証明書"),
    ("IN-012", "PP樹脂ペレット / polypropylene resin", "plastics", _KY, 268.0, "t", 0, 0, 0, 0, 0, None, False, "measured", "購買実績"),
    ("IN-013", "再生PP（工場端材由来） / pre-consumer recycled PP", "plastics", _KY, 74.0, "t", 100.0, 0, 0, 0, 0, None, False, "calculated", "再生材証明書"),
    ("IN-014", "PET樹脂（ボールペン軸） / PET resin for pen barrels", "plastics", _HQ, 58.0, "t", 0, 70.0, 0, 0, 0, None, False, "measured", "再生材証明書"),
    ("IN-015", "バイオPE（サトウキビ由来） / bio-based polyethylene", "plastics", _SUB, 22.0, "t", 0, 0, 0, 100.0, 80.0, None, False, "calculated", "Bonsucro 認証"),
    ("IN-016", "ポリカーボネート / polycarbonate", "plastics", _HQ, 47500.0, "kg", 0, 0, 0, 0, 0, None, False, "estimated", "購買実績（推計）"),
    ("IN-017", "再生紙（古紙パルプ配合率100%） / 100% recycled paper", "paper", _SUB, 520.0, "t", 10.0, 90.0, 0, 0, 0, None, False, "measured", "古紙パルプ配合率証明"),
    ("IN-018", "FSC認証上質紙 / FSC-certified wood-free paper", "paper", _SUB, 380.0, "t", 0, 30.0, 0, 70.0, 100.0, None, False, "measured", "FSC CoC 証明"),
    ("IN-019", "非認証上質紙 / uncertified paper", "paper", _SUB, 145.0, "t", 0, 0, 0, 100.0, 0, None, False, "estimated", "購買実績"),
    ("IN-020", "板紙（ノート表紙） / paperboard for covers", "paper", _SUB, 88.0, "t", 5.0, 60.0, 0, 35.0, 50.0, None, False, "calculated", "サプライヤー申告"),
    ("IN-021", "合板（家具用） / plywood for furniture", "wood", _KY, 310.0, "t", 0, 0, 0, 100.0, 60.0, None, False, "calculated", "合法木材証明"),
    ("IN-022", "パーティクルボード / particleboard", "wood", _KY, 265.0, "t", 50.0, 30.0, 0, 20.0, 100.0, None, False, "calculated", "JIS A 5908・サプライヤー申告"),
    ("IN-023", "段ボール箱 / corrugated boxes", "paper", _HQ, 240.0, "t", 10.0, 80.0, 0, 10.0, 100.0, None, True, "measured", "購買実績"),
    ("IN-024", "段ボール箱（九州） / corrugated boxes (Kyushu)", "paper", _KY, 168000.0, "kg", 10.0, 80.0, 0, 10.0, 100.0, None, True, "measured", "購買実績"),
    ("IN-025", "PE緩衝材 / PE foam cushioning", "plastics", _HQ, 36.0, "t", 0, 20.0, 0, 0, 0, None, True, "estimated", "購買実績（推計）"),
    ("IN-026", "ストレッチフィルム / stretch film", "plastics", _KY, 14800.0, "kg", 0, 0, 0, 0, 0, None, True, "estimated", "購買実績（推計）"),
    ("IN-027", "リユース木製パレット / reused wooden pallets", "wood", _HQ, 95.0, "t", 0, 0, 100.0, 0, 0, None, True, "calculated", "パレット回収業者報告"),
    ("IN-028", "紙製ブリスター台紙 / paper blister cards", "paper", _SUB, 42.0, "t", 0, 50.0, 0, 50.0, 100.0, None, True, "calculated", "FSC Mix"),
    ("IN-029", "制御基板 / printed circuit boards", "electronics", _HQ, 18.2, "t", 0, 0, 0, 0, 0, "Gallium", False, "estimated", "部品表（BOM）"),
    ("IN-030", "リチウムイオン電池パック / Li-ion battery packs", "electronics", _HQ, 6.4, "t", 0, 4.0, 0, 0, 0, "Cobalt", False, "calculated", "電池メーカー申告"),
    ("IN-031", "ネオジム磁石モーター / NdFeB magnet motors", "electronics", _HQ, 9.8, "t", 0, 0, 0, 0, 0, "ネオジム", False, "estimated", "部品表（BOM）"),
    ("IN-032", "リユース電源ユニット（再製造品） / remanufactured power supplies", "electronics", _HQ, 2.1, "t", 0, 0, 100.0, 0, 0, None, False, "measured", "再製造業者証明"),
    ("IN-033", "タングステンカーバイド工具 / tungsten carbide tooling", "other_metals", _KY, 1.2, "t", 0, 30.0, 0, 0, 0, "Tungsten", False, "estimated", "サプライヤー申告"),
    ("IN-034", "ガラス（複合機原稿台） / platen glass", "glass", _HQ, 21.0, "t", 10.0, 0, 0, 0, 0, None, False, "estimated", "部品表（BOM）"),
    ("IN-035", "ゴムローラー / rubber rollers", "rubber", _HQ, 7.5, "t", 0, 0, 0, 30.0, 0, None, False, "estimated", "部品表（BOM）"),
    ("IN-036", "ポリエステル生地（椅子張地） / polyester upholstery", "textiles", _KY, 18.0, "t", 0, 50.0, 0, 0, 0, None, False, "calculated", "GRS 認証"),
    ("IN-037", "粉体塗料 / powder coating", "chemicals", _HQ, 64.0, "t", 0, 0, 0, 0, 0, None, False, "measured", "購買実績"),
    ("IN-038", "水性インク / water-based ink", "chemicals", _SUB, 28500.0, "kg", 0, 0, 0, 15.0, 0, None, False, "calculated", "SDS・サプライヤー申告"),
    ("IN-039", "切削油・作動油 / cutting and hydraulic oil", "chemicals", _KY, 12.0, "t", 0, 25.0, 0, 0, 0, None, False, "measured", "購買実績"),
    ("IN-040", "社員食堂食材 / canteen food", "food_biomass", _HQ, 24.0, "t", 0, 0, 0, 100.0, 40.0, None, False, "estimated", "委託先報告"),
    ("IN-041", "ボールペン用替芯（購入品） / purchased refills", "other", _HQ, 3.6, "t", 0, 0, 0, 0, 0, None, False, "estimated", None),
    ("IN-042", "石灰（排水処理用） / lime for wastewater treatment", "minerals", _KY, 8.0, "t", 0, 0, 0, 0, 0, None, False, "estimated", "購買実績"),
]

# product_id, description, group, mass, unit, units_sold, revenue, actual lifetime, industry lifetime,
# use intensity, recyclable %, packaging recyclable %, reparability, F_R, F_U, F_S, C_R, C_U, C_C, E_C, E_F
_PRODUCTS = [
    ("P-MFP-01", "A3カラー複合機 MS-C3500 / A3 colour multifunction printer", "事務機器 / Office equipment",
     1240.0, "t", 15500, 6_820_000_000, 7.0, 5.0, 1.2, 85.0, 100.0, "7.5 (FR index)",
     18.0, 2.0, 0.0, 65.0, 10.0, 0.0, 90.0, 85.0),
    ("P-SHR-01", "シュレッダー SH-220 / paper shredder", "事務機器 / Office equipment",
     310.0, "t", 24800, 1_240_000_000, 6.0, 5.0, 1.0, 80.0, 100.0, "6.8 (FR index)",
     22.0, 0.0, 0.0, 55.0, 0.0, 0.0, 90.0, 90.0),
    ("P-CHR-01", "オフィスチェア ME-01 / office chair", "オフィス家具 / Office furniture",
     640.0, "t", 41000, 2_460_000_000, 12.0, 8.0, 1.0, 75.0, 100.0, "8.0 (in-house, spare parts 10 years)",
     35.0, 0.0, 5.0, 40.0, 15.0, 0.0, 85.0, 90.0),
    ("P-DSK-01", "スチールデスク ST-1400 / steel desk", "オフィス家具 / Office furniture",
     1380.0, "t", 36500, 2_010_000_000, 20.0, 15.0, 1.0, 95.0, 100.0, None,
     42.0, 0.0, 0.0, 70.0, 15.0, 0.0, 95.0, 95.0),
    ("P-SHF-01", "スチール棚 SR-900 / steel shelving", "オフィス家具 / Office furniture",
     720.0, "t", 28000, 980_000_000, 25.0, 20.0, 1.0, 95.0, 100.0, None,
     58.0, 0.0, 0.0, 75.0, 10.0, 0.0, 95.0, 95.0),
    ("P-PEN-01", "再生PETボールペン エコライン / recycled-PET ballpoint pen", "文具 / Stationery",
     62.0, "t", 6_200_000, 1_860_000_000, 1.5, 1.0, 1.0, 60.0, 100.0, None,
     65.0, 0.0, 0.0, 10.0, 0.0, 0.0, 80.0, 85.0),
    ("P-NTB-01", "再生紙ノート A5 / recycled-paper notebook", "文具 / Stationery",
     780.0, "t", 4_100_000, 1_640_000_000, None, None, 1.0, 95.0, 100.0, None,
     None, None, None, None, None, None, 100.0, 100.0),
    ("P-FIL-01", "バイオPEクリアファイル / bio-PE clear folder", "文具 / Stationery",
     24500.0, "kg", 2_450_000, 1_590_000_000, 3.0, 2.0, 1.0, 30.0, 100.0, None,
     0.0, 0.0, 90.0, 5.0, 0.0, 0.0, 70.0, 100.0),
]

# line_id, description, flow_type, business_unit, mass, unit, hazardous, cycle, destination, R1,
# recovery potential %, actual recovery %, waste code, data quality, source
_OUTFLOWS = [
    ("OUT-001", "複合機（出荷） / MFPs shipped", "product", _HQ, 1240.0, "t", False, "technical", "recycling", False,
     85.0, 62.0, None, "calculated", "使用済み複合機回収実績（メーカー回収）"),
    ("OUT-002", "シュレッダー（出荷） / shredders shipped", "product", _HQ, 310.0, "t", False, "technical", "recycling", False,
     80.0, 35.0, None, "estimated", "小型家電リサイクル統計"),
    ("OUT-003", "オフィス家具（出荷） / office furniture shipped", "product", _KY, 2740.0, "t", False, "technical",
     "preparation_for_reuse", False, 90.0, 48.0, None, "calculated", "家具回収・リユースプログラム報告"),
    ("OUT-004", "文具（出荷） / stationery shipped", "product", _SUB, 866.5, "t", False, "technical", "recycling", False,
     70.0, 20.0, None, "estimated", "古紙回収率統計（推計）"),
    ("OUT-005", "鉄スクラップ（売却） / steel scrap sold", "by_product", _HQ, 385.0, "t", False, "technical", "recycling", False,
     100.0, 100.0, "金属くず", "measured", "計量票・売却伝票"),
    ("OUT-006", "鉄スクラップ（九州・売却） / steel scrap sold (Kyushu)", "by_product", _KY, 142500.0, "kg", False,
     "technical", "recycling", False, 100.0, 100.0, "金属くず", "measured", "計量票・売却伝票"),
    ("OUT-007", "アルミ切粉（売却） / aluminium swarf sold", "by_product", _KY, 28.0, "t", False, "technical", "recycling",
     False, 100.0, 95.0, "金属くず", "measured", "売却伝票"),
    ("OUT-008", "廃プラスチック（再生処理） / waste plastics to recycling", "waste", _HQ, 64.0, "t", False, "technical",
     "recycling", False, None, None, "廃プラスチック類 / 07 02 13", "measured", "マニフェスト"),
    ("OUT-009", "段ボール・紙くず / cardboard and paper waste", "waste", _SUB, 118.0, "t", False, "biological",
     "recycling", False, None, None, "紙くず / 15 01 01", "measured", "マニフェスト"),
    ("OUT-010", "木製パレット（補修再使用） / pallets repaired for reuse", "waste", _HQ, 21.0, "t", False, "technical",
     "preparation_for_reuse", False, None, None, "木くず / 15 01 03", "measured", "パレット回収業者報告"),
    ("OUT-011", "食堂残渣（堆肥化） / canteen food waste composted", "waste", _HQ, 9.5, "t", False, "biological",
     "composting", False, None, None, "動植物性残さ / 20 01 08", "measured", "委託先計量票"),
    ("OUT-012", "混合廃プラ（熱回収・R1適合） / mixed plastics, energy recovery (R1)", "waste", _HQ, 42.0, "t", False,
     "technical", "energy_recovery", True, None, None, "廃プラスチック類 / 19 12 04", "calculated", "マニフェスト・処理業者報告"),
    ("OUT-013", "汚泥（熱回収・R1非適合） / sludge, energy recovery (not R1)", "waste", _KY, 33000.0, "kg", False,
     "technical", "energy_recovery", False, None, None, "汚泥 / 19 08 14", "calculated", "マニフェスト"),
    ("OUT-014", "塗装かす（セメント原料化） / paint residue to cement kilns", "waste", _HQ, 11.0, "t", False, "technical",
     "other_recovery", False, None, 60.0, "汚泥 / 08 01 14", "calculated", "処理業者報告"),
    ("OUT-015", "廃油（特別管理産業廃棄物） / waste oil (specially controlled industrial waste)", "waste", _KY, 8.4, "t", True,
     "technical", "incineration", False, None, None, "特別管理産業廃棄物（引火性廃油） / 13 02 05*", "measured", "マニフェスト"),
    ("OUT-016", "廃酸・廃アルカリ（特別管理） / spent acid and alkali (hazardous)", "waste", _HQ, 2600.0, "kg", True,
     "technical", "other_disposal", False, None, None, "特別管理産業廃棄物（廃酸） / 11 01 05*", "measured", "マニフェスト"),
    ("OUT-017", "ガラス・陶磁器くず / glass and ceramic waste", "waste", _HQ, 5.2, "t", False, "technical", "landfill",
     False, None, None, "ガラスくず / 16 01 20", "measured", "マニフェスト"),
    ("OUT-018", "混合廃棄物（埋立） / mixed waste to landfill", "waste", _KY, 18.0, "t", False, "technical", "landfill",
     False, 40.0, None, "がれき類・混合 / 20 03 01", "estimated", "マニフェスト"),
    ("OUT-019", "一般廃棄物（焼却） / general office waste incinerated", "waste", _HQ, 14.0, "t", False, "technical",
     "incineration", False, None, None, "事業系一般廃棄物 / 20 03 01", "estimated", "自治体収集実績（推計）"),
    ("OUT-020", "廃蛍光管（水銀含有） / spent fluorescent tubes (mercury)", "waste", _HQ, 450.0, "kg", True, "technical",
     "recycling", False, None, None, "水銀使用製品産業廃棄物 / 20 01 21*", "measured", "マニフェスト"),
    ("OUT-021", "子会社の廃棄物（処理方法不明） / subsidiary waste, route not reported", "waste", _SUB, 6.5, "t", False,
     "technical", "unknown", False, None, None, None, "estimated", "子会社推計"),
]

# line_id, kind, source or destination, volume, unit, circular
_WATER = [
    ("W-001", "withdrawal", "groundwater", 48_000.0, "m3", False),
    ("W-002", "withdrawal", "third_party", 21_500.0, "m3", False),
    ("W-003", "withdrawal", "rainwater", 1_800.0, "kL", True),
    ("W-004", "withdrawal", "third_party", 3_200_000.0, "L", False),
    ("W-005", "discharge", "surface_water", 52_000.0, "m3", False),
    ("W-006", "discharge", "third_party", 9_800.0, "m3", False),
    ("W-007", "discharge", "reuse_by_third_party", 2_400.0, "m3", True),
    ("W-008", "recirculated", None, 0.065, "ML", True),
]

# line_id, carrier, amount, unit, renewable
_ENERGY = [
    ("E-001", "electricity", 14_200.0, "MWh", False),
    ("E-002", "electricity", 3_600_000.0, "kWh", True),
    ("E-003", "natural_gas", 52_000.0, "GJ", False),
    ("E-004", "electricity", 2_150.0, "MWh", True),  # on-site solar PPA
    ("E-005", "oil", 4_800.0, "GJ", False),
    ("E-006", "biomass", 1_250.0, "GJ", True),
]

# product_id, description, rule_id, basis mass, pre, post, bio, unit, note
_PROCUREMENT = [
    ("P-PEN-01", "再生PETボールペン エコライン（0.5mm） / recycled-PET ballpoint pen", "gpp.ballpoint_pen",
     8.2, 0.0, 5.74, 0.0, "g", "プラスチック部分 8.2 g 中、ポストコンシューマ再生PET 5.74 g（70%）"),
    ("P-PEN-02", "ノック式ボールペン スタンダード / standard retractable pen", "gpp.ballpoint_pen",
     9.5, 0.95, 0.0, 0.0, "g", "再生材 10%：基準未達の見込み / recycled 10%: expected to fail"),
    ("P-FIL-01", "バイオPEクリアファイル A4 / bio-PE clear folder", "ecomark.biobased_office_goods",
     24.0, 0.0, 0.0, 21.6, "g", "バイオマスプラスチック 90%（ISO 16620-3）"),
    ("P-BOX-01", "再生PPファイルボックス / recycled-PP file box", "gpp.stationery_plastic",
     180.0, 60.0, 20.0, 0.0, "g", "再生PP 44.4%（プレ 60 g＋ポスト 20 g）"),
    ("P-BAG-01", "再生ポリ袋 45L / recycled-PE garbage bag 45 L", "gpp.garbage_bag_plastic",
     32.0, 4.0, 12.0, 0.0, "g", "再生PE 50%（プレ 4 g＋ポスト 12 g）"),
    ("P-CLH-01", "再生PPクリアホルダー A4 軽量タイプ / lightweight recycled-PP clear holder", "plastics_act.stationery",
     14.4, 4.3, 0.0, 0.0, "g", "従来品 18.5 g から 22.2% 軽量化（設計認定の申請予定）"),
]
#: product_id -> the design-certification and judgement-criteria inputs of its procurement line
_PROCUREMENT_EXTRA = {
    "P-PEN-01": {"refill_replaceable": True, "materials_used": "再生PET（軸）、PP（キャップ）、ステンレス（ボール）"},
    "P-PEN-02": {"refill_replaceable": False},
    "P-CLH-01": {"reference_mass": 18.5, "materials_used": "PP"},
}

# The amended Resource Act: room air conditioners imported (OEM) and sold under the company's brand, just
# below the 50,000-unit threshold; plastic packaging of the subsidiary, food packaging excluded.
# line_id, category, description, fiscal year, units, packaging use, mass basis, plastic, pre, post, unit,
# certification, mass balance, evidence, target %, target year, measures
_RESOURCE_ACT = [
    ("RA-001", "air_conditioners", "オフィス向けルームエアコン MA-28（OEM輸入） / room air conditioners (imported)",
     2024, 45_200, None, "per_unit", 9.1, 0.3, 0.6, "kg", "RCS", False, "輸入元の再生材証明書（2024年度）",
     None, None, None),
    ("RA-002", "air_conditioners", "オフィス向けルームエアコン MA-28（OEM輸入） / room air conditioners (imported)",
     2025, 48_600, None, "per_unit", 9.0, 0.4, 0.9, "kg", "RCS", False, "輸入元の再生材証明書・受入検査記録",
     20.0, 2030, "室外機カバーと室内機の化粧パネルに家電リサイクル由来の再生PPを採用（輸入元と共同）"),
    ("RA-003", "plastic_packaging", "文具用ブリスターパック（販売用） / blister packs for stationery",
     2025, None, "other", "total", 420.0, 35.0, 60.0, "t", None, None, "購買実績・再生材証明書",
     30.0, 2030, "ブリスターを再生PETに切り替え、紙台紙化を進める"),
    ("RA-004", "plastic_packaging", "食品用トレー（受託製造） / food trays (contract manufacturing)",
     2025, None, "food", "total", 130.0, 0.0, 0.0, "t", None, None, "出荷実績", None, None, None),
]
_RA_FIELDS = ("line_id", "category", "description", "fiscal_year", "units", "packaging_use", "mass_basis",
              "plastic_mass", "recycled_preconsumer_mass", "recycled_postconsumer_mass", "mass_unit",
              "certification_scheme", "mass_balance", "evidence_ref", "target_rate_pct", "target_year", "measures")


# segment_id (= business_unit of its lines), description, revenue (JPY); the three add up to the organisation's revenue
_SEGMENTS = [
    (_HQ, "複合機・シュレッダー・オフィス機器 / MFPs, shredders and office equipment", 10_200_000_000),
    (_KY, "オフィス家具 / office furniture", 5_900_000_000),
    (_SUB, "文具・紙製品 / stationery and paper products", 2_500_000_000),
]


# ---- revision 2 fields of the sample, by line id (critical-material content, origin of recycled content,
# certification, supplier and evidence, packaging masses, exported energy, narratives)
_REV2_INFLOWS: dict[str, dict] = {
    "IN-001": {"supplier": "東海製鉄株式会社", "evidence_ref": "MS-2025-0412（ミルシート）", "recycled_origin": "domestic"},
    "IN-002": {"supplier": "東海製鉄株式会社", "evidence_ref": "MS-2025-0518（ミルシート）", "recycled_origin": "domestic"},
    "IN-003": {"supplier": "九州電炉製鋼株式会社", "evidence_ref": "SD-2025-031（再生材含有申告書）",
               "recycled_origin": "domestic"},
    "IN-004": {"supplier": "Pacific Stainless Pte. Ltd.", "evidence_ref": "SD-2025-044", "recycled_origin": "imported"},
    "IN-006": {"supplier": "中部アルミ工業株式会社", "recycled_origin": "domestic"},
    "IN-007": {"supplier": "九州リサイクルアロイ株式会社", "evidence_ref": "SD-2025-052", "recycled_origin": "domestic"},
    "IN-008": {"critical_content_pct": 85.0, "supplier": "東日本電線株式会社", "recycled_origin": "domestic"},
    "IN-009": {"critical_content_pct": 62.0, "recycled_origin": "imported"},
    "IN-010": {"recycled_origin": "domestic"},
    "IN-011": {"supplier": "株式会社家電リサイクルプラ", "evidence_ref": "RC-2025-118（再生材証明書）",
               "recycled_origin": "domestic"},
    "IN-013": {"evidence_ref": "RC-2025-121（再生材証明書）", "recycled_origin": "domestic"},
    "IN-014": {"supplier": "Thai Recycled PET Co., Ltd.", "evidence_ref": "GRS TC-2025-7781", "certification_scheme": "GRS",
               "recycled_origin": "imported"},
    "IN-015": {"supplier": "Braskem", "evidence_ref": "Bonsucro CoC BON-2025-0093", "certification_scheme": "Bonsucro"},
    "IN-017": {"supplier": "みどり製紙株式会社", "evidence_ref": "古紙パルプ配合率証明 2025-14", "recycled_origin": "domestic"},
    "IN-018": {"supplier": "みどり製紙株式会社", "evidence_ref": "FSC-C123456", "certification_scheme": "FSC",
               "recycled_origin": "domestic"},
    "IN-020": {"certification_scheme": "FSC", "recycled_origin": "domestic"},
    "IN-021": {"certification_scheme": "SGEC", "evidence_ref": "SGEC/31-31-1234"},
    "IN-022": {"certification_scheme": "PEFC", "recycled_origin": "domestic"},
    "IN-023": {"certification_scheme": "FSC", "evidence_ref": "購買実績 2025年度（段ボール）", "recycled_origin": "domestic"},
    "IN-024": {"certification_scheme": "FSC", "recycled_origin": "domestic"},
    "IN-025": {"recycled_origin": "imported"},
    "IN-027": {"evidence_ref": "パレット回収業者報告 2025-H2"},
    "IN-028": {"certification_scheme": "FSC", "recycled_origin": "domestic"},
    "IN-034": {"recycled_origin": "domestic"},
    "IN-039": {"recycled_origin": "domestic"},
    "IN-029": {"critical_content_pct": 0.02},
    "IN-030": {"critical_content_pct": 8.0, "supplier": "株式会社関西バッテリー", "evidence_ref": "電池メーカー申告 BT-2025-07",
               "recycled_origin": "imported"},
    "IN-031": {"critical_content_pct": 12.0},
    "IN-032": {"evidence_ref": "再製造業者証明 RM-2025-03"},
    "IN-033": {"critical_content_pct": 85.0, "recycled_origin": "imported"},
    "IN-036": {"certification_scheme": "GRS", "evidence_ref": "GRS TC-2025-1204", "recycled_origin": "imported"},
}
_REV2_OUTFLOWS: dict[str, dict] = {
    "OUT-005": {"evidence_ref": "計量票 2025年度綴り"},
    "OUT-008": {"evidence_ref": "電子マニフェスト 2025-HQ-0008"},
    "OUT-009": {"evidence_ref": "電子マニフェスト 2025-SUB-0009"},
    "OUT-011": {"evidence_ref": "委託先計量票 2025-11"},
    "OUT-012": {"evidence_ref": "電子マニフェスト 2025-HQ-0012"},
    "OUT-014": {"evidence_ref": "処理業者報告 CK-2025-14"},
    "OUT-015": {"evidence_ref": "電子マニフェスト 2025-KY-0015"},
    "OUT-016": {"evidence_ref": "電子マニフェスト 2025-HQ-0016"},
    "OUT-020": {"evidence_ref": "電子マニフェスト 2025-HQ-0020"},
    "OUT-022": {"critical_raw_material": "銅", "evidence_ref": "売却伝票 2025-CU-12"},
}
#: a by-product line added in revision 2: copper scrap sold to a refiner (a listed critical material recovered)
_OUTFLOWS_REV2 = [
    ("OUT-022", "銅くず（売却） / copper scrap sold", "by_product", _HQ, 4.2, "t", False, "technical", "recycling", False,
     100.0, 100.0, "金属くず", "measured", "売却伝票"),
]
_REV2_PRODUCTS: dict[str, dict] = {
    "P-MFP-01": {"packaging_mass": 62.0}, "P-SHR-01": {"packaging_mass": 18.0},
    "P-CHR-01": {"packaging_mass": 45.0}, "P-DSK-01": {"packaging_mass": 52.0},
    "P-SHF-01": {"packaging_mass": 30.0},
    "P-PEN-01": {"packaging_mass": 4.5, "packaging_recyclable_content_pct": 60.0},
    "P-NTB-01": {"packaging_mass": 14.0},
    "P-FIL-01": {"packaging_mass": 1800.0, "packaging_recyclable_content_pct": 80.0},
}
#: surplus on-site solar power sold to the grid (netted out of renewable energy in ISO 59020)
_ENERGY_REV2 = [{"line_id": "E-007", "carrier": "electricity", "amount": 380.0, "energy_unit": "MWh", "renewable": True,
                 "direction": "exported"}]
_CASCADING_NOTE = (
    "木材・紙は、製品用途（家具・紙製品）を優先し、工程端材はパーティクルボード原料として売却、燃料用途は再利用できない"
    "端材に限る。"
)
_DISCLOSURES = [
    {"datapoint": "E5-4_01", "narrative": (
        "主要なインフローは鋼材・アルミニウム・樹脂・紙・木材。重要原材料は電線・黄銅部品の銅、電池のコバルト、磁石の"
        "ネオジム、工具のタングステン。 / Key inflows are steel, aluminium, resins, paper and wood; critical raw "
        "materials are copper (wire, brass), cobalt (batteries), neodymium (magnets) and tungsten (tooling).")},
    {"datapoint": "E5-4_06", "narrative": (
        "質量は購買実績・ミルシート・サプライヤー申告に基づく。再生材含有率は ISO 14021 に従いプレ・ポストコンシューマ材"
        "のみを計上。 / Masses from purchasing records, mill certificates and supplier declarations; recycled content "
        "per ISO 14021 (pre- and post-consumer only).")},
    {"datapoint": "E5-5_01", "narrative": (
        "主要製品は複合機・シュレッダー・オフィス家具・文具。 / Key products: multifunction printers, shredders, office "
        "furniture and stationery.")},
    {"datapoint": "E5-5_16", "not_material": True},
]


def _with(rows: list[dict], extra: dict[str, dict], key: str = "line_id") -> list[dict]:
    """Rows with the revision-2 fields of ``extra`` added by their key."""
    for row in rows:
        row.update(extra.get(row[key], {}))
    return rows


def _row(table_id: str, values: tuple, fields: tuple[str, ...]) -> dict:
    """A JSON row keyed by field id, dropping blanks (None) so that defaults apply."""
    known = F.TABLES[table_id].field_ids
    row = {}
    for fid, value in zip(fields, values):
        assert fid in known, fid
        if value is not None:
            row[fid] = value
    return row


_IN_FIELDS = ("line_id", "description", "material", "business_unit", "mass", "mass_unit", "recycled_preconsumer_pct",
              "recycled_postconsumer_pct", "reused_pct", "renewable_pct", "sustainably_sourced_pct",
              "critical_raw_material", "is_packaging", "data_quality", "source")
_PROD_FIELDS = ("product_id", "description", "product_group", "mass", "mass_unit", "units_sold", "revenue",
                "actual_lifetime", "industry_lifetime", "use_intensity_ratio", "recyclable_content_pct",
                "packaging_recyclable_content_pct", "reparability_score", "mci_recycled_feedstock_pct",
                "mci_reused_feedstock_pct", "mci_sustainable_bio_feedstock_pct", "mci_collected_recycling_pct",
                "mci_collected_reuse_pct", "mci_composted_pct", "mci_recycling_efficiency_eol_pct",
                "mci_recycling_efficiency_feedstock_pct")
_OUT_FIELDS = ("line_id", "description", "flow_type", "business_unit", "mass", "mass_unit", "hazardous", "cycle",
               "destination", "energy_recovery_r1", "recovery_potential_pct", "actual_recovery_pct", "waste_code",
               "data_quality", "source")
_WATER_FIELDS = ("line_id", "kind", "source_or_destination", "volume", "volume_unit", "circular")
_ENERGY_FIELDS = ("line_id", "carrier", "amount", "energy_unit", "renewable")
_SEG_FIELDS = ("segment_id", "description", "revenue")
_PROC_FIELDS = ("product_id", "description", "rule_id", "basis_mass", "recycled_preconsumer_mass",
                "recycled_postconsumer_mass", "biobased_mass", "mass_unit", "note")


def _num(x):
    """Whole numbers as int in the JSON form (``1850`` rather than ``1850.0``)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _clean(row: dict) -> dict:
    return {k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()}


def sample_assessment() -> dict:
    """The JSON form of the sample assessment (株式会社みどり精機, FY2025). Deterministic; a fresh dict."""
    org = _organisation()
    org["cascading_principle_note"] = _CASCADING_NOTE
    return {
        "organisation": org,
        "inflows": _with([_clean(_row("inflows", r, _IN_FIELDS)) for r in _INFLOWS], _REV2_INFLOWS),
        "products": _with([_clean(_row("products", r, _PROD_FIELDS)) for r in _PRODUCTS], _REV2_PRODUCTS, "product_id"),
        "outflows": _with([_clean(_row("outflows", r, _OUT_FIELDS)) for r in _OUTFLOWS + _OUTFLOWS_REV2],
                          _REV2_OUTFLOWS),
        "water": [_clean(_row("water", r, _WATER_FIELDS)) for r in _WATER],
        "energy": [_clean(_row("energy", r, _ENERGY_FIELDS)) for r in _ENERGY] + [dict(e) for e in _ENERGY_REV2],
        "procurement": [_clean({**_row("procurement", r, _PROC_FIELDS), **_PROCUREMENT_EXTRA.get(r[0], {})})
                        for r in _PROCUREMENT],
        "disclosures": [dict(d) for d in _DISCLOSURES],
        "segments": [_clean(_row("segments", r, _SEG_FIELDS)) for r in _SEGMENTS],
        "resource_act": [_clean(_row("resource_act", r, _RA_FIELDS)) for r in _RESOURCE_ACT],
    }


def sample_json() -> str:
    """The text of ``templates/sample_assessment.json``."""
    return json.dumps(sample_assessment(), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------------
# synthetic assessments
# --------------------------------------------------------------------------------------------------
_MASS_UNITS = ("t", "kg", "g", "lb", "kt", "Mg")
_MASS_UNIT_P = (0.55, 0.35, 0.02, 0.02, 0.03, 0.03)
_MASS_SCALE = {"t": 1.0, "kg": 1e3, "g": 1e6, "lb": 2204.62262, "kt": 1e-3, "Mg": 1.0}
_BUS = ("HQ", "Plant-A", "Plant-B", "Subsidiary-C")
_CRM = ("Cobalt", "Lithium", "Gallium", "Neodymium", "Tungsten", "Copper")


def _round_list(a: np.ndarray, digits: int) -> list:
    return np.round(a, digits).tolist()


def synthetic_assessment(n_inflows: int = 1000, n_outflows: int = 1000, n_products: int = 20, seed: int = 0,
                         n_water: int = 10, n_energy: int = 10, n_procurement: int = 4) -> dict:
    """A valid JSON-form assessment with ``n_inflows`` inflow and ``n_outflows`` outflow lines.

    Deterministic for a given seed. Values vary in units (t, kg, g, lb, kt, Mg), materials, data quality,
    flow types, destinations, recycled/reused/renewable shares (always summing to at most 100 %) and
    optional fields left blank, so that the result exercises the validation and the formulas. Built with
    vectorised numpy draws; a million lines take a few seconds.
    """
    rng = np.random.default_rng(seed)
    org = _organisation()
    org["name"] = f"Synthetic Co. {seed}"
    org["revenue"] = float(np.round(rng.uniform(1e9, 1e11), 0))

    # ---- inflows
    n = int(n_inflows)
    units = rng.choice(np.array(_MASS_UNITS), size=n, p=_MASS_UNIT_P)
    mass_t = rng.lognormal(mean=1.0, sigma=1.5, size=n)
    scale = np.vectorize(_MASS_SCALE.get, otypes=[float])(units) if n else np.zeros(0)
    mass = _round_list(mass_t * scale, 3)
    # shares: Dirichlet over (pre, post, reused, renewable, virgin) -> sum <= 100 by construction
    shares = rng.dirichlet((0.6, 0.8, 0.2, 0.5, 3.0), size=n) * 100.0
    shares = np.floor(shares * 10) / 10  # one decimal, rounded down: the sum stays <= 100
    zero = rng.random((n, 4)) < 0.4  # many lines have no recycled / reused / renewable content
    shares[:, :4][zero] = 0.0
    sustainable = np.round(rng.uniform(0, 100, size=n), 1)
    materials = rng.choice(np.array(F.MATERIALS), size=n).tolist()
    bus = rng.choice(np.array(_BUS), size=n).tolist()
    dq = rng.choice(np.array(F.DATA_QUALITY), size=n).tolist()
    packaging = (rng.random(n) < 0.1).tolist()
    crm_draw = rng.integers(0, len(_CRM), size=n)
    crm_on = rng.random(n) < 0.05
    crm_share = np.round(rng.uniform(0.5, 100.0, size=n), 1).tolist()
    pre, post, reu, ren = (shares[:, k].tolist() for k in range(4))
    sust = sustainable.tolist()
    units_l = units.tolist()
    inflows = []
    for i in range(n):
        row = {
            "line_id": f"IN-{i + 1:07d}",
            "material": materials[i],
            "business_unit": bus[i],
            "mass": mass[i],
            "mass_unit": units_l[i],
            "recycled_preconsumer_pct": pre[i],
            "recycled_postconsumer_pct": post[i],
            "reused_pct": reu[i],
            "renewable_pct": ren[i],
            "is_packaging": packaging[i],
            "data_quality": dq[i],
        }
        if ren[i] > 0:
            row["sustainably_sourced_pct"] = sust[i]
        if crm_on[i]:
            row["critical_raw_material"] = _CRM[crm_draw[i]]
            row["critical_content_pct"] = crm_share[i]
        inflows.append(row)

    # ---- outflows
    m = int(n_outflows)
    ounits = rng.choice(np.array(_MASS_UNITS), size=m, p=_MASS_UNIT_P)
    oscale = np.vectorize(_MASS_SCALE.get, otypes=[float])(ounits) if m else np.zeros(0)
    omass = _round_list(rng.lognormal(mean=0.5, sigma=1.5, size=m) * oscale, 3)
    ftype = rng.choice(np.array(F.FLOW_TYPES), size=m, p=(0.15, 0.15, 0.7)).tolist()
    dest = rng.choice(np.array(F.DESTINATIONS), size=m).tolist()
    rp = np.round(rng.uniform(20, 100, size=m), 1)
    ar = np.round(rp * rng.uniform(0, 1, size=m), 1).tolist()
    rp = rp.tolist()
    hazardous = (rng.random(m) < 0.05).tolist()
    r1 = (rng.random(m) < 0.5).tolist()
    bio = (rng.random(m) < 0.15).tolist()
    give_ar = (rng.random(m) < 0.1).tolist()
    odq = rng.choice(np.array(F.DATA_QUALITY), size=m).tolist()
    obus = rng.choice(np.array(_BUS), size=m).tolist()
    ounits_l = ounits.tolist()
    outflows = []
    for i in range(m):
        row = {
            "line_id": f"OUT-{i + 1:07d}",
            "flow_type": ftype[i],
            "business_unit": obus[i],
            "mass": omass[i],
            "mass_unit": ounits_l[i],
            "destination": dest[i],
            "data_quality": odq[i],
        }
        if hazardous[i]:
            row["hazardous"] = True
        if bio[i]:
            row["cycle"] = "biological"
        if dest[i] == "energy_recovery":
            row["energy_recovery_r1"] = r1[i]
        if ftype[i] != "waste":
            row["recovery_potential_pct"] = rp[i]
            row["actual_recovery_pct"] = ar[i]
        elif give_ar[i]:
            row["actual_recovery_pct"] = ar[i]
        outflows.append(row)

    # ---- products
    p = int(n_products)
    products = []
    pmass = _round_list(rng.lognormal(2.0, 1.0, size=p), 3)
    life = _round_list(rng.uniform(1, 20, size=p), 1)
    ind = _round_list(rng.uniform(1, 20, size=p), 1)
    fr = rng.uniform(0, 60, size=p)
    fu = rng.uniform(0, 20, size=p)
    cr = rng.uniform(0, 70, size=p)
    cu = rng.uniform(0, 20, size=p)
    for i in range(p):
        row = {
            "product_id": f"P-{i + 1:05d}",
            "product_group": f"Group {i % 4 + 1}",
            "mass": pmass[i],
            "mass_unit": "t",
            "units_sold": int(rng.integers(100, 1_000_000)),
            "revenue": float(rng.integers(1_000_000, 1_000_000_000)),
            "recyclable_content_pct": float(np.round(rng.uniform(0, 100), 1)),
        }
        if i % 5 != 4:
            row["actual_lifetime"] = life[i]
            row["industry_lifetime"] = ind[i]
            row.update({
                "mci_recycled_feedstock_pct": round(float(fr[i]), 1),
                "mci_reused_feedstock_pct": round(float(fu[i]), 1),
                "mci_sustainable_bio_feedstock_pct": 0.0,
                "mci_collected_recycling_pct": round(float(cr[i]), 1),
                "mci_collected_reuse_pct": round(float(cu[i]), 1),
                "mci_composted_pct": 0.0,
                "mci_recycling_efficiency_eol_pct": 90.0,
                "mci_recycling_efficiency_feedstock_pct": 90.0,
            })
        products.append(row)

    # ---- water, energy, procurement
    water = []
    for i in range(int(n_water)):
        kind = F.WATER_KINDS[i % 3]
        src = {"withdrawal": ("groundwater", "third_party", "rainwater"),
               "discharge": ("surface_water", "third_party", "reuse_by_third_party"),
               "recirculated": (None,)}[kind]
        s = src[i % len(src)]
        row = {"line_id": f"W-{i + 1:04d}", "kind": kind, "volume": float(np.round(rng.uniform(10, 1e5), 1)),
               "volume_unit": ("m3", "kL", "L", "ML")[i % 4] if kind != "recirculated" else "m3",
               "circular": s in ("rainwater", "reuse_by_third_party") or kind == "recirculated"}
        if s is not None:
            row["source_or_destination"] = s
        water.append(row)
    energy = []
    eunits = ("MWh", "kWh", "GWh", "MJ", "GJ", "TJ")
    escale = {"MWh": 1.0, "kWh": 1e3, "GWh": 1e-3, "MJ": 3600.0, "GJ": 3.6, "TJ": 3.6e-3}
    for i in range(int(n_energy)):
        u = eunits[i % len(eunits)]
        carrier = F.CARRIERS[i % len(F.CARRIERS)]
        energy.append({"line_id": f"E-{i + 1:04d}", "carrier": carrier,
                       "amount": float(np.round(rng.uniform(10, 1e4) * escale[u], 3)), "energy_unit": u,
                       "renewable": carrier in ("biomass", "hydrogen") or (carrier == "electricity" and i % 2 == 0)})
    rules = ("gpp.ballpoint_pen", "gpp.stationery_plastic", "gpp.garbage_bag_plastic",
             "ecomark.biobased_office_goods")
    procurement = []
    for i in range(int(n_procurement)):
        basis = float(np.round(rng.uniform(5, 50), 2))
        post_m = float(np.round(basis * rng.uniform(0, 0.8), 2))
        procurement.append({"product_id": f"PR-{i + 1:04d}", "rule_id": rules[i % len(rules)], "basis_mass": basis,
                            "recycled_postconsumer_mass": post_m, "mass_unit": "g"})

    return {"organisation": org, "inflows": inflows, "products": products, "outflows": outflows, "water": water,
            "energy": energy, "procurement": procurement}
