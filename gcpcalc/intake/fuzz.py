"""Mutated workbooks for the fuzz test (``tests/test_intake_fuzz.py``, a few hundred on every run) and the
on-demand runner (``scripts/fuzz_intake.py``, thousands).

Each case starts from a workbook of ``templates/`` (or the small filled template) and applies one to
three mutations: random cells of random types (numbers, ambiguous number text, dates, booleans, errors,
shared strings that exist or not, long text, formulas without value), deleted, duplicated or renamed
sheets (``Sheet1``, half-width katakana, NFKC variants), flipped bytes in an XML part or in the zip,
truncated zips, far cells and lying dimensions, merged cells. Every case must end in a result or a clean
refusal within the limits: :func:`check_outcome` says what is wrong otherwise.
"""
from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Callable

from . import hostile

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_NAMES = ["Sheet1", "Sheet2", "ｲﾝﾌﾛｰ", "ｱｳﾄﾌﾛｰ", "ＩＮＦＬＯＷＳ", "inflows ", "Outflows", "組織", "製品",
          "x" * 31, "データ", "'quoted'", "Ｓｈｅｅｔ"]
_TEXTS = ["1.234,5", "1,2,3", "45%", "1,5", "12 t", "１２３", "-", "N/A", "=1+1", "例：001", "example:1",
          "はい", "no", "t", "kg", "トン", "landfill", "リサイクル", "", " ", "∞", "NaN", "1e400", "-0", "1e12",
          "\u3000", "ｱ", "\ud7ff", "<&>", "2025/04/01", "2026年3月31日"]


def base_cases() -> list[bytes]:
    """The workbooks mutations start from."""
    out = [hostile.base_workbook("ja"), hostile.base_workbook("en")]
    for name in ("template_ja.xlsx", "template_en.xlsx", "sample_assessment_ja.xlsx"):
        p = TEMPLATES / name
        if p.exists():
            out.append(p.read_bytes())
    return out


def _sheet_parts(data: bytes) -> list[str]:
    import io
    import zipfile

    return [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/worksheets/sheet")]


def _random_ref(rnd: random.Random, far: bool = False) -> str:
    if far:
        col = rnd.choice(["XFD", "AMK", "ZZ", "A", "ALL"])
        row = rnd.choice([1_048_576, 1_000_000, 250_001, 70_000, 1000])
        return f"{col}{row}"
    return f"{hostile_col(rnd.randrange(0, 30))}{rnd.randrange(1, 60)}"


def hostile_col(c0: int) -> str:
    out, n = "", c0 + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _esc(s: str) -> bytes:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8", "surrogatepass")


def _random_cell(rnd: random.Random, ref: str) -> bytes:
    kind = rnd.randrange(9)
    if kind == 0:
        return b'<c r="%s"><v>%s</v></c>' % (ref.encode(), rnd.choice([b"1", b"-5", b"1e308", b"0.45", b"45000",
                                                                        b"abc", b"", b"1e-300"]))
    if kind == 1:
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), _esc(rnd.choice(_TEXTS)))
    if kind == 2:
        return b'<c r="%s" t="s"><v>%d</v></c>' % (ref.encode(), rnd.choice([0, 1, 5, 99999, -1]))
    if kind == 3:
        return b'<c r="%s" t="b"><v>%d</v></c>' % (ref.encode(), rnd.randrange(3))
    if kind == 4:
        return b'<c r="%s" t="e"><v>%s</v></c>' % (ref.encode(), rnd.choice([b"#DIV/0!", b"#N/A", b"#REF!"]))
    if kind == 5:
        return b'<c r="%s"><f>SUM(A1:A3)</f></c>' % ref.encode()
    if kind == 6:
        return b'<c r="%s" s="%d"><v>%s</v></c>' % (ref.encode(), rnd.randrange(0, 40), rnd.choice([b"0.2", b"45658"]))
    if kind == 7:
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), b"x" * rnd.choice([100, 32767, 40000]))
    return b'<c r="%s" t="str"><v>%s</v></c>' % (ref.encode(), _esc(rnd.choice(_TEXTS)))


def mut_cells(data: bytes, rnd: random.Random) -> bytes:
    part = rnd.choice(_sheet_parts(data))
    row = rnd.randrange(2, 80)
    cells = b"".join(_random_cell(rnd, f"{hostile_col(rnd.randrange(0, 20))}{row}") for _ in range(rnd.randrange(1, 8)))
    # cells ordered by column inside the row, as a spreadsheet writes them
    return hostile.edit_parts(data, {part: lambda x: x.replace(
        b"</sheetData>", b'<row r="%d">' % row + _sorted_cells(cells) + b"</row></sheetData>", 1)})


def _sorted_cells(cells: bytes) -> bytes:
    items = re.findall(rb'<c r="([A-Z]+)(\d+)".*?</c>', cells)
    parts = re.findall(rb'<c r="[A-Z]+\d+".*?</c>', cells)
    seen, out = set(), []
    for (col, _r), part in sorted(zip(items, parts), key=lambda t: (len(t[0][0]), t[0][0])):
        if col in seen:
            continue
        seen.add(col)
        out.append(part)
    return b"".join(out)


def mut_far(data: bytes, rnd: random.Random) -> bytes:
    part = rnd.choice(_sheet_parts(data))
    ref = _random_ref(rnd, far=True)
    row = int(re.sub(r"[A-Z]", "", ref))

    def edit(x: bytes) -> bytes:
        if rnd.random() < 0.5:
            x = re.sub(rb"<dimension [^>]*/>", b"", x)
        return x.replace(b"</sheetData>", b'<row r="%d"><c r="%s"><v>1</v></c></row></sheetData>' % (row, ref.encode()), 1)

    return hostile.edit_parts(data, {part: edit})


def mut_dimension(data: bytes, rnd: random.Random) -> bytes:
    part = rnd.choice(_sheet_parts(data))
    ref = rnd.choice([b"A1:XFD1048576", b"A1:Z1048576", b"A1", b"B2:A1", b"A0:ZZZZ9", b"garbage"])
    return hostile.edit_parts(data, {part: lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', x)})


def _edit_sheets(data: bytes, fn: Callable[[bytes], bytes]) -> bytes:
    return hostile.edit_parts(data, {"xl/workbook.xml": fn})


def mut_rename(data: bytes, rnd: random.Random) -> bytes:
    def fn(x: bytes) -> bytes:
        names = re.findall(rb'<sheet [^>]*?name="([^"]*)"', x)
        if not names:
            return x
        old = rnd.choice(names)
        new = _esc(rnd.choice(_NAMES))
        return x.replace(b'name="' + old + b'"', b'name="' + new + b'"', 1)
    return _edit_sheets(data, fn)


def mut_delete_sheet(data: bytes, rnd: random.Random) -> bytes:
    def fn(x: bytes) -> bytes:
        sheets = re.findall(rb"<sheet [^>]*/>", x)
        return x.replace(rnd.choice(sheets), b"", 1) if sheets else x
    return _edit_sheets(data, fn)


def mut_duplicate_sheet(data: bytes, rnd: random.Random) -> bytes:
    def fn(x: bytes) -> bytes:
        sheets = re.findall(rb"<sheet [^>]*/>", x)
        if not sheets:
            return x
        s = rnd.choice(sheets)
        dup = re.sub(rb'name="([^"]*)"', lambda m: b'name="' + m.group(1)[:25] + b' (2)"', s)
        dup = re.sub(rb'sheetId="\d+"', b'sheetId="999"', dup)
        return x.replace(s, s + dup, 1)
    return _edit_sheets(data, fn)


def mut_flip_xml(data: bytes, rnd: random.Random) -> bytes:
    import io
    import zipfile

    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith((".xml", ".rels"))]
    part = rnd.choice(names)
    return hostile.edit_parts(data, {part: lambda x: hostile.flip_bytes(x, rnd, rnd.randrange(1, 6)) if x else x})


def mut_flip_zip(data: bytes, rnd: random.Random) -> bytes:
    return hostile.flip_bytes(data, rnd, rnd.randrange(1, 4))


def mut_truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(1, len(data))]


def mut_merge(data: bytes, rnd: random.Random) -> bytes:
    part = rnd.choice(_sheet_parts(data))
    a, b = _random_ref(rnd), _random_ref(rnd)
    merge = b'<mergeCells count="1"><mergeCell ref="%s:%s"/></mergeCells>' % (a.encode(), b.encode())

    def edit(x: bytes) -> bytes:
        if b"<mergeCells" in x:
            return x
        return x.replace(b"</sheetData>", b"</sheetData>" + merge, 1)

    return hostile.edit_parts(data, {part: edit})


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    mut_cells, mut_cells, mut_cells, mut_far, mut_dimension, mut_rename, mut_rename, mut_delete_sheet,
    mut_duplicate_sheet, mut_flip_xml, mut_flip_zip, mut_truncate, mut_merge,
]


def mutant(seed: int, bases: list[bytes] | None = None) -> tuple[bytes, list[str]]:
    """The workbook of case ``seed`` and the names of the mutations applied."""
    rnd = random.Random(seed)
    bases = bases or base_cases()
    data = rnd.choice(bases)
    applied = []
    for _ in range(rnd.choice([1, 1, 2, 3])):
        fn = rnd.choice(MUTATIONS)
        try:
            data = fn(data, rnd)
        except Exception:  # a mutation that cannot apply to an already broken zip: keep the bytes
            pass
        applied.append(fn.__name__)
    return data, applied


_LIBRARY_WORDS = ("Traceback", "CalamineError", "PanicException", "zipfile", "ParseError", "defusedxml",
                  "KeyError", "ValueError", "TypeError", "IndexError")


def check_outcome(assessment, messages, seconds: float, max_seconds: float) -> list[str]:
    """What is wrong with one case's ending (empty when it is a result or a clean refusal)."""
    problems = []
    if assessment is None and not any(m.severity == "error" for m in messages):
        problems.append("no result and no error message")
    if seconds > max_seconds:
        problems.append(f"took {seconds:.1f} s")
    for m in messages:
        if not m.message_en or not m.message_ja:
            problems.append(f"{m.code}: empty text")
        for w in _LIBRARY_WORDS:
            if w in m.message_en or w in m.message_ja:
                problems.append(f"{m.code}: library text {w!r}")
        if m.code == "xlsx_unexpected":
            problems.append("the reader met content it did not foresee (xlsx_unexpected)")
    return problems


def run_cases(seeds, reader: Callable, max_seconds: float = 5.0, compare: Callable | None = None) -> list[dict]:
    """Run every seed through ``reader(data, name)``; one record per case. ``compare(data, name, assessment,
    messages)``, when given, returns further problems of the case (see :func:`run_batch_in_child`)."""
    bases = base_cases()
    out = []
    for seed in seeds:
        data, applied = mutant(seed, bases)
        t0 = time.perf_counter()
        a, messages = reader(data, f"fuzz{seed}.xlsx")
        dt = time.perf_counter() - t0
        problems = check_outcome(a, messages, dt, max_seconds)
        if compare is not None:
            problems += compare(data, f"fuzz{seed}.xlsx", a, messages)
        out.append({"seed": seed, "mutations": applied, "seconds": dt, "ok": a is not None,
                    "codes": sorted({m.code for m in messages if m.severity == "error"})[:4],
                    "problems": problems})
    return out


def run_batch_in_child(data: bytes, name: str, limits) -> list[dict]:
    """Child-process worker: the seeds ``data`` (``b"start:stop"``) parsed in this process, in bulk (the
    fuzz test runs hundreds of cases in a few children instead of one child each). A case whose reader
    raises is recorded with the exception, so that a bug shows its type."""
    from ..excel.reader import _read
    from ..excel.security import Refused

    start, stop = (int(x) for x in data.decode().split(":"))

    def reader(d: bytes, n: str):
        try:
            return _read(d, n, limits)
        except Refused as exc:
            return None, [exc.message]
        except Exception as exc:  # a bug of the reader: reported by check_outcome through its code
            from ..messages import Message

            text = f"{type(exc).__name__}: {exc}"[:300]
            return None, [Message("xlsx_unexpected", "error", text, text)]

    def read_alike(d: bytes, n: str, a, messages) -> list[str]:
        """The same workbook read with every table validated row by row must end the same way: the column-wise
        check of the large tables exists for speed only."""
        try:
            a2, m2 = _read(d, n, limits, fast=False)
        except Refused as exc:
            a2, m2 = None, [exc.message]
        except Exception:  # the reader's own failure: check_outcome reports it on the case's result
            return []
        same = m2 == messages and (a is None) == (a2 is None) and (a is None or a.to_json_dict() == a2.to_json_dict())
        return [] if same else ["the column-wise check and the row-by-row validation end differently"]

    return run_cases(range(start, stop), reader, compare=read_alike)
