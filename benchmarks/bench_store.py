"""Benchmark of the store: one indicator-period slice from a large values table.

The contract asks writers to sort values by (indicator_id, period, area_id) so that DuckDB's
row-group statistics skip everything but the requested slice. This script writes the same
synthetic dataset twice — sorted, and in random row order as a careless export would be —
and times the store's queries on both in the same process. It prints medians and the ratio.

    python benchmarks/bench_store.py [--areas 20000] [--indicators 30] [--periods 15] [--repeats 7]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from loaders.contract import AREAS_FILE, INDICATORS_FILE, VALUES_FILE, arrow_schema
from loaders.store import Store

ROW_GROUP_SIZE = 64_000
AREAS_PER_PARENT = 20


def write_dataset(folder: Path, *, areas: int, indicators: int, periods: int, shuffled: bool, seed: int = 1) -> int:
    """A valid dataset with `areas` sub-areas under areas / 20 districts; returns the number of value rows."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True)
    parents = -(-areas // AREAS_PER_PARENT)  # the last district may be smaller
    parent_ids = [f"P{i:05d}" for i in range(parents)]
    child_ids = [f"P{i // AREAS_PER_PARENT:05d}.{i % AREAS_PER_PARENT:02d}" for i in range(areas)]
    box = shapely.to_wkb(shapely.box(10.0, 53.0, 10.001, 53.001))
    pq.write_table(
        pa.table(
            {
                "area_id": parent_ids + child_ids,
                "name": parent_ids + child_ids,
                "level": ["bezirk"] * parents + ["teil"] * areas,
                "parent_id": [None] * parents + [c.split(".")[0] for c in child_ids],
                "geometry": [box] * (parents + areas),
                "area_km2": [1.0] * (parents + areas),
            },
            schema=arrow_schema(AREAS_FILE),
        ),
        folder / AREAS_FILE,
    )
    ids = [f"ind_{i:02d}" for i in range(indicators)]
    catalog = {name: [] for name in arrow_schema(INDICATORS_FILE).names}
    for indicator in ids:
        for name, value in {
            "indicator_id": indicator, "label_de": indicator, "label_en": indicator, "description_de": "", "description_en": "",
            "domain": "arbeit", "unit_de": "%", "unit_en": "%", "polarity": "higher_worse", "kind": "share", "scale": 100.0,
            "decimals": 1, "source": "synthetic", "licence": "CC0", "vintage": "", "sdg": "", "is_synthetic": True,
        }.items():
            catalog[name].append(value)
    pq.write_table(pa.table(catalog, schema=arrow_schema(INDICATORS_FILE)), folder / INDICATORS_FILE)
    rows = areas * indicators * periods
    indicator_index = np.repeat(np.arange(indicators), areas * periods)
    period_index = np.tile(np.repeat(np.arange(periods), areas), indicators)
    area_index = np.tile(np.arange(areas), indicators * periods)
    denominator = rng.integers(100, 5000, rows).astype(float)
    numerator = np.floor(denominator * rng.uniform(0.02, 0.4, rows))
    order = rng.permutation(rows) if shuffled else np.arange(rows)
    table = pa.table(
        {
            "area_id": pa.array(np.asarray(child_ids, dtype=object)[area_index[order]], pa.string()),
            "indicator_id": pa.array(np.asarray(ids, dtype=object)[indicator_index[order]], pa.string()),
            "period": pa.array((2000 + period_index[order]).astype(np.int32)),
            "value": pa.array(numerator[order] / denominator[order] * 100),
            "numerator": pa.array(numerator[order]),
            "denominator": pa.array(denominator[order]),
        },
        schema=arrow_schema(VALUES_FILE),
    )
    pq.write_table(table, folder / VALUES_FILE, row_group_size=ROW_GROUP_SIZE)
    metadata = {
        "contract_version": 1, "name": "Benchmark", "city": "Benchmark", "attribution": "synthetic", "is_demo": True,
        "levels": [{"id": "bezirk", "label_de": "Bezirk", "label_en": "District"}, {"id": "teil", "label_de": "Teil", "label_en": "Part"}],
        "default": {"indicator": ids[0], "period": 2000, "level": "bezirk"},
    }
    (folder / "dataset.json").write_text(json.dumps(metadata), encoding="utf-8")
    return rows


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--periods", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for variant in ("sorted", "shuffled"):
            rows = write_dataset(
                Path(tmp) / variant, areas=args.areas, indicators=args.indicators, periods=args.periods, shuffled=variant == "shuffled"
            )
            start = time.perf_counter()
            stores[variant] = Store(Path(tmp) / variant)
            print(f"{variant}: {rows:,} value rows, opened and validated in {time.perf_counter() - start:.1f} s")
        indicator, period = f"ind_{args.indicators // 2:02d}", 2000 + args.periods // 2
        queries = {
            "values, finest level": lambda s: s.values(indicator, period, "teil"),
            "values, districts (roll-up)": lambda s: s.values(indicator, period, "bezirk"),
            "city series (all periods)": lambda s: s.city_series(indicator),
        }
        print(f"\n| query ({args.areas:,} areas) | sorted, median ms | shuffled, median ms | shuffled / sorted |")
        print("|---|---:|---:|---:|")
        for name, query in queries.items():
            sorted_time = median_seconds(lambda: query(stores["sorted"]), args.repeats)
            shuffled_time = median_seconds(lambda: query(stores["shuffled"]), args.repeats)
            print(f"| {name} | {sorted_time * 1000:.1f} | {shuffled_time * 1000:.1f} | {shuffled_time / sorted_time:.1f}× |")


if __name__ == "__main__":
    main()
