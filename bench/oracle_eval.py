"""Parse-back accuracy against an independent oracle: CLDR (Babel) and num2words renderings.

The oracle writes random Decimals the way each locale writes them, and
integfacts has to read the value back:

- **digits**: ``babel.numbers.format_decimal`` (grouped, ungrouped, the
  locale's own numbering system: Persian digits and separators in fa) and
  ``format_compact_decimal`` ("1,2 jt", "2.3B"); read with ``parse_number``;
- **words**: ``num2words`` cardinals, integers and decimals (vi: no negative,
  which num2words cannot write, and no decimal part under a tenth, which it
  writes without its zero: 0.02 as "không phẩy hai"; en: no negative above
  -1, which it writes without its sign); read with
  ``parse_number``. A lone word the language data says is a number only
  inside a compound (``compound_only``: vi "năm" is also "year", fa "ده" also
  "village") is ambiguous by design: ``parse_number`` gives ``None``. Such
  cases stay wrong in ``accuracy``; the ``alone`` column counts them and
  ``w/o alone`` is the accuracy on the other cases;
- **money**: ``format_currency`` in the symbol and the name formats ("US$5.100,54",
  "\\u200e$\\u00a05,100.54", "1,200,000 Indonesian rupiahs") for twenty
  currencies; ``extract`` must find exactly one claim with the amount and the
  ISO code;
- **percent**: ``format_percent`` with the decimals kept, negatives too;
  ``extract`` must find exactly one claim with the value and the unit ``%``.

The values are drawn with a fixed seed (``--seed``), so a run is repeatable.
Babel and num2words are bench-only dependencies (``pip install -e .[bench]``).

Run: ``python bench/oracle_eval.py [--n 240] [--seed 12] [--show 5]``.
"""

from __future__ import annotations

import argparse
import functools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
)
from num2words import num2words

import integfacts as ifx
from integfacts.languages import load

LANGS = ("en", "id", "vi", "fa")
CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "IDR", "VND", "IRR", "INR", "KRW",
    "CHF", "AUD", "CAD", "SGD", "MYR", "THB", "AED", "SAR", "KWD", "RUB",
)  # fmt: skip
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class Case:
    """One rendering: the text, the value it states, and the currency (money only)."""

    text: str
    value: Decimal
    currency: str | None = None


def _magnitude(rng: random.Random, top: int = 12) -> int:
    """An integer of 1 to ``top`` digits, each length equally likely."""
    digits = rng.randint(1, top)
    return rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10**digits - 1)


def _value(rng: random.Random, *, negative: float = 0.2, decimals: float = 0.4) -> Decimal:
    """A random Decimal: a whole number or one with 1-3 stated decimals, maybe negative."""
    if rng.random() < decimals:
        places = rng.randint(1, 3)
        v = Decimal(_magnitude(rng, 7)) + Decimal(rng.randint(1, 10**places - 1)).scaleb(-places)
    else:
        v = Decimal(_magnitude(rng))
    return -v if rng.random() < negative else v


def _native(text: str, lang: str) -> str:
    """Persian text in Persian digits, as CLDR's default numbering system writes it."""
    return text.translate(_PERSIAN) if lang == "fa" else text


def digits_cases(lang: str, rng: random.Random) -> Iterator[Case]:
    while True:
        v = _value(rng)
        kind = rng.randrange(4)
        if kind == 0:
            yield Case(format_decimal(v, locale=lang, decimal_quantization=False), v)
        elif kind == 1:
            text = format_decimal(v, locale=lang, numbering_system="default")
            yield Case(_native(text, lang), v)
        elif kind == 2:
            yield Case(format_decimal(v, locale=lang, group_separator=False), v)
        else:  # compact: a mantissa of up to three significant digits and a scale
            m = Decimal(rng.randint(1, 999))
            if rng.random() < 0.5 and m < 100:
                m = m / 10
            v = m.scaleb(3 * rng.randint(1, 4))
            v = -v if rng.random() < 0.1 else v
            text = format_compact_decimal(
                v, locale=lang, fraction_digits=1, numbering_system="default"
            )
            yield Case(_native(text, lang), _plain(v))


def words_cases(lang: str, rng: random.Random) -> Iterator[Case]:
    while True:
        v = _value(rng, negative=0.0 if lang == "vi" else 0.15, decimals=0.2)
        if lang == "en" and -1 < v < 0:
            continue  # num2words writes -0.91 as "zero point nine one"
        if v != v.to_integral_value():
            v = v.quantize(Decimal("0.01"))  # num2words reads decimals to two places
            if v == v.to_integral_value() or (lang == "vi" and abs(v) % 1 < Decimal("0.1")):
                continue
        yield Case(num2words(v, lang=lang), _plain(v))


def money_cases(lang: str, rng: random.Random) -> Iterator[Case]:
    while True:
        cur = rng.choice(CURRENCIES)
        places = get_currency_precision(cur)
        v = Decimal(_magnitude(rng, 9))
        if places and rng.random() < 0.5:
            v += Decimal(rng.randint(1, 10**places - 1)).scaleb(-places)
        v = -v if rng.random() < 0.1 else v
        fmt = "name" if rng.random() < 0.3 else "standard"
        system = "default" if rng.random() < 0.5 else "latn"
        text = format_currency(v, cur, locale=lang, format_type=fmt, numbering_system=system)
        yield Case(_native(text, lang) if system == "default" else text, _plain(v), cur)


def percent_cases(lang: str, rng: random.Random) -> Iterator[Case]:
    while True:
        v = Decimal(rng.randint(0, 99999)).scaleb(-rng.randint(0, 2))
        v = -v if rng.random() < 0.2 else v
        system = "default" if rng.random() < 0.5 else "latn"
        text = format_percent(
            v.scaleb(-2), locale=lang, decimal_quantization=False, numbering_system=system
        )
        yield Case(_native(text, lang) if system == "default" else text, _plain(v))


def _plain(v: Decimal) -> Decimal:
    """``v`` without exponent or trailing zeros (how integfacts states a value)."""
    v = v.normalize()
    return v.quantize(Decimal(1)) if v == v.to_integral_value() else v


@functools.cache
def _compound_only(lang: str) -> frozenset[str]:
    words = load(lang).raw.get("numerals", {}).get("compound_only", [])
    return frozenset(w.casefold() for w in words)


def check_number(case: Case, lang: str) -> tuple[bool, bool, str]:
    """Right, ambiguous by design (a lone compound-only word), and the message."""
    got = ifx.parse_number(case.text, lang)
    alone = case.text.strip().casefold() in _compound_only(lang)
    note = " (a number only inside a compound)" if alone else ""
    return got == case.value, alone, f"{case.text!r}: want {case.value}, got {got}{note}"


def check_claim(case: Case, lang: str, unit: str) -> tuple[bool, bool, str]:
    claims = ifx.extract(case.text, lang=lang)
    ok = len(claims) == 1 and claims[0].unit == unit and claims[0].value == case.value
    got = [(c.text, str(c.value), c.unit) for c in claims]
    return ok, False, f"{case.text!r}: want {case.value} {unit}, got {got}"


CELLS: dict[str, tuple[Callable[[str, random.Random], Iterator[Case]], float]] = {
    "digits": (digits_cases, 0.99),
    "words": (words_cases, 0.97),
    "money": (money_cases, 0.97),
    "percent": (percent_cases, 0.97),
}


def run_cell(kind: str, lang: str, n: int, seed: int) -> tuple[int, int, list[str]]:
    """Right answers out of ``n`` for one kind and language, the ambiguous failures
    (a lone compound-only word), and the failures."""
    make, _goal = CELLS[kind]
    rng = random.Random(f"{seed}-{kind}-{lang}")
    cases = make(lang, rng)
    right, ambiguous, failures = 0, 0, []
    for _ in range(n):
        case = next(cases)
        if kind in ("digits", "words"):
            ok, alone, msg = check_number(case, lang)
        else:
            ok, alone, msg = check_claim(case, lang, case.currency or "%")
        right += ok
        if not ok:
            ambiguous += alone
            failures.append(msg)
    return right, ambiguous, failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=240, help="cases per kind and language")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", type=int, default=0, help="failures to print per cell")
    ap.add_argument("--kinds", default=",".join(CELLS), help="comma-separated kinds")
    args = ap.parse_args()
    print(
        f"{'cell':16} {'cases':>5} {'right':>6} {'accuracy':>9} {'alone':>6} {'w/o alone':>10}"
        f" {'goal':>6}"
    )

    def row(name: str, n: int, right: int, alone: int, goal: float) -> str:
        return (
            f"{name:16} {n:5d} {right:6d} {right / n:9.1%} {alone:6d} {right / (n - alone):10.1%}"
            f" {goal:6.0%}"
        )

    for kind in args.kinds.split(","):
        goal = CELLS[kind][1]
        total = total_alone = 0
        for lang in LANGS:
            right, alone, failures = run_cell(kind, lang, args.n, args.seed)
            total += right
            total_alone += alone
            print(row(f"{kind} {lang}", args.n, right, alone, goal))
            for msg in failures[: args.show]:
                print(f"    {msg}")
        print(row(f"{kind} all", args.n * len(LANGS), total, total_alone, goal))


if __name__ == "__main__":
    main()
