"""The rules in the order they run, and running them on a loaded project."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from ..core.diagnostics import Diagnostic
from ..read.loader import LoadedProject
from . import (
    breakdowns,
    closed,
    dates,
    duplicates,
    entries,
    measures,
    pace,
    plausibility,
    references,
    targets,
    values,
)
from .context import Context

Rule = Callable[[Context], None]
# In the order they run (their diagnostics are sorted afterwards).
RULES: tuple[Rule, ...] = (
    references.check, measures.check, dates.check, targets.check, pace.check, entries.check,
    breakdowns.check, values.check, duplicates.check, plausibility.check, closed.check,
)


def run_checks(
    loaded: LoadedProject, as_of: dt.date | None = None, counted: Counter[str] | None = None
) -> list[Diagnostic]:
    """All semantic diagnostics of one project. When its project.yaml does not validate, the
    references between its parts are still checked on what does (`salvaged`): a schema error
    does not hide them; a reference to a part set aside is not reported. `counted`: the
    warnings are counted there by code instead (for a command that does not list them)."""
    if loaded.project is None:
        if loaded.salvaged is None:
            return []
        context = Context(loaded, loaded.salvaged, as_of)
        references.check(context)
        return [found for found in context.diagnostics
                if not references.to_what_was_set_aside(found, loaded.left_out)]
    context = Context(loaded, loaded.project, as_of, counted=counted)
    for rule in RULES:
        rule(context)
    return context.diagnostics
