"""Generate the CLDR currency tables of the language files from Babel (run by hand).

Run: ``python tools/gen_currencies.py`` (needs ``pip install babel``).

Babel is a build-time tool here, not a runtime dependency: importing it and
loading a locale costs tens of milliseconds, more than the whole
``import integfacts`` budget, while the names change only with CLDR releases.

The script rewrites two generated blocks, each between its markers:

- in ``common.toml``, every ISO 4217 code of a currency in use today (CLDR
  territory data), upper case, and lower case too unless the lower-case form
  is an everyday word ("all", "top", "try");
- in ``common.toml`` too, the currency signs ("₦", "₾", "₭"): every symbol made
  of currency-sign characters alone (Unicode category Sc) that the locales of
  a currency's own territories write for it, when no other currency's
  territory writes the same sign ("$", "£", "¥" name several: hand-written);
- in ``<code>.toml``, the ``[cldr_currencies]`` table: the CLDR display name
  of every currency in use in that language, its plural forms, its symbol
  (when it is not the ISO code), and the bare head noun of the name
  ("pounds", "پوند", "Dolar") where it names one currency of the
  ``PREFERRED`` list.

Hand-written newsroom forms ("dolar AS", "đồng") stay in each language's
``[currencies]`` table, which wins over the generated one.

price-parser's currency table is not used: CLDR through Babel covers every
code, the localised names with their plurals and the symbols of each language,
which price-parser's hand-compiled (mostly English) table does not.
"""

from __future__ import annotations

import datetime
import json
import tomllib
import unicodedata
from pathlib import Path

from babel import Locale, localedata
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

BEGIN = "# BEGIN CLDR currency names (tools/gen_currencies.py; do not edit by hand)"
END = "# END CLDR currency names"
BEGIN_CODES = "# BEGIN ISO 4217 codes (tools/gen_currencies.py; do not edit by hand)"
END_CODES = "# END ISO 4217 codes"
BEGIN_SIGNS = "# BEGIN CLDR currency signs (tools/gen_currencies.py; do not edit by hand)"
END_SIGNS = "# END CLDR currency signs"
ROOT = Path(__file__).resolve().parent.parent / "src" / "integfacts" / "languages"
TODAY = datetime.date(2025, 1, 1)

# Lower-case codes that are everyday words in one of the languages: upper case only.
WORDS = {
    "all", "bam", "bob", "cad", "cup", "gel", "mad", "mop", "pen", "sos", "top", "try",
    "lak", "kes", "mur", "ang", "bgn", "dop", "mga", "tnd", "ron", "rub", "cop",
}  # fmt: skip

# A bare head noun ("dollar", "پوند") shared by several currencies names the first of
# these among them (the one a newsroom means by the word alone); otherwise none.
PREFERRED = ["USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "RUB", "SAR", "AED"]

# Where the head noun of a currency name stands: last word (en), first word; None: no heads.
HEAD = {"en": -1, "id": 0, "fa": 0, "vi": None}

# Head nouns that are everyday words: never a currency alone.
HEAD_WORDS = {
    "won", "real", "reals", "rand", "mark", "som", "kip", "lek", "leu", "lei", "pound", "pounds",
}  # fmt: skip


def codes_in_use() -> list[str]:
    """ISO 4217 codes of the legal tender of some territory today (CLDR)."""
    found: set[str] = set()
    for territory in Locale.parse("en").territories:
        try:
            found |= set(get_territory_currencies(territory, start_date=TODAY, tender=True))
        except Exception:  # a region code without currency data
            continue
    return sorted(c for c in found if len(c) == 3 and c.isalpha())


def signs(codes: list[str]) -> dict[str, str]:
    """Currency signs that name one currency: sign -> code.

    A sign is a symbol of currency-sign characters only (Unicode Sc: "₦", "₾"),
    as a locale of a territory where the currency is tender writes it (CLDR's
    narrow symbols are not in Babel; the territory's own locales write them:
    "₡" in es_CR, "₭" in lo_LA). A sign two currencies' territories write
    ("$", "£", "¥") names none of them.
    """
    owners: dict[str, set[str]] = {}
    for ident in localedata.locale_identifiers():
        try:
            locale = Locale.parse(ident)
            tender = get_territory_currencies(locale.territory, start_date=TODAY, tender=True)
        except Exception:  # a locale without a territory or its currency data
            continue
        for code in tender:
            symbol = locale.currency_symbols.get(code)
            if code in codes and symbol and all(unicodedata.category(ch) == "Sc" for ch in symbol):
                owners.setdefault(symbol, set()).add(code)
    return {s: next(iter(c)) for s, c in sorted(owners.items()) if len(c) == 1}


def names(lang: str, codes: list[str]) -> dict[str, str]:
    """Names, plural forms, symbols and head nouns of ``codes`` in ``lang``: form -> code."""
    locale = Locale.parse(lang)
    out: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for code in codes:
        forms = set()
        for count in (None, 1, 2, 5):
            name = get_currency_name(code, count=count, locale=locale)
            if name and name != code:
                forms.add(name)
        for form in sorted(forms):
            out.setdefault(form, code)
            pos = HEAD.get(lang)
            words = form.split()
            if pos is not None and len(words) > 1:
                heads.setdefault(words[pos], set()).add(code)
        symbol = get_currency_symbol(code, locale=locale)
        if symbol and symbol != code:
            out.setdefault(symbol, code)
    for head, owners in sorted(heads.items()):
        if head.casefold() in HEAD_WORDS or head in out:
            continue
        chosen = next((c for c in PREFERRED if c in owners), None)
        if chosen is not None:
            out[head] = chosen
    return out


def _replace(text: str, begin: str, end: str, block: str) -> str:
    if begin in text:
        head, rest = text.split(begin, 1)
        return head + block + rest.split(end, 1)[1]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main() -> None:
    """Rewrite the generated blocks of common.toml and of every language file."""
    codes = codes_in_use()
    common = ROOT / "common.toml"
    text = common.read_text("utf-8")
    if BEGIN_CODES not in text:
        raise SystemExit(f"{common}: add the markers inside [currencies] first")
    hand = tomllib.loads(_replace(text, BEGIN_CODES, END_CODES, ""))["currencies"]
    lines = [BEGIN_CODES]
    for code in codes:
        for form in (code, code.lower()):
            if form not in hand and (form == code or form not in WORDS):
                lines.append(f'"{form}" = "{code}"')
    lines.append(END_CODES)
    text = _replace(text, BEGIN_CODES, END_CODES, "\n".join(lines))
    if BEGIN_SIGNS not in text:
        raise SystemExit(f"{common}: add the sign markers inside [currencies] first")
    hand = tomllib.loads(_replace(text, BEGIN_SIGNS, END_SIGNS, ""))["currencies"]
    found = {s: c for s, c in signs(codes).items() if s not in hand}
    lines = [BEGIN_SIGNS, *(f'"{s}" = "{c}"' for s, c in found.items()), END_SIGNS]
    common.write_text(_replace(text, BEGIN_SIGNS, END_SIGNS, "\n".join(lines)), "utf-8")
    print(f"common.toml: {len(codes)} codes, {len(found)} signs")
    for path in sorted(ROOT.glob("*.toml")):
        if path.stem == "common":
            continue
        table = names(path.stem, codes)
        lines = [BEGIN, "[cldr_currencies]"]
        lines += [
            f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v)}"
            for k, v in sorted(table.items())
        ]
        lines.append(END)
        text = path.read_text("utf-8")
        path.write_text(_replace(text, BEGIN, END, "\n".join(lines)), "utf-8")
        print(f"{path.name}: {len(table)} names")


if __name__ == "__main__":
    main()
