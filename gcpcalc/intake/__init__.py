"""The safe intake of untrusted files (uploaded or local workbooks and JSON).

Every file is parsed in a child process with memory and time limits (:mod:`.isolate`), after a size
budget checked on the raw parts (:mod:`.budget`); every refusal is one bilingual message naming the file
and the limit. Values that validate but cannot be real are refused (:mod:`.sanity`).

:func:`read_file_bytes` is the one entry used by the command line and the app.
"""
from __future__ import annotations

from pathlib import Path

from ..excel.security import DEFAULT_LIMITS, Limits
from . import texts  # noqa: F401  (registers the messages)


def read_file_bytes(data: bytes, name: str, limits: Limits | None = None):
    """(the Assessment or None, every message) of an untrusted file, parsed in a child process."""
    from .transport import unpack

    packed, messages = read_file_packed(data, name, limits)
    if packed is None:
        return None, messages
    return unpack(packed)


def read_file_packed(data: bytes, name: str, limits: Limits | None = None, meanwhile=None, on_ahead=None):
    """(the assessment in the transport form of :mod:`.transport` or None, every message) of an untrusted
    file, parsed in a child process (``meanwhile``: run in this process while the child works; ``on_ahead(table
    id, table)``: given each table that arrives ahead of the result, see :func:`.isolate.run_isolated`)."""
    from .isolate import run_isolated

    kind = "json" if Path(name).suffix.lower() == ".json" else "xlsx"
    ok, result = run_isolated(kind, data, name, limits or DEFAULT_LIMITS, meanwhile=meanwhile, on_ahead=on_ahead)
    if not ok:
        return None, [result]
    if result[0] is None:
        return None, result[2]
    return result, result[2]


__all__ = ["read_file_bytes", "read_file_packed", "Limits", "DEFAULT_LIMITS"]
