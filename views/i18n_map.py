"""The strings of the overview's map and ranking (class methods, search, click to the profile,
services filter, interval whiskers), registered with views.i18n on import."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "map.class_method": {"de": "Klassenbildung der Karte", "en": "Map classes"},
    "map.class_method_help": {
        "de": "Wie die Werte in Klassen geteilt werden; die Legende nennt die Grenzen jeder Klasse.",
        "en": "How the values are divided into classes; the legend gives the limits of each class.",
    },
    "map.method.quantile": {"de": "Quantile", "en": "Quantiles"},
    "map.method.equal": {"de": "Gleiche Intervalle", "en": "Equal intervals"},
    "map.method.jenks": {"de": "Natürliche Brüche (Fisher–Jenks)", "en": "Natural breaks (Fisher–Jenks)"},
    "map.method.stddev": {"de": "Standardabweichungen um den Stadtwert", "en": "Standard deviations around the city value"},
    "map.note.quantile": {
        "de": "Klassen nach Quantilen: jede Klasse enthält etwa gleich viele Gebiete.",
        "en": "Classes by quantiles: each class holds about the same number of areas.",
    },
    "map.note.equal": {
        "de": "Gleiche Intervalle: jede Klasse umfasst einen gleich breiten Wertebereich.",
        "en": "Equal intervals: each class spans a range of values of the same width.",
    },
    "map.note.jenks": {
        "de": "Natürliche Brüche (Fisher–Jenks): die Grenzen liegen dort, wo sich die Werte der Gebiete am deutlichsten trennen.",
        "en": "Natural breaks (Fisher–Jenks): the limits lie where the areas' values separate most clearly.",
    },
    "map.note.stddev": {
        "de": "Standardabweichungen: Grenzen bei ±0,5 und ±1,5 Standardabweichungen (σ = {sigma}) um {reference}; "
        "die mittlere Klasse liegt etwa beim Stadtwert.",
        "en": "Standard deviations: limits at ±0.5 and ±1.5 standard deviations (σ = {sigma}) around {reference}; "
        "the middle class is about the city value.",
    },
    "map.reference.city": {"de": "den Stadtwert {value}", "en": "the city value {value}"},
    "map.reference.mean": {"de": "den Mittelwert der Gebiete {value}", "en": "the areas' mean {value}"},
    "map.note.diverging_city": {
        "de": "Die Farben teilen sich am Stadtwert {value}: orange = ungünstiger als die Stadt, lila = günstiger; je dunkler, desto weiter entfernt.",
        "en": "The colours split at the city value {value}: orange = less favourable than the city, purple = more favourable; the darker, the further away.",
    },
    "map.note.diverging_zero": {
        "de": "Die Farben teilen sich bei 0: eine Farbe für Werte bis 0, eine andere für Werte über 0; je dunkler, desto weiter von 0.",
        "en": "The colours split at 0: one colour for values up to 0, another for values above 0; the darker, the further from 0.",
    },
    "map.alt_diverging": {
        "de": "Karte der {level} nach {indicator} {period}, in {classes} Klassen, geteilt am Stadtwert {value}: "
        "orange ungünstiger, lila günstiger als die Stadt. {extremes}",
        "en": "Map of the {level} by {indicator} {period}, in {classes} classes split at the city value {value}: "
        "orange less favourable, purple more favourable than the city. {extremes}",
    },
    "map.search": {"de": "Gebiet suchen", "en": "Find an area"},
    "map.search_placeholder": {"de": "Namen eintippen …", "en": "Type a name …"},
    "map.search_help": {
        "de": "Namen eintippen und mit Enter wählen: das Gebiet wird in der Karte umrandet.",
        "en": "Type a name and press Enter: the area is outlined on the map.",
    },
    "map.found": {"de": "{area}: {value} · Rang {rank} von {count}", "en": "{area}: {value} · rank {rank} of {count}"},
    "map.found_no_rank": {"de": "{area}: {value}", "en": "{area}: {value}"},
    "map.found_outline": {"de": "In der Karte dick schwarz umrandet.", "en": "Outlined in thick black on the map."},
    "map.open_profile": {"de": "Profil von {area} öffnen", "en": "Open the profile of {area}"},
    "map.click_hint": {
        "de": "Ein Klick auf ein Gebiet öffnet sein Profil; ohne Maus: „Gebiet suchen“.",
        "en": "Click an area to open its profile; without a mouse: “Find an area”.",
    },
    "map.found_legend": {"de": "gesuchtes Gebiet", "en": "area found"},
    "poi.access": {"de": "Zugang mit Rollstuhl", "en": "Wheelchair access"},
    "poi.access.all": {"de": "alle Angebote", "en": "all services"},
    "poi.access.yes": {"de": "nur rollstuhlgerecht", "en": "wheelchair accessible only"},
    "poi.access.limited": {"de": "rollstuhlgerecht oder eingeschränkt", "en": "accessible or partly accessible"},
    "poi.none_left": {
        "de": "Keine Angebote dieser Auswahl – Kategorien oder Zugang ändern.",
        "en": "No services match this choice – change the categories or the access.",
    },
    "poi.shown": {"de": "{shown} von {total} Angeboten in der Karte.", "en": "{shown} of {total} services on the map."},
    "chart.whiskers": {
        "de": "Striche an den Balken: 95-%-Vertrauensbereich der Anteile (breit bei kleinen Zahlen).",
        "en": "Whiskers on the bars: 95% confidence interval of the shares (wide for small numbers).",
    },
    "chart.whisker_legend": {"de": "95-%-Vertrauensbereich", "en": "95% confidence interval"},
}

register(TEXTS)
