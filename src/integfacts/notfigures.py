"""Numerals that state no figure: scores, phone numbers, clock times, ballot numbers, names.

A fact-checker compares amounts. "won 2-1", "call 116 123", "at 4.40 am",
"pasangan nomor urut 2" and "World War Two" hold numerals, but none of them is
an amount: :func:`not_figures` finds them in a whole document, so that
:func:`integfacts.scan` reports each of their numerals as not a claim, with the
reason, and :func:`integfacts.extract` never turns them into claims.

The engine here is language-neutral; the cue words are the ``[not_figures]``
table of each language file (``score_words``, ``phone_before``, ``clock_after``
...; see the "add a language" how-to). Every pattern is compiled once per
language and scanned over the text at C speed; only its few matches are looked
at in Python.

Example:
    >>> from integfacts.numbers import find_numerals
    >>> text = "The hosts won 2-1; fans can call 116 123 after 4.40 pm."
    >>> found = not_figures(text, find_numerals(text, "en"), "en")
    >>> sorted(set(found.values()))
    ['phone', 'score', 'time']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from integfacts._regex import alternation, first_chars
from integfacts.languages import Language, resolve
from integfacts.numbers import Numeral

__all__ = ["NOT_PERIODS", "is_name", "not_figures", "percent_near"]

NOT_PERIODS = frozenset({"phone", "identifier"})
"""Reasons that win over a period: "hotline 1900 9095" and "31/2021/ND-CP" hold no year."""

_SP = r"[ \u00a0]"
_END = r"(?![^\W\d_])"
_START = r"(?<![^\W\d_])"
_DASH = r"[-\u2013\u2014]"

# the shape of a phone number, whatever the cue: "+62 21 555 1234", "(021) 555 1234",
# "0800 555 111", "021-5551234", "08123456789" (a leading zero is never an amount's)
_PHONE_SHAPE = (
    r"(?:\+\d{1,3}(?:[ .\-]?\(\d{1,4}\))?(?:[ .\-]?\d{1,8}){1,5}"
    r"|\(0\d{1,4}\)[ .\-]?\d{2,8}(?:[ .\-]\d{2,8}){0,4}"
    r"|0\d{2,4}(?:[ .\-]\d{2,8}){1,5}"
    r"|0\d{8,11})"
)
_FIRST = r"[\d+(](?<!\d.)"
"""The first character of a run of digits, of "+" or of "(": the digit pass consumes it
first (then the regex engine skips every other position at C speed), and each of its
alternatives goes on right after it, saying with a look-behind what it must have been."""
_PHONE = (
    r"(?<![\w.,+\-].)(?:(?<=\+)\d{1,3}(?:[ .\-]?\(\d{1,4}\))?(?:[ .\-]?\d{1,8}){1,5}"
    r"|(?<=\()0\d{1,4}\)[ .\-]?\d{2,8}(?:[ .\-]\d{2,8}){0,4}"
    r"|(?<=0)\d{2,4}(?:[ .\-]\d{2,8}){1,5}"
    r"|(?<=0)\d{8,11})(?!\w|[.,]\d)"
)
""":data:`_PHONE_SHAPE` after its first character, not inside a longer number or word."""
_GROUPS = r"\d{1,8}(?:[ .\-\u00a0]\d{1,8})*"
"""Digit groups after a phone cue ("1900 9095", "116 123", "115")."""
_SEVERAL = r"\d{2,5}(?:[ .\-]\d{2,5})+"
"""Several groups: how a number after a verb ("call") shows it is a phone number."""

_CODE_YEAR = r"(?<=\d)(?<![\w/].)\d{0,4}/\d{4}/(?=[^\W\d_])"
"""A document code with its year inside: "31/2021/ND-CP", "15/2020/NĐ-CP" (no period)."""

_PAREN_DATE = r"(?<=\()\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?(?=\))"
"""A day and month in parentheses after the first digit: "(13/9)", "(9/13)", "(13/9/2025)"."""

_SCORE = (
    rf"(?<=\d)(?<![\w.,/:\-\u2013\u2014].)(?P<sa>\d{{0,2}})(?P<sj>{_DASH}|{_SP}{_DASH}{_SP}|:)"
    rf"(?P<sb>\d{{1,3}})(?:(?P=sj)(?P<sc>\d{{1,3}}))?(?![\w%/]|[.,:\-\u2013\u2014]\d)"
)
"""Two or three small whole numbers joined by a dash or a colon: "2-1", "5-0-0", "3:1"."""


_Mark = Callable[[int, int, str], None]


@attrs.frozen
class _Rules:
    """The compiled ``[not_figures]`` patterns of one language.

    Tried at each numeral, not over the whole text: ``digits`` where it
    begins (document codes, phone shapes, clock times, scores); ``cue_tail``,
    reversed, on the few characters before it, for a cue word (phone, clock
    and ballot cues), then ``cues`` from that word on, for the number after it.
    Each alternative is a named group: the match's ``lastgroup`` says which.
    """

    digits: re.Pattern[str]
    cues: re.Pattern[str] | None
    cue_tail: re.Pattern[str] | None
    score_cue: re.Pattern[str] | None
    points: re.Pattern[str] | None
    after_number: re.Pattern[str]


def _alt(words: Iterable[str], *, first: bool = False) -> str:
    """Words (used case-insensitively) as a character trie, longest first; a space in a
    word is any run of spaces. At each position the engine follows one branch per
    character instead of trying every word. ``first``: the word's first character
    is already consumed (a look-behind says which it was)."""
    root: dict[str, Any] = {}
    for w in {w.lower() for w in words if w}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any], top: bool = False) -> str:
        alts = [
            (rf"(?<={re.escape(ch)})" if top else rf"{_SP}+" if ch == " " else re.escape(ch))
            + emit(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root, first) or "(?!)"


def _words(table: dict[str, Any], key: str) -> list[str]:
    return [str(w) for w in table.get(key, []) if str(w).strip()]


@functools.cache
def _rules(lang: Language) -> _Rules:
    raw = lang.raw
    nf: dict[str, Any] = raw.get("not_figures", {})
    digit_parts = [rf"(?P<code>{_CODE_YEAR})", rf"(?P<phone>{_PHONE})"]
    if "/" not in lang.decimal:  # (Persian writes decimals with "/")
        digit_parts.append(rf"(?P<pdate>{_PAREN_DATE})")
    cue_parts = []
    links = _words(nf, "phone_links")
    link = rf"(?:(?i:{_alt(links)}){_END}[\s:]*)?" if links else ""
    if nouns := _words(nf, "phone_before"):
        number = rf"(?P<pn>\+?{_GROUPS}|{_PHONE_SHAPE})"
        cue_parts.append(rf"(?i:{_alt(nouns, first=True)}){_END}[\s:.,]*{link}{number}")
    if verbs := _words(nf, "phone_verbs"):
        # a verb takes a number that looks like a phone number, or ends the clause ("call
        # 112.", "call 112 for help"); "call 300 reservists" is a count
        after = _words(nf, "phone_after")
        then = rf"|{_SP}+(?i:{_alt(after)}){_END}" if after else ""
        cue_parts.append(
            rf"(?i:{_alt(verbs, first=True)}){_END}[\s:]*{link}"
            rf"(?P<pv>{_PHONE_SHAPE}|{_SEVERAL}|\d{{3,6}}(?=\s*(?:[.,;!?)]|$){then}))(?!\w|[.,]\d)"
        )
    clock_cues, clock_digits = _clock_parts(nf)
    cue_parts += clock_cues
    digit_parts += clock_digits
    digit_parts.append(rf"(?P<score>{_SCORE})")
    score = _words(nf, "score_words")
    joiners = _words(nf, "score_joiners")
    if joiners and score:  # "۲ بر ۱"
        digit_parts.append(
            rf"(?P<sw>(?<=\d)(?<![\w.,].)\d{{0,2}}{_SP}+(?i:{_alt(joiners)}){_SP}+\d{{1,3}}(?![\w%]|[.,]\d))"
        )
    ballot = _words(nf, "ballot_before")
    if ballot:
        cue_parts.append(rf"(?i:{_alt(ballot, first=True)}){_END}[\s:.]*(?P<bn>\d{{1,3}})(?!\d)")
    cue_words = [*nouns, *verbs, *ballot, *_words(nf, "clock_before")]
    bare = _words(raw.get("claims", {}), "points_bare")
    # a cue word, a link and gaps before a numeral, read backwards from the numeral
    rev_link = rf"(?:(?i:{_alt(w[::-1] for w in links)}){_END}[\s:.,]*)?" if links else ""
    rev_cue = rf"[\s:.,]*{rev_link}(?i:{_alt(w[::-1] for w in cue_words)}){_END}"
    return _Rules(
        digits=re.compile(rf"{_FIRST}(?:{'|'.join(digit_parts)})"),
        # the first letter of a cue word at a word's start, then the rest of the word
        cues=re.compile(rf"[{first_chars(cue_words)}](?<![^\W\d_].)(?:{'|'.join(cue_parts)})")
        if cue_parts
        else None,
        cue_tail=re.compile(rev_cue) if cue_parts else None,
        score_cue=re.compile(rf"{_START}(?i:{_alt(score)}){_END}") if score else None,
        points=re.compile(rf"{_SP}(?i:{_alt(bare)}){_END}") if bare else None,
        after_number=re.compile(r"(?<!\d)\d+[ \u00a0]*$"),
    )


def _clock_parts(nf: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Clock times: after a cue ("pukul 10", "lúc 5 giờ"), before a clock word ("4.40 am",
    "10.30 WIB"), before a part of the day after an hour word ("5 giờ sáng"), or an hour
    word between hours and minutes ("14 giờ 30", "8h30").

    Returns the alternatives that start at a cue word and those that start at a digit.
    """
    before = _words(nf, "clock_before")
    after = _words(nf, "clock_after")
    hour = _words(nf, "clock_hour")
    minute = _words(nf, "clock_minute")
    dayparts = _words(nf, "clock_dayparts")
    h = r"\d{1,2}"
    hm = rf"{h}(?:[.:]\d{{2}}(?!\d))?"
    hour_re = rf"(?i:{_alt(hour)})" if hour else None
    mins = rf"(?:{_SP}?(?i:{_alt(minute)}){_END})?" if minute else ""
    follow = _words(nf, "clock_follow")
    then = rf"|{_SP}+(?i:{_alt(follow)}){_END}" if follow else ""
    # "14 giờ 30", "8h30": the hour word, then the minutes (``rest``: after the first digit)
    with_hour = rf"{h}{_SP}?{hour_re}{_SP}?\d{{2}}(?!\d){mins}" if hour_re else None
    rest = rf"\d?{_SP}?{hour_re}{_SP}?\d{{2}}(?!\d){mins}" if hour_re else None
    cues, digits = [], []
    if before:
        t = rf"{hm}" if hour_re is None else rf"(?:{with_hour}|{hm}(?:{_SP}?{hour_re}{_END})?)"
        cues.append(rf"(?i:{_alt(before, first=True)}){_END}{_SP}+(?P<ct>{t})(?![\d.,]?\d)")
    # the digit pass's alternatives go on after the first digit (see _FIRST)
    lead = r"(?<=\d)(?<![\d.,].)"
    if after:
        digits.append(
            rf"{lead}(?P<ca>\d?(?:[.:]\d{{2}}(?!\d))?){_SP}?(?i:{_alt(after)})(?![^\W\d_])"
        )
    if hour_re is not None:
        # without a cue, the minutes end the clause or lead to a date ("14 giờ 30 ngày
        # 12/3"); "24 giờ 20 người" is a duration and a count
        digits.append(
            rf"{lead}(?P<cm>\d?{hour_re}\d{{2}}(?!\d)|{rest}(?={_SP}*(?:[,.;)]|$){then}))"
        )
        if dayparts:
            digits.append(rf"{lead}(?P<cd>\d?{_SP}?{hour_re}){_SP}+(?i:{_alt(dayparts)}){_END}")
    return cues, digits


def _window(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence around ``text[a:b]``, at most about 100 characters on each side."""
    lo = max(text.rfind(". ", max(0, a - 100), a), text.rfind("\n", max(0, a - 100), a))
    hi_dot = text.find(". ", b, b + 100)
    hi_nl = text.find("\n", b, b + 100)
    ends = [x for x in (hi_dot, hi_nl) if x >= 0]
    return (lo + 1 if lo >= 0 else max(0, a - 100)), (min(ends) if ends else b + 100)


def not_figures(text: str, numerals: Sequence[Numeral], code: str | Language) -> dict[int, str]:
    """The numerals of ``text`` that state no figure, by index, with the reason.

    Reasons: ``"phone"`` (a phone number), ``"score"`` (a sports score, a vote
    tally, a lead "by eight points"), ``"time"`` (a clock time), ``"ballot"``
    (a candidate's number on the ballot), ``"date"`` (a day and month in
    parentheses, "(13/9)", that the period reader did not take).

    Args:
        text: the document text.
        numerals: its numerals, as :func:`~integfacts.numbers.find_numerals`
            returns them (in text order).
        code: the language code (or its :class:`~integfacts.languages.Language`).
    """
    if not numerals:
        return {}
    lang = resolve(code)
    rules = _rules(lang)
    starts = [n.span.start for n in numerals]
    out: dict[int, str] = {}

    def mark(a: int, b: int, why: str) -> None:
        """Every numeral inside ``text[a:b]``; none when one runs past it ("won 2-3 million")."""
        k = bisect.bisect_left(starts, a)
        inside = []
        while k < len(numerals) and numerals[k].span.start < b:
            if numerals[k].span.end > b:
                return
            inside.append(k)
            k += 1
        for k in inside:
            out.setdefault(k, why)

    for k, num in enumerate(numerals):
        if k in out:
            continue
        s, e = num.span.start, num.span.end
        if not num.words:
            a = s - 1 if s and text[s - 1] in "+(" else s
            m = rules.digits.match(text, a)
            if m is None and a != s:
                m = rules.digits.match(text, s)
            if m is not None:
                _digits(text, m, rules, mark)
            if k not in out and rules.cue_tail is not None:
                tail = rules.cue_tail.match(text[max(0, a - _CUE_WINDOW) : a][::-1])
                c = rules.cues.match(text, a - tail.end()) if tail and rules.cues else None
                if c is not None:
                    _cue(text, c, rules, mark)
        if k not in out and rules.points is not None:
            p = rules.points.match(text, e)
            if (
                p is not None
                and _cued(rules.score_cue, text, s, p.end())
                and not percent_near(text, s, p.end(), lang)
            ):
                mark(s, e, "score")  # "trail by eight points"
    return out


_CUE_WINDOW = 40
"""How far before a numeral its cue word may start ("the free helpline on 0800")."""


def _digits(text: str, m: re.Match[str], rules: _Rules, mark: _Mark) -> None:
    """Mark what a match of the digit pattern found (its ``lastgroup`` says what)."""
    g = m.lastgroup
    if g == "code":
        mark(m.start(), m.end() - 1, "identifier")
    elif g == "phone":
        mark(m.start(), m.end(), "phone")
    elif g == "score":
        nums = [m.group(k) for k in ("sa", "sb", "sc") if m.group(k) is not None]
        colon = m.group("sj") == ":"
        if colon and len(nums[1]) > 1:
            return  # "2:30" is a clock time; a score by a colon is "3:1"
        # "a 5-0-0 record" is never a range or a date; "2-1" is a score by a score word
        if (len(nums) == 3 and not colon) or _cued(rules.score_cue, text, *m.span()):
            mark(m.start(), m.end(), "score")
    elif g == "pdate":
        parts = [int(x) for x in _DIGIT_RUN.findall(m.group())]
        a, b = parts[0], parts[1]
        if (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31):
            mark(m.start(), m.end(), "date")  # "(13/9)": a date, not a ratio
    elif g == "sw":
        if _cued(rules.score_cue, text, *m.span()):
            mark(m.start(), m.end(), "score")
    elif g is not None:  # a clock time: "4.40 am", "14 giờ 30", "5 giờ sáng"
        _clock(text[m.start() : m.end(g)], m.start(), m.end(g), mark)


def _cue(text: str, c: re.Match[str], rules: _Rules, mark: _Mark) -> None:
    """Mark the number after a cue word (a match of the cue pattern)."""
    g = c.lastgroup
    if g in ("pn", "pv"):
        mark(c.start(g), c.end(g), "phone")
    elif g == "bn":
        mark(c.start(g), c.end(g), "ballot")
    elif g == "ct" and not rules.after_number.search(text, max(0, c.start() - 12), c.start()):
        # ("24 jam 10 orang": a cue word right after a number is its unit)
        _clock(c.group(g), c.start(g), c.end(g), mark)


def _clock(got: str, a: int, b: int, mark: _Mark) -> None:
    """Mark ``got`` (at ``a``-``b``) a clock time when its hour and minutes can be one."""
    digits = _DIGIT_RUN.findall(got)
    hour = int(digits[0])
    minute = int(digits[1]) if len(digits) > 1 else 0
    if hour <= 24 and minute < 60:
        mark(a, b, "time")


def _cued(cue: re.Pattern[str] | None, text: str, a: int, b: int) -> bool:
    """Whether a score word stands in the sentence around ``text[a:b]``."""
    if cue is None:
        return False
    lo, hi = _window(text, a, b)
    return cue.search(text, lo, hi) is not None


@functools.cache
def _percent_re(lang: Language) -> re.Pattern[str]:
    words = lang.raw.get("claims", {}).get("percent", ["%"])
    return re.compile(rf"\d[ \u00a0]?(?i:{alternation(words)})")


def percent_near(text: str, a: int, b: int, code: str | Language) -> bool:
    """Whether the sentence around ``text[a:b]`` states a percentage (then points are pp).

    Example:
        >>> percent_near("Support fell to 41%, eight points down.", 22, 34, "en")
        True
    """
    lo, hi = _window(text, a, b)
    lang = code if isinstance(code, Language) else resolve(code)
    return _percent_re(lang).search(text, lo, hi) is not None


_DIGIT_RUN = re.compile(r"\d+")
_CAPITAL_LINE = 0.6
"""Share of capitalised words above which a line is a headline in title case."""
_WORD = re.compile(r"[^\W\d_]{4,}")
_OPENS = re.compile(r"(?:^|[.!?:;\"“”'‘«(\[—–\-•*]|\n)[\s\"“'‘«(\[]*$")
_ACRONYM_DASH = re.compile(r"(?<![^\W\d_])[^\W\d_]*[A-Z][^\W\d_]*-$")


def is_name(text: str, start: int, end: int, *, words: bool) -> bool:
    """Whether the numeral ``text[start:end]`` is part of a name or title.

    Two shapes, for scripts with capitals: a number word written with a capital
    inside a sentence ("World War Two", "the film Five Lives"; not at the start
    of a sentence, and not in a headline written in title case), and digits
    after a capitalised word and a hyphen ("ASEAN-6", "Su-30", "F-16").

    Example:
        >>> t = "Troops left after World War Two."
        >>> is_name(t, t.index("Two"), t.index("Two") + 3, words=True)
        True
    """
    if not words:
        return (
            start > 0
            and text[start - 1] == "-"
            and bool(_ACRONYM_DASH.search(text, max(0, start - 24), start))
        )
    first = text[start : start + 1]
    if not first.isupper():
        return False
    if _OPENS.search(text, max(0, start - 8), start):
        return False  # the first word of a sentence, a quote or a list item
    ls = text.rfind("\n", max(0, start - 300), start) + 1
    le = text.find("\n", end, end + 300)
    # the line's words but its first, acronyms left out: "Floods Kill Five People In ..."
    found = _WORD.findall(text, ls, le if le >= 0 else min(len(text), end + 300))
    line = [w for w in found[1:] if not w.isupper()]
    caps = sum(1 for w in line if w[0].isupper())
    return not (len(line) >= 3 and caps / len(line) >= _CAPITAL_LINE)
