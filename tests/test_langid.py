"""Language detection from the language files alone (no model, no download)."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import pytest

import integfacts as ifx

CORPUS = Path(__file__).parent / "corpus" / "claims"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ekspor naik 9,6% menjadi 1,07 miliar dolar AS pada 2024.", "id"),
        ("Exports rose 9.6% to 1.07 billion dollars in 2024.", "en"),
        ("Xuất khẩu tăng 9,6%.", "vi"),
        ("صادرات ۹٫۶ درصد افزایش یافت.", "fa"),
    ],
)
def test_short_sentences(text: str, lang: str) -> None:
    """One short sentence is enough to tell the four languages apart."""
    assert ifx.detect_language(text) == lang


def test_refuses_to_guess() -> None:
    """A text two languages share ('Da Nang 3.000') is refused, not guessed."""
    with pytest.raises(ValueError, match="cannot tell 'vi' from 'id' in this text; pass lang="):
        ifx.detect_language("Da Nang 3.000")


def test_corpus_accuracy() -> None:
    """On every claim-corpus sentence, detection is right at least 97% of the time."""
    right = total = 0
    for path in sorted(CORPUS.glob("*.toml")):
        for ex in tomllib.loads(path.read_text("utf-8"))["example"]:
            total += 1
            with contextlib.suppress(ValueError):
                right += ifx.detect_language(ex["text"]) == path.stem
    assert right / total >= 0.97, f"{right}/{total}"


def test_seeds_are_detected() -> None:
    """Each seed article is detected as the language its manifest states."""
    root = Path(__file__).resolve().parent.parent / "seeds"
    for row in tomllib.loads((root / "manifest.toml").read_text("utf-8"))["document"]:
        assert ifx.detect_language((root / row["file"]).read_text("utf-8")) == row["lang"]
