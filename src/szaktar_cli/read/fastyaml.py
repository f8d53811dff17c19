"""The fast path of the read: rapidyaml where a text is plain data, libyaml for the rest.

Same inputs and outputs as `yamlio.parse(text, file) -> Parsed`, and the same values,
diagnostics and item places: it either shows that rapidyaml's reading of a text is exactly
what the libyaml path builds, or hands the text to the libyaml path unchanged. rapidyaml is
an optional dependency (`pip install 'szaktar[fast]'`); without it, and for a text shorter
than FAST_FROM (where importing it costs more than it saves), this is `yamlio.parse`.

rapidyaml (C++) parses the text and emits it as JSON, which `json.loads` reads. That JSON
is a YAML 1.2 reading without tags or quoting styles, with aliases as "*name" strings and
every duplicate key kept, and rapidyaml accepts some texts libyaml refuses. Three things
make the result exact (docs/performance.md lists why a file may still be read by libyaml):

1. A pre-scan sends to libyaml any text that uses what JSON loses or where the two parsers
   were found to differ: tags, anchors and aliases, block scalars (`|`, `>`), directives,
   complex keys (`?`), escapes (`\\`), flow collections (`[…]`, `{…}`), tabs, CRs other
   than in CRLF, any character libyaml refuses or reads as a line break, nesting past
   szaktar's limit, and quoted scalars followed by more text on their line. Each sign is
   first looked for with `in` (memchr speed); a pattern decides only where it occurs.
2. Every scalar JSON hands back (strings, and the text of numbers through json's hooks) is
   resolved again by PyYAML's own YAML 1.1 resolver and szaktar's constructors, once per
   distinct text, so `yes`, `~`, `012`, `0x1f`, `1_000`, `1:30`, `.inf`, `1e3` (text in
   YAML 1.1) and dates come out as the libyaml path builds them, an impossible date kept as
   text. JSON cannot tell `'1'` from `1`: a text whose quoted scalars would read as
   something else if plain goes to libyaml. Where rapidyaml rewrites a number (`-.5` as
   -0.5, `inf` as ".inf") so that YAML 1.1 would read it otherwise, likewise.
3. Whatever needs a position or a rule JSON cannot show — a duplicate key (Y103 needs its
   line), `<<` merge keys, `=`, an empty or very long key, a document marker (rapidyaml's
   root becomes a stream) — and every error of either parser sends the text to libyaml,
   which reports it exactly as that path always does.

Where each item of a list starts (`ItemPlaces`, for the places of diagnostics) is read from
the text: in what the pre-scan lets through, an item starts on a line with its `- ` at the
list's indentation; a list laid out otherwise (`-` alone on its line) has no places, and its
diagnostics are placed by composing the file. Every rule here came from a difference that
tests/test_yamlio_rapidyaml.py's differential tests found.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

from . import yamlio
from .places import ItemPlaces
from .sources import gc_paused
from .yamlio import Parsed

# A text at least this long (characters, about 100 entries) takes the fast path: rapidyaml
# takes ~30 ms to import once, and saves ~0.1 µs a character of an actuals file (a data
# directory of a few such files gains nothing; of 600 — 25 projects — it gains 1 s).
FAST_FROM = 16 * 1024
_UNTRIED = object()
_ryml: Any = _UNTRIED  # the module, None when it is not installed; imported when first needed


def rapidyaml() -> Any:
    """The `ryml` module, or None when rapidyaml is not installed."""
    global _ryml  # noqa: PLW0603  # imported once, when first needed
    if _ryml is _UNTRIED:
        try:
            import ryml  # noqa: PLC0415  # optional, and a cost only long texts repay
        except ImportError:
            _ryml = None
        else:
            _ryml = ryml
    return _ryml

_STR = "tag:yaml.org,2002:str"
_PURE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "timestamp")
)
_LONGEST_KEY = 500  # libyaml refuses implicit keys over 1024 characters of source
# A plain scalar cannot start with these (libyaml: "found character that cannot start any
# token"); rapidyaml reads `- ]x`, `- @x`, `- %x` as text. A quoted text starting so is
# sent to libyaml too: JSON does not say which it was.
_INDICATORS = frozenset(",[]{}#&*!|>'\"%@`")
# rapidyaml writes a bare number `.5` as 0.5, `-.5` as -0.5 and `1.` as 1.0; YAML 1.1 reads
# `-.5` and `.5E0` (text) otherwise than -0.5 (a float) and 0.5E0 (other text).
# It also writes the plain texts `inf`, `-inf`, `infinity`, `-infinity` and `nan`, and any
# key spelt `.Inf`, `-.INF`, `.NaN`…, even quoted, as ".inf", "-.inf", ".nan": where those
# come out and the source has such a word or any quote, the libyaml path decides.
_SPECIAL_FLOATS = frozenset({".inf", "-.inf", ".nan"})
_SPECIAL_FLOAT_WORD = re.compile(r"(?<![.\w])-?(?:inf|nan)", re.IGNORECASE)
_NORMALISED_NUMBER = re.compile(r"([-+]?)0(\.[0-9].*)|(.*[0-9]\.)0")

# Characters libyaml refuses, reads as a line break (NEL, LS, PS), or that rapidyaml may
# read otherwise (tab, CR, BOM): any of them sends the text to libyaml.
_UNUSUAL_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# Where a node can start: line start (after indentation) or after `- `, `: `, `[`, `{`, `,`.
_NODE_START = r"(?:^|[\s\[{,])"
# (character, pattern): the character is common in prose; the pattern finds it as YAML syntax.
_SYNTAX = (
    ("!", re.compile(_NODE_START + "!", re.MULTILINE)),  # a tag
    ("&", re.compile(_NODE_START + "&", re.MULTILINE)),  # an anchor
    ("*", re.compile(_NODE_START + r"\*", re.MULTILINE)),  # an alias
    ("|", re.compile(r"(?:^|\s)\|", re.MULTILINE)),  # a literal block scalar
    (">", re.compile(r"(?:^|\s)>", re.MULTILINE)),  # a folded block scalar
    ("?", re.compile(_NODE_START + r"\?(?:\s|$)", re.MULTILINE)),  # a complex key
    ("%", re.compile(r"^%", re.MULTILINE)),  # a directive
    ("\\", None),  # an escape (only double quotes have them; rare in data: always libyaml)
)
# Document markers need no scan: a `---` makes rapidyaml's root a stream (checked after
# parsing), and a `...` followed by more text does too.
# A flow collection (`[a, b]`, `{a: 1}`) starts where a block node does. Inside them
# rapidyaml is more lenient than libyaml in ways found one after another (`{a:}`, `{:a}`,
# `{a: :b}`, `[a #b]`, `- {a}  - b`, `{a\n  : b}`): texts with them go to libyaml whole.
# (Entries are written in block style; a project.yaml in flow style is one file a project.)
_FLOW_COLLECTION = re.compile(r"(?:^[ \t]*|[-:?][ \t]+)[\[{]", re.MULTILINE)
# A quoted scalar starts where a node can, or right after the `:` of a JSON-like key
# (`{"a":"1"}`). After its closing quote libyaml allows only a line end, a comment, `:`, `,`,
# `]` or `}` on the same line; rapidyaml also reads `- "a" -` (as two items).
_QUOTED = re.compile(r"(?:^|[\s\[{,:])(['\"])", re.MULTILINE)
_AFTER_QUOTED = re.compile(r"[ \t]*(?:\n|$|[:,\]}])|[ \t]+#")


class NeedsLibyamlError(Exception):
    """The text needs the libyaml path (to be exact, or to place a diagnostic); its argument
    says why."""


def parse(text: str, file: str, fast_from: int = FAST_FROM) -> Parsed:
    """Parse one document as `yamlio.parse` does: rapidyaml when exact, else libyaml."""
    if len(text) < fast_from or rapidyaml() is None:
        return yamlio.parse(text, file)
    try:
        with gc_paused():
            return load_fast(text)
    except NeedsLibyamlError:
        return yamlio.parse(text, file)


def load_fast(text: str) -> Parsed:
    """The text as rapidyaml reads it, when that is exact (no diagnostics: a text with a
    problem goes to libyaml); raises `NeedsLibyamlError`, with the reason, when it is not."""
    ryml = rapidyaml()
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # as YAML reads it; a lone CR stays and is refused
    quoted = _prescan(text)
    try:
        with _quiet_stderr():  # rapidyaml prints its errors as well as raising them
            tree = ryml.parse_in_arena(text.encode())
        if tree.is_stream(tree.root_id()):
            raise NeedsLibyamlError("documents")  # `---`: emitted as a list of documents
        emitted = ryml.emit_json_malloc(tree, tree.root_id())
    except (ryml.ExceptionBasic, RuntimeError, ValueError) as error:
        raise NeedsLibyamlError("rapidyaml error") from error
    if emitted is None:
        raise NeedsLibyamlError("empty")  # an empty document
    resolver = _Resolver(text, quoted)
    # Without lists below the root (entries of scalars), a mapping needs no walk of its values.
    flat = emitted.find("[", 1) < 0
    try:
        value = json.loads(
            emitted,
            object_pairs_hook=resolver.flat_mapping if flat else resolver.mapping,
            parse_int=resolver.plain,
            parse_float=resolver.plain,
            parse_constant=resolver.plain,
        )
    except json.JSONDecodeError as error:  # `+12`, `1.e5`: rapidyaml emits them bare
        raise NeedsLibyamlError("not JSON") from error
    if isinstance(value, list):
        resolver.sequence(value)
        return Parsed(value, places=_item_places(text, len(value)))
    if isinstance(value, str):
        value = resolver.text(value)
    return Parsed(value)


_DASH = re.compile(r"^( *)-(?=[ \n]|$)( *)(.?)", re.MULTILINE)


def _item_places(text: str, count: int) -> ItemPlaces | None:
    """Where the `count` items of the text's list start (the node after each `- `), or None
    when a line at the list's indentation is laid out otherwise: `-` alone, or before a
    comment (the item starts on a later line)."""
    places = ItemPlaces()
    lines, columns = places.lines, places.columns
    indent: str | None = None
    line, counted_to = 1, 0
    for match in _DASH.finditer(text):
        if indent is None:
            indent = match.group(1)
        elif match.group(1) != indent:
            continue
        if match.group(3) in {"", "\n", "#"}:
            return None
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        lines.append(line)
        columns.append(match.start(3) - match.start() + 1)
    return places if len(lines) == count else None


def _prescan(text: str) -> frozenset[str]:
    """The contents of the text's quoted scalars; raises `NeedsLibyamlError` where the text
    uses YAML that the JSON path cannot keep exact."""
    if _UNUSUAL_CHARACTER.search(text):
        raise NeedsLibyamlError("character")
    if yamlio._depth_problem(text, "") is not None:  # counts events only where it may nest
        raise NeedsLibyamlError("nesting")  # Y106 is reported by the libyaml path
    for character, pattern in _SYNTAX:
        if character in text and (pattern is None or pattern.search(text)):
            raise NeedsLibyamlError(character)
    if ("[" in text or "{" in text) and _FLOW_COLLECTION.search(text):
        raise NeedsLibyamlError("flow collection")
    return _quoted_scalars(text) if "'" in text or '"' in text else frozenset()


def _quoted_scalars(text: str) -> frozenset[str]:
    """What the quoted scalars hold (as written: escapes have sent the text to libyaml)."""
    contents = set()
    match = _QUOTED.search(text)
    while match is not None:
        quote, start = match.group(1), match.end()
        end = text.find(quote, start)
        if end < 0 or "\n" in text[start:end]:  # folded over lines: libyaml reads it exactly
            raise NeedsLibyamlError("multi-line quoted")
        if not _AFTER_QUOTED.match(text, end + 1):  # also `'it''s'`: cut short, sent on
            raise NeedsLibyamlError("text after a quoted scalar")
        contents.add(text[start:end])
        match = _QUOTED.search(text, end + 1)  # the next one after this one's end
    return frozenset(contents)


class _Resolver:
    """Turns JSON's scalars into what PyYAML's SafeLoader (as szaktar runs it) builds."""

    def __init__(self, text: str, quoted: frozenset[str]) -> None:
        self._source = text
        self._quoted = quoted  # what the quoted scalars hold: text, whatever it looks like
        self._plain: dict[str, Any] = {}  # a number's text -> its value
        self._strings: dict[str, Any] = {}  # a JSON string -> its value, checked for quotes
        self._loader = _constructor()

    def plain(self, text: str) -> Any:
        """The value of a plain scalar's text (numbers from json's hooks come here)."""
        try:
            return self._plain[text]
        except KeyError:
            value = self._plain[text] = self._construct(text)
            self._check_normalised(text, value)
            return value

    def _check_normalised(self, number: str, value: Any) -> None:
        """Whether rapidyaml may have written this number for a source text read otherwise."""
        match = _NORMALISED_NUMBER.fullmatch(number)
        if match is None:
            return
        sign, fraction, ends_with_dot = match.groups()
        source = sign + fraction if ends_with_dot is None else ends_with_dot
        other = self._construct(source)
        if (type(other) is not type(value) or other != value) and source in self._source:
            raise NeedsLibyamlError("normalised number")

    def text(self, value: str) -> Any:
        """A JSON string: a plain scalar's text, or a quoted scalar's value (always text)."""
        try:
            return self._strings[value]
        except KeyError:
            if not value:  # rapidyaml writes an empty plain scalar as null: this was quoted
                return value
            if value in _SPECIAL_FLOATS and self._may_hide_special_float():
                raise NeedsLibyamlError("normalised number") from None
            built = self._construct(value)
            if built is not value and value in self._quoted:
                # '1' or 1? JSON cannot tell; libyaml can
                raise NeedsLibyamlError("quoted look-alike") from None
            self._strings[value] = built
            return built

    def _may_hide_special_float(self) -> bool:
        """Whether a ".inf"/".nan" from rapidyaml may stand for text: `inf`, or a quoted key."""
        source = self._source
        return "'" in source or '"' in source or bool(_SPECIAL_FLOAT_WORD.search(source))

    def mapping(self, pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
        text, sequence = self.text, self.sequence
        mapping: dict[Any, Any] = {}
        for key, item in pairs:
            if not key:  # `: x` (libyaml: no key) or `'': x`: the libyaml path tells them apart
                raise NeedsLibyamlError("empty key")
            if type(item) is str:
                mapping[text(key)] = text(item)
                continue
            if type(item) is list:
                sequence(item)
            mapping[text(key)] = item
        if len(mapping) != len(pairs):
            raise NeedsLibyamlError("duplicate key")  # Y103 needs its place
        return mapping

    def flat_mapping(self, pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
        """`mapping` for a mapping whose values are scalars or mappings (already built)."""
        strings = self._strings
        try:
            mapping = {strings[k]: strings[v] if type(v) is str else v for k, v in pairs}
        except KeyError:  # a text seen for the first time: resolve it, check its quotes
            return self.mapping(pairs)
        if len(mapping) != len(pairs):
            raise NeedsLibyamlError("duplicate key")  # Y103 needs its place
        return mapping

    def sequence(self, items: list[Any]) -> None:
        """Resolve a list's strings in place (its mappings were built by `mapping`)."""
        for index, item in enumerate(items):
            if type(item) is str:
                items[index] = self.text(item)
            elif type(item) is list:
                self.sequence(item)

    def _construct(self, text: str) -> Any:
        if len(text) > _LONGEST_KEY:  # libyaml's limit on a simple key: no shortcut
            raise NeedsLibyamlError("long text")
        if text[0] in _INDICATORS:
            raise NeedsLibyamlError("indicator starts a scalar")
        tag = yaml.resolver.Resolver.resolve(  # type: ignore[no-untyped-call]
            self._loader, yaml.ScalarNode, text, (True, False)
        )
        if tag == _STR:
            return text
        if tag not in _PURE_SCALAR_TAGS:  # `<<` (merge) and `=` (value): PyYAML's own rules
            raise NeedsLibyamlError(tag)
        node = yaml.ScalarNode(tag, text)
        try:
            return self._loader.yaml_constructors[tag](self._loader, node)
        except (ValueError, ArithmeticError, yaml.YAMLError) as error:  # `0x_`: as libyaml does
            raise NeedsLibyamlError("constructor error") from error


def _constructor() -> yaml.CSafeLoader:
    """szaktar's loader, for its constructors (an impossible date stays text)."""
    return yamlio._Loader("")


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml's C++ error handler writes to file descriptor 2 before it raises."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)

