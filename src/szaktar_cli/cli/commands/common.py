"""Helpers shared by commands: load the workspace, print diagnostics, pick the output stream."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import DataError
from ...core.i18n import Lang
from ..output import in_github_actions

if TYPE_CHECKING:
    from ...checks.workspace import Workspace
    from ...core.diagnostics import Diagnostic


def print_diagnostics(
    diagnostics: Sequence[Diagnostic], lang: Lang, fmt: str | None = None
) -> None:
    """Diagnostics go to stderr (JSON to stdout), in GitHub's annotation format inside Actions."""
    from ...render import diagnostics as render  # noqa: PLC0415

    chosen = fmt or ("github" if in_github_actions() else "text")
    if chosen == "json":
        sys.stdout.write(render.as_json(diagnostics, lang) + "\n")
        return
    line = render.as_github if chosen == "github" else render.as_text
    for diagnostic in diagnostics:
        sys.stderr.write(line(diagnostic, lang) + "\n")


def load_valid(
    projects_dir: Path,
    as_of: dt.date,
    lang: Lang,
    only: Sequence[str] = (),
    *,
    use_cache: bool = True,
) -> Workspace:
    """Load and check; invalid data stops the command with its diagnostics (exit 1)."""
    from ...checks.workspace import load_workspace  # noqa: PLC0415

    workspace = load_workspace([projects_dir], as_of, only=only, use_cache=use_cache)
    if workspace.has_errors():
        raise DataError(workspace.diagnostics, lang)
    # Entries after --as-of (A323) are simply not counted by a report as of that day; the
    # warning belongs to `validate` and `gaps`, and would flood every historical report.
    warnings = [d for d in workspace.diagnostics if not d.is_error and d.code != "A323"]
    if warnings:
        print_diagnostics(warnings, lang)
    return workspace
