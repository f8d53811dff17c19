"""Two languages for every label; numbers and dates in the locale's format on screen (babel).

Babel's locale data is loaded on first use, so commands that print no numbers
(and `--help`) do not pay for it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import cache
from typing import Literal, cast

Lang = Literal["hu", "en"]
LANGS: tuple[Lang, ...] = ("hu", "en")
_LOCALES: Mapping[Lang, str] = {"hu": "hu_HU", "en": "en_GB"}


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """SZAKTAR_LANG, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG); English otherwise."""
    env = os.environ if environ is None else environ
    explicit = env.get("SZAKTAR_LANG", "").strip().lower()
    if explicit in LANGS:
        return cast(Lang, explicit)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return "hu" if value.lower().startswith("hu") else "en"
    return "en"


# Labels shared by the renderers: key -> (Hungarian, English).
LABELS: dict[str, tuple[str, str]] = {
    "error": ("hiba", "error"),
    "warning": ("figyelmeztetés", "warning"),
    "hint": ("tipp", "hint"),
    "summary_clean": ("{files} projekt rendben", "{files} project(s) valid"),
    "summary_problems": (
        "{errors} hiba, {warnings} figyelmeztetés",
        "{errors} error(s), {warnings} warning(s)",
    ),
}

UNITS: dict[str, tuple[str, str, str]] = {
    # unit: (Hungarian, English singular, English plural)
    "hour": ("óra", "hour", "hours"),
    "person": ("fő", "person", "persons"),
    "event": ("alkalom", "event", "events"),
    "item": ("db", "item", "items"),
    "copy": ("példány", "copy", "copies"),
    "topic": ("téma", "topic", "topics"),
    "organisation": ("szervezet", "organisation", "organisations"),
    "settlement": ("település", "settlement", "settlements"),
    "meeting": ("ülés", "meeting", "meetings"),
    "percent": ("%", "%", "%"),
    "HUF": ("Ft", "HUF", "HUF"),
    "team": ("csapat", "team", "teams"),
    "project": ("projekt", "project", "projects"),
    "day": ("nap", "day", "days"),
}


def label(key: str, lang: Lang, **params: object) -> str:
    hu, en = LABELS[key]
    return (hu if lang == "hu" else en).format(**params)


def unit_label(unit: str, lang: Lang, amount: float | None = None) -> str:
    names = UNITS.get(unit)
    if names is None:
        return unit
    if lang == "hu":
        return names[0]
    return names[1] if amount == 1 else names[2]


@cache
def _babel_locale(lang: Lang) -> object:
    from babel import Locale  # noqa: PLC0415  # heavy: loaded on first use

    return Locale.parse(_LOCALES[lang])


def format_number(value: float, lang: Lang, *, decimals: int = 2) -> str:
    """`3 000` in Hungarian, `3,000` in English; at most `decimals` fraction digits."""
    from babel.numbers import format_decimal  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_babel_locale(lang)))


def format_percent(value: float, lang: Lang, *, decimals: int = 1) -> str:
    from babel.numbers import format_percent as babel_percent  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return str(babel_percent(value / 100, format=pattern, locale=_babel_locale(lang)))


def format_date(value: dt.date, lang: Lang) -> str:
    from babel.dates import format_date as babel_date  # noqa: PLC0415

    return str(babel_date(value, format="medium", locale=_babel_locale(lang)))


def format_quantity(value: float, unit: str, lang: Lang, *, decimals: int = 2) -> str:
    """A number with its unit: `3 000 óra`, `3,000 hours`, `75%`."""
    if unit == "percent":
        return format_percent(value, lang)
    return f"{format_number(value, lang, decimals=decimals)} {unit_label(unit, lang, value)}"
