"""Planted corruptions of the aligned translation pairs (``bench/translation/``).

Each faithful pair gets up to four corrupted copies, each with one change to the
translation, at a figure chosen by a seeded random generator (the pair id seeds it,
so a run is reproducible and independent of the comparison under test):

- ``digit``: one digit of a figure replaced by another digit of the same script;
- ``separator``: a figure multiplied by ten through its separators (the decimal
  mark moved one digit right: ``1,2 juta`` -> ``12 juta``; a thousands group
  lengthened: ``1.450`` -> ``14.500``);
- ``scale``: a scale word swapped for the next one (juta <-> miliar, triệu <-> tỷ,
  million <-> billion, میلیون <-> میلیارد, thousand -> million ...);
- ``deleted``: a figure's words removed from the translation.

The figures are the claims :func:`integfacts.extract` finds in the translation
(the extraction is the same before and after a change to ``compare``).

Usage::

    python bench/translation_corrupt.py [--set dev|heldout|all] > corrupted.toml
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tomllib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import integfacts as ifx

ROOT = Path(__file__).resolve().parent / "translation"
KINDS = ("digit", "separator", "scale", "deleted")

_SCALES = {
    # word -> replacement (the next scale up, or down for the largest)
    "thousand": "million",
    "million": "billion",
    "billion": "million",
    "trillion": "billion",
    "ribu": "juta",
    "juta": "miliar",
    "miliar": "juta",
    "triliun": "miliar",
    "nghìn": "triệu",
    "ngàn": "triệu",
    "triệu": "tỷ",
    "tỷ": "triệu",
    "هزار": "میلیون",
    "میلیون": "میلیارد",
    "میلیارد": "میلیون",
}
_SCALE_RE = re.compile(
    r"(?<![^\W\d_])(" + "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True)) + r")"
    r"(?![^\W\d_])"
)
_ASCII = "0123456789"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"


@dataclass(frozen=True)
class Pair:
    """One aligned pair: ids, languages and the two texts."""

    id: str
    src_lang: str
    tgt_lang: str
    src: str
    tgt: str
    set: str


@dataclass(frozen=True)
class Corruption:
    """A corrupted translation: the new text and the span of the changed figure in it."""

    pair: Pair
    kind: str
    tgt: str
    start: int
    end: int
    before: str
    after: str


def load_pairs(which: str = "dev") -> list[Pair]:
    """Every pair of ``bench/translation/<set>/*.toml`` (``all``: both sets)."""
    sets = ("dev", "heldout") if which == "all" else (which,)
    out: list[Pair] = []
    for s in sets:
        for path in sorted((ROOT / s).glob("*.toml")):
            data = tomllib.loads(path.read_text("utf-8"))
            for p in data["pair"]:
                out.append(
                    Pair(
                        id=p["id"],
                        src_lang=p.get("src_lang", data["src_lang"]),
                        tgt_lang=p.get("tgt_lang", data["tgt_lang"]),
                        src=p["src"],
                        tgt=p["tgt"],
                        set=s,
                    )
                )
    return out


def _rng(pair: Pair, kind: str) -> random.Random:
    return random.Random(zlib.crc32(f"{pair.id}/{kind}".encode()))


def _digit_of(ch: str) -> tuple[str, int] | None:
    for alphabet in (_ASCII, _PERSIAN):
        if ch in alphabet:
            return alphabet, alphabet.index(ch)
    return None


def _digit(pair: Pair, spans: list[tuple[int, int]]) -> Corruption | None:
    rng = _rng(pair, "digit")
    text = pair.tgt
    cands = [(a, b) for a, b in spans if any(_digit_of(ch) for ch in text[a:b])]
    if not cands:
        return None
    a, b = rng.choice(cands)
    positions = [i for i in range(a, b) if _digit_of(text[i])]
    i = rng.choice(positions)
    alphabet, d = _digit_of(text[i]) or (_ASCII, 0)
    first = i == positions[0]
    choices = [k for k in range(10) if k != d and not (first and k == 0)]
    new = alphabet[rng.choice(choices)]
    out = text[:i] + new + text[i + 1 :]
    return Corruption(pair, "digit", out, a, b, text[a:b], out[a:b])


_DEC = {"en": ".", "id": ",", "vi": ",", "fa": "٫"}
_GRP = {"en": ",", "id": ".", "vi": ".", "fa": "٬"}


def _separator(pair: Pair, spans: list[tuple[int, int]]) -> Corruption | None:
    rng = _rng(pair, "separator")
    text = pair.tgt
    dec, grp = _DEC[pair.tgt_lang], _GRP[pair.tgt_lang]
    cands: list[tuple[int, int, str]] = []
    for a, b in spans:
        for m in re.finditer(r"[\d۰-۹]+(?:[.,٫٬][\d۰-۹]+)+", text[a:b]):
            cands.append((a + m.start(), a + m.end(), m.group()))
    cands = [c for c in cands if dec in c[2] or grp in c[2]]
    if not cands:
        return None
    s, e, num = rng.choice(cands)
    if dec in num:
        head, _, frac = num.rpartition(dec)
        new = head + frac[0] + (dec + frac[1:] if len(frac) > 1 else "")
    else:
        # the thousands groups read one digit off: the value times ten, regrouped
        persian = num[0] in _PERSIAN
        digits = "".join(str(_digit_of(ch)[1]) for ch in num if _digit_of(ch)) + "0"  # type: ignore[index]
        head = digits[: len(digits) % 3 or 3]
        groups = [head] + [digits[k : k + 3] for k in range(len(head), len(digits), 3)]
        new = grp.join(groups)
        if persian:
            new = new.translate(str.maketrans(_ASCII, _PERSIAN))
    out = text[:s] + new + text[e:]
    return Corruption(pair, "separator", out, s, s + len(new), num, new)


def _scale(pair: Pair, spans: list[tuple[int, int]]) -> Corruption | None:
    rng = _rng(pair, "scale")
    text = pair.tgt
    cands = []
    for a, b in spans:
        for m in _SCALE_RE.finditer(text, a, b):
            cands.append((a, b, m))
    if not cands:
        return None
    a, b, m = rng.choice(cands)
    repl = _SCALES[m.group(1)]
    out = text[: m.start()] + repl + text[m.end() :]
    return Corruption(pair, "scale", out, a, b + len(repl) - len(m.group(1)), text[a:b], "")


def _deleted(pair: Pair, spans: list[tuple[int, int]]) -> Corruption | None:
    rng = _rng(pair, "deleted")
    text = pair.tgt
    if not spans:
        return None
    a, b = rng.choice(spans)
    out = re.sub(r"[ \u00a0]{2,}", " ", text[:a] + text[b:])
    return Corruption(pair, "deleted", out, a, a, text[a:b], "")


def corrupt(pair: Pair) -> Iterator[Corruption]:
    """The corrupted copies of one pair (a kind is skipped when no figure fits it)."""
    claims = ifx.extract(ifx.Document(pair.tgt, source="tgt", lang=pair.tgt_lang))
    spans = [(c.span.start, c.span.end) for c in claims]
    for make in (_digit, _separator, _scale, _deleted):
        got = make(pair, spans)
        if got is not None:
            yield got


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    """Print the corrupted pairs as TOML (for reading; the evaluation makes its own)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", default="dev", choices=["dev", "heldout", "all"])
    args = ap.parse_args(argv)
    for pair in load_pairs(args.set):
        for c in corrupt(pair):
            print("[[corruption]]")
            print(f"pair = {_toml_str(pair.id)}")
            print(f"kind = {_toml_str(c.kind)}")
            print(f"before = {_toml_str(c.before)}")
            print(f"after = {_toml_str(c.after)}")
            print(f"tgt = {_toml_str(c.tgt)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
