"""Synthetic claims for the reconciliation benchmark, built directly as ``Claim`` objects.

The corpus imitates many news sources restating a limited set of facts:

- a *fact* is (metric, subject, period, kind/unit, true value); metrics are the
  concept keys of ``languages/*.toml`` ``[concepts]`` (about 3 in 4 facts)
  and phrases no vocabulary knows (the rest, clustered by RapidFuzz);
- each fact is reported by 1-6 sources (mean about 2.5), each report in one of
  en/id/vi/fa with that language's surface term as ``metric_phrase``;
- subjects are the gazetteer's provinces, large cities and countries that news
  in the four languages name (several hundred, with their place ids), or none;
  periods are years 2012-2025, multi-year ranges, quarters and months;
- reports vary the way real copies do: most repeat the value exactly, some
  round it with "about"/"more than", some differ slightly, and a few slip a
  scale (x10, x1000), transpose two digits, lose or shift the period;
- there are ``n / 25`` sources (about 25 claims an article), and 2% of the
  claims come from syndicated copies of another source;
- each claim's ``context`` names its fact (``"synthetic fact #17"``), so that a
  benchmark can tell whether a finding groups reports of different facts.

``make_claims(n, seed)`` is deterministic for a given ``n`` and ``seed``.

Run on its own to print a sample: ``python bench/synth_claims.py 20``.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import random
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_docs import place_names

import integfacts as ifx
from integfacts.concepts import builtin as builtin_lexicon
from integfacts.gazetteer import display_name


@functools.cache
def subjects() -> tuple[tuple[str, str] | None, ...]:
    """(place id, display name) of the gazetteer's provinces, large cities and countries
    that news in the four languages name (several hundred), and ``None`` (no subject) for
    about one claim in fifteen."""
    places = sorted(place_names())
    return (*((p, display_name(p)) for p in places), *([None] * (len(places) // 14)))


UNKNOWN: tuple[dict[str, tuple[str, ...]], ...] = (
    {
        "en": ("hospital beds", "hospital bed"),
        "id": ("tempat tidur rumah sakit", "tempat tidur rs"),
        "vi": ("giường bệnh", "giường bệnh viện"),
        "fa": ("تخت بیمارستانی", "تخت بیمارستان"),
    },
    {
        "en": ("new schools", "new school buildings"),
        "id": ("sekolah baru", "gedung sekolah baru"),
        "vi": ("trường học mới", "trường mới"),
        "fa": ("مدرسه جدید", "مدارس جدید"),
    },
    {
        "en": ("km of roads", "kilometres of road"),
        "id": ("km jalan", "kilometer jalan"),
        "vi": ("km đường", "km đường bộ"),
        "fa": ("کیلومتر جاده", "کیلومتر راه"),
    },
    {"en": ("metro lines",), "id": ("jalur metro",), "vi": ("tuyến metro",), "fa": ("خط مترو",)},
    {
        "en": ("electric buses", "electric bus"),
        "id": ("bus listrik",),
        "vi": ("xe buýt điện",),
        "fa": ("اتوبوس برقی",),
    },
    {
        "en": ("social housing units",),
        "id": ("unit rumah sosial",),
        "vi": ("căn nhà ở xã hội",),
        "fa": ("واحد مسکن اجتماعی",),
    },
    {
        "en": ("hectares of forest",),
        "id": ("hektar hutan", "hektare hutan"),
        "vi": ("héc ta rừng", "ha rừng"),
        "fa": ("هکتار جنگل",),
    },
    {"en": ("classrooms",), "id": ("ruang kelas",), "vi": ("phòng học",), "fa": ("کلاس درس",)},
)
"""Metric phrases no concept vocabulary knows: one thing per entry in every language, with
near-duplicates for fuzzy clustering (reconciliation matches them within a language only)."""

LANG_CODES = ("en", "id", "vi", "fa")
_PERIOD_YEARS = tuple(range(2012, 2026))


def concept_terms() -> dict[str, dict[str, list[str]]]:
    """concept key -> language -> its surface terms, from the concept lexicon."""
    out: dict[str, dict[str, list[str]]] = {}
    for code in LANG_CODES:
        for key, terms in builtin_lexicon().table(code).items():
            out.setdefault(key, {})[code] = list(terms)
    return out


def _concept_kinds() -> dict[str, set[str]]:
    """kind -> the concept keys a money amount / percentage / rank may measure (the lexicon)."""
    lex = builtin_lexicon()
    return {k: set(lex.allowed(k) or ()) for k in sorted(lex.checked_kinds)}


def _period(rng: random.Random) -> ifx.Period:
    r = rng.random()
    if r < 0.15:  # a multi-year range, e.g. 2021-2025
        a = rng.choice(_PERIOD_YEARS[:-3])
        b = a + rng.choice((2, 3, 4))
        return ifx.Period(datetime.date(a, 1, 1), datetime.date(b, 12, 31), f"{a}-{b}")
    y = rng.choice(_PERIOD_YEARS)
    if r < 0.30:  # a quarter
        q = rng.randrange(4)
        end = datetime.date(y + (q == 3), (3 * q + 3) % 12 + 1, 1) - datetime.timedelta(days=1)
        return ifx.Period(datetime.date(y, 3 * q + 1, 1), end, f"Q{q + 1} {y}")
    if r < 0.40:  # a month
        m = rng.randrange(1, 13)
        end = datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)
        return ifx.Period(datetime.date(y, m, 1), end, f"{y}-{m:02d}")
    return ifx.Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), str(y))


def _value(rng: random.Random, kind: ifx.ClaimKind) -> tuple[Decimal, str | None]:
    if kind is ifx.ClaimKind.MONEY:
        unit = rng.choice(("USD", "USD", "VND", "IDR"))
        mantissa = Decimal(rng.randint(100, 9999)) / 100  # 1.00 .. 99.99
        scale = {"USD": (6, 9), "VND": (9, 12), "IDR": (9, 12)}[unit]
        return mantissa * Decimal(10) ** rng.choice(scale), unit
    if kind is ifx.ClaimKind.PERCENT:
        return Decimal(rng.randint(1, 2500)) / 100, "%"
    magnitude = rng.choice((10, 100, 1000, 10_000, 100_000, 1_000_000))
    return Decimal(rng.randint(magnitude, magnitude * 10 - 1)), None


def _transpose(v: Decimal) -> Decimal:
    digits = list(str(v.normalize()))
    spots = [i for i in range(len(digits) - 1) if digits[i].isdigit() and digits[i + 1].isdigit()]
    spots = [i for i in spots if digits[i] != digits[i + 1]]
    if not spots:
        return v
    i = spots[len(spots) // 2]
    digits[i], digits[i + 1] = digits[i + 1], digits[i]
    return Decimal("".join(digits))


def _round2(v: Decimal) -> Decimal:
    """Round down to two significant digits ("more than 3,000" for 3,127)."""
    if v == 0:
        return v
    exp = v.adjusted() - 1
    q = Decimal(10) ** exp
    return (v / q).to_integral_value(rounding="ROUND_FLOOR") * q


def _variant(
    rng: random.Random, value: Decimal, period: ifx.Period, *, slips: bool = True
) -> tuple[Decimal, ifx.Qualifier, Decimal, ifx.Period | None]:
    """(value, qualifier, step, period) of one report of a fact.

    ``slips=False`` (percentages) turns scale slips into small differences.
    """
    r = rng.random()
    if not slips and 0.80 <= r < 0.88:
        r = 0.75
    q, step = ifx.Qualifier.EXACT, Decimal(0)
    p: ifx.Period | None = period
    if r < 0.60:
        pass  # the same figure
    elif r < 0.72:
        value = _round2(value)
        q = rng.choice((ifx.Qualifier.ABOUT, ifx.Qualifier.MORE_THAN))
        step = Decimal(10) ** (value.adjusted() - 1)
    elif r < 0.80:
        value = (value * Decimal(1 + rng.choice((-1, 1)) * rng.uniform(0.01, 0.2))).quantize(
            Decimal("0.01")
        )
    elif r < 0.85:
        value = value * Decimal(10) ** rng.choice((1, -1))  # scale slip
    elif r < 0.88:
        value = value * Decimal(1000)  # million vs billion
    elif r < 0.91:
        value = _transpose(value)
    elif r < 0.96:
        p = None  # the report states no period
    else:
        assert period.start is not None
        y = period.start.year + rng.choice((-1, 1))  # a neighbouring year
        p = ifx.Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), str(y))
    return value, q, step, p


def make_claims(n: int, seed: int = 0) -> list[ifx.Claim]:
    """About ``n`` synthetic claims (exactly ``n``), deterministic in ``(n, seed)``."""
    rng = random.Random(seed * 1_000_003 + n)
    terms = concept_terms()
    kinds = _concept_kinds()
    keys = sorted(terms)
    n_sources = max(10, n // 25)
    outlets = [f"outlet{k}.example" for k in range(max(3, n_sources // 40))]
    sources = [
        f"https://{rng.choice(outlets)}/{rng.choice(LANG_CODES)}/article-{k}.html"
        for k in range(n_sources)
    ]
    src_lang = {s: s.split("/")[3] for s in sources}
    positions = dict.fromkeys(sources, 0)
    original = int(n * 0.98)
    claims: list[ifx.Claim] = []
    fact = 0
    while len(claims) < original:
        fact += 1
        known = rng.random() < 0.75
        metric = rng.choice(keys) if known else None
        allowed = [
            k for k in (ifx.ClaimKind.MONEY, ifx.ClaimKind.PERCENT) if metric in kinds[k.value]
        ]
        kind = (
            rng.choice(allowed)
            if allowed and rng.random() < 0.7
            else (ifx.ClaimKind.COUNT if rng.random() < 0.95 else ifx.ClaimKind.RANK)
        )
        value, unit = _value(rng, kind)
        if kind is ifx.ClaimKind.RANK:
            value = Decimal(rng.randint(1, 20))
        where = rng.choice(subjects())
        place, subject = where if where is not None else (None, None)
        period = _period(rng)
        unknown_idx = rng.randrange(len(UNKNOWN))
        k = min(rng.choices((1, 2, 3, 4, 5, 6), weights=(30, 25, 20, 12, 8, 5))[0], n_sources)
        for src in rng.sample(sources, k):
            lang = src_lang[src]
            v, q, step, p = _variant(rng, value, period, slips=kind is not ifx.ClaimKind.PERCENT)
            if kind is ifx.ClaimKind.RANK:
                v, q, step = value, ifx.Qualifier.EXACT, Decimal(0)
            if metric is not None:
                phrase = rng.choice(terms[metric].get(lang) or terms[metric]["en"]).casefold()
            else:
                phrase = rng.choice(UNKNOWN[unknown_idx][lang])
            start = positions[src]
            figure = f"{v:,}" + (f" {unit}" if unit else "")
            positions[src] = start + len(figure) + 40
            claims.append(
                ifx.Claim(
                    quantity=ifx.Quantity(value=v, unit=unit, qualifier=q, step=step),
                    span=ifx.Span(start, start + len(figure)),
                    source=src,
                    lang=lang,
                    text=figure,
                    metric=metric,
                    metric_phrase=phrase,
                    subject=subject,
                    place=place,
                    period=p,
                    period_source=ifx.PeriodSource.EXPLICIT
                    if p is not None
                    else ifx.PeriodSource.NONE,
                    kind=kind,
                    context=f"synthetic fact #{fact}",
                )
            )
            if len(claims) >= original:
                break
    # syndicated copies: whole articles republished under another URL
    by_src: dict[str, list[ifx.Claim]] = {}
    for c in claims:
        by_src.setdefault(c.source, []).append(c)
    copied = 0
    while len(claims) < n:
        src = rng.choice(sources)
        for c in by_src.get(src, []):
            if len(claims) >= n:
                break
            claims.append(
                ifx.Claim(
                    quantity=c.quantity,
                    span=c.span,
                    source=f"{src}?syndicated={copied}",
                    lang=c.lang,
                    text=c.text,
                    metric=c.metric,
                    metric_phrase=c.metric_phrase,
                    subject=c.subject,
                    place=c.place,
                    period=c.period,
                    period_source=c.period_source,
                    kind=c.kind,
                    context=c.context,
                )
            )
        copied += 1
    rng.shuffle(claims)
    return claims


def main(argv: Sequence[str] | None = None) -> None:
    """Print a few synthetic claims and the shape of the corpus."""
    ap = argparse.ArgumentParser(description="Print a sample of synthetic claims.")
    ap.add_argument("n", type=int, nargs="?", default=20, help="number of claims to build")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    claims = make_claims(args.n, args.seed)
    for c in claims[:20]:
        print(
            f"{c.source[-40:]:>40} {c.lang} {c.kind.value:<7} {c.text:>24} "
            f"{c.quantity.qualifier.value:<9} {c.metric or '~' + c.metric_phrase:<24} "
            f"{c.subject or '-':<16} {c.period.label if c.period else '-'}"
        )
    print(
        f"{len(claims)} claims, {len({c.source for c in claims})} sources,"
        f" {len({c.metric or c.metric_phrase for c in claims})} metrics"
    )


if __name__ == "__main__":
    main()
