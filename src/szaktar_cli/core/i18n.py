"""Languages: which one a run speaks, and numbers and dates in its format (babel).

Babel's locale data is loaded on first use, so commands that print no numbers (and `--help`)
do not pay for it. The words themselves are in labels.py.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Literal

from .numbers import PERCENT_DIGITS, SHOWN_DIGITS, decimal_rounded

if TYPE_CHECKING:
    from babel import Locale

Lang = Literal["hu", "en"]
LANGS: tuple[Lang, ...] = ("hu", "en")
_LOCALES: Mapping[Lang, str] = {"hu": "hu_HU", "en": "en_GB"}


def detect_lang(environ: Mapping[str, str] | None = None, configured: Lang | None = None) -> Lang:
    """SZAKTAR_LANG, else the data repository's (`configured`), else the environment's locale
    (LC_ALL, LC_MESSAGES, LANG); else English."""
    env = os.environ if environ is None else environ
    explicit = env.get("SZAKTAR_LANG", "").strip().lower()
    if explicit in LANGS:
        return "hu" if explicit == "hu" else "en"
    if configured is not None:
        return configured
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return "hu" if value.lower().startswith("hu") else "en"
    return "en"


def in_lang(en: str, hu: str, lang: Lang) -> str:
    """Of a text written in both languages (English first, as everywhere in szaktar), the one
    `lang` asks for."""
    return hu if lang == "hu" else en


def localised(name: str, name_en: str | None, lang: Lang) -> str:
    """A name from the user's files (Hungarian, with an optional English one): the English one
    in English when there is one."""
    return name_en if lang == "en" and name_en else name


@cache
def _babel_locale(lang: Lang) -> Locale:
    from babel import Locale  # noqa: PLC0415  # heavy: loaded on first use

    return Locale.parse(_LOCALES[lang])


def format_number(value: float, lang: Lang, *, decimals: int = SHOWN_DIGITS) -> str:
    """`3 000` in Hungarian, `3,000` in English; at most `decimals` fraction digits, halves
    rounded away from zero (numbers.py)."""
    from babel.numbers import format_decimal  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    shown = decimal_rounded(value, decimals)
    return str(format_decimal(shown, format=pattern, locale=_babel_locale(lang)))


def format_percent(value: float, lang: Lang, *, decimals: int = PERCENT_DIGITS) -> str:
    """`81,3%`, `81.3%` of a percentage (81.25 → 81.3: halves away from zero, numbers.py)."""
    from babel.numbers import format_percent as babel_percent  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    shown = decimal_rounded(value, decimals) / 100  # exact: babel multiplies it back by 100
    return str(babel_percent(shown, format=pattern, locale=_babel_locale(lang)))


# A Hungarian case ending after a date: the day is an ordinal (`2011. aug. 31.`), so its full
# stop gives way to a hyphen and the ending (`31-ig`, not `31.-ig`); "on" and "from" take the
# day's possessive form (elseje → 1-jén, másodika → 2-án, negyedike → 4-én).
DateCase = Literal["until", "on", "from"]
_BACK_VOWEL_DAYS = frozenset({2, 3, 6, 8, 13, 16, 18, 20, 23, 26, 28, 30})  # -án, -ától
_DAY_ENDINGS: Mapping[DateCase, tuple[str, str, str]] = {  # the 1st, back, front
    "until": ("ig", "ig", "ig"),
    "on": ("jén", "án", "én"),
    "from": ("jétől", "ától", "étől"),
}


def format_date(value: dt.date, lang: Lang, case: DateCase | None = None) -> str:
    """`2011. aug. 31.`, `31 Aug 2011`; in Hungarian with a `case` ending (`2011. aug. 31-ig`,
    `2011. máj. 1-jén`). English says the same with a word of the label around the date."""
    from babel.dates import format_date as babel_date  # noqa: PLC0415

    text = str(babel_date(value, format="medium", locale=_babel_locale(lang)))
    if lang != "hu" or case is None:
        return text
    first, back, front = _DAY_ENDINGS[case]
    day = value.day
    ending = first if day == 1 else back if day in _BACK_VOWEL_DAYS else front
    return f"{text.removesuffix('.')}-{ending}"


def format_month(value: dt.date, lang: Lang) -> str:
    """The month of a date: `2011. márc.`, `Mar 2011`."""
    from babel.dates import format_skeleton  # noqa: PLC0415

    return str(format_skeleton("yMMM", value, locale=_babel_locale(lang)))
