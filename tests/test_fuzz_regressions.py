"""Inputs the fuzzer once crashed on (fuzz/regressions/) stay harmless."""

from __future__ import annotations

from pathlib import Path

import pytest

import integfacts as ifx

CASES = sorted((Path(__file__).resolve().parent.parent / "fuzz" / "regressions").glob("*"))
LANGS = ["en", "id", "vi", "fa"]


@pytest.mark.parametrize("path", CASES, ids=[p.name[:20] for p in CASES])
def test_replay(path: Path) -> None:
    """The fuzz harness's checks pass on every recorded crash input."""
    data = path.read_bytes()
    lang = LANGS[data[0] % 4]
    text = data[1:].decode("utf-8", "replace")
    for c in ifx.extract(text, lang=lang):
        assert text[c.span.start : c.span.end] == c.text
    report = ifx.reconcile(
        [ifx.Document(text, source="a", lang=lang), ifx.Document(text[::-1], source="b", lang=lang)]
    )
    assert report.to_json()
    assert report.to_html()
    assert report.to_markdown()


def test_there_are_regressions() -> None:
    """The regression folder is not empty (the test above ran on something)."""
    assert CASES
