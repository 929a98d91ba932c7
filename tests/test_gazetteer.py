"""Tests of the gazetteer: the place corpus, the hierarchy, normalisation and linearity."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integfacts.gazetteer import (
    contains,
    country_of,
    find_places,
    normalise_token,
    place,
    places,
)

CORPUS = Path(__file__).parent / "corpus" / "places"
CASES = [
    pytest.param(lang, case["text"], case["places"], id=f"{lang}-{number}")
    for lang in ("en", "id", "vi", "fa")
    for number, case in enumerate(
        tomllib.loads((CORPUS / f"{lang}.toml").read_text("utf-8"))["case"]
    )
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_corpus(lang: str, text: str, expected: list[str]) -> None:
    """Each corpus sentence gives exactly its places, in text order."""
    assert [m.place for m in find_places(text, lang)] == expected


def test_hierarchy_province_in_country() -> None:
    """A province and its same-name city lie in the country, not the other way round."""
    assert contains("VN", "VN-DN")
    assert not contains("VN-DN", "VN")
    assert contains("VN-DN", "GN1583992")
    assert country_of("GN1583992") == "VN"
    assert place("VN-DN").parent == "VN"
    assert place("VN").parent is None


def test_same_name_province_and_city() -> None:
    """Da Nang is the province, with the city as the alternative."""
    (mention,) = find_places("Da Nang", "en")
    assert mention.place == "VN-DN"
    assert "GN1583992" in mention.alternatives


def test_every_parent_exists_and_country_is_consistent() -> None:
    """Every parent is a place of the gazetteer and the parent chain ends at the country."""
    ids = {p.id for p in places()}
    for p in places():
        assert p.parent is None or p.parent in ids
        assert contains(p.country, p.id)


def test_offsets_and_window() -> None:
    """Offsets point into the text, and start/end limit the search."""
    text = "From Hanoi to Jakarta."
    mentions = find_places(text, "en")
    assert [text[m.start : m.end] for m in mentions] == ["Hanoi", "Jakarta"]
    assert [m.place for m in find_places(text, "en", start=10)] == ["ID-JK"]
    assert [m.place for m in find_places(text, "en", end=10)] == ["VN-HN"]


def test_lowercase_is_no_place() -> None:
    """A Latin-script name written in lower case is a common word, not the place."""
    assert find_places("the batu and the jakarta", "id") == []


def test_persian_variants() -> None:
    """Arabic letter forms and ZWNJ fold to the Persian spelling."""
    assert normalise_token("ايران") == normalise_token("ایران")
    assert normalise_token("كرمانشاه") == normalise_token("کرمان\u200cشاه")
    assert [m.place for m in find_places("كرمان\u200cشاه", "fa")] == ["IR-05"]


def test_vietnamese_tone_placement_and_decomposed() -> None:
    """Old and new tone placement, and decomposed text, give the same place."""
    assert [m.place for m in find_places("tỉnh Khánh Hoà", "vi")] == ["VN-34"]
    assert [m.place for m in find_places("tỉnh Khánh Hòa", "vi")] == ["VN-34"]
    assert [m.place for m in find_places(unicodedata.normalize("NFD", "Đà Nẵng"), "vi")] == [
        "VN-DN"
    ]


def test_unknown_language_finds_nothing() -> None:
    """A language the data does not know has no names."""
    assert find_places("Hanoi", "xx") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "id", "vi", "fa"]))
def test_never_raises(text: str, lang: str) -> None:
    """find_places never raises and returns ordered, non-overlapping spans in the text."""
    last = 0
    for m in find_places(text, lang):
        assert last <= m.start < m.end <= len(text)
        last = m.end


def test_repeated_text_gives_repeated_mentions() -> None:
    """Ten copies of a text give ten times its mentions (no match depends on far context).

    Time is measured in ``bench/`` (linear in the text), never asserted here.
    """
    unit = "Floods in Ho Chi Minh Ho Chi Minh Da Da Nang New New York Jawa Jawa Barat. " * 20
    assert len(find_places(unit * 10, "en")) == 10 * len(find_places(unit, "en"))


def test_loads_in_a_fresh_process() -> None:
    """The data loads on first use in a fresh process; ``import integfacts`` does not load it."""
    code = (
        "import sys, integfacts\n"
        "assert 'integfacts.gazetteer' not in sys.modules\n"
        "import integfacts.gazetteer as g\n"
        "print([m.place for m in g.find_places('Floods hit Hanoi.', 'en')])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['VN-HN']"


def test_capital_phrase_is_the_capital_place() -> None:
    """A capital phrase spans the phrase and the country and names the capital."""
    text = "Cases in Vietnam's capital rose; Hanoi, the capital of Vietnam, added beds."
    mentions = find_places(text, "en")
    assert [(text[m.start : m.end], m.place) for m in mentions] == [
        ("Vietnam's capital", "VN-HN"),
        ("Hanoi", "VN-HN"),
        ("the capital of Vietnam", "VN-HN"),
    ]


def test_second_level_division_lies_in_its_province() -> None:
    """Jakarta's administrative cities (GeoNames ADM2) are places below DKI Jakarta."""
    east = place("GN1642904")
    assert (east.level, east.parent, east.country) == ("admin2", "ID-JK", "ID")
    assert contains("ID-JK", "GN1642904")
    assert not contains("GN1642904", "ID-JK")
