"""Writers of a :class:`~gcpcalc.xbrl.facts.Report`: inline XBRL (XHTML) and xBRL-JSON (OIM).

* iXBRL 1.1: one XHTML page that reads as the ESRS E5 / VSME B7 section of a report (ja or en), each figure
  an ``ix:nonFraction`` (``contextRef``, ``unitRef``, ``decimals``, ``scale``, ``format="ixt:num-dot-decimal"``)
  and each narrative an ``ix:nonNumeric``; contexts carry the entity, the reporting period (duration) and the
  dimension members in ``xbrli:scenario``. Figures that were not tagged are listed with the reason.
* xBRL-JSON (``https://xbrl.org/2021/xbrl-json``): the same facts with their dimensions; periods as
  ``start/end`` date-times (the end of the last day is midnight of the next day, as in XBRL 2.1).

Both are built from the same facts, so a fact read back from either must equal the engine's figure.
"""
from __future__ import annotations

import datetime as _dt
import json
from html import escape

from . import concepts as C
from .facts import Fact, Report

IX_NS = "http://www.xbrl.org/2013/inlineXBRL"
IXT_NS = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
XHTML_NS = "http://www.w3.org/1999/xhtml"

_T = {
    "title_esrs": ("ESRS E5 Resource use and circular economy: E5-4 and E5-5", "ESRS E5 資源利用及びサーキュラーエコノミー：E5-4・E5-5"),
    "title_vsme": ("VSME B7 Resource use, circular economy and waste management", "VSME B7 資源利用、サーキュラーエコノミー及び廃棄物管理"),
    "entity": ("Entity", "報告主体"),
    "period": ("Reporting period", "報告期間"),
    "figure": ("Figure", "項目"),
    "value": ("Value", "値"),
    "unit": ("Unit", "単位"),
    "concept": ("Concept", "概念"),
    "inflows": ("E5-4 Resource inflows", "E5-4 資源の流入"),
    "outflows": ("E5-5 Resource outflows: waste", "E5-5 資源の流出：廃棄物"),
    "diverted": ("Waste diverted from disposal (t)", "処分されなかった廃棄物（t）"),
    "disposal": ("Waste directed to disposal (t)", "処分された廃棄物（t）"),
    "narratives": ("Narrative disclosures", "記述情報"),
    "waste_totals": ("Waste generated", "廃棄物の発生量"),
    "waste_types": ("Waste by type (EU List of Waste)", "欧州廃棄物リストのコード別の廃棄物"),
    "materials": ("Materials used", "使用した材料"),
    "type": ("Type of waste (EU List of Waste)", "廃棄物コード（欧州廃棄物リスト）"),
    "vsme_diverted": ("Recycled or reused (t)", "リサイクル・リユース（t）"),
    "vsme_disposal": ("Directed to disposal (t)", "処分（t）"),
    "vsme_total": ("Total (t)", "合計（t）"),
    "material": ("Material", "材料"),
    "weight": ("Weight (t)", "重量（t）"),
    "total": ("Total", "合計"),
    "hazardous": ("Hazardous", "有害廃棄物"),
    "non_hazardous": ("Non-hazardous", "非有害廃棄物"),
    "omitted": ("Figures not tagged", "タグ付けしなかった項目"),
    "reason": ("Reason", "理由"),
    "preparation_for_reuse": ("Preparation for reuse", "再使用のための準備"),
    "recycling": ("Recycling", "リサイクル"),
    "other_recovery": ("Other recovery operations", "その他の回収作業"),
    "incineration": ("Incineration", "焼却"),
    "landfill": ("Landfill", "埋立"),
    "other_disposal": ("Other disposal operations", "その他の処分作業"),
    "none": ("—", "—"),
    "generator": ("Prepared with gcpcalc. Figures in t; percentages of the total as shown.",
                  "gcpcalc で作成。数値の単位は t、割合は表示どおり。"),
}


def _t(key: str, lang: str) -> str:
    en, ja = _T[key]
    return ja if lang == "ja" else en


# ------------------------------------------------------------------------------------------------
# contexts
# ------------------------------------------------------------------------------------------------


def _context_key(f: Fact) -> tuple:
    return (tuple(sorted(f.dims)), tuple(sorted(f.typed_dims)))


def context_ids(report: Report) -> dict[tuple, str]:
    """Context key -> id (``c0`` the plain context, then one per dimension combination, in order of first use)."""
    ids: dict[tuple, str] = {((), ()): "c0"}
    for f in report.facts:
        key = _context_key(f)
        if key not in ids:
            ids[key] = f"c{len(ids)}"
    return ids


def _end_exclusive(d: _dt.date) -> str:
    return (d + _dt.timedelta(days=1)).isoformat() + "T00:00:00"


# ------------------------------------------------------------------------------------------------
# inline XBRL
# ------------------------------------------------------------------------------------------------


def _num_text(value) -> str:
    """A number with thousands separators, as the num-dot-decimal transform reads it."""
    s = format(value, "f")
    whole, _, frac = s.partition(".")
    neg = whole.startswith("-")
    whole = f"{int(whole.lstrip('-')):,}"
    return ("-" if neg else "") + whole + ("." + frac if frac else "")


def _ix_fact(f: Fact, ctx: str) -> str:
    if f.numeric:
        sign = ' sign="-"' if f.shown < 0 else ""
        shown = abs(f.shown)
        unit = "pure" if f.kind == C.PERCENT else "t"
        return (f'<ix:nonFraction name="{f.concept}" id="{f.id}" contextRef="{ctx}" unitRef="{unit}" '
                f'decimals="{f.decimals}" scale="{f.scale}" format="ixt:num-dot-decimal"{sign}>'
                f"{_num_text(shown)}</ix:nonFraction>")
    return (f'<ix:nonNumeric name="{f.concept}" id="{f.id}" contextRef="{ctx}" escape="false">'
            f"{escape(str(f.value), quote=False)}</ix:nonNumeric>")


def _contexts_xml(report: Report, ids: dict[tuple, str]) -> str:
    e = report.entity
    out = []
    for (dims, typed), cid in ids.items():
        scenario = ""
        if dims or typed:
            members = "".join(f'<xbrldi:explicitMember dimension="{a}">{m}</xbrldi:explicitMember>' for a, m in dims)
            members += "".join(f'<xbrldi:typedMember dimension="{a}"><{C.typed_member_element(a)}>{escape(v)}'
                               f"</{C.typed_member_element(a)}></xbrldi:typedMember>" for a, v in typed)
            scenario = f"<xbrli:scenario>{members}</xbrli:scenario>"
        out.append(
            f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="{escape(e.scheme)}">'
            f"{escape(e.identifier)}</xbrli:identifier></xbrli:entity><xbrli:period>"
            f"<xbrli:startDate>{report.period_start.isoformat()}</xbrli:startDate>"
            f"<xbrli:endDate>{report.period_end.isoformat()}</xbrli:endDate></xbrli:period>{scenario}"
            "</xbrli:context>")
    return "\n".join(out)


_UNITS_XML = ('<xbrli:unit id="t"><xbrli:measure>utr:t</xbrli:measure></xbrli:unit>\n'
              '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>')


def _row(label: str, cells: list[str]) -> str:
    return "<tr><th>" + escape(label) + "</th>" + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>"


def _ixbrl_body_esrs(report: Report, lang: str, tag) -> list[str]:
    by_source = {f.source: f for f in report.facts}
    parts = [f"<h2>{_t('inflows', lang)}</h2>", "<table>",
             f"<tr><th>{_t('figure', lang)}</th><th>{_t('value', lang)}</th><th>{_t('unit', lang)}</th></tr>"]
    for iid in ("esrs_e5.inflow_total_t", "esrs_e5.bio_sustainably_sourced_pct", "esrs_e5.secondary_inflow_t",
                "esrs_e5.secondary_inflow_pct"):
        f = by_source.get(iid)
        if f is not None:
            parts.append(_row(f.label(lang), [tag(f), "%" if f.kind == C.PERCENT else "t"]))
    parts.append("</table>")
    parts += [f"<h2>{_t('outflows', lang)}</h2>", "<table>",
              f"<tr><th>{_t('figure', lang)}</th><th>{_t('value', lang)}</th><th>{_t('unit', lang)}</th></tr>"]
    for iid in ("esrs_e5.waste_total_t", "esrs_e5.diverted.total_t", "esrs_e5.disposal.total_t",
                "esrs_e5.nonrecycled_t", "esrs_e5.nonrecycled_pct", "esrs_e5.hazardous_t", "esrs_e5.radioactive_t"):
        f = by_source.get(iid)
        if f is not None:
            parts.append(_row(f.label(lang), [tag(f), "%" if f.kind == C.PERCENT else "t"]))
    parts.append("</table>")
    for table, routes in (("diverted", tuple(C.RECOVERY_MEMBERS)), ("disposal", tuple(C.TREATMENT_MEMBERS))):
        parts += [f"<h3>{_t(table, lang)}</h3>", "<table>",
                  "<tr><th></th>" + "".join(f"<th>{_t(r, lang)}</th>" for r in routes)
                  + f"<th>{_t('total', lang)}</th></tr>"]
        for h in C.HAZARD_MEMBERS:
            cells = [by_source.get(f"esrs_e5.{table}.{h}.{r}_t") for r in (*routes, "total")]
            parts.append(_row(_t(h, lang), [tag(f) if f is not None else _t("none", lang) for f in cells]))
        parts.append("</table>")
    text_facts = [f for f in report.facts if f.kind == C.TEXT]
    if text_facts:
        parts.append(f"<h2>{_t('narratives', lang)}</h2>")
        for f in text_facts:
            parts.append(f"<h3>{escape(f.label(lang))}</h3><p class=\"text\">{tag(f)}</p>")
    return parts


def _ixbrl_body_vsme(report: Report, lang: str, tag) -> list[str]:
    parts = [f"<h2>{_t('waste_totals', lang)}</h2>", "<table>"]
    for concept in (C.VSME_TOTAL_WASTE, C.VSME_TOTAL_HAZARDOUS, C.VSME_TOTAL_NON_HAZARDOUS):
        f = report.fact(concept)
        if f is not None:
            parts.append(_row(f.label(lang), [tag(f), "t"]))
    parts.append("</table>")
    typed = {}
    for f in report.facts:
        if f.dims and f.dims[0][0] == C.VSME_WASTE_AXIS:
            typed.setdefault(f.dims[0][1], {})[f.concept] = f
    if typed:
        parts += [f"<h2>{_t('waste_types', lang)}</h2>", "<table>",
                  f"<tr><th>{_t('type', lang)}</th><th>{_t('vsme_diverted', lang)}</th>"
                  f"<th>{_t('vsme_disposal', lang)}</th><th>{_t('vsme_total', lang)}</th></tr>"]
        for member, facts in typed.items():
            code = member.split("-")[1]
            label = f"{code[:2]} {code[2:4]} {code[4:]} {member.split('-', 2)[2].removesuffix('Member')}"
            parts.append(_row(label, [tag(facts[c]) if c in facts else _t("none", lang)
                                      for c in (C.VSME_DIVERTED, C.VSME_DISPOSAL, C.VSME_TYPE_TOTAL)]))
        parts.append("</table>")
    names = {f.typed_dims: f for f in report.facts if f.concept == C.VSME_MATERIAL_NAME}
    weights = [f for f in report.facts if f.concept == C.VSME_MATERIAL_WEIGHT]
    if weights:
        parts += [f"<h2>{_t('materials', lang)}</h2>", "<table>",
                  f"<tr><th>{_t('material', lang)}</th><th>{_t('weight', lang)}</th></tr>"]
        for f in weights:
            name = names.get(f.typed_dims)
            parts.append("<tr><td>" + (tag(name) if name else "") + f'</td><td class="num">{tag(f)}</td></tr>')
        total = report.fact(C.VSME_MATERIAL_TOTAL)
        if total is not None:
            parts.append(_row(_t("total", lang), [tag(total)]))
        parts.append("</table>")
    text = report.fact(C.VSME_CE_PRINCIPLES_TEXT)
    if text is not None:
        parts += [f"<h2>{_t('narratives', lang)}</h2>", f"<h3>{escape(text.label(lang))}</h3>",
                  f'<p class="text">{tag(text)}</p>']
    return parts


_CSS = """body{font-family:'Noto Sans CJK JP','Noto Sans',sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}
td.num{text-align:right}p.text{white-space:pre-wrap}.omitted td{color:#555}"""


def _period_text(report: Report, lang: str) -> str:
    a, b = report.period_start, report.period_end
    if lang == "ja":
        return f"自 {a.year}年{a.month}月{a.day}日 至 {b.year}年{b.month}月{b.day}日"
    return f"{a.isoformat()} to {b.isoformat()}"


def to_ixbrl(report: Report, lang: str = "en") -> str:
    """The report as an inline XBRL 1.1 XHTML document (UTF-8 text)."""
    ids = context_ids(report)
    tagged: set[str] = set()

    def tag(f: Fact) -> str:
        tagged.add(f.id)
        return _ix_fact(f, ids[_context_key(f)])

    info = report.info
    body = (_ixbrl_body_esrs if report.standard == C.ESRS else _ixbrl_body_vsme)(report, lang, tag)
    rest = [f for f in report.facts if f.id not in tagged]  # every fact appears once, even outside the tables
    if rest:
        body += ["<table>"] + [_row(f"{f.label(lang)} ({f.concept})", [tag(f)]) for f in rest] + ["</table>"]
    if report.omitted:
        body += [f"<h2>{_t('omitted', lang)}</h2>", '<table class="omitted">',
                 f"<tr><th>{_t('figure', lang)}</th><th>{_t('reason', lang)}</th></tr>"]
        body += [f"<tr><td>{escape(o.label(lang))} <small>({escape(o.source)})</small></td>"
                 f"<td>{escape(o.reason(lang))}</td></tr>" for o in report.omitted]
        body.append("</table>")
    ns = {**info.namespaces, **{k: C.NAMESPACES[k] for k in ("xbrli", "utr", "xbrldi", "link", "xlink", "iso4217")}}
    xmlns = " ".join(f'xmlns:{p}="{u}"' for p, u in ns.items())
    title = _t("title_esrs" if report.standard == C.ESRS else "title_vsme", lang)
    e = report.entity
    sep = "：" if lang == "ja" else ": "
    head = (f'<div style="display:none"><ix:header><ix:references>'
            f'<link:schemaRef xlink:type="simple" xlink:href="{info.entry_point}"/></ix:references>'
            f"<ix:resources>\n{_contexts_xml(report, ids)}\n{_UNITS_XML}\n</ix:resources></ix:header></div>")
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<html xmlns="{XHTML_NS}" xmlns:ix="{IX_NS}" xmlns:ixt="{IXT_NS}" {xmlns} xml:lang="{lang}">',
        f'<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><title>{escape(title)} — '
        f"{escape(report.organisation_name)}</title><style type='text/css'>{_CSS}</style></head>",
        "<body>", head,
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(report.organisation_name)}<br/>{_t('entity', lang)}{sep}{escape(e.identifier)} "
        f"<small>({escape(e.scheme)})</small><br/>{_t('period', lang)}{sep}{_period_text(report, lang)}</p>",
        *body,
        f"<p><small>{_t('generator', lang)}</small></p>",
        "</body></html>", ""])


# ------------------------------------------------------------------------------------------------
# xBRL-JSON
# ------------------------------------------------------------------------------------------------


def to_oim_json(report: Report) -> dict:
    """The report as an xBRL-JSON document (a dict; ``json.dumps`` it)."""
    info = report.info
    e = report.entity
    period = f"{report.period_start.isoformat()}T00:00:00/{_end_exclusive(report.period_end)}"
    namespaces = {**info.namespaces, "xbrli": C.NAMESPACES["xbrli"], "utr": C.NAMESPACES["utr"],
                  e.prefix: e.scheme}
    facts = {}
    for f in report.facts:
        dims = {"concept": f.concept, "entity": f"{e.prefix}:{e.identifier}", "period": period}
        if f.unit and f.unit != "xbrli:pure":  # xBRL-JSON: a numeric fact without a unit is pure
            dims["unit"] = f.unit
        dims.update(dict(f.dims))
        dims.update(dict(f.typed_dims))
        fact = {"value": format(f.value, "f") if f.numeric else str(f.value), "dimensions": dims}
        if f.decimals is not None:
            fact["decimals"] = f.decimals
        facts[f.id] = fact
    return {
        "documentInfo": {
            "documentType": "https://xbrl.org/2021/xbrl-json",
            "namespaces": namespaces,
            "taxonomy": [info.entry_point],
        },
        "facts": facts,
    }


def to_oim_json_text(report: Report) -> str:
    return json.dumps(to_oim_json(report), ensure_ascii=False, indent=2)
