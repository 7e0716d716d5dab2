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
    frame_bytes,
    frame_cache_budget,
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
