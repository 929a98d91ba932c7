"""The documentation: its pages and links, the JSON report schema, and its examples."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCHEMA_PATH = DOCS / "report.schema.json"
TRANSLATION = DOCS / "examples" / "translation"

PAGES = sorted(
    p for p in DOCS.rglob("*.md") if not {"_build", "examples"} & set(p.relative_to(DOCS).parts)
)

_FENCE = re.compile(r"^(`{3,}|:{3,})\{?([\w-]*)\}?[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_DOWNLOAD = re.compile(r"\{download\}`(?:[^`<]*<)?([^`>]+)>?`")
_DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
_INCLUDES = ("include", "literalinclude")


def _fences(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (name, argument, body) of each fenced block: code language or directive name."""
    for m in _FENCE.finditer(text):
        yield m.group(2), m.group(3).strip(), m.group(4)


def _prose(text: str) -> str:
    """The page without its fenced blocks (where links are markup, not examples)."""
    return _FENCE.sub("", text)


def _toctree_entries(page: Path) -> list[Path]:
    """The pages a page's toctrees list, as paths of .md files."""
    entries = []
    for name, _arg, body in _fences(page.read_text("utf-8")):
        if name != "toctree":
            continue
        for raw in body.splitlines():
            line = raw.strip()
            if not line or line.startswith(":"):
                continue
            target = re.sub(r"^.*<(.+)>$", r"\1", line)
            entries.append((page.parent / target).with_suffix(".md").resolve())
    return entries


def _local_references(page: Path) -> list[str]:
    """Files a page refers to: Markdown links, {doc} pages, downloads, includes."""
    text = page.read_text("utf-8")
    refs = [m for m in _LINK.findall(_prose(text)) if not re.match(r"[a-z]+:|#", m)]
    refs += [f"{d}.md" for d in _DOC.findall(_prose(text))]
    refs += _DOWNLOAD.findall(_prose(text))
    refs += [arg for name, arg, _ in _fences(text) if name in _INCLUDES]
    return [r.split("#")[0] for r in refs if r.split("#")[0]]


class TestPages:
    """Every page is reachable, and every file a page refers to exists."""

    def test_there_is_an_index(self) -> None:
        """docs/ has its conf.py and a root page."""
        assert (DOCS / "conf.py").is_file()
        assert (DOCS / "index.md").is_file()

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
    def test_toctree_entries_exist(self, page: Path) -> None:
        """Each toctree entry names an existing page."""
        missing = [str(e.relative_to(DOCS)) for e in _toctree_entries(page) if not e.is_file()]
        assert not missing, f"{page.name}: toctree entries without a page: {missing}"

    def test_no_orphan_pages(self) -> None:
        """Every page except the root is listed in some toctree."""
        listed = {e for page in PAGES for e in _toctree_entries(page)}
        orphans = [
            p.relative_to(DOCS).as_posix()
            for p in PAGES
            if p != DOCS / "index.md" and p.resolve() not in listed
        ]
        assert not orphans, f"pages in no toctree: {orphans}"

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
    def test_referenced_files_exist(self, page: Path) -> None:
        """Local links, {doc} pages, downloads and included files of a page exist."""
        missing = [r for r in _local_references(page) if not (page.parent / r).exists()]
        assert not missing, f"{page.name}: references to missing files: {missing}"


# ------------------------------------------------------------- the report schema


def _cli_json(*args: str) -> Any:
    """The JSON report the command line prints (run in a fresh interpreter)."""
    out = subprocess.run(
        [sys.executable, "-m", "integfacts", *args, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def schema() -> Any:
    """The documented schema of the JSON report."""
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    """JSON reports to check: the seeds' reconciliation and the translation example."""
    return {
        "seeds": _cli_json("reconcile", "seeds/"),
        "translation": _cli_json(
            "compare",
            str(TRANSLATION / "original.txt"),
            str(TRANSLATION / "translation.txt"),
        ),
    }


_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "examples"}


def _check(value: Any, node: Any, root: Any, where: str) -> list[str]:
    """Validate ``value`` against the subset of JSON Schema the report schema uses.

    Written by hand so that the schema is checked even without ``jsonschema``;
    an unknown keyword is an error, so the subset cannot silently shrink.
    """
    errors: list[str] = []
    for key in node:
        if key in _ANNOTATIONS:
            continue
        rule = node[key]
        if key == "$ref":
            target = root
            for part in rule.removeprefix("#/").split("/"):
                target = target[part]
            errors += _check(value, target, root, where)
        elif key == "anyOf":
            if all(_check(value, alt, root, where) for alt in rule):
                errors.append(f"{where}: {value!r} matches no alternative")
        elif key == "type":
            if not any(_is_type(value, t) for t in ([rule] if isinstance(rule, str) else rule)):
                errors.append(f"{where}: {value!r} is not of type {rule}")
        elif key == "const":
            if value != rule or type(value) is not type(rule):
                errors.append(f"{where}: {value!r} is not {rule!r}")
        elif key == "enum":
            if value not in rule:
                errors.append(f"{where}: {value!r} is not one of {rule}")
        elif key in ("pattern", "format"):
            if isinstance(value, str) and not _string_ok(value, key, rule):
                errors.append(f"{where}: {value!r} does not match {key} {rule!r}")
        elif key in ("minimum", "maximum", "minItems", "maxItems", "uniqueItems"):
            if not _bound_ok(value, key, rule):
                errors.append(f"{where}: {value!r} violates {key}={rule!r}")
        elif key in ("required", "properties", "additionalProperties"):
            if isinstance(value, dict):
                errors += _check_object(value, key, rule, node, root, where)
        elif key in ("items", "prefixItems"):
            if isinstance(value, list):
                errors += _check_items(value, key, node, root, where)
        else:
            errors.append(f"{where}: the hand check does not know the keyword {key!r}")
    return errors


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    kinds = {"string": str, "boolean": bool, "array": list, "object": dict}
    if name == "null":
        return value is None
    return isinstance(value, kinds[name])


def _string_ok(value: str, key: str, rule: str) -> bool:
    if key == "pattern":
        return re.search(rule, value) is not None
    assert rule == "date", f"the hand check does not know the format {rule!r}"
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _bound_ok(value: Any, key: str, rule: Any) -> bool:
    if key in ("minimum", "maximum"):
        if not _is_type(value, "number"):
            return True
        return value >= rule if key == "minimum" else value <= rule
    if not isinstance(value, list):
        return True
    if key == "minItems":
        return len(value) >= rule
    if key == "maxItems":
        return len(value) <= rule
    return not rule or len({json.dumps(v, sort_keys=True) for v in value}) == len(value)


def _check_object(
    value: dict[str, Any], key: str, rule: Any, node: Any, root: Any, where: str
) -> list[str]:
    if key == "required":
        return [f"{where}: missing key {k!r}" for k in rule if k not in value]
    if key == "properties":
        return [
            err
            for k, sub in rule.items()
            if k in value
            for err in _check(value[k], sub, root, f"{where}.{k}")
        ]
    assert rule is False, "the hand check knows only additionalProperties: false"
    extra = sorted(set(value) - set(node.get("properties", {})))
    return [f"{where}: unexpected key {k!r}" for k in extra]


def _check_items(value: list[Any], key: str, node: Any, root: Any, where: str) -> list[str]:
    if key == "prefixItems":
        return [
            err
            for i, (v, sub) in enumerate(zip(value, node[key], strict=False))
            for err in _check(v, sub, root, f"{where}[{i}]")
        ]
    start = len(node.get("prefixItems", []))
    rest = value[start:]
    if node[key] is False:
        return [f"{where}: {len(rest)} items past the prefix"] if rest else []
    return [
        err
        for i, v in enumerate(rest, start)
        for err in _check(v, node[key], root, f"{where}[{i}]")
    ]


class TestReportSchema:
    """docs/report.schema.json describes exactly the JSON report integfacts writes."""

    def test_the_schema_is_draft_2020_12(self, schema: Any) -> None:
        """The schema declares JSON Schema draft 2020-12 and the report's identity."""
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["properties"]["schema"]["const"] == "integfacts.report"

    def test_the_schema_version_is_the_report_version(self, schema: Any) -> None:
        """The schema documents the version the code writes."""
        from integfacts.report import SCHEMA_VERSION  # noqa: PLC0415 - after collection

        assert schema["properties"]["version"]["const"] == SCHEMA_VERSION

    @pytest.mark.parametrize("name", ["seeds", "translation"])
    def test_reports_pass_the_hand_check(
        self, schema: Any, reports: dict[str, Any], name: str
    ) -> None:
        """The report has every documented key, no other key, and the documented types."""
        errors = _check(reports[name], schema, schema, "$")
        assert not errors, "\n".join(errors[:20])

    def test_the_hand_check_catches_drift(self, schema: Any, reports: dict[str, Any]) -> None:
        """A float amount, a missing key and an unknown key are each reported."""
        report = json.loads(json.dumps(reports["seeds"]))
        claim = report["findings"][0]["claims"][0]
        claim["value"] = float(claim["value"])
        del claim["span"]
        claim["confidence"] = 1
        errors = "\n".join(_check(report, schema, schema, "$"))
        assert "value" in errors
        assert "missing key 'span'" in errors
        assert "unexpected key 'confidence'" in errors

    def test_the_seeds_report_covers_the_schema(self, reports: dict[str, Any]) -> None:
        """The seeds' report has findings of every verdict and unmatched claims to check."""
        verdicts = {f["verdict"] for f in reports["seeds"]["findings"]}
        assert verdicts == {"agree", "contradict", "not_comparable"}
        assert reports["seeds"]["unmatched"]
        assert reports["translation"]["unmatched"]

    @pytest.mark.parametrize("name", ["seeds", "translation"])
    def test_reports_validate_with_jsonschema(
        self, schema: Any, reports: dict[str, Any], name: str
    ) -> None:
        """The report validates against the schema with the jsonschema library."""
        jsonschema = pytest.importorskip("jsonschema")
        validator_class = jsonschema.Draft202012Validator
        validator_class.check_schema(schema)
        validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(reports[name])
        ]
        assert not errors, "\n".join(errors[:20])


# -------------------------------------------------------------- the examples

_PYCON = re.compile(r"^```pycon[^\n]*\n(.*?)^```", re.M | re.S)

_RUNNER = """
import doctest, re, sys
from pathlib import Path
page = Path(sys.argv[1])
blocks = re.findall(r"^```pycon[^\\n]*\\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)
test = doctest.DocTestParser().get_doctest(
    "\\n".join(blocks), {"__name__": "__docs__"}, page.name, str(page), 0
)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
runner.run(test)
sys.exit(1 if runner.summarize(verbose=False).failed else 0)
"""

EXAMPLE_PAGES = [p for p in PAGES if _PYCON.search(p.read_text("utf-8"))]


@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_examples_run(page: Path) -> None:
    """The page's Python examples (pycon blocks) give the output they show."""
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
