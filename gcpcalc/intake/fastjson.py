"""The fast path of a valid JSON assessment: decoded straight into columns, checked column by column.

A JSON document is decoded by msgspec into typed structs generated from the data dictionary
(:mod:`gcpcalc.fields`: types, ranges, allowed values and units, unknown fields refused), and each table is
turned into one column per field. The inflows and outflows are decoded a piece of JSON text of about 64 kB at a
time (:func:`_pieces`), each piece's values gathered into columns while they are still in the processor's cache
(:class:`_PieceColumns`); a table whose pieces do not all decode is read whole, which decides. The defaults, the rules across fields, the unique ids and the plausibility
checks of :mod:`gcpcalc.rules` and :mod:`gcpcalc.intake.sanity` are then checked on the columns; the two
large tables (inflows and outflows) never become per-row dicts here.

The fast path only says yes or "not sure". It returns ``None`` (the caller then reads the document the
ordinary way, through pydantic, which is the contract and gives every message) whenever anything is not
plainly valid as written: a decoding or type error, text with blanks around it, a duplicate id, a rule that
would give an error, an implausible magnitude, a text too long for an Excel cell. The only messages it
gives itself are the warnings of the critical-materials rules, produced by the very functions of
:mod:`gcpcalc.rules` on the few rows concerned. Tests compare both paths on valid documents and on
documents with errors and warnings.

The larger of the two large tables is read in a forked process of its own while this process checks the
organisation and reads the other tables (one core each; :func:`_fork_table`); the result and the messages are
those of reading the tables one after the other. A document read here does not import the models
(:mod:`gcpcalc.models`, pydantic): the checks of the rows the decoder has validated are those the models run
after pydantic's validation, in :mod:`gcpcalc.rules`.

The result is the transport form of :mod:`gcpcalc.intake.transport` (a tuple of columns per table).
"""
from __future__ import annotations

import datetime as dt
import re
from itertools import chain
from typing import Annotated, Any, Literal, Optional

from .. import fields as F
from ..columns import Coded, code_type, narrow_codes
from .transport import Pickled
from ..units import allowed_units

#: tables checked column by column (the others, small in practice, go through the row checks of rules.py)
COLUMNAR = ("inflows", "outflows")
_doc_type: Any = None


class _NotSure(Exception):
    """Raised inside the fast path: the ordinary path must read the document."""


def _annotation(f: F.Field, msgspec) -> Any:
    if f.kind in ("number", "percent"):
        meta = {}
        if f.minimum is not None:
            meta["gt" if f.exclusive_minimum else "ge"] = f.minimum
        if f.maximum is not None:
            meta["le"] = f.maximum
        base: Any = Annotated[float, msgspec.Meta(**meta)] if meta else float
    elif f.kind == "bool":
        base = bool
    elif f.kind == "enum":
        base = Literal[f.allowed]  # type: ignore[valid-type]
    elif f.kind == "unit":
        base = Literal[allowed_units(f.unit_kind)]  # type: ignore[valid-type]
    elif f.kind == "date":
        base = dt.date
    else:  # text: a required text must not be empty (blank text is refused below)
        base = Annotated[str, msgspec.Meta(min_length=1)] if f.required else str
    return base if f.required else Optional[base]


def document_type():
    """The msgspec struct of a whole JSON document (built once)."""
    global _doc_type
    if _doc_type is None:
        import msgspec

        structs = {}
        for t in F.TABLES.values():
            # every optional field defaults to None here: absent and null are both filled with the
            # dictionary's default afterwards, as the ordinary path does
            fields = [(f.id, _annotation(f, msgspec)) if f.required else (f.id, _annotation(f, msgspec), None)
                      for f in t.fields]
            structs[t.id] = msgspec.defstruct(f"Fast_{t.id}", fields, kw_only=True, forbid_unknown_fields=True,
                                              gc=False)
            if structs[t.id].__struct_fields__ != tuple(t.field_ids):  # _extract reads the values in this order
                raise RuntimeError(f"the fields of {t.id} are not in dictionary order")  # pragma: no cover
        # the tables are kept as raw JSON and decoded one at a time (:class:`_Tables`): the rows of one table
        # are in memory at once, not those of every table
        doc_fields: list = [("organisation", structs["organisation"])]
        doc_fields += [(tid, msgspec.Raw, msgspec.Raw(b"[]")) for tid in F.LIST_TABLES]
        _doc_type = (msgspec.defstruct("FastDocument", doc_fields, kw_only=True, forbid_unknown_fields=True),
                     {tid: list[structs[tid]] for tid in F.LIST_TABLES})  # type: ignore[valid-type]
    return _doc_type


class _Tables:
    """A decoded document whose tables are decoded on each access (``doc.inflows``: the list of row structs,
    ``_NotSure`` when the table does not decode as valid rows); ``doc.organisation`` is the organisation."""

    def __init__(self, doc, types: dict, data: bytes | None = None, spans: dict | None = None):
        self._doc = doc
        self._types = types
        self._data = data
        # tables decoded around (:func:`_around`): table id -> (its text, where it lies in the document's bytes)
        self._spans = spans or {}
        self.organisation = doc.organisation

    def span(self, tid: str) -> tuple[int, int]:
        """Where the JSON text of table ``tid`` lies in the document's bytes (``msgspec.Raw`` points into
        them): its first and one past its last byte."""
        import numpy as np

        if tid in self._spans:
            return self._spans[tid][1]

        def address(buffer) -> int:
            return np.frombuffer(buffer, dtype=np.uint8).ctypes.data if len(buffer) else 0

        start = address(self.raw(tid)) - address(self._data)
        if self._spans:  # decoded around the large tables: from the bytes decoded to the document's
            (a, b), (c, d) = sorted(span for _, span in self._spans.values())
            start += 0 if start < a else (b - a - 2) if start < a + 2 + (c - b) else (b - a) + (d - c) - 4
        return start, start + len(self.raw(tid))

    def row_type(self, tid: str):
        """The msgspec type of the rows of table ``tid`` (a list of its row structs)."""
        return self._types[tid]

    def raw(self, tid: str):
        """The JSON text of table ``tid`` as written (a ``msgspec.Raw``; ``[]`` when the document has none)."""
        if tid in self._spans:
            return self._spans[tid][0]
        return getattr(self._doc, tid)

    def blocks(self, tid: str, size: int):
        """The row structs of table ``tid``, ``size`` rows at a time (``_NotSure`` as for the whole table)."""
        import msgspec

        try:
            rows = msgspec.json.decode(self.raw(tid), type=list[msgspec.Raw])
            for start in range(0, len(rows), size):
                yield msgspec.json.decode(b"[" + b",".join(rows[start:start + size]) + b"]", type=self._types[tid])
        except (msgspec.ValidationError, msgspec.DecodeError):
            raise _NotSure from None

    def __getattr__(self, tid: str):
        import msgspec

        if tid not in self._types:
            raise AttributeError(tid)
        try:
            return msgspec.json.decode(self.raw(tid), type=self._types[tid])
        except (msgspec.ValidationError, msgspec.DecodeError):
            raise _NotSure from None


def _distinct(col) -> set:
    values = set(col)
    values.discard(None)
    return values


def _extract(table: F.Table, rows: list, chunk: int = 4096) -> list[list]:
    """One list per field (in dictionary order, the order of the struct's fields), a block of rows at a time:
    each row's values as a tuple (``msgspec.structs.astuple``), the block's tuples turned into one per field
    by ``zip`` (in C; the block stays in the CPU cache: about twice as fast as a pass over all rows per
    field)."""
    from msgspec.structs import astuple

    raws: list[list] = [[] for _ in table.fields]
    for start in range(0, len(rows), chunk):
        for raw, values in zip(raws, zip(*map(astuple, rows[start:start + chunk]))):
            raw.extend(values)
    return raws


def _columns(table: F.Table, rows: list) -> tuple[list, list[set]]:
    """One column per field (in dictionary order), defaults filled; ``_NotSure`` on doubt."""
    return _complete_columns(table, _extract(table, rows), len(rows))


def _complete_columns(table: F.Table, raws: list, n: int) -> tuple[list, list[set]]:
    """The columns of :func:`_columns` from one column of valid values per field (``None`` for a null; a number
    column as a list or as a float64 array with NaN for a null).

    Numbers are float64 arrays (NaN where the value is null: JSON has no NaN), yes/no fields without a
    null are bool arrays, every other column is a list of the decoded values. Also returns the distinct
    values of each text column."""
    import numpy as np

    from .sanity import EXCEL_CELL_CHARS

    cols: list = []
    texts: list[set] = []
    for f, raw in zip(table.fields, raws):
        fill = not f.required and f.default is not None
        if f.is_numeric:
            col = _floats(raw, np)
            if fill:
                nulls = np.isnan(col)
                if nulls.any():
                    col[nulls] = f.default
        elif isinstance(raw, Coded):  # coded a block of rows at a time (see _BlockColumns)
            col, distinct = _complete_coded(f, raw, n, fill)
            if f.kind == "text":
                texts.append(distinct - {None})
        else:
            distinct = set(raw)
            if None in distinct:
                if fill:
                    default = f.default
                    # every value null (a field left out): every value the default
                    raw = [default] * n if len(distinct) == 1 else [default if v is None else v for v in raw]
                    distinct.discard(None)
                    distinct.add(default)
            if f.kind == "bool" and None not in distinct:
                col = np.array(raw, dtype=bool)
            elif len(distinct) * 4 <= n:  # few distinct values: sent as codes, one byte a row when they fit
                values = list(distinct)
                if len(values) == 1:
                    codes = np.zeros(n, dtype=code_type(1))
                else:
                    index = {v: i for i, v in enumerate(values)}
                    codes = np.fromiter(map(index.__getitem__, raw), dtype=code_type(len(values)), count=n)
                col = Coded(codes, values)
            else:
                col = raw
            if f.kind == "text":
                distinct.discard(None)
                texts.append(distinct)
            if f.unique:
                if len(distinct) - (None in distinct) != n - raw.count(None):
                    raise _NotSure  # a repeated id: the ordinary path reports it
        cols.append(col)
    # blanks around a text are stripped by pydantic, with its own notion of a blank: not sure here. One
    # search over the distinct texts, each between two NULs, finds a blank next to a NUL (a NUL inside a
    # text can only add a match, never hide one)
    if texts:
        joined = "\0" + "\0".join(chain.from_iterable(texts)) + "\0"
        if _blank_at_an_end(joined) or _longest(joined, texts) > EXCEL_CELL_CHARS:
            raise _NotSure  # a text too long for an Excel cell: the plausibility checks say so
    # numbers: a value of 1e30 or more (perhaps an integer of more than 30 digits, which the reader refuses)
    # fails the plausibility checks; percentages are 100 at most
    return cols, texts


_BLANK_AT_END = re.compile(r"\0\s|\s\0")
#: the ASCII characters the regular expression's ``\s`` matches
_ASCII_BLANKS = tuple(c for c in map(chr, range(128)) if re.fullmatch(r"\s", c))


def _blank_at_an_end(joined: str) -> bool:
    """Whether :data:`_BLANK_AT_END` matches ``joined``: for ASCII text (ids, codes), a search for each blank
    next to a NUL, several times faster than the regular expression's pass."""
    if joined.isascii():  # a blank not in the text at all (one fast search for one character) is not next to a NUL
        return any(c in joined and (("\0" + c) in joined or (c + "\0") in joined) for c in _ASCII_BLANKS)
    return _BLANK_AT_END.search(joined) is not None


def _longest(joined: str, texts: list[set]) -> int:
    """The length of the longest text of ``texts``, joined in ``joined`` (each text between two NULs): the
    largest distance between two NULs, found on the joined text's code points, unless a text holds a NUL
    itself (then, as when the joined text cannot be encoded, each text's length)."""
    import numpy as np

    count = sum(map(len, texts))
    if count and joined.count("\0") == count + 1:
        try:
            points = (np.frombuffer(joined.encode("ascii"), dtype=np.uint8) if joined.isascii()
                      else np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32))
        except UnicodeEncodeError:  # a lone surrogate (a JSON escape such as \ud800)
            pass
        else:
            return int(np.diff(np.flatnonzero(points == 0)).max()) - 1
    return max((max(map(len, vals), default=0) for vals in texts), default=0)


def _floats(raw, np):
    """A number column as a float64 array, NaN for a null (``None``)."""
    if isinstance(raw, list):
        try:  # every value a number (the usual case): read without looking for nulls
            return np.fromiter(raw, dtype=np.float64, count=len(raw))
        except TypeError:  # a null among them
            pass
    return np.array(raw, dtype=np.float64)  # None -> NaN


def _complete_coded(f: F.Field, raw: Coded, n: int, fill: bool) -> tuple[Any, set]:
    """The column of :func:`_complete_columns` (and its distinct values) from a coded column whose ``values``
    are distinct (``None`` among them for a null) and each held by some row: the same column as from the list
    of the row values. A unique field (an id) never comes coded: its repeats are found on its list."""
    import numpy as np

    codes, values = raw.codes, list(raw.values)
    if None in values and fill:
        empty = values.index(None)
        if f.default in values:  # the nulls take the default's code; the codes above the null's move down one
            shift = np.arange(len(values), dtype=np.int32)
            shift[empty + 1:] -= 1
            shift[empty] = shift[values.index(f.default)]
            del values[empty]
            codes = shift[codes]
        else:
            values[empty] = f.default
    distinct = set(values)
    if f.kind == "bool" and None not in distinct:
        return np.array(values, dtype=bool)[codes], distinct
    if len(distinct) * 4 <= n:  # few distinct values: sent as codes, one byte a row when they fit
        return Coded(narrow_codes(codes, len(values)), values), distinct
    return Coded(codes, values).tolist(), distinct


class _BlockColumns:
    """The columns of a large table gathered a block of rows at a time (see :data:`BLOCK_MIN_BYTES`), in a
    compact form as they come: a float64 array per number field, a list per unique field (the ids), codes
    for every other field (each distinct value kept once). :meth:`raws` gives them as :func:`_complete_columns`
    takes them."""

    def __init__(self, table: F.Table):
        self._fields = table.fields
        self._parts: list[list] = [[] for _ in table.fields]
        self._index: list[dict | None] = [None if f.is_numeric or f.unique else {} for f in table.fields]
        self.n = 0

    def add(self, block: list[list]) -> None:
        """Add one block: one list of row values per field (as :func:`_extract` gives them)."""
        import numpy as np

        for f, parts, index, col in zip(self._fields, self._parts, self._index, block):
            if f.is_numeric:
                parts.append(_floats(col, np))
            elif index is None:
                parts.extend(col)
            else:
                for v in dict.fromkeys(col):
                    if v not in index:
                        index[v] = len(index)
                parts.append(np.fromiter(map(index.__getitem__, col), dtype=np.int32, count=len(col)))
        self.n += len(block[0]) if block else 0

    def raws(self) -> list:
        import numpy as np

        out: list = []
        for f, parts, index in zip(self._fields, self._parts, self._index):
            if f.is_numeric:
                out.append(np.concatenate(parts) if parts else np.empty(0))
            elif index is None:
                out.append(parts)
            else:
                out.append(Coded(np.concatenate(parts) if parts else np.empty(0, dtype=np.int32), list(index)))
        return out


def _plausible(table: F.Table, cols: list, texts: list[set]) -> None:
    """``_NotSure`` unless :func:`gcpcalc.intake.sanity.check_rows` would find nothing to look at."""
    import math

    import numpy as np

    from ..units import factor
    from .sanity import _MAX_FACTOR, MAX_BASE_QUANTITY, MAX_OTHER_NUMBER, _unit_kind

    n = len(cols[0]) if cols else 0
    by_id = dict(zip(table.field_ids, cols))
    for f, col in zip(table.fields, cols):
        if f.kind == "number":
            present = col[~np.isnan(col)]
            biggest = float(np.abs(present).max()) if len(present) else 0.0
            kind = _unit_kind(table, f)
            scale = _MAX_FACTOR.get(kind, 1.0) if kind else 1.0
            limit = MAX_BASE_QUANTITY if kind else MAX_OTHER_NUMBER
            if math.isfinite(biggest) and biggest * scale * max(n, 1) < 1e300 and biggest * scale <= limit:
                continue  # check_rows looks no further at this column
            if kind is None or not (math.isfinite(biggest) and n < 1e280):
                raise _NotSure
            # check_rows looks at each line in its own unit: |value| x factor(unit) over 1e12 is an error; no
            # error means a finite total (at most n x 1e12)
            unit_col = by_id[f.unit]
            default = table.field(f.unit).default
            try:
                if isinstance(unit_col, Coded):
                    scales = np.array([factor(kind, u or default) for u in unit_col.values],
                                      dtype=np.float64)[unit_col.codes]
                else:
                    factors = {u: factor(kind, u or default) for u in set(unit_col)}
                    scales = np.array([factors[u] for u in unit_col], dtype=np.float64)
            except (KeyError, TypeError):  # pragma: no cover - units are checked by the decoder
                raise _NotSure from None
            if bool((np.abs(col) * scales > limit).any()):
                raise _NotSure


def _rule_errors(table: F.Table, cols: list) -> bool:
    """True when a rule across fields of :func:`gcpcalc.rules._rules` (other than the critical-materials
    rules, checked below) would report an error on these (completed) columns."""
    import numpy as np

    c = dict(zip(table.field_ids, cols))
    if table.id == "inflows":
        # the same additions, in the same order, as the rule: the same floats
        total = c["recycled_preconsumer_pct"] + c["recycled_postconsumer_pct"] + c["reused_pct"] + c["renewable_pct"]
        return bool((total > 100.0 + F.SUM_TOLERANCE_PCT).any())
    if table.id == "outflows":
        flow, destination = c["flow_type"], c["destination"]
        waste = _each(flow, lambda v: v == "waste", np)
        if (waste & _each(destination, lambda v: v is None, np)).any():
            return True
        other = ~waste & _each(flow, lambda v: v is not None, np)
        return bool((other & (np.isnan(c["recovery_potential_pct"]) | np.isnan(c["actual_recovery_pct"]))).any())
    raise ValueError(table.id)  # pragma: no cover - only the tables of COLUMNAR come here


def _each(col, test, np):
    """``test`` of each row's value of a text column as a bool array: on each distinct value of a coded column,
    on each row of a list."""
    if isinstance(col, Coded):
        return np.array([test(v) for v in col.values], dtype=bool)[col.codes]
    return np.fromiter(map(test, col), dtype=bool, count=len(col))


def _python(col, i: int):
    """The value of row ``i`` of a column, as the ordinary path holds it (a float or None, a bool, ...)."""
    if isinstance(col, list):
        return col[i]
    if isinstance(col, Coded):
        return col.values[col.codes[i]]
    x = col[i].item()
    return None if x != x else x  # NaN is a null


def _critical_messages(table: F.Table, cols: list) -> list:
    """The critical-materials rules (``rules._critical_rules``) on the rows that would give a message: each
    distinct material text is resolved once; the rows are numbered as in the input."""
    import numpy as np

    from ..critical import default_list, resolve

    fids = table.field_ids
    col = cols[fids.index("critical_raw_material")]
    has_content = "critical_content_pct" in fids
    content = cols[fids.index("critical_content_pct")] if has_content else None
    # each row's kind of material text: 0 none given, 1 not on the list, 2 a blank-like word ("none"), 3 listed
    if isinstance(col, Coded):
        values, codes = col.values, col.codes
    else:
        values = list(_distinct(col)) + [None]
        index = {v: i for i, v in enumerate(values)}
        codes = np.fromiter(map(index.__getitem__, col), dtype=np.int32, count=len(col))
    cl = None
    kinds = []
    for text in values:
        if text is None:
            kinds.append(0)
            continue
        cl = cl or default_list()
        st = resolve(text, cl).status
        kinds.append(1 if st == "unknown" else 2 if st == "none" else 3)
    kind = np.array(kinds, dtype=np.int8)[codes]
    if has_content:
        given = ~np.isnan(content)
        concerned = (kind == 1) | (((kind == 0) | (kind == 2)) & given) | ((kind == 3) & ~given)
    else:
        concerned = kind == 1
    out: list = []
    rows = np.flatnonzero(concerned).tolist()
    if rows:
        from ..rules import _critical_rules
    for i in rows:
        row = {fid: _python(c, i) for fid, c in zip(fids, cols)}
        out.extend(_critical_rules(table, [row], lambda *a: True, i + 1))
    return out


def read_columns(data: bytes, forward: bool = False):
    """The transport form (see :func:`gcpcalc.intake.transport.pack`) of a document that is valid as
    written, or ``None`` when the ordinary path must read it.

    ``forward`` (in the reading child, whose result is pickled to its parent): the table read in a forked
    process stays as that process pickled it (:class:`gcpcalc.intake.transport.Pickled`), unpickled only
    where the result arrives, rather than unpickled here and pickled again."""
    try:
        import msgspec
    except ImportError:  # pragma: no cover - msgspec is a dependency; without it, the ordinary path
        return None
    if data[:3] == b"\xef\xbb\xbf":  # the byte order mark, as "utf-8-sig" reads it
        data = data[3:]
    doc_type, table_types = document_type()
    early = _fork_early(data, table_types, forward)
    try:
        doc = _around(data, doc_type, table_types, early[0], early[2]) if early is not None else None
        if doc is None:
            try:
                doc = _Tables(msgspec.json.decode(data, type=doc_type), table_types, data)
            except (msgspec.ValidationError, msgspec.DecodeError):
                return None
        try:
            return _check(doc, early, forward)
        except _NotSure:
            return None
    finally:
        if early is not None:
            early[1].close()


def _around(data: bytes, doc_type, types: dict, first: str, first_span: tuple[int, int]):
    """The document decoded around its two large tables (:class:`_Tables`, whose ``raw`` and ``span`` of those
    tables point into ``data``), or ``None`` (decode it whole). ``first``, ``first_span``: the table read early
    and where :func:`_fork_early` took it to lie.

    A whole decode reads every byte of the document (0.8 s for a million lines of each), while the rows of the
    two tables are read again anyway, each by the process that reads that table. Here each table is taken to
    run from its key's ``[`` to its first "}" + "]" (:func:`_table_end`, as the early reader takes it), and the
    document with ``[]`` in place of both, a few kB, is decoded instead. That decoded document is kept only when
    it is valid and its two tables are exactly the two ``[]``: a table's rows are then decoded on their own
    (each is a JSON array, or the reading says "not sure"), and a JSON value replaced by another leaves a valid
    document valid, so the document is valid as written with those two tables. A guess that cuts a text (a
    text holding "}]") leaves a cut document that does not decode: the document is then decoded whole."""
    import msgspec

    other = next(t for t in COLUMNAR if t != first)
    spans = {first: first_span}
    key = b'"' + other.encode() + b'"'
    at = first_span[1]
    while (at := data.find(key, at)) >= 0:  # the other table's key after the first table
        found = _TABLE_KEY.match(data, at)
        if found is not None:
            break
        at += 1
    if at < 0:
        return None
    spans[other] = (found.end(), _table_end(data, found.end()))
    if spans[other][1] is None:
        return None
    (a, b), (c, d) = sorted(spans.values())
    cut = b"".join((data[:a], b"[]", data[b:c], b"[]", data[d:]))
    try:
        doc = _Tables(msgspec.json.decode(cut, type=doc_type), types, cut)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    for tid, (start, _) in spans.items():
        at = a if start == a else a + 2 + (c - b)
        if doc.span(tid) != (at, at + 2):
            return None
    return _Tables(doc._doc, types, cut, spans={tid: (msgspec.Raw(memoryview(data)[s:e]), (s, e))
                                                for tid, (s, e) in spans.items()})


def _check(doc, early: tuple | None = None, forward: bool = False) -> tuple:
    from .sanity import check_rows

    # the larger of the two large tables is read in a process of its own while this one checks the organisation
    # and reads the other tables: one core each. A table whose reading began before the document was decoded
    # (:func:`_fork_early`) is kept when it is large, and not less than half the other one
    larger = max(COLUMNAR, key=lambda tid: len(doc.raw(tid)))
    span = None  # where the table read early lies in the document
    if early is not None and _worth_keeping(doc, early[0]):
        larger, forked, _ = early
        span = doc.span(larger)
    else:
        if early is not None:
            early[1].close()
        forked = _fork_table(doc, larger, forward)
    try:
        from ..rules import _check_organisation

        org_table = F.ORGANISATION
        org = {f.id: getattr(doc.organisation, f.id) for f in org_table.fields}
        org, messages = _check_organisation(org)  # fills the defaults
        if org is None or check_rows(org_table, [org], first_row=None) or _blank_around(org_table, [org]):
            raise _NotSure
        read = {tid: _one_table(doc, tid) for tid in F.LIST_TABLES if forked is None or tid != larger}
        if forked is not None:
            if forward:  # this process's large table goes to the parent while the forked process still reads
                from .isolate import send_ahead

                own = next(t for t in COLUMNAR if t != larger)
                read[own] = (send_ahead(read[own][0], own), read[own][1])
            got = forked.result()
            if got is not None and span is not None and got[-1] != span:
                got = None  # read early, but not where the document holds that table: read here
            if got is None or got[0] not in ("ok", "unsure"):  # the forked process ended without a result
                read[larger] = _one_table(doc, larger)
            elif got[0] == "unsure":
                raise _NotSure
            else:
                read[larger] = (Pickled(got[1]) if isinstance(got[1], bytes) else got[1]), got[2]
    finally:
        if forked is not None:
            forked.close()
    messages = list(messages)
    tables: dict[str, tuple] = {}
    for tid in F.LIST_TABLES:  # the messages in the order of the tables, as when they are read one by one
        entry, msgs = read[tid]
        messages.extend(msgs)
        tables[tid] = entry
    return org, tables, messages


def _one_table(doc, tid: str) -> tuple[tuple, list]:
    """(the table in the transport form, its messages) of table ``tid`` of a decoded document; ``_NotSure``
    when the ordinary path must read the document."""
    from ..messages import ERROR
    from .sanity import check_rows

    table = F.TABLES[tid]
    fids = table.field_ids
    pieces = _in_pieces(doc, table) if tid in COLUMNAR else None
    if pieces is not None:  # the usual case: the rows decoded a piece of JSON text at a time
        raws, n = pieces
        if not n:
            return ((), [], 0), []
        cols, texts = _complete_columns(table, raws, n)
        del raws, pieces
        msgs = _checked(table, cols, texts)
    elif tid in COLUMNAR and len(doc.raw(tid)) >= BLOCK_MIN_BYTES:  # a large table: a block of rows at a time
        gathered = _BlockColumns(table)
        for block in doc.blocks(tid, BLOCK_ROWS):
            gathered.add(_extract(table, block))
            del block
        n = gathered.n
        if not n:
            return ((), [], 0), []
        cols, texts = _complete_columns(table, gathered.raws(), n)
        del gathered
        msgs = _checked(table, cols, texts)
    else:
        rows = getattr(doc, tid)
        if not rows:
            return ((), [], 0), []
        n = len(rows)
        if tid in COLUMNAR:
            cols, texts = _columns(table, rows)
            del rows  # the row structs of this table are freed before the next table is decoded
            msgs = _checked(table, cols, texts)
        else:  # a small table: the row checks of the ordinary path, on dicts
            from ..rules import _check_table

            dicts = [{fid: getattr(r, fid) for fid in fids} for r in rows]
            checked, msgs = _check_table(table, dicts, dicts, [])  # fills the defaults
            if checked is None or check_rows(table, dicts) or _blank_around(table, dicts):
                raise _NotSure
            cols = [[d[fid] for d in dicts] for fid in fids]
            del rows, dicts
    if any(m.severity == ERROR for m in msgs):
        raise _NotSure
    return (fids, cols, n), msgs


#: a large table of at least this much JSON text is gathered in compact columns: read in pieces
#: (:class:`_PieceColumns`), its numbers and codes are turned into arrays every :data:`BLOCK_ROWS` rows; read
#: whole (when a piece does not decode), it is decoded into row structs :data:`BLOCK_ROWS` rows at a time, each
#: block's fields added to compact columns (:class:`_BlockColumns`) before the next block is decoded. Either way
#: the structs and row values of one block at most are in memory at once, not those of the whole table (about
#: 0.7 GB for a million inflow lines)
BLOCK_MIN_BYTES = 32 << 20
BLOCK_ROWS = 1 << 16

#: the rows of a table of :data:`COLUMNAR` are decoded a piece of about this much JSON text at a time
#: (:func:`_pieces`), each piece's values taken out of its row structs while they are still in the processor's
#: cache: at 100k lines about 0.6 times the time of decoding the whole table first, at 1M a third
PIECE_BYTES = 1 << 16

#: between two rows of a table: the end of one object, a comma, the start of the next (JSON's blanks around)
_ROW_GAP = re.compile(rb"\}[ \t\n\r]*,[ \t\n\r]*\{")
_JSON_BLANKS = b" \t\n\r"


def _pieces(raw, size: int):
    """The JSON array of row objects ``raw`` (a ``msgspec.Raw``) as JSON arrays of about ``size`` bytes, each
    of whole rows, in order; ``None`` when ``raw`` is not an array of objects as far as its ends show.

    A piece ends at the first gap between two objects (:data:`_ROW_GAP`) after ``size`` bytes. Such a gap may
    lie inside a text; the piece before it then ends inside that text and does not decode, which the caller
    takes as "read the table whole" (:func:`_in_pieces`). When every piece decodes, each one began at the start
    of a row, so the pieces' rows are the table's rows."""
    text = memoryview(raw)
    if not len(text) or text[0] != 0x5B or text[-1] != 0x5D:  # "[" ... "]"
        return None
    start, end = 1, len(text) - 1
    while start < end and text[start] in _JSON_BLANKS:
        start += 1
    while end > start and text[end - 1] in _JSON_BLANKS:
        end -= 1
    if start == end:
        return iter(())
    if text[start] != 0x7B or text[end - 1] != 0x7D:  # "{" ... "}"
        return None
    return _cut(text, start, end, size)


def _cut(text: memoryview, start: int, end: int, size: int):
    while True:
        gap = _ROW_GAP.search(text, start + size, end) if start + size < end else None
        if gap is None:
            yield b"[" + text[start:end] + b"]"
            return
        yield b"[" + text[start:gap.start() + 1] + b"]"
        start = gap.end() - 1


def _in_pieces(doc, table: F.Table) -> tuple[list, int] | None:
    """One column of values per field of a table of :data:`COLUMNAR`, in the compact form of
    :class:`_PieceColumns`, and the number of rows, the rows decoded a piece at a time (:func:`_pieces`);
    ``None`` when a piece does not decode (a row not valid, or a piece cut inside a text): the table is then
    read whole, which decides."""
    import msgspec
    from msgspec.structs import astuple

    raw = doc.raw(table.id)
    pieces = _pieces(raw, PIECE_BYTES)
    if pieces is None:
        return None
    row_type = doc.row_type(table.id)
    gathered = _PieceColumns(table, compact=len(raw) >= BLOCK_MIN_BYTES)
    try:
        for piece in pieces:
            rows = msgspec.json.decode(piece, type=row_type)
            gathered.add(zip(*map(astuple, rows)), len(rows))
            del rows
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    return gathered.raws(), gathered.n


class _Index(dict):
    """The code of each distinct value, in the order the values are first looked up: looking up a new value
    gives it the next code."""

    __slots__ = ()

    def __missing__(self, value):
        code = self[value] = len(self)
        return code


class _PieceColumns:
    """The columns of a table gathered a piece of rows at a time (:func:`_in_pieces`), each piece's values
    added while they are still in the processor's cache: a list per number field, a list per unique field (the
    ids), and for every other field one code per row and its distinct values (:class:`gcpcalc.columns.Coded`),
    coded as they come. When ``compact``, the numbers and codes gathered are turned into float64 and int32
    arrays every :data:`BLOCK_ROWS` rows. :meth:`raws` gives the columns as :func:`_complete_columns` takes
    them."""

    def __init__(self, table: F.Table, compact: bool):
        self._compact = compact
        #: per field: its values gathered (numbers, ids or codes), the arrays made of them, the codes' index
        self._columns: list[tuple[list, list, _Index | None]] = []
        self._adds: list = []  # per field: the function that adds a piece's values
        self._arrays: list[tuple[list, list, str]] = []  # (values, arrays) of the fields turned into arrays
        for f in table.fields:
            values: list = []
            arrays: list = []
            index = None
            if f.is_numeric or f.unique:
                self._adds.append(values.extend)
            else:
                index = _Index()
                self._adds.append(lambda piece, extend=values.extend, code=index.__getitem__: extend(map(code, piece)))
            if not f.unique:
                self._arrays.append((values, arrays, "float64" if f.is_numeric else "int32"))
            self._columns.append((values, arrays, index))
        self.n = 0
        self._rows = 0  # rows gathered since the last arrays were made

    def add(self, columns, rows: int) -> None:
        """Add one piece: an iterable of one tuple of row values per field, in dictionary order."""
        for add, values in zip(self._adds, columns):
            add(values)
        self.n += rows
        self._rows += rows
        if self._compact and self._rows >= BLOCK_ROWS:
            self._to_arrays()

    def _to_arrays(self) -> None:
        import numpy as np

        for values, arrays, dtype in self._arrays:
            if values:
                arrays.append(_floats(values, np) if dtype == "float64" else
                              np.fromiter(values, dtype=np.int32, count=len(values)))
                values.clear()
        self._rows = 0

    def raws(self) -> list:
        import numpy as np

        if self._compact:
            self._to_arrays()
        out: list = []
        for values, arrays, index in self._columns:
            if index is not None:  # codes
                codes = np.concatenate(arrays) if arrays else np.fromiter(values, dtype=np.int32, count=len(values))
                out.append(Coded(codes, list(index)))
            else:  # numbers (a list, as _extract gives them, or the float64 arrays made) or the ids
                out.append(np.concatenate(arrays) if arrays else values)
        return out


#: a table of at least this much JSON text is read in a forked process of its own (:func:`_fork_table`)
FORK_MIN_BYTES = 4 << 20


#: the key of a large table and the start of its rows, as a document written by a program has it
_TABLE_KEY = re.compile(rb'"(inflows|outflows)"[ \t\n\r]*:[ \t\n\r]*(?=\[[ \t\n\r]*\{)')


def _fork_early(data: bytes, types: dict, forward: bool = False) -> tuple[str, Any, tuple[int, int]] | None:
    """Start reading, in a forked process (:func:`fork_reading`), the first of the two large tables that the
    first MB of the document names, before the document is decoded (about half a second for a million lines of
    each): ``(table id, the forked process, where the table is taken to lie)``, or ``None`` (a document of less
    than twice :data:`FORK_MIN_BYTES`, no such table found or no end to it, no process forked).

    Where that table ends is taken to be the first end of an object followed by the end of an array; the forked
    process sends that span with its result, and :func:`_check` keeps the result only when it is the span of
    that table in the decoded document (:meth:`_Tables.span`), a table of :data:`FORK_MIN_BYTES` or more and
    not less than half the other one."""
    if len(data) < 2 * FORK_MIN_BYTES:
        return None
    found = _TABLE_KEY.search(data, 0, min(len(data), 1 << 20))
    if found is None:
        return None
    tid, start = found.group(1).decode(), found.end()
    end = _table_end(data, start)
    if end is None:
        return None
    span = (start, end)

    def work() -> tuple:
        import msgspec

        only = _Tables(_OneTable(tid, msgspec.Raw(memoryview(data)[start:end])), types)
        try:
            entry, messages = _one_table(only, tid)
        except _NotSure:
            return ("unsure", span)
        return ("ok", _sent(entry, tid) if forward else entry, messages, span)

    forked = fork_reading(work, forward)
    return None if forked is None else (tid, forked, span)


def _table_end(data: bytes, start: int) -> int | None:
    """One past the first "]" after ``start`` that follows the end of an object ("}", JSON's blanks between)."""
    at = start
    while (at := data.find(b"]", at)) >= 0:
        before = at - 1
        while before > start and data[before] in _JSON_BLANKS:
            before -= 1
        if data[before] == 0x7D:  # "}"
            return at + 1
        at += 1
    return None


class _OneTable:
    """A document of one table (``_Tables(_OneTable(...))``): the JSON text of that table alone."""

    organisation = None

    def __init__(self, tid: str, raw):
        setattr(self, tid, raw)


def _worth_keeping(doc, tid: str) -> bool:
    """Whether table ``tid``, read early, is worth reading apart: :data:`FORK_MIN_BYTES` or more of JSON text,
    and not less than half the other large table."""
    other = next(t for t in COLUMNAR if t != tid)
    return len(doc.raw(tid)) >= FORK_MIN_BYTES and 2 * len(doc.raw(tid)) >= len(doc.raw(other))


def _fork_table(doc, tid: str, forward: bool = False):
    """Start reading the large table ``tid`` of a decoded document in a forked process (:func:`fork_reading`),
    which sends ``("ok", entry, messages)`` (:func:`_one_table`) or ``("unsure",)`` back; ``None`` (the table is
    read in this process, in its turn) when the table is small or no process can be forked."""
    if len(doc.raw(tid)) < FORK_MIN_BYTES:
        return None

    def work() -> tuple:
        try:
            entry, messages = _one_table(doc, tid)
        except _NotSure:
            return ("unsure",)
        return ("ok", _sent(entry, tid) if forward else entry, messages)

    return fork_reading(work, forward)


def _pickle(entry) -> bytes:
    """A table's transport form pickled as the reading child pickles its result."""
    from .isolate import pickled

    return pickled(entry)


def fork_reading(work, ahead: bool = False):
    """:func:`gcpcalc.intake.isolate.fork_work` of ``work``, the reading of one table (of a JSON document or of
    a workbook's sheet), with what reading a table imports and loads done once, here, rather than in each
    process (``ahead``: the process may send its table straight to the reading child's parent)."""
    from ..critical import default_list
    from . import sanity  # noqa: F401
    from ..units import factor  # noqa: F401
    from .isolate import fork_work

    default_list()
    return fork_work(work, ahead)


def _sent(entry, tid: str):
    """In a process forked by the reading child (``forward``): the table sent straight to that child's parent
    (:func:`gcpcalc.intake.isolate.send_ahead`; the child puts the returned ``Ahead`` in its result), or, where it
    cannot be, its pickle, which the child sends on as it is."""
    from .isolate import Ahead, send_ahead

    got = send_ahead(entry, tid)
    return got if isinstance(got, Ahead) else _pickle(entry)


def _checked(table: F.Table, cols: list, texts: list[set]) -> list:
    """The messages of the rules of one table's completed columns (the critical-materials warnings);
    ``_NotSure`` when a plausibility check or a rule would report something else."""
    _plausible(table, cols, texts)
    if _rule_errors(table, cols):
        raise _NotSure
    return _critical_messages(table, cols)


def checked_table(table: F.Table, raws: list, n: int) -> tuple[list, list] | None:
    """(columns in the transport form, messages) of one table of :data:`COLUMNAR` given as one column of
    values per field in dictionary order, each value already of its field's type and within its range
    (``None`` for an empty cell; a number column may be a float64 array, NaN where empty), as the workbook
    reader checks them; ``None`` when the ordinary path must
    validate the table (the same conditions as for a JSON document)."""
    from ..messages import ERROR

    try:
        cols, texts = _complete_columns(table, raws, n)
        msgs = _checked(table, cols, texts)
    except _NotSure:
        return None
    if any(m.severity == ERROR for m in msgs):
        return None
    return cols, msgs


def _blank_around(table: F.Table, dicts: list[dict]) -> bool:
    texts = [f.id for f in table.fields if f.kind == "text"]
    return any(type(v) is str and v != v.strip() for d in dicts for v in map(d.get, texts))
