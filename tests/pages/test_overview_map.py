"""The overview's map as a councillor works with it: the class method (widget and URL), the
search that finds an area and leads to its profile, and the services filtered by wheelchair
access — in both languages."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.pages.test_pages import run_app
from tests.rendered import rendered
from views.classify import CLASS_METHODS, classify
from views.maps import NAME

DEMO = REPO_ROOT / "data" / "demo"
METHOD_LABELS = {
    "de": {"quantile": "Quantile", "equal": "Gleiche Intervalle", "jenks": "Natürliche Brüche (Fisher–Jenks)", "stddev": "Standardabweichungen um den Stadtwert"},
    "en": {"quantile": "Quantiles", "equal": "Equal intervals", "jenks": "Natural breaks (Fisher–Jenks)", "stddev": "Standard deviations around the city value"},
}
SEARCH = {"de": "Gebiet suchen", "en": "Find an area"}
CLASSES = {"de": "Klassenbildung der Karte", "en": "Map classes"}


def widget(app: AppTest, label: str):
    return next(box for box in app.selectbox if box.label == label)


def legend(app: AppTest) -> str:
    return rendered("\n".join(element.proto.body for element in app.get("html")))


def demo_stadtteile(indicator: str, period: int) -> tuple[pd.DataFrame, float]:
    """A share's values of the demo's Stadtteile and of the city, summed by hand from the
    Teilgebiete's numerators and denominators in the Parquet files (independent of the store)."""
    values = pd.read_parquet(DEMO / "values.parquet")
    areas = pd.read_parquet(DEMO / "areas.parquet")
    chosen = values[(values["indicator_id"] == indicator) & (values["period"] == period)]
    chosen = chosen.merge(areas[["area_id", "parent_id"]], on="area_id")
    sums = chosen.groupby("parent_id")[["numerator", "denominator"]].sum()
    parents = areas.set_index("area_id").loc[sums.index, "name"]
    frame = pd.DataFrame({"area_id": sums.index, "name": parents.to_numpy(), "value": (sums["numerator"] / sums["denominator"] * 100).to_numpy()})
    return frame, float(chosen["numerator"].sum() / chosen["denominator"].sum() * 100)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_class_method_follows_the_widget_and_the_url(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil")
    assert not app.exception
    box = widget(app, CLASSES[lang])
    assert box.value == "quantile" and box.options == [METHOD_LABELS[lang][m] for m in CLASS_METHODS]
    assert "classes" not in app.query_params  # the default stays out of the link
    for method in ("jenks", "equal", "stddev"):
        widget(app, CLASSES[lang]).set_value(method).run()
        assert not app.exception, app.exception
        assert app.query_params["classes"] == method
        text = legend(app)
        note = {"jenks": "Fisher–Jenks", "equal": {"de": "Gleiche Intervalle", "en": "Equal intervals"}[lang], "stddev": "σ ="}[method]
        assert note in text, text
    # standard deviations around the city value: the legend names the city value and splits the colours there
    assert {"de": "Stadtwert", "en": "city value"}[lang] in legend(app)
    # a copied link reopens the method; a wrong one falls back to the default with a notice
    again = run_app(monkeypatch, DEMO, lang=lang, classes="jenks", indicator="sgb2_quote", period="2022", level="stadtteil")
    assert widget(again, CLASSES[lang]).value == "jenks"
    bad = run_app(monkeypatch, DEMO, lang=lang, classes="pretty")
    assert widget(bad, CLASSES[lang]).value == "quantile" and any("classes" in info.value for info in bad.info)


def test_natural_breaks_on_the_map_are_those_of_the_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """The legend's limits are the Fisher–Jenks limits of the demo values, split at the city value."""
    app = run_app(monkeypatch, DEMO, lang="en", classes="jenks", indicator="sgb2_quote", period="2022", level="stadtteil")
    assert not app.exception
    frame, city = demo_stadtteile("sgb2_quote", 2022)
    table = app.dataframe[0].value
    expected = classify(frame["value"], method="jenks", polarity="higher_worse", reference=city, diverging=True)
    assert expected.count == 6 and city in expected.edges
    shown = legend(app)
    for low, high in zip(expected.edges[:-1], expected.edges[1:]):
        assert f"{low:.1f}% to {high:.1f}%" in shown, shown
    assert len(table) == 10


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_search_finds_an_area_and_leads_to_its_profile(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil")
    search = widget(app, SEARCH[lang])
    assert search.value is None
    values, _ = demo_stadtteile("sgb2_quote", 2022)
    names = values.set_index("area_id")["name"]
    assert search.options == sorted(names)  # by name, typed to filter
    search = widget(app, SEARCH[lang])
    area_id = names[names == "Kücknitz"].index[0]
    search.set_value(area_id).run()
    assert not app.exception, app.exception
    assert app.query_params["area"] == area_id
    # the area is outlined on the map and named with its value and rank
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert [layer["id"] for layer in spec["layers"]][:3] == ["areas", "found_halo", "found"]
    rank = int((values["value"] > values.loc[values["area_id"] == area_id, "value"].iloc[0]).sum()) + 1
    found = rendered("\n".join(m.value for m in app.markdown))
    assert f"Kücknitz: " in found and ({"de": f"Rang {rank} von 10", "en": f"rank {rank} of 10"}[lang]) in found
    link = app.get("page_link")[0].proto
    assert link.label == {"de": "Profil von Kücknitz öffnen", "en": "Open the profile of Kücknitz"}[lang]
    assert link.page == "profile" and f"area={area_id}" in link.query_string  # a real link: it also opens in a new tab
    # following the link: the profile opens on that area
    app.switch_page("pages/profile.py")
    app.run()
    assert not app.exception
    assert app.selectbox[0].value == area_id


def demo_areas_matching(text: str, level: str = "stadtteil") -> list[str]:
    """The ids of the demo's areas whose id or name contains `text` (ignoring case), by name — from the Parquet file."""
    areas = pd.read_parquet(DEMO / "areas.parquet")
    areas = areas[areas["level"] == level]
    hit = areas["area_id"].str.lower().str.contains(text.lower(), regex=False) | areas["name"].str.lower().str.contains(text.lower(), regex=False)
    return list(areas[hit].sort_values(["name", "area_id"])["area_id"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_above_the_list_limit_the_search_is_a_text_field(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With more areas than one list carries (the limit lowered to 5 for the demo's 10 Stadtteile), the store finds
    what is typed in ids and names and offers the first matches (3 here); the choice is the URL's `area`."""
    import ui.area_search

    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 5)
    monkeypatch.setattr(ui.area_search, "MATCHES", 3)
    app = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil")
    assert not app.exception, app.exception
    assert [box.label for box in app.selectbox if box.label == SEARCH[lang]] == []  # no list of every area
    field = app.text_input(key="w_search_text")
    assert field.label == SEARCH[lang]
    matches = app.selectbox(key="w_search_match")
    assert demo_areas_matching("")[:3] == ["04", "01", "09"]  # the first three by name
    assert matches.value is None and matches.options == ["Buntekuh (04)", "Innenstadt (01)", "Kücknitz (09)"]
    field.input("  kÜCK ").run()  # case and the spaces around are ignored
    assert not app.exception, app.exception
    assert app.selectbox(key="w_search_match").options == ["Kücknitz (09)"] == [f"Kücknitz ({a})" for a in demo_areas_matching("kück")]
    app.selectbox(key="w_search_match").set_value("09").run()
    assert not app.exception, app.exception
    assert app.query_params["area"] == "09"
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert [layer["id"] for layer in spec["layers"]][:3] == ["areas", "found_halo", "found"]
    link = app.get("page_link")[0].proto
    assert link.label == {"de": "Profil von Kücknitz öffnen", "en": "Open the profile of Kücknitz"}[lang] and "area=09" in link.query_string
    # a new search keeps the area found first and offers the first 3 matches after it; a number finds by id
    app.text_input(key="w_search_text").input("st.").run()
    expected = ["09", *demo_areas_matching("st.")[:3]]
    assert len(demo_areas_matching("st.")) == 4 and [o.rsplit("(", 1)[1].rstrip(")") for o in app.selectbox(key="w_search_match").options] == expected
    assert app.selectbox(key="w_search_match").value == "09" and app.query_params["area"] == "09"
    app.text_input(key="w_search_text").input("10").run()
    app.selectbox(key="w_search_match").set_value("10").run()
    assert app.query_params["area"] == "10" and app.selectbox(key="w_search_match").value == "10"
    app.text_input(key="w_search_text").input("Atlantis").run()
    assert not app.exception and app.selectbox(key="w_search_match").options == ["Travemünde (10)"]
    assert {"de": "Kein Gebiet passt zu „Atlantis“.", "en": "No area matches “Atlantis”."}[lang] in rendered("\n".join(c.value for c in app.caption))
    # a copied link opens with its area chosen, and below the limit the list of every area is back
    again = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil", area="03")
    assert again.selectbox(key="w_search_match").value == "03" and again.selectbox(key="w_search_match").options == ["Moisling (03)", "Buntekuh (04)", "Innenstadt (01)", "Kücknitz (09)"]
    monkeypatch.setattr(ui.area_search, "LISTED_AREAS", 10)
    listed = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil", area="03")
    assert widget(listed, SEARCH[lang]).value == "03" and len(widget(listed, SEARCH[lang]).options) == 10 and not listed.text_input


@pytest.mark.parametrize("lang", ["de", "en"])
def test_services_filter_by_category_and_wheelchair_access(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    pois = pd.read_parquet(DEMO / "pois.parquet")
    access = pois["attributes"].map(lambda a: json.loads(a).get("wheelchair"))
    app = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="stadtteil")
    app.toggle[0].set_value(True).run()
    assert not app.exception
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "points")
    assert len(points["data"]) == len(pois)
    app.radio(key="w_access").set_value("yes").run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "points")
    assert len(points["data"]) == int((access == "yes").sum())
    app.radio(key="w_access").set_value("limited").run()
    app.multiselect(key="w_categories").set_value(["bibliothek"]).run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    points = next(layer for layer in spec["layers"] if layer["id"] == "points")
    expected = pois[(pois["category"] == "bibliothek") & access.isin(["yes", "limited"])]
    assert sorted(p[NAME] for p in points["data"]) == sorted(expected["name"])
    shown = {"de": f"{len(expected)} von {len(pois)} Angeboten", "en": f"{len(expected)} of {len(pois)} services"}[lang]
    assert any(shown in c.value for c in app.caption)
