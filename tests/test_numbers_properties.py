"""Property tests of numeral parsing against an independent renderer (Babel/CLDR)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_compact_decimal, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from integfacts import parse_number

LANGS = ["en", "id", "vi", "fa"]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=3, allow_nan=False
)


def _render(value: Decimal, lang: str, *, native: bool) -> str:
    if lang == "fa" and native:
        text = format_decimal(value, locale="fa", numbering_system="arabext", group_separator=True)
        return text.translate(PERSIAN_DIGITS)
    return format_decimal(value, locale=lang, format="#,##0.###", group_separator=True)


class TestRoundTrip:
    """A number rendered the way a locale writes it parses back to the same Decimal."""

    @pytest.mark.parametrize("lang", LANGS)
    @given(value=amounts)
    @settings(max_examples=150, deadline=None)
    def test_cldr_decimal(self, lang: str, value: Decimal) -> None:
        """CLDR's decimal format of each locale round-trips exactly."""
        text = _render(value, lang, native=False)
        assert parse_number(text, lang=lang) == value, text

    @given(value=amounts)
    @settings(max_examples=150, deadline=None)
    def test_persian_native_digits(self, value: Decimal) -> None:
        """Persian digits with Persian separators (CLDR arabext) round-trip."""
        text = _render(value, "fa", native=True)
        assert parse_number(text, lang="fa") == value, text

    @pytest.mark.parametrize("lang", LANGS)
    @given(
        mantissa=st.integers(min_value=10, max_value=9999),
        exp=st.sampled_from([3, 6, 9, 12]),
        long=st.booleans(),
    )
    @settings(max_examples=150, deadline=None)
    def test_cldr_compact(self, lang: str, mantissa: int, exp: int, long: bool) -> None:
        """CLDR compact forms ("1,2 jt", "257.6B", "501,3 N", "7 tỷ") round-trip."""
        value = Decimal(mantissa).scaleb(-1) * Decimal(10) ** exp
        if value >= Decimal(10) ** (exp + 3):
            return  # CLDR would switch to the next scale; covered by a smaller mantissa
        text = format_compact_decimal(
            value, locale=lang, fraction_digits=1, format_type="long" if long else "short"
        )
        assert parse_number(text, lang=lang) == value, text


class TestRobustness:
    """Parsing never raises on arbitrary input."""

    @pytest.mark.parametrize("lang", LANGS)
    @given(text=st.text(max_size=60))
    @settings(max_examples=300, deadline=None)
    def test_arbitrary_text(self, lang: str, text: str) -> None:
        """Any string gives None or a Decimal, never an exception."""
        got = parse_number(text, lang=lang)
        assert got is None or isinstance(got, Decimal)

    @pytest.mark.parametrize("lang", LANGS)
    @given(
        text=st.text(alphabet=st.sampled_from(list("0123456789.,٫٬/ \u00a0-۱۲٠km")), max_size=40)
    )
    @settings(max_examples=300, deadline=None)
    def test_numeral_like_text(self, lang: str, text: str) -> None:
        """Strings made of digits and separators never raise."""
        got = parse_number(text, lang=lang)
        assert got is None or isinstance(got, Decimal)


class TestVariants:
    """Whitespace and digit-script variants parse to the same value."""

    @pytest.mark.parametrize("lang", LANGS)
    @given(
        value=st.integers(min_value=0, max_value=10**12),
        pad=st.sampled_from(["", " ", "\t", "\u00a0", "\n "]),
    )
    @settings(max_examples=100, deadline=None)
    def test_scripts_and_padding(self, lang: str, value: int, pad: str) -> None:
        """ASCII, Persian and Arabic-Indic digits, padded or not, give the same value."""
        plain = str(value)
        want = Decimal(value)
        for text in (plain, plain.translate(PERSIAN_DIGITS), plain.translate(ARABIC_DIGITS)):
            assert parse_number(pad + text + pad, lang=lang) == want

    @pytest.mark.parametrize(("lang", "sep"), [("en", ","), ("id", "."), ("vi", "."), ("fa", "٬")])
    @pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
    @given(value=st.integers(min_value=1000, max_value=10**12))
    @settings(max_examples=50, deadline=None)
    def test_space_groups(self, lang: str, sep: str, space: str, value: int) -> None:
        """No-break, narrow no-break and thin spaces group thousands like the locale's mark."""
        grouped = f"{value:,}"
        assert parse_number(grouped.replace(",", sep), lang=lang) == value
        assert parse_number(grouped.replace(",", space), lang=lang) == value
