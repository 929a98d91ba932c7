"""integfacts: numeric fact-checking across languages.

Read news-like text in English, Indonesian, Vietnamese and Persian, turn every
stated figure into a typed :class:`Claim` with exact provenance, and reconcile
claims across sources.

Importing the package does no work: every name below is loaded on first use.

Example:
    >>> import integfacts as ifx
    >>> ifx.parse_number("1,07 miliar", lang="id")
    Decimal('1070000000')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str

    from integfacts.batch import extract_many
    from integfacts.extraction import DocumentTooLargeError, extract, scan
    from integfacts.langid import detect_language
    from integfacts.languages import UnsupportedLanguageError
    from integfacts.model import (
        Claim,
        ClaimKind,
        Diagnosis,
        Document,
        Finding,
        Outcome,
        Period,
        PeriodSource,
        Qualifier,
        Quantity,
        Report,
        ScanItem,
        Span,
        Verdict,
    )
    from integfacts.numbers import Numeral, find_numerals, parse_number
    from integfacts.reconciliation import compare, reconcile
    from integfacts.streaming import iter_claims

__all__ = [
    "Claim",
    "ClaimKind",
    "Diagnosis",
    "Document",
    "DocumentTooLargeError",
    "Finding",
    "Numeral",
    "Outcome",
    "Period",
    "PeriodSource",
    "Qualifier",
    "Quantity",
    "Report",
    "ScanItem",
    "Span",
    "UnsupportedLanguageError",
    "Verdict",
    "__version__",
    "compare",
    "detect_language",
    "extract",
    "extract_many",
    "find_numerals",
    "iter_claims",
    "parse_number",
    "reconcile",
    "scan",
]

_WHERE = {
    "Claim": "model",
    "ClaimKind": "model",
    "Document": "model",
    "Outcome": "model",
    "ScanItem": "model",
    "Diagnosis": "model",
    "Finding": "model",
    "Report": "model",
    "Verdict": "model",
    "compare": "reconciliation",
    "reconcile": "reconciliation",
    "DocumentTooLargeError": "extraction",
    "extract": "extraction",
    "extract_many": "batch",
    "iter_claims": "streaming",
    "scan": "extraction",
    "detect_language": "langid",
    "Period": "model",
    "PeriodSource": "model",
    "Qualifier": "model",
    "Quantity": "model",
    "Span": "model",
    "Numeral": "numbers",
    "find_numerals": "numbers",
    "parse_number": "numbers",
    "UnsupportedLanguageError": "languages",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _read_version()
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module 'integfacts' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"integfacts.{mod}"), name)
    globals()[name] = value
    return value


def _read_version() -> str:
    """The installed distribution's version (package metadata), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("integfacts")
    except PackageNotFoundError:  # running from a source tree that is not installed
        from integfacts._version import __version__  # noqa: PLC0415

        return __version__


def __dir__() -> list[str]:
    return sorted(__all__)
