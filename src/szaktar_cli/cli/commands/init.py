"""`szaktar init`: a project office's data repository; never over an existing file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer._click.globals import get_current_context

from ... import __version__
from ...core.errors import EXIT_OK, UsageError
from ...core.labels import label
from ...read.loader import display_path
from ...read.repository import DATA_DIR, find_repository
from ...write.scaffold import create_repository, repository_files
from ..app import command
from ..invocation import current
from ..location import ceilings, follow_up
from ..options import LangChoice, resolve_lang


@command("init")
def init(
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]", help="Where (made if need be). [default: the working directory]"
        ),
    ] = None,
    *,
    lang: Annotated[
        LangChoice | None,
        typer.Option(
            "--lang",
            help="The office's language (in szaktar.toml), and the README's. [default: "
            "$SZAKTAR_LANG, else the locale's]",
        ),
    ] = None,
) -> int:
    invocation = current(get_current_context())
    root = directory or Path()
    invocation.lang = language = resolve_lang(lang)
    _refuse_inside_a_data_directory(root)
    written = create_repository(root, repository_files(__version__, language))
    shown = display_path(root) or "."
    created = label(
        "init_created", language, directory=shown, version=__version__, language=language
    )
    lines = [created]
    lines += [f"  {place}" for place in written]
    program = follow_up(root / DATA_DIR, invocation, moved_to=root.resolve())
    lines.append(label("init_next", language, szaktar=program))
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _refuse_inside_a_data_directory(root: Path) -> None:
    """A repository made in the data directory of another would be read as one of its projects
    (or a folder of one), and its own projects would be found by no command run there."""
    enclosing = find_repository(root, ceilings())
    if enclosing is None or not root.resolve().is_relative_to(enclosing.data):
        return
    shown, data = display_path(root), enclosing.settings.projects
    around = display_path(enclosing.root)
    raise UsageError(
        f"{shown} is inside the data directory ({data}) of the data repository in {around}; "
        "nothing was written",
        f"a(z) {shown} a(z) {around} adattár adatkönyvtárában ({data}) van; semmi sem íródott ki",
    )
