"""Maps of very many areas: the one place that decides what a map page draws.

A level with more areas than `views.maps.max_map_areas()` is not drawn whole: the map shows the
nearest coarser level that fits, with its own values (the store's, never an average of
percentages), and the user may pick one area of that level to see the chosen level's areas
inside it. `map_scope` says so above the map and offers the pick; the page builds its map
view for `scope.shown_level` and draws only `scope.geometries(...)`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import streamlit as st

from ui.data import Dataset
from views.i18n import format_number, t
from views.maps import map_level, max_map_areas, only_drawn
from views.markup import markdown_text, plain

View = TypeVar("View")


@dataclass(frozen=True)
class MapScope:
    """What a map page draws: its chosen `level`, the level drawn (`shown_level`: the chosen one,
    or a coarser one when the chosen has too many areas) and, when the user picked an area of
    the coarser level, that area (`within`): then the chosen level's areas inside it are drawn."""

    level: str
    shown_level: str
    within: str | None = None
    within_level: str | None = None  # the level of `within`
    widget: str = ""  # the key of the pick's widget

    @property
    def coarser(self) -> bool:
        """True when the map shows the coarser level (nothing picked)."""
        return self.shown_level != self.level

    @property
    def limited(self) -> bool:
        """True when the chosen level has too many areas for one map (coarser, or one area picked)."""
        return self.coarser or self.within is not None


@st.cache_data(show_spinner=False, max_entries=16)
def _level_counts(folder: str, fingerprint: str) -> dict[str, int]:
    """The number of areas of every level, once per dataset version."""
    dataset = Dataset(folder, fingerprint)
    return {level: len(dataset.areas(level)) for level in dataset.store.metadata.level_ids}


@st.cache_data(show_spinner=False, max_entries=64)
def _inside(folder: str, fingerprint: str, levels: tuple[str, ...], area_id: str) -> frozenset[str]:
    """The areas of the last of `levels` (coarse to fine) that lie inside `area_id` of the first."""
    dataset = Dataset(folder, fingerprint)
    inside = {area_id}
    for level in levels[1:]:
        areas = dataset.areas(level)
        inside = set(areas.loc[areas["parent_id"].isin(inside), "area_id"])
    return frozenset(inside)


def scope_for(dataset: Dataset, level_id: str, *, key: str) -> MapScope:
    """The map's scope for `level_id`, with the area picked in the widget `key` (if any), without
    drawing anything: a page that builds its view before the map's place calls this first and
    `show_scope` where the map goes."""
    level_ids = list(dataset.store.metadata.level_ids)
    shown = map_level(level_ids, _level_counts(dataset.folder, dataset.fingerprint), level_id, max_map_areas())
    widget = f"map_within_{key}"
    if shown == level_id:
        return MapScope(level_id, level_id, widget=widget)
    within = st.session_state.get(widget)
    if within is None or within not in set(dataset.areas(shown)["area_id"]):
        return MapScope(level_id, shown, widget=widget)
    return MapScope(level_id, level_id, within, shown, widget=widget)


def show_scope(dataset: Dataset, scope: MapScope, lang: str) -> None:
    """Above a map whose level has too many areas: the sentence that says so (German or English),
    the pick of an area of the coarser level, and which area's areas are drawn."""
    if not scope.limited:
        return
    metadata = dataset.store.metadata
    coarser_id = scope.within_level or scope.shown_level
    chosen, coarser = metadata.level(scope.level), metadata.level(coarser_id)
    parents = dataset.areas(coarser_id).sort_values("name")
    names = dict(zip(parents["area_id"], parents["name"]))
    st.info(
        markdown_text(
            "map.too_many",
            lang,
            count=format_number(_level_counts(dataset.folder, dataset.fingerprint)[scope.level], lang, 0),
            plural=chosen.plural(lang),
            limit=format_number(max_map_areas(), lang, 0),
            coarser=coarser.label(lang),
            coarser_count=format_number(len(names), lang, 0),
            coarser_plural=coarser.plural(lang),
        )
    )
    st.selectbox(
        t("map.within", lang, coarser=coarser.label(lang), plural=chosen.plural(lang)),
        list(names),
        index=None,
        format_func=lambda area_id: plain(names[area_id]),
        placeholder=t("map.within_all", lang, plural=coarser.plural(lang)),
        key=scope.widget,
    )
    if scope.within is not None:
        st.caption(markdown_text("map.within_shown", lang, plural=chosen.plural(lang), area=names[scope.within]))


def map_scope(dataset: Dataset, level_id: str, lang: str, *, key: str) -> MapScope:
    """`scope_for` and `show_scope` in one, where the page's map controls come before its view."""
    scope = scope_for(dataset, level_id, key=key)
    show_scope(dataset, scope, lang)
    return scope


def scoped_geometries(dataset: Dataset, scope: MapScope) -> pd.DataFrame:
    """The geometries of `scope.level` for a page's view, with only what the map draws kept as map
    geometry: every area when the level fits, the areas inside `scope.within` when one is picked,
    none when the coarser level is shown instead (so the view never builds the full map)."""
    geometries = dataset.geometries(scope.level)
    if scope.coarser:
        return only_drawn(geometries, ())
    if scope.within is None:
        return geometries
    levels = list(dataset.store.metadata.level_ids)
    path = tuple(levels[levels.index(scope.within_level) : levels.index(scope.level) + 1])
    return only_drawn(geometries, _inside(dataset.folder, dataset.fingerprint, path, scope.within))


def shown_map(scope: MapScope, view: View, view_at: Callable[[str], View]) -> View:
    """The view whose map the page draws: the page's own, or — when the coarser level is shown —
    the same view built for that level (`view_at(level)`), with that level's values."""
    return view_at(scope.shown_level) if scope.coarser else view


def look_into(scope: MapScope, area_id: str) -> None:
    """A click on an area of the coarser level (in the map's on_select callback): pick it, so the
    next run draws the chosen level's areas inside it."""
    st.session_state[scope.widget] = area_id


def no_values_at_coarser(dataset: Dataset, scope: MapScope, indicator: str, period: int, lang: str) -> None:
    """Says that the coarser level has no values of the indicator (nothing is made up for it)."""
    metadata = dataset.store.metadata
    st.info(
        markdown_text(
            "map.no_values_coarser", lang, coarser=metadata.level(scope.shown_level).label(lang), indicator=indicator, period=period,
            plural=metadata.level(scope.level).plural(lang),
        )
    )
