"""`szaktar rename`: an activity, indicator, dimension, value or category renamed in every file
of a project at once."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...core.errors import EXIT_OK, DataError, UsageError
from ...render.editing import renamed_text
from ...write.rename import KINDS, Kind, Renaming, Reopening, rename
from ..app import command
from ..options import (
    AsOfOption,
    DryRunOption,
    LangOption,
    ProjectDirectoryArgument,
    required_text,
)
from ..session import Session


@command("rename")
def rename_command(
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help="activity, indicator, dimension, dimension-value or "
                       "category."),
    ],
    project_id: ProjectDirectoryArgument,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="OLD NEW",
            help="The name and the new one; for a dimension-value: DIMENSION OLD NEW.",
        ),
    ],
    *,
    reopen_closed: Annotated[
        bool,
        typer.Option(
            "--reopen-closed",
            help="Reopen the closed months the rename changes and close them again "
            "(with --reason and --by).",
        ),
    ] = False,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why (kept in closed.yaml).")
    ] = None,
    by: Annotated[str | None, typer.Option(metavar="WHO", help="Who reopens and closes.")] = None,
    dry_run: DryRunOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    renaming = _renaming(kind, names)
    reopen = _reopening(reopen_closed, reason, by, session)
    session.complete_interrupted_write()
    renamed = rename(directory, renaming, as_of=session.day, reopen=reopen, dry_run=dry_run)
    if not renamed.ok:
        raise DataError(renamed.diagnostics)
    session.print_input(renamed.diagnostics)
    sys.stdout.write(renamed_text(renamed, renaming, session.lang))
    return EXIT_OK


def _renaming(kind: str, names: list[str]) -> Renaming:
    if kind not in KINDS:
        raise UsageError(
            f"KIND is one of {', '.join(KINDS)}, not {kind!r}",
            f"a KIND ezek egyike: {', '.join(KINDS)}, nem {kind!r}",
        )
    chosen: Kind = next(known for known in KINDS if known == kind)
    wanted = 3 if chosen == "dimension-value" else 2
    if len(names) != wanted:
        shape = "DIMENSION OLD NEW" if wanted == 3 else "OLD NEW"
        raise UsageError(
            f"rename {kind} takes {shape}", f"a rename {kind} ezt várja: {shape}"
        )
    if wanted == 3:
        return Renaming(chosen, names[1], names[2], names[0])
    return Renaming(chosen, names[0], names[1])


def _reopening(
    reopen: bool, reason: str | None, by: str | None, session: Session
) -> Reopening | None:
    if not reopen:
        if reason is not None or by is not None:
            raise UsageError(
                "--reason and --by go with --reopen-closed",
                "a --reason és a --by a --reopen-closed kapcsolóval együtt adható meg",
            )
        return None
    why = required_text(reason or "", "--reason", "must say why the months are reopened",
                        "nem lehet üres")
    who = required_text(by or "", "--by", "must name who does it", "nem lehet üres")
    return Reopening(why, who, session.day)
