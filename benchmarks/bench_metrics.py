"""Benchmark the metrics against PySAL (inequality, esda, libpysal) in one process, on one data set.

    pip install -r requirements-bench.txt
    python benchmarks/bench_metrics.py [--sizes 1000 10000 100000] [--repeats 5]

For every size n the areas are the cells of a grid (rows × cols = n) with queen contiguity, the
values independent log-normal "incomes" (no spatial pattern, so that permutation p-values spread
over their whole range). Our function and PySAL's equivalent run alternately, so that both meet
the same load; the table shows medians per call and the ratio PySAL ÷ ours (> 1: we are faster).
The check lines compare the results: deterministic quantities must agree to rounding; permutation
p-values (different random draws) must agree within Monte-Carlo error.

PySAL is a benchmark-only extra: nothing outside this folder imports it.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import esda  # noqa: E402
import geopandas  # noqa: E402
import libpysal  # noqa: E402
from inequality.atkinson import atkinson as pysal_atkinson  # noqa: E402
from inequality.gini import Gini  # noqa: E402
from inequality.schutz import Schutz  # noqa: E402
from inequality.theil import Theil  # noqa: E402
from inequality.wolfson import lorenz_curve as pysal_lorenz_curve  # noqa: E402

from metrics import inequality, spatial  # noqa: E402

MIN_SAMPLE_SECONDS = 0.05  # fast functions are looped until one sample takes this long


def grid(n: int) -> tuple[int, int]:
    """Rows and columns of the most square grid with n cells."""
    rows = int(np.sqrt(n))
    while n % rows:
        rows -= 1
    return rows, n // rows


def calls_per_sample(function: Callable[[], object]) -> int:
    start = time.perf_counter()
    function()
    once = time.perf_counter() - start
    return max(1, int(MIN_SAMPLE_SECONDS / max(once, 1e-9)))


def time_pair(ours: Callable[[], object], theirs: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds per call of both functions, measured alternately."""
    loops = calls_per_sample(ours), calls_per_sample(theirs)
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for function, count, sample in zip((ours, theirs), loops, samples, strict=True):
            start = time.perf_counter()
            for _ in range(count):
                function()
            sample.append((time.perf_counter() - start) / count)
    return float(np.median(samples[0])), float(np.median(samples[1]))


def pysal_palma(x: np.ndarray) -> float:
    population, value = pysal_lorenz_curve(x)
    return (1 - np.interp(0.9, population, value)) / np.interp(0.4, population, value)


def inequality_pairs(x: np.ndarray) -> dict[str, tuple[Callable[[], float], Callable[[], float], str]]:
    """Ours, PySAL's equivalent and how that equivalent is computed, unweighted."""
    frame = pd.DataFrame({"x": x})
    return {
        "gini": (lambda: inequality.gini(x), lambda: Gini(x).g, "inequality.gini.Gini"),
        "theil_t": (lambda: inequality.theil_t(x), lambda: Theil(x).T, "inequality.theil.Theil"),
        "theil_l": (
            lambda: inequality.theil_l(x),
            lambda: -np.log(1 - pysal_atkinson(x, 1)),
            "−ln(1 − inequality.atkinson(x, 1)) (PySAL has no Theil L)",
        ),
        "atkinson": (lambda: inequality.atkinson(x, epsilon=0.5), lambda: pysal_atkinson(x, 0.5), "inequality.atkinson.atkinson(x, 0.5)"),
        "coefficient_of_variation": (
            lambda: inequality.coefficient_of_variation(x),
            lambda: np.std(x) / np.mean(x),
            "np.std / np.mean (PySAL has no CV)",
        ),
        "hoover": (lambda: inequality.hoover(x), lambda: Schutz(frame, "x").distance, "inequality.schutz.Schutz(...).distance"),
        "palma": (lambda: inequality.palma(x), lambda: pysal_palma(x), "inequality.wolfson.lorenz_curve + np.interp"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--permutations", type=int, default=999)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # esda's deprecation notices

    print(
        f"python {platform.python_version()}, numpy {np.__version__}, scipy {version('scipy')}, shapely {shapely.__version__}; "
        f"inequality {version('inequality')}, esda {version('esda')}, libpysal {version('libpysal')}; "
        f"numba {'installed' if _has_numba() else 'not installed'}; {os.cpu_count()} CPUs; "
        f"{args.repeats} repeats, {args.permutations} permutations\n"
    )
    rows_out: list[tuple[int, str, float, float, str]] = []
    checks: list[str] = []
    for n in args.sizes:
        rows, cols = grid(n)
        rng = np.random.default_rng(args.seed)
        x = rng.lognormal(10.0, 0.5, n)
        row, col = np.divmod(np.arange(n), cols)
        cells = shapely.box(col, row, col + 1, row + 1)

        # contiguity: ours against libpysal's Graph builder (the faster of its two)
        cell_series = geopandas.GeoSeries(cells)
        ours_t, theirs_t = time_pair(lambda: spatial.contiguity(cells), lambda: libpysal.graph.Graph.build_contiguity(cell_series, rook=False), args.repeats)
        rows_out.append((n, "contiguity (queen)", ours_t, theirs_t, "libpysal.graph.Graph.build_contiguity"))
        weights = spatial.contiguity(cells)
        graph = libpysal.graph.Graph.build_contiguity(cell_series, rook=False)
        difference = abs(graph.sparse - weights.matrix).nnz
        checks.append(f"n={n} contiguity: neighbour pairs ours {weights.matrix.nnz}, libpysal {graph.sparse.nnz}, differing {difference}")

        # inequality, unweighted
        bundle = [0.0, 0.0]
        for name, (ours, theirs, label) in inequality_pairs(x).items():
            ours_t, theirs_t = time_pair(ours, theirs, args.repeats)
            rows_out.append((n, name, ours_t, theirs_t, label))
            bundle[0] += ours_t
            bundle[1] += theirs_t
            checks.append(f"n={n} {name}: |ours − PySAL| = {abs(ours() - theirs()):.1e}")
        rows_out.append((n, "inequality bundle (sum of the 7)", bundle[0], bundle[1], ""))

        # spatial autocorrelation on the same weights
        pysal_w = libpysal.weights.W.from_sparse(weights.matrix)
        pysal_w.transform = "r"
        seeds = iter(range(10**6))
        ours_t, theirs_t = time_pair(
            lambda: spatial.morans_i(x, weights, permutations=args.permutations, seed=next(seeds)),
            lambda: esda.Moran(x, pysal_w, permutations=args.permutations),
            args.repeats,
        )
        rows_out.append((n, f"morans_i ({args.permutations} permutations)", ours_t, theirs_t, "esda.Moran"))
        moran_t = ours_t
        ours_t, theirs_t = time_pair(
            lambda: spatial.local_morans(x, weights, permutations=args.permutations, seed=next(seeds)),
            lambda: esda.Moran_Local(x, pysal_w, permutations=args.permutations, seed=next(seeds), keep_simulations=False),
            args.repeats,
        )
        rows_out.append((n, f"local_morans ({args.permutations} permutations)", ours_t, theirs_t, "esda.Moran_Local"))
        rows_out.append((n, "morans_i + local_morans (ours)", moran_t + ours_t, float("nan"), ""))
        checks.extend(spatial_checks(n, x, weights, pysal_w, args.permutations, args.seed))

    print("| areas | function | ours (ms) | PySAL (ms) | PySAL ÷ ours | PySAL equivalent |")
    print("|---:|---|---:|---:|---:|---|")
    for n, name, ours_t, theirs_t, label in rows_out:
        theirs_text = "" if np.isnan(theirs_t) else f"{1e3 * theirs_t:.3f}"
        ratio_text = "" if np.isnan(theirs_t) else f"{theirs_t / ours_t:.2f}"
        print(f"| {n:,} | {name} | {1e3 * ours_t:.3f} | {theirs_text} | {ratio_text} | {label} |")
    print("\nChecks (identical results):")
    for line in checks:
        print(f"- {line}")
    print_targets(rows_out, max(args.sizes))


def spatial_checks(n: int, x: np.ndarray, weights: spatial.Weights, pysal_w, permutations: int, seed: int) -> list[str]:
    """Compare Moran's I and LISA with esda on the same data and weights."""
    ours = spatial.morans_i(x, weights, permutations=permutations, seed=seed)
    np.random.seed(seed)
    theirs = esda.Moran(x, pysal_w, permutations=permutations)
    pairs = [(ours.I, theirs.I), (ours.EI, theirs.EI), (ours.var_norm, theirs.VI_norm), (ours.z_norm, theirs.z_norm),
             (ours.p_norm, theirs.p_norm), (ours.var_rand, theirs.VI_rand), (ours.z_rand, theirs.z_rand)]  # fmt: skip
    deterministic = max(abs(a - b) for a, b in pairs)
    standard_error = np.sqrt(theirs.p_sim * (1 - theirs.p_sim) / permutations)
    lines = [
        f"n={n} morans_i vs esda.Moran: max |Δ| over I, EI, var_norm, z_norm, p_norm, var_rand, z_rand = {deterministic:.1e}; "
        f"p_sim {ours.p_sim:.3f} vs {theirs.p_sim:.3f} (Monte-Carlo s.e. {standard_error:.3f})"
    ]
    local = spatial.local_morans(x, weights, permutations=permutations, seed=seed)
    other_seed = spatial.local_morans(x, weights, permutations=permutations, seed=seed + 1)
    pysal_local = esda.Moran_Local(x, pysal_w, permutations=permutations, seed=seed, keep_simulations=False)
    pysal_quadrant = np.array(["HH", "LH", "LL", "HL"])[pysal_local.q - 1]
    lines.append(
        f"n={n} local_morans vs esda.Moran_Local: max |Is·(n−1)/n − Is_esda| = {np.abs(local.Is * (n - 1) / n - pysal_local.Is).max():.1e}; "
        f"quadrants equal {int((local.quadrant == pysal_quadrant).sum())}/{n}; "
        f"p_sim mean |Δ| vs esda {np.abs(local.p_sim - pysal_local.p_sim).mean():.4f} "
        f"(ours vs ours with another seed {np.abs(local.p_sim - other_seed.p_sim).mean():.4f}); "
        f"share p_sim ≤ 0.05: {np.mean(local.p_sim <= 0.05):.4f} vs {np.mean(pysal_local.p_sim <= 0.05):.4f}"
    )
    return lines


def print_targets(rows_out: list[tuple[int, str, float, float, str]], n: int) -> None:
    at_n = {name: (ours_t, theirs_t) for size, name, ours_t, theirs_t, _ in rows_out if size == n}
    single = [name for name in inequality_pairs(np.ones(2)) if at_n[name][1] < at_n[name][0]]
    bundle_ours, bundle_theirs = at_n["inequality bundle (sum of the 7)"]
    moran = next(value for name, value in at_n.items() if name.startswith("morans_i ("))
    lisa = next(value for name, value in at_n.items() if name.startswith("local_morans ("))
    both = at_n["morans_i + local_morans (ours)"][0]
    print(f"\nTargets at {n:,} areas:")
    print(f"- inequality bundle ≥ 3× faster: {bundle_theirs / bundle_ours:.1f}× {'met' if bundle_theirs >= 3 * bundle_ours else 'NOT met'}")
    print(f"- no single inequality measure slower: {'met' if not single else 'NOT met: ' + ', '.join(single)}")
    print(f"- Moran's I ≥ 1.5× faster: {moran[1] / moran[0]:.1f}× {'met' if moran[1] >= 1.5 * moran[0] else 'NOT met'}")
    print(f"- LISA ≥ 5× faster: {lisa[1] / lisa[0]:.1f}× {'met' if lisa[1] >= 5 * lisa[0] else 'NOT met'}")
    print(f"- Moran + LISA under 4 s: {both:.2f} s {'met' if both < 4 else 'NOT met'}")


def _has_numba() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
