"""Periods: years, year ranges, open periods, dates and relative expressions.

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
from integfacts.languages import Language, load
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
        granularity: ``"day"``, ``"month"``, ``"year"`` or ``"range"``.
    """

    span: Span
    period: Period
    numerals: tuple[int, ...]
    granularity: str


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
    relative_years: dict[str, int]
    year_word_before: re.Pattern[str]
    year_after: re.Pattern[str]
    recent_after: re.Pattern[str]
    recent_before: re.Pattern[str]
    day_word: re.Pattern[str]
    year_words: tuple[str, ...]
    month_word: str


_END = r"(?![^\W\d_])"


@functools.cache
def _lex(code: str) -> _Lex:
    lang = load(code)
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
    )


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


def is_year_numeral(text: str, num: Numeral, lang: Language | None = None) -> bool:
    """Whether a numeral is written like a year: four plain digits, 1800-2200."""
    raw = text[num.span.start : num.span.end]
    if len(raw) != 4 or num.step != 0 or num.words or num.scaled:
        return False
    v = int(num.value) if num.value == num.value.to_integral_value() else -1
    if _YEAR_MIN <= v <= _YEAR_MAX:
        return True
    if lang is not None:
        sy = _lex(lang.code).solar_years
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
    lang: Language,
    *,
    published: datetime.date | None = None,
) -> list[PeriodMention]:
    """Find the periods a text states, given its numerals (in text order).

    Args:
        text: the document text (the same the numerals were found in).
        numerals: :func:`~integfacts.numbers.find_numerals` output.
        lang: the language data.
        published: base for relative expressions ("tahun lalu", "this year").

    Returns:
        Period mentions in text order; each consumed numeral belongs to one.
    """
    lex = _lex(lang.code)
    out: list[PeriodMention] = []
    used: set[int] = set()
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
    return _join_date_ranges(text, out, lex)


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
            if year is None:
                year = published.year if published is not None else None
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
            if year is None and not cue:
                return None
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
