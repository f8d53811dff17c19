"""How a target stands: the status words every renderer shares, and the notes that explain why
a figure or a pace cannot be given. The rules that choose them are in compute/judge.py."""

from __future__ import annotations

from typing import Literal

Status = Literal["met", "on_track", "behind", "missed", "not_started", "no_target", "unknown"]
# How one period (or one group in a period) of a rate target stands.
CellState = Literal["met", "missed", "in_progress", "partial"]

STATUSES: tuple[Status, ...] = (
    "met",
    "on_track",
    "behind",
    "missed",
    "not_started",
    "no_target",
    "unknown",
)
PROBLEM_STATUSES: frozenset[str] = frozenset({"behind", "missed"})

# Why a figure or a pace cannot be given (rendered as a note).
Note = Literal["denominator_unknown", "denominator_zero", "pace_unknown"]
