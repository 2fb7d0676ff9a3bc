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
    assert metrics["循環インフロー率"] == "48.4 %"
    assert metrics["マテリアル循環率"] == "47.6 %"
    assert metrics["循環資源生産性"] == "4,846 千円/t"  # in thousands on the narrow tile
    # revision 2 added OUT-022 (4.2 t copper scrap, fully recovered)
    assert (3601.781 + 2823.12) / (7440.3 + 6069.85) * 100 == pytest.approx(47.5561, abs=1e-4)
    assert metrics["循環アウトフロー率"] == format_value(sample_results.value("cti.circular_outflow_pct"), "%")
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
    assert _metrics(at)["循環インフロー率"] == format_value(engine, "%") == "68.3 %"
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
    assert "インフロー 3行目：質量：-5 は最小値 0 未満です。" in errors
    assert "データのエラー：1件" in [e.value for e in at.sidebar.error]
    # what was typed stays in the table
    assert at.session_state["gc_current"]["inflows"].iloc[2]["mass"] in (-5.0, "-5.0", "-5")
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    assert "Inflows, row 3: Mass: -5 is below the minimum 0." in [e.value for e in at.error]
    assert at.session_state["gc_current"]["inflows"].iloc[2]["mass"] in (-5.0, "-5.0", "-5")


def test_switching_language_changes_labels():
    at = _run()
    assert "循環インフロー率" in _metrics(at)
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    metrics = _metrics(at)
    assert "Circular inflow" in metrics and "循環インフロー率" not in metrics
    assert metrics["Material circularity"] == "47.6 %"
    assert metrics["Circular material productivity"] == "4,846k JPY/t"  # short enough for the narrow tile
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
    assert _metrics(at)["循環インフロー率"] == "20.0 %"
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
    assert [b.key for b in at.get("download_button") if b.key != "gc_dl_xbrl"] == []
    assert {b.key for b in at.button if b.key.startswith("gc_build_")} == {
        "gc_build_report", "gc_build_pdf", "gc_build_template", "gc_build_filled", "gc_build_json"}
    _build(at, "report")
    labels = [b.label for b in at.get("download_button") if b.key != "gc_dl_xbrl"]
    assert labels == ["開示レポート（.xlsx）"], labels
    # made with a progress indicator that ends at 100 % and says what was made
    assert [p.value for p in at.get("progress")] == [100]
    assert at.get("status")[0].label.startswith("作成しました：開示レポート（.xlsx）（")
    # a second run offers the file made, without making it again
    at.run()
    assert [b.label for b in at.get("download_button") if b.key != "gc_dl_xbrl"] == ["開示レポート（.xlsx）"]
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


@pytest.mark.parametrize("page", ["start", "form", "upload", "results", "downloads", "procurement", "japan", "store"])
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


def test_pdf_report_is_made_on_request_and_downloaded(monkeypatch):
    pytest.importorskip("weasyprint")
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _Recording)
    at = _run()
    _goto(at, "downloads")
    assert "開示レポート（PDF）" not in [b.label for b in at.get("download_button")]  # not typeset on every visit
    at.button(key="gc_build_pdf").click().run(timeout=600)
    assert not at.exception, [e.value for e in at.exception]
    data = _download(at, monkeypatch, "開示レポート（PDF）")
    assert data[:5] == b"%PDF-"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 8
    assert "エグゼクティブサマリー" in reader.pages[0].extract_text()


# ------------------------------------------------------------------------------------------------
# issue 17: what is typed is kept, last valid results, language switch, no English on Japanese pages
# ------------------------------------------------------------------------------------------------
def _edit(at: AppTest, index: int, edited: dict | None = None, added: list | None = None) -> None:
    key = at.data_editor[index].key
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_language_switch_keeps_the_page():
    at = _run()
    _goto(at, "results")
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    assert at.session_state["gc_page"] == "results"
    assert at.header[0].value == "Results"
    assert at.sidebar.radio(key="gc_page").value == "results"
    at.sidebar.radio(key="gc_lang").set_value("ja").run()
    assert at.session_state["gc_page"] == "results" and at.header[0].value == "結果"


def test_typed_values_stay_as_typed_and_the_last_valid_results_stay_on_screen():
    at = _run()
    _goto(at, "form")
    assert _metrics(at)["循環インフロー率"] == "48.4 %"
    _edit(at, 0, edited={2: {"mass": "-5", "recycled_postconsumer_pct": "150"}})
    current = at.session_state["gc_current"]["inflows"]
    assert current.loc[3, "mass"] == "-5" and current.loc[3, "recycled_postconsumer_pct"] == "150"
    errors = [e.value for e in at.error]
    assert "インフロー 3行目：質量：-5 は最小値 0 未満です。" in errors
    assert any(e.startswith("インフロー 3行目：") and "150 は 0～100 の割合" in e for e in errors), errors
    # the key figures are those of the last valid data, marked as such, with what to fix
    assert _metrics(at)["循環インフロー率"] == "48.4 %"
    assert "主要指標（入力に合わせて更新）（直前の有効な結果）" in [h.value for h in at.subheader]
    assert any("データにエラーが2件あるため、直前の有効なデータによる結果" in w.value for w in at.warning)
    fix = " ".join(m.value for m in at.markdown)
    assert "- インフロー 3行目：質量：-5 は最小値 0 未満です。" in fix
    # the rows with errors, as typed, the cells to fix marked
    view = next(d for d in at.dataframe if "質量" in d.value.columns)
    assert list(view.value.index) == [3]
    assert view.value.loc[3, "質量"] == "-5" and view.value.loc[3, "再生材含有率：ポストコンシューマ材料（%）"] == "150"
    # the results page shows the same last valid results, marked, and the figures of the engine
    _goto(at, "results")
    assert _metrics(at)["マテリアル循環率"] == "47.6 %"
    assert "主要指標（直前の有効な結果）" in [h.value for h in at.subheader]


def test_a_new_row_keeps_the_last_results_and_its_errors_cite_the_row_shown():
    at = _run()
    _goto(at, "form")
    n = len(sample_assessment()["inflows"])
    _edit(at, 0, added=[{"description": "new"}])
    assert _metrics(at)["循環インフロー率"] == "48.4 %"
    errors = " ".join(e.value for e in at.error)
    assert f"インフロー {n + 1}行目：行ID：値の入力が必要です。" in errors, errors
    assert "データのエラー：" in " ".join(e.value for e in at.sidebar.error)


def test_error_row_numbers_are_the_numbers_shown_when_a_row_above_is_blank():
    at = _run()
    _goto(at, "form")
    blank = {f.id: None for f in __import__("gcpcalc.fields", fromlist=["F"]).INFLOWS.fields if f.kind != "bool"}
    # row 2 emptied (not validated), row 3 wrong: the validation counts it as its 2nd row, the editor shows 3
    _edit(at, 0, edited={1: blank, 2: {"mass": "-5"}})
    errors = [e.value for e in at.error]
    assert "インフロー 3行目：質量：-5 は最小値 0 未満です。" in errors, errors
    assert not any("2行目" in e for e in errors)


def test_organisation_numbers_are_shown_with_separators_and_kept_as_typed():
    at = _run()
    _goto(at, "form")
    revenue = next(w for w in at.text_input if w.key.startswith("gc_org_revenue_"))
    assert revenue.value == "18,600,000,000"
    revenue.set_value("-5").run()
    revenue = next(w for w in at.text_input if w.key.startswith("gc_org_revenue_"))
    assert revenue.value == "-5"
    assert any("-5" in e.value and "売上高" in e.value for e in at.error), [e.value for e in at.error]


def test_results_tables_have_no_id_column_and_inputs_are_a_table_of_labels(sample_results):
    at = _run()
    _goto(at, "results")
    frames = [d.value for d in at.dataframe]
    assert frames and all("id" not in f.columns for f in frames)
    cti = at.dataframe[0].value
    assert list(cti.columns[:2]) == ["指標", "値"]
    at.selectbox(key="gc_sec_cti_details").set_value("cti.circular_inflow_pct").run()
    inputs = next(d for d in at.dataframe if "入力項目" in d.value.columns).value
    assert list(inputs.columns) == ["入力項目", "値"]
    by_name = dict(zip(inputs["入力項目"], inputs["値"]))
    assert by_name["インフロー合計（t）"] == "7,440.30" and by_name["循環インフロー（t）"] == "3,601.78"
    assert not [c for c in at.code if "{" in c.value]  # no raw JSON
    assert "`cti.circular_inflow_pct`" not in " ".join(m.value for m in at.markdown)


def test_upload_messages_name_the_cell_without_a_second_row_number():
    data, cell = _bad_template()
    at = _run()
    _goto(at, "upload")
    at.file_uploader(key="gc_upload").set_value(("bad.xlsx", data, "application/octet-stream")).run()
    table = next(d for d in at.dataframe if "場所" in d.value.columns).value
    assert "行" not in table.columns
    assert cell in " ".join(table["場所"].astype(str))


def test_the_store_page_has_a_title_no_database_url_and_local_times(tmp_path, monkeypatch):
    import datetime as dt

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    at = _run()
    at.session_state["gc_db_url"] = url
    _goto(at, "store")
    assert at.header[0].value == "保存済みの評価"
    shown = " ".join([c.value for c in at.caption] + [m.value for m in at.markdown])
    assert "sqlite" not in shown and str(tmp_path) not in shown
    before = dt.datetime.now(dt.timezone.utc)
    at.button(key="gcs_save").click().run()
    history = next(d.value for d in at.dataframe if "保存日時（JST）" in d.value.columns)
    saved = dt.datetime.strptime(history["保存日時（JST）"].iloc[0], "%Y-%m-%d %H:%M:%S")
    expected = before.astimezone(dt.timezone(dt.timedelta(hours=9))).replace(tzinfo=None)
    assert abs((saved - expected).total_seconds()) < 120


def test_a_one_period_trend_chart_has_date_ticks_not_milliseconds():
    from gcpcalc.app.store_page import trend_figure

    trend = {"periods": [{"period_end": "2026-03-31"}], "targets": [],
             "indicators": [{"unit": "%", "values": [48.4], "label_ja": "循環インフロー率", "label_en": "Circular inflow"}]}
    fig = trend_figure(trend, "ja")
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.tickformat == "%Y-%m-%d"
    lo, hi = fig.layout.xaxis.range
    assert lo < "2026-03-31" < hi and hi[:4] == "2026" and lo[:4] == "2025"


def test_the_procurement_quick_check_weighs_small_products_in_grams_and_explains_the_split():
    at = _run()
    _goto(at, "procurement")
    assert at.selectbox(key="gc_proc_unit").value == "g"
    assert at.number_input(key="gc_proc_basis").value == 10.0
    info = " ".join(i.value for i in at.info)
    assert "内訳によって適合・不適合が変わります" in info
    assert "判定ルールの確認状況の意味" in [e.label for e in at.expander]
    # a pen of 10 g with 2 g post-consumer material (20 %) passes the post-consumer condition
    at.number_input(key="gc_proc_post").set_value(2.0).run()
    assert any("適合" in s.value for s in at.success), [s.value for s in at.success]
    # switching the language keeps the product being checked
    at.selectbox(key="gc_proc_unit").set_value("kg").run()
    at.sidebar.radio(key="gc_lang").set_value("en").run()
    assert at.selectbox(key="gc_proc_unit").value == "kg"
    assert at.number_input(key="gc_proc_post").value == 2.0 and at.number_input(key="gc_proc_basis").value == 10.0
    assert not at.warning or not any("Session State" in w.value for w in at.warning)


def _version_texts() -> set[str]:
    from gcpcalc.procurement import load_rules

    ruleset, _ = load_rules()
    return {ruleset.get(i).version for i in ruleset.ids()}


def _data_texts(value) -> set[str]:
    """Every text of the sample company's data (names, descriptions, suppliers): the user's data, not UI words."""
    if isinstance(value, dict):
        return set().union(*(_data_texts(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_data_texts(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


DATA_TEXTS = _version_texts() | _data_texts(sample_assessment())


@pytest.mark.parametrize("page", ["start", "form", "upload", "results", "downloads", "procurement", "store",
                                  "valuechain"])
def test_japanese_pages_show_no_english_ui_text_in_their_tables_and_texts(page):
    from ui_strings import english_in, english_strings

    strings = english_strings()
    at = _run()
    _goto(at, page)
    if page == "results":
        at.selectbox(key="gc_sec_cti_details").set_value("cti.circular_inflow_pct").run()
    texts = []
    for kind in ("markdown", "caption", "header", "subheader", "title", "error", "warning", "info", "success"):
        texts += [e.value for e in at.get(kind)]
    texts += [m.label for m in at.metric] + [b.label for b in at.button] + [e.label for e in at.expander]
    texts += [w.label for w in at.selectbox] + [w.label for w in at.text_input] + [w.label for w in at.number_input]
    editors = {e.proto.id for e in at.data_editor}
    for d in at.dataframe:
        texts += [str(c) for c in d.value.columns]
        if d.proto.id not in editors:  # read-only tables: every cell is the app's words; editors hold user data
            # citations (source columns) name published documents in their own language
            cells = d.value[[c for c in d.value.columns if not str(c).startswith("出典")]].astype(str).to_numpy().ravel()
            # data, not words of the app: the sample's own texts, and the rules file's version texts, which
            # have no Japanese yet (templates/procurement_rules.toml, reviewed separately)
            texts += [str(v) for v in cells if str(v) not in DATA_TEXTS]
    shown = "\n".join(texts)
    for data in sorted(DATA_TEXTS, key=len, reverse=True):  # the user's own texts quoted in a sentence
        if len(data) > 3:
            shown = shown.replace(data, "")
    hits = english_in(shown, strings)
    assert not hits, hits
