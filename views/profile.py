"""The area profile: every indicator for one area (and a second one) next to the city value, the
area's profile across topics, its location and its trend.

`level_snapshot` reads every indicator of a level in one period from a source (the page's cached
dataset: anything with `store`, `values_of` and `city_series_of`);
`profile_rows` picks one area's rows from it. The page and the PDF area report both build on
these two, so they show the same numbers.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from loaders.store import Indicator, Store
from metrics.profile import aligned_gaps, domain_scores
from views import charts
from views.charts import FONT, apply_layout
from views.classify import CITY_LINE_COLOR, LOCATOR_COLORS, OUTLINE_COLOR, SERIES_COLORS, VERDICT_COLORS
from views.domains import indicator_order
from views.export import Column, ExportTable
from views.i18n import format_delta, format_value, plotly_separators, t
from views.markup import Markdown, escape_html, markdown_list, markdown_text, plotly_text

SIMILAR_WITHIN = 0.05  # a value within ±5 % of the city value counts as "about the same"
VERDICTS = ("unfavourable", "similar", "favourable", "neutral")
# a sign beside every verdict, so that colour is never the only cue
VERDICT_SYMBOLS = {"favourable": "+", "unfavourable": "−", "similar": "≈", "neutral": "·"}
MIN_RADAR_DOMAINS = 3  # with fewer topics a radar is no shape: bars instead
SCORE_DECIMALS = 2


# --- reading ------------------------------------------------------------------------------------

class ProfileSource(Protocol):
    @property
    def store(self) -> Store: ...

    def values_of(self, indicators: list[str], period: int, level: str) -> Mapping[str, pd.DataFrame]: ...

    def city_series_of(self, indicators: list[str]) -> Mapping[str, pd.DataFrame]: ...


class ProfileRow(NamedTuple):
    """One indicator for one area: its catalog entry, the area's and the city's value (None when
    missing) and whether the area's value is withheld for small counts."""

    entry: Indicator
    value: float | None
    city_value: float | None
    withheld: bool


@dataclass(frozen=True)
class LevelSnapshot:
    """Every indicator (in the menu's order) of one level in one period: the store's values of
    all areas (withheld ones already missing) and the city's value of each."""

    period: int
    level: str
    entries: tuple[Indicator, ...]
    values: Mapping[str, pd.DataFrame]
    city: Mapping[str, float | None]


def score_text(score: float, lang: str) -> str:
    """A topic score with its sign: '+0,52', '−1,20', '0,00'; '–' when missing."""
    return format_delta(score, "", lang, SCORE_DECIMALS)


def _number(series: pd.Series) -> float | None:
    return None if series.empty or pd.isna(series.iloc[0]) else float(series.iloc[0])


def level_snapshot(source: ProfileSource, period: int, level: str) -> LevelSnapshot:
    """Read every indicator of `level` in `period` (see LevelSnapshot)."""
    store = source.store
    entries = tuple(store.indicator(i) for i in indicator_order(store.catalog()))
    ids = [entry.indicator_id for entry in entries]
    values = source.values_of(ids, period, level)
    city = {}
    for indicator_id, series in source.city_series_of(ids).items():
        city[indicator_id] = _number(series.loc[series["period"] == period, "value"])
    return LevelSnapshot(period=period, level=level, entries=entries, values=values, city=city)


def profile_rows(snapshot: LevelSnapshot, area_id: str) -> list[ProfileRow]:
    """One row per indicator (menu order) for `area_id`."""
    rows = []
    for entry in snapshot.entries:
        frame = snapshot.values[entry.indicator_id]
        row = frame[frame["area_id"] == area_id]
        withheld = bool(not row.empty and "suppressed" in row and row["suppressed"].fillna(False).iloc[0])
        rows.append(ProfileRow(entry, _number(row["value"]), snapshot.city[entry.indicator_id], withheld))
    return rows


# --- the verdict ---------------------------------------------------------------------------------

def favourable_direction(entry: Indicator) -> int:
    """+1 where higher values are more favourable, −1 where less, 0 where the indicator has no
    direction or is a count (a part of the city's total, whose size says nothing good or bad)."""
    if entry.kind == "count":
        return 0
    return {"higher_better": 1, "higher_worse": -1}.get(entry.polarity, 0)


def assessment(value: float | None, city_value: float | None, polarity: str, kind: str = "share") -> str:
    """'favourable', 'unfavourable', 'similar' or 'neutral' relative to the city, by polarity.

    A count is a part of the city's total, not comparable with it: always 'neutral'."""
    if value is None or city_value is None or pd.isna(value) or pd.isna(city_value):
        return "neutral"
    if polarity == "neutral" or kind == "count":
        return "neutral"
    if city_value != 0 and abs(value / city_value - 1) <= SIMILAR_WITHIN:
        return "similar"
    higher = value > city_value
    return "favourable" if higher == (polarity == "higher_better") else "unfavourable"


def verdict_of(row: ProfileRow) -> str:
    return assessment(row.value, row.city_value, row.entry.polarity, row.entry.kind)


def verdict_text(verdict: str, lang: str) -> str:
    """'− ungünstiger als die Stadt': the sign and the words (never the colour alone)."""
    return f"{VERDICT_SYMBOLS[verdict]} {t('assessment.' + verdict, lang)}"


def _shown(row: ProfileRow, lang: str) -> str:
    if row.withheld:
        return t("note.suppressed", lang)
    return format_value(row.value, row.entry.unit(lang), lang, int(row.entry.decimals))


def _difference(row: ProfileRow) -> float | None:
    """The area's value minus the city's; None for counts (a part minus the whole says nothing)."""
    if row.value is None or row.city_value is None or row.entry.kind == "count":
        return None
    return row.value - row.city_value


def city_column(city: str, lang: str) -> str:
    return t("chart.city_sentence", lang, city=city, value="").rstrip(" :.")


def verdict_counts(rows: Sequence[ProfileRow]) -> dict[str, int]:
    """How many indicators are less favourable, about the same, more favourable than the city,
    and how many have no verdict (no direction, a count, or no value)."""
    verdicts = [verdict_of(row) for row in rows]
    return {verdict: verdicts.count(verdict) for verdict in VERDICTS}


# --- the profile table ------------------------------------------------------------------------

def profile_table(rows: Sequence[ProfileRow], *, city: str, lang: str) -> pd.DataFrame:
    """One row per indicator: topic, indicator, area value, city value, difference, assessment
    (the PDF area report's table; the page shows `profile_html`, the verdict first).

    `rows` are ProfileRows or plain (entry, area value, city value, withheld) tuples. Counts get
    no difference: an area's count minus the city's total says nothing.
    """
    records = []
    for row in (ProfileRow(*row) for row in rows):
        unit, decimals = row.entry.unit(lang), int(row.entry.decimals)
        records.append(
            {
                t("sidebar.domain", lang): t("domain." + row.entry.domain, lang),
                t("column.indicator", lang): row.entry.label(lang),
                t("column.value", lang): _shown(row, lang),
                city_column(city, lang): format_value(row.city_value, unit, lang, decimals),
                t("column.deviation", lang, city=city): format_delta(_difference(row), unit, lang, decimals),
                t("profile.assessment", lang): t("assessment." + verdict_of(row), lang),
            }
        )
    return pd.DataFrame(records)


PROFILE_STYLE = """<style>
.sm-profile{width:100%;border-collapse:collapse;font-size:.95rem;line-height:1.35}
.sm-profile caption{text-align:start;font-size:.9rem;color:#31333f;padding:.2rem 0 .4rem}
.sm-profile th,.sm-profile td{padding:.3rem .4rem;border-bottom:1px solid #d9d9d9;text-align:start;vertical-align:top}
.sm-profile thead th{border-bottom:2px solid #4d4d4d;font-weight:600}
.sm-profile tbody th.sm-domain{background:#f0f2f6;font-weight:700;border-bottom:1px solid #bdbdbd}
.sm-profile .sm-num{text-align:end;font-variant-numeric:tabular-nums}
.sm-scroll{overflow-x:auto;max-width:100%}
.sm-profile .sm-verdict{min-width:9em}
.sm-profile .sm-mark{display:inline-block;min-width:1.5em;margin-inline-end:.35em;border-radius:.25em;text-align:center;font-weight:700;border:1px solid #4d4d4d}
.sm-profile .sm-label{display:block;font-size:.85rem;color:#4d4d4d}
@media (max-width:700px){
.sm-profile thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.sm-profile tr,.sm-profile td,.sm-profile tbody th{display:block;border:none}
.sm-profile tr{border-bottom:1px solid #bdbdbd;padding:.35rem 0}
.sm-profile td{padding:.05rem .25rem}
.sm-profile .sm-num{text-align:start;white-space:normal}
.sm-profile td.sm-indicator{font-weight:700}
.sm-profile td[data-label]::before{content:attr(data-label) ": ";color:#4d4d4d}
}
</style>"""


def _mark(verdict: str) -> str:
    background, color = VERDICT_COLORS[verdict]
    return f'<span class="sm-mark" aria-hidden="true" style="background:{background};color:{color}">{VERDICT_SYMBOLS[verdict]}</span>'


def profile_html(
    rows: Sequence[ProfileRow],
    *,
    city: str,
    area_name: str,
    lang: str,
    compare: Sequence[ProfileRow] | None = None,
    compare_name: str | None = None,
    caption: str = "",
) -> str:
    """The profile table for the screen (st.html): grouped by topic, the verdict first; on a
    narrow screen (a phone) every indicator becomes a card with its numbers labelled.

    Every data string is escaped; the verdict is a sign and words, its colour only a third cue.
    """
    headers = [t("profile.assessment", lang), t("column.indicator", lang), area_name]
    if compare is not None:
        headers.append(compare_name or t("profile.compare", lang))
    headers += [city_column(city, lang), t("column.deviation", lang, city=city)]
    head = "".join(f'<th scope="col">{escape_html(h)}</th>' for h in headers)
    groups: dict[str, list[str]] = {}
    for number, row in enumerate(rows):
        entry = row.entry
        unit, decimals = entry.unit(lang), int(entry.decimals)
        verdict = verdict_of(row)
        cells = [
            f'<td class="sm-verdict">{_mark(verdict)}{escape_html(t("assessment." + verdict, lang))}</td>',
            f'<td class="sm-indicator">{escape_html(entry.label(lang))}</td>',
            f'<td class="sm-num" data-label="{escape_html(area_name)}">{escape_html(_shown(row, lang))}</td>',
        ]
        if compare is not None:
            other = compare[number]
            other_verdict = verdict_of(other)
            cells.append(
                f'<td class="sm-num" data-label="{escape_html(compare_name or t("profile.compare", lang))}">{escape_html(_shown(other, lang))}'
                f'<span class="sm-label">{_mark(other_verdict)}{escape_html(t("assessment." + other_verdict, lang))}</span></td>'
            )
        cells += [
            f'<td class="sm-num" data-label="{escape_html(city_column(city, lang))}">{escape_html(format_value(row.city_value, unit, lang, decimals))}</td>',
            f'<td class="sm-num" data-label="{escape_html(t("column.deviation", lang, city=city))}">'
            f"{escape_html(format_delta(_difference(row), unit, lang, decimals))}</td>",
        ]
        groups.setdefault(t("domain." + entry.domain, lang), []).append(f"<tr>{''.join(cells)}</tr>")
    bodies = "".join(
        f'<tbody><tr><th class="sm-domain" scope="rowgroup" colspan="{len(headers)}">{escape_html(domain)}</th></tr>{"".join(lines)}</tbody>'
        for domain, lines in groups.items()
    )
    caption_html = f"<caption>{escape_html(caption, limit=1000)}</caption>" if caption else ""
    return f'{PROFILE_STYLE}<div class="sm-scroll"><table class="sm-profile">{caption_html}<thead><tr>{head}</tr></thead>{bodies}</table></div>'


def profile_export(
    rows: Sequence[ProfileRow],
    *,
    area_id: str,
    area_name: str,
    period: int,
    city: str,
    level_plural: str,
    lang: str,
    compare: Sequence[ProfileRow] | None = None,
    compare_id: str | None = None,
    compare_name: str | None = None,
) -> ExportTable:
    """The profile for download: one row per indicator with the area's and the city's value (each
    rounded to its indicator's decimals, counts whole), the difference, the assessment, withheld
    values empty with a note; with a second area, its value, assessment and note as well."""
    rows = [ProfileRow(*row) for row in rows]
    compare = [ProfileRow(*row) for row in compare] if compare is not None else None
    entries = [row.entry for row in rows]
    decimals = tuple(0 if entry.kind == "count" else int(entry.decimals) for entry in entries)

    def note(row: ProfileRow) -> str:
        return t("note.suppressed", lang) if row.withheld else ("" if row.value is not None else t("note.missing", lang))

    headers = {
        "area_id": t("column.area_id", lang),
        "area": t("column.area", lang),
        "period": t("column.period", lang),
        "domain": t("sidebar.domain", lang),
        "indicator_id": t("export.column.indicator_id", lang),
        "indicator": t("column.indicator", lang),
        "value": t("column.value", lang),
        "city": city_column(city, lang),
        "deviation": t("column.deviation", lang, city=city),
        "assessment": t("profile.assessment", lang),
        "unit": t("column.unit", lang),
        "note": t("column.note", lang),
    }
    data = {
        "area_id": (area_id, Column("id")),
        "area": (area_name, Column("text")),
        "period": (period, Column("integer")),
        "domain": ([t("domain." + entry.domain, lang) for entry in entries], Column("text")),
        "indicator_id": ([entry.indicator_id for entry in entries], Column("id")),
        "indicator": ([entry.label(lang) for entry in entries], Column("text")),
        "value": ([np.nan if row.value is None else row.value for row in rows], Column("number", decimals)),
        "city": ([np.nan if row.city_value is None else row.city_value for row in rows], Column("number", decimals)),
        "deviation": ([np.nan if _difference(row) is None else _difference(row) for row in rows], Column("number", decimals)),
        "assessment": ([t("assessment." + verdict_of(row), lang) for row in rows], Column("text")),
        "unit": ([entry.unit(lang) for entry in entries], Column("text")),
        "note": ([note(row) for row in rows], Column("text")),
    }
    if compare is not None:
        label = compare_name or t("profile.compare", lang)
        headers |= {
            "compare_id": t("profile.export.compare_id", lang),
            "compare_value": t("profile.export.compare_value", lang, area=label),
            "compare_assessment": t("profile.compare_assessment", lang, area=label),
            "compare_note": t("profile.export.compare_note", lang, area=label),
        }
        data |= {
            "compare_id": (compare_id or "", Column("id")),
            "compare_value": ([np.nan if row.value is None else row.value for row in compare], Column("number", decimals)),
            "compare_assessment": ([t("assessment." + verdict_of(row), lang) for row in compare], Column("text")),
            "compare_note": ([note(row) for row in compare], Column("text")),
        }
    title = f"{t('profile.title', lang)}: {area_name} ({area_id}) · {period}"
    if compare is not None:
        title += " · " + t("profile.export.compared_with", lang, area=f"{compare_name} ({compare_id})")
    return ExportTable(
        frame=pd.DataFrame({headers[key]: values for key, (values, _) in data.items()}, index=range(len(rows))),
        columns={headers[key]: column for key, (_, column) in data.items()},
        name=(t("export.name.profile", lang), area_id, area_name, period),
        title=title,
        indicators=tuple(entries),
        periods=(period,),
        level=level_plural,
    )


# --- the profile across topics (radar) ---------------------------------------------------------

@dataclass(frozen=True)
class DomainProfile:
    """The areas' mean polarity-aligned gaps to the city per topic: a radar (bars with fewer than
    three topics), its alt text, the table behind it and its download; `note` says what is left
    out and how to read it. `figure` is None when no indicator has a direction."""

    figure: go.Figure | None
    alt: str
    table: pd.DataFrame
    export: ExportTable | None
    note: Markdown
    scores: pd.DataFrame  # area_id, domain, score, indicators (the shown areas only)


def domain_profile(
    snapshot: LevelSnapshot,
    *,
    areas: Sequence[tuple[str, str]],
    city: str,
    level_plural: str,
    lang: str,
) -> DomainProfile:
    """The profile of the `areas` ((area_id, name), first the chosen area, then perhaps a second)
    across topics, against the city (= 0) among all areas of the snapshot's level.

    Convention (metrics.profile): gap = (value − city value) / standard deviation of the areas,
    signed so that positive is favourable; the mean per topic. Counts and indicators without a
    direction are left out and named in `note`.
    """
    entries = {entry.indicator_id: entry for entry in snapshot.entries}
    direction = {i: favourable_direction(e) for i, e in entries.items()}
    long = pd.concat(
        [frame[["area_id", "value"]].assign(indicator_id=indicator) for indicator, frame in snapshot.values.items() if not frame.empty],
        ignore_index=True,
    ) if snapshot.values else pd.DataFrame(columns=["area_id", "value", "indicator_id"])
    long["value"] = long["value"].astype("float64")
    gaps = aligned_gaps(long, city=snapshot.city, direction=direction)
    domains = {i: entries[i].domain for i in gaps.columns}
    scores = domain_scores(gaps, domains)
    ids = [area_id for area_id, _ in areas]
    shown = scores[scores["area_id"].isin(ids)]
    order = [d for d in dict.fromkeys(entries[i].domain for i in indicator_order_of(snapshot)) if d in set(shown["domain"])]
    names = dict(areas)
    without_direction = [e.label(lang) for e in snapshot.entries if direction[e.indicator_id] == 0]
    note = markdown_text("profile.radar.note", lang, city=city, level=level_plural)
    if without_direction:
        note = Markdown(f"{note} {markdown_text('profile.radar.left_out', lang, indicators=markdown_list(without_direction))}")
    domain_labels = {d: t("domain." + d, lang) for d in order}
    table = _domain_table(shown, ids=ids, names=names, order=order, domain_labels=domain_labels, lang=lang)
    if shown["score"].notna().sum() == 0:
        return DomainProfile(None, "", table, None, note, shown)
    figure = _radar(shown, ids=ids, names=names, order=order, domain_labels=domain_labels, city=city, lang=lang)
    alt = _domain_alt(shown, area_id=ids[0], name=names[ids[0]], order=order, domain_labels=domain_labels, city=city, lang=lang)
    export = _domain_export(shown, ids=ids, names=names, order=order, domain_labels=domain_labels, period=snapshot.period, level_plural=level_plural, lang=lang, entries=tuple(entries[i] for i in gaps.columns))
    return DomainProfile(figure, alt, table, export, note, shown)


def indicator_order_of(snapshot: LevelSnapshot) -> list[str]:
    return [entry.indicator_id for entry in snapshot.entries]


def _score(shown: pd.DataFrame, area_id: str, domain: str) -> tuple[float, int]:
    row = shown[(shown["area_id"] == area_id) & (shown["domain"] == domain)]
    if row.empty:
        return np.nan, 0
    return float(row["score"].iloc[0]), int(row["indicators"].iloc[0])


def _domain_table(shown, *, ids, names, order, domain_labels, lang) -> pd.DataFrame:
    records = []
    for domain in order:
        record = {t("sidebar.domain", lang): domain_labels[domain]}
        for area_id in ids:
            score, count = _score(shown, area_id, domain)
            record[names[area_id]] = score_text(score, lang) if not pd.isna(score) else "–"
            record[t("profile.radar.count", lang, area=names[area_id])] = count
        records.append(record)
    return pd.DataFrame(records)


def _domain_export(shown, *, ids, names, order, domain_labels, period, level_plural, lang, entries) -> ExportTable:
    headers = [t("column.area_id", lang), t("column.area", lang), t("column.period", lang), t("sidebar.domain", lang), t("profile.radar.score", lang), t("profile.radar.indicators", lang)]
    rows = []
    for area_id in ids:
        for domain in order:
            score, count = _score(shown, area_id, domain)
            rows.append([area_id, names[area_id], period, domain_labels[domain], score, count])
    frame = pd.DataFrame(rows, columns=headers)
    columns = dict(zip(headers, [Column("id"), Column("text"), Column("integer"), Column("text"), Column("number", SCORE_DECIMALS), Column("integer")]))
    return ExportTable(
        frame=frame,
        columns=columns,
        name=(t("export.name.profile", lang), ids[0], names[ids[0]], period, t("profile.radar.file", lang)),
        title=f"{t('profile.radar.title', lang)}: {' · '.join(names[i] for i in ids)} · {period}",
        indicators=entries,
        periods=(period,),
        level=level_plural,
        notes=(t("profile.radar.convention", lang),),
    )


def _radar(shown, *, ids, names, order, domain_labels, city, lang) -> go.Figure:
    """Radar (or, below MIN_RADAR_DOMAINS topics, horizontal bars) of the scores; the city is the
    ring at 0, outward is favourable."""
    values = {area_id: [_score(shown, area_id, d)[0] for d in order] for area_id in ids}
    finite = [abs(v) for vs in values.values() for v in vs if not pd.isna(v)]
    reach = max(1.0, np.ceil(max(finite, default=1.0) * 2) / 2)
    labels = [plotly_text(domain_labels[d]) for d in order]
    symbols = ("circle", "square")
    colours = (SERIES_COLORS[1], SERIES_COLORS[2])
    dashes = ("solid", "dash")
    figure = go.Figure()
    if len(order) >= MIN_RADAR_DOMAINS:
        closed = [*labels, labels[0]]
        figure.add_scatterpolar(
            r=[0.0] * len(closed), theta=closed, mode="lines", name=plotly_text(t("profile.radar.city", lang, city=city)),
            line={"color": CITY_LINE_COLOR, "dash": "dot", "width": 2}, hoverinfo="skip",
        )
        for number, area_id in enumerate(ids):
            r = values[area_id]
            texts = [score_text(v, lang) if not pd.isna(v) else "–" for v in r]
            figure.add_scatterpolar(
                r=[*r, r[0]], theta=closed, mode="lines+markers", name=plotly_text(names[area_id]),
                line={"color": colours[number], "dash": dashes[number], "width": 3},
                marker={"symbol": symbols[number], "size": 10, "line": {"color": "#000000", "width": 1}},
                fill="toself" if number == 0 else None, fillcolor="rgba(0,114,178,0.12)" if number == 0 else None,
                customdata=[*texts, texts[0]], hovertemplate="<b>%{theta}</b><br>%{customdata}<extra>" + plotly_text(names[area_id]) + "</extra>",
                connectgaps=False,
            )
        figure.update_layout(
            polar={
                "radialaxis": {"range": [-reach, reach], "tickfont": {"size": 12, "color": "#000000"}, "gridcolor": "#cccccc", "angle": 90 - 180 / len(order), "tickangle": 90 - 180 / len(order)},
                "angularaxis": {"tickfont": {"size": 14, "color": "#000000"}, "direction": "clockwise", "rotation": 90},
            },
            template="simple_white",
            separators=plotly_separators(lang),
            font=FONT,
            height=460,
            margin={"l": 70, "r": 70, "t": 40, "b": 40},
            legend={"orientation": "h", "yanchor": "top", "y": -0.08, "xanchor": "left", "x": 0, "font": {"size": 14}},
            hoverlabel={"font_size": 15},
        )
        return figure
    for number, area_id in enumerate(ids):
        r = values[area_id]
        figure.add_bar(
            x=r, y=labels, orientation="h", name=plotly_text(names[area_id]),
            marker={"color": colours[number], "pattern": {"shape": "" if number == 0 else "/"}, "line": {"color": "#000000", "width": 1}},
            text=[score_text(v, lang) if not pd.isna(v) else "–" for v in r], textposition="outside",
        )
    figure.add_vline(x=0, line={"color": CITY_LINE_COLOR, "dash": "dot", "width": 2}, annotation_text=plotly_text(t("profile.radar.city", lang, city=city)), annotation_position="top")
    figure.update_xaxes(range=[-reach * 1.3, reach * 1.3])
    figure.update_layout(barmode="group")
    return apply_layout(figure, lang=lang, height=160 + 70 * len(order) * len(ids), x_title=t("profile.radar.axis", lang))


def _domain_alt(shown, *, area_id, name, order, domain_labels, city, lang) -> str:
    scores = {d: _score(shown, area_id, d)[0] for d in order}
    present = {d: s for d, s in scores.items() if not pd.isna(s)}
    if not present:
        return ""
    best = max(present, key=present.get)
    worst = min(present, key=present.get)
    return t(
        "profile.radar.alt",
        lang,
        area=name,
        n=len(present),
        best=domain_labels[best],
        best_score=score_text(present[best], lang),
        worst=domain_labels[worst],
        worst_score=score_text(present[worst], lang),
        city=city,
    )


# --- the locator map --------------------------------------------------------------------------

LOCATOR_WIDTH = 280  # px of the drawing's longer side


@dataclass(frozen=True)
class Locator:
    """A small map that shows where the area lies: `svg` (for st.image, with `alt`) and the legend
    beside it (`legend_html`, for st.html). `svg` is "" when the area has no boundary, and `alt`
    says so."""

    svg: str
    legend_html: str
    alt: str


def _svg_path(geometry: shapely.Geometry, project) -> str:
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [project(x, y) for x, y in ring.coords]
            parts.append("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z")
    return "".join(parts)


def locator(
    geometries: pd.DataFrame, *, area_id: str, area_name: str, city: str, level_plural: str, lang: str,
    compare_id: str | None = None, compare_name: str | None = None, background: pd.DataFrame | None = None,
) -> Locator:
    """Where `area_id` (and the second area) lie among all areas (`geometries`: area_id, name,
    geometry as WKB in longitude/latitude): the area filled blue with a thick outline, the
    second one orange and hatched, the others light grey; a legend names both (colour is never
    the only cue). Longitude is scaled by cos(latitude) so that shapes are not stretched.
    With `background` (a coarser level's geometries, for a level with too many areas for one
    picture) the grey outlines are that level's, `level_plural` names it, and of `geometries`
    only the two areas are drawn."""
    compare_text = t("profile.locator.alt_compare", lang, area=compare_name) if compare_id else ""
    alt = t("profile.locator.alt", lang, area=area_name, city=city, compare=compare_text)
    if area_id not in set(geometries["area_id"]):
        return Locator("", "", t("profile.locator.no_geometry", lang, area=area_name))
    role = {area_id: "area", **({compare_id: "compare"} if compare_id else {})}
    shown = geometries["area_id"].isin(list(role)).to_numpy()
    chosen = shapely.from_wkb(geometries["geometry"].to_numpy()[shown])
    others = shapely.from_wkb((geometries if background is None else background)["geometry"].to_numpy())
    other_ids = geometries["area_id"].to_numpy() if background is None else np.full(len(others), None)
    if background is None:
        others, other_ids = others[~shown], other_ids[~shown]
    west, south, east, north = (float(b) for b in shapely.total_bounds(np.concatenate([others, chosen])))
    stretch = float(np.cos(np.radians((south + north) / 2)))
    span_x, span_y = max((east - west) * stretch, 1e-9), max(north - south, 1e-9)
    scale = LOCATOR_WIDTH / max(span_x, span_y)
    width, height = span_x * scale + 4, span_y * scale + 4

    def project(x: float, y: float) -> tuple[float, float]:
        return (x - west) * stretch * scale + 2, (north - y) * scale + 2

    paths = []
    ordered = [*zip(other_ids, others), *zip(geometries["area_id"].to_numpy()[shown], chosen)]  # highlighted on top
    for identifier, shape in ordered:
        kind = role.get(identifier, "other")
        fill = "url(#sm-hatch)" if kind == "compare" else LOCATOR_COLORS[kind]
        stroke, stroke_width = ("#000000", 2.5) if kind != "other" else (OUTLINE_COLOR, 0.6)
        paths.append(f'<path d="{_svg_path(shape, project)}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>')
    hatch = (
        '<defs><pattern id="sm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{LOCATOR_COLORS["compare"]}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="1.5"/>'
        "</pattern></defs>"
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
        f'{hatch}{"".join(paths)}</svg>'
    )
    swatch = '<span aria-hidden="true" style="display:inline-block;width:1em;height:1em;margin-right:.35em;vertical-align:-.15em;border:{border};background:{fill}"></span>'
    items = [(swatch.format(border="2px solid #000", fill=LOCATOR_COLORS["area"]), area_name)]
    if compare_id:
        stripes = f"repeating-linear-gradient(45deg,#000 0 1.5px,{LOCATOR_COLORS['compare']} 1.5px 5px)"
        items.append((swatch.format(border="2px solid #000", fill=stripes), compare_name or ""))
    items.append((swatch.format(border=f"1px solid {OUTLINE_COLOR}", fill=LOCATOR_COLORS["other"]), t("profile.locator.legend_other", lang, level=level_plural)))
    legend = "".join(f'<li style="list-style:none;margin:.1rem 0">{mark}{escape_html(text)}</li>' for mark, text in items)
    return Locator(svg, f'<ul style="padding:0;margin:.2rem 0 0;font-size:.9rem">{legend}</ul>', alt)


# --- the trend ---------------------------------------------------------------------------------

def trend_export(
    area_series: pd.DataFrame,
    city_series: pd.DataFrame,
    *,
    area_id: str,
    area_name: str,
    city: str,
    entry: Indicator,
    level_plural: str,
    lang: str,
    compare_series: pd.DataFrame | None = None,
    compare_id: str | None = None,
    compare_name: str | None = None,
) -> ExportTable:
    """The data of the trend chart: one row per year with the city's and the area's value (and the
    second area's), and a note where a value is withheld or missing."""
    areas = [(area_series, area_name)] + ([(compare_series, compare_name or "")] if compare_series is not None else [])
    periods = sorted(set(city_series["period"]).union(*(set(s["period"]) for s, _ in areas)))
    city_values = city_series.set_index("period")["value"].reindex(periods)
    decimals = 0 if entry.kind == "count" else int(entry.decimals)
    unit = entry.unit(lang)
    headers = [t("column.period", lang), city_column(city, lang)]
    columns = [Column("integer"), Column("number", decimals, unit)]
    data: list = [periods, city_values.to_numpy()]
    notes = [[] for _ in periods]
    for series, name in areas:
        frame = series.set_index("period")
        values = frame["value"].reindex(periods)
        withheld = frame["suppressed"].reindex(periods).fillna(False).astype(bool) if "suppressed" in frame else pd.Series(False, index=periods)
        headers.append(name)
        columns.append(Column("number", decimals, unit))
        data.append(values.to_numpy())
        for number, (hidden, value) in enumerate(zip(withheld, values)):
            if hidden or pd.isna(value):
                text = t("note.suppressed", lang) if hidden else t("note.missing", lang)
                notes[number].append(f"{name}: {text}" if compare_series is not None else text)
    headers.append(t("column.note", lang))
    columns.append(Column("text"))
    data.append(["; ".join(n) for n in notes])
    frame = pd.DataFrame(dict(zip(headers, data)))
    title = f"{entry.label(lang)} ({unit}) · {area_name} ({area_id})"
    if compare_series is not None:
        title += f", {compare_name} ({compare_id})"
    return ExportTable(
        frame=frame,
        columns=dict(zip(headers, columns)),
        name=(entry.indicator_id, t("export.name.trend", lang), area_id, area_name),
        title=f"{title}, {city_column(city, lang)}",
        indicators=(entry,),
        periods=tuple(int(p) for p in periods),
        level=level_plural,
    )


def trend_figure(
    area_series: pd.DataFrame,
    city_series: pd.DataFrame,
    *,
    area_name: str,
    city: str,
    entry: Indicator,
    lang: str,
    compare_series: pd.DataFrame | None = None,
    compare_name: str | None = None,
) -> tuple[go.Figure, pd.DataFrame]:
    """The trend of one indicator for the area (and a second one) and the city, and the long table
    behind it. The y-axis starts at zero where `charts.axis_from_zero` says so.

    A count is drawn for the areas alone: beside the city's total it would be a flat line at the
    bottom, and the two are not comparable."""
    parts = [area_series.assign(label=area_name)[["label", "period", "value"]]]
    if compare_series is not None:
        parts.append(compare_series.assign(label=compare_name or "")[["label", "period", "value"]])
    if entry.kind != "count":
        parts.insert(0, city_series.assign(label=city_column(city, lang))[["label", "period", "value"]])
    long = pd.concat(parts, ignore_index=True)
    figure = charts.trend(long, unit=entry.unit(lang), decimals=int(entry.decimals), lang=lang, kind=entry.kind)
    return figure, long
