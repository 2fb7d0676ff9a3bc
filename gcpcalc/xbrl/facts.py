"""From an assessment and its :class:`~gcpcalc.indicators.base.Results` to the facts of a tagged report.

This module reads figures; it never computes an indicator. A figure becomes a fact only when

* it is computable (a not-computable figure is omitted with its reason, never tagged as 0),
* its evidence status is allowed (default: [confirmed] and [assumed]; [secondary] figures are omitted), and
* the taxonomy has a concept for it (figures without one are listed as omitted, with the reason).

Every omission is kept as an :class:`Omission` (ja/en) for the validation summary. Values are written as the
taxonomy expects them: masses in t (``utr:t``), percentages as fractions with ``xbrli:pure`` (41.3 % -> 0.413),
rounded half-up to the decimals the report shows (t to 3 places, % to 2 places).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import id_list
from ..messages import ERROR, INFO, WARNING, Message
from . import concepts as C
from .narratives import narrative_texts

LEI_SCHEME = "http://standards.iso.org/iso/17442"
FALLBACK_SCHEME = "urn:gcpcalc:organisation-name"
DEFAULT_EVIDENCE = ("confirmed", "assumed")

_SCHEME_PREFIXES = {LEI_SCHEME: "lei", FALLBACK_SCHEME: "org"}


@dataclass(frozen=True)
class Fact:
    """One tagged fact."""

    id: str
    concept: str
    kind: str  # concepts.MASS / PERCENT / TEXT
    value: Decimal | str  # the taxonomy's value: t, a fraction, or text
    source: str  # the indicator id or narrative key it comes from
    label_en: str
    label_ja: str
    decimals: int | None = None
    dims: tuple[tuple[str, str], ...] = ()
    typed_dims: tuple[tuple[str, str], ...] = ()

    @property
    def unit(self) -> str | None:
        return C.UNIT_OF_KIND.get(self.kind)

    @property
    def numeric(self) -> bool:
        return self.kind in C.NUMERIC_KINDS

    @property
    def scale(self) -> int:
        """iXBRL scale: percentages are shown in % (scale -2), masses in t (scale 0)."""
        return -2 if self.kind == C.PERCENT else 0

    @property
    def shown(self) -> Decimal | str:
        """The value as shown in the document (percent for fractions)."""
        if self.kind == C.PERCENT:
            return (self.value * 100).quantize(Decimal(1).scaleb(-(self.decimals - 2)))
        return self.value

    def label(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.label_en


@dataclass(frozen=True)
class Omission:
    """A figure (or datapoint) that is not tagged, and why."""

    source: str
    label_en: str
    label_ja: str
    reason_en: str
    reason_ja: str

    def label(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def reason(self, lang: str) -> str:
        return self.reason_ja if lang == "ja" else self.reason_en


@dataclass(frozen=True)
class Entity:
    scheme: str
    identifier: str

    @property
    def prefix(self) -> str:
        return _SCHEME_PREFIXES.get(self.scheme, "scheme")


@dataclass
class Report:
    """Everything a writer needs: standard, entity, period, facts, and what was left out."""

    standard: str
    entity: Entity
    period_start: _dt.date
    period_end: _dt.date
    organisation_name: str
    facts: list[Fact] = field(default_factory=list)
    omitted: list[Omission] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    @property
    def info(self) -> C.StandardInfo:
        return C.standard_info(self.standard)

    @property
    def ok(self) -> bool:
        return not any(m.severity == ERROR for m in self.messages)

    def fact(self, concept: str, **dims: str) -> Fact | None:
        for f in self.facts:
            if f.concept == concept and dict(f.dims) == dims:
                return f
        return None


# ------------------------------------------------------------------------------------------------
# entity and values
# ------------------------------------------------------------------------------------------------


def lei_valid(lei: str) -> bool:
    """ISO 17442: 20 characters A-Z/0-9, the last two check digits by ISO 7064 MOD 97-10."""
    if not re.fullmatch(r"[A-Z0-9]{18}[0-9]{2}", lei):
        return False
    digits = "".join(str(int(ch, 36)) for ch in lei)
    return int(digits) % 97 == 1


def resolve_entity(organisation: dict, scheme: str | None = None, identifier: str | None = None
                   ) -> tuple[Entity | None, list[Message]]:
    """The reporting entity: an identifier given by the user (with its scheme; LEI when none is named), else an
    ``lei`` of the organisation record if one is present (the data dictionary has no such field yet), else the
    organisation's name under a gcpcalc URN scheme (with a warning that says so)."""
    messages: list[Message] = []
    identifier = " ".join(str(identifier).split()) if identifier else ""
    lei = " ".join(str(organisation.get("lei") or "").split()).upper()
    if identifier:
        scheme = (scheme or LEI_SCHEME).strip()
    elif lei:
        scheme, identifier = LEI_SCHEME, lei
    else:
        name = " ".join(str(organisation.get("name") or "").split())
        messages.append(Message(
            "xbrl_no_lei", WARNING,
            f"no LEI or other entity identifier is given: the organisation name \"{name}\" is used under the scheme "
            f"{FALLBACK_SCHEME}. Regulators and banks expect an LEI: give it with --entity-id on the command line "
            "(--entity-scheme for another scheme) or in the LEI box of the app's download page.",
            f"LEI などの企業識別子が入力されていないため、組織名「{name}」をスキーム {FALLBACK_SCHEME} の識別子として使用しました。"
            "規制当局や金融機関は LEI を求めるため、コマンドラインでは --entity-id（他のスキームは --entity-scheme も）、"
            "アプリではダウンロード画面の LEI 欄で指定してください。",
            field="entity_id"))
        return Entity(FALLBACK_SCHEME, name or "unnamed"), messages
    if scheme == LEI_SCHEME and not lei_valid(identifier.upper()):
        messages.append(Message(
            "xbrl_lei_invalid", ERROR,
            f"the LEI \"{identifier}\" is not valid (ISO 17442: 20 letters or digits with two check digits); "
            "nothing was exported",
            f"LEI「{identifier}」が不正です（ISO 17442：英数字20桁、末尾2桁はチェックデジット）。出力していません",
            table="organisation", field="lei", value=identifier))
        return None, messages
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+", scheme or ""):
        messages.append(Message(
            "xbrl_scheme_invalid", ERROR,
            f"the entity scheme \"{scheme}\" is not a URI (e.g. http://standards.iso.org/iso/17442); nothing was "
            "exported",
            f"識別子のスキーム「{scheme}」が URI ではありません（例：http://standards.iso.org/iso/17442）。出力していません",
            field="entity_scheme", value=scheme))
        return None, messages
    return Entity(scheme, identifier.upper() if scheme == LEI_SCHEME else identifier), messages


def taxonomy_value(value: float, kind: str) -> Decimal:
    """The engine's value as the taxonomy's number: t as is, % as a fraction; rounded half-up to the decimals."""
    d = Decimal(repr(float(value)))
    if kind == C.PERCENT:
        d = d / 100
    out = d.quantize(Decimal(1).scaleb(-C.DECIMALS[kind]), rounding=ROUND_HALF_UP)
    return abs(out) if out == 0 else out


def _date(v) -> _dt.date | None:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------------
# building
# ------------------------------------------------------------------------------------------------


def material_name(material: str, lang: str) -> str:
    """A suggested material id as its label in ``lang`` (``other_metals`` -> "Other metals"); other text as entered."""
    from ..fields import MATERIALS
    from ..i18n import enum_label

    return enum_label(material, lang) if material in (*MATERIALS, "unspecified") else material


class _Builder:
    def __init__(self, report: Report, evidence: tuple[str, ...], lang: str = "en"):
        self.report = report
        self.evidence = evidence
        self.lang = lang
        self._n = 0

    def add(self, concept: str, kind: str, value, source: str, label_en: str, label_ja: str,
            dims=(), typed_dims=()) -> Fact:
        self._n += 1
        if kind in C.NUMERIC_KINDS:
            value, decimals = taxonomy_value(value, kind), C.DECIMALS[kind]
        else:
            value, decimals = str(value), None
        fact = Fact(f"f{self._n}", concept, kind, value, source, label_en, label_ja, decimals, tuple(dims),
                    tuple(typed_dims))
        self.report.facts.append(fact)
        return fact

    def omit(self, source: str, label_en: str, label_ja: str, reason_en: str, reason_ja: str) -> None:
        self.report.omitted.append(Omission(source, label_en, label_ja, reason_en, reason_ja))

    def figure(self, result, tag: C.Tag, *, concept_label: tuple[str, str] | None = None) -> Fact | None:
        """Tag one indicator result when it may be tagged; else record why not."""
        en, ja = concept_label or (result.label("en"), result.label("ja"))
        if result.value is None:
            self.omit(result.id, en, ja, f"not computable: {result.reason('en')}", f"算出不可：{result.reason('ja')}")
            return None
        status = result.definition.status
        if status not in self.evidence:
            self.omit(result.id, en, ja,
                      f"evidence [{status}] is not allowed for tagging (allowed: {', '.join(self.evidence)})",
                      f"根拠区分［{status}］はタグ付けの対象外です（対象：{', '.join(self.evidence)}）")
            return None
        if tag.kind in C.NUMERIC_KINDS and isinstance(result.value, str):
            self.omit(result.id, en, ja, "the figure is text, the concept a number", "数値の概念に対し値が文字列です")
            return None
        return self.add(tag.concept, tag.kind, result.value, result.id, en, ja, tag.dims, tag.typed_dims)


def build_report(assessment, results, standard: str, *, entity_scheme: str | None = None,
                 entity_id: str | None = None, evidence: tuple[str, ...] = DEFAULT_EVIDENCE, lang: str = "en"
                 ) -> Report:
    """The facts of ``standard`` (``esrs`` or ``vsme``) for an assessment and its results; text values that
    gcpcalc names (material labels) in ``lang``.

    Errors (invalid LEI, missing period) come back as messages in ``report.messages`` with no facts.
    """
    C.standard_info(standard)  # rejects an unknown standard
    org = assessment.organisation
    entity, messages = resolve_entity(org, entity_scheme, entity_id)
    start, end = _date(org.get("period_start")), _date(org.get("period_end"))
    report = Report(standard, entity or Entity(FALLBACK_SCHEME, "-"), start or _dt.date.min, end or _dt.date.min,
                    str(org.get("name") or ""), messages=list(messages))
    if start is None or end is None or end < start:
        report.messages.append(Message(
            "xbrl_period_missing", ERROR, "the reporting period (period_start, period_end) is missing or invalid",
            "報告期間（報告期間開始日・終了日）がないか不正です", table="organisation", field="period_end"))
    if entity is None or not report.ok:
        return report
    b = _Builder(report, tuple(evidence), lang)
    if standard == C.ESRS:
        _esrs(b, assessment, results)
    else:
        _vsme(b, assessment, results)
    for f in report.facts:
        if f.numeric and f.source in results and results[f.source].definition.status == "assumed":
            report.messages.append(Message(
                "xbrl_assumed", INFO,
                f"{f.concept} ({f.source}) is tagged; its formula rests on an assumption stated in the methodology",
                f"{f.concept}（{f.source}）をタグ付けしました。算定式は算定方法に記載した仮定に基づきます",
                value=f.source))
    return report


_NOT_MATERIAL = ("the datapoint is marked not material (table disclosures)",
                 "このデータポイントは「重要性なし」とされています（開示事項の表）")


def _statuses(assessment, results) -> dict:
    """Datapoint id -> its disclosure status (:mod:`gcpcalc.disclosure`), when that module is present."""
    try:
        from ..disclosure import disclosure_status
    except ImportError:  # pragma: no cover - older builds without disclosure statuses
        return {}
    rows = [dict(r) for r in (getattr(assessment, "disclosures", None) or [])]
    return {s.datapoint.id: s for s in disclosure_status(results, rows)}


def _esrs(b: _Builder, assessment, results) -> None:
    statuses = _statuses(assessment, results)
    for iid, r in results.items():
        fw = r.definition.framework
        if fw not in ("esrs_e5", "esrs_e5_2026"):
            continue
        tag = C.ESRS_TAGS.get(iid)
        if tag is None and iid.startswith("esrs_e5.reparability."):
            tag = C.Tag(C.ESRS_REPARABILITY, C.TEXT, typed_dims=((C.ESRS_PRODUCT_AXIS, r.params["product_id"]),),
                        datapoint="E5-5_03")
        if tag is None:
            key = next((k for k in C.ESRS_UNTAGGED_REASONS if iid == k or iid.startswith(k + ".")
                        or iid.startswith(k + "_")), None)
            en, ja = C.ESRS_UNTAGGED_REASONS.get(key, (
                "no concept of the ESRS 2023 taxonomy is mapped to this figure",
                "この数値に対応する ESRS 2023年版タクソノミの概念は割り当てられていません"))
            b.omit(iid, r.label("en"), r.label("ja"), en, ja)
            continue
        status = statuses.get(tag.datapoint)
        if status is not None and status.status == "not_material":
            b.omit(iid, r.label("en"), r.label("ja"), *_NOT_MATERIAL)
            continue
        b.figure(r, tag)
    _esrs_narratives(b, assessment, statuses)


def _esrs_narratives(b: _Builder, assessment, statuses: dict) -> None:
    texts = narrative_texts(assessment)
    by_concept: dict[str, list[tuple[str, str]]] = {}
    for dp, concept in C.ESRS_NARRATIVE_CONCEPTS.items():
        status = statuses.get(dp)
        en, ja = (status.datapoint.label("en"), status.datapoint.label("ja")) if status else (dp, dp)
        label_en, label_ja = f"{dp} {en}", f"{dp} {ja}"
        if status is not None and status.status == "not_material":
            b.omit(dp, label_en, label_ja, *_NOT_MATERIAL)
            continue
        text = texts.get(dp)
        if text:
            by_concept.setdefault(concept, []).append((dp, text))
        else:
            b.omit(dp, label_en, label_ja, "no text has been written for this datapoint",
                   "このデータポイントの記述が入力されていません")
    for concept, parts in by_concept.items():
        # several datapoints share a concept (methodologies; composition of waste): one fact, the texts in
        # datapoint order, each marked with its datapoint id
        value = parts[0][1] if len(parts) == 1 else "\n\n".join(f"[{dp}] {t}" for dp, t in parts)
        dps = ", ".join(dp for dp, _ in parts)
        first = statuses.get(parts[0][0])
        en, ja = (first.datapoint.label("en"), first.datapoint.label("ja")) if first and len(parts) == 1 else (
            "narrative", "記述情報")
        b.add(concept, C.TEXT, value, dps, f"ESRS {dps} {en}", f"ESRS {dps} {ja}")
    cert = texts.get("certification")
    if cert and not (statuses.get("E5-4_03") and statuses["E5-4_03"].status == "not_material"):
        b.add(C.ESRS_CERTIFICATION_CONCEPT, C.TEXT, cert, "E5-4_03 certification",
              "Certification scheme and cascading principle (E5-4 §31(b))",
              "認証制度及びカスケード利用の原則（E5-4 §31(b)）")


def _vsme(b: _Builder, assessment, results) -> None:
    from ..indicators import vsme_b7
    from ..tables import normalise

    figures, messages = vsme_b7.compute(normalise(assessment))
    b.report.messages.extend(messages)
    by_id = {r.id: r for r in figures}
    for iid, concept in (("esrs_e5.waste_total_t", C.VSME_TOTAL_WASTE), ("esrs_e5.hazardous_t", C.VSME_TOTAL_HAZARDOUS)):
        r = results.get(iid)
        if r is not None:
            b.figure(r, C.Tag(concept, C.MASS))
    b.figure(by_id["vsme_b7.non_hazardous_waste_t"], C.Tag(C.VSME_TOTAL_NON_HAZARDOUS, C.MASS))
    members = C.waste_members()
    for r in figures:
        if not r.id.startswith("vsme_b7.waste.") or not r.id.endswith(".total_t"):
            continue
        code = r.params["code"]
        member = members.get(code)
        if not r.value:
            b.omit(r.id, r.label("en"), r.label("ja"),
                   f"no waste of {code} went to recycling, reuse or disposal (only other recovery or unknown "
                   "destination): not tagged as 0",
                   f"{code} の廃棄物にリサイクル・リユース又は処分に回したものがありません（その他の回収又は行先不明のみ）。"
                   "0 としてタグ付けはしていません")
            continue
        if member is None:
            b.omit(r.id, r.label("en"), r.label("ja"),
                   f"{code} is not an entry of the EU List of Waste in the waste taxonomy",
                   f"{code} は廃棄物タクソノミの欧州廃棄物リストの項目にありません")
            continue
        dims = ((C.VSME_WASTE_AXIS, member.member),)
        for part, concept in (("diverted_t", C.VSME_DIVERTED), ("disposal_t", C.VSME_DISPOSAL),
                              ("total_t", C.VSME_TYPE_TOTAL)):
            b.figure(by_id[f"vsme_b7.waste.{code}.{part}"], C.Tag(concept, C.MASS, dims))
    for key in ("vsme_b7.waste_other_or_unknown_t", "vsme_b7.waste_without_code_t"):
        r = by_id[key]
        if r.value:
            lines = r.inputs.get("lines", [])
            b.omit(key, r.label("en"), r.label("ja"),
                   f"{r.value:,.3f} t is outside the VSME waste-type table (lines: {id_list(lines, 'en', 20)}); it is "
                   "counted in the totals",
                   f"{r.value:,.3f} t は VSME の廃棄物種類別の表に含まれません（行：{id_list(lines, 'ja', 20)}）。"
                   "合計には含まれています")
    n = 0
    for r in figures:
        if not r.id.startswith("vsme_b7.material."):
            continue
        n += 1
        typed = ((C.VSME_MATERIAL_AXIS, str(n)),)
        name = material_name(r.params["material"], b.lang)
        if b.figure(r, C.Tag(C.VSME_MATERIAL_WEIGHT, C.MASS, typed_dims=typed)) is not None:
            b.add(C.VSME_MATERIAL_NAME, C.TEXT, name, r.id, f"Name of material {n}", f"材料名 {n}", typed_dims=typed)
    total = results.get("esrs_e5.inflow_total_t")
    if total is not None:
        b.figure(total, C.Tag(C.VSME_MATERIAL_TOTAL, C.MASS))
    text = narrative_texts(assessment).get("vsme_b7_circular_economy")
    if text:
        b.add(C.VSME_CE_PRINCIPLES_TEXT, C.TEXT, text, "vsme_b7_circular_economy",
              "How circular economy principles are applied", "循環経済の原則の適用方法")
    else:
        b.omit("vsme_b7_circular_economy", "How circular economy principles are applied (B7 §37)",
               "循環経済の原則の適用方法（B7 §37）", "no text has been written", "記述が入力されていません")
