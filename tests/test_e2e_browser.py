"""End to end in a real browser: `streamlit run app_streamlit.py`, Debian's chromium through playwright.

Covers: the sample upload; the language switch keeping the page; typed values kept as typed (-5, 150)
with their errors; a new row keeping the last valid results on screen; a 50,000-line upload followed by
the report made with a progress indicator and downloaded; and no English UI text on the Japanese pages
visited (the page text against the English side of every ja/en text of the UI, :mod:`ui_strings`).

Skipped when /usr/bin/chromium is missing locally; under CI (CI=true) a missing browser fails the test.
The server gets the session's temporary database (tests/conftest.py), never the user's.
"""
from __future__ import annotations


import pytest

from browser_support import chromium, idle as _idle, pick, streamlit_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


def _metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    metric.wait_for(timeout=60_000)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_upload_the_sample_template_and_see_material_circularity(app_url, tmp_path):
    from gcpcalc.excel.template import assessment_to_template_bytes
    from gcpcalc.indicators import compute
    from gcpcalc.models import load_assessment
    from gcpcalc.sample import sample_assessment

    assessment = load_assessment(sample_assessment())
    expected = f"{compute(assessment).value('cti.material_circularity_pct'):,.1f} %"
    template = tmp_path / "sample_template_ja.xlsx"
    template.write_bytes(assessment_to_template_bytes(assessment, "ja"))

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_url, wait_until="domcontentloaded")
        # the first screen shows the sample company's KPIs with no click
        assert _metric_value(page, "マテリアル循環率") == expected
        page.screenshot(path=str(tmp_path / "start_ja.png"), full_page=True)
        # upload the sample as a filled template
        page.get_by_text("記入済みテンプレートをアップロード").first.click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(template))
        page.get_by_text("を入力フォームに読み込みました").first.wait_for(timeout=60_000)
        assert _metric_value(page, "マテリアル循環率") == expected
        page.screenshot(path=str(tmp_path / "upload_ja.png"), full_page=True)
        # a hostile workbook (one cell at XFD1000) is refused with a message; the app keeps working
        from gcpcalc.intake.hostile import far_cell

        (tmp_path / "far_cell.xlsx").write_bytes(far_cell("XFD1000"))
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / "far_cell.xlsx"))
        page.get_by_text("XFD1000").first.wait_for(timeout=60_000)
        page.screenshot(path=str(tmp_path / "upload_refused_ja.png"), full_page=True)
        # the same in English
        page.get_by_text("English", exact=True).first.click()
        page.get_by_text("Results", exact=True).first.click()
        assert _metric_value(page, "Material circularity") == expected
        page.wait_for_timeout(1500)
        page.screenshot(path=str(tmp_path / "results_en.png"), full_page=True)
    assert (tmp_path / "upload_ja.png").stat().st_size > 10_000
    print("screenshots in", tmp_path)


# ------------------------------------------------------------------------------------------------
# helpers of the interaction tests
# ------------------------------------------------------------------------------------------------
NAV = {"ja": {"start": "スタート", "form": "入力", "upload": "アップロード", "results": "結果", "downloads": "ダウンロード",
              "procurement": "グリーン購入", "store": "保存済みの評価", "valuechain": "バリューチェーン・シナリオ"},
       "en": {"start": "Start", "form": "Fill in", "upload": "Upload", "results": "Results", "downloads": "Download",
              "procurement": "Green procurement", "store": "Saved assessments",
              "valuechain": "Value chain and scenarios"}}




def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=120_000)
    _idle(page)


def _nav(page, lang: str, name: str) -> None:
    page.locator('.st-key-gc_page').get_by_text(NAV[lang][name], exact=True).click()
    _idle(page)


def _selected_page(page) -> str:
    radio = page.locator('.st-key-gc_page')
    checked = radio.locator("label:has(input:checked)")
    return checked.inner_text().strip() if checked.count() else ""


def _header(page) -> str:
    return page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2').first.inner_text().strip()


def _visible_text(page) -> str:
    """The page text a user reads: without icon ligatures (drawn as icons) and without the language switch,
    which is bilingual on purpose ("言語 / Language", "English")."""
    return page.evaluate("""() => {
        const style = document.createElement('style');
        style.textContent = '[data-testid="stIconMaterial"], .st-key-gc_lang { display: none !important; }';
        document.head.appendChild(style);
        const text = document.querySelector('[data-testid="stApp"]').innerText;
        style.remove();
        return text;
    }""")


def _assert_no_english(page, where: str) -> None:
    from ui_strings import english_in

    text = _visible_text(page)
    hits = english_in(text)
    assert not hits, f"English UI text on the Japanese page {where}: {hits}"


def _editor_cell(page, editor_index: int, row: int, column_id: str, table_id: str) -> None:
    """Select a cell of a data editor with the keyboard: click the first cell, then arrows."""
    from gcpcalc import fields as F

    grid = page.locator('[data-testid="stDataFrame"]').nth(editor_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # the row number of the first data row (the column after the row markers), then right to the field
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)
    page.wait_for_timeout(200)
    for _ in range(row - 1):
        page.keyboard.press("ArrowDown")
    for _ in range(F.TABLES[table_id].field_ids.index(column_id) + 1):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)


def _type_into(page, editor_index: int, row: int, column_id: str, table_id: str, text: str) -> None:
    """Open the cell's editor (Enter), replace its content with ``text`` typed key by key, commit (Enter).
    (Typing straight onto a selected cell starts the editor only on a letter or digit: the grid drops a
    leading "-" there, which is why the cell is opened first, as the form's caption tells users.)"""
    _editor_cell(page, editor_index, row, column_id, table_id)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=80)
    page.keyboard.press("Enter")
    _idle(page)


def _upload(page, path) -> None:
    """Hand a file to the upload page's uploader and wait until the form holds it (a large file: minutes)."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("を入力フォームに読み込みました").first.wait_for(timeout=600_000)
    _idle(page, 600)


def _alerts(page) -> str:
    return "\n".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def test_language_switch_keeps_the_page(app_url):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        _open(page, app_url)
        _nav(page, "ja", "results")
        assert _selected_page(page) == "結果" and _header(page) == "結果"
        _assert_no_english(page, "結果")
        page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
        _idle(page)
        assert _selected_page(page) == "Results"
        assert _header(page) == "Results"
        _nav(page, "en", "downloads")
        page.locator('[data-testid="stSidebar"]').get_by_text("日本語", exact=True).click()
        _idle(page)
        assert _selected_page(page) == "ダウンロード"
        assert _header(page) == "ダウンロード"
        _assert_no_english(page, "ダウンロード")
        for name in ("start", "upload", "procurement", "store", "valuechain"):
            _nav(page, "ja", name)
            _assert_no_english(page, NAV["ja"][name])


def test_typed_values_are_kept_with_their_errors_and_a_new_row_keeps_the_last_results(app_url, tmp_path):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        _open(page, app_url)
        _nav(page, "ja", "form")
        _assert_no_english(page, "入力")
        live = page.locator(".st-key-gc_kpi_live")
        assert "48.4 %" in live.inner_text()
        # inflows is the first editor: row 3 (IN-003, 640 t) mass -5, post-consumer share 150 %
        _type_into(page, 0, 3, "mass", "inflows", "-5")
        _type_into(page, 0, 3, "recycled_postconsumer_pct", "inflows", "150")
        alerts = _alerts(page)
        assert "インフロー 3行目" in alerts
        assert "-5 は最小値 0 未満です" in alerts, alerts  # the typed value, not a clamped 0
        assert "150" in alerts and "0～100" in alerts, alerts  # the typed value, not a clamped 100
        # the figures on screen are the last valid ones, marked as such
        text = live.inner_text()
        assert "直前の有効な結果" in text and "48.4 %" in text
        page.screenshot(path=str(tmp_path / "form_errors_ja.png"))
        _assert_no_english(page, "入力（エラーあり）")

        # a fresh session: add a row to the inflows, the results stay on screen
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        _open(page, app_url)
        _nav(page, "ja", "form")
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        grid.hover()
        # the toolbar shows over the grid's top edge, where the page header may cover it: the click is
        # delivered to the button itself
        page.locator('[data-testid="stBaseButton-elementToolbar"][aria-label="Add row"]').first.dispatch_event("click")
        _idle(page)
        live = page.locator(".st-key-gc_kpi_live")
        text = live.inner_text()
        assert "直前の有効な結果" in text and "48.4 %" in text and "47.6 %" in text, text
        assert "行ID：値の入力が必要です" in _alerts(page)
        _nav(page, "ja", "results")
        assert "直前の有効な結果" in page.locator('[data-testid="stMain"]').inner_text()
        assert _metric_value(page, "循環インフロー") == "48.4 %"
        page.screenshot(path=str(tmp_path / "results_stale_ja.png"))


def test_a_50k_line_upload_then_the_report_made_with_progress_and_downloaded(app_url, tmp_path):
    import json

    import openpyxl
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(50_000, 1000)
    upload = tmp_path / "synthetic_50k.json"
    upload.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        _open(page, app_url)
        _nav(page, "ja", "upload")
        _assert_no_english(page, "アップロード")
        _upload(page, upload)
        assert "アップロードしたファイル：synthetic_50k.json" in page.locator('[data-testid="stSidebar"]').inner_text()
        _nav(page, "ja", "downloads")
        build = page.locator(".st-key-gc_build_report button")
        build.wait_for(timeout=120_000)
        # the page is there before any file is made
        assert page.locator(".st-key-gc_dl_report").count() == 0
        build.click()
        # a progress indicator while the report is made
        page.locator('[data-testid="stProgress"]').first.wait_for(timeout=60_000)
        assert "作成中：開示レポート" in page.locator('[data-testid="stExpander"]').first.inner_text() or \
            page.get_by_text("作成しました：開示レポート").count() > 0
        save = page.locator(".st-key-gc_dl_report button")
        save.wait_for(timeout=600_000)
        assert page.get_by_text("作成しました：開示レポート").count() > 0
        _assert_no_english(page, "ダウンロード（作成後）")
        with page.expect_download(timeout=120_000) as dl:
            save.click()
        path = tmp_path / "report.xlsx"
        dl.value.save_as(str(path))
        page.screenshot(path=str(tmp_path / "downloads_50k_ja.png"))
    wb = openpyxl.load_workbook(path, read_only=True)
    assert len(wb.sheetnames) >= 2
    cells = [c for ws in wb.worksheets[:2] for row in ws.iter_rows(max_row=40, values_only=True) for c in row]
    assert "Synthetic Co. 0" in cells


def test_an_edit_on_page_3_of_a_50k_line_table_changes_the_key_figures(app_url, tmp_path):
    """In the browser: a 50,000-line inflow table is edited 1,000 rows at a time; a mass typed on the third
    page (row 2,001 of the table) is kept there and changes the key figures above the form at once, as a
    full reading of the edited data gives them."""
    import json

    from gcpcalc.models import validate_assessment
    from gcpcalc.indicators import compute
    from gcpcalc.sample import synthetic_assessment

    data = synthetic_assessment(50_000, 1000)
    upload = tmp_path / "synthetic_50k_edit.json"
    upload.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    edited = json.loads(json.dumps(data))
    edited["inflows"][2000]["mass"] = 5_000_000.0
    before = compute(validate_assessment(data)[0]).value("cti.circular_inflow_pct")
    after = compute(validate_assessment(edited)[0]).value("cti.circular_inflow_pct")
    assert f"{before:.1f}" != f"{after:.1f}"

    shots = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        _open(page, app_url)
        _nav(page, "ja", "upload")
        _upload(page, upload)
        _nav(page, "ja", "form")
        live = page.locator(".st-key-gc_kpi_live")
        assert f"{before:.1f} %" in live.inner_text()
        pick(page, "表示する行（全50,000行）", "2,001～3,000行目")
        _type_into(page, 0, 1, "mass", "inflows", "5000000")
        text = live.inner_text()
        assert f"{after:.1f} %" in text and "直前の有効な結果" not in text, text
        page.screenshot(path=str(tmp_path / "form_50k_page3_edit_ja.png"))
        shots.append(tmp_path / "form_50k_page3_edit_ja.png")
        # another page and back: the edit is kept
        pick(page, "表示する行（全50,000行）", "1～1,000行目")
        pick(page, "表示する行（全50,000行）", "2,001～3,000行目")
        assert f"{after:.1f} %" in live.inner_text()
        page.screenshot(path=str(tmp_path / "form_50k_page3_back_ja.png"))
        shots.append(tmp_path / "form_50k_page3_back_ja.png")
    assert all(s.stat().st_size > 10_000 for s in shots) and len(shots) == 2
    print("screenshots in", tmp_path)
