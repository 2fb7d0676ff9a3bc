"""Tests of the Streamlit app script with ``streamlit.testing.v1.AppTest``."""
from __future__ import annotations

import copy
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from gcpcalc.app.results import format_value
from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment

APP = str(Path(__file__).resolve().parents[1] / "app_streamlit.py")


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _goto(at: AppTest, page: str) -> None:
    at.sidebar.radio(key="gc_page").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def sample_results():
    return compute(load_assessment(sample_assessment()))


def test_first_run_shows_the_sample_kpis(sample_results):
    at = _run()
    metrics = _metrics(at)
    # 3601.781 t circular of 7440.3 t inflow; (3601.781 + 2818.92) / (7440.3 + 6065.65) for the material circularity
    assert sample_results.value("cti.circular_inflow_pct") == pytest.approx(3601.781 / 7440.3 * 100)
    assert metrics["循環インフロー"] == "48.4 %"
    assert metrics["マテリアル循環率"] == "47.5 %"
    assert (3601.781 + 2818.92) / (7440.3 + 6065.65) * 100 == pytest.approx(47.5398, abs=1e-4)
    assert metrics["循環アウトフロー"] == format_value(sample_results.value("cti.circular_outflow_pct"), "%")
    assert len(metrics) == 9
    assert "株式会社みどり精機" in " ".join(m.value for m in at.markdown)
    labels = [b.label for b in at.button]
    assert "白紙から入力" in labels and "記入済みテンプレートをアップロード" in labels


def test_editing_an_inflow_changes_circular_inflow_to_the_engine_value():
    at = _run()
    _goto(at, "form")
    key = at.data_editor[0].key
    assert key.startswith("gc_editor_inflows_")
    assert at.data_editor[0].value.iloc[0]["line_id"] == "IN-001"
    assert list(at.data_editor[0].value.index[:3]) == [1, 2, 3]  # the row numbers shown are those of the messages
    # IN-001: 1850 t steel, post-consumer 8 % -> 88 %: +1480 t circular inflow
    at.session_state[key] = {"edited_rows": {0: {"recycled_postconsumer_pct": 88.0}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert not at.exception
    _goto(at, "results")
    data = copy.deepcopy(sample_assessment())
    data["inflows"][0]["recycled_postconsumer_pct"] = 88
    engine = compute(load_assessment(data)).value("cti.circular_inflow_pct")
    assert engine == pytest.approx((3601.781 + 1480) / 7440.3 * 100)
    assert _metrics(at)["循環インフロー"] == format_value(engine, "%") == "68.3 %"
    # the edit survives leaving the page and coming back
    _goto(at, "form")
    assert float(at.data_editor[0].value.iloc[0]["recycled_postconsumer_pct"]) == 88.0


def test_a_bad_value_shows_an_error_naming_row_and_field():
    at = _run()
    _goto(at, "form")
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {2: {"mass": -5.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    errors = [e.value for e in at.error]
    assert "インフロー 3行目: 質量：-5 は最小値 0 未満です。" in errors
    assert "データのエラー：1件" in [e.value for e in at.sidebar.error]
    # what was typed stays in the table
    assert at.session_state["gc_current"]["inflows"].iloc[2]["mass"] in (-5.0, "-5.0", "-5")
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    assert "Inflows, row 3: Mass: -5 is below the minimum 0." in [e.value for e in at.error]
    assert at.session_state["gc_current"]["inflows"].iloc[2]["mass"] in (-5.0, "-5.0", "-5")


def test_switching_language_changes_labels():
    at = _run()
    assert "循環インフロー" in _metrics(at)
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    metrics = _metrics(at)
    assert "Circular inflow" in metrics and "循環インフロー" not in metrics
    assert metrics["Material circularity"] == "47.5 %"
    assert "Start blank" in [b.label for b in at.button]
    assert at.sidebar.radio(key="gc_page").options[1] == "Fill in"
    _goto(at, "form")
    assert [h.value for h in at.subheader][:2] == ["Inflows", "Products"] or "Inflows" in [h.value for h in at.subheader]


def _bad_template() -> bytes:
    from gcpcalc.excel.template import assessment_to_template_bytes

    wb = openpyxl.load_workbook(io.BytesIO(assessment_to_template_bytes(load_assessment(sample_assessment()), "en")))
    ws = wb["Inflows"]
    headers = [c.value for c in ws[1]]
    col = headers.index("Mass") + 1  # column E
    ws.cell(row=2, column=col, value="lots")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), f"Inflows!{openpyxl.utils.get_column_letter(col)}2"


def test_an_invalid_upload_lists_cell_addresses():
    data, cell = _bad_template()
    at = _run()
    _goto(at, "upload")
    at.file_uploader(key="gc_upload").set_value(("bad.xlsx", data, "application/octet-stream")).run()
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert cell in text, text
    assert "bad.xlsx" in text
    # nothing was loaded: the sample is still the current data
    assert at.session_state["gc_source"][0] == "sample"


def test_a_valid_upload_loads_into_the_form():
    from gcpcalc.excel.template import assessment_to_template_bytes

    data = copy.deepcopy(sample_assessment())
    data["inflows"] = data["inflows"][:1]
    wb = assessment_to_template_bytes(load_assessment(data), "ja")
    at = _run()
    _goto(at, "upload")
    at.file_uploader(key="gc_upload").set_value(("mine.xlsx", wb, "application/octet-stream")).run()
    assert not at.exception
    assert at.session_state["gc_source"] == ("upload", "mine.xlsx")
    # one inflow line: IN-001 1850 t, 12 % + 8 % recycled
    assert _metrics(at)["循環インフロー"] == "20.0 %"
    _goto(at, "form")
    assert len(at.data_editor[0].value) == 1


class _Recording(MemoryMediaFileStorage):
    instances: list = []

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        _Recording.instances.append(self)


def _build(at: AppTest, kind: str) -> None:
    """Click the button that makes one download (files are made on demand)."""
    at.button(key=f"gc_build_{kind}").click().run()
    assert not at.exception, [e.value for e in at.exception]


def _download(at: AppTest, monkeypatch, label_part: str) -> bytes:
    button = next(b for b in at.get("download_button") if label_part in b.label)
    name = button.proto.url.rsplit("/", 1)[-1]
    for storage in reversed(_Recording.instances):
        try:
            return bytes(storage.get_file(name).content)
        except Exception:
            continue
    raise AssertionError(f"{name} not served")


def test_report_download_yields_a_workbook_openpyxl_loads(monkeypatch):
    pytest.importorskip("gcpcalc.excel.report", reason="the Excel report writer is not installed")
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _Recording)
    at = _run()
    _goto(at, "downloads")
    # the page appears with nothing made yet: one "create" button per file
    assert at.get("download_button") == [] or len(at.get("download_button")) == 0
    assert {b.key for b in at.button if b.key.startswith("gc_build_")} == {
        "gc_build_report", "gc_build_template", "gc_build_filled", "gc_build_json"}
    _build(at, "report")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["開示レポート（.xlsx）"], labels
    # made with a progress indicator that ends at 100 % and says what was made
    assert [p.value for p in at.get("progress")] == [100]
    assert at.get("status")[0].label.startswith("作成しました：開示レポート（.xlsx）（")
    # a second run offers the file made, without making it again
    at.run()
    assert [b.label for b in at.get("download_button")] == ["開示レポート（.xlsx）"]
    report = openpyxl.load_workbook(io.BytesIO(_download(at, monkeypatch, "開示レポート")))
    assert len(report.sheetnames) >= 2


def test_data_downloads_give_the_current_data_back(monkeypatch):
    import json

    from gcpcalc.io import load_bytes

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _Recording)
    at = _run()
    _goto(at, "downloads")
    for kind in ("filled", "json", "template"):
        _build(at, kind)
    filled = _download(at, monkeypatch, "記入済み")
    assert "インフロー" in openpyxl.load_workbook(io.BytesIO(filled)).sheetnames
    loaded = load_bytes(filled, "filled.xlsx")
    assert loaded.ok, [m.message_en for m in loaded.errors]
    assert loaded.assessment.inflows[0]["mass"] == 1850
    data = json.loads(_download(at, monkeypatch, "JSON"))
    assert data["inflows"][0]["line_id"] == "IN-001"
    assert len(data["inflows"]) == len(sample_assessment()["inflows"])
    template = openpyxl.load_workbook(io.BytesIO(_download(at, monkeypatch, "空の入力")))
    assert template["インフロー"].max_row >= 1


@pytest.mark.parametrize("page", ["start", "form", "upload", "results", "downloads", "procurement", "store"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_renders_without_error(page, lang):
    at = _run()
    at.sidebar.radio(key="gc_lang").set_value(lang).run()
    _goto(at, page)
    assert not [e.value for e in at.error if "表示できません" in e.value or "could not be shown" in e.value]


def test_start_blank_opens_an_empty_form():
    at = _run()
    next(b for b in at.button if b.label == "白紙から入力").click().run()
    assert at.session_state["gc_page"] == "form"
    assert all(len(e.value) == 0 for e in at.data_editor)
    assert "組織名：値の入力が必要です。" in " ".join(e.value for e in at.error)
