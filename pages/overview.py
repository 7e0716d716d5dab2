"""Overview: headline figures, a choropleth map and the ranking of the areas for one indicator."""
from __future__ import annotations

import streamlit as st

from reports import pdf_name
from ui.layout import app_url, context, end_page, footer, map_with_legend
from ui.download import download
from views.i18n import category_label, t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_text, plain
from views.overview import build_overview
from views.points import describe, point_table, points_export

ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata = ctx.metadata
level = metadata.level(state.level)

st.title(t("overview.title", lang))
st.subheader(f"{escape_markdown(entry.label(lang))} · {state.period} · {escape_markdown(level.label(lang))}")

points = None
categories: list[str] = []
if dataset.store.has_points():
    all_points = dataset.points([])
    available = sorted(all_points["category"].unique())
    if st.toggle(t("map.poi_toggle", lang), key="w_points"):
        categories = st.multiselect(
            t("poi.categories", lang), available, default=available, format_func=lambda c: plain(category_label(c, lang)), key="w_categories"
        )
        points = describe(dataset.points(categories), lang) if categories else None

overview = build_overview(
    values=dataset.values(state.indicator, state.period, state.level),
    geometries=dataset.geometries(state.level),
    entry=entry,
    period=state.period,
    city=metadata.city,
    city_series=dataset.city_series(state.indicator),
    residents_series=dataset.city_series(metadata.population_indicator) if metadata.population_indicator else None,
    level_plural=level.plural(lang),
    lang=lang,
    points=points,
    point_labels={c: category_label(c, lang) for c in categories},
)

if not overview.has_values:
    st.info(markdown_text("error.no_values", lang, indicator=entry.label(lang), period=state.period, level=level.label(lang)))
    if entry.kind not in ("count",) and state.level != metadata.finest_level:
        st.markdown(markdown_text("error.not_aggregable", lang, finest=metadata.level(metadata.finest_level).label(lang)))
    footer(ctx)
    end_page()

for column, headline in zip(st.columns(len(overview.headlines) or 1), overview.headlines):
    column.metric(
        escape_markdown(headline.label),
        escape_markdown(headline.value),
        None if headline.delta is None else escape_markdown(headline.delta),
        delta_color=headline.delta_color,
        delta_arrow=headline.delta_arrow,
        delta_description=None if headline.delta_description is None else escape_markdown(headline.delta_description),
        chart_data=list(headline.trend) or None,
        chart_type="line",
        border=True,
    )
if overview.summary:
    st.markdown(overview.summary)
if overview.city_value is None:
    st.caption(t("overview.no_city_value", lang))

st.header(t("overview.map", lang), divider="gray")
map_with_legend(
    overview.deck,
    alt=overview.map_alt,
    legend_html=overview.legend_html,
    missing_geometry=overview.missing_geometry,
    metadata=metadata,
    lang=lang,
)
download(overview.map_export, key="overview_map", what="map")
if points is not None:
    with st.expander(t("poi.table_alt", lang)):
        st.dataframe(point_table(points, lang), hide_index=True)
        download(points_export(points, lang), key="overview_points", what="points")

st.header(t("overview.ranking", lang), divider="gray")
st.plotly_chart(overview.ranking, alt=plain(overview.ranking_alt, limit=LONG_TEXT_CHARACTERS), config={"displaylogo": False})
download(overview.ranking_export, key="overview_ranking", what="chart")

st.header(t("overview.table", lang), divider="gray")
st.dataframe(overview.table, hide_index=True)
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
if overview.aggregated:
    st.caption(t("note.aggregated", lang))
download(overview.export, key="overview_table")
base_url = app_url()


def indicator_pdf() -> bytes:
    """The indicator report, made on the click (reportlab and the metrics load only then)."""
    from reports.indicator import indicator_report
    from reports.source import StoreSource

    source = StoreSource(dataset.store)
    return indicator_report(source, indicator=state.indicator, period=state.period, level=state.level, lang=lang, base_url=base_url)


st.download_button(
    t("report.download_indicator", lang),
    data=indicator_pdf,
    file_name=pdf_name(state.indicator, state.level, state.period, lang),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    help=t("report.download_help", lang),
    on_click="ignore",
)

with st.expander(t("overview.about", lang)):
    st.markdown(
        f"**{escape_markdown(entry.label(lang))}** ({escape_markdown(entry.unit(lang))}) — "
        f"{escape_markdown(entry.description(lang), limit=LONG_TEXT_CHARACTERS)}"
    )
    st.markdown(
        "\n".join(
            [
                f"- {t('catalog.kind', lang)}: {t('kind.' + entry.kind, lang)}",
                f"- {t('polarity.' + entry.polarity, lang)}",
                f"- {t('catalog.source', lang)}: {escape_markdown(entry.source)}",
                f"- {t('catalog.licence', lang)}: {escape_markdown(entry.licence)}",
                f"- {t('catalog.vintage', lang)}: {escape_markdown(entry.vintage)}",
                *([f"- {t('catalog.sdg', lang)}: {escape_markdown(entry.sdg)}"] if entry.sdg else []),
                f"- {t('catalog.synthetic' if entry.is_synthetic else 'catalog.real', lang)}",
            ]
        )
    )
footer(ctx)
