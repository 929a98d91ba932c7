"""Report renderers: JSON, Markdown, HTML (escaped, self-contained), text, ClaimReview."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import struct
import subprocess
import tomllib
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len

import integfacts as ifx
from integfacts.report import (
    MIN_TEXT_WIDTH,
    format_number,
    period_label,
    source_label,
    to_text,
    value_label,
)

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = (
    'Da Nang <script>alert("x")</script> received more than 3,000 delegations '
    '<img src=x onerror="alert(1)"> in 2024. \u202eevil\u202c javascript:alert(1)'
)

LONG_URL = (
    "https://www.example-news.org/world/asia/2025/09/"
    "da-nang-signs-cooperation-agreements-with-partner-cities-3303725.html"
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def report() -> ifx.Report:
    """A report whose documents and sources carry markup, handlers and RTL overrides."""
    a = ifx.Document(HOSTILE, source='<b>src"a</b>', lang="en")
    b = ifx.Document(
        "Da Nang received 1,000 delegations in 2024.", source="javascript:alert(2)", lang="en"
    )
    return ifx.reconcile([a, b])


@pytest.fixture(scope="module")
def hundreds() -> ifx.Report:
    """Two sources say 120 agreements, a Persian one says 'hundreds' (صدها)."""
    day = datetime.date(2025, 9, 26)
    docs = [
        ifx.Document(
            "In 2024, Da Nang signed 120 international cooperation agreements."
            " The city also hosted 45 trade fairs.",
            source=LONG_URL,
            lang="en",
            published=day,
        ),
        ifx.Document(
            "Pada tahun 2024, Da Nang menandatangani 120 perjanjian kerja sama internasional.",
            source="https://berita.example.id/da-nang-120-perjanjian",
            lang="id",
            published=day,
        ),
        ifx.Document(
            "دانانگ در سال ۲۰۲۴ صدها توافقنامه همکاری بین‌المللی امضا کرد.",
            source="https://khabar.example.ir/fa/news/7781",
            lang="fa",
            published=day,
        ),
    ]
    return ifx.reconcile(docs)


@pytest.fixture(scope="module")
def seeds() -> ifx.Report:
    """The report of the repository's five seed articles."""
    folder = ROOT / "seeds"
    rows = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))["document"]
    docs = [
        ifx.Document(
            (folder / r["file"]).read_text("utf-8"),
            source=r.get("source") or r["file"],
            lang=r.get("lang"),
            published=r.get("published"),
            subject=r.get("subject"),
        )
        for r in rows
    ]
    return ifx.reconcile(docs)


def _magnitude_claim(report: ifx.Report) -> ifx.Claim:
    return next(
        c
        for c in (*report.claims, *report.unmatched)
        if c.quantity.qualifier is ifx.Qualifier.MULTIPLES
    )


# ------------------------------------------------------------------ HTML


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.values: list[str] = []
        self._in_script = False
        self._href: str | None = None
        self._text: list[str] = []
        self._in_val = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        self._in_script = tag == "script"
        if tag == "a":
            self._href, self._text = a.get("href") or "", []
        self._in_val = tag == "td" and a.get("class") == "val"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None
        if tag == "td":
            self._in_val = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._href is not None:
            self._text.append(data)
        if self._in_val:
            self.values.append(data)


def _parse(page: str) -> _Collect:
    p = _Collect()
    p.feed(page)
    p.close()
    return p


class TestHTML:
    """The HTML page escapes everything from documents, links sources and filters every table."""

    def test_no_injected_elements(self, report: ifx.Report) -> None:
        """Markup in document text and sources never becomes an element or attribute."""
        page = _parse(report.to_html())
        tags = [t for t, _ in page.tags]
        assert tags.count("script") == 1  # only our own filter script
        assert "img" not in tags
        assert "b" not in tags
        for _, attrs in page.tags:
            assert not any(k.startswith("on") for k in attrs)
            assert not any(
                (v or "").strip().lower().startswith("javascript:")
                for k, v in attrs.items()
                if k in ("href", "src")
            )
        assert "alert" not in page.scripts[0]

    def test_no_network(self, report: ifx.Report) -> None:
        """The page references no external resource."""
        page = _parse(report.to_html())
        for tag, attrs in page.tags:
            assert "src" not in attrs or (tag == "script" and attrs["src"] is None)
            assert tag != "link"
        assert "http://" not in report.to_html().split("<main>")[0]

    def test_figure_highlighted(self, report: ifx.Report) -> None:
        """Each claim is shown in its sentence with the figure marked."""
        assert "<mark>more than 3,000</mark>" in report.to_html()

    def test_web_sources_are_links(self, hundreds: ifx.Report) -> None:
        """An http(s) source is a link to itself, labelled with its short form."""
        links = dict(_parse(hundreds.to_html()).links)
        assert links[LONG_URL] == source_label(LONG_URL)
        assert links["https://khabar.example.ir/fa/news/7781"] == "khabar.example.ir/fa/news/7781"

    def test_other_sources_are_not_links(self, report: ifx.Report) -> None:
        """A javascript: or plain-text source is shown as escaped text, never as a link."""
        page = _parse(report.to_html())
        assert page.links == []
        html = report.to_html()
        assert "javascript:alert(2)" in html  # shown, as text
        assert "&lt;b&gt;src&quot;a&lt;/b&gt;" in html or "&lt;b&gt;src" in html

    def test_link_with_quotes_is_escaped(self) -> None:
        """A URL carrying quotes or markup is never linked raw: it cannot break its attribute."""
        src = 'https://example.org/a"onmouseover="alert(1)'
        doc = ifx.Document("Da Nang received 3,000 delegations in 2024.", source=src, lang="en")
        page = _parse(ifx.reconcile([doc]).to_html())
        for _, attrs in page.tags:
            assert "onmouseover" not in attrs
        assert all('"' not in href for href, _ in page.links)

    def test_every_table_can_be_filtered(self, hundreds: ifx.Report) -> None:
        """Every finding and every unmatched claim carries what each filter tests."""
        page = _parse(hundreds.to_html())
        selects = {a["id"]: a for t, a in page.tags if t == "select"}
        assert set(selects) == {"f-verdict", "f-lang", "f-metric", "f-source"}
        for sid in selects:
            assert sid in page.scripts[0]
        options = [a.get("value") for t, a in page.tags if t == "option"]
        assert "unmatched" in options
        filtered = [a for _, a in page.tags if "data-verdict" in a]
        sections = [a for t, a in page.tags if t == "section" and "data-verdict" in a]
        rows = [a for t, a in page.tags if t == "tr" and "data-verdict" in a]
        assert len(sections) == len(hundreds.findings)
        assert len(rows) == len(hundreds.unmatched) > 0
        for a in filtered:
            for key in ("data-metric", "data-sources", "data-langs"):
                assert key in a, (key, a)
            assert isinstance(json.loads(a["data-sources"] or ""), list)
            assert isinstance(json.loads(a["data-langs"] or ""), list)
        langs = {lang for a in filtered for lang in json.loads(a["data-langs"] or "")}
        assert {"en", "id", "fa"} <= langs
        assert {lang for lang in options if lang in ("en", "id", "fa")} == {"en", "id", "fa"}

    def test_magnitude_shows_words_and_interval(self, hundreds: ifx.Report) -> None:
        """'صدها' reads 'hundreds (200–999)' in the value column, never 100."""
        values = [v.strip() for v in _parse(hundreds.to_html()).values]
        assert "hundreds (200–999)" in values
        assert "100" not in values


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    binary = _chromium()
    if binary is None:
        pytest.skip("no chromium binary found")
    flags = [
        "--headless",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-first-run",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
    try:
        return subprocess.run(
            [binary, *flags, *args], capture_output=True, timeout=120, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish in time")


class TestHTMLInChromium:
    """The page as a browser renders it (skipped when no Chromium is installed)."""

    def test_screenshot(self, seeds: ifx.Report, tmp_path: Path) -> None:
        """Headless Chromium renders the seeds' report to a non-trivial 1200x900 PNG."""
        page = tmp_path / "report.html"
        page.write_text(seeds.to_html(), encoding="utf-8")
        png = tmp_path / "report.png"
        _run_chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,900", page.as_uri())
        assert png.is_file()
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (1200, 900)
        assert len(data) > 40_000  # a blank page of this size is about 5 KB

    def test_filters_apply_to_every_table(self, hundreds: ifx.Report, tmp_path: Path) -> None:
        """Filters preset in the address hide findings and unmatched claims alike."""
        page = tmp_path / "report.html"
        page.write_text(hundreds.to_html(), encoding="utf-8")
        out = _run_chromium(tmp_path, "--dump-dom", page.as_uri() + "#lang=fa")
        dom = _parse(out.stdout.decode("utf-8"))
        shown = [a for _, a in dom.tags if "data-verdict" in a and "hidden" not in a]
        hidden = [a for _, a in dom.tags if "data-verdict" in a and "hidden" in a]
        assert shown, "the Persian claim is shown"
        assert hidden, "the others are hidden"
        assert all("fa" in json.loads(a["data-langs"] or "") for a in shown)
        assert all("fa" not in json.loads(a["data-langs"] or "") for a in hidden)
        unmatched_rows = [a for t, a in dom.tags if t == "tr" and "data-verdict" in a]
        assert any("hidden" in a for a in unmatched_rows), "the unmatched table is filtered too"


# ------------------------------------------------------------------ JSON


class TestJSON:
    """The JSON report is stable, versioned and exact."""

    def test_schema_version_and_summary(self, report: ifx.Report) -> None:
        """The document names its schema and version and counts its findings."""
        data = json.loads(report.to_json())
        assert (data["schema"], data["version"]) == ("integfacts.report", 2)
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

    def test_magnitude_has_no_value(self, hundreds: ifx.Report) -> None:
        """'صدها' has value null and keeps its words and interval; stated values stay."""
        data = json.loads(hundreds.to_json())
        claims = [c for f in data["findings"] for c in f["claims"]] + data["unmatched"]
        persian = next(c for c in claims if c["lang"] == "fa" and c["text"] == "صدها")
        assert persian["value"] is None
        assert (persian["qualifier"], persian["low"], persian["high"]) == (
            "multiples",
            "200",
            "999",
        )
        assert {c["value"] for c in claims if c["lang"] in ("en", "id")} == {"120", "45"}

    def test_null_not_empty_string(self) -> None:
        """Unknown text fields are null, never ''."""
        doc = ifx.Document("Hundreds of people fled.", source="s", lang="en")
        data = json.loads(ifx.reconcile([doc]).to_json())

        def empties(o: object, path: str) -> list[str]:
            if o == "":
                return [path]
            if isinstance(o, dict):
                return [e for k, v in o.items() for e in empties(v, f"{path}.{k}")]
            if isinstance(o, list):
                return [e for i, v in enumerate(o) for e in empties(v, f"{path}[{i}]")]
            return []

        assert empties(data, "$") == []
        assert (
            data["unmatched"][0]["metric_phrase"] is None or data["unmatched"][0]["metric_phrase"]
        )


# -------------------------------------------------------------- Markdown


def _md_rows(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]


class TestMarkdown:
    """Markdown escapes only what would break a table or inject markup."""

    def test_markup_escaped(self, report: ifx.Report) -> None:
        """Markdown output escapes markup from documents."""
        md = report.to_markdown()
        assert "<script>" not in md
        assert "<b>" not in md

    def test_prose_is_not_escaped(self, hundreds: ifx.Report) -> None:
        """Reasons and headings read as written: no backslash before ( - _ . or #."""
        md = hundreds.to_markdown()
        for f in hundreds.findings:
            assert f.reason in md
        assert "\\(" not in md
        assert "\\-" not in md
        assert "\\_" not in md

    def test_table_breakers_escaped(self) -> None:
        """A '|' or a link in document text cannot break a row or inject a link."""
        doc = ifx.Document(
            "Da Nang | received [3,000](javascript:alert(1)) delegations in 2024.",
            source="a|b",
            lang="en",
        )
        md = ifx.reconcile([doc]).to_markdown()
        rows = _md_rows(md)[1:]
        assert rows
        for row in rows:
            assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
        assert not re.search(r"(?<!\\)\]\(javascript", md)
        assert "\\[" in md

    def test_long_sentence_cut_between_words(self) -> None:
        """A long sentence keeps whole words around the figure, with ellipses where cut."""
        words = " ".join(f"word{i}" for i in range(60))
        doc = ifx.Document(
            f"{words} and Da Nang received 3,000 delegations in 2024 {words}.",
            source="a",
            lang="en",
        )
        report = ifx.reconcile([doc])
        sentence = _md_rows(report.to_markdown())[-1].split(" | ")[-1].removesuffix(" |")
        assert sentence.startswith("…")
        assert sentence.endswith("…")
        assert "**3,000**" in sentence
        assert len(sentence.replace("**", "")) <= 160
        original = set(f"{words} and Da Nang received 3,000 delegations in 2024".split())
        for w in sentence.replace("**", "").strip("…").split():
            assert w in original, w

    def test_magnitude_row(self, hundreds: ifx.Report) -> None:
        """The Persian row shows 'صدها' and 'hundreds (200–999)', never 100."""
        row = next(r for r in _md_rows(hundreds.to_markdown()) if "صدها" in r)
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[1] == "صدها"
        assert cells[2] == "hundreds (200–999)"

    def test_web_sources_are_links(self, hundreds: ifx.Report) -> None:
        """An http(s) source is a Markdown link to itself."""
        assert f"[{source_label(LONG_URL)}]({LONG_URL})" in hundreds.to_markdown()


# -------------------------------------------------------------- terminal


class TestText:
    """The terminal report fits its width, shortens sources between words, colours verdicts."""

    def test_table(self, report: ifx.Report) -> None:
        """The terminal rendering shows the verdict, the figures and the reason."""
        text = report.to_text()
        assert "CONTRADICT" in text
        assert "3,000" in text

    @pytest.mark.parametrize("width", [MIN_TEXT_WIDTH, 40, 60, 80, 100, 110, 132, 200])
    def test_fits_the_width(
        self, width: int, seeds: ifx.Report, hundreds: ifx.Report, report: ifx.Report
    ) -> None:
        """No line is wider than the width asked for, tables or not."""
        for r in (seeds, hundreds, report):
            for line in r.to_text(width=width).splitlines():
                assert cell_len(line) <= width, (width, line)

    def test_default_width(self, seeds: ifx.Report) -> None:
        """The default is 110 columns and uses tables."""
        text = seeds.to_text()
        assert text == seeds.to_text(width=110)
        assert max(cell_len(line) for line in text.splitlines()) == 110
        assert "┃ source" in text

    def test_narrow_terminal_is_readable(self, hundreds: ifx.Report) -> None:
        """Too narrow for four columns: one block per claim, still every figure."""
        text = hundreds.to_text(width=30)
        assert "hundreds (200–999)" in " ".join(text.split())
        assert "120" in text

    def test_too_narrow_is_an_error(self, report: ifx.Report) -> None:
        """A width below the minimum is a clear ValueError."""
        with pytest.raises(ValueError, match="at least"):
            to_text(report, width=MIN_TEXT_WIDTH - 1)

    def test_sources_not_cut_inside_words(self, hundreds: ifx.Report) -> None:
        """At 80 columns the article id of a long URL stays whole."""
        text = hundreds.to_text(width=80)
        assert "3303725.html" in text
        assert "example-news.org/" in text
        assert "https://" not in text

    def test_colour(self, hundreds: ifx.Report, report: ifx.Report) -> None:
        """color=True colours the verdicts; without codes it is the plain report."""
        for r in (hundreds, report):
            plain = r.to_text(width=80)
            coloured = r.to_text(width=80, color=True)
            assert "\x1b[" not in plain
            assert ANSI.sub("", coloured) == plain
        contradiction = report.to_text(color=True)
        assert "\x1b[1;31mCONTRADICT" in contradiction
        a = ifx.Document("Da Nang received 120 delegations in 2024.", source="a", lang="en")
        b = ifx.Document("Da Nang menerima 120 delegasi pada 2024.", source="b", lang="id")
        c = ifx.Document("Da Nang received 150 delegations in 2023.", source="c", lang="en")
        assert "\x1b[1;32mAGREE" in ifx.reconcile([a, b]).to_text(color=True)
        assert "\x1b[1;33mNOT COMPARABLE" in ifx.reconcile([a, c]).to_text(color=True)

    def test_magnitude(self, hundreds: ifx.Report) -> None:
        """The terminal shows 'hundreds (200–999)' for 'صدها'."""
        assert "hundreds (200–999)" in hundreds.to_text()


class TestSourceLabel:
    """Sources are shortened to host and last segment, and only between words."""

    @pytest.mark.parametrize("width", [12, 20, 24, 32, 40, 60, 200])
    def test_url(self, width: int) -> None:
        """The host stays, the article id stays whole, a cut is marked with an ellipsis."""
        label = source_label(LONG_URL, width)
        assert label.startswith("example-news.org/")
        assert label.endswith("-3303725.html")
        tail = label.rpartition("…")[2].rpartition("/")[2]
        last = LONG_URL.rpartition("/")[2]
        assert last.endswith(tail)
        assert tail == last or last[len(last) - len(tail) - 1] in "-_." or tail[0] in "-_./"
        assert len(label) <= max(width, len("example-news.org/…-3303725.html"))

    def test_short_url_kept(self) -> None:
        """A URL that fits loses only its scheme and www."""
        assert source_label("https://www.example.org/a/b") == "example.org/a/b"

    def test_host_and_last_segment(self) -> None:
        """A path too long is shown as host/…/last segment."""
        assert source_label(LONG_URL, 100) == (
            "example-news.org/…/da-nang-signs-cooperation-agreements-with-partner-cities-3303725.html"
        )

    def test_plain_text_and_paths(self) -> None:
        """Text is cut at a word boundary; a path keeps its file name."""
        assert source_label("DA NANG Today") == "DA NANG Today"
        assert source_label("Vietnam News Agency, Hanoi bureau, morning edition", 24) == (
            "Vietnam News Agency…"
        )
        assert source_label("/home/reporter/articles/2025/09/da-nang.txt", 24) == "…/da-nang.txt"

    def test_not_a_web_url(self) -> None:
        """Only http(s) URLs are read as URLs."""
        assert source_label("javascript:alert(1)") == "javascript:alert(1)"


# ------------------------------------------------------ formats agree


class TestFormatsAgree:
    """Every rendering shows a figure, a period and a magnitude the same way."""

    def test_value_labels(self) -> None:
        """Qualifiers in words, thousands grouped, ranges, ratios, changes, magnitudes."""
        cases = {
            ("more than 3,000 delegations", "en"): "more than 3,000",
            ("lebih dari 10,9 miliar USD", "id"): "more than 10,900,000,000 USD",
            ("exports rose 16.7%", "en"): "+16.7%",
            ("dozens of people were injured", "en"): "dozens (20–99)",
            ("thousands of people protested", "en"): "thousands (2,000–9,999)",
            ("صدها نفر کشته شدند", "fa"): "hundreds (200–999)",
            ("ratusan orang tewas", "id"): "hundreds (200–999)",
            ("hàng trăm người chết", "vi"): "hundreds (200–999)",
        }
        for (text, lang), want in cases.items():
            claims = ifx.extract(text, lang=lang)
            assert [value_label(c) for c in claims] == [want], text

    def test_same_value_and_period_everywhere(self) -> None:
        """Text, Markdown and HTML show one value label and one period label."""
        a = ifx.Document(
            "Da Nang attracted FDI capital of 10,900,000 USD in 2021-2025.", source="a", lang="en"
        )
        b = ifx.Document(
            "Da Nang menarik modal FDI sebesar 1,09 juta USD pada 2021-2025.", source="b", lang="id"
        )
        report = ifx.reconcile([a, b])
        claims = [c for f in report.findings for c in f.claims] + list(report.unmatched)
        assert claims
        text = " ".join(report.to_text(width=200).split())
        md, page = report.to_markdown(), report.to_html()
        for c in claims:
            for label in (value_label(c), period_label(c)):
                assert label in text
                assert label in md
                assert label in page
        assert "10,900,000 USD" in md

    def test_period_label_as_of(self) -> None:
        """A figure with no period of its own reads 'as of' the day it was stated."""
        doc = ifx.Document(
            "Da Nang has 120 partner cities.",
            source="a",
            lang="en",
            published=datetime.date(2025, 9, 26),
        )
        (claim,) = ifx.extract(doc)
        assert period_label(claim) == "as of 2025-09-26"

    def test_format_number(self) -> None:
        """Thousands grouped, no exponent, no trailing zeros."""
        assert format_number(Decimal("1.07E+9")) == "1,070,000,000"
        assert format_number(Decimal("55100000000.00")) == "55,100,000,000"
        assert format_number(Decimal("-2.10")) == "-2.1"


# ------------------------------------------------------------ ClaimReview


class TestClaimReview:
    """Each review names one claim and rates that claim."""

    def test_shape(self, report: ifx.Report) -> None:
        """Each claim of each finding becomes a schema.org ClaimReview with its numbers."""
        reviews = report.to_claimreview()
        assert len(reviews) == sum(len(f.claims) for f in report.findings)
        assert reviews[0]["@type"] == "ClaimReview"
        assert reviews[0]["reviewRating"]["ratingValue"] == 1
        assert reviews[0]["integfacts"]["claim"]["value"] in ("3000", "1000")

    def test_rates_the_claim_it_names(self, hundreds: ifx.Report) -> None:
        """The sentence, the appearance and the rating are those of one claim."""
        reviews = hundreds.to_claimreview()
        assert reviews
        for r in reviews:
            claim = r["integfacts"]["claim"]
            assert r["claimReviewed"] == " ".join(claim["sentence"].split())
            (where,) = r["itemReviewed"]["appearance"]
            assert where.get("url", where.get("name")) == claim["source"]
            assert r["itemReviewed"]["inLanguage"] == claim["lang"]
        contradiction = [
            r for r in reviews if r["integfacts"]["finding"]["verdict"] == "contradict"
        ]
        if contradiction and contradiction[0]["integfacts"]["finding"]["majority"] is not None:
            ratings = {r["integfacts"]["claim"]["lang"]: r["reviewRating"] for r in contradiction}
            assert ratings["fa"]["ratingValue"] == 1
            assert ratings["en"]["ratingValue"] == 4


def test_level_and_change_are_separate_headings() -> None:
    """A metric's level and its change are two facts, under two headings."""
    docs = [
        ifx.Document(
            "Vietnam's exports reached 19.4 billion USD in October, up 16.7% from a year earlier.",
            source=s,
            lang="en",
        )
        for s in "ab"
    ]
    report = ifx.reconcile(docs)
    assert len(report.findings) == 2
    text = report.to_text(width=100)
    assert "AGREE: exports (Vietnam)" in text
    assert "AGREE: change in exports (Vietnam)" in text
    assert "## AGREE — change in exports (Vietnam)" in report.to_markdown()
    assert "<h2>change in exports" in report.to_html()


def test_json_lists_the_sides_of_a_contradiction() -> None:
    """One fact, one finding: the agreeing sources are sides of the contradiction."""
    docs = [
        ifx.Document(t, source=s, lang="en")
        for s, t in [
            ("a", "The fire destroyed 120 homes."),
            ("b", "The fire destroyed 120 homes."),
            ("c", "The fire destroyed 210 homes."),
        ]
    ]
    data = json.loads(ifx.reconcile(docs).to_json())
    (finding,) = data["findings"]
    assert finding["verdict"] == "contradict"
    sides = [[finding["claims"][k]["source"] for k in side] for side in finding["sides"]]
    assert sides == [["a", "b"], ["c"]]
