"""Values that are allowed but unlikely: long sessions, and persons written as real names."""

from __future__ import annotations

import re

from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"A321", "A322"})

MAX_HOURS_PER_ENTRY = 24
# A pseudonymous code has digits or is all capitals; "Kovács Anna" or "anna" does not.
_LOOKS_LIKE_NAME = re.compile(r"^(?=.*[a-záéíóöőúüű])[^\d_]+$")


def check(context: Context) -> None:
    for actuals in context.loaded.files:
        for index, entry in actuals.items():
            hours = entry.get("hours")
            if hours is not None and hours > MAX_HOURS_PER_ENTRY:
                context.report("A322", actuals.path, [index, "hours"], hours=hours)
            person = entry.get("person")
            if isinstance(person, str) and _LOOKS_LIKE_NAME.match(person):
                context.report("A321", actuals.path, [index, "person"], value=person)
