"""Metric and subject attachment: what a figure measures, and whom it is about.

The concept lexicon (:mod:`integfacts.concepts`, ``knowledge/concepts.toml``
plus a user's own) maps the terms a language uses to shared, language-neutral
keys (``fdi_projects``, ``deaths`` ...), so that claims in different languages
can be matched.
Terms are found exactly first (one compiled alternation per language); a
phrase no term matches exactly is scored against every term with RapidFuzz, so
that inflections and small spelling variants still find their concept.

Example:
    >>> concept_of("proyek FDI", "id")
    'fdi_projects'
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from integfacts.concepts import Lexicon, builtin
from integfacts.languages import Language

__all__ = ["Mention", "concept_of", "find_concepts"]

_FUZZY_CUTOFF = 88.0


@attrs.frozen
class Mention:
    """A vocabulary term found in a text: offsets and the key it names."""

    start: int
    end: int
    key: str


@attrs.frozen
class _Vocab:
    """A vocabulary as a hash of normalised term keys, looked up by word n-grams."""

    key_of: dict[str, str]
    terms: tuple[str, ...]
    max_words: int
    starts: frozenset[str]  # normalised first words of the terms (and joined-term prefixes)
    prefixes: frozenset[str] = frozenset()  # every string prefix of every key


# a word: letters, then letters, digits, marks, hyphens, dots inside ("TP.HCM", "impor-ekspor")
_TOKEN = re.compile(r"[^\W\d_][\w\u200c\u200d\u0300-\u036f\u064b-\u065f]*(?:[-.][\w]+)*")
# not a key character: punctuation, spaces, "_", and a hyphen that joins no two letters
_NON_KEY = re.compile(r"[^\w-]|_|-(?!\w)|(?<!\w)-")


def _compile(table: Mapping[str, Sequence[str]]) -> _Vocab:
    key_of: dict[str, str] = {}
    max_words = 1
    starts: set[str] = set()
    for key, terms in table.items():
        for t in terms:
            key_of.setdefault(_norm(t), key)
            words = _TOKEN.findall(t.replace("\u200c", " "))
            max_words = max(max_words, len(words))
            if words:
                starts.add(_norm(words[0]))
            joined = _TOKEN.match(t)  # "کمک‌های غیردولتی": the text reads "کمک‌های" as one word
            if joined:
                starts.add(_norm(joined.group()))
    # a term written joined in the text ("هیئتهای" for "هیئت های") starts with the
    # whole key: every key is a possible first word too
    starts.update(key_of)
    prefixes = frozenset(k[:n] for k in key_of for n in range(1, len(k) + 1))
    return _Vocab(key_of, tuple(key_of), max_words, frozenset(starts), prefixes)


def _norm(s: str) -> str:
    """Lookup key: case, spaces, dots and zero-width non-joiners do not matter."""
    return _NON_KEY.sub("", s.casefold())


@functools.lru_cache(maxsize=64)
def _concepts(code: str, lexicon: Lexicon | None = None) -> _Vocab:
    """The compiled vocabulary of ``code`` (the built-in lexicon unless one is given)."""
    return _compile((lexicon if lexicon is not None else builtin()).table(code))


@attrs.frozen
class _Words:
    """The words of a text, tokenised once: starts, ends and lookup keys."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    # per vocabulary (keyed by its first words): indices of the words a term may start at
    cands: dict[frozenset[str], tuple[int, ...]] = attrs.field(factory=dict, eq=False)

    def candidates(self, vocab: _Vocab) -> tuple[int, ...]:
        """Indices of the words that may start a term of ``vocab`` (computed once)."""
        got = self.cands.get(vocab.starts)
        if got is None:
            first = vocab.starts
            got = tuple(k for k, key in enumerate(self.keys) if key in first)
            self.cands[vocab.starts] = got
        return got


def _key(word: str) -> str:
    k = word.casefold()
    return k if k.isalnum() else _NON_KEY.sub("", k)


@functools.lru_cache(maxsize=16)
def _words_of(text: str) -> _Words:
    """Every word of ``text`` (bounded cache: a document is looked up many times)."""
    return _tokenise(text)


def _tokenise(text: str) -> _Words:
    """Every word of ``text``, with its look-up key."""
    folded = text.casefold()
    if len(folded) != len(text):  # a letter folds to several ("ß"): fold word by word
        found = [(m.start(), m.end(), _key(m.group())) for m in _TOKEN.finditer(text)]
        return _Words(
            tuple(w[0] for w in found), tuple(w[1] for w in found), tuple(w[2] for w in found)
        )
    spans = [m.span() for m in _TOKEN.finditer(text)]
    sub = _NON_KEY.sub
    keys = [folded[s:e] for s, e in spans]
    return _Words(
        tuple(s for s, _ in spans),
        tuple(e for _, e in spans),
        tuple(k if k.isalnum() else sub("", k) for k in keys),
    )


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words :data:`_TOKEN` finds in ``text[start:end]``, from the text's one tokenisation.

    A word cut by either bound is tokenised again inside the bounds, exactly
    as a search limited to them would see it.
    """
    w = _words_of(text)
    lo = bisect.bisect_right(w.ends, start)  # first word ending after start
    hi = bisect.bisect_left(w.starts, end)  # words starting before end
    out: list[tuple[int, int, str]] = []
    if lo < hi and w.starts[lo] < start:  # a word cut at the left
        cut_end = min(end, w.ends[lo])
        out.extend(
            (m.start(), m.end(), _key(m.group())) for m in _TOKEN.finditer(text, start, cut_end)
        )
        lo += 1
    right = None
    if lo < hi and w.ends[hi - 1] > end:  # a word cut at the right
        right = hi - 1
        hi -= 1
    out.extend(zip(w.starts[lo:hi], w.ends[lo:hi], w.keys[lo:hi], strict=True))
    if right is not None:
        out.extend(
            (m.start(), m.end(), _key(m.group()))
            for m in _TOKEN.finditer(text, w.starts[right], end)
        )
    return out


def _find(vocab: _Vocab, text: str, start: int, end: int) -> list[Mention]:
    """Longest-first n-gram look-up over the words of ``text[start:end]``.

    Linear in the number of words (times the longest term's word count), and
    only the words that may start a term are visited; ZWNJ and spaces inside
    Persian terms are interchangeable, as written joined ("هیئتهای") or apart
    ("هیئت های").
    """
    if not vocab.key_of:
        return []
    w = _words_of(text)
    lo = bisect.bisect_right(w.ends, start)  # first word ending after start
    hi = bisect.bisect_left(w.starts, end)  # words starting before end
    if lo < hi and (w.starts[lo] < start or w.ends[hi - 1] > end):
        # a bound cuts a word: look up the words as a search limited to the bounds sees them
        words = _words(text, start, end)
        return _look_up(
            vocab,
            text,
            [x[0] for x in words],
            [x[1] for x in words],
            [x[2] for x in words],
            range(len(words)),
            0,
            len(words),
        )
    cands = w.candidates(vocab)
    first = bisect.bisect_left(cands, lo)
    last = bisect.bisect_left(cands, hi)
    return _look_up(vocab, text, w.starts, w.ends, w.keys, cands[first:last], lo, hi)


def _look_up(
    vocab: _Vocab,
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    keys: Sequence[str],
    cands: Iterable[int],
    lo: int,
    hi: int,
) -> list[Mention]:
    """Terms starting at the candidate words (ascending) among words ``lo:hi``."""
    out: list[Mention] = []
    key_of = vocab.key_of
    first = vocab.starts
    prefixes = vocab.prefixes
    most = vocab.max_words
    nxt = lo  # words before this are inside a term already found
    for i in cands:
        if i < nxt:
            continue
        joined = keys[i]
        if joined not in first:
            continue
        # the first word, then the words after it while the words so far open a term
        found = key_of.get(joined)
        hit = i if found is not None else -1
        if joined in prefixes:
            for k in range(i + 1, min(hi, i + most)):
                if starts[k] - ends[k - 1] > 3:
                    break  # terms do not span punctuation or long gaps
                joined += keys[k]
                longer = key_of.get(joined)
                if longer is not None:
                    hit, found = k, longer
                if joined not in prefixes:
                    break  # no longer term starts with these words
        if hit < 0 or found is None:
            continue
        if hit > i and not all(
            text[ends[j] : starts[j + 1]].strip(" \u00a0\u200c-–—,،") == "" for j in range(i, hit)
        ):
            continue
        out.append(Mention(starts[i], ends[hit], found))
        nxt = hit + 1
    return out


def find_concepts(
    text: str,
    lang: str | Language,
    start: int = 0,
    end: int | None = None,
    lexicon: Lexicon | None = None,
) -> list[Mention]:
    """Every concept term in ``text[start:end]``, with absolute offsets.

    Args:
        text: the text to search.
        lang: its language code (or :class:`~integfacts.languages.Language`).
        start: where to start looking.
        end: where to stop (the end of the text when ``None``).
        lexicon: the concept lexicon (:func:`integfacts.concepts.builtin` when ``None``).
    """
    code = lang.code if isinstance(lang, Language) else lang  # the lexicon's terms are by code
    return _find(_concepts(code, lexicon), text, start, len(text) if end is None else end)


def concept_of(phrase: str, lang: str | Language, lexicon: Lexicon | None = None) -> str | None:
    """The concept key a phrase names, exactly or within a small edit distance.

    The first term found in the phrase names it; else the closest term within
    the fuzzy cut-off. Returns ``None`` when no term of the language's
    vocabulary (in ``lexicon``, the built-in one by default) is close.
    """
    vocab = _concepts(lang.code if isinstance(lang, Language) else lang, lexicon)
    if not phrase.strip() or not vocab.key_of:
        return None
    # a short phrase: tokenised here, not in the documents' cache (it would evict them)
    w = _tokenise(phrase)
    found = _look_up(vocab, phrase, w.starts, w.ends, w.keys, w.candidates(vocab), 0, len(w.keys))
    if found:
        return found[0].key
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - loaded on first fuzzy lookup

    best = process.extractOne(
        _norm(phrase), vocab.terms, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
    )
    return vocab.key_of[best[0]] if best is not None else None
