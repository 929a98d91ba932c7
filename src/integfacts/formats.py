"""Bilingual files: XLIFF 1.2 and 2.0, TMX, PO, aligned TSV/CSV.

:func:`read_bilingual` reads the aligned segments of a file translators work
with; :func:`compare_file` checks every segment with
:func:`integfacts.translation.compare_segments` and :func:`render_segments`
prints the result per segment, with the segment ids of the file.

XML formats are parsed with ``defusedxml`` (no entity expansion, no external
entities: a hostile file cannot exhaust memory or read local files); PO files
with ``polib``. Inline markup inside a segment (``<g>``, ``<ph>``, ``<pc>``,
``<bpt>`` ...) is read as its text content.

Languages come from the file (XLIFF ``source-language``/``target-language``
or ``srcLang``/``trgLang``, TMX ``srclang`` and ``xml:lang``, the PO
``Language`` header, a TSV/CSV header row naming language codes), else from
the arguments, else they are detected from the text.

Example:
    >>> import pathlib, tempfile
    >>> tsv = "en\\tid\\nExports rose 9.6%.\\tEkspor naik 9,6%.\\n"
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pairs.tsv"
    >>> _ = path.write_text(tsv, "utf-8")
    >>> f = read_bilingual(path)
    >>> (f.format, f.source_lang, f.target_lang, f.segments[0][0])
    ('tsv', 'en', 'id', '2')
    >>> [r.ok for r in compare_file(path)]
    [True]
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from integfacts.languages import available
from integfacts.translation import SegmentResult, compare_segments

if TYPE_CHECKING:
    import argparse
    from xml.etree.ElementTree import Element

    from integfacts.extraction import ConceptsArg

__all__ = [
    "Bilingual",
    "BilingualFileError",
    "compare_file",
    "read_bilingual",
    "render_segments",
]


class BilingualFileError(ValueError):
    """A bilingual file that cannot be read: the message names the file and the problem."""


@attrs.frozen
class Bilingual:
    """The aligned segments of a bilingual file.

    Attributes:
        path: the file.
        format: ``"xliff-1.2"``, ``"xliff-2.0"``, ``"tmx"``, ``"po"``, ``"tsv"`` or ``"csv"``.
        source_lang: the original's language code (``None``: not stated).
        target_lang: the translation's language code (``None``: not stated).
        segments: ``(id, source, target)`` for every segment with a translation.
    """

    path: str
    format: str
    source_lang: str | None
    target_lang: str | None
    segments: tuple[tuple[str, str, str], ...]


def _code(tag: str | None) -> str | None:
    """``en-US`` -> ``en``; ``None`` for nothing or an unsupported language."""
    if not tag:
        return None
    code = re.split(r"[-_@.]", tag.strip(), maxsplit=1)[0].casefold()
    return code or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(el: Element | None) -> str:
    if el is None:
        return ""
    return "".join(el.itertext()).strip()


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _xml(path: Path) -> Element:
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.ElementTree import parse  # noqa: PLC0415

    try:
        root: Element = parse(str(path)).getroot()
    except (ParseError, DefusedXmlException) as exc:
        raise BilingualFileError(f"{path}: not a well-formed, safe XML file: {exc}") from None
    return root


def _xliff(path: Path, root: Element) -> Bilingual:
    version = root.get("version", "")
    if version.startswith("2"):
        src, tgt = _code(root.get("srcLang")), _code(root.get("trgLang"))
        segs: list[tuple[str, str, str]] = []
        for unit in root.iter():
            if _local(unit.tag) != "unit":
                continue
            uid = unit.get("id", str(len(segs) + 1))
            parts = [el for el in unit.iter() if _local(el.tag) == "segment"]
            for k, seg in enumerate(parts):
                source = target = None
                for child in seg:
                    if _local(child.tag) == "source":
                        source = child
                    elif _local(child.tag) == "target":
                        target = child
                if target is None or not _text(target):
                    continue
                sid = uid if len(parts) == 1 else f"{uid}/{seg.get('id', str(k + 1))}"
                segs.append((sid, _text(source), _text(target)))
        return Bilingual(str(path), "xliff-2.0", src, tgt, tuple(segs))
    src = tgt = None
    segs = []
    for f in root.iter():
        if _local(f.tag) != "file":
            continue
        src = src or _code(f.get("source-language"))
        tgt = tgt or _code(f.get("target-language"))
        for tu in f.iter():
            if _local(tu.tag) != "trans-unit":
                continue
            source = target = None
            for child in tu:
                if _local(child.tag) == "source":
                    source = child
                elif _local(child.tag) == "target":
                    target = child
            if target is None or not _text(target):
                continue
            segs.append((tu.get("id", str(len(segs) + 1)), _text(source), _text(target)))
    return Bilingual(str(path), "xliff-1.2", src, tgt, tuple(segs))


def _tmx(path: Path, root: Element, source_lang: str | None) -> Bilingual:
    header = next((el for el in root.iter() if _local(el.tag) == "header"), None)
    src = source_lang or _code(header.get("srclang") if header is not None else None)
    if src == "*all*":
        src = None
    tgt: str | None = None
    segs: list[tuple[str, str, str]] = []
    for k, tu in enumerate((el for el in root.iter() if _local(el.tag) == "tu"), start=1):
        tuvs: list[tuple[str | None, str]] = []
        for tuv in tu:
            if _local(tuv.tag) != "tuv":
                continue
            seg = next((el for el in tuv if _local(el.tag) == "seg"), None)
            tuvs.append((_code(tuv.get(_XML_LANG) or tuv.get("lang")), _text(seg)))
        if len(tuvs) < 2:
            continue
        if src is None:
            src = tuvs[0][0]
        source = next((t for lang, t in tuvs if lang == src), tuvs[0][1])
        others = [(lang, t) for lang, t in tuvs if lang != src]
        if not others or not others[0][1]:
            continue
        tgt = tgt or others[0][0]
        segs.append((tu.get("tuid", str(k)), source, others[0][1]))
    return Bilingual(str(path), "tmx", src, tgt, tuple(segs))


def _po(path: Path) -> Bilingual:
    import polib  # noqa: PLC0415

    try:
        po = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise BilingualFileError(f"{path}: not a readable PO file: {exc}") from None
    tgt = _code(po.metadata.get("Language"))
    src = _code(po.metadata.get("X-Source-Language"))
    segs = []
    for e in po:
        if e.obsolete or not e.msgstr or not e.msgid:
            continue
        sid = e.msgctxt or f"line {e.linenum}"
        segs.append((sid, e.msgid, e.msgstr))
    return Bilingual(str(path), "po", src, tgt, tuple(segs))


_HEADERS = {"source", "target", "id", "original", "translation"}
_LANG_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$")
"""A header cell that is a language tag: ``en``, ``id``, ``vi-VN``, ``fa_IR``."""


def _table(path: Path, fmt: str) -> Bilingual:
    text = path.read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ","))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return Bilingual(str(path), fmt, None, None, ())
    head = [c.strip().casefold() for c in rows[0]]
    codes = {_code(c) for c in head if _LANG_TAG.match(c)}
    src = tgt = None
    first = 1
    cols = (0, 1) if len(head) == 2 else (1, 2)
    id_col: int | None = None if len(head) == 2 else 0
    if set(head) & _HEADERS or any(_code(c) in codes for c in head):
        langs = [(k, _code(c)) for k, c in enumerate(head) if _code(c) in codes]
        named = {c: k for k, c in enumerate(head)}
        id_first = len(langs) > 2 and head[0] == "id"  # "id" names the id column here
        if id_first:
            langs = langs[1:]
        if len(langs) >= 2:
            cols = (langs[0][0], langs[1][0])
            src, tgt = langs[0][1], langs[1][1]
        else:
            s = named.get("source", named.get("original"))
            t = named.get("target", named.get("translation"))
            if s is None or t is None:
                raise BilingualFileError(
                    f"{path}: the header row names no source and target columns"
                    " (use 'source'/'target' or two language codes)"
                )
            cols = (s, t)
        id_col = 0 if id_first else named.get("id")
        if id_col in cols:  # "id" is Indonesian here
            id_col = None
    else:
        first = 0
    segs = []
    for n, row in enumerate(rows[first:], start=first + 1):
        if max(cols) >= len(row):
            raise BilingualFileError(f"{path}: row {n} has {len(row)} columns, not a pair")
        sid = row[id_col] if id_col is not None and id_col < len(row) else str(n)
        if row[cols[1]].strip():
            segs.append((sid, row[cols[0]], row[cols[1]]))
    return Bilingual(str(path), fmt, src, tgt, tuple(segs))


_SUFFIX = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".pot": "po",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
}


def read_bilingual(
    path: str | os.PathLike[str],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Bilingual:
    """Read the aligned segments of a bilingual file, by its extension.

    ``.xlf``/``.xliff`` (XLIFF 1.2 or 2.0, by its ``version``), ``.tmx``,
    ``.po``, ``.tsv``, ``.csv``. Segments without a translation are skipped.
    ``source_lang``/``target_lang`` replace what the file states.

    Raises:
        BilingualFileError: an unknown extension, a file that is not
            well-formed (or declares entities), a PO file that cannot be
            parsed, a table without a source and a target column; the message
            names the file.
        OSError: the file cannot be opened.
    """
    p = Path(path)
    kind = _SUFFIX.get(p.suffix.casefold())
    if kind is None:
        raise BilingualFileError(
            f"{p}: unknown bilingual file type {p.suffix or '(no extension)'!r};"
            " expected .xlf/.xliff, .tmx, .po, .tsv or .csv"
        )
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    if kind == "xliff":
        got = _xliff(p, _xml(p))
    elif kind == "tmx":
        got = _tmx(p, _xml(p), source_lang)
    elif kind == "po":
        got = _po(p)
    else:
        got = _table(p, kind)
    return attrs.evolve(
        got,
        source_lang=source_lang or got.source_lang,
        target_lang=target_lang or got.target_lang,
    )


def _language(stated: str | None, texts: Sequence[str], path: str, side: str) -> str:
    from integfacts.langid import detect_language  # noqa: PLC0415

    if stated in available():
        assert stated is not None
        return stated
    if stated is not None:
        raise BilingualFileError(
            f"{path}: the {side} language {stated!r} is not supported"
            f" (supported: {', '.join(available())})"
        )
    sample = "\n".join(texts[:200])
    code = detect_language(sample) if sample.strip() else None
    if code is None:
        raise BilingualFileError(f"{path}: the {side} language is not stated and not detected")
    return code


def compare_file(
    path: str | os.PathLike[str],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    rates: Mapping[str, Decimal] | None = None,
    concepts: ConceptsArg = None,
) -> list[SegmentResult]:
    """Check every segment of a bilingual file; one :class:`SegmentResult` per segment.

    Raises:
        BilingualFileError: see :func:`read_bilingual`; also a language that
            is neither stated, given nor detected, or is not supported.
    """
    f = read_bilingual(path, source_lang=source_lang, target_lang=target_lang)
    src = _language(f.source_lang, [s for _, s, _ in f.segments], f.path, "source")
    tgt = _language(f.target_lang, [t for _, _, t in f.segments], f.path, "target")
    name = Path(f.path).name
    return compare_segments(
        f.segments,
        source_lang=src,
        target_lang=tgt,
        rates=rates,
        concepts=concepts,
        source_label=f"{name} (source)",
        target_label=f"{name} (target)",
    )


# ------------------------------------------------------------------ rendering


def _claim_dict(c: Any, text: str, lang: str) -> dict[str, Any]:
    from integfacts.units import read_unit  # noqa: PLC0415

    m = read_unit(text, c.span.end, lang) if lang and c.quantity.unit is None else None
    return {
        "text": c.text,
        "span": [c.span.start, c.span.end],
        "value": str(c.quantity.value),
        "upper": None if c.quantity.upper is None else str(c.quantity.upper),
        "unit": c.quantity.unit,
        "measure": None if m is None else m.unit,
        "qualifier": c.quantity.qualifier.value,
    }


def _segment_dict(r: SegmentResult, side: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": r.id,
        "ok": r.ok,
        "source": r.source,
        "target": r.target,
        "findings": [
            {
                "verdict": f.verdict.value,
                "diagnosis": f.diagnosis.value,
                "reason": f.reason,
                "original": _claim_dict(f.claims[0], r.source, r.source_lang),
                "translation": _claim_dict(f.claims[1], r.target, r.target_lang),
            }
            for f in r.report.findings
        ],
        "unmatched": [_unmatched_dict(r, c, side) for c in r.report.unmatched],
    }


def _unmatched_dict(r: SegmentResult, c: Any, side: Mapping[str, str]) -> dict[str, Any]:
    where = side.get(c.source, c.source)
    text, lang = (r.source, r.source_lang) if where == "original" else (r.target, r.target_lang)
    return {"side": where, **_claim_dict(c, text, lang)}


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _sides(results: Sequence[SegmentResult]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in results[:1]:
        docs = r.report.documents
        for d in docs:
            out[d] = "original" if d.endswith("(source)") else "translation"
    for r in results:
        for c in r.report.claims:
            out.setdefault(c.source, "original" if c.source.endswith("(source)") else "translation")
    return out


def render_segments(results: Sequence[SegmentResult], *, fmt: str = "text", path: str = "") -> str:
    """The per-segment report as ``text``, ``json`` or ``markdown``.

    Only segments with a contradiction or an unmatched figure are listed in
    ``text`` and ``markdown``; ``json`` has every segment.

    Raises:
        ValueError: another ``fmt``.
    """
    sides = _sides(results)
    bad = [r for r in results if not r.ok]
    n_contra = sum(len(r.report.contradictions) for r in results)
    n_unmatched = sum(len(r.report.unmatched) for r in results)
    n_agree = sum(len(r.report.agreements) for r in results)
    summary = (
        f"{_n(len(results), 'segment')}, {len(bad)} with a problem:"
        f" {_n(n_contra, 'contradiction')}, {_n(n_unmatched, 'unmatched figure')};"
        f" {_n(n_agree, 'figure')} kept"
    )
    if fmt == "json":
        data = {
            "file": path,
            "segments": [_segment_dict(r, sides) for r in results],
            "summary": {
                "segments": len(results),
                "with_problems": len(bad),
                "contradictions": n_contra,
                "unmatched": n_unmatched,
                "agreements": n_agree,
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = [f"# integfacts translation check: {path}".rstrip(": "), "", summary + ".", ""]
        if bad:
            lines += ["| segment | problem | original | translation |", "|---|---|---|---|"]
        for r in bad:
            for f in r.report.contradictions:
                a, b = f.claims[0], f.claims[1]
                lines.append(f"| {_md(r.id)} | {_md(f.reason)} | {_md(a.text)} | {_md(b.text)} |")
            for c in r.report.unmatched:
                where = sides.get(c.source, "")
                what = "missing from the translation" if where == "original" else "added"
                cells = (c.text, "") if where == "original" else ("", c.text)
                lines.append(f"| {_md(r.id)} | figure {what} | {_md(cells[0])} | {_md(cells[1])} |")
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} for a bilingual file: text, json or markdown")
    lines = [f"{path}: {summary}" if path else summary]
    for r in bad:
        for f in r.report.contradictions:
            lines.append(f"segment {r.id}: CONTRADICT ({f.diagnosis.value}) {f.reason}")
            lines.append(f"    original:    {_quote(r.source, f.claims[0])}")
            lines.append(f"    translation: {_quote(r.target, f.claims[1])}")
        for c in r.report.unmatched:
            where = sides.get(c.source, "")
            text = r.source if where == "original" else r.target
            what = (
                "missing from the translation"
                if where == "original"
                else "added by the translation"
            )
            lines.append(f"segment {r.id}: UNMATCHED figure {what}: {c.text!r}")
            lines.append(f"    {where + ':':12} {_quote(text, c)}")
    return "\n".join(lines) + "\n"


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _quote(text: str, c: Any) -> str:
    """The segment with the figure's words marked: ``… naik »9,6%« pada …``."""
    a, b = c.span.start, c.span.end
    if not (0 <= a <= b <= len(text)) or text[a:b] != c.text:
        return text.replace("\n", " ")
    return (text[:a] + "»" + text[a:b] + "«" + text[b:]).replace("\n", " ")


def cli_compare_file(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``integfacts compare FILE``: check a bilingual file; exit 1 on any problem.

    Used by :mod:`integfacts.cli` (the ``compare`` subcommand given one path).
    """
    from integfacts.cli import _emit, _rates  # noqa: PLC0415

    fmt = {"text": "text", "json": "json", "markdown": "markdown"}.get(args.format)
    if fmt is None:
        print(
            f"integfacts: error: --format {args.format} is not available for a bilingual file"
            " (text, json or markdown)",
            file=err,
        )
        return 2
    try:
        results = compare_file(
            args.original,
            rates=_rates(args.rate),
            concepts=args.lexicon,
        )
    except (BilingualFileError, OSError) as exc:
        print(f"integfacts: error: {exc}", file=err)
        return 1
    if not _emit(render_segments(results, fmt=fmt, path=args.original), args.output, out, err):
        return 1
    return 0 if all(r.ok for r in results) else 1
