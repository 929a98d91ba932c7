"""A document's separator convention, read from all of its numerals.

A Vietnamese or Indonesian text may be written with English grouping: "10,000
người", "$26,750". Read alone, "10,000" in Vietnamese is ten with three stated
decimals; read with the rest of the document ("1,234,567", "3.5 triệu" vote
for commas grouping thousands) it is ten thousand. :func:`reread` counts the
votes of every numeral, reads the ambiguous ones (one separator, then exactly
three digits) by the document's convention, and keeps the other reading as an
alternative, so that a comparison can choose the one that fits another source.

Language-neutral: it applies to languages whose decimal mark is "," or "." and
whose group separator is the other one (as their language files say).

Example:
    >>> from integfacts.languages import load
    >>> from integfacts.numbers import find_numerals
    >>> text = "Có 1,234,567 lượt khách và 10,000 người ở lại."
    >>> nums, other = reread(text, find_numerals(text, "vi"), load("vi"))
    >>> [str(n.value) for n in nums], {k: str(v) for k, v in other.items()}
    (['1234567', '10000'], {1: '10'})

A group of three zeros ("100,000 người") is a weak vote of its own: a writer
states no decimals as ",000".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from decimal import Decimal

import attrs

from integfacts.languages import Language, common
from integfacts.numbers import Numeral

__all__ = ["other_value", "reread"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+")
"""Digits with "." or "," between them (the only marks whose roles swap), at the start
of a numeral."""

_STRONG = 3
"""The weight of a numeral only one convention can write: "1,234,567", "1,263.5"."""


def _vote(token: str) -> tuple[str, int] | None:
    """Which mark the token uses as a decimal point (``"."`` or ``","``), and how surely.

    ``None``: no vote, as for an ambiguous token (one mark, three digits
    after it): its own shape decides nothing.
    """
    commas, dots = token.count(","), token.count(".")
    if commas and dots:  # the last mark is the decimal one: "1,263.5", "1.263,5"
        return ("." if token.rfind(".") > token.rfind(",") else ","), _STRONG
    mark = "," if commas else "."
    other = "." if mark == "," else ","
    if commas + dots > 1:  # "1,234,567": the mark groups thousands
        runs = token.split(mark)
        if 1 <= len(runs[0]) <= 3 and all(len(r) == 3 for r in runs[1:]):
            return other, _STRONG
        return None  # "28.4.2024", "1.2.3": no number
    head, tail = token.split(mark)
    if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
        return None  # "10,000": ambiguous
    return mark, 1  # "3.5", "6,5": the mark is a decimal point


def _readings(token: str) -> tuple[Decimal, Decimal] | None:
    """(grouped, decimal) readings of an ambiguous token ("26,750": 26750 and 26.75)."""
    for mark in ",.":
        if token.count(mark) == 1 and not token.count("." if mark == "," else ","):
            head, tail = token.split(mark)
            if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
                return Decimal(head + tail), Decimal(f"{head}.{tail}")
    return None


_THREE: dict[Language, tuple[re.Pattern[str], re.Pattern[str]]] = {}
"""Language -> :func:`_three_decimals_re` of it (built once)."""


def _three_decimals_re(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A currency written with three decimals before, and after, a numeral.

    Its code as written ("KWD"), or any of its names and symbols in ``lang``
    ("Kuwaiti dinars", "Dinar Kuwait", "دینار کویت"), case-insensitively.
    """
    got = _THREE.get(lang)
    if got is None:
        got = _THREE[lang] = _three_decimals_build(lang)
    return got


def _three_decimals_build(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    codes = set(common().get("currency_minor", {}).get("three", []))
    table = {**lang.raw.get("cldr_currencies", {}), **lang.raw.get("currencies", {})}
    names = sorted((w for w, iso in table.items() if iso in codes and w not in codes), key=len)
    alt = "|".join(
        [*map(re.escape, sorted(codes)), *(f"(?i:{re.escape(w)})" for w in reversed(names))]
    )
    space = "[\\s\u00a0\u200e\u200f]*"
    return (
        re.compile(rf"(?<![^\W\d_])(?:{alt or '(?!)'}){space}$"),
        re.compile(rf"{space}(?:{alt or '(?!)'})(?![^\W\d_])"),
    )


def _three_decimals(text: str, num: Numeral, lang: Language) -> bool:
    """Whether a currency written with three decimals stands by ``num`` ("62.000 KWD")."""
    before, after = _three_decimals_re(lang)
    a, b = num.span.start, num.span.end
    return bool(
        before.search(text, max(0, a - _THREE_REACH), a) or after.match(text, b, b + _THREE_REACH)
    )


_THREE_REACH = 32
"""Characters searched on each side of a numeral for a currency's code or name."""


def reread(
    text: str, numerals: Sequence[Numeral], lang: Language, skip: Collection[int] = ()
) -> tuple[list[Numeral], dict[int, Decimal]]:
    """The numerals read by the document's convention, and the other readings.

    Args:
        text: the document text.
        numerals: its numerals (:func:`~integfacts.numbers.find_numerals`).
        lang: the document's language.
        skip: indices of numerals that state no figure (clock times, phone
            numbers): they do not vote.

    Returns:
        The numerals, those with ambiguous digits read by the convention the
        document's numerals vote for (the language's own on a tie), and for
        each ambiguous numeral (by index) its value under the other reading.
    """
    points = "." in lang.decimal and "," in lang.group
    commas = "," in lang.decimal and "." in lang.group
    if not (points or commas) or not numerals:
        return list(numerals), {}
    local = "." if points else ","
    score = {".": 0, ",": 0}
    ambiguous: list[tuple[int, str]] = []
    for k, num in enumerate(numerals):
        if k in skip:
            continue
        written = text[num.span.start : num.span.end]
        if "," not in written and "." not in written:
            continue
        m = _TOKEN.match(written)
        if m is None:
            continue
        got = _vote(m.group())
        if got is not None:
            score[got[0]] += got[1]
        elif _readings(m.group()) is not None:
            ambiguous.append((k, m.group()))
            if m.group().endswith("000") and not _three_decimals(text, num, lang):
                # "100,000 người": three zeros are no stated decimals but a group (a
                # weak vote, as for "3.5"); "10,500" stays undecided, and so does an
                # amount in a currency of three decimals ("KWD 7.000")
                score["." if m.group()[-4] == "," else ","] += 1
    convention = local
    other_mark = "," if local == "." else "."
    if score[other_mark] > score[local]:
        convention = other_mark
    out = list(numerals)
    others: dict[int, Decimal] = {}
    for k, token in ambiguous:
        readings = _readings(token)
        if readings is None:
            continue
        grouped, decimal = readings
        mark = "," if "," in token else "."
        # the reading the numeral got from its language, and the document's
        as_read = decimal if mark in lang.decimal else grouped
        wanted = decimal if mark == convention else grouped
        num = numerals[k]
        if as_read == 0 or num.value != as_read * num.scale:
            continue  # more than digits and scale words ("1,500 tỷ 200 triệu")
        alt = grouped if wanted == decimal else decimal
        others[k] = _whole(alt * num.scale)
        if wanted != as_read:
            step = (Decimal("0.001") if wanted == decimal else Decimal(1)) * num.scale
            if wanted == grouped and not num.scaled:
                step = Decimal(0)
            out[k] = attrs.evolve(num, value=_whole(wanted * num.scale), step=_whole(step))
    return out, others


def other_value(value: Decimal, read: Decimal, other: Decimal) -> Decimal | None:
    """A figure's ``value`` had its numeral been read as ``other`` instead of ``read``.

    The figure's own sign and scale ("-$26,750", "75 USD million") carry over.

    Example:
        >>> other_value(Decimal("-26750"), Decimal("26750"), Decimal("26.750"))
        Decimal('-26.750')
    """
    if not read:
        return None
    return _whole(value * (other / read))


def _whole(v: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros ("1500000000", not "1.500E+9")."""
    return v.quantize(Decimal(1)) if v == v.to_integral_value() else v
