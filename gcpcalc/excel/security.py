"""Checks an uploaded workbook passes before anything parses it.

Refused, each with a bilingual message: a file that is not an xlsx (legacy .xls, CSV, anything not a zip
with a workbook part), a macro-enabled workbook (.xlsm, ``vbaProject.bin``, a macro content type), a
password-encrypted workbook (an OLE container holding ``EncryptedPackage``), a file or a decompressed
content over the limits, a member compressed beyond a plausible ratio (zip bomb), more rows than allowed,
and any XML part carrying a document type declaration (entity expansion, "billion laughs").

Decompression is capped: every part the importer parses is read here through :mod:`zipfile`, which
stops at the declared size and checks the CRC, so a member that lies about its size is refused and the
declared sizes bound what any later reader decompresses. The small XML parts read for structure
(workbook, styles, relationships) are parsed with :mod:`defusedxml`.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET

from ..i18n import message_texts
from ..messages import ERROR, Message

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


@dataclass(frozen=True)
class Limits:
    """Limits an uploaded workbook must respect (all adjustable per call)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 300.0  # per member over 1 MiB: uncompressed / compressed
    max_rows: int = 250_000  # per sheet
    max_members: int = 5_000
    # the size budget checked before parsing (gcpcalc.intake.budget)
    max_part_bytes: int = 400 * 1024 * 1024  # one parsed XML part, decompressed
    max_columns: int = 1024  # a cell beyond column AMJ is far outside any table
    max_sheet_cells: int = 12_000_000  # cells of one sheet's used range
    # the child process that parses (gcpcalc.intake.isolate)
    max_memory_bytes: int = 1024 * 1024 * 1024  # address space of the child (RLIMIT_AS)
    max_seconds: float = 60.0  # CPU time of the child (RLIMIT_CPU)
    max_wall_seconds: float = 180.0  # wall time of the child (a busy machine may need more than the CPU time)


DEFAULT_LIMITS = Limits()


class Refused(Exception):
    """The workbook is refused; carries the message to show."""

    def __init__(self, message: Message):
        super().__init__(message.message_en)
        self.message = message


def refusal(code: str, name: str, **kw) -> Message:
    en, ja = message_texts(code, file=name, **kw)
    return Message(code, ERROR, en, ja, location=name, value=kw.get("value"))


class Package:
    """A zip package that passed the checks: read parts with a cap, parse small XML parts safely."""

    def __init__(self, data: bytes, name: str, limits: Limits = DEFAULT_LIMITS):
        self.name = name
        self.limits = limits
        check_container(data, name, limits)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except Exception:  # BadZipFile, OSError, ValueError, zlib.error, ...: not a readable zip
            raise Refused(refusal("xlsx_not_zip", name, value="")) from None
        if len(infos) > limits.max_members:
            raise Refused(refusal("xlsx_too_large", name, value=f"{len(infos)} parts"))
        self.infos = {i.filename: i for i in infos}
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise Refused(refusal("xlsx_bomb", name, value=info.filename))
        if total > limits.max_uncompressed_bytes:
            raise Refused(refusal("xlsx_bomb", name, value=f"{total} bytes"))
        names = set(self.infos)
        if "xl/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise Refused(refusal("xlsx_macro", name))
        ctypes = self.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if b"macroEnabled" in ctypes:
            raise Refused(refusal("xlsx_macro", name))
        if "xl/workbook.xml" not in names:
            raise Refused(refusal("xlsx_not_workbook", name))

    def read(self, part: str) -> bytes:
        """The decompressed bytes of ``part`` (capped by its checked declared size; CRC verified)."""
        info = self.infos.get(part)
        if info is None:
            return b""
        try:
            with self.zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except Exception:
            # RuntimeError: an encrypted zip member; BadZipFile: a CRC or size mismatch (a lying header);
            # zlib.error: damaged compressed data; any other: a damaged member (no library text is shown)
            raise Refused(refusal("xlsx_corrupt", self.name, value=part)) from None
        if len(data) > info.file_size:
            raise Refused(refusal("xlsx_bomb", self.name, value=part))
        head = data[:4096]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise Refused(refusal("xlsx_dtd", self.name, value=part))
        return data

    def xml(self, part: str):
        data = self.read(part)
        if not data:
            return None
        try:
            return SafeET.fromstring(data)
        except Exception:  # defusedxml refusals and parse errors alike (no library text is shown)
            raise Refused(refusal("xlsx_corrupt", self.name, value=part)) from None

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> part path (``xl/worksheets/sheet1.xml``), in workbook order."""
        wb = self.xml("xl/workbook.xml")
        rels = self.xml("xl/_rels/workbook.xml.rels")
        targets = {}
        if rels is not None:
            for rel in rels.findall("rel:Relationship", NS):
                target = rel.get("Target", "")
                if target.startswith("/"):
                    target = target[1:]
                elif not target.startswith("xl/"):
                    target = "xl/" + target
                targets[rel.get("Id")] = target
        out: dict[str, str] = {}
        sheets = wb.find("m:sheets", NS) if wb is not None else None
        for sh in (sheets if sheets is not None else []):
            rid = sh.get(f"{{{NS['r']}}}id")
            if sh.get("name"):
                out[sh.get("name")] = targets.get(rid, "")
        return out

    def defined_names(self) -> dict[str, str]:
        wb = self.xml("xl/workbook.xml")
        names = wb.find("m:definedNames", NS) if wb is not None else None
        return {dn.get("name"): (dn.text or "") for dn in (names if names is not None else [])
                if dn.get("localSheetId") is None}

    def percent_styles(self) -> set[int]:
        """Indices of cell styles whose number format shows a percentage."""
        st = self.xml("xl/styles.xml")
        if st is None:
            return set()
        custom = {}
        fmts = st.find("m:numFmts", NS)
        for nf in (fmts if fmts is not None else []):
            code = re.sub(r'"[^"]*"|\\.', "", nf.get("formatCode", ""))
            try:
                custom[int(nf.get("numFmtId", "-1"))] = "%" in code
            except ValueError:
                continue
        xfs = st.find("m:cellXfs", NS)
        out = set()
        for i, xf in enumerate(xfs if xfs is not None else []):
            try:
                fid = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            if fid in (9, 10) or custom.get(fid, False):
                out.add(i)
        return out


def check_container(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse what is not an xlsx before opening it as a zip."""
    if len(data) > limits.max_file_bytes:
        raise Refused(refusal("xlsx_too_large", name, value=f"{len(data)} bytes"))
    lower = name.lower()
    if lower.endswith((".xlsm", ".xltm", ".xlam")):
        raise Refused(refusal("xlsx_macro", name))
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            raise Refused(refusal("xlsx_encrypted", name))
        raise Refused(refusal("xlsx_legacy", name))
    if not data.startswith(b"PK\x03\x04"):
        raise Refused(refusal("xlsx_not_zip", name, value=""))
