"""Quantile classes and palettes."""
from __future__ import annotations

import pandas as pd

from views.classify import NO_DATA_COLOR, PALETTES, quantile_classes


def test_quantile_classes_of_ten_values() -> None:
    values = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, None])
    classes = quantile_classes(values, "higher_worse")
    # inverted-CDF quantiles at 0.2, 0.4, 0.6, 0.8 of 1..10 are 2, 4, 6, 8
    assert classes.edges == (1.0, 2.0, 4.0, 6.0, 8.0, 10.0)
    assert classes.index(values).tolist()[:10] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert classes.color(values).iloc[-1] == NO_DATA_COLOR
    assert classes.colors == PALETTES["higher_worse"]
    assert classes.labels("%", "de", 1)[:2] == ["1,0\u00a0% bis 2,0\u00a0%", "über 2,0\u00a0% bis 4,0\u00a0%"]


def test_few_distinct_values_keep_the_darkest_colours() -> None:
    classes = quantile_classes(pd.Series([5.0, 5.0, 7.0]), "higher_better")
    assert classes.count == 2 and classes.edges == (5.0, 5.0, 7.0)
    assert classes.index(pd.Series([5.0, 7.0])).tolist() == [0, 1]
    assert classes.colors == PALETTES["higher_better"][-2:]

