"""Plain-language sentences: summaries (Markdown, data escaped) and the alt text behind every chart and map (plain)."""
from __future__ import annotations

import pandas as pd

from views.i18n import format_value, t
from views.markup import Markdown, markdown_text


def extremes(values: pd.DataFrame, unit: str, decimals: int, lang: str) -> dict[str, str] | None:
    """Names and formatted values of the highest and lowest area (ties: first by name)."""
    present = values.dropna(subset=["value"]).sort_values(["value", "name"])
    if present.empty:
        return None
    top = present.sort_values(["value", "name"], ascending=[False, True]).iloc[0]
    bottom = present.iloc[0]
    return {
        "top": str(top["name"]),
        "top_value": format_value(top["value"], unit, lang, decimals),
        "bottom": str(bottom["name"]),
        "bottom_value": format_value(bottom["value"], unit, lang, decimals),
    }


def summary(
    values: pd.DataFrame,
    *,
    indicator: str,
    unit: str,
    decimals: int,
    period: int,
    level_plural: str,
    city: str,
    city_value: float | None,
    lang: str,
) -> Markdown:
    """One sentence for st.markdown: the city value and the range across areas."""
    found = extremes(values, unit, decimals, lang)
    if found is None:
        return Markdown("")
    if city_value is None:
        return markdown_text("text.summary_no_city", lang, level=level_plural, period=period, **found)
    return markdown_text(
        "text.summary",
        lang,
        indicator=indicator,
        period=period,
        city=city,
        value=format_value(city_value, unit, lang, decimals),
        level=level_plural,
        **found,
    )


def ranking_alt(
    values: pd.DataFrame,
    *,
    indicator: str,
    unit: str,
    decimals: int,
    period: int,
    level_plural: str,
    city: str,
    city_value: float | None,
    lang: str,
) -> str:
    """Alt text of the ranking chart."""
    found = extremes(values, unit, decimals, lang) or {"top": "–", "top_value": "–", "bottom": "–", "bottom_value": "–"}
    city_sentence = (
        "" if city_value is None else t("chart.city_sentence", lang, city=city, value=format_value(city_value, unit, lang, decimals))
    )
    return t(
        "chart.ranking_alt",
        lang,
        n=len(values),
        level=level_plural,
        indicator=indicator,
        period=period,
        city_sentence=city_sentence,
        **found,
    ).strip()


def map_alt(
    values: pd.DataFrame, *, indicator: str, unit: str, decimals: int, period: int, level_plural: str, classes: int, lang: str
) -> str:
    """Alt text of the choropleth map."""
    found = extremes(values, unit, decimals, lang)
    sentence = t("text.extremes", lang, **found) if found else ""
    return t("map.alt", lang, level=level_plural, indicator=indicator, period=period, classes=classes, extremes=sentence)


def trend_alt(series: pd.DataFrame, *, indicator: str, lang: str) -> str:
    """Alt text of a trend chart."""
    if series.empty:
        return ""
    return t(
        "chart.trend_alt",
        lang,
        indicator=indicator,
        first=int(series["period"].min()),
        last=int(series["period"].max()),
        series=", ".join(dict.fromkeys(series["label"])),
    )
