"""Hypothesis strategies for property tests of your own integfacts pipelines.

The strategies render figures the way news text in each supported language
writes them and return the exact value alongside, so that a test can check a
round trip (render -> parse or extract -> compare) without an oracle:

- :func:`numerals`: ``(text, value)`` pairs: digits with the locale's
  separators (Persian digits for ``fa``), a scale word or CLDR compact form,
  or a number written in words;
- :func:`quantities`, :func:`periods`, :func:`claims`: valid model values,
  for testing code that consumes claims (reconciliation, reports, storage);
- :func:`documents`: a small :class:`~integfacts.model.Document` stating
  known figures, built from the language data (qualifiers, currency names,
  concept terms, place names), together with the :class:`Figure` list it
  states.

Number words come from a small renderer per language written here, on
purpose independent of the language data files, so that a round trip tests
the data rather than repeating it. Languages without such a renderer get
digits only.

This module needs hypothesis (``pip install "integfacts[strategies]"``).
Importing :mod:`integfacts` never imports it.

Example:
    >>> from hypothesis import given, settings
    >>> import integfacts as ifx
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(numerals("id"))
    ... def test_round_trip(pair):
    ...     text, value = pair
    ...     assert ifx.parse_number(text, lang="id") == value
    >>> test_round_trip()
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the test extra
    raise ImportError(
        "integfacts.strategies needs hypothesis: "
        'pip install "integfacts[strategies]" (or pip install hypothesis)'
    ) from exc

from integfacts.concepts import builtin as builtin_lexicon
from integfacts.languages import Language, available, common, load, resolve
from integfacts.model import (
    Claim,
    ClaimKind,
    Document,
    Period,
    PeriodSource,
    Qualifier,
    Quantity,
    Span,
)
from integfacts.units import read_unit

__all__ = [
    "FORMS",
    "KINDS",
    "Figure",
    "claims",
    "documents",
    "languages",
    "numerals",
    "periods",
    "quantities",
]

FORMS = ("digits", "scaled", "compact", "words", "mixed", "point")
"""The numeral forms :func:`numerals` can render.

``digits`` ``1.263,5``; ``scaled`` ``1,07 miliar`` (also chained scale words,
``3 nghìn tỷ``); ``compact`` CLDR compact forms ``257.6B``, ``1,2 jt``;
``words`` ``twenty-three thousand``; ``mixed`` ``2 juta 500 ribu``; ``point``
a decimal in words, ``dua koma lima``.
"""

KINDS = ("count", "money", "percent", "multiples")
"""The figure kinds :func:`documents` can state."""

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# ----------------------------------------------------------- number words
# Independent renderers (not read from the language files): a round trip
# through them tests the data. Each takes an int 0 <= n < 10**12.

_EN_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**9, 0), (10**6, 1), (10**3, 2))


def _en_below_100(n: int) -> str:
    if n < 20:
        return _EN_SMALL[n]
    t, o = divmod(n, 10)
    return _EN_TENS[t] + (f"-{_EN_SMALL[o]}" if o else "")


def _en_below_1000(n: int) -> str:
    h, r = divmod(n, 100)
    parts = [f"{_EN_SMALL[h]} hundred"] if h else []
    if r:
        parts.append(("and " if h else "") + _en_below_100(r))
    return " ".join(parts)


def _words_en(n: int) -> str:
    if n == 0:
        return "zero"
    names = ("billion", "million", "thousand")
    parts = []
    for scale, k in _SCALES:
        q, n = divmod(n, scale)
        if q:
            parts.append(f"{_en_below_1000(q)} {names[k]}")
    if n:
        parts.append(("and " if parts and n < 100 else "") + _en_below_1000(n))
    return " ".join(parts)


_ID_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _id_below_1000(n: int) -> str:
    h, r = divmod(n, 100)
    parts = []
    if h:
        parts.append("seratus" if h == 1 else f"{_ID_UNITS[h]} ratus")
    if r == 10:
        parts.append("sepuluh")
    elif r == 11:
        parts.append("sebelas")
    elif 11 < r < 20:
        parts.append(f"{_ID_UNITS[r - 10]} belas")
    elif r >= 20:
        t, o = divmod(r, 10)
        parts.append(f"{_ID_UNITS[t]} puluh" + (f" {_ID_UNITS[o]}" if o else ""))
    elif r:
        parts.append(_ID_UNITS[r])
    return " ".join(parts)


def _words_id(n: int) -> str:
    if n == 0:
        return "nol"
    names = ("miliar", "juta", "ribu")
    parts = []
    for scale, k in _SCALES:
        q, n = divmod(n, scale)
        if q == 1 and names[k] == "ribu":
            parts.append("seribu")
        elif q:
            parts.append(f"{_id_below_1000(q)} {names[k]}")
    if n:
        parts.append(_id_below_1000(n))
    return " ".join(parts)


_VI_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _vi_below_100(n: int, *, after_hundred: bool) -> str:
    if n < 10:
        return ("linh " if after_hundred else "") + _VI_UNITS[n]
    t, o = divmod(n, 10)
    head = "mười" if t == 1 else f"{_VI_UNITS[t]} mươi"
    if o == 0:
        return head
    if o == 5:
        return f"{head} lăm"
    if o == 1 and t > 1:
        return f"{head} mốt"
    return f"{head} {_VI_UNITS[o]}"


def _vi_below_1000(n: int, *, full: bool) -> str:
    h, r = divmod(n, 100)
    if not h and not full:
        return _vi_below_100(r, after_hundred=False)
    head = f"{_VI_UNITS[h]} trăm"
    return f"{head} {_vi_below_100(r, after_hundred=True)}" if r else head


def _words_vi(n: int) -> str:
    if n == 0:
        return "không"
    names = ("tỷ", "triệu", "nghìn")
    parts: list[str] = []
    for scale, k in _SCALES:
        q, n = divmod(n, scale)
        if q:
            parts.append(f"{_vi_below_1000(q, full=bool(parts))} {names[k]}")
    if n:
        parts.append(_vi_below_1000(n, full=bool(parts)))
    return " ".join(parts)


_FA_ONES = ("صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_FA_TEENS = (
    "ده",
    "یازده",
    "دوازده",
    "سیزده",
    "چهارده",
    "پانزده",
    "شانزده",
    "هفده",
    "هجده",
    "نوزده",
)
_FA_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_FA_HUNDREDS = (
    "",
    "صد",
    "دویست",
    "سیصد",
    "چهارصد",
    "پانصد",
    "ششصد",
    "هفتصد",
    "هشتصد",
    "نهصد",
)


def _fa_below_1000(n: int) -> list[str]:
    h, r = divmod(n, 100)
    parts = [_FA_HUNDREDS[h]] if h else []
    if 0 < r < 10:
        parts.append(_FA_ONES[r])
    elif 10 <= r < 20:
        parts.append(_FA_TEENS[r - 10])
    elif r:
        t, o = divmod(r, 10)
        parts.append(_FA_TENS[t])
        if o:
            parts.append(_FA_ONES[o])
    return parts


def _words_fa(n: int) -> str:
    if n == 0:
        return "صفر"
    names = ("میلیارد", "میلیون", "هزار")
    parts = []
    for scale, k in _SCALES:
        q, n = divmod(n, scale)
        if q == 1 and names[k] == "هزار":
            parts.append("هزار")
        elif q:
            parts.append(" و ".join(_fa_below_1000(q)) + f" {names[k]}")
    if n:
        parts.extend(_fa_below_1000(n))
    return " و ".join(parts)


_WORDS: dict[str, Callable[[int], str]] = {
    "en": _words_en,
    "id": _words_id,
    "vi": _words_vi,
    "fa": _words_fa,
}

# "point" in "two point five", and the digit words read after it.
_POINT = {"en": "point", "id": "koma", "vi": "phẩy", "fa": "ممیز"}
_DIGIT_WORDS: dict[str, Sequence[str]] = {
    "en": _EN_SMALL[:10],
    "id": _ID_UNITS,
    "vi": _VI_UNITS,
    "fa": _FA_ONES,
}

# Space between the mantissa and a compact abbreviation (CLDR: "257.6B", "1,2 jt").
_COMPACT_GAP = {"en": ("",)}
# Scale words written in a chain ("3 nghìn tỷ" = 3 * 10^12).
_CHAINS = {
    "vi": (("nghìn tỷ", 10**12), ("ngàn tỷ", 10**12)),
    "fa": (("هزار میلیارد", 10**12),),
}
# Joins the parts of a mixed numeral ("2 juta 500 ribu", "۲ میلیون و ۵۰۰ هزار").
_MIXED_JOIN = {"vi": " ", "id": " ", "fa": " و "}


def languages() -> st.SearchStrategy[str]:
    """Codes of the languages integfacts has data for.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, derandomize=True)
        ... @given(languages())
        ... def test_known(code):
        ...     assert code in ("en", "fa", "id", "vi")
        >>> test_known()
    """
    return st.sampled_from(available())


# ----------------------------------------------------------------- digits


@attrs.frozen
class _Style:
    """How one text writes digits: script, group mark (or none), decimal mark."""

    native: bool
    group: str | None
    decimal: str


def _styles(lang: Language) -> list[_Style]:
    if lang.code == "fa":
        # CLDR fa (arabext digits), everyday "/" decimals, and Latin digits
        # written the English way, as the language file describes.
        return [
            _Style(True, "٬", "٫"),
            _Style(True, None, "٫"),
            _Style(True, None, "/"),
            _Style(False, ",", "."),
            _Style(False, None, "."),
        ]
    out = [_Style(False, g, d) for g in sorted(lang.group) for d in sorted(lang.decimal)]
    out += [_Style(False, None, d) for d in sorted(lang.decimal)]
    out += [_Style(False, "\u00a0", d) for d in sorted(lang.decimal)]
    return out


def _render_digits(value: Decimal, style: _Style) -> str:
    """``value`` (>= 0, as stated: its exponent gives the fraction digits) in ``style``."""
    sign, digits, exp = value.as_tuple()
    assert isinstance(exp, int)
    text = "".join(map(str, digits))
    frac_len = max(0, -exp)
    if frac_len:
        text = text.rjust(frac_len + 1, "0")
        whole, frac = text[:-frac_len], text[-frac_len:]
    else:
        whole, frac = text + "0" * exp, ""
    whole = whole.lstrip("0") or "0"
    if style.group is not None:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = style.group.join([whole, *groups])
    out = f"{whole}{style.decimal}{frac}" if frac else whole
    if style.native:
        out = out.translate(_PERSIAN_DIGITS)
    return ("-" if sign else "") + out


def _decimal_with(draw: st.DrawFn, whole_max: int, places: int) -> Decimal:
    """A non-negative Decimal with up to ``places`` stated fraction digits."""
    branches = [st.integers(0, min(999, whole_max)), st.integers(0, whole_max)]
    if whole_max >= 9999:
        branches.append(st.integers(1000, 9999))  # four digits: counts that look like years
    whole = draw(st.one_of(branches))
    k = draw(st.integers(0, places))
    if k == 0:
        return Decimal(whole)
    frac = draw(st.integers(1, 10**k - 1))
    return Decimal(f"{whole}.{frac:0{k}d}")


def _scale_words(lang: Language) -> list[tuple[str, int]]:
    return sorted(
        ((w, int(m)) for w, m in lang.multipliers.items() if m >= 1000),
        key=lambda t: (t[1], t[0]),
    )


# ------------------------------------------------------------- numerals


@st.composite
def _numeral(
    draw: st.DrawFn,
    lang: Language,
    forms: tuple[str, ...],
    max_value: int,
    in_text: bool,
) -> tuple[str, Decimal]:
    code = lang.code  # the number renderers below are by code
    usable = [f for f in forms if _form_ok(lang, f)]
    if not usable:
        usable = ["digits"]
    form = draw(st.sampled_from(usable))
    styles = _styles(lang)
    style = draw(st.sampled_from(styles))
    if form == "digits":
        value = _decimal_with(draw, max_value, 3)
        return _render_digits(value, style), value
    if form in ("scaled", "mixed"):
        scales = _scale_words(lang)
        chains = [c for c in _CHAINS.get(code, ()) if c[1] <= max(max_value, 10**12)]
        word, mult = draw(st.sampled_from(scales + list(chains)))
        mant = _decimal_with(draw, 999, 2 if form == "scaled" else 0)
        if mant == 0:
            mant = Decimal(draw(st.integers(1, 999)))
        head = f"{_render_digits(mant, style)}{_gap(draw)}{word}"
        value = mant * mult
        if form == "mixed":
            smaller = [(w, m) for w, m in scales if m < mult]
            if smaller and (word, mult) in scales:
                w2, m2 = draw(st.sampled_from(smaller))
                part = draw(st.integers(1, min(999, mult // m2 - 1)))
                join = _MIXED_JOIN.get(code, " ")
                tail = f"{_render_digits(Decimal(part), style)} {w2}"
                return f"{head}{join}{tail}", value + part * m2
        return head, value
    if form == "compact":
        abbrevs = sorted(lang.abbreviations.items())
        abbr, mult_d = draw(st.sampled_from(abbrevs))
        mant = _decimal_with(draw, 999, 1)
        if mant == 0:
            mant = Decimal(draw(st.integers(1, 999)))
        gap = draw(st.sampled_from(_COMPACT_GAP.get(code, (" ", "\u00a0"))))
        return f"{_render_digits(mant, style)}{gap}{abbr}", mant * mult_d
    if form == "point":
        whole = draw(st.integers(0, 99 if in_text else 999))
        digits = draw(st.lists(st.integers(0, 9), min_size=1, max_size=3))
        digits[-1] = digits[-1] or 5  # nobody says "two point five zero"
        if _alone_word(lang, _WORDS[code](whole), in_text=False):
            whole = 2
        words = _DIGIT_WORDS[code]
        text = f"{_WORDS[code](whole)} {_POINT[code]} " + " ".join(words[d] for d in digits)
        return text, Decimal(f"{whole}.{''.join(map(str, digits))}")
    # words
    n = draw(
        st.one_of(
            st.integers(0, 100),
            st.integers(0, 999_999),
            st.integers(1, 999).map(lambda k: k * 1000),
            st.integers(0, min(max_value, 10**12 - 1)),
        )
    )
    # "one", "một", "یک" alone read as an article ("one of"), not a figure
    if _alone_word(lang, _WORDS[code](n), in_text=in_text) or (in_text and n == 1):
        n = 12
    return _WORDS[code](n), Decimal(n)


def _alone_word(lang: Language, text: str, *, in_text: bool) -> bool:
    """Whether ``text`` is one word the language reads as a number only in a compound.

    ``compound_only`` in the language file: "năm" (5) is also "year", "نه" (9)
    also "no"; in running text also ``not_alone_in_text``: "không" (0) is
    also "not".
    """
    num = lang.raw.get("numerals", {})
    words = list(num.get("compound_only", []))
    if in_text:
        words += num.get("not_alone_in_text", [])
    return text.casefold() in {w.casefold() for w in words}


def _gap(draw: st.DrawFn) -> str:
    return draw(st.sampled_from([" ", " ", "\u00a0"]))


def _form_ok(lang: Language, form: str) -> bool:
    if form in ("words", "point"):
        return lang.code in _WORDS
    if form == "compact":
        return bool(lang.abbreviations)
    if form == "mixed":
        return lang.code in _MIXED_JOIN
    return form in FORMS


def numerals(
    lang: str | Language,
    *,
    forms: Sequence[str] = FORMS,
    max_value: int = 10**15,
) -> st.SearchStrategy[tuple[str, Decimal]]:
    """Numerals as language ``lang`` writes them, with their exact values.

    Args:
        lang: a language code (``"en"``, ``"id"``, ``"vi"``, ``"fa"``) or its
            :class:`~integfacts.languages.Language`.
        forms: which of :data:`FORMS` to draw from; a form the language has no
            data for (compact forms in Persian) is skipped; with none left, digits.
        max_value: the largest integer part of a plain-digit numeral.

    Returns:
        A strategy of ``(text, value)`` with ``value`` a non-negative
        :class:`~decimal.Decimal` and
        ``parse_number(text, lang=lang) == value``.

    Example:
        >>> from hypothesis import given, settings
        >>> import integfacts as ifx
        >>> @settings(max_examples=20, derandomize=True)
        ... @given(numerals("fa", forms=["digits", "words"]))
        ... def test_fa(pair):
        ...     assert ifx.parse_number(pair[0], lang="fa") == pair[1]
        >>> test_fa()
    """
    language = resolve(lang)  # an unsupported language fails here, not inside a test
    bad = [f for f in forms if f not in FORMS]
    if bad:
        raise ValueError(f"unknown numeral forms {bad}; choose from {FORMS}")
    return _numeral(language, tuple(forms), max_value, False)


# ------------------------------------------------------------ model values

_ISO = ("USD", "VND", "IDR", "IRR", "EUR", "JPY", "CNY")


@st.composite
def _quantity(
    draw: st.DrawFn,
    units: tuple[str | None, ...],
    qualifiers: tuple[Qualifier, ...],
) -> Quantity:
    qualifier = draw(st.sampled_from(qualifiers))
    if qualifier is Qualifier.MULTIPLES:
        value = Decimal(10) ** draw(st.integers(1, 9))
        return Quantity(value, unit=None, qualifier=qualifier)
    value = _decimal_with(draw, 10**12, 2)
    unit = draw(st.sampled_from(units))
    step = draw(st.sampled_from([Decimal(0), Decimal("0.1"), Decimal(1), Decimal(10**6)]))
    upper = None
    if draw(st.integers(0, 4)) == 0:
        upper = value + _decimal_with(draw, 10**6, 0)
    return Quantity(value, unit=unit, qualifier=qualifier, step=step, upper=upper)


def quantities(
    *,
    units: Sequence[str | None] | None = None,
    qualifiers: Sequence[Qualifier] | None = None,
) -> st.SearchStrategy[Quantity]:
    """Valid :class:`~integfacts.model.Quantity` values.

    Args:
        units: the units to draw from (default: none, ``"%"`` and a few ISO
            4217 codes).
        qualifiers: the qualifiers to draw from (default: all).
            ``MULTIPLES`` quantities are powers of ten without unit.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, derandomize=True)
        ... @given(quantities(units=["USD"]))
        ... def test_interval(q):
        ...     assert q.low is None or q.high is None or q.low <= q.high
        >>> test_interval()
    """
    u = tuple(units) if units is not None else (None, "%", *_ISO)
    q = tuple(qualifiers) if qualifiers is not None else tuple(Qualifier)
    if not u or not q:
        raise ValueError("units and qualifiers must not be empty")
    return _quantity(u, q)


@st.composite
def _period(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    shape = draw(st.sampled_from(["year", "range", "open_end", "open_start", "day"]))
    y = draw(st.integers(min_year, max_year))
    if shape == "year":
        return Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), str(y))
    if shape == "range":
        y2 = draw(st.integers(y, min(max_year + 10, y + 10)))
        return Period(datetime.date(y, 1, 1), datetime.date(y2, 12, 31), f"{y}-{y2}")
    if shape == "open_end":
        return Period(None, datetime.date(y, 12, 31), f"by {y}")
    if shape == "open_start":
        return Period(datetime.date(y, 1, 1), None, f"since {y}")
    d = draw(st.dates(datetime.date(y, 1, 1), datetime.date(y, 12, 31)))
    return Period(d, d, d.isoformat())


def periods(*, min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[Period]:
    """Valid :class:`~integfacts.model.Period` values: years, ranges, open ends, days.

    ``Period.text`` holds an English rendering ("2021-2025", "by 2030").

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, derandomize=True)
        ... @given(periods())
        ... def test_overlaps_itself(p):
        ...     assert p.overlaps(p)
        >>> test_overlaps_itself()
    """
    if min_year > max_year:
        raise ValueError(f"min_year {min_year} is after max_year {max_year}")
    return _period(min_year, max_year)


def _concepts_for(lang: Language, kind: str) -> list[tuple[str, str]]:
    """(concept key, term) pairs a figure of ``kind`` can measure in ``lang``.

    The concepts whose lexicon ``kinds`` list ``kind`` (``integfacts.concepts``),
    but not years, the concepts that name places, nor those of events (whose
    subject is the country, not the place a sentence names), nor terms opening
    with a unit of measure.
    """
    lex = builtin_lexicon()
    skip = {"years", *common().get("place_concepts", [])}
    scales = {w.casefold() for w in (*lang.multipliers, *lang.values, *lang.abbreviations)}
    national = {
        w.casefold() for p in lang.raw.get("meaning", {}).get("national", []) for w in p.split()
    } - {"the", "across", "throughout", "whole", "trên", "di", "seluruh"}
    out: list[tuple[str, str]] = []
    for key, terms in lex.table(lang.code).items():
        kinds = lex.kinds(key)
        if key in skip or lex.meta_of(key).event or (kinds is not None and kind not in kinds):
            continue
        # a term that opens with a unit ("héc-ta lúa") makes the figure a measure, one
        # that opens with a scale word ("tỷ giá") scales it, one that says "national"
        # ("national debt") is the country's whatever place the sentence names
        out.extend(
            (key, t)
            for t in terms
            if t[:1].isalpha()
            and read_unit(" " + t, 0, lang) is None
            and t.split()[0].casefold() not in scales
            and not any(w in national for w in t.casefold().split())
        )
    return out


_SAMPLE_PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("VN-DN", "Da Nang"),
        ("VN-HN", "Hanoi"),
        ("VN-SG", "Ho Chi Minh City"),
        ("VN-27", "Quang Nam"),
        ("ID-JK", "Jakarta"),
        ("IR-23", "Tehran"),
        ("VN", "Vietnam"),
    ),
    "id": (
        ("VN-DN", "Da Nang"),
        ("VN-HN", "Hanoi"),
        ("ID-JB", "Jawa Barat"),
        ("ID-JK", "Jakarta"),
        ("VN-27", "Quang Nam"),
        ("ID", "Indonesia"),
    ),
    "vi": (
        ("VN-DN", "Đà Nẵng"),
        ("VN-HN", "Hà Nội"),
        ("VN-SG", "TP.HCM"),
        ("VN-27", "Quảng Nam"),
        ("VN-26", "Huế"),
        ("VN", "Việt Nam"),
    ),
    "fa": (
        ("VN-DN", "دانانگ"),
        ("VN-HN", "هانوی"),
        ("IR-23", "تهران"),
        ("IR-08", "کرمان"),
        ("VN", "ویتنام"),
        ("IR", "ایران"),
    ),
}
"""Gazetteer places and how each language writes them, for generated sentences
(the expected subject is the gazetteer's display name)."""


def _places(code: str) -> list[tuple[str, str]]:
    """(display name, surface form) of the sample places written in language ``code``."""
    from integfacts.gazetteer import display_name  # noqa: PLC0415 - data loads on use

    return [(display_name(pid), form) for pid, form in _SAMPLE_PLACES.get(code, ())]


@st.composite
def _claim(
    draw: st.DrawFn,
    lang: Language | None,
    sources: st.SearchStrategy[str],
) -> Claim:
    language = lang if lang is not None else load(draw(languages()))
    code = language.code
    q = draw(quantities())
    if q.unit == "%":
        kind = ClaimKind.PERCENT
    elif q.unit is not None:
        kind = ClaimKind.MONEY
    else:
        kind = ClaimKind.COUNT
    style = draw(st.sampled_from(_styles(language)))
    text = _render_digits(q.value, style)
    start = draw(st.integers(0, 2000))
    key_terms = _concepts_for(language, kind.value) or [("", "")]
    metric, phrase = draw(st.sampled_from(key_terms))
    places = _places(code)
    subject = draw(st.sampled_from([None, *(p[0] for p in places)]))
    period = draw(st.none() | periods())
    return Claim(
        quantity=q,
        span=Span(start, start + len(text)),
        source=draw(sources),
        lang=code,
        text=text,
        metric=metric or None,
        metric_phrase=phrase.casefold(),
        subject=subject,
        period=period,
        period_source=PeriodSource.EXPLICIT if period is not None else PeriodSource.NONE,
        change=draw(st.booleans()),
        kind=kind,
    )


def claims(
    lang: str | Language | None = None,
    *,
    sources: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Claim]:
    """Valid, internally consistent :class:`~integfacts.model.Claim` values.

    A claim's ``kind`` follows its unit, ``text`` renders its value in the
    language's digits and ``span`` is as long as ``text``; ``metric`` is a
    concept key the language knows (allowed for the kind), ``subject`` a
    place of the language's gazetteer.

    Args:
        lang: the claims' language (a code or a ``Language``); ``None`` draws one
            per claim.
        sources: the sources to draw from (default: ``"a"``, ``"b"``, ``"c"``).

    Example:
        >>> from hypothesis import given, settings
        >>> import integfacts as ifx
        >>> @settings(max_examples=10, deadline=None, derandomize=True)
        ... @given(st.lists(claims("en"), max_size=4))
        ... def test_reconcile_accepts(cs):
        ...     assert len(ifx.reconcile(cs).claims) == len(cs)
        >>> test_reconcile_accepts()
    """
    language = resolve(lang) if lang is not None else None
    return _claim(language, sources if sources is not None else st.sampled_from(["a", "b", "c"]))


# --------------------------------------------------------------- documents


@attrs.frozen
class Figure:
    """A figure :func:`documents` put into a text, as extraction should read it.

    Attributes:
        text: the words that state it: qualifier, numeral, scale, unit
            (what :attr:`integfacts.Claim.text` should be).
        numeral: the numeral alone, as written (``"1,07 miliar"``).
        span: where ``text`` stands in the document.
        sentence: the sentence that states it (one figure per sentence).
        value: its exact value.
        unit: ISO 4217 code, ``"%"`` or ``None``.
        qualifier: the qualifier its wording states.
        kind: ``"count"``, ``"money"``, ``"percent"`` or ``"multiples"``.
        term: the concept term the sentence uses, as written.
        metric: the concept key of that term.
        subject: the canonical name of the place the sentence names.
        year: the year the sentence states, if any.
    """

    text: str
    numeral: str
    span: Span
    sentence: Span
    value: Decimal
    unit: str | None
    qualifier: Qualifier
    kind: str
    term: str = ""
    metric: str | None = None
    subject: str | None = None
    year: int | None = None


# Sentence frames: {place}, {fig}, {term}, {year} (the year phrase or ""); "year"
# lists the ways to state a year {y}.
_FRAMES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "en": {
        "count": "{place} recorded {fig} {term}{year}.",
        "amount": "{place} recorded {term} of {fig}{year}.",
        "year": (" in {y}",),
    },
    "id": {
        "count": "{place} mencatat {fig} {term}{year}.",
        "amount": "{place} mencatat {term} sebesar {fig}{year}.",
        "year": (" pada tahun {y}", " tahun {y}"),
    },
    "vi": {
        "count": "{place} có {fig} {term}{year}.",
        "amount": "{place} có {term} đạt {fig}{year}.",
        "year": (" trong năm {y}", " năm {y}"),
    },
    "fa": {
        "count": "{place} {year}{fig} {term} دارد.",
        "amount": "{term} {place} {year}به {fig} رسید.",
        "year": ("در سال {y} ", "در سال {y}، "),
    },
}
_DEFAULT_FRAME: dict[str, str | tuple[str, ...]] = {
    "count": "{place}: {fig} {term}{year}.",
    "amount": "{place}: {term} {fig}{year}.",
    "year": (" {y}",),
}

# Currency symbols and codes written before an amount, glued or with a space.
_BEFORE_GLUED = ("US$", "$", "€", "£", "¥", "S$", "A$", "₩", "₹", "USD", "VND")
_BEFORE_SPACED = ("USD", "EUR", "VND", "IDR", "Rp", "Rp.", "IRR", "JPY", "CNY")
_AFTER_CODES = ("USD", "VND", "EUR", "IDR", "IRR", "JPY", "CNY", "KRW", "SGD", "AUD", "THB")


def _qualified(draw: st.DrawFn, lang: Language, body: str) -> tuple[str, Qualifier]:
    claims_data: dict[str, Any] = lang.raw.get("claims", {})
    table: dict[str, list[str]] = claims_data.get("qualifiers", {})
    # a qualifier that is a preposition before some nouns ("trên sáu hệ thống" is on
    # six systems) qualifies only by the noun that follows: not drawn here
    prepositions = {w.casefold() for w in claims_data.get("qualifier_not_before", {})}
    first: dict[str, Qualifier] = {}
    for name, phrases in table.items():
        for p in phrases:
            if p.casefold() not in prepositions:
                first.setdefault(p.casefold(), Qualifier(name))
    options = [("", Qualifier.EXACT), *sorted(first.items(), key=lambda t: t[0])]
    phrase, qual = draw(st.sampled_from(options))
    if not phrase:
        return body, qual
    return f"{phrase} {body}", qual


@attrs.frozen
class _Sentence:
    text: str
    fig_start: int  # offset of the figure in the sentence
    figure: Figure  # spans relative to the sentence


@st.composite
def _figure(
    draw: st.DrawFn,
    lang: Language,
    kind: str,
    year: int | None,
    forms: tuple[str, ...],
) -> _Sentence:
    code = lang.code
    raw = lang.raw
    claims_data: dict[str, Any] = raw.get("claims", {})
    subject, place = draw(st.sampled_from(_places(code) or [("", "")]))
    frames = _FRAMES.get(code, _DEFAULT_FRAME)
    year_text = ""
    if year is not None:
        y = str(year)
        if code == "fa" and draw(st.booleans()):
            y = y.translate(_PERSIAN_DIGITS)
        year_text = draw(st.sampled_from(frames["year"])).format(y=y)
    unit: str | None = None
    if kind == "multiples":
        mults: dict[str, int] = claims_data.get("multiples", {})
        text, times = draw(st.sampled_from(sorted(mults.items())))
        num_text, value, qual = text, Decimal(times), Qualifier.MULTIPLES
    else:
        num_text, value = draw(_numeral(lang, forms, 10**12, True))
        body = num_text
        if kind == "money":
            body, unit = _money(draw, lang, num_text)
        elif kind == "percent":
            body, unit = _percent(draw, num_text, claims_data)
        text, qual = _qualified(draw, lang, body)
    concept_kind = kind if kind in ("money", "percent") else "count"
    key, term = draw(st.sampled_from(_concepts_for(lang, concept_kind)))
    frame = str(frames["count" if concept_kind == "count" else "amount"])
    marker = "\x00"
    sentence = frame.format(place=place, fig=marker, term=term, year=year_text)
    start = sentence.index(marker)
    sentence = sentence.replace(marker, text)
    fig = Figure(
        text=text,
        numeral=num_text,
        span=Span(start, start + len(text)),
        sentence=Span(0, len(sentence)),
        value=value,
        unit=unit,
        qualifier=qual,
        kind=kind,
        term=term,
        metric=key,
        subject=subject or None,
        year=year,
    )
    return _Sentence(sentence, start, fig)


def _money(draw: st.DrawFn, lang: Language, num_text: str) -> tuple[str, str]:
    symbols: dict[str, str] = common()["currencies"]
    # currency names follow the amount ("1,07 miliar dolar AS"); symbols the
    # language file repeats ("Rp") go before it, below
    raw = lang.raw
    # names that are also common words ("won") are a currency only in context: not here
    context = {k.casefold() for k in raw.get("currency_context", {})}
    names = {
        k: v
        for k, v in raw.get("currencies", {}).items()
        if k not in symbols and k.casefold() not in context
    }
    hows = ["code_after"] + (["name"] if names else [])
    if num_text[:1].isdigit():  # "US$1.07 billion", "Rp 5 juta"; never "$twenty"
        hows += ["glued", "spaced"]
    how = draw(st.sampled_from(hows))
    if how == "name":
        name, iso = draw(st.sampled_from(sorted(names.items())))
        return f"{num_text} {name}", iso
    if how == "glued":
        sym = draw(st.sampled_from(_BEFORE_GLUED))
        return f"{sym}{num_text}", symbols[sym]
    if how == "spaced":
        sym = draw(st.sampled_from(_BEFORE_SPACED))
        return f"{sym} {num_text}", symbols[sym]
    sym = draw(st.sampled_from(_AFTER_CODES))
    return f"{num_text} {sym}", sym


def _percent(draw: st.DrawFn, num_text: str, claims_data: dict[str, Any]) -> tuple[str, str]:
    before: list[str] = claims_data.get("percent_before", [])
    words: list[str] = claims_data.get("percent", ["%"])
    if before and num_text[:1].isdigit() and draw(st.booleans()):
        return f"{draw(st.sampled_from(before))}{num_text}", "%"  # "٪۷٫۶"
    pct = draw(st.sampled_from(words))
    gap = " " if pct[:1].isalpha() else ""
    return f"{num_text}{gap}{pct}", "%"


@st.composite
def _document(
    draw: st.DrawFn,
    lang: Language | None,
    figures: st.SearchStrategy[int],
    kinds: tuple[str, ...],
    with_years: bool,
    forms: tuple[str, ...],
    sources: st.SearchStrategy[str],
) -> tuple[Document, tuple[Figure, ...]]:
    language = lang if lang is not None else load(draw(languages()))
    code = language.code
    n = draw(figures)
    if n < 1:
        raise ValueError(f"a document states at least one figure, got figures={n}")
    sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
    parts: list[str] = []
    figs: list[Figure] = []
    pos = 0
    for _ in range(n):
        kind = draw(st.sampled_from(kinds))
        year = draw(st.none() | st.integers(2000, 2030)) if with_years else None
        sent = draw(_figure(language, kind, year, forms))
        if parts:
            pos += len(sep)
        f = sent.figure
        figs.append(
            attrs.evolve(
                f,
                span=Span(pos + f.span.start, pos + f.span.end),
                sentence=Span(pos, pos + len(sent.text)),
            )
        )
        parts.append(sent.text)
        pos += len(sent.text)
    source = draw(sources)
    published = draw(st.dates(datetime.date(2020, 1, 1), datetime.date(2026, 12, 31)))
    doc = Document(sep.join(parts), source=source, lang=code, published=published)
    return doc, tuple(figs)


_DOC_FORMS = ("digits", "scaled", "compact", "words", "mixed")


def documents(
    lang: str | Language | None = None,
    *,
    figures: int | st.SearchStrategy[int] = 3,
    kinds: Sequence[str] = KINDS,
    forms: Sequence[str] = _DOC_FORMS,
    years: bool = True,
    sources: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[tuple[Document, tuple[Figure, ...]]]:
    """Small documents stating known figures, one sentence per figure.

    Each sentence names a place, a concept term of the language data, and a
    figure: an optional qualifier, a numeral (see :func:`numerals`), and for
    money a currency name or symbol, for percentages a percent sign or word;
    or a "hundreds of" form. With ``years``, a sentence may state its year.

    Args:
        lang: the language (a code or a ``Language``); ``None`` draws one per document.
        figures: how many figures (an int, or a strategy of ints, >= 1).
        kinds: which of :data:`KINDS` to draw from.
        forms: which of :data:`FORMS` the numerals take.
        years: whether sentences may state a year ("in 2024").
        sources: the ``Document.source`` to draw (default: URLs like
            ``https://example.org/news/123.html``, rarely the same twice;
            :func:`integfacts.reconcile` treats documents with one source as one).

    Returns:
        A strategy of ``(document, figures)``; ``figures`` in text order,
        ``document.text[figure.span] == figure.text``.

    Example:
        >>> from hypothesis import given, settings
        >>> import integfacts as ifx
        >>> @settings(max_examples=10, deadline=None, derandomize=True)
        ... @given(documents("en", figures=2, kinds=["count"]))
        ... def test_counts(pair):
        ...     doc, figs = pair
        ...     got = [(c.value, c.quantity.qualifier) for c in ifx.extract(doc)]
        ...     assert got == [(f.value, f.qualifier) for f in figs]
        >>> test_counts()
    """
    language = resolve(lang) if lang is not None else None
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise ValueError(f"unknown or no figure kinds {bad}; choose from {KINDS}")
    bad = [f for f in forms if f not in FORMS]
    if bad or not forms:
        raise ValueError(f"unknown or no numeral forms {bad}; choose from {FORMS}")
    count: st.SearchStrategy[int]
    if isinstance(figures, int):
        if figures < 1:
            raise ValueError(f"figures must be >= 1, got {figures}")
        count = st.just(figures)
    else:
        count = figures
    if sources is None:
        sources = st.integers(0, 10**6).map(lambda n: f"https://example.org/news/{n}.html")
    return _document(language, count, tuple(kinds), years, tuple(forms), sources)
