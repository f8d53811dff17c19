"""Turn pydantic's validation errors into diagnostics at the YAML node they concern.

pydantic names a place by its `loc`: the keys and indices of the data, interleaved with
tags of union members (`Unknown`, `constrained-float`, `function-before[...]`) and `[key]`
for a mapping's key. The tags are dropped by walking the data along the `loc`; of the
alternatives of a union only those that fit the value's shape are reported (a mapping
given for `date | {unknown: …}` is judged as an `{unknown: …}`). Messages come from
our own bilingual table, keyed by pydantic's stable error types, not from pydantic's
English text.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core import fields, model
from ..core.diagnostics import Diagnostic, Text, diag
from ..core.model import FileKind
from ..core.text import describe, normalize, suggest
from .new_entries import comma_readings
from .places import Locator, PathPart

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {
        "A302", "A303", "A304", "A309", "A310", "A311", "A314", "A315", "P203", "P204", "P205",
        "P218", "P219", "P224",
        "P230", "P237", "P254", "Y109",
    }
)

Reporter = Callable[..., Diagnostic]
_ENTRY_LIST = Text("a list of entries", "bejegyzések listája")
_ENTRY = Text("an entry (a mapping of keys)", "bejegyzés (kulcsok leképezése)")
_PROJECT_MAPPING = Text("a mapping of project keys (id, title, …)",
                        "a projekt kulcsainak leképezése (id, title, …)")


def _model_keys(models: Iterable[type[BaseModel]]) -> frozenset[str]:
    """The keys a file may hold: the fields' names as written (`from`, not `start`)."""
    keys: set[str] = set()
    for cls in models:
        keys.update(field.alias or name for name, field in cls.model_fields.items())
    return frozenset(keys)


PROJECT_KEYS = _model_keys(
    [model.Project, model.Grant, model.Activity, model.Plausible, model.Dimension, model.Phase,
     model.Category, model.EntryBreakdown, model.Ratio, model.Composition, model.Measure,
     model.Checkpoint, model.PaceProfile, model.Amendment, model.Target, model.Indicator,
     model.Fact, model.Unknown]
)
_KEY_MARK = "[key]"  # pydantic's loc part for "the key of this mapping entry"
# Errors that say "this value is of the wrong kind" (the other errors: right kind, wrong value).
_TYPE_ERRORS = frozenset(
    {"string_type", "float_type", "int_type", "bool_type", "dict_type", "model_type", "list_type",
     "model_attributes_type", "invalid_key", "literal_error"}
)


# The months, to say how many days one has (`February 2011 has 28 days`); in Hungarian as
# "in February" (`2011 februárjában 28 nap van`).
_MONTHS = (
    ("January", "januárjában"), ("February", "februárjában"), ("March", "márciusában"),
    ("April", "áprilisában"), ("May", "májusában"), ("June", "júniusában"),
    ("July", "júliusában"), ("August", "augusztusában"), ("September", "szeptemberében"),
    ("October", "októberében"), ("November", "novemberében"), ("December", "decemberében"),
)


def no_such_day(text: str) -> Text:
    """Why a date written as YYYY-MM-DD is no day: its month has fewer days, or there is no
    such month or year (`2011-02-30`: February 2011 has 28 days)."""
    year, month, day = (int(part) for part in text.split("-"))
    if year == 0:  # the year before 1 is 1 BC: no date szaktar reads
        return Text("there is no year 0", "nincs 0. év")
    if not 1 <= month <= 12:
        return Text(f"there is no month {month}", f"nincs {month}. hónap")
    days = calendar.monthrange(year, month)[1]
    english, hungarian = _MONTHS[month - 1]
    if day == 0:
        return Text("a month has no day 0", "a hónapnak nincs 0. napja")
    return Text(f"{english} {year} has {days} days", f"{year} {hungarian} {days} nap van")


# Words people write for a value the format names otherwise (`per: halfyear` is `half`).
_SYNONYMS: dict[str, str] = {
    "halfyear": "half", "half year": "half", "semester": "half", "semiannual": "half",
    "felev": "half", "felevente": "half", "feleves": "half",
    "monthly": "month", "havonta": "month", "havi": "month", "honap": "month",
    "quarterly": "quarter", "negyedev": "quarter", "negyedevente": "quarter",
    "negyedeves": "quarter",
    "yearly": "year", "annual": "year", "annually": "year", "ev": "year", "evente": "year",
    "eves": "year",
}


def _meant(value: object, allowed: Iterable[str]) -> str | None:
    """The allowed value a wrong one stands for: by a word people use for it, else the
    closest."""
    choices = set(allowed)
    if isinstance(value, str):
        synonym = _SYNONYMS.get(normalize(value))
        if synonym in choices:
            return synonym
    return suggest(value, choices)


@dataclass(frozen=True, slots=True)
class _Error:
    """One pydantic error, its `loc` resolved against the data."""

    path: tuple[PathPart, ...]  # keys and indices of the data
    union: tuple[tuple[PathPart, ...], str] | None  # (where, first union tag) if inside a union
    on_key: bool  # about a mapping's key rather than its value
    type: str
    input: Any
    ctx: dict[str, Any]
    msg: str


def _resolve(data: Any, detail: Any) -> _Error:
    """Walk the data along pydantic's loc: parts the data has are its path, the others are tags."""
    loc: tuple[int | str, ...] = detail["loc"]
    if detail["type"] == "invalid_key":  # its loc ends with str(key): take the key itself
        loc = (*loc[:-1], detail["input"])
    missing = detail["type"] == "missing"
    path: list[PathPart] = []
    union: tuple[tuple[PathPart, ...], str] | None = None
    on_key = detail["type"] == "invalid_key"  # its loc ends with the offending key itself
    node = data
    for index, part in enumerate(loc):
        if _has(node, part):
            path.append(part)
            node = node[part]
        elif part == _KEY_MARK:
            on_key = True
        elif missing and index == len(loc) - 1:
            path.append(part)  # the key that is missing
        elif union is None:
            union = (tuple(path), str(part))
    return _Error(tuple(path), union, on_key, detail["type"], detail.get("input"),
                  detail.get("ctx") or {}, str(detail["msg"]))


def _has(node: Any, part: object) -> bool:
    if isinstance(node, dict):
        try:
            return part in node
        except TypeError:  # an unhashable key given as a loc part: not a key of the data
            return False
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _choose_alternatives(errors: list[_Error]) -> list[_Error]:
    """Of each union, keep the alternatives that fit the value best.

    Best fits a value whose shape the alternative accepts and that fails inside it
    (deeper errors); next, one that accepts its kind but not its value (a negative
    number); when every alternative rejects the kind, all are kept and merged into
    one "must be A or B" message.
    """
    by_site: dict[tuple[PathPart, ...], list[_Error]] = {}
    kept: list[_Error] = []
    for error in errors:
        if error.union is None:
            kept.append(error)
        else:
            by_site.setdefault(error.union[0], []).append(error)
    for site, alternatives in by_site.items():
        branches: dict[str, list[_Error]] = {}
        for error in alternatives:
            branches.setdefault(error.union[1] if error.union else "", []).append(error)
        scores = {branch: _fit(mine, site) for branch, mine in branches.items()}
        best = max(scores.values())
        kept.extend(e for branch, mine in branches.items() if scores[branch] == best for e in mine)
    return kept


def _fit(errors: list[_Error], site: tuple[PathPart, ...]) -> int:
    """2: the alternative takes the value's shape and fails inside; 1: its kind; 0: neither."""
    if any(len(e.path) > len(site) or e.on_key for e in errors):
        return 2
    return 1 if any(not _is_type_error(e) for e in errors) else 0


def _is_type_error(error: _Error) -> bool:
    if error.type == "szaktar_date":
        return not isinstance(error.input, str)  # text: a date's kind, though not a valid one
    return error.type in _TYPE_ERRORS


def _allowed_values(error: _Error) -> list[str]:
    return re.findall(r"'([^']*)'", str(error.ctx.get("expected", "")))


def _problem(error: _Error) -> Text:
    """What is wrong, in both languages, from pydantic's error type and context."""
    kind = error.type
    if kind == "literal_error":
        values = ", ".join(_allowed_values(error)) or str(error.ctx.get("expected", ""))
        if values == "True":
            return Text("must be true", "értéke csak true lehet")
        return Text(f"must be one of: {values}", f"értéke csak ez lehet: {values}")
    if kind == "string_pattern_mismatch":
        pattern = error.ctx.get("pattern")
        if pattern == model.IDENTIFIER:
            return Text(
                "must be an identifier: lowercase letters, digits and _, starting with a letter",
                "azonosító kell legyen: kisbetűk, számjegyek és _, betűvel kezdve",
            )
        if pattern == model.PROJECT_ID:
            return Text("must be lowercase letters, digits, - and _",
                        "csak kisbetű, számjegy, - és _ lehet")
        return Text(f"must match {pattern}", f"a(z) {pattern} mintának kell megfelelnie")
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = _number(error.ctx.get("ge", error.ctx.get("le")))
        if kind == "greater_than_equal":
            return Text(f"must be at least {bound}", f"nem lehet kisebb, mint {bound}")
        return Text(f"must be at most {bound}", f"nem lehet nagyobb, mint {bound}")
    if kind in {"too_short", "too_long"}:
        size = error.ctx.get("min_length" if kind == "too_short" else "max_length")
        found = error.ctx.get("actual_length")
        if kind == "too_short":
            return Text(f"must have at least {size} items, not {found}",
                        f"legalább {size} elemű kell legyen, nem {found}")
        return Text(f"must have at most {size} items, not {found}",
                    f"legfeljebb {size} elemű lehet, nem {found}")
    if kind == "int_type" and isinstance(error.input, float):
        return Text("must be a whole number", "egész számnak kell lennie")
    simple = _SIMPLE_PROBLEMS.get(kind)
    if simple is not None:
        return simple
    return Text(error.msg, error.msg)  # an error type not (yet) in the table: pydantic's English


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_MAPPING = Text("must be a mapping (key: value)", "leképezésnek (kulcs: érték) kell lennie")
_SIMPLE_PROBLEMS: dict[str, Text] = {
    "string_type": Text("must be text", "szövegnek kell lennie"),
    "string_too_short": Text("must not be empty", "nem lehet üres"),
    "float_type": Text("must be a number", "számnak kell lennie"),
    "int_type": Text("must be a whole number", "egész számnak kell lennie"),
    "finite_number": Text("must be a finite number", "véges számnak kell lennie"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "list_type": Text("must be a list", "listának kell lennie"),
    "invalid_key": Text("keys must be text", "a kulcsoknak szövegnek kell lenniük"),
    "szaktar_date": Text("must be a date (YYYY-MM-DD)", "dátumnak kell lennie (ÉÉÉÉ-HH-NN)"),
}

# What each alternative of a union expects, for "must be A or B" (by pydantic's error type).
_EXPECTED: dict[str, Text] = {
    "string_type": Text("text", "szöveg"),
    "string_pattern_mismatch": Text("an identifier", "azonosító"),
    "float_type": Text("a number", "szám"),
    "int_type": Text("a whole number", "egész szám"),
    "dict_type": Text("a mapping", "leképezés"),
    "model_type": Text("a mapping", "leképezés"),
    "list_type": Text("a list", "lista"),
    "szaktar_date": Text("a date (YYYY-MM-DD)", "dátum (ÉÉÉÉ-HH-NN)"),
}
_UNKNOWN_FORM = Text("{unknown: reason}", "{unknown: indoklás}")


def _expectation(error: _Error) -> Text:
    if error.union is not None and error.union[1] == "Unknown":
        return _UNKNOWN_FORM
    if error.type == "literal_error":
        values = ", ".join(_allowed_values(error))
        return Text(f"one of {values}", f"{values} egyike")
    return _EXPECTED.get(error.type, Text(error.type, error.type))


def _merged_problem(errors: list[_Error]) -> Text:
    """One message for a value every alternative of a union rejects."""
    if len(errors) == 1:
        return _problem(errors[0])
    expected = list(dict.fromkeys(_expectation(e) for e in errors))
    return Text(
        "must be " + " or ".join(t.en for t in expected),
        " vagy ".join(t.hu for t in expected) + " kell legyen",
    )


def dotted(path: Sequence[PathPart]) -> str:
    """`indicators.reach.target.min`, `facts[2].value`: a place as a reader names it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def diagnostics_from_error(
    error: ValidationError, data: Any, file: str, kind: FileKind, locator: Locator
) -> list[Diagnostic]:
    """One diagnostic per offending place (the alternatives of a union merged into one)."""
    resolved = [_resolve(data, detail) for detail in error.errors(include_url=False)]
    errors = _choose_alternatives(resolved)
    by_place: dict[tuple[tuple[PathPart, ...], bool, str], list[_Error]] = {}
    for one in errors:
        group = one.type if one.type in {"missing", "extra_forbidden"} else ""
        by_place.setdefault((one.path, one.on_key, group), []).append(one)
    return [_diagnostic(group, file, kind, locator) for group in by_place.values()]


def _diagnostic(errors: list[_Error], file: str, kind: FileKind, locator: Locator) -> Diagnostic:
    actuals = kind == "actuals"
    first = errors[0]
    path = first.path
    key = str(path[-1]) if path else ""

    def at(
        code: str, *, on_key: bool = False, place: Sequence[PathPart] = path, **params: object
    ) -> Diagnostic:
        line, column = locator.position(file, place, on_key=on_key)
        return diag(code, file, line, column, **params)

    if first.type == "extra_forbidden":
        return at("P203", on_key=True, key=key, suggestion=suggest(key, PROJECT_KEYS))
    if first.type == "missing":
        return at("A303" if actuals else "P205", place=path[:-1], key=key)
    if first.type == "szaktar_measure":
        return at("P218", kinds=first.ctx.get("kinds", ""), given=first.ctx.get("given", ""))
    if first.type == "szaktar_target":
        return at("P219")
    if first.type == "szaktar_composition":
        return at("P254", given=first.ctx.get("given", ""))
    if first.type == "szaktar_pace":
        return at("P230")
    if first.type == "szaktar_amendment":
        return at("P237")
    if not path:
        expected = _ENTRY_LIST if actuals else _PROJECT_MAPPING
        return at("Y109", expected=expected, found=describe(first.input))
    if actuals and len(path) == 1 and not first.on_key:
        return at("Y109", expected=_ENTRY, found=describe(first.input))
    if actuals and first.type == "szaktar_date":
        return at("A304", value=str(first.input))  # a date and time: as written, not its repr
    if first.type == "szaktar_no_such_day":
        day, reason = str(first.input), no_such_day(str(first.input))
        if actuals:
            return at("A314", value=day, reason=reason)
        return at("P224", where=dotted(path), value=day, reason=reason)
    if actuals and key in fields.MEASURE_FIELDS and len(path) == 2:
        return _number_problem(key, first, at)
    if actuals and len(path) == 3 and path[1] == fields.OF_WHICH and not first.on_key:
        return _number_problem(dotted(path[1:]), first, at)  # a category's count
    if first.type == "invalid_key":  # its path ends with the key: name the mapping holding it
        path = path[:-1]
    found = describe(first.input)
    problem = _merged_problem(errors)
    suggestion = _meant(first.input, _allowed_values(first))
    if actuals:
        field = dotted(path[1:]) or Text("entry", "bejegyzés")
        return at("A302", on_key=first.on_key, field=field, problem=problem,
                  found=found, suggestion=suggestion)
    return at("P204", on_key=first.on_key, where=dotted(path), problem=problem, found=found,
              suggestion=suggestion)


def _number_problem(key: str, error: _Error, at: Reporter) -> Diagnostic:
    value = error.input
    readings = comma_readings(value) if isinstance(value, str) else None
    if readings is not None:
        grouped, decimal = readings
        # both written as every place that reads numbers reads them: a YAML file too
        return at("A315", field=key, value=value, grouped=grouped, decimal=decimal)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return at("A309", field=key, found=describe(value))
    if key in fields.WHOLE_NUMBER_FIELDS:
        return at("A310", field=key, value=str(value))  # as written: 2.5, 1.0, -3
    return at("A311", field=key, value=value)
