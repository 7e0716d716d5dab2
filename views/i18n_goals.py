"""The strings of the pages "Ziele & Fortschritt" and "Gebietstypen" (German and English), registered on import.

Wording stays neutral: statuses describe how a figure moves towards a target, types describe
how areas differ from the city average — neither judges the people who live there.
"""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    # --- targets and progress ----------------------------------------------------------------
    "nav.targets": {"de": "Ziele & Fortschritt", "en": "Targets & progress"},
    "targets.title": {"de": "Ziele und Fortschritt", "en": "Targets and progress"},
    "targets.intro": {
        "de": "Für einige Kennzahlen sind Ziele festgelegt: ein Zielwert, der bis zu einem Zieljahr erreicht werden soll. "
        "Diese Seite vergleicht für jedes Ziel, wie schnell sich der Wert seit dem Basisjahr tatsächlich bewegt hat, mit dem "
        "Tempo, das nötig wäre, um das Ziel rechtzeitig zu erreichen – so wie es die Nachhaltigkeitsberichte nach Open SDG "
        "und Eurostat tun.",
        "en": "Some indicators have targets: a value to be reached by a target year. For each target this page compares how "
        "fast the figure has actually moved since the base year with the pace needed to reach the target in time – as the "
        "sustainability reports built with Open SDG and Eurostat do.",
    },
    "targets.none": {
        "de": "Dieser Datensatz legt keine Ziele fest. Ziele werden in dataset.json unter „targets“ eingetragen (siehe docs/targets.md).",
        "en": "This dataset declares no targets. Targets are entered in dataset.json under 'targets' (see docs/targets.md).",
    },
    "targets.examples": {
        "de": "Beispielziele: {notes}",
        "en": "Example targets: {notes}",
    },
    "targets.overview": {"de": "Alle Ziele auf einen Blick", "en": "All targets at a glance"},
    "targets.counts": {"de": "{n} × {status}", "en": "{n} × {status}"},
    "targets.ratio_chart_x": {
        "de": "erreichtes Tempo in % des nötigen Tempos (100 % = genau im Plan)",
        "en": "pace achieved as % of the pace needed (100% = exactly on plan)",
    },
    "targets.ratio_alt": {
        "de": "Balkendiagramm: für jedes Ziel das seit dem Basisjahr erreichte Tempo in Prozent des nötigen Tempos; ab 95 % gilt ein Ziel als auf Kurs. {items}",
        "en": "Bar chart: for each target the pace achieved since the base year as a percentage of the pace needed; from 95% a target counts as on track. {items}",
    },
    "targets.ratio_item": {"de": "{label}: {status} ({ratio})", "en": "{label}: {status} ({ratio})"},
    "targets.threshold": {"de": "{value} %", "en": "{value}%"},
    "targets.choose": {"de": "Ziel", "en": "Target"},
    "targets.unknown_in_link": {
        "de": "Das Ziel aus dem Link gibt es in diesem Datensatz nicht; gezeigt wird das erste Ziel.",
        "en": "The target in the link does not exist in this dataset; showing the first target.",
    },
    "targets.detail": {"de": "Ein Ziel im Einzelnen", "en": "One target in detail"},
    "targets.phrase.decrease": {"de": "höchstens {value} bis {year}", "en": "at most {value} by {year}"},
    "targets.phrase.increase": {"de": "mindestens {value} bis {year}", "en": "at least {value} by {year}"},
    "targets.scope.city": {"de": "Gesamtstadt", "en": "whole city"},
    "targets.scope.every": {"de": "jedes Gebiet der Ebene „{level}“", "en": "every area of the level “{level}”"},
    "targets.scope.areas": {"de": "{areas} ({level})", "en": "{areas} ({level})"},
    "targets.sentence.target": {
        "de": "**Ziel:** {indicator} {phrase} – gilt für: {scope}.",
        "en": "**Target:** {indicator} {phrase} – applies to: {scope}.",
    },
    "targets.sentence.progress": {
        "de": "{where} lag der Wert {base_year} bei {base}, {current_year} bei {current}. Erreicht: {achieved}; nötig für das Ziel: {required} ({method}) – das sind {ratio} des nötigen Tempos.",
        "en": "{where} the value was {base} in {base_year} and {current} in {current_year}. Achieved: {achieved}; needed for the target: {required} ({method}) – that is {ratio} of the pace needed.",
    },
    "targets.sentence.progress_no_ratio": {
        "de": "{where} lag der Wert {base_year} bei {base}, {current_year} bei {current}.",
        "en": "{where} the value was {base} in {base_year} and {current} in {current_year}.",
    },
    "targets.sentence.status": {"de": "**Stand:** {status}.", "en": "**Status:** {status}."},
    "targets.sentence.weakest": {
        "de": "Das Ziel gilt für mehrere Gebiete und ist nur so weit wie das Gebiet mit dem schlechtesten Stand: {area}.",
        "en": "The target applies to several areas and is only as far along as the area with the worst status: {area}.",
    },
    "targets.where.city": {"de": "In {city}", "en": "In {city},"},
    "targets.where.area": {"de": "In {area}", "en": "In {area},"},
    "targets.past_year": {
        "de": "Das Zieljahr {year} ist erreicht; der Stand gilt für das letzte Jahr mit Daten.",
        "en": "The target year {year} has been reached; the status refers to the latest year with data.",
    },
    "targets.pace.growth": {"de": "{value} pro Jahr", "en": "{value} a year"},
    "targets.pace.linear": {"de": "{value} pro Jahr", "en": "{value} a year"},
    "targets.method.growth": {"de": "Wachstumsrate", "en": "growth rate"},
    "targets.method.linear": {"de": "lineare Veränderung", "en": "linear change"},
    "status.achieved": {"de": "Ziel erreicht", "en": "target achieved"},
    "status.on_track": {"de": "auf Kurs", "en": "on track"},
    "status.too_slow": {"de": "zu langsam – Beschleunigung nötig", "en": "too slow – acceleration needed"},
    "status.stalling": {"de": "kaum Fortschritt", "en": "little or no progress"},
    "status.moving_away": {"de": "entfernt sich vom Ziel", "en": "moving away from the target"},
    "status.not_assessable": {"de": "nicht bewertbar", "en": "not assessable"},
    "status_short.achieved": {"de": "Ziel erreicht", "en": "achieved"},
    "status_short.on_track": {"de": "auf Kurs", "en": "on track"},
    "status_short.too_slow": {"de": "zu langsam", "en": "too slow"},
    "status_short.stalling": {"de": "kaum Fortschritt", "en": "little progress"},
    "status_short.moving_away": {"de": "entfernt sich", "en": "moving away"},
    "status_short.not_assessable": {"de": "nicht bewertbar", "en": "not assessable"},
    "reason.no_values": {"de": "keine Werte", "en": "no values"},
    "reason.no_city_value": {
        "de": "kein Wert für die Gesamtstadt – ohne Zähler und Nenner lassen sich die Gebietswerte nicht zusammenfassen",
        "en": "no city-wide value – without numerator and denominator the area values cannot be combined",
    },
    "reason.one_year": {
        "de": "nur ein Jahr mit Wert – ein Trend braucht mindestens zwei",
        "en": "only one year with a value – a trend needs at least two",
    },
    "reason.base_not_before_target": {
        "de": "die ersten Werte liegen nicht vor dem Zieljahr",
        "en": "the first values do not lie before the target year",
    },
    "targets.not_assessable": {
        "de": "**Stand:** nicht bewertbar – {reason}.",
        "en": "**Status:** not assessable – {reason}.",
    },
    "targets.trend_title": {"de": "Verlauf und Zielpfad", "en": "Trend and target path"},
    "targets.path": {"de": "nötiger Pfad ab {year}", "en": "path needed from {year}"},
    "targets.target_marker": {"de": "Zielwert {year}", "en": "target value {year}"},
    "targets.trend_alt": {
        "de": "Liniendiagramm: {indicator} von {first} bis {last} für {series}. Zielwert {value} im Jahr {year}.{path}",
        "en": "Line chart: {indicator} from {first} to {last} for {series}. Target value {value} in {year}.{path}",
    },
    "targets.trend_alt_path": {
        "de": " Gestrichelt der Pfad, der ab {year} rechtzeitig zum Ziel führt.",
        "en": " Dashed: the path that leads to the target in time from {year}.",
    },
    "targets.areas_title": {"de": "Gebiete, die am weitesten vom Ziel entfernt sind", "en": "Areas furthest from the target"},
    "targets.areas_city_note": {
        "de": "Das Ziel gilt für die Gesamtstadt. Zum Vergleich ist hier jedes Gebiet der Ebene „{level}“ am selben Zielwert gemessen.",
        "en": "The target applies to the whole city. For comparison, every area of the level “{level}” is measured against the same target value here.",
    },
    "targets.furthest": {
        "de": "Am weitesten vom Zielwert entfernt: {areas}.",
        "en": "Furthest from the target value: {areas}.",
    },
    "targets.furthest_item": {"de": "{area} (noch {distance})", "en": "{area} ({distance} to go)"},
    "targets.all_reached": {
        "de": "Alle Gebiete mit Wert haben den Zielwert erreicht.",
        "en": "Every area with a value has reached the target value.",
    },
    "targets.area_counts": {"de": "Stand der {n} Gebiete: {counts}.", "en": "Status of the {n} areas: {counts}."},
    "targets.method_title": {"de": "Wie der Stand berechnet wird", "en": "How the status is computed"},
    "targets.method": {
        "de": "1. **Basisjahr** ist das im Ziel genannte Jahr (sonst das erste Jahr mit Wert), **aktuell** das letzte Jahr mit Wert.\n"
        "2. **Erreichtes Tempo**: die durchschnittliche jährliche Wachstumsrate vom Basisjahr bis heute, "
        "(aktuell ÷ Basis)^(1 ÷ Jahre) − 1. **Nötiges Tempo**: dieselbe Rate vom Basiswert bis zum Zielwert im Zieljahr.\n"
        "3. Liegt einer der Werte bei null oder darunter oder unter 5 % des größten der drei Werte, sagt eine Wachstumsrate "
        "wenig (nahe null verändert schon eine kleine Schwankung sie stark); dann zählt die **lineare Veränderung** pro Jahr "
        "in der Einheit des Merkmals.\n"
        "4. Erreichtes ÷ nötiges Tempo ergibt den Stand: ab 95 % **auf Kurs**, 60 bis 95 % **zu langsam**, 0 bis 60 % **kaum "
        "Fortschritt**, unter 0 % **entfernt sich vom Ziel**. Ist der Zielwert schon erreicht: **Ziel erreicht**. Mit weniger als "
        "zwei Jahren mit Wert: **nicht bewertbar**.\n"
        "5. Gilt ein Ziel für mehrere Gebiete, bestimmt das Gebiet mit dem schlechtesten Stand den Stand des Ziels.\n\n"
        "Die Schwellen sind die von Open SDG (Eurostat-Methode „distance to target“). Kleine Gebiete schwanken von Jahr zu Jahr; "
        "ihr Stand ist ein Hinweis, keine Prognose.",
        "en": "1. The **base year** is the year the target names (else the first year with a value); **current** is the latest year with a value.\n"
        "2. **Pace achieved**: the compound annual growth rate from the base year to now, (current ÷ base)^(1 ÷ years) − 1. "
        "**Pace needed**: the same rate from the base value to the target value in the target year.\n"
        "3. Where one of the values is zero or below, or under 5% of the largest of the three, a growth rate says little (near "
        "zero a small fluctuation changes it a lot); then the **linear change** per year in the indicator's unit counts.\n"
        "4. Achieved ÷ needed pace gives the status: from 95% **on track**, 60 to 95% **too slow**, 0 to 60% **little or no "
        "progress**, below 0% **moving away from the target**. Where the target value has already been reached: **target "
        "achieved**. With fewer than two years with a value: **not assessable**.\n"
        "5. Where a target applies to several areas, the area with the worst status sets the status of the target.\n\n"
        "The thresholds are those of Open SDG (Eurostat's 'distance to target' method). Small areas fluctuate from year to "
        "year; their status is a hint, not a forecast.",
    },
    "targets.download_overview": {"de": "Alle Ziele als CSV herunterladen (für Excel)", "en": "Download all targets as CSV (for Excel)"},
    "targets.download_areas": {"de": "Gebiete als CSV herunterladen (für Excel)", "en": "Download the areas as CSV (for Excel)"},
    "targets.table_alt": {"de": "Tabelle hinter dem Diagramm", "en": "Table behind the chart"},
    "column.target": {"de": "Ziel", "en": "Target"},
    "column.target_id": {"de": "Ziel-id", "en": "Target id"},
    "column.scope": {"de": "gilt für", "en": "applies to"},
    "column.target_value": {"de": "Zielwert", "en": "Target value"},
    "column.target_year": {"de": "Zieljahr", "en": "Target year"},
    "column.direction": {"de": "Richtung", "en": "Direction"},
    "column.base_year": {"de": "Basisjahr", "en": "Base year"},
    "column.base_value": {"de": "Basiswert", "en": "Base value"},
    "column.current_year": {"de": "aktuelles Jahr", "en": "Current year"},
    "column.current_value": {"de": "aktueller Wert", "en": "Current value"},
    "column.base": {"de": "Basis", "en": "Base"},
    "column.current": {"de": "aktuell", "en": "Current"},
    "column.status": {"de": "Stand", "en": "Status"},
    "column.method": {"de": "Methode", "en": "Method"},
    "column.achieved_pace": {"de": "erreichtes Tempo", "en": "Pace achieved"},
    "column.required_pace": {"de": "nötiges Tempo", "en": "Pace needed"},
    "column.ratio": {"de": "Anteil des nötigen Tempos", "en": "Share of the pace needed"},
    "column.remaining": {"de": "noch bis zum Ziel", "en": "Still to go"},
    "column.example": {"de": "Beispielziel", "en": "Example target"},
    "column.weakest_area": {"de": "Gebiet mit dem schlechtesten Stand", "en": "Area with the worst status"},
    "direction.increase": {"de": "steigern", "en": "increase"},
    "direction.decrease": {"de": "senken", "en": "decrease"},
    "value.yes": {"de": "ja", "en": "yes"},
    "value.no": {"de": "nein", "en": "no"},
}

register(TEXTS)
