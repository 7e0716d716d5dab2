"""Plain-language sentences: summaries (Markdown, data escaped) and the alt text behind every chart and map (plain)."""
from __future__ import annotations

import pandas as pd

from views.i18n import format_value, t
from views.markup import Markdown, markdown_text
from views.profile import assessment


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


def highest_and_lowest(values: pd.DataFrame) -> list[str]:
    """The ids of the areas with the highest and the lowest value (ties: first by name)."""
    present = values.dropna(subset=["value"]).sort_values(["value", "name"], ascending=[False, True])
    return list(dict.fromkeys([*present["area_id"].head(1), *present["area_id"].tail(1)]))


def vintage(period: int, reference: str) -> str:
    """'2022 (31.12. des Jahres)': the year and the catalog's reference date (the data vintage)."""
    return f"{period} ({reference})" if reference else str(period)


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
    is_count: bool = False,
) -> Markdown:
    """One sentence for st.markdown: the city value (for a count: the city's total) and the range across areas."""
    found = extremes(values, unit, decimals, lang)
    if found is None:
        return Markdown("")
    if is_count and city_value is not None:
        return markdown_text(
            "count.summary", lang, indicator=indicator, period=period, city=city, value=format_value(city_value, unit, lang, decimals),
            level=level_plural, **found,
        )
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
    values: pd.DataFrame,
    *,
    indicator: str,
    unit: str,
    decimals: int,
    period: int,
    level_plural: str,
    classes: int,
    lang: str,
    diverging: bool = False,
) -> str:
    """Alt text of the choropleth map (classes from light to dark, or split at zero)."""
    found = extremes(values, unit, decimals, lang)
    sentence = t("text.extremes", lang, **found) if found else ""
    key = "map.alt_diverging_zero" if diverging else "map.alt"
    return t(key, lang, level=level_plural, indicator=indicator, period=period, classes=classes, extremes=sentence)


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


def area_summary(rows: list, *, area: str, city: str, lang: str, limit: int = 3) -> list[str]:
    """Plain sentences on one area against the city from the profile's rows (entry, area value,
    city value, withheld): how many indicators are less or more favourable (by polarity, ±5 %
    counts as about the same), the `limit` clearest of each by relative gap, the withheld count."""
    judged = []
    for entry, value, city_value, _ in rows:
        verdict = assessment(value, city_value, entry.polarity)
        if entry.polarity != "neutral" and verdict != "neutral":
            gap = abs(value / city_value - 1) if city_value else 0.0
            judged.append((verdict, gap, entry, value, city_value))
    sentences = []
    if judged:
        count = {v: sum(1 for j in judged if j[0] == v) for v in ("favourable", "unfavourable", "similar")}
        sentences.append(
            t("report.counts", lang, judged=len(judged), area=area, unfavourable=count["unfavourable"], favourable=count["favourable"], similar=count["similar"])
        )
        for verdict, key in (("unfavourable", "report.most_unfavourable"), ("favourable", "report.most_favourable")):
            clearest = sorted((j for j in judged if j[0] == verdict), key=lambda j: -j[1])[:limit]
            if clearest:
                items = [
                    t(
                        "report.versus",
                        lang,
                        indicator=entry.label(lang),
                        value=format_value(value, entry.unit(lang), lang, int(entry.decimals)),
                        city_value=format_value(city_value, entry.unit(lang), lang, int(entry.decimals)),
                    )
                    for _, _, entry, value, city_value in clearest
                ]
                sentences.append(t(key, lang, items="; ".join(items)))
    withheld = sum(1 for *_, hidden in rows if hidden)
    if withheld:
        sentences.append(t("report.withheld", lang, n=withheld))
    return sentences
