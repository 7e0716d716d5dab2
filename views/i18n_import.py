"""UI strings of the page "Daten prüfen" (the importer's dry run), registered into views.i18n."""
from __future__ import annotations

from views.i18n import register

CATALOG: dict[str, dict[str, str]] = {
    "nav.data_check": {"de": "Daten prüfen", "en": "Check data"},
    "check.title": {"de": "Daten prüfen", "en": "Check data"},
    "check.intro": {
        "de": "Laden Sie eine Import-Spezifikation (TOML) und die Dateien hoch, auf die sie verweist. "
        "Sie sehen den Importbericht, bevor jemand importiert: hier wird nichts gespeichert und nichts importiert. "
        "Wie man eine Spezifikation schreibt, steht in docs/importer.md.",
        "en": "Upload an import specification (TOML) and the files it refers to. "
        "You see the import report before anyone imports: nothing is stored or imported here. "
        "How to write a specification is explained in docs/importer.md.",
    },
    "check.spec_upload": {"de": "Import-Spezifikation (.toml)", "en": "Import specification (.toml)"},
    "check.files_upload": {
        "de": "Dateien (CSV, Excel, GeoJSON, Shapefile-Teile oder ZIP)",
        "en": "Files (CSV, Excel, GeoJSON, shapefile parts or ZIP)",
    },
    "check.need_spec": {
        "de": "Noch keine Spezifikation hochgeladen. Vorlagen: examples/berlin/import.toml und examples/luebeck/import.toml.",
        "en": "No specification uploaded yet. Templates: examples/berlin/import.toml and examples/luebeck/import.toml.",
    },
    "check.files": {"de": "Dateien der Spezifikation", "en": "Files of the specification"},
    "check.file": {"de": "Datei", "en": "File"},
    "check.file_role": {"de": "Rolle", "en": "Role"},
    "check.file_status": {"de": "Status", "en": "Status"},
    "check.uploaded": {"de": "hochgeladen", "en": "uploaded"},
    "check.missing_upload": {"de": "fehlt", "en": "missing"},
    "check.role.table": {"de": "Tabelle „{name}“", "en": "table '{name}'"},
    "check.role.geometry": {"de": "Grenzen", "en": "boundaries"},
    "check.role.points": {"de": "Orte", "en": "points"},
    "check.ok": {
        "de": "Keine Fehler: der Import würde gelingen.",
        "en": "No errors: the import would succeed.",
    },
    "check.failed": {
        "de": "{n} Fehler: so würde der Import abbrechen. Bitte die Dateien oder die Spezifikation korrigieren.",
        "en": "{n} error(s): the import would stop. Please fix the files or the specification.",
    },
    "check.summary": {"de": "Übersicht", "en": "Summary"},
    "check.metric.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "check.metric.periods": {"de": "Zeiträume", "en": "Periods"},
    "check.metric.values": {"de": "Werte", "en": "Values"},
    "check.metric.missing": {"de": "Fehlende Werte", "en": "Missing values"},
    "check.metric.areas": {"de": "{level}", "en": "{level}"},
    "check.metric.with_geometry": {"de": "{n} mit Geometrie", "en": "{n} with geometry"},
    "check.metric.totals": {"de": "Amtliche Summen", "en": "Official totals"},
    "check.metric.totals_match": {"de": "alle stimmen überein", "en": "all match"},
    "check.metric.totals_differ": {"de": "Abweichungen: {n} (siehe Fehler)", "en": "differences: {n} (see errors)"},
    "check.metric.totals_tolerated": {"de": "Abweichungen im erlaubten Rahmen: {n}", "en": "differences within the allowed deviation: {n}"},
    "check.section.errors": {"de": "Fehler", "en": "Errors"},
    "check.section.areas_without_geometry": {
        "de": "Gebiete ohne Geometrie (werden gelistet, aber nicht gezeichnet)",
        "en": "Areas without geometry (listed, but not drawn)",
    },
    "check.section.geometries_without_data": {"de": "Geometrien ohne Daten", "en": "Geometries without data"},
    "check.section.unmatched_ids": {
        "de": "Ids ohne passendes Gebiet (nicht importiert)",
        "en": "Ids without a matching area (not imported)",
    },
    "check.section.out_of_range": {"de": "Werte außerhalb des möglichen Bereichs", "en": "Values outside their possible range"},
    "check.section.warnings": {"de": "Warnungen", "en": "Warnings"},
    "check.section.notes": {"de": "Hinweise", "en": "Notes"},
    "check.column.file": {"de": "Datei", "en": "File"},
    "check.column.column": {"de": "Spalte / Schlüssel", "en": "Column / key"},
    "check.column.rows": {"de": "Zeilen", "en": "Rows"},
    "check.column.values": {"de": "Werte", "en": "Values"},
    "check.column.expected": {"de": "Was zu tun ist", "en": "What to do"},
    "check.column.value": {"de": "Id oder Name", "en": "Id or name"},
    "check.column.suggestions": {"de": "Meinten Sie?", "en": "Did you mean?"},
    "check.column.area_id": {"de": "Id", "en": "Id"},
    "check.column.name": {"de": "Name", "en": "Name"},
    "check.column.level": {"de": "Ebene", "en": "Level"},
    "check.more_rows": {"de": "und {n} weitere", "en": "and {n} more"},
    "check.full_report": {"de": "Vollständiger Bericht als Text", "en": "Full report as text"},
    "check.download": {"de": "Bericht herunterladen", "en": "Download the report"},
    "check.command": {
        "de": "Importieren auf dem Server, wenn der Bericht passt:",
        "en": "To import on the server once the report is right:",
    },
}

register(CATALOG)
