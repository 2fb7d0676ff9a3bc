"""Persistence: append-only revisions, trends and targets, consolidation and business-unit breakdown.

See :mod:`gcpcalc.store.db` (the store), :mod:`gcpcalc.store.diff`, :mod:`gcpcalc.store.trends` and
:mod:`gcpcalc.store.consolidate`.
"""
from __future__ import annotations

from .consolidate import (ConsolidationFailed, consolidate, contributions, indicators_by_business_unit,
                          split_by_business_unit)
from .db import (KEY_INDICATORS, AssessmentInfo, RevisionInfo, Store, StoreError, Target, default_url,
                 key_indicator_values, migrate)
from .diff import AssessmentDiff, diff_assessments
from .trends import build_trend, target_progress, trend_data

__all__ = [
    "KEY_INDICATORS", "AssessmentDiff", "AssessmentInfo", "ConsolidationFailed", "RevisionInfo", "Store",
    "StoreError", "Target", "build_trend", "consolidate", "contributions", "default_url", "diff_assessments",
    "indicators_by_business_unit", "key_indicator_values", "migrate", "split_by_business_unit",
    "target_progress", "trend_data",
]
