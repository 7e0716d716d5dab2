"""Committee papers from the command line.

    python -m reports area ID --out FILE.pdf          the report of one area
    python -m reports indicator ID --out FILE.pdf     the report of one indicator
    python -m reports all --out DIR                   one per area of a level and per headline indicator

Options: --lang de|en, --period YEAR, --level LEVEL, --data FOLDER (default: $SOZIALMONITOR_DATA,
else data/demo), --base-url URL for the links (default: $SOZIALMONITOR_BASE_URL, else
http://localhost:8501), for `all` also --indicators a,b,c. Bad input ends with a message and
exit code 2; `all` goes on past a report that fails and ends with exit code 1.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from loaders.contract import DatasetError
from loaders.folder import dataset_folder
from loaders.store import Store
from reports.area import area_report
from reports.indicator import indicator_report
from reports import pdf_name
from reports.source import StoreSource, headline_indicators, level_of_area
from views.i18n import DEFAULT_LANGUAGE, languages, t
from views.state import BASE_URL_ENV, DEFAULT_BASE_URL, nearest_period

MAX_LISTED = 12


class UsageError(Exception):
    """Input the command cannot use; the message says what to set instead."""


def _listed(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:MAX_LISTED])
    return shown + (f" … (+{len(ids) - MAX_LISTED})" if len(ids) > MAX_LISTED else "")


def progress(done: int, total: int, label: str, *, stream=None, started: float | None = None) -> None:
    """A progress bar on a terminal (redrawn in place), one line per step elsewhere (stderr by default)."""
    stream = stream or sys.stderr
    width = 30
    filled = int(width * done / max(total, 1))
    elapsed = f" {time.monotonic() - started:5.1f}s" if started is not None else ""
    line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}{elapsed} {label}"
    if stream.isatty():
        stream.write("\r\033[K" + line[:160] + ("\n" if done == total else ""))
    else:
        stream.write(line + "\n")
    stream.flush()


def _check_level(store: Store, level: str | None, lang: str) -> str:
    levels = list(store.metadata.level_ids)
    if level is None:
        return store.metadata.default_level
    if level not in levels:
        raise UsageError(t("report.cli.unknown_level", lang, id=level, known=_listed(levels)))
    return level


def _check_indicator(store: Store, indicator: str, lang: str) -> None:
    if indicator not in store.indicator_ids():
        raise UsageError(t("report.cli.unknown_indicator", lang, id=indicator, known=_listed(sorted(store.indicator_ids()))))


def _indicator_period(store: Store, indicator: str, period: int | None, lang: str, *, strict: bool) -> int:
    available = store.periods(indicator)
    if not available:
        raise UsageError(t("report.cli.no_period", lang, indicator=indicator, period=period or "–", known="–"))
    if period is None:
        return nearest_period(store.metadata.default_period, available)
    if period not in available and strict:
        raise UsageError(t("report.cli.no_period", lang, indicator=indicator, period=period, known=_listed([str(p) for p in available])))
    return nearest_period(period, available)


def _write(path: Path, data: bytes) -> None:
    """Write atomically: a half-written PDF never lies in the target folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


def run(arguments: argparse.Namespace, out=None, err=None) -> int:
    """Make the reports the arguments ask for; the exit code (0 done, 1 a report failed, 2 bad input)."""
    out, err = out or sys.stdout, err or sys.stderr
    lang = arguments.lang
    try:
        store = Store(arguments.data)
    except DatasetError as error:
        err.write(t("error.dataset_intro", lang, folder=str(error.folder)) + "\n")
        for problem in error.problems:
            err.write(f"- {problem.text(lang)}\n")
        return 2
    source = StoreSource(store)
    base_url = arguments.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if base_url == DEFAULT_BASE_URL:
        err.write(t("report.cli.localhost", lang, url=base_url) + "\n")
    try:
        if arguments.command == "indicator":
            _check_indicator(store, arguments.id, lang)
            level = _check_level(store, arguments.level, lang)
            period = _indicator_period(store, arguments.id, arguments.period, lang, strict=True)
            _write(Path(arguments.out), indicator_report(source, indicator=arguments.id, period=period, level=level, lang=lang, base_url=base_url))
            out.write(t("report.cli.written", lang, path=arguments.out) + "\n")
            return 0
        if arguments.command == "area":
            level = level_of_area(source, arguments.id)
            if level is None:
                wanted = _check_level(store, arguments.level, lang)
                raise UsageError(t("report.cli.unknown_area", lang, id=arguments.id, level=wanted, known=_listed(list(store.areas(wanted)["area_id"]))))
            period = arguments.period or store.metadata.default_period
            _write(Path(arguments.out), area_report(source, area_id=arguments.id, period=period, level=level, lang=lang, base_url=base_url))
            out.write(t("report.cli.written", lang, path=arguments.out) + "\n")
            return 0
        # all: one report per area of the level and per headline indicator
        level = _check_level(store, arguments.level, lang)
        indicators = [i.strip() for i in arguments.indicators.split(",") if i.strip()] if arguments.indicators else headline_indicators(store)
        for indicator in indicators:
            _check_indicator(store, indicator, lang)
    except UsageError as error:
        err.write(str(error) + "\n")
        return 2

    folder = Path(arguments.out)
    areas = store.areas(level)
    period = arguments.period or store.metadata.default_period
    jobs: list[tuple[str, Path, Callable[[], bytes]]] = []
    for indicator in indicators:
        indicator_period = _indicator_period(store, indicator, period, lang, strict=False)
        jobs.append(
            (
                store.indicator(indicator).label(lang),
                folder / pdf_name(indicator, level, indicator_period, lang),
                lambda i=indicator, p=indicator_period: indicator_report(source, indicator=i, period=p, level=level, lang=lang, base_url=base_url),
            )
        )
    for area_id, name in zip(areas["area_id"], areas["name"]):
        jobs.append(
            (
                str(name),
                folder / pdf_name(t("report.file_area", lang), area_id, name, period, lang),
                lambda a=area_id: area_report(source, area_id=a, period=period, level=level, lang=lang, base_url=base_url),
            )
        )
    failed = 0
    started = time.monotonic()
    for number, (label, path, build) in enumerate(jobs, start=1):
        try:
            _write(path, build())
        except Exception as error:  # one broken report must not stop the paper: say which and go on
            failed += 1
            err.write(t("report.cli.failed", lang, label=label, error=f"{type(error).__name__}: {error}") + "\n")
        progress(number, len(jobs), label, stream=err, started=started)
    out.write(t("report.cli.written_all", lang, n=len(jobs) - failed, folder=str(folder)) + "\n")
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="python -m reports", description="Sozialmonitor: Berichte als PDF / reports as PDF")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=languages(), default=DEFAULT_LANGUAGE, help="Sprache / language (de)")
    common.add_argument("--period", type=int, help="Berichtsjahr / report year (default: the dataset's)")
    common.add_argument("--level", help="Gebietsebene / area level (default: the dataset's)")
    common.add_argument("--data", default=str(dataset_folder()), help="Datensatz-Ordner / dataset folder")
    common.add_argument("--base-url", help=f"Adresse des Dashboards für die Links / the dashboard's address (${BASE_URL_ENV})")
    commands = command.add_subparsers(dest="command", required=True)
    area = commands.add_parser("area", parents=[common], help="Gebietsbericht / area report")
    area.add_argument("id", help="Gebiets-Nr. / area id")
    area.add_argument("--out", required=True, help="PDF-Datei / PDF file")
    indicator = commands.add_parser("indicator", parents=[common], help="Indikatorbericht / indicator report")
    indicator.add_argument("id", help="indicator_id")
    indicator.add_argument("--out", required=True, help="PDF-Datei / PDF file")
    everything = commands.add_parser("all", parents=[common], help="Sitzungsunterlage / committee paper")
    everything.add_argument("--out", required=True, help="Ordner / folder")
    everything.add_argument("--indicators", help="a,b,c (default: headline_indicators of dataset.json)")
    return command


def main(argv: Sequence[str] | None = None) -> int:
    return run(parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
