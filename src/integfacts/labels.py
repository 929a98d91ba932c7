"""Short labels for sources and one-line text: shared by the findings' reasons and the reports.

Pure string functions, no dependency on the model or the renderers (so that
:mod:`integfacts.model` and :mod:`integfacts.report` do not import each other).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

__all__ = ["SOURCE_WIDTH", "source_label"]

SOURCE_WIDTH = 36
"""How long a source label is in the findings' reasons and, room permitting, in the
report tables: one width, so a reader matches the two by eye."""


_SEP = "-_.~+,"
_PIECE = re.compile(rf"[{re.escape(_SEP)}]*[^{re.escape(_SEP)}]+|[{re.escape(_SEP)}]+")


def _web_url(source: str) -> str | None:
    """``source`` when it is an absolute http(s) URL safe to link to, else ``None``."""
    s = source.strip()
    if any(ch.isspace() or ord(ch) < 0x20 or ch in "<>\"'`\\" for ch in s):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return s


def _tail(prefix: str, last: str, width: int) -> str:
    """``prefix`` + the end of ``last`` that fits ``width``, cut only between words."""
    pieces = _PIECE.findall(last)
    # never part an extension from the word before it ("3303725" + ".html")
    keep = 2 if len(pieces) >= 2 and pieces[-1].startswith(".") else 1
    tail = "".join(pieces[-keep:])
    for piece in reversed(pieces[:-keep]):
        if len(prefix) + 1 + len(piece) + len(tail) > width:
            break
        tail = piece + tail
    return prefix + ("" if tail == last else "…") + tail


def source_label(source: str, width: int = 32) -> str:
    """A short label for a source, cut only between words.

    A URL becomes its host and its last path segment (``host/…/segment``);
    when that is still too long, the segment keeps its last words
    (``host/…-song-3303725.html``). A path keeps its file name; other text is
    cut at a word boundary with an ellipsis. A single word longer than
    ``width`` (a long host or identifier) is kept whole.

    Example:
        >>> url = "https://www.example.org/news/2025/09/da-nang-gdp-up-3303725.html"
        >>> source_label(url, width=48)
        'example.org/…/da-nang-gdp-up-3303725.html'
        >>> source_label(url, width=32)
        'example.org/…-up-3303725.html'
        >>> source_label(url, width=20)
        'example.org/…-3303725.html'
    """
    s = " ".join(source.split())
    if _web_url(s):
        parts = urlsplit(s)
        host = parts.netloc.rpartition("@")[2].removeprefix("www.")
        segs = [seg for seg in parts.path.split("/") if seg]
        last = (segs[-1] if segs else "") + (f"?{parts.query}" if parts.query else "")
        full = "/".join([host, *segs]) + (f"?{parts.query}" if parts.query else "")
        if len(full) <= width or not last:
            return full if len(full) <= width else host
        lead = f"{host}/…/" if len(segs) > 1 else f"{host}/"
        if len(lead) + len(last) <= width:
            return lead + last
        return _tail(f"{host}/", last, width)
    if len(s) <= width:
        return s
    if ("/" in s or "\\" in s) and " " not in s:
        last = re.split(r"[/\\]", s.rstrip("/\\"))[-1]
        if len(last) + 2 <= width:
            return "…/" + last
        return _tail("", last, width)
    return _clip(s, width)


def _clip(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``width``.

    Example:
        >>> _clip("Da Nang received more than 3,000 delegations", 24)
        'Da Nang received more…'
    """
    s = " ".join(text.split())
    if len(s) <= width:
        return s
    cut = s[: width - 1]
    if " " in cut and not s[width - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


@functools.lru_cache(maxsize=65536)
def label_cached(source: str, width: int) -> str:
    """:func:`source_label`, remembered: reasons name the same sources over and over."""
    return source_label(source, width)
