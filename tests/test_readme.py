"""The README's quick start and CI agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run contains the README's test command verbatim."""
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = 'python -m pip install ".[test]" && python -m pytest'
    assert command in readme
    assert command in ci


def test_import_does_no_work() -> None:
    """Importing integfacts loads no data, compiles no pattern and imports no heavy library."""
    code = (
        "import sys, integfacts\n"
        "heavy = [m for m in ('dateparser', 'rapidfuzz', 'hypothesis', 'pytest', 'jdatetime',"
        " 'integfacts.numbers', 'integfacts.extraction', 'tomllib') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported at import time: {out.stdout.strip()}"
