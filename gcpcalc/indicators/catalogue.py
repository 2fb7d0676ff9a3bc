"""The indicator catalogue: one :class:`IndicatorDef` per indicator id (or id pattern), in report order.

Every id of the specification's indicator list is here with its unit, ja/en label, framework, clause,
ESRS datapoint (where there is one), formula in words (en, ja) and evidence status:

* ``confirmed`` — the formula follows from a primary text that was read (e.g. the ESRS E5 regulation);
* ``assumed`` — the primary text could not be checked word for word; the methodology states the assumption;
* ``secondary`` — known only from third-party summaries (the 2026 simplified ESRS).

Ids with a variable part are catalogued once as a pattern with ``{...}`` placeholders
(``mci.product.{product_id}``); :func:`definition` resolves a concrete id to its entry.

:func:`result` and :func:`not_computable` build :class:`IndicatorResult` objects for the framework modules,
so that every figure carries its catalogue entry.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .base import FRAMEWORKS, IndicatorDef, IndicatorResult

_DEFS: list[IndicatorDef] = []


def _d(id: str, unit: str, label_en: str, label_ja: str, framework: str, clause: str, formula_en: str,
       formula_ja: str, status: str, datapoint: str = "") -> None:
    assert framework in FRAMEWORKS, framework
    assert status in ("confirmed", "assumed", "secondary"), status
    _DEFS.append(IndicatorDef(id, unit, label_en, label_ja, framework, clause, formula_en, formula_ja, status,
                              datapoint))


# ------------------------------------------------------------------------------------------------
# WBCSD Circular Transition Indicators v4.0
# ------------------------------------------------------------------------------------------------
_CTI = "cti"
_d("cti.inflow_t", "t", "Total inflow", "インフロー合計", _CTI, "CTI v4.0, Close the loop: inflow mass",
   "Σ inflow mass m_i", "インフロー質量の合計 Σ m_i", "confirmed")
_d("cti.recycled_inflow_pct", "%", "Recycled inflow", "再生材インフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular inflow (non-virgin part)",
   "Σ m_i (pre-consumer + post-consumer recycled share) / Σ m_i",
   "Σ m_i ×（プレ＋ポストコンシューマ再生材比率）／ Σ m_i", "assumed")
_d("cti.reused_inflow_pct", "%", "Reused inflow", "リユースインフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular inflow (non-virgin part)",
   "Σ m_i reused share / Σ m_i", "Σ m_i × リユース比率 ／ Σ m_i", "assumed")
_d("cti.nonvirgin_inflow_pct", "%", "Non-virgin inflow", "非バージン材インフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular inflow (non-virgin)",
   "% recycled inflow + % reused inflow", "再生材インフロー率 ＋ リユースインフロー率", "assumed")
_d("cti.renewable_inflow_pct", "%", "Sustainably renewable inflow", "持続可能な再生可能資源のインフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular inflow (renewable)",
   "Σ m_i × virgin renewable share × sustainably sourced share (of the renewable part) / Σ m_i",
   "Σ m_i × バージンの再生可能原材料の割合 × 持続可能に調達された割合（再生可能原材料に対する）／ Σ m_i", "assumed")
_d("cti.circular_inflow_pct", "%", "Circular inflow", "循環インフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular inflow",
   "% non-virgin inflow + % sustainably renewable inflow (circular = non-virgin OR sustainably renewable)",
   "非バージン材インフロー率 ＋ 持続可能な再生可能資源のインフロー率（循環＝非バージン材 または 持続可能な再生可能資源）",
   "assumed")
_d("cti.linear_inflow_t", "t", "Linear inflow", "リニアインフロー量", _CTI,
   "CTI v4.0, Close the loop: % linear inflow; Value the loop: circular material productivity",
   "Σ m_i − Σ circular inflow mass", "Σ m_i − 循環インフロー質量の合計", "assumed")
_d("cti.linear_inflow_pct", "%", "Linear inflow", "リニアインフロー率", _CTI,
   "CTI v4.0, Close the loop: % linear inflow", "100 − % circular inflow", "100 − 循環インフロー率", "assumed")
_d("cti.outflow_t", "t", "Total outflow", "アウトフロー合計", _CTI,
   "CTI v4.0, Close the loop: outflow mass (products, by-products and waste)",
   "Σ outflow mass m_j (products, by-products, waste)", "アウトフロー質量の合計 Σ m_j（製品・副産物・廃棄物）", "confirmed")
_d("cti.recovery_potential_pct", "%", "Recovery potential", "回収可能率（設計上）", _CTI,
   "CTI v4.0, Close the loop: recovery potential", "Σ m_j RP_j / Σ m_j", "Σ m_j RP_j ／ Σ m_j", "assumed")
_d("cti.actual_recovery_pct", "%", "Actual recovery", "実回収率", _CTI,
   "CTI v4.0, Close the loop: actual recovery", "Σ m_j AR_j / Σ m_j", "Σ m_j AR_j ／ Σ m_j", "assumed")
_d("cti.circular_outflow_pct", "%", "Circular outflow", "循環アウトフロー率", _CTI,
   "CTI v4.0, Close the loop: % circular outflow",
   "Σ m_j RP_j AR_j / Σ m_j (recoverable AND recovered, taken as the product of the two shares)",
   "Σ m_j RP_j AR_j ／ Σ m_j（回収可能 かつ 回収済み を二つの比率の積として算定）", "assumed")
_d("cti.circular_outflow_technical_pct", "%", "Circular outflow, technical cycle", "循環アウトフロー率（技術的サイクル）",
   _CTI, "CTI v4.0, Close the loop: % circular outflow, technical cycle",
   "Σ m_j RP_j AR_j over technical-cycle lines / Σ m_j (all outflows)",
   "技術的サイクルの行の Σ m_j RP_j AR_j ／ 全アウトフローの Σ m_j", "assumed")
_d("cti.circular_outflow_biological_pct", "%", "Circular outflow, biological cycle",
   "循環アウトフロー率（生物的サイクル）", _CTI, "CTI v4.0, Close the loop: % circular outflow, biological cycle",
   "Σ m_j RP_j AR_j over biological-cycle lines / Σ m_j (all outflows)",
   "生物的サイクルの行の Σ m_j RP_j AR_j ／ 全アウトフローの Σ m_j", "assumed")
_d("cti.circular_outflow_default_recovery_pct", "%", "Circular outflow resting on the destination default",
   "循環アウトフローのうち処理方法の既定値に基づく割合", _CTI,
   "CTI v4.0, Close the loop: % circular outflow (actual recovery of waste lines derived from the destination)",
   "Σ m_j RP_j AR_j over waste lines without an actual recovery rate / Σ m_j RP_j AR_j",
   "実回収率が未入力の廃棄物の行の Σ m_j RP_j AR_j ／ Σ m_j RP_j AR_j", "confirmed")
_d("cti.material_circularity_pct", "%", "Material circularity", "マテリアル循環率", _CTI,
   "CTI v4.0, Close the loop: % material circularity (weighted average of circular inflow and outflow)",
   "(Σ circular inflow mass + Σ circular outflow mass) / (Σ m_i + Σ m_j) — mass-weighted, not the simple mean",
   "（循環インフロー質量 ＋ 循環アウトフロー質量）／（Σ m_i ＋ Σ m_j）— 質量加重（単純平均ではない）", "assumed")
_d("cti.critical_inflow_pct", "%", "Critical inflow", "重要原材料インフロー率", _CTI,
   "CTI v4.0, Optimize the loop: % critical inflow (critical-materials list: EU Reg. 2024/1252 Annex II; Japan's "
   "critical minerals)",
   "Σ m_i · critical content_i / Σ m_i over lines whose critical raw material is on the list (content 100 % when "
   "not given)",
   "重要原材料リストに載る素材を記載した行の Σ m_i × 含有率_i ／ Σ m_i（含有率が未入力の行は 100%）", "assumed")
_d("cti.critical_inflow.{material_id}_t", "t", "Critical inflow: {material_id}", "重要原材料インフロー：{material_id}",
   _CTI, "CTI v4.0, Optimize the loop: % critical inflow, by material",
   "Σ m_i · critical content_i over the lines naming this material",
   "この重要原材料を記載した行の Σ m_i × 含有率_i", "assumed")
_d("cti.recovery_type.{destination}_pct", "%", "Recovery type: {destination}", "回収方法別の割合：{destination}", _CTI,
   "CTI v4.0, Optimize the loop: % recovery type",
   "circular outflow mass with this destination / Σ circular outflow mass",
   "この処理・処分方法の循環アウトフロー質量 ／ 循環アウトフロー質量の合計", "assumed")
_d("cti.water_circularity_pct", "%", "Water circularity", "水の循環率", _CTI,
   "CTI v4.0, Close the loop: % water circularity",
   "(circular withdrawal + circular discharge) / (withdrawal + discharge), by volume",
   "（循環的取水 ＋ 循環的排水）／（取水 ＋ 排水）、水量ベース", "assumed")
_d("cti.onsite_water_circularity_pct", "%", "Onsite water circularity", "事業所内の水の循環率", _CTI,
   "CTI v4.0, Optimize the loop: onsite water circularity",
   "recirculated / (recirculated + withdrawal), by volume", "循環利用量 ／（循環利用量 ＋ 取水量）、水量ベース", "assumed")
_d("cti.renewable_energy_pct", "%", "Renewable energy", "再生可能エネルギー比率", _CTI,
   "CTI v4.0, Close the loop: % renewable energy",
   "renewable energy consumed / total energy consumed (MWh; exported lines excluded)",
   "消費した再生可能エネルギー ／ 消費したエネルギー合計（MWh、外部供給の行は除く）", "assumed")
_d("cti.actual_lifetime_ratio", "ratio", "Actual lifetime vs industry average", "製品寿命の業界平均比", _CTI,
   "CTI v4.0, Optimize the loop: actual lifetime",
   "Σ_p w_p (L_p / L_av,p) / Σ_p w_p over products with both lifetimes; w = mass (units sold when a mass is "
   "missing)",
   "製品寿命と業界平均の製品寿命の両方がある製品について Σ_p w_p (L_p / L_av,p) ／ Σ_p w_p；w は質量（質量がない場合は販売数量）", "assumed")
_d("cti.circular_material_productivity", "currency/t", "Circular material productivity", "循環資源生産性", _CTI,
   "CTI v4.0, Value the loop: circular material productivity", "revenue / linear inflow (t)",
   "売上高 ／ リニアインフロー（t）", "assumed")

# CTI revenue (Value the loop) and GHG impact (Impact the loop): gcpcalc.indicators.cti_value_impact
_VALUE = "CTI v4.0, Value the loop: CTI revenue"
_IMPACT = "CTI v4.0, Impact the loop: GHG impact"
_d("cti.revenue_circular", "currency", "CTI revenue", "循環売上高", _CTI, _VALUE,
   "Σ_s revenue_s × material circularity_s / 100 over segments with lines (segment = business_unit of the lines); "
   "without segments: organisation revenue × % material circularity / 100",
   "Σ_s 売上高_s × マテリアル循環率_s ／ 100（行のあるセグメントについて。セグメント＝行の事業単位）。"
   "セグメントがない場合：組織の売上高 × マテリアル循環率 ／ 100", "assumed")
_d("cti.revenue_circular_pct", "%", "CTI revenue, share of revenue", "循環売上高率", _CTI, _VALUE,
   "CTI revenue / Σ_s revenue_s (the same segments; without segments: / organisation revenue)",
   "循環売上高 ／ Σ_s 売上高_s（同じセグメント。セグメントがない場合は組織の売上高）", "assumed")
_d("cti.segment_circularity_pct.{segment_id}", "%", "Material circularity of segment {segment_id}",
   "セグメント {segment_id} のマテリアル循環率", _CTI, _VALUE,
   "% material circularity over the inflow and outflow lines whose business_unit is the segment",
   "事業単位が当該セグメントのインフロー・アウトフロー行のマテリアル循環率", "assumed")
_d("cti.revenue_circular.{segment_id}", "currency", "CTI revenue of segment {segment_id}",
   "セグメント {segment_id} の循環売上高", _CTI, _VALUE, "revenue_s × material circularity_s / 100",
   "売上高_s × マテリアル循環率_s ／ 100", "assumed")
_d("cti.ghg_inflow_tco2e", "t CO2e", "GHG emissions of inflows", "インフローの GHG 排出量", _CTI, _IMPACT,
   "Σ_i m_i (virgin_i EF_v + recycled_i EF_r + reused_i EF_u) over lines with factors; factors per material from "
   "a versioned factor file",
   "排出係数のある行について Σ_i m_i（バージン比率_i EF_v ＋ 再生材比率_i EF_r ＋ リユース比率_i EF_u）。"
   "素材別の係数は版管理された係数ファイルによる", "assumed")
_d("cti.ghg_inflow_linear_tco2e", "t CO2e", "GHG emissions of inflows if all virgin",
   "全量バージン材とした場合のインフローの GHG 排出量", _CTI, _IMPACT,
   "Σ_i m_i EF_v (the same inflow lines, all from primary production)",
   "Σ_i m_i EF_v（同じインフロー行をすべて一次生産材とした場合）", "assumed")
_d("cti.ghg_impact_tco2e", "t CO2e", "GHG emissions avoided by circular inflow",
   "循環インフローによる GHG 排出削減量（GHG インパクト）", _CTI, _IMPACT,
   "all-virgin emissions − actual emissions of the inflows", "全量バージン材の場合の排出量 − 実際の排出量", "assumed")
_d("cti.ghg_factor_coverage_pct", "%", "Emission factor coverage of inflows", "排出係数のカバー率", _CTI, _IMPACT,
   "inflow mass of lines with factors / total inflow mass (lines without factors are left out, with a warning)",
   "排出係数のある行のインフロー質量 ／ インフロー質量の合計（係数のない行は警告を出して除く）", "assumed")
_d("cti.ghg_inflow_tco2e.{material}", "t CO2e", "GHG emissions of inflows: {material}",
   "インフローの GHG 排出量：{material}", _CTI, _IMPACT, "as cti.ghg_inflow_tco2e, lines of the material",
   "cti.ghg_inflow_tco2e と同じ（当該素材の行）", "assumed")
_d("cti.ghg_inflow_linear_tco2e.{material}", "t CO2e", "GHG emissions if all virgin: {material}",
   "全量バージン材の場合の GHG 排出量：{material}", _CTI, _IMPACT,
   "as cti.ghg_inflow_linear_tco2e, lines of the material", "cti.ghg_inflow_linear_tco2e と同じ（当該素材の行）",
   "assumed")
_d("cti.ghg_impact_tco2e.{material}", "t CO2e", "GHG emissions avoided: {material}", "GHG 排出削減量：{material}",
   _CTI, _IMPACT, "as cti.ghg_impact_tco2e, lines of the material", "cti.ghg_impact_tco2e と同じ（当該素材の行）",
   "assumed")

# ------------------------------------------------------------------------------------------------
# ISO 59020:2024 core indicators (organisation level) — exact ISO wording not verified
# ------------------------------------------------------------------------------------------------
_ISO = "iso59020"
_d("iso59020.inflow_reused_pct", "%", "Reused content of inflows", "インフローに占めるリユースの割合", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: resource inflows", "= cti.reused_inflow_pct", "= cti.reused_inflow_pct",
   "assumed")
_d("iso59020.inflow_recycled_pct", "%", "Recycled content of inflows", "インフローの再生材含有率", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: resource inflows", "= cti.recycled_inflow_pct",
   "= cti.recycled_inflow_pct", "assumed")
_d("iso59020.inflow_renewable_sustainable_pct", "%", "Sustainably produced renewable content of inflows",
   "インフローに占める持続可能に生産された再生可能資源の割合", _ISO, "ISO 59020:2024, 7.3.1 core indicators: resource inflows",
   "= cti.renewable_inflow_pct", "= cti.renewable_inflow_pct", "assumed")
_d("iso59020.outflow_reused_pct", "%", "Outflow actually reused", "アウトフローのうち実際にリユースされた割合", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: resource outflows",
   "Σ m_j AR_j over lines with destination preparation_for_reuse / Σ m_j (mass actually reused; no "
   "recovery-potential factor)",
   "処理・処分方法が「再使用のための準備」の行の Σ m_j AR_j ／ Σ m_j（実際にリユースされた質量。回収可能率（設計上）は乗じない）",
   "assumed")
_d("iso59020.outflow_recycled_pct", "%", "Outflow actually recycled", "アウトフローのうち実際にリサイクルされた割合", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: resource outflows (mandatory)",
   "Σ m_j AR_j over lines with destination recycling / Σ m_j (mass actually recycled; no recovery-potential "
   "factor)",
   "処理・処分方法が「リサイクル」の行の Σ m_j AR_j ／ Σ m_j（実際にリサイクルされた質量。回収可能率（設計上）は乗じない）",
   "assumed")
_d("iso59020.outflow_biological_returned_pct", "%", "Biological outflow returned to the biosphere",
   "アウトフローのうち生物圏に還元された割合", _ISO, "ISO 59020:2024, 7.3.1 core indicators: resource outflows",
   "Σ m_j AR_j over lines with destination composting / Σ m_j (mass actually returned; no recovery-potential "
   "factor)",
   "処理・処分方法が「堆肥化」の行の Σ m_j AR_j ／ Σ m_j（実際に還元された質量。回収可能率（設計上）は乗じない）", "assumed")
_d("iso59020.average_lifetime_ratio", "ratio", "Average lifetime vs industry average", "平均製品寿命の業界平均比", _ISO,
   "ISO 59020:2024, 7.3.2 additional indicators: lifetime", "= cti.actual_lifetime_ratio",
   "= cti.actual_lifetime_ratio", "assumed")
_d("iso59020.water_circular_pct", "%", "Circular water", "水の循環率", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: water", "= cti.water_circularity_pct", "= cti.water_circularity_pct",
   "assumed")
_d("iso59020.renewable_energy_pct", "%", "Renewable energy (net of exported energy)",
   "再生可能エネルギー比率（外部供給分を控除）", _ISO, "ISO 59020:2024, 7.3.1 core indicators: energy",
   "(E_in,renewable − E_out,renewable) / (E_in,total − E_out,total): energy consumed minus energy exported",
   "（消費した再生可能エネルギー − 外部供給した再生可能エネルギー）／（消費したエネルギー − 外部供給したエネルギー）",
   "assumed")
_d("iso59020.resource_productivity", "currency/t", "Resource productivity", "資源生産性", _ISO,
   "ISO 59020:2024, 7.3.1 core indicators: economics", "revenue / Σ m_i (total inflow)",
   "売上高 ／ Σ m_i（インフロー合計）", "assumed")

# ------------------------------------------------------------------------------------------------
# ESRS E5 (Delegated Regulation (EU) 2023/2772, Set 1)
# ------------------------------------------------------------------------------------------------
_E5 = "esrs_e5"
_d("esrs_e5.inflow_total_t", "t", "Overall total weight of materials used", "使用した製品・材料の総重量", _E5,
   "ESRS E5-4 §31(a)", "Σ m_i", "Σ m_i", "confirmed", "E5-4_02")
_d("esrs_e5.bio_sustainably_sourced_pct", "%", "Biological materials sustainably sourced",
   "持続可能に調達された生物由来材料の割合", _E5, "ESRS E5-4 §31(b); AR 23 (denominator: overall total weight of "
   "materials used)",
   "Σ m_i renewable_i sustainably_sourced_i / Σ m_i (all inflows, AR 23); not computable when no inflow has "
   "biological content",
   "Σ m_i 再生可能_i 持続可能調達_i ／ Σ m_i（全インフロー、AR 23）。生物由来の含有があるインフローがない場合は算出不可",
   "assumed", "E5-4_03")
_d("esrs_e5.bio_sustainably_sourced_of_biological_pct", "%",
   "Sustainably sourced share of the biological materials (supplementary, not the §31(b) figure)",
   "生物由来材料に占める持続可能に調達された割合（補足。第31項(b) の値ではない）", _E5,
   "Supplementary to ESRS E5-4 §31(b): denominator the biological materials only",
   "Σ m_i renewable_i sustainably_sourced_i / Σ m_i renewable_i",
   "Σ m_i 再生可能_i 持続可能調達_i ／ Σ m_i 再生可能_i", "assumed")
_d("esrs_e5.secondary_inflow_t", "t", "Secondary reused or recycled materials", "再使用・リサイクルされた二次材料（部品・製品を含む）の重量",
   _E5, "ESRS E5-4 §31(c)", "Σ m_i (pre-consumer + post-consumer recycled + reused share)",
   "Σ m_i ×（プレ＋ポストコンシューマ再生材比率 ＋ リユース比率）", "confirmed", "E5-4_04")
_d("esrs_e5.secondary_inflow_pct", "%", "Secondary reused or recycled materials", "再使用・リサイクルされた二次材料（部品・製品を含む）の割合",
   _E5, "ESRS E5-4 §31(c)", "secondary inflow / Σ m_i", "二次材料の重量 ／ Σ m_i", "confirmed", "E5-4_05")
_d("esrs_e5.durability_ratio.{product_group}", "ratio", "Expected durability vs industry average: {product_group}",
   "製品の期待耐久性（業界平均比）：{product_group}", _E5, "ESRS E5-5 §36(a)",
   "per product group: Σ_p w_p (L_p / L_av,p) / Σ_p w_p (as cti.actual_lifetime_ratio)",
   "製品グループごとに Σ_p w_p (L_p / L_av,p) ／ Σ_p w_p（cti.actual_lifetime_ratio と同じ）", "assumed", "E5-5_02")
_d("esrs_e5.reparability.{product_id}", "text", "Reparability of {product_id}", "{product_id} の修理可能性", _E5,
   "ESRS E5-5 §36(b)", "the product's reparability score as entered (score and scheme)",
   "入力された製品の修理可能性スコア（スコアと制度）", "confirmed", "E5-5_03")
_d("esrs_e5.recyclable_content_products_pct", "%", "Recyclable content in products", "製品のリサイクル可能な材料の含有率", _E5,
   "ESRS E5-5 §36(c); AR 27 (denominator: overall total weight of materials used)",
   "Σ_p m_p recyclable_p / Σ m_i (product mass put on the market, over the total inflow; AR 27)",
   "Σ_p m_p リサイクル可能率_p ／ Σ m_i（販売した製品の質量、分母はインフロー合計。AR 27）", "assumed", "E5-5_04")
_d("esrs_e5.recyclable_content_products_pct.{product_group}", "%",
   "Recyclable content in products: {product_group} (supplementary)", "製品のリサイクル可能含有率：{product_group}（補足）",
   _E5, "Supplementary to ESRS E5-5 §36(c): per product group (the EFRAG taxonomy reports §36(a)–(c) per product)",
   "Σ_p m_p recyclable_p / Σ_p m_p over the group's products with both given",
   "グループ内で両方の入力がある製品について Σ_p m_p リサイクル可能率_p ／ Σ_p m_p", "assumed")
_d("esrs_e5.recyclable_content_packaging_pct", "%", "Recyclable content in packaging", "包装のリサイクル可能な材料の含有率", _E5,
   "ESRS E5-5 §36(c); AR 27 (denominator: overall total weight of materials used)",
   "Σ_p packaging mass_p packaging_recyclable_p / Σ m_i (AR 27; packaging mass is its own input)",
   "Σ_p 包装質量_p 包装リサイクル可能率_p ／ Σ m_i（AR 27。包装質量は個別の入力）", "assumed", "E5-5_05")
_d("esrs_e5.waste_total_t", "t", "Total waste generated", "廃棄物の総発生量", _E5, "ESRS E5-5 §37(a)",
   "Σ mass of outflow lines with flow type waste", "フロー種別が廃棄物の行の質量合計", "confirmed", "E5-5_07")
_d("esrs_e5.diverted.total_t", "t", "Waste diverted from disposal, total", "処分されなかった廃棄物（合計）", _E5,
   "ESRS E5-5 §37(b)", "Σ waste with destination preparation for reuse, recycling (incl. composting) or other "
   "recovery (incl. energy recovery meeting R1)",
   "処理・処分方法が再使用のための準備・リサイクル（堆肥化を含む）・その他の回収作業（R1 を満たすエネルギー回収を含む）の"
   "廃棄物の合計",
   "confirmed", "E5-5_08")
_d("esrs_e5.diverted.{hazard}.total_t", "t", "Waste diverted from disposal, {hazard}, total",
   "処分されなかった廃棄物（{hazard}・合計）", _E5, "ESRS E5-5 §37(b)",
   "Σ diverted waste of the hazard class", "当該有害性区分の処分されなかった廃棄物の合計", "confirmed", "E5-5_08")
_d("esrs_e5.diverted.{hazard}.{route}_t", "t", "Waste diverted from disposal, {hazard}, {route}",
   "処分されなかった廃棄物（{hazard}・{route}）", _E5, "ESRS E5-5 §37(b)",
   "Σ waste of the hazard class and recovery operation (recycling includes composting; other recovery includes "
   "energy recovery meeting R1)",
   "当該有害性区分・回収作業の廃棄物の合計（リサイクルは堆肥化を含み、その他の回収作業は R1 を満たすエネルギー回収を含む）",
   "confirmed", "E5-5_08")
_d("esrs_e5.disposal.total_t", "t", "Waste directed to disposal, total", "処分された廃棄物（合計）", _E5,
   "ESRS E5-5 §37(c)", "Σ waste with destination incineration (incl. energy recovery without R1), landfill or "
   "other disposal",
   "処理・処分方法が焼却（R1 を満たさないエネルギー回収を含む）・埋立・その他の処分作業の廃棄物の合計", "confirmed", "E5-5_09")
_d("esrs_e5.disposal.{hazard}.total_t", "t", "Waste directed to disposal, {hazard}, total",
   "処分された廃棄物（{hazard}・合計）", _E5, "ESRS E5-5 §37(c)", "Σ disposed waste of the hazard class",
   "当該有害性区分の処分された廃棄物の合計", "confirmed", "E5-5_09")
_d("esrs_e5.disposal.{hazard}.{route}_t", "t", "Waste directed to disposal, {hazard}, {route}",
   "処分された廃棄物（{hazard}・{route}）", _E5, "ESRS E5-5 §37(c)",
   "Σ waste of the hazard class and disposal operation (incineration includes energy recovery without R1)",
   "当該有害性区分・処分作業の廃棄物の合計（焼却は R1 を満たさないエネルギー回収を含む）", "confirmed", "E5-5_09")
_d("esrs_e5.unknown_destination_t", "t", "Waste with unknown destination", "処理方法が不明な廃棄物", _E5,
   "Not a 2023 datapoint (revised ESRS E5-5 para 16(e) [secondary]); counted as non-recycled",
   "Σ waste with destination unknown", "処理・処分方法が「処理方法不明」の廃棄物の合計", "assumed")
_d("esrs_e5.nonrecycled_t", "t", "Non-recycled waste", "リサイクルされなかった廃棄物", _E5,
   "ESRS E5-5 §37(d); EFRAG Q&A ID 400", "total waste − recycled waste (recycling incl. composting)",
   "廃棄物総量 − リサイクルされた廃棄物（堆肥化を含む）", "confirmed", "E5-5_10")
_d("esrs_e5.nonrecycled_pct", "%", "Non-recycled waste", "リサイクルされなかった廃棄物の割合", _E5,
   "ESRS E5-5 §37(d); EFRAG Q&A ID 400", "non-recycled waste / total waste", "リサイクルされなかった廃棄物 ／ 廃棄物総量",
   "confirmed", "E5-5_11")
_d("esrs_e5.hazardous_t", "t", "Total hazardous waste", "有害廃棄物の総量", _E5, "ESRS E5-5 §39",
   "Σ waste flagged hazardous", "有害とされた廃棄物の合計", "confirmed", "E5-5_15")
_d("esrs_e5.radioactive_t", "t", "Total radioactive waste", "放射性廃棄物の総量", _E5, "ESRS E5-5 §39",
   "Σ waste flagged radioactive", "放射性とされた廃棄物の合計", "confirmed", "E5-5_16")

# ------------------------------------------------------------------------------------------------
# ESRS E5, simplified (revision 2025–26) — proportions of total waste, known from secondary sources
# ------------------------------------------------------------------------------------------------
_E26 = "esrs_e5_2026"
_d("esrs_e5_2026.waste_diverted_pct", "%", "Proportion of waste diverted from disposal", "処分されなかった廃棄物の割合",
   _E26, "Revised ESRS E5-5 para 16 (C(2026) 5010)", "diverted waste / total waste", "処分されなかった廃棄物 ／ 廃棄物総量",
   "secondary")
_d("esrs_e5_2026.waste_recycled_pct", "%", "Proportion of waste recycled", "リサイクルされた廃棄物の割合", _E26,
   "Revised ESRS E5-5 para 16 (C(2026) 5010)", "recycled waste (incl. composting) / total waste",
   "リサイクルされた廃棄物（堆肥化を含む）／ 廃棄物総量", "secondary")
_d("esrs_e5_2026.waste_disposal_pct", "%", "Proportion of waste directed to disposal", "処分された廃棄物の割合", _E26,
   "Revised ESRS E5-5 para 16 (C(2026) 5010)", "disposed waste / total waste", "処分された廃棄物 ／ 廃棄物総量", "secondary")
_d("esrs_e5_2026.waste_unknown_destination_pct", "%", "Proportion of waste with unknown destination",
   "処理方法が不明な廃棄物の割合", _E26, "Revised ESRS E5-5 para 16(e) (C(2026) 5010)",
   "waste with unknown destination / total waste (diverted + disposal + unknown = 100 %)",
   "処理方法が不明な廃棄物 ／ 廃棄物総量（処分されなかった廃棄物＋処分された廃棄物＋処理方法不明＝100%）", "secondary")

# ------------------------------------------------------------------------------------------------
# EMF Material Circularity Indicator (2015 equations, 2019 terms F_S and C_C)
# ------------------------------------------------------------------------------------------------
_MCI = "mci"
_d("mci.product.{product_id}", "0-1", "MCI of {product_id}", "製品別 MCI：{product_id}", _MCI,
   "EMF Circularity Indicators methodology (2015; 2019 terms), product-level MCI",
   "MCI = max(0, 1 − LFI·F(X)); F(X) = 0.9/X; X = (L/L_av)·(U/U_av); LFI = (V + W) / (2M + (W_F − W_C)/2)",
   "MCI = max(0, 1 − LFI·F(X))；F(X) = 0.9/X；X = (L/L_av)·(U/U_av)；LFI = (V + W) ／ (2M + (W_F − W_C)/2)",
   "assumed")
_d("mci.product_lfi.{product_id}", "0-1", "Linear flow index of {product_id}", "線形フロー指数（LFI）：{product_id}",
   _MCI, "EMF Circularity Indicators methodology (2015), Linear Flow Index",
   "LFI = (V + W) / (2M + (W_F − W_C)/2); V = M(1 − F_R − F_U − F_S); W = W0 + (W_F + W_C)/2; "
   "W0 = M(1 − C_R − C_U − C_C); W_C = M(1 − E_C)C_R; W_F = M(1 − E_F)F_R/E_F",
   "LFI = (V + W) ／ (2M + (W_F − W_C)/2)；V = M(1 − F_R − F_U − F_S)；W = W0 + (W_F + W_C)/2；"
   "W0 = M(1 − C_R − C_U − C_C)；W_C = M(1 − E_C)C_R；W_F = M(1 − E_F)F_R/E_F", "assumed")
_d("mci.product_utility.{product_id}", "ratio", "Utility X of {product_id}", "効用（X）：{product_id}", _MCI,
   "EMF Circularity Indicators methodology (2015), utility", "X = (L / L_av) · (U / U_av)",
   "X = (L / L_av) · (U / U_av)", "assumed")
_d("mci.company", "0-1", "Company MCI (mass-weighted)", "全社 MCI（質量加重平均）", _MCI,
   "EMF Circularity Indicators methodology (2015), company level",
   "Σ_p m_p MCI_p / Σ_p m_p over products with an MCI and a mass", "MCI と質量のある製品について Σ_p m_p MCI_p ／ Σ_p m_p",
   "assumed")
_d("mci.company_revenue_weighted", "0-1", "Company MCI (revenue-weighted)", "全社 MCI（売上高加重平均）", _MCI,
   "EMF Circularity Indicators methodology (2015), company level (normalising factor: revenue)",
   "Σ_p revenue_p MCI_p / Σ_p revenue_p over products with an MCI and a revenue",
   "MCI と売上高のある製品について Σ_p 売上高_p MCI_p ／ Σ_p 売上高_p", "assumed")

# ------------------------------------------------------------------------------------------------
# Global Circularity Protocol v1.0 — circular-performance module from the CTI figures (no new formulas)
# ------------------------------------------------------------------------------------------------
_GCP_CLAUSE = "GCP v1.0, Measure stage: circular performance (mapping to CTI v4.0 assumed)"
for _cti_id, _gcp_id, _en, _ja, _unit in (
    ("cti.circular_inflow_pct", "gcp.circular_inflow_pct", "Circular inflow", "循環インフロー率", "%"),
    ("cti.circular_outflow_pct", "gcp.circular_outflow_pct", "Circular outflow", "循環アウトフロー率", "%"),
    ("cti.material_circularity_pct", "gcp.material_circularity_pct", "Material circularity", "マテリアル循環率", "%"),
    ("cti.critical_inflow_pct", "gcp.critical_inflow_pct", "Critical inflow", "重要原材料インフロー率", "%"),
    ("cti.renewable_energy_pct", "gcp.renewable_energy_pct", "Renewable energy", "再生可能エネルギー比率", "%"),
    ("cti.water_circularity_pct", "gcp.water_circularity_pct", "Water circularity", "水の循環率", "%"),
    ("cti.actual_lifetime_ratio", "gcp.actual_lifetime_ratio", "Actual lifetime vs industry average",
     "製品寿命の業界平均比", "ratio"),
    ("cti.circular_material_productivity", "gcp.circular_material_productivity", "Circular material productivity",
     "循環資源生産性", "currency/t"),
):
    _d(_gcp_id, _unit, _en, _ja, "gcp", _GCP_CLAUSE,
       f"= {_cti_id} (GCP v1.0 builds on CTI; GCP's own definition not confirmed)",
       f"= {_cti_id}（GCP v1.0 は CTI を基礎とする。GCP 独自の定義は未確認）", "assumed")
GCP_SOURCES: dict[str, str] = {d.id: d.formula_en.split()[1] for d in _DEFS if d.framework == "gcp"}

# ------------------------------------------------------------------------------------------------
# Data quality
# ------------------------------------------------------------------------------------------------
_DQ_CLAUSE = "Data quality: measured vs estimated (ESRS E5 §32, §40; ISO 59020 data-quality reporting)"
_DQ_JA = {"measured": "実測", "calculated": "算定", "estimated": "推計"}
for _table, _t_en, _t_ja in (("inflow", "inflow", "インフロー"), ("outflow", "outflow", "アウトフロー")):
    for _q in ("measured", "calculated", "estimated"):
        _d(f"dq.{_table}_{_q}_pct", "%", f"Share of {_t_en} mass {_q}", f"{_t_ja}質量に占める{_DQ_JA[_q]}値の割合", "dq",
           _DQ_CLAUSE, f"Σ m of {_t_en} lines with data quality {_q} / Σ m of all {_t_en} lines",
           f"データ品質が「{_DQ_JA[_q]}」の{_t_ja}行の質量 ／ {_t_ja}行の質量合計", "confirmed")

for _table, _t_en, _t_ja in (("inflow", "inflow", "インフロー"), ("outflow", "outflow", "アウトフロー")):
    _d(f"dq.{_table}_evidenced_pct", "%", f"Share of {_t_en} mass with an evidence reference",
       f"{_t_ja}質量のうち根拠資料番号のある割合", "dq", "Data quality: evidence behind the figures (ESRS E5 §32, §40)",
       f"Σ m of {_t_en} lines with an evidence_ref / Σ m of all {_t_en} lines",
       f"根拠資料番号のある{_t_ja}行の質量 ／ {_t_ja}行の質量合計", "confirmed")

# ------------------------------------------------------------------------------------------------
# Japan policy indicators (jp.*): recycled plastic (amended Resource Act), domestic recycled material
# (国産再生材), critical minerals recovered (重要鉱物); functions in indicators/japan.py
# ------------------------------------------------------------------------------------------------
_JP = "jp"
_JP_ACT = "Amended Resource Act (令和7年法律第52号): 再生プラスチック = pre- and post-consumer [secondary]"
_d("jp.plastic_inflow_t", "t", "Plastic inflow", "プラスチックのインフロー量", _JP, _JP_ACT,
   "Σ m_i over inflow lines with material = plastics", "素材がプラスチックのインフロー行の質量の合計 Σ m_i", "secondary")
_d("jp.recycled_plastic_t", "t", "Recycled plastic in inflows", "再生プラスチックのインフロー量", _JP, _JP_ACT,
   "Σ m_i (pre-consumer + post-consumer share) over plastics lines",
   "プラスチック行の Σ m_i ×（プレコンシューマ材料＋ポストコンシューマ材料の割合）", "secondary")
_d("jp.recycled_plastic_pct", "%", "Recycled plastic share of plastic inflows", "再生プラスチック利用率", _JP,
   _JP_ACT, "jp.recycled_plastic_t / jp.plastic_inflow_t",
   "再生プラスチックのインフロー量 ／ プラスチックのインフロー量", "secondary")
_d("jp.recycled_plastic_postconsumer_pct", "%", "Post-consumer recycled plastic share of plastic inflows",
   "再生プラスチック利用率（ポストコンシューマ材料）", _JP, _JP_ACT,
   "Σ m_i post-consumer share over plastics lines / jp.plastic_inflow_t",
   "プラスチック行の Σ m_i × ポストコンシューマ材料の割合 ／ プラスチックのインフロー量", "secondary")
_JP_DOM = ("Japanese government strategy: share of domestic recycled material (国産再生材); origin = where the "
           "recycled content was recovered [assumed]")
_d("jp.domestic_recycled_pct", "%", "Domestic share of recycled content", "国産再生材率", _JP, _JP_DOM,
   "Σ m_i (pre + post) over lines with recycled_origin = domestic / Σ m_i (pre + post) over all lines "
   "(unknown origin stays in the denominator)",
   "再生材の由来が国内の行の Σ m_i ×（プレ＋ポスト） ／ 全行の Σ m_i ×（プレ＋ポスト）（由来不明も分母に含む）", "assumed")
_d("jp.domestic_recycled_pct.{material}", "%", "Domestic share of recycled content: {material}",
   "国産再生材率：{material}", _JP, _JP_DOM, "jp.domestic_recycled_pct over the lines of one material",
   "素材ごとの国産再生材率", "assumed")
_d("jp.critical_recovered_t", "t", "Critical minerals recovered from outflows", "重要鉱物の回収量", _JP,
   "Japanese government strategy: critical minerals (重要鉱物) recovered at home; critical-materials list "
   "(EU Reg. 2024/1252 Annex II; Japan's critical minerals) [assumed]",
   "Σ m_j AR_j over outflow lines naming a listed critical material (the whole line counts)",
   "重要原材料リストの材料を記載したアウトフロー行の Σ m_j × 実回収率（行全体を計上）", "assumed")

#: every catalogue entry, in report order
CATALOGUE: tuple[IndicatorDef, ...] = tuple(_DEFS)
_BY_ID: dict[str, IndicatorDef] = {d.id: d for d in CATALOGUE if not d.is_pattern}
_PATTERNS: tuple[IndicatorDef, ...] = tuple(d for d in CATALOGUE if d.is_pattern)
del _DEFS


@lru_cache(maxsize=65536)
def _resolve(indicator_id: str) -> tuple[IndicatorDef, tuple[tuple[str, str], ...]]:
    found = _BY_ID.get(indicator_id)
    if found is not None:
        return found, ()
    for d in _PATTERNS:  # catalogue order: the more specific pattern (…total_t) comes first
        params = d.matches(indicator_id)
        if params is not None:
            return d, tuple(params.items())
    raise KeyError(f"unknown indicator id: {indicator_id}")


def definition(indicator_id: str) -> IndicatorDef:
    """The catalogue entry of ``indicator_id`` (a concrete id of a pattern resolves to the pattern)."""
    return _resolve(indicator_id)[0]


def params_of(indicator_id: str) -> dict[str, str]:
    """The placeholder values of a concrete id of a pattern (``{}`` for a plain id)."""
    return dict(_resolve(indicator_id)[1])


def _unit(d: IndicatorDef, currency: str | None) -> str:
    if currency and d.unit == "currency/t":
        return f"{currency}/t"
    if currency and d.unit == "currency":
        return currency
    return d.unit


def result(indicator_id: str, value: float, inputs: dict[str, Any] | None = None,
           currency: str | None = None) -> IndicatorResult:
    """A computed figure (``value`` as a plain float) with its catalogue entry."""
    d, params = _resolve(indicator_id)
    return IndicatorResult(indicator_id, float(value), _unit(d, currency), d, inputs=_plain(inputs or {}),
                           params=dict(params))


def text_result(indicator_id: str, text: str, inputs: dict[str, Any] | None = None) -> IndicatorResult:
    """A figure whose value is a text as entered (e.g. a reparability score with its scheme)."""
    d, params = _resolve(indicator_id)
    return IndicatorResult(indicator_id, str(text), d.unit, d, inputs=_plain(inputs or {}), params=dict(params))


def over_100_warning(res: IndicatorResult, detail_en: str, detail_ja: str) -> IndicatorResult:
    """Attach a warning to a share above 100 % (inconsistent inputs): the value is reported as computed,
    never capped. Returns ``res``."""
    from ..i18n import message_texts
    from ..messages import WARNING, Message

    if isinstance(res.value, float) and res.value > 100.0 + 1e-9:
        value = f"{res.value:.1f}"
        en, ja = message_texts("share_over_100", indicator=res.label("en"), indicator_ja=res.label("ja"), value=value,
                               detail=detail_en, detail_ja=detail_ja)
        res.messages.append(Message("share_over_100", WARNING, en, ja, field=res.id, value=res.value,
                                    location=res.id))
    return res


def not_computable(indicator_id: str, reason_en: str, reason_ja: str, inputs: dict[str, Any] | None = None,
                   currency: str | None = None) -> IndicatorResult:
    """A figure that cannot be computed: value None and the reason in both languages."""
    d, params = _resolve(indicator_id)
    return IndicatorResult(indicator_id, None, _unit(d, currency), d, reason_en=reason_en, reason_ja=reason_ja,
                           inputs=_plain(inputs or {}), params=dict(params))


def same_as(indicator_id: str, source_id: str, source: IndicatorResult | None) -> IndicatorResult:
    """The figure ``source_id`` under another id (ISO 59020 and GCP names of CTI figures): its value and
    inputs, or its reason when it is not computable; no second formula."""
    if source is None:
        return not_computable(indicator_id, f"{source_id} was not computed", f"{source_id} が算出されていません")
    inputs = {"source_indicator": source_id, **source.inputs}
    currency = source.unit.split("/")[0] if source.unit.endswith("/t") else None
    if source.value is None:
        return not_computable(indicator_id, source.reason_en or "", source.reason_ja or "", inputs, currency=currency)
    return result(indicator_id, float(source.value), inputs, currency=currency)


def _plain(inputs: dict[str, Any]) -> dict[str, Any]:
    """Inputs as plain Python values (numpy scalars -> float/int/bool), for JSON and the store."""
    out: dict[str, Any] = {}
    for k, v in inputs.items():
        if hasattr(v, "item") and not isinstance(v, (list, dict, str)):
            v = v.item()
        out[k] = v
    return out


# reasons shared by several modules: key -> (en, ja)
REASONS: dict[str, tuple[str, str]] = {
    "no_inflows": ("no inflow lines were entered", "インフローの行が入力されていません"),
    "zero_inflow": ("the total inflow mass is 0 t", "インフロー質量の合計が 0 t です"),
    "no_outflows": ("no outflow lines were entered", "アウトフローの行が入力されていません"),
    "zero_outflow": ("the total outflow mass is 0 t", "アウトフロー質量の合計が 0 t です"),
    "no_waste": ("no waste lines (outflows with flow type waste) were entered",
                 "廃棄物の行（フロー種別が廃棄物のアウトフロー）が入力されていません"),
    "zero_waste": ("the total waste mass is 0 t", "廃棄物質量の合計が 0 t です"),
    "no_revenue": ("the organisation's revenue is not given", "組織の売上高が入力されていません"),
}


def reason(key: str) -> tuple[str, str]:
    return REASONS[key]
