"""The "Value and impact of the loop" section (CTI revenue, GHG impact of inflows) as plain data.

One function, :func:`section`, turns :class:`~gcpcalc.indicators.base.Results` into dicts, lists,
strings and numbers in one language: headline figures, the per-segment table, the per-material GHG
table, the emission factors used (with source, year, licence and status) and the notes every reader
needs (formulas [assumed], licence attribution). The Excel report, the app and a document renderer
(PDF) lay this out; none of them computes a figure of its own.
"""
from __future__ import annotations

from typing import Any

#: headline ids of the section, in order (also shown on the report's summary sheet)
HEADLINE_IDS = ("cti.revenue_circular", "cti.revenue_circular_pct", "cti.ghg_inflow_tco2e",
                "cti.ghg_inflow_linear_tco2e", "cti.ghg_impact_tco2e", "cti.ghg_factor_coverage_pct")
#: the ids the summary sheet adds to its headline figures
SUMMARY_IDS = ("cti.revenue_circular", "cti.revenue_circular_pct", "cti.ghg_impact_tco2e",
               "cti.ghg_factor_coverage_pct")

_T: dict[str, tuple[str, str]] = {
    "title": ("Value and impact of the loop (CTI revenue, GHG impact)", "循環の価値と影響（循環売上高・GHG インパクト）"),
    "segments": ("CTI revenue by segment", "セグメント別の循環売上高"),
    "segment": ("Segment", "セグメント"),
    "description": ("Description", "説明"),
    "revenue": ("Revenue", "売上高"),
    "circularity": ("Material circularity (%)", "マテリアル循環率（%）"),
    "revenue_circular": ("CTI revenue", "循環売上高"),
    "lines": ("Lines (in / out)", "行数（イン／アウト）"),
    "total": ("Total", "合計"),
    "ghg": ("GHG emissions of inflows by material", "素材別のインフローの GHG 排出量"),
    "material": ("Material", "素材"),
    "mass": ("Inflow covered (t)", "対象インフロー（t）"),
    "actual": ("Actual (t CO2e)", "実際（t CO2e）"),
    "linear": ("All virgin (t CO2e)", "全量バージン材（t CO2e）"),
    "avoided": ("Avoided (t CO2e)", "削減量（t CO2e）"),
    "factors": ("Emission factors used (t CO2e per t)", "使用した排出係数（t CO2e/t）"),
    "factor_id": ("Factor id", "係数ID"),
    "ef_virgin": ("Virgin", "バージン材"),
    "ef_recycled": ("Recycled (closed loop)", "再生材（クローズドループ）"),
    "ef_reused": ("Reused", "リユース"),
    "source": ("Source", "出典"),
    "year": ("Year", "年"),
    "licence": ("Licence", "ライセンス"),
    "source_licence": ("Source (licence)", "出典（ライセンス）"),
    "status": ("Status", "状態"),
    "no_segments": ("No segments table: CTI revenue is the organisation's revenue × material circularity.",
                    "セグメント表がないため、循環売上高は組織の売上高 × マテリアル循環率です。"),
    "no_ghg": ("No GHG figures: no inflow line has an emission factor for its material.",
               "GHG の数値はありません：素材の排出係数がある行がありません。"),
    "note_revenue": ("CTI revenue = Σ segment revenue × segment material circularity / 100 [assumed; CTI v2.0+ names "
                     "the indicator, not its formula]. A segment's material circularity uses the inflow and outflow "
                     "lines whose business unit is the segment.",
                     "循環売上高 ＝ Σ セグメント売上高 × セグメントのマテリアル循環率 ／ 100［仮定：CTI v2.0 以降は指標名"
                     "のみを示し、計算式は示していない］。セグメントのマテリアル循環率は、事業単位が当該セグメントの"
                     "インフロー・アウトフロー行から算出する。"),
    "note_ghg": ("GHG impact = emissions if all inflow were virgin − actual emissions, with factors per material for "
                 "virgin, recycled (closed-loop) and reused supply [assumed; CTI v3.0+ 'Impact the loop' uses "
                 "ecoinvent 3.8, which cannot be redistributed]. Lines without factors are left out (see coverage "
                 "and warnings). These are cradle-to-gate supply emissions, not a GHG inventory.",
                 "GHG インパクト ＝ 全インフローをバージン材とした場合の排出量 − 実際の排出量。素材別にバージン材・"
                 "再生材（クローズドループ）・リユースの係数を用いる［仮定：CTI v3.0 以降の「Impact the loop」は"
                 "再配布できない ecoinvent 3.8 を用いる］。係数のない行は除く（カバー率と警告を参照）。これは"
                 "ゆりかごから工場出口までの調達時の排出量であり、GHG インベントリではない。"),
    "note_reused": ("Reused supply without a published factor counts 0 t CO2e per t [assumed: cut-off approach].",
                    "公表値のないリユース材は 0 t CO2e/t とする［仮定：カットオフ・アプローチ］。"),
    "note_licence": ("Default factors: UK Government GHG Conversion Factors for Company Reporting (DESNZ), 'Material "
                     "use'. Contains public sector information licensed under the Open Government Licence v3.0.",
                     "既定の係数：英国政府（エネルギー安全保障・ネットゼロ省、DESNZ）の企業報告用温室効果ガス換算係数のうち素材使用の係数。"
                     "Open Government Licence v3.0 に基づく公共部門情報を含む。"),
}


def text(key: str, lang: str = "en") -> str:
    en, ja = _T[key]
    return ja if lang == "ja" else en


def _figure(r, lang: str) -> dict[str, Any]:
    return {"id": r.id, "label": r.label(lang), "value": r.value, "unit": r.unit, "reason": r.reason(lang),
            "evidence": r.definition.status}


def segment_rows(results) -> list[dict[str, Any]]:
    """One row per segment: id, revenue, material circularity, CTI revenue, line counts (None when not
    computable), in the order computed."""
    rows = []
    for r in results.with_prefix("cti.segment_circularity_pct."):
        sid = r.params.get("segment_id") or r.id[len("cti.segment_circularity_pct."):]
        rev = results.get(f"cti.revenue_circular.{sid}")
        rows.append({
            "segment_id": sid, "revenue": r.inputs.get("revenue"), "material_circularity_pct": r.value,
            "revenue_circular": None if rev is None else rev.value,
            "inflow_lines": r.inputs.get("inflow_lines"), "outflow_lines": r.inputs.get("outflow_lines"),
            "reason_en": r.reason_en, "reason_ja": r.reason_ja,
        })
    return rows


def material_rows(results) -> list[dict[str, Any]]:
    """One row per material with factors: mass covered, actual, all-virgin and avoided t CO2e, factor id."""
    rows = []
    for r in results.with_prefix("cti.ghg_impact_tco2e."):
        mat = r.params.get("material") or r.id[len("cti.ghg_impact_tco2e."):]
        rows.append({"material": mat, "factor_id": r.inputs.get("factor_id"), "mass_t": r.inputs.get("mass_t"),
                     "actual_tco2e": r.inputs.get("actual_tco2e"), "linear_tco2e": r.inputs.get("linear_tco2e"),
                     "avoided_tco2e": r.value})
    return rows


def factor_rows(results) -> list[dict[str, Any]]:
    """The emission factors the GHG figures used (plain data of the factor entries)."""
    r = results.get("cti.ghg_factor_coverage_pct")
    return list(r.inputs.get("factors") or []) if r is not None else []


def section(results, lang: str = "en", currency: str = "") -> dict[str, Any]:
    """The whole section as plain data in ``lang``: title, headline figures, tables (columns with labels
    and units, rows of plain values), notes. ``currency`` labels money columns."""
    from .i18n import enum_label

    lang = "ja" if lang == "ja" else "en"
    cur = currency or ""
    headline = [_figure(results[i], lang) for i in HEADLINE_IDS if i in results]
    seg = segment_rows(results)
    basis = (results.get("cti.revenue_circular").inputs.get("basis")
             if results.get("cti.revenue_circular") is not None else None)
    tables: list[dict[str, Any]] = []
    if seg:
        total_rev = results.get("cti.revenue_circular")
        tables.append({
            "id": "segments", "title": text("segments", lang),
            "columns": [
                {"key": "segment_id", "label": text("segment", lang), "unit": ""},
                {"key": "revenue", "label": text("revenue", lang), "unit": cur},
                {"key": "material_circularity_pct", "label": text("circularity", lang), "unit": "%"},
                {"key": "revenue_circular", "label": text("revenue_circular", lang), "unit": cur},
                {"key": "lines", "label": text("lines", lang), "unit": ""},
            ],
            "rows": [{"segment_id": s["segment_id"], "revenue": s["revenue"],
                      "material_circularity_pct": s["material_circularity_pct"],
                      "revenue_circular": s["revenue_circular"],
                      "lines": f"{s['inflow_lines'] or 0} / {s['outflow_lines'] or 0}",
                      "reason": s["reason_ja"] if lang == "ja" else s["reason_en"]} for s in seg],
            "total": {"segment_id": text("total", lang),
                      "revenue": None if total_rev is None else total_rev.inputs.get("segments_revenue"),
                      "revenue_circular": None if total_rev is None else total_rev.value,
                      "material_circularity_pct": results.value("cti.revenue_circular_pct")},
        })
    mats = material_rows(results)
    if mats:
        tables.append({
            "id": "ghg_by_material", "title": text("ghg", lang),
            "columns": [
                {"key": "material", "label": text("material", lang), "unit": ""},
                {"key": "mass_t", "label": text("mass", lang), "unit": "t"},
                {"key": "actual_tco2e", "label": text("actual", lang), "unit": "t CO2e"},
                {"key": "linear_tco2e", "label": text("linear", lang), "unit": "t CO2e"},
                {"key": "avoided_tco2e", "label": text("avoided", lang), "unit": "t CO2e"},
            ],
            "rows": [{**m, "material": enum_label(m["material"], lang)} for m in mats],
            "total": {"material": text("total", lang),
                      "mass_t": sum(m["mass_t"] or 0.0 for m in mats),
                      "actual_tco2e": results.value("cti.ghg_inflow_tco2e"),
                      "linear_tco2e": results.value("cti.ghg_inflow_linear_tco2e"),
                      "avoided_tco2e": results.value("cti.ghg_impact_tco2e")},
        })
    facs = factor_rows(results)
    if facs:
        from .emission_factors import STATUSES

        tables.append({
            "id": "factors", "title": text("factors", lang),
            "columns": [
                {"key": "material", "label": text("material", lang), "unit": ""},
                {"key": "source", "label": text("source_licence", lang), "unit": ""},
                {"key": "virgin_tco2e_per_t", "label": text("ef_virgin", lang), "unit": "t CO2e/t"},
                {"key": "recycled_tco2e_per_t", "label": text("ef_recycled", lang), "unit": "t CO2e/t"},
                {"key": "reused_tco2e_per_t", "label": text("ef_reused", lang), "unit": "t CO2e/t"},
                {"key": "year", "label": text("year", lang), "unit": ""},
                {"key": "status", "label": text("status", lang), "unit": ""},
                {"key": "id", "label": text("factor_id", lang), "unit": ""},
                {"key": "url", "label": "URL", "unit": ""},
            ],
            "rows": [{**f, "material": enum_label(f["material"], lang),
                      "source": (f"{f['source_item']} — " if f.get("source_item") else "") + f["source"]
                      + (f"（{f['licence']}）" if lang == "ja" else f" ({f['licence']})"),
                      "reused_tco2e_per_t": f["reused_tco2e_per_t"],
                      "status": (STATUSES.get(f["status"], (f["status"],) * 2)[1 if lang == "ja" else 0]
                                 + (" / reused [assumed]" if lang == "en" and f.get("reused_assumed") else "")
                                 + ("・リユース［仮定］" if lang == "ja" and f.get("reused_assumed") else ""))}
                     for f in facs],
        })
    notes = [text("note_revenue", lang)]
    if basis != "segments":
        notes.append(text("no_segments", lang))
    notes += [text("note_ghg", lang), text("note_reused", lang), text("note_licence", lang)]
    if not mats:
        notes.append(text("no_ghg", lang))
    return {"id": "cti_value_impact", "title": text("title", lang), "lang": lang, "currency": cur,
            "headline": headline, "tables": tables, "notes": notes}
