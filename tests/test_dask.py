"""The Dask path gives exactly the single-process report."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import integfacts as ifx
from gold_eval import document, manifest

db = pytest.importorskip("dask.bag")
from integfacts.dask import extract_bag, reconcile_bag  # noqa: E402 - after the importorskip

CORPUS = Path(__file__).parent / "corpus" / "claims"


def _corpus_documents() -> list[ifx.Document]:
    docs = [document(r) for r in manifest()]
    for path in sorted(CORPUS.glob("*.toml")):
        for n, ex in enumerate(tomllib.loads(path.read_text("utf-8"))["example"]):
            docs.append(ifx.Document(ex["text"], source=f"{path.stem}-{n}", lang=path.stem))
    return docs


@pytest.fixture(scope="module")
def docs() -> list[ifx.Document]:
    """The seeds and every claim-corpus sentence as documents."""
    return _corpus_documents()


def test_same_report_as_single_process(docs: list[ifx.Document]) -> None:
    """reconcile_bag on the local scheduler equals reconcile, byte for byte."""
    single = ifx.reconcile(docs).to_json()
    for parts in (4,):
        bag = db.from_sequence(docs, npartitions=parts)
        assert reconcile_bag(bag).to_json() == single


def test_claims_in(docs: list[ifx.Document]) -> None:
    """A bag of Claims reconciles like the Documents they came from."""
    claims = [c for d in docs for c in ifx.extract(d)]
    bag = db.from_sequence(claims, npartitions=5)
    assert reconcile_bag(bag).findings == ifx.reconcile(claims).findings


def test_extract_bag(docs: list[ifx.Document]) -> None:
    """extract_bag yields every claim of every document."""
    got = extract_bag(db.from_sequence(docs[:5], npartitions=2)).compute()
    assert len(got) == sum(len(ifx.extract(d)) for d in docs[:5])
