"""Which taxonomy concept carries which gcpcalc figure: the project's own mapping table.

Two taxonomies of EFRAG are targeted; neither is shipped (EFRAG copyright): the user supplies the
taxonomy package, and the tests build a small stand-in with the same concept names, types and dimensions.

* ESRS Set 1 XBRL taxonomy, namespace ``https://xbrl.efrag.org/taxonomy/esrs/2023-12-22`` (prefix ``esrs``),
  entry point ``esrs_all.xsd``: the E5-4 and E5-5 datapoints, with the hazardous × treatment tables on the
  axes ``esrs:TypeOfWasteAxis`` × ``esrs:TypeOfRecoveryOperationsAxis`` / ``esrs:TypeOfWasteTreatmentAxis``.
* VSME taxonomy 2026-05-01 (prefix ``vsme``), disclosure B7 "Resource use, circular economy and waste
  management": waste totals, the per-waste-type table on ``vsme:TypeOfWasteAxis`` with the EU List of Waste
  members of EFRAG's ``waste`` taxonomy, and the materials table on the typed axis
  ``vsme:IdentifierOfMaterialTypedAxis``.

Concept names were read in the taxonomy files (``esrs_cor.xsd``, the E5 definition linkbases, the VSME
taxonomy metadata of EFRAG's MIT-licensed converter); the specification's ``ref_esrs_xbrl.md`` records where
each one was seen. Names such as ``esrs:TotalWasteGenerated`` that circulate in public code do not exist in
the taxonomy and are rejected by :func:`check_not_invented`.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

ESRS = "esrs"
VSME = "vsme"
STANDARDS = (ESRS, VSME)

NAMESPACES: dict[str, str] = {
    "esrs": "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22",
    "vsme": "https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme",
    "waste": "https://xbrl.efrag.org/taxonomy/waste/2026-05-01/waste",
    "xbrli": "http://www.xbrl.org/2003/instance",
    "utr": "http://www.xbrl.org/2009/utr",
    "iso4217": "http://www.xbrl.org/2003/iso4217",
    "xbrldi": "http://xbrl.org/2006/xbrldi",
    "link": "http://www.xbrl.org/2003/linkbase",
    "xlink": "http://www.w3.org/1999/xlink",
}

#: the entry point (schemaRef) of each standard's taxonomy
ENTRY_POINTS: dict[str, str] = {
    ESRS: "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd",
    VSME: "https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd",
}

#: prefixes of each standard's concepts and members (the namespaces declared in its documents)
STANDARD_PREFIXES: dict[str, tuple[str, ...]] = {ESRS: ("esrs",), VSME: ("vsme", "waste")}

#: the typed-member element of the typed axes of each taxonomy (``esrs:TYP``, ``vsme:TYP``; xsd:string)
def typed_member_element(axis: str) -> str:
    return axis.split(":", 1)[0] + ":TYP"

MASS = "mass"  # dtr-types:massItemType, unit utr:t
PERCENT = "percent"  # dtr-types:percentItemType, unit xbrli:pure, value a fraction (41.3 % -> 0.413)
TEXT = "text"  # textBlockItemType / stringItemType
NUMERIC_KINDS = (MASS, PERCENT)

UNIT_OF_KIND = {MASS: "utr:t", PERCENT: "xbrli:pure"}

#: decimals of a figure as the report shows it: t to 3 places (1 kg), % to 2 places = fractions to 4
DECIMALS = {MASS: 3, PERCENT: 4}


@dataclass(frozen=True)
class Tag:
    """How one figure is tagged: concept, kind (mass, percent, text) and explicit dimension members."""

    concept: str
    kind: str
    dims: tuple[tuple[str, str], ...] = ()  # ((axis, member), ...), explicit members
    typed_dims: tuple[tuple[str, str], ...] = ()  # ((axis, value), ...), typed members (the value of vsme:TYP)
    datapoint: str = ""  # ESRS datapoint id / VSME paragraph

    @property
    def dims_dict(self) -> dict[str, str]:
        return dict(self.dims)


# ------------------------------------------------------------------------------------------------
# ESRS E5 (Set 1, taxonomy 2023-12-22)
# ------------------------------------------------------------------------------------------------

TYPE_OF_WASTE_AXIS = "esrs:TypeOfWasteAxis"
RECOVERY_AXIS = "esrs:TypeOfRecoveryOperationsAxis"
TREATMENT_AXIS = "esrs:TypeOfWasteTreatmentAxis"

HAZARD_MEMBERS = {"hazardous": "esrs:HazardousWasteMember", "non_hazardous": "esrs:NonhazardousWasteMember"}
RECOVERY_MEMBERS = {"preparation_for_reuse": "esrs:PreparationForReuseMember", "recycling": "esrs:RecyclingMember",
                    "other_recovery": "esrs:OtherRecoveryOperationsMember"}
TREATMENT_MEMBERS = {"incineration": "esrs:IncinerationMember", "landfill": "esrs:LandfillMember",
                     "other_disposal": "esrs:OtherDisposalOperationsMember"}
#: the domain (default) member of each axis: a fact without the axis means the domain (total)
AXIS_DOMAINS = {TYPE_OF_WASTE_AXIS: "esrs:TypeOfWasteMember", RECOVERY_AXIS: "esrs:TypeOfRecoveryOperationsMember",
                TREATMENT_AXIS: "esrs:TypeOfWasteTreatmentMember"}

_DIVERTED = "esrs:WasteGeneratedDivertedFromDisposal"
_DISPOSAL = "esrs:WasteGeneratedDirectedToDisposal"


def _esrs_tags() -> dict[str, Tag]:
    tags = {
        "esrs_e5.inflow_total_t": Tag("esrs:ProductsAndTechnicalAndBiologicalMaterialsUsed", MASS, datapoint="E5-4_02"),
        "esrs_e5.bio_sustainably_sourced_pct": Tag(
            "esrs:PercentageOfBiologicalMaterialsUsedToManufactureProductsAndServicesThatAreSustainablySourced",
            PERCENT, datapoint="E5-4_03"),
        "esrs_e5.secondary_inflow_t": Tag(
            "esrs:SecondaryReusedOrRecycledComponentsSecondaryIntermediaryProductsAndSecondaryMaterialsUsedTo"
            "ManufactureProductsAndServices", MASS, datapoint="E5-4_04"),
        "esrs_e5.secondary_inflow_pct": Tag(
            "esrs:PercentageOfSecondaryReusedOrRecycledComponentsSecondaryIntermediaryProductsAndSecondaryMaterials"
            "UsedToManufactureProductsAndServices", PERCENT, datapoint="E5-4_05"),
        "esrs_e5.waste_total_t": Tag("esrs:WasteGenerated", MASS, datapoint="E5-5_07"),
        "esrs_e5.diverted.total_t": Tag(_DIVERTED, MASS, datapoint="E5-5_08"),
        "esrs_e5.disposal.total_t": Tag(_DISPOSAL, MASS, datapoint="E5-5_09"),
        "esrs_e5.nonrecycled_t": Tag("esrs:NonrecycledWaste", MASS, datapoint="E5-5_10"),
        "esrs_e5.nonrecycled_pct": Tag("esrs:PercentageOfNonrecycledWaste", PERCENT, datapoint="E5-5_11"),
        "esrs_e5.hazardous_t": Tag("esrs:HazardousWaste", MASS, datapoint="E5-5_15"),
        "esrs_e5.radioactive_t": Tag("esrs:RadioactiveWaste", MASS, datapoint="E5-5_16"),
    }
    for h, hm in HAZARD_MEMBERS.items():
        tags[f"esrs_e5.diverted.{h}.total_t"] = Tag(_DIVERTED, MASS, ((TYPE_OF_WASTE_AXIS, hm),), datapoint="E5-5_08")
        tags[f"esrs_e5.disposal.{h}.total_t"] = Tag(_DISPOSAL, MASS, ((TYPE_OF_WASTE_AXIS, hm),), datapoint="E5-5_09")
        for r, rm in RECOVERY_MEMBERS.items():
            tags[f"esrs_e5.diverted.{h}.{r}_t"] = Tag(_DIVERTED, MASS, ((TYPE_OF_WASTE_AXIS, hm), (RECOVERY_AXIS, rm)),
                                                      datapoint="E5-5_08")
        for r, rm in TREATMENT_MEMBERS.items():
            tags[f"esrs_e5.disposal.{h}.{r}_t"] = Tag(_DISPOSAL, MASS, ((TYPE_OF_WASTE_AXIS, hm), (TREATMENT_AXIS, rm)),
                                                      datapoint="E5-5_09")
    return tags


ESRS_TAGS: dict[str, Tag] = _esrs_tags()

#: figures of the ``esrs_e5`` framework that the 2023 taxonomy has no numeric concept for (not tagged)
ESRS_UNTAGGED_REASONS: dict[str, tuple[str, str]] = {
    "esrs_e5.unknown_destination_t": (
        "waste with unknown destination is not a datapoint of ESRS Set 1 (2023); the taxonomy has no concept for it",
        "行先不明の廃棄物は ESRS 第1セット（2023年）のデータポイントではなく、タクソノミに対応する概念がありません"),
    "esrs_e5.durability_ratio": (
        "the taxonomy reports durability per product as text (E5-5_02, typed axis NameOfProductTypedAxis); "
        "the ratio is shown in the report only",
        "タクソノミでは耐久性は製品ごとの文章（E5-5_02）として報告されるため、比率は報告書にのみ記載しています"),
    "esrs_e5.recyclable_content": (
        "the taxonomy reports recyclable content per product as text (E5-5_04/05); the rate is shown in the "
        "report only",
        "タクソノミではリサイクル可能含有率は製品ごとの文章（E5-5_04/05）として報告されるため、比率は報告書にのみ記載しています"),
    "esrs_e5.bio_sustainably_sourced_of_biological": (
        "a supplementary figure (share of the biological materials only), not the §31(b) datapoint",
        "補足的な数値（生物由来材料のみに対する割合）であり、§31(b) のデータポイントではありません"),
    "esrs_e5_2026": (
        "the simplified ESRS (2026) has no published XBRL taxonomy yet",
        "簡素化版 ESRS（2026年）の XBRL タクソノミはまだ公表されていません"),
}

#: ESRS narrative datapoints (E5-4/E5-5) -> text-block concept. Several datapoints share the methodology concept.
ESRS_NARRATIVE_CONCEPTS: dict[str, str] = {
    "E5-4_01": "esrs:DescriptionOfResourceInflowsForProductsAndMaterialsWaterAndPropertyPlantAndEquipmentUsedIn"
               "OwnOperationsAndAlongUpstreamValueChainExplanatory",
    "E5-4_06": "esrs:DescriptionOfMethodologiesUsedToCalculateDataAndKeyAssumptionsUsedExplanatory",
    "E5-4_07": "esrs:DescriptionOfMaterialsThatAreSourcedFromByproductsOrWasteStreamExplanatory",
    "E5-4_08": "esrs:DescriptionOfHowDoubleCountingWasAvoidedForReusedRecycledCategoriesAndChoicesMadeExplanatory",
    "E5-5_01": "esrs:DescriptionOfKeyProductsAndMaterialsThatComeOutOfProductionProcessAndThatAreDesignedAlong"
               "CircularPrinciplesExplanatory",
    "E5-5_06": "esrs:DescriptionOfMethodologiesUsedToCalculateDataAndKeyAssumptionsUsedExplanatory",
    "E5-5_12": "esrs:DisclosureOfCompositionOfWasteExplanatory",
    "E5-5_13": "esrs:DisclosureOfCompositionOfWasteExplanatory",  # §38(a), part of the composition [assumed]
    "E5-5_14": "esrs:DisclosureOfCompositionOfWasteExplanatory",  # §38(b), part of the composition [assumed]
    "E5-5_17": "esrs:DescriptionOfMethodologiesUsedToCalculateDataAndKeyAssumptionsUsedExplanatory",
    "E5-5_18": "esrs:DisclosureOfEngagementInProductEndoflifeWasteManagementExplanatory",
}
#: ESRS E5-5 §36(b) reparability, per product: a text block on the typed axis of the products table (role 305052)
ESRS_PRODUCT_AXIS = "esrs:NameOfProductTypedAxis"
ESRS_REPARABILITY = "esrs:DisclosureOfReparabilityOfProductExplanatory"

#: narrative texts of ESRS E5-4 §31(b) (certification scheme and cascading principle)
ESRS_CERTIFICATION_CONCEPT = "esrs:InformationAboutCertificationSchemeUsedAndApplicationOfCascadingPrincipleExplanatory"

# ------------------------------------------------------------------------------------------------
# VSME B7 (taxonomy 2026-05-01)
# ------------------------------------------------------------------------------------------------

VSME_WASTE_AXIS = "vsme:TypeOfWasteAxis"
VSME_MATERIAL_AXIS = "vsme:IdentifierOfMaterialTypedAxis"
VSME_TOTAL_WASTE = "vsme:TotalWasteGeneratedMass"
VSME_TOTAL_HAZARDOUS = "vsme:TotalHazardousWasteGeneratedMass"
VSME_TOTAL_NON_HAZARDOUS = "vsme:TotalNonHazardousWasteGeneratedMass"
VSME_DIVERTED = "vsme:WasteDivertedToRecycleOrReuseMass"
VSME_DISPOSAL = "vsme:WasteDirectedToDisposalMass"
VSME_TYPE_TOTAL = "vsme:TotalWasteRecycledReusedAndDirectedToDisposalMass"
VSME_MATERIAL_NAME = "vsme:NameOfMaterialUsed"
VSME_MATERIAL_WEIGHT = "vsme:WeightOfMaterialUsed"
VSME_MATERIAL_TOTAL = "vsme:TotalMassOfMaterialUsed"
VSME_CE_PRINCIPLES_TEXT = "vsme:DescriptionOfHowCircularEconomyPrinciplesAreApplied"

#: concepts that circulate in public code but do not exist in the EFRAG taxonomies
INVENTED_NAMES = ("esrs:TotalWasteGenerated", "esrs:HazardousWasteGenerated", "esrs:RecycledInputMaterials",
                  "esrs:TotalWaste", "esrs:WasteRecycled", "esrs:NonHazardousWaste")


def check_not_invented(concepts) -> list[str]:
    """The concept names of ``concepts`` that are known not to exist in the taxonomy (empty when all fine)."""
    return [c for c in concepts if c in INVENTED_NAMES]


@dataclass(frozen=True)
class WasteMember:
    code: str  # six digits, e.g. "160806"
    hazardous: bool
    member: str  # "waste:W-160806-Hazardous-SpentLiquidsUsedAsCatalystsMember"


@lru_cache(maxsize=1)
def waste_members() -> dict[str, WasteMember]:
    """EU List of Waste code (six digits) -> its member of EFRAG's waste taxonomy (data file with its source)."""
    text = resources.files("gcpcalc.xbrl").joinpath("data/vsme_waste_members.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["code"]: WasteMember(r["code"], r["hazardous"] == "1", "waste:" + r["member"]) for r in rows}


@dataclass
class StandardInfo:
    """The document-level facts of one standard: namespaces used and the schemaRef."""

    standard: str
    entry_point: str
    prefixes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def namespaces(self) -> dict[str, str]:
        return {p: NAMESPACES[p] for p in self.prefixes}


def standard_info(standard: str) -> StandardInfo:
    if standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard!r}; one of {', '.join(STANDARDS)}")
    return StandardInfo(standard, ENTRY_POINTS[standard], STANDARD_PREFIXES[standard])
