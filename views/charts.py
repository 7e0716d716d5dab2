"""plotly figures built from DataFrames (keyword-only builders; nothing here talks to Streamlit).

Numbers follow the language (`separators`), text is large enough for a projector, and colour
is never the only cue: bars above the city value are also hatched, lines have distinct marker
symbols and dashes, and every value is written next to its bar or point.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from views.classify import ABOVE_COLOR, BELOW_COLOR, CITY_LINE_COLOR, EQUAL_COLOR, SERIES_COLORS
from views.i18n import format_value, format_values, plotly_separators, t
from views.markup import plotly_text

@dataclass(frozen=True)
class Chart:
    """What every chart builder hands to a page: the figure, its alt text and the table behind it."""

    figure: go.Figure
    alt: str
    table: pd.DataFrame


FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 15, "color": "#000000"}
BAR_HEIGHT = 30
MAX_BARS = 40  # more areas: the top and bottom MAX_BARS / 2, the rest in the table
BOTTOM_MARGIN = 140  # px below the plot: tick labels and axis title (~60 px), then up to three legend rows
WHISKER = {"type": "data", "symmetric": False, "color": "#000000", "thickness": 2, "width": 6}
MARKER_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
# Kinds whose zero means "none": their value axes start at zero (shares and counts, never below).
FROM_ZERO_KINDS = ("count", "share")


def apply_layout(figure: go.Figure, *, lang: str, height: int, x_title: str = "", y_title: str = "") -> go.Figure:
    figure.update_layout(
        template="simple_white",
        separators=plotly_separators(lang),
        font=FONT,
        height=height,
        margin={"l": 10, "r": 30, "t": 40, "b": BOTTOM_MARGIN},
        # the legend sits at the figure's foot, below the margin that holds the x-axis ticks and
        # title, whatever the figure's height: the axis unit and the legend never meet
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0, "font": {"size": 14}},
        hoverlabel={"font_size": 15},
    )
    figure.update_xaxes(title_text=plotly_text(x_title), showgrid=True, gridcolor="#e0e0e0", tickfont={"color": "#000000", "size": 14})
    figure.update_yaxes(title_text=plotly_text(y_title), tickfont={"color": "#000000", "size": 15})
    return figure


def distinct_names(values: pd.DataFrame) -> pd.Series:
    """Per row the area's name, with its id where two areas share a name, so that no two bars
    fall onto one category (not escaped: see area_labels)."""
    names = values["name"].astype(str)
    repeated = names.duplicated(keep=False)
    if "area_id" in values and repeated.any():
        names = names.where(~repeated, names + " (" + values["area_id"].astype(str) + ")")
    return names


def area_labels(values: pd.DataFrame) -> pd.Series:
    """Per row the area's name for plotly (escaped), with its id where two areas share a name."""
    return distinct_names(values).map(plotly_text)


LABEL_ROOM = 0.22  # least room right of the bars for their value labels, as a share of the axis span
LABEL_CHARACTER_ROOM = 0.018  # … and per character of the longest label ("53,4 je 1.000 EW")
NEGATIVE_ROOM = 0.04  # room left of the longest bar below zero (its label is written right of zero)


def value_range(values: list[float], label_characters: int = 0) -> list[float]:
    """The x-range of a bar chart: always from zero, to the largest value above and the smallest
    below zero (signed figures have bars on both sides). The value labels are written right of
    each bar, or right of zero for a bar below zero (never over the area names), so the room
    for them is on the right, the wider the longer the labels."""
    low, high = min([0.0, *values]), max([0.0, *values])
    if low == high:
        return [0.0, 1.0]
    span = high - low
    room = max(LABEL_ROOM, LABEL_CHARACTER_ROOM * label_characters)
    return [low - NEGATIVE_ROOM * span if low < 0 else 0.0, high + room * span]


def labels_right_of_zero(figure: go.Figure, values: pd.Series, y: list, labels: list[str]) -> list[str]:
    """Bar texts for `labels` (escaped): a bar at or above zero keeps its label at its end; the
    label of a bar below zero is written right of zero instead (added to `figure` as text), so
    it never runs over the area names left of the axis. Returns the texts for the bars."""
    below = [bool(v < 0) for v in values]
    if any(below):
        figure.add_scatter(
            x=[0.0] * sum(below),
            y=[name for name, b in zip(y, below) if b],
            mode="text",
            text=[f" {label}" for label, b in zip(labels, below) if b],
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    return [label if not b else "" for label, b in zip(labels, below)]


def ranking(
    values: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    city_value: float | None,
    city_name: str,
    lang: str,
    max_bars: int = MAX_BARS,
    bar_labels: pd.Series | None = None,
) -> go.Figure:
    """Horizontal bars of `values` (name, value, note) from highest to lowest, with the city as a line.

    Without a `city_value` (e.g. for counts, which are parts of the city's total) there is no
    line and all bars look the same. `bar_labels` (indexed like `values`) replaces the value
    written beside each bar.

    Areas without a value (missing or withheld) are listed at the bottom with their note
    instead of a bar. Bars above the city value are orange and hatched, those below blue.
    Where `values` has a confidence interval (`ci_low`, `ci_high`: shares), it is drawn as a
    whisker on the bar and the value is written beyond the whisker's end.
    With more than `max_bars` areas only the highest and lowest `max_bars` / 2 are drawn, and a
    line between them says how many are left to the table.
    """
    # beside a bar the figure alone where the unit is longer than "%" (the axis says the unit, and
    # on a phone "53,4 je 1.000 EW" runs off the chart); the hover text keeps the unit
    short_unit = unit if unit == "%" else ""
    values = values.assign(label=distinct_names(values))
    if bar_labels is not None:
        values = values.assign(bar_label=bar_labels, hover_label=bar_labels)

    def labelled(rows: pd.DataFrame) -> pd.DataFrame:
        """The drawn rows with their escaped labels and value texts (formatted only for the bars drawn)."""
        rows = rows.assign(label=rows["label"].map(plotly_text))
        if bar_labels is not None:
            return rows
        return rows.assign(
            bar_label=format_values(rows["value"], short_unit, lang, decimals), hover_label=format_values(rows["value"], unit, lang, decimals)
        )

    with_intervals = {"ci_low", "ci_high"} <= set(values.columns) and bool(values[["ci_low", "ci_high"]].notna().all(axis=1).any())
    present = values.dropna(subset=["value"]).sort_values(["value", "name"], ascending=[True, False])
    absent = values[values["value"].isna()].sort_values("name", ascending=False)
    hidden = 0
    if len(present) + len(absent) > max_bars:
        half = max_bars // 2
        hidden = len(present) + len(absent) - 2 * half if len(present) > 2 * half else len(absent)
        present = pd.concat([present.head(half), present.tail(half)]) if len(present) > 2 * half else present
        absent = absent.iloc[0:0]
    present, absent = labelled(present), labelled(absent)
    figure = go.Figure()
    groups = [("chart.below", BELOW_COLOR, ""), ("chart.above", ABOVE_COLOR, "/"), ("chart.equal", EQUAL_COLOR, "")]
    for key, color, pattern in groups:
        if city_value is None:
            members = present if key == "chart.equal" else present.iloc[0:0]
            name = t("column.value", lang)
        else:
            if key == "chart.below":
                members = present[present["value"] < city_value]
            elif key == "chart.above":
                members = present[present["value"] > city_value]
            else:
                members = present[present["value"] == city_value]
            name = t(key, lang)
        if members.empty:
            continue
        labels = [plotly_text(label) for label in members["bar_label"]]
        hovers = [plotly_text(label) for label in members["hover_label"]]
        whiskers = with_intervals and members[["ci_low", "ci_high"]].notna().all(axis=1).any()
        if whiskers:
            intervals = [
                plotly_text(f"{label} ({format_value(low, unit, lang, decimals)} – {format_value(high, unit, lang, decimals)})")
                if pd.notna(low) and pd.notna(high)
                else label
                for label, low, high in zip(hovers, members["ci_low"], members["ci_high"])
            ]
        figure.add_bar(
            x=members["value"],
            y=members["label"],
            orientation="h",
            name=name,
            marker={"color": color, "line": {"color": "#000000", "width": 1}, "pattern": {"shape": pattern, "fgcolor": "#000000", "size": 6}},
            text=None if whiskers else labels_right_of_zero(figure, members["value"], list(members["label"]), labels),
            textposition="outside",
            cliponaxis=False,
            customdata=intervals if whiskers else hovers,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
            error_x={
                **WHISKER,
                "array": (members["ci_high"] - members["value"]).clip(lower=0).fillna(0).tolist(),
                "arrayminus": (members["value"] - members["ci_low"]).clip(lower=0).fillna(0).tolist(),
            }
            if whiskers
            else None,
        )
        if whiskers:  # the value beyond the whisker's end, so the two never cover each other
            figure.add_scatter(
                x=members[["value", "ci_high"]].max(axis=1),
                y=members["label"],
                mode="text",
                text=[f" {label}" for label in labels],
                textposition="middle right",
                cliponaxis=False,
                showlegend=False,
                hoverinfo="skip",
            )
    if not absent.empty:
        figure.add_bar(
            x=[0] * len(absent),
            y=absent["label"],
            orientation="h",
            name=t("chart.no_value", lang),
            marker={"color": "rgba(0,0,0,0)"},
            text=list(absent["note"]),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
        )
    order = list(absent["label"]) + list(present["label"])
    if hidden:
        gap = t("chart.hidden_areas", lang, n=hidden)
        half = len(present) // 2
        order = order[:half] + [gap] + order[half:]
        figure.add_bar(x=[0], y=[gap], orientation="h", showlegend=False, marker={"color": "rgba(0,0,0,0)"}, hoverinfo="skip")
    figure.update_yaxes(categoryorder="array", categoryarray=order, automargin=True)
    if city_value is not None:
        figure.add_vline(
            x=city_value,
            line={"color": CITY_LINE_COLOR, "dash": "dash", "width": 2},
            annotation_text=plotly_text(t("chart.city_line", lang, city=city_name, value=format_value(city_value, short_unit, lang, decimals))),
            annotation_position="top",
            annotation_xanchor="right",  # the text ends at the line, towards the names, where a phone has room
            annotation_font=FONT,
        )
    if with_intervals:  # the whiskers' meaning, in the legend
        figure.add_scatter(
            x=[], y=[], mode="lines", line={"color": "#000000", "width": 2}, name=t("chart.whisker_legend", lang), hoverinfo="skip"
        )
    reach = present[["value", "ci_high"]].max(axis=1) if with_intervals else present["value"]
    longest = max((len(str(label)) for label in present["bar_label"]), default=0)
    figure.update_xaxes(range=value_range([*present["value"], *reach, *([city_value] if city_value is not None else [])], longest))
    figure.update_layout(barmode="overlay", bargap=0.25)
    return apply_layout(figure, lang=lang, height=BAR_HEIGHT * max(len(order), 3) + 100 + BOTTOM_MARGIN, x_title=unit)


def axis_from_zero(kind: str, values: object = ()) -> bool:
    """Whether a value axis starts at zero: for counts and shares (FROM_ZERO_KINDS) whose values
    are all ≥ 0. Other kinds (rates, means, indices) show the range of their values, and the
    page says so (their zero is far from the values or not a natural baseline)."""
    numbers = pd.to_numeric(pd.Series(values, dtype="float64"), errors="coerce").dropna()
    return kind in FROM_ZERO_KINDS and not (numbers < 0).any()


def trend(
    series: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    lang: str,
    kind: str | None = None,
) -> go.Figure:
    """Lines over the periods for each series in `series` (label, period, value); the first label is drawn black.

    With a `kind` for which `axis_from_zero` holds, the y-axis runs from zero."""
    figure = go.Figure()
    for index, (label, rows) in enumerate(series.groupby("label", sort=False)):
        rows = rows.sort_values("period")
        labels = [plotly_text(format_value(v, unit, lang, decimals)) for v in rows["value"]]
        figure.add_scatter(
            x=rows["period"],
            y=rows["value"],
            name=plotly_text(label),
            mode="lines+markers",
            line={"color": SERIES_COLORS[index % len(SERIES_COLORS)], "dash": DASHES[index % len(DASHES)], "width": 3},
            marker={"symbol": MARKER_SYMBOLS[index % len(MARKER_SYMBOLS)], "size": 9},
            customdata=labels,
            hovertemplate="<b>%{fullData.name}</b> %{x}<br>%{customdata}<extra></extra>",
            connectgaps=False,
        )
    figure.update_xaxes(dtick=1, tickformat="d")
    if kind is not None and axis_from_zero(kind, series["value"]):
        top = float(series["value"].max()) if series["value"].notna().any() else 1.0
        figure.update_yaxes(range=[0, top * 1.08 or 1.0])
    apply_layout(figure, lang=lang, height=380, y_title=unit)
    return figure.update_layout(legend={"y": -0.2})  # below the year labels
