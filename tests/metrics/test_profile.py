"""The profile across topics: polarity-aligned standardised gaps to the city, hand-computed."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.profile import aligned_gaps, domain_scores


def long(data: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(indicator, area, value) for indicator, values in data.items() for area, value in values.items()],
        columns=["indicator_id", "area_id", "value"],
    )


VALUES = long(
    {
        "poverty": {"X": 10.0, "Y": 20.0, "Z": 30.0},  # higher is worse, city 18
        "jobs": {"X": 1.0, "Y": np.nan, "Z": 4.0},  # higher is better, city 2; Y withheld
        "age": {"X": 40.0, "Y": 45.0, "Z": 50.0},  # no direction
        "flat": {"X": 5.0, "Y": 5.0, "Z": 5.0},  # no spread
    }
)
CITY = {"poverty": 18.0, "jobs": 2.0, "age": 44.0, "flat": 5.0}
DIRECTION = {"poverty": -1, "jobs": 1, "age": 0, "flat": 1}


def test_gaps_are_standardised_and_turned_so_that_positive_is_favourable() -> None:
    gaps = aligned_gaps(VALUES, city=CITY, direction=DIRECTION)
    assert sorted(gaps.columns) == ["jobs", "poverty"]  # no direction, no spread: left out
    spread = math.sqrt(200 / 3)  # population sd of 10, 20, 30
    assert gaps.loc["X", "poverty"] == pytest.approx(-(10 - 18) / spread)  # below the city: favourable
    assert gaps.loc["Z", "poverty"] == pytest.approx(-(30 - 18) / spread)
    # sd of 1 and 4 (Y is missing and not counted): 1.5
    assert gaps.loc["X", "jobs"] == pytest.approx((1 - 2) / 1.5)
    assert gaps.loc["Z", "jobs"] == pytest.approx((4 - 2) / 1.5)
    assert math.isnan(gaps.loc["Y", "jobs"])


def test_a_missing_city_value_drops_the_indicator() -> None:
    gaps = aligned_gaps(VALUES, city={**CITY, "jobs": None}, direction=DIRECTION)
    assert list(gaps.columns) == ["poverty"]


def test_domain_score_is_the_mean_of_the_gaps_the_area_has() -> None:
    gaps = aligned_gaps(VALUES, city=CITY, direction=DIRECTION)
    scores = domain_scores(gaps, {"poverty": "income", "jobs": "income"}).set_index("area_id")
    spread = math.sqrt(200 / 3)
    assert scores.loc["X", "score"] == pytest.approx(((10 - 18) / -spread + (1 - 2) / 1.5) / 2)
    assert scores.loc["Y", "score"] == pytest.approx(-(20 - 18) / spread)  # only poverty
    assert scores.loc["Y", "indicators"] == 1 and scores.loc["X", "indicators"] == 2


def test_no_usable_indicator_gives_an_empty_table() -> None:
    gaps = aligned_gaps(VALUES, city=CITY, direction={k: 0 for k in DIRECTION})
    assert gaps.empty
    assert domain_scores(gaps, {}).columns.tolist() == ["area_id", "domain", "score", "indicators"]


def test_missing_columns_are_refused() -> None:
    with pytest.raises(ValueError, match="area_id"):
        aligned_gaps(VALUES.drop(columns="area_id"), city=CITY, direction=DIRECTION)
