"""The trends page: small multiples per area, the ranking of change, the widening-gap sentence and
the change ("Bilanz") map, built from the store's DataFrames (no Streamlit here).

Conventions:
- Shown as values, as an index (base year = 100) or as the change since the base year (in the
  unit; percentage points for shares in %). An index is offered only for indicators without
  negative values: a balance such as net migration (kind 'balance') has none, and its change
  is always in its own unit, never in percent (both mean nothing for values around zero).
- The change between base and end year is ranked and mapped *absolute* (in the unit), except for
  counts and in index view, where it is *relative* (in %): an area's count and the city's
  total are not on one scale, but their growth rates are.
- The city is drawn where it is comparable: its value (not for counts, whose city value is the
  sum of all areas), its index, its change (not for counts).
- Axes are shared by all areas of the level, not only those on the page, so paging or
  searching never changes the scale.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.store import Indicator
from metrics.change import change_between, difference_to_base, index_to_base, is_signed, widening_gaps, window_periods
from views import maps
from views.charts import FONT, MAX_BARS, Chart, apply_layout, axis_from_zero, labels_right_of_zero, value_range
from views.export import Column, ExportTable
from views.classify import ABOVE_COLOR, BELOW_COLOR, CITY_LINE_COLOR, EQUAL_COLOR, NO_DATA_COLOR, diverging_classes
from views.i18n import format_delta, format_deltas, format_number, format_value, format_values, plotly_separators, t
from views.markup import LONG_TEXT_CHARACTERS, plain, plotly_text
from views.state import TREND_SHOW, TrendOptions
from views.tables import SCREEN_ROWS, rows_note

PAGE_SIZE = 12  # panels per page: each is a plotly chart in the browser
LISTED_PAGES = 200  # up to this many pages a list of them to choose from; above, a number field (a million areas: 83,334 pages)
COLUMNS = 4  # panels side by side (Streamlit stacks columns on a phone)
PANEL_HEIGHT = 210  # pixels per small chart, with a title of up to two lines
TITLE_LINE = 26  # characters before a panel title wraps
MAX_NAMED = 12  # names per group in the widening sentence; the rest are counted
WIDENING_MARK = "◆"
AREA_COLOR = "#0072B2"
WIDENING_FILL = "#fdf0d5"


@dataclass(frozen=True)
class TrendData:
    """One indicator at one level over time: `wide` values (area_id × period; NaN = missing or
    withheld), `withheld` (same shape, True where the store withheld a value), `names`
    (area_id → name), `city` (period → city value, NaN where none can be formed) and the
    indicator's `kind` (a 'balance' is signed even in years in which no value is negative).
    `periods` and `signed` are computed once per object (a page asks for them many times per
    run; at a million areas each look is a scan of every value)."""

    wide: pd.DataFrame
    withheld: pd.DataFrame
    names: pd.Series
    city: pd.Series
    kind: str = ""

    @cached_property
    def periods(self) -> list[int]:
        """Periods in which at least one area has a value."""
        return [int(p) for p in self.wide.columns if self.wide[p].notna().any()]

    @cached_property
    def signed(self) -> bool:
        """A balance, or any value below zero: no index to a base year, no change in percent."""
        return self.kind == "balance" or is_signed(self.wide)


def trend_data(series: pd.DataFrame, city_series: pd.DataFrame, kind: str = "") -> TrendData:
    """TrendData from the store's `series` (area_id, name, period, value, suppressed),
    `city_series` (period, value) and the indicator's `kind`."""
    wide = series.pivot(index="area_id", columns="period", values="value").astype(float).sort_index(axis=1)
    withheld = series.pivot(index="area_id", columns="period", values="suppressed").reindex_like(wide).fillna(False).astype(bool)
    names = series.drop_duplicates("area_id").set_index("area_id")["name"].reindex(wide.index).astype(str)
    city = city_series.set_index("period")["value"].astype(float).reindex(wide.columns)
    return TrendData(wide=wide, withheld=withheld, names=names, city=city, kind=kind)


def allowed_shows(data: TrendData) -> tuple[str, ...]:
    """What the small multiples can show: no index for an indicator with negative values."""
    return tuple(s for s in TREND_SHOW if not (s == "index" and data.signed))


def change_measure(entry: Indicator, show: str, signed: bool) -> str:
    """'relative' (in %) for counts and in index view, else 'absolute' (in the unit)."""
    if signed:
        return "absolute"
    return "relative" if show == "index" or entry.kind == "count" else "absolute"


def change_unit(entry: Indicator, measure: str, lang: str) -> str:
    """The unit of a change: % for a relative change, percentage points for a share in %."""
    if measure == "relative":
        return "%"
    return t("trends.points", lang) if entry.unit(lang) == "%" else entry.unit(lang)


def format_change(value: float | None, entry: Indicator, measure: str, lang: str) -> str:
    """A signed change: '+1,2 Prozentpunkte', '−3,4 %' (relative), '+120 Personen'."""
    if measure == "relative":
        text = format_value(value, "%", lang, 1)
        return "+" + text if value is not None and not pd.isna(value) and round(float(value), 1) > 0 else text
    return format_delta(value, entry.unit(lang), lang, int(entry.decimals))


def format_changes(values: pd.Series, entry: Indicator, measure: str, lang: str) -> pd.Series:
    """format_change for a whole column at once."""
    if measure == "relative":
        return format_values(values, "%", lang, 1, signed=True)
    return format_deltas(values, entry.unit(lang), lang, int(entry.decimals))


def format_change_number(value: float | None, entry: Indicator, measure: str, lang: str) -> str:
    """A signed change without its unit, for map labels and legend limits: '+1,2', '−3,4'."""
    decimals = 1 if measure == "relative" else int(entry.decimals)
    return format_delta(value, "", lang, decimals)


def shown_values(data: TrendData, *, show: str, base: int | None, kind: str) -> tuple[pd.DataFrame, pd.Series | None]:
    """The values the small multiples draw, and the city line (None where it is not comparable)."""
    city = data.city.to_frame().T
    if show == "index" and base is not None:
        return index_to_base(data.wide, base=base), index_to_base(city, base=base).iloc[0]
    if show == "change" and base is not None:
        return difference_to_base(data.wide, base=base), None if kind == "count" else difference_to_base(city, base=base).iloc[0]
    return data.wide, None if kind == "count" else data.city


def show_unit(entry: Indicator, show: str, lang: str) -> str:
    if show == "index":
        return t("trends.index_unit", lang)
    if show == "change":
        return change_unit(entry, "absolute", lang)
    return entry.unit(lang)


def _format_shown(value: float, entry: Indicator, show: str, lang: str) -> str:
    if show == "index":
        return format_number(value, lang, 1)
    if show == "change":
        return format_change(value, entry, "absolute", lang)
    return format_value(value, entry.unit(lang), lang, int(entry.decimals))


def _format_shown_column(values: pd.Series, entry: Indicator, show: str, lang: str) -> pd.Series:
    """_format_shown for a whole column at once."""
    if show == "index":
        return format_values(values, "", lang, 1)
    if show == "change":
        return format_changes(values, entry, "absolute", lang)
    return format_values(values, entry.unit(lang), lang, int(entry.decimals))


def order_areas(data: TrendData, changes: pd.DataFrame, *, sort: str, end: int, measure: str) -> list[str]:
    """Area ids in the chosen order; missing values last, ties by name."""
    column = "relative_change" if measure == "relative" else "change"
    key = {
        "latest_desc": -data.wide[end] if end in data.wide else None,
        "latest_asc": data.wide[end] if end in data.wide else None,
        "change_desc": -changes[column] if column in changes else None,
        "change_asc": changes[column] if column in changes else None,
    }.get(sort)
    frame = pd.DataFrame({"name": data.names.str.casefold(), "key": key if key is not None else 0.0}, index=data.wide.index)
    return list(frame.sort_values(["key", "name"], na_position="last").index)


def search_areas(data: TrendData, ids: list[str] | pd.Index, search: str) -> list[str]:
    """The ids whose name or number contains `search` (ignoring case), in the order of `ids`;
    all when it is empty."""
    needle = search.strip().casefold()
    if not needle:
        return list(ids)
    index = pd.Index(ids)
    in_names = np.asarray(data.names.reindex(index).str.casefold().str.contains(needle, regex=False, na=False), dtype=bool)
    in_ids = np.asarray(index.astype(str).str.casefold().str.contains(needle, regex=False), dtype=bool)
    found = in_names | in_ids
    return index[found].tolist()


def matching_count(data: TrendData, search: str) -> int:
    """How many areas `search_areas` finds among all of the level's."""
    return len(data.wide) if not search.strip() else len(search_areas(data, data.wide.index, search))


def _range(frames: list[pd.DataFrame | pd.Series | None], *, from_zero: bool, include: float | None) -> list[float]:
    numbers = np.concatenate([np.asarray(f, dtype=float).ravel() for f in frames if f is not None])
    numbers = numbers[~np.isnan(numbers)]
    low, high = (float(numbers.min()), float(numbers.max())) if numbers.size else (0.0, 1.0)
    if from_zero and low >= 0:
        low = 0.0
    if include is not None:
        low, high = min(low, include), max(high, include)
    pad = (high - low) * 0.06 or max(abs(high), 1.0) * 0.1
    return [low - (0 if from_zero and low == 0 else pad), high + pad]


def panel_title(name: str, widening: bool) -> str:
    """A panel's title for plotly: the escaped name, wrapped once if long, with WIDENING_MARK."""
    text = plain(name, limit=2 * TITLE_LINE) + (f" {WIDENING_MARK}" if widening else "")
    if len(text) > TITLE_LINE:
        dash = text.find(" – ")
        cut = dash if 0 < dash <= TITLE_LINE else text.rfind(" ", 0, TITLE_LINE + 1)
        cut = cut if cut > 0 else TITLE_LINE
        return plotly_text(text[:cut].rstrip(" –-")) + "<br>" + plotly_text(text[cut:].strip(" –"))
    return plotly_text(text)


@dataclass(frozen=True)
class Panels:
    """Small multiples: one small figure and its alt text per area (a page lays them out in
    columns, which stack on a phone), and the table behind them."""

    figures: list[go.Figure]
    alts: list[str]
    table: pd.DataFrame


def small_multiples(
    *,
    data: TrendData,
    area_ids: list[str],
    widening: set[str],
    show: str,
    base: int | None,
    entry: Indicator,
    city: str,
    lang: str,
) -> tuple[list[go.Figure], list[str]]:
    """One small line chart per area of `area_ids`, with the city line (dashed) where
    comparable, all on the same axes: the ranges cover every area of the level, not only those
    shown, so paging or searching never changes the scale. Areas in `widening` carry
    WIDENING_MARK in their title and a shaded background (the mark is the cue, the shade a help).
    Returns the figures and an alt text per figure. Each figure is written as one dict (plotly's
    per-property updates are slow)."""
    values, city_line = shown_values(data, show=show, base=base, kind=entry.kind)
    periods = [int(p) for p in values.columns]
    include = 100.0 if show == "index" else 0.0 if show == "change" else None
    from_zero = show == "value" and axis_from_zero(entry.kind)
    y_range = _range([values, city_line], from_zero=from_zero, include=include)
    x_range = [periods[0] - 0.5, periods[-1] + 0.5]
    city_name = plotly_text(t("chart.city_sentence", lang, city=city, value="").rstrip(" :."))
    city_y = city_line.reindex(values.columns).to_numpy().tolist() if city_line is not None else None
    axis_style = {
        "showgrid": True, "gridcolor": "#e0e0e0", "tickfont": {"size": 12, "color": "#000000"}, "linecolor": "#000000",
        "showline": True, "ticks": "outside", "zeroline": False,
    }
    # few periods: a tick at each (no years without data); numbers in full, never '15k'
    x_ticks = {"tickvals": periods} if len(periods) <= 6 else {"nticks": 4}
    figures, alts = [], []
    for area_id in area_ids:
        shown = values.loc[area_id]
        traces = []
        if city_y is not None:
            traces.append(
                {"type": "scatter", "x": periods, "y": city_y, "mode": "lines", "name": city_name,
                 "line": {"color": CITY_LINE_COLOR, "dash": "dash", "width": 1.5},
                 "hovertemplate": f"{city_name} %{{x}}: %{{y:.{int(entry.decimals)}f}}<extra></extra>"}
            )
        traces.append(
            {"type": "scatter", "x": periods, "y": shown.to_numpy().tolist(), "mode": "lines+markers",
             "name": plotly_text(data.names[area_id]), "line": {"color": AREA_COLOR, "width": 2.5},
             "marker": {"size": 5, "symbol": "circle"},
             "customdata": [_format_shown(v, entry, show, lang) for v in shown],
             "hovertemplate": f"<b>{plotly_text(data.names[area_id])}</b> %{{x}}<br>%{{customdata}}<extra></extra>",
             "connectgaps": False}
        )
        layout = {
            # no named template: resolving one costs ~0.15 s per figure; the few styles are set here
            "template": "none",
            "paper_bgcolor": "#ffffff",
            "separators": plotly_separators(lang),
            "font": FONT,
            "height": PANEL_HEIGHT,
            "margin": {"l": 10, "r": 10, "t": 64, "b": 10},
            "showlegend": False,
            "hoverlabel": {"font_size": 15},
            # the title as an annotation: plotly places a title of two lines badly
            "annotations": [
                {"text": panel_title(data.names[area_id], area_id in widening), "font": {"size": 13}, "x": 0.5, "xref": "paper",
                 "xanchor": "center", "y": 1, "yref": "paper", "yanchor": "bottom", "yshift": 8, "showarrow": False}
            ],
            "xaxis": {**axis_style, "range": x_range, "tickformat": "d", **x_ticks, "fixedrange": True},
            "yaxis": {**axis_style, "range": y_range, "nticks": 4, "fixedrange": True, "automargin": True, "exponentformat": "none", "separatethousands": True},
            "plot_bgcolor": WIDENING_FILL if area_id in widening else "#ffffff",
        }
        figures.append(go.Figure({"data": traces, "layout": layout}))
        present = shown.dropna()
        alts.append(
            plain(
                t(
                    "trends.panel_alt",
                    lang,
                    name=data.names[area_id],
                    first=int(present.index[0]) if len(present) else periods[0],
                    last=int(present.index[-1]) if len(present) else periods[-1],
                    start=_format_shown(present.iloc[0], entry, show, lang) if len(present) else "–",
                    end=_format_shown(present.iloc[-1], entry, show, lang) if len(present) else "–",
                    widening=t("trends.panel_widening", lang) if area_id in widening else "",
                ).strip(),
                limit=LONG_TEXT_CHARACTERS,
            )
        )
    return figures, alts


def series_table(
    *, data: TrendData, area_ids: list[str], widening: set[str], show: str, base: int | None, entry: Indicator, city: str, lang: str
) -> pd.DataFrame:
    """The table behind the small multiples: one row per area (the city first where drawn), one
    column per period, values as shown; withheld values say so."""
    values, city_line = shown_values(data, show=show, base=base, kind=entry.kind)
    shown = values.reindex(area_ids)
    withheld = data.withheld.reindex(index=area_ids, columns=values.columns).fillna(False).astype(bool)
    suppressed = t("note.suppressed", lang)
    columns = {
        t("column.area_id", lang): pd.Series(area_ids, dtype=object),
        t("column.area", lang): pd.Series(data.names.reindex(area_ids).to_numpy(), dtype=object),
        **{
            str(p): pd.Series(
                np.where(withheld[p].to_numpy(), suppressed, _format_shown_column(shown[p], entry, show, lang).to_numpy(dtype=object)),
                dtype=object,
            )
            for p in values.columns
        },
        t("trends.widening_column", lang): pd.Series(
            np.where(pd.Index(area_ids).isin(list(widening)), f"{WIDENING_MARK} {t('trends.yes', lang)}", ""), dtype=object
        ),
    }
    table = pd.DataFrame(columns)
    if city_line is not None:
        city_row = {
            t("column.area_id", lang): "",
            t("column.area", lang): t("chart.city_sentence", lang, city=city, value="").rstrip(" :."),
            **dict(zip([str(p) for p in values.columns], _format_shown_column(city_line.reindex(values.columns), entry, show, lang))),
            t("trends.widening_column", lang): "",
        }
        table = pd.concat([pd.DataFrame([city_row], dtype=object), table], ignore_index=True)
    return table.astype(str)


def change_ranking(
    *, changes: pd.DataFrame, names: pd.Series, city_change: float | None, entry: Indicator, measure: str, city: str, lang: str
) -> go.Figure:
    """Horizontal bars of each area's change between the two years, largest first, with the city's
    change as a dashed line. Bars above the city's change are orange and hatched, those below
    blue; every bar carries its signed value. With more than MAX_BARS areas the largest and the
    smallest MAX_BARS / 2 are drawn and a line says how many are in the table."""
    column = "relative_change" if measure == "relative" else "change"
    present = changes[[column]].assign(name=names.reindex(changes.index)).dropna(subset=[column])
    present = present.sort_values([column, "name"], ascending=[True, False])
    hidden = 0
    if len(present) > MAX_BARS:
        half = MAX_BARS // 2
        hidden = len(present) - 2 * half
        present = pd.concat([present.head(half), present.tail(half)])
    figure = go.Figure()
    reference = city_change if city_change is not None and not pd.isna(city_change) else None
    groups = [
        ("trends.below_city", BELOW_COLOR, "", present[column] < reference if reference is not None else present[column] != present[column]),
        ("trends.above_city", ABOVE_COLOR, "/", present[column] > reference if reference is not None else present[column] != present[column]),
        ("trends.same_as_city", EQUAL_COLOR, "", present[column] == reference if reference is not None else present[column] == present[column]),
    ]
    for key, color, pattern, mask in groups:
        members = present[mask.to_numpy()]
        if members.empty:
            continue
        labels = [format_change(v, entry, measure, lang) for v in members[column]]
        ys = [plotly_text(n) for n in members["name"]]
        figure.add_bar(
            x=members[column],
            y=ys,
            orientation="h",
            name=t(key, lang, city=city) if reference is not None else t("trends.change_label", lang),
            marker={"color": color, "line": {"color": "#000000", "width": 1}, "pattern": {"shape": pattern, "fgcolor": "#000000", "size": 6}},
            text=labels_right_of_zero(figure, members[column], ys, [plotly_text(label) for label in labels]),
            textposition="outside",
            cliponaxis=False,
            customdata=labels,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        )
    order = [plotly_text(n) for n in present["name"]]
    if hidden:
        gap = t("chart.hidden_areas", lang, n=hidden)
        order = order[: len(order) // 2] + [gap] + order[len(order) // 2:]
        figure.add_bar(x=[0], y=[gap], orientation="h", showlegend=False, marker={"color": "rgba(0,0,0,0)"}, hoverinfo="skip")
    figure.update_yaxes(categoryorder="array", categoryarray=order, automargin=True)
    if reference is not None:
        figure.add_vline(
            x=reference,
            line={"color": CITY_LINE_COLOR, "dash": "dash", "width": 2},
            annotation_text=plotly_text(t("chart.city_line", lang, city=city, value=format_change(reference, entry, measure, lang))),
            annotation_position="top",
            annotation_font=FONT,
        )
    figure.add_vline(x=0, line={"color": "#4d4d4d", "width": 1})
    numbers = [*present[column].tolist(), *([reference] if reference is not None else [])]
    longest = max((len(format_change(v, entry, measure, lang)) for v in present[column]), default=0)
    figure.update_xaxes(range=value_range(numbers, longest))
    figure.update_layout(barmode="overlay", bargap=0.25)
    apply_layout(figure, lang=lang, height=30 * max(len(order), 3) + 190, x_title=change_unit(entry, measure, lang))
    # the legend at the foot of the figure, below the axis title
    figure.update_layout(margin={"b": 120}, legend={"yref": "container", "y": 0, "yanchor": "bottom"})
    return figure


def change_table(
    *, data: TrendData, changes: pd.DataFrame, city_change: pd.Series, widening: pd.DataFrame, base: int, end: int,
    entry: Indicator, measure: str, city: str, lang: str, raw: bool = False, max_rows: int | None = None,
) -> pd.DataFrame:
    """The table behind the ranking and the map: both years, the change in the unit and in % (not
    for a balance), the widening gap and a note; the city first. `raw` keeps numbers unformatted
    (the frame of `change_export`); `max_rows` keeps only the first areas in this order."""
    unit = entry.unit(lang)
    decimals = int(entry.decimals)
    column = "relative_change" if measure == "relative" else "change"
    ordered = changes.assign(_name=data.names.str.casefold()).sort_values([column, "_name"], ascending=[False, True], na_position="last")
    if max_rows is not None:
        ordered = ordered.head(max_rows)

    withheld = data.withheld[[base, end]].any(axis=1).reindex(ordered.index).fillna(False).astype(bool)
    city_label = t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")
    columns = {
        "id": t("column.area_id", lang),
        "name": t("column.area", lang),
        "base": t("trends.value_in", lang, period=base),
        "end": t("trends.value_in", lang, period=end),
        "change": t("trends.change_in_unit", lang, unit=change_unit(entry, "absolute", lang)),
        "relative": t("trends.change_in_percent", lang),
        "widening": t("trends.widening_column", lang),
        "note": t("column.note", lang),
    }
    with_city = not (pd.isna(city_change["base_value"]) and pd.isna(city_change["end_value"]))
    rows = pd.concat([city_change.to_frame().T, ordered], ignore_index=True) if with_city else ordered.reset_index(drop=True)

    def numbers(field: str, kind: str) -> list[object]:
        """A column of the table: raw (None where missing) or formatted."""
        column = rows[field].astype(float)
        if raw:
            return [None if v != v else v for v in column.to_numpy().tolist()]
        if kind == "value":
            return format_values(column, unit, lang, decimals).tolist()
        return format_changes(column, entry, kind, lang).tolist()

    flagged = widening["widening"].reindex(ordered.index).fillna(False).astype(bool).to_numpy()
    notes = np.select(
        [
            withheld.to_numpy(),
            ordered["change"].isna().to_numpy(),
            ordered["relative_change"].isna().to_numpy() & (measure == "relative"),
        ],
        [t("note.suppressed", lang), t("note.missing", lang), t("trends.no_base", lang)],
        "",
    ).astype(object)
    lead = [""] if with_city else []
    table = pd.DataFrame(
        {
            columns["id"]: lead + list(ordered.index),
            columns["name"]: ([city_label] if with_city else []) + data.names.reindex(ordered.index).tolist(),
            columns["base"]: numbers("base_value", "value"),
            columns["end"]: numbers("end_value", "value"),
            columns["change"]: numbers("change", "absolute"),
            columns["relative"]: numbers("relative_change", "relative"),
            columns["widening"]: lead + np.where(flagged, WIDENING_MARK + " " + t("trends.yes", lang), "").tolist(),
            columns["note"]: lead + notes.tolist(),
        },
        columns=list(columns.values()),
    )
    if data.signed or (changes["relative_change"].isna().all() and pd.isna(city_change["relative_change"])):
        table = table.drop(columns=[columns["relative"]])  # no relative change of a balance
    return table


def change_export(
    *, data: TrendData, changes: pd.DataFrame, city_change: pd.Series, widening: pd.DataFrame, base: int, end: int,
    entry: Indicator, measure: str, city: str, level_plural: str, lang: str,
) -> ExportTable:
    """The change table for download: raw numbers (each at the indicator's decimals, counts
    whole, the relative change at one decimal), withheld values empty with a note."""
    frame = change_table(
        data=data, changes=changes, city_change=city_change, widening=widening, base=base, end=end, entry=entry,
        measure=measure, city=city, lang=lang, raw=True,
    )
    decimals = 0 if entry.kind == "count" else int(entry.decimals)
    unit, change_unit_text = entry.unit(lang), change_unit(entry, "absolute", lang)
    kinds = [Column("id"), Column("text"), Column("number", decimals, unit), Column("number", decimals, unit), Column("number", decimals, change_unit_text)]
    if t("trends.change_in_percent", lang) in frame.columns:
        kinds.append(Column("number", 1, "%"))
    kinds += [Column("text"), Column("text")]
    return ExportTable(
        frame=frame,
        columns=dict(zip([str(c) for c in frame.columns], kinds)),
        name=(entry.indicator_id, t("trends.export_name", lang), base, end, level_plural),
        title=t("trends.export_title", lang, indicator=entry.label(lang), base=base, end=end, level=level_plural),
        indicators=(entry,),
        periods=(base, end),
        level=level_plural,
        notes=(t(f"trends.measure.{measure}", lang, base=base, unit=change_unit(entry, measure, lang)),),
    )


def series_export(
    *, data: TrendData, area_ids: list[str], widening: set[str], show: str, base: int, entry: Indicator, city: str,
    level_plural: str, lang: str,
) -> ExportTable:
    """The data of the small multiples for download: one row per area (the city first where it is
    drawn), one column per year, in the view shown (values, index or change)."""
    values, city_line = shown_values(data, show=show, base=base, kind=entry.kind)
    periods = [int(p) for p in values.columns]
    headers = [t("column.area_id", lang), t("column.area", lang), *[str(p) for p in periods], t("trends.widening_column", lang)]
    withheld = data.withheld.reindex(index=area_ids, columns=values.columns).fillna(False).astype(bool)
    numbers = values.reindex(area_ids).where(~withheld).to_numpy(dtype=float)
    ids, names, marks = list(area_ids), data.names.reindex(area_ids).tolist(), ["◆" if a in widening else "" for a in area_ids]
    if city_line is not None:
        numbers = np.vstack([city_line.reindex(values.columns).to_numpy(dtype=float), numbers])
        ids, names, marks = ["", *ids], [t("chart.city_sentence", lang, city=city, value="").rstrip(" :."), *names], ["", *marks]
    frame = pd.DataFrame(
        {headers[0]: ids, headers[1]: names, **{header: numbers[:, i] for i, header in enumerate(headers[2:-1])}, headers[-1]: marks},
        columns=headers,
    )
    decimals = 1 if show == "index" else (0 if entry.kind == "count" else int(entry.decimals))
    unit = show_unit(entry, show, lang)
    return ExportTable(
        frame=frame,
        columns={headers[0]: Column("id"), headers[1]: Column("text"), **{str(p): Column("number", decimals, unit) for p in periods}, headers[-1]: Column("text")},
        name=(entry.indicator_id, t("trends.export_name", lang), show, level_plural),
        title=t("trends.export_series_title", lang, indicator=entry.label(lang), shown=t(f"trends.show.{show}", lang, base=base), level=level_plural),
        indicators=(entry,),
        periods=tuple(periods),
        level=level_plural,
    )


def balance_map(
    *, data: TrendData, changes: pd.DataFrame, geometries: pd.DataFrame, entry: Indicator, measure: str, base: int, end: int, lang: str
) -> tuple[pdk.Deck | None, str, list[str]]:
    """The change ("Bilanz") map between base and end year: a diverging palette around zero with
    the class limits in the legend; areas without a change in grey. Returns the deck (None when
    no area can be drawn), the legend HTML and the names of areas without a boundary."""
    column = "relative_change" if measure == "relative" else "change"
    decimals = 1 if measure == "relative" else int(entry.decimals)
    rounded = changes[column].round(decimals)
    classes = diverging_classes(rounded, entry.polarity)
    drawable = geometries.merge(rounded.rename("change").rename_axis("area_id").reset_index(), on="area_id", how="left").reset_index(drop=True)
    labels = format_deltas(drawable["change"], "", lang, decimals)
    details = (format_changes(drawable["change"], entry, measure, lang) + f" ({base}–{end})").where(
        drawable["change"].notna(), t("note.missing", lang)
    )
    deck = (
        maps.choropleth(drawable, fills=classes.color(drawable["change"]), value_labels=labels, details=details, lang=lang)
        if not drawable.empty
        else None
    )
    items = classes.items(lambda v: format_change_number(v, entry, measure, lang), lang, t("trends.unchanged", lang))
    if rounded.isna().any():
        items.append((NO_DATA_COLOR, t("map.no_data", lang)))
    sides = t(f"trends.sides.{entry.polarity}", lang) if entry.polarity != "neutral" else ""
    legend = maps.legend(
        t("trends.balance_legend", lang, base=base, end=end, unit=change_unit(entry, measure, lang)),
        items,
        note=" ".join(part for part in (sides, t("trends.balance_classes", lang)) if part),
    )
    missing_geometry = sorted(set(data.names) - set(geometries["name"]))
    return deck, legend, missing_geometry


def widening_sentence(
    *, widening: pd.DataFrame, names: pd.Series, since: int, sides: str, level_plural: str, lang: str
) -> str:
    """'Seit 2018 wächst der Abstand zur Stadt in 4 der 10 Stadtteile – zunehmend ungünstiger als
    die Stadt (höherer Wert): A, B; zunehmend günstiger (niedrigerer Wert): C, D.'

    `sides` names the two directions: the polarity (higher_worse, higher_better, neutral) or
    "growth" for counts. Up to MAX_NAMED names per direction; the rest are counted.
    """
    total = len(widening)
    flagged = widening[widening["widening"]]
    if flagged.empty:
        return t("trends.widening_none", lang, since=since, total=total, level=level_plural)
    groups = []
    for side in (1, -1):
        members = sorted((names[a] for a in flagged.index[flagged["side"] == side]), key=str.casefold)
        if not members:
            continue
        shown = ", ".join(members[:MAX_NAMED])
        if len(members) > MAX_NAMED:
            shown += " " + t("trends.and_more", lang, n=len(members) - MAX_NAMED)
        key = f"trends.side.{sides}.{'above' if side == 1 else 'below'}"
        groups.append(f"{t(key, lang)}: {shown}")
    count_key = "trends.widening_one" if len(flagged) == 1 else "trends.widening_some"
    return t(count_key, lang, since=since, n=len(flagged), total=total, level=level_plural, groups="; ".join(groups))


def choose_end(periods: list[int], wanted: int) -> int:
    """The end year: the chosen year, unless no period with values lies before it; then the
    latest period (a development needs a base year before the end)."""
    return wanted if any(p < wanted for p in periods) or not periods else max(periods)


def trends_problem(data: TrendData, *, end: int) -> str | None:
    """Why no development can be shown (an i18n key), or None: no values at the level, a single
    period, or no period with values before the end year."""
    if not data.periods:
        return "trends.no_values"
    if len(data.periods) < 2:
        return "trends.single_period"
    if len([p for p in data.periods if p <= end]) < 2:
        return "trends.end_too_early"
    return None


@dataclass(frozen=True)
class TrendsView:
    """Everything the trends page shows. `problem` is an i18n key (with `problem_values`) when
    there is nothing to show; then the other fields are empty."""

    problem: str | None = None
    problem_values: dict | None = None
    shows: tuple[str, ...] = ()
    show: str = "value"
    measure: str = "absolute"
    multiples: Panels | None = None
    page: int = 1
    page_count: int = 1
    matching: int = 0
    total: int = 0
    widening_sentence: str = ""
    widening_rule: str = ""
    notes: tuple[str, ...] = ()
    city_line: bool = False  # the small multiples draw the city
    ranking: Chart | None = None
    deck: pdk.Deck | None = None
    legend_html: str = ""
    map_alt: str = ""
    missing_geometry: tuple[str, ...] = ()
    change_export: ExportTable | None = None
    series_export: ExportTable | None = None
    series_table_note: str = ""  # plain text: that the table of the small multiples shows only its first rows
    change_table_note: str = ""  # … and the table of the changes


def build_trends(
    *,
    data: TrendData,
    geometries: pd.DataFrame,
    entry: Indicator,
    end: int,
    options: TrendOptions,
    city: str,
    level_plural: str,
    lang: str,
) -> TrendsView:
    """The trends page for one indicator at one level up to the end year `end`."""
    periods = [p for p in data.periods if p <= end]
    label = entry.label(lang)
    found = trends_problem(data, end=end)
    if found is not None:
        period = data.periods[0] if found == "trends.single_period" else end
        return TrendsView(problem=found, problem_values={"indicator": label, "level": level_plural, "period": period})
    base = options.base if options.base in periods[:-1] else periods[0]
    shows = allowed_shows(data)
    show = options.show if options.show in shows else "value"
    measure = change_measure(entry, show, data.signed)
    wide_upto = data.wide[[p for p in data.wide.columns if p <= end]]
    clipped = TrendData(wide=wide_upto, withheld=data.withheld[wide_upto.columns], names=data.names, city=data.city.reindex(wide_upto.columns), kind=data.kind)
    changes = change_between(clipped.wide, base=base, end=end)
    city_change = change_between(clipped.city.to_frame().T, base=base, end=end).iloc[0]
    city_reference = city_change["relative_change" if measure == "relative" else "change"]
    if entry.kind == "count" and measure == "absolute":
        city_reference = np.nan

    # the widening gap over the last `window` periods with data
    window = window_periods(periods, end=end, window=options.window) or window_periods(periods, end=end, window=2)
    notes: list[str] = []
    if clipped.city.reindex(window).isna().any():
        widening = pd.DataFrame({"widening": False, "side": 0}, index=clipped.wide.index)
        sentence = t("trends.widening_no_city", lang, city=city)
    else:
        widening = widening_gaps(clipped.wide, clipped.city, periods=window, decimals=int(entry.decimals), indexed=entry.kind == "count")
        sentence = widening_sentence(
            widening=widening,
            names=data.names,
            since=window[0],
            sides="growth" if entry.kind == "count" else entry.polarity,
            level_plural=level_plural,
            lang=lang,
        )
    rule = t("trends.widening_rule", lang, n=len(window), since=window[0], end=end)
    if entry.kind == "count":
        rule += " " + t("trends.widening_rule_counts", lang, since=window[0])
    flagged = set(widening.index[widening["widening"]])

    # small multiples: order, search, page
    ordered = order_areas(clipped, changes, sort=options.sort, end=end, measure=measure)
    matching = search_areas(clipped, ordered, options.search)
    page_count = max(1, -(-len(matching) // PAGE_SIZE))
    page = min(max(options.page, 1), page_count)
    on_page = matching[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    if show == "index":
        no_index = int(changes["base_value"].le(0).sum() + changes["base_value"].isna().sum())
        if no_index:
            notes.append(t("trends.index_undefined", lang, n=no_index, base=base))
    if entry.kind == "count" and show != "index":
        notes.append(t("trends.no_city_line_counts", lang, city=city))
    elif clipped.city.isna().all():
        notes.append(t("trends.no_city_value", lang, city=city))
    multiples = None
    if on_page:
        figures, alts = small_multiples(data=clipped, area_ids=on_page, widening=flagged, show=show, base=base, entry=entry, city=city, lang=lang)
        multiples = Panels(
            figures=figures,
            alts=alts,
            table=series_table(data=clipped, area_ids=matching[:SCREEN_ROWS], widening=flagged, show=show, base=base, entry=entry, city=city, lang=lang),
        )

    # ranking and map of the change between base and end
    common = dict(data=clipped, changes=changes, city_change=city_change, widening=widening, base=base, end=end, entry=entry, measure=measure, city=city, lang=lang)
    column = "relative_change" if measure == "relative" else "change"
    present = changes[column].dropna()
    ranking = None
    map_alt = ""
    deck, legend_html, missing_geometry = None, "", []
    if not present.empty:
        top, bottom = present.idxmax(), present.idxmin()
        extremes = dict(
            top=data.names[top],
            top_value=format_change(present[top], entry, measure, lang),
            bottom=data.names[bottom],
            bottom_value=format_change(present[bottom], entry, measure, lang),
        )
        city_sentence = (
            t("trends.city_change_sentence", lang, city=city, value=format_change(city_reference, entry, measure, lang))
            if not pd.isna(city_reference)
            else ""
        )
        ranking = Chart(
            figure=change_ranking(
                changes=changes, names=data.names, city_change=None if pd.isna(city_reference) else float(city_reference),
                entry=entry, measure=measure, city=city, lang=lang,
            ),
            alt=plain(
                t("trends.ranking_alt", lang, n=len(present), level=level_plural, indicator=label, base=base, end=end, city_sentence=city_sentence, **extremes).strip(),
                limit=LONG_TEXT_CHARACTERS,
            ),
            table=change_table(**common, max_rows=SCREEN_ROWS),
        )
        deck, legend_html, missing_geometry = balance_map(
            data=clipped, changes=changes, geometries=geometries, entry=entry, measure=measure, base=base, end=end, lang=lang
        )
        rounded = present.round(1 if measure == "relative" else int(entry.decimals))
        map_alt = plain(t(
            "trends.map_alt",
            lang,
            indicator=label,
            base=base,
            end=end,
            level=level_plural,
            up=int((rounded > 0).sum()),
            down=int((rounded < 0).sum()),
            same=int((rounded == 0).sum()),
            **extremes,
        ), limit=LONG_TEXT_CHARACTERS)
    return TrendsView(
        shows=shows,
        show=show,
        measure=measure,
        multiples=multiples,
        page=page,
        page_count=page_count,
        matching=len(matching),
        total=len(ordered),
        widening_sentence=sentence,
        widening_rule=rule,
        notes=tuple(notes),
        city_line=shown_values(clipped, show=show, base=base, kind=entry.kind)[1] is not None and clipped.city.notna().any(),
        ranking=ranking,
        deck=deck,
        legend_html=legend_html,
        map_alt=map_alt,
        missing_geometry=tuple(missing_geometry),
        change_export=change_export(**common, level_plural=level_plural) if not present.empty else None,
        series_export=series_export(
            data=clipped, area_ids=matching, widening=flagged, show=show, base=base, entry=entry, city=city, level_plural=level_plural, lang=lang
        ),
        series_table_note=rows_note(SCREEN_ROWS, len(matching), lang) if multiples is not None else "",
        change_table_note=rows_note(SCREEN_ROWS, len(changes), lang) if ranking is not None else "",
    )
