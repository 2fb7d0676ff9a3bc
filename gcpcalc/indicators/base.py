"""Result types shared by every indicator module and every output (report, app, JSON, store).

* :class:`IndicatorDef` — the catalogue entry of an indicator id: unit, ja/en label, framework, clause,
  datapoint, formula and evidence status ([confirmed] / [assumed] / [secondary]).
* :class:`IndicatorResult` — one computed figure: value (None when not computable, with the reason in
  ja and en), the inputs it used, and its definition.
* :class:`Results` — id -> IndicatorResult, in catalogue order, plus the messages of the computation.

Ids with a variable part (``mci.product.<product_id>``, ``esrs_e5.durability_ratio.<product_group>``,
``cti.recovery_type.<destination>_pct``) are catalogued once as a pattern with ``{...}`` placeholders.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..messages import Message

FRAMEWORKS: dict[str, tuple[str, str]] = {
    "cti": ("WBCSD Circular Transition Indicators v4.0", "WBCSD Circular Transition Indicators（CTI、循環移行指標）v4.0"),
    "iso59020": ("ISO 59020:2024", "ISO 59020:2024"),
    "esrs_e5": ("ESRS E5 (2023)", "ESRS E5（2023年版）"),
    "esrs_e5_2026": ("ESRS E5, simplified (2026)", "ESRS E5 簡素化版（2026年）"),
    "mci": ("EMF Material Circularity Indicator", "EMF マテリアル循環性指標（MCI）"),
    "gcp": ("Global Circularity Protocol for Business v1.0", "ビジネスのためのグローバル循環プロトコル（GCP）v1.0"),
    "dq": ("Data quality", "データ品質"),
    "jp": ("Japan policy indicators", "日本の政策指標"),
}


@dataclass(frozen=True)
class IndicatorDef:
    """Catalogue entry of one indicator id (or id pattern)."""

    id: str
    unit: str  # "%", "t", "ratio", "0-1", "currency/t", "m3", "MWh"
    label_en: str
    label_ja: str
    framework: str
    clause: str  # e.g. "CTI v4.0, Close the loop: % circular inflow"
    formula_en: str
    formula_ja: str
    status: str = "assumed"  # confirmed | assumed | secondary
    datapoint: str = ""  # ESRS datapoint id (E5-5_08) where there is one

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def formula(self, lang: str = "en") -> str:
        return self.formula_ja if lang == "ja" else self.formula_en

    def clause_text(self, lang: str = "en") -> str:
        """The source clause in ``lang`` (ja: standard names and clause numbers kept, the words translated)."""
        if lang != "ja":
            return self.clause
        from .clause_ja import clause_ja

        return clause_ja(self.clause)

    @property
    def is_pattern(self) -> bool:
        return "{" in self.id

    def matches(self, indicator_id: str) -> dict[str, str] | None:
        """The placeholder values if ``indicator_id`` is an instance of this (pattern) id."""
        if not self.is_pattern:
            return {} if indicator_id == self.id else None
        m = _pattern_regex(self.id).match(indicator_id)
        return m.groupdict() if m else None


@lru_cache(maxsize=None)
def _pattern_regex(pattern_id: str) -> re.Pattern:
    """The regular expression of a pattern id (``cti.{material}_t``: one named group per placeholder)."""
    return re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+)", re.escape(pattern_id)) + "$")


#: placeholders whose values are enum values with ja/en labels (product ids and groups are shown as entered)
_TRANSLATED_PARAMS = ("destination", "hazard", "route", "material")


def _param_label(key: str, value: str, lang: str) -> str:
    """A placeholder value shown in ``lang``: enum values and listed critical materials by their label."""
    from ..i18n import enum_label

    if key in _TRANSLATED_PARAMS:
        return enum_label(value, lang)
    if key == "material_id":
        from ..critical import material_label

        return material_label(value, lang)
    return value


@dataclass
class IndicatorResult:
    """One computed figure. ``value`` is None when not computable; ``reason_en``/``reason_ja`` say why."""

    id: str
    value: float | str | None
    unit: str
    definition: IndicatorDef
    reason_en: str | None = None
    reason_ja: str | None = None
    inputs: dict[str, Any] = field(default_factory=dict)  # named inputs, e.g. {"circular_inflow_t": 430.0}
    params: dict[str, str] = field(default_factory=dict)  # placeholder values of a pattern id
    #: warnings about this figure (inconsistent inputs, defaults it rests on), collected into Results.messages
    messages: list[Message] = field(default_factory=list)

    @property
    def computable(self) -> bool:
        return self.value is not None

    @property
    def status(self) -> str:
        return "ok" if self.computable else "not_computable"

    def label(self, lang: str = "en") -> str:
        base = self.definition.label(lang)
        if self.params:
            from ..i18n import enum_label  # destination / hazard class / route names in the label's language

            return base.format(**{k: _param_label(k, v, lang) for k, v in self.params.items()})
        return base

    def reason(self, lang: str = "en") -> str | None:
        return self.reason_ja if lang == "ja" else self.reason_en

    def to_dict(self, lang: str = "en") -> dict:
        """The JSON form of the command line: value, unit, reason (and more for the curious)."""
        return {
            "value": self.value,
            "unit": self.unit,
            "reason": self.reason(lang),
            "label": self.label(lang),
            "framework": self.definition.framework,
            "clause": self.definition.clause_text(lang),
            "datapoint": self.definition.datapoint or None,
            "evidence": self.definition.status,
            "inputs": self.inputs,
            **({"warnings": [m.text(lang) for m in self.messages]} if self.messages else {}),
        }


class Results(Mapping[str, IndicatorResult]):
    """Indicator id -> :class:`IndicatorResult`, in the order computed, plus computation messages."""

    def __init__(self, results: list[IndicatorResult] | None = None, messages: list[Message] | None = None):
        self._results: dict[str, IndicatorResult] = {}
        self.messages: list[Message] = []
        #: the normalised tables the figures were computed from (:func:`gcpcalc.indicators.compute_tables`), or None
        self.tables = None
        for r in results or []:
            self.add(r)
        if messages is not None:  # given explicitly (a stored result set): they replace the collected ones
            self.messages = list(messages)

    def add(self, result: IndicatorResult) -> None:
        if result.id in self._results:
            raise ValueError(f"indicator {result.id} computed twice")
        self._results[result.id] = result
        if result.messages:
            self.messages.extend(result.messages)

    def __getitem__(self, key: str) -> IndicatorResult:
        return self._results[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def value(self, indicator_id: str) -> float | str | None:
        """The value of an id (None when not computable or not present)."""
        r = self._results.get(indicator_id)
        return None if r is None else r.value

    def framework(self, name: str) -> list[IndicatorResult]:
        return [r for r in self._results.values() if r.definition.framework == name]

    def with_prefix(self, prefix: str) -> list[IndicatorResult]:
        return [r for k, r in self._results.items() if k.startswith(prefix)]

    def to_json_dict(self, lang: str = "en") -> dict:
        return {
            "indicators": {k: r.to_dict(lang) for k, r in self._results.items()},
            "messages": [m.to_dict() for m in self.messages],
        }
