"""The shipped reference files (emission factors, critical materials) are read without validating them again
only when their bytes are those recorded after their full validation (:mod:`gcpcalc.shipped`): the record
matches the files, the files pass the full validation, the two readings give equal results, and any other
bytes are validated in full."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from gcpcalc import shipped
from gcpcalc.critical import parse_critical_materials
from gcpcalc.emission_factors import parse_factors_bytes

KINDS = list(shipped.RECORDED)


def _data(kind: str) -> bytes:
    return (shipped.TEMPLATES / shipped.RECORDED[kind][0]).read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_the_record_is_the_digest_of_the_shipped_file_and_that_file_passes_its_full_validation(kind):
    data = _data(kind)
    assert shipped.digests()[kind] == shipped.RECORDED[kind][1], (
        f"templates/{shipped.RECORDED[kind][0]} changed: run `python -m gcpcalc.shipped` and record its digest")
    assert shipped.recorded(kind, data)
    assert shipped.validate_in_full(kind, data) == []
    assert not shipped.recorded(kind, data + b"\n")
    assert not shipped.recorded("emission_factors" if kind == "critical_materials" else "critical_materials", data)


def _fields(x) -> list:
    return [(f.name, getattr(x, f.name), type(getattr(x, f.name))) for f in dataclasses.fields(x)]


def test_the_recorded_emission_factors_read_as_their_full_validation_gives_them():
    data = _data("emission_factors")
    quick, m1 = parse_factors_bytes(data, "emission_factors.toml")
    full, m2 = parse_factors_bytes(data, "emission_factors.toml", full=True)
    assert m1 == m2 == [] and len(quick) == len(full) >= 10
    assert list(quick.entries) == list(full.entries) and quick.origin == full.origin and quick.files == full.files
    for a, b in zip(quick.entries.values(), full.entries.values()):
        assert _fields(a) == _fields(b)  # same values of the same types (floats stay floats)


def test_the_recorded_critical_materials_read_as_their_full_validation_gives_them():
    data = _data("critical_materials")
    quick, m1 = parse_critical_materials(data)
    full, m2 = parse_critical_materials(data, full=True)
    assert m1 == m2 == [] and len(quick.materials) >= 30
    assert quick.version == full.version and quick.lists == full.lists
    assert [list(v) for v in quick.lists.values()] == [list(v) for v in full.lists.values()]
    assert list(quick.materials) == list(full.materials)
    for a, b in zip(quick.materials.values(), full.materials.values()):
        assert _fields(a) == _fields(b)


def test_other_bytes_are_validated_in_full_even_under_the_shipped_name():
    factors = _data("emission_factors").decode("utf-8")
    bad = factors.replace("virgin = ", "virgin = -", 1)  # a negative factor: refused by the model
    got, messages = parse_factors_bytes(bad.encode("utf-8"), "emission_factors.toml")
    assert got is None and [m.code for m in messages] == ["factors_invalid"] and "virgin" in messages[0].field
    same, messages = parse_factors_bytes((factors + "\n# a comment\n").encode("utf-8"), "emission_factors.toml")
    assert messages == [] and list(same.entries) == list(parse_factors_bytes(factors.encode("utf-8"))[0].entries)
    crm = _data("critical_materials").decode("utf-8").replace('status = "', 'status = "x', 1)
    got, messages = parse_critical_materials(crm.encode("utf-8"))
    assert got is None and {m.code for m in messages} == {"crm_file_invalid"}


def test_gcpcalc_compute_of_a_valid_file_imports_neither_pydantic_nor_pandas_in_its_own_process(tmp_path):
    """The reading child validates the input with pydantic; the process that computes needs neither."""
    code = ("import sys, io, contextlib\nfrom gcpcalc.cli import main\nout = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n    status = main(['compute', sys.argv[1], '--format', 'json'])\n"
            "print(status, 'pydantic' in sys.modules, 'pandas' in sys.modules, '\"cti.ghg_impact_tco2e\"' in out.getvalue())\n")
    path = shipped.TEMPLATES / "sample_assessment.json"
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=180,
                         cwd=tmp_path)
    assert run.stdout.split() == ["0", "False", "False", "True"], run.stderr
