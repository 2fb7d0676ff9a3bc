"""The normalised tables as numpy columns (:class:`gcpcalc.tables.Table`): ``gcpcalc compute`` reads them without
pandas, and every figure and message equals that of the DataFrames the app and the report use. The column
helpers give what the pandas operations they stand for give."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gcpcalc.indicators import compute_tables
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment, synthetic_assessment
from gcpcalc.tables import (Table, as_table, factorize, group_sums, has_text, isin, normalise, present,
                            unique_in_order)

ROOT = Path(__file__).resolve().parents[1]
LISTS = ("inflows", "products", "outflows", "water", "energy", "procurement", "segments")


def _segments() -> dict:
    data = synthetic_assessment(300, 300, n_products=6, seed=11)
    for i, row in enumerate(data["inflows"]):
        row["business_unit"] = ("A", " a ", "B", None, "Z")[i % 5]
    for i, row in enumerate(data["outflows"]):
        row["business_unit"] = ("A", "B", None)[i % 3]
    data["segments"] = [{"segment_id": "A", "description": "Pumps", "revenue": 6.0e9},
                        {"segment_id": "B", "revenue": 2.5e9},
                        {"segment_id": "C", "description": "No lines", "revenue": 1.0e9}]
    return data


def _critical_and_groups() -> dict:
    data = synthetic_assessment(200, 200, n_products=8, seed=12)
    for i, row in enumerate(data["inflows"][:40]):
        row["critical_raw_material"] = ("Cobalt", "lithium", "なし", None)[i % 4]
        row["critical_content_pct"] = (12.5, None, None, None)[i % 4]
    for i, row in enumerate(data["outflows"][:20]):
        row["critical_raw_material"] = ("Cobalt", None)[i % 2]
    for i, row in enumerate(data["products"]):
        row["product_group"] = ("g1", None, "g2")[i % 3]
        row["reparability_score"] = ("7/10", None)[i % 2]
    return data


ASSESSMENTS = {
    "sample": sample_assessment,
    "synthetic": lambda: synthetic_assessment(2000, 2000, n_products=20, seed=7),
    "segments": _segments,
    "critical_and_groups": _critical_and_groups,
    "organisation_only": lambda: {"organisation": sample_assessment()["organisation"]},
    "inflows_only": lambda: {"organisation": sample_assessment()["organisation"],
                             "inflows": synthetic_assessment(30, 1, seed=4)["inflows"]},
}


@pytest.mark.parametrize("name", list(ASSESSMENTS))
def test_the_figures_of_the_numpy_columns_equal_those_of_the_dataframes(name):
    a = load_assessment(ASSESSMENTS[name]())
    frames, columns = normalise(a), normalise(a, frames=False)
    for tid in LISTS:
        t = getattr(columns, tid)
        assert isinstance(t, Table) and isinstance(getattr(frames, tid), pd.DataFrame)
        pd.testing.assert_frame_equal(t.frame(), getattr(frames, tid), check_exact=True)
    r_frames, r_columns = compute_tables(frames), compute_tables(columns)
    assert r_columns.to_json_dict("en") == r_frames.to_json_dict("en")
    assert r_columns.to_json_dict("ja") == r_frames.to_json_dict("ja")
    assert [m.to_dict() for m in r_columns.messages] == [m.to_dict() for m in r_frames.messages]
    if name == "segments":
        assert r_columns.value("cti.segment_circularity_pct.C") is None
        assert {m.code for m in r_columns.messages} >= {"segment_without_lines", "lines_without_segment"}
    if name == "critical_and_groups":
        ids = [k for k in r_columns.to_json_dict()["indicators"] if k.startswith("cti.critical_inflow.")]
        assert ids and "esrs_e5.durability_ratio.ungrouped" in r_columns.to_json_dict()["indicators"]


def test_a_table_selects_rows_and_columns_and_refuses_a_mask_of_another_length():
    t = Table({"a": np.array([1.0, 2.0, 3.0]), "b": np.array(["x", None, "z"], dtype=object)}, 3)
    assert len(t) == 3 and t.columns == ["a", "b"] and "a" in t and "c" not in t
    rows = t[np.array([True, False, True])]
    assert len(rows) == 2 and rows["a"].tolist() == [1.0, 3.0] and rows["b"].tolist() == ["x", "z"]
    assert t[["b"]].columns == ["b"]
    # a selection reads its columns from its table when first asked, and may itself be selected from
    rows["c"] = np.array([True, False])
    assert rows.columns == ["a", "b", "c"] and "c" in rows and "c" not in t
    pd.testing.assert_frame_equal(rows.frame(), pd.DataFrame({"a": [1.0, 3.0], "b": ["x", "z"], "c": [True, False]}))
    assert rows[np.array([False, True])]["b"].tolist() == ["z"]
    with pytest.raises(KeyError):
        rows["d"]
    with pytest.raises(TypeError):
        t[np.array([True, False])]
    with pytest.raises(ValueError):
        t["c"] = [1, 2]
    df = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    back = as_table(df)
    assert back.columns == ["a", "b"] and back["a"].tolist() == [1.0, 2.0] and as_table(back) is back


def _random_objects(rng, n: int) -> np.ndarray:
    pool = ["recycling", "landfill", " x ", "", "  ", "なし", None, float("nan"), "composting"]
    out = np.empty(n, dtype=object)
    out[:] = [pool[i] for i in rng.integers(0, len(pool), n)]
    return out


@pytest.mark.parametrize("seed", range(5))
def test_the_column_helpers_give_what_pandas_gives(seed):
    rng = np.random.default_rng(seed)
    values = _random_objects(rng, 500)
    s = pd.Series(values, dtype=object)
    assert present(values).tolist() == s.notna().tolist()
    floats = np.where(rng.random(500) < 0.2, np.nan, rng.random(500))
    assert present(floats).tolist() == pd.Series(floats).notna().tolist()
    options = ("recycling", "composting", "")
    assert isin(values, options).tolist() == s.isin(options).tolist()
    assert has_text(values).tolist() == (s.astype("string").str.strip().fillna("") != "").tolist()
    codes, uniques = factorize(values)
    p_codes, p_uniques = pd.factorize(s, use_na_sentinel=True)
    assert codes.tolist() == p_codes.tolist() and uniques.tolist() == list(p_uniques)
    assert unique_in_order(codes) == pd.unique(codes).tolist()


@pytest.mark.parametrize("seed", range(4))
def test_a_column_built_from_codes_is_read_through_them_as_any_column_is_read(seed):
    """A text column that arrives coded (gcpcalc.columns.Coded) keeps its codes: the helpers give on it what they
    give on the same values in a plain object array; it is read-only (the codes always describe it), and its
    codes go when it does."""
    import gc

    from gcpcalc import fields as F
    from gcpcalc import tables as T
    from gcpcalc.columns import Coded

    rng = np.random.default_rng(200 + seed)
    n = 4000
    values = ["landfill", None, "recycling", "never_held", "composting", " x ", ""]
    held = [i for i, v in enumerate(values) if v != "never_held"]
    codes = rng.choice(held, n).astype(np.int32)
    codes[: seed * 7] = held[-1]  # the first rows hold another value each time: another order of first sight
    col = T._column(F.OUTFLOWS.field("destination"), Coded(codes, values))
    plain = np.empty(n, dtype=object)
    plain[:] = [values[c] for c in codes.tolist()]
    assert col.tolist() == plain.tolist()
    assert T._codes_known(col) is not None and T._codes_known(plain) is None and T._codes_known(col.copy()) is None
    for got, expected in ((T._codes(col), T._codes(plain)), (factorize(col), factorize(plain))):
        assert got[0].tolist() == expected[0].tolist() and list(got[1]) == list(expected[1])
    assert present(col).tolist() == present(plain).tolist()
    assert isin(col, ("recycling", "composting")).tolist() == isin(plain, ("recycling", "composting")).tolist()
    assert has_text(col).tolist() == has_text(plain).tolist()
    weights = rng.random(n)
    assert list(group_sums(col, weights).items()) == list(group_sums(plain, weights).items())
    assert T._codes(col)[1] == [v for v in dict.fromkeys(plain.tolist()) if v is not None]
    with pytest.raises(ValueError):
        col[0] = "recycling"
    key = id(col)
    del col
    gc.collect()
    assert key not in T._KNOWN


@pytest.mark.parametrize("seed", range(5))
def test_group_sums_are_correctly_rounded_in_the_order_keys_first_appear(seed):
    rng = np.random.default_rng(100 + seed)
    n = 3000
    keys = np.array([("b", "a", "c", "d")[i] for i in rng.integers(0, 4, n)], dtype=object)
    values = rng.lognormal(3.0, 2.0, n) * rng.choice([1.0, 1e-6, 1e6], n)
    values[rng.random(n) < 0.05] = np.nan
    got = group_sums(keys, values)
    assert list(got) == list(dict.fromkeys(keys.tolist()))
    for k, v in got.items():
        assert v == math.fsum(x for x, kk in zip(values.tolist(), keys.tolist()) if kk == k and x == x)
        assert v == pytest.approx(float(pd.Series(values).groupby(keys).sum()[k]), rel=1e-14)
    # more groups than are summed mask by mask (sorted into runs instead), with None keys left out
    many_keys = np.array([None if i == 0 else f"k{i}" for i in rng.integers(0, 200, n)], dtype=object)
    many = group_sums(many_keys, values)
    expected = pd.Series(values).groupby(many_keys).sum()
    assert list(many) == [k for k in dict.fromkeys(many_keys.tolist()) if k is not None]
    assert many == pytest.approx(expected.to_dict(), rel=1e-14)


def test_gcpcalc_compute_reads_and_computes_without_importing_pandas(tmp_path):
    """``gcpcalc compute`` of a JSON and of a workbook: the figures come out and pandas was never imported."""
    doc = tmp_path / "a.json"
    doc.write_text(json.dumps(synthetic_assessment(50, 50, seed=2), ensure_ascii=False), encoding="utf-8")
    code = ("import sys, io, contextlib\n"
            "from gcpcalc.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            "    status = main(['compute', sys.argv[1], '--format', 'json'])\n"
            "print(status, 'pandas' in sys.modules, len(out.getvalue()))\n")
    for path in (doc, ROOT / "templates" / "sample_assessment_ja.xlsx"):
        run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=180,
                             cwd=tmp_path)
        status, imported, size = run.stdout.split()
        assert (status, imported) == ("0", "False"), run.stderr
        assert int(size) > 10_000
