"""Per-district statistics, computed by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.district import district_statistics

Z_95 = 1.959963984540054


def wilson(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """Textbook Wilson score interval."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return centre - half, centre + half


@pytest.fixture()
def shares() -> pd.DataFrame:
    # shares in %, value = numerator / denominator × 100; area "04" has no figures
    return pd.DataFrame(
        {
            "area_id": ["01", "02", "03", "04", "05"],
            "value": [30.0, 10.0, 30.0, np.nan, 25.0],
            "numerator": [3.0, 100.0, 300.0, np.nan, 250.0],
            "denominator": [10.0, 1000.0, 1000.0, np.nan, 1000.0],
        },
        index=[10, 11, 12, 13, 14],
    )


def test_rows_and_order_are_kept(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    assert list(result.index) == [10, 11, 12, 13, 14]
    assert list(result["area_id"]) == ["01", "02", "03", "04", "05"]
    assert shares.columns.tolist() == ["area_id", "value", "numerator", "denominator"]  # input untouched


def test_z_score_uses_population_sd_over_present_values(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    present = np.array([30.0, 10.0, 30.0, 25.0])
    mean, sd = present.mean(), math.sqrt(((present - present.mean()) ** 2).mean())
    np.testing.assert_allclose(result["z"].to_numpy()[[0, 1, 2, 4]], (present - mean) / sd, rtol=1e-12)
    assert np.isnan(result["z"].iloc[3])


def test_rank_highest_first_ties_minimum_missing_na(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    assert str(result["rank"].dtype) == "Int64"
    assert result["rank"].tolist()[:3] == [1, 4, 1] and result["rank"].iloc[4] == 3
    assert result["rank"].isna().tolist() == [False, False, False, True, False]


def test_deviations(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    np.testing.assert_allclose(result["deviation_abs"].to_numpy(), [10.0, -10.0, 10.0, np.nan, 5.0])
    np.testing.assert_allclose(result["deviation_rel"].to_numpy(), [0.5, -0.5, 0.5, np.nan, 0.25])
    at_zero = district_statistics(shares, city_value=0.0, kind="share", scale=100)
    assert at_zero["deviation_rel"].isna().all()
    np.testing.assert_allclose(at_zero["deviation_abs"].to_numpy(), shares["value"].to_numpy())


def test_location_quotient_from_counts(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    city_share = (3 + 100 + 300 + 250) / (10 + 1000 + 1000 + 1000)
    expected = np.array([0.3, 0.1, 0.3, np.nan, 0.25]) / city_share
    np.testing.assert_allclose(result["location_quotient"].to_numpy(), expected, rtol=1e-12)


def test_wilson_interval_3_of_10_by_hand(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    low, high = wilson(3, 10)
    assert result["ci_low"].iloc[0] == pytest.approx(100 * low, rel=1e-12)
    assert result["ci_high"].iloc[0] == pytest.approx(100 * high, rel=1e-12)
    assert np.isnan(result["ci_low"].iloc[3]) and np.isnan(result["ci_high"].iloc[3])


def test_wilson_at_other_confidence(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100, confidence=0.9)
    low, high = wilson(3, 10, z=1.6448536269514722)
    assert result["ci_low"].iloc[0] == pytest.approx(100 * low, rel=1e-12)
    assert result["ci_high"].iloc[0] == pytest.approx(100 * high, rel=1e-12)


def test_reliability_flags(shares):
    result = district_statistics(shares, city_value=20.0, kind="share", scale=100)
    # 3/10: denominator < 30; 100/1000: width ≈ 3.7 pp; area 04: no figures
    assert result["reliable"].tolist() == [False, True, True, False, True]
    assert result["reliable"].dtype == bool
    wide = pd.DataFrame({"area_id": ["a"], "value": [50.0], "numerator": [20.0], "denominator": [40.0]})
    low, high = wilson(20, 40)
    assert high - low > 0.10  # denominator ≥ 30 but the interval is about 30 pp wide
    assert not district_statistics(wide, city_value=50.0, kind="share", scale=100)["reliable"].iloc[0]


def test_non_shares_have_no_interval_and_are_reliable():
    rates = pd.DataFrame({"area_id": ["a", "b"], "value": [2.0, 4.0]})
    result = district_statistics(rates, city_value=3.0, kind="rate")
    assert result["ci_low"].isna().all() and result["ci_high"].isna().all()
    assert result["location_quotient"].isna().all()
    assert result["reliable"].tolist() == [True, True]
    np.testing.assert_allclose(result["z"].to_numpy(), [-1.0, 1.0])


def test_missing_values_are_never_zero():
    data = pd.DataFrame(
        {
            "area_id": ["a", "b", "c"],
            "value": pd.array([1.0, None, 3.0], dtype="Float64"),
            "numerator": pd.array([1, None, 3], dtype="Int64"),
            "denominator": pd.array([10, 10, None], dtype="Int64"),
        }
    )
    result = district_statistics(data, city_value=2.0, kind="share", scale=10)
    assert np.isnan(result["z"].iloc[1]) and pd.isna(result["rank"].iloc[1])
    assert np.isnan(result["location_quotient"].iloc[1]) and np.isnan(result["location_quotient"].iloc[2])
    assert result["location_quotient"].iloc[0] == pytest.approx(1.0)  # only area a has both counts
    np.testing.assert_allclose(result["z"].to_numpy()[[0, 2]], [-1.0, 1.0])


def test_constant_values_have_no_z():
    data = pd.DataFrame({"area_id": ["a", "b"], "value": [5.0, 5.0]})
    assert district_statistics(data, city_value=5.0, kind="mean")["z"].isna().all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "ratio"}, r"district_statistics: kind must be one of"),
        ({"kind": "share", "confidence": 1.0}, r"district_statistics: confidence must lie strictly between 0 and 1"),
        ({"kind": "share", "scale": 0.0}, r"district_statistics: scale must be positive"),
    ],
)
def test_invalid_arguments(shares, arguments, message):
    with pytest.raises(ValueError, match=message):
        district_statistics(shares, city_value=20.0, **arguments)


def test_invalid_data():
    with pytest.raises(ValueError, match=r"district_statistics: values lacks the column\(s\) \['value'\]"):
        district_statistics(pd.DataFrame({"area_id": ["a"]}), city_value=1.0, kind="count")
    bad = pd.DataFrame({"area_id": ["a"], "value": [120.0], "numerator": [12.0], "denominator": [10.0]})
    with pytest.raises(ValueError, match=r"district_statistics: a share's numerator exceeds its denominator in area\(s\) \['a'\]"):
        district_statistics(bad, city_value=1.0, kind="share", scale=100)
    negative = bad.assign(numerator=-1.0)
    with pytest.raises(ValueError, match=r"district_statistics: the numerator of a share must not be negative"):
        district_statistics(negative, city_value=1.0, kind="share", scale=100)
    with pytest.raises(ValueError, match=r"district_statistics: the denominator must not be negative"):
        district_statistics(bad.assign(denominator=-1.0), city_value=1.0, kind="balance", scale=1000)


def test_a_balance_may_be_negative_and_gets_no_interval():
    # net migration: moves in minus moves out per 1,000 residents, by hand
    balance = pd.DataFrame(
        {"area_id": ["a", "b", "c"], "value": [-20.0, 5.0, 10.0], "numerator": [-40.0, 5.0, 30.0], "denominator": [2000.0, 1000.0, 3000.0]}
    )
    result = district_statistics(balance, city_value=-5.0 / 6000 * 1000, kind="balance", scale=1000)
    assert result["rank"].tolist() == [3, 2, 1]
    assert result["deviation_abs"].tolist() == pytest.approx([-20.0 + 5 / 6, 5.0 + 5 / 6, 10.0 + 5 / 6])
    assert result["ci_low"].isna().all() and result["ci_high"].isna().all()
    assert result["reliable"].all()
    assert result["location_quotient"].isna().all()
