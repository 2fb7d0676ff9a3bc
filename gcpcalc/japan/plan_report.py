"""The 再生資源利用計画 (recycled-resource use plan) and 定期報告 (periodic report) DRAFT, as plain section data.

The official forms (様式) of the amended Resource Act are not published yet [secondary sources]. The draft is
laid out by the items the law and the METI working group name — producer, designated product and size
threshold, the use target (目標) with its year, actions and supply arrangements, how the recycled content is
verified, and the results (plastic used, recycled plastic split pre-/post-consumer, use rate) — and is marked
as a preparation aid in every output. Japanese first: the ja texts are the working texts; en is a reading aid.

:func:`plan_report_sections` returns :class:`Section` objects (title, note, columns, rows of plain values) that
the Excel report (:mod:`gcpcalc.excel.report_japan`), the PDF and the app lay out as they like.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import enum_label
from .resource_act import EVIDENCE_NOTE, PLAN_DUE, REPORT_DUE, THRESHOLDS, ResourceActSummary, status_label

#: the statute as named in the draft
LAW_JA = "資源の有効な利用の促進に関する法律（令和7年法律第52号による改正後）第6章 指定脱炭素化再生資源利用促進製品"
LAW_EN = ("Act on the Promotion of Effective Utilization of Resources, as amended by Act No. 52 of 2025, Chapter 6 "
          "(designated products for the use of decarbonising recycled resources)")


@dataclass
class Section:
    """One block of the draft: a title, a note, and a table (columns, rows of plain values).

    ``kinds`` gives each column's kind for layout: ``text``, ``int`` (a count or year), ``t`` (tonnes),
    ``pct`` (percent), ``num`` (a number in the row's own unit)."""

    key: str
    title: str
    note: str = ""
    columns: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "note": self.note, "columns": list(self.columns),
                "kinds": list(self.kinds), "rows": [list(r) for r in self.rows]}


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _period(org: dict, lang: str) -> str:
    start, end = org.get("period_start"), org.get("period_end")
    if not start or not end:
        return ""
    s, e = str(start), str(end)
    if lang == "ja":
        return f"{s[:4]}年{int(s[5:7])}月{int(s[8:10])}日～{e[:4]}年{int(e[5:7])}月{int(e[8:10])}日"
    return f"{s} – {e}"


def _fy(year: int | None, lang: str) -> str:
    if year is None:
        return ""
    return f"{year}年度" if lang == "ja" else f"FY{year}"


def plan_report_sections(assessment: Any, summary: ResourceActSummary, lang: str = "ja") -> list[Section]:
    """The draft's sections for ``assessment`` (object or JSON dict) and its :func:`~.resource_act.evaluate`."""
    org = (assessment.get("organisation") if isinstance(assessment, dict)
           else getattr(assessment, "organisation", {})) or {}
    out: list[Section] = []
    ja = lang == "ja"
    disclaimer = EVIDENCE_NOTE[1 if ja else 0]
    out.append(Section(
        "cover", _t(lang, "Recycled-resource use plan (再生資源利用計画) and periodic report (定期報告) — DRAFT",
                    "再生資源利用計画・定期報告（作成準備用の下書き）"),
        disclaimer + _t(lang, " When the official forms are published, prepare the filing on them.",
                        "正式な様式が公表された後は、その様式で作成してください。")))

    latest = summary.latest()
    latest_fy = max((r.fiscal_year for r in summary.rows), default=None)
    obligated = [r for r in latest.values() if r.status == "above"]
    out.append(Section(
        "producer", _t(lang, "1. Producer", "1. 事業者の概要"), "",
        [_t(lang, "Item", "項目"), _t(lang, "Entry", "記載内容")], ["text", "text"],
        [[_t(lang, "Name", "事業者の名称"), org.get("name") or ""],
         [_t(lang, "Reporting period", "報告期間"), _period(org, lang)],
         [_t(lang, "Latest fiscal year in the data", "対象年度（入力データの最新年度）"), _fy(latest_fy, lang)],
         [_t(lang, "Statute", "根拠法令"), LAW_JA if ja else LAW_EN],
         [_t(lang, "Designated recycled resource", "脱炭素化再生資源の種類"),
          _t(lang, "Recycled plastic (pre-consumer and post-consumer material)",
             "再生プラスチック（プレコンシューマ材料及びポストコンシューマ材料）")],
         [_t(lang, "Designated products above the threshold", "対象となる指定製品"),
          ("、" if ja else ", ").join(enum_label(r.category, lang) for r in obligated)
          or _t(lang, "none", "なし")]]))

    rows = []
    for r in summary.rows:
        th = r.threshold
        rows.append([enum_label(r.category, lang), r.fiscal_year, r.volume,
                     _t(lang, "units", "台") if th.unit == "units" else "t", th.text(lang),
                     status_label(r.status, lang), r.excluded_t if r.category == "plastic_packaging" else None,
                     _t(lang, "secondary source: ", "二次情報：") + th.source])
    out.append(Section(
        "threshold", _t(lang, "2. Designated products and the size threshold", "2. 指定製品と対象となる規模の判定"),
        _t(lang, "Threshold per fiscal year: automobiles ≥ 10,000 units; air conditioners, TVs, refrigerators and "
                 "washing machines ≥ 50,000 units per item; plastic containers and packaging ≥ 10,000 t (food "
                 "packaging other than PET bottles and pharmaceutical packaging excluded). Exactly at the threshold "
                 "counts as above.",
           "年度ごとの規模の基準：自動車は1万台以上、エアコン・テレビ・冷蔵庫・洗濯機は品目ごとに5万台以上、"
           "プラスチック製容器包装は1万t以上（PETボトル以外の食品用と医薬品用の容器包装を除く）。基準値ちょうどは対象。"),
        [_t(lang, "Designated product", "指定製品の区分"), _t(lang, "Fiscal year", "年度"),
         _t(lang, "Production / import volume", "製造・輸入販売の量"), _t(lang, "Unit", "単位"),
         _t(lang, "Threshold", "基準"), _t(lang, "Result", "判定"),
         _t(lang, "Excluded packaging (t)", "対象外の容器包装（t）"), _t(lang, "Source", "出典")],
        ["text", "int", "num", "text", "text", "text", "t", "text"], rows))

    plan_rows = []
    for cat, r in latest.items():
        prog = summary.progress.get(cat) or {}
        cert = list(r.certification)
        if r.mass_balance:
            cert.append(_t(lang, "mass-balance attribution", "マスバランス方式"))
        verification = ("、" if ja else "; ").join(cert + r.evidence)
        plan_rows.append([
            enum_label(cat, lang), prog.get("baseline_year"), prog.get("baseline_value"),
            r.target_year, r.target_rate_pct, ("、" if ja else "; ").join(r.measures),
            verification or _t(lang, "(not entered)", "（未入力）")])
    out.append(Section(
        "plan", _t(lang, "3. Recycled-resource use plan (draft)", "3. 再生資源利用計画（案）"),
        _t(lang, f"The plan includes a use target set by the firm; no uniform numeric target applies. "
                 f"First plans are due {PLAN_DUE[0]} [secondary].",
           f"計画には事業者が定める利用目標を記載します（一律の数値目標はありません）。最初の計画の提出期限は{PLAN_DUE[1]}"
           "（二次情報）。"),
        [_t(lang, "Designated product", "指定製品の区分"), _t(lang, "Baseline year", "基準年度"),
         _t(lang, "Baseline use rate (%)", "基準年度の利用率（%）"), _t(lang, "Target year", "目標年度"),
         _t(lang, "Target use rate (%)", "目標とする利用率（%）"),
         _t(lang, "Measures and supply arrangements", "取組内容・調達体制"),
         _t(lang, "How the recycled content is verified", "再生プラスチックの確認方法（認証・根拠資料）")],
        ["text", "int", "pct", "int", "pct", "text", "text"], plan_rows))

    report_rows = []
    for r in sorted(list(summary.rows) + list(summary.history), key=lambda x: (x.category, x.fiscal_year)):
        report_rows.append([
            enum_label(r.category, lang), r.fiscal_year, r.plastic_t, r.recycled_t,
            r.recycled_pre_t if r.plastic_t is not None else None,
            r.recycled_post_t if r.plastic_t is not None else None, r.use_rate_pct, r.postconsumer_pct,
            _t(lang, "this input", "今回の入力") if r.origin == "current" else _t(lang, "saved period", "保存済みデータ")])
    out.append(Section(
        "report", _t(lang, "4. Periodic report (draft): use of recycled plastic", "4. 定期報告（案）：再生プラスチックの利用実績"),
        _t(lang, "Use rate = recycled plastic (pre- + post-consumer) ÷ plastic used × 100. Reports are due "
                 f"{REPORT_DUE[0]} [secondary].",
           "利用率＝再生プラスチック使用量（プレコンシューマ材料＋ポストコンシューマ材料）÷プラスチック使用量×100。"
           f"定期報告の提出期限は{REPORT_DUE[1]}（二次情報）。"),
        [_t(lang, "Designated product", "指定製品の区分"), _t(lang, "Fiscal year", "年度"),
         _t(lang, "Plastic used (t)", "プラスチック使用量（t）"), _t(lang, "Recycled plastic (t)", "再生プラスチック使用量（t）"),
         _t(lang, "of which pre-consumer (t)", "うちプレコンシューマ材料（t）"),
         _t(lang, "of which post-consumer (t)", "うちポストコンシューマ材料（t）"),
         _t(lang, "Use rate (%)", "再生プラスチック利用率（%）"), _t(lang, "Post-consumer share (%)", "ポストコンシューマ材料の割合（%）"),
         _t(lang, "Data", "データの出所")],
        ["text", "int", "t", "t", "t", "t", "pct", "pct", "text"], report_rows))

    prog_rows = []
    for cat, p in summary.progress.items():
        prog_rows.append([enum_label(cat, lang), p.get("baseline_year"), p.get("baseline_value"), p.get("latest_year"),
                          p.get("latest_value"), p.get("target_year"), p.get("target_value"), p.get("progress_pct"),
                          p.get("path_value"), _progress_status_label(p.get("status", "no_data"), lang)])
    out.append(Section(
        "progress", _t(lang, "5. Progress toward the target", "5. 目標に対する進捗"),
        _t(lang, "Progress = (latest − baseline) ÷ (target − baseline) × 100; the path is the straight line from the "
                 "baseline to the target. The baseline is the first fiscal year with a value, from this input or the "
                 "saved periods.",
           "進捗率＝（最新値－基準値）÷（目標値－基準値）×100。計画線は基準年度から目標年度までの直線。基準年度は、今回の入力と"
           "保存済みデータのうち値のある最初の年度です。"),
        [_t(lang, "Designated product", "指定製品の区分"), _t(lang, "Baseline year", "基準年度"),
         _t(lang, "Baseline (%)", "基準値（%）"), _t(lang, "Latest year", "最新年度"), _t(lang, "Latest (%)", "最新値（%）"),
         _t(lang, "Target year", "目標年度"), _t(lang, "Target (%)", "目標値（%）"), _t(lang, "Progress (%)", "進捗率（%）"),
         _t(lang, "On the path (%)", "計画線上の値（%）"), _t(lang, "Status", "状況")],
        ["text", "int", "pct", "int", "pct", "int", "pct", "pct", "pct", "text"], prog_rows))

    out.append(Section(
        "deadlines", _t(lang, "6. Deadlines and enforcement (secondary sources)", "6. 提出期限と行政措置（二次情報）"), "",
        [_t(lang, "Item", "項目"), _t(lang, "Content", "内容")], ["text", "text"],
        [[_t(lang, "Recycled-resource use plan", "再生資源利用計画"), PLAN_DUE[1 if ja else 0]],
         [_t(lang, "Periodic report", "定期報告"), REPORT_DUE[1 if ja else 0]],
         [_t(lang, "In force", "施行日"), _t(lang, "1 April 2026", "2026年4月1日")],
         [_t(lang, "Enforcement", "行政措置"),
          _t(lang, "Guidance, recommendation, publication, order; for breach of an order a fine (up to ¥500,000 under "
                   "the existing chapters; the amount for the new chapter is unconfirmed).",
             "指導・助言、勧告、公表、命令。命令違反には罰金（既存の類型では50万円以下。新たな章の金額は未確認）。")]]))
    return out


def threshold_table(lang: str = "ja") -> list[list[str]]:
    """The thresholds as rows (category, threshold, source, evidence status) for help texts."""
    return [[enum_label(c, lang), t.text(lang), t.source, _t(lang, "secondary", "二次情報")]
            for c, t in THRESHOLDS.items()]


def _progress_status_label(status: str, lang: str) -> str:
    """The label of a target's progress status (the store's trend, imported only when saved periods are shown)."""
    from ..store.trends import status_label

    return status_label(status, lang)
