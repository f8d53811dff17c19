"""Turn pydantic's validation errors into diagnostics at the YAML node they concern."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from . import model
from .diagnostics import Diagnostic, diag
from .yamlio import Locator, PathPart

FileKind = Literal["project", "actuals"]


def _model_keys(models: Iterable[type[BaseModel]]) -> frozenset[str]:
    keys: set[str] = set()
    for cls in models:
        keys.update(cls.model_fields)
    return frozenset(keys)


PROJECT_KEYS = _model_keys(
    [model.Project, model.Grant, model.Activity, model.Dimension, model.Phase, model.Ratio,
     model.Composition, model.Measure, model.Checkpoint, model.Target, model.Indicator,
     model.Fact, model.Unknown]
)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known word, for a 'did you mean' hint."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _real_path(data: Any, loc: Sequence[int | str]) -> tuple[PathPart, ...]:
    """Drop pydantic's union-member tags from a location, keeping keys and indices of the data."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict | list):
            # a key pydantic names that the data lacks (missing / extra) or a union tag
            if isinstance(part, str) and not _is_union_tag(part):
                path.append(part)
                node = None
    return tuple(path)


def _is_union_tag(part: str) -> bool:
    return part[:1].isupper() or any(ch in part for ch in "[]()") or part in {"str", "int", "float", "bool", "date"}


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "infinity"
    if isinstance(value, str):
        return f"text {value!r}"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def diagnostics_from_error(
    error: ValidationError, data: Any, file: str, kind: FileKind, locator: Locator
) -> list[Diagnostic]:
    """One diagnostic per offending place (union alternatives are merged)."""
    by_path: dict[tuple[PathPart, ...], list[dict[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        by_path.setdefault(_real_path(data, detail["loc"]), []).append(dict(detail))
    out: list[Diagnostic] = []
    for path, details in by_path.items():
        out.append(_one(path, details, file, kind, locator))
    return out


def _one(
    path: tuple[PathPart, ...], details: list[dict[str, Any]], file: str, kind: FileKind, locator: Locator
) -> Diagnostic:
    actuals = kind == "actuals"
    types = {d["type"] for d in details}
    first = details[0]
    key = str(path[-1]) if path else ""
    value = first.get("input")

    def at(code: str, *, on_key: bool = False, place: Sequence[PathPart] = path, **params: object) -> Diagnostic:
        line, column = locator.position(file, place, on_key=on_key)
        return diag(code, file, line, column, **params)

    if "extra_forbidden" in types:
        hint = suggest(key, model.ENTRY_FIELDS if actuals else PROJECT_KEYS)
        params: dict[str, object] = {"key": key} | ({"suggestion": hint} if hint else {})
        return at("A301" if actuals else "P203", on_key=True, **params)
    if "missing" in types:
        return at("A303" if actuals else "P205", place=path[:-1], key=key)
    if not path:
        expected = "a list of entries" if actuals else "a mapping of project keys"
        return at("Y109", expected=expected, found=_describe(value))
    if actuals and len(path) == 1:
        return at("Y109", expected="an entry (a mapping of keys)", found=_describe(value))
    if "szaktar_date" in types:
        if actuals:
            return at("A304", value=value)
        return at("P204", message=f"{key}: {value!r} is not a valid date (YYYY-MM-DD)")
    if actuals and key in model.MEASURE_FIELDS:
        return _number_problem(key, value, types, at)
    messages = "; or ".join(dict.fromkeys(str(d["msg"]) for d in details))
    where = ".".join(str(p) for p in path)
    return at("A302" if actuals else "P204", message=f"{where}: {messages} (found {_describe(value)})")


def _number_problem(key: str, value: object, types: set[str], at: Any) -> Diagnostic:
    whole = key in model.WHOLE_NUMBER_FIELDS
    if isinstance(value, bool) or isinstance(value, str) or value is None or "finite_number" in types:
        return at("A309", field=key, found=_describe(value))  # type: ignore[no-any-return]
    if whole:
        return at("A310", field=key, value=value)  # type: ignore[no-any-return]
    return at("A311", field=key, value=value)  # type: ignore[no-any-return]
