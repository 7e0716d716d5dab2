"""The URL holds the view; bad URL values fall back to defaults and are reported."""
from __future__ import annotations

from dataclasses import replace

from views.state import (
    MAX_OPTION_LENGTH,
    CompareOptions,
    TrendOptions,
    ViewState,
    compare_options,
    nearest_period,
    resolve_state,
    to_query,
    trend_options,
    view_link,
    with_options,
)

PERIODS = {"poverty": [2019, 2020, 2021], "residents": [2010, 2015]}
DEFAULT = ViewState(lang="de", indicator="poverty", period=2021, level="bezirk")


def resolve(query):
    return resolve_state(query, indicators=list(PERIODS), periods_of=PERIODS.__getitem__, levels=["bezirk", "teil"], default=DEFAULT)


def test_empty_url_gives_the_default() -> None:
    assert resolve({}) == (DEFAULT, [])


def test_round_trip() -> None:
    state = ViewState(lang="en", indicator="residents", period=2015, level="teil", area="A1")
    assert resolve(to_query(state)) == (state, [])


def test_unknown_values_fall_back_and_are_reported() -> None:
    state, rejected = resolve({"lang": "fr", "indicator": "x'; DROP", "period": "abc", "level": "planet"})
    assert state == DEFAULT
    assert rejected == ["lang", "indicator", "level", "period"]


def test_period_missing_for_indicator_takes_the_nearest_earlier() -> None:
    state, rejected = resolve({"indicator": "residents", "period": "2013"})
    assert (state.period, rejected) == (2010, ["period"])
    assert nearest_period(2030, [2010, 2015]) == 2015
    assert nearest_period(2000, [2010, 2015]) == 2015


def test_presentation_mode_round_trips_and_a_bad_slide_falls_back() -> None:
    state = ViewState(lang="de", indicator="poverty", period=2020, level="bezirk", present=True, slide=3)
    assert to_query(state)["present"] == "1" and to_query(state)["slide"] == "3"
    assert resolve(to_query(state)) == (state, [])
    assert resolve({"present": "1"})[0].present is True
    assert resolve({"present": "0"})[0].present is False
    assert resolve({"present": "1", "slide": "zwei"}) == (replace(DEFAULT, present=True), ["slide"])
    assert resolve({"present": "1", "slide": "-4"}) == (replace(DEFAULT, present=True), ["slide"])


def test_a_permalink_opens_the_view_outside_the_presentation() -> None:
    state = ViewState(lang="en", indicator="residents", period=2015, level="teil", area="A 1", present=True, slide=2)
    assert view_link("https://monitor.example/", state) == (
        "https://monitor.example/?lang=en&indicator=residents&period=2015&level=teil&area=A+1"
    )
    assert view_link("http://localhost:8501", state, "profile").startswith("http://localhost:8501/profile?lang=en&")


def test_page_choices_round_trip_and_bad_ones_are_reported() -> None:
    state = ViewState(lang="de", indicator="poverty", period=2021, level="bezirk", target="poverty_2030", types=("poverty", "residents"), k=4)
    assert to_query(state)["types"] == "poverty,residents"
    assert resolve(to_query(state)) == (state, [])
    state, rejected = resolve({"types": "poverty,nothing", "k": "12"})
    assert (state.types, state.k, rejected) == (("poverty",), None, ["types", "k"])
    assert resolve({"k": "x"})[1] == ["k"]


def test_page_options_round_trip_through_the_url() -> None:
    state = with_options(
        ViewState(lang="de", indicator="poverty", period=2021, level="teil", area="A1"), base="2019", show="index", compare="A2", q=None
    )
    assert to_query(state) == {
        "lang": "de", "indicator": "poverty", "period": "2021", "level": "teil", "area": "A1", "base": "2019", "show": "index", "compare": "A2"
    }
    assert resolve(to_query(state)) == (state, [])
    assert with_options(state, show=None).option("show") is None
    long = resolve({"q": "x" * 5000})[0]
    assert long.option("q") == "x" * MAX_OPTION_LENGTH


def test_trend_options_default_and_reject() -> None:
    state = ViewState(lang="de", indicator="poverty", period=2021, level="teil")
    assert trend_options(state, periods=[2019, 2020, 2021]) == (
        TrendOptions(base=2019, show="value", sort="latest_desc", window=3, search="", page=1), []
    )
    asked = with_options(state, base="2021", show="index", sort="sideways", window="9", page="0", q="Nord")
    options, rejected = trend_options(asked, periods=[2019, 2020, 2021], shows=("value", "change"))
    assert options == TrendOptions(base=2019, show="value", sort="latest_desc", window=3, search="Nord", page=1)
    assert rejected == ["base", "show", "sort", "window", "page"]  # base must lie before the end year
    fine = with_options(state, base="2020", show="change", sort="change_asc", window="2", page="3")
    assert trend_options(fine, periods=[2019, 2020, 2021]) == (
        TrendOptions(base=2020, show="change", sort="change_asc", window=2, search="", page=3), []
    )
    assert trend_options(replace(state, period=2019), periods=[2019, 2020])[0].base is None


def test_compare_options_default_and_reject() -> None:
    state = ViewState(lang="de", indicator="poverty", period=2021, level="teil")
    areas, indicators, domains = ["A1", "A2", "B1"], ["residents", "index_score"], ["demografie", "wohnen"]
    assert compare_options(state, area_ids=areas, indicators=indicators, domains=domains, default_domain="wohnen") == (
        CompareOptions(area="A1", compare="A2", indicator2="residents", weighted=False, domain="wohnen"), []
    )
    asked = with_options(replace(state, area="B1"), compare="B1", indicator2="index_score", weighted="1", domain="demografie")
    assert compare_options(asked, area_ids=areas, indicators=indicators, domains=domains)[0] == CompareOptions(
        area="B1", compare="A1", indicator2="index_score", weighted=True, domain="demografie"
    )
    bad = with_options(replace(state, area="ZZ"), compare="ZZ", indicator2="nope", weighted="yes", domain="mars")
    options, rejected = compare_options(bad, area_ids=areas, indicators=indicators, domains=domains)
    assert options == CompareOptions(area="A1", compare="A2", indicator2="residents", weighted=False, domain="all")
    assert rejected == ["area", "compare", "indicator2", "weighted", "domain"]
