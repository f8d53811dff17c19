"""What a user may call a field, an activity or a value of the project, matched as a person
reads it: without case, accents, extra spaces, `_` or `-` (`Létszám ` is `letszam`).

`import` reads its column names this way (read/table_entries.py), and both `log` and `import`
record, through `as_declared` (write/recording.py), the project's own ids and values for what
the user wrote: an activity by its name (`Konzultáció` → consultation), a dimension or a
category by its name (`--dim Terület=…`, `--of-which nő=9`), a declared value written
otherwise (`csongrad` → Csongrád). What matches nothing stays as written, and the checks of
`validate` say what is wrong with it, and what was probably meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..core.fields import ENTRY_FIELDS, OF_WHICH
from ..core.labels import FIELD_WORDS, LABELS
from ..core.model import Project
from ..core.text import normalize, suggest
from .new_entries import FieldOrigin, NewEntry, category_cell, category_of

# Hungarian (and a few other) names of the entry fields, besides the field names themselves.
FIELD_ALIASES: Mapping[str, tuple[str, ...]] = {
    "date": ("dátum", "nap", "időpont"),
    "activity": ("tevékenység", "tevékenység fajtája", "tevékenységfajta"),
    "hours": ("óra", "órák", "óraszám", "órák száma"),
    "participants": ("résztvevők", "résztvevő", "résztvevők száma", "létszám", "fő"),
    "count": ("darab", "db", "darabszám", "mennyiség"),
    "value": ("érték", "összeg"),
    "place": ("helyszín", "hely", "település"),
    "county": ("megye",),
    "partner": ("partnerszervezet", "szervezet"),
    "team": ("csapat",),
    "topic": ("téma",),
    "person": ("személy", "személykód"),
    "note": ("megjegyzés", "leírás"),
    "evidence": ("bizonyíték", "igazolás"),
}


def field_names(project: Project) -> dict[str, tuple[str, str]]:
    """Normalised name → (entry field, a name it has): the fields (also as `export` heads them),
    the project's dimensions, and the categories of its breakdowns (`category_cell` keys)."""
    names: dict[str, tuple[str, str]] = {}
    for key, aliases in FIELD_ALIASES.items():
        for name in (key, *aliases):
            names[normalize(name)] = (key, name)
    for key, word in FIELD_WORDS.items():
        if key != OF_WHICH:
            for name in (key, *LABELS[word]):
                names.setdefault(normalize(name), (key, name))
    for key, dimension in project.dimensions.items():
        for label in (key, dimension.name, dimension.name_en):
            if label:
                names.setdefault(normalize(label), (key, label))
    for breakdown in project.breakdowns.values():
        for key, category in breakdown.categories.items():
            for label in (key, category.name, category.name_en):
                if label:
                    names.setdefault(normalize(label), (category_cell(key), label))
    return names


def dimension_id(name: str) -> str:
    """An id for a dimension named `name` (`Helyszín típusa` → helyszin_tipusa): its words
    without accents, joined by `_`."""
    words = "".join(char if char.isascii() and char.isalnum() else " " for char in normalize(name))
    key = "_".join(words.split()) or "dimension"
    return key if key[0].isalpha() else f"d_{key}"


def activity_id(text: str, project: Project) -> str:
    """The activity's id, also when written by its name (Konzultáció → consultation)."""
    if text in project.activities:
        return text
    wanted = normalize(text)
    for key, activity in project.activities.items():
        if wanted in {normalize(key), normalize(activity.name), normalize(activity.name_en or "")}:
            return key
    return text


def activity_meant(text: str, project: Project) -> str | None:
    """The activity closest to what was written, by its id or its names (for a hint)."""
    names = {
        normalize(label): key
        for key, activity in project.activities.items()
        for label in (key, activity.name, activity.name_en)
        if label
    }
    close = suggest(normalize(text), names)
    return names[close] if close is not None else None


def declared_value(text: str, allowed: Iterable[str]) -> str:
    """The declared value `text` stands for (`csongrad` → Csongrád), when exactly one matches."""
    wanted = normalize(text)
    matches = [value for value in allowed if normalize(value) == wanted]
    return matches[0] if len(matches) == 1 else text


def as_declared(entry: NewEntry, project: Project) -> NewEntry:
    """The entry with the project's ids and values for what names them (see the module)."""
    names = field_names(project)
    known = frozenset(ENTRY_FIELDS) | frozenset(project.dimensions)
    cells = dict(entry.origin.cells)
    fields: dict[str, object] = {}
    for written, value in entry.fields.items():
        key = written
        if written not in known:
            found = names.get(normalize(written))
            if found is not None and found[0] in known and found[0] not in entry.fields:
                key = found[0]
                _move(cells, written, key)
        fields[key] = _value(key, value, project)
    parts = fields.get(OF_WHICH)
    if isinstance(parts, Mapping):
        fields[OF_WHICH] = _categories(parts, names, cells)
    return NewEntry(fields, replace(entry.origin, cells=cells))


def _value(key: str, value: object, project: Project) -> object:
    if not isinstance(value, str):
        return value
    if key == "activity":
        return activity_id(value, project)
    dimension = project.dimensions.get(key)
    if dimension is not None and dimension.values is not None:
        return declared_value(value, dimension.values)
    return value


def _categories(
    parts: Mapping[str, object],
    names: Mapping[str, tuple[str, str]],
    cells: dict[str, FieldOrigin],
) -> dict[str, object]:
    """An of_which's categories by their ids (`nő` → female)."""
    found: dict[str, object] = {}
    for written, count in parts.items():
        known = names.get(normalize(written))
        category = category_of(known[0]) if known is not None else None
        if category is None or category in parts:
            category = written
        else:
            _move(cells, category_cell(written), category_cell(category))
        found[category] = count
    return found


def _move(cells: dict[str, FieldOrigin], old: str, new: str) -> None:
    if old in cells:
        cells[new] = cells.pop(old)
