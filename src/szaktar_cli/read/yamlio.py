"""Reading YAML: the fast path for data, and positions only where a diagnostic needs one.

Data is parsed by libyaml through PyYAML's `CSafeLoader` with the garbage collector
paused (docs/performance.md: a round-trip parser is an order of magnitude slower). Of the
positions, only where each item of a block list starts is kept while loading (`ItemPlaces`:
two integers an entry); a place inside an entry is found by composing that entry's lines
alone, and a place in any other file by composing the file again (C parser, node marks): a
diagnostic costs in proportion to the diagnostics, not to the file (`Locator`).

Hostile input is bounded before it reaches libyaml: very deep nesting (which makes
the C composer overflow its stack) and alias expansion are refused with a
diagnostic; duplicate keys, which YAML libraries silently collapse, are reported.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.diagnostics import DUPLICATE_KEY, Diagnostic, Text, diag
from .places import ItemPlaces, PathPart
from .sources import gc_paused

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {"Y101", "Y102", DUPLICATE_KEY, "Y104", "Y105", "Y106", "Y107", "Y110"}
)

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000

_TAG = "tag:yaml.org,2002:"
_TIMESTAMP_TAG = _TAG + "timestamp"
_MERGE_KEY, _TEXT = _TAG + "merge", _TAG + "str"
_SEQ_TAG, _MAP_TAG = _TAG + "seq", _TAG + "map"
# Scalar kinds whose value depends on their text alone (so a plain text's value can be reused).
_PURE_SCALAR_TAGS = frozenset(
    _TAG + name for name in ("null", "bool", "int", "float", "timestamp", "binary")
)
# Cheap signs that a text may nest deeply; only then are the parser's events counted.
# Each sign is first looked for as plain substrings (fast), the pattern only where one is found.
_INDENTED_40 = re.compile(r"^ {40,}\S", re.MULTILINE)
_COMPACT_8 = re.compile(r"[-?] +" * 8)  # eight nested `- ` / `? ` on one line
_COMPACT_PAIRS = ("- -", "- ?", "? -", "? ?", "-  ", "?  ")


# What each scalar kind is called when a text cannot be read as one (Y110).
_KINDS = {
    _TAG + "int": Text("a whole number", "egész szám"),
    _TAG + "float": Text("a number", "szám"),
    _TAG + "bool": Text("true or false", "logikai érték (igaz/hamis)"),
    _TAG + "timestamp": Text("a date", "dátum"),
}


class _UnreadableScalar(yaml.YAMLError):
    """A text that YAML's rules or its explicit tag give a kind it cannot be read as
    (`0x_`, `!!int x`, an integer of more digits than Python converts)."""

    def __init__(self, node: yaml.ScalarNode, kind: Text) -> None:
        super().__init__(node.value)
        self.node, self.kind = node, kind


def _guarded(construct: Any, kind: Text) -> Any:
    """PyYAML's constructor of a kind, raising _UnreadableScalar where it fails on the text."""

    def guarded(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, KeyError, AttributeError, TypeError) as error:
            raise _UnreadableScalar(node, kind) from error

    return guarded


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    key: str
    line: int
    column: int


class _Loader(yaml.CSafeLoader):  # libyaml-backed
    """CSafeLoader that reports duplicate keys and keeps invalid dates as their text."""

    def __init__(self, stream: str) -> None:
        self._plain: dict[str, Any] = {}  # plain scalar text -> its value
        super().__init__(stream)
        self.duplicates: list[DuplicateKey] = []
        self.places: ItemPlaces | None = None  # of the items of a block list document

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            self._note_duplicates(node, deep=deep)
        return mapping

    def _note_duplicates(self, node: yaml.MappingNode, *, deep: bool) -> None:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                mark = key_node.start_mark
                self.duplicates.append(DuplicateKey(str(key), mark.line + 1, mark.column + 1))
            seen.add(key)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """`<<: *base` merges keys in that the mapping's own keys override, as YAML intends.

        Duplicates are looked for among the own keys, before the merge; the merged keys
        that are overridden are dropped here, so that they are not taken for duplicates.
        """
        if not any(key_node.tag == _MERGE_KEY for key_node, _ in node.value):
            return
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag != _MERGE_KEY and _key_identity(key_node) in seen:
                mark = key_node.start_mark
                key = str(key_node.value)
                self.duplicates.append(DuplicateKey(key, mark.line + 1, mark.column + 1))
            seen.add(_key_identity(key_node))
        super().flatten_mapping(node)
        pairs = node.value
        last = {_key_identity(key_node): index for index, (key_node, _) in enumerate(pairs)}
        node.value = [
            pair for index, pair in enumerate(pairs) if last[_key_identity(pair[0])] == index
        ]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # a date, or its text
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2010-02-30: left as text, the schema reports it with its place
            return self.construct_scalar(node)

    # The fast path. Most of PyYAML's time goes not to libyaml but to Python, once per node:
    # the C composer calls the resolver (regular expressions) for every scalar, and then
    # `construct_object` dispatches each one with its bookkeeping for aliases and recursion.
    # Here the composer's resolver calls are C calls that only keep their arguments (a
    # `slice` holds all three); a tag is resolved when it is needed, by PyYAML's own
    # resolver, once per distinct plain text. The flat entries of an actuals file are built
    # directly; anything else (project.yaml, nested values, merge keys) has its tags
    # resolved and takes PyYAML's own path, so YAML's semantics stay exactly PyYAML's.
    resolve = slice  # (kind, value, implicit), resolved later by `_tag`
    descend_resolver = slice  # type: ignore[assignment]  # only path resolvers use these (none here)
    ascend_resolver = tuple  # type: ignore[assignment]

    def _tag(self, node: yaml.Node) -> str:
        implicit: object = node.tag
        if isinstance(implicit, slice):
            node.tag = yaml.resolver.BaseResolver.resolve(  # type: ignore[no-untyped-call]
                self, implicit.start, implicit.stop, implicit.step
            )
        return node.tag

    def _resolve_tags(self, root: yaml.Node) -> None:
        """Resolve every implicit tag under `root`, for PyYAML's own constructors."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) not in seen:
                seen.add(id(node))
                self._tag(node)
                stack.extend(_children(node))

    def construct_document(self, node: yaml.Node) -> Any:
        if type(node) is not yaml.SequenceNode or self._tag(node) != _SEQ_TAG:
            self._resolve_tags(node)
            return super().construct_document(node)
        data = [self._construct_item(item) for item in node.value]
        if not node.flow_style:  # (a flow list may hold several items on one line)
            marks = [item.start_mark for item in node.value]
            self.places = ItemPlaces(
                array("I", [mark.line + 1 for mark in marks]),
                array("I", [mark.column + 1 for mark in marks]),
            )
        while self.state_generators:  # what PyYAML's construct_document does after its root
            generators, self.state_generators = self.state_generators, []
            for generator in generators:
                for _ in generator:
                    pass
        self.constructed_objects, self.recursive_objects, self.deep_construct = {}, {}, False
        return data

    def _construct_item(self, node: yaml.Node) -> Any:
        if (
            isinstance(node, yaml.MappingNode)
            and node not in self.constructed_objects
            # a mapping without a tag of its own is always a map (no path resolvers here)
            and (isinstance(node.tag, slice) or node.tag == _MAP_TAG)
        ):
            mapping = self._construct_flat_mapping(node)
            if mapping is not None:
                self.constructed_objects[node] = mapping  # an alias to it gets the same dict
                return mapping
        self._resolve_tags(node)
        return self.construct_object(node)

    def _construct_flat_mapping(self, node: yaml.MappingNode) -> dict[Any, Any] | None:
        """A mapping of scalars to scalars without merge keys; None for any other mapping."""
        mapping: dict[Any, Any] = {}
        scalar = self._construct_scalar
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or type(value_node) is not yaml.ScalarNode:
                return None
            if key_node.value == "<<":
                return None
            mapping[scalar(key_node)] = scalar(value_node)
        if len(mapping) != len(node.value):
            self._resolve_tags(node)
            self._note_duplicates(node, deep=False)
        return mapping

    def _construct_scalar(self, node: yaml.ScalarNode) -> Any:
        tag: Any = node.tag
        if type(tag) is not slice:
            return self._construct_tagged(tag, node)
        if not tag.step[0]:  # quoted or block style without a tag: always text
            return node.value
        value = node.value
        try:
            return self._plain[value]
        except KeyError:
            built = self._plain[value] = self._construct_tagged(self._tag(node), node)
            return built

    def _construct_tagged(self, tag: str, node: yaml.ScalarNode) -> Any:
        if tag == _TEXT:
            return node.value
        if tag in _PURE_SCALAR_TAGS:
            return self.yaml_constructors[tag](self, node)
        return self.construct_object(node)  # PyYAML's error for a tag it does not know


_Loader.add_constructor(_TIMESTAMP_TAG, _Loader.construct_yaml_timestamp)
for _tag, _kind in _KINDS.items():
    _Loader.add_constructor(_tag, _guarded(_Loader.yaml_constructors[_tag], _kind))


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the document has once every alias is expanded (counts up to `limit` + 1)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # entered, children not yet sized
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(child)] for child in children))
            open_nodes.discard(id(node))
            continue
        if id(node) in open_nodes:  # its own descendant (`&a [*a]`): expands without end
            return limit + 1
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _largest_expansion(root: yaml.Node, limit: int) -> yaml.Node:
    """The deepest collection that expands past `limit` by itself: where to point a Y105 at."""
    node = root
    for _ in range(MAX_DEPTH):
        child = next((c for c in _children(node) if _expanded_size(c, limit) > limit), None)
        if child is None:
            break
        node = child
    return node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


@dataclass(slots=True)
class Parsed:
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    places: ItemPlaces | None = None  # a block list's items, for `Locator.items`

    @property
    def ok(self) -> bool:
        """Whether the data can be used: a duplicate key is an error, but the rest still reads."""
        return not any(d.is_error and d.code != DUPLICATE_KEY for d in self.diagnostics)


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


def _may_nest_deeply(text: str) -> bool:
    indented = " " * 40 in text and _INDENTED_40.search(text) is not None
    compact = any(pair in text for pair in _COMPACT_PAIRS) and _COMPACT_8.search(text) is not None
    return indented or compact


def _depth_problem(text: str, file: str) -> Diagnostic | None:
    if text.count("[") + text.count("{") <= MAX_DEPTH // 2 and not _may_nest_deeply(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    return diag("Y106", file, line, column, limit=MAX_DEPTH)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # libyaml ≥ 0.2.6 stops at its own nesting limit (1000) before emitting an event
        if "nesting depth" in (error.problem or "") and error.problem_mark is not None:
            mark = error.problem_mark
            return diag("Y106", file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
        return None  # any other syntax error is reported by the real parse
    except yaml.YAMLError:
        return None
    return None


# libyaml's messages (problem and context) in Hungarian; one not listed stays in English.
_HUNGARIAN = {
    "mapping values are not allowed in this context": "itt nem állhat „kulcs: érték”",
    "mapping values are not allowed here": "itt nem állhat „kulcs: érték”",
    "could not find expected ':'": "hiányzik a várt „:”",
    "did not find expected key": "nem található a várt kulcs",
    "did not find expected '-' indicator": "nem található a várt „-” jel",
    "did not find expected node content": "nem található a várt érték",
    "did not find expected ',' or ']'": "hiányzik a „,” vagy a „]”",
    "did not find expected ',' or '}'": "hiányzik a „,” vagy a „}”",
    "did not find expected <document start>": "a dokumentum folytatása nem értelmezhető",
    "found unexpected end of stream": "váratlanul véget ért a fájl",
    "found unknown escape character": "ismeretlen escape-karakter",
    "found character that cannot start any token": "olyan karakter, amellyel nem kezdődhet elem",
    "block sequence entries are not allowed in this context": "itt nem kezdődhet listaelem",
    "found unhashable key": "a kulcs nem lehet lista vagy leképezés",
    "but found another document": "de egy második dokumentum következik",
    "expected a single document in the stream": "a fájlban egyetlen dokumentum lehet",
    "control characters are not allowed": "vezérlőkarakter nem állhat a szövegben",
    "while parsing a block mapping": "leképezés olvasása közben",
    "while parsing a block collection": "lista olvasása közben",
    "while parsing a flow mapping": "{…} leképezés olvasása közben",
    "while parsing a flow sequence": "[…] lista olvasása közben",
    "while scanning a simple key": "kulcs olvasása közben",
    "while scanning a quoted scalar": "idézőjeles szöveg olvasása közben",
    "while parsing a quoted scalar": "idézőjeles szöveg olvasása közben",
    "while constructing a mapping": "leképezés építése közben",
}
_UNKNOWN_TAG = "could not determine a constructor for the tag"


def _both_languages(context: str | None, problem: str) -> Text:
    def hungarian(text: str) -> str:
        if text.startswith(_UNKNOWN_TAG):
            return "ismeretlen címke (tag)" + text[len(_UNKNOWN_TAG):]
        return _HUNGARIAN.get(text, text)

    if not context:
        return Text(problem, hungarian(problem))
    return Text(f"{context}, {problem}", f"{hungarian(context)}, {hungarian(problem)}")


def _syntax_diagnostic(error: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or str(error)
    if "tab" in problem or (mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        return diag("Y102", file, *_place(mark))
    if "undefined alias" in problem and mark is not None:
        alias = re.match(r"\*([^\s,\]}]+)", _line_at(text, mark.line)[mark.column :])
        return diag("Y104", file, *_place(mark), alias=alias.group(1) if alias else "?")
    opened = _quote_closed_later(text, error.problem_mark)
    if opened is not None:
        start, end = opened
        return diag("Y101", file, *_place(start), problem=_closed_later(end.line + 1),
                    hint=_UNCLOSED_HINT)
    explained = _explained(error)
    if explained is not None:
        place, what, hint = explained
        return diag("Y101", file, *_place(place), problem=what, hint=hint)
    return diag("Y101", file, *_place(mark), problem=_both_languages(error.context, problem))


def _quote_closed_later(
    text: str, found: yaml.Mark | None
) -> tuple[yaml.Mark, yaml.Mark] | None:
    """Where the quoted text opens (and ends) that an unclosed quote made of the lines below
    it, up to the next quote: the syntax error libyaml finds after that quote is its doing."""
    if found is None:
        return None
    spanning = None
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if token.start_mark.line > found.line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in {'"', "'"}
                    and token.start_mark.line < token.end_mark.line):
                spanning = token
    except yaml.YAMLError:
        pass  # the error being explained: the tokens before it are all there is
    if spanning is None or spanning.end_mark.line != found.line:
        return None
    return spanning.start_mark, spanning.end_mark


def _closed_later(line: int) -> Text:
    return Text(f"the quoted text that opens here is closed only on line {line}",
                f"az itt kezdődő idézőjeles szöveg csak a(z) {line}. sorban záródik")


def _shortened(text: str, length: int = 40) -> str:
    return text if len(text) <= length else f"{text[:length]}… ({len(text)})"


def _place(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _explained(error: yaml.MarkedYAMLError) -> tuple[yaml.Mark, Text, Text] | None:
    """The syntax errors people make, told at the line that causes them (a place, the problem,
    a hint): where a quote opens that is never closed, the key whose ':' is missing (libyaml
    names the line after it), a line not lined up with the keys or items around it."""
    problem, opened, found = error.problem or "", error.context_mark, error.problem_mark
    if found is None:
        return None
    if opened is None:
        if problem.startswith("mapping values are not allowed"):
            return found, _COLON_IN_TEXT, _COLON_HINT
        return None
    if error.context == "while scanning a quoted scalar":
        return opened, _UNCLOSED_QUOTE, _UNCLOSED_HINT
    if error.context == "while scanning a simple key":
        return opened, _NO_COLON, _NO_COLON_HINT
    if problem in {"did not find expected key", "did not find expected '-' indicator"}:
        what, with_them = _KEYS if problem.endswith("key") else _ITEMS
        line, column = _place(opened)
        misplaced = Text(f"this line is not lined up with the {what.en} above it",
                         f"ez a sor nincs egy vonalban a fölötte levő {with_them}")
        hint = Text(f"line it up: the {what.en} from line {line} on start in column {column}",
                    f"igazítsd hozzájuk: a(z) {line}. sortól a {what.hu} a(z) {column}. "
                    "oszlopban kezdődnek")
        return found, misplaced, hint
    return None


# a line's neighbours (the Hungarian words, and them as "with them")
_KEYS = (Text("keys", "kulcsok"), "kulcsokkal")
_ITEMS = (Text("list items", "listaelemek"), "listaelemekkel")
_UNCLOSED_QUOTE = Text("the quoted text that opens here is never closed",
                       "az itt kezdődő idézőjeles szöveg nincs lezárva")
_UNCLOSED_HINT = Text("end it with the same quote (\" or ') on this line",
                      "zárd le ugyanazzal az idézőjellel (\" vagy ') ebben a sorban")
_NO_COLON = Text("this key has no ':' after it", "a kulcs után nincs „:”")
_NO_COLON_HINT = Text("write `key: value`; a text that goes on to the next line goes in quotes",
                      "így írd: `kulcs: érték`; a következő sorban folytatódó szöveget tedd "
                      "idézőjelek közé")
_COLON_IN_TEXT = Text("a ':' that YAML cannot place: a text holds ': ', or this line is "
                      "indented more than the line above it",
                      "olyan „:”, amelyet a YAML nem tud hová tenni: a szövegben „: ” áll, vagy "
                      "ez a sor beljebb kezdődik, mint a fölötte levő")
_COLON_HINT = Text("put a text that holds ': ' in quotes; line a key up with the keys above it",
                   "a „: ” jelet tartalmazó szöveget tedd idézőjelek közé; a kulcsot igazítsd a "
                   "fölötte levő kulcsokhoz")


def _reader_diagnostic(error: yaml.reader.ReaderError, text: str, file: str) -> Diagnostic:
    """A character YAML does not allow; libyaml gives its place as a UTF-8 byte offset."""
    before = text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
    return diag("Y101", file, line, column,
                problem=_both_languages(None, f"{error.reason} ({character})"))


def _line_at(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line] if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def parse(text: str, file: str) -> Parsed:
    """Parse one document. Problems come back as diagnostics; nothing raises.

    A long list (an actuals file of many entries) is parsed in pieces of CHUNK_ITEMS items
    (`list_chunks`), so that the node tree libyaml builds — about 10 kB an entry — never
    holds more than one piece: memory stays bounded whatever the file's length. A piece that
    does not parse on its own as a list means the split was not clean: the whole text is
    then parsed at once, and its diagnostics are exactly those of a parse in one go.
    """
    chunks = list_chunks(text)
    if chunks is not None:
        pieces = [_parse_whole(chunk.text, file, chunk.line) for chunk in chunks]
        if all(piece.ok and isinstance(piece.data, list) for piece in pieces):
            places: ItemPlaces | None = ItemPlaces()
            for chunk, piece in zip(chunks, pieces, strict=True):
                if places is not None and piece.places is not None:
                    places.extend(piece.places, chunk.line)
                else:
                    places = None
            return Parsed(
                [item for piece in pieces for item in piece.data],
                [problem for piece in pieces for problem in piece.diagnostics],
                places,
            )
    return _parse_whole(text, file)


# A list longer than this is parsed in pieces of this many items.
CHUNK_ITEMS = 2000
_ITEM = re.compile(r"^( *)-(?: |$)", re.MULTILINE)
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.|%)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    line: int  # the first line of the chunk in the whole text, 0-based
    first: int  # the index of its first item in the whole list


def list_chunks(text: str, size: int | None = None) -> list[Chunk] | None:
    """The text of a long block list split before every `size`-th item, or None when it is not
    one (short, another kind of document, or one whose pieces could share something: anchors
    and aliases, directives, document markers).

    A split is clean when each piece parses as a list on its own: an item starts on a line with
    its `- ` at the list's indentation, and no scalar or collection can hold such a line but a
    quoted text or a flow collection left open — whose piece then does not parse.
    """
    size = CHUNK_ITEMS if size is None else size
    if text.count("- ") < size:  # each item has one: a short list is not split (cheap to tell)
        return None
    if "&" in text or "*" in text or _DOCUMENT_MARK.search(text) is not None:
        return None
    first = _ITEM.search(text)
    if first is None or _CONTENT_BEFORE.search(text, 0, first.start()) is not None:
        return None
    indent = first.group(1)
    starts = [match.start() for match in _ITEM.finditer(text) if match.group(1) == indent]
    if len(starts) <= size:
        return None
    cuts = [0, *starts[size::size], len(text)]
    chunks = []
    line = 0
    for number, (begin, end) in enumerate(itertools.pairwise(cuts)):
        piece = text[begin:end]
        chunks.append(Chunk(piece, line, number * size))
        line += piece.count("\n")
    return chunks


_CONTENT_BEFORE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def parse_appended(old: str, added: str, file: str) -> Parsed | None:
    """The items of `added`, list items written after `old` (the text of a file that parses
    as a block list), as parsing `old + added` gives them after old's; None when that cannot
    be told from `added` alone (the whole text is then to be parsed).

    It can when the split is clean as `list_chunks` makes one: `old` ends with a line break,
    `added` starts with an item at the indentation of old's first, and neither text has
    what could tie them (anchors and aliases in `added`, a document marker in either).
    Whatever of old's could hold a line at that indentation (a quoted text, a flow
    collection) would have left old unparsable on its own.
    """
    if not old.endswith("\n") or "&" in added or "*" in added:
        return None
    if _DOCUMENT_MARK.search(old) is not None or _DOCUMENT_MARK.search(added) is not None:
        return None
    first, item = _ITEM.search(old), _ITEM.match(added)
    if first is None or item is None or first.group(1) != item.group(1):
        return None
    if _CONTENT_BEFORE.search(old, 0, first.start()) is not None:
        return None
    parsed = _parse_whole(added, file, old.count("\n"))
    return parsed if not parsed.diagnostics and isinstance(parsed.data, list) else None


def _parse_whole(text: str, file: str, first_line: int = 0) -> Parsed:
    """Parse one document at once; `first_line`: where the text starts in its file (0-based)."""
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
    except yaml.reader.ReaderError as error:
        result.diagnostics.append(_reader_diagnostic(error, text, file))
    except _UnreadableScalar as error:
        line, column = _place(error.node.start_mark)
        value = _shortened(error.node.value)
        result.diagnostics.append(
            diag("Y110", file, line + first_line, column, value=value, kind=error.kind)
        )
    except yaml.YAMLError as error:  # every other libyaml error carries a mark
        problem = _both_languages(None, str(error))
        result.diagnostics.append(diag("Y101", file, 1, 1, problem=problem))
    except RecursionError:  # not expected below MAX_DEPTH; a guard, not a path
        result.diagnostics.append(diag("Y106", file, 1, 1, limit=MAX_DEPTH))
    finally:
        loader.dispose()
    result.places = loader.places
    result.diagnostics.extend(
        diag(DUPLICATE_KEY, file, d.line + first_line, d.column, key=d.key)
        for d in loader.duplicates
    )
    return result


def _construct_bounded(loader: _Loader, file: str, diagnostics: list[Diagnostic]) -> Any:
    node = loader.get_single_node()
    if node is None:
        return None
    size = _expanded_size(node, MAX_EXPANDED_NODES)
    if size > MAX_EXPANDED_NODES:
        mark = _largest_expansion(node, MAX_EXPANDED_NODES).start_mark
        # a float: it prints in the reader's number format, 1,000,000 or 1 000 000
        limit = float(MAX_EXPANDED_NODES)
        diagnostics.append(diag("Y105", file, mark.line + 1, mark.column + 1, limit=limit))
        return None
    return loader.construct_document(node)


def _key_identity(node: yaml.Node) -> object:
    """A key as written (its tag and text): enough to tell keys apart without building them."""
    return (node.tag, node.value) if isinstance(node, yaml.ScalarNode) else id(node)


def _is_key(node: yaml.Node, part: PathPart) -> bool:
    """Whether a key node is `part`; a key that is not text (`yes:`, `1:`) is compared as read."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    if node.value == str(part):
        return True
    if isinstance(part, str) or node.tag == _TEXT:
        return False
    try:
        return bool(yaml.constructor.SafeConstructor().construct_object(node) == part)
    except (yaml.YAMLError, ValueError):
        return False


class Nodes:
    """The node trees behind `Locator.position`: a place inside a file is found by composing
    the item that holds it, else the file (a long list one piece at a time, one piece kept)."""

    def __init__(self, text: Callable[[str], str]) -> None:
        self._text = text  # a file's text, by the name diagnostics give it
        self._roots: dict[str, yaml.Node | None] = {}
        self._lines: tuple[str, list[str]] = ("", [])  # the lines of the file last looked in
        # the item last composed (file, index) and its node: an entry's many problems (20 000
        # unknown keys) compose it once, not once each
        self._item: tuple[object, yaml.Node | None] = (None, None)
        self._chunks: dict[str, list[Chunk]] = {}  # a long list's pieces
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}  # by mapping node
        self._piece: tuple[object, yaml.Node | None] = (None, None)

    def forget_item(self) -> None:
        """The items' places changed: the item last composed may be another now."""
        self._item = (None, None)

    def forget(self, file: str) -> None:
        """The file's text changed: what was composed of it is gone."""
        self._roots.pop(file, None)
        self._chunks.pop(file, None)
        self._lines = ("", [])
        self._item = (None, None)
        self._piece = (None, None)
        self._keys.clear()  # a freed node's id may be another's

    def position(
        self, file: str, path: Sequence[PathPart], places: ItemPlaces | None, *, on_key: bool
    ) -> tuple[int, int]:
        """The deepest node of `path` that exists; `places`: where the file's items start."""
        first = path[0] if path and isinstance(path[0], int) else None
        if first is not None and places is not None and 0 <= first < len(places):
            found = self._in_item(file, places, first, path[1:], on_key=on_key)
            if found is not None:
                return found
        node, line, offset = self._root(file, first)
        if node is None:
            return (1, 1)
        if first is not None:
            path = [first - offset, *path[1:]]
        mark = self._walk(node, path, on_key=on_key)
        return (mark.line + line + 1, mark.column + 1)

    def _root(self, file: str, index: int | None) -> tuple[yaml.Node | None, int, int]:
        """The node tree of the file (or of the piece of a long list holding item `index`), the
        line the tree starts on and the index of its first item; one piece is kept at a time."""
        if file not in self._roots:
            text = self._text(file)
            chunks = list_chunks(text) if index is not None else None
            if chunks is None:
                self._roots[file] = _composed(text)
            else:
                self._chunks[file] = chunks
                self._roots[file] = None
        chunks = self._chunks.get(file)
        if chunks is None or index is None:
            return self._roots.get(file), 0, 0
        chunk = next(c for c in reversed(chunks) if c.first <= index)
        key = (file, chunk.first)
        if self._piece[0] != key:
            self._keys.clear()  # the previous piece's nodes are freed: their ids may be reused
            self._piece = (key, _composed(chunk.text))
            if self._piece[1] is None:  # not a clean piece (the file has a problem): all of it
                del self._chunks[file]
                self._roots[file] = _composed(self._text(file))
                return self._roots[file], 0, 0
        return self._piece[1], chunk.line, chunk.first

    def _pair(self, node: yaml.MappingNode, part: PathPart) -> tuple[yaml.Node, yaml.Node] | None:
        """The key and value nodes of `part` in a mapping; the last of duplicate keys is the one
        that is read. Keys written as text are looked up (a mapping of thousands of keys costs a
        look-up a key, not a pass over them); others (`yes:`, `1:`) are compared as read."""
        keys = self._keys.get(id(node))
        if keys is None:
            keys = self._keys[id(node)] = {
                key_node.value: (key_node, value_node)
                for key_node, value_node in node.value
                if isinstance(key_node, yaml.ScalarNode)
            }
        found = keys.get(str(part))
        if found is not None and _is_key(found[0], part):
            return found
        pairs = [pair for pair in node.value if _is_key(pair[0], part)]
        return pairs[-1] if pairs else None

    def _in_item(
        self, file: str, places: ItemPlaces, index: int, path: Sequence[PathPart], *, on_key: bool
    ) -> tuple[int, int] | None:
        """A place inside item `index`, from its lines alone (up to where the next item starts);
        None when they do not compose on their own into the item (then the file is composed)."""
        if self._lines[0] != file:
            self._lines = (file, self._text(file).splitlines(keepends=True))
        lines = self._lines[1]
        start = places.lines[index] - 1  # 0-based
        if self._item[0] == (file, index):
            root = self._item[1]
        else:
            self._keys.clear()  # the last item's nodes are freed: their ids may be reused
            end = places.lines[index + 1] - 1 if index + 1 < len(places) else len(lines)
            root = _composed("".join(lines[start:end]))
            if isinstance(root, yaml.SequenceNode) and len(root.value) == 1:
                root = root.value[0]  # the item's text begins with its `- `
            self._item = ((file, index), root)
        if root is None or (root.start_mark.line, root.start_mark.column + 1) != (
            0, places.columns[index]
        ):
            return None
        mark = self._walk(root, path, on_key=on_key)
        return (mark.line + start + 1, mark.column + 1)

    def _walk(self, node: yaml.Node, path: Sequence[PathPart], *, on_key: bool) -> yaml.Mark:
        """The mark of the deepest node of `path` under `node` that exists."""
        mark = node.start_mark
        for index, part in enumerate(path):
            last = index == len(path) - 1
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                found = self._pair(node, part)
                if found is not None:
                    key_node, child = found
                    mark = key_node.start_mark if (last and on_key) else child.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and (
                0 <= part < len(node.value)
            ):
                child = node.value[part]
                mark = child.start_mark
            if child is None:
                break
            node = child
        return mark


def _composed(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
