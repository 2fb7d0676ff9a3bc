"""Japanese and English texts: enum value labels, message templates and user-interface words.

Field and table labels live with the fields in :mod:`gcpcalc.fields`; indicator labels live in the
indicator catalogue. This module holds the rest, so a second language is one more column, not a search.
"""
from __future__ import annotations

LANGS = ("ja", "en")

#: enum value -> (en, ja)
ENUM_LABELS: dict[str, tuple[str, str]] = {
    # data quality
    "measured": ("Measured", "実測"),
    "calculated": ("Calculated", "計算"),
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
    "energy_recovery": ("Energy recovery", "エネルギー回収"),
    "other_recovery": ("Other recovery", "その他の回収"),
    "incineration": ("Incineration", "焼却"),
    "landfill": ("Landfill", "埋立"),
    "other_disposal": ("Other disposal", "その他の処分"),
    "unknown": ("Unknown", "不明"),
    "unspecified": ("Unspecified", "未指定"),
    # hazard classes (ESRS E5-5 §37)
    "hazardous": ("Hazardous", "有害"),
    "non_hazardous": ("Non-hazardous", "非有害"),
    # water
    "withdrawal": ("Withdrawal", "取水"),
    "discharge": ("Discharge", "排水"),
    "recirculated": ("Recirculated on site", "サイト内循環利用"),
    "surface_water": ("Surface water", "地表水"),
    "groundwater": ("Groundwater", "地下水"),
    "seawater": ("Seawater", "海水"),
    "third_party": ("Third-party water", "第三者の水"),
    "rainwater": ("Rainwater", "雨水"),
    "reclaimed": ("Reclaimed water", "再生水"),
    "reuse_by_third_party": ("Reuse by a third party", "第三者による再利用"),
    # GCP frame
    "organisation": ("Organisation", "組織"),
    "business_unit": ("Business unit", "事業単位"),
    "material": ("Material", "素材"),
    "external_reporting": ("Stakeholder communication and external reporting", "ステークホルダーコミュニケーション・外部報告"),
    "internal_steering": ("Internal steering", "内部管理"),
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
}


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
    "gt": ("{field}: {value} must be greater than {minimum}.", "{field_ja}：{value} は {minimum} より大きい必要があります。"),
    "max": ("{field}: {value} is above the maximum {maximum}.", "{field_ja}：{value} は最大値 {maximum} を超えています。"),
    "percent_range": ("{field}: {value} is not a percentage between 0 and 100.",
                      "{field_ja}：{value} は 0〜100 の割合（%）ではありません。"),
    "enum": ("{field}: '{value}' is not allowed. Allowed: {allowed}.{suggestion}",
             "{field_ja}：「{value}」は使用できません。使用可能な値：{allowed}。{suggestion_ja}"),
    "unit": ("{field}: unit '{value}' is not known. Allowed: {allowed}.",
             "{field_ja}：単位「{value}」は使用できません。使用可能な単位：{allowed}。"),
    "bool": ("{field}: '{value}' is not yes/no. Allowed: true, false, yes, no, 1, 0.",
             "{field_ja}：「{value}」は はい／いいえ ではありません。使用可能な値：はい、いいえ、true、false、1、0。"),
    "date": ("{field}: '{value}' is not a date. Use YYYY-MM-DD.",
             "{field_ja}：「{value}」は日付ではありません。YYYY-MM-DD 形式で入力してください。"),
    "text": ("{field}: '{value}' is not text.", "{field_ja}：「{value}」はテキストではありません。"),
    "unknown_field": ("Unknown field '{value}'. Known fields: {allowed}.{suggestion}",
                      "不明な項目「{value}」です。使用可能な項目：{allowed}。{suggestion_ja}"),
    "invalid": ("{field}: '{value}' is not valid ({detail}).", "{field_ja}：「{value}」は無効です（{detail}）。"),
    "shares_over_100": (
        "Recycled pre-consumer + post-consumer + reused + renewable = {total}%, more than 100%.",
        "再生材（プレ）＋再生材（ポスト）＋リユース＋再生可能 の合計が {total}% で、100% を超えています。"),
    "lifetime_pair": ("Industry-average lifetime is required when the actual lifetime is given.",
                      "実耐用年数を入力した場合は業界平均耐用年数が必要です。"),
    "mci_feedstock_over_100": ("MCI feedstock F_R + F_U + F_S = {total}%, more than 100%.",
                               "MCI 原料 F_R＋F_U＋F_S の合計が {total}% で、100% を超えています。"),
    "mci_collection_over_100": ("MCI end of use C_R + C_U + C_C = {total}%, more than 100%.",
                                "MCI 使用後 C_R＋C_U＋C_C の合計が {total}% で、100% を超えています。"),
    "mci_feedstock_efficiency_zero": (
        "MCI feedstock recycling efficiency E_F is 0 while recycled feedstock F_R is {value}%: E_F must be > 0.",
        "MCI 再生原料 F_R が {value}% なのに原料リサイクル効率 E_F が 0 です。E_F は 0 より大きい必要があります。"),
    "destination_required": ("Destination is required for waste lines. Allowed: {allowed}.",
                             "廃棄物の行では処理・行先が必須です。使用可能な値：{allowed}。"),
    "recovery_required": ("{field} is required for product and by-product lines.",
                          "製品・副産物の行では{field_ja}が必須です。"),
    "procurement_mass_over_basis": (
        "Recycled + bio-based mass = {total}, more than the basis mass {other}.",
        "再生材＋バイオマス由来の質量 {total} が基準質量 {other} を超えています。"),
    "period_order": ("Period end {value} is not after period start {other}.",
                     "報告期間終了日 {value} が開始日 {other} より後ではありません。"),
    "duplicate_id": ("{field} '{value}' is used more than once (first at row {other}).",
                     "{field_ja}「{value}」が重複しています（最初は {other} 行目）。"),
    "not_a_list": ("Table {table} must be a list of rows.", "表 {table} は行のリストである必要があります。"),
    "not_an_object": ("Row must be an object keyed by field id.", "行は項目IDをキーとするオブジェクトである必要があります。"),
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
    "assumed": ("assumed", "仮定"),
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
    "report_title": ("Circularity disclosure report", "サーキュラリティ開示レポート"),
    "cover": ("Cover", "表紙"),
    "summary": ("Summary", "サマリー"),
    "data_quality": ("Data quality", "データ品質"),
    "methodology": ("Methodology", "方法論"),
    "organisation": ("Organisation", "組織"),
    "period": ("Reporting period", "報告期間"),
    "generated_at": ("Generated at", "作成日時"),
    "version": ("gcpcalc version", "gcpcalc バージョン"),
    "input_sha256": ("SHA-256 of the input file", "入力ファイルの SHA-256"),
    "id": ("Id", "ID"),
    "datapoint": ("ESRS datapoint", "ESRS データポイント"),
    "clause": ("Clause", "条項"),
    "evidence": ("Evidence", "根拠の確度"),
    "framework": ("Framework", "フレームワーク"),
    "headline": ("Headline indicators", "主要指標"),
    "inflow_composition": ("Inflow composition (% of inflow mass)", "インフロー構成（インフロー質量比 %）"),
    "outflow_by_destination": ("Outflow by destination (t)", "処理・行先別アウトフロー（t）"),
    "circularity": ("Circular inflow, outflow and material circularity (%)", "循環インフロー・アウトフロー・物質循環率（%）"),
    "hazardous_split": ("Hazardous and non-hazardous waste (t)", "有害・非有害廃棄物（t）"),
    "share": ("Share", "割合"),
    "mass_t": ("Mass (t)", "質量（t）"),
    "recycled": ("Recycled", "再生材"),
    "reused": ("Reused", "リユース"),
    "renewable_sustainable": ("Renewable, sustainably sourced", "再生可能（持続可能な調達）"),
    "linear": ("Linear (virgin non-renewable and other)", "リニア（バージン非再生可能など）"),
    "hazardous": ("Hazardous", "有害"),
    "non_hazardous": ("Non-hazardous", "非有害"),
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
                        "[仮定]：規格の公開テキストを逐語確認できなかったため、計算式は本ツールの解釈です。"),
})

# green-procurement checks (gcpcalc.procurement)
MESSAGES.update({
    "rules_syntax": ("Rules file {file}: cannot be read as TOML: {detail}",
                     "基準ファイル {file}：TOML として読めません：{detail_ja}"),
    "rules_invalid": ("Rules file {file}, {entry}, field '{field}': {detail} (value: '{value}').",
                      "基準ファイル {file}、{entry}、項目「{field}」：{detail_ja}（値：「{value}」）。"),
    "rules_duplicate": ("Rules file {file}, {entry}: rule_id '{value}' is used more than once (first at rule {other}).",
                        "基準ファイル {file}、{entry}：rule_id「{value}」が重複しています（最初は {other} 番目の基準）。"),
    "unknown_rule": ("{field}: rule id '{value}' is not in the rules file.{suggestion}",
                     "{field_ja}：基準ID「{value}」は基準ファイルにありません。{suggestion_ja}"),
})
UI.update({
    "procurement": ("Green procurement", "グリーン購入"),
    "procurement_check": ("Green-procurement check", "グリーン購入 適合判定"),
    "quick_check": ("Quick check of one product", "1製品の簡易判定"),
    "batch_check": ("Products of the assessment", "評価データの製品"),
    "rule": ("Rule", "基準"),
    "rule_id": ("Rule id", "基準ID"),
    "category": ("Category", "品目"),
    "scheme": ("Scheme", "制度"),
    "scheme_item": ("Scheme item", "制度の項目"),
    "version": ("Version", "版・年度"),
    "basis": ("Basis", "基準分母"),
    "criterion": ("Criterion", "基準"),
    "verdict": ("Verdict", "判定"),
    "not_applicable": ("cannot be checked", "判定不可"),
    "rule_status": ("Rule status", "基準の確認状況"),
    "conditions": ("Conditions (any one suffices)", "条件（いずれか一つを満たせば適合）"),
    "condition": ("Condition", "条件"),
    "met": ("met", "満たす"),
    "not_met": ("not met", "満たさない"),
    "margin_pt": ("Margin (points)", "差（ポイント）"),
    "needed_mass": ("Extra mass needed", "追加で必要な質量"),
    "needed_kind": ("Material to add", "追加する材料"),
    "recycled_pct": ("Recycled %", "再生材 %"),
    "postconsumer_pct": ("Post-consumer %", "ポストコンシューマ %"),
    "preconsumer_pct": ("Pre-consumer %", "プレコンシューマ %"),
    "biobased_pct": ("Bio-based %", "バイオマス由来 %"),
    "product_id": ("Product", "製品"),
    "note": ("Note", "備考"),
    "unconfirmed_flag": ("UNCONFIRMED rule: check the threshold against the current text before relying on it.",
                         "未確認の基準：利用前に最新の基準書で基準値を確認してください。"),
    "rules_file": ("Your rules file (TOML, optional)", "独自の基準ファイル（TOML、任意）"),
    "rules_loaded": ("{n} rules loaded ({files}).", "{n} 件の基準を読み込みました（{files}）。"),
    "no_procurement": ("The assessment has no procurement lines.", "評価データにグリーン購入の行がありません。"),
    "check": ("Check", "判定する"),
})


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
        "基づき 100% 回収として計上したものです（行 {lines}）。処理業者の実績値が分かる場合は実回収率を入力してください。"),
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
