"""Profiles of the expensive paths, saved to ``bench/out/``, with a flat hotspot table.

Targets:

- ``extract``: ``extract()`` of every document of the mixed corpus (seeds +
  claim corpora, about 1.5 MB in article-sized documents);
- ``extract-long``: ``extract()`` of one 512 KB English document (English
  scales worst in ``bench_extract``'s single-document table; shows the work
  that grows faster than the length of a single document);
- ``reconcile``: ``reconcile()`` of 10^5 synthetic claims (``synth_claims``);
- ``first-extract``: a fresh process: ``import integfacts`` and the first
  ``extract()`` of seed 000 (what the CLI pays before its first output).

With pyinstrument installed (sampling every 1 ms, timing thread) each target writes
``profile_<target>.txt`` (call tree) and ``profile_<target>.html``; without it,
cProfile writes ``profile_<target>.prof`` (``python -m pstats``). The
``reconcile`` target prefers py-spy when it is installed (and allowed to
attach): it samples a child process from outside, so 10^5 claims cost no more
than the unprofiled run (pyinstrument doubles the time of this call-heavy
code); it writes ``profile_<target>.collapsed.txt`` (collapsed stacks, for
speedscope or flamegraph.pl). Every target also writes
``profile_<target>_top.txt``: the functions with the most *self* time and the
integfacts functions with the most *inclusive* time, as % of the total.

Run: ``python bench/bench_profile.py [extract|extract-long|reconcile|first-extract ...]``
(or ``python bench/run.py profile``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _common as common

TARGETS = ("extract", "extract-long", "reconcile", "first-extract")


@dataclass
class Hotspot:
    """One function's share of a profile."""

    function: str
    where: str
    seconds: float
    percent: float


@dataclass
class Profile:
    """The flat summary of one profile."""

    target: str
    tool: str
    total: float
    self_top: list[Hotspot]
    inclusive_top: list[Hotspot]
    files: list[str]


def _short(path: str) -> str:
    """A path without the site-packages/src prefix (``integfacts/reconcile.py:310``)."""
    p = path.replace("\\", "/")
    for marker in ("/site-packages/", "/src/", "/lib/python"):
        if marker in p:
            return p.split(marker, 1)[1]
    return p if not p.startswith("/") else Path(p).name


# ------------------------------------------------------------ the profilers


def _flat_pyinstrument(session: Any) -> tuple[float, dict[str, float], dict[str, float]]:
    """(total, self seconds per function, inclusive seconds per function) of a session."""
    root = session.root_frame()
    self_t: dict[str, float] = {}
    incl: dict[str, float] = {}

    def key(f: Any) -> str:
        return f"{f.function}  ({_short(f.file_path or '?')}:{f.line_no})"

    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())]
    while stack:
        f, above = stack.pop()
        if f.is_synthetic:
            continue
        k = key(f)
        own = f.time - sum(c.time for c in f.children if not c.is_synthetic)
        self_t[k] = self_t.get(k, 0.0) + own
        if k not in above:  # recursion: count each function once per stack
            incl[k] = incl.get(k, 0.0) + f.time
        stack.extend((c, above | {k}) for c in f.children)
    return (root.time if root is not None else 0.0), self_t, incl


def _run_pyinstrument(name: str, fn: Callable[[], object]) -> tuple[Any, list[str]]:
    from pyinstrument import Profiler  # noqa: PLC0415 - optional tool

    prof = Profiler(interval=0.001, use_timing_thread=True)
    prof.start()
    fn()
    prof.stop()
    out = common.out_dir()
    txt = out / f"profile_{name}.txt"
    html = out / f"profile_{name}.html"
    txt.write_text(prof.output_text(unicode=True, color=False), "utf-8")
    html.write_text(prof.output_html(), "utf-8")
    return prof.last_session, [common.rel(p) for p in (txt, html)]


def _run_cprofile(name: str, fn: Callable[[], object]) -> tuple[pstats.Stats, list[str]]:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    path = common.out_dir() / f"profile_{name}.prof"
    prof.dump_stats(path)
    return pstats.Stats(prof), [common.rel(path)]


def _flat_cprofile(stats: pstats.Stats) -> tuple[float, dict[str, float], dict[str, float]]:
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    self_t: dict[str, float] = {}
    incl: dict[str, float] = {}
    for (file, line, func), (_cc, _nc, tt, ct, _callers) in raw.items():
        k = f"{func}  ({_short(file)}:{line})"
        self_t[k] = self_t.get(k, 0.0) + tt
        incl[k] = max(incl.get(k, 0.0), ct)
    total = sum(self_t.values())
    return total, self_t, incl


def profile(name: str, fn: Callable[[], object], top: int = 15) -> Profile:
    """Profile one call of ``fn`` and write the outputs of target ``name``."""
    if common.have("pyinstrument"):
        session, files = _run_pyinstrument(name, fn)
        total, self_t, incl = _flat_pyinstrument(session)
        tool = "pyinstrument"
    else:
        common.note("profile: pyinstrument not installed, using cProfile")
        stats, files = _run_cprofile(name, fn)
        total, self_t, incl = _flat_cprofile(stats)
        tool = "cProfile"
    return summarise(name, tool, total, self_t, incl, files, top)


def summarise(
    name: str,
    tool: str,
    total: float,
    self_t: dict[str, float],
    incl: dict[str, float],
    files: list[str],
    top: int = 15,
) -> Profile:
    """Rank the hotspots, write ``profile_<name>_top.txt`` and return the summary."""

    def rank(d: dict[str, float], keep: Callable[[str], bool]) -> list[Hotspot]:
        items = sorted(((k, v) for k, v in d.items() if keep(k)), key=lambda kv: -kv[1])
        return [
            Hotspot(k.split("  (")[0], k.split("  (")[1].rstrip(")"), v, 100 * v / total)
            for k, v in items[:top]
            if total > 0
        ]

    ours = rank(incl, lambda k: "integfacts/" in k and "<module>" not in k)
    prof = Profile(name, tool, total, rank(self_t, lambda k: True), ours, files)
    path = common.out_dir() / f"profile_{name}_top.txt"
    lines = [f"{name}: {tool}, {total:.2f} s profiled", "", "self time:"]
    lines += [
        f"  {h.percent:5.1f}%  {h.seconds:8.3f} s  {h.function}  ({h.where})" for h in prof.self_top
    ]
    lines += ["", "inclusive time (integfacts functions):"]
    lines += [
        f"  {h.percent:5.1f}%  {h.seconds:8.3f} s  {h.function}  ({h.where})"
        for h in prof.inclusive_top
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    prof.files.append(common.rel(path))
    return prof


# -------------------------------------------------------------- the targets


def target_extract(target_kb: float = 1500.0) -> Callable[[], object]:
    """``extract()`` of every document of the mixed corpus (language data preloaded)."""
    import integfacts as ifx  # noqa: PLC0415

    docs = [d.document() for d in common.mixed_corpus(target_kb)]
    for lang in common.LANGS:  # load language data outside the profile
        ifx.extract(next(d for d in docs if d.lang == lang))
    return lambda: [ifx.extract(d) for d in docs]


def target_extract_long(size_kb: float = 512.0, lang: str = "en") -> Callable[[], object]:
    """``extract()`` of one long document made of a language's mixed text."""
    import integfacts as ifx  # noqa: PLC0415

    parts = [d for d in common.seeds() + common.corpus_articles() if d.lang == lang]
    unit = "\n\n".join(d.text for d in parts)
    text = "\n\n".join([unit] * max(1, round(size_kb / common.kb(unit))))
    doc = ifx.Document(text, source="long", lang=lang, published=parts[0].published)
    ifx.extract(parts[0].document())
    return lambda: ifx.extract(doc)


def reconcile_child(n: int) -> None:
    """In a child process (run under py-spy): build ``n`` claims and reconcile them."""
    fn = target_reconcile(n)
    fn()


def _flat_collapsed(
    lines: Sequence[str], within: str, rate: int
) -> tuple[float, dict[str, float], dict[str, float]]:
    """(total, self, inclusive) seconds from py-spy collapsed stacks below ``within``."""
    self_t: dict[str, float] = {}
    incl: dict[str, float] = {}
    total = 0.0
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        at = next((i for i, f in enumerate(frames) if f.startswith(within)), None)
        if at is None:
            continue  # building the claims, imports, warm-up
        sec = int(count) / rate
        total += sec
        frames = [_collapsed_key(f) for f in frames[at:]]
        self_t[frames[-1]] = self_t.get(frames[-1], 0.0) + sec
        for k in set(frames):
            incl[k] = incl.get(k, 0.0) + sec
    return total, self_t, incl


def _collapsed_key(frame: str) -> str:
    """``"_judge (integfacts/reconcile.py:559)"`` -> ``"_judge  (integfacts/reconcile.py:559)"``."""
    func, _, where = frame.rpartition(" (")
    return f"{func}  ({_short(where.rstrip(')'))})"


def _profile_reconcile_pyspy(n: int, rate: int = 100) -> Profile | None:
    """Profile ``reconcile()`` of ``n`` claims with py-spy; ``None`` if py-spy cannot run."""
    import shutil  # noqa: PLC0415

    pyspy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if pyspy is None:
        return None
    name = f"reconcile-{n}"
    out = common.out_dir() / f"profile_{name}.collapsed.txt"
    cmd = [pyspy, "record", "--nonblocking", "--function", "-r", str(rate), "-f", "raw"]
    cmd += ["-o", str(out), "--", sys.executable, __file__, "--child-reconcile", str(n)]
    got = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=common.ROOT)
    if got.returncode != 0 or not out.exists():
        common.note(f"profile: py-spy failed ({got.stderr.strip()[-200:]}), falling back")
        return None
    lines = out.read_text("utf-8").splitlines()
    total, self_t, incl = _flat_collapsed(lines, "reconcile (integfacts/", rate)
    files = [common.rel(out)]
    return summarise(name, f"py-spy {rate} Hz", total, self_t, incl, files)


def target_reconcile(n: int = 100_000) -> Callable[[], object]:
    """``reconcile()`` of ``n`` synthetic claims (built outside the profile)."""
    from synth_claims import make_claims  # noqa: PLC0415

    import integfacts as ifx  # noqa: PLC0415

    ifx.reconcile(make_claims(2000, seed=1))  # warm-up: imports, RapidFuzz
    claims = make_claims(n)
    return lambda: ifx.reconcile(claims)


def first_extract_child() -> None:
    """In a fresh process: profile ``import integfacts`` + the first ``extract()``."""
    seed = next(d for d in common.seeds() if d.name.startswith("000_"))

    def run() -> None:
        import integfacts as ifx  # noqa: PLC0415

        ifx.extract(
            ifx.Document(seed.text, source=seed.source, lang=seed.lang, published=seed.published)
        )

    p = profile("first-extract", run)
    print(json.dumps(p, default=lambda o: o.__dict__))


def _first_extract() -> Profile:
    cmd = [sys.executable, __file__, "--child-first"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=common.ROOT)
    raw = json.loads(out.stdout.strip().splitlines()[-1])
    return Profile(
        raw["target"],
        raw["tool"],
        raw["total"],
        [Hotspot(**h) for h in raw["self_top"]],
        [Hotspot(**h) for h in raw["inclusive_top"]],
        raw["files"],
    )


def bench(
    targets: Sequence[str] = TARGETS,
    reconcile_n: int = 100_000,
    target_kb: float = 1500.0,
    shown: int = 10,
) -> list[common.Section]:
    """Profile the targets and return one hotspot table each."""
    sections = []
    for t in targets:
        common.note(f"profile: {t}")
        if t == "first-extract":
            p = _first_extract()
        elif t == "reconcile" and (got := _profile_reconcile_pyspy(reconcile_n)) is not None:
            p = got
        else:
            if t == "extract":
                fn = target_extract(target_kb)
            elif t == "extract-long":
                fn = target_extract_long()
            else:
                fn = target_reconcile(reconcile_n)
            label = f"reconcile-{reconcile_n}" if t == "reconcile" else t
            p = profile(label, fn)
        what = {
            "extract": f"extract() of the mixed corpus (~{target_kb / 1000:.1f} MB)",
            "extract-long": "extract() of one 512 KB en document",
            "reconcile": f"reconcile() of {reconcile_n:,} synthetic claims",
            "first-extract": "fresh process: import integfacts + first extract() of seed 000",
        }[t]
        sec = common.Section(
            f"profile: {what} ({p.tool}, {p.total:.2f} s)",
            ["", "function", "where", "% of total", "seconds"],
            notes=[f"files: {', '.join(p.files)}"],
        )
        for label, spots in (("self", p.self_top), ("incl.", p.inclusive_top)):
            for i, h in enumerate(spots[:shown]):
                sec.rows.append(
                    [
                        label if i == 0 else "",
                        h.function,
                        h.where,
                        f"{h.percent:.1f}",
                        f"{h.seconds:.3f}",
                    ]
                )
        sec.notes.append(
            "self = time in the function's own code; incl. = time with its callees"
            " (integfacts functions only)"
        )
        sec.data["profile"] = {
            "target": t,
            "tool": p.tool,
            "total_s": p.total,
            "self_top": [h.__dict__ for h in p.self_top],
            "inclusive_top": [h.__dict__ for h in p.inclusive_top],
        }
        sections.append(sec)
    return sections


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the hotspot tables and save them to bench/out/profile.*."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("targets", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    ap.add_argument("--reconcile-n", type=int, default=100_000, help="claims to reconcile")
    ap.add_argument("--target-kb", type=float, default=1500.0, help="size of the mixed corpus")
    ap.add_argument("--child-first", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child-reconcile", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_first:
        first_extract_child()
        return
    if args.child_reconcile:
        reconcile_child(args.child_reconcile)
        return
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    sections = bench(args.targets or TARGETS, args.reconcile_n, args.target_kb)
    for s in sections:
        print(s.render(), end="\n\n")
    common.save_sections("profile", sections)


if __name__ == "__main__":
    main()
