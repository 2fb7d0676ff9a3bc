"""Indicator computation: one pure module per framework over the normalised tables.

``compute(assessment)`` returns :class:`~gcpcalc.indicators.base.Results` holding every indicator id of
the catalogue (``catalogue.py``), computable or not.
"""
from __future__ import annotations

from .base import IndicatorDef, IndicatorResult, Results

__all__ = ["IndicatorDef", "IndicatorResult", "Results", "compute", "compute_tables"]


def compute_tables(tables, factors=None) -> Results:
    """All indicators of all frameworks from normalised :class:`~gcpcalc.tables.Tables`.

    ``factors``: emission factors for the GHG impact (:class:`~gcpcalc.emission_factors.FactorSet`);
    None means the factors shipped with the calculator."""
    from . import cti, cti_value_impact, esrs_e5, gcp, iso59020, japan, mci, quality

    results = Results()
    for module in (cti, iso59020, esrs_e5, mci, gcp, quality, japan):
        for r in module.compute(tables, results):
            results.add(r)
        if module is cti:  # CTI revenue and GHG impact follow the other CTI figures
            figures, messages = cti_value_impact.compute(tables, results, factors)
            for r in figures:
                results.add(r)
            results.messages.extend(messages)
    results.tables = tables  # the tables these figures come from: the report's breakdowns reuse them
    return results


def compute(assessment, factors=None) -> Results:
    """All indicators of a validated :class:`~gcpcalc.models.Assessment`."""
    from ..tables import normalise

    return compute_tables(normalise(assessment), factors)
