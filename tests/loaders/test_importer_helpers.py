"""Small synthetic files for the importer tests, written into a test's tmp_path (imported by the other test_importer_* modules).

A city "Teststadt" with two Bezirke (1, 2) and four Stadtteile (11, 12, 21, 22), drawn as
squares near Lübeck; one CSV with German number conventions.
"""
from __future__ import annotations

import json
from pathlib import Path

import shapely

ORIGIN = (10.6, 53.8)
AREAS = {"11": "Altstadt", "12": "St. Pauli", "21": "Nordhafen", "22": "Südfeld"}

SPEC_HEAD = """
[dataset]
name = "Teststadt"
city = "Teststadt"
attribution = "Testdaten, CC0"
default = { indicator = "einwohner", period = 2022, level = "stadtteil" }
population_indicator = "einwohner"

[[dataset.levels]]
id = "bezirk"
label_de = "Bezirk"
label_en = "Borough"

[[dataset.levels]]
id = "stadtteil"
label_de = "Stadtteil"
label_en = "District"

[[hierarchy]]
level = "bezirk"
id_prefix = 1
names = { "1" = "Nord", "2" = "Süd" }

[indicator_defaults]
source = "Statistikstelle Teststadt"
licence = "CC0"
domain = "demografie"
polarity = "neutral"
"""

INDICATORS = """
[[indicators]]
id = "einwohner"
table = "daten"
column = "Einwohner"
label_de = "Einwohner:innen"
label_en = "Residents"
kind = "count"

[[indicators]]
id = "anteil_kinder"
table = "daten"
numerator = "Kinder"
denominator = "Einwohner"
label_de = "Anteil Kinder"
label_en = "Share of children"
kind = "share"

[[indicators]]
id = "quote"
table = "daten"
column = "Quote"
label_de = "Quote"
label_en = "Rate"
kind = "share"
"""

# title rows above the header, ";" separated, decimal comma, dot thousands, "." and "-9999" missing
CSV = (
    "Statistischer Bericht Teststadt\n"
    "Stand: 31.12.\n"
    "Jahr;Stadtteil;Name;Einwohner;Kinder;Quote\n"
    "2021;11;Altstadt;1.200;200;12,5\n"
    "2021;12;St. Pauli;800;.;7,25\n"
    "2021;21;Nordhafen;2.000;400;-9999\n"
    "2021;22;Südfeld;500;50;3\n"
    "2022;11;Altstadt;1.250;210;12,0\n"
    "2022;12;St. Pauli;820;150;7,5\n"
    "2022;21;Nordhafen;2.100;420;10\n"
    "2022;22;Südfeld;510;60;2,5\n"
)

TABLE = """
[tables.daten]
file = "daten.csv"
separator = ";"
header_row = 3
missing = ["-9999"]
id = "Stadtteil"
name = "Name"
period = "Jahr"
"""

GEOMETRY = """
[geometry]
file = "grenzen.geojson"
id = "nummer"
"""


def square(column: int, row: int, size: float = 0.01) -> shapely.Polygon:
    x, y = ORIGIN[0] + column * size, ORIGIN[1] + row * size
    return shapely.box(x, y, x + size, y + size)


def squares() -> dict[str, shapely.Polygon]:
    return {area_id: square(i % 2, i // 2) for i, area_id in enumerate(AREAS)}


def geojson(features: dict[str, shapely.Geometry], key: str = "nummer", crs: str | None = None) -> str:
    document: dict = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {key: area_id}, "geometry": shapely.geometry.mapping(geometry)}
            for area_id, geometry in features.items()
        ],
    }
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(document)


def write_city(folder: Path, csv: str = CSV, spec_extra: str = "", table: str = TABLE, indicators: str = INDICATORS,
               geometry: str = GEOMETRY, encoding: str = "utf-8") -> Path:
    """Write the spec and its files into `folder`; return the spec path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "daten.csv").write_bytes(csv.encode(encoding))
    (folder / "grenzen.geojson").write_text(geojson(squares()), encoding="utf-8")
    spec = folder / "import.toml"
    spec.write_text(SPEC_HEAD + table + geometry + indicators + spec_extra, encoding="utf-8")
    return spec


def test_the_synthetic_city_imports_cleanly(tmp_path: Path) -> None:
    """The baseline every error test departs from: the untouched files import without a finding."""
    from loaders.importer import check_import
    from loaders.spec import load_spec

    report = check_import(load_spec(write_city(tmp_path)))
    assert report.ok, report.text("en")
    assert [(level, count) for level, _, _, count in report.levels] == [("bezirk", 2), ("stadtteil", 4)]
    assert report.periods == [2021, 2022]
    assert not report.warnings and not report.out_of_range and not report.unmatched_ids
