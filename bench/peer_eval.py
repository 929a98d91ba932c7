"""Accuracy on public peer test suites, per cell (suite x language), run locally.

The cases are not part of this repository: fetch them yourself (Duckling's
``Numeral/<LANG>/Corpus.hs`` and ``AmountOfMoney/<LANG>/Corpus.hs``;
Recognizers-Text's ``Specs/Number/English/NumberModel.json``,
``PercentModel.json`` and ``Specs/NumberWithUnit/English/CurrencyModel.json``)
and turn them into JSON files in one directory (default ``/tmp/peer``), one
file per cell; every file is optional:

- ``duckling_numeral_<lang>.json``: ``[[value, text], ...]``;
- ``duckling_money_<lang>.json``: ``[[kind, currency, low, high, text], ...]``
  with kind ``simple`` | ``between`` | ``under`` | ``above``, Duckling's
  currency name (``Dollar``, ``Cent``, ``Pound``, ``Unnamed``, ``Dinar`` ... or
  an ISO code), ``high`` only for ``between`` (else ``null``);
- ``rt_number_en.json``, ``rt_percent_en.json``: ``[[input, [value, ...]], ...]``
  (every number / percentage the input states, in order);
- ``rt_currency_en*.json``: ``[[input, value, unit], ...]`` (an ISO code, or
  ``Cent``).

What counts as right:

- numerals: ``parse_number(text, lang)`` is the value; the ``extract`` column
  reads the text as a document and takes the value or its other separator
  reading (``Quantity.alternative``);
- money (Duckling): ``extract`` finds exactly one claim, with the value (and
  range end, or a lower/upper qualifier for ``under``/``above``) and a unit of
  the currency (any dinar for ``Dinar``, ...; cents as a count of cents or
  hundredths of a dollar);
- Recognizers-Text: the claims' values (range ends included) are the
  expected ones, in order (numbers, percentages), or one claim has the
  amount and unit (currency), compared to 10 significant digits.

Two readings a user of ``extract`` gets count as the stated number, as the
peers state it: a ratio claim written as a fraction ("3/4": value 3, ``of``
4) is the quotient; a change claim ("down $5,000": value -5000, ``change``
set) states its amount, the sign being the direction its cue word gives.

A numeral read otherwise than the peer expects is a *CLDR reading* when CLDR
(through Babel) writes the value we read as exactly that text in that
language: Indonesian "3M" is 3 miliar in CLDR's compact form (Duckling
expects 3 million), Vietnamese "100,000" is 100 with three decimals (Duckling
expects 100000). Such cases stay wrong in ``accuracy``; the ``cldr`` column
counts them and ``w/o cldr`` is the accuracy on the other cases.

Run: ``python bench/peer_eval.py [--cases DIR] [--show N]`` (``--show`` prints
up to N failures per cell).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.numbers import format_compact_decimal, format_decimal

import integfacts as ifx

_FAMILY = {
    "Dollar": {"USD"},
    "Pound": {"GBP"},
    "Dinar": {"KWD", "BHD", "IQD", "JOD", "LYD", "TND", "DZD", "RSD", "MKD"},
    "Riyal": {"SAR", "QAR", "OMR", "YER"},
    "Rial": {"IRR", "OMR", "YER"},
}


@dataclass(frozen=True)
class Result:
    """One case: right by ``parse_number`` (or ``extract``), right by ``extract``,
    the message printed for a failure, and whether our reading is CLDR's."""

    ok: bool
    ext: bool
    msg: str
    cldr: bool = False


def _d(x: Any) -> Decimal:
    return Decimal(str(x))


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    return a != 0 and abs(a - b) / abs(a) < Decimal("1e-10")


def _stated(c: ifx.Claim, v: Decimal) -> Decimal:
    """The number the text states for a value of ``c`` (see the module docstring)."""
    q = c.quantity
    if c.kind is ifx.ClaimKind.RATIO and q.of:
        v = v / q.of
    return abs(v) if c.change else v


def _values(claims: Sequence[ifx.Claim], unit: str | None = "*") -> list[Decimal]:
    out: list[Decimal] = []
    for c in claims:
        if unit not in ("*", c.quantity.unit):
            continue
        out.append(_stated(c, c.quantity.value))
        if c.quantity.upper is not None:
            out.append(_stated(c, c.quantity.upper))
    return out


def _unit_ok(currency: str, unit: str | None) -> bool:
    if currency == "Unnamed":
        return True
    return unit in _FAMILY.get(currency, {currency})


def _cldr_writes(value: Decimal, text: str, lang: str) -> bool:
    """Whether CLDR writes ``value`` as ``text`` in ``lang`` (plain or compact form)."""
    want = "".join(text.split()).casefold()
    for digits in range(4):
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        forms = [
            format_decimal(value, format=pattern, locale=lang),
            format_compact_decimal(value, locale=lang, fraction_digits=digits),
        ]
        if any("".join(f.split()).casefold() == want for f in forms):
            return True
    return False


def numeral_case(lang: str) -> Callable[[list[Any]], Result]:
    def check(case: list[Any]) -> Result:
        value, text = _d(case[0]), case[1]
        got = ifx.parse_number(text, lang)
        claims = ifx.extract(text, lang=lang)
        q = claims[0].quantity if len(claims) == 1 else None
        ext = q is not None and (_same(q.value, value) or _same(q.alternative, value))
        ok = _same(got, value)
        cldr = not ok and got is not None and _cldr_writes(got, text, lang)
        note = " (CLDR reading)" if cldr else ""
        return Result(ok, ext, f"{text!r}: parse {got}, extract {_values(claims)}{note}", cldr)

    return check


def money_case(lang: str) -> Callable[[list[Any]], Result]:
    def check(case: list[Any]) -> Result:
        kind, currency, low, high, text = case
        claims = ifx.extract(text, lang=lang)
        ok = False
        if len(claims) == 1:
            q = claims[0].quantity
            lo = _d(low)
            if currency == "Cent":
                ok = _same(q.value, lo) or (q.unit == "USD" and _same(q.value, lo / 100))
            else:
                ok = _unit_ok(currency, q.unit) and _same(q.value, lo)
            if kind == "between":
                ok = ok and _same(q.upper, _d(high))
            elif kind == "under":
                ok = ok and q.qualifier.value in ("less_than", "at_most")
            elif kind == "above":
                ok = ok and q.qualifier.value in ("more_than", "at_least")
        got = [(c.text, str(c.quantity.value), c.quantity.unit) for c in claims]
        return Result(ok, ok, f"{text!r}: {got}")

    return check


def rt_values(unit: str | None) -> Callable[[list[Any]], Result]:
    def check(case: list[Any]) -> Result:
        text, want = case[0], [_d(v) for v in case[1]]
        got = _values(ifx.extract(text, lang="en"), unit)
        ok = len(got) == len(want) and all(_same(a, b) for a, b in zip(got, want, strict=True))
        return Result(
            ok, ok, f"{text[:80]!r}: want {[str(w) for w in want]}, got {[str(g) for g in got]}"
        )

    return check


def rt_currency(case: list[Any]) -> Result:
    text, value, unit = case[0], _d(case[1]), case[2]
    claims = ifx.extract(text, lang="en")
    cents = [value, value / 100] if unit == "Cent" else []
    ok = any(
        any(_same(_stated(c, c.quantity.value), v) for v in cents)
        or (c.quantity.unit == unit and _same(_stated(c, c.quantity.value), value))
        for c in claims
    )
    got = [(c.text, str(c.quantity.value), c.quantity.unit) for c in claims]
    return Result(ok, ok, f"{text[:80]!r}: want {value} {unit}, got {got}")


def _checker(name: str) -> Callable[[list[Any]], Result] | None:
    parts = name.split("_")
    if name.startswith("duckling_numeral_"):
        return numeral_case(parts[2])
    if name.startswith("duckling_money_"):
        return money_case(parts[2])
    if name.startswith("rt_number"):
        return rt_values("*")
    if name.startswith("rt_percent"):
        return rt_values("%")
    if name.startswith("rt_currency"):
        return rt_currency
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=Path, default=Path("/tmp/peer"))
    ap.add_argument("--show", type=int, default=0, help="failures to print per cell")
    args = ap.parse_args()
    files = sorted(args.cases.glob("*.json"))
    if not files:
        raise SystemExit(f"no case files in {args.cases} (see the docstring for the format)")
    print(
        f"{'cell':32} {'cases':>5} {'right':>6} {'accuracy':>9} {'extract':>8}"
        f" {'cldr':>5} {'w/o cldr':>9}"
    )
    for path in files:
        check = _checker(path.stem)
        if check is None:
            continue
        cases = json.loads(path.read_text("utf-8"))
        results = [check(c) for c in cases]
        right = sum(r.ok for r in results)
        ext = sum(r.ext for r in results)
        cldr = sum(r.cldr for r in results)
        n = len(cases)
        print(
            f"{path.stem:32} {n:5d} {right:6d} {right / n:9.1%} {ext / n:8.1%}"
            f" {cldr:5d} {right / (n - cldr):9.1%}"
        )
        for r in [r for r in results if not r.ok][: args.show]:
            print(f"    {r.msg}")


if __name__ == "__main__":
    main()
