"""Where output goes and how it looks: rich on a terminal, plain text when piped or NO_COLOR."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(stream: IO[str]) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (any value) or TERM=dumb."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def make_console(*, stderr: bool = False) -> Console:
    from rich.console import Console  # noqa: PLC0415

    stream = sys.stderr if stderr else sys.stdout
    color = color_enabled(stream)
    return Console(
        file=stream,
        stderr=stderr,
        no_color=not color,
        force_terminal=color,
        highlight=False,
        emoji=False,
        soft_wrap=not is_terminal(stream),
    )
