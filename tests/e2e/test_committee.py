"""For the committee: the presentation mode on a 1280×720 projector, and the PDF report download.

Screenshots go to $SCREENSHOT_DIR when it is set (for looking at them), else to a temp folder.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Browser, Server
from tests.e2e.test_browser import WAIT, open_page, screenshot_dir

PROJECTOR = {"width": 1280, "height": 720}
VIEW = "lang=de&indicator=kinderarmut&period=2022&level=stadtteil"


def wait_for_slide(browser: Browser, title: str, visual: str) -> None:
    page = browser.page
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)
    page.locator(visual).first.wait_for(timeout=WAIT)
    page.wait_for_timeout(1000)


def on_first_screen(browser: Browser, selector: str) -> bool:
    box = browser.page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"] and box["height"] > 300


def test_presentation_mode_on_a_projector(demo_server: Server, browser: Browser, tmp_path: Path) -> None:
    page = browser.page
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{demo_server.url}/?present=1&{VIEW}")
    map_canvas = '[data-testid="stDeckGlJsonChart"] canvas'
    wait_for_slide(browser, "Kinderarmut (SGB II) · 2022 · Stadtteil", map_canvas)
    page.screenshot(path=str(screenshot_dir(tmp_path) / "present_1_map.png"))

    # the frame is gone, the map is the first screen, the lettering is large
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert on_first_screen(browser, '[data-testid="stDeckGlJsonChart"]')
    title_size = page.get_by_role("heading", level=2).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    text_size = page.get_by_text("Kinderarmut (SGB II) liegt 2022 in Lübeck bei 27,8 %").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_size >= 28 and text_size >= 20
    # small, on every screen: position, vintage, demo notice, the link to the view
    imprint = page.locator(".sm-imprint").inner_text()
    assert "Folie 1 von 4" in imprint and "Datenstand: 2022 (31.12. des Jahres)" in imprint
    assert "Demodaten – keine amtliche Statistik" in imprint
    assert f"{demo_server.url}/?{VIEW}" in imprint

    # the arrow keys move between the screens
    page.keyboard.press("ArrowRight")
    wait_for_slide(browser, "Rangfolge: Kinderarmut (SGB II) · 2022 · Stadtteil", '[data-testid="stPlotlyChart"]')
    assert "slide=2" in page.url and "present=1" in page.url
    assert on_first_screen(browser, '[data-testid="stPlotlyChart"]')
    assert "Folie 2 von 4" in page.locator(".sm-imprint").inner_text()
    page.screenshot(path=str(screenshot_dir(tmp_path) / "present_2_ranking.png"))
    page.keyboard.press("ArrowRight")
    wait_for_slide(browser, "Entwicklung: Kinderarmut (SGB II)", '[data-testid="stPlotlyChart"]')
    page.keyboard.press("ArrowLeft")
    wait_for_slide(browser, "Rangfolge: Kinderarmut (SGB II) · 2022 · Stadtteil", '[data-testid="stPlotlyChart"]')
    # and the buttons do the same, by keyboard focus too
    page.get_by_role("button", name="Weiter").focus(timeout=WAIT)
    page.keyboard.press("Enter")
    wait_for_slide(browser, "Entwicklung: Kinderarmut (SGB II)", '[data-testid="stPlotlyChart"]')

    # Escape leaves the presentation for the page, with the same view
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Überblick", exact=True).wait_for(timeout=WAIT)
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=WAIT)
    assert "present" not in page.url and "indicator=kinderarmut" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.external_requests == []


def test_the_sidebar_toggle_starts_the_presentation(demo_server: Server, browser: Browser) -> None:
    page = browser.page
    open_page(browser, f"{demo_server.url}/profile?lang=en&level=stadtteil&area=03&indicator=kinderarmut", "Area profile")
    page.locator('[data-testid="stSidebar"]').get_by_text("Presentation mode").click(timeout=WAIT)
    wait_for_slide(browser, "Child poverty (SGB II) · 2022 · District", '[data-testid="stDeckGlJsonChart"] canvas')
    assert "present=1" in page.url and "area=03" in page.url
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert browser.external_requests == []


def test_the_indicator_report_downloads_as_pdf(demo_server: Server, browser: Browser, tmp_path: Path) -> None:
    open_page(browser, f"{demo_server.url}/?{VIEW}", "Überblick")
    page = browser.page
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=WAIT)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=WAIT)
    button = page.get_by_role("button", name="Bericht als PDF herunterladen")
    button.scroll_into_view_if_needed(timeout=WAIT)  # the page may still rerun on a busy machine
    page.wait_for_timeout(1500)
    with page.expect_download(timeout=120_000) as download_info:
        button.click(timeout=WAIT)
    download = download_info.value
    assert download.suggested_filename == "sozialmonitor_kinderarmut_stadtteil_2022_de.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install -y poppler-utils)")
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True).stdout
    assert "Kinderarmut (SGB II)" in text
    assert f"{demo_server.url}/?{VIEW}" in text.replace("\n", "")  # the link is the browser's address
    assert browser.external_requests == []
