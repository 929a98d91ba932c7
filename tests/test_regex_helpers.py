"""The fast pre-check of word patterns never changes what they match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from integfacts._regex import alternation, first_chars, starting_with, trie

WORDS = ["kilo", "seratus", "Ünf", "ıssız", "straße", "đồng", "هزار", "a", "sixty-one"]
ALPHABET = "kKsSſüÜıIİaA đĐồ هزار ßtr-eo1x.\u200c"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), words=st.sets(st.sampled_from(WORDS)))
def test_prefixed_pattern_matches_the_same(text: str, words: set[str]) -> None:
    body = rf"(?<![^\W\d_])(?i:{alternation(words)})(?![^\W\d_])" if words else "(?!)"
    plain = re.compile(body)
    fast = re.compile(starting_with(first_chars(words), body))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_first_chars_follow_the_regex_engine_case_folding() -> None:
    chars = first_chars(["kilo", "seratus"])
    assert set(re.findall(f"[{chars}]", "kKsSſ\u212a")) == set("kKsSſ\u212a")
    assert first_chars(["kilo"], ignorecase=False) == "k"
    assert first_chars([]) == ""


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=60),
    words=st.sets(st.sampled_from([*WORDS, "kil", "ki", "sera", "tratus"])),
)
def test_trie_matches_as_the_alternation(text: str, words: set[str]) -> None:
    """Followed by a word end, the trie of words matches what the longest-first list does."""
    if not words:
        return
    alt = re.compile(rf"(?i:{alternation(words)})(?![^\W\d_])")
    tri = re.compile(rf"(?i:{trie(words)})(?![^\W\d_])")
    assert [m.span() for m in tri.finditer(text)] == [m.span() for m in alt.finditer(text)]
