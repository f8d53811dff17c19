"""Figures as machines get them: rounded to drop the noise of binary fractions."""

from __future__ import annotations

# Six decimals keep every figure a person could mean and drop binary noise (0.30000000000000004).
FIGURE_DIGITS = 6


def rounded(value: float | None, digits: int = FIGURE_DIGITS) -> float | None:
    """`value` without float noise (0.1 + 0.2 is 0.3 in a report); None stays None."""
    return None if value is None else round(value, digits)


def json_number(value: float | None) -> float | int | None:
    """A JSON number: rounded, and a whole number without a fraction (3, not 3.0)."""
    if value is None:
        return None
    figure = round(float(value), FIGURE_DIGITS)
    return int(figure) if figure.is_integer() else figure
