"""The URL holds the view; bad URL values fall back to defaults and are reported."""
from __future__ import annotations

from views.state import ViewState, nearest_period, resolve_state, to_query

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
