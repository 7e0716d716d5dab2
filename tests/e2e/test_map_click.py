"""In the browser: clicking a district on the overview's map opens its profile."""
from __future__ import annotations

import io
import re

import pandas as pd
import pytest
import shapely
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Browser, Server
from tests.e2e.test_browser import WAIT, open_page
from views.maps import view_for_bounds, world_pixels

DEMO = REPO_ROOT / "data" / "demo"


def pixel_of(area_id: str, level: str) -> tuple[float, float]:
    """Where an area's inner point lies on the map, in pixels from the map's centre (the first
    view fits all areas of the level, as views.maps.choropleth draws it)."""
    areas = pd.read_parquet(DEMO / "areas.parquet")
    areas = areas[areas["level"] == level]
    geometries = shapely.from_wkb(areas["geometry"].to_numpy())
    view = view_for_bounds(tuple(float(b) for b in shapely.total_bounds(geometries)))
    inner = shapely.point_on_surface(geometries[list(areas["area_id"]).index(area_id)])
    x, y = world_pixels(inner.x, inner.y, view.zoom)
    centre_x, centre_y = world_pixels(view.longitude, view.latitude, view.zoom)
    return x - centre_x, y - centre_y


@pytest.mark.parametrize(("lang", "title"), [("de", "Gebietsprofil"), ("en", "Area profile")])
def test_clicking_a_district_opens_its_profile(demo_server: Server, browser: Browser, lang: str, title: str) -> None:
    page = browser.page
    open_page(browser, f"{demo_server.url}/?lang={lang}&indicator=sgb2_quote&period=2022&level=stadtteil", {"de": "Überblick", "en": "Overview"}[lang])
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(timeout=WAIT)
    canvas.scroll_into_view_if_needed(timeout=WAIT)
    page.wait_for_timeout(2000)  # deck.gl draws after the element appears
    box = page.locator('[data-testid="stDeckGlJsonChart"]').first.bounding_box()
    dx, dy = pixel_of("02", "stadtteil")  # St. Jürgen, a large district in the south
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    page.mouse.move(x, y)  # the tooltip names the district under the pointer: the map is ready
    page.locator(".deck-tooltip").get_by_text("St. Jürgen").wait_for(timeout=WAIT)
    # the district is filled with a colour of the legend (deck.gl read the layer's palette), drawn at
    # an alpha of 235 on the white page: the commonest colour of a strip below its label (left of the
    # pointer, whose tooltip opens to the right)
    legend = page.locator(f'[role="group"][aria-label="{ {"de": "Legende", "en": "Legend"}[lang] }"]').first.inner_html()
    strip = Image.open(io.BytesIO(page.screenshot(clip={"x": x - 60, "y": y + 25, "width": 50, "height": 12}))).convert("RGB")
    drawn = max(strip.getcolors(50 * 12), key=lambda counted: counted[0])[1]
    on_white = [tuple(round(int(c[i : i + 2], 16) * 235 / 255 + 255 * 20 / 255) for i in (0, 2, 4)) for c in re.findall(r"background:#([0-9a-fA-F]{6})", legend)]
    assert any(max(abs(a - b) for a, b in zip(drawn, colour)) <= 6 for colour in on_white), (drawn, on_white)
    # a click in the first moments after drawing can go unseen on a busy machine (a person
    # would click again): up to three clicks, each given 30 s to open the profile
    for _ in range(3):
        page.wait_for_timeout(3000)
        page.mouse.click(x, y)
        try:
            page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=30_000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError: click once more)
            page.mouse.move(x, y)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=WAIT)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)
    assert "/profile" in page.url and "area=02" in page.url
    area = page.get_by_role("combobox", name=re.compile(r"^(Gebiet|Area) \(")).first  # the profile's choice of area
    expect(area).to_have_value("02 St. Jürgen", timeout=WAIT)
    assert page.locator('[data-testid="stException"]').count() == 0
    # back on the overview (by the navigation), it stays there, with the area found on the map
    overview = {"de": "Überblick", "en": "Overview"}[lang]
    page.get_by_role("link", name=overview).first.click()
    page.get_by_role("heading", name=overview, exact=True).first.wait_for(timeout=WAIT)
    # the overview's link to the found area comes with the rest of the page; on a busy machine the
    # run can take longer than any fixed pause, so wait for it (the profile's own map is no sign)
    found = page.get_by_text({"de": "Profil von St. Jürgen öffnen", "en": "Open the profile of St. Jürgen"}[lang])
    expect(found).to_have_count(1, timeout=WAIT)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)
    page.wait_for_timeout(3000)  # a bounce back to the profile would come within this pause
    assert page.get_by_role("heading", name=overview, exact=True).count() == 1 and "/profile" not in page.url
    assert found.count() == 1
    assert browser.external_requests == []
