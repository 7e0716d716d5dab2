"""The demo notice comes from the dataset: nothing of the demo is written into the code."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")


def banner(monkeypatch: pytest.MonkeyPatch, folder: Path, lang: str) -> list[str]:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(folder))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception
    return [rendered(warning.value) for warning in app.warning]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_notice_is_the_datasets_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    meta = factory.metadata() | {"demo_notice_de": "Alles ausgedacht.", "demo_notice_en": "All made up."}
    (folder / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    shown = banner(monkeypatch, folder, lang)
    assert len(shown) == 1
    assert shown[0].endswith({"de": "Alles ausgedacht.", "en": "All made up."}[lang])
    assert "Stadtteile" not in shown[0] and "districts" not in shown[0]  # nothing of the Lübeck demo


def test_without_a_notice_only_the_banner_and_without_demo_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    assert banner(monkeypatch, folder, "de") == ["**Demodaten – keine amtliche Statistik**"]
    (folder / "dataset.json").write_text(json.dumps(factory.metadata() | {"is_demo": False}), encoding="utf-8")
    assert banner(monkeypatch, folder, "de") == []


def test_the_demo_declares_its_notice_in_both_languages() -> None:
    meta = json.loads((REPO_ROOT / "data" / "demo" / "dataset.json").read_text(encoding="utf-8"))
    assert "synthetisch" in meta["demo_notice_de"] and "synthetic" in meta["demo_notice_en"]
