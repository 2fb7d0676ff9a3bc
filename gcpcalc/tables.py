"""Normalised tables: an :class:`~gcpcalc.models.Assessment` as pandas DataFrames in base units.

Mass in tonnes (``mass_t``), volume in cubic metres (``volume_m3``), energy in megawatt-hours
(``energy_mwh``), shares as fractions 0–1 (``*_frac``). The indicator functions take these tables only:
the units and the percent/fraction convention are settled here, once.

Derived values (data dictionary):

* outflows: ``rp_frac`` is the recovery potential, 1 for waste lines where it is not given;
  ``ar_frac`` is the actual recovery, for waste lines where it is not given 1 when the destination is
  preparation_for_reuse, recycling or composting and 0 otherwise;
* inflows and outflows: ``critical_id`` is the id of the listed critical material the line names (None for
  blank and blank-like words, see :mod:`gcpcalc.critical`), ``critical`` is True where there is one;
  inflows: ``critical_frac`` is the critical-material content share, 1 (the whole line) where a material is
  named without a share, and ``critical_mass_t`` = ``mass_t`` · ``critical_frac``;
* outflows: ``ar_default`` is True for waste lines whose actual recovery comes from the destination default;
* products: ``packaging_mass_t`` is the packaging mass in t (in the product's mass unit on input);
* energy: ``exported`` is True for lines with direction ``exported``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import fields as F
from .units import FACTORS

_PCT_FIELDS = {t: [f.id for f in F.TABLES[t].fields if f.kind == "percent"] for t in F.TABLES}


@dataclass
class Tables:
    """The normalised tables of one assessment (empty tables have their columns)."""

    organisation: dict
    inflows: pd.DataFrame
    products: pd.DataFrame
    outflows: pd.DataFrame
    water: pd.DataFrame
    energy: pd.DataFrame
    procurement: pd.DataFrame
    disclosures: list = None  # rows of the optional disclosures table (datapoint, not_material, narrative)
    #: revenue per segment (business unit / product group) for CTI revenue; optional, may be empty
    segments: pd.DataFrame | None = None

    @property
    def revenue(self) -> float | None:
        return self.organisation.get("revenue")

    @property
    def currency(self) -> str:
        return self.organisation.get("currency") or "JPY"


def _frame(table_id: str, rows: list[dict]) -> pd.DataFrame:
    cols = list(F.TABLES[table_id].field_ids)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(F.TABLES[table_id].field(c))) for c in cols})
    df = pd.DataFrame.from_records(rows, columns=cols)
    for f in F.TABLES[table_id].fields:
        if f.is_numeric:
            df[f.id] = df[f.id].astype("float64")
        elif f.kind == "bool":
            df[f.id] = df[f.id].astype(bool)
    return df


def _frame_from_columns(table_id: str, fids, cols, n: int) -> pd.DataFrame:
    """The frame of :func:`_frame` from a table in the transport form of :mod:`gcpcalc.intake.transport`
    (field ids, one column per field): the same columns, dtypes and values, without per-row dicts."""
    table = F.TABLES[table_id]
    if not n:
        return _frame(table_id, [])
    if fids is None:  # rows with different keys, sent as they are
        return _frame(table_id, cols)
    given = dict(zip(fids, cols))
    data = {}
    for f in table.fields:
        col = given.get(f.id)
        if col is None:
            col = [None] * n
        if f.is_numeric:
            data[f.id] = np.asarray(col, dtype="float64")  # None -> NaN, as astype("float64") gives
        elif f.kind == "bool":
            data[f.id] = col if isinstance(col, np.ndarray) and col.dtype == bool else \
                pd.Series(_objects(col), dtype=object).astype(bool).to_numpy()
        else:
            data[f.id] = _objects(col)
    return pd.DataFrame(data)


def _objects(col) -> np.ndarray:
    if hasattr(col, "objects"):  # a coded column (gcpcalc.columns.Coded)
        return col.objects()
    out = np.empty(len(col), dtype=object)
    out[:] = col
    return out


def _dtype(f: F.Field) -> str:
    if f.is_numeric:
        return "float64"
    if f.kind == "bool":
        return "bool"
    return "object"


def _to_base(df: pd.DataFrame, value_col: str, unit_col: str, kind: str) -> pd.Series:
    factors = df[unit_col].map(FACTORS[kind]).astype("float64")
    return df[value_col] * factors


def _fractions(df: pd.DataFrame, table_id: str) -> None:
    for fid in _PCT_FIELDS[table_id]:
        df[fid.removesuffix("_pct") + "_frac"] = df[fid] / 100.0


def _critical_ids(values: pd.Series) -> pd.Series:
    """The listed critical-material id of each typed value (None for blank or blank-like), each distinct
    spelling resolved once. Unknown text never reaches here: validation refuses it."""
    from .critical import resolve

    distinct = {v: resolve(v).material_id for v in pd.unique(values.dropna().to_numpy())}
    return values.map(distinct).astype("object").where(values.notna(), None)


def normalise(assessment) -> Tables:
    """Normalise a validated assessment into base-unit DataFrames (vectorised, no per-row Python)."""
    frames = {tid: _frame(tid, getattr(assessment, tid, None) or []) for tid in _FRAMES}
    disclosures = [dict(r) for r in (getattr(assessment, "disclosures", None) or [])]
    return _normalise(dict(assessment.organisation), frames, disclosures)


_FRAMES = ("inflows", "products", "outflows", "water", "energy", "procurement", "segments")


def normalise_columns(packed: tuple) -> Tables:
    """:func:`normalise` of an assessment given in the transport form of :mod:`gcpcalc.intake.transport`
    (as the isolated reader hands it back): the same tables, built from the columns without rebuilding
    the rows as dicts."""
    from .columns import table_rows

    organisation, tables, _ = packed
    frames = {tid: _frame_from_columns(tid, *tables[tid]) if tid in tables else _frame(tid, []) for tid in _FRAMES}
    disclosures = [dict(r) for r in table_rows(*tables["disclosures"])] if "disclosures" in tables else []
    return _normalise(dict(organisation), frames, disclosures)


def _normalise(organisation: dict, frames: dict[str, pd.DataFrame], disclosures: list[dict]) -> Tables:
    for tid in _FRAMES:
        _DERIVE[tid](frames[tid])
    return tables_from_frames(organisation, frames, disclosures)


def tables_from_frames(organisation: dict, frames: dict[str, pd.DataFrame], disclosures: list[dict]) -> Tables:
    """:class:`Tables` of normalised frames (each from :func:`normalise_table` or :func:`patch_table`)."""
    return Tables(organisation, frames["inflows"], frames["products"], frames["outflows"], frames["water"],
                  frames["energy"], frames["procurement"], disclosures, frames["segments"])


def normalise_table(table_id: str, rows: list[dict]) -> pd.DataFrame:
    """The normalised frame of one list table (validated rows), as :func:`normalise` makes it."""
    df = _frame(table_id, rows)
    _DERIVE[table_id](df)
    return df


def patch_table(table_id: str, frame: pd.DataFrame, positions, rows: list[dict]) -> pd.DataFrame | None:
    """``frame`` (a normalised table) with the lines at ``positions`` replaced by the validated ``rows``
    normalised: the frame :func:`normalise_table` gives for the whole edited table, at the cost of the rows
    edited. None when a replaced value does not fit the column's type (then the table is normalised again)."""
    small = normalise_table(table_id, rows)
    if list(small.columns) != list(frame.columns):
        return None
    pos = np.asarray(positions, dtype=np.intp)
    data = {}
    for c in frame.columns:
        target, values = frame[c].to_numpy(), small[c].to_numpy()
        if target.dtype != values.dtype:
            return None
        out = target.copy()
        out[pos] = values
        data[c] = out
    return pd.DataFrame(data, index=frame.index)


def _derive_inflows(inflows: pd.DataFrame) -> None:
    inflows["mass_t"] = _to_base(inflows, "mass", "mass_unit", "mass")
    _fractions(inflows, "inflows")
    inflows["critical_id"] = _critical_ids(inflows["critical_raw_material"])
    inflows["critical"] = inflows["critical_id"].notna()
    inflows["critical_frac"] = np.where(inflows["critical"], inflows["critical_content_frac"].fillna(1.0), 0.0)
    inflows["critical_mass_t"] = inflows["mass_t"] * inflows["critical_frac"]


def _derive_products(products: pd.DataFrame) -> None:
    products["mass_t"] = _to_base(products, "mass", "mass_unit", "mass")
    _fractions(products, "products")
    products["packaging_mass_t"] = _to_base(products, "packaging_mass", "mass_unit", "mass")


def _derive_outflows(outflows: pd.DataFrame) -> None:
    outflows["mass_t"] = _to_base(outflows, "mass", "mass_unit", "mass")
    _fractions(outflows, "outflows")
    is_waste = outflows["flow_type"] == "waste"
    recovered_route = outflows["destination"].isin(F.RECOVERED_DESTINATIONS)
    outflows["rp_frac"] = outflows["recovery_potential_frac"].where(
        outflows["recovery_potential_frac"].notna(), np.where(is_waste, 1.0, np.nan))
    outflows["ar_frac"] = outflows["actual_recovery_frac"].where(
        outflows["actual_recovery_frac"].notna(), np.where(is_waste & recovered_route, 1.0, 0.0))
    outflows["rp_frac"] = outflows["rp_frac"].astype("float64")
    outflows["ar_frac"] = outflows["ar_frac"].astype("float64")
    outflows["ar_default"] = (is_waste & outflows["actual_recovery_frac"].isna()).astype(bool)
    outflows["critical_id"] = _critical_ids(outflows["critical_raw_material"])
    outflows["critical"] = outflows["critical_id"].notna()


def _derive_water(water: pd.DataFrame) -> None:
    water["volume_m3"] = _to_base(water, "volume", "volume_unit", "volume")


def _derive_energy(energy: pd.DataFrame) -> None:
    energy["energy_mwh"] = _to_base(energy, "amount", "energy_unit", "energy")
    energy["exported"] = (energy["direction"] == "exported").astype(bool)


def _derive_nothing(df: pd.DataFrame) -> None:
    return None


#: the derived columns of each list table, added in place to its frame
_DERIVE = {"inflows": _derive_inflows, "products": _derive_products, "outflows": _derive_outflows,
           "water": _derive_water, "energy": _derive_energy, "procurement": _derive_nothing,
           "segments": _derive_nothing}
