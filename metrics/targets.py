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
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

__all__ = [
    "Assessment",
    "STATUSES",
    "ON_TRACK",
    "TOO_SLOW",
    "STALLING",
    "NEAR_ZERO",
    "growth_rate",
    "linear_pace",
    "assess",
    "assess_areas",
    "furthest_first",
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

    Columns: area_id and the fields of Assessment. Areas keep the order of first appearance.
    """
    rows = []
    for area_id, group in series.groupby("area_id", sort=False):
        judged = assess(
            group["period"].to_numpy(),
            group["value"].to_numpy(dtype=np.float64, na_value=np.nan),
            target=target,
            direction=direction,
            target_year=target_year,
            base_year=base_year,
        )
        rows.append({"area_id": area_id, **asdict(judged)})
    columns = ["area_id", *Assessment.__dataclass_fields__]
    return pd.DataFrame(rows, columns=columns)


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
