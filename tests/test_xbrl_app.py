"""The app's XBRL downloads (download page): the file offered is the export of the current data."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from gcpcalc.indicators import compute
from gcpcalc.models import load_assessment
from gcpcalc.sample import sample_assessment

APP = str(Path(__file__).resolve().parents[1] / "app_streamlit.py")


class _Recording(MemoryMediaFileStorage):
    instances: list = []

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        _Recording.instances.append(self)


def _download(label_part: str, at: AppTest) -> bytes:
    button = next(b for b in at.get("download_button") if label_part in b.label)
    name = button.proto.url.rsplit("/", 1)[-1]
    for storage in reversed(_Recording.instances):
        try:
            return bytes(storage.get_file(name).content)
        except Exception:
            continue
    raise AssertionError(f"{name} not served")


def _downloads_page(monkeypatch) -> AppTest:
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _Recording)
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.sidebar.radio(key="gc_page").set_value("downloads").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_xbrl_downloads_offer_the_tagged_figures(monkeypatch):
    at = _downloads_page(monkeypatch)
    xhtml = _download("インライン XBRL", at).decode()
    engine = compute(load_assessment(sample_assessment()))
    total = Decimal(repr(engine["esrs_e5.waste_total_t"].value)).quantize(Decimal("0.001"))
    assert 'name="esrs:WasteGenerated"' in xhtml and f"{total:,}</ix:nonFraction>" in xhtml
    assert any("タグ付けしたファクト" in c.value for c in at.caption)
    at.radio(key="gc_xbrl_standard").set_value("vsme").run()
    at.radio(key="gc_xbrl_format").set_value("json").run()
    assert not at.exception, [e.value for e in at.exception]
    doc = json.loads(_download("xBRL-JSON", at))
    concepts = {f["dimensions"]["concept"]: f["value"] for f in doc["facts"].values()}
    assert Decimal(concepts["vsme:TotalWasteGeneratedMass"]) == total
    # the sample company has no LEI: the warning is shown, in Japanese
    assert any("LEI" in w.value for w in at.warning)


def test_invalid_lei_is_shown_not_raised(monkeypatch):
    at = _downloads_page(monkeypatch)
    at.text_input(key="gc_xbrl_entity").set_value("TestCode1234").run()
    assert not at.exception
    assert any("LEI「TestCode1234」が不正です" in e.value for e in at.error)
    assert not [b for b in at.get("download_button") if "XBRL" in b.label or "xBRL" in b.label]
