"""`szaktar schema project|actuals|closed`: the JSON Schema of a file kind, from the models."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..app import app

if TYPE_CHECKING:
    from ...core.model import FileKind


class SchemaKind(StrEnum):
    project = "project"
    actuals = "actuals"
    closed = "closed"


def schema_text(kind: FileKind) -> str:
    from ...core.model import json_schema  # noqa: PLC0415

    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="project (project.yaml), actuals (actuals/YYYY-MM.yaml) or closed (closed.yaml)."
        ),
    ],
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a file kind. / A fájlok JSON sémája."""
    typer.echo(schema_text(kind.value), nl=False)
