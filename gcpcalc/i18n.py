"""Japanese and English texts: enum value labels, message templates and user-interface words.

Field and table labels live with the fields in :mod:`gcpcalc.fields`; indicator labels live in the
indicator catalogue. This module holds the rest, so a second language is one more column, not a search.
"""
from __future__ import annotations

from itertools import islice

LANGS = ("ja", "en")

#: enum value -> (en, ja)
ENUM_LABELS: dict[str, tuple[str, str]] = {
    # data quality
    "measured": ("Measured", "実測"),
    "calculated": ("Calculated", "算定"),
    "estimated": ("Estimated", "推計"),
    # flow types
    "product": ("Product", "製品"),
    "by_product": ("By-product", "副産物"),
    "waste": ("Waste", "廃棄物"),
    # cycles
    "technical": ("Technical", "技術的"),
    "biological": ("Biological", "生物的"),
    # destinations
    "preparation_for_reuse": ("Preparation for reuse", "再使用のための準備"),
    "recycling": ("Recycling", "リサイクル"),
    "composting": ("Composting", "堆肥化"),
    "energy_recovery": ("Energy recovery", "エネルギー回収（熱回収）"),
    "other_recovery": ("Other recovery", "その他の回収作業"),
    "incineration": ("Incineration", "焼却"),
    "landfill": ("Landfill", "埋立"),
    "other_disposal": ("Other disposal", "その他の処分作業"),
    "unknown": ("Unknown", "処理方法不明"),
    "unspecified": ("Unspecified", "未指定"),
    # hazard classes (ESRS E5-5 §37)
    "hazardous": ("Hazardous", "有害"),
    "non_hazardous": ("Non-hazardous", "非有害"),
    # water
    "withdrawal": ("Withdrawal", "取水"),
    "discharge": ("Discharge", "排水"),
    "recirculated": ("Recirculated on site", "事業所内での循環利用"),
    "surface_water": ("Surface water", "地表水"),
    "groundwater": ("Groundwater", "地下水"),
    "seawater": ("Seawater", "海水"),
    "third_party": ("Third-party water", "第三者の水"),
    "rainwater": ("Rainwater", "雨水"),
    "reclaimed": ("Reclaimed water", "再生水"),
    "reuse_by_third_party": ("Reuse by a third party", "第三者による再利用"),
    # GCP frame
    "organisation": ("Organisation", "組織"),
    "business_unit": ("Business unit", "事業部門"),
    "material": ("Material", "素材"),
    "external_reporting": ("Stakeholder communication and external reporting", "ステークホルダーコミュニケーション・外部報告"),
    "internal_steering": ("Internal steering", "社内の経営管理"),
    "resource_risk": ("Resource risk mitigation", "資源リスクの低減"),
    "initiation": ("Initiation", "着手"),
    "expansion": ("Expansion", "拡大"),
    "consolidation": ("Consolidation", "定着"),
    # materials (suggested values)
    "steel": ("Steel", "鉄鋼"),
    "aluminium": ("Aluminium", "アルミニウム"),
    "copper": ("Copper", "銅"),
    "other_metals": ("Other metals", "その他の金属"),
    "plastics": ("Plastics", "プラスチック"),
    "paper": ("Paper", "紙"),
    "wood": ("Wood", "木材"),
    "glass": ("Glass", "ガラス"),
    "textiles": ("Textiles", "繊維"),
    "rubber": ("Rubber", "ゴム"),
    "electronics": ("Electronics", "電子部品"),
    "chemicals": ("Chemicals", "化学品"),
    "minerals": ("Minerals", "鉱物"),
    "food_biomass": ("Food and biomass", "食品・バイオマス"),
    "other": ("Other", "その他"),
    # energy carriers
    "electricity": ("Electricity", "電力"),
    "heat": ("Heat", "熱"),
    "natural_gas": ("Natural gas", "天然ガス"),
    "oil": ("Oil", "石油"),
    "coal": ("Coal", "石炭"),
    "biomass": ("Biomass", "バイオマス"),
    "hydrogen": ("Hydrogen", "水素"),
    # Resource Act designated products, packaging uses, mass bases
    "automobiles": ("Automobiles", "自動車"),
    "air_conditioners": ("Air conditioners", "エアコン"),
    "televisions": ("Televisions", "テレビ"),
    "refrigerators": ("Refrigerators", "冷蔵庫"),
    "washing_machines": ("Washing machines", "洗濯機"),
    "plastic_packaging": ("Plastic containers and packaging", "プラスチック製容器包装"),
    "pet_bottle": ("PET bottle", "PETボトル"),
    "food": ("Food", "食品用"),
    "pharmaceutical": ("Pharmaceutical", "医薬品用"),
    "total": ("Total for the year", "年度合計"),
    "per_unit": ("Per unit", "1台（1個）当たり"),
}


#: enum value -> earlier ja labels, still read on import (templates filled with an older version)
ENUM_ALIASES_JA: dict[str, tuple[str, ...]] = {
    "calculated": ("計算",),
    "energy_recovery": ("エネルギー回収", "熱回収"),
    "other_recovery": ("その他の回収",),
    "other_disposal": ("その他の処分",),
    "unknown": ("不明", "行先不明"),
    "recirculated": ("サイト内循環利用",),
    "business_unit": ("事業単位",),
    "internal_steering": ("内部管理",),
}


def enum_labels_ja(values) -> str:
    """Allowed values for a ja message: their ja labels joined with 「、」 (no English ids)."""
    return "、".join(enum_label(v, "ja") for v in values)


def enum_label(value: str, lang: str = "en") -> str:
    """The label of an enum value in ``lang`` (the value itself when it has none)."""
    pair = ENUM_LABELS.get(value)
    if pair is None:
        return value
    return pair[1] if lang == "ja" else pair[0]


#: message code -> (en template, ja template). Templates use str.format fields:
#: {field} / {field_ja} field labels, {value}, {allowed}, {suggestion}, {minimum}, {maximum}, {other}, {total}.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("{field}: a value is required.", "{field_ja}：値の入力が必要です。"),
    "number": ("{field}: '{value}' is not a number.", "{field_ja}：「{value}」は数値ではありません。"),
    "min": ("{field}: {value} is below the minimum {minimum}.", "{field_ja}：{value} は最小値 {minimum} 未満です。"),
    "gt": ("{field}: {value} must be greater than {minimum}.",
           "{field_ja}：{minimum} より大きい値を入力してください（入力値：{value}）。"),
    "max": ("{field}: {value} is above the maximum {maximum}.", "{field_ja}：{value} は最大値 {maximum} を超えています。"),
    "percent_range": ("{field}: {value} is not a percentage between 0 and 100.",
                      "{field_ja}：{value} は 0～100 の割合（%）ではありません。"),
    "enum": ("{field}: '{value}' is not allowed. Allowed: {allowed}.{suggestion}",
             "{field_ja}：「{value}」は選択できません。次のいずれかを選んでください：{allowed_ja}。{suggestion_ja}"),
    "unit": ("{field}: unit '{value}' is not known. Allowed: {allowed}.",
             "{field_ja}：単位「{value}」は使用できません。使用可能な単位：{allowed}。"),
    "bool": ("{field}: '{value}' is not yes/no. Allowed: true, false, yes, no, 1, 0.",
             "{field_ja}：「{value}」は「はい」「いいえ」のいずれでもありません。使用可能な値：はい、いいえ、true、false、1、0。"),
    "date": ("{field}: '{value}' is not a date. Use YYYY-MM-DD.",
             "{field_ja}：「{value}」は日付ではありません。YYYY-MM-DD 形式で入力してください。"),
    "text": ("{field}: '{value}' is not text.", "{field_ja}：「{value}」はテキストではありません。"),
    "unknown_field": ("Unknown field '{value}'. Known fields: {allowed}.{suggestion}",
                      "不明な項目「{value}」です。使用可能な項目：{allowed}。{suggestion_ja}"),
    "invalid": ("{field}: '{value}' is not valid ({detail}).", "{field_ja}：「{value}」は無効です（{detail}）。"),
    "shares_over_100": (
        "Recycled pre-consumer + post-consumer + reused + renewable = {total}%, more than 100%.",
        "再生材含有率（プレコンシューマ材料・ポストコンシューマ材料）、リユース品、再生可能原材料の割合の合計が "
        "{total}% で、100% を超えています。"),
    "lifetime_pair": ("Industry-average lifetime is required when the actual lifetime is given.",
                      "製品寿命（実績・想定）を入力した場合は、業界平均の製品寿命も入力してください。"),
    "mci_feedstock_over_100": ("MCI feedstock F_R + F_U + F_S = {total}%, more than 100%.",
                               "MCI 原料 F_R＋F_U＋F_S の合計が {total}% で、100% を超えています。"),
    "mci_collection_over_100": ("MCI end of use C_R + C_U + C_C = {total}%, more than 100%.",
                                "MCI 使用後 C_R＋C_U＋C_C の合計が {total}% で、100% を超えています。"),
    "mci_feedstock_efficiency_zero": (
        "MCI feedstock recycling efficiency E_F is 0 while recycled feedstock F_R is {value}%: E_F must be > 0.",
        "MCI リサイクル原料比率 F_R が {value}% であるにもかかわらず、リサイクル原料製造工程の効率 E_F が 0 です。"
        "E_F には 0 より大きい値を入力してください。"),
    "destination_required": ("Destination is required for waste lines. Allowed: {allowed}.",
                             "廃棄物の行では処理・処分方法の入力が必要です。次のいずれかを選んでください：{allowed_ja}。"),
    "recovery_required": ("{field} is required for product and by-product lines.",
                          "製品・副産物の行では{field_ja}が必須です。"),
    "procurement_mass_over_basis": (
        "Recycled + bio-based mass = {total}, more than the basis mass {other}.",
        "再生材とバイオマス由来材料の質量の合計（{total}）が分母となる質量（{other}）を超えています。"),
    "period_order": ("Period end {value} is not after period start {other}.",
                     "報告期間終了日（{value}）は開始日（{other}）より後の日付にしてください。"),
    "duplicate_id": ("{field} '{value}' is used more than once (first at row {other}).",
                     "{field_ja}「{value}」が重複しています（最初は {other} 行目）。"),
    "not_a_list": ("Table {table} must be a list of rows.", "表 {table} は行の一覧（リスト）で指定してください。"),
    "not_an_object": ("Row must be an object keyed by field id.", "行は項目IDをキーとするオブジェクトで指定してください。"),
    "unknown_table": ("Unknown table '{value}' is ignored. Known tables: {allowed}.",
                      "不明な表「{value}」は無視されます。使用可能な表：{allowed}。"),
    "organisation_missing": ("The organisation record is missing.", "組織情報がありません。"),
}


def message_texts(code: str, **kw) -> tuple[str, str]:
    """(en, ja) texts of message ``code`` with its fields filled in."""
    en, ja = MESSAGES[code]
    kw.setdefault("suggestion", "")
    kw.setdefault("suggestion_ja", "")
    kw.setdefault("field", "")
    kw.setdefault("field_ja", kw["field"])
    kw.setdefault("allowed_ja", kw.get("allowed", ""))

    class _D(dict):
        def __missing__(self, key):
            return ""

    return en.format_map(_D(kw)), ja.format_map(_D(kw))


#: user-interface words shared by the report, the command line and the app: key -> (en, ja)
UI: dict[str, tuple[str, str]] = {
    "not_computable": ("not computable", "算出不可"),
    "value": ("Value", "値"),
    "unit": ("Unit", "単位"),
    "indicator": ("Indicator", "指標"),
    "reason": ("Reason", "理由"),
    "status": ("Status", "状態"),
    "formula": ("Formula", "計算式"),
    "source": ("Source", "出典"),
    "assumed": ("assumed", "仮定（本ツールの解釈）"),
    "confirmed": ("confirmed", "確認済み"),
    "secondary": ("secondary source", "二次情報"),
    "errors": ("Errors", "エラー"),
    "warnings": ("Warnings", "警告"),
    "pass": ("pass", "適合"),
    "fail": ("fail", "不適合"),
}


#: message severity -> (en, ja)
SEVERITY_LABELS: dict[str, tuple[str, str]] = {"error": ("error", "エラー"), "warning": ("warning", "警告"),
                                               "info": ("info", "情報")}


def id_list(ids, lang: str = "en", limit: int = 10) -> str:
    """Ids (lines, rows, products) named in a message: the first ``limit``, then how many more.

    en: ``IN-1, IN-2 (+3)``; ja: 「IN-1、IN-2（ほか 3 件）」."""
    if not hasattr(ids, "__len__"):
        ids = list(ids)
    shown, more = [str(i) for i in islice(ids, limit)], len(ids) - limit
    if lang == "ja":
        return "、".join(shown) + (f"（ほか {more:,} 件）" if more > 0 else "")
    return ", ".join(shown) + (f" (+{more:,})" if more > 0 else "")


def severity_label(severity: str, lang: str = "en") -> str:
    """The word for a message severity in ``lang`` (the severity itself when it has none)."""
    en, ja = SEVERITY_LABELS.get(severity, (severity, severity))
    return ja if lang == "ja" else en


def ui(key: str, lang: str = "en") -> str:
    en, ja = UI[key]
    return ja if lang == "ja" else en


# --- Excel template importer and disclosure report -------------------------------------------------
MESSAGES.update({
    "xlsx_not_zip": ("{file}: not an Excel workbook (.xlsx). Save the file as an Excel workbook and upload it again.",
                     "{file}：Excel ブック（.xlsx）ではありません。Excel ブック形式で保存してから再度読み込んでください。"),
    "xlsx_legacy": ("{file}: an old-format Excel file (.xls). Save it as an Excel workbook (.xlsx).",
                    "{file}：旧形式の Excel ファイル（.xls）です。Excel ブック（.xlsx）として保存してください。"),
    "xlsx_not_workbook": ("{file}: a zip file without an Excel workbook part: not an .xlsx.",
                          "{file}：Excel ブックの構成要素がない zip ファイルです（.xlsx ではありません）。"),
    "xlsx_macro": ("{file}: macro-enabled workbooks are refused. Save it as an Excel workbook (.xlsx) without macros.",
                   "{file}：マクロ有効ブックは読み込めません。マクロなしの Excel ブック（.xlsx）として保存してください。"),
    "xlsx_encrypted": ("{file}: the workbook is password-protected (encrypted). Remove the password and save it again.",
                       "{file}：ブックがパスワードで保護（暗号化）されています。パスワードを解除して保存し直してください。"),
    "xlsx_too_large": ("{file}: the workbook is over the size limit ({value}).",
                       "{file}：ブックがサイズ上限を超えています（{value}）。"),
    "xlsx_too_many_rows": ("{file}: sheet {sheet} has {value} rows, more than the limit of {maximum}.",
                           "{file}：シート {sheet} の行数 {value} が上限 {maximum} を超えています。"),
    "xlsx_bomb": ("{file}: the content decompresses to an implausible size ({value}): refused.",
                  "{file}：展開後のサイズが異常です（{value}）。読み込みを中止しました。"),
    "xlsx_dtd": ("{file}: part {value} declares a document type (entities): refused.",
                 "{file}：{value} に文書型宣言（エンティティ）が含まれているため読み込めません。"),
    "xlsx_corrupt": ("{file}: the workbook is damaged and cannot be read ({value}).",
                     "{file}：ブックが破損しているため読み込めません（{value}）。"),
    "xlsx_unreadable": ("{file}: the workbook cannot be read ({value}).",
                        "{file}：ブックを読み込めません（{value}）。"),
    "xlsx_no_sheets": ("{file}: no sheet of the template was found. Expected sheets: {allowed}.",
                       "{file}：テンプレートのシートが見つかりません。必要なシート：{allowed}。"),
    "sheet_no_header": ("Sheet {sheet}: no header row with the column labels was found in the first rows.",
                        "シート {sheet}：先頭の行に列見出しの行が見つかりません。"),
    "column_missing": ("Sheet {sheet}: required column '{field}' is missing.",
                       "シート {sheet}：必須の列「{field_ja}」がありません。"),
    "column_extra": ("Column '{value}' is not part of the template: ignored.",
                     "列「{value}」はテンプレートの項目ではないため無視します。"),
    "column_duplicate": ("Column '{value}' appears twice: the second one is ignored.",
                         "列「{value}」が重複しているため、2つ目は無視します。"),
    "sheet_duplicate": ("Sheet {value} holds the same table as sheet {other}: ignored.",
                        "シート {value} はシート {other} と同じ表のため無視します。"),
    "formula_no_value": ("{field}: the formula {value} has no calculated value. Open the file in Excel, "
                         "recalculate and save it, or type the value.",
                         "{field_ja}：数式 {value} に計算結果がありません。Excel で開いて再計算・保存するか、値を入力してください。"),
    "cell_error": ("{field}: the cell holds the error {value}.", "{field_ja}：セルがエラー値 {value} です。"),
})

UI.update({
    "report_title": ("Circularity disclosure report", "循環性（サーキュラリティ）開示レポート"),
    "cover": ("Cover", "表紙"),
    "summary": ("Summary", "概要"),
    "data_quality": ("Data quality", "データ品質"),
    "methodology": ("Methodology", "算定方法"),
    "organisation": ("Organisation", "組織"),
    "period": ("Reporting period", "報告期間"),
    "generated_at": ("Generated at", "作成日時"),
    "software_version": ("gcpcalc version", "gcpcalc バージョン"),  # "version" is the procurement rule's 版・年度
    # the software's version on the cover ("version" kept as its old key); a rule's edition is "rule_version"
    "tool_version": ("gcpcalc version", "gcpcalc バージョン"),
    "version": ("gcpcalc version", "gcpcalc バージョン"),
    "input_sha256": ("SHA-256 of the input file", "入力ファイルの SHA-256"),
    "id": ("Id", "ID"),
    "datapoint": ("ESRS datapoint", "ESRS データポイント"),
    "clause": ("Source clause", "出典箇所"),
    "evidence": ("Evidence status", "根拠の確認状況"),
    "framework": ("Framework", "フレームワーク"),
    "headline": ("Headline indicators", "主要指標"),
    "inflow_composition": ("Inflow composition (% of inflow mass)", "インフローの構成（インフロー質量に占める割合、%）"),
    "outflow_by_destination": ("Outflow by destination (t)", "処理・処分方法別のアウトフロー（t）"),
    "circularity": ("Circular inflow, outflow and material circularity (%)",
                    "循環インフロー率・循環アウトフロー率・マテリアル循環率（%）"),
    "hazardous_split": ("Hazardous and non-hazardous waste (t)", "有害廃棄物・非有害廃棄物（t）"),
    "composition_category": ("Category", "区分"),
    "hazard_class": ("Hazard class", "有害性区分"),
    "share": ("Share", "割合"),
    "mass_t": ("Mass (t)", "質量（t）"),
    "recycled": ("Recycled", "再生材"),
    "reused": ("Reused", "リユース"),
    "renewable_sustainable": ("Renewable, sustainably sourced", "再生可能（持続可能な調達）"),
    "linear": ("Linear (virgin non-renewable and other)", "リニア（再生可能でないバージン材等）"),
    "hazardous": ("Hazardous", "有害廃棄物"),
    "non_hazardous": ("Non-hazardous", "非有害廃棄物"),
    "total": ("Total", "合計"),
    "diverted_table": ("Waste diverted from disposal (E5-5_08, t)", "処分されなかった廃棄物（E5-5_08、t）"),
    "disposal_table": ("Waste directed to disposal (E5-5_09, t)", "処分された廃棄物（E5-5_09、t）"),
    "gcp_frame": ("GCP frame", "GCP の枠組み"),
    "gcp_module": ("Circular performance module", "循環パフォーマンスモジュール"),
    "inputs": ("Inputs", "入力"),
    "messages": ("Messages", "メッセージ"),
    "location": ("Location", "場所"),
    "code": ("Code", "コード"),
    "severity": ("Severity", "重要度"),
    "message": ("Message", "メッセージ"),
    "no_messages": ("No messages.", "メッセージはありません。"),
    "assumption_note": ("[assumed]: the public text of the standard could not be checked word for word; the formula "
                        "is the calculator's reading.",
                        "［仮定］：規格の公開テキストを逐語的に確認できなかったため、計算式は本ツールの解釈である。"),
})

# green-procurement checks (gcpcalc.procurement)
MESSAGES.update({
    "rules_syntax": ("Rules file {file}: cannot be read as TOML: {detail}",
                     "判定ルールファイル {file}：TOML として読めません：{detail_ja}"),
    "rules_invalid": ("Rules file {file}, {entry}, field '{field}': {detail} (value: '{value}').",
                      "判定ルールファイル {file}、{entry}、項目「{field}」：{detail_ja}（値：「{value}」）。"),
    "rules_duplicate": ("Rules file {file}, {entry}: rule_id '{value}' is used more than once (first at rule {other}).",
                        "判定ルールファイル {file}、{entry}：判定ルールID「{value}」が重複しています（最初は {other} 番目の判定ルール）。"),
    "unknown_rule": ("{field}: rule id '{value}' is not in the rules file.{suggestion}",
                     "{field_ja}：判定ルールID「{value}」は判定ルールファイルにありません。{suggestion_ja}"),
})
UI.update({
    "procurement": ("Green procurement", "グリーン購入"),
    "procurement_check": ("Green-procurement check", "グリーン購入 適合判定"),
    "quick_check": ("Quick check of one product", "1製品の簡易判定"),
    "batch_check": ("Products of the assessment", "評価データの製品"),
    "rule": ("Rule", "判定ルール"),
    "rule_id": ("Rule id", "判定ルールID"),
    "category": ("Category", "品目"),
    "scheme": ("Scheme", "制度"),
    "scheme_item": ("Scheme item", "商品類型・特定調達品目"),
    "rule_version": ("Version", "基準の版・年度"),
    "basis": ("Basis (denominator)", "算定の分母"),
    "criterion": ("Criterion", "判断の基準（認定基準）"),
    "verdict": ("Verdict", "判定"),
    "not_applicable": ("cannot be checked", "判定不可"),
    "rule_status": ("Rule status", "判定ルールの確認状況"),
    "conditions": ("Conditions (any one suffices)", "条件（いずれか一つを満たせば適合）"),
    "condition": ("Condition", "条件"),
    "met": ("met", "満たす"),
    "not_met": ("not met", "満たさない"),
    "not_checked": ("not checked", "未判定"),
    "change_needed": ("Change needed to pass", "適合に必要な変更"),
    "margin_pt": ("Margin (points)", "基準値との差（ポイント）"),
    "needed_mass": ("Extra mass needed", "追加で必要な質量"),
    "needed_kind": ("Material to add", "追加する材料"),
    "recycled_pct": ("Recycled %", "再生材の割合（%）"),
    "postconsumer_pct": ("Post-consumer %", "ポストコンシューマ材料の割合（%）"),
    "preconsumer_pct": ("Pre-consumer %", "プレコンシューマ材料の割合（%）"),
    "biobased_pct": ("Bio-based %", "バイオマス由来材料の割合（%）"),
    "product_id": ("Product", "製品"),
    "note": ("Note", "備考"),
    "unconfirmed_flag": ("UNCONFIRMED rule: check the threshold against the current text before relying on it.",
                         "未確認の判定ルール：利用前に最新の基準書で基準値を確認してください。"),
    "rules_file": ("Your rules file (TOML, optional)", "独自の判定ルールファイル（TOML、任意）"),
    "rules_loaded": ("{n} rules loaded ({files}).", "{n} 件の判定ルールを読み込みました（{files}）。"),
    "no_procurement": ("The assessment has no procurement lines.", "評価データにグリーン購入の行がありません。"),
    "check": ("Check", "判定する"),
})

#: indicator units as shown to readers: unit -> (en, ja); money per tonne is handled by :func:`unit_label`
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "ratio": ("ratio", "倍"),
    "0-1": ("index 0–1", "指数（0～1）"),
    "m3": ("m³", "m³"),
    "currency/t": ("currency/t", "通貨/t"),
}
#: currency codes shown with their Japanese unit word
CURRENCY_JA: dict[str, str] = {"JPY": "円"}


def unit_label(unit: str, lang: str = "en") -> str:
    """An indicator unit for display: ``ratio`` -> 倍, ``0-1`` -> 指数（0～1）, ``JPY/t`` -> 円/t (ja)."""
    if unit in UNIT_LABELS:
        en, ja = UNIT_LABELS[unit]
        return ja if lang == "ja" else en
    if lang == "ja" and unit.endswith("/t") and unit[:-2] in CURRENCY_JA:
        return CURRENCY_JA[unit[:-2]] + "/t"
    return unit


def fiscal_year_label(year: int, lang: str = "en") -> str:
    """A fiscal year named by the calendar year it starts in (the rule of :mod:`gcpcalc.store.trends`):
    2025 -> 「2025年度」 / "FY2025" (2025年4月～2026年3月 is 2025年度)."""
    return f"{year}年度" if lang == "ja" else f"FY{year}"


def date_label(value, lang: str = "en") -> str:
    """A date for reading: 「2025年4月1日」 / "1 April 2025" (ISO text or a date; other values unchanged)."""
    import datetime as _dt

    try:
        d = value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.year}年{d.month}月{d.day}日" if lang == "ja" else f"{d.day} {d.strftime('%B')} {d.year}"


def period_label(start, end, lang: str = "en") -> str:
    """A reporting period as Japanese reports write it: 「2025年度（2025年4月1日～2026年3月31日）」 /
    "FY2025 (1 April 2025 – 31 March 2026)"; the fiscal year is the year the period starts in."""
    if not start or not end:
        return f"{start or ''} – {end or ''}".strip(" –")
    first = date_label(start, lang)
    try:
        year = int(str(start)[:4])
    except ValueError:
        return f"{first}～{date_label(end, lang)}" if lang == "ja" else f"{first} – {date_label(end, lang)}"
    if lang == "ja":
        return f"{fiscal_year_label(year, 'ja')}（{first}～{date_label(end, 'ja')}）"
    return f"{fiscal_year_label(year, 'en')} ({first} – {date_label(end, 'en')})"


# --- revision 2: critical materials, evidence, traces and disclosure status ---------------------------
MESSAGES.update({
    "crm_file_syntax": ("Critical-materials file {file}: cannot be read: {detail}",
                        "重要原材料リスト {file}：読み込めません：{detail}"),
    "crm_file_invalid": ("Critical-materials file {file}, {entry}, field '{field}': {detail} (value: '{value}').",
                         "重要原材料リスト {file}、{entry}、項目「{field}」：{detail_ja}（値：「{value}」）。"),
    "critical_unknown": (
        "{field}: '{value}' is not on the critical-materials list ({list_version}).{suggestion} Leave the cell "
        "blank or write 'none' when the line contains no critical raw material.",
        "{field_ja}：「{value}」は重要原材料リスト（{list_version}）にありません。{suggestion_ja}"
        "重要原材料を含まない行は空欄または「なし」と入力してください。"),
    "critical_content_default": (
        "{field}: no share of {material} is given for this line, so the whole line mass is counted as critical "
        "inflow. Enter the mass share of the critical material (%) for a precise figure.",
        "{field_ja}：この行の{material_ja}の含有率が入力されていないため、行の質量全体を重要原材料インフローとして"
        "計上しています。正確な値とするには重要原材料の質量比率（%）を入力してください。"),
    "critical_content_without_material": (
        "{field}: {value}% is given but the line names no critical raw material; the share is not used.",
        "{field_ja}：{value}% が入力されていますが、この行には重要原材料が記載されていないため使用しません。"),
    "share_over_100": (
        "{indicator}: {value}% is more than 100% — the inputs are inconsistent ({detail}). The figure is reported "
        "as computed, not capped; check the inputs.",
        "{indicator_ja}：{value}% で 100% を超えており、入力データに矛盾があります（{detail_ja}）。"
        "値は上限で切り詰めずに算出値のまま報告しています。入力を確認してください。"),
    "recyclable_without_mass": (
        "{indicator}: product(s) {value} have a recyclable-content share but no mass, so they are not counted.",
        "{indicator_ja}：製品 {value} はリサイクル可能含有率が入力されていますが質量がないため、計上していません。"),
    "packaging_without_mass": (
        "{indicator}: product(s) {value} have a packaging recyclable-content share but no packaging mass, so they "
        "are not counted.",
        "{indicator_ja}：製品 {value} は包装のリサイクル可能含有率が入力されていますが包装質量がないため、"
        "計上していません。"),
    "default_recovery_used": (
        "Circular outflow: {value} t ({share}% of the circular outflow) comes from waste lines without an actual "
        "recovery rate, counted as 100% recovered because of their destination (lines {lines}). Enter the "
        "contractor's actual recovery rate where it is known.",
        "循環アウトフロー：{value} t（循環アウトフローの {share}%）は、実回収率が未入力の廃棄物の行を処理方法に"
        "基づき 100% 回収として計上したものです（行 {lines_ja}）。処理業者の実績値が分かる場合は実回収率を入力してください。"),
})

ENUM_LABELS.update({
    "domestic": ("Domestic", "国内"),
    "imported": ("Imported", "輸入"),
    "consumed": ("Consumed", "消費"),
    "exported": ("Exported", "外部供給"),
})


def _datapoint_and_scheme_labels() -> dict[str, tuple[str, str]]:
    from .fields import ESRS_E5_DATAPOINT_INFO

    out = {dp: (f"{dp} {en}", f"{dp} {ja}") for dp, _para, _kind, en, ja in ESRS_E5_DATAPOINT_INFO}
    out.update({
        "FSC": ("FSC", "FSC（森林認証）"), "PEFC": ("PEFC", "PEFC（森林認証）"), "SGEC": ("SGEC", "SGEC（森林認証）"),
        "ISCC PLUS": ("ISCC PLUS", "ISCC PLUS（マスバランス認証）"), "RSB": ("RSB", "RSB（バイオマテリアル認証）"),
        "RSPO": ("RSPO", "RSPO（パーム油認証）"), "Bonsucro": ("Bonsucro", "Bonsucro（サトウキビ認証）"),
        "GRS": ("GRS", "GRS（グローバル・リサイクル・スタンダード）"),
        "RCS": ("RCS", "RCS（リサイクル・クレーム・スタンダード）"),
    })
    return out


ENUM_LABELS.update(_datapoint_and_scheme_labels())
