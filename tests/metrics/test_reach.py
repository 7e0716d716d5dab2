"""Reach of places, against hand-computed cases (metrics/reach.py)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely

from metrics.reach import (
    Projection,
    candidate_cells,
    nearest_distance,
    reach_by_area,
    roll_up,
    utm_crs,
    weighted_median,
)


def test_nearest_distance_is_the_straight_line_to_the_nearest_place() -> None:
    places = np.array([[0.0, 0.0], [1000.0, 0.0]])
    origins = np.array([[300.0, 400.0], [1000.0, 300.0], [600.0, 800.0], [0.0, 0.0]])
    # 3-4-5 triangle; straight above the second place; √(400² + 800²) to the second place beats 1000 to the first
    expected = [500.0, 300.0, math.sqrt(400**2 + 800**2), 0.0]
    np.testing.assert_allclose(nearest_distance(origins, places), expected, rtol=1e-12)


def test_without_places_nothing_is_within_reach() -> None:
    assert np.isinf(nearest_distance(np.array([[1.0, 2.0]]), np.empty((0, 2)))).all()
    assert nearest_distance(np.empty((0, 2)), np.array([[0.0, 0.0]])).size == 0
    with pytest.raises(ValueError, match="finite"):
        nearest_distance(np.array([[np.nan, 0.0]]), np.array([[0.0, 0.0]]))


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        ((10.56, 10.90), (53.79, 53.99), "EPSG:32632"),  # Lübeck: zone 32 (6°–12° E)
        ((13.09, 13.76), (52.34, 52.68), "EPSG:32633"),  # Berlin: zone 33 (12°–18° E)
        ((151.0, 151.3), (-34.0, -33.7), "EPSG:32756"),  # Sydney: zone 56 south
    ],
)
def test_utm_zone_from_the_centre_of_the_data(lon, lat, expected) -> None:
    assert utm_crs(np.array(lon), np.array(lat)) == expected


def test_projected_distance_matches_the_meridian_arc() -> None:
    # 0.01° of latitude at 53.87° N: the meridian arc is 111 132.954 − 559.822·cos 2φ + 1.175·cos 4φ
    # = 111 302.6 m per degree, so 1 113.03 m; UTM 32N at 10.7° E scales by about 0.99975.
    phi = math.radians(53.87)
    arc = (111_132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)) * 0.01
    assert arc == pytest.approx(1113.03, abs=0.01)
    projection = Projection("EPSG:25832")
    xy = projection.to_metres(np.array([10.7, 10.7]), np.array([53.865, 53.875]))
    distance = float(np.hypot(*(xy[1] - xy[0])))
    assert distance == pytest.approx(arc * 0.99975, rel=2e-5)
    assert projection.name == "ETRS89 / UTM zone 32N"
    np.testing.assert_allclose(projection.to_wgs84(xy), [[10.7, 53.865], [10.7, 53.875]], atol=1e-9)


def test_a_crs_in_degrees_is_refused() -> None:
    with pytest.raises(ValueError, match="not a projected CRS in metres"):
        Projection("EPSG:4326")


def test_shares_per_area_count_the_limit_and_leave_out_origins_without_area() -> None:
    areas = np.array(["A", "A", "A", "B", "B", None], dtype=object)
    distances = np.array([100.0, 500.0, 501.0, 0.0, 2000.0, 10.0])
    by_address = reach_by_area(areas, np.ones(6), distances, 500.0)
    assert by_address.to_dict("list") == {
        "area_id": ["A", "B"],
        "numerator": [2.0, 1.0],  # 500 m counts as within 500 m; 501 m does not
        "denominator": [3.0, 2.0],
        "value": [pytest.approx(200 / 3), 50.0],
    }


def test_residents_weight_the_addresses() -> None:
    areas = np.array(["A", "A", "A", "B", "B", None], dtype=object)
    distances = np.array([100.0, 500.0, 501.0, 0.0, 2000.0, 10.0])
    residents = np.array([10.0, 30.0, 60.0, 5.0, 15.0, 100.0])
    by_residents = reach_by_area(areas, residents, distances, 500.0)
    # A: (10 + 30) / (10 + 30 + 60) = 40 %; B: 5 / 20 = 25 % — not the 66.7 % and 50 % of the addresses
    assert by_residents["numerator"].tolist() == [40.0, 5.0]
    assert by_residents["denominator"].tolist() == [100.0, 20.0]
    assert by_residents["value"].tolist() == [40.0, 25.0]


def test_coarser_areas_sum_numerators_and_denominators_never_average_shares() -> None:
    fine = pd.DataFrame({"area_id": ["A", "B", "C"], "numerator": [40.0, 5.0, 0.0], "denominator": [100.0, 20.0, 0.0]})
    coarse = roll_up(fine, {"A": "X", "B": "X", "C": "Y"})
    assert coarse["area_id"].tolist() == ["X", "Y"]
    assert coarse["value"].iloc[0] == pytest.approx(45 / 120 * 100)  # 37.5 %, not the mean of 40 % and 25 % (32.5 %)
    assert math.isnan(coarse["value"].iloc[1])  # no addresses at all: no value, not 0 %
    with pytest.raises(ValueError, match="no parent"):
        roll_up(fine, {"A": "X"})


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="same length"):
        reach_by_area(np.array(["A"]), np.ones(2), np.ones(2), 1.0)
    with pytest.raises(ValueError, match="max_distance"):
        reach_by_area(np.array(["A"]), np.ones(1), np.ones(1), -1.0)
    with pytest.raises(ValueError, match="weights"):
        reach_by_area(np.array(["A"]), np.array([np.nan]), np.ones(1), 1.0)


def test_weighted_median() -> None:
    assert weighted_median(np.array([300.0, 100.0, 400.0, 200.0]), np.ones(4)) == 200.0  # half the weight reached at 200
    assert weighted_median(np.array([100.0, 200.0, 300.0, 400.0]), np.array([1.0, 1.0, 1.0, 5.0])) == 400.0
    assert math.isnan(weighted_median(np.array([1.0]), np.array([0.0])))


def test_candidate_cells_cover_the_areas_with_few_enough_cells() -> None:
    projection = Projection("EPSG:25832")
    square = shapely.box(500_000, 5_900_000, 501_000, 5_901_000)  # 1 km², aligned to every grid size below 1 km
    fine = candidate_cells(np.array([square]), projection, max_cells=25)
    assert fine.size_m == 200 and len(fine.centres) == 25  # 5 × 5; cells that only touch the edge do not count
    coarse = candidate_cells(np.array([square]), projection, max_cells=10)
    # 200 m: 25, 250 m: 16, 300 m: 16 (the square straddles 4 × 4 cells), 400 m: 3 × 3 = 9
    assert coarse.size_m == 400 and len(coarse.centres) == 9
    assert sorted(map(tuple, coarse.centres_xy)) == [
        (500_000 + 400 * i + 200, 5_900_000 + 400 * j + 200) for i in range(3) for j in range(3)
    ]
    assert coarse.corners.shape == (9, 5, 2)
    np.testing.assert_allclose(coarse.corners[:, 0], coarse.corners[:, 4])  # closed rings
    np.testing.assert_allclose(projection.to_metres(*coarse.centres.T), coarse.centres_xy, atol=1e-6)
