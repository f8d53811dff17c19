"""YAML text written by szaktar: scalars that read back exactly, entries in the format's key
order, and items appended to a list file without touching a byte of what is there.

Appending never re-serialises a file: the bytes already there stay as they are (comments,
blank lines, key order, quoting, a BOM, CRLF line endings), and the new item is rendered as a
YAML block in the file's own layout and added at the end.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import yaml

from ..core.errors import WriteError
from ..core.fields import ENTRY_FIELDS

BOM = b"\xef\xbb\xbf"


# --- rendering YAML scalars and entries ---------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# Read as something other than text by a YAML 1.2 reader or by YAML 1.1 tools beyond PyYAML.
_NOT_TEXT_ELSEWHERE = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[yYnN]|<<"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters PyYAML's reader accepts in a stream (everything else must be escaped).
_YAML_PRINTABLE = re.compile(
    "[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_LINE_BREAKS_AND_BOM = frozenset("\x85\u2028\u2029\ufeff")
# A character that must be escaped: a backslash or quote, a line break or tab, the BOM, or
# one PyYAML's reader does not accept raw.
_NEEDS_ESCAPE = re.compile(
    '[\\\\"\t\n\r\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)


def yaml_scalar(value: object) -> str:
    """A value as a single-line YAML scalar that reads back as exactly this value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return _text_scalar(str(value))


@lru_cache(maxsize=4096)  # keys and dimension values repeat across thousands of entries
def _text_scalar(text: str) -> str:
    return text if plain_is_safe(text) else quoted_scalar(text)


def _yaml_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:  # PyYAML reads 1e-05 (no dot) as text: the digits are written out
        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"  # 5.8e16 is a float, not the integer 57…500


def plain_is_safe(text: str) -> bool:
    """Whether `text` can stand unquoted: no indicator, no comment, read as text by every reader."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if _NEEDS_ESCAPE.search(text):
        return False
    if _NOT_TEXT_ELSEWHERE.fullmatch(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def quoted_scalar(text: str) -> str:
    """The text quoted: in double quotes, with escapes; in single quotes when it holds a `"` and
    nothing else to escape (`'"100 poorest" event series'`: no backslashes to read)."""
    if '"' in text and "'" not in text and not _NEEDS_ESCAPE.search(text.replace('"', "")):
        return f"'{text}'"
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char in _LINE_BREAKS_AND_BOM or not _YAML_PRINTABLE.match(char):
            code = ord(char)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file writes its list items: `- date: …` with its keys under each other."""

    newline: str = "\n"
    dash_indent: int = 0  # columns before the dash
    gap: int = 1  # spaces after the dash

    @property
    def key_indent(self) -> int:
        return self.dash_indent + 1 + self.gap


def ordered_keys(entry: Mapping[str, object]) -> list[str]:
    """The entry's keys in the order of the format (date, activity, measures, dimensions, text)."""
    known = [key for key in ENTRY_FIELDS if key in entry]
    return known + [key for key in entry if key not in ENTRY_FIELDS]


def entry_lines(entry: Mapping[str, object], layout: Layout = Layout()) -> list[str]:
    """One entry as the lines of a block-sequence item (without line breaks)."""
    lines: list[str] = []
    for index, key in enumerate(ordered_keys(entry)):
        lead = (
            " " * layout.dash_indent + "-" + " " * layout.gap
            if index == 0
            else " " * layout.key_indent
        )
        lines.append(f"{lead}{yaml_scalar(key)}: {inline_text(entry[key])}")
    return lines


# Text that stands unquoted inside a flow mapping: `,`, `{`, `}` and the like would end it.
_FLOW_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def inline_text(value: object, *, in_flow: bool = False) -> str:
    """A value on one line: a scalar, or a mapping or list in flow style (an entry's of_which:
    `{disadvantaged: 9}`); `in_flow`: inside `{…}` or `[…]`, where a comma would end a text."""
    if isinstance(value, Mapping):
        pairs = ", ".join(
            f"{inline_text(key, in_flow=True)}: {inline_text(item, in_flow=True)}"
            for key, item in value.items()
        )
        return "{" + pairs + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline_text(item, in_flow=True) for item in value) + "]"
    if in_flow and isinstance(value, str) and not flow_scalar_is_safe(value):
        return quoted_scalar(value)
    return yaml_scalar(value)


def flow_scalar_is_safe(text: str) -> bool:
    """Whether `text` can stand unquoted inside `{…}` or `[…]` (an id: nothing to end it)."""
    return bool(_FLOW_PLAIN.fullmatch(text)) and plain_is_safe(text)


# --- appending to a YAML list without touching what is there ---------------------------------


def _newline_of(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


_FIRST_ITEM = re.compile(r"( *)-( +)\S")


def _first_content_line(text: str) -> str:
    """The first line that is not blank, a comment, a directive or a document start."""
    for line in text.splitlines():
        content = line.strip()
        if content and not content.startswith(("#", "%")) and content != "---":
            return line
    return ""


def _layout_of(first_line: str, newline: str) -> Layout:
    """The layout of the file's first item (the default when its keys start on the next line)."""
    match = _FIRST_ITEM.match(first_line)
    return Layout(newline, len(match.group(1)), len(match.group(2))) if match else Layout(newline)


def append_items(
    raw: bytes | None, items: Sequence[Sequence[str]], header: Sequence[str] = ()
) -> bytes:
    """`raw` (a YAML file holding a list, or None for a new file) with `items` added at its end.

    Each item is given as its lines, rendered in the default layout (`- key: …`); they are
    re-indented to the file's layout. The bytes already in the file stay unchanged, except
    that an empty flow list (`[]`) is removed, since a block item cannot follow it.
    A new file starts with the `header` lines. Raises WriteError when the file holds a
    non-empty flow list (`[a, b]`), to which a block item cannot be added.
    """
    bom = raw is not None and raw.startswith(BOM)
    text = "" if raw is None else raw[len(BOM) if bom else 0 :].decode("utf-8")
    first_line = _first_content_line(text)
    layout = _layout_of(first_line, _newline_of(text))
    if raw is None:
        text = "".join(line + layout.newline for line in header)
    elif first_line.lstrip().startswith("["):
        text = _without_empty_flow_list(text)
    if text and not text.endswith(("\n", "\r")):
        text += layout.newline
    text += "".join(item_text(lines, layout) for lines in items)
    return (BOM if bom else b"") + text.encode("utf-8")


def item_text(lines: Sequence[str], layout: Layout) -> str:
    """A list item given in the default layout (`- key: …`, `  key: …`) in the file's layout,
    each line with the file's line break."""
    dash = " " * layout.dash_indent + "-" + " " * layout.gap
    keys = " " * layout.key_indent
    return "".join(
        (dash if number == 0 else keys) + line[2:] + layout.newline
        for number, line in enumerate(lines)
    )


def _without_empty_flow_list(text: str) -> str:
    """The text without its `[]` (and the spaces after it, when it opens its line)."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if not isinstance(root, yaml.SequenceNode) or not root.flow_style:
        return text
    if root.value:
        raise WriteError(
            "the file holds a flow list [ … ]: write its entries as `- ` items to add to it",
            "a fájl egysoros listát ([ … ]) tartalmaz: írd át `- ` kezdetű tételekre, "
            "hogy bővíthető legyen",
        )
    start, end = root.start_mark.index, root.end_mark.index
    if start == 0 or text[start - 1] in "\r\n":
        end += len(text[end:]) - len(text[end:].lstrip(" \t"))
    return text[:start] + text[end:]


