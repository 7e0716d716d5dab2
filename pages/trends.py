"""Entwicklung (trends): every area over time, the ranking of change, the widening gap, the change map."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from loaders.store import Indicator
from ui.accessibility import plotly_chart
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, end_page, footer, map_with_legend, report_rejected_options, set_options
from ui.map_scope import MapScope, no_values_at_coarser, scope_for, scoped_geometries, show_scope, shown_map
from views import trends
from views.domains import indicator_order
from views.i18n import t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_list, markdown_text
from views.state import TREND_SORT, TrendOptions, trend_options
from views.trends import PAGE_SIZE, WIDENING_MARK


@cached_by_bytes
def trend_series(dataset: Dataset, entry: Indicator, level_id: str) -> trends.TrendData:
    """The indicator's values over time at the level, as wide frames, once per dataset version (read-only)."""
    return trends.trend_data(dataset.series(entry.indicator_id, level_id, []), dataset.city_series(entry.indicator_id), kind=entry.kind)


@cached_by_bytes
def trends_view(
    dataset: Dataset, entry: Indicator, level_id: str, end: int, chosen: TrendOptions, city: str, level_plural: str, lang: str,
    scope: MapScope,
) -> trends.TrendsView:
    """The page's view, built once per dataset version and choice: a rerun that changes nothing
    of it (another widget, a reload) does not build 10,000 areas' tables and map again. The
    view is read-only and shared by the sessions."""
    return trends.build_trends(
        data=trend_series(dataset, entry, level_id), geometries=scoped_geometries(dataset, scope), entry=entry, end=end, options=chosen, city=city,
        level_plural=level_plural, lang=lang,
    )


ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)
label = escape_markdown(entry.label(lang))
city = metadata.city

st.title(t("trends.title", lang))
st.subheader(f"{label} · {escape_markdown(level.label(lang))}")

data = trend_series(dataset, entry, state.level)
end = trends.choose_end(data.periods, state.period)
problem = trends.trends_problem(data, end=end)
if problem is not None:
    period = data.periods[0] if problem == "trends.single_period" else end
    st.info(markdown_text(problem, lang, indicator=entry.label(lang), level=level.plural(lang), period=period))
    if problem == "trends.single_period":
        several = [i for i in indicator_order(store.catalog()) if len(dataset.periods(i)) > 1 and len(dataset.periods_at(i, state.level)) > 1]
        names = markdown_list(store.indicator(i).label(lang) for i in several)
        st.markdown(markdown_text("trends.several_periods", lang, indicators=names) if several else t("trends.no_several_periods", lang))
    footer(ctx)
    end_page()

shows = trends.allowed_shows(data)
options, rejected = trend_options(replace(state, period=end), periods=data.periods, shows=shows)
report_rejected_options(rejected, lang)
if end != state.period:
    st.caption(t("trends.end_fallback", lang, period=state.period, end=end))

# the choices that shape every chart below
base_column, show_column = st.columns([1, 3])
earlier = [p for p in data.periods if p < end]
base = base_column.selectbox(
    t("trends.base", lang), earlier, index=earlier.index(options.base), key="w_trend_base", placeholder=t("select.placeholder", lang)
)
show = show_column.radio(
    t("trends.show", lang),
    shows,
    index=shows.index(options.show),
    key="w_trend_show",
    horizontal=True,
    format_func=lambda s: t(f"trends.show_option.{s}", lang),
)
if "index" not in shows:
    show_column.caption(t("trends.no_index_signed", lang))

st.header(t("trends.multiples_header", lang), divider="gray")
sort_column, search_column, page_column = st.columns([2, 2, 1])
sort = sort_column.selectbox(
    t("trends.sort", lang),
    TREND_SORT,
    index=TREND_SORT.index(options.sort),
    key="w_trend_sort",
    format_func=lambda s: t(f"trends.sort.{s}", lang, end=end),
    placeholder=t("select.placeholder", lang),
)
search = search_column.text_input(t("trends.search", lang), value=options.search, key="w_trend_q", max_chars=100)
matching = trends.matching_count(data, search)
page_count = max(1, -(-matching // PAGE_SIZE))
page_key = "w_trend_page" if page_count <= trends.LISTED_PAGES else "w_trend_page_number"  # a list of pages, or a number field
if search != options.search or st.session_state.get(page_key) not in range(1, page_count + 1):
    st.session_state.pop(page_key, None)
page = 1 if search != options.search else min(options.page, page_count)


def page_areas(p: int) -> str:
    """'13–24 von 1.000.000': the areas of page `p`."""
    return t("trends.page_option", lang, first=(p - 1) * PAGE_SIZE + 1, last=min(p * PAGE_SIZE, matching), n=matching)


if 1 < page_count <= trends.LISTED_PAGES:
    page = page_column.selectbox(
        t("trends.page", lang),
        list(range(1, page_count + 1)),
        index=page - 1,
        key=page_key,
        format_func=page_areas,
        placeholder=t("select.placeholder", lang),
    )
elif page_count > trends.LISTED_PAGES:
    page = int(page_column.number_input(t("trends.page_number", lang, n=PAGE_SIZE), min_value=1, max_value=page_count, value=page, step=1, key=page_key))
    page_column.caption(page_areas(page))
multiples_area = st.container()
# what the page asks, below the first charts (which are on the first screen of a projector)
st.caption(markdown_text("trends.intro", lang, indicator=entry.label(lang), level=level.plural(lang), end=end))

st.header(t("trends.widening_header", lang), divider="gray")
windows = list(range(2, len([p for p in data.periods if p <= end]) + 1))
window = st.columns([1, 1])[0].selectbox(
    t("trends.window", lang),
    windows,
    index=windows.index(options.window) if options.window in windows else 0,
    key="w_trend_window",
    format_func=lambda n: t("trends.window_option", lang, n=n, since=[p for p in data.periods if p <= end][-n]),
    placeholder=t("select.placeholder", lang),
)
set_options(base=str(base), show=show, sort=sort, window=str(window), q=search.strip() or None, page=str(page) if page > 1 else None)

chosen = TrendOptions(base=base, show=show, sort=sort, window=window, search=search.strip(), page=page)
scope = scope_for(dataset, state.level, key="trends")
view = trends_view(dataset, entry, state.level, end, chosen, city, level.plural(lang), lang, scope)

with multiples_area:
    if view.multiples is None:
        st.info(markdown_text("trends.search_none", lang, search=search))
    else:
        caption = "trends.multiples_caption" if view.city_line else "trends.multiples_caption_no_city"
        st.caption(markdown_text(caption, lang, unit=trends.show_unit(entry, view.show, lang), city=city, mark=WIDENING_MARK))
        panels = list(zip(view.multiples.figures, view.multiples.alts))
        for start in range(0, len(panels), trends.COLUMNS):
            for column, (figure, alt) in zip(st.columns(trends.COLUMNS), panels[start:start + trends.COLUMNS]):
                column.plotly_chart(figure, alt=alt, config={"displayModeBar": False})
        for note in view.notes:
            st.caption(escape_markdown(note, limit=LONG_TEXT_CHARACTERS))
        with st.expander(t("overview.table", lang)):
            st.dataframe(view.multiples.table, hide_index=True)
            if view.series_table_note:
                st.caption(escape_markdown(view.series_table_note))
            download(view.series_export, key="trends_series", what="chart")

st.markdown(escape_markdown(view.widening_sentence, limit=LONG_TEXT_CHARACTERS))
st.caption(view.widening_rule)

if view.ranking is not None:
    st.header(t("trends.ranking_header", lang, base=base, end=end), divider="gray")
    st.caption(
        markdown_text("trends.measure.relative", lang, base=base)
        if view.measure == "relative"
        else markdown_text("trends.measure.absolute", lang, unit=trends.change_unit(entry, "absolute", lang))
    )
    plotly_chart(view.ranking.figure, alt=view.ranking.alt)

    st.header(t("trends.map_header", lang, base=base, end=end), divider="gray")
    show_scope(dataset, scope, lang)
    coarse_problem = scope.coarser and trends.trends_problem(trend_series(dataset, entry, scope.shown_level), end=end) is not None
    on_map = view if coarse_problem else shown_map(
        scope, view,
        lambda shown: trends_view(dataset, entry, shown, end, chosen, city, metadata.level(shown).plural(lang), lang, MapScope(shown, shown)),
    )
    if coarse_problem or (scope.coarser and on_map.deck is None):
        no_values_at_coarser(dataset, scope, entry.label(lang), end, lang)
    map_with_legend(
        None if coarse_problem else on_map.deck,
        alt=on_map.map_alt,
        legend_html="" if coarse_problem else on_map.legend_html,
        missing_geometry=list(on_map.missing_geometry),
        metadata=metadata,
        lang=lang,
    )
    st.subheader(t("overview.table", lang))
    st.dataframe(view.ranking.table, hide_index=True)
    if view.change_table_note:
        st.caption(escape_markdown(view.change_table_note))
    st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
    if view.change_export is not None:
        download(view.change_export, key="trends_changes")
footer(ctx)
