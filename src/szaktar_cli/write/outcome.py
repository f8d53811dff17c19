"""What a write did (or, refused or in a dry run, would have done), as every writing command
reports it: the problems found, the project before and after, whether anything was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.diagnostics import Diagnostic
from ..read.loader import LoadedProject


@dataclass(slots=True)
class Outcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    before: LoadedProject | None = None
    after: LoadedProject | None = None
    written: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)
