"""Boundaries as a surveying office delivers them: a local projection (an ESRI WKT "UTM zone 32N"
with a false easting of 2,500,000 m) and a Windows-1252 .dbf whose code page is only in its
header byte. And geodata that cannot be read — a damaged shapefile, a corrupt zip, a JSON nested
a hundred thousand levels deep — ends in a message in our own words, never a library's text
or a traceback, on the command line as on the page.
"""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pyproj
import pytest
import shapely

from loaders.geodata import FeatureSet, crs_label, read_features
from loaders.importer import check_import, main
from loaders.readers import SourceError
from loaders.spec import SpecError, load_spec, parse_spec
from tests.conftest import REPO_ROOT
from tests.loaders import test_importer_helpers as teststadt
from tests.loaders.bigcity import BOROUGHS, LOCAL_WKT, borough_polygons, district_polygons, write_boundaries, write_city, write_shapefile

LIBRARY_TEXT = re.compile(r"pad_bytes|\{|Could not|decode|Unable|struct|Traceback|Expecting|BadZipFile|RecursionError|Invalid value")


def boroughs(folder: Path, **options) -> FeatureSet:
    """The Stadtbezirk shapefile, written with `options` and read back as the importer reads it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_boundaries(folder, **options)
    parts = {ext: (folder / f"stadtbezirke{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg") if (folder / f"stadtbezirke{ext}").exists()}
    return read_features(parts, "stadtbezirke.shp")


def names(features: FeatureSet) -> list[str]:
    return [f.properties["STB_NAME"] for f in features.features]


def encoding_note(features: FeatureSet) -> str:
    [note] = [n for n in features.notes if n.column == "encoding"]
    return note.expected_de


# --- attribute encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "how"),
    [
        ({"ldid": 0x57}, "als Windows-1252 gelesen (Code-Page-Byte 0x57 im .dbf-Kopf)"),
        ({"ldid": 0x03}, "als Windows-1252 gelesen (Code-Page-Byte 0x03 im .dbf-Kopf)"),
        ({"ldid": None, "cpg": "1252"}, "als Windows-1252 gelesen (laut .cpg-Datei „1252“)"),
        ({"ldid": 0x57, "cpg": "ANSI 1252"}, "als Windows-1252 gelesen (laut .cpg-Datei „ANSI 1252“)"),
        ({"ldid": None, "cpg": "ISO-8859-15", "encoding": "iso8859-15"}, "als ISO-8859-15 gelesen (laut .cpg-Datei „ISO-8859-15“)"),
        ({"ldid": 0x02, "encoding": "cp850"}, "als CP850 gelesen (Code-Page-Byte 0x02 im .dbf-Kopf)"),
        ({"ldid": None, "encoding": "utf-8"}, "als UTF-8 gelesen (weder .cpg noch Code-Page-Byte; alle Texte sind gültiges UTF-8)"),
        ({"ldid": None, "cpg": "UTF-8", "encoding": "utf-8"}, "als UTF-8 gelesen (laut .cpg-Datei „UTF-8“)"),
        ({"ldid": None}, "als Windows-1252 gelesen (geraten: weder .cpg noch Code-Page-Byte, und die Texte sind kein UTF-8"),
    ],
)
def test_umlauts_survive_every_way_a_dbf_states_its_encoding(tmp_path: Path, options: dict, how: str) -> None:
    features = boroughs(tmp_path, **options)
    assert names(features) == list(BOROUGHS.values())  # Südufer, Lindenhöhe, Mühlenau …
    assert how in encoding_note(features)


def test_a_windows_1252_shapefile_without_encoding_key_imports_with_correct_umlauts(tmp_path: Path) -> None:
    """Done when: no `encoding` key, no .cpg — the header byte 0x57 says Windows-1252."""
    spec = write_city(tmp_path, rows=r"skip_ids = ['0\d\d']")
    assert "encoding" not in spec.read_text(encoding="utf-8")
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")
    notes = [p.text("de") for p in report.notes if p.column == "encoding"]
    assert notes == [f"{f}, Spalte „encoding“ — Texte der .dbf als Windows-1252 gelesen (Code-Page-Byte 0x57 im .dbf-Kopf)"
                     for f in ("stadtteile.shp", "stadtbezirke.shp")]


def test_a_cpg_that_is_wrong_is_an_error_in_our_words(tmp_path: Path) -> None:
    write_boundaries(tmp_path, cpg="UTF-8")  # the texts are Windows-1252
    parts = {ext: (tmp_path / f"stadtbezirke{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg")}
    with pytest.raises(SourceError) as caught:
        read_features(parts, "stadtbezirke.shp")
    [problem] = caught.value.problems
    assert problem.column == "encoding"
    assert "lassen sich nicht als UTF-8 lesen (laut .cpg-Datei „UTF-8“)" in problem.expected_de
    assert 'encoding = "cp1252"' in problem.expected_de and 'encoding = "cp1252"' in problem.expected_en
    assert not LIBRARY_TEXT.search(problem.expected_de.replace('encoding = "', "")) and not LIBRARY_TEXT.search(problem.expected_en.replace('encoding = "', ""))
    # declared in the spec, the encoding wins over the .cpg
    assert names(read_features(parts, "stadtbezirke.shp", encoding="cp1252")) == list(BOROUGHS.values())


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda p: {**p, ".dbf": p[".dbf"][: len(p[".dbf"]) // 2]}, "Teile passen nicht zusammen oder sind abgeschnitten"),
        (lambda p: {**p, ".dbf": p[".dbf"][:20]}, ".dbf zu kurz"),
        (lambda p: {**p, ".shp": p[".shp"][: len(p[".shp"]) // 2]}, "Teile passen nicht zusammen oder sind abgeschnitten"),
        (lambda p: {**p, ".shp": p[".shp"][:100] + b"\x07" * 300}, "Teile passen nicht zusammen oder sind abgeschnitten"),
        (lambda p: {**p, ".shx": p[".shx"][:116]}, "2 Geometrien, aber 9 Datensätze in der .dbf"),  # an index of two records
        (lambda p: {**p, ".shp": b"%PDF-1.4" + p[".shp"]}, "keine Shapefile-Geometriedatei (.shp)"),
    ],
)
def test_a_damaged_shapefile_says_so_in_our_words(tmp_path: Path, damage, expected: str) -> None:
    write_boundaries(tmp_path)
    parts = {ext: (tmp_path / f"stadtbezirke{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj")}
    with pytest.raises(SourceError) as caught:
        read_features(damage(parts), "stadtbezirke.shp")
    [problem] = caught.value.problems
    assert problem.file == "stadtbezirke.shp" and expected in problem.expected_de
    assert not LIBRARY_TEXT.search(problem.expected_de) and not LIBRARY_TEXT.search(problem.expected_en)


# --- coordinate systems ---------------------------------------------------------------------------


def test_a_local_projection_is_named_honestly_and_reprojected_right(tmp_path: Path) -> None:
    features = boroughs(tmp_path)
    assert features.crs.label_de == (
        "„UTM zone 32N“ (ETRS89, Transverse Mercator, Mittelmeridian 9°, False Easting 2.500.000 m; kein EPSG-Code, entspricht ESRI:102328)"
    )
    assert "false easting 2,500,000 m; no EPSG code" in features.crs.label_en
    assert features.crs.definition == LOCAL_WKT
    [note] = [n for n in features.notes if n.column is None]
    assert note.expected_de == f"von {features.crs.label_de} nach WGS84 umprojiziert"
    assert "32632" not in note.expected_de and "PROJCS" not in note.expected_de
    expected = borough_polygons()
    for feature in features.features:
        got = feature.geometry
        assert got.bounds == pytest.approx(expected[feature.properties["STB_NR"]].bounds, abs=1e-7)


@pytest.mark.parametrize(
    ("definition", "label"),
    [
        (pyproj.CRS("EPSG:25832").to_wkt("WKT1_ESRI"), "EPSG:25832 (ETRS89 / UTM zone 32N)"),
        (pyproj.CRS("EPSG:4647").to_wkt("WKT1_ESRI"), "EPSG:4647 (ETRS89 / UTM zone 32N (zE-N))"),
        (pyproj.CRS("EPSG:31467").to_wkt("WKT1_ESRI"), "EPSG:31467 (DHDN / 3-degree Gauss-Kruger zone 3)"),
    ],
)
def test_known_projections_get_their_epsg_code(definition: str, label: str) -> None:
    assert crs_label(pyproj.CRS(definition)) == (label, label)


def test_a_declared_crs_that_contradicts_the_prj_is_a_warning(tmp_path: Path) -> None:
    write_boundaries(tmp_path)
    parts = {ext: (tmp_path / f"stadtbezirke{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj")}
    features = read_features(parts, "stadtbezirke.shp", crs="EPSG:25832")
    [warning] = features.warnings
    assert warning.expected_de.startswith('die Spezifikation sagt crs = "EPSG:25832", die .prj-Datei sagt „UTM zone 32N“ (ETRS89')
    assert warning.expected_de.endswith("die Angabe der Spezifikation gilt — bitte prüfen")
    assert not read_features(parts, "stadtbezirke.shp", crs="ESRI:102328").warnings  # the same system under its ESRI code


def test_the_full_wkt_only_behind_a_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_city(tmp_path)
    assert main([str(spec), "--check"]) == 0
    out = capsys.readouterr().out
    assert out.count("„UTM zone 32N“") == 2  # once per shapefile, short
    assert "PROJCS" not in out
    assert main([str(spec), "--check", "--show-crs", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.count(LOCAL_WKT) == 2 and "Coordinate reference systems (full definition):" in out


# --- files that cannot be read ------------------------------------------------------------------


def deep_geojson() -> bytes:
    return ('{"type": "FeatureCollection", "features": [' + "[" * 100_000 + "]" * 100_000 + "]}").encode()


BROKEN = {
    "corrupt zip": ("grenzen.zip", b"PK\x03\x04" + b"\x00" * 200, "keine lesbare ZIP-Datei"),
    "deeply nested GeoJSON": ("grenzen.geojson", deep_geojson(), "zu tief verschachteltes JSON"),
}


def broken_city(folder: Path, file: str, data: bytes) -> Path:
    spec = teststadt.write_city(folder, geometry=f'\n[geometry]\nfile = "{file}"\nid = "nummer"\n')
    (folder / file).write_bytes(data)
    return spec


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_geodata_file_is_a_message(tmp_path: Path, case: str) -> None:
    file, data, expected = BROKEN[case]
    report = check_import(load_spec(broken_city(tmp_path, file, data)))
    [problem] = report.errors
    assert problem.file == file and expected in problem.expected_de
    assert not LIBRARY_TEXT.search(problem.expected_de) and not LIBRARY_TEXT.search(problem.expected_en)


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_command_line_prints_the_message_not_a_traceback(tmp_path: Path, case: str) -> None:
    file, data, expected = BROKEN[case]
    spec = broken_city(tmp_path, file, data)
    done = subprocess.run([sys.executable, "-m", "loaders.importer", str(spec), "--check"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert expected in done.stderr and f"{file} — " in done.stderr


def test_a_zip_with_two_shapefiles_asks_for_one(tmp_path: Path) -> None:
    write_boundaries(tmp_path)
    with zipfile.ZipFile(tmp_path / "grenzen.zip", "w") as archive:
        for stem in ("stadtteile", "stadtbezirke"):
            for ext in (".shp", ".shx", ".dbf", ".prj"):
                archive.write(tmp_path / f"{stem}{ext}", f"{stem}{ext}")
    with pytest.raises(SourceError) as caught:
        read_features({".zip": (tmp_path / "grenzen.zip").read_bytes()}, "grenzen.zip")
    assert "mehrere Shapefiles (stadtbezirke, stadtteile)" in caught.value.problems[0].expected_de
    # one shapefile per zip (in a folder, with a Mac's resource files beside it) reads fine
    with zipfile.ZipFile(tmp_path / "bezirke.zip", "w") as archive:
        for ext in (".shp", ".shx", ".dbf", ".prj"):
            archive.write(tmp_path / f"stadtbezirke{ext}", f"grenzen/stadtbezirke{ext}")
            archive.writestr(f"__MACOSX/grenzen/._stadtbezirke{ext}", b"\x00")
    features = read_features({".zip": (tmp_path / "bezirke.zip").read_bytes()}, "bezirke.zip")
    assert names(features) == list(BOROUGHS.values())


def test_json_syntax_errors_in_our_words() -> None:
    with pytest.raises(SourceError) as caught:
        read_features({".geojson": b'{"type": "FeatureCollection",\n "features": [}'}, "grenzen.geojson")
    [problem] = caught.value.problems
    assert problem.expected_de == "kein gültiges JSON (Zeile 2, Spalte 15): ein Wert fehlt (Datei leer, abgeschnitten oder ein Komma zu viel?)"
    assert problem.rows == (2,)


@pytest.mark.parametrize(
    ("toml", "de"),
    [
        ("[dataset]\nname = Teststadt\n", "kein gültiges TOML, Zeile 2, Spalte 8: ungültiger Wert"),
        ("[tables.daten]\nskip_ids = [\"\\d\"]\n", "kein gültiges TOML, Zeile 2, Spalte 16: ungültiges \\ in einem Text: reguläre Ausdrücke in einfache"),
        ("[dataset]\nname = \"a\"\nname = \"b\"\n", "kein gültiges TOML, Zeile 3, Spalte 11: Schlüssel oder Tabelle doppelt angegeben"),
    ],
)
def test_toml_errors_in_our_words(toml: str, de: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(toml, Path("."))
    [problem] = caught.value.problems
    assert problem.expected_de.startswith(de)
    assert not LIBRARY_TEXT.search(problem.expected_en)


def test_district_boundaries_match_the_areas(tmp_path: Path) -> None:
    """The Stadtteil shapefile of the fixture: 37 squares, back in WGS84 where they were drawn."""
    write_shapefile(tmp_path / "teile.shp", {k: (k, v) for k, v in district_polygons().items()}, "ST_NR", "ST_NAME")
    parts = {ext: (tmp_path / f"teile{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj")}
    features = read_features(parts, "teile.shp")
    for feature in features.features:
        expected = district_polygons()[feature.properties["ST_NR"]]
        assert shapely.hausdorff_distance(feature.geometry, expected) < 1e-7
