"""Inequality between areas, population-weighted.

Conventions (see the reference document of the metrics):

* ``x`` holds one non-negative value per area (income, rate, share, ...), ``w`` its population.
  Population-weighted means that area i counts as ``w_i`` identical persons with value ``x_i``:
  every weighted measure equals the unweighted one on ``np.repeat(x, w)``. ``w=None`` weights
  all areas equally (PySAL's ``inequality`` and R's ``ineq`` are unweighted).
* Areas with weight 0 carry no persons and are ignored.
* Undefined input raises ``ValueError("<measure>: <reason>")``: an empty input, missing (NaN)
  or infinite values, negative values or weights, a zero total, zeros where a logarithm or a
  negative power is taken.
* No small-sample corrections: the measures describe the areas, they do not estimate a
  population parameter.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import xlogy

from metrics._validation import as_array, as_probability, as_vector, as_weights, reject_non_finite

__all__ = [
    "atkinson",
    "coefficient_of_variation",
    "ge_decomposition",
    "generalized_entropy",
    "gini",
    "hoover",
    "lorenz_curve",
    "palma",
    "percentile_ratio",
    "s80_s20",
    "summary_measures",
    "theil_l",
    "theil_t",
    "weighted_quantile",
]

# A cumulative population share within this distance of q counts as reaching q, so that a share
# that lands exactly on q is not lost to rounding (inverted-CDF quantiles).
_QUANTILE_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class _Distribution:
    """Validated values with their population shares.

    ``shares`` is ``None`` when all areas weigh the same; ``populated`` marks the areas kept
    from the input (``None``: all of them).
    """

    values: np.ndarray
    shares: np.ndarray | None
    mean: float
    populated: np.ndarray | None = None

    def average(self, per_area: np.ndarray) -> float:
        """Population-weighted mean of a per-area quantity."""
        if self.shares is None:
            return float(per_area.sum()) / per_area.size
        return float(self.shares @ per_area)


def _distribution(x: Any, w: Any, metric: str, *, zeros_undefined: str | None = None) -> _Distribution:
    """Validate `x` and `w` for an inequality measure: finite, non-negative values with a positive
    mean. `zeros_undefined` is the reason why the measure cannot take a zero value (``None``:
    zeros are fine). Areas with weight 0 hold nobody and are dropped, as ``np.repeat(x, w)``
    would drop them.
    """
    values = as_array(x, metric)
    lowest, total = float(values.min()), float(values.sum())  # NaN reaches both, ±inf the sum
    if not (math.isfinite(lowest) and math.isfinite(total)):
        reject_non_finite(values, metric)
    if lowest < 0:
        raise ValueError(f"{metric}: x contains negative values; the measure needs non-negative values")
    shares = populated = None
    if w is not None:
        weights = as_weights(w, values.size, metric)
        if weights.min() == 0:
            populated = weights > 0
            values, weights = values[populated], weights[populated]
            lowest = values.min()
        shares = weights / weights.sum()
    if lowest == 0 and zeros_undefined is not None:
        raise ValueError(f"{metric}: x contains zeros; {zeros_undefined}")
    mean = total / values.size if shares is None else float(shares @ values)
    if mean <= 0:
        raise ValueError(f"{metric}: all values are zero, so the mean is zero and the measure is undefined")
    return _Distribution(values, shares, mean, populated)


def _lorenz(dist: _Distribution) -> tuple[np.ndarray | None, np.ndarray]:
    """Vertices of the Lorenz curve, areas ordered by value.

    Returns the cumulative population shares, or ``None`` when all areas weigh the same (vertex
    k then sits at k/n), and the cumulative value shares; both start at 0 and end at 1.
    """
    value = np.empty(dist.values.size + 1)
    value[0] = 0.0
    if dist.shares is None:
        population = None
        np.cumsum(np.sort(dist.values), out=value[1:])
    else:
        order = np.argsort(dist.values, kind="stable")
        shares = dist.shares[order]
        population = np.concatenate(([0.0], np.cumsum(shares)))
        population /= population[-1]
        np.cumsum(shares * dist.values[order], out=value[1:])
    value /= value[-1]
    return population, value


def _lorenz_shares(dist: _Distribution, fractions: np.ndarray) -> np.ndarray:
    """Value shares held by the poorest `fractions` of the population; an area straddling a cut
    is split pro rata (linear interpolation between the Lorenz curve's vertices)."""
    if dist.shares is None:  # vertex k sits at k/n: prefix sums of the sorted values suffice
        ordered = np.sort(dist.values)
        position = fractions * ordered.size
        whole = np.minimum(position.astype(np.intp), ordered.size - 1)
        below = np.array([ordered[:count].sum() for count in whole]) + (position - whole) * ordered[whole]
        return below / (dist.mean * ordered.size)
    return np.interp(fractions, *_lorenz(dist))


def lorenz_curve(x: Any, w: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Population-weighted Lorenz curve.

    Returns ``(population_shares, value_shares)``: two arrays of length n + 1 that start at 0
    and end at 1; point k is the share of the population in the k poorest areas and the share
    of the total value (sum of ``w_i x_i``) they hold.
    """
    population, value = _lorenz(_distribution(x, w, "lorenz_curve"))
    if population is None:
        population = np.arange(value.size, dtype=np.float64) / (value.size - 1)
    return population, value


def gini(x: Any, w: Any = None) -> float:
    """Gini coefficient: ΣΣ p_i p_j |x_i − x_j| / (2 P² μ), from 0 (equality) to 1.

    Population-weighted, without the small-sample factor n/(n − 1) (R ``ineq::Gini`` default,
    PySAL ``inequality.gini.Gini``). Computed in O(n log n) from the Lorenz curve L:
    G = 1 − Σ_k (P_k − P_{k−1}) (L_k + L_{k−1}).
    """
    population, value = _lorenz(_distribution(x, w, "gini"))
    if population is None:  # equal steps 1/n: Σ (L_k + L_{k−1}) = 2 Σ L_k − 1
        return float(1.0 - (2.0 * value.sum() - 1.0) / (value.size - 1))
    return float(1.0 - np.diff(population) @ (value[1:] + value[:-1]))


def _ge_kernel(values: np.ndarray, alpha: float) -> np.ndarray:
    """Per-person term whose population mean gives GE(α) through `_ge_from_kernel_mean`."""
    if alpha == 1:
        return xlogy(values, values)
    if alpha == 0:
        return np.log(values)
    return values**alpha


def _ge_from_kernel_mean(kernel_mean: Any, mean: Any, alpha: float) -> Any:
    """GE(α) from the population means of the kernel and of the values (scalars or arrays)."""
    if alpha == 1:
        return kernel_mean / mean - np.log(mean)
    if alpha == 0:
        return np.log(mean) - kernel_mean
    return (kernel_mean / mean**alpha - 1.0) / (alpha * (alpha - 1.0))


def _ge_distribution(x: Any, w: Any, alpha: float, metric: str) -> _Distribution:
    alpha = float(alpha)
    if not np.isfinite(alpha):
        raise ValueError(f"{metric}: alpha must be finite, got {alpha}")
    zeros = f"GE({alpha:g}) takes a logarithm or a non-positive power of every value" if alpha <= 0 else None
    return _distribution(x, w, metric, zeros_undefined=zeros)


def _generalized_entropy(dist: _Distribution, alpha: float) -> float:
    return float(_ge_from_kernel_mean(dist.average(_ge_kernel(dist.values, alpha)), dist.mean, alpha))


def generalized_entropy(x: Any, w: Any = None, alpha: float = 1.0) -> float:
    """Generalised entropy GE(α) = [Σ s_i (x_i/μ)^α − 1] / (α(α − 1)), s_i = population share.

    GE(0) is Theil L (mean log deviation), GE(1) Theil T, GE(2) half the squared coefficient of
    variation. Zeros are allowed for α > 0 (0 · ln 0 = 0) and undefined for α ≤ 0.
    """
    return _generalized_entropy(_ge_distribution(x, w, alpha, "generalized_entropy"), float(alpha))


def theil_t(x: Any, w: Any = None) -> float:
    """Theil T = GE(1) = Σ s_i (x_i/μ) ln(x_i/μ); zeros contribute 0.

    Equals PySAL ``inequality.theil.Theil`` and R ``ineq::Theil(x, parameter=0)`` (R's parameter
    numbering is the reverse: ``Theil(x, 1)`` is Theil L).
    """
    return _generalized_entropy(_ge_distribution(x, w, 1.0, "theil_t"), 1.0)


def theil_l(x: Any, w: Any = None) -> float:
    """Theil L = GE(0) = mean log deviation = −Σ s_i ln(x_i/μ); undefined (ValueError) for zeros."""
    return _generalized_entropy(_ge_distribution(x, w, 0.0, "theil_l"), 0.0)


def ge_decomposition(x: Any, w: Any, groups: Any, alpha: float = 1.0) -> tuple[float, float, float]:
    """Shorrocks decomposition of GE(α) by groups of areas: ``(total, between, within)``.

    between = GE(α) of the group means, weighted by group population; within =
    Σ_g f_g^(1−α) v_g^α GE_g(α) with f_g the population share and v_g the value share of group
    g (α = 1: Σ v_g T_g; α = 0: Σ f_g L_g). ``total == between + within`` up to rounding.
    ``w=None`` weights areas equally (PySAL ``inequality.theil.TheilD`` for α = 1).
    """
    metric = "ge_decomposition"
    dist = _ge_distribution(x, w, alpha, metric)
    alpha = float(alpha)
    labels = np.asarray(groups)
    if labels.shape != np.shape(x):
        raise ValueError(f"{metric}: groups has shape {labels.shape} but x has {np.shape(x)}")
    codes, _ = pd.factorize(labels, use_na_sentinel=True)
    if (codes < 0).any():
        raise ValueError(f"{metric}: groups contains missing labels")
    if dist.populated is not None:
        codes = codes[dist.populated]
    shares = np.full(dist.values.size, 1.0 / dist.values.size) if dist.shares is None else dist.shares

    group_share = np.bincount(codes, weights=shares)
    group_mean = np.bincount(codes, weights=shares * dist.values) / group_share
    between = _generalized_entropy(_Distribution(group_mean, group_share, dist.mean), alpha)

    group_kernel_mean = np.bincount(codes, weights=shares * _ge_kernel(dist.values, alpha)) / group_share
    value_share = group_share * group_mean / dist.mean
    with np.errstate(divide="ignore", invalid="ignore"):  # a group whose values are all 0 adds nothing
        group_ge = _ge_from_kernel_mean(group_kernel_mean, group_mean, alpha)
        contribution = np.where(value_share > 0, group_share ** (1.0 - alpha) * value_share**alpha * group_ge, 0.0)
    within = float(contribution.sum())

    total = _generalized_entropy(dist, alpha)
    return total, float(between), within


def atkinson(x: Any, w: Any = None, epsilon: float = 0.5) -> float:
    """Atkinson index A_ε = 1 − EDE/μ with inequality aversion ε ≥ 0.

    EDE = [Σ s_i x_i^(1−ε)]^(1/(1−ε)), and for ε = 1 the geometric mean exp(Σ s_i ln x_i).
    Zeros are allowed for ε < 1 and undefined for ε ≥ 1. A_0 = 0, A_1 = 1 − exp(−Theil L).
    Equals PySAL ``inequality.atkinson.atkinson`` and R ``ineq::Atkinson``.
    """
    metric = "atkinson"
    epsilon = float(epsilon)
    if not (np.isfinite(epsilon) and epsilon >= 0):
        raise ValueError(f"{metric}: epsilon must be a finite number ≥ 0, got {epsilon}")
    zeros = f"epsilon = {epsilon:g} ≥ 1 takes a logarithm or a negative power of every value" if epsilon >= 1 else None
    dist = _distribution(x, w, metric, zeros_undefined=zeros)
    if epsilon == 1:
        return 1.0 - float(np.exp(dist.average(np.log(dist.values)) - np.log(dist.mean)))
    return 1.0 - dist.average(dist.values ** (1.0 - epsilon)) ** (1.0 / (1.0 - epsilon)) / dist.mean


def coefficient_of_variation(x: Any, w: Any = None) -> float:
    """Coefficient of variation: population standard deviation / mean (divisor Σp, not Σp − 1)."""
    dist = _distribution(x, w, "coefficient_of_variation")
    deviation = dist.values - dist.mean
    if dist.shares is None:  # einsum: no BLAS threads to wake for one dot product
        variance = np.einsum("i,i->", deviation, deviation) / deviation.size
    else:
        variance = dist.shares @ (deviation * deviation)
    return float(np.sqrt(variance) / dist.mean)


def hoover(x: Any, w: Any = None) -> float:
    """Hoover (Robin Hood) index ½ Σ |Y_i/Y − P_i/P| = ½ Σ s_i |x_i/μ − 1|: the share of the total
    value that would have to move between areas to reach equality (Y_i = p_i x_i)."""
    dist = _distribution(x, w, "hoover")
    return 0.5 * dist.average(np.abs(dist.values - dist.mean)) / dist.mean


def weighted_quantile(x: Any, w: Any, q: float | Any) -> float | np.ndarray:
    """Population-weighted quantile, inverted-CDF convention.

    The smallest x whose cumulative population share is ≥ q (a share within 1e-12 of q counts
    as reaching it); numpy ``np.quantile(x, q, weights=w, method="inverted_cdf")``. Values may be
    negative; ``w=None`` weights areas equally. `q` is a number or an array in [0, 1].
    """
    metric = "weighted_quantile"
    values = as_vector(x, metric)
    levels = np.asarray(q, dtype=np.float64)
    if not ((levels >= 0) & (levels <= 1)).all():
        raise ValueError(f"{metric}: q must lie in [0, 1], got {q}")
    if w is None:
        values = np.sort(values)
        cumulative = np.arange(1, values.size + 1) / values.size
    else:
        weights = as_weights(w, values.size, metric)
        populated = weights > 0  # areas without population are not part of the distribution
        order = np.argsort(values[populated], kind="stable")
        values = values[populated][order]
        cumulative = np.cumsum(weights[populated][order])
        cumulative /= cumulative[-1]
    position = np.searchsorted(cumulative, levels - _QUANTILE_TOLERANCE, side="left")
    result = values[position]
    return float(result) if result.ndim == 0 else result


def percentile_ratio(x: Any, w: Any = None, high: float = 0.9, low: float = 0.1) -> float:
    """Ratio of two population-weighted quantiles (inverted CDF, see `weighted_quantile`), by
    default P90/P10. Values must be non-negative and the `low` quantile positive."""
    metric = "percentile_ratio"
    high = as_probability(high, metric, "high")
    low = as_probability(low, metric, "low")
    dist = _distribution(x, w, metric)
    upper, lower = weighted_quantile(dist.values, dist.shares, [high, low])
    if lower <= 0:
        raise ValueError(f"{metric}: the {low:g} quantile is {lower:g}, so the ratio is undefined")
    return float(upper / lower)


def _share_ratio(x: Any, w: Any, top: float, bottom: float, metric: str) -> float:
    """Value share of the richest `top` of the population over that of the poorest `bottom`."""
    below_top, bottom_share = _lorenz_shares(_distribution(x, w, metric), np.array([1.0 - top, bottom]))
    if bottom_share <= 0:
        raise ValueError(f"{metric}: the poorest {bottom:.0%} hold no value, so the ratio is undefined")
    return float((1.0 - below_top) / bottom_share)


def palma(x: Any, w: Any = None) -> float:
    """Palma ratio: value share of the richest 10 % of the population over that of the poorest
    40 %, from the population-weighted Lorenz curve (an area straddling a cut is split pro rata).
    Not the ratio of percentiles p90/p40."""
    return _share_ratio(x, w, 0.1, 0.4, "palma")


def s80_s20(x: Any, w: Any = None) -> float:
    """S80/S20 ratio: value share of the richest 20 % of the population over that of the poorest
    20 %, from the population-weighted Lorenz curve (an area straddling a cut is split pro rata)."""
    return _share_ratio(x, w, 0.2, 0.2, "s80_s20")


SUMMARY_MEASURES = ("gini", "theil_t", "theil_l", "atkinson", "hoover", "palma")
ATKINSON_EPSILON = 0.5  # the inequality aversion of the summary's Atkinson index


def summary_measures(x: Any, w: Any = None) -> dict[str, float]:
    """Gini, Theil T, Theil L, Atkinson (ε = 0.5), Hoover and Palma of one distribution.

    A measure that is undefined for these values is NaN: Theil L with a zero value, Palma when
    the poorest 40 % hold nothing. Input that no measure accepts (negative or missing values,
    an all-zero total) raises ValueError, as every measure does.
    """
    _distribution(x, w, "summary_measures")  # one check and one message for what no measure takes
    measures = {
        "gini": lambda: gini(x, w),
        "theil_t": lambda: theil_t(x, w),
        "theil_l": lambda: theil_l(x, w),
        "atkinson": lambda: atkinson(x, w, ATKINSON_EPSILON),
        "hoover": lambda: hoover(x, w),
        "palma": lambda: palma(x, w),
    }
    result = {}
    for name, measure in measures.items():
        try:
            result[name] = float(measure())
        except ValueError:
            result[name] = math.nan
    return result
