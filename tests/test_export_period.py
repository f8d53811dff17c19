"""Periods of `szaktar export`: --month, --quarter, --from/--to, the default, and splitting."""

from __future__ import annotations

import datetime as dt

import pytest

from szaktar_cli.cli.options import choose_period, parse_month, parse_quarter
from szaktar_cli.core.errors import UsageError
from szaktar_cli.core.periods import ReportPeriod, previous_month, split_period

D = dt.date


def test_month_is_its_calendar_days() -> None:
    assert parse_month("2010-03") == ReportPeriod(D(2010, 3, 1), D(2010, 3, 31))
    assert parse_month("2012-02") == ReportPeriod(D(2012, 2, 1), D(2012, 2, 29))
    assert parse_month("2010-03").label == "2010-03"


@pytest.mark.parametrize(
    "text", ["2010-3", "2010-13", "2010-00", "10-03", "2010-03-01", "March", "2010-Q1", "2010"]
)
def test_month_rejects_other_shapes(text: str) -> None:
    with pytest.raises(UsageError, match="--month"):
        parse_month(text)


def test_quarter_is_three_months() -> None:
    assert parse_quarter("2010-Q1") == ReportPeriod(D(2010, 1, 1), D(2010, 3, 31))
    assert parse_quarter("2011-Q4") == ReportPeriod(D(2011, 10, 1), D(2011, 12, 31))
    assert parse_quarter("2011-Q2").label == "2011-Q2"


@pytest.mark.parametrize("text", ["2010-Q0", "2010-Q5", "2010Q1", "Q1-2010", "2010-03", "2010"])
def test_quarter_rejects_other_shapes(text: str) -> None:
    with pytest.raises(UsageError, match="--quarter"):
        parse_quarter(text)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2010, 4, 15), ReportPeriod(D(2010, 3, 1), D(2010, 3, 31))),
        (D(2010, 4, 1), ReportPeriod(D(2010, 3, 1), D(2010, 3, 31))),
        (D(2010, 3, 31), ReportPeriod(D(2010, 2, 1), D(2010, 2, 28))),
        (D(2011, 1, 5), ReportPeriod(D(2010, 12, 1), D(2010, 12, 31))),
    ],
)
def test_default_is_the_month_before_the_as_of_month(
    as_of: dt.date, expected: ReportPeriod
) -> None:
    assert previous_month(as_of) == expected
    assert choose_period(as_of) == expected


def test_range_label_is_calendar_like_when_it_can_be() -> None:
    assert ReportPeriod(D(2010, 1, 1), D(2010, 6, 30)).label == "2010-H1"
    assert ReportPeriod(D(2010, 7, 1), D(2010, 12, 31)).label == "2010-H2"
    assert ReportPeriod(D(2010, 1, 1), D(2010, 12, 31)).label == "2010"
    assert ReportPeriod(D(2010, 2, 1), D(2010, 4, 30)).label == "2010-02-01/2010-04-30"
    assert ReportPeriod(D(2010, 3, 2), D(2010, 3, 31)).label == "2010-03-02/2010-03-31"
    assert ReportPeriod(D(2010, 12, 1), D(2011, 1, 31)).label == "2010-12-01/2011-01-31"


def test_from_to_gives_a_range() -> None:
    period = choose_period(D(2011, 1, 1), date_from=D(2010, 3, 2), date_to=D(2010, 5, 10))
    assert period == ReportPeriod(D(2010, 3, 2), D(2010, 5, 10))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"month": "2010-03", "quarter": "2010-Q1"}, "one way only"),
        (
            {"month": "2010-03", "date_from": D(2010, 3, 1), "date_to": D(2010, 3, 5)},
            "one way only",
        ),
        ({"date_from": D(2010, 3, 1)}, "go together"),
        ({"date_to": D(2010, 3, 1)}, "go together"),
        ({"date_from": D(2010, 3, 5), "date_to": D(2010, 3, 1)}, "is after"),
        ({"month": "2011-02"}, "starts after the as-of date"),
    ],
)
def test_contradictory_options_are_usage_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        choose_period(D(2011, 1, 31), **kwargs)  # type: ignore[arg-type]


def test_split_per_month_clips_the_edges() -> None:
    parts = split_period(ReportPeriod(D(2010, 2, 15), D(2010, 4, 10)), "month")
    assert parts == [
        ReportPeriod(D(2010, 2, 15), D(2010, 2, 28)),
        ReportPeriod(D(2010, 3, 1), D(2010, 3, 31)),
        ReportPeriod(D(2010, 4, 1), D(2010, 4, 10)),
    ]
    assert [part.label for part in parts] == [
        "2010-02-15/2010-02-28",
        "2010-03",
        "2010-04-01/2010-04-10",
    ]


def test_split_per_quarter_half_year() -> None:
    year = ReportPeriod(D(2010, 1, 1), D(2010, 12, 31))
    assert [part.label for part in split_period(year, "quarter")] == [
        "2010-Q1",
        "2010-Q2",
        "2010-Q3",
        "2010-Q4",
    ]
    assert [part.label for part in split_period(year, "half")] == ["2010-H1", "2010-H2"]
    assert [part.label for part in split_period(year, "year")] == ["2010"]
    crossing = ReportPeriod(D(2009, 11, 1), D(2010, 2, 28))
    assert [part.label for part in split_period(crossing, "quarter")] == [
        "2009-11-01/2009-12-31",
        "2010-01-01/2010-02-28",
    ]
    assert split_period(year, None) == [year]


def test_period_is_evaluated_at_its_end_capped_by_as_of() -> None:
    march = parse_month("2010-03")
    assert march.clipped(D(2011, 1, 1)) == D(2010, 3, 31)
    assert march.clipped(D(2010, 3, 15)) == D(2010, 3, 15)
