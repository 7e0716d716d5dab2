"""The cache of the store's answers (ui.frame_cache): bounded by bytes, least recently used dropped first."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from ui.frame_cache import (
    FRAME_CACHE_ENV,
    FRAME_CACHE_MB,
    RECENT_KEPT,
    FrameCache,
    cached_by_bytes,
    frame_bytes,
    frame_cache_budget,
    held_bytes,
    shared_cache,
)


def frame_of(rows: int) -> pd.DataFrame:
    """A frame of one float column: 8 bytes per row plus a RangeIndex (a few hundred bytes)."""
    return pd.DataFrame({"value": np.arange(rows, dtype=np.float64)})


def test_frame_bytes_counts_values_text_and_index() -> None:
    frame = pd.DataFrame({"value": np.zeros(1000), "area_id": [f"{i:06d}" for i in range(1000)]}, index=pd.RangeIndex(1000))
    numbers = 8 * 1000
    assert frame_bytes(frame) > numbers + 6 * 1000  # the ids' six characters each count, not a pointer per row only
    assert frame_bytes(frame_of(1000)) == numbers + frame_of(1000).index.memory_usage()


def test_least_recently_used_frames_leave_first_and_the_budget_holds() -> None:
    size = frame_bytes(frame_of(1000))
    fitting = RECENT_KEPT + 1
    cache = FrameCache(budget=fitting * size)
    computed: list[str] = []

    def answer(key: str) -> pd.DataFrame:
        return cache.get(key, lambda: computed.append(key) or frame_of(1000))

    keys = [f"k{i}" for i in range(fitting)]
    for key in keys:
        answer(key)
    answer("k0")  # used again: "k1" is now the least recently used
    answer("new")  # one more does not fit: "k1" leaves
    assert cache.held == fitting * size and len(cache) == fitting
    for key in ["k0", *keys[2:], "new"]:
        answer(key)
    assert computed == [*keys, "new"]  # kept ones are not computed again
    answer("k1")
    assert computed[-1] == "k1"  # "k1" had left; now "k0" (least recently used) left instead
    for key in [*keys[2:], "new", "k1"]:
        answer(key)
    assert computed[-1] == "k1"
    answer("k0")
    assert computed[-1] == "k0"
    assert cache.held <= cache.budget


def test_the_most_recent_answers_stay_even_above_the_budget() -> None:
    """A rerun asks for a few large answers (a series and the view built from it): the
    RECENT_KEPT most recent stay even when they exceed the budget, so that the next rerun does
    not compute them again; older ones make room."""
    small = frame_bytes(frame_of(100))
    big = frame_bytes(frame_of(1000))
    cache = FrameCache(budget=2 * small)
    calls: list[str] = []

    def answer(key: str, rows: int) -> pd.DataFrame:
        return cache.get(key, lambda: calls.append(key) or frame_of(rows))

    answer("a", 100), answer("b", 100)
    for key in [f"big{i}" for i in range(RECENT_KEPT)]:
        answer(key, 1000)
    assert len(cache) == RECENT_KEPT and cache.held == RECENT_KEPT * big  # "a" and "b" made room
    for key in [f"big{i}" for i in range(RECENT_KEPT)]:
        assert len(answer(key, 1000)) == 1000  # a rerun of the page does not compute them again
    assert calls == ["a", "b"] + [f"big{i}" for i in range(RECENT_KEPT)]
    answer("c", 100)
    assert len(cache) == RECENT_KEPT and "big0" not in calls[-1:]  # the least recently used large one left
    answer("big0", 1000)
    assert calls[-1] == "big0"


def test_a_budget_of_zero_keeps_nothing() -> None:
    cache = FrameCache(budget=0)
    calls = []
    for _ in range(2):
        assert len(cache.get("k", lambda: calls.append(1) or frame_of(10))) == 10
    assert len(calls) == 2 and len(cache) == 0 and cache.held == 0


def test_a_caller_changing_its_frame_leaves_the_cached_one_unchanged() -> None:
    cache = FrameCache(budget=10**6)
    mine = cache.get("k", lambda: frame_of(10))
    mine.loc[0, "value"] = -1.0
    mine["extra"] = 1
    again = cache.get("k", lambda: pytest.fail("the frame was kept"))
    assert again["value"].tolist() == list(np.arange(10, dtype=np.float64)) and "extra" not in again


@pytest.mark.parametrize(("given", "budget"), [("", FRAME_CACHE_MB * 2**20), ("0", 0), ("512", 512 * 2**20), (" 64 ", 64 * 2**20)])
def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, given: str, budget: int) -> None:
    monkeypatch.setenv(FRAME_CACHE_ENV, given)
    assert frame_cache_budget() == budget


@pytest.mark.parametrize("given", ["-5", "1.5", "viel"])
def test_an_unusable_budget_is_logged_and_the_default_used(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, given: str) -> None:
    monkeypatch.setenv(FRAME_CACHE_ENV, given)
    with caplog.at_level(logging.WARNING, logger="ui.frame_cache"):
        assert frame_cache_budget() == FRAME_CACHE_MB * 2**20
    assert f"{FRAME_CACHE_ENV}={given!r}" in caplog.text


def test_held_bytes_counts_the_parts_of_views_once() -> None:
    """A page's view: frames, text and arrays inside dataclasses, dicts and lists, each counted once."""
    import dataclasses

    import plotly.graph_objects as go

    @dataclasses.dataclass(frozen=True)
    class View:
        table: pd.DataFrame
        same_table: pd.DataFrame
        text: str
        arrays: dict[str, np.ndarray]
        figure: go.Figure

    table = frame_of(10_000)
    figure = go.Figure(go.Scatter(x=np.arange(50_000, dtype=np.float64), y=np.zeros(50_000)))
    view = View(table, table, "x" * 100_000, {"a": np.zeros(20_000)}, figure)
    counted = held_bytes(view)
    parts = frame_bytes(table) + 100_000 + 20_000 * 8 + 2 * 50_000 * 8
    assert parts <= counted <= parts + 50_000  # the frame once; only small overheads beside the data


def test_cached_by_bytes_keys_on_the_arguments_but_not_underscored_ones() -> None:
    shared_cache.clear()
    calls: list[tuple] = []

    @cached_by_bytes
    def view_of(level: str, weights: dict[str, float], _names: dict[str, str]) -> pd.DataFrame:
        calls.append((level, dict(weights)))
        return frame_of(10)

    view_of("block", {"a": 1.0, "b": 2.0}, {"x": "X"})
    view_of("block", {"b": 2.0, "a": 1.0}, {"y": "Y"})  # the same weights in another order; `_names` not part of the key
    view_of(level="block", weights={"a": 1.0, "b": 2.0}, _names={})
    assert calls == [("block", {"a": 1.0, "b": 2.0})]
    view_of("bezirk", {"a": 1.0, "b": 2.0}, {})
    view_of("block", {"a": 1.0, "b": 3.0}, {})
    assert len(calls) == 3
    shared_cache.clear()


def test_a_large_container_is_estimated_from_a_sample() -> None:
    """Above SAMPLED_ITEMS items the size comes from a sample: close to the exact size, in a fraction of the time."""
    import sys

    names = {f"B{i:07d}": "Block " + "x" * (i % 20) for i in range(100_000)}
    exact = sys.getsizeof(names) + sum(sys.getsizeof(key) + sys.getsizeof(name) for key, name in names.items())
    assert abs(held_bytes(names) - exact) < 0.01 * exact
