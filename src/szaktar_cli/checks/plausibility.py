"""Values that are allowed but unlikely: more in one entry than its activity plausibly has, and
persons written as real names."""

from __future__ import annotations

import re

from ..core.model import Activity
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"A321", "A322"})

# A pseudonymous code has digits or is all capitals; "Kovács Anna" or "anna" does not.
_LOOKS_LIKE_NAME = re.compile(r"^(?=.*[a-záéíóöőúüű])[^\d_]+$")
_DEFAULT_LIMITS = tuple(Activity(name="").plausible_limits().items())


def check(context: Context) -> None:
    limits = {
        name: tuple(activity.plausible_limits().items())
        for name, activity in context.project.activities.items()
    }
    for actuals in context.loaded.files:
        for index, entry in actuals.items():
            activity = entry.get("activity", "")
            for field, limit in limits.get(activity, _DEFAULT_LIMITS):
                amount = entry.get(field)
                if amount is not None and amount > limit:
                    context.report("A322", actuals.path, [index, field], field=field,
                                   value=amount, limit=limit, activity=activity)
            person = entry.get("person")
            if isinstance(person, str) and _LOOKS_LIKE_NAME.match(person):
                context.report("A321", actuals.path, [index, "person"], value=person)
