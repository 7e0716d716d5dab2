"""The strings of the page "Entwicklung" (trends), German and English, registered with views.i18n on import."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "nav.trends": {"de": "Entwicklung", "en": "Trends"},
    "trends.title": {"de": "Entwicklung", "en": "Trends"},
    "trends.intro": {
        "de": "Wie hat sich {indicator} in den einzelnen Gebieten ({level}) entwickelt – und wo entfernt sich ein Gebiet von der Stadt? "
        "Gezeigt wird der Verlauf bis {end}; Veränderungen werden vom Basisjahr bis {end} gerechnet.",
        "en": "How has {indicator} developed in each area ({level}) – and where does an area move away from the city? "
        "Shown is the course up to {end}; changes are counted from the base year to {end}.",
    },
    "trends.end_fallback": {
        "de": "{period} ist das erste Jahr mit Werten; gezeigt wird darum die Entwicklung bis {end}.",
        "en": "{period} is the first year with values, so the development up to {end} is shown.",
    },
    # controls
    "trends.base": {"de": "Basisjahr", "en": "Base year"},
    "trends.show": {"de": "Darstellung", "en": "Show"},
    "trends.show_option.value": {"de": "Werte", "en": "Values"},
    "trends.show_option.index": {"de": "Index (Basisjahr = 100)", "en": "Index (base year = 100)"},
    "trends.show_option.change": {"de": "Veränderung seit Basisjahr", "en": "Change since base year"},
    "trends.no_index_signed": {
        "de": "Kein Index (Basisjahr = 100) und keine Veränderung in Prozent: Dieses Merkmal ist ein Saldo oder hat negative Werte. "
        "Bei Werten um null, die das Vorzeichen wechseln können, sagt ein Verhältnis zum Basisjahr nichts aus; die Veränderung "
        "steht deshalb in der Einheit des Merkmals.",
        "en": "No index (base year = 100) and no change in percent: this indicator is a balance or has negative values. For "
        "values around zero that can change sign, a ratio to the base year means nothing, so the change is given in the "
        "indicator's own unit.",
    },
    "trends.sort": {"de": "Reihenfolge", "en": "Order"},
    "trends.sort.latest_desc": {"de": "höchster Wert {end} zuerst", "en": "highest value in {end} first"},
    "trends.sort.latest_asc": {"de": "niedrigster Wert {end} zuerst", "en": "lowest value in {end} first"},
    "trends.sort.change_desc": {"de": "größte Veränderung zuerst", "en": "largest change first"},
    "trends.sort.change_asc": {"de": "kleinste Veränderung zuerst", "en": "smallest change first"},
    "trends.sort.name": {"de": "nach Name", "en": "by name"},
    "trends.window": {"de": "Wachsender Abstand: Zeitraum", "en": "Widening gap: period"},
    "trends.window_option": {"de": "letzte {n} Jahre mit Daten (ab {since})", "en": "last {n} years with data (from {since})"},
    "trends.search": {"de": "Gebiet suchen (Name oder Nummer)", "en": "Find an area (name or number)"},
    "trends.page": {"de": "Gebiete", "en": "Areas"},
    "trends.page_option": {"de": "{first}–{last} von {n}", "en": "{first}–{last} of {n}"},
    "trends.search_none": {"de": "Kein Gebiet passt zur Suche „{search}“.", "en": "No area matches the search “{search}”."},
    # sections
    "trends.multiples_header": {"de": "Verlauf je Gebiet", "en": "Each area over time"},
    "trends.multiples_caption": {
        "de": "{unit} · durchgezogen: das Gebiet; gestrichelt: {city} gesamt. {mark} im Titel (und hinterlegt): der Abstand zur Stadt wächst. Alle Felder haben dieselben Achsen.",
        "en": "{unit} · solid: the area; dashed: {city} total. {mark} in the title (and shaded): the gap to the city is widening. All panels share their axes.",
    },
    "trends.multiples_caption_no_city": {
        "de": "{unit} · {mark} im Titel (und hinterlegt): der Abstand zur Stadt wächst. Alle Felder haben dieselben Achsen.",
        "en": "{unit} · {mark} in the title (and shaded): the gap to the city is widening. All panels share their axes.",
    },
    "trends.widening_header": {"de": "Wo wächst der Abstand zur Stadt?", "en": "Where is the gap to the city widening?"},
    "trends.ranking_header": {"de": "Veränderung {base}–{end} im Vergleich", "en": "Change {base}–{end} compared"},
    "trends.map_header": {"de": "Bilanz-Karte: Veränderung {base}–{end}", "en": "Balance map: change {base}–{end}"},
    "trends.measure.relative": {
        "de": "Veränderung in Prozent des Werts von {base}: so lassen sich Gebiete unterschiedlicher Größe und die Stadt vergleichen.",
        "en": "Change in percent of the value in {base}: this makes areas of different size and the city comparable.",
    },
    "trends.measure.absolute": {
        "de": "Veränderung in der Einheit des Merkmals ({unit}).",
        "en": "Change in the indicator's unit ({unit}).",
    },
    "trends.export_name": {"de": "entwicklung", "en": "trends"},
    "trends.export_title": {
        "de": "Veränderung von {indicator} {base}–{end} je Gebiet ({level})",
        "en": "Change of {indicator} {base}–{end} per area ({level})",
    },
    "trends.export_series_title": {
        "de": "{indicator} je Gebiet ({level}) und Jahr, {shown}",
        "en": "{indicator} per area ({level}) and year, {shown}",
    },
    # problems
    "trends.no_values": {
        "de": "Für {indicator} gibt es auf der Ebene der {level} keine Werte.",
        "en": "{indicator} has no values for the {level}.",
    },
    "trends.single_period": {
        "de": "{indicator} liegt nur für ein Jahr vor ({period}); eine Entwicklung lässt sich damit nicht zeigen.",
        "en": "{indicator} is available for one year only ({period}); no development can be shown.",
    },
    "trends.end_too_early": {
        "de": "{period} ist das erste Jahr mit Werten für {indicator}. Bitte wählen Sie in der Seitenleiste ein späteres Jahr: "
        "die Entwicklung wird von einem Basisjahr bis zum gewählten Jahr gezeigt.",
        "en": "{period} is the first year with values for {indicator}. Please choose a later year in the sidebar: the "
        "development is shown from a base year up to the chosen year.",
    },
    "trends.several_periods": {
        "de": "Auf dieser Ebene für mehrere Jahre verfügbar: {indicators}.",
        "en": "Available for several years at this level: {indicators}.",
    },
    "trends.no_several_periods": {
        "de": "Auf dieser Ebene liegt kein Indikator für mehrere Jahre vor.",
        "en": "No indicator is available for several years at this level.",
    },
    # chart texts
    "trends.points": {"de": "Prozentpunkte", "en": "percentage points"},
    "trends.index_unit": {"de": "Index (Basisjahr = 100)", "en": "Index (base year = 100)"},
    "trends.area_line": {"de": "Gebiet", "en": "Area"},
    "trends.widening_column": {"de": "Abstand zur Stadt wächst", "en": "Gap to the city widening"},
    "trends.yes": {"de": "ja", "en": "yes"},
    "trends.below_city": {"de": "Veränderung kleiner als in {city}", "en": "Change smaller than in {city}"},
    "trends.above_city": {"de": "Veränderung größer als in {city}", "en": "Change larger than in {city}"},
    "trends.same_as_city": {"de": "Veränderung wie in {city}", "en": "Change as in {city}"},
    "trends.change_label": {"de": "Veränderung", "en": "Change"},
    "trends.no_base": {"de": "kein Ausgangswert über 0", "en": "no base value above 0"},
    "trends.value_in": {"de": "Wert {period}", "en": "Value {period}"},
    "trends.change_in_unit": {"de": "Veränderung ({unit})", "en": "Change ({unit})"},
    "trends.change_in_percent": {"de": "Veränderung (%)", "en": "Change (%)"},
    "trends.unchanged": {"de": "unverändert (0)", "en": "unchanged (0)"},
    "trends.sides.higher_worse": {
        "de": "Blau: gesunken (günstiger); rot: gestiegen (ungünstiger).",
        "en": "Blue: fell (more favourable); red: rose (less favourable).",
    },
    "trends.sides.higher_better": {
        "de": "Blau: gestiegen (günstiger); rot: gesunken (ungünstiger).",
        "en": "Blue: rose (more favourable); red: fell (less favourable).",
    },
    "trends.balance_legend": {"de": "Veränderung {base}–{end} ({unit})", "en": "Change {base}–{end} ({unit})"},
    "trends.balance_classes": {
        "de": "Klassen nach Quantilen, getrennt für Rückgang und Anstieg; je dunkler, desto größer die Veränderung.",
        "en": "Classes by quantiles, separately for decrease and increase; the darker, the larger the change.",
    },
    "trends.index_undefined": {
        "de": "Für {n} Gebiete gibt es keinen Index: ihr Wert {base} ist 0 oder fehlt.",
        "en": "No index for {n} areas: their value in {base} is 0 or missing.",
    },
    "trends.no_city_line_counts": {
        "de": "Bei Anzahlen ist der Wert für {city} die Summe aller Gebiete; er wird darum nicht als Linie gezeigt. In der Darstellung „Index“ ist das Wachstum der Stadt eingezeichnet.",
        "en": "For counts, the value for {city} is the sum of all areas, so it is not drawn as a line. The view “Index” shows the city's growth.",
    },
    "trends.no_city_value": {
        "de": "Für {city} lässt sich kein Gesamtwert bilden (ohne Zähler und Nenner); die Linie der Stadt fehlt darum.",
        "en": "No total for {city} can be formed (no numerator and denominator), so the city line is missing.",
    },
    "trends.panel_alt": {
        "de": "Liniendiagramm {name}: von {start} ({first}) auf {end} ({last}). {widening}",
        "en": "Line chart {name}: from {start} ({first}) to {end} ({last}). {widening}",
    },
    "trends.panel_widening": {"de": "Der Abstand zur Stadt wächst.", "en": "The gap to the city is widening."},
    "trends.show.value": {"de": "als Werte", "en": "as values"},
    "trends.show.index": {"de": "als Index ({base} = 100)", "en": "as an index ({base} = 100)"},
    "trends.show.change": {"de": "als Veränderung seit {base}", "en": "as change since {base}"},
    "trends.city_change_sentence": {"de": "{city} gesamt: {value}.", "en": "{city} total: {value}."},
    "trends.ranking_alt": {
        "de": "Balkendiagramm der {n} {level}: Veränderung von {indicator} zwischen {base} und {end}. "
        "Größte Veränderung: {top} ({top_value}); kleinste: {bottom} ({bottom_value}). {city_sentence}",
        "en": "Bar chart of the {n} {level}: change of {indicator} between {base} and {end}. "
        "Largest change: {top} ({top_value}); smallest: {bottom} ({bottom_value}). {city_sentence}",
    },
    "trends.map_alt": {
        "de": "Karte der Veränderung von {indicator} zwischen {base} und {end} ({level}): {up} gestiegen, {down} gesunken, "
        "{same} unverändert. Größte Veränderung: {top} ({top_value}); kleinste: {bottom} ({bottom_value}).",
        "en": "Map of the change of {indicator} between {base} and {end} ({level}): {up} rose, {down} fell, {same} unchanged. "
        "Largest change: {top} ({top_value}); smallest: {bottom} ({bottom_value}).",
    },
    # the widening gap
    "trends.widening_none": {
        "de": "In keinem der {total} {level} wächst der Abstand zur Stadt seit {since} von Jahr zu Jahr.",
        "en": "In none of the {total} {level} has the gap to the city widened year after year since {since}.",
    },
    "trends.widening_one": {
        "de": "Seit {since} wächst der Abstand zur Stadt in einem der {total} {level} – {groups}.",
        "en": "Since {since}, the gap to the city has been widening in one of the {total} {level} – {groups}.",
    },
    "trends.widening_some": {
        "de": "Seit {since} wächst der Abstand zur Stadt in {n} der {total} {level} – {groups}.",
        "en": "Since {since}, the gap to the city has been widening in {n} of the {total} {level} – {groups}.",
    },
    "trends.and_more": {"de": "und {n} weitere (siehe Tabelle)", "en": "and {n} more (see the table)"},
    "trends.side.higher_worse.above": {"de": "zunehmend ungünstiger als die Stadt (höherer Wert)", "en": "increasingly less favourable than the city (higher value)"},
    "trends.side.higher_worse.below": {"de": "zunehmend günstiger (niedrigerer Wert)", "en": "increasingly more favourable (lower value)"},
    "trends.side.higher_better.above": {"de": "zunehmend günstiger als die Stadt (höherer Wert)", "en": "increasingly more favourable than the city (higher value)"},
    "trends.side.higher_better.below": {"de": "zunehmend ungünstiger (niedrigerer Wert)", "en": "increasingly less favourable (lower value)"},
    "trends.side.neutral.above": {"de": "zunehmend über dem Wert der Stadt", "en": "increasingly above the city value"},
    "trends.side.neutral.below": {"de": "zunehmend darunter", "en": "increasingly below it"},
    "trends.side.growth.above": {"de": "wachsen zunehmend stärker als die Stadt", "en": "growing increasingly faster than the city"},
    "trends.side.growth.below": {"de": "wachsen zunehmend schwächer als die Stadt (oder schrumpfen)", "en": "growing increasingly slower than the city (or shrinking)"},
    "trends.widening_no_city": {
        "de": "Ohne Gesamtwert für {city} lässt sich nicht sagen, wo sich ein Gebiet von der Stadt entfernt.",
        "en": "Without a total for {city} it cannot be said where an area moves away from the city.",
    },
    "trends.widening_rule": {
        "de": "Regel: Der Abstand eines Gebiets zum Wert der Stadt wächst, wenn er in jedem der letzten {n} Jahre mit Daten "
        "({since}–{end}) größer ist als im Jahr davor – gerundet, wie angezeigt – und das Gebiet dabei auf derselben Seite "
        "des Stadtwerts bleibt. Gebiete mit einer Lücke in diesen Jahren werden nicht bewertet.",
        "en": "Rule: an area's gap to the city value is widening when it is larger than in the year before in each of the "
        "last {n} years with data ({since}–{end}) – rounded as shown – and the area stays on the same side of the city "
        "value. Areas with a gap in the data in these years are not assessed.",
    },
    "trends.widening_rule_counts": {
        "de": "Bei Anzahlen wird das Wachstum verglichen: Gebiet und Stadt als Index, {since} = 100.",
        "en": "For counts, growth is compared: area and city as an index, {since} = 100.",
    },
}

register(TEXTS)
