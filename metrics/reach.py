"""Reach of places: which share of addresses (or residents) lies within a distance of the nearest place.

Conventions:

* Distances are **straight lines** (as the crow flies) in metres, measured in a projected,
  metric coordinate reference system (CRS): the one a dataset declares (e.g. EPSG:25832), or
  else the UTM zone of the data's centre (`utm_crs`). Walking routes, rivers, stairs and
  opening hours are not considered.
* The nearest place of every origin comes from a KD-tree over the projected places
  (`scipy.spatial.cKDTree`), one vectorised query for all origins.
* "Within reach" means distance ≤ the chosen distance (a place exactly at the limit counts).
* Per area the share is Σ weight within reach / Σ weight × 100, weight = 1 per address or the
  residents of the address. Coarser areas and the city are formed from these numerators and
  denominators (`roll_up`), never by averaging shares.
* Undefined input raises ``ValueError("<function>: <reason>")``.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from scipy.spatial import cKDTree

__all__ = [
    "CandidateCells",
    "Projection",
    "candidate_cells",
    "nearest_distance",
    "reach_by_area",
    "roll_up",
    "utm_crs",
    "weighted_median",
]

WGS84 = "EPSG:4326"
# grid sizes tried for the cells a hypothetical place can be put into (smallest that gives few enough cells)
CELL_SIZES_M = (200, 250, 300, 400, 500, 600, 750, 1000, 1500, 2000, 3000, 5000)


def utm_crs(lon: np.ndarray, lat: np.ndarray) -> str:
    """The WGS84 UTM zone (EPSG:326zz north, 327zz south) of the centre of the points' bounding box."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    finite = np.isfinite(lon) & np.isfinite(lat)
    if not finite.any():
        raise ValueError("utm_crs: no finite coordinates")
    centre_lon = (lon[finite].min() + lon[finite].max()) / 2
    centre_lat = (lat[finite].min() + lat[finite].max()) / 2
    if not (-180 <= centre_lon <= 180 and -80 <= centre_lat <= 84):
        raise ValueError(f"utm_crs: centre {centre_lon:.3f}, {centre_lat:.3f} lies outside the UTM zones")
    zone = min(int((centre_lon + 180) // 6) + 1, 60)
    return f"EPSG:{(32600 if centre_lat >= 0 else 32700) + zone}"


@dataclass(frozen=True)
class Projection:
    """WGS84 ↔ a projected CRS in metres."""

    crs: str

    def __post_init__(self) -> None:
        parsed = CRS.from_user_input(self.crs)
        if not parsed.is_projected or any(axis.unit_name not in ("metre", "meter") for axis in parsed.axis_info):
            raise ValueError(f"Projection: {self.crs} is not a projected CRS in metres")

    @property
    def name(self) -> str:
        """The CRS's name, e.g. 'ETRS89 / UTM zone 32N'."""
        return CRS.from_user_input(self.crs).name

    def _forward(self) -> Transformer:
        return Transformer.from_crs(WGS84, self.crs, always_xy=True)

    def to_metres(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Projected coordinates, shape (n, 2): x (east), y (north) in metres."""
        x, y = self._forward().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)]).reshape(-1, 2)

    def to_wgs84(self, xy: np.ndarray) -> np.ndarray:
        """WGS84 coordinates, shape (n, 2): longitude, latitude."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        lon, lat = Transformer.from_crs(self.crs, WGS84, always_xy=True).transform(xy[:, 0], xy[:, 1])
        return np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)]).reshape(-1, 2)

    def geometry_to_metres(self, geometries: np.ndarray) -> np.ndarray:
        """WGS84 shapely geometries, projected."""
        forward = self._forward()
        return shapely.transform(geometries, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))


def nearest_distance(origins: np.ndarray, places: np.ndarray) -> np.ndarray:
    """Straight-line distance (in the unit of the coordinates) from every origin to its nearest place.

    `origins` (n, 2) and `places` (m, 2) are projected coordinates. Without places every distance
    is infinite.
    """
    origins = np.asarray(origins, dtype=float).reshape(-1, 2)
    places = np.asarray(places, dtype=float).reshape(-1, 2)
    if not np.isfinite(origins).all() or not np.isfinite(places).all():
        raise ValueError("nearest_distance: coordinates must be finite")
    if len(places) == 0:
        return np.full(len(origins), np.inf)
    if len(origins) == 0:
        return np.empty(0)
    distance, _ = cKDTree(places).query(origins, k=1)
    return np.asarray(distance, dtype=float)


def reach_by_area(area_ids: np.ndarray, weights: np.ndarray, distances: np.ndarray, max_distance: float) -> pd.DataFrame:
    """Per area: numerator = Σ weight with distance ≤ `max_distance`, denominator = Σ weight, value = share in %.

    Origins without an area (None/NaN) are left out. Returns area_id, numerator, denominator,
    value (NaN where the denominator is 0), sorted by area_id.
    """
    weights = np.asarray(weights, dtype=float)
    distances = np.asarray(distances, dtype=float)
    areas = pd.Series(area_ids, dtype=object)
    if not (len(areas) == len(weights) == len(distances)):
        raise ValueError("reach_by_area: area_ids, weights and distances must have the same length")
    if not math.isfinite(max_distance) or max_distance < 0:
        raise ValueError(f"reach_by_area: max_distance must be a finite distance ≥ 0, got {max_distance}")
    if np.isnan(weights).any() or (weights < 0).any() or np.isinf(weights).any():
        raise ValueError("reach_by_area: weights must be finite and ≥ 0")
    if np.isnan(distances).any():
        raise ValueError("reach_by_area: distances contain NaN")
    codes, uniques = pd.factorize(areas, sort=True)  # -1 for origins without an area
    located = codes >= 0
    within = np.where(distances <= max_distance, weights, 0.0)
    frame = pd.DataFrame(
        {
            "area_id": np.asarray(uniques, dtype=object),
            "numerator": np.bincount(codes[located], weights=within[located], minlength=len(uniques)),
            "denominator": np.bincount(codes[located], weights=weights[located], minlength=len(uniques)),
        }
    )
    return _with_value(frame)


def roll_up(frame: pd.DataFrame, parent_of: Mapping[str, str | None]) -> pd.DataFrame:
    """Numerators and denominators summed to the parent areas (`parent_of`: area_id → parent_id).

    Raises for an area without a parent, so nothing is silently dropped.
    """
    parents = frame["area_id"].map(parent_of)
    if parents.isna().any():
        missing = frame.loc[parents.isna(), "area_id"].tolist()[:5]
        raise ValueError(f"roll_up: no parent for area(s) {missing}")
    summed = frame.assign(area_id=parents).groupby("area_id", sort=True)[["numerator", "denominator"]].sum().reset_index()
    return _with_value(summed)


def _with_value(frame: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(frame["denominator"] > 0, frame["numerator"] / frame["denominator"] * 100.0, np.nan)
    return frame.assign(value=value)[["area_id", "numerator", "denominator", "value"]]


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The smallest value at which the cumulative weight reaches half the total (NaN without weight)."""
    values, weights = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    if values.shape != weights.shape:
        raise ValueError("weighted_median: values and weights must have the same shape")
    keep = weights > 0
    if not keep.any():
        return float("nan")
    order = np.argsort(values[keep], kind="stable")
    cumulative = np.cumsum(weights[keep][order])
    return float(values[keep][order][np.searchsorted(cumulative, cumulative[-1] / 2)])


@dataclass(frozen=True)
class CandidateCells:
    """Square grid cells (in the projected CRS) where a hypothetical place may be put.

    `centres` (n, 2) and `corners` (n, 5, 2: closed ring) are in WGS84 (longitude, latitude);
    `centres_xy` are the projected centres.
    """

    size_m: int
    centres_xy: np.ndarray
    centres: np.ndarray
    corners: np.ndarray


def candidate_cells(cover: np.ndarray, projection: Projection, *, max_cells: int = 3000) -> CandidateCells:
    """The grid cells that touch any of the `cover` polygons (projected geometries).

    The cell size is the smallest of CELL_SIZES_M that gives at most `max_cells` cells; cells
    are aligned to multiples of the size.
    """
    cover = np.asarray([g for g in cover if g is not None and not g.is_empty], dtype=object)
    if cover.size == 0:
        raise ValueError("candidate_cells: nothing to cover")
    tree = shapely.STRtree(cover)
    min_x, min_y, max_x, max_y = shapely.total_bounds(cover)
    for size in CELL_SIZES_M:
        columns = np.arange(math.floor(min_x / size), math.ceil(max_x / size))
        rows = np.arange(math.floor(min_y / size), math.ceil(max_y / size))
        if len(columns) * len(rows) > 40 * max_cells and size != CELL_SIZES_M[-1]:  # far too many even before the cover test
            continue
        grid_x, grid_y = (grid.ravel() for grid in np.meshgrid(columns * size, rows * size))
        boxes = shapely.box(grid_x, grid_y, grid_x + size, grid_y + size)
        cell, polygon = tree.query(boxes, predicate="intersects")
        shares_area = ~shapely.touches(boxes[cell], cover[polygon])  # a common edge or corner alone does not count
        hit = np.unique(cell[shares_area])
        if len(hit) <= max_cells:
            break
    x0, y0 = grid_x[hit], grid_y[hit]
    centres_xy = np.column_stack([x0 + size / 2, y0 + size / 2])
    ring = np.array([(0, 0), (size, 0), (size, size), (0, size), (0, 0)], dtype=float)
    corners_xy = np.column_stack([x0, y0])[:, None, :] + ring[None, :, :]
    corners = projection.to_wgs84(corners_xy.reshape(-1, 2)).reshape(-1, 5, 2)
    return CandidateCells(size_m=size, centres_xy=centres_xy, centres=projection.to_wgs84(centres_xy), corners=corners)
