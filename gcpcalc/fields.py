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
#: rounding allowed in the sums of percentages that must not exceed 100 (percentage points: 33.3333 + 66.6667 is
#: 100 %)
SUM_TOLERANCE_PCT = 1e-6
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
     "再使用・リサイクルされた二次的な部品・中間製品・材料の重量"),
    ("E5-4_05", "§31(c)", "number", "Percentage of secondary reused or recycled components, intermediary products and materials",
     "再使用・リサイクルされた二次的な部品・中間製品・材料の割合"),
    ("E5-4_06", "§32", "narrative", "Methodologies and key assumptions (inflows)",
     "算定方法と主要な前提（資源の流入）"),
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
     "算定方法（資源の流出）"),
    ("E5-5_07", "§37(a)", "number", "Total amount of waste generated",
     "廃棄物の総発生量"),
    ("E5-5_08", "§37(b)", "table", "Waste diverted from disposal, by hazard class and recovery operation",
     "処分されなかった廃棄物（有害性区分・回収作業別）"),
    ("E5-5_09", "§37(c)", "table", "Waste directed to disposal, by hazard class and disposal operation",
     "処分された廃棄物（有害性区分・処分作業別）"),
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
    #: a rule that makes the field required in some rows, as a short key (the check lives in models.py)
    required_when: str = ""
    #: the same rule in plain words for the template and the form (en, ja)
    required_when_en: str = ""
    required_when_ja: str = ""
    #: earlier ja labels still accepted as column headers on import (filled templates of older versions)
    aliases_ja: tuple[str, ...] = ()
    #: a drop-down of codes with names (:func:`gcpcalc.choices.choices`: "currencies", "countries",
    #: "procurement_rules"); a picked entry "JPY｜円" is read as its code "JPY"
    choice_list: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "percent")

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def help(self, lang: str = "en") -> str:
        return self.help_ja if lang == "ja" else self.help_en

    def required_when_text(self, lang: str = "en") -> str:
        """When the field is required, in words ("" when it is always or never required)."""
        return self.required_when_ja if lang == "ja" else self.required_when_en

    @property
    def header_keys(self) -> tuple[str, ...]:
        """Every header accepted on import: id, en label, ja label and earlier ja labels."""
        return (self.id, self.label_en, self.label_ja, *self.aliases_ja)


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
    #: earlier ja sheet names still accepted on import
    aliases_ja: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    @property
    def sheet_names(self) -> tuple[str, str]:
        """Sheet names accepted on import: (en, ja)."""
        return (self.id, self.label_ja)

    @property
    def sheet_keys(self) -> tuple[str, ...]:
        """Every sheet name accepted on import: id, en and ja labels and earlier ja labels."""
        return (self.id, self.label_ja, self.label_en, *self.aliases_ja)

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id}.{field_id}")

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)


def _pct(fid, en, ja, help_en="", help_ja="", default=0.0, required=False, required_when="", **kw):
    return Field(fid, "percent", en, ja, help_en, help_ja, required=required, default=default, unit="%",
                 minimum=0.0, maximum=100.0, required_when=required_when, **kw)


def _mass(required=True, help_en="Mass in the unit given in the Mass unit column of the same row.",
          help_ja="質量（単位は同じ行の「質量単位」列の値）。"):
    return Field("mass", "number", "Mass", "質量", help_en, help_ja, required=required, unit="mass_unit",
                 minimum=0.0)


def _mass_unit(default="t"):
    return Field("mass_unit", "unit", "Mass unit", "質量単位",
                 "t, kg, g, lb, kt or Mg (トン, キログラム accepted).",
                 "t、kg、g、lb、kt、Mg のいずれか（「トン」「キログラム」も可）。",
                 default=default, unit_kind="mass")


def _line_id(help_en="Unique id of the line in this table.", help_ja="この表の中で重複しない行ID。"):
    return Field("line_id", "text", "Line id", "行ID", help_en, help_ja, required=True, unique=True)


def _text(fid, en, ja, help_en="", help_ja="", required=False, suggested=(), **kw):
    return Field(fid, "text", en, ja, help_en, help_ja, required=required, suggested=suggested, **kw)


def _bool(fid, en, ja, help_en="", help_ja="", default=False, **kw):
    return Field(fid, "bool", en, ja, help_en, help_ja, default=default, **kw)


def _enum(fid, en, ja, allowed, help_en="", help_ja="", default=None, required=False, required_when="", **kw):
    return Field(fid, "enum", en, ja, help_en, help_ja, required=required, default=default, allowed=allowed,
                 required_when=required_when, **kw)


def _choice_list(values: tuple[str, ...], lang: str) -> str:
    """Suggested values by their labels: "Steel, Aluminium, …" / "鉄鋼、アルミニウム、…"."""
    from .i18n import enum_label

    return ("、" if lang == "ja" else ", ").join(enum_label(v, lang) for v in values)


_DQ = _enum("data_quality", "Data quality", "データ品質", DATA_QUALITY,
            "Measured, calculated or estimated.", "実測・算定・推計のいずれか。", default="estimated")
_SOURCE = _text("source", "Source / evidence", "出典・根拠",
                "Evidence, supplier declaration, waste manifest or document.",
                "根拠資料、サプライヤーの申告書、産業廃棄物管理票（マニフェスト）等。")
_CRM = _text("critical_raw_material", "Critical raw material", "重要原材料",
             "Id, name (en/ja) or symbol from the critical-materials list (EU Regulation 2024/1252 Annex II; Japan's "
             "critical minerals). Blank or 'none' = none.",
             "重要原材料リスト（EU 規則 2024/1252 附属書II、日本の重要鉱物）のID・名称・元素記号。"
             "該当しない場合は空欄または「なし」。")
_EVIDENCE_IN = _text("evidence_ref", "Evidence reference", "根拠資料番号",
                     "Document behind the figures: declaration, certificate, invoice.",
                     "数値の根拠となる資料（申告書・証明書・請求書など）の番号。")
_BU = _text("business_unit", "Business unit", "事業所・子会社", "Site or subsidiary, for breakdowns and consolidation.",
            "内訳・連結の集計単位とする事業所または子会社。", aliases_ja=("事業単位",))

ORGANISATION = Table(
    "organisation", "Organisation", "組織",
    (
        _text("name", "Organisation name", "組織名", "Legal or reporting name.", "法人名または報告上の名称。", required=True),
        Field("period_start", "date", "Period start", "報告期間開始日", "First day of the reporting period.",
              "報告期間の初日。", required=True),
        Field("period_end", "date", "Period end", "報告期間終了日", "Last day of the reporting period (after the start).",
              "報告期間の末日（開始日より後）。", required=True),
        Field("currency", "text", "Currency", "通貨", "ISO 4217 code of all money fields, e.g. JPY.",
              "金額項目の通貨（ISO 4217 の通貨コード、例：JPY）。",
              default="JPY", choice_list="currencies"),
        Field("country", "text", "Country", "国", "ISO 3166-1 alpha-2 country code, e.g. JP.",
              "国名コード（ISO 3166-1 alpha-2、例：JP）。", default="JP", choice_list="countries"),
        _text("sector", "Sector", "業種", "e.g. NACE or JSIC code and name.", "NACE・日本標準産業分類のコードと名称など。"),
        _enum("assessment_level", "Assessment level", "評価レベル", ASSESSMENT_LEVELS,
              "GCP v1.0 assessment level.", "GCP v1.0 の評価レベル。", default="organisation"),
        _enum("use_case", "Use case", "ユースケース（利用目的）", USE_CASES, "GCP v1.0 use case.",
              "GCP v1.0 のユースケース（利用目的）。", default="external_reporting", aliases_ja=("ユースケース",)),
        _enum("maturity", "Maturity", "成熟度", MATURITY, "Maturity on the progressive journey of GCP v1.0.",
              "GCP v1.0 の段階的アプローチにおける成熟度。", default="initiation"),
        Field("revenue", "number", "Revenue", "売上高", "Total revenue in the period (in the organisation's currency).",
              "報告期間中の売上高合計（単位：組織の通貨）。", unit="currency", minimum=0.0),
        _text("boundary_note", "Boundary note", "報告範囲（バウンダリー）の注記", "What is inside the boundary; exclusions.",
              "報告範囲（バウンダリー）に含まれる範囲と除外事項。", aliases_ja=("バウンダリー注記",)),
        _text("cascading_principle_note", "Cascading principle (biological materials)", "カスケード利用の原則（生物由来材料）",
              "How the cascading principle is applied to biological materials (ESRS E5-4 §31(b)).",
              "生物由来材料へのカスケード利用の原則の適用方法（ESRS E5-4 第31項(b)）。"),
    ),
    single_record=True,
    help_en="One record: who reports, for which period, and the GCP frame.",
    help_ja="1件のみ入力する。報告企業、報告期間、GCP の枠組み。",
)

INFLOWS = Table(
    "inflows", "Inflows", "インフロー",
    (
        _line_id(),
        _text("description", "Description", "説明"),
        _text("material", "Material", "素材",
              "Material group. Choices: " + _choice_list(MATERIALS, "en") + " (other values are accepted).",
              "素材の区分。選択肢：" + _choice_list(MATERIALS, "ja") + "（一覧にない値も入力できる）。",
              suggested=MATERIALS),
        _BU,
        _mass(),
        _mass_unit(),
        _pct("recycled_preconsumer_pct", "Recycled, pre-consumer (%)", "再生材含有率：プレコンシューマ材料（%）",
             "Recycled content from pre-consumer sources (ISO 14021; in-process regrind excluded), % of the line's mass.",
             "この行の質量に占めるプレコンシューマ材料（JIS Q 14021）の割合（%）。発生と同一の工程で再使用できる"
             "加工不適合品・スクラップ等は含めない。", aliases_ja=("再生材・プレコンシューマ（%）",)),
        _pct("recycled_postconsumer_pct", "Recycled, post-consumer (%)", "再生材含有率：ポストコンシューマ材料（%）",
             "Recycled content from post-consumer sources (ISO 14021), % of the line's mass.",
             "この行の質量に占めるポストコンシューマ材料（JIS Q 14021：使用済みの製品として家庭・事業所等から"
             "排出された材料）の割合（%）。", aliases_ja=("再生材・ポストコンシューマ（%）",)),
        _pct("reused_pct", "Reused (%)", "リユース品の割合（%）",
             "Reused components / products (second-hand, refurbished, remanufactured), % of the line's mass.",
             "この行の質量に占めるリユース品（中古品・整備品・再製造品などの再使用部品・製品）の割合（%）。",
             aliases_ja=("リユース（%）",)),
        _pct("renewable_pct", "Renewable, virgin (%)", "再生可能原材料（バージン）の割合（%）",
             "Virgin renewable (bio-based) content, % of the line's mass.",
             "この行の質量に占める、バージンの再生可能原材料（バイオマス等）の割合（%）。",
             aliases_ja=("再生可能・バージン（%）",)),
        _pct("sustainably_sourced_pct", "Sustainably sourced (% of renewable)", "持続可能な調達（再生可能分の%）",
             "Share of the virgin renewable content that is sustainably managed (e.g. certified).",
             "バージンの再生可能原材料のうち、持続可能に調達されたもの（森林認証材等）の割合（%）。"),
        _CRM,
        _pct("critical_content_pct", "Critical material content (%)", "重要原材料の含有率（%）",
             "Mass share of the named critical raw material in the line. When missing, the whole line counts "
             "(with a warning).",
             "記載した重要原材料がこの行の質量に占める割合（%）。空欄の場合は行全体を計上する（警告を表示）。",
             default=None),
        _enum("recycled_origin", "Origin of recycled content", "再生材の由来（国内・輸入）", RECYCLED_ORIGINS,
              "Where the recycled content was recovered: domestic, imported or unknown.",
              "再生材が回収された地域：国内・輸入・不明のいずれか。", default="unknown"),
        _text("certification_scheme", "Certification scheme", "認証制度",
              "Scheme behind the sustainably sourced or recycled share (ESRS E5-4 §31(b)). Suggested: "
              + ", ".join(CERTIFICATION_SCHEMES),
              "持続可能な調達・再生材の割合の根拠となる認証制度（ESRS E5-4 第31項(b)）。選択肢："
              + "、".join("その他" if c == "other" else c for c in CERTIFICATION_SCHEMES) + "（一覧にない制度も入力できる）。", suggested=CERTIFICATION_SCHEMES),
        _text("supplier", "Supplier", "サプライヤー", "Supplier name or id.", "サプライヤー名またはID。"),
        _EVIDENCE_IN,
        _bool("is_packaging", "Packaging", "包装材", "True for packaging inflows.", "包装材であれば「はい」。"),
        _DQ,
        _SOURCE,
    ),
    key_field="line_id",
    help_en="Materials, components, products and packaging that enter the boundary.",
    help_ja="報告範囲（バウンダリー）に投入される素材・部品・製品・包装材。",
)

PRODUCTS = Table(
    "products", "Products", "製品",
    (
        Field("product_id", "text", "Product id", "製品ID", "Unique id of the product.", "製品の一意なID。",
              required=True, unique=True),
        _text("description", "Description", "説明"),
        _text("product_group", "Product group", "製品グループ", "For per-group durability (ESRS E5-5 §36a).",
              "製品グループ別の期待耐久性（ESRS E5-5 第36項(a)）の集計単位。"),
        _mass(required=False, help_en="Mass put on the market (sold or shipped in the period).",
              help_ja="期中に販売（出荷）した製品の質量。"),
        _mass_unit(),
        Field("units_sold", "number", "Units sold", "販売数量", "Number of units put on the market (sold in the period).", "期中の販売数量。",
              minimum=0.0),
        Field("revenue", "number", "Revenue", "売上高", "Revenue of the product (organisation currency).",
              "製品の売上高（単位：組織の通貨）。", unit="currency", minimum=0.0),
        Field("actual_lifetime", "number", "Actual lifetime", "製品寿命（実績・想定）",
              "Expected/actual durability (years or use cycles).", "製品の寿命（実績または想定。年または使用回数）。",
              unit="years", minimum=0.0, exclusive_minimum=True, aliases_ja=("実耐用年数",)),
        Field("industry_lifetime", "number", "Industry-average lifetime", "業界平均の製品寿命",
              "Industry average in the same unit; required with the actual lifetime.",
              "同じ単位で表した業界平均の製品寿命。", unit="years", minimum=0.0, exclusive_minimum=True,
              required_when="actual_lifetime",
              required_when_en="Required when the actual lifetime is given.",
              required_when_ja="製品寿命（実績・想定）を入力した場合は必須。", aliases_ja=("業界平均耐用年数",)),
        Field("use_intensity_ratio", "number", "Use intensity ratio (U/U_av)", "使用強度比（U/U_av）",
              "MCI utility term: functional units relative to the industry average.",
              "MCI の効用の項：業界平均に対する機能単位数の比。", default=1.0, minimum=0.0, exclusive_minimum=True),
        _pct("recyclable_content_pct", "Recyclable content (%)", "リサイクル可能含有率（%）",
             "Designed recyclability of the product (ESRS E5-5 §36c).",
             "製品に含まれるリサイクル可能な材料の割合（設計上、ESRS E5-5 第36項(c)）。",
             default=None),
        Field("packaging_mass", "number", "Packaging mass", "包装質量",
              "Mass of the packaging put on the market with the product, in the product's mass unit.",
              "製品とともに販売（出荷）した包装の質量（単位は同じ行の「質量単位」列の値）。", unit="mass_unit", minimum=0.0),
        _pct("packaging_recyclable_content_pct", "Packaging recyclable content (%)", "包装のリサイクル可能含有率（%）",
             "Designed recyclability of its packaging (ESRS E5-5 §36c).",
             "包装に含まれるリサイクル可能な材料の割合（設計上、ESRS E5-5 第36項(c)）。",
             default=None),
        _text("reparability_score", "Reparability score", "修理可能性スコア", "Score and scheme, e.g. 7.5 (FR index).",
              "スコアと制度名（例：7.5（フランスの修理可能性指数））。"),
        _pct("mci_recycled_feedstock_pct", "MCI recycled feedstock F_R (%)", "MCI 再生原料 F_R（%）",
             "Fraction of feedstock from recycled sources.", "原料に占めるリサイクル原料の割合。", default=None),
        _pct("mci_reused_feedstock_pct", "MCI reused feedstock F_U (%)", "MCI リユース原料 F_U（%）",
             "Fraction of feedstock from reused sources.", "原料に占めるリユース原料（再使用部品等）の割合。", default=None),
        _pct("mci_sustainable_bio_feedstock_pct", "MCI sustainable bio feedstock F_S (%)",
             "MCI 持続可能バイオ原料 F_S（%）",
             "Biological feedstock from sustained production, not counted in F_R or F_U.",
             "持続可能に生産された生物由来原料の割合（F_R・F_U に含めたものを除く）。", default=None),
        _pct("mci_collected_recycling_pct", "MCI collected for recycling C_R (%)", "MCI リサイクル向け回収率 C_R（%）",
             "Fraction of product mass collected for recycling at end of use.",
             "使用後にリサイクル向けに回収される製品質量の割合。", default=None,
             aliases_ja=("MCI リサイクル回収 C_R（%）",)),
        _pct("mci_collected_reuse_pct", "MCI collected for reuse C_U (%)", "MCI リユース向け回収率 C_U（%）",
             "Fraction collected for reuse.", "使用後にリユース向けに回収される製品質量の割合。", default=None,
             aliases_ja=("MCI リユース回収 C_U（%）",)),
        _pct("mci_composted_pct", "MCI composted C_C (%)", "MCI 堆肥化 C_C（%）",
             "Fraction returned via the biological cycle (composting).", "生物的サイクル（堆肥化）で還元される製品質量の割合。",
             default=None),
        _pct("mci_recycling_efficiency_eol_pct", "MCI recycling efficiency, end of life E_C (%)",
             "MCI 使用済みリサイクル効率 E_C（%）", "Efficiency of recycling the collected product.",
             "回収した使用済み製品をリサイクルする工程の効率。", default=100.0),
        _pct("mci_recycling_efficiency_feedstock_pct", "MCI recycling efficiency, feedstock E_F (%)",
             "MCI 原料リサイクル効率 E_F（%）", "Efficiency of the process that produced the recycled feedstock.",
             "リサイクル原料を製造した工程の効率。", default=100.0),
    ),
    key_field="product_id",
    help_en="Products and services put on the market in the period.",
    help_ja="期中に販売（出荷）した製品・サービス。",
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
        _enum("flow_type", "Flow type", "フロー種別", FLOW_TYPES, "Product, by-product or waste.",
              "製品・副産物・廃棄物のいずれか。", required=True),
        _BU,
        _mass(),
        _mass_unit(),
        _bool("hazardous", "Hazardous", "有害",
              "Yes for waste with a hazardous property of Annex III of the EU Waste Framework Directive. Japan's "
              "specially controlled industrial waste mostly qualifies, but not exactly (e.g. waste mercury-containing "
              "products are hazardous in the EU only).",
              "EU 廃棄物枠組み指令 附属書III の有害特性を持つ廃棄物であれば「はい」。国内の特別管理産業廃棄物は"
              "おおむね該当するが、完全には一致しない（例：水銀使用製品産業廃棄物は特別管理産業廃棄物ではないが、"
              "EU では有害廃棄物）。"),
        _bool("radioactive", "Radioactive", "放射性", "Radioactive waste (Directive 2011/70/Euratom).",
              "放射性廃棄物（Directive 2011/70/Euratom）であれば「はい」。"),
        _enum("cycle", "Cycle", "サイクル", CYCLES, "Technical or biological cycle.", "技術的サイクル・生物的サイクルのいずれか。",
              default="technical"),
        _enum("destination", "Destination", "処理・処分方法", DESTINATIONS,
              "Treatment / end-of-life route; required for waste. For product lines, the route of the recovered share.",
              "廃棄物の処理・処分方法。製品・副産物の行では、使用後に回収された分の処理方法。",
              required_when="flow_type == waste",
              required_when_en="Required in rows whose flow type is Waste.",
              required_when_ja="フロー種別が「廃棄物」の行では必須。", aliases_ja=("処理・行先",)),
        _bool("energy_recovery_r1", "Energy recovery meets R1", "エネルギー回収がR1基準を満たす",
              "For destination Energy recovery: yes when the plant meets the R1 energy-efficiency criterion of Annex II of "
              "the EU Waste Framework Directive (2008/98/EC; efficiency of at least 0.65, or 0.60 for plants permitted "
              "before 2009). Yes: counted as other recovery (diverted from disposal); no: as incineration (disposal).",
              "処理・処分方法が「エネルギー回収（熱回収）」の行で使う。処理施設が EU 廃棄物枠組み指令（2008/98/EC）"
              "附属書II の R1（エネルギー効率基準：効率 0.65 以上、2009年より前に許可された施設は 0.60 以上）を"
              "満たせば「はい」。「はい」はその他の回収作業（処分されなかった廃棄物）、「いいえ」は焼却"
              "（処分された廃棄物）として扱う。"),
        _pct("recovery_potential_pct", "Recovery potential (%)", "回収可能率（設計上、%）",
             "Share designed to be recoverable. Required for products and by-products; waste defaults to 100.",
             "回収できるように設計された割合（%）。廃棄物の行で空欄の場合は100%とする。", default=None,
             required_when="flow_type in (product, by_product)",
             required_when_en="Required in rows whose flow type is Product or By-product.",
             required_when_ja="フロー種別が「製品」「副産物」の行では必須。", aliases_ja=("回収ポテンシャル（%）",)),
        _pct("actual_recovery_pct", "Actual recovery (%)", "実回収率（%）",
             "Share demonstrably recovered. Required for products and by-products; for waste derived from the "
             "destination unless given.",
             "実際に回収された割合（%）。廃棄物の行で空欄の場合は処理・処分方法から求める。", default=None,
             required_when="flow_type in (product, by_product)",
             required_when_en="Required in rows whose flow type is Product or By-product.",
             required_when_ja="フロー種別が「製品」「副産物」の行では必須。"),
        _text("waste_code", "Waste code", "廃棄物の種類・コード", "EWC code or the Japanese industrial waste type.",
              "産業廃棄物の種類（例：汚泥、廃プラスチック類）または EWC コード（例：20 01 21*）。",
              aliases_ja=("廃棄物コード",)),
        _CRM,
        _text("evidence_ref", "Evidence reference", "根拠資料番号",
              "Waste manifest number, contractor report.",
              "産業廃棄物管理票（マニフェスト）の交付番号、処理業者の報告書など。"),
        _DQ,
        _SOURCE,
    ),
    key_field="line_id",
    help_en="Products, by-products and waste that leave the boundary.",
    help_ja="報告範囲（バウンダリー）から出ていく製品・副産物・廃棄物。",
)

WATER = Table(
    "water", "Water", "水",
    (
        _line_id(),
        _enum("kind", "Kind", "種別", WATER_KINDS, "Withdrawal, discharge or recirculated (reused on site).",
              "取水・排水・事業所内での循環利用のいずれか。", required=True),
        _enum("source_or_destination", "Source or destination", "取水源・排水先", WATER_SOURCES,
              "Source of a withdrawal or destination of a discharge (GRI 303).",
              "取水源または排水先（GRI 303 の区分）。"),
        Field("volume", "number", "Volume", "水量", "Volume in the unit given in the Volume unit column of the same row.", "水量（単位は同じ行の「水量単位」列の値）。",
              required=True, unit="volume_unit", minimum=0.0),
        Field("volume_unit", "unit", "Volume unit", "水量単位", "m3, kL, L or ML.", "m3、kL、L、ML のいずれか。", default="m3",
              unit_kind="volume"),
        _bool("circular", "Circular", "循環的",
              "Withdrawal from a non-virgin source (rainwater, reclaimed), or discharge returned at equal or better "
              "quality or passed on for reuse.",
              "バージンでない水源（雨水・再生水）からの取水、または取水時と同等以上の水質で返した排水・第三者が再利用する"
              "排水であれば「はい」。"),
    ),
    key_field="line_id",
    help_en="Water withdrawn, discharged and recirculated on site.",
    help_ja="取水・排水・事業所内での循環利用。",
)

ENERGY = Table(
    "energy", "Energy", "エネルギー",
    (
        _line_id(),
        _text("carrier", "Carrier", "エネルギー種別",
              "Energy carrier. Choices: " + _choice_list(CARRIERS, "en") + " (other values are accepted).",
              "エネルギーの種類。選択肢：" + _choice_list(CARRIERS, "ja") + "（一覧にない値も入力できる）。",
              suggested=CARRIERS),
        Field("amount", "number", "Amount", "エネルギー量", "Energy in the unit given in the Energy unit column.",
              "消費したエネルギーの量（単位は同じ行の「エネルギー単位」列の値）。",
              required=True, unit="energy_unit", minimum=0.0, aliases_ja=("量",)),
        Field("energy_unit", "unit", "Energy unit", "エネルギー単位", "kWh, MWh, GWh, MJ, GJ or TJ.",
              "kWh、MWh、GWh、MJ、GJ、TJ のいずれか。", default="MWh", unit_kind="energy"),
        _bool("renewable", "Renewable", "再生可能エネルギー", "Yes for renewable energy.",
              "再生可能エネルギーであれば「はい」。", aliases_ja=("再生可能",)),
        _enum("direction", "Direction", "消費・外部供給", ENERGY_DIRECTIONS,
              "Consumed in the boundary, or exported (netted out in ISO 59020).",
              "報告範囲（バウンダリー）内で消費したか、外部へ供給したか（ISO 59020 では外部供給分を差し引く）。",
              default="consumed"),
    ),
    key_field="line_id",
    help_en="Energy consumed in the boundary.",
    help_ja="報告範囲（バウンダリー）内で消費したエネルギー。",
)

PROCUREMENT = Table(
    "procurement", "Procurement", "グリーン購入",
    (
        Field("product_id", "text", "Product id", "製品ID", "Product checked.", "判定する製品。", required=True),
        _text("description", "Description", "説明"),
        Field("rule_id", "text", "Rule id", "判定ルールID",
              "The id of a rule of the procurement rules file (choose from the list: the id and the rule's name).",
              "判定ルールファイルの判定ルールID（一覧から選択。IDと判定ルールの名称が表示される）。",
              required=True, aliases_ja=("基準ID",), choice_list="procurement_rules"),
        Field("basis_mass", "number", "Basis mass", "分母となる質量",
              "Mass of the part the rule's percentage is computed on (e.g. plastic parts).",
              "判定ルールの割合の分母となる部分の質量（例：主要材料（金属以外）のプラスチック重量）。", required=True,
              unit="mass_unit", minimum=0.0, exclusive_minimum=True, aliases_ja=("基準質量",)),
        Field("recycled_preconsumer_mass", "number", "Recycled pre-consumer mass", "プレコンシューマ材料の質量",
              "Pre-consumer recycled material in the basis part (ISO 14021).",
              "分母となる部分に含まれるプレコンシューマ材料（JIS Q 14021）の質量。",
              default=0.0, unit="mass_unit", minimum=0.0, aliases_ja=("プレコンシューマ再生材質量",)),
        Field("recycled_postconsumer_mass", "number", "Recycled post-consumer mass", "ポストコンシューマ材料の質量",
              "Post-consumer recycled material in the basis part (ISO 14021).",
              "分母となる部分に含まれるポストコンシューマ材料（JIS Q 14021）の質量。",
              default=0.0, unit="mass_unit", minimum=0.0, aliases_ja=("ポストコンシューマ再生材質量",)),
        Field("biobased_mass", "number", "Bio-based mass", "バイオマス由来（植物由来）材料の質量",
              "Bio-based (plant-derived) material in the basis part. Recycled + bio-based must not exceed the basis mass.",
              "分母となる部分に含まれるバイオマス由来（植物由来）材料の質量。再生材とバイオマス由来材料の合計は"
              "分母となる質量以下であること。", default=0.0, unit="mass_unit",
              minimum=0.0, aliases_ja=("バイオマス由来質量",)),
        _mass_unit(default="kg"),
        _text("note", "Note", "備考"),
        # design-certification and judgement-criteria inputs (blank = that requirement is not checked)
        Field("content_volume_ml", "number", "Content volume (ml)", "内容量（mL）",
              "Content volume of one unit, for limits in g of plastic per ml (Plastic Act design certification).",
              "1個当たりの内容量。プラスチック使用量の上限（g/mL）の判定に使います（プラスチック資源循環促進法の設計認定）。",
              unit="ml", minimum=0.0, exclusive_minimum=True),
        Field("units", "number", "Units", "個数",
              "Number of units the masses cover (e.g. bottles produced in the year, for an annual average weight).",
              "質量の対象となる製品の個数（例：年間平均重量の判定では年間の製造本数）。", minimum=0.0,
              exclusive_minimum=True),
        Field("reference_mass", "number", "Reference product plastic mass", "比較対象製品のプラスチック質量",
              "Plastic mass of the firm's previous product, for a reduction criterion (same unit and number of units).",
              "削減率の判定に使う自社従来品のプラスチック質量（同じ単位・同じ個数）。", unit="mass_unit", minimum=0.0,
              exclusive_minimum=True),
        Field("unit_mass_limit_g", "number", "Applicable weight limit (g per unit)", "適用される重量基準値（g/個）",
              "Where the rule's weight limit depends on the product's use and capacity (PET bottles), the limit that applies.",
              "重量の基準値が用途・容量で異なる場合（PETボトル）に、当該製品に適用される基準値。", unit="g", minimum=0.0,
              exclusive_minimum=True),
        _text("materials_used", "Materials used", "使用材料",
              "Materials of the product, comma-separated (e.g. PET, PP, PVC label, aluminium foil); checked against "
              "banned materials.",
              "製品に使用している材料（読点・カンマ区切り。例：PET、PP、塩ビラベル、アルミ箔）。使用禁止材料の判定に使います。"),
        Field("refill_replaceable", "bool", "Refill replaceable", "芯（中身）の交換可否",
              "Yes when the refill can be replaced (ballpoint pens: 芯が交換できる); blank = not checked.",
              "芯（中身）が交換できる場合は「はい」（ボールペンの判断の基準「芯が交換できること」）。空欄は未判定。",
              default=None),
        _text("certifications", "Certifications held", "取得している認証・認定",
              "e.g. Eco Mark (No. and certificate), Plastic Act design certification; blank = not checked.",
              "例：エコマーク（認定番号）、プラスチック資源循環促進法の設計認定。空欄は未判定。"),
    ),
    help_en="Product composition for green-procurement checks (Eco Mark, Green Purchasing Act).",
    help_ja="グリーン購入の適合判定（エコマーク、グリーン購入法）に使う製品の材料構成。",
)

#: Designated products of the amended Resource Effective Utilization Promotion Act (指定脱炭素化再生資源利用促進製品).
RESOURCE_ACT_CATEGORIES = ("automobiles", "air_conditioners", "televisions", "refrigerators", "washing_machines",
                           "plastic_packaging")
#: Use of a plastic container or package: food packaging other than PET bottles and pharmaceuticals are excluded.
PACKAGING_USES = ("pet_bottle", "food", "pharmaceutical", "other")
MASS_BASES = ("total", "per_unit")

RESOURCE_ACT = Table(
    "resource_act", "Resource Act products", "資源法 指定製品",
    (
        _line_id(),
        _enum("category", "Designated product", "指定製品の区分", RESOURCE_ACT_CATEGORIES,
              "automobiles, air conditioners, televisions, refrigerators, washing machines or plastic packaging.",
              "自動車、エアコン、テレビ、冷蔵庫、洗濯機、プラスチック製容器包装のいずれか。", required=True),
        _text("description", "Description", "説明", "Model, product family or packaging type.",
              "車種・機種・製品群・容器包装の種類など。"),
        Field("fiscal_year", "number", "Fiscal year", "年度",
              "Fiscal year of the figures (the year in which it starts: April 2025 – March 2026 = 2025).",
              "数値の対象年度（開始年で表す。2025年4月～2026年3月＝2025年度）。", required=True, minimum=2000.0,
              maximum=2100.0),
        Field("units", "number", "Units produced or imported", "製造・輸入販売台数",
              "Units produced, or imported and sold, in the fiscal year; decides the threshold for cars and appliances.",
              "当該年度の製造台数または輸入販売台数。自動車・家電の対象となる規模の判定に使います。", minimum=0.0),
        _enum("packaging_use", "Packaging use", "容器包装の用途", PACKAGING_USES,
              "Plastic packaging only: PET bottle, food, pharmaceutical or other (food other than PET bottles and "
              "pharmaceuticals are excluded).",
              "プラスチック製容器包装のみ：PETボトル、食品用、医薬品用、その他（PETボトル以外の食品用と医薬品用は対象外）。"),
        _enum("mass_basis", "Masses given", "質量の計上方法", MASS_BASES,
              "total = masses for the whole fiscal year; per_unit = masses of one unit (multiplied by the units).",
              "total＝年度の合計質量、per_unit＝1台（1個）当たりの質量（台数を掛けて合計します）。", default="total"),
        Field("plastic_mass", "number", "Plastic used", "プラスチック使用量",
              "Plastic used in the product (all plastic parts), total or per unit as stated.",
              "製品に使用したプラスチックの質量（全部品）。合計または1台当たり。", unit="mass_unit", minimum=0.0),
        Field("recycled_preconsumer_mass", "number", "Recycled plastic, pre-consumer", "再生プラスチック（プレコンシューマ材料）",
              "Recycled plastic from pre-consumer sources (in-process regrind re-used in the same process excluded).",
              "プレコンシューマ材料の再生プラスチック（発生と同一の工程で再使用する加工不適合品等は除く）。",
              default=0.0, unit="mass_unit", minimum=0.0),
        Field("recycled_postconsumer_mass", "number", "Recycled plastic, post-consumer", "再生プラスチック（ポストコンシューマ材料）",
              "Recycled plastic from used products.", "使用済み製品由来の再生プラスチック。", default=0.0, unit="mass_unit",
              minimum=0.0),
        _mass_unit(default="t"),
        _text("certification_scheme", "Certification of recycled content", "再生材の認証",
              "Scheme behind the recycled content, e.g. ISCC PLUS, RCS, GRS, SCS, RecyClass.",
              "再生材含有の認証制度（例：ISCC PLUS、RCS、GRS、SCS、RecyClass）。"),
        Field("mass_balance", "bool", "Mass-balance attribution", "マスバランス方式",
              "Yes when the recycled content is attributed by mass balance (whether it counts is unconfirmed).",
              "再生材をマスバランス方式で割り当てている場合は「はい」（本法で認められるかは未確認）。", default=None),
        _text("evidence_ref", "Evidence", "根拠資料",
              "Incoming inspection records, supplier certificates, third-party assurance.",
              "受入検査記録、供給者の証明書、第三者保証など。"),
        _pct("target_rate_pct", "Target recycled-plastic use rate (%)", "再生プラスチック利用率の目標（%）",
             "The use target of the plan (set by the firm).", "再生資源利用計画の利用目標（事業者が設定）。", default=None),
        Field("target_year", "number", "Target fiscal year", "目標年度", "Fiscal year of the target.", "目標の年度。",
              minimum=2000.0, maximum=2100.0, required_when="target_rate_pct"),
        _text("measures", "Measures and supply arrangements", "取組内容・調達体制",
              "Actions to reach the target and how the recycled plastic is procured.",
              "目標達成のための取組と再生プラスチックの調達体制。"),
    ),
    key_field="line_id",
    help_en="Amended Resource Act (in force 2026-04-01): designated products, volumes and recycled plastic per fiscal year.",
    help_ja="改正資源有効利用促進法（2026年4月1日施行）：指定製品ごと・年度ごとの数量と再生プラスチックの使用量。",
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

SEGMENTS = Table(
    "segments", "Segments", "セグメント",
    (
        Field("segment_id", "text", "Segment id", "セグメントID",
              "Business unit or product group; equals the business_unit of the inflow and outflow lines it covers.",
              "事業単位または製品グループ。対象とするインフロー・アウトフロー行の「事業単位」と同じ値にする。",
              required=True, unique=True),
        _text("description", "Description", "説明"),
        Field("revenue", "number", "Revenue", "売上高", "Revenue of the segment in the period (organisation currency).",
              "期間中のセグメントの売上高（組織の通貨）。", required=True, unit="currency", minimum=0.0),
    ),
    key_field="segment_id",
    help_en="Optional: revenue per business unit or product group, for CTI revenue (Value the loop).",
    help_ja="任意：事業単位・製品グループ別の売上高（CTI の循環売上高の算定に使用）。",
)

#: Every input table, in the order of the JSON form, the template and the form.
TABLES: dict[str, Table] = {t.id: t for t in (ORGANISATION, INFLOWS, PRODUCTS, OUTFLOWS, WATER, ENERGY, PROCUREMENT,
                                              DISCLOSURES, SEGMENTS, RESOURCE_ACT)}
#: The list tables (all but organisation).
LIST_TABLES: tuple[str, ...] = tuple(t for t in TABLES if not TABLES[t].single_record)


def table_for_sheet(name: str) -> Table | None:
    """The table whose en or ja sheet name (or id, or an earlier ja name) is ``name`` (case and spaces ignored)."""
    key = str(name).strip().casefold()
    for t in TABLES.values():
        if key in (k.casefold() for k in t.sheet_keys):
            return t
    return None


def field_for_header(table: Table, header: str) -> Field | None:
    """The field whose id, en label, ja label or earlier ja label is ``header`` (case and spaces ignored)."""
    key = " ".join(str(header).split()).casefold()
    if not key:
        return None
    for f in table.fields:
        if key in (" ".join(k.split()).casefold() for k in f.header_keys):
            return f
    return None
