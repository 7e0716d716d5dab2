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
    "column.series": {"de": "Reihe", "en": "Series"},
    "export.name.targets": {"de": "ziele", "en": "targets"},
    "export.name.types": {"de": "gebietstypen", "en": "area-types"},
    "export.name.type_profiles": {"de": "typenprofile", "en": "type-profiles"},
    "export.name.silhouette": {"de": "silhouette", "en": "silhouette"},
    "export.name.stability": {"de": "stabilitaet", "en": "stability"},
    "value.yes": {"de": "ja", "en": "yes"},
    "value.no": {"de": "nein", "en": "no"},
    # --- area types ------------------------------------------------------------------------------
    "nav.area_types": {"de": "Gebietstypen", "en": "Area types"},
    "types.title": {"de": "Gebietstypen", "en": "Area types"},
    "types.intro": {
        "de": "Welche Gebiete ähneln sich über mehrere Merkmale zugleich? Wie in Sozialraumanalysen werden die gewählten "
        "Merkmale standardisiert (z-Werte: Abstand vom Mittel der Gebiete in Standardabweichungen, jedes Merkmal gleich "
        "gewichtet) und die Gebiete mit dem Ward-Verfahren schrittweise zu Typen zusammengefasst, die in sich möglichst "
        "ähnlich sind. Ein Typ beschreibt die Lage im Vergleich zum Durchschnitt der Gebiete, nicht die Menschen, die dort wohnen.",
        "en": "Which areas resemble each other across several indicators at once? As in social-space analyses, the chosen "
        "indicators are standardised (z-values: distance from the mean of the areas in standard deviations, every indicator "
        "weighted equally) and Ward's method merges the areas step by step into types that are as alike within as possible. "
        "A type describes the situation compared with the average of the areas, not the people who live there.",
    },
    "types.indicators": {"de": "Merkmale der Typisierung", "en": "Indicators of the typology"},
    "types.k": {"de": "Anzahl der Typen", "en": "Number of types"},
    "types.k_auto": {"de": "Vorschlag: {k} (höchste Silhouette)", "en": "Suggested: {k} (highest silhouette)"},
    "types.k_auto_short": {"de": "Vorschlag", "en": "suggested"},
    "types.too_few_indicators": {
        "de": "Bitte mindestens {n} Merkmale wählen, die in {period} auf der Ebene „{level}“ Werte haben.",
        "en": "Please choose at least {n} indicators that have values in {period} at the level “{level}”.",
    },
    "types.too_few_areas": {
        "de": "Zu wenige Gebiete mit vollständigen Werten ({n}); eine Typisierung braucht mindestens {min}. Wählen Sie eine feinere Ebene oder andere Merkmale.",
        "en": "Too few areas with complete values ({n}); a typology needs at least {min}. Choose a finer level or other indicators.",
    },
    "types.dropped.no_values": {"de": "ohne Werte in diesem Jahr auf dieser Ebene", "en": "no values in this year at this level"},
    "types.dropped.constant": {"de": "in allen Gebieten gleich – trennt keine Typen", "en": "the same in every area – separates no types"},
    "types.dropped": {"de": "Nicht verwendet: {items}.", "en": "Not used: {items}."},
    "types.gap.withheld": {"de": "{indicator} geheim gehalten (kleine Fallzahl)", "en": "{indicator} withheld (small count)"},
    "types.gap.missing": {"de": "{indicator} ohne Wert", "en": "{indicator} has no value"},
    "types.summary": {
        "de": "{n} {level} in {k} Typen nach {m} Merkmalen ({period}): {indicators}.",
        "en": "{n} {level} in {k} types by {m} indicators ({period}): {indicators}.",
    },
    "types.left_out_count": {
        "de": "{n} Gebiete ohne vollständige Werte sind nicht typisiert (siehe unten).",
        "en": "{n} areas without complete values are not typed (see below).",
    },
    "types.sentence": {"de": "**Typ {number}** ({n} {areas}): {profile}.", "en": "**Type {number}** ({n} {areas}): {profile}."},
    "types.areas_one": {"de": "Gebiet", "en": "area"},
    "types.areas_many": {"de": "Gebiete", "en": "areas"},
    "types.near_mean": {"de": "in allen gewählten Merkmalen nahe am Durchschnitt", "en": "close to the average in every chosen indicator"},
    "types.level.very_high": {"de": "sehr hoch", "en": "very high"},
    "types.level.high": {"de": "hoch", "en": "high"},
    "types.level.low": {"de": "niedrig", "en": "low"},
    "types.level.very_low": {"de": "sehr niedrig", "en": "very low"},
    "types.favourable": {"de": "(günstig)", "en": "(favourable)"},
    "types.unfavourable": {"de": "(ungünstig)", "en": "(unfavourable)"},
    "types.profiles_title": {"de": "Die Typen", "en": "The types"},
    "types.profiles_note": {
        "de": "Genannt sind Merkmale, deren Mittel im Typ mindestens eine halbe Standardabweichung vom Durchschnitt der Gebiete abweicht (ab einer ganzen: „sehr“), die stärksten zuerst; „günstig/ungünstig“ folgt der Richtung des Merkmals im Katalog.",
        "en": "Named are indicators whose mean in the type lies at least half a standard deviation from the average of the areas (from a whole one: “very”), strongest first; “favourable/unfavourable” follows the indicator's direction in the catalog.",
    },
    "types.map_title": {"de": "Karte der Typen", "en": "Map of the types"},
    "types.type": {"de": "Typ {number}", "en": "Type {number}"},
    "types.not_typed": {"de": "nicht typisiert", "en": "not typed"},
    "types.legend": {"de": "Gebietstypen", "en": "Area types"},
    "types.legend_note": {
        "de": "Die Nummer des Typs steht auch im Gebiet und im Tooltip.",
        "en": "The type number is also written in the area and in the tooltip.",
    },
    "types.map_alt": {
        "de": "Karte der {level} nach {k} Gebietstypen: {counts}.",
        "en": "Map of the {level} by {k} area types: {counts}.",
    },
    "types.heatmap_title": {"de": "Profile der Typen (mittlere z-Werte)", "en": "Profiles of the types (mean z-values)"},
    "types.heatmap_alt": {
        "de": "Tabelle als Farbfeld: mittlere z-Werte von {k} Typen in {m} Merkmalen, orange über, lila unter dem Durchschnitt. {extremes}.",
        "en": "Table as a colour grid: mean z-values of {k} types in {m} indicators, orange above, purple below the average. {extremes}.",
    },
    "types.k_title": {"de": "Wie viele Typen?", "en": "How many types?"},
    "types.k_intro": {
        "de": "Die Silhouette misst, wie gut die Gebiete zu ihrem Typ passen (1 = sehr gut getrennt, 0 = zwischen zwei Typen). Vorgeschlagen wird die Zahl der Typen mit der höchsten mittleren Silhouette; Sie können eine andere wählen.",
        "en": "The silhouette measures how well the areas fit their type (1 = clearly separated, 0 = between two types). The number of types with the highest average silhouette is suggested; you can choose another.",
    },
    "types.k_axis": {"de": "Anzahl der Typen", "en": "Number of types"},
    "types.silhouette_axis": {"de": "mittlere Silhouette", "en": "average silhouette"},
    "types.suggested": {"de": "Vorschlag", "en": "suggested"},
    "types.silhouette_alt": {
        "de": "Säulendiagramm der mittleren Silhouette je Anzahl der Typen: {values}. Vorschlag: {k} Typen.",
        "en": "Bar chart of the average silhouette per number of types: {values}. Suggested: {k} types.",
    },
    "types.stability_title": {"de": "Wie stabil sind die Typen?", "en": "How stable are the types?"},
    "types.stability_intro": {
        "de": "Die Gebiete werden vielfach zufällig neu gezogen (Bootstrap, mit Zurücklegen) und jedes Mal neu typisiert. Für jeden Typ zeigt der Jaccard-Wert, wie sehr er im Mittel wiederkehrt (1 = immer genau so): ab 0,75 stabil, 0,6 bis 0,75 ein erkennbares Muster, darunter instabil (Hennig 2007).",
        "en": "The areas are drawn again at random many times (bootstrap, with replacement) and typed anew each time. For each type the Jaccard value shows how much it recurs on average (1 = always exactly so): from 0.75 stable, 0.6 to 0.75 a recognisable pattern, below unstable (Hennig 2007).",
    },
    "types.stability_sentence": {
        "de": "{stable} von {k} Typen sind stabil. Über {resamples} Stichproben stimmt die Typisierung im Mittel mit einem bereinigten Rand-Index von {ari} mit der gezeigten überein (1 = gleich, 0 = wie Zufall).",
        "en": "{stable} of {k} types are stable. Over {resamples} samples the typology agrees with the one shown with an average adjusted Rand index of {ari} (1 = identical, 0 = like chance).",
    },
    "types.stable": {"de": "stabil", "en": "stable"},
    "types.pattern": {"de": "erkennbares Muster", "en": "recognisable pattern"},
    "types.unstable": {"de": "instabil", "en": "unstable"},
    "types.areas_title": {"de": "Die Gebiete und ihr Typ", "en": "The areas and their type"},
    "types.left_out_title": {"de": "Nicht typisierte Gebiete", "en": "Areas not typed"},
    "types.download": {"de": "Gebiete und Typen als CSV herunterladen (für Excel)", "en": "Download areas and types as CSV (for Excel)"},
    "types.export_note": {
        "de": "{k} Typen (Vorschlag nach der mittleren Silhouette: {suggested}); z-Werte ungewichtet über die typisierten Gebiete, Ward-Verfahren (docs/area-types.md).",
        "en": "{k} types (suggested by the average silhouette: {suggested}); z-values unweighted over the typed areas, Ward's method (docs/area-types.md).",
    },
    "types.column.type": {"de": "Typ", "en": "Type"},
    "types.column.size": {"de": "Gebiete", "en": "Areas"},
    "types.column.jaccard": {"de": "mittlerer Jaccard-Wert", "en": "Mean Jaccard"},
    "types.column.stability": {"de": "Einordnung", "en": "Assessment"},
    "types.column.z": {"de": "z: {indicator}", "en": "z: {indicator}"},
    "types.column.reason": {"de": "Grund", "en": "Reason"},
    "types.column.suggested": {"de": "Vorschlag", "en": "Suggested"},
    "types.method_title": {"de": "Wie die Typen gebildet werden", "en": "How the types are formed"},
    "types.method": {
        "de": "1. **Gebiete**: alle Gebiete der gewählten Ebene mit einem Wert für jedes Merkmal im gewählten Jahr; Gebiete mit einem fehlenden oder geheim gehaltenen Wert werden ausgelassen und unten mit Grund genannt.\n"
        "2. **Standardisierung**: je Merkmal z = (Wert − Mittelwert) ÷ Standardabweichung über diese Gebiete, jedes Gebiet zählt einmal (nicht nach Einwohnern gewichtet), jedes Merkmal hat dasselbe Gewicht.\n"
        "3. **Ward-Verfahren** (hierarchische Clusteranalyse, euklidische Abstände der z-Werte): Schritt für Schritt werden die beiden Gruppen vereint, deren Vereinigung die Streuung innerhalb der Gruppen am wenigsten erhöht.\n"
        "4. **Anzahl der Typen**: wählbar von 2 bis 7; vorgeschlagen wird die mit der höchsten mittleren Silhouette.\n"
        "5. **Typen** sind nach Größe nummeriert (Typ 1 = die meisten Gebiete). Das Profil nennt die mittleren z-Werte.\n"
        "6. **Stabilität**: {resamples} Bootstrap-Stichproben der Gebiete (fester Startwert, derselbe Link zeigt dieselben Zahlen), mittlerer Jaccard-Wert je Typ und mittlerer bereinigter Rand-Index.",
        "en": "1. **Areas**: every area of the chosen level with a value for every indicator in the chosen year; areas with a missing or withheld value are left out and named below with the reason.\n"
        "2. **Standardisation**: per indicator z = (value − mean) ÷ standard deviation over these areas, every area counts once (not weighted by residents), every indicator has the same weight.\n"
        "3. **Ward's method** (hierarchical clustering, Euclidean distances of the z-values): step by step the two groups merge whose union adds least to the spread within the groups.\n"
        "4. **Number of types**: 2 to 7 to choose; suggested is the one with the highest average silhouette.\n"
        "5. **Types** are numbered by size (type 1 = the most areas). The profile gives the mean z-values.\n"
        "6. **Stability**: {resamples} bootstrap samples of the areas (fixed seed, the same link shows the same numbers), mean Jaccard per type and mean adjusted Rand index.",
    },
}

register(TEXTS)
