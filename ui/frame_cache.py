"""The process's cache of computed answers, bounded by the bytes it holds, not by a count of entries.

`st.cache_data` and `st.cache_resource` bound each function by its number of entries: at
100,000 areas one series is about 110 MB and one page's view up to 200 MB, and a session that
visits every page kept about 3 GB that way. This cache keeps the most recently used answers of
every kind (the store's frames and the pages' views alike) up to one budget in MB
(FRAME_CACHE_MB, or the environment variable FRAME_CACHE_ENV), and drops the least recently
used first. The answers the running page has used in this run always stay, even above the
budget: one rerun of a page asks for a few large answers (a series and the view built from it;
at 1,000,000 areas a series alone is about 1 GB), and they must not push each other out, or every
rerun would compute them again. So the cache holds at most the budget or the answers of the page
that added the last one. A budget of 0 keeps nothing.

Frames are handed out as shallow copies: pandas' copy-on-write (the default since pandas 3)
keeps the cached frame unchanged whatever the caller does with its copy. Other answers (the
pages' views) are shared read-only, as with `st.cache_resource`.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import logging
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

FRAME_CACHE_MB = 384
FRAME_CACHE_ENV = "SOZIALMONITOR_CACHE_MB"
RUNS_TRACKED = 64  # sessions whose current run's answers are remembered (the most recent ones)

P = ParamSpec("P")
R = TypeVar("R")


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
        "%s=%r is not a whole number of MB; answers are cached up to the default of %d MB", FRAME_CACHE_ENV, given, FRAME_CACHE_MB
    )


def frame_bytes(frame: pd.DataFrame) -> int:
    """The bytes a frame holds, its index and text included."""
    return int(frame.memory_usage(index=True, deep=True).sum())


def held_bytes(value: Any) -> int:
    """The bytes an answer holds: frames, series and arrays exactly (text included), text and bytes
    by their size, containers, dataclasses and other objects by their parts (each object once,
    large containers from a sample); a plotly figure by its data and layout."""
    return _held(value, set())


_PLAIN = frozenset({str, bytes, int, float, bool, type(None)})


def _held(value: Any, seen: set[int]) -> int:
    if type(value) in _PLAIN:
        return sys.getsizeof(value)
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, pd.DataFrame):
        return frame_bytes(value)
    if isinstance(value, (pd.Series, pd.Index)):
        return int(value.memory_usage(deep=True))
    if isinstance(value, np.ndarray):
        return value.nbytes + (_held_items(value.ravel(), seen) if value.dtype == object else 0)
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + _held_items(value.keys(), seen) + _held_items(value.values(), seen)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + _held_items(value, seen)
    if dataclasses.is_dataclass(value):
        return sys.getsizeof(value) + sum(_held(getattr(value, field.name), seen) for field in dataclasses.fields(value))
    figure_data = getattr(value, "_data", None), getattr(value, "_layout", None)
    if type(value).__module__.startswith("plotly.") and isinstance(figure_data[0], (list, tuple)):
        return sys.getsizeof(value) + _held(list(figure_data), seen)
    if hasattr(value, "__dict__"):
        return sys.getsizeof(value) + _held(vars(value), seen)
    return sys.getsizeof(value)


SAMPLED_ITEMS = 1000


def _held_items(items: Any, seen: set[int]) -> int:
    """The items of a container by their parts; above SAMPLED_ITEMS items estimated from that many
    ones picked at random (seeded) (a dict of a million names is measured in milliseconds, not seconds)."""
    items = items if isinstance(items, (list, tuple, np.ndarray)) else list(items)
    count = len(items)
    if count <= SAMPLED_ITEMS:
        return sum(_held(item, seen) for item in items)
    picked = np.unique(np.random.default_rng(0).integers(0, count, SAMPLED_ITEMS))  # random: no step in step with a pattern
    sample = sum(_held(items[int(i)], seen) for i in picked)
    return round(sample * count / len(picked))


class FrameCache:
    """Least recently used answers up to `budget` bytes (see the module); safe to share between
    Streamlit's session threads."""

    def __init__(self, budget: int):
        self.budget = budget
        self.held = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._runs: OrderedDict[str, tuple[object, set[Hashable]]] = OrderedDict()  # session → (its run, keys used)
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], R], run: tuple[str, object] | None = None) -> R:
        """The answer kept under `key`, else `compute()` (kept within the budget); a frame always as
        a copy of its own. `run` — (session, run of that session) — names the page run asking: its
        answers are not dropped to make room for its next one."""
        with self._lock:
            used = self._used_by(run)
            used.add(key)
            if key in self._entries:
                self._entries.move_to_end(key)
                return _handed_out(self._entries[key][0])
        value = compute()  # outside the lock: other sessions go on meanwhile (two may compute the same answer once each)
        size = held_bytes(value)
        with self._lock:
            if self.budget > 0 and key not in self._entries:
                self._entries[key] = (value, size)
                self.held += size
                for old in [k for k in self._entries if k not in used]:  # least recently used first
                    if self.held <= self.budget:
                        break
                    self.held -= self._entries.pop(old)[1]
        return _handed_out(value)

    def _used_by(self, run: tuple[str, object] | None) -> set[Hashable]:
        """The keys the run has used so far (a new set when the session starts another run)."""
        if run is None:
            return set()
        session, this_run = run
        if session not in self._runs or self._runs[session][0] is not this_run:
            self._runs[session] = (this_run, set())
        self._runs.move_to_end(session)
        while len(self._runs) > RUNS_TRACKED:
            self._runs.popitem(last=False)
        return self._runs[session][1]

    def __len__(self) -> int:
        return len(self._entries)


def current_run() -> tuple[str, object] | None:
    """(session, run) of the script run on this thread, None outside a run. A run is told apart
    by the object of cursors Streamlit gives each run afresh (compared by identity and held, so
    that its address is not reused while remembered)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else (ctx.session_id, ctx.cursors)


def remember(key: Hashable, compute: Callable[[], R]) -> R:
    """`compute()`'s answer kept in the process's shared cache under `key`, for the running page."""
    return shared_cache().get(key, compute, current_run())


def _handed_out(value: R) -> R:
    return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


@st.cache_resource(show_spinner=False)
def shared_cache() -> FrameCache:
    """The one cache of this process, shared by its sessions (emptied with `st.cache_resource.clear()`)."""
    return FrameCache(frame_cache_budget())


def cached_by_bytes(function: Callable[P, R]) -> Callable[P, R]:
    """`function`'s answers kept in the process's shared cache, keyed on its file, name and
    arguments; as with Streamlit's caches, a parameter whose name starts with "_" is not part of
    the key. The answers are shared read-only by every session."""
    signature = inspect.signature(function)
    home = (function.__code__.co_filename, function.__qualname__, hash(function.__code__.co_code))  # edited code: new entries

    @functools.wraps(function)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = home + tuple((name, _hashable(value)) for name, value in bound.arguments.items() if not name.startswith("_"))
        return remember(key, lambda: function(*args, **kwargs))

    return cached


def _hashable(value: Any) -> Hashable:
    """An argument as part of a key: dicts, lists and sets by their (sorted) items."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((key, _hashable(item)) for key, item in value.items())))
    if isinstance(value, (list, tuple)):
        return type(value).__name__, tuple(_hashable(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return "set", frozenset(value)
    return value
