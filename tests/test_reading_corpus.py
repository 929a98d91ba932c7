"""Every example of the per-language reading corpora extracts exactly its claims."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import integfacts as ifx
from gold_eval import claim_problems

CORPUS = Path(__file__).parent / "corpus" / "reading"
READING = ("figure", "value", "unit", "qualifier", "change", "upper", "kind")
MORE = ("metric", "period", "subject", "alternative")


def _period(p: ifx.Period | None) -> str:
    if p is None or (p.start is None and p.end is None):
        return ""
    if p.start is None:
        return f"..-{p.end.year}" if p.end else ""
    if p.end is None:
        return f"{p.start.year}-.."
    if p.start == p.end:
        return p.start.isoformat()
    if p.start.year == p.end.year:
        return str(p.start.year)
    return f"{p.start.year}-{p.end.year}"


def _number(s: str) -> str:
    return str(Decimal(s).normalize()) if s else ""


def _got(c: ifx.Claim) -> dict[str, str]:
    return {
        "figure": c.text,
        "value": _number(str(c.quantity.value)),
        "unit": c.quantity.unit or "",
        "qualifier": c.quantity.qualifier.value,
        "change": str(c.change).lower(),
        "upper": _number(str(c.quantity.upper)) if c.quantity.upper is not None else "",
        "kind": c.kind.value if c.kind.value in ("rank", "ratio") else "",
        "metric": c.metric or "",
        "period": _period(c.period),
        "subject": c.subject or "",
        "alternative": _number(str(c.quantity.alternative)) if c.quantity.alternative else "",
    }


def _want(e: dict[str, Any]) -> dict[str, str]:
    out = {k: str(e.get(k, "")) for k in READING + MORE}
    out["qualifier"] = str(e.get("qualifier", "exact"))
    out["value"] = _number(str(e.get("value", "")))
    out["upper"] = _number(str(e.get("upper", "")))
    out["alternative"] = _number(str(e.get("alternative", "")))
    out["change"] = str(bool(e.get("change", False))).lower()
    return out


def _cases() -> list[Any]:
    out = []
    for path in sorted(CORPUS.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for n, ex in enumerate(data.get("example", []), 1):
            marks = [pytest.mark.xfail(reason=ex["xfail"], strict=True)] if ex.get("xfail") else []
            out.append(pytest.param(path.stem, ex, id=f"{path.stem}-{n:03d}", marks=marks))
    return out


@pytest.mark.parametrize(("lang", "example"), _cases())
def test_reading(lang: str, example: dict[str, Any]) -> None:
    """The extracted claims equal the expected ones on the reading fields."""
    claims = ifx.extract(example["text"], lang=lang)
    want = [_want(e) for e in example.get("claims", [])]
    got = [_got(c) for c in claims]
    fields = READING + tuple(k for k in MORE if k in example.get("check", []))
    problems = claim_problems(want, got, fields)
    assert not problems, f"{example['text']}\n  " + "\n  ".join(problems)
    if "scan" in example:
        # every numeral exactly once, with what became of it
        text = example["text"]
        items = [[i.span.slice(text), i.reason] for i in ifx.scan(text, lang=lang)]
        assert items == example["scan"], f"{text}\n  scan: {items}"


def test_every_language_has_reading_cases() -> None:
    """Each supported language has a reading corpus with at least ten examples."""
    for lang in ifx.languages.available():
        path = CORPUS / f"{lang}.toml"
        assert path.exists(), f"no reading corpus for {lang}"
        assert len(tomllib.loads(path.read_text("utf-8"))["example"]) >= 10
