"""Extraction on the five seeds against the hand-checked gold annotation."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

import pytest

import integfacts as ifx
from gold_eval import document, gold_entries, manifest, score_seed

ROWS = manifest()
GOLD = gold_entries()


@pytest.mark.parametrize("row", ROWS, ids=[r["file"][:3] for r in ROWS])
def test_precision_and_recall(row: dict[str, Any]) -> None:
    """Precision and recall of value+unit+qualifier are both at least 0.95 per seed."""
    sc = score_seed(row, GOLD[row["file"]])
    detail = "\n".join(sc.errors)
    assert sc.precision >= 0.95, f"precision {sc.precision:.2f}\n{detail}"
    assert sc.recall >= 0.95, f"recall {sc.recall:.2f}\n{detail}"


@pytest.mark.parametrize("row", ROWS, ids=[r["file"][:3] for r in ROWS])
def test_not_claims_are_not_claims(row: dict[str, Any]) -> None:
    """No identifier, date, year, ordinal or URL numeral becomes a claim."""
    claims = ifx.extract(document(row))
    for g in GOLD[row["file"]]["not_claim"]:
        overlapping = [c.text for c in claims if c.span.start < g.end and g.start < c.span.end]
        assert not overlapping, f"{g.entry['figure']!r} ({g.entry['reason']}) became {overlapping}"


@pytest.mark.parametrize("row", ROWS, ids=[r["file"][:3] for r in ROWS])
def test_scan_accounts_for_every_digit_run(row: dict[str, Any]) -> None:
    """Every run of digits in the text lies inside exactly one scan item."""
    doc = document(row)
    items = ifx.scan(doc)
    spans = sorted((i.span.start, i.span.end) for i in items)
    for a, b in itertools.pairwise(spans):
        assert a[1] <= b[0], f"scan items overlap: {a} {b}"
    for m in re.finditer(r"\d+", doc.text):
        inside = [s for s in spans if s[0] <= m.start() and m.end() <= s[1]]
        assert len(inside) == 1, f"digits {m.group()!r} at {m.start()} are in {len(inside)} items"


SOURCES_FIGURES = [
    # (file prefix, figure text in the claim, value, metric) — the figures SOURCES.md lists
    ("000", "lebih dari 3.000", "3000", "delegations"),
    ("000", "60", "60", "partner_localities"),
    ("000", "24", "24", "countries"),
    ("000", "120", "120", "agreements"),
    ("000", "797", "797", "fdi_projects"),
    ("000", "lebih dari 1,07 miliar dolar AS", "1070000000", "fdi_capital"),
    ("000", "41 miliar dolar AS", "41000000000", "import_export_turnover"),
    ("000", "14.883 miliar VND", "14883000000000", "oda_capital"),
    ("000", "1.432 miliar VND", "1432000000000", "ngo_aid"),
    ("001", "lebih dari 3.000", "3000", "delegations"),
    ("001", "sekitar 1.263", "1263", "fdi_projects"),
    ("001", "lebih dari 10,9 miliar USD", "10900000000", "fdi_capital"),
    ("002", "۶۰", "60", "partner_localities"),
    ("002", "۲۴", "24", "countries"),
    ("002", "صدها", "100", "agreements"),
    ("004", "6,52%", "6.52", "growth_rate"),
    ("004", "6,27%", "6.27", "growth_rate"),
    ("004", "23/24", "23", "targets"),
    ("004", "16,7%", "16.7", "import_export_turnover"),
    ("004", "2.067 juta dolar AS", "2067000000", "fdi_capital"),
    ("004", "ke-5", "5", "fdi_capital"),
    ("004", "17", "17", "delegations"),
]


@pytest.mark.parametrize(("prefix", "figure", "value", "metric"), SOURCES_FIGURES)
def test_sources_figures(prefix: str, figure: str, value: str, metric: str) -> None:
    """The figures SOURCES.md names are claims with the right value and metric key."""
    row = next(r for r in ROWS if r["file"].startswith(prefix))
    claims = [c for c in ifx.extract(document(row)) if c.text == figure]
    assert claims, f"no claim {figure!r} in {prefix}"
    assert any(c.quantity.value == Decimal(value) and c.metric == metric for c in claims), [
        (c.quantity.value, c.metric) for c in claims
    ]
