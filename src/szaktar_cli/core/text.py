"""Text values in one normal form: what is counted (read) and what is stored (written).

A value a user types or pastes may carry what no one sees: a trailing or doubled space, a
no-break space, a zero-width space, a soft hyphen, a byte order mark, or letters decomposed
into a base letter and an accent (NFD, as macOS writes file names). Such a value is the value
without them — `normal_text` — wherever szaktar compares, counts or stores one: the loader
(entries' values), the checks (declared values), `log` and `import` (what they write), and
the CSV import's column names. `what_differs` says in words what a value has that its normal
form has not; `shown` writes a value with what no one sees escaped (`'Csongra\\u0301d'`).
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable

from .diagnostics import Text

# Characters without a look of their own: dropped (they only split what looks like one word).
_INVISIBLE: dict[str, Text] = {
    "\u00ad": Text("a soft hyphen", "feltételes elválasztójel"),
    "\u200b": Text("a zero-width space", "nulla szélességű szóköz"),
    "\u200c": Text("a zero-width non-joiner", "nulla szélességű nem-összekötő"),
    "\u200d": Text("a zero-width joiner", "nulla szélességű összekötő"),
    "\u2060": Text("a word joiner", "szóösszekötő"),
    "\ufeff": Text("a byte order mark", "bájtsorrend-jel (BOM)"),
}
_DROP = str.maketrans(dict.fromkeys(_INVISIBLE, None))
_MEMO: dict[str, str] = {}
_MEMO_SIZE = 100_000  # distinct values remembered; a run seldom has more


def normal_text(value: str) -> str:
    """NFC, without invisible characters, every run of whitespace one space, stripped."""
    try:
        return _MEMO[value]
    except KeyError:
        pass
    normal = unicodedata.normalize("NFC", " ".join(value.translate(_DROP).split()))
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[value] = normal
    return normal


def normalize(name: str) -> str:
    """A name as people compare it, without accents, case, extra spaces, `_` or `-`
    (`Létszám ` → `letszam`): the normal form, then loosely (read/names.py)."""
    decomposed = unicodedata.normalize("NFKD", normal_text(name))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


def what_differs(value: str) -> Text:
    """What `value` has that its normal form has not, in words ("is decomposed, ends with a
    space"); empty when it is in normal form."""
    found: list[Text] = []
    if unicodedata.normalize("NFC", value) != value:
        found.append(Text("is decomposed (NFD)", "felbontott (NFD) alakú"))
    for character, name in _INVISIBLE.items():
        if character in value:
            found.append(Text(f"has {name.en}", f"{name.hu} van benne"))
    stripped = value.translate(_DROP)
    if stripped[:1].isspace():
        found.append(Text("starts with a space", "szóközzel kezdődik"))
    if stripped[-1:].isspace():
        found.append(Text("ends with a space", "szóközre végződik"))
    inner = stripped.strip()
    if any(character.isspace() and character != " " for character in inner):
        found.append(Text("has a space other than a plain one (a no-break space, a tab, "
                          "a line break)",
                          "nem közönséges szóköz van benne (nem törhető szóköz, tabulátor, "
                          "sortörés)"))
    elif "  " in inner:
        found.append(Text("has two spaces in a row", "két szóköz áll egymás után"))
    return Text(", ".join(item.en for item in found), ", ".join(item.hu for item in found))


def shown(value: str) -> str:
    """The value quoted, with what no one sees escaped: `'Csongra\\u0301d'`, `'Szeged\\xa0'`."""
    escaped = "".join(
        character
        if character == " " or (character.isprintable() and not _unseen(character))
        else _escape(character)
        for character in value
    )
    return f"'{escaped}'"


def _unseen(character: str) -> bool:
    return (
        unicodedata.combining(character) != 0
        or character.isspace()
        or unicodedata.category(character) == "Cf"
    )


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else \
        f"\\U{code:08x}"


_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROLS |= {ord("\t"): " ", ord("\n"): " ", ord("\r"): " ", 0x2028: " ", 0x2029: " "}


def one_line(text: str) -> str:
    """The text as a renderer shows it: on one line, with no control character (ESC, BEL, NUL,
    a C1 control…) that a terminal or a CI log would act on — each is written as its escape
    (`\x1b`); a line break or a tab is a space."""
    return text.translate(_CONTROLS) if not text.isprintable() else text


def control_character(value: str, allowed: str = "\t\n") -> int | None:
    """The index of the first control character in `value` (ESC, BEL, NUL, CR, DEL, C1…) that
    is not in `allowed`; None when there is none."""
    for index, character in enumerate(value):
        if unicodedata.category(character) == "Cc" and character not in allowed:
            return index
    return None


# A spreadsheet runs a text cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# ... unless an apostrophe marks it as text: the mark a spreadsheet shows nothing of.
TEXT_MARK = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _needs_mark(text: str) -> bool:
    """A formula-like text, or one whose own apostrophes would be read as a mark before one."""
    return is_formula_like(text.lstrip(TEXT_MARK))


def text_marked(text: str) -> str:
    """A text cell of a CSV export: marked as text where a spreadsheet would run it."""
    return TEXT_MARK + text if _needs_mark(text) else text


def without_text_mark(text: str) -> str:
    """A text cell as `text_marked` had it (the import of what the export wrote)."""
    return text[1:] if text.startswith(TEXT_MARK) and _needs_mark(text) else text


# --- values in the words of a message -----------------------------------------------------------


def suggest(word: object, choices: Iterable[str]) -> str | None:
    """The closest known word, for a 'did you mean' hint."""
    if not isinstance(word, str):
        return None
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None


# Allowed values listed in a message: the first ones, and how many there are.
LISTED_VALUES = 12


def listed(values: Iterable[str]) -> Text:
    """Allowed values for a message, in the order given: `'Csongrád', 'Békés'` (a long list
    cut, with how many there are in all)."""
    ordered = list(dict.fromkeys(values))
    shown = ", ".join(repr(value) for value in ordered[:LISTED_VALUES])
    if len(ordered) <= LISTED_VALUES:
        return Text(shown, shown)
    return Text(f"{shown}, … ({len(ordered)} in all)", f"{shown}, … (összesen {len(ordered)})")


def describe(value: object) -> Text:
    """What the file holds at a place, in words ("text 'soon'", "a list")."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return Text(word, word)
    if isinstance(value, float) and not math.isfinite(value):
        word = "NaN" if math.isnan(value) else "infinity"
        return Text(word, word if math.isnan(value) else "végtelen")
    if isinstance(value, str):
        if not value:
            return Text("empty text", "üres szöveg")
        return Text(f"text {value!r}", f"{value!r} szöveg")
    if value is None:
        return Text("nothing (null)", "semmi (null)")
    if isinstance(value, dict):
        return Text("a mapping", "leképezés")
    if isinstance(value, list):
        return Text("a list", "lista")
    return Text(str(value), str(value))
