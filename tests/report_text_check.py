"""Helpers of the report tests: PDF text and pages, LibreOffice conversion, text measured with real fonts."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed (scripts/install-system-deps.sh installs it)")
        pytest.skip(f"{tool} is not installed")
    return path


def pdf_text(pdf: Path, layout: bool = False) -> str:
    """Text of every page (poppler's pdftotext); ``layout`` keeps each printed line on one line."""
    need("pdftotext")
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_ink(pdf: Path, out_dir: Path) -> list[float]:
    """Share of non-white pixels of every page rendered at 30 dpi."""
    from PIL import Image

    need("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(out_dir / "p")], check=True)
    shares = []
    for png in sorted(out_dir.glob("p-*.png")):
        img = Image.open(png).convert("L")
        hist = img.histogram()
        dark = sum(hist[:235])
        shares.append(dark / (img.width * img.height))
    return shares


def libreoffice_pdf(xlsx: Path, out_dir: Path) -> Path:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        need("libreoffice")
    profile = out_dir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(xlsx)], check=True, capture_output=True, timeout=600)
    return out_dir / (xlsx.stem + ".pdf")


class FontMeasure:
    """Text widths in points at 10 pt with the fonts LibreOffice substitutes for Meiryo UI on Debian
    (DejaVu Sans for Latin, Noto Sans CJK for Japanese)."""

    LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    #: line height of 10 pt Noto Sans CJK (ascent + descent = 1.448 em)
    LINE_PT = 14.48

    def __init__(self):
        from PIL import ImageFont

        for f in (self.LATIN, self.CJK_FONT):
            if not Path(f).exists():
                pytest.skip(f"font {f} is not installed")
        self.latin = ImageFont.truetype(self.LATIN, 100)
        self.cjk = ImageFont.truetype(self.CJK_FONT, 100)

    def width(self, text: str) -> float:
        return sum((self.cjk if CJK.match(ch) else self.latin).getlength(ch) for ch in text) / 10.0

    def lines(self, text: str, width_pt: float) -> int:
        """Lines of ``text`` wrapped greedily into ``width_pt``: at spaces, between Japanese characters,
        and inside a word longer than the width."""
        total = 0
        for para in text.split("\n"):
            lines, cur = 1, 0.0
            for tok in re.findall(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]|[^\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+|\s+",
                                  para):
                w = self.width(tok)
                if tok.isspace():
                    cur += w
                    continue
                if cur + w <= width_pt:
                    cur += w
                elif w <= width_pt:
                    lines, cur = lines + 1, w
                else:
                    for ch in tok:
                        cw = self.width(ch)
                        if cur + cw > width_pt:
                            lines, cur = lines + 1, 0.0
                        cur += cw
            total += lines
        return total


def column_points(width_chars: float) -> float:
    """Usable width in points of a column ``width_chars`` wide (7 px per character + 5 px, at 96 dpi,
    less the cell's inner margins)."""
    return (int(width_chars * 7 + 5)) * 0.75 - 4.0
