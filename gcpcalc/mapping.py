"""Imports from other systems (an ERP material ledger, an electronic-manifest export such as JWNET) through a
column mapping the user builds once and saves by name.

A :class:`Mapping` says, for one target table (inflows or outflows): which source column holds each field
(``columns``), fixed values for fields the file does not have (``constants``), and how code values map to
the field's values (``codes``: e.g. 処分方法 ``破砕・選別`` → ``recycling``; 特管 ``○`` → ``true``). Imported rows
keep their source row number (``source`` = ``<file> 行 <n>`` / ``<file> row <n>``) for the trace. A code that
the mapping does not map is an error listing the code and the rows where it occurs — never a guess. The
rows then go through the normal validation, whose messages are translated back to the source rows.

Files: CSV (UTF-8 with or without BOM, or Shift_JIS / CP932 as Japanese systems export) or the first sheet
of an .xlsx workbook.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from . import fields as F
from .i18n import id_list
from .messages import ERROR, INFO, Message

TARGET_TABLES = ("inflows", "outflows")


@dataclass
class Mapping:
    name: str
    table: str
    columns: dict[str, str] = field(default_factory=dict)  # field id -> source column header
    constants: dict[str, Any] = field(default_factory=dict)  # field id -> value for every row
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)  # field id -> {source code -> value}
    line_id_prefix: str = ""  # when no column gives the line id: <prefix><row number>

    def to_dict(self) -> dict:
        return {"name": self.name, "table": self.table, "columns": self.columns, "constants": self.constants,
                "codes": self.codes, "line_id_prefix": self.line_id_prefix}

    @classmethod
    def from_dict(cls, d: dict) -> "Mapping":
        return cls(str(d.get("name", "")), str(d.get("table", "")), dict(d.get("columns") or {}),
                   dict(d.get("constants") or {}), {k: dict(v) for k, v in (d.get("codes") or {}).items()},
                   str(d.get("line_id_prefix", "")))

    def check(self) -> list[Message]:
        """Problems of the mapping itself (unknown table or field ids)."""
        out = []
        if self.table not in TARGET_TABLES:
            out.append(Message("mapping_table", ERROR, f"Mapping '{self.name}': target table '{self.table}' is not one "
                               f"of {', '.join(TARGET_TABLES)}.",
                               f"取込設定「{self.name}」：取込先の表「{self.table}」は使用できません（inflows または outflows）。",
                               value=self.table))
            return out
        ids = F.TABLES[self.table].field_ids
        for part in (self.columns, self.constants, self.codes):
            for fid in part:
                if fid not in ids:
                    out.append(Message("mapping_field", ERROR, f"Mapping '{self.name}': '{fid}' is not a field of "
                                       f"{self.table}.", f"取込設定「{self.name}」：「{fid}」は {self.table} の項目ではありません。",
                                       value=fid))
        return out


def read_table_file(data: bytes, name: str) -> tuple[list[str], list[list[Any]], list[Message]]:
    """(headers, rows, messages) of a CSV or the first sheet of an .xlsx file."""
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")) or data[:2] == b"PK":
        from .intake.tables import read_first_sheet  # parsed in an isolated child after the size budget

        values, refused = read_first_sheet(data, name)
        if refused is not None and refused.code.startswith(("intake_", "xlsx_far", "xlsx_dim", "xlsx_too",
                                                           "xlsx_long", "xlsx_part", "xlsx_cell", "xlsx_bomb")):
            return [], [], [refused]
        if values is None:
            return [], [], [Message("mapping_file_unreadable", ERROR, f"{name}: the workbook cannot be read.",
                                    f"{name}：ブックを読み込めません。", value=name)]
        if not values:
            return [], [], [Message("mapping_file_empty", ERROR, f"{name}: the first sheet is empty.",
                                    f"{name}：最初のシートが空です。", value=name)]
        return [str(h).strip() for h in values[0]], [list(r) for r in values[1:]], []
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        return [], [], [Message("mapping_file_encoding", ERROR, f"{name}: not UTF-8 or Shift_JIS text.",
                                f"{name}：UTF-8 または Shift_JIS のテキストではありません。", value=name)]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return [], [], [Message("mapping_file_empty", ERROR, f"{name}: the file is empty.", f"{name}：ファイルが空です。",
                                value=name)]
    return [h.strip() for h in rows[0]], rows[1:], []


def distinct_codes(headers: list[str], rows: list[list[Any]], column: str) -> list[str]:
    """The distinct values of a source column, in first-seen order (for building the code map)."""
    if column not in headers:
        return []
    i = headers.index(column)
    seen: dict[str, None] = {}
    for r in rows:
        v = r[i] if i < len(r) else None
        if v is not None and str(v).strip() != "":
            seen.setdefault(str(v).strip(), None)
    return list(seen)


@dataclass
class ImportResult:
    rows: list[dict]
    source_rows: list[int]  # the file's row number (header = 1) of each imported row
    messages: list[Message]

    @property
    def ok(self) -> bool:
        return not any(m.severity == ERROR for m in self.messages)


def apply_mapping(mapping: Mapping, headers: list[str], rows: list[list[Any]], file_name: str,
                  lang: str = "ja") -> ImportResult:
    """The target-table rows of a source file under ``mapping`` (validated later by the models)."""
    msgs = mapping.check()
    if msgs:
        return ImportResult([], [], msgs)
    for fid, col in mapping.columns.items():
        if col not in headers:
            msgs.append(Message("mapping_column_missing", ERROR,
                                f"{file_name}: column '{col}' (mapped to {fid}) is not in the file. Columns: "
                                f"{', '.join(headers)}.",
                                f"{file_name}：列「{col}」（{fid} に対応）がファイルにありません。列：{'、'.join(headers)}。",
                                field=fid, value=col))
    if msgs:
        return ImportResult([], [], msgs)
    index = {fid: headers.index(col) for fid, col in mapping.columns.items()}
    out, src = [], []
    unmapped: dict[tuple[str, str], list[int]] = {}
    for n, raw in enumerate(rows, start=2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        row: dict[str, Any] = dict(mapping.constants)
        for fid, i in index.items():
            v = raw[i] if i < len(raw) else None
            if isinstance(v, str):
                v = v.strip()
            if v is None or v == "":
                continue
            if fid in mapping.codes:
                code = str(v)
                if code not in mapping.codes[fid]:
                    unmapped.setdefault((fid, code), []).append(n)
                    continue
                v = mapping.codes[fid][code]
            row[fid] = v
        key = F.TABLES[mapping.table].key_field
        if key and key not in row:
            row[key] = f"{mapping.line_id_prefix or mapping.table[:3].upper() + '-'}{n}"
        where = f"{file_name} 行 {n}" if lang == "ja" else f"{file_name} row {n}"
        row["source"] = f"{row['source']} ({where})" if row.get("source") else where
        out.append(row)
        src.append(n)
    for (fid, code), lines in unmapped.items():
        label = F.TABLES[mapping.table].field(fid)
        msgs.append(Message("mapping_code_unmapped", ERROR,
                            f"{file_name}: the code '{code}' of column '{mapping.columns[fid]}' ({label.label_en}) is not "
                            f"mapped (rows {id_list(lines, 'en')}). Add it to the mapping; codes are never guessed.",
                            f"{file_name}：列「{mapping.columns[fid]}」（{label.label_ja}）のコード「{code}」の対応が設定されて"
                            f"いません（行 {id_list(lines, 'ja')}）。取込設定に追加してください（コードを推測することはありません）。",
                            table=mapping.table, field=fid, value=code))
    msgs.append(Message("mapping_imported", INFO, f"{file_name}: {len(out)} row(s) read for {F.TABLES[mapping.table].label_en}.",
                        f"{file_name}：{F.TABLES[mapping.table].label_ja}に {len(out)} 行を読み込みました。"))
    return ImportResult(out, src, msgs)


def import_into(data: dict, mapping: Mapping, file_bytes: bytes, file_name: str, lang: str = "ja",
                replace: bool = False) -> tuple[dict | None, list[Message]]:
    """The assessment ``data`` with the mapped rows of the file added to (or replacing) the target table,
    validated; messages of the validation name the source rows."""
    import copy

    from .models import validate_assessment

    headers, rows, msgs = read_table_file(file_bytes, file_name)
    if msgs:
        return None, msgs
    res = apply_mapping(mapping, headers, rows, file_name, lang)
    if not res.ok:
        return None, res.messages
    out = copy.deepcopy(data)
    existing = [] if replace else list(out.get(mapping.table) or [])
    out[mapping.table] = existing + res.rows
    assessment, vmsgs = validate_assessment(out)
    offset = len(existing)
    translated = []
    for m in vmsgs:
        if m.table == mapping.table and m.row is not None and m.row > offset:
            n = res.source_rows[m.row - offset - 1]
            where = f"{file_name} 行 {n}" if lang == "ja" else f"{file_name} row {n}"
            m = Message(m.code, m.severity, f"{file_name} row {n}: {m.message_en}", f"{file_name} 行 {n}：{m.message_ja}",
                        table=m.table, row=m.row, field=m.field, value=m.value, location=where)
        translated.append(m)
    if assessment is None:
        return None, res.messages + translated
    return assessment.to_json_dict(), res.messages + translated
