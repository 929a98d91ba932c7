"""Periods: years, ranges, open periods, dates, relative expressions, both calendars."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integfacts as ifx
from integfacts.languages import load
from integfacts.numbers import find_numerals
from integfacts.periods import PeriodMention, find_periods

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


def _mentions(text: str, lang: str, published: datetime.date | None = PUB) -> list[PeriodMention]:
    return find_periods(text, find_numerals(text, lang), load(lang), published=published)


class TestSubYear:
    """Months, quarters, halves and the first N months, in both calendars."""

    def test_solar_month_year_is_no_claim(self) -> None:
        """'مرداد ماه ۱۴۰۴' is Mordad 1404 (2025-07-23..08-22) and 1404 is not a figure."""
        text = "صادرات نفت در مرداد ماه ۱۴۰۴ به ۱٫۵ میلیون بشکه رسید."
        claims = ifx.extract(text, lang="fa", published=PUB)
        # a measure: its unit is in its words
        assert [c.text for c in claims] == ["۱٫۵ میلیون بشکه"]
        p = claims[0].period
        assert p is not None
        assert (p.start, p.end) == (datetime.date(2025, 7, 23), datetime.date(2025, 8, 22))

    def test_first_months_count_is_no_claim(self) -> None:
        """In 'the first nine months of 2025' neither nine nor 2025 is a figure."""
        text = "In the first nine months of 2025, the city welcomed 12 delegations."
        claims = ifx.extract(text, lang="en", published=PUB)
        assert [c.text for c in claims] == ["12"]
        p = claims[0].period
        assert p is not None
        assert (p.start, p.end) == (datetime.date(2025, 1, 1), datetime.date(2025, 9, 30))

    @pytest.mark.parametrize(
        ("published", "year"),
        [(datetime.date(2025, 9, 26), 2025), (datetime.date(2025, 8, 2), 2024)],
    )
    def test_month_without_year_is_the_latest_one(
        self, published: datetime.date, year: int
    ) -> None:
        """'in September' is the latest September that has begun by publication."""
        (m,) = _mentions("Exports fell in September.", "en", published)
        assert (m.period.start, m.period.end) == (
            datetime.date(year, 9, 1),
            datetime.date(year, 9, 30),
        )

    def test_without_publication_date_the_period_is_open(self) -> None:
        """With no publication date, 'Quý I' is a quarter of an unknown year (open)."""
        (m,) = _mentions("Quý I, GDP tăng 6,9%.", "vi", None)
        assert m.granularity == "quarter"
        assert (m.period.start, m.period.end) == (None, None)
        assert m.numerals == ()

    def test_a_verb_is_no_month(self) -> None:
        """Lower-case 'may' is a verb, and 'March' needs a year or a cue to be a month."""
        assert _mentions("Prices may rise and March on.", "en") == []

    def test_baseline_is_marked(self) -> None:
        """'so với năm 2023' is the comparison base: the mention says so."""
        (m,) = _mentions("Xuất khẩu tăng 9,6% so với năm 2023.", "vi")
        assert m.baseline
        assert not m.as_of

    def test_year_on_year_only_when_asked(self) -> None:
        """A year-on-year phrase is a mention only with year_on_year=True."""
        text = "Imports rose 12% year on year."
        nums = find_numerals(text, "en")
        assert find_periods(text, nums, load("en"), published=PUB) == []
        (m,) = find_periods(text, nums, load("en"), published=PUB, year_on_year=True)
        assert m.baseline
        assert (m.period.start, m.period.end) == (None, None)


class TestLinear:
    """find_periods stays linear in the length of the text."""

    @given(
        st.lists(
            st.sampled_from(
                [
                    "the first ",
                    "quarter ",
                    "Q1",
                    "tháng ",
                    "9",
                    "/",
                    "2025 ",
                    "as of ",
                    "September",
                    "-",
                    "ماه ",
                    "نخست ",
                    "۱۴۰۴ ",
                    "(15/9) ",
                    "so với ",
                    " ",
                ]
            ),
            min_size=1,
            max_size=60,
        ),
        st.sampled_from(["en", "id", "vi", "fa"]),
    )
    @settings(max_examples=60, deadline=None)
    def test_adversarial_text_scales_linearly(self, parts: list[str], lang: str) -> None:
        """A pattern repeated 8x as often gives at most about 8x the mentions, in order.

        Time is measured in ``bench/adversarial.py``, not here (no timed assertions).
        """
        unit = "".join(parts)
        found = []
        for reps in (40, 320):
            text = unit * reps
            nums = find_numerals(text, lang)
            mentions = find_periods(text, nums, load(lang), published=PUB)
            starts = [m.span.start for m in mentions]
            assert starts == sorted(starts)
            found.append(len(mentions))
        assert found[1] <= 8 * found[0] + 8

    @given(
        st.lists(
            st.sampled_from(
                [
                    "Q2 ",
                    "quý I/",
                    "2025",
                    "the first ",
                    "nine months of ",
                    "tháng 9",
                    " năm ",
                    "as of ",
                    "Tuesday ",
                    "(13/9) ",
                    "hingga pukul 17.00 WIB ",
                    "مرداد ماه ",
                    "۱۴۰۴ ",
                    "نسبت به سال ",
                    "September-",
                    "October ",
                    ", ",
                    "up 5% from ",
                    "12 ",
                ]
            ),
            max_size=30,
        ),
        st.sampled_from(["en", "id", "vi", "fa"]),
        st.sampled_from([None, PUB]),
    )
    @settings(max_examples=150, deadline=None)
    def test_mentions_are_well_formed(
        self, parts: list[str], lang: str, published: datetime.date | None
    ) -> None:
        """Mentions are in text order, inside the text, and consume each numeral at most once."""
        text = "".join(parts)
        nums = find_numerals(text, lang)
        got = find_periods(text, nums, load(lang), published=published, year_on_year=True)
        assert [p.span.start for p in got] == sorted(p.span.start for p in got)
        consumed = [k for p in got for k in p.numerals]
        assert len(consumed) == len(set(consumed))
        for p in got:
            assert 0 <= p.span.start < p.span.end <= len(text)
            for k in p.numerals:
                assert p.span.start <= nums[k].span.start
                assert nums[k].span.end <= p.span.end
            if p.as_of:
                assert p.period.start == p.period.end
