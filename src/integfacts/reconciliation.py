"""Reconciliation: which sources agree, which contradict, and why.

The pipeline is claims -> blocks -> pairs -> groups -> findings:

1. **Blocking.** Each claim gets a key: the figure's dimension (money,
   percent, count, rank, ratio), the metric (a concept key shared across
   languages, or, for phrases the vocabulary does not know, a cluster of
   similar phrases within one language found with RapidFuzz) and the subject.
   Only claims with the same key are ever compared, so the work grows with
   the block sizes, never with the square of the number of claims.
2. **Pairing.** Within a block, claims of different independent sources are
   paired one to one, best match first (same period, closest value).
3. **Comparison.** Each group of paired claims gets a verdict from its
   intervals (qualifier and stated precision), periods, currencies and
   level/change status, plus a diagnosis (scale slip, transposition ...)
   and one plain sentence of reason.

Example:
    >>> import integfacts as ifx
    >>> a = ifx.Document("Da Nang received more than 3,000 delegations.", source="a", lang="en")
    >>> b = ifx.Document("Da Nang menerima lebih dari 3.000 delegasi.", source="b", lang="id")
    >>> [f.verdict.value for f in reconcile([a, b]).findings]
    ['agree']
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import datetime
import functools
import gc
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any, NamedTuple

from integfacts.model import (
    Claim,
    ClaimKind,
    Diagnosis,
    Document,
    Finding,
    Period,
    PeriodSource,
    Qualifier,
    Quantity,
    Report,
    Verdict,
    short_source,
)
from integfacts.units import unit_label

if TYPE_CHECKING:
    from integfacts.extraction import ConceptsArg

__all__ = ["compare", "reconcile"]

_FIXED_RATES = {"IRT": ("IRR", Decimal(10))}
"""Units tied by law, not by a market: one toman is ten Iranian rials."""


def _in_base(q: Quantity) -> tuple[str | None, Decimal]:
    """A quantity's unit and value in the unit it is tied to by law (toman in rials)."""
    tied = _FIXED_RATES.get(q.unit or "")
    return (tied[0], q.value * tied[1]) if tied else (q.unit, q.value)


def _with_fixed_rates(rates: Mapping[str, Decimal] | None) -> Mapping[str, Decimal] | None:
    """``rates`` completed with the fixed ratios (toman and rial compare without a rate)."""
    out = dict(rates) if rates is not None else {}
    for unit, (base, factor) in _FIXED_RATES.items():
        if unit in out and base not in out:
            out[base] = out[unit] / factor
        elif base in out and unit not in out:
            out[unit] = out[base] * factor
        elif not out or rates is None:
            out.setdefault(base, Decimal(1))
            out.setdefault(unit, factor)
    return out


_FUZZY_CUTOFF = 85.0
_MAX_BLOCK = 1000
"""Fuzzy phrase scoring runs within blocks of at most this many distinct phrases."""
_LIST_MAX = 5
"""A sentence names at most this many sources, or values, then says how many more."""
_DIFF_METRIC_MIN = Decimal(100)  # same-value-different-metric only for values this distinctive


class _Interval(NamedTuple):
    lo: Decimal | None
    lo_open: bool
    hi: Decimal | None
    hi_open: bool


DEFAULT_OPEN_SLACK = Decimal("0.25")
"""How far past its bound an open-ended figure is read when comparing: "more than
3,000" is compared as (3000, 3750]. Writers round down to a round number;
nobody writes "more than 1.07 billion" for 10.9 billion."""


def _interval(
    q: Quantity, rate: Decimal = Decimal(1), slack: Decimal = DEFAULT_OPEN_SLACK
) -> _Interval:
    lo, hi = q.low, q.high
    if hi is None and q.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        hi = (q.upper or q.value) * (1 + slack)
    if lo is None and q.qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        lo = q.value * (1 - slack)
    if rate != 1:
        lo = lo * rate if lo is not None else None
        hi = hi * rate if hi is not None else None
    return _Interval(
        lo,
        q.qualifier is Qualifier.MORE_THAN,
        hi,
        # a rounded figure commits to [v - step/2, v + step/2): 17.55 is written 17.6,
        # so "17.5 million" and "17.6 million" do not meet
        q.qualifier in (Qualifier.LESS_THAN, Qualifier.NEARLY)
        or (q.qualifier is Qualifier.EXACT and q.step > 0),
    )


def _overlap(a: _Interval, b: _Interval) -> bool:
    return not _below(a.hi, a.hi_open, b.lo, b.lo_open) and not _below(
        b.hi, b.hi_open, a.lo, a.lo_open
    )


# ------------------------------------------------------------------- blocking


_DIMENSION = {k: str(k.value) for k in ClaimKind}
"""A claim's unit dimension: its kind (money, percent, count, rank, ratio)."""


def _dimension(c: Claim) -> str:
    return _DIMENSION[c.kind]


def _phrase_key(c: Claim) -> str:
    return " ".join(c.metric_phrase.casefold().split()[:3])


def loose_group(c: Claim) -> tuple[str, str, str] | None:
    """For a claim without a concept key: the group its phrase is clustered in."""
    return None if c.metric else (_dimension(c), _subject_key(c), c.lang)


def phrase_clusters(
    phrases: Mapping[tuple[str, str, str], Iterable[str]], cutoff: float
) -> dict[tuple[str, str, str], dict[str, str]]:
    """Per loose group, each phrase's cluster representative (RapidFuzz ratio >= cutoff)."""
    return {g: _cluster_phrases(tuple(sorted(set(ps))), cutoff) for g, ps in phrases.items()}


@functools.cache
def _roots() -> dict[str, str]:
    from integfacts.concepts import builtin  # noqa: PLC0415 - loaded on first use

    lex = builtin()
    return {k: lex.root(k) for k in lex.concept_keys() if lex.root(k) != k}


def _metric_key(metric: str) -> str:
    """The concept a metric is compared as: its broadest kind (``dengue_cases`` -> ``cases``)."""
    return _roots().get(metric, metric)


def _subject_key(c: Claim) -> str:
    """The subject a block is keyed by: a place's country (places nest within it)."""
    if c.place is not None:
        from integfacts.gazetteer import country_of  # noqa: PLC0415 - only for placed claims

        return country_of(c.place)
    return c.subject or ""


def _subject_classes(block: Sequence[Claim]) -> list[tuple[str, list[Claim]]]:
    """Split a block (one country) by subject: (subject shown, claims).

    A province a figure's own sentence names (or a city, as its province) is
    its own class; a figure whose place is only the document's main place joins the
    innermost such class holding its place, else the country's. So the
    national figure never meets a province's, while "6.1" said of Iran in
    one story meets "۶٫۱" said of Kerman, the main place of another.
    """
    placed = [c for c in block if c.place is not None]
    if not placed:
        return [(block[0].subject or "" if block else "", list(block))]
    from integfacts.gazetteer import ancestors, country_of, display_name, place  # noqa: PLC0415

    chains: dict[str, tuple[str, ...]] = {}

    def anc(pid: str) -> tuple[str, ...]:
        """:func:`ancestors`, once per place of the block (in a dict: 10^5 claims make
        21,000 blocks, and a functools.cache per block showed in the profile)."""
        got = chains.get(pid)
        if got is None:
            got = chains[pid] = ancestors(pid)
        return got

    def level(pid: str) -> str:
        """A city counts as its province (news compares provinces, not towns in them)."""
        p = place(pid)
        return p.parent if p.level == "city" and p.parent != p.country and p.parent else pid

    named = {
        level(c.place)
        for c in placed
        if c.subject_stated and c.place is not None and c.place != country_of(c.place)
    }
    classes: dict[str, list[Claim]] = defaultdict(list)
    wide: list[Claim] = []  # unstated, about a place wider than some named class
    for c in block:
        if c.place is None:
            classes[c.subject or ""].append(c)
        elif c.subject_stated and level(c.place) in named:
            classes[level(c.place)].append(c)
        else:
            inner = next((a for a in anc(c.place) if a in named), None) if named else None
            if inner is None and not c.subject_stated:
                wide.append(c)
            else:
                classes[inner or country_of(c.place)].append(c)
    national = {k: list(v) for k, v in classes.items()}
    holds_named: dict[str, bool] = {}  # per place: does a named class lie inside it?
    for c in wide:
        here = c.place
        assert here is not None  # only placed figures are wide
        if here not in holds_named:
            holds_named[here] = any(here in anc(n) for n in named)
        own = country_of(here)
        if not holds_named[here]:  # no named class to join: it stays its country's
            classes[own].append(c)
            continue
        peers = national.get(own, [])
        classes[_nearest_class(c, named, national, peers, anc)].append(c)
    out = []
    for k in sorted(classes):
        members = classes[k]
        shown = display_name(k) if any(c.place is not None for c in members) else k
        out.append((shown, members))
    return out


def _nearest_class(
    c: Claim,
    named: AbstractSet[str],
    classes: Mapping[str, Sequence[Claim]],
    peers: Sequence[Claim],
    ancestors: Callable[[str], tuple[str, ...]],
) -> str:
    """The class a figure whose place is only its document's wide main place joins.

    Its document says only "Vietnam" (or the place is the story's, not the
    sentence's); a province some other source names inside that place may be
    what the figure is about. It joins the named class inside its place that
    states the closest value (within a tenth, periods not disjoint) when no
    figure said of its country (``peers``) is as close; else it stays in its
    country's class: a national figure stays national unless a province alone
    says about as much. Figures of one value move together, whatever the order.
    """
    assert c.place is not None
    here = c.place
    best: tuple[Decimal, str] | None = None
    unit, v = _in_base(c.quantity)
    v = abs(v)
    key = _claim_key(c)
    for n in sorted(named):
        if here not in ancestors(n):
            continue
        for m in classes.get(n, ()):
            if not m.subject_stated or m.source == c.source:
                continue
            m_unit, w = _in_base(m.quantity)
            if m_unit != unit:
                continue
            w = abs(w)
            lo, hi = min(v, w), max(v, w)
            if hi > lo * _CLOSE or _key_relation(key, _claim_key(m)) == "disjoint":
                continue
            d = (hi - lo) / max(hi, _ONE)
            if best is None or (d, n) < best:
                best = (d, n)
    from integfacts.gazetteer import country_of  # noqa: PLC0415

    if best is None or best[0] > _NEAR_SHARE:
        return country_of(here)
    for m in peers:
        if m.source == c.source or not m.subject_stated:
            continue
        m_unit, w = _in_base(m.quantity)
        if m_unit != unit:
            continue
        w = abs(w)
        lo, hi = min(v, w), max(v, w)
        if (hi - lo) / max(hi, _ONE) <= best[0] and _key_relation(key, _claim_key(m)) != "disjoint":
            return country_of(here)
    return best[1]


_NEAR_SHARE = Decimal("0.1")
"""How close (relative) a wide-place figure must be to a province's to be read as about it."""


def block_key(
    c: Claim, clusters: Mapping[tuple[str, str, str], Mapping[str, str]]
) -> tuple[str, str, str]:
    """(dimension, metric key or phrase cluster, subject): claims compared only within it."""
    dim, subj = _dimension(c), _subject_key(c)
    if c.metric:
        return (dim, _metric_key(c.metric), subj)
    p = _phrase_key(c)
    if not p:
        # nothing says what the figure measures: it meets no other claim
        return (dim, f"~{c.lang}:#{c.source}:{c.span.start}", subj)
    rep = clusters[(dim, subj, c.lang)][p]
    return (dim, f"~{c.lang}:{rep}", subj)


def phrase_of(c: Claim) -> str:
    """The phrase a claim without concept key is clustered by."""
    return _phrase_key(c)


def _block_keys(claims: Sequence[Claim], cutoff: float) -> list[tuple[str, str, str]]:
    """(dimension, metric key, subject) per claim; unknown metrics fuzzy-clustered."""
    phrases: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        g = loose_group(c)
        if g is not None:
            phrases[g].add(_phrase_key(c))
    clusters = phrase_clusters(phrases, cutoff)
    dim = _DIMENSION
    return [
        (dim[c.kind], _metric_key(c.metric), _subject_key(c))
        if c.metric
        else block_key(c, clusters)
        for c in claims
    ]


def _phrase_blocks(phrases: Sequence[str]) -> list[tuple[str, ...]]:
    """Sorted phrases cut into blocks of at most :data:`_MAX_BLOCK` for fuzzy scoring.

    Up to that many, one block. Beyond, phrases are blocked by their first
    word (a typo in the first word then hides a match: the price of bounded
    work), and a first word with more phrases than that is cut into runs of
    consecutive phrases in sorted order.
    """
    if len(phrases) <= _MAX_BLOCK:
        return [tuple(phrases)]
    by_first: dict[str, list[str]] = defaultdict(list)
    for p in phrases:
        by_first[p.split(" ", 1)[0]].append(p)
    out: list[tuple[str, ...]] = []
    for first in sorted(by_first):
        ps = by_first[first]
        out.extend(tuple(ps[k : k + _MAX_BLOCK]) for k in range(0, len(ps), _MAX_BLOCK))
    return out


@functools.lru_cache(maxsize=256)
def _cluster_phrases(phrases: tuple[str, ...], cutoff: float) -> dict[str, str]:
    """Group similar phrases (RapidFuzz ratio >= cutoff); each maps to its group's first.

    ``phrases`` are sorted; scoring happens only within blocks of at most
    :data:`_MAX_BLOCK` phrases (see :func:`_phrase_blocks`).
    """
    if len(phrases) <= 1:
        return {p: p for p in phrases}
    if len(phrases) > _MAX_BLOCK:
        out: dict[str, str] = {}
        for block in _phrase_blocks(phrases):
            out.update(_cluster_phrases(block, cutoff))
        return out
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - loaded when first needed

    parent = list(range(len(phrases)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # process.extract needs no numpy (cdist does); each phrase against the others
    for a, phrase in enumerate(phrases):
        for _choice, _score, b in process.extract(
            phrase, phrases, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            ra, rb = find(a), find(int(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {p: phrases[find(i)] for i, p in enumerate(phrases)}


# --------------------------------------------------------- independent sources


def _source_groups(claims: Sequence[Claim], docs: Sequence[Document]) -> dict[str, str]:
    """source -> representative: copies and translations of one story count once.

    Two sources are one when a document names the other's source line
    (``Sumber:``/``Source:``/``منبع:`` with the same URL), or when their claim
    sets are near-identical (3+ claims, Jaccard >= 0.8 on metric and value).
    """
    return _source_groups_from(
        sorted({c.source for c in claims}), _claim_sets(claims), _citations(docs)
    )


def _claim_sets(claims: Iterable[Claim]) -> dict[str, set[tuple[str, str]]]:
    sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in claims:
        if c.metric:
            sets[c.source].add((c.metric, str(c.quantity.value)))
    return sets


def _citations(docs: Iterable[Document]) -> list[tuple[str, str]]:
    """(document source, cited source URL) for every source line of every document."""
    return [
        (d.source, found.rstrip(".,;)")) for d in docs for found in _SOURCE_LINE.findall(d.text)
    ]


_MAX_SHARED = 32  # an item stated by more sources than this says nothing about copying


def _source_groups_from(
    sources: Sequence[str],
    sets: Mapping[str, set[tuple[str, str]]],
    citations: Iterable[tuple[str, str]],
) -> dict[str, str]:
    parent = {s: s for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_url: dict[str, set[str]] = defaultdict(set)
    for src, url in citations:
        if src in parent:
            by_url[url].add(src)
    for url, srcs in by_url.items():
        members = sorted(srcs | ({url} if url in parent else set()))
        for other in members[1:]:
            union(members[0], other)
    # near-identical claim sets: Jaccard >= 0.8, counting in the intersection
    # only items no more than _MAX_SHARED sources state (a common item says
    # nothing about copying). Candidate pairs come from prefix filtering: with
    # each set's distinctive items in one global order (rarest first), two
    # sets sharing at least o items share one among the first |set| - o + 1 of
    # each, and o >= 80% of the larger set. Exact, without counting every pair
    # of sources that share some item.
    eligible = [src for src in sources if len(sets.get(src, ())) >= 3]
    count: collections.Counter[tuple[str, str]] = collections.Counter()
    for src in eligible:
        count.update(sets[src])
    rare: dict[str, set[tuple[str, str]]] = {}
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for src in eligible:
        # (count, item), rarest first: one count lookup per item
        own = sorted((n, i) for i in sets[src] if (n := count[i]) <= _MAX_SHARED)
        rare[src] = {i for _, i in own}
        need = (4 * len(sets[src]) + 4) // 5  # ceil(0.8 * |set|): the overlap it needs
        for _, item in own[: len(own) - need + 1]:
            index[item].append(src)
    candidates: set[tuple[str, str]] = set()
    for holding in index.values():
        candidates.update(itertools.combinations(sorted(holding), 2))
    for a, b in sorted(candidates):
        inter = len(rare[a] & rare[b])
        if inter and inter / len(sets[a] | sets[b]) >= 0.8:
            union(a, b)
    return {s: find(s) for s in sources}


_SOURCE_LINE = re.compile(r"(?m)^\s*(?:Sumber|Source|Nguồn|منبع)\s*:\s*(\S+)")


# ------------------------------------------------------------------ comparing


class _Cmp(NamedTuple):
    verdict: Verdict
    diagnosis: Diagnosis
    reason: str


def _fmt(v: Decimal) -> str:
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return str(f"{v.normalize():,f}")


def _say(c: Claim) -> str:
    q = c.quantity
    words = {
        Qualifier.MORE_THAN: "more than ",
        Qualifier.AT_LEAST: "at least ",
        Qualifier.ABOUT: "about ",
        Qualifier.NEARLY: "nearly ",
        Qualifier.LESS_THAN: "less than ",
        Qualifier.AT_MOST: "at most ",
        Qualifier.MULTIPLES: "",
    }
    if q.qualifier is Qualifier.MULTIPLES:
        body = {"100": "hundreds", "1,000": "thousands", "10": "dozens"}.get(
            _fmt(q.value), f"multiples of {_fmt(q.value)}"
        )
        return f"{body} (“{c.text}”)"
    unit = unit_label(q.unit)
    rng = f"–{_fmt(q.upper)}" if q.upper is not None else ""
    return f"{words.get(q.qualifier, '')}{_fmt(q.value)}{rng}{unit}"


def _period_text(p: Period | None) -> str:
    return "unstated" if p is None else p.label


def _when(c: Claim) -> str:
    """The period a claim states, else the day it was stated true ("as of 2025-09-15")."""
    if c.as_of is not None and (c.period is None or c.period.start == c.period.end):
        return f"as of {c.as_of.isoformat()}"
    return _period_text(c.period)


PeriodKey = (
    tuple[datetime.date | None, datetime.date | None, datetime.date | None, datetime.date | None]
    | None
)
"""(start, end, as of, reported) of a claim's time: the period it states (and the day it
was reported, for revisions), else the day it was stated true (with the start of a
running tally: "since January"); ``None`` when neither is known."""

_REVISED_DAYS = 30
"""One period's figure reported this many days later than another is a revision."""

_NESTED = Decimal("1.3")
"""A period inside one at least this many times longer is a different fact (October
inside January-October, nine months inside the year), not the same figure stated for
a slightly different span (2021-2025 inside 2020-2025)."""

_YEAR_DAYS = 360
"""Periods shorter than this (sub-year) that differ are different facts."""

_ASOF_DAYS = 92
"""Figures stated as of days further apart than this are about different times;
closer, the later one may update the earlier (running tallies)."""


_LONG_AGO = datetime.date(1, 1, 1)
"""The report day given to a superseded figure (an earlier estimate): before every other."""

_TALLY_DAYS = 7
"""A year-to-date period ending more than this many days before the day another figure
was stated true is an earlier tally than that figure."""

_GONE_DAYS = 31
"""A sub-year period that ended more than this many days before the day another figure
was stated true is not that figure's period."""


def _period_key(p: Period | None) -> PeriodKey:
    if p is None or (p.start is None and p.end is None):
        return None
    return (p.start, p.end, None, None)


def _claim_key(c: Claim) -> PeriodKey:
    """The time key of a claim: its stated period and the day it was reported, else its
    as-of day."""
    p, day = c.period, c.as_of
    if c.superseded:
        day = _LONG_AGO  # an earlier estimate: reported before any figure that replaced it
    elif (
        c.period_source is PeriodSource.EXPLICIT
        and p is not None
        and p.start is not None
        and p.end is not None
        and p.start < p.end
        and day is not None
        and day < p.end
        and p.end - p.start < datetime.timedelta(days=_YEAR_DAYS)
    ):
        # "about 17.1 million in the first ten months", reported on 30 October: stated
        # before its period ended, an estimate the outturn reported later revises
        day = _LONG_AGO
    if (
        c.period_source is PeriodSource.INHERITED
        and p is not None
        and p.start is not None
        and p.end is not None
        and p.start.year == p.end.year
        and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
    ):
        # a single year borrowed from an earlier sentence ("built in 1994", "the
        # 2025 election") says little about this figure: only as sure as the report's day
        p = None
    if p is not None and p.start is not None and p.start == p.end:
        return (None, None, p.start, None)  # a figure stated for one day: true as of that day
    if (
        p is not None
        and p.start is not None
        and p.end is not None
        and p.end == day
        and p.start.year == day.year
    ):
        # "since the start of the year", "sejak Januari": a running tally from its
        # start to the day it was reported, as of that day (not "the past five years")
        return (p.start, None, day, None)
    if p is not None and p.start is None and p.end is not None:
        if (p.end.month, p.end.day) != (12, 31):
            return (None, None, p.end, None)  # "to date": a running tally as of that day
        if day is not None and day.year == p.end.year:
            return (None, None, day, None)  # "so far this year", reported that year
    if p is not None and (p.start is not None or p.end is not None):
        return (p.start, p.end, None, day)
    if day is not None:
        return (None, None, day, None)
    return None


@functools.lru_cache(maxsize=65536)
def _key_relation(a: PeriodKey, b: PeriodKey) -> str:
    """equal / overlap / asof / disjoint / unknown, for two time keys (cached: few distinct).

    ``asof``: two figures stated true on different days not far apart (a later
    figure may update an earlier one).
    """
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "equal"
    sa, ea, xa, ra = a
    sb, eb, xb, rb = b
    if xa is not None and xb is not None:
        return "disjoint" if abs((xa - xb).days) > _ASOF_DAYS else "asof"
    if xa is not None or xb is not None:
        # a stated period against a figure read as of a day: apart only when the
        # period ended long before that day or begins after it
        x = xa if xa is not None else xb
        s, e = (sb, eb) if xa is not None else (sa, ea)
        assert x is not None
        since = sa if xa is not None else sb
        if since is not None and s is not None and s != since:
            # a tally since January against a week's or a month's count: other facts
            return "disjoint"
        # a month or a quarter that ended weeks before the day the other figure
        # was stated true is an earlier period (the previous month's inflation),
        # a longer one only after months
        short = s is not None and e is not None and (e - s).days < _YEAR_DAYS
        gone = _GONE_DAYS if short else _ASOF_DAYS
        if (e is not None and (x - e).days > gone) or (s is not None and s > x):
            return "disjoint"
        if (
            s is not None
            and e is not None
            and (s.month, s.day) == (1, 1)
            and s.year == e.year
            and (x - e).days > _TALLY_DAYS
        ):
            # "January-September" is a tally to the end of September: a figure
            # stated true weeks later is a later tally (an update), not the same
            return "asof"
        return "unknown"
    if (sa, ea) == (sb, eb):
        # one period reported a month or more apart: the later report revises it
        late = ra is not None and rb is not None and abs((ra - rb).days) > _REVISED_DAYS
        return "asof" if late else "equal"
    lo = max((d for d in (sa, sb) if d is not None), default=datetime.date.min)
    hi = min((d for d in (ea, eb) if d is not None), default=datetime.date.max)
    if lo > hi:
        return "disjoint"
    if sa and sb and ea and eb:
        la, lb = (ea - sa).days + 1, (eb - sb).days + 1
        inside = (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb)
        if inside and max(la, lb) >= _NESTED * min(la, lb):
            return "disjoint"  # a month inside ten months, a quarter inside a year: other facts
    # open-ended "to date" against a closed range ending in the same year: same span
    if ea and eb and ea.year == eb.year and (sa is None or sb is None):
        return "equal"
    if (
        sa
        and sb
        and ea
        and eb
        and (sa.year, sa.month) == (sb.year, sb.month)
        and (ea.year, ea.month) == (eb.year, eb.month)
    ):
        return "equal"  # the same months: "January-September" and "the first nine months"
    if sa and sb and ea and eb and (ea - sa).days < _YEAR_DAYS and (eb - sb).days < _YEAR_DAYS:
        return "disjoint"  # nine months and ten months of one year: two running totals
    return "overlap"


@functools.lru_cache(maxsize=4096)
def _key_text(k: PeriodKey) -> str:
    """``str(k)``, remembered: period keys are sorted by it in every large group."""
    return str(k)


@functools.lru_cache(maxsize=4096)
def _one_key(k: PeriodKey) -> PeriodKey:
    """One object per distinct time key: the caches of :func:`_key_relation` then find
    statements' keys by identity, not item by item."""
    return k


def _claims_relation(a: Claim, b: Claim) -> str:
    return _key_relation(_claim_key(a), _claim_key(b))


def _round(v: Decimal, places: int) -> Decimal:
    """Round for a sentence, at any magnitude (``quantize`` fails past 28 digits)."""
    with localcontext() as ctx:
        ctx.prec = max(28, v.adjusted() + places + 2)
        return v.quantize(Decimal(1).scaleb(-places))


def _factor_diagnosis(
    v1: Decimal, v2: Decimal, *, explain: bool = True
) -> tuple[Diagnosis, str] | None:
    if v1 <= 0 or v2 <= 0:
        return None
    hi, lo = max(v1, v2), min(v1, v2)
    ratio = hi / lo
    k = len(str(int(ratio))) - 1 if ratio >= 1 else 0
    if k >= 1:
        power = Decimal(10) ** k
        # within 6% of a power of ten (10.2 counts: 1.07 vs 10.9)
        for p in (power, power * 10):
            if abs(ratio / p - 1) <= Decimal("0.06"):
                if not explain:
                    return (Diagnosis.MILLION_BILLION if p == 1000 else Diagnosis.SCALE_SLIP, "")
                f = _round(ratio, 1)
                if p == 1000:
                    return (
                        Diagnosis.MILLION_BILLION,
                        f"values differ by a factor of {_fmt(f)} — possible million vs billion"
                        " (or thousand vs million) slip",
                    )
                return (
                    Diagnosis.SCALE_SLIP,
                    f"values differ by a factor of {_fmt(f)}"
                    " — possible scale-word or separator slip",
                )
    if _transposed(v1, v2):
        return Diagnosis.TRANSPOSITION, "two adjacent digits are transposed"
    return None


def _transposed(v1: Decimal, v2: Decimal, digits: int = 2) -> bool:
    """Whether two values differ only by two adjacent digits swapped (and have at least
    ``digits`` digits)."""
    a, b = format(v1.normalize(), "f"), format(v2.normalize(), "f")
    if len(a) != len(b) or a == b or sorted(a) != sorted(b):
        return False
    if sum(ch.isdigit() for ch in a) < digits:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1


_TYPO_DIGITS = 5
"""Two figures of at least this many digits that differ by two adjacent digits swapped
are one figure mistyped, even when stated on different days: a running tally moving
by exactly such a step is too unlikely (424,856 vs 424,865 is a typo, 12 vs 21 may
be an update)."""


def _typo(va: Decimal, vb: Decimal) -> bool:
    """Whether two values stated on different days are one figure mistyped."""
    return _transposed(va, vb, _TYPO_DIGITS)


def _signature(c: Claim) -> tuple[object, ...]:
    """What a comparison looks at: two claims with one signature always agree."""
    q, p = c.quantity, c.period
    return (
        q.value,
        q.unit,
        q.qualifier,
        q.step,
        q.upper,
        q.of,
        c.change,
        None if p is None else (p.start, p.end),
        c.as_of,
    )


def _distinct(claims: Sequence[Claim]) -> tuple[list[Claim], list[set[str]]]:
    """The first claim of each signature (input order) and each signature's sources."""
    index: dict[tuple[object, ...], int] = {}
    reps: list[Claim] = []
    sources: list[set[str]] = []
    for c in claims:
        k = index.setdefault(_signature(c), len(reps))
        if k == len(reps):
            reps.append(c)
            sources.append(set())
        sources[k].add(c.source)
    return reps, sources


class _Stmt:
    """One distinct statement of a group, with what every comparison needs, computed once.

    ``cls`` says who can be compared at all: the same change flag and the
    same unit, or, when exchange rates are given, any two convertible units
    (then ``value`` and the interval are in the rates' base).
    """

    __slots__ = (
        "bound",
        "change",
        "cls",
        "dated",
        "hi",
        "hi_open",
        "lo",
        "lo_open",
        "pkey",
        "qual",
        "unit",
        "value",
    )

    def __init__(self, c: Claim, rates: Mapping[str, Decimal] | None, slack: Decimal) -> None:
        q = c.quantity
        unit = q.unit
        convertible = (
            rates is not None and unit not in ("%", "pp") and (unit is None or unit in rates)
        )
        rate = rates[unit] if convertible and unit is not None and rates is not None else _ONE
        iv = _interval(q, rate, slack)
        self.change = c.change
        self.unit = unit
        self.cls: tuple[bool, str | None] = (c.change, "@" if convertible else unit)
        self.pkey = _one_key(_claim_key(c))
        self.value = q.value * rate if rate != _ONE else q.value
        self.qual = q.qualifier
        self.bound = q.qualifier in _BOUNDS
        self.dated = c.period_source is PeriodSource.EXPLICIT
        self.lo, self.lo_open, self.hi, self.hi_open = iv.lo, iv.lo_open, iv.hi, iv.hi_open


_ONE = Decimal(1)
_ZERO = Decimal(0)

_BOUNDS = frozenset(
    {
        Qualifier.MORE_THAN,
        Qualifier.AT_LEAST,
        Qualifier.LESS_THAN,
        Qualifier.AT_MOST,
        Qualifier.ABOUT,
        Qualifier.NEARLY,
    }
)
"""Qualifiers that state only a bound: "more than 98,000" at the end of September and
102,450 on 12 October are two tallies, not one figure agreeing with itself."""


def _vague_update(a: _Stmt, b: _Stmt) -> bool:
    """Whether two overlapping statements true on different days are still two tallies:
    both state when they were true, one as of a day ("tính đến ngày 12/10") or as an
    estimate before its period ended, their values differ and one states only a bound
    or an approximation ("khoảng 17,1 triệu") stated no later than the exact one."""
    if not (a.dated and b.dated and (a.bound or b.bound)) or a.value == b.value:
        return False
    if a.bound != b.bound:
        # a later report that rounds an earlier exact tally ("more than 14,800" a day
        # after 14,823) repeats it; only a bound stated first is superseded
        vague, exact = (a, b) if a.bound else (b, a)
        dv, de = _day_of(vague.pkey), _day_of(exact.pkey)
        if dv is not None and de is not None and dv > de:
            return False
    return any(k is not None and (k[2] is not None or k[3] == _LONG_AGO) for k in (a.pkey, b.pkey))


def _day_of(k: PeriodKey) -> datetime.date | None:
    """The day a time key says its figure was true or reported, when it says one."""
    if k is None:
        return None
    return k[2] if k[2] is not None else k[3]


def _below(hi: Decimal | None, hi_open: bool, lo: Decimal | None, lo_open: bool) -> bool:
    """Whether an interval ending at ``hi`` lies wholly below one starting at ``lo``."""
    if hi is None or lo is None:
        return False
    return hi < lo or (hi == lo and (hi_open or lo_open))


def _apart(a: _Stmt, b: _Stmt) -> bool:
    """Whether two statements' intervals do not overlap."""
    return _below(a.hi, a.hi_open, b.lo, b.lo_open) or _below(b.hi, b.hi_open, a.lo, a.lo_open)


def _verdict(a: _Stmt, b: _Stmt) -> Verdict:
    """The verdict of two statements alone (the hot path: no diagnosis, no sentence)."""
    if a.cls != b.cls:
        if a.change == b.change and {a.unit, b.unit} == {"%", "pp"}:
            return Verdict.CONTRADICT
        return Verdict.NOT_COMPARABLE
    rel = _key_relation(a.pkey, b.pkey)
    if rel == "disjoint":
        return Verdict.NOT_COMPARABLE
    if not _apart(a, b):
        return Verdict.NOT_COMPARABLE if rel == "asof" and _vague_update(a, b) else Verdict.AGREE
    if rel == "asof" and _typo(a.value, b.value):
        return Verdict.CONTRADICT
    return Verdict.NOT_COMPARABLE if rel in ("overlap", "asof") else Verdict.CONTRADICT


def _pair(a: _Stmt, b: _Stmt) -> tuple[Verdict, Diagnosis]:
    """The verdict and diagnosis of two statements, without the sentence (the hot path).

    Decides exactly as :func:`_compare` does for two claims; the reason is
    written only for the pair a finding reports.
    """
    if a.change != b.change:
        return Verdict.NOT_COMPARABLE, Diagnosis.LEVEL_VS_CHANGE
    if a.cls != b.cls:
        if {a.unit, b.unit} == {"%", "pp"}:
            return Verdict.CONTRADICT, Diagnosis.PERCENT_POINTS
        return Verdict.NOT_COMPARABLE, Diagnosis.NEEDS_CONVERSION
    rel = _key_relation(a.pkey, b.pkey)
    if rel == "disjoint":
        return Verdict.NOT_COMPARABLE, Diagnosis.DIFFERENT_PERIOD
    va, vb = a.value, b.value
    if not _apart(a, b):
        if rel == "asof" and _vague_update(a, b):
            return Verdict.NOT_COMPARABLE, Diagnosis.UPDATE
        if va == vb:
            return Verdict.AGREE, (
                Diagnosis.SAME if a.qual is b.qual else Diagnosis.QUALIFIER_MISMATCH
            )
        return Verdict.AGREE, Diagnosis.APPROXIMATE
    lo, hi = (va, vb) if va < vb else (vb, va)
    fac = _factor_diagnosis(lo, hi, explain=False) if lo != hi else None
    if lo == hi or (Qualifier.MULTIPLES in (a.qual, b.qual) and fac is None):
        diag = Diagnosis.QUALIFIER_MISMATCH
    elif fac is not None:
        diag = fac[0]
    else:
        diag = Diagnosis.VALUE_DIFFERS
    if rel == "asof":
        if _typo(va, vb):
            return Verdict.CONTRADICT, Diagnosis.TRANSPOSITION
        return Verdict.NOT_COMPARABLE, Diagnosis.UPDATE
    if rel == "overlap":
        return Verdict.NOT_COMPARABLE, (
            Diagnosis.DIFFERENT_PERIOD if diag is Diagnosis.VALUE_DIFFERS else diag
        )
    return Verdict.CONTRADICT, diag


_SPLIT_MAX = 64
"""Groups of up to this many distinct statements have their contradiction finding
narrowed to the claims that contradict (pairwise, so bounded)."""

_PAIRWISE_MAX = 4
"""Groups of up to this many distinct statements are compared pair by pair;
larger ones (corpus scale) through sorted intervals and period classes, which
finds the same agreements and the same verdict without the square of the work."""

Witnesses = Mapping[int, AbstractSet[object]]
_Worst = tuple[int, int, Verdict, Diagnosis]


def _relations(
    heads: Sequence[int], st: Mapping[int, _Stmt], wits: Witnesses
) -> tuple[list[tuple[int, int]], _Worst | None]:
    """The agreeing pairs that join statements into clusters, and the pair to report.

    Only pairs of statements with different witnesses count. The pair to
    report is the first contradiction, else the first other disagreement
    (``None``: every pair agrees).
    """
    if len(heads) > _PAIRWISE_MAX:
        return _relations_large(heads, st, wits)
    edges: list[tuple[int, int]] = []
    worst: _Worst | None = None
    for x, i in enumerate(heads):
        for j in heads[x + 1 :]:
            if len(wits[i] | wits[j]) < 2:
                continue
            verdict = _verdict(st[i], st[j])
            if verdict is Verdict.AGREE:
                edges.append((i, j))
            elif worst is None or (
                verdict is Verdict.CONTRADICT and worst[2] is not Verdict.CONTRADICT
            ):
                worst = (i, j, verdict, Diagnosis.VALUE_DIFFERS)
    if worst is not None:
        worst = (worst[0], worst[1], *_pair(st[worst[0]], st[worst[1]]))
    return edges, worst


def _first_cross(
    xs: Iterable[int], ys: Sequence[int], wits: Witnesses, test: Callable[[int, int], bool]
) -> tuple[int, int] | None:
    """The first (x, y) with different witnesses that passes ``test`` (exhaustive)."""
    for x in xs:
        for y in ys:
            if x != y and len(wits[x] | wits[y]) > 1 and test(x, y):
                return (min(x, y), max(x, y))
    return None


_Extremes = tuple[int | None, int | None]
"""(the statement ending lowest, the one starting highest) of a list of statements."""


def _extremes(hs: Sequence[int], st: Mapping[int, _Stmt]) -> _Extremes:
    if len(hs) == 1:  # the common case: one statement per period key
        (h,) = hs
        return (h if st[h].hi is not None else None, h if st[h].lo is not None else None)
    ends = [h for h in hs if st[h].hi is not None]
    starts = [h for h in hs if st[h].lo is not None]
    low_end = min(ends, key=lambda h: (st[h].hi, not st[h].hi_open, h)) if ends else None
    high_start = max(starts, key=lambda h: (st[h].lo, st[h].lo_open, -h)) if starts else None
    return low_end, high_start


def _apart_pair(
    xs: Sequence[int],
    ys: Sequence[int],
    st: Mapping[int, _Stmt],
    wits: Witnesses,
    ex: _Extremes | None = None,
    ey: _Extremes | None = None,
) -> tuple[int, int] | None:
    """A pair (x in xs, y in ys) of different witnesses whose intervals do not overlap.

    The statement ending lowest against the one starting highest: if those
    two overlap, every pair does. Only when that extreme pair shares its one
    witness are the pairs searched one by one. ``ex``/``ey``: the lists'
    :func:`_extremes`, when the caller has them.
    """
    ex = ex or _extremes(xs, st)
    ey = ey or _extremes(ys, st)
    found = False
    for (m, _), (_, big) in ((ex, ey), (ey, ex)):
        if m is None or big is None:
            continue
        a, b = st[m], st[big]
        if _below(a.hi, a.hi_open, b.lo, b.lo_open):
            if m != big and len(wits[m] | wits[big]) > 1:
                return (min(m, big), max(m, big))
            found = True
    if not found:
        return None
    return _first_cross(xs, ys, wits, lambda x, y: _apart(st[x], st[y]))


def _typo_pair(
    xs: Sequence[int], ys: Sequence[int], st: Mapping[int, _Stmt], wits: Witnesses
) -> tuple[int, int] | None:
    """The first pair (x in xs, y in ys) of different witnesses whose values are one
    figure mistyped (:func:`_typo`), found through the values' sorted digits."""
    by_digits: dict[str, list[int]] = defaultdict(list)
    for y in ys:
        by_digits["".join(sorted(format(st[y].value.normalize(), "f")))].append(y)
    found = [
        (min(x, y), max(x, y))
        for x in xs
        for y in by_digits.get("".join(sorted(format(st[x].value.normalize(), "f"))), ())
        if len(wits[x] | wits[y]) > 1 and _typo(st[x].value, st[y].value)
    ]
    return min(found) if found else None


def _relations_large(
    heads: Sequence[int], st: Mapping[int, _Stmt], wits: Witnesses
) -> tuple[list[tuple[int, int]], _Worst | None]:
    """:func:`_relations` for many statements, without comparing every pair.

    Statements of one comparison class (change, unit) and non-disjoint
    periods agree exactly when their intervals overlap: a sweep over the
    intervals sorted by lower bound finds the agreeing pairs that join
    clusters. A contradiction exists exactly when some class has two period
    keys related "equal" or "unknown" whose most extreme intervals do not
    overlap (or percent meets percentage points); other disagreements are
    classes that cannot be compared, disjoint periods, or apart intervals
    over overlapping periods.
    """
    by_cls: dict[tuple[bool, str | None], list[int]] = defaultdict(list)
    for h in heads:
        by_cls[st[h].cls].append(h)
    contra: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    # lists of statements that cannot be compared (other classes, disjoint periods):
    # their first pair of different witnesses is looked for only when nothing contradicts
    later: list[tuple[list[int], list[int]]] = []
    for change in {c[0] for c in by_cls}:
        pct, pts = by_cls.get((change, "%"), []), by_cls.get((change, "pp"), [])
        hit = _first_cross(pct, pts, wits, lambda _x, _y: True)
        if hit:
            contra.append(hit)
    classes = sorted(by_cls, key=str)
    for x, ca in enumerate(classes):
        for cb in classes[x + 1 :]:
            later.append((by_cls[ca], by_cls[cb]))
    for ca in classes:
        by_p: dict[PeriodKey, list[int]] = defaultdict(list)
        for h in by_cls[ca]:
            by_p[st[h].pkey].append(h)
        keys = sorted(by_p, key=_key_text)
        ext = {k: _extremes(by_p[k], st) for k in keys}
        for x, pa in enumerate(keys):
            for pb in keys[x:]:
                rel = _key_relation(pa, pb)
                if rel == "disjoint":
                    later.append((by_p[pa], by_p[pb]))
                    continue
                hit = _apart_pair(by_p[pa], by_p[pb], st, wits, ext[pa], ext[pb])
                if hit and rel == "asof":
                    typo = _typo_pair(by_p[pa], by_p[pb], st, wits)
                    if typo:
                        contra.append(typo)
                if rel == "asof" and not hit:
                    hit = _first_cross(
                        by_p[pa], by_p[pb], wits, lambda x, y: _vague_update(st[x], st[y])
                    )
                if hit:
                    (other if rel in ("overlap", "asof") else contra).append(hit)
    for xs, ys in later if not contra else ():
        hit = _first_cross(xs, ys, wits, lambda _x, _y: True)
        if hit:
            other.append(hit)
    pick = min(contra) if contra else min(other) if other else None
    if pick is None:
        return [], None
    worst = (pick[0], pick[1], *_pair(st[pick[0]], st[pick[1]]))
    # clusters: a sweep per class over intervals sorted by their lower bound
    parent = {h: h for h in heads}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges: list[tuple[int, int]] = []
    for ca in classes:
        order = sorted(
            by_cls[ca],
            key=lambda h: (
                st[h].lo is not None,
                st[h].lo if st[h].lo is not None else _ONE,
                st[h].lo_open,
                h,
            ),
        )
        active: list[int] = []
        for h in order:
            s = st[h]
            active = [a for a in active if not _below(st[a].hi, st[a].hi_open, s.lo, s.lo_open)]
            for a in active:
                ra, rh = find(a), find(h)
                if (
                    ra != rh
                    and not _apart(st[a], s)
                    and (rel := _key_relation(st[a].pkey, s.pkey)) != "disjoint"
                    and not (rel == "asof" and _vague_update(st[a], s))
                    and len(wits[a] | wits[h]) > 1
                ):
                    parent[max(ra, rh)] = min(ra, rh)
                    edges.append((min(a, h), max(a, h)))
            active.append(h)
    return edges, worst


def _cross_relations(claims: Sequence[Claim], sources: Sequence[AbstractSet[str]]) -> set[str]:
    """The period relations of the pairs of claims with different sources.

    Claims are grouped by period key first: a pair of keys has such a pair of
    claims unless all of its claims come from one and the same source.
    """
    if len(claims) <= _PAIRWISE_MAX:  # a few claims: pair by pair is cheaper
        return {
            _claims_relation(a, claims[j])
            for i, a in enumerate(claims)
            for j in range(i + 1, len(claims))
            if len(sources[i] | sources[j]) > 1
        }
    by_p: dict[PeriodKey, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        by_p[_claim_key(c)].append(k)
    keys = sorted(by_p, key=str)
    rels: set[str] = set()
    for x, pa in enumerate(keys):
        for pb in keys[x:]:
            ks = by_p[pa] if pa == pb else by_p[pa] + by_p[pb]
            if len(ks) > 1 and len(set().union(*(sources[k] for k in ks))) > 1:
                rels.add(_key_relation(pa, pb))
    return rels


def _compare(
    claims: Sequence[Claim],
    rates: Mapping[str, Decimal] | None,
    slack: Decimal = DEFAULT_OPEN_SLACK,
    *,
    explain: bool = True,
    agreed: bool = False,
    stmts: Mapping[int, _Stmt] | None = None,
) -> _Cmp:
    """Compare claims of different sources (a pair, or a group that all agree).

    Claims stating the same thing the same way (one signature) are compared
    once: the work grows with the distinct statements, not the copies.
    ``agreed``: the caller has found that every pair agrees (only the
    diagnosis and the sentence are left to write). ``stmts``: statements the
    caller already built, by ``id`` of their claim.
    """
    claims, sources = _distinct(claims)
    if len(set().union(*sources)) == 1:  # within one document: every pair counts
        sources = [{str(k)} for k in range(len(claims))]
    units = {c.quantity.unit for c in claims}
    changes = {c.change for c in claims}
    if len(changes) > 1:
        return _Cmp(
            Verdict.NOT_COMPARABLE,
            Diagnosis.LEVEL_VS_CHANGE,
            "one source states a level, another a change: they cannot be compared",
        )
    rels = _cross_relations(claims, sources)
    scale = {c.quantity.unit: Decimal(1) for c in claims}
    if len(units) > 1:
        if units == {"%", "pp"}:
            vals = sorted({_fmt(c.quantity.value) for c in claims})
            return _Cmp(
                Verdict.CONTRADICT,
                Diagnosis.PERCENT_POINTS,
                f"one source gives percent, another percentage points ({', '.join(vals)}):"
                " a change in percent is not a change in points",
            )
        if rates is None or not all(u in rates for u in units if u is not None):
            names = ", ".join(sorted(u or "no unit" for u in units))
            return _Cmp(
                Verdict.NOT_COMPARABLE,
                Diagnosis.NEEDS_CONVERSION,
                f"the figures are in different currencies ({names}) and no exchange rate was given",
            )
        scale = {u: rates[u] for u in units if u is not None}
    if agreed:
        all_overlap = True
    elif len(claims) > _PAIRWISE_MAX:
        known = stmts or {}
        st = {
            k: known.get(id(c)) or _Stmt(c, rates if len(units) > 1 else None, slack)
            for k, c in enumerate(claims)
        }
        wit = dict(enumerate(sources))
        all_overlap = _apart_pair(list(st), list(st), st, wit) is None
    else:
        known_ = stmts or {}
        ivs = [
            _Interval(s.lo, s.lo_open, s.hi, s.hi_open)
            if (s := known_.get(id(c))) is not None
            else _interval(c.quantity, scale.get(c.quantity.unit, _ONE), slack)
            for c in claims
        ]
        all_overlap = all(
            _overlap(ivs[i], ivs[j])
            for i in range(len(claims))
            for j in range(i + 1, len(claims))
            if len(sources[i] | sources[j]) > 1
        )
    values = [c.quantity.value * scale.get(c.quantity.unit, Decimal(1)) for c in claims]
    if all_overlap and not agreed and len(claims) == 2 and rels == {"asof"}:
        sa, sb = (
            (stmts or {}).get(id(c)) or _Stmt(c, rates if len(units) > 1 else None, slack)
            for c in claims
        )
        all_overlap = not _vague_update(sa, sb)
    said = _vs(_say(c) for c in claims) if explain else ""
    if "disjoint" in rels:
        periods = _vs(_when(c) for c in claims) if explain else ""
        return _Cmp(
            Verdict.NOT_COMPARABLE,
            Diagnosis.DIFFERENT_PERIOD,
            f"the figures refer to different periods ({periods}): {said}",
        )
    if all_overlap:
        note = ""
        if "overlap" in rels:
            periods = _vs(_when(c) for c in claims) if explain else ""
            note = f"; the stated periods differ slightly ({periods})"
        if len(set(values)) == 1 and len({c.quantity.qualifier for c in claims}) == 1:
            return _Cmp(Verdict.AGREE, Diagnosis.SAME, f"the sources agree: {said}{note}")
        if len(set(values)) == 1:
            return _Cmp(
                Verdict.AGREE,
                Diagnosis.QUALIFIER_MISMATCH,
                f"the sources agree on the value, with different qualifiers: {said}{note}",
            )
        return _Cmp(
            Verdict.AGREE,
            Diagnosis.APPROXIMATE,
            f"the sources agree within the precision they state: {said}{note}",
        )
    # the intervals do not overlap
    typo = len(values) == 2 and _typo(values[0], values[1])
    if rels == {"asof"} and not typo:
        # one fact stated as of different days: a running tally, not an error
        latest = max(claims, key=lambda c: (c.as_of or datetime.date.min, c.quantity.value))
        earlier = _vs(f"{_say(c)} ({_when(c)})" for c in claims if c.as_of != latest.as_of)
        return _Cmp(
            Verdict.NOT_COMPARABLE,
            Diagnosis.UPDATE,
            f"The figures were stated on different days: the later {_say(latest)}"
            f" ({_when(latest)}) updates {earlier}",
        )
    quals = {c.quantity.qualifier for c in claims}
    v_lo, v_hi = min(values), max(values)
    fac = _factor_diagnosis(v_lo, v_hi) if v_lo != v_hi else None
    if v_lo == v_hi or (Qualifier.MULTIPLES in quals and fac is None):
        diag, text = (
            Diagnosis.QUALIFIER_MISMATCH,
            f"the qualifiers do not fit together: {said}",
        )
    elif fac is not None:
        diag, text = fac[0], f"{said}: {fac[1]}"
    else:
        rel = (v_hi - v_lo) / v_lo * 100 if v_lo > 0 else None
        places = 0 if rel is None or rel >= 10 else 1 if rel >= 1 else 2
        pct = f" by {_round(rel, places)}%" if rel is not None else ""
        diag, text = Diagnosis.VALUE_DIFFERS, f"values differ{pct}: {said}"
    if "overlap" in rels:
        periods = _vs(_when(c) for c in claims) if explain else ""
        return _Cmp(
            Verdict.NOT_COMPARABLE,
            Diagnosis.DIFFERENT_PERIOD if diag is Diagnosis.VALUE_DIFFERS else diag,
            f"{text[0].upper()}{text[1:]}; but the periods differ ({periods}), so this may not be"
            " an error",
        )
    return _Cmp(Verdict.CONTRADICT, diag, text[0].upper() + text[1:])


# -------------------------------------------------------------------- pairing


_RANK = {"equal": 0, "unknown": 1, "overlap": 2, "asof": 2, "disjoint": 3}


def _closeness(a: Claim, b: Claim) -> tuple[int, Decimal]:
    """Lower is better: period relation rank, then relative value distance."""
    rank = _RANK[_key_relation(_claim_key(a), _claim_key(b))]
    va, vb = abs(a.quantity.value), abs(b.quantity.value)
    if va == vb:
        return rank, _ZERO
    return rank, abs(va - vb) / max(va, vb, _ONE)


_CLOSE = Decimal(2)
"""Values within this factor of each other may state one fact; further apart, only a
power of ten (a scale slip) relates them."""
_NEAR = 32
"""How many values up the sorted list a value is compared with (bounded work)."""
_SLIPS = tuple(Decimal(10) ** k for k in (1, 2, 3, 6, 9))
_SLIP_LOW, _SLIP_HIGH = Decimal("0.94"), Decimal("1.06")


def _close(a: Claim, b: Claim) -> bool:
    """Whether two claims may state one figure: one stated period (not a day), or
    values within a factor of two, or a slip apart."""
    ka = _claim_key(a)
    if ka is not None and ka[2] is None and ka == _claim_key(b):
        return True
    x, y = abs(a.quantity.value), abs(b.quantity.value)
    lo, hi = (x, y) if x <= y else (y, x)
    if hi <= lo * _CLOSE:
        return True
    return lo > 0 and _factor_diagnosis(lo, hi, explain=False) is not None


_SMALL_BLOCK = 64
"""Blocks up to this size are judged as a whole; larger ones (corpus scale) are
first split by the year their period ends, so that the work per group stays
bounded and unrelated years do not end up in one finding."""


def _by_period_end(block: Sequence[Claim], order: _Order) -> list[list[Claim]]:
    parts: dict[int | None, list[Claim]] = defaultdict(list)
    for c in block:
        end = c.period.end if c.period is not None else None
        parts[end.year if end is not None else None].append(c)
    undated = parts.pop(None, [])
    if len(parts) == 1 and undated:
        # one dated part: the undated join it (and the part is sorted again)
        (year,) = parts
        parts[year] = sorted(parts[year] + undated, key=order)
    elif undated:
        parts[None] = undated
    # the parts keep the block's order: they are sorted if it is
    return [v for _, v in sorted(parts.items(), key=lambda kv: str(kv[0]))]


def _groups(
    block: Sequence[Claim], witness: Callable[[Claim], object], order: _Order
) -> list[list[Claim]]:
    """Pair claims of different witnesses (sources) one to one, best first.

    ``block`` is sorted by ``order``; so is every group returned.
    """
    if len(block) > _SMALL_BLOCK:
        parts = _by_period_end(block, order)
        if len(parts) > 1:
            return [g for part in parts for g in _groups(part, witness, order)]
    by_src: dict[object, list[Claim]] = defaultdict(list)
    for c in block:
        by_src[witness(c)].append(c)
    if len(by_src) < 2:
        return []
    if all(len(v) == 1 for v in by_src.values()):
        # the common case: one claim per source — one group, plus copies
        return [list(block)]
    ids = {id(c): k for k, c in enumerate(block)}
    parent = list(range(len(block)))
    # a figure a source states twice (the headline and the body, the second time
    # without its period) is one statement: it is paired once, by its fullest
    # wording, and the repeat follows it
    repeats: list[tuple[int, int]] = []
    for w, cl in list(by_src.items()):
        if len(cl) < 2:
            continue
        kept: list[Claim] = []
        for c in sorted(cl, key=lambda c: (_claim_key(c) is None or c.period is None, order(c))):
            said = next((k for k in kept if _repeats(k, c)), None)
            if said is None:
                kept.append(c)
            else:
                repeats.append((ids[id(c)], ids[id(said)]))
        by_src[w] = sorted(kept, key=order)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # sources with one claim: two pair up when they state one period, or when
    # their periods are not disjoint and their values are close enough to be
    # one figure (within a factor of two, or a power of ten apart: a slip),
    # found along the values in order
    singles = sorted(
        (ids[id(cl[0])] for cl in by_src.values() if len(cl) == 1),
        key=lambda i: (abs(block[i].quantity.value), order(block[i])),
    )
    tkey = {i: _claim_key(block[i]) for i in singles}
    vals = [abs(block[i].quantity.value) for i in singles]
    # one stated period (not a day): the same fact whatever the values say
    first_of: dict[PeriodKey, int] = {}
    for i in singles:
        tk = tkey[i]
        if tk is not None and tk[2] is None:
            union(first_of.setdefault(tk, i), i)
    for x, i in enumerate(singles):
        for y in range(x + 1, min(len(singles), x + 1 + _NEAR)):
            if vals[y] > vals[x] * _CLOSE:
                break
            if _key_relation(tkey[i], tkey[singles[y]]) != "disjoint":
                union(i, singles[y])
        if vals[x] > 0:
            for f in _SLIPS:
                lo = bisect.bisect_left(vals, vals[x] * f * _SLIP_LOW)
                for y in range(lo, min(len(vals), lo + 4)):
                    if vals[y] > vals[x] * f * _SLIP_HIGH:
                        break
                    if _key_relation(tkey[i], tkey[singles[y]]) != "disjoint":
                        union(i, singles[y])
    # a source with several claims is paired one to one with every other source
    srcs = sorted(by_src, key=str)
    several = [sa for sa in srcs if len(by_src[sa]) > 1]
    for sa in several:  # every pair with such a source, once (not every pair of sources)
        for sb in srcs:
            if sb == sa or (len(by_src[sb]) > 1 and str(sb) < str(sa)):
                continue
            if len(by_src[sb]) == 1:
                # one claim against several: it pairs with the closest, if any
                (one,) = by_src[sb]
                (rank, _d), _o, best = min(
                    (_closeness(one, c), order(c), id(c)) for c in by_src[sa]
                )
                if rank != 3 and _close(one, block[ids[best]]):
                    union(ids[id(one)], ids[best])
                continue
            cands = sorted(
                (
                    (_closeness(a, b), order(a), order(b), ids[id(a)], ids[id(b)])
                    for a in by_src[sa]
                    for b in by_src[sb]
                ),
            )
            used_a: set[int] = set()
            used_b: set[int] = set()
            for (rank, _dist), _oa, _ob, ia, ib in cands:
                if ia in used_a or ib in used_b or rank == 3:
                    continue
                if not _close(block[ia], block[ib]):
                    continue
                used_a.add(ia)
                used_b.add(ib)
                union(ia, ib)
    for k, said_at in repeats:
        union(k, said_at)
    # a figure a source repeats joins the group of its paired twin
    sizes: dict[int, int] = defaultdict(int)
    for k in range(len(block)):
        sizes[find(k)] += 1
    twin: dict[tuple[object, tuple[object, ...]], int] = {}
    for k, c in enumerate(block):
        if sizes[find(k)] > 1:
            twin.setdefault((witness(c), _signature(c)), k)
    for k, c in enumerate(block):
        if sizes[find(k)] == 1:
            t = twin.get((witness(c), _signature(c)))
            if t is not None:
                union(k, t)
    # copies from the same independent source join the group of their twin
    comps: dict[int, list[Claim]] = defaultdict(list)
    for k, c in enumerate(block):
        comps[find(k)].append(c)
    # each group keeps the block's order
    return [g for g in comps.values() if len({witness(c) for c in g}) >= 2]


def _repeats(first: Claim, again: Claim) -> bool:
    """Whether ``again`` restates ``first`` (same source): one value, unit, change
    and qualifier, and a period that is the same or not stated."""
    qa, qb = first.quantity, again.quantity
    if (qa.value, qa.unit, qa.qualifier, first.change) != (
        qb.value,
        qb.unit,
        qb.qualifier,
        again.change,
    ):
        return False
    return again.period is None or _claims_relation(first, again) == "equal"


_Order = Callable[[Claim], Any]
"""A sort key equivalent to :func:`_claim_order` (``reconcile`` passes precomputed ranks)."""


_ClaimKey = tuple[str, int, int, str, str, str, str, str, str, str, str, str, str, str]


def _claim_order(c: Claim) -> _ClaimKey:
    """A total order on claims: input order never shows through, even for one source.

    Source and offsets nearly always decide; the rest tells apart the claims
    of documents of one source stating one sentence about different subjects,
    metrics, units or periods.
    """
    q, p = c.quantity, c.period
    return (
        c.source,
        c.span.start,
        c.span.end,
        c.text,
        str(q.value),
        c.lang,
        c.context,
        c.subject or "",
        c.metric or "",
        c.metric_phrase,
        q.unit or "",
        "" if p is None else f"{p.start}/{p.end}",
        c.kind.value,
        q.qualifier.value,
    )


def _sort_claims(claims: list[Claim]) -> None:
    """Sort in place by :func:`_claim_order`, building its full key only for ties.

    Source and offsets (the key's start) nearly always decide: the claims are
    bucketed by source, the sources sorted, each source's claims sorted by
    offsets, and only runs that tie on them sorted again on the full key. The
    same order as one sort on the full key (every sort is stable), without a
    million tuples compared in memory order (at 10^6 claims that sort cost
    seconds).
    """

    def offsets(c: Claim) -> tuple[int, int]:
        return (c.span.start, c.span.end)

    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_source[c.source].append(c)
    out: list[Claim] = []
    for source in sorted(by_source):
        own = sorted(by_source[source], key=offsets)
        k = 0
        for j in range(1, len(own) + 1):
            if j < len(own) and offsets(own[j]) == offsets(own[k]):
                continue
            if j - k > 1:
                own[k:j] = sorted(own[k:j], key=_claim_order)
            k = j
        out.extend(own)
    claims[:] = out


# ----------------------------------------------------------------- the API


def _claims_of(
    items: Iterable[Document | Claim], concepts: ConceptsArg = None
) -> tuple[list[Claim], list[Document]]:
    from integfacts.concepts import lexicon_for  # noqa: PLC0415 - avoid an import cycle at load
    from integfacts.extraction import extract  # noqa: PLC0415

    lexicon = lexicon_for(concepts)  # resolved once (a bad file fails before any extraction)
    claims: list[Claim] = []
    docs: list[Document] = []
    for it in items:
        if isinstance(it, Document):
            docs.append(it)
            claims.extend(extract(it, concepts=lexicon))
        elif isinstance(it, Claim):
            claims.append(it)
        else:
            raise TypeError(f"reconcile takes Documents or Claims, got {type(it).__name__}")
    return claims, docs


def _majority(group: Sequence[Claim], indep: Mapping[str, str]) -> Decimal | None:
    reps = {indep[c.source] for c in group}
    if len(reps) < 3:
        return None
    support: dict[Decimal, set[str]] = defaultdict(set)
    for c in group:
        support[c.quantity.value].add(indep[c.source])
    best = max(sorted(support), key=lambda v: len(support[v]))
    return best if len(support[best]) * 2 > len(reps) else None


def reconcile(
    items: Iterable[Document | Claim],
    *,
    rates: Mapping[str, Decimal] | None = None,
    within_documents: bool = False,
    score_cutoff: float = _FUZZY_CUTOFF,
    open_slack: Decimal = DEFAULT_OPEN_SLACK,
    concepts: ConceptsArg = None,
) -> Report:
    """Compare the claims of many sources and say which agree and which contradict.

    Args:
        items: Documents (extracted here) or Claims, in any mix of languages.
        rates: exchange rates to a common base, per ISO 4217 code
            (``{"USD": Decimal(1), "VND": Decimal("0.0000393")}``); without
            them, amounts in different currencies are "not comparable" (but
            for units tied by law: a toman is ten rials, always).
        within_documents: also compare claims of the same source.
        score_cutoff: RapidFuzz similarity (0-100) for phrases without a
            concept key to be treated as the same metric.
        open_slack: how far past its bound an open figure ("more than
            3,000") is read when comparing (0.25: up to 3,750).
        concepts: the user's concept terms for the Documents extracted here
            (a concept file's path, its data as a mapping, or a
            :class:`~integfacts.concepts.Lexicon`); Claims are taken as they are.

    Returns:
        A :class:`~integfacts.model.Report`; the same inputs in any order
        give the same report.

    Raises:
        ValueError: an invalid ``concepts`` file or mapping (the message names
            the file and the key).
    """
    with _paused_gc():
        return _reconcile(
            items,
            rates=_with_fixed_rates(rates),
            within_documents=within_documents,
            score_cutoff=score_cutoff,
            open_slack=open_slack,
            concepts=concepts,
        )


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while reconciling (restored afterwards).

    Reconciling a million claims allocates millions of small objects and no
    reference cycles; the collector's full passes over them cost about a
    tenth of the time at 3 x 10^5 claims. Memory is still freed by reference
    counting. A collector already paused by the caller stays paused.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _reconcile(
    items: Iterable[Document | Claim],
    *,
    rates: Mapping[str, Decimal] | None,
    within_documents: bool,
    score_cutoff: float,
    open_slack: Decimal,
    concepts: ConceptsArg = None,
) -> Report:
    claims, docs = _claims_of(items, concepts)
    _sort_claims(claims)
    rank = {id(c): k for k, c in enumerate(claims)}

    def order(c: Claim) -> int:
        return rank[id(c)]

    indep = _source_groups(claims, docs)
    # who may be compared with whom: claims of different sources (copies
    # included, so that a slip in a syndicated copy still shows); with
    # within_documents, any two claims
    witness: Callable[[Claim], object] = (
        (lambda c: (c.source, id(c))) if within_documents else (lambda c: c.source)
    )
    keys = _block_keys(claims, score_cutoff)
    blocks: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c, k in zip(claims, keys, strict=True):
        blocks[k].append(c)
    findings: list[Finding] = []
    for key in sorted(blocks):
        findings.extend(
            _block_findings(
                key, blocks[key], indep, witness, rates, open_slack, score_cutoff, order=order
            )
        )
    by_value: dict[
        tuple[str, str, Decimal, str | None, bool], list[tuple[tuple[str, str, str], Claim]]
    ]
    by_value = defaultdict(list)
    for c, k in zip(claims, keys, strict=True):
        vk = value_key(c, k)
        if vk is not None:
            by_value[vk].append((k, c))
    for vk in sorted((k for k, v in by_value.items() if len(v) > 1), key=str):
        findings.extend(same_value_findings(by_value[vk], indep=indep))
    _sort_findings(findings, rank)
    matched = {id(c) for f in findings for c in f.claims}
    unmatched = tuple(c for c in claims if id(c) not in matched)
    return Report(
        findings=tuple(findings),
        unmatched=unmatched,
        claims=tuple(claims),
        documents=tuple(sorted({c.source for c in claims} | {d.source for d in docs})),
    )


def block_findings(
    key: tuple[str, str, str],
    block: Sequence[Claim],
    *,
    indep: Mapping[str, str],
    witness: Callable[[Claim], object],
    rates: Mapping[str, Decimal] | None,
    open_slack: Decimal,
    score_cutoff: float,
) -> list[Finding]:
    """The findings of one block (claims sharing dimension, metric and subject).

    A building block for distributed runs (:mod:`integfacts.dask`): blocks are
    independent, so each can be judged on any worker; ``block`` may come in
    any order.
    """
    return _block_findings(
        key, block, indep, witness, rates, open_slack, score_cutoff, order=_claim_order
    )


def _block_findings(
    key: tuple[str, str, str],
    block: Sequence[Claim],
    indep: Mapping[str, str],
    witness: Callable[[Claim], object],
    rates: Mapping[str, Decimal] | None,
    open_slack: Decimal,
    score_cutoff: float,
    *,
    order: _Order,
) -> list[Finding]:
    score = 100.0 if key[1] and not key[1].startswith("~") else score_cutoff
    out: list[Finding] = []
    for shown, members in _subject_classes(block):
        ordered = sorted(members, key=order)
        sub = (key[0], key[1], shown)
        for g in _groups(ordered, witness, order):
            out.extend(_judge(g, sub, score, indep, witness, rates, open_slack, order))
    return out


def _judge(
    g: Sequence[Claim],
    key: tuple[str, str, str],
    score: float,
    indep: Mapping[str, str],
    witness: Callable[[Claim], object],
    rates: Mapping[str, Decimal] | None,
    slack: Decimal,
    order: _Order,
    stmts: Mapping[int, _Stmt] | None = None,
) -> list[Finding]:
    """The findings of one group: its verdict, and the agreeing majority if split.

    Every pair of claims from different independent sources is compared. All
    agree: one AGREE finding. Otherwise the group is a CONTRADICT (some pair
    with the same or unknown period contradicts) or NOT_COMPARABLE finding
    that names the majority value, and each cluster of two or more agreeing
    independent sources is also reported as an AGREE finding. ``stmts``: the
    statements of the group a part was split from, by ``id`` of their claim.
    """
    metric, subject = key[1] or None, key[2] or None
    n_indep = len({indep[c.source] for c in g})
    # compare each pair of distinct statements once (copies share a signature)
    first: dict[tuple[object, ...], int] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for k, c in enumerate(g):
        members[first.setdefault(_signature(c), k)].append(k)
    heads = sorted(members)
    wits = {h: {witness(g[k]) for k in members[h]} for h in heads}
    known = stmts or {}  # a part of a split group: its statements are built already
    st = {h: known.get(id(g[h])) or _Stmt(g[h], rates, slack) for h in heads}
    by_id = {id(g[h]): s for h, s in st.items()}
    edges, worst = _relations(heads, st, wits)
    base = {
        "claims": tuple(g),
        "score": score,
        "metric": metric,
        "subject": subject,
        "independent_sources": n_indep,
    }
    if worst is None:
        cmp = (
            _Cmp(Verdict.AGREE, Diagnosis.SAME, f"the sources agree: {_say(g[0])}")
            if len(heads) == 1  # one statement, repeated: what _compare would say
            else _compare(g, rates, slack, agreed=True)
        )
        return [
            Finding(
                verdict=cmp.verdict,
                diagnosis=cmp.diagnosis,
                reason=_sentence(cmp.reason, g, indep),
                majority=_majority(g, indep),
                **base,  # type: ignore[arg-type]
            )
        ]
    parent = list(range(len(g)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for h in heads:  # one statement, one cluster
        for k in members[h][1:]:
            parent[k] = h
    for i, j in edges:
        ri, rj = find(i), find(j)
        parent[max(ri, rj)] = min(ri, rj)
    clusters: dict[int, list[Claim]] = defaultdict(list)
    for k, claim in enumerate(g):
        clusters[find(k)].append(claim)
    if worst[2] is Verdict.CONTRADICT and 2 < len(heads) <= _SPLIT_MAX:
        # the contradiction holds only the claims that contradict another; the
        # rest (updates, other periods) is judged apart ("one fact, one finding")
        # clusters that contradict each other, joined into components: each
        # component is one finding, the rest of the group is judged apart
        comp = {find(h): find(h) for h in heads}

        def comp_of(x: int) -> int:
            while comp[x] != x:
                x = comp[x]
            return x

        involved: set[int] = set()
        root = {h: find(h) for h in heads}  # the clusters are final here
        for x, i in enumerate(heads):
            ri, si, wi = root[i], st[i], wits[i]
            for j in heads[x + 1 :]:
                rj = root[j]
                # one cluster, or one and the same single witness: not a pair that counts
                if ri == rj or (len(wi) == 1 and wi == wits[j]):
                    continue
                if ri in involved and rj in involved and comp_of(ri) == comp_of(rj):
                    continue  # another contradiction here would change nothing
                if _verdict(si, st[j]) is Verdict.CONTRADICT:
                    involved.update((ri, rj))
                    ta, tb = comp_of(ri), comp_of(rj)
                    comp[max(ta, tb)] = min(ta, tb)
        roots = {find(h) for h in heads}
        parts_of = {comp_of(r) for r in involved}
        if involved and (involved != roots or len(parts_of) > 1):
            parts = [
                [c for k, c in enumerate(g) if find(k) in involved and comp_of(find(k)) == t]
                for t in sorted(parts_of)
            ]
            parts.append([c for k, c in enumerate(g) if find(k) not in involved])
            out_split: list[Finding] = []
            for part in parts:
                if len({witness(c) for c in part}) >= 2:
                    out_split.extend(
                        _judge(part, key, score, indep, witness, rates, slack, order, by_id)
                    )
            return out_split
    reason = _compare([g[worst[0]], g[worst[1]]], rates, slack, stmts=by_id).reason
    ranked = sorted(
        clusters.values(),
        key=lambda cl: (-len({indep[c.source] for c in cl}), order(cl[0])),
    )
    majority = None
    if n_indep >= 3 and len(ranked) > 1:
        top = ranked[0]
        k = len({indep[c.source] for c in top})
        if k * 2 > n_indep:
            majority = top[0].quantity.value
            others = "; ".join(
                f"{_names(cl)} {'says' if len({c.source for c in cl}) == 1 else 'say'}"
                f" {_say(cl[0])}"
                for cl in ranked[1 : 1 + _LIST_MAX]
            )
            if len(ranked) > 1 + _LIST_MAX:
                others += f"; {len(ranked) - 1 - _LIST_MAX} more values"
            names = _names(top)
            reason = (
                f"{k} of {n_indep} independent sources ({names}) say {_say(top[0])};"
                f" {others} — {reason[0].lower()}{reason[1:]}"
            )
    # one fact, one finding: the claims that agree with each other are its sides
    if len(heads) <= _SIDES_MAX:
        sides = _sides(g, heads, members, st, indep, order)
    else:  # corpus scale: the clusters of agreeing pairs (bounded work)
        index = {id(c): k for k, c in enumerate(g)}
        sides = tuple(tuple(sorted(index[id(c)] for c in cl)) for cl in ranked)
    return [
        Finding(
            verdict=worst[2],
            diagnosis=worst[3],
            reason=_sentence(reason, g, indep),
            majority=majority,
            sides=sides,
            **base,  # type: ignore[arg-type]
        )
    ]


_SIDES_MAX = 48
"""Up to this many distinct statements, a finding's sides are found pair by pair."""


def _sides(
    g: Sequence[Claim],
    heads: Sequence[int],
    members: Mapping[int, Sequence[int]],
    st: Mapping[int, _Stmt],
    indep: Mapping[str, str],
    order: _Order,
) -> tuple[tuple[int, ...], ...]:
    """The groups of a finding's claims that all agree with each other (indices into ``g``).

    The most precise statements found the groups; a statement joins every group
    whose members it all agrees with, so "about 58%" may stand beside both
    58.31% and 58.13% while those two stay apart. Largest support first.
    """

    def width(h: int) -> tuple[int, Decimal]:
        s = st[h]
        if s.lo is None or s.hi is None:
            return (1, _ZERO)
        return (0, s.hi - s.lo)

    groups: list[list[int]] = []
    for h in sorted(heads, key=lambda h: (width(h), order(g[h]))):
        joined = False
        sh = st[h]
        for grp in groups:
            for m in grp:  # agrees with every member (a loop: no generator per group)
                if _verdict(sh, st[m]) is not Verdict.AGREE:
                    break
            else:
                grp.append(h)
                joined = True
        if not joined:
            groups.append([h])
    out = [tuple(sorted(k for h in grp for k in members[h])) for grp in groups]
    out.sort(key=lambda side: (-len({indep[g[k].source] for k in side}), side))
    return tuple(out)


def _vs(items: Iterable[str]) -> str:
    """Distinct items joined by "vs", at most :data:`_LIST_MAX`, then how many more."""
    seen = list(dict.fromkeys(items))
    more = len(seen) - _LIST_MAX
    return " vs ".join(seen[:_LIST_MAX]) + (f" and {more} more" if more > 0 else "")


def _names(claims: Sequence[Claim]) -> str:
    """The short names of the claims' sources, at most :data:`_LIST_MAX` of them."""
    names = sorted({short_source(c.source) for c in claims})
    more = len(names) - _LIST_MAX
    return ", ".join(names[:_LIST_MAX]) + (f" and {more} more" if more > 0 else "")


def _sentence(reason: str, group: Sequence[Claim], indep: Mapping[str, str]) -> str:
    reps = len({indep[c.source] for c in group})
    copies = len({c.source for c in group}) - reps
    note = f" ({copies} of the sources repeat another and count once)" if copies else ""
    s = reason[0].upper() + reason[1:]
    return s.rstrip(".") + note + "."


_VERDICT_ORDER = {Verdict.CONTRADICT: 0, Verdict.NOT_COMPARABLE: 1, Verdict.AGREE: 2}


def _sort_findings(findings: list[Finding], rank: Mapping[int, int]) -> None:
    """Sort in place by verdict, metric, subject, then the ranks of all claims.

    Sorted first on the first claim's rank, which nearly always decides; only
    runs that tie on it are sorted again on every claim's rank (building that
    key for every finding of a million claims showed in the profile).
    """

    def head(f: Finding) -> tuple[int, str, str, int]:
        first = rank[id(f.claims[0])] if f.claims else -1
        return (_VERDICT_ORDER[f.verdict], f.metric or "", f.subject or "", first)

    def full(f: Finding) -> tuple[int, str, str, tuple[int, ...]]:
        return (
            _VERDICT_ORDER[f.verdict],
            f.metric or "",
            f.subject or "",
            tuple(rank[id(c)] for c in f.claims),
        )

    keys = [head(f) for f in findings]
    order = sorted(range(len(findings)), key=keys.__getitem__)
    findings[:] = [findings[i] for i in order]
    keys = [keys[i] for i in order]
    k = 0
    for j in [*(j for j in range(1, len(keys)) if keys[j] != keys[j - 1]), len(keys)]:
        if j - k > 1:
            findings[k:j] = sorted(findings[k:j], key=full)
        k = j


def _finding_order(
    f: Finding,
) -> tuple[int, str, str, tuple[_ClaimKey, ...]]:
    return (
        _VERDICT_ORDER[f.verdict],
        f.metric or "",
        f.subject or "",
        tuple(_claim_order(c) for c in f.claims),
    )


def value_key(
    c: Claim, key: tuple[str, str, str]
) -> tuple[str, str, Decimal, str | None, bool] | None:
    """The key under which one value stated for different metrics is looked for."""
    v = c.quantity.value
    if abs(v) < _DIFF_METRIC_MIN and v == v.to_integral_value():
        return None  # small round counts coincide all the time
    return (key[0], key[2], v, c.quantity.unit, c.change)


_RARE_DIGITS = 3
"""A value with this many significant digits (after trailing zeros) is distinctive."""


def _rare(v: Decimal) -> bool:
    """Whether a value is unlikely to repeat by chance (54.1, 1,256, 96,214,691; not 60 or 8.2m)."""
    return len(abs(v).normalize().as_tuple().digits) >= _RARE_DIGITS


def _same_value_agreement(
    group: Sequence[Claim],
    why: str,
    score: float,
    metric: str | None,
    subject: str,
    n_indep: int,
    indep: Mapping[str, str],
) -> Finding:
    """An AGREE finding for one value stated under different wordings."""
    return Finding(
        verdict=Verdict.AGREE,
        diagnosis=Diagnosis.SAME,
        claims=tuple(group),
        reason=_sentence(why, group, indep),
        score=score,
        metric=metric,
        subject=subject or None,
        independent_sources=n_indep,
    )


def same_value_findings(
    keyed: Sequence[tuple[tuple[str, str, str], Claim]], *, indep: Mapping[str, str]
) -> list[Finding]:
    """One value stated by different sources for different metrics, or one distinctive
    value stated for differently named places (which the blocks never compared)."""
    metrics = {k[1] for k, _ in keyed}
    srcs = {indep[c.source] for _, c in keyed}
    if len(srcs) < 2:
        return []
    if len(metrics) < 2 and (
        len({c.subject for _, c in keyed}) < 2 or not _rare(keyed[0][1].quantity.value)
    ):
        return []  # one metric and one place: the block compared them already
    group = sorted((c for _, c in keyed), key=_claim_order)
    names = " vs ".join(dict.fromkeys((c.metric or c.metric_phrase or "?") for c in group))
    subj = keyed[0][0][2]
    concepts = {_metric_key(c.metric) for c in group if c.metric}
    if len(concepts) <= 1 and _rare(group[0].quantity.value):
        # a value of several significant digits rarely repeats by chance: with at
        # most one concept named, the differently worded metrics are one fact
        shown = sorted(concepts)[0] if concepts else None
        why = (
            f"the sources agree on a distinctive value, {_say(group[0])}, worded"
            f" differently ({names})"
            if len(metrics) > 1
            else f"the sources agree on a distinctive value, {_say(group[0])}, stated"
            f" for {_vs(str(c.subject) for c in group)}"
        )
        return [_same_value_agreement(group, why, 80.0, shown, subj, len(srcs), indep)]
    langs = {c.lang for c in group}
    if (
        not concepts
        and len(langs) > 1
        and len(langs) == len(metrics)
        and len({c.quantity.qualifier for c in group}) == 1
        and all(
            _claims_relation(a, b) != "disjoint"
            for k, a in enumerate(group)
            for b in group[k + 1 :]
        )
    ):
        # words no concept names, one wording per language: the phrases cannot
        # be compared across languages, and the value, its qualifier, place and
        # time all match — most likely one fact, said with less confidence
        why = (
            f"the sources state the same value, {_say(group[0])}, in different"
            f" languages ({names}, words no concept names): probably one fact"
        )
        return [_same_value_agreement(group, why, 60.0, None, subj, len(srcs), indep)]
    return [
        Finding(
            verdict=Verdict.NOT_COMPARABLE,
            diagnosis=Diagnosis.DIFFERENT_METRIC,
            claims=tuple(group),
            reason=(
                f"The same value {_say(group[0])} is given for different metrics ({names}):"
                " one source may have mislabelled the figure."
            ),
            score=90.0,
            metric=None,
            subject=subj or None,
            independent_sources=len(srcs),
        )
    ]


def compare(
    original: Document,
    translation: Document,
    *,
    rates: Mapping[str, Decimal] | None = None,
    concepts: ConceptsArg = None,
) -> Report:
    """Check that a translation keeps every figure of its original.

    The work is done by :func:`integfacts.translation.compare` (sentences
    aligned first, then figures by role, units of measure converted); see
    there. A changed figure is a contradiction, a figure missing from either
    side is in ``report.unmatched``.

    Example:
        >>> import integfacts as ifx
        >>> o = ifx.Document("Ekspor naik 9,6% ke 1,07 miliar dolar AS.", source="a", lang="id")
        >>> t = ifx.Document("Exports rose 9.6% to 10.7 billion dollars.", source="b", lang="en")
        >>> [(f.verdict.value, f.diagnosis.value) for f in compare(o, t).findings]
        [('contradict', 'scale_slip'), ('agree', 'same')]
    """
    from integfacts.translation import compare as _translation_compare  # noqa: PLC0415

    return _translation_compare(original, translation, rates=rates, concepts=concepts)
