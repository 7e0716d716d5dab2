"""The presentation mode's screens: one chart or map each, sized and lettered for a projector.

Built from the overview's and the inequality page's builders for the view in the URL; nothing
here talks to Streamlit (ui/presentation.py shows the screens and moves between them).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from loaders.store import Indicator
from views import charts
from views.i18n import t
from views.inequality import InequalityView
from views.overview import Overview
from views.text import trend_alt

VISUAL_HEIGHT = 460  # px: title, visual, caption and footer fit a 1280×720 projector
MAX_BARS = 12  # bars that stay legible at VISUAL_HEIGHT
FONT_SIZE = 20
TICK_SIZE = 18


@dataclass(frozen=True)
class Slide:
    """One screen: a title (plain), a plotly figure or a deck (with its legend), its alt text
    and a sentence (plain, or views.markup.Markdown where a builder made it for st.markdown)."""

    key: str
    title: str
    alt: str
    caption: str = ""
    figure: go.Figure | None = None
    deck: pdk.Deck | None = None
    legend_html: str = ""


def for_projector(figure: go.Figure, height: int = VISUAL_HEIGHT) -> go.Figure:
    """Larger lettering and a height that fits one screen."""
    figure.update_layout(height=height, font={"size": FONT_SIZE}, legend={"font": {"size": TICK_SIZE}, "y": -0.2}, margin={"t": 50, "b": 90})
    figure.update_xaxes(tickfont={"size": TICK_SIZE}, title_font={"size": TICK_SIZE})
    figure.update_yaxes(tickfont={"size": TICK_SIZE}, title_font={"size": TICK_SIZE})
    figure.update_annotations(font_size=TICK_SIZE)
    figure.update_traces(textfont_size=TICK_SIZE, selector={"type": "bar"})
    return figure


def trend_table(city_series: pd.DataFrame, area_series: pd.DataFrame, *, city: str, lang: str) -> pd.DataFrame:
    """The trend chart's long table (label, period, value): the city first, then each area."""
    parts = [city_series.assign(label=t("chart.city_sentence", lang, city=city, value="").rstrip(" :."))]
    parts += [rows.assign(label=str(rows["name"].iloc[0])) for _, rows in area_series.groupby("area_id", sort=False)]
    return pd.concat([part[["label", "period", "value"]] for part in parts], ignore_index=True)


def build_slides(
    *,
    overview: Overview,
    trend: pd.DataFrame,
    inequality: InequalityView | None,
    entry: Indicator,
    period: int,
    level_label: str,
    city: str,
    lang: str,
) -> list[Slide]:
    """Map, ranking, trend and (where defined) the Lorenz curve of one indicator, period and level.

    `trend` is the long table (label, period, value) of the trend chart, the city first.
    Without values, a single screen says so.
    """
    label, unit, decimals = entry.label(lang), entry.unit(lang), int(entry.decimals)
    heading = f"{label} · {period} · {level_label}"
    if not overview.has_values:
        return [Slide(key="empty", title=heading, alt="", caption=t("error.no_values", lang, indicator=label, period=period, level=level_label))]
    slides = [Slide(key="map", title=heading, alt=overview.map_alt, caption=overview.summary, deck=overview.deck, legend_html=overview.legend_html)]
    ranking = charts.ranking(
        overview.frame, unit=unit, decimals=decimals, city_value=overview.city_value, city_name=city, lang=lang, max_bars=MAX_BARS
    )
    slides.append(
        Slide(key="ranking", title=f"{t('overview.ranking', lang)}: {heading}", alt=overview.ranking_alt, caption=overview.ranking_alt, figure=for_projector(ranking))
    )
    if trend["period"].nunique() > 1:
        figure = for_projector(charts.trend(trend, unit=unit, decimals=decimals, lang=lang))
        alt = trend_alt(trend, indicator=label, lang=lang)
        slides.append(Slide(key="trend", title=f"{t('profile.trend', lang)}: {label}", alt=alt, caption=alt, figure=figure))
    if inequality is not None and inequality.lorenz is not None:
        slides.append(
            Slide(
                key="inequality",
                title=f"{t('ineq.lorenz', lang)}: {heading}",
                alt=inequality.lorenz_alt,
                caption=inequality.sentences[0] if inequality.sentences else "",
                figure=for_projector(go.Figure(inequality.lorenz)),
            )
        )
    return slides
