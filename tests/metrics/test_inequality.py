"""Inequality measures against the reference values of REFERENCE.md (PySAL inequality 1.1.2,
R ineq 0.2-13) and against the replication oracle: weighting equals repeating persons."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import inequality as ineq
from tests.conftest import REFERENCE_DATA, require_shared

SYNTHETIC = 1e-9  # tolerance for the synthetic example
UPSTREAM = 1.5e-7  # tolerance for upstream data (values published with 8-12 digits)
DECADES = range(1940, 2001, 10)


@pytest.fixture(scope="module")
def synthetic10() -> pd.DataFrame:
    return pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))


@pytest.fixture(scope="module")
def mexico() -> pd.DataFrame:
    return pd.read_csv(require_shared(REFERENCE_DATA / "mexico.csv"))


# --- reference values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (ineq.gini, 0.213701709250),
        (ineq.theil_t, 0.0714963045906),
        (ineq.theil_l, 0.0714314905626),
        (lambda x, w: ineq.generalized_entropy(x, w, alpha=2), 0.0745061107678),
        (lambda x, w: ineq.generalized_entropy(x, w, alpha=1), 0.0714963045906),
        (lambda x, w: ineq.generalized_entropy(x, w, alpha=0), 0.0714314905626),
        (lambda x, w: ineq.atkinson(x, w, epsilon=0.5), 0.0352346260672),
        (lambda x, w: ineq.atkinson(x, w, epsilon=1), 0.0689399381891),
        (lambda x, w: ineq.atkinson(x, w, epsilon=2), 0.129447502665),
        (ineq.coefficient_of_variation, 0.386021011780),
        (ineq.hoover, 0.161794769158),
    ],
)
def test_synthetic10_population_weighted(synthetic10, measure, expected):
    assert measure(synthetic10["income"], synthetic10["pop"]) == pytest.approx(expected, abs=SYNTHETIC)


def test_synthetic10_unweighted_gini(synthetic10):
    assert ineq.gini(synthetic10["income"]) == pytest.approx(0.212023460411, abs=SYNTHETIC)


def test_mexico_theil_and_decomposition(mexico):
    theil = [0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256, 0.10660832]
    between = [0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731, 0.03635872]
    within = [0.17435454, 0.12405598, 0.0521202, 0.04263506, 0.06354856, 0.07547525, 0.0702496]
    for decade, t, b, wi in zip(DECADES, theil, between, within, strict=True):
        income = mexico[f"pcgdp{decade}"]
        assert ineq.theil_t(income) == pytest.approx(t, abs=UPSTREAM)
        total, between_groups, within_groups = ineq.ge_decomposition(income, None, mexico["hanson98"])
        assert total == pytest.approx(t, abs=UPSTREAM)
        assert between_groups == pytest.approx(b, abs=UPSTREAM)
        assert within_groups == pytest.approx(wi, abs=UPSTREAM)


def test_mexico_gini(mexico):
    assert ineq.gini(mexico["pcgdp1940"]) == pytest.approx(0.35372371173452849, abs=UPSTREAM)


def test_toy_decomposition_is_all_between():
    total, between, within = ineq.ge_decomposition([0, 0, 0, 10, 10, 10], None, [0, 0, 0, 1, 1, 1])
    assert total == pytest.approx(np.log(2), abs=SYNTHETIC)
    assert between == pytest.approx(np.log(2), abs=SYNTHETIC)
    assert within == pytest.approx(0.0, abs=SYNTHETIC)


def test_atkinson_reference():
    incomes = [10, 20, 30, 40, 50]
    assert ineq.atkinson(incomes, epsilon=0.5) == pytest.approx(0.0631533922, abs=UPSTREAM)
    assert ineq.atkinson(incomes, epsilon=1) == pytest.approx(0.1316096, abs=UPSTREAM)
    assert ineq.atkinson(incomes, epsilon=0) == pytest.approx(0.0, abs=SYNTHETIC)


def test_hoover_reference():
    assert ineq.hoover([1000, 2000, 1500, 3000, 2500]) == pytest.approx(0.15, abs=SYNTHETIC)


def test_r_ineq_reference():
    x = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]
    assert ineq.gini(x) == pytest.approx(0.462091130268, abs=UPSTREAM)
    assert ineq.atkinson(x, epsilon=0.5) == pytest.approx(0.179659098046, abs=UPSTREAM)


def test_identities_between_measures(synthetic10):
    x, w = synthetic10["income"], synthetic10["pop"]
    theil_l = ineq.theil_l(x, w)
    assert ineq.atkinson(x, w, epsilon=1) == pytest.approx(1 - np.exp(-theil_l), abs=SYNTHETIC)
    ge_minus_1 = ineq.generalized_entropy(x, w, alpha=-1)
    assert ineq.atkinson(x, w, epsilon=2) == pytest.approx(1 - 1 / (1 + 2 * ge_minus_1), abs=SYNTHETIC)
    cv = ineq.coefficient_of_variation(x, w)
    assert ineq.generalized_entropy(x, w, alpha=2) == pytest.approx(cv**2 / 2, abs=SYNTHETIC)


# --- quantiles, Palma, S80/S20, Lorenz curve ----------------------------------------------------


def test_weighted_quantile_matches_numpy_inverted_cdf(synthetic10):
    x, w = synthetic10["income"].to_numpy(), synthetic10["pop"].to_numpy()
    levels = np.linspace(0, 1, 41)
    expected = np.quantile(x, levels, weights=w, method="inverted_cdf")
    np.testing.assert_array_equal(ineq.weighted_quantile(x, w, levels), expected)
    assert ineq.weighted_quantile(x, None, 0.5) == np.quantile(x, 0.5, method="inverted_cdf")


def test_weighted_quantile_share_landing_on_q_is_not_lost_to_rounding():
    # cumulative shares 0.7, 0.7 + 0.2 = 0.8999999999999999, 1.0: the second reaches q = 0.9
    assert ineq.weighted_quantile([1.0, 2.0, 3.0], [0.7, 0.2, 0.1], 0.9) == 2.0
    assert ineq.weighted_quantile([1.0, 2.0, 3.0, 4.0], None, 0.5) == 2.0


def test_weighted_quantile_ignores_areas_without_population():
    assert ineq.weighted_quantile([1.0, 2.0, 3.0], [0, 1, 1], 0.0) == 2.0


def test_percentile_ratio_weighted_equals_repeated(synthetic10):
    x, w = synthetic10["income"].to_numpy(), synthetic10["pop"].to_numpy() // 500
    repeated = np.repeat(x, w)
    expected = np.quantile(repeated, 0.9, method="inverted_cdf") / np.quantile(repeated, 0.1, method="inverted_cdf")
    assert ineq.percentile_ratio(x, w) == expected


def test_palma_and_s80_s20_by_hand():
    x = np.arange(1.0, 11.0)  # 55 in total: the poorest 40 % hold 10, the richest 10 % hold 10
    assert ineq.palma(x) == pytest.approx(1.0, abs=SYNTHETIC)
    assert ineq.s80_s20(x) == pytest.approx(19 / 3, abs=SYNTHETIC)


def test_palma_splits_a_straddling_area_pro_rata():
    # Two areas of 5 persons with 1 and 3: the poorest 40 % are 4 persons with 1 (4 of 20), the
    # richest 10 % one person with 3 (3 of 20): Palma 0.75. S80/S20: 2 × 3 over 2 × 1 = 3.
    assert ineq.palma([1.0, 3.0], [5, 5]) == pytest.approx(0.75, abs=SYNTHETIC)
    assert ineq.s80_s20([1.0, 3.0], [5, 5]) == pytest.approx(3.0, abs=SYNTHETIC)
    assert ineq.palma([1.0, 3.0], [5, 5]) == pytest.approx(ineq.palma(np.repeat([1.0, 3.0], 5)), abs=SYNTHETIC)


def test_lorenz_curve_shape(synthetic10):
    population, value = ineq.lorenz_curve(synthetic10["income"], synthetic10["pop"])
    assert population[0] == value[0] == 0 and population[-1] == value[-1] == 1
    assert (np.diff(population) > 0).all() and (np.diff(value) > 0).all()
    assert (value <= population + 1e-15).all()
    population, _ = ineq.lorenz_curve([3.0, 1.0, 2.0])
    np.testing.assert_allclose(population, [0, 1 / 3, 2 / 3, 1])


# --- undefined input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ineq.theil_l([0.0, 1.0, 2.0]), r"theil_l: x contains zeros"),
        (lambda: ineq.generalized_entropy([0.0, 1.0], alpha=-1), r"generalized_entropy: x contains zeros"),
        (lambda: ineq.atkinson([0.0, 1.0, 2.0], epsilon=1), r"atkinson: x contains zeros"),
        (lambda: ineq.atkinson([0.0, 1.0, 2.0], epsilon=2), r"atkinson: x contains zeros"),
        (lambda: ineq.atkinson([1.0, 2.0], epsilon=-0.5), r"atkinson: epsilon must be"),
        (lambda: ineq.gini([1.0, 2.0], [1.0, -1.0]), r"gini: w contains negative weights"),
        (lambda: ineq.gini([1.0, 2.0], [0.0, 0.0]), r"gini: w sums to zero"),
        (lambda: ineq.gini([1.0, 2.0], [1.0]), r"gini: w has 1 entries but x has 2"),
        (lambda: ineq.gini([]), r"gini: x is empty"),
        (lambda: ineq.theil_t([1.0, np.nan]), r"theil_t: x contains missing values"),
        (lambda: ineq.hoover(pd.Series([1.0, None], dtype="Float64")), r"hoover: x contains missing values"),
        (lambda: ineq.gini([1.0, 2.0], [1.0, np.nan]), r"gini: w contains missing values"),
        (lambda: ineq.coefficient_of_variation([1.0, np.inf]), r"coefficient_of_variation: x contains infinite"),
        (lambda: ineq.hoover([-1.0, 2.0]), r"hoover: x contains negative values"),
        (lambda: ineq.theil_t([0.0, 0.0]), r"theil_t: all values are zero"),
        (lambda: ineq.palma([0, 0, 0, 0, 0, 0, 0, 0, 0, 10.0]), r"palma: the poorest 40% hold no value"),
        (lambda: ineq.percentile_ratio([0.0, 1.0, 2.0]), r"percentile_ratio: the 0.1 quantile is 0"),
        (lambda: ineq.weighted_quantile([1.0, 2.0], None, 1.5), r"weighted_quantile: q must lie in \[0, 1\]"),
        (lambda: ineq.ge_decomposition([1.0, 2.0], None, ["a", None]), r"ge_decomposition: groups contains missing"),
        (lambda: ineq.ge_decomposition([1.0, 2.0], None, ["a"]), r"ge_decomposition: groups has shape"),
    ],
)
def test_undefined_input_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_zeros_are_fine_where_defined():
    assert ineq.theil_t([0.0, 1.0]) == pytest.approx(np.log(2))
    assert ineq.atkinson([0.0, 1.0], epsilon=0.5) == pytest.approx(0.5)
    assert ineq.gini([0.0, 0.0, 1.0]) == pytest.approx(2 / 3)


# --- properties ------------------------------------------------------------------------------

MEASURES = {
    "gini": ineq.gini,
    "theil_t": ineq.theil_t,
    "theil_l": ineq.theil_l,
    "ge_2": lambda x, w: ineq.generalized_entropy(x, w, alpha=2),
    "ge_0.5": lambda x, w: ineq.generalized_entropy(x, w, alpha=0.5),
    "atkinson_0.5": lambda x, w: ineq.atkinson(x, w, epsilon=0.5),
    "atkinson_1": lambda x, w: ineq.atkinson(x, w, epsilon=1),
    "atkinson_2": lambda x, w: ineq.atkinson(x, w, epsilon=2),
    "cv": ineq.coefficient_of_variation,
    "hoover": ineq.hoover,
    "palma": ineq.palma,
    "s80_s20": ineq.s80_s20,
    "percentile_ratio": ineq.percentile_ratio,
}


@st.composite
def weighted_areas(draw, max_size: int = 25):
    size = draw(st.integers(2, max_size))
    values = draw(st.lists(st.floats(0.5, 1e4), min_size=size, max_size=size))
    weights = draw(st.lists(st.integers(1, 12), min_size=size, max_size=size))
    return np.array(values), np.array(weights)


def _close(a: float, b: float) -> bool:
    return a == pytest.approx(b, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(areas=weighted_areas(), factor=st.floats(1e-3, 1e3))
def test_scale_invariance(areas, factor):
    x, w = areas
    for name, measure in MEASURES.items():
        assert _close(measure(factor * x, w), measure(x, w)), name


@settings(max_examples=40, deadline=None)
@given(areas=weighted_areas(), seed=st.integers(0, 2**32 - 1))
def test_permutation_invariance(areas, seed):
    x, w = areas
    order = np.random.default_rng(seed).permutation(x.size)
    for name, measure in MEASURES.items():
        assert _close(measure(x[order], w[order]), measure(x, w)), name


@settings(max_examples=40, deadline=None)
@given(areas=weighted_areas())
def test_replicating_a_population_equals_weighting_it(areas):
    x, w = areas
    repeated = np.repeat(x, w)
    for name, measure in MEASURES.items():
        assert _close(measure(x, w), measure(repeated, None)), name
    np.testing.assert_array_equal(ineq.weighted_quantile(x, w, [0.1, 0.5, 0.9]), ineq.weighted_quantile(repeated, None, [0.1, 0.5, 0.9]))


@settings(max_examples=25, deadline=None)
@given(areas=weighted_areas())
def test_areas_without_population_are_ignored(areas):
    x, w = areas
    with_empty = np.append(x, 123.0), np.append(w, 0)
    for name, measure in MEASURES.items():
        assert _close(measure(*with_empty), measure(x, w)), name


@settings(max_examples=40, deadline=None)
@given(areas=weighted_areas(), data=st.data(), alpha=st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.0, 3.0]))
def test_between_plus_within_equals_total(areas, data, alpha):
    x, w = areas
    groups = data.draw(st.lists(st.integers(0, 3), min_size=x.size, max_size=x.size))
    total, between, within = ineq.ge_decomposition(x, w, groups, alpha=alpha)
    assert _close(total, ineq.generalized_entropy(x, w, alpha=alpha))
    assert _close(between + within, total)
    assert between >= -1e-12 and within >= -1e-12


@settings(max_examples=40, deadline=None)
@given(areas=weighted_areas())
def test_lorenz_shares_add_up_to_one(areas):
    x, w = areas
    for weights in (w, None):
        population, value = ineq.lorenz_curve(x, weights)
        assert np.diff(population).sum() == pytest.approx(1.0, abs=1e-12)
        assert np.diff(value).sum() == pytest.approx(1.0, abs=1e-12)
        assert (np.diff(value) >= 0).all() and (np.diff(population) > 0).all()
