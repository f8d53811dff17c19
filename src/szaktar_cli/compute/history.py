"""Where a figure comes from: the entries that make it up, and how it changed commit by commit.

The commits come from read/git.py (git itself, never the working tree); the figure of each
state is computed with the same engine as `status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..read.git import GitNote, ProjectHistory
from ..read.loader import LoadedProject
from .aggregate import aggregate
from .provenance import Contribution, contributions


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit that changed the figure (`commit` is None for uncommitted changes)."""

    commit: str | None
    when: dt.datetime | None
    author: str | None
    subject: str | None
    before: float | None
    after: float | None


@dataclass(frozen=True, slots=True)
class TargetChange:
    """The target from a day on: as first written (`start` None), then after each amendment."""

    start: dt.date | None
    min: float | None
    max: float | None
    by: dt.date | None
    source: str | None


@dataclass(frozen=True, slots=True)
class FigureHistory:
    project: str
    indicator: str
    as_of: dt.date
    value: float | None
    contributions: tuple[Contribution, ...]
    revisions: tuple[Revision, ...]
    git: GitNote | None  # why there are no revisions, when there cannot be any
    target_changes: tuple[TargetChange, ...] = ()  # with amendments: the target, then each


def figure_history(
    loaded: LoadedProject,
    indicator_id: str,
    as_of: dt.date,
    history: ProjectHistory | GitNote,
) -> FigureHistory:
    project = loaded.project
    assert project is not None
    value = aggregate(project, loaded.entries(), as_of).value(indicator_id)
    found = contributions(loaded, indicator_id, as_of)
    revisions = [] if isinstance(history, str) else _revisions(history, indicator_id, as_of)
    if revisions and revisions[-1].after != value:  # the working tree differs from the last commit
        revisions.append(Revision(None, None, None, None, revisions[-1].after, value))
    note = history if isinstance(history, str) else None
    target = project.indicators[indicator_id].target
    changes: list[TargetChange] = []
    if target is not None and target.amendments:
        changes.append(TargetChange(None, target.min, target.max, target.by, target.source))
        for amendment in target.amendments:
            now = target.in_force(amendment.start)
            changes.append(
                TargetChange(amendment.start, now.min, now.max, now.by, amendment.source)
            )
    return FigureHistory(
        project.id, indicator_id, as_of, value, tuple(found), tuple(revisions), note,
        tuple(changes),
    )


def _revisions(history: ProjectHistory, indicator_id: str, as_of: dt.date) -> list[Revision]:
    """Each commit that changed the figure, with the figure before and after it."""
    revisions = []
    before: float | None = None
    for state in history.states():
        project = state.project
        after = (
            None
            if project is None or indicator_id not in project.indicators
            else aggregate(project, state.entries(), as_of).value(indicator_id)
        )
        if after != before:
            commit = state.commit
            revisions.append(
                Revision(commit.sha, commit.when, commit.author, commit.subject, before, after)
            )
        before = after
    return revisions
