"""Many users at once: concurrent sessions against one local server while the dataset is re-imported.

    python -m tests.load.scenario [--sessions 30] [--seconds 180]

prints the figures for docs/reliability.md; tests/load/test_load.py runs the same and asserts.

The dataset is the importer tests' "Beispielstadt" (9 Stadtbezirke, 37 Stadtteile, five
indicators, three years), imported twice with the importer: version **Alpha** (2021–2023) and
version **Beta** (2031–2033), each carrying its name in every file — the dataset's name
(dataset.json), the indicator and level labels (indicators.parquet), the area names
(areas.parquet) — and its years in the values (values.parquet). A background task re-imports
Beta, Alpha, Beta into the folder the server reads, at a quarter, half and three quarters of
the time.

Each simulated user (tests.load.client, Streamlit's websocket protocol, no browser) loops,
bounded in time and count: open a random address (page, language, indicator, level) in a new
session, then switch pages in it twice, pausing in between like a reader. Every run must:

- show no error (no exception, no error box, finished within the time limit);
- show this session's own state: the language, indicator and level it asked for in the
  query string the app writes, and the page's own title in that language;
- show one version: markers of Alpha or of Beta, never both, and the years of that version.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loaders.importer import run_import
from loaders.spec import load_spec
from tests.conftest import REPO_ROOT
from tests.load.client import Page, Run, Session, query_value
from tests.loaders import bigcity

VERSIONS = {"Alpha": 0, "Beta": 10}  # marker → years added (Alpha 2021–2023, Beta 2031–2033)
LANGUAGES = ("de", "en")
LEVELS = ("stadtbezirk", "stadtteil")
INDICATORS = ("einwohner", "anteil_u18", "anteil_65plus", "arbeitslosenanteil", "durchschnittsalter")


@dataclass
class LoadConfig:
    sessions: int = 30
    seconds: float = 180.0
    switches_per_visit: int = 2  # page switches in a session after the first run
    pause: tuple[float, float] = (0.5, 3.0)  # seconds a user reads before the next step
    max_runs_per_user: int = 500  # a bound on every loop, whatever the clock says
    reimports: int = 3  # evenly spaced: at a quarter, half and three quarters of the time
    seed: int = 12


@dataclass
class LoadResult:
    config: LoadConfig
    seconds: float = 0.0
    runs: list[Run] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # errors shown, runs that did not finish
    foreign: list[str] = field(default_factory=list)  # a session showing another session's state
    mixed: list[str] = field(default_factory=list)  # a run showing parts of both versions
    versions: Counter = field(default_factory=Counter)  # runs per version shown
    reimports: list[tuple[float, str, bool]] = field(default_factory=list)  # (seconds after start, version, succeeded)
    peak_rss_mb: float = 0.0
    rss_before_mb: float = 0.0

    def quantile(self, share: float) -> float:
        times = sorted(run.seconds for run in self.runs)
        return statistics.quantiles(times, n=100, method="inclusive")[round(share * 100) - 1] if len(times) > 1 else 0.0

    def table(self) -> str:
        """The figures as a Markdown table."""
        rows = [
            ("sessions at once", f"{self.config.sessions}"),
            ("duration", f"{self.seconds:.0f} s"),
            ("runs (page views)", f"{len(self.runs)}"),
            ("time per run, median (p50)", f"{self.quantile(0.5):.2f} s"),
            ("time per run, p95", f"{self.quantile(0.95):.2f} s"),
            ("time per run, slowest", f"{max((r.seconds for r in self.runs), default=0):.2f} s"),
            ("re-imports during the run", f"{sum(ok for _, _, ok in self.reimports)} of {len(self.reimports)} succeeded"),
            ("runs showing Alpha / Beta", f"{self.versions['Alpha']} / {self.versions['Beta']}"),
            ("errors / foreign state / mixed versions", f"{len(self.errors)} / {len(self.foreign)} / {len(self.mixed)}"),
            ("server memory before / peak (VmHWM)", f"{self.rss_before_mb:.0f} MB / {self.peak_rss_mb:.0f} MB"),
        ]
        return "\n".join(["| figure | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])


# --- the two versions of the dataset -----------------------------------------------------------


def write_version(folder: Path, marker: str) -> Path:
    """Beispielstadt's files and spec with `marker` in every name and label, years shifted; returns the spec."""
    shift = VERSIONS[marker]
    spec = bigcity.write_city(folder)
    lines = bigcity.long_table().decode("cp1252").split("\r\n")
    rows = [lines[0]]
    for line in filter(None, lines[1:]):
        year, area_id, name, key, value = line.split(";")
        rows.append(f"{int(year) + shift};{area_id};{name} {marker};{key};{value}")
    (folder / "kennzahlen.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    text = spec.read_text(encoding="utf-8")
    text = text.replace('name = "Sozialmonitor Beispielstadt"', f'name = "Lasttest {marker}"')
    text = text.replace("period = 2023", f"period = {2023 + shift}")
    for language in ("de", "en"):
        text = "\n".join(f'{line[:-1]} {marker}"' if line.startswith(f"label_{language} = ") else line for line in text.split("\n"))
    spec.write_text(text, encoding="utf-8")
    return spec


def version_of_period(period: str | None) -> str | None:
    if period is None or not period.isdigit():
        return None
    for marker, shift in VERSIONS.items():
        if 2021 + shift <= int(period) <= 2023 + shift:
            return marker
    return None


# --- the users ----------------------------------------------------------------------------------


def _check(run: Run, result: LoadResult, who: str, lang: str, indicator: str, level: str, title: str | None) -> None:
    result.runs.append(run)
    result.errors.extend(f"{who}: {error}" for error in run.errors)
    if run.errors:
        return
    asked = {"lang": lang, "indicator": indicator, "level": level}
    shown = {key: query_value(run.query, key) for key in asked}
    if shown != asked:
        result.foreign.append(f"{who}: asked {asked}, the app wrote {run.query}")
    if title is not None and run.h1[:1] != [title]:
        result.foreign.append(f"{who}: expected the title {title!r}, shown {run.h1[:1]}")
    period_version = version_of_period(query_value(run.query, "period"))
    if len(run.markers) != 1 or period_version not in run.markers:
        result.mixed.append(f"{who}: markers {sorted(run.markers)}, period {query_value(run.query, 'period')}")
        return
    result.versions[period_version] += 1


async def _user(index: int, url: str, config: LoadConfig, titles: dict[tuple[str, str], str], deadline: float, result: LoadResult) -> None:
    rng = random.Random(config.seed * 1000 + index)
    runs = 0
    visit = 0
    while time.monotonic() < deadline and runs < config.max_runs_per_user:
        visit += 1
        lang, indicator, level = rng.choice(LANGUAGES), rng.choice(INDICATORS), rng.choice(LEVELS)
        pages = sorted({page for page, _ in titles})
        page = rng.choice(pages)
        query = f"lang={lang}&indicator={indicator}&level={level}"
        async with Session(url, tuple(VERSIONS)) as session:
            run = await session.run(query, Page(page, ""))
            runs += 1
            _check(run, result, f"user {index} visit {visit} /{page}?{query}", lang, indicator, level, titles.get((page, lang)))
            for _ in range(config.switches_per_visit):
                if time.monotonic() >= deadline or run.errors or not session.pages:
                    break
                await asyncio.sleep(rng.uniform(*config.pause))
                target = rng.choice(session.pages)
                run = await session.run(run.query, target)
                runs += 1
                _check(run, result, f"user {index} visit {visit} → /{target.name}", lang, indicator, level, titles.get((target.name, lang)))
        await asyncio.sleep(rng.uniform(*config.pause))


async def _reimports(specs: dict[str, Path], out: Path, config: LoadConfig, started: float, result: LoadResult) -> None:
    """Re-import Beta, Alpha, Beta … into the folder the server reads, evenly spread over the time (one after another)."""
    order = ["Beta", "Alpha"]
    for number in range(config.reimports):
        moment = started + config.seconds * (number + 1) / (config.reimports + 1)
        await asyncio.sleep(max(0.0, moment - time.monotonic()))
        marker = order[number % 2]
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "loaders.importer", str(specs[marker]), "--out", str(out),
                                                       cwd=REPO_ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        code = await process.wait()
        result.reimports.append((time.monotonic() - started, marker, code == 0))


async def titles_of(url: str) -> dict[tuple[str, str], str]:
    """Each page's title in each language, from calm runs before the load (page url path, language) → h1."""
    found = {}
    async with Session(url, ()) as session:
        await session.run("lang=de")
        pages = list(session.pages)
    for lang in LANGUAGES:
        for page in pages:
            async with Session(url, ()) as session:
                run = await session.run(f"lang={lang}", Page(page.name, ""))
                if run.errors or not run.h1:
                    raise RuntimeError(f"calm run of /{page.name} in {lang} failed: {run.errors or 'no title'}")
                found[(page.name, lang)] = run.h1[0]
    return found


def _memory_mb(pid: int, field_name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run_load(url: str, server_pid: int, specs: dict[str, Path], out: Path, config: LoadConfig) -> LoadResult:
    """The load: `config.sessions` users and the re-imports, for `config.seconds`."""
    result = LoadResult(config)
    titles = await titles_of(url)
    result.rss_before_mb = _memory_mb(server_pid, "VmRSS")
    started = time.monotonic()
    deadline = started + config.seconds
    users = [_user(index, url, config, titles, deadline, result) for index in range(config.sessions)]
    await asyncio.gather(*users, _reimports(specs, out, config, started, result))
    result.seconds = time.monotonic() - started
    result.peak_rss_mb = _memory_mb(server_pid, "VmHWM")
    return result


def prepare(folder: Path) -> tuple[dict[str, Path], Path]:
    """Both versions' files and specs, and the dataset folder holding Alpha."""
    specs = {marker: write_version(folder / marker.lower(), marker) for marker in VERSIONS}
    out = folder / "data" / "city"
    report = run_import(load_spec(specs["Alpha"]), out)
    if not report.ok:
        raise RuntimeError(report.text("en"))
    return specs, out


def main() -> None:
    from tests.e2e.conftest import start_server

    parser = argparse.ArgumentParser(prog="python -m tests.load.scenario", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=LoadConfig.sessions)
    parser.add_argument("--seconds", type=float, default=LoadConfig.seconds)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sozialmonitor-load-") as folder:
        specs, out = prepare(Path(folder))
        server = start_server(out, Path(folder) / "streamlit.log")
        try:
            result = asyncio.run(run_load(server.url, server.process.pid, specs, out, LoadConfig(sessions=args.sessions, seconds=args.seconds)))
        finally:
            server.process.terminate()
            server.process.wait(timeout=30)
    print(result.table())
    for problem in (result.errors + result.foreign + result.mixed)[:20]:
        print(problem)


if __name__ == "__main__":
    main()
