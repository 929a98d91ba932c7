"""Adversarial-input benchmark: extraction time must grow linearly with input size.

Run: ``python bench/adversarial.py`` (``--sizes 10000,100000,1000000``).

Each crafted input is built at 10 KB, 100 KB and 1 MB; the script prints the
median time of ``integfacts.extract`` per size and the growth ratio between
sizes (linear growth: x10 size -> about x10 time; the script flags any ratio
above 20 as super-linear).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import integfacts as ifx

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_bfae056a32c5a2fe.txt").read_text("utf-8")


def _repeat(unit: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return make


def _junk(n: int) -> str:
    rnd = random.Random(7)
    return bytes(rnd.randrange(256) for _ in range(n)).decode("utf-8", "replace")[:n]


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "seed text, one line": ("id", _repeat(SEED.replace("\n", " "))),
    "binary junk (replacement chars)": ("id", _junk),
    "one run of digits": ("en", _repeat("1")),
    "digits and separators": ("id", _repeat("1.2,")),
    "repeated qualifiers": ("id", _repeat("lebih dari sekitar hampir ")),
    "number words": ("vi", _repeat("hai mươi mốt nghìn tỷ ")),
    "persian digits, bidi marks": ("fa", _repeat("\u200f۱۲۳٬۴۵۶\u200e درصد ")),
    "dense small numbers": ("en", _repeat("1 2 3 4 5 6 7 8 9 ")),
    "separators only": ("fa", _repeat("٫٬,. ")),
}


def _time(text: str, lang: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        ifx.extract(text, lang=lang)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 if some input grows super-linearly."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    ifx.extract("warm up 1", lang="en")
    bad = 0
    header = f"{'input':34}" + "".join(f"{s // 1000:>9} KB" for s in sizes) + "   growth"
    print(header)
    for name, (lang, make) in CASES.items():
        row = []
        for n in sizes:
            text = make(n)
            row.append(_time(text, lang, 3 if n <= 100_000 else 1))
        ratios = [b / a if a > 0 else 0.0 for a, b in itertools.pairwise(row)]
        flag = " SUPER-LINEAR" if any(r > 20 for r in ratios) else ""
        bad += bool(flag)
        cells = "".join(f"{t * 1000:>10.1f}ms" for t in row)
        print(f"{name:34}{cells}   " + " ".join(f"x{r:.1f}" for r in ratios) + flag)
        sys.stdout.flush()
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
