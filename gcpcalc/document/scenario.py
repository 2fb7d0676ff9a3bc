"""The scenario section of the disclosure document: the key figures of the assessment and of a what-if
scenario side by side, with the changes in words (:mod:`gcpcalc.scenario`; the scenario's figures are the engine's
figures of the edited assessment). Present only when the report is asked for a scenario."""
from __future__ import annotations

from .build import Context, register_section
from .model import Column, Num, Section, Table, Text


def scenario_section(ctx: Context) -> Section | None:
    from ..scenario import KEY_INDICATORS, describe

    comp = getattr(ctx, "scenario_comparison", None)
    if comp is None or comp.scenario is None:
        return None
    lang = ctx.lang
    ja = lang == "ja"
    scen = ctx.scenario
    title = (f"シナリオ分析：{scen.name}" if ja else f"Scenario: {scen.name}")
    changes = Table("scenario_changes", "変更内容" if ja else "Changes",
                    [Column("#", "text", 5), Column("変更内容" if ja else "Change", "wrap", 80)],
                    [[str(i), describe(c, lang)] for i, c in enumerate(scen.changes, 1)])
    rows = []
    by = {i: (b, s, d) for i, b, s, d in comp.rows}
    for iid in KEY_INDICATORS:
        if iid not in by:
            continue
        b, s, d = by[iid]
        r = comp.baseline.get(iid) or comp.scenario.get(iid)
        rows.append([r.label(lang), Num(b, r.unit), Num(s, r.unit), Num(d, r.unit), r.unit])
    figures = Table("scenario_figures", "現状とシナリオの比較" if ja else "Current data and scenario",
                    [Column("指標" if ja else "Indicator", "wrap", 40), Column("現状" if ja else "Current", "num", 13),
                     Column("シナリオ" if ja else "Scenario", "num", 13), Column("差" if ja else "Difference", "num", 13),
                     Column("単位" if ja else "Unit", "unit", 10)], rows)
    note = ("シナリオの値は、変更後のデータを同じ計算式で算定した値です（開示値ではありません）。" if ja else
            "The scenario's figures are the same formulas applied to the changed data (not disclosed figures).")
    return Section("scenario", title, [changes, figures, Text(note, "note")], sheet=("シナリオ" if ja else "Scenario"))


register_section("scenario", scenario_section, after="methodology")
