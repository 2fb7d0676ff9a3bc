"""Japanese wording of the rules file's scheme items and versions (the file keeps them in the words of its
sources, often English): 「エコマーク 商品類型No.112」, 「令和2年度（2020年2月7日追加）」.

A rule may give its own ``scheme_item_ja`` / ``version_ja``; otherwise these functions derive them.
"""
from __future__ import annotations

import re

_VERSION_PHRASES = (  # longest first
    ("2025 amendment, in force 2026-04-01; WG proposal 2025-07-25", "2025年改正（2026年4月1日施行、WG 案 2025年7月25日）"),
    ("2025 amendment; draft of 2025-06-26", "2025年改正（2025年6月26日の案）"),
    ("standards of 2025-07-24, in force 2026-01-25", "2025年7月24日の基準（2026年1月25日施行）"),
    ("long-standing; post-consumer option since the FY2017 revision", "従来から（ポストコンシューマ材料の選択肢は平成29年度改定から）"),
    ("phased from FY2024; all items by FY2030", "令和6年度から段階的に適用（令和12年度までに全品目）"),
    ("current (was ≥ 85 % in FY2011)", "現行（平成23年度は85%以上）"),
    ("unknown (possibly outdated)", "不明（旧版の可能性あり）"),
    ("in force 2022-04-01 (施行令第6条)", "2022年4月1日施行（施行令第6条）"),
    ("older text (historical)", "旧版の基準"),
    ("(version not stated on the page)", "（版の記載なし）"),
    ("(version unconfirmed)", "（版は未確認）"),
    ("(older version)", "（旧版）"),
    ("(unconfirmed)", "（未確認）"),
    ("(historical)", "（旧版）"),
    ("(draft)", "（案）"),
    ("(partial)", "（一部）"),
    ("(V2.9 scope)", "（V2.9 の対象範囲）"),
    ("Cabinet decision", "閣議決定"),
    ("not stated on the page", "記載なし"),
    ("not stated", "記載なし"),
    ("long-standing", "従来から"),
    ("older text", "旧版の基準"),
    ("current", "現行"),
    ("in force", "施行"),
    ("list", "の一覧"),
    ("text", "の基準"),
    (" or ", "または"),
)

_SCHEME_ITEM_PHRASES = (
    ("Eco Mark (category number not shown)", "エコマーク（商品類型番号の記載なし）"),
    ("Eco Mark (category number unconfirmed)", "エコマーク（商品類型番号は未確認）"),
    ("(判断の基準, older)", "の判断の基準（旧版）"),
    ("(判断の基準, 2009)", "の判断の基準（平成21年度）"),
    ("(policy goal)", "（政策目標）"),
    ("(2025 amendment)", "（2025年改正）"),
    ("文具類 共通", "文具類（共通）"),
)


def wareki_fy(year: int) -> str:
    """A Japanese fiscal year in the Japanese era: 2020 -> 令和2年度, 2019 -> 令和元年度, 2015 -> 平成27年度."""
    if year >= 2019:
        n = year - 2018
        return f"令和{'元' if n == 1 else n}年度"
    n = year - 1988
    return f"平成{'元' if n == 1 else n}年度"


def _date_ja(m: re.Match) -> str:
    y, mo, d = m.group(1), m.group(2), m.group(3)
    return f"{int(y)}年{int(mo)}月" + (f"{int(d)}日" if d else "")


def version_ja(version: str) -> str:
    """The Japanese wording of a rule's version: 「FY2020 (added 2020-02-07)」 -> 「令和2年度（2020年2月7日追加）」."""
    text = version
    for en, ja in _VERSION_PHRASES:
        text = text.replace(en, ja)
    text = re.sub(r"\(added (\d{4})-(\d{2})-(\d{2})\)", lambda m: f"（{_date_ja(m)}追加）", text)
    text = re.sub(r"FY(\d{4}) \(H\d+\)", lambda m: wareki_fy(int(m.group(1))), text)
    text = re.sub(r"≈FY(\d{4})–FY(\d{4})", lambda m: f"{wareki_fy(int(m.group(1)))}～{wareki_fy(int(m.group(2)))}頃", text)
    text = re.sub(r"FY(\d{4})", lambda m: wareki_fy(int(m.group(1))), text)
    text = re.sub(r"(\d{4})-(\d{2})(?:-(\d{2}))?", _date_ja, text)
    text = re.sub(r"\((閣議決定) ([^)]*)\)", r"（\2\1）", text)
    text = re.sub(r"\(from ([^)]*)\)", r"（\1から）", text)
    text = re.sub(r"^No\.", "商品類型No.", text)
    text = text.replace(" (", "（").replace("(", "（").replace(")", "）").replace("; ", "、")
    text = re.sub(r"^施行 (\d+年\d+月\d+日)", r"\1施行", text)
    text = re.sub(r"\s+の", "の", text)
    return re.sub(r"\s+（", "（", text)


def scheme_item_ja(scheme_item: str) -> str:
    """The Japanese wording of a rule's scheme item: 「Eco Mark No.112」 -> 「エコマーク 商品類型No.112」."""
    text = scheme_item
    for en, ja in _SCHEME_ITEM_PHRASES:
        text = text.replace(en, ja)
    text = re.sub(r"Eco Mark No\.", "エコマーク 商品類型No.", text)
    text = re.sub(r" / No\.", "／No.", text)
    if "判断の基準" in text:  # グリーン購入法 基本方針の特定調達品目: 「基本方針 文具類（共通）判断の基準」
        text = re.sub(r"\s+の判断", "の判断", text)
        text = "基本方針 " + re.sub(r"\s*\(判断の基準\)", "の判断の基準", text)
    text = text.replace("; No.", "、No.").replace(": ", "：").replace(" (", "（").replace("(", "（").replace(")", "）")
    return re.sub(r"\s+（", "（", text)
