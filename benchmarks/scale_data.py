"""Synthetic datasets by the data contract at any size, for `benchmarks/scale.py`.

`write_scale_dataset(folder, areas=N)` writes N finest areas under three levels — blocks of 20
finest areas form a district ("Stadtteil"), blocks of 20 districts a borough ("Bezirk") — as
square polygons on a grid near Lübeck, with the demo's indicator catalog (the first
`indicators` entries, those the configuration refers to first), `periods` years up to 2022,
places and addresses. Values are stored on the finest level only (the store aggregates the
coarser levels from numerators and denominators, as for the demo); each indicator follows the
demo's median, spread and denominator-per-resident ratio, with a smooth spatial pattern, a
trend and noise. Everything is drawn from `numpy.random.default_rng` seeded per table, so the
same arguments give the same files; everything is vectorised (100,000 areas: a few seconds).

A borough or district whose block is not full (the last one) gets the bounding box of its
areas as outline. The data are synthetic and the dataset says so (`is_demo`).

`write_long_csv(path, target_bytes=…)` writes a long CSV (area;indicator;year;value) for the
import benchmark, with the import specification beside it.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    INDICATORS_FILE,
    METADATA_FILE,
    POIS_FILE,
    VALUES_FILE,
    arrow_schema,
)

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
GENERATOR_VERSION = 1  # part of the cache key: raise it when the files change
PER_PARENT = 20  # finest areas per district, districts per borough
BLOCK_COLUMNS, BLOCK_ROWS = 4, 5  # a block of 20 children: 4 columns × 5 rows
CELL_LON, CELL_LAT = 0.002, 0.0012  # one finest area: about 130 m × 130 m at 54° N
ORIGIN = (10.4, 53.6)
LAST_PERIOD = 2022
ROW_GROUP_SIZE = 64_000  # as the importer and the demo generator write values
LEVELS = (
    {"id": "bezirk", "label_de": "Bezirk", "label_en": "Borough", "plural_de": "Bezirke", "plural_en": "boroughs"},
    {"id": "stadtteil", "label_de": "Stadtteil", "label_en": "District", "plural_de": "Stadtteile", "plural_en": "districts"},
    {"id": "block", "label_de": "Block", "label_en": "Block", "plural_de": "Blöcke", "plural_en": "blocks"},
)
POPULATION = "einwohner"


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """Zero-padded ids (fixed width, so text order is number order): prefix + number."""
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(pa.array(numbers.astype(str)), width, "0"), "")


def _repeat(text: str, count: int) -> pa.Array:
    """`text` `count` times, as a string column (built in Arrow, not as Python strings)."""
    return pa.array([text]).take(pa.array(np.zeros(count, dtype=np.int32)))


def _grid_positions(areas: int) -> tuple[np.ndarray, np.ndarray]:
    """Column and row of every finest area: districts are 4 × 5 blocks of areas, boroughs 4 × 5 blocks of districts."""
    index = np.arange(areas)
    borough, within = np.divmod(index, PER_PARENT * PER_PARENT)
    district, cell = np.divmod(within, PER_PARENT)
    boroughs = -(-areas // (PER_PARENT * PER_PARENT))
    borough_columns = max(1, math.ceil(math.sqrt(boroughs * BLOCK_ROWS / BLOCK_COLUMNS)))
    borough_column, borough_row = np.divmod(borough, borough_columns)[::-1]
    column = (borough_column * BLOCK_COLUMNS + district % BLOCK_COLUMNS) * BLOCK_COLUMNS + cell % BLOCK_COLUMNS
    row = (borough_row * BLOCK_ROWS + district // BLOCK_COLUMNS) * BLOCK_ROWS + cell // BLOCK_COLUMNS
    return column, row


def _bounds_by_group(groups: np.ndarray, xmin: np.ndarray, ymin: np.ndarray, xmax: np.ndarray, ymax: np.ndarray) -> tuple[np.ndarray, ...]:
    """Bounding boxes of consecutive runs of `groups` (sorted)."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return (np.minimum.reduceat(xmin, starts), np.minimum.reduceat(ymin, starts),
            np.maximum.reduceat(xmax, starts), np.maximum.reduceat(ymax, starts))


def areas_table(areas: int) -> pa.Table:
    """The areas of all three levels with square (or block) outlines in WGS84."""
    column, row = _grid_positions(areas)
    xmin, ymin = ORIGIN[0] + column * CELL_LON, ORIGIN[1] + row * CELL_LAT
    xmax, ymax = xmin + CELL_LON, ymin + CELL_LAT
    index = np.arange(areas)
    borough, district = index // (PER_PARENT * PER_PARENT), index // PER_PARENT
    km2_per_degree2 = 111.32 * math.cos(math.radians(ORIGIN[1])) * 110.57
    parts = []
    district_ids_all = _ids("S", np.arange(district[-1] + 1), 5)
    borough_ids_all = _ids("B", np.arange(borough[-1] + 1), 4)
    for level, ids, names, parents, boxes in (
        ("bezirk", borough_ids_all, None, None, _bounds_by_group(borough, xmin, ymin, xmax, ymax)),
        ("stadtteil", district_ids_all, None, borough_ids_all.take(pa.array(np.arange(district[-1] + 1) // PER_PARENT)),
         _bounds_by_group(district, xmin, ymin, xmax, ymax)),
        ("block", _ids("F", index, 7), None, district_ids_all.take(pa.array(district)), (xmin, ymin, xmax, ymax)),
    ):
        label = {"bezirk": "Bezirk ", "stadtteil": "Stadtteil ", "block": "Block "}[level]
        count = len(ids)
        geometry = shapely.to_wkb(shapely.box(*boxes))
        parts.append(pa.table(
            {
                "area_id": ids,
                "name": pc.binary_join_element_wise(label, ids, ""),
                "level": _repeat(level, count),
                "parent_id": parents if parents is not None else pa.nulls(count, pa.string()),
                "geometry": pa.array(geometry, pa.binary()),
                "area_km2": pa.array((boxes[2] - boxes[0]) * (boxes[3] - boxes[1]) * km2_per_degree2),
            },
            schema=arrow_schema(AREAS_FILE),
        ))
    return pa.concat_tables(parts)


def _demo_catalog(indicators: int) -> tuple[pa.Table, dict]:
    """The first `indicators` entries of the demo catalog (those the demo's configuration names first) and the demo's metadata."""
    catalog = pq.read_table(DEMO / INDICATORS_FILE)
    metadata = json.loads((DEMO / METADATA_FILE).read_text(encoding="utf-8"))
    named = [POPULATION, metadata["default"]["indicator"], *metadata["social_index"]["status_indicators"],
             *metadata["headline_indicators"], *metadata["area_types"]["indicators"], *(t["indicator"] for t in metadata["targets"])]
    ids = catalog.column("indicator_id").to_pylist()
    order = list(dict.fromkeys([i for i in named if i in ids] + ids))[:indicators]
    chosen = catalog.filter(pc.is_in(catalog.column("indicator_id"), pa.array(order)))
    return chosen.sort_by("indicator_id"), metadata


def _demo_profiles() -> dict[str, dict[str, float]]:
    """Per demo indicator: median value, spread, lowest value and denominator per resident."""
    values = pq.read_table(DEMO / VALUES_FILE).to_pandas()
    residents = values[values["indicator_id"] == POPULATION].set_index(["area_id", "period"])["value"]
    profiles = {}
    for indicator, rows in values.groupby("indicator_id"):
        per_resident = (rows.set_index(["area_id", "period"])["denominator"] / residents).median()
        profiles[indicator] = {
            "median": float(rows["value"].median()),
            "spread": float(rows["value"].std() or 1.0),
            "low": float(rows["value"].min()),
            "per_resident": 1.0 if math.isnan(per_resident) else float(per_resident),
        }
    return profiles


def _metadata(demo: dict, indicator_ids: list[str], periods: int) -> dict:
    first = LAST_PERIOD - periods + 1
    present = set(indicator_ids)
    social = dict(demo["social_index"], level="block")
    social["status_indicators"] = [i for i in social["status_indicators"] if i in present]
    levels_by_demo = {"stadtteil": "stadtteil", "teilgebiet": "block"}
    targets = []
    for target in demo["targets"]:
        if target["indicator"] in present and "areas" not in target and target.get("base_year", first) >= first:
            targets.append({**target, **({"level": levels_by_demo[target["level"]]} if "level" in target else {})})
    return {
        "contract_version": 1,
        "name": "Skalentest (synthetisch)",
        "city": "Skalenstadt",
        "attribution": "Synthetische Benchmark-Daten (benchmarks/scale_data.py), CC0 1.0; Katalog aus den Demodaten.",
        "is_demo": True,
        "levels": list(LEVELS),
        "default": {"indicator": demo["default"]["indicator"], "period": LAST_PERIOD, "level": "bezirk"},
        "population_indicator": POPULATION,
        "geometry_note_de": "Quadratische Benchmark-Geometrie",
        "geometry_note_en": "Square benchmark geometry",
        "suppression": demo["suppression"],
        "social_index": social,
        "headline_indicators": [i for i in demo["headline_indicators"] if i in present],
        "area_types": {"indicators": [i for i in demo["area_types"]["indicators"] if i in present]},
        "targets": targets,
        "metric_crs": demo["metric_crs"],
    }


def write_values(path: Path, *, catalog: pa.Table, area_ids: pa.Array, column: np.ndarray, row: np.ndarray, periods: int, seed: int) -> int:
    """Values of every indicator on the finest level, sorted by (indicator_id, period, area_id); returns the row count."""
    areas = len(area_ids)
    profiles = _demo_profiles()
    rng = np.random.default_rng([seed, 0])
    residents = np.maximum(50.0, np.round(rng.lognormal(np.log(1500), 0.5, areas)))
    growth = 1 + 0.01 * rng.standard_normal(areas)
    period_numbers = np.arange(LAST_PERIOD - periods + 1, LAST_PERIOD + 1, dtype=np.int32)
    population = np.round(residents[None, :] * growth[None, :] ** np.arange(periods)[:, None])  # (periods, areas)
    # a smooth pattern across the grid, the same shape for all indicators, so maps and spatial statistics see structure
    pattern = np.sin(column / 37.0) * np.cos(row / 23.0)
    kinds = dict(zip(catalog.column("indicator_id").to_pylist(), catalog.column("kind").to_pylist()))
    scales = dict(zip(catalog.column("indicator_id").to_pylist(), catalog.column("scale").to_pylist()))
    area_column = pa.chunked_array([area_ids] * periods)
    period_column = pa.array(np.repeat(period_numbers, areas))
    rows = 0
    with pq.ParquetWriter(path, arrow_schema(VALUES_FILE), use_dictionary=["area_id", "indicator_id"]) as writer:
        for number, indicator in enumerate(sorted(kinds)):
            rng = np.random.default_rng([seed, 1 + number])
            profile = profiles[indicator]
            if kinds[indicator] == "count":
                value = population.ravel().astype(float)
                numerator = denominator = pa.nulls(value.size, pa.float64())
            else:
                denominator_values = np.maximum(1.0, np.round(population * profile["per_resident"]))
                trend = np.linspace(-0.3, 0.3, periods)[:, None]
                score = 0.8 * pattern[None, :] + trend + 0.5 * rng.standard_normal((periods, areas))
                value = profile["median"] + profile["spread"] * score
                low = min(profile["low"], 0.0) if profile["low"] < 0 else 0.0
                high = scales[indicator] if kinds[indicator] == "share" else np.inf
                value = np.clip(value, low, high)
                if kinds[indicator] == "mean":
                    numerator_values = value * denominator_values
                else:
                    numerator_values = np.round(value / scales[indicator] * denominator_values)
                value = (numerator_values / denominator_values * scales[indicator]).ravel()
                numerator, denominator = pa.array(numerator_values.ravel()), pa.array(denominator_values.ravel())
            table = pa.table(
                {
                    "area_id": area_column,
                    "indicator_id": _repeat(indicator, value.size),
                    "period": period_column,
                    "value": pa.array(value),
                    "numerator": numerator,
                    "denominator": denominator,
                },
                schema=arrow_schema(VALUES_FILE),
            )
            writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
            rows += table.num_rows
    return rows


def write_points(folder: Path, *, areas: int, column: np.ndarray, row: np.ndarray, addresses_per_area: int, seed: int) -> None:
    """Places (one per 100 areas, at least 20) and `addresses_per_area` addresses in every finest area."""
    rng = np.random.default_rng([seed, 1000])
    demo_points = pq.read_table(DEMO / POIS_FILE)
    categories = np.unique(demo_points.column("category").to_numpy(zero_copy_only=False))
    count = max(20, areas // 100)
    lon = ORIGIN[0] + rng.uniform(0, column.max() + 1, count) * CELL_LON
    lat = ORIGIN[1] + rng.uniform(0, row.max() + 1, count) * CELL_LAT
    ids = _ids("P", np.arange(count), 6)
    pq.write_table(pa.table(
        {
            "poi_id": ids,
            "category": pa.array(categories[np.arange(count) % categories.size]),
            "name": pc.binary_join_element_wise("Ort ", ids, ""),
            "address": pa.nulls(count, pa.string()),
            "lat": pa.array(lat),
            "lon": pa.array(lon),
            "attributes": pa.array(np.where(np.arange(count) % 3 == 0, '{"wheelchair": "yes"}', "{}")),
        },
        schema=arrow_schema(POIS_FILE),
    ), folder / POIS_FILE)
    if addresses_per_area <= 0:
        return
    area_index = np.repeat(np.arange(areas), addresses_per_area)
    total = area_index.size
    pq.write_table(pa.table(
        {
            "address_id": _ids("A", np.arange(total), 8),
            "lon": pa.array(np.round(ORIGIN[0] + (column[area_index] + rng.uniform(0.05, 0.95, total)) * CELL_LON, 6)),
            "lat": pa.array(np.round(ORIGIN[1] + (row[area_index] + rng.uniform(0.05, 0.95, total)) * CELL_LAT, 6)),
            "area_id": _ids("F", area_index, 7),
            "residents": pa.array(rng.integers(0, 40, total).astype(float)),
        },
        schema=arrow_schema(ADDRESSES_FILE, optional=("residents",)),
    ), folder / ADDRESSES_FILE)


def write_scale_dataset(folder: Path, *, areas: int, indicators: int = 30, periods: int = 15, addresses_per_area: int = 3, seed: int = 13) -> dict:
    """Write a dataset of `areas` finest areas into `folder` (created); returns counts of what was written."""
    if areas < 1 or not 1 <= periods <= 40:
        raise ValueError("areas ≥ 1 and 1 ≤ periods ≤ 40")
    folder.mkdir(parents=True, exist_ok=True)
    catalog, demo = _demo_catalog(indicators)
    pq.write_table(catalog, folder / INDICATORS_FILE)
    area_table = areas_table(areas)
    pq.write_table(area_table, folder / AREAS_FILE)
    column, row = _grid_positions(areas)
    finest_ids = area_table.filter(pc.equal(area_table.column("level"), "block")).column("area_id").combine_chunks()
    rows = write_values(folder / VALUES_FILE, catalog=catalog, area_ids=finest_ids, column=column, row=row, periods=periods, seed=seed)
    write_points(folder, areas=areas, column=column, row=row, addresses_per_area=addresses_per_area, seed=seed)
    metadata = _metadata(demo, catalog.column("indicator_id").to_pylist(), periods)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    return {"areas": area_table.num_rows, "finest": areas, "indicators": catalog.num_rows, "value_rows": rows}


LONG_FEATURES = ("Einwohner", "unter 18", "ab 65", "Arbeitslose", "SGB II")
LONG_PERIODS = 10
LONG_ROW_BYTES = 40  # about: "1234567;Block 1234567;2022;Einwohner;1234"


def write_long_csv(folder: Path, *, target_bytes: int, seed: int = 13) -> dict:
    """A long CSV as a statistics office exports it (Raum;Raumname;Jahr;Merkmal;Wert, `;`, decimal comma) of
    about `target_bytes`: one level of 7-digit block ids, 5 features, 10 years;
    with the import specification that reads it (`import.toml`, no geometry). Returns rows and bytes."""
    from pyarrow import csv

    folder.mkdir(parents=True, exist_ok=True)
    areas = max(1, target_bytes // (LONG_ROW_BYTES * len(LONG_FEATURES) * LONG_PERIODS))
    rng = np.random.default_rng([seed, 2000])
    residents = np.maximum(50, np.round(rng.lognormal(np.log(1500), 0.5, areas))).astype(np.int64)
    shares = np.array([0.17, 0.21, 0.05, 0.09])  # of the residents: under 18, 65 and over, unemployed, SGB II
    path = folder / "kennzahlen.csv"
    options = csv.WriteOptions(delimiter=";", quoting_style="none", include_header=False)
    codes = _ids("", 1_000_000 + np.arange(areas), 7)
    names = pc.binary_join_element_wise("Block ", codes, "")
    with path.open("wb") as sink:
        sink.write(b"Raum;Raumname;Jahr;Merkmal;Wert\n")
        for period in range(LAST_PERIOD - LONG_PERIODS + 1, LAST_PERIOD + 1):
            population = np.round(residents * rng.uniform(0.97, 1.03, areas)).astype(np.int64)
            counts = [population] + [rng.binomial(population, share) for share in shares]
            table = pa.table({
                "Raum": pa.chunked_array([codes] * len(LONG_FEATURES)),
                "Raumname": pa.chunked_array([names] * len(LONG_FEATURES)),
                "Jahr": pa.array(np.full(areas * len(LONG_FEATURES), period, dtype=np.int32)),
                "Merkmal": pa.chunked_array([_repeat(feature, areas) for feature in LONG_FEATURES]),
                "Wert": pa.array(np.concatenate(counts)),
            })
            csv.write_csv(table, sink, write_options=options)
    indicators = "".join(
        f'''
[[indicators]]
id = "{indicator}"
table = "kennzahlen"
numerator = "{feature}"
denominator = "Einwohner"
label_de = "Anteil {feature}"
label_en = "Share {feature}"
kind = "share"
'''
        for indicator, feature in (("anteil_u18", "unter 18"), ("anteil_65plus", "ab 65"), ("arbeitslose", "Arbeitslose"), ("sgb2", "SGB II"))
    )
    (folder / "import.toml").write_text(f'''spec_version = 1

[dataset]
name = "Importtest (synthetisch)"
city = "Skalenstadt"
attribution = "Synthetische Benchmark-Daten, CC0 1.0"
is_demo = true
population_indicator = "einwohner"
default = {{ indicator = "anteil_u18", period = {LAST_PERIOD}, level = "block" }}

[[dataset.levels]]
id = "block"
label_de = "Block"
label_en = "Block"

[tables.kennzahlen]
file = "kennzahlen.csv"
separator = ";"
decimal = ","
id = "Raum"
name = "Raumname"
period = "Jahr"
indicator_column = "Merkmal"
value_column = "Wert"

[indicator_defaults]
source = "synthetisch"
licence = "CC0 1.0"
vintage = "31.12."
domain = "demografie"
polarity = "neutral"

[[indicators]]
id = "einwohner"
table = "kennzahlen"
column = "Einwohner"
label_de = "Einwohner"
label_en = "Residents"
kind = "count"
{indicators}''', encoding="utf-8")
    return {"rows": areas * len(LONG_FEATURES) * LONG_PERIODS, "bytes": path.stat().st_size, "areas": areas}
