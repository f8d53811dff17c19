"""`szaktar fmt`: a project or actuals file in the canonical layout, its values and comments kept.

The canonical layout (docs/commands.md, fmt):

- two spaces a level; a list under a key indented by two (`key:` / `  - item`), the items of an
  actuals file at the left margin, a list item's mapping starting on its `- ` line;
- keys in the order the format documents them (core/keys.py), a merge (`<<`) first, keys the
  format does not define after the known ones as written; ids in the order written;
- a collection written in flow style (`{…}`, `[…]`) stays so, on one line as `{a: 1, b: [x, y]}`;
  a list of plain values longer than the line (100 characters) continues under its first item;
- a plain value as written (its text is its value to every YAML reader); a quoted one plain when
  plain reads back as the same text to YAML 1.1 and 1.2 readers alike, else in double quotes
  (as `log` writes values); a block scalar (`|`, `>`) with its lines as written, re-indented;
- comments where they were: a comment line before the key or item it precedes (a comment more
  indented than the next key stays with the deeper block above it), at the indentation of its
  place; a comment at the end of a line after the same line's content, as far from it as it was;
- blank lines where they were, one at most in a row; none at the start of a block, before the
  end of one, or at the end of the file; the first lines of a file (its header comments) first;
- a byte order mark, CRLF line ends, `---` and `...` kept as the file has them.

`formatted` checks its own work: the text it returns reads as exactly the same data (every value
of the same type) and holds the same comments, else it raises NotEditableError and the file stays as
it is.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..core.keys import Shape
from ..read.yamlio import parse
from .yaml_text import BOM, flow_scalar_is_safe, plain_is_safe, quoted_scalar
from .yaml_tree import (
    Alias,
    Comment,
    Mapping,
    Node,
    NotEditableError,
    Scalar,
    Sequence,
    Tree,
    comments_within,
    dash_of,
    is_block,
    last_line,
    read_tree,
    tag_text,
    walk,
)

WIDTH = 100
STEP = 2  # spaces a level

Gap = Comment | None  # a line between entries: a comment line, or a blank one (None)


def formatted(raw: bytes, shape: Shape) -> bytes:
    """`raw` (a UTF-8 YAML file) in the canonical layout. Raises NotEditableError when it cannot be
    laid out without changing a value or losing a comment (the file is then left as it is), and
    UnicodeDecodeError when it is not UTF-8."""
    bom = raw.startswith(BOM)
    original = raw[len(BOM) if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in original.split("\n", 1)[0] + "\n" else "\n"
    text = original.replace("\r\n", "\n")
    tree = read_tree(text)
    result = _Layout(tree, shape).text()
    _check(text, result, tree)
    return (BOM if bom else b"") + result.replace("\n", newline).encode("utf-8")


# --- the entries of block collections, and the comments and blank lines around them -----------


@dataclass(eq=False, slots=True)
class _Entry:
    """A key with its value, or a list item, of a block collection."""

    key: Scalar | None  # None: a list item
    value: Node
    head: int  # the line of its key or `-`
    column: int
    last: int  # its last line
    leading: list[Gap] = field(default_factory=list)
    eol: list[Comment] = field(default_factory=list)


class _Layout:
    def __init__(self, tree: Tree, shape: Shape) -> None:
        self.tree = tree
        self.shape = shape
        self.entries: dict[int, list[_Entry]] = {}  # id(block collection) → its entries
        self.heads: dict[int, list[int]] = {}  # id(block collection) → its entries' first lines
        self.trailing: dict[int, list[Gap]] = {}  # id(block collection) → lines after them
        self.root_eol: list[Comment] = []
        self.header: list[Gap] = []  # before the root
        self.footer: list[Gap] = []  # after the root
        self.comment_on = {comment.line: comment for comment in tree.comments}
        self._refuse_what_cannot_be_laid_out()
        if tree.root is not None:
            self._collect(tree.root)
        self._attach_comments()

    # -- reading ---------------------------------------------------------------------------

    def _refuse_what_cannot_be_laid_out(self) -> None:
        tree = self.tree
        for node in walk(tree.root):
            if isinstance(node, Mapping | Sequence) and node.flow:
                inside = comments_within(tree, node.start, node.end)
                if inside:
                    raise NotEditableError(
                        inside[0].line,
                        "a comment inside a flow collection ({ … } or [ … ]): move it after the "
                        "closing bracket",
                        "megjegyzés egy { … } vagy [ … ] gyűjteményen belül: tedd a záró "
                        "zárójel mögé",
                    )
            if isinstance(node, Mapping):
                for key, _ in node.pairs:
                    if not isinstance(key, Scalar) or self._explicit_key(key):
                        raise NotEditableError(
                            tree.line_of(key.start),
                            "a complex key (`? …`)",
                            "összetett kulcs (`? …`)",
                        )

    def _explicit_key(self, key: Scalar) -> bool:
        before = self.tree.text[: key.start].rstrip(" \t")
        return before.endswith("?") and (len(before) == 1 or before[-2] in " \t\n[{,")

    def _collect(self, node: Node) -> None:
        """The entries of every block collection under `node`, with their lines."""
        tree = self.tree
        for current in walk(node):
            if not is_block(current):
                continue
            entries: list[_Entry] = []
            if isinstance(current, Mapping):
                for key, value in current.pairs:
                    assert isinstance(key, Scalar)
                    head = tree.line_of(key.start)
                    entries.append(
                        _Entry(key, value, head, tree.column_of(key.start),
                               max(head, last_line(tree, value)))
                    )
            else:
                assert isinstance(current, Sequence)
                for item in current.items:
                    dash = dash_of(tree, item)
                    head = tree.line_of(dash)
                    entries.append(
                        _Entry(None, item, head, tree.column_of(dash),
                               max(head, last_line(tree, item)))
                    )
            self.entries[id(current)] = entries
            self.heads[id(current)] = [entry.head for entry in entries]

    def _gap_lines(self, first: int, last: int) -> list[Gap]:
        """Lines first..last (inclusive): each a comment line or a blank one. The document's
        markers (`---`, `...`, `%YAML`) are written by `text()` as the file has them; a comment
        after one goes on a line of its own."""
        lines: list[Gap] = []
        for line in range(first, last + 1):
            comment = self.comment_on.get(line)
            text = self.tree.line_text(line).strip()
            if comment is not None and (comment.own_line or _is_marker(text)):
                lines.append(comment)
            elif not text:
                lines.append(None)
            elif not _is_marker(text):  # pragma: no cover  # the parser's places cover the rest
                raise NotEditableError(line, "an unexpected line", "váratlan sor")
        return lines

    def _attach_comments(self) -> None:
        tree = self.tree
        root = tree.root
        for comment in tree.comments:
            if comment.own_line or root is None:
                continue
            entry = self._deepest(root, comment.line)
            if entry is not None:
                entry.eol.append(comment)
            elif tree.line_of(root.start) <= comment.line <= last_line(tree, root):
                self.root_eol.append(comment)  # after a root that is not a block
        if root is None:
            self.header = self._gap_lines(0, tree.line_count - 1)
            return
        first_line = tree.line_of(root.start)
        end_line = last_line(tree, root)
        if is_block(root):
            entries = self.entries[id(root)]
            first_line = entries[0].head
            end_line = entries[-1].last
        self.header = self._gap_lines(0, first_line - 1)
        tail = self._gap_lines(end_line + 1, tree.line_count - 1)
        if is_block(root):
            self.footer = self._place(root, [], tail)
        else:
            self.footer = tail

    def _deepest(self, node: Node, line: int) -> _Entry | None:
        """The innermost entry of a block collection that spans `line`."""
        found: _Entry | None = None
        while is_block(node):
            entries = self.entries[id(node)]
            index = bisect.bisect_right(self.heads[id(node)], line) - 1
            if index < 0 or entries[index].last < line:
                break
            found = entries[index]
            node = found.value
        return found

    def _place(self, node: Node, opening: list[Gap], tail: list[Gap]) -> list[Gap]:
        """Give each entry of a block collection the lines before it; `opening`: those before
        its first entry, `tail`: those after its last one that its parent could not place.
        Returns the lines after its last entry that stay at its level."""
        entries = self.entries[id(node)]
        leading = opening
        for index, entry in enumerate(entries):
            entry.leading = leading
            if index + 1 < len(entries):
                after = self._gap_lines(entry.last + 1, entries[index + 1].head - 1)
            else:
                after = tail
            deep, leading = self._split(after, entry)
            if is_block(entry.value):
                inner = self.entries[id(entry.value)]
                opening_lines = self._gap_lines(entry.head + 1, inner[0].head - 1)
                self.trailing[id(entry.value)] = self._place(entry.value, opening_lines, deep)
        return leading

    @staticmethod
    def _split(lines: list[Gap], entry: _Entry) -> tuple[list[Gap], list[Gap]]:
        """The comment lines after `entry` indented deeper than it (they stay inside its block),
        and the rest, from the first comment that is not."""
        if not is_block(entry.value):
            return [], lines
        cut = len(lines)
        for index, line in enumerate(lines):
            if line is not None and line.column <= entry.column:
                cut = index
                break
        while cut > 0 and lines[cut - 1] is None:
            cut -= 1
        return lines[:cut], lines[cut:]

    # -- writing ---------------------------------------------------------------------------

    def text(self) -> str:
        tree = self.tree
        out = [
            tree.line_text(line) for line in range(tree.line_count)
            if tree.line_text(line).startswith("%")
        ]
        if tree.explicit_start:
            out.append("---")
        root = tree.root
        header = self.header
        if root is not None and is_block(root):
            first = self.entries[id(root)][0]  # the file's first lines stay first
            header, first.leading = header + first.leading, []
        out.extend(_gaps(header, 0, first=True, last=root is None))
        if root is not None and is_block(root):
            out.extend(self._block(root, 0, self.shape))
        elif root is not None:
            out.extend(self._with_eol(self._inline_lines("", root, self.shape), self.root_eol))
        out.extend(_gaps(self.footer, 0, last=True))
        if tree.explicit_end:
            out.append("...")
        return "".join(f"{line}\n" for line in _kept_as_they_read(out))

    def _ordered(self, node: Node, shape: Shape | None) -> list[_Entry]:
        entries = self.entries[id(node)]
        if shape is None or not isinstance(node, Mapping):
            return entries
        order = shape.order([entry.key.value if entry.key else None for entry in entries])
        moved = [entries[index] for index in order]
        if not _aliases_follow_anchors([[entry.key, entry.value] for entry in moved]):
            return entries  # moving a key would put an alias before its anchor
        return moved

    def _block(self, node: Node, indent: int, shape: Shape | None) -> list[str]:
        out: list[str] = []
        for index, entry in enumerate(self._ordered(node, shape)):
            out.extend(_gaps(entry.leading, indent, first=index == 0))
            below = shape.below(entry.key.value if entry.key else None) if shape else None
            if entry.key is None:
                out.extend(self._item(entry, indent, below))
            else:
                lead = " " * indent + self._scalar(entry.key, in_flow=False) + ":"
                out.extend(self._value_lines(lead, entry, indent, below))
        out.extend(_gaps(self.trailing.get(id(node), []), indent, last=True))
        return out

    def _item(self, entry: _Entry, indent: int, shape: Shape | None) -> list[str]:
        value = entry.value
        lead = " " * indent + "-"
        if not is_block(value) or _properties(value):
            return self._value_lines(lead, entry, indent, shape)
        # the item's first key goes on its `- ` line: what was before that key goes before it
        first = self._ordered(value, shape)[0]
        before = _gaps(first.leading, indent, first=True)
        before += [" " * indent + comment.text for comment in entry.eol]
        first.leading = []
        inner = self._block(value, indent + STEP, shape)
        inner[0] = lead + " " + inner[0][indent + STEP :]
        return before + inner

    def _value_lines(self, lead: str, entry: _Entry, indent: int, shape: Shape | None) -> list[str]:
        """`lead` (`key:` or `-`) and the entry's value after it, with its comments."""
        value = entry.value
        props = _properties(value)
        if is_block(value):
            head = lead + (" " + props if props else "")
            return [*self._with_eol([head], entry.eol), *self._block(value, indent + STEP, shape)]
        if isinstance(value, Scalar) and value.style in ("|", ">"):
            header = self._block_header(value)
            head = lead + " " + (props + " " if props else "") + header
            body = self._block_body(value, entry, indent)
            keeps = [_KEEP] if header.endswith("+") else []  # its value ends with its blank lines
            return [*self._with_eol([head], entry.eol), *body, *keeps]
        return self._with_eol(self._inline_lines(lead, value, shape), entry.eol)

    @staticmethod
    def _with_eol(lines: list[str], comments: list[Comment]) -> list[str]:
        """The first comment at the end of the last line, as far from it as it was; another one
        (a rare second comment of one entry) on a line of its own after it."""
        if not comments:
            return lines
        first, *others = comments
        indent = len(lines[-1]) - len(lines[-1].lstrip(" "))
        last = lines[-1] + " " * max(1, first.gap) + first.text
        return [*lines[:-1], last, *(" " * indent + comment.text for comment in others)]

    def _inline_lines(self, lead: str, value: Node, shape: Shape | None) -> list[str]:
        """`lead` and a value on one line; a flow list of plain values that does not fit is
        continued under its first item."""
        text = self._inline(value, shape)
        if not text:
            return [lead]
        prefix = f"{lead} " if lead else ""
        if (
            len(prefix + text) <= WIDTH
            or not isinstance(value, Sequence)
            or _properties(value)
            or any(isinstance(item, Mapping | Sequence) for item in value.items)
        ):
            return [prefix + text]
        items = [self._inline(item, None, in_flow=True) for item in value.items]
        lines = [prefix + "[" + items[0] + ("]" if len(items) == 1 else ",")]
        for number, item in enumerate(items[1:], start=2):
            piece = item + ("]" if number == len(items) else ",")
            if len(lines[-1]) + 1 + len(piece) <= WIDTH:
                lines[-1] += " " + piece
            else:
                lines.append(" " * (len(prefix) + 1) + piece)
        return lines

    def _inline(self, node: Node, shape: Shape | None, *, in_flow: bool = False) -> str:
        props = _properties(node)
        if isinstance(node, Alias):
            return f"*{node.anchor}"
        if isinstance(node, Scalar):
            text = self._scalar(node, in_flow=in_flow)
            return f"{props} {text}" if props and text else props or text
        prefix = props + " " if props else ""
        if isinstance(node, Mapping):
            pairs = []
            for index in _flow_order(node, shape):
                key, value = node.pairs[index]
                below = shape.below(getattr(key, "value", None)) if shape else None
                pairs.append(
                    f"{self._inline(key, None, in_flow=True)}: "
                    f"{self._inline(value, below, in_flow=True)}"
                )
            return prefix + "{" + ", ".join(pairs) + "}"
        assert isinstance(node, Sequence)
        each = shape.each if shape else None
        items = ", ".join(self._inline(item, each, in_flow=True) for item in node.items)
        return f"{prefix}[{items}]"

    def _scalar(self, node: Scalar, *, in_flow: bool) -> str:
        """A plain value as written (on one line); a quoted one as `log` would write its text."""
        if node.style in ("|", ">"):
            raise NotEditableError(
                self.tree.line_of(node.start),
                "a block of text (| or >) as the whole document",
                "a teljes dokumentum egy szövegblokk (| vagy >)",
            )
        source = self.tree.text[node.start : node.end]
        if node.style == "" and "\n" not in source:
            return node.value
        if node.tag is not None:
            return quoted_scalar(node.value)
        safe = flow_scalar_is_safe if in_flow else plain_is_safe
        return node.value if safe(node.value) else quoted_scalar(node.value)

    def _block_header(self, node: Scalar) -> str:
        """`|`, `>-`, `|2+`: the style and chomping as written; an indentation indicator (the
        step, 2) where the file gave one."""
        indicators = self._written_header(node)
        chomping = "".join(char for char in indicators if char in "+-")
        explicit = any(char.isdigit() for char in indicators)
        return indicators[0] + (str(STEP) if explicit else "") + chomping

    def _written_header(self, node: Scalar) -> str:
        line = self.tree.line_text(self.tree.line_of(node.start))
        match = _BLOCK_HEADER.search(line, self.tree.column_of(node.start))
        assert match is not None
        return match.group(0)

    def _block_body(self, node: Scalar, entry: _Entry, indent: int) -> list[str]:
        """The block scalar's lines as written, moved to the canonical indentation."""
        tree = self.tree
        lines = [
            tree.line_text(line)
            for line in range(tree.line_of(node.start) + 1, last_line(tree, node) + 1)
        ]
        digits = "".join(char for char in self._written_header(node) if char.isdigit())
        if digits:  # as libyaml reads it: the block's column plus the indicator
            current = entry.column + int(digits)
        else:
            written = next((line for line in lines if line.strip()), "")
            current = len(written) - len(written.lstrip(" "))
        to = " " * (indent + STEP)
        return [to + line[current:] if len(line) > current else "" for line in lines]


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
_KEEP = "\x00"  # after a block scalar that keeps its final blank lines (`|+`)


def _kept_as_they_read(lines: list[str]) -> list[str]:
    """Without the blank lines that would follow a `|+` block scalar: they would become part
    of its value (those that are part of it, it writes itself)."""
    out: list[str] = []
    keep = False
    for line in lines:
        if line == _KEEP:
            keep = True
        elif not (keep and line == ""):
            keep = False
            out.append(line)
    return out


def _is_marker(text: str) -> bool:
    return text.startswith(("---", "...", "%"))


def _gaps(lines: list[Gap], indent: int, *, first: bool = False, last: bool = False) -> list[str]:
    """Comment and blank lines at `indent`: one blank line at most in a row; none at the start
    of a block (`first`) or at its end (`last`)."""
    out: list[str] = []
    for line in lines:
        if line is not None:
            out.append(" " * indent + line.text)
        elif (out and out[-1] != "") or (not out and not first):
            out.append("")
    if last:
        while out and out[-1] == "":
            out.pop()
    return out


def _properties(node: Node) -> str:
    """A node's anchor and tag, as written before it: `&base`, `!!str`."""
    parts = []
    if node.anchor is not None and not isinstance(node, Alias):
        parts.append(f"&{node.anchor}")
    if node.tag is not None:
        parts.append(tag_text(node.tag))
    return " ".join(parts)


def _flow_order(node: Mapping, shape: Shape | None) -> list[int]:
    if shape is None:
        return list(range(len(node.pairs)))
    order = shape.order([getattr(key, "value", None) for key, _ in node.pairs])
    if not _aliases_follow_anchors([list(node.pairs[index]) for index in order]):
        return list(range(len(node.pairs)))
    return order


def _aliases_follow_anchors(groups: list[list[Node | None]]) -> bool:
    """Whether, in this order, every alias in the groups of nodes comes after the anchor it
    names (an anchor outside them is before or after all of them alike)."""
    nodes = [[node for top in group for node in walk(top)] for group in groups]
    inside = {n.anchor for group in nodes for n in group if n.anchor and not isinstance(n, Alias)}
    defined: set[str] = set()
    for group in nodes:
        for node in group:
            if isinstance(node, Alias):
                if node.anchor in inside and node.anchor not in defined:
                    return False
            elif node.anchor is not None:
                defined.add(node.anchor)
    return True


# --- the check: the same data, the same comments ------------------------------------------------


def _check(before: str, after: str, tree: Tree) -> None:
    old, new = parse(before, ""), parse(after, "")
    if not new.ok or not same_data(old.data, new.data):
        raise NotEditableError(
            0,
            "it would read differently in the canonical layout (a construct szaktar cannot lay "
            "out yet)",
            "a kanonikus elrendezésben másként olvasódna (ezt a szerkezetet a szaktar még nem "
            "tudja elrendezni)",
        )
    try:
        kept = Counter(comment.text for comment in read_tree(after).comments)
    except NotEditableError:  # pragma: no cover  # the new text parsed above
        kept = Counter()
    if kept != Counter(comment.text for comment in tree.comments):
        raise NotEditableError(
            0,
            "a comment would be lost in the canonical layout",
            "a kanonikus elrendezésben elveszne egy megjegyzés",
        )


def same_data(first: Any, second: Any) -> bool:
    """Equal, and of the same types throughout (`true` is not `1`, `1` is not `1.0`)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):  # the order of keys is layout (fmt orders them)
        keys = {(type(key), key) for key in first}
        return keys == {(type(key), key) for key in second} and all(
            same_data(first[key], second[key]) for key in first
        )
    if isinstance(first, list):
        return len(first) == len(second) and all(
            same_data(a, b) for a, b in zip(first, second, strict=True)
        )
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    if isinstance(first, dt.datetime):
        return bool(first == second and first.tzinfo == second.tzinfo)
    return bool(first == second)
