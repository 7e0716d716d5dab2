"""Change between years, index to a base year, and the widening-gap rule on hand-computed cases."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.change import change_between, difference_to_base, index_to_base, is_signed, widening_gaps, window_periods

NAN = float("nan")


def wide(rows: dict[str, list[float]], periods: list[int]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=periods)


def test_change_between_in_unit_and_in_percent() -> None:
    frame = wide({"a": [10.0, 12.0], "b": [0.0, 5.0], "c": [-2.0, 1.0], "d": [NAN, 3.0], "e": [4.0, 3.0]}, [2018, 2020])
    result = change_between(frame, base=2018, end=2020)
    assert result.loc["a"].tolist() == [10.0, 12.0, 2.0, pytest.approx(20.0)]
    assert result.loc["e", "relative_change"] == pytest.approx(-25.0)
    assert result.loc["b", "change"] == 5.0 and np.isnan(result.loc["b", "relative_change"])  # from zero
    assert result.loc["c", "change"] == 3.0 and np.isnan(result.loc["c", "relative_change"])  # negative base
    assert np.isnan(result.loc["d", "change"]) and np.isnan(result.loc["d", "relative_change"])  # missing, not 0


def test_index_and_difference_to_base() -> None:
    frame = wide({"a": [50.0, 75.0, 40.0], "b": [0.0, 1.0, 2.0], "c": [NAN, 1.0, 2.0]}, [2010, 2011, 2012])
    index = index_to_base(frame, base=2010)
    assert index.loc["a"].tolist() == [100.0, 150.0, 80.0]
    assert index.loc[["b", "c"]].isna().all().all()
    assert difference_to_base(frame, base=2011).loc["a"].tolist() == [-25.0, 0.0, -35.0]
    with pytest.raises(ValueError, match="period 1999"):
        index_to_base(frame, base=1999)


def test_signed_means_a_negative_value_somewhere() -> None:
    assert is_signed(wide({"a": [1.0, -0.5]}, [1, 2]))
    assert not is_signed(wide({"a": [1.0, NAN, 0.0]}, [1, 2, 3]))


def test_window_counts_periods_not_years() -> None:
    assert window_periods([2024, 2020, 2022], end=2024, window=3) == [2020, 2022, 2024]
    assert window_periods([2020, 2022, 2024], end=2022, window=2) == [2020, 2022]
    assert window_periods([2020, 2022, 2024], end=2022, window=3) == []
    with pytest.raises(ValueError):
        window_periods([2020, 2022], end=2022, window=1)


PERIODS = [2018, 2019, 2020, 2021]
CITY = pd.Series([10.0, 10.0, 11.0, 11.0], index=PERIODS)


def test_widening_gap_rule_on_a_hand_computed_case() -> None:
    frame = wide(
        {
            "grows_above": [12.0, 13.0, 15.0, 16.0],  # gaps 2, 3, 4, 5: widening, above
            "stalls": [9.0, 8.0, 9.0, 8.0],  # gaps −1, −2, −2, −3: one step without growth
            "leaves_the_city": [10.0, 9.0, 9.5, 9.0],  # gaps 0, −1, −1.5, −2: widening, below
            "crosses": [11.0, 9.0, 8.0, 6.0],  # gaps 1, −1, −3, −5: changes side
            "gap_in_data": [12.0, NAN, 15.0, 16.0],  # incomplete
            "too_small_to_see": [12.0, 13.0, 15.0, 15.04],  # gaps 2, 3, 4, 4.04 → 4.0 at one decimal
            "narrows": [13.0, 12.0, 12.5, 11.9],  # gaps 3, 2, 1.5, 0.9
        },
        PERIODS,
    )
    result = widening_gaps(frame, CITY, periods=PERIODS, decimals=1)
    assert result.index[result["widening"]].tolist() == ["grows_above", "leaves_the_city"]
    assert result.loc["grows_above", "side"] == 1 and result.loc["leaves_the_city", "side"] == -1
    assert (result.loc[~result["widening"], "side"] == 0).all()
    assert result.loc["grows_above", ["gap_start", "gap_end"]].tolist() == [2.0, 5.0]
    assert np.isnan(result.loc["gap_in_data", "gap_start"])
    # without the rounding, the last step of 0.04 would count
    assert widening_gaps(frame, CITY, periods=PERIODS, decimals=2).loc["too_small_to_see", "widening"]


def test_widening_gap_only_looks_at_the_window() -> None:
    frame = wide({"a": [20.0, 13.0, 15.0, 16.0]}, PERIODS)  # narrows 2018→2019, then widens
    assert not widening_gaps(frame, CITY, periods=PERIODS, decimals=1).loc["a", "widening"]
    assert widening_gaps(frame, CITY, periods=PERIODS[1:], decimals=1).loc["a", "widening"]


def test_widening_gap_needs_the_city_value() -> None:
    frame = wide({"a": [12.0, 13.0, 15.0, 16.0]}, PERIODS)
    city = pd.Series([10.0, NAN, 11.0, 11.0], index=PERIODS)
    assert not widening_gaps(frame, city, periods=PERIODS, decimals=1).loc["a", "widening"]


def test_widening_gap_of_counts_compares_growth() -> None:
    periods = [2020, 2021, 2022]
    city = pd.Series([1000.0, 1100.0, 1210.0], index=periods)  # index 100, 110, 121
    frame = wide({"faster": [100.0, 120.0, 150.0], "same": [100.0, 110.0, 121.0], "shrinks": [100.0, 90.0, 85.0], "empty": [0.0, 5.0, 9.0]}, periods)
    result = widening_gaps(frame, city, periods=periods, decimals=1, indexed=True)
    assert result["widening"].tolist() == [True, False, True, False]
    assert result["side"].tolist() == [1, 0, -1, 0]
    assert result.loc["faster", ["gap_start", "gap_end"]].tolist() == [0.0, 29.0]


def test_widening_gap_rejects_a_bad_window() -> None:
    frame = wide({"a": [1.0, 2.0, 3.0, 4.0]}, PERIODS)
    with pytest.raises(ValueError, match="at least 2"):
        widening_gaps(frame, CITY, periods=[2018], decimals=1)
    with pytest.raises(ValueError, match="not columns"):
        widening_gaps(frame, CITY, periods=[2018, 2030], decimals=1)
