"""A large city's open data, written by the project for the importer tests (no real data).

"Beispielstadt" publishes one long table for the city (id `000`), its nine Stadtbezirke
(`001`–`009`) and their 37 Stadtteile (`101`–`909`): several indicators per file, three years,
German CSV conventions (";", decimal comma, dots between thousands, "." for a secret value,
Windows-1252). The city and Stadtbezirk rows are the official totals: the sums of their
Stadtteile (the mean age: weighted by residents, rounded as published).

Its surveying office delivers two shapefiles in a local projection — an ESRI WKT named
"UTM zone 32N" with a false easting of 2,500,000 m, which is not EPSG:32632 — whose .dbf is
Windows-1252 with the code page only in its header byte (0x57), with or without a .cpg.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pyproj
import shapefile
import shapely

BOROUGHS = {
    "1": "Innenstadt", "2": "Südufer", "3": "Lindenhöhe", "4": "Westfeld", "5": "Nordhafen",
    "6": "Chorbach", "7": "Porzheide", "8": "Kalkberg", "9": "Mühlenau",
}
DISTRICTS_PER_BOROUGH = {"1": 5, "2": 4, "3": 3, "4": 4, "5": 2, "6": 3, "7": 4, "8": 3, "9": 9}
_PREFIXES = ["Alt", "Neu", "Ober", "Unter", "Groß", "Klein", "Süd", "Nord", "Ost"]
_SUFFIXES = ["markt", "dorf", "höhe", "feld", "hafen", "bach", "heide", "berg", "mühle"]
YEARS = (2021, 2022, 2023)
KEYS = ("Einwohner insgesamt", "unter 6 Jahre", "6 bis unter 18 Jahre", "65 Jahre und älter", "15 bis unter 65 Jahre", "Arbeitslose",
        "Durchschnittsalter")
SECRET = ("902", 2021, "Arbeitslose")  # a secret value: "." in the file
CITY_ID = "000"
CITY_NAME = "Beispielstadt"

# the surveying office's projection: UTM 32N on ETRS89, but with a false easting of 2,500,000 m
LOCAL_WKT = (
    'PROJCS["UTM zone 32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",2500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],'
    'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)
ORIGIN = (6.90, 50.90)  # lon, lat of the south-west corner of the map
CELL = 0.01  # degrees


def districts() -> dict[str, tuple[str, str]]:
    """Stadtteil id → (name, Stadtbezirk id); ids 101 … 909."""
    out = {}
    for borough, count in DISTRICTS_PER_BOROUGH.items():
        for number in range(1, count + 1):
            out[f"{borough}{number:02d}"] = (_PREFIXES[number - 1] + _SUFFIXES[int(borough) - 1], borough)
    return out


@dataclass(frozen=True)
class Figures:
    """The true figures per area id (Stadtteile, Stadtbezirke "1"…"9", the city "000") and year."""

    values: dict[tuple[str, int, str], float | None]  # (area, year, key) → value; None = secret

    def get(self, area: str, year: int, key: str) -> float | None:
        return self.values[(area, year, key)]


def figures(seed: int = 8) -> Figures:
    rng = random.Random(seed)
    values: dict[tuple[str, int, str], float | None] = {}
    for area_id in districts():
        residents = rng.randint(2_000, 40_000)
        shares = [rng.uniform(0.04, 0.08), rng.uniform(0.09, 0.14), rng.uniform(0.15, 0.28), rng.uniform(0.58, 0.66)]
        unemployed = rng.uniform(0.03, 0.12)
        age = rng.uniform(38.0, 48.0)
        for step, year in enumerate(YEARS):
            total = round(residents * (1 + 0.01 * step))
            u6, u18, old, working = (round(total * s) for s in shares)
            values[(area_id, year, "Einwohner insgesamt")] = total
            values[(area_id, year, "unter 6 Jahre")] = u6
            values[(area_id, year, "6 bis unter 18 Jahre")] = u18
            values[(area_id, year, "65 Jahre und älter")] = old
            values[(area_id, year, "15 bis unter 65 Jahre")] = working
            values[(area_id, year, "Arbeitslose")] = round(working * unemployed)
            values[(area_id, year, "Durchschnittsalter")] = round(age + 0.2 * step, 1)
    # the official totals: sums of the Stadtteile (the secret value included, as the office knows it)
    groups: dict[str, list[str]] = {b: [d for d, (_, parent) in districts().items() if parent == b] for b in BOROUGHS}
    groups[CITY_ID] = list(districts())
    for area_id, members in groups.items():
        for year in YEARS:
            for key in KEYS[:-1]:
                values[(area_id, year, key)] = sum(values[(m, year, key)] for m in members)
            residents = [values[(m, year, "Einwohner insgesamt")] for m in members]
            ages = [values[(m, year, "Durchschnittsalter")] for m in members]
            values[(area_id, year, "Durchschnittsalter")] = round(sum(a * r for a, r in zip(ages, residents)) / sum(residents), 1)
    values[(SECRET[0], SECRET[1], SECRET[2])] = None
    return Figures(values)


def _german(value: float | None, key: str) -> str:
    if value is None:
        return "."
    if key == "Durchschnittsalter":
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def long_table(data: Figures | None = None, change: dict[tuple[str, int, str], str] | None = None) -> bytes:
    """The long table as the statistics office exports it (Windows-1252); `change` overrides cells as written."""
    data = data or figures()
    change = change or {}
    rows = [(CITY_ID, CITY_NAME)] + [(f"00{b}", name) for b, name in BOROUGHS.items()] + [(d, name) for d, (name, _) in districts().items()]
    lines = ["Jahr;Nr;Gebiet;Merkmal;Wert"]
    for year in YEARS:
        for area_id, name in rows:
            key_area = (area_id.lstrip("0") or CITY_ID) if area_id.startswith("00") else area_id
            for key in KEYS:
                cell = change.get((area_id, year, key), _german(data.get(key_area, year, key), key))
                lines.append(f"{year};{area_id};{name};{key};{cell}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def district_polygons() -> dict[str, shapely.Polygon]:
    """One square per Stadtteil in WGS84: a row of squares per Stadtbezirk."""
    out = {}
    for area_id, (_, borough) in districts().items():
        column, row = int(area_id[1:]) - 1, int(borough) - 1
        x, y = round(ORIGIN[0] + column * CELL, 6), round(ORIGIN[1] + row * CELL, 6)
        out[area_id] = shapely.box(x, y, round(x + CELL, 6), round(y + CELL, 6))
    return out


def borough_polygons() -> dict[str, shapely.Polygon]:
    """Each Stadtbezirk: the rectangle its row of Stadtteile fills."""
    out = {}
    for borough, count in DISTRICTS_PER_BOROUGH.items():
        x, y = ORIGIN[0], round(ORIGIN[1] + (int(borough) - 1) * CELL, 6)
        out[borough] = shapely.box(x, y, round(x + count * CELL, 6), round(y + CELL, 6))
    return out


def _ring(polygon: shapely.Polygon, transform: pyproj.Transformer) -> list[tuple[float, float]]:
    polygon = shapely.geometry.polygon.orient(polygon, sign=-1.0)  # clockwise outer ring, as shapefiles want
    return [transform.transform(x, y) for x, y in polygon.exterior.coords]


def write_shapefile(path: Path, features: dict[str, tuple[str, shapely.Polygon]], id_field: str, name_field: str, *,
                    wkt: str | None = LOCAL_WKT, encoding: str = "cp1252", ldid: int | None = 0x57, cpg: str | None = None) -> Path:
    """A polygon shapefile (.shp, .shx, .dbf, optionally .prj and .cpg) in the CRS `wkt`.

    `ldid` is written into byte 29 of the .dbf header (the dBASE language driver id), as
    ArcGIS does: 0x57 = Windows-1252; None leaves it 0 (unknown).
    """
    target = pyproj.CRS.from_wkt(wkt) if wkt else pyproj.CRS("EPSG:4326")
    transform = pyproj.Transformer.from_crs("EPSG:4326", target, always_xy=True)
    writer = shapefile.Writer(str(path.with_suffix("")), shapeType=shapefile.POLYGON, encoding=encoding)
    writer.field(id_field, "C", size=4)
    writer.field(name_field, "C", size=40)
    for area_id, (name, geometry) in features.items():
        writer.poly([_ring(geometry, transform)])
        writer.record(area_id, name)
    writer.close()
    dbf = path.with_suffix(".dbf")
    header = bytearray(dbf.read_bytes())
    header[29] = ldid or 0
    dbf.write_bytes(bytes(header))
    if wkt:
        path.with_suffix(".prj").write_text(wkt, encoding="ascii")
    if cpg is not None:
        path.with_suffix(".cpg").write_text(cpg, encoding="ascii")
    return path.with_suffix(".shp")


def write_boundaries(folder: Path, **options) -> None:
    """stadtteile.shp (ST_NR, ST_NAME) and stadtbezirke.shp (STB_NR, STB_NAME)."""
    polygons = district_polygons()
    write_shapefile(folder / "stadtteile.shp", {d: (name, polygons[d]) for d, (name, _) in districts().items()}, "ST_NR", "ST_NAME", **options)
    boroughs = borough_polygons()
    write_shapefile(folder / "stadtbezirke.shp", {b: (name, boroughs[b]) for b, name in BOROUGHS.items()}, "STB_NR", "STB_NAME", **options)


SPEC = """
spec_version = 1

[dataset]
name = "Sozialmonitor Beispielstadt"
city = "Beispielstadt"
attribution = "Stadt Beispielstadt, Amt für Statistik (Testdaten)"
population_indicator = "einwohner"
default = { indicator = "anteil_u18", period = 2023, level = "stadtteil" }

[[dataset.levels]]
id = "stadtbezirk"
label_de = "Stadtbezirk"
label_en = "Borough"
plural_de = "Stadtbezirke"
plural_en = "boroughs"

[[dataset.levels]]
id = "stadtteil"
label_de = "Stadtteil"
label_en = "District"
plural_de = "Stadtteile"
plural_en = "districts"

[tables.kennzahlen]
file = "kennzahlen.csv"
separator = ";"
id = "Nr"
name = "Gebiet"
period = "Jahr"
indicator_column = "Merkmal"
value_column = "Wert"
{rows}

[[hierarchy]]
level = "stadtbezirk"
id_prefix = 1

[[geometry]]
file = "stadtteile.shp"
id = "ST_NR"

[[geometry]]
file = "stadtbezirke.shp"
level = "stadtbezirk"
id = "STB_NR"
name = "STB_NAME"

[indicator_defaults]
source = "Stadt Beispielstadt, Amt für Statistik"
licence = "CC BY 4.0"
domain = "demografie"
polarity = "neutral"

[[indicators]]
id = "einwohner"
table = "kennzahlen"
column = "Einwohner insgesamt"
label_de = "Einwohner:innen"
label_en = "Residents"
kind = "count"

[[indicators]]
id = "anteil_u18"
table = "kennzahlen"
numerator = ["unter 6 Jahre", "6 bis unter 18 Jahre"]
denominator = "Einwohner insgesamt"
label_de = "Anteil unter 18-Jährige"
label_en = "Share under 18"
kind = "share"

[[indicators]]
id = "anteil_65plus"
table = "kennzahlen"
numerator = "65 Jahre und älter"
denominator = "Einwohner insgesamt"
label_de = "Anteil ab 65-Jährige"
label_en = "Share aged 65 and over"
kind = "share"

[[indicators]]
id = "arbeitslosenanteil"
table = "kennzahlen"
numerator = "Arbeitslose"
denominator = "15 bis unter 65 Jahre"
label_de = "Arbeitslose je 100 Einwohner:innen von 15 bis unter 65"
label_en = "Unemployed per 100 residents aged 15 to 64"
domain = "arbeit"
polarity = "higher_worse"
kind = "share"

[[indicators]]
id = "durchschnittsalter"
table = "kennzahlen"
column = "Durchschnittsalter"
label_de = "Durchschnittsalter"
label_en = "Mean age"
unit_de = "Jahre"
unit_en = "years"
kind = "mean"
"""

# how the rows of coarser levels are read: the mistake the analyst made first, and the fix
NAIVE_ROWS = 'skip_ids = ["000"]'
MIXED_ROWS = 'total_ids = ["000"]\nlevel_ids = { stadtbezirk = \'00(?P<id>[1-9])\' }'


def write_city(folder: Path, rows: str = MIXED_ROWS, table: bytes | None = None, spec_extra: str = "", **shapefile_options) -> Path:
    """The long table, both shapefiles and the spec; returns the spec's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kennzahlen.csv").write_bytes(table if table is not None else long_table())
    write_boundaries(folder, **shapefile_options)
    spec = folder / "import.toml"
    spec.write_text(SPEC.replace("{rows}", rows) + spec_extra, encoding="utf-8")
    return spec
