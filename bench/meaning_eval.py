"""Open-world meaning: accuracy per class on the hand-labelled multi-source stories.

Reads ``bench/meaning/<event>/manifest.toml`` (the texts) and
``bench/meaning/labels/<event>.toml`` (the labels, kept apart from the texts),
reconciles every event's documents with :func:`integfacts.reconcile` and scores
each labelled pair of figures:

- ``agree``: right when both claims are in one finding whose verdict is AGREE;
- ``conflict``: right when both claims are in one finding whose verdict is CONTRADICT;
- ``update``: right when the two claims are not together in an AGREE or CONTRADICT
  finding; "recognised" when they are together in a finding whose verdict or
  diagnosis value is ``"update"``;
- ``different``: right when not together in an AGREE or CONTRADICT finding;
- figure recall: the share of labelled figures (figure entries and pair ends) found
  as a claim (the claim whose span overlaps the figure's words the most).

A measurement, not a test: it always exits 0.

Usage::

    python bench/meaning_eval.py [--event NAME] [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import integfacts
from integfacts import Claim, Document, Finding, Report

ROOT = Path(__file__).resolve().parent / "meaning"
CLASSES = ("agree", "conflict", "update", "different")
GOALS = {"agree": 0.90, "conflict": 0.80, "update": 0.95, "different": 0.95, "recall": 0.99}
NOT_FIGURE_KINDS = ("duration", "age")
"""``[[figure]]`` kinds that are not facts to reconcile (excluded from recall)."""


@dataclass(frozen=True)
class Ref:
    """One labelled occurrence of a figure's words in a document."""

    doc: str
    figure: str
    nth: int = 1


@dataclass(frozen=True)
class Pair:
    """A labelled pair of figures of two documents of one event."""

    a: Ref
    b: Ref
    label: str
    note: str = ""


@dataclass(frozen=True)
class Event:
    """The documents and labels of one event."""

    name: str
    docs: dict[str, Document]
    pairs: tuple[Pair, ...]
    figures: tuple[Ref, ...]
    not_figures: tuple[Ref, ...]


@dataclass
class Tally:
    """Counts per class for one event or overall."""

    n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    recognised_updates: int = 0
    figures: int = 0
    found: int = 0
    not_figures: int = 0
    not_figures_reconciled: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for k in CLASSES:
            self.n[k] += other.n[k]
            self.correct[k] += other.correct[k]
        self.recognised_updates += other.recognised_updates
        self.figures += other.figures
        self.found += other.found
        self.not_figures += other.not_figures
        self.not_figures_reconciled += other.not_figures_reconciled

    def as_dict(self) -> dict[str, Any]:
        """The counts and accuracies as plain JSON values."""
        out: dict[str, Any] = {}
        for k in CLASSES:
            n, c = self.n[k], self.correct[k]
            out[k] = {"n": n, "correct": c, "accuracy": c / n if n else None, "goal": GOALS[k]}
        out["update"]["recognised"] = self.recognised_updates
        out["recall"] = {
            "n": self.figures,
            "correct": self.found,
            "accuracy": self.found / self.figures if self.figures else None,
            "goal": GOALS["recall"],
        }
        out["durations_ages"] = {
            "n": self.not_figures,
            "reconciled": self.not_figures_reconciled,
        }
        return out


def _ref(raw: dict[str, Any]) -> Ref:
    return Ref(doc=str(raw["doc"]), figure=str(raw["figure"]), nth=int(raw.get("nth", 1)))


def load_labels(path: Path) -> tuple[tuple[Pair, ...], tuple[Ref, ...], tuple[Ref, ...]]:
    """Read one event's label file.

    Args:
        path: ``bench/meaning/labels/<event>.toml``.

    Returns:
        The pairs, the figures stated as facts and the figures marked as
        durations or ages.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pairs = tuple(
        Pair(_ref(p["a"]), _ref(p["b"]), str(p["label"]), str(p.get("note", "")))
        for p in data.get("pair", [])
    )
    figures: list[Ref] = []
    not_figures: list[Ref] = []
    for f in data.get("figure", []):
        (not_figures if f.get("kind") in NOT_FIGURE_KINDS else figures).append(_ref(f))
    return pairs, tuple(figures), tuple(not_figures)


def load_manifest(folder: Path) -> dict[str, Document]:
    """Read one event's manifest and texts into Documents keyed by file name.

    Args:
        folder: ``bench/meaning/<event>/``.

    Returns:
        ``{file name: Document}`` in manifest order.
    """
    data = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    docs: dict[str, Document] = {}
    for d in data["doc"]:
        published = d["published"]
        if not isinstance(published, datetime.date):
            published = datetime.date.fromisoformat(str(published))
        text = (folder / d["file"]).read_text(encoding="utf-8")
        docs[d["file"]] = Document(
            text, source=str(d["source"]), lang=str(d["lang"]), published=published
        )
    return docs


def load_events(root: Path = ROOT, only: str | None = None) -> list[Event]:
    """Read every event (or one) of the evaluation set.

    Args:
        root: the ``bench/meaning`` folder.
        only: an event name to read alone.

    Returns:
        The events, sorted by name.
    """
    events: list[Event] = []
    for folder in sorted(p for p in root.iterdir() if (p / "manifest.toml").is_file()):
        if only is not None and folder.name != only:
            continue
        pairs, figures, not_figures = load_labels(root / "labels" / f"{folder.name}.toml")
        events.append(Event(folder.name, load_manifest(folder), pairs, figures, not_figures))
    return events


def locate(text: str, ref: Ref) -> tuple[int, int] | None:
    """The offsets of the ``nth`` occurrence of a figure's words in a text, if any."""
    pos = -1
    for _ in range(ref.nth):
        pos = text.find(ref.figure, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(ref.figure)


def labelled_figures(ev: Event) -> list[Ref]:
    """Every labelled figure (figure entries and pair ends), one per occurrence in a doc."""
    seen: set[tuple[str, int]] = set()
    out: list[Ref] = []
    for ref in list(ev.figures) + [r for p in ev.pairs for r in (p.a, p.b)]:
        where = locate(ev.docs[ref.doc].text, ref)
        key = (ref.doc, where[0] if where is not None else -ref.nth)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def find_claim(claims: Sequence[Claim], where: tuple[int, int]) -> Claim | None:
    """The claim whose span overlaps ``where`` the most (None when none overlaps)."""
    best: Claim | None = None
    best_overlap = 0
    for c in claims:
        overlap = min(c.span.end, where[1]) - max(c.span.start, where[0])
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    return best


def _value(x: object) -> str:
    return str(getattr(x, "value", x))


def together(findings: Iterable[Finding], a: Claim, b: Claim) -> list[Finding]:
    """The findings that hold both claims."""
    return [f for f in findings if any(c is a for c in f.claims) and any(c is b for c in f.claims)]


def describe(c: Claim | None) -> str:
    """One line about a claim: figure, metric, subject, period, kind."""
    if c is None:
        return "(no claim)"
    period = c.period.label if c.period is not None else "-"
    return (
        f"{c.text!r} value={c.value} unit={c.unit} metric={c.metric} "
        f"phrase={c.metric_phrase!r} subject={c.subject} period={period}"
        f"({_value(c.period_source)}) change={c.change} kind={_value(c.kind)}"
    )


def score_event(ev: Event, verbose: bool, out: list[str]) -> Tally:
    """Reconcile one event's documents and score its labels.

    Args:
        ev: the event.
        verbose: list every wrong pair and missing figure in ``out``.
        out: lines to print.

    Returns:
        The event's tally.
    """
    try:
        report: Report = integfacts.reconcile(list(ev.docs.values()))
    except Exception as exc:  # a measurement: an engine error scores the event as all wrong
        out.append(f"  ERROR: reconcile failed: {type(exc).__name__}: {exc}")
        tally = Tally()
        for p in ev.pairs:
            tally.n[p.label] += 1
        tally.figures = len(labelled_figures(ev))
        tally.not_figures = len(ev.not_figures)
        return tally
    by_source: dict[str, list[Claim]] = {}
    for c in report.claims:
        by_source.setdefault(c.source, []).append(c)
    tally = Tally()

    def claim_of(ref: Ref) -> tuple[Claim | None, tuple[int, int] | None]:
        doc = ev.docs[ref.doc]
        where = locate(doc.text, ref)
        if where is None:
            return None, None
        return find_claim(by_source.get(doc.source, []), where), where

    for ref in labelled_figures(ev):
        claim, _ = claim_of(ref)
        tally.figures += 1
        if claim is not None:
            tally.found += 1
        elif verbose:
            out.append(f"  missing figure: {ref.doc} {ref.figure!r} (nth {ref.nth})")
    for ref in ev.not_figures:
        claim, _ = claim_of(ref)
        tally.not_figures += 1
        if claim is not None and any(any(c is claim for c in f.claims) for f in report.findings):
            tally.not_figures_reconciled += 1
            if verbose:
                out.append(f"  duration/age reconciled: {ref.doc} {ref.figure!r}")

    for p in ev.pairs:
        ca, _ = claim_of(p.a)
        cb, _ = claim_of(p.b)
        both = together(report.findings, ca, cb) if ca is not None and cb is not None else []
        verdicts = {_value(f.verdict) for f in both}
        if ca is not None and cb is not None:
            for f in both:
                # a finding whose claims split into sides: the same side agrees,
                # different sides of a contradiction contradict
                same = any(
                    any(c is ca for c in side) and any(c is cb for c in side)
                    for side in f.agreeing()
                )
                if f.sides and same:
                    verdicts.discard(_value(f.verdict))
                    verdicts.add("agree")
        diagnoses = {_value(f.diagnosis) for f in both}
        if p.label == "agree":
            ok = "agree" in verdicts
        elif p.label == "conflict":
            ok = "contradict" in verdicts
        else:
            ok = not ({"agree", "contradict"} & verdicts)
            if p.label == "update" and "update" in verdicts | diagnoses:
                tally.recognised_updates += 1
        tally.n[p.label] += 1
        tally.correct[p.label] += ok
        if verbose and not ok:
            out.append(f"  WRONG {p.label}: {p.note}")
            out.append(f"    a {p.a.doc}: {describe(ca)}")
            out.append(f"    b {p.b.doc}: {describe(cb)}")
            if both:
                for f in both:
                    out.append(
                        f"    finding: {_value(f.verdict)}/{_value(f.diagnosis)} "
                        f"metric={f.metric} subject={f.subject}: {f.reason}"
                    )
            else:
                out.append("    finding: none holds both claims")
    return tally


def _pct(c: int, n: int) -> str:
    return f"{100 * c / n:5.1f}%" if n else "    -"


def table(name: str, t: Tally) -> list[str]:
    """The accuracy table of one tally as text lines."""
    lines = [
        f"{name}",
        f"  {'class':<10} {'n':>4} {'correct':>8} {'accuracy':>9}   goal",
    ]
    for k in CLASSES:
        what = "found" if k in ("agree", "conflict") else "kept apart"
        lines.append(
            f"  {k:<10} {t.n[k]:>4} {t.correct[k]:>8} {_pct(t.correct[k], t.n[k]):>9}"
            f"   >= {GOALS[k]:.0%} {what}"
        )
    lines.append(
        f"  {'recall':<10} {t.figures:>4} {t.found:>8} {_pct(t.found, t.figures):>9}"
        f"   >= {GOALS['recall']:.0%} figures found as claims"
    )
    lines.append(
        f"  updates recognised as updates: {t.recognised_updates}/{t.n['update']};"
        f" durations/ages reconciled: {t.not_figures_reconciled}/{t.not_figures}"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the tables (always returns 0)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--event", help="score one event only (a folder name of bench/meaning)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--verbose", action="store_true", help="list wrong pairs and missing figures")
    args = ap.parse_args(argv)
    events = load_events(ROOT, args.event)
    if not events:
        print(f"no event {args.event!r} under {ROOT}", file=sys.stderr)
        return 0
    total = Tally()
    per_event: dict[str, Tally] = {}
    lines: list[str] = []
    for ev in events:
        detail: list[str] = []
        t = score_event(ev, args.verbose, detail)
        per_event[ev.name] = t
        total.add(t)
        lines += table(f"{ev.name} ({len(ev.docs)} texts)", t) + detail + [""]
    n_docs = sum(len(ev.docs) for ev in events)
    lines += table(f"OVERALL ({len(events)} events, {n_docs} texts)", total)
    if args.json:
        payload = {
            "integfacts": integfacts.__version__,
            "events": {k: v.as_dict() for k, v in per_event.items()},
            "overall": total.as_dict(),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
