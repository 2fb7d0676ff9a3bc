"""``gcpcalc store ...`` and ``gcpcalc consolidate ...`` on the command line (JSON and table output)."""
from __future__ import annotations

import copy
import json

import pytest

from conftest_store import minimal_assessment_dict
from gcpcalc.cli import main


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _write(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_save_list_history_show_diff_target_trend(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    v1 = minimal_assessment_dict()
    v2 = copy.deepcopy(v1)
    v2["inflows"][1]["renewable_pct"] = 80  # IN-2: 50 t, 80 % renewable, half sustainable -> 20 t circular
    f1, f2 = _write(tmp_path / "v1.json", v1), _write(tmp_path / "v2.json", v2)

    status, out, _ = _run(capsys, "store", "save", f1, "--author", "山田", "--comment", "初回", "--db", db,
                          "--format", "json")
    assert status == 0
    saved = json.loads(out)["revision"]
    assert (saved["number"], saved["author"], saved["comment"]) == (1, "山田", "初回")
    assert len(saved["input_sha256"]) == 64
    assert saved["indicators"]["cti.circular_inflow_pct"] == pytest.approx(40 / 150 * 100)

    status, out, _ = _run(capsys, "store", "save", f2, "--author", "Sato", "--db", db, "--lang", "ja")
    assert status == 0 and "リビジョン 2" in out

    status, out, _ = _run(capsys, "store", "list", "--db", db, "--format", "json")
    (item,) = json.loads(out)["assessments"]
    assert (item["name"], item["period_end"], item["revisions"], item["latest_revision"]) == (
        "Kita Kogyo", "2025-03-31", 2, 2)

    status, out, _ = _run(capsys, "store", "history", "Kita Kogyo", "--db", db, "--format", "json")
    doc = json.loads(out)
    assert [(r["number"], r["author"]) for r in doc["revisions"]] == [(1, "山田"), (2, "Sato")]
    ci = next(i for i in doc["trend"]["indicators"] if i["id"] == "cti.circular_inflow_pct")
    assert ci["values"] == [pytest.approx(50 / 150 * 100)]  # 30 t + 20 t of 150 t, from the latest revision

    status, out, _ = _run(capsys, "store", "diff", "Kita Kogyo", "2025-03-31", "1", "2", "--db", db,
                          "--format", "json")
    d = json.loads(out)
    assert d["counts"] == {"added": 0, "removed": 0, "changed": 1}
    assert d["tables"]["inflows"]["changed"] == [
        {"key": "IN-2", "changes": [{"field": "renewable_pct", "old": 40.0, "new": 80.0}]}]

    out_file = tmp_path / "r1.json"
    status, out, _ = _run(capsys, "store", "show", "Kita Kogyo", "2025-03-31", "--revision", "1", "-o",
                          str(out_file), "--db", db)
    assert status == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["inflows"][1]["renewable_pct"] == 40.0

    status, out, _ = _run(capsys, "store", "target", "Kita Kogyo", "cti.circular_inflow_pct", "2030", "60",
                          "--baseline-year", "2020", "--baseline-value", "20", "--db", db)
    assert status == 0
    status, out, _ = _run(capsys, "store", "trend", "Kita Kogyo", "--db", db, "--format", "json")
    (t,) = json.loads(out)["targets"]
    # latest FY2024 (Apr 2024 - Mar 2025): 33.33 %; path 20 + 40 * 4/10 = 36; progress (33.33 - 20) / 40 = 33.3 %
    assert t["latest_year"] == 2024
    assert t["path_value"] == pytest.approx(36.0)
    assert t["progress_pct"] == pytest.approx((50 / 150 * 100 - 20) / 40 * 100)
    assert t["status"] == "behind"
    status, out, _ = _run(capsys, "store", "trend", "Kita Kogyo", "--db", db, "--lang", "ja")
    assert "計画未達" in out and "33.33" in out


def test_unknown_names_and_invalid_input_exit_2_with_messages(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    status, out, err = _run(capsys, "store", "show", "Nobody", "2025-03-31", "--db", db, "--lang", "ja")
    assert status == 2 and "「Nobody」" in err
    bad = minimal_assessment_dict()
    bad["inflows"][0]["mass"] = "lots"
    status, out, _ = _run(capsys, "store", "save", _write(tmp_path / "bad.json", bad), "--db", db, "--format", "json")
    assert status == 2
    (msg,) = json.loads(out)["messages"]
    assert (msg["table"], msg["row"], msg["field"], msg["value"]) == ("inflows", 1, "mass", "lots")
    status, out, _ = _run(capsys, "store", "list", "--db", db, "--format", "json")
    assert json.loads(out) == {"assessments": []}


def test_consolidate_writes_the_group_and_shows_contributions(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    a = _write(tmp_path / "a.json", minimal_assessment_dict(name="North"))
    b = _write(tmp_path / "b.json", minimal_assessment_dict(name="South"))
    group_file = tmp_path / "group.json"
    status, out, _ = _run(capsys, "consolidate", a, b, "-o", str(group_file), "--name", "NS Group", "--save",
                          "--db", db, "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["contributions"]["group"]["inflow_t"] == pytest.approx(300.0)
    assert [m["inflow_share_pct"] for m in doc["contributions"]["members"]] == [50.0, 50.0]
    assert doc["revision"]["name"] == "NS Group" and doc["revision"]["number"] == 1
    group = json.loads(group_file.read_text(encoding="utf-8"))
    assert [r["line_id"] for r in group["outflows"]] == ["North/OUT-1", "North/OUT-2", "South/OUT-1", "South/OUT-2"]
    c = _write(tmp_path / "c.json", minimal_assessment_dict(name="East", period_end="2025-12-31",
                                                            period_start="2025-01-01"))
    status, _, err = _run(capsys, "consolidate", a, c, "-o", str(tmp_path / "g2.json"))
    assert status == 2 and "East" in err
    assert not (tmp_path / "g2.json").exists()
