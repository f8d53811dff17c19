"""Semantic checks of a loaded project, one module per rule (as yamllint keeps its rules).

Each rule is a function `check(context) -> None` that reports through `context`.
Rules only read: they never change the data or write files. What they find depends on the
project's YAML files and the as-of date alone: workspace.py caches it under exactly these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..core.diagnostics import Diagnostic, diag
from ..core.model import Project
from ..read.loader import LoadedProject
from ..read.yamlio import Locator, PathPart


@dataclass(slots=True)
class Context:
    """What a rule sees: the loaded project, the as-of date, and where to report."""

    loaded: LoadedProject
    project: Project
    as_of: dt.date | None
    locator: Locator
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        code: str,
        file: str,
        path: Sequence[PathPart],
        *,
        on_key: bool = False,
        **params: object,
    ) -> None:
        line, column = self.locator.position(file, path, on_key=on_key)
        self.diagnostics.append(diag(code, file, line, column, **params))

    def report_project(
        self, code: str, path: Sequence[PathPart], *, on_key: bool = False, **params: object
    ) -> None:
        self.report(code, self.loaded.project_file, path, on_key=on_key, **params)


Rule = Callable[[Context], None]


def _rules() -> tuple[Rule, ...]:
    from . import (  # noqa: PLC0415
        closed,
        dates,
        duplicates,
        entries,
        measures,
        plausibility,
        references,
        targets,
    )

    return (
        references.check, measures.check, dates.check, targets.check, entries.check,
        duplicates.check, plausibility.check, closed.check,
    )


def run_checks(
    loaded: LoadedProject, locator: Locator, as_of: dt.date | None = None
) -> list[Diagnostic]:
    """All semantic diagnostics of one project (its schema must have loaded)."""
    if loaded.project is None:
        return []
    context = Context(loaded, loaded.project, as_of, locator)
    for rule in _rules():
        rule(context)
    return context.diagnostics
