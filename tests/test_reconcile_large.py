"""Large groups are judged without comparing every pair: same clusters, same verdict.

``reconciliation._relations_large`` (intervals sorted once, period classes,
extreme pairs) must find exactly the agreeing clusters and the kind of
disagreement (contradiction or not comparable, or none) that comparing every
pair of statements finds; here both run on random statements that mix
units, percent and percentage points, levels and changes, qualifiers,
periods and shared witnesses.
"""

from __future__ import annotations

import datetime
import gc
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import integfacts as ifx
from integfacts import reconciliation as rc

_PERIODS = (
    None,
    ifx.Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "2024"),
    ifx.Period(datetime.date(2024, 1, 1), datetime.date(2024, 3, 31), "Q1 2024"),
    ifx.Period(datetime.date(2024, 10, 1), datetime.date(2024, 12, 31), "Q4 2024"),
    ifx.Period(None, datetime.date(2024, 12, 31), "to date"),
    ifx.Period(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), "2023"),
)


@st.composite
def statements(draw: st.DrawFn) -> ifx.Claim:
    """One claim with a value near a few centres, so that some agree and some do not."""
    centre = draw(st.sampled_from((0, 100, 105, 1000, 10_000)))
    value = Decimal(centre) + Decimal(draw(st.integers(-3, 3)))
    unit = draw(st.sampled_from((None, "USD", "VND", "%", "pp")))
    q = ifx.Quantity(
        value=abs(value),
        unit=unit,
        qualifier=draw(st.sampled_from(list(ifx.Qualifier))),
        step=Decimal(draw(st.sampled_from((0, 1, 10)))),
    )
    return ifx.Claim(
        quantity=q,
        span=ifx.Span(0, 1),
        source="s",
        lang="en",
        text="x",
        change=draw(st.booleans()) if draw(st.integers(0, 9)) == 0 else False,
        period=draw(st.sampled_from(_PERIODS)),
    )


def _clusters(heads: list[int], edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = {h: h for h in heads}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    out: dict[int, list[int]] = defaultdict(list)
    for h in heads:
        out[find(h)].append(h)
    return sorted(out.values())


def _exhaustive(
    heads: list[int], stm: dict[int, rc._Stmt], wits: dict[int, set[object]]
) -> tuple[list[tuple[int, int]], set[ifx.Verdict]]:
    edges, kinds = [], set()
    for x, i in enumerate(heads):
        for j in heads[x + 1 :]:
            if len(wits[i] | wits[j]) < 2:
                continue
            verdict, _ = rc._pair(stm[i], stm[j])
            if verdict is ifx.Verdict.AGREE:
                edges.append((i, j))
            else:
                kinds.add(verdict)
    return edges, kinds


@settings(max_examples=300, deadline=None)
@given(
    group=st.lists(statements(), min_size=2, max_size=40),
    witness_count=st.integers(1, 6),
    data=st.data(),
    with_rates=st.booleans(),
)
def test_large_path_matches_every_pair(
    group: list[ifx.Claim], witness_count: int, data: st.DataObject, with_rates: bool
) -> None:
    rates = {"USD": Decimal(1), "VND": Decimal("0.00004")} if with_rates else None
    heads = list(range(len(group)))
    wits: dict[int, set[object]] = {
        h: set(data.draw(st.sets(st.integers(0, witness_count - 1), min_size=1, max_size=2)))
        for h in heads
    }
    stm = {h: rc._Stmt(c, rates, rc.DEFAULT_OPEN_SLACK) for h, c in enumerate(group)}
    edges, worst = rc._relations_large(heads, stm, wits)
    want_edges, kinds = _exhaustive(heads, stm, wits)
    if not kinds:
        assert worst is None
        return
    assert worst is not None
    i, j, verdict, diagnosis = worst
    expected = (
        ifx.Verdict.CONTRADICT if ifx.Verdict.CONTRADICT in kinds else ifx.Verdict.NOT_COMPARABLE
    )
    assert verdict is expected
    assert (verdict, diagnosis) == rc._pair(stm[i], stm[j])
    assert len(wits[i] | wits[j]) > 1
    assert _clusters(heads, edges) == _clusters(heads, want_edges)


def test_large_group_reconciles_like_small_ones() -> None:
    """Forty sources, forty wordings: thirty about 3,000, ten about 30,000 (a scale slip)."""
    docs = [
        ifx.Document(
            f"Da Nang received about {3000 + k if k < 30 else 30000 + k:,} delegations in 2024.",
            source=f"https://news{k}.example/a",
            lang="en",
        )
        for k in range(40)
    ]
    report = ifx.reconcile(docs)
    top = report.findings[0]
    assert top.verdict is ifx.Verdict.CONTRADICT
    assert top.diagnosis is ifx.Diagnosis.SCALE_SLIP
    assert top.majority is not None
    assert Decimal(3000) <= top.majority < Decimal(3030)
    assert "30 of 40 independent sources" in top.reason
    # one fact, one finding: the two agreeing camps are its sides, not findings of their own
    assert sorted(len(side) for side in top.agreeing()) == [10, 30]
    assert not [f for f in report.findings if f.verdict is ifx.Verdict.AGREE]


def test_fuzzy_scoring_stays_in_bounded_blocks() -> None:
    """Thousands of unknown phrases: blocks of at most 1,000, every phrase clustered once."""
    words = ("hospital", "school", "road", "bridge", "metro", "bus", "forest", "clinic")
    phrases = sorted({f"{a} {b}{k} beds" for a in words for b in words for k in range(40)})
    assert len(phrases) > rc._MAX_BLOCK
    blocks = rc._phrase_blocks(phrases)
    assert all(len(b) <= rc._MAX_BLOCK for b in blocks)
    assert sorted(p for b in blocks for p in b) == phrases
    clusters = rc._cluster_phrases(tuple(phrases), 85.0)
    assert set(clusters) == set(phrases)
    # near-identical phrases in one block still meet: "... bus1 beds" and "... bus10 beds"
    assert clusters["road bus1 beds"] == clusters["road bus10 beds"]


def test_reconcile_restores_the_garbage_collector() -> None:
    """The collector is paused while reconciling, and left as the caller had it."""
    doc = ifx.Document("Da Nang received 3,000 delegations.", source="a", lang="en")
    assert gc.isenabled()
    ifx.reconcile([doc, doc])
    assert gc.isenabled()
    gc.disable()
    try:
        ifx.reconcile([doc])
        assert not gc.isenabled()
    finally:
        gc.enable()


def _copies_brute_force(
    sources: list[str], sets: dict[str, set[tuple[str, str]]]
) -> set[frozenset[str]]:
    """Every pair compared: Jaccard >= 0.8 counting only items at most 32 sources state."""
    eligible = [s for s in sources if len(sets.get(s, ())) >= 3]
    holders: dict[tuple[str, str], int] = defaultdict(int)
    for s in eligible:
        for item in sets[s]:
            holders[item] += 1
    parent = {s: s for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(eligible):
        for b in eligible[i + 1 :]:
            inter = len({x for x in sets[a] & sets[b] if holders[x] <= rc._MAX_SHARED})
            if inter and inter / len(sets[a] | sets[b]) >= 0.8:
                ra, rb = find(a), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = defaultdict(set)
    for s in sources:
        groups[find(s)].add(s)
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=200, deadline=None)
@given(
    base=st.lists(st.sets(st.integers(0, 60), min_size=0, max_size=12), min_size=2, max_size=30),
    edits=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 60)), max_size=40),
)
def test_copy_detection_matches_every_pair(
    base: list[set[int]], edits: list[tuple[int, int]]
) -> None:
    """Prefix-filtered copy detection finds exactly the groups comparing every pair finds."""
    sources = [f"s{k:02d}" for k in range(len(base) * 2)]
    sets: dict[str, set[tuple[str, str]]] = {}
    for k, items in enumerate(base):  # each set and a near copy of it
        sets[sources[2 * k]] = {("m", str(v)) for v in items}
        sets[sources[2 * k + 1]] = {("m", str(v)) for v in items}
    for k, v in edits:
        sets[sources[k % len(sources)]] ^= {("m", str(v))}
    got = rc._source_groups_from(sources, sets, [])
    groups: dict[str, set[str]] = defaultdict(set)
    for s, rep in got.items():
        groups[rep].add(s)
    assert {frozenset(g) for g in groups.values()} == _copies_brute_force(sources, sets)
