"""The strings of the page "Sozialindex" (German and English), registered with views.i18n on import.

Wording follows the official class names of Berlin's MSS (status hoch … sehr niedrig, dynamics
positiv / stabil / negativ) and stays neutral: the index compares areas with the city average,
it does not judge the people who live there.
"""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "nav.social_index": {"de": "Sozialindex", "en": "Social index"},
    "si.title": {"de": "Sozialindex", "en": "Social index"},
    "si.subtitle": {"de": "{level} · {period}", "en": "{level} · {period}"},
    "si.intro": {
        "de": "Der Sozialindex fasst wenige Kennzahlen zu zwei Werten je Gebiet zusammen: dem **Status** "
        "(die soziale Lage {period}) und der **Dynamik** (die Veränderung von {start} bis {period}). "
        "Er vergleicht die {level} von {city} miteinander – er zeigt, wie weit ein Gebiet vom städtischen "
        "Durchschnitt abweicht, nicht, wie es absolut um das Gebiet steht. Die Klassen beschreiben die Lage, "
        "nicht die Menschen, die dort wohnen.",
        "en": "The social index combines a few indicators into two values per area: **status** (the social "
        "situation in {period}) and **dynamics** (the change from {start} to {period}). It compares the "
        "{level} of {city} with each other – it shows how far an area lies from the city average, not how "
        "well it is doing in absolute terms. The classes describe the situation, not the people who live there.",
    },
    "si.intro_no_dynamics": {
        "de": "Der Sozialindex fasst wenige Kennzahlen zu einem **Status** je Gebiet zusammen (die soziale Lage "
        "{period}). Er vergleicht die {level} von {city} miteinander – er zeigt, wie weit ein Gebiet vom "
        "städtischen Durchschnitt abweicht, nicht, wie es absolut um das Gebiet steht. Die Klassen beschreiben "
        "die Lage, nicht die Menschen, die dort wohnen.",
        "en": "The social index combines a few indicators into a **status** per area (the social situation in "
        "{period}). It compares the {level} of {city} with each other – it shows how far an area lies from the "
        "city average, not how well it is doing in absolute terms. The classes describe the situation, not the "
        "people who live there.",
    },
    "si.period_fallback": {
        "de": "Für {wanted} lässt sich der Index nicht bilden; gezeigt wird {period}, das letzte Jahr mit allen Index-Kennzahlen.",
        "en": "The index cannot be formed for {wanted}; showing {period}, the last year with all index indicators.",
    },
    # method
    "si.method.title": {"de": "So wird der Index berechnet", "en": "How the index is calculated"},
    "si.method.indicators": {
        "de": "**Status** aus: {status}.",
        "en": "**Status** from: {status}.",
    },
    "si.method.dynamics": {
        "de": "**Dynamik** aus: {dynamics}.",
        "en": "**Dynamics** from: {dynamics}.",
    },
    "si.method.steps": {
        "de": "1. Jede Kennzahl wird über die {level} standardisiert: Abstand vom Mittelwert geteilt durch die "
        "Standardabweichung (der z-Wert). Jedes Gebiet zählt einmal, gleich wie groß. Ein hoher z-Wert bedeutet "
        "immer mehr Benachteiligung bzw. eine Verschlechterung.\n"
        "2. Die z-Werte werden je Gebiet mit ihren Gewichten addiert.\n"
        "3. Die Summe wird noch einmal standardisiert: Das ist der Index (Mittelwert 0, Standardabweichung 1).\n"
        "4. Der Index wird an festen Grenzen in Klassen geteilt.",
        "en": "1. Each indicator is standardised across the {level}: distance from the mean divided by the "
        "standard deviation (the z-value). Every area counts once, whatever its size. A high z-value always "
        "means more disadvantage or a change for the worse.\n"
        "2. The z-values are added up per area with their weights.\n"
        "3. The sum is standardised once more: that is the index (mean 0, standard deviation 1).\n"
        "4. The index is split into classes at fixed cut values.",
    },
    "si.method.status_classes": {
        "de": "**Statusklassen:** hoch (Index unter {c1}) · mittel ({c1} bis {c2}) · niedrig (über {c2} bis {c3}) · "
        "sehr niedrig (über {c3}). „Hoch“ heißt wenig Benachteiligung, „sehr niedrig“ viel Benachteiligung – "
        "jeweils im Vergleich mit den anderen Gebieten.",
        "en": "**Status classes:** high (index below {c1}) · medium ({c1} to {c2}) · low (above {c2} to {c3}) · "
        "very low (above {c3}). “High” means little disadvantage, “very low” much disadvantage – each compared "
        "with the other areas.",
    },
    "si.method.dynamics_classes": {
        "de": "**Dynamikklassen:** positiv (Index unter {d1}) · stabil ({d1} bis {d2}) · negativ (über {d2}). "
        "„Positiv“ heißt: Die Lage hat sich stärker verbessert als im Durchschnitt.",
        "en": "**Dynamics classes:** positive (index below {d1}) · stable ({d1} to {d2}) · negative (above {d2}). "
        "“Positive” means the situation improved more than on average.",
    },
    "si.method.validity": {
        "de": "Keine Klasse erhält ein Gebiet mit weniger als {min_population} Einwohnerinnen und Einwohnern, ein "
        "ausdrücklich ausgeschlossenes Gebiet oder ein Gebiet, bei dem ein Wert fehlt oder wegen kleiner Fallzahlen "
        "geheim gehalten wird. Diese Gebiete gehen auch nicht in Mittelwert und Standardabweichung ein.",
        "en": "An area gets no class if it has fewer than {min_population} residents, if it is explicitly excluded, "
        "or if a value is missing or withheld because of small counts. These areas do not enter the mean and the "
        "standard deviation either.",
    },
    "si.method.origin": {
        "de": "Das Verfahren folgt dem Berliner „Monitoring Soziale Stadtentwicklung“ (MSS) und dem Hamburger "
        "Sozialmonitoring (RISE). Mit den Berliner Daten 2021 ergibt es für alle 536 klassifizierten Planungsräume "
        "die amtliche Statusklasse.",
        "en": "The method follows Berlin's “Monitoring Soziale Stadtentwicklung” (MSS) and Hamburg's social "
        "monitoring (RISE). With Berlin's 2021 data it gives the official status class for all 536 classified "
        "planning areas.",
    },
    "si.change_label": {
        "de": "Veränderung {label} in {span} Jahren",
        "en": "Change in {label} over {span} years",
    },
    "si.unit.points": {"de": "Prozentpunkte", "en": "percentage points"},
    # weights
    "si.weights.title": {"de": "Gewichte", "en": "Weights"},
    "si.weights.intro": {
        "de": "Wie stark zählt jede Kennzahl? Voreingestellt sind die Gewichte der Konfiguration. Karte, Tabelle und Empfindlichkeit folgen sofort.",
        "en": "How much does each indicator count? The configured weights are preset. Map, table and sensitivity follow at once.",
    },
    "si.weights.status": {"de": "Status", "en": "Status"},
    "si.weights.dynamics": {"de": "Dynamik", "en": "Dynamics"},
    "si.weights.reset": {"de": "Gewichte zurücksetzen", "en": "Reset weights"},
    "si.weights.changed": {
        "de": "Eigene Gewichtung: Die Klassen können von der festgelegten Berechnung abweichen.",
        "en": "Own weighting: the classes may differ from the configured calculation.",
    },
    "si.weights.help": {
        "de": "0 lässt die Kennzahl weg; 2 zählt sie doppelt.",
        "en": "0 leaves the indicator out; 2 counts it twice.",
    },
    # summary and map
    "si.summary": {
        "de": "{valid} von {total} {level} erhalten eine Statusklasse: {counts}.",
        "en": "{valid} of {total} {level} get a status class: {counts}.",
    },
    "si.summary_dynamics": {
        "de": "Dynamik: {counts}.",
        "en": "Dynamics: {counts}.",
    },
    "si.no_class_note": {
        "de": "Ohne Klasse: {reasons}.",
        "en": "Without a class: {reasons}.",
    },
    "si.withheld_note": {
        "de": "{n} davon, weil ein Wert wegen kleiner Fallzahlen geheim gehalten wird",
        "en": "{n} of them because a value is withheld for small counts",
    },
    "si.map.title": {"de": "Karte", "en": "Map"},
    "si.map.dimension": {"de": "Karte zeigt", "en": "Map shows"},
    "si.dimension.status": {"de": "Sozialer Status", "en": "Social status"},
    "si.dimension.dynamics": {"de": "Dynamik", "en": "Dynamics"},
    "si.map.label": {"de": "{label} · Index {index}", "en": "{label} · index {index}"},
    "si.map.no_class": {"de": "keine Klasse: {reason}", "en": "no class: {reason}"},
    "si.legend.count": {"de": "{n} Gebiete", "en": "{n} areas"},
    "si.legend.count_one": {"de": "1 Gebiet", "en": "1 area"},
    "si.legend.no_class": {"de": "keine Klasse", "en": "no class"},
    # which end is favourable: one wording for the map, the legend, the table, the export and the reports
    "si.reading.status": {
        "de": "So ist der Status-Index zu lesen: Niedrig ist günstig. Ein niedriger Index heißt wenig Benachteiligung und "
        "ergibt die Statusklasse „hoch“ (die günstigste); ein hoher Index heißt viel Benachteiligung und ergibt „sehr niedrig“ "
        "(die ungünstigste). Rang 1 hat den höchsten Index, also die ungünstigste Lage.",
        "en": "How to read the status index: low is favourable. A low index means little disadvantage and gives the status "
        "class “high” (the most favourable); a high index means much disadvantage and gives “very low” (the least "
        "favourable). Rank 1 has the highest index, i.e. the least favourable situation.",
    },
    "si.reading.dynamics": {
        "de": "Auch beim Dynamik-Index ist niedrig günstig: „positiv“ (die günstigste Klasse) heißt, die Lage hat sich stärker "
        "verbessert als im Durchschnitt; „negativ“ (die ungünstigste), sie hat sich schlechter entwickelt.",
        "en": "For the dynamics index, too, low is favourable: “positive” (the most favourable class) means the situation "
        "improved more than on average; “negative” (the least favourable), it developed worse.",
    },
    "si.end.favourable": {"de": "{label} (günstigste Klasse)", "en": "{label} (most favourable class)"},
    "si.end.unfavourable": {"de": "{label} (ungünstigste Klasse)", "en": "{label} (least favourable class)"},
    "si.legend.item": {"de": "{label}: Index {range} · {count}", "en": "{label}: index {range} · {count}"},
    "si.legend.note": {
        "de": "Helle Farben: niedriger Index, dunkle: hoher Index. Die Farben werten nicht; der Klassenname steht im Tooltip jedes Gebiets und in der Tabelle.",
        "en": "Light colours: low index, dark: high index. The colours carry no judgement; the class name is in each area's tooltip and in the table.",
    },
    "si.range.below": {"de": "unter {a}", "en": "below {a}"},
    "si.range.between": {"de": "{a} bis {b}", "en": "{a} to {b}"},
    "si.range.above_to": {"de": "über {a} bis {b}", "en": "above {a} to {b}"},
    "si.range.above": {"de": "über {a}", "en": "above {a}"},
    "si.map.alt": {
        "de": "Karte der {level} nach {dimension} {period}. {counts}.",
        "en": "Map of the {level} by {dimension}, {period}. {counts}.",
    },
    # table
    "si.table.title": {"de": "Alle Gebiete", "en": "All areas"},
    "si.table.caption": {
        "de": "z-Werte nach dem Umdrehen: positiv heißt ungünstiger als der Durchschnitt der {level}. "
        "„Klasse hält“: Anteil der Szenarien der Empfindlichkeitsprüfung mit derselben Statusklasse.",
        "en": "z-values after turning around: positive means less favourable than the average of the {level}. "
        "“Class holds”: share of the sensitivity scenarios with the same status class.",
    },
    "si.column.z": {"de": "z {label}", "en": "z {label}"},
    "si.column.value": {"de": "{label} ({unit})", "en": "{label} ({unit})"},
    "si.column.weight": {"de": "Gewicht {label}", "en": "Weight {label}"},
    "si.column.status_index": {"de": "Status-Index", "en": "Status index"},
    "si.column.status_class": {"de": "Statusklasse", "en": "Status class"},
    "si.column.status_class_code": {"de": "Statusklasse (Nr.)", "en": "Status class (no.)"},
    "si.column.status_rank": {"de": "Rang (1 = ungünstigste Lage)", "en": "Rank (1 = least favourable)"},
    "si.column.dynamics_index": {"de": "Dynamik-Index", "en": "Dynamics index"},
    "si.column.dynamics_class": {"de": "Dynamikklasse", "en": "Dynamics class"},
    "si.column.dynamics_class_code": {"de": "Dynamikklasse (Nr.)", "en": "Dynamics class (no.)"},
    "si.column.group": {"de": "Gruppe", "en": "Group"},
    "si.column.class_share": {"de": "Klasse hält", "en": "Class holds"},
    "si.column.rank_range": {"de": "Rangspanne", "en": "Rank range"},
    "si.column.rank_min": {"de": "Kleinster Rang", "en": "Smallest rank"},
    "si.column.rank_max": {"de": "Größter Rang", "en": "Largest rank"},
    "si.column.no_class": {"de": "Ohne Klasse, weil", "en": "No class because"},
    "si.note.withheld": {"de": "Wert geheim gehalten (kleine Fallzahl)", "en": "value withheld (small count)"},
    # sensitivity
    "si.sensitivity.title": {"de": "Wie sicher ist die Einstufung?", "en": "How robust is the classification?"},
    "si.sensitivity.intro": {
        "de": "Der Index wird in {n} Szenarien neu berechnet: jedes Gewicht einzeln um die Hälfte kleiner und um die "
        "Hälfte größer, und jede Status-Kennzahl einmal weggelassen. Der Balken zeigt, zwischen welchen Rängen ein "
        "Gebiet dabei schwankt; der Text, in wie vielen Szenarien seine Statusklasse gleich bleibt.",
        "en": "The index is recalculated in {n} scenarios: each weight in turn 50% lower and 50% higher, and "
        "each status indicator left out once. The bar shows between which ranks an area moves; the "
        "text, in how many scenarios its status class stays the same.",
    },
    "si.sensitivity.subset": {
        "de": "Gezeigt werden die {shown} am wenigsten sicher eingestuften von {valid} Gebieten; alle stehen in der Tabelle.",
        "en": "Showing the {shown} least robustly classified of {valid} areas; all are in the table.",
    },
    "si.sensitivity.unavailable": {
        "de": "Die Empfindlichkeit lässt sich erst mit mindestens zwei Status-Kennzahlen mit Gewicht über 0 prüfen.",
        "en": "Sensitivity needs at least two status indicators with a weight above 0.",
    },
    "si.sensitivity.holds": {"de": "{label} · hält in {share}", "en": "{label} · holds in {share}"},
    "si.sensitivity.axis": {"de": "Rang (1 = ungünstigste Lage, höchster Status-Index)", "en": "Rank (1 = least favourable, highest status index)"},
    "si.sensitivity.legend": {"de": "Statusklasse", "en": "Status class"},
    "si.sensitivity.hover": {
        "de": "Rang {rank}, in den Szenarien {low}–{high}",
        "en": "rank {rank}, {low}–{high} across the scenarios",
    },
    "si.sensitivity.alt": {
        "de": "Diagramm der Rangspannen von {shown} {level} über {n} Szenarien. Bei {stable} von {valid} Gebieten "
        "bleibt die Statusklasse in allen Szenarien gleich. Größte Rangspanne: {widest} (Rang {low} bis {high}).",
        "en": "Chart of the rank ranges of {shown} {level} over {n} scenarios. For {stable} of {valid} areas the "
        "status class stays the same in every scenario. Widest rank range: {widest} (rank {low} to {high}).",
    },
    "si.sensitivity.table": {"de": "Tabelle zum Diagramm", "en": "Table behind the chart"},
    # errors and sources
    "si.error.config": {
        "de": "Die Konfiguration des Sozialindex in dataset.json ist fehlerhaft: {detail}",
        "en": "The social index configuration in dataset.json is invalid: {detail}",
    },
    "si.error.unknown_indicators": {
        "de": "Der Sozialindex nennt Kennzahlen, die der Datensatz nicht enthält: {ids}",
        "en": "The social index names indicators the dataset does not contain: {ids}",
    },
    "si.error.no_config": {
        "de": "Für diesen Datensatz ist kein Sozialindex eingerichtet (dataset.json, Schlüssel „social_index“).",
        "en": "No social index is configured for this dataset (dataset.json, key “social_index”).",
    },
    "si.error.no_period": {
        "de": "Es gibt kein Jahr, in dem alle Kennzahlen des Index vorliegen.",
        "en": "There is no year in which all index indicators are available.",
    },
    "si.error.status_weights_zero": {
        "de": "Mindestens eine Status-Kennzahl braucht ein Gewicht über 0.",
        "en": "At least one status indicator needs a weight above 0.",
    },
    "si.error.dynamics_weights_zero": {
        "de": "Mindestens eine Dynamik-Kennzahl braucht ein Gewicht über 0.",
        "en": "At least one dynamics indicator needs a weight above 0.",
    },
    "si.error.no_index": {
        "de": "Mit diesen Daten lässt sich kein Index bilden ({detail}).",
        "en": "No index can be formed from these data ({detail}).",
    },
    "si.error.unknown_excluded": {
        "de": "Ausgeschlossene Gebiete, die es auf dieser Ebene nicht gibt, werden übergangen: {ids}",
        "en": "Excluded areas that do not exist at this level are skipped: {ids}",
    },
    "si.dimension.combined": {"de": "Status und Dynamik", "en": "Status and dynamics"},
    "si.map.group_label": {"de": "{group}: {label}", "en": "{group}: {label}"},
    "si.legend.combined_note": {
        "de": "Je Feld die Zahl der Gebiete und (in Klammern) die Gruppennummer, die auch auf der Karte steht. Hell: hoher Status, dunkel: sehr niedriger; blau: Dynamik positiv, violett: stabil, orange: negativ.",
        "en": "Each cell gives the number of areas and (in brackets) the group number written on the map. Light: high status, dark: very low; blue: dynamics positive, purple: stable, orange: negative.",
    },
    "si.matrix.title": {"de": "Status × Dynamik", "en": "Status × dynamics"},
    "export.name.matrix": {"de": "matrix", "en": "matrix"},
    "si.matrix.intro": {
        "de": "Wie viele {level} in jeder Kombination aus Status- und Dynamikklasse liegen – wie die Matrix im Bericht des Berliner Monitorings Soziale Stadtentwicklung.",
        "en": "How many {level} fall into each combination of status and dynamics class – like the matrix in the report of Berlin's Monitoring Soziale Stadtentwicklung.",
    },
    "si.matrix.caption": {"de": "Anzahl der Gebiete je Status- und Dynamikklasse", "en": "Number of areas per status and dynamics class"},
    "si.matrix.status_row": {"de": "Status {label}", "en": "Status {label}"},
    "si.matrix.dynamics_column": {"de": "Dynamik {label}", "en": "Dynamics {label}"},
    "si.matrix.total": {"de": "Summe", "en": "Total"},
    "si.matrix.alt": {
        "de": "Anzahl der {level} je Gruppe aus Status und Dynamik: {counts}.",
        "en": "Number of {level} per group of status and dynamics: {counts}.",
    },
    "si.scope": {
        "de": "Berechnet für die Ebene „{level}“ im Jahr {period}, mit den festen Kennzahlen des Index – die Auswahl von Indikator und Ebene in der Seitenleiste gilt auf dieser Seite nicht.",
        "en": "Computed at the level “{level}” for {period}, with the index's fixed indicators – the indicator and level chosen in the sidebar do not apply on this page.",
    },
    "si.level_note": {
        "de": "Sie haben in der Seitenleiste „{chosen}“ gewählt. Der Sozialindex ist für „{level}“ festgelegt und wird deshalb dort gezeigt.",
        "en": "You chose “{chosen}” in the sidebar. The social index is defined for “{level}” and is therefore shown there.",
    },
    "si.weights.link": {
        "de": "Die geänderten Gewichte stehen in der Adresse dieser Seite: Ein kopierter Link rechnet mit denselben Gewichten.",
        "en": "The changed weights are in this page's address: a copied link computes with the same weights.",
    },
}

register(TEXTS)
