"""Language detection for the supported languages, from their data files.

No model is downloaded: the script of the letters narrows the candidates
(``[detect] script`` in each language file), then the share of each
language's most frequent words decides.

Example:
    >>> detect_language("Kota ini menerima lebih dari 3.000 delegasi.")
    'id'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from integfacts.concepts import builtin as builtin_lexicon
from integfacts.languages import available, load

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000  # characters examined: enough for any article, bounded for huge texts


def _script(ch: str) -> str:
    cp = ord(ch)
    if 0x0600 <= cp <= 0x06FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "Arabic"
    return "Latin" if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF else "Other"


@attrs.frozen
class _Profile:
    script: str
    stopwords: frozenset[str]
    vocabulary: frozenset[str]
    letters: frozenset[str]


def _strings(node: Any, *, keys: bool = True) -> Iterator[str]:
    """Every string of a data section (and its table keys, when they are words)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if keys:
                yield str(k)
            yield from _strings(v, keys=keys)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, keys=keys)


@functools.cache
def _profiles() -> dict[str, _Profile]:
    out = {}
    for code in available():
        raw = load(code).raw
        det = raw.get("detect", {})
        vocab = {
            w.casefold()
            for section in ("numerals", "claims", "currencies", "periods")
            for text in _strings(raw.get(section, {}), keys=True)
            for w in _WORD.findall(text)
            if len(w) > 2
        }
        # concept keys ("delegations") are language-neutral: only their terms count
        vocab.update(
            w.casefold()
            for terms in builtin_lexicon().table(code).values()
            for text in terms
            for w in _WORD.findall(text)
            if len(w) > 2
        )
        out[code] = _Profile(
            script=str(det.get("script", "Latin")),
            stopwords=frozenset(w.casefold() for w in det.get("stopwords", [])),
            vocabulary=frozenset(vocab),
            letters=frozenset(str(det.get("letters", ""))),
        )
    return out


def detect_language(text: str) -> str:
    """Return the code of the supported language ``text`` is most likely in.

    Signals, all from the language files: the script of the letters, the
    language's most frequent words, its own vocabulary (number, scale,
    currency and concept words) and letters only it uses.

    Raises:
        ValueError: when the text has no letters, or two languages score the
            same (pass ``lang`` instead of guessing).
    """
    sample = text[:_SAMPLE]
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        raise ValueError("cannot detect the language of a text without words; pass lang=")
    scripts: dict[str, int] = {}
    for w in words:
        sc = _script(w[0])
        scripts[sc] = scripts.get(sc, 0) + 1
    main = max(sorted(scripts), key=lambda sc: scripts[sc])
    chars = set(sample.casefold())
    scores = []
    for code, prof in sorted(_profiles().items()):
        if prof.script != main:
            continue
        score = sum(2.0 for w in words if w in prof.stopwords)
        score += sum(1.0 for w in words if w in prof.vocabulary)
        score += 3.0 * len(chars & prof.letters)
        scores.append((score, code))
    if not scores:
        raise ValueError(f"no supported language is written in the {main} script; pass lang=")
    scores.sort(reverse=True)
    if len(scores) > 1 and scores[0][0] == scores[1][0]:
        raise ValueError(
            f"cannot tell {scores[0][1]!r} from {scores[1][1]!r} in this text; pass lang="
        )
    return scores[0][1]
