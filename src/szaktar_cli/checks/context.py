"""What a rule sees: the loaded project, the as-of date, and where to report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.diagnostics import WARNINGS, Diagnostic, diag
from ..core.model import Project
from ..read.loader import LoadedProject
from ..read.places import PathPart


@dataclass(slots=True)
class Context:
    loaded: LoadedProject
    project: Project
    as_of: dt.date | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Given: warnings are counted here by code, neither built nor placed (for a command that
    # lists errors only: a warning costs a count, not a look into its file).
    counted: Counter[str] | None = None

    def lists(self, code: str) -> bool:
        """Whether a diagnostic of `code` is built (else only counted): a rule need not work
        out the parameters of one that is not."""
        return self.counted is None or code not in WARNINGS

    def report(
        self,
        code: str,
        file: str,
        path: Sequence[PathPart],
        *,
        on_key: bool = False,
        **params: object,
    ) -> None:
        if self.counted is not None and code in WARNINGS:
            self.counted[code] += 1
            return
        line, column = self.loaded.locator.position(file, path, on_key=on_key)
        self.diagnostics.append(diag(code, file, line, column, **params))

    def report_project(
        self, code: str, path: Sequence[PathPart], *, on_key: bool = False, **params: object
    ) -> None:
        self.report(code, self.loaded.project_file, path, on_key=on_key, **params)
