"""Every word szaktar prints that is not the user's: labels in English and Hungarian (English
first, as every pair of texts in szaktar), and the units of figures. The words themselves are
data, in labels.json; this module reads them and gives them out.

A key is always written out in full where it is used (no key is built at run time), so that
tests/test_labels.py can check that every key used exists and every key is used.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Mapping

from .i18n import Lang, format_number, format_percent, in_lang
from .numbers import SHOWN_DIGITS, rounded


def _read() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str, str]]]:
    """labels.json: labels in sections (a command's, or a kind of words'), and the units."""
    # (pkgutil: importlib.resources would cost every run its import)
    data = json.loads(pkgutil.get_data(__name__, "labels.json") or b"{}")
    labels = {
        key: (english, hungarian)
        for section in data["labels"].values()
        for key, (english, hungarian) in section.items()
    }
    units = {
        unit: (singular, plural, hungarian)
        for unit, (singular, plural, hungarian) in data["units"].items()
    }
    return labels, units


# key: (English, Hungarian); unit: (English singular, English plural, Hungarian)
LABELS, UNITS = _read()

# The words of a target's period (`≥ 64 óra havonta`), and the names of an entry's fields.
PERIOD_WORDS: Mapping[str, str] = {  # by Period
    "month": "export_per_month",
    "quarter": "export_per_quarter",
    "half": "export_per_half",
    "year": "export_per_year",
}
# How a rate target counts its periods (model.PeriodCount) and judges a partial one
# (model.PartialPeriods).
PERIOD_COUNT_WORDS: Mapping[str, str] = {
    "calendar": "periods_calendar",
    "project": "periods_project",
}
PARTIAL_WORDS: Mapping[str, str] = {
    "skip": "partial_skip",
    "prorate": "partial_prorate",
    "full": "partial_full",
}
# A pace model's words (targets.PaceModel), plain and from a day on (`linear from 1 Mar 2011`).
PACE_WORDS: Mapping[str, tuple[str, str]] = {
    "linear": ("pace_linear", "pace_linear_from"),
    "at_deadline": ("pace_at_deadline", "pace_at_deadline"),
    "schedule": ("pace_schedule", "pace_schedule"),
    "monthly": ("pace_monthly", "pace_monthly_from"),
}
FIELD_WORDS: Mapping[str, str] = {  # every field of an entry (fields.ENTRY_FIELDS)
    "date": "export_col_date",
    "activity": "export_col_activity",
    "hours": "export_col_hours",
    "participants": "export_col_participants",
    "count": "export_col_count",
    "value": "export_col_value",
    "of_which": "export_col_of_which",
    "place": "export_col_place",
    "county": "export_col_county",
    "partner": "export_col_partner",
    "team": "export_col_team",
    "topic": "export_col_topic",
    "person": "export_col_person",
    "note": "export_col_note",
    "evidence": "export_col_evidence",
}


def label(key: str, lang: Lang, **params: object) -> str:
    return in_lang(*LABELS[key], lang).format(**params)


def sentence(text: str) -> str:
    """End a text with one full stop: a Hungarian date (`2024. ápr. 1.`) already has one."""
    return text if text.endswith(".") else text + "."


def unit_label(unit: str, lang: Lang, amount: float | None = None) -> str:
    names = UNITS.get(unit)
    if names is None:
        return unit
    singular, plural, hungarian = names
    return in_lang(singular if amount == 1 else plural, hungarian, lang)


def format_quantity(value: float, unit: str, lang: Lang, *, decimals: int = SHOWN_DIGITS) -> str:
    """A number with its unit: `3 000 óra`, `3,000 hours`, `75%` (the unit agrees with the
    number shown: 0.996 hours is `1 hour`)."""
    if unit == "percent":
        return format_percent(value, lang)
    shown = rounded(value, decimals)
    return f"{format_number(value, lang, decimals=decimals)} {unit_label(unit, lang, shown)}"
