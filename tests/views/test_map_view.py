"""The overview's map as a builder: labels that never cover each other, the view that fits a
phone, the click's area, the outline of the area found, and markers that stand out."""
from __future__ import annotations

import json
import math
from collections import OrderedDict

import numpy as np
import pandas as pd
import pytest
import shapely

from tests.conftest import REPO_ROOT
from views import maps
from views.classify import DIVERGING_MIDDLE, DIVERGING_PALETTES, NO_DATA_COLOR, PALETTES, POINT_COLORS, category_colors
from views.maps import (
    AREA_ID,
    NAME,
    area_objects,
    area_of_selection,
    choropleth,
    deck_json,
    label_box,
    lonlat_of,
    place_labels,
    polygon_parts,
    view_for_bounds,
    world_pixels,
)
from views.points import with_access

DEMO = REPO_ROOT / "data" / "demo"


def boxes_of(labels: list[dict], zoom: float) -> list[tuple[float, float, float, float]]:
    boxes = []
    for label in labels:
        x, y = world_pixels(*label["position"], zoom)
        width, height = label_box(label["text"])
        dx, dy = label["offset"]
        boxes.append((x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2))
    return boxes


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_web_mercator_pixels_by_hand() -> None:
    # at zoom 0 the world is 512 px wide: Greenwich on the equator is its centre
    assert world_pixels(0.0, 0.0, 0) == pytest.approx((256.0, 256.0))
    assert world_pixels(90.0, 0.0, 1) == pytest.approx((768.0, 512.0))
    # y of 60° N: (1 − ln(tan 60° + sec 60°) / π) / 2 · 512 = (1 − 1.316958 / π) / 2 · 512
    assert world_pixels(0.0, 60.0, 0)[1] == pytest.approx((1 - 1.3169579 / math.pi) / 2 * 512, abs=1e-4)
    assert lonlat_of(*world_pixels(10.7, 53.9, 11.3), 11.3) == pytest.approx((10.7, 53.9))


def test_colliding_labels_are_moved_inside_their_area_or_left_out() -> None:
    # two squares side by side, each 40 px wide at zoom 12 — too narrow for two long labels
    zoom = 12.0
    x0, y0 = world_pixels(10.0, 54.0, zoom)
    squares = [
        shapely.box(*lonlat_of(x0 + dx, y0 + 40, zoom), *lonlat_of(x0 + dx + 40, y0, zoom)) for dx in (0, 40)
    ]
    geometries = np.array(squares)
    anchors = [(g.centroid.x, g.centroid.y) for g in squares]
    texts = ["Langer Gebietsname\n12,3 %", "Anderer langer Name\n45,6 %"]
    places = place_labels(geometries, anchors, texts, zoom=zoom)
    assert places[0] == (0.0, 0.0) and places[1] is None  # equal size: the first keeps its place
    # the found area is labelled first
    places = place_labels(geometries, anchors, texts, zoom=zoom, first=[1])
    assert places[1] == (0.0, 0.0) and places[0] is None
    # short labels fit side by side
    assert place_labels(geometries, anchors, ["A", "B"], zoom=zoom) == [(0.0, 0.0), (0.0, 0.0)]


def test_an_area_too_small_for_a_line_of_text_gets_no_label() -> None:
    """Labels only where they fit: at zoom 12 a square 10 px across gets none, even with room
    around it; one 30 px across (more than a line of text, 22 px) gets its label."""
    zoom = 12.0
    x0, y0 = world_pixels(10.0, 54.0, zoom)
    squares = [shapely.box(*lonlat_of(x0 + 200 * i, y0 + side, zoom), *lonlat_of(x0 + 200 * i + side, y0, zoom)) for i, side in enumerate((10, 30))]
    anchors = [(g.centroid.x, g.centroid.y) for g in squares]
    assert place_labels(np.array(squares), anchors, ["7", "8"], zoom=zoom) == [None, (0.0, 0.0)]


@pytest.mark.parametrize("level", ["stadtteil", "teilgebiet"])
def test_the_demo_map_labels_never_overlap_and_the_city_fits_a_phone(level: str) -> None:
    areas = pd.read_parquet(DEMO / "areas.parquet")
    areas = areas[areas["level"] == level].reset_index(drop=True)
    deck = choropleth(
        areas,
        fills=pd.Series(["#ffffff"] * len(areas)),
        value_labels=pd.Series(["12,3\u00a0%"] * len(areas)),
        lang="de",
        short_labels=pd.Series([str(i + 1) for i in range(len(areas))]),
        highlight=str(areas["area_id"].iloc[-1]),
    )
    spec = deck_json(deck)
    view = spec["initialViewState"]
    labels = next(layer for layer in spec["layers"] if layer["id"] == "labels")["data"]
    boxes = boxes_of(labels, view["zoom"])
    assert all(not overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len(labels) >= min(len(areas), 5)  # most labels stay
    # the found area keeps its label
    found = shapely.point_on_surface(shapely.from_wkb(areas["geometry"].iloc[-1]))
    assert [round(found.x, 5), round(found.y, 5)] in [label["position"] for label in labels]
    # every area lies inside a 340 × 520 px view (a phone of 390 px less the page's margins)
    centre = world_pixels(view["longitude"], view["latitude"], view["zoom"])
    min_x, min_y, max_x, max_y = shapely.total_bounds(shapely.from_wkb(areas["geometry"].to_numpy()))
    for lon, lat in ((min_x, min_y), (max_x, max_y)):
        x, y = world_pixels(lon, lat, view["zoom"])
        assert abs(x - centre[0]) <= 170 and abs(y - centre[1]) <= 260


def test_the_view_fits_the_bounds_by_hand() -> None:
    # 0.5° of longitude at the equator: 360 · 340 / (512 · 0.5) = 478.1 → zoom log2 = 8.90, less 0.1
    view = view_for_bounds((0.0, -0.01, 0.5, 0.01))
    assert view.zoom == pytest.approx(math.log2(360 * 340 / (512 * 0.5)) - 0.1, abs=0.01)


def test_a_click_names_the_area_and_nothing_else() -> None:
    assert area_of_selection({"indices": {"areas": [3]}, "objects": {"areas": [{AREA_ID: "04", NAME: "Buntekuh"}]}}) == "04"
    assert area_of_selection({"indices": {"points": [0]}, "objects": {"points": [{NAME: "Bücherei"}]}}) is None
    assert area_of_selection({"indices": {}, "objects": {}}) is None
    assert area_of_selection(None) is None


def test_the_area_found_is_outlined_and_every_area_can_be_picked() -> None:
    areas = pd.read_parquet(DEMO / "areas.parquet")
    areas = areas[areas["level"] == "stadtteil"].reset_index(drop=True)
    deck = choropleth(areas, fills=pd.Series(["#ffffff"] * 10), value_labels=pd.Series(["1"] * 10), lang="en", highlight="09")
    spec = deck_json(deck)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {o["area_id"] for o in area_objects(spec)} == set(areas["area_id"])
    assert layers["areas"]["pickable"] is True
    outline = layers["found"]["data"]
    exterior = shapely.from_wkb(areas.loc[areas["area_id"] == "09", "geometry"].iloc[0])
    parts = exterior.geoms if exterior.geom_type == "MultiPolygon" else [exterior]
    assert len(outline) == len(parts) and layers["found"]["getColor"] == [0, 0, 0, 255]
    no_outline = deck_json(choropleth(areas, fills=pd.Series(["#ffffff"] * 10), value_labels=pd.Series(["1"] * 10), lang="en", highlight="xx"))
    assert "found" not in {layer["id"] for layer in no_outline["layers"]}


def cielab(color: str) -> np.ndarray:
    """sRGB hex → CIELAB (D65), by the textbook formulas."""
    rgb = np.array([int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_marker_colours_stand_out_from_every_fill_palette() -> None:
    assert cielab("#ffffff") == pytest.approx([100.0, 0.0, 0.0], abs=0.05)
    fills = [c for palette in PALETTES.values() for c in palette]
    fills += [c for below, above in DIVERGING_PALETTES.values() for c in (*below, *above)] + [DIVERGING_MIDDLE, NO_DATA_COLOR]
    for marker in POINT_COLORS:
        nearest = min(float(np.linalg.norm(cielab(marker) - cielab(fill))) for fill in fills)
        assert nearest >= 40, (marker, nearest)
    assert len(set(POINT_COLORS)) == len(POINT_COLORS)
    # the colours follow the categories of the legend, whatever the filter leaves on the map
    assert category_colors(["b", "a"]) == {"a": POINT_COLORS[0], "b": POINT_COLORS[1]}


def test_services_filtered_by_wheelchair_access() -> None:
    points = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "attributes": ['{"wheelchair": "yes"}', '{"wheelchair": "limited"}', '{"wheelchair": "no"}', ""],
        }
    )
    assert with_access(points, "all")["name"].tolist() == ["A", "B", "C", "D"]
    assert with_access(points, "yes")["name"].tolist() == ["A"]
    assert with_access(points, "limited")["name"].tolist() == ["A", "B"]
    with pytest.raises(ValueError, match="unknown filter"):
        with_access(points, "some")


def test_marker_colours_in_the_deck_match_the_legend_after_filtering() -> None:
    areas = pd.read_parquet(DEMO / "areas.parquet")
    areas = areas[areas["level"] == "stadtteil"].reset_index(drop=True)
    points = pd.DataFrame({"name": ["X"], "category": ["b"], "lat": [53.87], "lon": [10.68], "description": [""]})
    deck = choropleth(
        areas, fills=pd.Series(["#ffffff"] * 10), value_labels=pd.Series(["1"] * 10), lang="de", points=points, point_labels={"a": "A", "b": "B"}
    )
    marker = next(layer for layer in deck_json(deck)["layers"] if layer["id"] == "points")["data"][0]
    second = [int(POINT_COLORS[1][i:i + 2], 16) for i in (1, 3, 5)]
    assert marker["fill"][:3] == second  # "b" is the second category of the legend, even when "a" has no point
    assert json.dumps(marker).count("X") == 1


def test_the_map_limit_comes_from_the_environment_and_a_bad_value_is_logged(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:

    monkeypatch.setenv(maps.MAX_MAP_AREAS_ENV, "500")
    assert maps.max_map_areas() == 500
    for bad in ("0", "-3", "zwanzig", "1.5"):
        monkeypatch.setenv(maps.MAX_MAP_AREAS_ENV, bad)
        with caplog.at_level("WARNING", logger="views.maps"):
            assert maps.max_map_areas() == maps.MAX_MAP_AREAS
        assert any(bad in record.getMessage() and maps.MAX_MAP_AREAS_ENV in record.getMessage() for record in caplog.records), bad
        caplog.clear()
    monkeypatch.delenv(maps.MAX_MAP_AREAS_ENV)
    assert maps.max_map_areas() == maps.MAX_MAP_AREAS


def test_polygon_parts_are_flat_outlines_and_rings_only_for_holes() -> None:
    """By hand: a square as one flat list of corners (rounded to 1e-5°, the closing corner left
    out), a square with a hole as its two rings, a MultiPolygon as one part per polygon."""
    square = shapely.Polygon([(10.123456, 53.654321), (10.124456, 53.654321), (10.124456, 53.655321), (10.123456, 53.655321)])
    holed = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (1, 2), (2, 2), (2, 1)]])
    two = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)])
    owners, polygons = polygon_parts(np.array([square, holed, two]))
    assert owners.tolist() == [0, 1, 2, 2]
    assert polygons[0] == [10.12346, 53.65432, 10.12446, 53.65432, 10.12446, 53.65532, 10.12346, 53.65532]
    assert polygons[1] == [[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]], [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0]]]
    assert [len(p) for p in polygons[2:]] == [8, 8] and all(isinstance(x, float) for x in polygons[2])


def test_maps_of_the_same_areas_convert_their_outlines_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two maps of one level (another indicator, language or page) share the areas' outlines;
    other names or other shapes are converted anew."""
    converted: list[int] = []
    real = maps.polygon_parts
    monkeypatch.setattr(maps, "polygon_parts", lambda geometries: converted.append(len(geometries)) or real(geometries))
    monkeypatch.setattr(maps, "_outlines", OrderedDict())
    areas = pd.read_parquet(DEMO / "areas.parquet").query("level == 'stadtteil'").reset_index(drop=True)
    first = area_objects(deck_json(choropleth(areas, fills=pd.Series(["#ffffff"] * 10), value_labels=pd.Series(["1,0\u00a0%"] * 10), lang="de")))
    second = area_objects(deck_json(choropleth(areas, fills=pd.Series(["#000000"] * 10), value_labels=pd.Series(["2.0%"] * 10), lang="en")))
    assert converted == [10]
    assert [(o["area_id"], o["name"], o["polygon"]) for o in first] == [(o["area_id"], o["name"], o["polygon"]) for o in second]
    assert {o["detail"] for o in first} == {"1,0\u00a0%"} and {o["detail"] for o in second} == {"2.0%"}
    assert {tuple(o["fill"]) for o in second} == {(0, 0, 0, 235)}
    renamed = area_objects(deck_json(choropleth(areas.assign(name=areas["name"] + " (neu)"), fills=pd.Series(["#ffffff"] * 10), value_labels=pd.Series(["1"] * 10), lang="de")))
    assert converted == [10, 10] and all(o["name"].endswith(" (neu)") for o in renamed)


def test_a_map_of_1000_areas_sends_at_most_170_bytes_per_area() -> None:
    """A design bound (issue 13: a map of 10,000 areas ≤ 2 MB): 1,000 squares of about 100 m at
    full precision, names of 19 characters, ids of 8 and a tooltip of 28 characters take at most
    170 bytes of deck JSON per area (the keys, colours and outlines written as before these
    changes: about 225); every letter in UTF-8, none escaped."""
    n = 1000
    x0, y0 = 10.60013 + np.arange(n) % 40 * 0.00147, 53.80011 + np.arange(n) // 40 * 0.00091
    areas = pd.DataFrame(
        {
            "area_id": [f"{i:08d}" for i in range(n)],
            "name": [f"Teilgebiet Nr. {i:04d}" for i in range(n)],
            "geometry": shapely.to_wkb(shapely.box(x0, y0, x0 + 0.00147, y0 + 0.00091)),
        }
    )
    fills = pd.Series(["#aabbcc", "#ddeeff", "#112233", "#445566", "#778899"] * (n // 5))
    details = pd.Series(["12,3\u00a0% · Kein Muster (n. s.)"] * n)
    text = choropleth(areas, fills=fills, value_labels=pd.Series(["12,3\u00a0%"] * n), details=details, lang="de").to_json()
    assert len(text.encode()) <= 170 * n
    assert "\\u" not in text and text.count("12,3\u00a0% · Kein Muster (n. s.)") == n
    assert len(area_objects(json.loads(text))) == n
