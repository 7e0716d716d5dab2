"""The presentation's screens for every demo indicator at every level, in both languages."""
from __future__ import annotations

import pytest

from loaders.store import Store
from reports.source import StoreSource
from tests.conftest import REPO_ROOT
from views.i18n import t
from views.inequality import build_inequality
from views.overview import build_overview
from views.presentation import MAX_BARS, VISUAL_HEIGHT, build_slides, trend_table
from views.text import highest_and_lowest

SOURCE = StoreSource(Store(REPO_ROOT / "data" / "demo"))
STORE = SOURCE.store
PERIOD = 2022


def slides_for(indicator: str, level: str, lang: str, *, with_inequality: bool = True):
    metadata = STORE.metadata
    entry = STORE.indicator(indicator)
    period = max(p for p in SOURCE.periods(indicator) if p <= PERIOD)
    values = SOURCE.values(indicator, period, level)
    geometries = SOURCE.geometries(level)
    overview = build_overview(
        values=values,
        geometries=geometries,
        entry=entry,
        period=period,
        city=metadata.city,
        city_series=SOURCE.city_series(indicator),
        residents_series=SOURCE.city_series(metadata.population_indicator),
        level_plural=metadata.level(level).plural(lang),
        lang=lang,
    )
    trend = trend_table(SOURCE.city_series(indicator), SOURCE.series(indicator, level, highest_and_lowest(overview.frame)), city=metadata.city, lang=lang)
    inequality = None
    if with_inequality and overview.has_values:
        areas = SOURCE.areas(level)
        inequality = build_inequality(
            values=values,
            geometries=geometries,
            parents=areas.set_index("area_id")["parent_id"] if level == "teilgebiet" else None,
            population=SOURCE.values(metadata.population_indicator, period, level).set_index("area_id")["value"],
            entry=entry,
            period=period,
            level_plural=metadata.level(level).plural(lang),
            parent_level=metadata.level("stadtteil").label(lang) if level == "teilgebiet" else None,
            lang=lang,
        )
    return overview, build_slides(
        overview=overview, trend=trend, inequality=inequality, entry=entry, period=period, level_label=metadata.level(level).label(lang), city=metadata.city, lang=lang
    )


COMBINATIONS = [
    (i, level, lang)
    for i in STORE.indicator_ids()
    for level in ("stadtteil", "teilgebiet")
    for lang in ("de", "en")
]


@pytest.mark.parametrize(("indicator", "level", "lang"), COMBINATIONS)
def test_every_indicator_gets_its_screens(indicator: str, level: str, lang: str) -> None:
    overview, slides = slides_for(indicator, level, lang, with_inequality=False)
    label = STORE.indicator(indicator).label(lang)
    if not overview.has_values:
        assert [s.key for s in slides] == ["empty"] and label in slides[0].caption
        return
    keys = [s.key for s in slides]
    assert keys == ["map", "ranking", "trend"], keys
    assert slides[0].deck is not None and slides[0].legend_html and slides[0].alt
    for slide in slides:
        assert slide.title and slide.alt
        if slide.figure is not None:
            assert slide.figure.layout.height == VISUAL_HEIGHT
            assert slide.figure.layout.font.size >= 18
    ranking = slides[1].figure
    drawn = {name for trace in ranking.data for name in trace.y if not str(name).startswith("…")}
    assert len(drawn) <= MAX_BARS


def test_ranking_screen_keeps_the_extremes_and_says_how_many_are_left_out() -> None:
    _, slides = slides_for("kinderarmut", "teilgebiet", "de", with_inequality=False)
    names = [name for trace in slides[1].figure.data for name in trace.y]
    assert "… 21 weitere Gebiete: siehe Tabelle …" in names
    assert "Moisling – Teilgebiet 1" in names and "St. Jürgen – Teilgebiet 3" in names  # 53,0 % and 10,1 %


def test_trend_screen_shows_the_city_and_the_extreme_areas() -> None:
    _, slides = slides_for("kinderarmut", "stadtteil", "en", with_inequality=False)
    trend = slides[2].figure
    assert [trace.name for trace in trend.data] == [t("chart.city_line", "en", city="Lübeck", value="").split(":")[0], "Moisling", "Travemünde"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_lorenz_screen_follows_where_inequality_is_defined(lang: str) -> None:
    _, slides = slides_for("kinderarmut", "teilgebiet", lang)
    assert [s.key for s in slides] == ["map", "ranking", "trend", "inequality"]
    assert slides[3].caption.startswith({"de": "Der Gini-Koeffizient", "en": "The Gini coefficient"}[lang])
    assert slides[3].figure.layout.height == VISUAL_HEIGHT
