"""Japanese wording of the catalogue's source clauses ("出典箇所"), so that no English prose reaches a ja output.

Standard names, clause numbers and the names of CTI's modules stay in their original form (with the
Japanese words beside them), as a Japanese report cites them: ``CTI v4.0『Close the loop』：循環インフロー率``,
``ESRS E5-5 第37項(b)``. Known clauses are translated whole (:data:`CLAUSES_JA`); a clause added later is
translated by its parts (:func:`clause_ja`), and the test of the catalogue lists any English left over.
"""
from __future__ import annotations

import re

#: whole clauses of the catalogue -> ja
CLAUSES_JA: dict[str, str] = {
    "CTI v4.0, Value the loop: CTI revenue": "CTI v4.0『Value the loop』：循環売上高（CTI revenue）",
    "CTI v4.0, Impact the loop: GHG impact": "CTI v4.0『Impact the loop』：GHG インパクト",
    "Amended Resource Act (令和7年法律第52号): 再生プラスチック = pre- and post-consumer [secondary]":
        "改正資源有効利用促進法（令和7年法律第52号）：再生プラスチック＝プレコンシューマ材料とポストコンシューマ材料"
        "（二次情報）",
    "Japanese government strategy: share of domestic recycled material (国産再生材); origin = where the recycled "
    "content was recovered [assumed]":
        "政府の戦略：国産再生材の割合。由来は再生材が回収された地域（本ツールの仮定）",
    "Japanese government strategy: critical minerals (重要鉱物) recovered at home; critical-materials list (EU Reg. "
    "2024/1252 Annex II; Japan's critical minerals) [assumed]":
        "政府の戦略：国内で回収された重要鉱物。重要原材料リスト（EU 規則 2024/1252 附属書II、日本の重要鉱物）"
        "（本ツールの仮定）",
    "Not a 2023 datapoint (revised ESRS E5-5 para 16(e) [secondary]); counted as non-recycled":
        "2023年版にはないデータポイント（改訂 ESRS E5-5 第16項(e)、二次情報）。リサイクルされなかった廃棄物に含める",
    "GCP v1.0, Measure stage: circular performance (mapping to CTI v4.0 assumed)":
        "GCP v1.0 測定段階：循環パフォーマンス（CTI v4.0 との対応は本ツールの仮定）",
    "Data quality: measured vs estimated (ESRS E5 §32, §40; ISO 59020 data-quality reporting)":
        "データ品質：実測値と推計値の区別（ESRS E5 第32項・第40項、ISO 59020 のデータ品質の報告）",
    "Data quality: evidence behind the figures (ESRS E5 §32, §40)":
        "データ品質：数値の根拠資料（ESRS E5 第32項・第40項）",
    "CTI v4.0, Close the loop: % circular outflow (actual recovery of waste lines derived from the destination)":
        "CTI v4.0『Close the loop』：循環アウトフロー率（廃棄物の行の実回収率を処理・処分方法から求めた分）",
    "CTI v4.0, Optimize the loop: % critical inflow (critical-materials list: EU Reg. 2024/1252 Annex II; Japan's "
    "critical minerals)":
        "CTI v4.0『Optimize the loop』：重要原材料インフロー率（重要原材料リスト：EU 規則 2024/1252 附属書II、"
        "日本の重要鉱物）",
    "CTI v4.0, Optimize the loop: % critical inflow, by material":
        "CTI v4.0『Optimize the loop』：重要原材料インフロー率（素材別）",
    "ESRS E5-4 §31(b); AR 23 (denominator: overall total weight of materials used)":
        "ESRS E5-4 第31項(b)、AR 23（分母：使用した材料の総重量）",
    "Supplementary to ESRS E5-4 §31(b): denominator the biological materials only":
        "ESRS E5-4 第31項(b) の補足：分母は生物由来材料のみ",
    "ESRS E5-5 §36(c); AR 27 (denominator: overall total weight of materials used)":
        "ESRS E5-5 第36項(c)、AR 27（分母：使用した材料の総重量）",
    "Supplementary to ESRS E5-5 §36(c): per product group (the EFRAG taxonomy reports §36(a)–(c) per product)":
        "ESRS E5-5 第36項(c) の補足：製品グループ別（EFRAG タクソノミーは第36項(a)～(c) を製品別に報告する）",
}

#: phrases inside clauses -> ja (longest first when applied)
PHRASES_JA: dict[str, str] = {
    # CTI v4.0
    "inflow mass": "インフロー質量",
    "% circular inflow (non-virgin part)": "循環インフロー率（非バージン材の部分）",
    "% circular inflow (non-virgin)": "循環インフロー率（非バージン材）",
    "% circular inflow (renewable)": "循環インフロー率（再生可能資源）",
    "% circular inflow": "循環インフロー率",
    "% linear inflow": "リニアインフロー率",
    "circular material productivity": "循環資源生産性",
    "outflow mass (products, by-products and waste)": "アウトフロー質量（製品・副産物・廃棄物）",
    "outflow mass": "アウトフロー質量",
    "recovery potential": "回収可能率（設計上）",
    "actual recovery": "実回収率",
    "% circular outflow, technical cycle": "循環アウトフロー率（技術的サイクル）",
    "% circular outflow, biological cycle": "循環アウトフロー率（生物的サイクル）",
    "% circular outflow": "循環アウトフロー率",
    "% material circularity (weighted average of circular inflow and outflow)":
        "マテリアル循環率（循環インフローと循環アウトフローの加重平均）",
    "% material circularity": "マテリアル循環率",
    "% critical inflow": "重要原材料インフロー率",
    "% recovery type": "回収方法別の割合",
    "% water circularity": "水の循環率",
    "onsite water circularity": "事業所内の水の循環率",
    "% renewable energy": "再生可能エネルギー比率",
    "actual lifetime": "製品寿命",
    # ISO 59020
    "7.3.1 core indicators: resource inflows": "7.3.1 中核指標：資源の流入",
    "7.3.1 core indicators: resource outflows (mandatory)": "7.3.1 中核指標：資源の流出（必須）",
    "7.3.1 core indicators: resource outflows": "7.3.1 中核指標：資源の流出",
    "7.3.2 additional indicators: lifetime": "7.3.2 追加指標：製品寿命",
    "7.3.1 core indicators: water": "7.3.1 中核指標：水",
    "7.3.1 core indicators: energy": "7.3.1 中核指標：エネルギー",
    "7.3.1 core indicators: economics": "7.3.1 中核指標：経済",
    "core indicators": "中核指標",
    "additional indicators": "追加指標",
    # EMF MCI
    "EMF Circularity Indicators methodology (2015; 2019 terms)": "EMF『Circularity Indicators』算定方法（2015年、2019年追加の項を含む）",
    "EMF Circularity Indicators methodology (2015)": "EMF『Circularity Indicators』算定方法（2015年）",
    "product-level MCI": "製品レベルの MCI",
    "Linear Flow Index": "線形フロー指数（LFI）",
    "company level (normalising factor: revenue)": "企業レベル（正規化係数：売上高）",
    "company level": "企業レベル",
    "utility": "効用",
    # ESRS
    "EFRAG Q&A ID": "EFRAG Q&A ID",
    "[secondary]": "、二次情報",
}

_CTI_MODULE = re.compile(r"CTI v4\.0, (Close|Optimize|Value) the loop: ")
_SECTION = re.compile(r"(?:§|para )(\d+)(\([a-z]\))?")


def clause_ja(clause: str) -> str:
    """The Japanese wording of a catalogue clause."""
    if clause in CLAUSES_JA:
        return CLAUSES_JA[clause]
    text = clause
    for en in sorted(PHRASES_JA, key=len, reverse=True):
        text = text.replace(en, PHRASES_JA[en])
    text = _CTI_MODULE.sub(lambda m: f"CTI v4.0『{m.group(1)} the loop』：", text)
    text = text.replace("; Value the loop: ", "、『Value the loop』：")
    text = _SECTION.sub(lambda m: f"第{m.group(1)}項{m.group(2) or ''}", text)
    text = re.sub(r"^Revised ", "改訂 ", text)
    text = re.sub(r"(ISO 59020:2024), ", r"\1 ", text)
    text = re.sub(r"(EMF『Circularity Indicators』算定方法（[^）]*）), ", r"\1：", text)
    text = text.replace("; ", "、").replace(" (C(2026) 5010)", "（C(2026) 5010）")
    return text
