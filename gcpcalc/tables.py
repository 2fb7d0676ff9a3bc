"""Normalised tables: an :class:`~gcpcalc.models.Assessment` as columns in base units.

Mass in tonnes (``mass_t``), volume in cubic metres (``volume_m3``), energy in megawatt-hours
(``energy_mwh``), shares as fractions 0–1 (``*_frac``). The indicator functions take these tables only:
the units and the percent/fraction convention are settled here, once.

Each list table is normalised into numpy columns (:class:`Table`: a float64, bool or object array per field,
then the derived columns). :func:`normalise` and :func:`normalise_columns` give them as pandas DataFrames
(the app, the report and the data views use those); with ``frames=False`` they give the :class:`Table`
columns themselves, which the indicators read the same way (``gcpcalc compute`` does, and so never imports
pandas).

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

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import fields as F
from .columns import code_type
from .units import FACTORS

_PCT_FIELDS = {t: [f.id for f in F.TABLES[t].fields if f.kind == "percent"] for t in F.TABLES}


class Table:
    """One normalised list table as numpy columns of equal length, by name (field order, then the derived
    columns).

    ``t["mass_t"]`` is a column (array); ``t[mask]`` the rows where a boolean array is True; ``t[["a", "b"]]``
    those columns; ``len(t)`` the number of rows; ``"a" in t`` whether there is a column ``a``. The indicators
    use only these, which a pandas DataFrame answers too (with Series for columns), so they read either.
    A selection of rows takes a column from its table when the column is first read. :meth:`frame` gives the
    DataFrame."""

    __slots__ = ("_cols", "_n", "_source", "_mask")

    def __init__(self, cols: dict[str, np.ndarray], n: int, source: "Table | None" = None, mask=None):
        self._cols = cols
        self._n = n
        self._source = source  # the table these rows are selected from (by ``mask``), None for a whole table
        self._mask = mask

    def __len__(self) -> int:
        return self._n

    def __contains__(self, name) -> bool:
        return name in self._cols or (self._source is not None and name in self._source)

    @property
    def columns(self) -> list[str]:
        if self._source is None:
            return list(self._cols)
        return [*self._source.columns, *(c for c in self._cols if c not in self._source)]

    def __getitem__(self, key):
        if isinstance(key, str):
            col = self._cols.get(key)
            if col is None:
                if self._source is None:
                    raise KeyError(key)
                col = self._cols[key] = self._source[key][self._mask]
            elif type(col) is _Pending:  # built when first read
                col = self._cols[key] = col.build()
            return col
        if isinstance(key, list):
            return Table({k: self[k] for k in key}, self._n)
        mask = np.asarray(key)
        if mask.dtype != bool or mask.shape != (self._n,):
            raise TypeError(f"a Table selects rows with a boolean array of length {self._n}")
        return Table({}, int(mask.sum()), self, mask)

    def __setitem__(self, name: str, values) -> None:
        values = np.asarray(values)
        if values.shape != (self._n,):
            raise ValueError(f"column {name!r} has {values.shape} values for {self._n} rows")
        self._cols[name] = values

    def frame(self):
        """The table as a pandas DataFrame (the same columns, dtypes and values; a RangeIndex)."""
        import pandas as pd

        return pd.DataFrame({c: self[c] for c in self.columns})

    def __repr__(self) -> str:
        return f"Table({self._n} rows: {', '.join(self.columns)})"


def as_table(df) -> Table:
    """``df`` as a :class:`Table`: itself when it is one; a pandas DataFrame by its columns' arrays (no copy)."""
    if isinstance(df, Table):
        return df
    return Table({c: df[c].to_numpy() for c in df.columns}, len(df))


@dataclass
class Tables:
    """The normalised tables of one assessment (empty tables have their columns): pandas DataFrames, or
    :class:`Table` columns (``frames=False``)."""

    organisation: dict
    inflows: Any
    products: Any
    outflows: Any
    water: Any
    energy: Any
    procurement: Any
    disclosures: list = None  # rows of the optional disclosures table (datapoint, not_material, narrative)
    #: revenue per segment (business unit / product group) for CTI revenue; optional, may be empty
    segments: Any = None

    @property
    def revenue(self) -> float | None:
        return self.organisation.get("revenue")

    @property
    def currency(self) -> str:
        return self.organisation.get("currency") or "JPY"


def _dtype(f: F.Field) -> str:
    if f.is_numeric:
        return "float64"
    if f.kind == "bool":
        return "bool"
    return "object"


def _objects(col) -> np.ndarray:
    if hasattr(col, "objects"):  # a coded column (gcpcalc.columns.Coded)
        return col.objects()
    out = np.empty(len(col), dtype=object)
    out[:] = col
    return out


def _column(f: F.Field, col) -> np.ndarray:
    """The normalised column of field ``f`` from its values (a list, an array or a coded column)."""
    if f.is_numeric:
        return np.asarray(col, dtype="float64")  # None -> NaN
    if f.kind == "bool":
        if isinstance(col, np.ndarray) and col.dtype == bool:
            return col
        return _objects(col).astype(bool)
    if hasattr(col, "objects"):
        return _known_codes(col)
    return _objects(col)


#: the codes of the object columns built from a coded column (:func:`_known_codes`), by the column's ``id``:
#: (a weak reference to the column, the codes in the smallest integer type, the coded column's values, and
#: once :func:`_codes` has asked, its answer's mapping and distinct values)
_KNOWN: dict[int, list] = {}


def _known_codes(col) -> np.ndarray:
    """The object column of a coded column (:class:`gcpcalc.columns.Coded`), read-only, its codes kept for
    :func:`_codes`: a column of few distinct values (a unit, an enum, a material) is looked at through the
    codes it came with, not coded again row by row. Read-only, so that the codes always describe it; the
    entry goes when the column does."""
    import weakref

    out = col.objects()
    out.flags.writeable = False
    key = id(out)
    k = len(col.values)
    codes = np.asarray(col.codes).astype(code_type(k))  # a copy: the column's own codes are never changed

    def forget(ref, key=key) -> None:
        entry = _KNOWN.get(key)
        if entry is not None and entry[0] is ref:
            del _KNOWN[key]

    _KNOWN[key] = [weakref.ref(out, forget), codes, list(col.values), None]
    return out


def _codes_known(values) -> tuple[np.ndarray, list] | None:
    """:func:`_codes` of a column of :func:`_known_codes`, from its codes; None for any other array."""
    entry = _KNOWN.get(id(values))
    if entry is None or entry[0]() is not values:
        return None
    ref, codes, coded_values, answer = entry
    if answer is None:
        # the distinct values in the order they first appear: the first row of each code
        first = np.full(len(coded_values), len(codes), dtype=np.intp)
        np.minimum.at(first, codes, np.arange(len(codes), dtype=np.intp))
        remap = np.full(len(coded_values), -1, dtype=np.intp)
        distinct: list = []
        for c in np.argsort(first, kind="stable").tolist():
            v = coded_values[c]
            if first[c] == len(codes) or v is None or v != v:  # a value no row holds; a null
                continue
            remap[c] = len(distinct)
            distinct.append(v)
        answer = entry[3] = (remap, distinct)
    remap, distinct = answer
    return remap[codes], list(distinct)


def _table(table_id: str, rows: list[dict]) -> Table:
    table = F.TABLES[table_id]
    n = len(rows)
    if not n:
        return Table({f.id: np.empty(0, dtype=_dtype(f)) for f in table.fields}, 0)
    return Table({f.id: _column(f, [r.get(f.id) for r in rows]) for f in table.fields}, n)


def _table_from_columns(table_id: str, fids, cols, n: int) -> Table:
    """The table of :func:`_table` from a table in the transport form of :mod:`gcpcalc.intake.transport`
    (field ids, one column per field): the same columns, dtypes and values, without per-row dicts."""
    table = F.TABLES[table_id]
    if not n:
        return _table(table_id, [])
    if fids is None:  # rows with different keys, sent as they are
        return _table(table_id, cols)
    given = dict(zip(fids, cols))
    return Table({f.id: _Pending(f, given[f.id]) if hasattr(given.get(f.id), "objects")
                  else _column(f, given[f.id] if given.get(f.id) is not None else [None] * n)
                  for f in table.fields}, n)


class _Pending:
    """A coded column of a :class:`Table`, made a numpy column (:func:`_column`) when the table first reads it:
    the columns no figure reads (a description, a supplier) are never built."""

    __slots__ = ("field", "coded")

    def __init__(self, field: F.Field, coded):
        self.field, self.coded = field, coded

    def build(self) -> np.ndarray:
        return _column(self.field, self.coded)


def _codes(values: np.ndarray) -> tuple[np.ndarray, list]:
    """(the code of each value, the distinct values in the order they first appear) of an object column; code -1
    for None and NaN. Each distinct value is looked at once, the rows are coded through a dict in C."""
    known = _codes_known(values)
    if known is not None:
        return known
    rows = values.tolist()
    lookup = dict.fromkeys(rows)
    distinct: list = []
    for v in lookup:
        if v is None or v != v:
            lookup[v] = -1
        else:
            lookup[v] = len(distinct)
            distinct.append(v)
    return np.fromiter(map(lookup.__getitem__, rows), dtype=np.intp, count=len(rows)), distinct


def _present(values: np.ndarray) -> np.ndarray:
    """True where an object column holds a value (not None, not NaN)."""
    if values.dtype != object:
        return ~np.isnan(values)
    known = _codes_known(values)
    if known is not None:  # code -1: None or NaN
        return known[0] >= 0
    return np.asarray((values != None) & (values == values), dtype=bool)  # noqa: E711 - elementwise


def per_distinct(values, func, missing=None, dtype=object) -> np.ndarray:
    """``func(value)`` for each row of an object column, called once per distinct value; ``missing`` for None
    and NaN."""
    codes, distinct = _codes(np.asarray(values, dtype=object))
    table = np.empty(len(distinct) + 1, dtype=dtype)
    table[:] = [func(v) for v in distinct] + [missing]
    return table[codes]  # code -1 takes the last entry: missing


def mapped(values: np.ndarray, mapping: dict, missing=None, dtype=object) -> np.ndarray:
    """Each value of an object column through ``mapping`` (``missing`` where it has no entry, and for None and
    NaN), each distinct value looked up once."""
    return per_distinct(values, lambda v: mapping.get(v, missing), missing, dtype)


def _to_base(t: Table, value_col: str, unit_col: str, kind: str) -> np.ndarray:
    return t[value_col] * mapped(t[unit_col], FACTORS[kind], np.nan, dtype="float64")


def _fractions(t: Table, table_id: str) -> None:
    for fid in _PCT_FIELDS[table_id]:
        t[fid.removesuffix("_pct") + "_frac"] = t[fid] / 100.0


def _critical_ids(values: np.ndarray) -> np.ndarray:
    """The listed critical-material id of each typed value (None for blank or blank-like), each distinct
    spelling resolved once. Unknown text never reaches here: validation refuses it."""
    from .critical import resolve

    return per_distinct(values, lambda v: resolve(v).material_id)


def _derive_inflows(t: Table) -> None:
    t["mass_t"] = _to_base(t, "mass", "mass_unit", "mass")
    _fractions(t, "inflows")
    t["critical_id"] = _critical_ids(t["critical_raw_material"])
    t["critical"] = _present(t["critical_id"])
    content = t["critical_content_frac"]
    t["critical_frac"] = np.where(t["critical"], np.where(np.isnan(content), 1.0, content), 0.0)
    t["critical_mass_t"] = t["mass_t"] * t["critical_frac"]


def _derive_products(t: Table) -> None:
    t["mass_t"] = _to_base(t, "mass", "mass_unit", "mass")
    _fractions(t, "products")
    t["packaging_mass_t"] = _to_base(t, "packaging_mass", "mass_unit", "mass")


def _derive_outflows(t: Table) -> None:
    t["mass_t"] = _to_base(t, "mass", "mass_unit", "mass")
    _fractions(t, "outflows")
    is_waste = t["flow_type"] == "waste"
    recovered_route = isin(t["destination"], F.RECOVERED_DESTINATIONS)
    rp, ar = t["recovery_potential_frac"], t["actual_recovery_frac"]
    rp_given, ar_given = ~np.isnan(rp), ~np.isnan(ar)
    t["rp_frac"] = np.where(rp_given, rp, np.where(is_waste, 1.0, np.nan)).astype("float64")
    t["ar_frac"] = np.where(ar_given, ar, np.where(is_waste & recovered_route, 1.0, 0.0)).astype("float64")
    t["ar_default"] = (is_waste & ~ar_given).astype(bool)
    t["critical_id"] = _critical_ids(t["critical_raw_material"])
    t["critical"] = _present(t["critical_id"])


def _derive_water(t: Table) -> None:
    t["volume_m3"] = _to_base(t, "volume", "volume_unit", "volume")


def _derive_energy(t: Table) -> None:
    t["energy_mwh"] = _to_base(t, "amount", "energy_unit", "energy")
    t["exported"] = (t["direction"] == "exported").astype(bool)


def _derive_nothing(t: Table) -> None:
    return None


#: the derived columns of each list table, added to its columns
_DERIVE = {"inflows": _derive_inflows, "products": _derive_products, "outflows": _derive_outflows,
           "water": _derive_water, "energy": _derive_energy, "procurement": _derive_nothing,
           "segments": _derive_nothing}

_FRAMES = ("inflows", "products", "outflows", "water", "energy", "procurement", "segments")


def normalise(assessment, frames: bool = True) -> Tables:
    """Normalise a validated assessment into base-unit tables (vectorised, no per-row arithmetic in Python):
    DataFrames, or :class:`Table` columns when ``frames`` is False."""
    tables = {tid: _table(tid, getattr(assessment, tid, None) or []) for tid in _FRAMES}
    disclosures = [dict(r) for r in (getattr(assessment, "disclosures", None) or [])]
    return _normalise(dict(assessment.organisation), tables, disclosures, frames)


def normalise_columns(packed: tuple, frames: bool = True, prepared: dict | None = None) -> Tables:
    """:func:`normalise` of an assessment given in the transport form of :mod:`gcpcalc.intake.transport`
    (as the isolated reader hands it back): the same tables, built from the columns without rebuilding
    the rows as dicts. ``prepared``: table id -> (the table in the transport form, :func:`prepare_columns` of
    it), made earlier (a table that arrived ahead of the rest); used where the packed table is that one."""
    from .columns import table_rows

    organisation, tables, _ = packed
    built, derived = {}, set()
    for tid in _FRAMES:
        entry = tables.get(tid)
        ready = (prepared or {}).get(tid)
        if ready is not None and entry is not None and ready[0] is entry:
            built[tid] = ready[1]
            derived.add(tid)
        else:
            built[tid] = _table_from_columns(tid, *entry) if entry is not None else _table(tid, [])
    disclosures = [dict(r) for r in table_rows(*tables["disclosures"])] if "disclosures" in tables else []
    return _normalise(dict(organisation), built, disclosures, frames, derived)


def prepare_columns(table_id: str, entry: tuple) -> Table:
    """One list table in the transport form, normalised as :func:`normalise_columns` normalises it (for a table
    that arrives before the others: see ``prepared`` there)."""
    t = _table_from_columns(table_id, *entry)
    _DERIVE[table_id](t)
    return t


def _normalise(organisation: dict, tables: dict[str, Table], disclosures: list[dict], frames: bool,
               derived: set = frozenset()) -> Tables:
    for tid in _FRAMES:
        if tid not in derived:
            _DERIVE[tid](tables[tid])
    if frames:
        tables = {tid: t.frame() for tid, t in tables.items()}
    return tables_from_frames(organisation, tables, disclosures)


def tables_from_frames(organisation: dict, frames: dict, disclosures: list[dict]) -> Tables:
    """:class:`Tables` of normalised frames (each from :func:`normalise_table` or :func:`patch_table`)."""
    return Tables(organisation, frames["inflows"], frames["products"], frames["outflows"], frames["water"],
                  frames["energy"], frames["procurement"], disclosures, frames["segments"])


def normalise_table(table_id: str, rows: list[dict]):
    """The normalised frame (DataFrame) of one list table (validated rows), as :func:`normalise` makes it."""
    t = _table(table_id, rows)
    _DERIVE[table_id](t)
    return t.frame()


def patch_table(table_id: str, frame, positions, rows: list[dict]):
    """``frame`` (a normalised table) with the lines at ``positions`` replaced by the validated ``rows``
    normalised: the frame :func:`normalise_table` gives for the whole edited table, at the cost of the rows
    edited. None when a replaced value does not fit the column's type (then the table is normalised again)."""
    import pandas as pd

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


# ------------------------------------------------------------------------------------------------
# column helpers for the indicators (a column of a Table or of a DataFrame)
# ------------------------------------------------------------------------------------------------


def column(t, name: str, dtype=None) -> np.ndarray:
    """Column ``name`` of a :class:`Table` or a DataFrame as a numpy array (of ``dtype`` when given)."""
    return np.asarray(t[name], dtype=dtype)


def present(values) -> np.ndarray:
    """True where a column holds a value: not None and not NaN (pandas' ``notna``)."""
    values = np.asarray(values)
    if values.dtype.kind in "fc":
        return ~np.isnan(values)
    if values.dtype != object:
        return np.ones(len(values), dtype=bool)
    return _present(values)


def isin(values, options) -> np.ndarray:
    """True where a column's value is one of ``options`` (pandas' ``isin``; None and NaN are in none)."""
    return mapped(values, dict.fromkeys(options, True), False, dtype=bool)


def group_sums(keys, values) -> dict:
    """{key: Σ values} over the rows of each distinct key (None and NaN keys left out), in the order keys first
    appear: pandas' ``groupby(sort=False).sum()``. NaN values count as 0, as pandas skips them; each sum is
    correctly rounded (:func:`math.fsum`), as close as pandas' compensated group sums come."""
    codes, distinct = _codes(np.asarray(keys, dtype=object))
    values = np.asarray(values, dtype="float64")
    values = np.where(np.isnan(values), 0.0, values)
    if len(distinct) <= 16:  # few groups: one mask each
        return {k: math.fsum(values[codes == i].tolist()) for i, k in enumerate(distinct)}
    idx = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[idx], np.arange(-1, len(distinct) + 1)).tolist()  # code -1 first, left out
    ordered = values[idx].tolist()
    return {k: math.fsum(ordered[bounds[i + 1]:bounds[i + 2]]) for i, k in enumerate(distinct)}


def has_text(values) -> np.ndarray:
    """True where an object column holds a text that is not blank once stripped (None and NaN are blank)."""
    return per_distinct(values, lambda v: str(v).strip() != "", False, bool)


def factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """(the code of each value, the distinct values in the order they first appear, as an object array), code
    -1 for None and NaN: pandas' ``factorize``."""
    values = _objects(values) if not (isinstance(values, np.ndarray) and values.dtype == object) else values
    codes, distinct = _codes(values)
    uniques = np.empty(len(distinct), dtype=object)
    uniques[:] = distinct
    return codes, uniques


def unique_in_order(values) -> list:
    """The distinct values of an array in the order they first appear (pandas' ``unique``)."""
    return list(dict.fromkeys(np.asarray(values).tolist()))
