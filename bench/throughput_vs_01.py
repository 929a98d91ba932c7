"""Extraction cost now against version 0.1 (a6bc355), on the same texts.

Issues 11 and 12 ask that extraction stays within 20 % and 10 % of the cost of
version 0.1. This script checks out 0.1 into a git worktree outside the
repository (``/tmp/if01`` by default; ``git worktree add --detach``, the
checkout of the repository itself is not touched), and runs ``extract`` from
each tree, each in a fresh process that imports that tree's ``src``, on the
same texts:

- **seeds**: the five seed articles of ``seeds/`` (language and source from the
  manifest, no publication date);
- **dense**: the claim corpora of 0.1 (``tests/corpus/claims/*.toml`` at
  a6bc355, about 5 figures per KB), one document per language, the example
  sentences joined as paragraphs.

- **first** (not by default): ``import integfacts`` and the first ``extract`` of
  seed 000 in a fresh process, the interpreter's own start-up subtracted (the
  start-up goal of issue 15: at most 150 ms).

Methods:

- ``callgrind`` (default): instructions counted by ``valgrind --tool=callgrind``
  for a process that extracts every text once (warm-up: imports, lazy loads,
  caches) and then ``n`` more passes, with ``n = 0`` and ``n = 2``; the cost of
  one pass is the difference over 2, so start-up and first-use costs cancel.
  Repeatable to a fraction of a per cent, whatever else runs on the machine;
  about 25 s per run, four runs per tree. The base's counts are kept in the
  worktree (the base does not change; ``--fresh`` counts it again).
- ``cpu``: CPU time (``time.process_time``) of one pass after the warm-up, the
  median over ``--repeat`` passes in each of ``--rounds`` processes per tree,
  the trees alternating. Quick, but it moves with the load of a shared machine.

The ratio is now / 0.1 (cost; 1.00 = as cheap as 0.1) and is printed against
the goals of issue 11 (at most 1.20) and issue 12 (at most 1.10, taken against
0.1 too).

Run: ``python bench/throughput_vs_01.py [--method callgrind|cpu]
[--corpora seeds,dense,first] [--worktree /tmp/if01] [--base a6bc355]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "a6bc355"
LANGS = ("en", "id", "vi", "fa")
GOALS = (("issue 11", 1.20), ("issue 12", 1.10))


def ensure_worktree(path: Path, commit: str) -> None:
    """Check ``commit`` out at ``path`` as a detached git worktree, unless it is there."""
    if (path / "src" / "integfacts").is_dir():
        head = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        want = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", commit],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if head != want:
            sys.exit(f"{path} holds {head[:10]}, not {commit}: remove it or pass --worktree")
        return
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), commit],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def texts(corpus: str, base_tree: Path) -> list[dict[str, str]]:
    """The documents of a corpus as plain dicts (text, source, lang)."""
    if corpus == "seeds":
        rows = tomllib.loads((ROOT / "seeds" / "manifest.toml").read_text("utf-8"))["document"]
        return [
            {
                "text": (ROOT / "seeds" / r["file"]).read_text("utf-8"),
                "source": r.get("source", r["file"]),
                "lang": r["lang"],
            }
            for r in rows
        ]
    if corpus == "first":  # the start-up figure: seed 000, as bench_startup.py reads it
        return texts("seeds", base_tree)[:1]
    if corpus == "dense":
        out = []
        for lang in LANGS:
            path = base_tree / "tests" / "corpus" / "claims" / f"{lang}.toml"
            data = tomllib.loads(path.read_text("utf-8"))
            text = "\n\n".join(ex["text"] for ex in data["example"])
            out.append({"text": text, "source": f"claims-{lang}", "lang": lang})
        return out
    sys.exit(f"unknown corpus {corpus!r} (seeds, dense, first)")


# -------------------------------------------------------------------- child


def child(tree: str, docs_file: str, passes: int, repeat: int) -> None:
    """Extract the documents once, then ``passes`` times (or time ``repeat`` passes).

    ``passes`` -1: import and extract the first document only; -2: stop before the import
    (the interpreter's own start-up, subtracted from -1).
    """
    rows = json.loads(Path(docs_file).read_text("utf-8"))
    if passes == -2:
        print(json.dumps({"claims": 0, "times": []}))
        return
    sys.path.insert(0, str(Path(tree) / "src"))
    import integfacts as ifx  # noqa: PLC0415 - the tree's own copy, after sys.path

    if not Path(ifx.__file__).resolve().is_relative_to(Path(tree).resolve()):
        sys.exit(f"imported {ifx.__file__}, not the tree {tree}")
    docs = [ifx.Document(r["text"], source=r["source"], lang=r["lang"]) for r in rows]
    if passes == -1:
        docs = docs[:1]
    found = sum(len(ifx.extract(d)) for d in docs)
    for _ in range(passes):
        for d in docs:
            ifx.extract(d)
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        for d in docs:
            ifx.extract(d)
        times.append(time.process_time() - t0)
    print(json.dumps({"claims": found, "times": times}))


def _child_cmd(tree: Path, docs_file: Path, passes: int, repeat: int) -> list[str]:
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        str(tree),
        str(docs_file),
        str(passes),
        str(repeat),
    ]


def callgrind_pass(
    tree: Path, docs_file: Path, tmp: Path, *, first: bool = False
) -> tuple[float, int]:
    """Instructions of one extraction pass over the documents, and the claims found.

    ``first``: instead, the import and the first extract of the first document.
    The tree's bytecode is compiled first, as an installed package has it.
    """
    totals = []
    claims = 0
    # bytecode compiled first: else the run with no pass compiles what changed and the
    # run with two loads it, and the difference loses half the compiling
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for passes in (-2, -1) if first else (0, 2):
        out = tmp / f"cg.{os.getpid()}.{passes}.out"
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            *_child_cmd(tree, docs_file, passes, 0),
        ]
        # one hash seed: set and dict orders (and so the order of some pattern alternatives)
        # follow it (on the seeds two seeds differed by 0.04 %)
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        res = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tmp, env=env)
        claims = json.loads(res.stdout.strip().splitlines()[-1])["claims"]
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                totals.append(int(line.split()[1]))
                break
        out.unlink()
    return (totals[1] - totals[0]) / (1 if first else 2), claims


def cpu_pass(tree: Path, docs_file: Path, repeat: int) -> tuple[list[float], int]:
    """CPU seconds of each of ``repeat`` timed passes in a fresh process, and the claims."""
    res = subprocess.run(
        _child_cmd(tree, docs_file, 1, repeat), capture_output=True, text=True, check=True
    )
    got = json.loads(res.stdout.strip().splitlines()[-1])
    return got["times"], got["claims"]


# --------------------------------------------------------------------- main


def main() -> None:
    """Measure both trees on every corpus and print the ratios against the goals."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--method", choices=("callgrind", "cpu"), default="callgrind")
    ap.add_argument("--corpora", default="seeds,dense")
    ap.add_argument("--base", default=BASE, help="commit of the base (version 0.1)")
    ap.add_argument("--worktree", default="/tmp/if01", help="where the base is checked out")
    ap.add_argument("--now", default=str(ROOT), help="tree measured against the base")
    ap.add_argument("--repeat", type=int, default=7, help="cpu: timed passes per process")
    ap.add_argument("--rounds", type=int, default=3, help="cpu: processes per tree")
    ap.add_argument(
        "--fresh", action="store_true", help="callgrind: count the base again (not the memo)"
    )
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        tree, docs_file, passes, repeat = args.child
        child(tree, docs_file, int(passes), int(repeat))
        return

    base_tree = Path(args.worktree)
    ensure_worktree(base_tree, args.base)
    trees = (("0.1", base_tree), ("now", Path(args.now)))
    unit = "M instructions" if args.method == "callgrind" else "ms CPU"
    print(f"extraction cost per pass, {args.method} ({unit}); base {args.base} at {base_tree}")
    print(f"{'corpus':8} {'KB':>5} {'0.1':>9} {'now':>9} {'ratio':>6}  claims 0.1/now  goals")
    with tempfile.TemporaryDirectory(prefix="thru01-") as tmpdir:
        tmp = Path(tmpdir)
        for corpus in args.corpora.split(","):
            if corpus == "first" and args.method != "callgrind":
                print("first: counted with callgrind only (a fresh process each)")
                continue
            rows = texts(corpus, base_tree)
            docs_file = tmp / f"{corpus}.json"
            docs_file.write_text(json.dumps(rows), "utf-8")
            size = sum(len(r["text"].encode("utf-8")) for r in rows) / 1000
            cost: dict[str, float] = {}
            claims: dict[str, int] = {}
            if args.method == "callgrind":
                for name, tree in trees:
                    key = hashlib.sha256(docs_file.read_bytes()).hexdigest()[:16]
                    memo = base_tree / f".callgrind-{corpus}-{key}-seed0-pyc.json"
                    if name == "0.1" and memo.exists() and not args.fresh:
                        cost[name], claims[name] = json.loads(memo.read_text())
                        continue
                    ir, claims[name] = callgrind_pass(tree, docs_file, tmp, first=corpus == "first")
                    cost[name] = ir / 1e6
                    if name == "0.1":
                        memo.write_text(json.dumps([cost[name], claims[name]]))
            else:
                samples: dict[str, list[float]] = {name: [] for name, _ in trees}
                for _ in range(args.rounds):
                    for name, tree in trees:
                        got, claims[name] = cpu_pass(tree, docs_file, args.repeat)
                        samples[name] += got
                cost = {name: statistics.median(s) * 1000 for name, s in samples.items()}
            ratio = cost["now"] / cost["0.1"]
            goals = ", ".join(
                f"{issue} <= {goal:.2f} {'met' if ratio <= goal else 'NOT met'}"
                for issue, goal in GOALS
            )
            if corpus == "first":
                goals = "import + first extract (issue 15: <= 150 ms, timed by bench_startup.py)"
            print(
                f"{corpus:8} {size:5.1f} {cost['0.1']:9.1f} {cost['now']:9.1f} {ratio:6.2f}"
                f"  {claims['0.1']}/{claims['now']}  {goals}",
                flush=True,
            )


if __name__ == "__main__":
    main()
