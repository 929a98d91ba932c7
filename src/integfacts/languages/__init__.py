"""Language data: one TOML file per language, loaded lazily and cached.

Every language-specific fact integfacts uses (separators, number words,
scale words, currency names, qualifiers, period words, concept vocabulary)
lives in ``<code>.toml`` beside this module. Adding a language means adding a
file and a test corpus; the engine has no per-language branches.

Example:
    >>> from integfacts.languages import available, load
    >>> "id" in available()
    True
    >>> load("id").decimal
    frozenset({','})
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any, TypeVar

import attrs

__all__ = ["Language", "PerLanguage", "UnsupportedLanguageError", "available", "load", "resolve"]

_T = TypeVar("_T")


class UnsupportedLanguageError(ValueError):
    """Raised for a language code that has no data file.

    The message names the supported codes.
    """


@attrs.frozen(eq=False)
class Language:
    """The parsed data of one language file (immutable).

    A value is equal only to itself and hashes by identity: :func:`load`
    returns one value per code, and the modules that compile tables from it
    (number patterns, period words, grammar) cache them keyed by that value.
    The public functions take a code or a ``Language`` (see :func:`resolve`);
    inside, the value itself flows from numerals to periods to meaning, never
    looked up again by its code.

    Attributes:
        code: ISO 639-1 code, e.g. ``"id"``.
        name: English name of the language.
        decimal: characters used as a decimal mark.
        group: characters used to group thousands.
        minus: signs and words that negate a numeral.
        connectors: words allowed between number words, with no value.
        decimal_words: words like "point" / "koma".
        one_before_multiplier: articles that mean one before a multiplier.
        half_of_last: words adding half of the last multiplier ("rưỡi").
        values: number word -> value.
        multipliers: number word -> multiplier (case-insensitive).
        adders: words that add to the unit before them ("belas").
        abbreviations: case-sensitive scale abbreviations.
        aliases: word -> the words it stands for.
        chars: character -> replacement (letter variants).
        raw: the whole TOML document, for the sections other modules read.
    """

    code: str
    name: str
    decimal: frozenset[str]
    group: frozenset[str]
    minus: frozenset[str]
    connectors: frozenset[str]
    decimal_words: frozenset[str]
    one_before_multiplier: frozenset[str]
    half_of_last: frozenset[str]
    values: dict[str, Decimal]
    multipliers: dict[str, Decimal]
    adders: dict[str, Decimal]
    abbreviations: dict[str, Decimal]
    aliases: dict[str, tuple[str, ...]]
    chars: dict[str, str]
    raw: dict[str, Any] = attrs.field(repr=False)


@functools.cache
def available() -> tuple[str, ...]:
    """Return the codes of every language that has a data file, sorted."""
    files = resources.files(__name__)
    return tuple(
        sorted(
            p.name[:-5]
            for p in files.iterdir()
            if p.name.endswith(".toml") and p.name != "common.toml"
        )
    )


def _dec_map(table: dict[str, Any]) -> dict[str, Decimal]:
    return {k.casefold(): Decimal(str(v)) for k, v in table.items()}


@functools.cache
def common() -> dict[str, Any]:
    """The language-neutral data (currency codes and symbols)."""
    text = resources.files(__name__).joinpath("common.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.cache
def load(code: str) -> Language:
    """Load (once) and return the data of language ``code``.

    Raises:
        UnsupportedLanguageError: if there is no data file for ``code``.
    """
    if not isinstance(code, str) or code not in available():
        raise UnsupportedLanguageError(
            f"unsupported language {code!r}; supported: {', '.join(available())}"
        )
    text = resources.files(__name__).joinpath(f"{code}.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    num = raw.get("numerals", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in num.get(key, []))

    return Language(
        code=raw["code"],
        name=raw["name"],
        decimal=frozenset(num.get("decimal", [])),
        group=frozenset(num.get("group", [])),
        minus=words("minus"),
        connectors=words("connectors"),
        decimal_words=words("decimal_words"),
        one_before_multiplier=words("one_before_multiplier"),
        half_of_last=words("half_of_last"),
        values=_dec_map(num.get("values", {})),
        multipliers=_dec_map(num.get("multipliers", {})),
        adders=_dec_map(num.get("adders", {})),
        abbreviations={k: Decimal(str(v)) for k, v in num.get("abbreviations", {}).items()},
        aliases={
            k.casefold(): tuple(v.casefold().split()) for k, v in num.get("aliases", {}).items()
        },
        chars=dict(raw.get("chars", {})),
        raw=raw,
    )


def resolve(lang: str | Language) -> Language:
    """The language ``lang`` names: a code is loaded (once), a ``Language`` is returned as is.

    The public entry points (``extract``, ``scan``, ``find_numerals``,
    ``parse_number``, ``find_periods``, ...) call this once; what they call
    inside takes the ``Language`` value.

    Raises:
        UnsupportedLanguageError: for a code with no data file (or a value that
            is neither a code nor a ``Language``).

    Example:
        >>> resolve("vi") is load("vi") is resolve(load("vi"))
        True
    """
    if isinstance(lang, Language):
        return lang
    return load(lang)


class PerLanguage(dict[Language, _T]):
    """What ``make`` builds from a language, built once per ``Language`` value.

    ``PerLanguage(make).__getitem__`` is the look-up the modules use for the
    tables they compile from a language (patterns, word sets, its grammar): a
    dict look-up by the value's identity, made in C, cheaper than a
    ``functools.cache`` call (which wraps a non-string argument in a key tuple).

    Example:
        >>> names = PerLanguage(lambda lang: lang.name.upper()).__getitem__
        >>> names(load("id"))
        'INDONESIAN'
    """

    def __init__(self, make: Callable[[Language], _T]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, lang: Language) -> _T:
        if not isinstance(lang, Language):
            raise TypeError(f"expected a Language (see languages.resolve), got {lang!r}")
        got = self[lang] = self._make(lang)
        return got
