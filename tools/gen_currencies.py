"""Generate each language file's CLDR currency names from Babel (run by hand).

Run: ``python tools/gen_currencies.py`` (needs ``pip install babel``).

Babel is a build-time tool here, not a runtime dependency: importing it and
loading a locale costs tens of milliseconds, more than the whole
``import integfacts`` budget, while the names change only with CLDR releases.
The script rewrites the ``[cldr_currencies]`` table between its markers in
``src/integfacts/languages/<code>.toml``; hand-written newsroom forms
("dolar AS", "đồng") stay in ``[currencies]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale
from babel.numbers import get_currency_name

CODES = [
    "USD",
    "VND",
    "IDR",
    "IRR",
    "EUR",
    "JPY",
    "KRW",
    "CNY",
    "GBP",
    "SGD",
    "THB",
    "MYR",
    "INR",
    "AUD",
]
BEGIN = "# BEGIN CLDR currency names (tools/gen_currencies.py; do not edit by hand)"
END = "# END CLDR currency names"
ROOT = Path(__file__).resolve().parent.parent / "src" / "integfacts" / "languages"


def names(lang: str) -> dict[str, str]:
    """Display names of CODES in ``lang`` (singular and plural forms), name -> code."""
    locale = Locale.parse(lang)
    out: dict[str, str] = {}
    for code in CODES:
        for count in (None, 1, 2):
            name = get_currency_name(code, count=count, locale=locale)
            if name and name != code:
                out.setdefault(name, code)
    return out


def main() -> None:
    """Rewrite the generated block of every language file."""
    for path in sorted(ROOT.glob("*.toml")):
        if path.stem == "common":
            continue
        table = names(path.stem)
        lines = [BEGIN, "[cldr_currencies]"]
        lines += [
            f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v)}"
            for k, v in sorted(table.items())
        ]
        lines.append(END)
        block = "\n".join(lines)
        text = path.read_text("utf-8")
        if BEGIN in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            text = head + block + tail
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        path.write_text(text, "utf-8")
        print(f"{path.name}: {len(table)} names")


if __name__ == "__main__":
    main()
