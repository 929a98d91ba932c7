"""Reconcile a large synthetic corpus on a Dask LocalCluster and report time and memory.

Run: ``python bench/dask_cluster.py --docs 100000 --workers 2``
(needs ``pip install "integfacts[dask]" distributed``).

The corpus is made of the claim-corpus sentences of every language, each
document one sentence with its figures varied (a new value every few
documents, an occasional x10 slip), from many sources and subjects. The
script prints the wall time of extraction + reconciliation on the cluster,
the claims and findings found, and the peak memory (RSS) of each worker.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import tomllib
from pathlib import Path

import integfacts as ifx

ROOT = Path(__file__).resolve().parent.parent


def corpus(n_docs: int, seed: int = 11) -> list[ifx.Document]:
    """``n_docs`` one-sentence documents in four languages."""
    rnd = random.Random(seed)
    sentences: list[tuple[str, str]] = []
    for path in sorted((ROOT / "tests" / "corpus" / "claims").glob("*.toml")):
        for ex in tomllib.loads(path.read_text("utf-8"))["example"]:
            if ex.get("claims"):
                sentences.append((path.stem, ex["text"]))
    digits = re.compile(r"(?<![\d.,])\d{2,3}(?![\d.,])")
    docs = []
    for k in range(n_docs):
        lang, text = sentences[k % len(sentences)]
        variant = k // len(sentences)
        if variant % 7 == 3:  # a different figure in some sources
            bump = 1 + variant % 5
            text = digits.sub(lambda m, b=bump: str(int(m.group()) + b), text, count=1)
        if variant % 29 == 5:  # an occasional scale slip
            text = digits.sub(lambda m: m.group() + "0", text, count=1)
        docs.append(ifx.Document(text, source=f"outlet-{rnd.randrange(5000)}/{k}", lang=lang))
    return docs


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=64)
    args = ap.parse_args()

    import dask.bag as db  # noqa: PLC0415 - optional dependency
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    from integfacts.dask import reconcile_bag  # noqa: PLC0415

    docs = corpus(args.docs)
    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        t0 = time.perf_counter()
        report = reconcile_bag(db.from_sequence(docs, npartitions=args.partitions))
        wall = time.perf_counter() - t0

        def peak_rss() -> int:
            import resource  # noqa: PLC0415 - runs on the worker

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

        peaks = client.run(peak_rss)
    print(f"documents          {len(docs):,}")
    print(f"workers            {args.workers} (1 thread each), {args.partitions} partitions")
    print(f"claims             {len(report.claims):,}")
    print(f"findings           {len(report.findings):,}")
    print(f"wall time          {wall:.1f} s ({len(docs) / wall:,.0f} documents/s)")
    for addr, rss in sorted(peaks.items()):
        print(f"peak RSS {addr:>20}  {rss / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
