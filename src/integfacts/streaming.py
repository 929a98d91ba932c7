"""Claims of a long text block by block: memory bounded by the block, not the text.

:func:`iter_claims` reads a text, or a stream of its pieces (an open file, a
generator of lines), in blocks of whole paragraphs and yields each block's
claims as soon as the block is read. The claims are those
:func:`~integfacts.extract` finds in the block, with offsets into the whole
text; a text no longer than one block gives exactly the claims of
:func:`~integfacts.extract`. What a caller that
consumes the claims as they come holds is one block and its working data,
whatever the length of the text.

Example:
    >>> text = ("Exports rose 5% in 2024. " * 30 + "\\n\\n") * 3  # three 752-character paragraphs
    >>> claims = list(iter_claims(text, lang="en", block_chars=1000))
    >>> len(claims), {text[c.span.start : c.span.end] for c in claims}
    (90, {'5%'})
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

import attrs

from integfacts.concepts import Lexicon, load_concepts
from integfacts.extraction import ConceptsArg, _run
from integfacts.langid import detect_language
from integfacts.model import Claim, Document

__all__ = ["DEFAULT_BLOCK_CHARS", "iter_claims"]

DEFAULT_BLOCK_CHARS = 200_000
"""Characters per block (about 200 KB of text): far more than a news article."""

_BREAKS = ("\n\n", "\n", ". ", " ")
"""Where a block may end, best first: a paragraph, a line, a sentence, a word."""


def iter_claims(
    doc: Document | str | Iterable[str],
    *,
    lang: str | None = None,
    published: datetime.date | None = None,
    source: str | None = None,
    concepts: ConceptsArg = None,
    block_chars: int = DEFAULT_BLOCK_CHARS,
) -> Iterator[Claim]:
    """Yield the claims of a text in text order, reading it block by block.

    The text is cut into blocks of about ``block_chars`` characters at
    paragraph breaks (else line breaks, else sentence ends, else spaces: a
    single line of junk is still cut), and each block is read as
    :func:`~integfacts.extract` reads a document. A figure's context is its
    block: a place or period stated only in an earlier block (the story's main
    place, a year a figure would inherit) is not carried over, as if the blocks
    were consecutive articles of one source. Offsets (``Claim.span``,
    ``Claim.sentence``) are into the whole text.

    There is no overall size limit: memory is bounded by the block, and the
    time grows linearly with the text. For a text that fits in memory and under
    ``max_chars``, :func:`~integfacts.extract` reads it as one document.

    Args:
        doc: a :class:`~integfacts.model.Document`, a text, or an iterable of
            the text's consecutive pieces (an open text file, a generator of
            lines), read lazily.
        lang: language code; ``None`` means the document's, else detected on the
            first block and kept for the others. A value conflicting with the
            document's raises ``ValueError``.
        published: publication date, the base for relative dates.
        source: the source of a text or of pieces (a Document has its own; a
            conflicting one raises ``ValueError``).
        concepts: the user's concept terms, as for :func:`~integfacts.extract`.
        block_chars: characters per block (at least 1,000).

    Raises:
        ValueError: ``block_chars`` below 1,000, conflicting ``lang`` or
            ``source``, an invalid ``concepts`` file, or a language that
            cannot be detected.
        TypeError: ``doc`` is bytes or pieces that are not ``str``.
        UnsupportedLanguageError: for a language without a data file.

    Example:
        >>> import io
        >>> pieces = io.StringIO("Da Nang received 3,000 delegations.\\n")
        >>> [c.quantity.value for c in iter_claims(pieces, lang="en")]
        [Decimal('3000')]
    """
    if block_chars < 1000:
        raise ValueError(f"block_chars must be at least 1,000, got {block_chars:,}")
    # read once (a bad concept file fails before any reading); each block then gets the
    # one lexicon extract() would build from it
    extra = (
        concepts if concepts is None or isinstance(concepts, Lexicon) else load_concepts(concepts)
    )
    base = _base_document(doc, lang=lang, published=published, source=source)
    pieces: Iterable[str]
    if isinstance(doc, Document):
        pieces = (doc.text,)
    elif isinstance(doc, str):
        pieces = (doc,)
    else:
        pieces = doc
    code = base.lang
    for offset, block in _blocks(pieces, block_chars):
        if code is None:
            code = detect_language(block)
        part = attrs.evolve(base, text=block, lang=code)
        _, claims = _run(
            part,
            lang=None,
            published=None,
            max_chars=len(block),
            concepts=extra,
            with_items=False,
            offset=offset,
        )
        yield from claims


def _base_document(
    doc: Document | str | Iterable[str],
    *,
    lang: str | None,
    published: datetime.date | None,
    source: str | None,
) -> Document:
    """The document every block is read as (its text aside)."""
    if isinstance(doc, bytes | bytearray):
        raise TypeError("iter_claims expects a Document, a str or str pieces (decode bytes first)")
    if not isinstance(doc, Document):
        return Document("", source=source or "", lang=lang, published=published)
    if lang is not None and doc.lang is not None and lang != doc.lang:
        raise ValueError(
            f"conflicting languages: the document says {doc.lang!r}, the call says {lang!r}"
        )
    if source is not None and source != doc.source:
        raise ValueError(
            f"conflicting sources: the document says {doc.source!r}, the call says {source!r}"
        )
    return attrs.evolve(
        doc,
        text="",
        lang=lang or doc.lang,
        published=published if published is not None else doc.published,
    )


def _blocks(pieces: Iterable[str], block_chars: int) -> Iterator[tuple[int, str]]:
    """Consecutive blocks of the text the pieces make up, with their offsets."""
    buf: list[str] = []
    size = 0
    offset = 0
    for piece in pieces:
        if not isinstance(piece, str):
            raise TypeError(f"iter_claims reads str pieces, got {type(piece).__name__}")
        buf.append(piece)
        size += len(piece)
        if size < 2 * block_chars:
            continue
        text = "".join(buf)
        start = 0
        while len(text) - start >= 2 * block_chars:
            end = _cut(text, start, block_chars)
            yield offset, text[start:end]
            offset += end - start
            start = end
        buf, size = [text[start:]], len(text) - start
    text = "".join(buf)
    start = 0
    while len(text) - start > block_chars:
        end = _cut(text, start, block_chars)
        yield offset, text[start:end]
        offset += end - start
        start = end
    if start < len(text) or offset == 0:
        yield offset, text[start:]


def _cut(text: str, start: int, block_chars: int) -> int:
    """Where the block starting at ``start`` ends: after the last break in its second half."""
    lo, hi = start + block_chars // 2, start + block_chars
    for brk in _BREAKS:
        k = text.rfind(brk, lo, hi)
        if k >= 0:
            return k + len(brk)
    return hi
