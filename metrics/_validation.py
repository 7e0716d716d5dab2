"""Input checks shared by the metrics.

Every check raises ``ValueError("<metric>: <reason>")`` so that a caller always learns which
metric refused which input. A missing value (NaN, ``pd.NA``) is an error, never a zero.
"""
from __future__ import annotations

from typing import Any

import numpy as np


def as_array(values: Any, metric: str, name: str = "x") -> np.ndarray:
    """Return `values` as a contiguous, non-empty 1-D float64 array (finiteness not checked)."""
    if hasattr(values, "to_numpy"):  # pandas Series/Index/ExtensionArray: pd.NA becomes NaN
        values = values.to_numpy(dtype=np.float64, na_value=np.nan)
    try:
        array = np.ascontiguousarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{metric}: {name} must be numeric ({error})") from None
    if array.ndim != 1:
        raise ValueError(f"{metric}: {name} must be one-dimensional, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{metric}: {name} is empty")
    return array


def reject_non_finite(array: np.ndarray, metric: str, name: str = "x") -> None:
    """Raise the ValueError that says why `array` (or its sum) is not finite, if it is not."""
    if np.isnan(array).any():
        raise ValueError(f"{metric}: {name} contains missing values (NaN)")
    if np.isinf(array).any():
        raise ValueError(f"{metric}: {name} contains infinite values")
    if not np.isfinite(array.sum()):
        raise ValueError(f"{metric}: the sum of {name} overflows")


def as_vector(values: Any, metric: str, name: str = "x") -> np.ndarray:
    """Return `values` as a contiguous 1-D float64 array without missing or infinite entries."""
    array = as_array(values, metric, name)
    if not np.isfinite(array.sum()):  # one cheap pass; look for the reason only when it fails
        reject_non_finite(array, metric, name)
    return array


def as_weights(weights: Any, size: int, metric: str, name: str = "w") -> np.ndarray:
    """Return non-negative, finite weights of length `size` with a positive total."""
    array = as_vector(weights, metric, name)
    if array.size != size:
        raise ValueError(f"{metric}: {name} has {array.size} entries but x has {size}")
    if array.min() < 0:
        raise ValueError(f"{metric}: {name} contains negative weights")
    if array.sum() <= 0:
        raise ValueError(f"{metric}: {name} sums to zero")
    return array


def as_probability(value: float, metric: str, name: str) -> float:
    """Return `value` as a float in [0, 1]."""
    value = float(value)
    if not 0.0 <= value <= 1.0:  # also rejects NaN
        raise ValueError(f"{metric}: {name} must lie in [0, 1], got {value}")
    return value
