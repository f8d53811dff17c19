"""`szaktar rename`: an activity, indicator, dimension, value of a dimension or category of a
breakdown renamed everywhere it is written, in one change.

Where a name is written: project.yaml declares it (an activity's, indicator's, dimension's or
category's id; a dimension's allowed value) and refers to it (a measure's `activities`,
`where`, `distinct`, `composition`, `category` and `ratio`, a target's `per_group`; the
attributes of another dimension's values, which are dimensions too); the entries of every
month file use it (an entry's activity, a dimension's key or value, an of_which category).
Each of those scalars is replaced where it stands (yaml_edit.py); all the files are written at
once or none (atomic.py). The new texts must read as exactly the old data with the name
replaced at those places, and the project as checked after the change must have no error it
did not have. A rename that changes the entries of a closed month is refused (C508), or, when
asked, the month is reopened and closed again, both events recorded in closed.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeGuard, cast

from ..core.closed import closed_months, entries_of_month, month_content
from ..core.diagnostics import diag
from ..core.errors import DataError, UsageError, did_you_mean
from ..core.fields import NON_DIMENSION_FIELDS, OF_WHICH, STANDARD_DIMENSIONS
from ..core.model import IDENTIFIER, Project
from ..core.text import normal_text
from ..read.loader import PROJECT_FILE, LoadedProject, actuals_paths, display_path, manifest_path
from ..read.places import PathPart
from .atomic import read_current
from .editing import (
    Editing,
    FileEdit,
    check_edit,
    commit,
    held,
    loaded,
    new_errors,
    read_data,
    refused,
)
from .manifest import MANIFEST_HEADER, closing_event, event_lines, reopening_event
from .yaml_edit import Edit, TextEditor
from .yaml_text import append_items
from .yaml_tree import Mapping as MappingNode
from .yaml_tree import Node, Scalar, child
from .yaml_tree import Sequence as SequenceNode

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"C508", "E806"})

Kind = Literal["activity", "indicator", "dimension", "dimension-value", "category"]
KINDS: tuple[Kind, ...] = ("activity", "indicator", "dimension", "dimension-value", "category")
_IDENTIFIER = re.compile(IDENTIFIER)


@dataclass(frozen=True, slots=True)
class Renaming:
    kind: Kind
    old: str
    new: str
    dimension: str | None = None  # the dimension whose value is renamed


@dataclass(frozen=True, slots=True)
class Reopening:
    """Reopen each closed month the rename changes, and close it again: why, who, when."""

    reason: str
    by: str
    on: dt.date


@dataclass(slots=True)
class Renamed(Editing):
    places: dict[str, int] = field(default_factory=dict)  # file → names replaced in it
    reclosed: list[str] = field(default_factory=list)  # months reopened and closed again
    reopened: Reopening | None = None  # why, by whom


def rename(
    directory: Path,
    renaming: Renaming,
    *,
    as_of: dt.date | None,
    reopen: Reopening | None = None,
    dry_run: bool = False,
) -> Renamed:
    with held(directory, dry_run=dry_run):
        before = loaded(directory, as_of)
        if before.project is None:
            raise DataError([d for d in before.diagnostics if d.is_error])
        result = Renamed(before=before)
        _check_names(before, before.project, renaming, result)
        if result.ok:
            _plan(directory, before, renaming, result, reopen=reopen, as_of=as_of)
        if result.ok and not dry_run:
            commit(directory, result.edits)
            result.written = True
    result.diagnostics = refused(result.diagnostics, directory)
    return result


# --- the names ------------------------------------------------------------------------------


def _declared(project: Project, renaming: Renaming) -> list[str]:
    """The names of this kind there are (of the dimension's values: those declared)."""
    if renaming.kind == "activity":
        return list(project.activities)
    if renaming.kind == "indicator":
        return list(project.indicators)
    if renaming.kind == "category":
        return list(project.breakdown_of())
    attributes = [
        name for dimension in project.dimensions.values() if isinstance(dimension.values, dict)
        for attrs in dimension.values.values() for name in attrs
    ]
    if renaming.kind == "dimension":
        return list(dict.fromkeys([*project.dimensions, *attributes]))
    assert renaming.dimension is not None
    declared = project.dimensions.get(renaming.dimension)
    return list(declared.values) if declared is not None and declared.values is not None else []


def _check_names(
    before: LoadedProject, project: Project, renaming: Renaming, result: Renamed
) -> None:
    """OLD must be a name of its kind, NEW a good one and not one already (E806)."""
    kind, old, new = renaming.kind, renaming.old, renaming.new
    if old == new:
        raise UsageError(f"{old!r} is its name already", f"már ez a neve: {old!r}")
    if kind != "dimension-value" and not _IDENTIFIER.fullmatch(new):
        raise UsageError(
            f"{new!r} is not an id: lower-case letters, digits and _, starting with a letter",
            f"a(z) {new!r} nem azonosító: kisbetűk, számjegyek és _, betűvel kezdve",
        )
    if kind == "dimension-value" and (not new.strip() or normal_text(new) != new):
        raise UsageError(
            f"{new!r} is not a value as szaktar reads one (no spaces around it, nothing invisible)",
            f"a(z) {new!r} nem olyan érték, ahogy a szaktar olvassa (szóköz körülötte, "
            "láthatatlan jel nélkül)",
        )
    if kind == "dimension-value":
        _check_dimension(project, renaming)
    names = _declared(project, renaming)
    if kind == "dimension" and old in STANDARD_DIMENSIONS and old not in project.dimensions:
        raise UsageError(
            f"{old} is a field of the format: a dimension the project declares can be renamed",
            f"a(z) {old} a formátum mezője: a projekt által deklarált dimenzió nevezhető át",
        )
    used = _used_values(before, renaming) if kind == "dimension-value" else set()
    if old not in names and old not in used:
        _unknown(renaming, [*names, *sorted(used - set(names))])
    taken = new in names or new in used or (
        kind == "dimension" and (new in STANDARD_DIMENSIONS or new in NON_DIMENSION_FIELDS)
    ) or (kind == "dimension" and _entry_key_place(before, new) is not None)
    if taken:
        file, line, column = _place_of(before, renaming, new)
        result.diagnostics.append(diag("E806", file, line, column, name=new))


def _check_dimension(project: Project, renaming: Renaming) -> None:
    dimension = renaming.dimension
    assert dimension is not None
    known = list(dict.fromkeys([*STANDARD_DIMENSIONS, *project.dimensions]))
    if dimension not in known:
        hint, hint_hu = did_you_mean(dimension, known)
        raise UsageError(
            f"{project.id} has no dimension {dimension!r}{hint}",
            f"a(z) {project.id} projektnek nincs {dimension!r} dimenziója{hint_hu}",
        )


def _used_values(before: LoadedProject, renaming: Renaming) -> set[str]:
    """The values of the dimension the entries use."""
    values = (cast(Mapping[str, object], entry).get(renaming.dimension or "")
              for entry in before.entries())
    return {value for value in values if isinstance(value, str)}


def _unknown(renaming: Renaming, names: list[str]) -> None:
    what = {
        "activity": ("activity", "tevékenység"), "indicator": ("indicator", "mutató"),
        "dimension": ("dimension", "dimenzió"), "dimension-value": ("value", "érték"),
        "category": ("category", "kategória"),
    }[renaming.kind]
    known = ", ".join(names[:20]) + (", …" if len(names) > 20 else "") or "-"
    hint, hint_hu = did_you_mean(renaming.old, names)
    raise UsageError(
        f"unknown {what[0]} {renaming.old!r} (known: {known}){hint}",
        f"ismeretlen {what[1]}: {renaming.old!r} (ismert: {known}){hint_hu}",
    )


def _entry_key_place(before: LoadedProject, key: str) -> tuple[str, int, int] | None:
    for actuals in before.files:
        for index, fields in actuals.items():
            if key in fields:
                line, column = before.locator.position(actuals.path, [index, key], on_key=True)
                return actuals.path, line, column
    return None


def _place_of(before: LoadedProject, renaming: Renaming, name: str) -> tuple[str, int, int]:
    """Where `name` is written already (the project file, or the first entry that uses it)."""
    file = before.project_file
    path: Sequence[PathPart] = {
        "activity": ["activities", name],
        "indicator": ["indicators", name],
        "dimension": ["dimensions", name],
        "dimension-value": ["dimensions", renaming.dimension or "", "values"],
        "category": ["breakdowns"],
    }[renaming.kind]
    project = before.project
    if renaming.kind == "category" and project is not None:
        breakdown = project.breakdown_of().get(name, "")
        path = ["breakdowns", breakdown, "categories", name]
    declared = project is not None and name in _declared(project, renaming)
    if not declared and renaming.kind in ("dimension", "dimension-value"):
        key = name if renaming.kind == "dimension" else renaming.dimension or ""
        for actuals in before.files:
            for index, fields in actuals.items():
                if key in fields and (renaming.kind == "dimension" or fields[key] == name):
                    line, column = before.locator.position(
                        actuals.path, [index, key], on_key=renaming.kind == "dimension"
                    )
                    return actuals.path, line, column
        return file, 1, 1
    line, column = before.locator.position(file, path, on_key=True)
    return file, line, column


# --- where the name is written --------------------------------------------------------------


def _pairs(node: Node | None) -> list[tuple[Scalar, Node]]:
    if not isinstance(node, MappingNode):
        return []
    return [(key, value) for key, value in node.pairs if isinstance(key, Scalar)]


def _items(node: Node | None) -> list[Node]:
    return node.items if isinstance(node, SequenceNode) else []


def _is(node: Node | None, name: str) -> TypeGuard[Scalar]:
    return isinstance(node, Scalar) and node.style not in ("|", ">") and node.value == name


Place = tuple[Node, bool]  # a scalar to replace, and whether it stands inside `{…}` or `[…]`


def _project_places(root: Node | None, renaming: Renaming) -> Iterator[Place]:
    kind, old = renaming.kind, renaming.old
    flow = _flow_of(root)
    sections = {"activity": "activities", "indicator": "indicators", "dimension": "dimensions",
                "category": None, "dimension-value": None}
    section = sections[kind]
    if section is not None:
        yield from _keys(child(root, section), old, flow)
    if kind == "category":
        for _, breakdown in _pairs(child(root, "breakdowns")):
            yield from _keys(child(breakdown, "categories"), old, flow)
    dimensions = child(root, "dimensions")
    for name, dimension in _pairs(dimensions):
        values = child(dimension, "values")
        if kind == "dimension-value" and name.value == renaming.dimension:
            yield from _scalars(values, old, flow)
            yield from _keys(values, old, flow)
        for _, attributes in _pairs(values):  # attributes of a value are dimensions too
            if kind == "dimension":
                yield from _keys(attributes, old, flow)
            if kind == "dimension-value":
                attribute = child(attributes, renaming.dimension or "")
                if _is(attribute, old):
                    yield attribute, flow(attributes)
    for _, indicator in _pairs(child(root, "indicators")):
        yield from _measure_places(child(indicator, "measure"), renaming, flow)
        per_group = child(child(indicator, "target"), "per_group")
        if kind == "dimension" and _is(per_group, old):
            yield per_group, flow(child(indicator, "target"))


def _measure_places(measure: Node | None, renaming: Renaming, flow: _Flow) -> Iterator[Place]:
    kind, old = renaming.kind, renaming.old
    if kind == "activity":
        yield from _scalars(child(measure, "activities"), old, flow)
    where = child(measure, "where")
    if kind == "dimension":
        yield from _keys(where, old, flow)
    if kind == "dimension-value":
        values = child(where, renaming.dimension or "")
        if _is(values, old):
            yield values, flow(where)
        yield from _scalars(values, old, flow)
    composition = child(measure, "composition")
    ratio = child(measure, "ratio")
    fields: list[tuple[Node | None, str]] = {
        "activity": [],
        "indicator": [(ratio, "numerator"), (ratio, "denominator")],
        "dimension": [(measure, "distinct"), (composition, "dimension")],
        "category": [(measure, "category"), (composition, "category")],
        "dimension-value": [],
    }[kind]
    if kind == "dimension-value" and _is(child(composition, "dimension"), renaming.dimension or ""):
        fields = [(composition, "value")]
    for parent, key in fields:
        value = child(parent, key)
        if _is(value, old):
            yield value, flow(parent)


class _Flow:
    """Whether a node stands inside a flow collection (`{…}`, `[…]`) of the tree."""

    def __init__(self, root: Node | None) -> None:
        self.inside: set[int] = set()
        stack: list[tuple[Node, bool]] = [(root, False)] if root is not None else []
        while stack:
            node, flowing = stack.pop()
            flowing = flowing or (isinstance(node, MappingNode | SequenceNode) and node.flow)
            if flowing:
                self.inside.add(id(node))
            if isinstance(node, MappingNode):
                stack.extend((part, flowing) for pair in node.pairs for part in pair)
            elif isinstance(node, SequenceNode):
                stack.extend((item, flowing) for item in node.items)

    def __call__(self, node: Node | None) -> bool:
        return node is not None and id(node) in self.inside


def _flow_of(root: Node | None) -> _Flow:
    return _Flow(root)


def _keys(mapping: Node | None, name: str, flow: _Flow) -> Iterator[Place]:
    for key, _ in _pairs(mapping):
        if key.value == name:
            yield key, flow(mapping)


def _scalars(sequence: Node | None, name: str, flow: _Flow) -> Iterator[Place]:
    for item in _items(sequence):
        if _is(item, name):
            yield item, flow(sequence)


def _entry_places(root: Node | None, renaming: Renaming) -> Iterator[Place]:
    kind, old = renaming.kind, renaming.old
    flow = _flow_of(root)
    for item in _items(root):
        for key, value in _pairs(item):
            if kind == "activity" and key.value == "activity" and _is_value(value, old):
                yield value, flow(item)
            elif kind == "dimension" and key.value == old:
                yield key, flow(item)
            elif kind == "dimension-value" and key.value == renaming.dimension and _is_value(
                value, old
            ):
                yield value, flow(item)
            elif kind == "category" and key.value == OF_WHICH:
                yield from _keys(value, old, flow)


def _is_value(node: Node, name: str) -> bool:
    """A text value that reads as `name` (values are compared in their normal form)."""
    return isinstance(node, Scalar) and node.style not in ("|", ">") and (
        normal_text(node.value) == name
    )


# --- the same, on the data: what the new files must read as ---------------------------------


def _renamed_project(data: Any, renaming: Renaming) -> Any:
    kind, old, new = renaming.kind, renaming.old, renaming.new
    if not isinstance(data, dict):
        return data
    data = dict(data)
    section = {"activity": "activities", "indicator": "indicators",
               "dimension": "dimensions"}.get(kind)
    if section is not None and isinstance(data.get(section), dict):
        data[section] = _key_renamed(data[section], old, new)
    if kind == "category" and isinstance(data.get("breakdowns"), dict):
        data["breakdowns"] = {
            name: _with(breakdown, "categories", lambda c: _key_renamed(c, old, new))
            for name, breakdown in data["breakdowns"].items()
        }
    if isinstance(data.get("dimensions"), dict):
        data["dimensions"] = {
            name: _with(dimension, "values", lambda v, n=name: _values_renamed(v, n, renaming))
            for name, dimension in data["dimensions"].items()
        }
    if isinstance(data.get("indicators"), dict):
        data["indicators"] = {
            name: _indicator_renamed(indicator, renaming)
            for name, indicator in data["indicators"].items()
        }
    return data


def _with(mapping: Any, key: str, change: Any) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        return mapping
    return {**mapping, key: change(mapping[key])}


def _key_renamed(mapping: Any, old: str, new: str) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    return {(new if key == old else key): value for key, value in mapping.items()}


def _listed_renamed(items: Any, old: str, new: str) -> Any:
    if isinstance(items, list):
        return [new if item == old else item for item in items]
    return new if items == old else items


def _values_renamed(values: Any, dimension: str, renaming: Renaming) -> Any:
    kind, old, new = renaming.kind, renaming.old, renaming.new
    if kind == "dimension-value" and dimension == renaming.dimension:
        values = _key_renamed(_listed_renamed(values, old, new), old, new)
    if isinstance(values, dict):
        values = {
            value: (_key_renamed(attrs, old, new) if kind == "dimension"
                    else _with(attrs, renaming.dimension or "", lambda v: new if v == old else v)
                    if kind == "dimension-value" else attrs)
            for value, attrs in values.items()
        }
    return values


def _indicator_renamed(indicator: Any, renaming: Renaming) -> Any:
    kind, old, new = renaming.kind, renaming.old, renaming.new
    if not isinstance(indicator, dict):
        return indicator
    measure = indicator.get("measure")
    if isinstance(measure, dict):
        measure = dict(measure)
        if kind == "activity":
            measure = _with(measure, "activities", lambda a: _listed_renamed(a, old, new))
        if kind == "indicator":
            measure = _with(measure, "ratio", lambda r: _with(
                _with(r, "numerator", lambda v: new if v == old else v),
                "denominator", lambda v: new if v == old else v))
        if kind == "dimension":
            measure = _with(measure, "where", lambda w: _key_renamed(w, old, new))
            measure = _with(measure, "distinct", lambda v: new if v == old else v)
            measure = _with(measure, "composition",
                            lambda c: _with(c, "dimension", lambda v: new if v == old else v))
        if kind == "dimension-value":
            measure = _with(measure, "where", lambda w: _with(
                w, renaming.dimension or "", lambda v: _listed_renamed(v, old, new)))
            composition = measure.get("composition")
            if isinstance(composition, dict) and composition.get("dimension") == (
                renaming.dimension
            ):
                measure["composition"] = _with(
                    composition, "value", lambda v: new if v == old else v
                )
        if kind == "category":
            measure = _with(measure, "category", lambda v: new if v == old else v)
            measure = _with(measure, "composition",
                            lambda c: _with(c, "category", lambda v: new if v == old else v))
        indicator = {**indicator, "measure": measure}
    if kind == "dimension":
        indicator = _with(indicator, "target",
                          lambda t: _with(t, "per_group", lambda v: new if v == old else v))
    return indicator


def _renamed_entries(data: Any, renaming: Renaming) -> Any:
    if not isinstance(data, list):
        return data
    return [_renamed_entry(item, renaming) for item in data]


def _renamed_entry(item: Any, renaming: Renaming) -> Any:
    kind, old, new = renaming.kind, renaming.old, renaming.new
    if not isinstance(item, dict):
        return item

    def value(text: Any) -> Any:
        return new if isinstance(text, str) and normal_text(text) == old else text

    if kind == "activity":
        return _with(item, "activity", value)
    if kind == "dimension":
        return _key_renamed(item, old, new)
    if kind == "dimension-value":
        return _with(item, renaming.dimension or "", value)
    if kind == "category":
        return _with(item, OF_WHICH, lambda parts: _key_renamed(parts, old, new))
    return item


# --- the change -----------------------------------------------------------------------------


def _plan(
    directory: Path,
    before: LoadedProject,
    renaming: Renaming,
    result: Renamed,
    *,
    reopen: Reopening | None,
    as_of: dt.date | None,
) -> None:
    project_path = directory / PROJECT_FILE
    first_places: dict[Path, Edit] = {}
    for path, places, renamed in [
        (project_path, _project_places, _renamed_project),
        *((path, _entry_places, _renamed_entries) for path in actuals_paths(directory)),
    ]:
        raw = read_current(path)
        if raw is None:
            continue
        editor = TextEditor(raw)
        unique = {id(node): (node, in_flow) for node, in_flow in places(editor.tree.root, renaming)}
        if not unique:
            continue
        edits = [editor.replace(node, renaming.new, in_flow=in_flow)
                 for node, in_flow in unique.values()]
        edit = FileEdit(path, raw, editor.result(edits))
        check_edit(edit, renamed(read_data(raw), renaming), Counter())
        result.edits.append(edit)
        result.places[edit.file] = len(edits)
        first_places[path] = min(edits, key=lambda e: e.start)
    contents = {edit.path: edit.new for edit in result.edits}
    after = loaded(directory, as_of, contents)
    changed = _changed_closed_months(before, after)
    if changed and reopen is None:
        for month in changed:
            closing = closed_months(before.closed)[month]
            file, line, column = _month_place(before, month, first_places)
            result.diagnostics.append(
                diag("C508", file, line, column, month=month, closed=closing.date.isoformat(),
                     by=closing.by)
            )
        return
    if changed and reopen is not None:
        manifest = _reclosed(directory, before, after, changed, reopen)
        result.edits.append(manifest)
        result.reclosed, result.reopened = changed, reopen
        after = loaded(directory, as_of, {**contents, manifest.path: manifest.new})
    result.after = after
    result.diagnostics.extend(new_errors(before, after))


def _changed_closed_months(before: LoadedProject, after: LoadedProject) -> list[str]:
    closed = closed_months(before.closed)
    old, new = before.entries(), after.entries()
    return sorted(
        month for month in closed
        if month_content(entries_of_month(old, month)).hash
        != month_content(entries_of_month(new, month)).hash
    )


def _month_place(
    before: LoadedProject, month: str, first_places: Mapping[Path, Edit]
) -> tuple[str, int, int]:
    for path, edit in first_places.items():
        if path.stem == month:
            editor = TextEditor(path.read_bytes())
            return (display_path(path), editor.tree.line_of(edit.start) + 1,
                    editor.tree.column_of(edit.start) + 1)
    return before.project_file, 0, 0


def _reclosed(
    directory: Path,
    before: LoadedProject,
    after: LoadedProject,
    months: list[str],
    reopen: Reopening,
) -> FileEdit:
    """closed.yaml with each month reopened (with the reason) and closed again (its new hash)."""
    events = list(before.closed)
    items: list[list[str]] = []
    for month in months:
        opened = reopening_event(events, month, reopen.on, reopen.by, reopen.reason)
        events.append(opened)
        closed = closing_event(events, after.entries(), month, reopen.on, reopen.by)
        events.append(closed)
        items += [event_lines(opened), event_lines(closed)]
    path = manifest_path(directory)
    raw = read_current(path)
    return FileEdit(path, raw or b"", append_items(raw, items, MANIFEST_HEADER.splitlines()))
