"""The narrative texts of an assessment, by ESRS datapoint id (``E5-4_01`` …) or key, for the tagged report.

Sources, all optional:

* a ``narratives`` / ``disclosures`` table of the assessment with one row per datapoint (``datapoint`` and
  ``text``/``narrative``) — the disclosure-status texts written in the template, the app or the JSON form;
* the organisation's ``cascading_principle_note`` and the inflows' ``certification_scheme`` -> ``certification``
  (ESRS E5-4 §31(b));
* the organisation's circular-economy text -> ``vsme_b7_circular_economy`` (VSME B7 §37).

Only what the user wrote is returned; nothing is generated.
"""
from __future__ import annotations

_TABLE_NAMES = ("narratives", "disclosures", "disclosure_status", "datapoints")
_ID_FIELDS = ("datapoint", "datapoint_id", "id")
_TEXT_FIELDS = ("narrative", "text", "narrative_text")
_VSME_CE_FIELDS = ("circular_economy_note", "circular_economy_principles")


def _clean(value) -> str:
    return str(value).strip() if value is not None else ""


def _rows(assessment) -> list[dict]:
    for name in _TABLE_NAMES:
        rows = getattr(assessment, name, None)
        if rows:
            return [r if isinstance(r, dict) else getattr(r, "__dict__", {}) for r in rows]
    return []


def narrative_texts(assessment) -> dict[str, str]:
    """Datapoint id or key -> the text the user wrote (blank texts left out)."""
    out: dict[str, str] = {}
    for row in _rows(assessment):
        dp = next((_clean(row.get(f)) for f in _ID_FIELDS if _clean(row.get(f))), "")
        text = next((_clean(row.get(f)) for f in _TEXT_FIELDS if _clean(row.get(f))), "")
        if dp and text:
            out[dp] = text
    org = assessment.organisation or {}
    note = _clean(org.get("cascading_principle_note"))
    schemes = sorted({_clean(r.get("certification_scheme")) for r in getattr(assessment, "inflows", [])
                      if _clean(r.get("certification_scheme"))})
    if note or schemes:
        parts = []
        if schemes:
            parts.append("Certification schemes / 認証制度: " + ", ".join(schemes))
        if note:
            parts.append(note)
        out["certification"] = "\n".join(parts)
    ce = next((_clean(org.get(f)) for f in _VSME_CE_FIELDS if _clean(org.get(f))), "")
    if ce:
        out["vsme_b7_circular_economy"] = ce
    return out
