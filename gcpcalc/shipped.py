"""The reference files shipped with the calculator, as they were last validated: the SHA-256 of each file's bytes.

Bytes with the recorded digest are the file that passed its full validation (pydantic models, every check) when
the digest was recorded, so they are read without validating them again: the command line then starts without
building the validation models. Any other bytes, an edited shipped file included, are validated in full.
``tests/test_shipped.py`` holds the record: each digest is that of the file in ``templates/``, the file passes
its full validation, and reading it with and without validation gives equal results. After editing a shipped
file, run ``python -m gcpcalc.shipped`` to record its new digest (the test fails until then).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: kind of reference file -> (file in templates/, SHA-256 of its validated bytes)
RECORDED: dict[str, tuple[str, str]] = {
    "emission_factors": ("emission_factors.toml", "5701ca15c525f0cb3d31928dd6628a3d390737ad69ccc5831c9541be916480fa"),
    "critical_materials": ("critical_materials.toml", "e4478895bddbbc3db8b050d48f1a8122ec03bf706180f666d171b8c2b646e11c"),
}


def recorded(kind: str, data: bytes) -> bool:
    """Whether ``data`` are the bytes of the shipped ``kind`` file as recorded (validated)."""
    entry = RECORDED.get(kind)
    return entry is not None and hashlib.sha256(data).hexdigest() == entry[1]


def digests() -> dict[str, str]:
    """kind -> the SHA-256 of the file in templates/ now."""
    return {kind: hashlib.sha256((TEMPLATES / fname).read_bytes()).hexdigest() for kind, (fname, _) in RECORDED.items()}


def validate_in_full(kind: str, data: bytes) -> list:
    """The messages of the full validation of ``data`` as the shipped ``kind`` file (empty when it is valid)."""
    if kind == "emission_factors":
        from .emission_factors import parse_factors_bytes

        return parse_factors_bytes(data, RECORDED[kind][0], full=True)[1]
    from .critical import parse_critical_materials

    return parse_critical_materials(data, RECORDED[kind][0], full=True)[1]


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for kind, digest in digests().items():
        problems = validate_in_full(kind, (TEMPLATES / RECORDED[kind][0]).read_bytes())
        if problems:
            print(f"{RECORDED[kind][0]} is not valid, not recorded: " + "; ".join(m.message_en for m in problems))
        else:
            print(f'    "{kind}": ("{RECORDED[kind][0]}", "{digest}"),')
