"""Many documents at once: streaming, and both cores of a machine.

:func:`extract_many` takes any iterable of documents (a list, a generator
reading a folder of any size) and yields each document's claims in input
order, holding only a bounded window of documents in memory. With
``workers > 1`` it spreads the documents over a process pool; the default is
one process. An optional ``progress`` callback hears how many documents are
done, for a progress bar.

Example:
    >>> from integfacts import Document
    >>> docs = [Document("Da Nang received 3,000 delegations.", lang="en")] * 3
    >>> [len(c) for c in extract_many(docs)]
    [1, 1, 1]
    >>> seen = []
    >>> _ = list(extract_many(docs, progress=lambda done, total: seen.append((done, total))))
    >>> seen
    [(0, 3), (1, 3), (2, 3), (3, 3)]
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from integfacts.concepts import Lexicon, load_concepts
from integfacts.model import Claim, Document

if TYPE_CHECKING:
    from integfacts.extraction import ConceptsArg

__all__ = ["extract_many"]


def _extract_chunk(docs: list[Document], lexicon: Lexicon | None = None) -> list[list[Claim]]:
    from integfacts.extraction import extract  # noqa: PLC0415 - runs in the worker

    return [extract(d, concepts=lexicon) for d in docs]


def _as_doc(item: Document | str, lang: str | None) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(item, lang=lang)
    raise TypeError(f"extract_many takes Documents or str, got {type(item).__name__}")


def extract_many(
    docs: Iterable[Document | str],
    *,
    workers: int = 1,
    lang: str | None = None,
    chunksize: int = 16,
    window: int = 4,
    concepts: ConceptsArg = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[list[Claim]]:
    """Yield the claims of each document, in input order, streaming.

    Args:
        docs: Documents or texts; any iterable, consumed lazily.
        workers: processes to use; 1 (the default) extracts in this process.
        lang: language of plain-text items (``None``: detect).
        chunksize: documents sent to a worker at a time.
        window: chunks in flight per worker (bounds memory).
        concepts: the user's concept terms (a concept file's path, its data as
            a mapping, or a :class:`~integfacts.concepts.Lexicon`), read once
            here and sent to the workers as a lexicon.
        progress: called as ``progress(done, total)``: once with ``done=0``
            when the first result is asked for, then after each document is
            extracted, just before its claims are yielded (so ``done`` counts
            documents whose claims are ready, in input order). ``total`` is
            ``len(docs)`` when ``docs`` has a length (a list, a tuple), else 0
            (a generator: the total is not known in advance). Called in this
            process, never in a worker; an exception it raises stops the
            iteration.

    Raises:
        ValueError: if ``workers`` or ``chunksize`` is below 1, or
            ``concepts`` is invalid (the message names the file and the key).
    """
    if workers < 1 or chunksize < 1:
        raise ValueError(f"workers and chunksize must be >= 1, got {workers} and {chunksize}")
    # the user's own lexicon (small, picklable); each process merges it with the built-in once
    lexicon = (
        None
        if concepts is None
        else concepts
        if isinstance(concepts, Lexicon)
        else load_concepts(concepts)
    )
    total = len(docs) if isinstance(docs, Sized) else 0
    items = (_as_doc(d, lang) for d in docs)
    results = _extract_all(
        items, workers=workers, chunksize=chunksize, window=window, lexicon=lexicon
    )
    if progress is None:
        yield from results
        return
    progress(0, total)
    for done, claims in enumerate(results, 1):
        progress(done, total)
        yield claims


def _extract_all(
    items: Iterator[Document],
    *,
    workers: int,
    chunksize: int,
    window: int,
    lexicon: Lexicon | None,
) -> Iterator[list[Claim]]:
    """Each document's claims in input order, in this process or a pool."""
    if workers == 1:
        from integfacts.extraction import extract  # noqa: PLC0415

        for d in items:
            yield extract(d, concepts=lexicon)
        return
    chunks = iter(lambda: list(itertools.islice(items, chunksize)), [])
    pending: collections.deque[Future[list[list[Claim]]]] = collections.deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in itertools.islice(chunks, workers * window):
            pending.append(pool.submit(_extract_chunk, chunk, lexicon))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_extract_chunk, nxt, lexicon))
            yield from done
