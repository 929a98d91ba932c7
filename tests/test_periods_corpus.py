"""Every example of the per-language period corpora (tests/corpus/periods) as a test."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any

import pytest

import integfacts as ifx
from integfacts.languages import load
from integfacts.numbers import find_numerals
from integfacts.periods import find_periods

CORPUS = Path(__file__).parent / "corpus" / "periods"


def _cases() -> list[Any]:
    cases: list[Any] = []
    for path in sorted(CORPUS.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for k, ex in enumerate(data.get("example", [])):
            marks = [pytest.mark.xfail(reason=ex["xfail"], strict=True)] if "xfail" in ex else []
            cases.append(pytest.param(path.stem, ex, id=f"{path.stem}-{k:03d}", marks=marks))
    return cases


def _date(v: str) -> datetime.date | None:
    return datetime.date.fromisoformat(v) if v else None


@pytest.mark.parametrize(("lang", "example"), _cases())
def test_example(lang: str, example: dict[str, Any]) -> None:
    """The text states exactly the listed periods, and none of their numerals is a claim."""
    text = example["text"]
    published = _date(str(example.get("published", "")))
    numerals = find_numerals(text, lang)
    got = find_periods(
        text,
        numerals,
        load(lang),
        published=published,
        year_on_year=bool(example.get("year_on_year", False)),
    )
    want = [
        (
            w["text"],
            _date(w["start"]),
            _date(w["end"]),
            w["granularity"],
            bool(w.get("as_of", False)),
            bool(w.get("baseline", False)),
            w.get("time", ""),
        )
        for w in example.get("periods", [])
    ]
    have = [
        (
            text[p.span.start : p.span.end],
            p.period.start,
            p.period.end,
            p.granularity,
            p.as_of,
            p.baseline,
            p.time.strftime("%H:%M") if p.time else "",
        )
        for p in got
    ]
    assert have == want, text
    spans = [(text.index(w[0]), text.index(w[0]) + len(w[0])) for w in want]
    for item in ifx.scan(text, lang=lang, published=published):
        inside = any(a <= item.span.start and item.span.end <= b for a, b in spans)
        if inside:
            assert item.outcome is not ifx.Outcome.CLAIM, (text, item)


def test_every_language_has_a_corpus() -> None:
    """Each supported language has at least 15 period examples."""
    for lang in ("en", "id", "vi", "fa"):
        data = tomllib.loads((CORPUS / f"{lang}.toml").read_text("utf-8"))
        assert len(data["example"]) >= 15, lang
