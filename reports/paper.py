"""The paper both reports are printed on: A4, styles, a header and footer on every page.

Every page carries the dataset's name, the report's permalink, the data vintage and, for a demo
dataset, the demo notice; the last section of every report names the sources and licences.
Data strings (names, labels, sources) are text: `para` escapes them for reportlab's markup.
"""
from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from reports.fonts import typeface
from views.i18n import format_date, t
from views.markup import escape_html

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 20 * mm, 24 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
MAX_TEXT = 2000  # longest data string printed (attributions can be long)


def text(value: object, limit: int = MAX_TEXT) -> str:
    """A data string as reportlab paragraph markup: shown literally, never interpreted."""
    return escape_html(value, limit=limit)


def from_markdown(sentence: str) -> str:
    """A sentence built for st.markdown (its data escaped as character references, see
    views.markup) back as plain text, for `text`."""
    return html.unescape(sentence).replace("\u2060", "")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    notice: ParagraphStyle
    figure: ParagraphStyle


def styles() -> Styles:
    face = typeface()
    base = ParagraphStyle("body", fontName=face.regular, fontSize=9.5, leading=13, alignment=TA_LEFT, textColor=colors.black)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=face.bold, fontSize=19, leading=23, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=15, textColor=colors.HexColor("#333333"), spaceAfter=6),
        heading=ParagraphStyle("heading", parent=base, fontName=face.bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5),
        body=ParagraphStyle("body2", parent=base, spaceAfter=5),
        small=ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#333333"), spaceAfter=3),
        cell=ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        cell_bold=ParagraphStyle("cell_bold", parent=base, fontName=face.bold, fontSize=8, leading=10),
        notice=ParagraphStyle(
            "notice",
            parent=base,
            fontName=face.bold,
            fontSize=9.5,
            leading=12.5,
            backColor=colors.HexColor("#fff4d6"),
            borderColor=colors.HexColor("#8a6100"),
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=10,
        ),
        figure=ParagraphStyle("figure", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor("#333333"), spaceBefore=2, spaceAfter=8),
    )


@dataclass(frozen=True)
class Imprint:
    """What every page says about where the numbers come from."""

    dataset: str
    kind: str  # "Indikatorbericht" / "Area report" …
    permalink: str
    vintage: str
    demo_notice: str  # the short demo notice on every page; empty unless the dataset is a demo
    lang: str


def _footer(canvas: Canvas, imprint: Imprint, page: int, pages: int) -> None:
    face = typeface()
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, PAGE_HEIGHT - 13 * mm, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 13 * mm)
    canvas.setFont(face.regular, 7.5)
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.drawString(MARGIN_X, PAGE_HEIGHT - 11.5 * mm, f"{t('app.title', imprint.lang)} · {imprint.dataset}"[:120])
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 11.5 * mm, imprint.kind)
    canvas.line(MARGIN_X, 17 * mm, PAGE_WIDTH - MARGIN_X, 17 * mm)
    canvas.setFont(face.regular, 7.5)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, 13.5 * mm, t("report.page", imprint.lang, page=page, pages=pages))
    y = 13.5 * mm
    if imprint.demo_notice:
        canvas.setFont(face.bold, 7.5)
        canvas.setFillColor(colors.HexColor("#6b4b00"))
        canvas.drawString(MARGIN_X, y, imprint.demo_notice)
        y -= 3.6 * mm
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.setFont(face.regular, 7)
    canvas.drawString(MARGIN_X, y, f"{t('report.vintage', imprint.lang)}: {imprint.vintage}"[:150])
    y -= 3.4 * mm
    canvas.drawString(MARGIN_X, y, f"{t('report.permalink', imprint.lang)}: {imprint.permalink}"[:170])  # clickable at the end
    canvas.restoreState()


def _numbered_canvas(imprint: Imprint):
    """A canvas that knows the page count when it draws the footers (two passes over the pages)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _footer(self, imprint, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def render(flowables: Sequence[Flowable], *, imprint: Imprint, title: str, subject: str) -> bytes:
    """The flowables on A4 pages with header and footer, as PDF bytes (fonts embedded)."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=t("app.title", imprint.lang),
        subject=subject,
        creator=t("app.title", imprint.lang),
        lang=imprint.lang,
        displayDocTitle=True,
        initialFontName=typeface().regular,  # else the canvas starts with an unembedded Helvetica
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="text", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(list(flowables), canvasmaker=_numbered_canvas(imprint))
    return buffer.getvalue()


def grid(rows: Sequence[Sequence[object]], *, widths: Sequence[float], header: bool = True, zebra: bool = True, align_right: Sequence[int] = ()) -> Table:
    """A table with a bold header row repeated on every page, thin rules, and zebra rows."""
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), typeface().regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0 if header else -1), 0.6, colors.HexColor("#333333")),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.HexColor("#333333")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for column in align_right:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]))
    table.setStyle(TableStyle(commands))
    return table


def key_figures(items: Sequence[tuple[str, str, str]], style: Styles) -> Table:
    """A row of boxed key figures: (label, value, detail)."""
    face = typeface()
    value_style = ParagraphStyle("figure_value", parent=style.body, fontName=face.bold, fontSize=14, leading=17, spaceAfter=0)
    cells = [
        [Paragraph(text(label), style.small), Paragraph(text(value), value_style), Paragraph(text(detail), style.small)]
        for label, value, detail in items
    ]
    width = TEXT_WIDTH / max(len(items), 1)
    table = Table([cells], colWidths=[width] * len(items), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), face.regular),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#999999")),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def legend(items: Sequence[tuple[str, str]], style: Styles, *, title: str = "", note: str = "") -> list[Flowable]:
    """Colour swatches with their labels (colour is never the only cue), a title and a note."""
    rows = [["", Paragraph(text(label), style.cell)] for _, label in items]
    table = Table(rows, colWidths=[7 * mm, None], hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), typeface().regular),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, (color, _) in enumerate(items):
        commands.append(("BACKGROUND", (0, index), (0, index), colors.HexColor(color)))
        commands.append(("BOX", (0, index), (0, index), 0.5, colors.HexColor("#4d4d4d")))
    table.setStyle(TableStyle(commands))
    parts: list[Flowable] = []
    if title:
        parts.append(Paragraph(f"<b>{text(title)}</b>", style.cell))
        parts.append(Spacer(1, 2))
    parts.append(table)
    if note:
        parts.append(Spacer(1, 3))
        parts.append(Paragraph(text(note), style.small))
    return parts


def today(lang: str) -> str:
    """The date of printing: 24.11.2026 / 2026-11-24."""
    return format_date(date.today(), lang)


def sources_section(
    *,
    attribution: str,
    entries: Sequence[tuple[str, str, str, str]],
    permalink: str,
    suppression_rule: str,
    notes: Sequence[str],
    lang: str,
    style: Styles,
) -> list[Flowable]:
    """The closing section: indicators by source, licence and vintage; the dataset's attribution;
    the suppression rule; the permalink and the date of printing."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for label, source, licence, vintage in entries:
        grouped.setdefault((source, licence, vintage), []).append(label)
    rows: list[list[object]] = [
        [Paragraph(f"<b>{text(t(key, lang))}</b>", style.cell) for key in ("report.column.indicators", "catalog.source", "catalog.licence", "catalog.vintage")]
    ]
    for (source, licence, vintage), labels in grouped.items():
        rows.append([Paragraph(text(", ".join(labels)), style.cell), Paragraph(text(source), style.cell), Paragraph(text(licence), style.cell), Paragraph(text(vintage), style.cell)])
    parts: list[Flowable] = [
        Paragraph(text(t("footer.attribution", lang)), style.heading),
        grid(rows, widths=[TEXT_WIDTH * 0.38, TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.12, TEXT_WIDTH * 0.2]),
        Spacer(1, 6),
        Paragraph(text(attribution), style.small),
        Paragraph(text(suppression_rule), style.small),
        *[Paragraph(text(note), style.small) for note in notes if note],
        Paragraph(
            f"{text(t('report.permalink', lang))}: <link href=\"{text(permalink)}\" color=\"#0b4f8a\">{text(permalink)}</link>",
            style.small,
        ),
        Paragraph(text(t("report.printed", lang, date=today(lang))), style.small),
    ]
    return parts
