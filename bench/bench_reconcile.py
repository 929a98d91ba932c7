"""Reconciliation time and peak memory for 10^3 .. 10^6 synthetic claims.

The claims come from ``synth_claims.make_claims(n)`` (many sources, the
concept keys of every language plus unknown phrases, several subjects, the
same figure repeated across sources with small variations and slips). Each
size runs in a fresh subprocess, which reports:

- the time of ``integfacts.reconcile(claims)`` (median of the repeats; 5 at
  10^3, 3 at 10^4 and 10^5, 1 above) and claims per second;
- peak memory: the child's maximum resident set size (``VmHWM``), and its
  RSS after building the claims, before reconciling;
- the shape of the report (findings by verdict, the largest finding, how
  many findings group reports of different synthetic facts), and at 10^3
  whether reconciling the claims in reverse order gives the same report.

A size whose time, extrapolated from the two sizes before it, would exceed
``--budget`` seconds is skipped with a note; a child that runs past the
budget is stopped. A plot of time against size goes to
``bench/out/reconcile_time.png`` (matplotlib) or ``.svg`` (written by hand
when matplotlib is not installed).

Run: ``python bench/bench_reconcile.py [--sizes 1000,10000] [--budget S]``
(or ``python bench/run.py reconcile``).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import _common as common

DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)


def _rss_mb() -> float:
    return common.rss_mb()


def _maxrss_mb() -> float:
    return common.peak_rss_mb()


def _repeats(n: int) -> int:
    return 5 if n <= 1_000 else 3 if n <= 100_000 else 1


def child(n: int) -> dict[str, Any]:
    """Build ``n`` claims, reconcile them, and return the measurements (in the child)."""
    import gc  # noqa: PLC0415

    from synth_claims import make_claims  # noqa: PLC0415

    import integfacts as ifx  # noqa: PLC0415

    ifx.reconcile(make_claims(2000, seed=1))  # warm-up: imports, RapidFuzz, caches
    t0 = common.now()
    claims = make_claims(n)
    build = common.now() - t0
    gc.collect()
    rss_before = _rss_mb()
    times: list[float] = []
    report = None
    for _ in range(_repeats(n)):
        report = None
        gc.collect()
        t0 = common.now()
        report = ifx.reconcile(claims)
        times.append(common.now() - t0)
    assert report is not None
    verdicts = {v.value: 0 for v in ifx.Verdict}
    mixed = 0
    for f in report.findings:
        verdicts[f.verdict.value] += 1
        if f.diagnosis is not ifx.Diagnosis.DIFFERENT_METRIC:
            mixed += len({c.context for c in f.claims}) > 1
    same_reversed = None
    if n <= 1_000:
        same_reversed = ifx.reconcile(list(reversed(claims))) == report
    return {
        "n": n,
        "build_s": build,
        "times_s": times,
        "median_s": statistics.median(times),
        "rss_before_mb": rss_before,
        "maxrss_mb": _maxrss_mb(),
        "sources": len({c.source for c in claims}),
        "findings": len(report.findings),
        "verdicts": verdicts,
        "largest_finding": max((len(f.claims) for f in report.findings), default=0),
        "mixed_fact_findings": mixed,
        "unmatched": len(report.unmatched),
        "same_reversed": same_reversed,
    }


def run_size(n: int, budget: float) -> dict[str, Any] | None:
    """Run one size in a fresh subprocess; ``None`` when it ran past ``budget`` seconds."""
    cmd = [sys.executable, __file__, "--child", str(n), "--clock", common.clock_name()]
    t0 = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=budget, check=False)
    except subprocess.TimeoutExpired:
        common.note(f"reconcile: n={n:,} stopped after {budget:.0f} s")
        return None
    if out.returncode != 0:
        raise RuntimeError(f"reconcile child n={n} failed:\n{out.stderr}")
    got: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    got["child_wall_s"] = time.perf_counter() - t0
    return got


def _predict(done: Sequence[dict[str, Any]], n: int) -> tuple[float, float] | None:
    """(predicted seconds at ``n``, growth exponent) from the last two sizes measured."""
    if len(done) < 2:
        return None
    a, b = done[-2], done[-1]
    if a["median_s"] <= 0 or b["median_s"] <= 0:
        return None
    k = math.log(b["median_s"] / a["median_s"]) / math.log(b["n"] / a["n"])
    return b["median_s"] * (n / b["n"]) ** k, k


def bench(sizes: Sequence[int] = DEFAULT_SIZES, budget: float = 1200.0) -> common.Section:
    """Measure every size that fits the budget and return the table."""
    sec = common.Section(
        "reconcile() on synthetic claims (fresh subprocess per size)",
        [
            "claims",
            "sources",
            "runs",
            "median s",
            "claims/s",
            "peak RSS MB",
            "RSS before MB",
            "findings",
            "agree/contra/n.c.",
            "largest",
            "mixed facts",
        ],
        notes=[
            f"time: {common.clock_name()} clock, median of the runs; peak RSS = VmHWM"
            " max RSS of the child (claims + reconcile); RSS before = after building the claims",
            "largest = claims in the largest finding; mixed facts = findings (other than"
            " different_metric) whose claims report more than one synthetic fact",
        ],
    )
    done: list[dict[str, Any]] = []
    for n in sizes:
        pred = _predict(done, n)
        if pred is not None and pred[0] > budget:
            msg = (
                f"n={n:,} skipped: predicted {pred[0]:,.0f} s (growth exponent {pred[1]:.2f}"
                f" from the two sizes before) > budget {budget:.0f} s"
            )
            sec.notes.append(msg)
            common.note(f"reconcile: {msg}")
            continue
        common.note(
            f"reconcile: n={n:,}"
            + (f" (predicted {pred[0]:,.1f} s, exponent {pred[1]:.2f})" if pred else "")
        )
        got = run_size(n, budget)
        if got is None:
            sec.notes.append(f"n={n:,}: stopped after the budget of {budget:.0f} s")
            break
        done.append(got)
        v = got["verdicts"]
        sec.rows.append(
            [
                f"{n:,}",
                f"{got['sources']:,}",
                str(len(got["times_s"])),
                f"{got['median_s']:.3f}",
                common.fmt_rate(n / got["median_s"]),
                f"{got['maxrss_mb']:.0f}",
                f"{got['rss_before_mb']:.0f}",
                f"{got['findings']:,}",
                f"{v['agree']}/{v['contradict']}/{v['not_comparable']}",
                f"{got['largest_finding']:,}",
                f"{got['mixed_fact_findings']:,}",
            ]
        )
        if got["same_reversed"] is not None:
            sec.notes.append(
                f"n={n:,}: reversed input gives "
                + ("the same report" if got["same_reversed"] else "A DIFFERENT report")
            )
    if len(done) >= 2:
        k = math.log(done[-1]["median_s"] / done[0]["median_s"]) / math.log(
            done[-1]["n"] / done[0]["n"]
        )
        sec.notes.append(
            f"growth exponent over {done[0]['n']:,}..{done[-1]['n']:,} claims: {k:.2f}"
            " (1 = linear, 2 = quadratic)"
        )
    sec.data["reconcile"] = done
    plot = save_plot(done)
    if plot is not None:
        sec.notes.append(f"plot: {common.rel(plot)}")
    return sec


# ------------------------------------------------------------------ the plot


def save_plot(done: Sequence[dict[str, Any]]) -> Path | None:
    """Time against size, log-log, with a linear reference line; PNG or hand-written SVG."""
    if not done:
        return None
    xs = [float(d["n"]) for d in done]
    ys = [float(d["median_s"]) for d in done]
    ref = [ys[0] * x / xs[0] for x in xs]  # linear growth from the first point
    out = common.out_dir()
    if common.have("matplotlib"):
        import matplotlib as mpl  # noqa: PLC0415 - optional tool

        mpl.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415

        fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
        ax.loglog(xs, ys, "o-", label="reconcile()")
        ax.loglog(xs, ref, "--", color="grey", label="linear from the first point")
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(f"{y:.3g} s", (x, y), textcoords="offset points", xytext=(4, -12))
        ax.set_xlabel("claims")
        ax.set_ylabel(f"seconds ({common.clock_name()} clock)")
        ax.set_title("integfacts.reconcile: time vs number of claims")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        path = out / "reconcile_time.png"
        fig.savefig(path)
        plt.close(fig)
        return path
    common.note("reconcile: matplotlib not installed, writing an SVG plot by hand")
    path = out / "reconcile_time.svg"
    path.write_text(_svg(xs, ys, ref), "utf-8")
    return path


def _svg(xs: Sequence[float], ys: Sequence[float], ref: Sequence[float]) -> str:
    """A minimal log-log line chart as SVG text."""
    w, h, pad = 480, 320, 50
    lx = [math.log10(x) for x in xs]
    ly = [math.log10(y) for y in (*ys, *ref) if y > 0]
    x0, x1 = min(lx) - 0.2, max(lx) + 0.2
    y0, y1 = min(ly) - 0.3, max(ly) + 0.3

    def px(x: float) -> float:
        return pad + (math.log10(x) - x0) / (x1 - x0) * (w - 2 * pad)

    def py(y: float) -> float:
        return h - pad - (math.log10(y) - y0) / (y1 - y0) * (h - 2 * pad)

    def line(vals: Sequence[float], style: str) -> str:
        pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, vals, strict=True))
        return f'<polyline points="{pts}" fill="none" {style}/>'

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="11">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{w / 2}" y="20" text-anchor="middle">reconcile(): seconds vs claims'
        " (log-log)</text>",
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
        line(ref, 'stroke="grey" stroke-dasharray="4 3"'),
        line(ys, 'stroke="steelblue" stroke-width="2"'),
    ]
    for x, y in zip(xs, ys, strict=True):
        parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="steelblue"/>')
        parts.append(f'<text x="{px(x) + 5:.1f}" y="{py(y) - 5:.1f}">{y:.3g} s</text>')
        parts.append(
            f'<text x="{px(x):.1f}" y="{h - pad + 15}" text-anchor="middle">{int(x):,}</text>'
        )
    parts.append(
        f'<text x="{w - pad}" y="{pad - 8}" text-anchor="end" fill="grey">'
        "dashed: linear from the first point</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the table and save it to bench/out/reconcile.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated numbers of claims",
    )
    ap.add_argument("--budget", type=float, default=1200.0, help="seconds allowed per size")
    ap.add_argument("--clock", choices=sorted(common.CLOCKS), default="cpu")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    common.set_clock(args.clock)
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return
    sec = bench([int(s) for s in args.sizes.split(",")], args.budget)
    print(sec.render())
    common.save_sections("reconcile", [sec])


if __name__ == "__main__":
    main()
