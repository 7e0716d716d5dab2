"""Daten & Export: a filterable table of indicator values (areas × indicators × years) for download,
with the indicator catalog beside it. Thin: the filters are widgets, the tables come from
views.data_export, the values from the store (suppression applied)."""
from __future__ import annotations

import streamlit as st

from loaders.contract import DOMAINS
from ui.area_search import MATCHES, listed, matching_areas
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, footer
from views import data_export as de
from views.domains import indicator_order
from views.i18n import t
from views.markup import escape_markdown, markdown_text, plain

ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, dataset.store

st.title(t("data.title", lang))
st.markdown(t("data.intro", lang))

order = indicator_order(store.catalog())
entries = {indicator_id: store.indicator(indicator_id) for indicator_id in order}
domains_present = [d for d in DOMAINS if any(entry.domain == d for entry in entries.values())]


def indicator_label(indicator_id: str) -> str:
    entry = entries[indicator_id]
    return plain(f"{t('domain.' + entry.domain, lang)} · {entry.label(lang)}")


def keep_valid(key: str, allowed: list, initial: list) -> None:
    """A multiselect's state: the initial choice on first run, later only what is still offered."""
    if key not in st.session_state:
        st.session_state[key] = [v for v in initial if v in allowed]
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def follow_level() -> None:
    """The page's level choice is the sidebar's: one state, two controls."""
    st.session_state["w_level"] = st.session_state["w_data_level"]


first, second = st.columns(2)
domains = first.multiselect(
    t("data.filter.domains", lang),
    domains_present,
    format_func=lambda d: t("domain." + d, lang),
    key="w_data_domains",
    placeholder=t("data.filter.all_domains", lang),
)
offered = [i for i in order if not domains or entries[i].domain in domains]
keep_valid("w_data_indicators", offered, [state.indicator])
chosen = second.multiselect(
    t("data.filter.indicators", lang),
    offered,
    format_func=indicator_label,
    key="w_data_indicators",
    placeholder=t("data.filter.all_indicators", lang),
)
indicators = chosen or offered

first, second = st.columns(2)
levels = list(metadata.level_ids)
st.session_state["w_data_level"] = state.level
level_id = first.radio(
    t("sidebar.level", lang),
    levels,
    format_func=lambda level: escape_markdown(metadata.level(level).label(lang)),
    key="w_data_level",
    on_change=follow_level,
    horizontal=True,
)
level = metadata.level(level_id)
available = sorted({p for indicator_id in indicators for p in dataset.periods(indicator_id)})
if not available:
    period_from = period_to = state.period
elif len(available) > 1:
    wanted = state.period if state.period in available else available[-1]
    current = st.session_state.get("w_data_periods")
    if current is not None and not set(current) <= set(available):
        st.session_state.pop("w_data_periods")
    period_from, period_to = second.select_slider(
        t("data.filter.periods", lang), available, value=(wanted, wanted), key="w_data_periods"
    )
else:
    period_from = period_to = available[0]
    second.markdown(f"**{t('data.filter.periods', lang)}:** {available[0]}")

first, second = st.columns(2)
if listed(dataset, level_id):
    areas = dataset.areas(level_id)
    names = dict(zip(areas["area_id"], areas["name"]))
else:  # too many areas for one list: a search field, and the areas found beside those picked (ui.area_search)
    typed = first.text_input(
        t("data.filter.area_search", lang),
        key="w_data_area_search",
        placeholder=t("map.search_field_placeholder", lang),
        help=t("data.filter.area_search_help", lang, n=MATCHES),
    )
    matches = matching_areas(dataset, level_id, typed)
    names = {**dataset.area_names(level_id, st.session_state.get("w_data_areas", [])), **matches}
    if typed.strip() and not matches:
        first.caption(markdown_text("select.no_match", lang, search=typed.strip()))
keep_valid("w_data_areas", list(names), [])
picked = first.multiselect(
    t("data.filter.areas", lang),
    list(names),
    format_func=lambda area_id: plain(f"{area_id} {names[area_id]}"),
    key="w_data_areas",
    placeholder=t("data.filter.all_areas", lang),
)
layout = second.radio(
    t("data.layout", lang),
    de.LAYOUTS,
    format_func=lambda key: t(f"data.layout.{key}", lang),
    key="w_data_layout",
    horizontal=True,
    help=t("data.layout_help", lang),
)



@cached_by_bytes
def values_view(
    dataset: Dataset, indicators: tuple[str, ...], level_id: str, period_from: int, period_to: int, picked: tuple[str, ...],
    layout: str, years: tuple[int, ...], filters: tuple[str, ...], lang: str,
) -> de.ValuesView | None:
    """The selection's view (summary, screen table, download), built once per dataset version and
    choice, so that a rerun that changes none of it formats nothing again; None when the selection
    has no rows. Read-only, shared by the sessions."""
    values = de.select_values(
        {indicator_id: dataset.series(indicator_id, level_id, []) for indicator_id in indicators},
        period_from=period_from,
        period_to=period_to,
        area_ids=list(picked),
    )
    if values.empty:
        return None
    store = dataset.store
    return de.values_view(
        values,
        {indicator_id: store.indicator(indicator_id) for indicator_id in indicators},
        level_plural=store.metadata.level(level_id).plural(lang),
        layout=layout,
        periods=years,
        context=filters,
        lang=lang,
    )


years = tuple(p for p in available if period_from <= p <= period_to)
filters = (t("data.filter_note", lang, n=len(picked), total=dataset.area_count(level_id), level=level.plural(lang)),) if picked else ()
view = values_view(dataset, tuple(indicators), level_id, period_from, period_to, tuple(picked), layout, years, filters, lang)

table_column, catalog_column = st.columns([2, 1], gap="medium")
with table_column:
    st.subheader(t("data.values", lang), divider="gray")
    if view is None:
        st.info(t("data.no_rows", lang))
    else:
        st.caption(escape_markdown(view.summary))
        st.dataframe(view.screen, hide_index=True, height=min(35 * (len(view.screen) + 1) + 3, 560))
        if view.screen_note:
            st.caption(escape_markdown(view.screen_note))
        st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
        download(view.export, key="data_values")

periods_of = {indicator_id: dataset.periods(indicator_id) for indicator_id in order}
with catalog_column:
    st.subheader(t("data.catalog.lookup", lang), divider="gray")
    looked_up = st.selectbox(
        t("column.indicator", lang),
        order,
        index=order.index(indicators[0]),
        format_func=indicator_label,
        key=f"w_data_lookup_{indicators[0]}",
        placeholder=t("select.placeholder", lang),
    )
    st.markdown(de.indicator_card(entries[looked_up], periods_of[looked_up], lang))

st.header(t("data.catalog.title", lang), divider="gray")
st.caption(t("data.catalog.intro", lang))
catalog = de.catalog_export(list(entries.values()), periods_of, dataset=metadata.name, lang=lang)
st.dataframe(catalog.frame, hide_index=True)
download(catalog, key="data_catalog", what="catalog")
footer(ctx)
