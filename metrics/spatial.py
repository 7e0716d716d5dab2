"""Spatial weights and spatial autocorrelation: contiguity, Moran's I, local Moran (LISA), Gi*.

Conventions (see the reference document of the metrics):

* Areas are unweighted (each area is one observation), as in PySAL ``esda`` and R ``spdep``.
* Weights are a `Weights` object, a neighbour dict ``{i: [j, ...]}`` (0-based positions, an area
  missing from the dict has no neighbours) or any scipy sparse matrix; ``w_ij > 0`` means that j
  is a neighbour of i. ``transform="r"`` row-standardises (w_ij / Σ_j w_ij), ``"b"`` uses 1 for
  every neighbour.
* An island (an area without neighbours) keeps a zero row, as in PySAL: it counts in n, its
  spatial lag is 0 and it adds nothing to S0 or to the cross-products.
* Permutation p-values follow PySAL's ``p_sim``: with k the number of simulated statistics at
  least as large as the observed one, p = (min(k, permutations − k) + 1) / (permutations + 1).
  Simulated values within a relative 1e-9 of the observed one count as ties, i.e. as at least as
  large, so that rounding cannot decide a tie.
* Undefined input raises ``ValueError("<function>: <reason>")``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from scipy import sparse
from scipy.stats import false_discovery_control, norm

from metrics._validation import as_vector

__all__ = [
    "GiStarResult",
    "LocalMoranResult",
    "MoranResult",
    "Weights",
    "attach_islands",
    "benjamini_hochberg",
    "contiguity",
    "getis_ord_gi_star",
    "local_morans",
    "morans_i",
]

# Relative tolerance below which a simulated statistic ties with the observed one.
_TIE_TOLERANCE = 1e-9
# Elements of one block of simulated local lags (float64): 2**20 is 8 MiB.
_LAG_BLOCK_ELEMENTS = 2**20
# Elements of one block of permuted vectors for global Moran (float64): 2**19 is 4 MiB, so that
# a block and its product stay in the cache (measured: larger blocks are slower).
_PERMUTED_BLOCK_ELEMENTS = 2**19


@dataclass(frozen=True)
class Weights:
    """Spatial weights between n areas.

    ``matrix`` is an n × n CSR matrix with ``matrix[i, j] > 0`` when area j is a neighbour of
    area i, as built: `contiguity` builds it binary and symmetric.
    """

    matrix: sparse.csr_matrix

    def __post_init__(self) -> None:
        matrix = sparse.csr_matrix(self.matrix, dtype=np.float64, copy=True)
        if matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"Weights: the matrix must be square, got shape {matrix.shape}")
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        if not np.isfinite(matrix.data).all():
            raise ValueError("Weights: the matrix contains missing or infinite weights")
        if (matrix.data < 0).any():
            raise ValueError("Weights: the matrix contains negative weights")
        object.__setattr__(self, "matrix", matrix)

    @classmethod
    def from_neighbours(cls, neighbours: Mapping[int, Iterable[int]], n: int) -> Weights:
        """Binary weights from ``{i: [j, ...]}`` with 0-based positions below `n`; an area that is
        not a key has no neighbours. The relation is taken as given (not symmetrised)."""
        rows, cols = [], []
        for area, adjacent in neighbours.items():
            adjacent = list(adjacent)
            rows.extend([area] * len(adjacent))
            cols.extend(adjacent)
        rows_array, cols_array = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        outside = (rows_array < 0) | (rows_array >= n) | (cols_array < 0) | (cols_array >= n)
        if outside.any() or any(not 0 <= area < n for area in neighbours):
            raise ValueError(f"Weights: the neighbour dict refers to areas outside 0..{n - 1}")
        matrix = sparse.csr_matrix((np.ones(rows_array.size), (rows_array, cols_array)), shape=(n, n))
        matrix.sum_duplicates()
        matrix.data[:] = 1.0  # a neighbour listed twice is still one neighbour
        return cls(matrix)

    @property
    def n(self) -> int:
        """Number of areas."""
        return self.matrix.shape[0]

    @property
    def islands(self) -> np.ndarray:
        """Positions of the areas without neighbours (zero rows)."""
        return np.flatnonzero(np.diff(self.matrix.indptr) == 0)

    def transform(self, kind: str = "r") -> sparse.csr_matrix:
        """The weights as used by a statistic: ``"r"`` row-standardised (rows sum to 1, islands
        keep a zero row), ``"b"`` binary (1 for every neighbour)."""
        matrix = self.matrix.copy()
        kind = kind.lower()
        if kind == "b":
            matrix.data[:] = 1.0
        elif kind == "r":
            matrix.data /= np.repeat(self.matrix.sum(axis=1).A1, np.diff(matrix.indptr))
        else:
            raise ValueError(f"Weights.transform: kind must be 'r' or 'b', got {kind!r}")
        return matrix


def _weights(w: Any, n: int, metric: str) -> Weights:
    """`w` as `Weights` for n areas; errors name `metric`."""
    try:
        if isinstance(w, Weights):
            weights = w
        elif isinstance(w, Mapping):
            weights = Weights.from_neighbours(w, n)
        elif sparse.issparse(w):
            weights = Weights(w)
        else:
            raise ValueError(f"w must be Weights, a neighbour dict or a sparse matrix, got {type(w).__name__}")
    except ValueError as error:
        raise ValueError(f"{metric}: {error}") from None
    if weights.n != n:
        raise ValueError(f"{metric}: the weights cover {weights.n} areas but y has {n} values")
    return weights


def _standardised_input(
    y: Any, w: Any, transform: str, metric: str, minimum: int
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Deviations from the mean of `y` and the transformed weights, checked for `metric`."""
    values = as_vector(y, metric, "y")
    if values.size < minimum:
        raise ValueError(f"{metric}: needs at least {minimum} areas, got {values.size}")
    if values.min() == values.max():
        raise ValueError(f"{metric}: y is constant, so its spatial autocorrelation is undefined")
    deviations = values - values.mean()
    weights = _weights(w, values.size, metric)
    try:
        matrix = weights.transform(transform)
    except ValueError as error:
        raise ValueError(f"{metric}: {error}") from None
    if matrix.nnz == 0:
        raise ValueError(f"{metric}: no area has a neighbour")
    return deviations, matrix


def contiguity(geometries: Iterable[Any], rook: bool = False) -> Weights:
    """Binary, symmetric contiguity weights from polygons (shapely geometries, e.g. a GeoSeries;
    convert WKB with ``shapely.from_wkb``).

    Queen (default): two polygons are neighbours when their boundaries share at least one point.
    Rook: when they share a boundary segment of positive length. Polygons that overlap are
    neighbours too. A missing or empty geometry, or a polygon that touches no other, is an
    island. Candidate pairs come from an STRtree, the predicates are evaluated vectorised.
    """
    shapes = np.asarray(list(geometries) if not isinstance(geometries, np.ndarray) else geometries, dtype=object)
    if shapes.ndim != 1:
        raise ValueError(f"contiguity: expected a sequence of geometries, got shape {shapes.shape}")
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pair = left < right
    left, right = left[pair], right[pair]
    if rook:  # DE-9IM: the boundaries intersect in a line
        shared_edge = shapely.relate_pattern(shapes[left], shapes[right], "****1****")
        left, right = left[shared_edge], right[shared_edge]
    rows, cols = np.concatenate([left, right]), np.concatenate([right, left])
    matrix = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(shapes.size, shapes.size))
    return Weights(matrix)


def attach_islands(weights: Weights, geometries: Iterable[Any]) -> tuple[Weights, dict[int, int]]:
    """`weights` in which every island gets its nearest area as a neighbour, in both directions
    (as PySAL's ``attach_islands`` with a one-nearest-neighbour graph), and ``{island: nearest}``.

    Nearest is the smallest distance between the geometries (0-based positions as in `weights`),
    measured in their coordinates, so pass a projection in which distances are comparable; a
    tie goes to the lower position. The new links get weight 1; an island without a geometry,
    or without any other area with one, stays an island.
    """
    shapes = np.asarray(list(geometries) if not isinstance(geometries, np.ndarray) else geometries, dtype=object)
    if shapes.shape != (weights.n,):
        raise ValueError(f"attach_islands: {weights.n} areas in the weights but {shapes.size} geometries")
    usable = np.array([shape is not None and not shapely.is_empty(shape) for shape in shapes], dtype=bool)
    attached: dict[int, int] = {}
    for island in weights.islands:
        if not usable[island]:
            continue
        distances = np.full(weights.n, np.inf)
        distances[usable] = shapely.distance(shapes[island], shapes[usable])
        distances[island] = np.inf
        if np.isfinite(distances).any():
            attached[int(island)] = int(np.argmin(distances))
    if not attached:
        return weights, attached
    rows = np.array([*attached, *attached.values()], dtype=np.int64)
    cols = np.array([*attached.values(), *attached], dtype=np.int64)
    links = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=weights.matrix.shape)
    links.data[:] = 1.0  # a link that both ends ask for is still one link
    return Weights(weights.matrix.maximum(links)), attached


@dataclass(frozen=True)
class MoranResult:
    """Global Moran's I with its inference (see `morans_i`)."""

    I: float  # noqa: E741 - the statistic's name
    EI: float
    var_norm: float
    z_norm: float
    p_norm: float
    var_rand: float
    z_rand: float
    p_rand: float
    p_sim: float
    permutations: int


def morans_i(y: Any, w: Any, permutations: int = 999, seed: Any = None, transform: str = "r") -> MoranResult:
    """Global Moran's I = (n / S0) Σ_ij w_ij z_i z_j / Σ_i z_i², z = y − ȳ (PySAL ``esda.Moran``).

    * ``EI`` = −1/(n − 1).
    * ``var_norm``, ``z_norm``, ``p_norm``: under normality; ``var_rand``, ``z_rand``, ``p_rand``:
      under randomisation (Cliff–Ord, kurtosis m4/m2²). The p-values are two-tailed.
    * ``p_sim``: from `permutations` random permutations of y (NaN when 0), PySAL's folded rule
      (module docstring); `seed` seeds ``numpy.random.default_rng``.
    * Islands keep a zero row (module docstring). Needs at least 4 areas and a non-constant y.
    """
    metric = "morans_i"
    z, matrix = _standardised_input(y, w, transform, metric, minimum=4)
    n = z.size
    sum_squares = float(z @ z)
    s0 = float(matrix.sum())
    statistic = n / s0 * float(z @ (matrix @ z)) / sum_squares

    symmetric = matrix + matrix.T
    s1 = 0.5 * float(symmetric.multiply(symmetric).sum())
    s2 = float(((matrix.sum(axis=1).A1 + matrix.sum(axis=0).A1) ** 2).sum())
    expected = -1.0 / (n - 1)
    var_norm = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected**2
    kurtosis = n * float((z**4).sum()) / sum_squares**2
    var_rand = (
        n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0)
        - kurtosis * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
    ) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - expected**2
    z_norm = (statistic - expected) / float(np.sqrt(var_norm))
    z_rand = (statistic - expected) / float(np.sqrt(var_rand))

    p_sim = np.nan
    if permutations:
        permutations = _permutation_count(permutations, metric)
        larger = _global_permutation_count(z, matrix, permutations, np.random.default_rng(seed))
        p_sim = _folded_p(larger, permutations)
    return MoranResult(
        I=statistic,
        EI=expected,
        var_norm=var_norm,
        z_norm=z_norm,
        p_norm=float(2 * norm.sf(abs(z_norm))),
        var_rand=var_rand,
        z_rand=z_rand,
        p_rand=float(2 * norm.sf(abs(z_rand))),
        p_sim=float(p_sim),
        permutations=int(permutations),
    )


def _permutation_count(permutations: int, metric: str) -> int:
    if int(permutations) != permutations or permutations < 0:
        raise ValueError(f"{metric}: permutations must be a whole number ≥ 0, got {permutations}")
    return int(permutations)


def _folded_p(larger: Any, permutations: int) -> Any:
    """PySAL's pseudo p-value from the count of simulated values at least as large as observed."""
    return (np.minimum(larger, permutations - larger) + 1.0) / (permutations + 1.0)


def _global_permutation_count(
    z: np.ndarray, matrix: sparse.csr_matrix, permutations: int, rng: np.random.Generator
) -> int:
    """How many random permutations of z give a cross-product Σ w_ij z_i z_j at least as large as z.

    The cross-product is the quadratic form of the upper triangle U of W + Wᵀ (plus W's diagonal),
    which has half the entries of W. Each block of permuted vectors Z, shape (n, block), costs one
    sparse product U @ Z. Blocks run on all cores (numpy's shuffling releases the GIL); each block
    has its own generator spawned from `rng`, so the result does not depend on the scheduling.
    """
    upper = (sparse.triu(matrix + matrix.T, k=1) + sparse.diags(matrix.diagonal())).tocsr()
    observed = float(z @ (upper @ z))
    threshold = observed - _TIE_TOLERANCE * float(np.abs(z) @ (abs(upper) @ np.abs(z)))
    workers = _available_cores()
    block_size = int(np.clip(_PERMUTED_BLOCK_ELEMENTS // z.size, 1, -(-permutations // workers)))
    starts = range(0, permutations, block_size)

    def count_block(start: int, generator: np.random.Generator) -> int:
        shuffled = np.tile(z, (min(block_size, permutations - start), 1))
        generator.permuted(shuffled, axis=1, out=shuffled)
        block = np.ascontiguousarray(shuffled.T)
        return int(np.count_nonzero(np.einsum("ij,ij->j", block, upper @ block) >= threshold))

    with ThreadPoolExecutor(max_workers=min(workers, len(starts))) as pool:
        return sum(pool.map(count_block, starts, rng.spawn(len(starts))))


def _available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class LocalMoranResult:
    """Local Moran's I per area (see `local_morans`)."""

    Is: np.ndarray
    quadrant: np.ndarray
    p_sim: np.ndarray
    z: np.ndarray
    lag: np.ndarray
    permutations: int


def local_morans(y: Any, w: Any, permutations: int = 999, seed: Any = None, transform: str = "r") -> LocalMoranResult:
    """Local Moran's I (LISA) per area, GeoDa/spdep convention.

    * ``z`` = (y − ȳ)/σ with the population standard deviation, ``lag`` = Σ_j w_ij z_j, and
      ``Is`` = z_i · lag_i. PySAL's ``esda.Moran_Local.Is`` is (n − 1)/n times this. With
      row-standardised weights and no islands the mean of ``Is`` is the global Moran's I.
    * ``quadrant``: "HH" (z > 0, lag > 0), "LH" (z ≤ 0, lag > 0), "LL" (z ≤ 0, lag ≤ 0),
      "HL" (z > 0, lag ≤ 0).
    * ``p_sim``: conditional permutation, PySAL's folded rule (module docstring): z_i stays, the
      values of i's neighbours are drawn without replacement from the other n − 1 areas. One
      random draw matrix (permutations × largest number of neighbours) serves every area, as in
      PySAL; the simulated lags of all areas are then one dense matrix product per block.
      NaN when `permutations` is 0.
    * Islands, as in PySAL, get a zero lag, Is = 0 and quadrant "HL" or "LL". Where no inference
      is possible, p_sim is NaN: for islands and for areas with z_i = 0 (their simulated Is are
      all 0; PySAL would report the smallest p-value there).
    """
    metric = "local_morans"
    deviations, matrix = _standardised_input(y, w, transform, metric, minimum=3)
    z = deviations / np.sqrt(deviations @ deviations / deviations.size)
    lag = matrix @ z
    statistic = z * lag
    quadrant = np.where(lag > 0, np.where(z > 0, "HH", "LH"), np.where(z > 0, "HL", "LL"))

    p_sim = np.full(z.size, np.nan)
    if permutations:
        permutations = _permutation_count(permutations, metric)
        others = (matrix - sparse.diags(matrix.diagonal())).tocsr()
        others.eliminate_zeros()
        larger = _conditional_permutation_counts(z, others, permutations, np.random.default_rng(seed))
        informative = (np.diff(others.indptr) > 0) & (z != 0)
        p_sim[informative] = _folded_p(larger[informative], permutations)
    return LocalMoranResult(Is=statistic, quadrant=quadrant, p_sim=p_sim, z=z, lag=lag, permutations=int(permutations))


def _distinct_draws(rng: np.random.Generator, population: int, size: int, rows: int) -> np.ndarray:
    """`rows` independent uniform random sequences of `size` distinct integers from range(population)."""
    if size * size > 2 * population:  # repeats would be common: sample row by row
        draws = [rng.choice(population, size, replace=False) for _ in range(rows)]
        return np.array(draws, dtype=np.intp).reshape(rows, size)
    draws = rng.integers(0, population, size=(rows, size))
    while True:  # redraw the rows that repeat an integer (most rows are fine when size² ≤ 2 population)
        ordered = np.sort(draws, axis=1)
        repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
        if not repeated.any():
            return draws
        draws[repeated] = rng.integers(0, population, size=(int(repeated.sum()), size))


def _conditional_permutation_counts(
    z: np.ndarray, others: sparse.csr_matrix, permutations: int, rng: np.random.Generator
) -> np.ndarray:
    """Per area i, how many conditional permutations give z_i · Σ_j w_ij z_j at least as large as
    observed; `others` holds the weights without self-weights (which add the same z_i term to
    the observed and every simulated lag, so they cancel out of the comparison).

    A draw r ∈ {0, ..., n − 2} stands for area r, except that for area i the draw i stands for
    area n − 1: a uniform sample of "the others" for every area from one draw matrix. Slot m of
    area i takes its m-th neighbour's weight; simulated lags = draws' values @ slot weights, then
    corrected where a draw hit the area itself.
    """
    n = z.size
    cardinality = np.diff(others.indptr)
    observed_lag = others @ z
    tolerance = _TIE_TOLERANCE * (abs(others) @ np.full(n, np.abs(z).max()))
    # Compare the lag instead of z_i · lag; for z_i < 0 the inequality turns round.
    threshold = np.where(z > 0, observed_lag - tolerance, np.nextafter(observed_lag + tolerance, np.inf))

    draws = _distinct_draws(rng, n - 1, int(cardinality.max()), permutations)
    drawn_values = z[draws]
    replicate, slot = np.indices(draws.shape).reshape(2, -1)
    hit_area = draws.ravel()
    hit = slot < cardinality[hit_area]
    replicate, slot, hit_area = replicate[hit], slot[hit], hit_area[hit]
    correction = others.data[others.indptr[hit_area] + slot] * (z[n - 1] - z[hit_area])

    # Areas ordered by number of neighbours, so that a block only uses the slots it needs.
    order = np.argsort(cardinality, kind="stable")
    position = np.empty(n, dtype=np.intp)
    position[order] = np.arange(n)
    hit_position = position[hit_area]
    block_size = max(1, _LAG_BLOCK_ELEMENTS // permutations)
    larger = np.empty(n, dtype=np.int64)
    for start in range(0, n, block_size):
        areas = order[start : start + block_size]
        rows = others[areas]
        slots = int(cardinality[areas[-1]])
        row_of_entry = np.repeat(np.arange(areas.size), np.diff(rows.indptr))
        slot_weights = np.zeros((slots, areas.size))
        slot_weights[np.arange(rows.nnz) - rows.indptr[row_of_entry], row_of_entry] = rows.data
        simulated_lag = drawn_values[:, :slots] @ slot_weights
        in_block = (hit_position >= start) & (hit_position < start + areas.size)
        np.add.at(simulated_lag, (replicate[in_block], hit_position[in_block] - start), correction[in_block])
        at_least = np.count_nonzero(simulated_lag >= threshold[areas], axis=0)
        larger[areas] = np.where(z[areas] > 0, at_least, permutations - at_least)
    return larger


@dataclass(frozen=True)
class GiStarResult:
    """Getis–Ord Gi* per area (see `getis_ord_gi_star`)."""

    Gs: np.ndarray
    z: np.ndarray
    p_norm: np.ndarray


def getis_ord_gi_star(y: Any, w: Any) -> GiStarResult:
    """Getis–Ord Gi* hot-spot statistic per area (PySAL ``esda.G_Local(star=True, transform="B")``).

    Binary weights with w_ii = 1: every neighbour in `w` counts 1, whatever its weight, and
    each area is its own neighbour. ``Gs`` = Σ_j w_ij y_j / Σ_j y_j; ``z`` =
    (Σ_j w_ij y_j − ȳ W_i) / (S √((n S1_i − W_i²)/(n − 1))) with W_i = Σ_j w_ij, S1_i = Σ_j w_ij²
    and S² = Σ y²/n − ȳ²; ``p_norm`` two-tailed. z > 0 marks a hot spot, z < 0 a cold spot. An
    area that neighbours every area has zero variance: its z is NaN.
    """
    metric = "getis_ord_gi_star"
    values = as_vector(y, metric, "y")
    n = values.size
    if n < 2:
        raise ValueError(f"{metric}: needs at least 2 areas, got {n}")
    total = values.sum()
    if total == 0:
        raise ValueError(f"{metric}: y sums to zero, so Gs is undefined")
    if values.min() == values.max():
        raise ValueError(f"{metric}: y is constant, so the z-values are undefined")
    spread = np.sqrt(max(values @ values / n - (total / n) ** 2, 0.0))
    binary = _weights(w, n, metric).transform("b").maximum(sparse.identity(n, format="csr"))
    local_sum = binary @ values
    neighbours = np.diff(binary.indptr).astype(np.float64)  # W_i = S1_i for binary weights
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local_sum - total / n * neighbours) / (spread * np.sqrt((n * neighbours - neighbours**2) / (n - 1)))
    return GiStarResult(Gs=local_sum / total, z=z, p_norm=2 * norm.sf(np.abs(z)))


def benjamini_hochberg(p: Any) -> np.ndarray:
    """p-values adjusted for the false discovery rate (Benjamini–Hochberg, step-up).

    An area is significant at FDR level q when its adjusted p-value is ≤ q: of the areas so
    marked, at most a share q is expected to be marked by chance. Missing p-values (NaN, e.g. an
    area whose statistic is undefined) stay NaN and do not count among the tests.
    """
    values = np.asarray(p, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"benjamini_hochberg: p must be one-dimensional, got shape {values.shape}")
    tested = np.isfinite(values)
    if ((values[tested] < 0) | (values[tested] > 1)).any():
        raise ValueError("benjamini_hochberg: p-values must lie in [0, 1]")
    adjusted = np.full(values.shape, np.nan)
    if tested.any():
        adjusted[tested] = false_discovery_control(values[tested], method="bh")
    return adjusted
