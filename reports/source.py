"""What the reports read, and from where: the store's questions, cached by the pages or asked directly.

The pages pass `ui.data.Dataset` (the store's methods behind Streamlit's cache); the command
line passes `StoreSource`. Both return the store's DataFrames, in which small counts are
already withheld, so nothing a report prints can reveal a hidden value.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

import pandas as pd

from loaders.store import Indicator, Store
from views import social_index as si
from views.domains import indicator_order


class Source(Protocol):
    @property
    def store(self) -> Store: ...

    def values(self, indicator: str, period: int, level: str) -> pd.DataFrame: ...

    def series(self, indicator: str, level: str, area_ids: list[str]) -> pd.DataFrame: ...

    def city_series(self, indicator: str) -> pd.DataFrame: ...

    def periods(self, indicator: str) -> list[int]: ...

    def geometries(self, level: str) -> pd.DataFrame: ...

    def areas(self, level: str) -> pd.DataFrame: ...


@dataclass(frozen=True, eq=False)
class StoreSource:
    """The store asked directly, each question once per process (a committee paper asks the
    same ones for every area). Callers do not modify the frames they get."""

    store: Store

    @cache
    def values(self, indicator: str, period: int, level: str) -> pd.DataFrame:
        return self.store.values(indicator, period, level)

    def series(self, indicator: str, level: str, area_ids: list[str]) -> pd.DataFrame:
        every = self._series(indicator, level)
        return every if not area_ids else every[every["area_id"].isin(area_ids)].reset_index(drop=True)

    @cache
    def _series(self, indicator: str, level: str) -> pd.DataFrame:
        return self.store.series(indicator, level, [])

    @cache
    def city_series(self, indicator: str) -> pd.DataFrame:
        return self.store.city_series(indicator)

    @cache
    def periods(self, indicator: str) -> list[int]:
        return self.store.periods(indicator)

    @cache
    def geometries(self, level: str) -> pd.DataFrame:
        return self.store.geometries(level)

    @cache
    def areas(self, level: str) -> pd.DataFrame:
        return self.store.areas(level)


def headline_indicators(store: Store) -> list[str]:
    """The indicators a committee paper covers, in order: `headline_indicators` of dataset.json,
    else the default indicator and the social index's status indicators."""
    metadata = store.metadata
    configured = list(metadata.headline_indicators)
    if not configured:
        configured = [metadata.default_indicator, *((metadata.social_index or {}).get("status_indicators") or [])]
    known = set(store.indicator_ids())
    return [i for i in dict.fromkeys(configured) if i in known]


def level_of_area(source: Source, area_id: str) -> str | None:
    """The level an area belongs to (area ids are unique across levels), or None if unknown."""
    for level in source.store.metadata.level_ids:
        if area_id in set(source.areas(level)["area_id"]):
            return level
    return None


ProfileRow = tuple[Indicator, float | None, float | None, bool]


def profile_rows(source: Source, area_id: str, period: int, level: str) -> list[ProfileRow]:
    """(entry, area value, city value, withheld) for every indicator in the menu's order, as
    `views.profile.profile_table` expects them."""
    store = source.store
    rows: list[ProfileRow] = []
    for indicator_id in indicator_order(store.catalog()):
        entry = store.indicator(indicator_id)
        values = source.values(indicator_id, period, level)
        row = values[values["area_id"] == area_id]
        city = source.city_series(indicator_id)
        city_now = city.loc[city["period"] == period, "value"]
        rows.append(
            (
                entry,
                None if row.empty or row["value"].isna().iloc[0] else float(row["value"].iloc[0]),
                None if city_now.empty or city_now.isna().iloc[0] else float(city_now.iloc[0]),
                bool(not row.empty and row["suppressed"].iloc[0]),
            )
        )
    return rows


@dataclass(frozen=True)
class IndexClasses:
    """The social index with its default weights: the level and year it ran on, one row per area
    (metrics.social_index's result: status_class, dynamics_class, no_class_reason …) and names."""

    level: str
    period: int
    result: pd.DataFrame
    names: pd.Series
    has_dynamics: bool


def social_index_classes(source: Source, period: int) -> IndexClasses | None:
    """The index classes for the year (or the latest year it can be formed before), or None when
    the dataset has no index or it cannot be formed (the page "Sozialindex" says why)."""
    store = source.store
    try:
        config = si.read_config(store.metadata, store.catalog())
        if config is None:
            return None
        level = si.index_level(config, store.metadata.level_ids)
        if any(i not in store.indicator_ids() for i in si.required_indicators(config)):
            return None
        periods = si.index_periods(config, {i: source.periods(i) for i in si.required_indicators(config)})
        earlier = [p for p in periods if p <= period]
        if not earlier:
            return None
        year = earlier[-1]
        table = si.build_table(
            config,
            values={i: source.values(i, year, level) for i in si.direct_indicators(config)},
            level_series={s: source.series(s, level, []) for s in config.dynamics_from_levels.values()},
            period=year,
        )
        run = si.run_index(config, table.table, si.default_weights(config))
    except (ValueError, si.IndexUnavailable):
        return None
    return IndexClasses(level=level, period=year, result=run.result, names=table.names, has_dynamics=bool(config.dynamics_indicators))


def descendants(source: Source, area_id: str, level: str, target_level: str) -> list[str]:
    """The areas of `target_level` that lie within `area_id` (itself when the levels are equal)."""
    level_ids = source.store.metadata.level_ids
    if level == target_level:
        return [area_id]
    if level_ids.index(target_level) < level_ids.index(level):
        return []
    current = {area_id}
    for next_level in level_ids[level_ids.index(level) + 1 : level_ids.index(target_level) + 1]:
        areas = source.areas(next_level)
        current = set(areas.loc[areas["parent_id"].isin(current), "area_id"])
    return sorted(current)
