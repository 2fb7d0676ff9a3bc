"""Reading an untrusted JSON assessment: every malformed or out-of-range input is a message, never an
internal error.

Refused with a bilingual message naming the file: bytes that are not UTF-8, JSON syntax errors (line and
column), a lone surrogate escape (``"\\ud800"``, not a character), ``NaN``/``Infinity`` and numbers that
overflow to infinity (``1e400``), integers of more than 30 digits (a 5,000-digit integer), nesting deeper
than 64 levels, and files over the size limit. A valid document then goes through the same validation as
every input and the plausibility checks of :mod:`gcpcalc.intake.sanity`.
"""
from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

from .. import fields as F
from ..excel.security import DEFAULT_LIMITS, Limits, refusal
from ..messages import ERROR, Message
from . import texts  # noqa: F401  (registers the messages)
from .sanity import check_assessment_data

MAX_DEPTH = 64
MAX_INT_DIGITS = 30


class _Refuse(Exception):
    def __init__(self, message: Message):
        super().__init__(message.code)
        self.message = message


def _size(n: int) -> str:
    return f"{n / (1 << 20):,.1f} MB" if n >= 1 << 20 else f"{n:,} bytes"


def parse_json(data: bytes, name: str, limits: Limits | None = None) -> tuple[Any, list[Message]]:
    """(the parsed document or None, messages)."""
    limits = limits or DEFAULT_LIMITS
    if len(data) > limits.max_file_bytes:
        return None, [refusal("json_too_large", name, value=_size(len(data)), limit=_size(limits.max_file_bytes))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_as_file(refusal("json_encoding", name, value=exc.start + 1))]

    def non_finite(token: str):
        raise _Refuse(refusal("json_non_finite", name, value=token))

    def parse_float(token: str) -> float:
        x = float(token)
        if not math.isfinite(x):
            raise _Refuse(refusal("json_non_finite", name, value=token[:40]))
        return x

    def parse_int(token: str) -> int:
        digits = len(token.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            raise _Refuse(refusal("json_big_int", name, value=f"{digits:,}", limit=MAX_INT_DIGITS))
        return int(token)

    try:
        doc = json.loads(text, parse_constant=non_finite, parse_float=parse_float, parse_int=parse_int)
    except _Refuse as exc:
        return None, [exc.message]
    except RecursionError:
        return None, [refusal("json_too_deep", name, limit=MAX_DEPTH)]
    except json.JSONDecodeError as exc:
        return None, [_as_file(refusal("json_syntax", name, line=exc.lineno, column=exc.colno))]
    except (ValueError, OverflowError):  # any other number the parser cannot hold
        return None, [_as_file(refusal("json_syntax", name, line="?", column="?"))]
    problem = _walk(doc, name)
    if problem is not None:
        return None, [problem]
    return doc, []


def _as_file(m: Message) -> Message:
    """A file that is not readable JSON keeps the message code "file" it always had."""
    return replace(m, code="file")


def _walk(doc: Any, name: str) -> Message | None:
    """Depth and strings of a parsed document, without recursion (iterative, so any depth is safe)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return refusal("json_too_deep", name, limit=MAX_DEPTH)
        if isinstance(node, dict):
            for k, v in node.items():
                bad = _surrogate(k, name)
                if bad is not None:
                    return bad
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1))
                elif isinstance(v, str):
                    bad = _surrogate(v, name)
                    if bad is not None:
                        return bad
        elif isinstance(node, list):
            for v in node:
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1))
                elif isinstance(v, str):
                    bad = _surrogate(v, name)
                    if bad is not None:
                        return bad
        elif isinstance(node, str):
            bad = _surrogate(node, name)
            if bad is not None:
                return bad
    return None


def _surrogate(s: str, name: str) -> Message | None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        shown = s.encode("utf-8", "replace").decode("utf-8")
        if len(shown) > 40:
            shown = shown[:40] + "…"
        return refusal("json_surrogate", name, value=shown)
    return None


def load_json(data: bytes, name: str, limits: Limits | None = None, fast: bool = True):
    """(the Assessment or None, every message) of a JSON file's bytes, in this process.

    A document that is valid as written is decoded straight into columns (:mod:`gcpcalc.intake.fastjson`,
    unless ``fast`` is False); failing that, a large one is validated straight from its bytes by pydantic
    (:func:`gcpcalc.models.validate_assessment_json`); both give the result of the ordinary path. Anything
    else (hostile spellings, errors) goes the ordinary way, which reports every message."""
    from ..models import validate_assessment, validate_assessment_json

    packed = read_fast(data, limits) if fast else None
    if packed is not None:
        from .transport import unpack

        return unpack(packed)
    from_bytes = validate_assessment_json(data) if len(data) <= (limits or DEFAULT_LIMITS).max_file_bytes else None
    if from_bytes is not None and from_bytes[0] is not None:
        assessment, messages = from_bytes
    else:
        doc, messages = parse_json(data, name, limits)
        if doc is None:
            return None, messages
        assessment, messages = validate_assessment(doc)
        if assessment is None:
            return None, messages
    extra = check_assessment_data(assessment.organisation, {t: getattr(assessment, t) for t in F.LIST_TABLES})
    messages = messages + extra
    if any(m.severity == ERROR for m in extra):
        return None, messages
    return assessment, messages


def read_fast(data: bytes, limits: Limits | None = None, forward: bool = False):
    """The transport form of a document that is valid as written, decoded straight into columns
    (:mod:`gcpcalc.intake.fastjson`; ``forward``: see :func:`~gcpcalc.intake.fastjson.read_columns`); ``None``
    when the ordinary path must read it."""
    if len(data) > (limits or DEFAULT_LIMITS).max_file_bytes:
        return None
    from .fastjson import read_columns

    return read_columns(data, forward)


def parse_json_transport(data: bytes, name: str, limits: Limits):
    """The child-process worker: the result of :func:`load_json` in the compact transport form."""
    from .transport import pack

    packed = read_fast(data, limits, forward=True)  # the result is pickled to the parent
    if packed is not None:
        return packed
    assessment, messages = load_json(data, name, limits, fast=False)
    return pack(assessment, messages)
