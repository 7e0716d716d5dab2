"""The area report: summary, locator map, social index class, profile and trends of one area, as PDF.

Built from the same builders as the page "Gebietsprofil" (views.profile, views.text) and the
social index (views.social_index); every number comes from the store, which has withheld small
counts before any builder sees them.
"""
from __future__ import annotations

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from reports import drawing
from reports.fonts import typeface
from reports.indicator import demo_notice
from reports.paper import TEXT_WIDTH, Imprint, grid, key_figures, render, sources_section, styles, text
from reports.source import Source, descendants, headline_indicators, profile_rows, social_index_classes
from views import social_index as si
from views.classify import PALETTES
from views.i18n import format_delta, format_value, t
from views.overview import value_in
from views.profile import assessment, profile_table
from views.state import ViewState, view_link
from views.text import area_summary

AREA_PAGE = "profile"
HIGHLIGHT = PALETTES["neutral"][-1]
TREND_COLUMNS = 2


def _points(series: pd.DataFrame) -> tuple[tuple[float, float | None], ...]:
    return tuple((float(p), None if pd.isna(v) else float(v)) for p, v in zip(series["period"], series["value"]))


def _index_section(source: Source, *, area_id: str, name: str, level: str, period: int, lang: str, style) -> tuple[list, str]:
    """Paragraphs on the social index classes of the area (or of its sub-areas), and a short
    text for the key figures; nothing when the dataset has no index."""
    classes = social_index_classes(source, period)
    if classes is None:
        return [], ""
    metadata = source.store.metadata
    members = descendants(source, area_id, level, classes.level)
    result = classes.result.reindex([m for m in members if m in classes.result.index])
    if result.empty:
        return [], ""
    parts: list = [Paragraph(text(t("si.title", lang)), style.heading)]
    if members == [area_id]:
        row = result.iloc[0]
        status = si.class_label("status", row["status_class"], lang)
        if status is None:
            sentence = t("report.index_no_class", lang, period=classes.period, reason=si.reason_label(row["no_class_reason"], lang) or t("note.missing", lang))
            short = "–"
        else:
            dynamics = si.class_label("dynamics", row["dynamics_class"], lang) if classes.has_dynamics else None
            sentence = t(
                "report.index_area",
                lang,
                period=classes.period,
                status=status,
                dynamics=t("report.index_dynamics", lang, dynamics=dynamics) if dynamics else "",
            )
            short = status + (f" / {dynamics}" if dynamics else "")
        parts.append(Paragraph(text(sentence), style.body))
        if status is not None:
            parts.append(Paragraph(text(si.reading(lang, dynamics=classes.has_dynamics)), style.small))
        return parts, short
    index_level = metadata.level(classes.level)
    sentence = t(
        "report.index_children",
        lang,
        period=classes.period,
        n=len(result),
        level=index_level.plural(lang),
        area=name,
        counts=si.class_counts(result, "status", lang),
    )
    if classes.has_dynamics:
        sentence += t("report.index_children_dynamics", lang, counts=si.class_counts(result, "dynamics", lang))
    parts.append(Paragraph(text(sentence), style.body))
    header = [t("column.area_id", lang), t("column.area", lang), t("si.dimension.status", lang)]
    if classes.has_dynamics:
        header.append(t("si.dimension.dynamics", lang))
    rows = [[Paragraph(f"<b>{text(h)}</b>", style.cell) for h in header]]
    for member, row in result.iterrows():
        cells = [member, classes.names.get(member, member), si.class_name("status", row["status_class"], lang) or si.reason_label(row["no_class_reason"], lang) or "–"]
        if classes.has_dynamics:
            cells.append(si.class_name("dynamics", row["dynamics_class"], lang) or "–")
        rows.append([Paragraph(text(c), style.cell) for c in cells])
    widths = [0.15, 0.45, 0.2, 0.2] if classes.has_dynamics else [0.15, 0.55, 0.3]
    parts.append(grid(rows, widths=[TEXT_WIDTH * w for w in widths]))
    parts.append(Paragraph(text(si.reading(lang, dynamics=classes.has_dynamics)), style.small))
    counts = result["status_class"].dropna().astype(int).value_counts()
    short = ", ".join(f"{n}× {si.class_label('status', code, lang)}" for code, n in sorted(counts.items()))
    return parts, short or "–"


def area_report(source: Source, *, area_id: str, period: int, level: str, lang: str, base_url: str) -> bytes:
    """The PDF of one area (of `level`) in one period, in `lang`."""
    store = source.store
    metadata = store.metadata
    level_meta = metadata.level(level)
    areas = source.areas(level)
    name = str(areas.loc[areas["area_id"] == area_id, "name"].iloc[0])
    style = styles()
    link = view_link(
        base_url, ViewState(lang=lang, indicator=metadata.default_indicator, period=period, level=level, area=area_id), AREA_PAGE
    )
    imprint = Imprint(
        dataset=metadata.name,
        kind=t("report.area_kind", lang),
        permalink=link,
        vintage=t("report.area_vintage", lang, period=period),
        demo_notice=demo_notice(metadata, lang),
        lang=lang,
    )
    rows = profile_rows(source, area_id, period, level)
    story: list = [
        Paragraph(text(name), style.title),
        Paragraph(text(t("report.area_subtitle", lang, level=level_meta.label(lang), area_id=area_id, period=period, city=metadata.city)), style.subtitle),
    ]
    if imprint.demo_notice:
        story.append(Paragraph(text(demo_notice(metadata, lang, detail=True)), style.notice))

    # key figures: residents, the profile's verdicts, the index class
    figures: list[tuple[str, str, str]] = []
    sentences: list[str] = []
    if metadata.population_indicator:
        series = source.series(metadata.population_indicator, level, [area_id])
        now, before = value_in(series, period)
        if now is not None:
            change = "" if before is None else t("report.residents_change", lang, change=format_delta(now - before[1], "", lang, 0), since=before[0])
            sentences.append(t("report.residents", lang, area=name, period=period, value=format_value(now, "", lang, 0)) + (change or "."))
            figures.append((t("overview.residents", lang, period=period), format_value(now, "", lang, 0), change.strip(" ().")))
    sentences += area_summary(rows, area=name, city=metadata.city, lang=lang)
    verdicts = [r for r in rows if r[0].polarity != "neutral" and r[1] is not None and r[2] is not None]
    unfavourable = sum(1 for entry, value, city_value, _ in verdicts if assessment(value, city_value, entry.polarity) == "unfavourable")
    if verdicts:
        figures.append((t("assessment.unfavourable", lang), f"{unfavourable} / {len(verdicts)}", t("report.of_judged", lang)))
    index_parts, index_short = _index_section(source, area_id=area_id, name=name, level=level, period=period, lang=lang, style=style)
    if index_short:
        figures.append((t("si.title", lang), index_short, t("si.dimension.status", lang)))
    if figures:
        story += [key_figures(figures, style), Spacer(1, 8)]

    # summary beside the locator map
    geometries = source.geometries(level)
    summary = [Paragraph(text(t("report.summary", lang)), style.heading)] + [Paragraph(text(s), style.body) for s in sentences]
    summary.append(Paragraph(text(t("report.no_judgement", lang)), style.small))
    if area_id in set(geometries["area_id"]):
        map_width = 68 * mm
        picture = drawing.locator(list(geometries["geometry"]), list(geometries["area_id"] == area_id), width=map_width, height=75 * mm, fill=HIGHLIGHT)
        side = [
            Paragraph(text(t("report.locator", lang, city=metadata.city)), style.heading),
            picture,
            Paragraph(text(t("report.locator_alt", lang, city=metadata.city, area=name, level=level_meta.plural(lang))), style.figure),
        ]
        if metadata.geometry_note(lang):
            side.append(Paragraph(text(metadata.geometry_note(lang)), style.small))
        layout = Table([[summary, side]], colWidths=[TEXT_WIDTH - map_width - 6 * mm, map_width + 6 * mm], hAlign="LEFT")
        layout.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), typeface().regular), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 8)]))
        story.append(layout)
    else:
        story += summary
    story += index_parts

    # the profile: every indicator next to the city
    table = profile_table(rows, city=metadata.city, lang=lang)
    story.append(CondPageBreak(200))
    story.append(Paragraph(text(t("report.profile", lang)), style.heading))
    widths = [0.12, 0.26, 0.14, 0.14, 0.18, 0.16]
    cells = [[Paragraph(f"<b>{text(c)}</b>", style.cell) for c in table.columns]]
    previous_domain = None
    for record in table.itertuples(index=False):
        domain = record[0]
        cells.append([Paragraph(text(domain if domain != previous_domain else ""), style.cell), *[Paragraph(text(c), style.cell) for c in record[1:]]])
        previous_domain = domain
    story.append(grid(cells, widths=[TEXT_WIDTH * w for w in widths]))
    story.append(Spacer(1, 3))
    story.append(Paragraph(text(t("report.profile_note", lang)), style.small))
    story.append(Paragraph(text(t("profile.table_alt", lang, area=name, period=period)), style.small))

    # trends of the key indicators: the area and the city over all periods
    charts = []
    chart_width = TEXT_WIDTH / TREND_COLUMNS - 4 * mm
    city_label = t("chart.city_sentence", lang, city=metadata.city, value="").rstrip(" :.")
    for indicator in headline_indicators(store):
        entry = store.indicator(indicator)
        lines = [
            drawing.Series(name, _points(source.series(indicator, level, [area_id]))),
            drawing.Series(city_label, _points(source.city_series(indicator))),
        ]
        lines = [line for line in lines if any(y is not None for _, y in line.points)]
        if not lines or len({x for line in lines for x, _ in line.points}) < 2:
            continue
        unit = entry.unit(lang)
        chart = drawing.line_chart(
            lines,
            width=chart_width,
            height=48 * mm,
            x_format=lambda x, _: str(int(x)),
            y_format=lambda y, d, unit=unit: format_value(y, unit, lang, d),
            legend=False,
            from_zero=entry.kind in ("share", "count"),
            size=6.5,
        )
        charts.append([Paragraph(f"<b>{text(entry.label(lang))}</b> ({text(unit or '–')})", style.cell), chart])
    story.append(CondPageBreak(260))
    story.append(Paragraph(text(t("report.trends", lang)), style.heading))
    if charts:
        story.append(Paragraph(text(t("report.trends_caption", lang, area=name, city=metadata.city)), style.figure))
        grid_rows = [charts[i : i + TREND_COLUMNS] for i in range(0, len(charts), TREND_COLUMNS)]
        grid_rows[-1] += [""] * (TREND_COLUMNS - len(grid_rows[-1]))
        small_multiples = Table(grid_rows, colWidths=[TEXT_WIDTH / TREND_COLUMNS] * TREND_COLUMNS, hAlign="LEFT")
        small_multiples.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), typeface().regular), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story.append(small_multiples)
    else:
        story.append(Paragraph(text(t("report.no_trend", lang)), style.body))

    story.append(CondPageBreak(160))
    story += sources_section(
        attribution=metadata.attribution,
        entries=[(entry.label(lang), entry.source, entry.licence, entry.vintage) for entry, *_ in rows],
        permalink=link,
        suppression_rule=t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator),
        notes=[],
        lang=lang,
        style=style,
    )
    return render(
        story,
        imprint=imprint,
        title=f"{name} · {period} · {level_meta.label(lang)}",
        subject=t("report.area_kind", lang),
    )
