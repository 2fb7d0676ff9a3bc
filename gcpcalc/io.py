"""Reading an input file of any supported kind into an assessment and its messages.

JSON (the data dictionary's JSON form) and Excel workbooks (the input template) are accepted. The
result always carries every message; an exception never reaches the user.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import message_texts
from .messages import ERROR, Message
from .models import Assessment, validate_assessment


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
    """Read the bytes of an uploaded or local file named ``name`` (its extension picks the reader).

    The file is parsed in a child process with memory and time limits (:mod:`gcpcalc.intake`): a hostile
    or damaged file ends in messages, never in a crash of the calling process."""
    from .intake import read_file_bytes

    digest = sha256_of(data)
    assessment, messages = read_file_bytes(data, name)
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
