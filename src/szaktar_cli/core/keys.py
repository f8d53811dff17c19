"""The order of keys the format documents: the field order of its models (model.py).

`fmt` writes keys in this order, and `amend` and `target` put a key they add where it belongs;
a key the format does not define (a project's own dimension in an entry, or a mistake that
`validate` reports) comes after the known ones. Ids the user chooses (activities, indicators,
categories, …) keep the order they are written in.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .fields import ENTRY_FIELDS
from .model import Project

MERGE_KEY = "<<"


@dataclass(frozen=True, slots=True)
class Shape:
    """The keys of one kind of mapping, in order, and the shapes below them."""

    keys: tuple[str, ...] = ()  # the known keys, in order (none: keep the order written)
    fields: Mapping[str, Shape] = field(default_factory=dict)  # below a known key
    each: Shape | None = None  # below every item of a list, or every value of a mapping by id

    def below(self, key: object) -> Shape | None:
        """The shape of the value under `key` of a mapping of this shape."""
        if self.keys:
            return self.fields.get(key) if isinstance(key, str) else None
        return self.each

    def order(self, keys: list[object]) -> list[int]:
        """The positions of `keys` in the format's order: a merge (`<<`) first, the known keys
        in their order, the others as written (a key written twice keeps its place among its
        namesakes, so that the last one is still the one read)."""
        rank = {key: number for number, key in enumerate(self.keys)}
        unknown = len(rank)

        def position(index: int) -> tuple[int, int]:
            key = keys[index]
            if key == MERGE_KEY:
                return (-1, index)
            known = rank.get(key) if isinstance(key, str) else None
            return (unknown if known is None else known, index)

        return sorted(range(len(keys)), key=position)


def shape_of(model: type[BaseModel]) -> Shape:
    keys: list[str] = []
    fields: dict[str, Shape] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        keys.append(key)
        below = _shape_of_type(info.annotation)
        if below is not None:
            fields[key] = below
    return Shape(tuple(keys), fields)


def _shape_of_type(annotation: Any) -> Shape | None:
    """The shape a value of this type has, if it is (or holds) a model."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape_of_type(arguments[0])
    if origin in (typing.Union, types.UnionType):
        shapes = [shape for shape in map(_shape_of_type, arguments) if shape is not None]
        return shapes[0] if shapes else None
    if origin is dict:
        each = _shape_of_type(arguments[1])
        return Shape(each=each) if each is not None else None
    if origin is list:
        each = _shape_of_type(arguments[0])
        return Shape(each=each) if each is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape_of(annotation)
    return None


PROJECT_SHAPE = shape_of(Project)
ENTRY_SHAPE = Shape(ENTRY_FIELDS)
ACTUALS_SHAPE = Shape(each=ENTRY_SHAPE)
