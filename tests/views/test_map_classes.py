"""Class methods of the overview's map: natural breaks, equal intervals, standard deviations,
the diverging split at the city value and the palette each kind of indicator gets."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from views.classify import (
    CLASS_METHODS,
    DIVERGING_MIDDLE,
    DIVERGING_PALETTES,
    PALETTES,
    classes_for,
    classify,
    natural_breaks,
    quantile_classes,
)


def squared_deviations(groups: list[np.ndarray]) -> float:
    return float(sum(((g - g.mean()) ** 2).sum() for g in groups))


def test_natural_breaks_of_a_hand_computed_case() -> None:
    # values 0 10 20 30 31 32 33 34 35, two classes; the sums of squared deviations by hand:
    #   {0,10} {20,30..35}:   50 + (6755 − 215²/7 = 151.43) = 201.43   ← least
    #   {0,10,20} {30..35}:  200 + 17.5                     = 217.5
    #   {0} {10,20,30..35}:    0 + (7055 − 225²/8 ≈ 727.9)  ≈ 727.9 (the others are larger still)
    # The three equal gaps of 10 do not decide it, the deviations do.
    values = np.array([0, 10, 20, 30, 31, 32, 33, 34, 35], dtype=float)
    assert natural_breaks(values, 2).tolist() == [10.0, 35.0]
    classes = classify(pd.Series(values), method="jenks", polarity="neutral", max_classes=2)
    assert classes.edges == (0.0, 10.0, 35.0)
    assert classes.index(pd.Series(values)).tolist() == [0, 0, 1, 1, 1, 1, 1, 1, 1]
    # quantiles split the same values elsewhere: the 5th of 9 values is the median
    assert quantile_classes(pd.Series(values), "neutral", 2).edges == (0.0, 31.0, 35.0)


def test_natural_breaks_keep_equal_values_together_and_need_distinct_values() -> None:
    assert natural_breaks(np.array([1.0, 1, 1, 1, 5, 5, 9]), 3).tolist() == [1.0, 5.0, 9.0]
    assert natural_breaks(np.array([2.0, 2, 7]), 5).tolist() == [2.0, 7.0]
    assert natural_breaks(np.array([]), 3).tolist() == []


@pytest.mark.parametrize("seed", range(12))
def test_natural_breaks_are_the_least_deviation_of_all_partitions(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.gamma(2.0, 3.0, size=int(rng.integers(4, 10))), 0)  # small sets with repeats
    distinct = np.unique(values)
    for k in range(1, min(4, distinct.size) + 1):
        limits = natural_breaks(values, k)
        found = squared_deviations([values[(values > low) & (values <= high)] for low, high in zip([-np.inf, *limits[:-1]], limits)])
        best = min(
            squared_deviations([values[(values > low) & (values <= high)] for low, high in zip([-np.inf, *cut], [*cut, np.inf])])
            for cut in combinations(distinct[:-1], k - 1)
        )
        assert len(limits) == k and limits[-1] == values.max()
        assert found == pytest.approx(best, abs=1e-9)


def test_equal_intervals_of_a_hand_computed_case() -> None:
    values = pd.Series([2.0, 3, 7, 8, 12, None])
    classes = classify(values, method="equal", polarity="higher_better", max_classes=5)
    assert classes.edges == (2.0, 4.0, 6.0, 8.0, 10.0, 12.0)  # width (12 − 2) / 5 = 2
    assert classes.index(values).tolist()[:5] == [0, 0, 2, 2, 4]  # 8 lies on the limit 8: the class below it
    assert classes.colors == PALETTES["higher_better"]
    assert classes.labels("%", "en", 0)[:2] == ["2% to 4%", "above 4% to 6%"]


def test_standard_deviations_around_the_city_value() -> None:
    # mean 5, population standard deviation 2 (the textbook set); city value 5:
    # limits 5 ± 1 = 4 and 6, 5 ± 3 = 2 and 8
    values = pd.Series([2.0, 4, 4, 4, 5, 5, 7, 9])
    classes = classify(values, method="stddev", polarity="higher_worse", reference=5.0, diverging=True)
    assert classes.spread == pytest.approx(2.0) and classes.reference == 5.0
    assert classes.edges == pytest.approx((2.0, 2.0, 4.0, 6.0, 8.0, 9.0))
    assert classes.index(values).tolist() == [0, 1, 1, 1, 2, 2, 3, 4]
    below, above = DIVERGING_PALETTES["higher_worse"]
    assert classes.colors == (below[0], below[1], DIVERGING_MIDDLE, above[1], above[2])
    # a city value of 3: the limits 0, 2, 4, 6; the classes keep their places in the scheme
    shifted = classify(values, method="stddev", polarity="higher_worse", reference=3.0, diverging=False)
    assert shifted.edges == pytest.approx((2.0, 2.0, 4.0, 6.0, 9.0))
    assert shifted.colors == PALETTES["higher_worse"][1:]


def test_the_diverging_split_makes_the_city_value_a_class_limit() -> None:
    values = pd.Series([1.0, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15])
    classes = classify(values, method="quantile", polarity="higher_worse", reference=8.0, diverging=True)
    # below 8: 1..6 in three quantile classes (2, 4); above: 10..15 in three (11, 13)
    assert classes.edges == (1.0, 2.0, 4.0, 8.0, 11.0, 13.0, 15.0)
    below, above = DIVERGING_PALETTES["higher_worse"]
    assert classes.colors == (*below, *above)
    assert classes.index(pd.Series([8.0, 8.5])).tolist() == [2, 3]  # the city value closes the class below it
    assert classes.labels("%", "de", 0)[3] == "über 8\u00a0% bis 11\u00a0%"


def test_palette_follows_kind_and_polarity() -> None:
    values = pd.Series([10.0, 12, 14, 16, 18, 20])
    worse = classes_for(values, kind="share", polarity="higher_worse", method="quantile", city_value=15.0)
    better = classes_for(values, kind="share", polarity="higher_better", method="quantile", city_value=15.0)
    neutral = classes_for(values, kind="share", polarity="neutral", method="quantile", city_value=15.0)
    count = classes_for(values, kind="count", polarity="higher_worse", method="quantile", city_value=90.0)
    balance = classes_for(pd.Series([-3.0, -1, 2, 4]), kind="rate", polarity="neutral", method="quantile", city_value=0.5)
    assert worse.diverging and worse.reference == 15.0
    assert worse.colors[-1] == DIVERGING_PALETTES["higher_worse"][1][-1]  # the highest values are the least favourable: orange
    assert better.colors[-1] == DIVERGING_PALETTES["higher_better"][1][-1]  # the highest are the most favourable: purple
    assert worse.colors[-1] == better.colors[0]
    assert not neutral.diverging and neutral.colors == PALETTES["neutral"]
    assert not count.diverging and count.reference is None
    # two classes below zero (−3, and above −3 to 0) take the two colours nearest to zero
    assert balance.diverging and balance.reference == 0.0 and balance.edges == (-3.0, -3.0, 0.0, 2.0, 4.0)
    assert balance.colors[:2] == DIVERGING_PALETTES["neutral"][0][1:]


@pytest.mark.parametrize("method", CLASS_METHODS)
def test_every_method_handles_missing_and_constant_values(method: str) -> None:
    empty = classify(pd.Series([None, None], dtype=float), method=method, polarity="neutral")
    assert empty.count == 1
    constant = classify(pd.Series([4.0, 4.0, 4.0]), method=method, polarity="higher_worse", reference=4.0, diverging=True)
    assert constant.count == 1 and constant.index(pd.Series([4.0])).tolist() == [0]
    values = pd.Series(np.linspace(0, 100, 37))
    classes = classify(values, method=method, polarity="neutral", reference=40.0)
    assert list(classes.edges) == sorted(classes.edges) and classes.count == len(classes.colors) <= 5
    assert classes.index(values).notna().all()


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        classify(pd.Series([1.0]), method="pretty", polarity="neutral")
