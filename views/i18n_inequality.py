"""The strings of the page "Ungleichheit & Muster" beyond those in views.inequality: the measures
over all periods with one plain sentence each, the decomposition across the levels and the
Getis–Ord Gi* hot and cold spots (German and English)."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "ineq.measure.gini": {"de": "Gini", "en": "Gini"},
    "ineq.measure.theil_t": {"de": "Theil T", "en": "Theil T"},
    "ineq.measure.theil_l": {"de": "Theil L", "en": "Theil L"},
    "ineq.measure.atkinson": {"de": "Atkinson (ε = 0,5)", "en": "Atkinson (ε = 0.5)"},
    "ineq.measure.hoover": {"de": "Hoover", "en": "Hoover"},
    "ineq.measure.palma": {"de": "Palma", "en": "Palma"},
    "ineq.explain.gini": {
        "de": "Gini: 0 heißt, alle Gebiete haben gleich viel; je näher an 1, desto mehr ballt sich die Summe in wenigen Gebieten.",
        "en": "Gini: 0 means every area has the same; the closer to 1, the more the total is concentrated in a few areas.",
    },
    "ineq.explain.theil_t": {
        "de": "Theil T: reagiert vor allem auf Unterschiede zwischen den Gebieten mit hohen Werten (0 = Gleichheit, nach oben offen) und lässt sich in „zwischen“ und „innerhalb“ zerlegen.",
        "en": "Theil T: reacts mainly to differences among the areas with high values (0 = equality, no upper limit) and splits into “between” and “within”.",
    },
    "ineq.explain.theil_l": {
        "de": "Theil L: reagiert vor allem auf Gebiete mit sehr niedrigen Werten (0 = Gleichheit); bei einem Wert von null ist es nicht definiert.",
        "en": "Theil L: reacts mainly to areas with very low values (0 = equality); it is not defined when a value is zero.",
    },
    "ineq.explain.atkinson": {
        "de": "Atkinson: der Anteil, um den der Durchschnitt sinken dürfte, wenn dafür alle Gebiete gleich viel hätten (0 = Gleichheit, 1 = größte Ungleichheit).",
        "en": "Atkinson: the share by which the average could fall if in exchange every area had the same (0 = equality, 1 = greatest inequality).",
    },
    "ineq.explain.hoover": {
        "de": "Hoover: der Anteil der Summe, der umverteilt werden müsste, damit jedes Gebiet so viel hat, wie seinem Gewicht entspricht.",
        "en": "Hoover: the share of the total that would have to move so that every area has as much as its weight implies.",
    },
    "ineq.explain.palma": {
        "de": "Palma: was die 10 % (Gewicht) mit den höchsten Werten zusammen haben, geteilt durch das der 40 % mit den niedrigsten; bei Gleichheit 0,25.",
        "en": "Palma: what the 10% (by weight) with the highest values hold together, divided by that of the 40% with the lowest; 0.25 under equality.",
    },
    "ineq.over_time": {"de": "Ungleichheit im Zeitverlauf", "en": "Inequality over time"},
    "ineq.over_time_intro": {
        "de": "Sechs Maße der Ungleichheit von {indicator} über die {level}, für jedes Jahr mit Daten; gewichtet wie oben.",
        "en": "Six measures of the inequality of {indicator} across the {level}, for every year with data; weighted as above.",
    },
    "ineq.over_time_alt": {
        "de": "Sechs kleine Liniendiagramme, je ein Ungleichheitsmaß von {indicator} über die Jahre {first} bis {last}: {changes}.",
        "en": "Six small line charts, one inequality measure of {indicator} each over the years {first} to {last}: {changes}.",
    },
    "ineq.over_time_change": {"de": "{measure} von {start} auf {end}", "en": "{measure} from {start} to {end}"},
    "ineq.column.areas": {"de": "Gebiete mit Wert", "en": "Areas with a value"},
    "ineq.column.weights": {"de": "Gewichtet", "en": "Weighted"},
    "ineq.weighting.denominator": {"de": "Bezugsgröße", "en": "base"},
    "ineq.weighting.population": {"de": "Bevölkerung", "en": "population"},
    "ineq.weighting.none": {"de": "gleich", "en": "equally"},
    "ineq.no_measures": {
        "de": "Für kein Jahr lassen sich die Maße bilden: {reason}",
        "en": "The measures cannot be formed for any year: {reason}",
    },
    "export.name.measures": {"de": "ungleichheitsmasse", "en": "inequality-measures"},
    "ineq.by_level": {"de": "Zwischen und innerhalb: Zerlegung über die Ebenen", "en": "Between and within: decomposition across the levels"},
    "ineq.by_level_intro": {
        "de": "Wie viel der Ungleichheit (Theil T) über die {level} liegt zwischen größeren Gebieten, wie viel innerhalb von ihnen? Ein hoher Anteil „zwischen“ heißt: Die Unterschiede verlaufen entlang der Grenzen dieser Ebene.",
        "en": "How much of the inequality (Theil T) across the {level} lies between larger areas, how much within them? A high share “between” means the differences follow the boundaries of that level.",
    },
    "ineq.by_level_none": {
        "de": "Auf der obersten Ebene gibt es keine größeren Gebiete, zwischen denen sich die Ungleichheit aufteilen ließe – wählen Sie eine feinere Ebene.",
        "en": "At the top level there are no larger areas to split the inequality between – choose a finer level.",
    },
    "ineq.column.grouped_by": {"de": "Gruppiert nach", "en": "Grouped by"},
    "ineq.column.groups": {"de": "Gruppen", "en": "Groups"},
    "ineq.column.total": {"de": "Theil T gesamt", "en": "Theil T total"},
    "ineq.column.between": {"de": "zwischen", "en": "between"},
    "ineq.column.within": {"de": "innerhalb", "en": "within"},
    "ineq.column.between_share": {"de": "Anteil zwischen", "en": "Share between"},
    "ineq.by_level_sentence": {
        "de": "Gruppiert nach „{level}“ liegen {share} der Ungleichheit zwischen den {groups} Gebieten dieser Ebene.",
        "en": "Grouped by “{level}”, {share} of the inequality lies between the {groups} areas of that level.",
    },
    "export.name.decomposition": {"de": "zerlegung", "en": "decomposition"},
    "ineq.hotspots": {"de": "Hot Spots und Cold Spots (Getis–Ord Gi*)", "en": "Hot spots and cold spots (Getis–Ord Gi*)"},
    "ineq.hotspots_intro": {
        "de": "Gi* fasst jedes Gebiet mit seinen Nachbarn zusammen: Ein Hot Spot ist eine Gruppe benachbarter Gebiete mit zusammen auffällig hohen Werten, ein Cold Spot eine mit auffällig niedrigen. Gezeigt werden nur Gebiete, die nach der Korrektur für {tests} gleichzeitige Tests (Benjamini–Hochberg, falsche Entdeckungsrate {q}) auffällig bleiben.",
        "en": "Gi* takes each area together with its neighbours: a hot spot is a group of neighbouring areas with notably high values together, a cold spot one with notably low values. Shown are only areas that remain notable after the correction for {tests} simultaneous tests (Benjamini–Hochberg, false discovery rate {q}).",
    },
    "ineq.hotspot.hot": {"de": "Hot Spot (hoch, mit Nachbarn)", "en": "hot spot (high, with neighbours)"},
    "ineq.hotspot.cold": {"de": "Cold Spot (niedrig, mit Nachbarn)", "en": "cold spot (low, with neighbours)"},
    "ineq.hotspot.ns": {"de": "nicht auffällig", "en": "not notable"},
    "ineq.hotspot.none": {"de": "nicht berechnet (kein Wert oder keine Grenze)", "en": "not computed (no value or no boundary)"},
    "ineq.hotspot_map_alt": {
        "de": "Karte der Hot Spots und Cold Spots von {indicator} (Gi*, FDR-korrigiert): {counts}.",
        "en": "Map of the hot and cold spots of {indicator} (Gi*, FDR-corrected): {counts}.",
    },
    "ineq.hotspot_none_found": {
        "de": "Nach der Korrektur für mehrfaches Testen bleibt kein Gebiet als Hot Spot oder Cold Spot auffällig.",
        "en": "After the correction for multiple testing no area remains notable as a hot or cold spot.",
    },
    "ineq.column.gi_z": {"de": "Gi* (z-Wert)", "en": "Gi* (z-value)"},
    "ineq.column.gi_q": {"de": "p-Wert (FDR-korrigiert)", "en": "p-value (FDR-corrected)"},
    "ineq.column.hotspot": {"de": "Hot/Cold Spot", "en": "Hot/cold spot"},
    "ineq.spatial": {"de": "Räumliche Muster: Häufungen und Hot Spots", "en": "Spatial patterns: clusters and hot spots"},
    "ineq.lisa_short": {"de": "LISA (lokales Moran's I)", "en": "LISA (local Moran's I)"},
    "ineq.gi_short": {"de": "Gi* Hot/Cold Spots", "en": "Gi* hot/cold spots"},
}

register(TEXTS)
