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

from integfacts.languages import available, load

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000  # characters examined: enough for any article, bounded for huge texts


def _script(ch: str) -> str:
    cp = ord(ch)
    if 0x0600 <= cp <= 0x06FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "Arabic"
    return "Latin" if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF else "Other"


@functools.cache
def _profiles() -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for code in available():
        det = load(code).raw.get("detect", {})
        out[code] = (
            str(det.get("script", "Latin")),
            frozenset(w.casefold() for w in det.get("stopwords", [])),
        )
    return out


def detect_language(text: str) -> str:
    """Return the code of the supported language ``text`` is most likely in.

    Raises:
        ValueError: when the text has no letters to judge by; pass ``lang``.
    """
    sample = text[:_SAMPLE]
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        raise ValueError("cannot detect the language of a text without words; pass lang=")
    scripts: dict[str, int] = {}
    for w in words:
        s = _script(w[0])
        scripts[s] = scripts.get(s, 0) + 1
    main = max(sorted(scripts), key=lambda s: scripts[s])
    best, best_score = "", -1.0
    for code, (script, stop) in sorted(_profiles().items()):
        hits = sum(1 for w in words if w in stop)
        score = hits / len(words) + (1.0 if script == main else 0.0)
        if score > best_score:
            best, best_score = code, score
    return best
