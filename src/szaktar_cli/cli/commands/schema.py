"""`szaktar schema project|actuals|closed`: the JSON Schema of a file kind, from the models."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ...core.model import FileKind, json_schema
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
    sys.stdout.write(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n")
