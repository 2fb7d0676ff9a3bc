"""Reading an input file of any supported kind into an assessment and its messages.

JSON (the data dictionary's JSON form) and Excel workbooks (the input template) are accepted. The
result always carries every message; an exception never reaches the user.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import message_texts
from .messages import ERROR, Message
from .models import Assessment, validate_assessment, validate_assessment_json


@dataclass
class Loaded:
    assessment: Assessment | None
    messages: list[Message] = field(default_factory=list)
    sha256: str = ""
    path: str = ""

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.errors


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_error(path: str, detail_en: str, detail_ja: str) -> Message:
    return Message("file", ERROR, f"{path}: {detail_en}", f"{path}：{detail_ja}", location=path)


def load_bytes(data: bytes, name: str) -> Loaded:
    """Read the bytes of an uploaded or local file named ``name`` (its extension picks the reader)."""
    digest = sha256_of(data)
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        fast = validate_assessment_json(data)  # a large valid document, read straight from the bytes
        if fast is not None:
            return Loaded(*fast, digest, name)
        try:
            raw = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return Loaded(None, [_file_error(name, f"not valid JSON ({exc})", f"JSONとして読めません（{exc}）")], digest, name)
        assessment, messages = validate_assessment(raw)
        return Loaded(assessment, messages, digest, name)
    from .excel.reader import read_workbook_bytes  # the Excel layer (template importer)

    assessment, messages = read_workbook_bytes(data, name)
    return Loaded(assessment, messages, digest, name)


def load_path(path: str | Path) -> Loaded:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        en, ja = f"cannot be read ({exc.strerror})", f"読み込めません（{exc.strerror}）"
        return Loaded(None, [_file_error(str(p), en, ja)], "", str(p))
    return load_bytes(data, p.name)


__all__ = ["Loaded", "load_bytes", "load_path", "sha256_of", "message_texts"]
