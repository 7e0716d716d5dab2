"""Every UI string in German and English, and number formatting per language.

German is the default. Numbers follow the language: 12.345,6 and 12,3 % in German,
12,345.6 and 12.3% in English. `plotly_separators` gives plotly the same convention.
Other modules may register further catalogs with `register`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
MISSING = "–"

TEXTS: dict[str, dict[str, str]] = {
    # app and navigation
    "app.title": {"de": "Sozialmonitor", "en": "Social Monitor"},
    "nav.overview": {"de": "Überblick", "en": "Overview"},
    "nav.profile": {"de": "Gebietsprofil", "en": "Area profile"},
    "nav.inequality": {"de": "Ungleichheit & Muster", "en": "Inequality & patterns"},
    "sidebar.dataset": {"de": "Datensatz", "en": "Dataset"},
    "sidebar.language": {"de": "Sprache", "en": "Language"},
    "sidebar.indicator": {"de": "Indikator", "en": "Indicator"},
    "sidebar.domain": {"de": "Themenfeld", "en": "Topic"},
    "sidebar.period": {"de": "Jahr", "en": "Year"},
    "sidebar.level": {"de": "Gebietsebene", "en": "Area level"},
    "sidebar.link_hint": {
        "de": "Die Adresse dieser Seite enthält die Auswahl: ein kopierter Link öffnet dieselbe Ansicht.",
        "en": "This page's address holds your selection: a copied link opens the same view.",
    },
    "language.de": {"de": "Deutsch", "en": "Deutsch (German)"},
    "language.en": {"de": "English (Englisch)", "en": "English"},
    "demo.banner": {
        "de": "Demodaten – keine amtliche Statistik",
        "en": "Demodaten – keine amtliche Statistik (demo data, not official statistics)",
    },
    # errors
    "error.dataset_title": {"de": "Der Datensatz kann nicht geöffnet werden", "en": "The dataset cannot be opened"},
    "error.dataset_intro": {
        "de": "Der Datensatz im Ordner {folder} verletzt den Datenvertrag (docs/data-contract.md). Bitte korrigieren Sie:",
        "en": "The dataset in the folder {folder} breaks the data contract (docs/data-contract.md). Please fix:",
    },
    "error.dataset_hint": {
        "de": "Der Ordner wird über die Umgebungsvariable SOZIALMONITOR_DATA gewählt (Standard: data/demo).",
        "en": "The folder is chosen with the environment variable SOZIALMONITOR_DATA (default: data/demo).",
    },
    "error.no_values": {
        "de": "Für {indicator} gibt es im Jahr {period} auf der Ebene „{level}“ keine Werte.",
        "en": "{indicator} has no values in {period} at the level “{level}”.",
    },
    "error.not_aggregable": {
        "de": "Dieses Merkmal liegt nur als fertiger Wert der kleinsten Gebiete vor, ohne Zähler und Nenner; für gröbere Ebenen lässt es sich nicht korrekt zusammenfassen. Bitte wählen Sie die Ebene „{finest}“.",
        "en": "This indicator comes only as finished values of the smallest areas, without numerator and denominator; it cannot be combined correctly for coarser levels. Please choose the level “{finest}”.",
    },
    "notice.url_fallback": {
        "de": "Der Link enthielt eine unbekannte Auswahl ({keys}); angezeigt wird die Standardansicht.",
        "en": "The link held an unknown selection ({keys}); showing the default view instead.",
    },
    # overview page
    "overview.title": {"de": "Überblick", "en": "Overview"},
    "overview.residents": {"de": "Bevölkerung {period}", "en": "Population {period}"},
    "overview.city_value": {"de": "{city} gesamt", "en": "{city} total"},
    "overview.since": {"de": "seit {period}", "en": "since {period}"},
    "overview.headline_unit": {"de": "Einheit der Indikatorwerte: {unit}", "en": "Unit of the indicator values: {unit}"},
    "overview.highest": {"de": "Höchster Wert", "en": "Highest value"},
    "overview.lowest": {"de": "Niedrigster Wert", "en": "Lowest value"},
    "overview.map": {"de": "Karte", "en": "Map"},
    "overview.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "overview.table": {"de": "Tabelle", "en": "Table"},
    "overview.no_city_value": {
        "de": "Für dieses Merkmal lässt sich kein gesamtstädtischer Wert bilden (kein Zähler und Nenner).",
        "en": "No city-wide value can be formed for this indicator (no numerator and denominator).",
    },
    "overview.about": {"de": "Über diesen Indikator", "en": "About this indicator"},
    # catalog fields
    "catalog.source": {"de": "Quelle", "en": "Source"},
    "catalog.licence": {"de": "Lizenz", "en": "Licence"},
    "catalog.vintage": {"de": "Stand", "en": "Vintage"},
    "catalog.sdg": {"de": "Nachhaltigkeitsziele (SDG)", "en": "Sustainable Development Goals"},
    "catalog.synthetic": {"de": "Synthetische Demowerte", "en": "Synthetic demo values"},
    "catalog.real": {"de": "Amtliche Werte", "en": "Official figures"},
    "catalog.kind": {"de": "Art", "en": "Kind"},
    "polarity.higher_better": {"de": "Höhere Werte sind günstiger.", "en": "Higher values are more favourable."},
    "polarity.higher_worse": {"de": "Höhere Werte sind ungünstiger.", "en": "Higher values are less favourable."},
    "polarity.neutral": {"de": "Höhere Werte sind weder günstiger noch ungünstiger.", "en": "Higher values are neither better nor worse."},
    "kind.count": {"de": "Anzahl", "en": "Count"},
    "kind.share": {"de": "Anteil", "en": "Share"},
    "kind.rate": {"de": "Quote", "en": "Rate"},
    "kind.mean": {"de": "Mittelwert", "en": "Mean"},
    "kind.index": {"de": "Index", "en": "Index"},
    # domains
    "domain.demografie": {"de": "Demografie", "en": "Demography"},
    "domain.bildung": {"de": "Bildung", "en": "Education"},
    "domain.einkommen_armut": {"de": "Einkommen & Armut", "en": "Income & poverty"},
    "domain.arbeit": {"de": "Arbeit", "en": "Work"},
    "domain.gesundheit": {"de": "Gesundheit", "en": "Health"},
    "domain.digitale_teilhabe": {"de": "Digitale Teilhabe", "en": "Digital participation"},
    "domain.soziale_dienste": {"de": "Soziale Dienste", "en": "Social services"},
    "domain.wohnen": {"de": "Wohnen", "en": "Housing"},
    # table columns
    "column.area_id": {"de": "Gebiets-Nr.", "en": "Area no."},
    "column.area": {"de": "Gebiet", "en": "Area"},
    "column.period": {"de": "Jahr", "en": "Year"},
    "column.indicator": {"de": "Indikator", "en": "Indicator"},
    "column.value": {"de": "Wert", "en": "Value"},
    "column.unit": {"de": "Einheit", "en": "Unit"},
    "column.numerator": {"de": "Zähler", "en": "Numerator"},
    "column.denominator": {"de": "Nenner", "en": "Denominator"},
    "column.rank": {"de": "Rang", "en": "Rank"},
    "column.deviation": {"de": "Abweichung von {city}", "en": "Difference from {city}"},
    "column.class": {"de": "Klasse", "en": "Class"},
    "column.interval": {"de": "95-%-Vertrauensbereich", "en": "95% confidence interval"},
    "column.note": {"de": "Hinweis", "en": "Note"},
    "column.source": {"de": "Quelle", "en": "Source"},
    "column.licence": {"de": "Lizenz", "en": "Licence"},
    "note.suppressed": {"de": "geheim gehalten (kleine Fallzahl)", "en": "withheld (small count)"},
    "note.aggregated": {
        "de": "Werte dieser Ebene sind aus den kleinsten Gebieten berechnet: Summe der Zähler geteilt durch Summe der Nenner (nie als Mittel von Prozentwerten).",
        "en": "Values at this level are computed from the smallest areas: sum of numerators divided by sum of denominators (never as a mean of percentages).",
    },
    "note.missing": {"de": "kein Wert", "en": "no value"},
    "note.unreliable": {"de": "unsicher (kleine Basis)", "en": "uncertain (small base)"},
    "note.suppression_rule": {
        "de": "Werte, die auf weniger als {min_count} Fällen oder einer Basis unter {min_denominator} beruhen, werden geheim gehalten.",
        "en": "Values resting on fewer than {min_count} cases or a base below {min_denominator} are withheld.",
    },
    # map
    "map.legend": {"de": "Legende", "en": "Legend"},
    "map.no_data": {"de": "kein Wert / geheim", "en": "no value / withheld"},
    "map.no_geometry": {
        "de": "Ohne Grenzen, daher nicht in der Karte: {areas}",
        "en": "Without boundaries, hence not on the map: {areas}",
    },
    "map.alt": {
        "de": "Karte der {level} nach {indicator} {period}, in {classes} Klassen von hell (niedrig) bis dunkel (hoch). {extremes}",
        "en": "Map of the {level} by {indicator} {period}, in {classes} classes from light (low) to dark (high). {extremes}",
    },
    "map.classes_note": {
        "de": "Klassen nach Quantilen: jede Klasse enthält etwa gleich viele Gebiete.",
        "en": "Classes by quantiles: each class holds about the same number of areas.",
    },
    "map.poi_toggle": {"de": "Angebote in der Karte zeigen", "en": "Show services on the map"},
    # charts
    "chart.city_line": {"de": "{city} gesamt: {value}", "en": "{city} total: {value}"},
    "chart.above": {"de": "über dem Wert der Stadt", "en": "above the city value"},
    "chart.below": {"de": "unter dem Wert der Stadt", "en": "below the city value"},
    "chart.equal": {"de": "wie die Stadt", "en": "same as the city"},
    "chart.no_value": {"de": "ohne Wert", "en": "no value"},
    "chart.ranking_alt": {
        "de": "Balkendiagramm: {n} {level} nach {indicator} {period}. Am höchsten: {top} ({top_value}); am niedrigsten: {bottom} ({bottom_value}). {city_sentence}",
        "en": "Bar chart: {n} {level} by {indicator} {period}. Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}). {city_sentence}",
    },
    "chart.hidden_areas": {"de": "… {n} weitere Gebiete: siehe Tabelle …", "en": "… {n} more areas: see the table …"},
    "chart.city_sentence": {"de": "{city} gesamt: {value}.", "en": "{city} total: {value}."},
    "chart.trend_alt": {
        "de": "Liniendiagramm: {indicator} von {first} bis {last} für {series}.",
        "en": "Line chart: {indicator} from {first} to {last} for {series}.",
    },
    "text.extremes": {
        "de": "Am höchsten: {top} ({top_value}); am niedrigsten: {bottom} ({bottom_value}).",
        "en": "Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}).",
    },
    "text.summary": {
        "de": "{indicator} liegt {period} in {city} bei {value}. Die Spanne der {level} reicht von {bottom_value} ({bottom}) bis {top_value} ({top}).",
        "en": "In {period}, {indicator} in {city} is {value}. Across the {level} it ranges from {bottom_value} ({bottom}) to {top_value} ({top}).",
    },
    "text.summary_no_city": {
        "de": "Die Spanne der {level} reicht {period} von {bottom_value} ({bottom}) bis {top_value} ({top}).",
        "en": "In {period}, the {level} range from {bottom_value} ({bottom}) to {top_value} ({top}).",
    },
    # profile page
    "profile.title": {"de": "Gebietsprofil", "en": "Area profile"},
    "profile.area": {"de": "Gebiet", "en": "Area"},
    "profile.intro": {
        "de": "Alle Indikatoren für ein Gebiet im Vergleich zur Gesamtstadt, {period}.",
        "en": "All indicators for one area compared with the whole city, {period}.",
    },
    "profile.trend": {"de": "Entwicklung", "en": "Trend"},
    "profile.assessment": {"de": "Einordnung", "en": "Assessment"},
    "assessment.favourable": {"de": "günstiger als die Stadt", "en": "more favourable than the city"},
    "assessment.unfavourable": {"de": "ungünstiger als die Stadt", "en": "less favourable than the city"},
    "assessment.similar": {"de": "etwa wie die Stadt", "en": "about the same as the city"},
    "assessment.neutral": {"de": "keine Wertung", "en": "no judgement"},
    "profile.table_alt": {
        "de": "Tabelle aller Indikatoren für {area} im Jahr {period} mit dem Wert der Gesamtstadt.",
        "en": "Table of all indicators for {area} in {period} with the city value.",
    },
    # points of interest
    "poi.digitale_hilfe": {"de": "Hilfe mit digitalen Geräten", "en": "Help with digital devices"},
    "poi.bibliothek": {"de": "Bibliothek", "en": "Library"},
    "poi.sozialberatung": {"de": "Sozialberatung", "en": "Social counselling"},
    "poi.jugendzentrum": {"de": "Jugendzentrum", "en": "Youth centre"},
    "poi.seniorentreff": {"de": "Seniorentreff", "en": "Senior citizens' centre"},
    "poi.pflegeeinrichtung": {"de": "Pflegeeinrichtung", "en": "Nursing home"},
    "poi.jugendfreizeiteinrichtung": {"de": "Jugendfreizeiteinrichtung", "en": "Youth centre"},
    "poi.wheelchair": {"de": "Rollstuhlgerecht", "en": "Wheelchair access"},
    "poi.wheelchair.yes": {"de": "ja", "en": "yes"},
    "poi.wheelchair.limited": {"de": "eingeschränkt", "en": "limited"},
    "poi.wheelchair.no": {"de": "nein", "en": "no"},
    "poi.digital_help": {"de": "Hilfe mit digitalen Geräten", "en": "Help with digital devices"},
    "poi.categories": {"de": "Angebote", "en": "Services"},
    "poi.table_alt": {"de": "Liste der Angebote in der Karte", "en": "List of the services on the map"},
    "footer.attribution": {"de": "Quellen und Lizenzen", "en": "Sources and licences"},
}


def register(catalog: Mapping[str, Mapping[str, str]]) -> None:
    """Add a module's own strings; a key may be registered only once."""
    for key, texts in catalog.items():
        if key in TEXTS and TEXTS[key] != texts:
            raise ValueError(f"i18n: key {key!r} is already registered with other texts")
        if set(texts) != set(LANGUAGES):
            raise ValueError(f"i18n: key {key!r} needs exactly the languages {LANGUAGES}")
        TEXTS[key] = dict(texts)


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = TEXTS[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def category_label(category: str, lang: str) -> str:
    """The label of a point-of-interest category; unknown categories are shown by their id."""
    key = f"poi.{category}"
    return t(key, lang) if key in TEXTS else category.replace("_", " ").capitalize()


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A number with the language's decimal mark and thousands separator; '–' when missing."""
    if _is_missing(value):
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", "−")


def format_value(value: float | None, unit: str, lang: str, decimals: int = 1) -> str:
    """A value with its unit: '12,3 %' in German, '12.3%' in English; '–' when missing."""
    if _is_missing(value):
        return MISSING
    number = format_number(value, lang, decimals)
    if unit == "%":
        return f"{number}\u00a0%" if lang == "de" else f"{number}%"
    return f"{number}\u00a0{unit}" if unit else number


def format_delta(value: float | None, unit: str, lang: str, decimals: int = 1) -> str:
    """A signed difference: '+1,2 Prozentpunkte' for shares in %, '+1,2 EW' otherwise."""
    if _is_missing(value):
        return MISSING
    sign = "+" if round(float(value), decimals) > 0 else ""
    if unit == "%":
        points = "Prozentpunkte" if lang == "de" else "percentage points"
        return f"{sign}{format_number(value, lang, decimals)}\u00a0{points}"
    return sign + format_value(value, unit, lang, decimals)


def plotly_separators(lang: str) -> str:
    """plotly's `layout.separators`: decimal mark, then thousands separator."""
    return ",." if lang == "de" else ".,"
