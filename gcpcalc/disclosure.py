"""Disclosure status per ESRS E5-4 / E5-5 datapoint, as the EFRAG VSME template shows it.

Every datapoint of E5-4 and E5-5 (narrative ones included) gets one status:

* ``reported`` — its figure(s) are computed, or its narrative text is written;
* ``not_computable`` — its figures cannot be computed (the reason of the indicator is given);
* ``to_be_written`` — a narrative datapoint whose text is still missing;
* ``not_material`` — the organisation marked it as not material (table ``disclosures``).

Narrative texts and materiality come from the optional ``disclosures`` table of the assessment (template
sheet, app form, JSON), keyed by datapoint id; a narrative given for a numeric datapoint is carried as a
comment beside its figure. Reads results, computes nothing.

References
----------
Commission Delegated Regulation (EU) 2023/2772, ESRS E5 §30–§40 and AR; EFRAG IG 3 datapoint ids
(``ref_frameworks.md`` §4.4) [secondary ids].
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import fields as F

STATUSES: dict[str, tuple[str, str]] = {
    "reported": ("reported", "開示済み"),
    "not_computable": ("not computable", "算出不可"),
    "to_be_written": ("narrative to be written", "記述が未作成"),
    "not_material": ("not material", "重要性なし"),
}


@dataclass(frozen=True)
class Datapoint:
    """One ESRS E5 datapoint: id, paragraph, en/ja label, kind (number / table / narrative) and the indicator
    ids (or id prefixes ending in '.') that report it."""

    id: str
    paragraph: str
    label_en: str
    label_ja: str
    kind: str
    indicators: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en


#: datapoint id -> the indicator ids (or id prefixes ending in '.') that report it
INDICATORS: dict[str, tuple[str, ...]] = {
    "E5-4_02": ("esrs_e5.inflow_total_t",), "E5-4_03": ("esrs_e5.bio_sustainably_sourced_pct",),
    "E5-4_04": ("esrs_e5.secondary_inflow_t",), "E5-4_05": ("esrs_e5.secondary_inflow_pct",),
    "E5-5_02": ("esrs_e5.durability_ratio.",), "E5-5_03": ("esrs_e5.reparability.",),
    "E5-5_04": ("esrs_e5.recyclable_content_products_pct",),
    "E5-5_05": ("esrs_e5.recyclable_content_packaging_pct",), "E5-5_07": ("esrs_e5.waste_total_t",),
    "E5-5_08": ("esrs_e5.diverted.",), "E5-5_09": ("esrs_e5.disposal.",), "E5-5_10": ("esrs_e5.nonrecycled_t",),
    "E5-5_11": ("esrs_e5.nonrecycled_pct",), "E5-5_15": ("esrs_e5.hazardous_t",),
    "E5-5_16": ("esrs_e5.radioactive_t",),
}
DATAPOINTS: tuple[Datapoint, ...] = tuple(
    Datapoint(dp_id, paragraph, en, ja, kind, INDICATORS.get(dp_id, ()))
    for dp_id, paragraph, kind, en, ja in F.ESRS_E5_DATAPOINT_INFO)
assert tuple(d.id for d in DATAPOINTS) == F.ESRS_E5_DATAPOINTS


@dataclass
class DatapointStatus:
    """The disclosure status of one datapoint, with the indicator ids that report it and the narrative."""

    datapoint: Datapoint
    status: str
    indicator_ids: list[str] = field(default_factory=list)
    reason_en: str | None = None
    reason_ja: str | None = None
    narrative: str | None = None

    def status_label(self, lang: str = "en") -> str:
        en, ja = STATUSES[self.status]
        return ja if lang == "ja" else en

    def reason(self, lang: str = "en") -> str | None:
        return self.reason_ja if lang == "ja" else self.reason_en

    def to_dict(self, lang: str = "en") -> dict:
        return {"datapoint": self.datapoint.id, "paragraph": self.datapoint.paragraph,
                "label": self.datapoint.label(lang), "kind": self.datapoint.kind, "status": self.status,
                "status_label": self.status_label(lang), "indicators": self.indicator_ids,
                "reason": self.reason(lang), "narrative": self.narrative}


def _ids_for(dp: Datapoint, results) -> list[str]:
    out = []
    for spec in dp.indicators:
        if spec.endswith("."):
            out.extend(k for k in results if k.startswith(spec))
        elif spec in results:
            out.append(spec)
    return out


_NO_FIGURE = ("no figure of this datapoint was computed from the inputs", "入力からこのデータポイントの値を算出できませんでした")
_REASONS_BY_DATAPOINT = {
    "E5-5_02": ("no product has both an actual and an industry-average lifetime",
                "実耐用年数と業界平均耐用年数の両方がある製品がありません"),
    "E5-5_03": ("no product has a reparability score", "修理可能性スコアが入力された製品がありません"),
}


def disclosure_status(results, disclosures: list[dict] | None = None) -> list[DatapointStatus]:
    """The status of every ESRS E5-4 / E5-5 datapoint from the results and the ``disclosures`` rows."""
    by_dp = {r["datapoint"]: r for r in (disclosures or []) if r.get("datapoint")}
    out = []
    for dp in DATAPOINTS:
        row = by_dp.get(dp.id, {})
        narrative = (row.get("narrative") or "").strip() or None
        if row.get("not_material"):
            out.append(DatapointStatus(dp, "not_material", narrative=narrative))
            continue
        if dp.kind == "narrative":
            out.append(DatapointStatus(dp, "reported" if narrative else "to_be_written", narrative=narrative))
            continue
        ids = _ids_for(dp, results)
        computable = [i for i in ids if results[i].value is not None]
        if computable:
            out.append(DatapointStatus(dp, "reported", ids, narrative=narrative))
            continue
        first = results[ids[0]] if ids else None
        en, ja = ((first.reason_en, first.reason_ja) if first is not None and first.reason_en
                  else _REASONS_BY_DATAPOINT.get(dp.id, _NO_FIGURE))
        out.append(DatapointStatus(dp, "not_computable", ids, en, ja, narrative))
    return out


def status_counts(statuses: list[DatapointStatus]) -> dict[str, int]:
    """How many datapoints have each status (every status key present)."""
    counts = {k: 0 for k in STATUSES}
    for s in statuses:
        counts[s.status] += 1
    return counts
