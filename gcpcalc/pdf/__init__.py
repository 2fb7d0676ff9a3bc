"""The disclosure report as a typeset PDF (A4, ja/en): the document model rendered to HTML with Jinja2
templates and typeset by WeasyPrint, charts drawn by matplotlib. Needs the ``[pdf]`` extra and, for
Japanese, the Noto CJK fonts (``fonts-noto-cjk`` on Debian; ``scripts/install-system-deps.sh``)."""
from .render import pdf_available, render_html, render_pdf, report_pdf_bytes

__all__ = ["pdf_available", "render_html", "render_pdf", "report_pdf_bytes"]
