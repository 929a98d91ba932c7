"""Extraction throughput (KB/s, one core), per-seed latency, and other tools on the same text.

Inputs:

- **seeds**: the five seed articles, each a ``Document`` with the language,
  date and source of ``seeds/manifest.toml``;
- **mixed**: the seeds plus the claim-corpus sentences of every language
  (``tests/corpus/claims/*.toml``, grouped into article-sized texts), the
  whole set repeated to about 1.5 MB as separate documents.

Measured (1 KB = 1000 bytes of UTF-8; wall-clock medians):

1. ``integfacts.extract`` KB/s on the seeds and on the mixed corpus (total and
   per language); per-seed median latency in ms;
2. on the same text, for comparison: a bare ``re.finditer(r"\\d+", text)``
   scan, ``dateparser.search.search_dates(text, languages=[lang])`` with fixed
   settings, ``price_parser.Price.fromstring`` over every token holding a digit,
   and ``quantulum3`` on the English documents (skipped with a note when not
   installed). A slow tool runs on the documents it gets through within a time
   budget; integfacts' figure in the same row is for exactly those documents;
3. single-document scaling: one document per language of 32, 128 and 512 KB,
   to show whether the time grows linearly with the length of a document.

Run: ``python bench/bench_extract.py [--repeat N] [--target-kb KB] [--budget S]``
(or ``python bench/run.py extract``).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import importlib
import re
import statistics
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import _common as common

import integfacts as ifx

_NUMERIC_TOKEN = re.compile(r"\S*\d\S*")


@dataclass
class ToolRun:
    """What a tool did on a prefix of a corpus."""

    docs: int
    kb: float
    seconds: float
    found: int

    @property
    def kb_s(self) -> float:
        """Throughput in KB/s."""
        return self.kb / self.seconds if self.seconds > 0 else float("inf")


def _extract_all(docs: Sequence[ifx.Document]) -> int:
    return sum(len(ifx.extract(d)) for d in docs)


def per_doc_times(docs: Sequence[common.Doc], repeat: int) -> tuple[list[float], list[int]]:
    """Median seconds of ``extract`` per document over ``repeat`` passes, and claim counts."""
    documents = [d.document() for d in docs]
    counts = [len(ifx.extract(d)) for d in documents]  # warm-up: language data, caches
    runs: list[list[float]] = [[] for _ in documents]
    for r in range(repeat):
        common.note(f"extract: mixed corpus pass {r + 1}/{repeat}")
        for k, d in enumerate(documents):
            t0 = common.now()
            ifx.extract(d)
            runs[k].append(common.now() - t0)
    return [statistics.median(x) for x in runs], counts


def run_tool(
    docs: Sequence[common.Doc],
    fn: Callable[[common.Doc], int],
    budget: float,
    warmup: Sequence[common.Doc] = (),
) -> ToolRun:
    """Run ``fn`` on each document in order until done or ``budget`` seconds are spent."""
    for d in warmup:
        fn(d)
    found = 0
    kb = 0.0
    n = 0
    start = common.now()
    for d in docs:
        found += fn(d)
        kb += common.kb(d.text)
        n += 1
        if common.now() - start > budget:
            break
    return ToolRun(n, kb, common.now() - start, found)


# --------------------------------------------------------------- the tools


def tool_re(d: common.Doc) -> int:
    """Bare regex scan for digit runs."""
    return sum(1 for _ in re.finditer(r"\d+", d.text))


def tool_dateparser() -> Callable[[common.Doc], int] | None:
    """``search_dates`` with the document's language and fixed settings."""
    if not common.have("dateparser"):
        return None
    from dateparser.search import search_dates  # noqa: PLC0415 - optional tool

    def run(d: common.Doc) -> int:
        base = datetime.datetime.combine(d.published or datetime.date(2025, 1, 1), datetime.time())
        settings = {
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": base,
        }
        found = search_dates(d.text, languages=[d.lang], settings=settings)
        return len(found or [])

    return run


def tool_price_parser() -> Callable[[common.Doc], int] | None:
    """``Price.fromstring`` on every whitespace-delimited token holding a digit."""
    if not common.have("price_parser"):
        return None
    from price_parser import Price  # noqa: PLC0415 - optional tool

    def run(d: common.Doc) -> int:
        return sum(
            1
            for m in _NUMERIC_TOKEN.finditer(d.text)
            if Price.fromstring(m.group()).amount is not None
        )

    return run


def tool_quantulum3() -> Callable[[common.Doc], int] | None:
    """``quantulum3.parser.parse`` (English only)."""
    if not common.have("quantulum3"):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed"
        parser = importlib.import_module("quantulum3.parser")  # optional, untyped

    def run(d: common.Doc) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return len(parser.parse(d.text))

    return run


# -------------------------------------------------------------- the benches


def bench_seeds(repeat: int) -> tuple[common.Section, common.Section]:
    """Throughput on the five seeds, and median latency per seed."""
    docs = common.seeds()
    documents = [d.document() for d in docs]
    claims = _extract_all(documents)
    total = common.median_time(lambda: _extract_all(documents), repeat)
    kb = common.kb(d.text for d in docs)
    thr = common.Section(
        "extract() throughput, one core",
        ["corpus", "docs", "KB", "claims", "median s", "KB/s", "ms/doc"],
        notes=["KB = 1000 bytes of UTF-8 text; warm (language data already loaded)"],
    )
    thr.rows.append(
        [
            "seeds (5 articles)",
            str(len(docs)),
            f"{kb:.1f}",
            str(claims),
            f"{total:.3f}",
            common.fmt_rate(kb / total),
            f"{total / len(docs) * 1000:.1f}",
        ]
    )
    thr.data["seeds"] = {"kb": kb, "seconds": total, "claims": claims}
    lat = common.Section(
        "extract() latency per seed article (median of repeated calls, warm)",
        ["seed", "lang", "KB", "claims", "median ms", "min ms", "KB/s"],
    )
    lat.data["latency_ms"] = {}
    for d, doc in zip(docs, documents, strict=True):
        ifx.extract(doc)
        times = [common.time_once(functools.partial(ifx.extract, doc)) for _ in range(repeat * 4)]
        med = statistics.median(times)
        lat.rows.append(
            [
                d.name,
                d.lang,
                f"{common.kb(d.text):.1f}",
                str(len(ifx.extract(doc))),
                f"{med * 1000:.2f}",
                f"{min(times) * 1000:.2f}",
                common.fmt_rate(common.kb(d.text) / med),
            ]
        )
        lat.data["latency_ms"][d.name] = med * 1000
    return thr, lat


def bench_mixed(
    thr: common.Section, repeat: int, target_kb: float, budget: float
) -> common.Section:
    """Mixed corpus throughput (rows added to ``thr``) and the comparison table."""
    docs = common.mixed_corpus(target_kb)
    common.note(f"extract: mixed corpus {len(docs)} docs, {common.kb(d.text for d in docs):.0f} KB")
    per_doc, counts = per_doc_times(docs, repeat)
    kb_doc = [common.kb(d.text) for d in docs]

    def row(label: str, idx: list[int]) -> list[str]:
        kb = sum(kb_doc[i] for i in idx)
        sec = sum(per_doc[i] for i in idx)
        return [
            label,
            str(len(idx)),
            f"{kb:.1f}",
            str(sum(counts[i] for i in idx)),
            f"{sec:.3f}",
            common.fmt_rate(kb / sec),
            f"{sec / len(idx) * 1000:.1f}",
        ]

    every = list(range(len(docs)))
    thr.rows.append(row(f"mixed (~{target_kb / 1000:.1f} MB)", every))
    for lang in common.LANGS:
        thr.rows.append(row(f"  mixed, {lang} only", [i for i in every if docs[i].lang == lang]))
    thr.data["mixed"] = {
        "kb": sum(kb_doc),
        "seconds": sum(per_doc),
        "claims": sum(counts),
        "docs": len(docs),
    }
    thr.notes.append(
        "mixed = seeds + claim-corpus sentences grouped into ~6 KB articles, the set repeated;"
        f" median of {repeat} passes per document"
    )

    cmp = common.Section(
        "integfacts vs other tools on the same text (KB/s, one core)",
        ["tool", "text", "docs", "KB", "found", "tool KB/s", "integfacts KB/s", "integfacts/tool"],
        notes=[
            "found: re = digit runs; dateparser = dates; price-parser = tokens with an amount;"
            " quantulum3 = quantities; integfacts = claims",
            "integfacts/tool > 1: integfacts is faster; < 1: the tool is faster"
            " (it does far less: no claims, no units, no periods)",
            f"a tool stops after the document that takes it past {budget:.0f} s;"
            " integfacts' KB/s is computed on exactly the same documents",
        ],
    )
    cmp.data["ratios"] = {}
    english = [i for i in every if docs[i].lang == "en"]
    first_per_lang = [next(d for d in docs if d.lang == lang) for lang in common.LANGS]
    tools: list[tuple[str, Callable[[common.Doc], int] | None, list[int], str]] = [
        ("re \\d+", tool_re, every, "mixed"),
        ("dateparser", tool_dateparser(), every, "mixed"),
        ("price-parser", tool_price_parser(), every, "mixed"),
        ("quantulum3", tool_quantulum3(), english, "mixed, en"),
    ]
    for name, fn, idx, label in tools:
        if fn is None:
            cmp.notes.append(f"{name}: not installed, comparison skipped")
            common.note(f"extract: {name} not installed, skipped")
            continue
        common.note(f"extract: {name}")
        subset = [docs[i] for i in idx]
        warm = [d for d in first_per_lang if d in subset] if name != "re \\d+" else []
        tr = run_tool(subset, fn, budget, warmup=warm)
        used = idx[: tr.docs]
        ours = sum(kb_doc[i] for i in used) / sum(per_doc[i] for i in used)
        ratio = ours / tr.kb_s
        cmp.rows.append(
            [
                name,
                label,
                str(tr.docs),
                f"{tr.kb:.1f}",
                str(tr.found),
                common.fmt_rate(tr.kb_s),
                common.fmt_rate(ours),
                common.fmt_ratio(ratio),
            ]
        )
        cmp.data["ratios"][name] = {"tool_kb_s": tr.kb_s, "integfacts_kb_s": ours, "ratio": ratio}
    cmp.data["ratios_seeds"] = compare_on_seeds(cmp, repeat, budget)
    return cmp


def compare_on_seeds(cmp: common.Section, repeat: int, budget: float) -> dict[str, Any]:
    """The bare regex scan and dateparser on the five seed articles (real news), rows in ``cmp``.

    The seeds are short (36 KB in all): each side reads them many times over, integfacts
    as the median per article of ``4 * repeat`` passes.
    """
    seeds = common.seeds()
    per_doc, _ = per_doc_times(seeds, max(5, 4 * repeat))
    ours = common.kb(d.text for d in seeds) / sum(per_doc)
    out: dict[str, Any] = {}
    for name, fn in (("re \\d+", tool_re), ("dateparser", tool_dateparser())):
        if fn is None:
            continue
        common.note(f"extract: {name} on the seeds")
        tr = run_tool(seeds * 40, fn, budget, warmup=seeds)
        ratio = ours / tr.kb_s
        cmp.rows.append(
            [
                name,
                "seeds",
                str(tr.docs),
                f"{tr.kb:.1f}",
                str(tr.found),
                common.fmt_rate(tr.kb_s),
                common.fmt_rate(ours),
                common.fmt_ratio(ratio),
            ]
        )
        out[name] = {"tool_kb_s": tr.kb_s, "integfacts_kb_s": ours, "ratio": ratio}
    cmp.notes.append(
        "seeds: the five seed articles read 40 times over by the tool (each article once per"
        " pass), integfacts' KB/s from the median time per article"
    )
    return out


def bench_scaling(sizes_kb: Sequence[int] = (32, 128, 512)) -> common.Section:
    """KB/s on single documents of growing size (linear time keeps KB/s flat)."""
    sec = common.Section(
        "extract() on one long document (KB/s by document size)",
        ["lang", *(f"{s} KB" for s in sizes_kb), "largest/smallest"],
        notes=[
            "each document is that language's mixed text repeated; a ratio well below 1"
            " means the time grows faster than the length"
        ],
    )
    base = common.seeds() + common.corpus_articles()
    sec.data["scaling"] = {}
    for lang in common.LANGS:
        parts = [d for d in base if d.lang == lang]
        unit = "\n\n".join(d.text for d in parts)
        pub = parts[0].published
        rates: list[float] = []
        for size in sizes_kb:
            copies = max(1, round(size / common.kb(unit)))
            text = "\n\n".join([unit] * copies)
            common.note(f"extract: one {lang} document of {common.kb(text):.0f} KB")
            doc = ifx.Document(text, source=f"long-{lang}", lang=lang, published=pub)
            reps = 3 if size <= 128 else 1
            sec_ = common.median_time(functools.partial(ifx.extract, doc), reps, warmup=0)
            rates.append(common.kb(text) / sec_)
        sec.rows.append(
            [lang, *(common.fmt_rate(r) for r in rates), common.fmt_ratio(rates[-1] / rates[0])]
        )
        sec.data["scaling"][lang] = dict(zip(sizes_kb, rates, strict=True))
    return sec


def bench(repeat: int = 3, target_kb: float = 1500.0, budget: float = 20.0) -> list[common.Section]:
    """All extraction measurements, as tables."""
    common.note("extract: seeds")
    thr, lat = bench_seeds(max(repeat, 5))
    cmp = bench_mixed(thr, repeat, target_kb, budget)
    scaling = bench_scaling()
    return [thr, lat, cmp, scaling]


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the tables and save them to bench/out/extract.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the mixed corpus")
    ap.add_argument("--target-kb", type=float, default=1500.0, help="size of the mixed corpus")
    ap.add_argument("--budget", type=float, default=20.0, help="seconds per comparison tool")
    ap.add_argument("--clock", choices=sorted(common.CLOCKS), default="cpu")
    args = ap.parse_args(argv)
    common.set_clock(args.clock)
    sections = bench(args.repeat, args.target_kb, args.budget)
    for s in sections:
        print(s.render(), end="\n\n")
    common.save_sections("extract", sections)


if __name__ == "__main__":
    main()
