"""Change over time: differences, index to a base year, and the widening-gap rule.

Conventions:

* Input is *wide*: one row per area (the index), one column per period (int, ascending), the
  value in the indicator's unit; NaN = missing or withheld, never 0. The city is a Series
  indexed by period (or a one-row wide frame).
* ``change`` = end − base in the indicator's unit (for a share in % that is percentage points).
* ``relative_change`` = (end / base − 1) × 100, in %; defined only where base > 0 and end ≥ 0
  (a relative change of a negative balance, or from zero, means nothing).
* Index to a base year = value / base value × 100, defined only where the base value is > 0.
* Nothing is interpolated: a missing value in either period gives a missing change.
* The widening-gap rule is in :func:`widening_gaps` (and docs/trends-and-comparison.md).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "change_between",
    "difference_to_base",
    "index_to_base",
    "is_signed",
    "widening_gaps",
    "window_periods",
]


def _column(wide: pd.DataFrame, period: int, metric: str) -> pd.Series:
    if period not in wide.columns:
        raise ValueError(f"{metric}: period {period} is not among the periods {list(wide.columns)}")
    return wide[period].astype(float)


def is_signed(wide: pd.DataFrame) -> bool:
    """True when any value is negative: a balance (e.g. net migration), for which an index or a
    relative change is not defined."""
    return bool((wide.to_numpy(dtype=float, na_value=np.nan) < 0).any())


def change_between(wide: pd.DataFrame, *, base: int, end: int) -> pd.DataFrame:
    """Per row of `wide`: ``base_value``, ``end_value``, ``change`` (end − base, in the unit) and
    ``relative_change`` (in %, NaN unless base > 0 and end ≥ 0)."""
    metric = "change_between"
    start, finish = _column(wide, base, metric), _column(wide, end, metric)
    usable = (start > 0) & (finish >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = ((finish / start - 1.0) * 100.0).where(usable)
    return pd.DataFrame(
        {"base_value": start, "end_value": finish, "change": finish - start, "relative_change": relative},
        index=wide.index,
    )


def index_to_base(wide: pd.DataFrame, *, base: int) -> pd.DataFrame:
    """Every value as an index, base year = 100: value / base value × 100 (NaN where the base
    value is missing or not positive)."""
    start = _column(wide, base, "index_to_base")
    divisor = start.where(start > 0)
    return wide.astype(float).div(divisor, axis=0) * 100.0


def difference_to_base(wide: pd.DataFrame, *, base: int) -> pd.DataFrame:
    """Every value minus the base year's value, in the unit (percentage points for a share in %)."""
    start = _column(wide, base, "difference_to_base")
    return wide.astype(float).sub(start, axis=0)


def window_periods(periods: Sequence[int], *, end: int, window: int) -> list[int]:
    """The last `window` periods up to and including `end`, ascending; [] when fewer exist.

    Periods are counted as they occur in the data, not as calendar years: with 2020, 2022 and
    2024 the last 3 periods up to 2024 span four years.
    """
    if window < 2:
        raise ValueError(f"window_periods: a window needs at least 2 periods, got {window}")
    upto = sorted(int(p) for p in set(periods) if int(p) <= end)
    return upto[-window:] if len(upto) >= window else []


def widening_gaps(
    wide: pd.DataFrame,
    city: pd.Series,
    *,
    periods: Sequence[int],
    decimals: int,
    indexed: bool = False,
) -> pd.DataFrame:
    """Which areas move away from the city value, period after period, over `periods`.

    For area a and period t of the window p_0 < p_1 < … < p_m (`periods`, m ≥ 1) the gap is
    d_t = v_a,t − c_t, the area's value minus the city value, rounded to `decimals` places (the
    precision shown, so that every step of the rule can be read off the table). With
    `indexed` (for counts, whose area values and city total are not on one scale) both are
    first indexed to the window's first period, v_t / v_p0 × 100, so d_t compares growth.

    The area's gap to the city **widens** over the window when all three hold:

    1. complete: area and city have a value in every period of the window (a missing or
       withheld value, or a base ≤ 0 when indexed, leaves the area unclassified);
    2. one side: d_t has the same non-zero sign s for every t after p_0, and d_p0 is 0 or has
       sign s (an area that starts at the city value and moves away counts; one that crosses
       the city value does not);
    3. growing: |d_t| is strictly larger than |d_t−1| at every step of the window.

    Returns, per row of `wide`: ``widening`` (bool), ``side`` (+1 above the city, −1 below, 0
    where not classified), ``gap_start`` = d_p0 and ``gap_end`` = d_pm (NaN where incomplete).
    """
    metric = "widening_gaps"
    window = [int(p) for p in periods]
    if len(window) < 2 or window != sorted(set(window)):
        raise ValueError(f"{metric}: periods must be at least 2 distinct periods in ascending order, got {window}")
    missing = [p for p in window if p not in wide.columns]
    if missing:
        raise ValueError(f"{metric}: periods {missing} are not columns of the area values")
    areas = wide[window].astype(float)
    reference = pd.Series(city, dtype=float).reindex(window)
    if indexed:
        first = areas[window[0]]
        areas = areas.div(first.where(first > 0), axis=0) * 100.0
        reference = reference / reference.iloc[0] * 100.0 if reference.iloc[0] > 0 else reference * np.nan
    gaps = areas.sub(reference, axis=1).round(decimals)
    values = gaps.to_numpy(dtype=float)
    complete = ~np.isnan(values).any(axis=1)
    later = np.sign(values[:, 1:])
    side = later[:, 0] if values.shape[0] else np.zeros(0)
    one_side = complete & (side != 0) & (later == side[:, None]).all(axis=1)
    one_side &= (np.sign(values[:, 0]) == 0) | (np.sign(values[:, 0]) == side)
    growing = (np.diff(np.abs(values), axis=1) > 0).all(axis=1)
    widening = one_side & growing
    return pd.DataFrame(
        {
            "widening": widening,
            "side": np.where(widening, side, 0).astype(int),
            "gap_start": np.where(complete, values[:, 0], np.nan),
            "gap_end": np.where(complete, values[:, -1], np.nan),
        },
        index=wide.index,
    )
