"""The API reference, the property-test how-to and the PyPI page (README) hold what they promise."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
API = ROOT / "docs" / "api.md"
README = ROOT / "README.md"
PROPERTY_TESTS = ROOT / "docs" / "howto" / "property-tests.md"
REPO = "https://github.com/integfacts/integfacts"

_DIRECTIVE = re.compile(r"^\.\. (?:auto)?(?:function|class|exception|data|module)::\s+(\S+)", re.M)
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def _documented() -> set[str]:
    """The dotted names the API reference documents (``.. autofunction::`` and friends)."""
    names = set()
    for name in _DIRECTIVE.findall(API.read_text("utf-8")):
        names.add(name if name.startswith("integfacts") else f"integfacts.{name}")
    return names


def _extras() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    return extras


class TestApiReference:
    """docs/api.md documents every public name, the strategies and the plugin's included."""

    @pytest.mark.parametrize(
        "module", ["integfacts", "integfacts.strategies", "integfacts.pytest_plugin"]
    )
    def test_every_public_name(self, module: str) -> None:
        """Each name in the module's __all__ has an autodoc entry in docs/api.md."""
        public = importlib.import_module(module).__all__
        missing = sorted(
            set(public)
            - {n.rpartition(".")[2] for n in _documented() if n.rpartition(".")[0] == module}
        )
        assert not missing, f"docs/api.md does not document {module}: {missing}"

    def test_strategies_and_checker(self) -> None:
        """The strategies and ClaimChecker (with its checks) are in the reference."""
        documented = _documented()
        assert {"integfacts.strategies.numerals", "integfacts.strategies.documents"} <= documented
        assert "integfacts.pytest_plugin.ClaimChecker" in documented
        text = API.read_text("utf-8")
        assert "assert_states, assert_no_contradictions, assert_translation" in text


class TestPropertyTestsPage:
    """The property-test how-to describes the strategies that exist, and its example runs."""

    def test_no_promise_of_future_work(self) -> None:
        """The page no longer says the strategies are being written."""
        text = PROPERTY_TESTS.read_text("utf-8")
        assert "being written" not in text
        assert "Until the strategies land" not in text

    def test_names_exist(self) -> None:
        """Every ``integfacts.strategies`` name the page's table lists exists."""
        strategies = importlib.import_module("integfacts.strategies")
        text = PROPERTY_TESTS.read_text("utf-8")
        listed = re.findall(r"^\| `(\w+)\(", text, re.M)
        assert set(listed) == {
            "numerals",
            "documents",
            "claims",
            "quantities",
            "periods",
            "languages",
        }
        assert all(callable(getattr(strategies, name)) for name in listed)

    def test_example_runs(self) -> None:
        """The page's Python example defines tests, and each passes (in a fresh interpreter)."""
        runner = (
            "import re, sys\n"
            "from pathlib import Path\n"
            "text = Path(sys.argv[1]).read_text('utf-8')\n"
            "ns = {'__name__': '__docs__'}\n"
            "for block in re.findall(r'^```python\\n(.*?)^```', text, re.M | re.S):\n"
            "    exec(compile(block, sys.argv[1], 'exec'), ns)\n"
            "tests = sorted(n for n in ns if n.startswith('test_'))\n"
            "for n in tests:\n"
            "    ns[n]()\n"
            "print(' '.join(tests))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", runner, str(PROPERTY_TESTS)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert out.stdout.split() == [
            "test_extraction_invents_nothing",
            "test_indonesian_numerals_round_trip",
            "test_reconcile_ignores_input_order",
        ]


class TestStrategiesExtra:
    """A small extra installs what integfacts.strategies needs, and nothing of the dev tools."""

    def test_extra(self) -> None:
        """[strategies] is Hypothesis alone, at the version [test] asks for."""
        extras = _extras()
        assert extras["strategies"] == ["hypothesis>=6.100"]
        assert "hypothesis>=6.100" in extras["test"]

    def test_import_error_names_the_extra(self) -> None:
        """Without Hypothesis, importing the strategies says which extra to install."""
        source = (ROOT / "src" / "integfacts" / "strategies.py").read_text("utf-8")
        assert 'pip install "integfacts[strategies]"' in source
        code = (
            "import sys\n"
            "sys.modules['hypothesis'] = None\n"  # as if Hypothesis were not installed
            "try:\n"
            "    import integfacts.strategies\n"
            "except ImportError as e:\n"
            "    print(e)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert 'pip install "integfacts[strategies]"' in out.stdout

    def test_docs_can_build_without_test_extra(self) -> None:
        """The docs extra has what autodoc imports for the strategies and the plugin."""
        docs = _extras()["docs"]
        assert any(r.startswith("hypothesis") for r in docs)
        assert any(r.startswith("pytest") for r in docs)


class TestPypiPage:
    """README.md is the PyPI page: its links work off GitHub and it starts without a clone."""

    def test_links_are_absolute(self) -> None:
        """Every Markdown link in README.md is an absolute https URL into the repository."""
        links = _LINK.findall(README.read_text("utf-8"))
        assert links, "the README links to its documentation"
        relative = [link for link in links if not link.startswith("https://")]
        assert not relative, f"relative links (broken on PyPI): {relative}"
        elsewhere = [link for link in links if not link.startswith(REPO)]
        assert not elsewhere, f"links outside the repository: {elsewhere}"

    def test_links_point_at_files(self) -> None:
        """Each blob/tree link names a file or folder of the repository."""
        for link in _LINK.findall(README.read_text("utf-8")):
            path = re.sub(rf"^{re.escape(REPO)}(/(blob|tree)/main/?)?", "", link).split("#")[0]
            assert (ROOT / path).exists(), f"{link}: no {path or '.'} in the repository"

    def test_quick_start_without_a_clone(self) -> None:
        """The quick start has a PyPI part: pip install integfacts, then integfacts demo."""
        text = README.read_text("utf-8")
        pypi = text[text.index("### From PyPI") : text.index("### From a clone")]
        commands = [body for lang, body in _FENCE.findall(pypi) if lang == "sh"]
        assert commands[0].split("\n")[:2] == [
            "python -m pip install integfacts",
            "integfacts demo",
        ]
        assert "seeds/" not in pypi, "the PyPI quick start needs no file of the repository"

    def test_clone_commands_unchanged(self) -> None:
        """The clone quick start keeps its two commands (CI repeats them verbatim)."""
        text = README.read_text("utf-8")
        clone = text[text.index("### From a clone") :]
        assert "python -m pip install . && integfacts reconcile seeds/" in clone
        assert 'python -m pip install ".[test]" && python -m pytest' in clone
