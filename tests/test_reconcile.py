"""Reconciliation: the seeds' findings, and each comparison rule and diagnosis."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import integfacts as ifx
from gold_eval import document, manifest
from integfacts import ClaimKind, Diagnosis, Period, Qualifier, Quantity, Span, Verdict


@pytest.fixture(scope="module")
def seeds_report() -> ifx.Report:
    """The report of the five seeds, as the CLI builds it."""
    return ifx.reconcile([document(r) for r in manifest()])


def _prefix(source: str) -> str:
    for r in manifest():
        if r["source"] == source:
            return str(r["file"][:3])
    return source


def _findings(report: ifx.Report, metric: str) -> list[ifx.Finding]:
    return [f for f in report.findings if f.metric == metric]


class TestSeeds:
    """The findings a reader of the five seeds expects."""

    @pytest.mark.parametrize(
        ("metric", "value"),
        [
            ("delegations", "3000"),
            ("partner_localities", "60"),
            ("countries", "24"),
            ("agreements", "120"),
        ],
    )
    def test_000_and_001_agree(self, seeds_report: ifx.Report, metric: str, value: str) -> None:
        """000 and 001 agree on delegations, localities, countries and agreements.

        The agreement is a finding of its own, or one side of a finding where
        another source says otherwise (one fact, one finding: 120 agreements
        against the Persian "hundreds").
        """
        agree = [
            side
            for f in _findings(seeds_report, metric)
            for side in f.agreeing()
            if f.verdict is not Verdict.NOT_COMPARABLE
            and {"000", "001"} <= {_prefix(c.source) for c in side}
        ]
        assert agree, [(f.verdict, f.sources) for f in _findings(seeds_report, metric)]
        assert all(c.quantity.value == Decimal(value) for c in agree[0])

    def test_one_fact_one_finding(self, seeds_report: ifx.Report) -> None:
        """No claim is in two findings of one metric; a contradiction lists its sides."""
        for f in seeds_report.findings:
            if f.verdict is Verdict.AGREE:
                assert f.sides == ()
            else:
                covered = sorted({k for side in f.sides for k in side})
                assert covered == list(range(len(f.claims))), f.reason
        seen: dict[tuple[str | None, int], str] = {}
        for f in seeds_report.findings:
            for c in f.claims:
                key = (f.metric, id(c))
                assert key not in seen or f.metric is None, (c.text, seen.get(key), f.reason)
                seen[key] = f.reason

    @pytest.mark.parametrize("metric", ["partner_localities", "countries"])
    def test_persian_digits_agree(self, seeds_report: ifx.Report, metric: str) -> None:
        """002 (Persian digits) agrees with 000 and 001 on 60 localities and 24 countries."""
        f = next(f for f in _findings(seeds_report, metric) if f.verdict is Verdict.AGREE)
        assert {_prefix(s) for s in f.sources} == {"000", "001", "002"}

    @pytest.mark.parametrize("metric", ["fdi_projects", "fdi_capital"])
    def test_fdi_figures_never_agree(self, seeds_report: ifx.Report, metric: str) -> None:
        """The FDI figures of 000 and 001 are surfaced, and never as an agreement."""
        found = _findings(seeds_report, metric)
        assert found
        assert all(f.verdict is not Verdict.AGREE for f in found)
        assert any("period" in f.reason for f in found)

    def test_capital_gap_is_diagnosed(self, seeds_report: ifx.Report) -> None:
        """The ~10x FDI capital gap is diagnosed as a possible scale slip."""
        f = _findings(seeds_report, "fdi_capital")[0]
        assert f.diagnosis is Diagnosis.SCALE_SLIP
        assert "factor of 10.2" in f.reason

    def test_hundreds_vs_120_is_flagged(self, seeds_report: ifx.Report) -> None:
        """002's "hundreds of" agreements against 120 is a contradiction naming the majority."""
        f = next(
            f for f in _findings(seeds_report, "agreements") if f.verdict is Verdict.CONTRADICT
        )
        assert "002" in {_prefix(s) for s in f.sources}
        assert f.majority == Decimal(120)
        assert f.diagnosis is Diagnosis.QUALIFIER_MISMATCH

    def test_hanoi_never_meets_da_nang(self, seeds_report: ifx.Report) -> None:
        """No finding mixes the Hanoi article (004) with a Da Nang article."""
        for f in seeds_report.findings:
            prefixes = {_prefix(s) for s in f.sources}
            assert "004" not in prefixes or prefixes == {"004"}

    def test_contradictions_come_first(self, seeds_report: ifx.Report) -> None:
        """Findings are sorted contradictions first, then not comparable, then agreements."""
        order = [f.verdict for f in seeds_report.findings]
        rank = {Verdict.CONTRADICT: 0, Verdict.NOT_COMPARABLE: 1, Verdict.AGREE: 2}
        assert [rank[v] for v in order] == sorted(rank[v] for v in order)


def _claim(
    value: str,
    *,
    source: str,
    unit: str | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
    metric: str = "fdi_capital",
    period: tuple[int, int] | None = (2024, 2024),
    change: bool = False,
    step: str = "0",
    subject: str = "Da Nang",
) -> ifx.Claim:
    per = (
        Period(datetime.date(period[0], 1, 1), datetime.date(period[1], 12, 31)) if period else None
    )
    kind = ClaimKind.MONEY if unit not in (None, "%", "pp") else ClaimKind.COUNT
    if unit in ("%", "pp"):
        kind = ClaimKind.PERCENT
    return ifx.Claim(
        quantity=Quantity(Decimal(value), unit=unit, qualifier=qualifier, step=Decimal(step)),
        span=Span(0, len(value)),
        source=source,
        lang="en",
        text=value,
        metric=metric,
        subject=subject,
        period=per,
        change=change,
        kind=kind,
    )


def _verdict(*claims: ifx.Claim, **kw: object) -> ifx.Finding:
    report = ifx.reconcile(claims, **kw)  # type: ignore[arg-type]
    assert report.findings, "no finding"
    return report.findings[0]


class TestRules:
    """Each comparison rule on two claims."""

    def test_equal_values_agree(self) -> None:
        """The same value from two sources agrees."""
        f = _verdict(_claim("120", source="a"), _claim("120", source="b"))
        assert (f.verdict, f.diagnosis) == (Verdict.AGREE, Diagnosis.SAME)

    def test_more_than_and_exact_round_number_agree(self) -> None:
        """'more than 3,000' and '3,100' agree (the open end is read with slack)."""
        f = _verdict(
            _claim("3000", source="a", qualifier=Qualifier.MORE_THAN), _claim("3100", source="b")
        )
        assert f.verdict is Verdict.AGREE

    def test_about_and_precise_agree(self) -> None:
        """'about 58 billion' and '58.3 billion' agree, approximately."""
        f = _verdict(
            _claim("58000000000", source="a", unit="USD", qualifier=Qualifier.ABOUT, step="1e9"),
            _claim("58300000000", source="b", unit="USD", step="1e8"),
        )
        assert (f.verdict, f.diagnosis) == (Verdict.AGREE, Diagnosis.APPROXIMATE)

    def test_exact_vs_more_than_same_value_contradicts(self) -> None:
        """'120' and 'more than 120' do not fit: a qualifier mismatch."""
        f = _verdict(
            _claim("120", source="a"), _claim("120", source="b", qualifier=Qualifier.MORE_THAN)
        )
        assert (f.verdict, f.diagnosis) == (Verdict.CONTRADICT, Diagnosis.QUALIFIER_MISMATCH)

    def test_hundreds_vs_120(self) -> None:
        """'hundreds of' (200-999) against 120 contradicts."""
        f = _verdict(
            _claim("120", source="a"), _claim("100", source="b", qualifier=Qualifier.MULTIPLES)
        )
        assert f.verdict is Verdict.CONTRADICT

    def test_scale_slip(self) -> None:
        """A factor of ten is diagnosed as a scale-word or separator slip."""
        f = _verdict(
            _claim("1070000000", source="a", unit="USD", step="1e7"),
            _claim("10900000000", source="b", unit="USD", step="1e8"),
        )
        assert (f.verdict, f.diagnosis) == (Verdict.CONTRADICT, Diagnosis.SCALE_SLIP)
        assert "factor of 10.2" in f.reason

    def test_million_vs_billion(self) -> None:
        """A factor of 1000 is diagnosed as million vs billion."""
        f = _verdict(
            _claim("2067000000", source="a", unit="USD"),
            _claim("2067000", source="b", unit="USD"),
        )
        assert f.diagnosis is Diagnosis.MILLION_BILLION

    def test_transposition(self) -> None:
        """Two adjacent digits swapped are diagnosed as a transposition."""
        f = _verdict(_claim("1263", source="a"), _claim("1236", source="b"))
        assert (f.verdict, f.diagnosis) == (Verdict.CONTRADICT, Diagnosis.TRANSPOSITION)

    def test_plain_difference(self) -> None:
        """Other differences give the relative gap."""
        f = _verdict(_claim("797", source="a"), _claim("1263", source="b"))
        assert (f.verdict, f.diagnosis) == (Verdict.CONTRADICT, Diagnosis.VALUE_DIFFERS)
        assert "58%" in f.reason

    def test_disjoint_periods_not_comparable(self) -> None:
        """Claims about disjoint periods are not comparable."""
        f = _verdict(
            _claim("10", source="a", period=(2023, 2023)),
            _claim("12", source="b", period=(2024, 2024)),
        )
        assert (f.verdict, f.diagnosis) == (Verdict.NOT_COMPARABLE, Diagnosis.DIFFERENT_PERIOD)

    def test_currencies_need_a_rate(self) -> None:
        """Amounts in two currencies are not comparable without a rate, and compare with one."""
        usd = _claim("1000000", source="a", unit="USD")
        vnd = _claim("25000000000", source="b", unit="VND")
        f = _verdict(usd, vnd)
        assert (f.verdict, f.diagnosis) == (Verdict.NOT_COMPARABLE, Diagnosis.NEEDS_CONVERSION)
        rates = {"USD": Decimal(1), "VND": Decimal("0.00004")}
        assert _verdict(usd, vnd, rates=rates).verdict is Verdict.AGREE

    def test_level_vs_change(self) -> None:
        """A level is never compared with a change."""
        f = _verdict(
            _claim("16.7", source="a", unit="%", metric="exports"),
            _claim("16.7", source="b", unit="%", metric="exports", change=True),
        )
        assert (f.verdict, f.diagnosis) == (Verdict.NOT_COMPARABLE, Diagnosis.LEVEL_VS_CHANGE)

    def test_percent_vs_points(self) -> None:
        """Percent against percentage points is diagnosed."""
        f = _verdict(
            _claim("2", source="a", unit="%", metric="growth_rate", change=True),
            _claim("2", source="b", unit="pp", metric="growth_rate", change=True),
        )
        assert f.diagnosis is Diagnosis.PERCENT_POINTS

    def test_same_value_different_metric(self) -> None:
        """'exports 19.4 billion' vs 'import-export 19.4 billion' is a finding."""
        f = _verdict(
            _claim("19400000000", source="a", unit="USD", metric="exports"),
            _claim("19400000000", source="b", unit="USD", metric="import_export_turnover"),
        )
        assert f.diagnosis is Diagnosis.DIFFERENT_METRIC

    def test_subjects_never_mix(self) -> None:
        """Claims about different places are never compared."""
        report = ifx.reconcile(
            [_claim("10", source="a", subject="Hanoi"), _claim("12", source="b")]
        )
        assert not report.findings
        assert len(report.unmatched) == 2

    def test_same_source_not_compared(self) -> None:
        """Claims of one source are not checked against each other unless asked."""
        a1, a2 = _claim("10", source="a"), _claim("12", source="a")
        assert not ifx.reconcile([a1, a2]).findings
        assert ifx.reconcile([a1, a2], within_documents=True).findings

    def test_majority_of_three(self) -> None:
        """With three sources the finding names the value most of them support."""
        f = _verdict(
            _claim("120", source="a"), _claim("120", source="b"), _claim("150", source="c")
        )
        assert f.verdict is Verdict.CONTRADICT
        assert f.majority == Decimal(120)
        assert "2 of 3" in f.reason

    def test_syndicated_copies_count_once(self) -> None:
        """Two documents citing the same source line are one witness."""
        text = "Da Nang received more than 3,000 delegations in 2024.\nSource: https://x.vn/a"
        a = ifx.Document(text, source="outlet-a", lang="en")
        b = ifx.Document(text, source="outlet-b", lang="en")
        c = ifx.Document("Da Nang received 1,000 delegations in 2024.", source="c", lang="en")
        f = ifx.reconcile([a, b, c]).findings[0]
        assert f.independent_sources == 2
        assert f.majority is None

    def test_empty_inputs(self) -> None:
        """No documents, or documents without figures, give an empty report."""
        assert ifx.reconcile([]).findings == ()
        doc = ifx.Document("No figures here.", source="x", lang="en")
        assert ifx.reconcile([doc]).findings == ()

    def test_rejects_other_types(self) -> None:
        """Anything but Documents and Claims is a TypeError naming the type."""
        with pytest.raises(TypeError, match="Documents or Claims, got str"):
            ifx.reconcile(["text"])  # type: ignore[list-item]


class TestCompare:
    """Translation checks pair figures one to one."""

    def test_scale_slip_in_translation(self) -> None:
        """'1,07 miliar' translated as '10.7 billion' is a contradiction."""
        o = ifx.Document("Ekspor naik 9,6% ke 1,07 miliar dolar AS.", source="a", lang="id")
        t = ifx.Document("Exports rose 9.6% to 10.7 billion dollars.", source="b", lang="en")
        r = ifx.compare(o, t)
        assert [(f.verdict, f.diagnosis) for f in r.findings] == [
            (Verdict.CONTRADICT, Diagnosis.SCALE_SLIP),
            (Verdict.AGREE, Diagnosis.SAME),
        ]

    def test_faithful_translation(self) -> None:
        """'1,07 miliar' and '1.07 billion' agree; nothing is unmatched."""
        o = ifx.Document("Modal lebih dari 1,07 miliar dolar AS.", source="a", lang="id")
        t = ifx.Document("Capital of more than 1.07 billion US dollars.", source="b", lang="en")
        r = ifx.compare(o, t)
        assert [f.verdict for f in r.findings] == [Verdict.AGREE]
        assert r.unmatched == ()

    def test_missing_and_added(self) -> None:
        """A figure dropped or added by the translation is unmatched."""
        o = ifx.Document(
            "Da Nang menerima 3.000 delegasi dan 120 perjanjian.", source="a", lang="id"
        )
        t = ifx.Document("Da Nang received 3,000 delegations.", source="b", lang="en")
        r = ifx.compare(o, t)
        assert [c.text for c in r.unmatched] == ["120"]


class TestManyAndDuplicates:
    """Malformed or large inputs still give a correct report."""

    def test_ten_thousand_documents(self) -> None:
        """10,000 short documents reconcile into the expected findings."""
        texts = [
            "Da Nang received more than 3,000 delegations in 2024.",
            "Da Nang menerima lebih dari 3.000 delegasi pada 2024.",
            "Da Nang received 1,000 delegations in 2024.",
        ]
        docs = [
            ifx.Document(texts[k % 3], source=f"s{k}", lang="id" if k % 3 == 1 else "en")
            for k in range(10_000)
        ]
        report = ifx.reconcile(docs)
        assert len(report.claims) == 10_000
        contradiction = report.contradictions[0]
        assert contradiction.majority == Decimal(3000)
        assert len(contradiction.claims) == 10_000

    def test_duplicate_documents(self) -> None:
        """The same document twice (one source) is no finding; under two sources it agrees."""
        doc = ifx.Document("Da Nang received 3,000 delegations in 2024.", source="a", lang="en")
        assert ifx.reconcile([doc, doc]).findings == ()
        twin = ifx.Document(doc.text, source="b", lang="en")
        assert [f.verdict for f in ifx.reconcile([doc, twin]).findings] == [Verdict.AGREE]
