"""Generate the Lübeck demo dataset (`data/demo/`).

    python -m loaders.demo [--out data/demo] [--shared ../shared/data]

The script is the source of the demo dataset; the Parquet files it writes are committed, and
`tests/loaders/test_demo.py` proves that regenerating them gives identical content. It is fully
deterministic (one seeded `numpy.random.default_rng`, no network) and reads only the public
files in the shared data folder:

- `luebeck/luebeck_stadtteile_bevoelkerung_2010_2022.csv` — residents, age groups, births,
  deaths and moves per Stadtteil, 2010–2022 (Hansestadt Lübeck, Kommunale Statistikstelle,
  CC BY 4.0). These are the real facts of the dataset, true at Stadtteil level.
- `luebeck/luebeck_stadtgrenze_vg250_simplify200.geojson` — the city outline
  (© GeoBasis-DE / BKG, dl-de/by-2.0), partitioned here into schematic Stadtteile.
- `luebeck/luebeck_adressen_alkis_2025-04.parquet` — official addresses
  (© GeoBasis-DE/LVermGeo SH, CC BY 4.0), used to place the sub-areas where people live, to
  put the invented points of interest at real addresses, and written as the dataset's address
  table (for the reach page): each address is assigned to the Teilgebiet that contains it
  (point in polygon); addresses in no Teilgebiet (in the water cut out of the schematic
  geometry) keep an empty area and are counted, never assigned to a neighbour. Residents per
  address are an estimate: the Teilgebiet's residents of the latest year divided by its
  number of addresses.

Everything else — the finer level ("Teilgebiete"), the Stadtteil and Teilgebiet boundaries, the
split of the real Stadtteil figures into Teilgebiete, all other indicators and all points of
interest — is synthetic and labelled as such in the catalog and the metadata.

The dataset is written into a temporary sibling folder, validated against the contract
(`loaders.contract.validate_dataset`) and only then swapped in for the old one.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely
from pyproj import Transformer

from loaders.contract import (
    ADDRESSES_FILE,
    AREAS_FILE,
    CONTRACT_VERSION,
    INDICATORS_FILE,
    METADATA_FILE,
    POIS_FILE,
    VALUES_FILE,
    arrow_schema,
    validate_dataset,
)

SEED = 20_240_521
YEARS = tuple(range(2010, 2023))
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "data" / "demo"
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
POPULATION_CSV = "luebeck/luebeck_stadtteile_bevoelkerung_2010_2022.csv"
OUTLINE_GEOJSON = "luebeck/luebeck_stadtgrenze_vg250_simplify200.geojson"
ADDRESSES_PARQUET = "luebeck/luebeck_adressen_alkis_2025-04.parquet"
ROW_GROUP_SIZE = 4096
METRIC_CRS = "EPSG:25832"  # ETRS89 / UTM zone 32N, the official metric CRS of Schleswig-Holstein
ADDRESS_DECIMALS = 5  # ≈ 1 m
ADDRESS_ROW_GROUP_SIZE = 65_536  # one row group: the address table is always read whole, and compresses best so
WGS84_GRID = 1e-6  # ≈ 0.1 m: coordinates are snapped to this grid, which keeps the geometry valid and small

# The 10 official Stadtteile: number, name, Teilgebiete (2–5 by size).
STADTTEILE = (
    ("01", "Innenstadt", 3),
    ("02", "St. Jürgen", 5),
    ("03", "Moisling", 2),
    ("04", "Buntekuh", 2),
    ("05", "St. Lorenz Süd", 3),
    ("06", "St. Lorenz Nord", 5),
    ("07", "St. Gertrud", 5),
    ("08", "Schlutup", 2),
    ("09", "Kücknitz", 3),
    ("10", "Travemünde", 3),
)
LEVELS = (
    {"id": "stadtteil", "label_de": "Stadtteil", "label_en": "District", "plural_de": "Stadtteile", "plural_en": "districts"},
    {
        "id": "teilgebiet",
        "label_de": "Teilgebiet (synthetisch)",
        "label_en": "Sub-area (synthetic)",
        "plural_de": "Teilgebiete",
        "plural_en": "sub-areas",
    },
)

# ---------------------------------------------------------------------------------------------
# Geometry. Built in EPSG:25832 (metres), written in WGS84.
# ---------------------------------------------------------------------------------------------
TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
TO_WGS84 = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)

# Seeds of a multi-seed Voronoi partition of the city outline (longitude, latitude): each
# Stadtteil is the union of the cells of its seeds. Schematic, placed by eye from the map.
STADTTEIL_SEEDS = {
    "02": [(10.700, 53.848), (10.722, 53.835), (10.690, 53.822), (10.655, 53.803), (10.665, 53.780), (10.742, 53.822), (10.628, 53.812)],
    "03": [(10.625, 53.838), (10.598, 53.829), (10.575, 53.836)],
    "04": [(10.641, 53.860), (10.628, 53.853)],
    "05": [(10.666, 53.858), (10.668, 53.849)],
    "06": [(10.585, 53.876), (10.612, 53.879), (10.645, 53.884), (10.675, 53.890), (10.703, 53.908)],
    "07": [(10.708, 53.872), (10.728, 53.886), (10.752, 53.870), (10.764, 53.850), (10.752, 53.896)],
    "08": [(10.800, 53.880), (10.818, 53.891), (10.790, 53.868), (10.855, 53.912)],
    "09": [(10.742, 53.916), (10.785, 53.910), (10.815, 53.922), (10.835, 53.934)],
    "10": [(10.870, 53.962), (10.880, 53.978), (10.855, 53.950), (10.900, 53.953)],
}
# The old-town island: an ellipse around the Innenstadt, ~1.8 km north–south and ~1 km wide.
ISLAND_CENTRE = (10.6865, 53.8660)
ISLAND_SEMI_AXES_M = (520.0, 920.0)  # (east–west, north–south)
ISLAND_ROTATION_DEG = -12.0
ISLAND_MOAT_M = 70.0
# The Trave, from where it enters the city in the south-west, around the island, to the Baltic.
TRAVE_UPSTREAM = [
    (10.553, 53.8235), (10.575, 53.8275), (10.598, 53.8345), (10.622, 53.8440), (10.645, 53.8480),
    (10.662, 53.8510), (10.6745, 53.8560),
]
TRAVE_DOWNSTREAM = [
    (10.6925, 53.8760), (10.6990, 53.8840), (10.7040, 53.8930), (10.7120, 53.9010), (10.7250, 53.9060),
    (10.7450, 53.9050), (10.7650, 53.9030), (10.7880, 53.8990), (10.8040, 53.9000), (10.8180, 53.9060),
    (10.8330, 53.9150), (10.8480, 53.9250), (10.8620, 53.9350), (10.8740, 53.9460), (10.8840, 53.9560),
    (10.8950, 53.9650), (10.9100, 53.9760),
]
# The Wakenitz, from the south-east to the east side of the island.
WAKENITZ = [(10.752, 53.8120), (10.742, 53.8300), (10.728, 53.8440), (10.712, 53.8560), (10.6975, 53.8640)]
# The Pötenitzer Wiek, the wide water south of the Priwall, and the Dassower See beyond it, whose
# western part lies inside the city outline: everything east of this line and south of the Priwall.
WIEK = [(10.872, 53.9420), (10.890, 53.9400), (10.912, 53.9390)]
DASSOWER_SEE = [(10.895, 53.946), (10.920, 53.944), (10.990, 53.944), (10.990, 53.890), (10.880, 53.890), (10.880, 53.925)]
RIVER_HALF_WIDTH_M = 60.0
MOUTH_HALF_WIDTH_M = 140.0
WAKENITZ_HALF_WIDTH_M = 35.0
WIEK_HALF_WIDTH_M = 420.0
MIN_PART_KM2 = 1.2  # land pieces smaller than this (slivers on the far bank) are merged into a neighbour on their own bank


def to_metres(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_METRES.transform(xy[:, 0], xy[:, 1])))


def to_wgs84(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_WGS84.transform(xy[:, 0], xy[:, 1])))


def metres_point(lon: float, lat: float) -> tuple[float, float]:
    x, y = TO_METRES.transform(lon, lat)
    return float(x), float(y)


def metres_line(points: list[tuple[float, float]]) -> shapely.LineString:
    return shapely.LineString([metres_point(lon, lat) for lon, lat in points])


def area_km2(geometry_wgs84: shapely.Geometry) -> float:
    """Area in km², computed in EPSG:25832."""
    return float(to_metres(geometry_wgs84).area / 1e6)


def read_outline(shared: Path) -> shapely.Geometry:
    data = json.loads((shared / OUTLINE_GEOJSON).read_text(encoding="utf-8"))
    return shapely.geometry.shape(data["features"][0]["geometry"])


def island() -> shapely.Geometry:
    """The old-town island as a rotated ellipse (metres)."""
    cx, cy = metres_point(*ISLAND_CENTRE)
    circle = shapely.Point(0, 0).buffer(1.0, quad_segs=8)
    ellipse = shapely.affinity.scale(circle, ISLAND_SEMI_AXES_M[0], ISLAND_SEMI_AXES_M[1], origin=(0, 0))
    ellipse = shapely.affinity.rotate(ellipse, ISLAND_ROTATION_DEG, origin=(0, 0))
    return shapely.affinity.translate(ellipse, cx, cy)


def water(island_m: shapely.Geometry) -> shapely.Geometry:
    """The Trave (with the moat around the island), the Wakenitz, the Pötenitzer Wiek and the Dassower See (metres)."""
    moat = island_m.buffer(ISLAND_MOAT_M, quad_segs=4).difference(island_m)
    upstream = metres_line(TRAVE_UPSTREAM).buffer(RIVER_HALF_WIDTH_M, quad_segs=2)
    downstream = metres_line(TRAVE_DOWNSTREAM)
    # the river widens towards the mouth: buffer each segment with a growing width
    coords = list(downstream.coords)
    pieces = []
    for index, (start, end) in enumerate(zip(coords[:-1], coords[1:])):
        share = index / max(1, len(coords) - 2)
        width = RIVER_HALF_WIDTH_M + (MOUTH_HALF_WIDTH_M - RIVER_HALF_WIDTH_M) * share**2
        pieces.append(shapely.LineString([start, end]).buffer(width, quad_segs=2))
    wakenitz = metres_line(WAKENITZ).buffer(WAKENITZ_HALF_WIDTH_M, quad_segs=2)
    wiek = metres_line(WIEK).buffer(WIEK_HALF_WIDTH_M, quad_segs=3)
    lake = shapely.Polygon([metres_point(lon, lat) for lon, lat in DASSOWER_SEE])
    return shapely.union_all([moat, upstream, wakenitz, wiek, lake, *pieces])


def _merge_small_parts(parts: dict[str, shapely.Geometry], min_km2: float) -> dict[str, shapely.Geometry]:
    """Give every minor land piece smaller than `min_km2` to the neighbour it shares most border with.

    The Voronoi cells ignore the river; cutting the river out leaves slivers of an area on the
    far bank. A sliver touches only land on its own bank, so it joins an area there. An area's
    largest piece always stays with it.
    """
    kept: dict[str, list] = {owner: [] for owner in parts}
    small = []
    for owner, geometry in parts.items():
        polygons = sorted(getattr(geometry, "geoms", [geometry]), key=lambda polygon: -polygon.area)
        for rank, polygon in enumerate(polygons):
            if rank == 0 or polygon.area >= min_km2 * 1e6:
                kept[owner].append(polygon)
            else:
                small.append((owner, polygon))
    for owner, polygon in small:
        best, best_length = owner, 0.0
        for other, polygons in kept.items():
            if other == owner or not polygons:
                continue
            length = shapely.union_all(polygons).buffer(1.0).intersection(polygon.boundary).length
            if length > best_length:
                best, best_length = other, length
        kept[best].append(polygon)
    return {owner: shapely.union_all(polygons) for owner, polygons in kept.items()}


def build_stadtteile(outline_wgs84: shapely.Geometry) -> tuple[dict[str, shapely.Geometry], shapely.Geometry]:
    """The 10 schematic Stadtteile (metres) and the water (metres)."""
    outline = to_metres(outline_wgs84)
    island_m = island()
    water_m = water(island_m)
    land = outline.difference(water_m)
    seeds, owners = [], []
    for stadtteil_id, points in STADTTEIL_SEEDS.items():
        for lon, lat in points:
            seeds.append(metres_point(lon, lat))
            owners.append(stadtteil_id)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=outline.envelope.buffer(5000), ordered=True)
    by_owner: dict[str, list] = {}
    for owner, cell in zip(owners, cells.geoms):
        by_owner.setdefault(owner, []).append(cell)
    parts = {owner: shapely.union_all(found).intersection(land).difference(island_m) for owner, found in by_owner.items()}
    parts = _merge_small_parts(parts, MIN_PART_KM2)
    parts["01"] = island_m.intersection(outline)
    return {stadtteil_id: parts[stadtteil_id] for stadtteil_id, _, _ in STADTTEILE}, water_m


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 40) -> np.ndarray:
    """Plain Lloyd k-means with k-means++ seeding from `rng`; returns k centres."""
    centres = [points[rng.integers(len(points))]]
    for _ in range(1, k):
        distance = np.min([np.sum((points - centre) ** 2, axis=1) for centre in centres], axis=0)
        centres.append(points[rng.choice(len(points), p=distance / distance.sum())])
    centres = np.array(centres)
    for _ in range(iterations):
        labels = np.argmin(((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
        centres = np.array([points[labels == j].mean(axis=0) if np.any(labels == j) else centres[j] for j in range(k)])
    return centres


def build_teilgebiete(
    stadtteile_m: dict[str, shapely.Geometry], addresses_m: np.ndarray, rng: np.random.Generator
) -> dict[str, dict[str, shapely.Geometry]]:
    """Split each Stadtteil into its synthetic Teilgebiete (metres).

    The Teilgebiete are the Voronoi cells of k-means centres of the real addresses inside the
    Stadtteil, so that they follow where people live; they are numbered from north to south.
    """
    result = {}
    for stadtteil_id, _, count in STADTTEILE:
        polygon = stadtteile_m[stadtteil_id]
        inside = addresses_m[shapely.contains_xy(polygon, addresses_m[:, 0], addresses_m[:, 1])]
        centres = _kmeans(inside, count, rng)
        centres = centres[np.lexsort((centres[:, 0], -centres[:, 1]))]
        cells = shapely.voronoi_polygons(
            shapely.MultiPoint(centres), extend_to=polygon.envelope.buffer(5000), ordered=True
        ).geoms
        parts = {f"{stadtteil_id}.{index + 1}": cell.intersection(polygon) for index, cell in enumerate(cells)}
        result[stadtteil_id] = _merge_small_parts(parts, MIN_PART_KM2 / 4)
    return result


def snap(geometry: shapely.Geometry) -> shapely.Geometry:
    """WGS84 geometry on the coordinate grid, valid, as Polygon or MultiPolygon."""
    snapped = shapely.set_precision(geometry, WGS84_GRID)
    if not snapped.is_valid:
        snapped = shapely.make_valid(snapped)
    polygons = [part for part in getattr(snapped, "geoms", [snapped]) if part.geom_type == "Polygon" and not part.is_empty]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


@dataclass(frozen=True)
class Area:
    area_id: str
    name: str
    level: str
    parent_id: str | None
    geometry: shapely.Geometry  # WGS84

    @property
    def centroid_m(self) -> tuple[float, float]:
        point = to_metres(self.geometry).centroid
        return point.x, point.y


def build_areas(outline_wgs84: shapely.Geometry, addresses_m: np.ndarray, rng: np.random.Generator) -> list[Area]:
    """Stadtteile first (official numbers and names), then the Teilgebiete, each with WGS84 geometry."""
    stadtteile_m, _ = build_stadtteile(outline_wgs84)
    teilgebiete_m = build_teilgebiete(stadtteile_m, addresses_m, rng)
    coarse, fine = [], []
    for stadtteil_id, name, _ in STADTTEILE:
        parts = {area_id: snap(to_wgs84(geometry)) for area_id, geometry in teilgebiete_m[stadtteil_id].items()}
        # the Stadtteil is the union of its snapped Teilgebiete, so each lies exactly within it
        coarse.append(Area(stadtteil_id, name, "stadtteil", None, snap(shapely.union_all(list(parts.values()), grid_size=WGS84_GRID))))
        for area_id, geometry in parts.items():
            fine.append(Area(area_id, f"{name} – Teilgebiet {area_id.split('.')[1]}", "teilgebiet", stadtteil_id, geometry))
    return coarse + fine


# ---------------------------------------------------------------------------------------------
# Real facts: the Stadtteil population table, split into Teilgebiete.
# ---------------------------------------------------------------------------------------------
COUNT_COLUMNS = ("einwohner", "kinder", "erwachsene", "aeltere", "geburten", "sterbefaelle", "zuzuege", "wegzuege")
CITY_ROW = "00"


def read_population(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Stadtteil rows (indexed by year and Stadtteil id) and the city-total rows (by year).

    Fails if the Stadtteile in the CSV are not exactly the official ten of STADTTEILE, or a year
    of YEARS is missing.
    """
    frame = pd.read_csv(shared / POPULATION_CSV, dtype={"stadtteil": str})
    split = frame["stadtteil"].str.split(" - ", n=1, expand=True)
    frame["stadtteil_id"], frame["stadtteil_name"] = split[0], split[1]
    city = frame[frame["stadtteil_id"] == CITY_ROW].set_index("jahr").sort_index()
    rows = frame[frame["stadtteil_id"] != CITY_ROW]
    found = sorted(set(zip(rows["stadtteil_id"], rows["stadtteil_name"])))
    expected = [(stadtteil_id, name) for stadtteil_id, name, _ in STADTTEILE]
    if found != expected:
        raise ValueError(f"{POPULATION_CSV}: expected the Stadtteile {expected}, found {found}")
    rows = rows.set_index(["jahr", "stadtteil_id"]).sort_index()
    for year in YEARS:
        if len(rows.loc[year]) != len(STADTTEILE) or year not in city.index:
            raise ValueError(f"{POPULATION_CSV}: year {year} is incomplete")
    return rows, city


def city_differences(rows: pd.DataFrame, city: pd.DataFrame, column: str) -> dict[int, int]:
    """Years in which the Stadtteil sum of `column` differs from the published city total: {year: sum − total}."""
    sums = rows[column].groupby(level="jahr").sum()
    return {int(year): int(sums[year] - city.loc[year, column]) for year in YEARS if sums[year] != city.loc[year, column]}


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum exactly to `total` (largest-remainder rounding)."""
    weights = np.asarray(weights, dtype=float)
    quotas = total * weights / weights.sum()
    counts = np.floor(quotas).astype(np.int64)
    remainder = int(total - counts.sum())
    order = np.argsort(-(quotas - counts), kind="stable")
    counts[order[:remainder]] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# The catalog.
# ---------------------------------------------------------------------------------------------
REAL_SOURCE = "Hansestadt Lübeck, Kommunale Statistikstelle"
REAL_LICENCE = "CC BY 4.0"
SYNTHETIC_SOURCE = "Synthetische Demodaten (Sozialmonitor)"
SYNTHETIC_LICENCE = "CC0 1.0"
SPLIT_NOTE_DE = (
    " Echte Zahlen je Stadtteil (Kommunale Statistikstelle Lübeck); die Aufteilung auf die Teilgebiete ist synthetisch"
    " (feste Zufallsanteile, ganzzahlig so gerundet, dass die Teilgebiete genau die Stadtteilwerte ergeben)."
)
SPLIT_NOTE_EN = (
    " Real figures per Stadtteil (Lübeck municipal statistics office); the split into sub-areas is synthetic"
    " (fixed random proportions, rounded to integers so that the sub-areas sum exactly to the Stadtteil figures)."
)
POOLED_DE = " Wegen kleiner Fallzahlen zusammengefasst über drei Jahrgänge (Berichtsjahr und die zwei Jahre davor)."
POOLED_EN = " Pooled over three cohorts (the reporting year and the two before it) because the numbers are small."
POOLED = ("ohne_abschluss", "sprachfoerderbedarf", "uebergewicht_einschulung", "zahngesundheit", "vorsorge_u8")
SYNTHETIC_NOTE_DE = " Synthetische Demodaten: Niveau, räumliches Muster und Trend sind realitätsnah erfunden, keine amtliche Statistik."
SYNTHETIC_NOTE_EN = " Synthetic demo data: level, spatial pattern and trend are invented to resemble reality; not official statistics."

PER_1000_DE, PER_1000_EN = "je 1.000 EW", "per 1,000 residents"


@dataclass(frozen=True)
class Spec:
    """One catalog entry."""

    indicator_id: str
    domain: str
    kind: str
    scale: float
    decimals: int
    polarity: str
    label_de: str
    label_en: str
    unit_de: str
    unit_en: str
    description_de: str
    description_en: str
    sdg: str = ""
    vintage: str = "31.12. des Jahres"
    is_synthetic: bool = True

    @property
    def source(self) -> str:
        return SYNTHETIC_SOURCE if self.is_synthetic else REAL_SOURCE

    @property
    def licence(self) -> str:
        return SYNTHETIC_LICENCE if self.is_synthetic else REAL_LICENCE


def _pct(indicator_id, domain, polarity, label_de, label_en, description_de, description_en, sdg="", vintage="31.12. des Jahres"):
    return Spec(indicator_id, domain, "share", 100.0, 1, polarity, label_de, label_en, "%", "%", description_de, description_en, sdg, vintage)


def _real(spec: Spec) -> Spec:
    return Spec(**{**spec.__dict__, "is_synthetic": False})


def catalog(differences: dict[str, dict[int, int]]) -> list[Spec]:
    """All indicators. `differences` holds, per CSV column, the years whose Stadtteil sum differs from the city total."""

    def deviation(column: str, de: bool) -> str:
        found = differences.get(column, {})
        if not found:
            return ""
        listed = ", ".join(f"{year}: {diff:+d}" for year, diff in sorted(found.items()))
        if de:
            return f" Die Summe der Stadtteile weicht in der Quelle von der veröffentlichten Gesamtzahl ab ({listed}); die Stadtteilwerte sind unverändert übernommen."
        return f" In the source the sum of the Stadtteile differs from the published city total ({listed}); the Stadtteil figures are used unchanged."

    real = [
        Spec("einwohner", "demografie", "count", 1.0, 0, "neutral", "Einwohnerinnen und Einwohner", "Residents", "Personen", "persons",
             "Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12." + SPLIT_NOTE_DE + deviation("einwohner", True),
             "Residents with their main residence on 31 December." + SPLIT_NOTE_EN + deviation("einwohner", False)),
        _pct("anteil_unter_18", "demografie", "neutral", "Anteil unter 18 Jahren", "Share under 18",
             "Einwohner unter 18 Jahren je 100 Einwohner." + SPLIT_NOTE_DE + deviation("kinder", True),
             "Residents under 18 per 100 residents." + SPLIT_NOTE_EN + deviation("kinder", False)),
        _pct("anteil_65_plus", "demografie", "neutral", "Anteil ab 65 Jahren", "Share aged 65 and over",
             "Einwohner ab 65 Jahren je 100 Einwohner." + SPLIT_NOTE_DE + deviation("aeltere", True),
             "Residents aged 65 and over per 100 residents." + SPLIT_NOTE_EN + deviation("aeltere", False)),
        Spec("altenquotient", "demografie", "rate", 100.0, 1, "neutral", "Altenquotient", "Old-age dependency ratio",
             "ab 65 je 100 von 18–64", "65+ per 100 aged 18–64",
             "Einwohner ab 65 Jahren je 100 Einwohner von 18 bis 64 Jahren." + SPLIT_NOTE_DE + deviation("erwachsene", True),
             "Residents aged 65 and over per 100 residents aged 18 to 64." + SPLIT_NOTE_EN + deviation("erwachsene", False)),
        Spec("durchschnittsalter", "demografie", "mean", 1.0, 1, "neutral", "Durchschnittsalter", "Average age", "Jahre", "years",
             "Durchschnittliches Alter der Einwohner (Zähler: Summe der Lebensjahre, Nenner: Einwohner)." + SPLIT_NOTE_DE,
             "Average age of the residents (numerator: sum of years of age, denominator: residents)." + SPLIT_NOTE_EN),
        Spec("geburtenrate", "demografie", "rate", 1000.0, 1, "neutral", "Geburten je 1.000 Einwohner", "Births per 1,000 residents",
             PER_1000_DE, PER_1000_EN,
             "Lebendgeborene im Kalenderjahr je 1.000 Einwohner am 31.12." + SPLIT_NOTE_DE + deviation("geburten", True),
             "Live births in the calendar year per 1,000 residents on 31 December." + SPLIT_NOTE_EN + deviation("geburten", False),
             "", "Kalenderjahr"),
        Spec("sterberate", "demografie", "rate", 1000.0, 1, "neutral", "Sterbefälle je 1.000 Einwohner", "Deaths per 1,000 residents",
             PER_1000_DE, PER_1000_EN,
             "Gestorbene im Kalenderjahr je 1.000 Einwohner am 31.12." + SPLIT_NOTE_DE + deviation("sterbefaelle", True),
             "Deaths in the calendar year per 1,000 residents on 31 December." + SPLIT_NOTE_EN + deviation("sterbefaelle", False),
             "", "Kalenderjahr"),
        Spec("wanderungssaldo", "demografie", "balance", 1000.0, 1, "neutral", "Wanderungssaldo je 1.000 Einwohner", "Net migration per 1,000 residents",
             PER_1000_DE, PER_1000_EN,
             "Zuzüge minus Wegzüge im Kalenderjahr je 1.000 Einwohner (kann negativ sein). Auf Stadtteilebene zählen Umzüge"
             " zwischen Stadtteilen mit; die Summe über die Stadtteile ist daher nicht der gesamtstädtische Wanderungssaldo." + SPLIT_NOTE_DE,
             "Moves in minus moves out in the calendar year per 1,000 residents (may be negative). At Stadtteil level moves between"
             " Stadtteile count as well, so the sum over the Stadtteile is not the city's net migration." + SPLIT_NOTE_EN,
             "", "Kalenderjahr"),
    ]
    synthetic = [
        # demografie
        _pct("auslaenderanteil", "demografie", "neutral", "Ausländeranteil", "Share of foreign nationals",
             "Einwohner ohne deutsche Staatsangehörigkeit je 100 Einwohner.", "Residents without German citizenship per 100 residents.", "10"),
        _pct("alleinerziehende", "demografie", "neutral", "Alleinerziehende", "Single parents",
             "Haushalte von Alleinerziehenden je 100 Haushalte mit Kindern unter 18 Jahren.",
             "Single-parent households per 100 households with children under 18.", "1,5"),
        # bildung
        _pct("ohne_abschluss", "bildung", "higher_worse", "Schulabgänge ohne Abschluss", "School leavers without qualification",
             "Abgängerinnen und Abgänger allgemeinbildender Schulen ohne Ersten allgemeinbildenden Schulabschluss je 100 Abgänge (nach Wohnort).",
             "Leavers of general schools without the first school-leaving certificate per 100 leavers (by place of residence).", "4", "Schuljahre, die in den drei Jahren bis zum Berichtsjahr enden"),
        _pct("uebergang_gymnasium", "bildung", "higher_better", "Übergang aufs Gymnasium", "Transition to Gymnasium",
             "Kinder, die nach der 4. Klasse auf ein Gymnasium wechseln, je 100 Viertklässler (nach Wohnort).",
             "Children moving on to a Gymnasium after year 4 per 100 pupils in year 4 (by place of residence).", "4,10", "Schuljahr, beginnend im Jahr"),
        _pct("sprachfoerderbedarf", "bildung", "higher_worse", "Sprachförderbedarf bei der Einschulung", "Language support need at school entry",
             "Kinder mit Sprachförderbedarf je 100 untersuchte Kinder der Schuleingangsuntersuchung.",
             "Children needing language support per 100 children examined at the school entry health check.", "4", "Einschulungsjahrgänge der drei Jahre bis zum Berichtsjahr"),
        _pct("kita_quote_u3", "bildung", "higher_better", "Betreuungsquote unter 3 Jahren", "Childcare rate under 3",
             "Kinder unter 3 Jahren in Kindertagesbetreuung (Kita und Tagespflege) je 100 Kinder unter 3 Jahren.",
             "Children under 3 in day care (centres and childminders) per 100 children under 3.", "4", "1.3. des Folgejahres"),
        # einkommen_armut
        _pct("sgb2_quote", "einkommen_armut", "higher_worse", "SGB-II-Quote", "Basic income support rate (SGB II)",
             "Personen in Bedarfsgemeinschaften nach SGB II (Bürgergeld, bis 2022 Arbeitslosengeld II) je 100 Einwohner unter 65 Jahren.",
             "Persons in benefit units under SGB II (basic income support for jobseekers) per 100 residents under 65.", "1,10", "31.12. des Jahres"),
        _pct("kinderarmut", "einkommen_armut", "higher_worse", "Kinderarmut (SGB II)", "Child poverty (SGB II)",
             "Kinder und Jugendliche unter 18 Jahren in SGB-II-Bedarfsgemeinschaften je 100 Einwohner unter 18 Jahren.",
             "Children and young people under 18 in SGB II benefit units per 100 residents under 18.", "1,10"),
        _pct("altersarmut", "einkommen_armut", "higher_worse", "Grundsicherung im Alter", "Old-age basic income support",
             "Empfängerinnen und Empfänger von Grundsicherung im Alter (SGB XII, 4. Kapitel) ab 65 Jahren je 100 Einwohner ab 65 Jahren.",
             "Recipients of old-age basic income support (SGB XII, chapter 4) aged 65 and over per 100 residents aged 65 and over.", "1,10"),
        # arbeit
        _pct("arbeitslosenanteil", "arbeit", "higher_worse", "Arbeitslosenanteil", "Unemployment share",
             "Arbeitslose (SGB II und SGB III) je 100 Einwohner von 18 bis 64 Jahren (Arbeitslosendichte, keine amtliche Arbeitslosenquote).",
             "Unemployed persons (SGB II and SGB III) per 100 residents aged 18 to 64 (not the official unemployment rate).", "8", "Jahresdurchschnitt"),
        _pct("langzeitarbeitslose", "arbeit", "higher_worse", "Anteil Langzeitarbeitsloser", "Long-term unemployed share",
             "Arbeitslose, die ein Jahr oder länger arbeitslos sind, je 100 Arbeitslose.",
             "Persons unemployed for a year or longer per 100 unemployed.", "8", "Jahresdurchschnitt"),
        _pct("jugendarbeitslosigkeit", "arbeit", "higher_worse", "Jugendarbeitslosigkeit", "Youth unemployment",
             "Arbeitslose von 18 bis 24 Jahren je 100 Einwohner dieses Alters (Einwohnerzahl 18–24 ebenfalls synthetisch).",
             "Unemployed aged 18 to 24 per 100 residents of that age (residents 18–24 are synthetic too).", "8", "Jahresdurchschnitt"),
        _pct("beschaeftigungsquote", "arbeit", "higher_better", "Beschäftigungsquote", "Employment rate",
             "Sozialversicherungspflichtig Beschäftigte am Wohnort je 100 Einwohner von 18 bis 64 Jahren.",
             "Employees subject to social insurance, by place of residence, per 100 residents aged 18 to 64.", "8", "30.6. des Jahres"),
        # gesundheit
        _pct("uebergewicht_einschulung", "gesundheit", "higher_worse", "Übergewicht bei der Einschulung", "Overweight at school entry",
             "Übergewichtige und adipöse Kinder je 100 untersuchte Kinder der Schuleingangsuntersuchung.",
             "Overweight and obese children per 100 children examined at the school entry health check.", "3", "Einschulungsjahrgänge der drei Jahre bis zum Berichtsjahr"),
        _pct("zahngesundheit", "gesundheit", "higher_better", "Naturgesunde Gebisse bei der Einschulung", "Healthy teeth at school entry",
             "Kinder mit naturgesundem Gebiss (ohne Karieserfahrung) je 100 untersuchte Kinder der Schuleingangsuntersuchung.",
             "Children with caries-free teeth per 100 children examined at the school entry health check.", "3", "Einschulungsjahrgänge der drei Jahre bis zum Berichtsjahr"),
        _pct("vorsorge_u8", "gesundheit", "higher_better", "Vollständige Früherkennung (U1–U8)", "Complete early check-ups (U1–U8)",
             "Kinder mit vollständig wahrgenommenen Früherkennungsuntersuchungen U1 bis U8 je 100 Kinder mit vorgelegtem Vorsorgeheft.",
             "Children who attended all early check-ups U1 to U8 per 100 children presenting their check-up booklet.", "3", "Einschulungsjahrgänge der drei Jahre bis zum Berichtsjahr"),
        Spec("pflegebeduerftige", "gesundheit", "rate", 1000.0, 1, "neutral", "Pflegebedürftige je 1.000 Einwohner", "Persons in need of care per 1,000 residents",
             PER_1000_DE, PER_1000_EN,
             "Leistungsempfänger der Pflegeversicherung (SGB XI) je 1.000 Einwohner; ein Bedarfsindikator, der vor allem der Altersstruktur folgt."
             " Der Sprung 2017 bildet die Einführung der Pflegegrade nach.",
             "Recipients of long-term care insurance benefits (SGB XI) per 1,000 residents; a needs indicator that mostly follows the age structure."
             " The 2017 jump mirrors the introduction of the new care grades.", "3", "15.12. des Jahres"),
        # digitale_teilhabe
        _pct("gigabit_haushalte", "digitale_teilhabe", "higher_better", "Gigabitfähige Anschlüsse", "Gigabit-capable connections",
             "Haushalte, an deren Adresse ein gigabitfähiger Anschluss (Glasfaser oder Kabel mit DOCSIS 3.1) verfügbar ist, je 100 Haushalte.",
             "Households whose address can get a gigabit connection (fibre or cable with DOCSIS 3.1) per 100 households.", "9", "Jahresende"),
        _pct("glasfaser_haushalte", "digitale_teilhabe", "higher_better", "Glasfaserversorgung", "Fibre coverage",
             "Haushalte mit verfügbarem Glasfaseranschluss bis ins Gebäude oder die Wohnung (FTTB/FTTH) je 100 Haushalte.",
             "Households with fibre to the building or home (FTTB/FTTH) available per 100 households.", "9", "Jahresende"),
        _pct("online_antraege", "digitale_teilhabe", "higher_better", "Online gestellte Anträge", "Applications filed online",
             "Online gestellte Anträge bei Bürgerservice und Ämtern je 100 Anträge von Einwohnern des Gebiets.",
             "Applications to citizen services filed online per 100 applications by residents of the area.", "9,16", "Kalenderjahr"),
        Spec("digitalkurse_senioren", "digitale_teilhabe", "rate", 1000.0, 1, "higher_better", "Teilnahmen an Digitalkursen ab 65",
             "Digital course participation 65+", "je 1.000 EW ab 65", "per 1,000 residents 65+",
             "Teilnahmen an Kursen und Sprechstunden zur Nutzung digitaler Geräte (Volkshochschule, Bibliotheken, Digitallotsen) je 1.000 Einwohner ab 65 Jahren.",
             "Participations in courses and help desks on using digital devices (adult education, libraries, digital guides) per 1,000 residents aged 65 and over.",
             "4,9", "Kalenderjahr"),
        # soziale_dienste
        Spec("hilfen_zur_erziehung", "soziale_dienste", "rate", 1000.0, 1, "higher_worse", "Hilfen zur Erziehung", "Child and youth welfare support",
             "je 1.000 unter 18", "per 1,000 under 18",
             "Laufende Hilfen zur Erziehung (SGB VIII, §§ 27–35) je 1.000 Einwohner unter 18 Jahren.",
             "Ongoing educational support cases (SGB VIII, sections 27–35) per 1,000 residents under 18.", "1,10"),
        Spec("schuldnerberatung", "soziale_dienste", "rate", 1000.0, 1, "higher_worse", "Ratsuchende der Schuldnerberatung", "Debt counselling clients",
             "je 1.000 EW ab 18", "per 1,000 residents 18+",
             "Ratsuchende der Schuldner- und Insolvenzberatung je 1.000 Einwohner ab 18 Jahren (nach Wohnort).",
             "Clients of debt and insolvency counselling per 1,000 residents aged 18 and over (by place of residence).", "1", "Kalenderjahr"),
        Spec("kitaplaetze_3_6", "soziale_dienste", "rate", 100.0, 1, "higher_better", "Kitaplätze je 100 Kinder (3–6)", "Nursery places per 100 children (3–6)",
             "je 100 Kinder", "per 100 children",
             "Genehmigte Plätze in Kindertageseinrichtungen für Kinder ab 3 Jahren bis zum Schuleintritt je 100 Kinder von 3 bis unter 6 Jahren (kann über 100 liegen).",
             "Licensed day-care places for children from 3 until school entry per 100 children aged 3 to under 6 (may exceed 100).", "4", "1.3. des Folgejahres"),
        # wohnen
        Spec("wohnflaeche", "wohnen", "mean", 1.0, 1, "higher_better", "Wohnfläche je Einwohner", "Living space per resident",
             "m² je EW", "m² per resident",
             "Wohnfläche in Wohngebäuden je Einwohner (Zähler: Wohnfläche in m², Nenner: Einwohner).",
             "Living space in residential buildings per resident (numerator: living space in m², denominator: residents).", "11"),
        _pct("sozialwohnungen", "wohnen", "neutral", "Anteil geförderter Wohnungen", "Share of social housing",
             "Mietpreis- und belegungsgebundene (geförderte) Wohnungen je 100 Wohnungen.",
             "Rent-controlled social housing dwellings per 100 dwellings.", "11"),
        _pct("einpersonenhaushalte", "wohnen", "neutral", "Einpersonenhaushalte", "One-person households",
             "Einpersonenhaushalte je 100 Haushalte (Haushaltegenerierung aus dem Melderegister).",
             "One-person households per 100 households (households derived from the population register).", "11"),
        _pct("wohndauer_5_jahre", "wohnen", "higher_better", "Wohndauer 5 Jahre und länger", "Residence of 5 years or longer",
             "Einwohner, die seit mindestens 5 Jahren an derselben Adresse wohnen, je 100 Einwohner.",
             "Residents living at the same address for at least 5 years per 100 residents.", "11"),
    ]
    synthetic = [
        Spec(
            **{
                **spec.__dict__,
                "description_de": spec.description_de + (POOLED_DE if spec.indicator_id in POOLED else "") + SYNTHETIC_NOTE_DE,
                "description_en": spec.description_en + (POOLED_EN if spec.indicator_id in POOLED else "") + SYNTHETIC_NOTE_EN,
            }
        )
        for spec in synthetic
    ]
    return [_real(spec) for spec in real] + synthetic


# ---------------------------------------------------------------------------------------------
# Values.
# ---------------------------------------------------------------------------------------------
# Latent deprivation per Stadtteil (higher = more deprived): in Lübeck Moisling, Buntekuh,
# St. Lorenz Nord and parts of Kücknitz and Schlutup are the more deprived, St. Jürgen,
# St. Gertrud and Travemünde the less.
DEPRIVATION = {"01": 0.3, "02": -0.9, "03": 1.45, "04": 1.4, "05": 0.4, "06": 0.8, "07": -0.6, "08": 0.6, "09": 0.7, "10": -0.6}
NEIGHBOUR_KERNEL_M = 2500.0  # spatial smoothing of deprivation across Stadtteil borders
FIELD_BUMPS, FIELD_RADIUS_M, FIELD_AMPLITUDE = 10, 1800.0, 0.45  # smooth variation within Stadtteile

# City-level targets per year 2010…2022 (percent, or per 1,000, or m²): the trends of the synthetic figures.
TARGETS = {
    "auslaenderanteil": [7.6, 7.8, 8.1, 8.5, 9.0, 10.0, 11.3, 11.8, 12.1, 12.4, 12.6, 12.9, 14.2],
    "alleinerziehende": [24.0, 24.0, 24.2, 24.3, 24.5, 24.6, 24.7, 24.8, 25.0, 25.0, 25.2, 25.3, 25.5],
    "ohne_abschluss": [8.5, 8.2, 7.9, 7.6, 7.5, 7.7, 8.0, 8.3, 8.4, 8.6, 8.2, 8.8, 9.1],
    "uebergang_gymnasium": [44, 45, 45, 46, 46, 47, 47, 48, 48, 48, 49, 49, 50],
    "sprachfoerderbedarf": [21, 22, 22, 23, 24, 25, 27, 28, 28, 29, 31, 32, 33],
    "kita_quote_u3": [23, 26, 29, 31, 33, 34, 34, 35, 35, 36, 36, 37, 38],
    "sgb2_quote": [15.8, 15.5, 15.3, 15.4, 15.5, 15.6, 15.9, 16.0, 15.6, 14.9, 15.2, 14.8, 15.4],
    "kinderarmut": [27.0, 27.0, 26.5, 26.8, 27.0, 27.5, 28.5, 29.0, 28.3, 27.0, 27.4, 26.8, 28.0],
    "altersarmut": [4.2, 4.4, 4.6, 4.8, 5.0, 5.1, 5.3, 5.5, 5.7, 5.9, 6.1, 6.3, 6.8],
    "arbeitslosenanteil": [8.6, 8.2, 8.0, 8.0, 7.8, 7.5, 7.2, 6.9, 6.5, 6.2, 7.1, 6.8, 6.4],
    "langzeitarbeitslose": [38, 37, 37, 38, 39, 38, 37, 36, 35, 34, 36, 42, 40],
    "jugendarbeitslosigkeit": [7.0, 6.5, 6.2, 6.3, 6.0, 5.8, 5.9, 5.6, 5.2, 5.0, 6.0, 5.4, 5.1],
    "beschaeftigungsquote": [51.0, 52.0, 52.8, 53.5, 54.2, 55.0, 55.9, 56.8, 57.7, 58.5, 58.2, 58.9, 59.6],
    "uebergewicht_einschulung": [11.5, 11.4, 11.2, 11.0, 11.0, 10.9, 10.8, 10.8, 10.7, 10.9, 12.0, 12.3, 12.0],
    "zahngesundheit": [52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 60, 59, 60],
    "vorsorge_u8": [82, 83, 84, 85, 86, 86, 87, 87, 88, 88, 86, 87, 88],
    "online_antraege": [2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 24.0, 30.0, 35.0],
    "digitalkurse_senioren": [4.0, 4.5, 5.0, 5.5, 6.5, 7.5, 8.5, 9.5, 11.0, 13.0, 6.0, 9.0, 15.0],
    "hilfen_zur_erziehung": [38, 39, 40, 41, 42, 43, 44, 44, 45, 45, 44, 45, 46],
    "schuldnerberatung": [6.5, 6.6, 6.4, 6.3, 6.2, 6.0, 5.9, 5.8, 5.6, 5.4, 5.0, 5.3, 5.8],
    "kitaplaetze_3_6": [92, 93, 93, 94, 94, 95, 95, 95, 96, 96, 97, 97, 97],
    "wohnflaeche": [40.5, 40.7, 40.9, 41.0, 41.2, 41.3, 41.3, 41.4, 41.5, 41.6, 41.7, 41.8, 41.8],
    "sozialwohnungen": [10.5, 10.1, 9.7, 9.3, 8.9, 8.5, 8.2, 7.9, 7.6, 7.4, 7.2, 7.0, 6.9],
    "einpersonenhaushalte": [49.0, 49.3, 49.6, 50.0, 50.3, 50.6, 51.0, 51.3, 51.6, 52.0, 52.2, 52.5, 52.8],
    "wohndauer_5_jahre": [61.0, 61.0, 60.5, 60.5, 60.0, 59.5, 59.0, 59.0, 59.0, 59.5, 60.0, 60.0, 59.5],
}
# Care: probability of receiving long-term care benefits, 65+ and under 65 (jump in 2017: new care grades).
CARE_OLD = [0.140, 0.142, 0.145, 0.148, 0.150, 0.153, 0.157, 0.180, 0.190, 0.200, 0.210, 0.215, 0.220]
CARE_YOUNG = [0.0090, 0.0092, 0.0094, 0.0096, 0.0098, 0.0100, 0.0103, 0.0115, 0.0120, 0.0126, 0.0131, 0.0136, 0.0140]
# Share of cable-served households whose cable network offers gigabit (DOCSIS 3.1 from 2017 on).
CABLE_GIGABIT = [0, 0, 0, 0, 0, 0, 0, 0.02, 0.25, 0.55, 0.80, 0.90, 0.95]


def expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class Population:
    """Real Stadtteil figures split into Teilgebiete: arrays of shape (Teilgebiete, years)."""

    einwohner: np.ndarray
    kinder: np.ndarray
    erwachsene: np.ndarray
    aeltere: np.ndarray
    age_sum: np.ndarray
    geburten: np.ndarray
    sterbefaelle: np.ndarray
    zuzuege: np.ndarray
    wegzuege: np.ndarray


def split_population(
    rows: pd.DataFrame, teilgebiete: list[Area], address_share: np.ndarray, deprivation: np.ndarray, rng: np.random.Generator
) -> Population:
    """Split each Stadtteil's real counts into its Teilgebiete so that they sum exactly to the Stadtteil.

    Each Teilgebiet gets fixed random proportions per age group (around its share of the real
    addresses; more children where deprivation is higher) and per flow (births follow the
    18–64-year-olds, deaths the 65+, moves the residents); each year's counts are rounded by
    largest remainder. The sum of years of age is split by a typical age per group and scaled
    to the real Stadtteil total, so the average age aggregates back exactly.
    """
    n, t = len(teilgebiete), len(YEARS)
    out = {name: np.zeros((n, t), dtype=np.int64) for name in COUNT_COLUMNS}
    unknown = np.zeros((n, t), dtype=np.int64)
    age_sum = np.zeros((n, t))
    parents = np.array([area.parent_id for area in teilgebiete])
    for stadtteil_id, _, _ in STADTTEILE:
        index = np.flatnonzero(parents == stadtteil_id)
        base = address_share[index]
        weights = {
            "kinder": base * np.exp(rng.normal(0, 0.2, len(index)) + 0.2 * deprivation[index]),
            "erwachsene": base * np.exp(rng.normal(0, 0.15, len(index))),
            "aeltere": base * np.exp(rng.normal(0, 0.25, len(index))),
        }
        flow = {name: np.exp(rng.normal(0, 0.15, len(index))) for name in ("geburten", "sterbefaelle", "zuzuege", "wegzuege")}
        for j, year in enumerate(YEARS):
            real = rows.loc[(year, stadtteil_id)]
            for group, weight in weights.items():
                out[group][index, j] = largest_remainder(int(real[group]), weight)
            missing_age = int(real["einwohner"] - real["kinder"] - real["erwachsene"] - real["aeltere"])
            unknown[index, j] = largest_remainder(missing_age, base)
            residents = out["kinder"][index, j] + out["erwachsene"][index, j] + out["aeltere"][index, j] + unknown[index, j]
            out["einwohner"][index, j] = residents
            out["geburten"][index, j] = largest_remainder(int(real["geburten"]), out["erwachsene"][index, j] * flow["geburten"])
            out["sterbefaelle"][index, j] = largest_remainder(
                int(real["sterbefaelle"]), (out["aeltere"][index, j] + 0.05 * residents) * flow["sterbefaelle"]
            )
            out["zuzuege"][index, j] = largest_remainder(int(real["zuzuege"]), residents * flow["zuzuege"])
            out["wegzuege"][index, j] = largest_remainder(int(real["wegzuege"]), residents * flow["wegzuege"])
            typical = (
                9.0 * out["kinder"][index, j] + 41.0 * out["erwachsene"][index, j] + 76.0 * out["aeltere"][index, j]
                + float(real["durchschnittsalter"]) * unknown[index, j]
            )
            age_sum[index, j] = float(real["durchschnittsalter"]) * float(real["einwohner"]) * typical / typical.sum()
    return Population(age_sum=age_sum, **out)


def deprivation_field(teilgebiete: list[Area], weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Latent deprivation per Teilgebiet: spatially clustered, standardised (resident-weighted mean 0, sd 1).

    The Stadtteil level (DEPRIVATION), smoothed a little across Stadtteil borders, plus a smooth
    random field (a few Gaussian bumps) that varies within Stadtteile, plus a little noise.
    """
    centres = np.array([area.centroid_m for area in teilgebiete])
    own = np.array([DEPRIVATION[area.parent_id] for area in teilgebiete])
    distance = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    kernel = np.exp(-0.5 * (distance / NEIGHBOUR_KERNEL_M) ** 2)
    smoothed = kernel @ own / kernel.sum(axis=1)
    low, high = centres.min(axis=0), centres.max(axis=0)
    bumps = rng.uniform(low, high, size=(FIELD_BUMPS, 2))
    amplitudes = rng.normal(0, FIELD_AMPLITUDE, FIELD_BUMPS)
    to_bumps = np.sqrt(((centres[:, None, :] - bumps[None, :, :]) ** 2).sum(axis=2))
    field = (amplitudes[None, :] * np.exp(-0.5 * (to_bumps / FIELD_RADIUS_M) ** 2)).sum(axis=1)
    raw = 0.7 * own + 0.3 * smoothed + field + rng.normal(0, 0.12, len(teilgebiete))
    mean = np.average(raw, weights=weights)
    return (raw - mean) / np.sqrt(np.average((raw - mean) ** 2, weights=weights))


def calibrate_logit(denominator: np.ndarray, structure: np.ndarray, target_percent: list[float]) -> np.ndarray:
    """Probabilities expit(c_t + structure) whose denominator-weighted city mean is the target in each year."""
    probability = np.zeros_like(structure)
    for j, target in enumerate(target_percent):
        low, high = -15.0, 15.0
        for _ in range(80):
            middle = (low + high) / 2
            mean = np.average(expit(middle + structure[:, j]), weights=denominator[:, j])
            low, high = (middle, high) if mean < target / 100 else (low, middle)
        probability[:, j] = expit((low + high) / 2 + structure[:, j])
    return probability


def calibrate_rate(denominator: np.ndarray, structure: np.ndarray, target: list[float], scale: float) -> np.ndarray:
    """Rates (per unit) exp(structure) scaled so that their denominator-weighted city mean is target / scale."""
    relative = np.exp(structure)
    mean = (relative * denominator).sum(axis=0) / denominator.sum(axis=0)
    return relative / mean * (np.asarray(target) / scale)


class Synthesiser:
    """Draws the synthetic indicators from the split population and the latent structure."""

    def __init__(self, population: Population, teilgebiete: list[Area], deprivation: np.ndarray, rng: np.random.Generator):
        self.pop = population
        self.rng = rng
        self.z = deprivation[:, None]
        self.n = len(teilgebiete)
        self.t = len(YEARS)
        self.tau = (np.array(YEARS) - YEARS[0])[None, :] / (YEARS[-1] - YEARS[0])
        island_x, island_y = metres_point(*ISLAND_CENTRE)
        centres = np.array([area.centroid_m for area in teilgebiete])
        distance_km = np.hypot(centres[:, 0] - island_x, centres[:, 1] - island_y) / 1000
        self.central = np.exp(-distance_km / 2.5)[:, None]  # 1 in the old town, ~0 at the edge
        old = population.aeltere[:, -1] / population.einwohner[:, -1]
        self.old = ((old - old.mean()) / old.std())[:, None]
        self.poverty = rng.normal(0, 0.25, self.n)[:, None]  # shared by the poverty indicators
        self.results: dict[str, tuple[np.ndarray, np.ndarray | None, np.ndarray | None]] = {}

    # building blocks
    def persistent(self, sd: float) -> np.ndarray:
        return self.rng.normal(0, sd, (self.n, 1))

    def yearly(self, sd: float) -> np.ndarray:
        return self.rng.normal(0, sd, (self.n, self.t))

    def cohort(self, base: np.ndarray, fraction: float, sd: float = 0.04) -> np.ndarray:
        """A synthetic sub-population: round(base × fraction), with a fixed and a yearly wobble."""
        factor = fraction * np.exp(self.persistent(sd) + self.yearly(sd / 2))
        return np.rint(base * factor).astype(np.int64)

    def share(self, indicator_id: str, denominator: np.ndarray, structure: np.ndarray) -> np.ndarray:
        probability = calibrate_logit(denominator, structure, TARGETS[indicator_id])
        numerator = self.rng.binomial(denominator, probability)
        self.results[indicator_id] = (numerator, denominator, 100.0)
        return numerator

    def rate(self, indicator_id: str, denominator: np.ndarray, structure: np.ndarray, scale: float) -> np.ndarray:
        numerator = self.rng.poisson(denominator * calibrate_rate(denominator, structure, TARGETS[indicator_id], scale))
        self.results[indicator_id] = (numerator, denominator, scale)
        return numerator

    def run(self) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
        pop, z, tau, central, old = self.pop, self.z, self.tau, self.central, self.old
        poverty = z + self.poverty
        under_65 = pop.einwohner - pop.aeltere
        adults = pop.erwachsene + pop.aeltere
        share_children = pop.kinder / pop.einwohner
        size = np.clip(1.55 + 2.2 * share_children - 0.25 * central + self.persistent(0.05) - 0.004 * (tau * 12), 1.45, 2.4)
        households = np.rint(pop.einwohner / size).astype(np.int64)
        with_children = np.minimum(np.rint(pop.kinder / (1.55 * np.exp(self.persistent(0.05)))).astype(np.int64), households)
        dwellings = np.rint(households * (1.03 + np.abs(self.persistent(0.02)))).astype(np.int64)
        # school-entry checks and school leavers are pooled over three years (small numbers)
        entrants = self.cohort(pop.kinder, 3 * 0.056)
        leavers = self.cohort(pop.kinder, 3 * 0.054)
        fourth_graders = self.cohort(pop.kinder, 0.055)
        under_3 = self.cohort(pop.kinder, 0.165)
        aged_3_6 = self.cohort(pop.kinder, 0.165)
        aged_18_24 = self.cohort(pop.erwachsene, 0.115 * np.exp(0.35 * central), sd=0.08)
        applications = self.cohort(pop.einwohner, 0.22, sd=0.05)

        # demografie
        self.share("auslaenderanteil", pop.einwohner, 0.45 * z + 0.8 * central + self.persistent(0.2) + 0.15 * z * tau)
        self.share("alleinerziehende", with_children, 0.35 * poverty + 0.3 * central + self.persistent(0.12) + self.yearly(0.04))
        # bildung
        self.share("ohne_abschluss", leavers, 0.45 * poverty + self.persistent(0.15) + self.yearly(0.1))
        self.share("uebergang_gymnasium", fourth_graders, -0.45 * poverty + 0.2 * central + self.persistent(0.15) + self.yearly(0.08))
        self.share("sprachfoerderbedarf", entrants, 0.45 * poverty + 0.3 * central + self.persistent(0.15) + self.yearly(0.08))
        self.share("kita_quote_u3", under_3, -0.3 * z + 0.2 * central + self.persistent(0.15) + self.yearly(0.05))
        # einkommen_armut
        self.share("sgb2_quote", under_65, 0.45 * poverty + 0.1 * z * tau + self.persistent(0.08) + self.yearly(0.03))
        self.share("kinderarmut", pop.kinder, 0.48 * poverty + 0.12 * z * tau + self.persistent(0.1) + self.yearly(0.04))
        self.share("altersarmut", pop.aeltere, 0.45 * poverty + 0.2 * central + self.persistent(0.15) + self.yearly(0.05))
        # arbeit
        unemployed = self.share("arbeitslosenanteil", pop.erwachsene, 0.42 * poverty + self.persistent(0.08) + self.yearly(0.04))
        self.share("langzeitarbeitslose", unemployed, 0.25 * poverty + self.persistent(0.1) + self.yearly(0.06))
        self.share("jugendarbeitslosigkeit", aged_18_24, 0.45 * poverty + self.persistent(0.15) + self.yearly(0.1))
        self.share("beschaeftigungsquote", pop.erwachsene, -0.28 * poverty - 0.1 * central + self.persistent(0.06) + self.yearly(0.02))
        # gesundheit
        self.share("uebergewicht_einschulung", entrants, 0.35 * poverty + self.persistent(0.12) + self.yearly(0.1))
        self.share("zahngesundheit", entrants, -0.4 * poverty + self.persistent(0.12) + self.yearly(0.08))
        self.share("vorsorge_u8", entrants, -0.4 * poverty + self.persistent(0.12) + self.yearly(0.08))
        care_effect = np.exp(0.12 * z + self.persistent(0.06))
        care = self.rng.binomial(pop.aeltere, np.clip(np.array(CARE_OLD)[None, :] * care_effect, 0, 1)) + self.rng.binomial(
            under_65, np.clip(np.array(CARE_YOUNG)[None, :] * care_effect, 0, 1)
        )
        self.results["pflegebeduerftige"] = (care, pop.einwohner.copy(), 1000.0)
        # digitale_teilhabe
        saturation = np.clip(0.75 + self.persistent(0.08) + 0.1 * central, 0.5, 0.95)
        start = 2022.0 + 1.5 * self.persistent(1.0) + 0.5 * z - 2.0 * central
        fibre_share = 0.02 + (saturation - 0.02) * expit((np.array(YEARS)[None, :] - start) / 1.4)
        fibre = np.rint(households * fibre_share).astype(np.int64)
        self.results["glasfaser_haushalte"] = (fibre, households, 100.0)
        cable = np.clip(0.8 + self.persistent(0.1) + 0.15 * central, 0.4, 0.98)
        gigabit = fibre + np.rint((households - fibre) * cable * np.array(CABLE_GIGABIT)[None, :]).astype(np.int64)
        self.results["gigabit_haushalte"] = (gigabit, households, 100.0)
        self.share("online_antraege", applications, -0.35 * z - 0.25 * old + self.persistent(0.12) + self.yearly(0.05))
        self.rate("digitalkurse_senioren", pop.aeltere, -0.25 * z + self.persistent(0.3) + self.yearly(0.1), 1000.0)
        # soziale_dienste
        self.rate("hilfen_zur_erziehung", pop.kinder, 0.45 * poverty + self.persistent(0.15) + self.yearly(0.05), 1000.0)
        self.rate("schuldnerberatung", adults, 0.4 * poverty + self.persistent(0.15) + self.yearly(0.06), 1000.0)
        self.rate("kitaplaetze_3_6", aged_3_6, -0.06 * z + self.persistent(0.05) + self.yearly(0.02), 100.0)
        # wohnen
        offset = -3.0 * z + 3.5 * old - 2.0 * central + self.persistent(1.0) + self.yearly(0.15)
        offset = offset - np.average(offset, axis=0, weights=pop.einwohner)
        space = np.rint((np.array(TARGETS["wohnflaeche"])[None, :] + offset) * pop.einwohner).astype(np.int64)
        self.results["wohnflaeche"] = (space, pop.einwohner.copy(), 1.0)
        self.share("sozialwohnungen", dwellings, 0.75 * z + self.persistent(0.3) + self.yearly(0.03))
        self.share("einpersonenhaushalte", households, 0.9 * central + 0.2 * old - 2.0 * (share_children - 0.15) + self.persistent(0.1) + self.yearly(0.02))
        self.share("wohndauer_5_jahre", pop.einwohner, -0.15 * z - 0.5 * central + 0.25 * old + self.persistent(0.08) + self.yearly(0.02))
        return self.results


def real_results(pop: Population) -> dict[str, tuple[np.ndarray, np.ndarray | None, float]]:
    """The real indicators from the split population; counts have no denominator."""
    return {
        "einwohner": (pop.einwohner, None, 1.0),
        "anteil_unter_18": (pop.kinder, pop.einwohner, 100.0),
        "anteil_65_plus": (pop.aeltere, pop.einwohner, 100.0),
        "altenquotient": (pop.aeltere, pop.erwachsene, 100.0),
        "durchschnittsalter": (pop.age_sum, pop.einwohner, 1.0),
        "geburtenrate": (pop.geburten, pop.einwohner, 1000.0),
        "sterberate": (pop.sterbefaelle, pop.einwohner, 1000.0),
        "wanderungssaldo": (pop.zuzuege - pop.wegzuege, pop.einwohner, 1000.0),
    }


# ---------------------------------------------------------------------------------------------
# Points of interest: invented places (marked "Demo") at real addresses in the right Stadtteil.
# ---------------------------------------------------------------------------------------------
POI_PLAN = (
    # (category, name, Stadtteil ids)
    ("digitale_hilfe", "Digitallotsen-Sprechstunde {name}", ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10")),
    ("digitale_hilfe", "Smartphone-Café {name}", ("03", "06", "07", "09")),
    ("bibliothek", "Stadtbibliothek (Zentrale)", ("01",)),
    ("bibliothek", "Stadtteilbücherei {name}", ("02", "03", "04", "06", "07", "09", "10")),
    ("sozialberatung", "Allgemeine Sozialberatung {name}", ("01", "03", "04", "06", "08", "09")),
    ("sozialberatung", "Schuldnerberatung {name}", ("01", "04", "06")),
    ("sozialberatung", "Migrationsberatung {name}", ("03", "05", "06")),
    ("jugendzentrum", "Jugendtreff {name}", ("02", "03", "04", "06", "08", "09", "10")),
    ("seniorentreff", "Seniorentreff {name}", ("02", "05", "06", "07", "09", "10")),
)
OPENING_HOURS = ("Mo–Fr 10–16", "Di, Do 14–18", "Mo–Do 9–12", "Mi 10–13, Fr 14–17", "Di–Sa 10–18", "Mo, Mi 15–19")
DIGITAL_HELP_CATEGORIES = {"digitale_hilfe": 1.0, "bibliothek": 0.8, "seniorentreff": 0.5, "jugendzentrum": 0.3, "sozialberatung": 0.2}


def read_addresses(shared: Path) -> pd.DataFrame:
    """The real addresses, in a fixed order, with the address text."""
    frame = pd.read_parquet(shared / ADDRESSES_PARQUET, columns=["uri", "plz", "strasse", "nummer", "zusatz", "lat", "lon"])
    frame = frame.sort_values("uri", kind="stable").reset_index(drop=True)
    suffix = frame["zusatz"].fillna("").astype(str)
    frame["text"] = frame["strasse"] + " " + frame["nummer"].astype(str) + suffix + ", " + frame["plz"].astype(str) + " Lübeck"
    return frame


def address_areas(teilgebiete: list[Area], lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The Teilgebiet containing each address (point in polygon, vectorised); None outside every Teilgebiet."""
    found = np.full(len(lon), None, dtype=object)
    for area in teilgebiete:
        inside = shapely.contains_xy(area.geometry, lon, lat)
        if np.any(inside & (found != None)):  # noqa: E711 (element-wise)
            raise RuntimeError(f"addresses in two Teilgebiete at once ({area.area_id})")
        found[inside] = area.area_id
    return found


def build_addresses(teilgebiete: list[Area], addresses: pd.DataFrame, residents: np.ndarray) -> pa.Table:
    """The address table: id, WGS84 position (5 decimals, ≈ 1 m), Teilgebiet, estimated residents.

    `residents` holds each Teilgebiet's residents (same order as `teilgebiete`); every address of
    a Teilgebiet gets an equal part of them. Addresses outside every Teilgebiet get no area and
    no residents.
    """
    lon = addresses["lon"].to_numpy().round(ADDRESS_DECIMALS)
    lat = addresses["lat"].to_numpy().round(ADDRESS_DECIMALS)
    area_ids = address_areas(teilgebiete, addresses["lon"].to_numpy(), addresses["lat"].to_numpy())
    counts = pd.Series(area_ids).value_counts()
    per_address = {area.area_id: float(people) / int(counts[area.area_id]) for area, people in zip(teilgebiete, residents)}
    frame = pd.DataFrame(
        {
            "address_id": addresses["uri"].str.rsplit("/", n=1).str[-1].str.removeprefix("Address_"),
            "lon": lon,
            "lat": lat,
            "area_id": area_ids,
            "residents": [per_address.get(area_id) if area_id is not None else None for area_id in area_ids],
        }
    )
    frame = frame.sort_values("address_id", kind="stable")
    return pa.Table.from_pandas(frame, schema=arrow_schema(ADDRESSES_FILE, optional=("residents",)), preserve_index=False)


def build_pois(stadtteile: list[Area], addresses: pd.DataFrame, rng: np.random.Generator) -> pa.Table:
    names = {area.area_id: area.name for area in stadtteile}
    geometry = {area.area_id: area.geometry for area in stadtteile}
    lon, lat = addresses["lon"].to_numpy(), addresses["lat"].to_numpy()
    inside = {area_id: np.flatnonzero(shapely.contains_xy(polygon, lon, lat)) for area_id, polygon in geometry.items()}
    used: set[int] = set()
    rows = []
    for category, template, stadtteil_ids in POI_PLAN:
        for stadtteil_id in stadtteil_ids:
            candidates = [index for index in inside[stadtteil_id] if index not in used]
            index = int(candidates[rng.integers(len(candidates))])
            used.add(index)
            wheelchair = str(rng.choice(["yes", "limited", "no"], p=[0.55, 0.3, 0.15]))
            attributes = {
                "wheelchair": wheelchair,
                "digital_help": bool(rng.random() < DIGITAL_HELP_CATEGORIES[category]),
                "opening_hours": str(OPENING_HOURS[rng.integers(len(OPENING_HOURS))]),
                "demo": True,
            }
            rows.append(
                {
                    "poi_id": f"poi_{len(rows) + 1:03d}",
                    "category": category,
                    "name": template.format(name=names[stadtteil_id]) + " (Demo)",
                    "address": addresses.at[index, "text"],
                    "lat": float(lat[index]),
                    "lon": float(lon[index]),
                    "attributes": json.dumps(attributes, ensure_ascii=False, sort_keys=True),
                }
            )
    return pa.Table.from_pylist(rows, schema=arrow_schema(POIS_FILE))


# ---------------------------------------------------------------------------------------------
# The dataset.
# ---------------------------------------------------------------------------------------------
ATTRIBUTION = (
    "Demodaten – keine amtliche Statistik. "
    "Einwohner, Altersgruppen, Geburten, Sterbefälle und Wanderungen je Stadtteil 2010–2022: Hansestadt Lübeck, "
    "Kommunale Statistikstelle, CC BY 4.0 (Aufteilung auf Teilgebiete synthetisch). "
    "Stadtgrenze: © GeoBasis-DE / BKG (VG250), dl-de/by-2.0; Stadtteil- und Teilgebietsgrenzen daraus schematisch abgeleitet. "
    "Adressen (Hauskoordinaten, auch die der Orte): © GeoBasis-DE/LVermGeo SH, CC BY 4.0 (Orte und Namen erfunden). "
    "Alle übrigen Kennzahlen: synthetische Demodaten (Sozialmonitor), CC0 1.0. | "
    "Demo data – not official statistics. Residents, age groups, births, deaths and moves per Stadtteil: Hansestadt Lübeck, "
    "Kommunale Statistikstelle, CC BY 4.0 (split into sub-areas is synthetic). City outline: © GeoBasis-DE / BKG (VG250), "
    "dl-de/by-2.0, schematic boundaries derived from it. Addresses (house coordinates, also those of the places): "
    "© GeoBasis-DE/LVermGeo SH, CC BY 4.0 (places and names invented). All other figures: synthetic demo data (Sozialmonitor), CC0 1.0."
)


# The status/dynamics index (metrics/social_index.py, docs/social-index.md), modelled on
# Berlin's MSS: status from unemployment, benefit receipt and child poverty (S1, S3, S4 there),
# dynamics from the change of the same three over two years, on the finest level.
SOCIAL_INDEX_LEVELS = ("arbeitslosenanteil", "sgb2_quote", "kinderarmut")
SOCIAL_INDEX = {
    "level": "teilgebiet",
    "status_indicators": list(SOCIAL_INDEX_LEVELS),
    "dynamics_indicators": [f"{indicator}_veraenderung" for indicator in SOCIAL_INDEX_LEVELS],
    "dynamics_from_levels": {f"{indicator}_veraenderung": indicator for indicator in SOCIAL_INDEX_LEVELS},
    "dynamics_span_years": 2,
    "weights": {indicator: 1 for indicator in SOCIAL_INDEX_LEVELS},
    "status_cuts": [-1.0, 1.0, 1.5],
    "dynamics_cuts": [-1.0, 1.0],
    "min_population": 300,
    "population_indicator": "einwohner",
}

# The indicators of a committee paper (`python -m reports all`): one or two per topic.
HEADLINE_INDICATORS = (
    "anteil_65_plus",
    "ohne_abschluss",
    "sgb2_quote",
    "kinderarmut",
    "arbeitslosenanteil",
    "uebergewicht_einschulung",
    "online_antraege",
    "hilfen_zur_erziehung",
    "wohnflaeche",
)


# A few plausible targets, declared as examples (docs/targets.md): invented for the demo, not
# decisions of the city council. They show each kind of scope: city-wide, every Stadtteil, and
# chosen Stadtteile.
EXAMPLE_NOTE = {
    "note_de": "Beispielziel der Demodaten – kein Beschluss der Hansestadt Lübeck.",
    "note_en": "Example target of the demo data – not a decision of the city of Lübeck.",
    "is_example": True,
}
DEMO_TARGETS = [
    {"id": "kinderarmut_2030", "indicator": "kinderarmut", "direction": "decrease", "value": 20.0, "year": 2030, "base_year": 2015,
     "label_de": "Kinderarmut bis 2030 auf höchstens 20 % senken", "label_en": "Reduce child poverty to at most 20% by 2030", **EXAMPLE_NOTE},
    {"id": "arbeitslosigkeit_2030", "indicator": "arbeitslosenanteil", "direction": "decrease", "value": 5.5, "year": 2030, "base_year": 2015,
     "label_de": "Arbeitslosenanteil bis 2030 auf höchstens 5,5 % senken", "label_en": "Reduce the unemployment share to at most 5.5% by 2030",
     **EXAMPLE_NOTE},
    {"id": "kita_u3_2030", "indicator": "kita_quote_u3", "direction": "increase", "value": 45.0, "year": 2030, "base_year": 2015,
     "label_de": "Betreuungsquote unter 3 Jahren bis 2030 auf mindestens 45 %", "label_en": "Raise the childcare rate under 3 to at least 45% by 2030",
     **EXAMPLE_NOTE},
    {"id": "gigabit_2030", "indicator": "gigabit_haushalte", "direction": "increase", "value": 98.0, "year": 2030, "base_year": 2017,
     "label_de": "Gigabitfähige Anschlüsse bis 2030 für mindestens 98 % der Haushalte",
     "label_en": "Gigabit-capable connections for at least 98% of households by 2030", **EXAMPLE_NOTE},
    {"id": "ohne_abschluss_stadtteile_2030", "indicator": "ohne_abschluss", "direction": "decrease", "value": 6.0, "year": 2030,
     "base_year": 2015, "level": "stadtteil",
     "label_de": "In jedem Stadtteil höchstens 6 % Schulabgänge ohne Abschluss bis 2030",
     "label_en": "At most 6% of school leavers without qualification in every district by 2030", **EXAMPLE_NOTE},
    {"id": "sgb2_moisling_buntekuh_2030", "indicator": "sgb2_quote", "direction": "decrease", "value": 25.0, "year": 2030, "base_year": 2015,
     "level": "stadtteil", "areas": ["03", "04"],
     "label_de": "SGB-II-Quote in Moisling und Buntekuh bis 2030 auf höchstens 25 % senken",
     "label_en": "Reduce the SGB II rate in Moisling and Buntekuh to at most 25% by 2030", **EXAMPLE_NOTE},
]


def metadata() -> dict:
    return {
        "contract_version": CONTRACT_VERSION,
        "name": "Sozialmonitor Lübeck – Demodaten",
        "city": "Lübeck",
        "attribution": ATTRIBUTION,
        "is_demo": True,
        "demo_notice_de": "Einwohnerzahlen, Altersgruppen, Geburten, Sterbefälle und Wanderungen der Stadtteile stammen aus der "
        "amtlichen Statistik (die Aufteilung auf Teilgebiete ist synthetisch); alle übrigen Werte sind synthetisch, die Karte ist schematisch.",
        "demo_notice_en": "Residents, age groups, births, deaths and moves per district are official figures (their split into "
        "sub-areas is synthetic); all other values are synthetic and the map is schematic.",
        "levels": [dict(level) for level in LEVELS],
        "default": {"indicator": "sgb2_quote", "period": 2022, "level": "stadtteil"},
        "population_indicator": "einwohner",
        "geometry_note_de": "Schematische Demo-Geometrie – keine amtlichen Grenzen",
        "geometry_note_en": "Schematic demo geometry – not official boundaries",
        "suppression": {"min_count": 3, "min_denominator": 10},
        "social_index": SOCIAL_INDEX,
        "headline_indicators": list(HEADLINE_INDICATORS),
        "targets": DEMO_TARGETS,
        # the page "Gebietstypen" starts with these: age structure, poverty, education, digital access
        "area_types": {"indicators": ["anteil_unter_18", "anteil_65_plus", "sgb2_quote", "ohne_abschluss", "gigabit_haushalte"]},
        "metric_crs": METRIC_CRS,
        "addresses_note_de": (
            "Adressen: amtliche Hauskoordinaten (ALKIS, April 2025; © GeoBasis-DE/LVermGeo SH, CC BY 4.0), auch Gewerbe- und "
            "Nebenadressen. Einwohner je Adresse sind geschätzt: Einwohner des Teilgebiets 2022 geteilt durch die Zahl seiner Adressen."
        ),
        "addresses_note_en": (
            "Addresses: official house coordinates (ALKIS, April 2025; © GeoBasis-DE/LVermGeo SH, CC BY 4.0), including business and "
            "secondary addresses. Residents per address are estimated: the sub-area's residents in 2022 divided by its number of addresses."
        ),
    }


@dataclass
class Dataset:
    metadata: dict
    areas: pa.Table
    indicators: pa.Table
    values: pa.Table
    pois: pa.Table
    addresses: pa.Table

    def tables(self) -> dict[str, pa.Table]:
        return {
            AREAS_FILE: self.areas,
            INDICATORS_FILE: self.indicators,
            VALUES_FILE: self.values,
            POIS_FILE: self.pois,
            ADDRESSES_FILE: self.addresses,
        }


def _areas_table(areas: list[Area]) -> pa.Table:
    return pa.table(
        {
            "area_id": [area.area_id for area in areas],
            "name": [area.name for area in areas],
            "level": [area.level for area in areas],
            "parent_id": [area.parent_id for area in areas],
            "geometry": [shapely.to_wkb(area.geometry, byte_order=1) for area in areas],
            "area_km2": [round(area_km2(area.geometry), 4) for area in areas],
        },
        schema=arrow_schema(AREAS_FILE),
    )


def _values_table(area_ids: list[str], results: dict[str, tuple[np.ndarray, np.ndarray | None, float]]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in ("area_id", "indicator_id", "period", "value", "numerator", "denominator")}
    for indicator_id in sorted(results):
        numerator, denominator, scale = results[indicator_id]
        for j, year in enumerate(YEARS):
            for i in sorted(range(len(area_ids)), key=lambda i: area_ids[i]):
                columns["area_id"].append(area_ids[i])
                columns["indicator_id"].append(indicator_id)
                columns["period"].append(year)
                top = float(numerator[i, j])
                if denominator is None:  # a count
                    columns["value"].append(top)
                    columns["numerator"].append(None)
                    columns["denominator"].append(None)
                    continue
                bottom = float(denominator[i, j])
                columns["value"].append(top / bottom * scale if bottom > 0 else None)
                columns["numerator"].append(top if bottom > 0 else None)
                columns["denominator"].append(bottom if bottom > 0 else None)
    return pa.table(columns, schema=arrow_schema(VALUES_FILE))


def _indicators_table(specs: list[Spec]) -> pa.Table:
    names = arrow_schema(INDICATORS_FILE).names
    return pa.Table.from_pylist([{name: getattr(spec, name) for name in names} for spec in specs], schema=arrow_schema(INDICATORS_FILE))


def build_dataset(shared: Path) -> Dataset:
    """The whole demo dataset in memory. Deterministic: one seeded generator, draws in a fixed order."""
    shared = Path(shared)
    rng = np.random.default_rng(SEED)
    rows, city = read_population(shared)
    addresses = read_addresses(shared)
    addresses_m = np.column_stack(TO_METRES.transform(addresses["lon"].to_numpy(), addresses["lat"].to_numpy()))
    areas = build_areas(read_outline(shared), addresses_m, rng)
    stadtteile = [area for area in areas if area.level == "stadtteil"]
    teilgebiete = [area for area in areas if area.level == "teilgebiet"]

    # each Teilgebiet's share of its Stadtteil's addresses (floored, so none is nearly empty)
    counts = np.array(
        [shapely.contains_xy(area.geometry, addresses["lon"].to_numpy(), addresses["lat"].to_numpy()).sum() for area in teilgebiete], dtype=float
    )
    address_share = np.zeros(len(teilgebiete))
    parents = np.array([area.parent_id for area in teilgebiete])
    for stadtteil_id, _, size in STADTTEILE:
        index = np.flatnonzero(parents == stadtteil_id)
        share = counts[index] / counts[index].sum()
        share = np.maximum(share, 0.35 / size)
        address_share[index] = share / share.sum()
    stadtteil_residents = rows.loc[YEARS[-1], "einwohner"]
    weights = np.array([stadtteil_residents[area.parent_id] for area in teilgebiete]) * address_share
    deprivation = deprivation_field(teilgebiete, weights, rng)
    population = split_population(rows, teilgebiete, address_share, deprivation, rng)

    results = real_results(population)
    results.update(Synthesiser(population, teilgebiete, deprivation, rng).run())
    differences = {column: city_differences(rows, city, column) for column in COUNT_COLUMNS}
    specs = catalog(differences)
    missing = {spec.indicator_id for spec in specs} ^ set(results)
    if missing:
        raise RuntimeError(f"catalog and values disagree on {sorted(missing)}")
    return Dataset(
        metadata=metadata(),
        areas=_areas_table(areas),
        indicators=_indicators_table(specs),
        values=_values_table([area.area_id for area in teilgebiete], results),
        pois=build_pois(stadtteile, addresses, rng),
        addresses=build_addresses(teilgebiete, addresses, population.einwohner[:, -1]),
    )


def write_files(dataset: Dataset, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dataset.metadata, ensure_ascii=False, indent=2) + "\n"
    (folder / METADATA_FILE).write_text(text, encoding="utf-8")
    for name, table in dataset.tables().items():
        row_group_size = ADDRESS_ROW_GROUP_SIZE if name == ADDRESSES_FILE else ROW_GROUP_SIZE
        pq.write_table(table, folder / name, row_group_size=row_group_size, compression="zstd")


class DemoDatasetError(RuntimeError):
    """The generated dataset breaks the contract; nothing was replaced."""


def generate(out: Path | str = DEFAULT_OUT, shared: Path | str = DEFAULT_SHARED) -> Path:
    """Build the dataset, write it into a temporary sibling of `out`, validate it, swap it in.

    If the new dataset breaks the contract, the old one stays in place and DemoDatasetError
    lists every problem.
    """
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    dataset = build_dataset(Path(shared))
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        write_files(dataset, staging)
        problems = validate_dataset(staging)
        if problems:
            raise DemoDatasetError(
                "the generated demo dataset breaks the contract:\n" + "\n".join(f"- {problem.text('en')}" for problem in problems)
            )
        if out.exists():
            os.rename(out, retired)
        os.rename(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.demo", description="Generate the Lübeck demo dataset.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"dataset folder to (re)write (default: {DEFAULT_OUT})")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help=f"the shared data folder (default: {DEFAULT_SHARED})")
    args = parser.parse_args(argv)
    try:
        folder = generate(args.out, args.shared)
    except DemoDatasetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    areas = pq.read_table(folder / ADDRESSES_FILE, columns=["area_id"]).column("area_id")
    outside = areas.null_count
    print(f"demo dataset written to {folder}")
    print(f"addresses: {len(areas):,} — {len(areas) - outside:,} in a Teilgebiet, {outside:,} outside every area (kept without an area)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
