"""Bad input gets a clear, specific error (type and message), never a crash or a hang."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path

import pytest

import integfacts as ifx
from integfacts.cli import main


class TestDocument:
    """Document validation."""

    def test_text_must_be_str(self) -> None:
        """A non-str text is a TypeError naming the type."""
        with pytest.raises(TypeError, match=r"Document\.text must be str, got int"):
            ifx.Document(42)  # type: ignore[arg-type]

    def test_bytes_text_says_decode(self) -> None:
        """Bytes are refused with a hint to decode them."""
        with pytest.raises(TypeError, match=r"got bytes \(decode bytes first"):
            ifx.Document("Đà Nẵng".encode("cp1258", "replace"))  # type: ignore[arg-type]

    def test_published_must_be_a_date(self) -> None:
        """A published value that is no date, datetime or string is a TypeError;
        a string that is no ISO date a ValueError."""
        with pytest.raises(TypeError, match=r"published must be a datetime\.date or None, got int"):
            ifx.Document("x", published=20251007)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"ISO date such as"):
            ifx.Document("x", published="2025-13-40")

    def test_span_end_before_start(self) -> None:
        """A Span ending before it starts is a ValueError."""
        with pytest.raises(ValueError, match=r"Span end \(3\) is before its start \(5\)"):
            ifx.Span(5, 3)

    def test_quantity_refuses_float(self) -> None:
        """A float amount is a TypeError: money and counts are never floats."""
        with pytest.raises(TypeError, match=r"must be a decimal\.Decimal, got float"):
            ifx.Quantity(1.5)  # type: ignore[arg-type]


class TestExtract:
    """extract and scan on hostile input."""

    def test_unknown_language(self) -> None:
        """An unsupported language names the supported ones."""
        with pytest.raises(
            ifx.UnsupportedLanguageError,
            match="unsupported language 'xx'; supported: en, fa, id, vi",
        ):
            ifx.extract("3 000", lang="xx")

    def test_conflicting_language(self) -> None:
        """A call language that contradicts the document's is a ValueError."""
        doc = ifx.Document("Da Nang: 3.000 delegasi", lang="id")
        with pytest.raises(ValueError, match="conflicting languages: the document says 'id'"):
            ifx.extract(doc, lang="en")

    def test_size_guard(self) -> None:
        """A document over max_chars is refused, and accepted when the caller raises the limit."""
        text = "Da Nang received 3,000 delegations. " * 100
        with pytest.raises(ifx.DocumentTooLargeError, match="above max_chars=100; pass a larger"):
            ifx.extract(text, lang="en", max_chars=100)
        assert ifx.extract(text, lang="en", max_chars=10_000)

    def test_nothing_to_detect(self) -> None:
        """Language detection on a text without words asks for lang."""
        with pytest.raises(ValueError, match="without words; pass lang="):
            ifx.extract("1 2 3")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   \n\t ",
            "\x00\x01\x02 12 \x7f",
            "\ufffd\ufffd 3.000 \ufffd",
            "\u202e321\u202c \u200f۱۲۳\u200e",
            ",,,... --- ٫٫٫",
            "1.2.3.4.5.6",
            "lebih dari " * 500,
        ],
    )
    @pytest.mark.parametrize("lang", ["en", "id", "vi", "fa"])
    def test_junk_gives_a_clean_result(self, text: str, lang: str) -> None:
        """Junk, control characters and bidi marks give a list, never an exception."""
        claims = ifx.extract(text, lang=lang)
        assert isinstance(claims, list)
        for c in claims:
            assert text[c.span.start : c.span.end] == c.text


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(args), out=out, err=err)
    return rc, out.getvalue(), err.getvalue()


class TestCLI:
    """The command line reports each bad input and goes on with the others."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing path is reported; the other files are still read; exit 1."""
        good = tmp_path / "a.txt"
        good.write_text("Da Nang received 3,000 delegations in 2024.", encoding="utf-8")
        rc, out, err = _run("extract", str(tmp_path / "nope.txt"), str(good), "--lang", "en")
        assert rc == 1
        assert f"integfacts: error: {tmp_path / 'nope.txt'}: no such file or folder" in err
        assert "3,000" in out

    def test_binary_file(self, tmp_path: Path) -> None:
        """A binary file with a text suffix is refused as binary."""
        (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
        rc, _, err = _run("extract", str(tmp_path / "b.txt"))
        assert rc == 1
        assert "b.txt: binary file, not text" in err

    def test_folder_of_binaries(self, tmp_path: Path) -> None:
        """A folder holding no text files says so instead of printing nothing."""
        (tmp_path / "x.bin").write_bytes(b"\x00\x01")
        (tmp_path / "y.png").write_bytes(b"\x89PNG")
        rc, _, err = _run("reconcile", str(tmp_path))
        assert rc == 1
        assert "skipped 2 file(s) that are not .txt/.text/.md text (e.g. x.bin)" in err
        assert "no text files to read" in err

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file in another 8-bit encoding is reported with the byte position."""
        (tmp_path / "c.txt").write_bytes("Café: 3.000 delegasi".encode("cp1252"))
        rc, _, err = _run("extract", str(tmp_path / "c.txt"))
        assert rc == 1
        assert "c.txt: not UTF-8 text (invalid continuation byte at byte 3)" in err

    def test_utf16_with_bom_is_read(self, tmp_path: Path) -> None:
        """UTF-16 text with a byte-order mark (Windows exports) is read."""
        (tmp_path / "d.txt").write_bytes("Da Nang menerima 3.000 delegasi.".encode("utf-16"))
        rc, out, _ = _run("extract", str(tmp_path / "d.txt"), "--lang", "id")
        assert rc == 0
        assert "3.000" in out

    def test_malformed_manifest(self, tmp_path: Path) -> None:
        """A manifest that is not TOML is reported by path."""
        (tmp_path / "manifest.toml").write_text("[[document]\nfile = ", encoding="utf-8")
        rc, _, err = _run("reconcile", str(tmp_path))
        assert rc == 1
        assert f"{tmp_path / 'manifest.toml'}: malformed manifest:" in err

    def test_bad_manifest_date(self, tmp_path: Path) -> None:
        """An impossible date in a manifest is reported for its file."""
        (tmp_path / "a.txt").write_text("Da Nang received 3,000 delegations.", encoding="utf-8")
        (tmp_path / "manifest.toml").write_text(
            '[[document]]\nfile = "a.txt"\nlang = "en"\npublished = "2025-13-40"\n',
            encoding="utf-8",
        )
        rc, _, err = _run("extract", str(tmp_path))
        assert rc == 1
        assert "a.txt: manifest date '2025-13-40' is not YYYY-MM-DD" in err

    def test_unreadable_folder(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A folder that cannot be listed is reported with the OS reason."""

        def denied(self: Path) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "iterdir", denied)
        rc, _, err = _run("reconcile", str(tmp_path))
        assert rc == 1
        assert f"integfacts: error: {tmp_path}: cannot read: Permission denied" in err

    def test_unsupported_lang_flag(self, tmp_path: Path) -> None:
        """An unsupported --lang is a usage error (exit 2) naming the supported languages."""
        (tmp_path / "a.txt").write_text("3 delegations", encoding="utf-8")
        rc, _, err = _run("extract", str(tmp_path / "a.txt"), "--lang", "xx")
        assert rc == 2
        assert "--lang: invalid choice: 'xx'" in err
        assert "choose from en, fa, id, vi" in err.replace("'", "")  # quoted before Python 3.12.8

    def test_fail_on_contradiction(self, tmp_path: Path) -> None:
        """--fail-on contradiction exits 1 when sources contradict."""
        (tmp_path / "a.txt").write_text("Da Nang received 3,000 delegations in 2024.", "utf-8")
        (tmp_path / "b.txt").write_text("Da Nang received 1,000 delegations in 2024.", "utf-8")
        rc, out, _ = _run("reconcile", str(tmp_path), "--lang", "en", "--fail-on", "contradiction")
        assert rc == 1
        assert "CONTRADICT" in out
        rc, _, _ = _run("reconcile", str(tmp_path), "--lang", "en")
        assert rc == 0


def test_dates_are_dates() -> None:
    """A manifest-free Document keeps the date the caller gives."""
    doc = ifx.Document("x", published=datetime.date(2024, 12, 11))
    assert doc.published == datetime.date(2024, 12, 11)
    assert os.sep  # the module imports what the CLI tests use


class TestPublished:
    """Document(published=...) takes a date, a datetime or an ISO date string."""

    def test_iso_string_and_datetime(self) -> None:
        """An ISO string (with or without a time) and a datetime become the date."""
        day = datetime.date(2025, 10, 7)
        assert ifx.Document("x", published="2025-10-07").published == day
        assert ifx.Document("x", published="2025-10-07T10:00:00+07:00").published == day
        assert ifx.Document("x", published=datetime.datetime(2025, 10, 7, 12)).published == day

    def test_bad_string_is_a_clear_error(self) -> None:
        """A string that is no ISO date raises ValueError naming the expected form."""
        with pytest.raises(ValueError, match="ISO date such as '2025-10-07'"):
            ifx.Document("x", published="yesterday")
