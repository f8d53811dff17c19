"""One run of szaktar as it was asked: where it started, and the options that say where the
data is — `-C DIR` and `--projects DIR`, taken before or after the command — and what its
command settled (the language, how to run szaktar on the same data again), which the messages
of an error that stops the run need.

Kept light: cli/app.py declares the options with it, and `szaktar --help` imports that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from typer._click import Context

from ..core.diagnostics import PROGRAM
from ..core.errors import UsageError
from ..core.i18n import Lang

# The names of the options below, as their parameters are named (cli/app.py gives them to
# every command that reads or writes data).
LOCATION_PARAMETERS = ("directory", "projects")


@dataclass
class Invocation:
    start: Path = field(default_factory=Path.cwd)  # the working directory it was started in
    moved: bool = False  # -C was given: the working directory is now another
    projects: Path | None = None  # --projects, as given
    lang: Lang | None = None  # the language its command settled on
    program: str = PROGRAM  # how a follow-up command starts (`szaktar --projects data`)


def current(ctx: Context) -> Invocation:
    return ctx.ensure_object(Invocation)


def _change_directory(ctx: typer.Context, value: str | None) -> None:
    """`-C DIR`: from here on, as if szaktar had been started in DIR (as git's -C)."""
    if value is None:
        return
    invocation = current(ctx)
    try:
        os.chdir(value)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(f"-C {value}: {reason}", f"-C {value}: {reason}") from None
    invocation.moved = True


def _give_projects(ctx: typer.Context, value: str | None) -> None:
    if value is not None:
        current(ctx).projects = Path(value)


DirectoryOption = Annotated[
    str | None,
    typer.Option(
        "-C",
        metavar="DIR",
        callback=_change_directory,
        expose_value=False,
        help="Run as if szaktar had been started in DIR (as git -C).",
    ),
]
ProjectsOption = Annotated[
    str | None,
    typer.Option(
        "--projects",
        metavar="DIR",
        callback=_give_projects,
        expose_value=False,
        help="The data directory, one folder per project. [default: $SZAKTAR_PROJECTS, else "
        "szaktar.toml's, else a projects/ directory here or above, else ./projects]",
    ),
]
