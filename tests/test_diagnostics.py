"""The diagnostic catalogue and how a diagnostic reads in each language."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from szaktar_cli.core.diagnostics import (
    CATALOGUE,
    Diagnostic,
    Severity,
    Text,
    diag,
    has_errors,
    sorted_diagnostics,
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_both_languages_use_the_same_parameters(code: str) -> None:
    entry = CATALOGUE[code]
    assert re.fullmatch(r"[A-Z]\d{3}", code)
    assert entry.en
    assert entry.hu
    assert placeholders(entry.en) == placeholders(entry.hu)
    assert placeholders(entry.hint_en) == placeholders(entry.hint_hu)
    assert bool(entry.hint_en) == bool(entry.hint_hu)


def test_text_parameters_read_in_the_chosen_language() -> None:
    found = diag("Y109", "a.yaml", 1, 1, expected=Text("a list of entries", "bejegyzések listája"),
                 found=Text("a mapping", "leképezés"))
    assert found.message("en") == "expected a list of entries, found a mapping"
    assert found.message("hu") == "bejegyzések listája helyett ez áll itt: leképezés"


@pytest.mark.parametrize(
    ("hours", "en", "hu"),
    [(30.0, "30", "30"), (30.5, "30.5", "30,5"), (3000.0, "3,000", "3\xa0000")],
)
def test_quantities_read_as_people_write_them(hours: float, en: str, hu: str) -> None:
    found = diag("A322", "a.yaml", 3, 10, field="hours", value=hours, limit=24.0, activity="x")
    assert found.message("en") == f"hours: {en} in one 'x' entry is implausible (more than 24)"
    assert found.message("hu") == f"hours: egy 'x' bejegyzésben {hu} valószínűtlen (több, mint 24)"


def test_whole_numbers_stay_as_they_are_and_dates_are_iso() -> None:
    latin = diag("Y107", "a.yaml", 1, 1, byte=0xE9)
    assert latin.message("en") == "the file is not valid UTF-8 (byte 0xe9)"
    ended = diag("P207", "p.yaml", 3, 8, start=dt.date(2012, 1, 1), end=dt.date(2011, 12, 31))
    assert ended.message("hu") == "a projekt kezdete (2012-01-01) későbbi, mint a vége (2011-12-31)"


def test_a_hint_without_its_suggestion_is_left_out() -> None:
    with_hint = diag("A307", "a.yaml", 2, 13, name="konzultacio", suggestion="consultation")
    without = diag("A307", "a.yaml", 2, 13, name="xyz", suggestion=None)
    assert with_hint.hint("en") == "did you mean 'consultation'?"
    assert with_hint.hint("hu") == "erre gondoltál: 'consultation'?"
    assert without.hint("en") == ""
    assert without.message("en") == "unknown activity kind 'xyz'"


def test_an_unknown_code_is_a_bug() -> None:
    with pytest.raises(KeyError):
        diag("X999", "a.yaml")


def test_diagnostics_sort_by_place_and_repeat_once() -> None:
    late = diag("A307", "b.yaml", 2, 1, name="x")
    early = diag("A301", "b.yaml", 1, 5, key="y")
    other = diag("P205", "a.yaml", 1, 1, key="title")
    assert sorted_diagnostics([late, early, other, late]) == [other, early, late]


def test_errors_fail_and_warnings_fail_only_when_strict() -> None:
    warning = diag("A321", "a.yaml", 1, 1, value="Kovács Anna")
    assert warning.severity is Severity.WARNING
    assert not has_errors([warning])
    assert has_errors([warning], strict=True)
    assert has_errors([diag("Y108", "a.yaml", 1, 1)])
    assert not has_errors([])


def test_a_diagnostic_is_a_value() -> None:
    one = diag("P203", "p.yaml", 2, 1, key="titel", suggestion="title")
    assert one == Diagnostic("P203", "p.yaml", 2, 1, (("key", "titel"), ("suggestion", "title")))
    assert hash(one) == hash(diag("P203", "p.yaml", 2, 1, suggestion="title", key="titel"))


def test_sorting_keeps_the_order_diagnostics_of_one_place_were_found_in() -> None:
    """Two problems of one CSV row's cells (or of one option) share their place and code: they
    are printed in the order they were found, the same in every run (not in a set's order)."""
    found = [diag("R601", "szaktar log", where=f"--option{n}: ") for n in range(20)]
    assert sorted_diagnostics([*found, found[3]]) == found
