"""Progress towards a declared target, judged as Open SDG and Eurostat do ("distance to target").

Conventions (docs/targets.md states them for readers):

- **Base year**: the target's `base_year`, else the first year with a value; where the base
  year has no value, the next year that has one (as Open SDG does).
- **Current year**: the latest year with a value.
- **Achieved**: the current value is at or below the target (`decrease`) or at or above it
  (`increase`).
- **Pace, growth method** (the default, Eurostat/Open SDG): the compound annual growth rate
  achieved, (current / base)^(1 / (current year − base year)) − 1, against the rate needed,
  (target / base)^(1 / (target year − base year)) − 1.
- **Pace, linear method**: where a growth rate breaks down — a base, current or target value
  of zero or below (a target of zero, a balance that can be negative), or the smallest of the
  three below NEAR_ZERO × the largest (a growth rate then mostly measures noise near zero) —
  the change per year achieved, (current − base) / (current year − base year), against the
  change per year needed, (target − base) / (target year − base year).
- **Ratio** = achieved / |needed|, with the sign turned for a `decrease` target, so that a
  positive ratio always means movement towards the target.
- **Status**: achieved → "achieved"; else ratio ≥ 0.95 → "on_track"; ≥ 0.6 → "too_slow"
  (acceleration needed); ≥ 0 → "stalling" (limited or no progress); < 0 → "moving_away";
  "not_assessable" where fewer than two years have a value or the base year is not before the
  target year. Where the base value already met the target, no pace was needed (needed pace
  and ratio stay empty): a value that still meets it is "achieved", one that no longer does
  has moved away.

Shares are judged on the share as declared (a target "at least 95 %" on the share itself, not
on its complement), like any other value; their targets lie within 0…100 % (the contract
checks this).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "NEAR_ZERO",
    "ON_TRACK",
    "STALLING",
    "STATUSES",
    "TOO_SLOW",
    "Assessment",
    "assess",
    "assess_areas",
    "furthest_first",
    "growth_rate",
    "linear_pace",
    "weakest",
]

DIRECTIONS = ("increase", "decrease")
# Order from best to worst; "not_assessable" last.
STATUSES = ("achieved", "on_track", "too_slow", "stalling", "moving_away", "not_assessable")
# Open SDG's default thresholds for quantitative targets (ratio of achieved to needed pace).
ON_TRACK = 0.95
TOO_SLOW = 0.6
STALLING = 0.0
# Below this fraction of the largest of base, current and target, a value counts as near zero.
NEAR_ZERO = 0.05


@dataclass(frozen=True)
class Assessment:
    """The judgement of one series against one target; paces are per year.

    `method` is "growth" (paces are growth rates, 0.02 = 2 % a year) or "linear" (paces are
    changes in the indicator's unit per year). `remaining` is the distance still to cover in
    the indicator's unit (positive: not yet reached; zero or below: reached). `reason` says why
    a series is not assessable: "no_values", "one_year" or "base_not_before_target".
    """

    status: str
    reason: str | None = None
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    method: str | None = None
    achieved_pace: float | None = None
    required_pace: float | None = None
    ratio: float | None = None
    remaining: float | None = None
    past_target_year: bool = False


def growth_rate(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from `start` to `end` over `years` (both values > 0, years > 0)."""
    if not (start > 0 and end > 0 and years > 0):
        raise ValueError(f"growth_rate: needs start > 0, end > 0 and years > 0, got {start}, {end}, {years}")
    return (end / start) ** (1.0 / years) - 1.0


def linear_pace(start: float, end: float, years: float) -> float:
    """Change per year from `start` to `end` over `years` (years > 0)."""
    if not years > 0:
        raise ValueError(f"linear_pace: needs years > 0, got {years}")
    return (end - start) / years


def _method(base: float, current: float, target: float) -> str:
    """"growth" where all three values are clearly above zero, else "linear"."""
    values = (base, current, target)
    if min(values) <= 0:
        return "linear"
    return "linear" if min(values) < NEAR_ZERO * max(values) else "growth"


def _status(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= TOO_SLOW:
        return "too_slow"
    if ratio >= STALLING:
        return "stalling"
    return "moving_away"


def _meets(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == "decrease" else value >= target


def assess(
    periods: object,
    values: object,
    *,
    target: float,
    direction: str,
    target_year: int,
    base_year: int | None = None,
) -> Assessment:
    """Judge one series (years and values; missing values as NaN) against one target."""
    if direction not in DIRECTIONS:
        raise ValueError(f"assess: direction must be one of {DIRECTIONS}, got {direction!r}")
    if not math.isfinite(target):
        raise ValueError(f"assess: target must be a finite number, got {target!r}")
    years = np.asarray(periods, dtype=np.int64)
    numbers = np.asarray(values, dtype=np.float64)
    present = np.isfinite(numbers)
    years, numbers = years[present], numbers[present]
    order = np.argsort(years, kind="stable")
    years, numbers = years[order], numbers[order]
    if base_year is not None:
        keep = years >= base_year
        years, numbers = years[keep], numbers[keep]
    if years.size == 0:
        return Assessment(status="not_assessable", reason="no_values")
    base_at, base = int(years[0]), float(numbers[0])
    current_at, current = int(years[-1]), float(numbers[-1])
    remaining = target - current if direction == "increase" else current - target
    common = {
        "base_year": base_at,
        "base_value": base,
        "current_year": current_at,
        "current_value": current,
        "remaining": remaining,
        "past_target_year": current_at >= target_year,
    }
    if current_at == base_at:
        return Assessment(status="not_assessable", reason="one_year", **common)
    if base_at >= target_year:
        return Assessment(status="not_assessable", reason="base_not_before_target", **common)
    method = _method(base, current, target)
    pace = growth_rate if method == "growth" else linear_pace
    common.update(method=method, achieved_pace=pace(base, current, current_at - base_at))
    if _meets(base, target, direction):
        # no movement was needed: the value holds the target, or has slipped away from it
        return Assessment(status="achieved" if _meets(current, target, direction) else "moving_away", **common)
    required = pace(base, target, target_year - base_at)
    ratio = common["achieved_pace"] / abs(required) * (1 if direction == "increase" else -1)
    common.update(required_pace=required, ratio=ratio)
    return Assessment(status="achieved" if _meets(current, target, direction) else _status(ratio), **common)


def assess_areas(
    series: pd.DataFrame,
    *,
    target: float,
    direction: str,
    target_year: int,
    base_year: int | None = None,
) -> pd.DataFrame:
    """`assess` for each area of `series` (area_id, period, value): one row per area.

    Columns: area_id and the fields of Assessment (missing fields as NaN/None, with the dtypes
    pandas infers for a list of Assessments). Areas keep the order of first appearance. The
    same rules as `assess`, computed for all areas at once (no Python call per area).
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"assess_areas: direction must be one of {DIRECTIONS}, got {direction!r}")
    if not math.isfinite(target):
        raise ValueError(f"assess_areas: target must be a finite number, got {target!r}")
    codes, area_ids = pd.factorize(series["area_id"], sort=False)  # areas in the order of first appearance
    n = len(area_ids)
    years_all = series["period"].to_numpy(dtype=np.int64)
    numbers_all = series["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    keep = np.isfinite(numbers_all) & (codes >= 0)
    if base_year is not None:
        keep &= years_all >= base_year
    rows = np.flatnonzero(keep)
    # per area, by year and then by the order of the rows: the first row is the base, the last the current value
    rows = rows[np.lexsort((rows, years_all[rows], codes[rows]))]
    area_of = codes[rows]
    has = np.bincount(area_of, minlength=n) > 0
    first = np.full(n, -1)
    last = np.full(n, -1)
    first[area_of[::-1]] = rows[::-1]  # the last assignment wins: the first row of each area
    last[area_of] = rows
    base_at = np.where(has, years_all[first], 0)
    current_at = np.where(has, years_all[last], 0)
    base = np.where(has, numbers_all[first], np.nan)
    current = np.where(has, numbers_all[last], np.nan)
    increase = direction == "increase"
    remaining = target - current if increase else current - target

    one_year = has & (current_at == base_at)
    base_late = has & ~one_year & (base_at >= target_year)
    judged = has & ~one_year & ~base_late
    smallest = np.minimum(np.minimum(base, current), target)
    largest = np.maximum(np.maximum(base, current), target)
    growth = judged & (smallest > 0) & ~(smallest < NEAR_ZERO * largest)
    elapsed = (current_at - base_at).astype(np.float64)
    needed_years = (target_year - base_at).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        achieved = np.where(growth, (current / base) ** (1.0 / elapsed) - 1.0, (current - base) / elapsed)
        required = np.where(growth, (target / base) ** (1.0 / needed_years) - 1.0, (target - base) / needed_years)
        ratio = achieved / np.abs(required) * (1 if increase else -1)
    meets_base = base >= target if increase else base <= target
    meets_current = current >= target if increase else current <= target
    paced = judged & ~meets_base  # a pace was needed
    by_ratio = np.select(
        [ratio >= ON_TRACK, ratio >= TOO_SLOW, ratio >= STALLING], ["on_track", "too_slow", "stalling"], "moving_away"
    )
    status = np.select(
        [~judged, meets_current, paced], ["not_assessable", "achieved", by_ratio], "moving_away"
    )
    reason = np.select([~has, one_year, base_late], ["no_values", "one_year", "base_not_before_target"], "")

    def column(values: np.ndarray, present: np.ndarray) -> np.ndarray:
        """Values with None where absent, as an object column (pandas infers the dtype below)."""
        cells = values.astype(object)
        cells[~present] = None
        return cells

    frame = pd.DataFrame(
        {
            "area_id": column(np.asarray(area_ids, dtype=object), np.ones(n, dtype=bool)),
            "status": column(status, np.ones(n, dtype=bool)),
            "reason": column(reason, ~judged),
            "base_year": column(base_at, has),
            "base_value": column(base, has),
            "current_year": column(current_at, has),
            "current_value": column(current, has),
            "method": column(np.where(growth, "growth", "linear"), judged),
            "achieved_pace": column(achieved, judged),
            "required_pace": column(required, paced),
            "ratio": column(ratio, paced),
            "remaining": column(remaining, has),
            "past_target_year": has & (current_at >= target_year),
        }
    )
    return frame.infer_objects()


def furthest_first(judged: pd.DataFrame) -> pd.DataFrame:
    """Areas ordered by the distance still to cover (largest first); areas without a value last."""
    return judged.sort_values("remaining", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def weakest(judged: pd.DataFrame) -> pd.Series | None:
    """The assessable area with the worst status (ties: the one furthest from the target).

    A target that holds for several areas is only as far along as this area. None when no
    area is assessable.
    """
    assessable = judged[judged["status"] != "not_assessable"]
    if assessable.empty:
        return None
    rank = assessable["status"].map({status: -position for position, status in enumerate(STATUSES)})
    ordered = assessable.assign(_rank=rank).sort_values(["_rank", "remaining"], ascending=[True, False], kind="stable")
    return ordered.drop(columns=["_rank"]).iloc[0]
