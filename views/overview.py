"""Everything the overview page shows, built from the store's DataFrames in one pure function."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.store import Indicator
from metrics.district import district_statistics
from views import charts, maps, text
from views.classify import DEFAULT_CLASS_METHOD, Classes, classes_for
from views.i18n import format_delta, format_value, format_values, t
from views.export import ExportTable
from views.markup import Markdown
from views.tables import SCREEN_ROWS, area_table, export_table, map_columns, notes, ranking_columns, rows_note


@dataclass(frozen=True)
class Headline:
    """One headline figure: label, formatted value, formatted change, how to colour it, and its trend."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "off"  # st.metric colour: "green", "red", "gray" (see delta_style)
    trend: tuple[float, ...] = ()
    delta_arrow: str = "auto"
    delta_description: str | None = None
    trend_text: str | None = None  # the sparkline's text equivalent: first and last value, lowest and highest


@dataclass(frozen=True)
class Overview:
    has_values: bool
    city_value: float | None
    aggregated: bool
    headlines: list[Headline]
    summary: Markdown
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    ranking: go.Figure
    ranking_alt: str
    ranking_note: str  # plain text: what the bars of a count mean
    table: pd.DataFrame
    table_notes: list[str]  # plain text: what the table's columns express (e.g. the interval)
    export: ExportTable
    map_export: ExportTable
    ranking_export: ExportTable
    frame: pd.DataFrame  # the store's values with statistics, class label and note (for reports)
    classes: Classes
    class_column: str  # the column of `frame` the classes colour: "value", or "density" for a count
    class_unit: str  # … and its unit
    map_note: str  # plain text: what the colours of a count show (density or counts), for the legend
    compared_city_value: float | None  # the city line of the ranking; None for a count (a part of the total)
    found: str = ""  # plain text: the area found by the search, its value and rank ("" if none)
    headline_unit: str = ""  # plain text: the unit of the indicator's cards where it is too long to stand by each figure
    ranking_whiskers: str = ""  # plain text: what the whiskers on the ranking's bars mean ("" without intervals)


def delta_style(change: float, polarity: str, decimals: int) -> tuple[str, str]:
    """st.metric's colour and arrow for a change: the arrow follows the sign (none for a change
    that rounds to 0), the colour the polarity (green = more favourable, red = less, grey =
    neither). Our numbers use the typographic minus, so Streamlit cannot read the sign itself."""
    rounded = round(float(change), decimals)
    if rounded == 0:
        return "gray", "off"
    arrow = "up" if rounded > 0 else "down"
    if polarity not in ("higher_better", "higher_worse"):
        return "gray", arrow
    favourable = (rounded > 0) == (polarity == "higher_better")
    return ("green" if favourable else "red"), arrow


def map_classes(values: pd.Series, *, entry: Indicator, city_value: float | None, method: str) -> Classes:
    """The map classes of an indicator's values by `method` (views.classify.CLASS_METHODS), with
    the palette its kind and polarity call for (diverging around the city value or zero; a
    count, whose values here are its densities where known, sequential)."""
    return classes_for(values, kind=entry.kind, polarity=entry.polarity, method=method, city_value=city_value)


def densities(values: pd.DataFrame, area_sizes: pd.Series | None) -> pd.Series | None:
    """value per km² for each row (counts), or None unless every area with a value has a size."""
    if area_sizes is None:
        return None
    sizes = values["area_id"].map(area_sizes).astype(float)
    present = values["value"].notna()
    if not (sizes[present] > 0).all():
        return None
    return values["value"].astype(float) / sizes


def with_statistics(
    values: pd.DataFrame,
    *,
    entry: Indicator,
    city_value: float | None,
    lang: str,
    area_sizes: pd.Series | None = None,
    class_method: str = DEFAULT_CLASS_METHOD,
) -> pd.DataFrame:
    """The store's values plus rank, deviation, confidence interval, reliability and class
    (class_number 1 = lowest values, class_range its bounds, class_label both for the screen).

    Counts also get `share_of_city` (% of the city's total) and, where every area's size is
    known (`area_sizes`: area_id → km²), `density` per km²; their map classes follow the density.
    Signed figures get classes split at zero (views.classify).
    """
    statistics = district_statistics(
        values[["area_id", "value", "numerator", "denominator"]],
        city_value=float("nan") if city_value is None else city_value,
        kind=entry.kind,
        scale=float(entry.scale),
    )
    combined = values.merge(
        statistics[["area_id", "z", "rank", "deviation_abs", "deviation_rel", "ci_low", "ci_high", "reliable"]],
        on="area_id",
        how="left",
    )
    unit = entry.unit(lang)
    combined["share_of_city"] = float("nan")
    combined["density"] = float("nan")
    if entry.kind == "count":
        if city_value:
            combined["share_of_city"] = combined["value"] / city_value * 100
        density = densities(combined, area_sizes)
        if density is not None:
            combined["density"] = density
    mapped = class_variable(combined, entry)
    classes = map_classes(combined[mapped], entry=entry, city_value=city_value, method=class_method)
    labels = classes.labels(t("unit.per_km2", lang, unit=unit) if mapped == "density" else unit, lang, int(entry.decimals))
    number = classes.index(combined[mapped])
    combined["class_label"] = [
        None if pd.isna(i) else t("map.class_of", lang, number=int(i) + 1, count=classes.count, range=labels[int(i)]) for i in number
    ]
    combined["class_number"] = [np.nan if pd.isna(i) else float(i) + 1 for i in number]
    combined["class_range"] = [None if pd.isna(i) else labels[int(i)] for i in number]
    return combined


def class_variable(frame: pd.DataFrame, entry: Indicator) -> str:
    """The column the map colours: the density for counts where it is known, else the value."""
    return "density" if entry.kind == "count" and frame["density"].notna().any() else "value"


def value_in(series: pd.DataFrame, period: int) -> tuple[float | None, tuple[int, float] | None]:
    """From a (period, value) series: the value in `period` and the latest (period, value) before it."""
    present = series.dropna(subset=["value"])
    now = present.loc[present["period"] == period, "value"]
    before = present[present["period"] < period].tail(1)
    return (
        None if now.empty else float(now.iloc[0]),
        None if before.empty else (int(before["period"].iloc[0]), float(before["value"].iloc[0])),
    )


def trend_of(series: pd.DataFrame, period: int) -> tuple[float, ...]:
    """The series' values up to `period`, for a sparkline (missing periods left out)."""
    present = series.dropna(subset=["value"])
    return tuple(float(v) for v in present.loc[present["period"] <= period, "value"])


def trend_sentence(series: pd.DataFrame, period: int, *, label: str, unit: str, decimals: int, lang: str) -> str | None:
    """What a headline's sparkline shows, in words: its first and last value (up to `period`),
    its lowest and highest with their years; None for fewer than two values."""
    present = series.dropna(subset=["value"])
    present = present.loc[present["period"] <= period].sort_values("period")
    if len(present) < 2:
        return None
    low, high = present.loc[present["value"].idxmin()], present.loc[present["value"].idxmax()]

    def shown(value: float) -> str:
        return format_value(value, unit, lang, decimals)

    return t(
        "overview.trend_text",
        lang,
        label=label,
        first_period=int(present["period"].iloc[0]),
        first=shown(present["value"].iloc[0]),
        last_period=int(present["period"].iloc[-1]),
        last=shown(present["value"].iloc[-1]),
        low=shown(low["value"]),
        low_period=int(low["period"]),
        high=shown(high["value"]),
        high_period=int(high["period"]),
    )


def build_overview(
    *,
    values: pd.DataFrame,
    geometries: pd.DataFrame,
    entry: Indicator,
    period: int,
    city: str,
    city_series: pd.DataFrame,
    residents_series: pd.DataFrame | None,
    level_plural: str,
    lang: str,
    area_sizes: pd.Series | None = None,
    points: pd.DataFrame | None = None,
    point_labels: dict[str, str] | None = None,
    class_method: str = DEFAULT_CLASS_METHOD,
    found_area: str | None = None,
) -> Overview:
    """Headlines, map, ranking and tables for one indicator, period and level.

    The map's classes follow `class_method` (views.classify.CLASS_METHODS); `found_area` (an
    area id, e.g. from the search box) is outlined on the map and described in `found`.

    `city_series` and `residents_series` are the store's city series (period, value) of the
    indicator and of the population indicator (None if the dataset has none); the headline
    changes compare with the latest earlier period. `area_sizes` (area_id → km², optional)
    gives counts a density. A count is never compared with the city's total as if the city
    were one more area: it gets its share of the total and its density instead, the ranking
    has no city line.
    """
    unit, decimals, label = entry.unit(lang), int(entry.decimals), entry.label(lang)
    is_count = entry.kind == "count"
    city_value, previous = value_in(city_series, period)
    frame = with_statistics(values, entry=entry, city_value=city_value, lang=lang, area_sizes=area_sizes, class_method=class_method)
    frame["note"] = notes(frame, lang)
    value_labels = format_values(frame["value"], unit, lang, decimals).where(frame["value"].notna(), frame["note"])

    headlines: list[Headline] = []
    residents, residents_before = value_in(residents_series, period) if residents_series is not None else (None, None)
    if residents is not None:
        change = None if residents_before is None else residents - residents_before[1]
        color, arrow = delta_style(change, "neutral", 0) if change is not None else ("off", "auto")
        headlines.append(
            Headline(
                label=t("overview.residents", lang, period=period),
                value=format_value(residents, "", lang, 0),
                delta=None if change is None else format_delta(change, "", lang, 0),
                delta_description=None if residents_before is None else t("overview.since", lang, period=residents_before[0]),
                delta_color=color,
                delta_arrow=arrow,
                trend=trend_of(residents_series, period),
                trend_text=trend_sentence(
                    residents_series, period, label=t("overview.residents", lang, period=period), unit="", decimals=0, lang=lang
                ),
            )
        )
    # a long unit ("je 1.000 EW") would cut the figure off in its card, and the card's label
    # off at 1280 px: it is said once above the cards
    shown_unit = unit if unit == "%" else ""
    headline_unit = t("overview.headline_unit", lang, unit=unit) if unit and not shown_unit else ""
    if city_value is not None:
        change = None if previous is None else city_value - previous[1]
        color, arrow = delta_style(change, entry.polarity, decimals) if change is not None else ("off", "auto")
        headlines.append(
            Headline(
                label=t("overview.city_value", lang, city=city),
                value=format_value(city_value, shown_unit, lang, decimals),
                delta=None if change is None else format_delta(change, shown_unit, lang, decimals),
                delta_description=None if previous is None else t("overview.since", lang, period=previous[0]),
                delta_color=color,
                delta_arrow=arrow,
                trend=trend_of(city_series, period),
                trend_text=trend_sentence(
                    city_series, period, label=t("overview.city_value", lang, city=city), unit=shown_unit, decimals=decimals, lang=lang
                ),
            )
        )
    found = text.extremes(frame, shown_unit, decimals, lang)
    if found:
        headlines.append(Headline(label=t("overview.highest", lang), value=found["top_value"], delta=found["top"], delta_arrow="off"))
        headlines.append(Headline(label=t("overview.lowest", lang), value=found["bottom_value"], delta=found["bottom"], delta_arrow="off"))

    mapped = class_variable(frame, entry)
    map_unit = t("unit.per_km2", lang, unit=unit) if mapped == "density" else unit
    classes = map_classes(frame[mapped], entry=entry, city_value=city_value, method=class_method)
    tooltips = value_labels
    if mapped == "density":
        tooltips = (value_labels + " · " + format_values(frame["density"], map_unit, lang, decimals)).where(frame["density"].notna(), value_labels)
    drawable = geometries.merge(frame[["area_id", mapped]], on="area_id", how="left").reset_index(drop=True)
    by_area = frame["area_id"]
    deck = (
        maps.choropleth(
            drawable,
            fills=classes.color(drawable[mapped]),
            value_labels=pd.Series(value_labels.to_numpy(), index=by_area).reindex(drawable["area_id"]).fillna(t("note.missing", lang)).reset_index(drop=True),
            details=pd.Series(tooltips.to_numpy(), index=by_area).reindex(drawable["area_id"]).fillna(t("note.missing", lang)).reset_index(drop=True),
            lang=lang,
            points=points,
            point_labels=point_labels,
            highlight=found_area,
        )
        if not drawable.empty
        else None
    )
    map_note = ""
    if is_count:
        map_note = t("count.map_density", lang, unit=unit) if mapped == "density" else t("count.map_counts", lang)
    missing_geometry = sorted(set(frame["name"]) - set(geometries["name"]))
    common = dict(indicator=label, unit=unit, decimals=decimals, period=period, level_plural=level_plural, lang=lang)

    compared = None if is_count else city_value  # a count is a part of the city's total, not a rival of it
    bar_labels = None
    if is_count and city_value:
        bar_labels = pd.Series(
            [
                t("count.bar_label", lang, value=format_value(v, unit, lang, decimals), share=format_value(share, "%", lang, 1))
                for v, share in zip(frame["value"], frame["share_of_city"])
            ],
            index=frame.index,
        )
    table_notes: list[str] = []
    if frame["ci_low"].notna().any():
        table_notes.append(t("note.interval_meaning", lang))
    city_note = () if city_value is None else (t("chart.city_line", lang, city=city, value=format_value(city_value, unit, lang, decimals)),)
    city_note = (*city_note, *table_notes, *([map_note] if map_note else []))
    export = export_table(frame, entry=entry, city_name=city, level_plural=level_plural, period=period, lang=lang, context=city_note)
    name = (entry.indicator_id, level_plural, period)
    return Overview(
        has_values=bool(frame["value"].notna().any()),
        city_value=city_value,
        aggregated=bool(frame["aggregated"].any()),
        headlines=headlines,
        headline_unit=headline_unit,
        summary=text.summary(frame, city=city, city_value=city_value, is_count=is_count, **common),
        deck=deck,
        legend_html=maps.legend_html(
            classes,
            unit=map_unit,
            decimals=decimals,
            polarity=entry.polarity,
            lang=lang,
            with_no_data=bool(frame[mapped].isna().any()),
            point_labels=point_labels if points is not None and not points.empty else None,
            classes_note=classes_note(classes, unit=map_unit, decimals=decimals, city_value=compared, lang=lang),
            note=map_note,
            found=found_area is not None and found_area in set(drawable["area_id"]),
        ),
        map_alt=(
            t("map.alt_diverging", lang, level=level_plural, indicator=label, period=period, classes=classes.count,
              value=format_value(city_value, unit, lang, decimals), extremes=extremes_sentence(frame, unit, decimals, lang))
            if classes.diverging and city_value is not None and classes.reference == city_value
            else text.map_alt(frame, classes=classes.count, diverging=classes.diverging and classes.reference == 0, **common)
        ),
        missing_geometry=missing_geometry,
        ranking=charts.ranking(
            frame, unit=unit, decimals=decimals, city_value=compared, city_name=city, lang=lang, bar_labels=bar_labels
        ),
        ranking_alt=text.ranking_alt(frame, city=city, city_value=city_value, **common),
        ranking_note=t("count.ranking_note", lang, total=format_value(city_value, unit, lang, decimals)) if bar_labels is not None else "",
        table=area_table(frame, entry=entry, city_name=city, lang=lang, max_rows=SCREEN_ROWS),
        table_notes=[*table_notes, *filter(None, [rows_note(SCREEN_ROWS, len(frame), lang)])],
        export=export,
        map_export=export.subset(
            map_columns(lang, unit), name=(*name, t("export.name.map", lang)), title=f"{export.title} · {t('overview.map', lang)}"
        ),
        ranking_export=export.subset(
            ranking_columns(city, lang), name=(*name, t("export.name.ranking", lang)), title=f"{export.title} · {t('overview.ranking', lang)}"
        ),
        frame=frame,
        classes=classes,
        class_column=mapped,
        class_unit=map_unit,
        map_note=map_note,
        compared_city_value=compared,
        found=found_sentence(frame, found_area, unit=unit, decimals=decimals, lang=lang),
        ranking_whiskers=t("chart.whiskers", lang) if frame[["ci_low", "ci_high"]].notna().all(axis=1).any() else "",
    )


def extremes_sentence(frame: pd.DataFrame, unit: str, decimals: int, lang: str) -> str:
    """'Highest … lowest …' for an alt text ("" without values)."""
    found = text.extremes(frame, unit, decimals, lang)
    return t("text.extremes", lang, **found) if found else ""


def classes_note(classes: Classes, *, unit: str, decimals: int, city_value: float | None, lang: str) -> str:
    """How the map's classes are formed, in words: the method, the reference of standard
    deviations, and where a diverging palette splits and which colour means what."""
    if classes.method == "stddev" and classes.reference is not None and classes.spread is not None:
        reference = format_value(classes.reference, unit, lang, decimals)
        at_city = city_value is not None and classes.reference == city_value
        note = t(
            "map.note.stddev",
            lang,
            sigma=format_value(classes.spread, unit, lang, decimals),
            reference=t("map.reference.city" if at_city else "map.reference.mean", lang, value=reference),
        )
    else:
        note = t(f"map.note.{classes.method}", lang)
    if classes.diverging and classes.reference is not None:
        if city_value is not None and classes.reference == city_value:
            note += " " + t("map.note.diverging_city", lang, value=format_value(city_value, unit, lang, decimals))
        elif classes.reference == 0:
            note += " " + t("map.note.diverging_zero", lang)
    return note


def found_sentence(frame: pd.DataFrame, area_id: str | None, *, unit: str, decimals: int, lang: str) -> str:
    """The area found by the search, with its value (or why it has none) and its rank among the
    areas with a value (1 = highest); "" when no area or an unknown one is asked for."""
    rows = frame[frame["area_id"] == area_id]
    if area_id is None or rows.empty:
        return ""
    row = rows.iloc[0]
    value = format_value(row["value"], unit, lang, decimals) if pd.notna(row["value"]) else str(row["note"] or t("note.missing", lang))
    if pd.isna(row["rank"]):
        return t("map.found_no_rank", lang, area=row["name"], value=value)
    return t("map.found", lang, area=row["name"], value=value, rank=int(row["rank"]), count=int(frame["value"].notna().sum()))
