"""Units of measure: read after a figure in any supported language, converted with pint.

The words come from each language's ``[units]`` table (CLDR unit id -> the words
that name the unit right after a figure: ``"length-mile" = ["miles", "mile"]``);
``common.toml`` maps each CLDR id to the unit as `pint <https://pint.readthedocs.io>`_
names it. A unit's dimension is the part of its id before the first ``-``
(``length``, ``area``, ``mass``, ``volume``, ``speed``, ``temperature``, ``power``):
only units of one dimension convert into each other.

Conversion factors come from pint once per unit and are kept as
:class:`~decimal.Decimal` (scale and offset to the dimension's base unit), so that
converting a figure stays exact arithmetic on the stated value.

Example:
    >>> m = read_unit("2 to 4 inches of rain", 6, "en")
    >>> (m.unit, m.words)
    ('length-inch', 'inches')
    >>> convert(Decimal(104), "temperature-fahrenheit", "temperature-celsius")
    Decimal('40.0000')
    >>> convert(Decimal(60), "speed-mile-per-hour", "speed-kilometer-per-hour")
    Decimal('96.5606')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal, localcontext

import attrs

from integfacts.languages import Language, PerLanguage, common, resolve

__all__ = [
    "Measure",
    "convert",
    "dimension",
    "mentions_units",
    "read_unit",
    "unit_ids",
    "unit_label",
]


@attrs.frozen
class Measure:
    """A unit of measure read right after a figure.

    Attributes:
        unit: the CLDR unit id (``"length-inch"``).
        words: the unit's words as the text writes them (``"inches"``).
        end: the offset right after those words (and after a compound's second
            part, when there is one).
        extra: a compound's second amount, converted into ``unit`` (``6-foot-2``:
            two inches as 1/6 foot); ``0`` without one.
    """

    unit: str
    words: str
    end: int
    extra: Decimal = Decimal(0)


def unit_label(unit: str | None) -> str:
    """How a report writes a unit right after a figure: ``"%"``, ``" USD"``, ``" mm"``.

    Example:
        >>> "320" + unit_label("length-millimeter")
        '320 mm'
    """
    if unit is None:
        return ""
    if unit == "%":
        return "%"
    if unit == "pp":
        return " percentage points"
    return " " + _symbols().get(unit, unit)


@functools.cache
def _symbols() -> dict[str, str]:
    return dict(common().get("unit_symbols", {}))


def dimension(unit: str) -> str:
    """The dimension of a CLDR unit id: ``"length-mile"`` -> ``"length"``."""
    return unit.split("-", 1)[0]


@functools.cache
def unit_ids() -> dict[str, str]:
    """CLDR unit id -> pint unit name, from ``common.toml`` ``[units]``."""
    return dict(common().get("units", {}))


_JOIN = "[\\s\\u200c\\u00a0]?"
"""Between the parts of a unit word: a space, a zero-width non-joiner, or nothing."""


def _word_re(word: str) -> str:
    parts = re.split(r"[ \u200c]", word)
    return _JOIN.join(re.escape(p) for p in parts)


def _build_lexicon(lang: Language) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """One pattern of every unit word of a language, word -> id, compounds."""
    raw = lang.raw
    table: dict[str, list[str]] = raw.get("units", {})
    known = unit_ids()
    by_word: dict[str, str] = {}
    written: list[str] = []
    for uid, words in table.items():
        if uid not in known:
            raise ValueError(f"{lang.code}.toml [units]: {uid!r} is not a unit id of common.toml")
        for w in words:
            by_word.setdefault(_fold(w), uid)
            written.append(w)
    written.sort(key=lambda w: len(_fold(w)), reverse=True)
    alt = "|".join(_word_re(w) for w in written) or "(?!)"
    # after a figure: spaces or a hyphen ("88-mile"), the words, then no letter
    pattern = re.compile(r"[ \u00a0]?-?[ \u00a0]?(" + alt + r")(?![^\W\d_])", re.IGNORECASE)
    compounds = dict(raw.get("unit_compounds", {}))
    return pattern, by_word, compounds


_lexicon: Callable[[Language], tuple[re.Pattern[str], dict[str, str], dict[str, str]]] = (
    PerLanguage(_build_lexicon).__getitem__
)


def _fold(word: str) -> str:
    return re.sub(r"[\s\u200c\u00a0]", "", word).casefold()


_SECOND = re.compile(r"(?:-|[ \u00a0]+)(\d+(?:[.,]\d+)?)")


def read_unit(text: str, pos: int, lang: str | Language) -> Measure | None:
    """The unit of measure whose words start at ``pos`` (right after a figure), if any.

    ``None`` when no unit word of ``lang`` (a code or a ``Language``) is there. A
    compound the language data names (``6-foot-2``, ``6 feet 2 inches``) adds its
    second amount.
    """
    if not isinstance(lang, Language):  # (a call with the value costs no look-up)
        lang = resolve(lang)
    pattern, by_word, compounds = _lexicon(lang)
    m = pattern.match(text, pos)
    if m is None:
        return None
    uid = by_word.get(_fold(m.group(1)))
    if uid is None:  # pragma: no cover - every alternative comes from by_word
        return None
    end = m.end()
    extra = Decimal(0)
    second = compounds.get(uid)
    if second is not None:
        n = _SECOND.match(text, end)
        if n is not None:
            amount = Decimal(n.group(1).replace(",", "."))
            tail = read_unit(text, n.end(), lang)
            if tail is None or tail.unit == second:
                got = convert(amount, second, uid)
                if got is not None:
                    extra = got
                    end = tail.end if tail is not None else n.end()
    return Measure(uid, m.group(1), end, extra)


@functools.cache
def _registry() -> object:
    import pint  # noqa: PLC0415 - loaded on the first unit converted

    return pint.UnitRegistry()


@functools.cache
def _affine(unit: str) -> tuple[Decimal, Decimal]:
    """(scale, offset) of a unit to its dimension's SI base: base = value * scale + offset."""
    name = unit_ids().get(unit)
    if name is None:
        raise ValueError(f"unknown unit id {unit!r}")
    reg = _registry()
    q0 = reg.Quantity(0, name).to_base_units()  # type: ignore[attr-defined]
    q1 = reg.Quantity(1, name).to_base_units()  # type: ignore[attr-defined]
    offset = Decimal(repr(float(q0.magnitude)))
    scale = Decimal(repr(float(q1.magnitude))) - offset
    return scale, offset


def mentions_units(text: str, lang: str | Language) -> bool:
    """Whether ``text`` has a unit word of ``lang`` right after a digit (a quick filter)."""
    return _mention_re(resolve(lang)).search(text) is not None


@functools.cache
def _mention_re(lang: Language) -> re.Pattern[str]:
    pattern = _lexicon(lang)[0]
    return re.compile(r"[\d۰-۹]" + pattern.pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (CLDR ids).

    ``None`` when the units measure different dimensions. Exact for units
    defined by exact ratios (inch, foot, mile, pound, acre to six significant
    digits); temperatures convert with their offset.
    """
    if from_unit == to_unit:
        return value
    if dimension(from_unit) != dimension(to_unit):
        return None
    sa, oa = _affine(from_unit)
    sb, ob = _affine(to_unit)
    with localcontext() as ctx:
        ctx.prec = 28
        out = ((value * sa + oa) - ob) / sb
    # the factors carry float noise in their last digits: round it away
    return out.quantize(Decimal("0.0001")) if abs(out) < Decimal("1e20") else out
