"""Where things are in the files szaktar reads: where the items of a list start, and the
`Locator`, which finds the line and column of a path (e.g. `[12, "hours"]`) in a file.

Free of the YAML parser: the Locator composes a file's nodes (read/yamlio.py) only to find a
place inside it. A warm run, which parses nothing, places nothing and imports no parser.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .sources import UnreadableError, read_regular_file

if TYPE_CHECKING:
    from .yamlio import Nodes

PathPart = str | int


@dataclass(frozen=True, slots=True)
class ItemPlaces:
    """Where each item of a block list starts: line and column (1-based) of its node."""

    lines: array[int] = field(default_factory=lambda: array("I"))
    columns: array[int] = field(default_factory=lambda: array("I"))

    def __len__(self) -> int:
        return len(self.lines)

    def extend(self, other: ItemPlaces, first_line: int = 0) -> None:
        self.lines.extend(line + first_line for line in other.lines)
        self.columns.extend(other.columns)


class Locator:
    """Finds the line and column of a path (e.g. `[12, "hours"]`) in a file.

    It knows the files the loader read (by the name diagnostics give them, and where they are),
    the texts it was given, and where the items of a file's list start (`items`): the place of
    an item is then known without reading anything, and a place inside one is found in that
    item's lines alone. Any other place is found by composing the file once (a long list one
    piece at a time). It reads a file again only to find a position in it.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._paths: dict[str, Path] = {}
        self._items: dict[str, ItemPlaces] = {}
        self._nodes: Nodes | None = None  # made when a place inside a file is first looked for

    def source(self, file: str, path: Path) -> None:
        """Where the file diagnostics name `file` is (the loader tells, as it reads it)."""
        self._paths[file] = path

    def item_places(self, file: str) -> ItemPlaces | None:
        """Where the items of the file's list start, if its parse told."""
        return self._items.get(file)

    def items(self, file: str, places: ItemPlaces | None) -> None:
        """Where the items of the file's list start, as its parse found them (None: unknown)."""
        if self._nodes is not None:
            self._nodes.forget_item()
        if places is None:
            self._items.pop(file, None)
        else:
            self._items[file] = places

    def remember(self, file: str, text: str) -> None:
        """Keep a text that is not (or not yet) on disk, e.g. an entry about to be written."""
        self._texts[file] = text
        self._items.pop(file, None)
        if self._nodes is not None:
            self._nodes.forget(file)

    def text(self, file: str) -> str:
        """The file's text: as it was given (`remember`), else as it is on disk."""
        text = self._texts.get(file)
        if text is None:
            try:
                text = read_regular_file(self._paths[file]).decode("utf-8-sig")
            except (KeyError, UnreadableError, UnicodeDecodeError):
                text = ""
        return text

    def position(
        self, file: str, path: Sequence[PathPart], *, on_key: bool = False
    ) -> tuple[int, int]:
        """The deepest node of `path` that exists; `on_key`: at a mapping's key, not its value."""
        places = self._items.get(file)
        if len(path) == 1 and isinstance(path[0], int) and places is not None and (
            0 <= path[0] < len(places)
        ):
            return places.lines[path[0]], places.columns[path[0]]
        if self._nodes is None:
            from .yamlio import Nodes  # noqa: PLC0415  # the parser: only to place inside a file

            self._nodes = Nodes(self.text)
        return self._nodes.position(file, path, places, on_key=on_key)
