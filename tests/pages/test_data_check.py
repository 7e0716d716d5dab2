"""The page "Daten prüfen": uploads in, import report out, nothing imported; and its view builders."""
from __future__ import annotations

import html
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders.importer import check_uploaded
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared
from tests.loaders.test_importer_helpers import CSV, write_city
from views.import_report import expected_files, problems_table, report_download, sections, summary

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/data_check.py"


def open_page(monkeypatch: pytest.MonkeyPatch, lang: str = "de") -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(REPO_ROOT / "data" / "demo"))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def upload(app: AppTest, spec: Path, files: list[Path]) -> AppTest:
    app.file_uploader(key="check_spec").set_value((spec.name, spec.read_bytes(), "application/toml"))
    app.file_uploader(key="check_files").set_value([(f.name, f.read_bytes(), "application/octet-stream") for f in files])
    app.run()
    assert not app.exception, app.exception
    return app


def page_text(app: AppTest) -> str:
    parts = [e.value for e in (*app.markdown, *app.caption, *app.title, *app.subheader, *app.success, *app.error, *app.info, *app.warning)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("lang", "title", "hint"), [("de", "Daten prüfen", "Noch keine Spezifikation"), ("en", "Check data", "No specification")])
def test_initial_render_in_both_languages(monkeypatch: pytest.MonkeyPatch, lang: str, title: str, hint: str) -> None:
    app = open_page(monkeypatch, lang)
    assert app.title[0].value == title
    assert hint in app.info[0].value
    assert len(app.file_uploader) == 2


def test_a_good_upload_shows_the_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = write_city(tmp_path)
    app = upload(open_page(monkeypatch), spec, [tmp_path / "daten.csv", tmp_path / "grenzen.geojson"])
    assert app.success and "der Import würde gelingen" in app.success[0].value
    assert [m.value for m in app.metric][:2] == ["2", "4"]  # Bezirke, Stadtteile
    files = app.dataframe[0].value
    assert set(files["Status"]) == {"✓ hochgeladen"}
    assert app.get("download_button")
    assert not list(tmp_path.glob("**/*.parquet"))  # nothing was written


def test_a_bad_file_says_what_to_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = write_city(tmp_path, csv=CSV.replace("2022;12;St. Pauli;820;150;7,5", "2022;12;St. Pauli;820;150;7,5 %"))
    app = upload(open_page(monkeypatch, "en"), spec, [tmp_path / "daten.csv"])
    assert app.error and "error" in app.error[0].value
    errors = next(frame.value for frame in app.dataframe if "What to do" in frame.value.columns)
    assert set(errors["File"]) == {"daten.csv", "grenzen.geojson"}
    row = errors[errors["File"] == "daten.csv"].iloc[0]
    assert (row["Column / key"], row["Rows"], row["Values"]) == ("Quote", "9", "7,5 %")
    missing = errors[errors["File"] == "grenzen.geojson"].iloc[0]
    assert "not uploaded" in missing["What to do"]
    files = app.dataframe[0].value
    assert dict(zip(files["File"], files["Status"])) == {"daten.csv": "✓ uploaded", "grenzen.geojson": "✗ missing"}


def test_a_broken_spec_names_the_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = write_city(tmp_path)
    spec.write_text(spec.read_text().replace("separator", "seperator"))
    app = upload(open_page(monkeypatch), spec, [tmp_path / "daten.csv"])
    errors = app.dataframe[0].value
    assert errors.iloc[0]["Spalte / Schlüssel"] == "tables.daten.seperator"
    assert "separator" in errors.iloc[0]["Was zu tun ist"]


def test_luebeck_upload_lists_the_stadtteile_without_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = require_shared(SHARED_DATA / "luebeck")
    spec = REPO_ROOT / "examples" / "luebeck" / "import.toml"
    files = [folder / "luebeck_stadtteile_bevoelkerung_2010_2022.csv", folder / "luebeck_stadtteile_osm_partial5.geojson"]
    app = upload(open_page(monkeypatch), spec, files)
    assert app.success
    without = next(frame.value for frame in app.dataframe if "Ebene" in frame.value.columns)
    assert sorted(without["Name"]) == ["Buntekuh", "Kücknitz", "Moisling", "Schlutup", "Travemünde"]


# --- the builders the page calls --------------------------------------------------------------


def test_builders_on_a_report(tmp_path: Path) -> None:
    write_city(tmp_path)
    broken = CSV.replace("2022;21;Nordhafen;2.100;420;10", "2022;21;Nordhafen;2.100;420;112,5")
    spec, report = check_uploaded((tmp_path / "import.toml").read_bytes(), {"daten.csv": broken.encode()}, "import.toml")
    assert spec is not None and not report.ok  # the boundaries were not uploaded
    files = expected_files(spec, {"daten.csv"}, "en")
    assert files.to_dict("list") == {
        "File": ["daten.csv", "grenzen.geojson"],
        "Role": ["table 'daten'", "boundaries"],
        "Status": ["✓ uploaded", "✗ missing"],
    }
    keys = [s.key for s in sections(report, "de")]
    assert keys[0] == "errors" and "out_of_range" in keys
    out_of_range = next(s for s in sections(report, "de") if s.key == "out_of_range").table
    assert out_of_range.iloc[0]["Zeilen"] == "10" and "112.5" in out_of_range.iloc[0]["Werte"]
    figures = dict((label, value) for label, value, _ in summary(report, "de"))
    assert figures["Stadtteil"] == "4" and figures["Werte"] == "22"
    name, data = report_download(report, "en")
    assert name == "import.import-report.en.txt" and data.decode().startswith("Import report")


def test_problems_table_lists_more_rows() -> None:
    from loaders.contract import Problem

    table = problems_table([Problem("a.csv", "x", "erwartet Zahl", "expected number", rows=(3, 4), values=("a", "b"), more_rows=7)], "de")
    assert table.iloc[0].tolist() == ["a.csv", "x", "3, 4 und 7 weitere", "a; b", "erwartet Zahl"]


# --- a large city's mixed-level file and files that cannot be read ---------------------------------


def bigcity_files(folder: Path) -> list[Path]:
    return [folder / "kennzahlen.csv"] + [folder / f"{stem}{ext}" for stem in ("stadtteile", "stadtbezirke") for ext in (".shp", ".shx", ".dbf", ".prj")]


def test_a_mixed_level_file_is_refused_with_rows_and_fix_then_checked_against_official_totals(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.loaders.bigcity import MIXED_ROWS, NAIVE_ROWS
    from tests.loaders.bigcity import write_city as write_bigcity

    naive = write_bigcity(tmp_path / "naive", rows=NAIVE_ROWS)
    app = upload(open_page(monkeypatch), naive, bigcity_files(naive.parent))
    errors = next(frame.value for frame in app.dataframe if "Was zu tun ist" in frame.value.columns)
    [row] = errors.to_dict("records")
    assert (row["Datei"], row["Spalte / Schlüssel"]) == ("kennzahlen.csv", "Nr")
    assert row["Werte"].startswith("001 → 0; 002 → 0") and "level_ids" in row["Was zu tun ist"]
    fixed = write_bigcity(tmp_path / "fixed", rows=MIXED_ROWS)
    app = upload(open_page(monkeypatch, "en"), fixed, bigcity_files(fixed.parent))
    assert app.success
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Official totals"] == "148"


@pytest.mark.parametrize(("case", "expected"), [("corrupt zip", "keine lesbare ZIP-Datei"), ("deeply nested GeoJSON", "zu tief verschachteltes JSON")])
def test_a_broken_geodata_upload_shows_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str, expected: str) -> None:
    from tests.loaders.test_importer_geodata import BROKEN, broken_city

    file, data, _ = BROKEN[case]
    spec = broken_city(tmp_path, file, data)
    app = upload(open_page(monkeypatch), spec, [tmp_path / "daten.csv", tmp_path / file])
    errors = next(frame.value for frame in app.dataframe if "Was zu tun ist" in frame.value.columns)
    [row] = errors[errors["Datei"] == file].to_dict("records")
    assert expected in row["Was zu tun ist"] and "Traceback" not in page_text(app)


# --- upload limits and the cache -------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("de", "höchstens 30 Dateien, je Datei 25 MB, zusammen 75 MB"), ("en", "at most 30 files, 25 MB per file, 75 MB in all")])
def test_the_limits_are_said_on_the_page(monkeypatch: pytest.MonkeyPatch, lang: str, said: str) -> None:
    app = open_page(monkeypatch, lang)
    assert any(said in caption.value for caption in app.caption)
    config = (REPO_ROOT / ".streamlit" / "config.toml").read_text()
    assert "maxUploadSize = 25" in config  # the server enforces the size per file, as the page says


def test_too_many_files_are_refused_before_anything_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import loaders.importer

    calls = []
    monkeypatch.setattr(loaders.importer, "check_uploaded", lambda *args: calls.append(args))
    spec = write_city(tmp_path)
    extra = []
    for number in range(30):
        path = tmp_path / f"leer_{number}.csv"
        path.write_text("a;b\n")
        extra.append(path)
    app = upload(open_page(monkeypatch, "en"), spec, [tmp_path / "daten.csv", *extra])
    assert "31 files uploaded, 30 are allowed" in html.unescape(app.error[0].value)  # shown escaped, as text
    assert calls == [] and not app.dataframe


def test_the_check_is_cached_by_digest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import loaders.importer

    real = loaders.importer.check_uploaded
    calls = []

    def counted(spec_bytes, files, spec_name):
        calls.append(sorted(files))
        return real(spec_bytes, files, spec_name)

    monkeypatch.setattr(loaders.importer, "check_uploaded", counted)
    st.cache_data.clear()  # the cache is the process's: forget other tests' uploads of the same city
    spec = write_city(tmp_path)
    app = upload(open_page(monkeypatch), spec, [tmp_path / "daten.csv", tmp_path / "grenzen.geojson"])
    app.run()  # the same files again: answered from the cache
    assert app.success and len(calls) == 1
    (tmp_path / "daten.csv").write_text(CSV.replace("1.250", "1.260"), encoding="utf-8")
    upload(app, spec, [tmp_path / "daten.csv", tmp_path / "grenzen.geojson"])  # other bytes: checked anew
    assert len(calls) == 2
