"""Class breaks and colours: the one home of every colour the dashboard draws.

Palettes are ColorBrewer schemes that are safe for colour-blind readers and in print.
Sequential schemes: the hue follows the indicator's polarity (orange–red where higher is less
favourable, blue where higher is more favourable, blue–green where neither), and the lightness
always follows the value: light = low, dark = high. Diverging schemes (an indicator with a
polarity, split at the city value): orange on the less favourable side, purple on the more
favourable side, light near the city value and dark far from it. Colour is never the only cue:
every class also has a text label, and every value appears in labels, tooltips and tables.

Class breaks (`classify`): quantiles, equal intervals, natural breaks (Fisher–Jenks, exact) or
standard deviations around a reference value (the city value).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from views.i18n import format_value, t

PALETTES: dict[str, tuple[str, ...]] = {
    "higher_worse": ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),  # ColorBrewer OrRd-5
    "higher_better": ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"),  # ColorBrewer PuBu-5
    "neutral": ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),  # ColorBrewer YlGnBu-5
}
NO_DATA_COLOR = "#d9d9d9"
OUTLINE_COLOR = "#4d4d4d"
# bars in the ranking: above / below the city value (Okabe–Ito orange and blue) plus a pattern
ABOVE_COLOR = "#E69F00"
BELOW_COLOR = "#0072B2"
EQUAL_COLOR = "#999999"
CITY_LINE_COLOR = "#000000"
# the marks of the profile's verdicts, (background, text): Okabe–Ito blue / orange as in the
# ranking; each mark also carries a sign (+ − ≈ ·) and words, so colour is never the only cue
VERDICT_COLORS: dict[str, tuple[str, str]] = {
    "favourable": ("#0072B2", "#FFFFFF"),
    "unfavourable": ("#E69F00", "#000000"),
    "similar": ("#FFFFFF", "#000000"),
    "neutral": ("#D9D9D9", "#000000"),
}
LOCATOR_COLORS = {"area": "#0072B2", "compare": "#E69F00", "other": "#F0F0F0"}  # the profile's locator map
SERIES_COLORS = ("#000000", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
MAX_CLASSES = 5


def class_range(low: str, high: str, lang: str, *, first: bool) -> str:
    """A class's limits, written out: '1,0 % bis 2,0 %' for the first class, 'über 2,0 % bis 4,0 %' after it."""
    return t("map.class_range" if first else "map.class_range_above", lang, low=low, high=high)


@dataclass(frozen=True)
class Classes:
    """Classes of values: `edges` has one more entry than `colors`.

    Class 0 holds values up to and including edges[1]; class i > 0 holds values above edges[i]
    up to and including edges[i+1]. `method` is how the edges were found (CLASS_METHODS);
    `reference` the value the colours split at (diverging) or the standard deviations are
    counted from (`spread` = σ); `diverging` whether the colours split at `reference`.
    """

    edges: tuple[float, ...]
    colors: tuple[str, ...]
    method: str = "quantile"
    reference: float | None = None
    spread: float | None = None
    diverging: bool = False

    @property
    def count(self) -> int:
        return len(self.colors)

    def index(self, values: pd.Series) -> pd.Series:
        """Class number (0-based) per value; <NA> for missing values."""
        inner = np.asarray(self.edges[1:-1], dtype=float)
        numbers = np.searchsorted(inner, values.to_numpy(dtype=float, na_value=np.nan), side="left")
        return pd.Series(numbers, index=values.index, dtype="Int64").mask(values.isna())

    def color(self, values: pd.Series) -> pd.Series:
        """Hex colour per value; the no-data grey for missing values."""
        palette = np.array([*self.colors, NO_DATA_COLOR], dtype=object)  # the last for missing values
        positions = self.index(values).fillna(len(self.colors)).to_numpy(dtype=int)
        return pd.Series(palette[positions].tolist(), index=values.index)

    def labels(self, unit: str, lang: str, decimals: int) -> list[str]:
        """'1,0 % bis 2,0 %', then 'über 2,0 % bis 4,0 %' …, in the language's number format."""
        return [
            class_range(format_value(low, unit, lang, decimals), format_value(high, unit, lang, decimals), lang, first=i == 0)
            for i, (low, high) in enumerate(zip(self.edges[:-1], self.edges[1:]))
        ]


def quantile_classes(values: pd.Series, polarity: str, max_classes: int = MAX_CLASSES) -> Classes:
    """Up to `max_classes` quantile classes over the non-missing values.

    Inner edges are inverted-CDF quantiles at i/k (the smallest value whose share of areas
    reaches i/k, computed in integers so that 6 of 10 is exactly 0.6). Fewer classes are formed
    when edges coincide; the palette's darkest colours are kept so the top class is the darkest.
    """
    present = np.sort(values.dropna().to_numpy(dtype=float))
    n = present.size
    if n == 0:
        return Classes(edges=(0.0, 0.0), colors=(NO_DATA_COLOR,))
    k = int(min(max_classes, np.unique(present).size))
    inner = np.unique([present[(i * n + k - 1) // k - 1] for i in range(1, k)])
    inner = inner[inner < present[-1]]
    edges = (float(present[0]), *(float(e) for e in inner), float(present[-1]))
    palette = PALETTES[polarity]
    return Classes(edges=edges, colors=palette[len(palette) - (len(edges) - 1):])


# Change maps ("Bilanz"): ColorBrewer diverging schemes, safe for colour-blind readers, with a
# light neutral middle for "unchanged". Each side runs from light (small change) to dark (large
# change). With a polarity the favourable direction is blue and the unfavourable one red (RdBu);
# without one, decreases are orange and increases purple (PuOr), so that neither reads as bad.
DIVERGING_DECREASE: dict[str, tuple[str, ...]] = {  # light → dark
    "higher_worse": ("#d1e5f0", "#67a9cf", "#2166ac"),
    "higher_better": ("#fddbc7", "#ef8a62", "#b2182b"),
    "neutral": ("#fee0b6", "#f1a340", "#b35806"),
}
DIVERGING_INCREASE: dict[str, tuple[str, ...]] = {  # light → dark
    "higher_worse": ("#fddbc7", "#ef8a62", "#b2182b"),
    "higher_better": ("#d1e5f0", "#67a9cf", "#2166ac"),
    "neutral": ("#d8daeb", "#998ec3", "#542788"),
}
UNCHANGED_COLOR = "#f7f7f7"
CLASSES_PER_SIDE = 3


@dataclass(frozen=True)
class DivergingClasses:
    """Classes of a change around zero: quantile classes of the decreases and of the increases
    (each side on its own, so that a few large changes on one side do not flatten the other),
    and one class for "unchanged" (exactly 0 at the precision shown).

    `decrease` and `increase` are None where no value falls on that side.
    """

    decrease: Classes | None
    increase: Classes | None
    unchanged: bool

    def color(self, values: pd.Series) -> pd.Series:
        """Hex colour per value; the no-data grey for missing values."""
        colors = pd.Series(NO_DATA_COLOR, index=values.index, dtype=object)
        colors[values == 0] = UNCHANGED_COLOR
        for side, mask in ((self.decrease, values < 0), (self.increase, values > 0)):
            if side is not None and mask.any():
                colors[mask] = side.color(values[mask])
        return colors

    def items(self, formatter: Callable[[float], str], lang: str, unchanged_label: str) -> list[tuple[str, str]]:
        """(colour, label) per class from the largest decrease to the largest increase, with the
        limits written by `formatter` ('−2,0 bis −1,1 Prozentpunkte')."""

        def side_items(side: Classes) -> list[tuple[str, str]]:
            return [
                (side.colors[i], formatter(low) if low == high else class_range(formatter(low), formatter(high), lang, first=i == 0))
                for i, (low, high) in enumerate(zip(side.edges[:-1], side.edges[1:]))
            ]

        items = side_items(self.decrease) if self.decrease is not None else []
        if self.unchanged:
            items.append((UNCHANGED_COLOR, unchanged_label))
        return items + (side_items(self.increase) if self.increase is not None else [])


def diverging_classes(values: pd.Series, polarity: str, per_side: int = CLASSES_PER_SIDE) -> DivergingClasses:
    """Up to `per_side` quantile classes below and above zero (see DivergingClasses).

    Round `values` to the precision shown before classifying, so that "unchanged" is what the
    reader sees as 0. Decreases take the colours of their side from dark (largest decrease) to
    light; increases from light to dark.
    """

    def side(members: pd.Series, palette: tuple[str, ...], darkest_first: bool) -> Classes | None:
        if members.empty:
            return None
        classes = quantile_classes(members, "neutral", max_classes=per_side)
        colors = palette[: classes.count]
        return Classes(edges=classes.edges, colors=tuple(reversed(colors)) if darkest_first else colors)

    present = values.dropna()
    return DivergingClasses(
        decrease=side(present[present < 0], DIVERGING_DECREASE[polarity], darkest_first=True),
        increase=side(present[present > 0], DIVERGING_INCREASE[polarity], darkest_first=False),
        unchanged=bool((present == 0).any()),
    )


# Correlation matrices: ColorBrewer RdBu from −1 (red) through 0 (light grey) to +1 (blue); the
# coefficient is written in every cell.
CORRELATION_SCALE = [
    [0.0, "#b2182b"],
    [1 / 6, "#ef8a62"],
    [2 / 6, "#fddbc7"],
    [0.5, "#f7f7f7"],
    [4 / 6, "#d1e5f0"],
    [5 / 6, "#67a9cf"],
    [1.0, "#2166ac"],
]


# --- class methods (the overview's map) ------------------------------------------------------
CLASS_METHODS = ("quantile", "equal", "jenks", "stddev")
DEFAULT_CLASS_METHOD = "quantile"
# Diverging ColorBrewer PuOr (colour-blind safe, prints in grey): (below the split, darkest
# first; above the split, lightest first). Where higher is less favourable the values above
# the split are orange, where it is more favourable they are purple; neutral signed figures
# (a balance around zero) are brown below and teal above (BrBG).
DIVERGING_PALETTES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "higher_worse": (("#542788", "#998ec3", "#d8daeb"), ("#fee0b6", "#f1a340", "#b35806")),  # ColorBrewer PuOr-6
    "higher_better": (("#b35806", "#f1a340", "#fee0b6"), ("#d8daeb", "#998ec3", "#542788")),  # PuOr-6, reversed
    "neutral": (("#8c510a", "#d8b365", "#f6e8c3"), ("#c7eae5", "#5ab4ac", "#01665e")),  # ColorBrewer BrBG-6
}
DIVERGING_MIDDLE = "#f7f7f7"  # the class around the reference value (standard deviations): neither side
MAX_CLASSES_PER_SIDE = 3
# standard-deviation classes: limits at reference ± 0.5 σ and ± 1.5 σ, so the middle class holds
# the areas "about like the city" and each side has a near and a far class
STDDEV_OFFSETS = (-1.5, -0.5, 0.5, 1.5)


def natural_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """The upper limits of the k classes of natural breaks (Fisher–Jenks): the partition of the
    sorted values into k runs with the least sum of squared deviations from the run means.

    Exact dynamic programming over the distinct values, weighted by how often each occurs (so
    equal values always share a class); O(k·m²) time and O(k·m) memory for m distinct values.
    Ties between equally good partitions go to the earliest break. Fewer than k distinct values
    give one class per value.
    """
    distinct, counts = np.unique(np.asarray(values, dtype=float), return_counts=True)
    m = distinct.size
    if m == 0:
        return distinct
    k = max(1, min(int(k), m))
    centred = distinct - distinct.mean()  # fewer cancellation errors in the sums of squares
    weight = np.concatenate([[0.0], np.cumsum(counts)])
    total = np.concatenate([[0.0], np.cumsum(counts * centred)])
    squares = np.concatenate([[0.0], np.cumsum(counts * centred * centred)])

    def deviation(start: np.ndarray, end: int) -> np.ndarray:
        """Sum of squared deviations of the runs distinct[start:end] (start vectorised)."""
        n = weight[end] - weight[start]
        s = total[end] - total[start]
        return np.maximum(squares[end] - squares[start] - s * s / n, 0.0)

    # cost[j] = least deviation of distinct[:j] in c classes; start[c][j] = where its last run begins
    cost = np.array([np.inf] + [float(deviation(np.array([0]), j)[0]) for j in range(1, m + 1)])
    start = np.zeros((k + 1, m + 1), dtype=int)
    for c in range(2, k + 1):
        new = np.full(m + 1, np.inf)
        for j in range(c, m + 1):
            begins = np.arange(c - 1, j)
            candidates = cost[begins] + deviation(begins, j)
            best = int(np.argmin(candidates))
            new[j] = candidates[best]
            start[c][j] = begins[best]
        cost = new
    limits = []
    end = m
    for c in range(k, 1, -1):
        limits.append(distinct[end - 1])
        end = start[c][end]
    limits.append(distinct[end - 1])
    return np.array(limits[::-1])


def _edges(present: np.ndarray, method: str, k: int, low: float, high: float) -> list[float]:
    """Class edges of the sorted values `present` from `low` to `high` in up to k classes
    (quantile, equal or jenks); inner edges lie in [low, high) (an inner edge equal to `low`
    makes a class of the values equal to it). Quantiles as in quantile_classes."""
    k = int(min(k, np.unique(present).size))
    if k <= 1 or high <= low:
        return [low, high]
    if method == "equal":
        inner = np.linspace(low, high, k + 1)[1:-1]
    elif method == "jenks":
        inner = natural_breaks(present, k)[:-1]
    else:
        n = present.size
        inner = np.array([present[(i * n + k - 1) // k - 1] for i in range(1, k)])
    inner = np.unique(inner)
    return [low, *(float(e) for e in inner if low <= e < high), high]


def _sequential_colors(count: int, polarity: str) -> tuple[str, ...]:
    """The darkest `count` colours of the sequential palette (the top class is always the darkest)."""
    palette = PALETTES[polarity]
    return palette[len(palette) - count:]


def _stddev_classes(present: np.ndarray, polarity: str, reference: float | None, diverging: bool) -> Classes:
    """Classes with limits at reference ± 0.5 σ and ± 1.5 σ (σ: the population standard
    deviation of the area values; reference: the city value, else the areas' mean). Only the
    limits inside the range of the values are kept; colours keep their place in the 5-class
    scheme, so the middle class always looks the same."""
    centre = float(present.mean()) if reference is None else float(reference)
    sigma = float(present.std())
    low, high = float(present[0]), float(present[-1])
    limits = [centre + offset * sigma for offset in STDDEV_OFFSETS] if sigma > 0 else []
    inner = [e for e in limits if low <= e < high]  # a limit at the lowest value makes a class of it
    edges = (low, *inner, high)
    # each class keeps its place in the 5-class scheme: the number of limits below its upper edge
    places = [sum(1 for limit in limits if limit < upper) for upper in edges[1:]]
    if diverging:
        below, above = DIVERGING_PALETTES[polarity]
        scheme = (below[0], below[1], DIVERGING_MIDDLE, above[1], above[2])
    else:
        scheme = PALETTES[polarity]
    colors = tuple(scheme[p] for p in places)
    return Classes(edges=edges, colors=colors, method="stddev", reference=centre, spread=sigma, diverging=diverging)


def classify(
    values: pd.Series,
    *,
    method: str = DEFAULT_CLASS_METHOD,
    polarity: str,
    reference: float | None = None,
    diverging: bool = False,
    max_classes: int = MAX_CLASSES,
) -> Classes:
    """The map classes of `values` (missing values left out) by `method` (CLASS_METHODS).

    Sequential (diverging=False): up to `max_classes` classes over all values, light = low.
    Diverging (an indicator with a polarity, `reference` = the city value; or a balance around
    zero): the reference is a class limit, values up to and including it lie below; each side
    is divided by the method into up to MAX_CLASSES_PER_SIDE classes, lighter towards the
    reference. Standard deviations are counted from `reference` (else the areas' mean) either
    way, with a middle class of ± 0.5 σ around it.
    """
    if method not in CLASS_METHODS:
        raise ValueError(f"classify: unknown method {method!r}, expected one of {CLASS_METHODS}")
    present = np.sort(values.dropna().to_numpy(dtype=float))
    diverging = diverging and reference is not None
    if present.size == 0:
        return Classes(edges=(0.0, 0.0), colors=(NO_DATA_COLOR,), method=method, reference=reference, diverging=diverging)
    if method == "stddev":
        return _stddev_classes(present, polarity, reference, diverging)
    if not diverging:
        edges = _edges(present, method, max_classes, float(present[0]), float(present[-1]))
        return Classes(edges=tuple(edges), colors=_sequential_colors(len(edges) - 1, polarity), method=method, reference=reference)
    centre = float(reference)
    below, above = present[present <= centre], present[present > centre]
    dark_below, light_above = DIVERGING_PALETTES[polarity]
    edges: list[float] = []
    colors: list[str] = []
    if below.size:
        side = _edges(below, method, MAX_CLASSES_PER_SIDE, float(below[0]), centre)
        edges += side
        colors += dark_below[len(dark_below) - (len(side) - 1):]
    if above.size:
        side = _edges(above, method, MAX_CLASSES_PER_SIDE, centre if edges else float(above[0]), float(above[-1]))
        edges = [*edges, *side[1:]] if edges else side
        colors += light_above[: len(side) - 1]
    return Classes(edges=tuple(edges), colors=tuple(colors), method=method, reference=centre, diverging=True)


def is_signed(kind: str, values: pd.Series) -> bool:
    """Whether an indicator is drawn around zero: a balance always, any other kind when it has
    values below zero."""
    return kind == "balance" or bool((values.dropna() < 0).any())


def classes_for(
    values: pd.Series, *, kind: str, polarity: str, method: str = DEFAULT_CLASS_METHOD, city_value: float | None = None
) -> Classes:
    """The classes of a map by `method`, with the palette the indicator calls for:

    - signed figures (a balance, or any value below zero): diverging around zero;
    - counts (parts of the city's total, never compared with it): sequential;
    - an indicator with a polarity and a city value: diverging around the city value
      (favourable and unfavourable side);
    - else (neutral polarity, or no city value): sequential.

    Standard deviations are counted from the city value where there is one (counts: from the
    areas' mean).
    """
    if is_signed(kind, values):
        return classify(values, method=method, polarity=polarity, reference=0.0, diverging=True)
    reference = None if kind == "count" else city_value
    diverging = reference is not None and polarity != "neutral"
    return classify(values, method=method, polarity=polarity, reference=reference, diverging=diverging)


# Local spatial clusters (LISA): Okabe–Ito hues that stay apart for colour-blind readers; the
# pattern's name is always written beside the colour (legend, tooltip, table).
CLUSTER_COLORS: dict[str, str] = {
    "HH": "#D55E00",  # high, neighbours high
    "LL": "#0072B2",  # low, neighbours low
    "HL": "#CC79A7",  # high, neighbours low
    "LH": "#56B4E9",  # low, neighbours high
    "ns": "#f0f0f0",  # no notable pattern
    "none": NO_DATA_COLOR,
}
# Getis–Ord Gi* hot and cold spots in the LISA map's colours for high and low
HOTSPOT_COLORS: dict[str, str] = {
    "hot": CLUSTER_COLORS["HH"],
    "cold": CLUSTER_COLORS["LL"],
    "ns": CLUSTER_COLORS["ns"],
    "none": NO_DATA_COLOR,
}


# Points of interest on a choropleth: saturated colours that no fill palette above uses (each at
# least 40 CIELAB units from every fill colour, so a marker stands out on every class), drawn
# with a white ring inside a black one; the category is also named in the legend and tooltip.
POINT_COLORS: tuple[str, ...] = ("#000000", "#ff00ff", "#00e600", "#0000ff", "#ffe600", "#8a00ff", "#e6007e")
POINT_RING_COLORS = ("#ffffff", "#000000")  # inner and outer ring of every marker


def category_colors(categories: list[str]) -> dict[str, str]:
    """A distinct marker colour per point category, in sorted order (POINT_COLORS)."""
    return {category: POINT_COLORS[i % len(POINT_COLORS)] for i, category in enumerate(sorted(categories))}


def hex_to_rgba(color: str, alpha: int = 255) -> list[int]:
    """'#e34a33' → [227, 74, 51, alpha] for pydeck."""
    color = color.lstrip("#")
    return [int(color[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


# --- social index (status/dynamics) classes -------------------------------------------------
# Neutral, non-stigmatising colours for the index classes: one hue each, no red or green and
# nothing that reads as a warning, safe for colour-blind readers (lightness alone separates the
# classes) and in grey-scale print. Lightness follows the index: light = low index (status
# "hoch", dynamics "positiv"), dark = high index. Classes are always named beside the colour.
STATUS_CLASS_COLORS: dict[int, str] = {  # ColorBrewer Purples-4: 1 hoch … 4 sehr niedrig
    1: "#f2f0f7",
    2: "#cbc9e2",
    3: "#9e9ac8",
    4: "#6a51a3",
}
DYNAMICS_CLASS_COLORS: dict[int, str] = {  # ColorBrewer Blues-3: 1 positiv, 2 stabil, 3 negativ
    1: "#deebf7",
    2: "#9ecae1",
    3: "#3182bd",
}
# the combined group (status × dynamics): lightness follows the status (light = hoch … dark = sehr
# niedrig), the hue the dynamics (blue positiv, purple-grey stabil, orange negativ: distinct for
# colour-blind readers); map labels and the 4 × 3 matrix name every group as well
GROUP_COLORS: dict[int, str] = {
    (status - 1) * 3 + dynamics: colour
    for dynamics, column in enumerate(
        (
            ("#e8f1fa", "#a9cce8", "#5b9bd1", "#1f5f99"),  # positiv
            ("#f0eff4", "#c9c5dc", "#9a92bf", "#5e4f94"),  # stabil
            ("#fdeedd", "#f8c28c", "#ec8a3c", "#b35806"),  # negativ
        ),
        start=1,
    )
    for status, colour in enumerate(column, start=1)
}
NO_CLASS_COLOR = NO_DATA_COLOR  # areas without a class (excluded, too few residents, missing values)
# marker symbols of the status classes in charts (shape as a second cue beside the colour)
STATUS_CLASS_SYMBOLS: dict[int, str] = {1: "circle", 2: "square", 3: "diamond", 4: "triangle-up"}

# --- targets: status of progress (views/targets.py) -------------------------------------------
# Okabe–Ito hues from blue (achieved) over yellow to vermillion (moving away), so that the order
# reads without red–green; the status is always written beside the colour, and the bars of the
# statuses that need attention carry a pattern as well.
TARGET_STATUS_COLORS: dict[str, str] = {
    "achieved": "#0072B2",
    "on_track": "#56B4E9",
    "too_slow": "#F0E442",
    "stalling": "#E69F00",
    "moving_away": "#D55E00",
    "not_assessable": NO_DATA_COLOR,
}
TARGET_STATUS_PATTERNS: dict[str, str] = {
    "achieved": "",
    "on_track": "",
    "too_slow": ".",
    "stalling": "/",
    "moving_away": "x",
    "not_assessable": "",
}

# --- area types (views/area_types.py) ---------------------------------------------------------
# Categorical Okabe–Ito colours without black, one per type (at most seven types); the type
# number is written on the map and in the legend, so colour is never the only cue.
TYPE_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

# --- reach of places (pages/reach.py) ---------------------------------------------------------
# Places are Okabe–Ito orange dots with a black rim (they stand out on the blue palette of a
# share where higher is better); hypothetical places are white dots with a thick black rim, so
# shape and not only colour tells them apart; the reach circle around each place is a thin
# black line, and the cell under the pointer in the "what if" mode is darkened.
PLACE_COLOR = "#E69F00"
HYPOTHETICAL_PLACE_COLOR = "#FFFFFF"
REACH_CIRCLE_COLOR = "#000000"
CELL_HIGHLIGHT_RGBA = (0, 0, 0, 70)
