"""Rounding, the one way szaktar does it: halves away from zero, as Excel's ROUND and people do.

A figure is rounded as the decimal it is written as (`repr`), not as its binary value: 2.675 is
stored as 2.67499999…, yet a person reads 2.675 and expects 2.68. Screen, report and the Excel
dialect of an export show `SHOWN_DIGITS` decimals (`PERCENT_DIGITS` for a percentage); JSON and
plain CSV keep the figure, without the noise of binary fractions (`FIGURE_DIGITS`).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

# Six decimals keep every figure a person could mean and drop binary noise (0.30000000000000004).
FIGURE_DIGITS = 6
# What a person reads: a quantity with up to two decimals, a percentage with one.
SHOWN_DIGITS = 2
PERCENT_DIGITS = 1


def decimal_rounded(value: float, digits: int) -> Decimal:
    """`value` to `digits` decimals, halves away from zero (81.25 → 81.3, 62.5 → 63, -2.5 → -3),
    as an exact decimal (what the locale formats print)."""
    if not math.isfinite(value):
        return Decimal(repr(float(value)))
    written = Decimal(repr(float(value)))
    exponent = written.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -digits:
        return written + 0  # nothing to round; `+ 0` turns -0.0 into 0.0
    return written.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP) + 0


def rounded(value: float | None, digits: int = FIGURE_DIGITS) -> float | None:
    """`value` to `digits` decimals, halves away from zero (see `decimal_rounded`); None stays
    None. With the default digits: the figure without float noise (0.1 + 0.2 is 0.3)."""
    return None if value is None else float(decimal_rounded(value, digits))


def json_number(value: float | None) -> float | int | None:
    """A JSON number: rounded, and a whole number without a fraction (3, not 3.0)."""
    figure = rounded(value)
    if figure is None:
        return None
    return int(figure) if figure.is_integer() else figure
