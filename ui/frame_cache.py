"""A cache of the store's answers bounded by the bytes it holds, not by a count of entries.

`st.cache_data` bounds each function by its number of entries: at 100,000 areas one series is
about 110 MB, and 256 of them would be 28 GB. This cache keeps the most recently used frames
up to a budget in MB (FRAME_CACHE_MB, or the environment variable FRAME_CACHE_ENV) shared by
every kind of answer, and drops the least recently used first. A frame larger than the budget
(a series of 1,000,000 areas is about 1 GB) is kept alone, in place of all others, so that the
reruns of the page that asked for it do not read it again: the cache holds at most the budget
or its largest frame. A budget of 0 keeps nothing.

Callers get a shallow copy: pandas' copy-on-write (the default since pandas 3) keeps the
cached frame unchanged whatever the caller does with its copy.
"""
from __future__ import annotations

import functools
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import pandas as pd

FRAME_CACHE_MB = 384
FRAME_CACHE_ENV = "SOZIALMONITOR_CACHE_MB"


def frame_cache_budget() -> int:
    """The budget in bytes: FRAME_CACHE_MB, or the whole number of MB ≥ 0 in FRAME_CACHE_ENV
    (0 keeps nothing; anything else is logged once and ignored)."""
    given = os.environ.get(FRAME_CACHE_ENV, "").strip()
    if given.isdigit():
        return int(given) * 2**20
    if given:
        _warn_unusable_budget(given)
    return FRAME_CACHE_MB * 2**20


@functools.cache
def _warn_unusable_budget(given: str) -> None:
    logging.getLogger(__name__).warning(
        "%s=%r is not a whole number of MB; the store's answers are cached up to the default of %d MB", FRAME_CACHE_ENV, given, FRAME_CACHE_MB
    )


def frame_bytes(frame: pd.DataFrame) -> int:
    """The bytes a frame holds, its index and text included."""
    return int(frame.memory_usage(index=True, deep=True).sum())


class FrameCache:
    """Least recently used frames up to `budget` bytes; safe to share between Streamlit's session threads."""

    def __init__(self, budget: int):
        self.budget = budget
        self.held = 0
        self._frames: OrderedDict[Hashable, tuple[pd.DataFrame, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The frame kept under `key`, else `compute()` (kept if it fits); always a copy of its own."""
        with self._lock:
            if key in self._frames:
                self._frames.move_to_end(key)
                return self._frames[key][0].copy(deep=False)
        frame = compute()  # outside the lock: other sessions go on meanwhile (two may compute the same answer once each)
        size = frame_bytes(frame)
        with self._lock:
            if self.budget > 0 and key not in self._frames:
                self._frames[key] = (frame, size)
                self.held += size
                while self.held > self.budget and len(self._frames) > 1:  # a frame above the budget stays alone
                    _, (_, dropped) = self._frames.popitem(last=False)
                    self.held -= dropped
        return frame.copy(deep=False)

    def __len__(self) -> int:
        return len(self._frames)
