"""Strings for how the pages treat each kind of number (counts, shares, balances), their
uncertainty, and the page-level error message; registered with views.i18n on import."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "kind.balance": {"de": "Saldo (kann negativ sein)", "en": "Balance (may be negative)"},
    # counts: a share of the city's total and a density, never a difference from the total
    "column.share_of_city": {"de": "Anteil an {city} gesamt", "en": "Share of {city} total"},
    "column.density": {"de": "Dichte ({unit} je km²)", "en": "Density ({unit} per km²)"},
    "column.area_km2": {"de": "Fläche (km²)", "en": "Area (km²)"},
    "unit.per_km2": {"de": "{unit} je km²", "en": "{unit} per km²"},
    "count.bar_label": {"de": "{value} ({share})", "en": "{value} ({share})"},
    "count.ranking_note": {
        "de": "Anzahlen werden nicht mit der Gesamtstadt verglichen: Jede Zahl ist ein Teil der Summe {total}. In Klammern der Anteil jedes Gebiets daran.",
        "en": "Counts are not compared with the whole city: each is a part of the total {total}. In brackets each area's share of it.",
    },
    "count.summary": {
        "de": "{indicator}: {period} in {city} zusammen {value}. Die {level} reichen von {bottom_value} ({bottom}) bis {top_value} ({top}).",
        "en": "{indicator}: {value} in {city} altogether in {period}. The {level} range from {bottom_value} ({bottom}) to {top_value} ({top}).",
    },
    "count.map_density": {
        "de": "Die Farbe zeigt die Dichte ({unit} je km²), nicht die Anzahl: Große Gebiete hätten sonst allein wegen ihrer Fläche dunkle Farben.",
        "en": "The colour shows the density ({unit} per km²), not the count: otherwise large areas would be dark because of their size alone.",
    },
    "count.map_counts": {
        "de": "Die Farbe zeigt Anzahlen: Größere Gebiete haben meist größere Zahlen (ohne Flächenangabe lässt sich keine Dichte bilden).",
        "en": "The colour shows counts: larger areas mostly have larger numbers (without their size no density can be formed).",
    },
    "count.trend_note": {
        "de": "Eine Anzahl wird nicht neben der Summe der ganzen Stadt gezeichnet; gezeigt wird der Verlauf des Gebiets.",
        "en": "A count is not drawn next to the whole city's total; the chart shows the area's own course.",
    },
    # signed figures
    "map.alt_diverging_zero": {
        "de": "Karte der {level} nach {indicator} {period}, in {classes} Klassen, getrennt bei null (dunkler = weiter von null entfernt). {extremes}",
        "en": "Map of the {level} by {indicator} {period}, in {classes} classes split at zero (darker = further from zero). {extremes}",
    },
    # uncertainty
    "note.interval_meaning": {
        "de": "Der 95-%-Vertrauensbereich beruht auf vollständigen Registerzahlen, nicht auf einer Stichprobe: Er zeigt, wie stark ein "
        "Anteil allein durch die zufällige Schwankung kleiner Zahlen von Jahr zu Jahr schwanken kann. Je kleiner das Gebiet, desto breiter.",
        "en": "The 95% confidence interval rests on complete register counts, not on a sample: it shows how much a share can vary "
        "from year to year through the random variation of small numbers alone. The smaller the area, the wider it is.",
    },
    # a page that fails
    "error.page": {
        "de": "Dieser Teil der Seite „{page}“ konnte nicht berechnet werden. Bitte wählen Sie in der Seitenleiste einen anderen "
        "Indikator, ein anderes Jahr oder eine andere Gebietsebene, oder laden Sie die Seite neu. Der Fehler ist auf dem Server "
        "protokolliert (Kennung {reference}).",
        "en": "Part of the page “{page}” could not be computed. Please choose another indicator, year or area level in the "
        "sidebar, or reload the page. The error has been logged on the server (reference {reference}).",
    },
}

register(TEXTS)
