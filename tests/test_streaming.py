"""iter_claims: the claims of extract, block by block, with memory bounded by the block."""

from __future__ import annotations

import io
import itertools
import tracemalloc
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import integfacts as ifx
from gold_eval import document, manifest
from integfacts.streaming import _blocks

ROWS = manifest()


def _long_text(langs: tuple[str, ...] = ("id",), copies: int = 4) -> str:
    """The seed articles of some languages, one after another, several times."""
    texts = [document(r).text for r in ROWS if r["lang"] in langs]
    return "\n\n".join(texts * copies)


def _shift(c: ifx.Claim, offset: int) -> ifx.Claim:
    sent = c.sentence
    assert sent is not None
    return attrs.evolve(
        c,
        span=ifx.Span(c.span.start + offset, c.span.end + offset),
        sentence=ifx.Span(sent.start + offset, sent.end + offset),
    )


class TestSameAsExtract:
    """A text no longer than one block gives exactly extract's claims."""

    @pytest.mark.parametrize("row", ROWS, ids=[r["file"][:3] for r in ROWS])
    def test_seeds(self, row: dict[str, Any]) -> None:
        """Every seed article: the same claims, in the same order, field by field."""
        doc = document(row)
        assert list(ifx.iter_claims(doc)) == ifx.extract(doc)

    def test_detected_language(self) -> None:
        """Without a language, the first block's is detected, as extract detects the text's."""
        text = document(ROWS[2]).text
        assert list(ifx.iter_claims(text)) == ifx.extract(text)

    def test_concepts_and_published(self) -> None:
        """User concepts and the publication date reach every block."""
        text = "Lượng khách du lịch tăng 12% so với năm trước. Giá vé tăng 5%.\n"
        concepts = {"concepts": {"ticket_price": ["giá vé"]}}
        got = list(ifx.iter_claims(text, lang="vi", published="2025-03-01", concepts=concepts))  # type: ignore[arg-type]
        assert got == ifx.extract(text, lang="vi", published="2025-03-01", concepts=concepts)  # type: ignore[arg-type]
        assert "ticket_price" in {c.metric for c in got}


class TestBlocks:
    """A long text is read block by block; offsets stay those of the whole text."""

    def test_each_block_as_extract_reads_it(self) -> None:
        """The claims are extract's claims of each block, shifted to the block's offset."""
        text = _long_text()
        doc = ifx.Document(text, source="long", lang="id", published="2025-09-26")
        blocks = list(_blocks([text], 8000))
        assert len(blocks) > 3
        expected = [
            _shift(c, offset)
            for offset, block in blocks
            for c in ifx.extract(attrs.evolve(doc, text=block))
        ]
        got = list(ifx.iter_claims(doc, block_chars=8000))
        assert got == expected
        assert all(text[c.span.start : c.span.end] == c.text for c in got)
        assert [c.span.start for c in got] == sorted(c.span.start for c in got)

    def test_blocks_cover_the_text_at_paragraph_breaks(self) -> None:
        """Blocks put together are the text; each ends at a line break and fits the size."""
        text = _long_text()
        blocks = list(_blocks([text], 5000))
        assert "".join(b for _, b in blocks) == text
        assert [o for o, _ in blocks] == list(
            itertools.accumulate([0, *(len(b) for _, b in blocks[:-1])])
        )
        assert all(len(b) <= 5000 and b.endswith("\n") for _, b in blocks[:-1])
        # a blank line is preferred where the block's second half has one
        assert any(b.endswith("\n\n") for _, b in blocks[:-1])

    def test_one_line_of_junk_is_cut(self) -> None:
        """A text without line breaks is cut at sentence ends or spaces, within the size."""
        text = "12 345 6,7 " * 2000
        blocks = list(_blocks([text], 3000))
        assert "".join(b for _, b in blocks) == text
        assert all(len(b) <= 3000 and b.endswith(" ") for _, b in blocks[:-1])
        claims = list(ifx.iter_claims(text, lang="en", block_chars=3000))
        assert len(claims) == 6000
        assert all(text[c.span.start : c.span.end] == c.text for c in claims)


class TestStreaming:
    """Pieces are read lazily; memory follows the block, not the text."""

    def test_pieces_as_the_text(self) -> None:
        """An open file (lines) gives the claims of the same text as one string."""
        text = _long_text(("id", "en"), copies=2)
        doc = ifx.Document(text, source="feed", lang="id")
        from_text = list(ifx.iter_claims(doc, block_chars=6000))
        from_file = list(
            ifx.iter_claims(io.StringIO(text), lang="id", source="feed", block_chars=6000)
        )
        assert from_file == from_text

    def test_claims_come_before_the_end(self) -> None:
        """The first claims are yielded before the rest of the pieces is read."""
        para = "Ekspor naik 5% pada 2024 menjadi 12 miliar dolar AS.\n\n"

        def pieces() -> Iterator[str]:
            yield from [para] * 200  # about 11,000 characters
            raise AssertionError("read past the first blocks")

        first = next(ifx.iter_claims(pieces(), lang="id", block_chars=2000))
        assert first.text == "5%"

    def test_memory_follows_the_block(self) -> None:
        """Consuming the claims of a number-dense text holds far less than extract's list."""
        text = "12 345 6,7 " * 1000  # 11,000 characters, 3,000 figures

        def peak(run: Any) -> int:
            tracemalloc.start()
            try:
                run()
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        ifx.extract(text[:100], lang="en")  # language data loaded before measuring
        streamed = peak(lambda: sum(1 for _ in ifx.iter_claims(text, lang="en", block_chars=1000)))
        whole = peak(lambda: len(ifx.extract(text, lang="en")))
        assert streamed * 3 < whole


class TestBadInput:
    """Clear errors, before any reading."""

    def test_small_block(self) -> None:
        """A block under 1,000 characters is a ValueError."""
        with pytest.raises(ValueError, match="block_chars must be at least 1,000"):
            list(ifx.iter_claims("5 apples", lang="en", block_chars=10))

    def test_bytes(self) -> None:
        """Bytes are refused with a hint to decode them."""
        with pytest.raises(TypeError, match="decode bytes first"):
            list(ifx.iter_claims(b"5 apples", lang="en"))  # type: ignore[arg-type]

    def test_pieces_must_be_str(self) -> None:
        """A piece that is not str is a TypeError naming its type."""
        with pytest.raises(TypeError, match="reads str pieces, got int"):
            list(ifx.iter_claims(["5 apples", 7], lang="en"))  # type: ignore[list-item]

    def test_conflicts(self) -> None:
        """A language or source contradicting the document's is a ValueError."""
        doc = ifx.Document("5 apples", source="a", lang="en")
        with pytest.raises(ValueError, match="conflicting languages"):
            list(ifx.iter_claims(doc, lang="id"))
        with pytest.raises(ValueError, match="conflicting sources"):
            list(ifx.iter_claims(doc, source="b"))
