"""The store on SQLite and on PostgreSQL: append-only revisions, round trip, history, diff, restore,
targets and trends, failed saves."""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from conftest_store import *  # noqa: F401,F403
from conftest_store import minimal_assessment_dict
from gcpcalc import fields as F
from gcpcalc.models import load_assessment
from gcpcalc.store import Store, StoreError, Target, default_url, target_progress, trend_data
from gcpcalc.store.db import canonical_json, current_revision, head_revision

SAMPLE = Path(__file__).resolve().parent.parent / "templates" / "sample_assessment.json"


def _assessment(**kw):
    return load_assessment(minimal_assessment_dict(**kw))


def test_round_trip_returns_an_identical_assessment(db_url):
    original = load_assessment(json.loads(SAMPLE.read_text(encoding="utf-8")))
    with Store(db_url) as store:
        info = store.save(original, author="山田", comment="初回", input_sha256="ab" * 32)
        loaded = store.load(original.organisation["name"], original.organisation["period_end"])
    assert info.number == 1
    assert loaded == original
    assert loaded.to_json_dict() == original.to_json_dict()
    expected_sha = hashlib.sha256(canonical_json(original.to_json_dict()).encode()).hexdigest()
    assert info.content_sha256 == expected_sha


def test_saves_are_append_only_revisions(db_url):
    a1 = _assessment()
    changed = minimal_assessment_dict()
    changed["inflows"][0]["mass"] = 120
    a2 = load_assessment(changed)
    with Store(db_url) as store:
        r1 = store.save(a1, author="Sato", comment="first", input_sha256="1" * 64)
        r2 = store.save(a2, author="Suzuki", comment="second", input_sha256="2" * 64)
        other = store.save(_assessment(period_end="2026-03-31", period_start="2025-04-01"), author="Sato")
        assert (r1.number, r2.number, other.number) == (1, 2, 1)
        history = store.history("Kita Kogyo", "2025-03-31")
        assert [(h.number, h.author, h.comment, h.input_sha256) for h in history] == [
            (1, "Sato", "first", "1" * 64), (2, "Suzuki", "second", "2" * 64)]
        assert history[0].saved_at <= history[1].saved_at
        assert history[0].saved_at.tzinfo is not None
        assert store.load("Kita Kogyo", "2025-03-31") == a2  # latest
        assert store.load("Kita Kogyo", dt.date(2025, 3, 31), 1) == a1
        assert store.load("Kita Kogyo", "2025/03/31", 2).inflows[0]["mass"] == 120.0
        assert len(store.history("Kita Kogyo")) == 3
        listed = [(i.name, i.period_end.isoformat(), i.revisions, i.latest_revision, i.last_author)
                  for i in store.list_assessments()]
        assert listed == [("Kita Kogyo", "2025-03-31", 2, 2, "Suzuki"), ("Kita Kogyo", "2026-03-31", 1, 1, "Sato")]


def test_diff_between_revisions_names_added_removed_and_changed_lines(db_url):
    d = minimal_assessment_dict()
    d2 = copy.deepcopy(d)
    d2["inflows"][0]["mass"] = 120
    d2["inflows"].append({"line_id": "IN-3", "mass": 5})
    del d2["outflows"][1]
    d2["organisation"]["revenue"] = 1000000
    with Store(db_url) as store:
        store.save(load_assessment(d))
        store.save(load_assessment(d2))
        diff = store.diff("Kita Kogyo", "2025-03-31", 1, 2)
    assert diff.counts == {"added": 1, "removed": 1, "changed": 2}
    assert diff.tables["inflows"].added == ["IN-3"]
    assert diff.tables["outflows"].removed == ["OUT-2"]
    (line,) = diff.tables["inflows"].changed
    assert line.key == "IN-1"
    assert [(c.field, c.old, c.new) for c in line.changes] == [("mass", 100.0, 120.0)]
    assert [(c.field, c.old, c.new) for c in diff.organisation] == [("revenue", None, 1000000.0)]
    en, ja = diff.lines("en"), diff.lines("ja")
    assert f"+ {F.TABLES['inflows'].label('en')} IN-3" in en
    assert any(l.startswith("~ ") and "IN-1" in l and "100 → 120" in l for l in ja)
    assert any(l.startswith("- ") and "OUT-2" in l for l in ja)


def test_restore_saves_the_old_content_as_a_new_revision(db_url):
    d2 = minimal_assessment_dict()
    d2["inflows"][0]["mass"] = 999
    with Store(db_url) as store:
        store.save(_assessment(), author="A")
        store.save(load_assessment(d2), author="B")
        restored = store.restore("Kita Kogyo", "2025-03-31", 1, author="C")
        assert restored.number == 3
        assert "1" in restored.comment
        assert store.load("Kita Kogyo", "2025-03-31") == _assessment()
        assert store.load("Kita Kogyo", "2025-03-31", 2).inflows[0]["mass"] == 999.0
        assert store.diff("Kita Kogyo", "2025-03-31", 1, 3).empty


def test_missing_assessment_and_revision_are_bilingual_errors(db_url):
    with Store(db_url) as store:
        store.save(_assessment())
        with pytest.raises(StoreError) as e1:
            store.load("Nobody", "2025-03-31")
        with pytest.raises(StoreError) as e2:
            store.load("Kita Kogyo", "2025-03-31", 7)
        with pytest.raises(StoreError) as e3:
            store.load("Kita Kogyo", "31 March")
    assert "Nobody" in e1.value.text("en") and "保存データはありません" in e1.value.text("ja")
    assert "revision 7" in e2.value.text("en") and "リビジョン 7" in e2.value.text("ja")
    assert "YYYY-MM-DD" in e3.value.text("en") and "日付ではありません" in e3.value.text("ja")


def test_a_failed_save_leaves_the_revisions_intact_and_says_so(db_url):
    a = _assessment()
    with Store(db_url) as store:
        store.save(a, indicators={"cti.circular_inflow_pct": (24.0, "%")})

        def fail_on_indicator_insert(conn, cursor, statement, params, context, executemany):
            if statement.lstrip().upper().startswith("INSERT INTO INDICATOR_VALUES"):
                raise sa.exc.OperationalError(statement, params, Exception("disk I/O error"))

        event.listen(store.engine, "before_cursor_execute", fail_on_indicator_insert)
        with pytest.raises(StoreError) as err:
            store.save(a, comment="will fail", indicators={"cti.circular_inflow_pct": (25.0, "%")})
        event.remove(store.engine, "before_cursor_execute", fail_on_indicator_insert)
        history = store.history("Kita Kogyo")
        assert [h.number for h in history] == [1]
        assert history[0].indicators == {"cti.circular_inflow_pct": 24.0}
        assert store.save(a).number == 2  # the number of the failed save was not used
    # the reason in the user's words, never the driver's own text
    assert "the disk reported an error" in err.value.text("en") and "disk I/O error" not in err.value.text("en")
    assert "ディスク" in err.value.text("ja")
    assert "保存済みのリビジョンは変更されていません" in err.value.text("ja")


def test_targets_and_trend_with_progress(db_url):
    values = {"2024": (10.0, 40.0), "2025": (14.0, 45.0), "2026": (15.0, None)}
    with Store(db_url) as store:
        for year, (ci, re_pct) in values.items():
            a = _assessment(period_end=f"{int(year) + 1}-03-31", period_start=f"{year}-04-01")
            store.save(a, indicators={"cti.circular_inflow_pct": (ci, "%"), "cti.renewable_energy_pct": (re_pct, "%")})
        # a later revision of 2025 replaces its value in the trend
        store.save(_assessment(period_end="2026-03-31", period_start="2025-04-01"),
                   indicators={"cti.circular_inflow_pct": (13.0, "%"), "cti.renewable_energy_pct": (45.0, "%")})
        store.set_target(Target("Kita Kogyo", "cti.circular_inflow_pct", 2030, 30.0))
        store.set_target(Target("Kita Kogyo", "cti.renewable_energy_pct", 2026, 50.0, 2024, 40.0, "RE target"))
        store.set_target(Target("Kita Kogyo", "cti.renewable_energy_pct", 2026, 44.0, 2024, 40.0, "revised"))
        assert [(t.indicator_id, t.target_year, t.target_value, t.note) for t in store.targets("Kita Kogyo")] == [
            ("cti.circular_inflow_pct", 2030, 30.0, ""), ("cti.renewable_energy_pct", 2026, 44.0, "revised")]
        trend = trend_data(store, "Kita Kogyo")
        assert store.delete_target("Kita Kogyo", "cti.circular_inflow_pct", 2030) is True
        assert store.delete_target("Kita Kogyo", "cti.circular_inflow_pct", 2030) is False
    assert [p["year"] for p in trend["periods"]] == [2024, 2025, 2026]
    assert [p["revision"] for p in trend["periods"]] == [1, 2, 1]
    ci = next(i for i in trend["indicators"] if i["id"] == "cti.circular_inflow_pct")
    assert ci["values"] == [10.0, 13.0, 15.0]
    assert ci["unit"] == "%"
    t_ci, t_re = trend["targets"]
    # circular inflow: baseline = first period (2024: 10), target 30 in 2030, latest 2026: 15
    assert t_ci["baseline_year"] == 2024 and t_ci["baseline_value"] == 10.0
    assert t_ci["latest_year"] == 2026 and t_ci["latest_value"] == 15.0
    assert t_ci["path_value"] == pytest.approx(10 + 20 * 2 / 6)  # 16.667
    assert t_ci["progress_pct"] == pytest.approx(25.0)
    assert t_ci["status"] == "behind"
    # renewable energy: the 2026 value is missing, so the latest is 2025: 45 vs target 44 -> achieved
    assert (t_re["latest_year"], t_re["latest_value"]) == (2025, 45.0)
    assert t_re["progress_pct"] == pytest.approx(125.0)
    assert t_re["status"] == "achieved"


def test_target_progress_downward_target_on_track_and_no_data():
    t = Target("X", "cti.critical_inflow_pct", 2030, 10.0, 2024, 20.0)
    p = target_progress(t, [(2024, 20.0), (2025, None), (2026, 12.0)])
    assert p["path_value"] == pytest.approx(20 - 10 * 2 / 6)
    assert p["progress_pct"] == pytest.approx(80.0)
    assert p["status"] == "on_track"
    assert target_progress(t, [(2026, None)])["status"] == "no_data"
    late = target_progress(t, [(2032, 11.0)])  # after the target year the path is the target
    assert late["path_value"] == 10.0 and late["status"] == "behind"


def test_new_database_is_at_the_newest_schema(db_url):
    with Store(db_url) as store:
        assert current_revision(store.engine) == head_revision() == "0003"


def test_default_url_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert default_url() == f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.delenv("GCPCALC_DATABASE_URL")
    url = default_url()
    assert url.startswith("sqlite:///") and url.endswith("gcpcalc.sqlite")
    assert "gcpcalc" in Path(url[len("sqlite:///"):]).parent.as_posix()


def test_sqlite_store_runs_in_wal_mode(sqlite_url):
    with Store(sqlite_url) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 60000


def test_unreachable_database_is_a_message_not_a_traceback():
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in err.value.text("en")
    assert "データベース" in err.value.text("ja")


def test_target_already_met_by_the_baseline_has_no_progress_share():
    t = Target("X", "cti.circular_inflow_pct", 2030, 40.0)
    p = target_progress(t, [(2026, 48.4)])
    assert (p["baseline_year"], p["baseline_value"], p["path_value"]) == (2026, 48.4, 48.4)
    assert p["progress_pct"] is None
    assert p["status"] == "achieved"


@pytest.mark.parametrize("seed", [1, 7])
def test_round_trip_of_synthetic_assessments(db_url, seed):
    from gcpcalc.sample import synthetic_assessment

    original = load_assessment(synthetic_assessment(40, 30, seed=seed))
    with Store(db_url) as store:
        store.save(original, comment="synthetic")
        loaded = store.load(original.organisation["name"], original.organisation["period_end"])
        again = store.revision(original.organisation["name"], original.organisation["period_end"])
    assert loaded == original
    assert again.data == original.to_json_dict()
