"""Area profile: all indicators of one area next to the city, and the chosen indicator's trend."""
from __future__ import annotations

import streamlit as st

from reports import pdf_name
from ui.layout import app_url, context, footer, set_area
from views.domains import indicator_order
from views.i18n import format_value, t
from ui.download import download
from views.profile import profile_export, profile_table, trend_export, trend_figure
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_text, plain
from views.text import trend_alt

ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)

st.title(t("profile.title", lang))
areas = dataset.areas(state.level)
ids = list(areas["area_id"])
names = dict(zip(areas["area_id"], areas["name"]))
chosen = st.selectbox(
    f"{t('profile.area', lang)} ({escape_markdown(level.label(lang))})",
    ids,
    index=ids.index(state.area) if state.area in ids else 0,
    format_func=lambda area_id: plain(f"{area_id} {names[area_id]}"),
)
if chosen != state.area:
    set_area(chosen)
st.markdown(t("profile.intro", lang, period=state.period))

rows = []
for indicator_id in indicator_order(store.catalog()):
    indicator = store.indicator(indicator_id)
    period_values = dataset.values(indicator_id, state.period, state.level)
    row = period_values[period_values["area_id"] == chosen]
    city = dataset.city_series(indicator_id)
    city_now = city.loc[city["period"] == state.period, "value"]
    rows.append(
        (
            indicator,
            None if row.empty or row["value"].isna().iloc[0] else float(row["value"].iloc[0]),
            None if city_now.empty or city_now.isna().iloc[0] else float(city_now.iloc[0]),
            bool(not row.empty and row["suppressed"].iloc[0]),
        )
    )
table = profile_table(rows, city=metadata.city, lang=lang)
st.dataframe(table, hide_index=True, height=min(35 * (len(table) + 1) + 3, 1200))
download(
    profile_export(
        rows, area_id=chosen, area_name=names[chosen], period=state.period, city=metadata.city, level_plural=level.plural(lang), lang=lang
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
    file_name=pdf_name("gebiet" if lang == "de" else "area", chosen, names[chosen], state.period, lang),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    help=t("report.download_area_help", lang),
    on_click="ignore",
)
st.caption(markdown_text("profile.table_alt", lang, area=names[chosen], period=state.period))

st.header(f"{t('profile.trend', lang)}: {escape_markdown(entry.label(lang))}", divider="gray")
area_series = dataset.series(state.indicator, state.level, [chosen])
figure, long = trend_figure(
    area_series, dataset.city_series(state.indicator), area_name=names[chosen], city=metadata.city, entry=entry, lang=lang
)
st.plotly_chart(figure, alt=plain(trend_alt(long, indicator=entry.label(lang), lang=lang), limit=LONG_TEXT_CHARACTERS), config={"displaylogo": False})
with st.expander(t("overview.table", lang)):
    wide = long.assign(value=[format_value(v, entry.unit(lang), lang, int(entry.decimals)) for v in long["value"]]).pivot(
        index="period", columns="label", values="value"
    )
    st.dataframe(wide.rename_axis(t("column.period", lang)), height=min(38 * (len(wide) + 1), 600))
download(
    trend_export(
        area_series,
        dataset.city_series(state.indicator),
        area_id=chosen,
        area_name=names[chosen],
        city=metadata.city,
        entry=entry,
        level_plural=level.plural(lang),
        lang=lang,
    ),
    key="profile_trend",
    what="chart",
)
footer(ctx)
