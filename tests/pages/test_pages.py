"""Every page renders in both languages on the demo data, and a broken dataset shows an error page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")
TITLES = {
    "pages/overview.py": {"de": "Überblick", "en": "Overview"},
    "pages/profile.py": {"de": "Gebietsprofil", "en": "Area profile"},
    "pages/trends.py": {"de": "Entwicklung", "en": "Trends"},
    "pages/compare.py": {"de": "Vergleich", "en": "Comparison"},
    "pages/inequality.py": {"de": "Ungleichheit und räumliche Muster", "en": "Inequality and spatial patterns"},
    "pages/social_index.py": {"de": "Sozialindex", "en": "Social index"},
    "pages/data_export.py": {"de": "Daten & Export", "en": "Data & export"},
    "pages/targets.py": {"de": "Ziele und Fortschritt", "en": "Targets and progress"},
    "pages/area_types.py": {"de": "Gebietstypen", "en": "Area types"},
    "pages/reach.py": {"de": "Erreichbarkeit von Angeboten", "en": "Reach of services"},
    "pages/data_check.py": {"de": "Daten prüfen", "en": "Check data"},
}
PAGES = list(TITLES)
TIMEOUT = 60


def run_app(monkeypatch: pytest.MonkeyPatch, dataset: Path, page: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page is not None:
        app.switch_page(page)
        app.run()
    return app


def all_text(app: AppTest) -> str:
    parts = [element.value for element in (*app.markdown, *app.caption, *app.title, *app.header, *app.subheader, *app.warning, *app.info, *app.error)]
    return rendered("\n".join(str(p) for p in parts))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_renders_on_the_demo_data(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", page, lang=lang)
    assert not app.exception, app.exception
    text = all_text(app)
    assert "Demodaten – keine amtliche Statistik" in text
    assert app.sidebar.radio[0].value == lang
    assert app.title[0].value == TITLES[page][lang]


def test_overview_shows_map_ranking_and_table(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", lang="de", indicator="sgb2_quote", period="2022", level="stadtteil")
    assert not app.exception
    kinds = {element.type for element in app.main}
    assert app.get("deck_gl_json_chart"), kinds
    assert app.get("plotly_chart")
    table = app.dataframe[0].value
    assert len(table) == 10 and "Gebiet" in table.columns
    assert app.metric, "headline figures"
    assert app.get("download_button")


def test_language_switch_translates_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", lang="de")
    assert app.title[0].value == "Überblick"
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert app.query_params["lang"] == "en"


def test_url_state_is_written_and_read(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", lang="en", indicator="kinderarmut", period="2015", level="teilgebiet")
    assert not app.exception
    assert app.sidebar.selectbox[0].value == "kinderarmut"
    assert app.sidebar.select_slider[0].value == 2015
    assert app.sidebar.radio[1].value == "teilgebiet"
    assert {k: app.query_params[k] for k in ("indicator", "period", "level")} == {
        "indicator": "kinderarmut",
        "period": "2015",
        "level": "teilgebiet",
    }


def test_a_bad_url_falls_back_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, REPO_ROOT / "data" / "demo", lang="de", indicator="no_such_thing")
    assert not app.exception
    assert app.sidebar.selectbox[0].value == "sgb2_quote"
    assert any("indicator" in info.value for info in app.info)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_broken_dataset_shows_an_error_page_not_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "broken")
    values = factory.values()
    values["area_id"][0] = "ZZ"
    factory.write_table(folder, "values.parquet", values)
    app = run_app(monkeypatch, folder, lang=lang)
    assert not app.exception
    expected = {"de": "Der Datensatz kann nicht geöffnet werden", "en": "The dataset cannot be opened"}[lang]
    assert app.error[0].value == expected
    problem = {"de": "values.parquet, Spalte „area_id“: Zeilen 1 (ZZ) — unbekanntes Gebiet", "en": "values.parquet, column „area_id“: rows 1 (ZZ) — unknown area"}[lang]
    assert problem in all_text(app)


def test_a_reimported_dataset_is_seen_without_restart(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = run_app(monkeypatch, folder, lang="de", level="teil", indicator="residents", period="2021")
    assert "400,0" not in all_text(app)
    first = app.dataframe[0].value
    assert "100,0\u00a0EW" in set(first["Wert"])
    values = factory.values()
    for i, (area, indicator) in enumerate(zip(values["area_id"], values["indicator_id"])):
        if (area, indicator) == ("A1", "residents"):
            values["value"][i] = 150.0
    shutil.rmtree(folder / "values.parquet", ignore_errors=True)
    factory.write_table(folder, "values.parquet", values)
    app.run()
    assert "150,0\u00a0EW" in set(app.dataframe[0].value["Wert"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_indicator_that_cannot_be_aggregated_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = run_app(monkeypatch, folder, lang=lang, indicator="index_score", level="bezirk", period="2021")
    assert not app.exception
    expected = {
        "de": "Für Indexwert gibt es im Jahr 2021 auf der Ebene „Bezirk“ keine Werte.",
        "en": "Indexwert has no values in 2021 at the level “Borough”.",
    }[lang]
    assert app.info[0].value == expected
    assert "Teilgebiet" in all_text(app) or "Sub-area" in all_text(app)
    assert not app.get("plotly_chart") and not app.get("deck_gl_json_chart")
