"""Spatial weights and autocorrelation against the reference values of REFERENCE.md (esda 2.9.0,
libpysal 4.14.1, R spdep 1.2-7), esda's own test-suite values, dense textbook formulas and exact
permutation distributions."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import sparse
from scipy.stats import norm

from metrics import spatial
from metrics.spatial import Weights, attach_islands, contiguity, getis_ord_gi_star, local_morans, morans_i
from tests.conftest import REFERENCE_DATA, require_shared

SYNTHETIC = 1e-9
UPSTREAM = 1.5e-7

SYNTHETIC10_QUEEN = {
    0: [1, 5, 6], 1: [0, 2, 5, 6, 7], 2: [1, 3, 6, 7, 8], 3: [2, 4, 7, 8, 9], 4: [3, 8, 9],
    5: [0, 1, 6], 6: [0, 1, 2, 5, 7], 7: [1, 2, 3, 6, 8], 8: [2, 3, 4, 7, 9], 9: [3, 4, 8],
}  # fmt: skip
SYNTHETIC10_ROOK = {
    0: [1, 5], 1: [0, 2, 6], 2: [1, 3, 7], 3: [2, 4, 8], 4: [3, 9],
    5: [0, 6], 6: [1, 5, 7], 7: [2, 6, 8], 8: [3, 7, 9], 9: [4, 8],
}  # fmt: skip


# --- reading the reference files -------------------------------------------------------------


def read_gal(path: Path, ids: list[str]) -> dict[int, list[int]]:
    """Neighbours from a GAL file, as positions of `ids` (the data file's row order)."""
    lines = require_shared(path).read_text().splitlines()
    position = {area: i for i, area in enumerate(ids)}
    neighbours, line = {}, 1
    while line < len(lines):
        if not lines[line].strip():
            line += 1
            continue
        area, count = lines[line].split()
        adjacent = lines[line + 1].split() if int(count) else []
        neighbours[position[area]] = [position[j] for j in adjacent]
        line += 2
    return neighbours


def read_polygons(path: Path) -> list:
    features = json.loads(require_shared(path).read_text())["features"]
    return [shapely.geometry.shape(feature["geometry"]) for feature in features]


def read_edges(path: Path) -> set[tuple[int, int]]:
    edges = pd.read_csv(require_shared(path))
    return set(zip(edges["i"], edges["j"], strict=True))


def edges_of(weights: Weights) -> set[tuple[int, int]]:
    rows, cols = weights.matrix.nonzero()
    return set(zip(rows.tolist(), cols.tolist(), strict=True))


def as_lists(weights: Weights) -> dict[int, list[int]]:
    matrix = weights.matrix
    return {i: matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]].tolist() for i in range(weights.n)}


@pytest.fixture(scope="module")
def stl() -> tuple[np.ndarray, dict[int, list[int]]]:
    data = pd.read_csv(require_shared(REFERENCE_DATA / "stl_hom.csv"), skiprows=1)
    ids = [str(i) for i in range(1, len(data) + 1)]  # stl.gal: 1-based ids in row order
    return data["HR8893"].to_numpy(), read_gal(REFERENCE_DATA / "stl.gal", ids)


@pytest.fixture(scope="module")
def synthetic10() -> pd.DataFrame:
    return pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))


@pytest.fixture(scope="module")
def desmith() -> tuple[np.ndarray, dict[int, list[int]]]:
    data = pd.read_csv(require_shared(REFERENCE_DATA / "desmith.csv"), skiprows=1)
    return data["z"].to_numpy(), read_gal(REFERENCE_DATA / "desmith.gal", data["id"].astype(str).tolist())


def lattice(rows: int, cols: int) -> list:
    return [shapely.box(c, r, c + 1, r + 1) for r in range(rows) for c in range(cols)]


# --- dense textbook formulas (REFERENCE.md conventions) ----------------------------------------


def dense(neighbours, n: int, transform: str = "r") -> np.ndarray:
    matrix = np.zeros((n, n))
    for i, adjacent in neighbours.items():
        matrix[i, adjacent] = 1.0
    if transform == "r":
        sums = matrix.sum(axis=1, keepdims=True)
        matrix = np.divide(matrix, sums, out=np.zeros_like(matrix), where=sums > 0)
    return matrix


def dense_moran(y: np.ndarray, w: np.ndarray) -> dict[str, float]:
    n, z = y.size, y - y.mean()
    s0 = w.sum()
    s1 = 0.5 * ((w + w.T) ** 2).sum()
    s2 = ((w.sum(axis=1) + w.sum(axis=0)) ** 2).sum()
    expected = -1 / (n - 1)
    kurtosis = n * (z**4).sum() / (z @ z) ** 2
    var_rand = (
        n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0**2) - kurtosis * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0**2)
    ) / ((n - 1) * (n - 2) * (n - 3) * s0**2) - expected**2
    return {
        "I": n / s0 * (z @ w @ z) / (z @ z),
        "EI": expected,
        "var_norm": (n * n * s1 - n * s2 + 3 * s0**2) / ((n * n - 1) * s0**2) - expected**2,
        "var_rand": var_rand,
    }


# --- contiguity --------------------------------------------------------------------------------


def test_synthetic10_contiguity():
    polygons = read_polygons(REFERENCE_DATA / "synthetic10.geojson")
    assert as_lists(contiguity(polygons)) == SYNTHETIC10_QUEEN
    assert as_lists(contiguity(polygons, rook=True)) == SYNTHETIC10_ROOK


def test_columbus_contiguity_matches_libpysal_edges():
    polygons = read_polygons(REFERENCE_DATA / "columbus.geojson")
    queen = contiguity(polygons)
    assert edges_of(queen) == read_edges(REFERENCE_DATA / "columbus_queen_edges.csv")
    assert edges_of(contiguity(polygons, rook=True)) == read_edges(REFERENCE_DATA / "columbus_rook_edges.csv")
    gal = read_gal(REFERENCE_DATA / "columbus.gal", [str(i) for i in range(1, 50)])
    assert edges_of(queen) == {(i, j) for i, adjacent in gal.items() for j in adjacent}


def test_grid_neighbour_counts():
    queen, rook = contiguity(lattice(30, 30)), contiguity(lattice(30, 30), rook=True)
    counts_queen = np.diff(queen.matrix.indptr).reshape(30, 30)
    counts_rook = np.diff(rook.matrix.indptr).reshape(30, 30)
    assert counts_queen[0, 0] == 3 and counts_queen[0, 5] == 5 and counts_queen[5, 5] == 8
    assert counts_rook[0, 0] == 2 and counts_rook[0, 5] == 3 and counts_rook[5, 5] == 4
    assert (queen.matrix != queen.matrix.T).nnz == 0


def test_missing_geometry_and_separate_polygon_are_islands():
    polygons = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), None, shapely.box(5, 5, 6, 6)]
    weights = contiguity(polygons)
    assert weights.islands.tolist() == [2, 3]
    assert as_lists(weights) == {0: [1], 1: [0], 2: [], 3: []}


def test_an_island_gets_its_nearest_area_in_both_directions():
    # 0 and 1 touch; 3 lies 3 units from 1 (and 4.2 from 0); 4 lies 1 unit from 3: its nearest;
    # 2 has no geometry and stays an island
    polygons = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), None, shapely.box(5, 0, 6, 1), shapely.box(7, 0, 8, 1)]
    weights, attached = attach_islands(contiguity(polygons), polygons)
    assert attached == {3: 4, 4: 3}
    assert as_lists(weights) == {0: [1], 1: [0], 2: [], 3: [4], 4: [3]}
    # a lone island joins the nearest of the connected areas, which gains it as a neighbour
    lone = polygons[:4]
    weights, attached = attach_islands(contiguity(lone), lone)
    assert attached == {3: 1}
    assert as_lists(weights) == {0: [1], 1: [0, 3], 2: [], 3: [1]}
    assert (weights.matrix != weights.matrix.T).nnz == 0 and set(weights.matrix.data) == {1.0}
    # the Moran's I of the attached graph equals the one of the same graph written by hand
    y = np.array([1.0, 4.0, 2.0, 8.0])
    assert morans_i(y, weights, permutations=0).I == pytest.approx(morans_i(y, {0: [1], 1: [0, 3], 3: [1]}, permutations=0).I, abs=SYNTHETIC)


def test_attaching_islands_without_islands_changes_nothing():
    polygons = lattice(2, 2)
    weights = contiguity(polygons)
    attached_weights, attached = attach_islands(weights, polygons)
    assert attached == {} and attached_weights is weights
    with pytest.raises(ValueError, match="attach_islands: 4 areas in the weights but 3 geometries"):
        attach_islands(weights, polygons[:3])


def test_sacramento_edges_are_symmetric_weights():
    edges = read_edges(REFERENCE_DATA / "sacramento1_queen_edges.csv")
    weights = Weights.from_neighbours({i: [j for a, j in edges if a == i] for i in range(403)}, 403)
    assert weights.n == 403 and weights.islands.size == 0
    assert (weights.matrix != weights.matrix.T).nnz == 0


def test_weights_transform():
    weights = Weights.from_neighbours({0: [1, 2], 1: [0], 2: [0]}, 4)
    np.testing.assert_allclose(weights.transform("r").toarray(), [[0, 0.5, 0.5, 0], [1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
    np.testing.assert_array_equal(weights.transform("b").toarray(), weights.matrix.toarray())
    assert weights.islands.tolist() == [3]


# --- global Moran's I --------------------------------------------------------------------------


def test_stl_moran_reference(stl):
    y, neighbours = stl
    result = morans_i(y, neighbours, permutations=99, seed=1)
    assert result.I == pytest.approx(0.24365582621771659, abs=UPSTREAM)
    assert result.EI == pytest.approx(-0.012987012987, abs=UPSTREAM)
    assert result.var_norm == pytest.approx(0.004968139260, abs=UPSTREAM)
    assert result.z_norm == pytest.approx(3.641097184, abs=UPSTREAM)
    assert result.p_norm == pytest.approx(2 * 0.00013573931385468807, rel=UPSTREAM)  # reference: one-tailed
    assert result.var_rand == pytest.approx(0.002976102829, abs=UPSTREAM)
    assert result.z_rand == pytest.approx(4.704410221, abs=UPSTREAM)
    assert result.p_sim == pytest.approx(0.01)  # z ≈ 4.7: no permutation comes close


def test_lattice_3x3_moran_reference():
    result = morans_i(np.arange(1.0, 10.0), contiguity(lattice(3, 3), rook=True), permutations=0, transform="b")
    assert result.I == pytest.approx(0.5, abs=SYNTHETIC)
    assert result.EI == pytest.approx(-0.125, abs=SYNTHETIC)
    assert result.var_rand == pytest.approx(0.0596875, abs=SYNTHETIC)
    assert result.var_norm == pytest.approx(0.053125, abs=SYNTHETIC)
    assert np.isnan(result.p_sim)


def test_synthetic10_moran_reference(synthetic10):
    weights = contiguity(read_polygons(REFERENCE_DATA / "synthetic10.geojson"))
    result = morans_i(synthetic10["income"], weights, permutations=0)
    assert result.I == pytest.approx(0.719155409441, abs=SYNTHETIC)
    assert result.var_norm == pytest.approx(0.0267205387205, abs=SYNTHETIC)
    assert result.z_norm == pytest.approx(5.07919540282, abs=SYNTHETIC)
    assert result.p_norm == pytest.approx(3.7903670348e-07, abs=SYNTHETIC)


def test_sids2_moran_esda_test_suite():
    data = pd.read_csv(require_shared(REFERENCE_DATA / "sids2.csv"))
    neighbours = read_gal(REFERENCE_DATA / "sids2.gal", data["FIPSNO"].astype(str).tolist())
    result = morans_i(data["SIDR74"], neighbours, permutations=0)
    assert result.I == pytest.approx(0.24772519320480135, abs=UPSTREAM)  # esda tests/test_moran.py
    assert result.p_norm == pytest.approx(2 * 5.7916539074498452e-05, rel=UPSTREAM)


def test_sacramento_moran_matches_dense_formulas():
    data = pd.read_csv(require_shared(REFERENCE_DATA / "sacramento1.csv"))
    edges = read_edges(REFERENCE_DATA / "sacramento1_queen_edges.csv")
    neighbours = {i: [j for a, j in edges if a == i] for i in range(len(data))}
    y = data["HSG_VAL"].to_numpy(dtype=float)
    for transform in ("r", "b"):
        result, expected = morans_i(y, neighbours, permutations=0, transform=transform), dense_moran(y, dense(neighbours, y.size, transform))
        for name, value in expected.items():
            assert getattr(result, name) == pytest.approx(value, rel=1e-12), (transform, name)


def test_islands_keep_zero_rows_as_in_pysal(synthetic10):
    neighbours = {i: [j for j in adjacent if j != 4] for i, adjacent in SYNTHETIC10_QUEEN.items() if i != 4}
    y = synthetic10["income"].to_numpy()
    result, expected = morans_i(y, neighbours, permutations=0), dense_moran(y, dense(neighbours, 10))
    assert Weights.from_neighbours(neighbours, 10).islands.tolist() == [4]
    for name, value in expected.items():
        assert getattr(result, name) == pytest.approx(value, rel=1e-12), name


def test_moran_accepts_every_weights_form(synthetic10):
    y = synthetic10["income"]
    weights = Weights.from_neighbours(SYNTHETIC10_QUEEN, 10)
    as_weights = morans_i(y, weights, seed=3)
    assert morans_i(y, SYNTHETIC10_QUEEN, seed=3) == as_weights
    assert morans_i(y, weights.matrix, seed=3) == as_weights
    assert morans_i(y, sparse.csr_array(weights.matrix), seed=3) == as_weights


def test_moran_p_sim_matches_exact_permutation_distribution():
    y = np.array([3.0, 1.0, 4.0, 1.5, 5.0, 9.0])
    path = {i: [j for j in (i - 1, i + 1) if 0 <= j < 6] for i in range(6)}
    w = dense(path, 6)
    z = y - y.mean()
    observed = z @ w @ z
    simulated = np.array([z[list(p)] @ w @ z[list(p)] for p in itertools.permutations(range(6))])
    at_least = np.mean(simulated >= observed - 1e-12)
    exact = min(at_least, 1 - at_least)
    result = morans_i(y, path, permutations=9999, seed=7)
    assert result.p_sim == pytest.approx(exact, abs=4 * np.sqrt(exact * (1 - exact) / 9999) + 2e-4)


def test_moran_p_sim_is_reproducible(stl):
    y, neighbours = stl
    shuffled = np.random.default_rng(0).permutation(y)  # no autocorrelation left
    first, second = morans_i(shuffled, neighbours, seed=42), morans_i(shuffled, neighbours, seed=42)
    assert first.p_sim == second.p_sim
    assert 1 / 1000 <= first.p_sim <= 0.5 + 1 / 1000


# --- local Moran -------------------------------------------------------------------------------


def test_local_moran_geoda_convention(desmith):
    y, neighbours = desmith
    result = local_morans(y, neighbours, permutations=0)
    w = dense(neighbours, y.size)
    z = (y - y.mean()) / y.std()
    np.testing.assert_allclose(result.z, z, rtol=1e-12)
    np.testing.assert_allclose(result.lag, w @ z, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result.Is, z * (w @ z), rtol=1e-12, atol=1e-15)
    expected_quadrant = np.select([(z > 0) & (w @ z > 0), (z <= 0) & (w @ z > 0), (z <= 0) & (w @ z <= 0)], ["HH", "LH", "LL"], "HL")
    assert result.quadrant.tolist() == expected_quadrant.tolist()
    assert np.isnan(result.p_sim).all()


def test_local_moran_mean_is_global_moran(stl):
    y, neighbours = stl
    assert local_morans(y, neighbours, permutations=0).Is.mean() == pytest.approx(0.24365582621771659, abs=UPSTREAM)


def test_local_moran_p_sim_engine_matches_loop_with_same_draws():
    rng = np.random.default_rng(5)
    n = 40
    matrix = (rng.random((n, n)) < 0.12) * rng.random((n, n))
    np.fill_diagonal(matrix, 0)
    matrix[3, :] = matrix[:, 3] = 0  # an island
    matrix[7, 7] = 0.5  # a self-weight
    y = rng.integers(0, 4, n).astype(float)  # many ties
    result = local_morans(y, sparse.csr_matrix(matrix), permutations=199, seed=11)

    w = Weights(sparse.csr_matrix(matrix)).transform("r").toarray()
    z = (y - y.mean()) / y.std()
    others = w - np.diag(np.diag(w))
    neighbour_lists = [np.flatnonzero(row) for row in others]
    draws = spatial._distinct_draws(np.random.default_rng(11), n - 1, max(map(len, neighbour_lists)), 199)
    expected = np.full(n, np.nan)
    for i, adjacent in enumerate(neighbour_lists):
        if adjacent.size == 0 or z[i] == 0:
            continue
        observed = z[i] * (others[i, adjacent] @ z[adjacent])
        drawn = draws[:, : adjacent.size]
        areas = np.where(drawn == i, n - 1, drawn)  # draw i stands for area n − 1
        simulated = z[i] * (z[areas] @ others[i, adjacent])
        larger = np.sum(simulated >= observed - 1e-9 * abs(z[i]) * np.abs(z).max())
        expected[i] = (min(larger, 199 - larger) + 1) / 200
    np.testing.assert_array_equal(result.p_sim, expected)


@pytest.mark.parametrize(("population", "size"), [(5, 3), (4, 3)])  # rejection sampling, row by row
def test_neighbour_draws_are_uniform_ordered_samples(population, size):
    draws = spatial._distinct_draws(np.random.default_rng(0), population, size, 24_000)
    assert all(len(set(row)) == size for row in draws.tolist())
    tuples, counts = np.unique(draws, axis=0, return_counts=True)
    expected = 24_000 / len(list(itertools.permutations(range(population), size)))
    assert len(tuples) == len(list(itertools.permutations(range(population), size)))
    assert np.abs(counts - expected).max() < 5 * np.sqrt(expected)


def test_local_moran_p_sim_matches_exact_conditional_distribution():
    y = np.array([3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0])
    neighbours = {0: [1, 2], 1: [0, 2, 3], 2: [0, 1, 4], 3: [1, 5], 4: [2, 6], 5: [3], 6: [4]}
    w = dense(neighbours, 7)
    z = (y - y.mean()) / y.std()
    result = local_morans(y, neighbours, permutations=9999, seed=3)
    for i, adjacent in neighbours.items():
        others = [j for j in range(7) if j != i]
        observed = z[i] * (w[i, adjacent] @ z[adjacent])
        simulated = np.array([z[i] * (w[i, adjacent] @ z[list(p)]) for p in itertools.permutations(others, len(adjacent))])
        at_least = np.mean(simulated >= observed - 1e-12)
        exact = min(at_least, 1 - at_least)
        assert result.p_sim[i] == pytest.approx(exact, abs=4 * np.sqrt(exact * (1 - exact) / 9999) + 2e-4), i


def test_local_moran_islands_as_in_pysal(synthetic10):
    neighbours = {i: [j for j in adjacent if j != 4] for i, adjacent in SYNTHETIC10_QUEEN.items() if i != 4}
    result = local_morans(synthetic10["income"], neighbours, permutations=99, seed=1)
    assert result.lag[4] == 0 and result.Is[4] == 0
    assert result.quadrant[4] == ("HL" if result.z[4] > 0 else "LL")
    assert np.isnan(result.p_sim[4]) and not np.isnan(np.delete(result.p_sim, 4)).any()


def test_local_moran_is_reproducible(stl):
    y, neighbours = stl
    first, second = local_morans(y, neighbours, seed=9), local_morans(y, neighbours, seed=9)
    np.testing.assert_array_equal(first.p_sim, second.p_sim)
    assert (first.p_sim >= 1 / 1000).all() and (first.p_sim <= 0.5 + 1 / 1000).all()


# --- Getis-Ord Gi* ------------------------------------------------------------------------------


def dense_gi_star(y: np.ndarray, neighbours) -> tuple[np.ndarray, np.ndarray]:
    n = y.size
    w = dense(neighbours, n, "b") + np.eye(n)
    mean, spread = y.mean(), np.sqrt((y**2).mean() - y.mean() ** 2)
    weight_sum, weight_squares = w.sum(axis=1), (w**2).sum(axis=1)
    z = (w @ y - mean * weight_sum) / (spread * np.sqrt((n * weight_squares - weight_sum**2) / (n - 1)))
    return w @ y / y.sum(), z


def test_gi_star_esda_test_suite():
    points = np.array([(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)])
    y = np.array([2, 3, 3.2, 5, 8, 7])
    distance = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    band = {i: [j for j in range(6) if j != i and distance[i, j] <= 15] for i in range(6)}
    result = getis_ord_gi_star(y, band)
    assert result.z[0] == pytest.approx(-1.39727626, abs=UPSTREAM)  # esda tests/test_getisord.py


@pytest.mark.parametrize("dataset", ["desmith", "synthetic10"])
def test_gi_star_matches_reference_formula(dataset, desmith, synthetic10):
    if dataset == "desmith":
        y, neighbours = desmith
        y = y - y.min() + 1  # Gi* is meant for non-negative values
    else:
        y, neighbours = synthetic10["income"].to_numpy(), SYNTHETIC10_QUEEN
    result = getis_ord_gi_star(y, neighbours)
    expected_gs, expected_z = dense_gi_star(y, neighbours)
    np.testing.assert_allclose(result.Gs, expected_gs, rtol=1e-12)
    np.testing.assert_allclose(result.z, expected_z, rtol=1e-12)
    np.testing.assert_allclose(result.p_norm, 2 * norm.sf(np.abs(expected_z)), rtol=1e-12)


def test_gi_star_uses_binary_weights_whatever_the_input(synthetic10):
    y = synthetic10["income"]
    weights = Weights.from_neighbours(SYNTHETIC10_QUEEN, 10)
    np.testing.assert_array_equal(getis_ord_gi_star(y, weights.transform("r")).z, getis_ord_gi_star(y, weights).z)


# --- undefined input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: morans_i([1.0, 1.0, 1.0, 1.0], SYNTHETIC10_ROOK), r"morans_i: y is constant"),
        (lambda: morans_i([1.0, np.nan, 2.0, 3.0], {0: [1]}), r"morans_i: y contains missing values"),
        (lambda: morans_i(np.arange(9.0), SYNTHETIC10_ROOK), r"morans_i: Weights: the neighbour dict refers to areas outside 0..8"),
        (lambda: morans_i(np.arange(10.0), Weights.from_neighbours(SYNTHETIC10_ROOK, 10), transform="x"), r"morans_i: Weights.transform: kind must be 'r' or 'b'"),
        (lambda: morans_i(np.arange(4.0), {}), r"morans_i: no area has a neighbour"),
        (lambda: morans_i(np.arange(3.0), {0: [1]}), r"morans_i: needs at least 4 areas"),
        (lambda: morans_i(np.arange(4.0), sparse.csr_matrix(-np.eye(4))), r"morans_i: Weights: the matrix contains negative weights"),
        (lambda: morans_i(np.arange(4.0), [[0, 1], [1, 0]]), r"morans_i: w must be Weights, a neighbour dict or a sparse matrix"),
        (lambda: morans_i(np.arange(4.0), Weights.from_neighbours({0: [1]}, 5)), r"morans_i: the weights cover 5 areas but y has 4 values"),
        (lambda: morans_i(np.arange(4.0), {0: [1], 1: [0]}, permutations=-1), r"morans_i: permutations must be a whole number"),
        (lambda: local_morans([2.0, 2.0, 2.0], {0: [1]}), r"local_morans: y is constant"),
        (lambda: local_morans(np.arange(3.0), {}), r"local_morans: no area has a neighbour"),
        (lambda: getis_ord_gi_star([1.0, -1.0, 0.0], {0: [1]}), r"getis_ord_gi_star: y sums to zero"),
        (lambda: getis_ord_gi_star([1.0, 1.0], {0: [1]}), r"getis_ord_gi_star: y is constant"),
        (lambda: contiguity(np.empty((2, 2), dtype=object)), r"contiguity: expected a sequence of geometries"),
    ],
)
def test_undefined_input_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()
