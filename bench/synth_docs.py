"""Varied synthetic news documents: many facts, places, metrics and periods in four languages.

A *fact* is (concept, place, period, kind, true value). Each document states
one to five facts, each in a sentence of the document's language, with
sentences that state no figure between them; a fact is restated by one to
five documents in different languages and outlets, most with the same value,
some rounded ("about"), some a little different, a few with a slip of scale.

- concepts: every concept of the lexicon, each with the kinds of figure its
  metadata allows (count, money, percent), in that language's own terms;
- places: provinces, large cities and countries of the gazetteer named in the
  document's language (hundreds per language);
- periods: years 2012-2025, multi-year ranges and quarters;
- values: counts from tens to millions, money in millions of US dollars,
  percentages with one decimal, written with each language's separators
  (Persian digits in Persian).

Unlike the claim corpora repeated (a few hundred sentences), no two documents
are alike and the facts spread over tens of thousands of (metric, place,
period) blocks, as a real feed does. ``make_documents(n, seed)`` is
deterministic. ``python bench/synth_docs.py 5`` prints a sample.
"""

from __future__ import annotations

import argparse
import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import integfacts as ifx
from integfacts import gazetteer
from integfacts.concepts import builtin as builtin_lexicon

LANGS = ("en", "id", "vi", "fa")
YEARS = tuple(range(2012, 2026))

_PERSIAN = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫")

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "count": (
            "{S} recorded {V} {T} in {P}.",
            "In {P}, authorities in {S} reported {V} {T}.",
            "{S} had {V} {T} in {P}, officials said.",
        ),
        "money": (
            "In {P}, {T} in {S} reached US${V} million.",
            "{T} of {S} stood at US${V} million in {P}.",
        ),
        "percent": (
            "{T} in {S} was {V}% in {P}.",
            "In {P}, {T} in {S} stood at {V}%.",
        ),
    },
    "id": {
        "count": (
            "Pada {P}, {S} mencatat {V} {T}.",
            "{S} mencatat {V} {T} pada {P}, kata pejabat setempat.",
        ),
        "money": (
            "Pada {P}, {T} di {S} mencapai {V} juta dolar AS.",
            "{T} {S} tercatat {V} juta dolar AS pada {P}.",
        ),
        "percent": (
            "{T} di {S} sebesar {V} persen pada {P}.",
            "Pada {P}, {T} di {S} tercatat {V} persen.",
        ),
    },
    "vi": {
        "count": (
            "Trong {P}, {S} ghi nhận {V} {T}.",
            "{S} có {V} {T} trong {P}, theo số liệu của tỉnh.",
        ),
        "money": (
            "Trong {P}, {T} của {S} đạt {V} triệu USD.",
            "{T} của {S} đạt {V} triệu USD trong {P}.",
        ),
        "percent": (
            "{T} của {S} đạt {V}% trong {P}.",
            "Trong {P}, {T} tại {S} ở mức {V}%.",
        ),
    },
    "fa": {
        "count": (
            "{S} در {P} {V} {T} ثبت کرد.",
            "به گفته مقامات، در {P} در {S} {V} {T} ثبت شد.",
        ),
        "money": (
            "{T} {S} در {P} به {V} میلیون دلار رسید.",
            "در {P} {T} {S} {V} میلیون دلار بود.",
        ),
        "percent": (
            "{T} {S} در {P} {V} درصد بود.",
            "در {P} {T} در {S} به {V} درصد رسید.",
        ),
    },
}
"""One sentence per fact: {S} the place, {T} the concept's term, {V} the value, {P} the period."""

FILLER: dict[str, tuple[str, ...]] = {
    "en": (
        "Officials said the figures were preliminary.",
        "The report was released on Monday.",
        "Analysts expect the trend to continue.",
    ),
    "id": (
        "Pejabat mengatakan angka tersebut masih sementara.",
        "Laporan itu dirilis pada hari Senin.",
    ),
    "vi": (
        "Các số liệu trên vẫn là sơ bộ.",
        "Báo cáo được công bố vào thứ Hai.",
    ),
    "fa": (
        "مقامات گفتند این ارقام مقدماتی است.",
        "این گزارش روز دوشنبه منتشر شد.",
    ),
}

ABOUT = {"en": "about ", "id": "sekitar ", "vi": "khoảng ", "fa": "حدود "}
QUARTERS = {
    "en": ("the first quarter of {y}", "the second quarter of {y}", "the third quarter of {y}"),
    "id": ("kuartal I {y}", "kuartal II {y}", "kuartal III {y}"),
    "vi": ("quý I/{y}", "quý II/{y}", "quý III/{y}"),
}
YEAR_WORD = {"en": "{y}", "id": "tahun {y}", "vi": "năm {y}", "fa": "سال {y}"}
RANGE_WORD = {
    "en": "{a}-{b}",
    "id": "periode {a}-{b}",
    "vi": "giai đoạn {a}-{b}",
    "fa": "{a} تا {b}",
}


@dataclass(frozen=True)
class Fact:
    """What a synthetic document states: the truth its figure is checked against."""

    concept: str
    place: str
    period: tuple[str, int, int]  # ("year", y, 0) | ("range", a, b) | ("quarter", y, q)
    kind: str
    value: Decimal


def place_names() -> dict[str, dict[str, str]]:
    """Place id -> language -> a name of it valid in that language (unambiguous ones only)."""
    data = gazetteer._data()
    out: dict[str, dict[str, str]] = {}
    for key, raw in sorted(data.index.items()):
        entries = gazetteer._entries(raw)
        if len(entries) != 1 or entries[0].person or entries[0].acronym:
            continue
        e = entries[0]
        p = gazetteer._place(e.place)
        if p.level == "city" and p.population < 300_000:
            continue
        if p.level != "country" and p.country not in ("VN", "ID", "IR"):
            continue
        for lang in sorted(e.langs):
            if lang in LANGS and lang not in e.common:
                name = key if lang == "fa" else key.title()
                out.setdefault(p.id, {}).setdefault(lang, name)
    return out


def concept_terms() -> dict[str, tuple[tuple[str, ...], dict[str, list[str]]]]:
    """Concept -> (kinds it may be stated as, language -> terms)."""
    lex = builtin_lexicon()
    out: dict[str, tuple[tuple[str, ...], dict[str, list[str]]]] = {}
    for key in sorted(lex.concept_keys()):
        kinds = tuple(
            k for k in ("count", "money", "percent") if k in (lex.meta_of(key).kinds or ())
        )
        terms = {lang: list(lex.table(lang).get(key, ())) for lang in LANGS}
        if kinds and all(terms.values()):
            out[key] = (kinds, terms)
    return out


def _value(rng: random.Random, kind: str) -> Decimal:
    if kind == "money":
        return Decimal(rng.randint(10, 99_999)) / 10  # 1.0 .. 9,999.9 million
    if kind == "percent":
        return Decimal(rng.randint(1, 400)) / 10  # 0.1 .. 40.0
    magnitude = rng.choice((10, 100, 1000, 10_000, 100_000))
    return Decimal(rng.randint(magnitude, magnitude * 10 - 1))


def _written(v: Decimal, lang: str) -> str:
    text = f"{v:,}"
    if lang in ("id", "vi"):
        text = text.translate(str.maketrans(",.", ".,"))
    if lang == "fa":
        text = text.translate(_PERSIAN)
    return text


def _period_text(period: tuple[str, int, int], lang: str) -> str:
    kind, a, b = period
    if kind == "range":
        text = RANGE_WORD[lang].format(a=a, b=b)
    elif kind == "quarter" and lang in QUARTERS:
        text = QUARTERS[lang][b].format(y=a)
    else:
        text = YEAR_WORD[lang].format(y=a)
    return text.translate(_PERSIAN) if lang == "fa" else text


def _report(rng: random.Random, fact: Fact) -> tuple[Decimal, bool]:
    """The value one document states for a fact, and whether it says "about"."""
    r = rng.random()
    v = fact.value
    if r < 0.70:
        return v, False
    if r < 0.82:
        return v.quantize(Decimal(1)) if v >= 10 else v, True
    if r < 0.94 and fact.kind != "percent":
        return (v * Decimal(rng.choice((98, 99, 101, 102))) / 100).quantize(v), False
    if fact.kind != "percent":
        return v * 10, False  # a slip of scale
    return v + Decimal(rng.choice((-5, -2, 2, 5))) / 10, False


def make_facts(n: int, rng: random.Random) -> list[Fact]:
    """``n`` facts over every concept, hundreds of places and fourteen years."""
    names = place_names()
    places = sorted(p for p, by in names.items() if len(by) >= 3)
    concepts = concept_terms()
    keys = sorted(concepts)
    facts = []
    for _ in range(n):
        key = rng.choice(keys)
        kind = rng.choice(concepts[key][0])
        r = rng.random()
        y = rng.choice(YEARS)
        period = (
            ("range", y - 4, y)
            if r < 0.1
            else ("quarter", y, rng.randrange(3))
            if r < 0.3
            else ("year", y, 0)
        )
        facts.append(Fact(key, rng.choice(places), period, kind, _value(rng, kind)))
    return facts


def make_documents(n: int, seed: int = 0) -> list[ifx.Document]:
    """``n`` varied documents (deterministic in ``n`` and ``seed``)."""
    rng = random.Random(seed * 1_000_003 + n)
    names = place_names()
    concepts = concept_terms()
    facts = make_facts(max(1, 3 * n), rng)
    outlets = [f"outlet{k}.example" for k in range(max(10, n // 20))]
    docs = []
    fact_i = 0
    for k in range(n):
        lang = LANGS[k % len(LANGS)] if rng.random() < 0.5 else rng.choice(LANGS)
        sentences: list[str] = []
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            # a fact already told (restated elsewhere) or the next new one
            if fact_i and rng.random() < 0.55:
                fact = facts[rng.randrange(min(fact_i, len(facts)))]
            else:
                fact = facts[fact_i % len(facts)]
                fact_i += 1
            place = names[fact.place].get(lang)
            if place is None:
                continue
            value, about = _report(rng, fact)
            term = rng.choice(concepts[fact.concept][1][lang])
            template = rng.choice(TEMPLATES[lang][fact.kind])
            written = (ABOUT[lang] if about else "") + _written(value, lang)
            sentence = template.format(
                S=place, T=term, V=written, P=_period_text(fact.period, lang)
            )
            sentences.append(sentence[0].upper() + sentence[1:])
            if rng.random() < 0.3:
                sentences.append(rng.choice(FILLER[lang]))
        if not sentences:
            sentences.append(rng.choice(FILLER[lang]))
        published = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(300))
        docs.append(
            ifx.Document(
                " ".join(sentences),
                source=f"https://{rng.choice(outlets)}/{lang}/{k}",
                lang=lang,
                published=published,
            )
        )
    return docs


def main(argv: Sequence[str] | None = None) -> None:
    """Print a sample of documents and what extraction finds in them."""
    ap = argparse.ArgumentParser(description="Print a sample of synthetic documents.")
    ap.add_argument("n", type=int, nargs="?", default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    docs = make_documents(args.n, args.seed)
    for d in docs[:10]:
        print(f"[{d.lang}] {d.text}")
        for c in ifx.extract(d):
            period = c.period.label if c.period else "-"
            print(
                f"    {c.text!r:>28} {c.metric or '~' + c.metric_phrase:<24} {c.subject} {period}"
            )
    claims = [c for d in docs for c in ifx.extract(d)]
    print(
        f"{len(docs)} documents, {len(claims)} claims, {len({c.metric for c in claims})} metrics,"
        f" {len({c.subject for c in claims})} subjects,"
        f" {len({c.period.label if c.period else '' for c in claims})} periods"
    )


if __name__ == "__main__":
    main()
