"""Changes to a YAML text at the places of its nodes (yaml_tree.py); every other byte stays.

`rename`, `amend` and `target` change a value, add or remove a key, add or remove a list item.
Each change is an `Edit` of the text: the span of a node (or of its lines) and what replaces
it, rendered as `log` renders values (yaml_text.py), in the file's own layout (its indentation,
its line ends, block or flow style). What lies outside those spans — comments, blank lines,
quoting, key order, a BOM — stays byte for byte. The commands then read the new text back and
check that it holds exactly the data they meant (their own modules).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.keys import Shape
from .yaml_text import BOM, Layout, inline_text, item_text
from .yaml_tree import (
    Mapping as MappingNode,
)
from .yaml_tree import (
    Node,
    NotEditableError,
    Scalar,
    Tree,
    dash_of,
    is_block,
    last_line,
    read_tree,
)
from .yaml_tree import (
    Sequence as SequenceNode,
)

STEP = 2  # the indentation a new nested block gets beyond its key


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str


def applied(text: str, edits: Iterable[Edit]) -> str:
    """`text` with the edits made (they do not overlap)."""
    out: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):  # stable: ties in order
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        out.append(text[position : edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def block_lines(value: object, shape: Shape | None = None) -> list[str]:
    """A mapping or list as the lines of a block, in the canonical layout (layout.py) at the
    left margin: keys in the format's order, a list two spaces under its key."""
    lines: list[str] = []
    if isinstance(value, Mapping):
        keys = list(value)
        order = shape.order(keys) if shape is not None else range(len(keys))
        for index in order:
            key = keys[index]
            item = value[key]
            below = shape.below(key) if shape is not None else None
            if isinstance(item, Mapping | list) and item:
                lines.append(f"{inline_text(key)}:")
                lines.extend(" " * STEP + line for line in block_lines(item, below))
            else:
                lines.append(f"{inline_text(key)}: {inline_text(item)}")
        return lines
    assert isinstance(value, list)
    each = shape.each if shape is not None else None
    for item in value:
        if isinstance(item, Mapping) and item:
            inner = block_lines(item, each)
            lines.append("- " + inner[0])
            lines.extend("  " + line for line in inner[1:])
        else:
            lines.append(f"- {inline_text(item)}")
    return lines


class TextEditor:
    """The edits of one YAML file (decoded, without its BOM), in its layout."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(BOM)
        self.text = raw[len(BOM) if self.bom else 0 :].decode("utf-8")
        first = self.text.split("\n", 1)[0]
        self.newline = "\r\n" if first.endswith("\r") else "\n"
        self.tree: Tree = read_tree(self.text)

    def result(self, edits: Iterable[Edit]) -> bytes:
        return (BOM if self.bom else b"") + applied(self.text, edits).encode("utf-8")

    # -- places ----------------------------------------------------------------------------

    def _line_start(self, line: int) -> int:
        return self.tree.line_starts[line]

    def _after_line(self, line: int) -> tuple[int, str]:
        """Where text goes after a line, and the line break to put first if the file's last line
        has none."""
        offset = self.tree.line_end(line)
        missing = offset == len(self.text) and not self.text.endswith("\n")
        return offset, self.newline if missing else ""

    def _alone_on_line(self, offset: int) -> bool:
        line = self.tree.line_of(offset)
        return not self.tree.text[self._line_start(line) : offset].strip()

    def _value_end(self, node: Node) -> int:
        """The end of a value's text; a block scalar's or a block collection's ends with its
        last line, without its line break."""
        if is_block(node) or (isinstance(node, Scalar) and node.style in ("|", ">")):
            line = last_line(self.tree, node)
            return self._line_start(line) + len(self.tree.line_text(line))
        return node.end

    def _flow_opening(self, node: MappingNode | SequenceNode) -> int:
        """The offset after a flow collection's `{` or `[`."""
        return self.text.index("{" if isinstance(node, MappingNode) else "[", node.start) + 1

    # -- values ----------------------------------------------------------------------------

    def replace(self, node: Node, value: object, *, in_flow: bool) -> Edit:
        """The node's text (its anchor and tag included) by `value` on one line."""
        return Edit(node.start, self._value_end(node), inline_text(value, in_flow=in_flow))

    def replace_text(self, node: Node, text: str) -> Edit:
        return Edit(node.start, self._value_end(node), text)

    # -- mappings --------------------------------------------------------------------------

    def add_pair(
        self,
        mapping: MappingNode,
        key: str,
        value: object,
        shape: Shape | None,
        *,
        inline: bool = False,
    ) -> Edit:
        """A new key where the format's order puts it among the keys there are: after the last
        one that comes before it, else before the first. A mapping or list value of a block
        mapping becomes a block under the key (`inline`: on the key's line, `{a: 1}`, as an
        entry's of_which); in a flow mapping it is written in flow style."""
        keys = [pair[0].value if isinstance(pair[0], Scalar) else None for pair in mapping.pairs]
        rank = {name: number for number, name in enumerate(shape.keys)} if shape else {}
        mine = rank.get(key, len(rank))
        before = [
            index for index, name in enumerate(keys)
            if isinstance(name, str) and rank.get(name, len(rank)) <= mine
        ]
        if mapping.flow:
            pair = f"{inline_text(key, in_flow=True)}: {inline_text(value, in_flow=True)}"
            if not mapping.pairs:
                return Edit(self._flow_opening(mapping), self._flow_opening(mapping), pair)
            if before:
                end = self._value_end(mapping.pairs[before[-1]][1])
                return Edit(end, end, ", " + pair)
            first = mapping.pairs[0][0].start
            return Edit(first, first, pair + ", ")
        column = self.tree.column_of(mapping.pairs[0][0].start)
        below = shape.below(key) if shape else None
        lines = self._pair_lines(key, value, below, inline=inline)
        if before:
            offset, lead = self._after_line(last_line(self.tree, mapping.pairs[before[-1]][1]))
            text = lead + "".join(" " * column + line + self.newline for line in lines)
            return Edit(offset, offset, text)
        first = mapping.pairs[0][0].start
        text = "".join(
            (" " * column if number else "") + line + self.newline
            for number, line in enumerate(lines)
        )
        return Edit(first, first, text + " " * column)

    def _pair_lines(
        self, key: str, value: object, shape: Shape | None, *, inline: bool
    ) -> list[str]:
        if isinstance(value, Mapping | list) and value and not inline:
            nested = block_lines(value, shape)
            return [f"{inline_text(key)}:", *(" " * STEP + line for line in nested)]
        return [f"{inline_text(key)}: {inline_text(value)}"]

    def remove_pair(self, mapping: MappingNode, index: int) -> Edit:
        """The key and its value; in a block, their lines (with a comment at their end)."""
        key, value = mapping.pairs[index]
        if mapping.flow:
            return self._remove_flow_part(
                mapping, [part for pair in mapping.pairs for part in pair], index * 2, 2
            )
        if len(mapping.pairs) == 1:
            return Edit(key.start, self._value_end(value), "{}")
        if self._alone_on_line(key.start):
            start = self._line_start(self.tree.line_of(key.start))
            return Edit(start, self.tree.line_end(last_line(self.tree, value)), "")
        # the first key of a list item, on the `- ` line: the next key takes its place
        return Edit(key.start, mapping.pairs[index + 1][0].start, "")

    # -- lists -----------------------------------------------------------------------------

    def remove_item(self, sequence: SequenceNode, index: int) -> Edit:
        """The item; in a block, its lines (with the comments at their ends). The last item
        leaves `[]`: an empty list, which a block cannot write."""
        item = sequence.items[index]
        if sequence.flow:
            return self._remove_flow_part(sequence, sequence.items, index, 1)
        dash = dash_of(self.tree, item)
        if len(sequence.items) == 1:
            return Edit(dash, self._value_end(item), "[]")
        if not self._alone_on_line(dash):
            raise NotEditableError(
                self.tree.line_of(dash),
                "a list item that shares its line with another `-`",
                "egy `-` tétel, amely egy sorban áll egy másikkal",
            )
        start = self._line_start(self.tree.line_of(dash))
        return Edit(start, self.tree.line_end(last_line(self.tree, item)), "")

    def insert_item(
        self, sequence: SequenceNode, index: int, value: object, shape: Shape | None = None
    ) -> Edit:
        """A new item before the item `index` (at the end: `len(items)`), in the layout of the
        list's first item; `shape`: the item's, if it is a mapping."""
        if sequence.flow:
            text = inline_text(value, in_flow=True)
            if not sequence.items:
                return Edit(self._flow_opening(sequence), self._flow_opening(sequence), text)
            if index < len(sequence.items):
                start = sequence.items[index].start
                return Edit(start, start, text + ", ")
            end = self._value_end(sequence.items[-1])
            return Edit(end, end, ", " + text)
        first = sequence.items[0]
        dash = dash_of(self.tree, first)
        column = self.tree.column_of(dash)
        gap = max(1, self.tree.column_of(first.start) - column - 1) if (
            self.tree.line_of(first.start) == self.tree.line_of(dash)
        ) else 1
        lines = block_lines([value], Shape(each=shape))
        text = item_text(lines, Layout(self.newline, column, gap))
        if index < len(sequence.items):
            start = self._line_start(self.tree.line_of(dash_of(self.tree, sequence.items[index])))
            return Edit(start, start, text)
        offset, lead = self._after_line(last_line(self.tree, sequence.items[-1]))
        return Edit(offset, offset, lead + text)

    def _remove_flow_part(
        self, node: MappingNode | SequenceNode, parts: Sequence[Node], first: int, size: int
    ) -> Edit:
        """Remove parts[first:first+size] of a flow collection with the comma beside them."""
        start = parts[first].start
        end = self._value_end(parts[first + size - 1])
        if first + size < len(parts):
            return Edit(start, parts[first + size].start, "")
        if first > 0:
            return Edit(self._value_end(parts[first - 1]), end, "")
        closing = node.end - 1
        return Edit(self._flow_opening(node), closing, "")
