"""Shared helpers of the benchmark scripts: inputs, timing, tables, output files.

Nothing here is measured itself. The inputs are the repository's own data:
the five seed articles (``seeds/`` with ``manifest.toml``), the numeral
corpora (``tests/corpus/numbers/*.toml``) and the claim corpora
(``tests/corpus/claims/*.toml``).

Units used everywhere: 1 KB = 1000 bytes of UTF-8 text; times are medians over
repeats, on one core. In-process times are CPU seconds of the benchmark
process (``time.process_time``) by default, so that other work on a shared
machine does not inflate them; ``--clock wall`` switches to wall-clock
(``time.perf_counter``). Start-up figures (fresh subprocesses) are always
wall-clock.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"
LANGS: tuple[str, ...] = ("en", "id", "vi", "fa")


# ------------------------------------------------------------------- memory


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    """Current resident set size of this process in MB (``VmRSS``; NaN off Linux)."""
    got = _status_mb("VmRSS")
    return float("nan") if got is None else got


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB.

    ``VmHWM`` on Linux: it starts afresh when a program is executed, where
    ``getrusage``'s ``ru_maxrss`` keeps the peak of the process that forked it (a
    benchmark child started by a large ``run.py`` would report the parent's size).
    Elsewhere ``ru_maxrss``.
    """
    got = _status_mb("VmHWM")
    if got is not None:
        return got
    import resource  # noqa: PLC0415 - Unix only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# ------------------------------------------------------------------ results


@dataclass
class Section:
    """One table of figures: printed by ``run.py`` and saved as JSON/Markdown."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        """The section as a plain-text table with its notes below."""
        lines = [f"== {self.title}", format_table(self.headers, self.rows)]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def markdown(self) -> str:
        """The section as a Markdown table with its notes below."""
        out = [f"### {self.title}", ""]
        out.append("| " + " | ".join(self.headers) + " |")
        out.append("|" + "|".join("---" for _ in self.headers) + "|")
        out += ["| " + " | ".join(r) + " |" for r in self.rows]
        if self.notes:
            out.append("")
            out += [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-align the first column, right-align the others."""
    widths = [len(h) for h in headers]
    for r in rows:
        for i, cell in enumerate(r):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)]
        return "  " + "  ".join(parts).rstrip()

    sep = "  " + "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def out_dir() -> Path:
    """``bench/out/`` (git-ignored), created on demand."""
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def rel(path: Path) -> str:
    """``path`` relative to the repository when it is inside it, else as given."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def save_sections(name: str, sections: Sequence[Section]) -> None:
    """Write ``bench/out/<name>.json`` and ``bench/out/<name>.md``."""
    d = out_dir()
    payload = {
        "machine": machine(),
        "sections": [
            {"title": s.title, "headers": s.headers, "rows": s.rows, "notes": s.notes, **s.data}
            for s in sections
        ],
    }
    (d / f"{name}.json").write_text(json.dumps(payload, indent=2, default=str), "utf-8")
    md = [f"# integfacts benchmarks ({name})", "", f"Machine: {machine()}", ""]
    md += [s.markdown() for s in sections]
    (d / f"{name}.md").write_text("\n".join(md), "utf-8")


def machine() -> str:
    """One line: interpreter, machine, current load, clock, code version and date."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}),"
        f" {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs,"
        f" load average {load}, clock {clock_name()}, integfacts {code_version()},"
        f" {datetime.datetime.now().isoformat(timespec='seconds')}"
    )


def code_version() -> str:
    """``git describe --always --dirty`` of the repository, or ``unknown``."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def note(msg: str) -> None:
    """Print a progress line to stderr (tables go to stdout)."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def have(module: str) -> bool:
    """Whether an optional module can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


# ------------------------------------------------------------------- timing

CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
_clock: list[str] = ["cpu"]


def set_clock(name: str) -> None:
    """Choose the clock of in-process timings: ``"cpu"`` (default) or ``"wall"``."""
    if name not in CLOCKS:
        raise ValueError(f"unknown clock {name!r}; choose one of {', '.join(CLOCKS)}")
    _clock[0] = name


def clock_name() -> str:
    """The clock in-process timings use."""
    return _clock[0]


def now() -> float:
    """The current reading of the chosen clock, in seconds."""
    return CLOCKS[_clock[0]]()


def time_once(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (chosen clock)."""
    t0 = now()
    fn()
    return now() - t0


def median_time(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Median seconds of ``repeat`` calls of ``fn``, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    return statistics.median(time_once(fn) for _ in range(repeat))


def fmt_rate(x: float) -> str:
    """A rate with thousands separators and a sensible number of decimals."""
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:,.1f}"
    return f"{x:,.2f}"


def fmt_ratio(x: float) -> str:
    """A speed ratio such as ``0.0031x`` or ``12.5x``."""
    if x >= 10:
        return f"{x:,.1f}x"
    if x >= 0.1:
        return f"{x:.2f}x"
    return f"{x:.2g}x"


def kb(text: str | Iterable[str]) -> float:
    """Size in KB (1000 bytes) of UTF-8 text."""
    if isinstance(text, str):
        return len(text.encode("utf-8")) / 1000
    return sum(len(t.encode("utf-8")) for t in text) / 1000


# ------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Doc:
    """A text with the metadata extraction needs (a plain mirror of ``Document``)."""

    name: str
    text: str
    lang: str
    published: datetime.date | None = None
    source: str = ""

    def document(self) -> Any:
        """The ``integfacts.Document`` for this text."""
        import integfacts  # noqa: PLC0415 - keep `import _common` free of integfacts

        return integfacts.Document(
            self.text, source=self.source or self.name, lang=self.lang, published=self.published
        )


def _date(v: object) -> datetime.date | None:
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, str) and v:
        return datetime.date.fromisoformat(v)
    return None


def seeds() -> list[Doc]:
    """The five seed articles with language, date and source from the manifest."""
    rows = tomllib.loads((SEEDS / "manifest.toml").read_text("utf-8"))["document"]
    return [
        Doc(
            name=r["file"],
            text=(SEEDS / r["file"]).read_text("utf-8"),
            lang=r["lang"],
            published=_date(r.get("published")),
            source=r.get("source", r["file"]),
        )
        for r in rows
    ]


def number_texts(lang: str) -> list[tuple[str, str]]:
    """Every numeral text of a language's corpus that should parse, with its shape.

    Shapes: ``digits`` (digits and separators only), ``scaled`` (digits with a
    scale word or abbreviation), ``words`` (no digit at all). Negative
    examples (texts that are not numerals) are left out.
    """
    data = tomllib.loads((CORPUS / "numbers" / f"{lang}.toml").read_text("utf-8"))
    out: list[tuple[str, str]] = []
    for table in ("example", "xfail"):
        for ex in data.get(table, []):
            if str(ex.get("value", "")).lower() == "none":
                continue
            for t in ex.get("texts", []):
                out.append((t, _shape(t)))
    return out


def _shape(text: str) -> str:
    has_digit = any(ch.isdigit() for ch in text)
    has_alpha = any(ch.isalpha() for ch in text)
    if has_digit and has_alpha:
        return "scaled"
    if has_digit:
        return "digits"
    return "words"


def claim_texts(lang: str) -> list[tuple[str, datetime.date | None]]:
    """The example sentences of a language's claim corpus with their dates."""
    data = tomllib.loads((CORPUS / "claims" / f"{lang}.toml").read_text("utf-8"))
    return [(ex["text"], _date(ex.get("published"))) for ex in data.get("example", [])]


def corpus_articles(article_bytes: int = 6000) -> list[Doc]:
    """The claim-corpus sentences of each language grouped into article-sized texts.

    Sentences are joined as paragraphs until an article reaches about
    ``article_bytes`` bytes (the size of a seed); an article takes the date of
    its first sentence.
    """
    docs: list[Doc] = []
    for lang in LANGS:
        buf: list[str] = []
        size = 0
        first: datetime.date | None = None
        for text, pub in claim_texts(lang):
            if not buf:
                first = pub
            buf.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= article_bytes:
                docs.append(Doc(f"claims-{lang}-{len(docs)}", "\n\n".join(buf), lang, first))
                buf, size = [], 0
        if buf:
            docs.append(Doc(f"claims-{lang}-{len(docs)}", "\n\n".join(buf), lang, first))
    return docs


def mixed_corpus(target_kb: float = 1500.0) -> list[Doc]:
    """Seeds plus claim-corpus articles, repeated until about ``target_kb`` KB.

    Each copy gets its own source name, so that the corpus reads like many
    articles of article size (what a newsroom feed looks like), not one huge text.
    """
    base = seeds() + corpus_articles()
    size = kb(d.text for d in base)
    copies = max(1, round(target_kb / size))
    return [
        Doc(f"{d.name}#{k}", d.text, d.lang, d.published, f"{d.source}#{k}")
        for k in range(copies)
        for d in base
    ]
