"""The area profile: every indicator for one area next to the city value, and its trend."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.store import Indicator
from views import charts
from views.i18n import format_delta, format_value, t

SIMILAR_WITHIN = 0.05  # a value within ±5 % of the city value counts as "about the same"


def assessment(value: float | None, city_value: float | None, polarity: str) -> str:
    """'favourable', 'unfavourable', 'similar' or 'neutral' relative to the city, by polarity."""
    if value is None or city_value is None or pd.isna(value) or pd.isna(city_value):
        return "neutral"
    if polarity == "neutral":
        return "neutral"
    if city_value != 0 and abs(value / city_value - 1) <= SIMILAR_WITHIN:
        return "similar"
    higher = value > city_value
    return "favourable" if higher == (polarity == "higher_better") else "unfavourable"


def profile_table(rows: list[tuple[Indicator, float | None, float | None, bool]], *, city: str, lang: str) -> pd.DataFrame:
    """One row per indicator: topic, indicator, area value, city value, difference, assessment.

    `rows` holds (entry, area value, city value, withheld) per indicator. Counts get no
    difference: an area's count minus the city's total says nothing.
    """
    records = []
    for entry, value, city_value, withheld in rows:
        unit, decimals = entry.unit(lang), int(entry.decimals)
        verdict = assessment(value, city_value, entry.polarity)
        records.append(
            {
                t("sidebar.domain", lang): t("domain." + entry.domain, lang),
                t("column.indicator", lang): entry.label(lang),
                t("column.value", lang): t("note.suppressed", lang) if withheld else format_value(value, unit, lang, decimals),
                t("chart.city_sentence", lang, city=city, value="").rstrip(" :."): format_value(city_value, unit, lang, decimals),
                t("column.deviation", lang, city=city): format_delta(
                    None if value is None or city_value is None or entry.kind == "count" else value - city_value,
                    unit,
                    lang,
                    decimals,
                ),
                t("profile.assessment", lang): t("assessment." + verdict, lang),
            }
        )
    return pd.DataFrame(records)


def profile_export(
    rows: list[tuple[Indicator, float | None, float | None, bool]], *, area_id: str, area_name: str, period: int, city: str, lang: str
) -> pd.DataFrame:
    """The profile for download: raw numbers (no rounding), withheld values empty with a note."""
    return pd.DataFrame(
        {
            t("column.area_id", lang): area_id,
            t("column.area", lang): area_name,
            t("column.period", lang): period,
            t("sidebar.domain", lang): [t("domain." + entry.domain, lang) for entry, *_ in rows],
            t("column.indicator", lang): [entry.label(lang) for entry, *_ in rows],
            t("column.value", lang): [value for _, value, _, _ in rows],
            t("chart.city_sentence", lang, city=city, value="").rstrip(" :."): [city_value for _, _, city_value, _ in rows],
            t("column.unit", lang): [entry.unit(lang) for entry, *_ in rows],
            t("column.note", lang): [t("note.suppressed", lang) if withheld else "" for *_, withheld in rows],
            t("column.source", lang): [entry.source for entry, *_ in rows],
            t("column.licence", lang): [entry.licence for entry, *_ in rows],
        }
    )


def trend_figure(
    area_series: pd.DataFrame, city_series: pd.DataFrame, *, area_name: str, city: str, entry: Indicator, lang: str
) -> tuple[go.Figure, pd.DataFrame]:
    """The trend of one indicator for the area and the city, and the long table behind it."""
    long = pd.concat(
        [
            city_series.assign(label=t("chart.city_sentence", lang, city=city, value="").rstrip(" :."))[["label", "period", "value"]],
            area_series.assign(label=area_name)[["label", "period", "value"]],
        ],
        ignore_index=True,
    )
    figure = charts.trend(long, unit=entry.unit(lang), decimals=int(entry.decimals), lang=lang)
    return figure, long
