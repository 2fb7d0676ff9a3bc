"""What changed between two revisions: lines added, removed and changed, per table, field by field.

Lines are matched by their id (``line_id``, ``product_id``); a table without a unique id (procurement)
matches lines by their required text fields and their order among equal keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import fields as F


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass
class LineChange:
    key: str
    changes: list[FieldChange]

    def to_dict(self) -> dict:
        return {"key": self.key, "changes": [c.to_dict() for c in self.changes]}


@dataclass
class TableDiff:
    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict:
        return {"added": self.added, "removed": self.removed, "changed": [c.to_dict() for c in self.changed]}


@dataclass
class AssessmentDiff:
    organisation: list[FieldChange]
    tables: dict[str, TableDiff]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": sum(len(t.added) for t in self.tables.values()),
            "removed": sum(len(t.removed) for t in self.tables.values()),
            "changed": sum(len(t.changed) for t in self.tables.values()) + (1 if self.organisation else 0),
        }

    @property
    def empty(self) -> bool:
        return not self.organisation and all(t.empty for t in self.tables.values())

    def to_dict(self) -> dict:
        return {"counts": self.counts, "organisation": [c.to_dict() for c in self.organisation],
                "tables": {k: t.to_dict() for k, t in self.tables.items() if not t.empty}}

    def lines(self, lang: str = "en") -> list[str]:
        """The diff as readable lines: ``+ inflows IN-3``, ``- outflows OUT-2``, ``~ inflows IN-1: mass 10 → 12``."""
        out: list[str] = []
        org = F.TABLES["organisation"]
        for c in self.organisation:
            out.append(f"~ {org.label(lang)}: {org.field(c.field).label(lang)} {_fmt(c.old)} → {_fmt(c.new)}")
        for tid, t in self.tables.items():
            table = F.TABLES[tid]
            for k in t.added:
                out.append(f"+ {table.label(lang)} {k}")
            for k in t.removed:
                out.append(f"- {table.label(lang)} {k}")
            for lc in t.changed:
                parts = ", ".join(f"{table.field(c.field).label(lang)} {_fmt(c.old)} → {_fmt(c.new)}" for c in lc.changes)
                out.append(f"~ {table.label(lang)} {lc.key}: {parts}")
        return out


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _key_fields(table: F.Table) -> list[str]:
    if table.key_field:
        return [table.key_field]
    return [f.id for f in table.fields if f.required and f.kind == "text"]


def _keyed(table: F.Table, rows: list[dict]) -> dict[str, dict]:
    keys = _key_fields(table)
    out: dict[str, dict] = {}
    seen: dict[str, int] = {}
    for row in rows or []:
        base = " / ".join(str(row.get(k)) for k in keys) if keys else "#"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out[base if n == 1 else f"{base} #{n}"] = row
    return out


def _changes(fields: tuple[str, ...], old: dict, new: dict) -> list[FieldChange]:
    return [FieldChange(f, old.get(f), new.get(f)) for f in fields if old.get(f) != new.get(f)]


def diff_assessments(old: dict, new: dict) -> AssessmentDiff:
    """Compare two JSON forms of an assessment (as saved: every field present)."""
    org = F.TABLES["organisation"]
    org_changes = _changes(org.field_ids, old.get("organisation") or {}, new.get("organisation") or {})
    tables: dict[str, TableDiff] = {}
    for tid in F.LIST_TABLES:
        table = F.TABLES[tid]
        a, b = _keyed(table, old.get(tid) or []), _keyed(table, new.get(tid) or [])
        td = TableDiff(tid)
        td.added = [k for k in b if k not in a]
        td.removed = [k for k in a if k not in b]
        for k in a:
            if k in b:
                ch = _changes(table.field_ids, a[k], b[k])
                if ch:
                    td.changed.append(LineChange(k, ch))
        tables[tid] = td
    return AssessmentDiff(org_changes, tables)
