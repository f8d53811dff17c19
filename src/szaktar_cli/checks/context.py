"""What a rule sees: the loaded project, the as-of date, and where to report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.diagnostics import Diagnostic, diag
from ..core.model import Project
from ..read.loader import LoadedProject
from ..read.yamlio import PathPart


@dataclass(slots=True)
class Context:
    loaded: LoadedProject
    project: Project
    as_of: dt.date | None
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
        line, column = self.loaded.locator.position(file, path, on_key=on_key)
        self.diagnostics.append(diag(code, file, line, column, **params))

    def report_project(
        self, code: str, path: Sequence[PathPart], *, on_key: bool = False, **params: object
    ) -> None:
        self.report(code, self.loaded.project_file, path, on_key=on_key, **params)
