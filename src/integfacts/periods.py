"""Periods: years, year ranges, open periods, dates and relative expressions.

Also periods within a year: months and month-year ("September 2025", "tháng
9/2025", "مرداد ماه ۱۴۰۴"), quarters and halves ("Q3/2025", "kuartal I/2025",
"nửa đầu năm", "سه ماهه نخست ۱۴۰۴"), the first N months ("the first nine
months of 2025", "9 tháng đầu năm"), month ranges ("Januari–September 2025");
as-of days ("as of 5 pm on 15 September", "hingga Senin (15/9)"); and marks
comparison baselines ("compared with 2023", "so với cùng kỳ năm trước"). A
sub-year period with no year is of the publication year (the latest one that
has begun by then).

Works on the numerals :func:`integfacts.numbers.find_numerals` found, plus the
language file's ``[periods]`` words. Every period comes with the span that
states it and the numerals it consumed, so that :func:`integfacts.extract.scan`
can account for each numeral exactly once.

Solar Hijri dates (Persian) are converted with ``jdatetime``; relative day
expressions ("yesterday", "kemarin", "hôm qua") go to ``dateparser`` with the
language given and the document's publication date as base, one short span at
a time. Both are imported only when such an expression occurs.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from integfacts._regex import alternation, first_chars, starting_with
from integfacts.languages import Language, resolve
from integfacts.model import Period, Span
from integfacts.numbers import Numeral

__all__ = ["PeriodMention", "find_periods"]

_YEAR_MIN, _YEAR_MAX = 1800, 2200


@attrs.frozen
class PeriodMention:
    """A period stated in a text.

    Attributes:
        span: offsets of the words that state it.
        period: the period.
        numerals: indexes (into the numeral list) of the numerals it consumed.
        granularity: what the period is: ``"day"`` (a date), ``"week"`` (the
            seven days to a day: "the week to 2 October"), ``"month"`` (one
            calendar month), ``"quarter"``, ``"half"`` (half a year),
            ``"months"`` (a run of whole months within a year: "the first nine
            months of 2025", "January-September 2025"), ``"year"``,
            ``"range"`` (years or dates joined), ``"recent"`` ("the past five
            years") or ``"relative"`` ("last year", "to date", "year on year").
            Quarters, halves and months are of the Solar Hijri year when the
            year or the month name is Solar Hijri (exact Gregorian dates).
        as_of: the figure is a running tally "as of" a day ("as of Tuesday",
            "tính đến 17h ngày 15/9", "تا ساعت ۱۸ امروز"): the period is that
            one day (``start == end == day``, as reconciliation reads a
            single-day period as "true as of that day"), granularity ``"day"``;
            ``Period(None, None)`` when the day is not known (no publication date).
        baseline: the period is what a figure is compared with ("compared with
            2023", "up 9.4% from 2023", "so với cùng kỳ năm trước"), not the
            figure's own period. A year-on-year phrase alone ("year on year",
            "yoy", "so với cùng kỳ") is a baseline mention with no numeral and
            an open ``Period(None, None)`` (granularity ``"relative"``).
        time: the clock time an as-of mention states ("5 pm", "17h"), if any.
    """

    span: Span
    period: Period
    numerals: tuple[int, ...]
    granularity: str
    as_of: bool = False
    baseline: bool = False
    time: datetime.time | None = None


_alt = alternation


def _words_at(words: Sequence[str]) -> str:
    """One of ``words`` as a whole word (the scan stops only at their first letters)."""
    return starting_with(first_chars(words), rf"(?<![^\W\d_])(?i:{_alt(words)}){_END}")


@attrs.frozen
class _Lex:
    months: dict[str, int]
    solar_months: dict[str, int]
    solar_years: tuple[int, int] | None
    month_after: re.Pattern[str]  # month name right after a day numeral
    month_before: re.Pattern[str]  # month name right before a day numeral (en)
    joiner: re.Pattern[str]  # between two years of a range
    open_end: re.Pattern[str]  # before a year: "by", "đến năm"
    open_start: re.Pattern[str]
    range_before: re.Pattern[str]
    relative: re.Pattern[str] | None
    relative_days: re.Pattern[str] | None
    to_date: re.Pattern[str] | None
    past_week: re.Pattern[str] | None  # "in the past week", "trong tuần": the 7 days before
    relative_years: dict[str, int]
    year_word_before: re.Pattern[str]
    year_after: re.Pattern[str]
    recent_after: re.Pattern[str]
    recent_before: re.Pattern[str]
    day_word: re.Pattern[str]
    year_words: tuple[str, ...]
    month_word: str
    start_of: re.Pattern[str] | None  # "since the start of" / "từ đầu" right before a period
    bare_year_start: re.Pattern[str] | None  # "the start of the year", "đầu năm" (no year)
    open_start_only: re.Pattern[str]  # "since", "sejak", "từ" right before a period


_END = r"(?![^\W\d_])"


@functools.cache
def _lex(lang: Language) -> _Lex:
    per: dict[str, Any] = lang.raw.get("periods", {})
    claims: dict[str, Any] = lang.raw.get("claims", {})
    months = {k.casefold(): int(v) for k, v in per.get("months", {}).items()}
    solar = {k.casefold(): int(v) for k, v in per.get("solar_months", {}).items()}
    all_months = list(months) + list(solar)
    sy = per.get("solar_years")
    year_words = list(per.get("year_words", []))
    yw = rf"(?:\s+(?:{_alt(year_words)}))?" if year_words else ""
    rel = {k.casefold(): int(v) for k, v in per.get("relative_years", {}).items()}
    never = re.compile("(?!)")
    month_alt = _alt(all_months)
    return _Lex(
        months=months,
        solar_months=solar,
        solar_years=(int(sy[0]), int(sy[1])) if sy else None,
        month_after=re.compile(rf"\s*(?i:({month_alt})){_END}\.?") if all_months else never,
        month_before=re.compile(rf"(?i:({month_alt}))\.?\s*$") if all_months else never,
        joiner=re.compile(
            rf"\s*(?i:{_alt(claims.get('range_joiners', ['-']))}){yw}\s*",
        ),
        open_end=re.compile(rf"(?<![^\W\d_])(?i:{_alt(per.get('open_end', []))}){yw}\s*$")
        if per.get("open_end")
        else never,
        open_start=re.compile(rf"(?<![^\W\d_])(?i:{_alt(per.get('open_start', []))}){yw}\s*$")
        if per.get("open_start")
        else never,
        range_before=re.compile(
            rf"(?<![^\W\d_])(?i:{_alt(claims.get('range_before', []))}){yw}\s*$"
        )
        if claims.get("range_before")
        else never,
        relative=re.compile(_words_at(list(rel))) if rel else None,
        relative_years=rel,
        relative_days=re.compile(_words_at(per["relative_days"]))
        if per.get("relative_days")
        else None,
        to_date=re.compile(_words_at(per["to_date"])) if per.get("to_date") else None,
        past_week=re.compile(_words_at(per["past_week"])) if per.get("past_week") else None,
        year_word_before=re.compile(rf"(?<![^\W\d_])(?i:{_alt(year_words)})\s*$")
        if year_words
        else never,
        year_after=re.compile(rf"\s+(?i:{_alt(year_words)}){_END}") if year_words else never,
        recent_after=re.compile(rf"\s+(?i:{_alt(per['recent_after'])}){_END}")
        if per.get("recent_after")
        else never,
        recent_before=re.compile(
            rf"(?<![^\W\d_])(?i:(?:the\s+)?(?:{_alt(per['recent_before'])}))\s+$"
        )
        if per.get("recent_before")
        else never,
        year_words=tuple(year_words),
        day_word=re.compile(rf"(?<![^\W\d_])(?i:{_alt(_as_list(per.get('numeric_day_word')))})\s*$")
        if per.get("numeric_day_word")
        else never,
        month_word=str(per.get("numeric_month_word", "")),
        start_of=re.compile(
            rf"(?<![^\W\d_])(?:(?P<since>(?i:{_alt(per.get('open_start', []))}))\s+)?"
            rf"(?i:{_alt(per['start_of'])})\s*$"
        )
        if per.get("start_of")
        else None,
        bare_year_start=re.compile(
            rf"(?<![^\W\d_])(?:(?P<since>(?i:{_alt(per.get('open_start', []))}))\s+)?"
            rf"(?i:{_alt(per['start_of'])})\s+(?i:{_alt(year_words)}){_END}(?!\s*\d)"
        )
        if per.get("start_of") and year_words
        else None,
        open_start_only=re.compile(rf"(?<![^\W\d_])(?i:{_alt(per.get('open_start', []))})\s*$")
        if per.get("open_start")
        else never,
    )


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


_SIGNS = frozenset("%٪$€£¥₫₹﷼")
"""Signs glued to an amount: a numeral right after one is no year."""


def is_year_numeral(text: str, num: Numeral, lang: Language | None = None) -> bool:
    """Whether a numeral is written like a year: four plain digits, 1800-2200."""
    raw = text[num.span.start : num.span.end]
    if len(raw) != 4 or num.step != 0 or num.words or num.scaled:
        return False
    if text[num.span.start - 1 : num.span.start] in _SIGNS or text[
        num.span.end : num.span.end + 1
    ] in ("%", "٪"):
        return False  # "٪۱۸۰۰", "$2000", "1800%": an amount, never a year
    v = int(num.value) if num.value == num.value.to_integral_value() else -1
    if _YEAR_MIN <= v <= _YEAR_MAX:
        return True
    if lang is not None:
        sy = _lex(lang).solar_years
        return sy is not None and sy[0] <= v <= sy[1]
    return False


def _year_period(y: int, lex: _Lex, *, solar: bool) -> Period:
    if solar:
        return Period(_jalali(y, 1, 1), _jalali(y + 1, 1, 1) - datetime.timedelta(days=1))
    return Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31))


def _jalali(y: int, m: int, d: int) -> datetime.date:
    import jdatetime  # noqa: PLC0415 - heavy-ish, only for Persian calendar dates

    g: datetime.date = jdatetime.date(y, m, d).togregorian()
    return g


@functools.lru_cache(maxsize=1024)
def _dateparser_day(phrase: str, code: str, base: datetime.date) -> datetime.date | None:
    """Resolve a short relative expression ("kemarin", "hôm qua") with dateparser.

    Only the matched phrase is passed, with its language and the document's
    publication date as the base: dateparser never sees a whole text and never
    guesses among languages.
    """
    import dateparser  # noqa: PLC0415 - heavy import, only when a relative date occurs

    got = dateparser.parse(
        phrase,
        languages=[code],
        settings={
            "RELATIVE_BASE": datetime.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
        },
    )
    return got.date() if got is not None else None


def _is_solar(v: int, lex: _Lex) -> bool:
    sy = lex.solar_years
    return sy is not None and sy[0] <= v <= sy[1]


def _int(n: Numeral) -> int | None:
    """The numeral as a small plain int (no words, scale or fraction), else ``None``."""
    if n.words or n.scaled or n.value < 0 or n.value.adjusted() > 6:
        return None  # a date part or a year has at most a few digits
    if n.value != n.value.to_integral_value():
        return None
    return int(n.value)


def _month_end(y: int, m: int) -> datetime.date:
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def find_periods(
    text: str,
    numerals: Sequence[Numeral],
    lang: str | Language,
    *,
    published: datetime.date | None = None,
    year_on_year: bool = False,
) -> list[PeriodMention]:
    """Find the periods a text states, given its numerals (in text order).

    Args:
        text: the document text (the same the numerals were found in).
        numerals: :func:`~integfacts.numbers.find_numerals` output.
        lang: the language data (or its code).
        published: base for relative expressions ("tahun lalu", "this year"),
            and the year of a month, quarter or day stated without one.
        year_on_year: also return a baseline mention (``baseline=True``, an
            open period, no numeral) for each year-on-year phrase ("year on
            year", "yoy", "so với cùng kỳ"). Off by default: a caller that
            takes the nearest mention as a figure's period must skip
            baselines first.

    Returns:
        Period mentions in text order; each consumed numeral belongs to one.
    """
    lang = resolve(lang)
    lex = _lex(lang)
    sub = _sub(lang)
    taken = _Taken(len(text))
    out, cues = _sub_year(text, numerals, lex, sub, taken, published)
    used: set[int] = {k for p in out for k in p.numerals}
    n = len(numerals)
    for i, num in enumerate(numerals):
        if i in used:
            continue
        got = _date_at(text, numerals, i, lex, lang, published)
        if got is not None:
            out.append(got)
            used.update(got.numerals)
            continue
        if not is_year_numeral(text, num, lang):
            continue
        y1 = int(num.value)
        solar1 = _is_solar(y1, lex)  # (no slice of the text before: that was quadratic)
        if solar1 and not lex.year_word_before.search(
            text[max(0, num.span.start - 20) : num.span.start]
        ):
            # a bare number 1300-1499 is a Persian-calendar year only after "سال"
            if not (_YEAR_MIN <= y1 <= _YEAR_MAX):
                continue
            solar1 = False
        start = num.span.start
        before = text[max(0, start - 30) : start]
        # a range "2021-2025", "2025 تا 2030", "từ 2021 đến 2025"
        if i + 1 < n and is_year_numeral(text, numerals[i + 1], lang):
            nxt = numerals[i + 1]
            gap = text[num.span.end : nxt.span.start]
            y2 = int(nxt.value)
            if lex.joiner.fullmatch(gap) and y2 > y1 and (y2 - y1) < 100:
                solar2 = _is_solar(y2, lex) and solar1
                rb = lex.range_before.search(before)
                s = start - (len(before) - rb.start()) if rb else start
                p1 = _year_period(y1, lex, solar=solar1)
                p2 = _year_period(y2, lex, solar=solar2)
                out.append(
                    PeriodMention(
                        Span(s, nxt.span.end),
                        Period(p1.start, p2.end, text[s : nxt.span.end]),
                        (i, i + 1),
                        "range",
                    )
                )
                used.update((i, i + 1))
                continue
        yp = _year_period(y1, lex, solar=solar1)
        m_end = lex.open_end.search(before)
        m_start = lex.open_start.search(before)
        if m_end:
            s = start - (len(before) - m_end.start())
            per = Period(None, yp.end, text[s : num.span.end])
            gran = "year"
        elif m_start:
            s = start - (len(before) - m_start.start())
            per = Period(yp.start, None, text[s : num.span.end])
            gran = "year"
        else:
            yw = lex.year_word_before.search(before)
            s = start - (len(before) - yw.start()) if yw else start
            per = Period(yp.start, yp.end, text[s : num.span.end])
            gran = "year"
        out.append(PeriodMention(Span(s, num.span.end), per, (i,), gran))
        used.add(i)
    if lex.relative is not None and published is not None:
        for m in lex.relative.finditer(text):
            off = lex.relative_years[" ".join(m.group().casefold().split())]
            y = published.year + off
            out.append(
                PeriodMention(
                    Span(m.start(), m.end()),
                    Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), m.group()),
                    (),
                    "relative",
                )
            )
    if lex.relative_days is not None and published is not None:
        for m in lex.relative_days.finditer(text):
            day = _dateparser_day(m.group(), lang.code, published)
            if day is not None:
                out.append(
                    PeriodMention(Span(m.start(), m.end()), Period(day, day, m.group()), (), "day")
                )
    if lex.to_date is not None and published is not None:
        for m in lex.to_date.finditer(text):
            out.append(
                PeriodMention(
                    Span(m.start(), m.end()), Period(None, published, m.group()), (), "relative"
                )
            )
    if lex.past_week is not None and published is not None:
        week = Period(
            published - datetime.timedelta(days=7), published - datetime.timedelta(days=1), ""
        )
        cue_at = [c.start() for c in cues]
        for m in lex.past_week.finditer(text):
            k = bisect.bisect_left(cue_at, m.start())
            if k < len(cue_at) and cue_at[k] <= m.end() + 1:
                continue  # "dalam sepekan hingga 14 Maret": the week to that day, read below
            per = attrs.evolve(week, text=m.group())
            # "در هفته گذشته" holds "هفته گذشته" (a relative day): the week wins
            out = [p for p in out if not (m.start() <= p.span.start and p.span.end <= m.end())]
            out.append(PeriodMention(Span(m.start(), m.end()), per, (), "week"))
    recent = _recent(text, numerals, lex, used, published)
    # a relative phrase inside a longer stated period ("năm qua" in "5 năm qua") yields to it
    fixed = sorted(
        [p for p in out if p.granularity != "relative"] + recent, key=lambda p: p.span.start
    )
    starts = [p.span.start for p in fixed]

    def covered(p: PeriodMention) -> bool:
        k = bisect.bisect_left(starts, p.span.end)
        return any(fixed[j].span.end > p.span.start for j in range(max(0, k - 3), k))

    out = fixed + [p for p in out if p.granularity == "relative" and not covered(p)]
    out.sort(key=lambda p: p.span.start)
    out = _join_date_ranges(text, out, lex)
    out = _year_to_date(text, out, lex, published)
    out = _as_of(text, numerals, out, sub, published, cues)
    return _baselines(text, numerals, out, lex, sub, year_on_year=year_on_year)


_TO_DATE_GAP = re.compile(r"[\s,،]{0,3}")
"""Between a period and a "to date" phrase that closes it ("từ đầu năm 2025 đến nay")."""


def _year_to_date(
    text: str, periods: list[PeriodMention], lex: _Lex, published: datetime.date | None
) -> list[PeriodMention]:
    """A period from a start to the publication day: "since the start of the year",
    "so far this year", "sejak awal tahun", "sejak Januari 2025", "từ đầu năm đến
    nay", "از ابتدای سال جاری تاکنون".

    A year, or the year a "start of" phrase names with no number ("the start of
    the year": the publication's), or a month after "since" (or before "to
    date"), opens the period; it ends on the publication day (open when that is
    not known). The mentions it joins (the year, "to date") become one, of
    granularity ``"to_date"``. A year after "since" alone ("since 2023") stays
    an open year, as before.
    """
    if lex.start_of is None and lex.to_date is None:
        return periods
    to_dates = {
        p.span.start: p for p in periods if p.granularity == "relative" and p.period.start is None
    }
    out: list[PeriodMention] = []
    drop: set[int] = set()  # starts of to-date mentions joined to a period before them
    for p in periods:
        per = p.period
        opening = p.granularity in ("year", "month", "relative") and per.start is not None
        if not opening or p.baseline or p.as_of:
            out.append(p)
            continue
        start = p.span.start
        lead = lex.start_of.search(text, max(0, start - 30), start) if lex.start_of else None
        since = lead is not None and lead.group("since") is not None
        if lead is None and p.granularity == "month":
            m = lex.open_start_only.search(text, max(0, start - 12), start)
            if m is not None:
                lead, since = m, True
        gap = _TO_DATE_GAP.match(text, p.span.end)
        closing = to_dates.get(gap.end()) if gap else None
        if closing is None and lead is None:
            # "so far this year": the to-date phrase before the year
            k = start - 1
            while k >= 0 and text[k] in " \u00a0,":
                k -= 1
            closing = next(
                (
                    q
                    for q in to_dates.values()
                    if q.span.end == k + 1 and p.granularity == "relative"
                ),
                None,
            )
        if not (since or closing is not None) or (lead is None and closing is None):
            out.append(p)
            continue
        if lead is None and p.granularity != "relative":
            out.append(p)  # "2025 to date": the year, as stated
            continue
        lo = min(start, lead.start() if lead else start, closing.span.start if closing else start)
        hi = max(p.span.end, closing.span.end if closing else p.span.end)
        if closing is not None:
            drop.add(closing.span.start)
        assert per.start is not None  # (an opening period)
        end = published if published is not None and published >= per.start else None
        out.append(
            PeriodMention(Span(lo, hi), Period(per.start, end, text[lo:hi]), p.numerals, "to_date")
        )
    if lex.bare_year_start is not None and published is not None:
        # the stretches other periods hold ("the start of 2025" was read above)
        taken = sorted(
            (q.span.start, q.span.end)
            for q in out
            if not (q.granularity == "relative" and q.span.start in to_dates)
        )
        ends = [b for _, b in taken]
        for m in lex.bare_year_start.finditer(text):
            k = bisect.bisect_right(ends, m.start())
            if k < len(taken) and taken[k][0] < m.end():
                continue
            gap = _TO_DATE_GAP.match(text, m.end())
            closing = to_dates.get(gap.end()) if gap else None
            if m.group("since") is None and closing is None:
                continue
            hi = closing.span.end if closing is not None else m.end()
            if closing is not None:
                drop.add(closing.span.start)
            first = datetime.date(published.year, 1, 1)
            out.append(
                PeriodMention(
                    Span(m.start(), hi),
                    Period(first, published, text[m.start() : hi]),
                    (),
                    "to_date",
                )
            )
    out = [q for q in out if not (q.granularity == "relative" and q.span.start in drop)]
    out.sort(key=lambda q: q.span.start)
    return out


def _join_date_ranges(text: str, periods: list[PeriodMention], lex: _Lex) -> list[PeriodMention]:
    """Two dates joined by a range word ("10/10/1954 – 10/10/2024") become one range."""
    out: list[PeriodMention] = []
    for p in periods:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.granularity in ("day", "month")
            and p.granularity in ("day", "month")
            and prev.period.start is not None
            and p.period.end is not None
            and prev.period.start <= p.period.end
            and lex.joiner.fullmatch(text[prev.span.end : p.span.start])
        ):
            out[-1] = PeriodMention(
                Span(prev.span.start, p.span.end),
                Period(prev.period.start, p.period.end, text[prev.span.start : p.span.end]),
                prev.numerals + p.numerals,
                "range",
            )
            continue
        out.append(p)
    return out


def _recent(
    text: str,
    numerals: Sequence[Numeral],
    lex: _Lex,
    used: set[int],
    published: datetime.date | None,
) -> list[PeriodMention]:
    """ "lima tahun terakhir", "the past five years", "5 năm qua": N years to publication."""
    out = []
    for i, num in enumerate(numerals):
        small = 0 <= num.value.adjusted() <= 3
        integral = small and num.value == num.value.to_integral_value() and not num.scaled
        n = int(num.value) if integral else None
        if i in used or n is None or not 1 <= n <= 100:
            continue
        m = lex.year_after.match(text, num.span.end)
        if m is None:
            continue
        s, e = num.span.start, m.end()
        ra = lex.recent_after.match(text, e)
        rb = lex.recent_before.search(text[max(0, s - 24) : s])
        if ra is None and rb is None:
            continue
        if ra is not None:
            e = ra.end()
        if rb is not None:
            s -= len(text[max(0, s - 24) : s]) - rb.start()
        if published is not None:
            per = Period(datetime.date(published.year - n + 1, 1, 1), published, text[s:e])
        else:
            per = Period(None, None, text[s:e])
        out.append(PeriodMention(Span(s, e), per, (i,), "recent"))
        used.add(i)
    return out


def _date_at(
    text: str,
    numerals: Sequence[Numeral],
    i: int,
    lex: _Lex,
    lang: Language,
    published: datetime.date | None,
) -> PeriodMention | None:
    """A day-month(-year) date starting at (or around) numeral ``i``."""
    num = numerals[i]
    d = _int(num)
    if d is None:
        return None
    raw = text[num.span.start : num.span.end]
    n = len(numerals)
    # "26 September [2025]", "۲۴ ژانویه ۲۰۲۵", "۱۵ مرداد ۱۴۰۲"
    if 1 <= d <= 31 and len(raw) <= 2:
        m = lex.month_after.match(text, num.span.end)
        if m:
            name = m.group(1).casefold()
            solar = name in lex.solar_months
            month = lex.solar_months[name] if solar else lex.months[name]
            end = m.end()
            used = [i]
            year: int | None = None
            if i + 1 < n and numerals[i + 1].span.start - end <= 3:
                y = _int(numerals[i + 1])
                gap = text[end : numerals[i + 1].span.start]
                if (
                    y is not None
                    and len(text[numerals[i + 1].span.start : numerals[i + 1].span.end]) == 4
                    and gap.strip(" ,") == ""
                ):
                    year = y
                    end = numerals[i + 1].span.end
                    used.append(i + 1)
            if year is None and published is not None:
                # "۲۲ آبان": of the publication's year in the month's calendar
                year = _cal_year(published, solar)
            return _make_date(text, num.span.start, end, year, month, d, solar, tuple(used))
    # "December 26, 2023"
    if 1 <= d <= 31 and len(raw) <= 2:
        before = text[max(0, num.span.start - 12) : num.span.start]
        mb = lex.month_before.search(before)
        if mb and mb.group(1).casefold() in lex.months:
            month = lex.months[mb.group(1).casefold()]
            s = num.span.start - (len(before) - mb.start())
            end = num.span.end
            used = [i]
            year = None
            if i + 1 < n:
                gap = text[end : numerals[i + 1].span.start]
                y = _int(numerals[i + 1])
                if (
                    y is not None
                    and gap.strip() in (",", "")
                    and len(gap) <= 3
                    and is_year_numeral(text, numerals[i + 1], lang)
                ):
                    year = y
                    end = numerals[i + 1].span.end
                    used.append(i + 1)
            if year is None and published is not None:
                year = published.year
            return _make_date(text, s, end, year, month, d, False, tuple(used))
    # "ngày 26 tháng 9 năm 2025": day, the month word and a month number, a year
    nxt0 = numerals[i + 1] if i + 1 < n else None
    if lex.month_word and nxt0 is not None and 1 <= d <= 31 and len(raw) <= 2:
        gap = text[num.span.end : nxt0.span.start].strip().casefold()
        mo = _int(nxt0)
        if gap == lex.month_word.casefold() and mo is not None and 1 <= mo <= 12:
            used = [i, i + 1]
            end = nxt0.span.end
            year = None
            third = numerals[i + 2] if i + 2 < n else None
            if third is not None and is_year_numeral(text, third, lang):
                yw = text[nxt0.span.end : third.span.start].strip(" ,/").casefold()
                if yw in ("", *(w.casefold() for w in lex.year_words)):
                    year = int(third.value)
                    end = third.span.end
                    used.append(i + 2)
            if year is None and published is not None:
                year = published.year
            before = text[max(0, num.span.start - 8) : num.span.start]
            cue = lex.day_word.search(before)
            s = num.span.start - (len(before) - cue.start()) if cue else num.span.start
            return _make_date(text, s, end, year, mo, d, False, tuple(used))
    # numeric "26/9", "26/9/2025", "ngày 26/9" (day first, as these locales write)
    nxt = numerals[i + 1] if i + 1 < n else None
    if nxt is not None and text[num.span.end : nxt.span.start] in ("/", ".", "-") and len(raw) <= 2:
        mo = _int(nxt)
        if mo is not None and 1 <= mo <= 12 and 1 <= d <= 31:
            sep = text[num.span.end : nxt.span.start]
            used = [i, i + 1]
            end = nxt.span.end
            year = None
            third = numerals[i + 2] if i + 2 < n else None
            if third is not None and text[nxt.span.end : third.span.start] == sep:
                y = _int(third)
                if y is not None and len(text[third.span.start : third.span.end]) == 4:
                    year = y
                    end = third.span.end
                    used.append(i + 2)
            before = text[max(0, num.span.start - 8) : num.span.start]
            cue = lex.day_word.search(before)
            paren = (
                _sub(lang).paren_dates
                and text[num.span.start - 1 : num.span.start] == "("
                and text[end : end + 1] == ")"
            )
            if year is None and not cue and not paren:
                return None  # "(13/9)" in id/vi news is a day of the publication year
            if year is None and published is not None:
                year = published.year
            s = num.span.start
            if cue:
                s = num.span.start - (len(before) - cue.start())
            return _make_date(text, s, end, year, mo, d, False, tuple(used))
    # "tháng 9/2025", "tháng 9 năm 2025": month and year
    if lex.month_word and 1 <= d <= 12 and nxt is not None:
        before = text[max(0, num.span.start - 8) : num.span.start].casefold().rstrip()
        if before.endswith(lex.month_word.casefold()) and is_year_numeral(text, nxt, lang):
            gap = text[num.span.end : nxt.span.start].strip().casefold()
            if gap in ("/", "năm", "-"):
                y = int(nxt.value)
                s = num.span.start - (
                    len(text[max(0, num.span.start - 8) : num.span.start])
                    - text[max(0, num.span.start - 8) : num.span.start]
                    .casefold()
                    .rfind(lex.month_word.casefold())
                )
                per = Period(datetime.date(y, d, 1), _month_end(y, d), text[s : nxt.span.end])
                return PeriodMention(Span(s, nxt.span.end), per, (i, i + 1), "month")
    return None


def _make_date(
    text: str,
    s: int,
    e: int,
    year: int | None,
    month: int,
    day: int,
    solar: bool,
    used: tuple[int, ...],
) -> PeriodMention | None:
    if year is None:
        # no year and no publication date: a date all the same, left open
        return PeriodMention(Span(s, e), Period(None, None, text[s:e]), used, "day")
    try:
        date = _jalali(year, month, day) if solar else datetime.date(year, month, day)
    except ValueError:
        return None
    return PeriodMention(Span(s, e), Period(date, date, text[s:e]), used, "day")


# ------------------------------------------------------------------ sub-year periods

_WEND = r"(?![\w\u200c])"  # a word ends (no letter, digit or ZWNJ follows)
_WSTART = r"(?<![\w\u200c])"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NEVER = re.compile("(?!)")
_WORDCH = re.compile(r"[\w\u200c]")
_PUNCT = re.compile(r"[\s,()،]*")


@attrs.frozen
class _Sub:
    """Patterns for sub-year periods, as-of days and baselines of one language."""

    solar_default: bool  # units with no year are of the Solar Hijri year
    anchors: re.Pattern[str]  # U: unit, M: month term, A: as-of cue (one scan of the text)
    week_cues: frozenset[str]  # as-of cues that open a week ending that day ("the week to")
    ord_before: re.Pattern[str]  # "first" before "quarter" (ordinal_first languages)
    unit_kind: dict[str, str]  # unit word or letter -> "quarter" | "half"
    ordinals: dict[str, int]  # -1: the last one
    year_tail: re.Pattern[str]  # after a period: "/2025", " of 2025", " năm 2025"
    rel_tail: re.Pattern[str]  # after a period: " of this year", " năm nay", " امسال"
    now_tail: re.Pattern[str]  # after a period: " of the year", " năm", " سال"
    n_months: re.Pattern[str]  # after a count: " months", " tháng đầu", " ماهه نخست"
    first_before: re.Pattern[str]  # before a count: "the first"
    months_cue: re.Pattern[str]  # before a count: "Trong" (then a comma after the months)
    months_total: re.Pattern[str]  # before a count, cumulative: "tính chung", "lũy kế"
    months_to: re.Pattern[str]  # after "N months": "to", "ending" (the N months ending a month)
    months_year_alone: bool  # "9 tháng năm 2025": a count of months with a year is first-N
    months_at_start: bool  # "11 tháng, ...": a count of months opening a sentence is first-N
    count_words: dict[str, int]
    count_re: re.Pattern[str] | None  # a count word ending a look-back slice
    month_term: re.Pattern[str]
    month_cue: re.Pattern[str]
    month_bare: bool
    month_capitalized: bool
    month_not_after: re.Pattern[str]
    day_after: re.Pattern[str]
    time: re.Pattern[str]
    time_after: dict[str, int]
    time_free_sep: str  # a minutes separator that makes a time on its own (":")
    weekday: re.Pattern[str]
    weekdays: dict[str, int]
    link: re.Pattern[str]
    paren_dates: bool
    baseline_before: re.Pattern[str]
    baseline_after_figure: re.Pattern[str]
    baseline_cue_end: re.Pattern[str]
    change_gap: re.Pattern[str]
    yoy: re.Pattern[str] | None


def _ws(words: Sequence[str]) -> str:
    """Words as one pattern (a trie: each position tries one branch per next letter).

    A space in a word matches any run of whitespace. Longer words are tried
    before their prefixes. The words are matched as given; callers wrap the
    pattern in ``(?i:...)`` to ignore case (then the words must be lower case).
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in " ".join(w.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict[str, Any]) -> str:
    alts = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def _opt(words: Sequence[str], pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("ALT", _ws(words))) if words else _NEVER


@functools.cache
def _sub(lang: Language) -> _Sub:
    per: dict[str, Any] = lang.raw.get("periods", {})
    lex = _lex(lang)
    units = {str(w).casefold(): "quarter" for w in per.get("quarter_words", [])}
    units |= {str(w).casefold(): "half" for w in per.get("half_words", [])}
    letters = {str(k).casefold(): str(v) for k, v in per.get("unit_letters", {}).items()}
    ords = {str(k).casefold(): int(v) for k, v in per.get("unit_ordinals", {}).items()}
    num = r"(?:iv|iii|ii|i|[1-4])"
    let = rf"|(?P<let>{_alt(letters)})(?P<lnum>[1-4])(?!\d)" if letters else ""
    ord_before = _NEVER
    unit_body = "(?!)"
    if not units:
        pass
    elif per.get("ordinal_first", False):
        # anchored on the (rarer) unit word; the ordinal before it is looked up then
        unit_body = rf"{_WSTART}(?i:(?P<unit>{_ws(list(units))}){let}){_WEND}"
        ord_before = re.compile(rf"{_WSTART}(?i:(?P<ord>{_ws(list(ords))}))[\s-]+$")
    else:
        ordalt = _ws(list(ords)) + "|" + num if ords else num
        unit_body = (
            rf"{_WSTART}(?i:(?P<unit>{_ws(list(units))})[\s-]*(?P<ord>{ordalt}){let}){_WEND}"
        )
    link = list(per.get("year_link", [])) + list(per.get("year_words", []))
    lk = rf"(?:(?:{_ws(link)})\s+)?" if link else ""
    rel = list(lex.relative_years)
    counts = {str(k).casefold(): int(v) for k, v in per.get("count_words", {}).items()}
    solar_names = list(lex.solar_months)
    names = list(lex.months) + solar_names
    mw = str(per.get("numeric_month_word", ""))
    term = rf"(?P<name>{_ws(names)})(?P<dot>\.(?=\s*\d))?" if names else "(?!)"
    if mw:
        term += rf"|(?P<mw>{re.escape(mw)})\s*(?P<num>\d{{1,2}})(?!\d)"
    pre = per.get("month_prefix", [])
    suf = per.get("month_suffix", [])
    # capitalised month names ("may" is a verb): only a capital can start one
    cap = bool(per.get("month_capitalized", False))
    firsts = first_chars([w[:1].upper() for w in names], ignorecase=False) if cap else ""
    firsts += first_chars([*([] if cap else names), *pre, *([mw] if mw else [])])
    month_body = (
        _WSTART
        + "(?i:"
        + (rf"(?:(?P<pre>{_ws(pre)})\s+)?" if pre else "")
        + rf"(?:{term})"
        # "مرداد ماه", "دی‌ماه" (joined by a zero-width non-joiner)
        + (rf"(?:(?:\s+|\u200c)(?P<suf>{_ws(suf)}){_WEND}|" if suf else "(?:")
        + rf"(?<=\.)|{_WEND})"
        + ")"
    )
    month_term = re.compile(starting_with(firsts, month_body))
    week = [str(w) for w in per.get("week_to", [])]
    asof = list(per.get("as_of", [])) + week
    mwords = list(per.get("months_unit", []))
    # one scan of the text finds every anchor: a unit, a month, an as-of cue
    anchors = re.compile(
        starting_with(
            firsts + first_chars([*units, *letters, *asof]),
            rf"(?P<U>{unit_body})|(?P<M>{month_body})"
            + (rf"|(?P<A>{_WSTART}(?i:{_ws(asof)}){_WEND})" if asof else ""),
        )
    )
    ta = {str(k).casefold(): int(v) for k, v in per.get("time_after", {}).items()}
    tb = per.get("time_before", [])
    seps = "".join(re.escape(c) for c in per.get("time_separators", [":"]))
    zones = per.get("time_zones", [])
    time_pat = (
        (rf"(?:(?P<tb>{_ws(tb)})\s*)?" if tb else "")
        + rf"(?P<h>\d{{1,2}})(?!\d)(?:(?P<sep>[{seps}])(?P<m>\d{{2}})(?!\d))?"
        + (rf"(?:\s*(?P<ta>{_ws(list(ta))})(?:\s*(?P<m2>\d{{2}})(?!\d))?)?" if ta else "")
        + (rf"(?:\s*(?P<zone>{_ws(zones)}))?" if zones else "")
    )
    time = re.compile(rf"(?i:{time_pat}){_WEND}")
    wd = {str(k).casefold(): int(v) for k, v in per.get("weekdays", {}).items()}
    fill = per.get("baseline_fill", [])
    fl = rf"(?:\s+(?:{_ws(fill)}))?" if fill else ""
    return _Sub(
        week_cues=frozenset(_norm(w) for w in week),
        solar_default=per.get("calendar", "gregorian") == "solar_hijri",
        anchors=anchors,
        ord_before=ord_before,
        unit_kind=units | letters,
        ordinals=ords,
        year_tail=re.compile(rf"(?:\s*[/,\-–]\s*|\s+)(?i:{lk})(?P<y>\d{{4}})(?!\d)"),
        rel_tail=re.compile(rf"\s+(?i:{lk}(?P<rel>{_ws(rel)})){_WEND}") if rel else _NEVER,
        now_tail=_opt(per.get("year_now", []), rf"\s+(?i:ALT){_WEND}"),
        n_months=_opt(
            per.get("months_unit", []),
            rf"[\s-]*(?i:ALT){_WEND}"
            + (
                rf"(?:\s+(?i:(?P<first>{_ws(per['first_after'])})){_WEND})?"
                if per.get("first_after")
                else ""
            )
            + (
                rf"(?:\s+(?i:(?P<last>{_ws(per['last_after'])})){_WEND})?"
                if per.get("last_after")
                else ""
            ),
        ),
        first_before=_opt(per.get("first_before", []), rf"{_WSTART}(?i:ALT)\s+$"),
        months_cue=_opt(per.get("months_cue", []), rf"{_WSTART}(?:ALT)\s+$"),
        months_total=_opt(per.get("months_total", []), rf"{_WSTART}(?i:ALT)\s+$"),
        months_to=_opt(per.get("months_to", []), r"\s+(?i:ALT)(?=\s)"),
        months_year_alone=bool(per.get("months_year_alone", False)),
        months_at_start=bool(per.get("months_at_start", False)),
        count_words=counts,
        # a literal first, so the scan is a fast string search
        count_re=re.compile(
            rf"(?:{'|'.join(re.escape(c) for c in counts)})(?=[\s-]*(?i:{_ws(mwords)}){_WEND})"
        )
        if counts and mwords
        else None,
        month_term=month_term,
        month_cue=_opt(per.get("month_cues", []), rf"{_WSTART}(?i:ALT)\s+$"),
        month_bare=bool(per.get("month_bare", False)),
        month_capitalized=bool(per.get("month_capitalized", False)),
        month_not_after=_opt(per.get("month_not_after", []), rf"{_WSTART}(?i:ALT)\s*$"),
        day_after=re.compile(r"\s+\d{1,2}(?!\d|[.,:\u066b\u066c/]\d)"),
        time=time,
        time_after=ta,
        time_free_sep=":" if ":" in per.get("time_separators", [":"]) else "",
        weekday=_opt(list(wd), rf"(?i:ALT){_WEND}"),
        weekdays=wd,
        link=re.compile(
            r"[\s,()،]*"
            + (rf"(?i:(?:{_ws(per['as_of_links'])}){_WEND})?" if per.get("as_of_links") else "")
            + r"[\s,()،]*"
        ),
        paren_dates=bool(per.get("paren_dates", False)),
        baseline_before=_opt(per.get("baseline_before", []), rf"{_WSTART}(?i:(?:ALT){fl})[\s,]*$"),
        baseline_after_figure=_opt(per.get("baseline_after_figure", []), rf"(?i:ALT){_WEND}"),
        baseline_cue_end=_opt(per.get("baseline_after_figure", []), rf"{_WSTART}(?i:ALT)\s+$"),
        change_gap=_opt(per.get("change_units", []), r"\s*(?i:ALT)?\s*")
        if per.get("change_units")
        else re.compile(r"\s*"),
        yoy=re.compile(
            starting_with(
                first_chars(per["year_on_year"]),
                rf"(?<![\w\u200c])(?i:{_ws(per['year_on_year'])})(?![\w\u200c])",
            )
        )
        if per.get("year_on_year")
        else None,
    )


def _norm(w: str) -> str:
    return " ".join(w.casefold().split())


def _cal_year(d: datetime.date, solar: bool) -> int:
    if not solar:
        return d.year
    import jdatetime  # noqa: PLC0415 - only for Persian calendar dates

    return int(jdatetime.date.fromgregorian(date=d).year)


def _span_months(y: int, m1: int, m2: int, solar: bool) -> tuple[datetime.date, datetime.date]:
    """First day of month ``m1`` to the last day of month ``m2`` of year ``y``.

    ``m1`` after ``m2`` ("November-February 2025") starts in the year before.
    """
    y1 = y - 1 if m1 > m2 else y
    if solar:
        end = _jalali(y + (m2 == 12), m2 % 12 + 1, 1) - datetime.timedelta(days=1)
        return _jalali(y1, m1, 1), end
    return datetime.date(y1, m1, 1), _month_end(y, m2)


def _months_period(
    text: str,
    s: int,
    e: int,
    year: int | None,
    solar: bool,
    m1: int,
    m2: int,
    recent: bool,
    published: datetime.date | None,
) -> Period:
    """The period of months ``m1``..``m2`` of a year, stated or from the publication date.

    With no year stated (``recent``), the year is the latest whose period has
    begun by publication and ends within a month after it ("in September",
    "the first quarter"); with no publication date the period is open.
    """
    if year is None and recent and published is not None:
        y0 = _cal_year(published, solar)
        year = y0 - 1
        for y in (y0, y0 - 1):
            a, b = _span_months(y, m1, m2, solar)
            if a <= published and b <= published + datetime.timedelta(days=31):
                year = y
                break
    if year is None:
        return Period(None, None, text[s:e])
    try:
        a, b = _span_months(year, m1, m2, solar)
    except ValueError:
        return Period(None, None, text[s:e])
    return Period(a, b, text[s:e])


def _year_after(
    text: str,
    e: int,
    sub: _Sub,
    lex: _Lex,
    solar: bool | None,
    published: datetime.date | None,
) -> tuple[int | None, bool, int, bool]:
    """The year stated after a sub-year period ending at ``e``.

    Returns the year (``None`` if not known), whether it is a Solar Hijri year,
    the end offset, and whether no year was stated at all (the publication
    date decides). ``solar``: the calendar of a month name, ``None`` for a
    quarter or a count of months (the year's digits or the language decide).
    """
    m = sub.year_tail.match(text, e)
    if m is not None:
        y = int(m.group("y"))
        greg = _YEAR_MIN <= y <= _YEAR_MAX
        sol = _is_solar(y, lex)
        if (
            (solar is None and (greg or sol))
            or (solar is True and sol)
            or (solar is False and greg)
        ):
            return y, sol, m.end(), False
    cal = sub.solar_default if solar is None else solar
    m = sub.rel_tail.match(text, e)
    if m is not None:
        off = lex.relative_years.get(_norm(m.group("rel")), 0)
        y0 = _cal_year(published, cal) + off if published is not None else None
        return y0, cal, m.end(), False
    m = sub.now_tail.match(text, e)
    if m is not None:
        return (_cal_year(published, cal) if published else None), cal, m.end(), False
    return None, cal, e, True


class _Taken:
    """Character offsets already stated by a period (a mask: linear in the text)."""

    def __init__(self, n: int) -> None:
        self.mask = bytearray(n)

    def hit(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) >= 0

    def take(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)


def _inside(numerals: Sequence[Numeral], starts: Sequence[int], s: int, e: int) -> tuple[int, ...]:
    """Indexes of the numerals lying within ``[s, e)``."""
    k = bisect.bisect_left(starts, s)
    out = []
    while k < len(numerals) and numerals[k].span.end <= e:
        out.append(k)
        k += 1
    return tuple(out)


def _opens(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence or a line (only spaces after a stop before it)."""
    seg = text[max(0, pos - 40) : pos]
    before = seg.rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:;"


def _count(num: Numeral) -> int | None:
    """A numeral that can count months (1-12), in digits or words."""
    v = num.value
    if num.scaled or v != v.to_integral_value() or not 1 <= v <= 12:
        return None
    return int(v)


def _sub_year(
    text: str,
    numerals: Sequence[Numeral],
    lex: _Lex,
    sub: _Sub,
    taken: _Taken,
    published: datetime.date | None,
) -> tuple[list[PeriodMention], list[re.Match[str]]]:
    """Quarters, halves, the first N months, months and month ranges, with their year.

    Also returns the as-of cues the same scan found.
    """
    st = _State(text, numerals, [n.span.start for n in numerals], taken, [])
    found: dict[str | None, list[re.Match[str]]] = {"U": [], "M": [], "A": []}
    for m in sub.anchors.finditer(text):
        found[m.lastgroup].append(m)
    _units(st, lex, sub, published, found["U"])
    _first_months(st, lex, sub, published)
    _months(st, lex, sub, published, found["M"])
    return st.out, found["A"]


@attrs.define
class _State:
    text: str
    numerals: Sequence[Numeral]
    starts: list[int]
    taken: _Taken
    out: list[PeriodMention]

    def emit(self, s: int, e: int, per: Period, gran: str) -> None:
        nums = _inside(self.numerals, self.starts, s, e)
        self.out.append(PeriodMention(Span(s, e), per, nums, gran))
        self.taken.take(s, e)


def _units(
    st: _State,
    lex: _Lex,
    sub: _Sub,
    published: datetime.date | None,
    matches: Sequence[re.Match[str]],
) -> None:
    """ "the first quarter of 2025", "Q3/2025", "kuartal I/2025", "nửa đầu năm", "سه ماهه نخست"."""
    text, taken, emit = st.text, st.taken, st.emit
    # "the first quarter of 2025", "Q3/2025", "kuartal I/2025", "nửa đầu năm", "سه ماهه نخست ۱۴۰۴"
    for m in matches:
        s, e = m.span()
        if taken.hit(s, e):
            continue
        if m.groupdict().get("let") is not None:
            kind, v = sub.unit_kind[m.group("let").casefold()], int(m.group("lnum"))
        else:
            kind = sub.unit_kind[_norm(m.group("unit"))]
            if "ord" in m.groupdict():
                o = _norm(m.group("ord"))
            else:
                before = text[max(0, s - 20) : s]
                ob = sub.ord_before.search(before)
                if ob is None:
                    continue
                o = _norm(ob.group("ord"))
                s -= len(before) - ob.start()
            got = sub.ordinals.get(o, _ROMAN.get(o))
            v = got if got is not None else (int(o) if o.isdigit() else 0)
        size = 3 if kind == "quarter" else 6
        v = 12 // size if v == -1 else v
        if not 1 <= v <= 12 // size:
            continue
        y, solar, e2, recent = _year_after(text, e, sub, lex, None, published)
        per = _months_period(text, s, e2, y, solar, size * (v - 1) + 1, size * v, recent, published)
        emit(s, e2, per, kind)


def _first_months(st: _State, lex: _Lex, sub: _Sub, published: datetime.date | None) -> None:
    """ "the first nine months of 2025", "9 tháng đầu năm 2025", "۹ ماهه نخست ۱۴۰۴"."""
    text, taken, emit, numerals = st.text, st.taken, st.emit, st.numerals
    nm = sub.n_months
    cands = [(n.span.start, n.span.end, _count(n)) for n in numerals if nm.match(text, n.span.end)]
    if sub.count_re is not None:  # number words the number reader leaves out ("نه")
        cands += [
            (c.start(), c.end(), sub.count_words[_norm(c.group())])
            for c in sub.count_re.finditer(text)
            if not _WORDCH.match(text, c.start() - 1) or c.start() == 0
        ]
        cands.sort(key=lambda c: c[0])
    for s, e, cnt in cands:
        if cnt is None or taken.hit(s, e):
            continue
        m = sub.n_months.match(text, e)
        if m is None:
            continue
        gd = m.groupdict()
        ending = _months_ending(text, s, m.end(), cnt, lex, sub, published)
        if ending is not None:
            emit(s, ending[0], ending[1], "months")
            continue
        before = text[max(0, s - 20) : s]
        fb = sub.first_before.search(before)
        y, solar, e2, recent = _year_after(text, m.end(), sub, lex, None, published)
        if gd.get("last"):
            m1, m2 = 13 - cnt, 12
        elif (
            gd.get("first")
            or fb
            or (
                sub.months_year_alone
                and y is not None
                and (sub.year_tail.match(text, m.end()) or sub.rel_tail.match(text, m.end()))
            )
            or (
                (sub.months_cue.search(before) or (sub.months_at_start and _opens(text, s)))
                and re.match(r"\s*[,،]", text[e2 : e2 + 4])
            )
            or sub.months_total.search(before)  # "mức tăng chung 9 tháng lên 7,85%"
        ):
            m1, m2 = 1, cnt
        else:
            continue
        s0 = s - (len(before) - fb.start()) if fb else s
        per = _months_period(text, s0, e2, y, solar, m1, m2, recent, published)
        emit(s0, e2, per, "months")


def _months_ending(
    text: str,
    s: int,
    e: int,
    cnt: int,
    lex: _Lex,
    sub: _Sub,
    published: datetime.date | None,
) -> tuple[int, Period] | None:
    """ "the three months to August", "12 tháng tính đến tháng 9": the ``cnt`` months
    ending with that (Gregorian) month, whatever year they start in; (end, period)."""
    to = sub.months_to.match(text, e)
    if to is None or not 1 <= cnt <= 36:
        return None
    mm = lex.month_after.match(text, to.end())
    month = lex.months.get(mm.group(1).casefold()) if mm is not None else None
    if mm is None or month is None:
        return None
    name_end = (
        mm.end() - 1 if text[mm.end() - 1] == "." and mm.end() - mm.start(1) > 4 else mm.end()
    )
    y, _solar, end, _recent = _year_after(text, name_end, sub, lex, False, published)
    if y is None and published is not None:
        # no year: the latest such month begun by publication
        y = (
            published.year
            if datetime.date(published.year, month, 1) <= published
            else published.year - 1
        )
    if y is None:
        return end, Period(None, None, text[s:end])
    k = y * 12 + month - cnt
    return end, Period(datetime.date(k // 12, k % 12 + 1, 1), _month_end(y, month), text[s:end])


def _months(
    st: _State,
    lex: _Lex,
    sub: _Sub,
    published: datetime.date | None,
    matches: Sequence[re.Match[str]],
) -> None:
    """ "September 2025", "tháng 9/2025", "مرداد ماه ۱۴۰۴", "January-September 2025"."""
    text, taken, emit, numerals = st.text, st.taken, st.emit, st.numerals
    ends = [n.span.end for n in numerals]
    for m in matches:
        s, e = m.span()
        if taken.hit(s, e):
            continue
        got = _month_of(text, m, lex, sub, numerals, ends)
        if got is None:
            continue
        month, solar = got
        j = lex.joiner.match(text, e)
        m2 = sub.month_term.match(text, j.end()) if j is not None else None
        got2 = _month_of(text, m2, lex, sub, numerals, ends) if m2 is not None else None
        if m2 is not None and got2 is not None and got2[1] == solar and not taken.hit(*m2.span()):
            y, solar, e2, recent = _year_after(text, m2.end(), sub, lex, solar, published)
            before = text[max(0, s - 30) : s]
            rb = lex.range_before.search(before)
            s0 = s - (len(before) - rb.start()) if rb else s
            per = _months_period(text, s0, e2, y, solar, month, got2[0], recent, published)
            emit(s0, e2, per, "months" if month != got2[0] else "month")
            continue
        y, solar, e2, recent = _year_after(text, e, sub, lex, solar, published)
        gd = m.groupdict()
        if recent and not (
            gd.get("pre") is not None
            or gd.get("suf") is not None
            or gd.get("mw") is not None
            or sub.month_bare
            or sub.month_cue.search(text[max(0, s - 16) : s])
        ):
            continue
        emit(s, e2, _months_period(text, s, e2, y, solar, month, month, recent, published), "month")


def _month_of(
    text: str,
    m: re.Match[str],
    lex: _Lex,
    sub: _Sub,
    numerals: Sequence[Numeral],
    ends: Sequence[int],
) -> tuple[int, bool] | None:
    """The month (and whether it is Solar Hijri) a month term names, unless it is part of a date."""
    s = m.start()
    gd = m.groupdict()
    name_s = m.start("name") if gd.get("name") is not None else m.start("mw")
    # a day numeral right before: "26 September", "ngày 15 tháng 9" is a date
    k = bisect.bisect_right(ends, name_s) - 1
    if k >= 0:
        num = numerals[k]
        d = _int(num)
        gap = text[num.span.end : name_s]
        short = len(text[num.span.start : num.span.end]) <= 2
        if d is not None and 1 <= d <= 31 and len(gap) <= 3 and not gap.strip() and short:
            return None
    if gd.get("name") is not None:
        name = _norm(gd["name"])
        if sub.month_capitalized and not gd["name"][0].isupper():
            return None
        if sub.day_after.match(text, m.end("name") + (1 if gd.get("dot") else 0)):
            return None  # "September 15": a date
        if name in lex.solar_months:
            return lex.solar_months[name], True
        return lex.months[name], False
    v = int(gd["num"])
    if not 1 <= v <= 12 or sub.month_not_after.search(text[max(0, s - 12) : s]):
        return None
    return v, False


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    m = pattern.match(text, pos)
    return m.end() if m is not None else pos


def _clock(m: re.Match[str], sub: _Sub) -> datetime.time | None:
    """The time a time match states, if it is one ("5 pm", "17h", "pukul 17.00", "ساعت ۱۸")."""
    gd = m.groupdict()
    h = int(m.group("h"))
    mins = gd.get("m") or gd.get("m2")
    cued = gd.get("tb") or gd.get("ta") or gd.get("zone")
    if not cued and not (mins and sub.time_free_sep and gd.get("sep") == sub.time_free_sep):
        return None
    if gd.get("ta"):
        off = sub.time_after.get(_norm(gd["ta"]), 0)
        h = h + off if h < 12 else h
    mm = int(mins) if mins else 0
    if not (0 <= h <= 24 and 0 <= mm < 60):
        return None
    return datetime.time(h % 24, mm)


def _as_of(
    text: str,
    numerals: Sequence[Numeral],
    mentions: list[PeriodMention],
    sub: _Sub,
    published: datetime.date | None,
    cues: Sequence[re.Match[str]],
) -> list[PeriodMention]:
    """ "as of 5 pm on 15 September", "hingga Senin (15/9)", "تا ساعت ۱۸ امروز": as-of days.

    A cue, then up to a few parts (a clock time, a weekday, a date or relative
    day already found); the parts' mentions are merged into one as-of mention
    ``Period(day, day)``. A weekday is the latest such day on or before
    publication; a time alone is of the publication day.
    """
    if not cues:
        return mentions
    by_start = {p.span.start: k for k, p in enumerate(mentions)}
    mstarts = [p.span.start for p in mentions]
    starts = [n.span.start for n in numerals]
    drop: set[int] = set()
    new: list[PeriodMention] = []
    last_end = -1
    for cue in cues:
        k = bisect.bisect_right(mstarts, cue.start()) - 1
        if cue.start() < last_end or (k >= 0 and mentions[k].span.end > cue.start()):
            continue  # inside a period ("từ 1/9 đến 15/9", "تا امروز")
        pos = end = cue.end()
        day: datetime.date | None = None
        has_day = False
        clock: datetime.time | None = None
        weekday: int | None = None
        for _ in range(6):
            q = _skip(_PUNCT, text, pos)
            j = by_start.get(q)
            if j is None:
                q = _skip(sub.link, text, pos)
                j = by_start.get(q)
            if j is not None and not has_day and mentions[j].granularity == "day":
                day, has_day = mentions[j].period.end, True
                drop.add(j)
                pos = end = mentions[j].span.end
                continue
            tm = sub.time.match(text, q) if clock is None else None
            t = _clock(tm, sub) if tm is not None else None
            if tm is not None and t is not None:
                clock, pos, end = t, tm.end(), tm.end()
                continue
            wm = sub.weekday.match(text, q) if weekday is None and not has_day else None
            if wm is not None:
                weekday = sub.weekdays[_norm(wm.group())]
                pos = end = wm.end()
                continue
            break
        if end == cue.end():
            continue
        if not has_day and published is not None:
            if weekday is not None:
                day = published - datetime.timedelta(days=(published.weekday() - weekday) % 7)
            else:
                day = published
        s = cue.start()
        if text[end : end + 1] == ")" and text.count("(", s, end) > text.count(")", s, end):
            end += 1  # "hingga Senin (15/9)"
        if day is not None and _norm(cue.group()) in sub.week_cues:
            # "the week to October 2", "sepekan hingga 2 Oktober": the seven days to that day
            new.append(
                PeriodMention(
                    Span(s, end),
                    Period(day - datetime.timedelta(days=6), day, text[s:end]),
                    _inside(numerals, starts, s, end),
                    "week",
                )
            )
            last_end = end
            continue
        new.append(
            PeriodMention(
                Span(s, end),
                Period(day, day, text[s:end]),
                _inside(numerals, starts, s, end),
                "day",
                as_of=True,
                time=clock,
            )
        )
        last_end = end
    if not new:
        return mentions
    out = [p for k, p in enumerate(mentions) if k not in drop] + new
    out.sort(key=lambda p: p.span.start)
    return out


def _baselines(
    text: str,
    numerals: Sequence[Numeral],
    mentions: list[PeriodMention],
    lex: _Lex,
    sub: _Sub,
    *,
    year_on_year: bool,
) -> list[PeriodMention]:
    """Mark the periods a figure is compared with, and add year-on-year phrases.

    A period after a comparison cue ("compared with", "so với", "dibandingkan",
    "نسبت به", with fillers like "the same period of") is a baseline, and so is
    one after a cue like "from" right after a figure ("up 9.4% from 2023": its
    period is then the whole year, not "since 2023").
    """
    ends = [n.span.end for n in numerals]
    out: list[PeriodMention] = []
    for mention in mentions:
        p = mention
        s = p.span.start
        cue = sub.baseline_after_figure.match(text, s)
        upto = cue.end() if cue is not None else s  # "up from 2023": the cue is in the span
        base = not p.as_of and bool(sub.baseline_before.search(text[max(0, s - 60) : upto]))
        if not base and not p.as_of and sub.baseline_after_figure is not _NEVER:
            cue_s = s if cue is not None else -1
            if cue is None:
                back = sub.baseline_cue_end.search(text[max(0, s - 12) : s])
                cue_s = s - (min(s, 12) - back.start()) if back is not None else -1
            k = bisect.bisect_right(ends, cue_s) - 1 if cue_s >= 0 else -1
            if k >= 0:
                gap = text[numerals[k].span.end : cue_s]
                base = len(gap) <= 20 and sub.change_gap.fullmatch(gap) is not None
        if base:
            per = p.period
            if per.end is None and p.granularity == "year" and p.numerals:
                y = int(numerals[p.numerals[-1]].value)
                yp = _year_period(y, lex, solar=_is_solar(y, lex))
                per = Period(yp.start, yp.end, per.text)
            p = attrs.evolve(p, period=per, baseline=True)
        out.append(p)
    if sub.yoy is None or not year_on_year:
        return out
    taken = _Taken(len(text))
    for p in out:
        taken.take(p.span.start, p.span.end)
    extra = [
        PeriodMention(
            Span(m.start(), m.end()), Period(None, None, m.group()), (), "relative", baseline=True
        )
        for m in sub.yoy.finditer(text)
        if not taken.hit(m.start(), min(len(text), m.end() + 4))
    ]
    if extra:
        out = sorted(out + extra, key=lambda p: p.span.start)
    return out
