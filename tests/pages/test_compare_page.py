"""The page "Vergleich" in AppTest: every demo indicator at every level in both languages, the two
areas, the two indicators of the scatter, the weighting and the topic, and the URL."""
from __future__ import annotations

import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/compare.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
TITLE = {"de": "Vergleich", "en": "Comparison"}
NOT_CAUSAL = {"de": "Korrelation ist keine Kausalität", "en": "Correlation is not causation"}


def open_page(monkeypatch: pytest.MonkeyPatch, dataset: Path, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    return html.unescape("\n".join(str(e.value) for e in (*app.markdown, *app.caption, *app.info, *app.subheader, *app.header)))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_demo_indicator_at_every_level(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, DEMO, lang=lang)
    store = Store(DEMO)
    for level in store.metadata.level_ids:
        app.sidebar.radio(key="w_level").set_value(level).run()
        for indicator in store.indicator_ids():
            app.sidebar.selectbox(key="w_indicator").set_value(indicator).run()
            assert not app.exception, (level, indicator, app.exception)
            assert app.title[0].value == TITLE[lang]
            assert len(app.get("plotly_chart")) == 3, (level, indicator)  # pair, scatter, matrix
            assert NOT_CAUSAL[lang] in texts(app)
            assert app.selectbox(key="w_compare_y").value != indicator


def test_two_areas_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, lang="de", indicator="sgb2_quote", period="2022", level="stadtteil")
    assert app.query_params["area"] == "01" and app.query_params["compare"] == "02"
    app.selectbox(key="w_compare_a_stadtteil").set_value("03").run()
    app.selectbox(key="w_compare_b_stadtteil").set_value("10").run()
    assert not app.exception
    assert app.query_params["area"] == "03" and app.query_params["compare"] == "10"
    table = app.dataframe[0].value.set_index("Indikator")
    assert list(table.columns[:4]) == ["Themenfeld", "Moisling", "Travemünde", "Günstiger"]
    # SGB II: Moisling 30,9 %, Travemünde 8,6 % (the overview's table), lower is better
    assert table.loc["SGB-II-Quote", "Moisling"] == "30,9\u00a0%" and table.loc["SGB-II-Quote", "Travemünde"] == "8,6\u00a0%"
    assert table.loc["SGB-II-Quote", "Günstiger"] == "✓ Travemünde"
    assert table.loc["Einwohnerinnen und Einwohner", "Günstiger"] == "· keine Wertung (neutral)"
    assert table.loc["SGB-II-Quote", "Lübeck gesamt"] == "15,4\u00a0%"
    # area B cannot be area A
    app.selectbox(key="w_compare_a_stadtteil").set_value("10").run()
    assert app.selectbox(key="w_compare_b_stadtteil").value != "10"
    assert "10" not in app.selectbox(key="w_compare_b_stadtteil").options


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_list_limit_both_areas_are_searched(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more areas than one list carries (the limit lowered to 5 for the demo's 10 Stadtteile), areas A and B are
    found by a text field each (the store's first 3 matches by name); without a link the first two by name are compared."""
    import ui.area_search

    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 5)
    monkeypatch.setattr(ui.area_search, "MATCHES", 3)
    app = open_page(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil")
    assert (app.query_params["area"], app.query_params["compare"]) == ("04", "01")  # Buntekuh, Innenstadt
    assert app.selectbox(key="w_compare_a_stadtteil").options == ["04 Buntekuh", "01 Innenstadt", "09 Kücknitz"]
    assert app.selectbox(key="w_compare_b_stadtteil").options == ["01 Innenstadt", "09 Kücknitz"]  # never area A
    app.text_input(key="w_compare_a_search").input("moisl").run()
    app.selectbox(key="w_compare_a_stadtteil").set_value("03").run()
    app.text_input(key="w_compare_b_search").input(" TRAVE ").run()
    app.selectbox(key="w_compare_b_stadtteil").set_value("10").run()
    assert not app.exception and (app.query_params["area"], app.query_params["compare"]) == ("03", "10")
    table = app.dataframe[0].value
    assert list(table.columns[2:4]) == ["Moisling", "Travemünde"]
    app.text_input(key="w_compare_b_search").input("Atlantis").run()  # B stays chosen
    assert app.selectbox(key="w_compare_b_stadtteil").value == "10"
    assert {"de": "Kein Gebiet passt zu „Atlantis“.", "en": "No area matches “Atlantis”."}[lang] in texts(app)
    linked = open_page(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil", area="05", compare="07")
    assert (linked.selectbox(key="w_compare_a_stadtteil").value, linked.selectbox(key="w_compare_b_stadtteil").value) == ("05", "07")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_scatter_table_shows_its_first_rows(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With the screen rows lowered to 5 (views.tables.SCREEN_ROWS, 1,000) the table behind the scatter shows the first 5
    of the demo's 33 Teilgebiete, in the same order, and says so."""
    import views.tables

    query = dict(lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet")
    full = open_page(monkeypatch, DEMO, **query)
    monkeypatch.setattr(views.tables, "SCREEN_ROWS", 5)
    app = open_page(monkeypatch, DEMO, **query)
    whole = next(frame.value for frame in full.dataframe if len(frame.value) == 33)
    shown = [frame.value for frame in app.dataframe if list(frame.value.columns) == list(whole.columns)]
    assert len(shown) == 1 and shown[0].reset_index(drop=True).equals(whole.head(5).reset_index(drop=True))
    note = {"de": "Die Tabelle zeigt die ersten 5 von 33 Zeilen", "en": "The table shows the first 5 of 33 rows"}[lang]
    assert sum(note in c.value for c in app.caption) == 1


def test_scatter_indicators_weighting_and_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, lang="en", indicator="sgb2_quote", period="2022", level="teilgebiet")
    app.selectbox(key="w_compare_y").set_value("kinderarmut").run()
    shown = texts(app)
    assert "Correlation across 33 sub-areas, every area weighted equally: Pearson r = " in shown
    assert "There is a strong positive relation" in shown
    app.toggle(key="w_compare_weighted").set_value(True).run()
    assert not app.exception
    assert "Correlation across 33 sub-areas, weighted by population" in texts(app)
    assert app.query_params["indicator2"] == "kinderarmut" and app.query_params["weighted"] == "1"
    assert app.selectbox(key="w_compare_domain").value == "einkommen_armut"  # the sidebar indicator's topic
    app.selectbox(key="w_compare_domain").set_value("all").run()
    assert app.query_params["domain"] == "all"
    assert "With this many indicators the cells hold marks" in texts(app)
    assert "Spearman rank correlation (ρ) between the indicators across 33 sub-areas" in texts(app)


def test_a_copied_link_reproduces_the_view(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(
        monkeypatch, DEMO, lang="de", indicator="arbeitslosenanteil", level="stadtteil",
        area="05", compare="07", indicator2="beschaeftigungsquote", weighted="1", domain="arbeit",
    )
    assert app.selectbox(key="w_compare_a_stadtteil").value == "05"
    assert app.selectbox(key="w_compare_b_stadtteil").value == "07"
    assert app.selectbox(key="w_compare_y").value == "beschaeftigungsquote"
    assert app.toggle(key="w_compare_weighted").value is True
    assert app.selectbox(key="w_compare_domain").value == "arbeit"
    bad = open_page(monkeypatch, DEMO, lang="de", compare="zz", indicator2="sgb2_quote", domain="mars")
    assert any("compare, indicator2, domain" in info.value for info in bad.info)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_tiny_dataset_and_an_indicator_without_values(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = open_page(monkeypatch, folder, lang=lang, indicator="index_score", level="bezirk", period="2021")
    # the index cannot be aggregated to boroughs: no scatter, the matrix needs at least two indicators
    assert not app.exception
    assert app.info[0].value.startswith({"de": "Für Indexwert gibt es im Jahr 2021", "en": "Indexwert has no values in 2021"}[lang])
    table = app.dataframe[0].value
    assert len(table) == 3  # every indicator, also the one without values
