"""The strings of the page "Erreichbarkeit" (German and English), registered with views.i18n on import.

Distances are always called straight-line distances ("Luftlinie"), never walking distances.
"""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "nav.reach": {"de": "Erreichbarkeit", "en": "Reach of services"},
    "reach.title": {"de": "Erreichbarkeit von Angeboten", "en": "Reach of services"},
    "reach.intro": {
        "de": "Wie viele Adressen liegen in der Nähe eines Angebots – etwa einer Hilfe mit digitalen Geräten, einer "
        "Sozialberatung oder einer Bibliothek? Die Seite zählt je Gebiet den Anteil der Adressen (oder ihrer Einwohner), "
        "deren nächstes Angebot der gewählten Art höchstens die gewählte Entfernung **Luftlinie** entfernt ist. "
        "Mit „Was wäre, wenn …?“ lässt sich ein zusätzlicher Ort annehmen und sehen, was er ändern würde.",
        "en": "How many addresses lie near a service – such as help with digital devices, social counselling or a "
        "library? For every area the page counts the share of addresses (or of their residents) whose nearest service "
        "of the chosen kind is at most the chosen distance away **in a straight line**. With “What if …?” you can add a "
        "hypothetical place and see what it would change.",
    },
    # what the dataset lacks
    "reach.no_points": {
        "de": "Dieser Datensatz enthält keine Orte (Angebote). Die Erreichbarkeit braucht die Datei pois.parquet mit "
        "Kategorie und Lage jedes Ortes (siehe docs/data-contract.md).",
        "en": "This dataset holds no places (services). Reach needs the file pois.parquet with the category and "
        "position of every place (see docs/data-contract.md).",
    },
    "reach.no_addresses": {
        "de": "Dieser Datensatz enthält keine Adressen. Die Erreichbarkeit wird für Adressen berechnet: wie weit es "
        "von jeder Adresse zum nächsten Ort ist. Ergänzen Sie die Datei addresses.parquet (Adress-id, Länge, Breite, "
        "Gebiet der feinsten Ebene, optional Einwohner) – etwa aus den amtlichen Hauskoordinaten des Landesamts für "
        "Vermessung; Aufbau und Prüfregeln: docs/data-contract.md und docs/reach.md.",
        "en": "This dataset holds no addresses. Reach is computed for addresses: how far it is from each address to "
        "the nearest place. Add the file addresses.parquet (address id, longitude, latitude, area of the finest level, "
        "optionally residents) – for example from the official house coordinates of the state survey office; layout "
        "and checks: docs/data-contract.md and docs/reach.md.",
    },
    "reach.approx.toggle": {
        "de": "Grobe Näherung ohne Adressen zeigen: jedes Gebiet der Ebene „{finest}“ als ein Punkt in seiner Mitte",
        "en": "Show a rough approximation without addresses: each area of the level “{finest}” as one point at its centre",
    },
    "reach.approx.warning": {
        "de": "**Näherung über Gebietsmittelpunkte – keine Adressdaten.** Jedes Gebiet der Ebene „{finest}“ zählt als "
        "ein Punkt mit all seinen Einwohnern ({period}). Ein Gebiet gilt ganz als erreicht oder ganz als nicht "
        "erreicht; die Werte sind nur für gröbere Ebenen aussagekräftig.",
        "en": "**Approximation by area centres – no address data.** Each area of the level “{finest}” counts as one "
        "point with all its residents ({period}). An area is either reached entirely or not at all; the values are "
        "meaningful only for coarser levels.",
    },
    "reach.approx.no_population": {
        "de": "Für die Näherung fehlt eine Einwohnerzahl je Gebiet (population_indicator in dataset.json).",
        "en": "The approximation needs residents per area (population_indicator in dataset.json).",
    },
    # controls
    "reach.controls.category": {"de": "Art des Angebots", "en": "Kind of service"},
    "reach.controls.category_count": {"de": "{label} ({n} Orte)", "en": "{label} ({n} places)"},
    "reach.controls.distance": {"de": "Entfernung (Luftlinie)", "en": "Distance (straight line)"},
    "reach.controls.distance_help": {
        "de": "500 m Luftlinie sind bei 4–5 km/h mindestens 6–8 Minuten zu Fuß, mit Umwegen mehr.",
        "en": "500 m in a straight line is at least a 6–8 minute walk at 4–5 km/h, more with detours.",
    },
    "reach.controls.wheelchair": {"de": "Nur rollstuhlgerechte Orte", "en": "Wheelchair-accessible only"},
    "reach.controls.wheelchair_help": {
        "de": "Zählt nur Orte mit der Angabe „rollstuhlgerecht: ja“; eingeschränkt zugängliche Orte und Orte ohne Angabe zählen dann nicht.",
        "en": "Counts only places marked “wheelchair access: yes”; places with limited access and places without this information then do not count.",
    },
    "reach.controls.weighting": {"de": "Gezählt werden", "en": "Count"},
    "reach.controls.weighting.addresses": {"de": "Adressen", "en": "Addresses"},
    "reach.controls.weighting.residents": {"de": "Einwohner", "en": "Residents"},
    "reach.notice.url_fallback": {
        "de": "Der Link enthielt eine unbekannte Auswahl für die Erreichbarkeit ({keys}); angezeigt wird die Standardauswahl.",
        "en": "The link held an unknown selection for reach ({keys}); showing the default selection instead.",
    },
    # the measure
    "reach.indicator.addresses": {
        "de": "Adressen bis {distance} m Luftlinie zu: {category}",
        "en": "Addresses within {distance} m (straight line) of: {category}",
    },
    "reach.indicator.residents": {
        "de": "Einwohner bis {distance} m Luftlinie zu: {category}",
        "en": "Residents within {distance} m (straight line) of: {category}",
    },
    "reach.indicator.centroids": {
        "de": "Einwohner bis {distance} m Luftlinie zu: {category} (Näherung über Gebietsmittelpunkte)",
        "en": "Residents within {distance} m (straight line) of: {category} (approximation by area centres)",
    },
    "reach.licence": {
        "de": "berechnet aus den Adressen und Orten des Datensatzes (deren Lizenzen gelten)",
        "en": "computed from the dataset's addresses and places (their licences apply)",
    },
    "reach.source": {"de": "Berechnet vom Sozialmonitor aus: {attribution}", "en": "Computed by the Social Monitor from: {attribution}"},
    "reach.basis.addresses": {"de": "Adressen", "en": "addresses"},
    "reach.basis.residents": {"de": "Einwohner", "en": "residents"},
    "reach.basis.centroids": {"de": "Einwohner (Näherung)", "en": "residents (approximation)"},
    "reach.places.one": {"de": "einem gedachten Ort", "en": "one hypothetical place"},
    "reach.places.many": {"de": "{n} gedachten Orten", "en": "{n} hypothetical places"},
    # headlines and sentences
    "reach.headline.city": {"de": "{city}: Anteil in Reichweite", "en": "{city}: share within reach"},
    "reach.headline.reached": {"de": "{basis} in Reichweite", "en": "{basis} within reach"},
    "reach.headline.of": {"de": "von {total}", "en": "of {total}"},
    "reach.headline.places": {"de": "Orte dieser Art", "en": "Places of this kind"},
    "reach.headline.added": {"de": "+ {n} gedacht", "en": "+ {n} hypothetical"},
    "reach.headline.median": {"de": "Mittlere Entfernung (Median)", "en": "Median distance"},
    "reach.summary": {
        "de": "{share} der {basis} in {city} ({reached} von {total}) haben einen Ort der Art „{category}“{wheelchair} in höchstens {distance} Luftlinie.",
        "en": "{share} of {basis} in {city} ({reached} of {total}) have a place of the kind “{category}”{wheelchair} within {distance} in a straight line.",
    },
    "reach.summary.wheelchair": {"de": " mit rollstuhlgerechtem Zugang", "en": " with wheelchair access"},
    "reach.summary.range": {
        "de": "Die Spanne der {level} reicht von {bottom_value} ({bottom}) bis {top_value} ({top}).",
        "en": "Across the {level} it ranges from {bottom_value} ({bottom}) to {top_value} ({top}).",
    },
    "reach.summary.no_places": {
        "de": "Es gibt keinen Ort der Art „{category}“ mit dieser Auswahl: niemand hat einen in Reichweite.",
        "en": "There is no place of the kind “{category}” with this selection: nobody has one within reach.",
    },
    "reach.summary.wheelchair_hint": {
        "de": "Ohne den Filter „Nur rollstuhlgerechte Orte“ zählen alle Orte dieser Art.",
        "en": "Without the filter “Wheelchair-accessible only” every place of this kind counts.",
    },
    "reach.note.no_origins": {"de": "keine {basis} im Gebiet", "en": "no {basis} in the area"},
    "reach.note.outside": {
        "de": "{n} Adressen liegen in keinem Gebiet (etwa im Wasser, das die Gebietsgrenzen aussparen) und zählen nicht mit.",
        "en": "{n} addresses lie in no area (e.g. in water left out by the area boundaries) and are not counted.",
    },
    "reach.note.left_out": {
        "de": "Ohne Grenze oder Einwohnerzahl, daher nicht berücksichtigt ({n}): {areas}",
        "en": "Without boundary or residents, hence left out ({n}): {areas}",
    },
    "reach.note.centroids_finest": {
        "de": "Näherung: auf der feinsten Ebene ist jeder Wert 0 % oder 100 %, weil jedes Gebiet als ein Punkt zählt.",
        "en": "Approximation: at the finest level every value is 0% or 100%, because each area counts as one point.",
    },
    # map, chart, tables
    "reach.map_alt": {
        "de": "Karte der {level} nach {indicator}, in {classes} Klassen von hell (niedrig) bis dunkel (hoch), mit den Orten als orange Punkte und ihrem Umkreis als Kreis. {extremes}",
        "en": "Map of the {level} by {indicator}, in {classes} classes from light (low) to dark (high), with the places as orange dots and their reach as circles. {extremes}",
    },
    "reach.ranking_alt": {
        "de": "Balkendiagramm: {n} {level} nach {indicator}. Am höchsten: {top} ({top_value}); am niedrigsten: {bottom} ({bottom_value}). {city_sentence}",
        "en": "Bar chart: {n} {level} by {indicator}. Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}). {city_sentence}",
    },
    "reach.tooltip.of": {"de": "{reached} von {total} {basis}", "en": "{reached} of {total} {basis}"},
    "reach.tooltip.before": {"de": "ohne gedachte Orte: {value}", "en": "without hypothetical places: {value}"},
    "reach.legend.places": {"de": "Orte", "en": "Places"},
    "reach.legend.added": {"de": "Gedachter Ort (Was wäre, wenn …?)", "en": "Hypothetical place (what if …?)"},
    "reach.legend.circle": {"de": "Kreis: {distance} Luftlinie um jeden Ort", "en": "Circle: {distance} in a straight line around each place"},
    "reach.added.name": {"de": "Gedachter Ort {n}", "en": "Hypothetical place {n}"},
    "reach.added.detail": {"de": "Was wäre, wenn …? – kein echter Ort", "en": "What if …? – not a real place"},
    "reach.cell.name": {"de": "Klicken: hier einen Ort annehmen", "en": "Click: assume a place here"},
    "reach.cell.detail": {"de": "Zelle {size} m · nächster Ort {nearest}", "en": "Cell {size} m · nearest place {nearest}"},
    "reach.cell.count": {"de": "{n} Adressen in der Zelle", "en": "{n} addresses in the cell"},
    "reach.column.reached": {"de": "{basis} in Reichweite", "en": "{basis} within reach"},
    "reach.column.total": {"de": "{basis} gesamt", "en": "{basis} in total"},
    "reach.column.before": {"de": "Ohne gedachte Orte", "en": "Without hypothetical places"},
    "reach.column.after": {"de": "Mit gedachten Orten", "en": "With hypothetical places"},
    "reach.column.change": {"de": "Veränderung", "en": "Change"},
    "reach.column.gained": {"de": "{basis} zusätzlich in Reichweite", "en": "{basis} newly within reach"},
    "reach.column.value_without": {"de": "Wert ohne gedachte Orte", "en": "Value without hypothetical places"},
    "reach.export.method": {"de": "Entfernung: Luftlinie, berechnet in {crs}", "en": "Distance: straight line, computed in {crs}"},
    "reach.export.category": {"de": "Art des Angebots: {category}", "en": "Kind of service: {category}"},
    "reach.export.distance": {"de": "In Reichweite: höchstens {distance} Luftlinie zum nächsten Ort", "en": "Within reach: at most {distance} in a straight line to the nearest place"},
    "reach.export.wheelchair": {"de": "Nur rollstuhlgerechte Orte (Angabe „ja“)", "en": "Wheelchair-accessible places only (marked “yes”)"},
    "reach.export.added": {"de": "Mit gedachten Orten (Länge Breite): {places}", "en": "With hypothetical places (longitude latitude): {places}"},
    # what if
    "reach.whatif.title": {"de": "Was wäre, wenn …?", "en": "What if …?"},
    "reach.whatif.intro": {
        "de": "Nehmen Sie einen zusätzlichen Ort an und sehen Sie, wie sich die Erreichbarkeit je Gebiet ändern würde. "
        "Gedachte Orte stehen in der Adresse dieser Seite: ein kopierter Link zeigt dasselbe Szenario.",
        "en": "Assume an additional place and see how the reach of each area would change. Hypothetical places are "
        "kept in this page's address: a copied link shows the same scenario.",
    },
    "reach.whatif.toggle": {"de": "Orte per Klick in die Karte setzen", "en": "Place by clicking into the map"},
    "reach.whatif.toggle_help": {
        "de": "Die Karte wird dann in Zellen von {size} m geteilt; ein Klick setzt einen gedachten Ort in die Mitte der Zelle.",
        "en": "The map is then divided into cells of {size} m; a click puts a hypothetical place at the centre of the cell.",
    },
    "reach.whatif.click_hint": {
        "de": "Klicken Sie in die Karte, um dort einen gedachten Ort anzunehmen (Mitte der Zelle von {size} m). Ohne Maus: Gebiet unten auswählen.",
        "en": "Click into the map to assume a place there (centre of the {size} m cell). Without a mouse: choose an area below.",
    },
    "reach.whatif.area": {"de": "Gedachten Ort in diesem Gebiet annehmen", "en": "Assume a place in this area"},
    "reach.whatif.area_help": {
        "de": "Der Ort wird an die Adresse gesetzt, die der Mitte der Adressen des Gebiets am nächsten liegt.",
        "en": "The place is put at the address nearest to the middle of the area's addresses.",
    },
    "reach.whatif.add": {"de": "Ort hinzufügen", "en": "Add place"},
    "reach.whatif.full": {"de": "Höchstens {n} gedachte Orte.", "en": "At most {n} hypothetical places."},
    "reach.whatif.list": {"de": "Gedachte Orte", "en": "Hypothetical places"},
    "reach.whatif.item": {"de": "Gedachter Ort {n} in {area} ({lon}, {lat})", "en": "Hypothetical place {n} in {area} ({lon}, {lat})"},
    "reach.whatif.item_outside": {
        "de": "Gedachter Ort {n} außerhalb der Gebiete ({lon}, {lat})",
        "en": "Hypothetical place {n} outside the areas ({lon}, {lat})",
    },
    "reach.whatif.remove": {"de": "Entfernen", "en": "Remove"},
    "reach.whatif.remove_all": {"de": "Alle gedachten Orte entfernen", "en": "Remove all hypothetical places"},
    "reach.whatif.none": {"de": "Noch kein gedachter Ort.", "en": "No hypothetical place yet."},
    "reach.whatif.summary": {
        "de": "Mit {places} stiege der Anteil in {city} von {before} auf {after} ({change}); {gained} weitere {basis} hätten einen Ort in Reichweite.",
        "en": "With {places}, the share in {city} would rise from {before} to {after} ({change}); {gained} more {basis} would have a place within reach.",
    },
    "reach.whatif.top": {"de": "Am meisten gewönne {area} ({change}).", "en": "{area} would gain most ({change})."},
    "reach.whatif.nothing": {
        "de": "Mit {places} änderte sich nichts: alle {basis} in ihrer Nähe haben schon einen Ort in Reichweite.",
        "en": "With {places} nothing would change: all {basis} near them already have a place within reach.",
    },
    "reach.whatif.withheld": {
        "de": "{n} Gebiete sind wegen kleiner Fallzahlen geheim gehalten und nicht aufgeführt.",
        "en": "{n} areas are withheld because of small counts and not listed.",
    },
    "reach.whatif.table": {"de": "Gebiete, die gewinnen", "en": "Areas that gain"},
    "reach.whatif.limits": {
        "de": "Grenzen: Ein Klick trifft eine Zelle, nicht einen Punkt – der Ort liegt in ihrer Mitte (auf ±{half} m genau). "
        "Solange der Klick-Modus an ist, zeigen die Orte in der Karte keine Hinweise. Auf Touchscreens wählt ein Tippen "
        "die Zelle nicht immer aus: dann das Gebiet oben auswählen. Gedachte Orte verändern nur diese Ansicht, nie den Datensatz.",
        "en": "Limits: a click hits a cell, not a point – the place lies at its centre (to within ±{half} m). While "
        "the click mode is on, the places on the map show no tooltips. On touch screens a tap does not always select the "
        "cell: choose the area above instead. Hypothetical places change only this view, never the dataset.",
    },
    # page sections
    "reach.map": {"de": "Karte", "en": "Map"},
    "reach.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "reach.table": {"de": "Tabelle", "en": "Table"},
    "reach.method.title": {"de": "So wird gerechnet", "en": "How it is computed"},
    "reach.method.distance": {
        "de": "Entfernung: **Luftlinie** in Metern, berechnet im Koordinatensystem {name} ({crs}); {origin}.",
        "en": "Distance: **straight line** in metres, computed in the coordinate system {name} ({crs}); {origin}.",
    },
    "reach.method.crs_declared": {"de": "vom Datensatz vorgegeben", "en": "as the dataset declares"},
    "reach.method.crs_utm": {"de": "die UTM-Zone, in der die Mitte der Daten liegt", "en": "the UTM zone in which the centre of the data lies"},
    "reach.method.limits": {
        "de": "Wege, Flüsse, Bahnlinien, Steigungen und Öffnungszeiten bleiben unberücksichtigt; der Fußweg ist meist länger als die Luftlinie.",
        "en": "Paths, rivers, railway lines, slopes and opening hours are not considered; the walk is usually longer than the straight line.",
    },
    "reach.method.nearest": {
        "de": "Für jede Adresse wird der nächste Ort der gewählten Art bestimmt (ein KD-Baum über die Orte, alle Adressen in einem Rechenschritt); in Reichweite ist, wer höchstens die gewählte Entfernung entfernt ist.",
        "en": "For every address the nearest place of the chosen kind is found (a KD-tree over the places, all addresses in one step); within reach means at most the chosen distance away.",
    },
    "reach.method.share_addresses": {
        "de": "Anteil je Gebiet: Adressen in Reichweite geteilt durch alle Adressen des Gebiets (jede Adresse zählt einmal, auch Gewerbeadressen).",
        "en": "Share per area: addresses within reach divided by all addresses of the area (every address counts once, business addresses too).",
    },
    "reach.method.share_residents": {
        "de": "Anteil je Gebiet: Einwohner an Adressen in Reichweite geteilt durch alle Einwohner des Gebiets (Einwohner je Adresse, wie der Datensatz sie angibt).",
        "en": "Share per area: residents at addresses within reach divided by all residents of the area (residents per address as the dataset gives them).",
    },
    "reach.method.share_centroids": {
        "de": "Näherung: jedes Gebiet der feinsten Ebene zählt als ein Punkt in seinem Inneren mit all seinen Einwohnern.",
        "en": "Approximation: each area of the finest level counts as one point inside it with all its residents.",
    },
    "reach.method.median": {
        "de": "Mittlere Entfernung: der Median der Entfernung zum nächsten Ort, gewichtet wie der Anteil (je Adresse oder je Einwohner).",
        "en": "Median distance: the median of the distance to the nearest place, weighted like the share (per address or per resident).",
    },
    "reach.method.aggregate": {
        "de": "Gröbere Ebenen und die ganze Stadt: Summe der Zähler geteilt durch Summe der Nenner – nie ein Mittel von Anteilen.",
        "en": "Coarser levels and the whole city: sum of numerators divided by sum of denominators – never a mean of shares.",
    },
    "reach.method.wheelchair": {
        "de": "„Nur rollstuhlgerechte Orte“ zählt Orte mit der Angabe „ja“; „eingeschränkt“ und fehlende Angaben zählen dann nicht.",
        "en": "“Wheelchair-accessible only” counts places marked “yes”; “limited” and missing information then do not count.",
    },
    "reach.method.outside": {
        "de": "Adressen, die in keinem Gebiet liegen ({n}), werden gezählt und hier genannt, aber keinem Gebiet zugeschlagen.",
        "en": "Addresses that lie in no area ({n}) are counted and named here, but assigned to no area.",
    },
    "reach.method.centroids": {
        "de": "Ohne Adressen ist das nur eine grobe Näherung; für belastbare Werte braucht der Datensatz Adressen (docs/reach.md).",
        "en": "Without addresses this is only a rough approximation; reliable values need addresses in the dataset (docs/reach.md).",
    },
    "reach.method.suppression": {
        "de": "Geheimhaltung wie bei allen Werten: Anteile mit weniger als {min_count} Fällen im Zähler oder einer Basis unter {min_denominator} werden nicht gezeigt.",
        "en": "Withholding as for every value: shares with fewer than {min_count} cases in the numerator or a base below {min_denominator} are not shown.",
    },
    "reach.method.whatif": {
        "de": "Was wäre, wenn …?: ein Klick in die Karte wählt eine Zelle von {size} m; der gedachte Ort liegt in ihrer Mitte. Über die Auswahl eines Gebiets liegt er an der Adresse nächst der Mitte der Adressen des Gebiets.",
        "en": "What if …?: a click into the map picks a cell of {size} m; the hypothetical place lies at its centre. Chosen by area, it lies at the address nearest to the middle of the area's addresses.",
    },
    "reach.method.whatif_keyboard": {
        "de": "Was wäre, wenn …?: der gedachte Ort liegt an der Adresse nächst der Mitte der Adressen des gewählten Gebiets.",
        "en": "What if …?: the hypothetical place lies at the address nearest to the middle of the chosen area's addresses.",
    },
}

register(TEXTS)
