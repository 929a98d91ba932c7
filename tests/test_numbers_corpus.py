"""Every text of the per-language numeral corpora parses to its stated value."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from integfacts import parse_number
from integfacts.languages import available

CORPUS = Path(__file__).parent / "corpus" / "numbers"


def _cases() -> list[Any]:
    cases: list[Any] = []
    for path in sorted(CORPUS.glob("*.toml")):
        lang = path.stem
        data = tomllib.loads(path.read_text("utf-8"))
        for ex in data.get("example", []):
            for text in ex["texts"]:
                cases.append(pytest.param(lang, text, Decimal(ex["value"]), id=f"{lang}:{text}"))
        for ex in data.get("negative", []):
            for text in ex["texts"]:
                cases.append(pytest.param(lang, text, None, id=f"{lang}:not:{text}"))
        for ex in data.get("xfail", []):
            want = None if ex["value"] == "none" else Decimal(ex["value"])
            for text in ex["texts"]:
                cases.append(
                    pytest.param(
                        lang,
                        text,
                        want,
                        id=f"{lang}:xfail:{text}",
                        marks=pytest.mark.xfail(reason=ex["reason"], strict=True),
                    )
                )
    return cases


CASES = _cases()


@pytest.mark.parametrize(("lang", "text", "want"), CASES)
def test_corpus(lang: str, text: str, want: Decimal | None) -> None:
    """The corpus text parses to exactly the stated value (or to None)."""
    got = parse_number(text, lang=lang)
    if want is None:
        assert got is None, f"{text!r} ({lang}) is not a numeral but parsed to {got}"
    else:
        assert got is not None, f"{text!r} ({lang}) should be {want}, got None"
        assert got == want, f"{text!r} ({lang}): want {want}, got {got}"


def test_every_language_has_a_large_corpus() -> None:
    """Each language corpus holds at least 150 texts."""
    for lang in available():
        path = CORPUS / f"{lang}.toml"
        assert path.exists(), f"no numeral corpus for {lang}"
        n = sum(1 for c in CASES if c.values[0] == lang)
        assert n >= 150, f"{lang}: only {n} corpus texts"
