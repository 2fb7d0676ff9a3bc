"""Supplier data requests: one small workbook per supplier, and the merge of the answers with provenance.

:func:`request_workbooks` builds, from an assessment, one workbook per ``supplier`` of the inflow lines. A
supplier sees only its own lines (line id, description, material, mass as context) and answers the
recycled pre-/post-consumer, reused, renewable and sustainably sourced shares, the certification scheme,
the origin of the recycled content and an evidence reference, with drop-downs and range checks, in ja or en.
A hidden sheet carries the request (supplier, assessment, period, request id, field of each column).

:func:`merge_answers` reads the returned workbooks and merges them into the assessment. Nothing is
overwritten silently: every changed cell is recorded (file, SHA-256, time received, sheet cell, line, field,
old and new value); two files giving different values for the same line and field are a conflict and
neither is applied; lines without any answer and suppliers without a file are listed; values that are not
valid (a share of 150 %, text in a number cell) are errors with their cell. The caller saves the merged
assessment as a new store revision with the provenance.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import fields as F
from ..i18n import enum_label, id_list
from ..messages import ERROR, INFO, WARNING, Message
from ..models import coerce_value

#: the inflow fields a supplier answers, in column order
ANSWER_FIELDS = ("recycled_preconsumer_pct", "recycled_postconsumer_pct", "reused_pct", "renewable_pct",
                 "sustainably_sourced_pct", "certification_scheme", "recycled_origin", "evidence_ref")
#: context columns (read-only for the supplier)
CONTEXT_FIELDS = ("line_id", "description", "material", "mass", "mass_unit")
ANSWER_SHEET = "answers"
META_SHEET = "gcpcalc_request"

_T = {
    "sheet": ("Answers", "回答"),
    "title": ("Recycled and renewable content of the materials we buy from you",
              "貴社からご購入している材料の再生材・再生可能資源の含有率について"),
    "intro": ("Please fill in the white cells of your lines (one line per material we buy from you) and return this "
              "file. Shares are % of the line's mass. Leave a cell blank if you do not know the value; please give "
              "the document behind your figures (declaration, certificate number) as evidence.",
              "貴社分の行（ご購入材料ごとに1行）の白いセルにご記入のうえ、このファイルをご返送ください。割合は各行の質量に対する%"
              "です。不明な項目は空欄のままで構いません。数値の根拠となる資料（申告書、証明書番号など）を根拠資料番号の欄に"
              "ご記入ください。"),
    "supplier": ("Supplier", "サプライヤー"),
    "requested_by": ("Requested by", "依頼元"),
    "period": ("Reporting period", "報告期間"),
    "request_id": ("Request id", "依頼ID"),
    "pct_error": ("Enter a percentage between 0 and 100.", "0～100 の割合（%）を入力してください。"),
}


def _t(key: str, lang: str) -> str:
    en, ja = _T[key]
    return ja if lang == "ja" else en


def safe_filename(name: str) -> str:
    """A file name for a supplier (letters, digits, kana and kanji kept; the rest becomes '_')."""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    text = re.sub(r"[^\w\-. ]+", "_", text, flags=re.UNICODE).strip(" ._") or "supplier"
    return text[:80]


def suppliers_of(data: dict) -> dict[str, list[dict]]:
    """Inflow lines by supplier (lines without a supplier are left out)."""
    out: dict[str, list[dict]] = {}
    for row in data.get("inflows", []) or []:
        sup = (row.get("supplier") or "").strip() if isinstance(row.get("supplier"), str) else row.get("supplier")
        if sup:
            out.setdefault(str(sup), []).append(row)
    return out


def _request_id(org: dict, supplier: str, lines: list[dict]) -> str:
    key = "|".join([str(org.get("name")), str(org.get("period_end")), supplier, *(str(r["line_id"]) for r in lines)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _display(fld: F.Field, value: Any, lang: str) -> Any:
    if value is None:
        return None
    if fld.kind == "enum" or (fld.kind == "text" and fld.suggested and value in fld.suggested):
        return enum_label(value, lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def request_workbook(data: dict, supplier: str, lang: str = "ja") -> bytes:
    """The request workbook of one supplier (xlsx bytes). ``data`` is the JSON form of the assessment."""
    lines = suppliers_of(data).get(supplier, [])
    org = data.get("organisation", {})
    wb = Workbook()
    ws = wb.active
    ws.title = _t("sheet", lang)
    table = F.INFLOWS
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    head_fill = PatternFill("solid", fgColor="D9E7D3")
    ws["A1"] = _t("title", lang)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _t("intro", lang)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(CONTEXT_FIELDS) + len(ANSWER_FIELDS))
    ws.row_dimensions[2].height = 48
    info = [(_t("supplier", lang), supplier), (_t("requested_by", lang), org.get("name", "")),
            (_t("period", lang), f"{org.get('period_start', '')} – {org.get('period_end', '')}"),
            (_t("request_id", lang), _request_id(org, supplier, lines))]
    for i, (k, v) in enumerate(info, start=3):
        ws.cell(row=i, column=1, value=k).font = bold
        ws.cell(row=i, column=2).value = str(v)
        ws.cell(row=i, column=2).data_type = "s"
    header_row = 8
    cols = CONTEXT_FIELDS + ANSWER_FIELDS
    for c, fid in enumerate(cols, start=1):
        fld = table.field(fid)
        cell = ws.cell(row=header_row, column=c, value=fld.label(lang))
        cell.font = bold
        cell.fill = head_fill if fid in ANSWER_FIELDS else grey
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = 28 if fid in ("description", "evidence_ref") else 16
    ws.row_dimensions[header_row].height = 45
    first = header_row + 1
    for r, line in enumerate(lines, start=first):
        for c, fid in enumerate(cols, start=1):
            fld = table.field(fid)
            value = _display(fld, line.get(fid), lang)
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # text stays text (a value starting with '=' is never a formula)
            else:
                cell.value = value
            if fid in ANSWER_FIELDS:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    last = first + max(len(lines), 1) - 1
    for c, fid in enumerate(cols, start=1):
        if fid not in ANSWER_FIELDS:
            continue
        fld = table.field(fid)
        rng = f"{get_column_letter(c)}{first}:{get_column_letter(c)}{last}"
        if fld.kind == "percent":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                                showErrorMessage=True, error=_t("pct_error", lang))
        elif fld.kind == "enum" or fld.suggested:
            values = [enum_label(v, lang) for v in (fld.allowed or fld.suggested)]
            dv = DataValidation(type="list", formula1='"' + ",".join(v.replace(",", " ") for v in values) + '"',
                                allow_blank=True)
            if fld.kind == "text":
                dv.errorStyle = "information"
                dv.showErrorMessage = False
        else:
            continue
        dv.add(rng)
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=first, column=2)
    ws.protection.sheet = True  # context columns locked; answers unlocked (no password: a guard, not security)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta_rows = [("kind", "gcpcalc supplier request"), ("version", "1"), ("supplier", supplier),
                 ("organisation", str(org.get("name", ""))), ("period_end", str(org.get("period_end", ""))),
                 ("request_id", _request_id(org, supplier, lines)), ("lang", lang), ("header_row", str(header_row)),
                 ("columns", ",".join(cols))]
    import json

    # the values as requested: a cell left as it was is a confirmation, not an answer that changes anything
    meta_rows += [(f"requested:{line['line_id']}", json.dumps({f: _plain(line.get(f)) for f in ANSWER_FIELDS},
                                                             ensure_ascii=False)) for line in lines]
    for i, (k, v) in enumerate(meta_rows, start=1):
        meta.cell(row=i, column=1, value=k).data_type = "s"
        c = meta.cell(row=i, column=2, value=v)
        c.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def request_workbooks(data: dict, lang: str = "ja") -> tuple[dict[str, bytes], list[Message]]:
    """One request workbook per supplier: {supplier: xlsx bytes}, and a message naming lines without a supplier."""
    out = {sup: request_workbook(data, sup, lang) for sup in suppliers_of(data)}
    missing = [str(r.get("line_id")) for r in data.get("inflows", []) or [] if not r.get("supplier")]
    msgs = []
    if missing:
        msgs.append(Message("supplier_missing", INFO,
                            f"{len(missing)} inflow line(s) name no supplier and are not in any request: "
                            f"{id_list(missing, 'en')}.",
                            f"サプライヤーが未記入のインフロー {len(missing)} 行は依頼に含めていません："
                            f"{id_list(missing, 'ja')}。",
                            table="inflows", field="supplier"))
    return out, msgs


# --------------------------------------------------------------------------------------------------
# merge
# --------------------------------------------------------------------------------------------------
@dataclass
class Change:
    """One cell of an answer that changes the assessment."""

    file: str
    sha256: str
    cell: str
    supplier: str
    line_id: str
    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict:
        return {"file": self.file, "sha256": self.sha256, "cell": self.cell, "supplier": self.supplier,
                "line_id": self.line_id, "field": self.field, "old": _plain(self.old), "new": _plain(self.new)}


@dataclass
class MergeResult:
    data: dict | None  # the merged JSON form (None when nothing could be merged)
    changes: list[Change] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    missing_lines: list[tuple[str, str]] = field(default_factory=list)  # (supplier, line_id) without answers
    missing_suppliers: list[str] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # name, sha256, received_at, supplier, request_id
    messages: list[Message] = field(default_factory=list)

    def provenance(self) -> dict:
        return {"files": self.files, "changes": [c.to_dict() for c in self.changes], "conflicts": self.conflicts,
                "missing_lines": [list(x) for x in self.missing_lines], "missing_suppliers": self.missing_suppliers}

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(m.severity == ERROR for m in self.messages)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def _read_answer(data: bytes, name: str) -> tuple[dict | None, list[tuple[str, int, dict[str, Any]]], list[Message]]:
    """(meta, [(line_id, excel row, {field: raw value})], messages) of one answer workbook.

    An answer comes from outside: it first passes the intake's size budget and an isolated parse
    (:mod:`gcpcalc.intake`), so a hostile file is refused with a message before openpyxl reads it."""
    from ..intake.tables import read_first_sheet

    values, refused = read_first_sheet(data, name)
    if refused is not None and refused.severity == ERROR:
        return None, [], [refused]
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is a message naming it, never a traceback
        return None, [], [Message("supplier_answer_unreadable", ERROR,
                                  f"{name}: not a readable Excel workbook (.xlsx); nothing was taken from it.",
                                  f"{name}：読み込めるExcelブック（.xlsx）ではないため、内容を取り込んでいません。", value=name)]
    if META_SHEET not in wb.sheetnames:
        return None, [], [Message("supplier_answer_not_request", ERROR,
                                  f"{name}: not a supplier request of this calculator (the sheet '{META_SHEET}' is "
                                  "missing); nothing was taken from it.",
                                  f"{name}：このツールで作成したサプライヤー依頼ファイルではありません（シート「{META_SHEET}」が"
                                  "ありません）。内容を取り込んでいません。", value=name)]
    meta = {str(r[0]): ("" if r[1] is None else str(r[1])) for r in wb[META_SHEET].iter_rows(max_col=2, values_only=True)
            if r and r[0] is not None}
    cols = meta.get("columns", "").split(",")
    header_row = int(meta.get("header_row", "8") or 8)
    ws = wb.worksheets[0]
    rows = []
    for i, values in enumerate(ws.iter_rows(min_row=header_row + 1, max_col=len(cols), values_only=True),
                               start=header_row + 1):
        rec = dict(zip(cols, values))
        lid = rec.get("line_id")
        if lid is None or str(lid).strip() == "":
            continue
        rows.append((str(lid).strip(), i, {f: rec.get(f) for f in ANSWER_FIELDS}))
    return meta, rows, []


def _requested(meta: dict, line_id: str) -> dict:
    import json

    try:
        return json.loads(meta.get(f"requested:{line_id}", "{}"))
    except ValueError:
        return {}


def _coerce(fid: str, raw: Any, lang: str) -> tuple[Any, bool]:
    """(value, ok) of an answer cell: labels mapped back to values, numbers checked."""
    fld = F.INFLOWS.field(fid)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, True
    if fld.kind == "enum" or (fld.kind == "text" and fld.suggested):
        text = str(raw).strip()
        for v in (fld.allowed or fld.suggested):
            if text in (v, enum_label(v, "ja"), enum_label(v, "en")):
                return v, True
        return (text, True) if fld.kind == "text" else (text, False)
    value = coerce_value(fld, raw)
    if fld.kind == "percent":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= float(value) <= 100:
            return raw, False
        return float(value), True
    return (str(value).strip() if value is not None else None), True


def merge_answers(data: dict, answers: list[tuple[str, bytes]], received_at: dt.datetime | None = None,
                  lang: str = "ja") -> MergeResult:
    """Merge supplier answer workbooks ``[(file name, bytes)]`` into the JSON-form assessment ``data``."""
    import copy

    received = (received_at or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
    merged = copy.deepcopy(data)
    by_id = {str(r.get("line_id")): r for r in merged.get("inflows", []) or []}
    requested = suppliers_of(data)
    res = MergeResult(None)
    proposals: dict[tuple[str, str], list[tuple[Any, Change]]] = {}
    answered_lines: set[str] = set()
    answered_suppliers: set[str] = set()
    for name, blob in answers:
        sha = hashlib.sha256(blob).hexdigest()
        meta, rows, msgs = _read_answer(blob, name)
        res.messages.extend(msgs)
        if meta is None:
            continue
        supplier = meta.get("supplier", "")
        sheet = load_sheet_name(blob)
        res.files.append({"name": name, "sha256": sha, "received_at": received, "supplier": supplier,
                          "request_id": meta.get("request_id", "")})
        if meta.get("organisation") != str(data.get("organisation", {}).get("name", "")) or \
                meta.get("period_end") != str(data.get("organisation", {}).get("period_end", "")):
            res.messages.append(Message(
                "supplier_answer_other_assessment", ERROR,
                f"{name}: the request was made for '{meta.get('organisation')}' ending {meta.get('period_end')}, not "
                "for this assessment; nothing was taken from it.",
                f"{name}：この依頼は「{meta.get('organisation')}」（期末 {meta.get('period_end')}）向けで、この評価データの"
                "ものではありません。内容を取り込んでいません。", value=name))
            continue
        answered_suppliers.add(supplier)
        cols = meta.get("columns", "").split(",")
        for lid, excel_row, values in rows:
            line = by_id.get(lid)
            if line is None or str(line.get("supplier") or "") != supplier:
                res.messages.append(Message(
                    "supplier_answer_unknown_line", ERROR,
                    f"{name} {sheet}!A{excel_row}: line '{lid}' is not one of {supplier}'s lines in this assessment; "
                    "the row was not taken.",
                    f"{name} {sheet}!A{excel_row}：行「{lid}」はこの評価データの {supplier} の行ではないため、取り込んでいません。",
                    value=lid))
                continue
            any_answer = False
            asked = _requested(meta, lid)
            for fid, raw in values.items():
                cell = f"{sheet}!{get_column_letter(cols.index(fid) + 1)}{excel_row}"
                value, ok = _coerce(fid, raw, lang)
                if not ok:
                    fld = F.INFLOWS.field(fid)
                    res.messages.append(Message(
                        "supplier_answer_invalid", ERROR,
                        f"{name} {cell}: {fld.label_en} '{raw}' is not valid"
                        + (" (a percentage between 0 and 100 is expected)" if fld.kind == "percent" else
                           f" (allowed: {', '.join(fld.allowed)})") + "; the cell was not taken.",
                        f"{name} {cell}：{fld.label_ja}「{raw}」は無効です"
                        + ("（0～100 の割合を入力してください）" if fld.kind == "percent" else
                           f"（使用可能な値：{'、'.join(enum_label(v, 'ja') for v in fld.allowed)}）") + "。このセルは取り込んでいません。",
                        table="inflows", field=fid, value=_plain(raw), location=f"{name} {cell}"))
                    continue
                if value is None or (fid in asked and _same(asked[fid], value)):
                    continue  # blank, or left as requested: a confirmation, nothing to change
                any_answer = True
                old = line.get(fid)
                proposals.setdefault((lid, fid), []).append(
                    (value, Change(name, sha, cell, supplier, lid, fid, old, value)))
            if any_answer:
                answered_lines.add(lid)
    # conflicts: two files, different values for one cell -> neither applied
    for (lid, fid), props in proposals.items():
        distinct = {repr(v) for v, _ in props}
        if len(distinct) > 1:
            res.conflicts.append({"line_id": lid, "field": fid,
                                  "values": [{"file": c.file, "cell": c.cell, "value": _plain(v)} for v, c in props]})
            listing = "; ".join(f"{c.file} {c.cell} = {v}" for v, c in props)
            res.messages.append(Message(
                "supplier_answer_conflict", WARNING,
                f"Line {lid}, {F.INFLOWS.field(fid).label_en}: the answers differ ({listing}); the value in the "
                "assessment was kept. Resolve the conflict with the suppliers and merge again.",
                f"行 {lid}、{F.INFLOWS.field(fid).label_ja}：回答が一致しません（{listing}）。評価データの値はそのままです。"
                "サプライヤーに確認のうえ、再度取り込んでください。", table="inflows", field=fid, value=lid))
            continue
        value, change = props[0]
        if by_id[lid].get(fid) != value:
            by_id[lid][fid] = value
            res.changes.append(change)
    for sup, lines in requested.items():
        if sup not in answered_suppliers:
            res.missing_suppliers.append(sup)
            continue
        for line in lines:
            if str(line["line_id"]) not in answered_lines:
                res.missing_lines.append((sup, str(line["line_id"])))
    if res.missing_suppliers:
        res.messages.append(Message(
            "supplier_no_answer", WARNING,
            f"No answer file from: {', '.join(res.missing_suppliers)}.",
            f"回答ファイルが届いていないサプライヤー：{'、'.join(res.missing_suppliers)}。", table="inflows",
            field="supplier"))
    if res.missing_lines:
        shown = id_list([f"{s}: {lid}" for s, lid in res.missing_lines], "en")
        shown_ja = id_list([f"{s}：{lid}" for s, lid in res.missing_lines], "ja")
        res.messages.append(Message(
            "supplier_line_unanswered", WARNING,
            f"{len(res.missing_lines)} requested line(s) came back unchanged (the values as requested, or no answer): "
            f"{shown}.",
            f"依頼時の値のまま（確認済み、または未回答）で返送された行が {len(res.missing_lines)} 行あります：{shown_ja}。",
            table="inflows"))
    res.messages.append(Message(
        "supplier_merge_summary", INFO,
        f"{len(res.files)} answer file(s) read; {len(res.changes)} cell(s) changed; {len(res.conflicts)} conflict(s).",
        f"回答ファイル {len(res.files)} 件を読み込み、{len(res.changes)} セルを更新しました。不一致は {len(res.conflicts)} 件です。"))
    res.data = merged
    return res


def load_sheet_name(blob: bytes) -> str:
    """The name of the answer sheet (first sheet) of a request workbook."""
    try:
        wb = load_workbook(io.BytesIO(blob), read_only=True)
        return wb.sheetnames[0]
    except Exception:  # noqa: BLE001
        return ANSWER_SHEET
