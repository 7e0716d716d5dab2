"""Input formats: German numbers, header rows, Excel, shapefiles, long and wide tables, point files, uploads."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pyproj
import pytest
import shapefile
import shapely

from loaders.importer import check_import, run_import
from loaders.readers import CellError, NumberFormat, combine_headers, parse_number, read_csv
from loaders.spec import load_spec, parse_spec
from tests.loaders.test_importer_helpers import AREAS, CSV, INDICATORS, TABLE, squares, write_city

COMMA = NumberFormat()
POINT = NumberFormat(decimal=".")


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("1.234,5", COMMA, 1234.5),
        ("1 234,5", COMMA, 1234.5),
        ("1\u00a0234", COMMA, 1234.0),  # no-break space
        ("1\u202f234\u202f567", COMMA, 1234567.0),  # narrow no-break space
        ("12,0", COMMA, 12.0),
        ("-3,5", COMMA, -3.5),
        ("\u22123,5", COMMA, -3.5),  # minus sign
        ("0", COMMA, 0.0),
        (" 2 613 ", POINT, 2613.0),
        ("4.22594", POINT, 4.22594),
        ("1,234.5", POINT, 1234.5),
        ("", COMMA, None),
        (".", COMMA, None),
        ("-", COMMA, None),
        ("–", COMMA, None),
        ("x", COMMA, None),
        ("-9999", NumberFormat(missing=("-9999",)), None),
        ("-9999.0", NumberFormat(decimal=".", missing=("-9999",)), None),
        (-9999, NumberFormat(missing=("-9999",)), None),
        (12.5, COMMA, 12.5),  # an Excel number as it is
        ("-", NumberFormat(zero=("-",)), 0.0),
    ],
)
def test_parse_number(text, fmt, expected) -> None:
    assert parse_number(text, fmt) == expected


@pytest.mark.parametrize("text", ["4.22594", "12.34", "1.23,4", "12 %", "abc", "1,2,3", "1 23"])
def test_parse_number_refuses_ambiguous_or_foreign_text(text) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(text, COMMA)
    assert "Dezimalkomma" in caught.value.de and "decimal comma" in caught.value.en


def test_combined_header_rows_follow_spanning_titles() -> None:
    rows = [
        ["", "", "Ist-Versorgung", "", "", "", "Prognose", ""],
        ["", "", "Gigabit\nder Einheiten", "", "Glasfaser", "", "Gigabit", ""],
        ["Nummer", "Name", "Anzahl", "Anteil (%)", "Anzahl", "Anteil (%)", "Anzahl", "Anteil (%)"],
    ]
    assert combine_headers(rows) == [
        "Nummer",
        "Name",
        "Ist-Versorgung / Gigabit der Einheiten / Anzahl",
        "Ist-Versorgung / Gigabit der Einheiten / Anteil (%)",
        "Ist-Versorgung / Glasfaser / Anzahl",
        "Ist-Versorgung / Glasfaser / Anteil (%)",
        "Prognose / Gigabit / Anzahl",
        "Prognose / Gigabit / Anteil (%)",
    ]


def test_csv_rows_are_physical_lines_with_quoted_line_breaks() -> None:
    data = '\ufeffa,"b\nzwei"\r\n1,2\r\n"3\n",4\r\n5,6\r\n'.encode()
    table = read_csv(data, "f.csv", separator=",")
    assert table.columns == ["a", "b zwei"]
    assert table.row_numbers == [3, 4, 6]


def test_excel_with_title_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Bevölkerung"
    sheet.append(["Einwohner nach Stadtteilen"])
    sheet.append([])
    sheet.append(["Jahr", "Stadtteil", "Name", "Einwohner", "Kinder", "Quote"])
    for line in CSV.splitlines()[3:]:
        year, area, name, residents, children, rate = line.split(";")
        # ids as numbers (Excel drops zeros), counts as numbers, rates as German text
        sheet.append([int(year), int(area), name, float(residents.replace(".", "")), children, rate])
    sheet.cell(row=8, column=6, value="zwölf")
    workbook.save(tmp_path / "daten.xlsx")
    table = TABLE.replace('file = "daten.csv"', 'file = "daten.xlsx"\nsheet = "Bevölkerung"').replace('separator = ";"\n', "")
    spec = write_city(tmp_path, table=table)
    report = check_import(load_spec(spec))
    [problem] = report.errors
    assert (problem.file, problem.column, problem.rows, problem.values) == ("daten.xlsx", "Quote", (8,), ("zwölf",))
    sheet.cell(row=8, column=6, value="12,0")
    workbook.save(tmp_path / "daten.xlsx")
    out = tmp_path / "out"
    report = run_import(load_spec(spec), out)
    assert report.ok, report.text("en")
    values = pq.read_table(out / "values.parquet").to_pandas().set_index(["area_id", "indicator_id", "period"])
    assert values.loc[("11", "einwohner", 2022), "value"] == 1250
    assert values.loc[("12", "quote", 2021), "value"] == 7.25


def test_excel_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Daten 2022"
    workbook.save(tmp_path / "daten.xlsx")
    spec = write_city(tmp_path, table=TABLE.replace('file = "daten.csv"', 'file = "daten.xlsx"\nsheet = "Daten"'))
    [problem] = check_import(load_spec(spec)).errors
    assert "Daten 2022" in problem.expected_de


def _write_shapefile(folder: Path, crs: str | None) -> None:
    transform = pyproj.Transformer.from_crs("EPSG:4326", crs or "EPSG:4326", always_xy=True)
    writer = shapefile.Writer(str(folder / "grenzen"), shapeType=shapefile.POLYGON)
    writer.field("NUMMER", "C", size=4)
    writer.field("NAME", "C", size=40)
    for area_id, polygon in squares().items():
        ring = [transform.transform(x, y) for x, y in polygon.exterior.coords[::-1]]  # clockwise outer ring
        writer.poly([ring])
        writer.record(area_id, AREAS[area_id])
    writer.close()
    if crs:
        (folder / "grenzen.prj").write_text(pyproj.CRS(crs).to_wkt("WKT1_ESRI"))


def test_shapefile_with_prj_is_reprojected(tmp_path: Path) -> None:
    _write_shapefile(tmp_path, "EPSG:25832")
    spec = write_city(tmp_path, geometry='\n[geometry]\nfile = "grenzen.shp"\nid = "NUMMER"\n')
    out = tmp_path / "out"
    report = run_import(load_spec(spec), out)
    assert report.ok, report.text("en")
    assert report.areas_with_geometry == {"bezirk": 2, "stadtteil": 4}
    areas = pq.read_table(out / "areas.parquet").to_pandas().set_index("area_id")
    assert shapely.from_wkb(areas.loc["21", "geometry"]).bounds == pytest.approx(squares()["21"].bounds, abs=1e-7)


def test_shapefile_without_prj_asks_for_the_crs(tmp_path: Path) -> None:
    _write_shapefile(tmp_path, None)
    spec = write_city(tmp_path, geometry='\n[geometry]\nfile = "grenzen.shp"\nid = "NUMMER"\n')
    [problem] = check_import(load_spec(spec)).errors
    assert problem.file == "grenzen.shp" and ".prj" in problem.expected_de


def test_long_table(tmp_path: Path) -> None:
    lines = ["Gebiet;Jahr;Merkmal;Wert"]
    for line in CSV.splitlines()[3:]:
        year, area, _, residents, children, _ = line.split(";")
        lines += [f"{area};{year};Einwohner insgesamt;{residents}", f"{area};{year};Kinder unter 18;{children}"]
    (tmp_path / "lang.csv").write_text("\n".join(lines) + "\n")
    table = '\n[tables.daten]\nfile = "lang.csv"\nid = "Gebiet"\nperiod = "Jahr"\nindicator_column = "Merkmal"\nvalue_column = "Wert"\n'
    indicators = (
        INDICATORS.split("[[indicators]]\nid = \"quote\"")[0]
        .replace('column = "Einwohner"', 'column = "Einwohner insgesamt"')
        .replace('numerator = "Kinder"', 'numerator = "Kinder unter 18"')
        .replace('denominator = "Einwohner"', 'denominator = "Einwohner insgesamt"')
    )
    spec = write_city(tmp_path, table=table, indicators=indicators)
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")
    assert report.values == 15 and report.missing == 1
    broken = write_city(tmp_path / "typo", table=table, indicators=indicators.replace('numerator = "Kinder unter 18"', 'numerator = "Kinder u18"'))
    (tmp_path / "typo" / "lang.csv").write_text((tmp_path / "lang.csv").read_text())
    [problem] = check_import(load_spec(broken)).errors
    assert problem.column == "Merkmal" and "Kinder unter 18" in problem.expected_de


def test_one_column_per_year(tmp_path: Path) -> None:
    (tmp_path / "breit.csv").write_text("Nr;Einwohner 2021;Einwohner 2022\n11;1.200;1.250\n12;800;820\n21;2.000;2.100\n22;500;510\n")
    table = '\n[tables.daten]\nfile = "breit.csv"\nid = "Nr"\n'
    indicators = (
        '\n[[indicators]]\nid = "einwohner"\ntable = "daten"\ncolumns = { 2021 = "Einwohner 2021", 2022 = "Einwohner 2022" }\n'
        'label_de = "Einwohner"\nlabel_en = "Residents"\nkind = "count"\n'
    )
    report = check_import(load_spec(write_city(tmp_path, table=table, indicators=indicators)))
    assert report.ok, report.text("en")
    assert report.periods == [2021, 2022] and report.values == 8


def test_period_from_text_and_a_fixed_period(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("\n2021;", "\n31.12.2021;").replace("\n2022;", "\nStand 2022;"))
    assert check_import(load_spec(spec)).periods == [2021, 2022]
    bad = write_city(tmp_path / "bad", csv=CSV.replace("\n2021;11", "\nVorjahr;11"))
    [problem] = check_import(load_spec(bad)).errors
    assert (problem.column, problem.rows, problem.values) == ("Jahr", (4,), ("Vorjahr",))


def test_points_from_csv_with_projected_coordinates_and_wheelchair_values(tmp_path: Path) -> None:
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    x, y = to_utm.transform(10.6065, 53.8055)  # inside the synthetic city's areas
    (tmp_path / "orte.csv").write_text(
        "Nr;Name;Straße;Rechtswert;Hochwert;Rollstuhl;Art\n"
        f"1;Stadtbibliothek;Hundestraße 5;{x:.2f}".replace(".", ",") + f";{y:.2f}".replace(".", ",") + ";ja;Bibliothek\n"
        f"2;Beratung Nord;;{x + 100:.2f}".replace(".", ",") + f";{y:.2f}".replace(".", ",") + ";teilweise;Beratung\n",
        encoding="utf-8",
    )
    points = (
        '\n[[points]]\nfile = "orte.csv"\nseparator = ";"\ncategory = "treffpunkt"\nid = "Nr"\nname = "Name"\naddress = "{Straße}, Teststadt"\n'
        'x = "Rechtswert"\ny = "Hochwert"\ncrs = "EPSG:25832"\nwheelchair = "Rollstuhl"\n'
        'wheelchair_values = { ja = "yes", teilweise = "limited", nein = "no" }\nattributes = { art = "Art" }\n'
    )
    out = tmp_path / "out"
    report = run_import(load_spec(write_city(tmp_path, spec_extra=points)), out)
    assert report.ok, report.text("en")
    pois = pq.read_table(out / "pois.parquet").to_pandas().set_index("poi_id")
    assert pois.loc["treffpunkt_1", ["lat", "lon"]].tolist() == pytest.approx([53.8055, 10.6065], abs=1e-6)
    assert json.loads(pois.loc["treffpunkt_1", "attributes"]) == {"art": "Bibliothek", "wheelchair": "yes"}
    assert pois.loc["treffpunkt_1", "address"] == "Hundestraße 5, Teststadt"
    assert pois.loc["treffpunkt_2", "address"] == "Teststadt"
    assert json.loads(pois.loc["treffpunkt_2", "attributes"])["wheelchair"] == "limited"


def test_uploaded_files_take_the_place_of_the_spec_paths(tmp_path: Path) -> None:
    """The page's dry run: the spec and its files arrive as bytes; nothing on disk is read."""
    write_city(tmp_path)
    spec = parse_spec((tmp_path / "import.toml").read_text(), Path("/nowhere"), "import.toml")
    uploads = {"daten.csv": (tmp_path / "daten.csv").read_bytes(), "grenzen.geojson": (tmp_path / "grenzen.geojson").read_bytes()}
    assert check_import(spec, files=uploads, disk=False).ok
    report = check_import(spec, files={"daten.csv": uploads["daten.csv"]}, disk=False)
    [problem] = report.errors
    assert problem.file == "grenzen.geojson" and "hochladen" in problem.expected_de



def test_zipped_shapefile(tmp_path: Path) -> None:
    import zipfile

    _write_shapefile(tmp_path, "EPSG:25833")
    with zipfile.ZipFile(tmp_path / "grenzen.zip", "w") as archive:
        for ext in ("shp", "shx", "dbf", "prj"):
            archive.write(tmp_path / f"grenzen.{ext}", f"grenzen/grenzen.{ext}")
            (tmp_path / f"grenzen.{ext}").unlink()
    spec = write_city(tmp_path, geometry='\n[geometry]\nfile = "grenzen.zip"\nid = "NUMMER"\n')
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")
    assert report.areas_with_geometry == {"bezirk": 2, "stadtteil": 4}
    assert any("EPSG:25833" in p.expected_de for p in report.notes)
