"""The strings of the page "Vergleich" (comparison), German and English, registered with views.i18n on import."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "nav.compare": {"de": "Vergleich", "en": "Comparison"},
    "compare.title": {"de": "Vergleich", "en": "Comparison"},
    "compare.intro": {
        "de": "Zwei Gebiete nebeneinander, und welche Indikatoren über die Gebiete hinweg zusammenhängen.",
        "en": "Two areas side by side, and which indicators go together across the areas.",
    },
    "compare.too_few_areas": {
        "de": "Auf der Ebene „{level}“ gibt es nur ein Gebiet; ein Vergleich braucht mindestens zwei.",
        "en": "The level “{level}” has only one area; a comparison needs at least two.",
    },
    "compare.period_note": {
        "de": "Indikatoren ohne Werte für {period} sind mit ihrem nächstgelegenen Jahr gezeigt (Jahr in Klammern).",
        "en": "Indicators without values for {period} are shown with their nearest year (year in brackets).",
    },
    # two areas
    "compare.pair_header": {"de": "Zwei Gebiete im Vergleich", "en": "Two areas compared"},
    "compare.area_a": {"de": "Gebiet A ({level})", "en": "Area A ({level})"},
    "compare.area_b": {"de": "Gebiet B ({level})", "en": "Area B ({level})"},
    "compare.pair_caption": {
        "de": "Position innerhalb der {level}: ganz links der niedrigste, ganz rechts der höchste Wert; der senkrechte Strich ist {city} gesamt. "
        "Gefülltes Symbol: das günstigere der beiden Gebiete, offenes Symbol: das ungünstigere (nach der Richtung des Indikators); "
        "ohne Wertung sind beide gefüllt.",
        "en": "Position among all {level}: far left the lowest, far right the highest value; the vertical bar is {city} total. "
        "Filled symbol: the more favourable of the two areas, open symbol: the less favourable (by the indicator's direction); "
        "without a judgement both are filled.",
    },
    "compare.favourable": {"de": "Günstiger", "en": "More favourable"},
    "compare.similar": {"de": "etwa gleich", "en": "about the same"},
    "compare.no_verdict": {"de": "keine Wertung", "en": "no judgement"},
    "compare.no_verdict_neutral": {"de": "keine Wertung (neutral)", "en": "no judgement (neutral)"},
    "compare.no_verdict_missing": {"de": "kein Vergleich (Wert fehlt)", "en": "no comparison (value missing)"},
    "compare.hover_favourable": {"de": "günstiger: {name}", "en": "more favourable: {name}"},
    "compare.position_axis": {"de": "Position innerhalb der {level}", "en": "Position among the {level}"},
    "compare.position_scale": {"de": "0 = niedrigster, 100 = höchster Wert", "en": "0 = lowest, 100 = highest value"},
    "compare.pair_alt": {
        "de": "Punktdiagramm: {a} und {b} bei {n} Indikatoren, jeweils als Position innerhalb der {level}. "
        "Günstiger ist {a} bei {a_better}, {b} bei {b_better} Indikatoren; etwa gleich bei {similar}.",
        "en": "Dot chart: {a} and {b} on {n} indicators, each as a position among all {level}. "
        "{a} is more favourable on {a_better}, {b} on {b_better} indicators; about the same on {similar}.",
    },
    "compare.pair_summary": {
        "de": "{a} ist bei {a_better} Indikatoren günstiger, {b} bei {b_better}; etwa gleich bei {similar}. Ohne Wertung: {none}.",
        "en": "{a} is more favourable on {a_better} indicators, {b} on {b_better}; about the same on {similar}. No judgement: {none}.",
    },
    "compare.export_name": {"de": "vergleich", "en": "comparison"},
    "compare.export_title": {
        "de": "Vergleich {a} und {b} mit {city} gesamt, alle Indikatoren, {period}",
        "en": "Comparison of {a} and {b} with {city} total, all indicators, {period}",
    },
    "compare.export_scatter": {"de": "zusammenhang", "en": "scatter"},
    "compare.export_matrix": {"de": "korrelationen", "en": "correlations"},
    "compare.export_matrix_title": {
        "de": "Rangkorrelationen (Spearman) zwischen Indikatoren über die {level}",
        "en": "Rank correlations (Spearman) between indicators across the {level}",
    },
    "compare.export_matrix_note": {
        "de": "Je Paar zählen die Gebiete mit beiden Werten (paarweise vollständig), mindestens 5; Gebiete, nicht Personen.",
        "en": "Each pair uses the areas with both values (pairwise complete), at least 5; areas, not people.",
    },
    # scatter
    "compare.scatter_header": {"de": "Zusammenhang zweier Indikatoren", "en": "Two indicators together"},
    "compare.x_indicator": {"de": "Waagerecht: {indicator} (Auswahl in der Seitenleiste)", "en": "Horizontal: {indicator} (chosen in the sidebar)"},
    "compare.y_indicator": {"de": "Senkrecht: zweiter Indikator", "en": "Vertical: second indicator"},
    "compare.weighted_toggle": {"de": "Nach Einwohnerzahl gewichten", "en": "Weight by population"},
    "compare.weighted_help": {
        "de": "Gewichtet zählt jedes Gebiet so oft, wie es Einwohnerinnen und Einwohner hat: große Gebiete prägen das Ergebnis stärker.",
        "en": "Weighted, each area counts as often as it has residents: large areas shape the result more.",
    },
    "compare.no_population": {
        "de": "Ohne Einwohnerzahl im Datensatz sind alle Punkte gleich groß und nicht gewichtet.",
        "en": "Without a population figure in the dataset all points are the same size and unweighted.",
    },
    "compare.other_areas": {"de": "übrige {level}", "en": "other {level}"},
    "compare.regression": {"de": "Regressionsgerade", "en": "Regression line"},
    "compare.regression_weighted": {"de": "Regressionsgerade (gewichtet)", "en": "Regression line (weighted)"},
    "compare.scatter_caption": {
        "de": "Jeder Punkt ist ein Gebiet; seine Fläche entspricht der Einwohnerzahl. Beschriftet sind die beiden gewählten Gebiete "
        "und, bei vielen Gebieten, die am weitesten von der Geraden entfernten.",
        "en": "Each point is an area; its size stands for the population. Labelled are the two chosen areas and, with many areas, "
        "those furthest from the line.",
    },
    "compare.coefficients": {
        "de": "Korrelation über {n} {level}, {weights}: Pearson r = {r}, Spearman ρ = {rho}{p}.",
        "en": "Correlation across {n} {level}, {weights}: Pearson r = {r}, Spearman ρ = {rho}{p}.",
    },
    "compare.p_values": {"de": " ({p} bzw. {q})", "en": " ({p} and {q})"},
    "compare.weighted": {"de": "nach Einwohnerzahl gewichtet", "en": "weighted by population"},
    "compare.unweighted": {"de": "jedes Gebiet gleich gewichtet", "en": "every area weighted equally"},
    "compare.strength.none": {"de": "kein nennenswerter", "en": "no notable"},
    "compare.strength.weak": {"de": "ein schwacher", "en": "a weak"},
    "compare.strength.moderate": {"de": "ein mittlerer", "en": "a moderate"},
    "compare.strength.strong": {"de": "ein starker", "en": "a strong"},
    "compare.meaning.none": {
        "de": "Es besteht {strength} linearer Zusammenhang.",
        "en": "There is {strength} linear relation.",
    },
    "compare.meaning.positive": {
        "de": "Es besteht {strength} positiver Zusammenhang: Gebiete mit höherem Wert bei „{x}“ haben meist auch einen höheren bei „{y}“.",
        "en": "There is {strength} positive relation: areas with a higher value of “{x}” mostly also have a higher “{y}”.",
    },
    "compare.meaning.negative": {
        "de": "Es besteht {strength} negativer Zusammenhang: Gebiete mit höherem Wert bei „{x}“ haben meist einen niedrigeren bei „{y}“.",
        "en": "There is {strength} negative relation: areas with a higher value of “{x}” mostly have a lower “{y}”.",
    },
    "compare.too_few": {
        "de": "Gebiete mit beiden Werten: {n} – zu wenige für eine Korrelation (mindestens 3).",
        "en": "Areas with both values: {n} – too few for a correlation (at least 3).",
    },
    "compare.not_causal": {
        "de": "Korrelation ist keine Kausalität: Ein Zusammenhang sagt nicht, dass das eine das andere bewirkt – beides kann "
        "von Dritten abhängen. Und die Punkte sind Gebiete, nicht Menschen: Was für Gebiete gilt, gilt nicht unbedingt für "
        "die Einzelnen, die dort leben.",
        "en": "Correlation is not causation: a relation does not mean that one causes the other – both may depend on "
        "something else. And the points are areas, not people: what holds for areas need not hold for the individuals "
        "who live there.",
    },
    "compare.scatter_alt": {
        "de": "Streudiagramm der {level}: {x} (waagerecht) gegen {y} (senkrecht), {n} Gebiete.",
        "en": "Scatter plot of the {level}: {x} (horizontal) against {y} (vertical), {n} areas.",
    },
    # heatmap
    "compare.heatmap_header": {"de": "Welche Indikatoren hängen zusammen?", "en": "Which indicators go together?"},
    "compare.domain": {"de": "Themenfeld", "en": "Topic"},
    "compare.all_domains": {"de": "alle Themenfelder", "en": "all topics"},
    "compare.heatmap_caption": {
        "de": "Rangkorrelation nach Spearman (ρ) zwischen den Indikatoren über {n} {level}; je Paar zählen die Gebiete mit beiden "
        "Werten ({pairs}). Blau: gehen gemeinsam nach oben, rot: gegenläufig. Die Reihenfolge ist nach Ähnlichkeit geordnet "
        "(hierarchische Clusteranalyse), damit zusammengehörige Indikatoren nebeneinander stehen.",
        "en": "Spearman rank correlation (ρ) between the indicators across {n} {level}; each pair uses the areas with both "
        "values ({pairs}). Blue: rise together, red: move in opposite directions. The order groups similar indicators "
        "(hierarchical clustering), so that related indicators stand side by side.",
    },
    "compare.marks_caption": {
        "de": "Bei so vielen Indikatoren stehen statt der Zahlen Zeichen in den Feldern: + starker gleichgerichteter, − starker "
        "gegenläufiger Zusammenhang (|ρ| ab 0,5). Die Werte zeigt der Mauszeiger und die Tabelle.",
        "en": "With this many indicators the cells hold marks instead of numbers: + a strong relation in the same direction, − a "
        "strong opposite one (|ρ| from 0.5). The values show on hover and in the table.",
    },
    "compare.pairs_range": {"de": "{low} bis {high} Gebiete", "en": "{low} to {high} areas"},
    "compare.pairs_all": {"de": "je {n} Gebiete", "en": "{n} areas each"},
    "compare.left_out": {
        "de": "Nicht enthalten (zu wenige Werte auf dieser Ebene oder alle gleich): {labels}.",
        "en": "Not included (too few values at this level, or all the same): {labels}.",
    },
    "compare.heatmap_none": {
        "de": "Für eine Korrelationsmatrix braucht es mindestens zwei Indikatoren mit Werten für mindestens 5 Gebiete.",
        "en": "A correlation matrix needs at least two indicators with values for at least 5 areas.",
    },
    "compare.heatmap_alt": {
        "de": "Korrelationsmatrix von {k} Indikatoren über {n} {level}. Stärkster Zusammenhang: {first} und {second} (ρ = {rho}).",
        "en": "Correlation matrix of {k} indicators across {n} {level}. Strongest relation: {first} and {second} (ρ = {rho}).",
    },
    "compare.first": {"de": "Indikator 1", "en": "Indicator 1"},
    "compare.second": {"de": "Indikator 2", "en": "Indicator 2"},
    "compare.pairs": {"de": "Gebiete (n)", "en": "Areas (n)"},
}

register(TEXTS)
