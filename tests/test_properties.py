"""Invariants of the whole pipeline, checked with hypothesis.

- ``extract`` and ``scan`` never raise on any text, in any language, and their
  spans are exact offsets into it;
- ``reconcile`` gives the same report for its inputs in any order, and the
  same report again for the claims of a report;
- ``extract`` and ``reconcile`` give the same results from many threads as
  one after another, also when the threads are the first to load the data.
"""

from __future__ import annotations

import datetime
import functools
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integfacts as ifx
from integfacts.concepts import builtin as builtin_lexicon
from integfacts.languages import load
from integfacts.strategies import claims, documents, numerals

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "id", "vi", "fa")

# Characters that break naive text handling: bidi marks and isolates, ZWNJ/ZWJ,
# the spaces CLDR groups digits with, BOM, soft hyphen, tatweel, combining
# marks, control characters, line and paragraph separators, lone surrogates,
# and the separators, signs and digits of every script integfacts reads.
SPECIALS = [
    *"\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    *"\u00a0\u202f\u2009\u2007\ufeff\u00ad\u0640\u0301\u064b\u0670",
    *"\x00\x07\x1b\t\n\r\x0b\x0c\x85\u2028\u2029\ud800\udfff",
    *".,٫٬،/:;-−–—%٪$€₫()[]«»\"'+#@",
    *"0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩",
]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@functools.cache
def _vocabulary(lang: str) -> list[str]:
    """Every word and phrase of a language file: number words, cues, currencies, terms."""
    raw = load(lang).raw
    sections = ("numerals", "claims", "currencies", "periods", "meaning")
    words = {s for sec in sections for s in _strings(raw.get(sec, {})) if s.strip()}
    words.update(t for terms in builtin_lexicon().table(lang).values() for t in terms)
    return sorted(words)


def texts(lang: str) -> st.SearchStrategy[str]:
    """Adversarial texts: language words, numerals, digits and special characters mixed."""
    fragment = st.one_of(
        st.text(st.characters(exclude_categories=()), max_size=6),
        st.sampled_from(SPECIALS),
        st.sampled_from(_vocabulary(lang)),
        numerals(lang).map(lambda pair: pair[0]),
        st.integers(0, 10**7).map(str),
        st.sampled_from(["2024", "2021-2025", "۱۴۰۳", "26/9/2025", "No. 12/QD", "ke-5", "5th"]),
    )
    glue = st.sampled_from(["", " ", " ", " ", "\u00a0", "\u200c", "\n", ". ", ", ", "-", "/"])
    return st.lists(st.tuples(fragment, glue), max_size=20).map(
        lambda parts: "".join(a + b for a, b in parts)
    )


def _check_spans(text: str, lang: str, published: datetime.date | None) -> None:
    doc = ifx.Document(text, source="s", lang=lang, published=published)
    found = ifx.extract(doc)
    for c in found:
        assert 0 <= c.span.start <= c.span.end <= len(text)
        assert text[c.span.start : c.span.end] == c.text
        assert (c.lang, c.source) == (lang, "s")
    items = ifx.scan(doc)
    end = 0
    for it in items:
        assert 0 <= it.span.start < it.span.end <= len(text), it
        assert it.span.start >= end, f"scan items overlap at {it.span}"
        end = it.span.end
        if it.outcome is ifx.Outcome.CLAIM:
            assert it.claim is not None
            assert it.claim in found


class TestNeverRaises:
    """``extract`` and ``scan`` read any text without raising, with exact spans."""

    @pytest.mark.parametrize("lang", LANGS)
    @given(text=st.text(st.characters(exclude_categories=()), max_size=80))
    @settings(max_examples=100, deadline=None)
    def test_any_unicode(self, lang: str, text: str) -> None:
        """Arbitrary Unicode (every script, controls, surrogates) gives valid claims and items."""
        _check_spans(text, lang, None)

    @pytest.mark.parametrize("lang", LANGS)
    @given(data=st.data())
    @settings(max_examples=200, deadline=None)
    def test_adversarial_mix(self, lang: str, data: st.DataObject) -> None:
        """Number words, cues, numerals, marks and controls mixed give valid claims and items."""
        text = data.draw(texts(lang), label="text")
        published = data.draw(
            st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
            label="published",
        )
        _check_spans(text, lang, published)

    @given(text=st.text(st.characters(exclude_categories=()), max_size=80))
    @settings(max_examples=40, deadline=None)
    def test_detected_language(self, text: str) -> None:
        """Without a language, extract reads the text or raises ValueError saying 'pass lang='."""
        refused = ""
        try:
            found = ifx.extract(text)
        except ValueError as exc:
            refused, found = str(exc), []
        assert not refused or "pass lang=" in refused
        assert all(text[c.span.start : c.span.end] == c.text for c in found)


# --------------------------------------------------------------- reconcile


@functools.cache
def _seeds() -> tuple[ifx.Document, ...]:
    """The seed articles as Documents, with the metadata of seeds/manifest.toml."""
    manifest = tomllib.loads((ROOT / "seeds" / "manifest.toml").read_text("utf-8"))
    return tuple(
        ifx.Document(
            (ROOT / "seeds" / row["file"]).read_text("utf-8"),
            source=row["source"],
            lang=row["lang"],
            published=row.get("published"),
            subject=row.get("subject"),
        )
        for row in manifest["document"]
    )


@functools.cache
def _seed_claims() -> tuple[ifx.Claim, ...]:
    return tuple(c for d in _seeds() for c in ifx.extract(d))


@functools.cache
def _seed_report_json() -> str:
    return ifx.reconcile(_seeds()).to_json()


def _generated(
    max_size: int, *, sources: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[list[ifx.Document]]:
    """Generated documents in all four languages (distinct sources unless ``sources``)."""
    docs = documents(figures=st.integers(1, 4), sources=sources).map(lambda pair: pair[0])
    if sources is not None:
        return st.lists(docs, min_size=1, max_size=max_size)
    return st.lists(docs, min_size=1, max_size=max_size, unique_by=lambda d: d.source)


# a few shared sources, and the default "": documents of one source are one story
SHARED = st.sampled_from(["", "", "https://example.org/a", "https://example.org/b"])


def _claim_key(c: ifx.Claim) -> tuple[str, int, int]:
    return (c.source, c.span.start, c.span.end)


class TestReconcileOrder:
    """``reconcile`` does not depend on the order of its inputs, and is idempotent."""

    @given(order=st.permutations(range(5)))
    @settings(max_examples=6, deadline=None)
    def test_seed_documents(self, order: list[int]) -> None:
        """The five seed articles in any order give the same JSON report."""
        docs = [_seeds()[i] for i in order]
        assert ifx.reconcile(docs).to_json() == _seed_report_json()

    @given(data=st.data())
    @settings(max_examples=25, deadline=None)
    def test_seed_claims(self, data: st.DataObject) -> None:
        """The seeds' claims in any order give the same JSON report."""
        claims_ = list(_seed_claims())
        shuffled = data.draw(st.permutations(claims_), label="claims")
        assert ifx.reconcile(shuffled).to_json() == ifx.reconcile(claims_).to_json()

    @given(
        generated=st.one_of(_generated(4), _generated(4, sources=SHARED)),
        seeds=st.lists(st.sampled_from(range(5)), max_size=2, unique=True),
        data=st.data(),
    )
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_generated_and_seed_documents(
        self, generated: list[ifx.Document], seeds: list[int], data: st.DataObject
    ) -> None:
        """Generated documents (some sharing a source) and seeds give one report in any order."""
        docs = generated + [_seeds()[i] for i in seeds]
        shuffled = data.draw(st.permutations(docs), label="order")
        assert ifx.reconcile(shuffled).to_json() == ifx.reconcile(docs).to_json()

    @given(
        cs=st.lists(
            claims(sources=st.sampled_from(["a", "b", ""])), max_size=12, unique_by=_claim_key
        ),
        data=st.data(),
    )
    @settings(max_examples=40, deadline=None)
    def test_generated_claims(self, cs: list[ifx.Claim], data: st.DataObject) -> None:
        """Generated claims (one per source and span) give the same report in any order."""
        shuffled = data.draw(st.permutations(cs), label="order")
        assert ifx.reconcile(shuffled).to_json() == ifx.reconcile(cs).to_json()

    @given(generated=_generated(4))
    @settings(max_examples=20, deadline=None)
    def test_idempotent(self, generated: list[ifx.Document]) -> None:
        """Reconciling again, or reconciling a report's own claims, gives the same report."""
        report = ifx.reconcile(generated)
        assert ifx.reconcile(generated).to_json() == report.to_json()
        assert ifx.reconcile(report.claims).to_json() == report.to_json()

    def test_seed_report_idempotent(self) -> None:
        """The seed report reconciled from its own claims is the same report."""
        report = ifx.reconcile(_seeds())
        assert ifx.reconcile(report.claims).to_json() == report.to_json()

    def test_same_source_documents(self) -> None:
        """Two documents left at the default source give one report in either order."""
        a = ifx.Document("Da Nang received 3,000 delegations.", lang="en")
        b = ifx.Document("Da Nang received 4,000 delegations.", lang="en")
        assert ifx.reconcile([a, b]).to_json() == ifx.reconcile([b, a]).to_json()

    def test_same_source_same_sentence(self) -> None:
        """Documents of one source stating one sentence about two places give one report."""
        a = ifx.Document("The city received 3,000 delegations.", lang="en", subject="Da Nang")
        b = ifx.Document("The city received 3,000 delegations.", lang="en", subject="Hanoi")
        assert ifx.reconcile([a, b]).to_json() == ifx.reconcile([b, a]).to_json()


# -------------------------------------------------------------- concurrency


class TestThreads:
    """Threads give the results of sequential calls."""

    @given(generated=_generated(6))
    @settings(max_examples=10, deadline=None)
    def test_extract(self, generated: list[ifx.Document]) -> None:
        """``extract`` from a thread pool returns what sequential calls return."""
        docs = [*generated, *_seeds()]
        with ThreadPoolExecutor(max_workers=4) as pool:
            parallel = list(pool.map(ifx.extract, docs))
        assert parallel == [ifx.extract(d) for d in docs]

    @given(generated=_generated(3), data=st.data())
    @settings(max_examples=5, deadline=None)
    def test_reconcile(self, generated: list[ifx.Document], data: st.DataObject) -> None:
        """``reconcile`` of several orders at once, in threads, gives the sequential report."""
        docs = [*generated, *_seeds()[:2]]
        orders = [data.draw(st.permutations(docs), label="order") for _ in range(4)]
        want = ifx.reconcile(docs).to_json()
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda ds: ifx.reconcile(ds).to_json(), orders))
        assert got == [want] * len(orders)

    def test_cold_start(self) -> None:
        """Threads that are the first to load language data and patterns get correct results."""
        code = r"""
import json, sys, threading, tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import integfacts as ifx

sys.setswitchinterval(1e-6)  # switch threads as often as possible
root = Path(sys.argv[1])
rows = tomllib.loads((root / "seeds" / "manifest.toml").read_text("utf-8"))["document"]
docs = [
    ifx.Document((root / "seeds" / r["file"]).read_text("utf-8"), source=r["source"],
                 lang=r["lang"], published=r["published"])
    for r in rows
] + [
    ifx.Document("Hanoi attracted more than $2.07 billion in FDI in 2024.", source="en",
                 lang="en", published=None),
    ifx.Document("Đà Nẵng đón hơn 3.000 đoàn, khoảng 1,07 tỷ USD năm 2024.", source="vi",
                 lang="vi", published=None),
]
jobs = [d for d in docs for _ in range(3)]
barrier = threading.Barrier(len(jobs))

def run(d):
    barrier.wait()
    return ifx.Report(claims=tuple(ifx.extract(d))).to_json()

with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
    parallel = list(pool.map(run, jobs))
    reports = list(pool.map(lambda _: ifx.reconcile(docs).to_json(), range(4)))
sequential = [ifx.Report(claims=tuple(ifx.extract(d))).to_json() for d in jobs]
want = ifx.reconcile(docs).to_json()
print(json.dumps({"extract": parallel == sequential, "reconcile": reports == [want] * 4}))
"""
        out = subprocess.run(
            [sys.executable, "-c", code, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert json.loads(out.stdout) == {"extract": True, "reconcile": True}
