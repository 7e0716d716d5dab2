"""Progress towards targets against hand-computed growth rates and statuses.

The expected numbers were worked out by hand (logarithms to 9 places), not with this code:
- 30 → 27 over 2015–2022, target 20 in 2030: achieved (27/30)^(1/7) − 1 = e^(ln 0.9 / 7) − 1
  = e^(−0.015051502) − 1 = −0.0149388; needed (20/30)^(1/15) − 1 = e^(−0.405465108 / 15) − 1
  = e^(−0.027031007) − 1 = −0.0266689; ratio 0.0149388 / 0.0266689 = 0.56016 → below 0.6.
- 40 → 70 over 2018–2022, target 95 in 2025: achieved 1.75^(1/4) − 1 = √√1.75 − 1 = 0.1501633;
  needed 2.375^(1/7) − 1 = e^(0.864997437 / 7) − 1 = e^0.123571062 − 1 = 0.1315304; ratio 1.14166.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.targets import assess, assess_areas, growth_rate, linear_pace
from tests.conftest import REPO_ROOT


def test_growth_rate_and_linear_pace_by_hand() -> None:
    assert growth_rate(30, 27, 7) == pytest.approx(-0.0149388, abs=1e-7)
    assert growth_rate(30, 20, 15) == pytest.approx(-0.0266689, abs=1e-7)
    assert growth_rate(100, 121, 2) == pytest.approx(0.10)
    assert linear_pace(8, 5, 6) == -0.5
    with pytest.raises(ValueError, match="growth_rate"):
        growth_rate(0, 5, 3)


def test_a_decrease_that_is_too_slow_is_stalling() -> None:
    judged = assess([2015, 2018, 2022], [30.0, 29.0, 27.0], target=20, direction="decrease", target_year=2030)
    assert (judged.method, judged.base_year, judged.current_year) == ("growth", 2015, 2022)
    assert judged.achieved_pace == pytest.approx(-0.0149388, abs=1e-7)
    assert judged.required_pace == pytest.approx(-0.0266689, abs=1e-7)
    assert judged.ratio == pytest.approx(0.56016, abs=1e-5)
    assert judged.status == "stalling"
    assert judged.remaining == 7.0


def test_an_increase_faster_than_needed_is_on_track() -> None:
    judged = assess([2018, 2022], [40.0, 70.0], target=95, direction="increase", target_year=2025)
    assert judged.achieved_pace == pytest.approx(0.1501633, abs=1e-7)
    assert judged.required_pace == pytest.approx(0.1315304, abs=1e-7)
    assert judged.ratio == pytest.approx(1.14166, abs=1e-5)
    assert (judged.status, judged.remaining) == ("on_track", 25.0)


def test_thresholds_of_open_sdg() -> None:
    # linear paces keep the arithmetic exact: needed −1 a year (10 → 0 over 10 years)
    def status(current: float) -> str:
        return assess([2020, 2021], [10.0, current], target=0, direction="decrease", target_year=2030).status

    assert status(9.0) == "on_track"  # ratio 1.0
    assert status(9.04) == "on_track"  # 0.96
    assert status(9.06) == "too_slow"  # 0.94
    assert status(9.39) == "too_slow"  # 0.61
    assert status(9.41) == "stalling"  # 0.59
    assert status(10.0) == "stalling"  # 0: no progress
    assert status(10.5) == "moving_away"  # −0.5


def test_a_target_of_zero_is_judged_linearly() -> None:
    judged = assess([2016, 2022], [8.0, 5.0], target=0, direction="decrease", target_year=2026)
    assert judged.method == "linear"
    assert (judged.achieved_pace, judged.required_pace) == (-0.5, -0.8)
    assert judged.ratio == pytest.approx(0.625)
    assert judged.status == "too_slow"


def test_values_near_zero_are_judged_linearly() -> None:
    # 0.08 is below 5 % of 2.0: the growth rate needed (−23.5 % a year) would call this stalling
    judged = assess([2018, 2022], [2.0, 1.5], target=0.08, direction="decrease", target_year=2030)
    assert judged.method == "linear"
    assert judged.achieved_pace == pytest.approx(-0.125)
    assert judged.required_pace == pytest.approx(-0.16)
    assert judged.ratio == pytest.approx(0.78125)
    assert judged.status == "too_slow"
    # 0.2 is not near zero: growth rates
    assert assess([2018, 2022], [2.0, 1.5], target=0.2, direction="decrease", target_year=2030).method == "growth"


def test_a_balance_crossing_zero_is_judged_linearly() -> None:
    judged = assess([2019, 2022], [-2.0, 1.0], target=3, direction="increase", target_year=2024)
    assert judged.method == "linear"
    assert (judged.achieved_pace, judged.required_pace, judged.ratio) == (1.0, 1.0, 1.0)
    assert judged.status == "on_track"


def test_achieved_moving_away_and_a_base_that_already_met_the_target() -> None:
    assert assess([2015, 2022], [30.0, 18.0], target=20, direction="decrease", target_year=2030).status == "achieved"
    away = assess([2015, 2022], [50.0, 45.0], target=60, direction="increase", target_year=2030)
    assert away.status == "moving_away" and away.ratio < 0
    slipped = assess([2015, 2022], [8.0, 12.0], target=10, direction="decrease", target_year=2030)
    assert (slipped.status, slipped.remaining, slipped.required_pace, slipped.ratio) == ("moving_away", 2.0, None, None)
    held = assess([2015, 2022], [10.0, 9.0], target=10, direction="decrease", target_year=2030)
    assert (held.status, held.ratio) == ("achieved", None)
    assert held.achieved_pace == pytest.approx(-0.0149388, abs=1e-7)  # (9/10)^(1/7) − 1, as 27/30 above


def test_not_assessable_says_why() -> None:
    assert assess([], [], target=5, direction="increase", target_year=2030).reason == "no_values"
    one = assess([2020, 2021], [np.nan, 4.0], target=5, direction="increase", target_year=2030)
    assert (one.status, one.reason, one.current_value) == ("not_assessable", "one_year", 4.0)
    late = assess([2031, 2032], [1.0, 2.0], target=5, direction="increase", target_year=2030)
    assert (late.status, late.reason) == ("not_assessable", "base_not_before_target")


def test_the_base_year_is_the_declared_one_or_the_next_with_a_value() -> None:
    judged = assess([2014, 2015, 2016, 2022], [99.0, math.nan, 30.0, 27.0], target=20, direction="decrease", target_year=2030, base_year=2015)
    assert (judged.base_year, judged.base_value) == (2016, 30.0)
    assert judged.past_target_year is False
    assert assess([2020, 2031], [30.0, 25.0], target=20, direction="decrease", target_year=2030).past_target_year


def test_assess_areas_judges_each_area() -> None:
    series = pd.DataFrame(
        {
            "area_id": ["a", "a", "b", "b", "c", "c"],
            "period": [2015, 2022, 2015, 2022, 2015, 2022],
            "value": [30.0, 27.0, 30.0, 18.0, np.nan, np.nan],
        }
    )
    judged = assess_areas(series, target=20, direction="decrease", target_year=2030).set_index("area_id")
    assert list(judged["status"]) == ["stalling", "achieved", "not_assessable"]
    assert judged.loc["a", "ratio"] == pytest.approx(0.56016, abs=1e-5)
    assert judged.loc["c", "reason"] == "no_values"


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="direction"):
        assess([2020], [1.0], target=1, direction="up", target_year=2030)


def test_the_weakest_area_and_the_furthest_first() -> None:
    from metrics.targets import furthest_first, weakest

    judged = pd.DataFrame(
        {
            "area_id": ["a", "b", "c", "d", "e"],
            "status": ["too_slow", "moving_away", "achieved", "moving_away", "not_assessable"],
            "ratio": [0.7, -0.2, 2.0, -0.5, np.nan],
            "remaining": [3.0, 4.0, -1.0, 2.0, np.nan],
        }
    )
    assert weakest(judged)["area_id"] == "b"  # of the two moving away, b is further from the target
    assert list(furthest_first(judged)["area_id"]) == ["b", "a", "d", "c", "e"]
    assert weakest(judged.iloc[[4]]) is None


def _assess_areas_as_before(series: pd.DataFrame, **rules: object) -> pd.DataFrame:
    """The per-area loop `assess_areas` was before it was vectorised (one `assess` per area), the reference."""
    from dataclasses import asdict

    from metrics.targets import Assessment

    rows = [
        {"area_id": area_id, **asdict(assess(group["period"].to_numpy(), group["value"].to_numpy(dtype=np.float64, na_value=np.nan), **rules))}
        for area_id, group in series.groupby("area_id", sort=False)
    ]
    return pd.DataFrame(rows, columns=["area_id", *Assessment.__dataclass_fields__])


def _same_judgements(series: pd.DataFrame, **rules: object) -> None:
    new, old = assess_areas(series, **rules), _assess_areas_as_before(series, **rules)
    assert list(new.columns) == list(old.columns) and new.dtypes.to_dict() == old.dtypes.to_dict()
    # every cell equal; paces and ratios to the last bit but for pow's rounding (numpy's and C's may differ by an ulp)
    exact = [c for c in old.columns if c not in ("achieved_pace", "required_pace", "ratio")]
    pd.testing.assert_frame_equal(new[exact], old[exact])
    for name in ("achieved_pace", "required_pace", "ratio"):
        pd.testing.assert_series_equal(new[name], old[name], check_exact=False, rtol=1e-13)


def test_assess_areas_judges_the_demo_as_the_per_area_loop_did() -> None:
    from loaders.store import Store

    store = Store(REPO_ROOT / "data" / "demo")
    checked = 0
    for target in store.targets():
        for level in store.metadata.level_ids:
            series = store.series(target.indicator, level, [])[["area_id", "period", "value"]]
            for base_year in (target.base_year, None, 2019):
                rules = {"target": target.value, "direction": target.direction, "target_year": target.year, "base_year": base_year}
                _same_judgements(series, **rules)
                checked += 1
    assert checked >= 6 * 2 * 3


@pytest.mark.parametrize("seed", range(8))
def test_assess_areas_judges_random_series_as_the_per_area_loop_did(seed: int) -> None:
    # missing years and values, repeated years, ties with the target, zeros and negatives, one-year
    # areas, areas without any value, unsorted rows, both directions, base years before and after
    rng = np.random.default_rng(seed)
    rows = 600
    series = pd.DataFrame(
        {
            "area_id": rng.choice([f"g{i:02d}" for i in range(60)], size=rows),
            "period": rng.integers(2010, 2028, size=rows),
            "value": rng.choice([np.nan, 0.0, -3.0, 20.0, 0.5, *rng.normal(20, 8, size=20).round(1)], size=rows),
        }
    )
    series.loc[series["area_id"] == "g00", "value"] = np.nan  # no value at all
    series.loc[series["area_id"] == "g01", "period"] = 2017  # one year only
    for direction in ("increase", "decrease"):
        for target, year, base_year in ((20.0, 2030, None), (0.0, 2025, 2015), (25.0, 2020, 2012), (-1.0, 2030, None), (20.0, 2016, 2016)):
            _same_judgements(series, target=target, direction=direction, target_year=year, base_year=base_year)


def test_assess_areas_by_hand_in_every_branch() -> None:
    series = pd.DataFrame(
        {
            "area_id": ["late", "one", "held", "slipped", "linear", "late", "one", "held", "slipped", "linear", "dup", "dup", "dup"],
            "period": [2031, 2018, 2015, 2015, 2015, 2032, 2018, 2022, 2022, 2020, 2015, 2020, 2020],
            "value": [30.0, 25.0, 15.0, 19.0, 0.0, 28.0, 26.0, 14.0, 22.0, -5.0, 30.0, 24.0, 27.0],
        }
    )
    judged = assess_areas(series, target=20, direction="decrease", target_year=2030).set_index("area_id")
    assert judged.loc["late", "reason"] == "base_not_before_target" and judged.loc["late", "past_target_year"]
    assert judged.loc["one", "reason"] == "one_year" and judged.loc["one", "remaining"] == 6.0
    assert judged.loc["held", "status"] == "achieved" and pd.isna(judged.loc["held", "ratio"])  # no pace was needed
    assert judged.loc["slipped", "status"] == "moving_away" and pd.isna(judged.loc["slipped", "required_pace"])
    # 0 → −5 over 5 years, linear (zero and below): −1 a year; the base 0 already met the target, −5 still does: achieved
    assert judged.loc["linear", "method"] == "linear" and judged.loc["linear", "status"] == "achieved"
    assert judged.loc["linear", "achieved_pace"] == -1.0 and pd.isna(judged.loc["linear", "ratio"])
    # two values in 2020: the later row is the current value (27), 30 → 27 over 5 years, needed 30 → 20 over 15
    assert judged.loc["dup", "current_value"] == 27.0
    assert judged.loc["dup", "ratio"] == pytest.approx(((27 / 30) ** (1 / 5) - 1) / abs((20 / 30) ** (1 / 15) - 1) * -1)
    assert list(judged.index) == ["late", "one", "held", "slipped", "linear", "dup"]
