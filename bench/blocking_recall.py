"""How many matching pairs does blocking keep, against an exhaustive comparison?

Run: ``python bench/blocking_recall.py --claims 10000``

Exhaustive: every pair of claims from different sources with the same
dimension and subject whose metrics match — the same concept key, or, for
claims without one, phrases in the same language with a RapidFuzz ratio at
or above the cut-off, compared pairwise (no clustering). Kept: the pairs that
``integfacts.reconcile`` puts in a common finding. Recall = kept / exhaustive,
over all such pairs and over those whose periods are not disjoint (pairs of
different years of one series are never paired one to one, by design).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from synth_claims import make_claims

import integfacts as ifx
from integfacts.reconciliation import (
    _FUZZY_CUTOFF,
    _claim_key,
    _dimension,
    _key_relation,
    _phrase_key,
    block_key,
    loose_group,
    phrase_clusters,
    phrase_of,
)


def exhaustive_pairs(claims: list[ifx.Claim]) -> set[tuple[int, int]]:
    """Index pairs (i < j) an exhaustive comparison would match."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        groups[(_dimension(c), c.subject or "")].append(i)
    out: set[tuple[int, int]] = set()
    for idxs in groups.values():
        for i, j in itertools.combinations(idxs, 2):
            a, b = claims[i], claims[j]
            if a.source == b.source:
                continue
            if a.metric or b.metric:
                same = a.metric == b.metric
            else:
                same = a.lang == b.lang and (
                    fuzz.ratio(_phrase_key(a), _phrase_key(b)) >= _FUZZY_CUTOFF
                )
            if same:
                out.add((i, j))
    return out


def measure(n: int) -> dict[str, Any]:
    """Exhaustive and kept pairs of ``make_claims(n)``, and the recalls."""
    claims = make_claims(n)
    t0 = time.perf_counter()
    want = exhaustive_pairs(claims)
    t_exh = time.perf_counter() - t0
    index = {id(c): i for i, c in enumerate(claims)}
    t0 = time.perf_counter()
    report = ifx.reconcile(claims)
    t_rec = time.perf_counter() - t0
    kept: set[tuple[int, int]] = set()
    for f in report.findings:
        ids = sorted(index[id(c)] for c in f.claims)
        kept.update(p for p in itertools.combinations(ids, 2) if p in want)
    # pairs whose periods are not disjoint: the ones a reader would compare
    comparable = {
        (i, j)
        for i, j in want
        if _key_relation(_claim_key(claims[i]), _claim_key(claims[j])) != "disjoint"
    }
    # the truth: reports of one synthetic fact (its context names it) that an exhaustive
    # comparison matches and whose periods can be compared; in one block? in one finding?
    fact = [c.context for c in claims]
    truth = {(i, j) for i, j in comparable if fact[i] == fact[j]}
    keys = block_keys(claims)
    return {
        "claims": len(claims),
        "exhaustive": len(want),
        "kept": len(kept),
        "recall": len(kept) / len(want) if want else None,
        "comparable": len(comparable),
        "recall_comparable": len(kept & comparable) / len(comparable) if comparable else None,
        "same_fact": len(truth),
        "same_fact_blocked": sum(keys[i] == keys[j] for i, j in truth) / len(truth)
        if truth
        else None,
        "same_fact_found": len(kept & truth) / len(truth) if truth else None,
        "exhaustive_s": t_exh,
        "reconcile_s": t_rec,
    }


def block_keys(claims: list[ifx.Claim]) -> list[tuple[str, str, str]]:
    """Each claim's blocking key, as ``reconcile`` computes it (phrase clusters included)."""
    loose: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        g = loose_group(c)
        if g is not None:
            loose[g].add(phrase_of(c))
    clusters = phrase_clusters(loose, _FUZZY_CUTOFF)
    return [block_key(c, clusters) for c in claims]


def bench(n: int = 100_000) -> common.Section:
    """The recall table of one size (``python bench/run.py recall``)."""
    r = measure(n)
    sec = common.Section(
        f"blocking recall on {n:,} synthetic claims (synth_claims)",
        ["pairs", "exhaustive", "kept by reconcile", "recall"],
        notes=[
            "exhaustive: every pair of claims from different sources with the same dimension"
            " and subject whose metrics match (concept key, or fuzzy phrase in one language)",
            "comparable: of those, the pairs whose periods are equal, overlapping or unknown"
            " (different facts of one metric, place and year included: one-to-one pairing"
            " keeps them apart when their values differ)",
            "same fact: the comparable pairs that report one synthetic fact; blocking recall ="
            " the share of them in one block (goal, issue 15: >= 99%)",
        ],
    )
    sec.rows.append(["all", f"{r['exhaustive']:,}", f"{r['kept']:,}", _pct(r["recall"])])
    sec.rows.append(["comparable", f"{r['comparable']:,}", "", _pct(r["recall_comparable"])])
    sec.rows.append(
        ["same fact, in one block", f"{r['same_fact']:,}", "", _pct(r["same_fact_blocked"])]
    )
    sec.rows.append(
        ["same fact, in one finding", f"{r['same_fact']:,}", "", _pct(r["same_fact_found"])]
    )
    sec.data["recall"] = r
    return sec


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:.2f} %"


def main() -> None:
    """Print exhaustive pairs, kept pairs and the recall."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=10_000)
    args = ap.parse_args()
    r = measure(args.claims)
    print(f"claims             {r['claims']:,}")
    print(f"exhaustive pairs   {r['exhaustive']:,} (found in {r['exhaustive_s']:.1f} s)")
    print(f"kept by blocking   {r['kept']:,} (reconcile {r['reconcile_s']:.1f} s)")
    print(f"recall             {_pct(r['recall'])}")
    print(f"comparable pairs   {r['comparable']:,} (periods equal, overlapping or unknown)")
    print(f"recall on those    {_pct(r['recall_comparable'])}")
    print(f"same-fact pairs    {r['same_fact']:,} (of those, one synthetic fact)")
    print(f"  in one block     {_pct(r['same_fact_blocked'])}")
    print(f"  in one finding   {_pct(r['same_fact_found'])}")


if __name__ == "__main__":
    main()
