"""The running dashboard in headless Chromium: every page renders, and nothing leaves the machine.

Screenshots go to $SCREENSHOT_DIR when it is set (for looking at them), else to a temp folder.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import Browser, Server

WAIT = 120_000  # ms; generous, since the test machine may be shared (a fast page does not wait)
SOURCES = {"de": "Quellen und Lizenzen", "en": "Sources and licences"}
PAGES = {
    "overview": {"path": "", "title": {"de": "Überblick", "en": "Overview"}, "map": True, "chart": True, "last": SOURCES},
    "profile": {"path": "profile", "title": {"de": "Gebietsprofil", "en": "Area profile"}, "map": False, "chart": True, "last": SOURCES},
    "trends": {"path": "trends", "title": {"de": "Entwicklung", "en": "Trends"}, "map": True, "chart": True, "last": SOURCES},
    "compare": {"path": "compare", "title": {"de": "Vergleich", "en": "Comparison"}, "map": False, "chart": True, "last": SOURCES},
    "inequality": {"path": "inequality", "title": {"de": "Ungleichheit und räumliche Muster", "en": "Inequality and spatial patterns"}, "map": True, "chart": True, "last": SOURCES},
    "reach": {"path": "reach", "title": {"de": "Erreichbarkeit von Angeboten", "en": "Reach of services"}, "map": True, "chart": True, "last": SOURCES},
    "social_index": {"path": "social_index", "title": {"de": "Sozialindex", "en": "Social index"}, "map": True, "chart": True, "last": SOURCES},
    "data_export": {"path": "data_export", "title": {"de": "Daten & Export", "en": "Data & export"}, "map": False, "chart": False, "last": SOURCES},
    "targets": {"path": "targets", "title": {"de": "Ziele und Fortschritt", "en": "Targets and progress"}, "map": False, "chart": True, "last": SOURCES},
    "area_types": {"path": "area_types", "title": {"de": "Gebietstypen", "en": "Area types"}, "map": True, "chart": True, "last": SOURCES},
    "data_check": {"path": "data_check", "title": {"de": "Daten prüfen", "en": "Check data"}, "map": False, "chart": False, "last": {"de": "Noch keine Spezifikation hochgeladen", "en": "No specification uploaded yet"}},
}


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser: Browser, url: str, title: str) -> None:
    page = browser.page
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=WAIT)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_error_and_without_external_requests(
    demo_server: Server, browser: Browser, tmp_path: Path, name: str, lang: str
) -> None:
    spec = PAGES[name]
    open_page(browser, f"{demo_server.url}/{spec['path']}?lang={lang}", spec["title"][lang])
    page = browser.page
    if spec["chart"]:
        page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=WAIT)
    page.get_by_text(spec["last"][lang]).first.wait_for(timeout=WAIT)
    if spec["map"]:
        page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=WAIT)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshot_dir(tmp_path) / f"{name}_{lang}.png"), full_page=True)
    body = page.inner_text("body")
    assert "Demodaten – keine amtliche Statistik" in body
    assert "Page not found" not in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.external_requests == []


def test_a_copied_link_reopens_the_same_view(demo_server: Server, browser: Browser) -> None:
    link = f"{demo_server.url}/?lang=en&indicator=kinderarmut&period=2016&level=teilgebiet"
    open_page(browser, link, "Overview")
    page = browser.page
    heading = page.get_by_role("heading", level=3).first.inner_text()
    assert heading == "Child poverty (SGB II) · 2016 · Sub-area (synthetic)"
    assert "indicator=kinderarmut" in page.url and "period=2016" in page.url and "level=teilgebiet" in page.url
    assert browser.external_requests == []


def download(browser: Browser, widget: str, fmt: str | None, button: str, target: Path) -> Path:
    """Choose a format in the download widget with key `widget` (None: keep it), click its button, save the file."""
    page = browser.page
    container = page.locator(f".st-key-download_{widget}")
    for kind in ("stPlotlyChart", "stDataFrame"):  # what is drawn late moves the widget down
        if page.locator(f'[data-testid="{kind}"]').count():
            page.locator(f'[data-testid="{kind}"]').first.wait_for(timeout=WAIT)
    container.scroll_into_view_if_needed(timeout=WAIT)
    page.wait_for_timeout(1500)
    if fmt is not None:
        combobox = container.get_by_role("combobox")
        combobox.focus(timeout=WAIT)  # by keyboard, which late layout shifts cannot misdirect
        page.keyboard.type(fmt)
        page.keyboard.press("Enter")
        expect(combobox).to_have_value(fmt, timeout=WAIT)
        page.wait_for_timeout(1000)  # the choice reruns the page; let the rerun start …
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)  # … and end
    with page.expect_download(timeout=WAIT) as download_info:
        container.get_by_role("button", name=button).click(timeout=WAIT)
    download_info.value.save_as(target)
    assert download_info.value.suggested_filename == target.name
    return target


def test_the_table_downloads_as_csv_for_german_excel(demo_server: Server, browser: Browser, tmp_path: Path) -> None:
    import zipfile

    open_page(browser, f"{demo_server.url}/?lang=de&indicator=kinderarmut&period=2022&level=stadtteil", "Überblick")
    stem = "sozialmonitor_luebeck_kinderarmut_stadtteile_2022"
    saved = download(browser, "overview_table", "CSV für Excel (deutsch)", "Tabelle herunterladen", tmp_path / f"{stem}_excel-de.zip")
    with zipfile.ZipFile(saved) as archive:
        assert sorted(archive.namelist()) == ["README.md", "metadata.json", f"{stem}_excel-de.csv"]
        data = archive.read(f"{stem}_excel-de.csv")
        meta = json.loads(archive.read("metadata.json"))
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:6] == ['"Rang"', '"Gebiets-Nr."', '"Gebiet"', '"Jahr"', '"Indikator"', '"Wert"']
    assert len(lines) == 12 and lines[-1] == ""  # header, ten Stadtteile, final newline
    assert all(re.fullmatch(r'(\d+)?;"\d\d";"[^"]+";2022;"Kinderarmut \(SGB II\)";(\d+,\d)?;.*', line) for line in lines[1:-1])
    assert meta["permalink"].startswith(demo_server.url) and "indicator=kinderarmut" in meta["permalink"]
    assert meta["indicators"][0]["id"] == "kinderarmut" and meta["level"] == "Stadtteile"
    assert browser.external_requests == []


def test_the_data_page_downloads_xlsx_with_text_ids(demo_server: Server, browser: Browser, tmp_path: Path) -> None:
    import openpyxl

    open_page(browser, f"{demo_server.url}/data_export?lang=en&indicator=kinderarmut&period=2022&level=teilgebiet", "Data & export")
    stem = "sozialmonitor_luebeck_kinderarmut_sub-areas_2022"
    saved = download(browser, "data_values", None, "Download the table", tmp_path / f"{stem}.xlsx")  # Excel is preselected
    workbook = openpyxl.load_workbook(saved)
    assert workbook.sheetnames == ["Data", "Metadata"]
    sheet = workbook["Data"]
    assert [c.value for c in sheet[1]][:6] == ["Area no.", "Area", "Year", "Indicator id", "Indicator", "Value"]
    ids = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert ids[0].value == "01.1" and all(c.data_type == "s" for c in ids)
    values = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert all(v is None or isinstance(v, (int, float)) for v in values) and any(v is not None for v in values)
    meta = {row[0]: row[1] for row in workbook["Metadata"].iter_rows(values_only=True) if row[0]}
    assert meta["Link to the view"].startswith(f"{demo_server.url}/data_export?")
    assert browser.external_requests == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_click_into_the_reach_map_adds_a_hypothetical_place(demo_server: Server, browser: Browser, tmp_path: Path, lang: str) -> None:
    words = {
        "de": ("Orte per Klick in die Karte setzen", "Klicken Sie in die Karte", "Gedachter Ort 1 ", "Klicken: hier einen Ort annehmen"),
        "en": ("Place by clicking into the map", "Click into the map", "Hypothetical place 1 ", "Click: assume a place here"),
    }[lang]
    title = PAGES["reach"]["title"][lang]
    open_page(browser, f"{demo_server.url}/reach?lang={lang}&level=stadtteil&reach_category=digitale_hilfe&reach_distance=500", title)
    page = browser.page
    page.get_by_text(words[0], exact=True).click(timeout=WAIT)
    page.get_by_text(words[1]).first.wait_for(timeout=WAIT)  # the click mode is on: the grid lies over the map
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    deck.wait_for(timeout=WAIT)  # the map with its grid is drawn anew, and may come after the status widget has gone
    deck.evaluate("element => element.scrollIntoView({block: 'center'})")
    deck.locator("canvas").first.wait_for(timeout=WAIT)
    page.wait_for_timeout(1500)
    box = deck.bounding_box()
    # the middle of the map lies in the city, on the clickable grid; point at it (its cell shows a tooltip), then click
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    for _ in range(WAIT // 2000):  # until the grid answers the pointer: its cell's tooltip shows
        page.mouse.move(x, y - 2)
        page.mouse.move(x, y)
        if page.get_by_text(words[3]).count():
            break
        page.wait_for_timeout(2000)
    page.get_by_text(words[3]).first.wait_for(timeout=WAIT)
    for attempt in range(3):  # a click while the map is drawn anew (a busy machine) may not reach the grid: click again
        page.mouse.click(x, y)
        try:
            page.get_by_text(words[2]).first.wait_for(timeout=WAIT // 3)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.mouse.move(x, y - 2)
            page.mouse.move(x, y)
    assert "reach_places=" in page.url
    page.screenshot(path=str(screenshot_dir(tmp_path) / f"reach_what_if_{lang}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.external_requests == []


def test_a_deep_link_works_as_the_first_request_after_a_restart(browser: Browser, tmp_path: Path) -> None:
    from tests.conftest import REPO_ROOT
    from tests.e2e.conftest import start_server

    server = start_server(REPO_ROOT / "data" / "demo", tmp_path / "fresh.log")
    try:
        open_page(browser, f"{server.url}/profile?lang=en&level=stadtteil&area=03", "Area profile")
        browser.page.get_by_text("Table of all indicators for Moisling in 2022 with the city value.").wait_for(timeout=WAIT)
        assert "Page not found" not in browser.page.inner_text("body")
        assert browser.external_requests == []
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


def test_trends_and_comparison_links_reopen_their_views(demo_server: Server, browser: Browser) -> None:
    page = browser.page
    open_page(browser, f"{demo_server.url}/trends?lang=de&level=teilgebiet&indicator=kinderarmut&show=index&base=2015", "Entwicklung")
    page.get_by_text("Quellen und Lizenzen").first.wait_for(timeout=WAIT)
    assert page.get_by_role("radio", name="Index (Basisjahr = 100)").is_checked()
    assert "base=2015" in page.url and "show=index" in page.url and "window=3" in page.url
    page.locator('[data-testid="stPlotlyChart"]').nth(12).wait_for(timeout=WAIT)  # a page of 12 panels and the ranking
    open_page(browser, f"{demo_server.url}/compare?lang=en&level=stadtteil&area=03&compare=10&indicator2=kinderarmut", "Comparison")
    page.get_by_text("Correlation is not causation", exact=False).first.wait_for(timeout=WAIT)
    for menu, chosen in (("Area A (District)", "03 Moisling"), ("Area B (District)", "10 Travemünde")):
        expect(page.get_by_role("combobox", name=menu)).to_have_value(chosen, timeout=WAIT)
    assert "compare=10" in page.url and "indicator2=kinderarmut" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.external_requests == []
