"""Residential segregation of one population group across areas.

Notation: a_i = members of the group in area i, t_i = all residents of area i, b_i = t_i − a_i
(everybody else); A, B, T are the city totals. Counts may be non-integer (estimates). Undefined
input raises ``ValueError("<index>: <reason>")``: missing values, negative counts, a group larger
than its area's population, an empty group.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from metrics._validation import as_vector

__all__ = ["dissimilarity", "exposure", "isolation", "location_quotient"]


def _counts(group: Any, total: Any, metric: str) -> tuple[np.ndarray, np.ndarray]:
    """Validated group counts and area totals."""
    members = as_vector(group, metric, "group")
    residents = as_vector(total, metric, "total")
    if members.size != residents.size:
        raise ValueError(f"{metric}: group has {members.size} areas but total has {residents.size}")
    if members.min() < 0:
        raise ValueError(f"{metric}: group contains negative counts")
    exceeding = np.flatnonzero(members > residents)
    if exceeding.size:
        raise ValueError(f"{metric}: group exceeds total in area(s) at position {exceeding[:5].tolist()}")
    if members.sum() == 0:
        raise ValueError(f"{metric}: the group has no members, so the index is undefined")
    return members, residents


def _share_within_area(count: np.ndarray, residents: np.ndarray) -> np.ndarray:
    """count_i / t_i, and 0 for areas without residents (which hold no group member either)."""
    return np.divide(count, residents, out=np.zeros_like(count), where=residents > 0)


def dissimilarity(group: Any, total: Any) -> float:
    """Duncan's index of dissimilarity D = ½ Σ |a_i/A − b_i/B|, from 0 (even spread) to 1
    (complete separation): the share of the group that would have to move to even out."""
    metric = "dissimilarity"
    members, residents = _counts(group, total, metric)
    others = residents - members
    if others.sum() == 0:
        raise ValueError(f"{metric}: everybody belongs to the group, so the index is undefined")
    return 0.5 * float(np.abs(members / members.sum() - others / others.sum()).sum())


def isolation(group: Any, total: Any) -> float:
    """Isolation index (Bell, Lieberson) xPx = Σ (a_i/A)(a_i/t_i): the group share in the area of
    the average group member; from A/T (even spread) to 1. ``isolation + exposure == 1``."""
    members, residents = _counts(group, total, "isolation")
    return float(members / members.sum() @ _share_within_area(members, residents))


def exposure(group: Any, total: Any) -> float:
    """Exposure index xPy = Σ (a_i/A)(b_i/t_i): the share of everybody else in the area of the
    average group member."""
    members, residents = _counts(group, total, "exposure")
    return float(members / members.sum() @ _share_within_area(residents - members, residents))


def location_quotient(group: Any, total: Any) -> np.ndarray:
    """Location quotient per area LQ_i = (a_i/t_i)/(A/T): above 1 the group is over-represented.
    NaN for an area without residents."""
    members, residents = _counts(group, total, "location_quotient")
    with np.errstate(divide="ignore", invalid="ignore"):
        return (members / residents) / (members.sum() / residents.sum())
