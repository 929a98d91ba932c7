"""The values integfacts passes between its steps: immutable attrs classes.

text -> numerals -> claims -> findings -> report. Every class here is frozen
and slotted; amounts are :class:`~decimal.Decimal`, never ``float``.

Example:
    >>> from decimal import Decimal
    >>> q = Quantity(Decimal("10.9e9"), unit="USD", step=Decimal("1e8"))
    >>> (q.low, q.high)
    (Decimal('1.085E+10'), Decimal('1.095E+10'))
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "Claim",
    "ClaimKind",
    "Diagnosis",
    "Document",
    "Finding",
    "Outcome",
    "Period",
    "PeriodSource",
    "Qualifier",
    "Quantity",
    "Report",
    "ScanItem",
    "Span",
    "Verdict",
]


def _non_negative_int(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen
class Span:
    """Character offsets ``[start, end)`` into a document's text.

    ``text[span.start:span.end]`` is exactly the words that state a figure.

    Raises:
        ValueError: if ``end < start`` or an offset is negative.
        TypeError: if an offset is not an ``int``.

    Example:
        >>> Span(3, 7).slice("In 2025 ...")
        '2025'
    """

    start: int = attrs.field(validator=_non_negative_int)
    end: int = attrs.field(validator=_non_negative_int)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Span end ({self.end}) is before its start ({self.start})")

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


class _FastEnum(enum.Enum):
    """An enum hashed by identity (members are singletons): C-speed dict and set lookups.

    ``enum.Enum`` hashes by name in Python code, which showed in the
    reconciliation profile (members are hashed in every signature).
    """

    __hash__ = object.__hash__


class Qualifier(_FastEnum):
    """How a text qualifies a stated value ("more than 3,000", "about 58")."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    NEARLY = "nearly"
    """Close to but below the value ("nearly", "hampir", "gần", "نزدیک به")."""
    MULTIPLES = "multiples"
    """An order of magnitude only ("hundreds of", "ratusan", "صدها")."""


_ABOUT_REL = Decimal("0.05")
"""Relative half-width given to "about"/"nearly" when the stated precision is finer."""


def _decimal(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(
            f"{attribute.name} must be a decimal.Decimal, got {type(value).__name__}"
            " (money and counts are never floats)"
        )
    if not value.is_finite():
        raise ValueError(f"{attribute.name} must be finite, got {value}")


def _opt_decimal(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _decimal(instance, attribute, value)


@attrs.frozen
class Quantity:
    """A stated amount: value, unit, qualifier and the precision of the wording.

    Attributes:
        value: the value exactly as stated, scale words applied
            (``1,07 miliar`` -> ``Decimal("1070000000")``).
        unit: ISO 4217 code for money, ``"%"`` for percent, ``"pp"`` for
            percentage points, a CLDR unit id for a measure (``"length-meter"``,
            ``"length-millimeter"``), ``None`` for counts.
        qualifier: how the text qualifies the value.
        step: the stated precision: one unit of the last stated digit, scale
            applied (``10,9 miliar`` -> ``1E+8``); ``0`` for an exact count.
        upper: for ranges ("60-70") the upper value; ``None`` otherwise.
        of: for ratios ("23/24 target") the whole (24); ``None`` otherwise.
        alternative: the value under the other separator convention when the
            digits are ambiguous ("10,000" in a Vietnamese text: 10000 when the
            document groups thousands with commas, else 10); ``None`` when the
            digits say one value. ``value`` follows the document's convention;
            a comparison may choose the reading that fits the other source.
            Not part of equality or of the repr.

    ``low`` and ``high`` are the interval the wording commits to; ``None``
    stands for an open end.

    Example:
        >>> Quantity(Decimal(3000), qualifier=Qualifier.MORE_THAN).low
        Decimal('3000')
    """

    value: Decimal = attrs.field(validator=_decimal)
    unit: str | None = None
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, validator=attrs.validators.instance_of(Qualifier)
    )
    step: Decimal = attrs.field(default=Decimal(0), validator=_decimal)
    upper: Decimal | None = attrs.field(default=None, validator=_opt_decimal)
    of: Decimal | None = attrs.field(default=None, validator=_opt_decimal)
    alternative: Decimal | None = attrs.field(
        default=None, validator=_opt_decimal, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if self.step < 0:
            raise ValueError(f"step must be >= 0, got {self.step}")
        if self.upper is not None and self.upper < self.value:
            raise ValueError(f"range upper bound {self.upper} is below its value {self.value}")

    @property
    def low(self) -> Decimal | None:
        """The lowest value the wording is compatible with (``None``: unbounded)."""
        half = self.step / 2
        q = self.qualifier
        if q in (Qualifier.EXACT, Qualifier.AT_LEAST):
            return self.value - half
        if q is Qualifier.MORE_THAN:
            return self.value
        if q in (Qualifier.ABOUT, Qualifier.NEARLY):
            return self.value - max(half, abs(self.value) * _ABOUT_REL)
        if q is Qualifier.MULTIPLES:
            return self.value * 2
        return None  # LESS_THAN, AT_MOST: no lower bound stated

    @property
    def high(self) -> Decimal | None:
        """The highest value the wording is compatible with (``None``: unbounded)."""
        top = self.upper if self.upper is not None else self.value
        half = self.step / 2
        q = self.qualifier
        if q in (Qualifier.EXACT, Qualifier.AT_MOST):
            return top + half
        if q is Qualifier.LESS_THAN:
            return top
        if q is Qualifier.ABOUT:
            return top + max(half, abs(top) * _ABOUT_REL)
        if q is Qualifier.NEARLY:
            return top
        if q is Qualifier.MULTIPLES:
            return top * 10 - 1
        return None  # MORE_THAN, AT_LEAST


class PeriodSource(_FastEnum):
    """How a claim got its period."""

    EXPLICIT = "explicit"
    """Stated in the claim's own sentence or clause."""
    INHERITED = "inherited"
    """The nearest period stated earlier in the paragraph."""
    PUBLICATION = "publication"
    """No period is stated for the figure: it is read as true when the document
    was published (``Claim.as_of`` is the publication date)."""
    NONE = "none"


@attrs.frozen
class Period:
    """A time span a figure refers to; either end may be open (``None``).

    ``start``/``end`` are inclusive dates. ``by 2030`` has only an ``end``.

    Raises:
        ValueError: if ``end`` is before ``start``.
    """

    start: datetime.date | None = None
    end: datetime.date | None = None
    text: str = ""

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            v = getattr(self, name)
            if v is not None and not isinstance(v, datetime.date):
                raise TypeError(f"Period.{name} must be a datetime.date, got {type(v).__name__}")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"Period end {self.end} is before its start {self.start}")

    @property
    def label(self) -> str:
        """A short human label: "2024", "2021–2025", "up to 2030", "2025-09-26"."""
        s, e = self.start, self.end
        if s is not None and e is not None:
            if s == e:
                return s.isoformat()
            if s.year == e.year:
                whole = (s.month, s.day, e.month, e.day) == (1, 1, 12, 31)
                return str(s.year) if whole else f"{s.isoformat()}–{e.isoformat()}"
            return f"{s.year}–{e.year}"
        if e is not None:
            return f"up to {e.year}"
        if s is not None:
            return f"from {s.year}"
        return "unstated"

    def overlaps(self, other: Period) -> bool:
        """Whether two periods share at least one day (open ends extend forever)."""
        lo = max((d for d in (self.start, other.start) if d is not None), default=datetime.date.min)
        hi = min((d for d in (self.end, other.end) if d is not None), default=datetime.date.max)
        return lo <= hi


def _to_date(value: Any) -> Any:
    """A publication date from a date, a datetime or an ISO string (others are left to fail)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(
                f"published must be an ISO date such as '2025-10-07', got {value!r}"
            ) from None
    return value


def _opt_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, datetime.date):
        raise TypeError(f"published must be a datetime.date or None, got {type(value).__name__}")


def _text(instance: Any, attribute: attrs.Attribute[str], value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(
            f"Document.{attribute.name} must be str, got {type(value).__name__}"
            + (
                " (decode bytes first, e.g. data.decode('utf-8'))"
                if isinstance(value, bytes)
                else ""
            )
        )


@attrs.frozen
class Document:
    """A text and where it came from.

    Attributes:
        text: the full text.
        source: where it came from (URL, path, outlet id).
        lang: ISO 639-1 code; ``None`` means detect.
        published: publication date, the base for relative dates: a
            ``datetime.date``, a ``datetime.datetime`` or an ISO date string
            (``"2025-10-07"``).
        subject: who the text is about when the caller knows it (e.g. ``"Da Nang"``).

    Example:
        >>> Document("Da Nang received 3,000 delegations.", source="x", lang="en").lang
        'en'
    """

    text: str = attrs.field(validator=_text)
    source: str = attrs.field(default="", validator=_text)
    lang: str | None = None
    published: datetime.date | None = attrs.field(
        default=None, converter=_to_date, validator=_opt_date
    )
    subject: str | None = None


class ClaimKind(_FastEnum):
    """What sort of figure a claim states."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RANK = "rank"
    RATIO = "ratio"
    MEASURE = "measure"


@attrs.frozen
class Claim:
    """One stated figure with its meaning and exact provenance.

    Attributes:
        quantity: what is stated.
        metric: canonical concept key when the language data knows it
            (``"fdi_projects"``), else ``None``.
        metric_phrase: the surface phrase the figure measures, normalised.
        subject: who the figure is about, when known.
        period: the period it refers to, when known.
        period_source: how the period was chosen.
        change: ``True`` when the figure is a change ("up 16.7%"), not a level.
        kind: count, money, percent, rank or ratio.
        as_of: the day the figure was stated true (see below), when known.
        span: offsets of the figure's words in the document text.
        sentence: offsets of the sentence holding it.
        source: the document's source.
        lang: the document's language.
        text: ``document.text[span]``, kept for reports.
    """

    quantity: Quantity
    span: Span
    source: str = ""
    lang: str = ""
    text: str = ""
    metric: str | None = None
    metric_phrase: str = ""
    subject: str | None = None
    period: Period | None = None
    period_source: PeriodSource = PeriodSource.NONE
    change: bool = False
    kind: ClaimKind = ClaimKind.COUNT
    sentence: Span | None = None
    place: str | None = None
    """The gazetteer id of the subject (``"VN-DN"``), when the subject is a known place."""
    subject_stated: bool = False
    """Whether the figure's own sentence names its subject (else it is the
    document's main place, or the subject the caller gave)."""
    as_of: datetime.date | None = None
    """The day the figure was stated true: an "as of" date the text gives
    ("tính đến 17h ngày 15/9") or the one day it is stated for, else the
    publication date (for a figure with a period of its own, the day it was
    reported: a later report of one period is a revision). ``None`` when
    neither is known."""
    superseded: bool = False
    """Whether the text says a later figure replaced this one: an earlier
    estimate ("revised to 8.02% from an earlier estimate of 7.96%", "thay vì
    7,96% như ước tính trước đó"). Reconciled as an earlier report of its period."""
    context: str = attrs.field(default="", repr=False)
    """The sentence that states the figure (``text[sentence]``), for reports."""

    @property
    def value(self) -> Decimal:
        """Shortcut for ``claim.quantity.value``."""
        return self.quantity.value

    @property
    def unit(self) -> str | None:
        """Shortcut for ``claim.quantity.unit``."""
        return self.quantity.unit


class Outcome(_FastEnum):
    """What became of a numeral found in a text (see :func:`integfacts.scan`)."""

    CLAIM = "claim"
    PERIOD = "period"
    NOT_CLAIM = "not_claim"


@attrs.frozen
class ScanItem:
    """One numeral of a document and what became of it.

    Attributes:
        span: the numeral's offsets.
        value: its value.
        outcome: claim, period/date, or not a claim.
        reason: why (``"amount"``, ``"year"``, ``"identifier"``, ``"url"`` ...).
        claim: the claim it is part of, when ``outcome`` is ``CLAIM``.
        period: the period it states, when ``outcome`` is ``PERIOD``.
    """

    span: Span
    value: Decimal
    outcome: Outcome
    reason: str
    claim: Claim | None = None
    period: Period | None = None


class Verdict(_FastEnum):
    """What a set of related claims from different sources amounts to."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    NOT_COMPARABLE = "not_comparable"
    """Related claims that cannot be compared: different periods, currencies
    without a rate, a level against a change, different metrics."""


class Diagnosis(_FastEnum):
    """The finer reading of a finding."""

    SAME = "same"
    APPROXIMATE = "approximate"
    """Intervals overlap but the stated values differ (about 58 vs 58.3)."""
    ROUNDING = "rounding"
    QUALIFIER_MISMATCH = "qualifier_mismatch"
    """Qualifiers alone make the difference ("120" vs "more than 120", "hundreds of")."""
    SCALE_SLIP = "scale_slip"
    """Values differ by a power of ten: a scale word or separator slip."""
    MILLION_BILLION = "million_billion"
    """Values differ by a factor of 1000: million vs billion (or thousand vs million)."""
    TRANSPOSITION = "transposition"
    PERCENT_POINTS = "percent_points"
    """Percent against percentage points."""
    VALUE_DIFFERS = "value_differs"
    DIFFERENT_PERIOD = "different_period"
    NEEDS_CONVERSION = "needs_conversion"
    LEVEL_VS_CHANGE = "level_vs_change"
    UPDATE = "update"
    """The same fact stated as of different times (a running tally): the later
    figure updates the earlier one; no contradiction."""
    DIFFERENT_METRIC = "different_metric"
    """The same value stated for different metrics (exports vs import-export)."""


@attrs.frozen
class Finding:
    """Related claims from two or more sources, the verdict and why.

    Attributes:
        verdict: agree, contradict or not comparable.
        diagnosis: the finer reading.
        claims: every claim of the finding (all sources, every appearance).
        reason: one plain English sentence a journalist can paste.
        score: how confident the match is, 0-100.
        metric: the concept key (or phrase) the claims share.
        subject: the place they are about, when known.
        majority: with three or more independent sources, the value most support.
        independent_sources: how many independent sources speak (syndicated
            copies and translations of one story count once).
        sides: for a finding whose claims do not all agree, the groups of claims
            that agree with each other, as indices into ``claims``, the group
            most independent sources support first (one fact, one finding: the
            agreeing sources of a contradiction are a side of it, not a finding
            of their own). Empty when every claim agrees.
    """

    verdict: Verdict
    diagnosis: Diagnosis
    claims: tuple[Claim, ...]
    reason: str
    score: float = 100.0
    metric: str | None = None
    subject: str | None = None
    majority: Decimal | None = None
    independent_sources: int = 0
    sides: tuple[tuple[int, ...], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources of the claims, sorted."""
        return tuple(sorted({c.source for c in self.claims}))

    def agreeing(self) -> tuple[tuple[Claim, ...], ...]:
        """The groups of claims that agree with each other (all claims, when all agree).

        Example:
            >>> import integfacts as ifx
            >>> docs = [ifx.Document(t, source=s, lang="en") for s, t in
            ...         [("a", "The fire destroyed 120 homes."),
            ...          ("b", "The fire destroyed 120 homes."),
            ...          ("c", "The fire destroyed 210 homes.")]]
            >>> f = ifx.reconcile(docs).findings[0]
            >>> [[c.source for c in side] for side in f.agreeing()]
            [['a', 'b'], ['c']]
        """
        if not self.sides:
            return (self.claims,)
        return tuple(tuple(self.claims[i] for i in side) for side in self.sides)


def short_source(source: str, width: int | None = None) -> str:
    """A short label for a source: the host and the end of a URL, else the text.

    Example:
        >>> short_source("https://baodanang.vn/xay-dung-da-nang-3303725.html")
        'baodanang.vn/…-da-nang-3303725.html'
    """
    from integfacts.labels import SOURCE_WIDTH, label_cached  # noqa: PLC0415 - on first use

    return label_cached(source, SOURCE_WIDTH if width is None else width)


@attrs.frozen
class Report:
    """The result of :func:`integfacts.reconcile` or :func:`integfacts.compare`.

    Attributes:
        findings: in a deterministic order, contradictions first, then by metric.
        unmatched: claims that matched no claim of another source.
        claims: every claim considered.
        documents: the sources considered, sorted.
    """

    findings: tuple[Finding, ...] = ()
    unmatched: tuple[Claim, ...] = ()
    claims: tuple[Claim, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def agreements(self) -> list[Finding]:
        """The findings whose sources agree."""
        return [f for f in self.findings if f.verdict is Verdict.AGREE]

    @property
    def contradictions(self) -> list[Finding]:
        """The findings whose sources contradict each other."""
        return [f for f in self.findings if f.verdict is Verdict.CONTRADICT]

    @property
    def not_comparable(self) -> list[Finding]:
        """Related claims that could not be compared, with the reason."""
        return [f for f in self.findings if f.verdict is Verdict.NOT_COMPARABLE]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON (schema: ``docs/report.schema.json``)."""
        from integfacts.report import to_json  # noqa: PLC0415 - renderers load on use

        return to_json(self, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (strings for every Decimal)."""
        from integfacts.report import to_dict  # noqa: PLC0415

        return to_dict(self)

    def to_markdown(self) -> str:
        """The report as Markdown: summary, then each finding with its claims."""
        from integfacts.report import to_markdown  # noqa: PLC0415

        return to_markdown(self)

    def to_html(self) -> str:
        """The report as one self-contained HTML page (nothing loaded from the network)."""
        from integfacts.report import to_html  # noqa: PLC0415

        return to_html(self)

    def to_text(self, *, width: int = 110, color: bool = False) -> str:
        """The report as terminal tables at most ``width`` columns wide (ANSI colour on request)."""
        from integfacts.report import to_text  # noqa: PLC0415

        return to_text(self, width=width, color=color)

    def to_claimreview(self) -> list[dict[str, Any]]:
        """The findings as schema.org ``ClaimReview`` objects (JSON-LD)."""
        from integfacts.report import to_claimreview  # noqa: PLC0415

        return to_claimreview(self)
