"""The PDF reports: rendered to PNG and text with poppler (pdftoppm, pdftotext), pages checked.

Numbers are checked against values computed here from the raw Parquet files (numerator and
denominator sums), and withheld values against a dataset whose hidden values are distinctive.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from loaders.store import Store
from reports.__main__ import main
from reports.area import area_report
from reports.indicator import indicator_report
from reports import pdf_name
from reports.source import StoreSource, headline_indicators
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from views.i18n import format_value

DEMO = REPO_ROOT / "data" / "demo"
BASE = "https://monitor.example/luebeck"


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs Debian's poppler-utils")
        pytest.skip(f"{tool} is not installed (apt-get install -y poppler-utils)")
    return found


def pdf_text(path: Path) -> str:
    """The PDF's text; no-break spaces as spaces (as pdftotext writes them)."""
    done = subprocess.run([poppler("pdftotext"), "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return done.stdout.replace("\xa0", " ")


def shown(value: float, unit: str, lang: str, decimals: int) -> str:
    """A value as the report prints it (format_value, no-break spaces as spaces)."""
    return format_value(value, unit, lang, decimals).replace("\xa0", " ")


def pages_as_png(path: Path, folder: Path) -> list[Path]:
    subprocess.run([poppler("pdftoppm"), "-r", "50", "-png", str(path), str(folder / path.stem)], check=True)
    return sorted(folder.glob(f"{path.stem}*.png"))


def ink(png: Path) -> float:
    """The share of a page's pixels that are not white."""
    pixels = np.asarray(Image.open(png).convert("L"))
    return float((pixels < 200).mean())


def check_pages(path: Path, folder: Path, minimum: int) -> list[Path]:
    pngs = pages_as_png(path, folder)
    assert len(pngs) >= minimum
    for png in pngs:
        width, height = Image.open(png).size
        assert abs(height / width - 297 / 210) < 0.01, "A4 portrait"
        assert ink(png) > 0.01, f"{png.name} is blank"
    return pngs


@pytest.fixture(scope="module")
def demo() -> StoreSource:
    return StoreSource(Store(DEMO))


@pytest.fixture(scope="module")
def raw() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(DEMO / "values.parquet"), pd.read_parquet(DEMO / "areas.parquet")


def city_share(raw, indicator: str, period: int) -> float:
    """The city value from the raw finest-level numerators and denominators."""
    values, areas = raw
    finest = set(areas.loc[areas["level"] == "teilgebiet", "area_id"])
    rows = values[(values["indicator_id"] == indicator) & (values["period"] == period) & values["area_id"].isin(finest)]
    return rows["numerator"].sum() / rows["denominator"].sum() * 100


@pytest.mark.parametrize("lang", ["de", "en"])
def test_indicator_report_pages_and_text(demo: StoreSource, raw, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"kinderarmut_{lang}.pdf"
    path.write_bytes(indicator_report(demo, indicator="kinderarmut", period=2022, level="stadtteil", lang=lang, base_url=BASE))
    assert path.read_bytes().startswith(b"%PDF")
    check_pages(path, tmp_path, minimum=3)
    text = pdf_text(path)
    city = shown(city_share(raw, "kinderarmut", 2022), "%", lang, 1)
    assert city in text  # 27,8 % / 27.8%, from the raw sums
    expected = {
        "de": ["Kinderarmut (SGB II)", "Demodaten – keine amtliche Statistik", "Karte", "Rangfolge", "Entwicklung", "Gini-Koeffizient", "Tabelle", "Quellen und Lizenzen", "Datenstand: 2022 (31.12. des Jahres)", "Moisling", "Seite 1 von"],
        "en": ["Child poverty (SGB II)", "demo data, not official statistics", "Map", "Ranking", "Trend", "Gini coefficient", "Table", "Sources and licences", "Data as of: 2022 (31.12. des Jahres)", "Moisling", "Page 1 of"],
    }[lang]
    for phrase in expected:
        assert phrase in text, phrase
    assert f"{BASE}/?lang={lang}&indicator=kinderarmut&period=2022&level=stadtteil" in text.replace("\n", "")
    assert "CC0 1.0" in text and "Kommunale Statistikstelle" in text  # licences and the attribution


@pytest.mark.parametrize("lang", ["de", "en"])
def test_area_report_pages_and_text(demo: StoreSource, raw, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"moisling_{lang}.pdf"
    path.write_bytes(area_report(demo, area_id="03", period=2022, level="stadtteil", lang=lang, base_url=BASE))
    check_pages(path, tmp_path, minimum=3)
    text = pdf_text(path)
    values, _ = raw
    residents = values[(values["indicator_id"] == "einwohner") & (values["period"] == 2022) & values["area_id"].isin(["03.1", "03.2"])]["value"].sum()
    assert residents == 11115
    assert shown(residents, "", lang, 0) in text  # 11.115 / 11,115
    expected = {
        "de": ["Moisling", "Stadtteil 03 · 2022 · Lübeck", "Auf einen Blick", "Lage in Lübeck", "Sozialindex", "Alle Indikatoren im Vergleich zur Stadt", "Entwicklung der Kernindikatoren", "Quellen und Lizenzen", "Demodaten – keine amtliche Statistik"],
        "en": ["Moisling", "District 03 · 2022 · Lübeck", "At a glance", "Location in Lübeck", "Social index", "All indicators compared with the city", "Trends of the key indicators", "Sources and licences", "demo data, not official statistics"],
    }[lang]
    for phrase in expected:
        assert phrase in text, phrase
    assert f"{BASE}/profile?lang={lang}&indicator=sgb2_quote&period=2022&level=stadtteil&area=03" in text.replace("\n", "")


def test_fonts_are_embedded(demo: StoreSource, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(indicator_report(demo, indicator="sgb2_quote", period=2022, level="teilgebiet", lang="de", base_url=BASE))
    listing = subprocess.run([poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts and all(" yes " in line.split("TrueType", 1)[-1] for line in fonts), listing  # emb = yes
    assert all("Helvetica" not in line for line in fonts)  # no un-embedded base-14 font


def test_demo_withheld_values_are_absent(demo: StoreSource, raw, tmp_path: Path) -> None:
    """ohne_abschluss 2022 is withheld for four sub-areas in the demo: their raw values (where they
    differ from every shown value) never reach the PDF."""
    values, _ = raw
    published = demo.values("ohne_abschluss", 2022, "teilgebiet")
    hidden_ids = list(published.loc[published["suppressed"], "area_id"])
    assert hidden_ids
    hidden = values[(values["indicator_id"] == "ohne_abschluss") & (values["period"] == 2022) & values["area_id"].isin(hidden_ids)]
    visible = {shown(v, "%", "de", 1) for v in published["value"].dropna()}
    distinctive = [shown(v, "%", "de", 1) for v in hidden["value"] if shown(v, "%", "de", 1) not in visible]
    assert distinctive
    path = tmp_path / "ohne_abschluss.pdf"
    path.write_bytes(indicator_report(demo, indicator="ohne_abschluss", period=2022, level="teilgebiet", lang="de", base_url=BASE))
    text = pdf_text(path)
    assert "geheim gehalten" in text
    for label in distinctive:
        assert not re.search(rf"(?<![\d,.]){re.escape(label)}", text), label


@pytest.fixture
def withheld_dataset(tmp_path: Path) -> Path:
    """The factory dataset with distinctive withheld shares: B2 1/7 = 14,3 % (small base) and,
    by complementary suppression, B1 6/47 = 12,8 %."""
    folder = factory.write_dataset(tmp_path / "ds")
    values = factory.values()
    for i, (area, indicator) in enumerate(zip(values["area_id"], values["indicator_id"])):
        if indicator == "poverty" and area == "B2":
            values["numerator"][i], values["denominator"][i], values["value"][i] = 1.0, 7.0, 100 / 7
        if indicator == "poverty" and area == "B1":
            values["numerator"][i], values["denominator"][i], values["value"][i] = 6.0, 47.0, 600 / 47
    factory.write_table(folder, "values.parquet", values)
    return folder


@pytest.mark.parametrize("lang", ["de", "en"])
def test_withheld_values_are_absent_from_every_report(withheld_dataset: Path, tmp_path: Path, lang: str) -> None:
    source = StoreSource(Store(withheld_dataset))
    assert set(source.values("poverty", 2021, "teil").query("suppressed")["area_id"]) == {"B1", "B2"}
    reports = {
        "teil": indicator_report(source, indicator="poverty", period=2021, level="teil", lang=lang, base_url=BASE),
        "bezirk": indicator_report(source, indicator="poverty", period=2021, level="bezirk", lang=lang, base_url=BASE),
        **{area: area_report(source, area_id=area, period=2021, level="teil", lang=lang, base_url=BASE) for area in ("B1", "B2")},
        "B": area_report(source, area_id="B", period=2021, level="bezirk", lang=lang, base_url=BASE),
    }
    for name, data in reports.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        text = pdf_text(path)
        for hidden in ("14,3", "14.3", "12,8", "12.8", "1/7", "6/47"):
            assert hidden not in text, (name, hidden)
    teil = pdf_text(tmp_path / "teil.pdf")
    assert shown(30.0, "%", lang, 1) in teil  # A2 = 90/300, shown
    assert {"de": "geheim gehalten", "en": "withheld"}[lang] in teil


def test_headline_indicators_come_from_the_dataset(demo: StoreSource, withheld_dataset: Path) -> None:
    assert headline_indicators(demo.store) == [
        "anteil_65_plus", "ohne_abschluss", "sgb2_quote", "kinderarmut", "arbeitslosenanteil",
        "uebergewicht_einschulung", "online_antraege", "hilfen_zur_erziehung", "wohnflaeche",
    ]
    # without the key: the default indicator (and a social index's status indicators)
    assert headline_indicators(Store(withheld_dataset)) == ["poverty"]


def test_file_names_say_what_is_inside() -> None:
    assert pdf_name("gebiet", "02", "St. Jürgen", 2022, "de") == "sozialmonitor_gebiet_02_st-juergen_2022_de.pdf"
    assert pdf_name("kinderarmut", "stadtteil", 2022, "en") == "sozialmonitor_kinderarmut_stadtteil_2022_en.pdf"


def test_command_line_writes_a_committee_paper(withheld_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "paper"
    code = main(["all", "--out", str(out), "--data", str(withheld_dataset), "--lang", "en", "--level", "teil", "--base-url", BASE])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [pdf_name("poverty", "teil", 2021, "en")] + [pdf_name("area", a, n, 2021, "en") for a, n in (("A1", "Altstadt Nord"), ("A2", "Altstadt Süd"), ("B1", "Bergdorf West"), ("B2", "Bergdorf Ost"))]
    )
    assert all((out / n).read_bytes().startswith(b"%PDF") for n in names)
    assert "[##############################] 5/5" in captured.err  # the progress bar reaches the end
    assert "5 reports in" in captured.out


def test_command_line_writes_the_demo_committee_paper(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The Lübeck demo's paper for one indicator: its report and one per Stadtteil, each a PDF whose
    pages render and carry the demo notice; the default data is the demo."""
    out = tmp_path / "sitzung"
    code = main(["all", "--out", str(out), "--indicators", "kinderarmut", "--level", "stadtteil", "--base-url", BASE])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    areas = pd.read_parquet(DEMO / "areas.parquet").query("level == 'stadtteil'")
    expected = [pdf_name("kinderarmut", "stadtteil", 2022, "de")] + [
        pdf_name("gebiet", a, n, 2022, "de") for a, n in zip(areas["area_id"], areas["name"])
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected) and len(expected) == 11
    assert "11/11" in captured.err and "11 Berichte in" in captured.out
    for name in (expected[0], pdf_name("gebiet", "02", "St. Jürgen", 2022, "de")):
        check_pages(out / name, tmp_path, minimum=3)
        text = pdf_text(out / name)
        assert "Demodaten – keine amtliche Statistik" in text and BASE in text.replace("\n", "")


def test_command_line_refuses_bad_input_with_a_message(withheld_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "x.pdf"
    assert main(["indicator", "no_such", "--out", str(target), "--data", str(withheld_dataset)]) == 2
    assert "Unbekannter Indikator „no_such“. Verfügbar: index_score, poverty, residents" in capsys.readouterr().err
    assert main(["area", "ZZ", "--out", str(target), "--data", str(withheld_dataset), "--lang", "en"]) == 2
    assert "Unknown area 'ZZ'. Available (level bezirk): A, B" in capsys.readouterr().err
    assert main(["indicator", "poverty", "--period", "1999", "--out", str(target), "--data", str(withheld_dataset), "--lang", "en"]) == 2
    assert "poverty has no values in 1999; available: 2020, 2021" in capsys.readouterr().err
    assert main(["indicator", "poverty", "--out", str(target), "--data", str(tmp_path / "missing")]) == 2
    assert "verletzt den Datenvertrag" in capsys.readouterr().err
    assert not target.exists()


def test_module_runs_as_a_command(withheld_dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "reports", "area", "A1", "--out", str(target), "--data", str(withheld_dataset)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert "Hinweis: Die Links in den Berichten zeigen auf http://localhost:8501" in done.stderr


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_texts_are_printed_as_text(tmp_path: Path, lang: str) -> None:
    source = StoreSource(Store(factory.write_hostile_dataset(tmp_path / "hostile")))
    for name, data in {
        "indicator": indicator_report(source, indicator="poverty", period=2021, level="teil", lang=lang, base_url=BASE),
        "area": area_report(source, area_id="A", period=2021, level="bezirk", lang=lang, base_url=BASE),
    }.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        check_pages(path, tmp_path, minimum=2)
        text = pdf_text(path)
        assert "<b>fett</b>" in text or "**Armut**" in text  # markup printed literally
        assert b"evil.example" not in data.split(b"/URI")[-1][:200] if b"/URI" in data else True
        uris = [chunk.split(b")")[0] for chunk in data.split(b"/URI (")[1:]]
        assert uris and all(uri.startswith(BASE.encode()) for uri in uris), uris  # the only link is the permalink


@pytest.mark.parametrize("lang", ["de", "en"])
def test_reports_treat_counts_balances_and_shares_each_their_way(demo: StoreSource, raw, tmp_path: Path, lang: str) -> None:
    values, areas = raw
    finest = areas.loc[areas["level"] == "teilgebiet"].set_index("area_id")["parent_id"]
    rows = values[(values["period"] == 2022) & values["area_id"].isin(finest.index)]
    # a count: each district's share of the city's total (from the raw sums), no difference from the total
    path = tmp_path / f"einwohner_{lang}.pdf"
    path.write_bytes(indicator_report(demo, indicator="einwohner", period=2022, level="stadtteil", lang=lang, base_url=BASE))
    text = " ".join(pdf_text(path).split())
    residents = rows[rows["indicator_id"] == "einwohner"].assign(district=lambda f: f["area_id"].map(finest)).groupby("district")["value"].sum()
    top = residents.idxmax()  # St. Jürgen: its bar says the count and the share of the city's total
    assert f"{shown(residents[top], 'Personen' if lang == 'de' else 'persons', lang, 0)} ({shown(residents[top] / residents.sum() * 100, '%', lang, 1)})" in text
    assert shown(residents["03"] / residents.sum() * 100, "%", lang, 1) in text  # Moisling's share in the table
    assert {"de": "808 Personen je km²", "en": "808 persons per km²"}[lang] in text  # St. Jürgen's density: the map's classes and the table
    # the trend draws the areas alone, not next to the city's total
    assert {"de": "über alle Jahre für St. Jürgen, Schlutup", "en": "over all years for St. Jürgen, Schlutup"}[lang] in text
    assert {"de": "Abweichung von Lübeck", "en": "Difference from Lübeck"}[lang] not in text
    assert {"de": "Gini, Theil und Moran's I werden", "en": "The Gini, Theil and Moran's I are not computed"}[lang] in text
    # a balance at the finest level: its city value from the raw sums, no inequality measure
    path = tmp_path / f"wanderungssaldo_{lang}.pdf"
    path.write_bytes(indicator_report(demo, indicator="wanderungssaldo", period=2022, level="teilgebiet", lang=lang, base_url=BASE))
    text = " ".join(pdf_text(path).split())
    net = rows[rows["indicator_id"] == "wanderungssaldo"]
    assert shown(net["numerator"].sum() / net["denominator"].sum() * 1000, {"de": "je 1.000 EW", "en": "per 1,000 residents"}[lang], lang, 1) in text
    assert {"de": "ein Saldo kann negativ sein", "en": "a balance can be negative"}[lang] in text
    # its map legend says where the colours split, as on the page
    assert {"de": "Die Farben teilen sich bei 0", "en": "The colours split at 0"}[lang] in text
    # a share: the interval and one sentence on what it expresses; 10 districts: little power
    path = tmp_path / f"sgb2_{lang}.pdf"
    path.write_bytes(indicator_report(demo, indicator="sgb2_quote", period=2022, level="stadtteil", lang=lang, base_url=BASE))
    text = " ".join(pdf_text(path).split())
    assert {"de": "zufällige Schwankung kleiner Zahlen", "en": "random variation of small numbers"}[lang] in text
    assert {"de": "Nur 10 Gebiete", "en": "Only 10 areas"}[lang] in text
    assert {"de": "Innenstadt (nächstes Gebiet: St. Lorenz Süd)", "en": "Innenstadt (nearest area: St. Lorenz Süd)"}[lang] in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_area_report_says_which_end_of_the_index_is_favourable(demo: StoreSource, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"moisling_{lang}.pdf"
    path.write_bytes(area_report(demo, area_id="03", period=2022, level="stadtteil", lang=lang, base_url=BASE))
    text = " ".join(pdf_text(path).split())
    assert {"de": "Niedrig ist günstig", "en": "low is favourable"}[lang] in text
    assert {"de": "Rang 1 hat den höchsten Index, also die ungünstigste Lage", "en": "Rank 1 has the highest index, i.e. the least favourable situation"}[lang] in text
