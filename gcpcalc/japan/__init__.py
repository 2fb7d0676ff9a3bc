"""Japanese circular-economy rules: the amended Resource Effective Utilization Promotion Act (資源有効利用促進法).

* :mod:`gcpcalc.japan.resource_act` — designated products, size thresholds, recycled-plastic use rates per
  category and fiscal year, progress toward the firm's target (with the store's history);
* :mod:`gcpcalc.japan.plan_report` — the 再生資源利用計画 / 定期報告 draft as plain section data (Excel, PDF, app).

The Plastic Resource Circulation Act design certification is checked by the procurement rules
(:mod:`gcpcalc.procurement`); the ``jp.*`` indicators live in :mod:`gcpcalc.indicators.japan`.
"""
from __future__ import annotations

from .resource_act import (CATEGORY_INFO, THRESHOLDS, CategoryYear, ResourceActSummary, evaluate,
                           history_from_revisions, saved_history)

__all__ = ["CATEGORY_INFO", "THRESHOLDS", "CategoryYear", "ResourceActSummary", "evaluate", "history_from_revisions",
           "saved_history"]
