"""Small helpers for building patterns from language data (shared by the steps)."""

from __future__ import annotations

import array
import functools
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["alternation", "first_chars", "starting_with", "trie"]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first ("seratus" before "se")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie(words: Iterable[str]) -> str:
    """The same alternation as :func:`alternation`, as a character trie.

    At each position the engine follows one branch per character instead of
    trying every word in turn (a case-insensitive list of fifty number words
    costs fifty attempts where a word starts); the longest word still comes
    first, and a shorter one is tried when the rest of the pattern fails.
    ``""`` for no words.
    """
    root: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@functools.cache
def _bmp() -> str:
    """Every code point of the Basic Multilingual Plane but the surrogates."""

    def run(a: int, b: int) -> str:  # built at C speed: ~4 ms, once
        return array.array("I", range(a, b)).tobytes().decode("utf-32-le")

    return run(0, 0xD800) + run(0xE000, 0x10000)


def first_chars(words: Iterable[str], *, ignorecase: bool = True) -> str:
    """A character-class body of every character one of ``words`` can start with.

    With ``ignorecase``, the characters are those the ``re`` module itself
    matches case-insensitively (found by running it over the whole BMP once:
    "k" also takes the Kelvin sign), so a pattern prefixed with
    ``(?=[...])`` matches exactly what it matched before.
    """
    firsts = sorted({w[0] for w in words if w})
    if not firsts:
        return ""
    if ignorecase:
        cls = "".join(re.escape(c) for c in firsts)
        firsts = sorted(set(re.findall(f"(?i:[{cls}])", _bmp())))
    return "".join(re.escape(c) for c in firsts)


def starting_with(chars: str, pattern: str) -> str:
    """``pattern``, tried only where the text has one of ``chars`` (a fast pre-check).

    The regex engine skips, at C speed, every position whose character
    cannot begin a match; the matches are the same.
    """
    return f"(?=[{chars}])(?:{pattern})" if chars else pattern
