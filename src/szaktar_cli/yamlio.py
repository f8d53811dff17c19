"""Reading YAML: the fast path for data, and positions only where a diagnostic needs one.

Data is parsed by libyaml through PyYAML's `CSafeLoader` with the garbage collector
paused (see PERFORMANCE.md: round-trip parsing would cost 11× more). Positions are
not kept while loading; when a file has a problem, it is composed again (C parser,
node marks) and the problem's path is looked up there (`Locator`).

Hostile input is bounded before it reaches libyaml: very deep nesting (which makes
the C composer overflow its stack) and alias expansion are refused with a
diagnostic; duplicate keys, which YAML libraries silently collapse, are reported.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, diag

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
PathPart = str | int

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Cheap signs that a text may nest deeply; only then are the parser's events counted.
_MAYBE_DEEP = re.compile(r"^ {40,}\S|(?:[-?] +){8,}", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    key: str
    line: int
    column: int


class _Loader(yaml.CSafeLoader):  # type: ignore[misc]  # libyaml-backed, untyped
    """CSafeLoader that reports duplicate keys and keeps invalid dates as their text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[DuplicateKey] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # noqa: FBT001, FBT002
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    mark = key_node.start_mark
                    self.duplicates.append(DuplicateKey(str(key), mark.line + 1, mark.column + 1))
                seen.add(key)
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2010-02-30: left as text, the schema reports it with its place
            return self.construct_scalar(node)


_Loader.add_constructor(_TIMESTAMP_TAG, _Loader.construct_yaml_timestamp)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the document has once every alias is expanded (stops counting past `limit`)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


@contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing allocates millions of objects that all survive; collecting meanwhile is waste."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(slots=True)
class Parsed:
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the data can be used: a duplicate key is an error, but the rest still reads."""
        return not any(d.is_error and d.code != "Y103" for d in self.diagnostics)


def decode(raw: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (a BOM is fine); CRLF becomes LF as YAML itself reads it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, diag("Y107", file, line, column, byte=raw[error.start])
    return text, None


def _depth_problem(text: str, file: str) -> Diagnostic | None:
    if text.count("[") + text.count("{") <= MAX_DEPTH // 2 and not _MAYBE_DEEP.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return diag("Y106", file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the syntax error is reported by the real parse
    return None


def _syntax_diagnostic(error: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = error.problem or str(error)
    if "tab" in problem or (mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        return diag("Y102", file, line, column)
    if "undefined alias" in problem and mark is not None:
        alias = re.match(r"\*([^\s,\]}]+)", text.splitlines()[mark.line][mark.column :])
        return diag("Y104", file, line, column, alias=alias.group(1) if alias else "?")
    context = f"{error.context}, " if error.context else ""
    return diag("Y101", file, line, column, problem=f"{context}{problem}")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def parse(text: str, file: str) -> Parsed:
    """Parse one document. Problems come back as diagnostics; nothing raises."""
    result = Parsed()
    deep = _depth_problem(text, file)
    if deep is not None:
        result.diagnostics.append(deep)
        return result
    loader = _Loader(text)
    try:
        with gc_paused():
            if "*" in text:  # aliases may expand exponentially: measure before building
                result.data = _construct_bounded(loader, file, result.diagnostics)
            else:
                result.data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        result.diagnostics.append(_syntax_diagnostic(error, text, file))
    except yaml.YAMLError as error:
        result.diagnostics.append(diag("Y101", file, 0, 0, problem=str(error)))
    except RecursionError:
        result.diagnostics.append(diag("Y106", file, 0, 0, limit=MAX_DEPTH))
    finally:
        loader.dispose()
    result.diagnostics.extend(diag("Y103", file, d.line, d.column, key=d.key) for d in loader.duplicates)
    return result


def _construct_bounded(loader: _Loader, file: str, diagnostics: list[Diagnostic]) -> Any:
    node = loader.get_single_node()
    if node is None:
        return None
    size = _expanded_size(node, MAX_EXPANDED_NODES)
    if size > MAX_EXPANDED_NODES:
        diagnostics.append(diag("Y105", file, 1, 1, limit=f"{MAX_EXPANDED_NODES:,}"))
        return None
    return loader.construct_document(node)


class Locator:
    """Finds the line and column of a path (e.g. `[12, "hours"]`) in a file, composing it once."""

    def __init__(self) -> None:
        self._roots: dict[str, yaml.Node | None] = {}
        self._texts: dict[str, str] = {}

    def remember(self, file: str, text: str) -> None:
        """Keep a text that is not (or not yet) on disk, e.g. an entry about to be written."""
        self._texts[file] = text

    def _root(self, file: str) -> yaml.Node | None:
        if file not in self._roots:
            text = self._texts.get(file)
            if text is None:
                try:
                    text = Path(file).read_bytes().decode("utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    text = ""
            try:
                self._roots[file] = yaml.compose(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._roots[file] = None
        return self._roots[file]

    def position(self, file: str, path: Sequence[PathPart], *, on_key: bool = False) -> tuple[int, int]:
        """The deepest node of `path` that exists; `on_key` points at a mapping key, not its value."""
        node = self._root(file)
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for index, part in enumerate(path):
            last = index == len(path) - 1
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                        mark = key_node.start_mark if (last and on_key) else value_node.start_mark
                        child = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                mark = child.start_mark
            if child is None:
                break
            node = child
        return (mark.line + 1, mark.column + 1)
