"""The view state (language, indicator, period, level, area, and the choices of single pages) and its form in the URL.

A copied link reopens the same view: every choice lives in the query string under the keys
below (`present=1` and `slide=N` for the presentation mode). Resolving is pure: unknown or stale values fall back to the dataset's defaults and are
reported, so the page can say why it shows something else.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from views.i18n import DEFAULT_LANGUAGE, LANGUAGES

URL_KEYS = ("lang", "indicator", "period", "level", "area", "present", "slide", "target", "types", "k")
PRESENT_ON = ("1", "true", "yes", "ja")
BASE_URL_ENV = "SOZIALMONITOR_BASE_URL"  # the dashboard's public address, for links in reports
DEFAULT_BASE_URL = "http://localhost:8501"
# The number of area types a reader may ask for (page "Gebietstypen").
TYPES_K_RANGE = (2, 7)


@dataclass(frozen=True)
class ViewState:
    lang: str
    indicator: str
    period: int
    level: str
    area: str | None = None
    present: bool = False  # presentation mode: one chart or map per screen
    slide: int = 1  # the screen shown in presentation mode, counted from 1
    target: str | None = None  # the target shown on "Ziele & Fortschritt"
    types: tuple[str, ...] = ()  # the indicators of the typology on "Gebietstypen"
    k: int | None = None  # the number of area types, None = the suggested number


def nearest_period(wanted: int | None, available: Sequence[int]) -> int:
    """`wanted` if available, else the latest available period not after it, else the latest."""
    if wanted in available:
        return wanted
    earlier = [p for p in available if wanted is not None and p < wanted]
    return max(earlier) if earlier else max(available)


def resolve_state(
    query: Mapping[str, str],
    *,
    indicators: Sequence[str],
    periods_of: Callable[[str], Sequence[int]],
    levels: Sequence[str],
    default: ViewState,
) -> tuple[ViewState, list[str]]:
    """The state a URL asks for, and the URL keys whose values were not usable."""
    rejected: list[str] = []

    def pick(key: str, allowed: Sequence[str], fallback: str) -> str:
        value = query.get(key)
        if value is None:
            return fallback
        if value in allowed:
            return value
        rejected.append(key)
        return fallback

    lang = pick("lang", LANGUAGES, default.lang if default.lang in LANGUAGES else DEFAULT_LANGUAGE)
    indicator = pick("indicator", indicators, default.indicator)
    level = pick("level", levels, default.level)
    available = list(periods_of(indicator))
    wanted = query.get("period")
    if wanted is None:
        period = nearest_period(default.period, available)
    else:
        try:
            period = int(wanted)
        except ValueError:
            period = None  # type: ignore[assignment]
        if period not in available:
            rejected.append("period")
            period = nearest_period(period if period is not None else default.period, available)
    area = query.get("area") or None
    present = str(query.get("present", "")).lower() in PRESENT_ON
    slide = 1
    if "slide" in query:
        try:
            slide = int(query["slide"])
        except ValueError:
            slide = 0
        if slide < 1:
            rejected.append("slide")
            slide = 1
    target = query.get("target") or None
    types: tuple[str, ...] = ()
    if query.get("types"):
        asked = tuple(dict.fromkeys(query["types"].split(",")))
        types = tuple(i for i in asked if i in indicators)
        if len(types) != len(asked):
            rejected.append("types")
    k = None
    if query.get("k"):
        try:
            k = int(query["k"])
        except ValueError:
            k = None
        if k is None or not TYPES_K_RANGE[0] <= k <= TYPES_K_RANGE[1]:
            rejected.append("k")
            k = None
    state = ViewState(
        lang=lang, indicator=indicator, period=period, level=level, area=area, present=present, slide=slide, target=target, types=types, k=k
    )
    return state, rejected


def to_query(state: ViewState) -> dict[str, str]:
    """The query-string form of a state (area and the page choices only when set)."""
    query = {
        "lang": state.lang,
        "indicator": state.indicator,
        "period": str(state.period),
        "level": state.level,
    }
    if state.area:
        query["area"] = state.area
    if state.present:
        query["present"] = "1"
        query["slide"] = str(state.slide)
    if state.target:
        query["target"] = state.target
    if state.types:
        query["types"] = ",".join(state.types)
    if state.k is not None:
        query["k"] = str(state.k)
    return query


def page_address(base_url: str, page_path: str) -> str:
    """The address of a page: 'https://sozialmonitor.example/profile' ('…/' for the start page)."""
    return f"{base_url.rstrip('/')}/{page_path.strip('/')}"


def permalink(address: str, query: Mapping[str, str]) -> str:
    """The link that reopens a view: the page's address and its query string (views.state keys)."""
    return f"{address}?{urlencode(dict(query))}" if query else address


def view_link(base_url: str, state: ViewState, page: str = "") -> str:
    """The link that reopens `state` on `page` (its URL path, "" for the start page) outside
    the presentation mode: the link in reports and on the presentation's screens."""
    return permalink(page_address(base_url, page), to_query(replace(state, present=False, slide=1)))
