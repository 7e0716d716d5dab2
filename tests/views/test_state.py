"""The URL holds the view; bad URL values fall back to defaults and are reported."""
from __future__ import annotations

from dataclasses import replace

from views.state import ViewState, nearest_period, resolve_state, to_query, view_link

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
