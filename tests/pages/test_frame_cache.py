"""The cache of the store's answers (ui.frame_cache): bounded by bytes, least recently used dropped first."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from ui.frame_cache import (
    FRAME_CACHE_ENV,
    FRAME_CACHE_MB,
    FrameCache,
    cached_by_bytes,
    current_run,
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
    cache = FrameCache(budget=3 * size)
    computed: list[str] = []

    def answer(key: str) -> pd.DataFrame:
        return cache.get(key, lambda: computed.append(key) or frame_of(1000))

    for key in ["a", "b", "c"]:
        answer(key)
    answer("a")  # "a" used again: "b" is now the least recently used
    answer("d")  # a fourth frame does not fit: "b" leaves
    assert cache.held == 3 * size and len(cache) == 3
    answer("a"), answer("c"), answer("d")
    assert computed == ["a", "b", "c", "d"]  # kept ones are not computed again
    answer("b")
    assert computed == ["a", "b", "c", "d", "b"]  # "b" had left; now "a" (least recently used) left instead
    answer("c"), answer("d")
    assert computed[-1] == "b"
    answer("a")
    assert computed[-1] == "a"
    assert cache.held <= cache.budget


def test_a_frame_larger_than_the_budget_is_kept_alone() -> None:
    small = frame_bytes(frame_of(100))
    cache = FrameCache(budget=2 * small)
    calls = []
    cache.get("a", lambda: frame_of(100)), cache.get("b", lambda: frame_of(100))
    first = cache.get("big", lambda: calls.append(1) or frame_of(1000))
    second = cache.get("big", lambda: calls.append(1) or frame_of(1000))
    assert len(first) == len(second) == 1000 and len(calls) == 1  # a rerun of its page does not read it again
    assert len(cache) == 1 and cache.held == frame_bytes(frame_of(1000))  # the others made room
    cache.get("a", lambda: frame_of(100))
    assert len(cache) == 1 and cache.held == small  # and it leaves for the next one


def test_the_answers_of_the_running_page_stay_even_above_the_budget() -> None:
    """A rerun asks for a few large answers (a series and the view built from it): those the
    running page has used stay, even above the budget, so that its next rerun does not compute
    them again; other answers make room, and the page's next run starts afresh."""
    small = frame_bytes(frame_of(100))
    big = frame_bytes(frame_of(1000))
    cache = FrameCache(budget=2 * small)
    calls: list[str] = []
    first_run, second_run, other_run = ("session", object()), ("session", object()), ("other", object())

    def answer(key: str, rows: int, run: tuple[str, object]) -> pd.DataFrame:
        return cache.get(key, lambda: calls.append(key) or frame_of(rows), run)

    answer("a", 100, other_run), answer("b", 100, other_run)
    for key in ["series", "view", "table"]:
        answer(key, 1000, first_run)
    assert len(cache) == 3 and cache.held == 3 * big  # "a" and "b" made room; the page's three stay
    for key in ["series", "view", "table"]:
        assert len(answer(key, 1000, second_run)) == 1000  # its rerun computes none of them again
    assert calls == ["a", "b", "series", "view", "table"]
    answer("series", 1000, first_run := ("session", object()))  # the next run uses one of them and adds another
    answer("other", 100, first_run)
    assert len(cache) == 2 and cache.held == big + small  # the answers this run did not use made room
    answer("c", 100, other_run)
    assert len(cache) == 2 and cache.held == 2 * small  # another session's answer: the large one made room
    answer("series", 1000, other_run)
    assert calls[-1] == "series"


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


def test_a_page_run_is_told_apart_from_its_next_run() -> None:
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        import streamlit as st

        from ui.frame_cache import current_run

        first, second = current_run(), current_run()
        st.session_state.setdefault("runs", []).append(first)
        st.write(f"same run: {first[0] == second[0] and first[1] is second[1]}")

    app = AppTest.from_function(script).run()
    app.run()
    assert [m.value for m in app.markdown] == ["same run: True"]
    (session, run), (session_again, next_run) = app.session_state["runs"]
    assert session == session_again and run is not next_run
    assert current_run() is None  # outside a page run


@pytest.mark.parametrize("page", ["pages/profile.py", "pages/compare.py", "pages/targets.py", "pages/trends.py"])
def test_a_rerun_computes_nothing_again_when_its_answers_exceed_the_budget(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    """A budget smaller than any answer (the case of 1,000,000 areas): the answers of the page's
    run stay, so that its next run is served from the cache (the profile and compare use six
    in one run, the targets more)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO_ROOT

    monkeypatch.setenv("SOZIALMONITOR_DATA", str(REPO_ROOT / "data" / "demo"))
    st.cache_resource.clear()
    shared_cache().budget = 1  # one byte: every answer is above it
    app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    app.query_params["lang"] = "de"
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    computed: list = []
    original = FrameCache.get
    monkeypatch.setattr(FrameCache, "get", lambda self, key, compute, run=None: original(self, key, lambda: computed.append(key) or compute(), run))
    app.run()
    assert not app.exception, app.exception
    assert computed == []
    st.cache_resource.clear()
