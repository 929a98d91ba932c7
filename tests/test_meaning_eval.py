"""The open-world meaning evaluation set (bench/meaning) is well formed (accuracy: not asserted)."""

from __future__ import annotations

import datetime
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent / "bench" / "meaning"
LABELS = ("agree", "conflict", "update", "different")
LANGS = ("en", "id", "vi", "fa")


def _events() -> list[Path]:
    return sorted(p for p in ROOT.iterdir() if (p / "manifest.toml").is_file())


def _manifest(folder: Path) -> list[dict[str, Any]]:
    data = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))
    docs: list[dict[str, Any]] = data["doc"]
    return docs


def _labels(folder: Path) -> dict[str, Any]:
    return tomllib.loads((ROOT / "labels" / f"{folder.name}.toml").read_text("utf-8"))


def _occurrences(text: str, figure: str) -> int:
    n, pos = 0, text.find(figure)
    while pos >= 0:
        n += 1
        pos = text.find(figure, pos + 1)
    return n


def _refs(labels: dict[str, Any]) -> list[dict[str, Any]]:
    refs: list[dict[str, Any]] = list(labels.get("figure", []))
    for p in labels.get("pair", []):
        refs += [p["a"], p["b"]]
    return refs


EVENTS = _events()


def test_size() -> None:
    """The set has at least 40 texts, 5 events and 150 labelled pairs."""
    texts = sum(len(_manifest(f)) for f in EVENTS)
    pairs = sum(len(_labels(f).get("pair", [])) for f in EVENTS)
    assert len(EVENTS) >= 5
    assert texts >= 40
    assert pairs >= 150


def test_languages() -> None:
    """Every language covers at least 5 events and every event at least 3 languages."""
    per_lang: Counter[str] = Counter()
    for folder in EVENTS:
        langs = {d["lang"] for d in _manifest(folder)}
        assert len(langs) >= 3, folder.name
        per_lang.update(langs)
    for lang in LANGS:
        assert per_lang[lang] >= 5, lang


@pytest.mark.parametrize("folder", EVENTS, ids=lambda p: p.name)
def test_manifest(folder: Path) -> None:
    """Every manifest entry names an existing UTF-8 text, a source, a language and a date."""
    sources = set()
    for d in _manifest(folder):
        path = folder / d["file"]
        assert path.is_file(), path
        assert path.read_text("utf-8").strip()
        assert d["lang"] in LANGS
        assert isinstance(d["published"], datetime.date)
        assert d["source"]
        assert d["source"] not in sources
        sources.add(d["source"])


@pytest.mark.parametrize("folder", EVENTS, ids=lambda p: p.name)
def test_labels(folder: Path) -> None:
    """Every label is a known class between two documents of the event, and every figure occurs."""
    texts = {d["file"]: (folder / d["file"]).read_text("utf-8") for d in _manifest(folder)}
    labels = _labels(folder)
    for p in labels.get("pair", []):
        assert p["label"] in LABELS, p
        assert p["a"]["doc"] != p["b"]["doc"], p
    for ref in _refs(labels):
        assert ref["doc"] in texts, ref
        assert ref["figure"].strip(), ref
        nth = int(ref.get("nth", 1))
        assert nth >= 1
        assert _occurrences(texts[ref["doc"]], ref["figure"]) >= nth, ref
