"""`szaktar schema project|actuals`: the JSON Schema of a file kind, generated from the models."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from ..app import app


class FileKind(StrEnum):
    project = "project"
    actuals = "actuals"
    closed = "closed"


def schema_text(kind: str) -> str:
    from ..closing import manifest_json_schema  # noqa: PLC0415
    from ..model import json_schema  # noqa: PLC0415

    if kind == "closed":
        return json.dumps(manifest_json_schema(), ensure_ascii=False, indent=2) + "\n"
    schema = json_schema("project" if kind == "project" else "actuals")
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@app.command()
def schema(
    kind: Annotated[
        FileKind,
        typer.Argument(
            help="project (project.yaml), actuals (actuals/YYYY-MM.yaml) or closed (closed.yaml)."
        ),
    ],
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a file kind. / A fájlok JSON sémája."""
    typer.echo(schema_text(kind.value), nl=False)
