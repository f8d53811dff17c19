"""The file format, as pydantic models: the single source of truth (the JSON Schema comes from it).

`project.yaml` is a `Project`; an `actuals/YYYY-MM.yaml` file is a list of `Entry`.
Entries stay plain dicts (a TypedDict): hundreds of thousands of them are validated
and aggregated, and a dict costs nothing to build or to cache.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Required

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from .fields import (
    OF_WHICH,
    STANDARD_DIMENSIONS,
)
from .periods import MONTH, Period

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
        except ValueError:  # written right, but no such day (2011-02-30)
            raise PydanticCustomError("szaktar_no_such_day", "no such day") from None
    raise PydanticCustomError("szaktar_date", "not a valid date")


IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]
NonNegativeNumber = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
FiniteNumber = Annotated[float, Field(strict=True, allow_inf_nan=False)]
WholeNumber = Annotated[int, Field(ge=0, strict=True)]
Identifier = Annotated[str, Field(pattern=IDENTIFIER)]
Percent = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]


class _Strict(BaseModel):
    # (its validator is built when first used: a warm run uses none)
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Unknown(_Strict):
    """A value the source document does not give, written out explicitly with the reason."""

    unknown: str = Field(
        min_length=1, description="Why the value is unknown (e.g. 'the document does not say')."
    )


class Grant(_Strict):
    programme: str | None = Field(None, description="Funding programme (e.g. TÁMOP 5.4.4-09/2-B).")
    reference: str | None = Field(None, description="The grant's identifier in the programme.")
    amount: NonNegativeNumber | Unknown | None = Field(
        None, description="Contracted grant amount, or {unknown: reason}."
    )
    currency: str = Field("HUF", description="Currency of the amount (ISO 4217 code).")
    funding_rate: Percent | Unknown | None = Field(
        None, description="Share of costs funded, in percent (0–100), or {unknown: reason}."
    )


# Hours in one entry above which it is implausible, unless its activity says otherwise.
DEFAULT_PLAUSIBLE_HOURS = 24.0


class Plausible(_Strict):
    """The most one entry of an activity plausibly has of each measure field (more: A322)."""

    hours: NonNegativeNumber | None = Field(
        None, description=f"Hours per entry (default {DEFAULT_PLAUSIBLE_HOURS:g})."
    )
    participants: NonNegativeNumber | None = Field(None, description="Participants per entry.")
    count: NonNegativeNumber | None = Field(None, description="Count per entry.")
    value: FiniteNumber | None = Field(None, description="Value per entry.")


class Activity(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")
    description: str | None = Field(None, description="What counts as this activity.")
    plausible: Plausible | None = Field(
        None, description="The most one entry plausibly has; above it a warning (A322)."
    )

    def plausible_limits(self) -> dict[str, float]:
        """Measure field → the most one entry plausibly has (hours: 24 unless declared)."""
        limits = {"hours": DEFAULT_PLAUSIBLE_HOURS}
        if self.plausible is not None:
            limits |= self.plausible.model_dump(exclude_none=True)
        return limits


class Dimension(_Strict):
    """A dimension of entries (county, place, team, …). Without `values` any text is allowed."""

    name: str | None = Field(None, description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")
    values: list[str] | dict[str, dict[str, str]] | None = Field(
        None, description="Allowed values; a mapping gives each value attributes (e.g. its county)."
    )

    def allowed(self) -> frozenset[str] | None:
        return None if self.values is None else frozenset(self.values)


class Phase(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")
    start: IsoDate = Field(description="First day of the phase.")
    end: IsoDate = Field(description="Last day of the phase.")


class Ratio(_Strict):
    """numerator / denominator as a percentage; the denominator may be unknown."""

    numerator: Identifier = Field(description="An indicator id.")
    denominator: Identifier | NonNegativeNumber | Unknown = Field(
        description="An indicator id, a constant, or {unknown: reason}."
    )


class Category(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")


class EntryBreakdown(_Strict):
    """Categories of a measure field, counted within each entry (its `of_which`)."""

    name: str | None = Field(None, description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")
    of: MeasureField = Field(description="The measure field the categories split.")
    categories: dict[Identifier, Category] = Field(
        min_length=1, description="Category id → names; an id is unique across all breakdowns."
    )
    exhaustive: Annotated[bool, Field(strict=True)] = Field(
        default=False,
        description="The categories add up to the whole field in each entry that records it.",
    )


Denominator = Literal["recorded", "all"]


class Composition(_Strict):
    """The share (percent) of entries whose `dimension` equals `value`, or of a `category` of a
    breakdown within entries over the field it splits (`denominator`: which entries)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["dimension", "value"], "not": {"required": ["category"]}},
                {"required": ["category", "denominator"], "not": {"required": ["dimension"]}},
            ]
        }
    )

    dimension: str | None = Field(None, description="The dimension whose value is compared.")
    value: str | None = Field(None, description="The value whose share is measured.")
    weight: Literal["entries", "participants", "hours", "count", "value"] = Field(
        "participants", description="What the share is of: participants (default), entries, …"
    )
    category: Identifier | None = Field(
        None, description="A category of a breakdown: its share of the field the breakdown splits."
    )
    denominator: Denominator | None = Field(
        None,
        description="With category: the entries that record the breakdown, or all entries.",
    )

    @model_validator(mode="after")
    def _one_form(self) -> Composition:
        by_dimension = ("dimension", "value", "weight")
        by_category = ("category", "denominator")
        given = [key for key in (*by_dimension, *by_category) if key in self.model_fields_set]
        if self.category is None:
            complete = self.dimension is not None and self.value is not None
            stray = [key for key in given if key in by_category]
        else:
            complete = self.denominator is not None
            stray = [key for key in given if key in by_dimension]
        if not complete or stray:
            raise PydanticCustomError(
                "szaktar_composition",
                "a composition takes dimension and value (and weight), or category and "
                "denominator; found {given}",
                {"given": ", ".join(given) or "none"},
            )
        return self


_MEASURE_KINDS = ("sum", "count", "distinct", "max", "last", "ratio", "composition", "deliverable")


class Measure(_Strict):
    """How an indicator is computed from the entries: exactly one kind, plus filters."""

    # Editors see the "exactly one kind" rule too (the validator below is what enforces it).
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [kind]} for kind in _MEASURE_KINDS]}
    )

    sum: MeasureField | None = Field(None, description="Add up this field of the entries.")
    count: Literal["entries"] | None = Field(None, description="Count the entries.")
    distinct: str | None = Field(None, description="A dimension whose distinct values are counted.")
    max: MeasureField | None = Field(None, description="The largest value of this field.")
    last: MeasureField | None = Field(None, description="This field of the latest-dated entry.")
    ratio: Ratio | None = Field(None, description="numerator / denominator × 100.")
    composition: Composition | None = Field(
        None, description="Percentage of entries whose dimension has the value."
    )
    deliverable: Literal[True] | None = Field(
        None, description="Done once: met by the first matching entry (its date and evidence)."
    )
    activities: list[str] | None = Field(None, description="Only entries of these activity kinds.")
    where: dict[str, str | list[str]] | None = Field(
        None, description="Only entries whose dimension has this value (or one of these values)."
    )
    phase: str | None = Field(None, description="Only entries within this phase of the project.")
    category: Identifier | None = Field(
        None, description="With sum: only this category of the field (each entry's of_which)."
    )

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
    date: IsoDate = Field(description="The day the interim value is due.")
    min: NonNegativeNumber | None = Field(None, description="At least this much by then.")
    max: NonNegativeNumber | None = Field(None, description="At most this much by then.")
    source: str | None = Field(None, description="Quote from the document.")


# How progress towards a target is expected (docs/format.md, pace): a named model, or a mapping.
PaceName = Literal["linear", "at_deadline", "schedule"]
PACE_NAMES: tuple[PaceName, ...] = ("linear", "at_deadline", "schedule")
MonthlyWeights = Annotated[list[NonNegativeNumber], Field(min_length=12, max_length=12)]


class PaceProfile(_Strict):
    """A pace written as a mapping: nothing expected before `from`, then evenly day by day, or
    month by month in proportion to the `monthly` weights (a seasonal profile)."""

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={"anyOf": [{"required": ["from"]}, {"required": ["monthly"]}]},
    )

    start: IsoDate | None = Field(
        None, alias="from", description="Nothing is expected before this day."
    )
    monthly: MonthlyWeights | None = Field(
        None,
        description="12 weights, January to December: each month's share of the work.",
    )

    @model_validator(mode="after")
    def _says_something(self) -> PaceProfile:
        if self.start is None and self.monthly is None:
            raise PydanticCustomError("szaktar_pace", "a pace mapping needs from, monthly or both")
        return self


PeriodCount = Literal["calendar", "project"]
PartialPeriods = Literal["skip", "prorate", "full"]


class Amendment(_Strict):
    """A change of the target by a contract amendment, in force from a day on."""

    model_config = ConfigDict(populate_by_name=True)

    start: IsoDate = Field(alias="from", description="The first day the change is in force.")
    min: NonNegativeNumber | None = Field(None, description="The new minimum.")
    max: NonNegativeNumber | None = Field(None, description="The new maximum.")
    by: IsoDate | None = Field(None, description="The new deadline.")
    schedule: list[Checkpoint] | None = Field(
        None, description="The new checkpoints (they replace the schedule)."
    )
    source: str = Field(description="The amendment: its title, number and date.")

    @model_validator(mode="after")
    def _changes_something(self) -> Amendment:
        if self.min is None and self.max is None and self.by is None and self.schedule is None:
            raise PydanticCustomError(
                "szaktar_amendment", "an amendment needs min, max, by or schedule"
            )
        return self


# What an amendment can change in a target.
AMENDED: tuple[str, ...] = ("min", "max", "by", "schedule")


class Target(_Strict):
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["min"]}, {"required": ["max"]}]}
    )

    min: NonNegativeNumber | None = Field(None, description="At least this much.")
    max: NonNegativeNumber | None = Field(None, description="At most this much.")
    per: Period | None = Field(None, description="Each period must meet min/max.")
    periods: PeriodCount | None = Field(
        None,
        description="With per: calendar periods (default) or periods counted from the project's "
        "(phase's) first day.",
    )
    partial: PartialPeriods | None = Field(
        None,
        description="With per: how a period partly outside the window is judged: skip (default), "
        "prorate or full.",
    )
    per_group: str | None = Field(None, description="Each value of this dimension must meet it.")
    by: IsoDate | None = Field(
        None, description="Deadline; default: the project's (or phase's) end."
    )
    schedule: list[Checkpoint] = Field(default_factory=list, description="Interim checkpoints.")
    pace: PaceName | PaceProfile | None = Field(
        None,
        description="How progress is expected: linear, at_deadline, schedule, {from: DATE}, "
        "{monthly: [12 weights]} (default: by the measure's kind).",
    )
    amendments: list[Amendment] = Field(
        default_factory=list,
        description="Contract amendments, each in force from its day, in the order of their days.",
    )
    source: str | None = Field(None, description="Quote from the document the target comes from.")

    @model_validator(mode="after")
    def _has_bound(self) -> Target:
        if self.min is None and self.max is None:
            raise PydanticCustomError("szaktar_target", "a target needs min, max or both")
        return self

    def in_force(self, day: dt.date) -> Target:
        """The target on `day`: every amendment in force by then (its `from` day included)
        applied in order. Without an amendment in force, the target itself."""
        changes: dict[str, Any] = {}
        for amendment in self.amendments_by(day):
            changes.update(
                (key, getattr(amendment, key))
                for key in AMENDED
                if getattr(amendment, key) is not None
            )
        return self.model_copy(update=changes) if changes else self

    def amendments_by(self, day: dt.date) -> tuple[Amendment, ...]:
        """The amendments in force on `day`."""
        return tuple(amendment for amendment in self.amendments if amendment.start <= day)


class Indicator(_Strict):
    name: str = Field(description="Hungarian name.")
    name_en: str | None = Field(None, description="English name.")
    unit: Unit = Field(description="Unit of the figure (percent for ratio and composition).")
    description: str | None = Field(None, description="What the indicator means.")
    measure: Measure = Field(description="How the figure is computed from the entries.")
    target: Target | None = Field(None, description="Without a target it is tracked only.")


class Fact(_Strict):
    """A figure the source document reports without dated entries behind it (kept, not computed)."""

    label: str = Field(description="Hungarian label.")
    label_en: str | None = Field(None, description="English label.")
    value: NonNegativeNumber | Unknown = Field(description="The figure, or {unknown: reason}.")
    unit: Unit = Field(description="Unit of the figure.")
    times: WholeNumber | None = Field(None, description="How many occasions the figure covers.")
    source: str = Field(description="Quote from the document.")


class Project(_Strict):
    model_config = ConfigDict(populate_by_name=True)

    id: Annotated[str, Field(pattern=PROJECT_ID, description="Equals the directory's name.")]
    title: str = Field(description="Hungarian title.")
    title_en: str | None = Field(None, description="English title.")
    grant: Grant | None = Field(None, description="The grant: programme, reference, amount.")
    lead: str | None = Field(None, description="The lead organisation.")
    partners: list[str] = Field(default_factory=list, description="Partner organisations.")
    start: IsoDate | Unknown = Field(description="First day of the project, or {unknown: reason}.")
    end: IsoDate | Unknown = Field(description="Last day of the project, or {unknown: reason}.")
    metadata: dict[str, str] = Field(
        default_factory=dict,
        description="Free fields for grouping the portfolio (region, programme, …).",
    )
    source: str | None = Field(None, description="The document the project is encoded from.")
    note: str | None = Field(None, description="Anything worth knowing about the encoding.")
    phases: dict[Identifier, Phase] = Field(
        default_factory=dict, description="Phases of the project: id → name and dates."
    )
    activities: dict[Identifier, Activity] = Field(
        description="The activity kinds entries may name: id → name."
    )
    dimensions: dict[Identifier, Dimension] = Field(
        default_factory=dict, description="Dimensions of entries, with their allowed values."
    )
    breakdowns: dict[Identifier, EntryBreakdown] = Field(
        default_factory=dict,
        description="Categories of a measure field that an entry counts within itself (of_which).",
    )
    indicators: dict[Identifier, Indicator] = Field(
        default_factory=dict, description="What is measured, and the targets: id → indicator."
    )
    facts: list[Fact] = Field(
        default_factory=list, description="Figures the document reports without dated entries."
    )

    @property
    def start_date(self) -> dt.date | None:
        return self.start if isinstance(self.start, dt.date) else None

    @property
    def end_date(self) -> dt.date | None:
        return self.end if isinstance(self.end, dt.date) else None

    def dimension_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*STANDARD_DIMENSIONS, *self.dimensions)))

    def breakdown_of(self) -> dict[str, str]:
        """Category id → the id of the breakdown declaring it (the first, if declared twice)."""
        found: dict[str, str] = {}
        for breakdown_id, breakdown in self.breakdowns.items():
            for category in breakdown.categories:
                found.setdefault(category, breakdown_id)
        return found


class Entry(TypedDict, total=False):
    """One thing that happened, recorded once. Extra keys are the project's own dimensions."""

    __pydantic_config__ = ConfigDict(  # type: ignore[misc]
        extra="allow",
        allow_inf_nan=False,
        use_attribute_docstrings=True,
        # the project's own dimensions: text (which keys, validate checks against project.yaml)
        json_schema_extra={"additionalProperties": {"type": "string"}},
    )

    date: Required[IsoDate]
    """The day it happened (YYYY-MM-DD)."""
    activity: Required[str]
    """An activity kind declared in project.yaml."""
    hours: NonNegativeNumber
    """Duration in hours."""
    participants: WholeNumber
    """Number of people who took part."""
    count: WholeNumber
    """Number of items (copies, sessions, …)."""
    value: FiniteNumber
    """Any other figure (e.g. an amount)."""
    of_which: dict[str, WholeNumber | NonNegativeNumber]
    """Of the measure field a breakdown splits, how much is in each category: {disadvantaged: 9}."""
    place: str
    """Settlement or venue."""
    county: str
    """County."""
    partner: str
    """Partner organisation involved."""
    team: str
    """Team that did it."""
    topic: str
    """Topic (e.g. of a training)."""
    person: str
    """A pseudonymous code (e.g. SZ-014), never a real name."""
    note: str
    """Free text."""
    evidence: str
    """Where the proof is (attendance sheet number, file)."""


def entry_identity(entry: Mapping[str, Any]) -> frozenset[tuple[str, Any]]:
    """An entry's fields as one hashable value, equal for entries alike in every field (its
    of_which included). Raises TypeError for a list or mapping in another field."""
    if OF_WHICH not in entry:
        return frozenset(entry.items())
    parts = entry[OF_WHICH]
    counts = frozenset(parts.items()) if isinstance(parts, dict) else parts
    return frozenset((key, counts if key == OF_WHICH else value) for key, value in entry.items())


# --- closed.yaml: the events that close and reopen a month ---------------------------------

MONTH_PATTERN = rf"^{MONTH}$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN, description="The month, YYYY-MM.")]


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    month: Month
    date: IsoDate = Field(description="The day the month was closed or reopened.")
    by: str = Field(min_length=1, description="Who did it (free text, e.g. a pseudonymous code).")


class Closing(_Event):
    """A month closed: its entries are frozen as `hash` (and named by `fingerprints`)."""

    action: Literal["close"]
    hash: str = Field(
        pattern=r"^sha256:[0-9a-f]{64}$", description="sha256 of the month's canonical entries."
    )
    entries: int = Field(ge=0, description="How many entries the month had.")
    fingerprints: list[Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2} [0-9a-f]{10}$")]] = Field(
        default_factory=list, description="'YYYY-MM-DD hash10' of each entry, sorted."
    )


class Reopening(_Event):
    """A closed month opened again for correction; the reason is kept."""

    action: Literal["reopen"]
    reason: str = Field(min_length=1)


ManifestEvent = Annotated[Closing | Reopening, Field(discriminator="action")]
# Validators are built when first used (`defer_build`): a warm run, which takes what it read
# from the cache, builds none.
_DEFERRED = ConfigDict(defer_build=True)
MANIFEST_ADAPTER: TypeAdapter[list[ManifestEvent]] = TypeAdapter(
    list[ManifestEvent], config=_DEFERRED
)


ENTRIES_ADAPTER: TypeAdapter[list[Entry]] = TypeAdapter(list[Entry], config=_DEFERRED)
PROJECT_ADAPTER: TypeAdapter[Project] = TypeAdapter(Project)


class _SchemaGenerator(GenerateJsonSchema):
    """pydantic's generator, plus: a mapping whose keys must be identifiers has no other keys."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        generated = super().dict_schema(schema)
        if "patternProperties" in generated:
            generated["additionalProperties"] = False
        return generated


FileKind = Literal["project", "actuals", "closed"]
FILE_KINDS: tuple[FileKind, ...] = ("project", "actuals", "closed")
_TITLES: dict[FileKind, str] = {
    "project": "szaktar project.yaml",
    "actuals": "szaktar actuals/YYYY-MM.yaml",
    "closed": "szaktar closed.yaml",
}
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_text(kind: FileKind) -> str:
    """The JSON Schema of a file kind as `szaktar schema` prints it and `szaktar init` writes it."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def json_schema(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a file kind, generated from the models above."""
    if kind == "closed":
        return {"$schema": _DRAFT, "title": _TITLES[kind], **MANIFEST_ADAPTER.json_schema()}
    adapter: TypeAdapter[Any] = PROJECT_ADAPTER if kind == "project" else ENTRIES_ADAPTER
    schema = adapter.json_schema(schema_generator=_SchemaGenerator)
    return {"$schema": _DRAFT, **schema, "title": _TITLES[kind]}
