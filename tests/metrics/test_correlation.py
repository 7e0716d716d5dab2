"""Correlations against scipy, weighted ones against hand-computed values and the repeat oracle."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.correlation import (
    _pearson,
    cluster_order,
    correlate,
    correlation_matrix,
    percentile_position,
    weighted_pearson,
    weighted_ranks,
    weighted_spearman,
)

RNG = np.random.default_rng(7)


def test_unweighted_coefficients_equal_scipy() -> None:
    x = RNG.normal(size=40)
    y = 0.6 * x + RNG.normal(size=40)
    y[3] = y[5]  # a tie
    result = correlate(x, y)
    assert result.n == 40
    assert result.pearson == pytest.approx(stats.pearsonr(x, y).statistic, abs=1e-12)
    assert result.spearman == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)
    assert result.pearson_p == pytest.approx(stats.pearsonr(x, y).pvalue, rel=1e-9)
    assert result.spearman_p == pytest.approx(stats.spearmanr(x, y).pvalue, rel=1e-9)
    line = stats.linregress(x, y)
    assert (result.slope, result.intercept) == (pytest.approx(line.slope), pytest.approx(line.intercept))


def test_weighted_case_computed_by_hand() -> None:
    # x = 1, 2, 3; y = 1, 3, 2; weights 1, 1, 2 (shares ¼, ¼, ½)
    # means 2.25 and 2; var x = 0.6875, var y = 0.5, cov = 0.25 → r = 0.25 / √(11/32) = √(2/11)
    x, y, w = [1.0, 2.0, 3.0], [1.0, 3.0, 2.0], [1.0, 1.0, 2.0]
    assert weighted_pearson(x, y, w) == pytest.approx(math.sqrt(2 / 11), abs=1e-12)
    # weighted mid-ranks: x → 0.5, 1.5, 3; y → 0.5, 3.5, 2; their weighted r = 0.375 / 1.125
    assert weighted_ranks(x, w).tolist() == [0.5, 1.5, 3.0]
    assert weighted_ranks(y, w).tolist() == [0.5, 3.5, 2.0]
    assert weighted_spearman(x, y, w) == pytest.approx(1 / 3, abs=1e-12)
    result = correlate(x, y, w)
    assert (result.slope, result.intercept) == (pytest.approx(4 / 11), pytest.approx(13 / 11))  # 0.25 / 0.6875
    assert result.weighted and math.isnan(result.pearson_p) and math.isnan(result.spearman_p)


def test_weighted_equals_unweighted_on_repeated_areas() -> None:
    x = RNG.normal(size=25).round(1)
    y = (x + RNG.normal(size=25)).round(1)
    w = RNG.integers(0, 9, size=25).astype(float)
    xs, ys = np.repeat(x, w.astype(int)), np.repeat(y, w.astype(int))
    assert weighted_pearson(x, y, w) == pytest.approx(stats.pearsonr(xs, ys).statistic, abs=1e-12)
    assert weighted_spearman(x, y, w) == pytest.approx(stats.spearmanr(xs, ys).statistic, abs=1e-12)
    assert correlate(x, y, w).slope == pytest.approx(stats.linregress(xs, ys).slope, abs=1e-12)


def test_missing_pairs_and_zero_weights_are_left_out() -> None:
    x = [1.0, 2.0, np.nan, 4.0, 5.0, 6.0]
    y = [2.0, 1.0, 3.0, np.nan, 7.0, 9.0]
    w = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0]
    assert correlate(x, y).n == 4
    assert correlate(x, y, w).n == 3
    assert correlate(x, y, w).pearson == pytest.approx(stats.pearsonr([1, 2, 6], [2, 1, 9]).statistic)


def test_undefined_coefficients_are_nan_not_numbers() -> None:
    assert math.isnan(weighted_pearson([1.0, 2.0], [3.0, 4.0]))  # fewer than 3 pairs
    assert math.isnan(weighted_pearson([1.0, 1.0, 1.0], [3.0, 4.0, 5.0]))  # no spread
    assert math.isnan(correlate([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]).slope)
    with pytest.raises(ValueError, match="negative"):
        weighted_pearson([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, -1.0, 1.0])
    with pytest.raises(ValueError, match="entries"):
        weighted_pearson([1.0, 2.0, 3.0], [1.0, 2.0])


def test_matrix_is_pairwise_and_matches_pandas() -> None:
    table = pd.DataFrame(RNG.normal(size=(30, 4)), columns=list("abcd"))
    table.loc[:4, "c"] = np.nan
    table["e"] = 1.0  # no spread
    coefficients, counts = correlation_matrix(table, method="spearman")
    expected = table[list("abcd")].corr(method="spearman")
    assert np.allclose(coefficients.loc[list("abcd"), list("abcd")], expected, atol=1e-12)
    assert counts.loc["a", "c"] == 25 and counts.loc["a", "b"] == 30
    assert coefficients["e"].isna().all()
    pearson, _ = correlation_matrix(table[list("ab")], method="pearson")
    assert pearson.loc["a", "b"] == pytest.approx(stats.pearsonr(table["a"], table["b"]).statistic)
    few, _ = correlation_matrix(table.iloc[:4], min_pairs=5)
    assert few.isna().all().all()


def test_the_matrix_ranks_each_column_once_and_gives_exactly_the_ranks_per_pair() -> None:
    # ties (values rounded), −0.0 beside 0.0, a different gap pattern per column, a column of one value
    rng = np.random.default_rng(17)
    data = rng.normal(size=(400, 6)).round(1)
    data[rng.random(size=data.shape) < 0.15] = np.nan
    data[:20, 2] = -0.0
    data[20:40, 2] = 0.0
    data[:, 5] = np.where(np.isnan(data[:, 5]), np.nan, 3.0)
    table = pd.DataFrame(data, columns=list("abcdef"))
    coefficients, counts = correlation_matrix(table, method="spearman", min_pairs=5)
    for first in table.columns:
        for second in table.columns:
            x, y = table[first].to_numpy(), table[second].to_numpy()
            both = ~(np.isnan(x) | np.isnan(y))
            assert counts.loc[first, second] == both.sum()
            if both.sum() < 5:
                continue
            # the pair on its own, ranked as before: weighted_ranks of the rows both have
            expected = _pearson(weighted_ranks(x[both]), weighted_ranks(y[both]), np.ones(both.sum()))
            assert coefficients.loc[first, second] == expected or (np.isnan(expected) and np.isnan(coefficients.loc[first, second]))
    assert coefficients["f"].isna().all()  # no spread


def test_cluster_order_puts_correlated_indicators_side_by_side() -> None:
    labels = ["a", "b", "c", "d", "e"]
    r = pd.DataFrame(
        [
            [1.0, 0.1, 0.9, 0.0, 0.1],
            [0.1, 1.0, 0.0, 0.8, 0.7],
            [0.9, 0.0, 1.0, 0.1, 0.0],
            [0.0, 0.8, 0.1, 1.0, 0.75],
            [0.1, 0.7, 0.0, 0.75, 1.0],
        ],
        index=labels,
        columns=labels,
    )
    order = cluster_order(r)
    assert sorted(order) == labels
    blocks = {frozenset(order[:2]), frozenset(order[2:])} if len(set(order[:2]) & {"a", "c"}) == 2 else {frozenset(order[:3]), frozenset(order[3:])}
    assert blocks == {frozenset("ac"), frozenset("bde")}
    # within the block b, d, e: d sits between b and e (b–d 0.8 and d–e 0.75 beat b–e 0.7)
    inner = [label for label in order if label in "bde"]
    assert inner[1] == "d"
    assert cluster_order(r.iloc[:2, :2]) == ["a", "b"]


def test_percentile_position_is_the_mid_rank_share() -> None:
    values = [1.0, 2.0, 2.0, 4.0, np.nan]
    # below + half of the equal ones, over the 4 present values
    assert percentile_position(values, [1.0, 2.0, 4.0, 3.0, 0.0, 9.0]).tolist() == [12.5, 50.0, 87.5, 75.0, 0.0, 100.0]
    assert np.isnan(percentile_position(values, [np.nan])[0])
    assert np.isnan(percentile_position([np.nan], [1.0])[0])
