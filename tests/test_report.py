"""Report renderers: JSON, Markdown, HTML (escaped, self-contained), text, ClaimReview."""

from __future__ import annotations

import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest

import integfacts as ifx

HOSTILE = (
    'Da Nang <script>alert("x")</script> received more than 3,000 delegations '
    '<img src=x onerror="alert(1)"> in 2024. \u202eevil\u202c javascript:alert(1)'
)


@pytest.fixture(scope="module")
def report() -> ifx.Report:
    """A report whose documents and sources carry markup, handlers and RTL overrides."""
    a = ifx.Document(HOSTILE, source='<b>src"a</b>', lang="en")
    b = ifx.Document(
        "Da Nang received 1,000 delegations in 2024.", source="javascript:alert(2)", lang="en"
    )
    return ifx.reconcile([a, b])


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


class TestHTML:
    """The HTML page escapes everything from documents and loads nothing."""

    def test_no_injected_elements(self, report: ifx.Report) -> None:
        """Markup in document text and sources never becomes an element or attribute."""
        page = _Collect()
        page.feed(report.to_html())
        tags = [t for t, _ in page.tags]
        assert tags.count("script") == 1  # only our own filter script
        assert "img" not in tags
        assert "b" not in tags
        for _, attrs in page.tags:
            assert not any(k.startswith("on") for k in attrs)
            assert not any(
                (v or "").startswith("javascript:")
                for k, v in attrs.items()
                if k in ("href", "src")
            )
        assert "alert" not in page.scripts[0]

    def test_no_network(self, report: ifx.Report) -> None:
        """The page references no external resource."""
        page = _Collect()
        page.feed(report.to_html())
        for tag, attrs in page.tags:
            assert "src" not in attrs or (tag == "script" and attrs["src"] is None)
            assert tag != "link"
        assert "http://" not in report.to_html().split("<main>")[0]

    def test_figure_highlighted(self, report: ifx.Report) -> None:
        """Each claim is shown in its sentence with the figure marked."""
        assert "<mark>more than 3,000</mark>" in report.to_html()


class TestJSON:
    """The JSON report is stable, versioned and exact."""

    def test_schema_version_and_summary(self, report: ifx.Report) -> None:
        """The document names its schema and version and counts its findings."""
        data = json.loads(report.to_json())
        assert (data["schema"], data["version"]) == ("integfacts.report", 1)
        assert data["summary"]["findings"] == len(report.findings)

    def test_no_floats(self, report: ifx.Report) -> None:
        """Every amount is a string: no value passes through a float."""

        def walk(o: object) -> None:
            assert not isinstance(o, float) or o in (100.0, 85.0, 90.0), o
            if isinstance(o, dict):
                for k, v in o.items():
                    if k in ("value", "low", "high", "upper", "of", "majority"):
                        assert v is None or isinstance(v, str), (k, v)
                    walk(v)
            elif isinstance(o, list):
                for v in o:
                    walk(v)

        walk(json.loads(report.to_json()))

    def test_huge_and_tiny_values_survive(self) -> None:
        """10^30 and 10^-12 come back exactly from the JSON report."""
        doc = ifx.Document(
            "Nilai 1.000.000.000.000.000.000.000.000.000.000 dan 0,000000000001 persen.",
            source="s",
            lang="id",
        )
        report = ifx.reconcile([doc], within_documents=True)
        values = {Decimal(c["value"]) for c in json.loads(report.to_json())["unmatched"]}
        values |= {
            Decimal(c["value"])
            for f in json.loads(report.to_json())["findings"]
            for c in f["claims"]
        }
        assert Decimal(10) ** 30 in values
        assert Decimal("1E-12") in values


def test_markdown_escapes(report: ifx.Report) -> None:
    """Markdown output escapes markup from documents."""
    md = report.to_markdown()
    assert "<script>" not in md
    assert "<b>" not in md


def test_text_table(report: ifx.Report) -> None:
    """The terminal rendering shows the verdict, the figures and the reason."""
    text = report.to_text()
    assert "CONTRADICT" in text
    assert "3,000" in text


def test_claimreview(report: ifx.Report) -> None:
    """Each finding becomes a schema.org ClaimReview with the numbers in an extension."""
    reviews = report.to_claimreview()
    assert reviews
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["reviewRating"]["ratingValue"] == 1
    assert reviews[0]["integfacts"]["claims"][0]["value"] in ("3000", "1000")
