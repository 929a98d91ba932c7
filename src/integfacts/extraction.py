"""The extraction pipeline: text -> numerals -> claims, with exact provenance.

:func:`scan` accounts for every numeral of a document (a claim, a period or
date, or not a claim with the reason); :func:`extract` returns the claims.

Each step is a pure function of the document and the language data:

1. numerals (:func:`integfacts.numbers.find_numerals`);
2. periods and dates (:func:`integfacts.periods.find_periods`);
3. per numeral, the words around it: identifiers, URLs, ordinals, list
   markers, ratios and ranges, qualifiers, currencies, percent, change cues;
4. metric (concept vocabulary), subject (gazetteer) and period attachment.

Example:
    >>> claims = extract("Da Nang received more than 3,000 delegations.", lang="en")
    >>> [c.quantity.value for c in claims]
    [Decimal('3000')]
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from integfacts._regex import _bmp, alternation, first_chars, starting_with, trie
from integfacts.concepts import Lexicon, lexicon_for
from integfacts.gazetteer import ancestors, country_of, display_name
from integfacts.gazetteer import find_places as gazetteer_places
from integfacts.grammar import (
    Grammar,
    grammar,
    has_common_phrase,
    has_phrase,
    head_phrase,
    names_feature,
    noun_run,
    phrase_before,
    time_word,
    words_in,
)
from integfacts.langid import detect_language
from integfacts.languages import Language, UnsupportedLanguageError, available, common, load
from integfacts.metrics import Mention, concept_of, find_concepts
from integfacts.model import (
    Claim,
    ClaimKind,
    Document,
    Outcome,
    Period,
    PeriodSource,
    Qualifier,
    Quantity,
    ScanItem,
    Span,
)
from integfacts.notfigures import NOT_PERIODS, is_name, not_figures, percent_near
from integfacts.numbers import Numeral, find_numerals
from integfacts.periods import PeriodMention, find_periods
from integfacts.separators import other_value, reread
from integfacts.units import read_unit

__all__ = ["DocumentTooLargeError", "extract", "scan"]

DEFAULT_MAX_CHARS = 2_000_000
"""Documents longer than this (characters) are refused unless the caller raises the limit.

About 2 MB of text: a long report or a book, two hundred times a news article.
The densest text (a figure every two characters) costs about 20 s and 400 MB
per MB to read at once; :func:`integfacts.iter_claims` reads a longer text
block by block in bounded memory.
"""

ConceptsArg: TypeAlias = Lexicon | str | Path | Mapping[str, Any] | None
"""A user's concept terms: a concept file's path, its data as a mapping, or a Lexicon."""

_ONE = Decimal(1)
_LEFT = 48  # characters of left context examined for cue words
_RIGHT = 40
_END = r"(?![^\W\d_])"
_START = r"(?<![^\W\d_])"
# a character class first: the engine skips to the candidates at C speed (a pattern that
# opens with a look-around or an alternation is tried at every position)
_URL = re.compile(r"[HWhw](?i:(?<=h)ttps?://|(?<=w)ww\.)[^\s<>\"')\]]+")
# a sentence ends after ".!?" (group 1: quotes and spaces after it) or at newlines
_SENT = re.compile(r"[.!?؟。\n](?:(?<=\n)\n*|([\"'”’»)]*\s+))")
_LETTER = re.compile(r"[^\W\d_]")
_GLUED = re.compile(r"[^\W\d]|[+#@]")  # letters, "_", "GMT+7", "#5", "@2"
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_NEXT_DIGIT = re.compile(r"[ \u00a0]?\d")  # a unit that opens the next figure ("2024 $5")
_TIME_END = re.compile(r"(?<!\d)\d{1,2}:$")  # the minutes of "17:58" follow "17:"
_CLOCK = re.compile(r"\d{1,2}[.:h]\d{2}(?!\d)")  # "pukul 08.30", "lúc 8h30"
_SLASH_WORD = re.compile(r"[/\-–][^\W\d_]")  # "2887/QD-UBND", "59-NQ/TW"
_SLASH_CODE = re.compile(r"/\d+/[^\W\d_]")  # "15/2023/ND-CP"
_MARKER_END = re.compile(r"[.)]\s")  # "1. ", "2) "
_LETTERS = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:()،؛]")
_CLAUSE_END = re.compile(r"[,;:،؛]")  # what ends a clause for a period (no parentheses)
_STRONG_BREAK = re.compile(r"[;:]")


class DocumentTooLargeError(ValueError):
    """A document is longer than the ``max_chars`` limit of :func:`extract`/:func:`scan`."""


_alt = alternation


def _never() -> re.Pattern[str]:
    return re.compile("(?!)")


_OPEN = "\\s(\\[\\\"“'«"
"""What may stand right before a cue word (or the start of the window)."""


class _TailMatch:
    """Where a :class:`_Tail` cue sits in the text it was searched in."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


@attrs.frozen
class _Tail:
    """A cue that must end where the figure begins ("lebih dari 3.000"), found fast.

    The forward pattern ``(?:^|(?<=[…]))(?:words)\\s*$`` has to be tried at
    every position of the window before a figure; the same words reversed
    are matched once at the start of the reversed window instead. Longest
    alternative first, as the forward search's leftmost start.
    """

    reversed: re.Pattern[str]

    @classmethod
    def of(
        cls, words: Iterable[str], *, cs: bool = False, trail: str = r"\s*", spaces: bool = True
    ) -> _Tail:
        """The cue for ``words`` (case-insensitive unless ``cs``), then ``trail`` up to the end.

        ``spaces``: a space inside a word may be any run of spaces or ZWNJ.
        """
        rev = [w[::-1] for w in words]
        alts = _alt(rev)
        if spaces:
            alts = alts.replace(r"\ ", r"[\s\u200c]+")
        body = f"(?:{alts})" if cs else f"(?i:{alts})"
        return cls(re.compile(rf"{trail}{body}(?:$|(?=[{_OPEN}]))"))

    def search(self, before: str) -> _TailMatch | None:
        """The cue ending ``before`` (trailing spaces allowed), or ``None``."""
        m = self.reversed.match(before[::-1])
        if m is None:
            return None
        n = len(before)
        return _TailMatch(before, n - m.end(), n)


def _never_tail() -> _Tail:
    return _Tail(re.compile("(?!)"))


@attrs.frozen
class _EndCue:
    """A cue that ends the window before a figure ("naik sebesar 5%"), searched only when there.

    ``forward`` (with look-arounds that cannot be reversed) would be tried at
    every position of the window; ``mirror``, the same words and gap reversed
    without the look-aheads, is matched once at the start of the reversed
    window. It matches whenever ``forward`` can, so the forward search runs only
    when the cue is there: same results, a fraction of the cost.
    """

    forward: re.Pattern[str]
    mirror: re.Pattern[str]

    @classmethod
    def of(cls, words: Sequence[str], nb: str, gap: Sequence[str]) -> _EndCue:
        """The cue ``words``, then no ``nb`` look-ahead, an optional ``gap`` word, spaces."""
        gap_re = rf"(?:\s+(?i:{_alt(gap)}))?" if gap else ""
        rgap = rf"(?:(?i:{_alt(w[::-1] for w in gap)})\s+)?" if gap else ""
        return cls(
            re.compile(rf"{_START}(?i:{_alt(words)}){nb}{gap_re}\s*$"),
            re.compile(rf"\s*{rgap}(?i:{_alt(w[::-1] for w in words)}){_END}"),
        )

    def search(self, before: str) -> re.Match[str] | None:
        """The cue ending ``before`` (trailing spaces allowed), or ``None``."""
        if self.mirror.match(before[::-1]) is None:
            return None
        return self.forward.search(before)


def _never_cue() -> _EndCue:
    return _EndCue(_never(), _never())


@functools.cache
def _digits_end_no_cue(lang: Language) -> bool:
    """Whether no word of the language's ``[claims]`` or ``[numerals]`` tables ends with a
    digit: then no cue but a currency can end a window that ends with one."""

    def words(x: Any) -> Iterable[str]:
        if isinstance(x, dict):
            for k, v in x.items():
                yield str(k)
                if isinstance(v, dict | list):
                    yield from words(v)
        elif isinstance(x, list):
            for v in x:
                yield from (v,) if isinstance(v, str) else words(v)

    raw = lang.raw
    tables = [raw.get("claims", {}), raw.get("numerals", {}), ["No.", "No"]]
    return not any(w.rstrip(" \t\n:.")[-1:].isdigit() for w in words(tables))


def _calm(ctx: _Ctx, window: str) -> str | None:
    """``window`` when no cue but a currency can end it (after figures in number-dense
    text: "... 6,7 12 "), else ``None``: the cue searches on it are skipped."""
    end = window.rstrip()
    while end[-1:] in (":", "."):
        end = end[:-1].rstrip()
    return window if (not end or end[-1].isdigit()) and _digits_end_no_cue(ctx.lang) else None


def _ends(cue: _Tail | _EndCue, window: str, calm: str | None) -> _TailMatch | re.Match[str] | None:
    """``cue.search(window)``, skipped on the calm window (where it cannot match)."""
    return None if window is calm else cue.search(window)


@attrs.frozen
class _Lex:
    """Compiled cue patterns of one language (built once, on first use)."""

    qual_before: _Tail
    year_prep: _Tail  # "pada 2003", "in 2003": a bare four-digit number after these is a year
    qual_of: dict[str, Qualifier]
    cur_before: _Tail
    cur_after: re.Pattern[str]
    cur_of: dict[str, str]
    percent_after: re.Pattern[str]
    points_after: re.Pattern[str]
    change_before: _EndCue
    change_down: _EndCue
    change_after: re.Pattern[str]
    compare_before: _Tail
    superseded_before: _EndCue  # "from an earlier estimate of" right before a figure
    superseded_after: re.Pattern[str]  # "như ước tính trước đó" right after a figure
    compare_in: re.Pattern[str]
    superlative_in: re.Pattern[str]  # "the highest since January": the period is a record's
    refer_back: re.Pattern[str]  # "the largest", "trong đó": a clause about the noun before
    cur_named: re.Pattern[str]  # currency names of several words ("dolar AS", "US dollar")
    place_joiner: re.Pattern[str]  # between a place and its figure in a list ("Korea 3,57")
    rank_before: _Tail
    ordinal_before: _Tail
    ordinal_prefix: _EndCue
    ordinal_suffix: re.Pattern[str]
    ident_before: _Tail
    range_joiner: re.Pattern[str]
    range_before: _Tail
    range_paired: re.Pattern[str]
    multiples: re.Pattern[str]
    mult_of: dict[str, Decimal]
    year_after: re.Pattern[str]
    rank_after: re.Pattern[str]
    ordinal_words: re.Pattern[str]
    ordinal_of: dict[str, Decimal]
    percent_before: _Tail
    percent_opening: _Tail
    change_after_down: re.Pattern[str]
    unit_gap: re.Pattern[str]
    unit_reach: int  # the longest text unit_gap matches: it is searched only that far back
    time_before: _Tail
    dotted: frozenset[str]
    sign_before: _Tail
    scale_after: re.Pattern[str]
    scale_of: dict[str, Decimal]
    minor_after: re.Pattern[str]
    minor_of: dict[str, Decimal]
    minor_joiners: tuple[str, ...]
    whole_currencies: frozenset[str]
    points_bare: re.Pattern[str]
    collective: frozenset[str]
    collective_next: re.Pattern[str]
    during: frozenset[str]
    qual_not_before: dict[str, re.Pattern[str]]
    qual_after: re.Pattern[str]
    qual_after_of: dict[str, Qualifier]
    cur_context: dict[str, re.Pattern[str]]


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words`` as a character trie (longest match first).

    Thousands of currency names and codes stay fast: at each position the
    engine follows one branch per character instead of trying every word.
    """
    root: dict[str, Any] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        if w:
            node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root) or "(?!)"


_CODE = re.compile(r"[A-Za-z]{3}")
"""An ISO 4217 code, upper or lower case: matched only as written ("ALL", never "all")."""


def _currency_alt(words: Iterable[str], *, rev: bool = False) -> str:
    """Currency names and symbols case-insensitively, then codes as written."""
    ws = [w[::-1] if rev else w for w in words]
    codes = [w for w in ws if _CODE.fullmatch(w)]
    names = [w.lower() for w in ws if not _CODE.fullmatch(w)]
    # each branch behind a check of its first characters: where no currency starts (most
    # places it is tried: after every figure, before it, between two) the hundreds of
    # case-insensitive branches are not entered one by one
    return f"(?:{_led(names, ignorecase=True)}(?i:{_trie(names)})|{_led(codes)}{_trie(codes)})"


def _word_scan(words: Iterable[str]) -> str:
    """A whole-word, case-insensitive trie of ``words`` for scans of a whole text, faster.

    Each branch opens with one of the characters a word can start with, as a plain
    literal (every case variant the ``re`` module matches), so the engine skips at C
    speed to the places where one stands; a look-behind after it checks that no letter
    comes before. The same matches as the case-insensitive trie behind a look-ahead.
    """
    ws = sorted({w.casefold() for w in words if w})
    firsts = sorted({w[0] for w in ws})
    # the characters (?i) matches for each first character: one scan of the BMP for all
    pool = re.findall(f"(?i:[{''.join(re.escape(c) for c in firsts)}])", _bmp())
    alts = []
    for c in firsts:
        rest = [w[1:] for w in ws if w[0] == c]
        tails = [r for r in rest if r]
        body = f"(?i:{trie(tails)})" if tails else ""
        if tails and "" in rest:
            body = f"(?:{body})?"
        variants = [re.escape(x) for x in pool if re.fullmatch(f"(?i:{re.escape(c)})", x)]
        if ord(c) > 0xFFFF:  # the pool is of the BMP: the character case-insensitively
            variants = [f"(?i:{re.escape(c)})"]
        alts += [rf"{v}(?<![^\W\d_][\s\S]){body}" for v in variants]
    return f"(?:{'|'.join(alts)}){_END}" if alts else "(?!)"


def _led(words: Sequence[str], *, ignorecase: bool = False) -> str:
    """A look-ahead for the characters ``words`` can start with ("" when it cannot be exact)."""
    if not words or any(ord(w[0]) > 0xFFFF for w in words if w):
        return ""  # first_chars reads the Basic Multilingual Plane only
    chars = first_chars(words, ignorecase=ignorecase)
    return f"(?=[{chars}])" if chars else ""


# "-0.3%", "−5 million": a dash right before the digits, after a space or an opening mark
_SIGN_DASHES = "-\u2212\u2013\u2012\ufe63\uff0d"
_BIDI = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"


@functools.cache
def _lex(lang: Language) -> _Lex:
    cl: dict[str, Any] = lang.raw.get("claims", {})
    quals: dict[str, Qualifier] = {}
    for qname, phrases in cl.get("qualifiers", {}).items():
        for ph in phrases:
            quals.setdefault(
                " ".join(ph.replace("\u200c", " ").casefold().split()), Qualifier(qname)
            )
    quals_after: dict[str, Qualifier] = {}  # "500 or more", "7000 đồng trở xuống"
    for qname, phrases in cl.get("qualifiers_after", {}).items():
        for ph in phrases:
            quals_after.setdefault(" ".join(ph.casefold().split()), Qualifier(qname))
    curs: dict[str, str] = {}
    own = {**lang.raw.get("cldr_currencies", {}), **lang.raw.get("currencies", {})}
    for table in (own, common().get("currencies", {})):
        for name, iso in table.items():
            curs.setdefault(name, iso)
            curs.setdefault(name.casefold(), iso)
    symbols = list(common().get("currencies", {}))
    names = list(own)
    cur_words = symbols + names
    cur_alt = _currency_alt(cur_words)
    # names that are also common words ("won"): a currency only after a figure, in context
    context = {
        k.casefold(): re.compile(rf"{_START}(?i:{_alt(v)}){_END}")
        for k, v in lang.raw.get("currency_context", {}).items()
    }
    before_words = [w for w in cur_words if w.casefold() not in context]
    multi = [w for w in names if " " in w.strip()]
    joiners = cl.get("place_joiners", [])
    joiner = rf"(?:(?i:{_alt(joiners)}){_END}[\s\u00a0]+)?" if joiners else ""
    num: dict[str, Any] = lang.raw.get("numerals", {})
    sign_words = num.get("sign_before", [])
    sign_word_re = rf"\s+(?i:{_alt(w[::-1] for w in sign_words)})|" if sign_words else ""
    minor = {k.casefold(): Decimal(str(v)) for k, v in num.get("minor_units", {}).items()}
    big = [w for w, v in lang.multipliers.items() if v >= 1000]
    change = cl.get("change_before", [])
    gap = cl.get("change_gap", [])
    not_before = cl.get("change_not_before", [])
    nb = rf"(?!\s+(?i:{_alt(not_before)}){_END})" if not_before else ""
    mult = {k.casefold(): Decimal(str(v)) for k, v in cl.get("multiples", {}).items()}
    year_words = lang.raw.get("periods", {}).get("year_words", [])
    year_preps = lang.raw.get("periods", {}).get("year_prepositions", [])
    per_suffix = cl.get("ordinal_suffix", [])
    never = _never()
    never_tail = _never_tail()
    ordinals = {k.casefold(): Decimal(str(v)) for k, v in cl.get("ordinal_words", {}).items()}
    suffixes = cl.get("percent_suffix", [])
    pct_suffix = rf"(?=(?:{_alt(suffixes)}){_END})" if suffixes else "(?!)"
    return _Lex(
        qual_before=_Tail.of(quals) if quals else never_tail,
        year_prep=_Tail.of(year_preps) if year_preps else never_tail,
        qual_of=quals,
        # a bidi mark may open the currency: CLDR fa writes "\u200e$\u00a05,100.54"
        # a sign may open it: "-$1,582,744.00", "-\u200e$\u00a05,100.54", "-RUB83.00"
        cur_before=_Tail(
            re.compile(
                rf"\s?{_currency_alt(before_words, rev=True)}"
                rf"(?=[{_BIDI}]*(?:$|[{_OPEN}{_BIDI}{re.escape(_SIGN_DASHES)}]))"
            )
        ),
        cur_after=re.compile(rf"[ \u00a0]?{cur_alt}(?:{_END}|{pct_suffix})"),
        cur_of=curs,
        percent_after=re.compile(
            rf"[ \u00a0]?(?i:{_alt(cl.get('percent', ['%']))})(?:{_END}|(?<=%)|{pct_suffix})"
        ),
        points_after=re.compile(rf"[ \u00a0]?(?i:{_alt(cl['points'])}){_END}")
        if cl.get("points")
        else never,
        change_before=_EndCue.of(change, nb, gap) if change else _never_cue(),
        change_down=_EndCue.of(cl["change_down"], nb, gap)
        if cl.get("change_down")
        else _never_cue(),
        compare_before=_Tail.of(cl["compare_before"]) if cl.get("compare_before") else never_tail,
        superseded_before=_EndCue(
            re.compile(rf"{_START}(?i:{_alt(cl['superseded_before'])})(?:\s+\w+)?\s*$"),
            re.compile(
                rf"\s*(?:\w+\s+)?(?i:{_alt(w[::-1] for w in cl['superseded_before'])}){_END}"
            ),
        )
        if cl.get("superseded_before")
        else _never_cue(),
        superseded_after=re.compile(rf"\s*(?i:{_alt(cl['superseded_after'])}){_END}")
        if cl.get("superseded_after")
        else _never(),
        # a trie behind its first characters: hundreds of names tried in turn at every word
        # of the sentences read cost a quarter of extraction on number-dense text
        cur_named=re.compile(
            starting_with(
                first_chars(multi), rf"{_START}(?i:{trie(w.lower() for w in multi)}){_END}"
            )
        )
        if multi
        else never,
        place_joiner=re.compile(rf"[\s:،,]*{joiner}"),
        refer_back=re.compile(rf"[,;،]\s*(?i:{_alt(cl['refer_back'])}){_END}")
        if cl.get("refer_back")
        else never,
        # searched in the 40 characters before every figure: a trie behind its first characters
        compare_in=re.compile(
            starting_with(
                first_chars(cl["compare_before"]),
                rf"{_START}(?i:{trie(w.lower() for w in cl['compare_before'])}){_END}",
            )
        )
        if cl.get("compare_before")
        else never,
        superlative_in=re.compile(rf"{_START}(?i:{_alt(cl['superlatives'])}){_END}")
        if cl.get("superlatives")
        else never,
        change_after=re.compile(rf"\s*(?i:{_alt(cl['change_after'])}){_END}")
        if cl.get("change_after")
        else never,
        rank_before=_Tail.of(cl["rank_before"]) if cl.get("rank_before") else never_tail,
        ordinal_before=_Tail.of(cl["ordinal_before"]) if cl.get("ordinal_before") else never_tail,
        ordinal_prefix=_EndCue(
            re.compile(
                rf"{_START}(?i:{_alt(cl['ordinal_prefix'])})(?<=-)$|{_START}(?i:{_alt(cl['ordinal_prefix'])})\s+$"
            ),
            re.compile(rf"\s*(?i:{_alt(w[::-1] for w in cl['ordinal_prefix'])}){_END}"),
        )
        if cl.get("ordinal_prefix")
        else _never_cue(),
        ordinal_suffix=re.compile(rf"(?i:{_alt(per_suffix)}){_END}") if per_suffix else never,
        ident_before=_Tail(
            re.compile(
                rf"[\s:.]*(?:(?:{_alt(w[::-1] for w in cl.get('number_words', ['No.', 'No']))})"
                rf"\s*)?(?:{_alt(w[::-1] for w in cl.get('identifier_before', ['No.']))})"
                rf"(?:$|(?=[{_OPEN}]))"
            )
        ),
        range_joiner=re.compile(
            rf"\s*(?:{_alt(j for j in cl.get('range_joiners', ['-']) if not j.isalpha())}"
            rf"|(?i:{_alt(j for j in cl.get('range_joiners', []) if j.isalpha()) or '(?!)'})"
            rf"{_END})\s*"
        ),
        range_before=_Tail.of(cl["range_before"]) if cl.get("range_before") else never_tail,
        # joiners that make a range only after a range word: "between 20 and 43", not "20 and 43"
        range_paired=re.compile(rf"\s*(?i:{_alt(cl['range_paired'])})\s*")
        if cl.get("range_paired")
        else never,
        multiples=re.compile(_word_scan(mult)) if mult else never,
        mult_of=mult,
        year_after=re.compile(rf"\s*(?i:{_alt(year_words)}){_END}") if year_words else never,
        rank_after=re.compile(rf"\s+(?i:{_alt(cl['rank_after'])}){_END}")
        if cl.get("rank_after")
        else never,
        ordinal_words=re.compile(_word_scan(ordinals)) if ordinals else never,
        ordinal_of=ordinals,
        percent_before=_Tail(re.compile(rf"\s?(?:{_alt(w[::-1] for w in cl['percent_before'])})"))
        if cl.get("percent_before")
        else never_tail,
        # "percent of 10" opening a clause: the figure after it is the percentage
        percent_opening=_Tail(
            re.compile(
                rf"\s*(?i:{_alt(w[::-1] for w in cl['percent_opening'])})"
                r"(?=\s*(?:[.;:!?(\n\"“]|$))"
            )
        )
        if cl.get("percent_opening")
        else never_tail,
        change_after_down=re.compile(rf"\s*(?i:{_alt(cl['change_after_down'])}){_END}")
        if cl.get("change_after_down")
        else never,
        # what may stand between the two ends of a range besides the joiner: a currency
        time_before=_Tail.of(cl["time_before"]) if cl.get("time_before") else never_tail,
        unit_gap=re.compile(rf"{cur_alt}?\s?$"),
        # a currency word, one space and a final newline ("\s?$")
        unit_reach=max((max(len(w), len(w.lower())) for w in cur_words), default=0) + 2,
        sign_before=_Tail(re.compile(rf"(?:{sign_word_re}[{_SIGN_DASHES}])(?:$|(?=[{_OPEN}]))")),
        scale_after=re.compile(rf"[ \u00a0]?(?i:{_alt(big)}){_END}") if big else never,
        scale_of={w.casefold(): v for w, v in lang.multipliers.items() if v >= 1000},
        minor_after=re.compile(rf"[ \u00a0]?(?i:{_alt(minor)}){_END}") if minor else never,
        minor_of=minor,
        minor_joiners=("", *(w.casefold() for w in num.get("minor_joiners", lang.connectors))),
        whole_currencies=frozenset(common().get("currency_minor", {}).get("none", [])),
        points_bare=re.compile(rf"[ \u00a0]?(?i:{_alt(cl['points_bare'])}){_END}")
        if cl.get("points_bare")
        else never,
        collective=frozenset(w.casefold() for w in cl.get("collective", [])),
        # a noun after a collective word: a word, not one that makes it an ordinal ("kalinya")
        collective_next=re.compile(
            rf"[ \u00a0]+(?!(?i:{_alt(cl['collective_not_before'])}){_END})[^\W\d_]"
            if cl.get("collective_not_before")
            else r"[ \u00a0]+[^\W\d_]"
        ),
        during=frozenset(w.casefold() for w in cl.get("during", [])),
        qual_after=re.compile(rf"[ \u00a0]*(?i:{_alt(quals_after)}){_END}")
        if quals_after
        else never,
        qual_after_of=quals_after,
        qual_not_before={
            " ".join(k.casefold().split()): re.compile(rf"[ \u00a0]+(?i:{_alt(v)}){_END}")
            for k, v in cl.get("qualifier_not_before", {}).items()
        },
        cur_context=context,
        dotted=frozenset(
            w.split()[-1].casefold()
            for w in [
                *quals,
                *cur_words,
                *cl.get("identifier_before", ["No."]),
                *cl.get("number_words", ["No.", "No"]),
            ]
            if w.endswith(".") and w.split()
        )
        # a month's short name ("Oct. 9"): a dot after it ends no sentence before a day
        | frozenset(
            k.casefold() + "."
            for k in lang.raw.get("periods", {}).get("months", {})
            if len(k) <= 4 and k.isalpha()
        ),
    )


# --------------------------------------------------------------- documents


def _as_document(
    doc_or_text: Document | str, lang: str | None, published: datetime.date | None
) -> Document:
    if isinstance(doc_or_text, Document):
        doc = doc_or_text
        if lang is not None and doc.lang is not None and lang != doc.lang:
            raise ValueError(
                f"conflicting languages: the document says {doc.lang!r}, the call says {lang!r}"
            )
        if lang is not None or published is not None:
            doc = attrs.evolve(
                doc,
                lang=lang or doc.lang,
                published=published if published is not None else doc.published,
            )
        return doc
    if isinstance(doc_or_text, str):
        return Document(doc_or_text, lang=lang, published=published)
    raise TypeError(
        f"extract expects a Document or str, got {type(doc_or_text).__name__}"
        + (" (decode bytes first)" if isinstance(doc_or_text, bytes) else "")
    )


def _resolve_lang(doc: Document) -> Language:
    code = doc.lang if doc.lang is not None else detect_language(doc.text)
    if code not in available():
        raise UnsupportedLanguageError(
            f"unsupported language {code!r}; supported: {', '.join(available())}"
        )
    return load(code)


# ----------------------------------------------------------------- scanning


@attrs.frozen
class _Ctx:
    text: str
    lang: Language
    lex: _Lex
    doc: Document
    sentences: tuple[Span, ...]
    urls: tuple[Span, ...]
    url_starts: tuple[int, ...]
    sent_starts: tuple[int, ...]
    lexicon: Lexicon
    offset: int = 0  # where the text starts in a longer one (claims' offsets are into that)


_MAX_SENTENCE = 1200
"""Longer runs without a sentence end (tables, junk) are cut at spaces, so that
per-sentence work stays bounded."""


_FIGURE_NEXT = re.compile(r"[^\W\d_]{1,3}\W?\s?\d")
"""A capital that opens a figure ("approx. US$5", "Rp. 5"): no sentence starts there."""


def _sentences(text: str, dotted: frozenset[str] = frozenset()) -> tuple[Span, ...]:
    """Sentence spans. A dot after one of the language's ``dotted`` words
    ("approx.", "Rp.") does not end a sentence unless a capital follows, and
    no dot ends one when a lowercase letter follows ("U.S. dollars")."""
    out: list[Span] = []

    def add(a: int, b: int) -> None:
        while b - a > _MAX_SENTENCE:
            cut = text.rfind(" ", a + _MAX_SENTENCE // 2, a + _MAX_SENTENCE)
            cut = cut if cut > a else a + _MAX_SENTENCE
            out.append(Span(a, cut))
            a = cut
        if b > a:
            out.append(Span(a, b))

    start = 0
    for m in _SENT.finditer(text):
        a, b = m.start(1), m.end()
        if a < 0:
            a = m.start()  # newlines
        if text[a - 1 : a] == "." and text[b : b + 1].islower():
            continue  # "U.S. dollars", "approx. five": a sentence never opens in lowercase
        if (
            dotted
            and text[a - 1 : a] == "."
            and (not text[b : b + 1].isupper() or _FIGURE_NEXT.match(text, b) is not None)
        ):
            before = text[max(start, a - 24) : a].split()
            if before and before[-1].casefold() in dotted:
                continue  # "approx. 5 million", "Rp. 5 juta": an abbreviation, not an end
        add(start, a)
        start = b
    add(start, len(text))
    return tuple(out)


def _sentence_of(ctx: _Ctx, pos: int) -> Span:
    k = bisect.bisect_right(ctx.sent_starts, pos) - 1
    if k >= 0 and pos < ctx.sentences[k].end:
        return ctx.sentences[k]
    return Span(pos, pos)


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


@attrs.define
class _Draft:
    """A claim being built (mutable only inside this module)."""

    start: int
    end: int
    value: Decimal
    step: Decimal
    numerals: list[int]
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    kind: ClaimKind = ClaimKind.COUNT
    change: bool = False
    upper: Decimal | None = None
    of: Decimal | None = None
    words: bool = False
    is_range: bool = False
    other: Decimal | None = None


def scan(
    doc: Document | str,
    *,
    lang: str | Language | None = None,
    published: datetime.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    concepts: ConceptsArg = None,
) -> list[ScanItem]:
    """Account for every numeral of a document.

    Each numeral ends up in exactly one :class:`~integfacts.model.ScanItem`:
    part of a claim, a period or date, or not a claim with the reason
    (``identifier``, ``url``, ``ordinal``, ``list_marker``, ``name``,
    ``article``, ``time``, ``score``, ``phone``, ``ballot``, ``duration``,
    ``age``, ``counter``, ``collective``). Ordinal words ("fourth", "ketiga")
    have an item too: their rank's claim, their period, or ``ordinal`` /
    ``collective`` ("kedua pasangan": both pairs).

    Args:
        doc: a :class:`~integfacts.model.Document` or a text.
        lang: language code (or its :class:`~integfacts.languages.Language`);
            overrides nothing the document states (a conflicting one raises
            ``ValueError``). ``None``: the document's, else detected.
        published: publication date, the base for relative dates.
        max_chars: refuse longer documents (:class:`DocumentTooLargeError`).
        concepts: the user's concept terms, added to the built-in lexicon: a
            path to a concept file, the same data as a mapping, or a
            :class:`~integfacts.concepts.Lexicon` (see the concept lexicon page).

    Raises:
        ValueError: an invalid ``concepts`` file or mapping (the message names
            the file and the key).

    Example:
        >>> items = scan("Decision No. 2887 of 2023 funds 40 schools.", lang="en")
        >>> [(str(i.value), i.reason) for i in items]
        [('2887', 'identifier'), ('2023', 'period'), ('40', 'amount')]
    """
    items, _ = _run(doc, lang=lang, published=published, max_chars=max_chars, concepts=concepts)
    return items


def extract(
    doc: Document | str,
    *,
    lang: str | Language | None = None,
    published: datetime.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    concepts: ConceptsArg = None,
) -> list[Claim]:
    """Turn every figure a text states into a :class:`~integfacts.model.Claim`.

    Args:
        doc: a :class:`~integfacts.model.Document` or a text.
        lang: language code (``"en"``, ``"id"``, ``"vi"``, ``"fa"``) or its
            :class:`~integfacts.languages.Language`; ``None`` means the
            document's, else detected.
        published: publication date, the base for relative dates.
        max_chars: refuse longer documents (:class:`DocumentTooLargeError`).
        concepts: the user's concept terms, added to the built-in lexicon: a
            path to a concept file (``[concepts]``, ``[concepts.<lang>]``), the
            same data as a mapping, or a :class:`~integfacts.concepts.Lexicon`.

    Returns:
        The claims in text order; an empty list when the text states none.

    Raises:
        UnsupportedLanguageError: for a language without a data file.
        DocumentTooLargeError: when the text is longer than ``max_chars``.
        TypeError: when ``doc`` is neither a Document nor a str.
        ValueError: an invalid ``concepts`` file or mapping (the message names
            the file and the key).

    Example:
        >>> c = extract("Da Nang menerima lebih dari 3.000 delegasi.", lang="id")[0]
        >>> (c.quantity.value, c.quantity.qualifier.value, c.metric, c.text)
        (Decimal('3000'), 'more_than', 'delegations', 'lebih dari 3.000')
    """
    _, claims = _run(
        doc,
        lang=lang,
        published=published,
        max_chars=max_chars,
        concepts=concepts,
        with_items=False,
    )
    return claims


def _run(
    doc_or_text: Document | str,
    *,
    lang: str | Language | None,
    published: datetime.date | None,
    max_chars: int,
    concepts: ConceptsArg = None,
    with_items: bool = True,
    offset: int = 0,
) -> tuple[list[ScanItem], list[Claim]]:
    lex_concepts = lexicon_for(concepts)  # a bad concept file fails before any work
    code = lang.code if isinstance(lang, Language) else lang
    doc = _as_document(doc_or_text, code, published)
    if len(doc.text) > max_chars:
        raise DocumentTooLargeError(
            f"document {doc.source or '<text>'} has {len(doc.text):,} characters,"
            f" above max_chars={max_chars:,}; pass a larger max_chars to read it,"
            " or read it block by block with iter_claims"
        )
    # the one look-up of the language: its value flows to every step below
    language = lang if isinstance(lang, Language) else _resolve_lang(doc)
    text = doc.text
    lex = _lex(language)
    multiples = list(lex.multiples.finditer(text))
    # "hundreds of", "صد‌ها", "میلیون‌ها": their words are no numeral of their own
    numerals = find_numerals(_blank(text, multiples), language)
    if not numerals and not multiples and not lex.ordinal_words.search(text):
        return [], []
    urls = tuple(Span(m.start(), m.end()) for m in _URL.finditer(text))
    sentences = _sentences(text, lex.dotted)
    ctx = _Ctx(
        text,
        language,
        lex,
        doc,
        sentences,
        urls,
        tuple(u.start for u in urls),
        tuple(x.start for x in sentences),
        lex_concepts,
        offset,
    )
    # scores, phone numbers, clock times, ballot numbers: no figures ("hotline 1900 9095"
    # holds no year either)
    unfit = not_figures(text, numerals, language)
    # "10,000 người" in a text that groups thousands with commas: the document's reading,
    # and the other one kept for comparisons
    numerals, other_reading = reread(text, numerals, language, unfit)
    periods = [
        p
        for p in find_periods(text, numerals, language, published=doc.published, year_on_year=True)
        if not _counted_year(ctx, p, numerals)
        and not (unfit and any(unfit.get(k) in NOT_PERIODS for k in p.numerals))
    ]
    outcome: dict[int, tuple[Outcome, str, PeriodMention | None]] = {}
    for pm in periods:
        for k in pm.numerals:
            outcome[k] = (Outcome.PERIOD, "date" if pm.granularity == "day" else "period", pm)
    for k, unfit_why in unfit.items():
        outcome.setdefault(k, (Outcome.NOT_CLAIM, unfit_why, None))
    drafts: list[_Draft] = []
    owner: dict[int, _Draft] = {}
    i = 0
    n = len(numerals)
    while i < n:
        if i in outcome:
            i += 1
            continue
        reason, draft = _classify(ctx, numerals, i, outcome)
        if draft is None:
            outcome[i] = (Outcome.NOT_CLAIM, reason, None)
            i += 1
            continue
        drafts.append(draft)
        for k in draft.numerals:
            owner[k] = draft
        i = max(draft.numerals) + 1
        # a number word inside the figure's own wording is part of it: "صد"
        # (hundred) in the percent word "۷ در صد"
        while i < n and i not in outcome and numerals[i].span.end <= draft.end:
            owner[i] = draft
            i += 1
    drafts.sort(key=lambda d: d.start)
    for d in drafts:  # the other separator reading, with the draft's sign and scale
        if len(d.numerals) == 1 and d.numerals[0] in other_reading:
            k = d.numerals[0]
            d.other = other_value(d.value, numerals[k].value, other_reading[k])
    # durations and ages ("24 hours", "dua hari", "aged 72", "۷۲ ساله") are no
    # facts to reconcile: accounted for with their reason, never claims
    g = grammar(language)
    kept: list[_Draft] = []
    for d in drafts:
        why = (
            time_word(text, d.end, g, d.start)
            if d.kind is ClaimKind.COUNT and d.unit is None and not d.change
            else None
        )
        if why is None:
            kept.append(d)
            continue
        for k in d.numerals:
            owner.pop(k, None)
            outcome[k] = (Outcome.NOT_CLAIM, why, None)
        for k in [k for k, o in owner.items() if o is d]:
            del owner[k]
            outcome[k] = (Outcome.NOT_CLAIM, why, None)
    drafts = kept
    taken_spans = _Spans(drafts)
    drafts.extend(
        _multiple_draft(ctx, m) for m in multiples if not taken_spans.hit(m.start(), m.end())
    )
    drafts.extend(_ordinal_ranks(ctx, taken_spans))
    drafts.sort(key=lambda d: d.start)
    if not with_items:  # extract: the numerals' accounting is freed before the claims are built
        del numerals, outcome, owner, taken_spans
        return [], _finish(ctx, drafts, periods)
    claims = _finish(ctx, drafts, periods)
    claim_of = {id(d): c for d, c in zip(drafts, claims, strict=True)}
    items: list[ScanItem] = []
    for k, num in enumerate(numerals):
        if k in owner:
            items.append(
                ScanItem(num.span, num.value, Outcome.CLAIM, "amount", claim=claim_of[id(owner[k])])
            )
            continue
        oc, why, mention = outcome[k]
        per = mention.period if mention is not None else None
        items.append(ScanItem(num.span, num.value, oc, why, period=per))
    words = _word_items(ctx, items, drafts, claim_of, periods)
    if words:
        items = sorted([*items, *words], key=lambda it: it.span.start)
    return items, claims


def _word_items(
    ctx: _Ctx,
    items: Sequence[ScanItem],
    drafts: Sequence[_Draft],
    claim_of: Mapping[int, Claim],
    periods: Sequence[PeriodMention],
) -> list[ScanItem]:
    """Scan items for ordinal words ("ranked fourth", "juara ketiga", "kedua pasangan").

    A rank's word is its claim's; a word inside a period ("the first nine
    months") is the period's; any other is an ``ordinal``, or ``collective``
    when a collective word of the language stands before a noun ("kedua
    pasangan": both pairs). Words overlapping a numeral's item are left out.
    """
    text, lex = ctx.text, ctx.lex
    taken = [(i.span.start, i.span.end) for i in items]
    starts = [a for a, _ in taken]
    ranks = sorted((d.start, d.end, id(d)) for d in drafts if d.kind is ClaimKind.RANK)
    spans = sorted((p.span.start, p.span.end, p) for p in periods if p.span.end > p.span.start)
    out: list[ScanItem] = []
    for m in lex.ordinal_words.finditer(text):
        a, b = m.span()
        k = bisect.bisect_right(starts, b) - 1
        if k >= 0 and taken[k][1] > a:
            continue  # part of a numeral's item ("thứ 5")
        word = " ".join(m.group().casefold().split())
        value = lex.ordinal_of[word]
        span = Span(a, b)
        rank = next((r for r in ranks if r[0] <= a and b <= r[1]), None)
        if rank is not None:
            out.append(ScanItem(span, value, Outcome.CLAIM, "amount", claim=claim_of[rank[2]]))
            continue
        per = next((p for s, e, p in spans if s <= a and b <= e), None)
        if per is not None:
            why = "date" if per.granularity == "day" else "period"
            out.append(ScanItem(span, value, Outcome.PERIOD, why, period=per.period))
            continue
        why = "collective" if word in lex.collective and _collective(ctx, a, b) else "ordinal"
        out.append(ScanItem(span, value, Outcome.NOT_CLAIM, why))
    return out


_WORD_NEXT = re.compile(r"[ \u00a0]+([^\W\d_]+)")
_WORD_LAST = re.compile(r"([^\W\d_]+)[ \u00a0]+$")


def _collective(ctx: _Ctx, a: int, b: int) -> bool:
    """Whether the collective word ``text[a:b]`` says "all N of": a noun after it ("kedua
    pasangan"), none before it ("debat kedua" is the second debate)."""
    text, g = ctx.text, grammar(ctx.lang)
    nxt = ctx.lex.collective_next.match(text, b) and _WORD_NEXT.match(text, b)
    key = (nxt.group(1).casefold(),) if nxt else ()
    if not nxt or (key in g.function_words and key not in g.classifiers):
        return False  # "kedua di Jakarta"; "ketiga orang itu" has its noun
    prev = _WORD_LAST.search(text, max(0, a - 24), a)
    return prev is None or (prev.group(1).casefold(),) in g.function_words


def _line_starts_at(text: str, pos: int) -> bool:
    """Whether only spaces stand between the line start and ``pos`` (bounded look-back)."""
    seg = text[max(0, pos - 12) : pos]
    nl = seg.rfind("\n")
    if nl < 0:
        return pos <= 12 and seg.strip() == ""
    return seg[nl + 1 :].strip() == ""


def _alone_on_line(text: str, a: int, b: int, width: int) -> bool:
    """Whether ``text[a:b]`` sits on a short line (at most ``width`` characters)."""
    left = text.rfind("\n", max(0, a - width), a)
    right = text.find("\n", b, b + width)
    start = left + 1 if left >= 0 else (0 if a <= width else -1)
    end = right if right >= 0 else (len(text) if len(text) - b <= width else -1)
    return start >= 0 and end >= 0 and len(text[start:end].strip()) <= width


def _counted_year(ctx: _Ctx, p: PeriodMention, numerals: Sequence[Numeral]) -> bool:
    """A bare year-like number that counts something ("1900 visitors", "lebih dari 2000").

    Only a lone four-digit number with no year word, range or cue around it,
    followed by a term of the concept vocabulary or a unit ("1850%", "2000
    dolar AS"; not one that opens the next figure, as in "In 2024 $5 billion"),
    or preceded by a qualifier or a currency ("Rp 2000"); never one after a
    preposition of time ("pada 2003 menewaskan").
    """
    if p.granularity != "year" or len(p.numerals) != 1:
        return False
    num = numerals[p.numerals[0]]
    text, lex = ctx.text, ctx.lex
    unit = (
        lex.percent_after.match(text, num.span.end)
        or lex.points_after.match(text, num.span.end)
        or lex.cur_after.match(text, num.span.end)
    )
    if unit and not _NEXT_DIGIT.match(text, unit.end()):
        return True  # "đến 2000 đồng", "to 2000 dollars": an amount, whatever the cue
    if (p.span.start, p.span.end) != (num.span.start, num.span.end):
        return False  # "tahun 2024", "by 2030": the words make it a year
    before = text[max(0, num.span.start - _LEFT) : num.span.start]
    if lex.qual_before.search(before) or lex.cur_before.search(before):
        return True
    if lex.year_prep.search(before):
        return False  # "Gempa di Bam pada 2003 menewaskan ...": a year, whatever follows
    concepts = find_concepts(
        text, ctx.lang, num.span.end, min(len(text), num.span.end + 40), ctx.lexicon
    )
    return bool(concepts) and text[num.span.end : concepts[0].start] in (" ", "\u00a0")


def _blank(text: str, matches: Sequence[re.Match[str]]) -> str:
    """``text`` with each match replaced by as many spaces (offsets unchanged)."""
    if not matches:
        return text
    parts: list[str] = []
    last = 0
    for m in matches:
        parts += [text[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def _inside_term(ctx: _Ctx, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` lies inside a term of the concept vocabulary."""
    lo, hi = max(0, s - _LEFT), min(len(ctx.text), e + _RIGHT)
    return any(
        m.start <= s and e <= m.end and (m.start, m.end) != (s, e)
        for m in find_concepts(ctx.text, ctx.lang, lo, hi, ctx.lexicon)
    )


def _in_url(ctx: _Ctx, pos: int) -> bool:
    k = bisect.bisect_right(ctx.url_starts, pos)
    return k > 0 and pos < ctx.urls[k - 1].end


def _classify(
    ctx: _Ctx,
    numerals: Sequence[Numeral],
    i: int,
    outcome: dict[int, tuple[Outcome, str, PeriodMention | None]],
) -> tuple[str, _Draft | None]:
    """Decide what numeral ``i`` is; return a reason, or a claim draft."""
    text, lex = ctx.text, ctx.lex
    num = numerals[i]
    s, e = num.span.start, num.span.end
    if _in_url(ctx, s):
        return "url", None
    before = text[max(0, s - _LEFT) : s]
    after = text[e : e + _RIGHT]
    glued_left = s > 0 and _GLUED.match(text, s - 1) and not num.words
    if glued_left and not lex.cur_before.search(before):
        return "name", None  # part of a name or code ("G20", "A320", "GMT+7")
    calm = _calm(ctx, before)
    if _ends(lex.ident_before, before, calm):
        return "identifier", None
    if _ends(lex.time_before, before, calm) and _CLOCK.match(text[s : e + 3]):
        return "time", None  # "pukul 08.30", "lúc 8h30"
    if _TIME.match(text, s) or (
        text[s - 1 : s] == ":" and _TIME_END.search(text, max(0, s - 4), s)
    ):
        return "time", None
    if (
        text[s - 1 : s] == "("
        and text[e : e + 1] == ")"
        and not num.words
        and _alone_on_line(text, s - 1, e + 1, 40)
    ):
        return "counter", None  # page furniture: "Komentar (0)", "Comments (12)"
    hyphen_number = i + 1 < len(numerals) and numerals[i + 1].span.start == e + 1
    if after[:1] in ("-", "–"):
        joined = time_word(text, e, grammar(ctx.lang), s)
        if joined is not None:
            return joined, None  # "a 72-year-old man", "a 24-hour strike"
    if (
        _SLASH_WORD.match(after)
        and not hyphen_number
        and not read_unit(text, e, ctx.lang)
        and not _money_hyphen(lex, text, e, digits=True)
    ) or _SLASH_CODE.match(after):
        return "identifier", None  # "2887/QD-UBND", "59-NQ/TW", "15/2023/ND-CP"
    if _MARKER_END.match(after) and not num.words and _line_starts_at(text, s):
        return "list_marker", None
    # ordinals and ranks
    suffix = lex.ordinal_suffix.match(text, e)
    prefix = _ends(lex.ordinal_prefix, before, calm)
    if _ends(lex.ordinal_before, before, calm):
        return "ordinal", None
    if suffix or prefix:
        cue_end = prefix.start() if prefix else len(before)
        after_cue = lex.rank_after.match(text, suffix.end() if suffix else e)
        if _ends(lex.rank_before, before[:cue_end], calm) or after_cue:
            # the figure is the ordinal itself: "ke-5", "thứ 5", "5th"
            end = suffix.end() if suffix else e
            start = s - (len(before) - prefix.start()) if prefix else s
            return "", _Draft(start, end, num.value, Decimal(0), [i], kind=ClaimKind.RANK)
        return "ordinal", None
    if is_name(text, s, e, words=num.words):
        return "name", None  # "World War Two", "the film Five Lives", "ASEAN-6"
    if _ends(lex.rank_before, before, calm) and not num.scaled:
        # "peringkat 27", "رتبه ۵": a cardinal right after a rank word
        return "", _Draft(s, e, num.value, Decimal(0), [i], kind=ClaimKind.RANK)
    if _LETTER.match(text, e) and not num.words:
        glued = _LETTERS.match(text, e)
        word = glued.group() if glued else ""
        unit_after = lex.cur_after.match(text, e) or lex.percent_after.match(text, e)
        if not unit_after and word.casefold() != "x":
            return "name", None  # "5G", "3D", "A320neo"
    if (
        num.words
        and num.value == 1
        and not num.scaled
        and not lex.sign_before.search(before)
        and not lex.cur_after.match(text, e)
        and not _money_hyphen(lex, text, e, scale=False)  # "a one-yen bid"
        and not lex.percent_after.match(text, e)
    ):
        return "article", None  # "one of", "salah satu", "một trong": not a figure
    if num.words and not num.scaled and _inside_term(ctx, s, e):
        return "name", None  # "hai" in "thương mại hai chiều" (two-way trade): part of a term
    # ratio "23/24"
    nxt = numerals[i + 1] if i + 1 < len(numerals) else None
    if nxt is not None and i + 1 not in outcome and text[e : nxt.span.start] == "/":
        ratio = _Draft(
            s, nxt.span.end, num.value, Decimal(0), [i, i + 1], kind=ClaimKind.RATIO, of=nxt.value
        )
        sg = _ends(lex.sign_before, before, calm)
        if sg:  # "-4/5", "fell by -4/5": the sign is the fraction's
            ratio.start = s - len(before) + sg.start()
            ratio.value = -ratio.value
        return "", ratio
    draft = _Draft(s, e, num.value, num.step, [i], words=num.words)
    # ranges "60-70", "từ 60 đến 70", "60 to 70"
    if nxt is not None and i + 1 not in outcome:
        gap = text[e : nxt.span.start]
        # a joiner and a currency are short: a longer gap is no range, and is not searched
        short = len(gap) <= _RANGE_GAP
        # (a match ends the gap: no earlier start can match, and is not tried)
        unit = lex.unit_gap.search(gap, max(0, len(gap) - lex.unit_reach)) if short else None
        joint = gap[: unit.start()] if unit else gap if short else ""
        own = lex.cur_after.match(joint) if joint else None
        if own is not None:  # "from 10 dollars to 20 dollars": each end names the currency
            again = lex.cur_after.match(text, nxt.span.end)
            same = (
                again is not None
                and again.group().strip().casefold() == own.group().strip().casefold()
            )
            joint = joint[own.end() :] if same else ""
        same_scale = not num.scaled or not nxt.scaled or num.scale == nxt.scale
        lower = num.value * nxt.scale if nxt.scaled and not num.scaled else num.value
        if (
            joint
            and lex.range_joiner.fullmatch(joint)
            and nxt.value > lower
            and same_scale
            and not lex.change_before.search(before)
            and (not lex.range_paired.fullmatch(joint) or _range_word(ctx, before, calm))
        ):
            draft.value = lower  # "3-4 tỷ USD": the scale is shared
            draft.upper = nxt.value
            draft.end = nxt.span.end
            draft.numerals.append(i + 1)
            draft.step = max(num.step, nxt.step)
            draft.is_range = True
    prev = i - 1 if i > 0 and i - 1 not in outcome else -1
    _attach_units(
        ctx, draft, s, prev_end=numerals[prev].span.end if prev >= 0 else -1, scaled=num.scaled
    )
    minor = nxt is not None and i + 1 not in outcome and not draft.is_range
    if minor and draft.kind is ClaimKind.MONEY and nxt is not None and nxt.span.start >= draft.end:
        # "20 dollars 43 cents", "$20 and 43c": the hundredths after the amount belong to it;
        # so does a bare whole number under 100 that ends the clause ("$20 43", "hai đô 23")
        cents = lex.minor_after.match(text, nxt.span.end)
        gap = text[draft.end : nxt.span.start]
        bare = (
            cents is None
            and nxt.step == 0
            and not num.scaled
            and draft.unit not in lex.whole_currencies
            and _MINOR_END.match(text, nxt.span.end) is not None
        )
        if (cents or bare) and gap.strip().casefold() in lex.minor_joiners and 0 < nxt.value < 100:
            factor = lex.minor_of[cents.group().strip(" \u00a0").casefold()] if cents else _CENT
            draft.value += nxt.value * factor * (-1 if draft.value < 0 else 1)
            draft.step = min(draft.step, factor) if draft.step else _ZERO_STEP
            draft.end = cents.end() if cents else nxt.span.end
            draft.numerals.append(i + 1)
    return "", draft


def _money_hyphen(
    lex: _Lex, text: str, pos: int, *, digits: bool = False, scale: bool = True
) -> re.Match[str] | None:
    """A currency, scale word or minor unit joined by a hyphen at ``pos``, or None.

    "a 10-dollar bill", "a $5-million deal", "a 12-cent dividend": the word is
    the amount's, not a code's. With ``digits`` the word may open the next
    figure ("USD10-USD20", a range); ``scale``: scale words count too. A word
    of one letter ("5-C", "12-p") is no such word.
    """
    if text[pos : pos + 1] not in ("-", "\u2013") or text[pos + 1 : pos + 2].isspace():
        return None
    for pat in (lex.cur_after, lex.scale_after, lex.minor_after) if scale else (lex.cur_after,):
        m = pat.match(text, pos + 1)
        if (
            m is not None
            and len(m.group()) > 1
            and (digits or not text[m.end() : m.end() + 1].isdigit())
        ):
            return m
    return None


def _range_word(ctx: _Ctx, before: str, calm: str | None) -> bool:
    """Whether a range word ends ``before``, or stands before its currency ("between $")."""
    lex = ctx.lex
    if _ends(lex.range_before, before, calm):
        return True
    cb = lex.cur_before.search(before)
    return cb is not None and lex.range_before.search(before[: cb.start()]) is not None


_CENT = Decimal("0.01")
_MINOR_END = re.compile(r"[ \u00a0]*(?:$|[.,;:!?)\]](?!\d))")
"""After a bare number of cents: the end of the clause ("$20 43."), not a noun ("43 times")."""


_ZERO_STEP = Decimal(0)
_RANGE_GAP = 64
"""The longest text between the two ends of a range: a joiner and a currency name."""


def _attach_units(
    ctx: _Ctx, d: _Draft, left: int, *, prev_end: int = -1, scaled: bool = True
) -> None:
    """Currency, percent, sign, qualifier and change cues around a draft (in place).

    ``left`` is where the figure's own words start; each cue found before it
    ("US$", "lebih dari", "between", "-", "minus") extends the span leftwards.
    ``prev_end`` is where the amount before it ends (-1: none): a currency
    name right after that amount is its own ("5 million euros 10 years ago").
    ``scaled``: the figure has its scale word; if not, one after its currency
    applies ("75 USD million").
    """
    text, lex = ctx.text, ctx.lex
    base = max(0, left - _LEFT)
    before = text[base:left]

    def take(m: re.Match[str] | _TailMatch) -> str:
        d.start = min(d.start, base + m.start())
        return before[: m.start()]

    hy = _money_hyphen(lex, text, d.end) if not scaled and not d.is_range else None
    if hy is not None and hy.re is lex.scale_after:  # "a $5-million deal"
        factor = lex.scale_of[hy.group().casefold()]
        d.value *= factor
        d.step = d.step * factor if d.step else factor
        d.end, scaled = hy.end(), True
    # unit after: currency or percent ("a 10-dollar bill": joined by a hyphen)
    m = lex.cur_after.match(text, d.end) or _money_hyphen(lex, text, d.end, scale=False)
    if m and lex.cur_context and not _currency_fits(ctx, m.group(), d.start, scaled=scaled):
        m = None  # "won 3 awards", "2 won seats": the word is no currency here
    if m:
        d.unit = lex.cur_of.get(m.group().strip(" \u00a0")) or lex.cur_of.get(
            m.group().strip(" \u00a0").casefold()
        )
        d.kind = ClaimKind.MONEY
        d.end = m.end()
        sc = lex.scale_after.match(text, d.end) if not scaled and not d.is_range else None
        if sc:  # "75 USD million"
            factor = lex.scale_of[sc.group().strip(" \u00a0").casefold()]
            d.value *= factor
            d.step = d.step * factor if d.step else factor
            d.end = sc.end()
    else:
        pts = lex.points_after.match(text, d.end)
        if pts is None and (bare := lex.points_bare.match(text, d.end)) is not None:
            # "points" alone are percentage points only beside a percentage
            pts = bare if percent_near(text, d.start, bare.end(), ctx.lang) else None
        pct = lex.percent_after.match(text, d.end)
        if pts:
            d.unit, d.kind, d.end = "pp", ClaimKind.PERCENT, pts.end()
        elif pct:
            d.unit, d.kind, d.end = "%", ClaimKind.PERCENT, pct.end()
        elif d.kind is ClaimKind.COUNT and (ms := read_unit(text, d.end, ctx.lang)):
            # "320 mm", "3 mét", "47-metre": a measure in a unit ([units] of the language)
            d.unit, d.kind, d.end = ms.unit, ClaimKind.MEASURE, ms.end
            if ms.extra:  # "6-foot-2"
                d.value += ms.extra
                if d.upper is not None:
                    d.upper += ms.extra
    qa = lex.qual_after.match(text, d.end) if not d.is_range else None
    if qa:  # "500 or more", "từ 7000 đồng trở xuống"
        d.qualifier = lex.qual_after_of[" ".join(qa.group().casefold().split())]
        d.end = qa.end()
    signed = False
    original = before
    calm = _calm(ctx, before)
    sg = _ends(lex.sign_before, before, calm) if not d.is_range else None
    if sg:  # "-0.3%", "minus 5", "منفی ۰٫۳ درصد"
        signed = True
        before = take(sg)
    pb = _ends(lex.percent_before, before, calm) if d.unit is None else None
    if pb is None and d.unit is None and (po := _ends(lex.percent_opening, before, calm)):
        pb = po if base == 0 or before[: po.start()].strip() else None
    if pb:  # "٪۷٫۶"
        d.unit, d.kind = "%", ClaimKind.PERCENT
        before = take(pb)
    # currency before ("US$1.438,66", "₫460,8 juta", "Rp 5 juta")
    cb = lex.cur_before.search(before)
    if cb is None and not signed and d.unit is None and before[-1:] in _SIGN_DASHES:
        cb = lex.cur_before.search(before[:-1])  # "$-5 million"
        signed = cb is not None
    if cb and prev_end >= 0 and not text[prev_end : base + cb.start()].strip():
        cb = None  # "5 million euros 10 years ago": the currency is the amount's before
    if cb and d.unit is None:
        sym = cb.group().strip()
        d.unit = lex.cur_of.get(sym) or lex.cur_of.get(sym.casefold())
        d.kind = ClaimKind.MONEY
        before = take(cb)
        sg = lex.sign_before.search(before.rstrip(_BIDI)) if not signed and not d.is_range else None
        if sg:  # "-$5 million", "-\u200e$\u00a05,100.54"
            signed = True
            before = take(sg)
    if signed:
        d.value = -d.value
    rb = _ends(lex.range_before, before, calm) if d.is_range else None
    if rb:  # "between $1 billion and $1.5 billion", "từ 60 đến 70"
        before = take(rb)
    # qualifier right before
    q = _ends(lex.qual_before, before, calm)
    if q:
        phrase = " ".join(q.group().replace("\u200c", " ").split()).casefold()
        qual = lex.qual_of.get(phrase)
        if (
            phrase in lex.during
            and d.unit is None
            and time_word(text, d.end, grammar(ctx.lang), d.start) == "duration"
        ):
            return  # "over 24 hours": a preposition before a duration, no qualifier
        nb = lex.qual_not_before.get(phrase)
        if nb is not None and d.unit is None and nb.match(text, d.end):
            qual = None  # "trên sáu hệ thống" (on six systems), not "more than six"
        if qual is not None and qa is None:
            d.qualifier = qual
            before = take(q)
    # change: "naik 16,7%", "tăng 9,6%", "up 5%", "۱۶٫۷ درصد افزایش"
    if _ends(lex.change_before, before, calm) or lex.change_after.match(text, d.end):
        d.change = True
    if signed and _ends(lex.change_before, original, calm):
        d.change = True  # "رشد منفی ۰٫۳ درصد": the sign word is part of the change cue
    if _ends(lex.change_down, before, calm) or lex.change_after_down.match(text, d.end):
        d.change = True
        if not signed:  # "down -0.3%" states the fall once
            d.value = -d.value  # a fall is a negative change
        if d.upper is not None:
            d.value, d.upper = -d.upper, -d.value + 0
    if d.change and _reached(ctx, before):
        # "rose to 2.5%", "meningkat menjadi", "به ۲٫۵ درصد افزایش یافت": the level reached
        d.change = False
        if d.value < 0 and not signed:
            d.value = -d.value
            if d.upper is not None:
                d.value, d.upper = -d.upper, -d.value + 0
    # a qualifier-free exact integer count commits to itself; scaled words keep their step


def _currency_fits(ctx: _Ctx, word: str, start: int, *, scaled: bool) -> bool:
    """Whether a currency name that is also a common word is a currency after a figure.

    "5 trillion won" (a scale word) or "9,000 won" in a sentence about Korea
    (the language's ``[currency_context]`` words) is money; "2 won seats" is not.
    """
    name = word.strip(" \u00a0")
    pat = ctx.lex.cur_context.get(name.casefold())
    if pat is None:
        return True
    # a scale word tells a currency from a common word ("5 trillion won"), not from a
    # unit of measure ("361 million pounds of beef")
    if scaled and read_unit(name, 0, ctx.lang) is None:
        return True
    sent = _sentence_of(ctx, start)
    return pat.search(ctx.text, sent.start, sent.end) is not None


def _reached(ctx: _Ctx, before: str) -> bool:
    """Whether the words right before a figure say it is the level reached ("to", "menjadi")."""
    g = grammar(ctx.lang)
    words = words_in(before, max(0, len(before) - 24), len(before))
    if not words or before[words[-1].end :].strip(" \u00a0\u200c"):
        return False
    keys = tuple(w.key for w in words)
    return any(keys[-n:] in g.change_to for n in range(1, min(len(keys), g.longest) + 1))


class _Spans:
    """Sorted, non-overlapping draft spans: does a range overlap one of them?"""

    def __init__(self, drafts: Sequence[_Draft]) -> None:
        self.starts = [d.start for d in drafts]
        self.ends = [d.end for d in drafts]

    def hit(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.starts, b)
        return any(self.ends[j] > a for j in range(max(0, k - 2), k))


def _ordinal_ranks(ctx: _Ctx, taken: _Spans) -> list[_Draft]:
    """Ranks stated with ordinal words after a rank cue ("ranked fourth", "رتبه پنجم")."""
    text, lex = ctx.text, ctx.lex
    out = []
    for m in lex.ordinal_words.finditer(text):
        if taken.hit(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - _LEFT) : m.start()]
        if lex.rank_before.search(before):  # "In the third place" is no rank
            value = lex.ordinal_of[" ".join(m.group().casefold().split())]
            out.append(_Draft(m.start(), m.end(), value, Decimal(0), [], kind=ClaimKind.RANK))
    return out


def _multiple_draft(ctx: _Ctx, m: re.Match[str]) -> _Draft:
    value = ctx.lex.mult_of[" ".join(m.group().split()).casefold()]
    d = _Draft(m.start(), m.end(), value, Decimal(0), [], qualifier=Qualifier.MULTIPLES)
    _attach_units(ctx, d, m.start())
    d.qualifier = Qualifier.MULTIPLES
    return d


# ------------------------------------------------------- metric, subject, period


@attrs.frozen
class _PeriodIndex:
    """Periods sorted for O(log n) look-ups per claim."""

    by_start: tuple[PeriodMention, ...]
    starts: tuple[int, ...]
    inheritable: tuple[PeriodMention, ...]  # years and ranges, sorted by end
    ends: tuple[int, ...]
    frame: tuple[bool, ...]  # frame[k]: the first k inheritable periods are one period

    @classmethod
    def build(
        cls, periods: Sequence[PeriodMention], asides: AbstractSet[int] = frozenset()
    ) -> _PeriodIndex:
        """Index ``periods``; those starting at ``asides`` govern one figure, never inherited."""
        by_start = tuple(sorted(periods, key=lambda p: p.span.start))
        inh = tuple(
            sorted(
                (
                    p
                    for p in periods
                    if p.granularity not in ("day", "relative")
                    and not p.baseline
                    and not p.as_of
                    and p.span.start not in asides
                ),
                key=lambda p: p.span.end,
            )
        )
        frame = [False]
        for p in inh:
            first = inh[0].period
            same = (p.period.start, p.period.end) == (first.start, first.end)
            frame.append(same and (frame[-1] or len(frame) == 1))
        return cls(
            by_start,
            tuple(p.span.start for p in by_start),
            inh,
            tuple(p.span.end for p in inh),
            tuple(frame),
        )

    def within(self, a: int, b: int) -> list[PeriodMention]:
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        return list(self.by_start[lo:hi])

    def one_frame_before(self, pos: int) -> bool:
        """Whether every year or range stated before ``pos`` is one and the same period."""
        return self.frame[bisect.bisect_right(self.ends, pos)]

    def last_before(self, pos: int) -> PeriodMention | None:
        k = bisect.bisect_right(self.ends, pos)
        return self.inheritable[k - 1] if k else None


_ASIDE_GAP = re.compile(r"[^.;:!?,،؛\n]{0,40}")
"""Between a compared-with figure and the period that is its own ("up from 53.2% in the
first round in November"): a few words, no clause break."""


def _aside_periods(
    ctx: _Ctx, drafts: Sequence[_Draft], periods: Sequence[PeriodMention]
) -> frozenset[int]:
    """The starts of periods stated for a figure a comparison looks back to.

    "Turnout was 58.3%, up from 53.2% in the first round in November": November is
    the period of 53.2% only; it does not frame the sentences after it.
    """
    text, found = ctx.text, set()
    periods = sorted(periods, key=lambda p: p.span.start)
    starts = [p.span.start for p in periods]
    prev_end = 0
    for k, d in enumerate(drafts):
        if ctx.lex.compare_in.search(text, max(prev_end, d.start - 40), d.start):
            nxt = drafts[k + 1].start if k + 1 < len(drafts) else len(text)
            for j in range(bisect.bisect_left(starts, d.end), len(starts)):
                p = periods[j]
                if p.span.start >= nxt or not _ASIDE_GAP.fullmatch(text, d.end, p.span.start):
                    break
                found.add(p.span.start)
        prev_end = d.end
    return frozenset(found)


def _finish(ctx: _Ctx, drafts: Sequence[_Draft], periods: Sequence[PeriodMention]) -> list[Claim]:
    """Metric, subject and period for every draft; linear in the number of drafts."""
    text, code = ctx.text, ctx.lang.code
    figures = _Spans(drafts)
    # drafts grouped by sentence, in order
    groups: list[tuple[Span, list[_Draft]]] = []
    for d in drafts:
        sent = _sentence_of(ctx, d.start)
        if groups and groups[-1][0] == sent:
            groups[-1][1].append(d)
        else:
            groups.append((sent, [d]))
    # places and terms are looked for where they can matter: the sentences that
    # state figures, and the headline and lead (the story's main place)
    scan = _scan_spans(text, [g[0] for g in groups])
    terms = _Terms([c for a, b in scan for c in find_concepts(text, ctx.lang, a, b, ctx.lexicon)])
    # a place inside a figure's words names its currency ("dolar AS", "دلار آمریکا")
    features: set[int] = set()  # natural features: where, not whose figure
    every_place = [
        p
        for a, b in scan
        for p in _places(text, ctx.lang, a, b, features)
        if not figures.hit(p.start, p.end) and not terms.hold(p)
    ]
    place_at = [p.start for p in every_place]
    # a place in a currency's name ("dolar AS", "قیمت دلار آمریکا") is no subject
    # (looked for only in the stretches read that hold a place: each is searched alone)
    named = [
        m.span()
        for a, b in scan
        if bisect.bisect_left(place_at, b) > bisect.bisect_left(place_at, a)
        for m in ctx.lex.cur_named.finditer(text, a, b)
    ]
    if named:
        every_place = [
            p for p in every_place if not any(s <= p.start and p.end <= e for s, e in named)
        ]
        place_at = [p.start for p in every_place]
    # a dateline ("HANOI --", "Jakarta (ANTARA) -") says where the reporter is,
    # not what a figure is about
    datelines = {p.start for p in every_place if _is_dateline(text, p)}
    doc_places = [p for p in every_place if p.start not in datelines]
    dominant = _main_place(doc_places)
    if dominant is None and datelines:
        # a story naming no place but its dateline ("Hà Nội: ...") is about that country
        first = min(datelines)
        dominant = next(country_of(p.key) for p in every_place if p.start == first)
    doc_place = _place_named(ctx.doc.subject, ctx.lang) if ctx.doc.subject else None
    place_starts = {p.start for p in every_place}
    pindex = _PeriodIndex.build(periods, _aside_periods(ctx, drafts, periods))
    claims: list[Claim] = []
    # the first and the last period stated for each metric
    metric_periods: dict[str, tuple[Period, Period]] = {}
    taken: set[int] = set()  # concept mentions a figure before already took from its right
    para = _ParagraphStarts(text)
    para_at = -1
    para_last: dict[tuple[ClaimKind, str | None], Claim] = {}  # the paragraph's, with a metric
    for sent, members in groups:
        if para.at(sent.start) != para_at:
            para_at, para_last = para.at(sent.start), {}
        stated_here = pindex.within(sent.start, sent.end)
        # a comparison baseline ("up 9.4% from 2023", "so với cùng kỳ") is no figure's period
        in_sent = [p for p in stated_here if not p.baseline]
        # a year-on-year phrase may be a term's words ("تورم نقطه به نقطه"): only
        # periods with numerals or of the figure's own take words from terms
        worded = [p for p in stated_here if not p.baseline or p.numerals]
        places = [
            p
            for p in every_place[
                bisect.bisect_left(place_at, sent.start) : bisect.bisect_left(place_at, sent.end)
            ]
            if p.start not in datelines and p.end <= sent.end
        ]
        concepts = [
            c
            for c in terms.within(sent.start, sent.end)
            if not _names_place(text, c, place_starts)
            and not any(p.span.start < c.end and c.start < p.span.end for p in worded)
            and not any(p.start < c.end and c.start < p.end for p in places)
        ]
        context = text[sent.start : sent.end]
        off = ctx.offset
        sent_out = Span(sent.start + off, sent.end + off) if off else sent
        period_spans = [p.span for p in stated_here]
        prev: Claim | None = None
        last_of: dict[tuple[ClaimKind, str | None], Claim] = {}  # the sentence's last per kind
        prev_end = sent.start
        starts = [o.start for o in members]
        for k, d in enumerate(members):
            next_start = members[k + 1].start if k + 1 < len(members) else sent.end
            next_start = max(next_start, d.end)
            metric, phrase, used = _metric(
                ctx,
                d,
                concepts,
                prev_end,
                next_start,
                taken,
                prev,
                period_spans,
                last_of.get((d.kind, d.unit)),
                para_last.get((d.kind, d.unit)),
            )
            if used is not None:
                taken.add(used)
            where, stated = _subject(ctx, d, sent, places, dominant, next_start, features)
            place = where if where is not None and where != ctx.doc.subject else None
            if where is not None and where == ctx.doc.subject:
                place = doc_place  # the caller's subject, when the gazetteer knows it
            if place is not None and metric and ctx.lexicon.meta_of(metric).event:
                # an earthquake's magnitude is the event's, not the town's it struck
                place, stated = country_of(place), False
            subject = display_name(place) if place is not None else where
            later = _Later(starts, bisect.bisect_left(starts, d.end, k + 1))
            period, psrc = _period(ctx, d, later, sent, in_sent, pindex)
            if psrc is PeriodSource.INHERITED and period is not None:
                # a period stated outside the figure's paragraph governs it only when
                # it frames the whole story so far (the only one stated before), or
                # was stated for the same metric before ("FDI ... in 2021-2025")
                mention = pindex.last_before(d.start)
                here_too = mention is not None and mention.span.start >= para.at(d.start)
                if not here_too and not pindex.one_frame_before(d.start):
                    period = _frame(metric_periods.get(metric)) if metric else None
                    if period is None:
                        psrc = PeriodSource.NONE
            if (
                psrc is PeriodSource.EXPLICIT
                and period is not None
                and metric
                and not ctx.lex.compare_in.search(text, max(prev_end, d.start - 40), d.start)
            ):
                # a later period moves the story on; an earlier one ("inflation in
                # Shahrivar was 45.3%") or a figure compared with ("up from 45.3%")
                # looks back, and governs nothing after it
                head, last = metric_periods.get(metric, (period, period))
                if last.end is None or period.end is None or period.end >= last.end:
                    metric_periods[metric] = (head, period)
            as_of = None
            if period is not None and period.start is not None and period.start == period.end:
                as_of = period.start  # stated for one day: true as of that day
            if period is None and ctx.doc.published is not None:
                # no period of its own: read as true when the document was published
                psrc, as_of = PeriodSource.PUBLICATION, ctx.doc.published
            elif as_of is None:
                as_of = ctx.doc.published  # the day it was reported (revisions)
            # a whole-number percentage is rounded to the unit ("64%" commits to 63.5-64.5)
            step = d.step if d.step or d.unit != "%" else _ONE
            change = d.change
            level = ctx.lexicon.level_of_change(metric) if change and metric else None
            if level is not None and d.unit == "%":
                # "GDP tăng 7,09%", "the economy grew 7.09%": a growth rate of 7.09%
                metric, change = level, False
            elif (
                change
                and metric
                and d.unit == "%"
                and phrase
                and ctx.lexicon.level_of_change(
                    _concept_of(phrase, ctx.lang.code, ctx.lexicon) or ""
                )
                == metric
            ):
                # "GRDP ... tăng 11,2%, cao hơn mức tăng 7,85% của cả nước": a rise
                # of GRDP borrowed from the figure before is a growth rate too
                change = False
            quantity = Quantity(
                d.value,
                unit=d.unit,
                qualifier=d.qualifier,
                step=step,
                upper=d.upper,
                of=d.of,
                alternative=d.other,
            )
            claim = Claim(
                quantity=quantity,
                span=Span(d.start + off, d.end + off) if off else Span(d.start, d.end),
                source=ctx.doc.source,
                lang=code,
                text=text[d.start : d.end],
                metric=metric,
                metric_phrase=phrase,
                subject=subject,
                period=period,
                period_source=psrc,
                change=change,
                kind=d.kind,
                sentence=sent_out,
                as_of=as_of,
                superseded=_superseded(ctx, d, sent),
                place=place,
                subject_stated=stated,
                context=context,
            )
            claims.append(claim)
            prev = claim
            last_of[(claim.kind, claim.quantity.unit)] = claim
            if claim.metric is not None:
                para_last[(claim.kind, claim.quantity.unit)] = claim
            prev_end = max(prev_end, min(d.end, sent.end)) if d.end <= members[-1].end else prev_end
    return claims


_WORD = re.compile(r"[^\W\d_][\w\u200c\-]*")


def _metric(
    ctx: _Ctx,
    d: _Draft,
    concepts: Sequence[Mention],
    prev_end: int,
    next_start: int,
    taken: set[int],
    prev: Claim | None,
    blocked: Sequence[Span] = (),
    like: Claim | None = None,
    listed: Claim | None = None,
) -> tuple[str | None, str, int | None]:
    """The concept a figure measures: (key, phrase, start of the mention used).

    Counts take the noun after them ("60 daerah"), amounts the nearest term
    on either side within their clause; a figure right after a comparison
    word ("6,52% dibandingkan dengan 6,27%") restates the metric of the
    sentence's last figure of its kind and unit (``like``), one with no term of
    its own in its clause the metric of the figure before it.
    """
    text = ctx.text
    every = concepts
    allowed = ctx.lexicon.allowed(d.kind.value)
    if allowed is not None:
        concepts = [c for c in concepts if c.key in allowed]
    between = text[prev_end : d.start]
    prev_ok = (
        prev is not None and prev.metric is not None and (allowed is None or prev.metric in allowed)
    )
    if prev is not None and prev_ok and ctx.lex.compare_before.search(between):
        # what it is compared with is the sentence's last figure of its kind and
        # unit ("turnout was 58.3%, with 4.79 million voters, up from 53.2%")
        base = like if like is not None and like.metric is not None else prev
        return base.metric, base.metric_phrase, None
    limit = min(next_start, d.end + 60)
    cue = ctx.lex.change_after.match(text, d.end)
    if cue:  # "۹٫۶ درصد رشد داشت": the change verb is no metric
        concepts = [c for c in concepts if not (cue.start() <= c.start < cue.end())]
    clause = _CLAUSE.search(text, d.end, limit)
    if clause:  # the term after a figure stays inside its clause
        limit = clause.start()
    right = [c for c in concepts if d.end <= c.start < limit]
    # nouns that only name what a count counts ("60 provinces", "5 years") are
    # never borrowed by another figure ("23 people in Lao Cai province")
    only = _counted_only()
    left = [
        c
        for c in concepts
        if prev_end <= c.start and c.end <= d.start and c.start not in taken and c.key not in only
    ]
    best: Mention | None = None
    g = grammar(ctx.lang)
    bare = False  # a count with only a classifier after it ("Hàn Quốc 3,57 triệu lượt")
    if d.kind in (ClaimKind.COUNT, ClaimKind.RATIO):
        # a count measures the noun phrase after it, past classifiers and
        # function words ("58 orang tewas", "23 people were killed", "797 FDI
        # projects"): a term inside it, its head by the language's word order; a
        # noun the vocabulary does not know is still the counted thing, so no
        # term further away is borrowed
        # a fraction right after a term is a measure of it ("berkekuatan 6,1",
        # "magnitude 6.1"), whatever words follow
        measure = (
            d.value != d.value.to_integral_value()
            and bool(left)
            and not text[left[-1].end : d.start].strip(" :")
        )
        words, skipped = noun_run(text, d.end, limit, g)
        run = [w for w in words if not any(b.start <= w.start < b.end for b in blocked)]
        hi = run[-1].end if run else skipped
        # a term in the noun phrase, or among the classifiers passed over ("9.5 million people")
        inside = [c for c in right if c.start < hi]
        if measure:
            best = left[-1]
        elif inside:
            best = inside[-1] if g.head_last else inside[0]
        elif (
            run
            and left
            and not text[left[-1].end : d.start].strip()
            and ctx.lexicon.meta_of(left[-1].key).people
            and any((w.key,) in g.classifiers for w in words_in(text, d.end, skipped))
        ):
            # "a ferry carrying 65 people sank": a count of people right after a
            # predicate that counts people is that predicate's, whatever verb follows
            best = left[-1]
        elif run:
            phrase = head_phrase(run, g)
            key = _concept_of(phrase, ctx.lang.code, ctx.lexicon)
            return (key if allowed is None or key in allowed else None), phrase, None
        else:
            # "۳۱۲ نفر در این حادثه مصدوم شده‌اند", "41 people in the district
            # were injured", "41 of the injured": past a person classifier or a
            # partitive, an adjunct, then the clause's event predicate; else
            # "killed 23 people", "the death toll rose to 23": the term before
            people = [c for c in right if ctx.lexicon.meta_of(c.key).people]
            after = words_in(text, d.end, limit)
            counted = any((w.key,) in g.classifiers for w in after if w.end <= skipped) or any(
                tuple(w.key for w in after[:n]) in g.partitives for n in (1, 2)
            )
            before = _subject_term(ctx, d, left, prev_end, counted, g)
            if (
                before is not None
                and ctx.lexicon.meta_of(before.key).people
                and not text[before.end : d.start].strip()
            ):
                # "killing at least 14 people and injuring 175": the predicate right
                # before the figure is its own, the one after belongs to the next
                best = before
            else:
                best = people[0] if people and counted else before
            if best is None and counted:
                # "Korban tewas akibat gempa magnitudo 6,1 ... bertambah menjadi 19
                # orang": the toll noun may stand before an earlier figure of another
                # kind; a count of people never takes that figure's metric
                earlier = [
                    c
                    for c in concepts
                    if c.end <= d.start
                    and c.start not in taken
                    and ctx.lexicon.meta_of(c.key).people
                ]
                best = earlier[-1] if earlier else None
                prev_ok = (
                    prev_ok and prev is not None and ctx.lexicon.meta_of(prev.metric or "").people
                )
            bare = counted and not people
    elif d.kind is ClaimKind.RANK:
        # what is ranked: the term before, else the figure before ("2.067 juta
        # dolar AS, menempati peringkat ke-5"), else the subject overall
        best = left[-1] if left else None
        if best is None and prev is not None and prev.metric is not None:
            return prev.metric, prev.metric_phrase, None
        if best is None:
            return "rank", "", None
    else:
        cands = [(d.start - c.end, c) for c in left] + [
            (int((c.start - d.end) * 1.5), c) for c in right if c.key not in only
        ]
        if cands:
            best = min(cands, key=lambda t: t[0])[1]
    if best is None and prev is not None and prev_ok:
        return prev.metric, prev.metric_phrase, None
    if (
        best is None
        and bare
        and listed is not None
        and listed.metric is not None
        and (allowed is None or listed.metric in allowed)
    ):
        # a list of figures in a paragraph, the noun said once ("châu Á đạt
        # 12,9 triệu lượt khách ... Trung Quốc 4,38 triệu lượt; Hàn Quốc 3,57
        # triệu lượt"): the paragraph's last figure of its kind and unit
        return listed.metric, listed.metric_phrase, None
    if best is not None:
        rules = ctx.lexicon.refine_table().get(best.key, {})
        key = _refined(text, best, every, rules, (prev_end, next_start), ctx.lex.refer_back)
        used = best.start if best.start >= d.end else None
        return key, " ".join(text[best.start : best.end].casefold().split()), used
    # no known concept: the content words before the figure, function words and
    # links ("stood at", "mencapai") left out; never a function word alone
    phrase = phrase_before(text, max(prev_end, d.start - 60), d.start, g)
    key2 = _concept_of(phrase, ctx.lang.code, ctx.lexicon) if phrase else None
    if key2 is not None and ((allowed is not None and key2 not in allowed) or key2 in only):
        key2 = None  # "Lao Cai province accounted for 15": the province is not what 15 counts
    return key2, phrase, None


def _subject_term(
    ctx: _Ctx, d: _Draft, left: Sequence[Mention], prev_end: int, counted: bool, g: Grammar
) -> Mention | None:
    """The term before a count with no noun of its own that the count measures.

    A count of people ("... 27 orang", "۹ نفر") measures a term that counts people:
    the last such term before it ("Jumlah korban tewas akibat banjir dan tanah longsor
    ... menjadi 27 orang"), never a ship or a region named in between. A bare figure
    after a link ("rose to 27") measures the head of its clause's subject, the first
    term of the clause ("The death toll from floods and landslides ... rose to 27").
    """
    if not left:
        return None
    text = ctx.text
    cut = max(
        (m.end() for m in _CLAUSE_END.finditer(text, prev_end, d.start)),
        default=prev_end,
    )
    clause = [c for c in left if c.start >= cut] or list(left)
    if counted:
        people = [c for c in clause if ctx.lexicon.meta_of(c.key).people]
        return people[-1] if people else None
    words = words_in(text, max(prev_end, d.start - 24), d.start)
    if len(clause) >= 2 and words and (words[-1].key,) in g.links:
        return clause[0]
    return left[-1]


def _frame(stated: tuple[Period, Period] | None) -> Period | None:
    """The period a later paragraph's figure of a metric inherits: the last one stated
    for it, unless that lies inside the first ("the first ten months ... October alone":
    an aside within the story's frame, which governs what follows)."""
    if stated is None:
        return None
    first, last = stated
    inside = (
        first.start is not None
        and first.end is not None
        and last.start is not None
        and last.end is not None
        and first.start <= last.start
        and last.end <= first.end
        and (first.start, first.end) != (last.start, last.end)
    )
    return first if inside else last


def _superseded(ctx: _Ctx, d: _Draft, sent: Span) -> bool:
    """Whether the text calls the figure an earlier estimate a later one replaced."""
    lex, text = ctx.lex, ctx.text
    before = text[max(sent.start, d.start - 50) : d.start]
    return bool(lex.superseded_before.search(before)) or bool(
        lex.superseded_after.match(text, d.end, sent.end)
    )


def _refined(
    text: str,
    best: Mention,
    every: Sequence[Mention],
    rules: Mapping[str, str],
    bounds: tuple[int, int],
    refer_back: re.Pattern[str] | None = None,
) -> str:
    """The finer concept a term's clause makes it (``[refine]``), else its own.

    Of the mentions in the term's clause that refine it, the nearest decides:
    "2,000 houses were destroyed and 4,000 damaged" makes the houses destroyed
    ones; "13 crew members, although survivors said" stays crew. Only terms
    within ``bounds`` (the figure's own stretch, between its neighbours) count.
    A clause that refers back (``refer_back``: "50 aftershocks, the largest of
    magnitude 4.6") also sees the term just before its break.
    """
    if not rules:
        return best.key
    near = []
    for c in every:
        if c is best or c.key not in rules:
            continue
        a, b = (best.end, c.start) if c.start >= best.end else (c.end, best.start)
        back = (
            refer_back is not None
            and c.end <= best.start
            and best.start - c.end <= _BACK_GAP
            and refer_back.match(text, c.end) is not None
        )
        if not back and not bounds[0] <= c.start < bounds[1]:
            continue
        if back or _CLAUSE_BREAK.search(text, a, b) is None:
            near.append((b - a, c.start, c.key))
    return rules[min(near)[2]] if near else best.key


_CLAUSE_BREAK = re.compile(r"[,;:()،؛]")
_BACK_GAP = 40
"""How far a clause that refers back ("..., the largest of") reaches for its noun."""


@functools.lru_cache(maxsize=8192)
def _concept_of(phrase: str, code: str, lexicon: Lexicon) -> str | None:
    """:func:`~integfacts.metrics.concept_of`, remembered: phrases recur from figure to figure.

    A phrase the vocabulary does not hold is matched fuzzily against every term,
    about a tenth of a millisecond each time.
    """
    return concept_of(phrase, code, lexicon)


@functools.cache
def _counted_only() -> frozenset[str]:
    """Concepts a figure measures only as the noun right after a count (common.toml)."""
    return frozenset(common().get("counted_only", []))


@functools.cache
def _place_concepts() -> frozenset[str]:
    """Concepts that name a place's kind ("city", "kota"; common.toml), as a set."""
    return frozenset(common().get("place_concepts", []))


def _names_place(text: str, c: Mention, place_starts: set[int]) -> bool:
    """ "thành phố Đà Nẵng", "kota Da Nang": a common noun naming the subject."""
    if c.key not in _place_concepts():
        return False
    k = c.end
    while k < len(text) and text[k] in " \u00a0":
        k += 1
    named = k in place_starts and text[k : k + 1].isupper()
    return named or any(p in place_starts for p in range(c.start, c.end))


@functools.cache
def _classifiers(lang: Language) -> frozenset[str]:
    return frozenset(w.casefold() for w in lang.raw.get("claims", {}).get("classifiers", []))


@functools.cache
def _stopwords(lang: Language) -> frozenset[str]:
    return frozenset(w.casefold() for w in lang.raw.get("detect", {}).get("stopwords", []))


def _places(
    text: str,
    lang: Language,
    start: int = 0,
    end: int | None = None,
    features: set[int] | None = None,
) -> list[Mention]:
    """Place names in ``text[start:end]`` from the gazetteer; ``key`` is the place id.

    A name that names a natural feature ("Selat Bali", "the Bali Strait") says only
    its country: the strait is not the province. The starts of such names are
    added to ``features`` when given.
    """
    g = grammar(lang)
    out = []
    for m in gazetteer_places(text, lang.code, start, end):
        if names_feature(text, m.start, m.end, g):
            out.append(Mention(m.start, m.end, country_of(m.place)))
            if features is not None:
                features.add(m.start)
        else:
            out.append(Mention(m.start, m.end, m.place))
    return out


_LEAD = 600
"""Characters of a story's opening (headline, dateline, lead) always read for places."""


def _scan_spans(text: str, sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """The opening of the text and the given sentences, merged where they touch."""
    lead_end = min(len(text), _LEAD)
    cut = text.rfind("\n", 0, lead_end) if lead_end < len(text) else lead_end
    out: list[list[int]] = [[0, cut if cut > 0 else lead_end]]
    for s in sentences:
        if s.start <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], s.end)
        else:
            out.append([s.start, s.end])
    return [(a, b) for a, b in out if b > a]


class _Terms:
    """The concept terms of a document, sorted: does a longer term hold a place name?

    A term the lexicon knows outranks a place named like its words: "زیر آب
    رفت" (flooded; the town Zirab), "giá dầu Brent" (the Brent oil price).
    """

    def __init__(self, terms: Sequence[Mention]) -> None:
        self.terms = sorted(terms, key=lambda c: c.start)
        self.starts = [c.start for c in self.terms]

    def within(self, a: int, b: int) -> list[Mention]:
        """The terms inside ``[a, b)``."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        return [c for c in self.terms[lo:hi] if c.end <= b]

    def hold(self, p: Mention) -> bool:
        k = bisect.bisect_right(self.starts, p.start)
        return any(
            c.end >= p.end and c.end - c.start > p.end - p.start
            for c in self.terms[max(0, k - 4) : k]
        )


def _place_named(name: str, lang: Language) -> str | None:
    """The gazetteer id of a place name given alone ("Da Nang"), if it names one."""
    probe = "in " + name.strip()  # inside a sentence: a name that is also a word counts
    for other in dict.fromkeys((lang, load("en"))):  # (English names too)
        found = _places(probe, other)
        if len(found) == 1 and found[0].start == 3 and found[0].end == len(probe):
            return found[0].key
    return None


_MAIN_MIN = 2
"""Mentions a place needs to be a story's main place over its country's other places."""


_MAIN_NEAR = 80
"""Mentions of one place (or of places inside it) closer than this many characters
count once towards the story's main place."""


def _main_place(places: Sequence[Mention]) -> str | None:
    """The place a document is about (a place id).

    The country it names most (ties: the first named); within it, the place
    named in most of its mentions there (at least twice), else the innermost
    place that contains every place it names there: a story about two
    provinces alike is about their country, a story about one province's
    towns is about that province.
    """
    if not places:
        return None
    counts: dict[str, int] = {}
    for p in places:
        c = country_of(p.key)
        counts[c] = counts.get(c, 0) + 1
    best = max(counts.values())
    country = next(country_of(p.key) for p in places if counts[country_of(p.key)] == best)
    common: tuple[str, ...] | None = None
    below: dict[str, int] = {}
    last: dict[str, int] = {}  # where each place was last counted
    for p in places:
        if country_of(p.key) != country:
            continue
        chain = ancestors(p.key)
        common = chain if common is None else tuple(x for x in common if x in chain)
        for x in chain[:-1]:
            # "Khanh Hoa, home to the beach city of Nha Trang": a town named beside
            # its province is one mention of the province, not two
            if p.start - last.get(x, -_MAIN_NEAR) >= _MAIN_NEAR:
                below[x] = below.get(x, 0) + 1
            last[x] = p.start
    if below:
        # one place named in most of the story's mentions of its country is the
        # story's place (an outbreak in Hanoi compared with other cities)
        top = max(sorted(below), key=lambda k: below[k])
        inside = sum(1 for p in places if country_of(p.key) == country and p.key != country)
        if below[top] >= _MAIN_MIN and below[top] * 2 > inside:
            return top
    return common[0] if common else country


_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?(?:,[^\n,]{0,30})?\s*(?:--|[-–—:|])")


def _is_dateline(text: str, p: Mention) -> bool:
    """A place opening a line and followed by a dash or colon ("HANOI --", "تهران -")."""
    k = p.start  # back over spaces and marks only (not to the line start: one-line texts)
    while k > 0 and text[k - 1] in " \t\u200e\u200f":
        k -= 1
    if k > 0 and text[k - 1] != "\n":
        return False
    return _DATELINE_END.match(text, p.end) is not None


def _subject(
    ctx: _Ctx,
    d: _Draft,
    sent: Span,
    here: Sequence[Mention],
    dominant: str | None,
    next_start: int,
    features: AbstractSet[int] = frozenset(),
) -> tuple[str | None, bool]:
    """The place the figure is about (a place id, or the document's own subject).

    In order: a place right after the figure introduced by a locative ("10 in
    Quang Nam", "di Aceh", "tại Quảng Nam", "در کرمان") before the next
    figure; the nearest place before it in its clause; the first place before
    it in its sentence; a place after it before the next figure; the
    document's subject; the document's main place (datelines never count).
    The flag says whether the figure's sentence names the place; a natural
    feature ("in the Bali Strait") names only where it happened, not that the
    figure is its country's.
    """
    text = ctx.text
    g = grammar(ctx.lang)
    if dominant is not None and g.national and d.kind is not ClaimKind.RANK:
        # "nationwide", "cả nước", "secara nasional": the country of the story,
        # said after the figure ("7,85% của cả nước") or before it in its clause
        # with no place named between
        lo = max(sent.start, max(text.rfind(ch, sent.start, d.start) for ch in ",;،؛") + 1)
        lo = max([lo, *(p.end for p in here if lo <= p.start and p.end <= d.start)])
        hi = min(next_start, d.end + 40)
        brk = _CLAUSE_BREAK.search(text, d.end, hi)  # "..., while the whole country ..."
        if has_common_phrase(text, lo, brk.start() if brk else hi, g.national, sent.start):
            return country_of(dominant), True
    if here:
        # where the figure's source speaks from ("Kepala Kantor SAR Banyuwangi
        # mengatakan, ... 65 orang") or a natural feature says where, not whose
        weak = set(features) | {
            p.start
            for p in here
            if p.end <= d.start
            and has_phrase(text, p.end, min(d.start, p.end + _SPEAKER_NEAR), g.reporting, g)
        }
        # a place right before the next figure is that figure's ("disusul Korea Selatan
        # 3,57 juta"), not this one's
        after = [
            p
            for p in here
            if d.end <= p.start < next_start
            and (next_start >= sent.end or text[p.end : next_start].strip(" :"))
        ]
        for p in after:
            ws = words_in(text, max(d.end, p.start - 30), p.start)
            tail = tuple(w.key for w in ws[-g.longest :])
            if any(tail[-n:] in g.locatives for n in range(1, len(tail) + 1)):
                return p.key, p.start not in weak
        cut = max(text.rfind(ch, sent.start, d.start) for ch in ",;،؛")
        clause = [p for p in here if cut < p.start and p.end <= d.start]
        before = [p for p in here if p.end <= d.start]
        if clause:
            # a place right before the figure, with at most one short word between,
            # is the figure's in a list ("چین با ۴٫۳۸ میلیون و کره جنوبی با ۳٫۵۷
            # میلیون", "Hàn Quốc 3,57 triệu lượt"); else the clause's first place,
            # the innermost of a chain ("Iran's Kerman province")
            last = clause[-1]
            if ctx.lex.place_joiner.fullmatch(text, last.end, d.start) and not any(
                last.key in ancestors(q.key) for q in clause if q.key != last.key
            ):
                return last.key, last.start not in weak
            return _said(_innermost(clause), clause, weak)
        if before:
            return _said(_innermost(before), before, weak)
        if after:
            return after[0].key, after[0].start not in weak
    if ctx.doc.subject:
        return ctx.doc.subject, False
    return dominant, False


_SPEAKER_NEAR = 60
"""Characters after a place within which a reporting verb makes it the speaker's."""


def _said(key: str, places: Sequence[Mention], features: AbstractSet[int]) -> tuple[str, bool]:
    """``key`` and whether a name among ``places`` other than a natural feature names it."""
    return key, any(p.key == key and p.start not in features for p in places)


def _innermost(places: Sequence[Mention]) -> str:
    """The first place named that holds none of the others ("Iran's Kerman province": Kerman)."""
    for p in places:
        if not any(q.key != p.key and p.key in ancestors(q.key) for q in places):
            return p.key
    return places[0].key


class _ParagraphStarts:
    """Where the paragraph holding a position starts, for positions in text order.

    Each call scans only the text since the previous one: linear over a
    document, where a search back to the line start per figure is quadratic
    on a text of one long line.
    """

    __slots__ = ("scanned", "start", "text")

    def __init__(self, text: str) -> None:
        self.text, self.scanned, self.start = text, 0, 0

    def at(self, pos: int) -> int:
        """The start of the paragraph holding ``pos`` (``pos`` never below an earlier call's)."""
        if pos < self.scanned:
            return _paragraph_start(self.text, pos)
        nl = self.text.rfind("\n", self.scanned, pos)
        if nl >= 0:
            self.start = nl + 1
        self.scanned = pos
        return self.start


class _Later:
    """The starts of the figures after one in its sentence: sorted, looked up by bisection."""

    __slots__ = ("lo", "starts")

    def __init__(self, starts: Sequence[int], lo: int) -> None:
        self.starts, self.lo = starts, lo

    def first_from(self, pos: int) -> int | None:
        """The first of them starting at or after ``pos``, or ``None``."""
        k = bisect.bisect_left(self.starts, pos, self.lo)
        return self.starts[k] if k < len(self.starts) else None


def _period(
    ctx: _Ctx,
    d: _Draft,
    later: _Later,
    sent: Span,
    in_sent: Sequence[PeriodMention],
    pindex: _PeriodIndex,
) -> tuple[Period | None, PeriodSource]:
    """The period of a figure, and whether its own clause states it.

    In order: a period right after the figure (no other figure between, not a
    comparison baseline, not opening the next figure's clause); a period
    earlier in the sentence; a period closing the sentence after several
    figures ("X dan Y pada tahun 2024"); else the nearest year or range
    stated earlier in the document (inherited). A period after a comparison
    or a superlative ("the highest since January") is not the figure's.
    """
    text = ctx.text

    def own(p: PeriodMention) -> bool:
        gap = text[d.end : p.span.start]
        after_p = later.first_from(p.span.end)
        # the period opens the next figure's clause: a clause break before it, none after
        opens_next = (
            after_p is not None
            and bool(_CLAUSE_END.search(gap))
            and not _CLAUSE_END.search(text, p.span.end, after_p)
        )
        return (
            not ctx.lex.compare_in.search(gap)
            and not ctx.lex.superlative_in.search(gap)
            and not opens_next
        )

    after = [p for p in in_sent if d.end <= p.span.start]
    first = later.first_from(d.end)
    adjacent = [p for p in after if first is None or first >= p.span.start]
    same_clause = adjacent and not _CLAUSE_END.search(text, d.end, adjacent[0].span.start)
    before = [p for p in in_sent if p.span.end <= d.start]
    if (
        adjacent
        and same_clause
        and before
        and not _CLAUSE_BREAK.search(text, before[-1].span.end, d.start)
    ):
        # "سال گذشته ۱۷٫۶ میلیون ... داشت و امسال ...": a period in the figure's own
        # clause before it wins over one past a coordinator, which opens the next clause
        g = grammar(ctx.lang)
        joined = words_in(text, d.end, adjacent[0].span.start)
        if any((w.key,) in g.coordinators for w in joined):
            return before[-1].period, PeriodSource.EXPLICIT
    if adjacent and same_clause and own(adjacent[0]):
        return adjacent[0].period, PeriodSource.EXPLICIT
    if before:
        return before[-1].period, PeriodSource.EXPLICIT
    if after and own(after[0]) and not _STRONG_BREAK.search(text, d.end, after[0].span.start):
        return after[0].period, PeriodSource.EXPLICIT
    inherited = pindex.last_before(d.start)
    if inherited is not None:
        return inherited.period, PeriodSource.INHERITED
    return None, PeriodSource.NONE
