"""A dataset is switched in one atomic step (loaders.versions), and killed imports leave nothing that lasts.

`test_killed_import_*` kill the importer (a subprocess, SIGKILL) at every step it takes on
the file system and at random moments, with several seeds, and assert that `--out` always
holds the old or the new dataset, complete: the contract check passes and the content equals
one of the two. The figures of a run are in docs/reliability.md.
"""
from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
import types
from pathlib import Path
from unittest import mock

import pyarrow.parquet as pq
import pytest

from loaders.contract import validate_dataset
from loaders.importer import run_import
from loaders.spec import load_spec
from loaders.versions import RETIRED, RETIRED_SECONDS, ImportLocked, clean_up, import_lock, is_version_of
from tests.loaders.test_importer_helpers import CSV, write_city

CONTRACT_FILES = ("dataset.json", "areas.parquet", "indicators.parquet", "values.parquet")
SEEDS = (1, 2, 3)
RANDOM_KILLS_PER_SEED = 6
KILLS: list[tuple[str, int, int, int]] = []  # (how, kills, old dataset found, new dataset found): printed for docs/reliability.md

STEP_EVENTS = ("os.mkdir", "os.rename", "os.symlink", "os.remove", "os.rmdir", "shutil.rmtree", "os.chmod")


def _import_child(kill_at: int, argv: list[str], report) -> None:
    """The importer's command line in a child process that kills itself (SIGKILL) right before its
    `kill_at`-th step on the file system (an audit event: mkdir, open for writing, rename, symlink,
    remove …); with 0 it runs to the end and sends the list of its steps through `report`."""
    steps: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if event in STEP_EVENTS or (event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+")):
            steps.append(f"{event} {args[0]}")
            if len(steps) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(hook)  # for good: the child ends after this import
    from loaders.importer import main

    code = main(argv)
    report.send(steps)
    os._exit(code)


@pytest.fixture(scope="module")
def processes():
    """Child processes forked from a server that has the importer loaded already (a second each instead of five).

    A child first runs the parent's `__main__` again. Once an AppTest has run in this process,
    Streamlit has left app.py installed as `__main__`, and every child would run the dashboard
    and die; so the children get an empty main module while these tests run.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["loaders.importer"])
    with mock.patch.dict(sys.modules, {"__main__": types.ModuleType("__main__")}):
        yield context


def start_child(processes, spec: Path, out: Path, kill_at: int):
    receiver, sender = processes.Pipe(duplex=False)
    process = processes.Process(target=_import_child, args=(kill_at, [str(spec), "--out", str(out)], sender))
    process.start()
    sender.close()
    return process, receiver


def run_child(processes, spec: Path, out: Path, kill_at: int) -> tuple[int, list[str]]:
    """(exit code, the steps taken: only when it ran to the end)."""
    process, receiver = start_child(processes, spec, out, kill_at)
    try:
        steps = receiver.recv() if receiver.poll(300) else []
    except EOFError:  # killed before sending
        steps = []
    process.join(60)
    return process.exitcode, steps


def content(folder: Path) -> dict:
    """What a dataset holds: its metadata and the rows of its Parquet files."""
    found = {"dataset.json": json.loads((folder / "dataset.json").read_text(encoding="utf-8"))}
    for name in CONTRACT_FILES[1:]:
        found[name] = pq.read_table(folder / name).to_pylist()
    return found


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two versions of the synthetic city (specs and their content) and a plain folder holding the first."""
    base = tmp_path_factory.mktemp("cities")
    specs = {
        "old": write_city(base / "old"),
        "new": write_city(base / "new", csv=CSV.replace("1.250", "1.375").replace("2.100", "2.300"),
                          spec_extra="").parent / "import.toml",
    }
    specs["new"].write_text(specs["new"].read_text().replace('name = "Teststadt"', 'name = "Teststadt 2"'))
    contents = {}
    for label, spec in specs.items():
        out = base / f"reference-{label}"
        assert run_import(load_spec(spec), out).ok
        contents[label] = content(out)
    assert contents["old"] != contents["new"]
    return {"specs": specs, "contents": contents, "base": base}


def holds_one_of(out: Path, contents: dict) -> str:
    """Which of the two datasets `out` holds; fails when it holds none, a broken one or a mix."""
    assert out.exists(), "no dataset at --out"
    assert validate_dataset(out) == []
    found = content(out)
    labels = [label for label, expected in contents.items() if found == expected]
    assert labels, "the dataset at --out is neither the old nor the new one"
    return labels[0]


def plain_folder(out: Path, reference: Path) -> None:
    """A dataset as earlier imports wrote it: a plain folder, no link."""
    if out.is_symlink():
        out.unlink()
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(reference.resolve(), out)


def leftovers(out: Path) -> list[str]:
    """Names beside `out` that the next import must remove: staging folders, half-made links, versions that never became current.

    Versions marked retired stay for a while (RETIRED_SECONDS) and are not leftovers.
    """
    used = {os.readlink(out) if out.is_symlink() else None, os.readlink(out.parent / f".{out.name}.previous")
            if (out.parent / f".{out.name}.previous").is_symlink() else None}
    names = {p.name for p in out.parent.iterdir()}
    return sorted(name for name in names
                  if name.startswith(f".{out.name}.") and name not in used and not name.endswith((".lock", ".previous", RETIRED))
                  and name + RETIRED not in names)


@pytest.mark.parametrize("start", ["link", "plain folder"])
def test_killed_import_at_every_step_leaves_old_or_new(cities: dict, processes, tmp_path: Path, start: str) -> None:
    """Kill before step 1, 2, 3 … of an import of the new dataset, until it completes; each time from the same old state."""
    specs, contents, base = cities["specs"], cities["contents"], cities["base"]
    template = tmp_path / "template"
    if start == "link":
        assert run_import(load_spec(specs["old"]), template / "city").ok
    else:
        plain_folder(template / "city", base / "reference-old")
    out = tmp_path / "data" / "city"
    seen: list[str] = []
    step = 0
    while True:
        step += 1
        shutil.rmtree(out.parent, ignore_errors=True)
        shutil.copytree(template, out.parent, symlinks=True)
        code, steps = run_child(processes, specs["new"], out, kill_at=step)
        if code == 0:
            break  # the import ran to its end before its `step`-th step
        assert code == -signal.SIGKILL, (step, code)
        seen.append(holds_one_of(out, contents))
    assert holds_one_of(out, contents) == "new" and leftovers(out) == []
    assert step > 8 and any(s.startswith("os.rename") for s in steps)
    assert seen[0] == "old" and "new" in seen  # the switch happened between two steps, not after the last
    assert seen == sorted(seen, key=["old", "new"].index)  # old until the switch, new from it on: one step
    KILLS.append((f"before every step, from a {start}", len(seen), seen.count("old"), seen.count("new")))


@pytest.mark.parametrize("seed", SEEDS)
def test_killed_import_at_random_moments_leaves_old_or_new(cities: dict, processes, tmp_path: Path, seed: int) -> None:
    specs, contents = cities["specs"], cities["contents"]
    out = tmp_path / "data" / "city"
    assert run_import(load_spec(specs["old"]), out).ok
    started = time.perf_counter()
    assert run_child(processes, specs["new"], out, kill_at=0)[0] == 0
    duration = time.perf_counter() - started
    rng = random.Random(seed)
    seen = []
    for _ in range(RANDOM_KILLS_PER_SEED):
        current = holds_one_of(out, contents)
        other = "new" if current == "old" else "old"
        # half the moments anywhere, half in the last third, where the writing and the switch happen
        moment = rng.uniform(0, duration) if rng.random() < 0.5 else rng.uniform(0.66 * duration, 1.1 * duration)
        process, _ = start_child(processes, specs[other], out, kill_at=0)
        time.sleep(moment)
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.kill(process.pid, signal.SIGKILL)
        process.join(60)
        found = holds_one_of(out, contents)
        seen.append("switched" if found == other else "kept")
    assert run_import(load_spec(specs["new"]), out).ok
    assert holds_one_of(out, contents) == "new" and leftovers(out) == []
    KILLS.append((f"random moments, seed {seed}", len(seen), seen.count("kept"), seen.count("switched")))


def test_print_the_figures() -> None:
    """The figures for docs/reliability.md (shown with pytest -s)."""
    for how, kills, old, new in KILLS:
        print(f"| {how} | {kills} | {old} | {new} |")


def test_the_next_import_removes_what_killed_imports_left(tmp_path: Path) -> None:
    out = tmp_path / "city"
    assert run_import(load_spec(write_city(tmp_path / "in")), out).ok
    (tmp_path / ".city.import-abcd1234").mkdir()  # a killed import's staging folder
    (tmp_path / ".city.v20200101-000000-deadbeef").mkdir()  # a version nothing links to
    os.symlink(".city.v20200101-000000-deadbeef", tmp_path / ".city.link-0badf00d")
    (tmp_path / ".citywide.import-abcd1234").mkdir()  # another dataset's: never touched
    (tmp_path / ".city.v2.import-abcd1234").mkdir()  # … nor one of "city.v2"
    first = os.readlink(out)
    assert run_import(load_spec(write_city(tmp_path / "in")), out).ok
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([".city.lock", ".city.previous", first, os.readlink(out), ".citywide.import-abcd1234",
                            ".city.v2.import-abcd1234", "city", "in"])
    assert is_version_of(out, os.readlink(out)) and not is_version_of(out, ".city.v2.import-abcd1234")


def test_a_version_replaced_as_previous_is_kept_for_a_while_then_removed(tmp_path: Path) -> None:
    out = tmp_path / "city"
    spec = load_spec(write_city(tmp_path / "in"))
    assert run_import(spec, out).ok
    first = os.readlink(out)
    assert run_import(spec, out).ok and run_import(spec, out).ok
    mark = tmp_path / (first + RETIRED)
    assert (tmp_path / first).is_dir() and mark.exists()  # a page run may still be reading it
    os.utime(mark, (time.time() - RETIRED_SECONDS - 1,) * 2)
    assert run_import(spec, out).ok
    assert not (tmp_path / first).exists() and not mark.exists()


def test_a_plain_folder_becomes_the_previous_version(tmp_path: Path) -> None:
    out = tmp_path / "city"
    assert run_import(load_spec(write_city(tmp_path / "in")), tmp_path / "first").ok
    shutil.copytree((tmp_path / "first").resolve(), out)
    before = content(out)
    assert run_import(load_spec(write_city(tmp_path / "in")), out).ok
    assert out.is_symlink() and content(tmp_path / ".city.previous") == before


def test_a_link_of_ones_own_is_followed_and_said(tmp_path: Path) -> None:
    elsewhere = tmp_path / "disk" / "city"
    elsewhere.parent.mkdir()
    os.symlink(elsewhere, tmp_path / "city")
    report = run_import(load_spec(write_city(tmp_path / "in")), tmp_path / "city")
    assert report.ok and elsewhere.is_symlink() and (tmp_path / "city").resolve() == elsewhere.resolve()
    assert any("is a link to" in note.text("en") for note in report.notes)


def test_two_imports_into_one_folder_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "city"
    with import_lock(out):
        with pytest.raises(ImportLocked):
            with import_lock(out, wait_seconds=0.3):
                pass
    with import_lock(out, wait_seconds=0.3):
        assert clean_up(out) == []
