"""The value-chain page in a real browser (Playwright + Chromium): a supplier answer is uploaded and merged; a
column mapping is built for a Shift_JIS manifest export, saved by name and imported; the same saved mapping then
imports the file identically from the command line."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from browser_support import chromium, idle, pick as _pick, streamlit_server

pytestmark = pytest.mark.e2e

JWNET = ("マニフェスト番号,廃棄物の種類,数量,単位,処分方法,特管\n"
         "A0001,廃プラスチック類,12.5,t,破砕・選別,\n"
         "A0002,汚泥,3200,kg,焼却,○\n").encode("cp932")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vc")
    db = f"sqlite:///{tmp / 'store.db'}"
    with streamlit_server(tmp, env={"GCPCALC_DATABASE_URL": db}) as url:
        yield url, db, tmp


def _open_page(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(url)
    page.get_by_text("バリューチェーン・シナリオ").click()
    page.get_by_role("tab", name="サプライヤーへの依頼").wait_for(timeout=180_000)
    idle(page)
    return page


def test_supplier_answer_and_mapping_flows(server):
    from openpyxl import load_workbook

    from gcpcalc.excel.suppliers import request_workbooks
    from gcpcalc.mapping import Mapping, import_into
    from gcpcalc.sample import sample_assessment

    url, db, tmp = server
    books, _ = request_workbooks(sample_assessment(), "ja")
    wb = load_workbook(io.BytesIO(books["東海製鉄株式会社"]))
    wb.worksheets[0]["H9"] = 10  # IN-001 reused 0 -> 10 %
    answer = tmp / "tokai.xlsx"
    wb.save(answer)
    csv = tmp / "jwnet.csv"
    csv.write_bytes(JWNET)
    with chromium() as browser:
        page = _open_page(browser, url)
        # the uploader of the answers, once the page's run is over (an element redrawn by a run still going
        # would lose the file); reading goes through the isolated intake, slow on a loaded machine
        idle(page)
        page.locator(".st-key-gc_vc_answers input[type=file]").set_input_files(str(answer))
        page.get_by_text("回答ファイル 1 件を読み込み、1 セルを更新しました。").wait_for(timeout=240_000)
        # the mapping builder
        page.get_by_role("tab", name="他システムからの取込").click()
        idle(page)
        page.locator(".st-key-gc_vc_src input[type=file]").set_input_files(str(csv))
        page.get_by_text("項目ごとの列").wait_for(timeout=240_000)
        page.get_by_text("アウトフロー", exact=True).first.click()
        idle(page)
        for label, column in [("行ID", "マニフェスト番号"), ("説明", "廃棄物の種類"), ("質量", "数量"), ("質量単位", "単位"),
                              ("処理・処分方法", "処分方法"), ("有害", "特管")]:
            _pick(page, label, column)
        idle(page)
        page.get_by_text("全行に同じ値を入れる（任意）").click()
        _pick(page, "フロー種別", "廃棄物", scope=page.locator('[data-testid="stExpander"]'))
        _pick(page, "○", "はい")
        _pick(page, "破砕・選別", "リサイクル")
        _pick(page, "焼却", "焼却")
        page.get_by_label("取込設定の名前").fill("jwnet")
        page.get_by_label("取込設定の名前").press("Enter")
        idle(page)
        page.get_by_role("button", name="取込設定を保存").click()
        page.get_by_text("「jwnet」を保存しました。").wait_for(timeout=180_000)
        idle(page)
        page.get_by_role("button", name="行を取り込む").click()
        page.get_by_text("アウトフローに 2 行を取り込みました。").wait_for(timeout=180_000)
        browser.close()
    # the mapping built in the browser, from the store, imports the file identically in the command line
    src = tmp / "a.json"
    src.write_text(json.dumps({"organisation": sample_assessment()["organisation"]}, ensure_ascii=False),
                   encoding="utf-8")
    out = tmp / "out.json"
    env = dict(os.environ, GCPCALC_DATABASE_URL=db)
    run = subprocess.run([sys.executable, "-m", "gcpcalc", "import-mapped", str(csv), "--mapping", "jwnet", "--into",
                          str(src), "-o", str(out), "--lang", "ja"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    expected = Mapping("jwnet", "outflows",
                       columns={"line_id": "マニフェスト番号", "description": "廃棄物の種類", "mass": "数量",
                                "mass_unit": "単位", "destination": "処分方法", "hazardous": "特管"},
                       constants={"flow_type": "waste"},
                       codes={"destination": {"破砕・選別": "recycling", "焼却": "incineration"}, "hazardous": {"○": True}})
    want, _ = import_into(json.loads(src.read_text(encoding="utf-8")), expected, JWNET, "jwnet.csv")
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["outflows"] == json.loads(json.dumps(want["outflows"], ensure_ascii=False))
    assert [r["destination"] for r in got["outflows"]] == ["recycling", "incineration"]
    assert [r["hazardous"] for r in got["outflows"]] == [False, True]
