"""Numerals: digits of every script, locale separators, number and scale words.

Two entry points:

- :func:`parse_number` reads *one* numeral expression (``"1,07 miliar"``,
  ``"۱۴٬۸۸۳"``, ``"mười hai nghìn"``) and returns its exact value or ``None``.
- :func:`find_numerals` scans a whole text and returns every numeral in it with
  its exact character span, value and stated precision: the first step of the
  extraction pipeline.

All language knowledge (separators, words, scales, abbreviations) comes from
``integfacts/languages/<code>.toml``; this module only holds the grammar.

Example:
    >>> parse_number("1,07 miliar", lang="id")
    Decimal('1070000000')
    >>> parse_number("twenty-three thousand", lang="en")
    Decimal('23000')
    >>> parse_number("not a number", lang="en") is None
    True
"""

from __future__ import annotations

import decimal
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

import attrs

from integfacts._regex import alternation, first_chars, starting_with, trie
from integfacts.languages import Language, PerLanguage, resolve
from integfacts.model import Span

__all__ = ["Numeral", "find_numerals", "parse_number"]

# Exact arithmetic: additions and multiplications of stated values never round.
_CTX = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)
_ZERO = Decimal(0)
_ONE = Decimal(1)
_TEN = Decimal(10)

# Characters that carry no meaning inside a numeral: bidi and format marks,
# the Arabic tatweel, soft hyphen, zero-width space and joiner.
_INVISIBLE = (
    "\u200b\u200d\u200e\u200f\u061c"  # zero-width space/joiner, LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings, isolates
    "\u0640\u00ad\ufeff"  # tatweel, soft hyphen, BOM
)
# Spaces that group thousands in CLDR locales (no-break, narrow no-break, thin, figure).
_GROUP_SPACES = "\u00a0\u202f\u2009\u2007"
# Hyphens and minus signs written between or before numerals.
_DASHES = "-\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d"


class _DigitTable(dict[int, int | str]):
    """``str.translate`` table mapping every Unicode decimal digit to ASCII.

    Filled lazily: only characters actually seen are looked up.
    """

    def __missing__(self, cp: int) -> int | str:
        ch = chr(cp)
        d = unicodedata.decimal(ch, None)
        out: int | str = str(d) if d is not None and not ch.isascii() else cp
        if ch in _INVISIBLE:
            out = ""
        elif ch in _GROUP_SPACES or ch == "\u200c":  # ZWNJ separates words
            out = " "
        elif "\u064b" <= ch <= "\u065f" or ch == "\u0670":  # Arabic vowel marks
            out = ""
        elif ch in _DASHES:
            out = "-"
        self[cp] = out
        return out


_DIGITS = _DigitTable()


@attrs.frozen
class Numeral:
    """A numeral found in a text.

    Attributes:
        span: offsets of the numeral (digits, number words, scale words).
        value: its exact value.
        step: the stated precision (one unit of the last stated digit, scale
            applied; ``0`` for an exact whole number without scale word).
        words: ``True`` when the numeral is (partly) written in words.
        scaled: ``True`` when a scale word or abbreviation applies.
        scale: the product of the scale words after the last digits
            (``"3,5 tỷ"`` -> ``1E+9``), so that a bare number in a range
            ("3-4 tỷ") can take its partner's scale.
    """

    span: Span
    value: Decimal
    step: Decimal
    words: bool = False
    scaled: bool = False
    scale: Decimal = Decimal(1)


@attrs.frozen
class _Parsed:
    value: Decimal
    step: Decimal
    words: bool
    scaled: bool
    scale: Decimal = Decimal(1)


# ---------------------------------------------------------------- digit runs


def _group_ok(runs: Sequence[str]) -> bool:
    """Whether ``runs`` are thousands groups: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(runs[0]) <= 3 and all(len(r) == 3 for r in runs[1:])


def _to_decimal(int_runs: Sequence[str], frac: str | None) -> Decimal:
    digits = "".join(int_runs)
    return Decimal(f"{digits}.{frac}") if frac is not None else Decimal(digits)


_NON_DIGIT = re.compile(r"[^0-9]")


def _split_digits(token: str) -> tuple[list[str], list[str]]:
    """Split ``"1.234,5"`` into digit runs ``["1", "234", "5"]`` and separators."""
    return _NON_DIGIT.split(token), _NON_DIGIT.findall(token)


def _parse_digit_token(
    token: str, decimal_chars: frozenset[str], group_chars: frozenset[str]
) -> tuple[Decimal, int] | None:
    """Read ASCII digits with separators under one locale's rules.

    Returns the value and the number of stated fraction digits, or ``None``.
    """
    runs, seps = _split_digits(token)
    if not seps:
        return Decimal(token), 0
    if any(not r for r in runs):
        return None
    last = seps[-1]
    inner = seps[:-1]
    last_is_decimal = last in decimal_chars and last not in group_chars
    last_is_group = last in group_chars or last == " "
    if last in decimal_chars and last in group_chars:  # both: decide by digit count
        last_is_decimal = len(runs[-1]) != 3
        last_is_group = not last_is_decimal
    if not (last_is_decimal or last_is_group):
        return None
    if last_is_group:
        if all(s == " " or (s in group_chars) for s in seps):
            if len(seps) == 1 and last != " " and (len(runs[1]) != 3 or runs[0] == "0"):
                # A lone group character not followed by three digits can only
                # be a decimal mark written the other locale's way ("1,5").
                return _to_decimal(runs[:1], runs[1]), len(runs[1])
            if len({s for s in seps if s != " "}) > 1 or not _group_ok(runs):
                return None
            return _to_decimal(runs, None), 0
        return None
    # last is a decimal mark: everything before must be consistent grouping
    if any(not (s == " " or s in group_chars) or s == last for s in inner):
        return None
    if len({s for s in inner if s != " "}) > 1:
        return None
    if inner and not _group_ok(runs[:-1]):
        return None
    return _to_decimal(runs[:-1], runs[-1]), len(runs[-1])


def _parse_digits(token: str, lang: Language) -> tuple[Decimal, int] | None:
    got = _parse_digit_token(token, lang.decimal, lang.group)
    if got is None and (
        ("." in token and "," in token)
        or any(token.count(d) > 1 for d in ",." if d in lang.decimal)
    ):
        # Both Western marks present, or the decimal mark twice ("1,234,567" in a
        # Vietnamese article), and the locale's reading failed: the text follows
        # the other convention ("1,263.5" in an Indonesian article).
        swapped_dec = frozenset({"."}) if "," in lang.decimal else frozenset({","})
        swapped_grp = frozenset({","}) if "," in lang.decimal else frozenset({"."})
        got = _parse_digit_token(token, swapped_dec, swapped_grp)
    return got


# ------------------------------------------------------------- word grammar


@attrs.frozen
class _Tok:
    kind: str  # "num" | "word" | "minus"
    text: str  # normalised text; for words casefolded
    orig: str  # as written (case kept), for abbreviations
    start: int
    end: int


@attrs.define
class _Comp:
    value: Decimal
    place: Decimal
    tens: bool = False  # a ten ("twenty", "hai mươi"): after_tens words may follow


def _place(v: Decimal) -> Decimal:
    """The lowest power of ten that divides ``v`` (20 -> 10, 200 -> 100, 15 -> 1)."""
    if v <= 0 or v != v.to_integral_value():
        return _ONE
    n = int(v)
    p = 1
    while n % (p * 10) == 0:
        p *= 10
    return Decimal(p)


def _segment(word: str, lang: Language, vocab: frozenset[str]) -> list[str] | None:
    """Split a word written joined ("هزارمیلیارد", "duapuluh") into known words."""
    n = len(word)
    if n > 40:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(n, i, -1):
            piece = word[i:j]
            if piece in vocab and (best[j] is None):
                best[j] = [*cur, piece]
    return best[n]


def _build_vocab(lang: Language) -> frozenset[str]:
    return frozenset(
        set(lang.values)
        | set(lang.multipliers)
        | set(lang.adders)
        | set(lang.connectors)
        | set(lang.aliases)
        | set(_fraction_words(lang))
        | _word_set(lang, "fraction_of")
        | _word_set(lang, "fraction_over")
    )


_vocab: Callable[[Language], frozenset[str]] = PerLanguage(_build_vocab).__getitem__


def _expand(toks: Sequence[_Tok], lang: Language) -> list[_Tok] | None:
    """Apply aliases and joined-word segmentation; ``None`` on an unknown word."""
    out: list[_Tok] = []
    vocab = _vocab(lang)
    for t in toks:
        if t.kind != "word":
            out.append(t)
            continue
        known = (
            vocab,
            lang.minus,
            lang.decimal_words,
            lang.one_before_multiplier,
            lang.half_of_last,
        )
        if t.orig in lang.abbreviations or any(t.text in k for k in known):
            parts = [t.text]
        else:
            seg = _segment(t.text, lang, vocab)
            if seg is None:
                return None
            parts = seg
        for p in parts:
            if p in lang.aliases and t.orig not in lang.abbreviations:
                out.extend(_Tok("word", a, a, t.start, t.end) for a in lang.aliases[p])
            else:
                out.append(_Tok("word", p, t.orig if len(parts) == 1 else p, t.start, t.end))
    return out


@functools.cache
def _word_set(lang: Language, key: str) -> frozenset[str]:
    """The casefolded words of list ``key`` of the language's ``[numerals]`` table."""
    return frozenset(w.casefold() for w in lang.raw.get("numerals", {}).get(key, []))


def _parse_tokens(
    toks: Sequence[_Tok], lang: Language, fail: list[int] | None = None
) -> _Parsed | None:
    """The number grammar shared by every language (see en.toml for the terms)."""
    expanded = _expand(toks, lang)
    if not expanded:
        return None
    last = expanded[-1]
    if (
        last.kind == "word"
        and (last.text in _fraction_words(lang) or last.text in _times_fraction(lang))
    ) or (len(expanded) > 2 and _has_ratio(expanded, lang)):
        # "two thirds", "one hundred and three quarters", "one over three", "3/4"
        got = _parse_fraction(expanded, lang)
        if got is not None:
            return got
    return _parse_plain(expanded, lang, fail)


def _parse_plain(
    toks: Sequence[_Tok], lang: Language, fail: list[int] | None = None
) -> _Parsed | None:
    """The grammar of whole numbers, decimals and scales over expanded tokens."""
    if not toks:
        return None
    # the language's word lists, as sets (made once per language: _word_set is cached)
    compound_only = _word_set(lang, "compound_only")
    after_tens_only = _word_set(lang, "after_tens_only")
    bare_multipliers = _word_set(lang, "bare_multipliers")
    times_fraction = _word_set(lang, "times_fraction")
    counting_units = _word_set(lang, "counting_units")
    fraction_of = _word_set(lang, "fraction_of")
    digit_scale = False  # digits then a scale ("1.7 million"): no number word may follow
    sign = _ONE
    i = 0
    if toks[0].kind == "minus" or (toks[0].kind == "word" and toks[0].text in lang.minus):
        sign = -_ONE
        i = 1
    comps: list[_Comp] = []
    unit = _ONE  # one unit of the last stated digit, scales applied
    scale = _ONE  # product of the multipliers applied after the last digits
    approx = False  # whether the wording ends on a scale or a stated fraction
    words = False
    scaled = False
    last_kind = ""  # kind of the previous meaningful token
    n = len(toks)
    while i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else None
        if t.kind == "minus":
            # a hyphen between words ("twenty-three") joins them
            if not comps or nxt is None or nxt.kind != "word":
                return _miss(fail, i)
            i += 1
            continue
        if t.kind == "comma":
            # "one thousand, two hundred": a comma may follow a multiplier word
            if last_kind != "mult" or not words or nxt is None or nxt.kind != "word":
                return _miss(fail, i)
            i += 1
            continue
        if t.kind == "num":
            txt = t.text
            if not txt[0].isdigit():
                txt = "0" + txt  # ".5" = 0.5
            ex = _EXPONENT.search(txt)
            if ex is not None:  # "1e10", "12.32e+14", "1.1^23", "2.5^-1"
                powered = _power(txt[: ex.start()], ex, lang)
                if powered is None or comps:
                    return _miss(fail, i)
                comps.append(_Comp(powered[0], _ONE))
                unit, approx, last_kind = powered[1], powered[1] > 0, "value"
                i += 1
                continue
            got = _parse_digits(txt, lang)
            if got is None:
                return _miss(fail, i)
            v, frac = got
            fr = _fraction_words(lang)
            if nxt is not None and nxt.kind == "word" and nxt.text in fr:
                v, frac = v / fr[nxt.text], frac + len(str(int(fr[nxt.text]))) - 1
                i += 1  # "۲ دهم": two tenths
            if comps and not v < comps[-1].place:
                return _miss(fail, i)
            comps.append(_Comp(v, _ONE))
            unit = _TEN**-frac if frac else _ONE
            approx = frac > 0
            scale = _ONE
            digit_scale = False
            last_kind = "num"
            i += 1
            continue
        w = t.text
        # case-sensitive abbreviations: only right after digits ("1,2 jt", "257.6B")
        if t.orig in lang.abbreviations and last_kind == "num":
            m = lang.abbreviations[t.orig]
            if not _apply_multiplier(comps, m, start=False, after_num=True):
                return _miss(fail, i)
            unit = _CTX.multiply(unit, m)
            scale = _CTX.multiply(scale, m)
            approx = True
            scaled = True
            digit_scale = True
            last_kind = "mult"
            i += 1
            continue
        words = True
        if w in lang.connectors:
            if not comps or nxt is None:
                return _miss(fail, i)
            part = _fraction_after(toks, i + 1, lang)
            if part is not None:  # "یک و هفتاد و پنج صدم": one and 75 hundredths
                frac_value, frac_unit, i = part
                comps.append(_Comp(frac_value, _ONE))
                unit, approx, last_kind = frac_unit, True, "value"
                continue
            last_kind = "conn"
            i += 1
            continue
        if w in fraction_of:
            # "a quarter of a million": "of" joins a fraction to its scale
            if not comps or comps[-1].value >= 1 or last_kind != "value" or nxt is None:
                return _miss(fail, i)
            i += 1
            continue
        if w in lang.one_before_multiplier:
            if nxt is None or nxt.kind != "word":
                return _miss(fail, i)
            if nxt.text in lang.values and lang.values[nxt.text] < 1:
                i += 1  # "one and a half": the article only introduces the fraction
                continue
            if nxt.text not in lang.multipliers or (comps and comps[-1].value >= 1):
                return _miss(fail, i)
            if comps:  # "half a million": the fraction is what the scale multiplies
                i += 1
                continue
            comps.append(_Comp(_ONE, _ONE))
            unit, approx = _ONE, False
            last_kind = "value"
            i += 1
            continue
        if w in lang.values:
            v = lang.values[w]
            if w in times_fraction and comps and last_kind == "value":
                # "three quarters", "một nửa": the fraction is taken that many times
                whole = _ZERO
                for c in comps:
                    whole = _CTX.add(whole, c.value)
                comps[:] = [_Comp(_CTX.multiply(whole, v), _ONE)]
                i += 1
                continue
            if digit_scale and last_kind == "mult":
                return _miss(fail, i)  # "1.7 million four years ago": "four" is no part
            if w in compound_only and not (
                last_kind == "conn"
                or (sign < 0 and not comps)
                or (
                    nxt is not None
                    and nxt.kind == "word"
                    and (
                        nxt.text in lang.multipliers
                        or nxt.text in lang.adders
                        or nxt.text in fraction_of
                        or nxt.text in lang.decimal_words  # "năm phẩy năm" = 5.5
                    )
                )
            ):
                return _miss(fail, i)
            if w in after_tens_only and not (comps and (comps[-1].tens or last_kind == "conn")):
                return _miss(fail, i)
            if comps and not v < comps[-1].place:
                return _miss(fail, i)
            p = _place(v)
            comps.append(_Comp(v, p, tens=p == 10 and v >= 10))
            unit, approx = _ONE, False
            last_kind = "value"
            i += 1
            continue
        if w in lang.multipliers:
            m = lang.multipliers[w]
            bare = (not comps or last_kind == "conn") and w in bare_multipliers
            if not _apply_multiplier(
                comps,
                m,
                start=bare,
                after_num=last_kind == "num",
                whole=w in counting_units and last_kind == "mult",
            ):
                return _miss(fail, i)
            digit_scale = digit_scale or last_kind == "num"
            if m >= 1000:
                scaled = True
            if m >= 1000 or last_kind == "num":
                unit = _CTX.multiply(unit, m)
                scale = _CTX.multiply(scale, m)
            approx = approx or m >= 1000
            last_kind = "mult"
            comps[-1].tens = m == 10
            i += 1
            continue
        if w in lang.adders:
            a = lang.adders[w]
            if not comps or comps[-1].value >= 10 or comps[-1].place != 1 or last_kind != "value":
                return _miss(fail, i)
            c = comps.pop()
            comps.append(_Comp(c.value + a, _ONE))
            last_kind = "value"
            i += 1
            continue
        if w in lang.half_of_last:
            if not comps or last_kind != "mult":
                return _miss(fail, i)
            half = comps[-1].place / 2
            comps.append(_Comp(half, _ONE))
            unit = half
            last_kind = "value"
            i += 1
            continue
        if w in lang.decimal_words:
            # digits read one by one after "point" / "koma" / "phẩy"; after digits with no
            # decimals of their own ("1 point 5", "2 chấm 23"); first: "point 77" = 0.77
            after = last_kind in ("value", "mult") or (last_kind == "num" and not approx)
            if not (comps and after) and not (not comps and last_kind == "" and nxt is not None):
                return _miss(fail, i)
            j = i + 1
            digits: list[str] = []
            while j < n and toks[j].kind == "word" and toks[j].text in lang.values:
                dv = lang.values[toks[j].text]
                if not (0 <= dv <= 9 and dv == dv.to_integral_value()):
                    break
                digits.append(str(int(dv)))
                j += 1
            if (
                j < n
                and toks[j].kind == "word"
                and (
                    toks[j].text in lang.values
                    or (toks[j].text in lang.multipliers and lang.multipliers[toks[j].text] < 1000)
                )
            ):
                # "ba phẩy mười bốn": the decimals read as one number (3.14)
                k = i + 1
                while k < n and (
                    (
                        toks[k].kind == "word"
                        and (
                            toks[k].text in lang.values
                            or (
                                toks[k].text in lang.multipliers
                                and lang.multipliers[toks[k].text] < 1000
                            )
                        )
                    )
                    or (  # "point seventy-one"
                        toks[k].kind == "minus"
                        and k > i + 1
                        and k + 1 < n
                        and toks[k + 1].kind == "word"
                    )
                ):
                    k += 1
                whole_frac = _parse_tokens(toks[i + 1 : k], lang)
                if whole_frac is None or whole_frac.value != whole_frac.value.to_integral_value():
                    return _miss(fail, i)
                digits, j = list(str(int(whole_frac.value))), k
            if not digits and j < n and toks[j].kind == "num" and toks[j].text.isdigit():
                digits = list(toks[j].text)
                j += 1
            if not digits:
                return _miss(fail, i)
            fraction = Decimal("0." + "".join(digits))
            whole = _ZERO
            for c in comps:
                whole = _CTX.add(whole, c.value)
            comps[:] = [_Comp(whole + fraction, _ONE)]
            unit, approx = _TEN ** -len(digits), True
            last_kind = "value"
            i = j
            continue
        return _miss(fail, i)  # an unknown word: not a numeral
    if not comps or last_kind == "conn":
        return _miss(fail, i)
    total = _ZERO
    for c in comps:
        total = _CTX.add(total, c.value)
    total = _CTX.multiply(total, sign)
    step = _normalise(unit) if approx else _ZERO
    return _Parsed(_normalise(total), step, words, scaled, _normalise(scale))


def _fraction_after(
    toks: Sequence[_Tok], start: int, lang: Language
) -> tuple[Decimal, Decimal, int] | None:
    """A whole number of tenths or hundredths from ``toks[start]`` on ("هفتاد و پنج صدم").

    Returns the fraction's value, one unit of it and the index after the
    fraction word; ``None`` when no fraction word ends the number words there.
    """
    fractions = _fraction_words(lang)
    if not fractions:
        return None
    k = start
    n = len(toks)
    while k < n and k - start < 12 and toks[k].kind == "word":
        w = toks[k].text
        if w in fractions:
            break
        if not (w in lang.values or w in lang.multipliers or w in lang.connectors):
            return None
        k += 1
    if k == start or k >= n or toks[k].kind != "word" or toks[k].text not in fractions:
        return None
    part = _parse_tokens(toks[start:k], lang)
    if part is None or part.value != part.value.to_integral_value() or part.value <= 0:
        return None
    denominator = fractions[toks[k].text]
    if part.value >= denominator:
        return None
    return part.value / denominator, _ONE / denominator, k + 1


# ------------------------------------------------------------- fractions


def _has_ratio(toks: Sequence[_Tok], lang: Language) -> bool:
    """Whether ``toks`` hold a slash ("3/4") or a word like "over" ("one over three")."""
    over = _word_set(lang, "fraction_over")
    return any(t.kind == "slash" or (t.kind == "word" and t.text in over) for t in toks)


def _parse_fraction(toks: Sequence[_Tok], lang: Language) -> _Parsed | None:
    """A fraction: "two thirds", "twenty and three fifths", "one over three", "2 1/4".

    The denominator is a fraction word of the language's ``[numerals.fractions]``
    table (compounded with the tens or hundreds before it: "one hundred
    thirty-fifths" is 100/35), a word of ``fraction_over`` between two numbers,
    or a slash between digits. A whole number, a connector and a proper fraction
    add up ("one and a fourth" = 1.25).
    """
    over = _word_set(lang, "fraction_over")
    for k, t in enumerate(toks):
        if t.kind == "slash":
            return _slash(toks[:k], toks[k + 1 :], lang)
        if t.kind == "word" and t.text in over:
            num = _numerator(toks[:k], lang)
            den = _parse_plain(toks[k + 1 :], lang)
            if num is None or den is None or den.value == 0:
                return None
            return _quotient(num.value, den.value, words=True)
    plain = _simple_fraction(toks, lang)
    if plain is not None and abs(plain.value) < 1:
        return plain  # "پنجاه و هشت صدم": 58 hundredths, no whole before it
    for a in range(max(1, len(toks) - _FRACTION_SPAN), len(toks) - 1):
        t = toks[a]
        if t.kind != "word" or t.text not in lang.connectors:
            continue
        # "twenty and three fifths": a whole, then a proper fraction
        right = _simple_fraction(toks[a + 1 :], lang)
        if right is None and toks[-1].text in _times_fraction(lang):
            right = _parse_plain(toks[a + 1 :], lang)  # "twelve and one half"
        if right is None or not 0 < right.value < 1:
            continue
        left = _numerator(toks[:a], lang)  # "نه و چهل و دو صدم": nine and 42 hundredths
        if left is None or left.value != left.value.to_integral_value():
            continue
        total = left.value - right.value if left.value < 0 else left.value + right.value
        return attrs.evolve(right, value=_normalise(total))
    return plain


def _times_fraction(lang: Language) -> frozenset[str]:
    return _word_set(lang, "times_fraction")


_FRACTION_SPAN = 16
"""The most tokens a proper fraction after a whole and a connector may take."""
_DENOMINATOR_SPAN = 6
"""The most words before a fraction word that its denominator may take ("one
hundred and thirty-fifth"): each split is tried once, so a long text costs no
quadratic time."""


def _simple_fraction(toks: Sequence[_Tok], lang: Language) -> _Parsed | None:
    """A numerator and a fraction word: "three fifths", "a hundredth", "2 tenths".

    The denominator takes as many words before the fraction word as form a
    number with it ("twenty twenty-fifths" = 20/25), leaving a numerator.
    """
    last = toks[-1]
    d = _fraction_words(lang).get(last.text) if last.kind == "word" else None
    if d is None:
        return None
    n = len(toks)
    top = n - 1
    if n >= 3 and toks[-2].kind == "minus" and _denominator(toks[-3:-1], d, lang) is not None:
        top = n - 3  # "thirty-fifths", "twenty-fifth": one ordinal; "one-third" is two words
    for k in range(max(1, n - 1 - _DENOMINATOR_SPAN), top + 1):
        den = _denominator(toks[k:-1], d, lang)
        if den is None:
            continue
        num = _numerator(toks[:k], lang)
        if num is None:
            continue
        return _quotient(num.value, den, words=True)
    return None


def _denominator(prefix: Sequence[_Tok], d: Decimal, lang: Language) -> Decimal | None:
    """The number that ``prefix`` and a fraction word of value ``d`` name together."""
    if not prefix:
        return d if d > 1 else None  # "firsts" only in a compound ("twenty-firsts")
    if prefix[-1].kind == "minus" or prefix[-1].text in lang.connectors:
        prefix = prefix[:-1]  # "thirty-fifths", "one hundred and fifth"
        if not prefix:
            return d if d > 1 else None  # "one-third": the hyphen joins the numerator
    if d >= 100 or any(t.kind != "word" for t in prefix):
        return None
    whole = _parse_plain(prefix, lang)
    if whole is None or whole.value <= 0 or not d < _place(whole.value):
        return None  # "thirty fifth" = 35th; "two fifth" is no ordinal
    return whole.value + d


def _numerator(toks: Sequence[_Tok], lang: Language) -> _Parsed | None:
    """The number before a fraction word or "over"; an article alone is one ("a fifth").

    A number word that stands in a number only inside a compound ("ده", ten, also
    village) is one before a fraction word ("ده صدم", ten hundredths).
    """
    if len(toks) == 1 and toks[0].kind == "word":
        w = toks[0].text
        if w in lang.one_before_multiplier:
            return _Parsed(_ONE, _ZERO, True, False)
        if w in lang.values and lang.values[w] >= 1:
            return _Parsed(lang.values[w], _ZERO, True, False)
    return _parse_plain(toks, lang) if toks else None


def _slash(left: Sequence[_Tok], right: Sequence[_Tok], lang: Language) -> _Parsed | None:
    """Digits over digits: "3/4", "-4/5", "2 1/4" (a whole and a proper fraction)."""
    if len(right) != 1 or right[0].kind != "num" or not right[0].text.isdigit():
        return None
    sign = _ONE
    if left and left[0].kind == "minus":
        sign, left = -_ONE, left[1:]
    if not left or len(left) > 2 or any(t.kind != "num" for t in left):
        return None
    parts = [p for t in left for p in t.text.split()]  # "1 4/5": a space-grouped token
    if len(parts) > 2 or not all(p.isdigit() for p in parts):
        return None
    num, den = Decimal(parts[-1]), Decimal(right[0].text)
    if den == 0:
        return None
    whole = _ZERO
    if len(parts) == 2:
        whole = Decimal(parts[0])
        if not num < den:
            return None  # "2 1/4" is two and a quarter; "2 5/4" is no mixed number
    q = _quotient(num, den, words=False)
    value = _CTX.multiply(sign, _CTX.add(whole, q.value))
    return attrs.evolve(q, value=_normalise(value))


def _quotient(num: Decimal, den: Decimal, *, words: bool) -> _Parsed:
    """``num / den``, exact when it terminates, else to 28 significant digits.

    The step is one unit of the denominator when it is a power of ten ("2 tenths"
    is stated to a tenth, like 0.2), else 0: a fraction is exact as stated.
    """
    digits = len(num.as_tuple().digits) + len(den.as_tuple().digits)
    ctx = decimal.Context(prec=max(28, digits + 2), Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    value = ctx.divide(num, den)
    power_of_ten = den > 1 and den == _TEN ** (len(str(int(den))) - 1)
    step = _ONE / den if power_of_ten and den == den.to_integral_value() else _ZERO
    return _Parsed(_normalise(value), step, words, False)


_EXPONENT = re.compile(r"(?:[eE](?P<e>[-+]?)|\^(?P<c>[-+]*))(?P<n>[0-9]{1,2})$")
"""A power of ten ("e10", "e+14", "e-1") or a power ("^23", "^-1") ending a digit token."""


def _power(base: str, ex: re.Match[str], lang: Language) -> tuple[Decimal, Decimal] | None:
    """The value of ``base`` raised as ``ex`` says, and its stated precision.

    "1.2e3" is stated to a hundred (one unit of the last digit, scaled); a power
    ("1.1^23") is exact, and a negative power a quotient.
    """
    got = _parse_digits("0" + base if base[:1] in lang.decimal else base, lang)
    if got is None:
        return None
    v, frac = got
    n = int(ex.group("n"))
    if ex.group("c") is None:  # scientific notation
        if ex.group("e") == "-":
            n = -n
        return v.scaleb(n, _CTX), _normalise((_TEN**-frac).scaleb(n, _CTX))
    if v == 0 and n == 0:
        return None  # 0^0
    power = _CTX.power(v, n)
    if ex.group("c").count("-") % 2 == 0:
        return _normalise(power), _ZERO
    if power == 0:
        return None
    return _quotient(_ONE, power, words=False).value, _ZERO


def _miss(fail: list[int] | None, at: int) -> _Parsed | None:
    """Record where the grammar failed (for the scanner's next, shorter try)."""
    if fail is not None:
        fail[0] = at
    return None


def _apply_multiplier(
    comps: list[_Comp], m: Decimal, *, start: bool, after_num: bool = False, whole: bool = False
) -> bool:
    """Multiply the trailing components smaller than ``m`` by ``m`` (in place).

    Digits right before a scale are multiplied whatever their size
    ("1.200 miliar", "1200K"); so is a whole number before a counting unit
    (``whole``: "two hundred dozen" = 2400) when no component is smaller.
    """
    if whole and comps and not (comps[-1].value < m and comps[-1].place < m):
        after_num = True
        while len(comps) > 1:
            last = comps.pop()
            comps[-1] = _Comp(_CTX.add(comps[-1].value, last.value), comps[-1].place)
    s = _ZERO
    popped = False
    if after_num and comps:
        s = comps.pop().value
        popped = True
    while comps and comps[-1].value < m and comps[-1].place < m:
        s = _CTX.add(s, comps.pop().value)
        popped = True
    if not popped:
        if not start:
            return False
        s = _ONE
    product = _CTX.multiply(s, m)
    if comps and not product < comps[-1].place:
        return False  # "۴۰۰ هزار و ۶۰۰ هزار": a scale never grows again inside a number
    comps.append(_Comp(product, m))
    return True


def _normalise(v: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros; others as stated."""
    if v == v.to_integral_value():
        return v.quantize(_ONE, context=_CTX)
    return v


# ------------------------------------------------------------- tokenising


@functools.cache
def _token_re(lang: Language, whole: bool = False) -> re.Pattern[str]:
    """Tokens of a candidate; ``whole``: of a text that is one numeral, where a leading
    mark of either convention is a decimal mark (".77" in a Vietnamese text)."""
    seps = "".join(sorted(lang.decimal | lang.group))
    sep_class = re.escape(seps) + " "
    lead = re.escape("".join(sorted(lang.decimal | ({".", ","} if whole else set()))))
    return re.compile(
        rf"(?P<num>(?:[{lead}](?=[0-9]))?[0-9]+(?:[{sep_class}][0-9]+)*"
        r"(?:[eE][-+]?[0-9]{1,2}(?![^\W_])|\^[-+]*[0-9]{1,2}(?![0-9]))?)"
        r"|(?P<word>[^\W\d_]+\.?)"
        r"|(?P<minus>-)"
        r"|(?P<slash>/)"
        r"|(?P<comma>,)"
        r"|(?P<space>\s+)"
        r"|(?P<other>.)",
        re.S,
    )


def _normalise_text(text: str, lang: Language) -> str:
    """Digits to ASCII, invisible marks removed, letter variants unified.

    The result may be shorter than ``text``; callers that need offsets use
    :func:`_normalise_keep` instead.
    """
    t = unicodedata.normalize("NFC", text).translate(_DIGITS)
    for a, b in lang.chars.items():
        t = t.replace(a, b)
    return t


def _tokens(text: str, lang: Language, *, whole: bool = False) -> list[_Tok] | None:
    toks: list[_Tok] = []
    for m in _token_re(lang, whole).finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "space":
            continue
        if kind == "other":
            return None
        if kind == "num":
            s = s.strip()
        if kind == "word" and s.endswith("."):
            # a trailing dot belongs to an abbreviation ("jt.") or ends a sentence
            s = s[:-1]
        toks.append(_Tok(kind or "", s.casefold() if kind == "word" else s, s, m.start(), m.end()))
    return toks


def parse_number(text: str, lang: str | Language) -> Decimal | None:
    """Read one numeral expression and return its exact value.

    Accepts digits of any script (ASCII, Persian, Arabic-Indic, mixed), the
    language's separators, scale words and CLDR compact abbreviations, and
    numbers written in words; fractions ("two thirds", "3/4", "one over
    three"), powers ("1e10", "2.5^-1") and counting units ("two dozen"). A
    text that is one numeral and nothing else may also be a phrase or an
    abbreviation running text never reads as one ("a couple", "1.2G").

    Args:
        text: the numeral, e.g. ``"1,07 miliar"``; surrounding spaces allowed.
        lang: ISO 639-1 code of a supported language (or its
            :class:`~integfacts.languages.Language`).

    Returns:
        The value as a :class:`~decimal.Decimal`, or ``None`` when ``text`` is
        not (entirely) a numeral in that language.

    Raises:
        UnsupportedLanguageError: for a language without a data file.
        TypeError: if ``text`` is not a ``str``.

    Example:
        >>> parse_number("۱۴٬۸۸۳", lang="fa")
        Decimal('14883')
        >>> parse_number("mười hai nghìn", lang="vi")
        Decimal('12000')
    """
    got = _parse(text, lang)
    return got.value if got is not None else None


def _parse(text: str, code: str | Language) -> _Parsed | None:
    if not isinstance(text, str):
        raise TypeError(f"parse_number expects str, got {type(text).__name__}")
    lang = resolve(code)
    norm = _normalise_text(text, lang).strip()
    if not norm or len(norm) > 10_000_000:
        return None
    toks = _tokens(norm, lang, whole=True)
    if not toks:
        return None
    got = _parse_tokens(toks, lang)
    if got is None and len(toks) <= 40:
        got = _parse_whole(norm, toks, lang)
    return got


def _parse_whole(norm: str, toks: list[_Tok], lang: Language) -> _Parsed | None:
    """Readings of a text that is one numeral and nothing else (never in running text).

    - ``[numerals.alone]`` phrases ("a couple", "a pair" are two; in running text a
      couple is two people);
    - ``[numerals.abbreviations_alone]``: SI prefixes ("1.2G"; in running text "5G"
      is a network);
    - a trailing partitive ("a dozen of");
    - a number said in two-digit groups ("one twenty-two" = 122, "nineteen
      eighty-four" = 1984).
    """
    phrase = " ".join(norm.casefold().split())
    alone = _alone(lang)
    if phrase in alone:
        return _Parsed(alone[phrase], _ZERO, True, False)
    more = _alone_abbreviations(lang)
    if more and any(t.orig in more for t in toks):
        return _parse_tokens(toks, _with_alone_abbreviations(lang))
    if len(toks) > 1 and toks[-1].text in _word_set(lang, "fraction_of"):
        return _parse_tokens(toks[:-1], lang)
    if all(t.kind in ("word", "minus") for t in toks):
        for k in range(1, len(toks)):
            hi, lo = _parse_plain(toks[:k], lang), _parse_plain(toks[k:], lang)
            if hi is None or lo is None or hi.scaled or lo.scaled:
                continue
            if 1 <= hi.value <= 99 and 10 <= lo.value <= 99 and _integral(hi, lo):
                return _Parsed(hi.value * 100 + lo.value, _ZERO, True, False)
    return None


def _integral(*parts: _Parsed) -> bool:
    return all(p.value == p.value.to_integral_value() for p in parts)


@functools.cache
def _alone(lang: Language) -> dict[str, Decimal]:
    table = lang.raw.get("numerals", {}).get("alone", {})
    return {" ".join(k.casefold().split()): Decimal(str(v)) for k, v in table.items()}


@functools.cache
def _alone_abbreviations(lang: Language) -> dict[str, Decimal]:
    table = lang.raw.get("numerals", {}).get("abbreviations_alone", {})
    return {k: Decimal(str(v)) for k, v in table.items()}


@functools.cache
def _with_alone_abbreviations(lang: Language) -> Language:
    """``lang`` with its ``abbreviations_alone`` among its abbreviations (one value per
    language: the tables cached by language are made once for it too)."""
    return attrs.evolve(lang, abbreviations={**lang.abbreviations, **_alone_abbreviations(lang)})


# ------------------------------------------------------------- scanning


@functools.cache
def _scan_re(lang: Language) -> re.Pattern[str]:
    """One pattern per language finding candidate numerals in running text.

    Built from the data file. No nested quantifiers over overlapping classes:
    each repetition is anchored on a separator or a literal word boundary, so
    matching is linear in the text length.
    """
    seps = "".join(sorted(lang.decimal | lang.group)) + _GROUP_SPACES
    digit = r"\d+(?:[" + re.escape(seps) + r"]\d+)*"

    alt = alternation  # longest first: "seratus" before "se"

    num_words = set(lang.values) | set(lang.multipliers) | set(lang.aliases) | set(lang.adders)
    num_words |= set(lang.half_of_last)
    fractions = _fraction_words(lang)
    num_words |= set(fractions)  # "یک و هفتاد و پنج صدم"
    over = _word_set(lang, "fraction_over")
    glue = set(lang.connectors) | set(lang.decimal_words) | _word_set(lang, "fraction_of") | over
    scale_words = set(lang.multipliers)
    abbrev = alt(set(lang.abbreviations)) or "(?!)"
    end = r"(?![^\W\d_])"
    gap = r"[ \t\u00a0\u202f\u2009\u200c-]{1,3}"
    # number words as tries: each followed by a word end, so a shorter word is tried only
    # when the longer one fails, as in a longest-first alternation
    word = rf"(?i:{trie(num_words)}){end}"
    # the words a numeral can open with (a scale only after a number or an article, or when
    # it may stand alone): a candidate is tried where one of their first letters stands
    bare = {w.casefold() for w in lang.raw.get("numerals", {}).get("bare_multipliers", [])}
    start_words = set(lang.values) | set(lang.aliases) | (bare & set(lang.multipliers))
    first_word = rf"(?i:{trie(start_words)}){end}"
    glue_word = rf"(?i:{trie(glue)}){end}" if glue else "(?!)"
    a_word = alt(set(lang.one_before_multiplier))
    # "a million", "half a million", "one and a half": the article before a scale or fraction
    a_next = set(scale_words) | {w for w, v in lang.values.items() if v < 1} | set(fractions)
    article = rf"(?:(?i:{a_word}){gap}(?=(?i:{alt(a_next)}){end}))?" if a_word else ""
    # where the language joins digits to number words with a connector: "سه هزار و ۹۰۰"
    joined = ""
    if lang.raw.get("numerals", {}).get("connector_digits"):
        joined = rf"|{glue_word}{gap}{digit}"
    # "one over 3": a fraction's denominator in digits; "hai phẩy 23": decimals in digits
    over_word = rf"(?i:{alt(over)}){end}" if over else "(?!)"
    if over:
        joined += rf"|{over_word}{gap}{digit}"
    dec_word = rf"(?i:{alt(set(lang.decimal_words))}){end}" if lang.decimal_words else "(?!)"
    if lang.decimal_words:
        joined += rf"|{dec_word}{gap}{digit}"
    words_run = rf"{word}(?:{gap}(?:(?:{glue_word}{gap})?{article}{word}{joined}))*"
    scale = (
        rf"(?:(?i:{trie(scale_words)}){end}|(?:{abbrev}){end})"
        if scale_words
        else rf"(?:{abbrev}){end}"
    )
    frac = rf"(?i:{alt(set(fractions))}){end}" if fractions else "(?!)"
    sp = r"[ \u00a0\u202f]?"
    # after a scale: more words, or digits that carry their own scale ("2 juta 500 ribu");
    # with connector_digits, any digits after a connector ("۲ هزار و ۵۶")
    tail = (
        rf"(?:{gap}(?:(?:{glue_word}{gap})?(?:{word}|{digit}(?={sp}(?:{scale}|{frac})))"
        rf"{joined}))"
    )
    after_digits = (
        # "1 point 5", "2 chấm 23": a decimal word after digits
        rf"(?:{gap}{dec_word}{gap}(?:{digit}|{words_run}))?"
        rf"(?:{sp}(?:{scale}|{frac}){tail}*)?"
        # "۸ و ۲ دهم": a whole, a connector, and a fraction in tenths
        rf"(?:{gap}{glue_word}{gap}{digit}{sp}{frac}"
        # "1 over 3", "1 over twenty-one"
        rf"|{gap}{over_word}{gap}(?:{digit}|{words_run}))?"
    )
    # ".08 percent": a decimal mark the language may write without the zero
    leading = "".join(lang.raw.get("numerals", {}).get("leading_decimal", []))
    # (at the start of the text too: ".08")
    lead = rf"(?:(?<![^\s(])[{re.escape(leading)}](?=\d))?" if leading else ""
    # "1e10", "12.32e+14", "1.1^23": a power after the digits
    power = r"(?:[eE][-+]?\d{1,2}(?![^\W_])|\^[-+]*\d{1,2}(?!\d))?"
    # "a dollar", "an euro": the article counts one of these units (see _article_one)
    units = _word_set(lang, "article_one")
    one = rf"|(?P<one>(?i:{a_word}))(?={gap}(?i:{alt(units)}){end})" if a_word and units else ""
    opening = (
        rf"(?:(?i:{a_word}){gap}(?=(?i:{alt(a_next)}){end}){word}|{first_word})"
        if a_word
        else first_word
    )
    rest = rf"(?:{gap}(?:(?:{glue_word}{gap})?{article}{word}{joined}))*"
    pattern = (
        rf"(?<!\d)(?P<d>{lead}{digit}{power}){after_digits}"
        rf"|(?<![^\W\d_])(?:(?P<w>{opening}{rest}){one})"
    )
    # only where a digit or the first letter of a word a numeral opens with stands
    firsts = first_chars(start_words | set(lang.one_before_multiplier))
    return re.compile(starting_with(r"\d" + re.escape(leading) + firsts, pattern))


def _build_fraction_words(lang: Language) -> dict[str, Decimal]:
    """Words naming a fraction of the number before them ("۲ دهم" = 0.2)."""
    table = lang.raw.get("numerals", {}).get("fractions", {})
    return {k.casefold(): Decimal(str(v)) for k, v in table.items()}


_fraction_words: Callable[[Language], dict[str, Decimal]] = PerLanguage(
    _build_fraction_words
).__getitem__


def find_numerals(text: str, lang: str | Language) -> list[Numeral]:
    """Find every numeral in ``text`` with its exact span and value.

    ``lang`` is a language code or a :class:`~integfacts.languages.Language`.

    Digits glued to letters on their left ("A1", "F5") are not numerals here;
    a number word that cannot stand alone (see ``compound_only`` in the
    language file) is skipped.

    Example:
        >>> [str(n.value) for n in find_numerals("lebih dari 3.000 delegasi, 60 daerah", "id")]
        ['3000', '60']
    """
    return list(_iter_numerals(text, resolve(lang)))


class _ScanTable(dict[int, int | str]):
    """Length-keeping ``str.translate`` table for scanning: offsets stay exact.

    Digits of any script become ASCII, ZWNJ a space, dashes a hyphen; every
    other character is kept as it is.
    """

    def __missing__(self, cp: int) -> int | str:
        ch = chr(cp)
        d = unicodedata.decimal(ch, None)
        out: int | str = cp
        if d is not None and not ch.isascii():
            out = str(d)
        elif ch == "\u200c":
            out = " "
        elif ch in _DASHES:
            out = "-"
        self[cp] = out
        return out


_SCAN = _ScanTable()
_TO_SCAN = re.compile(r"[^\D0-9]|[\u200c" + re.escape(_DASHES) + "]")
"""A character :data:`_SCAN` changes: a digit of another script, ZWNJ or a dash
(a text without one is scanned as it is: translating it costs half a
millisecond per 10 KB)."""


def _iter_numerals(text: str, lang: Language) -> Iterator[Numeral]:
    norm = text if text.isascii() or not _TO_SCAN.search(text) else text.translate(_SCAN)
    pat = _scan_re(lang)
    small = _SMALL
    for m in pat.finditer(norm):
        chunk = m.group()
        if chunk.isdigit() and chunk.isascii():  # the common case ("2024", "60"): no grammar
            value = small.get(chunk)
            if value is None:
                value = Decimal(chunk)
                if len(chunk) <= 4:
                    small[chunk] = value
            yield Numeral(Span(m.start(), m.end()), value, _ZERO, False, False, _ONE)
        elif m.lastgroup == "one":
            if _article_one(norm, m.end(), lang):
                yield Numeral(Span(m.start(), m.end()), _ONE, _ZERO, True, False, _ONE)
        else:
            yield from _numerals_in_match(norm, m.start(), m.end(), lang)


_UNIT_WORD = re.compile(r"[ \u00a0]+[^\W\d_]+")


def _article_one(norm: str, end: int, lang: Language) -> bool:
    """Whether the article ending at ``end`` counts one of the unit after it.

    It does when the unit ends the clause or a function word follows ("cost a
    dollar.", "a dollar a day", "a dollar and 42 cents"); before a noun the unit
    word is an adjective ("a dollar store", "a euro-denominated bond").
    """
    unit = _UNIT_WORD.match(norm, end)
    if unit is None:
        return False
    after = unit.end()
    if _CLAUSE_END.match(norm, after):
        return True
    nxt = _NEXT_WORD.match(norm, after)
    return nxt is not None and nxt.group(1).casefold() in _function_words(lang)


_PLAIN: dict[tuple[Language, str], tuple[Decimal, Decimal] | None] = {}
"""(language, digits with separators) -> value and step: a figure repeated in a text is
read once (at most :data:`_PLAIN_MAX` entries are kept)."""
_PLAIN_MAX = 100_000
_UNREAD = (_ZERO, _ZERO)
_Read = tuple[_Parsed | None, int]
"""What :func:`_parse_tokens` made of a token range, and where it failed."""
_SMALL: dict[str, Decimal] = {}
"""Values of digit runs of up to four digits, shared (at most 11,110 of them): a
number-dense text makes one Decimal per distinct run, not one per figure."""


_GRAMMAR: dict[tuple[Language, str], tuple[list[_Tok] | None, dict[tuple[int, int], _Read]]] = {}
"""(language, candidate) -> its tokens and what the grammar read of each token range tried
(a pure function of the tokens and the language): a candidate met again ("năm", "2.07
billion") is tokenised and parsed once (at most :data:`_PLAIN_MAX` candidates of up to
:data:`_GRAMMAR_LEN` characters are kept).
What the text around it decides (a compound, a fraction, a word standing alone) is checked
each time."""
_GRAMMAR_LEN = 80


def _numerals_in_match(norm: str, start: int, end: int, lang: Language) -> Iterator[Numeral]:
    chunk = norm[start:end]
    if chunk.isdigit() and chunk.isascii():  # the common case ("2024", "60"): no grammar
        yield Numeral(Span(start, end), Decimal(chunk), _ZERO, False, False, _ONE)
        return
    if _plain_re(lang).fullmatch(chunk):
        # digits and separators only ("6,7", "1.234,5"): what the grammar makes of one token
        # (_parse_digits is a pure function of the token and the language: remembered)
        key = (lang, chunk)
        plain = _PLAIN.get(key, _UNREAD)
        if plain is _UNREAD:
            read = _parse_digits(chunk, lang)
            plain = None
            if read is not None:
                v, frac = read
                plain = (_normalise(v), _normalise(_TEN**-frac) if frac else _ZERO)
            if len(_PLAIN) < _PLAIN_MAX:
                _PLAIN[key] = plain
        if plain is not None:
            yield Numeral(Span(start, end), plain[0], plain[1], False, False, _ONE)
        return
    key = (lang, chunk)
    memo = _GRAMMAR.get(key)
    if memo is None:
        memo = (_tokens(_fold_chars(chunk, lang), lang), {})
        if len(chunk) <= _GRAMMAR_LEN and len(_GRAMMAR) < _PLAIN_MAX:
            _GRAMMAR[key] = memo
    toks, reads = memo
    if not toks:
        return
    # Parse the longest prefix that is a numeral; continue after it.
    not_alone = _not_alone(lang)
    i = 0
    n = len(toks)
    while i < n:
        if toks[i].kind == "minus" or toks[i].text in lang.decimal_words:
            i += 1  # a hyphen after a numeral ("two-three", "2-3") is no sign; in running
            continue  # text "point 5" opens no numeral ("at this point 30 people")
        found = False
        hi = min(n, i + 40)
        j = hi
        while j > i:
            if toks[j - 1].kind == "minus" or (
                toks[j - 1].kind == "word" and toks[j - 1].text in lang.connectors
            ):
                j -= 1
                continue
            if _opens_compound(norm, start, toks, i, j, lang):
                j -= 1  # "70 million two-wheelers": "two" belongs to the noun
                continue
            done = reads.get((i, j))
            if done is None:
                fail = [j - i]
                done = reads[i, j] = (_parse_tokens(toks[i:j], lang, fail), fail[0])
            got, failed = done
            if got is not None and j - i == 1 and toks[i].text in not_alone:
                got = None  # "không" (not), alone in running text, is no zero
            if got is not None and got.words and not _fraction_fits(norm, start, toks, i, j, lang):
                got = None  # "a third term", "3 over 5 years": no fraction
            if got is not None and j < n and toks[j].text in lang.multipliers:
                # "۴۰۰ هزار و ۶۰۰ هزار": the scale after the prefix could not join it, so
                # the number after the last connector is the next figure's
                k = next((k for k in range(j - 1, i, -1) if toks[k].text in lang.connectors), i)
                if k > i:
                    j = k
                    continue
            if got is not None:
                s = start + toks[i].start
                e = start + toks[j - 1].end
                while e > s and norm[e - 1] in ". ":
                    e -= 1
                yield Numeral(Span(s, e), got.value, got.step, got.words, got.scaled, got.scale)
                i = j
                found = True
                break
            # the grammar failed at token fail[0]: no longer prefix can succeed
            j = min(j - 1, i + failed)
        if not found:
            tok = toks[i]
            a, b = start + tok.start, start + tok.end
            if tok.kind == "word" and _stands_alone(tok.text, norm, a, b, lang):
                # "năm nhóm" (five groups), "mười người": a word that is no number
                # alone in running text is one before a counted noun
                yield Numeral(Span(a, b), lang.values[tok.text], _ZERO, True, False, _ONE)
            i += 1


_CLAUSE_END = re.compile(r"[ \u00a0]*(?:$|[.,;:!?)\]\"”’'](?![0-9]))")


def _fraction_fits(
    norm: str, start: int, toks: Sequence[_Tok], i: int, j: int, lang: Language
) -> bool:
    """Whether a fraction read in running text is one there.

    "one over three" ends its clause: "3 over 5 years" is no fraction. An
    article and an ordinal fraction word ("a third") are one before "of" or
    at the end of a clause ("a third of the budget", "cut by a third"), not
    before a noun ("a third term").
    """
    over = _word_set(lang, "fraction_over")
    last = toks[j - 1].text
    ordinal = last in _word_set(lang, "ordinal_fractions")
    if not ordinal and not over:
        return True
    has_over = any(t.kind == "word" and t.text in over for t in toks[i:j])
    article = j - i == 2 and toks[i].text in lang.one_before_multiplier
    if not has_over and not (ordinal and article):
        return True
    end = start + toks[j - 1].end
    if _CLAUSE_END.match(norm, end):
        return True
    if has_over:
        return False
    # "a third of", "a fifth in May": a function word follows; "a third term": a noun
    nxt = _NEXT_WORD.match(norm, end)
    return nxt is not None and nxt.group(1).casefold() in _function_words(lang)


_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_]+)")


def _build_function_words(lang: Language) -> frozenset[str]:
    """The language's function words (``[meaning] function_words``) and ``fraction_of``."""
    words = lang.raw.get("meaning", {}).get("function_words", [])
    return frozenset(w.casefold() for w in words) | _word_set(lang, "fraction_of")


_function_words: Callable[[Language], frozenset[str]] = PerLanguage(
    _build_function_words
).__getitem__


def _build_plain_re(lang: Language) -> re.Pattern[str]:
    """ASCII digits with the language's separators between them, nothing else."""
    seps = re.escape("".join(sorted(lang.decimal | lang.group)))
    return re.compile(rf"[0-9]+(?:[{seps}][0-9]+)+")


_plain_re: Callable[[Language], re.Pattern[str]] = PerLanguage(_build_plain_re).__getitem__


_HYPHEN_WORD = re.compile(r"-[^\W\d_]")


def _opens_compound(
    norm: str, start: int, toks: Sequence[_Tok], i: int, j: int, lang: Language
) -> bool:
    """Whether the last word of ``toks[i:j]`` opens a hyphenated compound after a scale.

    In "70 million two-wheelers" the number word after the scale word is part
    of the noun ("two-wheelers"), not of the figure.
    """
    if j - i < 2 or toks[j - 1].kind != "word" or toks[j - 2].kind != "word":
        return False
    if toks[j - 2].text not in lang.multipliers:
        return False
    return _HYPHEN_WORD.match(norm, start + toks[j - 1].end) is not None


def _build_not_alone(lang: Language) -> frozenset[str]:
    words = lang.raw.get("numerals", {}).get("not_alone_in_text", [])
    return frozenset(w.casefold() for w in words)


_not_alone: Callable[[Language], frozenset[str]] = PerLanguage(_build_not_alone).__getitem__


def _build_alone_re(
    lang: Language,
) -> tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[str]]:
    """The words of ``stand_alone``, the nouns after which they are numbers, and what
    before them makes them no number (``stand_alone_not_after``, a number: "mỗi năm",
    "2 năm")."""
    num = lang.raw.get("numerals", {})
    words = frozenset(w.casefold() for w in num.get("stand_alone", []))
    nouns = num.get("stand_alone_before", [])
    before = [*num.get("stand_alone_not_after", []), *lang.values, *lang.multipliers]
    not_after = re.compile(
        rf"(?:\d|(?<![^\W\d_])(?i:{alternation(before)}))[ \u00a0]+$"
        if before
        else r"\d[ \u00a0]+$"
    )
    if not words or not nouns:
        return words, None, not_after
    body = alternation(nouns).replace(r"\ ", r"[ \u00a0]+")
    return words, re.compile(rf"[ \u00a0]+(?i:{body})(?![^\W\d_])"), not_after


_alone_re: Callable[[Language], tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[str]]] = (
    PerLanguage(_build_alone_re).__getitem__
)


def _stands_alone(word: str, norm: str, start: int, end: int, lang: Language) -> bool:
    """Whether ``word`` (``norm[start:end]``) is one of ``stand_alone`` before a counted noun."""
    words, nouns, not_after = _alone_re(lang)
    return (
        nouns is not None
        and word in words
        and nouns.match(norm, end) is not None
        and not_after.search(norm, max(0, start - 24), start) is None
    )


_SPACES_TO_BLANK = str.maketrans(dict.fromkeys(_GROUP_SPACES, " "))


def _fold_chars(s: str, lang: Language) -> str:
    """Length-keeping normalisation of a candidate: group spaces, letter variants."""
    s = s.translate(_SPACES_TO_BLANK)
    for a, b in lang.chars.items():
        if len(a) == len(b):
            s = s.replace(a, b)
    return s
