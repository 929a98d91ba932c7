"""Scoring extraction against the hand-checked seed gold (tests/gold/seeds.toml).

Used by the tests and by ``bench/gold_report.py`` (which prints the table).
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import integfacts as ifx

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds.toml"
SEEDS = ROOT / "seeds"


def manifest() -> list[dict[str, Any]]:
    """The seeds manifest rows."""
    rows: list[dict[str, Any]] = tomllib.loads((SEEDS / "manifest.toml").read_text("utf-8"))[
        "document"
    ]
    return rows


def document(row: dict[str, Any]) -> ifx.Document:
    """The Document of one manifest row."""
    text = (SEEDS / row["file"]).read_text("utf-8")
    published = row["published"]
    assert isinstance(published, datetime.date)
    return ifx.Document(
        text, source=row["source"], lang=row["lang"], published=published, subject=row["subject"]
    )


@dataclass
class GoldClaim:
    """One annotated figure, located in its file."""

    start: int
    end: int
    entry: dict[str, Any]


@dataclass
class Score:
    """Precision/recall of one seed."""

    file: str
    gold: int = 0
    extracted: int = 0
    correct: int = 0
    metric_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def locate(text: str, entry: dict[str, Any]) -> tuple[int, int]:
    """Offsets of ``entry['figure']`` inside its unique ``context``."""
    ctx = entry["context"]
    at = text.index(ctx)
    rel = ctx.index(entry["figure"])
    return at + rel, at + rel + len(entry["figure"])


def gold_entries() -> dict[str, dict[str, list[GoldClaim]]]:
    """file -> {"claim": [...], "not_claim": [...]} with spans."""
    data = tomllib.loads(GOLD.read_text("utf-8"))
    out: dict[str, dict[str, list[GoldClaim]]] = {}
    texts = {row["file"]: (SEEDS / row["file"]).read_text("utf-8") for row in manifest()}
    for kind in ("claim", "not_claim"):
        for e in data.get(kind, []):
            s, t = locate(texts[e["file"]], e)
            out.setdefault(e["file"], {"claim": [], "not_claim": []})[kind].append(
                GoldClaim(s, t, e)
            )
    return out


def _unit(u: str | None) -> str:
    return u or ""


def score_seed(row: dict[str, Any], gold: dict[str, list[GoldClaim]]) -> Score:
    """Compare extraction with the gold claims of one seed.

    A claim is correct when its span overlaps a gold figure and value, unit
    and qualifier all equal the gold ones.
    """
    doc = document(row)
    claims = ifx.extract(doc)
    sc = Score(row["file"], gold=len(gold["claim"]), extracted=len(claims))
    used: set[int] = set()
    for c in claims:
        match = None
        for k, g in enumerate(gold["claim"]):
            if k not in used and c.span.start < g.end and g.start < c.span.end:
                match = k
                break
        if match is None:
            sc.errors.append(f"extra: {c.text!r} = {c.quantity.value}")
            continue
        used.add(match)
        g = gold["claim"][match].entry
        want = (Decimal(g["value"]), g["unit"], g["qualifier"])
        got = (c.quantity.value, _unit(c.quantity.unit), c.quantity.qualifier.value)
        if want == got:
            sc.correct += 1
            if (g.get("metric") or None) == c.metric:
                sc.metric_ok += 1
            else:
                sc.errors.append(
                    f"metric {g['figure']!r}: want {g.get('metric')!r}, got {c.metric!r}"
                )
        else:
            sc.errors.append(f"wrong {g['figure']!r}: want {want}, got {got}")
    for k, g2 in enumerate(gold["claim"]):
        if k not in used:
            sc.errors.append(f"missed: {g2.entry['figure']!r}")
    return sc


def claim_problems(want: list[dict[str, Any]], got: list[dict[str, Any]], fields: Any) -> list[str]:
    """What differs between expected and extracted claims (corpus tests share this)."""
    problems = []
    if len(got) != len(want):
        problems.append(
            f"{len(want)} claims expected, {len(got)} extracted: "
            f"want {[w['figure'] for w in want]}, got {[g['figure'] for g in got]}"
        )
    for w, g in zip(want, got, strict=False):
        diff = [f"{k}: want {w[k]!r}, got {g[k]!r}" for k in fields if w[k] != g[k]]
        if diff:
            problems.append(f"claim {w['figure']!r}: " + "; ".join(diff))
    return problems
