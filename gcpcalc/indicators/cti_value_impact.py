"""CTI v4.0 "Value the loop" (CTI revenue) and "Impact the loop" (GHG impact of inflows).

Pure functions over the normalised tables (:mod:`gcpcalc.tables`) and, for the GHG figures, a
:class:`~gcpcalc.emission_factors.FactorSet` (emission factors per material, versioned data). Every
figure whose inputs are absent is not computable (None with the reason in ja and en); every line or
segment a figure leaves out is named in a warning.

CTI revenue [formula assumed; the indicator exists since CTI v2.0]::

    CTI revenue = Σ_s revenue_s × MC_s / 100        over segments s with lines
    MC_s        = % material circularity of the inflow and outflow lines whose business_unit is s
                  (the same formula as cti.material_circularity_pct, restricted to the segment)
    CTI revenue % = CTI revenue / Σ_s revenue_s

    without segments: CTI revenue = organisation revenue × cti.material_circularity_pct / 100

GHG impact of inflows [formula assumed; CTI "Impact the loop"]::

    actual_i  = m_i (virgin_i EF_v + recycled_i EF_r + reused_i EF_u)     virgin_i = 1 − recycled_i − reused_i
    linear_i  = m_i EF_v                                                   (the same inflow, all virgin)
    impact    = Σ linear_i − Σ actual_i                                    (emissions avoided)
    coverage  = Σ m_i over lines with factors / Σ m_i

A line is covered when its material has an entry and the entry has a factor for every kind of supply
the line has (a recycled share needs EF_r, a reused share EF_u). Virgin renewable content is virgin supply.

References
----------
.. [1] WBCSD, *Circular Transition Indicators v4.0*, May 2023: "Value the loop" (CTI revenue, from v2.0)
   and "Impact the loop" (GHG impact, from v3.0). The CTI Tool uses ecoinvent 3.8 cut-off factors.
.. [2] UK Government GHG Conversion Factors for Company Reporting, "Material use" (OGL v3.0): the shipped
   factors (``templates/emission_factors.toml``).
.. [3] Specification ``ref_frameworks.md`` §1.4–1.6, notes 2–3; ``indicators.md`` (rev. 2 additions).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np

from ..tables import column, factorize, isin, per_distinct

from ..messages import INFO, WARNING, Message
from . import cti
from .base import IndicatorResult
from .cti import Frame
from .catalogue import not_computable, reason, result

#: how many line ids a message names before "and N more"
NAMED_LINES = 10
#: how many line ids an indicator's inputs list (the count is given beside them)
LISTED_IDS = 100


def _key(value: Any) -> str:
    """Matching key of a business unit / segment id: stripped, case-folded, inner spaces collapsed."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(str(value).split()).casefold()


def _names(ids: Iterable[Any], lang: str) -> str:
    if not hasattr(ids, "__len__"):
        ids = list(ids)
    shown = ("、" if lang == "ja" else ", ").join(str(i) for i in islice(ids, NAMED_LINES))
    more = len(ids) - NAMED_LINES  # type: ignore[arg-type]
    if more > 0:
        shown += f"（ほか {more:,} 件）" if lang == "ja" else f" and {more:,} more"
    return shown


def _fmt(x: float, places: int = 3) -> str:
    return f"{x:,.{places}f}".rstrip("0").rstrip(".") if places else f"{x:,.0f}"


# ------------------------------------------------------------------------------------------------
# CTI revenue
# ------------------------------------------------------------------------------------------------
@dataclass
class SegmentFigures:
    """Per segment: its revenue, its lines and its material circularity (None when not computable)."""

    segment_id: str
    description: str
    revenue: float
    inflow_lines: list[str] = field(default_factory=list)
    outflow_lines: list[str] = field(default_factory=list)
    circularity: IndicatorResult | None = None

    @property
    def has_lines(self) -> bool:
        return bool(self.inflow_lines or self.outflow_lines)

    @property
    def circularity_pct(self) -> float | None:
        return None if self.circularity is None else self.circularity.value  # type: ignore[return-value]


def segment_circularity(inflows: Frame, outflows: Frame, segment_id: str) -> IndicatorResult:
    """% material circularity of one segment: :func:`cti.material_circularity_pct` over the inflow and
    outflow lines whose ``business_unit`` is ``segment_id`` (case and surrounding spaces ignored) [%].

    References: CTI v4.0, % material circularity per business unit [assumed: CTI revenue, note 2].
    """
    key = _key(segment_id)
    in_s = inflows[_keys(column(inflows, "business_unit", object)) == key]
    out_s = outflows[_keys(column(outflows, "business_unit", object)) == key]
    return cti.material_circularity_pct(in_s, out_s)


def segment_figures(tables) -> list[SegmentFigures]:
    """Every segment of the ``segments`` table with its lines and its material circularity."""
    segs = tables.segments
    if segs is None or len(segs) == 0:
        return []
    inflows, outflows = tables.inflows, tables.outflows
    in_keys = _keys(column(inflows, "business_unit", object))
    out_keys = _keys(column(outflows, "business_unit", object))
    in_ids, out_ids = column(inflows, "line_id", object), column(outflows, "line_id", object)
    out: list[SegmentFigures] = []
    for segment_id, description, revenue in zip(column(segs, "segment_id", object).tolist(),
                                                column(segs, "description", object).tolist(),
                                                column(segs, "revenue", "float64").tolist()):
        sid = str(segment_id)
        key = _key(sid)
        fig = SegmentFigures(sid, "" if description is None or description != description
                             else str(description), float(revenue))
        fig.inflow_lines = [str(x) for x in in_ids[in_keys == key]]
        fig.outflow_lines = [str(x) for x in out_ids[out_keys == key]]
        if fig.has_lines:
            fig.circularity = segment_circularity(inflows, outflows, sid)
        out.append(fig)
    return out


def _segment_messages(tables, figures: list[SegmentFigures], currency: str) -> list[Message]:
    msgs: list[Message] = []
    for fig in figures:
        if not fig.has_lines:
            rev = _fmt(fig.revenue, 0)
            msgs.append(Message(
                "segment_without_lines", WARNING,
                f"Segment '{fig.segment_id}' (revenue {rev} {currency}): no inflow or outflow line has business unit "
                f"'{fig.segment_id}', so its material circularity cannot be computed; its revenue is left out of CTI "
                f"revenue and of the revenue CTI revenue % is taken of.",
                f"セグメント「{fig.segment_id}」（売上高 {rev} {currency}）：事業単位が「{fig.segment_id}」のインフロー・"
                f"アウトフロー行がないため、マテリアル循環率を算出できません。このセグメントの売上高は循環売上高と"
                f"循環売上高率の分母から除きました。",
                table="segments", field="segment_id", value=fig.segment_id))
    known = {_key(f.segment_id) for f in figures}
    for tid, label_en, label_ja in (("inflows", "inflow", "インフロー"), ("outflows", "outflow", "アウトフロー")):
        df = getattr(tables, tid)
        if len(df) == 0:
            continue
        keys = _keys(column(df, "business_unit", object))
        outside = ~isin(keys, known)
        left = df[outside]
        if len(left) == 0:
            continue
        mass = float(np.nan_to_num(column(left, "mass_t", "float64")).sum())
        units = sorted({str(b).strip() for b in column(left, "business_unit", object) if _key(b)})
        left_ids = column(left, "line_id", object)
        ids_en, ids_ja = _names(left_ids, "en"), _names(left_ids, "ja")
        blank = int((keys[outside] == "").sum())
        extra_en = (f" Business units without a segment: {', '.join(units)}." if units else "") + (
            f" {blank} line(s) have no business unit." if blank else "")
        extra_ja = (f"セグメントのない事業単位：{'、'.join(units)}。" if units else "") + (
            f"事業単位が空欄の行：{blank} 件。" if blank else "")
        msgs.append(Message(
            "lines_without_segment", WARNING,
            f"CTI revenue: {len(left)} {label_en} line(s) ({_fmt(mass)} t) belong to no segment and are in no "
            f"segment's material circularity: {ids_en}.{extra_en} Add their business unit to the segments table "
            f"or correct the business unit.",
            f"循環売上高：{label_ja}の {len(left)} 行（{_fmt(mass)} t）はどのセグメントにも属さないため、セグメントの"
            f"マテリアル循環率に含めていません：{ids_ja}。{extra_ja}セグメント表に事業単位を追加するか、事業単位を"
            f"訂正してください。",
            table=tid, field="business_unit", value=len(left)))
    total = sum(f.revenue for f in figures)
    org_rev = tables.revenue
    if org_rev is not None and abs(total - float(org_rev)) > 1e-6 * max(1.0, abs(float(org_rev))):
        msgs.append(Message(
            "segment_revenue_differs", WARNING,
            f"The segments' revenues add up to {_fmt(total, 0)} {currency}, the organisation's revenue is "
            f"{_fmt(float(org_rev), 0)} {currency}. CTI revenue % is taken of the segments' revenue.",
            f"セグメントの売上高の合計（{_fmt(total, 0)} {currency}）が組織の売上高（{_fmt(float(org_rev), 0)} "
            f"{currency}）と一致しません。循環売上高率はセグメントの売上高の合計に対する割合です。",
            table="segments", field="revenue", value=total))
    return msgs


def revenue_circular_by_segments(figures: list[SegmentFigures], currency: str) -> list[IndicatorResult]:
    """CTI revenue = Σ_s revenue_s × MC_s / 100 and CTI revenue % = CTI revenue / Σ_s revenue_s, over the
    segments whose material circularity is computable [currency, %]. Per segment: its material circularity
    and its CTI revenue.

    References: CTI v2.0+ "CTI revenue"; formula [assumed] (ref_frameworks note 2).
    """
    out: list[IndicatorResult] = []
    used = [f for f in figures if f.circularity_pct is not None]
    left_out = [f.segment_id for f in figures if f.circularity_pct is None]
    parts = {f.segment_id: {"revenue": f.revenue, "material_circularity_pct": f.circularity_pct,
                            "revenue_circular": f.revenue * f.circularity_pct / 100.0} for f in used}
    total_revenue = sum(f.revenue for f in used)
    value = sum(p["revenue_circular"] for p in parts.values())
    inputs: dict[str, Any] = {"basis": "segments", "segments": parts, "segments_left_out": left_out,
                              "segments_revenue": total_revenue}
    if not used:
        why = ("no segment has inflow or outflow lines with its business unit (see the warnings)",
               "事業単位が一致するインフロー・アウトフロー行のあるセグメントがありません（警告を参照）")
        out.append(not_computable("cti.revenue_circular", *why, inputs, currency=currency))
        out.append(not_computable("cti.revenue_circular_pct", *why, inputs))
    else:
        out.append(result("cti.revenue_circular", value, inputs, currency=currency))
        if total_revenue > 0:
            out.append(result("cti.revenue_circular_pct", 100.0 * value / total_revenue, inputs))
        else:
            out.append(not_computable("cti.revenue_circular_pct", "the segments' revenue is 0",
                                      "セグメントの売上高の合計が 0 です", inputs))
    for f in figures:
        sid = f.segment_id
        seg_inputs = {"segment_id": sid, "revenue": f.revenue, "inflow_lines": len(f.inflow_lines),
                      "outflow_lines": len(f.outflow_lines)}
        if f.circularity is None:
            why = (f"no inflow or outflow line has business unit '{sid}'",
                   f"事業単位が「{sid}」のインフロー・アウトフロー行がありません")
            out.append(not_computable(f"cti.segment_circularity_pct.{sid}", *why, seg_inputs))
            out.append(not_computable(f"cti.revenue_circular.{sid}", *why, seg_inputs, currency=currency))
            continue
        seg_inputs.update(f.circularity.inputs)
        if f.circularity_pct is None:
            out.append(not_computable(f"cti.segment_circularity_pct.{sid}", f.circularity.reason_en or "",
                                      f.circularity.reason_ja or "", seg_inputs))
            out.append(not_computable(f"cti.revenue_circular.{sid}", f.circularity.reason_en or "",
                                      f.circularity.reason_ja or "", seg_inputs, currency=currency))
            continue
        out.append(result(f"cti.segment_circularity_pct.{sid}", f.circularity_pct, seg_inputs))
        out.append(result(f"cti.revenue_circular.{sid}", f.revenue * f.circularity_pct / 100.0, seg_inputs,
                          currency=currency))
    return out


def revenue_circular_organisation(revenue: float | None, circularity: IndicatorResult | None,
                                  currency: str) -> list[IndicatorResult]:
    """Without segments: CTI revenue = organisation revenue × cti.material_circularity_pct / 100 [currency];
    CTI revenue % = CTI revenue / revenue [%].

    References: CTI v2.0+ "CTI revenue"; formula [assumed] (ref_frameworks note 2).
    """
    inputs: dict[str, Any] = {"basis": "organisation", "revenue": revenue}
    if revenue is None:
        return [not_computable("cti.revenue_circular", *reason("no_revenue"), inputs, currency=currency),
                not_computable("cti.revenue_circular_pct", *reason("no_revenue"), inputs)]
    if circularity is None or circularity.value is None:
        why_en = circularity.reason_en if circularity is not None else "cti.material_circularity_pct was not computed"
        why_ja = circularity.reason_ja if circularity is not None else "cti.material_circularity_pct が算出されていません"
        why = (f"material circularity is not computable: {why_en}", f"マテリアル循環率を算出できません：{why_ja}")
        return [not_computable("cti.revenue_circular", *why, inputs, currency=currency),
                not_computable("cti.revenue_circular_pct", *why, inputs)]
    mc = float(circularity.value)
    inputs["material_circularity_pct"] = mc
    value = float(revenue) * mc / 100.0
    out = [result("cti.revenue_circular", value, inputs, currency=currency)]
    if float(revenue) > 0:
        out.append(result("cti.revenue_circular_pct", 100.0 * value / float(revenue), inputs))
    else:
        out.append(not_computable("cti.revenue_circular_pct", "the organisation's revenue is 0",
                                  "組織の売上高が 0 です", inputs))
    return out


def revenue_circular(tables, results_so_far=None) -> tuple[list[IndicatorResult], list[Message]]:
    """CTI revenue by segments when the ``segments`` table has rows, else from the organisation's revenue.
    Returns (figures, warnings naming every segment or line left out)."""
    currency = tables.currency
    figures = segment_figures(tables)
    if figures:
        return revenue_circular_by_segments(figures, currency), _segment_messages(tables, figures, currency)
    mc = results_so_far.get("cti.material_circularity_pct") if results_so_far is not None else None
    if mc is None:
        mc = cti.material_circularity_pct(tables.inflows, tables.outflows)
    return revenue_circular_organisation(tables.revenue, mc, currency), []


# ------------------------------------------------------------------------------------------------
# GHG impact of inflows
# ------------------------------------------------------------------------------------------------
def _keys(values: np.ndarray) -> np.ndarray:
    """:func:`_key` of every value (an object array), computed once per distinct value."""
    return per_distinct(values, _key, "")  # a missing value's key is ""


_MISSING_CODES = ("", "no_material", "no_entry", "no_recycled_factor", "no_reused_factor")


@dataclass
class _GhgLines:
    """The per-line figures of :func:`ghg_lines` as arrays: per distinct material text (``u_*``, one more entry
    at the end for a blank material) and per line (the rest). ``why``: index into :data:`_MISSING_CODES`."""

    line_ids: np.ndarray
    codes: np.ndarray
    u_key: np.ndarray
    u_label: np.ndarray
    u_factor_id: np.ndarray
    mass: np.ndarray
    virgin: np.ndarray
    recycled: np.ndarray
    reused: np.ndarray
    ef_virgin: np.ndarray
    ef_recycled: np.ndarray
    ef_reused: np.ndarray
    why: np.ndarray
    covered: np.ndarray
    actual: np.ndarray
    linear: np.ndarray


def _ghg_arrays(inflows: Frame, factors) -> _GhgLines:
    m = cti.col(inflows, "mass_t")
    recycled = cti.col(inflows, "recycled_preconsumer_frac") + cti.col(inflows, "recycled_postconsumer_frac")
    reused = cti.col(inflows, "reused_frac")
    virgin = 1.0 - recycled - reused
    # every distinct material text looked up once; code -1 (missing) picks the trailing blank entry
    codes, uniques = factorize(column(inflows, "material", object))
    u_key = [_key(u) for u in uniques] + [""]
    u_stripped = [str(u).strip() for u in uniques] + [""]
    entries = {k: factors.get(k) for k in dict.fromkeys(u_key) if k}
    u_entry = [entries.get(k) for k in u_key]
    n_u = len(u_key)
    u_has_material = np.array([k != "" for k in u_key], dtype=bool)
    u_has_entry = np.array([e is not None for e in u_entry], dtype=bool)
    u_ef = {}
    for kind in ("virgin", "recycled", "reused"):
        u_ef[kind] = np.array([np.nan if e is None or e.factor(kind) is None else e.factor(kind) for e in u_entry],
                              dtype="float64")
    u_label = np.array([k if e is not None else (s if k else "") for k, s, e in zip(u_key, u_stripped, u_entry)],
                       dtype=object)
    u_factor_id = np.array([None if e is None else e.id for e in u_entry], dtype=object)
    codes = np.where(codes < 0, n_u - 1, codes)
    ef = {kind: u_ef[kind][codes] for kind in u_ef}
    has_material = u_has_material[codes]
    has_entry = u_has_entry[codes]
    no_r = (recycled > 0) & np.isnan(ef["recycled"])
    no_u = (reused > 0) & np.isnan(ef["reused"])
    why = np.select([~has_material, ~has_entry, no_r, no_u], [1, 2, 3, 4], default=0).astype(np.int8)
    covered = why == 0
    ef_r = np.where(recycled > 0, ef["recycled"], 0.0)
    ef_u = np.where(reused > 0, ef["reused"], 0.0)
    actual = m * (virgin * ef["virgin"] + recycled * ef_r + reused * ef_u)
    linear = m * ef["virgin"]
    return _GhgLines(column(inflows, "line_id", object), codes, np.array(u_key, dtype=object), u_label,
                     u_factor_id, m, virgin, recycled, reused, ef["virgin"], ef["recycled"], ef["reused"], why,
                     covered, actual, linear)


def ghg_lines(inflows: Frame, factors) -> pd.DataFrame:
    """Per inflow line: shares by kind of supply, the factors of its material (t CO2e/t), whether it is
    covered, what is missing, and its actual and all-virgin emissions (t CO2e; NaN when not covered)."""
    import pandas as pd

    g = _ghg_arrays(inflows, factors)
    return pd.DataFrame({
        "line_id": column(inflows, "line_id", object).astype(str),
        "material": g.u_label[g.codes],
        "factor_id": g.u_factor_id[g.codes],
        "mass_t": g.mass, "virgin_frac": g.virgin, "recycled_frac": g.recycled, "reused_frac": g.reused,
        "ef_virgin": g.ef_virgin, "ef_recycled": g.ef_recycled, "ef_reused": g.ef_reused,
        "covered": g.covered, "missing": np.array(_MISSING_CODES)[g.why],
        "actual_tco2e": np.where(g.covered, g.actual, np.nan), "linear_tco2e": np.where(g.covered, g.linear, np.nan),
    })


_MISSING_TEXT = {
    "no_material": ("the line names no material", "素材が入力されていません"),
    "no_entry": ("no emission factor for material '{material}'", "素材「{material}」の排出係数がありません"),
    "no_recycled_factor": ("the factor file gives no recycled (closed-loop) factor for material '{material}', and "
                           "the lines have recycled content",
                           "排出係数ファイルに素材「{material}」の再生材（クローズドループ）係数がなく、これらの行に"
                           "再生材が含まれています"),
    "no_reused_factor": ("the factor file gives no reused factor for material '{material}', and the lines have "
                         "reused content",
                         "排出係数ファイルに素材「{material}」のリユース係数がなく、これらの行にリユース材が"
                         "含まれています"),
}


def _groups(keys: np.ndarray) -> list[np.ndarray]:
    """Positions of each distinct value of the integer ``keys``, in ascending order, the groups in the order of
    their first appearance (as pandas ``groupby(sort=False)``)."""
    if len(keys) == 0:
        return []
    order = np.argsort(keys, kind="stable")
    bounds = np.flatnonzero(np.diff(keys[order])) + 1
    groups = np.split(order, bounds)
    groups.sort(key=lambda idx: idx[0])
    return groups


def _sum(values: np.ndarray) -> float:
    """The sum pandas gives of the values (missing values count as 0)."""
    nan = np.isnan(values)
    return float((np.where(nan, 0.0, values) if nan.any() else values).sum())


def _ghg_messages(g: _GhgLines, factors) -> list[Message]:
    msgs: list[Message] = []
    left = np.flatnonzero(~g.covered)
    from ..i18n import enum_label

    # (material label, what is missing) of every line left out: labels coded over the distinct material texts
    _, label_codes = np.unique(g.u_label.astype(str), return_inverse=True)
    group_keys = label_codes.reshape(-1)[g.codes[left]].astype(np.int64) * len(_MISSING_CODES) + g.why[left]
    for pos in _groups(group_keys):
        idx = left[pos]
        first = idx[0]
        material, why = g.u_label[g.codes[first]], _MISSING_CODES[g.why[first]]
        en, ja = _MISSING_TEXT[why]
        en, ja = en.format(material=material), ja.format(material=enum_label(material, "ja"))
        mass = _sum(g.mass[idx])
        ids = g.line_ids[idx]
        msgs.append(Message(
            f"ghg_{why}", WARNING,
            f"GHG impact: {en}: inflow line(s) {_names(ids, 'en')} ({_fmt(mass)} t) are left out of the "
            f"GHG figures. Add a factor with --factors FILE (or the upload in the app).",
            f"GHG インパクト：{ja}。インフロー行 {_names(ids, 'ja')}（{_fmt(mass)} t）を GHG の数値から"
            f"除きました。--factors FILE（アプリではアップロード）で係数を追加してください。",
            table="inflows", field="material", value=material or None))
    used = _used_factor_ids(g)
    by_id = {e.id: e for e in factors.entries.values()}
    not_confirmed = [by_id[i] for i in used if i in by_id and by_id[i].status != "confirmed"]
    if not_confirmed:
        names_en = ", ".join(f"{e.material} ({e.status}, {e.year})" for e in not_confirmed)
        names_ja = "、".join(f"{enum_label(e.material, 'ja')}（{e.status_label('ja')}、{e.year}年）"
                            for e in not_confirmed)
        msgs.append(Message(
            "ghg_factors_not_confirmed", INFO,
            f"GHG impact: the emission factors used for {names_en} are not confirmed against their source; see the "
            f"factor file's notes.",
            f"GHG インパクト：{names_ja}の排出係数は出典との照合が済んでいません。排出係数ファイルの注記を参照"
            f"してください。",
            table="emission_factors", field="status"))
    return msgs


def _used_factor_ids(g: _GhgLines) -> list[str]:
    """The factor ids of the covered lines, in the order of their first use."""
    codes = g.codes[g.covered]
    if len(codes) == 0:
        return []
    _, first = np.unique(codes, return_index=True)
    ids = g.u_factor_id[codes[np.sort(first)]]
    return list(dict.fromkeys(i for i in ids if i is not None))


def ghg_figures(inflows: Frame, factors) -> tuple[list[IndicatorResult], list[Message]]:
    """Actual, all-virgin and avoided emissions of the inflows [t CO2e], the factor coverage [%], and the
    same three figures per material. Lines without factors are left out with a warning naming them.

    References: CTI v3.0/v4.0 "Impact the loop" (GHG impact); formula [assumed] (ref_frameworks note 3).
    """
    ids = ("cti.ghg_inflow_tco2e", "cti.ghg_inflow_linear_tco2e", "cti.ghg_impact_tco2e")
    if len(inflows) == 0:
        why = reason("no_inflows")
        return [not_computable(i, *why) for i in ids] + [not_computable("cti.ghg_factor_coverage_pct", *why)], []
    g = _ghg_arrays(inflows, factors)
    if (g.why == 1).all():  # materials not used at all: the reason says it, no warning
        why = ("no inflow line names a material, so no emission factor applies",
               "素材を入力したインフロー行がないため、排出係数を適用できません")
        inputs = {"inflow_t": _sum(g.mass), "covered_inflow_t": 0.0}
        coverage = (result("cti.ghg_factor_coverage_pct", 0.0, inputs) if inputs["inflow_t"] > 0
                    else not_computable("cti.ghg_factor_coverage_pct", *reason("zero_inflow"), inputs))
        return [not_computable(i, *why, inputs) for i in ids] + [coverage], []
    msgs = _ghg_messages(g, factors)
    total = _sum(g.mass)
    cov = np.flatnonzero(g.covered)
    covered_t = _sum(g.mass[cov])
    left_ids = np.flatnonzero(~g.covered)
    left_out = [str(i) for i in g.line_ids[left_ids[:LISTED_IDS]]]
    used_ids = _used_factor_ids(g)
    used = [e.as_plain() for e in factors.entries.values() if e.id in used_ids]
    base_inputs: dict[str, Any] = {"covered_inflow_t": covered_t, "inflow_t": total, "lines_left_out": left_out,
                                   "lines_left_out_count": int(len(left_ids)),
                                   "factors": used, "factor_files": list(factors.files)}
    out: list[IndicatorResult] = []
    if total > 0:
        out_cov = result("cti.ghg_factor_coverage_pct", 100.0 * covered_t / total, base_inputs)
    else:
        out_cov = not_computable("cti.ghg_factor_coverage_pct", *reason("zero_inflow"), base_inputs)
    if len(cov) == 0:
        why = ("no inflow line has an emission factor for its material (see the warnings)",
               "素材の排出係数がある行がありません（警告を参照）")
        out += [not_computable(i, *why, base_inputs) for i in ids]
        return out + [out_cov], msgs
    actual = _sum(g.actual[cov])
    linear = _sum(g.linear[cov])
    out.append(result("cti.ghg_inflow_tco2e", actual, {**base_inputs, "linear_tco2e": linear}))
    out.append(result("cti.ghg_inflow_linear_tco2e", linear, {**base_inputs, "actual_tco2e": actual}))
    out.append(result("cti.ghg_impact_tco2e", linear - actual,
                      {**base_inputs, "linear_tco2e": linear, "actual_tco2e": actual}))
    out.append(out_cov)
    _, label_codes = np.unique(g.u_label.astype(str), return_inverse=True)
    for pos in _groups(label_codes.reshape(-1)[g.codes[cov]]):
        idx = cov[pos]
        first = idx[0]
        material = g.u_label[g.codes[first]]
        a, li = _sum(g.actual[idx]), _sum(g.linear[idx])
        ef_r, ef_u = float(g.ef_recycled[first]), float(g.ef_reused[first])
        m_inputs = {"material": material, "factor_id": g.u_factor_id[g.codes[first]], "mass_t": _sum(g.mass[idx]),
                    "lines": [str(i) for i in g.line_ids[idx[:LISTED_IDS]]], "line_count": int(len(idx)),
                    "ef_virgin": float(g.ef_virgin[first]),
                    "ef_recycled": None if np.isnan(ef_r) else ef_r,
                    "ef_reused": None if np.isnan(ef_u) else ef_u}
        out.append(result(f"cti.ghg_inflow_tco2e.{material}", a, {**m_inputs, "linear_tco2e": li}))
        out.append(result(f"cti.ghg_inflow_linear_tco2e.{material}", li, {**m_inputs, "actual_tco2e": a}))
        out.append(result(f"cti.ghg_impact_tco2e.{material}", li - a,
                          {**m_inputs, "linear_tco2e": li, "actual_tco2e": a}))
    return out, msgs


# ------------------------------------------------------------------------------------------------
def compute(tables, results_so_far=None, factors=None) -> tuple[list[IndicatorResult], list[Message]]:
    """CTI revenue and GHG impact figures of the normalised tables, with their warnings.

    ``factors``: a :class:`~gcpcalc.emission_factors.FactorSet`; None means the shipped factors."""
    if factors is None:
        from ..emission_factors import default_factors

        factors = default_factors()
    revenue, rev_msgs = revenue_circular(tables, results_so_far)
    ghg, ghg_msgs = ghg_figures(tables.inflows, factors)
    return revenue + ghg, rev_msgs + ghg_msgs + list(getattr(factors, "notes", []))
