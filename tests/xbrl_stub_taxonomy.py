"""A small stand-in for EFRAG's ESRS and VSME XBRL taxonomies, built by the tests as a taxonomy package (.zip).

**This is not EFRAG's taxonomy** and is never shipped: it is written here, for the tests only, because the EFRAG
taxonomies may not be redistributed. It declares the same namespaces, entry-point URLs, concept names, data
types, period types, axes, members, dimension defaults and closed hypercubes as the EFRAG files for the concepts
gcpcalc tags (names as recorded in the specification's ``ref_esrs_xbrl.md``; VSME from the metadata of EFRAG's
MIT-licensed converter), so that Arelle can validate an export offline. The concept lists below are written out
by hand, independently of ``gcpcalc.xbrl.concepts``, so a wrong name in the project's mapping fails validation.

Layout (one top-level folder, as the Taxonomy Packages 1.0 specification requires)::

    gcpcalc-test-stub/META-INF/taxonomyPackage.xml
    gcpcalc-test-stub/META-INF/catalog.xml      rewrites https://xbrl.efrag.org/taxonomy/ to ../efrag/
    gcpcalc-test-stub/efrag/esrs/2023-12-22/esrs_all.xsd  (+ common/esrs_cor.xsd, def and lab linkbases)
    gcpcalc-test-stub/efrag/vsme/2026-05-01/vsme-all.xsd  (+ vsme.xsd, def and lab linkbases)
    gcpcalc-test-stub/efrag/waste/2026-05-01/waste.xsd
"""
from __future__ import annotations

import csv
import zipfile
from importlib import resources
from pathlib import Path

ESRS_NS = "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22"
VSME_NS = "https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme"
WASTE_NS = "https://xbrl.efrag.org/taxonomy/waste/2026-05-01/waste"
DTR = "http://www.xbrl.org/dtr/type/2024-01-31"

MASS, PCT, TEXT, STRING, BOOL = ("dtr-types:massItemType", "dtr-types:percentItemType",
                                 "dtr-types:textBlockItemType", "xbrli:stringItemType", "xbrli:booleanItemType")

# ---- ESRS E5 (2023-12-22): line items, by table (role), and the axes of each table
ESRS_INFLOWS = {
    "ProductsAndTechnicalAndBiologicalMaterialsUsed": MASS,
    "PercentageOfBiologicalMaterialsUsedToManufactureProductsAndServicesThatAreSustainablySourced": PCT,
    "SecondaryReusedOrRecycledComponentsSecondaryIntermediaryProductsAndSecondaryMaterialsUsedToManufacture"
    "ProductsAndServices": MASS,
    "PercentageOfSecondaryReusedOrRecycledComponentsSecondaryIntermediaryProductsAndSecondaryMaterialsUsedTo"
    "ManufactureProductsAndServices": PCT,
    "DescriptionOfResourceInflowsForProductsAndMaterialsWaterAndPropertyPlantAndEquipmentUsedInOwnOperations"
    "AndAlongUpstreamValueChainExplanatory": TEXT,
    "DescriptionOfMaterialsThatAreSourcedFromByproductsOrWasteStreamExplanatory": TEXT,
    "DescriptionOfHowDoubleCountingWasAvoidedForReusedRecycledCategoriesAndChoicesMadeExplanatory": TEXT,
    "DescriptionOfMethodologiesUsedToCalculateDataAndKeyAssumptionsUsedExplanatory": TEXT,
    "InformationAboutCertificationSchemeUsedAndApplicationOfCascadingPrincipleExplanatory": TEXT,
}
ESRS_OUTFLOWS = {
    "WasteGenerated": MASS,
    "NonrecycledWaste": MASS,
    "PercentageOfNonrecycledWaste": PCT,
    "HazardousWaste": MASS,
    "RadioactiveWaste": MASS,
    "DescriptionOfKeyProductsAndMaterialsThatComeOutOfProductionProcessAndThatAreDesignedAlongCircular"
    "PrinciplesExplanatory": TEXT,
    "DisclosureOfCompositionOfWasteExplanatory": TEXT,
    "DisclosureOfEngagementInProductEndoflifeWasteManagementExplanatory": TEXT,
}
ESRS_PRODUCTS = {"DisclosureOfReparabilityOfProductExplanatory": TEXT,
                 "DisclosureOfExpectedDurabilityOfProductPlacedOnMarketInRelationToIndustryAverageExplanatory": TEXT,
                 "DisclosureOfRatesOfRecyclableContentInProductAndItsPackagingExplanatory": TEXT}
ESRS_DIVERTED = {"WasteGeneratedDivertedFromDisposal": MASS}
ESRS_DISPOSAL = {"WasteGeneratedDirectedToDisposal": MASS}
ESRS_AXES = {
    "ReportingScopeAxis": ("CurrentlyStatedCorrectedOrRevisedRetrospectiveMember", ["PreviouslyStatedMember"]),
    "TypeOfWasteAxis": ("TypeOfWasteMember", ["HazardousWasteMember", "NonhazardousWasteMember"]),
    "TypeOfRecoveryOperationsAxis": ("TypeOfRecoveryOperationsMember",
                                     ["PreparationForReuseMember", "RecyclingMember", "OtherRecoveryOperationsMember"]),
    "TypeOfWasteTreatmentAxis": ("TypeOfWasteTreatmentMember",
                                 ["IncinerationMember", "LandfillMember", "OtherDisposalOperationsMember"]),
}
ESRS_TABLES = [  # role number, table, line items, axes
    ("305041", "ResourceInflowsTable", ESRS_INFLOWS, ["ReportingScopeAxis"]),
    ("305051", "ResourceOutflowsTable", ESRS_OUTFLOWS, ["ReportingScopeAxis"]),
    ("305052", "ResourceOutflowsProductsTable", ESRS_PRODUCTS, ["NameOfProductTypedAxis"]),
    ("305053", "ResourceOutflowsWasteDivertedFromDisposalTable", ESRS_DIVERTED,
     ["ReportingScopeAxis", "TypeOfWasteAxis", "TypeOfRecoveryOperationsAxis"]),
    ("305054", "ResourceOutflowsWasteDirectedToDisposalTable", ESRS_DISPOSAL,
     ["ReportingScopeAxis", "TypeOfWasteAxis", "TypeOfWasteTreatmentAxis"]),
]

# ---- VSME B7 (2026-05-01)
VSME_TOTALS = {
    "TotalWasteGeneratedMass": MASS, "TotalHazardousWasteGeneratedMass": MASS,
    "TotalNonHazardousWasteGeneratedMass": MASS, "TotalMassOfMaterialUsed": MASS,
    "UndertakingAppliesCircularEconomyPrinciples": BOOL, "DescriptionOfHowCircularEconomyPrinciplesAreApplied": TEXT,
}
VSME_WASTE = {"WasteDivertedToRecycleOrReuseMass": MASS, "WasteDirectedToDisposalMass": MASS,
              "TotalWasteRecycledReusedAndDirectedToDisposalMass": MASS}
VSME_MATERIALS = {"NameOfMaterialUsed": STRING, "WeightOfMaterialUsed": MASS}


def waste_member_names() -> list[str]:
    """Local names of the waste members (EFRAG's list, shipped as data with its source)."""
    text = resources.files("gcpcalc.xbrl").joinpath("data/vsme_waste_members.csv").read_text(encoding="utf-8")
    return [r["member"] for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))]


# ------------------------------------------------------------------------------------------------
# writers
# ------------------------------------------------------------------------------------------------

_XSD_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!-- gcpcalc TEST STUB: not the EFRAG taxonomy. Same names and types for the concepts gcpcalc tags only. -->
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance"
  xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:dtr-types="{dtr}" xmlns:{prefix}="{ns}"
  targetNamespace="{ns}" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xsd:import namespace="http://www.xbrl.org/2003/instance" schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xsd:import namespace="http://xbrl.org/2005/xbrldt" schemaLocation="http://www.xbrl.org/2005/xbrldt-2005.xsd"/>
  <xsd:import namespace="{dtr}" schemaLocation="https://www.xbrl.org/dtr/type/2024-01-31/types.xsd"/>
"""


def _item(name: str, typ: str, period: str = "duration", abstract: bool = False) -> str:
    return (f'  <xsd:element id="{name}" name="{name}" type="{typ}" substitutionGroup="xbrli:item" '
            f'xbrli:periodType="{period}" nillable="true" abstract="{str(abstract).lower()}"/>\n')


def _dt_element(name: str, group: str, extra: str = "") -> str:
    return (f'  <xsd:element id="{name}" name="{name}" type="xbrli:stringItemType" substitutionGroup="{group}" '
            f'xbrli:periodType="duration" nillable="true" abstract="true"{extra}/>\n')


def _roletypes(roles: list[tuple[str, str]]) -> str:
    out = "  <xsd:annotation><xsd:appinfo>\n"
    for uri, rid in roles:
        out += (f'    <link:roleType roleURI="{uri}" id="{rid}"><link:definition>{rid}</link:definition>'
                "<link:usedOn>link:definitionLink</link:usedOn></link:roleType>\n")
    return out + "  </xsd:appinfo></xsd:annotation>\n"


def _loc(href: str, label: str) -> str:
    return f'    <link:loc xlink:type="locator" xlink:href="{href}" xlink:label="{label}"/>\n'


def _arc(arcrole: str, frm: str, to: str, order: int, extra: str = "") -> str:
    return (f'    <link:definitionArc xlink:type="arc" xlink:arcrole="http://xbrl.org/int/dim/arcrole/{arcrole}" '
            f'xlink:from="{frm}" xlink:to="{to}" order="{order}"{extra}/>\n')


_LB_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:xml="http://www.w3.org/XML/1998/namespace">
"""


def _definition_linkbase(tables, href_of, role_uri, axes, typed_axes=()) -> str:
    """One definitionLink per table: line items all→ closed hypercube, hypercube→dimensions→domain→members,
    dimension-default to the domain where the axis has one."""
    out = _LB_HEAD
    for arcrole in ("all", "domain-member", "hypercube-dimension", "dimension-domain", "dimension-default"):
        out += (f'  <link:arcroleRef arcroleURI="http://xbrl.org/int/dim/arcrole/{arcrole}" xlink:type="simple" '
                f'xlink:href="http://www.xbrl.org/2005/xbrldt-2005.xsd#{arcrole}"/>\n')
    for role, table, items, table_axes in tables:
        out += f'  <link:roleRef roleURI="{role_uri(role)}" xlink:type="simple" xlink:href="{href_of("__role__" + role)}"/>\n'
    for role, table, items, table_axes in tables:
        out += f'  <link:definitionLink xlink:type="extended" xlink:role="{role_uri(role)}">\n'
        out += _loc(href_of(table), table)
        first = f"{table}_items"
        out += _loc(href_of(first), first)
        out += _arc("all", first, table, 1, ' xbrldt:closed="true" xbrldt:contextElement="scenario"')
        for i, name in enumerate(items, 1):
            out += _loc(href_of(name), name)
            out += _arc("domain-member", first, name, i)
        for i, axis in enumerate(table_axes, 1):
            out += _loc(href_of(axis), axis)
            out += _arc("hypercube-dimension", table, axis, i)
            if axis in typed_axes:
                continue
            domain, members, default = axes[axis]
            out += _loc(href_of(domain), f"{axis}_{domain}")
            out += _arc("dimension-domain", axis, f"{axis}_{domain}", 1)
            for j, m in enumerate(members, 1):
                out += _loc(href_of(m), f"{axis}_{m}_{j}")
                out += _arc("domain-member", f"{axis}_{domain}", f"{axis}_{m}_{j}", j)
        out += "  </link:definitionLink>\n"
    # dimension defaults in a link of their own (as EFRAG's dim_esrs_990000.xml does)
    out += '  <link:definitionLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">\n'
    for axis, (domain, members, default) in axes.items():
        if default:
            out += _loc(href_of(axis), f"d_{axis}") + _loc(href_of(domain), f"d_{axis}_{domain}")
            out += _arc("dimension-default", f"d_{axis}", f"d_{axis}_{domain}", 1)
    out += "  </link:definitionLink>\n"
    return out + "</link:linkbase>\n"


def _label_linkbase(labels: dict[str, str], href_of) -> str:
    out = _LB_HEAD + '  <link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">\n'
    for i, (name, text) in enumerate(labels.items()):
        out += _loc(href_of(name), f"loc{i}")
        out += (f'    <link:label xlink:type="resource" xlink:label="lab{i}" xlink:role="http://www.xbrl.org/2003/role/label" '
                f'xml:lang="en">{text}</link:label>\n')
        out += (f'    <link:labelArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-label" '
                f'xlink:from="loc{i}" xlink:to="lab{i}"/>\n')
    return out + "  </link:labelLink>\n</link:linkbase>\n"


def _words(name: str) -> str:
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).capitalize() + " (test stub)"


def _esrs_files() -> dict[str, str]:
    base = "efrag/esrs/2023-12-22"
    role_uri = lambda n: f"https://xbrl.efrag.org/taxonomy/role-{n}"  # noqa: E731
    cor = _XSD_HEAD.format(dtr=DTR, prefix="esrs", ns=ESRS_NS)
    cor += _roletypes([(role_uri(r), f"role-{r}") for r, *_ in ESRS_TABLES])
    for role, table, items, axes in ESRS_TABLES:
        cor += _dt_element(table, "xbrldt:hypercubeItem")
        cor += _item(f"{table}_items", STRING, abstract=True)
        for name, typ in items.items():
            cor += _item(name, typ)
    for axis, (domain, members) in ESRS_AXES.items():
        cor += _dt_element(axis, "xbrldt:dimensionItem")
        for m in [domain, *members]:
            cor += _item(m, "dtr-types:domainItemType", abstract=True)
    cor += _dt_element("NameOfProductTypedAxis", "xbrldt:dimensionItem", ' xbrldt:typedDomainRef="#TYP"')
    cor += '  <xsd:element id="TYP" name="TYP" type="xsd:string"/>\n'
    cor += "</xsd:schema>\n"
    href_of = lambda n: f"esrs_cor.xsd#{n}" if not n.startswith("__role__") else f"esrs_cor.xsd#role-{n[8:]}"  # noqa: E731
    axes = {a: (d, m, True) for a, (d, m) in ESRS_AXES.items()}
    definition = _definition_linkbase(ESRS_TABLES, href_of, role_uri, axes, typed_axes=("NameOfProductTypedAxis",))
    labels = {n: _words(n) for _, _, items, _ in ESRS_TABLES for n in items}
    entry = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- gcpcalc TEST STUB entry point (not EFRAG's esrs_all.xsd) -->
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:link="http://www.xbrl.org/2003/linkbase"
  xmlns:xlink="http://www.w3.org/1999/xlink" targetNamespace="{ESRS_NS}/entry" elementFormDefault="qualified">
  <xsd:annotation><xsd:appinfo>
    <link:linkbaseRef xlink:type="simple" xlink:href="common/def_esrs_e5.xml" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" xlink:role="http://www.xbrl.org/2003/role/definitionLinkbaseRef"/>
    <link:linkbaseRef xlink:type="simple" xlink:href="common/lab_esrs-en.xml" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" xlink:role="http://www.xbrl.org/2003/role/labelLinkbaseRef"/>
  </xsd:appinfo></xsd:annotation>
  <xsd:import namespace="{ESRS_NS}" schemaLocation="common/esrs_cor.xsd"/>
</xsd:schema>
"""
    return {f"{base}/esrs_all.xsd": entry, f"{base}/common/esrs_cor.xsd": cor,
            f"{base}/common/def_esrs_e5.xml": definition, f"{base}/common/lab_esrs-en.xml": _label_linkbase(labels, href_of)}


def _vsme_files() -> dict[str, str]:
    base = "efrag/vsme/2026-05-01"
    role_uri = lambda n: f"https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/role/role-{n}"  # noqa: E731
    tables = [("118", "WasteTotalsTable", VSME_TOTALS, []),
              ("119", "WasteGeneratedTable", VSME_WASTE, ["TypeOfWasteAxis"]),
              ("121", "BreakdownOfAnnualMassFlowOfRelevantMaterialsUsedByTheUndertakingHypercube", VSME_MATERIALS,
               ["IdentifierOfMaterialTypedAxis"])]
    xsd = _XSD_HEAD.format(dtr=DTR, prefix="vsme", ns=VSME_NS).replace(
        f'xmlns:vsme="{VSME_NS}"', f'xmlns:vsme="{VSME_NS}" xmlns:waste="{WASTE_NS}"')
    xsd += f'  <xsd:import namespace="{WASTE_NS}" schemaLocation="../../waste/2026-05-01/waste.xsd"/>\n'
    xsd += _roletypes([(role_uri(r), f"role-{r}") for r, *_ in tables])
    for role, table, items, axes in tables:
        xsd += _dt_element(table, "xbrldt:hypercubeItem")
        xsd += _item(f"{table}_items", STRING, abstract=True)
        for name, typ in items.items():
            xsd += _item(name, typ)
    xsd += _dt_element("TypeOfWasteAxis", "xbrldt:dimensionItem")
    xsd += _dt_element("IdentifierOfMaterialTypedAxis", "xbrldt:dimensionItem", ' xbrldt:typedDomainRef="#TYP"')
    xsd += '  <xsd:element id="TYP" name="TYP" type="xsd:string"/>\n'
    xsd += "</xsd:schema>\n"
    waste = _XSD_HEAD.format(dtr=DTR, prefix="waste", ns=WASTE_NS)
    members = ["W-WasteCategoriesMember", *waste_member_names()]
    for m in members:
        waste += _item(m, "dtr-types:domainItemType", abstract=True)
    waste += "</xsd:schema>\n"

    def href_of(n: str) -> str:
        if n.startswith("__role__"):
            return f"vsme.xsd#role-{n[8:]}"
        if n.startswith("W-"):
            return f"../../waste/2026-05-01/waste.xsd#{n}"
        return f"vsme.xsd#{n}"

    axes = {"TypeOfWasteAxis": ("W-WasteCategoriesMember", members[1:], False)}
    definition = _definition_linkbase(tables, href_of, role_uri, axes, typed_axes=("IdentifierOfMaterialTypedAxis",))
    labels = {n: _words(n) for _, _, items, _ in tables for n in items}
    entry = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- gcpcalc TEST STUB entry point (not EFRAG's vsme-all.xsd) -->
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:link="http://www.xbrl.org/2003/linkbase"
  xmlns:xlink="http://www.w3.org/1999/xlink" targetNamespace="{VSME_NS}-all" elementFormDefault="qualified">
  <xsd:annotation><xsd:appinfo>
    <link:linkbaseRef xlink:type="simple" xlink:href="def_vsme_b7.xml" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" xlink:role="http://www.xbrl.org/2003/role/definitionLinkbaseRef"/>
    <link:linkbaseRef xlink:type="simple" xlink:href="lab_vsme-en.xml" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" xlink:role="http://www.xbrl.org/2003/role/labelLinkbaseRef"/>
  </xsd:appinfo></xsd:annotation>
  <xsd:import namespace="{VSME_NS}" schemaLocation="vsme.xsd"/>
</xsd:schema>
"""
    return {f"{base}/vsme-all.xsd": entry, f"{base}/vsme.xsd": xsd, f"{base}/def_vsme_b7.xml": definition,
            f"{base}/lab_vsme-en.xml": _label_linkbase(labels, href_of), "efrag/waste/2026-05-01/waste.xsd": waste}


_PACKAGE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package" xml:lang="en">
  <tp:identifier>urn:gcpcalc:test-stub:2026</tp:identifier>
  <tp:name>gcpcalc test stub of the ESRS E5 and VSME B7 concepts (not EFRAG's taxonomy)</tp:name>
  <tp:description>Written by the gcpcalc tests; same concept names, types and dimensions as EFRAG's taxonomies for the concepts gcpcalc tags.</tp:description>
  <tp:version>1</tp:version>
  <tp:entryPoints>
    <tp:entryPoint><tp:name>ESRS</tp:name>
      <tp:entryPointDocument href="https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd"/></tp:entryPoint>
    <tp:entryPoint><tp:name>VSME</tp:name>
      <tp:entryPointDocument href="https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd"/></tp:entryPoint>
  </tp:entryPoints>
</tp:taxonomyPackage>
"""
_CATALOG_XML = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="https://xbrl.efrag.org/taxonomy/" rewritePrefix="../efrag/"/>
</catalog>
"""


def build_stub_package(path: Path) -> Path:
    """Write the stub taxonomy package to ``path`` (a .zip) and return it."""
    files = {"META-INF/taxonomyPackage.xml": _PACKAGE_XML, "META-INF/catalog.xml": _CATALOG_XML,
             **_esrs_files(), **_vsme_files()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(f"gcpcalc-test-stub/{name}", text)
    return path
