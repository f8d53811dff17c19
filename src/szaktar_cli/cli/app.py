"""The Typer application and the options every command shares (as sqlite-utils shares its
output options).

Kept light: importing this module must not import pydantic, babel, openpyxl or
matplotlib, so that `szaktar --help` starts fast. Commands import what they need
inside their functions.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..core.errors import UsageError
from ..core.i18n import Lang, detect_lang

app = typer.Typer(
    name="szaktar",
    help="Track the output indicators of grant-funded projects from YAML files. "
    "/ Pályázati projektek indikátorainak követése YAML fájlokból.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich's help panels import markdown and syntax highlighting, which
    # doubles the start-up time of `szaktar --help` (docs/performance.md, Start-up).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LangChoice(StrEnum):
    hu = "hu"
    en = "en"


DEFAULT_PROJECTS = Path("projects")

ProjectsOption = Annotated[
    Path | None,
    typer.Option(
        "--projects",
        envvar="SZAKTAR_PROJECTS",
        help="Data directory holding one folder per project. [default: ./projects]",
        show_default=False,
    ),
]
LangOption = Annotated[
    LangChoice | None,
    typer.Option(
        "--lang", help="Language of labels and messages (default: SZAKTAR_LANG, then LANG)."
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse every file again; neither read nor write the cache (also SZAKTAR_NO_CACHE=1).",
    ),
]
ProjectIdsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[PROJECT_ID]...", help="Projects (ids) to include. [default: all]"),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE, atomically. [default: stdout]"
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="The day to report as of, YYYY-MM-DD. [default: today]"
    ),
]


def resolve_lang(choice: LangChoice | None) -> Lang:
    return detect_lang() if choice is None else "hu" if choice is LangChoice.hu else "en"


def resolve_projects(option: Path | None) -> Path:
    return option if option is not None else DEFAULT_PROJECTS


def parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option}: {value!r} is not a date (YYYY-MM-DD)",
            f"{option}: a(z) {value!r} nem dátum (ÉÉÉÉ-HH-NN)",
        ) from None


def resolve_as_of(value: str | None, today: dt.date | None = None) -> dt.date:
    """`--as-of`, else SZAKTAR_TODAY (for reproducible scripts), else the clock."""
    if value is not None:
        return parse_date(value, "--as-of")
    pinned = os.environ.get("SZAKTAR_TODAY")
    if pinned:
        return parse_date(pinned, "SZAKTAR_TODAY")
    return today or dt.date.today()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"szaktar {__version__}")
        raise typer.Exit


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """szaktar: indicators of grant-funded projects, from YAML files in git."""
