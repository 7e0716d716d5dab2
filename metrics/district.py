"""Statistics per district for one indicator and period, as shown on the district pages."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

__all__ = ["district_statistics", "KINDS", "SIGNED_KINDS", "MIN_RELIABLE_DENOMINATOR", "MAX_RELIABLE_INTERVAL_WIDTH"]

KINDS = ("count", "share", "rate", "mean", "index", "balance")
# kinds whose numerator may be negative (a balance such as net migration, a mean or index of signed values)
SIGNED_KINDS = ("balance", "mean", "index")
# A share is unreliable below this denominator ...
MIN_RELIABLE_DENOMINATOR = 30
# ... or when its Wilson interval is wider than this (as a proportion: 10 percentage points).
MAX_RELIABLE_INTERVAL_WIDTH = 0.10


def _numeric(values: pd.DataFrame, column: str) -> pd.Series:
    """`column` as float64 with NaN for missing entries, or all-NaN when the column is absent."""
    if column not in values:
        return pd.Series(np.nan, index=values.index, dtype="float64")
    try:
        return pd.Series(values[column].to_numpy(dtype=np.float64, na_value=np.nan), index=values.index)
    except (TypeError, ValueError) as error:
        raise ValueError(f"district_statistics: column {column!r} must be numeric ({error})") from None


def _wilson_interval(successes: pd.Series, trials: pd.Series, confidence: float) -> tuple[pd.Series, pd.Series]:
    """Wilson score interval for the proportion successes/trials (NaN where trials is missing or 0)."""
    z = norm.ppf(0.5 + confidence / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        proportion = successes / trials
        centre = (proportion + z**2 / (2 * trials)) / (1 + z**2 / trials)
        half_width = z / (1 + z**2 / trials) * np.sqrt(proportion * (1 - proportion) / trials + z**2 / (4 * trials**2))
    usable = trials > 0
    return (centre - half_width).where(usable), (centre + half_width).where(usable)


def district_statistics(
    values: pd.DataFrame,
    *,
    city_value: float,
    kind: str,
    scale: float = 1.0,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Per-district statistics of one indicator in one period.

    `values` has the columns ``area_id`` and ``value`` and, optionally, ``numerator`` and
    ``denominator`` (value = numerator / denominator × `scale`). Missing entries stay missing:
    they never count as 0 and every statistic that needs them is NaN (rank: <NA>). Returns a copy
    with the same rows in the same order and these columns added:

    * ``z``: (value − mean) / standard deviation over the districts that have a value, with the
      population standard deviation (divisor n); NaN if that deviation is 0.
    * ``rank``: 1 = highest value, ties share the smallest rank (``method="min"``); nullable
      Int64. The rank says nothing about good or bad: that is the indicator's polarity.
    * ``deviation_abs`` = value − `city_value`; ``deviation_rel`` = value / `city_value` − 1
      (NaN when `city_value` is 0).
    * ``location_quotient`` = (numerator_i / denominator_i) / (Σ numerator / Σ denominator), the
      sums over the districts that have both and a positive denominator; NaN without them, for
      a balance and wherever a numerator is negative (a ratio of signed ratios means nothing).
    * ``ci_low``, ``ci_high``: for `kind` "share", the Wilson score interval of
      numerator/denominator at `confidence` (two-sided), in the unit of value (× `scale`);
      NaN for other kinds or without numerator and denominator.
    * ``reliable``: for a share, False when the denominator is below 30, when the Wilson interval
      is wider than 10 percentage points of the proportion (0.10) or when numerator or
      denominator is missing; True for every other kind.

    Raises ValueError for a missing column, an unknown `kind`, a `confidence` outside (0, 1), a
    `scale` that is not positive, a negative denominator, a negative numerator of a kind that
    cannot be negative (a balance, mean or index may be) or a share numerator above its
    denominator.
    """
    metric = "district_statistics"
    missing_columns = {"area_id", "value"} - set(values.columns)
    if missing_columns:
        raise ValueError(f"{metric}: values lacks the column(s) {sorted(missing_columns)}")
    if kind not in KINDS:
        raise ValueError(f"{metric}: kind must be one of {KINDS}, got {kind!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"{metric}: confidence must lie strictly between 0 and 1, got {confidence}")
    if not scale > 0:
        raise ValueError(f"{metric}: scale must be positive, got {scale}")

    value = _numeric(values, "value")
    numerator = _numeric(values, "numerator")
    denominator = _numeric(values, "denominator")
    if (denominator < 0).any():
        raise ValueError(f"{metric}: the denominator must not be negative")
    if kind not in SIGNED_KINDS and (numerator < 0).any():
        raise ValueError(f"{metric}: the numerator of a {kind} must not be negative (a signed figure has kind 'balance')")
    if kind == "share" and (numerator > denominator).any():
        areas = values.loc[numerator > denominator, "area_id"].tolist()[:5]
        raise ValueError(f"{metric}: a share's numerator exceeds its denominator in area(s) {areas}")

    result = values.copy()
    spread = value.std(ddof=0)
    result["z"] = (value - value.mean()) / spread if spread > 0 else np.nan
    result["rank"] = value.rank(method="min", ascending=False).astype("Int64")
    result["deviation_abs"] = value - city_value
    result["deviation_rel"] = value / city_value - 1 if city_value != 0 else np.nan

    paired = numerator.notna() & (denominator > 0)
    city_ratio = numerator[paired].sum() / denominator[paired].sum() if paired.any() else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (numerator / denominator).where(paired)
    signed = kind == "balance" or bool((numerator < 0).any())
    result["location_quotient"] = ratio / city_ratio if city_ratio > 0 and not signed else np.nan

    if kind == "share":
        low, high = _wilson_interval(numerator, denominator, confidence)
        result["ci_low"], result["ci_high"] = low * scale, high * scale
        result["reliable"] = (denominator >= MIN_RELIABLE_DENOMINATOR) & (high - low <= MAX_RELIABLE_INTERVAL_WIDTH)
    else:
        result["ci_low"] = result["ci_high"] = np.nan
        result["reliable"] = True
    result["reliable"] = result["reliable"].astype(bool)
    return result
