"""Values are in one normal form, never empty, and none looks like another that it is not.

Entries' values are read in normal form (core/text.py; the loader applies it), so `Szeged`,
`Szeged ` and `Szeged` with a zero-width space are one settlement. What normalising cannot
decide is reported here:

- a value declared in project.yaml (a dimension's allowed values, a measure's `where:` and
  `composition:` value) that is not in normal form: an error that says what differs
  (`'Csongra\\u0301d' is decomposed`), since it is the reference entries are matched with;
- an empty (or blank) value of an entry: a field without a value is left out;
- two values of one dimension that differ only by case (`szeged`, `Szeged`) or by letters of
  another script that look like Latin ones (a Cyrillic `Ѕ` in `Ѕzeged`): a warning at the
  first entry of each value but the one declared (else the most used), since they are counted
  apart.

This rule sees every entry: it gathers the distinct values of each dimension (a set per file),
finds look-alikes among those, and goes through the entries again only for the values it
reports.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..core.diagnostics import Text
from ..core.fields import STANDARD_DIMENSIONS
from ..core.text import normal_text, shown, what_differs
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"A340", "A341", "P240", "P241"})


@dataclass(frozen=True, slots=True)
class _Place:
    file: str
    path: tuple[PathPart, ...]


def check(context: Context) -> None:
    declared = _values_of_dimensions(context)
    project = context.project
    texts_only = frozenset(STANDARD_DIMENSIONS)  # the schema made these text; others may not be
    used: dict[str, set[str]] = {name: set() for name in project.dimension_names()}
    for actuals in context.loaded.files:
        items = list(actuals.items())
        for key, values in used.items():
            found = (
                {entry[key] for _, entry in items if key in entry}
                if key in texts_only
                else {entry[key] for _, entry in items if type(entry.get(key)) is str}
            )
            if "" in found:
                for index, entry in items:
                    if entry.get(key) == "":
                        context.report("A340", actuals.path, [index, key], field=key)
            values.update(found)
    for dimension, values in used.items():
        values.discard("")
        values.update(declared.get(dimension, ()))
        groups = _look_alike_groups(values)
        if groups:
            _report_look_alikes(context, dimension, groups, declared.get(dimension, {}))


def _look_alike_groups(values: set[str]) -> list[list[str]]:
    """The values that look alike (differ only by case or look-alike letters), in groups."""
    groups: dict[str, list[str]] = {}
    for value in sorted(values):
        groups.setdefault(_skeleton(value), []).append(value)
    return [group for group in groups.values() if len(group) > 1]


def _report_look_alikes(
    context: Context,
    dimension: str,
    groups: list[list[str]],
    declared: dict[str, _Place],
) -> None:
    """Each value of a group but the usual one (the declared, else the most used, else the
    first) is reported at its first entry (A341), or where project.yaml declares it (P241)."""
    involved = {value for group in groups for value in group}
    counts: Counter[str] = Counter()
    first: dict[str, _Place] = {}
    for actuals in context.loaded.files:
        for index, entry in actuals.items():
            value = entry.get(dimension)
            if value in involved:
                counts[value] += 1
                first.setdefault(value, _Place(actuals.path, (index, dimension)))
    for group in groups:
        usual = max(group, key=lambda value: (value in declared, counts[value]))
        for odd in group:
            if odd == usual:
                continue
            place = first.get(odd) or declared[odd]
            code = "P241" if place.file == context.loaded.project_file else "A341"
            context.report(code, place.file, list(place.path), value=shown(odd),
                           other=shown(usual), what=_look_alike(odd, usual))


def _values_of_dimensions(context: Context) -> dict[str, dict[str, _Place]]:
    """The values project.yaml declares (allowed values, filters), by dimension, with their
    place; each is checked to be in normal form (P240)."""
    project = context.project
    file = context.loaded.project_file
    found: dict[str, dict[str, _Place]] = {}

    def declare(
        dimension: str, value: str, path: tuple[PathPart, ...], *, on_key: bool = False
    ) -> None:
        normal = normal_text(value)
        if normal != value or not normal:
            what = what_differs(value) if normal else Text("is empty", "üres")
            context.report_project("P240", list(path), on_key=on_key, value=shown(value),
                                   what=what, normal=shown(normal) if normal else None)
            return
        found.setdefault(dimension, {}).setdefault(value, _Place(file, path))

    for name, dimension in project.dimensions.items():
        if isinstance(dimension.values, dict):
            for value in dimension.values:
                declare(name, value, ("dimensions", name, "values", value), on_key=True)
        elif dimension.values is not None:
            for position, value in enumerate(dimension.values):
                declare(name, value, ("dimensions", name, "values", position))
    for indicator_id, indicator in project.indicators.items():
        measure = indicator.measure
        base: tuple[PathPart, ...] = ("indicators", indicator_id, "measure")
        for name, chosen in (measure.where or {}).items():
            if isinstance(chosen, str):
                declare(name, chosen, (*base, "where", name))
            else:
                for position, value in enumerate(chosen):
                    declare(name, value, (*base, "where", name, position))
        composition = measure.composition
        if composition is not None and composition.dimension and composition.value is not None:
            declare(composition.dimension, composition.value, (*base, "composition", "value"))
    return found


def _skeleton(value: str) -> str:
    """What a value looks like: case folded, each letter of another script that looks like a
    Latin letter replaced by that letter (Unicode's confusables, UTS #39)."""
    if value.isascii():
        return value.casefold()
    return "".join(_latin_look_alike(character) for character in value).casefold()


def _latin_look_alike(character: str) -> str:
    if character.isascii() or not character.isalpha():
        return character
    if unicodedata.name(character, "").startswith("LATIN"):
        return character
    from confusable_homoglyphs import confusables  # noqa: PLC0415  # only for such letters

    found = confusables.is_confusable(character, greedy=True, preferred_aliases=["latin"])
    for homoglyph in (found[0]["homoglyphs"] if found else []):
        if unicodedata.name(homoglyph["c"], "").startswith("LATIN"):
            return str(homoglyph["c"])
    return character


def _look_alike(odd: str, usual: str) -> Text:
    """How `odd` differs from `usual`, which it looks like."""
    if odd.casefold() == usual.casefold():
        return Text("only by case", "csak a kis- és nagybetűkben")
    letters = [character for character in odd if _latin_look_alike(character) != character]
    names = ", ".join(f"{character!r} ({_describe(character)})" for character in letters)
    return Text(f"only by letters that look like Latin ones: {names}",
                f"csak latin betűnek látszó betűkben: {names}")


def _describe(character: str) -> str:
    return f"U+{ord(character):04X} {unicodedata.name(character, '?')}"
