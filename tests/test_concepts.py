"""The concept lexicon: its data, its loader, user extensions and the phrase corpus."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import integfacts as ifx
from integfacts.concepts import (
    KINDS,
    ConceptMeta,
    Lexicon,
    builtin,
    lexicon_for,
    load_concepts,
    norm_term,
)
from integfacts.languages import available, common
from integfacts.metrics import concept_of, find_concepts

CORPUS = Path(__file__).parent / "corpus" / "concepts"
LANGS = ("en", "id", "vi", "fa")
FUNCTION_WORDS = {
    "en": {"people", "it", "according", "the", "of", "and", "to", "in", "about", "than"},
    "id": {"orang", "atau", "yang", "dan", "di", "menurut", "sekitar", "lebih"},
    "vi": {"người", "và", "của", "theo", "các", "những", "khoảng", "hơn"},
    "fa": {"نفر", "و", "در", "از", "به", "این", "که", "حدود"},
}


def _corpus(lang: str) -> dict[str, Any]:
    with (CORPUS / f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def _positives() -> list[Any]:
    return [
        pytest.param(lang, phrase, key, id=f"{lang}:{phrase}")
        for lang in LANGS
        for phrase, key in _corpus(lang)["concept"].items()
    ]


def _negatives() -> list[Any]:
    return [
        pytest.param(lang, phrase, id=f"{lang}:{phrase}")
        for lang in LANGS
        for phrase in _corpus(lang)["none"]["phrases"]
    ]


@pytest.mark.parametrize(("lang", "phrase", "key"), _positives())
def test_phrase_names_its_concept(lang: str, phrase: str, key: str) -> None:
    """A news phrase around a figure names the concept the corpus gives it."""
    assert concept_of(phrase, lang) == key


@pytest.mark.parametrize(("lang", "phrase"), _negatives())
def test_phrase_names_no_concept(lang: str, phrase: str) -> None:
    """Function words, classifiers and time words name no concept."""
    assert concept_of(phrase, lang) is None


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_is_large_enough(lang: str) -> None:
    """Each language's corpus has at least 60 phrases, negatives included."""
    data = _corpus(lang)
    assert len(data["concept"]) + len(data["none"]["phrases"]) >= 60
    assert data["none"]["phrases"]


class TestBuiltin:
    """The shipped lexicon is consistent."""

    def test_every_language_has_terms(self) -> None:
        """Every supported language has terms, and only supported languages do."""
        assert set(builtin().languages()) == set(available())

    def test_every_key_has_meta_and_terms_everywhere(self) -> None:
        """Every concept has metadata with known kinds, and terms in every language."""
        lex = builtin()
        for key in lex.concept_keys():
            kinds = lex.kinds(key)
            assert kinds, key
            assert kinds <= KINDS, key
            for lang in lex.languages():
                assert lex.table(lang).get(key), (key, lang)

    def test_meta_only_for_known_keys(self) -> None:
        """Metadata names no concept that has no terms."""
        lex = builtin()
        with_terms = {k for lang in lex.languages() for k in lex.table(lang)}
        assert {k for k, _ in lex.meta} <= with_terms

    def test_refine_rules_name_known_keys(self) -> None:
        """Refine rules name concepts of the lexicon."""
        lex = builtin()
        for key, rules in lex.refine_table().items():
            assert key in lex.concept_keys()
            assert set(rules) | set(rules.values()) <= lex.concept_keys()

    def test_place_concepts_are_concepts(self) -> None:
        """The concepts common.toml says name places are lexicon concepts."""
        assert set(common().get("place_concepts", [])) <= builtin().concept_keys()

    @pytest.mark.parametrize("lang", LANGS)
    def test_no_bare_function_words(self, lang: str) -> None:
        """No person classifier or function word of the language is a term by itself."""
        from integfacts.languages import load  # noqa: PLC0415

        raw = load(lang).raw
        banned = {w.casefold() for w in raw.get("claims", {}).get("classifiers", [])}
        banned |= FUNCTION_WORDS[lang]
        terms = {norm_term(t) for t in builtin().terms(lang)}
        assert not terms & {norm_term(w) for w in banned}

    @pytest.mark.parametrize("lang", LANGS)
    def test_every_term_is_found_whole(self, lang: str) -> None:
        """Every term of the lexicon, alone, is found whole by the matcher."""
        missed = [
            t
            for t in builtin().terms(lang)
            if t[:1].isalpha()
            and [(m.start, m.end) for m in find_concepts(t, lang)] != [(0, len(t))]
        ]
        assert missed == []

    def test_seed_concepts_kept(self) -> None:
        """Every concept key the seed articles use is in the lexicon."""
        seeds = {
            "delegations", "partner_localities", "countries", "continents", "agreements",
            "fdi_projects", "fdi_capital", "import_export_turnover", "exports", "imports",
            "oda_capital", "ngo_aid", "grdp", "growth_rate", "budget_revenue", "targets",
            "awards", "representatives", "years", "goals", "task_groups", "breakthroughs",
            "visitors", "population", "investment_capital", "pillars", "programs", "sectors",
            "enterprises", "workers", "inflation", "industrial_production",
        }  # fmt: skip
        assert seeds <= builtin().concept_keys()

    def test_kind_checks(self) -> None:
        """Money and percent figures are checked; counts may measure any concept."""
        lex = builtin()
        money = lex.allowed("money")
        assert money is not None
        assert "fdi_capital" in money
        assert "countries" not in money
        percent = lex.allowed("percent")
        assert percent is not None
        assert "turnout" in percent
        assert "years" not in percent
        assert lex.allowed("count") is None

    def test_hashable_and_cached(self) -> None:
        """The lexicon is hashable and loaded once."""
        assert builtin() is builtin()
        assert hash(builtin()) == hash(builtin())


class TestUserFile:
    """Users add concepts and terms with a file shaped like the lexicon."""

    def test_terms_in_any_language(self, tmp_path: Path) -> None:
        """A key under [concepts] is added to every language."""
        f = tmp_path / "mine.toml"
        f.write_text(
            '[concepts]\nsinkholes = ["sinkholes", "lubang amblas", "hố sụt"]\n',
            encoding="utf-8",
        )
        lex = builtin().merged(load_concepts(f))
        for lang in LANGS:
            assert lex.terms(lang)["lubang amblas"] == "sinkholes"
        assert concept_of("một hố sụt lớn", "vi", lexicon=lex) == "sinkholes"
        assert concept_of("một hố sụt lớn", "vi") is None
        assert lex.kinds("sinkholes") is None  # no metadata: any kind may measure it
        money = lex.allowed("money")
        assert money is not None
        assert "sinkholes" in money

    def test_per_language_tables_and_meta(self) -> None:
        """[concepts.<lang>] adds to one language; [meta.<key>] sets kinds."""
        user = load_concepts(
            {
                "concepts": {"vi": {"deaths": ["người tử nạn giao thông"]}},
                "meta": {"road_deaths": {"kinds": ["count"], "group": "casualties"}},
            }
        )
        lex = builtin().merged(user)
        assert lex.terms("vi")["người tử nạn giao thông"] == "deaths"
        assert "người tử nạn giao thông" not in lex.terms("en")
        assert lex.meta_of("road_deaths") == ConceptMeta(
            kinds=frozenset({"count"}), group="casualties"
        )

    def test_user_term_wins(self) -> None:
        """A user's term that the built-in lexicon gives to another key moves to the user's."""
        lex = builtin().merged(load_concepts({"concepts": {"en": {"fuel": ["petrol price"]}}}))
        assert concept_of("petrol price", "en", lexicon=lex) == "fuel"
        assert "petrol price" not in lex.table("en")["fuel_price"]

    def test_merged_is_a_value(self) -> None:
        """Merging the same file twice gives equal lexicons (one compiled vocabulary)."""
        data = {"concepts": {"wildfires": ["wildfires", "kebakaran hutan"]}}
        a = lexicon_for(data)
        b = builtin().merged(load_concepts(data))
        assert a == b
        assert hash(a) == hash(b)
        assert lexicon_for(None) is builtin()
        assert builtin().merged(load_concepts({})) is builtin()

    def test_extract_with_a_user_lexicon(self) -> None:
        """find_concepts takes the lexicon a caller passes."""
        lex = lexicon_for({"concepts": {"wildfires": ["wildfires"]}})
        text = "Officials counted 37 wildfires on Sunday."
        assert [m.key for m in find_concepts(text, "en", lexicon=lex)] == ["wildfires"]
        assert find_concepts(text, "en") == []
        assert ifx  # the package imports with the lexicon in place


class TestErrors:
    """Bad concept files fail with a message naming the file and the key."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a ValueError naming it."""
        with pytest.raises(ValueError, match=r"nope\.toml: concept file not found"):
            load_concepts(tmp_path / "nope.toml")

    def test_not_toml(self, tmp_path: Path) -> None:
        """A file that is not TOML is a ValueError naming it."""
        f = tmp_path / "bad.toml"
        f.write_text("[concepts\ndeaths = [", encoding="utf-8")
        with pytest.raises(ValueError, match=r"bad\.toml: not a TOML file"):
            load_concepts(f)

    def test_unknown_language(self, tmp_path: Path) -> None:
        """A [concepts.<lang>] table for an unsupported language is refused."""
        f = tmp_path / "x.toml"
        f.write_text('[concepts.xx]\ndeaths = ["mort"]\n', encoding="utf-8")
        with pytest.raises(ValueError, match=r"x\.toml: \[concepts\.xx\]: unknown language"):
            load_concepts(f)

    def test_term_not_a_string(self, tmp_path: Path) -> None:
        """A term that is not a string names the file and the key."""
        f = tmp_path / "x.toml"
        f.write_text("[concepts]\ndeaths = [12]\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"x\.toml: concepts\.deaths: a term must be a string"):
            load_concepts(f)

    def test_collision(self) -> None:
        """One term under two concepts of one language is refused."""
        data = {"concepts": {"en": {"deaths": ["toll"], "tolls": ["Toll"]}}}
        with pytest.raises(ValueError, match=r"'Toll' \(en\) is under two concepts"):
            load_concepts(data)

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"concepts": {"Deaths": ["x"]}}, "concept key 'Deaths'"),
            ({"concepts": {"deaths": ["  "]}}, "empty term"),
            ({"meta": {"deaths": {"kinds": ["weight"]}}}, "unknown kind"),
            ({"meta": {"deaths": {"colour": "red"}}}, "unknown field"),
            ({"terms": {}}, "unknown table"),
            ({"refine": {"deaths": {"x": 1}}}, "refine.deaths"),
        ],
    )
    def test_bad_shapes(self, data: dict[str, Any], message: str) -> None:
        """Wrong keys, empty terms, unknown kinds, fields and tables are refused."""
        with pytest.raises(ValueError, match=message):
            load_concepts(data)


def test_lexicon_type() -> None:
    """builtin() returns a Lexicon."""
    assert isinstance(builtin(), Lexicon)
