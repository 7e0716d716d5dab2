"""`python -m feedback export --out FILE.csv [--db FILE] [--lang de|en]`: every answer as CSV.

German (default): "CSV für Excel (deutsch)" — UTF-8 with byte-order mark, `;`, German column
names and labels; `--lang en`: plain UTF-8 CSV with `,` and English names (views.export).
Texts keep their line breaks (quoted); a text that Excel would run as a formula starts with an
apostrophe (see views.feedback).
The database is the one the dashboard uses (`SOZIALMONITOR_FEEDBACK_DB`, else beside the
dataset folder of `SOZIALMONITOR_DATA`), or `--db`. The file is written whole or not at all.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from feedback.store import FeedbackStore, settings
from loaders.folder import dataset_folder
from views.feedback import export_csv, for_german_excel
from views.i18n import languages, t


def export(database: Path, out: Path, lang: str) -> int:
    """Write every answer in `database` to `out` atomically; the number of answers."""
    rows = FeedbackStore(database).rows()
    data = export_csv(rows, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m feedback", description="The feedback the dashboard's users gave.")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("export", help="write every answer as CSV for Excel")
    command.add_argument("--out", required=True, type=Path, help="the CSV file to write")
    command.add_argument("--db", type=Path, help="the feedback database (default: the dashboard's)")
    command.add_argument("--lang", choices=languages(), default="de", help="column names, labels and separator (default: de)")
    args = parser.parse_args(argv)

    database = args.db or settings(dataset_folder()).path
    if not database.is_file():
        print(t("fbx.missing", args.lang, path=database), file=sys.stderr)
        return 1
    try:
        count = export(database, args.out, args.lang)
    except (sqlite3.Error, OSError) as error:
        print(t("fbx.failed", args.lang, detail=error), file=sys.stderr)
        return 1
    fmt = t("export.format.csv_excel_de" if for_german_excel(args.lang) else "export.format.csv", args.lang)
    print(t("fbx.written", args.lang, n=count, path=args.out, format=fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
