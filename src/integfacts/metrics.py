"""Metric and subject attachment: what a figure measures, and whom it is about.

The concept vocabulary (``[concepts]`` in each language file) maps the terms
a language uses to shared, language-neutral keys (``fdi_projects``,
``delegations`` ...), so that claims in different languages can be matched.
Terms are found exactly first (one compiled alternation per language); a
phrase no term matches exactly is scored against every term with RapidFuzz, so
that inflections and small spelling variants still find their concept.

Example:
    >>> concept_of("proyek FDI", "id")
    'fdi_projects'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from integfacts.languages import load

__all__ = ["Mention", "concept_of", "find_concepts", "find_places"]

_FUZZY_CUTOFF = 88.0
_END = r"(?![^\W\d_])"
_START = r"(?<![^\W\d_])"


@attrs.frozen
class Mention:
    """A vocabulary term found in a text: offsets and the key it names."""

    start: int
    end: int
    key: str


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@attrs.frozen
class _Vocab:
    pattern: re.Pattern[str] | None
    key_of: dict[str, str]
    terms: tuple[str, ...]


def _compile(table: dict[str, Any]) -> _Vocab:
    key_of: dict[str, str] = {}
    surfaces: set[str] = set()
    for key, terms in table.items():
        for t in terms:
            key_of.setdefault(_norm(t), key)
            surfaces.add(" ".join(t.replace("\u200c", "\u200c").split()))
    if not key_of:
        return _Vocab(None, {}, ())
    # spaces match any run of spaces; ZWNJ, space or nothing are interchangeable
    alts = "|".join(
        re.escape(t).replace(r"\ ", r"[\s\u200c]+").replace("\u200c", r"[\s\u200c]?")
        for t in sorted(surfaces, key=lambda w: (-len(w), w))
    )
    pattern = re.compile(rf"{_START}(?:{alts}){_END}", re.IGNORECASE)
    return _Vocab(pattern, key_of, tuple(key_of))


def _norm(s: str) -> str:
    """Lookup key: case, spaces and zero-width non-joiners do not matter."""
    return "".join(s.replace("\u200c", "").casefold().split())


@functools.cache
def _concepts(code: str) -> _Vocab:
    return _compile(load(code).raw.get("concepts", {}))


@functools.cache
def _places(code: str) -> _Vocab:
    places = load(code).raw.get("subject", {}).get("places", {})
    return _compile(places)


def _find(vocab: _Vocab, text: str, start: int, end: int) -> list[Mention]:
    if vocab.pattern is None:
        return []
    out = []
    for m in vocab.pattern.finditer(text, start, end):
        key = vocab.key_of.get(_norm(m.group()))
        if key is not None:
            out.append(Mention(m.start(), m.end(), key))
    return out


def find_concepts(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every concept term in ``text[start:end]``, with absolute offsets."""
    return _find(_concepts(lang), text, start, len(text) if end is None else end)


def find_places(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every place-name mention (gazetteer in ``[subject]``) in ``text[start:end]``."""
    return _find(_places(lang), text, start, len(text) if end is None else end)


def concept_of(phrase: str, lang: str) -> str | None:
    """The concept key a phrase names, exactly or within a small edit distance.

    Returns ``None`` when no term of the language's vocabulary is close.
    """
    vocab = _concepts(lang)
    if not phrase.strip() or vocab.pattern is None:
        return None
    found = _find(vocab, phrase, 0, len(phrase))
    if found:
        return found[0].key
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - loaded on first fuzzy lookup

    best = process.extractOne(
        _norm(phrase), vocab.terms, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
    )
    return vocab.key_of[best[0]] if best is not None else None
