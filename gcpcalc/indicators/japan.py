"""Japan policy indicators (ids ``jp.*``): recycled plastic, domestic recycled material, critical minerals.

Each indicator is a small pure function over the normalised tables (:mod:`gcpcalc.tables`: masses in t,
shares as fractions). Percentages are returned in % (0–100); a figure whose inputs are absent is not
computable (value None with the reason in ja and en), never 0.

* Recycled plastic (再生プラスチック): the amended Resource Effective Utilization Promotion Act (令和7年法律第52号,
  in force 2026-04-01) designates recycled plastic, pre- and post-consumer material alike [secondary].
  Plastics lines are inflow lines whose ``material`` is ``plastics`` (or its label プラスチック / plastic).
* Domestic recycled material (国産再生材): the share of recycled content recovered in Japan, from the inflow
  field ``recycled_origin`` (domestic, imported, unknown). Lines of unknown origin stay in the denominator
  (they are not shown to be domestic) and a warning names their mass; not computable when no recycled line
  states its origin [assumed definition].
* Critical minerals recovered (重要鉱物の回収量): outflow mass actually recovered from the lines that name a
  material of the critical-materials list (EU Reg. 2024/1252 Annex II; Japan's critical minerals). Outflows
  carry no content share: the whole line counts [assumed].

References
----------
Specification ``indicators.md``, Revision 2 additions (jp.*); ``ref_japan_2026.md`` §3.1; ``data_dictionary.md``
(rev. 2: ``recycled_origin``, ``critical_raw_material``).
"""
from __future__ import annotations

import numpy as np

from ..tables import column, factorize, unique_in_order

from ..messages import WARNING, Message
from .base import IndicatorResult
from .catalogue import not_computable, reason, result
from .cti import Frame, col, pct

#: spellings of the plastics material (compared case-folded, stripped)
PLASTICS = frozenset({"plastics", "plastic", "プラスチック"})


def _material_lookup() -> dict[str, str]:
    """ja/en labels and ids of the suggested materials (case-folded) -> the material id."""
    from .. import fields as F
    from ..i18n import enum_label

    out = {}
    for m in F.MATERIALS:
        for text in (m, enum_label(m, "en"), enum_label(m, "ja")):
            out[text.strip().casefold()] = m
    out.update({p: "plastics" for p in PLASTICS})
    return out


def material_ids(inflows: Frame) -> np.ndarray:
    """The material of each inflow line as an id where it is a suggested material typed by its id or its ja/en
    label (プラスチック → plastics), else as entered (stripped); "" where blank."""
    codes, ids = _material_codes(inflows)
    return ids[codes]


def _material_codes(inflows: Frame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`material_ids` as (code of each line, the distinct ids): one code per id."""
    lookup = _material_lookup()
    codes, distinct = factorize(column(inflows, "material", object))  # each distinct spelling looked up once
    ids = [lookup.get(str(v).strip().casefold(), str(v).strip()) for v in distinct]
    id_codes, distinct_ids = factorize(ids + [""])
    return id_codes[codes], distinct_ids  # code -1 (blank) takes the last entry, ""


_REASONS = {
    "no_plastics": ("no inflow line has material 'plastics'", "素材がプラスチックのインフロー行がありません"),
    "zero_plastics": ("the plastics inflow mass is 0 t", "プラスチックのインフロー質量が 0 t です"),
    "no_recycled": ("no inflow line has recycled content (pre- or post-consumer)",
                    "再生材（プレ・ポストコンシューマ材料）を含むインフロー行がありません"),
    "no_origin": ("no line with recycled content states its origin (recycled_origin is unknown on all of them)",
                  "再生材を含む行のいずれにも再生材の由来（国内・輸入）が入力されていません"),
    "no_critical": ("no outflow line names a material of the critical-materials list",
                    "重要原材料リストの材料を記載したアウトフロー行がありません"),
}


def _r(key: str) -> tuple[str, str]:
    return _REASONS[key]


def plastics_mask(inflows: Frame) -> np.ndarray:
    """True for the inflow lines whose material is plastics."""
    if len(inflows) == 0:
        return np.zeros(0, dtype=bool)
    return material_ids(inflows) == "plastics"


class _Lines:
    """Per-line arrays of the inflow table the jp.* inflow indicators share, each read once when first used."""

    def __init__(self, inflows: Frame):
        self.inflows = inflows
        self._cache: dict[str, np.ndarray] = {}

    def _get(self, name: str, make) -> np.ndarray:
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def col(self, name: str) -> np.ndarray:
        return self._get(name, lambda: col(self.inflows, name))

    @property
    def material_codes(self) -> tuple[np.ndarray, np.ndarray]:
        return self._get("_material", lambda: _material_codes(self.inflows))  # type: ignore[arg-type,return-value]

    @property
    def plastics(self) -> np.ndarray:
        def make():
            if len(self.inflows) == 0:
                return np.zeros(0, dtype=bool)
            codes, ids = self.material_codes
            return np.array([i == "plastics" for i in ids], dtype=bool)[codes]
        return self._get("_plastics", make)

    @property
    def recycled(self) -> np.ndarray:
        return self._get("_recycled", lambda: self.col("mass_t") * (self.col("recycled_preconsumer_frac")
                                                                    + self.col("recycled_postconsumer_frac")))

    @property
    def origin(self) -> "_Origin":
        return self._get("_origin", lambda: _Origin(self.inflows))  # type: ignore[arg-type,return-value]


def _lines(inflows: Frame, lines: _Lines | None) -> _Lines:
    return _Lines(inflows) if lines is None else lines


def _recycled_mass(inflows: Frame) -> np.ndarray:
    return col(inflows, "mass_t") * (col(inflows, "recycled_preconsumer_frac") + col(inflows, "recycled_postconsumer_frac"))


def _plastics_missing(inflows: Frame, indicator_id: str, lines: _Lines | None = None) -> IndicatorResult | None:
    if len(inflows) == 0:
        return not_computable(indicator_id, *reason("no_inflows"))
    if not _lines(inflows, lines).plastics.any():
        return not_computable(indicator_id, *_r("no_plastics"))
    return None


def plastic_inflow_t(inflows: Frame, lines: _Lines | None = None) -> IndicatorResult:
    """Plastic inflow = Σ m_i over inflow lines with material plastics [t].

    References: amended Resource Act, 再生プラスチック (denominator of the use rate) [secondary].
    """
    lines = _lines(inflows, lines)
    missing = _plastics_missing(inflows, "jp.plastic_inflow_t", lines)
    if missing:
        return missing
    mask = lines.plastics
    return result("jp.plastic_inflow_t", float(lines.col("mass_t")[mask].sum()), {"plastics_lines": int(mask.sum())})


def recycled_plastic_t(inflows: Frame, lines: _Lines | None = None) -> IndicatorResult:
    """Recycled plastic = Σ m_i (pre_i + post_i) over plastics lines [t] (pre- and post-consumer both count).

    References: amended Resource Act: 再生プラスチック includes pre- and post-consumer material [secondary].
    """
    lines = _lines(inflows, lines)
    missing = _plastics_missing(inflows, "jp.recycled_plastic_t", lines)
    if missing:
        return missing
    mask = lines.plastics
    m = lines.col("mass_t")[mask]
    pre = float((m * lines.col("recycled_preconsumer_frac")[mask]).sum())
    post = float((m * lines.col("recycled_postconsumer_frac")[mask]).sum())
    return result("jp.recycled_plastic_t", pre + post, {"preconsumer_t": pre, "postconsumer_t": post})


def _plastic_share(inflows: Frame, indicator_id: str, post_only: bool,
                   lines: _Lines | None = None) -> IndicatorResult:
    lines = _lines(inflows, lines)
    missing = _plastics_missing(inflows, indicator_id, lines)
    if missing:
        return missing
    mask = lines.plastics
    m = lines.col("mass_t")[mask]
    total = float(m.sum())
    if total <= 0:
        return not_computable(indicator_id, *_r("zero_plastics"), inputs={"plastic_inflow_t": 0.0})
    post = m * lines.col("recycled_postconsumer_frac")[mask]
    part = float(post.sum()) if post_only else float((post + m * lines.col("recycled_preconsumer_frac")[mask]).sum())
    key = "recycled_postconsumer_plastic_t" if post_only else "recycled_plastic_t"
    return result(indicator_id, pct(part, total), {key: part, "plastic_inflow_t": total})


def recycled_plastic_pct(inflows: Frame, lines: _Lines | None = None) -> IndicatorResult:
    """Recycled-plastic use rate = jp.recycled_plastic_t / jp.plastic_inflow_t × 100 [%].

    References: amended Resource Act, 再生プラスチックの利用率 (the plan's use target) [secondary].
    """
    return _plastic_share(inflows, "jp.recycled_plastic_pct", False, lines)


def recycled_plastic_postconsumer_pct(inflows: Frame, lines: _Lines | None = None) -> IndicatorResult:
    """Post-consumer recycled plastic = Σ m_i post_i over plastics lines / jp.plastic_inflow_t × 100 [%].

    References: amended Resource Act (pre-/post-consumer split of the report) [secondary].
    """
    return _plastic_share(inflows, "jp.recycled_plastic_postconsumer_pct", True, lines)


class _Origin:
    """recycled_origin of every line (as text, "unknown" when blank) as three masks, each distinct value compared
    once."""

    def __init__(self, inflows: Frame | None = None, masks: tuple | None = None):
        if masks is not None:
            self.unknown, self.domestic, self.imported = masks
            return
        codes, distinct = factorize(column(inflows, "recycled_origin", object))
        text = [str(v) for v in distinct] + ["unknown"]
        codes = np.where(codes < 0, len(text) - 1, codes)
        self.unknown, self.domestic, self.imported = (np.array([t == v for t in text], dtype=bool)[codes]
                                                      for v in ("unknown", "domestic", "imported"))

    def __getitem__(self, mask: np.ndarray) -> "_Origin":  # a boolean mask or positions
        return _Origin(masks=(self.unknown[mask], self.domestic[mask], self.imported[mask]))


def _domestic(inflows: Frame, indicator_id: str, mask: np.ndarray | None = None,
              rec: np.ndarray | None = None, origin: _Origin | None = None) -> IndicatorResult:
    """``rec`` and ``origin``: the recycled mass and origin of every line, when the caller has them already;
    ``mask``: the lines to count, a boolean mask or their positions in ascending order."""
    if len(inflows) == 0:
        return not_computable(indicator_id, *reason("no_inflows"))
    rec = _recycled_mass(inflows) if rec is None else rec
    origin = _Origin(inflows) if origin is None else origin
    if mask is not None:
        rec, origin = rec[mask], origin[mask]
    total = float(rec.sum())
    if total <= 0:
        return not_computable(indicator_id, *_r("no_recycled"), inputs={"recycled_t": 0.0})
    has = rec > 0
    stated = has & ~origin.unknown
    if not stated.any():
        return not_computable(indicator_id, *_r("no_origin"), inputs={"recycled_t": total,
                                                                       "unknown_origin_t": total})
    domestic = float(rec[has & origin.domestic].sum())
    imported = float(rec[has & origin.imported].sum())
    unknown = float(rec[has & origin.unknown].sum())
    res = result(indicator_id, pct(domestic, total), {"domestic_t": domestic, "imported_t": imported,
                                                      "unknown_origin_t": unknown, "recycled_t": total})
    if unknown > 1e-12:
        lines = int((has & origin.unknown).sum())
        en = (f"{res.label('en')}: {unknown:.6g} t of recycled content on {lines} line(s) has no stated origin; it "
              "is counted in the denominator as not domestic. Enter recycled_origin for a complete figure.")
        ja = (f"{res.label('ja')}：{lines} 行の再生材 {unknown:.6g} t は由来が未入力のため、国内分ではないものとして分母に"
              "含めました。正確な値には「再生材の由来（国内・輸入）」を入力してください。")
        res.messages.append(Message("jp_origin_unknown", WARNING, en, ja, table="inflows", field="recycled_origin",
                                    value=round(unknown, 6), location=indicator_id))
    return res


def domestic_recycled_pct(inflows: Frame, lines: _Lines | None = None) -> IndicatorResult:
    """Domestic share of recycled content = Σ m_i (pre_i + post_i) [origin domestic] / Σ m_i (pre_i + post_i) [%].

    Lines of unknown origin stay in the denominator (a warning names their mass); not computable when no
    recycled line states its origin. References: government strategy, 国産再生材 [assumed definition].
    """
    if lines is None or len(inflows) == 0:
        return _domestic(inflows, "jp.domestic_recycled_pct")
    return _domestic(inflows, "jp.domestic_recycled_pct", None, lines.recycled, lines.origin)


def domestic_recycled_by_material(inflows: Frame, lines: _Lines | None = None) -> list[IndicatorResult]:
    """jp.domestic_recycled_pct per material (``jp.domestic_recycled_pct.<material>``) for every material with
    recycled content, in the order of first appearance. A suggested material typed by its ja/en label counts
    under its id; lines without a material are left out of these (they are in the total)."""
    if len(inflows) == 0:
        return []
    lines = _lines(inflows, lines)
    rec = lines.recycled
    codes, materials = lines.material_codes
    blank = np.array([m == "" for m in materials], dtype=bool)
    used = unique_in_order(codes[(rec > 0) & ~blank[codes]])
    if len(used) == 0:
        return []
    order = np.argsort(codes, kind="stable")  # the lines of each material, in table order
    starts = np.searchsorted(codes[order], np.arange(len(materials) + 1))
    origin = lines.origin
    return [_domestic(inflows, f"jp.domestic_recycled_pct.{materials[k]}", order[starts[k]:starts[k + 1]], rec, origin)
            for k in used]


def critical_recovered_t(outflows: Frame) -> IndicatorResult:
    """Critical minerals recovered = Σ m_j AR_j over outflow lines naming a listed critical material [t].

    AR_j is the actual recovery (for waste lines without one, 100 % for reuse, recycling and composting, else
    0 %). Outflows carry no content share: the whole line counts [assumed]. References: government strategy,
    重要鉱物の国内での回収 [assumed]; critical-materials list (EU Reg. 2024/1252 Annex II; Japan's list).
    """
    iid = "jp.critical_recovered_t"
    if len(outflows) == 0:
        return not_computable(iid, *reason("no_outflows"))
    crit = column(outflows, "critical", bool)
    if not crit.any():
        return not_computable(iid, *_r("no_critical"))
    recovered = col(outflows, "mass_t")[crit] * col(outflows, "ar_frac")[crit]
    by_material: dict[str, float] = {}
    for mid, value in zip(column(outflows, "critical_id", object)[crit], recovered):
        by_material[str(mid)] = by_material.get(str(mid), 0.0) + float(value)
    return result(iid, float(recovered.sum()), {"critical_outflow_t": float(col(outflows, "mass_t")[crit].sum()),
                                               "critical_lines": int(crit.sum()), "by_material_t": by_material})


def compute(tables, results_so_far=None) -> list[IndicatorResult]:
    """Every ``jp.*`` indicator."""
    inflows = tables.inflows
    lines = _Lines(inflows)  # the per-line arrays read once for all of them
    return ([plastic_inflow_t(inflows, lines), recycled_plastic_t(inflows, lines), recycled_plastic_pct(inflows, lines),
             recycled_plastic_postconsumer_pct(inflows, lines), domestic_recycled_pct(inflows, lines)]
            + domestic_recycled_by_material(inflows, lines) + [critical_recovered_t(tables.outflows)])
