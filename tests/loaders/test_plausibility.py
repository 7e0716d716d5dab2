"""Wrong data that would import without a word: boundaries in the wrong place, overlapping, off the
outline, and codes for "missing" read as numbers (loaders.plausibility). The corpus has one case
of each; these tests check the cases it cannot: which file is blamed, what is not flagged."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyproj
import shapely

from loaders.importer import check_import
from loaders.levels import Value
from loaders.plausibility import sentinel_problems
from loaders.spec import load_spec
from tests.loaders.test_importer_helpers import GEOMETRY, geojson, squares, write_city


def moved(offset: tuple[float, float]) -> dict[str, shapely.Polygon]:
    return {k: shapely.affinity.translate(g, *offset) for k, g in squares().items()}


def projected(features: dict[str, shapely.Polygon], crs: str) -> dict[str, shapely.Polygon]:
    forward = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    return {k: shapely.transform(g, lambda c: np.column_stack(forward.transform(c[:, 0], c[:, 1]))) for k, g in features.items()}


def test_a_wrong_crs_that_still_lands_in_germany_is_found_by_the_points_and_blamed_on_the_boundaries(tmp_path: Path) -> None:
    """Berlin's boundaries in UTM zone 33 declared as zone 32 land in North Rhine-Westphalia: inside Germany,
    but 400 km from Berlin's points. The fix is for the boundaries, so the message names them."""
    berlin = moved((13.38 - 10.6, 52.5 - 53.8))
    spec = write_city(tmp_path, geometry=GEOMETRY + 'crs = "EPSG:25832"\n', spec_extra="""
[[points]]
file = "orte.csv"
category = "beratung"
name = "Name"
lat = "lat"
lon = "lon"
""")
    (tmp_path / "grenzen.geojson").write_text(geojson(projected(berlin, "EPSG:25833")), encoding="utf-8")
    (tmp_path / "orte.csv").write_text("Name;lat;lon\nA;52,51;13,39\nB;52,52;13,40\n", encoding="utf-8")
    report = check_import(load_spec(spec))
    [problem] = [p for p in report.errors if p.file == "grenzen.geojson"]
    assert problem.column == "crs" and 'crs = "EPSG:25833"' in problem.text("en") and "km away from orte.csv" in problem.text("en")
    assert not [p for p in report.errors if p.file == "orte.csv"]


def test_a_city_outside_germany_says_how_to_set_its_region(tmp_path: Path) -> None:
    vienna = moved((16.37 - 10.6, 48.2 - 53.8))
    spec = write_city(tmp_path)
    (tmp_path / "grenzen.geojson").write_text(geojson(vienna), encoding="utf-8")
    [problem] = check_import(load_spec(spec)).errors
    assert "[plausibility] extent" in problem.text("en") and problem.rows == (1, 2, 3, 4)
    spec.write_text(spec.read_text() + "\n[plausibility]\nextent = [16.1, 48.1, 16.6, 48.4]\n", encoding="utf-8")
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")


def test_areas_that_share_a_border_drawn_slightly_differently_do_not_overlap(tmp_path: Path) -> None:
    features = squares()
    features["12"] = shapely.affinity.translate(features["12"], xoff=-0.00005)  # 0.5 % of the width
    spec = write_city(tmp_path)
    (tmp_path / "grenzen.geojson").write_text(geojson(features), encoding="utf-8")
    report = check_import(load_spec(spec))
    assert report.ok and not report.warnings, report.text("en")


def value(line: int, number: float, column: str = "Einwohner") -> Value:
    return Value("11", "x", 2020, number, None, None, "daten.csv", column, line)


def test_a_high_value_that_occurs_often_is_no_code_unless_it_looks_like_one_and_stands_apart() -> None:
    shares = [value(i, v, "Quote") for i, v in enumerate([99.0, 99.0, 99.0, 97.5, 96.0, 95.2], start=2)]
    assert sentinel_problems(shares, {"daten.csv": "daten"}) == []  # 99 % three times: plausible, no gap
    counts = [value(i, v) for i, v in enumerate([9999, 9999, 9999, 9000, 8800, 9100], start=2)]
    assert sentinel_problems(counts, {"daten.csv": "daten"}) == []  # nines, but among values of its size
    twice = [value(i, v) for i, v in enumerate([99999, 99999, 1200, 800, 500, 2000], start=2)]
    assert sentinel_problems(twice, {"daten.csv": "daten"}) == []  # twice is not yet "repeating across rows"
    coded = [value(i, v) for i, v in enumerate([99999, 99999, 99999, 1200, 800, 500, 2000], start=2)]
    [problem] = sentinel_problems(coded, {"daten.csv": "daten"})
    assert problem.rows == (2, 3, 4) and 'missing = ["99999"] in [tables.daten]' in problem.text("en")
