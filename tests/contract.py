"""One indicator with one target in a project of given dates: what the hand-computed tests of
paces, checkpoints, periods and amendments judge (tests/test_pace.py and its siblings)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from szaktar_cli.core.model import PROJECT_ADAPTER, Project


def one_target(
    target: dict[str, Any],
    measure: dict[str, Any],
    *,
    start: dt.date,
    end: dt.date,
    activities: tuple[str, ...],
    unit: str = "hour",
) -> Project:
    """Project `t` from `start` to `end`, its activities, and indicator `x` with `target`."""
    return PROJECT_ADAPTER.validate_python(
        {
            "id": "t",
            "title": "Teszt",
            "start": start,
            "end": end,
            "activities": {name: {"name": name} for name in activities},
            "indicators": {"x": {"name": "X", "unit": unit, "measure": measure, "target": target}},
        }
    )
