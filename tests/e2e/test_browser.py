"""The running dashboard in headless Chromium: every page renders, and nothing leaves the machine.

Screenshots go to $SCREENSHOT_DIR when it is set (for looking at them), else to a temp folder.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import Browser, Server

SOURCES = {"de": "Quellen und Lizenzen", "en": "Sources and licences"}
PAGES = {
    "overview": {"path": "", "title": {"de": "Überblick", "en": "Overview"}, "map": True, "chart": True, "last": SOURCES},
    "profile": {"path": "profile", "title": {"de": "Gebietsprofil", "en": "Area profile"}, "map": False, "chart": True, "last": SOURCES},
    "inequality": {"path": "inequality", "title": {"de": "Ungleichheit und räumliche Muster", "en": "Inequality and spatial patterns"}, "map": True, "chart": True, "last": SOURCES},
    "social_index": {"path": "social_index", "title": {"de": "Sozialindex", "en": "Social index"}, "map": True, "chart": True, "last": SOURCES},
    "data_check": {"path": "data_check", "title": {"de": "Daten prüfen", "en": "Check data"}, "map": False, "chart": False, "last": {"de": "Noch keine Spezifikation hochgeladen", "en": "No specification uploaded yet"}},
}


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser: Browser, url: str, title: str) -> None:
    page = browser.page
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=45_000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=45_000)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_error_and_without_external_requests(
    demo_server: Server, browser: Browser, tmp_path: Path, name: str, lang: str
) -> None:
    spec = PAGES[name]
    open_page(browser, f"{demo_server.url}/{spec['path']}?lang={lang}", spec["title"][lang])
    page = browser.page
    if spec["chart"]:
        page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=30_000)
    page.get_by_text(spec["last"][lang]).first.wait_for(timeout=30_000)
    if spec["map"]:
        page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=30_000)
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


def test_csv_download_opens_in_german_excel_format(demo_server: Server, browser: Browser, tmp_path: Path) -> None:
    open_page(browser, f"{demo_server.url}/?lang=de&indicator=sgb2_quote&period=2022&level=stadtteil", "Überblick")
    page = browser.page
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tabelle als CSV herunterladen (für Excel)").click()
    target = tmp_path / "export.csv"
    download_info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:5] == ["Gebiets-Nr.", "Gebiet", "Jahr", "Indikator", "Wert"]
    assert len(lines) == 11
    assert lines[1].startswith("01;Innenstadt;2022;")


def test_a_deep_link_works_as_the_first_request_after_a_restart(browser: Browser, tmp_path: Path) -> None:
    from tests.conftest import REPO_ROOT
    from tests.e2e.conftest import start_server

    server = start_server(REPO_ROOT / "data" / "demo", tmp_path / "fresh.log")
    try:
        open_page(browser, f"{server.url}/profile?lang=en&level=stadtteil&area=03", "Area profile")
        browser.page.get_by_text("Table of all indicators for Moisling in 2022 with the city value.").wait_for(timeout=30_000)
        assert "Page not found" not in browser.page.inner_text("body")
        assert browser.external_requests == []
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)
