"""The little grammar of "a number of things", per language: the ``[meaning]`` data.

Each language file's ``[meaning]`` table says which words are function words
(never what a figure measures), which link a metric to its figure ("rose to",
"mencapai", "đạt", "رسید"), where the head of a noun phrase stands, which words
make a count a duration or an age, and which prepositions introduce a
figure's own place. The engine here is language-neutral: it walks the words
around a figure and uses those lists.

Example:
    >>> from integfacts.languages import load
    >>> g = grammar(load("id"))
    >>> counted_phrase("58 orang tewas dan 40 lainnya hilang", 2, 14, g)
    'tewas'
    >>> time_word("24 jam kemudian", 2, g)
    'duration'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import attrs

from integfacts.languages import Language, PerLanguage

__all__ = [
    "Grammar",
    "Word",
    "counted_phrase",
    "grammar",
    "head_phrase",
    "is_function_word",
    "names_feature",
    "noun_run",
    "phrase_before",
    "skip_to_content",
    "time_word",
    "words_in",
]

# a word: a letter, then letters, digits, marks, ZWNJ and inner hyphens
_WORD = re.compile(r"[^\W\d_][\w\u200c\u200d\u0300-\u036f\u064b-\u065f]*(?:-[^\W\d_][\w\u200c]*)*")
_NUMERIC = re.compile(r"\d")


class Word(NamedTuple):
    """A word of a text: offsets and its look-up key (casefolded, ZWNJ kept)."""

    start: int
    end: int
    key: str


def _phrases(items: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.casefold() for w in _WORD.findall(x)) for x in items if x.strip())


@attrs.frozen(cache_hash=True)  # a key of the pattern caches below, looked up per figure
class Grammar:
    """The ``[meaning]`` data of one language, ready for look-ups."""

    code: str
    head_last: bool
    duration_not_before: tuple[str, ...]
    function_words: frozenset[tuple[str, ...]]
    links: frozenset[tuple[str, ...]]
    classifiers: frozenset[tuple[str, ...]]
    change_to: frozenset[tuple[str, ...]]
    locatives: frozenset[tuple[str, ...]]
    duration_units: frozenset[tuple[str, ...]]
    age_before: frozenset[tuple[str, ...]]
    age_after: frozenset[tuple[str, ...]]
    national: frozenset[tuple[str, ...]]
    stops: frozenset[tuple[str, ...]]
    skip: frozenset[tuple[str, ...]]
    coordinators: frozenset[tuple[str, ...]]
    feature_before: frozenset[tuple[str, ...]]
    feature_after: frozenset[tuple[str, ...]]
    partitives: frozenset[tuple[str, ...]]
    reporting: frozenset[tuple[str, ...]]
    longest: int


def _build_grammar(lang: Language) -> Grammar:
    """The grammar of language ``lang`` (made once per language)."""
    raw = lang.raw
    m = raw.get("meaning", {})
    classifiers = raw.get("claims", {}).get("classifiers", [])
    tables = {
        "function_words": _phrases(m.get("function_words", [])),
        "links": _phrases(m.get("links", [])),
        "classifiers": _phrases(classifiers),
        "change_to": _phrases(m.get("change_to", [])),
        "locatives": _phrases(m.get("locatives", [])),
        "duration_units": _phrases(m.get("duration_units", [])),
        "age_before": _phrases(m.get("age_before", [])),
        "age_after": _phrases(m.get("age_after", [])),
        "national": _phrases(m.get("national", [])),
        "stops": _phrases(m.get("stops", [])),
        "skip": _phrases(m.get("skip", [])),
        "coordinators": _phrases(m.get("coordinators", [])),
        "feature_before": _phrases(m.get("feature_before", [])),
        "feature_after": _phrases(m.get("feature_after", [])),
        "partitives": _phrases(m.get("partitives", [])),
        "reporting": _phrases(m.get("reporting", [])),
    }
    longest = max((len(p) for t in tables.values() for p in t), default=1)
    return Grammar(
        code=lang.code,
        head_last=m.get("head", "first") == "last",
        duration_not_before=tuple(m.get("duration_not_before", [])),
        longest=longest,
        **tables,
    )


grammar: Callable[[Language], Grammar] = PerLanguage(_build_grammar).__getitem__


def words_in(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` in order."""
    return [
        Word(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text, start, end)
    ]


_HEADS: dict[frozenset[tuple[str, ...]], dict[str, int]] = {}
"""The :func:`_heads` of each table met (the tables of the cached grammars)."""


def _heads(table: frozenset[tuple[str, ...]]) -> dict[str, int]:
    """First word of each entry -> the most words an entry starting with it has."""
    got = _HEADS.get(table)  # a plain dict: a cache wrapper costs more than the look-up
    if got is None:
        got = {}
        for entry in table:
            if entry:
                got[entry[0]] = max(got.get(entry[0], 0), len(entry))
        _HEADS[table] = got
    return got


def _match(words: Sequence[Word], i: int, table: frozenset[tuple[str, ...]], longest: int) -> int:
    """How many words of ``table``'s longest entry start at ``words[i]`` (0: none)."""
    heads = _HEADS.get(table)
    most = (heads if heads is not None else _heads(table)).get(words[i].key)
    if most is None:
        return 0
    for n in range(min(most, longest, len(words) - i), 1, -1):
        if tuple(w.key for w in words[i : i + n]) in table:
            return n
    return 1 if (words[i].key,) in table else 0


def is_function_word(word: str, g: Grammar) -> bool:
    """Whether a single word is a function word, a link or a classifier (never a metric)."""
    k = (word.casefold(),)
    return k in g.function_words or k in g.classifiers or k in g.links


def _skip(words: Sequence[Word], g: Grammar) -> tuple[int, bool]:
    """How many words after a count are classifiers or ``skip`` words, and whether a
    content word follows them (not a function word or a conjunction)."""
    i = 0
    while i < len(words):
        n = _match(words, i, g.classifiers, g.longest) or _match(words, i, g.skip, g.longest)
        if n:
            i += n
            continue
        stop = _match(words, i, g.stops, g.longest) or _match(words, i, g.function_words, g.longest)
        return i, not stop
    return i, False


def skip_to_content(words: Sequence[Word], g: Grammar) -> int:
    """Index of the first content word after a count (``len(words)`` if none).

    Classifiers and the ``skip`` words (auxiliaries, "other", "lainnya") are
    passed over; any other function word or a conjunction first ("six of
    which", "23 people and ...") means the count names no noun after it.
    """
    i, content = _skip(words, g)
    return i if content else len(words)


def _content_run(words: Sequence[Word], i: int, g: Grammar, text: str, most: int) -> list[Word]:
    """Consecutive content words from ``i``: no function word, no punctuation between.

    A coordinator between two content words joins them ("domestic and foreign
    delegates").
    """
    run: list[Word] = []
    last = -1  # end of the last word taken (a coordinator counts)
    while i < len(words) and len(run) < most:
        if run and text[last : words[i].start].strip(" \u00a0\u200c()") != "":
            break
        n = _match(words, i, g.coordinators, g.longest)
        if n and run and i + n < len(words):
            nxt = i + n
            if not (
                _match(words, nxt, g.function_words, g.longest)
                or _match(words, nxt, g.classifiers, g.longest)
            ):
                last = words[nxt - 1].end
                i = nxt
                continue
        if _match(words, i, g.function_words, g.longest) or _match(
            words, i, g.classifiers, g.longest
        ):
            break
        run.append(words[i])
        last = words[i].end
        i += 1
    return run


def _norm(words: Sequence[Word]) -> str:
    return " ".join(w.key for w in words)


def noun_run(text: str, start: int, end: int, g: Grammar) -> tuple[list[Word], int]:
    """The content words a count counts, in ``text[start:end]`` after the figure.

    Classifiers ("orang", "người", "نفر") and the ``skip`` words are passed
    over; the run is the content words that follow (at most five), up to a
    function word or punctuation. Returns the run (empty when a function word
    or conjunction comes first) and how far a term may start to be the
    counted one (past the words passed over, and the first word after them).
    """
    words = words_in(text, start, end)
    i, content = _skip(words, g)
    skipped = words[i - 1].end if i else start  # the end of the words passed over
    if not content:
        # a term may still open on the word that stops the run ("jumlah korban")
        return [], words[i].start + 1 if i < len(words) else skipped
    return _content_run(words, i, g, text, 5), skipped


def head_phrase(run: Sequence[Word], g: Grammar, *, most: int = 2) -> str:
    """The normalised head of a noun phrase: its last words or its first, by language."""
    return _norm(run[-most:] if g.head_last else run[:most])


def counted_phrase(text: str, start: int, end: int, g: Grammar) -> str:
    """The normalised head of the noun phrase a count counts ("" when none)."""
    return head_phrase(noun_run(text, start, end, g)[0], g)


def phrase_before(text: str, start: int, end: int, g: Grammar, *, most: int = 2) -> str:
    """The content words right before a figure in ``text[start:end]``, links skipped.

    "The unemployment rate stood at" gives "unemployment rate"; a run of only
    function words and links gives "".
    """
    words = words_in(text, start, end)
    k = len(words)
    # drop trailing links and function words ("rose to", "stood at", "mencapai")
    while k > 0:
        key = (words[k - 1].key,)
        if key in g.links or key in g.function_words or key in g.classifiers:
            k -= 1
            continue
        break
    run: list[Word] = []
    while k > 0 and len(run) < most:
        w = words[k - 1]
        if (w.key,) in g.function_words or (w.key,) in g.classifiers or (w.key,) in g.links:
            break
        if run and text[w.end : run[0].start].strip(" \u00a0\u200c") != "":
            break
        run.insert(0, w)
        k -= 1
    return _norm(run)


@functools.cache
def _time_res(g: Grammar) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """(unit or age ending right after a figure, age word right before one) patterns."""

    def alts(table: frozenset[tuple[str, ...]]) -> list[str]:
        return [r"\s+".join(map(re.escape, e)) for e in table if e]

    age_after = [*alts(g.age_after), r"[^\W\d_]+-old"]
    units = alts(g.duration_units)
    # "naik menjadi 500 pekan ini": a unit of time before these names a period, no duration
    this = g.duration_not_before
    not_this = rf"(?![ \u00a0]+(?i:{'|'.join(map(re.escape, this))})(?![^\W\d_]))" if this else ""
    after = re.compile(
        r"[ \u00a0\u200c-]*(?:(?P<age>(?i:"
        + "|".join(sorted(age_after, key=len, reverse=True))
        + "))|(?P<unit>(?i:"
        + "|".join(sorted(units, key=len, reverse=True) or ["(?!)"])
        + r")))(?![^\W\d_])"
        + not_this
    )
    before_alts = alts(g.age_before)
    before = (
        re.compile(
            r"(?<![^\W\d_])(?i:"
            + "|".join(sorted(before_alts, key=len, reverse=True))
            + r")[ \u00a0]*$"
        )
        if before_alts
        else None
    )
    return after, before


_AGE_PAREN = re.compile(r"[^\W\d_][^\W\d_.]*[ \u00a0]*\($")
_AGE_COMMA = re.compile(r"[^\W\d_][ \u00a0]*[,،]\s*$")
_AGE_COMMA_AFTER = re.compile(r"[ \u00a0]*[,،][ \u00a0]*[^\W\d_]")


def _apposed_age(text: str, start: int, end: int) -> bool:
    """A person's age set beside the name, as news writes it in every language
    here: "Made Sukarta (38)", "The captain, 51, was rescued", "Nguyễn Văn A, 45,".

    Only a whole number of at most three digits: alone in parentheses right
    after a capitalised word, or between commas after a word and before a word
    (a list of figures, "12, 15, and 20", has a digit before).
    """
    figure = text[start:end]
    if not (0 < len(figure) <= 3 and figure.isdigit()):
        return False
    if text.startswith(")", end) and text[start - 1 : start] == "(":
        m = _AGE_PAREN.search(text, max(0, start - 40), start)
        return m is not None and text[m.start()].isupper()
    return (
        _AGE_COMMA.search(text, max(0, start - 3), start) is not None
        and _AGE_COMMA_AFTER.match(text, end) is not None
    )


def time_word(text: str, end: int, g: Grammar, start: int | None = None) -> str | None:
    """``"duration"`` or ``"age"`` when the figure ending at ``end`` states one.

    A count directly followed by a unit of time ("24 hours", "dua hari",
    "۳ روز", "24-hour") is a duration; a number after an age word ("aged 72",
    "berusia 72") or before an age ending ("72 tuổi", "۷۲ ساله", "72-year-old"),
    or set beside a name ("Made Sukarta (38)", "the captain, 51,"), is an age.
    """
    after, before = _time_res(g)
    if start is not None and before is not None and before.search(text, max(0, start - 20), start):
        return "age"
    if start is not None and _apposed_age(text, start, end):
        return "age"
    m = after.match(text, end)
    if m is not None:
        return "age" if m.group("age") is not None else "duration"
    return None


def starts_with(words: Sequence[Word], table: frozenset[tuple[str, ...]], g: Grammar) -> int:
    """How many of the first words form an entry of ``table`` (0: none)."""
    return _match(words, 0, table, g.longest)


@functools.cache
def _phrase_re(table: frozenset[tuple[str, ...]]) -> re.Pattern[str] | None:
    """One word-bounded, case-insensitive pattern for the entries of ``table``."""
    alts = sorted((r"\s+".join(map(re.escape, e)) for e in table if e), key=len, reverse=True)
    if not alts:
        return None
    return re.compile(rf"(?<![^\W\d_])(?i:{'|'.join(alts)})(?![^\W\d_])")


@functools.cache
def _feature_res(g: Grammar) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for a natural-feature word right before and right after a place name."""

    def alt(table: frozenset[tuple[str, ...]]) -> str:
        return "|".join(
            sorted((r"\s+".join(map(re.escape, e)) for e in table if e), key=len, reverse=True)
        )

    before, after = alt(g.feature_before), alt(g.feature_after)
    return (
        re.compile(rf"(?<![^\W\d_])(?i:{before})[ \u00a0]+$") if before else None,
        re.compile(rf"[ \u00a0]+(?i:{after})(?![^\W\d_])") if after else None,
    )


def names_feature(text: str, start: int, end: int, g: Grammar) -> bool:
    """Whether the place name ``text[start:end]`` names a natural feature ("Selat Bali",
    "the Bali Strait", "eo biển Bali"): a sea, strait or river is no figure's place."""
    before, after = _feature_res(g)
    if before is not None and before.search(text, max(0, start - 24), start):
        return True
    return after is not None and after.match(text, end) is not None


def has_phrase(
    text: str, start: int, end: int, table: frozenset[tuple[str, ...]], g: Grammar
) -> bool:
    """Whether an entry of ``table`` occurs in ``text[start:end]``."""
    pattern = _phrase_re(table)
    return pattern is not None and pattern.search(text, start, end) is not None


def has_common_phrase(
    text: str, start: int, end: int, table: frozenset[tuple[str, ...]], sentence_start: int
) -> bool:
    """Whether an entry of ``table`` occurs in ``text[start:end]`` as a common word.

    A match written with a capital letter inside a sentence is part of a proper
    name ("the National Search and Rescue Agency", "Badan SAR Nasional"), not the
    word itself; in a script without case every match counts.
    """
    pattern = _phrase_re(table)
    if pattern is None:
        return False
    for m in pattern.finditer(text, start, end):
        first = text[m.start()]
        if not first.isupper():
            return True
        k = m.start()
        while k > sentence_start and not text[k - 1].isalnum():
            k -= 1
        if k <= sentence_start:  # the sentence's first word: capitalised anyway
            rest = text[m.end() : m.end() + 40].split()
            if not rest or not rest[0][:1].isupper():
                return True
    return False


def numeric(s: str) -> bool:
    """Whether ``s`` holds a digit."""
    return bool(_NUMERIC.search(s))
