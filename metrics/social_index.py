"""Status/dynamics social index after Berlin's MSS and Hamburg's RISE social monitoring.

Method (per index dimension, status and dynamics):

1. z-standardise every indicator over the *valid* areas with the population standard
   deviation (ddof=0, unweighted: every area counts once, whatever its size); indicators
   whose higher values are better are turned around first, so a high z always means more
   disadvantage (status) or a change for the worse (dynamics);
2. sum the (weighted) z-values per area;
3. z-standardise the sum again (ddof=0) over the same areas;
4. cut the index into classes.

Classes (codes as in the MSS files): status 1 hoch … 4 sehr niedrig, dynamics 1 positiv,
2 stabil, 3 negativ. With the cuts (c1, c2, c3) status is 1 below c1, 2 from c1 to c2,
3 above c2 up to c3 and 4 above c3; dynamics with (d1, d2) is 1 below d1, 2 from d1 to d2,
3 above d2. An index exactly on a cut falls into the class nearer to the average (to the
lower class on a cut at 0), so "hoch" is strictly below -1.0 and "sehr niedrig" strictly
above +1.5.

This reproduces the official MSS 2021 status classes of Berlin for all 536 classified
Planungsräume (see tests/metrics/test_social_index.py and docs/social-index.md). There no
index lies within 0.0016 of a cut, so the data cannot tell the tie rule, or ddof=0 from
ddof=1 in step 3 (ddof in step 1 does not change the index); the per-indicator groups
published with the status indicators (``S*_SD_GR``) do require ddof=0 in step 1, and the same
rule is used in step 3. Weighting the standardisation by residents does not reproduce the
official classes.

Valid areas: not excluded, population known and at least ``min_population``, and every
index indicator (status and dynamics) present. Other areas get no z-values, index or class;
``no_class_reason`` says why, checked in the order "excluded", "population", "missing".

Combined group: ``group = (status_class - 1) * 3 + dynamics_class``, i.e. 1 = hoch/positiv,
2 = hoch/stabil, … 12 = sehr niedrig/negativ (``GROUPS``).
"""
from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

STATUS_CLASSES = (1, 2, 3, 4)  # hoch, mittel, niedrig, sehr niedrig (named in locales/*.toml, [si] class.status.N)
DYNAMICS_CLASSES = (1, 2, 3)  # positiv, stabil, negativ
GROUPS = tuple((s - 1) * len(DYNAMICS_CLASSES) + d for s in STATUS_CLASSES for d in DYNAMICS_CLASSES)
NO_CLASS_REASONS = ("excluded", "population", "missing")  # in the order they are checked

DEFAULT_STATUS_CUTS = (-1.0, 1.0, 1.5)
DEFAULT_DYNAMICS_CUTS = (-1.0, 1.0)


def status_dynamics_index(
    table: pd.DataFrame,
    status_indicators: Sequence[str],
    dynamics_indicators: Sequence[str],
    population: str,
    min_population: float = 300,
    exclude: Iterable[Any] = (),
    weights: Mapping[str, float] | None = None,
    status_cuts: Sequence[float] = DEFAULT_STATUS_CUTS,
    dynamics_cuts: Sequence[float] = DEFAULT_DYNAMICS_CUTS,
    *,
    higher_is_better: Collection[str] = (),
) -> pd.DataFrame:
    """Status and dynamics index per area (see the module docstring for the method).

    ``table`` is indexed by area id and holds one numeric column per indicator and the
    ``population`` column; NaN means missing. ``dynamics_indicators`` may be empty (then the
    dynamics columns and ``group`` are NA). ``weights`` maps indicator → weight ≥ 0 (default
    1). ``exclude`` lists area ids of ``table`` (e.g. declared outliers).

    Returns a DataFrame indexed like ``table`` with ``z_<indicator>`` for every index
    indicator (after turning around, so high = worse), ``status_sum`` (Σ weight · z),
    ``status_index``, ``status_class`` (Int64, 1 hoch … 4 sehr niedrig), ``status_rank``
    (Int64, 1 = highest status index, i.e. most disadvantaged; ties share the best rank),
    ``dynamics_sum``, ``dynamics_index``, ``dynamics_class`` (Int64, 1 positiv … 3 negativ),
    ``group`` (Int64 1…12) and ``no_class_reason`` (None, "excluded", "population",
    "missing"). Raises ValueError for undefined input.
    """
    prep = _prepare(
        "status_dynamics_index", table, status_indicators, dynamics_indicators, population,
        min_population, exclude, weights, status_cuts, dynamics_cuts, higher_is_better,
    )
    out = pd.DataFrame(index=table.index)
    for ind in prep.indicators:
        out[f"z_{ind}"] = _spread(prep.z[ind].to_numpy(), prep.valid)
    s_sum, s_index, s_class = _combine(
        "status_dynamics_index", prep.z, prep.status, prep.weights, status_cuts, "status"
    )
    out["status_sum"] = _spread(s_sum, prep.valid)
    out["status_index"] = _spread(s_index, prep.valid)
    out["status_class"] = _spread_int(s_class, prep.valid)
    out["status_rank"] = _spread_int(_rank(s_index), prep.valid)
    if prep.dynamics:
        d_sum, d_index, d_class = _combine(
            "status_dynamics_index", prep.z, prep.dynamics, prep.weights, dynamics_cuts,
            "dynamics",
        )
        group = (s_class - 1) * 3 + d_class
    else:
        d_sum = d_index = np.full(len(prep.z), np.nan)
        d_class = group = None
    out["dynamics_sum"] = _spread(d_sum, prep.valid)
    out["dynamics_index"] = _spread(d_index, prep.valid)
    out["dynamics_class"] = _spread_int(d_class, prep.valid)
    out["group"] = _spread_int(group, prep.valid)
    out["no_class_reason"] = prep.reason
    return out


def index_sensitivity(
    table: pd.DataFrame,
    status_indicators: Sequence[str],
    dynamics_indicators: Sequence[str],
    population: str,
    min_population: float = 300,
    exclude: Iterable[Any] = (),
    weights: Mapping[str, float] | None = None,
    status_cuts: Sequence[float] = DEFAULT_STATUS_CUTS,
    dynamics_cuts: Sequence[float] = DEFAULT_DYNAMICS_CUTS,
    *,
    higher_is_better: Collection[str] = (),
    weight_variation: float = 0.5,
) -> pd.DataFrame:
    """Robustness of each area's status class and status rank to the choice of weights.

    Scenarios, for the k ≥ 2 status indicators in their given order (3k in all), each with
    all other weights at their base value:
    1. for every indicator: its weight × (1 - weight_variation), then × (1 + weight_variation);
    2. for every indicator: left out (weight 0).
    The valid areas and the z-values stay those of the base run; only the weighted sum, its
    standardisation, the classes and the ranks are recomputed.

    Returns per area of ``table``: ``status_class`` and ``status_rank`` of the base run,
    ``class_share`` (share of scenarios whose status class equals the base class),
    ``rank_min`` and ``rank_max`` (best and worst status rank over the scenarios; rank 1 =
    highest status index) and ``n_scenarios``; NA for areas without a class.
    """
    name = "index_sensitivity"
    if not (isinstance(weight_variation, (int, float)) and 0 < weight_variation < 1):
        raise ValueError(f"{name}: weight_variation must lie strictly between 0 and 1")
    prep = _prepare(
        name, table, status_indicators, dynamics_indicators, population, min_population,
        exclude, weights, status_cuts, dynamics_cuts, higher_is_better,
    )
    if len(prep.status) < 2:
        raise ValueError(f"{name}: needs at least two status indicators to leave one out")
    _, base_index, base_class = _combine(
        name, prep.z, prep.status, prep.weights, status_cuts, "status"
    )
    scenarios = [
        {**prep.weights, ind: prep.weights[ind] * factor}
        for ind in prep.status
        for factor in (1 - weight_variation, 1 + weight_variation)
    ] + [{**prep.weights, ind: 0.0} for ind in prep.status]
    classes, ranks = [], []
    for scenario_weights in scenarios:
        _, index, cls = _combine(name, prep.z, prep.status, scenario_weights,
                                 status_cuts, "status")
        classes.append(cls)
        ranks.append(_rank(index))
    classes_arr, ranks_arr = np.array(classes), np.array(ranks)
    out = pd.DataFrame(index=table.index)
    out["status_class"] = _spread_int(base_class, prep.valid)
    out["status_rank"] = _spread_int(_rank(base_index), prep.valid)
    out["class_share"] = _spread((classes_arr == base_class).mean(axis=0), prep.valid)
    out["rank_min"] = _spread_int(ranks_arr.min(axis=0), prep.valid)
    out["rank_max"] = _spread_int(ranks_arr.max(axis=0), prep.valid)
    out["n_scenarios"] = _spread_int(np.full(len(prep.z), len(scenarios)), prep.valid)
    return out


def derive_changes(levels: pd.DataFrame, span: int, period: int) -> pd.DataFrame:
    """Change of every indicator over ``span`` years ending in ``period``, per area.

    ``levels`` is long (columns ``area_id``, ``indicator_id``, ``period``, ``value``, as in
    values.parquet) or wide (``area_id`` and ``period`` as columns or index levels, one
    numeric column per indicator). The change is ``level(period) - level(period - span)`` in
    the indicator's own unit, so percentage points for shares in %. Returns a DataFrame
    indexed by ``area_id`` (every area of either period) with one column per indicator; NaN
    where a level is missing.
    """
    name = "derive_changes"
    if isinstance(span, bool) or not isinstance(span, (int, np.integer)) or span < 1:
        raise ValueError(f"{name}: span must be a positive whole number of years, got {span!r}")
    if levels.index.names != [None]:
        levels = levels.reset_index()
    if {"area_id", "indicator_id", "period", "value"} <= set(levels.columns):
        key = ["area_id", "period", "indicator_id"]
        if levels.duplicated(key).any():
            raise ValueError(f"{name}: duplicate (area_id, indicator_id, period) rows")
        wide = levels.pivot(index=["area_id", "period"], columns="indicator_id", values="value")
        wide.columns.name = None
    elif {"area_id", "period"} <= set(levels.columns):
        if levels.duplicated(["area_id", "period"]).any():
            raise ValueError(f"{name}: duplicate (area_id, period) rows")
        wide = levels.set_index(["area_id", "period"])
    else:
        raise ValueError(
            f"{name}: levels need columns area_id, indicator_id, period, value (long) "
            "or area_id and period plus one column per indicator (wide)"
        )
    non_numeric = [c for c in wide.columns if not pd.api.types.is_numeric_dtype(wide[c])]
    if non_numeric:
        raise ValueError(f"{name}: indicator columns are not numeric: {non_numeric}")
    periods = set(wide.index.get_level_values("period"))
    for needed in (period, period - span):
        if needed not in periods:
            raise ValueError(f"{name}: no levels for period {needed} (have {sorted(periods)})")
    now = wide.xs(period, level="period").astype("float64")
    before = wide.xs(period - span, level="period").astype("float64")
    changes = now.sub(before)  # aligned on area_id: the union of both periods
    changes.index.name = "area_id"
    return changes


@dataclass(frozen=True)
class SocialIndexConfig:
    """The ``social_index`` object of a dataset's dataset.json, checked.

    ``exclude`` maps area id → reason (or None). ``dynamics_from_levels`` maps a dynamics
    indicator to the level indicator whose change over ``dynamics_span_years`` it is (derived
    with ``derive_changes``; the other dynamics indicators are read as stored). ``level`` is the
    area level the index runs on (None: the dataset's finest level). ``index_arguments()``
    gives the keyword arguments of ``status_dynamics_index`` and ``index_sensitivity``.
    """

    status_indicators: tuple[str, ...]
    dynamics_indicators: tuple[str, ...]
    population_indicator: str
    higher_is_better: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    status_cuts: tuple[float, ...] = DEFAULT_STATUS_CUTS
    dynamics_cuts: tuple[float, ...] = DEFAULT_DYNAMICS_CUTS
    min_population: float = 300
    dynamics_span_years: int = 2
    exclude: Mapping[str, str | None] = field(default_factory=lambda: MappingProxyType({}))
    dynamics_from_levels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    level: str | None = None

    @classmethod
    def from_dict(
        cls,
        d: Mapping[str, Any],
        *,
        polarity: Mapping[str, str] | None = None,
        population_indicator: str | None = None,
    ) -> SocialIndexConfig:
        """Read and check the configuration; ValueError names the key and what was expected.

        ``polarity`` (indicator id → "higher_better" / "higher_worse", the catalog column)
        derives ``higher_is_better`` when the key is absent; a dynamics indicator derived from
        levels takes the polarity of its level indicator. ``population_indicator`` is the
        dataset-level fallback for the key of the same name.
        """
        if not isinstance(d, Mapping):
            raise ValueError("social_index: expected an object")
        unknown = sorted(set(d) - _CONFIG_KEYS)
        if unknown:
            raise ValueError(
                f"social_index: unknown key(s) {unknown}; expected some of {sorted(_CONFIG_KEYS)}"
            )
        status = _id_list(d, "status_indicators", required=True, non_empty=True)
        dynamics = _id_list(d, "dynamics_indicators", required=True, non_empty=False)
        indicators = status + dynamics
        if len(set(indicators)) < len(indicators):
            raise ValueError(
                "social_index.status_indicators/dynamics_indicators: expected every indicator "
                "once, across both lists"
            )
        from_levels = _from_levels(d.get("dynamics_from_levels", {}), dynamics)
        if "higher_is_better" in d:
            better = _id_list(d, "higher_is_better", required=False, non_empty=False)
        elif polarity is not None:
            better = _better_from_polarity(
                indicators,
                {**polarity, **{ind: polarity.get(lvl) for ind, lvl in from_levels.items()}},
            )
        else:
            better = ()
        _check_subset("higher_is_better", better, indicators)

        weights = d.get("weights", {})
        if not isinstance(weights, Mapping) or not all(
            _is_number(w) and w >= 0 for w in weights.values()
        ):
            raise ValueError(
                "social_index.weights: expected an object indicator id → number ≥ 0"
            )
        _check_subset("weights", tuple(weights), indicators)

        pop = d.get("population_indicator", population_indicator)
        if not isinstance(pop, str) or not pop:
            raise ValueError("social_index.population_indicator: expected an indicator id")
        min_pop = d.get("min_population", 300)
        if not (_is_number(min_pop) and min_pop >= 0):
            raise ValueError("social_index.min_population: expected a number ≥ 0")
        span = d.get("dynamics_span_years", 2)
        if isinstance(span, bool) or not isinstance(span, int) or span < 1:
            raise ValueError("social_index.dynamics_span_years: expected a whole number ≥ 1")
        level = d.get("level")
        if level is not None and (not isinstance(level, str) or not level):
            raise ValueError("social_index.level: expected the id of an area level")

        return cls(
            status_indicators=status,
            dynamics_indicators=dynamics,
            population_indicator=pop,
            higher_is_better=better,
            weights=MappingProxyType({k: float(v) for k, v in weights.items()}),
            status_cuts=_cuts(d, "status_cuts", DEFAULT_STATUS_CUTS),
            dynamics_cuts=_cuts(d, "dynamics_cuts", DEFAULT_DYNAMICS_CUTS),
            min_population=float(min_pop),
            dynamics_span_years=span,
            exclude=MappingProxyType(_exclude(d.get("exclude", []))),
            dynamics_from_levels=MappingProxyType(from_levels),
            level=level,
        )

    def index_arguments(self) -> dict[str, Any]:
        """Keyword arguments for ``status_dynamics_index`` / ``index_sensitivity``."""
        return {
            "status_indicators": self.status_indicators,
            "dynamics_indicators": self.dynamics_indicators,
            "population": self.population_indicator,
            "min_population": self.min_population,
            "exclude": tuple(self.exclude),
            "weights": dict(self.weights),
            "status_cuts": self.status_cuts,
            "dynamics_cuts": self.dynamics_cuts,
            "higher_is_better": self.higher_is_better,
        }


# --- internals ---------------------------------------------------------------------------

_CONFIG_KEYS = frozenset({
    "status_indicators", "dynamics_indicators", "higher_is_better", "weights", "status_cuts",
    "dynamics_cuts", "min_population", "population_indicator", "dynamics_span_years",
    "exclude", "dynamics_from_levels", "level",
})


@dataclass(frozen=True)
class _Prepared:
    status: list[str]
    dynamics: list[str]
    indicators: list[str]  # status, then dynamics
    z: pd.DataFrame  # valid areas only, one column per index indicator
    valid: np.ndarray  # bool per row of the table
    weights: dict[str, float]
    reason: pd.Series


def _prepare(
    name: str,
    table: pd.DataFrame,
    status_indicators: Sequence[str],
    dynamics_indicators: Sequence[str],
    population: str,
    min_population: float,
    exclude: Iterable[Any],
    weights: Mapping[str, float] | None,
    status_cuts: Sequence[float],
    dynamics_cuts: Sequence[float],
    higher_is_better: Collection[str],
) -> _Prepared:
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError(f"{name}: table is empty")
    if not table.index.is_unique:
        raise ValueError(f"{name}: area ids in the table index are not unique")
    if isinstance(status_indicators, str) or isinstance(dynamics_indicators, str):
        raise ValueError(f"{name}: indicators must be given as a list of column names")
    status, dynamics = list(status_indicators), list(dynamics_indicators)
    if not status:
        raise ValueError(f"{name}: no status indicators")
    indicators = status + dynamics
    if len(set(indicators)) < len(indicators):
        raise ValueError(f"{name}: an indicator is listed twice")
    missing_cols = [c for c in [*indicators, population] if c not in table.columns]
    if missing_cols:
        raise ValueError(f"{name}: unknown column(s) in table: {missing_cols}")
    _check_cuts(name, "status_cuts", status_cuts, 3)
    _check_cuts(name, "dynamics_cuts", dynamics_cuts, 2)
    if not (_is_number(min_population) and min_population >= 0):
        raise ValueError(f"{name}: min_population must be a number ≥ 0")
    unknown = [i for i in higher_is_better if i not in indicators]
    if unknown:
        raise ValueError(f"{name}: higher_is_better names non-index indicators {unknown}")
    weights = dict(weights or {})
    unknown = [i for i in weights if i not in indicators]
    if unknown:
        raise ValueError(f"{name}: weights for non-index indicators {unknown}")
    bad = {i: w for i, w in weights.items() if not (_is_number(w) and w >= 0)}
    if bad:
        raise ValueError(f"{name}: weights must be finite numbers ≥ 0, got {bad}")
    weights = {i: float(weights.get(i, 1.0)) for i in indicators}

    values = pd.DataFrame(index=table.index)
    for col in [*indicators, population]:
        if not pd.api.types.is_numeric_dtype(table[col]) or pd.api.types.is_bool_dtype(table[col]):
            raise ValueError(f"{name}: column {col!r} is not numeric")
        values[col] = table[col].to_numpy(dtype="float64", na_value=np.nan)
        if np.isinf(values[col]).any():
            raise ValueError(f"{name}: column {col!r} has infinite values")

    excluded = list(exclude)
    unknown = [a for a in excluded if a not in table.index]
    if unknown:
        raise ValueError(f"{name}: excluded area ids not in the table: {unknown}")
    reason = pd.Series([None] * len(table), index=table.index, dtype=object)
    reason[values[indicators].isna().any(axis=1).to_numpy()] = "missing"
    pop = values[population]
    reason[(pop.isna() | (pop < min_population)).to_numpy()] = "population"
    reason[table.index.isin(excluded)] = "excluded"
    valid = reason.isna().to_numpy()
    if not valid.any():
        raise ValueError(f"{name}: no valid area (all excluded, too small or incomplete)")

    x = values.loc[valid, indicators]
    for ind in set(higher_is_better):
        x[ind] = -x[ind]
    z = pd.DataFrame({ind: _standardise(name, x[ind].to_numpy(), ind) for ind in indicators},
                     index=x.index)
    return _Prepared(status, dynamics, indicators, z, valid, weights, reason)


def _combine(
    name: str,
    z: pd.DataFrame,
    indicators: Sequence[str],
    weights: Mapping[str, float],
    cuts: Sequence[float],
    dimension: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    total = sum(weights[i] * z[i].to_numpy() for i in indicators)
    index = _standardise(name, total, f"{dimension} sum")
    return total, index, _classify(index, cuts)


def _standardise(name: str, x: np.ndarray, what: str) -> np.ndarray:
    sd = x.std(ddof=0)
    if not sd > 1e-12 * max(1.0, float(np.abs(x).max())):
        raise ValueError(f"{name}: zero variance in {what} over the valid areas")
    return (x - x.mean()) / sd


def _classify(index: np.ndarray, cuts: Sequence[float]) -> np.ndarray:
    """1 + number of cuts the index lies beyond; on a cut: the class nearer to 0."""
    c = np.asarray(cuts, dtype="float64")
    beyond = (index[:, None] > c) | ((index[:, None] == c) & (c < 0))
    return 1 + beyond.sum(axis=1)


def _rank(index: np.ndarray) -> np.ndarray:
    return pd.Series(index).rank(ascending=False, method="min").to_numpy(dtype="int64")


def _spread(values: np.ndarray, valid: np.ndarray) -> np.ndarray:
    out = np.full(len(valid), np.nan)
    out[valid] = values
    return out


def _spread_int(values: np.ndarray | None, valid: np.ndarray) -> pd.arrays.IntegerArray:
    out = pd.array([pd.NA] * len(valid), dtype="Int64")
    if values is not None:
        out[valid] = values
    return out


def _check_cuts(name: str, key: str, cuts: Sequence[float], length: int) -> None:
    if (
        isinstance(cuts, str)
        or len(cuts) != length
        or not all(_is_number(c) for c in cuts)
        or not all(a < b for a, b in zip(cuts, cuts[1:]))
    ):
        raise ValueError(f"{name}: {key} must be {length} finite, strictly increasing numbers")


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool) \
        and math.isfinite(x)


def _id_list(
    d: Mapping[str, Any], key: str, *, required: bool, non_empty: bool
) -> tuple[str, ...]:
    if key not in d and required:
        raise ValueError(f"social_index.{key}: missing; expected a list of indicator ids")
    ids = d.get(key, [])
    if (
        not isinstance(ids, list)
        or not all(isinstance(i, str) and i for i in ids)
        or len(set(ids)) < len(ids)
        or (non_empty and not ids)
    ):
        what = "a non-empty" if non_empty else "a"
        raise ValueError(f"social_index.{key}: expected {what} list of distinct indicator ids")
    return tuple(ids)


def _check_subset(key: str, ids: Iterable[str], indicators: Sequence[str]) -> None:
    unknown = [i for i in ids if i not in indicators]
    if unknown:
        raise ValueError(
            f"social_index.{key}: {unknown} are not status or dynamics indicators"
        )


def _better_from_polarity(
    indicators: Sequence[str], polarity: Mapping[str, str]
) -> tuple[str, ...]:
    better = []
    for ind in indicators:
        pol = polarity.get(ind)
        if pol not in ("higher_better", "higher_worse"):
            raise ValueError(
                f"social_index.higher_is_better: absent, and the polarity of {ind!r} is "
                f"{pol!r}; expected 'higher_better' or 'higher_worse' (or give the key)"
            )
        if pol == "higher_better":
            better.append(ind)
    return tuple(better)


def _cuts(d: Mapping[str, Any], key: str, default: tuple[float, ...]) -> tuple[float, ...]:
    cuts = d.get(key, list(default))
    if (
        not isinstance(cuts, list)
        or len(cuts) != len(default)
        or not all(_is_number(c) for c in cuts)
        or not all(a < b for a, b in zip(cuts, cuts[1:]))
    ):
        raise ValueError(
            f"social_index.{key}: expected a list of {len(default)} strictly increasing numbers"
        )
    return tuple(float(c) for c in cuts)


def _from_levels(mapping: Any, dynamics: Sequence[str]) -> dict[str, str]:
    expected = (
        "social_index.dynamics_from_levels: expected an object dynamics indicator id → "
        "the id of the level indicator whose change it is"
    )
    if not isinstance(mapping, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in mapping.items()
    ):
        raise ValueError(expected)
    unknown = [k for k in mapping if k not in dynamics]
    if unknown:
        raise ValueError(
            f"social_index.dynamics_from_levels: {unknown} are not dynamics indicators"
        )
    levels = list(mapping.values())
    if len(set(levels)) < len(levels):
        raise ValueError(f"{expected}; a level indicator is named twice")
    derived = [v for v in levels if v in dynamics]
    if derived:
        raise ValueError(
            f"social_index.dynamics_from_levels: {derived} are dynamics indicators themselves; "
            "expected level indicators (e.g. the status indicators)"
        )
    return dict(mapping)


def _exclude(items: Any) -> dict[str, str | None]:
    expected = (
        "social_index.exclude: expected a list of area ids (text, e.g. \"01100101\") or of "
        "objects {\"area_id\": …, \"reason\": …}"
    )
    if not isinstance(items, list):
        raise ValueError(expected)
    out: dict[str, str | None] = {}
    for item in items:
        if isinstance(item, str) and item:
            out[item] = None
        elif (
            isinstance(item, Mapping)
            and set(item) <= {"area_id", "reason"}
            and isinstance(item.get("area_id"), str)
            and item["area_id"]
            and isinstance(item.get("reason"), (str, type(None)))
        ):
            out[item["area_id"]] = item.get("reason")
        else:
            raise ValueError(f"{expected}; got {item!r}")
    return out
