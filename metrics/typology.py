"""Area types: a typology of areas from several indicators, as German social-space analyses build it.

Conventions (docs/area-types.md states them for readers):

- **Input**: a matrix of areas × indicators without missing values (the caller leaves out
  areas with a missing value and says which).
- **Standardised**: z = (x − mean) / standard deviation per indicator, over the areas in the
  typology, unweighted (every area counts once; population standard deviation, ddof = 0).
  Every indicator has the same weight, so each contributes equally to the distances.
- **Clustering**: Ward's method on the Euclidean distances of the z-values
  (`scipy.cluster.hierarchy.linkage(method="ward")`): at every step the two groups merge
  whose union adds least to the sum of squared distances from the group means.
- **Many areas, the types**: Ward's tree needs all pairwise distances (n² / 2; 400 MB and
  many seconds at 10,000 areas). Beyond MAX_WARD_AREAS (2,000) areas the tree is built from a
  seeded sample of that many areas (`ward_tree`); every other area joins the type whose mean
  z-vector (over the sampled areas of the type) is nearest, Euclidean (`nearest_mean`; ties: the
  lower type number), the sampled areas keep their Ward type. The types are then numbered by
  their sizes among all areas, and the profiles are the means over all areas.
- **Types** are numbered 1 … k by size, largest first (ties: the type holding the earlier
  area in the input order).
- **Suggested number of types**: the k in 2 … k_max with the highest average silhouette
  (Rousseeuw 1987): per area s = (b − a) / max(a, b), a = mean distance to the other areas of
  its type, b = the smallest mean distance to the areas of another type; s = 0 for an area
  alone in its type (as scikit-learn does).
- **Stability** (Hennig 2007, "clusterboot"): `resamples` bootstrap samples of the areas
  (drawn with replacement, seeded), each clustered again into k types; per original type the
  Jaccard similarity with the most similar new type on the areas drawn, averaged over the
  samples (≥ 0.75 stable, 0.6–0.75 a pattern, < 0.6 unstable); and the adjusted Rand index
  (Hubert & Arabie 1985) between the original and the new typology on the areas drawn,
  averaged.
- **Many areas, the measures**: beyond MAX_SAMPLED_AREAS (1,000) areas the silhouettes use a
  seeded sample of that many areas, and beyond MAX_BOOTSTRAP_AREAS (500) the bootstrap draws its
  resamples from a seeded sample of that many (`sampled_areas`), so that their cost stays
  bounded (100 Ward trees of 1,000 areas: 3–4 s; of 500: under a second).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist, squareform

__all__ = [
    "MAX_BOOTSTRAP_AREAS",
    "MAX_SAMPLED_AREAS",
    "MAX_WARD_AREAS",
    "PATTERN",
    "STABLE",
    "Stability",
    "Tree",
    "adjusted_rand_index",
    "cut",
    "nearest_mean",
    "sampled_areas",
    "silhouette",
    "stability",
    "standardise",
    "suggest_k",
    "type_profiles",
    "types",
    "ward",
    "ward_tree",
]

STABLE = 0.75  # mean Jaccard from which a type counts as stable (Hennig 2007)
PATTERN = 0.6  # … as a pattern worth noting, below as unstable


MAX_SAMPLED_AREAS = 1_000  # silhouettes on at most this many areas (sampled_areas)
MAX_BOOTSTRAP_AREAS = 500  # bootstrap stability on at most this many areas
MAX_WARD_AREAS = 2_000  # Ward's tree of at most this many areas (about 0.2 s); the others join the nearest type mean


def _matrix(values: object, metric: str) -> np.ndarray:
    matrix = np.asarray(values, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"{metric}: expected a 2-D matrix of areas × indicators, got shape {matrix.shape}")
    if not np.isfinite(matrix).all():
        raise ValueError(f"{metric}: the matrix has missing or infinite values; leave those areas out first")
    return matrix


def standardise(values: object) -> np.ndarray:
    """z-values per column: (x − mean) / population standard deviation; a constant column is refused."""
    matrix = _matrix(values, "standardise")
    if matrix.shape[0] < 2:
        raise ValueError("standardise: needs at least two areas")
    spread = matrix.std(axis=0)
    if (spread == 0).any():
        raise ValueError(f"standardise: columns {np.flatnonzero(spread == 0).tolist()} are constant and cannot be standardised")
    return (matrix - matrix.mean(axis=0)) / spread


def ward(z: object) -> np.ndarray:
    """Ward's hierarchical clustering of the rows of `z` (Euclidean): scipy's linkage matrix."""
    matrix = _matrix(z, "ward")
    if matrix.shape[0] < 2:
        raise ValueError("ward: needs at least two areas")
    return linkage(matrix, method="ward", metric="euclidean")


def _numbered_by_size(raw: np.ndarray) -> np.ndarray:
    """Group labels renumbered 1 … k by size, largest first (ties: the group of the earlier row first)."""
    groups, first, inverse, counts = np.unique(raw, return_index=True, return_inverse=True, return_counts=True)
    order = np.lexsort((first, -counts))  # last key first: size descending, then first row
    number = np.empty(groups.size, dtype=np.int64)
    number[order] = np.arange(1, groups.size + 1)
    return number[inverse.ravel()]


def cut(tree: np.ndarray, k: int) -> np.ndarray:
    """The tree cut into k types, numbered 1 … k by size (largest first; ties: earliest area first)."""
    return _numbered_by_size(fcluster(tree, t=k, criterion="maxclust"))


@dataclass(frozen=True)
class Tree:
    """Ward's tree (scipy's linkage matrix) of the rows `rows` of a matrix of `n` areas: all of
    them up to MAX_WARD_AREAS, else a seeded sample."""

    linkage: np.ndarray
    rows: np.ndarray
    n: int


def ward_tree(z: object, seed: int = 0) -> Tree:
    """Ward's tree of all areas, or beyond MAX_WARD_AREAS of a seeded sample of that many (`types`
    assigns the others)."""
    matrix = _matrix(z, "ward_tree")
    rows = sampled_areas(matrix.shape[0], seed, limit=MAX_WARD_AREAS)
    return Tree(linkage=ward(matrix[rows]), rows=rows, n=matrix.shape[0])


def nearest_mean(z: object, means: object) -> np.ndarray:
    """For each row of z the number (1 … k) of the nearest row of `means`, Euclidean; ties: the lower number."""
    matrix, centres = _matrix(z, "nearest_mean"), _matrix(means, "nearest_mean")
    best = np.zeros(matrix.shape[0], dtype=np.int64)
    best_distance = np.full(matrix.shape[0], np.inf)
    for number, centre in enumerate(centres):  # one pass per type: memory n × indicators, not n × k × indicators
        distance = np.square(matrix - centre).sum(axis=1)
        closer = distance < best_distance
        best[closer], best_distance[closer] = number, distance[closer]
    return best + 1


def types(z: object, tree: Tree, k: int) -> np.ndarray:
    """The k types of all areas from `tree`: its cut, and beyond MAX_WARD_AREAS the other areas
    assigned to the nearest type mean of the sample; numbered 1 … k by size among all areas."""
    matrix = _matrix(z, "types")
    if matrix.shape[0] != tree.n:
        raise ValueError(f"types: the tree is of {tree.n} areas, the matrix has {matrix.shape[0]}")
    sampled = cut(tree.linkage, k)
    if tree.rows.size == tree.n:
        return sampled
    means = type_profiles(matrix[tree.rows], sampled)
    labels = nearest_mean(matrix, means)
    labels[tree.rows] = sampled
    return _numbered_by_size(labels)


def _silhouettes(distances: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Silhouette per area from a square distance matrix; 0 for an area alone in its type."""
    types = np.unique(labels)
    members = labels[:, None] == types[None, :]  # areas × types
    sizes = members.sum(axis=0)
    sums = distances @ members  # total distance of each area to each type
    own = members.argmax(axis=1)
    own_size = sizes[own]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = sums[np.arange(len(labels)), own] / (own_size - 1)
        mean_to = sums / sizes[None, :]
    mean_to[members] = np.inf
    b = mean_to.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (b - a) / np.maximum(a, b)
    s[own_size == 1] = 0.0
    return np.nan_to_num(s, nan=0.0)


def silhouette(z: object, labels: object) -> float:
    """The average silhouette of a typology (Euclidean distances of z); needs 2 ≤ types < areas."""
    matrix = _matrix(z, "silhouette")
    labels = np.asarray(labels)
    if not 2 <= np.unique(labels).size < len(labels):
        raise ValueError("silhouette: needs at least two types and fewer types than areas")
    return float(_silhouettes(squareform(pdist(matrix)), labels).mean())


def sampled_areas(n: int, seed: int = 0, limit: int | None = None) -> np.ndarray:
    """The rows the costly measures use: all n areas up to `limit` (default MAX_SAMPLED_AREAS),
    else that many drawn without replacement (seeded, sorted). Silhouettes need all pairwise distances (n² /
    2: 400 MB at 10,000 areas) and every bootstrap resample a Ward tree of its own (seconds at
    10,000 areas, a hundred times): on a sample of a thousand areas both take about a second."""
    limit = MAX_SAMPLED_AREAS if limit is None else limit
    if n <= limit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


def suggest_k(z: object, tree: Tree, k_max: int) -> tuple[int, pd.DataFrame]:
    """The k in 2 … k_max (and < areas) with the highest average silhouette, and the table k,
    silhouette; beyond MAX_SAMPLED_AREAS areas the silhouettes of a seeded sample of them."""
    matrix = _matrix(z, "suggest_k")
    rows = sampled_areas(matrix.shape[0])
    distances = squareform(pdist(matrix[rows]))
    ks = list(range(2, min(k_max, matrix.shape[0] - 1) + 1))
    if not ks:
        raise ValueError("suggest_k: needs at least three areas")
    scores = [float(_silhouettes(distances, types(matrix, tree, k)[rows]).mean()) for k in ks]
    table = pd.DataFrame({"k": ks, "silhouette": scores})
    return int(ks[int(np.argmax(scores))]), table


def type_profiles(z: object, labels: object) -> np.ndarray:
    """Mean z-value per type (rows 1 … k) and indicator (columns)."""
    matrix = _matrix(z, "type_profiles")
    labels = np.asarray(labels)
    return np.vstack([matrix[labels == number].mean(axis=0) for number in range(1, int(labels.max()) + 1)])


def _pairs(counts: np.ndarray) -> float:
    return float((counts * (counts - 1) / 2).sum())


def adjusted_rand_index(first: object, second: object) -> float:
    """Hubert & Arabie's adjusted Rand index of two labellings of the same items (1 = identical; 0 = chance)."""
    a, b = np.asarray(first), np.asarray(second)
    if a.shape != b.shape or a.ndim != 1 or a.size < 2:
        raise ValueError("adjusted_rand_index: needs two labellings of the same ≥ 2 items")
    _, a_codes = np.unique(a, return_inverse=True)
    _, b_codes = np.unique(b, return_inverse=True)
    table = np.zeros((a_codes.max() + 1, b_codes.max() + 1))
    np.add.at(table, (a_codes, b_codes), 1)
    index = _pairs(table)
    rows, columns = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    expected = rows * columns / _pairs(np.array([a.size]))
    maximum = (rows + columns) / 2
    if maximum == expected:  # both labellings put everything in one group, or every item alone
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class Stability:
    """Mean Jaccard per type (index 0 = type 1), the mean adjusted Rand index, and the resamples used."""

    jaccard: np.ndarray
    rand_index: float
    resamples: int


def stability(z: object, labels: object, *, resamples: int = 200, seed: int = 0) -> Stability:
    """Bootstrap stability of the Ward typology `labels` (types 1 … k of every area, as `types`
    gives them; Hennig's clusterboot). Beyond MAX_BOOTSTRAP_AREAS areas the resamples are drawn
    from a seeded sample of the areas (each compared with the shown types of those areas), so
    that the cost stays bounded."""
    matrix = _matrix(z, "stability")
    labels = np.asarray(labels)
    n, k = matrix.shape[0], int(labels.max())
    if labels.shape != (n,):
        raise ValueError(f"stability: {labels.shape[0] if labels.ndim else 0} labels for {n} areas")
    if not 2 <= k < n:
        raise ValueError(f"stability: needs 2 ≤ k < areas, got k = {k} for {n} areas")
    rows = sampled_areas(n, seed, limit=MAX_BOOTSTRAP_AREAS)
    original = labels[rows]
    matrix, n = matrix[rows], rows.size
    rng = np.random.default_rng(seed)
    totals, counts = np.zeros(k), np.zeros(k)
    rand_indices = []
    for _ in range(resamples):
        drawn = rng.integers(0, n, size=n)
        distinct = np.unique(drawn)
        if distinct.size <= k:
            continue
        new = cut(ward(matrix[drawn]), k)
        # every copy of an area sits in one type (zero distance merges first): one label per distinct area
        label_of = np.zeros(n, dtype=np.int64)
        label_of[drawn] = new
        relabelled = label_of[distinct]
        before = original[distinct]
        # Jaccard of every original type (rows) with every new type (columns): |A ∩ B| ÷ (|A| + |B| − |A ∩ B|)
        overlap = np.zeros((k, k), dtype=np.int64)
        np.add.at(overlap, (before - 1, relabelled - 1), 1)
        in_before, in_new = overlap.sum(axis=1), overlap.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            jaccards = overlap / (in_before[:, None] + in_new[None, :] - overlap)
        present = in_before > 0  # a type with no area drawn has no Jaccard in this resample
        totals[present] += jaccards[present].max(axis=1)
        counts[present] += 1
        rand_indices.append(adjusted_rand_index(before, relabelled))
    with np.errstate(invalid="ignore"):
        jaccard = np.where(counts > 0, totals / np.maximum(counts, 1), np.nan)
    return Stability(jaccard=jaccard, rand_index=float(np.mean(rand_indices)) if rand_indices else float("nan"), resamples=len(rand_indices))
