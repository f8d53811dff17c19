"""The file format, as pydantic models: the single source of truth (the JSON Schema comes from here).

`project.yaml` is a `Project`; an `actuals/YYYY-MM.yaml` file is a list of `Entry`.
Entries stay plain dicts (a TypedDict): hundreds of thousands of them are validated
and aggregated, and a dict costs nothing to build or to cache.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import Required, TypedDict

MEASURE_FIELDS: tuple[str, ...] = ("hours", "participants", "count", "value")
WHOLE_NUMBER_FIELDS: frozenset[str] = frozenset({"participants", "count"})
STANDARD_DIMENSIONS: tuple[str, ...] = ("place", "county", "partner", "team", "topic", "person")
TEXT_FIELDS: tuple[str, ...] = ("note", "evidence")
ENTRY_FIELDS: tuple[str, ...] = ("date", "activity", *MEASURE_FIELDS, *STANDARD_DIMENSIONS, *TEXT_FIELDS)
# Entry fields that are not dimensions: a declared dimension must not take one of these names.
NON_DIMENSION_FIELDS: tuple[str, ...] = ("date", "activity", *MEASURE_FIELDS, *TEXT_FIELDS)

Period = Literal["month", "quarter", "half", "year"]
MeasureField = Literal["hours", "participants", "count", "value"]
Unit = Literal[
    "hour", "person", "event", "item", "copy", "topic", "organisation",
    "settlement", "meeting", "percent", "HUF", "team", "project", "day",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IDENTIFIER = r"^[a-z][a-z0-9_]*$"
PROJECT_ID = r"^[a-z0-9][a-z0-9_-]*$"


def _parse_date(value: object) -> object:
    """Accept a YAML date or a quoted ISO date; anything else is not a date."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("szaktar_date", "a date without a time is expected")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("szaktar_date", "not a valid date")


IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]
NonNegativeNumber = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
FiniteNumber = Annotated[float, Field(strict=True, allow_inf_nan=False)]
WholeNumber = Annotated[int, Field(ge=0, strict=True)]
Identifier = Annotated[str, Field(pattern=IDENTIFIER)]
Percent = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Unknown(_Strict):
    """A value the source document does not give, written out explicitly with the reason."""

    unknown: str = Field(min_length=1, description="Why the value is unknown (e.g. 'the seed does not say').")


class Grant(_Strict):
    programme: str | None = None
    reference: str | None = None
    amount: NonNegativeNumber | Unknown | None = Field(None, description="Contracted grant amount.")
    currency: str = "HUF"
    funding_rate: Percent | Unknown | None = Field(None, description="Share of costs funded, in percent.")


class Activity(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = None
    description: str | None = None


class Dimension(_Strict):
    """A dimension of entries (county, place, team, …). Without `values` any text is allowed."""

    name: str | None = None
    name_en: str | None = None
    values: list[str] | dict[str, dict[str, str]] | None = Field(
        None, description="Allowed values; a mapping gives each value attributes (e.g. its county)."
    )

    def allowed(self) -> frozenset[str] | None:
        return None if self.values is None else frozenset(self.values)

    def attributes(self, value: str) -> dict[str, str]:
        return self.values.get(value, {}) if isinstance(self.values, dict) else {}


class Phase(_Strict):
    name: str
    name_en: str | None = None
    start: IsoDate
    end: IsoDate


class Ratio(_Strict):
    """numerator / denominator as a percentage; the denominator may be unknown."""

    numerator: Identifier = Field(description="An indicator id.")
    denominator: Identifier | NonNegativeNumber | Unknown = Field(
        description="An indicator id, a constant, or {unknown: reason}."
    )


class Composition(_Strict):
    """The share (percent) of entries whose `dimension` equals `value`."""

    dimension: str
    value: str
    weight: Literal["entries", "participants", "hours", "count", "value"] = "participants"


_MEASURE_KINDS = ("sum", "count", "distinct", "max", "last", "ratio", "composition", "deliverable")


class Measure(_Strict):
    """How an indicator is computed from the entries: exactly one kind, plus filters."""

    sum: MeasureField | None = None
    count: Literal["entries"] | None = None
    distinct: str | None = Field(None, description="A dimension whose distinct values are counted.")
    max: MeasureField | None = None
    last: MeasureField | None = None
    ratio: Ratio | None = None
    composition: Composition | None = None
    deliverable: Literal[True] | None = Field(
        None, description="Done once: met by the first matching entry (its date and evidence)."
    )
    activities: list[str] | None = Field(None, description="Only entries of these activity kinds.")
    where: dict[str, str | list[str]] | None = Field(
        None, description="Only entries whose dimension has this value (or one of these values)."
    )
    phase: str | None = Field(None, description="Only entries within this phase of the project.")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Measure:
        given = [kind for kind in _MEASURE_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "szaktar_measure",
                "a measure needs exactly one of {kinds}; found {given}",
                {"kinds": ", ".join(_MEASURE_KINDS), "given": ", ".join(given) or "none"},
            )
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in _MEASURE_KINDS if getattr(self, kind) is not None)


class Checkpoint(_Strict):
    date: IsoDate
    min: NonNegativeNumber | None = None
    max: NonNegativeNumber | None = None
    source: str | None = None


class Target(_Strict):
    min: NonNegativeNumber | None = None
    max: NonNegativeNumber | None = None
    per: Period | None = Field(None, description="Each period must meet min/max.")
    per_group: str | None = Field(None, description="Each value of this dimension must meet it.")
    by: IsoDate | None = Field(None, description="Deadline; default: the project's (or phase's) end.")
    schedule: list[Checkpoint] = Field(default_factory=list, description="Interim checkpoints.")
    source: str | None = Field(None, description="Quote from the document the target comes from.")

    @model_validator(mode="after")
    def _has_bound(self) -> Target:
        if self.min is None and self.max is None:
            raise PydanticCustomError("szaktar_target", "a target needs min, max or both")
        return self


class Indicator(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = None
    unit: Unit
    description: str | None = None
    measure: Measure
    target: Target | None = None


class Fact(_Strict):
    """A figure the source document reports without dated entries behind it (kept, not computed)."""

    label: str
    label_en: str | None = None
    value: NonNegativeNumber | Unknown
    unit: Unit
    times: WholeNumber | None = Field(None, description="How many occasions the figure covers.")
    source: str


class Project(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=True)

    id: Annotated[str, Field(pattern=PROJECT_ID)]
    title: str
    title_en: str | None = None
    grant: Grant | None = None
    lead: str | None = None
    partners: list[str] = Field(default_factory=list)
    start: IsoDate | Unknown
    end: IsoDate | Unknown
    metadata: dict[str, str] = Field(
        default_factory=dict, description="Free fields for grouping the portfolio (region, programme, …)."
    )
    source: str | None = Field(None, description="The document the project is encoded from.")
    note: str | None = None
    phases: dict[Identifier, Phase] = Field(default_factory=dict)
    activities: dict[Identifier, Activity]
    dimensions: dict[Identifier, Dimension] = Field(default_factory=dict)
    indicators: dict[Identifier, Indicator] = Field(default_factory=dict)
    facts: list[Fact] = Field(default_factory=list)

    @property
    def start_date(self) -> dt.date | None:
        return self.start if isinstance(self.start, dt.date) else None

    @property
    def end_date(self) -> dt.date | None:
        return self.end if isinstance(self.end, dt.date) else None

    def dimension_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*STANDARD_DIMENSIONS, *self.dimensions)))


class Entry(TypedDict, total=False):
    """One thing that happened, recorded once. Extra keys are the project's own dimensions."""

    __pydantic_config__ = ConfigDict(extra="allow", allow_inf_nan=False)  # type: ignore[misc]

    date: Required[IsoDate]
    activity: Required[str]
    hours: NonNegativeNumber
    participants: WholeNumber
    count: WholeNumber
    value: FiniteNumber
    place: str
    county: str
    partner: str
    team: str
    topic: str
    person: str
    note: str
    evidence: str


ENTRIES_ADAPTER: TypeAdapter[list[Entry]] = TypeAdapter(list[Entry])
PROJECT_ADAPTER: TypeAdapter[Project] = TypeAdapter(Project)


def json_schema(kind: Literal["project", "actuals"]) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a file kind, generated from the models above."""
    adapter: TypeAdapter[Any] = PROJECT_ADAPTER if kind == "project" else ENTRIES_ADAPTER
    schema = adapter.json_schema()
    title = "szaktar project.yaml" if kind == "project" else "szaktar actuals/YYYY-MM.yaml"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
