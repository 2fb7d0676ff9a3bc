"""Japanese and English words of the app's own screens (field, table, enum and indicator labels come
from :mod:`gcpcalc.fields`, :mod:`gcpcalc.i18n` and the indicator catalogue)."""
from __future__ import annotations

#: key -> (en, ja)
TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("Circularity disclosure calculator", "循環性開示 算定ツール"),
    "language": ("Language", "言語"),
    "navigation": ("Go to", "ページ"),
    "page_start": ("Start", "スタート"),
    "page_form": ("Fill in", "入力"),
    "page_upload": ("Upload", "アップロード"),
    "page_results": ("Results", "結果"),
    "page_downloads": ("Download", "ダウンロード"),
    "page_procurement": ("Green procurement", "グリーン購入"),
    "page_japan": ("Japan: Resource Act", "日本の制度（資源法）"),
    "page_store": ("Saved assessments", "保存済みの評価"),
    "page_valuechain": ("Value chain and scenarios", "バリューチェーン・シナリオ"),
    "current_data": ("Current data", "現在のデータ"),
    "source_sample": ("Sample company", "サンプル企業"),
    "source_blank": ("New assessment", "新規の評価"),
    "source_upload": ("Uploaded file", "アップロードしたファイル"),
    "source_store": ("Saved assessment", "保存済みの評価"),
    "start_intro": (
        "Circularity indicators (WBCSD CTI v4.0, ISO 59020, ESRS E5, EMF MCI, GCP v1.0) of the data below. "
        "The sample company is loaded: explore it, or start with your own data.",
        "以下のデータの循環性指標（WBCSD CTI v4.0、ISO 59020、ESRS E5、EMF MCI、GCP v1.0）です。"
        "サンプル企業を読み込んでいます。そのまま確認するか、自社のデータで始めてください。"),
    "what_next": ("What would you like to do?", "次の操作を選んでください"),
    "start_blank": ("Start blank", "白紙から入力"),
    "start_blank_help": ("An empty assessment in the form.", "空の評価をフォームで入力します。"),
    "start_upload": ("Upload a filled template", "記入済みテンプレートをアップロード"),
    "start_upload_help": ("Excel template (ja or en) or JSON.", "Excelテンプレート（日本語・英語）またはJSON。"),
    "start_store": ("Continue a saved assessment", "保存した評価を続ける"),
    "start_store_help": ("Open an assessment saved earlier.", "以前に保存した評価を開きます。"),
    "start_sample": ("Keep exploring the sample", "サンプルを引き続き見る"),
    "start_sample_help": ("See every indicator of the sample company.", "サンプル企業の全指標を見ます。"),
    "reload_sample": ("Load the sample company", "サンプル企業を読み込む"),
    "not_available": ("Not available yet in this installation.", "この環境ではまだ利用できません。"),
    "headline": ("Headline indicators", "主要指標"),
    "kpi_circular_inflow": ("Circular inflow", "循環インフロー"),
    "kpi_circular_outflow": ("Circular outflow", "循環アウトフロー"),
    "kpi_material_circularity": ("Material circularity", "マテリアル循環率"),
    "kpi_critical_inflow": ("Critical inflow", "重要原材料インフロー"),
    "kpi_renewable_energy": ("Renewable energy", "再生可能エネルギー"),
    "kpi_water_circularity": ("Water circularity", "水の循環率"),
    "kpi_lifetime_ratio": ("Lifetime ratio", "製品寿命比"),
    "kpi_cmp": ("Circular material productivity", "循環資源生産性"),
    "kpi_waste_diverted": ("Waste diverted from disposal", "処分されなかった廃棄物の割合"),
    "no_results": ("No results: the data has errors. Fix them in the form.",
                   "データにエラーがあるため、結果を表示できません。入力画面で修正してください。"),
    "engine_missing": ("The calculation engine is not available: {detail}",
                       "計算エンジンを利用できません：{detail}"),
    "form_intro": ("Enter the organisation, then each table. Every change is checked at once; nothing typed is lost.",
                   "組織情報、続いて各表を入力してください。変更はその都度チェックされ、入力内容は失われません。"),
    "grid_hint": ("In a table, double-click a cell (or press Enter) to edit it; typing on a selected cell starts "
                  "with a letter or digit only, so a value beginning with \"-\" needs the cell opened first.",
                  "表のセルは、ダブルクリック（または Enter キー）で編集できます。選択したセルに直接入力を始められるのは"
                  "文字・数字だけのため、「-」で始まる値は先にセルを開いてから入力してください。"),
    "rows": ("rows", "行"),
    "row": ("Row", "行"),
    "rows_shown": ("Rows shown (of {n})", "表示する行（全{n}行）"),
    "rows_range": ("rows {a}–{b}", "{a}～{b}行目"),
    "rows_paged": ("A table of more than {page} rows is edited {page} rows at a time: choose the rows above. "
                   "Edits are kept when you choose other rows; the key figures and messages cover the whole table.",
                   "{page}行を超える表は{page}行ずつ編集します。表示する行は上で選んでください。別の行を選んでも"
                   "編集内容は保持され、主要指標とメッセージは表全体を対象とします。"),
    "field": ("Field", "項目"),
    "message": ("Message", "メッセージ"),
    "where": ("Location", "場所"),
    "severity": ("Severity", "重要度"),
    "error": ("error", "エラー"),
    "warning": ("warning", "警告"),
    "info": ("info", "情報"),
    "table_ok": ("No errors.", "エラーはありません。"),
    "n_errors": ("{n} error(s) in this table", "この表のエラー：{n}件"),
    "n_errors_total": ("{n} error(s) in the data", "データのエラー：{n}件"),
    "n_warnings_total": ("{n} warning(s)", "警告：{n}件"),
    "all_valid": ("All data is valid.", "すべてのデータに問題はありません。"),
    "none_option": ("(none)", "（なし）"),
    "upload_intro": ("Upload a filled input template (Japanese or English sheets) or a JSON assessment. Every problem "
                     "is listed with its cell; valid data is loaded into the form.",
                     "記入済みの入力テンプレート（日本語・英語シート）またはJSONをアップロードしてください。"
                     "問題はすべてセル番地つきで表示され、有効なデータは入力フォームに読み込まれます。"),
    "upload_label": ("Filled template (.xlsx) or assessment (.json)", "記入済みテンプレート（.xlsx）または評価データ（.json）"),
    "upload_problems": ("Problems found in {name}: {n}", "{name} で見つかった問題：{n}件"),
    "upload_loaded": ("{name} is loaded into the form.", "{name} を入力フォームに読み込みました。"),
    "upload_failed": ("{name} was not loaded: fix the errors below and upload it again.",
                      "{name} は読み込まれませんでした。以下のエラーを修正して再度アップロードしてください。"),
    "go_form": ("Edit in the form", "フォームで編集"),
    "go_results": ("See all results", "すべての結果を見る"),
    "charts": ("Charts", "グラフ"),
    "chart_inflow": ("Inflow by material and circularity (t)", "素材別・循環性別インフロー（t）"),
    "chart_outflow": ("Outflow by flow type and route (t)", "フロー種別・経路別のアウトフロー（t）"),
    "chart_sankey": ("Material flows (t)", "マテリアルフロー（t）"),
    "chart_waste": ("Waste by treatment: hazardous and non-hazardous (t)",
                    "処理・処分方法別の廃棄物：有害廃棄物・非有害廃棄物（t）"),
    "no_chart_data": ("No data for this chart.", "このグラフのデータはありません。"),
    "cat_recycled": ("Recycled", "再生材"),
    "cat_reused": ("Reused", "リユース"),
    "cat_renewable_sustainable": ("Renewable, sustainably sourced", "再生可能（持続可能な調達）"),
    "cat_renewable_other": ("Renewable, other", "再生可能（その他）"),
    "cat_virgin": ("Virgin, non-renewable", "バージン材（再生可能でないもの）"),
    "organisation_node": ("Organisation", "組織"),
    "recovered": ("Recovered", "回収"),
    "not_recovered": ("Not recovered", "未回収"),
    "no_destination": ("No destination given", "処理・処分方法の入力なし"),
    "hazardous": ("Hazardous", "有害廃棄物"),
    "non_hazardous": ("Non-hazardous", "非有害廃棄物"),
    "mass_t": ("Mass (t)", "質量（t）"),
    "material": ("Material", "素材"),
    "category": ("Category", "区分"),
    "destination": ("Destination", "処理・処分方法"),
    "flow_type": ("Flow type", "フロー種別"),
    "treatment": ("Treatment", "処理・処分方法"),
    "sec_cti": ("WBCSD CTI v4.0", "WBCSD CTI v4.0"),
    "sec_iso": ("ISO 59020:2024", "ISO 59020:2024"),
    "sec_esrs": ("ESRS E5: resource use and circular economy", "ESRS E5「資源利用及びサーキュラーエコノミー」"),
    "sec_esrs_2026": ("ESRS E5, simplified (2026)", "ESRS E5 簡素化版（2026年）"),
    "sec_gcp": ("Global Circularity Protocol for Business v1.0", "ビジネスのためのグローバル循環プロトコル（GCP）v1.0"),
    "sec_gcp_frame": ("GCP frame", "GCPの枠組み"),
    "sec_mci": ("Material Circularity Indicator per product", "製品別マテリアル循環性指標（MCI）"),
    "sec_dq": ("Data quality", "データ品質"),
    "datapoint": ("Datapoint", "データポイント"),
    "details": ("Formula and inputs of", "計算式と入力値を表示"),
    "clause": ("Source clause", "出典箇所"),
    "evidence": ("Evidence status", "根拠の確認状況"),
    "inputs": ("Inputs", "入力値"),
    "no_indicators": ("No indicators in this section.", "この区分の指標はありません。"),
    "downloads_intro": ("Download the disclosure report, the blank template, the current data as a filled template "
                        "(to continue in Excel) or as JSON. Files are in the language chosen in the sidebar.",
                        "開示レポート、空のテンプレート、現在のデータを記入済みテンプレート（Excelで続きを入力）"
                        "またはJSONとしてダウンロードできます。ファイルはサイドバーで選んだ言語で作成されます。"),
    "dl_report": ("Disclosure report (.xlsx)", "開示レポート（.xlsx）"),
    "dl_report_pdf": ("Disclosure report (PDF)", "開示レポート（PDF）"),
    "dl_template": ("Blank input template (.xlsx)", "空の入力テンプレート（.xlsx）"),
    "dl_filled": ("Current data as a filled template (.xlsx)", "現在のデータ（記入済みテンプレート .xlsx）"),
    "dl_json": ("Current data as JSON", "現在のデータ（JSON）"),
    "dl_needs_valid": ("Needs valid data: fix the errors in the form first.",
                       "有効なデータが必要です。先に入力画面でエラーを修正してください。"),
    "dl_failed": ("The file could not be made: {detail}", "ファイルを作成できませんでした：{detail}"),
    "page_failed": ("This page could not be shown: {detail}", "このページを表示できませんでした：{detail}"),
    # live key figures and the last valid results (the form keeps what was typed, errors and all)
    "kpi_live": ("Key figures (updated as you type)", "主要指標（入力に合わせて更新）"),
    "stale_head": ("Last valid results", "直前の有効な結果"),
    "stale_results": ("The data has {n} error(s), so these are the results of the last valid data (before the "
                      "latest edits). Fix the items below and the figures update.",
                      "データにエラーが{n}件あるため、直前の有効なデータによる結果を表示しています。"
                      "以下を修正すると最新の値に更新されます。"),
    "no_valid_yet": ("No results yet: the data has {n} error(s). Fix the items below.",
                     "データにエラーが{n}件あるため、結果はまだありません。以下を修正してください。"),
    "to_fix": ("To fix", "修正が必要な箇所"),
    "more_errors": ("… and {n} more (see the form).", "ほか{n}件（入力画面を参照してください）。"),
    "rows_to_fix": ("Rows with errors: the cells to fix are marked", "エラーのある行（修正が必要なセルに色を付けています）"),
    "typed_kept": ("What you typed is kept as it is; the marked cells are not used until they are fixed.",
                   "入力した値はそのまま残しています。色の付いたセルは、修正するまで計算に使いません。"),
    # upload widget (replaces the widget's own English words)
    "upload_drop": ("Drag and drop a file here", "ここにファイルをドラッグ＆ドロップ"),
    "upload_limit": ("Up to {mb} MB per file: .xlsx, .xlsm or .json", "1ファイル{mb} MBまで（.xlsx、.xlsm、.json）"),
    "upload_button": ("Choose a file", "ファイルを選択"),
    "upload_limit_any": ("Up to {mb} MB per file", "1ファイル{mb} MBまで"),
    "rules_drop": ("Drag and drop a rules file (.toml) here", "ここに判定ルールのファイル（.toml）をドラッグ＆ドロップ"),
    "rules_limit": ("Up to {mb} MB per file: .toml", "1ファイル{mb} MBまで（.toml）"),
    # downloads built on demand
    "dl_build": ("Create", "作成"),
    "dl_building": ("Creating: {name}", "作成中：{name}"),
    "dl_step_data": ("Collecting the data and results", "データと計算結果を集めています"),
    "dl_step_write": ("Writing the file", "ファイルを書き出しています"),
    "dl_done": ("Created: {name} ({size}, {secs} s)", "作成しました：{name}（{size}、{secs}秒）"),
    "dl_save": ("Save the file", "ファイルを保存"),
    "dl_stale": ("The data changed since this file was created: create it again.",
                 "作成後にデータが変更されました。もう一度作成してください。"),
    "inputs_name": ("Input", "入力項目"),
    "time_zone_note": ("Times are shown in {tz}.", "日時は{tz}で表示しています。"),
    "org_section": ("Organisation", "組織"),
    "yes": ("Yes", "はい"),
    "no": ("No", "いいえ"),
}


def t(key: str, lang: str = "ja", **kw) -> str:
    """The text ``key`` in ``lang`` with ``{...}`` fields filled from ``kw``."""
    en, ja = TEXTS[key]
    text = ja if lang == "ja" else en
    return text.format(**kw) if kw else text


#: key figures shown as KPIs: text key -> indicator id. Their names come from the indicator catalogue, so that
#: an indicator has one name everywhere (the app, the report, the command line).
KPI_INDICATORS: dict[str, str] = {
    "kpi_circular_inflow": "cti.circular_inflow_pct",
    "kpi_circular_outflow": "cti.circular_outflow_pct",
    "kpi_material_circularity": "cti.material_circularity_pct",
    "kpi_critical_inflow": "cti.critical_inflow_pct",
    "kpi_renewable_energy": "cti.renewable_energy_pct",
    "kpi_water_circularity": "cti.water_circularity_pct",
    "kpi_lifetime_ratio": "cti.actual_lifetime_ratio",
    "kpi_cmp": "cti.circular_material_productivity",
    "kpi_waste_diverted": "esrs_e5_2026.waste_diverted_pct",
}


def _kpi_names_from_catalogue() -> None:
    from ..indicators.catalogue import definition

    for key, indicator_id in KPI_INDICATORS.items():
        d = definition(indicator_id)
        TEXTS[key] = (TEXTS[key][0], d.label_ja)


_kpi_names_from_catalogue()
