"""Periods: years, ranges, open periods, dates, relative expressions, both calendars."""

from __future__ import annotations

import datetime

import pytest

import integfacts as ifx

PUB = datetime.date(2024, 12, 11)


def _periods(text: str, lang: str) -> list[tuple[str, datetime.date | None, datetime.date | None]]:
    out = []
    for item in ifx.scan(text, lang=lang, published=PUB):
        if item.period is not None and item.period.text not in [o[0] for o in out]:
            out.append((item.period.text, item.period.start, item.period.end))
    return out


def _claim_period(text: str, lang: str) -> ifx.Period | None:
    claims = ifx.extract(text, lang=lang, published=PUB)
    assert claims, text
    return claims[0].period


class TestGregorian:
    """Years, ranges and open periods in every language."""

    @pytest.mark.parametrize(
        ("text", "lang", "start", "end"),
        [
            ("periode 2021-2025 Da Nang menerima 3.000 delegasi", "id", 2021, 2025),
            ("giai đoạn 2021–2025, Đà Nẵng đón 3.000 đoàn", "vi", 2021, 2025),
            ("از ۲۰۲۱ تا ۲۰۲۵ بیش از ۳۰۰۰ هیئت", "fa", 2021, 2025),
            ("from 2021 to 2025 the city received 3,000 delegations", "en", 2021, 2025),
        ],
    )
    def test_ranges(self, text: str, lang: str, start: int, end: int) -> None:
        """A year range is the period of the figures of its sentence."""
        p = _claim_period(text, lang)
        assert p is not None
        assert (p.start, p.end) == (datetime.date(start, 1, 1), datetime.date(end, 12, 31))

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("By 2030 the city aims at 10 billion dollars of FDI.", "en"),
            ("Đến năm 2030, thành phố thu hút 10 tỷ USD vốn FDI.", "vi"),
            ("Hingga tahun 2030 kota menargetkan 10 miliar dolar AS.", "id"),
        ],
    )
    def test_open_end(self, text: str, lang: str) -> None:
        """'by 2030' opens the start and ends with 2030."""
        p = _claim_period(text, lang)
        assert p is not None
        assert (p.start, p.end) == (None, datetime.date(2030, 12, 31))

    def test_full_date(self) -> None:
        """'December 26, 2023' is one date; its numerals are not claims."""
        assert _periods("Decision No. 2887 dated December 26, 2023 approved it.", "en") == [
            ("December 26, 2023", datetime.date(2023, 12, 26), datetime.date(2023, 12, 26))
        ]

    def test_day_month_takes_the_publication_year(self) -> None:
        """'ngày 26/9' resolves against the publication year."""
        assert _periods("Sáng ngày 26/9, hội nghị diễn ra.", "vi") == [
            ("ngày 26/9", datetime.date(2024, 9, 26), datetime.date(2024, 9, 26))
        ]

    @pytest.mark.parametrize(
        ("text", "lang", "year"),
        [
            ("Tahun lalu ekspor naik 9,6%.", "id", 2023),
            ("Năm nay xuất khẩu tăng 9,6%.", "vi", 2024),
            ("This year exports rose 9.6%.", "en", 2024),
        ],
    )
    def test_relative_years(self, text: str, lang: str, year: int) -> None:
        """Relative years resolve against Document.published."""
        p = _claim_period(text, lang)
        assert p is not None
        assert (p.start, p.end) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Kemarin kota menerima 12 delegasi.", "id"),
            ("Hôm qua thành phố đón 12 đoàn.", "vi"),
            ("Yesterday the city welcomed 12 delegations.", "en"),
            ("دیروز ۱۲ هیئت به شهر آمدند.", "fa"),
        ],
    )
    def test_relative_days_use_dateparser(self, text: str, lang: str) -> None:
        """'kemarin', 'hôm qua', 'yesterday', 'دیروز' are the day before publication."""
        p = _claim_period(text, lang)
        assert p is not None
        assert p.start == p.end == datetime.date(2024, 12, 10)

    def test_recent_years(self) -> None:
        """'lima tahun terakhir' is the five years up to publication, not a claim."""
        text = "Selama lima tahun terakhir, kota ini melisensikan 797 proyek FDI."
        claims = ifx.extract(text, lang="id", published=PUB)
        assert [c.text for c in claims] == ["797"]
        assert claims[0].period is not None
        assert (claims[0].period.start, claims[0].period.end) == (datetime.date(2020, 1, 1), PUB)


class TestSolarHijri:
    """Persian text dates by the Solar Hijri calendar too; both calendars are converted."""

    def test_solar_year(self) -> None:
        """'سال ۱۴۰۳' is 1403 SH: 2024-03-20 to 2025-03-20."""
        p = _claim_period("در سال ۱۴۰۳ بیش از ۳۰۰ هیئت به دانانگ سفر کردند.", "fa")
        assert p is not None
        assert (p.start, p.end) == (datetime.date(2024, 3, 20), datetime.date(2025, 3, 20))

    def test_solar_date(self) -> None:
        """'۱۵ مرداد ۱۴۰۲' is 2023-08-06."""
        assert _periods("در ۱۵ مرداد ۱۴۰۲، ۲۰۰ نماینده حضور داشتند.", "fa")[0][1:] == (
            datetime.date(2023, 8, 6),
            datetime.date(2023, 8, 6),
        )

    def test_gregorian_date_in_persian(self) -> None:
        """'۲۴ ژانویه ۲۰۲۵' (Gregorian month name) stays Gregorian."""
        assert _periods("قطعنامه شماره ۵۹ مورخ ۲۴ ژانویه ۲۰۲۵", "fa")[0][1] == datetime.date(
            2025, 1, 24
        )

    def test_bare_1400_is_not_a_year(self) -> None:
        """Without 'سال', a number like ۱۴۰۰ is a count, not a Solar Hijri year."""
        claims = ifx.extract("۱۴۰۰ نفر در این رویداد حضور داشتند.", lang="fa", published=PUB)
        assert [c.quantity.value for c in claims] == [1400]


class TestYearsOrCounts:
    """A four-digit number is a year unless it plainly counts something."""

    @pytest.mark.parametrize(
        ("text", "lang", "value"),
        [
            ("The city welcomed 1900 visitors last month.", "en", "1900"),
            ("Kota menerima lebih dari 2000 delegasi.", "id", "2000"),
        ],
    )
    def test_counts(self, text: str, lang: str, value: str) -> None:
        """Followed by a known counted term, or after a qualifier, it is a claim."""
        assert [str(c.quantity.value) for c in ifx.extract(text, lang=lang)] == [value]

    def test_year_before_a_place(self) -> None:
        """'Pada 2022, kota ini ...' keeps 2022 a year."""
        claims = ifx.extract("Pada 2022, kota ini menyambut 12 delegasi.", lang="id")
        assert [c.text for c in claims] == ["12"]

    def test_vietnamese_long_date(self) -> None:
        """'Ngày 26 tháng 9 năm 2025' is one date; none of its numerals is a claim."""
        text = "Ngày 26 tháng 9 năm 2025, hội nghị có 200 đại biểu."
        assert _periods(text, "vi") == [
            ("Ngày 26 tháng 9 năm 2025", datetime.date(2025, 9, 26), datetime.date(2025, 9, 26))
        ]
        assert [c.text for c in ifx.extract(text, lang="vi", published=PUB)] == ["200"]
