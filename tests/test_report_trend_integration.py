"""The disclosure report carries the trend sheet when the store holds saved periods of the organisation."""
from __future__ import annotations

import json

import openpyxl

from gcpcalc.cli import main
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment
from gcpcalc.store import Store
from gcpcalc.store.trends import saved_trend


def _fy(data: dict, start_year: int) -> dict:
    org = dict(data["organisation"], period_start=f"{start_year}-04-01", period_end=f"{start_year + 1}-03-31")
    return {**data, "organisation": org}


def test_report_has_trend_sheet_from_the_store_and_not_without(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    data = sample_assessment()
    with Store(db) as store:
        for year in (2023, 2024, 2025):
            store.save(load_assessment(_fy(data, year)), author="Sato")
    src = tmp_path / "sample.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert main(["report", str(src), "-o", str(tmp_path / "with.xlsx"), "--lang", "en", "--db", db]) == 0
    assert main(["report", str(src), "-o", str(tmp_path / "without.xlsx"), "--lang", "en", "--db", db,
                 "--no-trend"]) == 0
    with_trend = openpyxl.load_workbook(tmp_path / "with.xlsx")
    without = openpyxl.load_workbook(tmp_path / "without.xlsx")
    assert set(with_trend.sheetnames) - set(without.sheetnames) == {"Trend"}
    rows = [[c.value for c in r] for r in with_trend["Trend"].iter_rows()]
    header = next(r for r in rows if r and r[0] == "Indicator")
    assert header[2:5] == ["FY2023", "FY2024", "FY2025"]
    circular_inflow = next(r for r in rows if r and r[0] == "Circular inflow")
    # the same data saved for three years: the engine's circular inflow of the sample, three times
    assert circular_inflow[2:5] == [circular_inflow[2]] * 3 and 48.0 < circular_inflow[2] < 49.0


def test_saved_trend_never_creates_a_database(tmp_path):
    missing = tmp_path / "none.sqlite"
    assert saved_trend("Anyone", f"sqlite:///{missing}") is None
    assert not missing.exists()
    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store(db).close()
    assert saved_trend("Anyone", db) is None
