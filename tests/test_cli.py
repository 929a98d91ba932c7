"""The ``integfacts`` command, run as a user runs it: in a fresh process (subprocess).

Bad files, encodings, exit codes, the progress bar, the terminal width and
colour, and ``integfacts demo``. The per-message checks of single bad inputs
run in-process in ``test_bad_input.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import pytest

import integfacts as ifx
from integfacts import cli
from integfacts import report as render

EN_A = "Da Nang received 3,000 delegations in 2024."
EN_B = "Da Nang received 1,000 delegations in 2024."
ID_A = "Da Nang menerima 3.000 delegasi pada tahun 2024."


def _env(**extra: str) -> dict[str, str]:
    """The environment of a run: no COLUMNS or NO_COLOR unless given."""
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "NO_COLOR"}}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def _cli(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m integfacts ARGS`` with stdout and stderr captured (not a terminal).

    Decoded by hand: text mode would turn the progress bar's ``\\r`` into ``\\n``.
    """
    run = subprocess.run(
        [sys.executable, "-m", "integfacts", *args],
        cwd=cwd,
        env=dict(env) if env is not None else _env(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        run.args, run.returncode, run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    )


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("integfacts: error:")]


@pytest.fixture
def mixed(tmp_path: Path) -> dict[str, Path]:
    """Two good English files that contradict, and one file of every bad kind."""
    files = {
        "a": tmp_path / "a.txt",
        "b": tmp_path / "b.txt",
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "binary.txt",
        "latin": tmp_path / "latin.txt",
        "nolang": tmp_path / "nolang.txt",
    }
    files["a"].write_text(EN_A, encoding="utf-8")
    files["b"].write_text(EN_B, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["blank"].write_text(" \n\t\n", encoding="utf-8")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    files["latin"].write_bytes("Café: 3.000 delegasi".encode("cp1252"))
    files["nolang"].write_text("1 2 3 -- 4", encoding="utf-8")
    return files


BAD_REASONS = {
    "empty": "empty file",
    "blank": "empty file (only white space)",
    "binary": "binary file, not text",
    "latin": "not UTF-8 text (invalid continuation byte at byte 3);"
    " pass --encoding if the file is in another encoding",
    "nolang": "cannot detect the language of a text without words; pass --lang (en, fa, id, vi)",
}


class TestBadFiles:
    """Every bad file is named in one line on stderr; the others are still reported."""

    def test_one_empty_file_does_not_abort_reconcile(self, mixed: dict[str, Path]) -> None:
        """An empty file among good ones is named; the good ones are reconciled; exit 1."""
        run = _cli("reconcile", str(mixed["a"]), str(mixed["empty"]), str(mixed["b"]))
        assert run.returncode == 1
        assert _error_lines(run.stderr) == [f"integfacts: error: {mixed['empty']}: empty file"]
        assert "integfacts: 1 of 3 files failed" in run.stderr
        assert "CONTRADICT: delegations" in run.stdout
        assert "2 claims from 2 sources" in run.stdout

    @pytest.mark.parametrize("command", ["reconcile", "extract"])
    def test_every_bad_kind_is_named_once(self, mixed: dict[str, Path], command: str) -> None:
        """Empty, blank, binary, undecodable and language-less files: one line each."""
        folder = mixed["a"].parent
        run = _cli(command, str(folder))
        assert run.returncode == 1
        expected = sorted(
            f"integfacts: error: {mixed[key]}: {reason}" for key, reason in BAD_REASONS.items()
        )
        assert sorted(_error_lines(run.stderr)) == expected
        assert f"integfacts: {len(BAD_REASONS)} of {len(mixed)} files failed" in run.stderr
        assert "lang=" not in run.stderr  # the API's wording, not the command line's
        assert "Traceback" not in run.stderr
        assert "3,000" in run.stdout
        assert "1,000" in run.stdout

    def test_compare_names_the_bad_file(self, mixed: dict[str, Path]) -> None:
        """compare with an undetectable translation names it and reports nothing (exit 1)."""
        run = _cli("compare", str(mixed["a"]), str(mixed["nolang"]))
        assert run.returncode == 1
        assert _error_lines(run.stderr) == [
            f"integfacts: error: {mixed['nolang']}: {BAD_REASONS['nolang']}"
        ]
        assert run.stdout == ""

    def test_lang_flag_reads_a_file_detection_cannot(self, mixed: dict[str, Path]) -> None:
        """The --lang the message asks for makes the file readable."""
        run = _cli("extract", str(mixed["nolang"]), "--lang", "en", "--format", "json")
        assert run.returncode == 0, run.stderr
        assert [c["text"] for c in json.loads(run.stdout)["claims"]]

    def test_unsupported_manifest_language(self, tmp_path: Path) -> None:
        """A manifest language without a data file is a per-file error naming the supported ones."""
        (tmp_path / "a.txt").write_text(EN_A, encoding="utf-8")
        (tmp_path / "b.txt").write_text(EN_B, encoding="utf-8")
        (tmp_path / "manifest.toml").write_text(
            '[[document]]\nfile = "a.txt"\nlang = "xx"\n\n[[document]]\nfile = "b.txt"\n',
            encoding="utf-8",
        )
        run = _cli("reconcile", str(tmp_path), "--format", "json")
        assert run.returncode == 1
        assert _error_lines(run.stderr) == [
            f"integfacts: error: {tmp_path / 'a.txt'}: manifest lang 'xx' is not supported"
            " (supported: en, fa, id, vi)"
        ]
        assert json.loads(run.stdout)["documents"] == [(tmp_path / "b.txt").as_posix()]


class TestEncoding:
    """--encoding names how files are read; a byte-order mark wins."""

    def test_other_encoding(self, tmp_path: Path) -> None:
        """A cp1252 file is read with --encoding cp1252."""
        (tmp_path / "c.txt").write_bytes("Café Da Nang: 3.000 delegasi.".encode("cp1252"))
        run = _cli("extract", str(tmp_path / "c.txt"), "--lang", "id", "--encoding", "cp1252")
        assert run.returncode == 0, run.stderr
        assert "3.000" in run.stdout

    def test_not_decodable_in_the_given_encoding(self, tmp_path: Path) -> None:
        """A file the given encoding cannot decode is named with the encoding and the byte."""
        good = tmp_path / "a.txt"
        good.write_text(EN_A, encoding="utf-8")
        (tmp_path / "vi.txt").write_text("Đà Nẵng đón 3.000 đoàn khách.", encoding="utf-8")
        run = _cli("extract", str(tmp_path), "--encoding", "ascii")
        assert run.returncode == 1
        [line] = _error_lines(run.stderr)
        assert line.startswith(f"integfacts: error: {tmp_path / 'vi.txt'}: not ascii text (")
        assert "at byte 0); pass --encoding" in line
        assert "3,000" in run.stdout

    def test_byte_order_mark_wins(self, tmp_path: Path) -> None:
        """UTF-16 and UTF-8 files with a byte-order mark are read whatever --encoding says."""
        (tmp_path / "u16.txt").write_bytes(EN_A.encode("utf-16"))
        (tmp_path / "u8.txt").write_bytes(EN_B.encode("utf-8-sig"))
        run = _cli("extract", str(tmp_path), "--encoding", "cp1252", "--format", "json")
        assert run.returncode == 0, run.stderr
        claims = json.loads(run.stdout)["claims"]
        assert [(Path(c["file"]).name, c["text"]) for c in claims] == [
            ("u16.txt", "3,000"),
            ("u8.txt", "1,000"),
        ]

    def test_unknown_encoding_is_a_usage_error(self, tmp_path: Path) -> None:
        """An encoding Python does not know is a usage error (exit 2), before any file is read."""
        run = _cli("extract", str(tmp_path / "missing.txt"), "--encoding", "utf-9")
        assert run.returncode == 2
        assert run.stderr == "integfacts: error: --encoding: unknown encoding 'utf-9'\n"


class TestExitCodes:
    """The exit codes the module docstring and docs/cli.md document."""

    def test_success_is_0(self, tmp_path: Path) -> None:
        """Readable files, no --fail-on: 0, and nothing on stderr."""
        (tmp_path / "a.txt").write_text(EN_A, encoding="utf-8")
        (tmp_path / "b.txt").write_text(ID_A, encoding="utf-8")
        run = _cli("reconcile", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
        assert (run.returncode, run.stderr) == (0, "")
        assert "AGREE: delegations" in run.stdout

    def test_findings_are_1_with_fail_on_and_compare(self, mixed: dict[str, Path]) -> None:
        """--fail-on contradiction and a compare with a changed figure give 1."""
        a, b = str(mixed["a"]), str(mixed["b"])
        assert _cli("reconcile", a, b).returncode == 0
        assert _cli("reconcile", a, b, "--fail-on", "contradiction").returncode == 1
        assert _cli("compare", a, b).returncode == 1
        assert _cli("compare", a, a).returncode == 0

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["extract", "x.txt", "--lang", "xx"], "--lang: invalid choice: 'xx'"),
            (["reconcile", "x.txt", "--lang", "english"], "--lang: invalid choice: 'english'"),
            (["compare", "a.txt", "b.txt", "--lang", "de"], "--lang: invalid choice: 'de'"),
            (["reconcile", "x.txt", "--rate", "VND"], "--rate 'VND': expected CODE=NUMBER"),
            (["reconcile", "x.txt", "--concepts", "nope.toml"], "--concepts: "),
            (["reconcile", "x.txt", "--color", "sometimes"], "--color: invalid choice"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
            (["reconcile"], "the following arguments are required: paths"),
        ],
    )
    def test_usage_errors_are_2(self, tmp_path: Path, args: list[str], message: str) -> None:
        """Unknown options and values are usage errors: exit 2, one message, no traceback."""
        run = _cli(*args, cwd=tmp_path)
        assert run.returncode == 2
        assert message in run.stderr
        assert "Traceback" not in run.stderr
        assert run.stdout == ""

    def test_unknown_lang_lists_the_supported_ones(self) -> None:
        """The usage error of --lang lists every supported language."""
        run = _cli("extract", "x.txt", "--lang", "xx")
        assert "choose from en, fa, id, vi" in run.stderr.replace("'", "")

    def test_help_is_0_and_lists_exit_codes(self) -> None:
        """--help exits 0 and states the exit codes."""
        run = _cli("--help")
        assert run.returncode == 0
        assert "Exit codes: 0 success; 1 " in run.stdout
        assert "2 usage error" in run.stdout

    def test_main_returns_usage_errors(self) -> None:
        """main() returns 2 for an argparse error and writes it to its err stream."""
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(["extract", "x.txt", "--lang", "xx"], out=out, err=err) == 2
        assert "--lang: invalid choice" in err.getvalue()
        assert cli.main(["--version"], out=out, err=err) == 0
        assert out.getvalue().startswith("integfacts ")

    def test_interrupt_is_130(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C ends with 130 and one line, not a traceback."""

        def interrupted(*_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setitem(cli._COMMANDS, "extract", interrupted)
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(["extract", "x.txt"], out=out, err=err) == 130
        assert err.getvalue() == "\nintegfacts: interrupted\n"


# ---------------------------------------------------------------- terminals


def _run_on_terminal(
    *args: str,
    stdout_tty: bool = False,
    stderr_tty: bool = False,
    columns: int = 72,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[int, str, str]:
    """Run the command with stdout and/or stderr on a pseudo-terminal of ``columns`` columns."""
    pty = pytest.importorskip("pty")
    import fcntl  # noqa: PLC0415 - POSIX only, after the skip
    import struct  # noqa: PLC0415
    import termios  # noqa: PLC0415

    ends: dict[str, tuple[int, int]] = {}
    for name, wanted in (("out", stdout_tty), ("err", stderr_tty)):
        if wanted:
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
            attrs = termios.tcgetattr(slave)
            attrs[1] &= ~termios.OPOST  # keep "\n" as it is written (no "\r\n")
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            ends[name] = (master, slave)
    proc = subprocess.Popen(
        [sys.executable, "-m", "integfacts", *args],
        cwd=cwd,
        env=dict(env) if env is not None else _env(),
        stdout=ends["out"][1] if "out" in ends else subprocess.PIPE,
        stderr=ends["err"][1] if "err" in ends else subprocess.PIPE,
    )
    for _, slave in ends.values():
        os.close(slave)
    texts = {name: _drain(master) for name, (master, _) in ends.items()}
    piped_out, piped_err = proc.communicate(timeout=120)
    for master, _ in ends.values():
        os.close(master)
    out = texts.get("out", (piped_out or b"").decode("utf-8"))
    err = texts.get("err", (piped_err or b"").decode("utf-8"))
    return proc.returncode, out, err


def _drain(fd: int) -> str:
    """Everything written to a pseudo-terminal until its last writer closes it."""
    import select  # noqa: PLC0415 - POSIX only

    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 120)
        if not ready:  # a hung child: fail instead of hanging the test run
            pytest.fail("no output from the command for 120 s")
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def five(tmp_path: Path) -> Path:
    """A folder of five short English files."""
    for n in range(5):
        (tmp_path / f"f{n}.txt").write_text(
            f"Da Nang received {n + 1},000 delegations in 2024.", encoding="utf-8"
        )
    return tmp_path


class TestProgress:
    """A progress bar on stderr: on a terminal, or with --progress; never in a pipe."""

    @pytest.mark.parametrize("command", ["extract", "reconcile"])
    def test_not_on_a_pipe(self, five: Path, command: str) -> None:
        """stderr is not a terminal: no bar, nothing on stderr at all."""
        run = _cli(command, str(five), "--format", "json")
        assert (run.returncode, run.stderr) == (0, "")

    @pytest.mark.parametrize("command", ["extract", "reconcile"])
    def test_forced(self, five: Path, command: str) -> None:
        """--progress draws files done / total, rewritten with \\r, and erases it at the end."""
        run = _cli(command, str(five), "--format", "json", "--progress")
        assert run.returncode == 0
        assert "\rextracting [------------------------] 0/5" in run.stderr
        assert "\rextracting [########################] 5/5" in run.stderr
        assert "\n" not in run.stderr  # one line, rewritten
        assert run.stderr.endswith("\r")
        json.loads(run.stdout)  # the report is untouched on stdout

    def test_compare_forced(self, mixed: dict[str, Path]) -> None:
        """compare reads 2 files, then says it is comparing."""
        run = _cli("compare", str(mixed["a"]), str(mixed["a"]), "--progress")
        assert run.returncode == 0
        assert "reading [########################] 2/2" in run.stderr
        assert "\rcomparing 2 documents" in run.stderr

    def test_errors_are_whole_lines_around_the_bar(self, mixed: dict[str, Path]) -> None:
        """An error printed while the bar is drawn starts on a clean line and ends with \\n."""
        run = _cli("reconcile", str(mixed["a"]), str(mixed["empty"]), "--progress")
        line = f"integfacts: error: {mixed['empty']}: empty file\n"
        before, found, _ = run.stderr.partition(line)
        assert found
        assert before.endswith("\r")  # the bar was erased first

    @needs_pty
    @pytest.mark.parametrize("command", ["extract", "reconcile"])
    def test_on_a_terminal(self, five: Path, command: str) -> None:
        """stderr on a terminal: the bar is drawn without being asked for."""
        rc, out, err = _run_on_terminal(command, str(five), "--format", "json", stderr_tty=True)
        assert rc == 0
        assert "extracting [########################] 5/5" in err
        json.loads(out)

    @needs_pty
    def test_no_progress_on_a_terminal(self, five: Path) -> None:
        """--no-progress keeps a terminal's stderr clean."""
        rc, _, err = _run_on_terminal("reconcile", str(five), "--no-progress", stderr_tty=True)
        assert (rc, err) == (0, "")

    def test_flags_exclude_each_other(self, five: Path) -> None:
        """--progress with --no-progress is a usage error."""
        assert _cli("extract", str(five), "--progress", "--no-progress").returncode == 2

    def test_disabled_bar_prints_only_messages(self) -> None:
        """A disabled Progress writes the messages and nothing else."""
        stream = io.StringIO()
        bar = cli.Progress(stream, enabled=False)
        bar.update("extracting", 1, 2)
        bar.note("reconciling")
        bar.say("integfacts: error: x")
        bar.close()
        assert stream.getvalue() == "integfacts: error: x\n"

    def test_say_redraws_the_bar(self) -> None:
        """A message erases the bar, prints its line, and draws the bar again."""
        stream = io.StringIO()
        bar = cli.Progress(stream, enabled=True)
        bar.update("reading", 0, 4)
        bar.say("hello")
        bar.close()
        line = "reading [------------------------] 0/4"
        blank = "\r" + " " * len(line) + "\r"
        assert stream.getvalue() == f"\r{line}{blank}hello\n\r{line}{blank}"

    def test_unknown_total_counts(self) -> None:
        """Total 0 (a stream of unknown length) shows the count without a bar."""
        stream = io.StringIO()
        cli.Progress(stream, enabled=True).update("extracting", 0, 0)
        assert stream.getvalue() == "\rextracting 0"


def _width(text: str) -> int:
    """Display columns of the widest line."""
    from rich.cells import cell_len  # noqa: PLC0415 - rich renders the report

    return max(cell_len(line) for line in _strip_ansi(text).splitlines())


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class TestTerminalWidth:
    """The text report and the extract table fit the terminal (or COLUMNS)."""

    @pytest.mark.parametrize("columns", [80, 60])
    def test_columns_is_respected(self, columns: int) -> None:
        """COLUMNS=N gives a report no wider than N columns (the seeds fill them)."""
        run = _cli("reconcile", str(SEEDS), env=_env(COLUMNS=str(columns)))
        assert run.returncode == 0
        assert "CONTRADICT: " in run.stdout
        assert columns - 10 < _width(run.stdout) <= columns

    def test_pipe_without_columns_is_110(self) -> None:
        """Piped with COLUMNS unset, the report keeps its default width of 110."""
        run = _cli("reconcile", str(SEEDS))
        assert _width(run.stdout) == 110

    def test_very_narrow_columns_has_a_floor(self, mixed: dict[str, Path]) -> None:
        """A COLUMNS below the renderer's minimum gives a report at that minimum, no error."""
        run = _cli("reconcile", str(mixed["a"]), str(mixed["b"]), env=_env(COLUMNS="5"))
        assert (run.returncode, run.stderr) == (0, "")
        assert _width(run.stdout) <= render.MIN_TEXT_WIDTH
        assert "CONTRADICT" in run.stdout

    def test_output_file_keeps_the_default(self, tmp_path: Path) -> None:
        """-o FILE is not the terminal: the file gets the 110-column report."""
        target = tmp_path / "report.txt"
        run = _cli("reconcile", str(SEEDS), "-o", str(target), env=_env(COLUMNS="80"))
        assert (run.returncode, run.stdout) == (0, "")
        assert _width(target.read_text("utf-8")) == 110

    def test_extract_table_fits_columns(self, mixed: dict[str, Path]) -> None:
        """The extract table shrinks its text and metric columns to COLUMNS."""
        wide = _cli("extract", str(mixed["a"]))
        narrow = _cli("extract", str(mixed["a"]), env=_env(COLUMNS="90"))
        assert _width(wide.stdout) > 90
        assert _width(narrow.stdout) <= 90
        assert "3,000" in narrow.stdout

    @needs_pty
    def test_terminal_width(self) -> None:
        """On a 72-column terminal (COLUMNS unset) the report is at most 72 columns wide."""
        rc, out, _ = _run_on_terminal("reconcile", str(SEEDS), stdout_tty=True, columns=72)
        assert rc == 0
        assert "CONTRADICT: " in _strip_ansi(out)
        assert 62 < _width(out) <= 72


def _strip_ansi(text: str) -> str:
    import re  # noqa: PLC0415

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _ns(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**{"color": "auto", "output": None, **kw})


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class TestColor:
    """--color auto|always|never; auto: stdout a terminal and NO_COLOR unset."""

    @pytest.mark.parametrize(
        ("color", "tty", "no_color", "output", "expected"),
        [
            ("auto", True, None, None, True),
            ("auto", False, None, None, False),
            ("auto", True, "1", None, False),
            ("auto", True, None, "r.txt", False),
            ("always", False, "1", None, True),
            ("never", True, None, None, False),
        ],
    )
    def test_decision(
        self,
        monkeypatch: pytest.MonkeyPatch,
        color: str,
        tty: bool,
        no_color: str | None,
        output: str | None,
        expected: bool,
    ) -> None:
        """The colour decision for each flag, terminal and NO_COLOR."""
        monkeypatch.delenv("NO_COLOR", raising=False)
        if no_color is not None:
            monkeypatch.setenv("NO_COLOR", no_color)
        assert cli._color(_ns(color=color, output=output), _Stream(tty)) is expected

    def test_never_and_pipes_are_plain(self, mixed: dict[str, Path]) -> None:
        """A piped report (auto) and --color never carry no escape codes."""
        for flag in ([], ["--color", "never"]):
            run = _cli("reconcile", str(mixed["a"]), str(mixed["b"]), *flag)
            assert run.returncode == 0
            assert "\x1b[" not in run.stdout

    def test_always(self, mixed: dict[str, Path]) -> None:
        """--color always colours the verdicts even in a pipe."""
        run = _cli("reconcile", str(mixed["a"]), str(mixed["b"]), "--color", "always")
        assert run.returncode == 0
        assert "\x1b[" in run.stdout
        assert "CONTRADICT" in _strip_ansi(run.stdout)

    @needs_pty
    def test_no_color_on_a_terminal(self, mixed: dict[str, Path]) -> None:
        """NO_COLOR keeps a terminal report plain."""
        _, out, _ = _run_on_terminal(
            "reconcile", str(mixed["a"]), str(mixed["b"]), stdout_tty=True, env=_env(NO_COLOR="1")
        )
        assert "CONTRADICT" in out
        assert "\x1b[" not in out


# ---------------------------------------------------------------- demo


SAMPLES = resources.files("integfacts") / "samples"


class TestDemo:
    """``integfacts demo`` needs no clone: sample texts ship inside the package."""

    def test_manifest_lists_four_languages(self) -> None:
        """The samples' manifest names one existing text per supported language."""
        rows = tomllib.loads((SAMPLES / "manifest.toml").read_text("utf-8"))["document"]
        assert sorted(r["lang"] for r in rows) == ["en", "fa", "id", "vi"]
        for r in rows:
            assert (SAMPLES / r["file"]).is_file()
            assert r["source"].startswith("https://example.com/")  # invented, and says so

    def test_text_report(self, tmp_path: Path) -> None:
        """Run from an empty folder, demo prints the reconciliation of the four samples."""
        run = _cli("demo", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("16 claims from 4 sources: 1 contradiction")
        assert "CONTRADICT: tourism_revenue" in run.stdout
        assert "AGREE: visitors" in run.stdout
        assert "integfacts demo --texts" in run.stderr

    def test_json_report(self, tmp_path: Path) -> None:
        """demo --format json: the Persian text's revenue is ten times the others'."""
        run = _cli("demo", "--format", "json", "-q", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, "")
        data = json.loads(run.stdout)
        assert len(data["documents"]) == 4
        [bad] = [f for f in data["findings"] if f["verdict"] == "contradict"]
        assert bad["metric"] == "tourism_revenue"
        assert bad["diagnosis"] == "scale_slip"
        by_lang = {c["lang"]: c["value"] for c in bad["claims"]}
        assert by_lang["fa"] == "31000000000000"
        assert by_lang["en"] == "3100000000000"
        agreed = {f["metric"] for f in data["findings"] if f["verdict"] == "agree"}
        assert {"visitors", "flights"} <= agreed

    @pytest.mark.parametrize("fmt", ["markdown", "html", "claimreview"])
    def test_other_formats(self, tmp_path: Path, fmt: str) -> None:
        """demo takes every --format of reconcile, and -o."""
        target = tmp_path / f"demo.{fmt}"
        run = _cli("demo", "--format", fmt, "-q", "-o", str(target), cwd=tmp_path)
        assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
        assert "lantern-week" in target.read_text("utf-8")

    def test_texts(self, tmp_path: Path) -> None:
        """demo --texts prints each sample with its language and source."""
        run = _cli("demo", "--texts", cwd=tmp_path)
        assert run.returncode == 0
        headers = [line for line in run.stdout.splitlines() if line.startswith("== ")]
        assert len(headers) == 4
        assert "Han River Lantern Week" in run.stdout
        assert "۳۱ هزار میلیارد دونگ" in run.stdout

    def test_same_as_reconcile_on_the_folder(self) -> None:
        """demo's report is reconcile's report on the samples folder."""
        with resources.as_file(SAMPLES) as folder:
            demo = _cli("demo", "--format", "json", "-q")
            direct = _cli("reconcile", str(folder), "--format", "json")
        assert demo.stdout == direct.stdout


# ---------------------------------------------------------------- extract_many


DOCS = [
    ifx.Document("Da Nang received 3,000 delegations.", source="a", lang="en"),
    ifx.Document("Da Nang menerima 2.000 delegasi.", source="b", lang="id"),
    ifx.Document("No figures here.", source="c", lang="en"),
]


class TestExtractManyProgress:
    """extract_many(progress=...) reports (done, total) and changes nothing else."""

    def test_list(self) -> None:
        """A list: (0, 3) first, then one call per document, before its claims are yielded."""
        calls: list[tuple[int, int]] = []
        got = []
        for claims in ifx.extract_many(DOCS, progress=lambda d, t: calls.append((d, t))):
            got.append((calls[-1], len(claims)))
        assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
        assert got == [((1, 3), 1), ((2, 3), 1), ((3, 3), 0)]

    def test_same_claims_as_without(self) -> None:
        """The claims are those without a callback."""
        with_cb = list(ifx.extract_many(DOCS, progress=lambda d, t: None))
        assert with_cb == list(ifx.extract_many(DOCS))

    def test_generator_has_no_total(self) -> None:
        """An iterable without a length reports total 0."""
        calls: list[tuple[int, int]] = []
        list(ifx.extract_many(iter(DOCS), progress=lambda d, t: calls.append((d, t))))
        assert calls == [(0, 0), (1, 0), (2, 0), (3, 0)]

    def test_empty(self) -> None:
        """No documents: one call, (0, 0)."""
        calls: list[tuple[int, int]] = []
        assert list(ifx.extract_many([], progress=lambda d, t: calls.append((d, t)))) == []
        assert calls == [(0, 0)]

    def test_workers(self) -> None:
        """With two processes the callback runs here, in order, once per document."""
        calls: list[tuple[int, int]] = []
        got = list(
            ifx.extract_many(
                DOCS, workers=2, chunksize=1, progress=lambda d, t: calls.append((d, t))
            )
        )
        assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
        assert got == list(ifx.extract_many(DOCS))

    def test_callback_error_stops(self) -> None:
        """An exception in the callback propagates to the caller."""

        def stop(done: int, total: int) -> None:
            if done == 2:
                raise KeyboardInterrupt

        it: Iterator[list[ifx.Claim]] = ifx.extract_many(DOCS, progress=stop)
        next(it)
        with pytest.raises(KeyboardInterrupt):
            next(it)


class TestExtractFormats:
    """extract's JSON, CSV and table agree with each other and with the reports."""

    def test_json_writes_null_for_missing_fields(self, tmp_path: Path) -> None:
        (tmp_path / "a.txt").write_text("صدها نفر در این زلزله کشته شدند.", encoding="utf-8")
        run = _cli("extract", str(tmp_path / "a.txt"), "--lang", "fa", "--format", "json")
        assert run.returncode == 0, run.stderr
        data = json.loads(run.stdout)
        assert data["version"] == cli.EXTRACT_JSON_VERSION == 2
        (claim,) = data["claims"]
        assert claim["value"] is None  # "hundreds": no made-up point value
        assert (claim["low"], claim["high"]) == ("200", "999")
        assert claim["unit"] is None
        assert claim["period_start"] is None
        assert "" not in claim.values()

    def test_table_words_values_and_periods_as_reports_do(self, tmp_path: Path) -> None:
        text = "Da Nang received more than 3,000 delegations in 2021-2025."
        (tmp_path / "a.txt").write_text(text, encoding="utf-8")
        run = _cli("extract", str(tmp_path / "a.txt"), "--lang", "en")
        assert run.returncode == 0, run.stderr
        (claim,) = ifx.extract(text, lang="en")
        assert render.value_label(claim) in run.stdout  # "more than 3,000"
        assert render.period_label(claim) in run.stdout  # "2021–2025", as in reasons


class TestExtractTable:
    """The extract table fits the terminal and names files without cutting them blindly."""

    @pytest.mark.parametrize("columns", [200, 110, 80, 60, 40])
    def test_fits_the_terminal(self, columns: int) -> None:
        run = _cli("extract", "seeds/", env=_env(COLUMNS=str(columns)))
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert len(lines) > 10
        assert max(len(line) for line in lines) <= max(columns, 138)
        if columns < 138:
            assert max(len(line) for line in lines) <= columns

    def test_file_names_keep_their_start_and_extension(self) -> None:
        assert cli._short_name("000_bfae056a32c5a2fe.txt", 12) == "000_bf…e.txt"
        short = cli._short_name("article_en_2025.txt", 10)
        assert len(short) == 10
        assert short.startswith("arti")
        assert short.endswith(".txt")
        assert cli._short_name("a.txt", 10) == "a.txt"
