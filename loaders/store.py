"""Read access to one dataset: DuckDB over its Parquet files, returning tidy DataFrames.

This is the only module that speaks SQL to a dataset. Every query takes its own cursor on the
process-wide connection (`loaders.db`) and binds its inputs as parameters. Values for coarser
levels and the city are aggregated from numerators and denominators (never by averaging
percentages), and small counts are suppressed here, before any value leaves the store.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    INDICATORS_FILE,
    POIS_FILE,
    VALUES_FILE,
    DatasetMetadata,
    Target,
)
from loaders.db import cursor
from loaders.validated import open_validated
from views.i18n import data_text

# Indicators per query of values_many: 30 indicators of 10,000 areas at once peaked at about 240 MB
# above the process (one at a time: 85 MB, but 4× the CPU time), 10 at a time at about 155 MB.
INDICATORS_PER_QUERY = 10

VALUE_COLUMNS = ["area_id", "name", "period", "value", "numerator", "denominator", "aggregated", "suppressed"]

# The indicators a query answers, each with its kind and scale (bound as three lists of equal
# length, zipped by unnest) and its position in the caller's list (the order of the result).
_WANTED = """wanted AS (
    SELECT unnest($indicators) AS indicator_id, unnest($kinds) AS kind, unnest($scales) AS scale,
           unnest(range(len($indicators))) AS position
)"""

# Aggregation of several indicators in one period range to a target set of areas, each indicator
# on its own (its periods, its kind and scale). Stored rows win; an area without a stored value is
# filled from its finest-level descendants when all of them have a value: counts by sum,
# indicators with numerator and denominator by Σnum/Σden × scale.
_VALUES_SQL = f"""
WITH RECURSIVE
{_WANTED},
areas AS (SELECT area_id, name, level, parent_id FROM read_parquet($areas)),
ancestry(area_id, ancestor_id) AS (
    SELECT area_id, area_id FROM areas WHERE level = $finest
    UNION ALL
    SELECT ancestry.area_id, areas.parent_id
    FROM ancestry JOIN areas ON areas.area_id = ancestry.ancestor_id
    WHERE areas.parent_id IS NOT NULL
),
targets AS (SELECT area_id, name, parent_id, row_number() OVER (ORDER BY area_id) AS area_rank FROM areas WHERE level = $level),
slice AS (
    SELECT indicator_id, area_id, period, value, numerator, denominator
    FROM read_parquet($values)
    WHERE indicator_id IN (SELECT indicator_id FROM wanted) AND period BETWEEN $period_from AND $period_to
),
periods AS (SELECT DISTINCT indicator_id, period FROM slice),
members AS (
    SELECT targets.area_id AS target_id, ancestry.area_id AS member_id
    FROM targets JOIN ancestry ON ancestry.ancestor_id = targets.area_id
),
rolled AS (
    SELECT members.target_id AS area_id, periods.indicator_id, periods.period,
           count(*) AS n_members,
           count(slice.value) AS n_values,
           count(slice.numerator) AS n_numerators,
           count(slice.denominator) AS n_denominators,
           sum(slice.value) AS sum_value,
           sum(slice.numerator) AS sum_numerator,
           sum(slice.denominator) AS sum_denominator
    FROM members CROSS JOIN periods
    LEFT JOIN slice ON slice.area_id = members.member_id AND slice.indicator_id = periods.indicator_id AND slice.period = periods.period
    GROUP BY ALL
),
aggregated AS (
    SELECT area_id, indicator_id, period,
           CASE WHEN n_numerators = n_members AND n_denominators = n_members AND sum_denominator > 0
                     THEN sum_numerator / sum_denominator * wanted.scale
                WHEN wanted.kind IN ('count', 'balance') AND n_values = n_members THEN sum_value END AS value,
           CASE WHEN n_numerators = n_members AND n_denominators = n_members THEN sum_numerator END AS numerator,
           CASE WHEN n_numerators = n_members AND n_denominators = n_members THEN sum_denominator END AS denominator
    FROM rolled JOIN wanted USING (indicator_id)
)
SELECT periods.indicator_id, targets.area_id, targets.name, targets.parent_id, periods.period,
       coalesce(stored.value, aggregated.value) AS value,
       CASE WHEN stored.value IS NOT NULL THEN stored.numerator ELSE aggregated.numerator END AS numerator,
       CASE WHEN stored.value IS NOT NULL THEN stored.denominator ELSE aggregated.denominator END AS denominator,
       stored.value IS NULL AND aggregated.value IS NOT NULL AS aggregated
FROM targets CROSS JOIN periods
JOIN wanted ON wanted.indicator_id = periods.indicator_id
LEFT JOIN slice AS stored
       ON stored.area_id = targets.area_id AND stored.indicator_id = periods.indicator_id AND stored.period = periods.period
LEFT JOIN aggregated
       ON aggregated.area_id = targets.area_id AND aggregated.indicator_id = periods.indicator_id AND aggregated.period = periods.period
ORDER BY wanted.position, periods.period, targets.area_rank
"""

# The same rows for the finest level, whose areas have no members to add up: a stored value, or
# the quotient of a stored numerator and denominator (an area's only member is itself). Equal to
# _VALUES_SQL at that level (tests/loaders/test_store.py), without the recursive ancestry and the
# roll-up over every area and period (about half the time at 100,000 areas).
_FINEST_VALUES_SQL = f"""
WITH {_WANTED},
targets AS (
    SELECT area_id, name, parent_id, row_number() OVER (ORDER BY area_id) AS area_rank FROM read_parquet($areas) WHERE level = $level
),
slice AS (
    SELECT indicator_id, area_id, period, value, numerator, denominator,
           CASE WHEN numerator IS NOT NULL AND denominator IS NOT NULL AND denominator > 0
                     THEN numerator / denominator * wanted.scale END AS quotient
    FROM read_parquet($values) JOIN wanted USING (indicator_id)
    WHERE period BETWEEN $period_from AND $period_to
),
periods AS (SELECT DISTINCT indicator_id, period FROM slice)
SELECT periods.indicator_id, targets.area_id, targets.name, targets.parent_id, periods.period,
       coalesce(slice.value, slice.quotient) AS value,
       CASE WHEN slice.value IS NOT NULL OR (slice.numerator IS NOT NULL AND slice.denominator IS NOT NULL) THEN slice.numerator END AS numerator,
       CASE WHEN slice.value IS NOT NULL OR (slice.numerator IS NOT NULL AND slice.denominator IS NOT NULL) THEN slice.denominator END AS denominator,
       slice.value IS NULL AND slice.quotient IS NOT NULL AS aggregated
FROM targets CROSS JOIN periods
JOIN wanted ON wanted.indicator_id = periods.indicator_id
LEFT JOIN slice ON slice.area_id = targets.area_id AND slice.indicator_id = periods.indicator_id AND slice.period = periods.period
ORDER BY wanted.position, periods.period, targets.area_rank
"""

# _FINEST_VALUES_SQL's rows that carry a stored row, for _PERIODS_SQL: the rows of areas without
# a stored row (value, numerator and denominator empty) are neither shown nor withheld, and
# leaving them out spares the join of every area with every period (at 1,000,000 areas 24 s and
# 3.7 GB of DuckDB's memory for the sidebar's years).
_FINEST_STORED_ROWS_SQL = """
WITH targets AS (SELECT area_id, parent_id FROM read_parquet($areas) WHERE level = $level),
slice AS (
    SELECT area_id, period, value, numerator, denominator,
           CASE WHEN numerator IS NOT NULL AND denominator IS NOT NULL AND denominator > 0
                     THEN numerator / denominator * $scale END AS quotient
    FROM read_parquet($values)
    WHERE indicator_id = $indicator AND period BETWEEN $period_from AND $period_to
)
SELECT targets.parent_id, slice.period,
       coalesce(slice.value, slice.quotient) AS value,
       CASE WHEN slice.value IS NOT NULL OR (slice.numerator IS NOT NULL AND slice.denominator IS NOT NULL) THEN slice.numerator END AS numerator,
       CASE WHEN slice.value IS NOT NULL OR (slice.numerator IS NOT NULL AND slice.denominator IS NOT NULL) THEN slice.denominator END AS denominator
FROM slice JOIN targets ON targets.area_id = slice.area_id
"""

# The periods in which at least one row of a values query ({rows}: _VALUES_SQL, whose ORDER BY
# DuckDB drops inside, or _FINEST_STORED_ROWS_SQL) keeps its value after both suppression
# steps, without moving the rows out of DuckDB. `hidden` is suppress_small_counts's rule (NaN read as missing, as pandas does);
# suppress_complements then withholds one more value in a group (parent, period) exactly when the
# group has one hidden value, so a group still shows a value when it has two shown values, or one
# and not exactly one hidden (tests/loaders/test_store.py compares with the suppressed series).
_PERIODS_SQL = """
WITH value_rows AS ({rows}),
cleaned AS (
    SELECT period, coalesce(parent_id, '') AS parent_key,
           CASE WHEN NOT isnan(value) THEN value END AS value,
           CASE WHEN NOT isnan(numerator) THEN abs(numerator) END AS numerator,
           CASE WHEN NOT isnan(denominator) THEN denominator END AS denominator
    FROM value_rows
),
flagged AS (
    SELECT period, parent_key, value,
           coalesce(numerator > 0 AND numerator < $min_count, false)
           OR coalesce(denominator < $min_denominator, false)
           OR CASE $kind WHEN 'count' THEN coalesce(value > 0 AND value < $min_count, false)
                         WHEN 'balance' THEN numerator IS NULL AND coalesce(abs(value) > 0 AND abs(value) < $min_count, false)
                         ELSE false END AS hidden
    FROM cleaned
),
groups AS (
    SELECT period, count(*) FILTER (WHERE NOT hidden AND value IS NOT NULL) AS n_shown, count(*) FILTER (WHERE hidden) AS n_hidden
    FROM flagged GROUP BY period, parent_key
)
SELECT DISTINCT period FROM groups WHERE n_shown >= 2 OR (n_shown = 1 AND n_hidden <> 1) ORDER BY period
"""

# The city value of several indicators per period, aggregated from all finest-level areas as above.
_CITY_SQL = f"""
WITH {_WANTED},
finest AS (SELECT area_id FROM read_parquet($areas) WHERE level = $finest),
slice AS (
    SELECT indicator_id, area_id, period, value, numerator, denominator
    FROM read_parquet($values)
    WHERE indicator_id IN (SELECT indicator_id FROM wanted) AND period BETWEEN $period_from AND $period_to
      AND area_id IN (SELECT area_id FROM finest)
),
rolled AS (
    SELECT indicator_id, period,
           count(value) AS n_values, count(numerator) AS n_numerators, count(denominator) AS n_denominators,
           sum(value) AS sum_value, sum(numerator) AS sum_numerator, sum(denominator) AS sum_denominator,
           (SELECT count(*) FROM finest) AS n_members
    FROM slice GROUP BY indicator_id, period
)
SELECT indicator_id, period,
       CASE WHEN n_numerators = n_members AND n_denominators = n_members AND sum_denominator > 0
                 THEN sum_numerator / sum_denominator * wanted.scale
            WHEN wanted.kind IN ('count', 'balance') AND n_values = n_members THEN sum_value END AS value,
       CASE WHEN n_numerators = n_members AND n_denominators = n_members THEN sum_numerator END AS numerator,
       CASE WHEN n_numerators = n_members AND n_denominators = n_members THEN sum_denominator END AS denominator
FROM rolled JOIN wanted USING (indicator_id) ORDER BY wanted.position, period
"""


@dataclass(frozen=True)
class Indicator:
    """One catalog entry (see docs/data-contract.md for the meaning of each field)."""

    indicator_id: str
    label_de: str
    label_en: str
    description_de: str
    description_en: str
    domain: str
    unit_de: str
    unit_en: str
    polarity: str
    kind: str
    scale: float
    decimals: int
    source: str
    licence: str
    vintage: str
    sdg: str
    is_synthetic: bool

    def label(self, lang: str) -> str:
        return data_text(lang, self.label_de, self.label_en)

    def description(self, lang: str) -> str:
        return data_text(lang, self.description_de, self.description_en)

    def unit(self, lang: str) -> str:
        return data_text(lang, self.unit_de, self.unit_en)


def dataset_fingerprint(folder: Path | str) -> str:
    """Changes whenever a file of the dataset is replaced, or the folder is switched to a new version
    (loaders.versions): the cache key of everything read from it."""
    folder = Path(folder).resolve()
    entries = [str(folder)]
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        stat = (folder / name).stat()
        entries.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    return hashlib.sha256("|".join(entries).encode()).hexdigest()[:16]


def suppress_small_counts(frame: pd.DataFrame, kind: str | pd.Series, min_count: int, min_denominator: int) -> pd.DataFrame:
    """Hide values that rest on small counts (docs/data-contract.md, "Small-count suppression").

    A count with 0 < value < min_count, a balance without numerator with 0 < |value| <
    min_count, and a value with 0 < |numerator| < min_count (a balance's numerator may be
    negative) or denominator < min_denominator, lose value, numerator and denominator;
    `suppressed` marks them. `kind` is the indicator's kind, or each row's (a Series on the
    frame's index) where the frame holds several indicators.
    """
    frame = frame.copy()
    numerator = frame["numerator"].astype(float).abs()
    denominator, value = frame["denominator"].astype(float), frame["value"].astype(float)
    kinds = kind if isinstance(kind, pd.Series) else pd.Series(kind, index=frame.index)
    small_ratio = ((numerator > 0) & (numerator < min_count)) | (denominator < min_denominator)
    small_count = ((kinds == "count") & (value > 0) & (value < min_count)) | (
        (kinds == "balance") & numerator.isna() & (value.abs() > 0) & (value.abs() < min_count)
    )
    hide = (small_ratio.fillna(False) | small_count.fillna(False)).astype(bool)
    frame["suppressed"] = hide
    frame.loc[hide, ["value", "numerator", "denominator"]] = np.nan
    return frame


def suppress_complements(frame: pd.DataFrame) -> pd.DataFrame:
    """Secondary suppression, so that no withheld value can be recovered by subtraction.

    The areas of one parent (on the coarsest level: all areas, whose total is the city value)
    add up to a total that is shown. Where exactly one of them is withheld, the smallest other
    value of that group in that period (by denominator, else by value) is withheld too.
    Expects `parent_id`, `period`, `value`, `denominator` and `suppressed`; a frame with an
    `indicator_id` column (several indicators) is treated per indicator.
    """
    frame = frame.copy()
    keys = [frame["parent_id"].fillna("").astype(str), frame["period"]]
    if "indicator_id" in frame:
        keys.insert(0, frame["indicator_id"])
    group = frame.groupby(keys, sort=False).ngroup()  # the group's number, so that the keys are hashed once
    suppressed = frame["suppressed"].astype(bool)
    hidden_in_group = suppressed.groupby(group).transform("sum")
    group_size = suppressed.groupby(group).transform("size")
    shown = ~suppressed & frame["value"].notna()
    # the size of a shown value: its denominator where every shown value of the group has one
    all_denominators = (frame["denominator"].notna() | ~shown).groupby(group).transform("all")
    size = frame["denominator"].astype(float).where(all_denominators, frame["value"].astype(float).abs())
    candidates = shown & (hidden_in_group == 1) & (group_size >= 2)
    if candidates.any():
        chosen = size[candidates].groupby(group[candidates]).idxmin()
        frame.loc[chosen.to_numpy(), ["value", "numerator", "denominator"]] = np.nan
        frame.loc[chosen.to_numpy(), "suppressed"] = True
    return frame


def _kinds(frame: pd.DataFrame, entries: list[Indicator]) -> pd.Series:
    """Each row's indicator kind, from its indicator_id."""
    codes, uniques = pd.factorize(frame["indicator_id"])
    kind_of = {entry.indicator_id: entry.kind for entry in entries}
    return pd.Series(np.array([kind_of[indicator_id] for indicator_id in uniques], dtype=object)[codes], index=frame.index)


class Store:
    """A validated dataset folder; methods are named for what a page asks."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder).resolve()  # a switched dataset (loaders.versions): every file from the one version
        self.metadata: DatasetMetadata = open_validated(self.folder)  # the full check, or the digests of a validated import
        self.fingerprint = dataset_fingerprint(self.folder)
        self._catalog = self._read_catalog()

    def _path(self, name: str) -> str:
        return str(self.folder / name)

    def _read_catalog(self) -> dict[str, Indicator]:
        rows = cursor().execute("SELECT * FROM read_parquet(?) ORDER BY domain, indicator_id", [self._path(INDICATORS_FILE)]).df()
        fields = Indicator.__dataclass_fields__
        return {
            row["indicator_id"]: Indicator(
                **{
                    name: (
                        ("" if pd.isna(row[name]) else str(row[name]))
                        if fields[name].type == "str"
                        else row[name]
                    )
                    for name in fields
                }
            )
            for row in rows.to_dict("records")
        }

    # ---- catalog -------------------------------------------------------------------------
    def catalog(self) -> pd.DataFrame:
        """The indicator catalog as a DataFrame, one row per indicator."""
        return pd.DataFrame([vars(entry) for entry in self._catalog.values()])

    def indicator(self, indicator_id: str) -> Indicator:
        """One catalog entry; KeyError for an unknown id."""
        return self._catalog[indicator_id]

    def indicator_ids(self) -> list[str]:
        return list(self._catalog)

    def periods(self, indicator_id: str) -> list[int]:
        """The periods for which the indicator has values, ascending."""
        rows = cursor().execute(
            "SELECT DISTINCT period FROM read_parquet(?) WHERE indicator_id = ? ORDER BY period",
            [self._path(VALUES_FILE), indicator_id],
        ).fetchall()
        return [int(row[0]) for row in rows]

    def periods_at(self, indicator_id: str, level: str) -> list[int]:
        """The periods in which at least one area of `level` has a value, ascending (a finished
        value of the finest level that cannot be combined gives a coarser level no period). Exactly
        the periods of `series(indicator_id, level)` with a value, from one query that returns only
        the periods (the series of 100,000 areas has 1.5 million rows)."""
        entry, metadata = self.indicator(indicator_id), self.metadata
        parameters = {
            "areas": self._path(AREAS_FILE),
            "values": self._path(VALUES_FILE),
            "level": level,
            "period_from": -(2**31),
            "period_to": 2**31 - 1,
            "kind": entry.kind,
            "min_count": metadata.min_count,
            "min_denominator": metadata.min_denominator,
        }
        if level == metadata.finest_level:
            rows, parameters = _FINEST_STORED_ROWS_SQL, {**parameters, "indicator": indicator_id, "scale": float(entry.scale)}
        else:
            rows, parameters = _VALUES_SQL, {**parameters, **self._wanted([entry]), "finest": metadata.finest_level}
        found = cursor().execute(_PERIODS_SQL.format(rows=rows), parameters).fetchall()
        return [int(row[0]) for row in found]

    # ---- targets ---------------------------------------------------------------------------
    def targets(self) -> tuple[Target, ...]:
        """The targets the dataset declares (docs/targets.md), in the order of dataset.json."""
        return self.metadata.targets

    # ---- areas ---------------------------------------------------------------------------
    def areas(self, level: str) -> pd.DataFrame:
        """Areas of a level: area_id, name, parent_id, area_km2, has_geometry."""
        return cursor().execute(
            "SELECT area_id, name, parent_id, area_km2, geometry IS NOT NULL AS has_geometry "
            "FROM read_parquet(?) WHERE level = ? ORDER BY area_id",
            [self._path(AREAS_FILE), level],
        ).df()

    def area_counts(self) -> dict[str, int]:
        """The number of areas of every level (levels without areas are left out)."""
        rows = cursor().execute("SELECT level, count(*) FROM read_parquet(?) GROUP BY level", [self._path(AREAS_FILE)]).fetchall()
        return {str(level): int(count) for level, count in rows}

    def find_areas(self, level: str, text: str, limit: int) -> pd.DataFrame:
        """At most `limit` areas of a level whose id or name contains `text` (ignoring case; every
        area for an empty text), ordered by name and id: area_id, name."""
        return cursor().execute(
            "SELECT area_id, name FROM read_parquet($areas) WHERE level = $level "
            "AND (contains(lower(area_id), lower($text)) OR contains(lower(name), lower($text))) "
            "ORDER BY name, area_id LIMIT $limit",
            {"areas": self._path(AREAS_FILE), "level": level, "text": text, "limit": limit},
        ).df()

    def area_names(self, level: str, area_ids: list[str]) -> dict[str, str]:
        """The names of those of `area_ids` that are areas of the level, in the order given."""
        rows = cursor().execute(
            "SELECT area_id, name FROM read_parquet($areas) WHERE level = $level AND list_contains($ids, area_id)",
            {"areas": self._path(AREAS_FILE), "level": level, "ids": list(area_ids)},
        ).fetchall()
        names = dict(rows)
        return {area_id: names[area_id] for area_id in area_ids if area_id in names}

    def geometries(self, level: str) -> pd.DataFrame:
        """Areas of a level with their WKB geometry (WGS84, as bytes): area_id, name, geometry (exact:
        for areas, addresses, neighbours) and map_geometry (simplified at import for drawing; the
        exact geometry where the dataset has none)."""
        has_map = "map_geometry" in pq.read_schema(self._path(AREAS_FILE)).names
        frame = cursor().execute(
            f"SELECT area_id, name, geometry{', coalesce(map_geometry, geometry) AS map_geometry' if has_map else ''} "
            "FROM read_parquet(?) WHERE level = ? AND geometry IS NOT NULL ORDER BY area_id",
            [self._path(AREAS_FILE), level],
        ).df()
        frame["geometry"] = [bytes(blob) for blob in frame["geometry"]]
        frame["map_geometry"] = [bytes(blob) for blob in frame["map_geometry"]] if has_map else frame["geometry"]
        return frame

    # ---- values --------------------------------------------------------------------------
    def _query_values(self, indicator_ids: list[str], level: str, period_from: int, period_to: int) -> pd.DataFrame:
        """Every area of the level in the period range for each of the indicators (distinct), with both
        suppression steps applied to each: columns indicator_id and VALUE_COLUMNS, ordered by the
        indicators as given, then period and area."""
        entries = [self.indicator(indicator_id) for indicator_id in indicator_ids]
        parameters = {
            "areas": self._path(AREAS_FILE),
            "values": self._path(VALUES_FILE),
            "level": level,
            "period_from": period_from,
            "period_to": period_to,
            **self._wanted(entries),
        }
        if level == self.metadata.finest_level:
            sql = _FINEST_VALUES_SQL
        else:
            sql, parameters = _VALUES_SQL, {**parameters, "finest": self.metadata.finest_level}
        frame = cursor().sql(sql, params=parameters).to_arrow_table().to_pandas()  # as .df(), without a Python object per text
        frame = suppress_small_counts(frame, _kinds(frame, entries), self.metadata.min_count, self.metadata.min_denominator)
        frame = suppress_complements(frame)
        frame["aggregated"] = frame["aggregated"].fillna(False).astype(bool)
        frame["period"] = frame["period"].astype(int)
        return frame[["indicator_id", *VALUE_COLUMNS]].reset_index(drop=True)

    @staticmethod
    def _wanted(entries: list[Indicator]) -> dict[str, list]:
        """The query parameters naming the indicators asked for, with each one's kind and scale (see _WANTED)."""
        return {
            "indicators": [entry.indicator_id for entry in entries],
            "kinds": [entry.kind for entry in entries],
            "scales": [float(entry.scale) for entry in entries],
        }

    def values(self, indicator_id: str, period: int, level: str) -> pd.DataFrame:
        """One indicator in one period for every area of a level (columns: VALUE_COLUMNS).

        Areas without a value keep their row with value NaN.
        """
        return self.values_many([indicator_id], period, level).drop(columns="indicator_id")

    def values_many(self, indicator_ids: list[str], period: int, level: str) -> pd.DataFrame:
        """`values` of several indicators in one query: column indicator_id, then VALUE_COLUMNS, the
        indicators (each once) in the order given, each one's rows exactly those of `values`."""
        indicator_ids = list(dict.fromkeys(indicator_ids))
        frame = pd.concat(  # at most INDICATORS_PER_QUERY at a time: fewer queries, a bounded peak of memory
            [self._query_values(indicator_ids[start:start + INDICATORS_PER_QUERY], level, period, period)
             for start in range(0, len(indicator_ids), INDICATORS_PER_QUERY)] or [self._query_values([], level, period, period)],
            ignore_index=True,
        )
        answered = set(frame["indicator_id"].unique())
        empty = [indicator_id for indicator_id in indicator_ids if indicator_id not in answered]
        if empty:  # no value in the period: every area's row, without a value
            areas = self.areas(level)[["area_id", "name"]].assign(
                period=period, value=np.nan, numerator=np.nan, denominator=np.nan, aggregated=False, suppressed=False
            )[VALUE_COLUMNS]
            parts = dict(iter(frame.groupby("indicator_id", sort=False)))
            parts.update({indicator_id: areas.assign(indicator_id=indicator_id) for indicator_id in empty})
            frame = pd.concat([parts[indicator_id] for indicator_id in indicator_ids], ignore_index=True)[["indicator_id", *VALUE_COLUMNS]]
        return frame

    def series(self, indicator_id: str, level: str, area_ids: list[str] | None = None) -> pd.DataFrame:
        """All periods of one indicator for areas of a level (all areas if none given)."""
        frame = self.series_many([indicator_id], level).drop(columns="indicator_id")
        return frame if not area_ids else frame[frame["area_id"].isin(area_ids)].reset_index(drop=True)

    def series_many(self, indicator_ids: list[str], level: str) -> pd.DataFrame:
        """`series` of several indicators for every area of a level in one query: column indicator_id,
        then VALUE_COLUMNS; the indicators (each once) in the order given."""
        return self._query_values(list(dict.fromkeys(indicator_ids)), level, -(2**31), 2**31 - 1)

    def city_series(self, indicator_id: str) -> pd.DataFrame:
        """The city value per period, aggregated from all finest-level areas: period, value, numerator, denominator, suppressed."""
        return self.city_series_many([indicator_id]).drop(columns="indicator_id")

    def city_series_many(self, indicator_ids: list[str]) -> pd.DataFrame:
        """`city_series` of several indicators in one query: column indicator_id, then those of
        `city_series`; the indicators (each once) in the order given."""
        entries = [self.indicator(indicator_id) for indicator_id in dict.fromkeys(indicator_ids)]
        frame = cursor().execute(
            _CITY_SQL,
            {
                "areas": self._path(AREAS_FILE),
                "values": self._path(VALUES_FILE),
                "finest": self.metadata.finest_level,
                "period_from": -(2**31),
                "period_to": 2**31 - 1,
                **self._wanted(entries),
            },
        ).df()
        frame["period"] = frame["period"].astype(int)
        return suppress_small_counts(frame, _kinds(frame, entries), self.metadata.min_count, self.metadata.min_denominator)

    def city_value(self, indicator_id: str, period: int) -> float | None:
        """The city value in one period, or None where it cannot be aggregated or is suppressed."""
        frame = self.city_series(indicator_id)
        row = frame.loc[frame["period"] == period, "value"]
        return None if row.empty or pd.isna(row.iloc[0]) else float(row.iloc[0])

    # ---- points of interest ----------------------------------------------------------------
    def has_points(self) -> bool:
        return (self.folder / POIS_FILE).is_file()

    def points(self, categories: list[str] | None = None) -> pd.DataFrame:
        """Points of interest (all, or of the given categories): poi_id, category, name, address, lat, lon, attributes."""
        if not self.has_points():
            return pd.DataFrame(columns=["poi_id", "category", "name", "address", "lat", "lon", "attributes"])
        return cursor().execute(
            "SELECT poi_id, category, name, address, lat, lon, attributes FROM read_parquet($p) "
            "WHERE len($categories) = 0 OR list_contains($categories, category) ORDER BY category, name",
            {"p": self._path(POIS_FILE), "categories": list(categories or [])},
        ).df()

    # ---- addresses -----------------------------------------------------------------------
    def has_addresses(self) -> bool:
        return (self.folder / ADDRESSES_FILE).is_file()

    def addresses(self) -> pd.DataFrame:
        """Addresses: address_id, lon, lat (WGS84), area_id (finest level; None outside every area), residents.

        `residents` is NaN throughout when the dataset gives no residents per address.
        """
        columns = ["address_id", "lon", "lat", "area_id", "residents"]
        if not self.has_addresses():
            return pd.DataFrame({name: pd.Series(dtype=float if name in ("lon", "lat", "residents") else object) for name in columns})
        with_residents = "residents" in cursor().execute("SELECT * FROM read_parquet(?) LIMIT 0", [self._path(ADDRESSES_FILE)]).df().columns
        residents = "CAST(residents AS DOUBLE)" if with_residents else "CAST(NULL AS DOUBLE)"
        frame = cursor().execute(
            f"SELECT address_id, CAST(lon AS DOUBLE) AS lon, CAST(lat AS DOUBLE) AS lat, area_id, {residents} AS residents "
            "FROM read_parquet(?) ORDER BY address_id",
            [self._path(ADDRESSES_FILE)],
        ).df()
        frame["area_id"] = frame["area_id"].astype(object).where(frame["area_id"].notna(), None)
        return frame[columns]
