"""A YAML file as the editing commands see it: its nodes with their places, and its comments.

`fmt`, `rename`, `amend` and `target` change files people also edit by hand. They read a file
with libyaml's parser, the one every szaktar command reads the data with (read/yamlio.py), so
that what a node is (a number, a date, a text) is decided exactly as the data is read; and they
keep what the data does not carry: each node's place in the text (the parser's marks, as
character offsets) and each comment. `amend`, `rename` and `target` change the text at those
places only (yaml_edit.py); `fmt` writes the tree out again in the canonical layout (layout.py),
every comment with it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

# A line break YAML knows besides LF and CRLF: lines would be counted differently here.
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#")
_CORE_TAG = "tag:yaml.org,2002:"


class NotEditableError(Exception):
    """The text cannot be read as a tree, laid out or changed in place without changing more
    than meant (the line is 0-based; the reason in both languages): it is left as it is."""

    def __init__(self, line: int, en: str, hu: str) -> None:
        super().__init__(en)
        self.line = line
        self.en = en
        self.hu = hu


@dataclass(eq=False, slots=True)
class Node:
    start: int  # offset of its first character (its anchor or tag, if it has one)
    end: int  # offset after its last character
    anchor: str | None  # the anchor it defines (an Alias: the one it refers to)
    tag: str | None  # a tag written out (`!!str`), else None


@dataclass(eq=False, slots=True)
class Scalar(Node):
    value: str = ""
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" a block scalar


@dataclass(eq=False, slots=True)
class Alias(Node):
    pass


@dataclass(eq=False, slots=True)
class Mapping(Node):
    flow: bool = False
    pairs: list[tuple[Node, Node]] = field(default_factory=list)

    def get(self, key: str) -> tuple[Node, Node] | None:
        """The pair whose key is the text `key` (the last one, as the data is read)."""
        found = None
        for pair in self.pairs:
            if isinstance(pair[0], Scalar) and pair[0].value == key:
                found = pair
        return found


@dataclass(eq=False, slots=True)
class Sequence(Node):
    flow: bool = False
    items: list[Node] = field(default_factory=list)


Collection = Mapping | Sequence


@dataclass(frozen=True, slots=True)
class Comment:
    start: int  # offset of its `#`
    line: int
    column: int
    text: str  # from `#` to the end of its line, without trailing spaces
    own_line: bool  # nothing but spaces before it on its line
    gap: int  # spaces and tabs between what precedes it on its line and the `#`


@dataclass(slots=True)
class Tree:
    text: str
    root: Node | None
    comments: list[Comment]
    line_starts: list[int]
    explicit_start: bool = False
    explicit_end: bool = False

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def column_of(self, offset: int) -> int:
        return offset - self.line_starts[self.line_of(offset)]

    def line_text(self, line: int) -> str:
        """The line without its line break."""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_end(self, line: int) -> int:
        """The offset after the line's line break (the end of the text on the last line)."""
        return self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def scalars(self) -> Iterator[Scalar]:
        return (node for node in walk(self.root) if isinstance(node, Scalar))


def walk(node: Node | None) -> Iterator[Node]:
    """Every node under `node`, in the order of the text (keys before their values)."""
    stack: list[Node] = [node] if node is not None else []
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Mapping):
            stack.extend(part for pair in reversed(current.pairs) for part in reversed(pair))
        elif isinstance(current, Sequence):
            stack.extend(reversed(current.items))


def child(node: Node | None, key: str) -> Node | None:
    """The value under `key` of a mapping node (None: not a mapping, or no such key)."""
    if isinstance(node, Mapping):
        pair = node.get(key)
        return pair[1] if pair is not None else None
    return None


def is_block(node: Node) -> bool:
    """A collection written as indented lines (not `{…}` or `[…]`)."""
    return isinstance(node, Mapping | Sequence) and not node.flow


def block_scalar_body(tree: Tree, node: Scalar) -> int:
    """The offset where a block scalar's lines start (after its `|` or `>` line)."""
    return tree.line_end(tree.line_of(node.start))


def last_line(tree: Tree, node: Node) -> int:
    """The last line that holds something of the node (a block scalar's last line of text;
    with `+` its trailing empty lines, which belong to its value)."""
    if isinstance(node, Mapping | Sequence) and not node.flow:
        # (an empty value's place is right after its `key:` or `-`)
        return last_line(tree, node.pairs[-1][1] if isinstance(node, Mapping) else node.items[-1])
    if isinstance(node, Scalar) and node.style in ("|", ">"):
        header = tree.text[node.start : block_scalar_body(tree, node)]
        body_start = block_scalar_body(tree, node)
        if "+" in header.split("#", 1)[0]:
            return tree.line_of(max(node.end - 1, node.start))
        body = tree.text[body_start : node.end].rstrip(" \t\r\n")
        return tree.line_of(body_start + len(body) - 1) if body else tree.line_of(node.start)
    return tree.line_of(max(node.end - 1, node.start))


def tag_text(tag: str) -> str:
    """A tag as it is written: `!!str`, `!local`, or `!<…>` in full."""
    if tag.startswith(_CORE_TAG):
        return "!!" + tag[len(_CORE_TAG) :]
    return tag if tag.startswith("!") else f"!<{tag}>"


def read_tree(text: str) -> Tree:
    """The tree of one YAML document (`text` without a BOM). Raises NotEditableError when the
    text does not parse (the reader's diagnostics say more), holds several documents, or breaks
    lines with something other than LF or CRLF."""
    other = _OTHER_BREAKS.search(text)
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    if other is not None:
        line = bisect.bisect_right(starts, other.start()) - 1
        raise NotEditableError(
            line,
            "a line break other than LF or CRLF",
            "LF-től és CRLF-től eltérő sortörés",
        )
    tree = Tree(text, None, [], starts)
    try:
        _build(tree, yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise NotEditableError(
            mark.line if mark is not None else 0, "a YAML syntax error", "YAML szintaktikai hiba"
        ) from None
    except yaml.YAMLError:
        raise NotEditableError(0, "a YAML syntax error", "YAML szintaktikai hiba") from None
    tree.comments = _comments(tree)
    return tree


def _build(tree: Tree, events: Iterator[yaml.Event]) -> None:
    stack: list[Mapping | Sequence] = []
    pending_key: list[Node | None] = []  # per open mapping: its key waiting for a value
    documents = 0

    def add(node: Node) -> None:
        if not stack:
            tree.root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif pending_key[-1] is None:
            pending_key[-1] = node
        else:
            key = pending_key[-1]
            assert key is not None
            parent.pairs.append((key, node))
            pending_key[-1] = None

    for event in events:
        assert event.start_mark is not None  # libyaml marks every event
        assert event.end_mark is not None
        start, end = event.start_mark.index, event.end_mark.index
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise NotEditableError(
                    event.start_mark.line,
                    "a second YAML document (after ---)",
                    "második YAML-dokumentum (--- után)",
                )
            tree.explicit_start = bool(event.explicit)
        elif isinstance(event, yaml.DocumentEndEvent):
            tree.explicit_end = bool(event.explicit)
        elif isinstance(event, yaml.ScalarEvent):
            add(Scalar(start, end, event.anchor, event.tag, event.value, event.style or ""))
        elif isinstance(event, yaml.AliasEvent):
            add(Alias(start, end, event.anchor, None))
        elif isinstance(event, yaml.MappingStartEvent):
            mapping = Mapping(start, end, event.anchor, event.tag, bool(event.flow_style))
            add(mapping)
            stack.append(mapping)
            pending_key.append(None)
        elif isinstance(event, yaml.SequenceStartEvent):
            sequence = Sequence(start, end, event.anchor, event.tag, bool(event.flow_style))
            add(sequence)
            stack.append(sequence)
            pending_key.append(None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            closed = stack.pop()
            pending_key.pop()
            closed.end = end


def _scalar_spans(tree: Tree) -> tuple[list[int], list[int]]:
    """Where the text of scalars is (a comment sign there is text): starts and ends, sorted.
    A block scalar's first line (`|  # why`) may hold a comment; its lines may not."""
    spans = []
    for node in tree.scalars():
        start = block_scalar_body(tree, node) if node.style in ("|", ">") else node.start
        if start < node.end:
            spans.append((start, node.end))
    spans.sort()
    return [start for start, _ in spans], [end for _, end in spans]


def _comments(tree: Tree) -> list[Comment]:
    starts, ends = _scalar_spans(tree)
    comments: list[Comment] = []
    for line in range(tree.line_count):
        text = tree.line_text(line)
        if "#" not in text:
            continue
        base = tree.line_starts[line]
        for match in _COMMENT_START.finditer(text):
            offset = base + match.start()
            index = bisect.bisect_right(starts, offset) - 1
            if index >= 0 and offset < ends[index]:
                continue  # inside a scalar
            before = text[: match.start()]
            gap = len(before) - len(before.rstrip(" \t"))
            comments.append(
                Comment(
                    offset,
                    line,
                    match.start(),
                    text[match.start() :].rstrip(),
                    not before.strip(),
                    gap,
                )
            )
            break
    return comments


def comments_within(tree: Tree, start: int, end: int) -> list[Comment]:
    """The comments whose `#` lies in [start, end)."""
    offsets = [comment.start for comment in tree.comments]
    first = bisect.bisect_left(offsets, start)
    last = bisect.bisect_left(offsets, end)
    return tree.comments[first:last]


def dash_of(tree: Tree, item: Node) -> int:
    """The offset of the `-` that introduces an item of a block sequence: before the item,
    across spaces, line breaks and comments."""
    comment_on = {comment.line: comment for comment in tree.comments}
    position = item.start - 1
    while position >= 0:
        comment = comment_on.get(tree.line_of(position))
        if comment is not None and position >= comment.start:
            position = comment.start - 1
        elif tree.text[position] in " \t\r\n":
            position -= 1
        elif tree.text[position] == "-":
            return position
        else:
            break
    raise NotEditableError(
        tree.line_of(item.start), "a list item without its `-`", "`-` nélküli tétel"
    )
