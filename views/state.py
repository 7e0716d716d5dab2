"""The view state (language, indicator, period, level, area, and the choices of single pages) and its form in the URL.

A copied link reopens the same view: every choice lives in the query string under the keys
below (`present=1` and `slide=N` for the presentation mode). Resolving is pure: unknown or stale values fall back to the dataset's defaults and are
reported, so the page can say why it shows something else.

Pages with choices of their own keep them under their own keys (`PAGE_URL_KEYS`); the frame
leaves those keys in the URL for the page to read and write. Options of the trends and
comparison pages (the base year, the second area …) are carried in the ViewState as text under
OPTION_KEYS and checked by the page's parser below (`trend_options`, `compare_options`), which
knows what is valid for the data on screen.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from views.classify import CLASS_METHODS
from views.i18n import DEFAULT_LANGUAGE, languages

URL_KEYS = ("lang", "indicator", "period", "level", "area", "present", "slide", "target", "types", "k", "classes")
PRESENT_ON = ("1", "true", "yes", "ja")
BASE_URL_ENV = "SOZIALMONITOR_BASE_URL"  # the dashboard's public address, for links in reports
DEFAULT_BASE_URL = "http://localhost:8501"
# The number of area types a reader may ask for (page "Gebietstypen").
TYPES_K_RANGE = (2, 7)
# page options: trends (base year, what is shown, sort order, widening window, search, page of
# the small multiples), comparison and profile (second area; second indicator, weighting, topic)
TREND_KEYS = ("base", "show", "sort", "window", "q", "page")
COMPARE_KEYS = ("compare", "indicator2", "weighted", "domain")
# the social index's own weights ('indicator:1.5,…', parsed by views.social_index.weights_from_text)
# and what its map shows (views.social_index.DIMENSIONS; absent = status)
SOCIAL_INDEX_KEYS = ("weights", "map")
# what inequality's map shows (views.inequality.PATTERNS; absent = the first, the LISA clusters)
INEQUALITY_KEYS = ("pattern",)
OPTION_KEYS = (*TREND_KEYS, *COMPARE_KEYS, *SOCIAL_INDEX_KEYS, *INEQUALITY_KEYS)
MAX_OPTION_LENGTH = 500  # a longer value in a link is cut, never trusted


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
    options: tuple[tuple[str, str], ...] = ()  # (key, text) of OPTION_KEYS, in that order
    classes: str | None = None  # the class method of the overview's map (views.classify.CLASS_METHODS), None = the default

    def option(self, key: str) -> str | None:
        """The page option `key` as text, None when not set."""
        return dict(self.options).get(key)


def with_options(state: ViewState, **changes: str | None) -> ViewState:
    """`state` with page options set (None removes one); keys must be OPTION_KEYS."""
    unknown = set(changes) - set(OPTION_KEYS)
    if unknown:
        raise ValueError(f"with_options: unknown option keys {sorted(unknown)}")
    merged = {**dict(state.options), **changes}
    return replace(state, options=tuple((k, str(merged[k])) for k in OPTION_KEYS if merged.get(k) not in (None, "")))


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

    lang = pick("lang", languages(), default.lang if default.lang in languages() else DEFAULT_LANGUAGE)
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
    classes = query.get("classes") or None
    if classes is not None and classes not in CLASS_METHODS:
        rejected.append("classes")
        classes = None
    options = tuple((key, str(query[key])[:MAX_OPTION_LENGTH]) for key in OPTION_KEYS if query.get(key))
    state = ViewState(
        lang=lang, indicator=indicator, period=period, level=level, area=area, present=present, slide=slide, target=target, types=types, k=k,
        options=options,
        classes=classes,
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
    query.update(state.options)
    if state.present:
        query["present"] = "1"
        query["slide"] = str(state.slide)
    if state.target:
        query["target"] = state.target
    if state.types:
        query["types"] = ",".join(state.types)
    if state.k is not None:
        query["k"] = str(state.k)
    if state.classes:
        query["classes"] = state.classes
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


# ---- the reach page (pages/reach.py) ---------------------------------------------------------
REACH_URL_KEYS = ("reach_category", "reach_distance", "reach_wheelchair", "reach_weight", "reach_basis", "reach_places")
PAGE_URL_KEYS = REACH_URL_KEYS
REACH_DISTANCES_M = (250, 500, 750, 1000, 1500, 2000, 3000)
REACH_DEFAULT_DISTANCE_M = 1000
REACH_WEIGHTINGS = ("addresses", "residents")
REACH_BASES = ("addresses", "centroids")
MAX_ADDED_PLACES = 10
PLACE_DECIMALS = 5  # ≈ 1 m
_PLACE_SEPARATOR, _COORDINATE_SEPARATOR = "~", "_"  # unreserved in URLs: the link stays readable


@dataclass(frozen=True)
class ReachState:
    """The reach page's choices: category, distance in metres, wheelchair filter, weighting,
    basis (addresses, or the labelled approximation by area centres) and hypothetical places
    (longitude, latitude)."""

    category: str
    distance: int = REACH_DEFAULT_DISTANCE_M
    wheelchair_only: bool = False
    weighting: str = "addresses"
    basis: str = "addresses"
    added: tuple[tuple[float, float], ...] = ()


def page_query(query: Mapping[str, str]) -> dict[str, str]:
    """The page-owned keys present in a query (the frame keeps them when it rewrites the URL)."""
    return {key: query[key] for key in PAGE_URL_KEYS if key in query}


def _place(lon: float, lat: float) -> tuple[float, float]:
    return (round(float(lon), PLACE_DECIMALS), round(float(lat), PLACE_DECIMALS))


def add_place(state: ReachState, lon: float, lat: float) -> ReachState:
    """The state with one more hypothetical place (rounded to ≈ 1 m); unchanged if it is already there or the list is full."""
    place = _place(lon, lat)
    if place in state.added or len(state.added) >= MAX_ADDED_PLACES or not all(map(math.isfinite, place)):
        return state
    return replace(state, added=(*state.added, place))


def remove_place(state: ReachState, index: int | None = None) -> ReachState:
    """The state without the hypothetical place at `index` (all of them when None)."""
    if index is None:
        return replace(state, added=())
    return replace(state, added=tuple(place for number, place in enumerate(state.added) if number != index))


def resolve_reach(
    query: Mapping[str, str],
    *,
    categories: Sequence[str],
    weightings: Sequence[str],
    bases: Sequence[str],
    bounds: tuple[float, float, float, float],
    default: ReachState,
) -> tuple[ReachState, list[str]]:
    """The reach choices a URL asks for, and the keys whose values were not usable.

    Hypothetical places must lie within `bounds` (min lon, min lat, max lon, max lat); at most
    MAX_ADDED_PLACES are read.
    """
    rejected: list[str] = []

    def pick(key: str, allowed: Sequence[str], fallback: str) -> str:
        value = query.get(key)
        if value is None:
            return fallback
        if value in allowed:
            return value
        rejected.append(key)
        return fallback

    category = pick("reach_category", categories, default.category)
    distance = pick("reach_distance", [str(d) for d in REACH_DISTANCES_M], str(default.distance))
    wheelchair = pick("reach_wheelchair", ["0", "1"], "1" if default.wheelchair_only else "0")
    weighting = pick("reach_weight", weightings, default.weighting)
    basis = pick("reach_basis", bases, default.basis)
    state = ReachState(category=category, distance=int(distance), wheelchair_only=wheelchair == "1", weighting=weighting, basis=basis)
    text = query.get("reach_places")
    if text:
        min_lon, min_lat, max_lon, max_lat = bounds
        places = []
        for item in text.split(_PLACE_SEPARATOR):
            try:
                places.append(tuple(float(part) for part in item.split(_COORDINATE_SEPARATOR)))
            except ValueError:
                places.append(())
        usable = [p for p in places if len(p) == 2 and min_lon <= p[0] <= max_lon and min_lat <= p[1] <= max_lat]
        if len(usable) != len(places) or len(usable) > MAX_ADDED_PLACES:
            rejected.append("reach_places")
        for lon, lat in usable:
            state = add_place(state, lon, lat)
    return state, rejected


def reach_query(state: ReachState) -> dict[str, str]:
    """The query-string form of the reach choices (the places only when there are any)."""
    query = {
        "reach_category": state.category,
        "reach_distance": str(state.distance),
        "reach_wheelchair": "1" if state.wheelchair_only else "0",
        "reach_weight": state.weighting,
        "reach_basis": state.basis,
    }
    if state.added:
        query["reach_places"] = _PLACE_SEPARATOR.join(
            f"{lon:.{PLACE_DECIMALS}f}{_COORDINATE_SEPARATOR}{lat:.{PLACE_DECIMALS}f}" for lon, lat in state.added
        )
    return query


# ---- page options ----------------------------------------------------------------------------

TREND_SHOW = ("value", "index", "change")  # values, index (base year = 100), change since base
TREND_SORT = ("latest_desc", "latest_asc", "change_desc", "change_asc", "name")  # by the end year's value, by the change, by name
DEFAULT_WINDOW = 3  # periods in which a widening gap is looked for (two steps)


@dataclass(frozen=True)
class TrendOptions:
    """The trends page's choices. `base` is None when no period before the end year exists."""

    base: int | None
    show: str
    sort: str
    window: int
    search: str
    page: int


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def trend_options(state: ViewState, *, periods: Sequence[int], shows: Sequence[str] = TREND_SHOW) -> tuple[TrendOptions, list[str]]:
    """The trends page's options from `state`, checked against the indicator's `periods` (up to
    the end year `state.period`) and the `shows` the indicator allows; unusable keys are returned.

    Defaults: the first period as base year, values shown, sorted by the latest value, a window
    of DEFAULT_WINDOW periods (fewer where fewer exist), no search, page 1.
    """
    rejected: list[str] = []
    earlier = sorted(p for p in periods if p < state.period)
    upto = len([p for p in periods if p <= state.period])

    def checked(key: str, value, allowed, fallback):
        raw = state.option(key)
        if raw is None:
            return fallback
        if value in allowed:
            return value
        rejected.append(key)
        return fallback

    base = checked("base", _int(state.option("base")), earlier, earlier[0] if earlier else None)
    show = checked("show", state.option("show"), shows, shows[0])
    sort = checked("sort", state.option("sort"), TREND_SORT, TREND_SORT[0])
    windows = range(2, max(upto, 2) + 1)
    window = checked("window", _int(state.option("window")), windows, min(DEFAULT_WINDOW, max(upto, 2)))
    page_number = _int(state.option("page"))
    page = checked("page", page_number, [page_number] if page_number and page_number >= 1 else [], 1)
    return TrendOptions(base=base, show=show, sort=sort, window=window, search=state.option("q") or "", page=page), rejected


@dataclass(frozen=True)
class CompareOptions:
    """The comparison page's choices: areas A (`state.area`) and B, the scatter's second
    indicator, population weighting, and the topic of the correlation matrix ("all" or a domain)."""

    area: str
    compare: str
    indicator2: str
    weighted: bool
    domain: str


def compare_options(
    state: ViewState, *, area_ids: Sequence[str], indicators: Sequence[str], domains: Sequence[str], default_domain: str = "all"
) -> tuple[CompareOptions, list[str]]:
    """The comparison page's options from `state`, checked against the areas of the level, the
    candidate second indicators (in menu order) and the domains; unusable keys are returned.

    Needs at least one area and one indicator. Defaults: the first two areas, the first
    indicator other than the sidebar's, unweighted, `default_domain` ("all" or a domain). Area
    B is never area A.
    """
    rejected: list[str] = []
    area = state.area if state.area in area_ids else area_ids[0]
    if state.area is not None and state.area not in area_ids:
        rejected.append("area")
    others = [a for a in area_ids if a != area] or [area]
    compare = state.option("compare")
    if compare not in others:
        if compare is not None and compare != area:
            rejected.append("compare")
        compare = others[0]
    candidates = [i for i in indicators if i != state.indicator] or list(indicators)
    indicator2 = state.option("indicator2")
    if indicator2 not in indicators:
        if indicator2 is not None:
            rejected.append("indicator2")
        indicator2 = candidates[0]
    weighted_text = state.option("weighted")
    if weighted_text not in (None, "0", "1"):
        rejected.append("weighted")
    fallback = default_domain if default_domain in domains else "all"
    domain = state.option("domain") or fallback
    if domain != "all" and domain not in domains:
        rejected.append("domain")
        domain = fallback
    return CompareOptions(area=area, compare=compare, indicator2=indicator2, weighted=weighted_text == "1", domain=domain), rejected
