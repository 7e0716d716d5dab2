"""Correlation between indicators across areas: Pearson, Spearman, a regression line, the
correlation matrix and its clustered order.

Conventions:

* One observation per area. Pairs with a missing value (NaN) in x, y or the weight are left
  out; the functions report how many pairs they used.
* Population-weighted, as in metrics.inequality: area i counts as ``w_i`` identical persons,
  so every weighted result equals the unweighted one on ``np.repeat(x, w)``, ``np.repeat(y, w)``
  for integer weights. Areas with weight 0 carry no persons and are left out.
* Weighted Spearman = weighted Pearson of weighted mid-ranks: the rank of x_i is the weight of
  all observations below x_i plus half the weight of those equal to it (ties share a rank).
  With equal weights this is the ordinary Spearman coefficient.
* A coefficient is NaN where it is undefined: fewer than 3 pairs, or no spread in x or y.
* p-values (two-sided, scipy) are given for the unweighted coefficients only: a weighted
  coefficient over areas has no agreed test.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from metrics._validation import as_array

__all__ = [
    "Correlation",
    "cluster_order",
    "correlate",
    "correlation_matrix",
    "percentile_position",
    "weighted_pearson",
    "weighted_ranks",
    "weighted_spearman",
]

MIN_PAIRS = 3


def _pairs(x, y, weights, metric: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y and weights (ones if None) without the pairs that miss a value or carry weight 0."""
    xs, ys = as_array(x, metric, "x"), as_array(y, metric, "y")
    if xs.size != ys.size:
        raise ValueError(f"{metric}: x has {xs.size} entries but y has {ys.size}")
    ws = np.ones_like(xs) if weights is None else as_array(weights, metric, "weights")
    if ws.size != xs.size:
        raise ValueError(f"{metric}: weights has {ws.size} entries but x has {xs.size}")
    if (ws < 0).any():
        raise ValueError(f"{metric}: weights must not be negative")
    if np.isinf(xs).any() or np.isinf(ys).any() or np.isinf(ws).any():
        raise ValueError(f"{metric}: infinite values")
    keep = ~(np.isnan(xs) | np.isnan(ys) | np.isnan(ws)) & (ws > 0)
    return xs[keep], ys[keep], ws[keep]


def _pearson(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    if x.size < MIN_PAIRS:
        return float("nan")
    share = w / w.sum()
    dx, dy = x - share @ x, y - share @ y
    sxx, syy = share @ (dx * dx), share @ (dy * dy)
    if sxx <= 0 or syy <= 0:
        return float("nan")
    # scale-free tolerance: no spread at the precision of the data counts as no spread
    if np.sqrt(sxx) <= 1e-12 * max(np.abs(x).max(), 1.0) or np.sqrt(syy) <= 1e-12 * max(np.abs(y).max(), 1.0):
        return float("nan")
    return float(np.clip(share @ (dx * dy) / np.sqrt(sxx * syy), -1.0, 1.0))


def weighted_ranks(values, weights=None) -> np.ndarray:
    """Weighted mid-ranks: weight of all values below plus half the weight of the equal ones.

    Unweighted, this is the ordinary mid-rank minus ½ (ranks 0.5, 1.5, …).
    """
    xs = as_array(values, "weighted_ranks", "values")
    ws = np.ones_like(xs) if weights is None else as_array(weights, "weighted_ranks", "weights")
    if ws.size != xs.size:
        raise ValueError(f"weighted_ranks: weights has {ws.size} entries but values has {xs.size}")
    if np.isnan(xs).any() or np.isnan(ws).any():
        raise ValueError("weighted_ranks: missing values (NaN)")
    order = np.argsort(xs, kind="stable")
    sorted_x, sorted_w = xs[order], ws[order]
    unique, start = np.unique(sorted_x, return_index=True)
    group_weight = np.add.reduceat(sorted_w, start)
    below = np.concatenate([[0.0], np.cumsum(group_weight)[:-1]])
    rank_of_group = below + group_weight / 2.0
    ranks = np.empty_like(xs)
    ranks[order] = rank_of_group[np.searchsorted(unique, sorted_x)]
    return ranks


def _ranks_where(column: np.ndarray, order: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """`weighted_ranks(column[keep])` (unweighted), from the column's stable sort `order`
    computed once: a stable sort restricted to some rows is the full one with the other rows
    left out, so a correlation matrix sorts each column once instead of once per pair. The
    same arithmetic on the same numbers: the ranks are identical."""
    kept = order[keep[order]]  # the kept rows, by value (ties: by row)
    ordered = column[kept]
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]])) if ordered.size else np.array([], dtype=int)
    group_weight = np.diff(np.append(starts, ordered.size)).astype(np.float64)
    below = np.concatenate([[0.0], np.cumsum(group_weight)[:-1]])
    ranks = np.empty(ordered.size)
    ranks[(np.cumsum(keep) - 1)[kept]] = np.repeat(below + group_weight / 2.0, group_weight.astype(np.int64))
    return ranks


def percentile_position(values, points) -> np.ndarray:
    """Where each of `points` stands among `values` (missing values ignored), in 0–100: the
    share of values below it plus half the share equal to it (the mid-rank percentile). The
    lowest of 10 distinct values stands at 5, the highest at 95; NaN where the point is missing
    or no value is present."""
    present = np.sort(as_array(values, "percentile_position", "values"))
    present = present[~np.isnan(present)]
    spots = np.atleast_1d(np.asarray(points, dtype=float))
    if present.size == 0:
        return np.full(spots.shape, np.nan)
    below = np.searchsorted(present, spots, side="left")
    equal = np.searchsorted(present, spots, side="right") - below
    return np.where(np.isnan(spots), np.nan, (below + equal / 2.0) / present.size * 100.0)


def weighted_pearson(x, y, weights=None) -> float:
    """Pearson's r, each area weighted by `weights` (None: equally); NaN where undefined."""
    xs, ys, ws = _pairs(x, y, weights, "weighted_pearson")
    return _pearson(xs, ys, ws)


def weighted_spearman(x, y, weights=None) -> float:
    """Spearman's ρ as the weighted Pearson r of weighted mid-ranks; NaN where undefined."""
    xs, ys, ws = _pairs(x, y, weights, "weighted_spearman")
    if xs.size < MIN_PAIRS:
        return float("nan")
    return _pearson(weighted_ranks(xs, ws), weighted_ranks(ys, ws), ws)


@dataclass(frozen=True)
class Correlation:
    """Coefficients of y against x over `n` areas; `slope` and `intercept` of the (weighted)
    least-squares line y = intercept + slope · x; p-values only when unweighted."""

    n: int
    pearson: float
    spearman: float
    pearson_p: float
    spearman_p: float
    slope: float
    intercept: float
    weighted: bool


def correlate(x, y, weights=None) -> Correlation:
    """Pearson, Spearman and the least-squares line of y on x (population-weighted with `weights`)."""
    xs, ys, ws = _pairs(x, y, weights, "correlate")
    n = int(xs.size)
    pearson = _pearson(xs, ys, ws)
    spearman = _pearson(weighted_ranks(xs, ws), weighted_ranks(ys, ws), ws) if n >= MIN_PAIRS else float("nan")
    pearson_p = spearman_p = float("nan")
    if weights is None and n >= MIN_PAIRS:
        if not np.isnan(pearson):
            pearson_p = float(stats.pearsonr(xs, ys).pvalue)
        if not np.isnan(spearman):
            spearman_p = float(stats.spearmanr(xs, ys).pvalue)
    slope = intercept = float("nan")
    if n >= 2:
        share = ws / ws.sum()
        mx, my = share @ xs, share @ ys
        sxx = share @ ((xs - mx) ** 2)
        if sxx > 0:
            slope = float(share @ ((xs - mx) * (ys - my)) / sxx)
            intercept = float(my - slope * mx)
    return Correlation(
        n=n,
        pearson=pearson,
        spearman=spearman,
        pearson_p=pearson_p,
        spearman_p=spearman_p,
        slope=slope,
        intercept=intercept,
        weighted=weights is not None,
    )


def correlation_matrix(table: pd.DataFrame, *, method: str = "spearman", min_pairs: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairwise correlations between the columns of `table` (rows = areas), unweighted.

    Each pair uses the areas that have both values (pairwise complete); a pair with fewer than
    `min_pairs` such areas, or without spread, gets NaN. Returns (coefficients, pair counts),
    both square with the columns of `table` as index and columns; the diagonal is 1 (or NaN for
    a column without spread).
    """
    if method not in ("pearson", "spearman"):
        raise ValueError(f"correlation_matrix: method must be 'pearson' or 'spearman', got {method!r}")
    columns = list(table.columns)
    data = table.to_numpy(dtype=float, na_value=np.nan)
    size = len(columns)
    coefficients = np.full((size, size), np.nan)
    counts = np.zeros((size, size), dtype=int)
    orders = [np.argsort(data[:, i], kind="stable") for i in range(size)] if method == "spearman" else []
    for i in range(size):
        for j in range(i, size):
            both = ~(np.isnan(data[:, i]) | np.isnan(data[:, j]))
            n = int(both.sum())
            counts[i, j] = counts[j, i] = n
            if n < max(min_pairs, MIN_PAIRS):
                continue
            if method == "spearman":
                x, y = _ranks_where(data[:, i], orders[i], both), _ranks_where(data[:, j], orders[j], both)
            else:
                x, y = data[both, i], data[both, j]
            coefficients[i, j] = coefficients[j, i] = _pearson(x, y, np.ones(n))
    return (
        pd.DataFrame(coefficients, index=columns, columns=columns),
        pd.DataFrame(counts, index=columns, columns=columns),
    )


def cluster_order(coefficients: pd.DataFrame) -> list:
    """The labels of a correlation matrix in the order of a hierarchical clustering.

    Distance = 1 − r (so strongly positively correlated indicators sit next to each other, as in
    R's corrplot "hclust" order); an undefined r (NaN) counts as 0, i.e. distance 1. Average
    linkage (UPGMA) with scipy's optimal leaf ordering, which makes the order deterministic:
    neighbours in the list are as similar as the tree allows. Fewer than 3 labels: unchanged.
    """
    labels = list(coefficients.index)
    if list(coefficients.columns) != labels:
        raise ValueError("cluster_order: the matrix must be square with the same labels on both axes")
    if len(labels) < 3:
        return labels
    r = coefficients.to_numpy(dtype=float, na_value=np.nan)
    distance = 1.0 - np.nan_to_num(r, nan=0.0)
    distance = np.clip((distance + distance.T) / 2.0, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = hierarchy.linkage(squareform(distance, checks=False), method="average", optimal_ordering=True)
    return [labels[i] for i in hierarchy.leaves_list(tree)]
