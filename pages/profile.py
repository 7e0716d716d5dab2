"""Area profile: the verdict at a glance, every indicator next to the city (and a second area),
where the area lies, its profile across topics, and the chosen indicator's trend."""
from __future__ import annotations

import streamlit as st

from reports import pdf_name
from ui.accessibility import plotly_chart
from ui.area_search import listed, search_field
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import app_url, context, footer, report_rejected_options, set_area, set_options
from views.charts import axis_from_zero
from views.i18n import format_value, t
from views.maps import map_level, max_map_areas
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_text, plain
from views.profile import (
    VERDICT_SYMBOLS,
    DomainProfile,
    LevelSnapshot,
    Locator,
    domain_profile,
    level_snapshot,
    locator,
    profile_export,
    profile_html,
    profile_rows,
    trend_export,
    trend_figure,
    verdict_counts,
)
from views.text import trend_alt


@cached_by_bytes
def snapshot_of(dataset: Dataset, period: int, level_id: str) -> LevelSnapshot:
    """Every indicator of the level in the period, once per dataset version (read-only, shared)."""
    return level_snapshot(dataset, period, level_id)


@cached_by_bytes
def topics_of(
    dataset: Dataset, period: int, level_id: str, areas: tuple[tuple[str, str], ...], city: str, level_plural: str, lang: str
) -> DomainProfile:
    """The profile across topics (gaps of every area of the level) once per dataset version and choice."""
    return domain_profile(snapshot_of(dataset, period, level_id), areas=list(areas), city=city, level_plural=level_plural, lang=lang)


@cached_by_bytes
def locator_of(
    dataset: Dataset, level_id: str, area_id: str, area_name: str, compare_id: str | None, compare_name: str | None, city: str,
    level_plural: str, lang: str,
) -> Locator:
    """The locator map (an outline of every area of the level) once per dataset version and choice;
    for a level with more areas than one map draws (ui.map_scope), the outlines of the coarser
    level the maps show instead, with the two areas on top."""
    metadata = dataset.store.metadata
    shown = map_level(metadata.level_ids, {level: dataset.area_count(level) for level in metadata.level_ids}, level_id, max_map_areas())
    return locator(
        dataset.geometries(level_id), area_id=area_id, area_name=area_name, city=city,
        level_plural=level_plural if shown == level_id else metadata.level(shown).plural(lang), lang=lang,
        compare_id=compare_id, compare_name=compare_name, background=None if shown == level_id else dataset.geometries(shown),
    )


ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata = ctx.metadata
level = metadata.level(state.level)
level_plural = level.plural(lang)
city = metadata.city

st.title(t("profile.title", lang))
NO_SECOND = ""  # the option "no second area"
asked = state.option("compare")
pick_area, pick_compare = st.columns(2)
if listed(dataset, state.level):
    areas = dataset.areas(state.level)
    names = dict(zip(areas["area_id"], areas["name"]))
    found = found_second = list(names)
else:  # too many areas for one list: text fields, and the areas found beside those chosen (ui.area_search)
    names = dataset.area_names(state.level, [a for a in (state.area, asked) if a])
    current = state.area if state.area in names else str(dataset.find_areas(state.level, "", 1)["area_id"].iloc[0])  # else the first by name
    found_first = search_field(pick_area, dataset, state.level, key="w_profile_area_search", lang=lang)
    found_second = search_field(pick_compare, dataset, state.level, key="w_profile_compare_search", lang=lang, label=t("profile.compare_search", lang))
    names = {**names, **dataset.area_names(state.level, [current]), **found_first, **found_second}
    found = list(dict.fromkeys([current, *found_first]))
    found_second = [a for a in (asked, *found_second) if a in names]


def area_label(area_id: str) -> str:
    return t("profile.compare_none", lang) if area_id == NO_SECOND else plain(f"{area_id} {names[area_id]}")


chosen = pick_area.selectbox(
    f"{t('profile.area', lang)} ({escape_markdown(level.label(lang))})",
    found,
    index=found.index(state.area) if state.area in found else 0,
    placeholder=t("select.placeholder", lang),
    format_func=area_label,
)
if chosen != state.area:
    set_area(chosen)
if asked is not None and (asked not in names or asked == chosen):
    report_rejected_options(["compare"], lang)
others = [NO_SECOND, *dict.fromkeys(i for i in found_second if i != chosen)]
compare_key = f"w_profile_compare_{state.level}"
if st.session_state.get(compare_key) not in others:
    st.session_state.pop(compare_key, None)
compare_id = pick_compare.selectbox(
    markdown_text("profile.compare_pick", lang, level=level.label(lang)),
    others,
    index=others.index(asked) if asked in others else 0,
    key=compare_key,
    format_func=area_label,
    help=t("profile.compare_help", lang),
    placeholder=t("select.placeholder", lang),
) or None
set_options(compare=compare_id)
compare_name = names[compare_id] if compare_id else None

snapshot = snapshot_of(dataset, state.period, state.level)
rows = profile_rows(snapshot, chosen)
compare_rows = profile_rows(snapshot, compare_id) if compare_id else None

# ---- at a glance: the verdict counts beside the locator map -------------------------------------
st.subheader(escape_markdown(t("profile.glance", lang, area=names[chosen], city=city, period=state.period)))
counts = verdict_counts(rows)
glance, location = st.columns([3, 2])
with glance:
    for column, verdict in zip(st.columns(3), ("unfavourable", "similar", "favourable")):
        column.metric(
            f"{VERDICT_SYMBOLS[verdict]} {t('profile.count.' + verdict, lang)}",
            counts[verdict],
            border=True,
            help=t("profile.count.help", lang, neutral=counts["neutral"]),
        )
    judged = counts["unfavourable"] + counts["similar"] + counts["favourable"]
    if judged:
        st.markdown(markdown_text("profile.glance_sentence", lang, judged=judged, area=names[chosen], city=city, **counts))
    else:
        st.info(markdown_text("profile.glance_none", lang, period=state.period, area=names[chosen], city=city))
with location:
    where = locator_of(dataset, state.level, chosen, names[chosen], compare_id, compare_name, city, level_plural, lang)
    if where.svg:
        st.image(where.svg, alt=plain(where.alt), width=280)
        st.html(where.legend_html)
    else:
        st.caption(escape_markdown(where.alt))

# ---- every indicator, the verdict first -----------------------------------------------------------
st.header(t("profile.table_title", lang), divider="gray")
st.html(
    profile_html(
        rows, city=city, area_name=names[chosen], lang=lang, compare=compare_rows, compare_name=compare_name,
        caption=t("profile.table_caption", lang),
    )
)
download(
    profile_export(
        rows, area_id=chosen, area_name=names[chosen], period=state.period, city=city, level_plural=level_plural, lang=lang,
        compare=compare_rows, compare_id=compare_id, compare_name=compare_name,
    ),
    key="profile_table",
)
base_url = app_url("profile")


def area_pdf() -> bytes:
    """The area report, made on the click (reportlab and the metrics load only then)."""
    from reports.area import area_report
    from reports.source import StoreSource

    return area_report(StoreSource(dataset.store), area_id=chosen, period=state.period, level=state.level, lang=lang, base_url=base_url)


st.download_button(
    t("report.download_area", lang),
    data=area_pdf,
    file_name=pdf_name(t("report.file_area", lang), chosen, names[chosen], state.period, lang),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    help=t("report.download_area_help", lang),
    on_click="ignore",
)
st.caption(markdown_text("profile.table_alt", lang, area=names[chosen], period=state.period))

# ---- the profile across topics ------------------------------------------------------------------
st.header(t("profile.radar.title", lang), divider="gray")
shown_areas = [(chosen, names[chosen])] + ([(compare_id, compare_name)] if compare_id else [])
topics = topics_of(dataset, state.period, state.level, tuple(shown_areas), city, level_plural, lang)
if topics.figure is None:
    st.info(t("profile.radar.none", lang))
else:
    plotly_chart(topics.figure, alt=plain(topics.alt, limit=LONG_TEXT_CHARACTERS))
st.caption(topics.note)
with st.expander(t("overview.table", lang)):
    st.dataframe(topics.table, hide_index=True)
if topics.export is not None:
    download(topics.export, key="profile_topics", what="chart")

# ---- the chosen indicator's trend -----------------------------------------------------------------
st.header(f"{t('profile.trend', lang)}: {escape_markdown(entry.label(lang))}", divider="gray")
series_ids = [chosen] + ([compare_id] if compare_id else [])
all_series = dataset.series(state.indicator, state.level, series_ids)
area_series = all_series[all_series["area_id"] == chosen]
compare_series = all_series[all_series["area_id"] == compare_id] if compare_id else None
city_series = dataset.city_series(state.indicator)
figure, long = trend_figure(
    area_series, city_series, area_name=names[chosen], city=city, entry=entry, lang=lang,
    compare_series=compare_series, compare_name=compare_name,
)
if entry.kind == "count":
    st.caption(t("count.trend_note", lang))
plotly_chart(figure, alt=plain(trend_alt(long, indicator=entry.label(lang), lang=lang), limit=LONG_TEXT_CHARACTERS))
st.caption(t("profile.axis_from_zero" if axis_from_zero(entry.kind, long["value"]) else "profile.axis_not_zero", lang))
with st.expander(t("overview.table", lang)):
    wide = long.assign(value=[format_value(v, entry.unit(lang), lang, int(entry.decimals)) for v in long["value"]]).pivot(
        index="period", columns="label", values="value"
    )
    st.dataframe(wide.rename_axis(t("column.period", lang)), height=min(38 * (len(wide) + 1), 600))
download(
    trend_export(
        area_series, city_series, area_id=chosen, area_name=names[chosen], city=city, entry=entry, level_plural=level_plural, lang=lang,
        compare_series=compare_series, compare_id=compare_id, compare_name=compare_name,
    ),
    key="profile_trend",
    what="chart",
)
footer(ctx)
