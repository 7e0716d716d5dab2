"""Segregation indices: hand-computed values and the defining identities."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics import segregation as seg
from tests.conftest import REFERENCE_DATA, require_shared

# Three areas: group a = 10, 20, 30 of t = 100, 50, 150 residents (A = 60, B = 240, T = 300).
GROUP = [10, 20, 30]
TOTAL = [100, 50, 150]


def test_dissimilarity_by_hand():
    # ½ (|10/60 − 90/240| + |20/60 − 30/240| + |30/60 − 120/240|) = ½ (5/24 + 5/24 + 0)
    assert seg.dissimilarity(GROUP, TOTAL) == pytest.approx(5 / 24, abs=1e-12)


def test_isolation_and_exposure_by_hand():
    # isolation = 1/6 · 0.1 + 1/3 · 0.4 + 1/2 · 0.2; exposure = 1/6 · 0.9 + 1/3 · 0.6 + 1/2 · 0.8
    assert seg.isolation(GROUP, TOTAL) == pytest.approx(0.25, abs=1e-12)
    assert seg.exposure(GROUP, TOTAL) == pytest.approx(0.75, abs=1e-12)


def test_location_quotient_by_hand():
    # group shares 0.1, 0.4, 0.2 against the city share 60/300 = 0.2
    np.testing.assert_allclose(seg.location_quotient(GROUP, TOTAL), [0.5, 2.0, 1.0], rtol=1e-12)


def test_extremes():
    assert seg.dissimilarity([10, 20, 30], [100, 200, 300]) == pytest.approx(0.0, abs=1e-12)
    assert seg.dissimilarity([50, 0], [50, 70]) == pytest.approx(1.0, abs=1e-12)
    assert seg.isolation([50, 0], [50, 70]) == pytest.approx(1.0, abs=1e-12)
    assert seg.isolation([10, 20, 30], [100, 200, 300]) == pytest.approx(0.1, abs=1e-12)  # A/T


def test_synthetic10_identities():
    data = pd.read_csv(require_shared(REFERENCE_DATA / "synthetic10.csv"))
    minority, population = data["minority"], data["pop"]
    assert seg.isolation(minority, population) + seg.exposure(minority, population) == pytest.approx(1.0, abs=1e-12)
    assert 0 < seg.dissimilarity(minority, population) < 1
    lq = seg.location_quotient(minority, population)
    # the population-weighted mean of the location quotients is 1
    assert np.average(lq, weights=population) == pytest.approx(1.0, abs=1e-12)


def test_area_without_residents():
    assert np.isnan(seg.location_quotient([0, 10], [0, 20])[0])
    assert seg.isolation([0, 10, 5], [0, 20, 20]) == pytest.approx(10 / 15 * 0.5 + 5 / 15 * 0.25)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: seg.dissimilarity([10, 60], [50, 50]), r"dissimilarity: group exceeds total in area\(s\) at position \[1\]"),
        (lambda: seg.isolation([-1, 2], [5, 5]), r"isolation: group contains negative counts"),
        (lambda: seg.exposure([0, 0], [5, 5]), r"exposure: the group has no members"),
        (lambda: seg.dissimilarity([5, 5], [5, 5]), r"dissimilarity: everybody belongs to the group"),
        (lambda: seg.location_quotient([1, np.nan], [5, 5]), r"location_quotient: group contains missing values"),
        (lambda: seg.isolation([1, 2], [5]), r"isolation: group has 2 areas but total has 1"),
        (lambda: seg.dissimilarity([], []), r"dissimilarity: group is empty"),
    ],
)
def test_undefined_input_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()
