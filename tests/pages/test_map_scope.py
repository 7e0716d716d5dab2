"""Maps of too many areas (ui.map_scope): with the limit set to 20 by its environment variable,
the demo's 33 Teilgebiete are too many; each map page shows the 10 Stadtteile with their own
values, says so, and draws the Teilgebiete only inside a picked Stadtteil — in both languages."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.pages.test_pages import run_app
from tests.rendered import rendered
from views import maps
from views.i18n import format_value
from views.maps import MAX_MAP_AREAS_ENV, area_objects

DEMO = REPO_ROOT / "data" / "demo"
SENTENCE = {
    "de": "Zu viele Gebiete für eine Karte: 33 Teilgebiete (höchstens 20 je Karte). Die Karte zeigt die Ebene Stadtteil (10 Stadtteile)",
    "en": "Too many areas for one map: 33 sub-areas (at most 20 per map). The map shows the level District (10 districts)",
}
PICK = {"de": "Stadtteil wählen, um seine Teilgebiete zu zeigen", "en": "Choose a District to show its sub-areas"}


@pytest.fixture(autouse=True)
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_MAP_AREAS_ENV, "20")
    st.cache_resource.clear()  # the pages' views are cached per process: build them under this limit
    st.cache_data.clear()


def demo_areas() -> pd.DataFrame:
    return pd.read_parquet(DEMO / "areas.parquet")


def drawn(app: AppTest) -> list[dict]:
    """The objects of the first map's layer of areas."""
    return area_objects(json.loads(app.get("deck_gl_json_chart")[0].proto.json))


def stadtteil_shares(indicator: str, period: int) -> pd.Series:
    """A share per Stadtteil, summed by hand from the Teilgebiete's numerators and denominators in
    the Parquet files (independent of the store)."""
    values = pd.read_parquet(DEMO / "values.parquet")
    chosen = values[(values["indicator_id"] == indicator) & (values["period"] == period)].merge(demo_areas()[["area_id", "parent_id"]], on="area_id")
    sums = chosen.groupby("parent_id")[["numerator", "denominator"]].sum()
    return sums["numerator"] / sums["denominator"] * 100


def pick(app: AppTest, lang: str, area_id: str) -> None:
    next(box for box in app.selectbox if box.label == PICK[lang]).set_value(area_id).run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("lang", ["de", "en"])
def test_overview_shows_the_stadtteile_with_their_values_then_one_stadtteil(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    areas = demo_areas()
    app = run_app(monkeypatch, DEMO, lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet")
    assert not app.exception, app.exception
    assert any(SENTENCE[lang] in rendered(info.value) for info in app.info), [info.value for info in app.info]
    objects = drawn(app)
    stadtteile = areas[areas["level"] == "stadtteil"]
    assert {o["area_id"] for o in objects} == set(stadtteile["area_id"])
    shares = stadtteil_shares("sgb2_quote", 2022)
    for o in objects:
        assert o["detail"].startswith(format_value(shares[o["area_id"]], "%", lang, 1)), (o, shares[o["area_id"]])
    # the page's table still lists all 33 Teilgebiete
    assert len(app.dataframe[0].value) == 33
    chosen = stadtteile.sort_values("name")["area_id"].iloc[2]
    pick(app, lang, chosen)
    inside = set(areas.loc[areas["parent_id"] == chosen, "area_id"])
    assert {o["area_id"] for o in drawn(app)} == inside
    name = stadtteile.set_index("area_id").loc[chosen, "name"]
    shown = {"de": f"Die Karte zeigt die Teilgebiete in {name}.", "en": f"The map shows the sub-areas in {name}."}[lang]
    assert any(shown in rendered(c.value) for c in app.caption)


def test_fitting_level_is_drawn_whole_without_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DEMO, lang="de", indicator="sgb2_quote", period="2022", level="stadtteil")
    assert not app.exception
    assert not any("Zu viele Gebiete" in info.value for info in app.info)
    assert {o["area_id"] for o in drawn(app)} == set(demo_areas().query("level == 'stadtteil'")["area_id"])


def test_the_finest_map_is_never_built_whole_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every polygon a page turns into deck JSON is counted: over the limit no call draws more
    than the coarser level's 10 areas (12 polygon parts)."""
    counted: list[int] = []
    real = maps.polygon_parts

    def counting(geometries):
        counted.append(len(geometries))
        return real(geometries)

    monkeypatch.setattr(maps, "polygon_parts", counting)
    monkeypatch.setattr(maps, "OUTLINES_KEPT", 0)  # outlines converted before (other tests) would not be counted
    app = run_app(monkeypatch, DEMO, lang="de", indicator="sgb2_quote", period="2022", level="teilgebiet")
    assert not app.exception
    assert counted and max(counted) == 10, counted


def number_at_start(text: str) -> float:
    """The first number of a tooltip such as '−0,7 Prozentpunkte (2010–2022)' or '+0.8 percentage points …'."""
    token = text.replace("\u2212", "-").replace("+", "").split()[0].replace("\xa0", "")
    return float(token.replace(".", "").replace(",", ".") if "," in token else token)


def open_page(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> AppTest:
    app = run_app(monkeypatch, DEMO, f"pages/{page}.py", lang=lang, indicator="sgb2_quote", period="2022", level="teilgebiet")
    assert not app.exception, app.exception
    assert any(SENTENCE[lang] in rendered(info.value) for info in app.info), [info.value for info in app.info]
    return app


def first_stadtteil_with_several_teilgebiete() -> str:
    areas = demo_areas()
    sizes = areas[areas["level"] == "teilgebiet"]["parent_id"].value_counts()
    return str(sizes[sizes > 1].index.sort_values()[0])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_trends_balance_map_shows_the_change_of_each_stadtteil(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, "trends", lang)
    objects = drawn(app)
    stadtteile = set(demo_areas().query("level == 'stadtteil'")["area_id"])
    assert {o["area_id"] for o in objects} == stadtteile
    change = stadtteil_shares("sgb2_quote", 2022) - stadtteil_shares("sgb2_quote", 2010)
    for o in objects:
        assert number_at_start(o["detail"]) == pytest.approx(change[o["area_id"]], abs=0.051), o
    chosen = first_stadtteil_with_several_teilgebiete()
    pick(app, lang, chosen)
    assert {o["area_id"] for o in drawn(app)} == set(demo_areas().query("parent_id == @chosen")["area_id"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_inequality_maps_show_the_stadtteile_with_their_values(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, "inequality", lang)
    shares = stadtteil_shares("sgb2_quote", 2022)
    for pattern in ("clusters", "hotspots"):  # one map at a time, both at the coarser level
        app.radio(key="w_ineq_pattern").set_value(pattern).run()
        objects = drawn(app)
        assert len(app.get("deck_gl_json_chart")) == 1 and {o["area_id"] for o in objects} == set(shares.index)
        for o in objects:
            assert o["detail"].startswith(format_value(shares[o["area_id"]], "%", lang, 1)), o
    chosen = first_stadtteil_with_several_teilgebiete()
    pick(app, lang, chosen)
    assert {o["area_id"] for o in drawn(app)} == set(demo_areas().query("parent_id == @chosen")["area_id"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_reach_map_counts_each_stadtteils_addresses(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    app = open_page(monkeypatch, "reach", lang)
    areas = demo_areas().set_index("area_id")
    addresses = pd.read_parquet(DEMO / "addresses.parquet").dropna(subset=["area_id"])
    per_stadtteil = addresses["area_id"].map(areas["parent_id"]).value_counts()
    objects = drawn(app)
    assert {o["area_id"] for o in objects} == set(per_stadtteil.index)
    of = {"de": "von", "en": "of"}[lang]
    for o in objects:
        total = int(o["detail"].split(f" {of} ")[1].split()[0].replace(".", "").replace(",", ""))
        assert total == per_stadtteil[o["area_id"]], o
    chosen = first_stadtteil_with_several_teilgebiete()
    pick(app, lang, chosen)
    assert {o["area_id"] for o in drawn(app)} == set(demo_areas().query("parent_id == @chosen")["area_id"])


@pytest.mark.parametrize("page", ["social_index", "area_types"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_pages_formed_at_one_level_say_so_and_draw_one_stadtteil(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    """The social index and the area types exist only at their own level: no coarser map is made
    up, the page says so; a picked Stadtteil shows its Teilgebiete."""
    app = open_page(monkeypatch, page, lang)
    said = {"de": "Für die Ebene Stadtteil gibt es keine Werte", "en": "The level District has no values"}[lang]
    assert any(said in rendered(info.value) for info in app.info)
    assert not app.get("deck_gl_json_chart")
    chosen = first_stadtteil_with_several_teilgebiete()
    pick(app, lang, chosen)
    assert {o["area_id"] for o in drawn(app)} == set(demo_areas().query("parent_id == @chosen")["area_id"])
