"""The indicator report: map, ranking, trend, inequality and the table of one indicator, as PDF.

Built from the same builders as the pages (views.overview, views.inequality, views.text,
views.classify) and drawn by reports.drawing; every number comes from the store, which has
withheld small counts before any builder sees them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reports import drawing
from reports.fonts import typeface
from reports.paper import TEXT_WIDTH, Imprint, from_markdown, grid, key_figures, legend, render, sources_section, styles, text
from reports.source import Source
from views.charts import MAX_BARS
from views.classify import NO_DATA_COLOR
from views.i18n import format_value, t
from views.inequality import build_inequality
from views.overview import build_overview, classes_note
from views.state import ViewState, view_link
from views.text import highest_and_lowest, vintage

INDICATOR_PAGE = ""  # the overview is the start page


@dataclass(frozen=True)
class IndicatorRequest:
    indicator: str
    period: int
    level: str
    lang: str


def demo_notice(metadata, lang: str, *, detail: bool = False) -> str:
    """The demo notice (with its detail for the first page), empty for official data."""
    if not metadata.is_demo:
        return ""
    notice = metadata.demo_notice(lang) if detail else None  # the dataset says what is real (docs/data-contract.md)
    return t("demo.banner", lang) + (f" – {notice}" if notice else "")


def _bars(frame: pd.DataFrame, unit: str, decimals: int, lang: str, *, with_share: bool = False) -> tuple[list[drawing.Bar], int]:
    """Bars from highest to lowest, areas without a value last with their note; with more than
    MAX_BARS areas the highest and lowest MAX_BARS / 2 (as on the page) and how many were left out."""
    present = frame.dropna(subset=["value"]).sort_values(["value", "name"], ascending=[False, True])
    absent = frame[frame["value"].isna()].sort_values("name")
    def shown(row) -> str:  # a count with its share of the city's total, as on the page
        value = format_value(row.value, unit, lang, decimals)
        return t("count.bar_label", lang, value=value, share=format_value(row.share_of_city, "%", lang, 1)) if with_share else value

    bars = [drawing.Bar(str(r.name), float(r.value), shown(r)) for r in present.itertuples()]
    missing = [drawing.Bar(str(r.name), None, str(r.note)) for r in absent.itertuples()]
    if len(bars) + len(missing) <= MAX_BARS:
        return bars + missing, 0
    half = MAX_BARS // 2
    if len(bars) > 2 * half:
        return bars[:half] + bars[-half:], len(bars) + len(missing) - 2 * half
    return bars, len(missing)


def _trend_series(source: Source, request: IndicatorRequest, frame: pd.DataFrame, city: str, *, with_city: bool = True) -> list[drawing.Series]:
    """The city over all periods (not for a count, whose city total is no rival of its parts),
    with the areas that are highest and lowest in the report year."""
    lines = []
    city_series = source.city_series(request.indicator)
    if with_city:
        lines.append(
            drawing.Series(
                t("chart.city_sentence", request.lang, city=city, value="").rstrip(" :."),
                tuple((float(p), None if pd.isna(v) else float(v)) for p, v in zip(city_series["period"], city_series["value"])),
            )
        )
    chosen = highest_and_lowest(frame)
    if chosen:
        series = source.series(request.indicator, request.level, chosen)
        for area_id in chosen:
            rows = series[series["area_id"] == area_id].sort_values("period")
            name = str(rows["name"].iloc[0]) if not rows.empty else area_id
            lines.append(drawing.Series(name, tuple((float(p), None if pd.isna(v) else float(v)) for p, v in zip(rows["period"], rows["value"]))))
    return [line for line in lines if any(y is not None for _, y in line.points)]


def indicator_report(source: Source, *, indicator: str, period: int, level: str, lang: str, base_url: str) -> bytes:
    """The PDF of one indicator in one period at one level, in `lang`."""
    store = source.store
    metadata = store.metadata
    entry = store.indicator(indicator)
    level_meta = metadata.level(level)
    unit, decimals, label = entry.unit(lang), int(entry.decimals), entry.label(lang)
    request = IndicatorRequest(indicator, period, level, lang)
    link = view_link(base_url, ViewState(lang=lang, indicator=indicator, period=period, level=level), INDICATOR_PAGE)
    style = styles()
    values = source.values(indicator, period, level)
    geometries = source.geometries(level)
    population_series = source.city_series(metadata.population_indicator) if metadata.population_indicator else None
    overview = build_overview(
        values=values,
        geometries=geometries,
        entry=entry,
        period=period,
        city=metadata.city,
        city_series=source.city_series(indicator),
        residents_series=population_series,
        level_plural=level_meta.plural(lang),
        lang=lang,
        area_sizes=source.areas(level).set_index("area_id")["area_km2"],
    )
    imprint = Imprint(
        dataset=metadata.name,
        kind=t("report.indicator_kind", lang),
        permalink=link,
        vintage=vintage(period, entry.vintage),
        demo_notice=demo_notice(metadata, lang),
        lang=lang,
    )
    story: list = [
        Paragraph(text(label), style.title),
        Paragraph(text(f"{period} · {level_meta.label(lang)} · {metadata.city}"), style.subtitle),
    ]
    if imprint.demo_notice:
        story.append(Paragraph(text(demo_notice(metadata, lang, detail=True)), style.notice))
    story.append(Paragraph(text(f"{entry.description(lang)} ({t('report.unit', lang)}: {unit or '–'})"), style.body))

    if not overview.has_values:
        story.append(Paragraph(text(t("error.no_values", lang, indicator=label, period=period, level=level_meta.label(lang))), style.body))
        if entry.kind != "count" and level != metadata.finest_level:
            story.append(Paragraph(text(t("error.not_aggregable", lang, finest=metadata.level(metadata.finest_level).label(lang))), style.body))
    else:
        frame = overview.frame
        figures = [(h.label, h.value, " ".join(p for p in (h.delta or "", h.delta_description or "") if p)) for h in overview.headlines]
        if figures:
            story += [Spacer(1, 4), key_figures(figures[:4], style), Spacer(1, 6)]
        if overview.summary:
            story.append(Paragraph(text(from_markdown(overview.summary)), style.body))
        if overview.city_value is None:
            story.append(Paragraph(text(t("overview.no_city_value", lang)), style.small))

        # the map, drawn from the polygons, with its legend beside it
        story.append(Paragraph(text(t("overview.map", lang)), style.heading))
        coloured = overview.class_column  # a count is coloured by its density (views.overview)
        fills = overview.classes.color(geometries.merge(frame[["area_id", coloured]], on="area_id", how="left")[coloured])
        by_area = frame.set_index("area_id")
        shown = [
            [str(name), format_value(by_area.at[a, "value"], unit, lang, decimals) if a in by_area.index and pd.notna(by_area.at[a, "value"]) else t("note.missing", lang)]
            for a, name in zip(geometries["area_id"], geometries["name"])
        ]
        map_width = TEXT_WIDTH * 0.68
        picture, dropped = drawing.choropleth(list(geometries["geometry"]), list(fills), shown, width=map_width, height=95 * mm)
        items = list(zip(overview.classes.colors, overview.classes.labels(overview.class_unit, lang, decimals)))
        if frame[coloured].isna().any():
            items.append((NO_DATA_COLOR, t("map.no_data", lang)))
        # how the classes are formed, as on the page (a balance: split at zero)
        map_classes_note = classes_note(overview.classes, unit=overview.class_unit, decimals=decimals, city_value=overview.compared_city_value, lang=lang)
        side = legend(items, style, title=t("map.legend", lang), note=" ".join(p for p in (t("polarity." + entry.polarity, lang), map_classes_note, overview.map_note) if p))
        layout = Table([[picture, side]], colWidths=[map_width, TEXT_WIDTH - map_width], hAlign="LEFT")
        layout.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), typeface().regular), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(layout)
        caption = [overview.map_alt]
        if metadata.geometry_note(lang):
            caption.append(metadata.geometry_note(lang))
        if overview.missing_geometry:
            caption.append(t("map.no_geometry", lang, areas=", ".join(overview.missing_geometry)))
        if dropped:
            caption.append(t("report.labels_dropped", lang, areas=", ".join(geometries["name"].iloc[i] for i in dropped)))
        story.append(Paragraph(text(" ".join(c if c.rstrip().endswith((".", "!", "?")) else c.rstrip() + "." for c in caption)), style.figure))

        # ranking
        bars, hidden = _bars(frame, unit, decimals, lang, with_share=bool(overview.ranking_note))
        city_label = t("chart.city_line", lang, city=metadata.city, value=format_value(overview.city_value, unit, lang, decimals))
        ranking = drawing.ranking(
            bars,
            city_value=overview.compared_city_value,
            city_label=city_label if overview.compared_city_value is not None else "",
            hidden_label=t("chart.hidden_areas", lang, n=hidden) if hidden else None,
            width=TEXT_WIDTH,
            tick_format=lambda v, d: format_value(v, unit, lang, d),
        )
        story.append(CondPageBreak(min(ranking.height + 40, 200)))
        story.append(Paragraph(text(t("overview.ranking", lang)), style.heading))
        story.append(ranking)
        ranking_cue = t("report.ranking_cue", lang) if overview.compared_city_value is not None else overview.ranking_note
        story.append(Paragraph(text(f"{overview.ranking_alt} {ranking_cue}".strip()), style.figure))

        # trend
        lines = _trend_series(source, request, frame, metadata.city, with_city=entry.kind != "count")
        if lines and len({x for line in lines for x, _ in line.points}) > 1:
            trend = drawing.line_chart(
                lines,
                width=TEXT_WIDTH,
                height=62 * mm,
                x_format=lambda x, _: str(int(x)),
                y_format=lambda y, d: format_value(y, unit, lang, d),
                y_title=unit,
                from_zero=entry.kind in ("share", "count"),
            )
            story.append(
                KeepTogether(
                    [
                        Paragraph(text(t("profile.trend", lang)), style.heading),
                        trend,
                        Paragraph(text(t("report.trend_caption", lang, indicator=label, series=", ".join(line.label for line in lines))), style.figure),
                    ]
                )
            )

        # inequality
        position = metadata.level_ids.index(level)
        parent_level = metadata.levels[position - 1] if position > 0 else None
        areas = source.areas(level)
        population = None
        if metadata.population_indicator:
            population = source.values(metadata.population_indicator, period, level).set_index("area_id")["value"]
        inequality = build_inequality(
            values=values,
            geometries=geometries,
            parents=areas.set_index("area_id")["parent_id"] if parent_level else None,
            population=population,
            entry=entry,
            period=period,
            level_plural=level_meta.plural(lang),
            parent_level=parent_level.label(lang) if parent_level else None,
            lang=lang,
            population_indicator=metadata.population_indicator,
        )
        block: list = [Paragraph(text(t("ineq.title", lang)), style.heading)]
        if inequality.headlines:
            block += [key_figures([(name, value, "") for name, value in inequality.headlines], style), Spacer(1, 5)]
        block += [Paragraph(text(from_markdown(sentence)), style.body) for sentence in inequality.sentences]
        if inequality.lorenz_points is not None:
            shares, totals = inequality.lorenz_points
            curve = drawing.line_chart(
                [drawing.Series(label, tuple((float(x) * 100, float(y) * 100) for x, y in zip(shares, totals)))],
                width=80 * mm,
                height=70 * mm,
                x_format=lambda x, _: format_value(x, "%", lang, 0),
                y_format=lambda y, _: format_value(y, "%", lang, 0),
                x_ticks=list(np.arange(0, 101, 20)),
                y_range=(0.0, 100.0),
                legend=False,
                diagonal=True,
            )
            side = [
                Paragraph(f"<b>{text(t('ineq.lorenz', lang))}</b>", style.cell),
                Spacer(1, 3),
                Paragraph(text(inequality.lorenz_alt), style.small),
                Paragraph(text(t("report.lorenz_axes", lang, x=t("ineq.lorenz_x", lang), y=t("ineq.lorenz_y", lang))), style.small),
            ]
            pair = Table([[curve, side]], colWidths=[84 * mm, TEXT_WIDTH - 84 * mm], hAlign="LEFT")
            pair.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), typeface().regular), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            block.append(pair)
        story.append(KeepTogether(block))

        # the table behind every chart
        story.append(CondPageBreak(220))
        story.append(Paragraph(text(t("overview.table", lang)), style.heading))
        table = overview.table
        keep = [
            (t("column.rank", lang), 0.06),
            (t("column.area_id", lang), 0.09),
            (t("column.area", lang), 0.2),
            (t("column.value", lang), 0.15),
            (t("column.deviation", lang, city=metadata.city), 0.19),
            (t("column.share_of_city", lang, city=metadata.city), 0.14),  # a count: its share of the total, its density
            (t("column.density", lang, unit=unit), 0.14),
            (t("column.class", lang), 0.19),
            (t("column.interval", lang), 0.14),
            (t("column.note", lang), 0.12),
        ]
        keep = [(name, share) for name, share in keep if name in table.columns and (table[name] != "").any()]
        scale = 1 / sum(share for _, share in keep)
        rows = [[Paragraph(f"<b>{text(name)}</b>", style.cell) for name, _ in keep]]
        for record in table[[name for name, _ in keep]].itertuples(index=False):
            rows.append([Paragraph(text(cell), style.cell) for cell in record])
        story.append(grid(rows, widths=[TEXT_WIDTH * share * scale for _, share in keep]))
        story.append(Spacer(1, 4))
        for note in overview.table_notes:  # what the interval of a share expresses
            story.append(Paragraph(text(note), style.small))
        if overview.aggregated:
            story.append(Paragraph(text(t("note.aggregated", lang)), style.small))

    # about the indicator, sources, licences, permalink
    about = [
        f"{t('catalog.kind', lang)}: {t('kind.' + entry.kind, lang)}",
        t("polarity." + entry.polarity, lang),
        f"{t('catalog.vintage', lang)}: {entry.vintage}",
        *([f"{t('catalog.sdg', lang)}: {entry.sdg}"] if entry.sdg else []),
        t("catalog.synthetic" if entry.is_synthetic else "catalog.real", lang),
    ]
    story.append(CondPageBreak(150))
    story.append(Paragraph(text(t("overview.about", lang)), style.heading))
    story.append(Paragraph(f"<b>{text(label)}</b> ({text(unit or '–')}) — {text(entry.description(lang))}", style.body))
    story.append(Paragraph(text(" · ".join(about)), style.small))
    story += sources_section(
        attribution=metadata.attribution,
        entries=[(label, entry.source, entry.licence, entry.vintage)],
        permalink=link,
        suppression_rule=t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator),
        notes=[],
        lang=lang,
        style=style,
    )
    return render(
        story,
        imprint=imprint,
        title=f"{label} · {period} · {level_meta.label(lang)}",
        subject=t("report.indicator_kind", lang),
    )
