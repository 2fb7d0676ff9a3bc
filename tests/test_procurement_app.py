"""The Streamlit green-procurement page, run headless with AppTest."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _page(lang: str, with_sample: bool):
    import json
    from pathlib import Path

    from gcpcalc.app.procurement_page import render
    from gcpcalc.models import validate_assessment

    assessment = None
    if with_sample:
        data = json.loads(Path("templates/sample_assessment.json").read_text(encoding="utf-8"))
        assessment, _ = validate_assessment(data)
    render(lang, assessment)


def _run(lang="en", with_sample=True) -> AppTest:
    at = AppTest.from_function(_page, kwargs={"lang": lang, "with_sample": with_sample}, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_quick_check_fail_then_pass():
    at = _run("en")
    assert at.selectbox(key="gc_proc_rule").value == "gpp.ballpoint_pen"
    at.selectbox(key="gc_proc_unit").set_value("g")
    at.number_input(key="gc_proc_basis").set_value(10.0)
    at.number_input(key="gc_proc_pre").set_value(3.5).run()
    assert any(t.startswith("Verdict: fail") for t in _texts(at.error))
    assert any("0.5 g more recycled material (pre- or post-consumer) needed" in m for m in _texts(at.markdown))
    assert any("confirmed (official)" in m for m in _texts(at.markdown))  # confirmed by the MoE policy deck
    assert any("Ministry of the Environment" in m and "FY2026 basic policy" in m for m in _texts(at.markdown))
    at.number_input(key="gc_proc_pre").set_value(4.0).run()
    assert any(t.startswith("Verdict: pass") for t in _texts(at.success))
    assert [m.value for m in at.metric][:2] == ["40.00", "0.00"]
    assert "Not checked (no input): Refill replaceable." in _texts(at.info)
    at.selectbox(key="gc_proc_refill_replaceable").set_value("no").run()  # the refill condition is checked now
    assert any(t.startswith("Verdict: fail") for t in _texts(at.error))
    assert any("make the refill replaceable" in m for m in _texts(at.markdown))
    at.selectbox(key="gc_proc_refill_replaceable").set_value("yes").run()
    assert any(t.startswith("Verdict: pass") for t in _texts(at.success))
    assert not any(t.startswith("Not checked") for t in _texts(at.info))


def test_quick_check_other_rule_and_invalid_masses_in_japanese():
    at = _run("ja", with_sample=False)
    at.selectbox(key="gc_proc_rule").set_value("ecomark.garbage_bags")
    at.number_input(key="gc_proc_basis").set_value(20.0)
    at.number_input(key="gc_proc_post").set_value(8.0).run()
    assert any(t.startswith("判定: 適合") for t in _texts(at.success))
    assert not any("未確認の判定ルール" in w for w in _texts(at.warning))  # a confirmed (official) rule
    at.number_input(key="gc_proc_pre").set_value(15.0).run()  # 15 + 8 > 20
    assert any("分母となる質量（20）を超えています" in e for e in _texts(at.error))


def test_batch_table_of_the_sample():
    at = _run("en")
    df = at.dataframe[-1].value
    got = dict(zip(df["Product"], df["Verdict"]))
    assert (got["P-PEN-01"], got["P-PEN-02"], got["P-BAG-01"]) == ("pass", "fail", "pass")
    pen2 = df[df["Product"] == "P-PEN-02"].iloc[0]
    assert pen2["Extra mass needed"] == pytest.approx(1.9) and pen2["Unit"] == "g"
    assert pen2["Rule status"] == "confirmed (official)" and pen2["Version"].startswith("FY2026 basic policy")


def test_no_assessment():
    at = _run("ja", with_sample=False)
    assert "評価データが読み込まれていません。" in _texts(at.info)
