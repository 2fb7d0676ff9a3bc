"""Reading an input file of any supported kind into an assessment and its messages.

JSON (the data dictionary's JSON form) and Excel workbooks (the input template) are accepted. The
result always carries every message; an exception never reaches the user.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .messages import ERROR, Message


class Loaded:
    """An input file read: the assessment (None when it has errors), every message, the file's digest (``sha256``,
    None when the reader was asked not to take it).

    A file read by the isolated intake keeps the compact column form the reader handed back (``packed``);
    the assessment's rows are built from it on first use of :attr:`assessment`, and the normalised tables
    can be built from it directly (:meth:`tables`), without per-row dicts."""

    def __init__(self, assessment=None, messages: list[Message] | None = None, sha256: str = "", path: str = "",
                 packed: tuple | None = None, prepared: dict | None = None):
        self._assessment = assessment
        self.messages: list[Message] = list(messages) if messages is not None else []
        self.sha256 = sha256
        self.path = path
        self.packed = packed if assessment is None else None
        # tables normalised while the rest of the file was read (see load_bytes' ``prepare``)
        self._prepared = prepared if self.packed is not None else None

    @property
    def assessment(self):
        if self._assessment is None and self.packed is not None:
            from .intake.transport import unpack

            self._assessment = unpack(self.packed)[0]
            self.packed = None  # the rows now hold it all
        return self._assessment

    @assessment.setter
    def assessment(self, value) -> None:
        self._assessment, self.packed, self._prepared = value, None, None

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def ok(self) -> bool:
        return (self._assessment is not None or self.packed is not None) and not self.errors

    def rows(self, table_id: str) -> list[dict]:
        """The validated rows of one list table (from the column form while the assessment is not built)."""
        if self._assessment is None and self.packed is not None:
            from .columns import table_rows

            tables = self.packed[1]
            return table_rows(*tables[table_id]) if table_id in tables else []
        return getattr(self.assessment, table_id)

    def tables(self, frames: bool = True):
        """The normalised tables (:func:`gcpcalc.tables.normalise`) of the assessment: DataFrames, or numpy
        columns (:class:`gcpcalc.tables.Table`) when ``frames`` is False."""
        from .tables import normalise, normalise_columns

        if self._assessment is None and self.packed is not None:
            prepared, self._prepared = self._prepared, None  # its tables are now those of the result
            return normalise_columns(self.packed, frames, prepared)
        return normalise(self.assessment, frames)

    def __repr__(self) -> str:
        return f"Loaded(path={self.path!r}, ok={self.ok}, messages={len(self.messages)})"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_error(path: str, detail_en: str, detail_ja: str) -> Message:
    return Message("file", ERROR, f"{path}: {detail_en}", f"{path}：{detail_ja}", location=path)


def load_bytes(data: bytes, name: str, meanwhile=None, limits=None, digest: bool = True,
               prepare: bool = False) -> Loaded:
    """Read the bytes of an uploaded or local file named ``name`` (its extension picks the reader).

    The file is parsed in a child process with memory and time limits (:mod:`gcpcalc.intake`): a hostile
    or damaged file ends in messages, never in a crash of the calling process. ``meanwhile``: a function run
    in this process while the child reads (imports needed next). ``digest``: the file's SHA-256 taken
    (:attr:`Loaded.sha256`, which the reports and the store record); without it, ``sha256`` is None (a command
    that records nothing about the file spares the 0.3 s a 500 MB file takes). ``prepare``: a large table that
    arrives before the rest of the file is normalised while the rest is read, for :meth:`Loaded.tables` (a
    caller that computes the figures at once)."""
    from .intake import read_file_packed

    prepared: dict = {}

    def on_ahead(tid, entry) -> None:
        from .tables import prepare_columns

        prepared[tid] = (entry, prepare_columns(tid, entry))

    taken: list[str] = []

    def while_reading() -> None:  # the file's digest is taken while the child reads it
        if digest:
            taken.append(sha256_of(data))
        if meanwhile is not None:
            meanwhile()

    packed, messages = read_file_packed(data, name, limits, meanwhile=while_reading,
                                        on_ahead=on_ahead if prepare else None)
    if digest and not taken:  # no child could be started: nothing ran meanwhile
        taken.append(sha256_of(data))
    return Loaded(None, messages, taken[0] if digest else None, name, packed=packed, prepared=prepared or None)


def load_path(path: str | Path, meanwhile=None, limits=None, digest: bool = True, prepare: bool = False) -> Loaded:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        en, ja = f"cannot be read ({exc.strerror})", f"読み込めません（{exc.strerror}）"
        return Loaded(None, [_file_error(str(p), en, ja)], "", str(p))
    return load_bytes(data, p.name, meanwhile, limits, digest, prepare)


def __getattr__(name: str):
    # kept importable from here, as before, without importing the models (pydantic) on start-up
    if name == "message_texts":
        from .i18n import message_texts

        return message_texts
    if name in ("Assessment", "validate_assessment"):
        from . import models

        return getattr(models, name)
    raise AttributeError(name)


__all__ = ["Loaded", "load_bytes", "load_path", "sha256_of", "message_texts"]
