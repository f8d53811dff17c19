"""What the data of a file validates to against the models (core/model.py, pydantic), with
every problem a diagnostic at its place: project.yaml, an actuals file, closed.yaml.

read/loader.py imports this module when it first validates a file: a warm run, whose files
the cache holds, validates none and imports no model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..core.diagnostics import Diagnostic, diag
from ..core.fields import TEXT_FIELDS
from ..core.model import (
    ENTRIES_ADAPTER,
    MANIFEST_ADAPTER,
    PROJECT_ADAPTER,
    Closing,
    Entry,
    Project,
    Reopening,
)
from ..core.text import control_character, normal_text
from .loader import read_yaml
from .places import Locator, PathPart
from .schema_errors import diagnostics_from_error

if TYPE_CHECKING:
    from .loader import FileContent, LeftOut
    from .yamlio import Parsed

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"A342", "C505", "C506", "C507", "P202", "P242"})


def project_content(
    data: Any, diagnostics: list[Diagnostic], directory: Path, file: str, locator: Locator
) -> tuple[Project | None, list[Diagnostic]]:
    """project.yaml parsed (`data`, with the `diagnostics` of its parse), validated: None when it
    does not validate."""
    try:
        project = PROJECT_ADAPTER.validate_python(data)
    except ValidationError as error:
        return None, [*diagnostics, *diagnostics_from_error(error, data, file, "project", locator)]
    diagnostics.extend(_project_controls(data, file, locator))
    if project.id != directory.name:
        line, column = locator.position(file, ["id"])
        diagnostics.append(
            diag("P202", file, line, column, id=project.id, directory=directory.name)
        )
    return project, diagnostics


# The items of project.yaml that are named by an id: one with an error is set aside so that the
# checks between the others still run.
_NAMED_ITEMS = ("activities", "dimensions", "phases", "breakdowns", "indicators")
_OPTIONAL_KEYS = frozenset(
    name for name, declared in Project.model_fields.items() if not declared.is_required()
)
# a key of an item dropped takes a round, the item set aside for a required key one more
_SALVAGE_ROUNDS = 5
def salvage(raw: bytes, file: str) -> tuple[Project | None, frozenset[LeftOut]]:
    """What of a project.yaml that does not validate validates with its broken parts set aside,
    so that the checks between its parts (an indicator's activities, dimensions, phases…)
    still run: a key of an activity, dimension, phase, breakdown or indicator with an error is
    dropped (a broken target leaves its measure), the item when the key is one it needs; a
    section that is no mapping of items is taken as empty; a start or end that is no date is
    taken as unknown, another optional key with an error is dropped. Returns that project (None
    when it does not validate even so) and what was set aside: a reference to it is no error of
    its own."""
    data, _, ok = read_yaml(raw, file)
    if not ok or not isinstance(data, dict):
        return None, frozenset()
    kept: dict[Any, Any] = dict(data)
    left_out: set[LeftOut] = set()
    for _ in range(_SALVAGE_ROUNDS):
        try:
            return PROJECT_ADAPTER.validate_python(kept), frozenset(left_out)
        except ValidationError as error:
            places = [detail["loc"] for detail in error.errors(include_url=False)]
            if not all(_set_aside(kept, place, left_out) for place in places):
                return None, frozenset()
    return None, frozenset()


def _set_aside(data: dict[Any, Any], place: Sequence[int | str], left_out: set[LeftOut]) -> bool:
    """Set aside the part of project.yaml an error is at; False when it cannot be."""
    top = place[0] if place else None
    items = data.get(top)
    if top in _NAMED_ITEMS and not isinstance(items, dict):
        data[top] = {}
        left_out.add((str(top), None))
        return True
    if top in _NAMED_ITEMS and isinstance(items, dict) and len(place) > 1:
        item = items.get(place[1])
        if item is None:  # set aside already, for another of its errors
            return True
        if len(place) > 2 and isinstance(item, dict) and place[2] in item:
            data[top] = {
                key: {k: v for k, v in other.items() if k != place[2]} if key == place[1] else other
                for key, other in items.items()
            }
        else:
            data[top] = {key: other for key, other in items.items() if key != place[1]}
            left_out.add((str(top), str(place[1])))
        return True
    if top in {"start", "end"}:
        data[top] = {"unknown": "not a date"}
        return True
    if top in _OPTIONAL_KEYS:
        data.pop(top, None)
        return True
    return False


def entries_content(parsed: Parsed, raw: bytes, file: str, locator: Locator) -> FileContent:
    """The entries of an actuals file parsed, validated: a function of its content and name."""
    data, diagnostics, places = parsed.data, parsed.diagnostics, parsed.places
    if not parsed.ok or data is None:
        return [], None, {}, diagnostics, None
    locator.items(file, places)  # for the places of the diagnostics below
    if isinstance(data, list):
        _normalise(data)
        if b"\\" in raw or b"\xc2\x85" in raw:  # only an escape (or a NEL) writes a control
            diagnostics.extend(_controls(data, file, locator))
    try:
        return ENTRIES_ADAPTER.validate_python(data), None, {}, diagnostics, places
    except ValidationError as error:
        diagnostics.extend(diagnostics_from_error(error, data, file, "actuals", locator))
        origin, entries, incomplete = _valid_entries(data, error)
        return entries, origin, incomplete, diagnostics, places


def appended_entries(items: list[Any]) -> list[Entry] | None:
    """The entries of items appended to a file (read/loader.py, load_appended); None when one
    is not valid (the whole file is then loaded again, for its diagnostics)."""
    _normalise(items)
    try:
        return ENTRIES_ADAPTER.validate_python(items)
    except ValidationError:
        return None


_FREE_TEXT_KEYS = frozenset({"description", "source", "note"})  # in project.yaml


def _project_controls(data: Any, file: str, locator: Locator) -> Iterator[Diagnostic]:
    """P242: a control character in a text of project.yaml (a title's line break or ESC would
    reach every report, terminal and CI log); a tab or a line break is fine in free text."""
    stack: list[tuple[list[PathPart], Any]] = [([], data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(([*path, key], value) for key, value in node.items()
                         if isinstance(key, str | int))
        elif isinstance(node, list):
            stack.extend(([*path, index], value) for index, value in enumerate(node))
        elif isinstance(node, str):
            free = bool(path) and path[-1] in _FREE_TEXT_KEYS
            position = control_character(node, "\t\n" if free else "")
            if position is not None:
                line, column = locator.position(file, path)
                where = ".".join(str(part) for part in path)
                yield diag("P242", file, line, column, field=where,
                           character=f"U+{ord(node[position]):04X}", position=position + 1)


def _controls(items: list[Any], file: str, locator: Locator) -> Iterator[Diagnostic]:
    """A342: a control character in a value (ESC, BEL, NUL, CR…: what a terminal or a CI log
    would act on); a tab or a line break is fine in free text (note, evidence) only."""
    for index, item in enumerate(items):
        if type(item) is not dict:
            continue
        for key, value in item.items():
            if type(value) is not str:
                continue
            position = control_character(value, "\t\n" if key in TEXT_FIELDS else "")
            if position is not None:
                line, column = locator.position(file, [index, key])
                yield diag("A342", file, line, column, field=str(key),
                           character=f"U+{ord(value[position]):04X}", position=position + 1)


def _normalise(items: list[Any]) -> None:
    """Every text value of the entries but their free text (note, evidence) in normal form
    (core/text.py): what is counted and compared is the value without what no one sees."""
    for item in items:
        if type(item) is dict:
            for key, value in item.items():
                if type(value) is str and key not in TEXT_FIELDS:
                    normal = normal_text(value)
                    if normal != value:
                        item[key] = normal


def _valid_entries(
    data: Any, error: ValidationError
) -> tuple[list[int], list[Entry], dict[int, dict[str, Any]]]:
    """Entries without their invalid fields, so that the other checks still see the rest.

    An item whose date or activity is invalid cannot be an entry; its valid fields are kept
    apart (`incomplete`) so that an unknown key or activity in it is still reported.
    """
    bad_keys: dict[int, set[Any]] = {}
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        if loc and isinstance(loc[0], int):
            bad_keys.setdefault(loc[0], set()).update(loc[1:2])
    origin: list[int] = []
    kept: list[Entry] = []
    incomplete: dict[int, dict[str, Any]] = {}
    for index, item in enumerate(data if isinstance(data, list) else []):
        if not isinstance(item, dict):
            continue
        bad = bad_keys.get(index, set())  # and keys that are not text: never an entry's
        fields = {key: value for key, value in item.items()
                  if isinstance(key, str) and key not in bad}
        if "date" in fields and "activity" in fields:
            kept.extend(ENTRIES_ADAPTER.validate_python([fields]))
            origin.append(index)
        else:
            incomplete[index] = _fields_of(fields)
    return origin, kept, incomplete


_FILLER: dict[str, Any] = {"date": dt.date.min, "activity": ""}


def _fields_of(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of an item that lacks a date or an activity, converted as in an entry."""
    entry = ENTRIES_ADAPTER.validate_python([_FILLER | fields])[0]
    return {key: value for key, value in entry.items() if key in fields}


def manifest_content(
    data: Any, diagnostics: list[Diagnostic], file: str, locator: Locator
) -> tuple[list[Closing | Reopening], list[Diagnostic]]:
    """closed.yaml parsed (`data`, with the `diagnostics` of its parse), validated: its events,
    and its problems."""
    try:
        events = MANIFEST_ADAPTER.validate_python(data if data is not None else [])
    except ValidationError as error:
        return [], [*diagnostics, *_schema_diagnostics(error, data, file, locator)]
    return events, [*diagnostics, *_sequence_problems(events, file, locator)]


def _schema_diagnostics(
    error: ValidationError, data: Any, file: str, locator: Locator
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for detail in error.errors(include_url=False):
        path = _data_path(data, detail["loc"])
        line, column = locator.position(file, path)
        where = ".".join(str(part) for part in path) or "closed.yaml"
        problems.append(diag("C507", file, line, column, where=where, problem=detail["msg"]))
    return problems


def _data_path(data: Any, loc: Sequence[int | str]) -> list[PathPart]:
    """pydantic's location without the discriminator tags ('close', 'reopen')."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and (part in node or part == loc[-1]):
            node = node.get(part)
            path.append(part)
    return path


def _sequence_problems(
    events: Sequence[Closing | Reopening], file: str, locator: Locator
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    closed: set[str] = set()
    for index, event in enumerate(events):
        line, column = locator.position(file, [index])
        if isinstance(event, Closing):
            if event.month in closed:
                problems.append(diag("C506", file, line, column, month=event.month))
            closed.add(event.month)
        elif event.month not in closed:
            problems.append(diag("C505", file, line, column, month=event.month))
        else:
            closed.discard(event.month)
    return problems
