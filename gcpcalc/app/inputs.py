"""Names and presentation of an indicator's inputs (``IndicatorResult.inputs``) on the results page.

An input whose key is an indicator of the catalogue (``inflow_t`` -> ``cti.inflow_t``) takes that
indicator's label; the others are named here. The unit comes from the key's suffix (``_t``, ``_m3``,
``_mwh``, ``_pct``). A key with no name (a new input of the engine) is shown as it is.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..i18n import enum_label

#: input key -> (en, ja), without the unit
INPUT_LABELS: dict[str, tuple[str, str]] = {
    "C_C": ("Composted at end of use C_C", "使用後の堆肥化率 C_C"),
    "C_R": ("Collected for recycling C_R", "リサイクル向け回収率 C_R"),
    "C_U": ("Collected for reuse C_U", "リユース向け回収率 C_U"),
    "E_C": ("Recycling efficiency at end of use E_C", "使用済み製品のリサイクル効率 E_C"),
    "E_F": ("Recycling efficiency of the feedstock E_F", "リサイクル原料製造工程の効率 E_F"),
    "F_R": ("Recycled feedstock F_R", "リサイクル原料比率 F_R"),
    "F_S": ("Sustainable biological feedstock F_S", "持続可能に生産された生物由来原料 F_S"),
    "F_U": ("Reused feedstock F_U", "リユース原料比率 F_U"),
    "F_X": ("Utility factor F(X)", "効用係数 F(X)"),
    "LFI": ("Linear Flow Index LFI", "線形フロー指数 LFI"),
    "M": ("Product mass M", "製品質量 M"),
    "V": ("Virgin feedstock V", "バージン原料 V"),
    "W": ("Unrecoverable waste W", "回収されない廃棄物 W"),
    "W0": ("Waste to landfill or energy recovery W0", "埋立・エネルギー回収に回る廃棄物 W0"),
    "W_C": ("Waste from recycling W_C", "リサイクル工程の廃棄物 W_C"),
    "W_F": ("Waste from producing recycled feedstock W_F", "リサイクル原料製造の廃棄物 W_F"),
    "X": ("Utility X", "効用 X"),
    "biological_t": ("Biological materials", "生物由来材料"),
    "by_product_t": ("By-products", "副産物"),
    "calculated_t": ("Mass calculated", "算定値の質量"),
    "circular_discharge_m3": ("Circular discharge", "循環的な排水"),
    "circular_inflow_pct": ("Circular inflow", "循環インフロー率"),
    "circular_inflow_t": ("Circular inflow", "循環インフロー"),
    "circular_outflow_biological_t": ("Circular outflow, biological cycle", "循環アウトフロー（生物的サイクル）"),
    "circular_outflow_destination_t": ("Circular outflow by destination", "処理方法別の循環アウトフロー"),
    "circular_outflow_t": ("Circular outflow", "循環アウトフロー"),
    "circular_outflow_technical_t": ("Circular outflow, technical cycle", "循環アウトフロー（技術的サイクル）"),
    "circular_withdrawal_m3": ("Circular withdrawal", "循環的な取水"),
    "composting_outflow_t": ("Outflow composted", "堆肥化されたアウトフロー"),
    "critical_inflow_t": ("Critical raw materials in inflow", "インフローのうち重要原材料"),
    "discharge_m3": ("Water discharged", "排水量"),
    "disposal_waste_t": ("Waste directed to disposal", "処分された廃棄物"),
    "diverted_waste_t": ("Waste diverted from disposal", "処分されなかった廃棄物"),
    "energy_mwh": ("Energy used", "エネルギー使用量"),
    "estimated_t": ("Mass estimated", "推計値の質量"),
    "hazardous_t": ("Hazardous waste", "有害廃棄物"),
    "incineration_t": ("Incinerated", "焼却"),
    "inflow_t": ("Total inflow", "インフロー合計"),
    "landfill_t": ("Landfilled", "埋立"),
    "lifetime_ratio": ("Lifetime ratio", "製品寿命の業界平均比"),
    "linear_inflow_t": ("Linear inflow", "リニアインフロー量"),
    "lines": ("Lines", "行数"),
    "mass_basis": ("Mass basis", "質量の基準"),
    "mass_t": ("Mass", "質量"),
    "measured_t": ("Mass measured", "実測値の質量"),
    "non_hazardous_t": ("Non-hazardous waste", "非有害廃棄物"),
    "nonrecycled_waste_t": ("Non-recycled waste", "リサイクルされなかった廃棄物"),
    "nonvirgin_inflow_t": ("Non-virgin inflow", "非バージン材インフロー"),
    "other_disposal_t": ("Other disposal", "その他の処分作業"),
    "other_recovery_t": ("Other recovery", "その他の回収作業"),
    "outflow_t": ("Total outflow", "アウトフロー合計"),
    "preparation_for_reuse_outflow_t": ("Outflow prepared for reuse", "再使用のための準備に回ったアウトフロー"),
    "preparation_for_reuse_t": ("Prepared for reuse", "再使用のための準備"),
    "product_t": ("Products", "製品"),
    "products": ("Products", "製品数"),
    "products_without_mass": ("Products without mass", "質量が未入力の製品数"),
    "products_without_revenue": ("Products without revenue", "売上高が未入力の製品数"),
    "recirculated_m3": ("Water recirculated on site", "事業所内で循環利用した水"),
    "recoverable_outflow_t": ("Recoverable outflow", "回収可能なアウトフロー"),
    "recovered_outflow_t": ("Recovered outflow", "回収されたアウトフロー"),
    "recycled_inflow_t": ("Recycled inflow", "再生材インフロー"),
    "recycled_waste_t": ("Waste recycled", "リサイクルされた廃棄物"),
    "recycling_outflow_t": ("Outflow recycled", "リサイクルされたアウトフロー"),
    "recycling_t": ("Recycled", "リサイクル"),
    "recycling_waste_t": ("Waste recycled", "リサイクルされた廃棄物"),
    "renewable_energy_mwh": ("Renewable energy", "再生可能エネルギー"),
    "renewable_sustainable_inflow_t": ("Sustainably renewable inflow", "持続可能な再生可能資源のインフロー"),
    "reused_inflow_t": ("Reused inflow", "リユースインフロー"),
    "revenue": ("Revenue", "売上高"),
    "secondary_inflow_t": ("Secondary materials", "二次材料"),
    "source_indicator": ("Same figure as", "同じ値の指標"),
    "sustainably_sourced_biological_t": ("Biological materials sustainably sourced", "持続可能に調達された生物由来材料"),
    "unknown_waste_t": ("Waste with unknown destination", "処理方法が不明な廃棄物"),
    "use_intensity_ratio": ("Use intensity ratio", "使用強度比"),
    "waste_t": ("Waste", "廃棄物"),
    "weight_total": ("Total weight", "重みの合計"),
    "weighting": ("Weighting", "加重の基準"),
    "withdrawal_m3": ("Water withdrawn", "取水量"),
}

_UNITS = (("_m3", "m³"), ("_mwh", "MWh"), ("_pct", "%"), ("_t", "t"))


def input_unit(key: str) -> str:
    for suffix, unit in _UNITS:
        if key.endswith(suffix):
            return unit
    return ""


def input_label(key: str, lang: str) -> str:
    """The name of input ``key`` in ``lang``, with its unit in brackets."""
    pair = INPUT_LABELS.get(key)
    if pair is None:
        from ..indicators.catalogue import CATALOGUE

        for d in CATALOGUE:
            if not d.is_pattern and d.id.split(".", 1)[-1] == key:
                pair = (d.label_en, d.label_ja)
                break
    name = key if pair is None else (pair[1] if lang == "ja" else pair[0])
    unit = input_unit(key)
    if unit and pair is not None:
        name += f"（{unit}）" if lang == "ja" else f" ({unit})"
    return name


def input_value(value: Any, lang: str) -> str:
    """An input value as text: numbers with separators, enum values and indicator ids by their labels."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return ("はい" if value else "いいえ") if lang == "ja" else ("yes" if value else "no")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, str):
        if "." in value:
            try:
                from ..indicators.catalogue import definition

                return definition(value).label(lang)
            except Exception:  # not an indicator id
                pass
        if value in INPUT_LABELS:
            return input_label(value, lang)
        return enum_label(value, lang)
    if isinstance(value, dict):
        return "、".join(f"{input_value(k, lang)}: {input_value(v, lang)}" for k, v in value.items()) if lang == "ja" \
            else ", ".join(f"{input_value(k, lang)}: {input_value(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "ja" else ", ").join(input_value(v, lang) for v in value)
    return str(value)


def inputs_frame(inputs: dict, lang: str, name_head: str, value_head: str) -> pd.DataFrame:
    return pd.DataFrame([{name_head: input_label(k, lang), value_head: input_value(v, lang)}
                         for k, v in inputs.items()])
