"""The strings of the PDF reports and of the presentation mode (German and English), registered on import."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    # reports: frame
    "report.indicator_kind": {"de": "Indikatorbericht", "en": "Indicator report"},
    "report.area_kind": {"de": "Gebietsbericht", "en": "Area report"},
    "report.vintage": {"de": "Datenstand", "en": "Data as of"},
    "report.permalink": {"de": "Link zu dieser Ansicht", "en": "Link to this view"},
    "report.page": {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"},
    "report.printed": {"de": "Erstellt am {date} mit dem Sozialmonitor.", "en": "Made on {date} with the Social Monitor."},
    "report.unit": {"de": "Einheit", "en": "unit"},
    "report.column.indicators": {"de": "Indikatoren", "en": "Indicators"},
    # indicator report
    "report.ranking_cue": {
        "de": "Orange, schraffierte Balken liegen über dem Wert der Stadt, blaue darunter; die gestrichelte Linie ist der Wert der Stadt.",
        "en": "Orange hatched bars lie above the city value, blue ones below; the dashed line is the city value.",
    },
    "report.trend_caption": {
        "de": "Liniendiagramm: {indicator} über alle Jahre für {series} (das Gebiet mit dem höchsten und dem mit dem niedrigsten Wert im Berichtsjahr). Lücken: kein Wert oder geheim gehalten.",
        "en": "Line chart: {indicator} over all years for {series} (the areas with the highest and the lowest value in the report year). Gaps: no value or withheld.",
    },
    "report.labels_dropped": {
        "de": "Aus Platzgründen ohne Beschriftung: {areas}; alle Werte stehen in der Tabelle.",
        "en": "Not labelled for lack of room: {areas}; every value is in the table.",
    },
    "report.lorenz_axes": {"de": "Waagerecht: {x}. Senkrecht: {y}.", "en": "Across: {x}. Up: {y}."},
    # area report
    "report.area_title": {"de": "{area}", "en": "{area}"},
    "report.area_subtitle": {"de": "{level} {area_id} · {period} · {city}", "en": "{level} {area_id} · {period} · {city}"},
    "report.area_vintage": {
        "de": "Berichtsjahr {period}; Stichtage je Indikator im Abschnitt „Quellen und Lizenzen“",
        "en": "Report year {period}; reference dates per indicator under “Sources and licences”",
    },
    "report.of_judged": {"de": "der Indikatoren mit Wertung", "en": "of the indicators with a direction"},
    "report.summary": {"de": "Auf einen Blick", "en": "At a glance"},
    "report.locator": {"de": "Lage in {city}", "en": "Location in {city}"},
    "report.locator_alt": {
        "de": "Karte von {city}: {area} ist dunkel hervorgehoben, die übrigen {level} sind hellgrau.",
        "en": "Map of {city}: {area} is highlighted dark, the other {level} are light grey.",
    },
    "report.residents": {
        "de": "In {area} lebten {period} {value} Menschen",
        "en": "{value} people lived in {area} in {period}",
    },
    "report.residents_change": {"de": " ({change} seit {since}).", "en": " ({change} since {since})."},
    "report.counts": {
        "de": "Von {judged} Indikatoren mit Wertung liegt {area} bei {unfavourable} ungünstiger als die Gesamtstadt, bei {favourable} günstiger und bei {similar} etwa gleichauf (±5 %).",
        "en": "Of {judged} indicators with a direction, {area} is less favourable than the city on {unfavourable}, more favourable on {favourable} and about the same on {similar} (±5%).",
    },
    "report.most_unfavourable": {"de": "Am deutlichsten ungünstiger: {items}.", "en": "Most clearly less favourable: {items}."},
    "report.most_favourable": {"de": "Am deutlichsten günstiger: {items}.", "en": "Most clearly more favourable: {items}."},
    "report.versus": {"de": "{indicator} {value} (Stadt {city_value})", "en": "{indicator} {value} (city {city_value})"},
    "report.withheld": {
        "de": "{n} Werte sind wegen kleiner Fallzahlen geheim gehalten.",
        "en": "{n} values are withheld because of small counts.",
    },
    "report.no_judgement": {
        "de": "Indikatoren ohne Wertung (z. B. Altersstruktur) werden nur beschrieben, nicht eingeordnet.",
        "en": "Indicators without a direction (e.g. age structure) are described, not judged.",
    },
    "report.index_area": {
        "de": "Sozialindex {period}: sozialer Status „{status}“{dynamics}.",
        "en": "Social index {period}: social status “{status}”{dynamics}.",
    },
    "report.index_dynamics": {"de": ", Dynamik „{dynamics}“", "en": ", dynamics “{dynamics}”"},
    "report.index_no_class": {"de": "Sozialindex {period}: keine Klasse ({reason}).", "en": "Social index {period}: no class ({reason})."},
    "report.index_children": {
        "de": "Sozialindex {period} der {n} {level} in {area} – sozialer Status: {counts}.",
        "en": "Social index {period} of the {n} {level} in {area} – social status: {counts}.",
    },
    "report.index_children_dynamics": {"de": " Dynamik: {counts}.", "en": " Dynamics: {counts}."},
    "report.index_table": {"de": "Klassen im Sozialindex {period}", "en": "Classes in the social index {period}"},
    "report.profile": {"de": "Alle Indikatoren im Vergleich zur Stadt", "en": "All indicators compared with the city"},
    "report.profile_note": {
        "de": "Differenzen von Anteilen in Prozentpunkten. Anzahlen werden nicht mit der Stadt verrechnet.",
        "en": "Differences of shares in percentage points. Counts are not set against the city total.",
    },
    "report.trends": {"de": "Entwicklung der Kernindikatoren", "en": "Trends of the key indicators"},
    "report.trends_caption": {
        "de": "Je Kernindikator: {area} (schwarz, durchgezogen) und {city} gesamt (blau, gestrichelt) über alle Jahre. Lücken: kein Wert oder geheim gehalten.",
        "en": "Per key indicator: {area} (black, solid) and {city} total (blue, dashed) over all years. Gaps: no value or withheld.",
    },
    "report.no_trend": {"de": "Für diese Indikatoren gibt es keine Zeitreihe.", "en": "These indicators have no time series."},
    # command line
    "report.cli.unknown_indicator": {
        "de": "Unbekannter Indikator „{id}“. Verfügbar: {known}",
        "en": "Unknown indicator '{id}'. Available: {known}",
    },
    "report.cli.unknown_area": {
        "de": "Unbekanntes Gebiet „{id}“. Verfügbar (Ebene {level}): {known}",
        "en": "Unknown area '{id}'. Available (level {level}): {known}",
    },
    "report.cli.unknown_level": {"de": "Unbekannte Ebene „{id}“. Verfügbar: {known}", "en": "Unknown level '{id}'. Available: {known}"},
    "report.cli.no_period": {
        "de": "{indicator} hat keine Werte im Jahr {period}; verfügbar: {known}",
        "en": "{indicator} has no values in {period}; available: {known}",
    },
    "report.cli.written": {"de": "geschrieben: {path}", "en": "written: {path}"},
    "report.cli.written_all": {"de": "{n} Berichte in {folder}", "en": "{n} reports in {folder}"},
    "report.cli.failed": {"de": "Bericht „{label}“ nicht erstellt: {error}", "en": "Report '{label}' not made: {error}"},
    "report.cli.localhost": {
        "de": "Hinweis: Die Links in den Berichten zeigen auf {url}. Setzen Sie --base-url oder SOZIALMONITOR_BASE_URL auf die öffentliche Adresse des Dashboards.",
        "en": "Note: the links in the reports point to {url}. Set --base-url or SOZIALMONITOR_BASE_URL to the dashboard's public address.",
    },
    # presentation mode
    "present.toggle": {"de": "Präsentationsmodus", "en": "Presentation mode"},
    "present.toggle_help": {
        "de": "Für den Beamer: die Karte und die Diagramme dieser Auswahl groß, eins je Bildschirm; weiter mit den Pfeiltasten, beenden mit Esc.",
        "en": "For the projector: this selection's map and charts, large, one per screen; move on with the arrow keys, leave with Esc.",
    },
    "present.back": {"de": "Zurück", "en": "Back"},
    "present.next": {"de": "Weiter", "en": "Next"},
    "present.leave": {"de": "Beenden", "en": "Leave"},
    "present.position": {"de": "Folie {n} von {total}", "en": "Slide {n} of {total}"},
    # downloads on the pages
    "report.download_indicator": {"de": "Bericht als PDF herunterladen", "en": "Download the report as PDF"},
    "report.download_area": {"de": "Gebietsbericht als PDF herunterladen", "en": "Download the area report as PDF"},
    "report.download_help": {
        "de": "Karte, Rangfolge, Entwicklung, Ungleichheit und Tabelle, mit Quellen und Link – zum Drucken für die Ausschusssitzung.",
        "en": "Map, ranking, trend, inequality and table, with sources and link – to print for the committee.",
    },
    "report.download_area_help": {
        "de": "Profil, Lagekarte, Entwicklung, Sozialindex und Zusammenfassung, mit Quellen und Link – zum Drucken.",
        "en": "Profile, location map, trends, social index and summary, with sources and link – to print.",
    },
}

register(TEXTS)
