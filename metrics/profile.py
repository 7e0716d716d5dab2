"""An area's profile across topics: standardised gaps to the city, averaged per domain.

Conventions:

* Gap of area a in indicator i: z_ai = (x_ai − c_i) / s_i, with c_i the city's value (formed
  from numerators and denominators, not the mean of the areas) and s_i the population standard
  deviation (divisor n) of x_i over the areas of the level that have a value. The city is 0 on
  every indicator; ±1 is one typical spread between the areas away from it.
* Polarity-aligned: z is multiplied by the indicator's direction, +1 where higher is better and
  −1 where higher is worse, so that a positive score is always the favourable side. Indicators
  without a direction (0) have no favourable side and are left out, as are indicators whose
  spread is 0, which have no city value, or where the area has no value (missing or withheld).
* Domain score: the unweighted mean of the aligned gaps of the domain's indicators that the area
  has (KomMonitor's profile chart, with z-values instead of min–max scaling).
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["aligned_gaps", "domain_scores"]


def aligned_gaps(values: pd.DataFrame, *, city: Mapping[str, float | None], direction: Mapping[str, int]) -> pd.DataFrame:
    """Polarity-aligned standardised gaps to the city, one row per area, one column per indicator.

    `values` is long (indicator_id, area_id, value; NaN = missing) with every area of one level;
    `city` maps indicator → the city's value (None or NaN: not formed); `direction` maps
    indicator → +1, −1 or 0. Indicators with direction 0, without a city value or with zero
    spread are dropped; a missing value stays NaN.
    """
    for column in ("indicator_id", "area_id", "value"):
        if column not in values:
            raise ValueError(f"aligned_gaps: values lacks the column {column!r}")
    wide = values.pivot_table(index="area_id", columns="indicator_id", values="value", aggfunc="first", dropna=False)
    wide = wide.astype("float64")
    kept: dict[str, pd.Series] = {}
    for indicator in wide.columns:
        sign = int(direction.get(indicator, 0))
        centre = city.get(indicator)
        if sign == 0 or centre is None or pd.isna(centre):
            continue
        column = wide[indicator]
        spread = float(column.std(ddof=0)) if column.notna().any() else np.nan
        if not spread > 0:
            continue
        kept[indicator] = sign * (column - float(centre)) / spread
    return pd.DataFrame(kept, index=wide.index).rename_axis(columns=None)


def domain_scores(gaps: pd.DataFrame, domains: Mapping[str, str]) -> pd.DataFrame:
    """Mean aligned gap per area and domain (`domains`: indicator → domain), with the number of
    indicators it rests on. Returns long (area_id, domain, score, indicators); a domain in which an
    area has no value has score NaN and 0 indicators."""
    records = []
    by_domain: dict[str, list[str]] = {}
    for indicator in gaps.columns:
        by_domain.setdefault(domains[indicator], []).append(indicator)
    for domain, members in by_domain.items():
        block = gaps[members]
        records.append(
            pd.DataFrame(
                {"area_id": gaps.index, "domain": domain, "score": block.mean(axis=1, skipna=True).to_numpy(), "indicators": block.notna().sum(axis=1).to_numpy()}
            )
        )
    if not records:
        return pd.DataFrame({"area_id": pd.Series(dtype=object), "domain": pd.Series(dtype=object), "score": pd.Series(dtype="float64"), "indicators": pd.Series(dtype="int64")})
    return pd.concat(records, ignore_index=True)
