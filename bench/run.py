"""Run the integfacts benchmarks and print their tables (all of them, or some parts).

Parts (default: all, in this order):

- ``numbers``: ``parse_number`` calls/s per language (``bench_numbers.py``);
- ``extract``: extraction KB/s on the seeds and a ~1.5 MB mixed corpus, per-seed
  latency, other tools on the same text, single-document scaling
  (``bench_extract.py``);
- ``startup``: import, import + first ``extract()``, CLI to first output
  (``bench_startup.py``);
- ``batch``: ``extract_many`` with 1 and 2 worker processes, wall-clock
  (``bench_batch.py``);
- ``dense``: number-dense text, ``"1 1 1"``, random alphanumerics and
  ``iter_claims`` at three sizes each, in fresh processes (``bench_dense.py``);
- ``reconcile``: time and peak memory for 10^3..10^6 synthetic claims, with a
  plot (``bench_reconcile.py``);
- ``recall``: how many matching pairs blocking keeps (``blocking_recall.py``);
- ``dask``: extraction and reconciliation of 100,000 varied documents on a Dask
  LocalCluster, worker memory and the single-process check (``dask_cluster.py``;
  skipped without ``distributed``);
- ``profile``: hotspots of extraction and of reconciling 10^5 claims
  (``bench_profile.py``).

Every table is printed as soon as its part finishes, then a summary of the
headline figures and the goals of issue 15, each against its measured figure.
Everything is also saved in ``bench/out/`` (git-ignored): ``results.json`` and
``results.md`` (all tables; ``results-<parts>.*`` when only some parts ran),
the plot, the profiles.

Examples::

    python bench/run.py                      # everything (about half an hour on 2 cores)
    python bench/run.py numbers extract      # some parts
    python bench/run.py --quick              # small sizes, a few minutes
    python bench/run.py reconcile --sizes 1000,10000,100000 --budget 900
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
import bench_batch
import bench_dense
import bench_extract
import bench_numbers
import bench_profile
import bench_reconcile
import bench_startup
import blocking_recall

PARTS = (
    "numbers",
    "extract",
    "startup",
    "batch",
    "dense",
    "reconcile",
    "recall",
    "dask",
    "profile",
)


def summary(sections: Sequence[common.Section]) -> common.Section:
    """The headline figures of whatever parts ran, in one table."""
    data: dict[str, Any] = {}
    for s in sections:
        data.update(s.data)
    sec = common.Section("summary", ["figure", "value"])
    rows = sec.rows
    for lang, rates in data.get("parse_number", {}).items():
        rows.append([f"parse_number, {lang}", f"{common.fmt_rate(rates['all'])} calls/s"])
    if "seeds" in data:
        s = data["seeds"]
        rows.append(["extract, 5 seeds", f"{common.fmt_rate(s['kb'] / s['seconds'])} KB/s"])
    if "mixed" in data:
        m = data["mixed"]
        rows.append(
            [
                f"extract, mixed corpus ({m['kb'] / 1000:.2f} MB, {m['docs']} docs)",
                f"{common.fmt_rate(m['kb'] / m['seconds'])} KB/s",
            ]
        )
    for name, ms in data.get("latency_ms", {}).items():
        rows.append([f"extract latency, {name}", f"{ms:.1f} ms"])
    for tool, r in data.get("ratios", {}).items():
        rows.append(
            [
                f"integfacts vs {tool} (same text)",
                f"{common.fmt_ratio(r['ratio'])}"
                f" ({common.fmt_rate(r['integfacts_kb_s'])} vs {common.fmt_rate(r['tool_kb_s'])}"
                " KB/s)",
            ]
        )
    for lang, by_size in data.get("scaling", {}).items():
        sizes = sorted(by_size)
        rows.append(
            [
                f"extract, one {lang} document {sizes[0]}..{sizes[-1]} KB",
                f"{common.fmt_rate(by_size[sizes[0]])} -> {common.fmt_rate(by_size[sizes[-1]])}"
                " KB/s",
            ]
        )
    for label, ms in data.get("startup_ms", {}).items():
        rows.append([label, f"{ms:.0f} ms"])
    for r in data.get("reconcile", []):
        rows.append(
            [
                f"reconcile, {r['n']:,} claims",
                f"{r['median_s']:.2f} s, {common.fmt_rate(r['n'] / r['median_s'])} claims/s,"
                f" peak RSS {r['maxrss_mb']:.0f} MB",
            ]
        )
    for s in sections:
        p = s.data.get("profile")
        if p and p["self_top"]:
            inner = [h for h in p["inclusive_top"] if h["percent"] < 99.0][:3]
            top = ", ".join(f"{h['function']} {h['percent']:.0f}%" for h in inner)
            rows.append([f"profile {p['target']}: top integfacts (inclusive)", top])
    return sec


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else "yes" if ok else "NO"


def goals(sections: Sequence[common.Section]) -> common.Section:
    """Each goal of issue 15 against the figure this run measured, with the ratios."""
    data: dict[str, Any] = {}
    for s in sections:
        data.update(s.data)
    sec = common.Section("goals (issue 15): measured in this run", ["goal", "measured", "met?"])
    rows = sec.rows

    def add(goal: str, measured: str | None, ok: bool | None) -> None:
        rows.append([goal, measured if measured is not None else "not run", _met(ok)])

    dense = data.get("dense", {})
    lin = bench_dense.LINEAR
    d = dense.get("dense")
    add(
        f"dense numerals ({bench_dense.DENSE!r}...): <= {bench_dense.SECONDS_PER_MB:g} s per MB",
        f"{d['s_per_mb']:.1f} s per MB at {d['largest_mb']:g} MB" if d else None,
        d["s_per_mb"] <= bench_dense.SECONDS_PER_MB if d else None,
    )
    add(
        f"dense numerals: <= {bench_dense.MB_PER_MB:g} MB per MB",
        f"{d['mb_per_mb']:.0f} MB per MB at {d['largest_mb']:g} MB" if d else None,
        d["mb_per_mb"] <= bench_dense.MB_PER_MB if d else None,
    )
    for kind, label in (
        ("dense", "dense numerals"),
        ("ones", "'1 1 1 ...'"),
        ("alnum", "random alphanumerics"),
    ):
        r = dense.get(kind)
        growth = max(r["time_growth"], r["memory_growth"]) if r else 0.0
        add(
            f"{label}: linear (cost per MB, largest size / smallest <= {lin:g})",
            f"time x{r['time_growth']:.2f}, memory x{r['memory_growth']:.2f};"
            f" {r['s_per_mb']:.1f} s and {r['mb_per_mb']:.0f} MB per MB at {r['largest_mb']:g} MB"
            if r
            else None,
            (growth <= lin and r["mb_per_mb"] <= bench_dense.MB_PER_MB) if r else None,
        )
    r = dense.get("stream")
    add(
        "iter_claims: memory does not grow with the text",
        f"{r['smallest_rss_mb']:.0f} MB -> {r['largest_rss_mb']:.0f} MB added"
        f" ({dense['stream']['runs'][0]['mb']:g} -> {r['largest_mb']:g} MB of text)"
        if r
        else None,
        r["largest_rss_mb"] <= max(r["smallest_rss_mb"] * lin, r["smallest_rss_mb"] + 20)
        if r
        else None,
    )
    inner = data.get("startup_inner_ms", {}).get("import integfacts + first extract()")
    add(
        "import + first extract() <= 150 ms (in-process, median of fresh processes)",
        f"{inner:.0f} ms" if inner is not None else None,
        inner <= 150 if inner is not None else None,
    )
    for key, text in (("ratios_seeds", "seeds"), ("ratios", "mixed corpus")):
        ratios = data.get(key, {})
        dp, rx = ratios.get("dateparser"), ratios.get("re \\d+")
        add(
            f"extract >= 20x dateparser search_dates ({text})",
            f"{dp['ratio']:.1f}x ({common.fmt_rate(dp['integfacts_kb_s'])} vs"
            f" {common.fmt_rate(dp['tool_kb_s'])} KB/s)"
            if dp
            else None,
            dp["ratio"] >= 20 if dp else None,
        )
        add(
            f"extract >= 1/40 of a bare re digit scan, aim 1/20 ({text})",
            f"1/{1 / rx['ratio']:.0f} ({common.fmt_rate(rx['integfacts_kb_s'])} vs"
            f" {common.fmt_rate(rx['tool_kb_s'])} KB/s)"
            if rx
            else None,
            rx["ratio"] >= 1 / 40 if rx else None,
        )
    by_n = {r["n"]: r for r in data.get("reconcile", [])}
    r5, r6 = by_n.get(100_000), by_n.get(1_000_000)
    add(
        "reconcile 10^5 claims <= 5 s",
        f"{r5['median_s']:.1f} s" if r5 else None,
        r5["median_s"] <= 5 if r5 else None,
    )
    add(
        "reconcile 10^6 claims <= 60 s and <= 2 GB",
        f"{r6['median_s']:.1f} s, peak RSS {r6['maxrss_mb'] / 1024:.2f} GB" if r6 else None,
        (r6["median_s"] <= 60 and r6["maxrss_mb"] <= 2048) if r6 else None,
    )
    rec = data.get("recall")
    rb = rec.get("same_fact_blocked") if rec else None
    add(
        "blocking recall >= 99% (reports of one fact, periods comparable, in one block)",
        f"{rb * 100:.2f} % of {rec['same_fact']:,} pairs, {rec['same_fact_found'] * 100:.2f} %"
        f" in one finding ({rec['claims']:,} claims)"
        if rec and rb is not None
        else None,
        rb >= 0.99 if rb is not None else None,
    )
    dk = data.get("dask")
    add(
        "Dask, 100,000 varied documents: worker peak memory within 1.5x",
        f"x{dk['rss_ratio']:.2f} ({', '.join(f'{v:.0f}' for v in dk['rss_mb'].values())} MiB;"
        f" {dk['docs']:,} documents)"
        if dk
        else None,
        dk["rss_ratio"] <= 1.5 and dk["docs"] >= 100_000 if dk else None,
    )
    add(
        "Dask: report identical to one process",
        ("identical" if dk["identical"] else "DIFFERENT") + f" ({dk['docs']:,} documents)"
        if dk and "identical" in dk
        else None,
        dk.get("identical") if dk else None,
    )
    sec.notes.append("n/a: the part that measures it did not run (pick it, or run everything)")
    sec.data["goals"] = [dict(zip(("goal", "measured", "met"), r, strict=True)) for r in rows]
    return sec


def run_part(part: str, quick: bool, sizes: Sequence[int], budget: float) -> list[common.Section]:
    """Run one part with the full or the quick settings and return its tables."""
    q = quick
    if part == "numbers":
        return [bench_numbers.bench(5 if q else 15)]
    if part == "extract":
        return bench_extract.bench(1 if q else 3, 300.0 if q else 1500.0, 5.0 if q else 20.0)
    if part == "startup":
        return bench_startup.bench(5 if q else 7)
    if part == "batch":
        return [bench_batch.bench((1, 2), 1 if q else 3, 300.0 if q else 1500.0)]
    if part == "dense":
        if q:
            return [bench_dense.bench((0.05, 0.1, 0.2), (0.1, 0.2, 0.4), stream_sizes=(0.3, 0.6))]
        return [bench_dense.bench()]
    if part == "reconcile":
        return [bench_reconcile.bench(sizes, budget)]
    if part == "recall":
        return [blocking_recall.bench(10_000 if q else 100_000)]
    if part == "dask":
        if not (common.have("dask") and common.have("distributed")):
            sec = common.Section("Dask LocalCluster", ["figure", "value"])
            sec.notes.append('skipped: needs pip install "integfacts[dask]" distributed')
            return [sec]
        import dask_cluster  # noqa: PLC0415 - imports the synthetic corpus

        return [dask_cluster.bench(2_000 if q else 100_000, check=True)]
    return bench_profile.bench(
        reconcile_n=10_000 if q else 100_000, target_kb=300.0 if q else 1500.0
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(
        description="Run the integfacts benchmarks.",
        epilog="parts: " + ", ".join(PARTS),
    )
    ap.add_argument("parts", nargs="*", help="parts to run (default: all)")
    ap.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    ap.add_argument("--clock", choices=sorted(common.CLOCKS), default="cpu")
    ap.add_argument("--sizes", help="reconcile: comma-separated numbers of claims")
    ap.add_argument("--budget", type=float, help="reconcile: seconds allowed per size")
    args = ap.parse_args(argv)
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    parts = [p for p in PARTS if p in args.parts] if args.parts else list(PARTS)
    common.set_clock(args.clock)
    q = args.quick
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([1_000, 10_000] if q else list(bench_reconcile.DEFAULT_SIZES))
    )
    budget = args.budget or (120.0 if q else 1200.0)
    print(f"integfacts benchmarks: {common.machine()}", flush=True)
    started = time.perf_counter()
    sections: list[common.Section] = []

    def show(new: Sequence[common.Section]) -> None:
        for s in new:
            print("\n" + s.render(), flush=True)
        sections.extend(new)

    failed: list[str] = []
    for part in parts:
        common.note(f"part {part}")
        try:
            show(run_part(part, q, sizes, budget))
        except Exception as exc:  # report it and go on with the other parts
            traceback.print_exc()
            last = (str(exc).strip().splitlines() or [""])[-1]
            failed.append(f"{part}: {type(exc).__name__}: {last}")
            print(f"\n== {part}: FAILED ({failed[-1]})", flush=True)
    total = summary(sections)
    total.notes += [f"FAILED {f}" for f in failed]
    total.notes.append(f"whole run: {time.perf_counter() - started:.0f} s wall-clock")
    print("\n" + total.render())
    aims = goals(sections)
    print("\n" + aims.render())
    name = "results" if parts == list(PARTS) else "results-" + "-".join(parts)
    common.save_sections(name, [*sections, total, aims])
    print(f"\nsaved: {common.rel(common.OUT)}/{name}.md and {name}.json")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
