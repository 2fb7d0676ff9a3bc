"""The app's Japan page (AppTest): the sample's Resource Act figures, the draft tables and the jp.* figures."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app_streamlit.py")


@pytest.fixture(autouse=True)
def _no_user_store(tmp_path, monkeypatch):
    monkeypatch.setenv("GCPCALC_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")


def _page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.radio(key="gc_lang").set_value(lang).run()
    at.sidebar.radio(key="gc_page").set_value("japan").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_japan_page_in_japanese():
    at = _page("ja")
    assert at.header[0].value == "日本の制度対応（資源法・設計認定・国産再生材）"
    assert any("作成準備用の下書き" in w.value and "正式な様式ではありません" in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    # room air conditioners FY2025: (0.4 + 0.9) / 9.0 kg = 14.4 %; packaging (35 + 60) / 420 t = 22.6 %
    assert metrics["再生プラスチック利用率：エアコン（2025年度）"] == "14.4 %"
    assert metrics["再生プラスチック利用率：プラスチック製容器包装（2025年度）"] == "22.6 %"
    captions = [c.value for c in at.caption]
    assert "対象外（規模の基準未満）：48,600台（50,000台以上で対象）" in captions
    frames = [d.value for d in at.dataframe]
    threshold = next(f for f in frames if "判定" in f.columns and "基準" in f.columns)
    assert list(threshold["判定"]) == ["対象外（規模の基準未満）"] * 3
    assert list(threshold["対象外の容器包装（t）"]) == ["", "", "130.000"]
    progress = next(f for f in frames if "進捗率（%）" in f.columns)
    assert progress.iloc[0]["進捗率（%）"] == "45.05"  # (14.44 − 9.89) / (20 − 9.89)
    design = next(f for f in frames if "品目" in f.columns and "製品" in f.columns)
    assert dict(zip(design["製品"], design["判定"]))["P-CLH-01"] == "適合"
    jp = next(f for f in frames if "指標" in f.columns and "根拠の確認状況" in f.columns)
    got = dict(zip(jp["指標"], jp["値"]))
    assert got["プラスチックのインフロー量"] == "1,026.30" and got["再生プラスチックのインフロー量"] == "238.30"
    assert set(jp["根拠の確認状況"]) <= {"確認済み", "仮定", "二次情報"}


def test_japan_page_in_english():
    at = _page("en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Recycled-plastic use rate, Air conditioners FY2025"] == "14.4 %"
    assert "Below the threshold: 48,600 units (threshold ≥ 50,000 units)" in [c.value for c in at.caption]


def test_first_screen_shows_the_resource_act_line():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    line = next(i.value for i in at.info if i.value.startswith("改正資源有効利用促進法"))
    assert line == ("改正資源有効利用促進法・再生プラスチック利用率：エアコン 14.4%（48,600台：対象外。50,000台以上で対象）、"
                    "プラスチック製容器包装 22.6%（420 t：対象外。10,000 t以上で対象）")
    next(b for b in at.button if b.label == "日本の制度（資源法）を開く").click().run()
    assert at.session_state["gc_page"] == "japan"
