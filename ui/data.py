"""Cached access to the store for the pages: the only place that combines Streamlit and the store.

Every cached result is keyed on the dataset folder and its fingerprint (file sizes and
modification times), so a re-imported dataset is seen on the next rerun without a restart.
The value answers (values, series, city series, one or many indicators), the areas and their
geometries share the process's cache bounded by bytes (ui.frame_cache) with the pages' views;
the small answers use st.cache_data.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely
import streamlit as st

from loaders.folder import DATA_ENV, DEFAULT_DATASET, REPO_ROOT, dataset_folder  # noqa: F401  (this module's public names)
from loaders.store import Store, dataset_fingerprint
from metrics.reach import CandidateCells, Projection, candidate_cells
from ui.frame_cache import remember
from views.reach import Origins, origins_from_addresses


@st.cache_resource(show_spinner=False, max_entries=8)
def _store(folder: str, fingerprint: str) -> Store:
    return Store(folder)


def _values(folder: str, fingerprint: str, indicator: str, period: int, level: str) -> pd.DataFrame:
    return remember(("values", folder, fingerprint, indicator, period, level), lambda: _store(folder, fingerprint).values(indicator, period, level))


def _series(folder: str, fingerprint: str, indicator: str, level: str, area_ids: tuple[str, ...]) -> pd.DataFrame:
    return remember(("series", folder, fingerprint, indicator, level, area_ids),
                         lambda: _store(folder, fingerprint).series(indicator, level, list(area_ids)))


def _city_series(folder: str, fingerprint: str, indicator: str) -> pd.DataFrame:
    return remember(("city_series", folder, fingerprint, indicator), lambda: _store(folder, fingerprint).city_series(indicator))


def _values_many(folder: str, fingerprint: str, indicators: tuple[str, ...], period: int, level: str) -> pd.DataFrame:
    return remember(("values_many", folder, fingerprint, indicators, period, level),
                         lambda: _store(folder, fingerprint).values_many(list(indicators), period, level))


def _city_series_many(folder: str, fingerprint: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    return remember(("city_series_many", folder, fingerprint, indicators), lambda: _store(folder, fingerprint).city_series_many(list(indicators)))


def _by_indicator(frame: pd.DataFrame, indicators: list[str]) -> dict[str, pd.DataFrame]:
    """A many-indicator answer split into the single-indicator answers (without indicator_id), in the order asked."""
    parts = {indicator: rows.drop(columns="indicator_id").reset_index(drop=True) for indicator, rows in frame.groupby("indicator_id", sort=False)}
    empty = frame.iloc[:0].drop(columns="indicator_id")
    return {indicator: parts.get(indicator, empty) for indicator in indicators}


@st.cache_data(show_spinner=False, max_entries=64)
def _periods(folder: str, fingerprint: str, indicator: str) -> list[int]:
    return _store(folder, fingerprint).periods(indicator)


@st.cache_data(show_spinner=False, max_entries=256)
def _periods_at(folder: str, fingerprint: str, indicator: str, level: str) -> list[int]:
    return _store(folder, fingerprint).periods_at(indicator, level)  # only the years: the sidebar holds no series


def _geometries(folder: str, fingerprint: str, level: str) -> pd.DataFrame:
    return remember(("geometries", folder, fingerprint, level), lambda: _store(folder, fingerprint).geometries(level))


def _areas(folder: str, fingerprint: str, level: str) -> pd.DataFrame:
    return remember(("areas", folder, fingerprint, level), lambda: _store(folder, fingerprint).areas(level))


@st.cache_data(show_spinner=False, max_entries=16)
def _area_counts(folder: str, fingerprint: str) -> dict[str, int]:
    return _store(folder, fingerprint).area_counts()


@st.cache_data(show_spinner=False, max_entries=256)
def _find_areas(folder: str, fingerprint: str, level: str, text: str, limit: int) -> pd.DataFrame:
    return _store(folder, fingerprint).find_areas(level, text, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def _area_names(folder: str, fingerprint: str, level: str, area_ids: tuple[str, ...]) -> dict[str, str]:
    return _store(folder, fingerprint).area_names(level, list(area_ids))


@st.cache_data(show_spinner=False, max_entries=16)
def _points(folder: str, fingerprint: str, categories: tuple[str, ...]) -> pd.DataFrame:
    return _store(folder, fingerprint).points(list(categories))


@st.cache_data(show_spinner=False, max_entries=4)
def _addresses(folder: str, fingerprint: str) -> pd.DataFrame:
    return _store(folder, fingerprint).addresses()


@st.cache_resource(show_spinner=False, max_entries=4)
def _address_origins(folder: str, fingerprint: str, crs: str) -> Origins:
    """The addresses projected once per dataset and CRS (shared, read-only)."""
    return origins_from_addresses(_store(folder, fingerprint).addresses(), Projection(crs))


@st.cache_data(show_spinner=False, max_entries=4)
def _reach_cells(folder: str, fingerprint: str, crs: str) -> CandidateCells:
    """The grid of cells a hypothetical place can be clicked into: cells touching the finest areas."""
    store = _store(folder, fingerprint)
    geometries = store.geometries(store.metadata.finest_level)
    projection = Projection(crs)
    return candidate_cells(projection.geometry_to_metres(shapely.from_wkb(geometries["geometry"].to_numpy())), projection)


def _key(indicators: list[str]) -> tuple[str, ...]:
    """The cache key of a set of indicators: each once, sorted (the order asked does not make a new entry)."""
    return tuple(sorted(set(indicators)))


@dataclass(frozen=True)
class Dataset:
    """The configured dataset as the pages see it: the store's questions, cached."""

    folder: str
    fingerprint: str

    @property
    def store(self) -> Store:
        return _store(self.folder, self.fingerprint)

    def values(self, indicator: str, period: int, level: str) -> pd.DataFrame:
        return _values(self.folder, self.fingerprint, indicator, period, level)

    def series(self, indicator: str, level: str, area_ids: list[str]) -> pd.DataFrame:
        return _series(self.folder, self.fingerprint, indicator, level, tuple(area_ids))

    def city_series(self, indicator: str) -> pd.DataFrame:
        return _city_series(self.folder, self.fingerprint, indicator)

    def values_of(self, indicators: list[str], period: int, level: str) -> dict[str, pd.DataFrame]:
        """`values` of each indicator, read in one query (cached on the set of indicators)."""
        return _by_indicator(_values_many(self.folder, self.fingerprint, _key(indicators), period, level), indicators)

    def city_series_of(self, indicators: list[str]) -> dict[str, pd.DataFrame]:
        """`city_series` of each indicator, read in one query (cached on the set of indicators)."""
        return _by_indicator(_city_series_many(self.folder, self.fingerprint, _key(indicators)), indicators)

    def periods(self, indicator: str) -> list[int]:
        return _periods(self.folder, self.fingerprint, indicator)

    def periods_at(self, indicator: str, level: str) -> list[int]:
        return _periods_at(self.folder, self.fingerprint, indicator, level)

    def values_by_period(self, indicator: str, level: str) -> dict[int, pd.DataFrame]:
        """`values` of every period the indicator has (Store.periods), split from one series query."""
        series = self.series(indicator, level, [])
        return {int(period): rows.reset_index(drop=True) for period, rows in series.groupby("period", sort=True)}

    def geometries(self, level: str) -> pd.DataFrame:
        return _geometries(self.folder, self.fingerprint, level)

    def areas(self, level: str) -> pd.DataFrame:
        return _areas(self.folder, self.fingerprint, level)

    def area_count(self, level: str) -> int:
        return _area_counts(self.folder, self.fingerprint).get(level, 0)

    def find_areas(self, level: str, text: str, limit: int) -> pd.DataFrame:
        return _find_areas(self.folder, self.fingerprint, level, text, limit)

    def area_names(self, level: str, area_ids: list[str]) -> dict[str, str]:
        return _area_names(self.folder, self.fingerprint, level, tuple(area_ids))

    def points(self, categories: list[str]) -> pd.DataFrame:
        return _points(self.folder, self.fingerprint, tuple(categories))

    def addresses(self) -> pd.DataFrame:
        return _addresses(self.folder, self.fingerprint)

    def address_origins(self, crs: str) -> Origins:
        return _address_origins(self.folder, self.fingerprint, crs)

    def reach_cells(self, crs: str) -> CandidateCells:
        return _reach_cells(self.folder, self.fingerprint, crs)


def current() -> Dataset:
    """The configured dataset, validated once per fingerprint; raises DatasetError when it breaks the contract."""
    folder = dataset_folder().resolve()  # once per run: a re-import switches the folder (loaders.versions), never mid-run
    fingerprint = dataset_fingerprint(folder) if folder.is_dir() else "missing"
    dataset = Dataset(str(folder), fingerprint)
    dataset.store  # validates (cached per fingerprint)
    return dataset
