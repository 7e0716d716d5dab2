"""The pages "Ziele & Fortschritt" and "Gebietstypen" with AppTest: demo data at every level, both languages, Berlin."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared
from tests.pages.test_pages import all_text, run_app

DEMO = REPO_ROOT / "data" / "demo"
DEMO_TARGETS = [
    "kinderarmut_2030",
    "arbeitslosigkeit_2030",
    "kita_u3_2030",
    "gigabit_2030",
    "ohne_abschluss_stadtteile_2030",
    "sgb2_moisling_buntekuh_2030",
]


@pytest.fixture(scope="module")
def berlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Berlin (MSS 2021) imported with the example spec, which declares two example targets."""
    require_shared(SHARED_DATA / "berlin")
    out = tmp_path_factory.mktemp("berlin") / "dataset"
    subprocess.run(
        [sys.executable, "-m", "loaders.importer", "examples/berlin/import.toml", "--out", str(out)],
        cwd=REPO_ROOT, check=True, capture_output=True, timeout=300,
    )
    return out


def main_selectbox(app: AppTest, label: str):
    return next(box for box in app.main.selectbox if box.label == label)


@pytest.mark.parametrize("level", ["stadtteil", "teilgebiet"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_targets_page_shows_every_demo_target(monkeypatch: pytest.MonkeyPatch, lang: str, level: str) -> None:
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang=lang, level=level)
    assert not app.exception, app.exception
    assert app.title[0].value == {"de": "Ziele und Fortschritt", "en": "Targets and progress"}[lang]
    overview = app.dataframe[0].value
    assert len(overview) == len(DEMO_TARGETS)
    status = {"de": "Stand", "en": "Status"}[lang]
    # hand-checked in tests/views and by the numbers in docs/targets.md: child poverty rose from 27.2 % (2015) to 27.8 % (2022)
    assert overview[status].iloc[0] == {"de": "entfernt sich vom Ziel", "en": "moving away from the target"}[lang]
    box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
    assert box.options == [str(o) for o in box.options] and len(box.options) == len(DEMO_TARGETS)
    for index, target_id in enumerate(DEMO_TARGETS):
        box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
        box.set_value(target_id).run()
        assert not app.exception, (target_id, app.exception)
        assert app.query_params["target"] == target_id
        assert len(app.get("plotly_chart")) == 2
        assert len(app.get("download_button")) == 2
        areas = app.dataframe[-1].value
        expected_level = {"ohne_abschluss_stadtteile_2030": 10, "sgb2_moisling_buntekuh_2030": 2}.get(target_id)
        assert len(areas) == (expected_level or {"stadtteil": 10, "teilgebiet": 33}[level]), target_id
        assert "Demodaten – keine amtliche Statistik" in all_text(app)


def test_a_link_to_a_target_opens_it_and_an_unknown_one_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang="de", target="sgb2_moisling_buntekuh_2030")
    assert not app.exception
    assert main_selectbox(app, "Ziel").value == "sgb2_moisling_buntekuh_2030"
    assert list(app.dataframe[-1].value["Gebiet"]) == ["Moisling", "Buntekuh"]
    app = run_app(monkeypatch, DEMO, "pages/targets.py", lang="en", target="no_such_target")
    assert main_selectbox(app, "Target").value == "kinderarmut_2030"
    assert any("does not exist" in info.value for info in app.info)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_targets_on_berlin_are_not_assessable_and_say_why(monkeypatch: pytest.MonkeyPatch, berlin: Path, lang: str) -> None:
    app = run_app(monkeypatch, berlin, "pages/targets.py", lang=lang)
    assert not app.exception, app.exception
    overview = app.dataframe[0].value
    assert len(overview) == 2
    status = overview[{"de": "Stand", "en": "Status"}[lang]]
    assert all(s.startswith({"de": "nicht bewertbar", "en": "not assessable"}[lang]) for s in status)
    assert "Demodaten" not in all_text(app)
    box = main_selectbox(app, {"de": "Ziel", "en": "Target"}[lang])
    box.set_value("gigabit_planungsraeume_2030").run()
    assert not app.exception
    text = all_text(app)
    one_year = {"de": "nur ein Jahr mit Wert", "en": "only one year with a value"}[lang]
    assert one_year in text
    assert len(app.dataframe[-1].value) == 542  # every planning area, furthest from 98 % first


def test_a_dataset_without_targets_says_how_to_declare_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests import dataset_factory as factory

    folder = factory.write_dataset(tmp_path / "ds")
    app = run_app(monkeypatch, folder, "pages/targets.py", lang="en")
    assert not app.exception
    assert "declares no targets" in app.info[0].value
