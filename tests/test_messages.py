"""Messages that give the fix: a value that is not allowed lists the allowed ones, a dimension
named as `import` would read it is suggested by its id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

PROJECT = """\
id: p
title: P
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
dimensions:
  area:
    name: Terület
    values: [akcióterület, város más területe]
  settlement:
    name: Település
    values: [__SETTLEMENTS__]
indicators:
__INDICATORS__
"""
SETTLEMENTS = [f"Falu {number:02}" for number in range(1, 21)]


Validate = Callable[..., list[str]]


@pytest.fixture
def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Validate:
    """What `validate` says of the project with these indicators and March entries."""

    def run(indicators: str, entries: str = "") -> list[str]:
        project = tmp_path / "projects" / "p"
        (project / "actuals").mkdir(parents=True)
        text = PROJECT.replace("__SETTLEMENTS__", ", ".join(SETTLEMENTS))
        (project / "project.yaml").write_text(
            text.replace("__INDICATORS__", indicators), encoding="utf-8"
        )
        if entries:
            (project / "actuals" / "2011-03.yaml").write_text(entries, encoding="utf-8")
        main(["validate", str(tmp_path / "projects"), "--as-of", "2011-06-30", "--lang", "en"])
        return capsys.readouterr().err.splitlines()[:-1]

    return run


def test_a_dimension_named_by_its_name_suggests_its_id(validate: Validate) -> None:
    indicators = (
        "  areas: {name: Területek, unit: topic, measure: {distinct: Terület}}\n"
        "  counties: {name: Megyék, unit: topic, measure: {distinct: megye}}\n"
    )
    found = validate(indicators)
    assert found[1::2] == ["  hint: did you mean 'area'?", "  hint: did you mean 'county'?"]
    assert "P209 indicator 'areas' refers to an undeclared dimension 'Terület'" in found[0]


def test_a_value_not_allowed_lists_the_allowed_values_the_first_of_a_long_list(
    validate: Validate,
) -> None:
    entries = (
        "- {date: 2011-03-01, activity: consultation, area: akcioterulet}\n"
        "- {date: 2011-03-02, activity: consultation, settlement: Város}\n"
    )
    found = validate("  {}\n", entries)
    assert found[0].endswith(
        "A308 value 'akcioterulet' is not allowed for dimension 'area' "
        "(allowed: 'akcióterület', 'város más területe')"
    )
    assert found[1] == "  hint: did you mean 'akcióterület'?"
    first = ", ".join(repr(name) for name in SETTLEMENTS[:12])
    assert found[2].endswith(
        f"A308 value 'Város' is not allowed for dimension 'settlement' (allowed: {first}, … "
        "(20 in all))"
    )
