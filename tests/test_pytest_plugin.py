"""The pytest plugin: fixture, marker, options, claim files and report, run through pytester."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import integfacts as ifx

# The engine is imported here, once: pytester's in-process runs drop the modules they import
# themselves, and re-importing the engine and its language data in every run costs seconds.
import integfacts.extraction
import integfacts.formats
import integfacts.reconciliation
import integfacts.report
from integfacts import pytest_plugin
from integfacts.pytest_plugin import ClaimChecker, ClaimCheckError

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "plugin"

ID_DELEGATIONS = "Da Nang menerima lebih dari 3.000 delegasi internasional pada periode 2021-2025."
EN_DELEGATIONS = "Da Nang received 1,200 international delegations in 2021-2025."
EN_ABOUT = "Da Nang received about 3,200 international delegations in 2021-2025."
ID_EXPORTS = "Ekspor naik 9,6% menjadi 1,07 miliar dolar AS pada 2024."
EN_EXPORTS = "Exports rose 9.6% to 10.7 billion dollars in 2024."
EN_EXPORTS_OK = "Exports rose 9.6% to 1.07 billion dollars in 2024."


_OTHER_PLUGINS = ("hypothesispytest", "benchmark", "typeguard")
"""Plugins of the environment that the inner runs do without (hypothesis re-imports itself
in every in-process run, which costs seconds)."""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run pytest in-process on the test directory, with only our plugin and pytest's own."""
    blocked = [a for name in _OTHER_PLUGINS for a in ("-p", f"no:{name}")]
    return pytester.runpytest(*blocked, *args)


def _lit(line: str) -> str:
    """An fnmatch pattern matching exactly ``line`` (its ``[``, ``*`` and ``?`` escaped)."""
    return "".join(f"[{ch}]" if ch in "[*?" else ch for ch in line)


def _err(*lines: str) -> list[str]:
    """Patterns for the lines of an exception message raised in a test's body."""
    return ["E       " + _lit(line) for line in lines]


def _py(body: str) -> str:
    """Test module source with the sample texts available as constants."""
    head = (
        "import pathlib\nimport pytest\n"
        f"ID_DELEGATIONS = {ID_DELEGATIONS!r}\nEN_DELEGATIONS = {EN_DELEGATIONS!r}\n"
        f"EN_ABOUT = {EN_ABOUT!r}\nID_EXPORTS = {ID_EXPORTS!r}\n"
        f"EN_EXPORTS = {EN_EXPORTS!r}\nEN_EXPORTS_OK = {EN_EXPORTS_OK!r}\n"
    )
    return head + textwrap.dedent(body)


class TestFixture:
    """The integfacts fixture extracts claims and checks that a document states a figure."""

    def test_extract_text(self, pytester: pytest.Pytester) -> None:
        """extract() on a text gives the claims integfacts.extract gives."""
        pytester.makepyfile(
            _py("""
            from decimal import Decimal

            def test_it(integfacts):
                [c] = integfacts.extract(ID_DELEGATIONS, lang="id")
                assert c.quantity.value == Decimal(3000)
                assert c.quantity.qualifier.value == "more_than"
                assert c.metric == "delegations"
                assert c.period.label == "2021–2025"
            """)
        )
        _run(pytester).assert_outcomes(passed=1)

    def test_extract_path(self, pytester: pytest.Pytester) -> None:
        """extract() on a Path reads the file and labels claims with the path."""
        pytester.makefile(".txt", article=EN_EXPORTS)
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                claims = integfacts.extract(pathlib.Path("article.txt"), lang="en")
                assert [c.text for c in claims] == ["9.6%", "10.7 billion dollars"]
                assert {c.source for c in claims} == {"article.txt"}
            """)
        )
        _run(pytester).assert_outcomes(passed=1)

    def test_states_passes(self, pytester: pytest.Pytester) -> None:
        """assert_states passes and returns the claim when the document states the figure."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="id")
            def test_it(integfacts):
                claim = integfacts.assert_states(
                    ID_DELEGATIONS, "delegations", 3000,
                    qualifier="more_than", period="2021-2025", subject="Da Nang",
                )
                assert claim.text == "lebih dari 3.000"

            @pytest.mark.integfacts(lang="en")
            def test_money(integfacts):
                integfacts.assert_states(EN_EXPORTS, "exports", "10.7e9", unit="USD", period=2024)
                integfacts.assert_states(EN_EXPORTS, "exports", 9.6, unit="%")
            """)
        )
        _run(pytester).assert_outcomes(passed=2)

    def test_states_failure_text(self, pytester: pytest.Pytester) -> None:
        """A wrong value fails with expected and stated figures side by side, and the sentence."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="id")
            def test_it(integfacts):
                integfacts.assert_states(
                    ID_DELEGATIONS, "delegations", 3500, period="2021-2025", source="baodanang"
                )
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            _err(
                "integfacts.pytest_plugin.ClaimCheckError: baodanang does not state"
                " delegations = 3,500 in 2021–2025",
                "  expected  3,500            delegations  2021–2025",
                "  stated    more than 3,000  delegations  2021–2025  Da Nang menerima"
                " »lebih dari 3.000« delegasi internasional pada periode 2021-2025.",
                "      differs in value: more than 3,000, not 3,500 (14% lower)",
            )
        )

    def test_states_failure_names_fields(self, pytester: pytest.Pytester) -> None:
        """Each differing field (qualifier, period, unit) gets its own line."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="id")
            def test_it(integfacts):
                integfacts.assert_states(
                    ID_DELEGATIONS, "delegations", 3000, qualifier="exact", period="2024"
                )
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(
            _err(
                "integfacts.pytest_plugin.ClaimCheckError: “Da Nang menerima lebih dari 3.…”"
                " does not state delegations = 3,000 in 2024",
                "      differs in qualifier: more_than, not exact",
                "      differs in period: 2021–2025, not 2024",
            )
        )

    def test_scale_slip_diagnosed(self, pytester: pytest.Pytester) -> None:
        """A value off by a power of ten is called a possible scale-word or separator slip."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="en")
            def test_it(integfacts):
                integfacts.assert_states(EN_EXPORTS, "exports", "1.07e9", unit="USD")
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(
            _err(
                "  stated    10,700,000,000 USD  exports  2024  Exports rose 9.6% to"
                " »10.7 billion dollars« in 2024.",
                "      differs in value: 10,700,000,000 USD, not 1,070,000,000 USD"
                " (a factor of 10 higher: a scale-word or separator slip?)",
                "      differs in unit: %, not USD",
            )
        )

    def test_unknown_metric(self, pytester: pytest.Pytester) -> None:
        """A metric the document never mentions is named, with the metrics it does have."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="id")
            def test_it(integfacts):
                integfacts.assert_states(ID_DELEGATIONS, "visitors", 3000)
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(
            _err(
                "  no claim is about visitors; the document's metrics: delegations",
                "      differs in metric: delegations, not visitors",
            )
        )

    def test_no_figure_at_all(self, pytester: pytest.Pytester) -> None:
        """A document without figures says so."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                integfacts.assert_states("No numbers here.", "exports", 1, lang="en", source="x")
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(
            _err(
                "integfacts.pytest_plugin.ClaimCheckError: x does not state exports = 1",
                "  the document states no figure at all",
            )
        )

    def test_failure_hides_plugin_frames(self, pytester: pytest.Pytester) -> None:
        """The traceback ends at the test's own line, not inside the plugin."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                integfacts.assert_states(ID_DELEGATIONS, "delegations", 1, lang="id")
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(["*integfacts.assert_states(ID_DELEGATIONS*"])
        result.stdout.no_fnmatch_line("*pytest_plugin.py:*")
        result.stdout.no_fnmatch_line("*assert False*")

    def test_error_is_an_assertion_error(self) -> None:
        """ClaimCheckError is an AssertionError that carries the claims it is about."""
        with pytest.raises(AssertionError) as info:
            ClaimChecker(lang="id").assert_states(ID_DELEGATIONS, "delegations", 1)
        assert isinstance(info.value, ClaimCheckError)
        assert [c.text for c in info.value.claims] == ["lebih dari 3.000"]

    def test_bad_arguments(self) -> None:
        """A malformed value or period is a clear TypeError/ValueError, not a failed check."""
        check = ClaimChecker(lang="id")
        with pytest.raises(ValueError, match="period must be"):
            check.assert_states(ID_DELEGATIONS, "delegations", 3000, period="last year")
        with pytest.raises(ValueError, match="qualifier must be one of"):
            check.assert_states(ID_DELEGATIONS, "delegations", 3000, qualifier="roughly")
        with pytest.raises(TypeError, match="value must be a number"):
            check.assert_states(ID_DELEGATIONS, "delegations", True)
        with pytest.raises(TypeError, match="a document is a Document"):
            check.extract(b"bytes")  # type: ignore[arg-type]

    def test_periods_accepted(self) -> None:
        """Periods may be a year, a range of years, an ISO date or interval, or a Period."""
        check = ClaimChecker(lang="id")
        for period in ("2021-2025", "2021–2025", "2021-01-01/2025-12-31"):
            check.assert_states(ID_DELEGATIONS, "delegations", 3000, period=period)
        [claim] = check.extract(ID_DELEGATIONS)
        assert claim.period is not None
        check.assert_states(ID_DELEGATIONS, "delegations", 3000, period=claim.period)


class TestMarker:
    """The integfacts marker sets the language, publication date and tolerance of a test."""

    def test_registered(self, pytester: pytest.Pytester) -> None:
        """The marker is registered, so --strict-markers accepts it and --markers lists it."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="en")
            def test_it(integfacts):
                assert integfacts.lang == "en"
            """)
        )
        _run(pytester, "--strict-markers").assert_outcomes(passed=1)
        _run(pytester, "--markers").stdout.fnmatch_lines(
            ["@pytest.mark.integfacts(lang=None, published=None, tolerance=None): *"]
        )

    def test_options(self, pytester: pytest.Pytester) -> None:
        """published accepts an ISO string; the closest marker wins key by key."""
        pytester.makepyfile(
            _py("""
            import datetime
            from decimal import Decimal

            @pytest.mark.integfacts(lang="id", tolerance=0.5)
            class TestIt:
                @pytest.mark.integfacts(published="2025-09-26", tolerance="0.01")
                def test_it(self, integfacts):
                    assert integfacts.lang == "id"
                    assert integfacts.published == datetime.date(2025, 9, 26)
                    assert integfacts.tolerance == Decimal("0.01")

            def test_defaults(integfacts):
                assert (integfacts.lang, integfacts.published) == (None, None)
                assert integfacts.tolerance == 0
            """)
        )
        _run(pytester).assert_outcomes(passed=2)

    @pytest.mark.parametrize(
        ("marker", "message"),
        [
            (
                '"id"',
                "@pytest.mark.integfacts takes keyword options only"
                " (lang, published, tolerance), got 'id'",
            ),
            (
                'language="id"',
                "@pytest.mark.integfacts: unknown option language"
                " (known: lang, published, tolerance)",
            ),
            (
                "lang=3",
                "@pytest.mark.integfacts: lang must be a language code such as 'id', got int",
            ),
            (
                'lang="xx"',
                "@pytest.mark.integfacts: lang must be one of en, fa, id, vi, got 'xx'",
            ),
            (
                'published="26/09/2025"',
                "@pytest.mark.integfacts: published must be an ISO date such as 2025-09-26,"
                " got '26/09/2025'",
            ),
            (
                "published=20250926",
                "@pytest.mark.integfacts: published must be a date or an ISO string, got int",
            ),
            ('tolerance="x"', "@pytest.mark.integfacts: tolerance must be a number, got 'x'"),
            ("tolerance=True", "@pytest.mark.integfacts: tolerance must be a number, got True"),
            (
                "tolerance=-1",
                "@pytest.mark.integfacts: tolerance must be >= 0"
                " (a relative tolerance, 0.01 is 1%), got -1",
            ),
        ],
    )
    def test_misuse_is_one_line(self, pytester: pytest.Pytester, marker: str, message: str) -> None:
        """A misused marker errors the test with one line naming the problem, no traceback."""
        pytester.makepyfile(
            _py(f"""
            @pytest.mark.integfacts({marker})
            def test_it(integfacts):
                pass

            def test_other(integfacts):
                pass
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(passed=1, errors=1)
        result.stdout.fnmatch_lines(
            ["*_ ERROR at setup of test_it _*", _lit(message), "*short test summary info*"]
        )
        for noise in ("*Traceback*", "*pytest_plugin.py*", "*During handling*", "E   *"):
            result.stdout.no_fnmatch_line(noise)

    def test_misuse_without_the_fixture(self, pytester: pytest.Pytester) -> None:
        """The marker is checked even on a test that does not use the fixture, and on classes."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(tolerence=0.1)
            class TestIt:
                def test_a(self):
                    pass

                def test_b(self):
                    pass
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(errors=2)
        result.stdout.fnmatch_lines(
            [
                "@pytest.mark.integfacts: unknown option tolerence"
                " (known: lang, published, tolerance)"
            ]
        )


class TestTolerance:
    """The relative tolerance comes from the call, the marker, the command line or the ini."""

    TEST = """
        @pytest.mark.integfacts(lang="id")
        def test_it(integfacts):
            integfacts.assert_states(ID_DELEGATIONS, "delegations", 3100)
        """

    def test_default_is_exact(self, pytester: pytest.Pytester) -> None:
        """Without a tolerance, 3,100 is not 3,000."""
        pytester.makepyfile(_py(self.TEST))
        result = _run(pytester)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            _err("      differs in value: more than 3,000, not 3,100 (3.2% lower)")
        )

    def test_call_and_marker(self, pytester: pytest.Pytester) -> None:
        """tolerance= on the call or the marker lets a close value through."""
        pytester.makepyfile(
            _py("""
            @pytest.mark.integfacts(lang="id")
            def test_call(integfacts):
                integfacts.assert_states(ID_DELEGATIONS, "delegations", 3100, tolerance=0.05)

            @pytest.mark.integfacts(lang="id", tolerance=0.05)
            def test_marker(integfacts):
                integfacts.assert_states(ID_DELEGATIONS, "delegations", 3100)

            @pytest.mark.integfacts(lang="id", tolerance=0.05)
            def test_call_beats_marker(integfacts):
                integfacts.assert_states(ID_DELEGATIONS, "delegations", 3100, tolerance=0)
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(passed=2, failed=1)
        result.stdout.fnmatch_lines(["FAILED *::test_call_beats_marker - *"])

    def test_command_line(self, pytester: pytest.Pytester) -> None:
        """--integfacts-tolerance sets the default, and the headline shows it."""
        pytester.makepyfile(_py(self.TEST))
        _run(pytester, "--integfacts-tolerance=0.05").assert_outcomes(passed=1)
        result = _run(pytester, "--integfacts-tolerance=0.01")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["E   *does not state delegations = 3,100 (tolerance 1%)"])

    def test_ini(self, pytester: pytest.Pytester) -> None:
        """The integfacts_tolerance ini key sets the default; the command line wins over it."""
        pytester.makeini("[pytest]\nintegfacts_tolerance = 0.05\n")
        pytester.makepyfile(_py(self.TEST))
        _run(pytester).assert_outcomes(passed=1)
        _run(pytester, "--integfacts-tolerance=0").assert_outcomes(failed=1)

    def test_invalid(self, pytester: pytest.Pytester) -> None:
        """A negative or non-numeric tolerance is a usage error."""
        pytester.makepyfile(_py(self.TEST))
        result = _run(pytester, "--integfacts-tolerance=-1")
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*--integfacts-tolerance must be >= 0*"])
        result = _run(pytester, "--integfacts-tolerance=one")
        result.stderr.fnmatch_lines(["*--integfacts-tolerance must be a number, got 'one'"])


class TestNoContradictions:
    """assert_no_contradictions fails when sources contradict each other."""

    def test_agreeing_sources(self, pytester: pytest.Pytester) -> None:
        """More than 3,000 and about 3,200 agree, and the report is returned."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                report = integfacts.assert_no_contradictions(
                    integfacts.document(ID_DELEGATIONS, lang="id", source="id"),
                    integfacts.document(EN_ABOUT, lang="en", source="en"),
                )
                assert [f.verdict.value for f in report.findings] == ["agree"]
            """)
        )
        _run(pytester).assert_outcomes(passed=1)

    def test_contradiction_text(self, pytester: pytest.Pytester) -> None:
        """A contradiction shows the reason and each source's value and sentence side by side."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                integfacts.assert_no_contradictions(
                    integfacts.document(ID_DELEGATIONS, lang="id", source="baodanang.vn"),
                    integfacts.document(EN_DELEGATIONS, lang="en", source="wire.example"),
                )
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            _err(
                "integfacts.pytest_plugin.ClaimCheckError: 1 contradiction among 2 sources"
                " (baodanang.vn, wire.example)",
                "CONTRADICT: delegations · Da Nang (value_differs)",
                "  Values differ by 150%: more than 3,000 vs 1,200.",
                "    baodanang.vn  more than 3,000  2021–2025  Da Nang menerima"
                " »lebih dari 3.000« delegasi internasional pada periode 2021-2025.",
                "    wire.example  1,200            2021–2025  Da Nang received"
                " »1,200« international delegations in 2021-2025.",
            )
        )

    def test_texts_get_distinct_labels(self) -> None:
        """Texts without a source are labelled with their first words, repeated ones numbered."""
        with pytest.raises(ClaimCheckError) as info:
            ClaimChecker(lang="en").assert_no_contradictions(EN_ABOUT, EN_DELEGATIONS)
        assert str(info.value).splitlines()[0] == (
            "1 contradiction among 2 sources"
            " (“Da Nang received 1,200 interna…”, “Da Nang received about 3,200 i…”)"
        )
        report = ClaimChecker(lang="en").assert_no_contradictions(EN_ABOUT, EN_ABOUT)
        assert report.documents == (
            "“Da Nang received about 3,200 i…”",
            "“Da Nang received about 3,200 i…” #2",
        )

    def test_tolerance(self) -> None:
        """A contradiction within the relative tolerance is let through, a wider one is not."""
        a = "Exports rose to 10.73 billion dollars in 2024."
        b = "Exports rose to 10.5 billion dollars in 2024."
        check = ClaimChecker(lang="en")
        check.assert_no_contradictions(a, b, tolerance="0.03")
        with pytest.raises(ClaimCheckError, match=r"Values differ by 2\.2%"):
            check.assert_no_contradictions(a, b, tolerance="0.01")

    def test_not_comparable_passes(self) -> None:
        """Figures for different periods are not comparable, which is not a contradiction."""
        check = ClaimChecker()
        report = check.assert_no_contradictions(
            check.document(EN_DELEGATIONS, lang="en"),
            check.document("Da Nang menerima 3.100 delegasi internasional pada 2024.", lang="id"),
        )
        assert [f.verdict.value for f in report.findings] == ["not_comparable"]

    def test_slip_in_a_near_copy(self) -> None:
        """A scale slip between two near-identical articles is a contradiction."""
        base = (
            "Da Nang received more than 3,000 international delegations in 2021-2025."
            " Exports rose 9.6% to 1.07 billion dollars in 2024. The city has 1,200 hotels,"
            " 45,000 rooms, 310 FDI projects, 56 golf holes, 14 beaches and 7 bridges."
        )
        check = ClaimChecker(lang="en")
        with pytest.raises(ClaimCheckError):
            check.assert_no_contradictions(base, base.replace("1.07 billion", "10.7 billion"))


class TestTranslation:
    """assert_translation fails when a translation changes, drops or adds a figure."""

    def test_faithful(self, pytester: pytest.Pytester) -> None:
        """A translation with the same figures passes."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                report = integfacts.assert_translation(
                    integfacts.document(ID_EXPORTS, lang="id"),
                    integfacts.document(EN_EXPORTS_OK, lang="en"),
                )
                assert len(report.agreements) == 2
            """)
        )
        _run(pytester).assert_outcomes(passed=1)

    def test_scale_slip_text(self, pytester: pytest.Pytester) -> None:
        """A changed figure shows original and translation side by side, figures marked."""
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                integfacts.assert_translation(
                    integfacts.document(ID_EXPORTS, lang="id", source="id.txt"),
                    integfacts.document(EN_EXPORTS, lang="en", source="en.txt"),
                )
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            _err(
                "integfacts.pytest_plugin.ClaimCheckError: the translation en.txt does not"
                " keep every figure of id.txt: 1 changed, 0 missing, 0 added",
                "CONTRADICT: exports (scale_slip)",
                "  1,070,000,000 USD vs 10,700,000,000 USD: values differ by a factor of 10"
                " — possible scale-word or separator slip.",
                "    original     id.txt  1,070,000,000 USD   2024  Ekspor naik 9,6% menjadi"
                " »1,07 miliar dolar AS« pada 2024.",
                "    translation  en.txt  10,700,000,000 USD  2024  Exports rose 9.6% to"
                " »10.7 billion dollars« in 2024.",
            )
        )

    def test_other_currency(self) -> None:
        """A figure put in another currency is a change, though the values cannot be compared."""
        check = ClaimChecker()
        with pytest.raises(ClaimCheckError) as info:
            check.assert_translation(
                check.document(ID_EXPORTS, lang="id", source="id.txt"),
                check.document(EN_EXPORTS_OK.replace("dollars", "euros"), lang="en"),
            )
        lines = str(info.value).splitlines()
        assert lines[0].endswith("1 changed, 0 missing, 0 added")
        assert lines[1:3] == [
            "NOT COMPARABLE: exports (needs_conversion)",
            "  The figures are in different currencies (EUR, USD) and no exchange rate was given.",
        ]

    def test_missing_figure(self) -> None:
        """A figure the translation drops is listed as missing, with its sentence."""
        check = ClaimChecker()
        with pytest.raises(ClaimCheckError) as info:
            check.assert_translation(
                check.document(ID_EXPORTS, lang="id", source="id.txt"),
                check.document("Exports reached 1.07 billion dollars in 2024.", lang="en"),
            )
        lines = str(info.value).splitlines()
        assert lines[0].endswith("0 changed, 1 missing, 0 added")
        assert lines[1:] == [
            "MISSING from the translation",
            "    original  id.txt  9.6%  2024  Ekspor naik »9,6%« menjadi 1,07 miliar dolar AS"
            " pada 2024.",
        ]


CLAIMS_FILE = """
[integfacts]

[[document]]
id = "danang-id"
path = "texts/danang_id.txt"
lang = "id"
published = 2025-09-26
source = "baodanang.vn/3303725"

[[document]]
id = "danang-en"
text = "Da Nang received about 3,200 international delegations in 2021-2025."
lang = "en"

[[expect]]
id = "delegations-id"
document = "danang-id"
metric = "delegations"
value = 3000
qualifier = "more_than"
period = "2021-2025"

[[expect]]
id = "delegations-en"
document = "danang-en"
metric = "delegations"
value = 3200
tolerance = 0.01

[[expect]]
id = "sources-agree"
kind = "no_contradictions"
"""


class TestClaimFiles:
    """claims_*.toml files are collected, one test per expectation."""

    def _files(self, pytester: pytest.Pytester, claims: str = CLAIMS_FILE) -> None:
        (pytester.path / "texts").mkdir(exist_ok=True)
        (pytester.path / "texts" / "danang_id.txt").write_text(ID_DELEGATIONS, encoding="utf-8")
        pytester.makefile(".toml", claims_danang=claims)

    def test_collected_ids(self, pytester: pytest.Pytester) -> None:
        """Each [[expect]] is one item whose id is the expectation's id."""
        self._files(pytester)
        result = _run(pytester, "--collect-only", "-q")
        result.stdout.fnmatch_lines(
            [
                "claims_danang.toml::delegations-id",
                "claims_danang.toml::delegations-en",
                "claims_danang.toml::sources-agree",
            ]
        )

    def test_passing_run(self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
        """Paths are relative to the claim file; inline texts and agreement checks pass."""
        self._files(pytester)
        elsewhere = pytester.path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        result = _run(pytester, str(pytester.path / "claims_danang.toml"), "-v")
        result.assert_outcomes(passed=3)
        result.stdout.fnmatch_lines(["*claims_danang.toml::delegations-id PASSED*"])

    def test_failure_reads_like_a_fact_check(self, pytester: pytest.Pytester) -> None:
        """A failing expectation shows the fact-check message and no Python traceback."""
        self._files(
            pytester,
            CLAIMS_FILE.replace("value = 3000", "value = 3500").replace(
                'kind = "no_contradictions"',
                'kind = "no_contradictions"\n\n[[document]]\nid = "wire"\n'
                f'text = "{EN_DELEGATIONS}"\nlang = "en"',
            ),
        )
        result = _run(pytester)
        result.assert_outcomes(passed=1, failed=2)
        result.stdout.fnmatch_lines(
            [
                "*_ states: delegations-id _*",
                "baodanang.vn/3303725 does not state delegations = more than 3,500 in 2021–2025",
                "  expected  more than 3,500  delegations  2021–2025",
                "  stated    more than 3,000  delegations  2021–2025  Da Nang menerima"
                " »lebih dari 3.000« delegasi internasional pada periode 2021-2025.",
                "      differs in value: more than 3,000, not more than 3,500 (14% lower)",
                "*_ no_contradictions: sources-agree _*",
                "1 contradiction among 3 sources (baodanang.vn/3303725, danang-en, wire)",
            ]
        )
        result.stdout.no_fnmatch_line("*Traceback*")
        result.stdout.no_fnmatch_line("*pytest_plugin.py*")

    def test_translation_kind(self, pytester: pytest.Pytester) -> None:
        """kind = "translation" compares an original with its translation."""
        pytester.makefile(
            ".toml",
            claims_exports=f"""
                [integfacts]

                [[document]]
                id = "id"
                text = "{ID_EXPORTS}"
                lang = "id"

                [[document]]
                id = "en"
                text = "{EN_EXPORTS}"
                lang = "en"

                [[expect]]
                id = "english-keeps-figures"
                kind = "translation"
                original = "id"
                translation = "en"

                [[expect]]
                id = "exports-2024"
                document = "en"
                metric = "exports"
                value = 10.7e9
                unit = "USD"
                period = 2024
                """,
        )
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(
            [
                "*::english-keeps-figures FAILED*",
                "*::exports-2024 PASSED*",
                "the translation en does not keep every figure of id:"
                " 1 changed, 0 missing, 0 added",
                "    original     id  1,070,000,000 USD   2024  Ekspor naik 9,6% menjadi"
                " »1,07 miliar dolar AS« pada 2024.",
            ]
        )

    @pytest.mark.parametrize(
        ("claims", "message"),
        [
            ("[integfacts]\n[[expect]\n", "claims_bad.toml: not valid TOML: "),
            (
                "documents = []\n[integfacts]\n",
                "claims_bad.toml: unknown top-level key documents (a claim file holds an"
                " [integfacts] table, [[document]], [[expect]] and [[bilingual]] tables)",
            ),
            (
                '[integfacts]\n[[document]]\ntext = "x"\n[[expect]]\nvalue = 1\nmetric = "m"\n',
                "claims_bad.toml: [[document]] #1: an inline text needs an id",
            ),
            (
                CLAIMS_FILE.replace("tolerance = 0.01", "tolerence = 0.01"),
                "claims_bad.toml: [[expect]] 'delegations-en': unknown key tolerence for kind"
                " 'states' (known: document, id, kind, metric, period, qualifier, subject,"
                " tolerance, unit, value)",
            ),
            (
                CLAIMS_FILE.replace('document = "danang-en"', 'document = "danang-vi"'),
                "claims_bad.toml: [[expect]] 'delegations-en': no document named 'danang-vi'"
                " (documents: danang-id, danang-en)",
            ),
            (
                CLAIMS_FILE.replace('"delegations-en"', '"delegations-id"'),
                "claims_bad.toml: two [[expect]] tables have id 'delegations-id'",
            ),
            (
                CLAIMS_FILE.replace('kind = "no_contradictions"', 'kind = "agreement"'),
                "claims_bad.toml: [[expect]] 'sources-agree': unknown kind 'agreement'"
                " (known: states, no_contradictions, translation)",
            ),
            (
                '[integfacts]\n[[document]]\nid = "a"\ntext = "x"\n',
                "claims_bad.toml: no [[expect]] or [[bilingual]] table: nothing to check",
            ),
            (
                "integfacts = 1\n" + CLAIMS_FILE.replace("[integfacts]\n", ""),
                "claims_bad.toml: [integfacts] must be a table"
                " (a line [integfacts] at the top of the file)",
            ),
            (
                CLAIMS_FILE.replace("[integfacts]\n", "[integfacts]\nformat = 2\n"),
                "claims_bad.toml: [integfacts]: format 2 is not one this integfacts reads (1)",
            ),
            (
                CLAIMS_FILE.replace("[integfacts]\n", "[integfacts]\nlanguage = 'id'\n"),
                "claims_bad.toml: [integfacts]: unknown key language"
                " (known: format, lang, published, tolerance)",
            ),
            (
                CLAIMS_FILE.replace("[integfacts]\n", "[integfacts]\ntolerance = -0.1\n"),
                "claims_bad.toml: [integfacts]: tolerance must be >= 0"
                " (a relative tolerance, 0.01 is 1%), got -0.1",
            ),
        ],
    )
    def test_malformed(self, pytester: pytest.Pytester, claims: str, message: str) -> None:
        """A malformed claim file is a collection error that says what is wrong, in one line."""
        pytester.makefile(".toml", claims_bad=claims)
        result = _run(pytester)
        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["*ERROR collecting claims_bad.toml*", _lit(message) + "*"])
        result.stdout.no_fnmatch_line("*Traceback*")

    def test_missing_document_file(self, pytester: pytest.Pytester) -> None:
        """A document path that does not exist fails its expectations with the path."""
        pytester.makefile(".toml", claims_danang=CLAIMS_FILE)
        result = _run(pytester)
        result.assert_outcomes(passed=1, failed=2)
        result.stdout.fnmatch_lines(
            ["claims_danang.toml: cannot read document 'danang-id' (*danang_id.txt): *"]
        )

    def test_example_in_docs(self, pytester: pytest.Pytester) -> None:
        """The documented example under docs/examples/plugin passes as it is."""
        for f in EXAMPLE.iterdir():
            if f.is_file():
                shutil.copy(f, pytester.path / f.name)
        result = _run(pytester, "-v")
        assert result.ret == pytest.ExitCode.OK
        result.stdout.fnmatch_lines(
            [
                "claims_danang.toml::delegations-id PASSED*",
                "claims_translations.toml::danang.tmx PASSED*",
            ]
        )


ROLES = """
# an application's own settings that happen to be named claims_*.toml
[roles]
admin = ["alice"]
integfacts.enabled = true   # a key named integfacts inside another table: not ours
"""


class TestWhichFiles:
    """Only our claim files are collected: a matching name and an [integfacts] table."""

    def _files(self, pytester: pytest.Pytester) -> None:
        (pytester.path / "texts").mkdir(exist_ok=True)
        (pytester.path / "texts" / "danang_id.txt").write_text(ID_DELEGATIONS, encoding="utf-8")
        pytester.makefile(".toml", claims_danang=CLAIMS_FILE)

    def test_other_projects_files_left_alone(self, pytester: pytest.Pytester) -> None:
        """An unrelated claims_roles.toml, or one that is not TOML at all, is not collected."""
        self._files(pytester)
        pytester.makefile(".toml", claims_roles=ROLES, claims_notes="not = [toml\n")
        pytester.makefile(".toml", danang_claims=CLAIMS_FILE, pyproject="[tool.x]\n")
        (pytester.path / "claims_binary.toml").write_bytes(b"\xff\xfe\x00[roles]\n")
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=3)
        assert result.ret == pytest.ExitCode.OK
        result.stdout.no_fnmatch_line("*claims_roles*")
        result.stdout.no_fnmatch_line("*claims_notes*")
        result.stdout.no_fnmatch_line("*unknown top-level key*")
        result.stdout.no_fnmatch_line("*ClaimsFileWarning*")

    def test_ours_collected(self, pytester: pytest.Pytester) -> None:
        """A claims_*.toml file with an [integfacts] table is collected, one item per [[expect]]."""
        self._files(pytester)
        pytester.makefile(".toml", claims_roles=ROLES)
        result = _run(pytester, "--collect-only", "-q")
        result.stdout.fnmatch_lines(["claims_danang.toml::delegations-id", "3 tests collected*"])

    def test_forgotten_table_warns(self, pytester: pytest.Pytester) -> None:
        """A file with [[expect]] tables but no [integfacts] table is skipped with a warning."""
        (pytester.path / "texts").mkdir()
        (pytester.path / "texts" / "danang_id.txt").write_text(ID_DELEGATIONS, encoding="utf-8")
        pytester.makefile(".toml", claims_danang=CLAIMS_FILE.replace("[integfacts]\n", ""))
        text = (pytester.path / "claims_danang.toml").read_text("utf-8")
        line = text[: text.index("[[expect]]")].count("\n") + 1  # the first [[expect]]
        result = _run(pytester)
        assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
        result.stdout.fnmatch_lines(
            [
                f"*claims_danang.toml:{line}: ClaimsFileWarning: "
                + _lit("claims_danang.toml has [[expect]] tables but no [integfacts] table")
                + ": not collected as an integfacts claim file (add *"
            ]
        )

    def test_ini_patterns(self, pytester: pytest.Pytester) -> None:
        """integfacts_claims_files names other files; patterns match from the right."""
        self._files(pytester)
        facts = pytester.path / "facts"
        facts.mkdir()
        (facts / "danang.toml").write_text(
            CLAIMS_FILE.replace("texts/", "../texts/"), encoding="utf-8"
        )
        pytester.makeini("[pytest]\nintegfacts_claims_files = facts/*.toml\n")
        result = _run(pytester, "--collect-only", "-q")
        result.stdout.fnmatch_lines(["facts/danang.toml::delegations-id", "3 tests collected*"])
        result.stdout.no_fnmatch_line("claims_danang.toml*")
        both = _run(pytester, "-o", "integfacts_claims_files=claims_*.toml facts/*.toml")
        both.assert_outcomes(passed=6)

    def test_turned_off(self, pytester: pytest.Pytester) -> None:
        """An empty integfacts_claims_files turns claim files off; -p no:integfacts the plugin."""
        self._files(pytester)
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                pass
            """)
        )
        result = _run(pytester, "-o", "integfacts_claims_files=")
        result.assert_outcomes(passed=1)
        pytester.makepyprojecttoml("[tool.pytest.ini_options]\nintegfacts_claims_files = []\n")
        _run(pytester).assert_outcomes(passed=1)
        result = _run(pytester, "-p", "no:integfacts")
        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["*fixture 'integfacts' not found*"])

    def test_file_defaults(self, pytester: pytest.Pytester) -> None:
        """The [integfacts] table sets lang, published and tolerance for the whole file."""
        pytester.makefile(
            ".toml",
            claims_wire=f"""
                [integfacts]
                lang = "en"
                tolerance = 0.1

                [[document]]
                id = "wire"
                text = "{EN_ABOUT}"

                [[expect]]
                id = "close-enough"
                metric = "delegations"
                value = 3000

                [[expect]]
                id = "exact"
                metric = "delegations"
                value = 3000
                tolerance = 0
                """,
        )
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(["*::close-enough PASSED*", "*::exact FAILED*"])

    def test_not_utf8(self, pytester: pytest.Pytester) -> None:
        """A claim file that is not UTF-8 is one line naming the file."""
        (pytester.path / "claims_bad.toml").write_bytes(b"[integfacts]\nx = '\xff'\n")
        result = _run(pytester)
        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["claims_bad.toml: not UTF-8 text: invalid start byte"])


# ------------------------------------------------------------ bilingual files
# Our own news-style sentences; a planted change is a digit or a dropped figure.

EN_ID = [
    (
        "s1",
        "The ministry counted 2,340 new schools in 2024.",
        "Kementerian mencatat 2.340 sekolah baru pada 2024.",
    ),
    (
        "s2",
        "Rice output rose 4.5% to 53 million tonnes.",
        "Produksi beras naik 4,5% menjadi 53 juta ton.",
    ),
]
EN_VI = [
    (
        "port-1",
        "The port handled 1,250 ships last month.",
        "Cảng đã tiếp nhận 1.250 tàu trong tháng trước.",
    ),
    ("port-2", "Exports rose 12% to 3.4 billion dollars.", "Xuất khẩu tăng 12% lên 3,4 tỷ USD."),
]
EN_FA = [
    ("trees", "The city planted 8,000 trees.", "شهر ۸٬۰۰۰ درخت کاشت."),
    ("tickets", "Ticket prices rose 15%.", "قیمت بلیت ۱۵٪ افزایش یافت."),
]

Segments = list[tuple[str, str, str]]


def _xliff(segments: Segments, src: str = "en", tgt: str = "id") -> str:
    units = "".join(
        f'<trans-unit id="{i}"><source>{s}</source><target>{t}</target></trans-unit>\n'
        for i, s, t in segments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="a.txt" source-language="{src}" target-language="{tgt}"'
        f' datatype="plaintext"><body>\n{units}</body></file></xliff>\n'
    )


def _tmx(segments: Segments, src: str = "en", tgt: str = "vi") -> str:
    units = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="{src}"><seg>{s}</seg></tuv>'
        f'<tuv xml:lang="{tgt}"><seg>{t}</seg></tuv></tu>\n'
        for i, s, t in segments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'<header creationtool="tests" creationtoolversion="1" segtype="sentence" o-tmf="none"'
        f' adminlang="en" srclang="{src}" datatype="plaintext"/>\n<body>\n{units}</body></tmx>\n'
    )


def _po(segments: Segments, src: str = "en", tgt: str = "fa") -> str:
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {tgt}\\n"\n"X-Source-Language: {src}\\n"\n'
    )
    entries = "".join(f'\nmsgctxt "{i}"\nmsgid "{s}"\nmsgstr "{t}"\n' for i, s, t in segments)
    return head + entries


def _changed(segments: Segments, sid: str, old: str, new: str) -> Segments:
    """The segments with ``old`` replaced by ``new`` in the translation of segment ``sid``."""
    out = [(i, s, t.replace(old, new) if i == sid else t) for i, s, t in segments]
    assert out != segments, "nothing planted"
    return out


def _bilingual_files(pytester: pytest.Pytester, folder: str = ".", **files: str) -> None:
    """Write files (name with its extension -> text) under ``folder`` of the test directory."""
    where = pytester.path / folder
    where.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (where / name.replace("__", ".")).write_text(text, encoding="utf-8")


FAITHFUL = {
    "schools__xlf": _xliff(EN_ID),
    "port__tmx": _tmx(EN_VI),
    "trees__po": _po(EN_FA),
}
PLANTED = {
    "schools__xlf": _xliff(_changed(EN_ID, "s1", "2.340", "2.430")),
    "port__tmx": _tmx(_changed(EN_VI, "port-1", "1.250", "1.260")),
    "trees__po": _po(_changed(EN_FA, "tickets", "۱۵", "۱۶")),
}


class TestBilingual:
    """assert_bilingual checks every segment of an XLIFF, TMX, PO, TSV or CSV file."""

    def test_faithful_files_pass(self, pytester: pytest.Pytester) -> None:
        """A faithful XLIFF, TMX and PO pass silently and return one result per segment."""
        _bilingual_files(pytester, **FAITHFUL)
        pytester.makepyfile(
            _py("""
            @pytest.mark.parametrize("name", ["schools.xlf", "port.tmx", "trees.po"])
            def test_it(integfacts, name):
                results = integfacts.assert_bilingual(pathlib.Path(name))
                assert len(results) == 2
                assert all(r.ok for r in results)
                assert all(r.report.agreements for r in results)
            """)
        )
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=3)
        result.stdout.no_fnmatch_line("*ClaimCheckError*")

    def test_planted_digit_fails(self, pytester: pytest.Pytester) -> None:
        """A changed digit fails the file with the segment id and both figures marked."""
        _bilingual_files(pytester, **PLANTED)
        pytester.makepyfile(
            _py("""
            @pytest.mark.parametrize("name", ["schools.xlf", "port.tmx", "trees.po"])
            def test_it(integfacts, name):
                integfacts.assert_bilingual(name)
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(failed=3)
        result.stdout.fnmatch_lines(
            [
                *_err(
                    "integfacts.pytest_plugin.ClaimCheckError: schools.xlf (en → id) does not keep"
                    " every figure in 1 of 2 segments: 1 changed, 0 missing, 0 added",
                    "  segment s1: CONTRADICT (transposition) »2,340« → »2.430«:"
                    " 2,340 vs 2,430: two adjacent digits are transposed.",
                    "    original     The ministry counted »2,340« new schools in 2024.",
                    "    translation  Kementerian mencatat »2.430« sekolah baru pada 2024.",
                ),
                "E       integfacts.pytest_plugin.ClaimCheckError: port.tmx (en → vi) *"
                " 1 of 2 segments: 1 changed, 0 missing, 0 added",
                "E         segment port-1: CONTRADICT (*) »1,250« → »1.260«: *",
                "E       integfacts.pytest_plugin.ClaimCheckError: trees.po (en → fa) *",
                "E         segment tickets: CONTRADICT (*) »15%« → »۱۶٪«: *",
            ]
        )
        result.stdout.no_fnmatch_line("*formats.py*")
        result.stdout.no_fnmatch_line("*pytest_plugin.py*")

    def test_missing_and_added(self, tmp_path: Path) -> None:
        """A dropped figure is MISSING, an extra one ADDED, each under its segment id."""
        folder = tmp_path
        segments = _changed(EN_ID, "s2", "naik 4,5% menjadi", "naik menjadi")
        segments = _changed(segments, "s1", "pada 2024.", "pada 2024, 12 di antaranya di Aceh.")
        path = folder / "dropped.xlf"
        path.write_text(_xliff(segments), encoding="utf-8")
        with pytest.raises(ClaimCheckError) as info:
            ClaimChecker().assert_bilingual(path)
        lines = str(info.value).splitlines()
        assert lines[0].endswith(
            "dropped.xlf (en → id) does not keep every figure in 2 of 2 segments:"
            " 0 changed, 1 missing, 1 added"
        )
        assert lines[1:] == [
            "  segment s1: ADDED in the translation »12« (12)",
            "    original     The ministry counted 2,340 new schools in 2024.",
            "    translation  Kementerian mencatat 2.340 sekolah baru pada 2024, »12« di antaranya"
            " di Aceh.",
            "  segment s2: MISSING from the translation »4.5%« (4.5%)",
            "    original     Rice output rose »4.5%« to 53 million tonnes.",
            "    translation  Produksi beras naik menjadi 53 juta ton.",
        ]
        assert [c.text for c in info.value.claims] == ["12", "4.5%"]

    def test_tolerance_and_languages(self, tmp_path: Path) -> None:
        """The tolerance lets a close figure through; languages may come from the call."""
        rows = "".join(f"{i}\t{s}\t{t}\n" for i, s, t in _changed(EN_ID, "s1", "2.340", "2.350"))
        path = tmp_path / "pairs.tsv"
        path.write_text("id\tsource\ttarget\n" + rows, encoding="utf-8")
        check = ClaimChecker()
        with pytest.raises(ClaimCheckError, match=r"segment s1: CONTRADICT"):
            check.assert_bilingual(path, source_lang="en", target_lang="id")
        results = check.assert_bilingual(path, source_lang="en", target_lang="id", tolerance=0.01)
        assert [(r.id, r.source_lang, r.target_lang) for r in results] == [
            ("s1", "en", "id"),
            ("s2", "en", "id"),
        ]
        with pytest.raises(ValueError, match="source_lang must be one of en, fa, id, vi"):
            check.assert_bilingual(path, source_lang="english")

    def test_long_list_is_cut(self, tmp_path: Path) -> None:
        """A file with many problems lists the first ones and counts the rest."""
        segments = [
            (f"n{k}", f"The fund paid {k + 10} families.", f"Dana itu membayar {k + 20} keluarga.")
            for k in range(40)
        ]
        path = tmp_path / "many.po"
        path.write_text(_po(segments, tgt="id"), encoding="utf-8")
        with pytest.raises(ClaimCheckError) as info:
            ClaimChecker().assert_bilingual(path)
        lines = str(info.value).splitlines()
        assert "in 40 of 40 segments: 40 changed, 0 missing, 0 added" in lines[0]
        assert sum(line.startswith("  segment ") for line in lines) == 30
        assert lines[-1] == f"  ... and 10 more problems (integfacts compare {path} lists them all)"

    def test_bad_files_one_line(self, pytester: pytest.Pytester) -> None:
        """A missing, unknown, malformed, undecodable or empty file is one line, no internals."""
        _bilingual_files(
            pytester,
            notes__docx="not a bilingual file",
            broken__xlf="<xliff version='1.2'><file>",
            empty__po='msgid ""\nmsgstr ""\n"Language: id\\n"\n"X-Source-Language: en\\n"\n',
        )
        (pytester.path / "latin1.tsv").write_bytes(
            "en\tid\nCaf\xe9 12\tKafe 12\n".encode("latin-1")
        )
        pytester.makepyfile(
            _py("""
            @pytest.mark.parametrize(
                "name", ["missing.xlf", "notes.docx", "broken.xlf", "latin1.tsv", "empty.po"]
            )
            def test_it(integfacts, name):
                integfacts.assert_bilingual(pathlib.Path(name))
            """)
        )
        result = _run(pytester)
        result.assert_outcomes(failed=5)
        prefix = "E       integfacts.formats.BilingualFileError: "
        result.stdout.fnmatch_lines(
            [
                prefix + "missing.xlf: no such file",
                prefix + "notes.docx: unknown bilingual file type '.docx';"
                " expected .xlf/.xliff, .tmx, .po, .tsv or .csv",
                prefix + "broken.xlf: not a well-formed, safe XML file: *",
                prefix + "latin1.tsv: not UTF-8 text: invalid continuation byte",
                prefix + "empty.po: no translated segment: nothing to check",
            ]
        )
        for unwanted in ("*formats.py*", "*pytest_plugin.py*", "*During handling*", "*Traceback*"):
            result.stdout.no_fnmatch_line(unwanted)
        # one line each: the error line is followed by the test's location, nothing else
        out = result.stdout.lines
        errors = [k for k, line in enumerate(out) if line.startswith(prefix)]
        assert len(errors) == 5
        assert all(out[k + 1] == "" and "BilingualFileError" in out[k + 2] for k in errors)

    def test_recorded_in_report(self, pytester: pytest.Pytester) -> None:
        """The segments checked land in the --integfacts-report report."""
        _bilingual_files(pytester, **PLANTED)
        pytester.makepyfile(
            _py("""
            def test_it(integfacts):
                integfacts.assert_bilingual("schools.xlf")
            """)
        )
        _run(pytester, "--integfacts-report=r.json").assert_outcomes(failed=1)
        data = json.loads((pytester.path / "r.json").read_text("utf-8"))
        assert data["documents"] == ["schools.xlf (source)", "schools.xlf (target)"]
        assert data["summary"]["contradict"] == 1
        assert data["summary"]["agree"] == 2


BILINGUAL_CLAIMS = """
[integfacts]

[[bilingual]]
file = "schools.xlf"

[[bilingual]]
file = "locale/*.po"
"""


class TestBilingualClaimFiles:
    """[[bilingual]] tables of a claim file: one test per bilingual file, named by the file."""

    def _files(self, pytester: pytest.Pytester, files: dict[str, str]) -> None:
        _bilingual_files(pytester, schools__xlf=files["schools__xlf"])
        _bilingual_files(
            pytester,
            "locale",
            fa__po=files["trees__po"],
            id__po=_po([("s2", *EN_ID[1][1:])], tgt="id"),
        )
        pytester.makefile(".toml", claims_translations=BILINGUAL_CLAIMS)

    def test_collected_by_file(self, pytester: pytest.Pytester) -> None:
        """A path is one test, a glob pattern one per file; named relative to the claim file."""
        self._files(pytester, FAITHFUL)
        result = _run(pytester, "--collect-only", "-q")
        result.stdout.fnmatch_lines(
            [
                "claims_translations.toml::schools.xlf",
                "claims_translations.toml::locale/fa.po",
                "claims_translations.toml::locale/id.po",
                "3 tests collected*",
            ]
        )

    def test_pass_and_fail(
        self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Faithful files pass; a planted digit fails its file with the segment id, no traceback."""
        self._files(pytester, PLANTED)
        elsewhere = pytester.path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)  # paths are relative to the claim file
        result = _run(pytester, str(pytester.path), "-v")
        result.assert_outcomes(passed=1, failed=2)
        result.stdout.fnmatch_lines(
            [
                "*::schools.xlf FAILED*",
                "*::locale/fa.po FAILED*",
                "*::locale/id.po PASSED*",
                "*_ bilingual: schools.xlf _*",
                "schools.xlf (en → id) does not keep every figure in 1 of 2 segments:"
                " 1 changed, 0 missing, 0 added",
                "  segment s1: CONTRADICT (transposition) »2,340« → »2.430«: *",
                "    original     The ministry counted »2,340« new schools in 2024.",
                "*_ bilingual: locale/fa.po _*",
                "locale/fa.po (en → fa) does not keep every figure in 1 of 2 segments: *",
                "  segment tickets: CONTRADICT *",
            ]
        )
        result.stdout.no_fnmatch_line("*Traceback*")
        result.stdout.no_fnmatch_line("*pytest_plugin.py*")

    def test_options(self, pytester: pytest.Pytester) -> None:
        """tolerance, rates and languages per table; the file's tolerance is the default."""
        tsv = "".join(f"{i}\t{s}\t{t}\n" for i, s, t in _changed(EN_ID, "s1", "2.340", "2.350"))
        _bilingual_files(pytester, pairs__tsv=tsv)
        pytester.makefile(
            ".toml",
            claims_loose="""
                [integfacts]
                tolerance = 0.01

                [[bilingual]]
                file = "pairs.tsv"
                source_lang = "en"
                target_lang = "id"
                rates = { USD = 1 }
                """,
            claims_strict="""
                [integfacts]
                tolerance = 0.01

                [[bilingual]]
                file = "pairs.tsv"
                source_lang = "en"
                target_lang = "id"
                tolerance = 0
                """,
        )
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(
            ["*claims_loose.toml::pairs.tsv PASSED*", "*claims_strict.toml::pairs.tsv FAILED*"]
        )

    def test_with_expectations(self, pytester: pytest.Pytester) -> None:
        """[[bilingual]] sits beside [[document]] and [[expect]] in one claim file."""
        _bilingual_files(pytester, **FAITHFUL)
        pytester.makefile(
            ".toml",
            claims_mixed=f"""
                [integfacts]

                [[document]]
                id = "wire"
                text = "{EN_ABOUT}"
                lang = "en"

                [[expect]]
                id = "delegations"
                metric = "delegations"
                value = 3200

                [[bilingual]]
                file = "port.tmx"
                """,
        )
        result = _run(pytester, "-v")
        result.assert_outcomes(passed=2)
        result.stdout.fnmatch_lines(["*::delegations PASSED*", "*::port.tmx PASSED*"])

    def test_missing_file_fails_in_one_line(self, pytester: pytest.Pytester) -> None:
        """A file that is not there fails its test with one line naming it."""
        pytester.makefile(
            ".toml", claims_translations='[integfacts]\n[[bilingual]]\nfile = "a.xlf"\n'
        )
        result = _run(pytester)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "*_ bilingual: a.xlf _*",
                "claims_translations.toml: [[bilingual]] a.xlf: no such file",
            ]
        )
        result.stdout.no_fnmatch_line("*Traceback*")

    @pytest.mark.parametrize(
        ("claims", "message"),
        [
            (
                '[[bilingual]]\nfile = "locale/*.xlf"\n',
                "claims_bad.toml: [[bilingual]] #1: no file matches 'locale/*.xlf' (relative to ",
            ),
            (
                '[[bilingual]]\nfile = "a.xlf"\nsource = "en"\n',
                "claims_bad.toml: [[bilingual]] #1: unknown key source"
                " (known: file, rates, source_lang, target_lang, tolerance)",
            ),
            (
                '[[bilingual]]\npath = "a.xlf"\n',
                "claims_bad.toml: [[bilingual]] #1: unknown key path (known: ",
            ),
            (
                '[[bilingual]]\nsource_lang = "en"\n',
                "claims_bad.toml: [[bilingual]] #1: missing file"
                " (a path or a glob pattern, relative to the claim file)",
            ),
            (
                '[[bilingual]]\nfile = "a.xlf"\ntarget_lang = "de"\n',
                "claims_bad.toml: [[bilingual]] #1 (a.xlf): target_lang must be one of"
                " en, fa, id, vi, got 'de'",
            ),
            (
                '[[bilingual]]\nfile = "a.xlf"\ntolerance = -1\n',
                "claims_bad.toml: [[bilingual]] #1 (a.xlf): tolerance must be >= 0",
            ),
            (
                '[[bilingual]]\nfile = "a.xlf"\n[[bilingual]]\nfile = "a.xlf"\n',
                "claims_bad.toml: [[bilingual]] #2: a.xlf is already a test of this file",
            ),
            (
                'bilingual = "a.xlf"\n[integfacts]\n',
                "claims_bad.toml: 'bilingual' must be an array of tables ([[bilingual]])",
            ),
        ],
    )
    def test_malformed(self, pytester: pytest.Pytester, claims: str, message: str) -> None:
        """A malformed [[bilingual]] table is a one-line collection error."""
        head = "" if "[integfacts]" in claims else "[integfacts]\n"
        pytester.makefile(".toml", claims_bad=head + claims)
        result = _run(pytester)
        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["*ERROR collecting claims_bad.toml*", _lit(message) + "*"])
        result.stdout.no_fnmatch_line("*Traceback*")

    def test_forgotten_table_warns(self, pytester: pytest.Pytester) -> None:
        """[[bilingual]] without the [integfacts] table is not collected, with a warning."""
        pytester.makefile(".toml", claims_translations='[[bilingual]]\nfile = "a.xlf"\n')
        result = _run(pytester)
        assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
        result.stdout.fnmatch_lines(
            [
                "*claims_translations.toml:1: ClaimsFileWarning: "
                + _lit("claims_translations.toml has [[bilingual]] tables but no [integfacts]")
                + "*"
            ]
        )


class TestReport:
    """--integfacts-report writes a report of everything checked in the run."""

    TESTS = """
        def test_states(integfacts):
            integfacts.assert_states(ID_DELEGATIONS, "delegations", 3000, lang="id", source="id")

        def test_contradiction(integfacts):
            integfacts.assert_no_contradictions(
                integfacts.document(ID_DELEGATIONS, lang="id", source="id"),
                integfacts.document(EN_DELEGATIONS, lang="en", source="en"),
            )
        """

    def test_json(self, pytester: pytest.Pytester) -> None:
        """The JSON report holds every checked document, claim and finding."""
        pytester.makepyfile(_py(self.TESTS))
        result = _run(pytester, "--integfacts-report=out/claims.json")
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(
            [
                "integfacts: report of 2 documents, 2 claims, 1 finding (1 contradiction)"
                " written to *claims.json"
            ]
        )
        data = json.loads((pytester.path / "out" / "claims.json").read_text("utf-8"))
        assert data["schema"] == "integfacts.report"
        assert data["documents"] == ["en", "id"]
        assert data["summary"]["claims"] == 2
        assert data["summary"]["contradict"] == 1
        assert sorted(c["text"] for c in data["findings"][0]["claims"]) == [
            "1,200",
            "lebih dari 3.000",
        ]

    def test_html_and_alias(self, pytester: pytest.Pytester) -> None:
        """A path ending in .html gets the HTML report; --claims-report is an alias."""
        pytester.makepyfile(_py(self.TESTS))
        _run(pytester, "--claims-report", "claims.html")
        page = (pytester.path / "claims.html").read_text("utf-8")
        assert page.lstrip().lower().startswith("<!doctype html")
        assert "<mark>1,200</mark>" in page

    def test_claim_files_recorded(self, pytester: pytest.Pytester) -> None:
        """Claim-file checks land in the report too."""
        (pytester.path / "texts").mkdir()
        (pytester.path / "texts" / "danang_id.txt").write_text(ID_DELEGATIONS, encoding="utf-8")
        pytester.makefile(".toml", claims_danang=CLAIMS_FILE)
        _run(pytester, "--integfacts-report=r.json").assert_outcomes(passed=3)
        data = json.loads((pytester.path / "r.json").read_text("utf-8"))
        assert data["documents"] == ["baodanang.vn/3303725", "danang-en"]
        assert data["summary"]["agree"] == 1

    def test_not_written_without_option(self, pytester: pytest.Pytester) -> None:
        """Without the option no file is written and nothing is said."""
        pytester.makepyfile(_py(self.TESTS))
        result = _run(pytester)
        result.stdout.no_fnmatch_line("integfacts: report*")
        assert not list(pytester.path.glob("*.json"))


class TestAssertrepr:
    """pytest_assertrepr_compare explains our own values and leaves the rest alone."""

    def test_claims_field_by_field(self, pytester: pytest.Pytester) -> None:
        """Comparing two claims with == lists the fields that differ."""
        pytester.makepyfile(
            _py("""
            import integfacts

            def test_it():
                [a] = integfacts.extract(ID_DELEGATIONS, lang="id")
                [b] = integfacts.extract(ID_DELEGATIONS.replace("3.000", "3.500"), lang="id")
                assert a == b
            """)
        )
        result = _run(pytester)
        result.stdout.fnmatch_lines(
            [
                "E       AssertionError: assert Claim(»lebih dari 3.000«)"
                " == Claim(»lebih dari 3.500«)",
                "E         integfacts: the Claim values differ in 3 field(s):",
                "E           quantity.value: Decimal('3000') != Decimal('3500')",
                "E           text: 'lebih dari 3.000' != 'lebih dari 3.500'",
                "E           context: 'Da Nang menerima lebih dari 3.000 delegasi *'"
                " != 'Da Nang menerima lebih dari 3.500 delegasi *'",
            ]
        )

    def test_other_types_untouched(self) -> None:
        """Other types, other operators and mixed types get None (pytest's own explanation)."""
        claim = ifx.extract(ID_DELEGATIONS, lang="id")[0]
        config = pytest.Config.__new__(pytest.Config)  # the hook does not look at it
        hook = pytest_plugin.pytest_assertrepr_compare
        assert hook(config, "==", {"a": 1}, {"a": 2}) is None
        assert hook(config, "==", claim, claim.quantity) is None
        assert hook(config, "!=", claim, claim) is None
        assert hook(config, "==", Decimal(1), Decimal(2)) is None
        assert hook(config, "==", claim.quantity, claim.quantity) is None
        assert hook(config, "==", claim.quantity, attrs.evolve(claim.quantity, unit="USD")) == [
            "Quantity == Quantity",
            "integfacts: the Quantity values differ in 1 field(s):",
            "  unit: None != 'USD'",
        ]


def test_plugin_import_is_cheap() -> None:
    """Importing the plugin loads no extraction engine, language data, dateparser or tomllib."""
    code = (
        "import sys, integfacts.pytest_plugin\n"
        "heavy = [m for m in ('integfacts.extraction', 'integfacts.reconciliation',"
        " 'integfacts.model', 'integfacts.numbers', 'dateparser', 'rapidfuzz', 'tomllib', 'attrs')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported by the plugin: {out.stdout.strip()}"
