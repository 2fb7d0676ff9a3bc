"""A database made by the first schema keeps working after the upgrade to the current one."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from conftest_store import *  # noqa: F401,F403
from conftest_store import minimal_assessment_dict
from gcpcalc.models import load_assessment
from gcpcalc.store import Store, Target, trend_data
from gcpcalc.store.db import current_revision, make_engine, migrate


def test_first_schema_database_is_upgraded_on_open_and_its_data_read(db_url):
    engine = make_engine(db_url)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    data = load_assessment(minimal_assessment_dict()).to_json_dict()
    now = dt.datetime(2025, 5, 1, 9, 30, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:  # rows written as the first version wrote them
        inspector = sa.inspect(conn)
        assert "targets" not in inspector.get_table_names()
        conn.execute(sa.text("INSERT INTO assessments (name, period_start, period_end, created_at) "
                             "VALUES (:n, :ps, :pe, :t)"),
                     {"n": "Kita Kogyo", "ps": dt.date(2024, 4, 1), "pe": dt.date(2025, 3, 31), "t": now})
        aid = conn.execute(sa.text("SELECT id FROM assessments")).scalar_one()
        conn.execute(sa.text("INSERT INTO revisions (assessment_id, number, saved_at, author, comment, input_sha256, "
                             "content_sha256, data_json) VALUES (:a, 1, :t, 'Sato', 'v1', '', 'x', :d)"),
                     {"a": aid, "t": now, "d": json.dumps(data, ensure_ascii=False)})
        rid = conn.execute(sa.text("SELECT id FROM revisions")).scalar_one()
        conn.execute(sa.text("INSERT INTO indicator_values (revision_id, indicator_id, value) "
                             "VALUES (:r, 'cti.circular_inflow_pct', 21.5)"), {"r": rid})
    engine.dispose()

    with Store(db_url) as store:  # opening upgrades
        assert current_revision(store.engine) == "0003"
        assert store.load("Kita Kogyo", "2025-03-31") == load_assessment(minimal_assessment_dict())
        (h,) = store.history("Kita Kogyo")
        assert (h.number, h.author, h.comment, h.saved_at) == (1, "Sato", "v1", now)
        assert h.indicators == {"cti.circular_inflow_pct": 21.5}
        assert store.save(load_assessment(minimal_assessment_dict()),
                          indicators={"cti.circular_inflow_pct": (24.0, "%")}).number == 2
        store.set_target(Target("Kita Kogyo", "cti.circular_inflow_pct", 2030, 30.0, 2024, 21.5))
        trend = trend_data(store, "Kita Kogyo")
        index_names = {ix["name"] for ix in sa.inspect(store.engine).get_indexes("revisions")}
    assert "ix_revisions_saved_at" in index_names
    (t,) = trend["targets"]
    assert (t["latest_year"], t["latest_value"], t["path_value"]) == (2024, 24.0, 21.5)  # FY2024: Apr 2024 - Mar 2025
    assert t["progress_pct"] == pytest.approx((24.0 - 21.5) / (30.0 - 21.5) * 100)  # 29.41 %
    assert t["status"] == "on_track"
