"""Start-up costs, each in a fresh subprocess: import, first ``extract()``, the CLI.

Measured (wall-clock, median of ``--repeat`` fresh processes, default 7):

- ``python -c pass``: the interpreter alone, for reference;
- ``import integfacts``: time inside the process (``perf_counter`` around the
  import) and wall time of the whole process;
- ``import integfacts`` + first ``extract()`` of seed 000 (with its manifest
  language and date): the cost of loading the language data, compiling the
  patterns and importing what extraction needs;
- the CLI ``integfacts extract seeds/000_bfae056a32c5a2fe.txt``: time from
  spawn to the first byte of output and to exit. The CLI runs on a
  pseudo-terminal where the platform has one (as when a person types the
  command; output is then line-buffered), else on a pipe.

It also runs ``python -X importtime`` once and lists the imports that cost most.

Run: ``python bench/bench_startup.py [--repeat N]`` (or ``python bench/run.py startup``).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import _common as common

SEED = "000_bfae056a32c5a2fe.txt"

CHILD = r"""
import sys, time, json, datetime
mode, path, lang, published = sys.argv[1:5]
text = open(path, encoding="utf-8").read() if mode == "extract" else ""
t0 = time.perf_counter()
import integfacts
t1 = time.perf_counter()
n = 0
if mode == "extract":
    doc = integfacts.Document(
        text, source=path, lang=lang, published=datetime.date.fromisoformat(published)
    )
    n = len(integfacts.extract(doc))
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "total": t2 - t0, "claims": n}))
"""


def _run_child(mode: str, seed: common.Doc) -> tuple[float, dict[str, float]]:
    """Wall seconds of one fresh child and what it measured inside."""
    published = seed.published.isoformat() if seed.published else "2025-01-01"
    args = [sys.executable, "-c", CHILD, mode, str(common.SEEDS / seed.name), seed.lang, published]
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=common.ROOT)
    wall = time.perf_counter() - t0
    return wall, json.loads(out.stdout)


def _interpreter_alone() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


def cli_command() -> list[str]:
    """The installed ``integfacts`` script beside this interpreter, else ``python -m``."""
    found = shutil.which("integfacts", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "integfacts"]


def _cli_once(cmd: Sequence[str]) -> tuple[float, float, int]:
    """(seconds to the first byte of output, seconds to exit, bytes) of one CLI run."""
    if sys.platform != "win32":
        import pty  # noqa: PLC0415 - POSIX only

        master, slave = pty.openpty()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, cwd=common.ROOT)
        os.close(slave)
        first = 0.0
        size = 0
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            if not size:
                first = time.perf_counter() - t0
            size += len(chunk)
        proc.wait()
        total = time.perf_counter() - t0
        os.close(master)
        return first, total, size
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=common.ROOT)
    assert proc.stdout is not None
    head = proc.stdout.read(1)
    first = time.perf_counter() - t0
    rest = proc.stdout.read()
    proc.wait()
    return first, time.perf_counter() - t0, len(head) + len(rest)


def import_costs(seed: common.Doc, top: int = 8) -> list[tuple[str, float]]:
    """The top-level imports that cost most (cumulative ms) for import + first extract."""
    published = seed.published.isoformat() if seed.published else "2025-01-01"
    args = [sys.executable, "-X", "importtime", "-c", CHILD, "extract"]
    args += [str(common.SEEDS / seed.name), seed.lang, published]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=common.ROOT)
    costs: dict[str, float] = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, raw = line.removeprefix("import time:").split("|")
        if not cumulative.strip().isdigit():
            continue  # the header line
        depth = (len(raw) - len(raw.lstrip(" ")) - 1) // 2
        if depth == 0:  # imported by the script, or lazily from a function at run time
            name = raw.strip()
            costs[name] = costs.get(name, 0.0) + int(cumulative) / 1000
    return sorted(costs.items(), key=lambda kv: -kv[1])[:top]


def _compile_package() -> str:
    """Write the package's ``__pycache__`` (as pip does at install), without importing it."""
    spec = importlib.util.find_spec("integfacts")
    dirs = list(spec.submodule_search_locations or []) if spec else []
    ok = all(compileall.compile_dir(d, quiet=1) for d in dirs)
    where = ", ".join(dirs) or "package not found"
    return f"compileall {'ok' if ok and dirs else 'failed'}: {where}"


def bench(repeat: int = 7) -> list[common.Section]:
    """All start-up measurements, as tables."""
    seed = next(d for d in common.seeds() if d.name == SEED)
    sec = common.Section(
        f"start-up (fresh process each time, wall-clock, median of {repeat})",
        ["what", "median ms", "min ms", "in-process ms (median)"],
        notes=[
            f"first extract(): seed {SEED} ({seed.lang}, {common.kb(seed.text):.1f} KB)",
            "in-process = perf_counter inside the child, from before `import integfacts`",
        ],
    )
    data: dict[str, float] = {}
    inner_ms: dict[str, float] = {}

    def add(label: str, walls: Sequence[float], inner: Sequence[float] | None = None) -> None:
        med = statistics.median(walls) * 1000
        data[label] = med
        if inner:
            inner_ms[label] = statistics.median(inner) * 1000
        sec.rows.append(
            [
                label,
                f"{med:.1f}",
                f"{min(walls) * 1000:.1f}",
                f"{statistics.median(inner) * 1000:.1f}" if inner else "",
            ]
        )

    compiled = _compile_package()
    sec.notes.append(
        f"bytecode of the package compiled first ({compiled}), as `pip install` does:"
        " a source checkout under PYTHONDONTWRITEBYTECODE=1 would recompile every module"
        " on every start (about 50 ms more here)"
    )
    common.note("startup: interpreter alone")
    add("python -c pass", [_interpreter_alone() for _ in range(repeat)])
    for mode, label in (
        ("import", "import integfacts"),
        ("extract", "import integfacts + first extract()"),
    ):
        common.note(f"startup: {label}")
        runs = [_run_child(mode, seed) for _ in range(repeat)]
        inner_key = "import" if mode == "import" else "total"
        add(label, [w for w, _ in runs], [m[inner_key] for _, m in runs])
    cmd = cli_command()
    common.note(f"startup: CLI {' '.join(cmd)} extract seeds/{SEED}")
    cli = [_cli_once([*cmd, "extract", f"seeds/{SEED}"]) for _ in range(repeat)]
    add("CLI: integfacts extract seed 000, to first output", [f for f, _, _ in cli])
    add("CLI: integfacts extract seed 000, to exit", [t for _, t, _ in cli])
    sec.notes.append(
        "CLI output went to a "
        + ("pseudo-terminal" if sys.platform != "win32" else "pipe")
        + f" ({cli[0][2]} bytes)"
    )
    sec.data["startup_ms"] = data
    sec.data["startup_inner_ms"] = inner_ms
    imports = common.Section(
        "costliest imports for import + first extract() (python -X importtime, one run)",
        ["module (imported by the script)", "cumulative ms"],
    )
    common.note("startup: -X importtime")
    costs = import_costs(seed)
    imports.rows += [[name, f"{ms:.1f}"] for name, ms in costs]
    imports.data["imports_ms"] = dict(costs)
    return [sec, imports]


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the tables and save them to bench/out/startup.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=7, help="fresh processes per figure")
    args = ap.parse_args(argv)
    sections = bench(args.repeat)
    for s in sections:
        print(s.render(), end="\n\n")
    common.save_sections("startup", sections)


if __name__ == "__main__":
    main()
