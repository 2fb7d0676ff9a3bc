"""Words of the disclosure document that are not field, enum, indicator or common UI labels (those come
from :mod:`gcpcalc.fields`, :mod:`gcpcalc.i18n` and the indicator catalogue). Japanese follows the
project glossary (glossary_ja.md)."""
from __future__ import annotations

from ..i18n import UI, enum_label

#: key -> (en, ja)
DOC_TEXTS: dict[str, tuple[str, str]] = {
    "sec_summary": ("Executive summary", "エグゼクティブサマリー"),
    "sec_flows": ("Material flows", "マテリアルフロー"),
    "sec_inputs": ("Inputs", "入力データ"),
    "sec_procurement": ("Green procurement", "グリーン購入"),
    "sec_dq": ("Data quality", "データ品質"),
    "sec_methodology": ("Methodology", "方法論"),
    "sec_contents": ("Contents", "目次"),
    "report_facts": ("About this report", "本レポートについて"),
    "key_figures": ("Key figures", "主要指標"),
    "previous": ("Previous period", "前期"),
    "change": ("Change", "増減"),
    "no_previous": ("No earlier period of this organisation is saved in the store: no comparison shown.",
                    "ストアに本組織の過去の期間が保存されていないため、前期比較はありません。"),
    "targets": ("Targets and progress", "目標と進捗"),
    "no_targets": ("No targets are saved for this organisation.", "本組織の目標は保存されていません。"),
    "target_year": ("Target year", "目標年度"),
    "target_value": ("Target", "目標値"),
    "latest": ("Latest", "直近値"),
    "progress": ("Progress (%)", "進捗率（%）"),
    "status": ("Status", "状況"),
    "evidence_legend": ("Evidence: [confirmed] formula checked against the published text; [assumed] the "
                        "calculator's reading where the text could not be checked word for word; [secondary] "
                        "taken from a secondary source. See Methodology.",
                        "根拠の確度：［確認済み］公開テキストと照合済みの計算式。［仮定］規格の文言を逐語確認できず、"
                        "本ツールの解釈による計算式。［二次情報］二次資料に基づく計算式。詳細は方法論を参照。"),
    "input_file": ("Input file", "入力ファイル"),
    "sankey": ("Material flows from inflow types to outflow routes (t)", "インフロー種別からアウトフロー経路へのマテリアルフロー（t）"),
    "sankey_table": ("Flows (t)", "フロー（t）"),
    "from": ("From", "フロー元"),
    "to": ("To", "フロー先"),
    "inflow_by_category": ("Inflow by circularity category (t)", "循環性区分別インフロー（t）"),
    "by_material": ("Inflow by material (t)", "素材別インフロー（t）"),
    "by_bu": ("Inflow and outflow by business unit (t)", "事業単位別インフロー・アウトフロー（t）"),
    "circular_inflow_t": ("Circular inflow (t)", "循環インフロー（t）"),
    "inflow_t": ("Inflow (t)", "インフロー（t）"),
    "outflow_t": ("Outflow (t)", "アウトフロー（t）"),
    "outflow_by_route": ("Outflow by flow type and route (t)", "フロー種別・経路別のアウトフロー（t）"),
    "outflow_by_flow_type": ("Outflow by flow type (t)", "フロー種別のアウトフロー（t）"),
    "route": ("Route", "経路"),
    "outflow_route_note": ("Waste by its treatment route; products and by-products by the share actually recovered "
                           "(actual recovery), never under waste-treatment names.",
                           "廃棄物は処理・処分方法別、製品・副産物は実際に回収された割合（実回収率）で区分しています"
                           "（製品に廃棄物の処理方法の名称は使いません）。"),
    "waste_by_treatment": ("Waste by treatment (t)", "処理方法別の廃棄物（t）"),
    "cat_recycled": ("Recycled", "再生材"),
    "cat_reused": ("Reused", "リユース"),
    "cat_renewable_sustainable": ("Renewable, sustainably sourced", "再生可能（持続可能な調達）"),
    "cat_renewable_other": ("Renewable, other", "再生可能（その他）"),
    "cat_virgin": ("Virgin, non-renewable", "バージン・非再生可能"),
    "organisation_node": ("Organisation", "組織"),
    "recovered": ("Recovered", "回収"),
    "not_recovered": ("Not recovered", "未回収"),
    "none": ("(not given)", "（未入力）"),
    "no_route": ("(no route given)", "（経路未入力）"),
    "no_data": ("No data.", "データはありません。"),
    "disclosure_status": ("Disclosure status per datapoint", "データポイント別の開示状況"),
    "disclosed": ("reported", "開示"),
    "not_disclosed": ("not computable", "算出不可"),
    "procurement_summary": ("Verdicts per product and rule", "製品・基準別の判定"),
    "no_procurement": ("The assessment has no procurement lines.", "評価データにグリーン購入の行がありません。"),
    "input_counts": ("Lines per input table", "入力表ごとの行数"),
    "lines": ("Lines", "行数"),
    "total_mass_t": ("Total mass (t)", "質量合計（t）"),
    "inputs_note": ("Every input line is echoed, cell by cell, in the Excel report's input sheets and in the JSON "
                    "input; this document lists the organisation record and the size of each table.",
                    "入力データの全行は、Excel レポートの入力シートと JSON 入力にセル単位で収録しています。"
                    "本書には組織情報と各表の行数を記載します。"),
    "page": ("Page", "ページ"),
    "of": ("of", "/"),
    "continued": ("continued", "続き"),
    "truncated_note": ("Rows {first}–{last} of {total} are on sheet {sheet}.",
                       "全 {total} 行のうち {first}～{last} 行目はシート「{sheet}」にあります。"),
    "figure": ("Figure", "図"),
    "item": ("Item", "項目"),
    "stage": ("Stage", "段階"),
    "inflow": ("Inflow", "インフロー"),
    "outflow": ("Outflow", "アウトフロー"),
    "treatment": ("Treatment", "処理方法"),
    "hazard_class": ("Hazard class", "有害性の区分"),
    "waste_type": ("Type of waste", "廃棄物の種類"),
    "datapoint_label": ("Datapoint", "データポイント"),
}


def tx(key: str, lang: str, **kw) -> str:
    """A document word (falling back to the common UI words and then to enum labels)."""
    if key in DOC_TEXTS:
        en, ja = DOC_TEXTS[key]
    elif key in UI:
        en, ja = UI[key]
    else:
        return enum_label(key, lang)
    text = ja if lang == "ja" else en
    return text.format(**kw) if kw else text


def node_label(key: str, lang: str) -> str:
    """Label of a breakdown key: a category, node, enum value, or text as entered (``none`` = not given)."""
    if key in DOC_TEXTS:
        return tx(key, lang)
    if key in ("", "none"):
        return tx("none", lang)
    return enum_label(key, lang)
