"""Benchmark of the reach computation (metrics/reach.py): 100,000 addresses and more.

Origins are the 51,568 real Lübeck addresses (../shared/data/luebeck), repeated with a small
seeded jitter up to the requested counts; places are addresses drawn at random. For every size
the script times, in the same process and alternately sample by sample:

- projection of the origins to metres (pyproj, WGS84 → ETRS89 / UTM 32N),
- the nearest place of every origin with a KD-tree (`metrics.reach.nearest_distance`),
- the baseline: the same distances by brute force (numpy, in blocks of 2,048 origins),
- shares per area from the distances (`metrics.reach.reach_by_area`, 1,000 areas),
- one hypothetical place added (distances to it, element-wise minimum, shares again),

and prints medians, the ratio brute force ÷ KD-tree and a check that both give the same distances.

    python benchmarks/bench_reach.py [--sizes 51568 100000 400000] [--places 15 150 1500] [--repeats 7]
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from metrics.reach import Projection, nearest_distance, reach_by_area  # noqa: E402 (after the path)

ADDRESSES = Path(__file__).resolve().parents[2] / "shared" / "data" / "luebeck" / "luebeck_adressen_alkis_2025-04.parquet"
BLOCK = 2048
AREAS = 1000
DISTANCE_M = 1000.0


def origins(size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`size` positions: the real addresses, then jittered copies (±50 m) until there are enough."""
    real = pd.read_parquet(ADDRESSES, columns=["lon", "lat"])
    lon, lat = real["lon"].to_numpy(), real["lat"].to_numpy()
    picks = np.concatenate([np.arange(len(lon)), rng.integers(0, len(lon), max(0, size - len(lon)))])[:size]
    jitter = np.where(np.arange(size) < len(lon), 0.0, 1.0)
    return lon[picks] + jitter * rng.uniform(-7e-4, 7e-4, size), lat[picks] + jitter * rng.uniform(-4.5e-4, 4.5e-4, size)


def brute_force(origins_xy: np.ndarray, places_xy: np.ndarray) -> np.ndarray:
    """The baseline: every origin against every place, in blocks so that memory stays bounded."""
    result = np.empty(len(origins_xy))
    for start in range(0, len(origins_xy), BLOCK):
        block = origins_xy[start:start + BLOCK]
        squared = ((block[:, None, :] - places_xy[None, :, :]) ** 2).sum(axis=2)
        result[start:start + BLOCK] = np.sqrt(squared.min(axis=1))
    return result


def timed(function, repeats: int) -> list[float]:
    return [_once(function) for _ in range(repeats)]


def _once(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[51_568, 100_000, 400_000])
    parser.add_argument("--places", type=int, nargs="+", default=[15, 150, 1500])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(20_241_201)
    projection = Projection("EPSG:25832")
    print(f"python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}; "
          f"{args.repeats} repeats; distance {DISTANCE_M:.0f} m; {AREAS} areas\n")
    print("| addresses | places | projection (ms) | KD-tree nearest (ms) | brute force (ms) | brute ÷ KD-tree | shares per area (ms) | + 1 hypothetical place (ms) | same distances |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        lon, lat = origins(size, rng)
        area_ids = np.asarray([f"A{i:04d}" for i in rng.integers(0, AREAS, size)], dtype=object)
        weights = np.ones(size)
        projection_times = timed(lambda: projection.to_metres(lon, lat), args.repeats)
        xy = projection.to_metres(lon, lat)
        for count in args.places:
            places = xy[rng.choice(size, count, replace=False)]
            added = xy[rng.integers(size)][None, :]
            tree, brute, shares, what_if = [], [], [], []
            for _ in range(args.repeats):  # alternately, so both meet the same load
                tree.append(_once(lambda: nearest_distance(xy, places)))
                brute.append(_once(lambda: brute_force(xy, places)))
            distances = nearest_distance(xy, places)
            shares = timed(lambda: reach_by_area(area_ids, weights, distances, DISTANCE_M), args.repeats)
            what_if = timed(
                lambda: reach_by_area(area_ids, weights, np.minimum(distances, nearest_distance(xy, added)), DISTANCE_M), args.repeats
            )
            same = np.allclose(distances, brute_force(xy, places), rtol=0, atol=1e-6)
            kd, bf = statistics.median(tree), statistics.median(brute)
            print(
                f"| {size:,} | {count:,} | {statistics.median(projection_times):.1f} | {kd:.1f} | {bf:.1f} | {bf / kd:.1f} | "
                f"{statistics.median(shares):.1f} | {statistics.median(what_if):.1f} | {'yes' if same else 'NO'} |"
            )


if __name__ == "__main__":
    main()
