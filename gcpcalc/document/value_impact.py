"""The "value and impact of the loop" section of the disclosure document (CTI revenue, GHG impact), drawn
from the plain section data of :mod:`gcpcalc.value_impact_section` (Excel sheet and PDF chapter alike)."""
from __future__ import annotations

from .build import Context, indicator_table, register_section
from .model import Chart, Column, Num, Section, Table, Text


def _unit(u: str, currency: str) -> str:
    return currency if u == currency and currency else ("t" if u == "t" else u)


def value_impact_section(ctx: Context) -> Section | None:
    from ..value_impact_section import HEADLINE_IDS, section

    lang, res = ctx.lang, ctx.results
    if not any(i in res for i in HEADLINE_IDS):
        return None
    cur = ctx.org.get("currency") or ""
    data = section(res, lang, cur)
    blocks: list = [indicator_table(ctx, "vi_headline", [res[i] for i in HEADLINE_IDS if i in res])]
    for t in data["tables"]:
        cols, keys = [], []
        for c in t["columns"]:
            numeric = bool(c["unit"]) and c["unit"] not in ("",)
            cols.append(Column(c["label"] + (f" ({c['unit']})" if c["unit"] and c["unit"] != "%" else
                                              (" (%)" if c["unit"] == "%" else "")),
                               "num" if numeric else "wrap", 14 if numeric else 24))
            keys.append((c["key"], c["unit"] if numeric else None))
        rows = []
        for r in t["rows"] + ([t["total"]] if t.get("total") else []):
            row = []
            for k, u in keys:
                v = r.get(k)
                if u is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
                    row.append(Num(float(v), "%" if u == "%" else ("t" if u == "t" else "")))
                elif u is not None and v is None:
                    row.append(Num(None, ""))
                else:
                    row.append("" if v is None else str(v))
            rows.append(row)
        total_rows = (len(rows) - 1,) if t.get("total") else ()
        blocks.append(Table(f"vi_{t['id']}", t["title"], cols, rows, total_rows=total_rows))
        if t["id"] == "ghg_by_material" and t["rows"]:
            blocks.append(Chart("vi_avoided", "bar", t["title"], table=f"vi_{t['id']}",
                                value_columns=(keys.index(("avoided_tco2e", "t CO2e")),)
                                if ("avoided_tco2e", "t CO2e") in keys else (len(keys) - 1,), unit="t CO2e"))
    for n in data["notes"]:
        blocks.append(Text(n, "note"))
    return Section("value_impact", data["title"], blocks, sheet=("循環の価値と影響" if lang == "ja" else "Value and impact"))


register_section("value_impact", value_impact_section, after="cti")
