"""Both cores: ``extract_many(docs, workers=N)`` against one process, wall-clock.

The documents are the mixed corpus of ``bench_extract`` (seeds and claim-corpus
articles, each copy under its own source name), which take well over 1 ms
each. For each worker count the whole corpus is extracted ``--repeat`` times
(wall clock, since the point is to use more than one core); the table gives
the median, the speed-up over ``workers=1`` and the ms per document. The
pool's start-up (fresh processes that import integfacts and load the
language data) is included: it is what a caller pays.

Run: ``python bench/bench_batch.py [--workers 1,2] [--repeat 3]`` (or
``python bench/run.py batch``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Sequence

import _common as common

import integfacts as ifx


def bench(
    workers: Sequence[int] = (1, 2), repeat: int = 3, target_kb: float = 1500.0
) -> common.Section:
    """Wall time of extract_many over the mixed corpus for each worker count."""
    docs = [d.document() for d in common.mixed_corpus(target_kb)]
    kb = common.kb(d.text for d in docs)
    sec = common.Section(
        f"extract_many(docs, workers=N), wall-clock, median of {repeat}",
        ["workers", "docs", "KB", "median s", "KB/s", "ms/doc", "speed-up"],
        notes=[
            f"{os.cpu_count()} CPUs; load average before:"
            f" {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            "includes starting the pool (fresh processes import integfacts)",
        ],
    )
    base: float | None = None
    times: dict[int, float] = {}
    for n in workers:
        runs = []
        for r in range(repeat):
            common.note(f"batch: workers={n} run {r + 1}/{repeat}")
            t0 = time.perf_counter()
            claims = sum(len(c) for c in ifx.extract_many(docs, workers=n))
            runs.append(time.perf_counter() - t0)
        med = statistics.median(runs)
        times[n] = med
        base = base if base is not None else med
        sec.rows.append(
            [
                str(n),
                str(len(docs)),
                f"{kb:.0f}",
                f"{med:.2f}",
                f"{kb / med:.0f}",
                f"{med / len(docs) * 1000:.1f}",
                f"{base / med:.2f}x",
            ]
        )
        sec.data.setdefault("claims", claims)
    sec.data["seconds"] = times
    return sec


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the table and save it to bench/out/batch.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--target-kb", type=float, default=1500.0)
    args = ap.parse_args(argv)
    sec = bench([int(x) for x in args.workers.split(",")], args.repeat, args.target_kb)
    print(sec.render())
    common.save_sections("batch", [sec])


if __name__ == "__main__":
    main()
