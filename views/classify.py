"""Class breaks and colours: the one home of every colour the dashboard draws.

Palettes are ColorBrewer sequential schemes that are safe for colour-blind readers and in
print. The hue follows the indicator's polarity (orange–red where higher is less favourable,
blue where higher is more favourable, blue–green where neither), and the lightness always
follows the value: light = low, dark = high. Colour is never the only cue: every class also has
a text label, and every value appears in labels, tooltips and tables.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from views.i18n import format_value

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


@dataclass(frozen=True)
class Classes:
    """Quantile classes: `edges` has one more entry than `colors`.

    Class 0 holds values up to and including edges[1]; class i > 0 holds values above edges[i]
    up to and including edges[i+1].
    """

    edges: tuple[float, ...]
    colors: tuple[str, ...]

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
        return self.index(values).map(lambda i: NO_DATA_COLOR if pd.isna(i) else self.colors[int(i)])

    def labels(self, unit: str, lang: str, decimals: int) -> list[str]:
        """'1,0 % bis 2,0 %', then 'über 2,0 % bis 4,0 %' …, in the language's number format."""
        joiner, above = (" bis ", "über ") if lang == "de" else (" to ", "above ")
        return [
            ("" if i == 0 else above) + format_value(low, unit, lang, decimals) + joiner + format_value(high, unit, lang, decimals)
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
        joiner, above = (" bis ", "über ") if lang == "de" else (" to ", "above ")

        def side_items(side: Classes) -> list[tuple[str, str]]:
            return [
                (side.colors[i], formatter(low) if low == high else ("" if i == 0 else above) + formatter(low) + joiner + formatter(high))
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


def category_colors(categories: list[str]) -> dict[str, str]:
    """A distinct Okabe–Ito colour per point category, in sorted order (black is kept for lines)."""
    return {category: SERIES_COLORS[1 + i % (len(SERIES_COLORS) - 1)] for i, category in enumerate(sorted(categories))}


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
