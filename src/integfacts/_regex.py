"""Small helpers for building patterns from language data (shared by the steps)."""

from __future__ import annotations

import array
import functools
import re
from collections.abc import Iterable

__all__ = ["alternation", "first_chars", "starting_with"]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first ("seratus" before "se")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


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
