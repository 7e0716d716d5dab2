"""The strings of the page "Gebietsprofil" beyond the basic ones in views.i18n (German and English):
the second area, the verdict at a glance, the locator map and the profile across topics."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "profile.compare": {"de": "Vergleichsgebiet", "en": "Comparison area"},
    "profile.compare_pick": {"de": "Vergleichen mit ({level})", "en": "Compare with ({level})"},
    "profile.compare_none": {"de": "– kein zweites Gebiet –", "en": "– no second area –"},
    "profile.compare_help": {
        "de": "Ein zweites Gebiet erscheint in der Tabelle, im Themenprofil und im Verlauf neben dem ersten.",
        "en": "A second area appears beside the first in the table, the topic profile and the trend.",
    },
    "profile.compare_assessment": {"de": "Einordnung {area}", "en": "Assessment {area}"},
    "profile.export.compare_id": {"de": "Nr. Vergleichsgebiet", "en": "Comparison area no."},
    "profile.export.compare_value": {"de": "Wert {area}", "en": "Value {area}"},
    "profile.export.compare_note": {"de": "Hinweis {area}", "en": "Note {area}"},
    "profile.export.compared_with": {"de": "verglichen mit {area}", "en": "compared with {area}"},
    "profile.glance": {"de": "{area} im Vergleich mit {city}, {period}", "en": "{area} compared with {city}, {period}"},
    "profile.count.unfavourable": {"de": "ungünstiger", "en": "worse"},
    "profile.count.similar": {"de": "etwa gleich", "en": "similar"},
    "profile.count.favourable": {"de": "günstiger", "en": "better"},
    "profile.count.help": {
        "de": "Anzahl der Indikatoren. Ohne Wertung bleiben {neutral} Indikatoren: ohne Richtung (weder höher noch niedriger ist besser), Anzahlen oder ohne Wert.",
        "en": "Number of indicators. {neutral} indicators have no verdict: no direction (neither higher nor lower is better), counts, or no value.",
    },
    "profile.glance_sentence": {
        "de": "Von {judged} bewertbaren Indikatoren liegt {area} bei {unfavourable} ungünstiger als {city}, bei {similar} etwa gleich und bei {favourable} günstiger (±5 % um den Stadtwert gelten als „etwa gleich“).",
        "en": "Of {judged} indicators with a direction, {area} is less favourable than {city} in {unfavourable}, about the same in {similar} and more favourable in {favourable} (within ±5% of the city value counts as “about the same”).",
    },
    "profile.glance_none": {
        "de": "Im Jahr {period} lässt sich kein Indikator mit Richtung für {area} mit {city} vergleichen: es fehlt der Wert des Gebiets oder der gesamtstädtische Wert (der Zähler und Nenner braucht). Die Tabelle zeigt, was vorliegt.",
        "en": "In {period} no indicator with a direction can be set against {city} for {area}: the area's value or the city value (which needs a numerator and denominator) is missing. The table shows what there is.",
    },
    "profile.table_title": {"de": "Alle Indikatoren", "en": "All indicators"},
    "profile.table_caption": {
        "de": "Einordnung zuerst: + günstiger, − ungünstiger, ≈ etwa wie die Stadt, · keine Wertung. Gruppiert nach Themenfeld.",
        "en": "Assessment first: + more favourable, − less favourable, ≈ about the same as the city, · no judgement. Grouped by topic.",
    },
    "profile.locator.title": {"de": "Lage", "en": "Location"},
    "profile.locator.alt": {
        "de": "Lagekarte: {area} innerhalb von {city} hervorgehoben{compare}.",
        "en": "Locator map: {area} highlighted within {city}{compare}.",
    },
    "profile.locator.alt_compare": {"de": ", {area} als zweites Gebiet", "en": ", {area} as the second area"},
    "profile.locator.legend_other": {"de": "übrige {level}", "en": "other {level}"},
    "profile.locator.no_geometry": {"de": "Für {area} liegt keine Grenze vor.", "en": "No boundary is available for {area}."},
    "profile.radar.title": {"de": "Profil nach Themenfeldern", "en": "Profile by topic"},
    "profile.radar.note": {
        "de": "Je Themenfeld der Mittelwert der standardisierten Abstände zur Stadt ({city} = 0): (Wert − Stadtwert) geteilt durch die Standardabweichung über alle {level}, so gedreht, dass positiv (außen) günstiger ist. ±1 ist etwa eine typische Streuung zwischen den Gebieten.",
        "en": "Per topic, the mean standardised gap to the city ({city} = 0): (value − city value) divided by the standard deviation across all {level}, turned so that positive (outward) is more favourable. ±1 is about one typical spread between the areas.",
    },
    "profile.radar.left_out": {
        "de": "Nicht einbezogen (ohne Richtung oder eine Anzahl): {indicators}.",
        "en": "Not included (no direction, or a count): {indicators}.",
    },
    "profile.radar.none": {
        "de": "Kein Indikator hat hier eine Richtung und einen Wert – ein Themenprofil ist nicht möglich.",
        "en": "No indicator has a direction and a value here – a topic profile is not possible.",
    },
    "profile.radar.city": {"de": "{city} (= 0)", "en": "{city} (= 0)"},
    "profile.radar.count": {"de": "Indikatoren ({area})", "en": "Indicators ({area})"},
    "profile.radar.score": {"de": "Abstand zur Stadt (Standardabweichungen, + günstiger)", "en": "Gap to the city (standard deviations, + more favourable)"},
    "profile.radar.indicators": {"de": "Anzahl Indikatoren", "en": "Number of indicators"},
    "profile.radar.file": {"de": "themenprofil", "en": "topic-profile"},
    "profile.radar.convention": {
        "de": "Abstand je Indikator: (Wert − Stadtwert) / Standardabweichung über die Gebiete der Ebene (Teiler n), mit +1 wo höher günstiger, −1 wo höher ungünstiger; je Themenfeld ungewichteter Mittelwert. Anzahlen und Indikatoren ohne Richtung sind nicht einbezogen.",
        "en": "Gap per indicator: (value − city value) / standard deviation across the level's areas (divisor n), times +1 where higher is more favourable, −1 where higher is less favourable; per topic the unweighted mean. Counts and indicators without a direction are not included.",
    },
    "profile.radar.axis": {"de": "Abstand zur Stadt in Standardabweichungen (+ günstiger)", "en": "Gap to the city in standard deviations (+ more favourable)"},
    "profile.radar.alt": {
        "de": "Profil von {area} über {n} Themenfelder gegenüber {city} (= 0): am günstigsten {best} ({best_score}), am ungünstigsten {worst} ({worst_score}).",
        "en": "Profile of {area} across {n} topics against {city} (= 0): most favourable {best} ({best_score}), least favourable {worst} ({worst_score}).",
    },
    "profile.axis_from_zero": {"de": "Die senkrechte Achse beginnt bei null.", "en": "The vertical axis starts at zero."},
    "profile.axis_not_zero": {
        "de": "Achtung: Die senkrechte Achse beginnt nicht bei null – sie zeigt nur den Bereich, in dem die Werte liegen; Unterschiede wirken dadurch größer.",
        "en": "Note: the vertical axis does not start at zero – it shows only the range of the values, so differences look larger.",
    },
}

register(TEXTS)
