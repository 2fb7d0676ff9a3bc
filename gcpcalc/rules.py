"""The checks of validated rows that need no validator: each table's defaults, the rules across fields of a row
(the data dictionary's "Rule:" lines, the critical-materials vocabulary) and the unique ids, with their bilingual
messages.

:mod:`gcpcalc.models` validates rows with pydantic and then checks them here; the fast JSON path
(:mod:`gcpcalc.intake.fastjson`) checks rows decoded by msgspec here too, without importing pydantic.
"""
from __future__ import annotations

from itertools import repeat
from typing import Any

from . import fields as F
from .i18n import enum_labels_ja, message_texts
from .messages import ERROR, WARNING, Message

def _complete(table: F.Table, rows: list[dict]) -> None:
    """Fill every absent or empty field with its default (None where there is none), in place.

    Validated rows hold every field already (the row types give an absent field its default), so only
    the fields with a default other than None are looked at; rows built otherwise are completed field by
    field."""
    if not rows:
        return
    if set(map(len, rows)) == {len(table.fields)}:  # extra keys are refused by the row types
        fills = [(f.id, f.default) for f in table.fields if not f.required and f.default is not None]
        for row in rows:
            for key, default in fills:
                if row[key] is None:
                    row[key] = default
        return
    fills = [(f.id, f.default) for f in table.fields if not f.required]
    for row in rows:
        for key, default in fills:
            if row.get(key) is None:
                row[key] = default


def _rules(table: F.Table, rows: list[dict], bad: frozenset = frozenset(), first_row: int = 1) -> list[Message]:
    """The rules across fields, on validated rows numbered from ``first_row``. A check is skipped when
    one of its fields is in ``bad`` (that field has an error of its own, already reported)."""
    out: list[Message] = []
    tid = table.id

    def ok(*fids: str) -> bool:
        return not bad or not any(f in bad for f in fids)

    if tid == "organisation":
        for r in rows:
            if ok("period_start", "period_end") and r["period_start"] is not None and r["period_end"] is not None \
                    and r["period_end"] <= r["period_start"]:
                out.append(_message("period_order", table, None, table.field("period_end"), str(r["period_end"]),
                                    other=str(r["period_start"])))
    elif tid == "inflows":
        share_fields = ("recycled_preconsumer_pct", "recycled_postconsumer_pct", "reused_pct", "renewable_pct")
        if ok(*share_fields):
            for i, r in enumerate(rows, first_row):
                total = (r["recycled_preconsumer_pct"] + r["recycled_postconsumer_pct"] + r["reused_pct"]
                         + r["renewable_pct"])
                if total > 100.0 + F.SUM_TOLERANCE_PCT:
                    out.append(_message("shares_over_100", table, i, None, round(total, 6),
                                        total=_fmt_num(round(total, 6))))
        out.extend(_critical_rules(table, rows, ok, first_row))
    elif tid == "products":
        for i, r in enumerate(rows, first_row):
            if ok("actual_lifetime", "industry_lifetime") and r["actual_lifetime"] is not None \
                    and r["industry_lifetime"] is None:
                out.append(_message("lifetime_pair", table, i, table.field("industry_lifetime"), None))
            feed_fields = ("mci_recycled_feedstock_pct", "mci_reused_feedstock_pct", "mci_sustainable_bio_feedstock_pct")
            feed = _pct_total(*(r[f] for f in feed_fields))
            if ok(*feed_fields) and feed > 100.0 + F.SUM_TOLERANCE_PCT:
                out.append(_message("mci_feedstock_over_100", table, i, None, feed, total=_fmt_num(round(feed, 6))))
            coll_fields = ("mci_collected_recycling_pct", "mci_collected_reuse_pct", "mci_composted_pct")
            coll = _pct_total(*(r[f] for f in coll_fields))
            if ok(*coll_fields) and coll > 100.0 + F.SUM_TOLERANCE_PCT:
                out.append(_message("mci_collection_over_100", table, i, None, coll, total=_fmt_num(round(coll, 6))))
            if ok("mci_recycled_feedstock_pct", "mci_recycling_efficiency_feedstock_pct") \
                    and (r["mci_recycled_feedstock_pct"] or 0) > 0 and r["mci_recycling_efficiency_feedstock_pct"] == 0:
                out.append(_message("mci_feedstock_efficiency_zero", table, i,
                                    table.field("mci_recycling_efficiency_feedstock_pct"),
                                    _fmt_num(r["mci_recycled_feedstock_pct"])))
    elif tid == "outflows":
        if ok("flow_type"):
            for i, r in enumerate(rows, first_row):
                if r["flow_type"] is None:
                    continue
                if r["flow_type"] == "waste":
                    if ok("destination") and r["destination"] is None:
                        out.append(_message("destination_required", table, i, table.field("destination"), None,
                                            allowed=", ".join(F.DESTINATIONS),
                                            allowed_ja=enum_labels_ja(F.DESTINATIONS)))
                else:
                    for fid in ("recovery_potential_pct", "actual_recovery_pct"):
                        if ok(fid) and r[fid] is None:
                            out.append(_message("recovery_required", table, i, table.field(fid), None))
        out.extend(_critical_rules(table, rows, ok, first_row))
    elif tid == "procurement":
        mass_fields = ("basis_mass", "recycled_preconsumer_mass", "recycled_postconsumer_mass", "biobased_mass")
        if ok(*mass_fields):
            for i, r in enumerate(rows, first_row):
                if r["basis_mass"] is None:
                    continue
                total = r["recycled_preconsumer_mass"] + r["recycled_postconsumer_mass"] + r["biobased_mass"]
                if total > r["basis_mass"] * (1 + 1e-9):
                    out.append(_message("procurement_mass_over_basis", table, i, None, total,
                                        total=_fmt_num(total), other=_fmt_num(r["basis_mass"])))
    return out


def _critical_rules(table: F.Table, rows: list[dict], ok, first_row: int) -> list[Message]:
    """The critical-materials vocabulary (data dictionary rev. 2): a named material must be on the list
    (blank-like words mean none); on inflow lines a missing content share counts the whole line, with a
    warning that says so; a content share without a material is not used, with a warning."""
    from .critical import default_list, resolve

    out: list[Message] = []
    if not ok("critical_raw_material"):
        return out
    fld = table.field("critical_raw_material")
    has_content = "critical_content_pct" in table.field_ids and ok("critical_content_pct")
    cl = None
    for i, r in enumerate(rows, first_row):
        text = r.get("critical_raw_material")
        content = r.get("critical_content_pct") if has_content else None
        if text is None:
            if content is not None:
                out.append(_message("critical_content_without_material", table, i,
                                    table.field("critical_content_pct"), content, severity=WARNING))
            continue
        cl = cl or default_list()
        res = resolve(text, cl)
        if res.status == "unknown":
            sugg = cl.get(res.suggestion) if res.suggestion else None
            out.append(_message(
                "critical_unknown", table, i, fld, text, list_version=cl.version,
                suggestion=f" Did you mean '{sugg.name_en}'?" if sugg else "",
                suggestion_ja=f"「{sugg.name_ja}」ではありませんか？" if sugg else ""))
        elif res.status == "none":
            if content is not None:
                out.append(_message("critical_content_without_material", table, i,
                                    table.field("critical_content_pct"), content, severity=WARNING))
        elif has_content and content is None:
            m = cl.get(res.material_id)
            out.append(_message("critical_content_default", table, i, table.field("critical_content_pct"), None,
                                severity=WARNING, material=m.name_en, material_ja=m.name_ja))
    return out


def _pct_total(*values) -> float:
    return sum(v for v in values if v is not None)


def _fmt_num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _message(code: str, table: F.Table, row: int | None, fld: F.Field | None, value: Any,
             severity: str = ERROR, **kw) -> Message:
    if fld is not None:
        kw.setdefault("field", fld.label_en)
        kw.setdefault("field_ja", fld.label_ja)
    kw.setdefault("table", table.id)
    kw.setdefault("value", "" if value is None else _fmt_num(value) if isinstance(value, float) else value)
    en, ja = message_texts(code, **kw)
    return Message(code=code, severity=severity, message_en=en, message_ja=ja, table=table.id, row=row,
                   field=fld.id if fld is not None else None, value=value)


def _duplicates(table: F.Table, rows: list) -> list[Message]:
    """Duplicate unique ids (e.g. line_id), reported on each repeat with the row of the first use."""
    out: list[Message] = []
    for fld in table.fields:
        if not fld.unique:
            continue
        try:  # every row a dict (the usual case): the ids read in C
            keys = list(map(dict.get, rows, repeat(fld.id)))
        except TypeError:  # a row that is not an object (it failed validation): it has no id
            keys = [r.get(fld.id) if isinstance(r, dict) else None for r in rows]
        try:
            if len(set(keys)) == len(keys):
                continue  # no repeat (the usual case): no per-row bookkeeping
        except TypeError:  # an unhashable id (a list or object) in a row that failed: reported already
            pass
        first: dict[Any, int] = {}
        for i, key in enumerate(keys, start=1):
            if key is None or not isinstance(key, (str, int, float)):
                continue
            if key in first:
                out.append(_message("duplicate_id", table, i, fld, key, other=first[key]))
            else:
                first[key] = i
    return out


def _check_table(table: F.Table, rows: list, validated: list, messages: list[Message],
                 ) -> tuple[list[dict] | None, list[Message]]:
    """Defaults, rules across fields and unique ids of a validated table (``None`` for failed rows)."""
    ok = [r for r in validated if r is not None]
    _complete(table, ok)
    if len(ok) == len(validated):
        messages.extend(_rules(table, ok))
    else:
        # rules still run on the rows that passed, numbered as in the input (the rows that failed
        # had theirs checked on their valid fields in _validate_rows)
        for i, r in enumerate(validated, 1):
            if r is not None:
                messages.extend(_rules(table, [r], first_row=i))
    messages.extend(_duplicates(table, [r if r is not None else raw for r, raw in zip(validated, rows)]))
    if any(m.severity == ERROR for m in messages):
        return None, messages
    return validated, messages


def _check_organisation(org: dict) -> tuple[dict | None, list[Message]]:
    _complete(F.ORGANISATION, [org])
    messages = _rules(F.ORGANISATION, [org])
    return (None if messages else org), messages
