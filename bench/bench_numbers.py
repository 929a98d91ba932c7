"""``parse_number`` calls per second per language, on the numeral corpora.

Input: every text of ``tests/corpus/numbers/<lang>.toml`` that should parse
(``[[example]]`` and ``[[xfail]]`` entries; negative examples left out): digits
with every separator variant, digits with scale words and compact
abbreviations, and numbers written in words. Each text is one call.

For each language the whole list is parsed ``--repeat`` times (after one
warm-up pass that also loads the language file); the figure is the median
pass. The same is reported per shape of numeral (digits only, digits with a
scale word, words only).

Run: ``python bench/bench_numbers.py [--repeat N]`` (or ``python bench/run.py numbers``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import _common as common

import integfacts as ifx

SHAPES = ("digits", "scaled", "words")


def _rate(texts: Sequence[str], lang: str, repeat: int) -> float:
    """Median calls per second of ``parse_number`` over ``texts``."""

    def run() -> None:
        for t in texts:
            ifx.parse_number(t, lang)

    sec = common.median_time(run, repeat)
    return len(texts) / sec if sec > 0 else float("inf")


def bench(repeat: int = 15) -> common.Section:
    """Measure every language and return the table."""
    sec = common.Section(
        "parse_number calls/s (one core, median of passes over the corpus)",
        [
            "lang",
            "texts",
            "calls/s",
            "us/call",
            "digits/s",
            "scaled/s",
            "words/s",
            "n digits/scaled/words",
        ],
        notes=[
            "input: tests/corpus/numbers/<lang>.toml, texts that should parse"
            " (examples + xfails, negatives left out)",
            "digits = digits and separators only; scaled = digits with a scale word or"
            " abbreviation; words = no digit",
        ],
    )
    results: dict[str, dict[str, float]] = {}
    for lang in common.LANGS:
        items = common.number_texts(lang)
        texts = [t for t, _ in items]
        common.note(f"numbers: {lang} ({len(texts)} texts)")
        rates = {"all": _rate(texts, lang, repeat)}
        counts = {s: sum(1 for _, sh in items if sh == s) for s in SHAPES}
        for shape in SHAPES:
            subset = [t for t, sh in items if sh == shape]
            rates[shape] = _rate(subset, lang, repeat) if subset else float("nan")
        results[lang] = rates
        sec.rows.append(
            [
                lang,
                str(len(texts)),
                common.fmt_rate(rates["all"]),
                f"{1e6 / rates['all']:.1f}",
                *(common.fmt_rate(rates[s]) for s in SHAPES),
                "/".join(str(counts[s]) for s in SHAPES),
            ]
        )
    sec.data["parse_number"] = results
    return sec


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the table and save it to bench/out/numbers.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=15, help="passes per language (median)")
    ap.add_argument("--clock", choices=sorted(common.CLOCKS), default="cpu")
    args = ap.parse_args(argv)
    common.set_clock(args.clock)
    sec = bench(args.repeat)
    print(sec.render())
    common.save_sections("numbers", [sec])


if __name__ == "__main__":
    main()
