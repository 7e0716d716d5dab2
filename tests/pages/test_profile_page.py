"""The page "Gebietsprofil" in AppTest: every demo indicator at every level in both languages, the
verdict at a glance, the second area (widget and URL), the locator map and the topic profile."""
from __future__ import annotations

import html
import json

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests.conftest import REPO_ROOT
from tests.pages.markup_check import _protos, html_sources

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/profile.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
AXIS = {
    "de": ("Die senkrechte Achse beginnt bei null.", "Achtung: Die senkrechte Achse beginnt nicht bei null"),
    "en": ("The vertical axis starts at zero.", "Note: the vertical axis does not start at zero"),
}


def open_page(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def trace_names(app: AppTest, chart: int) -> list[str]:
    return [trace.get("name") for trace in json.loads(app.get("plotly_chart")[chart].proto.spec)["data"]]


def texts(app: AppTest) -> str:
    return html.unescape("\n".join(str(e.value) for e in (*app.markdown, *app.caption, *app.info, *app.subheader, *app.header)))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_demo_indicator_at_every_level(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang)
    store = Store(DEMO)
    for level in store.metadata.level_ids:
        app.sidebar.radio(key="w_level").set_value(level).run()
        for indicator in store.indicator_ids():
            app.sidebar.selectbox(key="w_indicator").set_value(indicator).run()
            where = (lang, level, indicator)
            assert not app.exception and not app.error, (where, app.exception)
            assert len(app.get("plotly_chart")) == 2, where  # topic profile and trend
            assert len(app.metric) == 3, where
            shown = texts(app)
            kind = store.indicator(indicator).kind
            expected = AXIS[lang][0] if kind in ("share", "count") else AXIS[lang][1]
            assert expected in shown, where


def test_the_verdict_at_a_glance_counts_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="de", level="stadtteil", area="03", period="2022")
    counts = [int(metric.value) for metric in app.metric]
    table = next(body for body in html_sources(app) if "sm-profile" in body)
    for count, sign, words in zip(counts, "−≈+", ("ungünstiger als die Stadt", "etwa wie die Stadt", "günstiger als die Stadt")):
        assert table.count(f">{sign}</span>{words}") == count  # the numbers at the top are the table's verdicts
    assert f"Von {sum(counts)} bewertbaren Indikatoren liegt Moisling bei {counts[0]} ungünstiger" in texts(app)
    images = [proto for proto in _protos(app) if proto.DESCRIPTOR.name == "ImageList"]
    assert len(images) == 1 and images[0].imgs[0].alt == "Lagekarte: Moisling innerhalb von Lübeck hervorgehoben."  # the locator map


def test_a_second_area_from_the_widget_and_from_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="en", level="stadtteil", area="01", period="2022", indicator="sgb2_quote")
    assert "compare" not in app.query_params
    app.selectbox[1].set_value("02").run()
    assert not app.exception
    assert app.query_params["compare"] == "02"
    table = next(body for body in html_sources(app) if "sm-profile" in body)
    assert "St. Jürgen" in table.split("<thead>")[1].split("</thead>")[0]
    assert trace_names(app, 1) == ["Lübeck total", "Innenstadt", "St. Jürgen"]
    app.selectbox[1].select_index(0).run()  # "– no second area –"
    assert "compare" not in app.query_params

    linked = open_page(monkeypatch, lang="de", level="stadtteil", area="01", compare="02")
    assert linked.selectbox[1].value == "02"
    assert trace_names(linked, 0) == ["Lübeck (= 0)", "Innenstadt", "St. Jürgen"]  # the topic profile shows both


def test_an_unusable_second_area_in_a_link_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="en", level="stadtteil", area="01", compare="01")
    assert app.selectbox[1].value == ""  # no second area
    assert any("compare" in str(info.value) for info in app.info)
    assert "compare" not in app.query_params


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_list_limit_the_areas_are_searched(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more areas than one list carries (the limit lowered to 5 for the demo's 10 Stadtteile), both areas are
    found by a text field each (the store's first 3 matches by name, here) and the chosen ones stay offered; the URL's
    `area` and `compare` as before."""
    import ui.area_search

    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 5)
    monkeypatch.setattr(ui.area_search, "MATCHES", 3)
    label = {"de": ("Gebiet suchen (Name oder Nummer)", "Zweites Gebiet suchen (Name oder Nummer)"),
             "en": ("Search an area (name or number)", "Search a second area (name or number)")}[lang]
    app = open_page(monkeypatch, lang=lang, level="stadtteil", period="2022", indicator="sgb2_quote")  # no area: the first by name
    assert [field.label for field in app.text_input] == list(label)
    area, second = app.selectbox[0], app.selectbox[1]
    assert area.value == "04" and area.options == ["04 Buntekuh", "01 Innenstadt", "09 Kücknitz"]
    assert app.query_params["area"] == "04"
    assert second.value == "" and second.options == [{"de": "– kein zweites Gebiet –", "en": "– no second area –"}[lang], "01 Innenstadt", "09 Kücknitz"]
    app.text_input(key="w_profile_area_search").input(" st. l").run()  # case and the spaces around are ignored
    assert not app.exception and app.selectbox[0].options == ["04 Buntekuh", "06 St. Lorenz Nord", "05 St. Lorenz Süd"]
    app.selectbox[0].set_value("05").run()
    assert not app.exception and app.query_params["area"] == "05"
    app.text_input(key="w_profile_compare_search").input("JÜRG").run()
    assert app.selectbox[1].options[1:] == ["02 St. Jürgen"]
    app.selectbox[1].set_value("02").run()
    assert not app.exception and app.query_params["compare"] == "02"
    assert trace_names(app, 1)[1:] == ["St. Lorenz Süd", "St. Jürgen"]
    app.text_input(key="w_profile_compare_search").input("Atlantis").run()  # the second area stays chosen
    assert app.selectbox[1].value == "02" and app.selectbox[1].options[1:] == ["02 St. Jürgen"]
    assert {"de": "Kein Gebiet passt zu „Atlantis“.", "en": "No area matches “Atlantis”."}[lang] in texts(app)
    # a copied link opens with both areas; a second area that is no area is reported, as below the limit
    linked = open_page(monkeypatch, lang=lang, level="stadtteil", area="10", compare="03")
    assert (linked.selectbox[0].value, linked.selectbox[1].value) == ("10", "03")
    assert linked.selectbox[0].options[0] == "10 Travemünde" and "03 Moisling" in linked.selectbox[1].options
    wrong = open_page(monkeypatch, lang=lang, level="stadtteil", area="10", compare="99")
    assert wrong.selectbox[1].value == "" and any("compare" in str(info.value) for info in wrong.info)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_locator_of_a_level_with_more_areas_than_a_map_draws(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With the map limit lowered to 20 (ui.map_scope) the demo's 33 Teilgebiete are too many for one picture: the locator
    draws the 10 Stadtteile in grey and the two Teilgebiete on top, and its legend names the Stadtteile."""
    from views.maps import MAX_MAP_AREAS_ENV

    monkeypatch.setenv(MAX_MAP_AREAS_ENV, "20")
    app = open_page(monkeypatch, lang=lang, level="teilgebiet", area="03.1", compare="02.5", period="2022")
    images = [proto for proto in _protos(app) if proto.DESCRIPTOR.name == "ImageList"]
    svg = images[0].imgs[0].url
    legend = next(body for body in html_sources(app) if "<ul" in body and "Moisling" in body)
    other = {"de": "übrige {}", "en": "other {}"}[lang]
    plural = Store(DEMO).metadata.level
    assert other.format(plural("stadtteil").plural(lang)) in legend
    monkeypatch.setenv(MAX_MAP_AREAS_ENV, "50")  # every Teilgebiet drawn again (a new process would read it; this one's cache is keyed on the choice)
    whole = open_page(monkeypatch, lang=lang, level="teilgebiet", area="03.1", compare="02.6", period="2022")
    whole_svg = [proto for proto in _protos(whole) if proto.DESCRIPTOR.name == "ImageList"][0].imgs[0].url
    assert other.format(plural("teilgebiet").plural(lang)) in next(body for body in html_sources(whole) if "<ul" in body and "Moisling" in body)
    assert svg != whole_svg


@pytest.mark.parametrize("lang", ["de", "en"])
def test_berlin_2020_has_no_city_values_and_says_so(monkeypatch: pytest.MonkeyPatch, berlin, lang: str) -> None:
    # MSS 2021 publishes finished rates per planning area (no numerator and denominator, so no
    # city value) and the 2022 population figures have no 2020: nothing can be judged in 2020
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(berlin))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in {"lang": lang, "indicator": "s1", "level": "planungsraum", "area": "08100521"}.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    assert [int(metric.value) for metric in app.metric] == [0, 0, 0]
    expected = {"de": "Im Jahr 2020 lässt sich kein Indikator mit Richtung für Schulenburgpark mit Berlin vergleichen", "en": "In 2020 no indicator with a direction can be set against Berlin for Schulenburgpark"}
    assert html.unescape(app.info[0].value).startswith(expected[lang])
    assert {"de": "Von 0 bewertbaren", "en": "Of 0 indicators"}[lang] not in texts(app)
