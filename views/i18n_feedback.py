"""The strings of the feedback form, the team's summary page and `python -m feedback export`
(German and English), registered with views.i18n on import.

Plain words: the form asks one question, says what is optional, how long a text may be, and
what is stored (and what is not).
"""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    # the form at the end of every page
    "fb.title": {"de": "Ihre Rückmeldung", "en": "Your feedback"},
    "fb.question": {"de": "War diese Seite hilfreich?", "en": "Was this page helpful?"},
    "fb.answer.yes": {"de": "Ja", "en": "Yes"},
    "fb.answer.partly": {"de": "Teilweise", "en": "Partly"},
    "fb.answer.no": {"de": "Nein", "en": "No"},
    "fb.text": {
        "de": "Was fehlt Ihnen, was war unklar? (freiwillig, höchstens {limit} Zeichen)",
        "en": "What is missing, what was unclear? (optional, at most {limit} characters)",
    },
    "fb.text_placeholder": {
        "de": "Zum Beispiel: ein Wort, das Sie nicht verstanden haben, oder Zahlen, die Sie vermissen",
        "en": "For example: a word you did not understand, or figures you miss",
    },
    "fb.role": {"de": "Ich bin … (freiwillig)", "en": "I am … (optional)"},
    "fb.role_none": {"de": "Keine Angabe", "en": "Not specified"},
    "fb.role.councillor": {"de": "Ratsmitglied", "en": "Councillor"},
    "fb.role.administration": {"de": "in der Verwaltung tätig", "en": "Working in the administration"},
    "fb.role.citizen": {"de": "Bürgerin oder Bürger", "en": "Citizen"},
    "fb.role.other": {"de": "Sonstiges", "en": "Other"},
    "fb.privacy": {
        "de": "Freiwillig und anonym: Gespeichert werden nur Ihre Angaben, die Seite und die gewählte Ansicht – "
        "keine IP-Adresse, keine Cookies. Bitte schreiben Sie keine Namen oder anderen persönlichen Angaben in das Textfeld.",
        "en": "Voluntary and anonymous: only your answers, the page and the chosen view are stored – no IP address, "
        "no cookies. Please do not write names or other personal details into the text field.",
    },
    "fb.submit": {"de": "Rückmeldung senden", "en": "Send feedback"},
    "fb.need_answer": {
        "de": "Bitte wählen Sie zuerst „Ja“, „Teilweise“ oder „Nein“. Text und Angabe zur Person sind freiwillig.",
        "en": "Please choose “Yes”, “Partly” or “No” first. The text and who you are are optional.",
    },
    "fb.thanks": {
        "de": "Danke für Ihre Rückmeldung zu dieser Ansicht! Das Team liest alle Rückmeldungen und verbessert die Seiten damit.",
        "en": "Thank you for your feedback on this view! The team reads all feedback and uses it to improve the pages.",
    },
    "fb.already_answered": {
        "de": "Zu dieser Ansicht haben Sie schon eine Rückmeldung geschickt – danke! Zu einer anderen Auswahl können Sie wieder antworten.",
        "en": "You have already sent feedback on this view – thank you! You can answer again for another selection.",
    },
    "fb.too_many": {
        "de": "Danke für Ihre vielen Rückmeldungen! Aus einer Sitzung nehmen wir höchstens {limit} in der Stunde an. "
        "In {minutes} Minuten können Sie wieder antworten.",
        "en": "Thank you for all your feedback! We accept at most {limit} answers per hour from one session. "
        "You can answer again in {minutes} minutes.",
    },
    "fb.full": {
        "de": "Gerade kommen sehr viele Rückmeldungen an. Bitte versuchen Sie es in einer Stunde noch einmal – Ihr Text bleibt im Feld stehen.",
        "en": "A great deal of feedback is arriving right now. Please try again in an hour – your text stays in the field.",
    },
    "fb.failed": {
        "de": "Ihre Rückmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es später noch einmal.",
        "en": "Your feedback could not be saved just now. Please try again later.",
    },
    # the team's summary page
    "nav.feedback_summary": {"de": "Rückmeldungen", "en": "Feedback"},
    "fbs.title": {"de": "Rückmeldungen", "en": "Feedback"},
    "fbs.intro": {
        "de": "Was die Menschen, die den Sozialmonitor nutzen, über seine Seiten sagen. Diese Seite ist nur für das Team: "
        "Sie erscheint, weil SOZIALMONITOR_FEEDBACK_ADMIN gesetzt ist, und bleibt auf einer öffentlichen Instanz aus.",
        "en": "What the people who use the Social Monitor say about its pages. This page is for the team only: it appears "
        "because SOZIALMONITOR_FEEDBACK_ADMIN is set, and stays off on a public instance.",
    },
    "fbs.stored": {"de": "Gespeichert in: {path}", "en": "Stored in: {path}"},
    "fbs.export_hint": {
        "de": "Alle Antworten als CSV für Excel, auch ohne diese Seite:",
        "en": "Every answer as CSV for Excel, also without this page:",
    },
    "fbs.export_command": {
        "de": "python -m feedback export --out rueckmeldungen.csv",
        "en": "python -m feedback export --out feedback.csv --lang en",
    },
    "fbs.form_on": {"de": "Das Formular am Ende jeder Seite ist eingeschaltet.", "en": "The form at the end of every page is switched on."},
    "fbs.form_disabled": {
        "de": "Das Formular ist ausgeschaltet (SOZIALMONITOR_FEEDBACK=off).",
        "en": "The form is switched off (SOZIALMONITOR_FEEDBACK=off).",
    },
    "fbs.form_read_only": {
        "de": "Das Formular ist aus, weil diese Instanz schreibgeschützt ist (SOZIALMONITOR_READ_ONLY ist gesetzt oder der Ort ist nicht beschreibbar).",
        "en": "The form is off because this instance is read-only (SOZIALMONITOR_READ_ONLY is set or the location is not writable).",
    },
    "fbs.empty": {"de": "Noch keine Rückmeldungen.", "en": "No feedback yet."},
    "fbs.unreadable": {
        "de": "Die Rückmeldungen lassen sich nicht lesen ({detail}). Prüfen Sie die Datei und ihre Rechte.",
        "en": "The feedback cannot be read ({detail}). Check the file and its permissions.",
    },
    "fbs.total": {"de": "Antworten", "en": "Answers"},
    "fbs.helpful": {"de": "davon „Ja“", "en": "of which “Yes”"},
    "fbs.with_text": {"de": "mit Text", "en": "with text"},
    "fbs.over_time": {"de": "Antworten im Zeitverlauf", "en": "Answers over time"},
    "fbs.granularity": {"de": "Zeitraum je Balken", "en": "Period per bar"},
    "fbs.granularity.day": {"de": "Tag", "en": "Day"},
    "fbs.granularity.week": {"de": "Woche", "en": "Week"},
    "fbs.granularity.month": {"de": "Monat", "en": "Month"},
    "fbs.page": {"de": "Seite", "en": "Page"},
    "fbs.all_pages": {"de": "Alle Seiten", "en": "All pages"},
    "fbs.table_behind": {"de": "Tabelle zum Diagramm", "en": "Table behind the chart"},
    "fbs.per_page": {"de": "Antworten je Seite", "en": "Answers per page"},
    "fbs.latest": {"de": "Neueste Texte", "en": "Latest texts"},
    "fbs.latest_intro": {
        "de": "Die {n} neuesten Rückmeldungen mit Text, wörtlich (als Text gezeigt, nie als Formatierung).",
        "en": "The {n} latest answers with text, verbatim (shown as text, never as formatting).",
    },
    "fbs.no_texts": {"de": "Noch keine Rückmeldung mit Text.", "en": "No feedback with text yet."},
    "fbs.download": {"de": "Alle Rückmeldungen als CSV herunterladen (für Excel)", "en": "Download all feedback as CSV (UTF-8)"},
    "fbs.alt": {
        "de": "Gestapelte Balken der Antworten je {unit} ({scope}) von {first} bis {last}: {total} insgesamt, "
        "davon {yes} „Ja“, {partly} „Teilweise“ und {no} „Nein“. Die meisten Antworten ({most}) kamen im Zeitraum ab {peak}.",
        "en": "Stacked bars of the answers per {unit} ({scope}) from {first} to {last}: {total} in total, "
        "of which {yes} “Yes”, {partly} “Partly” and {no} “No”. Most answers ({most}) came in the period from {peak}.",
    },
    "fbs.axis": {"de": "Antworten", "en": "Answers"},
    # columns (summary tables and the CSV export)
    "fbs.col.day": {"de": "Tag", "en": "Day"},
    "fbs.col.week": {"de": "Woche ab", "en": "Week of"},
    "fbs.col.month": {"de": "Monat", "en": "Month"},
    "fbs.col.total": {"de": "Zusammen", "en": "Total"},
    "fbs.col.share_yes": {"de": "Anteil „Ja“", "en": "Share “Yes”"},
    "fbs.col.id": {"de": "Nr.", "en": "No."},
    "fbs.col.time": {"de": "Zeitpunkt (UTC)", "en": "Time (UTC)"},
    "fbs.col.page": {"de": "Seite", "en": "Page"},
    "fbs.col.view": {"de": "Ansicht (URL)", "en": "View (URL)"},
    "fbs.col.lang": {"de": "Sprache", "en": "Language"},
    "fbs.col.answer": {"de": "Antwort", "en": "Answer"},
    "fbs.col.text": {"de": "Text", "en": "Text"},
    "fbs.col.role": {"de": "Rolle", "en": "Role"},
    # python -m feedback export
    "fbx.written": {
        "de": "{n} Rückmeldungen nach {path} geschrieben ({format}).",
        "en": "Wrote {n} answers to {path} ({format}).",
    },
    "fbx.missing": {
        "de": "Keine Rückmeldungen gefunden: {path} gibt es nicht. Den Ort legt SOZIALMONITOR_FEEDBACK_DB fest "
        "(Standard: neben dem Datensatz-Ordner aus SOZIALMONITOR_DATA); oder geben Sie --db an.",
        "en": "No feedback found: {path} does not exist. SOZIALMONITOR_FEEDBACK_DB sets the location "
        "(default: beside the dataset folder of SOZIALMONITOR_DATA); or pass --db.",
    },
    "fbx.failed": {"de": "Export fehlgeschlagen: {detail}", "en": "Export failed: {detail}"},
}

register(TEXTS)
