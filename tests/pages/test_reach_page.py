"""The page "Erreichbarkeit" in AppTest: every category at every level in both languages, the
distance, the wheelchair filter, the weighting, the what-if path without a mouse, the URL, and
Berlin (imported, without addresses) with its labelled approximation."""
from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from streamlit.testing.v1 import AppTest

from loaders.importer import run_import
from loaders.spec import load_spec
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared
from tests.pages.test_pages import APP, TIMEOUT, all_text

DEMO = REPO_ROOT / "data" / "demo"
PAGE = "pages/reach.py"
BERLIN_SPEC = REPO_ROOT / "examples" / "berlin" / "import.toml"
CATEGORIES = ("bibliothek", "digitale_hilfe", "jugendzentrum", "seniorentreff", "sozialberatung")
WORDS = {
    "de": {"title": "Erreichbarkeit von Angeboten", "city": "Lübeck: Anteil in Reichweite", "reached": "Adressen in Reichweite", "area": "Gebiet"},
    "en": {"title": "Reach of services", "city": "Lübeck: share within reach", "reached": "Addresses within reach", "area": "Area"},
}


def open_page(monkeypatch: pytest.MonkeyPatch, dataset: Path = DEMO, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def table(app: AppTest, lang: str, reached: str | None = None) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if (reached or WORDS[lang]["reached"]) in frame.value.columns)


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_category_at_every_level(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang)
    assert app.title[0].value == WORDS[lang]["title"]
    assert "Demodaten – keine amtliche Statistik" in all_text(app)
    assert [unescape(option) for option in app.selectbox(key="w_reach_category").options] == [
        f"{label} ({count} {'Orte' if lang == 'de' else 'places'})"
        for label, count in zip(
            {"de": ["Bibliothek", "Hilfe mit digitalen Geräten", "Jugendzentrum", "Seniorentreff", "Sozialberatung"],
             "en": ["Library", "Help with digital devices", "Youth centre", "Senior citizens' centre", "Social counselling"]}[lang],
            [8, 14, 7, 6, 12],
        )
    ]
    for level, areas in (("stadtteil", 10), ("teilgebiet", 33)):
        app.sidebar.radio(key="w_level").set_value(level).run()
        for category in CATEGORIES:
            app.selectbox(key="w_reach_category").set_value(category).run()
            assert not app.exception, (level, category, app.exception)
            rows = table(app, lang)
            assert len(rows) == areas, (level, category)
            assert app.get("deck_gl_json_chart") and app.get("plotly_chart") and app.get("download_button")
            assert app.query_params["reach_category"] == category and app.query_params["level"] == level
            share = metric(app, WORDS[lang]["city"])
            assert share.endswith("%") and share != "–"


def geodesic_nearest(lon: np.ndarray, lat: np.ndarray, places: pd.DataFrame) -> np.ndarray:
    """Distance in metres on the GRS80 ellipsoid from every origin to its nearest place: brute force, no projection."""
    geod = Geod(ellps="GRS80")
    nearest = np.full(len(lon), np.inf)
    for place_lon, place_lat in zip(places["lon"], places["lat"]):
        distance = geod.inv(lon, lat, np.full(len(lon), place_lon), np.full(len(lat), place_lat))[2]
        nearest = np.minimum(nearest, distance)
    return nearest


def counts_of(rows: pd.DataFrame, id_column: str, reached: str, total: str) -> pd.DataFrame:
    """The shown table's counts as integers ("23.350" or "23,350"), by area id."""
    number = lambda column: rows[column].str.replace(r"[.,\u00a0 ]", "", regex=True).astype(int)  # noqa: E731
    return pd.DataFrame({"reached": number(reached).to_numpy(), "total": number(total).to_numpy()}, index=rows[id_column])


def test_lubeck_counts_match_a_geodesic_brute_force_over_the_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Independent of metrics.reach: the demo's official addresses (checked against the published file
    in tests/loaders/test_demo.py, with the Teilgebiet that contains each), distances on the
    ellipsoid to every place by brute force, within 1 000 m ± 0.5 m (the projection's scale factor
    near Lübeck shortens 1 000 m by about 0.25 m)."""
    addresses = pd.read_parquet(DEMO / "addresses.parquet", columns=["lon", "lat", "area_id"]).dropna(subset=["area_id"])
    areas = pd.read_parquet(DEMO / "areas.parquet", columns=["area_id", "parent_id"])
    addresses["stadtteil"] = addresses["area_id"].map(areas.set_index("area_id")["parent_id"])
    places = pd.read_parquet(DEMO / "pois.parquet")
    places = places[places["category"] == "digitale_hilfe"]
    distance = geodesic_nearest(addresses["lon"].to_numpy(), addresses["lat"].to_numpy(), places)
    surely = addresses.assign(inside=distance < 999.5).groupby("stadtteil")["inside"].sum()
    maybe = addresses.assign(inside=distance <= 1000.5).groupby("stadtteil")["inside"].sum()
    assert int((maybe - surely).sum()) < 40  # a narrow band: the test keeps its teeth

    app = open_page(monkeypatch, lang="de", level="stadtteil", reach_category="digitale_hilfe", reach_distance="1000")
    shown = counts_of(table(app, "de"), "Gebiets-Nr.", "Adressen in Reichweite", "Adressen gesamt")
    assert shown["total"].to_dict() == addresses.groupby("stadtteil").size().to_dict()
    assert len(shown) == 10
    for area, row in shown.iterrows():
        assert surely[area] <= row["reached"] <= maybe[area], area
    assert shown["reached"].sum() == 23_350  # the value seen on the page; between the sums above


def test_the_city_value_comes_from_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="de", level="stadtteil", reach_category="digitale_hilfe", reach_distance="1000")
    rows = table(app, "de")
    reached = rows["Adressen in Reichweite"].str.replace(".", "").astype(int).sum()
    total = rows["Adressen gesamt"].str.replace(".", "").astype(int).sum()
    assert total == 50_470  # 51 568 addresses, 1 098 in no area
    expected = f"{reached / total * 100:.1f}".replace(".", ",") + "\u00a0%"
    assert metric(app, "Lübeck: Anteil in Reichweite") == expected
    assert metric(app, "Adressen in Reichweite") == f"{reached:,}".replace(",", ".")
    assert "1.098 Adressen liegen in keinem Gebiet" in all_text(app)
    assert "EPSG:25832" in all_text(app) and "Luftlinie" in all_text(app)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_distance_wheelchair_and_weighting(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang, level="stadtteil", reach_category="bibliothek")
    city = WORDS[lang]["city"]
    shares = {}
    for distance in (500, 1000, 2000):
        app.select_slider(key="w_reach_distance").set_value(distance).run()
        assert not app.exception
        shares[distance] = float(metric(app, city).replace("\u00a0", "").rstrip("%").replace(",", "."))
        assert app.query_params["reach_distance"] == str(distance)
    assert shares[500] < shares[1000] < shares[2000]  # a wider distance never reaches fewer
    places = metric(app, "Orte dieser Art" if lang == "de" else "Places of this kind")
    app.toggle(key="w_reach_wheelchair").set_value(True).run()
    assert not app.exception and app.query_params["reach_wheelchair"] == "1"
    fewer = metric(app, "Orte dieser Art" if lang == "de" else "Places of this kind")
    assert int(fewer) < int(places)
    app.radio(key="w_reach_weighting").set_value("residents").run()
    assert not app.exception and app.query_params["reach_weight"] == "residents"
    assert len(table(app, lang, "Einwohner in Reichweite" if lang == "de" else "Residents within reach")) == 10


@pytest.mark.parametrize("lang", ["de", "en"])
def test_what_if_without_a_mouse(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang, level="stadtteil", reach_category="digitale_hilfe", reach_distance="500")
    before = metric(app, WORDS[lang]["city"])
    app.selectbox(key="w_reach_area").set_value("02.5").run()  # the far south of St. Jürgen
    app.button(key="w_reach_add").click().run()
    assert not app.exception, app.exception
    assert app.query_params["reach_places"].count("_") == 1
    after = metric(app, WORDS[lang]["city"])
    assert after != before
    changes = next(frame.value for frame in app.dataframe if ("Veränderung" if lang == "de" else "Change") in frame.value.columns)
    assert "St. Jürgen" in set(changes[WORDS[lang]["area"]])
    text = unescape(all_text(app))
    assert ("Mit einem gedachten Ort stiege der Anteil in Lübeck" if lang == "de" else "With one hypothetical place, the share in Lübeck would rise") in text
    assert ("Gedachter Ort 1 in St. Jürgen" if lang == "de" else "Hypothetical place 1 in St. Jürgen") in text
    # the link reproduces the scenario
    link = {key: app.query_params[key] for key in ("lang", "level", "reach_category", "reach_distance", "reach_places")}
    again = open_page(monkeypatch, **link)
    assert metric(again, WORDS[lang]["city"]) == after
    # remove it again
    app.button(key="w_reach_remove_all").click().run()
    assert not app.exception
    assert "reach_places" not in app.query_params
    assert metric(app, WORDS[lang]["city"]) == before


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_list_limit_the_area_of_a_place_is_searched(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more finest areas than one list carries (the limit lowered to 5 for the demo's 33 Teilgebiete), the area of
    a hypothetical place is found by a text field: the store's first 3 matches by name that have an address."""
    import ui.area_search

    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 5)
    monkeypatch.setattr(ui.area_search, "MATCHES", 3)
    app = open_page(monkeypatch, lang=lang, level="stadtteil", reach_category="digitale_hilfe", reach_distance="500")
    field = app.text_input(key="w_reach_area_search")
    assert field.label == {"de": "Gebiet suchen (Name oder Nummer)", "en": "Search an area (name or number)"}[lang]
    areas = pd.read_parquet(DEMO / "areas.parquet").query("level == 'teilgebiet'").sort_values(["name", "area_id"])
    assert app.selectbox(key="w_reach_area").options == [f"{n} ({a})" for a, n in zip(areas["area_id"][:3], areas["name"][:3])]
    before = metric(app, WORDS[lang]["city"])
    field.input("JÜRGEN – teilgebiet 5").run()
    assert app.selectbox(key="w_reach_area").options == ["St. Jürgen – Teilgebiet 5 (02.5)"]
    app.selectbox(key="w_reach_area").set_value("02.5").run()  # the far south of St. Jürgen, as in the list below the limit
    app.button(key="w_reach_add").click().run()
    assert not app.exception, app.exception
    assert app.query_params["reach_places"].count("_") == 1 and metric(app, WORDS[lang]["city"]) != before
    assert ("Gedachter Ort 1 in St. Jürgen" if lang == "de" else "Hypothetical place 1 in St. Jürgen") in unescape(all_text(app))
    app.text_input(key="w_reach_area_search").input("Atlantis").run()
    assert not app.exception and app.selectbox(key="w_reach_area").options == []
    assert {"de": "Kein Gebiet passt zu „Atlantis“.", "en": "No area matches “Atlantis”."}[lang] in unescape(all_text(app))


def layer_ids(deck_json: str) -> list[str]:
    return [layer.get("id") for layer in json.loads(deck_json)["layers"]]


def test_the_click_mode_adds_the_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="de")
    assert "Klicken Sie in die Karte" not in all_text(app)
    deck = app.get("deck_gl_json_chart")[0].proto
    assert not deck.selection_mode and "cells" not in layer_ids(deck.json)
    app.toggle(key="w_reach_click").set_value(True).run()
    assert not app.exception
    assert "Klicken Sie in die Karte, um dort einen gedachten Ort anzunehmen (Mitte der Zelle von 300 m)" in all_text(app)
    deck = app.get("deck_gl_json_chart")[0].proto
    assert list(deck.selection_mode) and layer_ids(deck.json)[-1] == "cells"  # a selectable map with the clickable grid on top


def test_a_bad_link_falls_back_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="de", reach_category="zoo", reach_places="1_2")
    assert app.selectbox(key="w_reach_category").value == "digitale_hilfe"
    assert any("reach_category, reach_places" in info.value for info in app.info)
    assert "reach_places" not in app.query_params


# --- Berlin MSS 2021, imported with the committed spec: points of interest but no addresses ----------
@pytest.fixture(scope="module")
def berlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_shared(SHARED_DATA / "berlin")
    folder = tmp_path_factory.mktemp("berlin") / "dataset"
    report = run_import(load_spec(BERLIN_SPEC), folder)
    assert report.ok, report.text("en")
    return folder


@pytest.mark.parametrize("lang", ["de", "en"])
def test_berlin_says_it_needs_addresses_and_offers_the_labelled_approximation(monkeypatch: pytest.MonkeyPatch, berlin: Path, lang: str) -> None:
    app = open_page(monkeypatch, berlin, lang=lang, level="bezirk")
    assert ("enthält keine Adressen" if lang == "de" else "holds no addresses") in app.warning[-1].value
    assert "addresses.parquet" in app.warning[-1].value
    assert not app.get("deck_gl_json_chart") and not app.metric  # nothing computed until asked for
    app.toggle(key="w_reach_approx").set_value(True).run()
    assert not app.exception, app.exception
    assert app.query_params["reach_basis"] == "centroids"
    text = all_text(app)
    assert ("Näherung über Gebietsmittelpunkte – keine Adressdaten" if lang == "de" else "Approximation by area centres – no address data") in text
    assert ("Näherung" if lang == "de" else "approximation") in app.subheader[0].value
    rows = next(frame.value for frame in app.dataframe if len(frame.value) == 12)
    assert set(rows["Gebiet" if lang == "de" else "Area"]) >= {"Mitte", "Spandau", "Treptow-Köpenick"}
    assert app.selectbox(key="w_reach_category").value == "jugendfreizeiteinrichtung"  # the first category; no "digitale_hilfe" in Berlin
    assert app.get("deck_gl_json_chart") and app.get("download_button")


def test_berlin_approximation_matches_a_geodesic_brute_force_over_the_published_files(monkeypatch: pytest.MonkeyPatch, berlin: Path) -> None:
    """Independent of the importer and metrics.reach: each Planungsraum as the point shapely puts on
    its published boundary, its residents of June 2022 ("–" is nobody), the youth centres as
    published, distances on the ellipsoid within 1 000 m ± 2 m, summed per Bezirk."""
    import json

    shared = SHARED_DATA / "berlin"
    outlines = json.loads((shared / "berlin_lor2021_planungsraeume_wgs84.geojson").read_text(encoding="utf-8"))["features"]
    anchors = shapely.point_on_surface([shapely.geometry.shape(feature["geometry"]) for feature in outlines])
    plr = pd.DataFrame({"plr": [f["properties"]["PLR_ID"] for f in outlines], "lon": shapely.get_x(anchors), "lat": shapely.get_y(anchors)})
    residents = pd.read_csv(shared / "berlin_einwohner_2022-06_plr.csv", sep=";", encoding="utf-8-sig", dtype=str)
    plr["residents"] = plr["plr"].map(residents.set_index("PLR-ID")["Gesamt"].replace("–", "0").astype(int))
    hierarchy = pd.read_csv(shared / "berlin_lor2021_plr_hierarchy.csv", encoding="utf-8-sig", dtype=str)
    plr["bezirk"] = plr["plr"].map(hierarchy.set_index("Planungsraum (Nummer)")["Bezirk"])
    assert plr["residents"].notna().all() and plr["bezirk"].notna().all() and len(plr) == 542
    centres = json.loads((shared / "berlin_jugendfreizeiteinrichtungen_2022-12_wgs84.geojson").read_text(encoding="utf-8"))["features"]
    places = pd.DataFrame([feature["geometry"]["coordinates"][:2] for feature in centres], columns=["lon", "lat"])
    distance = geodesic_nearest(plr["lon"].to_numpy(), plr["lat"].to_numpy(), places)
    assert not ((distance > 998) & (distance <= 1002)).any()  # no Planungsraum on the edge: one answer each
    plr["reached"] = np.where(distance <= 1000, plr["residents"], 0)
    expected = plr.groupby("bezirk")[["reached", "residents"]].sum()

    app = open_page(monkeypatch, berlin, lang="de", level="bezirk", reach_category="jugendfreizeiteinrichtung", reach_distance="1000")
    app.toggle(key="w_reach_approx").set_value(True).run()
    assert not app.exception, app.exception
    reached, total = "Einwohner (Näherung) in Reichweite", "Einwohner (Näherung) gesamt"
    shown = counts_of(table(app, "de", reached), "Gebiet", reached, total)
    assert shown["total"].to_dict() == expected["residents"].to_dict()
    assert shown["reached"].to_dict() == expected["reached"].to_dict()
    assert 0 < expected["reached"].sum() < expected["residents"].sum()


# --- data is text: hostile names, categories and notes --------------------------------------------
@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_texts_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str) -> None:
    from tests import dataset_factory as factory
    from tests.pages.test_markup import assert_nothing_interpreted

    without = factory.write_hostile_dataset(tmp_path / "without")
    app = open_page(monkeypatch, without, lang=lang, level="teil")
    assert_nothing_interpreted(app)
    app.toggle(key="w_reach_approx").set_value(True).run()  # the approximation by area centres
    assert_nothing_interpreted(app)
    with_addresses = factory.write_addresses(factory.write_hostile_dataset(tmp_path / "with"))
    for level in ("bezirk", "teil"):
        app = open_page(monkeypatch, with_addresses, lang=lang, level=level)
        assert_nothing_interpreted(app)
        for category in sorted(set(pd.read_parquet(with_addresses / "pois.parquet")["category"])):
            app.selectbox(key="w_reach_category").set_value(category).run()
            assert_nothing_interpreted(app)
        app.button(key="w_reach_add").click().run()  # a hypothetical place in the first area
        assert_nothing_interpreted(app)
        app.toggle(key="w_reach_click").set_value(True).run()
        assert_nothing_interpreted(app)
