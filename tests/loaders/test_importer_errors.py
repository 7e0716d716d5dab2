"""Bad inputs: each kind of bad file gives a message naming file, row, column and what was expected,
and a failed import leaves an existing dataset untouched."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyproj
import pytest
import shapely

from loaders.contract import validate_dataset
from loaders.importer import check_import, main, run_import
from loaders.spec import SpecError, load_spec, parse_spec
from tests.loaders.test_importer_helpers import CSV, GEOMETRY, INDICATORS, TABLE, geojson, squares, write_city


def texts(problems) -> str:
    return "\n".join(p.text("de") + "\n" + p.text("en") for p in problems)


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# --- reading the files ----------------------------------------------------------------------


def test_wrong_separator_names_the_file_and_the_right_separator(tmp_path: Path) -> None:
    spec = write_city(tmp_path, table=TABLE.replace('separator = ";"', 'separator = ","'))
    report = check_import(load_spec(spec))
    assert not report.ok
    [problem] = report.errors
    assert problem.file == "daten.csv"
    assert "falsches Trennzeichen" in problem.text("de") and 'separator = ";"' in problem.text("de")
    assert problem.rows == (3,)  # the header line


def test_unparsable_number_names_file_line_column_and_value(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2022;12;St. Pauli;820;150;7,5", "2022;12;St. Pauli;820;150;7,5 %"))
    report = check_import(load_spec(spec))
    assert not report.ok
    [problem] = report.errors
    assert (problem.file, problem.column) == ("daten.csv", "Quote")
    assert problem.rows == (9,)  # the physical line in the file, title rows included
    assert problem.values == ("7,5 %",)
    assert "Dezimalkomma" in problem.expected_de and "decimal comma" in problem.expected_en


def test_a_decimal_point_in_a_decimal_comma_file_is_an_error_not_a_thousandfold_value(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2021;22;Südfeld;500;50;3", "2021;22;Südfeld;500;50;3.25"))
    [problem] = check_import(load_spec(spec)).errors
    assert problem.values == ("3.25",)
    assert 'decimal = "."' in problem.expected_en


def test_german_numbers_and_missing_markers_are_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_import(load_spec(write_city(tmp_path / "in")), out)
    assert report.ok, report.text("en")
    import duckdb

    rows = {
        (a, i, p): (v, n, d)
        for a, i, p, v, n, d in duckdb.sql(f"SELECT * FROM '{out / 'values.parquet'}'").fetchall()
    }
    assert rows[("11", "einwohner", 2021)][0] == 1200  # "1.200"
    assert rows[("11", "quote", 2021)][0] == 12.5  # "12,5"
    assert rows[("21", "quote", 2021)][0] is None  # "-9999"
    assert rows[("12", "anteil_kinder", 2021)] == (None, None, 800)  # "." in the numerator
    assert rows[("12", "anteil_kinder", 2022)][0] == pytest.approx(150 / 820 * 100)
    assert report.missing == 2


def test_wrong_encoding_says_which_encoding_to_declare(tmp_path: Path) -> None:
    spec = write_city(tmp_path, encoding="latin-1", table=TABLE + 'encoding = "utf-8"\n')
    [problem] = check_import(load_spec(spec)).errors
    assert problem.file == "daten.csv"
    assert 'encoding = "latin-1"' in problem.text("de")


def test_auto_encoding_reads_latin1(tmp_path: Path) -> None:
    spec = write_city(tmp_path, encoding="latin-1")
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")
    assert any("Windows-1252" in p.expected_de for p in report.notes)


def test_row_with_more_fields_than_the_header(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2021;22;Südfeld;500;50;3", "2021;22;Südfeld;500;50;3;4"))
    [problem] = check_import(load_spec(spec)).errors
    assert problem.rows == (7,)
    assert "Anführungszeichen" in problem.expected_de


def test_missing_file_is_named(tmp_path: Path) -> None:
    spec = write_city(tmp_path)
    (tmp_path / "daten.csv").unlink()
    [problem] = [p for p in check_import(load_spec(spec)).errors if p.file == "daten.csv"]
    assert "nicht gefunden" in problem.expected_de


# --- the spec -------------------------------------------------------------------------------


def test_unknown_column_in_the_spec_suggests_the_closest(tmp_path: Path) -> None:
    spec = write_city(tmp_path, indicators=INDICATORS.replace('column = "Einwohner"', 'column = "Einwohnerzahl"'))
    report = check_import(load_spec(spec))
    assert not report.ok
    problem = next(p for p in report.errors if p.column == "Einwohnerzahl")
    assert problem.file == "daten.csv"
    assert "„Einwohner“" in problem.expected_de and "Jahr" in problem.expected_de


def test_typo_in_a_spec_key_suggests_the_key(tmp_path: Path) -> None:
    spec = write_city(tmp_path, table=TABLE.replace("separator", "seperator"))
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    [problem] = caught.value.problems
    assert problem.file == "import.toml"
    assert problem.column == "tables.daten.seperator"
    assert "„separator“" in problem.expected_de


def test_spec_values_are_checked_with_the_key_named(tmp_path: Path) -> None:
    spec = write_city(tmp_path, indicators=INDICATORS.replace('kind = "share"', 'kind = "percent"', 1))
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    assert any(p.column == "indicators[1] (anteil_kinder).kind" and "share" in p.expected_en for p in caught.value.problems)


def test_invalid_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec("[dataset]\nname = \n", tmp_path)
    assert "line 2" in caught.value.problems[0].expected_en


def test_spec_referring_to_an_unknown_table(tmp_path: Path) -> None:
    spec = write_city(tmp_path, indicators=INDICATORS.replace('table = "daten"', 'table = "data"', 1))
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    assert any("unknown table 'data'" in p.expected_en for p in caught.value.problems)


# --- ids and geometry -----------------------------------------------------------------------


def test_id_mismatch_is_listed_with_the_closest_match(tmp_path: Path) -> None:
    """Geometry matched by name: "St.Pauli" in the boundaries against "St. Pauli" in the data."""
    spec = write_city(tmp_path, geometry='\n[geometry]\nfile = "grenzen.geojson"\nname = "name"\n')
    names = {"Altstadt": squares()["11"], "St.Pauli": squares()["12"], "Nordhafen": squares()["21"], "Südfeld": squares()["22"]}
    (tmp_path / "grenzen.geojson").write_text(geojson(names, key="name"))
    report = check_import(load_spec(spec))
    assert report.ok
    [unmatched] = report.geometries_without_data
    assert unmatched.value == "St.Pauli" and unmatched.suggestions == ("St. Pauli",)
    # Bezirk 1 cannot be drawn either: it is only dissolved when all its Stadtteile have a boundary
    assert [m.area_id for m in report.areas_without_geometry] == ["1", "12"]
    assert "meinten Sie „St. Pauli“" in report.text("de")


def test_data_ids_not_among_the_areas_are_listed_with_suggestions(tmp_path: Path) -> None:
    areas = "Stadtteil;Name\n11;Altstadt\n12;St. Pauli\n21;Nordhafen\n22;Südfeld\n"
    (tmp_path / "gebiete.csv").write_text(areas)
    extra = '\n[tables.gebiete]\nfile = "gebiete.csv"\nseparator = ";"\nid = "Stadtteil"\nname = "Name"\n\n[areas]\ntable = "gebiete"\n'
    spec = write_city(tmp_path, csv=CSV.replace("2022;22;Südfeld", "2022;220;Südfeld"), spec_extra=extra)
    report = check_import(load_spec(spec))
    [unmatched] = report.unmatched_ids
    assert (unmatched.file, unmatched.column, unmatched.value, unmatched.rows) == ("daten.csv", "Stadtteil", "220", (11,))
    assert "22" in unmatched.suggestions


def test_projected_geometry_is_reprojected_to_wgs84(tmp_path: Path) -> None:
    """Boundaries in EPSG:25832 (with a GeoJSON crs member) come out where they were in WGS84."""
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    projected = {k: shapely.transform(g, lambda c: __import__("numpy").column_stack(to_utm.transform(c[:, 0], c[:, 1]))) for k, g in squares().items()}
    assert projected["11"].bounds[0] > 100_000  # really metres
    spec = write_city(tmp_path)
    (tmp_path / "grenzen.geojson").write_text(geojson(projected, crs="urn:ogc:def:crs:EPSG::25832"))
    out = tmp_path / "out"
    report = run_import(load_spec(spec), out)
    assert report.ok, report.text("en")
    assert any("EPSG:25832" in p.expected_de for p in report.notes)
    import pyarrow.parquet as pq

    areas = pq.read_table(out / "areas.parquet").to_pylist()
    drawn = {a["area_id"]: shapely.from_wkb(a["geometry"]) for a in areas}
    for area_id, original in squares().items():
        assert drawn[area_id].bounds == pytest.approx(original.bounds, abs=1e-7)
    # the coarser level is dissolved from its Stadtteile
    assert drawn["1"].area == pytest.approx((drawn["11"] | drawn["12"]).area)


def test_projected_geometry_without_crs_asks_for_it(tmp_path: Path) -> None:
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    projected = {k: shapely.transform(g, lambda c: __import__("numpy").column_stack(to_utm.transform(c[:, 0], c[:, 1]))) for k, g in squares().items()}
    spec = write_city(tmp_path)
    (tmp_path / "grenzen.geojson").write_text(geojson(projected))
    [problem] = check_import(load_spec(spec)).errors
    assert (problem.file, problem.column) == ("grenzen.geojson", "crs")
    assert 'crs = "EPSG:25832"' in problem.expected_de


def test_declared_crs_in_the_spec(tmp_path: Path) -> None:
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
    projected = {k: shapely.transform(g, lambda c: __import__("numpy").column_stack(to_utm.transform(c[:, 0], c[:, 1]))) for k, g in squares().items()}
    spec = write_city(tmp_path, geometry=GEOMETRY + 'crs = "EPSG:25833"\n')
    (tmp_path / "grenzen.geojson").write_text(geojson(projected))
    report = check_import(load_spec(spec))
    assert report.ok and report.areas_with_geometry == {"bezirk": 2, "stadtteil": 4}


def test_invalid_polygon_is_repaired_with_a_warning(tmp_path: Path) -> None:
    bowtie = shapely.Polygon([(10.6, 53.8), (10.61, 53.81), (10.61, 53.8), (10.6, 53.81)])
    assert not bowtie.is_valid
    spec = write_city(tmp_path)
    (tmp_path / "grenzen.geojson").write_text(geojson({**squares(), "11": bowtie}))
    report = check_import(load_spec(spec))
    assert report.ok, report.text("en")
    [warning] = report.warnings
    assert warning.file == "grenzen.geojson" and "make_valid" in warning.expected_de
    assert warning.values[0].startswith("11:")


# --- values out of range --------------------------------------------------------------------


def test_share_above_100_percent_is_reported(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2022;21;Nordhafen;2.100;420;10", "2022;21;Nordhafen;2.100;420;112,5"))
    report = check_import(load_spec(spec))
    assert report.ok  # a share without numerator breaks no rule of the contract: reported, imported
    [problem] = report.out_of_range
    assert (problem.file, problem.column, problem.rows) == ("daten.csv", "Quote", (10,))
    assert "112.5" in problem.values[0] and "100 %" in problem.expected_de


def test_numerator_above_denominator_stops_the_import(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2022;22;Südfeld;510;60;2,5", "2022;22;Südfeld;510;600;2,5"))
    report = check_import(load_spec(spec))
    assert not report.ok
    [problem] = report.errors
    assert problem.rows == (11,) and "600 > 510" in problem.values[0]
    assert "100 %" in problem.expected_de


def test_negative_count_stops_the_import(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2021;22;Südfeld;500;50;3", "2021;22;Südfeld;-500;50;3"))
    report = check_import(load_spec(spec))
    assert any("negativ" in p.expected_de and p.rows == (7,) for p in report.errors)


def test_an_empty_column_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """Like Berlin's KI_08: every cell empty — no crash, the indicator is named and left out."""
    csv = "".join(line + (";Leer" if i == 2 else ";") + "\n" for i, line in enumerate(CSV.splitlines()))
    extra = '\n[[indicators]]\nid = "leer"\ntable = "daten"\ncolumn = "Leer"\nlabel_de = "Leer"\nlabel_en = "Empty"\nkind = "count"\n'
    report = check_import(load_spec(write_city(tmp_path, csv=csv, spec_extra=extra)))
    assert report.ok
    assert "leer" not in report.indicators
    assert any("leer" in (p.column or "") and "fehlen" in p.expected_de for p in report.warnings)


# --- atomic writes --------------------------------------------------------------------------


def test_failed_import_leaves_the_existing_dataset_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    assert run_import(load_spec(write_city(tmp_path / "good")), out).ok
    before = folder_digest(out)
    bad = write_city(tmp_path / "bad", csv=CSV.replace("1.250", "1.25O"))
    report = run_import(load_spec(bad), out)
    assert not report.ok
    assert folder_digest(out) == before
    assert validate_dataset(out) == []
    assert (tmp_path / "dataset.import-report.txt").read_text().startswith("Importbericht")
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == [".dataset.lock", os.readlink(out)]  # the lock and the one version: no staging folder left


def test_successful_import_replaces_the_dataset_and_saves_the_report(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    assert run_import(load_spec(write_city(tmp_path / "one")), out).ok
    second = write_city(tmp_path / "two", csv=CSV.replace("1.250", "1.260"))
    first = os.readlink(out)
    report = run_import(load_spec(second), out)
    assert report.ok and report.output == str(out)
    assert json.loads((out / "import_report.json").read_text())["ok"] is True
    assert "Teststadt" in (out / "import_report.txt").read_text()
    assert validate_dataset(out) == []
    # `dataset` links to the new version; the one before stays, linked as .dataset.previous, until the next import
    assert out.is_symlink() and os.readlink(tmp_path / ".dataset.previous") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".dataset.lock", ".dataset.previous", first, os.readlink(out), "dataset", "one", "two"])


def test_a_folder_that_is_not_a_dataset_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "important.txt").write_text("keep me")
    report = run_import(load_spec(write_city(tmp_path / "in")), out)
    assert not report.ok and "dataset.json" in report.errors[0].expected_en
    assert (out / "important.txt").read_text() == "keep me"


# --- the command line -----------------------------------------------------------------------


def test_cli_imports_and_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_city(tmp_path / "in")
    assert main([str(spec), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    output = capsys.readouterr().out
    assert "Imported into" in output and "Values: 22, missing values: 2" in output


def test_cli_bad_spec_exits_one_with_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_city(tmp_path, table=TABLE.replace("separator", "seperator"))
    assert main([str(spec), "--check"]) == 1
    assert "tables.daten.seperator" in capsys.readouterr().err


def test_cli_failed_import_exits_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("1.250", "1.25O"))
    assert main([str(spec), "--out", str(tmp_path / "out")]) == 1
    assert "FEHLGESCHLAGEN" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_data_root_and_environment_variables_in_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_city(tmp_path / "data")
    text = (tmp_path / "data" / "import.toml").read_text()
    (tmp_path / "spec.toml").write_text(text.replace('file = "daten.csv"', 'file = "${TEST_DATA}/daten.csv"'))
    monkeypatch.setenv("TEST_DATA", str(tmp_path / "data"))
    assert check_import(load_spec(tmp_path / "spec.toml", data_root=tmp_path / "data")).ok
    monkeypatch.delenv("TEST_DATA")
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "spec.toml")
    assert "TEST_DATA" in caught.value.problems[0].expected_en


def test_social_index_table_is_checked_against_the_indicators(tmp_path: Path) -> None:
    pytest.importorskip("metrics.social_index")
    extra = (
        '\n[dataset.social_index]\nlevel = "stadtteil"\nstatus_indicators = ["quote", "armut"]\ndynamics_indicators = []\n'
        "higher_is_better = []\n"
    )
    spec = write_city(tmp_path)
    text = spec.read_text().replace('population_indicator = "einwohner"\n', 'population_indicator = "einwohner"\n' + extra, 1)
    with pytest.raises(SpecError) as caught:
        parse_spec(text, tmp_path, "import.toml")
    assert any(p.column == "dataset.social_index" and "armut" in p.expected_en for p in caught.value.problems)
    valid = text.replace('["quote", "armut"]', '["quote"]')
    assert parse_spec(valid, tmp_path).dataset["social_index"]["status_indicators"] == ["quote"]
    neutral = valid.replace("higher_is_better = []\n", "")
    with pytest.raises(SpecError) as caught:
        parse_spec(neutral, tmp_path)
    assert "polarity" in caught.value.problems[0].expected_en  # metrics/social_index.py's own message, with the key


def test_unknown_geometry_property_suggests_the_closest(tmp_path: Path) -> None:
    spec = write_city(tmp_path, geometry=GEOMETRY.replace('id = "nummer"', 'id = "numer"'))
    [problem] = check_import(load_spec(spec)).errors
    assert (problem.file, problem.column) == ("grenzen.geojson", "numer")
    assert "„nummer“" in problem.expected_de


def test_duplicate_rows_name_both_lines(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV + "2022;11;Altstadt;1.251;210;12,0\n")
    report = check_import(load_spec(spec))
    problem = next(p for p in report.errors if "doppelt" in p.expected_de)
    assert problem.file == "daten.csv" and problem.rows == (12,)
    assert problem.values == ("11 2022 = daten.csv 8",)


def test_empty_file(tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv="")
    [problem] = check_import(load_spec(spec)).errors
    assert problem.file == "daten.csv"


def test_values_of_a_coarser_level(tmp_path: Path) -> None:
    """A table of Bezirk values (level = "bezirk") is stored on that level; unknown Bezirk ids are listed."""
    (tmp_path / "bezirke.csv").write_text("Bezirk;Jahr;Ärzte\n1;2022;14\n2;2022;9\n3;2022;1\n")
    extra = (
        '\n[tables.bezirke]\nfile = "bezirke.csv"\nid = "Bezirk"\nperiod = "Jahr"\nlevel = "bezirk"\n'
        '\n[[indicators]]\nid = "aerzte"\ntable = "bezirke"\ncolumn = "Ärzte"\nlabel_de = "Ärzte"\nlabel_en = "Doctors"\nkind = "count"\n'
        'domain = "gesundheit"\n'
    )
    out = tmp_path / "out"
    report = run_import(load_spec(write_city(tmp_path, spec_extra=extra)), out)
    assert report.ok, report.text("en")
    [unknown] = report.unmatched_ids
    assert (unknown.file, unknown.value, unknown.rows) == ("bezirke.csv", "3", (4,))
    from loaders.store import Store

    assert Store(out).values("aerzte", 2022, "bezirk").set_index("area_id").value.to_dict() == {"1": 14, "2": 9}


# --- nothing ends in a traceback ----------------------------------------------------------------


def test_an_unexpected_failure_in_a_reader_names_the_file_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import loaders.importer as importer

    def broken(*args, **kwargs):
        raise RuntimeError("Some library's English text {placeholder}")

    monkeypatch.setattr(importer, "read_table", broken)
    spec = write_city(tmp_path)
    [problem] = check_import(load_spec(spec)).errors
    assert problem.file == "daten.csv" and problem.expected_de.startswith("Datei nicht lesbar: unerwarteter Fehler beim Lesen")
    assert "placeholder" not in problem.text("de") + problem.text("en")
    assert main([str(spec), "--check"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err and "daten.csv — Datei nicht lesbar" in captured.err


def test_an_internal_error_is_a_message_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.importer as importer

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr(importer, "_hierarchy", broken)
    [problem] = check_import(load_spec(write_city(tmp_path))).errors
    assert problem.file == "import.toml" and "interner Fehler beim Import" in problem.expected_de
