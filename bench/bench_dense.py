"""Bounded cost on any input: number-dense text, junk, and streaming, by size.

Each input is extracted at several sizes, each in a fresh subprocess (so that
peak memory is the extraction's own): CPU seconds, seconds and MB per MB of
text, the peak resident memory added by the call, and the growth of time and
memory from the smallest size to the largest (linear: the per-MB figures stay
flat). Inputs:

- ``dense``: ``"12 345 6,7 "`` repeated (about 270,000 numerals per MB), the
  goal being at most 10 s and 400 MB per MB of text;
- ``ones``: ``"1 "`` repeated (500,000 numerals per MB: the worst case);
- ``alnum``: random letters, digits, spaces and punctuation;
- ``stream``: the dense text read with :func:`integfacts.iter_claims`, claims
  consumed as they come: memory should not grow with the text.

Run: ``python bench/bench_dense.py [--sizes 0.25,0.5,1] [--alnum-sizes 1.25,2.5,5]
[--stream-sizes 0.5,1,2]`` (sizes in MB; ``python bench/run.py dense``). Streaming
sizes start above one block (200,000 characters).
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

import _common as common

DENSE = "12 345 6,7 "
ONES = "1 "
SECONDS_PER_MB = 10.0
MB_PER_MB = 400.0
LINEAR = 1.25
"""Largest size's cost per MB over the smallest's, at most (linear growth keeps it near 1)."""


def text_of(kind: str, mb: float) -> str:
    """The input ``kind`` at ``mb`` MB (1 MB = 1,000,000 characters, all ASCII)."""
    n = int(mb * 1_000_000)
    if kind in ("dense", "stream"):
        return (DENSE * (n // len(DENSE) + 1))[:n]
    if kind == "ones":
        return (ONES * (n // len(ONES) + 1))[:n]
    rnd = random.Random(5)
    alphabet = string.ascii_letters + string.digits + " " * 8 + ".,\n"
    return "".join(rnd.choices(alphabet, k=n))


def child(kind: str, mb: float) -> dict[str, Any]:
    """Extract one input in this process; the figures."""
    import integfacts as ifx  # noqa: PLC0415

    ifx.extract("warm up: 1,5 and 2 apples in 2024", lang="en")
    text = text_of(kind, mb)
    before = common.rss_mb()
    t0 = common.now()
    if kind == "stream":
        claims = sum(1 for _ in ifx.iter_claims(text, lang="en"))
    else:
        claims = len(ifx.extract(text, lang="en", max_chars=len(text)))
    seconds = common.now() - t0
    added = common.peak_rss_mb() - before
    return {"kind": kind, "mb": mb, "claims": claims, "seconds": seconds, "rss_added_mb": added}


def run_one(kind: str, mb: float) -> dict[str, Any]:
    """One input at one size, in a fresh subprocess."""
    cmd = [sys.executable, __file__, "--child", kind, str(mb), "--clock", common.clock_name()]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"dense child {kind} {mb} failed:\n{out.stderr}")
    got: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return got


def bench(
    sizes: Sequence[float] = (0.25, 0.5, 1.0),
    alnum_sizes: Sequence[float] = (1.25, 2.5, 5.0),
    kinds: Sequence[str] = ("dense", "ones", "alnum", "stream"),
    stream_sizes: Sequence[float] = (0.5, 1.0, 2.0),
) -> common.Section:
    """Every input at every size; one table."""
    sec = common.Section(
        "bounded cost: number-dense text, junk, streaming (fresh process per size)",
        ["input", "MB", "claims", "s", "s/MB", "MB added", "MB/MB"],
        notes=[
            f"dense = {DENSE!r} repeated; ones = {ONES!r} repeated; alnum = random letters,"
            " digits, spaces and punctuation; stream = dense through iter_claims"
            " (claims consumed, not kept)",
            "s = CPU seconds of the call; MB added = peak RSS of the process (VmHWM) after the"
            " call minus its RSS before it (the claims included, except for stream)",
            f"goal (issue 15): dense at most {SECONDS_PER_MB:g} s and {MB_PER_MB:g} MB per MB,"
            f" every input linear (cost per MB at the largest size at most {LINEAR:g}x the"
            " smallest's)",
        ],
    )
    sec.data["dense"] = {}
    for kind in kinds:
        rows = []
        by_kind = {"alnum": alnum_sizes, "stream": stream_sizes}
        for mb in by_kind.get(kind, sizes):
            common.note(f"dense: {kind} {mb} MB")
            r = run_one(kind, mb)
            rows.append(r)
            sec.rows.append(
                [
                    kind,
                    f"{mb:g}",
                    f"{r['claims']:,}",
                    f"{r['seconds']:.2f}",
                    f"{r['seconds'] / mb:.2f}",
                    f"{r['rss_added_mb']:.0f}",
                    f"{r['rss_added_mb'] / mb:.0f}",
                ]
            )
        first, last = rows[0], rows[-1]
        sec.data["dense"][kind] = {
            "runs": rows,
            "s_per_mb": last["seconds"] / last["mb"],
            "mb_per_mb": last["rss_added_mb"] / last["mb"],
            "time_growth": (last["seconds"] / last["mb"]) / (first["seconds"] / first["mb"]),
            "memory_growth": (last["rss_added_mb"] / last["mb"])
            / max(first["rss_added_mb"] / first["mb"], 1e-9),
            "largest_mb": last["mb"],
            "largest_rss_mb": last["rss_added_mb"],
            "smallest_rss_mb": first["rss_added_mb"],
        }
    return sec


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="0.25,0.5,1", help="MB, for dense and ones")
    ap.add_argument("--alnum-sizes", default="1.25,2.5,5", help="MB, for alnum")
    ap.add_argument("--stream-sizes", default="0.5,1,2", help="MB, for stream (blocks of 0.2)")
    ap.add_argument("--kinds", default="dense,ones,alnum,stream")
    ap.add_argument("--clock", choices=sorted(common.CLOCKS), default="cpu")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "MB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    common.set_clock(args.clock)
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]))))
        return 0
    started = time.perf_counter()
    sec = bench(
        [float(s) for s in args.sizes.split(",")],
        [float(s) for s in args.alnum_sizes.split(",")],
        args.kinds.split(","),
        [float(s) for s in args.stream_sizes.split(",")],
    )
    sec.notes.append(f"whole run {time.perf_counter() - started:.0f} s wall-clock")
    print(sec.render())
    common.save_sections("dense", [sec])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
