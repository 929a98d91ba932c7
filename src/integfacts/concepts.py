"""The concept lexicon: what news statistics measure, in every supported language.

A concept is a language-neutral key (``deaths``, ``turnout``, ``fdi_projects``)
with metadata (which kinds of figure may measure it, its group, whether it
counts people) and the terms each language writes for it ("death toll",
"korban tewas", "số người chết", "کشته‌شدگان"). The built-in lexicon is the
data file ``knowledge/concepts.toml``, kept apart from each language's grammar
data; users add concepts and terms with a file of the same shape::

    [concepts]                  # terms in any language: added to every language
    sinkholes = ["sinkhole", "sinkholes", "lubang amblas", "hố sụt"]

    [concepts.vi]               # terms of one language
    deaths = ["người tử nạn"]

    [meta.sinkholes]           # optional
    kinds = ["count"]
    group = "damage"

Example:
    >>> lex = builtin()
    >>> lex.terms("id")["korban tewas"]
    'deaths'
    >>> user = load_concepts({"concepts": {"sinkholes": ["sinkholes", "lubang amblas"]}})
    >>> lex.merged(user).terms("id")["lubang amblas"]
    'sinkholes'
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "KINDS",
    "ConceptMeta",
    "Lexicon",
    "builtin",
    "lexicon_for",
    "load_concepts",
    "norm_term",
]

#: The kinds of figure a concept's ``kinds`` may name (the values of ``ClaimKind``).
KINDS = frozenset({"count", "measure", "money", "percent", "rank", "ratio"})

# not a key character: punctuation, spaces, "_", and a hyphen that joins no two letters
_NON_KEY = re.compile(r"[^\w-]|_|-(?!\w)|(?<!\w)-")
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


def norm_term(term: str) -> str:
    """A term's look-up key: case, spaces, dots and zero-width non-joiners do not matter.

    Two terms with the same key are the same term (``"MoU"``, ``"mou"``,
    ``"هیئت‌ها"`` and ``"هیئتها"``).
    """
    k = term.casefold()
    if k.isalnum():
        return k
    joined = k.replace(" ", "").replace("\u200c", "")  # the common case: words apart
    return joined if joined.isalnum() else _NON_KEY.sub("", k)


@attrs.frozen
class ConceptMeta:
    """Language-neutral facts about one concept.

    Attributes:
        kinds: the kinds of figure that may measure it (``count``, ``money``,
            ``percent``, ``rank``, ``ratio``); ``None`` when any kind may.
        group: a topic the concept belongs to (``casualties``, ``trade`` ...).
        people: ``True`` when its figures count people.
        broader: the concept this one is a kind of (``dengue_cases`` ->
            ``cases``): stories state one figure under either, so
            reconciliation compares them as the broader concept.
        change_of: the concept whose change in percent this one is as a level
            (``growth_rate`` is the change of ``grdp``: "GDP tăng 7,09%" is a
            growth rate of 7.09%).
        event: ``True`` when its figures describe an event, not a place
            (an earthquake's magnitude): the subject is the event's country,
            whichever town or province a story names beside it.
    """

    kinds: frozenset[str] | None = None
    group: str = ""
    people: bool = False
    broader: str = ""
    change_of: str = ""
    event: bool = False


def _as_tuple_map(d: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(d.items()))


@attrs.frozen(cache_hash=True)
class Lexicon:
    """A concept lexicon (immutable and hashable, so compiled vocabularies are cached per lexicon).

    Build one with :func:`builtin`, :func:`load_concepts` or :meth:`merged`.

    Attributes:
        vocab: per language code, ``(key, terms)`` pairs in file order.
        meta: ``(key, ConceptMeta)`` pairs, sorted by key.
        refine: ``(key, ((other, finer), ...))``: a concept found with ``other``
            earlier in the same sentence becomes ``finer``.
        checked_kinds: the kinds whose figures may only measure concepts that
            list them (a count may measure any concept when ``count`` is not here).
        source: where the lexicon came from, for messages.
    """

    vocab: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    meta: tuple[tuple[str, ConceptMeta], ...] = ()
    refine: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    checked_kinds: frozenset[str] = frozenset()
    source: str = attrs.field(default="", eq=False)

    def languages(self) -> tuple[str, ...]:
        """The language codes this lexicon has terms for."""
        return tuple(code for code, _ in self.vocab)

    def concept_keys(self) -> frozenset[str]:
        """Every concept key, in any language or with metadata only."""
        return _keys(self)

    def table(self, lang: str) -> Mapping[str, tuple[str, ...]]:
        """Concept key -> its terms in ``lang`` (empty for a language with no terms)."""
        return _table(self, lang)

    def terms(self, lang: str) -> Mapping[str, str]:
        """Term (as written) -> concept key, for every term of ``lang``."""
        return _terms(self, lang)

    def meta_of(self, key: str) -> ConceptMeta:
        """The metadata of ``key`` (defaults when it has none)."""
        return _meta(self).get(key, _NO_META)

    def kinds(self, key: str) -> frozenset[str] | None:
        """The kinds of figure that may measure ``key``; ``None`` when any may."""
        return self.meta_of(key).kinds

    def allowed(self, kind: str) -> frozenset[str] | None:
        """The concept keys a figure of ``kind`` may measure; ``None`` when any.

        Only the lexicon's ``checked_kinds`` are restricted; a concept with no
        ``kinds`` of its own (a user's, say) may be measured by any kind.
        """
        return _allowed(self, kind)

    def root(self, key: str) -> str:
        """The broadest concept ``key`` is a kind of (itself when none): the key compared."""
        return _roots(self).get(key, key)

    def level_of_change(self, key: str) -> str | None:
        """The concept a percent change of ``key`` states as a level, if any."""
        return _levels(self).get(key)

    def refine_table(self) -> Mapping[str, Mapping[str, str]]:
        """key -> {other key found earlier in the sentence: the finer key}."""
        return _refine(self)

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s concepts, terms, metadata and rules added.

        A term of ``other`` that this lexicon gives to another key moves to
        ``other``'s key (the user's word wins); metadata in ``other`` replaces
        this lexicon's for the same key.
        """
        if not other.vocab and not other.meta and not other.refine:
            return self
        tables: dict[str, dict[str, list[str]]] = {
            code: {k: list(ts) for k, ts in pairs} for code, pairs in self.vocab
        }
        for code, pairs in other.vocab:
            table = tables.setdefault(code, {})
            moved = {norm_term(t) for _, ts in pairs for t in ts}
            for k in table:
                table[k] = [t for t in table[k] if norm_term(t) not in moved]
            for k, ts in pairs:
                have = table.setdefault(k, [])
                have.extend(t for t in ts if t not in have)
        meta = dict(self.meta) | dict(other.meta)
        refine = {k: dict(v) for k, v in self.refine}
        for k, v in other.refine:
            refine.setdefault(k, {}).update(dict(v))
        return Lexicon(
            vocab=tuple(
                (code, tuple((k, tuple(ts)) for k, ts in table.items() if ts))
                for code, table in tables.items()
            ),
            meta=_as_tuple_map(meta),
            refine=tuple((k, _as_tuple_map(v)) for k, v in sorted(refine.items())),
            checked_kinds=self.checked_kinds | other.checked_kinds,
            source=f"{self.source} + {other.source}" if self.source else other.source,
        )


_NO_META = ConceptMeta()


@functools.lru_cache(maxsize=64)
def _keys(lex: Lexicon) -> frozenset[str]:
    keys = {k for _, pairs in lex.vocab for k, _ in pairs}
    return frozenset(keys | {k for k, _ in lex.meta})


@functools.lru_cache(maxsize=256)
def _table(lex: Lexicon, lang: str) -> Mapping[str, tuple[str, ...]]:
    for code, pairs in lex.vocab:
        if code == lang:
            return MappingProxyType(dict(pairs))
    return MappingProxyType({})


@functools.lru_cache(maxsize=256)
def _terms(lex: Lexicon, lang: str) -> Mapping[str, str]:
    return MappingProxyType({t: k for k, ts in _table(lex, lang).items() for t in ts})


@functools.lru_cache(maxsize=64)
def _meta(lex: Lexicon) -> Mapping[str, ConceptMeta]:
    return MappingProxyType(dict(lex.meta))


@functools.lru_cache(maxsize=256)
def _allowed(lex: Lexicon, kind: str) -> frozenset[str] | None:
    if kind not in lex.checked_kinds:
        return None
    return frozenset(
        k for k in lex.concept_keys() if (kinds := lex.kinds(k)) is None or kind in kinds
    )


@functools.lru_cache(maxsize=64)
def _refine(lex: Lexicon) -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in lex.refine})


def _languages() -> tuple[str, ...]:
    from integfacts.languages import available  # noqa: PLC0415 - no work at import

    return available()


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of terms, got {type(value).__name__}")
    out = []
    for t in value:
        if not isinstance(t, str):
            raise ValueError(f"{where}: a term must be a string, got {t!r}")
        if not t.strip():
            raise ValueError(f"{where}: empty term {t!r}")
        out.append(t)
    return out


def _check_key(key: str, where: str) -> None:
    if not _KEY.match(key):
        raise ValueError(f"{where}: concept key {key!r} must be lower-case letters, digits and '_'")


def _meta_entry(value: Any, where: str) -> ConceptMeta:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected a table, got {type(value).__name__}")
    unknown = set(value) - {"kinds", "group", "people", "broader", "change_of", "event"}
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    kinds = None
    if "kinds" in value:
        kinds = frozenset(_strings(value["kinds"], f"{where}.kinds"))
        bad = kinds - KINDS
        if bad:
            raise ValueError(
                f"{where}.kinds: unknown kind(s) {', '.join(sorted(bad))};"
                f" known: {', '.join(sorted(KINDS))}"
            )
    group = value.get("group", "")
    people = value.get("people", False)
    broader = value.get("broader", "")
    change_of = value.get("change_of", "")
    event = value.get("event", False)
    if not all(isinstance(v, str) for v in (group, broader, change_of)) or not all(
        isinstance(v, bool) for v in (people, event)
    ):
        raise ValueError(
            f"{where}: 'group', 'broader' and 'change_of' must be strings, 'people' and"
            " 'event' true or false"
        )
    return ConceptMeta(
        kinds=kinds, group=group, people=people, broader=broader, change_of=change_of, event=event
    )


@functools.lru_cache(maxsize=64)
def _roots(lex: Lexicon) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for key, meta in lex.meta:
        seen = {key}
        root = key
        parent = meta.broader
        while parent and parent not in seen:
            seen.add(parent)
            root = parent
            parent = _meta(lex).get(parent, _NO_META).broader
        if root != key:
            out[key] = root
    return out


@functools.lru_cache(maxsize=64)
def _levels(lex: Lexicon) -> Mapping[str, str]:
    return {meta.change_of: key for key, meta in lex.meta if meta.change_of}


def _from_mapping(data: Mapping[str, Any], source: str) -> Lexicon:
    """Validate and build a lexicon from a parsed TOML document."""
    codes = _languages()
    known = {"concepts", "meta", "refine", "lexicon"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(
            f"{source}: unknown table(s) {', '.join(sorted(unknown))};"
            " expected [concepts], [concepts.<lang>], [meta.<key>], [refine]"
        )
    concepts = data.get("concepts", {})
    if not isinstance(concepts, dict):
        raise ValueError(f"{source}: [concepts] must be a table")
    tables: dict[str, dict[str, list[str]]] = {}
    everywhere: dict[str, list[str]] = {}
    for name, value in concepts.items():
        if isinstance(value, dict):  # [concepts.<lang>]
            if name not in codes:
                raise ValueError(
                    f"{source}: [concepts.{name}]: unknown language code {name!r};"
                    f" supported: {', '.join(codes)}"
                )
            for key, terms in value.items():
                _check_key(key, f"{source}: concepts.{name}")
                tables.setdefault(name, {}).setdefault(key, []).extend(
                    _strings(terms, f"{source}: concepts.{name}.{key}")
                )
        else:  # a key with terms in any language
            _check_key(name, f"{source}: concepts")
            everywhere.setdefault(name, []).extend(_strings(value, f"{source}: concepts.{name}"))
    if everywhere:
        for code in codes:
            table = tables.setdefault(code, {})
            for key, terms in everywhere.items():
                table.setdefault(key, []).extend(terms)
    # one term, one concept per language
    for code, table in tables.items():
        owner: dict[str, str] = {}
        for key, terms in table.items():
            for t in terms:
                n = norm_term(t)
                if not n:
                    raise ValueError(f"{source}: concepts.{code}.{key}: empty term {t!r}")
                prev = owner.setdefault(n, key)
                if prev != key:
                    raise ValueError(
                        f"{source}: term {t!r} ({code}) is under two concepts: {prev!r} and {key!r}"
                    )
    meta_raw = data.get("meta", {})
    if not isinstance(meta_raw, dict):
        raise ValueError(f"{source}: [meta] must be a table")
    meta = {}
    for key, value in meta_raw.items():
        _check_key(key, f"{source}: meta")
        meta[key] = _meta_entry(value, f"{source}: meta.{key}")
    refine_raw = data.get("refine", {})
    refine = []
    for key, rules in sorted(refine_raw.items()):
        if not isinstance(rules, dict) or not all(
            isinstance(a, str) and isinstance(b, str) for a, b in rules.items()
        ):
            raise ValueError(f'{source}: refine.{key}: expected {{ other = "finer" }}')
        refine.append((key, _as_tuple_map(rules)))
    settings = data.get("lexicon", {})
    checked = frozenset(_strings(settings.get("checked_kinds", []), f"{source}: lexicon"))
    if checked - KINDS:
        bad = ", ".join(sorted(checked - KINDS))
        raise ValueError(f"{source}: lexicon.checked_kinds: unknown kind(s) {bad}")
    return Lexicon(
        vocab=tuple(
            (code, tuple((k, tuple(dict.fromkeys(ts))) for k, ts in table.items()))
            for code, table in sorted(tables.items())
        ),
        meta=_as_tuple_map(meta),
        refine=tuple(refine),
        checked_kinds=checked,
        source=source,
    )


def load_concepts(source: str | Path | Mapping[str, Any]) -> Lexicon:
    """Read a concept file (or an already parsed mapping) into a :class:`Lexicon`.

    Args:
        source: a path to a TOML file shaped like ``knowledge/concepts.toml``
            (``[concepts]``, ``[concepts.<lang>]``, ``[meta.<key>]``,
            ``[refine]``), or the same data as a mapping.

    Returns:
        The lexicon of that file alone; combine it with :func:`builtin` through
        :meth:`Lexicon.merged`.

    Raises:
        ValueError: the file is missing or not TOML, names an unknown language
            code or kind, gives a term that is not a string, or puts one term
            under two concepts of one language. The message names the file and
            the key.
    """
    if isinstance(source, Mapping):
        return _from_mapping(source, "<concepts>")
    path = Path(source)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: concept file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the concept file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not a TOML file: {exc}") from None
    return _from_mapping(data, str(path))


@functools.cache
def builtin() -> Lexicon:
    """The lexicon integfacts ships (``knowledge/concepts.toml``), loaded once."""
    text = resources.files("integfacts.knowledge").joinpath("concepts.toml").read_text("utf-8")
    return _from_mapping(tomllib.loads(text), "integfacts/knowledge/concepts.toml")


def lexicon_for(extra: Lexicon | str | Path | Mapping[str, Any] | None) -> Lexicon:
    """The built-in lexicon with a user's concepts added (``None``: the built-in one).

    Accepts what a user passes to the API: a :class:`Lexicon`, a path to a
    concept file, or the file's data as a mapping.
    """
    if extra is None:
        return builtin()
    if not isinstance(extra, Lexicon):
        extra = load_concepts(extra)
    return _merged_builtin(extra)


@functools.lru_cache(maxsize=32)
def _merged_builtin(extra: Lexicon) -> Lexicon:
    # equal lexicons come back as one object: the caches keyed by a lexicon (per figure:
    # its metadata, allowed kinds, refine rules, compiled terms) then find their entry
    # by identity instead of comparing two whole lexicons, tens of microseconds each time
    merged = builtin().merged(extra)
    base = builtin()
    if merged is base or (hash(merged) == hash(base) and merged == base):
        return base
    return _interned(merged)


@functools.lru_cache(maxsize=32)
def _interned(lex: Lexicon) -> Lexicon:
    """The first lexicon met that equals ``lex`` (the cache hands back its stored value)."""
    return lex
