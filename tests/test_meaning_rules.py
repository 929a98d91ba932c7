"""Reconciliation rules of the open-world meaning work, one small story each.

The texts are written for these tests in the style of wire copy.
"""

from __future__ import annotations

import datetime as dt

import integfacts as ifx
from integfacts import Verdict

D = ifx.Document
DAY = dt.date(2025, 10, 30)
FLOOD_VI = (
    "Mưa lũ kéo dài ở miền Trung Việt Nam.\n\nLũ lụt đã làm 23 người chết và 5 người mất tích."
)


def _pairs(report: ifx.Report) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.verdict.value, f.diagnosis.value, f.sources) for f in report.findings]


class TestWidePlace:
    """A figure whose place is only its story's country may be about a province."""

    def test_joins_the_province_that_states_about_the_same(self) -> None:
        a = D("Floods in Quang Nam province have killed 23 people.", source="a", lang="en")
        b = D(FLOOD_VI, source="b", lang="vi", published=DAY)
        (f,) = [f for f in ifx.reconcile([a, b]).findings if f.metric == "deaths"]
        assert (f.verdict, f.subject) == (Verdict.AGREE, "Quang Nam")

    def test_stays_national_when_far_from_the_province(self) -> None:
        a = D("Floods in Quang Nam province have killed 13 people.", source="a", lang="en")
        b = D(FLOOD_VI, source="b", lang="vi", published=DAY)
        assert not ifx.reconcile([a, b]).findings  # 13 in one province, 23 in the country

    def test_order_does_not_matter(self) -> None:
        a = D("Floods in Quang Nam province have killed 23 people.", source="a", lang="en")
        b = D(FLOOD_VI, source="b", lang="vi", published=DAY)
        c = D("Lũ lụt ở Việt Nam đã làm 24 người chết.", source="c", lang="vi", published=DAY)
        assert _pairs(ifx.reconcile([a, b, c])) == _pairs(ifx.reconcile([c, b, a]))


def test_a_year_borrowed_from_an_earlier_sentence_is_weak() -> None:
    """ "built in 1994" lends its year to the next sentence, but it says little."""
    a = D(
        "The ferry, built in 1994, sank in the strait.\nIt was carrying 53 passengers.",
        source="a",
        lang="en",
        published=dt.date(2025, 8, 15),
    )
    b = D("Kapal itu membawa 53 penumpang.", source="b", lang="id", published=dt.date(2025, 8, 15))
    (f,) = ifx.reconcile([a, b]).findings
    assert (f.verdict, f.metric) == (Verdict.AGREE, "passengers")


def test_a_headline_repeat_is_paired_once() -> None:
    """The headline's figure follows the body's: the target is not compared with it."""
    a = D(
        "Arrivals reach 17.2 million\n\nForeign arrivals reached 17.2 million in the first ten"
        " months of 2025. The country expects 22 million visitors this year.",
        source="a",
        lang="en",
        published=dt.date(2025, 11, 6),
    )
    b = D(
        "Kunjungan wisman mencapai 17,2 juta pada Januari-Oktober 2025. Pemerintah menargetkan"
        " 22 juta wisatawan tahun ini.",
        source="b",
        lang="id",
        published=dt.date(2025, 11, 6),
    )
    findings = ifx.reconcile([a, b]).findings
    assert [f.verdict for f in findings] == [Verdict.AGREE, Verdict.AGREE]
    assert sorted(len(f.claims) for f in findings) == [2, 3]  # the repeat joins its twin


def test_unknown_words_in_two_languages_with_one_value_are_probably_one_fact() -> None:
    """Words no concept names cannot be compared across languages: the value decides."""
    a = D("The archipelago has more than 17,000 islands.", source="a", lang="en")
    b = D("Quần đảo này có hơn 17.000 hòn đảo.", source="b", lang="vi")
    (f,) = ifx.reconcile([a, b]).findings
    assert (f.verdict, f.score) == (Verdict.AGREE, 60.0)
    assert "probably one fact" in f.reason


def test_a_year_to_date_tally_and_a_later_one_are_an_update() -> None:
    """21 deaths in January-September, 22 as of 12 October: a later tally, not a conflict."""
    a = D(
        "Dengue has killed 21 people in Vietnam in January-September 2025.",
        source="a",
        lang="en",
        published=dt.date(2025, 10, 3),
    )
    b = D(
        "Bộ Y tế Việt Nam cho biết tính đến ngày 12/10/2025, cả nước ghi nhận 22 ca tử vong"
        " do sốt xuất huyết.",
        source="b",
        lang="vi",
        published=dt.date(2025, 10, 13),
    )
    (f,) = ifx.reconcile([a, b]).findings
    assert (f.verdict, f.diagnosis) == (Verdict.NOT_COMPARABLE, ifx.Diagnosis.UPDATE)


def test_last_month_is_not_this_month() -> None:
    """A month that ended weeks before the other figure's day is another period."""
    a = D(
        "Inflation stood at 45.3% in September 2025.",
        source="a",
        lang="en",
        published=dt.date(2025, 11, 3),
    )
    b = D("Inflasi tercatat 48,6 persen.", source="b", lang="id", published=dt.date(2025, 11, 3))
    report = ifx.reconcile([a, b])
    assert [c.metric for c in report.claims] == ["inflation", "inflation"]
    assert not report.contradictions
    assert len(report.unmatched) + sum(len(f.claims) for f in report.not_comparable) == 2


def test_a_price_percentage_is_inflation_however_worded() -> None:
    """ "CPI rose 3.27%" and "inflation of 3.27%" state one fact; "inflation rose 0.5%" a change."""
    a = D("Vietnam's consumer price index rose 3.27% in 2025.", source="a", lang="en")
    b = D("Lạm phát năm 2025 của Việt Nam là 3,27%.", source="b", lang="vi")
    (f,) = ifx.reconcile([a, b]).findings
    assert (f.verdict, f.metric) == (Verdict.AGREE, "inflation")
    (c,) = ifx.extract("Inflation rose 0.5% in August.", lang="en")
    assert (c.metric, c.change) == ("inflation", True)


def test_rounded_figures_one_step_apart_contradict() -> None:
    """ "17.5 million" commits to [17.45, 17.55) million: "17.6 million" is another figure."""
    a = D("Vietnam welcomed 17.5 million foreign visitors in 2024.", source="a", lang="en")
    b = D("Việt Nam đón 17,6 triệu lượt khách quốc tế trong năm 2024.", source="b", lang="vi")
    c = D("Vietnam received 17.55 million foreign visitors in 2024.", source="c", lang="en")
    (f,) = ifx.reconcile([a, b]).findings
    assert f.verdict is Verdict.CONTRADICT
    (g,) = ifx.reconcile([a, c]).findings
    assert g.verdict is Verdict.AGREE  # finer figures inside the rounding agree


def test_an_earlier_estimate_is_updated_not_contradicted() -> None:
    """ "Revised to 8.02% from an earlier estimate of 7.96%": 7.96% meets 8.02% as an update."""
    a = D(
        "Vietnam's statistics office revised second-quarter growth to 8.02% from an earlier"
        " estimate of 7.96%.",
        source="a",
        lang="en",
        published=dt.date(2025, 10, 6),
    )
    b = D(
        "Pertumbuhan ekonomi Vietnam triwulan II 2025 direvisi menjadi 8,02 persen.",
        source="b",
        lang="id",
        published=dt.date(2025, 10, 6),
    )
    flags = {c.text: c.superseded for c in ifx.extract(a)}
    assert flags == {"8.02%": False, "7.96%": True}
    report = ifx.reconcile([a, b])
    assert not report.contradictions
    assert [sorted(c.text for c in f.claims) for f in report.agreements] == [
        ["8,02 persen", "8.02%"]
    ]


class TestTypo:
    """Two long figures that differ by two adjacent digits swapped are one figure mistyped."""

    def test_a_transposition_a_day_later_is_no_update(self) -> None:
        a = D(
            "The winner's margin was 318,472 votes.",
            source="a",
            lang="en",
            published=dt.date(2025, 4, 28),
        )
        b = D(
            "Selisih suara pemenang mencapai 318.427 suara.",
            source="b",
            lang="id",
            published=dt.date(2025, 4, 29),
        )
        (f,) = ifx.reconcile([a, b]).findings
        assert (f.verdict, f.diagnosis.value) == (Verdict.CONTRADICT, "transposition")

    def test_a_short_tally_a_day_later_is_an_update(self) -> None:
        a = D("The flood has killed 12 people.", source="a", lang="en", published=DAY)
        b = D(
            "Lũ lụt đã làm 21 người chết.",
            source="b",
            lang="vi",
            published=DAY + dt.timedelta(days=1),
        )
        (f,) = ifx.reconcile([a, b]).findings
        assert (f.verdict, f.diagnosis.value) == (Verdict.NOT_COMPARABLE, "update")


def test_the_period_of_a_figure_compared_with_frames_nothing_after_it() -> None:
    """ "up from 53.2% in November": November is that figure's, not the next sentence's."""
    text = (
        "Turnout was 61.4 percent, up from 53.2 percent in the first round in November. "
        "Officials said 91,305 ballots were declared invalid."
    )
    day = dt.date(2025, 4, 29)
    (invalid,) = [c for c in ifx.extract(D(text, lang="en", published=day)) if c.value == 91305]
    assert invalid.period is None or invalid.period.start != dt.date(2024, 11, 1)
    assert invalid.as_of == day


def test_a_bound_at_the_end_of_a_month_and_a_tally_weeks_later_are_two_tallies() -> None:
    """ "more than 61,000 by the end of September" and 64,310 "as of 14 October"."""
    a = D(
        "Vietnam recorded more than 61,000 measles cases in January-September 2025.",
        source="a",
        lang="en",
        published=dt.date(2025, 10, 3),
    )
    b = D(
        "Tính đến ngày 14/10, Việt Nam ghi nhận 64.310 ca mắc sởi.",
        source="b",
        lang="vi",
        published=dt.date(2025, 10, 16),
    )
    findings = ifx.reconcile([a, b]).findings
    assert findings
    assert all(f.verdict is not Verdict.AGREE for f in findings)


def test_an_estimate_before_its_period_ended_is_revised_by_the_outturn() -> None:
    """ "about 8.4 million in the first ten months", reported on 29 October."""
    a = D(
        "Vietnam expects to welcome about 8.4 million foreign visitors in the first ten"
        " months of 2025.",
        source="a",
        lang="en",
        published=dt.date(2025, 10, 29),
    )
    b = D(
        "Trong 10 tháng đầu năm 2025, Việt Nam đón 8,53 triệu lượt khách quốc tế.",
        source="b",
        lang="vi",
        published=dt.date(2025, 11, 6),
    )
    findings = ifx.reconcile([a, b]).findings
    assert [(f.verdict, f.diagnosis.value) for f in findings] == [
        (Verdict.NOT_COMPARABLE, "update")
    ]
