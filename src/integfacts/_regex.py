"""Small helpers for building patterns from language data (shared by the steps)."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first ("seratus" before "se")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
