"""The ``integfacts`` command.

- ``integfacts extract PATH...`` prints every figure of the given files (or
  folders) as a table, JSON or CSV.
- ``integfacts reconcile PATH...`` compares the figures of all the files and
  prints which sources agree, which contradict, and why (text, JSON,
  Markdown, HTML or ClaimReview; ``--fail-on contradiction`` for CI).
- ``integfacts compare ORIGINAL TRANSLATION`` checks that a translation kept
  every figure.
- ``integfacts demo`` reconciles the short sample news texts shipped inside
  the package (``--texts`` prints them): a first run that needs no files.

A folder with a ``manifest.toml`` (like ``seeds/``) gives each file's
language, date, source and subject. ``--lang`` (one of the supported codes;
anything else is a usage error) overrides it for every file; without either,
the language of each file is detected.

Files are read as ``--encoding`` (default ``utf-8``); a byte-order mark
(UTF-8, UTF-16, UTF-32) wins over it. Every file that cannot be used (missing,
empty, binary, not decodable in the encoding, language not detectable) is
named on stderr in one line, ``integfacts: error: FILE: reason``, and the
other files are still read and reported.

``--concepts FILE`` (on extract, reconcile and compare) adds the user's
concept terms: a TOML file shaped like the built-in lexicon (``[concepts]``,
``[concepts.<lang>]``).

Reports go to stdout (or ``-o FILE``); errors and progress go to stderr. A
progress bar (files done / total) is drawn on stderr when stderr is a
terminal; ``--no-progress`` turns it off, ``--progress`` forces it. The text
report fits the terminal width (or ``COLUMNS``) and is coloured on a terminal
unless ``NO_COLOR`` is set (``--color auto|always|never``).

Exit codes:

- 0: success (``compare``: every figure kept).
- 1: some input could not be read or used (each failure is reported on
  stderr; the other files are still processed), the report could not be
  written, ``--fail-on`` matched, or ``compare`` found a changed, missing or
  added figure.
- 2: usage error: an unknown command or option, an unsupported ``--lang``,
  an unknown ``--encoding``, a malformed ``--rate``, an invalid
  ``--concepts`` file.
- 130: interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import datetime
import io
import json
import os
import shutil
import sys
import time
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

__all__ = ["main"]


class InputError(Exception):
    """A file or manifest that cannot be used; the message says why."""


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / "manifest.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: malformed manifest: {exc}") from exc
    rows = data.get("document", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "file" in r for r in rows):
        raise InputError(f"{path}: malformed manifest: expected [[document]] tables with 'file'")
    return {str(r["file"]): r for r in rows}


TEXT_SUFFIXES = (".txt", ".text", ".md")
"""Files a folder contributes when it has no manifest."""


def iter_inputs(paths: Sequence[str]) -> Iterator[tuple[Path, dict[str, Any], str | None]]:
    """Yield (file, manifest row, error) for files and folders, in a stable order.

    ``error`` is ``None`` for a usable entry, else the reason it is not (a
    missing path, an unreadable folder, a malformed manifest): the caller
    reports it and goes on with the other entries.
    """
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                meta = _manifest(p)
                files = sorted(q for q in p.iterdir() if q.is_file())
                names = sorted(meta) or [q.name for q in files if q.suffix in TEXT_SUFFIXES]
                others = [
                    q.name
                    for q in files
                    if q.name not in names and q.name != "manifest.toml" and not meta
                ]
                if others:
                    yield (
                        p,
                        {},
                        (
                            f"{raw}: skipped {len(others)} file(s) that are not"
                            f" {'/'.join(TEXT_SUFFIXES)} text (e.g. {others[0]})"
                        ),
                    )
                if not names:
                    yield p, {}, f"{raw}: no text files to read"
                for name in names:
                    yield p / name, meta.get(name, {}), None
            elif p.is_file():
                yield p, _manifest(p.parent).get(p.name, {}), None
            else:
                yield p, {}, f"{raw}: no such file or folder"
        except InputError as exc:
            yield p, {}, str(exc)
        except OSError as exc:
            yield p, {}, f"{raw}: cannot read: {exc.strerror or exc}"


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Byte-order marks, longest first: a file that starts with one is read in its encoding."""


def _codec(encoding: str) -> str:
    """The canonical codec name (``utf-8``, ``cp1252``); ``LookupError`` if unknown."""
    return codecs.lookup(encoding).name


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """The text of a file's bytes, or an :class:`InputError` saying why not."""
    codec = next((enc for bom, enc in _BOMS if data.startswith(bom)), _codec(encoding))
    wide = codec.startswith(("utf-16", "utf-32"))  # NUL bytes are normal in these
    if not wide and b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text")
    name = codec.removesuffix("-sig").upper() if codec.startswith("utf") else codec
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not {name} text ({exc.reason} at byte {exc.start});"
            " pass --encoding if the file is in another encoding"
        ) from exc
    text = text.removeprefix("\ufeff")
    if "\x00" in text[:8192]:
        raise InputError(f"{path}: binary file, not text")
    return text


def load_document(
    path: Path, row: dict[str, Any], *, lang: str | None, encoding: str = "utf-8"
) -> Any:
    """Read one file as a :class:`~integfacts.Document` whose language is known.

    Args:
        path: the file.
        row: its manifest row (``lang``, ``source``, ``published``, ``subject``).
        lang: ``--lang``, over the manifest's; neither: detected from the text.
        encoding: ``--encoding``; a byte-order mark wins over it.

    Raises:
        InputError: unreadable, empty, binary or undecodable file, bad
            metadata, an unsupported language in the manifest, or a text whose
            language cannot be told. The message starts with the file's path
            and uses the command line's words (``--lang``, ``--encoding``).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise InputError(f"{path}: empty file")
    text = _decode(path, data, encoding)
    if not text.strip():
        raise InputError(f"{path}: empty file (only white space)")
    return _document(path, row, text, lang or _language(path, row, text))


def _language(path: Path, row: dict[str, Any], text: str) -> str:
    """The manifest's language if supported, else the one detected in ``text``."""
    from integfacts.langid import detect_language  # noqa: PLC0415 - keep CLI start-up light
    from integfacts.languages import available  # noqa: PLC0415

    supported = ", ".join(available())
    code = row.get("lang")
    if code is not None:
        if code not in available():
            raise InputError(
                f"{path}: manifest lang {code!r} is not supported (supported: {supported})"
            )
        return str(code)
    try:
        return detect_language(text)
    except ValueError as exc:
        reason = str(exc).removesuffix("; pass lang=")
        raise InputError(f"{path}: {reason}; pass --lang ({supported})") from exc


def _document(path: Path, row: dict[str, Any], text: str, lang: str) -> Any:
    from integfacts.extraction import DEFAULT_MAX_CHARS  # noqa: PLC0415
    from integfacts.model import Document  # noqa: PLC0415 - keep CLI start-up light

    if len(text) > DEFAULT_MAX_CHARS:
        raise InputError(
            f"{path}: {len(text):,} characters, more than the {DEFAULT_MAX_CHARS:,}"
            " read from one file; split it"
        )
    published = row.get("published")
    if published is not None and not isinstance(published, datetime.date):
        try:
            published = datetime.date.fromisoformat(str(published))
        except ValueError as exc:
            raise InputError(f"{path}: manifest date {published!r} is not YYYY-MM-DD") from exc
    return Document(
        text,
        source=str(row.get("source") or path.as_posix()),
        lang=lang,
        published=published,
        subject=row.get("subject"),
    )


CSV_FIELDS = [
    "file",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "kind",
    "change",
    "metric",
    "metric_phrase",
    "subject",
    "period_start",
    "period_end",
    "period_source",
    "lang",
    "source",
]
"""Columns of ``integfacts extract --format csv`` (and keys of the JSON claims)."""


EXTRACT_JSON_VERSION = 2
"""Version of ``extract --format json`` (2: ``null``, not ``""``, for a missing field;
``value`` is ``null`` for a figure that states only an order of magnitude)."""


def _claim_row(path: Path, c: Any) -> dict[str, Any]:
    """One claim as a row of ``extract``'s JSON and CSV: missing fields are ``None``
    (``null`` in JSON, empty in CSV), values as the JSON report writes them."""
    from integfacts.report import claim_dict  # noqa: PLC0415 - the shared wording

    q = c.quantity
    shared = claim_dict(c)
    return {
        "file": path.as_posix(),
        "start": c.span.start,
        "end": c.span.end,
        "text": c.text,
        "value": shared["value"],
        "unit": q.unit,
        "qualifier": q.qualifier.value,
        "low": shared["low"],
        "high": shared["high"],
        "kind": c.kind.value,
        "change": c.change,
        "metric": c.metric,
        "metric_phrase": shared["metric_phrase"],
        "subject": c.subject,
        "period_start": c.period.start.isoformat() if c.period and c.period.start else None,
        "period_end": c.period.end.isoformat() if c.period and c.period.end else None,
        "period_source": c.period_source.value,
        "lang": c.lang,
        "source": c.source,
    }


class Progress:
    """A one-line progress bar on stderr: ``label [#####-----] done/total``.

    Rewritten in place with a carriage return, at most about ten times a
    second (the first and last states are always drawn), and erased by
    :meth:`close`. Messages printed through :meth:`say` erase the bar first
    and draw it again after, so that error lines stay readable. A disabled
    bar prints only the messages.
    """

    WIDTH = 24
    """Characters of the bar itself."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._line = ""
        self._drawn_at = -1.0

    def update(self, label: str, done: int, total: int) -> None:
        """Show ``done`` of ``total`` (``total`` 0: a count without a bar)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if 0 < done < total and now - self._drawn_at < 0.1:
            return
        if total > 0:
            full = self.WIDTH * min(done, total) // total
            line = f"{label} [{'#' * full}{'-' * (self.WIDTH - full)}] {done}/{total}"
        else:
            line = f"{label} {done}"
        self._draw(line)
        self._drawn_at = now

    def note(self, text: str) -> None:
        """Replace the bar with a short status (``reconciling 12 documents``)."""
        if self.enabled:
            self._draw(text)

    def say(self, message: str) -> None:
        """Print one line on the stream, around the bar."""
        line = self._line
        self.close()
        print(message, file=self.stream, flush=True)
        if line:
            self._draw(line)

    def close(self) -> None:
        """Erase the bar."""
        if self._line:
            self.stream.write("\r" + " " * len(self._line) + "\r")
            self.stream.flush()
            self._line = ""

    def _draw(self, line: str) -> None:
        pad = " " * max(0, len(self._line) - len(line))
        self.stream.write(f"\r{line}{pad}")
        self.stream.flush()
        self._line = line


def _progress(args: argparse.Namespace, err: TextIO) -> Progress:
    """The bar of a command: ``--progress``/``--no-progress``, else on when stderr is a TTY."""
    enabled = args.progress if args.progress is not None else _isatty(err)
    return Progress(err, enabled=enabled)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _load_all(
    paths: Sequence[str], args: argparse.Namespace, bar: Progress
) -> tuple[list[tuple[Path, Any]], int, int]:
    """(file, Document) for every usable input; failures reported; (docs, failed, inputs)."""
    inputs = list(iter_inputs(paths))
    docs: list[tuple[Path, Any]] = []
    failed = 0
    bar.update("reading", 0, len(inputs))
    for n, (path, row, problem) in enumerate(inputs, 1):
        try:
            if problem is not None:
                raise InputError(problem)
            docs.append((path, load_document(path, row, lang=args.lang, encoding=args.encoding)))
        except InputError as exc:
            bar.say(f"integfacts: error: {exc}")
            failed += 1
        bar.update("reading", n, len(inputs))
    return docs, failed, len(inputs)


def _cli_words(message: str) -> str:
    """An API error message in the command line's words (``--lang``, not ``lang=``)."""
    return message.replace("pass lang=", "pass --lang").replace("\n", " ")


def _summary(failed: int, total: int, bar: Progress) -> None:
    if failed:
        bar.say(f"integfacts: {failed} of {total} files failed")


def _cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from integfacts.extraction import extract  # noqa: PLC0415

    bar = _progress(args, err)
    docs, failed, total = _load_all(args.paths, args, bar)
    rows: list[dict[str, Any]] = []
    found: list[Any] = []  # the claims of ``rows``, in order (the table words them)
    bar.update("extracting", 0, len(docs))
    for n, (path, doc) in enumerate(docs, 1):
        try:
            claims = extract(doc, concepts=args.lexicon)
        except (ValueError, TypeError) as exc:
            bar.say(f"integfacts: error: {path}: {_cli_words(str(exc))}")
            failed += 1
        else:
            rows.extend(_claim_row(path, c) for c in claims)
            found.extend(claims)
        bar.update("extracting", n, len(docs))
    bar.close()
    if args.format == "json":
        text = (
            json.dumps(
                {"version": EXTRACT_JSON_VERSION, "claims": rows}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    elif args.format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
        w.writeheader()
        w.writerows(rows)
        text = buf.getvalue()
    else:
        buf = io.StringIO()
        _print_table(rows, found, buf, width=_text_width(args, out))
        text = buf.getvalue()
    written = _emit(text, args.output, out, err)
    _summary(failed, total, bar)
    return 1 if failed or not written else 0


def _ticking(docs: Sequence[tuple[Path, Any]], bar: Progress) -> Iterator[Any]:
    """The Documents, one at a time, moving the bar as the consumer extracts them."""
    for n, (_, doc) in enumerate(docs):
        bar.update("extracting", n, len(docs))
        yield doc
    bar.update("extracting", len(docs), len(docs))
    bar.note(f"reconciling {len(docs)} documents")


def _text_width(args: argparse.Namespace, out: TextIO) -> int | None:
    """Columns of a terminal report: the terminal's (or ``COLUMNS``), else the default.

    ``None`` (the renderer's default, 110) when the report goes to a file or a
    pipe and ``COLUMNS`` is not set.
    """
    if getattr(args, "output", None) is None and (_isatty(out) or os.environ.get("COLUMNS")):
        from integfacts import report as render  # noqa: PLC0415

        columns = shutil.get_terminal_size(fallback=(110, 24)).columns
        return max(render.MIN_TEXT_WIDTH, columns)  # narrower: wrapped by the terminal
    return None


def _color(args: argparse.Namespace, out: TextIO) -> bool:
    """``--color``: always, never, or auto (stdout is a terminal and ``NO_COLOR`` unset)."""
    if args.color == "always":
        return True
    if args.color == "never" or getattr(args, "output", None) is not None:
        return False
    return _isatty(out) and not os.environ.get("NO_COLOR")


def _render(report: Any, args: argparse.Namespace, out: TextIO) -> str:
    fmt = args.format
    if fmt == "json":
        return str(report.to_json()) + "\n"
    if fmt == "markdown":
        return str(report.to_markdown()) + "\n"
    if fmt == "html":
        return str(report.to_html()) + "\n"
    if fmt == "claimreview":
        return json.dumps(report.to_claimreview(), ensure_ascii=False, indent=2) + "\n"
    from integfacts import report as render  # noqa: PLC0415

    width, color = _text_width(args, out), _color(args, out)
    if width is None:  # the renderer's own default
        return render.to_text(report, color=color)
    return render.to_text(report, width=width, color=color)


def _emit(text: str, output: str | None, out: TextIO, err: TextIO) -> bool:
    if output is None:
        out.write(text)
        out.flush()
        return True
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"integfacts: error: cannot write {output}: {exc.strerror or exc}", file=err)
        return False
    return True


def _reconcile_paths(
    paths: Sequence[str], args: argparse.Namespace, out: TextIO, err: TextIO
) -> tuple[Any, int] | None:
    """Read, extract and reconcile; (report, exit code so far), or ``None`` when nothing came."""
    from integfacts.reconciliation import reconcile  # noqa: PLC0415

    bar = _progress(args, err)
    docs, failed, total = _load_all(paths, args, bar)
    try:
        report = reconcile(_ticking(docs, bar), rates=args.rates, concepts=args.lexicon)
    except (ValueError, TypeError) as exc:
        bar.say(f"integfacts: error: {_cli_words(str(exc))}")
        bar.close()
        return None
    bar.close()
    written = _emit(_render(report, args, out), args.output, out, err)
    _summary(failed, total, bar)
    return report, 1 if failed or not written else 0


def _cmd_reconcile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    done = _reconcile_paths(args.paths, args, out, err)
    if done is None:
        return 1
    report, code = done
    if args.fail_on == "contradiction" and report.contradictions:
        return 1
    if args.fail_on == "any" and (report.contradictions or report.not_comparable):
        return 1
    return int(code)


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from integfacts.reconciliation import compare  # noqa: PLC0415

    if args.translation is None:  # one bilingual file (XLIFF, TMX, PO, TSV/CSV)
        from integfacts.formats import cli_compare_file  # noqa: PLC0415

        return cli_compare_file(args, out, err)
    bar = _progress(args, err)
    docs, failed, _ = _load_all([args.original, args.translation], args, bar)
    if failed or len(docs) != 2:
        bar.close()
        return 1
    bar.note("comparing 2 documents")
    try:
        report = compare(docs[0][1], docs[1][1], rates=args.rates, concepts=args.lexicon)
    except (ValueError, TypeError) as exc:
        bar.say(f"integfacts: error: {_cli_words(str(exc))}")
        bar.close()
        return 1
    bar.close()
    if not _emit(_render(report, args, out), args.output, out, err):
        return 1
    return 1 if (report.contradictions or report.unmatched) else 0


def _cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from importlib import resources  # noqa: PLC0415

    with resources.as_file(resources.files("integfacts") / "samples") as folder:
        if args.texts:
            return _print_samples(folder, out)
        if not args.quiet:
            print(
                f"integfacts demo: reconciling the invented sample news texts in {folder}"
                " (integfacts demo --texts prints them)",
                file=err,
            )
        done = _reconcile_paths([str(folder)], args, out, err)
    return 1 if done is None else int(done[1])


def _print_samples(folder: Path, out: TextIO) -> int:
    """``integfacts demo --texts``: each sample's manifest row and text."""
    meta = _manifest(folder)
    for name, row in meta.items():
        out.write(f"== {name} ({row.get('lang')}, {row.get('source')}, {row.get('published')})\n")
        out.write((folder / name).read_text("utf-8").strip() + "\n\n")
    return 0


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2); the message says why."""


def _rates(pairs: Sequence[str] | None) -> dict[str, Any] | None:
    """``--rate VND=0.0000393`` (value of one unit in a common base) -> mapping.

    Raises:
        UsageError: a value that is not ``CODE=NUMBER``.
    """
    if not pairs:
        return None
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    out = {}
    for p in pairs:
        code, sep, value = p.partition("=")
        try:
            if not (sep and code.strip()):
                raise InvalidOperation
            out[code.strip().upper()] = Decimal(value)
        except InvalidOperation:
            raise UsageError(f"--rate {p!r}: expected CODE=NUMBER") from None
    return out


_TABLE_COLUMNS = (
    ("file", 16, 6),
    ("text", 34, 8),
    ("value", 20, 8),
    ("metric", 22, 7),
    ("period", 21, 9),
    ("qualifier", 9, 9),
    ("unit", 4, 4),
)
"""Columns of ``integfacts extract`` (table): name, width when there is room, least width."""

_FIRST_WIDTHS = {"value": 16, "metric": 16, "period": 12, "file": 12, "text": 16}
"""On a narrow terminal, the room each column gets before the text takes the rest."""


def _table_columns(width: int | None) -> list[tuple[str, int]]:
    """The table's columns and widths, fitting ``width`` (``None``: every column, full width).

    On a terminal narrower than the full table the unit and qualifier columns
    are left out (the value says both in words), and the period too when even
    the least widths do not fit; the value, metric, period and file get room
    first, then the text.
    """
    cols = list(_TABLE_COLUMNS)

    def total(cs: Sequence[tuple[str, int, int]], *, least: bool) -> int:
        return sum(c[2] if least else c[1] for c in cs) + 2 * (len(cs) - 1)

    if width is None or total(cols, least=False) <= width:
        return [(name, full) for name, full, _ in cols]
    cols = [c for c in cols if c[0] not in ("unit", "qualifier")]
    if total(cols, least=True) > width:
        cols = [c for c in cols if c[0] != "period"]
    room = width - 2 * (len(cols) - 1)
    sizes = {name: least for name, _, least in cols}
    full = {name: f for name, f, _ in cols}
    for goal in (_FIRST_WIDTHS, full):
        for name in list(sizes):
            spare = room - sum(sizes.values())
            have = sizes[name]
            want = min(goal.get(name, have), full[name])
            sizes[name] = have + max(0, min(want - have, spare))
    return [(name, sizes[name]) for name, _, _ in cols]


def _short_name(name: str, width: int) -> str:
    """A file name in ``width`` characters: its start and its end (the extension) kept."""
    if len(name) <= width:
        return name
    tail = min(len(name), max(1, (width - 1) // 2))
    return name[: width - 1 - tail] + "…" + name[-tail:]


def _print_table(
    rows: Sequence[dict[str, Any]],
    claims: Sequence[Any],
    out: TextIO,
    *,
    width: int | None = None,
) -> None:
    """The extract table: values and periods worded as the reconcile reports word them."""
    from integfacts.report import period_label, value_label  # noqa: PLC0415

    cols = _table_columns(width)
    widths = dict(cols)
    out.write("  ".join(_fit(name, w) for name, w in cols).rstrip() + "\n")
    for r, c in zip(rows, claims, strict=True):
        vals = {
            "file": _short_name(Path(r["file"]).name, widths["file"]),
            "text": r["text"].replace("\n", " "),
            "value": value_label(c),
            "unit": r["unit"] or "",
            "qualifier": r["qualifier"],
            "metric": r["metric"] or f"~{r['metric_phrase'] or ''}",
            "period": period_label(c),
        }
        line = "  ".join(_fit(vals[name], w) for name, w in cols)
        out.write(line.rstrip() + "\n")
    out.write(f"{len(rows)} claims\n")


def _fit(s: str, width: int) -> str:
    return (s[: width - 1] + "…") if len(s) > width else s.ljust(width)


_CONCEPTS_HELP = "TOML file of extra concept terms ([concepts] key = [terms]; [concepts.<lang>])"
_FORMATS = ["text", "json", "markdown", "html", "claimreview"]


def _common(p: argparse.ArgumentParser, *, files: bool = True, report: bool = True) -> None:
    """The options every command shares: input, output, progress, colour."""
    from integfacts.languages import available  # noqa: PLC0415 - the data files, listed

    if files:
        p.add_argument(
            "--lang",
            choices=available(),
            help="language of every file (default: the manifest's, else detected)",
        )
        p.add_argument(
            "--encoding",
            default="utf-8",
            help="encoding of the files (default: utf-8; a byte-order mark wins)",
        )
        p.add_argument("--concepts", metavar="FILE", help=_CONCEPTS_HELP)
    p.add_argument("-o", "--output", metavar="FILE", help="write the result to this file")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="draw a progress bar on stderr (default: when stderr is a terminal)",
    )
    bar.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never draw a progress bar"
    )
    if report:
        p.add_argument(
            "--color",
            choices=["auto", "always", "never"],
            default="auto",
            help="colour the text report (auto: stdout is a terminal and NO_COLOR is unset)",
        )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="integfacts",
        description="Numeric fact-checking across languages: extract and reconcile figures.",
        epilog="Exit codes: 0 success; 1 an input could not be used (named on stderr; the"
        " others are still processed), --fail-on matched, or compare found a changed figure;"
        " 2 usage error.",
    )
    from integfacts import __version__  # noqa: PLC0415 - package metadata, read on use

    p.add_argument("--version", action="version", version=f"integfacts {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print every figure of the given files or folders")
    ex.add_argument("paths", nargs="+", help="text files, or folders (with manifest.toml)")
    ex.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _common(ex, report=False)
    ex.set_defaults(rate=None)
    rc = sub.add_parser("reconcile", help="compare the figures of many sources")
    rc.add_argument("paths", nargs="+", help="text files, or folders (with manifest.toml)")
    rc.add_argument("--format", choices=_FORMATS, default="text")
    rc.add_argument(
        "--fail-on",
        choices=["never", "contradiction", "any"],
        default="never",
        help="exit 1 when the report has a contradiction (or anything not agreeing)",
    )
    rc.add_argument("--rate", action="append", help="exchange rate CODE=VALUE in a common base")
    _common(rc)
    cp = sub.add_parser("compare", help="check that a translation keeps every figure")
    cp.add_argument("original", help="the original, or a bilingual .xlf .tmx .po .tsv .csv")
    cp.add_argument("translation", nargs="?", help="the translation (omit for a bilingual file)")
    cp.add_argument("--format", choices=_FORMATS, default="text")
    cp.add_argument("--rate", action="append", help="exchange rate CODE=VALUE in a common base")
    _common(cp)
    dm = sub.add_parser(
        "demo", help="reconcile the sample news texts shipped with integfacts (no files needed)"
    )
    dm.add_argument("--format", choices=_FORMATS, default="text")
    dm.add_argument("--texts", action="store_true", help="print the sample texts instead")
    dm.add_argument("-q", "--quiet", action="store_true", help="no note on stderr")
    _common(dm, files=False)
    dm.set_defaults(lang=None, encoding="utf-8", concepts=None, rate=None, fail_on="never")
    return p


def _user_lexicon(path: str | None) -> Any:
    """The ``--concepts`` file as a lexicon (``None`` without one).

    Raises:
        UsageError: the file is missing or invalid; the message names it and the key.
    """
    if path is None:
        return None
    from integfacts.concepts import load_concepts  # noqa: PLC0415 - keep CLI start-up light

    try:
        return load_concepts(path)
    except ValueError as exc:
        raise UsageError(f"--concepts: {exc}") from None


def _check_encoding(encoding: str) -> None:
    try:
        _codec(encoding)
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {encoding!r}") from None


_COMMANDS = {
    "extract": _cmd_extract,
    "reconcile": _cmd_reconcile,
    "compare": _cmd_compare,
    "demo": _cmd_demo,
}


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit code (see the module docstring).

    ``out`` and ``err`` default to ``sys.stdout`` and ``sys.stderr``; help
    and version go to ``out``, usage errors to ``err`` (exit code 2).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        _check_encoding(args.encoding)
        args.lexicon = _user_lexicon(args.concepts)
        args.rates = _rates(args.rate)
    except UsageError as exc:  # one line, no traceback
        message = _cli_words(str(exc))
        print(f"integfacts: error: {message}", file=err)
        return 2
    try:
        return _COMMANDS[args.command](args, out, err)
    except BrokenPipeError:  # output piped into "head": stop quietly
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: no traceback, the shell's code for SIGINT
        print("\nintegfacts: interrupted", file=err)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
