"""Benchmark of the page "Daten & Export" and the downloads at Berlin's size.

Writes a synthetic dataset with Berlin's 542 Planungsräume (as sub-areas under 28 districts),
20 share indicators and 2 years, reads every indicator's series from the store as the page does
(uncached: the first visitor's cost), builds the screen tables and renders the selection in
every download format. The baseline, run in the same process on the same rows, is pandas'
own `DataFrame.to_csv` of the raw long frame: what a careless export costs. Prints medians.

    python benchmarks/bench_export.py [--areas 542] [--indicators 20] [--periods 2] [--repeats 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import median_seconds, write_dataset  # noqa: E402

from loaders.store import Store  # noqa: E402
from views import data_export  # noqa: E402
from views.export import FORMATS, Provenance, render  # noqa: E402

PROVENANCE = Provenance(
    dataset="Benchmark", city="Berlin", attribution="synthetic", is_demo=True, suppression="", permalink="", exported="", lang="de"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", type=int, default=542)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--periods", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_dataset(Path(tmp) / "ds", areas=args.areas, indicators=args.indicators, periods=args.periods, shuffled=False)
        store = Store(Path(tmp) / "ds")
        ids = store.indicator_ids()
        entries = {i: store.indicator(i) for i in ids}
        last = 2000 + args.periods - 1
        series = {i: store.series(i, "teil") for i in ids}
        values = data_export.select_values(series, period_from=2000, period_to=last, area_ids=None)
        long = data_export.values_export(
            values, entries, periods=list(range(2000, last + 1)), level_plural="Teile", layout="long", context=(), lang="de"
        )
        wide = data_export.values_export(
            values, entries, periods=list(range(2000, last + 1)), level_plural="Teile", layout="wide", context=(), lang="de"
        )
        baseline = median_seconds(lambda: values.to_csv(index=False).encode(), args.repeats)
        steps = {
            f"store: series of {len(ids)} indicators (uncached)": lambda: [store.series(i, "teil") for i in ids],
            "select years and areas": lambda: data_export.select_values(series, period_from=2000, period_to=last, area_ids=None),
            "screen table, long": lambda: data_export.long_screen(values, entries, "de"),
            "screen table, wide": lambda: data_export.wide_screen(values, entries, "de"),
            "export table, long": lambda: data_export.values_export(
                values, entries, periods=[2000], level_plural="Teile", layout="long", context=(), lang="de"
            ),
            **{f"file, long, {fmt}": (lambda fmt=fmt: render(long, fmt, PROVENANCE)) for fmt in FORMATS},
            **{f"file, wide, {fmt}": (lambda fmt=fmt: render(wide, fmt, PROVENANCE)) for fmt in FORMATS},
        }
        print(f"{args.areas} areas × {args.indicators} indicators × {args.periods} years = {len(values):,} values; {args.repeats} repeats")
        print(f"\n| step | median ms | ÷ pandas to_csv ({baseline * 1000:.1f} ms) |")
        print("|---|---:|---:|")
        for name, step in steps.items():
            seconds = median_seconds(step, args.repeats)
            print(f"| {name} | {seconds * 1000:.1f} | {seconds / baseline:.1f} |")
        sizes = {fmt: len(render(long, fmt, PROVENANCE).data) for fmt in FORMATS}
        print("\nfile sizes, long: " + ", ".join(f"{fmt} {size / 1024:.0f} KiB" for fmt, size in sizes.items()))
        print("(load average: {:.1f})".format(__import__("os").getloadavg()[0]))


if __name__ == "__main__":
    main()
