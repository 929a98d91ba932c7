"""Every example of the per-language claim corpora extracts exactly its claims."""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import integfacts as ifx
from gold_eval import claim_problems

CORPUS = Path(__file__).parent / "corpus" / "claims"
FIELDS = (
    "figure",
    "value",
    "unit",
    "qualifier",
    "metric",
    "change",
    "upper",
    "kind",
    "period",
    "subject",
)


def _period(p: ifx.Period | None) -> str:
    if p is None:
        return ""
    if p.start is None and p.end is None:
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


def _got(c: ifx.Claim) -> dict[str, str]:
    kind = c.kind.value if c.kind.value in ("rank", "ratio") else ""
    return {
        "figure": c.text,
        "value": str(c.quantity.value),
        "unit": c.quantity.unit or "",
        "qualifier": c.quantity.qualifier.value,
        "metric": c.metric or "",
        "change": str(c.change).lower(),
        "upper": str(c.quantity.upper) if c.quantity.upper is not None else "",
        "kind": kind,
        "period": _period(c.period),
        "subject": c.subject or "",
    }


def _want(e: dict[str, Any]) -> dict[str, str]:
    out = {k: str(e.get(k, "")) for k in FIELDS}
    out["value"] = str(Decimal(e["value"]).normalize()) if e.get("value") else ""
    out["change"] = str(bool(e.get("change", False))).lower()
    if out["upper"]:
        out["upper"] = str(Decimal(out["upper"]).normalize())
    return out


def _norm(d: dict[str, str]) -> dict[str, str]:
    d = dict(d)
    for k in ("value", "upper"):
        if d[k]:
            d[k] = str(Decimal(d[k]).normalize())
    return d


def _cases() -> list[Any]:
    out = []
    for path in sorted(CORPUS.glob("*.toml")):
        lang = path.stem
        data = tomllib.loads(path.read_text("utf-8"))
        for n, ex in enumerate(data.get("example", []), 1):
            marks = []
            if ex.get("xfail"):
                marks.append(pytest.mark.xfail(reason=ex["xfail"], strict=True))
            out.append(pytest.param(lang, ex, id=f"{lang}-{n:03d}", marks=marks))
    return out


@pytest.mark.parametrize(("lang", "example"), _cases())
def test_example(lang: str, example: dict[str, Any]) -> None:
    """The extracted claims equal the expected ones, field by field."""
    pub = example.get("published")
    published = datetime.date.fromisoformat(str(pub)) if pub else None
    claims = ifx.extract(example["text"], lang=lang, published=published)
    want = [_want(e) for e in example.get("claims", [])]
    got = [_norm(_got(c)) for c in claims]
    fields = [k for k in FIELDS if k not in example.get("ignore", [])]
    problems = claim_problems(want, got, fields)
    assert not problems, f"{example['text']}\n  " + "\n  ".join(problems)
