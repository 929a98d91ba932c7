"""Coverage-guided fuzzing of parse_number, extract, scan, reconcile and the renderers.

An optional job, not part of CI (it runs until stopped):

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=600 -print_final_stats=1

Any exception other than the documented errors (UnsupportedLanguageError,
DocumentTooLargeError, ValueError for undetectable languages) is a crash, and
so is a span outside the text or a claim whose text is not ``text[span]``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import integfacts as ifx
    from integfacts import extraction, numbers, reconciliation, report  # noqa: F401

LANGS = ["en", "id", "vi", "fa"]


def test_one_input(data: bytes) -> None:
    """One fuzz case: a language byte, then the text."""
    if not data:
        return
    lang = LANGS[data[0] % 4]
    text = data[1:].decode("utf-8", "replace")
    value = ifx.parse_number(text[:200], lang=lang)
    assert value is None or value.is_finite()
    claims = ifx.extract(text, lang=lang)
    for c in claims:
        assert 0 <= c.span.start <= c.span.end <= len(text)
        assert text[c.span.start : c.span.end] == c.text
    items = ifx.scan(text, lang=lang)
    for it in items:
        assert 0 <= it.span.start <= it.span.end <= len(text)
    doc_a = ifx.Document(text, source="a", lang=lang)
    doc_b = ifx.Document(text[::-1], source="b", lang=lang)
    rep = ifx.reconcile([doc_a, doc_b])
    rep.to_json()
    rep.to_html()
    rep.to_markdown()


def main() -> None:
    """Run the fuzzer with the command line's libFuzzer options."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
