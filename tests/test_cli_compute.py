"""``gcpcalc compute`` and ``gcpcalc validate`` on JSON files."""
import json
import os
import subprocess
import sys

import pytest

from gcpcalc.cli import main

ORG = {"name": "Example KK", "period_start": "2024-04-01", "period_end": "2025-03-31", "revenue": 50_000_000}
VALID = {
    "organisation": ORG,
    "inflows": [
        {"line_id": "steel", "mass": 600, "recycled_postconsumer_pct": 30},
        {"line_id": "wood", "mass": 300, "renewable_pct": 100, "sustainably_sourced_pct": 80},
        {"line_id": "plastic", "mass": 100, "recycled_preconsumer_pct": 10},
    ],
    "outflows": [
        {"line_id": "products", "flow_type": "product", "mass": 800, "recovery_potential_pct": 90,
         "actual_recovery_pct": 50},
        {"line_id": "waste", "flow_type": "waste", "mass": 150, "destination": "recycling", "actual_recovery_pct": 70},
    ],
}
INVALID = {
    "organisation": {"name": "Example KK", "period_start": "2024-04-01"},
    "inflows": [{"line_id": "a", "mass": "lots"}, {"line_id": "b", "mass": 1, "recycled_postconsumer_pct": 150}],
}


@pytest.fixture
def files(tmp_path):
    valid, invalid = tmp_path / "valid.json", tmp_path / "invalid.json"
    valid.write_text(json.dumps(VALID), encoding="utf-8")
    invalid.write_text(json.dumps(INVALID), encoding="utf-8")
    return valid, invalid


def test_compute_json(files, capsys):
    assert main(["compute", str(files[0]), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"indicators", "messages", "disclosure_status"}
    status = {s["datapoint"]: s["status"] for s in doc["disclosure_status"]}
    assert len(status) == 26 and status["E5-4_02"] == "reported" and status["E5-4_01"] == "to_be_written"
    ci = doc["indicators"]["cti.circular_inflow_pct"]
    assert ci["value"] == pytest.approx(43.0) and ci["unit"] == "%" and ci["reason"] is None
    assert ci["inputs"]["circular_inflow_t"] == pytest.approx(430.0)
    assert doc["indicators"]["cti.circular_material_productivity"]["value"] == pytest.approx(87719.298245614)
    water = doc["indicators"]["cti.water_circularity_pct"]
    assert water["value"] is None and water["reason"] == "no water withdrawal or discharge lines were entered"
    assert doc["messages"] == []


def test_compute_json_in_japanese(files, capsys):
    assert main(["compute", str(files[0]), "--format", "json", "--lang", "ja"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["indicators"]["cti.renewable_energy_pct"]["reason"] == "エネルギーの行が入力されていません"
    assert doc["indicators"]["cti.circular_inflow_pct"]["label"] == "循環インフロー率"


def test_compute_table(files, capsys):
    assert main(["compute", str(files[0])]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(line for line in out if line.startswith("cti.circular_outflow_pct "))
    assert row.split()[-2:] == ["48.95", "%"]
    prod = next(line for line in out if line.startswith("cti.circular_material_productivity "))
    assert "87,719.30" in prod and "JPY/t" in prod
    water = next(line for line in out if line.startswith("cti.water_circularity_pct "))
    assert "not computable: no water withdrawal or discharge lines were entered" in water
    # aligned: values are right-aligned under the header "Value", units start in one column
    end = out[0].index("Value") + len("Value")
    for line in (row, prod, out[1]):
        assert line[end - 1].isdigit() and line[end:end + 2] == "  "
        assert line[end + 2:].split()[0] in ("%", "t", "JPY/t")


def test_compute_table_japanese(files, capsys):
    assert main(["compute", str(files[0]), "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    assert "循環インフロー率" in out and "算出不可：エネルギーの行が入力されていません" in out


def test_compute_invalid_prints_every_error(files, capsys):
    assert main(["compute", str(files[1])]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "The input is not valid (3 error(s)); no indicator was computed."
    assert "error: organisation.period_end: Period end: a value is required." in err
    assert "error: inflows[1].mass: Mass: 'lots' is not a number." in err
    assert any(line.startswith("error: inflows[2].recycled_postconsumer_pct:") for line in err)


def test_compute_invalid_json_format(files, capsys):
    assert main(["compute", str(files[1]), "--format", "json", "--lang", "ja"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["indicators"] == {}
    assert len(doc["messages"]) == 3
    mass = next(m for m in doc["messages"] if m["field"] == "mass")
    assert (mass["table"], mass["row"], mass["value"], mass["severity"]) == ("inflows", 1, "lots", "error")
    assert mass["message_ja"] == "質量：「lots」は数値ではありません。"


def test_validate(files, capsys):
    assert main(["validate", str(files[0])]) == 0
    assert capsys.readouterr().out.strip().endswith("valid (0 error(s), 0 warning(s))")
    assert main(["validate", str(files[1]), "--lang", "ja"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert "エラー：inflows[1].mass: 質量：「lots」は数値ではありません。" in out
    assert out[-1].endswith("無効（エラー 3 件、警告 0 件）")
    assert main(["validate", str(files[1]), "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] is False and len(doc["messages"]) == 3


def test_missing_file_and_bad_json(tmp_path, capsys):
    assert main(["compute", str(tmp_path / "absent.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["validate", str(bad), "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["messages"][0]["code"] == "file"


def test_python_dash_m(files):
    proc = subprocess.run([sys.executable, "-m", "gcpcalc", "compute", str(files[0]), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["indicators"]["cti.material_circularity_pct"]["value"] == pytest.approx(895 / 1950 * 100)
    assert doc["indicators"]["esrs_e5.waste_total_t"]["value"] == pytest.approx(150.0)


def test_the_program_ends_with_the_command_status_and_all_its_output_written(files, tmp_path):
    """compute and validate end the process at once after flushing (gcpcalc.cli.run): the output written to a
    file (block-buffered), the messages on standard error and the exit status are those of main()."""
    from gcpcalc.sample import synthetic_assessment

    big = tmp_path / "big.json"
    big.write_text(json.dumps(synthetic_assessment(3000, 3000)), encoding="utf-8")
    out = tmp_path / "out.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # standard output block-buffered
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run([sys.executable, "-m", "gcpcalc", "compute", str(big), "--format", "json"],
                              stdout=fh, stderr=subprocess.PIPE, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))  # the whole document, well over one buffer
    assert out.stat().st_size > 1 << 16
    assert doc["indicators"]["cti.inflow_t"]["value"] > 0
    main_out = tmp_path / "main.json"
    code = ("import sys\nfrom gcpcalc.cli import main\n"
            f"sys.stdout = open({str(main_out)!r}, 'w', encoding='utf-8')\n"
            f"code = main(['compute', {str(big)!r}, '--format', 'json'])\nsys.stdout.close()\nsys.exit(code)\n")
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
    assert json.loads(main_out.read_text(encoding="utf-8")) == doc

    proc = subprocess.run([sys.executable, "-m", "gcpcalc", "validate", str(files[1]), "--lang", "ja"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    assert proc.returncode == 2
    assert proc.stdout.rstrip().endswith("：無効（エラー 3 件、警告 0 件）")
    proc = subprocess.run([sys.executable, "-m", "gcpcalc", "compute", str(files[1])],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("The input is not valid (3 error(s)); no indicator was computed.")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_that_cannot_be_written_is_an_error_and_a_reader_that_goes_is_not(files, tmp_path):
    """The program flushes its output before it ends at once (gcpcalc.cli.run): a write refused at that point (a
    full disk: /dev/full) is status 1 with a message in en and ja; a reader that stops reading (| head) is not an
    error and leaves no traceback."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # the output held until the end
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "gcpcalc", "validate", str(files[0])], stdout=full,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120, env=env)
    assert proc.returncode == 1
    assert "the output could not be written (No space left on device)" in proc.stderr
    assert "出力を書き込めませんでした" in proc.stderr and "Traceback" not in proc.stderr
    from gcpcalc.sample import synthetic_assessment

    big = tmp_path / "big.json"
    big.write_text(json.dumps(synthetic_assessment(3000, 3000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gcpcalc", "compute", str(big), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(10).startswith(b"{")
    proc.stdout.close()  # the reader goes, as head does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0 and err == ""


def test_a_file_over_the_reading_limit_is_refused_with_the_option_that_lifts_it(tmp_path, capsys):
    from gcpcalc.sample import synthetic_assessment

    path = tmp_path / "big.json"
    path.write_text(json.dumps(synthetic_assessment(2000, 2000)), encoding="utf-8")
    size_mb = path.stat().st_size / (1 << 20)
    limit = round(size_mb / 2, 2)  # half the file
    assert main(["compute", str(path), "--lang", "ja", "--max-file-mb", str(limit)]) == 2
    err = capsys.readouterr().err
    assert "が上限" in err and "--max-file-mb で上限を引き上げて読み込めます" in err
    assert main(["compute", str(path), "--format", "json", "--max-file-mb", str(limit)]) == 2
    out, err = capsys.readouterr()
    assert [m["code"] for m in json.loads(out)["messages"]] == ["json_too_large"]
    assert "--max-file-mb raises the limit" in err
    # with a limit above the file's size it is read and computed, with the figures of the default limits
    assert main(["compute", str(path), "--format", "json", "--max-file-mb", str(round(size_mb * 2, 2)),
                 "--max-memory-mb", "2048", "--max-seconds", "120"]) == 0
    raised = json.loads(capsys.readouterr().out)
    assert main(["compute", str(path), "--format", "json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert raised["indicators"] == default["indicators"]
    assert raised["indicators"]["cti.inflow_t"]["value"] > 0


def test_every_command_is_mapped_to_its_module_and_a_named_command_loads_only_that_module():
    """``gcpcalc compute ...`` builds the parsers of the compute module alone (a quicker start); the map of
    commands to modules names every command the full parser has, and each command's own parser is the same."""
    import argparse
    import subprocess
    import sys

    from gcpcalc.cli import COMMANDS, build_parser

    def commands(parser) -> dict:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return action.choices

    full = commands(build_parser())
    assert set(full) == set(COMMANDS)
    for name in COMMANDS:
        alone = commands(build_parser([name, "x"]))
        assert name in alone and set(alone) == {c for c, m in COMMANDS.items() if m == COMMANDS[name]}
        assert alone[name].format_help() == full[name].format_help()
    code = ("import sys\nfrom gcpcalc.cli import build_parser\nbuild_parser(['compute', 'x.json'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('gcpcalc.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "['gcpcalc.commands.compute']"
