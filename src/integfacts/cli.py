"""The ``integfacts`` command.

- ``integfacts extract PATH...`` prints every figure of the given files (or
  folders) as a table, JSON or CSV.
- ``integfacts reconcile PATH...`` compares the figures of all the files and
  prints which sources agree, which contradict, and why (text, JSON,
  Markdown or HTML; ``--fail-on contradiction`` for CI).
- ``integfacts compare ORIGINAL TRANSLATION`` checks that a translation kept
  every figure.

A folder with a ``manifest.toml`` (like ``seeds/``) gives each file's
language, date, source and subject.

``--concepts FILE`` (on all three) adds the user's concept terms: a TOML file
shaped like the built-in lexicon (``[concepts]``, ``[concepts.<lang>]``).

Exit codes: 0 success; 1 some files could not be read (the others are still
processed, and each failure is reported on stderr) or ``--fail-on`` matched;
2 usage error (including an invalid ``--concepts`` file).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import sys
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


def load_document(path: Path, row: dict[str, Any], *, lang: str | None) -> Any:
    """Read one file as a :class:`~integfacts.Document`.

    Raises:
        InputError: unreadable file, binary content, bad metadata.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark
        try:
            return _document(path, row, data.decode("utf-16"), lang)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return _document(path, row, text, lang)


def _document(path: Path, row: dict[str, Any], text: str, lang: str | None) -> Any:
    from integfacts.model import Document  # noqa: PLC0415 - keep CLI start-up light

    published = row.get("published")
    if published is not None and not isinstance(published, datetime.date):
        try:
            published = datetime.date.fromisoformat(str(published))
        except ValueError as exc:
            raise InputError(f"{path}: manifest date {published!r} is not YYYY-MM-DD") from exc
    return Document(
        text,
        source=str(row.get("source") or path.as_posix()),
        lang=lang or row.get("lang"),
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


def _claim_row(path: Path, c: Any) -> dict[str, Any]:
    q = c.quantity
    return {
        "file": path.as_posix(),
        "start": c.span.start,
        "end": c.span.end,
        "text": c.text,
        "value": str(q.value),
        "unit": q.unit or "",
        "qualifier": q.qualifier.value,
        "low": "" if q.low is None else str(q.low),
        "high": "" if q.high is None else str(q.high),
        "kind": c.kind.value,
        "change": c.change,
        "metric": c.metric or "",
        "metric_phrase": c.metric_phrase,
        "subject": c.subject or "",
        "period_start": c.period.start.isoformat() if c.period and c.period.start else "",
        "period_end": c.period.end.isoformat() if c.period and c.period.end else "",
        "period_source": c.period_source.value,
        "lang": c.lang,
        "source": c.source,
    }


def _cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from integfacts.extraction import extract  # noqa: PLC0415

    rows: list[dict[str, Any]] = []
    failed = 0
    inputs = list(iter_inputs(args.paths))
    for path, row, problem in inputs:
        if problem is not None:
            print(f"integfacts: error: {problem}", file=err)
            failed += 1
            continue
        try:
            doc = load_document(path, row, lang=args.lang)
            claims = extract(doc, concepts=args.lexicon)
        except (InputError, ValueError, TypeError) as exc:
            print(f"integfacts: error: {exc}", file=err)
            failed += 1
            continue
        rows.extend(_claim_row(path, c) for c in claims)
    if args.format == "json":
        json.dump({"version": 1, "claims": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
        w.writeheader()
        w.writerows(rows)
        out.write(buf.getvalue())
    else:
        _print_table(rows, out)
    if failed:
        print(f"integfacts: {failed} of {len(inputs)} files failed", file=err)
    return 1 if failed else 0


def _load_all(
    paths: Sequence[str], lang: str | None, err: TextIO, *, progress: bool
) -> tuple[list[Any], int, int]:
    """Documents of every readable input; (documents, failures, inputs)."""
    inputs = list(iter_inputs(paths))
    docs = []
    failed = 0
    show = progress and len(inputs) >= 20 and err.isatty()
    for n, (path, row, problem) in enumerate(inputs, 1):
        if show:
            print(f"\rreading {n}/{len(inputs)}", end="", file=err, flush=True)
        if problem is not None:
            print(f"integfacts: error: {problem}", file=err)
            failed += 1
            continue
        try:
            docs.append(load_document(path, row, lang=lang))
        except InputError as exc:
            print(f"integfacts: error: {exc}", file=err)
            failed += 1
    if show:
        print(file=err)
    return docs, failed, len(inputs)


def _render(report: Any, fmt: str) -> str:
    if fmt == "json":
        return str(report.to_json()) + "\n"
    if fmt == "markdown":
        return str(report.to_markdown()) + "\n"
    if fmt == "html":
        return str(report.to_html()) + "\n"
    if fmt == "claimreview":
        return json.dumps(report.to_claimreview(), ensure_ascii=False, indent=2) + "\n"
    return str(report.to_text())


def _emit(text: str, output: str | None, out: TextIO, err: TextIO) -> bool:
    if output is None:
        out.write(text)
        return True
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"integfacts: error: cannot write {output}: {exc.strerror or exc}", file=err)
        return False
    return True


def _cmd_reconcile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from integfacts.reconciliation import reconcile  # noqa: PLC0415

    docs, failed, total = _load_all(args.paths, args.lang, err, progress=True)
    try:
        report = reconcile(docs, rates=_rates(args.rate), concepts=args.lexicon)
    except (ValueError, TypeError) as exc:
        print(f"integfacts: error: {exc}", file=err)
        return 1
    if not _emit(_render(report, args.format), args.output, out, err):
        return 1
    if failed:
        print(f"integfacts: {failed} of {total} files failed", file=err)
    if args.fail_on == "contradiction" and report.contradictions:
        return 1
    if args.fail_on == "any" and (report.contradictions or report.not_comparable):
        return 1
    return 1 if failed else 0


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from integfacts.reconciliation import compare  # noqa: PLC0415

    docs, failed, _ = _load_all([args.original, args.translation], args.lang, err, progress=False)
    if failed or len(docs) != 2:
        return 1
    report = compare(docs[0], docs[1], rates=_rates(args.rate), concepts=args.lexicon)
    if not _emit(_render(report, args.format), args.output, out, err):
        return 1
    return 1 if (report.contradictions or report.unmatched) else 0


def _rates(pairs: Sequence[str] | None) -> dict[str, Any] | None:
    """``--rate VND=0.0000393`` (value of one unit in a common base) -> mapping."""
    if not pairs:
        return None
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    out = {}
    for p in pairs:
        code, _, value = p.partition("=")
        try:
            out[code.strip().upper()] = Decimal(value)
        except InvalidOperation:
            raise SystemExit(f"integfacts: error: --rate {p!r}: expected CODE=NUMBER") from None
    return out


def _print_table(rows: Sequence[dict[str, Any]], out: TextIO) -> None:
    cols = [
        ("file", 10),
        ("text", 34),
        ("value", 18),
        ("unit", 4),
        ("qualifier", 9),
        ("metric", 22),
        ("period", 21),
    ]
    out.write("  ".join(name.ljust(w) for name, w in cols).rstrip() + "\n")
    for r in rows:
        y0, y1 = r["period_start"][:4], r["period_end"][:4]
        period = y0 if y0 and y0 == y1 else f"{y0 or '..'}-{y1 or '..'}"
        if period == "..-..":
            period = ""
        vals = {
            "file": Path(r["file"]).name[:10],
            "text": r["text"].replace("\n", " "),
            "value": r["value"] + ("" if r["change"] is False else " (chg)"),
            "unit": r["unit"],
            "qualifier": r["qualifier"],
            "metric": r["metric"] or f"~{r['metric_phrase']}",
            "period": period,
        }
        line = "  ".join(_fit(vals[name], w) for name, w in cols)
        out.write(line.rstrip() + "\n")
    out.write(f"{len(rows)} claims\n")


def _fit(s: str, width: int) -> str:
    return (s[: width - 1] + "…") if len(s) > width else s.ljust(width)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="integfacts",
        description="Numeric fact-checking across languages: extract and reconcile figures.",
    )
    from integfacts import __version__  # noqa: PLC0415 - package metadata, read on use

    p.add_argument("--version", action="version", version=f"integfacts {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print every figure of the given files or folders")
    ex.add_argument("paths", nargs="+", help="text files, or folders (with manifest.toml)")
    ex.add_argument("--lang", help="language code for every file (default: manifest, detect)")
    ex.add_argument("--format", choices=["table", "json", "csv"], default="table")
    ex.add_argument("--concepts", metavar="FILE", help=_CONCEPTS_HELP)
    formats = ["text", "json", "markdown", "html", "claimreview"]
    rc = sub.add_parser("reconcile", help="compare the figures of many sources")
    rc.add_argument("paths", nargs="+", help="text files, or folders (with manifest.toml)")
    rc.add_argument("--lang", help="language code for every file (default: manifest, detect)")
    rc.add_argument("--format", choices=formats, default="text")
    rc.add_argument("-o", "--output", help="write the report to this file")
    rc.add_argument(
        "--fail-on",
        choices=["never", "contradiction", "any"],
        default="never",
        help="exit 1 when the report has a contradiction (or anything not agreeing)",
    )
    rc.add_argument("--rate", action="append", help="exchange rate CODE=VALUE in a common base")
    rc.add_argument("--concepts", metavar="FILE", help=_CONCEPTS_HELP)
    cp = sub.add_parser("compare", help="check that a translation keeps every figure")
    cp.add_argument("original")
    cp.add_argument("translation")
    cp.add_argument("--lang", help="language code for both files (default: manifest, detect)")
    cp.add_argument("--format", choices=formats, default="text")
    cp.add_argument("-o", "--output", help="write the report to this file")
    cp.add_argument("--rate", action="append", help="exchange rate CODE=VALUE in a common base")
    cp.add_argument("--concepts", metavar="FILE", help=_CONCEPTS_HELP)
    return p


_CONCEPTS_HELP = "TOML file of extra concept terms ([concepts] key = [terms]; [concepts.<lang>])"


def _user_lexicon(path: str | None) -> Any:
    """The ``--concepts`` file as a lexicon (``None`` without one).

    Raises:
        ValueError: the file is missing or invalid; the message names it and the key.
    """
    if path is None:
        return None
    from integfacts.concepts import load_concepts  # noqa: PLC0415 - keep CLI start-up light

    return load_concepts(path)


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        args.lexicon = _user_lexicon(args.concepts)
    except ValueError as exc:  # a usage error: one line, no traceback
        message = str(exc).replace("\n", " ")
        print(f"integfacts: error: --concepts: {message}", file=err)
        return 2
    try:
        if args.command == "extract":
            return _cmd_extract(args, out, err)
        if args.command == "reconcile":
            return _cmd_reconcile(args, out, err)
        if args.command == "compare":
            return _cmd_compare(args, out, err)
    except BrokenPipeError:  # output piped into "head": stop quietly
        sys.stderr.close()
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
