"""The page "Entwicklung" in AppTest: every demo indicator at every level in both languages, the
widgets (base year, view, order, search, page, window) and the URL that reproduces the view."""
from __future__ import annotations

import html
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/trends.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
TITLE = {"de": "Entwicklung", "en": "Trends"}


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
    # the search keeps one district's panels, so that 144 runs stay quick; everything else is computed in full
    app = open_page(monkeypatch, DEMO, lang=lang, q="Moisling")
    store = Store(DEMO)
    for level in store.metadata.level_ids:
        app.sidebar.radio(key="w_level").set_value(level).run()
        for indicator in store.indicator_ids():
            app.sidebar.selectbox(key="w_indicator").set_value(indicator).run()
            assert not app.exception, (level, indicator, app.exception)
            assert app.title[0].value == TITLE[lang]
            # every demo indicator has 13 years at both levels: panels, ranking and map
            assert len(app.get("plotly_chart")) >= 2, (level, indicator)
            assert app.dataframe[0].value.shape[0] in (1, 2, 3), (level, indicator)  # the city (not for counts) and Moisling's areas
            assert app.get("deck_gl_json_chart"), (level, indicator)
            assert "Demodaten – keine amtliche Statistik" in "\n".join(w.value for w in app.warning)


def test_widgets_change_the_view_and_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, lang="de", indicator="sgb2_quote", period="2022", level="teilgebiet")
    assert app.selectbox(key="w_trend_base").value == 2010
    assert app.query_params["base"] == "2010" and app.query_params["show"] == "value"
    assert app.selectbox(key="w_trend_page").options == ["1–12 von 33", "13–24 von 33", "25–33 von 33"]
    app.selectbox(key="w_trend_base").set_value(2016).run()
    app.radio(key="w_trend_show").set_value("index").run()
    assert not app.exception
    assert {k: app.query_params[k] for k in ("base", "show")} == {"base": "2016", "show": "index"}
    assert "Veränderung 2016–2022 im Vergleich" in texts(app)
    assert "Veränderung in Prozent des Werts von 2016" in texts(app)
    app.selectbox(key="w_trend_sort").set_value("change_asc").run()
    app.selectbox(key="w_trend_page").set_value(2).run()
    assert app.query_params["sort"] == "change_asc" and app.query_params["page"] == "2"
    app.text_input(key="w_trend_q").input("Moisling").run()
    assert not app.exception
    assert app.query_params["q"] == "Moisling" and "page" not in app.query_params  # a new search starts on page 1
    table = app.dataframe[0].value  # the table behind the panels: the city and the matching areas
    assert table["Gebiet"].tolist()[1:] == ["Moisling – Teilgebiet 1", "Moisling – Teilgebiet 2"]
    app.selectbox(key="w_trend_window").set_value(5).run()
    assert app.query_params["window"] == "5" and "seit 2018" in texts(app).lower()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_listed_pages_the_page_is_a_number_field(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more pages than one list offers (the limit lowered to 2 for the demo's 33 Teilgebiete in 3 pages; a million
    areas have 83,334), the page is chosen by its number, the areas it shows named beneath; the URL's `page` as before."""
    import views.trends

    monkeypatch.setattr(views.trends, "LISTED_PAGES", 2)
    app = open_page(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet", page="2")
    assert not [box for box in app.selectbox if box.key == "w_trend_page"]
    field = app.number_input(key="w_trend_page_number")
    assert field.label == {"de": "Seite (12 Gebiete je Seite)", "en": "Page (12 areas per page)"}[lang]
    assert (field.value, field.min, field.max) == (2, 1, 3)
    of = {"de": "von", "en": "of"}[lang]
    assert f"13–24 {of} 33" in [c.value for c in app.caption]
    first_on_page_2 = app.dataframe[0].value.iloc[13]  # the table lists every area in the panels' order, the city first
    assert first_on_page_2.iloc[1] in app.get("plotly_chart")[0].proto.alt  # the first panel is the 13th area
    field.set_value(3).run()
    assert not app.exception and app.query_params["page"] == "3" and f"25–33 {of} 33" in [c.value for c in app.caption]
    assert len([c for c in app.get("plotly_chart")]) == 33 - 24 + 1  # 9 panels and the ranking
    app.text_input(key="w_trend_q").input("Moisling").run()  # one page: no chooser, and the URL drops the page
    assert not app.exception and "page" not in app.query_params and not app.number_input and not app.selectbox(key="w_trend_sort").disabled


def test_a_copied_link_reproduces_the_view(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(
        monkeypatch, DEMO, lang="en", indicator="einwohner", period="2020", level="stadtteil",
        base="2012", show="change", sort="change_asc", window="4", q="St.",
    )
    assert app.selectbox(key="w_trend_base").value == 2012
    assert app.radio(key="w_trend_show").value == "change"
    assert app.selectbox(key="w_trend_sort").value == "change_asc"
    assert app.selectbox(key="w_trend_window").value == 4
    assert app.text_input(key="w_trend_q").value == "St."
    shown = texts(app)
    assert "Change 2012–2020 compared" in shown
    assert "For counts, the value for Lübeck is the sum of all areas" in shown  # no city line on a count
    names = app.dataframe[0].value["Area"].tolist()
    assert names and all(name.startswith("St.") for name in names)


def test_a_bad_option_in_the_link_falls_back_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, DEMO, lang="de", indicator="wanderungssaldo", base="1990", show="index")
    assert any("base, show" in info.value for info in app.info)
    assert app.radio(key="w_trend_show").options == ["Werte", "Veränderung seit Basisjahr"]  # a balance has no index
    assert app.query_params["base"] == "2010" and app.query_params["show"] == "value"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_year_only_and_no_values_say_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = open_page(monkeypatch, folder, lang=lang, indicator="index_score", level="bezirk", period="2021")
    expected = {"de": "Für Indexwert gibt es auf der Ebene der Bezirke keine Werte.", "en": "Indexwert has no values for the boroughs."}
    assert app.info[0].value == expected[lang]
    assert not app.get("plotly_chart")
    values = pq.read_table(folder / "values.parquet")
    pq.write_table(values.filter(values["period"].to_numpy() == 2021), folder / "values.parquet")
    app = open_page(monkeypatch, folder, lang=lang, indicator="poverty", level="teil", period="2021")
    assert app.info[0].value.startswith({"de": "Armutsquote liegt nur für ein Jahr vor (2021)", "en": "Armutsquote is available for one year only (2021)"}[lang])
    assert not app.get("plotly_chart")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_berlin_names_only_indicators_with_several_years_at_the_chosen_level(monkeypatch: pytest.MonkeyPatch, berlin: Path, lang: str) -> None:
    # the foreigners' share: MSS 2020 only for the planning areas (a finished rate, not combinable),
    # the official 2022 rate for every level, so only one year per district region
    app = open_page(monkeypatch, berlin, lang=lang, indicator="anteil_auslaender", level="bezirksregion", period="2020")
    assert html.unescape(app.info[0].value).startswith({"de": "Ausländer:innen liegt nur für ein Jahr vor (2022)", "en": "Foreign nationals is available for one year only (2022)"}[lang])
    listed = texts(app).split({"de": "Auf dieser Ebene für mehrere Jahre verfügbar: ", "en": "Available for several years at this level: "}[lang])[1].split("\n")[0]
    assert {"de": "Einwohner:innen", "en": "Residents"}[lang] in listed
    assert {"de": "Ausländer:innen", "en": "Foreign nationals"}[lang] not in listed
    assert app.query_params["period"] == "2022" and not app.sidebar.select_slider  # the sidebar offers the level's one year
    app = open_page(monkeypatch, berlin, lang=lang, indicator="anteil_auslaender", level="planungsraum", period="2020")
    assert not app.info and len(app.get("plotly_chart")) > 1  # two years for the planning areas: the page draws
    assert app.sidebar.select_slider(key="w_period").options == ["2020", "2022"]
    app.sidebar.radio(key="w_level").set_value("bezirksregion").run()  # the year moves to one the new level has
    assert app.query_params["period"] == "2022" and not app.sidebar.select_slider


def test_small_areas_withheld_and_the_tiny_dataset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = open_page(monkeypatch, folder, lang="de", indicator="poverty", level="teil", period="2021")
    table = app.dataframe[-1].value  # the change table: B2 rests on 1 of 2 and is withheld, B1 with it
    notes = dict(zip(table["Gebiet"], table["Hinweis"]))
    assert notes["Bergdorf Ost"] == "geheim gehalten (kleine Fallzahl)"
    assert dict(zip(table["Gebiet"], table["Veränderung (Prozentpunkte)"]))["Altstadt Nord"] == "0,0\u00a0Prozentpunkte"
