"""The disclosure document: one model of sections (tables, charts, texts) built from Results, drawn by the
Excel report and the PDF. See :mod:`gcpcalc.document.build` for how to add a section."""
from .build import Context, build_document, indicator_table, register_section, section_keys
from .model import Chart, Column, Document, Meta, Num, Section, Table, Text
from . import japan as _japan  # noqa: F401,E402 - registers the Japan section
from . import value_impact as _value_impact  # noqa: F401,E402 - registers the value-and-impact section
from . import trace as _trace  # noqa: F401,E402 - registers the "where the figures come from" section
from . import scenario as _scenario  # noqa: F401,E402 - registers the scenario section (when one is asked for)

__all__ = ["Chart", "Column", "Context", "Document", "Meta", "Num", "Section", "Table", "Text", "build_document",
           "indicator_table", "register_section", "section_keys"]
