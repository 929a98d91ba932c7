"""Rendering reports: JSON, Markdown, self-contained HTML, terminal, ClaimReview.

Every string that came from a document or a path is escaped in HTML and
Markdown. The JSON schema is versioned (``SCHEMA_VERSION``) and documented in
``docs/report.schema.json``; amounts are strings so that no value passes
through a float.

Every rendering shows a figure the same way (:func:`value_label`): thousands
grouped, the qualifier in words, and for a figure that states only an order
of magnitude ("hundreds", "صدها") the words and the interval, never a point
value. Periods read the same everywhere (:func:`period_label`), and sources
are shortened without cutting a word (:func:`source_label`).

Example:
    >>> import integfacts as ifx
    >>> claim = ifx.extract("Hundreds of people fled in 2024.", lang="en")[0]
    >>> value_label(claim), period_label(claim)
    ('hundreds (200–999)', '2024')
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from integfacts.labels import SOURCE_WIDTH, _clip, _web_url, source_label
from integfacts.model import (
    Claim,
    ClaimKind,
    Diagnosis,
    Finding,
    Period,
    Qualifier,
    Quantity,
    Report,
    Verdict,
)
from integfacts.units import unit_label

__all__ = [
    "MIN_TEXT_WIDTH",
    "SCHEMA_VERSION",
    "claim_dict",
    "format_number",
    "period_label",
    "source_label",
    "to_claimreview",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "value_label",
]

SCHEMA_VERSION = 2
"""Version of the JSON report (``docs/report.schema.json``).

2: ``value`` is ``null`` for a figure that states only an order of magnitude
("hundreds"); ``lang``, ``text``, ``sentence``, ``metric_phrase`` and a
period's ``text`` are ``null`` rather than ``""`` when unknown.
"""

MIN_TEXT_WIDTH = 20
"""The narrowest terminal :func:`to_text` renders for, in columns."""


# ------------------------------------------------------------ shared wording


def format_number(v: Decimal) -> str:
    """A number as people read it: thousands grouped, no exponent, no trailing zeros.

    Example:
        >>> format_number(Decimal("1.07E+9")), format_number(Decimal("6.50"))
        ('1,070,000,000', '6.5')
    """
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return f"{v.normalize():,f}"


_QUALIFIER_WORDS = {
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.ABOUT: "about ",
    Qualifier.NEARLY: "nearly ",
    Qualifier.LESS_THAN: "less than ",
    Qualifier.AT_MOST: "at most ",
}

_MAGNITUDES = {
    1: "dozens",
    2: "hundreds",
    3: "thousands",
    4: "tens of thousands",
    5: "hundreds of thousands",
    6: "millions",
    7: "tens of millions",
    8: "hundreds of millions",
    9: "billions",
    10: "tens of billions",
    11: "hundreds of billions",
    12: "trillions",
}
"""English words for an order of magnitude, by power of ten (10 is how the
language data reads "dozens", "puluhan", "hàng chục", "ده‌ها")."""


def _unit(unit: str | None) -> str:
    if unit is None:
        return ""
    if "-" in unit:  # a unit of measure's CLDR id: its symbol ("length-meter": " m")
        return unit_label(unit)
    return unit if unit == "%" else f" {unit}"


def _magnitude_words(v: Decimal) -> str:
    exp = len(str(int(v))) - 1 if v >= 1 and v == v.to_integral_value() else -1
    if v == Decimal(10) ** exp and exp in _MAGNITUDES:
        return _MAGNITUDES[exp]
    return f"multiples of {format_number(v)}"


def _interval(q: Quantity) -> str:
    low, high = q.low, q.high
    if low is not None and high is not None:
        return f"{format_number(low)}–{format_number(high)}"
    if low is not None:
        return f"{format_number(low)} or more"
    if high is not None:
        return f"up to {format_number(high)}"
    return "any value"


def _magnitude_only(q: Quantity) -> bool:
    """Whether a quantity states only an order of magnitude ("hundreds", "ratusan")."""
    return q.qualifier is Qualifier.MULTIPLES


def value_label(claim: Claim) -> str:
    """The figure a claim states, in words every rendering shares.

    Thousands are grouped, the qualifier is spelled out, a range, a ratio,
    a rank and a change ("+16.7%") read as such, and a figure that states only
    an order of magnitude shows the words and the interval its wording
    commits to, never a point value.

    Example:
        >>> import integfacts as ifx
        >>> [value_label(c) for c in ifx.extract("صدها نفر کشته شدند", lang="fa")]
        ['hundreds (200–999)']
        >>> [value_label(c) for c in ifx.extract("More than 3,000 delegations.", lang="en")]
        ['more than 3,000']
    """
    q = claim.quantity
    unit = _unit(q.unit)
    if _magnitude_only(q):
        return f"{_magnitude_words(q.value)} ({_interval(q)}{unit})"
    body = format_number(q.value)
    if claim.change and q.value > 0:
        body = "+" + body
    if q.upper is not None:
        body += "–" + format_number(q.upper)
    if q.of is not None:
        body += "/" + format_number(q.of)
    if claim.kind is ClaimKind.RANK:
        body = "rank " + body
    return f"{_QUALIFIER_WORDS.get(q.qualifier, '')}{body}{unit}"


def period_label(claim: Claim) -> str:
    """The time a claim's figure refers to, worded as the reasons word it.

    The period it states ("2024", "2021–2025", "up to 2030"), else the day it
    was stated true ("as of 2025-09-26"), else ``""``.

    Example:
        >>> import integfacts as ifx
        >>> [period_label(c) for c in ifx.extract("Exports rose 9% in 2021-2025.", lang="en")]
        ['2021–2025']
    """
    if claim.as_of is not None and (claim.period is None or claim.period.start == claim.period.end):
        return f"as of {claim.as_of.isoformat()}"
    return "" if claim.period is None else claim.period.label


def _quote(c: Claim, width: int = 160, mark: tuple[str, str] = ("", "")) -> str:
    """The claim's sentence on one line, the figure between ``mark``.

    A sentence longer than ``width`` keeps the words around the figure, cut
    between words, with an ellipsis where words were left out.
    """
    ctx = " ".join(c.context.split())
    fig = " ".join(c.text.split())
    raw = c.context
    a = c.span.start - c.sentence.start if c.sentence is not None else -1
    b = a + len(c.text)
    if not ctx or not (0 <= a <= b <= len(raw)) or raw[a:b] != c.text or not fig:
        if ctx:
            return _clip(ctx, width)
        return f"{mark[0]}{fig}{mark[1]}" if fig else ""
    s, e = a, b
    while s > 0 and not raw[s - 1].isspace():  # the figure's words, with what is glued to them
        s -= 1
    while e < len(raw) and not raw[e].isspace():
        e += 1
    core = f"{raw[s:a]}{mark[0]}{fig}{mark[1]}{raw[b:e]}"
    before, after = raw[:s].split(), raw[e:].split()
    if len(ctx) <= width:
        return " ".join([*before, core, *after])
    pre: list[str] = []
    post: list[str] = []
    size = len(raw[s:a]) + len(fig) + len(raw[b:e])
    budget = width - 2  # room for an ellipsis at each end
    grew = True
    while grew:
        grew = False
        if len(post) < len(after) and size + 1 + len(after[len(post)]) <= budget:
            size += 1 + len(after[len(post)])
            post.append(after[len(post)])
            grew = True
        if len(pre) < len(before) and size + 1 + len(before[-1 - len(pre)]) <= budget:
            size += 1 + len(before[-1 - len(pre)])
            pre.insert(0, before[-1 - len(pre)])
            grew = True
    text = " ".join([*pre, core, *post])
    if len(pre) < len(before):
        text = "…" + text
    if len(post) < len(after):
        text = text.rstrip(",;:") + "…"
    return text


_LABEL = {
    Verdict.CONTRADICT: "CONTRADICT",
    Verdict.NOT_COMPARABLE: "NOT COMPARABLE",
    Verdict.AGREE: "AGREE",
}


def _label(f: Finding) -> str:
    """The finding's heading word: the verdict, or UPDATE for a revised figure."""
    return "UPDATE" if f.diagnosis is Diagnosis.UPDATE else _LABEL[f.verdict]


def _metric_title(f: Finding) -> str:
    """What a finding is about: its metric, "change in" it when every claim is a change
    (a level and its change are separate facts, under separate headings)."""
    if not f.metric:
        return "same value, different metrics"
    if f.claims and all(c.change for c in f.claims):
        return f"change in {f.metric}"
    return f.metric


def _title(f: Finding) -> str:
    return _metric_title(f) + (f" ({f.subject})" if f.subject else "")


def _n(count: int, noun: str) -> str:
    """ "1 contradiction", "2 contradictions"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _metric_text(c: Claim) -> str:
    return c.metric or c.metric_phrase


# ------------------------------------------------------------------ JSON


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _str(s: str) -> str | None:
    return s or None


def _period(p: Period | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "text": _str(p.text),
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    """One claim as JSON-ready data (a claim of the JSON report).

    ``value`` is ``None`` for a figure that states only an order of magnitude
    ("hundreds"): ``low`` and ``high`` carry what it says. Text fields that are
    unknown are ``None``, never ``""``.
    """
    q = c.quantity
    return {
        "source": c.source,
        "lang": _str(c.lang),
        "text": _str(c.text),
        "span": [c.span.start, c.span.end],
        "sentence": _str(c.context),
        "value": None if _magnitude_only(q) else str(q.value),
        "unit": q.unit,
        "qualifier": q.qualifier.value,
        "low": _dec(q.low),
        "high": _dec(q.high),
        "upper": _dec(q.upper),
        "of": _dec(q.of),
        "kind": c.kind.value,
        "change": c.change,
        "metric": c.metric,
        "metric_phrase": _str(c.metric_phrase),
        "subject": c.subject,
        "period": _period(c.period),
        "period_source": c.period_source.value,
        "as_of": c.as_of.isoformat() if c.as_of is not None else None,
        "superseded": c.superseded,
    }


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "verdict": f.verdict.value,
        "diagnosis": f.diagnosis.value,
        "reason": f.reason,
        "metric": f.metric,
        "subject": f.subject,
        "score": f.score,
        "majority": _dec(f.majority),
        "independent_sources": f.independent_sources,
        "sources": list(f.sources),
        "claims": [claim_dict(c) for c in f.claims],
        "sides": [list(side) for side in f.sides],
    }


def _summary(report: Report) -> dict[str, int]:
    return {
        "claims": len(report.claims),
        "findings": len(report.findings),
        "agree": len(report.agreements),
        "contradict": len(report.contradictions),
        "not_comparable": len(report.not_comparable),
        "unmatched": len(report.unmatched),
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data (the JSON document, before serialisation)."""
    return {
        "schema": "integfacts.report",
        "version": SCHEMA_VERSION,
        "documents": list(report.documents),
        "summary": _summary(report),
        "findings": [_finding_dict(f) for f in report.findings],
        "unmatched": [claim_dict(c) for c in report.unmatched],
    }


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _summary_line(report: Report, *, bold: bool = False) -> str:
    s = _summary(report)
    contradictions = _n(s["contradict"], "contradiction")
    if bold:
        contradictions = f"**{contradictions}**"
    return (
        f"{s['claims']} claims from {len(report.documents)} sources: "
        f"{contradictions}, {s['not_comparable']} not comparable, "
        f"{_n(s['agree'], 'agreement')}, {_n(s['unmatched'], 'unmatched claim')}."
    )


# -------------------------------------------------------------- Markdown

_BLOCK_START = re.compile(r"^(?:[#>+*=-]|\d+[.)](?=\s|$))")


def _md_inline(s: str) -> str:
    """Document text inside a Markdown line: HTML and link syntax neutralised, nothing else.

    Markdown punctuation inside a sentence (parentheses, hyphens, underscores,
    dots) renders as written and stays unescaped; ``<``, ``&`` and ``>`` are
    HTML entities, and brackets and backslashes are escaped so that no link
    or image can be injected. Line breaks become spaces.
    """
    out = " ".join(html.escape(s, quote=False).split())
    return out.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _md(s: str) -> str:
    """Document text as a Markdown paragraph: as :func:`_md_inline`, and a sentence
    that would open a heading, quote or list is escaped at its start."""
    out = _md_inline(s)
    m = _BLOCK_START.match(out)
    if m:
        out = m.group()[:-1] + "\\" + out[m.end() - 1 :]
    return out


def _md_cell(s: str) -> str:
    """Document text for a Markdown table cell: as :func:`_md_inline`, and ``|`` escaped."""
    return _md_inline(s).replace("|", "\\|")


def _md_source(source: str) -> str:
    label = _md_cell(source_label(source))
    url = _web_url(source)
    if url is None:
        return label
    href = quote(url.strip(), safe=":/?#@!$&'*+,;=%-._~").replace("'", "%27")
    return f"[{label}]({href})"


def to_markdown(report: Report) -> str:
    """The report as Markdown.

    Example:
        >>> import integfacts as ifx
        >>> a = ifx.Document("Hundreds of people fled in 2024.", source="a", lang="en")
        >>> b = ifx.Document("In 2024, 12 people fled.", source="b", lang="en")
        >>> print(ifx.reconcile([a, b]).to_markdown().splitlines()[-2])
        | a | Hundreds of | hundreds (200–999) | 2024 | **Hundreds of** people fled in 2024. |
    """
    lines = ["# integfacts report", "", _summary_line(report, bold=True), ""]
    for f in report.findings:
        lines += [
            f"## {_label(f)} — {_md(_title(f))}",
            "",
            _md(f.reason),
            "",
            "| source | figure | value | period | sentence |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_md_source(c.source)} | {_md_cell(c.text)} | {_md_cell(value_label(c))}"
            f" | {_md_cell(period_label(c))} | {_md_cell(_quote(c, mark=('**', '**')))} |"
            for c in f.claims
        ]
        lines.append("")
    if report.unmatched:
        lines += [
            f"## Claims no other source states ({len(report.unmatched)})",
            "",
            "| source | figure | value | metric | sentence |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_md_source(c.source)} | {_md_cell(c.text)} | {_md_cell(value_label(c))}"
            f" | {_md_cell(_metric_text(c))} | {_md_cell(_quote(c, mark=('**', '**')))} |"
            for c in report.unmatched
        ]
        lines.append("")
    return "\n".join(lines)


# -------------------------------------------------------------- terminal

_COLOUR = {"AGREE": "bold green", "CONTRADICT": "bold red"}
"""ANSI styles of the heading words; every other verdict (not comparable, update) is yellow."""

_TRAILING = re.compile(r"\s+((?:\x1b\[[0-9;]*m)*)$")
"""Padding at the end of a line, before any colour codes that close it."""

_HEAVY_BOX = 13
"""Columns a four-column rich table spends on borders and padding."""


def _longest_word(texts: Iterable[str]) -> int:
    return max((len(w) for t in texts for w in t.split()), default=0)


_CAPS = (SOURCE_WIDTH, 40, 28, 24)
"""The widest the source, figure, value and last columns grow."""

_COMFORTABLE = (28, 14, 12, 10)
"""Widths the columns shrink to first, before any goes down to its longest word."""


def _widths(width: int, claims: Sequence[Claim], last: Sequence[str]) -> tuple[int, ...] | None:
    """Widths of the source, figure, value and last columns, or ``None`` when too narrow.

    Each column starts at what its longest cell needs (capped); when the sum
    is too wide, every column gives up room in proportion to what it has
    above its floor: the longest word of its cells (the value's longest
    number, a source's host or file name), so that nothing is cut inside a word.
    """
    avail = width - _HEAVY_BOX
    sources = {c.source for c in claims}
    values = [value_label(c) for c in claims]
    figures = [" ".join(c.text.split()) for c in claims]
    need = [
        max([len(source_label(s, _CAPS[0])) for s in sources] + [6]),
        max([len(t) for t in figures] + [6]),
        max([len(v) for v in values] + [5]),
        max([len(t) for t in last] + [6]),
    ]
    src_word = max(
        [len(line) for s in sources for line in _wrap_source(source_label(s, 1), 1).split("\n")]
        + [0]
    )
    floor = [
        max(12, min(src_word, 24)),
        max(8, min(_longest_word(figures), 16)),
        max(5, _longest_word(values)),
        max(6, min(_longest_word(t.replace("_", "_ ") for t in last), 16)),
    ]
    w = [min(n, cap) for n, cap in zip(need, _CAPS, strict=True)]
    comfortable = [max(f, c) for f, c in zip(floor, _COMFORTABLE, strict=True)]
    figure_first = [w[0], comfortable[1], w[2], w[3]]
    # the figure (which wraps between words) gives up room first, then every column
    # down to a comfortable width, then down to its floor
    for level in (figure_first, comfortable, floor):
        lows = [min(f, x) for f, x in zip(level, w, strict=True)]
        excess = sum(w) - avail
        slack = [x - f for x, f in zip(w, lows, strict=True)]
        if excess <= 0 or not sum(slack):
            continue
        cut = [min(s, excess * s // sum(slack)) for s in slack]
        for i in sorted(range(4), key=lambda i: -slack[i]):  # the rounding remainder
            if sum(cut) < excess and cut[i] < slack[i]:
                cut[i] += 1
        w = [x - c for x, c in zip(w, cut, strict=True)]
    if sum(w) > avail:
        return None
    for i in (2, 1, 0, 3):  # room left: first to the columns their cap held back
        w[i] += max(0, min(need[i] - w[i], avail - sum(w)))
    w[1] += avail - sum(w)  # then to the figure: every table spans the width
    return tuple(w)


def _wrap_at(label: str, width: int, sep: str) -> str:
    """``label`` broken after ``sep`` into lines of at most ``width`` where it can be."""
    lines = []
    rest = label
    while len(rest) > width and " " not in rest and sep in rest[1:]:
        cut = (rest.rindex(sep, 1, width) if sep in rest[1:width] else rest.index(sep, 1)) + 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    return "\n".join([*lines, rest])


def _wrap_source(label: str, width: int) -> str:
    """A source label that fits ``width``: broken after a ``/`` rather than inside a word."""
    return _wrap_at(label, width, "/")


def to_text(report: Report, *, width: int = 110, color: bool = False) -> str:
    """The report as terminal tables no wider than ``width`` columns.

    Sources are shortened to fit (:func:`source_label`) and no word is cut
    unless it is longer than its column; a terminal too narrow for four
    columns gets one block per claim instead. Widths are display columns
    (a zero-width joiner takes none). With ``color=True`` the verdicts carry
    ANSI colours: AGREE green, CONTRADICT red, the others (NOT COMPARABLE,
    UPDATE) yellow.

    Raises:
        ValueError: ``width`` is below :data:`MIN_TEXT_WIDTH`.

    Example:
        >>> import integfacts as ifx
        >>> a = ifx.Document("Da Nang received 120 delegations in 2023.", source="a", lang="en")
        >>> b = ifx.Document("Da Nang received 150 delegations in 2023.", source="b", lang="en")
        >>> text = ifx.reconcile([a, b]).to_text(width=60)
        >>> max(len(line) for line in text.splitlines()) <= 60
        True
    """
    from rich.console import Console  # noqa: PLC0415 - only the terminal needs rich
    from rich.padding import Padding  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    if isinstance(width, bool) or not isinstance(width, int):
        raise TypeError(f"width must be an int, got {type(width).__name__}")
    if width < MIN_TEXT_WIDTH:
        raise ValueError(f"width must be at least {MIN_TEXT_WIDTH} columns, got {width}")
    console = Console(
        width=width,
        record=True,
        force_terminal=color,
        color_system="standard" if color else None,
        file=io.StringIO(),
        highlight=False,
        emoji=False,
        markup=False,
    )
    s = _summary(report)
    console.print(
        Text(
            f"{s['claims']} claims from {len(report.documents)} sources: "
            f"{_n(s['contradict'], 'contradiction')}, {s['not_comparable']} not comparable, "
            f"{_n(s['agree'], 'agreement')}, {s['unmatched']} unmatched"
        )
    )

    def table(
        title: Text,
        caption: str | None,
        claims: Sequence[Claim],
        last: tuple[str, Sequence[str]],
        widths: tuple[int, ...] | None,
    ) -> None:
        name, cells = last
        if widths is None:  # too narrow for columns: one block per claim
            console.print(title)
            for c, cell in zip(claims, cells, strict=True):
                label = source_label(c.source, min(width - 2, _CAPS[0]))
                console.print(Text(f"• {label}"), overflow="fold")
                line = f"{' '.join(c.text.split())} = {value_label(c)}"
                line += f" · {cell}" if cell else ""
                console.print(Padding(Text(line, overflow="fold"), (0, 0, 0, 2)))
            if caption:
                console.print(Text(caption), overflow="fold")
            return
        t = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
        for col, w in zip(("source", "figure", "value", name), widths, strict=True):
            t.add_column(
                col, width=w, overflow="fold", justify="right" if col == "value" else "left"
            )
        for c, cell in zip(claims, cells, strict=True):
            t.add_row(
                _wrap_source(source_label(c.source, widths[0]), widths[0]),
                " ".join(c.text.split()),
                value_label(c),
                _wrap_at(cell, widths[3], "_"),
            )
        console.print(t)

    claims = [c for f in report.findings for c in f.claims]
    periods = [period_label(c) for c in claims]
    widths = _widths(width, claims, periods)
    for f in report.findings:
        heading = Text.assemble(
            (_label(f), _COLOUR.get(_label(f), "bold yellow") if color else ""),
            f": {_title(f)}",
        )
        table(heading, f.reason, f.claims, ("period", [period_label(c) for c in f.claims]), widths)
    if report.unmatched:
        title = Text(f"Claims no other source states ({len(report.unmatched)})")
        metrics = [_metric_text(c) for c in report.unmatched]
        widths = _widths(width, report.unmatched, metrics)
        table(title, None, report.unmatched, ("metric", metrics), widths)
    text = console.export_text(styles=color)
    return "\n".join(_TRAILING.sub(r"\1", line) for line in text.splitlines()) + "\n"


# ------------------------------------------------------------------ HTML


def _highlight(c: Claim) -> str:
    """The claim's sentence with the figure marked, every piece escaped."""
    if c.sentence is None or not c.context:
        return f"<mark>{html.escape(c.text)}</mark>"
    a = c.span.start - c.sentence.start
    b = c.span.end - c.sentence.start
    if not (0 <= a <= b <= len(c.context)):
        return f"<mark>{html.escape(c.text)}</mark>"
    ctx = c.context
    return (
        html.escape(ctx[:a]) + "<mark>" + html.escape(ctx[a:b]) + "</mark>" + html.escape(ctx[b:])
    )


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0 0 6px;font-size:22px}
main{padding:18px 28px;max-width:1200px}
[hidden]{display:none!important}
.summary span{display:inline-block;margin-right:14px;padding:3px 10px;border-radius:12px;
background:#ffffff22}
.filters{margin:0 0 16px;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
.filters label{font-size:13px;color:#555}select{margin-left:4px;padding:3px}
#f-count{font-size:13px;color:#555}
.finding,#unmatched{background:#fff;border-radius:8px;margin:0 0 14px;padding:12px 16px;
box-shadow:0 1px 3px #0002;border-left:6px solid #999}
.finding.contradict{border-color:#c62828}.finding.not_comparable{border-color:#ef8f00}
.finding.agree{border-color:#2e7d32}
.verdict{font-weight:700;font-size:12px;letter-spacing:.05em;padding:2px 8px;border-radius:4px;
color:#fff;background:#999}
.contradict .verdict{background:#c62828}.not_comparable .verdict{background:#ef8f00}
.agree .verdict{background:#2e7d32}
h2{font-size:17px;margin:6px 0}.reason{margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px}
td,th{border-top:1px solid #e3e5ea;padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:#666;font-weight:600}td.val{white-space:nowrap;text-align:right}
mark{background:#ffe082;padding:0 2px;border-radius:2px}
.src{font-size:12px;color:#555;overflow-wrap:break-word;max-width:260px}
td.per{white-space:nowrap}
.src a{color:#1a56a8}
[dir=auto]{unicode-bidi:plaintext}
"""

_JS = """
(function(){
var ids={verdict:'f-verdict',lang:'f-lang',metric:'f-metric',source:'f-source'};
function val(k){return document.getElementById(ids[k]).value;}
function has(el,name,v){
  if(!v)return true;
  try{return JSON.parse(el.getAttribute(name)||'[]').indexOf(v)>=0;}catch(e){return false;}
}
function apply(){
  var v=val('verdict'),l=val('lang'),m=val('metric'),s=val('source'),n=0;
  document.querySelectorAll('[data-verdict]').forEach(function(el){
    var ok=(!v||el.getAttribute('data-verdict')===v)&&(!m||el.getAttribute('data-metric')===m)&&
      has(el,'data-sources',s)&&has(el,'data-langs',l);
    el.hidden=!ok;if(ok)n++;
  });
  var u=document.getElementById('unmatched');
  if(u)u.hidden=!u.querySelector('tr[data-verdict]:not([hidden])');
  document.getElementById('f-count').textContent=n+' shown';
  var q=[];
  for(var k in ids){var x=val(k);if(x)q.push(k+'='+encodeURIComponent(x));}
  try{history.replaceState(null,'',q.length?'#'+q.join('&'):location.pathname+location.search);}
  catch(e){}
}
location.hash.replace(/^#/,'').split('&').forEach(function(p){
  var i=p.indexOf('='),k=p.slice(0,i),x;
  if(i<0||!ids.hasOwnProperty(k))return;
  try{x=decodeURIComponent(p.slice(i+1));}catch(e){return;}
  var sel=document.getElementById(ids[k]);
  for(var j=0;j<sel.options.length;j++)if(sel.options[j].value===x)sel.value=x;
});
document.querySelectorAll('.filters select').forEach(function(e){
  e.addEventListener('change',apply);});
apply();
})();
"""


def _options(values: Iterable[str], label: str, names: dict[str, str] | None = None) -> str:
    names = names or {}
    opts = "".join(
        f'<option value="{html.escape(v, quote=True)}">{html.escape(names.get(v, v))}</option>'
        for v in values
    )
    return f'<option value="">all {label}</option>{opts}'


def _attr_list(values: Iterable[str]) -> str:
    """A JSON list for a data attribute, escaped."""
    return html.escape(json.dumps(sorted(set(values)), ensure_ascii=False), quote=True)


def _source_cell(source: str) -> str:
    label = html.escape(source_label(source))
    title = html.escape(source, quote=True)
    url = _web_url(source)
    if url is not None:
        label = (
            f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer nofollow">'
            f"{label}</a>"
        )
    return f'<td class="src" dir="auto" title="{title}">{label}</td>'


def _claim_row(c: Claim, last: str, css: str, attrs: str = "") -> str:
    lang = f' lang="{html.escape(c.lang, quote=True)}"' if c.lang else ""
    return (
        f"<tr{attrs}>{_source_cell(c.source)}"
        f'<td class="val">{html.escape(value_label(c))}</td>'
        f'<td class="{css}" dir="auto">{html.escape(last)}</td>'
        f'<td dir="auto"{lang}>{_highlight(c)}</td></tr>'
    )


_VERDICT_NAMES = {
    "contradict": "contradict",
    "not_comparable": "not comparable",
    "agree": "agree",
    "unmatched": "stated by one source",
}


def to_html(report: Report) -> str:
    """One self-contained HTML page: summary, contradictions first, filters.

    Nothing is loaded from the network (no external CSS, fonts or scripts),
    and every piece of document text is escaped. A source that is an http(s)
    URL is a link. The filters (verdict, language, metric, source) apply to
    every table, the claims no other source states included; they can be
    preset in the address (``report.html#verdict=contradict&lang=fa``).
    """
    s = _summary(report)
    claims = [*[c for f in report.findings for c in f.claims], *report.unmatched]
    metrics = sorted(
        {c.metric for c in claims if c.metric} | {f.metric for f in report.findings if f.metric}
    )
    sources = sorted({c.source for c in claims})
    langs = sorted({c.lang for c in claims if c.lang})
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        "<title>integfacts report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>integfacts report</h1><div class=summary>",
        f"<span>{s['claims']} claims</span><span>{len(report.documents)} sources</span>",
        f"<span>{_n(s['contradict'], 'contradiction')}</span>",
        f"<span>{s['not_comparable']} not comparable</span>",
        f"<span>{_n(s['agree'], 'agreement')}</span><span>{s['unmatched']} unmatched</span>",
        "</div></header><main>",
        '<div class="filters">',
        '<label>Verdict<select id="f-verdict">'
        f"{_options(_VERDICT_NAMES, 'verdicts', _VERDICT_NAMES)}</select></label>",
        f'<label>Language<select id="f-lang">{_options(langs, "languages")}</select></label>',
        f'<label>Metric<select id="f-metric">{_options(metrics, "metrics")}</select></label>',
        '<label>Source<select id="f-source">'
        f"{_options(sources, 'sources', {src: source_label(src, 48) for src in sources})}"
        "</select></label>",
        '<span id="f-count"></span>',
        "</div>",
    ]
    for f in report.findings:
        v = f.verdict.value
        parts.append(
            f'<section class="finding {v}" data-verdict="{v}" '
            f'data-metric="{html.escape(f.metric or "", quote=True)}" '
            f'data-sources="{_attr_list(f.sources)}" '
            f'data-langs="{_attr_list(c.lang for c in f.claims)}">'
        )
        subject = f" — {html.escape(f.subject)}" if f.subject else ""
        title = _metric_title(f)
        parts.append(
            f'<span class="verdict">{_label(f)}</span>'
            f"<h2>{html.escape(title)}{subject}</h2>"
            f'<p class="reason">{html.escape(f.reason)}</p>'
        )
        if f.majority is not None:
            unit = _unit(f.claims[0].quantity.unit)
            parts.append(
                "<p>Most independent sources support "
                f"{html.escape(format_number(f.majority) + unit)}.</p>"
            )
        parts.append(
            "<table><tr><th>source</th><th>value</th><th>period</th><th>in its sentence</th></tr>"
        )
        parts.extend(_claim_row(c, period_label(c), "per") for c in f.claims)
        parts.append("</table></section>")
    if report.unmatched:
        parts.append(
            f'<section id="unmatched"><h2>Claims no other source states'
            f" ({len(report.unmatched)})</h2><table>"
            "<tr><th>source</th><th>value</th><th>metric</th><th>in its sentence</th></tr>"
        )
        for c in report.unmatched:
            attrs = (
                f' data-verdict="unmatched" data-metric="{html.escape(c.metric or "", quote=True)}"'
                f' data-sources="{_attr_list([c.source])}"'
                f' data-langs="{_attr_list([c.lang] if c.lang else [])}"'
            )
            parts.append(_claim_row(c, _metric_text(c), "metric", attrs))
        parts.append("</table></section>")
    parts.append(f"</main><script>{_JS}</script></body></html>")
    return "\n".join(parts)


# ----------------------------------------------------------- ClaimReview

_RATING = {
    Verdict.AGREE: (5, "Consistent with the other sources"),
    Verdict.NOT_COMPARABLE: (3, "Not comparable as stated"),
}


def _supports(q: Quantity, v: Decimal) -> bool:
    """Whether the interval a quantity commits to holds ``v``."""
    return (q.low is None or q.low <= v) and (q.high is None or v <= q.high)


def _rating(f: Finding, c: Claim) -> tuple[int, str]:
    if f.verdict is not Verdict.CONTRADICT:
        return _RATING[f.verdict]
    if f.majority is None:
        return 1, "Contradicted by another source"
    if _supports(c.quantity, f.majority):
        return 4, "Most independent sources agree with it"
    return 1, "Contradicted by most independent sources"


def _appearance(source: str) -> dict[str, str]:
    url = _web_url(source)
    if url is not None:
        return {"@type": "CreativeWork", "url": url.strip()}
    return {"@type": "CreativeWork", "name": source}


def to_claimreview(report: Report) -> list[dict[str, Any]]:
    """Each claim of each finding as a schema.org ``ClaimReview`` (JSON-LD).

    A review names one claim (its sentence, where it appeared, its language)
    and rates that claim: 5 consistent with the other sources, 3 not
    comparable as stated, 1 contradicted by another source (or by most
    independent sources), 4 when sources contradict each other and most of
    them support it. The numeric details live under ``"integfacts"``: the
    claim reviewed and its finding (values, units, intervals, spans and the
    rule applied).
    """
    out = []
    for f in report.findings:
        for c in f.claims:
            rating, alt = _rating(f, c)
            item: dict[str, Any] = {"@type": "Claim", "appearance": [_appearance(c.source)]}
            if c.lang:
                item["inLanguage"] = c.lang
            out.append(
                {
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "claimReviewed": " ".join((c.context or c.text).split()),
                    "reviewBody": f.reason,
                    "reviewRating": {
                        "@type": "Rating",
                        "ratingValue": rating,
                        "bestRating": 5,
                        "worstRating": 1,
                        "alternateName": alt,
                    },
                    "itemReviewed": item,
                    "author": {"@type": "Organization", "name": "integfacts"},
                    "integfacts": {"claim": claim_dict(c), "finding": _finding_dict(f)},
                }
            )
    return out
