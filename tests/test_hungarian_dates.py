"""A Hungarian case ending after a date: `2011. aug. 31-ig`, never `31.-ig` — for every day of
a year (a leap year too), each ending szaktar writes, on babel's formatting of the date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from szaktar_cli.core.i18n import format_date
from szaktar_cli.core.model import Target
from szaktar_cli.render.words import target_text

# The day's form before each ending, by hand: the possessive of the ordinal (elseje, másodika,
# harmadika, negyedike, …, tizenkettedike, …, huszadika, …, harmincegyedike).
ON = [
    "jén", "án", "án", "én", "én", "án", "én", "án", "én", "én",  # 1–10
    "én", "én", "án", "én", "én", "án", "én", "án", "én", "án",  # 11–20
    "én", "én", "án", "én", "én", "án", "én", "án", "én", "án",  # 21–30
    "én",  # 31
]
FROM = [{"jén": "jétől", "án": "ától", "én": "étől"}[form] for form in ON]
UNTIL = ["ig"] * 31
ENDINGS = {"until": UNTIL, "on": ON, "from": FROM}


def every_day(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days) for days in range((dt.date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("case", list(ENDINGS))
@pytest.mark.parametrize("year", [2011, 2012])
def test_every_day_takes_its_ending_after_a_hyphen_not_after_the_full_stop(
    case: str, year: int
) -> None:
    for day in every_day(year):
        plain = format_date(day, "hu")  # babel: `2011. aug. 31.`
        assert plain.endswith(f" {day.day}.")
        written = format_date(day, "hu", case)  # type: ignore[arg-type]
        assert written == f"{plain[:-1]}-{ENDINGS[case][day.day - 1]}", written
        assert ".-" not in written
        assert re.fullmatch(r"\d{4}\. [a-zá-ű]+\.? \d{1,2}-[a-zá-ű]+", written), written


def test_english_says_it_with_the_label_not_an_ending() -> None:
    assert format_date(dt.date(2011, 8, 31), "en", "until") == "31 Aug 2011"


def test_a_target_with_a_deadline_in_the_report_ends_in_ig() -> None:
    target = Target(min=10, by=dt.date(2011, 8, 31), source="x")
    dates = {"deadline": dt.date(2011, 8, 31), "project_end": dt.date(2012, 2, 29)}
    text = target_text(target, "event", "hu", words=True, **dates)
    assert text == "legalább 10 alkalom (2011. aug. 31-ig)"
    text = target_text(target, "event", "en", words=True, **dates)
    assert text == "at least 10 events by 31 Aug 2011"
