"""The input data dictionary as code: the single source of truth for every table and field.

Field ids are the contract (see ``docs/methodology.md`` and the specification's data dictionary).
The pydantic models (:mod:`gcpcalc.models`), the Excel template and importer (:mod:`gcpcalc.excel`),
the Streamlit form and the report's input echo are all derived from :data:`TABLES`; no other module
keeps its own list of columns.

Kinds of field:

``text``     free text (stripped); ``suggested`` lists common values without restricting them
``number``   a real number; ``minimum``/``exclusive_minimum`` bound it
``percent``  a number 0–100 (percent in the dictionary, fractions only inside the formulas)
``bool``     true/false (``yes``/``no``, ``はい``/``いいえ``, ``1``/``0`` accepted on import)
``enum``     one of ``allowed`` (the closest allowed value is suggested on error)
``unit``     a unit of ``unit_kind`` (mass, volume, energy); aliases are normalised
``date``     an ISO date
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MATERIALS = (
    "steel", "aluminium", "copper", "other_metals", "plastics", "paper", "wood", "glass", "textiles",
    "rubber", "electronics", "chemicals", "minerals", "food_biomass", "other",
)
DATA_QUALITY = ("measured", "calculated", "estimated")
FLOW_TYPES = ("product", "by_product", "waste")
CYCLES = ("technical", "biological")
DESTINATIONS = (
    "preparation_for_reuse", "recycling", "composting", "energy_recovery", "other_recovery",
    "incineration", "landfill", "other_disposal", "unknown",
)
#: Destinations whose waste counts as actually recovered (100 %) unless ``actual_recovery_pct`` is given.
RECOVERED_DESTINATIONS = ("preparation_for_reuse", "recycling", "composting")
WATER_KINDS = ("withdrawal", "discharge", "recirculated")
WATER_SOURCES = (
    "surface_water", "groundwater", "seawater", "third_party", "rainwater", "reclaimed", "reuse_by_third_party",
)
CARRIERS = ("electricity", "heat", "natural_gas", "oil", "coal", "biomass", "hydrogen", "other")
ASSESSMENT_LEVELS = ("organisation", "business_unit", "product", "material")
USE_CASES = ("external_reporting", "internal_steering", "resource_risk")
MATURITY = ("initiation", "expansion", "consolidation")
#: where the recycled content of an inflow line was recovered (国産再生材) (rev. 2)
RECYCLED_ORIGINS = ("domestic", "imported", "unknown")
#: energy consumed in the boundary, or exported from it (netted out in ISO 59020) (rev. 2)
ENERGY_DIRECTIONS = ("consumed", "exported")
#: certification schemes behind sustainably sourced or recycled content (ESRS E5 §31b) (rev. 2)
#: ESRS E5-4 and E5-5 datapoints (EFRAG IG 3 ids): id, paragraph, kind (number / table / narrative), en and ja
#: label. They carry a disclosure status and a narrative (table ``disclosures``, rev. 2)
ESRS_E5_DATAPOINT_INFO: tuple[tuple[str, str, str, str, str], ...] = (
    ("E5-4_01", "§30", "narrative", "Information about material resource inflows",
     "重要な資源の流入に関する情報"),
    ("E5-4_02", "§31(a)", "number", "Overall total weight of products and technical and biological materials used",
     "使用した製品・技術的材料・生物由来材料の総重量"),
    ("E5-4_03", "§31(b)", "number", "Percentage of biological materials sustainably sourced (with certification scheme and cascading principle)",
     "持続可能に調達された生物由来材料の割合（認証制度とカスケード利用の原則を含む）"),
    ("E5-4_04", "§31(c)", "number", "Weight of secondary reused or recycled components, intermediary products and materials",
     "二次的（リユース・リサイクル）部品・中間製品・材料の重量"),
    ("E5-4_05", "§31(c)", "number", "Percentage of secondary reused or recycled components, intermediary products and materials",
     "二次的（リユース・リサイクル）部品・中間製品・材料の割合"),
    ("E5-4_06", "§32", "narrative", "Methodologies and key assumptions (inflows)",
     "算定方法と主要な前提（流入）"),
    ("E5-4_07", "AR", "narrative", "Materials sourced from by-products or waste streams",
     "副産物・廃棄物由来の材料"),
    ("E5-4_08", "AR", "narrative", "How double counting was avoided and the choices made",
     "二重計上の回避方法と選択"),
    ("E5-5_01", "§35", "narrative", "Key products and materials that come out of the production process",
     "生産工程から産出される主要な製品・材料"),
    ("E5-5_02", "§36(a)", "number", "Expected durability of products against the industry average, per product group",
     "製品の期待耐久性（業界平均比、製品グループ別）"),
    ("E5-5_03", "§36(b)", "number", "Reparability of products",
     "製品の修理可能性"),
    ("E5-5_04", "§36(c)", "number", "Rate of recyclable content in products",
     "製品のリサイクル可能な材料の含有率"),
    ("E5-5_05", "§36(c)", "number", "Rate of recyclable content in product packaging",
     "包装のリサイクル可能な材料の含有率"),
    ("E5-5_06", "§40", "narrative", "Methodologies (resource outflows)",
     "算定方法（流出）"),
    ("E5-5_07", "§37(a)", "number", "Total amount of waste generated",
     "廃棄物の総発生量"),
    ("E5-5_08", "§37(b)", "table", "Waste diverted from disposal, by hazard class and recovery operation",
     "処分から転換された廃棄物（有害性・回収操作別）"),
    ("E5-5_09", "§37(c)", "table", "Waste directed to disposal, by hazard class and disposal operation",
     "処分された廃棄物（有害性・処分操作別）"),
    ("E5-5_10", "§37(d)", "number", "Amount of non-recycled waste",
     "リサイクルされなかった廃棄物の量"),
    ("E5-5_11", "§37(d)", "number", "Percentage of non-recycled waste",
     "リサイクルされなかった廃棄物の割合"),
    ("E5-5_12", "§38", "narrative", "Composition of the waste",
     "廃棄物の組成"),
    ("E5-5_13", "§38(a)", "narrative", "Waste streams relevant to the sector or activities",
     "業種・事業に関連する廃棄物の種類"),
    ("E5-5_14", "§38(b)", "narrative", "Materials present in the waste",
     "廃棄物に含まれる材料"),
    ("E5-5_15", "§39", "number", "Total amount of hazardous waste",
     "有害廃棄物の総量"),
    ("E5-5_16", "§39", "number", "Total amount of radioactive waste",
     "放射性廃棄物の総量"),
    ("E5-5_17", "§40", "narrative", "Methodologies (waste generated)",
     "算定方法（廃棄物の発生量）"),
    ("E5-5_18", "AR", "narrative", "Engagement in product end-of-life waste management",
     "製品の使用済み段階の廃棄物管理への関与"),
)
ESRS_E5_DATAPOINTS = tuple(d[0] for d in ESRS_E5_DATAPOINT_INFO)
CERTIFICATION_SCHEMES = ("FSC", "PEFC", "SGEC", "ISCC PLUS", "RSB", "RSPO", "Bonsucro", "GRS", "RCS", "other")


@dataclass(frozen=True)
class Field:
    """One field of the data dictionary."""

    id: str
    kind: str
    label_en: str
    label_ja: str
    help_en: str = ""
    help_ja: str = ""
    required: bool = False
    default: Any = None
    allowed: tuple[str, ...] = ()
    suggested: tuple[str, ...] = ()
    unit_kind: str | None = None  # for kind == "unit"
    unit: str = ""  # unit shown beside the value ("%", "years", "currency", or the name of the unit field)
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    unique: bool = False
    #: a rule that makes the field required in some rows, in words (the check lives in models.py)
    required_when: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "percent")

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def help(self, lang: str = "en") -> str:
        return self.help_ja if lang == "ja" else self.help_en


@dataclass(frozen=True)
class Table:
    """One input table (one sheet of the template, one list of the JSON form)."""

    id: str
    label_en: str
    label_ja: str
    fields: tuple[Field, ...]
    key_field: str | None = None  # unique row id
    single_record: bool = False  # organisation: one key/value record
    help_en: str = ""
    help_ja: str = ""
    extra: dict = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    @property
    def sheet_names(self) -> tuple[str, str]:
        """Sheet names accepted on import: (en, ja)."""
        return (self.id, self.label_ja)

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id}.{field_id}")

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)


def _pct(fid, en, ja, help_en="", help_ja="", default=0.0, required=False, required_when=""):
    return Field(fid, "percent", en, ja, help_en, help_ja, required=required, default=default, unit="%",
                 minimum=0.0, maximum=100.0, required_when=required_when)


def _mass(required=True, help_en="Mass in the unit of the mass_unit column.", help_ja="質量（単位は「質量単位」列）。"):
    return Field("mass", "number", "Mass", "質量", help_en, help_ja, required=required, unit="mass_unit",
                 minimum=0.0)


def _mass_unit(default="t"):
    return Field("mass_unit", "unit", "Mass unit", "質量単位",
                 "t, kg, g, lb, kt or Mg (トン, キログラム accepted).", "t, kg, g, lb, kt, Mg（トン・キログラムも可）。",
                 default=default, unit_kind="mass")


def _line_id(help_en="Unique id of the line in this table.", help_ja="この表で一意の行ID。"):
    return Field("line_id", "text", "Line id", "行ID", help_en, help_ja, required=True, unique=True)


def _text(fid, en, ja, help_en="", help_ja="", required=False, suggested=()):
    return Field(fid, "text", en, ja, help_en, help_ja, required=required, suggested=suggested)


def _bool(fid, en, ja, help_en="", help_ja="", default=False):
    return Field(fid, "bool", en, ja, help_en, help_ja, default=default)


def _enum(fid, en, ja, allowed, help_en="", help_ja="", default=None, required=False, required_when=""):
    return Field(fid, "enum", en, ja, help_en, help_ja, required=required, default=default, allowed=allowed,
                 required_when=required_when)


_DQ = _enum("data_quality", "Data quality", "データ品質", DATA_QUALITY,
            "measured, calculated or estimated.", "実測・計算・推計のいずれか。", default="estimated")
_SOURCE = _text("source", "Source / evidence", "出典・根拠",
                "Evidence, supplier declaration, manifest or document.", "根拠資料、サプライヤー申告、マニフェスト等。")
_CRM = _text("critical_raw_material", "Critical raw material", "重要原材料",
             "Id, name (en/ja) or symbol from the critical-materials list (EU Regulation 2024/1252 Annex II; Japan's "
             "critical minerals). Blank or 'none' = none.",
             "重要原材料リスト（EU 規則 2024/1252 附属書II、日本の重要鉱物）のID・名称・元素記号。"
             "該当しない場合は空欄または「なし」。")
_EVIDENCE_IN = _text("evidence_ref", "Evidence reference", "根拠資料番号",
                     "Document behind the figures: declaration, certificate, invoice.",
                     "数値の根拠となる資料：申告書・証明書・請求書などの番号。")
_BU = _text("business_unit", "Business unit", "事業単位", "Site or subsidiary, for breakdowns and consolidation.",
            "拠点・子会社（内訳・連結用）。")

ORGANISATION = Table(
    "organisation", "Organisation", "組織",
    (
        _text("name", "Organisation name", "組織名", "Legal or reporting name.", "法人名または報告上の名称。", required=True),
        Field("period_start", "date", "Period start", "報告期間開始日", "First day of the reporting period.",
              "報告期間の初日。", required=True),
        Field("period_end", "date", "Period end", "報告期間終了日", "Last day of the reporting period (after the start).",
              "報告期間の末日（開始日より後）。", required=True),
        Field("currency", "text", "Currency", "通貨", "ISO 4217 code of all money fields.", "金額項目の通貨（ISO 4217）。",
              default="JPY"),
        Field("country", "text", "Country", "国", "ISO 3166-1 alpha-2 code.", "ISO 3166-1 alpha-2 コード。", default="JP"),
        _text("sector", "Sector", "業種", "e.g. NACE or JSIC code and name.", "NACE・日本標準産業分類のコードと名称など。"),
        _enum("assessment_level", "Assessment level", "評価レベル", ASSESSMENT_LEVELS,
              "GCP v1.0 assessment level.", "GCP v1.0 の評価レベル。", default="organisation"),
        _enum("use_case", "Use case", "ユースケース", USE_CASES, "GCP v1.0 use case.", "GCP v1.0 のユースケース。",
              default="external_reporting"),
        _enum("maturity", "Maturity", "成熟度", MATURITY, "GCP v1.0 progressive journey.",
              "GCP v1.0 の段階的ジャーニー。", default="initiation"),
        Field("revenue", "number", "Revenue", "売上高", "Total revenue in the period (currency above).",
              "期間中の売上高合計（上記通貨）。", unit="currency", minimum=0.0),
        _text("boundary_note", "Boundary note", "バウンダリー注記", "What is inside the boundary; exclusions.",
              "バウンダリーに含まれる範囲・除外事項。"),
        _text("cascading_principle_note", "Cascading principle (biological materials)", "カスケード利用の原則（生物由来材料）",
              "How the cascading principle is applied to biological materials (ESRS E5-4 §31(b)).",
              "生物由来材料にカスケード利用の原則をどのように適用しているか（ESRS E5-4 §31(b)）。"),
    ),
    single_record=True,
    help_en="One record: who reports, for which period, and the GCP frame.",
    help_ja="1件のみ：報告主体、報告期間、GCPの枠組み。",
)

INFLOWS = Table(
    "inflows", "Inflows", "インフロー",
    (
        _line_id(),
        _text("description", "Description", "説明"),
        _text("material", "Material", "素材", "Suggested: " + ", ".join(MATERIALS), "候補: " + ", ".join(MATERIALS),
              suggested=MATERIALS),
        _BU,
        _mass(),
        _mass_unit(),
        _pct("recycled_preconsumer_pct", "Recycled, pre-consumer (%)", "再生材・プレコンシューマ（%）",
             "Recycled content from pre-consumer sources (ISO 14021; in-process regrind excluded), % of the line's mass.",
             "プレコンシューマ由来の再生材含有率（ISO 14021、工程内リグラインドは除く）、行質量に対する%。"),
        _pct("recycled_postconsumer_pct", "Recycled, post-consumer (%)", "再生材・ポストコンシューマ（%）",
             "Recycled content from post-consumer sources, % of the line's mass.",
             "ポストコンシューマ由来の再生材含有率、行質量に対する%。"),
        _pct("reused_pct", "Reused (%)", "リユース（%）",
             "Reused components / products (second-hand, refurbished, remanufactured), % of the line's mass.",
             "リユース部品・製品（中古・整備品・再製造品）、行質量に対する%。"),
        _pct("renewable_pct", "Renewable, virgin (%)", "再生可能・バージン（%）",
             "Virgin renewable (bio-based) content, % of the line's mass.",
             "バージンの再生可能（バイオマス由来）含有率、行質量に対する%。"),
        _pct("sustainably_sourced_pct", "Sustainably sourced (% of renewable)", "持続可能な調達（再生可能分の%）",
             "Share of the virgin renewable content that is sustainably managed (e.g. certified).",
             "バージン再生可能分のうち持続可能に管理された割合（認証材など）。"),
        _CRM,
        _pct("critical_content_pct", "Critical material content (%)", "重要原材料の含有率（%）",
             "Mass share of the named critical raw material in the line. When missing, the whole line counts "
             "(with a warning).",
             "記載した重要原材料が行の質量に占める割合。未入力の場合は行全体を計上します（警告を表示）。", default=None),
        _enum("recycled_origin", "Origin of recycled content", "再生材の由来（国内・輸入）", RECYCLED_ORIGINS,
              "Where the recycled content was recovered: domestic, imported or unknown.",
              "再生材が回収された地域：国内・輸入・不明のいずれか。", default="unknown"),
        _text("certification_scheme", "Certification scheme", "認証制度",
              "Scheme behind the sustainably sourced or recycled share (ESRS E5-4 §31(b)). Suggested: "
              + ", ".join(CERTIFICATION_SCHEMES),
              "持続可能な調達・再生材の割合の根拠となる認証制度（ESRS E5-4 §31(b)）。候補："
              + "、".join(CERTIFICATION_SCHEMES), suggested=CERTIFICATION_SCHEMES),
        _text("supplier", "Supplier", "サプライヤー", "Supplier name or id.", "サプライヤー名またはID。"),
        _EVIDENCE_IN,
        _bool("is_packaging", "Packaging", "包装材", "True for packaging inflows.", "包装材であれば「はい」。"),
        _DQ,
        _SOURCE,
    ),
    key_field="line_id",
    help_en="Materials, components, products and packaging that enter the boundary.",
    help_ja="バウンダリーに投入される素材・部品・製品・包装材。",
)

PRODUCTS = Table(
    "products", "Products", "製品",
    (
        Field("product_id", "text", "Product id", "製品ID", "Unique id of the product.", "製品の一意なID。",
              required=True, unique=True),
        _text("description", "Description", "説明"),
        _text("product_group", "Product group", "製品グループ", "For per-group durability (ESRS E5-5 §36a).",
              "製品グループ別の耐久性（ESRS E5-5 §36a）に使用。"),
        _mass(required=False, help_en="Mass put on the market.", help_ja="上市した質量。"),
        _mass_unit(),
        Field("units_sold", "number", "Units sold", "販売数量", "Number of units put on the market.", "上市した数量。",
              minimum=0.0),
        Field("revenue", "number", "Revenue", "売上高", "Revenue of the product (organisation currency).",
              "製品の売上高（組織の通貨）。", unit="currency", minimum=0.0),
        Field("actual_lifetime", "number", "Actual lifetime", "実耐用年数",
              "Expected/actual durability (years or use cycles).", "想定・実際の耐久性（年または使用回数）。",
              unit="years", minimum=0.0, exclusive_minimum=True),
        Field("industry_lifetime", "number", "Industry-average lifetime", "業界平均耐用年数",
              "Industry average in the same unit; required with the actual lifetime.",
              "同じ単位の業界平均。実耐用年数を入力した場合は必須。", unit="years", minimum=0.0, exclusive_minimum=True,
              required_when="actual_lifetime"),
        Field("use_intensity_ratio", "number", "Use intensity ratio (U/U_av)", "使用強度比（U/U_av）",
              "MCI utility term: functional units relative to the industry average.",
              "MCIの効用項：業界平均に対する機能単位数の比。", default=1.0, minimum=0.0, exclusive_minimum=True),
        _pct("recyclable_content_pct", "Recyclable content (%)", "リサイクル可能含有率（%）",
             "Designed recyclability of the product (ESRS E5-5 §36c).", "製品の設計上のリサイクル可能性（ESRS E5-5 §36c）。",
             default=None),
        Field("packaging_mass", "number", "Packaging mass", "包装質量",
              "Mass of the packaging put on the market with the product, in the product's mass unit.",
              "製品とともに上市した包装の質量（製品の質量単位）。", unit="mass_unit", minimum=0.0),
        _pct("packaging_recyclable_content_pct", "Packaging recyclable content (%)", "包装のリサイクル可能含有率（%）",
             "Designed recyclability of its packaging (ESRS E5-5 §36c).", "包装の設計上のリサイクル可能性（ESRS E5-5 §36c）。",
             default=None),
        _text("reparability_score", "Reparability score", "修理可能性スコア", "Score and scheme, e.g. 7.5 (FR index).",
              "スコアと制度名（例：7.5 (FR index)）。"),
        _pct("mci_recycled_feedstock_pct", "MCI recycled feedstock F_R (%)", "MCI 再生原料 F_R（%）",
             "Fraction of feedstock from recycled sources.", "再生原料の割合。", default=None),
        _pct("mci_reused_feedstock_pct", "MCI reused feedstock F_U (%)", "MCI リユース原料 F_U（%）",
             "Fraction of feedstock from reused sources.", "リユース原料の割合。", default=None),
        _pct("mci_sustainable_bio_feedstock_pct", "MCI sustainable bio feedstock F_S (%)",
             "MCI 持続可能バイオ原料 F_S（%）",
             "Biological feedstock from sustained production, not counted in F_R or F_U.",
             "持続可能な生産によるバイオ原料（F_R・F_U を除く）。", default=None),
        _pct("mci_collected_recycling_pct", "MCI collected for recycling C_R (%)", "MCI リサイクル回収 C_R（%）",
             "Fraction of product mass collected for recycling at end of use.", "使用後にリサイクル向けに回収される割合。",
             default=None),
        _pct("mci_collected_reuse_pct", "MCI collected for reuse C_U (%)", "MCI リユース回収 C_U（%）",
             "Fraction collected for reuse.", "リユース向けに回収される割合。", default=None),
        _pct("mci_composted_pct", "MCI composted C_C (%)", "MCI 堆肥化 C_C（%）",
             "Fraction returned via the biological cycle (composting).", "生物的サイクル（堆肥化）で還元される割合。",
             default=None),
        _pct("mci_recycling_efficiency_eol_pct", "MCI recycling efficiency, end of life E_C (%)",
             "MCI 使用済みリサイクル効率 E_C（%）", "Efficiency of recycling the collected product.",
             "回収製品のリサイクル工程の効率。", default=100.0),
        _pct("mci_recycling_efficiency_feedstock_pct", "MCI recycling efficiency, feedstock E_F (%)",
             "MCI 原料リサイクル効率 E_F（%）", "Efficiency of the process that produced the recycled feedstock.",
             "再生原料を製造した工程の効率。", default=100.0),
    ),
    key_field="product_id",
    help_en="Products and services put on the market in the period.",
    help_ja="期間中に上市した製品・サービス。",
)

#: Product fields that carry the MCI inputs; a product's MCI is computed only when one of them is given.
MCI_INPUT_FIELDS = (
    "mci_recycled_feedstock_pct", "mci_reused_feedstock_pct", "mci_sustainable_bio_feedstock_pct",
    "mci_collected_recycling_pct", "mci_collected_reuse_pct", "mci_composted_pct",
)

OUTFLOWS = Table(
    "outflows", "Outflows", "アウトフロー",
    (
        _line_id(),
        _text("description", "Description", "説明"),
        _enum("flow_type", "Flow type", "フロー種別", FLOW_TYPES, "product, by_product or waste.",
              "製品・副産物・廃棄物のいずれか。", required=True),
        _BU,
        _mass(),
        _mass_unit(),
        _bool("hazardous", "Hazardous", "有害", "Hazardous waste (特別管理産業廃棄物 / EU hazardous).",
              "有害廃棄物（特別管理産業廃棄物／EU有害廃棄物）。"),
        _bool("radioactive", "Radioactive", "放射性", "Radioactive waste (Directive 2011/70/Euratom).",
              "放射性廃棄物。"),
        _enum("cycle", "Cycle", "サイクル", CYCLES, "technical or biological.", "技術的・生物的のいずれか。",
              default="technical"),
        _enum("destination", "Destination", "処理・行先", DESTINATIONS,
              "Treatment / end-of-life route; required for waste. For product lines, the route of the recovered share.",
              "処理・使用済み後の経路。廃棄物は必須。製品行では回収分の経路。", required_when="flow_type == waste"),
        _bool("energy_recovery_r1", "Energy recovery meets R1", "エネルギー回収がR1基準を満たす",
              "Energy recovery meets the R1 efficiency criterion (then it is other recovery, else incineration).",
              "R1効率基準を満たす場合は「その他の回収」、満たさない場合は「焼却」として扱う。"),
        _pct("recovery_potential_pct", "Recovery potential (%)", "回収ポテンシャル（%）",
             "Share designed to be recoverable. Required for products and by-products; waste defaults to 100.",
             "回収可能に設計された割合。製品・副産物は必須、廃棄物は既定100。", default=None,
             required_when="flow_type in (product, by_product)"),
        _pct("actual_recovery_pct", "Actual recovery (%)", "実回収率（%）",
             "Share demonstrably recovered. Required for products and by-products; for waste derived from the "
             "destination unless given.",
             "実際に回収された割合。製品・副産物は必須、廃棄物は未入力なら処理方法から導出。", default=None,
             required_when="flow_type in (product, by_product)"),
        _text("waste_code", "Waste code", "廃棄物コード", "EWC code or 産業廃棄物の種類.", "EWCコードまたは産業廃棄物の種類。"),
        _CRM,
        _text("evidence_ref", "Evidence reference", "根拠資料番号",
              "Manifest number (マニフェスト交付番号), contractor report.", "マニフェスト交付番号、処理業者の報告書など。"),
        _DQ,
        _SOURCE,
    ),
    key_field="line_id",
    help_en="Products, by-products and waste that leave the boundary.",
    help_ja="バウンダリーから出ていく製品・副産物・廃棄物。",
)

WATER = Table(
    "water", "Water", "水",
    (
        _line_id(),
        _enum("kind", "Kind", "種別", WATER_KINDS, "withdrawal, discharge or recirculated (reused on site).",
              "取水・排水・循環利用（サイト内再利用）のいずれか。", required=True),
        _enum("source_or_destination", "Source or destination", "取水源・排水先", WATER_SOURCES),
        Field("volume", "number", "Volume", "水量", "Volume in the unit of volume_unit.", "水量（単位は「水量単位」列）。",
              required=True, unit="volume_unit", minimum=0.0),
        Field("volume_unit", "unit", "Volume unit", "水量単位", "m3, kL, L or ML.", "m3, kL, L, ML。", default="m3",
              unit_kind="volume"),
        _bool("circular", "Circular", "循環的",
              "Withdrawal from a non-virgin source (rainwater, reclaimed), or discharge returned at equal or better "
              "quality or passed on for reuse.",
              "非バージン水源（雨水・再生水）からの取水、または同等以上の水質での返還・再利用向け排水。"),
    ),
    key_field="line_id",
    help_en="Water withdrawn, discharged and recirculated on site.",
    help_ja="取水・排水・サイト内循環利用。",
)

ENERGY = Table(
    "energy", "Energy", "エネルギー",
    (
        _line_id(),
        _text("carrier", "Carrier", "エネルギー種別", "Suggested: " + ", ".join(CARRIERS), "候補: " + ", ".join(CARRIERS),
              suggested=CARRIERS),
        Field("amount", "number", "Amount", "量", "Energy in the unit of energy_unit.", "エネルギー量（単位は「エネルギー単位」列）。",
              required=True, unit="energy_unit", minimum=0.0),
        Field("energy_unit", "unit", "Energy unit", "エネルギー単位", "kWh, MWh, GWh, MJ, GJ or TJ.",
              "kWh, MWh, GWh, MJ, GJ, TJ。", default="MWh", unit_kind="energy"),
        _bool("renewable", "Renewable", "再生可能", "True for renewable energy.", "再生可能エネルギーであれば「はい」。"),
        _enum("direction", "Direction", "消費・外部供給", ENERGY_DIRECTIONS,
              "consumed in the boundary, or exported (netted out in ISO 59020).",
              "バウンダリー内で消費、または外部へ供給（ISO 59020 では差し引き）。", default="consumed"),
    ),
    key_field="line_id",
    help_en="Energy consumed in the boundary.",
    help_ja="バウンダリー内で消費したエネルギー。",
)

PROCUREMENT = Table(
    "procurement", "Procurement", "グリーン購入",
    (
        Field("product_id", "text", "Product id", "製品ID", "Product checked.", "判定する製品。", required=True),
        _text("description", "Description", "説明"),
        Field("rule_id", "text", "Rule id", "基準ID", "An id from the procurement rules file.", "判定基準ファイルのID。",
              required=True),
        Field("basis_mass", "number", "Basis mass", "基準質量",
              "Mass of the part the rule's percentage is computed on (e.g. plastic parts).",
              "基準の割合の分母となる部分の質量（例：プラスチック部分）。", required=True, unit="mass_unit", minimum=0.0,
              exclusive_minimum=True),
        Field("recycled_preconsumer_mass", "number", "Recycled pre-consumer mass", "プレコンシューマ再生材質量",
              default=0.0, unit="mass_unit", minimum=0.0),
        Field("recycled_postconsumer_mass", "number", "Recycled post-consumer mass", "ポストコンシューマ再生材質量",
              default=0.0, unit="mass_unit", minimum=0.0),
        Field("biobased_mass", "number", "Bio-based mass", "バイオマス由来質量", default=0.0, unit="mass_unit",
              minimum=0.0),
        _mass_unit(default="kg"),
        _text("note", "Note", "備考"),
    ),
    help_en="Product composition for green-procurement checks (Eco Mark, Green Purchasing Act).",
    help_ja="グリーン購入判定用の製品構成（エコマーク、グリーン購入法）。",
)

DISCLOSURES = Table(
    "disclosures", "Disclosures", "開示事項",
    (
        Field("datapoint", "enum", "ESRS datapoint", "ESRS データポイント",
              "An ESRS E5-4 or E5-5 datapoint id, e.g. E5-4_01.", "ESRS E5-4・E5-5 のデータポイントID（例：E5-4_01）。",
              required=True, allowed=ESRS_E5_DATAPOINTS, unique=True),
        _bool("not_material", "Not material", "重要性なし",
              "True when the datapoint is not material for the organisation (it is then reported as not material).",
              "この開示事項が組織にとって重要でない場合は「はい」（「重要性なし」として報告）。"),
        _text("narrative", "Narrative text", "記述内容",
              "The text disclosed for a narrative datapoint, or a comment on a figure.",
              "記述型データポイントの開示文、または数値に添える説明。"),
    ),
    key_field="datapoint",
    help_en="Narrative texts and materiality of the ESRS E5-4 / E5-5 datapoints (optional).",
    help_ja="ESRS E5-4・E5-5 の各データポイントの記述内容と重要性（任意）。",
)

#: Every input table, in the order of the JSON form, the template and the form.
TABLES: dict[str, Table] = {t.id: t for t in (ORGANISATION, INFLOWS, PRODUCTS, OUTFLOWS, WATER, ENERGY, PROCUREMENT,
                                              DISCLOSURES)}
#: The list tables (all but organisation).
LIST_TABLES: tuple[str, ...] = tuple(t for t in TABLES if not TABLES[t].single_record)


def table_for_sheet(name: str) -> Table | None:
    """The table whose en or ja sheet name (or id) is ``name`` (case and spaces ignored)."""
    key = str(name).strip().casefold()
    for t in TABLES.values():
        if key in (t.id.casefold(), t.label_ja.casefold(), t.label_en.casefold()):
            return t
    return None


def field_for_header(table: Table, header: str) -> Field | None:
    """The field whose id, en label or ja label is ``header`` (case, spaces and a trailing unit note ignored)."""
    key = " ".join(str(header).split()).casefold()
    if not key:
        return None
    for f in table.fields:
        if key in (f.id.casefold(), f.label_en.casefold(), f.label_ja.casefold()):
            return f
    return None
