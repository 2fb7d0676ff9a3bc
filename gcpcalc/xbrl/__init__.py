"""Machine-readable disclosure: ESRS E5 (E5-4, E5-5) and VSME B7 as inline XBRL and xBRL-JSON.

Reads an assessment's :class:`~gcpcalc.indicators.base.Results` (it never computes an indicator), builds the
facts (:mod:`.facts`), writes them (:mod:`.writers`) and validates the file (:mod:`.validate`: the project's
own checks always, Arelle against the user's taxonomy package when one is given). :func:`export` does all of
it and returns the bytes, the facts, what was left out and every message.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import ERROR, Message
from .concepts import ESRS, STANDARDS, VSME
from .facts import DEFAULT_EVIDENCE, Report, build_report
from .validate import ArelleResult, check_report, validate_with_arelle
from .writers import to_ixbrl, to_oim_json_text

FORMATS = ("ixbrl", "json")
SUFFIX = {"ixbrl": ".xhtml", "json": ".json"}
_SUFFIXES = {"ixbrl": (".xhtml", ".html", ".htm"), "json": (".json",)}
MIME = {"ixbrl": "application/xhtml+xml", "json": "application/json"}

__all__ = ["ESRS", "VSME", "STANDARDS", "FORMATS", "Export", "export", "build_report", "to_ixbrl",
           "to_oim_json_text", "validate_with_arelle", "check_report"]


@dataclass
class Export:
    """The exported document and everything the validation summary shows."""

    data: bytes
    report: Report
    fmt: str
    messages: list[Message] = field(default_factory=list)
    arelle: ArelleResult | None = None

    @property
    def ok(self) -> bool:
        return bool(self.data) and not any(m.severity == ERROR for m in self.messages)


def render(report: Report, fmt: str, lang: str = "en") -> bytes:
    if fmt == "ixbrl":
        return to_ixbrl(report, lang).encode("utf-8")
    if fmt == "json":
        return to_oim_json_text(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def export(assessment, results, standard: str, fmt: str, *, lang: str = "en", entity_scheme: str | None = None,
           entity_id: str | None = None, taxonomy: list[str | Path] | None = None,
           evidence: tuple[str, ...] = DEFAULT_EVIDENCE, file_name: str | None = None) -> Export:
    """Build, write and validate one export. With ``taxonomy`` (package zips), Arelle validates the file
    offline against them; without, only the project's own checks run. ``file_name`` names the file in
    Arelle's messages (default ``report.xhtml`` / ``report.json``)."""
    report = build_report(assessment, results, standard, entity_scheme=entity_scheme, entity_id=entity_id,
                          evidence=evidence, lang=lang)
    messages = list(report.messages)
    if not report.ok:
        return Export(b"", report, fmt, messages)
    data = render(report, fmt, lang)
    messages += check_report(report)
    arelle = None
    if taxonomy:
        with tempfile.TemporaryDirectory(prefix="gcpcalc-xbrl-") as tmp:
            name = Path(file_name or "").name
            if Path(name).suffix.lower() not in _SUFFIXES[fmt]:
                name = f"report{SUFFIX[fmt]}"
            path = Path(tmp) / name
            path.write_bytes(data)
            arelle = validate_with_arelle(path, list(taxonomy))
        messages += arelle.messages
    return Export(data, report, fmt, messages, arelle)
