"""Calendar periods: labels, bounds, leap days and parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from szaktar_cli.core.periods import (
    days_inclusive,
    month_end,
    next_period,
    parse_period,
    period_of,
    periods_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("kind", "label", "start", "end"),
    [
        ("month", "2012-02", D(2012, 2, 1), D(2012, 2, 29)),
        ("quarter", "2012-Q1", D(2012, 1, 1), D(2012, 3, 31)),
        ("half", "2012-H1", D(2012, 1, 1), D(2012, 6, 30)),
        ("year", "2012", D(2012, 1, 1), D(2012, 12, 31)),
    ],
)
def test_the_leap_day_falls_in_february_q1_h1_and_its_year(kind, label, start, end):
    span = period_of(D(2012, 2, 29), kind)
    assert (span.label, span.start, span.end) == (label, start, end)


def test_the_last_day_of_a_quarter_belongs_to_that_quarter():
    assert period_of(D(2011, 3, 31), "quarter").label == "2011-Q1"
    assert period_of(D(2011, 4, 1), "quarter").label == "2011-Q2"
    assert period_of(D(2011, 12, 31), "quarter").label == "2011-Q4"
    assert period_of(D(2011, 7, 1), "half").label == "2011-H2"


def test_month_end():
    assert month_end(2011, 2) == D(2011, 2, 28)
    assert month_end(2012, 2) == D(2012, 2, 29)
    assert month_end(2011, 12) == D(2011, 12, 31)


def test_periods_between_cover_every_overlapping_period():
    months = periods_between(D(2010, 11, 15), D(2011, 2, 1), "month")
    assert [span.label for span in months] == ["2010-11", "2010-12", "2011-01", "2011-02"]
    quarters = periods_between(D(2010, 9, 1), D(2011, 4, 1), "quarter")
    assert [span.label for span in quarters] == ["2010-Q3", "2010-Q4", "2011-Q1", "2011-Q2"]
    assert [s.label for s in periods_between(D(2017, 10, 1), D(2019, 1, 31), "year")] == [
        "2017",
        "2018",
        "2019",
    ]
    assert periods_between(D(2011, 2, 1), D(2011, 1, 1), "month") == []


def test_next_period_crosses_the_year():
    assert next_period(period_of(D(2011, 12, 5), "month")).label == "2012-01"
    assert next_period(period_of(D(2011, 8, 5), "half")).label == "2012-H1"


def test_within():
    span = period_of(D(2011, 3, 10), "month")
    assert span.within(D(2011, 3, 1), D(2011, 3, 31))
    assert not span.within(D(2011, 3, 2), None)
    assert span.within(None, None)


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2011-03", "2011-03", D(2011, 3, 1), D(2011, 3, 31)),
        ("2011-Q4", "2011-Q4", D(2011, 10, 1), D(2011, 12, 31)),
        ("2011-H2", "2011-H2", D(2011, 7, 1), D(2011, 12, 31)),
        ("2011", "2011", D(2011, 1, 1), D(2011, 12, 31)),
    ],
)
def test_parse_period(text, label, start, end):
    span = parse_period(text)
    assert span is not None
    assert (span.label, span.start, span.end) == (label, start, end)


@pytest.mark.parametrize("text", ["2011-13", "2011-Q5", "2011-H3", "11-03", "2011-3", "march"])
def test_parse_period_rejects_other_text(text):
    assert parse_period(text) is None


def test_days_inclusive():
    assert days_inclusive(D(2011, 1, 1), D(2011, 12, 31)) == 365
    assert days_inclusive(D(2012, 1, 1), D(2012, 12, 31)) == 366
    assert days_inclusive(D(2011, 1, 2), D(2011, 1, 1)) == 0


def test_the_last_period_there_is_ends_on_the_last_day_a_date_can_have():
    """Year 9999 crashed: the month after December 9999 and the period after it do not exist."""
    assert month_end(9999, 12) == dt.date.max
    spans = periods_between(D(9999, 11, 15), dt.date.max, "month")
    assert [span.label for span in spans] == ["9999-11", "9999-12"]
    assert [span.label for span in periods_between(D(9999, 1, 1), dt.date.max, "quarter")] == [
        "9999-Q1", "9999-Q2", "9999-Q3", "9999-Q4"
    ]


@pytest.mark.parametrize("text", ["0000-01", "0000-Q1", "0000-H1", "0000", "10000-01"])
def test_a_period_in_a_year_no_date_has_is_none(text):
    assert parse_period(text) is None
