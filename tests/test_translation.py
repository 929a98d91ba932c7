"""The translation check: segments aligned, figures paired by role, units converted."""

from __future__ import annotations

import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integfacts as ifx
from integfacts import Diagnosis, Verdict
from integfacts.languages import available, common, load
from integfacts.translation import compare_segments
from integfacts.units import convert, dimension, read_unit, unit_ids

ROOT = Path(__file__).resolve().parent.parent
CASES = tomllib.loads((Path(__file__).parent / "corpus/translation/cases.toml").read_text("utf-8"))


def _compare(src: str, sl: str, tgt: str, tl: str) -> ifx.Report:
    return ifx.compare(
        ifx.Document(src, source="original", lang=sl),
        ifx.Document(tgt, source="translation", lang=tl),
    )


@pytest.mark.parametrize("case", CASES["case"], ids=[c["name"] for c in CASES["case"]])
def test_corpus_case(case: dict[str, Any]) -> None:
    """Every case of tests/corpus/translation/cases.toml gives its findings and unmatched."""
    r = _compare(case["src"], case["src_lang"], case["tgt"], case["tgt_lang"])
    got = sorted([f.verdict.value, f.claims[0].text, f.claims[1].text] for f in r.findings)
    assert got == sorted(case["findings"])
    assert [c.text for c in r.unmatched] == case["unmatched"]
    if "diagnoses" in case:
        assert [f.diagnosis.value for f in r.findings] == case["diagnoses"]
    for f in r.findings:  # each finding holds one figure of each side, original first
        assert [c.source for c in f.claims] == ["original", "translation"]


class TestContradictions:
    """A changed figure is one contradiction that quotes both sides."""

    def test_changed_digit_quotes_both_values(self) -> None:
        """'at least 384' vs 'sedikitnya 334': one contradiction naming both, nothing unmatched."""
        r = _compare("At least 384 people died.", "en", "Sedikitnya 334 orang tewas.", "id")
        assert len(r.contradictions) == 1
        f = r.contradictions[0]
        assert "at least 384" in f.reason
        assert "at least 334" in f.reason
        assert r.unmatched == ()

    def test_scale_slip_diagnosis(self) -> None:
        """'1,07 miliar' rendered '10.7 billion' is a scale slip."""
        r = _compare(
            "Ekspor naik 9,6% ke 1,07 miliar dolar AS.",
            "id",
            "Exports rose 9.6% to 10.7 billion dollars.",
            "en",
        )
        assert [(f.verdict, f.diagnosis) for f in r.findings] == [
            (Verdict.CONTRADICT, Diagnosis.SCALE_SLIP),
            (Verdict.AGREE, Diagnosis.SAME),
        ]

    def test_direction_of_a_change(self) -> None:
        """'rose 12%' translated as 'turun 12%' (fell) contradicts."""
        r = _compare("Exports rose 12% last year.", "en", "Ekspor turun 12% tahun lalu.", "id")
        assert [f.verdict for f in r.findings] == [Verdict.CONTRADICT]
        assert "up" in r.findings[0].reason

    def test_range_against_single_value(self) -> None:
        """A range rendered as one value loses an end: a contradiction."""
        r = _compare(
            "Between 20 and 25 percent of the harvest was lost.",
            "en",
            "Sebanyak 20 persen panen hilang.",
            "id",
        )
        assert [f.verdict for f in r.findings] == [Verdict.CONTRADICT]
        assert "range" in r.findings[0].reason


class TestUnits:
    """Units of measure are read in every language and converted before comparing."""

    @pytest.mark.parametrize(
        ("src", "sl", "tgt", "tl"),
        [
            ("The bridge is 1,500 feet long.", "en", "Jembatan itu sepanjang 457 meter.", "id"),
            (
                "Police seized 250 pounds of drugs.",
                "en",
                "Polisi menyita 113 kilogram narkoba.",
                "id",
            ),
            ("The fire burned 2,500 acres.", "en", "Kebakaran menghanguskan 1.012 hektare.", "id"),
            ("It reached 104 degrees Fahrenheit.", "en", "Nhiệt độ đạt 40 độ C.", "vi"),
            ("The road is 240 kilometers long.", "en", "طول جاده ۲۴۰ کیلومتر است.", "fa"),
            ("Suhu mencapai 38 derajat Celsius.", "id", "It hit 100 degrees Fahrenheit.", "en"),
            ("The tunnel is 4.5 miles long.", "en", "طول این تونل ۷٫۲ کیلومتر است.", "fa"),
        ],
    )
    def test_faithful_conversion_agrees(self, src: str, sl: str, tgt: str, tl: str) -> None:
        """A conversion within the translation's rounding is an agreement."""
        r = _compare(src, sl, tgt, tl)
        assert [f.verdict for f in r.findings] == [Verdict.AGREE], [f.reason for f in r.findings]
        assert r.unmatched == ()

    def test_conversion_reason_gives_the_converted_value(self) -> None:
        """The reason says what the original is in the translation's unit."""
        r = _compare("The bridge is 1,500 feet long.", "en", "Jembatan sepanjang 457 meter.", "id")
        assert "457.2" in r.findings[0].reason

    def test_one_digit_off_after_conversion_contradicts(self) -> None:
        """30,000 feet is 9,144 m: '9.146 meter' is a changed figure."""
        r = _compare(
            "It flew at 30,000 feet.", "en", "Pesawat terbang di ketinggian 9.146 meter.", "id"
        )
        assert [f.verdict for f in r.findings] == [Verdict.CONTRADICT]

    def test_read_unit_words_of_every_language(self) -> None:
        """Unit words after a figure, with spaces, hyphens and Persian joiners."""
        assert read_unit("2 to 4 inches of rain", 6, "en") is not None
        got = read_unit("88-mile road", 2, "en")
        assert got is not None
        assert (got.unit, got.words) == ("length-mile", "mile")
        fa = read_unit("۵۰ میلی متر", 2, "fa")
        assert fa is not None
        assert fa.unit == "length-millimeter"
        vi = read_unit("40 độ C ở", 2, "vi")
        assert vi is not None
        assert vi.unit == "temperature-celsius"
        assert read_unit("40 orang", 2, "id") is None

    def test_compound_feet_and_inches(self) -> None:
        """'6-foot-2' is six feet and two inches."""
        m = read_unit("6-foot-2, finished", 1, "en")
        assert m is not None
        assert m.unit == "length-foot"
        assert m.extra == Decimal("0.1667")
        assert m.end == len("6-foot-2")

    def test_convert(self) -> None:
        """pint's factors as Decimal; None across dimensions; unknown ids raise."""
        assert convert(Decimal(2), "length-inch", "length-millimeter") == Decimal("50.8000")
        assert convert(Decimal(-4), "temperature-fahrenheit", "temperature-celsius") == Decimal(
            "-20.0000"
        )
        assert convert(Decimal(1), "length-mile", "mass-kilogram") is None
        assert dimension("speed-mile-per-hour") == "speed"
        with pytest.raises(ValueError, match="unknown unit id"):
            convert(Decimal(1), "length-cubit", "length-meter")

    @pytest.mark.parametrize("code", available())
    def test_every_unit_word_names_a_known_unit(self, code: str) -> None:
        """Each language's [units] table uses only the CLDR ids common.toml maps to pint."""
        table = load(code).raw.get("units", {})
        assert table, f"{code}.toml has no [units] table"
        assert set(table) <= set(unit_ids())
        assert all(isinstance(w, str) and w for words in table.values() for w in words)

    def test_every_unit_id_converts(self) -> None:
        """Every unit of common.toml is known to pint and converts within its dimension."""
        ids = list(common()["units"])
        for uid in ids:
            same = [u for u in ids if dimension(u) == dimension(uid)]
            for other in same:
                assert convert(Decimal(1), uid, other) is not None, (uid, other)


class TestAlignment:
    """Sentences are aligned before figures are paired."""

    def test_same_text_agrees_with_itself(self) -> None:
        """Every benchmark original compared with itself: all agree, nothing unmatched."""
        sys.path.insert(0, str(ROOT / "bench"))
        from translation_corrupt import load_pairs  # noqa: PLC0415

        for p in load_pairs("dev")[::7]:
            r = _compare(p.src, p.src_lang, p.src, p.src_lang)
            assert r.contradictions == [], p.id
            assert r.unmatched == (), p.id

    def test_equal_values_in_distant_sentences_do_not_hide_a_change(self) -> None:
        """A changed figure in sentence two is reported there, not paired elsewhere."""
        r = _compare(
            "The city has 120 schools. It built 40 new ones last year."
            " Each cost 2 million dollars.",
            "en",
            "Kota itu memiliki 120 sekolah. Tahun lalu kota itu membangun 44 sekolah baru."
            " Masing-masing menelan biaya 2 juta dolar AS.",
            "id",
        )
        assert [(f.claims[0].text, f.claims[1].text) for f in r.contradictions] == [("40", "44")]

    def test_empty_and_figureless_texts(self) -> None:
        """No figures, or no text at all: an empty report, no error."""
        assert _compare("", "en", "", "id").findings == ()
        r = _compare("Nothing to count here.", "en", "Tidak ada angka di sini.", "id")
        assert (r.findings, r.unmatched) == ((), ())

    def test_languages_detected_when_not_given(self) -> None:
        """Documents without a language are detected before comparing."""
        r = ifx.compare(
            ifx.Document("Exports rose 9.6 percent to 24.3 billion dollars.", source="a"),
            ifx.Document("Ekspor naik 9,6 persen menjadi 24,3 miliar dolar AS.", source="b"),
        )
        assert [f.verdict for f in r.findings] == [Verdict.AGREE, Verdict.AGREE]


class TestSegments:
    """compare_segments checks aligned segments as their own units."""

    def test_spans_are_offsets_into_each_segment(self) -> None:
        """Across the extraction chunks, every claim's span slices its own segment."""
        segs = [
            (str(k), f"Rescuers found {k + 2} survivors.", f"Tim menemukan {k + 2} korban selamat.")
            for k in range(450)
        ]
        segs[301] = ("301", "Rescuers found 303 survivors.", "Tim menemukan 330 korban selamat.")
        res = compare_segments(segs, source_lang="en", target_lang="id")
        assert [r.id for r in res if not r.ok] == ["301"]
        for r in res:
            for c in r.report.claims:
                text = r.source if c.source == "original" else r.target
                assert text[c.span.start : c.span.end] == c.text

    def test_figure_in_another_segment_is_not_borrowed(self) -> None:
        """Each segment is its own unit: a figure moved to the next segment is unmatched twice."""
        res = compare_segments(
            [
                ("a", "Floods hit 312 villages.", "Banjir melanda desa."),
                ("b", "Officials met.", "Pejabat bertemu di 312 desa."),
            ],
            source_lang="en",
            target_lang="id",
        )
        assert [len(r.report.unmatched) for r in res] == [1, 1]


_PIECES = st.sampled_from(
    [
        *"0123456789 .,-%$\n",
        "۱۲",
        "٫",
        "٬",
        " to ",
        " miles",
        " feet",
        "6-foot-2",
        " juta",
        " triệu",
        " میلیون",
        " °F",
        " độ C",
        " km",
        " sedikitnya ",
        " at least ",
        "Năm ",
        " tahun ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_PIECES, max_size=30).map("".join),
    st.lists(_PIECES, max_size=30).map("".join),
    st.sampled_from(["en", "id", "vi", "fa"]),
    st.sampled_from(["en", "id", "vi", "fa"]),
)
def test_any_text_gives_a_consistent_report(a: str, b: str, la: str, lb: str) -> None:
    """Arbitrary figure soup never raises; each finding holds one claim of each side and
    every claim of the report is paired or unmatched, never both."""
    r = _compare(a, la, b, lb)
    for f in r.findings:
        assert [c.source for c in f.claims] == ["original", "translation"]
    paired = [c for f in r.findings for c in f.claims]
    twice = {id(c) for c in paired if paired.count(c) > 1}
    # only a range the other side states as two figures is in two findings
    assert all(c.quantity.upper is not None for c in paired if id(c) in twice)
    alone = [id(c) for c in r.unmatched]
    assert len(alone) == len(set(alone))
    assert not set(alone) & {id(c) for c in paired}
    assert set(alone) | {id(c) for c in paired} == {id(c) for c in r.claims}
