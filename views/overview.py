"""Everything the overview page shows, built from the store's DataFrames in one pure function."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.store import Indicator
from metrics.district import district_statistics
from views import charts, maps, text
from views.classify import quantile_classes
from views.i18n import format_delta, format_value, t
from views.tables import area_table, export_table, notes


@dataclass(frozen=True)
class Headline:
    """One headline figure: label, formatted value, formatted change and how to colour the change."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "off"


@dataclass(frozen=True)
class Overview:
    headlines: list[Headline]
    summary: str
    deck: pdk.Deck | None
    legend_html: str
    map_alt: str
    missing_geometry: list[str]
    ranking: go.Figure
    ranking_alt: str
    table: pd.DataFrame
    export: pd.DataFrame


def delta_color(polarity: str) -> str:
    """st.metric's delta colour: a rise is good (normal), bad (inverse) or neither (off)."""
    return {"higher_better": "normal", "higher_worse": "inverse"}.get(polarity, "off")


def with_statistics(values: pd.DataFrame, *, entry: Indicator, city_value: float | None, lang: str) -> pd.DataFrame:
    """The store's values plus rank, deviation, confidence interval, reliability and class label."""
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
    classes = quantile_classes(combined["value"], entry.polarity)
    labels = classes.labels(entry.unit(lang), lang, int(entry.decimals))
    number = classes.index(combined["value"])
    of = "von" if lang == "de" else "of"
    combined["class_label"] = [
        None if pd.isna(i) else f"{int(i) + 1} {of} {classes.count} ({labels[int(i)]})" for i in number
    ]
    return combined


def build_overview(
    *,
    values: pd.DataFrame,
    geometries: pd.DataFrame,
    entry: Indicator,
    period: int,
    city: str,
    city_value: float | None,
    previous: tuple[int, float] | None,
    residents: tuple[float, tuple[int, float] | None] | None,
    level_plural: str,
    lang: str,
    points: pd.DataFrame | None = None,
    point_labels: dict[str, str] | None = None,
) -> Overview:
    """Headlines, map, ranking and tables for one indicator, period and level.

    `previous` is (period, city value) of the preceding period for the change; `residents` is
    (residents, (previous period, residents)) of the population indicator, if the dataset has one.
    """
    unit, decimals, label = entry.unit(lang), int(entry.decimals), entry.label(lang)
    frame = with_statistics(values, entry=entry, city_value=city_value, lang=lang)
    frame["note"] = notes(frame, lang)
    value_labels = pd.Series(
        [format_value(v, unit, lang, decimals) if pd.notna(v) else n for v, n in zip(frame["value"], frame["note"])],
        index=frame.index,
    )

    headlines: list[Headline] = []
    if residents is not None:
        count, before = residents
        headlines.append(
            Headline(
                label=t("overview.residents", lang, period=period),
                value=format_value(count, "", lang, 0),
                delta=None if before is None else t("overview.change", lang, delta=format_delta(count - before[1], "", lang, 0), period=before[0]),
            )
        )
    if city_value is not None:
        headlines.append(
            Headline(
                label=t("overview.city_value", lang, indicator=label, city=city),
                value=format_value(city_value, unit, lang, decimals),
                delta=None
                if previous is None
                else t("overview.change", lang, delta=format_delta(city_value - previous[1], unit, lang, decimals), period=previous[0]),
                delta_color=delta_color(entry.polarity),
            )
        )
    found = text.extremes(frame, unit, decimals, lang)
    if found:
        headlines.append(Headline(label=t("overview.highest", lang), value=found["top_value"], delta=found["top"]))
        headlines.append(Headline(label=t("overview.lowest", lang), value=found["bottom_value"], delta=found["bottom"]))

    classes = quantile_classes(frame["value"], entry.polarity)
    drawable = geometries.merge(frame[["area_id", "value"]], on="area_id", how="left").reset_index(drop=True)
    drawable_labels = pd.Series(value_labels.to_numpy(), index=frame["area_id"]).reindex(drawable["area_id"]).fillna(t("note.missing", lang))
    deck = (
        maps.choropleth(
            drawable,
            fills=classes.color(drawable["value"]),
            value_labels=drawable_labels.reset_index(drop=True),
            lang=lang,
            points=points,
            point_labels=point_labels,
        )
        if not drawable.empty
        else None
    )
    missing_geometry = sorted(set(frame["name"]) - set(geometries["name"]))
    common = dict(indicator=label, unit=unit, decimals=decimals, period=period, level_plural=level_plural, lang=lang)
    return Overview(
        headlines=headlines,
        summary=text.summary(frame, city=city, city_value=city_value, **common),
        deck=deck,
        legend_html=maps.legend_html(
            classes, unit=unit, decimals=decimals, polarity=entry.polarity, lang=lang, with_no_data=bool(frame["value"].isna().any())
        ),
        map_alt=text.map_alt(frame, classes=classes.count, **common),
        missing_geometry=missing_geometry,
        ranking=charts.ranking(frame, unit=unit, decimals=decimals, city_value=city_value, city_name=city, lang=lang),
        ranking_alt=text.ranking_alt(frame, city=city, city_value=city_value, **common),
        table=area_table(frame, entry=entry, city_name=city, lang=lang),
        export=export_table(frame, entry=entry, lang=lang),
    )
