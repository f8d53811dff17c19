"""One module per command; each registers itself on the shared Typer app when imported."""

from __future__ import annotations

import importlib

COMMANDS: tuple[str, ...] = (
    "validate", "schema", "export", "status", "report", "chart", "log", "import_cmd", "new",
    "plan", "gaps", "close", "history",
)


def register_all() -> None:
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}")
