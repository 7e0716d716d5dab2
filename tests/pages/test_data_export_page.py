"""The page "Daten & Export" in AppTest: every demo indicator at every level in both languages,
the filters, the level shared with the sidebar, and withheld values shown as empty."""
from __future__ import annotations

import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/data_export.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
WITHHELD = {"de": "geheim gehalten (kleine Fallzahl)", "en": "withheld (small count)"}
VALUE = {"de": "Wert", "en": "Value"}
NOTE = {"de": "Hinweis", "en": "Note"}


def open_page(monkeypatch: pytest.MonkeyPatch, lang: str, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["lang"] = lang
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("level", ["stadtteil", "teilgebiet"])
def test_every_indicator_at_every_level(monkeypatch: pytest.MonkeyPatch, lang: str, level: str) -> None:
    app = open_page(monkeypatch, lang, level=level, period="2022")
    assert app.title[0].value == {"de": "Daten & Export", "en": "Data & export"}[lang]
    assert app.multiselect(key="w_data_indicators").value == ["sgb2_quote"]  # the sidebar's indicator to start with
    app.multiselect(key="w_data_indicators").set_value([]).run()  # empty: every indicator
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    store = Store(DEMO)
    expected = {i: store.values(i, 2022, level) for i in store.indicator_ids() if 2022 in store.periods(i)}
    rows = sum(len(v) for v in expected.values())
    withheld = sum(int(v["suppressed"].sum()) for v in expected.values())
    captions = "\n".join(html.unescape(c.value) for c in app.caption)
    if rows <= 1_000:
        assert len(table) == rows and withheld == 0
        assert set(table[{"de": "Indikator", "en": "Indicator"}[lang]]) == {store.indicator(i).label(lang) for i in expected}
    else:  # the sub-areas: the screen shows the first 1,000 rows (those of the first indicators) and says so
        assert (rows, withheld) == (1188, 10) and len(table) == 1_000
        assert {"de": "die ersten 1.000 von 1.188 Zeilen", "en": "the first 1,000 of 1,188 rows"}[lang] in captions
        assert {"de": "10 Werte geheim gehalten", "en": "10 values withheld"}[lang] in captions  # the summary counts every row
        assert 0 < (table[NOTE[lang]] == WITHHELD[lang]).sum() <= withheld
    assert (table.loc[table[NOTE[lang]] == WITHHELD[lang], VALUE[lang]] == "–").all()
    catalog = app.dataframe[1].value
    assert len(catalog) == len(store.indicator_ids())
    assert [b.proto.label for b in app.get("download_button")] == [
        {"de": "Tabelle herunterladen", "en": "Download the table"}[lang],
        {"de": "Katalog herunterladen", "en": "Download the catalog"}[lang],
    ]


def test_filters_layout_and_the_shared_level(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, "de", indicator="kinderarmut", period="2022", level="stadtteil")
    assert len(app.dataframe[0].value) == 10  # ten Stadtteile, one indicator, one year
    app.multiselect(key="w_data_indicators").set_value(["kinderarmut", "einwohner"])
    app.select_slider(key="w_data_periods").set_value((2020, 2022))
    app.multiselect(key="w_data_areas").set_value(["01", "03"]).run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert len(table) == 2 * 3 * 2
    assert set(table["Gebiets-Nr."]) == {"01", "03"} and set(table["Jahr"]) == {"2020", "2021", "2022"}
    app.radio(key="w_data_layout").set_value("wide").run()
    wide = app.dataframe[0].value
    assert wide.columns.tolist() == ["Gebiets-Nr.", "Gebiet", "Jahr", "Kinderarmut (SGB II) (%)", "Einwohnerinnen und Einwohner (Personen)", "Hinweis"]
    assert len(wide) == 6
    # the page's level is the sidebar's: changing one changes the other and the link
    app.radio(key="w_data_level").set_value("teilgebiet").run()
    assert not app.exception, app.exception
    assert app.sidebar.radio[1].value == "teilgebiet" and app.query_params["level"] == "teilgebiet"
    assert app.multiselect(key="w_data_areas").value == []  # Stadtteil ids are no sub-areas
    app.sidebar.radio[1].set_value("stadtteil").run()
    assert app.radio(key="w_data_level").value == "stadtteil"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_list_limit_areas_are_found_by_a_search(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more areas than one list carries (the limit lowered to 5 for the demo's 10 Stadtteile), the area filter
    offers the areas the store finds for the typed text (at most 3 here) beside those already picked."""
    import ui.area_search

    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 5)
    monkeypatch.setattr(ui.area_search, "MATCHES", 3)
    app = open_page(monkeypatch, lang, indicator="kinderarmut", period="2022", level="stadtteil")
    assert app.text_input(key="w_data_area_search").label == {"de": "Gebiete suchen (Name oder Nummer)", "en": "Find areas (name or number)"}[lang]
    assert app.multiselect(key="w_data_areas").options == ["04 Buntekuh", "01 Innenstadt", "09 Kücknitz"]  # the first three by name
    assert len(app.dataframe[0].value) == 10  # nothing picked: every area
    app.text_input(key="w_data_area_search").input("st. lorenz").run()
    assert app.multiselect(key="w_data_areas").options == ["06 St. Lorenz Nord", "05 St. Lorenz Süd"]
    app.multiselect(key="w_data_areas").set_value(["05"]).run()
    app.text_input(key="w_data_area_search").input("MOIS").run()
    assert not app.exception, app.exception
    assert app.multiselect(key="w_data_areas").options == ["05 St. Lorenz Süd", "03 Moisling"]  # the pick stays
    assert app.multiselect(key="w_data_areas").value == ["05"]
    app.multiselect(key="w_data_areas").set_value(["05", "03"]).run()
    table = app.dataframe[0].value
    assert sorted(table[{"de": "Gebiets-Nr.", "en": "Area no."}[lang]]) == ["03", "05"]
    app.text_input(key="w_data_area_search").input("Atlantis").run()
    assert app.multiselect(key="w_data_areas").value == ["05", "03"]
    assert any({"de": "Kein Gebiet passt zu „Atlantis“.", "en": "No area matches “Atlantis”."}[lang] in html.unescape(c.value) for c in app.caption)
    # another level: the picks are no areas of it and go
    app.radio(key="w_data_level").set_value("teilgebiet").run()
    assert not app.exception, app.exception
    assert app.multiselect(key="w_data_areas").value == [] and len(app.dataframe[0].value) == 33


def test_catalog_lookup_shows_the_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, "en", indicator="kinderarmut")
    entry = Store(DEMO).indicator("kinderarmut")
    cards = [html.unescape(m.value).replace("\u2060", "") for m in app.markdown if "- Vintage:" in html.unescape(m.value)]
    assert len(cards) == 1
    card = cards[0]
    assert card.startswith(f"**{entry.label('en')}** (%)\n\n{entry.description('en')}\n")
    for line in (
        "- Topic: Income & poverty",
        "- Polarity: Higher values are less favourable.",
        "- Years with values: 2010–2022",
        f"- Source: {entry.source}",
        f"- Licence: {entry.licence}",
        f"- Vintage: {entry.vintage}",
        "- Id: kinderarmut",
    ):
        assert line in card.split("\n"), line
