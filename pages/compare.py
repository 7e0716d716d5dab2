"""Vergleich (comparison): two areas side by side, two indicators in a scatter plot, the correlation matrix."""
from __future__ import annotations

import streamlit as st

from loaders.contract import DOMAINS
from ui.accessibility import plotly_chart
from ui.download import download
from ui.layout import context, end_page, footer, report_rejected_options, set_area, set_options
from views import compare
from views.domains import indicator_order
from views.i18n import t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_list, markdown_text, plain
from views.state import compare_options, nearest_period

ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)
level_plural = level.plural(lang)
city = metadata.city

st.title(t("compare.title", lang))
st.subheader(f"{escape_markdown(level.label(lang))} · {state.period}")
st.markdown(t("compare.intro", lang))

areas = dataset.areas(state.level)
if len(areas) < 2:
    st.info(markdown_text("compare.too_few_areas", lang, level=level.label(lang)))
    footer(ctx)
    end_page()

ids = indicator_order(store.catalog())
periods = {i: nearest_period(state.period, dataset.periods(i)) for i in ids}
table = compare.indicator_table(
    values={i: dataset.values(i, periods[i], state.level) for i in ids},
    city_series={i: dataset.city_series(i) for i in ids},
    periods=periods,
    entries={i: store.indicator(i) for i in ids},
    areas=areas,
)
with_values = [i for i in ids if table.values[i].notna().any()]
domains = [d for d in DOMAINS if any(store.indicator(i).domain == d for i in ids)]
options, rejected = compare_options(
    state,
    area_ids=list(areas["area_id"]),
    indicators=[i for i in with_values if i != state.indicator] or [i for i in ids if i != state.indicator] or ids,
    domains=domains,
    default_domain=entry.domain,
)
report_rejected_options(rejected, lang)
area_ids = list(areas["area_id"])
names = table.names


def area_label(area_id: str) -> str:
    return plain(f"{area_id} {names[area_id]}")  # selectbox options are shown as plain text


# ---- two areas ------------------------------------------------------------------------------
st.header(t("compare.pair_header", lang), divider="gray")
column_a, column_b = st.columns(2)
area = column_a.selectbox(
    markdown_text("compare.area_a", lang, level=level.label(lang)),
    area_ids,
    index=area_ids.index(options.area),
    key=f"w_compare_a_{state.level}",
    format_func=area_label,
    placeholder=t("select.placeholder", lang),
)
others = [a for a in area_ids if a != area]
second = options.compare if options.compare in others else others[0]
if st.session_state.get(f"w_compare_b_{state.level}") not in others:
    st.session_state.pop(f"w_compare_b_{state.level}", None)
second = column_b.selectbox(
    markdown_text("compare.area_b", lang, level=level.label(lang)),
    others,
    index=others.index(second),
    key=f"w_compare_b_{state.level}",
    format_func=area_label,
    placeholder=t("select.placeholder", lang),
)
if area != state.area:
    set_area(area)

if any(period != state.period for period in periods.values()):
    st.caption(t("compare.period_note", lang, period=state.period))
pair = compare.pair_chart(table=table, area=area, compare=second, period=state.period, city=city, level_plural=level_plural, lang=lang)
plotly_chart(pair.figure, alt=pair.alt)
st.caption(markdown_text("compare.pair_caption", lang, level=level_plural, city=city))
st.dataframe(pair.table, hide_index=True, height=min(35 * (len(pair.table) + 1) + 3, 900))
download(
    compare.pair_export(table=table, area=area, compare=second, period=state.period, city=city, level_plural=level_plural, lang=lang),
    key="compare_pair",
)

# ---- scatter plot -----------------------------------------------------------------------------
st.header(t("compare.scatter_header", lang), divider="gray")
candidates = [i for i in with_values if i != state.indicator]
population_id = metadata.population_indicator
if not candidates or not table.values[state.indicator].notna().any():
    st.info(
        markdown_text("error.no_values", lang, indicator=entry.label(lang), period=periods[state.indicator], level=level.label(lang))
    )
    indicator2, weighted = options.indicator2, options.weighted
else:
    st.markdown(markdown_text("compare.x_indicator", lang, indicator=entry.label(lang)))
    y_column, weight_column = st.columns([3, 2])
    indicator2 = y_column.selectbox(
        t("compare.y_indicator", lang),
        candidates,
        index=candidates.index(options.indicator2) if options.indicator2 in candidates else 0,
        key="w_compare_y",
        format_func=lambda i: plain(f"{t('domain.' + store.indicator(i).domain, lang)} · {store.indicator(i).label(lang)}"),
        placeholder=t("select.placeholder", lang),
    )
    weighted = False
    if population_id:
        weighted = weight_column.toggle(
            t("compare.weighted_toggle", lang), value=options.weighted, key="w_compare_weighted", help=t("compare.weighted_help", lang)
        )
    population = table.values[population_id] if population_id in table.values else None
    chart, result, sentences = compare.scatter_chart(
        table=table,
        x=state.indicator,
        y=indicator2,
        population=population,
        weighted=weighted,
        highlight=[area, second],
        period=state.period,
        city=city,
        level_plural=level_plural,
        population_label=store.indicator(population_id).label(lang) if population_id else "",
        lang=lang,
    )
    plotly_chart(chart.figure, alt=chart.alt)
    st.caption(t("compare.scatter_caption", lang) if population is not None else t("compare.no_population", lang))
    for sentence in sentences:
        st.markdown(escape_markdown(sentence, limit=LONG_TEXT_CHARACTERS))
    with st.expander(t("overview.table", lang)):
        st.dataframe(chart.table, hide_index=True)
        download(
            compare.scatter_export(
                table=table, x=state.indicator, y=indicator2, population=population,
                population_label=store.indicator(population_id).label(lang) if population_id else "",
                period=state.period, level_plural=level_plural, lang=lang,
            ),
            key="compare_scatter",
            what="chart",
        )

# ---- correlation matrix ---------------------------------------------------------------------
st.header(t("compare.heatmap_header", lang), divider="gray")
choices = ["all", *domains]
domain = st.selectbox(
    t("compare.domain", lang),
    choices,
    index=choices.index(options.domain),
    key="w_compare_domain",
    format_func=lambda d: t("compare.all_domains", lang) if d == "all" else t("domain." + d, lang),
    placeholder=t("select.placeholder", lang),
)
set_options(compare=second, indicator2=indicator2, weighted="1" if weighted else None, domain=domain)
heatmap = compare.correlation_heatmap(table=table, domain=domain, period=state.period, level_plural=level_plural, lang=lang)
if heatmap.chart is None:
    st.info(t("compare.heatmap_none", lang))
else:
    plotly_chart(heatmap.chart.figure, alt=heatmap.chart.alt)
    pairs = (
        t("compare.pairs_all", lang, n=heatmap.pair_min)
        if heatmap.pair_min == heatmap.pair_max
        else t("compare.pairs_range", lang, low=heatmap.pair_min, high=heatmap.pair_max)
    )
    st.caption(markdown_text("compare.heatmap_caption", lang, n=heatmap.used, level=level_plural, pairs=pairs))
    if heatmap.marks:
        st.caption(t("compare.marks_caption", lang))
    with st.expander(t("overview.table", lang)):
        st.dataframe(heatmap.chart.table, hide_index=True)
        download(heatmap.export, key="compare_matrix", what="chart")
if heatmap.left_out:
    st.caption(markdown_text("compare.left_out", lang, labels=markdown_list(heatmap.left_out)))
footer(ctx)
