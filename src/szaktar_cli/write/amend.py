"""`szaktar amend`: set or remove fields of one recorded entry, or delete it.

The entry is chosen by its place (FILE:LINE, any line of it) or by its day, with its activity
and a fragment of its note when the day has several. Its new fields are read as `log` reads
its options, and the project is checked after the change as `validate` would check it
(editing.py); a problem of the entry is reported at the option that set the field (`--set
participants`), as `log` reports one. Only the entry's lines change: a value in place, a key
added where the format's order puts it, a key's lines removed; the rest of the file stays byte
for byte. A new date in another month moves the entry: it leaves its file and is appended to
the other month's, as `log` writes it. An entry of a closed month is not changed (C504).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ..core.closed import closed_months
from ..core.diagnostics import Diagnostic, Text, diag
from ..core.errors import UsageError
from ..core.fields import OF_WHICH
from ..core.keys import ENTRY_SHAPE, MERGE_KEY
from ..core.model import Entry
from ..core.periods import month_of
from ..read.loader import MONTH_FILE, LoadedProject, actuals_paths, display_path
from ..read.new_entries import category_of
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
from .recording import actuals_header, month_path
from .yaml_edit import Edit, TextEditor
from .yaml_text import append_items, entry_lines
from .yaml_tree import (
    Alias,
    Node,
    NotEditableError,
    Scalar,
    comments_within,
    dash_of,
    last_line,
    walk,
)
from .yaml_tree import Mapping as MappingNode
from .yaml_tree import Sequence as SequenceNode

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {"C504", "E801", "E802", "E803", "E804", "E805", "R601", "R602"}
)

AMEND_ORIGIN = "szaktar amend"
_LISTED = 12  # places named in a message, at most


@dataclass(frozen=True, slots=True)
class Place:
    path: Path
    line: int  # 1-based


@dataclass(frozen=True, slots=True)
class Criteria:
    date: dt.date
    activity: str | None = None
    note: str | None = None  # a fragment of the note, in any case

    def text(self) -> Text:
        en, hu = [self.date.isoformat()], [self.date.isoformat()]
        if self.activity is not None:
            en.append(f"activity {self.activity}")
            hu.append(f"tevékenység: {self.activity}")
        if self.note is not None:
            en.append(f"a note with {self.note!r}")
            hu.append(f"megjegyzésben: {self.note!r}")
        return Text(", ".join(en), ", ".join(hu))


@dataclass(frozen=True, slots=True)
class Change:
    set: Mapping[str, object] = field(default_factory=dict)  # field, or `of_which.CATEGORY`
    unset: Sequence[str] = ()
    delete: bool = False


@dataclass(slots=True)
class Amended(Editing):
    file: str = ""  # where the entry was
    line: int = 0
    deleted: bool = False
    moved_to: str | None = None
    # the entry before the change, and after it (each when it is an entry: it has its date)
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class _Found:
    path: Path
    index: int  # in the file's list
    line: int  # 1-based, its first


def amend(
    directory: Path,
    chosen: Place | Criteria,
    change: Change,
    *,
    as_of: dt.date | None,
    dry_run: bool = False,
) -> Amended:
    """Change one entry of the project in `directory` (a dry run: what would be written)."""
    with held(directory, dry_run=dry_run):
        before = loaded(directory, as_of)
        result = Amended(before=before)
        try:
            found = _find(before, chosen, result)
            if found is not None:
                result.file, result.line = display_path(found.path), found.line
                _plan(directory, before, found, change, result, as_of=as_of)
        except NotEditableError as error:
            where = chosen.path if isinstance(chosen, Place) else directory
            file = result.file or display_path(where)
            reason = Text(error.en, error.hu)
            result.diagnostics.append(diag("E805", file, error.line + 1, 1, reason=reason))
        if result.ok and not dry_run:
            commit(directory, result.edits)
            result.written = True
    result.diagnostics = refused(result.diagnostics, directory)
    return result


# --- which entry ------------------------------------------------------------------------------


def _files(directory: Path) -> dict[str, Path]:
    return {display_path(path): path for path in actuals_paths(directory)}


def _find(before: LoadedProject, chosen: Place | Criteria, result: Amended) -> _Found | None:
    if isinstance(chosen, Place):
        return _at(before, chosen, result)
    return _matching(before, chosen, result)


def _at(before: LoadedProject, place: Place, result: Amended) -> _Found | None:
    files = _files(before.directory)
    file = display_path(place.path)
    if file not in files:
        listed = ", ".join(sorted(files)) or "-"
        raise UsageError(
            f"{file} is not an actuals file of {before.name} (its files: {listed})",
            f"a(z) {file} nem a(z) {before.name} projekt actuals-fájlja (a fájljai: {listed})",
        )
    raw = read_current(files[file]) or b""
    editor = TextEditor(raw)
    spans = _item_spans(editor)
    for index, (first, last) in enumerate(spans):
        if first <= place.line - 1 <= last:
            return _Found(files[file], index, first + 1)
    lines = editor.tree.line_count - (1 if editor.text.endswith("\n") else 0)
    text = editor.tree.line_text(place.line - 1).strip() if place.line <= lines else None
    what = (
        Text(f"the file has {lines} lines", f"a fájl {lines} soros") if text is None
        else Text("a blank line", "üres sor") if not text
        else Text("a comment", "megjegyzés") if text.startswith("#")
        else Text("no entry there", "ott nincs bejegyzés")
    )
    starts = _listed([str(first + 1) for first, _ in spans])
    result.diagnostics.append(
        diag("E801", file, place.line, 1, number=place.line, what=what, starts=starts or None)
    )
    return None


def _item_spans(editor: TextEditor) -> list[tuple[int, int]]:
    """The first and last line (0-based) of each item of the file's list."""
    root = editor.tree.root
    if not isinstance(root, SequenceNode):
        return []
    tree = editor.tree
    return [
        (tree.line_of(item.start if root.flow else dash_of(tree, item)), last_line(tree, item))
        for item in root.items
    ]


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown + (", …" if len(items) > _LISTED else "")


def _matching(before: LoadedProject, criteria: Criteria, result: Amended) -> _Found | None:
    files = _files(before.directory)
    same_day: list[tuple[str, int, int, Mapping[str, Any]]] = []
    for actuals in before.files:
        for position, entry in enumerate(actuals.entries):
            if entry["date"] == criteria.date:
                index = actuals.index_of(position)
                line = before.locator.position(actuals.path, [index])[0]
                same_day.append((actuals.path, index, line, entry))
    chosen = [
        found for found in same_day
        if (criteria.activity is None or found[3]["activity"] == criteria.activity)
        and (
            criteria.note is None
            or criteria.note.casefold() in str(found[3].get("note", "")).casefold()
        )
    ]
    places = _listed([f"{file}:{line} ({entry['activity']})" for file, _, line, entry in same_day])
    if len(chosen) == 1:
        file, index, line, _ = chosen[0]
        return _Found(files[file], index, line)
    if not chosen:
        result.diagnostics.append(
            diag("E802", AMEND_ORIGIN, criteria=criteria.text(), places=places or None)
        )
    else:
        listed = _listed([f"{file}:{line}" for file, _, line, _ in chosen])
        result.diagnostics.append(
            diag("E803", AMEND_ORIGIN, count=len(chosen), criteria=criteria.text(), places=listed)
        )
    return None


# --- the change ---------------------------------------------------------------------------


def _plan(
    directory: Path,
    before: LoadedProject,
    found: _Found,
    change: Change,
    result: Amended,
    *,
    as_of: dt.date | None,
) -> None:
    raw = read_current(found.path) or b""
    editor = TextEditor(raw)
    root = editor.tree.root
    assert isinstance(root, SequenceNode)
    node = root.items[found.index]
    data = read_data(raw)
    old = data[found.index]
    new = None if change.delete else _changed(old, change)
    result.deleted = change.delete
    result.entries = [
        cast(Entry, entry) for entry in (old, new)
        if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date)
    ]
    target = _month_of(new) if new is not None else None
    moves = target is not None and target != _file_month(found.path)
    if _refused_closed(before, found, [_month_of(old) or _file_month(found.path), target], result):
        return
    fields = _Fields(editor, node, display_path(found.path), result)
    if change.delete or moves:
        fields.shared(node, Text("the entry", "a bejegyzés"))
        edits = [editor.remove_item(root, found.index)]
    else:
        edits = fields.edits(old, change, found.line)
    if not result.ok:
        return
    expected = [item for position, item in enumerate(data) if position != found.index]
    if new is not None and not moves:
        expected.insert(found.index, new)
    edit = FileEdit(found.path, raw, editor.result(edits))
    check_edit(edit, expected, _removed_comments(editor, edits))
    result.edits.append(edit)
    entry_index = found.index
    if new is not None and target is not None and moves:
        path = month_path(directory, target)
        result.moved_to = display_path(path)
        other = read_current(path)
        header = actuals_header(before.name, target)
        moved = FileEdit(path, other or b"", append_items(other, [entry_lines(new)], header))
        check_edit(moved, [*(read_data(other) or [] if other else []), new], Counter())
        result.edits.append(moved)
        entry_index = len(read_data(moved.new)) - 1
    after = loaded(directory, as_of, {edit.path: edit.new for edit in result.edits})
    result.after = after
    _check(before, after, change, result, index=entry_index if new is not None else None)


def _changed(old: Mapping[str, Any], change: Change) -> dict[str, Any]:
    new = dict(old)
    for key in change.unset:
        category = category_of(key)
        if category is None:
            new.pop(key, None)
            continue
        parts = dict(new.get(OF_WHICH) or {})
        parts.pop(category, None)
        if parts:
            new[OF_WHICH] = parts
        else:
            new.pop(OF_WHICH, None)
    for key, value in change.set.items():
        category = category_of(key)
        if category is None:
            new[key] = value
        else:
            parts = dict(new.get(OF_WHICH) or {}) if isinstance(new.get(OF_WHICH), dict) else {}
            parts[category] = value
            new[OF_WHICH] = parts
    return new


def _month_of(entry: Mapping[str, Any] | None) -> str | None:
    day = entry.get("date") if entry is not None else None
    return month_of(day) if isinstance(day, dt.date) else None


def _file_month(path: Path) -> str | None:
    match = MONTH_FILE.fullmatch(path.name)
    return match.group(1) if match else None


def _refused_closed(
    before: LoadedProject, found: _Found, months: Sequence[str | None], result: Amended
) -> bool:
    """C504 for a closed month the entry is in, or would go to."""
    closed = closed_months(before.closed)
    file = display_path(found.path)
    for month in dict.fromkeys(month for month in months if month is not None):
        closing = closed.get(month)
        if closing is not None:
            result.diagnostics.append(
                diag("C504", file, found.line, 1, month=month, closed=closing.date.isoformat(),
                     by=closing.by, project=before.name)
            )
    return bool(result.diagnostics)


def _rank(key: str) -> int:
    """A field's place in the format's order (an of_which category's: of_which's)."""
    name = OF_WHICH if category_of(key) is not None else key
    return ENTRY_SHAPE.keys.index(name) if name in ENTRY_SHAPE.keys else len(ENTRY_SHAPE.keys)


class _Fields:
    """The edits of an entry's fields: a value replaced, a key added or removed."""

    def __init__(self, editor: TextEditor, node: Node, file: str, result: Amended) -> None:
        self.editor = editor
        self.node = node
        self.file = file
        self.result = result

    def edits(self, old: Mapping[str, Any], change: Change, line: int) -> list[Edit]:
        node = self.node
        if not isinstance(node, MappingNode):
            raise UsageError(
                f"{self.file}:{line} is not an entry (a list item that is not a mapping)",
                f"{self.file}:{line} nem bejegyzés (nem kulcs–érték párokból álló tétel)",
            )
        self.shared(node, Text("the entry", "a bejegyzés"))  # what merges it would change too
        own = {key.value: index for index, (key, _) in enumerate(node.pairs)
               if isinstance(key, Scalar)}
        edits: list[Edit] = []
        for key in change.unset:
            category = category_of(key)
            if category is not None:
                edits.extend(self._unset_category(node, own, category))
            elif key in own and not self._merged(node, key):
                edits.append(self.editor.remove_pair(node, own[key]))
            elif key in old:  # it comes from a merge (`<<: *base`), or would once removed
                where = Text("the entries that merge it", "az azt beolvasztó bejegyzésekben")
                self.result.diagnostics.append(
                    diag("E804", self.file, self.editor.tree.line_of(node.start) + 1, 1,
                         what=Text(key, key), anchor=_merge_anchor(node), where=where)
                )
            else:
                raise UsageError(f"the entry has no {key}", f"a bejegyzésnek nincs {key} mezője")
        categories: dict[str, object] = {}
        for key in sorted(change.set, key=_rank):
            value = change.set[key]
            category = category_of(key)
            if category is not None:
                categories[category] = value
            elif key in own:
                target = node.pairs[own[key]][1]
                self.shared(target, Text(key, key))
                edits.append(self.editor.replace(target, value, in_flow=node.flow))
            else:
                edits.append(self.editor.add_pair(node, key, value, ENTRY_SHAPE, inline=True))
        if categories:
            edits.extend(self._set_categories(node, own, categories))
        return edits

    def _merged(self, node: MappingNode, key: str) -> bool:
        """Whether a merge (`<<: *base`) of the mapping gives `key` too."""
        for merge_key, value in node.pairs:
            if isinstance(merge_key, Scalar) and merge_key.value == MERGE_KEY:
                sources = value.items if isinstance(value, SequenceNode) else [value]
                for source in sources:
                    target = self._anchored(source) if isinstance(source, Alias) else source
                    if isinstance(target, MappingNode) and target.get(key) is not None:
                        return True
        return False

    def _anchored(self, alias: Alias) -> Node | None:
        """The node an alias refers to: the last one before it with that anchor."""
        found = None
        for node in walk(self.editor.tree.root):
            if node.start >= alias.start:
                break
            if not isinstance(node, Alias) and node.anchor == alias.anchor:
                found = node
        return found

    def shared(self, node: Node, what: Text) -> None:
        """E804 when the node (or a node in it) has an anchor an alias elsewhere refers to."""
        tree = self.editor.tree
        inside = {n.anchor for n in walk(node) if n.anchor and not isinstance(n, Alias)}
        for alias in walk(tree.root):
            if (
                isinstance(alias, Alias)
                and alias.anchor in inside
                and not node.start <= alias.start < node.end
            ):
                where = f"{self.file}:{tree.line_of(alias.start) + 1}"
                self.result.diagnostics.append(
                    diag("E804", self.file, tree.line_of(node.start) + 1,
                         tree.column_of(node.start) + 1, what=what, anchor=alias.anchor,
                         where=where)
                )
                return

    def _unset_category(
        self, node: MappingNode, own: Mapping[str, int], category: str
    ) -> list[Edit]:
        parts = node.pairs[own[OF_WHICH]][1] if OF_WHICH in own else None
        if not isinstance(parts, MappingNode) or parts.get(category) is None:
            raise UsageError(
                f"the entry has no {OF_WHICH}.{category}",
                f"a bejegyzésnek nincs {OF_WHICH}.{category} mezője",
            )
        self.shared(parts, Text(OF_WHICH, OF_WHICH))
        if len(parts.pairs) == 1:
            return [self.editor.remove_pair(node, own[OF_WHICH])]
        index = next(i for i, (key, _) in enumerate(parts.pairs)
                     if isinstance(key, Scalar) and key.value == category)
        return [self.editor.remove_pair(parts, index)]

    def _set_categories(
        self, node: MappingNode, own: Mapping[str, int], categories: Mapping[str, object]
    ) -> list[Edit]:
        editor = self.editor
        if OF_WHICH not in own:
            return [editor.add_pair(node, OF_WHICH, dict(categories), ENTRY_SHAPE, inline=True)]
        parts = node.pairs[own[OF_WHICH]][1]
        if not isinstance(parts, MappingNode):  # not a mapping (an error validate reports)
            return [editor.replace(parts, dict(categories), in_flow=node.flow)]
        self.shared(parts, Text(OF_WHICH, OF_WHICH))
        edits: list[Edit] = []
        for category, value in categories.items():
            pair = parts.get(category)
            if pair is not None:
                edits.append(editor.replace(pair[1], value, in_flow=parts.flow))
            else:
                edits.append(editor.add_pair(parts, category, value, None, inline=True))
        return edits


def _merge_anchor(node: MappingNode) -> str:
    for key, value in node.pairs:
        if isinstance(key, Scalar) and key.value == MERGE_KEY and isinstance(value, Alias):
            return str(value.anchor)
    return "?"


def _removed_comments(editor: TextEditor, edits: Sequence[Edit]) -> Counter[str]:
    """The comments inside the spans the edits replace (a removed key's or entry's)."""
    return Counter(
        comment.text
        for edit in edits
        for comment in comments_within(editor.tree, edit.start, edit.end)
    )


# --- the check ----------------------------------------------------------------------------


def _check(
    before: LoadedProject,
    after: LoadedProject,
    change: Change,
    result: Amended,
    *,
    index: int | None,
) -> None:
    """The problems of the changed entry (each at the option that set its field, if one did)
    and the errors the change adds elsewhere: an error refuses the change."""
    edit = result.edits[-1]  # the file the entry is in now
    first, last, keys = _entry_lines(edit.new, index)

    def in_entry(diagnostic: Diagnostic) -> bool:
        return diagnostic.file == edit.file and first <= diagnostic.line <= last

    mine = [
        _at_option(diagnostic, keys[diagnostic.line], change)
        if keys.get(diagnostic.line) in _set_fields(change) else diagnostic
        for diagnostic in after.diagnostics if in_entry(diagnostic)
    ]
    result.diagnostics.extend(mine)
    result.diagnostics.extend(d for d in new_errors(before, after) if not in_entry(d))


def _set_fields(change: Change) -> set[str]:
    return {OF_WHICH if category_of(key) is not None else key for key in change.set}


def _entry_lines(raw: bytes, index: int | None) -> tuple[int, int, dict[int, str]]:
    """The entry's first and last line (1-based) in its new file, and the field on each line."""
    if index is None:
        return 0, -1, {}
    editor = TextEditor(raw)
    first, last = _item_spans(editor)[index]
    root = editor.tree.root
    assert isinstance(root, SequenceNode)
    node = root.items[index]
    keys: dict[int, str] = {}
    if isinstance(node, MappingNode) and not node.flow:
        for key, value in node.pairs:
            if isinstance(key, Scalar):
                lines = range(editor.tree.line_of(key.start), last_line(editor.tree, value) + 1)
                keys.update((line + 1, key.value) for line in lines)
    return first + 1, last + 1, keys


def _at_option(diagnostic: Diagnostic, key: str, change: Change) -> Diagnostic:
    """A problem of a field `--set` gave, told at that option (as `log` tells one)."""
    option = next(
        (name for name in change.set if _rank(name) == _rank(key) and name.split(".")[0] == key),
        key,
    )
    where = Text(f"--set {option}: ", f"--set {option}: ")
    return diag(
        "R601" if diagnostic.is_error else "R602",
        AMEND_ORIGIN,
        where=where,
        inner=diagnostic.code,
        message=Text(diagnostic.message("en"), diagnostic.message("hu")),
        hint=Text(diagnostic.hint("en"), diagnostic.hint("hu")),
    )
