"""Strings of the downloads (format choice, metadata, README) and of the page "Daten & Export"."""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    # the download widget
    "export.format": {"de": "Dateiformat", "en": "File format"},
    "export.format.xlsx": {"de": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "export.format.csv_excel_de": {"de": "CSV für Excel (deutsch)", "en": "CSV for Excel (German)"},
    "export.format.csv": {"de": "CSV (UTF-8, international)", "en": "CSV (UTF-8, international)"},
    "export.format.parquet": {"de": "Parquet", "en": "Parquet"},
    "export.format_help": {
        "de": "**Excel (.xlsx):** Tabelle mit Gebietsnummern als Text und einem zweiten Blatt mit den Metadaten.  \n"
        "**CSV für Excel (deutsch):** Semikolon, Dezimalkomma, UTF-8 mit BOM – öffnet in deutschem Excel per Doppelklick.  \n"
        "**CSV (UTF-8, international):** Komma, Dezimalpunkt – für R, Python und englisches Excel.  \n"
        "Beide CSV kommen als ZIP mit metadata.json und README.md.  \n"
        "**Parquet:** ungerundete Werte, Metadaten in der Datei – für R (arrow), Python und DuckDB.",
        "en": "**Excel (.xlsx):** the table with area numbers as text and a second sheet with the metadata.  \n"
        "**CSV for Excel (German):** semicolon, decimal comma, UTF-8 with BOM – opens in German Excel by double-click.  \n"
        "**CSV (UTF-8, international):** comma, decimal point – for R, Python and English Excel.  \n"
        "Both CSV come as a ZIP with metadata.json and README.md.  \n"
        "**Parquet:** unrounded values, metadata inside the file – for R (arrow), Python and DuckDB.",
    },
    "export.download": {"de": "{what} herunterladen", "en": "Download {what}"},
    "export.what.table": {"de": "Tabelle", "en": "the table"},
    "export.what.map": {"de": "Kartendaten", "en": "the map data"},
    "export.what.chart": {"de": "Daten des Diagramms", "en": "the chart data"},
    "export.what.catalog": {"de": "Katalog", "en": "the catalog"},
    "export.what.points": {"de": "Liste der Angebote", "en": "the list of services"},
    # export columns that the screen shows combined
    "export.column.class_range": {"de": "Klassengrenzen", "en": "Class bounds"},
    "export.column.interval_low": {"de": "95-%-Vertrauensbereich von", "en": "95% confidence interval from"},
    "export.column.interval_high": {"de": "95-%-Vertrauensbereich bis", "en": "95% confidence interval to"},
    "export.column.indicator_id": {"de": "Indikator-Kennung", "en": "Indicator id"},
    "export.column.poi_id": {"de": "Kennung", "en": "Id"},
    "export.column.category": {"de": "Art des Angebots", "en": "Kind of service"},
    "export.column.name": {"de": "Name", "en": "Name"},
    "export.column.address": {"de": "Adresse", "en": "Address"},
    "export.column.lat": {"de": "Breite (WGS84)", "en": "Latitude (WGS84)"},
    "export.column.lon": {"de": "Länge (WGS84)", "en": "Longitude (WGS84)"},
    # parts of file names (ASCII after slugging)
    "export.name.map": {"de": "karte", "en": "map"},
    "export.name.ranking": {"de": "rangfolge", "en": "ranking"},
    "export.name.trend": {"de": "entwicklung", "en": "trend"},
    "export.name.profile": {"de": "profil", "en": "profile"},
    "export.name.lorenz": {"de": "lorenzkurve", "en": "lorenz-curve"},
    "export.name.clusters": {"de": "cluster", "en": "clusters"},
    "export.name.social_index": {"de": "sozialindex", "en": "social-index"},
    "export.name.sensitivity": {"de": "sensitivitaet", "en": "sensitivity"},
    "export.name.points": {"de": "angebote", "en": "services"},
    "export.name.catalog": {"de": "indikatorenkatalog", "en": "indicator-catalog"},
    "export.name.values": {"de": "werte", "en": "values"},
    "export.name.indicators": {"de": "{n}-indikatoren", "en": "{n}-indicators"},
    # the metadata (metadata.json keys stay English; these label them for people)
    "export.sheet.data": {"de": "Daten", "en": "Data"},
    "export.sheet.metadata": {"de": "Metadaten", "en": "Metadata"},
    "export.meta.title": {"de": "Inhalt", "en": "Content"},
    "export.meta.dataset": {"de": "Datensatz", "en": "Dataset"},
    "export.meta.demo": {"de": "Hinweis", "en": "Notice"},
    "export.meta.level": {"de": "Gebietsebene", "en": "Area level"},
    "export.meta.periods": {"de": "Jahr(e)", "en": "Year(s)"},
    "export.meta.suppression": {"de": "Geheimhaltung", "en": "Suppression"},
    "export.meta.note": {"de": "Anmerkung", "en": "Note"},
    "export.meta.attribution": {"de": "Quellen und Lizenzen", "en": "Sources and licences"},
    "export.meta.permalink": {"de": "Link zur Ansicht", "en": "Link to the view"},
    "export.meta.exported": {"de": "Exportiert am", "en": "Exported on"},
    "export.meta.rows": {"de": "Zeilen", "en": "Rows"},
    "export.meta.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "export.meta.columns": {"de": "Spalten", "en": "Columns"},
    "export.meta.column": {"de": "Spalte", "en": "Column"},
    "export.meta.type": {"de": "Typ", "en": "Type"},
    "export.meta.decimals": {"de": "Nachkommastellen", "en": "Decimals"},
    "export.meta.decimals_per_indicator": {"de": "je Indikator", "en": "per indicator"},
    "export.meta.file": {"de": "Datei", "en": "File"},
    "export.type.string": {"de": "Text", "en": "text"},
    "export.type.number": {"de": "Zahl", "en": "number"},
    "export.type.integer": {"de": "ganze Zahl", "en": "integer"},
    "export.field.id": {"de": "Kennung", "en": "Id"},
    "export.field.label": {"de": "Indikator", "en": "Indicator"},
    "export.field.unit": {"de": "Einheit", "en": "Unit"},
    "export.field.definition": {"de": "Definition", "en": "Definition"},
    "export.field.topic": {"de": "Themenfeld", "en": "Topic"},
    "export.field.kind": {"de": "Art", "en": "Kind"},
    "export.field.polarity": {"de": "Wertung", "en": "Polarity"},
    "export.field.source": {"de": "Quelle", "en": "Source"},
    "export.field.licence": {"de": "Lizenz", "en": "Licence"},
    "export.field.vintage": {"de": "Stand", "en": "Vintage"},
    "export.readme.csv": {
        "de": "`{file}`: UTF-8 ohne BOM, Komma als Trennzeichen, Punkt als Dezimalzeichen. Überschriften, "
        "Gebietsnummern und Texte stehen in Anführungszeichen; leere Zellen sind fehlende oder geheim gehaltene "
        "Werte (Grund in der Spalte „Hinweis“). Zahlen sind auf die Nachkommastellen des Indikators gerundet; "
        "`metadata.json` beschreibt jede Spalte. In R: `read.csv(\"{file}\", colClasses = …)` oder "
        "`readr::read_csv`, in Python: `pandas.read_csv` mit `dtype=str` für die Gebietsnummer.",
        "en": "`{file}`: UTF-8 without BOM, comma as separator, point as decimal mark. Headers, area numbers and "
        "texts are quoted; empty cells are missing or withheld values (the reason is in the column \"Note\"). "
        "Numbers are rounded to the indicator's decimals; `metadata.json` describes every column. In R: "
        "`read.csv(\"{file}\", colClasses = …)` or `readr::read_csv`, in Python: `pandas.read_csv` with "
        "`dtype=str` for the area number.",
    },
    "export.readme.csv_excel_de": {
        "de": "`{file}`: für deutsches Excel – UTF-8 mit BOM, Semikolon als Trennzeichen, Komma als "
        "Dezimalzeichen. Überschriften, Gebietsnummern und Texte stehen in Anführungszeichen; leere Zellen sind "
        "fehlende oder geheim gehaltene Werte (Grund in der Spalte „Hinweis“). Excel wandelt beim Öffnen per "
        "Doppelklick Nummern wie 01.1 trotz Anführungszeichen in Datumswerte um: dann über Daten › Aus Text/CSV "
        "importieren und die Spalte als Text wählen, oder die xlsx-Datei nehmen.",
        "en": "`{file}`: for German Excel – UTF-8 with BOM, semicolon as separator, comma as decimal mark. "
        "Headers, area numbers and texts are quoted; empty cells are missing or withheld values (the reason is "
        "in the column \"Note\"). When opened by double-click, Excel turns numbers such as 01.1 into dates "
        "despite the quotes: import via Data › From Text/CSV and choose text for that column, or use the xlsx file.",
    },
    # the page "Daten & Export"
    "nav.data_export": {"de": "Daten & Export", "en": "Data & export"},
    "data.title": {"de": "Daten & Export", "en": "Data & export"},
    "data.intro": {
        "de": "Alle Werte als Tabelle: Themenfelder, Indikatoren, Jahre, Gebietsebene und Gebiete wählen, "
        "dann die Auswahl herunterladen – als Excel-Datei, CSV oder Parquet, mit Quellen, Lizenzen und einem Link "
        "zu dieser Ansicht. Geheim gehaltene Werte (kleine Fallzahlen) bleiben leer.",
        "en": "All values as a table: choose topics, indicators, years, area level and areas, then download "
        "the selection – as an Excel file, CSV or Parquet, with sources, licences and a link to this view. "
        "Withheld values (small counts) stay empty.",
    },
    "data.filter.domains": {"de": "Themenfelder", "en": "Topics"},
    "data.filter.all_domains": {"de": "alle Themenfelder", "en": "all topics"},
    "data.filter.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "data.filter.all_indicators": {"de": "alle Indikatoren der Themenfelder", "en": "all indicators of the topics"},
    "data.filter.periods": {"de": "Jahre", "en": "Years"},
    "data.filter.areas": {"de": "Gebiete", "en": "Areas"},
    "data.filter.all_areas": {"de": "alle Gebiete", "en": "all areas"},
    "data.layout": {"de": "Tabellenform", "en": "Table layout"},
    "data.layout.long": {"de": "lang", "en": "long"},
    "data.layout.wide": {"de": "breit", "en": "wide"},
    "data.layout_help": {
        "de": "**lang:** eine Zeile je Gebiet, Jahr und Indikator – für R, Python und Pivot-Tabellen.  \n"
        "**breit:** eine Zeile je Gebiet und Jahr, eine Spalte je Indikator – zum Lesen und Rechnen in Excel.",
        "en": "**long:** one row per area, year and indicator – for R, Python and pivot tables.  \n"
        "**wide:** one row per area and year, one column per indicator – for reading and calculating in Excel.",
    },
    "data.layout_name.wide": {"de": "breit", "en": "wide"},
    "data.values": {"de": "Werte", "en": "Values"},
    "data.one_indicator": {"de": "1 Indikator", "en": "1 indicator"},
    "data.n_indicators": {"de": "{n} Indikatoren", "en": "{n} indicators"},
    "data.summary.rows": {"de": "{n} Zeilen", "en": "{n} rows"},
    "data.summary.withheld": {"de": "{n} Werte geheim gehalten", "en": "{n} values withheld"},
    "data.truncated": {
        "de": "Angezeigt werden die ersten {n} Zeilen; der Download enthält alle.",
        "en": "Showing the first {n} rows; the download holds all of them.",
    },
    "data.no_rows": {"de": "Für diese Auswahl gibt es keine Werte.", "en": "There are no values for this selection."},
    "data.filter_note": {"de": "Auswahl: {n} von {total} {level}.", "en": "Selection: {n} of {total} {level}."},
    "data.catalog.title": {"de": "Indikatorenkatalog", "en": "Indicator catalog"},
    "data.catalog.lookup": {"de": "Indikator nachschlagen", "en": "Look up an indicator"},
    "data.catalog.intro": {
        "de": "Alle Indikatoren dieses Datensatzes mit Definition, Einheit, Wertung, Quelle, Lizenz und Stand.",
        "en": "Every indicator of this dataset with its definition, unit, polarity, source, licence and vintage.",
    },
    "data.catalog.periods": {"de": "Jahre mit Werten", "en": "Years with values"},
    "data.catalog.synthetic": {"de": "Synthetisch", "en": "Synthetic"},
    "data.yes": {"de": "ja", "en": "yes"},
    "data.no": {"de": "nein", "en": "no"},
}

register(TEXTS)
