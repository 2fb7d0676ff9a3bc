"""Green-procurement checks: Eco Mark and Green Purchasing Act thresholds as versioned rules, per product."""
from .checker import (FAIL, NOT_APPLICABLE, PASS, CheckResult, ConditionResult, check_assessment, check_line,
                      check_lines, needed_kind_label, quick_check)
from .rules import (DEFAULT_RULES_PATH, METRICS, SCHEMES, Rule, RuleSet, load_default_rules, load_rules,
                    load_rules_path, parse_rules_bytes)

__all__ = [
    "PASS", "FAIL", "NOT_APPLICABLE", "CheckResult", "ConditionResult", "check_assessment", "check_line",
    "check_lines", "needed_kind_label", "quick_check", "DEFAULT_RULES_PATH", "METRICS", "SCHEMES", "Rule",
    "RuleSet", "load_default_rules", "load_rules", "load_rules_path", "parse_rules_bytes",
]
