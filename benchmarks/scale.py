"""Pages at scale: every page of the navigation on contract datasets of 1,000 to 1,000,000 finest areas.

    python -m benchmarks.scale                                  # 1,000, 10,000 and 100,000 areas, 3 repeats
    python -m benchmarks.scale --sizes 1000,10000 --repeats 5 --pages overview,inequality
    python -m benchmarks.scale --sizes 10000 --browser          # also the map drawn in headless Chromium
    python -m benchmarks.scale --sizes 1000000                  # opt-in: 450 million value rows, several GB on disk
    python -m benchmarks.scale --import-sizes 1,10,100          # the importer on long CSVs of about 1, 10, 100 MB

Datasets are generated once (`benchmarks/scale_data.py`, seeded) into `--work` (default
/tmp/sozialmonitor-scale) and reused. Every page runs in a fresh Python process per dataset
(so that its first run is a true cold start: empty Streamlit caches, the dataset opened and
validated) through Streamlit's AppTest, as tests/pages does: one cold run, then `--repeats`
warm runs of the same session. The demo (data/demo) runs the same way in the same invocation,
and so does a naive pandas load of the same Parquet files (`pd.read_parquet` of every file):
the two baselines of the ratios. Every process is bounded by `--timeout`; a page that does not
finish is reported as "did not finish in N s". Peak memory is the process's peak resident set
(the kernel's maxrss of the worker, which includes Python, Streamlit and the imports: compare
against the demo row).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO = REPO_ROOT / "data" / "demo"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "sozialmonitor-scale"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
DEFAULT_PAGE = "pages/overview.py"
BIG_SIZE = 1_000_000  # allowed, but only when asked for
CHROMIUM = os.environ.get("SOZIALMONITOR_CHROMIUM") or "/usr/bin/chromium"


# ---- running bounded child processes ------------------------------------------------------
@dataclass
class Finished:
    """A child process that ended (or was killed at its deadline)."""

    seconds: float
    peak_mb: float  # the child's maxrss
    timed_out: bool
    returncode: int | None
    output: str = ""
    cpu_seconds: float = 0.0  # the child's user + system time: on a loaded machine steadier than the wall clock

    @property
    def failure(self) -> str:
        """'failed: ' and the last line the child printed, for a child that exited with an error."""
        lines = self.output.strip().splitlines()
        return f"failed: {lines[-1] if lines else self.returncode}"


def run_bounded(command: list[str], *, timeout: float, env: dict[str, str] | None = None, cwd: Path = REPO_ROOT) -> Finished:
    """Run `command`, kill its process group after `timeout` seconds; time and peak memory from wait4."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        log.seek(0)
        return Finished(seconds, usage.ru_maxrss / 1024, killed.is_set(), process.returncode, log.read()[-4000:], usage.ru_utime + usage.ru_stime)


# ---- the worker: one page (or the open task) on one dataset, in its own process -------------
def _navigation_mode() -> None:
    """AppTest in st.navigation's steady state, as tests/pages/conftest.py sets it up."""
    from streamlit.runtime.pages_manager import PagesManager

    original_init = PagesManager.__init__

    def init_in_navigation_mode(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init_in_navigation_mode


def _elements(node) -> list:
    """Every element (leaf) of an AppTest element tree."""
    children = getattr(node, "children", None)
    if children is None:
        return [node]
    return [leaf for child in children.values() for leaf in _elements(child)]


def _payload(app) -> dict:
    """Bytes of the page's elements as sent to the browser (their protos), and of the map's deck JSON."""
    leaves = _elements(app._tree)
    decks = [leaf for leaf in leaves if getattr(leaf, "type", "") == "deck_gl_json_chart"]
    return {
        "payload_bytes": sum(leaf.proto.ByteSize() for leaf in leaves if getattr(leaf, "proto", None) is not None),
        "map_bytes": sum(len(leaf.proto.json.encode()) for leaf in decks) if decks else None,
        "elements": len(leaves),
    }


def _write(result_file: Path, result: dict) -> None:
    result_file.write_text(json.dumps(result), encoding="utf-8")


def _new_session(app_test: type, dataset: Path, page: str, query: dict[str, str]):
    """A new session on `dataset` whose first run will show `page` (not run yet).

    Before the first run AppTest finds a page by its file name, which is the page's URL path for
    every page of app.py but the default one (the overview, shown without switching)."""
    os.environ["SOZIALMONITOR_DATA"] = str(dataset)
    app = app_test.from_file(str(REPO_ROOT / "app.py"), default_timeout=24 * 3600)  # the parent's deadline bounds every run
    for key, value in query.items():
        app.query_params[key] = value
    if page != DEFAULT_PAGE:
        app.switch_page(page)
    return app


def _open_page(app_test: type, dataset: Path, page: str, query: dict[str, str]):
    """A new session on `dataset` after its first run of `page`."""
    return _new_session(app_test, dataset, page, query).run()


def _profiled_run(app, profile: Path) -> float:
    """One run with cProfile in the thread that runs the script (AppTest's main thread only waits); returns its seconds."""
    import cProfile
    import threading

    profiler = cProfile.Profile()
    started = threading.Event()

    def start_in_new_thread(*_args) -> None:
        sys.setprofile(None)
        # the script's thread, not the helper threads (pyarrow's pool; on a new session Streamlit's component scanner)
        if not started.is_set() and threading.current_thread().name == "ScriptRunner.scriptThread":
            started.set()
            profiler.enable()  # profiles the calling thread

    threading.setprofile(start_in_new_thread)
    try:
        start = time.perf_counter()
        app.run()
        seconds = time.perf_counter() - start
    finally:
        threading.setprofile(None)
    profiler.dump_stats(profile)
    return seconds


def worker_page(
    dataset: Path, page: str, repeats: int, query: dict[str, str], result_file: Path, profile: Path | None, profile_cold: Path | None = None
) -> None:
    """Cold run, then `repeats` warm runs of one page; results written after every step. `profile`: a cProfile of
    the last warm run; `profile_cold`: of the cold run."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _navigation_mode()
    result: dict = {"page": page, "cold": None, "warm": []}
    # warm-up on the demo, then empty caches: "cold" is the first run on the dataset with the modules already imported
    start = time.perf_counter()
    _open_page(AppTest, DEMO, page, {"lang": "de"})
    result["imports_and_demo"] = time.perf_counter() - start
    st.cache_data.clear()
    st.cache_resource.clear()
    if profile_cold is not None:
        app = _new_session(AppTest, dataset, page, query)
        result["cold"] = _profiled_run(app, profile_cold)
    else:
        start = time.perf_counter()
        app = _open_page(AppTest, dataset, page, query)
        result["cold"] = time.perf_counter() - start
    result["exception"] = [str(e.value)[:300] for e in app.exception]
    _write(result_file, result)
    for repeat in range(repeats):
        if profile is not None and repeat == repeats - 1:
            result["warm"].append(_profiled_run(app, profile))
        else:
            start = time.perf_counter()
            app.run()
            result["warm"].append(time.perf_counter() - start)
        _write(result_file, result)
    result.update(_payload(app))
    result["title"] = app.title[0].value if len(app.title) else None
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _write(result_file, result)


SESSION_INDICATORS = ("einwohner", "sgb2_quote", "wanderungssaldo", "durchschnittsalter", "geburtenrate")  # count, share, signed balance, mean, rate


def session_views(dataset: Path, pages: list[str], views: int) -> list[tuple[str, dict[str, str]]]:
    """`views` page views as one visitor clicks through: every page in turn, each time with the next of five
    indicators of different kinds (those the dataset has) and the finest level, German then English every other round."""
    meta = json.loads((dataset / "dataset.json").read_text(encoding="utf-8"))
    import pyarrow.parquet as pq

    known = set(pq.read_table(dataset / "indicators.parquet", columns=["indicator_id"]).column("indicator_id").to_pylist())
    indicators = [indicator for indicator in SESSION_INDICATORS if indicator in known] or [meta["default"]["indicator"]]
    finest = meta["levels"][-1]["id"]
    return [(pages[view % len(pages)], {"lang": "de" if (view // len(pages)) % 2 == 0 else "en", "level": finest,
                                         "indicator": indicators[view % len(indicators)]})
            for view in range(views)]


def worker_session(dataset: Path, pages: list[str], views: int, result_file: Path) -> None:
    """One server process serving `views` page views in turn (each a script run in a new AppTest session, the
    Streamlit caches shared as on a server): seconds per view and the process's resident memory after each."""
    from streamlit.testing.v1 import AppTest

    _navigation_mode()
    result: dict = {"views": [], "seconds": [], "rss_mb": [], "exceptions": []}
    for page, query in session_views(dataset, pages, views):
        start = time.perf_counter()
        app = _open_page(AppTest, dataset, page, query)
        result["seconds"].append(time.perf_counter() - start)
        result["views"].append(f"{Path(page).stem}:{query['indicator']}:{query['lang']}")
        result["rss_mb"].append(_current_rss_mb())
        result["exceptions"] += [f"{Path(page).stem}: {str(e.value)[:200]}" for e in app.exception]
        del app
        _write(result_file, result)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _write(result_file, result)


def _current_rss_mb() -> float:
    """This process's resident set now (Linux: /proc/self/statm), in MB."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def worker_open(dataset: Path, repeats: int, result_file: Path) -> None:
    """Opening the dataset with the store (the digests checked where a record of its validation matches, else the
    full check), the full contract check alone, and the naive pandas load of every Parquet file."""
    import pandas as pd

    from loaders.contract import validate_dataset
    from loaders.store import Store
    from loaders.validated import is_recorded_valid

    result: dict = {"open": [], "pandas": [], "full_check": [], "recorded": is_recorded_valid(dataset)}
    for _ in range(repeats):
        start = time.perf_counter()
        Store(dataset)
        result["open"].append(time.perf_counter() - start)
        _write(result_file, result)
    for _ in range(repeats):
        start = time.perf_counter()
        validate_dataset(dataset)
        result["full_check"].append(time.perf_counter() - start)
        _write(result_file, result)
    for _ in range(repeats):
        start = time.perf_counter()
        frames = [pd.read_parquet(path) for path in sorted(dataset.glob("*.parquet"))]
        result["pandas"].append(time.perf_counter() - start)
        result["pandas_rows"] = sum(len(frame) for frame in frames)
        del frames
        _write(result_file, result)


# ---- the parent: datasets, workers, the table ---------------------------------------------
def page_list(selected: list[str] | None) -> list[str]:
    """The pages of app.py's navigation (as the page tests read them), optionally only those named."""
    from tests.app_pages import app_pages

    pages = list(app_pages())
    if not selected:
        return pages
    chosen = [page for page in pages if Path(page).stem in selected]
    unknown = set(selected) - {Path(page).stem for page in pages}
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(Path(p).stem for p in pages)}")
    return chosen


def ensure_dataset(work: Path, areas: int, seed: int) -> tuple[Path, float | None]:
    """The generated dataset of `areas` finest areas, validated and recorded like an import (made once; a marker file
    says it is complete); generation seconds if made now.

    Generating and checking run in a child process: Linux carries a process's peak resident set over into the
    children it starts (fork, then exec), so a parent that had held a dataset would inflate every page's peak memory."""
    from benchmarks.scale_data import GENERATOR_VERSION

    folder = work / f"areas-{areas}-seed{seed}-v{GENERATOR_VERSION}"
    marker = folder / ".complete"
    made_before = marker.is_file()
    finished = run_bounded([sys.executable, "-m", "benchmarks.scale", "--worker-dataset", str(areas), "--work", str(work), "--seed", str(seed)],
                           timeout=24 * 3600)
    if finished.returncode or not marker.is_file():
        raise SystemExit(f"the dataset of {areas:,} areas was not made: {finished.output.strip()[-2000:]}")
    return folder, None if made_before else json.loads(marker.read_text(encoding="utf-8"))["seconds"]


def worker_csv(work: Path, megabytes: int, seed: int) -> None:
    """Write the import benchmark's long CSV of about `megabytes` MB and its spec, in this process; see run_imports."""
    from benchmarks.scale_data import write_long_csv

    folder = work / f"import-{megabytes}MB-seed{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    info = write_long_csv(folder, target_bytes=megabytes * 1_000_000, seed=seed)
    (folder / ".complete").write_text(json.dumps(info), encoding="utf-8")


def worker_dataset(work: Path, areas: int, seed: int) -> None:
    """Make (or re-record) the dataset of `areas` finest areas in this process; see ensure_dataset."""
    from benchmarks.scale_data import GENERATOR_VERSION, write_scale_dataset
    from loaders.validated import is_recorded_valid, validate_and_record

    folder = work / f"areas-{areas}-seed{seed}-v{GENERATOR_VERSION}"
    marker = folder / ".complete"
    if marker.is_file():
        if not is_recorded_valid(folder):  # made by an older validator or record: checked in full once more, as a re-import would
            validate_and_record(folder)
        return
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    info = write_scale_dataset(folder, areas=areas, seed=seed)
    seconds = time.perf_counter() - start
    problems = validate_and_record(folder)  # as an import does: validated once, a digest checked at every open
    if problems:
        raise SystemExit(f"the generated dataset breaks the contract: {problems[0].text('en')}")
    marker.write_text(json.dumps({**info, "seconds": seconds}), encoding="utf-8")


def dataset_query(dataset: Path) -> dict[str, str]:
    """The URL of every run: German, the finest level (the largest map), the default indicator."""
    meta = json.loads((dataset / "dataset.json").read_text(encoding="utf-8"))
    return {"lang": "de", "level": meta["levels"][-1]["id"], "indicator": meta["default"]["indicator"]}


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass
class SizeResult:
    label: str
    areas: int
    folder: Path
    open_seconds: float | None = None
    pandas_seconds: float | None = None
    full_check_seconds: float | None = None
    recorded: bool = False
    open_note: str = ""
    pages: dict[str, dict] = field(default_factory=dict)
    browser: dict[str, str] = field(default_factory=dict)
    session: dict = field(default_factory=dict)


def run_size(label: str, folder: Path, areas: int, pages: list[str], args: argparse.Namespace, profile_page: str | None) -> SizeResult:
    result = SizeResult(label, areas, folder)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "open.json"
        if args.session_only or args.no_open:
            result.open_note = "not measured (--session-only)" if args.session_only else "not measured (--no-open)"
        else:
            finished = run_bounded([sys.executable, "-m", "benchmarks.scale", "--worker-open", str(folder), "--repeats", str(args.repeats), "--result", str(out)],
                                   timeout=args.timeout)
            data = json.loads(out.read_text()) if out.is_file() else {}
            result.open_seconds, result.pandas_seconds = median(data.get("open", [])), median(data.get("pandas", []))
            result.full_check_seconds, result.recorded = median(data.get("full_check", [])), data.get("recorded", False)
            if finished.timed_out:
                result.open_note = f"did not finish in {args.timeout:.0f} s"
            elif finished.returncode:
                result.open_note = finished.failure
        for page in ([] if args.session_only else pages):
            out = Path(tmp) / f"{Path(page).stem}.json"
            command = [sys.executable, "-m", "benchmarks.scale", "--worker-page", str(folder), "--page", page, "--repeats", str(args.repeats),
                       "--result", str(out), "--query", json.dumps(dataset_query(folder))]
            if profile_page == page:
                command += ["--profile-file", str(args.work / f"profile-{label}-{Path(page).stem}.prof")]
                if args.profile_cold:
                    command += ["--profile-cold-file", str(args.work / f"profile-{label}-{Path(page).stem}-cold.prof")]
            finished = run_bounded(command, timeout=args.timeout)
            data = json.loads(out.read_text()) if out.is_file() else {"page": page, "cold": None, "warm": []}
            data["peak_mb"] = finished.peak_mb
            if finished.timed_out:
                data["note"] = f"did not finish in {args.timeout:.0f} s"
            elif finished.returncode:
                data["note"] = finished.failure
            elif data.get("exception"):
                data["note"] = f"exception on the page: {data['exception'][0]}"
            result.pages[page] = data
            print(f"  {label:>9} {Path(page).stem:<13} {format_row_brief(data)}", file=sys.stderr, flush=True)
        if args.browser:
            result.browser = browser_times(folder, pages, args)
        if args.session:
            result.session = run_session(label, folder, args)
    return result


def run_session(label: str, folder: Path, args: argparse.Namespace) -> dict:
    """`--session` page views in one bounded process (its timeout: `--timeout` per view)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "session.json"
        finished = run_bounded([sys.executable, "-m", "benchmarks.scale", "--worker-session", str(folder), "--session", str(args.session),
                                "--pages", args.pages, "--result", str(out)], timeout=args.timeout * args.session)
        data = json.loads(out.read_text()) if out.is_file() else {"views": [], "seconds": [], "rss_mb": []}
    data["peak_mb"] = finished.peak_mb
    if finished.timed_out:
        data["note"] = f"did not finish: {len(data['views'])} of {args.session} views in {args.timeout * args.session:.0f} s"
    elif finished.returncode:
        data["note"] = finished.failure
    print(f"  {label:>9} session       {len(data['views'])} views, median {fmt_s(median(data['seconds']))} s, peak {data['peak_mb']:.0f} MB {data.get('note', '')}",
          file=sys.stderr, flush=True)
    return data


def format_row_brief(data: dict) -> str:
    warm = median(data.get("warm", []))
    return f"cold {fmt_s(data.get('cold'))} warm {fmt_s(warm)} {data.get('note', '')}"


def fmt_s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def fmt_ratio(value: float | None, base: float | None) -> str:
    return "—" if value is None or not base else f"{value / base:.1f}×"


def fmt_bytes(count: float | None) -> str:
    if count is None:
        return "—"
    return f"{count / 1e6:.2f} MB" if count >= 1e5 else f"{count / 1e3:.1f} kB"


# ---- the browser: time until the map's canvas is drawn ------------------------------------
def browser_times(folder: Path, pages: list[str], args: argparse.Namespace) -> dict[str, str]:
    """Seconds from navigation until the deck's canvas is drawn, per page with a map (overview only for now: the page with the map)."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import free_port

    port = free_port()  # any free port, or one of SOZIALMONITOR_TEST_PORTS on a machine that assigns ranges
    env = {**os.environ, "SOZIALMONITOR_DATA": str(folder)}
    log = (args.work / f"server-{port}.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
                               "--browser.gatherUsageStats", "false"], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    times: dict[str, str] = {}
    try:
        if not _wait_healthy(f"http://localhost:{port}", 60):
            return {"pages/overview.py": "server did not start in 60 s"}
        query = "&".join(f"{k}={v}" for k, v in dataset_query(folder).items())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--use-gl=swiftshader"])
            for attempt in ("cold", "warm"):
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                start = time.perf_counter()
                page.goto(f"http://localhost:{port}/?{query}", wait_until="commit")
                try:
                    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', state="visible", timeout=args.timeout * 1000)
                    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=args.timeout * 1000)
                    times[attempt] = fmt_s(time.perf_counter() - start)
                except Exception:  # noqa: BLE001 — a timeout of Playwright's
                    times[attempt] = f"did not finish in {args.timeout:.0f} s"
                page.close()
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
        log.close()
    return times


def _wait_healthy(url: str, seconds: float) -> bool:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


# ---- the import benchmark -------------------------------------------------------------------
def run_imports(megabytes: list[int], args: argparse.Namespace) -> list[dict]:
    """The importer (`python -m loaders.importer SPEC --out DIR`) on long CSVs of about the given sizes."""
    rows = []
    for size in megabytes:
        folder = args.work / f"import-{size}MB-seed{args.seed}"
        marker = folder / ".complete"
        if not marker.is_file():  # written by a child process, so that the importer's peak memory is its own (see ensure_dataset)
            made = run_bounded([sys.executable, "-m", "benchmarks.scale", "--worker-csv", str(size), "--work", str(args.work), "--seed", str(args.seed)],
                               timeout=24 * 3600)
            if made.returncode or not marker.is_file():
                raise SystemExit(f"the CSV of {size} MB was not written: {made.output.strip()[-2000:]}")
        info = json.loads(marker.read_text(encoding="utf-8"))
        out = args.work / f"imported-{size}MB"
        shutil.rmtree(out, ignore_errors=True)
        finished = run_bounded([sys.executable, "-m", "loaders.importer", str(folder / "import.toml"), "--out", str(out)], timeout=args.timeout)
        note = ""
        if finished.timed_out:
            note = f"did not finish in {args.timeout:.0f} s"
        elif finished.returncode:
            note = finished.failure
        rows.append({"mb": info["bytes"] / 1e6, "rows": info["rows"], "seconds": finished.seconds, "cpu_seconds": finished.cpu_seconds,
                     "peak_mb": finished.peak_mb, "note": note})
        print(f"  import {size} MB: {finished.seconds:.1f} s {note}", file=sys.stderr, flush=True)
    return rows


# ---- the report -------------------------------------------------------------------------------
def machine() -> str:
    import duckdb
    import pandas
    import pyarrow
    import streamlit

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        memory = f", {total / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    load = ", load average {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())
    return (f"python {platform.python_version()}, streamlit {streamlit.__version__}, pandas {pandas.__version__}, duckdb {duckdb.__version__}, "
            f"pyarrow {pyarrow.__version__}; {cpu}, {os.cpu_count()} CPUs{memory}{load}")


def print_report(results: list[SizeResult], pages: list[str], imports: list[dict], args: argparse.Namespace) -> None:
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}; {args.repeats} warm repeats, timeout {args.timeout:.0f} s\n")
    if results:
        print_pages(results, pages, args)
    if imports:
        print("\n| CSV | source rows | import s | rows per second | CPU s | rows per CPU second | peak memory |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for row in imports:
            rate = "—" if row["note"] else f"{row['rows'] / row['seconds']:,.0f}"
            cpu_rate = "—" if row["note"] or not row["cpu_seconds"] else f"{row['rows'] / row['cpu_seconds']:,.0f}"
            seconds = row["note"] or f"{row['seconds']:.1f}"
            print(f"| {row['mb']:.0f} MB | {row['rows']:,} | {seconds} | {rate} | {row['cpu_seconds']:.1f} | {cpu_rate} | {row['peak_mb']:.0f} MB |")


def print_pages(results: list[SizeResult], pages: list[str], args: argparse.Namespace) -> None:
    demo = results[0]
    print("| dataset | finest areas | files | open (store) | open ÷ demo | full contract check | naive pandas load of all files | open ÷ pandas |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in results:
        open_text = size.open_note or fmt_s(size.open_seconds) + " s" + (" (digests)" if size.recorded else " (full check)")
        print(f"| {size.label} | {size.areas:,} | {folder_mb(size.folder):.1f} MB | {open_text} | {fmt_ratio(size.open_seconds, demo.open_seconds)} | "
              f"{fmt_s(size.full_check_seconds)} s | {fmt_s(size.pandas_seconds)} s | {fmt_ratio(size.open_seconds, size.pandas_seconds)} |")
    print("\n| page | finest areas | cold s | warm s (median) | warm ÷ demo | warm ÷ pandas load | map JSON | map bytes per area | page payload | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for page in pages:
        for size in results:
            data = size.pages.get(page)
            if data is None:
                continue
            warm = median(data.get("warm", []))
            demo_warm = median(demo.pages.get(page, {}).get("warm", []))
            map_bytes = data.get("map_bytes")
            cold = data.get("note") if data.get("cold") is None and data.get("note") else fmt_s(data.get("cold"))
            warm_text = fmt_s(warm) if warm is not None else (data.get("note") or "—")
            note = f" ({data['note']})" if data.get("note") and data.get("cold") is not None else ""
            print(f"| {Path(page).stem}{note} | {size.areas:,} | {cold} | {warm_text} | {fmt_ratio(warm, demo_warm)} | {fmt_ratio(warm, size.pandas_seconds)} | "
                  f"{fmt_bytes(map_bytes)} | {'—' if map_bytes is None else f'{map_bytes / size.areas:.0f} B'} | {fmt_bytes(data.get('payload_bytes'))} | "
                  f"{data.get('peak_mb', 0):.0f} MB |")
    if args.session:
        print(f"\n| session of {args.session} views | finest areas | views done | median s per view | slowest view | resident memory after the last view | peak memory |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for size in results:
            data = size.session
            seconds = data.get("seconds", [])
            slowest = f"{max(seconds):.2f} s ({data['views'][seconds.index(max(seconds))]})" if seconds else "—"
            rss = f"{data['rss_mb'][-1]:.0f} MB" if data.get("rss_mb") else "—"
            note = f" ({data['note']})" if data.get("note") else ""
            errors = f"; {len(data.get('exceptions', []))} page exceptions" if data.get("exceptions") else ""
            print(f"| {size.label}{note}{errors} | {size.areas:,} | {len(data.get('views', []))} | {fmt_s(median(seconds))} | {slowest} | {rss} | {data.get('peak_mb', 0):.0f} MB |")
    if args.browser:
        print("\n| finest areas | overview: map drawn in Chromium, first visit | second visit |")
        print("|---:|---:|---:|")
        for size in results:
            print(f"| {size.areas:,} | {size.browser.get('cold', '—')} | {size.browser.get('warm', '—')} |")


def parse_sizes(text: str, *, allow_big: bool = True) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if any(size < 1 or size > BIG_SIZE for size in sizes):
        raise SystemExit(f"sizes from 1 to {BIG_SIZE:,}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="finest areas per dataset, comma-separated (1000000 allowed)")
    parser.add_argument("--repeats", type=int, default=3, help="warm runs per page (median)")
    parser.add_argument("--pages", default="", help="page file stems, comma-separated (default: every page of app.py's navigation)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for the generated datasets (kept and reused)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per page process (and per import)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--browser", action="store_true", help="also time the map drawn in headless Chromium (/usr/bin/chromium)")
    parser.add_argument("--profile", default="", help="page stem: write a cProfile of its last warm run at the largest size into --work")
    parser.add_argument("--profile-cold", action="store_true", help="with --profile: also a cProfile of that page's cold run (…-cold.prof)")
    parser.add_argument("--import-sizes", default="", help="MB of long CSV for the import benchmark, e.g. 1,10,100 (1000 allowed)")
    parser.add_argument("--no-pages", action="store_true", help="only the import benchmark")
    parser.add_argument("--session", type=int, default=0, help="also N page views in one server process per dataset (every page in turn, five indicator kinds, de/en): peak memory of a session")
    parser.add_argument("--no-open", action="store_true",
                        help="skip the open/full-check/pandas-load row (at 1,000,000 areas the full check takes minutes and the pandas load does not fit)")
    parser.add_argument("--session-only", action="store_true", help="with --session: only the session, not every page on its own")
    parser.add_argument("--worker-page", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-session", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-dataset", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker-csv", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker-open", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--query", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", dest="profile_out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-cold-file", dest="profile_cold_out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_page:
        worker_page(args.worker_page, args.page, args.repeats, json.loads(args.query), args.result, args.profile_out, args.profile_cold_out)
        return 0
    if args.worker_open:
        worker_open(args.worker_open, args.repeats, args.result)
        return 0
    if args.worker_csv:
        worker_csv(args.work, args.worker_csv, args.seed)
        return 0
    if args.worker_dataset:
        worker_dataset(args.work, args.worker_dataset, args.seed)
        return 0
    if args.worker_session:
        worker_session(args.worker_session, page_list([p for p in args.pages.split(",") if p]), args.session, args.result)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    pages = page_list([p for p in args.pages.split(",") if p]) if not args.no_pages else []
    results = []
    if pages:
        sizes = parse_sizes(args.sizes)
        profile_page = next((p for p in pages if Path(p).stem == args.profile), None) if args.profile else None
        print(f"demo and {', '.join(f'{s:,}' for s in sizes)} finest areas; {len(pages)} pages", file=sys.stderr, flush=True)
        results.append(run_size("demo", DEMO, int(_demo_finest()), pages, args, None))
        for areas in sizes:
            folder, seconds = ensure_dataset(args.work, areas, args.seed)
            if seconds is not None:
                print(f"  generated {areas:,} areas in {seconds:.1f} s: {folder}", file=sys.stderr, flush=True)
            results.append(run_size(f"{areas:,}", folder, areas, pages, args, profile_page if areas == max(sizes) else None))
    imports = run_imports([int(s) for s in args.import_sizes.split(",") if s], args) if args.import_sizes else []
    print_report(results, pages, imports, args)
    return 0


def _demo_finest() -> int:
    import pyarrow.parquet as pq

    meta = json.loads((DEMO / "dataset.json").read_text(encoding="utf-8"))
    levels = pq.read_table(DEMO / "areas.parquet", columns=["level"]).column("level").to_pylist()
    return levels.count(meta["levels"][-1]["id"])


if __name__ == "__main__":
    raise SystemExit(main())
