"""`szaktar target`: an indicator's target set in project.yaml, or a dated contract amendment of
it recorded (`amendments:`, format.md).

Setting a target replaces the keys it is given (`min`, `max`, `by`, `source`) where they are
written, and adds those the target does not have where the format's order puts them (a new
`target:` goes where the indicator's keys put it); every other key of the target (`per`,
`schedule`, `pace`, earlier amendments, …) stays. An amendment is a new item of the target's
`amendments:` list, put among the others in the order of their `from` days (after those of the
same day). Only those lines change; the rest of project.yaml stays byte for byte. The project is
checked after the change as `validate` checks it (editing.py): an error it would add refuses
the change, a warning it would add is told.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.diagnostics import Text, diag
from ..core.errors import DataError, unknown_indicator
from ..core.keys import PROJECT_SHAPE, Shape
from ..read.loader import PROJECT_FILE, LoadedProject, display_path
from .atomic import read_current
from .editing import (
    Editing,
    FileEdit,
    check_edit,
    commit,
    held,
    loaded,
    new_diagnostics,
    read_data,
    refused,
)
from .yaml_edit import Edit, TextEditor
from .yaml_tree import Mapping as MappingNode
from .yaml_tree import Node, NotEditableError, child
from .yaml_tree import Sequence as SequenceNode

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"E805", "E808"})

TERMS = ("min", "max", "by", "source")  # what the command sets, in the format's order
AMENDMENTS = "amendments"
FROM = "from"


@dataclass(frozen=True, slots=True)
class Terms:
    """What a contract says of one indicator's target; with `start`, from that day on."""

    indicator: str
    min: int | float | None = None
    max: int | float | None = None
    by: dt.date | None = None
    source: str = ""
    start: dt.date | None = None  # an amendment in force from this day

    def values(self) -> dict[str, object]:
        """The keys to write, in the format's order (an amendment's `from` first)."""
        given = {key: getattr(self, key) for key in TERMS if getattr(self, key) is not None}
        return given if self.start is None else {FROM: self.start, **given}


@dataclass(slots=True)
class TargetSet(Editing):
    file: str = ""  # project.yaml
    amended: bool = False  # an amendment was recorded (else the target was set)
    new_target: bool = False  # the indicator had no target


def set_target(
    directory: Path, terms: Terms, *, as_of: dt.date | None, dry_run: bool = False
) -> TargetSet:
    """Set (or amend from `terms.start`) the target of an indicator of the project in
    `directory` (a dry run: what would be written)."""
    with held(directory, dry_run=dry_run):
        before = loaded(directory, as_of)
        if before.project is None:
            raise DataError([d for d in before.diagnostics if d.is_error])
        indicators = list(before.project.indicators)
        if terms.indicator not in indicators:
            raise unknown_indicator(before.project.id, terms.indicator, indicators)
        path = directory / PROJECT_FILE
        result = TargetSet(before=before, file=display_path(path), amended=terms.start is not None)
        try:
            _plan(path, before, terms, result, as_of=as_of)
        except NotEditableError as error:
            reason = Text(error.en, error.hu)
            result.diagnostics.append(diag("E805", result.file, error.line + 1, 1, reason=reason))
        if result.ok and not dry_run:
            commit(directory, result.edits)
            result.written = True
    result.diagnostics = refused(result.diagnostics, directory)
    return result


def _plan(
    path: Path, before: LoadedProject, terms: Terms, result: TargetSet, *, as_of: dt.date | None
) -> None:
    raw = read_current(path) or b""
    editor = TextEditor(raw)
    indicator = child(child(editor.tree.root, "indicators"), terms.indicator)
    data = read_data(raw)
    old = data["indicators"][terms.indicator]
    if not isinstance(indicator, MappingNode) or not isinstance(old, dict):
        return  # an indicator that is not a mapping does not load: the project has an error
    shape = _indicator_shape(terms.indicator)
    target = child(indicator, "target")
    old_target = old.get("target")
    if terms.start is None:
        new_target, edits = _set(editor, indicator, target, old_target, terms, shape=shape)
        result.new_target = not isinstance(old_target, dict)
    elif isinstance(target, MappingNode) and isinstance(old_target, dict):
        new_target, edits = _amend(editor, target, old_target, terms, shape.below("target"))
    else:
        line, column = before.locator.position(
            before.project_file, ["indicators", terms.indicator], on_key=True
        )
        result.diagnostics.append(
            diag("E808", before.project_file, line, column, indicator=terms.indicator,
                 project=before.name)
        )
        return
    expected = {**data, "indicators": {
        **data["indicators"], terms.indicator: {**old, "target": new_target}
    }}
    edit = FileEdit(path, raw, editor.result(edits))
    check_edit(edit, expected, Counter())
    result.edits.append(edit)
    after = loaded(before.directory, as_of, {path: edit.new})
    result.after = after
    result.diagnostics.extend(new_diagnostics(before, after))


def _indicator_shape(indicator: str) -> Shape:
    indicators = PROJECT_SHAPE.below("indicators")
    shape = indicators.below(indicator) if indicators is not None else None
    return shape if shape is not None else Shape()


def _set(
    editor: TextEditor,
    indicator: MappingNode,
    target: Node | None,
    old: Any,
    terms: Terms,
    *,
    shape: Shape,
) -> tuple[dict[str, Any], list[Edit]]:
    """The target with the terms set, and the edits that write them."""
    values = terms.values()
    if target is None:
        return values, [editor.add_pair(indicator, "target", values, shape)]
    if not isinstance(target, MappingNode) or not isinstance(old, dict):
        # `target:` with no mapping under it (an error validate reports): the terms take its place
        return values, [editor.replace(target, values, in_flow=indicator.flow)]
    below = shape.below("target")
    edits = []
    for key, value in values.items():
        pair = target.get(key)
        if pair is not None:
            edits.append(editor.replace(pair[1], value, in_flow=target.flow))
        else:
            edits.append(editor.add_pair(target, key, value, below))
    return {**old, **values}, edits


def _amend(
    editor: TextEditor,
    target: MappingNode,
    old: Mapping[str, Any],
    terms: Terms,
    shape: Shape | None,
) -> tuple[dict[str, Any], list[Edit]]:
    """The target with the amendment among its others (in the order of their days), and the
    edit that writes it."""
    amendment = terms.values()
    node = child(target, AMENDMENTS)
    listed = old.get(AMENDMENTS)
    if node is None:
        return {**old, AMENDMENTS: [amendment]}, [
            editor.add_pair(target, AMENDMENTS, [amendment], shape)
        ]
    if not isinstance(node, SequenceNode) or not isinstance(listed, list):
        return {**old, AMENDMENTS: [amendment]}, [
            editor.replace(node, [amendment], in_flow=target.flow)
        ]
    index = sum(1 for item in listed if not _later(item, terms.start))
    each = shape.below(AMENDMENTS) if shape is not None else None
    edit = editor.insert_item(node, index, amendment, each.each if each is not None else None)
    return {**old, AMENDMENTS: [*listed[:index], amendment, *listed[index:]]}, [edit]


def _later(amendment: object, day: dt.date | None) -> bool:
    """Whether an amendment written already comes into force after `day` (one whose day cannot
    be read stays before the new one)."""
    start = amendment.get(FROM) if isinstance(amendment, dict) else None
    return isinstance(start, dt.date) and day is not None and start > day
