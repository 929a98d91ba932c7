"""Translation check: false alarms on faithful pairs, catches on planted corruptions.

Reads the aligned pairs of ``bench/translation/<set>/*.toml`` (written for this
benchmark: en -> id/vi/fa and id/vi/fa -> en, with unit conversions, ranges,
qualifiers, scale words and both separator conventions), runs
:func:`integfacts.compare` on every faithful pair and on the corrupted copies
``translation_corrupt.py`` plants, and prints:

- **false contradictions**: faithful pairs whose report has a contradiction, %
  (goal <= 0.5%);
- **source figures unmatched**: claims of the originals left in
  ``report.unmatched``, % of all the originals' claims (goal <= 3%);
- **digit changed -> contradiction**: corrupted pairs where a CONTRADICT finding
  holds a translation claim overlapping the changed figure, % (goal >= 80%);
- **digit changed -> caught**: the same, or a translation claim overlapping it is
  unmatched, or more original claims are unmatched than in the faithful report, %
  (goal >= 99%);
- ``separator`` (x10) and ``scale`` word swaps, counted the same way;
- **deleted -> caught**: more original claims are unmatched (or contradicted) than
  in the faithful report, % (goal >= 97%).

A measurement, not a test: it always exits 0.

``--speed N`` instead times :func:`integfacts.translation.compare_segments` on N
segments (the en -> id pairs, cycled): wall-clock and CPU seconds, median of 3.

Usage::

    python bench/translation_eval.py [--set dev|heldout|all] [--show] [--json]
    python bench/translation_eval.py --speed 10000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translation_corrupt import Corruption, Pair, corrupt, load_pairs

import integfacts as ifx
from integfacts.translation import compare_segments

GOALS = {
    "false_contradictions": ("<=", 0.5),
    "source_unmatched": ("<=", 3.0),
    "digit_contradiction": (">=", 80.0),
    "digit_caught": (">=", 99.0),
    "deleted_caught": (">=", 97.0),
}


def _report(pair: Pair, tgt: str) -> ifx.Report:
    return ifx.compare(
        ifx.Document(pair.src, source="src", lang=pair.src_lang),
        ifx.Document(tgt, source="tgt", lang=pair.tgt_lang),
    )


def _src_trouble(report: ifx.Report) -> set[tuple[int, int]]:
    """Spans of original claims unmatched or in a contradiction."""
    out = {(c.span.start, c.span.end) for c in report.unmatched if c.source == "src"}
    for f in report.contradictions:
        out |= {(c.span.start, c.span.end) for c in f.claims if c.source == "src"}
    return out


def _overlaps(c: ifx.Claim, a: int, b: int) -> bool:
    return c.source == "tgt" and c.span.start < max(b, a + 1) and a < c.span.end


def _judge(cor: Corruption, faithful: ifx.Report) -> tuple[bool, bool]:
    """(reported as a contradiction, caught at all) for one corrupted pair."""
    rep = _report(cor.pair, cor.tgt)
    a, b = cor.start, cor.end
    as_contra = any(any(_overlaps(c, a, b) for c in f.claims) for f in rep.contradictions)
    if cor.kind == "deleted":
        as_contra = False
    caught = (
        as_contra
        or any(_overlaps(c, a, b) for c in rep.unmatched)
        or bool(_src_trouble(rep) - _src_trouble(faithful))
    )
    return as_contra, caught


def _pct(n: int, d: int) -> float:
    return 100.0 * n / d if d else 0.0


def evaluate(which: str, show: bool) -> dict[str, Any]:
    """Run the whole evaluation; return the figures (and print examples with ``show``)."""
    pairs = load_pairs(which)
    t0 = time.process_time()
    by_dir: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    tot: dict[str, int] = defaultdict(int)
    for pair in pairs:
        d = f"{pair.src_lang}-{pair.tgt_lang}"
        rep = _report(pair, pair.tgt)
        src_claims = [c for c in rep.claims if c.source == "src"]
        src_un = [c for c in rep.unmatched if c.source == "src"]
        for k, v in (
            ("pairs", 1),
            ("contradicted", int(bool(rep.contradictions))),
            ("src_claims", len(src_claims)),
            ("src_unmatched", len(src_un)),
            ("tgt_unmatched", sum(1 for c in rep.unmatched if c.source == "tgt")),
        ):
            by_dir[d][k] += v
            tot[k] += v
        if show and (rep.contradictions or rep.unmatched):
            print(f"-- faithful {pair.id}")
            for f in rep.contradictions:
                print(f"   CONTRADICT {f.reason}")
            for c in rep.unmatched:
                print(f"   unmatched {c.source}: {c.text!r}")
        for cor in corrupt(pair):
            contra, caught = _judge(cor, rep)
            for key, v in (
                (f"{cor.kind}_n", 1),
                (f"{cor.kind}_c", contra),
                (f"{cor.kind}_k", caught),
            ):
                by_dir[d][key] += int(v)
                tot[key] += int(v)
            if show and (not caught or (cor.kind != "deleted" and not contra)):
                what = "MISSED" if not caught else "not as contradiction"
                print(f"-- {cor.kind} {what} {pair.id}: {cor.before!r} -> {cor.after!r}")
    secs = time.process_time() - t0

    def figures(t: dict[str, int]) -> dict[str, float]:
        return {
            "pairs": t["pairs"],
            "false_contradictions": _pct(t["contradicted"], t["pairs"]),
            "source_unmatched": _pct(t["src_unmatched"], t["src_claims"]),
            "target_unmatched": t["tgt_unmatched"],
            "digit_contradiction": _pct(t["digit_c"], t["digit_n"]),
            "digit_caught": _pct(t["digit_k"], t["digit_n"]),
            "separator_contradiction": _pct(t["separator_c"], t["separator_n"]),
            "separator_caught": _pct(t["separator_k"], t["separator_n"]),
            "scale_contradiction": _pct(t["scale_c"], t["scale_n"]),
            "scale_caught": _pct(t["scale_k"], t["scale_n"]),
            "deleted_caught": _pct(t["deleted_k"], t["deleted_n"]),
            "corruptions": sum(t[f"{k}_n"] for k in ("digit", "separator", "scale", "deleted")),
        }

    return {
        "set": which,
        "cpu_seconds": round(secs, 1),
        "total": figures(tot),
        "by_direction": {d: figures(t) for d, t in sorted(by_dir.items())},
    }


def _print(res: dict[str, Any]) -> None:
    cols = [
        ("pairs", "pairs", "{:.0f}"),
        ("false_contradictions", "false contra %", "{:.1f}"),
        ("source_unmatched", "src unmatched %", "{:.1f}"),
        ("target_unmatched", "tgt unmatched", "{:.0f}"),
        ("digit_contradiction", "digit→contra %", "{:.1f}"),
        ("digit_caught", "digit caught %", "{:.1f}"),
        ("separator_contradiction", "x10 sep→contra %", "{:.1f}"),
        ("scale_contradiction", "scale→contra %", "{:.1f}"),
        ("deleted_caught", "deleted caught %", "{:.1f}"),
    ]
    print(f"set: {res['set']}  ({res['cpu_seconds']} CPU s)")
    head = ["direction"] + [c[1] for c in cols]
    rows = [[d] + [fmt.format(f[k]) for k, _, fmt in cols] for d, f in res["by_direction"].items()]
    rows.append(["ALL"] + [fmt.format(res["total"][k]) for k, _, fmt in cols])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(r, widths, strict=True)))
    print(f"corruptions planted: {res['total']['corruptions']}")
    for key, (op, goal) in GOALS.items():
        v = res["total"][key]
        ok = v <= goal if op == "<=" else v >= goal
        print(f"  {key:22} {v:6.1f}%  goal {op} {goal}%  {'ok' if ok else 'MISSED'}")


def speed(n: int) -> None:
    """Time compare_segments on ``n`` en -> id segments (median of 3 runs)."""
    pairs = [p for p in load_pairs("all") if (p.src_lang, p.tgt_lang) == ("en", "id")]
    segs = [(str(k), pairs[k % len(pairs)].src, pairs[k % len(pairs)].tgt) for k in range(n)]
    walls, cpus = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        res = compare_segments(segs, source_lang="en", target_lang="id")
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    bad = sum(not r.ok for r in res)
    print(
        f"{n} segments: wall {statistics.median(walls):.2f} s, CPU {statistics.median(cpus):.2f} s"
        f" (median of 3; load average {os.getloadavg()[0]:.1f}); {bad} segments with a problem"
    )


def main(argv: list[str] | None = None) -> int:
    """Evaluate and print (or dump JSON)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", default="dev", choices=["dev", "heldout", "all"])
    ap.add_argument("--show", action="store_true", help="print every false alarm and miss")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--speed", type=int, metavar="N", help="time N segments instead")
    args = ap.parse_args(argv)
    if args.speed:
        speed(args.speed)
        return 0
    res = evaluate(args.set, args.show)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        _print(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
