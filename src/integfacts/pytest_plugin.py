"""The integfacts pytest plugin: check published figures against their sources.

Registered through the ``pytest11`` entry point, so installing integfacts is
enough. It adds:

- the ``integfacts`` fixture (a :class:`ClaimChecker`): extract claims from a
  path or a text, assert that a document states a figure, that documents do not
  contradict each other, and that a translation keeps every figure;
- the ``integfacts`` marker for per-test options:
  ``@pytest.mark.integfacts(lang="id", published="2025-09-26", tolerance=0.01)``;
  a misused marker (positional arguments, an unknown option, a value of the
  wrong type) errors that test with a one-line message;
- claim files: a TOML file whose name matches the ``integfacts_claims_files``
  ini patterns (default ``claims_*.toml``) *and* that has a top-level
  ``[integfacts]`` table is collected, one test per ``[[expect]]`` entry; any
  other file, such as an unrelated ``claims_roles.toml``, is left alone;
- the options ``--integfacts-tolerance`` (ini ``integfacts_tolerance``) and
  ``--integfacts-report PATH`` (alias ``--claims-report``): a JSON, or HTML when
  the path ends in ``.html``, report of everything checked in the run.

``-p no:integfacts`` turns the whole plugin off; an empty
``integfacts_claims_files`` ini value turns off only the claim files.

Failures raise :class:`ClaimCheckError` with a message that reads like a
fact-check: the expected figure, the claims found, their sources side by
side, the reason, and the sentence with the figure marked (``»1,07 miliar«``).

pytest imports this module at start-up for every user, so it imports nothing
heavy: the extraction engine, the language data and ``tomllib`` load on first
use.

Example:
    >>> check = ClaimChecker(lang="en")
    >>> claim = check.assert_states(
    ...     "Exports rose 9.6% to 10.7 billion dollars in 2024.",
    ...     "exports",
    ...     "10.7e9",
    ...     unit="USD",
    ...     period="2024",
    ... )
    >>> claim.text
    '10.7 billion dollars'
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

    from integfacts.model import Claim, Document, Finding, Period, Qualifier, Quantity, Report
    from integfacts.translation import SegmentResult

__all__ = ["ClaimCheckError", "ClaimChecker", "ClaimsFileError", "ClaimsFileWarning"]

_OPTION_KEYS = ("lang", "published", "tolerance")
"""The options of the marker and of a claim file's ``[integfacts]`` table."""
_MARKER_HELP = (
    "integfacts(lang=None, published=None, tolerance=None): options of the integfacts"
    " fixture for this test: language code, publication date (date or ISO string) and"
    " relative tolerance for figures."
)
_CLAIMS_FILES = ("claims_*.toml",)
"""The default of the ``integfacts_claims_files`` ini key."""
_CLAIMS_FORMAT = 1
"""The claim-file format this plugin reads (``format`` in the ``[integfacts]`` table)."""
_SENTENCE_WIDTH = 140
"""Longest excerpt of a sentence shown in a failure message (characters)."""


class ClaimCheckError(AssertionError):
    """A figure check failed; the message reads like a fact-check.

    Attributes:
        claims: the claims the message is about.
        findings: the findings (contradictions, changed figures) behind the failure.

    Example:
        >>> try:
        ...     ClaimChecker(lang="en").assert_states("Exports rose 9.6% in 2024.", "exports", 8)
        ... except ClaimCheckError as e:
        ...     print(str(e).splitlines()[0])
        “Exports rose 9.6% in 2024.” does not state exports = 8
    """

    def __init__(
        self,
        message: str,
        *,
        claims: Sequence[Claim] = (),
        findings: Sequence[Finding] = (),
    ) -> None:
        super().__init__(message)
        self.claims = tuple(claims)
        self.findings = tuple(findings)


class ClaimsFileError(Exception):
    """A claim file is malformed or names a document that cannot be read."""


class ClaimsFileWarning(pytest.PytestWarning):
    """A file looks like a claim file but is not collected (it has no ``[integfacts]`` table).

    Silence it with the ``filterwarnings`` ini key
    (``ignore::integfacts.pytest_plugin.ClaimsFileWarning``) when such a file is
    not meant for integfacts.
    """


# ---------------------------------------------------------------- coercions


def _decimal(value: object, what: str) -> Decimal:
    """A Decimal from a Decimal, int, numeric string or float (read as written)."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a number, got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(str(value).strip().replace("_", ""))
        except InvalidOperation:
            raise ValueError(f"{what} must be a number, got {value!r}") from None
    elif isinstance(value, float):
        result = Decimal(repr(value))  # repr is the shortest text that reads back: 9.6 -> '9.6'
    else:
        raise TypeError(f"{what} must be a number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return result


def _tolerance(value: object, what: str = "tolerance") -> Decimal:
    result = _decimal(value, what)
    if result < 0:
        shown = value if isinstance(value, Decimal) else repr(value)  # Decimal: as TOML wrote it
        raise ValueError(f"{what} must be >= 0 (a relative tolerance, 0.01 is 1%), got {shown}")
    return result


def _date(value: object, what: str = "published") -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{what} must be an ISO date such as 2025-09-26, got {value!r}"
            ) from None
    raise TypeError(f"{what} must be a date or an ISO string, got {type(value).__name__}")


def _lang(value: object, what: str = "lang") -> str | None:
    """A language code integfacts has data for (``None``: detect)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a language code such as 'id', got {type(value).__name__}")
    from integfacts.languages import available  # noqa: PLC0415 - the data loads on use

    known = available()
    if value not in known:
        raise ValueError(f"{what} must be one of {', '.join(known)}, got {value!r}")
    return value


def _options(given: Mapping[str, object]) -> dict[str, Any]:
    """The options ``lang``, ``published`` and ``tolerance``, checked and converted.

    ``None`` leaves an option unset; any other key is an error.

    Example:
        >>> _options({"lang": "id", "tolerance": 0.01})
        {'lang': 'id', 'tolerance': Decimal('0.01')}
    """
    unknown = sorted(set(given) - set(_OPTION_KEYS))
    if unknown:
        raise ValueError(f"unknown option {', '.join(unknown)} (known: {', '.join(_OPTION_KEYS)})")
    out: dict[str, Any] = {}
    if given.get("lang") is not None:
        out["lang"] = _lang(given["lang"])
    if given.get("published") is not None:
        out["published"] = _date(given["published"])
    if given.get("tolerance") is not None:
        out["tolerance"] = _tolerance(given["tolerance"])
    return out


# pattern strings, compiled (and cached by ``re``) on first use, not at import
_YEAR = r"(\d{4})"
_YEAR_RANGE = rf"{_YEAR}\s*[-–—/]\s*{_YEAR}"
_DAY = r"(\d{4}-\d{2}-\d{2})"
_DAY_RANGE = rf"{_DAY}\s*(?:/|\.\.|–)\s*{_DAY}"


def _period(value: object) -> Period:
    """A Period from a Period, a year, a date, or text: 2024, 2021-2025, an ISO date or interval.

    Example:
        >>> _period("2021-2025").label
        '2021–2025'
    """
    from integfacts.model import Period  # noqa: PLC0415 - the model loads on use

    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(datetime.date(value, 1, 1), datetime.date(value, 12, 31), text=str(value))
    if isinstance(value, datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return Period(day, day, text=day.isoformat())
    if isinstance(value, str):
        s = value.strip()
        if re.fullmatch(_YEAR, s):
            return _period(int(s))
        if m := re.fullmatch(_YEAR_RANGE, s):
            a, b = int(m[1]), int(m[2])
            return Period(datetime.date(a, 1, 1), datetime.date(b, 12, 31), text=s)
        if re.fullmatch(_DAY, s):
            return _period(datetime.date.fromisoformat(s))
        if m := re.fullmatch(_DAY_RANGE, s):
            start, end = (datetime.date.fromisoformat(x) for x in (m[1], m[2]))
            return Period(start, end, text=s)
    raise ValueError(
        f"period must be a Period, a year (2024), a range of years (2021-2025), an ISO date"
        f" (2025-09-26) or an ISO interval (2025-01-01/2025-06-30), got {value!r}"
    )


def _qualifier(value: object) -> Qualifier:
    from integfacts.model import Qualifier  # noqa: PLC0415 - the model loads on use

    if isinstance(value, Qualifier):
        return value
    if isinstance(value, str):
        try:
            return Qualifier(value.strip().lower().replace(" ", "_"))
        except ValueError:
            pass
    names = ", ".join(q.value for q in Qualifier)
    raise ValueError(f"qualifier must be one of {names}, got {value!r}")


# ---------------------------------------------------------------- formatting


def _fmt(v: Decimal) -> str:
    """A value with thousands grouped: ``Decimal("1.07E+9")`` -> ``'1,070,000,000'``."""
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return f"{v.normalize():,f}"


_QUALIFIER_WORDS = {
    "more_than": "more than ",
    "at_least": "at least ",
    "about": "about ",
    "nearly": "nearly ",
    "less_than": "less than ",
    "at_most": "at most ",
}
_MULTIPLES = {Decimal(10): "dozens", Decimal(100): "hundreds", Decimal(1000): "thousands"}


def _unit_suffix(unit: str | None) -> str:
    if unit is None:
        return ""
    return {"%": "%", "pp": " percentage points"}.get(unit, f" {unit}")


def _say(q: Quantity) -> str:
    """A quantity as a reader would say it: ``more than 3,000``, ``1,070,000,000 USD``."""
    from integfacts.model import Qualifier  # noqa: PLC0415 - the model loads on use

    if q.qualifier is Qualifier.MULTIPLES:
        return _MULTIPLES.get(q.value, f"multiples of {_fmt(q.value)}") + _unit_suffix(q.unit)
    body = _fmt(q.value)
    if q.upper is not None:
        body += f"–{_fmt(q.upper)}"
    if q.of is not None:
        body += f" of {_fmt(q.of)}"
    return _QUALIFIER_WORDS.get(q.qualifier.value, "") + body + _unit_suffix(q.unit)


def _metric_label(c: Claim) -> str:
    if c.metric:
        return c.metric
    return f"“{c.metric_phrase}”" if c.metric_phrase else "(no metric)"


def _period_label(p: Period | None) -> str:
    return "unstated" if p is None else p.label


def _marked(c: Claim) -> str:
    """The claim's sentence with the figure marked: ``... menerima »lebih dari 3.000« ...``."""
    ctx, sent = c.context, c.sentence
    if sent is None or not ctx:
        return f"»{c.text}«"
    a, b = c.span.start - sent.start, c.span.end - sent.start
    if not 0 <= a <= b <= len(ctx):
        return f"»{c.text}«"
    return _cut(ctx[:a], ctx[a:b], ctx[b:])


def _cut(before: str, figure: str, after: str) -> str:
    """``before»figure«after`` on one line, cut around the figure to about ``_SENTENCE_WIDTH``."""
    room = max(_SENTENCE_WIDTH - len(figure), 20)
    if len(before) + len(after) > room:
        keep_before = min(len(before), room // 2)
        keep_after = min(len(after), room - keep_before)
        keep_before = min(len(before), room - keep_after)
        if keep_before < len(before):
            before = "…" + before[len(before) - keep_before :].lstrip()
        if keep_after < len(after):
            after = after[:keep_after].rstrip() + "…"
    return " ".join(f"{before}»{figure}«{after}".split())


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows with every column but the last padded to a common width."""
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(rows[0]) - 1)]
    out = []
    for r in rows:
        cells = [cell.ljust(widths[i]) if i < len(widths) else cell for i, cell in enumerate(r)]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _count(n: int, noun: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _text_label(text: str, width: int = 30) -> str:
    """A readable source label for an inline text: its first words, quoted."""
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= width else f"“{flat[:width].rstrip()}…”"


def _relative_diff(stated: Decimal, expected: Decimal) -> str:
    """How far a stated value is from the expected one, in words."""
    if expected == 0 or stated == 0:
        return "expected 0" if expected == 0 else "stated 0"
    ratio = stated / expected
    for k in range(1, 13):
        if ratio in (Decimal(10) ** k, Decimal(10) ** -k):
            way = "higher" if ratio > 1 else "lower"
            factor = f"{10**k:,}"
            note = "million vs billion?" if k == 3 else "a scale-word or separator slip?"
            return f"a factor of {factor} {way}: {note}"
    pct = abs(ratio - 1) * 100
    shown = pct.quantize(Decimal("0.1")) if pct < 10 else pct.quantize(Decimal(1))
    return f"{shown.normalize():f}% {'higher' if ratio > 1 else 'lower'}"


# --------------------------------------------------------------- the checks


class _Expectation:
    """What a document should state (the arguments of :meth:`ClaimChecker.assert_states`)."""

    def __init__(
        self,
        *,
        metric: str | None,
        value: Decimal,
        unit: str | None,
        qualifier: Qualifier | None,
        period: Period | None,
        subject: str | None,
        tolerance: Decimal,
    ) -> None:
        self.metric = metric
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.period = period
        self.subject = subject
        self.tolerance = tolerance

    def say(self) -> str:
        qual = "" if self.qualifier is None else _QUALIFIER_WORDS.get(self.qualifier.value, "")
        return qual + _fmt(self.value) + _unit_suffix(self.unit)

    def headline(self) -> str:
        what = f"{self.metric} = {self.say()}" if self.metric else self.say()
        if self.subject:
            what += f" for {self.subject}"
        if self.period is not None:
            what += f" in {self.period.label}"
        if self.tolerance:
            what += f" (tolerance {_fmt(self.tolerance * 100)}%)"
        return what

    def metric_matches(self, c: Claim) -> bool:
        if self.metric is None:
            return True
        want = self.metric.casefold()
        return (c.metric or "").casefold() == want or c.metric_phrase.casefold() == want

    def mismatches(self, c: Claim) -> list[str]:
        """Why a claim is not the expected figure; empty when it is."""
        why = []
        if not self.metric_matches(c):
            why.append(f"metric: {_metric_label(c)}, not {self.metric}")
        v = c.quantity.value
        other_unit = self.unit is not None and c.quantity.unit != self.unit
        if abs(v - self.value) > self.tolerance * abs(self.value):
            diff = "" if other_unit else f" ({_relative_diff(v, self.value)})"
            why.append(f"value: {_say(c.quantity)}, not {self.say()}{diff}")
        if other_unit:
            why.append(f"unit: {c.quantity.unit or 'none (a count)'}, not {self.unit}")
        if self.qualifier is not None and c.quantity.qualifier is not self.qualifier:
            why.append(f"qualifier: {c.quantity.qualifier.value}, not {self.qualifier.value}")
        if self.period is not None and (
            c.period is None
            or (c.period.start, c.period.end) != (self.period.start, self.period.end)
        ):
            why.append(f"period: {_period_label(c.period)}, not {self.period.label}")
        if self.subject is not None and (c.subject or "").casefold() != self.subject.casefold():
            why.append(f"subject: {c.subject or 'unstated'}, not {self.subject}")
        return why

    def distance(self, c: Claim) -> tuple[int, int, Decimal]:
        """Lower is closer: metric first, then the number of differing fields, then value."""
        gap = abs(c.quantity.value - self.value) / max(abs(self.value), Decimal(1))
        return (0 if self.metric_matches(c) else 1, len(self.mismatches(c)), gap)


_CANDIDATES = 3
"""How many near-miss claims a failure message shows."""


def _check_states(doc: Document, claims: Sequence[Claim], exp: _Expectation) -> Claim:
    __tracebackhide__ = True
    for c in claims:
        if not exp.mismatches(c):
            return c
    lines = [f"{doc.source} does not state {exp.headline()}"]
    if not claims:
        lines.append("  the document states no figure at all")
        raise ClaimCheckError("\n".join(lines))
    near = sorted(claims, key=exp.distance)
    same_metric = [c for c in near if exp.metric_matches(c)]
    if exp.metric is not None and not same_metric:
        known = ", ".join(dict.fromkeys(_metric_label(c) for c in claims))
        lines.append(f"  no claim is about {exp.metric}; the document's metrics: {known}")
    shown = (same_metric or near)[:_CANDIDATES]
    exp_period = "" if exp.period is None else exp.period.label
    rows: list[list[str]] = [["expected", exp.say(), exp.metric or "", exp_period, ""]]
    for c in shown:
        rows.append(
            ["stated", _say(c.quantity), _metric_label(c), _period_label(c.period), _marked(c)]
        )
    table = _table(rows)
    lines.append(table[0])
    for c, row in zip(shown, table[1:], strict=True):
        lines.append(row)
        lines.extend(f"      differs in {why}" for why in exp.mismatches(c))
    more = len(same_metric or near) - len(shown)
    if more > 0:
        lines.append(f"  ... and {_count(more, 'more claim')}")
    raise ClaimCheckError("\n".join(lines), claims=shown)


def _tolerated(f: Finding, tolerance: Decimal) -> bool:
    """Whether a contradiction's values are all within the relative tolerance of each other."""
    if tolerance <= 0 or len({c.quantity.unit for c in f.claims}) != 1:
        return False
    values = [abs(c.quantity.value) for c in f.claims]
    low, high = min(values), max(values)
    return low > 0 and (high - low) <= tolerance * low


def _finding_lines(f: Finding, roles: Mapping[str, str] | None = None) -> list[str]:
    about = " · ".join(x for x in (f.metric, f.subject) if x) or "figure"
    lines = [f"{f.verdict.value.upper().replace('_', ' ')}: {about} ({f.diagnosis.value})"]
    lines.append(f"  {f.reason}")
    rows = []
    for c in f.claims:
        row = [roles.get(c.source, "") if roles else ""]
        row += [c.source, _say(c.quantity), _period_label(c.period), _marked(c)]
        rows.append(row if roles else row[1:])
    lines.extend(_table(rows, indent="    "))
    return lines


def _check_no_contradictions(report: Report, tolerance: Decimal) -> None:
    __tracebackhide__ = True
    bad = [f for f in report.contradictions if not _tolerated(f, tolerance)]
    if not bad:
        return
    n = len(bad)
    sources = ", ".join(report.documents)
    lines = [f"{_count(n, 'contradiction')} among {len(report.documents)} sources ({sources})"]
    for f in bad:
        lines.extend(_finding_lines(f))
    raise ClaimCheckError("\n".join(lines), findings=bad, claims=[c for f in bad for c in f.claims])


def _check_translation(
    report: Report, original: Document, translation: Document, tolerance: Decimal
) -> None:
    __tracebackhide__ = True
    # a pair the library cannot compare (another currency, a level made a change) is a change too
    changed = [
        f for f in report.findings if f.verdict.value != "agree" and not _tolerated(f, tolerance)
    ]
    missing = [c for c in report.unmatched if c.source == original.source]
    added = [c for c in report.unmatched if c.source == translation.source]
    if not (changed or missing or added):
        return
    lines = [
        f"the translation {translation.source} does not keep every figure of {original.source}:"
        f" {len(changed)} changed, {len(missing)} missing, {len(added)} added"
    ]
    roles = {original.source: "original", translation.source: "translation"}
    for f in changed:
        lines.extend(_finding_lines(f, roles))
    for title, role, claims in (
        ("MISSING from the translation", "original", missing),
        ("ADDED in the translation", "translation", added),
    ):
        if claims:
            lines.append(title)
            rows = [
                [role, c.source, _say(c.quantity), _period_label(c.period), _marked(c)]
                for c in claims
            ]
            lines.extend(_table(rows, indent="    "))
    raise ClaimCheckError(
        "\n".join(lines),
        findings=changed,
        claims=[*(c for f in changed for c in f.claims), *missing, *added],
    )


_PROBLEMS_SHOWN = 30
"""How many problems of a bilingual file a failure message lists (the rest are counted)."""


def _in_segment(text: str, c: Claim | None = None) -> str:
    """A segment on one line, the claim's words marked, cut around them to fit."""
    if c is None:
        flat = " ".join(text.split())
        return flat if len(flat) <= _SENTENCE_WIDTH else flat[:_SENTENCE_WIDTH].rstrip() + "…"
    a, b = c.span.start, c.span.end
    if not 0 <= a <= b <= len(text):
        return f"»{c.text}«"
    return _cut(text[:a], text[a:b], text[b:])


def _is_original(c: Claim) -> bool:
    """Whether a claim of a bilingual file's segment is the original's (see ``compare_file``)."""
    return c.source.endswith("(source)")


def _segment_problems(
    r: SegmentResult, tolerance: Decimal
) -> tuple[list[list[str]], list[Finding], list[Claim], list[Claim]]:
    """The problems of one segment, each as lines of the message; and what they are about."""
    changed = [
        f for f in r.report.findings if f.verdict.value != "agree" and not _tolerated(f, tolerance)
    ]
    missing = [c for c in r.report.unmatched if _is_original(c)]
    added = [c for c in r.report.unmatched if not _is_original(c)]
    problems: list[list[str]] = []
    for f in changed:
        a, b = f.claims[0], f.claims[1]
        verdict = f.verdict.value.upper().replace("_", " ")
        problems.append(
            [
                f"  segment {r.id}: {verdict} ({f.diagnosis.value}) »{a.text}« → »{b.text}«:"
                f" {f.reason}",
                f"    original     {_in_segment(r.source, a)}",
                f"    translation  {_in_segment(r.target, b)}",
            ]
        )
    for c in missing:
        problems.append(
            [
                f"  segment {r.id}: MISSING from the translation »{c.text}« ({_say(c.quantity)})",
                f"    original     {_in_segment(r.source, c)}",
                f"    translation  {_in_segment(r.target)}",
            ]
        )
    for c in added:
        problems.append(
            [
                f"  segment {r.id}: ADDED in the translation »{c.text}« ({_say(c.quantity)})",
                f"    original     {_in_segment(r.source)}",
                f"    translation  {_in_segment(r.target, c)}",
            ]
        )
    return problems, changed, missing, added


def _check_bilingual(label: str, results: Sequence[SegmentResult], tolerance: Decimal) -> None:
    """Fail when a segment of a bilingual file changed, lost or added a figure."""
    __tracebackhide__ = True
    problems: list[list[str]] = []
    findings: list[Finding] = []
    claims: list[Claim] = []
    counts = [0, 0, 0]
    segments = 0
    for r in results:
        mine, changed, missing, added = _segment_problems(r, tolerance)
        if not mine:
            continue
        segments += 1
        problems += mine
        findings += changed
        claims += [*(c for f in changed for c in f.claims), *missing, *added]
        counts[0] += len(changed)
        counts[1] += len(missing)
        counts[2] += len(added)
    if not problems:
        return
    langs = f"{results[0].source_lang} → {results[0].target_lang}"
    lines = [
        f"{label} ({langs}) does not keep every figure in {segments} of"
        f" {_count(len(results), 'segment')}: {counts[0]} changed, {counts[1]} missing,"
        f" {counts[2]} added"
    ]
    for problem in problems[:_PROBLEMS_SHOWN]:
        lines += problem
    if len(problems) > _PROBLEMS_SHOWN:
        lines.append(
            f"  ... and {_count(len(problems) - _PROBLEMS_SHOWN, 'more problem')}"
            f" (integfacts compare {label} lists them all)"
        )
    raise ClaimCheckError("\n".join(lines), findings=findings, claims=claims)


def _bilingual_file_error(label: str, path: Path, e: Exception) -> str:
    """One line saying why a bilingual file cannot be checked, naming it by ``label``."""
    if isinstance(e, FileNotFoundError) and path.is_dir():
        why = "a directory, not a file"
    elif isinstance(e, FileNotFoundError) and not path.exists():
        why = "no such file"
    elif isinstance(e, OSError):
        why = f"cannot read it: {e.strerror or e}"
    elif isinstance(e, UnicodeDecodeError):
        why = f"not UTF-8 text: {e.reason}"
    else:
        why = str(e)
        for prefix in (f"{path}: ", f"{os.fspath(path)}: "):
            why = why.removeprefix(prefix)
    return f"{label}: {' '.join(why.split())}"


# ----------------------------------------------------------- run-wide state
# ----------------------------------------------------------- run-wide state


class _Run:
    """What the run checked (kept in ``config.stash``): for the report and the extraction cache."""

    def __init__(self, tolerance: Decimal = Decimal(0)) -> None:
        self.tolerance = tolerance
        self.sources: dict[str, None] = {}
        self.claims: dict[Claim, None] = {}
        self.findings: dict[Finding, None] = {}
        self.unmatched: dict[Claim, None] = {}
        self._extracted: dict[Document, list[Claim]] = {}

    def extract(self, doc: Document) -> list[Claim]:
        """The document's claims, extracted once per run, and recorded."""
        if doc not in self._extracted:
            from integfacts.extraction import extract  # noqa: PLC0415 - the engine loads on use

            self._extracted[doc] = extract(doc)
        claims = self._extracted[doc]
        self.sources[doc.source] = None
        self.claims.update(dict.fromkeys(claims))
        return list(claims)

    def add_report(self, report: Report) -> None:
        self.sources.update(dict.fromkeys(report.documents))
        self.claims.update(dict.fromkeys(report.claims))
        self.findings.update(dict.fromkeys(report.findings))
        self.unmatched.update(dict.fromkeys(report.unmatched))

    def report(self) -> Report:
        """Everything checked, as one :class:`~integfacts.model.Report`."""
        from integfacts.model import Report, Verdict  # noqa: PLC0415 - the model loads on use

        rank = {Verdict.CONTRADICT: 0, Verdict.NOT_COMPARABLE: 1, Verdict.AGREE: 2}
        return Report(
            findings=tuple(sorted(self.findings, key=lambda f: rank[f.verdict])),
            unmatched=tuple(self.unmatched),
            claims=tuple(self.claims),
            documents=tuple(sorted(self.sources)),
        )


_RUN = pytest.StashKey[_Run]()
_PATTERNS = pytest.StashKey[tuple[str, ...]]()


# ------------------------------------------------------------------ fixture


class ClaimChecker:
    """The ``integfacts`` fixture: extract claims and check figures in tests.

    Documents may be given as a :class:`~integfacts.model.Document`, a text
    (``str``) or a path (:class:`pathlib.Path` or any ``os.PathLike``; read as
    UTF-8). A ``str`` is always a text, never a path. A text without a source
    is labelled with its first words; a path with the path as given.

    The options come, in order of precedence, from the call, the
    ``@pytest.mark.integfacts(...)`` marker, ``--integfacts-tolerance``, the
    ``integfacts_tolerance`` ini key; the tolerance is relative (0.01 is 1%)
    and 0 by default.

    Args:
        lang: default language of documents that do not state theirs
            (``None``: detected).
        published: default publication date (base for relative dates).
        tolerance: default relative tolerance for figures.

    Example:
        >>> check = ClaimChecker(lang="id")
        >>> [c.text for c in check.extract("Ekspor naik 9,6% menjadi 1,07 miliar dolar AS.")]
        ['9,6%', '1,07 miliar dolar AS']
    """

    def __init__(
        self,
        *,
        lang: str | None = None,
        published: datetime.date | str | None = None,
        tolerance: Decimal | float | str = 0,
        _run: _Run | None = None,
    ) -> None:
        self._lang = lang
        self._published = _date(published)
        self._tolerance = _tolerance(tolerance)
        self._run = _run if _run is not None else _Run(self._tolerance)

    @property
    def lang(self) -> str | None:
        """The default language (``None``: detected per document)."""
        return self._lang

    @property
    def published(self) -> datetime.date | None:
        """The default publication date."""
        return self._published

    @property
    def tolerance(self) -> Decimal:
        """The default relative tolerance for figures."""
        return self._tolerance

    def document(
        self,
        doc: Document | str | os.PathLike[str],
        *,
        lang: str | None = None,
        published: datetime.date | str | None = None,
        source: str | None = None,
        subject: str | None = None,
    ) -> Document:
        """Make a Document from a Document, a text or a path, with the defaults filled in.

        Options given here win over the document's own, which win over the
        fixture's defaults (the marker's ``lang`` and ``published``).

        Example:
            >>> ClaimChecker(lang="en").document("Exports rose 9.6%.", source="a").lang
            'en'
        """
        from integfacts.model import Document  # noqa: PLC0415 - the model loads on use

        if isinstance(doc, Document):
            return Document(
                doc.text,
                source=source if source is not None else doc.source,
                lang=lang or doc.lang or self._lang,
                published=_date(published) or doc.published or self._published,
                subject=subject or doc.subject,
            )
        if isinstance(doc, str):
            text, label = doc, _text_label(doc)
        elif isinstance(doc, os.PathLike):
            path = Path(doc)
            text, label = path.read_text(encoding="utf-8"), os.fspath(doc)
        else:
            raise TypeError(
                f"a document is a Document, a text (str) or a path, got {type(doc).__name__}"
            )
        return Document(
            text,
            source=source if source is not None else label,
            lang=lang or self._lang,
            published=_date(published) or self._published,
            subject=subject,
        )

    def extract(
        self,
        doc: Document | str | os.PathLike[str],
        *,
        lang: str | None = None,
        published: datetime.date | str | None = None,
        source: str | None = None,
    ) -> list[Claim]:
        """Every figure the document states, as claims (see :func:`integfacts.extract`).

        Example:
            >>> [str(c.value) for c in ClaimChecker().extract("Da Nang received 1,200 visitors.")]
            ['1200']
        """
        d = self.document(doc, lang=lang, published=published, source=source)
        return self._run.extract(d)

    def assert_states(
        self,
        doc: Document | str | os.PathLike[str],
        metric: str | None,
        value: Decimal | int | float | str,
        *,
        unit: str | None = None,
        qualifier: Qualifier | str | None = None,
        period: Period | str | int | datetime.date | None = None,
        subject: str | None = None,
        tolerance: Decimal | float | str | None = None,
        lang: str | None = None,
        published: datetime.date | str | None = None,
        source: str | None = None,
    ) -> Claim:
        """Assert that a document states a figure, and return the claim that states it.

        A claim matches when its metric (concept key such as ``"exports"`` or
        surface phrase) is ``metric`` (``None``: any), its stated value is
        within ``tolerance`` (relative) of ``value``, and its unit, qualifier,
        period and subject are the ones given (those left ``None`` are not
        checked).

        Args:
            doc: a Document, a text or a path.
            metric: the concept key or phrase; ``None`` accepts any metric.
            value: the expected value, scale applied (``"10.7e9"``, ``3000``);
                a float is read as written (``9.6`` is ``Decimal("9.6")``).
            unit: ISO 4217 code, ``"%"``, ``"pp"``; ``None``: not checked.
            qualifier: ``"more_than"``, ``"about"`` ... or a Qualifier.
            period: ``"2024"``, ``"2021-2025"``, an ISO date or interval, or a Period.
            subject: who the figure is about (``"Da Nang"``).
            tolerance: relative tolerance; ``None``: the test's default.
            lang: the document's language (wins over the document's own).
            published: the publication date (wins over the document's own).
            source: a label for the document in messages and the report.

        Raises:
            ClaimCheckError: no claim matches; the message shows the closest
                claims side by side with what differs.

        Example:
            >>> ClaimChecker(lang="id").assert_states(
            ...     "Da Nang menerima lebih dari 3.000 delegasi pada periode 2021-2025.",
            ...     "delegations", 3000, qualifier="more_than", period="2021-2025",
            ... ).text
            'lebih dari 3.000'
        """
        __tracebackhide__ = True
        d = self.document(doc, lang=lang, published=published, source=source)
        exp = _Expectation(
            metric=metric,
            value=_decimal(value, "value"),
            unit=unit,
            qualifier=None if qualifier is None else _qualifier(qualifier),
            period=None if period is None else _period(period),
            subject=subject,
            tolerance=self._tolerance if tolerance is None else _tolerance(tolerance),
        )
        return _check_states(d, self._run.extract(d), exp)

    def assert_no_contradictions(
        self,
        *docs: Document | str | os.PathLike[str],
        tolerance: Decimal | float | str | None = None,
        rates: Mapping[str, Decimal] | None = None,
    ) -> Report:
        """Assert that no two documents contradict each other (see :func:`integfacts.reconcile`).

        Contradictions whose values are all within the relative ``tolerance``
        of each other are let through; disagreements the library calls "not
        comparable" (different periods, currencies without a rate) never fail.

        Args:
            *docs: Documents, texts or paths (two or more).
            tolerance: relative tolerance; ``None``: the test's default.
            rates: exchange rates to a common base, passed to ``reconcile``.

        Returns:
            The reconciliation report, for further checks.

        Raises:
            ClaimCheckError: the sources contradict each other; the message
                shows each contradiction with the values side by side.

        Example:
            >>> check = ClaimChecker()
            >>> report = check.assert_no_contradictions(
            ...     check.document("Da Nang menerima lebih dari 3.000 delegasi.", lang="id"),
            ...     check.document("Da Nang received about 3,200 delegations.", lang="en"),
            ... )
            >>> [f.verdict.value for f in report.findings]
            ['agree']
        """
        __tracebackhide__ = True
        documents = self._documents(docs)
        from integfacts.reconciliation import reconcile  # noqa: PLC0415 - the engine loads on use

        report = reconcile(documents, rates=rates)
        self._run.add_report(report)
        _check_no_contradictions(report, self._tol(tolerance))
        return report

    def assert_translation(
        self,
        original: Document | str | os.PathLike[str],
        translation: Document | str | os.PathLike[str],
        *,
        tolerance: Decimal | float | str | None = None,
        rates: Mapping[str, Decimal] | None = None,
    ) -> Report:
        """Assert that a translation keeps every figure of its original.

        The figures are paired by :func:`integfacts.compare`.

        Fails on a changed figure (beyond the relative ``tolerance``; another
        currency or a level turned into a change counts as changed), a figure
        missing from the translation and a figure the translation adds. The
        two sides are in different languages by definition: build them with
        :meth:`document` (``lang=``) when detection is not enough.

        Returns:
            The comparison report, for further checks.

        Raises:
            ClaimCheckError: the message lists changed, missing and added figures.

        Example:
            >>> check = ClaimChecker()
            >>> report = check.assert_translation(
            ...     check.document("Ekspor naik 9,6% pada 2024.", lang="id"),
            ...     check.document("Exports rose 9.6% in 2024.", lang="en"),
            ... )
            >>> len(report.agreements)
            1
        """
        __tracebackhide__ = True
        a, b = self._documents([original, translation])
        from integfacts.reconciliation import compare  # noqa: PLC0415 - the engine loads on use

        report = compare(a, b, rates=rates)
        self._run.add_report(report)
        _check_translation(report, a, b, self._tol(tolerance))
        return report

    def assert_bilingual(
        self,
        path: str | os.PathLike[str],
        *,
        source_lang: str | None = None,
        target_lang: str | None = None,
        tolerance: Decimal | float | str | None = None,
        rates: Mapping[str, Decimal] | None = None,
    ) -> list[SegmentResult]:
        """Assert that every segment of a bilingual file keeps the figures of its original.

        The file (XLIFF 1.2 or 2.0, TMX, PO, TSV or CSV, by its extension) is
        read with :func:`integfacts.formats.read_bilingual` and each segment
        is checked on its own with :func:`integfacts.formats.compare_file`.
        Unlike the other methods, a ``str`` here is a path: only a file holds
        both sides. A segment fails the check as :meth:`assert_translation`
        does: a changed figure (beyond the relative ``tolerance``; another
        currency counts as changed), a figure missing from the translation or
        one the translation adds.

        Args:
            path: the bilingual file.
            source_lang: the original's language, when the file does not state
                it (else detected from the text); wins over the file.
            target_lang: the translation's language, likewise.
            tolerance: relative tolerance; ``None``: the test's default.
            rates: exchange rates to a common base, for figures put in
                another currency.

        Returns:
            One :class:`~integfacts.translation.SegmentResult` per segment, for
            further checks.

        Raises:
            ClaimCheckError: a segment changed, lost or added a figure; the
                message has a line per problem: the segment id, the verdict
                and diagnosis, both figures marked, the reason, then both
                segments with the figure marked.
            integfacts.formats.BilingualFileError: the file is missing,
                unreadable, of an unknown type, malformed, has no translated
                segment, or its languages are neither stated, given nor
                detected; one line naming the file.

        Example:
            >>> import pathlib, tempfile
            >>> tsv = "id\\ten\\tid\\nq1\\tExports rose 9.6%.\\tEkspor naik 9,6%.\\n"
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "exports.tsv"
            >>> _ = path.write_text(tsv, "utf-8")
            >>> [seg.id for seg in ClaimChecker().assert_bilingual(path) if seg.ok]
            ['q1']
        """
        __tracebackhide__ = True
        return self._bilingual(
            Path(path),
            os.fspath(path),
            source_lang=source_lang,
            target_lang=target_lang,
            tolerance=tolerance,
            rates=rates,
        )

    def _bilingual(
        self,
        path: Path,
        label: str,
        *,
        source_lang: str | None,
        target_lang: str | None,
        tolerance: Decimal | float | str | None,
        rates: Mapping[str, Decimal] | None,
    ) -> list[SegmentResult]:
        """:meth:`assert_bilingual`, naming the file ``label`` in messages."""
        __tracebackhide__ = True
        tol = self._tol(tolerance)
        langs = (_lang(source_lang, "source_lang"), _lang(target_lang, "target_lang"))
        from integfacts.formats import BilingualFileError, compare_file  # noqa: PLC0415

        message = None
        try:
            results = compare_file(path, source_lang=langs[0], target_lang=langs[1], rates=rates)
        except (BilingualFileError, OSError, UnicodeDecodeError) as e:
            message = _bilingual_file_error(label, path, e)
        else:
            if not results:
                message = f"{label}: no translated segment: nothing to check"
        if message is not None:  # raised outside the except: no chained traceback
            raise BilingualFileError(message)
        for r in results:
            self._run.add_report(r.report)
        _check_bilingual(label, results, tol)
        return results

    def _tol(self, tolerance: Decimal | float | str | None) -> Decimal:
        return self._tolerance if tolerance is None else _tolerance(tolerance)

    def _documents(self, docs: Iterable[Document | str | os.PathLike[str]]) -> list[Document]:
        """Documents with distinct sources (a repeated label gets ``#2``, ``#3`` ...)."""
        out: list[Document] = []
        seen: dict[str, int] = {}
        for doc in docs:
            d = self.document(doc)
            n = seen[d.source] = seen.get(d.source, 0) + 1
            if n > 1:
                d = self.document(d, source=f"{d.source} #{n}")
            out.append(d)
        return out


class _MarkerError(Exception):
    """A misused ``integfacts`` marker (reported in one line, without a traceback)."""


def _marker_options(node: pytest.Item) -> dict[str, Any]:
    """The ``integfacts`` marker options, checked; the closest marker wins key by key.

    Raises:
        _MarkerError: positional arguments, an unknown option or a bad value.
    """
    options: dict[str, Any] = {}
    for mark in reversed(list(node.iter_markers("integfacts"))):
        if mark.args:
            raise _MarkerError(
                f"@pytest.mark.integfacts takes keyword options only"
                f" ({', '.join(_OPTION_KEYS)}), got {', '.join(map(repr, mark.args))}"
            )
        try:
            options.update(_options(mark.kwargs))
        except (TypeError, ValueError) as e:
            raise _MarkerError(f"@pytest.mark.integfacts: {e}") from None
    return options


def _checked_marker_options(node: pytest.Item) -> dict[str, Any]:
    """The marker options, or the test fails with a one-line message (no traceback)."""
    __tracebackhide__ = True
    try:
        return _marker_options(node)
    except _MarkerError as e:
        message = str(e)
    pytest.fail(message, pytrace=False)  # outside the except: no chained exception shown


@pytest.fixture
def integfacts(request: pytest.FixtureRequest) -> ClaimChecker:
    """A :class:`ClaimChecker` set up from the test's ``integfacts`` marker and the options.

    Example::

        @pytest.mark.integfacts(lang="id", published="2025-09-26")
        def test_delegations(integfacts):
            integfacts.assert_states(Path("article.txt"), "delegations", 3000,
                                     qualifier="more_than", period="2021-2025")
    """
    __tracebackhide__ = True
    run = request.config.stash[_RUN]
    opts = _checked_marker_options(request.node) if isinstance(request.node, pytest.Item) else {}
    return ClaimChecker(
        lang=opts.get("lang"),
        published=opts.get("published"),
        tolerance=opts.get("tolerance", run.tolerance),
        _run=run,
    )


# ---------------------------------------------------------------- hooks


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--integfacts-tolerance``, ``--integfacts-report`` and the ini keys."""
    group = parser.getgroup("integfacts", "integfacts: numeric claim checks")
    group.addoption(
        "--integfacts-tolerance",
        dest="integfacts_tolerance",
        default=None,
        metavar="REL",
        help="default relative tolerance for figures (0.01 is 1%%); default: the"
        " integfacts_tolerance ini value, else 0.",
    )
    group.addoption(
        "--integfacts-report",
        "--claims-report",
        dest="integfacts_report",
        default=None,
        metavar="PATH",
        help="write a report of every document, claim and finding checked in the run:"
        " HTML when PATH ends in .html, else JSON.",
    )
    parser.addini(
        "integfacts_tolerance",
        help="default relative tolerance for integfacts figure checks (0.01 is 1%).",
        default="0",
    )
    parser.addini(
        "integfacts_claims_files",
        type="args",
        help="glob patterns of integfacts claim files, matched from the right like"
        " pathlib's PurePath.match (default: claims_*.toml); only files with a"
        " top-level [integfacts] table are collected; empty: no claim files.",
        default=list(_CLAIMS_FILES),
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker and set up the run's state in ``config.stash``."""
    config.addinivalue_line("markers", _MARKER_HELP)
    raw = config.getoption("integfacts_tolerance")
    what = "--integfacts-tolerance"
    if raw is None:
        raw, what = config.getini("integfacts_tolerance"), "integfacts_tolerance (ini)"
    try:
        tolerance = _tolerance(raw, what)
    except (TypeError, ValueError) as e:
        raise pytest.UsageError(str(e)) from None
    config.stash[_RUN] = _Run(tolerance)
    config.stash[_PATTERNS] = _claims_patterns(config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Check the ``integfacts`` markers of every test before its fixtures are set up.

    A misused marker errors the test with a one-line message (no traceback),
    whether or not the test uses the fixture.
    """
    _checked_marker_options(item)


_TABLE = r"^[ \t]*(?:\[[ \t]*integfacts[ \t]*\]|integfacts[ \t]*[=.])"
"""A line that may declare the top-level ``integfacts`` table (confirmed by parsing)."""
_EXPECT = r"^[ \t]*\[\[[ \t]*(expect|bilingual)[ \t]*\]\]"
"""An ``[[expect]]`` or ``[[bilingual]]`` table header: a file meant for integfacts that forgot
its marker."""


def _claims_patterns(config: pytest.Config) -> tuple[str, ...]:
    """The ``integfacts_claims_files`` patterns (an empty value turns claim files off)."""
    raw = config.getini("integfacts_claims_files")
    patterns = raw.split() if isinstance(raw, str) else [str(p) for p in raw]
    return tuple(p for p in patterns if p)


def _is_claims_file(path: Path) -> bool:
    """Whether a file is ours: it has a top-level ``integfacts`` key (the ``[integfacts]`` table).

    A file that does not parse is ours when a line looks like that table, so
    that a syntax error in a claim file is reported, not skipped; a file that
    has ``[[expect]]`` or ``[[bilingual]]`` tables but no ``[integfacts]`` table gets a
    :class:`ClaimsFileWarning`.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if not re.search(_TABLE, text, re.MULTILINE):
        if m := re.search(_EXPECT, text, re.MULTILINE):
            import warnings  # noqa: PLC0415 - rarely needed

            warnings.warn_explicit(
                ClaimsFileWarning(
                    f"{path.name} has [[{m[1]}]] tables but no [integfacts] table: not"
                    " collected as an integfacts claim file (add [integfacts] at its top;"
                    " see also the integfacts_claims_files ini key)"
                ),
                ClaimsFileWarning,
                filename=os.fspath(path),
                lineno=text.count("\n", 0, m.start()) + 1,
            )
        return False
    import tomllib  # noqa: PLC0415 - only for files that may be claim files

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True  # ours, by the look of it: the collector reports the syntax error
    return "integfacts" in data


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ClaimsFile | None:
    """Collect claim files: names matching ``integfacts_claims_files``, with ``[integfacts]``."""
    patterns = parent.config.stash.get(_PATTERNS, _CLAIMS_FILES)
    if any(file_path.match(p) for p in patterns) and _is_claims_file(file_path):
        return ClaimsFile.from_parent(parent, path=file_path)
    return None


def _report_path(config: pytest.Config) -> Path | None:
    raw = config.getoption("integfacts_report", None)
    if not raw:
        return None
    return Path(config.invocation_params.dir, raw)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the run's report when ``--integfacts-report`` is given."""
    config = session.config
    path = _report_path(config)
    if path is None or hasattr(config, "workerinput"):  # pytest-xdist workers: not here
        return
    report = config.stash[_RUN].report()
    text = report.to_html() if path.suffix.lower() in (".html", ".htm") else report.to_json()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say where the report went and what it holds."""
    from integfacts.model import Verdict  # noqa: PLC0415 - the model loads on use

    path = _report_path(config)
    if path is None or not path.exists() or hasattr(config, "workerinput"):
        return
    run = config.stash[_RUN]
    contradictions = sum(1 for f in run.findings if f.verdict is Verdict.CONTRADICT)
    counts = ", ".join(
        _count(n, what) for n, what in ((len(run.sources), "document"), (len(run.claims), "claim"))
    )
    terminalreporter.write_line(
        f"integfacts: report of {counts}, {_count(len(run.findings), 'finding')}"
        f" ({_count(contradictions, 'contradiction')}) written to {path}"
    )


_OWN_TYPES = ("Claim", "Quantity", "Period", "Span", "Document", "Finding")


def _field_diff(left: object, right: object, prefix: str = "") -> list[str]:
    import attrs  # noqa: PLC0415 - only when comparing our own (attrs) values

    out = []
    for f in attrs.fields(cast("type[attrs.AttrsInstance]", type(left))):
        if not f.eq:  # not part of equality (e.g. Quantity.alternative): no reason for !=
            continue
        a, b = getattr(left, f.name), getattr(right, f.name)
        if a == b:
            continue
        if type(a) is type(b) and attrs.has(type(a)):
            out.extend(_field_diff(a, b, f"{prefix}{f.name}."))
        else:
            out.append(f"  {prefix}{f.name}: {a!r} != {b!r}")
    return out


def pytest_assertrepr_compare(
    config: pytest.Config, op: str, left: object, right: object
) -> list[str] | None:
    """Explain ``==`` between two integfacts values field by field; ``None`` for anything else."""
    model = sys.modules.get("integfacts.model")
    if model is None or op != "==" or type(left) is not type(right):
        return None
    name = type(left).__name__
    if name not in _OWN_TYPES or type(left) is not getattr(model, name, None):
        return None
    if isinstance(left, model.Claim) and isinstance(right, model.Claim):
        summary = f"Claim(»{left.text}«) == Claim(»{right.text}«)"
    else:
        summary = f"{name} == {name}"
    diff = _field_diff(left, right)
    if not diff:
        return None
    return [summary, f"integfacts: the {name} values differ in {len(diff)} field(s):", *diff]


# -------------------------------------------------------------- claim files

_DOCUMENT_KEYS = frozenset({"id", "path", "text", "lang", "published", "source", "subject"})
_EXPECT_KEYS = {
    "states": frozenset(
        {
            "id",
            "kind",
            "document",
            "metric",
            "value",
            "unit",
            "qualifier",
            "period",
            "subject",
            "tolerance",
        }
    ),
    "no_contradictions": frozenset({"id", "kind", "documents", "tolerance", "rates"}),
    "translation": frozenset({"id", "kind", "original", "translation", "tolerance", "rates"}),
}
_BILINGUAL_KEYS = frozenset({"file", "source_lang", "target_lang", "tolerance", "rates"})
_TOP_KEYS = ("integfacts", "document", "expect", "bilingual")
_GLOB = re.compile(r"[*?\[]")
"""A character that makes a ``[[bilingual]]`` ``file`` a glob pattern."""


class ClaimsFile(pytest.File):
    """A claim file: documents, and expectations collected as tests.

    The format (every path relative to the file)::

        [integfacts]                # required: marks the file as an integfacts claim file
        format = 1                  # optional; also lang, published, tolerance for the file

        [[document]]
        id = "danang-id"            # how expectations name it (default: path)
        path = "danang_id.txt"      # or: text = "..."
        lang = "id"
        published = 2025-09-26
        source = "baodanang.vn/3303725"   # label in messages (default: path or id)

        [[expect]]                  # kind = "states" (the default)
        id = "delegations"          # the test's name
        document = "danang-id"      # optional when the file has one document
        metric = "delegations"
        value = 3000
        qualifier = "more_than"     # optional, like unit, period, subject, tolerance
        period = "2021-2025"

        [[expect]]
        id = "sources-agree"
        kind = "no_contradictions"
        documents = ["danang-id", "danang-en"]   # default: every document

        [[expect]]
        id = "translation"
        kind = "translation"
        original = "danang-id"
        translation = "danang-en"

        [[bilingual]]               # one test per file, named by the file
        file = "locale/*.po"        # a path or a glob pattern (** for any depth)
        source_lang = "en"          # optional, like target_lang, tolerance, rates
    """

    def collect(self) -> Iterator[ClaimsItem]:
        """One :class:`ClaimsItem` per ``[[expect]]`` entry, one per ``[[bilingual]]`` file."""
        import tomllib  # noqa: PLC0415 - only when a claim file is collected

        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"), parse_float=Decimal)
        except UnicodeDecodeError as e:
            raise ClaimsFileError(f"{self.path.name}: not UTF-8 text: {e.reason}") from None
        except tomllib.TOMLDecodeError as e:
            raise ClaimsFileError(f"{self.path.name}: not valid TOML: {e}") from None
        unknown = sorted(set(data) - set(_TOP_KEYS))
        if unknown:
            raise ClaimsFileError(
                f"{self.path.name}: unknown top-level key {', '.join(unknown)} (a claim file"
                " holds an [integfacts] table, [[document]], [[expect]] and [[bilingual]] tables)"
            )
        self._defaults = self._parse_header(data.get("integfacts"))
        self._docs = self._parse_documents(data.get("document", []))
        self._built: dict[str, Document] = {}
        expects, bilingual = data.get("expect", []), data.get("bilingual", [])
        for key, value in (("expect", expects), ("bilingual", bilingual)):
            if not isinstance(value, list):
                raise ClaimsFileError(
                    f"{self.path.name}: {key!r} must be an array of tables ([[{key}]])"
                )
        if not expects and not bilingual:
            raise ClaimsFileError(
                f"{self.path.name}: no [[expect]] or [[bilingual]] table: nothing to check"
            )
        seen: set[str] = set()
        for i, spec in enumerate(expects, 1):
            name = self._validate_expect(i, spec)
            if name in seen:
                raise ClaimsFileError(f"{self.path.name}: two [[expect]] tables have id {name!r}")
            seen.add(name)
            yield ClaimsItem.from_parent(self, name=name, spec=spec)
        for i, spec in enumerate(bilingual, 1):
            for name, target in self._bilingual_files(i, spec):
                if name in seen:
                    raise ClaimsFileError(
                        f"{self.path.name}: [[bilingual]] #{i}: {name} is already a test of"
                        " this file (two [[bilingual]] tables name it, or an [[expect]] id)"
                    )
                seen.add(name)
                yield BilingualItem.from_parent(self, name=name, spec=spec, target=target)

    def _bilingual_files(self, i: int, spec: object) -> list[tuple[str, Path]]:
        """The files a ``[[bilingual]]`` table names, checked: ``(test name, path)``.

        A ``file`` with a glob character (``*``, ``?``, ``[``) is a pattern,
        expanded now (matching no file is an error); any other ``file`` is one
        test, which fails when the file cannot be read.
        """
        where = f"{self.path.name}: [[bilingual]] #{i}"
        if not isinstance(spec, dict):
            raise ClaimsFileError(f"{where}: must be a table")
        unknown = sorted(set(spec) - _BILINGUAL_KEYS)
        if unknown:
            raise ClaimsFileError(
                f"{where}: unknown key {', '.join(unknown)}"
                f" (known: {', '.join(sorted(_BILINGUAL_KEYS))})"
            )
        file = spec.get("file")
        if not isinstance(file, str) or not file.strip():
            raise ClaimsFileError(
                f"{where}: missing file (a path or a glob pattern, relative to the claim file)"
            )
        try:
            _lang(spec.get("source_lang"), "source_lang")
            _lang(spec.get("target_lang"), "target_lang")
            if "tolerance" in spec:
                _tolerance(spec["tolerance"])
            _bilingual_rates(spec.get("rates", {}))
        except (TypeError, ValueError) as e:
            raise ClaimsFileError(f"{where} ({file}): {e}") from None
        base = self.path.parent
        if not _GLOB.search(file):
            return [(file, base / file)]
        import glob  # noqa: PLC0415 - only for claim files with patterns

        found = sorted(
            Path(m)
            for m in glob.glob(os.path.join(base, file), recursive=True)
            if Path(m).is_file()
        )
        if not found:
            raise ClaimsFileError(f"{where}: no file matches {file!r} (relative to {base})")
        out = []
        for m in found:
            try:
                name = m.relative_to(base).as_posix()
            except ValueError:  # an absolute pattern outside the claim file's folder
                name = m.as_posix()
            out.append((name, m))
        return out

    def _parse_header(self, table: object) -> dict[str, Any]:
        """The ``[integfacts]`` table: the format, and defaults for the whole file."""
        where = f"{self.path.name}: [integfacts]"
        if not isinstance(table, dict):
            raise ClaimsFileError(
                f"{where} must be a table (a line [integfacts] at the top of the file)"
            )
        unknown = sorted(set(table) - {"format", *_OPTION_KEYS})
        if unknown:
            raise ClaimsFileError(
                f"{where}: unknown key {', '.join(unknown)}"
                f" (known: format, {', '.join(_OPTION_KEYS)})"
            )
        fmt = table.get("format", _CLAIMS_FORMAT)
        if fmt != _CLAIMS_FORMAT or isinstance(fmt, bool):
            raise ClaimsFileError(
                f"{where}: format {fmt!r} is not one this integfacts reads ({_CLAIMS_FORMAT})"
            )
        try:
            return _options({k: v for k, v in table.items() if k != "format"})
        except (TypeError, ValueError) as e:
            raise ClaimsFileError(f"{where}: {e}") from None

    def _parse_documents(self, docs: object) -> dict[str, dict[str, Any]]:
        if not isinstance(docs, list):
            raise ClaimsFileError(f"{self.path.name}: 'document' must be an array of tables")
        out: dict[str, dict[str, Any]] = {}
        for i, d in enumerate(docs, 1):
            where = f"{self.path.name}: [[document]] #{i}"
            if not isinstance(d, dict):
                raise ClaimsFileError(f"{where}: must be a table")
            unknown = sorted(set(d) - _DOCUMENT_KEYS)
            if unknown:
                raise ClaimsFileError(
                    f"{where}: unknown key {', '.join(unknown)}"
                    f" (known: {', '.join(sorted(_DOCUMENT_KEYS))})"
                )
            if ("path" in d) == ("text" in d):
                raise ClaimsFileError(f"{where}: give exactly one of path or text")
            key = d.get("id") or d.get("path") or d.get("source")
            if not key:
                raise ClaimsFileError(f"{where}: an inline text needs an id")
            if key in out:
                raise ClaimsFileError(f"{where}: another document is already named {key!r}")
            try:
                _date(d.get("published"), f"{where}: published")
            except (TypeError, ValueError) as e:
                raise ClaimsFileError(str(e)) from None
            out[str(key)] = d
        return out

    def _validate_expect(self, i: int, spec: object) -> str:
        where = f"{self.path.name}: [[expect]] #{i}"
        if not isinstance(spec, dict):
            raise ClaimsFileError(f"{where}: must be a table")
        name = str(spec.get("id") or f"expect{i}")
        where = f"{self.path.name}: [[expect]] {name!r}"
        kind = spec.get("kind", "states")
        if kind not in _EXPECT_KEYS:
            raise ClaimsFileError(
                f"{where}: unknown kind {kind!r} (known: {', '.join(_EXPECT_KEYS)})"
            )
        unknown = sorted(set(spec) - _EXPECT_KEYS[kind])
        if unknown:
            raise ClaimsFileError(
                f"{where}: unknown key {', '.join(unknown)} for kind {kind!r}"
                f" (known: {', '.join(sorted(_EXPECT_KEYS[kind]))})"
            )
        if kind == "states":
            for key in ("metric", "value"):
                if key not in spec:
                    raise ClaimsFileError(f"{where}: missing {key}")
            if "document" not in spec and len(self._docs) != 1:
                raise ClaimsFileError(f"{where}: say which document (the file has several)")
            refs = [spec.get("document")] if "document" in spec else []
        elif kind == "translation":
            for key in ("original", "translation"):
                if key not in spec:
                    raise ClaimsFileError(f"{where}: missing {key}")
            refs = [spec["original"], spec["translation"]]
        else:
            refs = list(spec.get("documents", []))
            if len(refs or self._docs) < 2:
                raise ClaimsFileError(f"{where}: needs two or more documents")
        for ref in refs:
            if ref not in self._docs:
                raise ClaimsFileError(
                    f"{where}: no document named {ref!r} (documents: {', '.join(self._docs)})"
                )
        return name

    def document(self, key: str | None = None) -> Document:
        """The named document (the only one when ``key`` is None), read on first use."""
        from integfacts.model import Document  # noqa: PLC0415 - the model loads on use

        if key is None:
            key = next(iter(self._docs))
        if key not in self._built:
            d = self._docs[key]
            if "path" in d:
                path = self.path.parent / str(d["path"])
                try:
                    text = path.read_text(encoding="utf-8")
                except OSError as e:
                    raise ClaimsFileError(
                        f"{self.path.name}: cannot read document {key!r} ({path}): {e.strerror}"
                    ) from None
            else:
                text = str(d["text"])
            self._built[key] = Document(
                text,
                source=str(d.get("source") or d.get("path") or key),
                lang=d.get("lang") or self._defaults.get("lang"),
                published=_date(d.get("published")) or self._defaults.get("published"),
                subject=d.get("subject"),
            )
        return self._built[key]

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: TracebackStyle | None = None,
    ) -> str | TerminalRepr:
        """A malformed file is reported with its message alone, no traceback."""
        if isinstance(excinfo.value, ClaimsFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ClaimsItem(pytest.Item):
    """One ``[[expect]]`` entry of a claim file."""

    def __init__(self, *, spec: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.kind: str = spec.get("kind", "states")

    @property
    def _file(self) -> ClaimsFile:
        assert isinstance(self.parent, ClaimsFile)
        return self.parent

    def runtest(self) -> None:
        """Run the check the entry describes."""
        spec = self.spec
        run = self.config.stash[_RUN]
        check = ClaimChecker(
            tolerance=self._file._defaults.get("tolerance", run.tolerance), _run=run
        )
        try:
            tolerance = _tolerance(spec["tolerance"]) if "tolerance" in spec else None
            rates = {k: _decimal(v, f"rates.{k}") for k, v in spec.get("rates", {}).items()}
            if self.kind == "states":
                check.assert_states(
                    self._file.document(spec.get("document")),
                    str(spec["metric"]),
                    _decimal(spec["value"], "value"),
                    unit=spec.get("unit"),
                    qualifier=spec.get("qualifier"),
                    period=spec.get("period"),
                    subject=spec.get("subject"),
                    tolerance=tolerance,
                )
            elif self.kind == "translation":
                check.assert_translation(
                    self._file.document(spec["original"]),
                    self._file.document(spec["translation"]),
                    tolerance=tolerance,
                    rates=rates or None,
                )
            else:
                keys = spec.get("documents") or list(self._file._docs)
                check.assert_no_contradictions(
                    *(self._file.document(k) for k in keys),
                    tolerance=tolerance,
                    rates=rates or None,
                )
        except (TypeError, ValueError) as e:
            raise ClaimsFileError(
                f"{self._file.path.name}: [[expect]] {self.name!r}: {e}"
            ) from None

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: TracebackStyle | None = None,
    ) -> str | TerminalRepr:
        """A failed check is reported as its fact-check message, no traceback."""
        if isinstance(excinfo.value, ClaimCheckError | ClaimsFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the entry is: the claim file, and the entry's kind and id."""
        return self.path, None, f"{self.kind}: {self.name}"


def _bilingual_rates(table: object) -> dict[str, Decimal]:
    """A ``rates`` table of a claim file: currency code -> rate to a common base."""
    if not isinstance(table, dict):
        raise TypeError(f"rates must be a table (USD = 1, EUR = 1.08), got {table!r}")
    return {str(k): _decimal(v, f"rates.{k}") for k, v in table.items()}


class BilingualItem(ClaimsItem):
    """One file of a ``[[bilingual]]`` table: every segment keeps its figures."""

    def __init__(self, *, target: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = "bilingual"
        self.target = target

    def runtest(self) -> None:
        """Check the file with :meth:`ClaimChecker.assert_bilingual`."""
        from integfacts.formats import BilingualFileError  # noqa: PLC0415 - loads on use

        spec = self.spec
        run = self.config.stash[_RUN]
        check = ClaimChecker(
            tolerance=self._file._defaults.get("tolerance", run.tolerance), _run=run
        )
        try:
            check._bilingual(
                self.target,
                self.name,
                source_lang=spec.get("source_lang"),
                target_lang=spec.get("target_lang"),
                tolerance=_tolerance(spec["tolerance"]) if "tolerance" in spec else None,
                rates=_bilingual_rates(spec.get("rates", {})) or None,
            )
        except BilingualFileError as e:
            message = f"{self._file.path.name}: [[bilingual]] {e}"
        else:
            return
        raise ClaimsFileError(message)
