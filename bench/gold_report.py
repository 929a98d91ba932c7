"""Print precision/recall of extraction per seed against tests/gold/seeds.toml.

Run: python bench/gold_report.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from gold_eval import gold_entries, manifest, score_seed


def main() -> None:
    """Print the table and the errors."""
    gold = gold_entries()
    print(f"{'seed':<28} {'gold':>4} {'found':>5} {'ok':>3} {'P':>5} {'R':>5} {'metric':>6}")
    for row in manifest():
        sc = score_seed(row, gold[row["file"]])
        print(
            f"{row['file']:<28} {sc.gold:>4} {sc.extracted:>5} {sc.correct:>3}"
            f" {sc.precision:>5.2f} {sc.recall:>5.2f} {sc.metric_ok:>3}/{sc.correct}"
        )
        for e in sc.errors:
            print("    ", e)


if __name__ == "__main__":
    main()
