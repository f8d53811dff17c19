"""`szaktar schema project|actuals|closed`: the JSON Schema of a file kind, from the models."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...core.model import FileKind, schema_text
from ..app import command


@command("schema")
def schema(
    kind: Annotated[
        FileKind,
        typer.Argument(
            help="project (project.yaml), actuals (actuals/YYYY-MM.yaml) or closed (closed.yaml)."
        ),
    ],
) -> None:
    sys.stdout.write(schema_text(kind))
