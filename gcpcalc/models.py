"""Validated pydantic models of an assessment, built from the data dictionary (:mod:`gcpcalc.fields`).

:func:`validate_assessment` takes the JSON form (a dict of tables) and returns the validated
:class:`Assessment` together with every message about it: all errors of all tables at once, each with
its code, table, row, field, offending value and a Japanese and an English text.

The models keep values as entered (mass with its unit, percentages 0–100); :mod:`gcpcalc.tables` turns
them into the normalised tables (t, m³, MWh, fractions) the indicators use.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, with_config
from pydantic import Field as PydField
from typing_extensions import NotRequired, TypedDict

from . import fields as F
from .i18n import enum_label, enum_labels_ja, message_texts
from .messages import ERROR, WARNING, Message, ValidationFailed
from .units import allowed_units

# the defaults, the rules across fields and the unique ids of validated rows (no pydantic there: the fast JSON
# path checks with them without importing this module)
from .rules import _check_organisation, _check_table, _fmt_num, _message, _rules  # noqa: E402

# value coercion shared by every input path (JSON, form, Excel), in its own module (no pydantic model there)
from .coerce import (  # noqa: E402,F401 - parse_bool, parse_date: part of this module's interface
    _closest_by_label, closest, coerce_value, parse_bool, parse_date, parse_number, parse_text,
)

# --------------------------------------------------------------------------------------------------
# row types from the dictionary
# --------------------------------------------------------------------------------------------------


def _annotation(f: F.Field):
    """The pydantic annotation of one dictionary field (native types only: validated in Rust)."""
    if f.kind == "text":
        base: Any = str
    elif f.kind in ("number", "percent"):
        base = float
    elif f.kind == "bool":
        base = bool
    elif f.kind == "enum":
        base = Literal[f.allowed]  # type: ignore[valid-type]
    elif f.kind == "unit":
        base = Literal[allowed_units(f.unit_kind)]  # type: ignore[valid-type]
    elif f.kind == "date":
        base = dt.date
    else:  # pragma: no cover - the dictionary is fixed
        raise ValueError(f.kind)
    constraints: dict[str, Any] = {}
    if f.kind in ("number", "percent"):
        # strict: a yes/no value is not a number (lax mode reads True as 1.0); text such as "1,234.5"
        # fails the fast path and is read again by parse_number
        constraints["strict"] = True
    if f.minimum is not None:
        constraints["gt" if f.exclusive_minimum else "ge"] = f.minimum
    if f.maximum is not None:
        constraints["le"] = f.maximum
    if f.kind == "text" and f.required:
        constraints["min_length"] = 1
    ann = Annotated[base, PydField(**constraints)] if constraints else base
    if f.required:
        return ann
    # an absent field takes its default in the validator itself; an explicit null is filled by _complete
    return NotRequired[Annotated[Optional[ann], PydField(default=f.default)]]


# Numbers in text fields are not coerced in the fast path: such rows are read again with
# :func:`parse_text`, which spells an id typed as 1001 in Excel (read as 1001.0) "1001".
# Infinite numbers are refused; NaN (an empty cell) is read as blank by :func:`parse_number`.
_ROW_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


def _row_type(table: F.Table) -> type:
    name = {"organisation": "Organisation", "inflows": "Inflow", "products": "Product", "outflows": "Outflow",
            "water": "Water", "energy": "Energy", "procurement": "ProcurementLine",
            "disclosures": "Disclosure", "segments": "Segment", "resource_act": "ResourceActLine"}.get(table.id) \
        or table.id.title().replace("_", "")
    td = TypedDict(name, {f.id: _annotation(f) for f in table.fields})  # type: ignore[misc]
    td.__doc__ = table.help_en
    return with_config(_ROW_CONFIG)(td)


#: table id -> row type (a TypedDict: validated rows are plain dicts keyed by field id)
ROW_TYPES: dict[str, type] = {t.id: _row_type(t) for t in F.TABLES.values()}
Organisation = ROW_TYPES["organisation"]
Inflow = ROW_TYPES["inflows"]
Product = ROW_TYPES["products"]
Outflow = ROW_TYPES["outflows"]
Water = ROW_TYPES["water"]
Energy = ROW_TYPES["energy"]
ProcurementLine = ROW_TYPES["procurement"]
Disclosure = ROW_TYPES["disclosures"]
Segment = ROW_TYPES["segments"]
ResourceActLine = ROW_TYPES["resource_act"]


class Assessment(BaseModel):
    """One organisation (or business unit, product group, material) over one reporting period.

    Every row is a dict holding every field id of its table, with the dictionary's defaults filled in
    and values as entered (mass with its unit, percentages 0–100)."""

    # built on first validation or dump (validate_assessment constructs it from validated rows): keeps
    # ``import gcpcalc.models`` and a command's start-up fast
    model_config = ConfigDict(extra="forbid", defer_build=True)

    organisation: Organisation  # type: ignore[valid-type]
    inflows: list[Inflow] = []  # type: ignore[valid-type]
    products: list[Product] = []  # type: ignore[valid-type]
    outflows: list[Outflow] = []  # type: ignore[valid-type]
    water: list[Water] = []  # type: ignore[valid-type]
    energy: list[Energy] = []  # type: ignore[valid-type]
    procurement: list[ProcurementLine] = []  # type: ignore[valid-type]
    disclosures: list[Disclosure] = []  # type: ignore[valid-type]
    segments: list[Segment] = []  # type: ignore[valid-type]
    resource_act: list[ResourceActLine] = []  # type: ignore[valid-type]

    def to_json_dict(self) -> dict:
        """The JSON form (dates as ISO text); :func:`validate_assessment` of it gives this assessment back."""
        return self.model_dump(mode="json")

    def table(self, table_id: str) -> list[dict]:
        return [self.organisation] if table_id == "organisation" else getattr(self, table_id)


class _LazyAdapters(dict):
    """table id -> TypeAdapter, built on first use (a table that is empty or valid needs one of them)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, table_id):
        adapter = self[table_id] = TypeAdapter(self._make(ROW_TYPES[table_id]))
        return adapter


_ADAPTERS = _LazyAdapters(lambda td: td)  # one row (the organisation; rows read again after an error)
_LIST_ADAPTERS = _LazyAdapters(lambda td: list[td])  # a whole list table


def _partial_type(table: F.Table) -> type:
    """Every field optional: validates the fields of a failed row that had no error of their own."""
    fields = {f.id: _annotation(replace(f, required=False)) for f in table.fields}
    return with_config(_ROW_CONFIG)(TypedDict(f"Partial_{table.id}", fields))  # type: ignore[misc]


class _PartialAdapters(dict):
    """Built on first use: only inputs with errors need them (keeps ``import gcpcalc.models`` fast)."""

    def __missing__(self, table_id):
        adapter = self[table_id] = TypeAdapter(_partial_type(F.TABLES[table_id]))
        return adapter


_PARTIAL_ADAPTERS = _PartialAdapters()


def _partial_row(table: F.Table, coerced: dict, errors: list[dict]) -> tuple[dict | None, frozenset]:
    """The valid part of a row that failed: fields with an error are None and named in the returned set,
    so that the rules across fields still run on the fields that are valid."""
    bad = frozenset(e["loc"][0] for e in errors if e["loc"] and isinstance(e["loc"][0], str))
    keep = {k: v for k, v in coerced.items() if k in table.field_ids and k not in bad}
    try:
        row = _PARTIAL_ADAPTERS[table.id].validate_python(keep)
    except ValidationError:  # pragma: no cover - the fields passed validation as part of the row
        return None, bad
    for f in table.fields:
        if row.get(f.id) is None:
            row[f.id] = None if (f.required or f.id in bad) else f.default
    return row, bad




# --------------------------------------------------------------------------------------------------
# validation entry point and error translation
# --------------------------------------------------------------------------------------------------

def _translate(err: dict, table: F.Table, row: int | None) -> Message:
    """One pydantic error -> one bilingual :class:`Message`."""
    loc = [p for p in err["loc"] if isinstance(p, str)]
    etype = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    fid = loc[0] if loc else None
    fld = None
    if fid is not None and fid in table.field_ids:
        fld = table.field(fid)

    if etype == "extra_forbidden":
        sugg = closest(fid or "", table.field_ids)
        en, ja = message_texts("unknown_field", value=fid, allowed=", ".join(table.field_ids),
                               suggestion=f" Did you mean '{sugg[0]}'?" if sugg else "",
                               suggestion_ja=f"「{sugg[0]}」ではありませんか？" if sugg else "")
        return Message("unknown_field", ERROR, en, ja, table=table.id, row=row, field=fid, value=fid)
    if etype == "missing" or (fld is not None and fld.required and value is None):
        return _message("missing", table, row, fld, None)
    if etype == "string_too_short" and fld is not None and fld.required:
        return _message("missing", table, row, fld, None)
    if etype == "literal_error" and fld is not None:
        if fld.kind == "unit":
            return _message("unit", table, row, fld, value, allowed=", ".join(allowed_units(fld.unit_kind)))
        sugg = closest(str(value), fld.allowed) or _closest_by_label(str(value), fld.allowed)
        return _message("enum", table, row, fld, value, allowed=", ".join(fld.allowed),
                        allowed_ja=enum_labels_ja(fld.allowed),
                        suggestion=f" Did you mean '{sugg[0]}'?" if sugg else "",
                        suggestion_ja=f"「{enum_label(sugg[0], 'ja')}」ではありませんか？" if sugg else "")
    if etype in ("float_parsing", "float_type", "finite_number"):
        return _message("number", table, row, fld, value)
    if etype in ("greater_than_equal", "greater_than", "less_than_equal"):
        if fld is not None and fld.kind == "percent":
            return _message("percent_range", table, row, fld, value)
        if etype == "greater_than":
            return _message("gt", table, row, fld, value, minimum=_fmt_num(float(ctx.get("gt", 0))))
        if etype == "greater_than_equal":
            return _message("min", table, row, fld, value, minimum=_fmt_num(float(ctx.get("ge", 0))))
        return _message("max", table, row, fld, value, maximum=_fmt_num(float(ctx.get("le", 0))))
    if etype.startswith("bool"):
        return _message("bool", table, row, fld, value)
    if etype.startswith("date") or etype.startswith("datetime"):
        return _message("date", table, row, fld, value)
    if etype == "string_type":
        return _message("text", table, row, fld, value)
    if etype in ("list_type",):
        return _message("not_a_list", table, None, None, value)
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        return _message("not_an_object", table, row, None, value)
    return _message("invalid", table, row, fld, value, detail=err.get("msg", etype))



def _coerce_row(table: F.Table, row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key in table.field_ids:
            value = coerce_value(table.field(key), value)
        out[key] = value
    return out


def _validate_rows(table: F.Table, rows: list) -> tuple[list[dict], list[Message]]:
    """Fast path: the whole list in Rust. Rows that fail are read again with the lenient spellings
    (:func:`coerce_value`); what still fails is reported, every error of every row."""
    adapter = _LIST_ADAPTERS[table.id]
    try:
        return adapter.validate_python(rows), []
    except ValidationError as exc:
        bad = sorted({e["loc"][0] for e in exc.errors(include_url=False) if e["loc"] and isinstance(e["loc"][0], int)})
    row_adapter = _ADAPTERS[table.id]
    out: list = list(rows)
    messages: list[Message] = []
    for idx in bad:
        raw = rows[idx]
        if not isinstance(raw, dict):
            messages.append(_message("not_an_object", table, idx + 1, None, type(raw).__name__))
            out[idx] = None
            continue
        coerced = _coerce_row(table, raw)
        try:
            out[idx] = row_adapter.validate_python(coerced)
        except ValidationError as exc:
            out[idx] = None
            errors = exc.errors(include_url=False)
            messages.extend(_translate(e, table, idx + 1) for e in errors)
            partial, bad_fields = _partial_row(table, coerced, errors)
            if partial is not None:
                messages.extend(_rules(table, [partial], bad_fields, first_row=idx + 1))
    bad_set = set(bad)
    good = [i for i in range(len(rows)) if i not in bad_set]
    if good and len(bad):
        # rows that passed the first time are re-validated as part of the list above only when the
        # list as a whole failed: validate them now so ``out`` holds validated dicts only
        validated = adapter.validate_python([rows[i] for i in good])
        for i, v in zip(good, validated):
            out[i] = v
    return out, messages


def validate_table(table_id: str, rows: Any) -> tuple[list[dict] | None, list[Message]]:
    """Validate one list table; returns (rows or None when any row has an error, messages).

    Rows are 1-based in messages. Every field of every row is checked, then the rules across fields of
    a row and the unique ids across rows.
    """
    table = F.TABLES[table_id]
    if rows is None:
        return [], []
    if not isinstance(rows, list):
        return None, [_message("not_a_list", table, None, None, type(rows).__name__)]
    validated, messages = _validate_rows(table, rows)
    return _check_table(table, rows, validated, messages)



def validate_organisation(record: Any) -> tuple[dict | None, list[Message]]:
    table = F.ORGANISATION
    if record is None:
        return None, [_message("organisation_missing", table, None, None, None)]
    if not isinstance(record, dict):
        return None, [_message("not_an_object", table, None, None, type(record).__name__)]
    try:
        org = _ADAPTERS["organisation"].validate_python(record)
    except ValidationError:
        coerced = _coerce_row(table, record)
        try:
            org = _ADAPTERS["organisation"].validate_python(coerced)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            messages = [_translate(e, table, None) for e in errors]
            partial, bad_fields = _partial_row(table, coerced, errors)
            if partial is not None:
                messages.extend(_rules(table, [partial], bad_fields))
            return None, messages
    return _check_organisation(org)



def validate_assessment(data: Any) -> tuple[Assessment | None, list[Message]]:
    """Validate the JSON form of an assessment.

    Returns the :class:`Assessment` (None when there is any error) and every message: errors of all
    tables and rows at once.
    """
    messages: list[Message] = []
    if not isinstance(data, dict):
        return None, [_message("not_an_object", F.ORGANISATION, None, None, type(data).__name__)]
    for key in data:
        if key not in F.TABLES:
            messages.append(Message("unknown_table", WARNING,
                                    *message_texts("unknown_table", value=key, allowed=", ".join(F.TABLES)),
                                    table=None, value=key))
    org_result = validate_organisation(data.get("organisation"))
    table_results = {tid: validate_table(tid, data.get(tid)) for tid in F.LIST_TABLES}
    assessment, more = assemble_assessment(org_result, table_results)
    return assessment, messages + more


def assemble_assessment(org_result: tuple[dict | None, list[Message]],
                        table_results: dict[str, tuple[list[dict] | None, list[Message]]],
                        ) -> tuple[Assessment | None, list[Message]]:
    """The assessment from the results of :func:`validate_organisation` and :func:`validate_table` of
    every list table (None when any of them failed), with their messages in dictionary order."""
    org, messages = org_result[0], list(org_result[1])
    tables: dict[str, list] = {}
    failed = org is None
    for tid in F.LIST_TABLES:
        rows, msgs = table_results[tid]
        messages.extend(msgs)
        if rows is None:
            failed = True
        else:
            tables[tid] = rows
    if failed:
        return None, messages
    return Assessment.model_construct(organisation=org, **tables), messages


#: below this size a JSON document is read the ordinary way (json + validate_assessment): the fast path's
#: validator is built on first use, which costs more than it saves on a small file
FAST_JSON_MIN_BYTES = 256 * 1024


class _DocumentAdapter:
    """A whole JSON document validated straight from its bytes (parsed and checked in Rust, no
    intermediate Python objects): the fast path of a valid document. Built on first use."""

    adapter: TypeAdapter | None = None

    @classmethod
    def get(cls) -> TypeAdapter:
        if cls.adapter is None:
            fields = {"organisation": ROW_TYPES["organisation"]}
            fields.update({tid: NotRequired[list[ROW_TYPES[tid]]] for tid in F.LIST_TABLES})  # type: ignore[valid-type]
            doc = with_config(ConfigDict(extra="forbid"))(TypedDict("AssessmentDocument", fields))  # type: ignore[misc]
            cls.adapter = TypeAdapter(doc)
        return cls.adapter


def validate_assessment_json(data: bytes, min_bytes: int = FAST_JSON_MIN_BYTES,
                             ) -> tuple[Assessment | None, list[Message]] | None:
    """:func:`validate_assessment` of a UTF-8 JSON document given as bytes, when every field of every
    row is valid as written (the usual case of a large file written by a program); ``None`` otherwise
    (also for documents under ``min_bytes``), and the caller reads it the ordinary way, which gives
    every message. The rules across fields and the unique ids are checked here as there, so the
    result is the same as that of ``validate_assessment(json.loads(data))``."""
    if len(data) < min_bytes:
        return None
    if data[:3] == b"\xef\xbb\xbf":  # the UTF-8 byte order mark, as "utf-8-sig" reads it
        data = data[3:]
    try:
        doc = _DocumentAdapter.get().validate_json(data)
    except (ValidationError, ValueError):
        return None
    org_result = _check_organisation(doc["organisation"])
    table_results = {}
    for tid in F.LIST_TABLES:
        rows = doc.get(tid, [])
        table_results[tid] = _check_table(F.TABLES[tid], rows, rows, [])
    return assemble_assessment(org_result, table_results)


def load_assessment(data: Any) -> Assessment:
    """Validate and return the assessment, or raise :class:`ValidationFailed` carrying every message."""
    assessment, messages = validate_assessment(data)
    if assessment is None:
        raise ValidationFailed(messages)
    return assessment


def load_json_file(path) -> Assessment:
    """Read a JSON assessment file (UTF-8) and validate it."""
    import json
    from pathlib import Path

    with Path(path).open(encoding="utf-8") as fh:
        return load_assessment(json.load(fh))
