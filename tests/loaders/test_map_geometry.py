"""Map geometry simplified per level at import (loaders.geodata.simplify_coverage): on a hand-made
coverage with a known result, and on the real Berlin and Hamburg boundaries, checked against the
exact geometry the import keeps beside it."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely

from loaders import geodata
from loaders.contract import AREAS_FILE, validate_dataset
from loaders.geodata import default_map_tolerance, simplify_coverage
from loaders.importer import run_import
from loaders.spec import SpecError, load_spec, parse_spec
from loaders.store import Store
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared
from views import maps

BERLIN_SPEC = REPO_ROOT / "examples" / "berlin" / "import.toml"
HAMBURG_SPEC = REPO_ROOT / "examples" / "hamburg" / "import.toml"
DEMO = REPO_ROOT / "data" / "demo"
SIDE = 0.01  # degrees: squares of about 660 m × 1.1 km at 53.5° N
BASE = 53.5


def _three_squares() -> list[shapely.Polygon]:
    """Three squares in a row at 53.5° N forming a coverage: the shared edge of the first two has a
    bump of 0.00001° (under a metre: cut at 50 m), the first square's top edge too; the edge of the
    second and third bends by a quarter side (about 280 m: kept at 50 m)."""
    d, y, e = SIDE, BASE, 0.00001
    first = shapely.Polygon([(0, y), (d, y), (d + e, y + d / 2), (d, y + d), (d / 2, y + d + e), (0, y + d)])
    second = shapely.Polygon([(d, y), (2 * d, y), (2 * d + d / 4, y + d / 2), (2 * d, y + d), (d, y + d), (d + e, y + d / 2)])
    third = shapely.Polygon([(2 * d, y), (3 * d, y), (3 * d, y + d), (2 * d, y + d), (2 * d + d / 4, y + d / 2)])
    return [first, second, third]


def test_three_squares_known_result() -> None:
    squares = _three_squares()
    assert shapely.coverage_is_valid(squares)
    d, y = SIDE, BASE
    expected = [
        shapely.box(0, y, d, y + d),
        shapely.Polygon([(d, y), (2 * d, y), (2 * d + d / 4, y + d / 2), (2 * d, y + d), (d, y + d)]),
        shapely.Polygon([(2 * d, y), (3 * d, y), (3 * d, y + d), (2 * d, y + d), (2 * d + d / 4, y + d / 2)]),
    ]
    simplified = simplify_coverage(np.array(squares, dtype=object), 50.0)
    for got, want in zip(simplified, expected):
        assert shapely.get_num_coordinates(got) == shapely.get_num_coordinates(want)
        assert shapely.equals_exact(shapely.normalize(got), shapely.normalize(want), tolerance=1e-12), (got, want)
    # the first two still share their whole edge, the last two the bent one
    shared = shapely.intersection(simplified[0], simplified[1])
    assert shapely.equals_exact(shapely.normalize(shared), shapely.LineString([(d, y), (d, y + d)]), tolerance=1e-12), shared
    bent = shapely.line_merge(shapely.intersection(simplified[1], simplified[2]))
    assert bent.geom_type == "LineString" and shapely.get_num_coordinates(bent) == 3, bent


def test_missing_geometry_and_zero_tolerance_are_kept() -> None:
    squares = _three_squares()
    with_gap = np.array([squares[0], None, squares[2]], dtype=object)
    simplified = simplify_coverage(with_gap, 50.0)
    assert simplified[1] is None and shapely.get_num_coordinates(simplified[0]) == 5
    untouched = simplify_coverage(np.array(squares, dtype=object), 0.0)
    assert all(a is b for a, b in zip(untouched, squares))


def test_an_area_whose_result_breaks_keeps_its_original(monkeypatch: pytest.MonkeyPatch) -> None:
    squares = np.array(_three_squares(), dtype=object)
    real = shapely.coverage_simplify

    def breaking(geometries, tolerance, **options):
        out = real(geometries, tolerance, **options)
        out[0] = shapely.Polygon()  # empty
        out[2] = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # a bow tie: invalid
        return out

    monkeypatch.setattr(geodata.shapely, "coverage_simplify", breaking)
    simplified = simplify_coverage(squares, 50.0)
    assert simplified[0] is squares[0] and simplified[2] is squares[2]
    assert shapely.get_num_coordinates(simplified[1]) == 6  # the middle one simplified


def test_default_tolerance_is_a_share_of_the_median_diameter() -> None:
    squares = np.array([shapely.box(0, BASE, SIDE, BASE + SIDE)] * 3, dtype=object)
    width = SIDE * 111_320 * np.cos(np.radians(BASE + SIDE / 2))
    height = SIDE * 110_574
    expected = geodata.MAP_TOLERANCE_SHARE * 2 * np.sqrt(width * height / np.pi)
    assert default_map_tolerance(squares) == pytest.approx(expected, rel=1e-9)


# --- the real boundaries -----------------------------------------------------------------------


def _import(spec_path: Path, out: Path, extra: str = "") -> Path:
    require_shared(SHARED_DATA / spec_path.parent.name)
    spec = parse_spec(spec_path.read_text(encoding="utf-8") + extra, spec_path.parent, "import.toml") if extra else load_spec(spec_path)
    report = run_import(spec, out)
    assert report.ok, report.text("en")
    return out


@pytest.fixture(scope="module")
def berlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _import(BERLIN_SPEC, tmp_path_factory.mktemp("berlin") / "dataset")


@pytest.fixture(scope="module")
def hamburg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _import(HAMBURG_SPEC, tmp_path_factory.mktemp("hamburg") / "dataset")


def _levels(folder: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per level: the exact geometries and what a map draws (the map geometry, else the exact one), read from the Parquet file."""
    areas = pq.read_table(folder / AREAS_FILE).to_pandas()
    out = {}
    for level, rows in areas.groupby("level", sort=False):
        exact = shapely.from_wkb(rows["geometry"].to_numpy())
        drawn = shapely.from_wkb(rows["map_geometry"].where(rows["map_geometry"].notna(), rows["geometry"]).to_numpy())
        out[str(level)] = (exact, drawn)
    return out


def _touching(geometries: np.ndarray) -> set[tuple[int, int]]:
    """Queen adjacency: the pairs whose boundaries meet (in a point or along an edge)."""
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    return {(a, b) for a, b in zip(left.tolist(), right.tolist()) if a < b}


@pytest.mark.parametrize("city", ["berlin", "hamburg"])
def test_simplified_levels_are_valid_touch_as_before_and_keep_their_area(city: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(city)
    assert validate_dataset(folder) == []
    levels = _levels(folder)
    assert set(levels) == ({"bezirk", "prognoseraum", "bezirksregion", "planungsraum"} if city == "berlin" else {"stadtteil"})
    for level, (exact, drawn) in levels.items():
        assert shapely.is_valid(drawn).all() and not shapely.is_empty(drawn).any(), level
        assert set(shapely.get_type_id(drawn)) <= {3, 6}, level
        assert shapely.get_num_coordinates(drawn).sum() < shapely.get_num_coordinates(exact).sum(), level
        assert _touching(drawn) == _touching(exact), level
        change = np.abs(shapely.area(drawn) / shapely.area(exact) - 1)
        assert change.max() < 0.03, (level, float(change.max()))


@pytest.mark.parametrize(("city", "level", "factor"), [("berlin", "planungsraum", 1.6), ("hamburg", "stadtteil", 5.0)])
def test_map_bytes_fall(city: str, level: str, factor: float, request: pytest.FixtureRequest) -> None:
    """Measured 2.0× (Berlin's 542 Planungsräume: 907 → 454 kB) and 9.3× (Hamburg: 972 → 105 kB)."""
    areas = Store(request.getfixturevalue(city)).geometries(level)
    n = len(areas)
    fills, labels = pd.Series(["#aabbcc"] * n), pd.Series(["1,0 %"] * n)
    exact = len(maps.choropleth(areas.drop(columns="map_geometry"), fills=fills, value_labels=labels, lang="de").to_json())
    simplified = len(maps.choropleth(areas, fills=fills, value_labels=labels, lang="de").to_json())
    assert exact / simplified >= factor, (exact, simplified)


def test_store_keeps_the_exact_geometry_for_measuring(berlin: Path) -> None:
    raw = pq.read_table(berlin / AREAS_FILE).to_pandas().set_index("area_id")
    frame = Store(berlin).geometries("planungsraum").set_index("area_id")
    assert (frame["geometry"] == raw.loc[frame.index, "geometry"]).all()
    stored = raw.loc[frame.index]
    assert (frame["map_geometry"] == stored["map_geometry"].where(stored["map_geometry"].notna(), stored["geometry"])).all()
    assert frame["map_geometry"].map(len).sum() < frame["geometry"].map(len).sum()


def test_spec_overrides_the_tolerance_per_level(tmp_path: Path) -> None:
    folder = _import(BERLIN_SPEC, tmp_path / "dataset", "\n[simplify]\nplanungsraum = 0\nbezirk = 500\n")
    areas = pq.read_table(folder / AREAS_FILE).to_pandas()
    assert areas.loc[areas.level == "planungsraum", "map_geometry"].isna().all()  # the exact outline is drawn
    bezirke = areas[areas.level == "bezirk"]
    corners = shapely.get_num_coordinates(shapely.from_wkb(bezirke["map_geometry"].to_numpy())).sum()
    assert corners < shapely.get_num_coordinates(shapely.from_wkb(bezirke["geometry"].to_numpy())).sum()
    assert "Karte vereinfacht mit 500 m" in (folder / "import_report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("section", "column", "expected"),
    [
        ("planungsraum = -5", "simplify.planungsraum", "expected a number ≥ 0 in metres (0 = the exact outline), e.g. planungsraum = 20; found: -5"),
        ('planungsraum = "fein"', "simplify.planungsraum", "expected a number ≥ 0 in metres"),
        ("planungsraum = nan", "simplify.planungsraum", "expected a number ≥ 0 in metres"),
        ("stadtteil = 10", "simplify.stadtteil", "unknown level: expected one of the levels bezirk, prognoseraum, bezirksregion, planungsraum"),
    ],
)
def test_bad_tolerance_in_the_spec_is_named(section: str, column: str, expected: str) -> None:
    text = BERLIN_SPEC.read_text(encoding="utf-8") + f"\n[simplify]\n{section}\n"
    with pytest.raises(SpecError) as raised:
        parse_spec(text, BERLIN_SPEC.parent, "import.toml")
    problems = [p for p in raised.value.problems if p.column == column]
    assert len(problems) == 1 and expected in problems[0].text("en"), [p.text("en") for p in raised.value.problems]
    assert "erwartet" in problems[0].text("de")


def test_dataset_without_map_geometry_draws_the_exact_geometry(tmp_path: Path) -> None:
    assert "map_geometry" not in pq.read_schema(DEMO / AREAS_FILE).names
    frame = Store(DEMO).geometries("stadtteil")
    assert (frame["map_geometry"] == frame["geometry"]).all()
    deck = maps.choropleth(frame, fills=pd.Series(["#aabbcc"] * len(frame)), value_labels=pd.Series(["x"] * len(frame)), lang="de")
    assert {o["area_id"] for o in maps.area_objects(maps.deck_json(deck))} == set(frame["area_id"])


def test_contract_checks_the_map_geometry(tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(DEMO, folder)
    table = pq.read_table(folder / AREAS_FILE)
    bow_tie = shapely.to_wkb(shapely.Polygon([(10.6, 53.8), (10.7, 53.9), (10.7, 53.8), (10.6, 53.9)]))
    column = [bow_tie] + [None] * (table.num_rows - 1)
    pq.write_table(table.append_column("map_geometry", pa.array(column, pa.binary())), folder / AREAS_FILE)
    problems = [p for p in validate_dataset(folder) if p.column == "map_geometry"]
    assert len(problems) == 1 and problems[0].rows == (1,)
    assert "invalid geometry" in problems[0].text("en")
