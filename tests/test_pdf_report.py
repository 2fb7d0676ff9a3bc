"""The PDF report (ja, en) of the sample company and of a 10,000-line synthetic company: every key figure,
ESRS datapoint id and section title is in the extracted text with the engine's value; no page is blank.
And the Excel report converted by LibreOffice: every wrapped text has the row height it needs."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from gcpcalc.document import build_document
from gcpcalc.document.build import KEY_FIGURES
from gcpcalc.document.numbers import format_number, not_computable
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment, synthetic_assessment

from report_text_check import FontMeasure, column_points, libreoffice_pdf, page_ink, pdf_text, squeeze

pytest.importorskip("weasyprint")


@pytest.fixture(scope="module")
def companies():
    out = {}
    for name, data in (("sample", sample_assessment()), ("synthetic10k", synthetic_assessment(5000, 5000, seed=3))):
        a = load_assessment(data)
        out[name] = (a, compute(a))
    return out


@pytest.fixture(scope="module")
def rendered(companies, tmp_path_factory):
    from gcpcalc.pdf import render_pdf

    out = {}
    base = tmp_path_factory.mktemp("pdf")
    for name, (a, res) in companies.items():
        for lang in ("ja", "en"):
            doc = build_document(res, a, lang, input_name="in.json", input_sha256="ab" * 32)
            path = base / f"{name}_{lang}.pdf"
            render_pdf(doc, path)
            out[(name, lang)] = (doc, path)
    return out


CASES = [(n, lang) for n in ("sample", "synthetic10k") for lang in ("ja", "en")]


@pytest.mark.parametrize("name,lang", CASES)
def test_pdf_holds_every_key_figure_datapoint_and_section(companies, rendered, name, lang):
    a, res = companies[name]
    doc, path = rendered[(name, lang)]
    assert path.read_bytes()[:5] == b"%PDF-"
    flat = squeeze(pdf_text(path))
    # every section title (numbered heading and table of contents)
    for i, s in enumerate([s for s in doc.sections if s.pdf], start=1):  # the sections the PDF draws
        assert squeeze(f"{i}. {s.title}") in flat, s.title
    # every key figure: its label followed by the engine's value as shown (or "not computable")
    for kid in KEY_FIGURES:
        r = res[kid]
        shown = not_computable(lang) if r.value is None else format_number(r.value, r.unit)
        assert squeeze(r.label(lang) + shown) in flat, (kid, shown)
        assert kid in flat
    # every ESRS datapoint id and the hazardous × treatment figures of E5-5 §37
    dps = {r.definition.datapoint for r in res.values() if r.definition.datapoint}
    assert dps and all(dp in flat for dp in dps)
    for kind in ("diverted", "disposal"):
        v = res.value(f"esrs_e5.{kind}.total_t")
        assert v is not None and format_number(v, "t") in flat
    # organisation, period and the input's SHA-256 on the first page
    first = squeeze(pdf_text(path).split("\f")[0])
    assert squeeze(a.organisation["name"]) in first
    assert ("2025年度" if lang == "ja" else "2025-04-01–2026-03-31") in first


@pytest.mark.parametrize("name,lang", CASES)
def test_pdf_pages_are_not_blank(rendered, tmp_path, name, lang):
    _, path = rendered[(name, lang)]
    ink = page_ink(path, tmp_path)
    assert 8 <= len(ink) <= 60
    assert min(ink) > 0.004, ink  # some text or a figure on every page


def test_pdf_uses_japanese_fonts_and_a4(rendered):
    from pypdf import PdfReader

    _, path = rendered[("sample", "ja")]
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait in points
    fonts = set()
    for page in reader.pages[:2]:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("NotoSansCJK" in f.replace("-", "") or "Noto-Sans-CJK" in f for f in fonts), fonts
    # landscape pages for the wide tables (methodology)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert (842, 595) in sizes


def test_pdf_cli(tmp_path):
    from gcpcalc.cli import main

    src = Path(__file__).resolve().parents[1] / "templates" / "sample_assessment.json"
    out = tmp_path / "report.pdf"
    assert main(["report", str(src), "--format", "pdf", "-o", str(out), "--lang", "en", "--no-trend"]) == 0
    text = squeeze(pdf_text(out))
    assert "1.Executivesummary" in text and "2.Materialflows" in text


# ------------------------------------------------------------------------------------------------------
# the Excel report through LibreOffice
# ------------------------------------------------------------------------------------------------------
def _column_widths(ws) -> dict[int, float]:
    """Column index -> width; a <col> element may cover a range of columns (openpyxl keys it by its first)."""
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            for c in range(dim.min, (dim.max or dim.min) + 1):
                widths[c] = dim.width
    return widths


def _merged_width(ws, cell, widths: dict[int, float]) -> float:
    for rng in ws.merged_cells.ranges:
        if cell.coordinate in rng:
            return sum(widths.get(c, 8.43) for c in range(rng.min_col, rng.max_col + 1))
    return widths.get(cell.column, 8.43)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_excel_rows_fit_their_wrapped_text(companies, lang):
    """Every wrapped text cell of every report sheet gets the height its lines need in the fonts LibreOffice
    uses, and no unwrapped text is wider than its column where the next cell is filled."""
    from gcpcalc.excel.report import report_bytes

    a, res = companies["sample"]
    wb = openpyxl.load_workbook(io.BytesIO(report_bytes(res, a, lang=lang)))
    fm = FontMeasure()
    problems = []
    for ws in wb.worksheets:
        if ws.title.startswith(("入力（", "Input ")):
            continue  # the input echo is a data table (one line per row, filters), not a page of text
        widths = _column_widths(ws)
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or not cell.value:
                    continue
                width_pt = column_points(_merged_width(ws, cell, widths))
                height = ws.row_dimensions[cell.row].height or 15.0
                if cell.alignment.wrap_text:
                    need = fm.lines(cell.value, width_pt) * FontMeasure.LINE_PT
                    if height + 0.5 < need:
                        problems.append((ws.title, cell.coordinate, cell.value[:40], height, round(need, 1)))
                else:
                    right = ws.cell(row=cell.row, column=cell.column + 1).value
                    if right not in (None, "") and fm.width(cell.value) > width_pt + 1:
                        problems.append((ws.title, cell.coordinate, cell.value[:40], "cut at", right))
    assert not problems, problems[:10]


def test_excel_report_through_libreoffice_shows_every_figure(companies, tmp_path):
    from gcpcalc.excel.report import report_bytes

    a, res = companies["sample"]
    xlsx = tmp_path / "report_ja.xlsx"
    xlsx.write_bytes(report_bytes(res, a, lang="ja"))
    pdf = libreoffice_pdf(xlsx, tmp_path)
    text = pdf_text(pdf)
    flat = squeeze(text)
    lines = [squeeze(line) for line in pdf_text(pdf, layout=True).splitlines()]
    for kid in KEY_FIGURES:  # label and value as shown on one printed line
        r = res[kid]
        shown = not_computable("ja") if r.value is None else format_number(r.value, r.unit)
        assert any(line.startswith(squeeze(r.label("ja"))) and shown in line for line in lines), (kid, shown)
    assert "E5-5_08" in flat and "E5-5_09" in flat
    # every methodology formula is printed (its first line; the row heights are checked against the wrapped
    # line counts in test_excel_rows_fit_their_wrapped_text)
    for item in list(res.values())[:40]:
        assert squeeze(item.definition.formula("ja"))[:12] in flat, item.id
    ink = page_ink(pdf, tmp_path)
    assert min(ink) > 0.002 and len(ink) >= 10
