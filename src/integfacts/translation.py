"""Translation check: align segments, then figures by role, then compare each pair.

:func:`compare` (re-exported as :func:`integfacts.compare`) checks that a
translation keeps every figure of its original. It works in three steps:

1. **Segments.** Both texts are split into sentences, and the sentences are
   aligned in order (one to one, two to one, one to two, or left alone), by
   their length and the anchors they share: numbers and names written the same
   way on both sides. Bilingual files (:mod:`integfacts.formats`) give their
   segments already aligned.
2. **Figures by role.** Within aligned segments the figures are paired by
   what they are: kind (money, percent, count, rank), unit (a currency, a unit
   of measure read with :mod:`integfacts.units`), order in the segment,
   metric, qualifier and range shape. An equal value is one signal among
   these, not the only one, so a changed figure is still paired with its
   counterpart and reported as a **contradiction** that quotes both sides.
   A figure left over is looked for once more among the other side's
   numerals that are no claim: a number word ("Năm người", five people), a
   numeral the counterpart reads unambiguously. What is still alone is
   **unmatched**: dropped or added by the translation.
3. **Comparison.** A pair agrees when its values are equal, read with the
   counterpart's help when a numeral is ambiguous (``1.200`` is 1.2 or 1200),
   or, in different units of one dimension (inches and millimetres, miles and
   kilometres, °F and °C), when the conversion (pint) lands within the
   rounding of the figure the translator wrote. Both ends of a range are
   compared; qualifiers are compared too ("at least 384" against "sedikitnya
   334" contradicts; "more than" against "less than" contradicts; a dropped
   qualifier is an agreement with a ``qualifier_mismatch`` diagnosis).

Example:
    >>> import integfacts as ifx
    >>> o = ifx.Document("Between 2 and 4 inches of rain fell on 312 villages.", source="en")
    >>> t = ifx.Document("Hujan 50 hingga 100 mm mengguyur 321 desa.", source="id")
    >>> r = compare(o, t)
    >>> [(f.verdict.value, f.claims[1].text) for f in r.findings]
    [('contradict', '321'), ('agree', '50 hingga 100 mm')]
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from integfacts.languages import Language, resolve
from integfacts.model import (
    Claim,
    ClaimKind,
    Diagnosis,
    Document,
    Finding,
    PeriodSource,
    Qualifier,
    Quantity,
    Report,
    Span,
    Verdict,
)
from integfacts.units import Measure, convert, dimension, mentions_units, read_unit

if TYPE_CHECKING:
    from integfacts.extraction import ConceptsArg

__all__ = ["Figure", "SegmentResult", "compare", "compare_segments"]


# ------------------------------------------------------------------ figures


@attrs.frozen
class Figure:
    """A claim as the translation check reads it: its role and its value in its unit.

    Attributes:
        claim: the claim.
        segment: the index of the segment (sentence or file segment) holding it.
        order: its index among the figures of that segment.
        dim: what it measures: ``"money"``, ``"percent"``, ``"pp"``, ``"count"``,
            ``"rank"``, ``"ratio"``, or a unit dimension (``"length"``, ``"area"``,
            ``"mass"``, ``"volume"``, ``"speed"``, ``"temperature"``, ``"power"``).
        unit: the currency code, ``"%"``, the CLDR unit id (``"length-inch"``), or ``None``.
        unit_words: the words of a unit of measure as written (``"inches"``).
        value: the stated value's magnitude, in ``unit`` (a compound such as
            ``6-foot-2`` included).
        upper: the upper end of a range, else ``None``.
        alts: other readings of the stated numeral (``1.200``: 1.2 and 1200).
    """

    claim: Claim
    segment: int
    order: int
    dim: str
    unit: str | None
    value: Decimal
    upper: Decimal | None = None
    unit_words: str = ""
    alts: tuple[Decimal, ...] = ()
    reach: int = 0
    """Where the figure's unit words end (a compound's second part included)."""


_AMBIGUOUS = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{3}(?![\d.,])")
"""One separator before exactly three digits: a thousands group or a decimal mark."""


def _alts(c: Claim) -> tuple[Decimal, ...]:
    """Other readings of a claim's numeral written with one ambiguous separator."""
    found = _AMBIGUOUS.findall(c.text)
    if len(found) != 1:
        return ()
    whole = Decimal(re.sub(r"\D", "", found[0]))
    v = abs(c.quantity.value)
    if v == whole:
        return (whole / 1000,)
    if v == whole / 1000:
        return (whole,)
    return ()  # a scale word applies: "3.500 triệu" is no separator question


def _unit_of(c: Claim, text: str, lang: Language) -> Measure | None:
    """The unit words ending a measure claim ("320 mm": "mm")."""
    for pos in range(c.span.start + 1, c.span.end):
        if text[pos - 1].isdigit() and not text[pos].isdigit():
            m = read_unit(text, pos, lang)
            if m is not None and m.end == c.span.end:
                return m
    return None


def _figure(c: Claim, text: str, lang: Language, segment: int, order: int) -> Figure:
    q = c.quantity
    # a change is compared by its size (its direction is checked apart); a level keeps
    # its sign (-2 degrees)
    value = abs(q.value) if c.change else q.value
    upper = q.upper if q.upper is None or not c.change else abs(q.upper)
    if c.kind is ClaimKind.MEASURE and q.unit is not None:
        # the extraction read the unit: its words are the claim's last ones
        m = _unit_of(c, text, lang)
        if m is not None:
            return Figure(
                c, segment, order, dimension(q.unit), q.unit, value, upper, m.words, _alts(c), m.end
            )
    if c.kind is ClaimKind.COUNT and q.unit is None:
        m = read_unit(text, c.span.end, lang)
        if m is not None:
            return Figure(
                c,
                segment,
                order,
                dimension(m.unit),
                m.unit,
                value + m.extra if upper is None else value,
                upper + m.extra if upper is not None else None,
                m.words,
                _alts(c),
                m.end,
            )
    dim = {ClaimKind.MONEY: "money", ClaimKind.PERCENT: "percent"}.get(c.kind, c.kind.value)
    if q.unit == "pp":
        dim = "pp"
    return Figure(c, segment, order, dim, q.unit, value, upper, "", _alts(c))


# ------------------------------------------------------------------ comparing


_LOWER = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
_UPPER = {Qualifier.LESS_THAN, Qualifier.AT_MOST, Qualifier.NEARLY}


def _family(q: Qualifier) -> str:
    if q in _LOWER:
        return "lower"
    if q in _UPPER:
        return "upper"
    return q.value


_MEASURES = frozenset({"length", "area", "mass", "volume", "speed", "temperature", "power"})


def _place(v: Decimal) -> Decimal:
    """One unit of the last significant digit of ``v`` (500 -> 100, 4.9 -> 0.1, 0 -> 1)."""
    if v == 0:
        return Decimal(1)
    return Decimal(1).scaleb(v.normalize().as_tuple().exponent)  # type: ignore[arg-type]


def _rounding(y: Decimal) -> Decimal:
    """How far a converted value may be from ``y`` and still round to it.

    Half a unit of the last significant digit; for round numbers (``500``,
    ``100``) at most a tenth of the value (and at least half a unit), since
    "about 500 hectares" is a fair rendering of 1,200 acres but not of 1,500.
    """
    place = _place(y)
    half = place / 2
    if place <= 1:
        return half
    return min(half, max(abs(y) / 10, Decimal("0.5")))


def _close(x: Decimal, y: Decimal, qualified: bool) -> bool:
    """Whether a converted value ``x`` rounds to the stated value ``y``."""
    tol = _rounding(y)
    if qualified:
        tol = max(tol, abs(y) / 20)
    return abs(x - y) <= tol


def _convertible(a: Figure, b: Figure) -> bool:
    return (
        a.dim == b.dim
        and a.dim in _MEASURES
        and a.unit is not None
        and b.unit is not None
        and a.unit != b.unit
    )


def _units(a: Figure, b: Figure) -> tuple[str, str]:
    """The two units of measure of a convertible pair."""
    if a.unit is None or b.unit is None:  # pragma: no cover - callers check _convertible
        raise ValueError("a figure without a unit of measure does not convert")
    return a.unit, b.unit


def _ends(f: Figure) -> tuple[Decimal, Decimal | None]:
    return f.value, f.upper


_LOOSE = frozenset({Qualifier.ABOUT, Qualifier.NEARLY})


def _converted_agree(a: Figure, b: Figure) -> bool:
    """Whether the original ``a`` converted into ``b``'s unit rounds to ``b``.

    One way only: the translator converts the original's value, so the
    original's rounding gives no slack ("130 mph" is 209 km/h, not 202).
    """
    if (a.upper is None) != (b.upper is None):
        return False
    loose = bool({a.claim.quantity.qualifier, b.claim.quantity.qualifier} & _LOOSE)
    ua, ub = _units(a, b)
    for va, vb in zip(_ends(a), _ends(b), strict=True):
        if va is None or vb is None:
            continue
        conv = convert(va, ua, ub)
        if conv is None or not _close(conv, vb, loose):
            return False
    return True


def _same_value(a: Figure, b: Figure) -> tuple[bool, bool]:
    """(the values agree, through another reading of an ambiguous numeral)."""
    if _convertible(a, b):
        return _converted_agree(a, b), False
    if a.upper != b.upper:
        return False, False
    if a.value == b.value:
        return True, False
    if b.value in a.alts or a.value in b.alts:
        return True, True
    return False, False


def _one_digit(a: Decimal, b: Decimal) -> bool:
    """Whether two values differ in one digit, or by one digit added, dropped or swapped."""
    sa, sb = format(a.normalize(), "f"), format(b.normalize(), "f")
    if len(sa) == len(sb):
        diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and sorted(sa) == sorted(sb)
    if abs(len(sa) - len(sb)) == 1:
        long, short = (sa, sb) if len(sa) > len(sb) else (sb, sa)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    return False


def _power_of_ten(a: Decimal, b: Decimal) -> bool:
    if a <= 0 or b <= 0:
        return False
    r = max(a, b) / min(a, b)
    return r == Decimal(10) ** int(r.adjusted()) and r > 1


def _relation(a: Figure, b: Figure) -> int:
    """0: the values agree; 1: a plausible slip of one into the other; 2: unrelated."""
    same, _ = _same_value(a, b)
    if same:
        return 0
    if _convertible(a, b):
        conv = convert(a.value, *_units(a, b))
        if conv is None or conv == 0 or b.value == 0:
            return 2
        r = abs(conv / b.value) if b.value else Decimal(0)
        return 1 if Decimal("0.5") <= r <= 2 else 2
    va, vb = a.value, b.value
    if _power_of_ten(va, vb) or _one_digit(va, vb):
        return 1
    if a.upper is not None and b.upper is not None and (va == vb or a.upper == b.upper):
        return 1
    if va and vb and Decimal("0.8") <= va / vb <= Decimal("1.25"):
        return 1
    return 2


def _compatible(a: Figure, b: Figure) -> float | None:
    """The cost of pairing two kinds of figure; ``None``: never paired."""
    if a.dim == b.dim:
        if a.dim == "money" and a.unit != b.unit:
            return 0.8
        return 0.0
    dims = {a.dim, b.dim}
    if dims == {"percent", "pp"}:
        return 0.5
    if "count" in dims and (dims - {"count"}) <= _MEASURES | {"rank", "money"}:
        return 0.9  # a unit or a currency one side's reading missed
    return None


_UNPAIRED = 3.0
"""A pair is made only when its cost is below this (leaving both alone costs this)."""


def _cost(a: Figure, b: Figure, na: int, nb: int) -> float | None:
    base = _compatible(a, b)
    if base is None:
        return None
    cost = base + (0.0, 1.2, 2.4)[_relation(a, b)]
    cost += abs((a.order + 0.5) / na - (b.order + 0.5) / nb)
    ma, mb = a.claim.metric, b.claim.metric
    if ma is not None and mb is not None:
        cost += -0.3 if ma == mb else 0.3
    if _family(a.claim.quantity.qualifier) != _family(b.claim.quantity.qualifier):
        cost += 0.15
    if a.claim.change != b.claim.change:
        cost += 0.2
    if (a.upper is None) != (b.upper is None):
        cost += 0.4
    return cost


_EXACT_MAX = 9
"""Up to this many figures on the smaller side are paired by an exact search."""


def _assign(
    left: Sequence[Figure], right: Sequence[Figure], limit: float = _UNPAIRED
) -> list[tuple[int, int]]:
    """The cheapest one-to-one pairing of two segments' figures (pairs under ``limit``)."""
    na, nb = len(left), len(right)
    if not na or not nb:
        return []
    costs: dict[tuple[int, int], float] = {}
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            c = _cost(a, b, na, nb)
            if c is not None and c < limit:
                costs[i, j] = c - limit  # a saving against leaving both alone
    if not costs:
        return []
    if min(na, nb) <= _EXACT_MAX and max(na, nb) <= 2 * _EXACT_MAX:
        return _exact(na, nb, costs)
    out: list[tuple[int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for (i, j), _ in sorted(costs.items(), key=lambda kv: (kv[1], kv[0])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out)


def _exact(na: int, nb: int, costs: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Minimum-cost matching by dynamic programming over the smaller side's subsets."""
    flip = na < nb
    if flip:
        costs = {(j, i): c for (i, j), c in costs.items()}
        na, nb = nb, na
    # rows: the larger side, in order; state: the set of the smaller side's figures used
    best: dict[int, tuple[float, tuple[tuple[int, int], ...]]] = {0: (0.0, ())}
    for i in range(na):
        nxt = dict(best)
        for mask, (total, pairs) in best.items():
            for j in range(nb):
                c = costs.get((i, j))
                if c is None or mask & (1 << j):
                    continue
                key = mask | (1 << j)
                cand = (total + c, (*pairs, (i, j)))
                if key not in nxt or cand[0] < nxt[key][0] - 1e-12:
                    nxt[key] = cand
        best = nxt
    pairs = min(best.values(), key=lambda v: (v[0], v[1]))[1]
    return sorted((j, i) for i, j in pairs) if flip else list(pairs)


def _describe(f: Figure) -> str:
    from integfacts.reconciliation import _say  # noqa: PLC0415

    c = f.claim
    if c.kind is ClaimKind.MEASURE:  # the unit as the text words it, not its symbol
        c = attrs.evolve(c, quantity=attrs.evolve(c.quantity, unit=None))
    said = _say(c)
    if f.dim in _MEASURES and f.unit_words:
        said = f"{said} {f.unit_words}"
    return said


def _show_stated(v: Decimal) -> str:
    from integfacts.reconciliation import _fmt  # noqa: PLC0415

    return _fmt(v)


def _show(v: Decimal) -> str:
    from integfacts.reconciliation import _fmt  # noqa: PLC0415

    return _fmt(v.quantize(Decimal("0.1")) if abs(v) >= 10 else v.quantize(Decimal("0.01")))


def _judge(
    a: Figure, b: Figure, rates: Mapping[str, Decimal] | None
) -> tuple[Verdict, Diagnosis, str]:
    """The verdict, diagnosis and reason of one pair of figures (original, translation)."""
    from integfacts.reconciliation import (  # noqa: PLC0415
        _compare,
        _factor_diagnosis,
        _with_fixed_rates,
    )

    ca, cb = a.claim, b.claim
    qa, qb = ca.quantity, cb.quantity
    fa, fb = _family(qa.qualifier), _family(qb.qualifier)
    if {fa, fb} == {"lower", "upper"}:
        return (
            Verdict.CONTRADICT,
            Diagnosis.QUALIFIER_MISMATCH,
            f"the qualifiers point opposite ways: {_describe(a)} vs {_describe(b)}",
        )
    if a.dim == "money" and b.dim == "money" and a.unit != b.unit:
        cmp = _compare([ca, cb], _with_fixed_rates(rates))
        return cmp.verdict, cmp.diagnosis, cmp.reason
    if {a.dim, b.dim} == {"percent", "pp"}:
        cmp = _compare([ca, cb], None)
        return cmp.verdict, cmp.diagnosis, cmp.reason
    same, by_alt = _same_value(a, b)
    da, db = _describe(a), _describe(b)
    said = da if da == db else f"{da} vs {db}"
    if not same:
        return (Verdict.CONTRADICT, *_difference(a, b, said, _factor_diagnosis))
    if ca.change and cb.change and (qa.value < 0) != (qb.value < 0):
        return (
            Verdict.CONTRADICT,
            Diagnosis.VALUE_DIFFERS,
            f"one side says up, the other down: {said}",
        )
    if _periods_apart(ca, cb):
        return (
            Verdict.CONTRADICT,
            Diagnosis.DIFFERENT_PERIOD,
            f"the figures are stated for different years ({ca.period.label if ca.period else '?'}"
            f" vs {cb.period.label if cb.period else '?'}): {said}",
        )
    note = ""
    diag = Diagnosis.SAME
    if _convertible(a, b):
        ends = [convert(v, *_units(a, b)) for v in _ends(a) if v is not None]
        shown = "–".join(_show(v) for v in ends if v is not None)
        stated = "–".join(_show_stated(v) for v in _ends(a) if v is not None)
        note = (
            f"; {stated} {a.unit_words} is {shown} {b.unit_words},"
            " within the rounding of the translation"
        )
        diag = Diagnosis.APPROXIMATE
    elif by_alt:
        note = "; the numeral with one separator before three digits is read as its counterpart"
    if fa != fb:
        return (
            Verdict.AGREE,
            Diagnosis.QUALIFIER_MISMATCH,
            f"the sources agree on the value, with different qualifiers: {said}{note}",
        )
    return Verdict.AGREE, diag, f"the sources agree: {said}{note}"


def _difference(a: Figure, b: Figure, said: str, factor: object) -> tuple[Diagnosis, str]:
    """The diagnosis and reason of two figures whose values differ."""
    from integfacts.reconciliation import _factor_diagnosis  # noqa: PLC0415

    va, vb = a.value, b.value
    if _convertible(a, b):
        conv = convert(va, *_units(a, b))
        if conv is not None and conv > 0 and vb > 0:
            va = conv
    if (a.upper is None) != (b.upper is None):
        return (
            Diagnosis.VALUE_DIFFERS,
            f"one side gives a range, the other a single value: {said}",
        )
    if a.upper is not None and b.upper is not None and va == vb:
        return Diagnosis.VALUE_DIFFERS, f"the upper ends of the range differ: {said}"
    lo, hi = min(va, vb), max(va, vb)
    fac = _factor_diagnosis(lo, hi) if lo > 0 and lo != hi else None
    if fac is not None:
        return fac[0], f"{said}: {fac[1]}"
    if lo > 0:
        rel = (hi - lo) / lo * 100
        places = 0 if rel >= 10 else 1 if rel >= 1 else 2
        pct = round(rel, places)
        return Diagnosis.VALUE_DIFFERS, f"values differ by {pct}%: {said}"
    return Diagnosis.VALUE_DIFFERS, f"values differ: {said}"


def _periods_apart(a: Claim, b: Claim) -> bool:
    """Whether both claims state their own periods, in years that do not overlap."""
    pa, pb = a.period, b.period
    if a.period_source is not PeriodSource.EXPLICIT or b.period_source is not PeriodSource.EXPLICIT:
        return False
    if pa is None or pb is None:
        return False
    if pa.start is None or pa.end is None or pb.start is None or pb.end is None:
        return False
    return pa.end.year < pb.start.year or pb.end.year < pa.start.year


# ------------------------------------------------------------------ segments


@attrs.frozen
class _Side:
    """One text of a comparison, split into segments, with its figures."""

    doc: Document
    lang: str
    language: Language  # the same language's data, resolved once
    claims: tuple[Claim, ...]
    segments: tuple[Span, ...]
    figures: tuple[tuple[Figure, ...], ...]
    anchors: tuple[frozenset[str], ...]


_NAME = re.compile(r"(?<![\w])[A-Z][\w\-]{2,}")
_NUMERAL_ANCHOR = re.compile(r"\d")


def _segment_of(starts: Sequence[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _side(
    doc: Document, claims: Sequence[Claim], segments: Sequence[Span], *, anchored: bool = True
) -> _Side:
    from integfacts.numbers import find_numerals  # noqa: PLC0415

    lang = doc.lang or ""
    language = resolve(lang)
    starts = [s.start for s in segments]
    per: list[list[Claim]] = [[] for _ in segments]
    for c in claims:
        per[_segment_of(starts, c.span.start)].append(c)
    anchors: list[set[str]] = [set() for _ in segments]
    # the numerals: anchors for aligning sentences, and measures the extraction left
    scan = anchored or mentions_units(doc.text, language)
    numerals = find_numerals(doc.text, language) if scan else []
    spans = sorted((c.span.start, c.span.end) for c in claims)
    measures: list[Claim] = []
    for n in numerals:
        k = _segment_of(starts, n.span.start)
        anchors[k].add(str(n.value.normalize()))
        # a numeral the extraction left that a unit of measure follows is a figure
        # too ("a 10-foot python", "6-foot-2")
        if _covered(spans, n.span) or read_unit(doc.text, n.span.end, language) is None:
            continue
        c = _bare_claim(doc, lang, n.span, n.value, segments[k])
        per[k].append(c)
        measures.append(c)
    for cs in per:
        cs.sort(key=lambda c: c.span.start)
    figures = tuple(_segment_figures(cs, doc.text, language, k) for k, cs in enumerate(per))
    kept = {id(f.claim) for fs in figures for f in fs}
    claims = sorted((c for c in (*claims, *measures) if id(c) in kept), key=lambda c: c.span.start)
    for k, s in enumerate(segments if anchored else ()):
        body = doc.text[s.start : s.end]
        for m in _NAME.finditer(body, 1):
            anchors[k].add(m.group().casefold())
    return _Side(
        doc,
        lang,
        language,
        tuple(claims),
        tuple(segments),
        figures,
        tuple(frozenset(a) for a in anchors),
    )


def _segment_figures(cs: Sequence[Claim], text: str, lang: Language, k: int) -> tuple[Figure, ...]:
    """The figures of one segment's claims; a claim inside a compound measure is part of it
    ("6-foot-6": the second 6 is the inches of the first figure)."""
    out: list[Figure] = []
    reach = -1
    for c in cs:
        if c.span.start < reach:
            continue
        f = _figure(c, text, lang, k, len(out))
        reach = max(reach, f.reach)
        out.append(f)
    return tuple(out)


def _covered(spans: Sequence[tuple[int, int]], s: Span) -> bool:
    """Whether a span overlaps one of ``spans`` (sorted by start)."""
    k = bisect.bisect_left(spans, (s.end, s.end))
    return any(a < s.end and s.start < b for a, b in spans[max(0, k - 8) : k])


def _bare_claim(doc: Document, lang: str, span: Span, value: Decimal, sentence: Span) -> Claim:
    """A claim for a numeral the extraction made no claim of."""
    return Claim(
        quantity=Quantity(value),
        span=span,
        source=doc.source,
        lang=lang,
        text=doc.text[span.start : span.end],
        sentence=sentence,
        context=doc.text[sentence.start : sentence.end],
    )


def _group_cost(a: _Side, ia: Sequence[int], b: _Side, ib: Sequence[int]) -> float:
    la = sum(len(a.segments[i]) for i in ia)
    lb = sum(len(b.segments[j]) for j in ib)
    cost = abs(math.log((la + 20) / (lb + 20))) * 2
    sa = frozenset().union(*(a.anchors[i] for i in ia))
    sb = frozenset().union(*(b.anchors[j] for j in ib))
    union = len(sa | sb)
    if union:
        cost += 2 * (1 - len(sa & sb) / union)
    else:
        cost += 0.5
    if len(ia) + len(ib) > 2:
        cost += 0.8
    return cost


_SKIP = 2.5
_BAND = 24


def align_segments(a: _Side, b: _Side) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Align two texts' segments in order: 1-1, 2-1, 1-2, 1-0 and 0-1 (dynamic programming)."""
    n, m = len(a.segments), len(b.segments)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo = max(0, int(centre) - _BAND)
        hi = min(m, int(centre) + _BAND)
        for j in range(lo, hi + 1):
            if (i, j) == (0, 0):
                continue
            best, arg = inf, (0, 0)
            for di, dj in ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2)):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or (pi, pj) not in cost:
                    continue
                if di and dj:
                    step = _group_cost(a, range(pi, i), b, range(pj, j))
                else:
                    k = pi if di else pj
                    side = a if di else b
                    step = _SKIP + 0.5 * len(side.figures[k])
                total = cost[pi, pj] + step
                if total < best:
                    best, arg = total, (pi, pj)
            if best < inf:
                cost[i, j] = best
                back[i, j] = arg
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    if (i, j) not in back and (n or m):  # pragma: no cover - the band always reaches the end
        return [(tuple(range(n)), tuple(range(m)))]
    while (i, j) != (0, 0):
        pi, pj = back[i, j]
        out.append((tuple(range(pi, i)), tuple(range(pj, j))))
        i, j = pi, pj
    out.reverse()
    return out


# ------------------------------------------------------------------ leftovers


def _unclaimed(side: _Side, segs: Iterable[int], taken: Sequence[Span]) -> list[Figure]:
    """Numerals of some segments that are no claim: number words, unclaimed digits."""
    from integfacts.numbers import find_numerals  # noqa: PLC0415

    text = side.doc.text
    words = side.language.values
    out: list[Figure] = []
    for k in segs:
        s = side.segments[k]
        body = text[s.start : s.end]
        found: list[tuple[int, int, Decimal]] = [
            (s.start + n.span.start, s.start + n.span.end, n.value)
            for n in find_numerals(body, side.language)
        ]
        for m in re.finditer(r"[^\W\d_]+", body):
            v = words.get(m.group().casefold())
            if v is not None and v > 1:
                found.append((s.start + m.start(), s.start + m.end(), v))
        for a, b, v in found:
            if any(t.start < b and a < t.end for t in taken):
                continue
            claim = _bare_claim(side.doc, side.lang, Span(a, b), v, s)
            out.append(_figure(claim, text, side.language, k, 0))
    return out


def _split_ranges(
    mine: Sequence[Figure], other: Sequence[Figure], *, original: bool
) -> list[Figure]:
    """A range whose two ends the other side states as two figures becomes two figures.

    "grew from 4.2 million to 4.4 million" may be read as one range on one
    side and as two figures on the other; both ends are still compared.
    """

    def agree(x: Figure, y: Figure) -> bool:
        return _relation(x, y) == 0 if original else _relation(y, x) == 0

    out: list[Figure] = []
    for f in mine:
        if f.upper is None or any(g.upper is not None and agree(f, g) for g in other):
            out.append(f)
            continue
        lo = attrs.evolve(f, upper=None)
        hi = attrs.evolve(f, value=f.upper, upper=None)
        singles = [g for g in other if g.upper is None]
        k = next((i for i, g in enumerate(singles) if agree(lo, g)), None)
        if k is not None and any(agree(hi, g) for i, g in enumerate(singles) if i != k):
            out += [lo, hi]
        else:
            out.append(f)
    return out


def _rescued(a: Figure, b: Figure) -> bool:
    """Whether a leftover figure and a numeral that is no claim are one figure.

    Equal values (or a faithful conversion); or two measures of one dimension
    whose values are a plausible slip of each other (the unit words say what
    they are, where a bare numeral could be a year or an identifier).
    """
    rel = _relation(a, b)
    return rel == 0 or (rel == 1 and a.dim == b.dim and a.dim in _MEASURES)


# ------------------------------------------------------------------ the report


def _finding(a: Figure, b: Figure, rates: Mapping[str, Decimal] | None) -> Finding:
    from integfacts.reconciliation import _sentence  # noqa: PLC0415

    verdict, diag, reason = _judge(a, b, rates)
    ca, cb = a.claim, b.claim
    indep = {ca.source: ca.source, cb.source: cb.source}
    return Finding(
        verdict=verdict,
        diagnosis=diag,
        claims=(ca, cb),
        reason=_sentence(reason, [ca, cb], indep),
        metric=ca.metric or cb.metric,
        subject=ca.subject or cb.subject,
        independent_sources=2,
    )


def _pair_groups(
    a: _Side,
    b: _Side,
    groups: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    across: bool,
) -> tuple[list[tuple[Figure, Figure]], list[Figure], list[Figure]]:
    """Pair the figures of aligned segment groups; return pairs and what is left."""
    pairs: list[tuple[Figure, Figure]] = []
    left_a: list[Figure] = []
    left_b: list[Figure] = []
    for ia, ib in groups:
        fa = [f for i in ia for f in a.figures[i]]
        fb = [f for j in ib for f in b.figures[j]]
        fa, fb = _split_ranges(fa, fb, original=True), _split_ranges(fb, fa, original=False)
        fa = [attrs.evolve(f, order=k) for k, f in enumerate(fa)]
        fb = [attrs.evolve(f, order=k) for k, f in enumerate(fb)]
        got = _assign(fa, fb)
        pairs += [(fa[i], fb[j]) for i, j in got]
        ua = [f for k, f in enumerate(fa) if k not in {i for i, _ in got}]
        ub = [f for k, f in enumerate(fb) if k not in {j for _, j in got}]
        # a leftover figure: look among the other side's numerals that are no claim
        if ua and ib:
            cands = _unclaimed(b, ib, [c.span for c in b.claims])
            more = [(i, j) for i, j in _assign(ua, cands) if _rescued(ua[i], cands[j])]
            pairs += [(ua[i], cands[j]) for i, j in more]
            done = {i for i, _ in more}
            ua = [f for k, f in enumerate(ua) if k not in done]
        if ub and ia:
            cands = _unclaimed(a, ia, [c.span for c in a.claims])
            more = [(i, j) for i, j in _assign(cands, ub) if _rescued(cands[i], ub[j])]
            pairs += [(cands[i], ub[j]) for i, j in more]
            done = {j for _, j in more}
            ub = [f for k, f in enumerate(ub) if k not in done]
        left_a += ua
        left_b += ub
    if across and left_a and left_b:
        # figures of segments aligned wrongly: equal values of one kind, anywhere
        used_a: set[int] = set()
        used_b: set[int] = set()
        for i, x in enumerate(left_a):
            for j, y in enumerate(left_b):
                if j in used_b or _compatible(x, y) != 0.0 or _relation(x, y) != 0:
                    continue
                if x.value < 10 and x.upper is None:
                    continue  # small numbers repeat by chance
                pairs.append((x, y))
                used_a.add(i)
                used_b.add(j)
                break
        left_a = [f for k, f in enumerate(left_a) if k not in used_a]
        left_b = [f for k, f in enumerate(left_b) if k not in used_b]
    return pairs, left_a, left_b


def _report(
    a: _Side,
    b: _Side,
    groups: Sequence[tuple[Sequence[int], Sequence[int]]],
    rates: Mapping[str, Decimal] | None,
    *,
    across: bool,
) -> Report:
    from integfacts.reconciliation import _finding_order  # noqa: PLC0415

    pairs, left_a, left_b = _pair_groups(a, b, groups, across=across)
    findings = sorted((_finding(x, y, rates) for x, y in pairs), key=_finding_order)
    known = {id(c) for c in (*a.claims, *b.claims)}
    extra_a = [x.claim for x, _ in pairs if id(x.claim) not in known]
    extra_b = [y.claim for _, y in pairs if id(y.claim) not in known]
    claims = (
        *sorted((*a.claims, *extra_a), key=lambda c: c.span.start),
        *sorted((*b.claims, *extra_b), key=lambda c: c.span.start),
    )
    unmatched = tuple(sorted((f.claim for f in left_a), key=lambda c: c.span.start)) + tuple(
        sorted((f.claim for f in left_b), key=lambda c: c.span.start)
    )
    return Report(
        findings=tuple(findings),
        unmatched=unmatched,
        claims=claims,
        documents=tuple(sorted({a.doc.source, b.doc.source})),
    )


def _segments(text: str, lang: Language) -> tuple[Span, ...]:
    from integfacts.extraction import _lex, _sentences  # noqa: PLC0415

    spans = _sentences(text, _lex(lang).dotted)
    return spans or (Span(0, len(text)),)


def _resolved(doc: Document) -> Document:
    if doc.lang is not None:
        return doc
    from integfacts.langid import detect_language  # noqa: PLC0415

    return attrs.evolve(doc, lang=detect_language(doc.text))


def compare(
    original: Document,
    translation: Document,
    *,
    rates: Mapping[str, Decimal] | None = None,
    concepts: ConceptsArg = None,
) -> Report:
    """Check that a translation keeps every figure of its original.

    Sentences are aligned first, then the figures of aligned sentences are
    paired by role (kind, unit, order, metric, qualifier); a changed figure
    is a contradiction with both sides' words, a figure on one side only is
    in ``report.unmatched``. Units of measure convert (pint) before comparing:
    a faithful conversion within the translation's rounding agrees.
    ``rates`` converts currencies; ``concepts`` adds the user's concept terms
    (a concept file's path, its data as a mapping, or a
    :class:`~integfacts.concepts.Lexicon`) to both sides' extraction; an
    invalid one raises ``ValueError`` naming the file and the key.

    Example:
        >>> import integfacts as ifx
        >>> o = ifx.Document("Sedikitnya 384 orang tewas.", source="id", lang="id")
        >>> t = ifx.Document("At least 334 people died.", source="en", lang="en")
        >>> f = compare(o, t).findings[0]
        >>> (f.verdict.value, f.reason)
        ('contradict', 'Values differ by 15%: at least 384 vs at least 334.')
    """
    from integfacts.concepts import lexicon_for  # noqa: PLC0415
    from integfacts.extraction import extract  # noqa: PLC0415

    lexicon = lexicon_for(concepts)
    original, translation = _resolved(original), _resolved(translation)
    a_claims = extract(original, concepts=lexicon)
    b_claims = extract(translation, concepts=lexicon)
    a = _side(original, a_claims, _segments(original.text, resolve(original.lang or "")))
    b = _side(translation, b_claims, _segments(translation.text, resolve(translation.lang or "")))
    groups = align_segments(a, b)
    return _report(a, b, groups, rates, across=True)


# ------------------------------------------------------------------ many segments


@attrs.frozen
class SegmentResult:
    """The check of one segment of a bilingual file.

    Attributes:
        id: the segment's id in the file (XLIFF ``id``, TMX ``tuid``, PO
            ``msgctxt`` or line number, TSV/CSV row number or id column).
        source: the original text.
        target: the translation.
        report: the segment's comparison: findings, unmatched figures; claim
            spans are offsets into ``source`` and ``target``.
    """

    id: str
    source: str
    target: str
    report: Report
    source_lang: str = ""
    target_lang: str = ""

    @property
    def ok(self) -> bool:
        """Whether every figure was kept: no contradiction and nothing unmatched."""
        return not self.report.contradictions and not self.report.unmatched


_JOIN = "\n\n"


def compare_segments(
    segments: Sequence[tuple[str, str, str]],
    *,
    source_lang: str,
    target_lang: str,
    rates: Mapping[str, Decimal] | None = None,
    concepts: ConceptsArg = None,
    source_label: str = "original",
    target_label: str = "translation",
    workers: int = 1,
) -> list[SegmentResult]:
    """Check many aligned segments ``(id, source, target)``; one result per segment.

    The segments are extracted 200 at a time, each batch as one text with the
    segments as paragraphs, so that ten thousand short segments cost a hundred
    extractions, not twenty thousand. Each segment is its own unit: figures
    are paired only within it. ``workers``: processes extracting the batches
    (:func:`integfacts.extract_many`); one by default (10,000 short news
    segments take 7-8 CPU seconds in one process; a second process pays off
    only on an otherwise idle machine).

    Raises:
        UnsupportedLanguageError: for a language without a data file.
    """
    from integfacts.batch import extract_many  # noqa: PLC0415
    from integfacts.concepts import lexicon_for  # noqa: PLC0415

    lexicon = lexicon_for(concepts)
    clean = [(sid, _flat(s), _flat(t)) for sid, s, t in segments]
    batches: list[tuple[int, list[str], list[int]]] = []
    docs: list[Document] = []
    for k, lang, label in ((1, source_lang, source_label), (2, target_lang, target_label)):
        texts = [seg[k] for seg in clean]
        for first in range(0, len(texts), _CHUNK):
            part = texts[first : first + _CHUNK]
            joined, offsets = _joined(part)
            batches.append((k, part, offsets))
            docs.append(Document(joined, source=label, lang=lang))
    sides: dict[int, list[list[Claim]]] = {1: [], 2: []}
    got = extract_many(docs, workers=workers, chunksize=1, concepts=lexicon)
    for (k, part, offsets), claims in zip(batches, got, strict=True):
        sides[k] += _per_segment(claims, part, offsets)
    out: list[SegmentResult] = []
    for n, (sid, s, t) in enumerate(clean):
        da = Document(s, source=source_label, lang=source_lang)
        db = Document(t, source=target_label, lang=target_lang)
        a = _side(da, sides[1][n], (Span(0, len(s)),), anchored=False)
        b = _side(db, sides[2][n], (Span(0, len(t)),), anchored=False)
        report = _report(a, b, [((0,), (0,))], rates, across=False)
        out.append(SegmentResult(sid, s, t, report, source_lang, target_lang))
    return out


_CHUNK = 200
"""Segments extracted together: one text of a few dozen KB (extraction has parts that
grow faster than the text, so ten thousand segments are not one text)."""


def _joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """Some segments as one text of paragraphs, and where each starts in it."""
    offsets: list[int] = []
    pos = 0
    for t in texts:
        offsets.append(pos)
        pos += len(t) + len(_JOIN)
    return _JOIN.join(texts), offsets


def _per_segment(
    claims: Sequence[Claim], texts: Sequence[str], offsets: Sequence[int]
) -> list[list[Claim]]:
    """The claims of a joined text, each in its own segment (spans shifted into it)."""
    per: list[list[Claim]] = [[] for _ in texts]
    for c in claims:
        n = _segment_of(offsets, c.span.start)
        per[n].append(_shifted(c, offsets[n], texts[n]))
    return per


def _flat(text: str) -> str:
    """A segment's text with no blank line inside (blank lines separate segments)."""
    return re.sub(r"\n\s*\n", "\n", text)


def _shifted(c: Claim, offset: int, text: str) -> Claim:
    """A claim of the joined text, with its spans in its own segment's text."""
    if not offset:
        return c
    span = Span(c.span.start - offset, c.span.end - offset)
    sent = c.sentence
    if sent is not None:
        sent = Span(max(0, sent.start - offset), min(len(text), max(0, sent.end - offset)))
    return attrs.evolve(c, span=span, sentence=sent)
