"""The commands that README.md and docs/ show run as written.

tests/test_docs.py doctests the ``pycon`` examples; this file covers the rest
of what a reader copies:

- every ``integfacts ...`` command line (shell blocks and inline code) parses
  with the command line's own argument parser;
- the files a shell block names exist in the repository (a reader runs the
  docs' commands from the root of a clone), and so do the scripts a
  ``python SCRIPT`` line runs;
- a sample output shown right after a command block is what the command
  prints today (``...`` or ``…`` on a line of its own stands for any lines;
  a JSON sample is the whole report or the value of one of its keys);
- the ``python`` blocks that no doctest runs: results written as comments
  (``expr  # result``) hold, and blocks that continue a page's ``pycon``
  session run after it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from integfacts.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)]

_FENCE = re.compile(r"^(`{3,})\{?([\w-]*)\}?[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"(?<!`)`(integfacts [^`]+)`(?!`)")
_SHELL = {"sh", "bash", "shell", "console"}
_SAMPLES = {"text", "markdown", "json"}
_ELLIPSIS = {"...", "…"}

# Files that the README's PyPI quick start asks readers to bring ("your own articles").
_READERS_FILES = {"article.txt", "article_en.txt", "article_id.txt"}


@attrs.frozen
class Block:
    """A fenced block of a page."""

    page: Path
    lang: str
    body: str
    line: int  # of the opening fence, from 1


@attrs.frozen
class Command:
    """One command line a page shows, with the output shown for it (if any)."""

    page: Path
    line: int
    text: str
    fenced: bool
    shown: tuple[str, str] | None = None  # (sample language, sample text)

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}: {self.text}"


def _blocks(page: Path) -> list[Block]:
    text = page.read_text("utf-8")
    return [
        Block(page, m.group(2), m.group(3), text.count("\n", 0, m.start()) + 1)
        for m in _FENCE.finditer(text)
    ]


def _strip_comment(line: str) -> str:
    """The line without a trailing ``# comment`` (a ``#`` after a space, outside quotes)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].strip()
    return line.strip()


def _shell_lines(block: Block) -> Iterator[tuple[int, str, str | None]]:
    """(line, command, output shown under it in a console block) of a shell block."""
    lines = block.body.splitlines()
    prompted = block.lang == "console" and any(x.startswith("$ ") for x in lines)
    i = 0
    while i < len(lines):
        raw = lines[i]
        if prompted and not raw.startswith("$ "):
            i += 1
            continue
        command = _strip_comment(raw.removeprefix("$ ") if prompted else raw)
        output: list[str] = []
        j = i + 1
        if prompted:
            while j < len(lines) and not lines[j].startswith("$ "):
                output.append(lines[j])
                j += 1
        if command:
            for part in command.split(" && "):
                yield block.line + 1 + i, part.strip(), "\n".join(output) if output else None
        i = j


def _commands() -> list[Command]:
    found: list[Command] = []
    for page in PAGES:
        blocks = _blocks(page)
        for k, block in enumerate(blocks):
            if block.lang not in _SHELL:
                continue
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            first = True
            for line, text, output in _shell_lines(block):
                shown = None
                if output is not None:
                    shown = ("text", output)
                elif first and text.startswith("integfacts ") and after and after.lang in _SAMPLES:
                    shown = (after.lang, after.body)
                if text.startswith("integfacts "):
                    first = False
                found.append(Command(page, line, text, fenced=True, shown=shown))
        prose = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), page.read_text("utf-8"))
        for m in _INLINE.finditer(prose):
            found.append(
                Command(
                    page, prose.count("\n", 0, m.start()) + 1, " ".join(m.group(1).split()), False
                )
            )
    return found


def _argv(command: Command) -> list[str]:
    """The arguments after ``integfacts``, without redirections and pipes."""
    words = shlex.split(command.text)[1:]
    for stop in (">", "2>", "|", "2>&1"):
        if stop in words:
            words = words[: words.index(stop)]
    return words


def _parse(command: Command) -> argparse.Namespace:
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            return _parser().parse_args(_argv(command))
    except SystemExit as exc:  # argparse's way to say "usage error"
        message = err.getvalue().strip().splitlines()[-1:]
        raise AssertionError(
            f"{command}: the CLI rejects it (exit {exc.code}): {message}"
        ) from None


def _names_a_command(command: Command) -> bool:
    """Inline code that names a command or option rather than showing a run of it.

    `integfacts compare ORIGINAL TRANSLATION` (placeholders in capitals),
    `integfacts reconcile` or `integfacts reconcile --format json` (no input).
    """
    if command.fenced:
        return False
    if re.search(r"\b[A-Z]{4,}\b", command.text):
        return True
    try:
        _parse(command)
    except AssertionError as exc:
        return "the following arguments are required" in str(exc)
    return False


COMMANDS = _commands()
CLI = [c for c in COMMANDS if c.text.startswith("integfacts ")]
CLI_EXAMPLES = [c for c in CLI if not _names_a_command(c)]
SAMPLED = [c for c in CLI if c.shown is not None]


def test_the_pages_show_commands() -> None:
    """The collection finds the commands the pages are known to show."""
    texts = {c.text for c in COMMANDS}
    assert "integfacts reconcile seeds/" in texts
    assert "python -m pip install ." in texts
    assert 'python -m pip install ".[test]"' in texts
    assert len(CLI_EXAMPLES) >= 30
    assert len(SAMPLED) >= 6


@pytest.mark.parametrize("command", CLI_EXAMPLES, ids=str)
def test_integfacts_command_parses(command: Command, capsys: pytest.CaptureFixture[str]) -> None:
    """Each ``integfacts ...`` line of README.md and docs/ is accepted by the CLI's parser."""
    args = _parse(command)
    assert args.command in {"extract", "reconcile", "compare", "demo"}
    for rate in getattr(args, "rate", None) or []:
        code, _, value = rate.partition("=")
        assert re.fullmatch(r"[A-Z]{3}", code), f"{command}: --rate {rate}"
        assert re.fullmatch(r"\d+(\.\d+)?", value), f"{command}: --rate {rate}"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", [c for c in CLI if c.fenced], ids=str)
def test_files_of_shell_commands_exist(command: Command) -> None:
    """The files and folders a shell block's command reads are in the repository."""
    args = _parse(command)
    named = [*(getattr(args, "paths", None) or [])]
    named += [getattr(args, k, None) for k in ("original", "translation", "concepts")]
    missing = [p for p in named if p and p not in _READERS_FILES and not (ROOT / p).exists()]
    assert not missing, f"{command}: no such file in the repository: {missing}"


@pytest.mark.parametrize(
    "command",
    [c for c in COMMANDS if c.fenced and re.match(r"python3? (?!-)", c.text)],
    ids=str,
)
def test_scripts_of_shell_commands_exist(command: Command) -> None:
    """``python SCRIPT ...`` lines name a script of the repository."""
    script = shlex.split(command.text)[1]
    assert (ROOT / script).is_file(), f"{command}: no {script}"


def _run(command: Command) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
    out = subprocess.run(
        [sys.executable, "-m", "integfacts", *_argv(command)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert out.returncode in (0, 1), f"{command}: exit {out.returncode}\n{out.stderr}"
    return out.stdout


def _lines_match(shown: list[str], actual: list[str]) -> bool:
    """``shown`` is ``actual`` where each ``...`` line stands for any lines."""
    if not shown:
        return not actual
    if shown[0] in _ELLIPSIS:
        return any(_lines_match(shown[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and _lines_match(shown[1:], actual[1:])


@pytest.mark.parametrize("command", SAMPLED, ids=str)
def test_sample_output_is_current(command: Command) -> None:
    """The output a page shows for a command is what the command prints today."""
    assert command.shown is not None
    lang, sample = command.shown
    stdout = _run(command)
    if lang == "json":
        data, shown = json.loads(stdout), json.loads(sample)
        candidates = [data, *(data.values() if isinstance(data, dict) else [])]
        assert shown in candidates, f"{command}: the JSON shown is neither the report nor a key"
        return
    shown_lines = [x.rstrip() for x in sample.rstrip("\n").splitlines()]
    actual = [x.rstrip() for x in stdout.rstrip("\n").splitlines()]
    if not _lines_match(shown_lines, actual):
        absent = [x for x in shown_lines if x not in _ELLIPSIS and x not in actual]
        why = (
            "it shows lines the command does not print:\n  " + "\n  ".join(absent[:5])
            if absent
            else "its lines are printed, but in another order, or more follow (end with ...)"
        )
        pytest.fail(f"{command}: the sample output is stale: {why}")


# ------------------------------------------------------------ python blocks

_COMMENTED = """
import re, sys
from pathlib import Path
page, index = Path(sys.argv[1]), int(sys.argv[2])
block = re.findall(r"^```python\\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)[index]
ns = {"__name__": "__docs__"}
previous, checked, wrong = None, 0, []
for line in block.splitlines():
    m = re.match(r"^(\\S.*?)\\s+#\\s(.*)$", line)
    if line.startswith("# ") and previous is not None:
        expr, want = previous, line[2:]
    elif m and not line.startswith(("import ", "from ")):
        expr, want = m.groups()
    else:
        if line.strip() and not line.startswith("#"):
            exec(line, ns)
        previous = line if line.strip() and not line.startswith(("import ", "from ")) else None
        continue
    got = repr(eval(expr, ns))
    checked += 1
    if not (want == got or want.startswith((got + " ", got + ":"))):
        wrong.append(f"{expr}: the comment says {want}, it is {got}")
    previous = None
print(checked)
sys.exit("\\n".join(wrong) if wrong else 0)
"""

_CONTINUED = """
import doctest, os, re, sys
from pathlib import Path
page, root, tmp = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
text = page.read_text("utf-8")
ns = {"__name__": "__docs__"}
parser = doctest.DocTestParser()
for block in re.findall(r"^```pycon[^\\n]*\\n(.*?)^```", text, re.M | re.S):
    for example in parser.get_examples(block):
        exec(compile(example.source, str(page), "single"), ns)
for name in ("seeds", "docs"):
    (tmp / name).symlink_to(root / name)
os.chdir(tmp)
for block in re.findall(r"^```python\\n(.*?)^```", text, re.M | re.S):
    exec(compile(block, str(page), "exec"), ns)
print(sorted(p.name for p in tmp.iterdir()))
"""


def _python_blocks(page: Path) -> list[str]:
    return [b.body for b in _blocks(page) if b.lang == "python"]


def test_python_blocks_are_all_covered() -> None:
    """Every page with a ``python`` block is run by a test here or in test_reference_docs."""
    with_python = {p.relative_to(ROOT).as_posix() for p in PAGES if _python_blocks(p)}
    covered = {
        *COMMENTED_PAGES,
        *CONTINUED_PAGES,
        "docs/howto/pytest-plugin.md",  # test_plugin_example_fails_as_shown
        "docs/howto/property-tests.md",  # tests/test_reference_docs.py
    }
    assert with_python <= covered, f"python blocks no test runs: {with_python - covered}"


COMMENTED_PAGES = ["README.md", "docs/places.md"]
CONTINUED_PAGES = ["docs/howto/reconcile-articles.md", "docs/report-schema.md"]


@pytest.mark.parametrize("name", COMMENTED_PAGES)
def test_commented_results_hold(name: str) -> None:
    """``expr  # result``: each result written as a comment in a python block is right."""
    page = ROOT / name
    for index in range(len(_python_blocks(page))):
        out = subprocess.run(
            [sys.executable, "-c", _COMMENTED, str(page), str(index)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert int(out.stdout) >= 3, f"{name}: only {out.stdout.strip()} results checked"


@pytest.mark.parametrize("name", CONTINUED_PAGES)
def test_python_blocks_continue_the_session(name: str, tmp_path: Path) -> None:
    """A python block that continues a page's pycon session runs after it."""
    if name.endswith("report-schema.md"):
        pytest.importorskip("jsonschema")
    out = subprocess.run(
        [sys.executable, "-c", _CONTINUED, str(ROOT / name), str(ROOT), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    if name.endswith("reconcile-articles.md"):
        assert {"report.html", "report.json"} <= set(os.listdir(tmp_path))
        assert json.loads((tmp_path / "report.json").read_text("utf-8"))["summary"]["claims"]


def test_plugin_example_fails_as_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The plugin how-to's test, on a file with the planted slip, fails with the lines shown."""
    from integfacts.pytest_plugin import ClaimChecker, ClaimCheckError  # noqa: PLC0415

    page = DOCS / "howto" / "pytest-plugin.md"
    (source,) = _python_blocks(page)
    (tmp_path / "locale").mkdir()
    xlf = (DOCS / "examples" / "translation.xlf").read_bytes()
    (tmp_path / "locale" / "storm-report.id.xlf").write_bytes(xlf)
    monkeypatch.chdir(tmp_path)
    ns: dict[str, object] = {}
    exec(compile(source, str(page), "exec"), ns)
    with pytest.raises(ClaimCheckError) as failure:
        ns["test_storm_report"](ClaimChecker())  # type: ignore[operator]
    text = page.read_text("utf-8")
    for line in str(failure.value).splitlines():
        assert line in text, f"{page.name} does not show the failure line {line!r}"
