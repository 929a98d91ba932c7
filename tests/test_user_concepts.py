"""User vocabulary: concept terms added through ``concepts=`` and ``--concepts FILE``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import integfacts as ifx
from integfacts.concepts import builtin, lexicon_for, load_concepts

ROOT = Path(__file__).resolve().parent.parent

# a concept the built-in lexicon does not know, with terms in four languages
SINKHOLES: dict[str, Any] = {
    "concepts": {"sinkholes": ["sinkhole", "sinkholes", "lubang amblas", "hố sụt", "فروچاله"]}
}

EN = "Heavy rain opened 14 sinkholes on roads around Bogor on Monday."
ID = "Hujan deras memicu 14 lubang amblas di jalan-jalan sekitar Bogor, Senin."
VI = "Mưa lớn làm xuất hiện 14 hố sụt trên các tuyến đường ở Bogor hôm thứ Hai."


def _metrics(text: str, lang: str, concepts: Any = None) -> list[str | None]:
    return [c.metric for c in ifx.extract(text, lang=lang, concepts=concepts)]


@pytest.fixture
def concept_file(tmp_path: Path) -> Path:
    """A user concept file with one new concept, terms in English and Indonesian."""
    path = tmp_path / "my-concepts.toml"
    path.write_text(
        '[concepts]\nsinkholes = ["sinkhole", "sinkholes", "lubang amblas"]\n', encoding="utf-8"
    )
    return path


class TestExtract:
    """extract(..., concepts=...) gives the user's key to phrases the built-in lexicon lacks."""

    def test_builtin_does_not_know_the_term(self) -> None:
        """Without user concepts the phrase names no concept (the premise of the tests below)."""
        assert _metrics(EN, "en") == [None]
        assert _metrics(ID, "id") == [None]

    @pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (ID, "id"), (VI, "vi")])
    def test_user_term_gives_the_user_key(self, text: str, lang: str) -> None:
        """A user term makes the figure measure the user's concept, in English and others."""
        assert _metrics(text, lang, SINKHOLES) == ["sinkholes"]

    def test_path_and_lexicon_work_like_the_mapping(self, concept_file: Path) -> None:
        """A path (str or Path) and a Lexicon give the same claims as the same data as a mapping."""
        want = ifx.extract(ID, lang="id", concepts=SINKHOLES)
        assert ifx.extract(ID, lang="id", concepts=concept_file) == want
        assert ifx.extract(ID, lang="id", concepts=str(concept_file)) == want
        assert ifx.extract(ID, lang="id", concepts=load_concepts(concept_file)) == want
        assert ifx.extract(ID, lang="id", concepts=lexicon_for(concept_file)) == want

    def test_scan_takes_concepts(self) -> None:
        """scan() threads the user's concepts to the claims it accounts for."""
        items = ifx.scan(EN, lang="en", concepts=SINKHOLES)
        assert [i.claim.metric for i in items if i.claim is not None] == ["sinkholes"]

    def test_plain_concepts_table_applies_to_every_language(self) -> None:
        """Terms under a plain [concepts] table are found in every language."""
        loan = "Hujan deras memicu 14 sinkholes di jalan-jalan sekitar Bogor, Senin."
        everywhere = {"concepts": {"sinkholes": ["sinkholes"]}}
        assert _metrics(EN, "en", everywhere) == ["sinkholes"]
        assert _metrics(loan, "id", everywhere) == ["sinkholes"]

    def test_language_table_applies_to_its_language_only(self) -> None:
        """Terms under [concepts.<lang>] are found in that language and no other."""
        loan = "Hujan deras memicu 14 sinkholes di jalan-jalan sekitar Bogor, Senin."
        english_only = {"concepts": {"en": {"sinkholes": ["sinkholes"]}}}
        assert _metrics(EN, "en", english_only) == ["sinkholes"]
        assert _metrics(loan, "id", english_only) == [None]

    def test_user_meta_kinds_restrict_the_concept(self) -> None:
        """A user concept whose [meta] kinds exclude money is not what a money amount measures."""
        text = "Repairing the sinkholes cost 2 million dollars."
        free = {"concepts": {"sinkholes": ["sinkholes"]}}
        counted = free | {"meta": {"sinkholes": {"kinds": ["count"]}}}
        assert _metrics(text, "en", free) == ["sinkholes"]
        assert _metrics(text, "en", counted) == [None]

    def test_invalid_mapping_is_a_value_error_naming_the_key(self) -> None:
        """An invalid mapping raises the ValueError of load_concepts, naming the key."""
        with pytest.raises(ValueError, match=r"concepts\.sinkholes: a term must be a string"):
            ifx.extract(EN, lang="en", concepts={"concepts": {"sinkholes": [14]}})

    def test_missing_file_is_a_value_error_naming_the_file(self, tmp_path: Path) -> None:
        """A missing concept file raises ValueError naming it, even for a text with no figure."""
        with pytest.raises(ValueError, match=r"nope\.toml: concept file not found"):
            ifx.extract("No figures here.", lang="en", concepts=tmp_path / "nope.toml")


@pytest.fixture(scope="module")
def seeds() -> list[ifx.Document]:
    """The seed articles, read as the command line reads them."""
    from integfacts.cli import iter_inputs, load_document  # noqa: PLC0415

    return [
        load_document(p, row, lang=None)
        for p, row, err in iter_inputs([str(ROOT / "seeds")])
        if not err
    ]


class TestDefaultUnchanged:
    """Without user concepts, or with ones the texts do not use, output is unchanged."""

    def test_no_concepts_is_the_builtin_lexicon(self, seeds: list[ifx.Document]) -> None:
        """concepts=None and the built-in Lexicon itself give the same claims."""
        for doc in seeds[:3]:
            assert ifx.extract(doc) == ifx.extract(doc, concepts=builtin())

    def test_unused_user_terms_change_nothing(self, seeds: list[ifx.Document]) -> None:
        """User terms the texts never use leave every claim of the seeds as it was."""
        for doc in seeds:
            assert ifx.extract(doc) == ifx.extract(doc, concepts=SINKHOLES)


class TestReconcile:
    """reconcile and compare extract their Documents with the user's concepts."""

    def _docs(self) -> list[ifx.Document]:
        return [
            ifx.Document(EN, source="wire-en", lang="en"),
            ifx.Document(ID, source="portal-id", lang="id"),
        ]

    def test_shared_user_concept_makes_one_finding(self) -> None:
        """Two documents whose only shared metric is a user concept reconcile into one finding."""
        report = ifx.reconcile(self._docs(), concepts=SINKHOLES)
        assert len(report.findings) == 1
        finding = report.findings[0]
        assert finding.metric == "sinkholes"
        assert {c.source for c in finding.claims} == {"wire-en", "portal-id"}
        assert finding.verdict is ifx.Verdict.AGREE

    def test_without_user_concepts_they_do_not_meet(self) -> None:
        """Without the user's concept the two figures are unmatched (the premise above)."""
        report = ifx.reconcile(self._docs())
        assert not report.findings

    def test_compare_pairs_by_user_concept(self) -> None:
        """compare() extracts both sides with the user's concepts."""
        report = ifx.compare(*self._docs(), concepts=SINKHOLES)
        assert [(f.metric, f.verdict) for f in report.findings] == [
            ("sinkholes", ifx.Verdict.AGREE)
        ]

    def test_reconcile_refuses_an_invalid_mapping(self) -> None:
        """reconcile raises the ValueError of load_concepts for an unknown language table."""
        with pytest.raises(ValueError, match=r"\[concepts\.xx\]: unknown language code"):
            ifx.reconcile(self._docs(), concepts={"concepts": {"xx": {"sinkholes": ["x"]}}})


class TestExtractMany:
    """extract_many threads the user's concepts to worker processes."""

    def test_workers_get_the_same_claims_as_extract(self, concept_file: Path) -> None:
        """extract_many with workers=2 gives the claims extract gives with the same concepts."""
        docs = [ifx.Document(t, lang=lang) for t, lang in [(EN, "en"), (ID, "id")] * 3]
        want = [ifx.extract(d, concepts=concept_file) for d in docs]
        got = list(ifx.extract_many(docs, workers=2, chunksize=1, concepts=concept_file))
        assert got == want
        assert [c.metric for claims in got for c in claims] == ["sinkholes"] * 6


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "integfacts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


class TestCommandLine:
    """--concepts FILE on the command line."""

    def test_extract_reads_the_file(self, tmp_path: Path, concept_file: Path) -> None:
        """integfacts extract --concepts FILE gives the user's key."""
        text = tmp_path / "a.txt"
        text.write_text(ID + "\n", encoding="utf-8")
        out = _cli("extract", "--concepts", str(concept_file), "--format", "csv", str(text))
        assert out.returncode == 0, out.stderr
        assert ",sinkholes," in out.stdout

    def test_reconcile_reads_the_file(self, tmp_path: Path, concept_file: Path) -> None:
        """integfacts reconcile --concepts FILE makes the two sources meet."""
        (tmp_path / "a.txt").write_text(EN + "\n", encoding="utf-8")
        (tmp_path / "b.txt").write_text(ID + "\n", encoding="utf-8")
        args = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json"]
        out = _cli("reconcile", "--concepts", str(concept_file), *args)
        assert out.returncode == 0, out.stderr
        assert '"sinkholes"' in out.stdout
        assert '"agree"' in out.stdout

    @pytest.mark.parametrize("command", ["extract", "reconcile", "compare"])
    def test_bad_file_is_a_usage_error(self, tmp_path: Path, command: str) -> None:
        """An invalid concept file exits 2 with one line on stderr naming the file and key."""
        bad = tmp_path / "bad.toml"
        bad.write_text('[concepts.xx]\nsinkholes = ["x"]\n', encoding="utf-8")
        (tmp_path / "a.txt").write_text(EN + "\n", encoding="utf-8")
        paths = [str(tmp_path / "a.txt")] * (2 if command == "compare" else 1)
        out = _cli(command, "--concepts", str(bad), *paths)
        assert out.returncode == 2
        assert out.stdout == ""
        lines = out.stderr.splitlines()
        assert len(lines) == 1, out.stderr
        assert "bad.toml" in lines[0]
        assert "[concepts.xx]" in lines[0]

    def test_missing_file_is_a_usage_error(self, tmp_path: Path) -> None:
        """A --concepts file that does not exist exits 2 with one line, no traceback."""
        (tmp_path / "a.txt").write_text(EN + "\n", encoding="utf-8")
        out = _cli("extract", "--concepts", str(tmp_path / "nope.toml"), str(tmp_path / "a.txt"))
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        assert out.stderr.strip().endswith("nope.toml: concept file not found")
