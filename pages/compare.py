"""Vergleich (comparison): two areas side by side, two indicators in a scatter plot, the correlation matrix."""
from __future__ import annotations

import streamlit as st

from loaders.contract import DOMAINS
from ui.accessibility import plotly_chart
from ui.area_search import listed, search_field
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import (
    context,
    end_page,
    footer,
    report_rejected_options,
    set_area,
    set_options,
)
from views import compare, tables
from views.domains import indicator_order
from views.export import ExportTable
from views.i18n import t
from views.markup import (
    LONG_TEXT_CHARACTERS,
    escape_markdown,
    markdown_list,
    markdown_text,
    plain,
)
from views.state import compare_options, nearest_period


@cached_by_bytes
def table_of(dataset: Dataset, period: int, level_id: str) -> compare.IndicatorTable:
    """Every indicator at the level (each in its year nearest `period`), once per dataset
    version, period and level. Read-only, shared by the sessions."""
    store = dataset.store
    ids = indicator_order(store.catalog())
    periods = {i: nearest_period(period, dataset.periods(i)) for i in ids}
    values = {}
    for year in sorted(set(periods.values())):  # one query per year the indicators are shown in
        values.update(dataset.values_of([i for i in ids if periods[i] == year], year, level_id))
    return compare.indicator_table(
        values={i: values[i] for i in ids},
        city_series=dataset.city_series_of(ids),
        periods=periods,
        entries={i: store.indicator(i) for i in ids},
        areas=dataset.areas(level_id),
    )


@cached_by_bytes
def area_labels_of(dataset: Dataset, period: int, level_id: str) -> dict[str, str]:
    """The area menus' texts ("01 Innenstadt", plain text) once per dataset version and level."""
    names = table_of(dataset, period, level_id).names
    return {area_id: plain(f"{area_id} {name}") for area_id, name in names.items()}


@cached_by_bytes
def pair_of(dataset: Dataset, period: int, level_id: str, area: str, second: str, lang: str) -> tuple[compare.Chart, ExportTable]:
    """The two areas side by side (chart, table, export) once per dataset version and choice."""
    metadata = dataset.store.metadata
    table = table_of(dataset, period, level_id)
    common = {"table": table, "area": area, "compare": second, "period": period, "city": metadata.city,
              "level_plural": metadata.level(level_id).plural(lang), "lang": lang}
    return compare.pair_chart(**common), compare.pair_export(**common)


@cached_by_bytes
def scatter_of(
    dataset: Dataset, period: int, level_id: str, x: str, y: str, weighted: bool, highlight: tuple[str, ...], lang: str
) -> tuple[compare.Chart, compare.Correlation, list[str], ExportTable]:
    """The scatter plot, its coefficients, sentences and export once per dataset version and
    choice (every area's bubble and table row)."""
    store, metadata = dataset.store, dataset.store.metadata
    table = table_of(dataset, period, level_id)
    population_id = metadata.population_indicator
    population = table.values.get(population_id)
    population_label = store.indicator(population_id).label(lang) if population_id else ""
    level_plural = metadata.level(level_id).plural(lang)
    chart, result, sentences = compare.scatter_chart(
        table=table, x=x, y=y, population=population, weighted=weighted, highlight=list(highlight), period=period,
        city=metadata.city, level_plural=level_plural, population_label=population_label, lang=lang,
    )
    export = compare.scatter_export(
        table=table, x=x, y=y, population=population, population_label=population_label, period=period,
        level_plural=level_plural, lang=lang,
    )
    return chart, result, sentences, export


@cached_by_bytes
def heatmap_of(dataset: Dataset, period: int, level_id: str, domain: str, lang: str) -> compare.Heatmap:
    """The correlation matrix of a domain's indicators once per dataset version and choice."""
    level_plural = dataset.store.metadata.level(level_id).plural(lang)
    return compare.correlation_heatmap(table=table_of(dataset, period, level_id), domain=domain, period=period, level_plural=level_plural, lang=lang)


ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)
level_plural = level.plural(lang)
city = metadata.city

st.title(t("compare.title", lang))
st.subheader(f"{escape_markdown(level.label(lang))} · {state.period}")
st.markdown(t("compare.intro", lang))

if dataset.area_count(state.level) < 2:
    st.info(markdown_text("compare.too_few_areas", lang, level=level.label(lang)))
    footer(ctx)
    end_page()

ids = indicator_order(store.catalog())
table = table_of(dataset, state.period, state.level)
periods = table.periods
with_values = [i for i in ids if table.values[i].notna().any()]
domains = [d for d in DOMAINS if any(store.indicator(i).domain == d for i in ids)]
areas_listed = listed(dataset, state.level)  # else a text field for each area (ui.area_search)
if areas_listed:
    area_ids = list(dataset.areas(state.level)["area_id"])
    area_label = area_labels_of(dataset, state.period, state.level).__getitem__  # selectbox options are shown as plain text
else:  # the areas known without a list: those of the link, else the first two by name
    asked = [a for a in (state.area, state.option("compare")) if a]
    first_two = dataset.find_areas(state.level, "", 2)
    names = {**dataset.area_names(state.level, asked[:1]), **dict(zip(first_two["area_id"], first_two["name"]))}
    names.update(dataset.area_names(state.level, asked[1:]))
    area_ids = list(names)

    def area_label(area_id: str) -> str:
        return plain(f"{area_id} {names[area_id]}")

options, rejected = compare_options(
    state,
    area_ids=area_ids,
    indicators=[i for i in with_values if i != state.indicator] or [i for i in ids if i != state.indicator] or ids,
    domains=domains,
    default_domain=entry.domain,
)
report_rejected_options(rejected, lang)

# ---- two areas ------------------------------------------------------------------------------
st.header(t("compare.pair_header", lang), divider="gray")
column_a, column_b = st.columns(2)
choices_a = choices_b = area_ids
if not areas_listed:  # the chosen area first, then the areas found
    found_a = search_field(column_a, dataset, state.level, key="w_compare_a_search", lang=lang)
    found_b = search_field(column_b, dataset, state.level, key="w_compare_b_search", lang=lang, label=t("profile.compare_search", lang))
    names.update({**found_a, **found_b})
    choices_a, choices_b = list(dict.fromkeys([options.area, *found_a])), list(dict.fromkeys([options.compare, *found_b]))
area = column_a.selectbox(
    markdown_text("compare.area_a", lang, level=level.label(lang)),
    choices_a,
    index=choices_a.index(options.area),
    key=f"w_compare_a_{state.level}",
    format_func=area_label,
    placeholder=t("select.placeholder", lang),
)
others = [a for a in choices_b if a != area] or [a for a in area_ids if a != area]
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
pair, pair_export = pair_of(dataset, state.period, state.level, area, second, lang)
plotly_chart(pair.figure, alt=pair.alt)
st.caption(markdown_text("compare.pair_caption", lang, level=level_plural, city=city))
st.dataframe(pair.table, hide_index=True, height=min(35 * (len(pair.table) + 1) + 3, 900))
download(pair_export, key="compare_pair")

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
    chart, result, sentences, scatter_export = scatter_of(
        dataset, state.period, state.level, state.indicator, indicator2, weighted, (area, second), lang
    )
    plotly_chart(chart.figure, alt=chart.alt)
    st.caption(t("compare.scatter_caption", lang) if population_id in table.values else t("compare.no_population", lang))
    for sentence in sentences:
        st.markdown(escape_markdown(sentence, limit=LONG_TEXT_CHARACTERS))
    with st.expander(t("overview.table", lang)):
        st.dataframe(chart.table.head(tables.SCREEN_ROWS), hide_index=True)  # the first rows; the download has every area
        if note := tables.rows_note(tables.SCREEN_ROWS, len(chart.table), lang):
            st.caption(note)
        download(scatter_export, key="compare_scatter", what="chart")

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
heatmap = heatmap_of(dataset, state.period, state.level, domain, lang)
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
