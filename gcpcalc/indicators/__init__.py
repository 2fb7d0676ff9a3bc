"""Indicator computation: one pure module per framework over the normalised tables.

``compute(assessment)`` returns :class:`~gcpcalc.indicators.base.Results` holding every indicator id of
the catalogue (``catalogue.py``), computable or not.
"""
from __future__ import annotations

from .base import IndicatorDef, IndicatorResult, Results

__all__ = ["IndicatorDef", "IndicatorResult", "Results", "compute", "compute_tables"]


def compute_tables(tables) -> Results:
    """All indicators of all frameworks from normalised :class:`~gcpcalc.tables.Tables`."""
    from . import cti, esrs_e5, gcp, iso59020, japan, mci, quality

    results = Results()
    for module in (cti, iso59020, esrs_e5, mci, gcp, quality, japan):
        for r in module.compute(tables, results):
            results.add(r)
    return results


def compute(assessment) -> Results:
    """All indicators of a validated :class:`~gcpcalc.models.Assessment`."""
    from ..tables import normalise

    return compute_tables(normalise(assessment))
