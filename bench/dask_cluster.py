"""Extract and reconcile varied synthetic documents on a Dask LocalCluster: time and memory.

Run: ``python bench/dask_cluster.py --docs 100000 --workers 2``
(needs ``pip install "integfacts[dask]" distributed``).

The documents come from ``synth_docs.make_documents`` (every concept of the
lexicon, hundreds of places, fourteen years, four languages; facts restated
across documents with roundings and slips): no two alike, so the blocks the
comparison is shuffled on are many and small, as in a real feed. The script
prints the wall time of extraction + reconciliation on the cluster, the claims
and findings, and the peak memory (RSS) of each worker with the ratio of the
largest to the smallest (goal: at most 1.5). With ``--check`` it also
reconciles the same documents in one process and compares the two reports
byte for byte (``Report.to_json``); keep ``--docs`` small for that.
``--json FILE`` saves the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from synth_docs import make_documents

import integfacts as ifx

MEMORY_GOAL = 1.5
"""Largest worker peak RSS over the smallest."""


def _peak_rss() -> int:
    return int(common.peak_rss_mb() * 2**20)  # VmHWM: the worker's own peak


def run(n_docs: int, workers: int = 2, partitions: int = 64, check: bool = False) -> dict[str, Any]:
    """Reconcile ``n_docs`` documents on a LocalCluster; the figures as a dict."""
    import dask.bag as db  # noqa: PLC0415 - optional dependency
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    from integfacts.dask import reconcile_bag  # noqa: PLC0415

    docs = make_documents(n_docs)
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: ifx.extract("warm up 1", lang="en"))  # same start on every worker
        base = client.run(_peak_rss)
        t0 = time.perf_counter()
        report = reconcile_bag(db.from_sequence(docs, npartitions=partitions))
        wall = time.perf_counter() - t0
        peaks = client.run(_peak_rss)
    out: dict[str, Any] = {
        "docs": len(docs),
        "kb": sum(len(d.text.encode("utf-8")) for d in docs) / 1000,
        "workers": workers,
        "partitions": partitions,
        "claims": len(report.claims),
        "findings": len(report.findings),
        "wall_s": wall,
        "rss_mb": {a: r / 2**20 for a, r in sorted(peaks.items())},
        "rss_start_mb": {a: r / 2**20 for a, r in sorted(base.items())},
    }
    rss = list(out["rss_mb"].values())
    out["rss_ratio"] = max(rss) / min(rss)
    if check:
        t0 = time.perf_counter()
        single = ifx.reconcile(docs)
        out["single_s"] = time.perf_counter() - t0
        out["identical"] = single.to_json() == report.to_json()
    return out


def bench(n_docs: int = 100_000, check: bool = True, workers: int = 2) -> common.Section:
    """The cluster run as a table (``python bench/run.py dask``)."""
    r = run(n_docs, workers, 64, check)
    sec = common.Section(
        f"Dask LocalCluster: {n_docs:,} varied documents, {workers} workers",
        ["figure", "value"],
        notes=[
            "documents from synth_docs.make_documents (no two alike); goal (issue 15): worker"
            f" peak memory within {MEMORY_GOAL}x of each other, the report identical to one"
            " process (Report.to_json)",
        ],
    )
    sec.rows.append(["documents", f"{r['docs']:,} ({r['kb'] / 1000:.1f} MB)"])
    sec.rows.append(["claims / findings", f"{r['claims']:,} / {r['findings']:,}"])
    sec.rows.append(["wall time on the cluster", f"{r['wall_s']:.1f} s"])
    for addr, mb in r["rss_mb"].items():
        sec.rows.append([f"peak RSS {addr}", f"{mb:,.0f} MiB"])
    sec.rows.append(["largest / smallest worker", f"{r['rss_ratio']:.2f}"])
    if "identical" in r:
        same = "identical" if r["identical"] else "DIFFERENT"
        sec.rows.append(["one process", f"{r['single_s']:.1f} s, report {same}"])
    sec.data["dask"] = r
    return sec


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures (exit 1 if a check fails)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=64)
    ap.add_argument("--check", action="store_true", help="compare with one process")
    ap.add_argument("--json", type=Path, help="save the figures here")
    args = ap.parse_args(argv)
    r = run(args.docs, args.workers, args.partitions, args.check)
    print(f"documents          {r['docs']:,} ({r['kb'] / 1000:.1f} MB)")
    print(f"workers            {r['workers']} (1 thread each), {r['partitions']} partitions")
    print(f"claims             {r['claims']:,}")
    print(f"findings           {r['findings']:,}")
    print(f"wall time          {r['wall_s']:.1f} s ({r['docs'] / r['wall_s']:,.0f} documents/s)")
    for addr, mb in r["rss_mb"].items():
        print(f"peak RSS {addr:>22}  {mb:,.0f} MiB (at start {r['rss_start_mb'][addr]:,.0f})")
    ok = r["rss_ratio"] <= MEMORY_GOAL
    verdict = "met" if ok else "NOT met"
    print(f"largest/smallest   {r['rss_ratio']:.2f} (goal <= {MEMORY_GOAL}: {verdict})")
    if "identical" in r:
        same = "identical" if r["identical"] else "DIFFERENT"
        print(f"one process        {r['single_s']:.1f} s, report {same}")
        ok = ok and r["identical"]
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), "utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
