"""The page "Ungleichheit & Muster" in AppTest: the six measures over all periods, the decomposition
across the levels and the LISA and Gi* maps side by side, for every demo indicator and level; few
areas and islands are said beside Moran's I and the clusters; a count is not measured as if its
size were inequality."""
from __future__ import annotations

import html
import json

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests.conftest import REPO_ROOT
from tests.rendered import rendered
from views.i18n import t
from views.inequality import HOTSPOTS, QUADRANTS
from views.maps import area_objects

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/inequality.py"
DEMO = REPO_ROOT / "data" / "demo"
TIMEOUT = 120
HEADERS = {
    "de": ("Ungleichheit im Zeitverlauf", "Zwischen und innerhalb: Zerlegung über die Ebenen", "Räumliche Muster: Häufungen und Hot Spots"),
    "en": ("Inequality over time", "Between and within: decomposition across the levels", "Spatial patterns: clusters and hot spots"),
}
FDR = {"de": "Benjamini–Hochberg, falsche Entdeckungsrate 0,05", "en": "Benjamini–Hochberg, false discovery rate 0.05"}


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


def texts(app: AppTest) -> str:
    return html.unescape("\n".join(str(e.value) for e in (*app.markdown, *app.caption, *app.info, *app.subheader, *app.header)))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_new_sections_on_both_levels(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    store = Store(DEMO)
    app = open_page(monkeypatch, lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet")
    headers = [h.value for h in app.header]
    assert all(header in headers for header in HEADERS[lang])
    measures = app.dataframe[0].value
    assert len(measures) == len(store.periods("sgb2_quote")) and measures.shape[1] == 9
    assert app.dataframe[1].value.iloc[0, 0] == {"de": "Stadtteil", "en": "District"}[lang]  # Teilgebiete grouped by Stadtteil
    assert pattern_of(app, lang) == "clusters"  # one map at a time: the LISA clusters first
    app.radio(key="w_ineq_pattern").set_value("hotspots").run()
    assert not app.exception, app.exception
    assert pattern_of(app, lang) == "hotspots" and app.query_params["pattern"] == "hotspots"
    assert FDR[lang] in texts(app)
    app.sidebar.radio(key="w_level").set_value("stadtteil").run()
    assert not app.exception
    assert {"de": "Auf der obersten Ebene", "en": "At the top level"}[lang] in texts(app)


def pattern_of(app: AppTest, lang: str) -> str:
    """Which map the page draws (it draws one): every tooltip ends in a LISA cluster's name or in
    a Gi* class's name."""
    [deck] = app.get("deck_gl_json_chart")
    kinds = {o["detail"].rsplit(" · ", 1)[1] for o in area_objects(json.loads(deck.proto.json))}
    if kinds <= {t("ineq.cluster." + key, lang) for key in (*QUADRANTS, "ns", "none")}:
        return "clusters"
    assert kinds <= {t("ineq.hotspot." + key, lang) for key in HOTSPOTS}, kinds
    return "hotspots"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_link_opens_the_map_of_hot_spots_and_a_wrong_choice_falls_back(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet", pattern="hotspots")
    assert pattern_of(app, lang) == "hotspots" and app.radio(key="w_ineq_pattern").value == "hotspots"
    app = open_page(monkeypatch, lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet", pattern="voronoi")
    assert pattern_of(app, lang) == "clusters"
    assert any("pattern" in info.value for info in app.info)  # the link's choice that could not be used is named


def test_every_demo_indicator_at_every_level(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, lang="de")
    store = Store(DEMO)
    for level in store.metadata.level_ids:
        app.sidebar.radio(key="w_level").set_value(level).run()
        for indicator in store.indicator_ids():
            app.sidebar.selectbox(key="w_indicator").set_value(indicator).run()
            assert not app.exception and not app.error, (level, indicator, app.exception)
            assert HEADERS["de"][0] in [h.value for h in app.header], (level, indicator)


def open_inequality(monkeypatch: pytest.MonkeyPatch, lang: str, indicator: str, level: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update(lang=lang, indicator=indicator, period="2022", level=level)
    app.run()
    app.switch_page("pages/inequality.py")
    app.run()
    assert not app.exception and not app.error
    return app


def markdown_and_captions(app: AppTest) -> tuple[str, list[str]]:
    return rendered("\n".join(m.value for m in app.markdown)), [rendered(c.value) for c in app.caption]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_ten_districts_carry_the_power_note_and_the_old_town_its_nearest_neighbour(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_inequality(monkeypatch, lang, "sgb2_quote", "stadtteil")
    markdown, captions = markdown_and_captions(app)
    power = {"de": "Nur 10 Gebiete: Bei weniger als 30 Gebieten haben Moran's I", "en": "Only 10 areas: with fewer than 30 areas, Moran's I"}[lang]
    island = {
        "de": "Ohne angrenzendes Gebiet: Innenstadt (nächstes Gebiet: St. Lorenz Süd).",
        "en": "No adjoining area: Innenstadt (nearest area: St. Lorenz Süd).",
    }[lang]
    # beside Moran's I at the top and again beside the clusters (LISA)
    assert power in markdown and island in markdown
    assert any(c.startswith(power) for c in captions) and any(c.startswith(island) for c in captions)
    # the Innenstadt is analysed, not left out: it has a pattern and a p-value in the table
    table = app.dataframe[-1].value.set_index({"de": "Gebiet", "en": "Area"}[lang])
    assert table.loc["Innenstadt", {"de": "p-Wert", "en": "p-value"}[lang]] not in ("", "–")


def test_33_sub_areas_carry_no_power_note(monkeypatch: pytest.MonkeyPatch) -> None:
    markdown, captions = markdown_and_captions(open_inequality(monkeypatch, "en", "sgb2_quote", "teilgebiet"))
    assert "Moran's I = " in markdown and "little power" not in markdown + " ".join(captions)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_population_count_is_not_measured_as_inequality(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_inequality(monkeypatch, lang, "einwohner", "teilgebiet")
    markdown, _ = markdown_and_captions(app)
    assert {"de": "Gini, Theil und Moran's I werden für Einwohnerinnen und Einwohner nicht berechnet", "en": "The Gini, Theil and Moran's I are not computed for Residents"}[lang] in markdown
    assert not app.metric and not app.get("plotly_chart")
