"""A diagnostic costs in proportion to the diagnostics, not to the file (issue 14 §1).

The reader keeps where each item of a block list starts (`ItemPlaces`); the place of an entry
is then known without reading anything again, and a place inside one is found in that entry's
lines alone. These places are exactly those of composing the whole file. The commands that do
not list warnings count them and place none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark_scripts import load_script
from szaktar_cli.cli.main import main
from szaktar_cli.read import yamlio
from szaktar_cli.read.places import Locator
from szaktar_cli.read.yamlio import decode, parse
from yaml_texts import ENTRY_LAYOUTS, ROOT, corpus_files

# entries in the layouts people write, and some that do not compose on their own
ITEMS = [
    *ENTRY_LAYOUTS,
    "-\n  date: 2011-01-12\n  activity: consultation\n",  # the item below its `-`
    "- date: 2011-01-13\n  activity: consultation\n  tags: [a,\n    b]\n  yes: 1\n",
    "- [a, b]\n",
    "- - date: 2011-01-14\n  - nested\n",
    "- plain text\n",
    "- &first {date: 2011-01-15, activity: consultation}\n",
    "- date: 2011-01-16\n  <<: *first\n",  # an alias: the item does not compose on its own
]
KEYS = ("date", "activity", "note", "hours", "tags", True, 0, 1, "missing")


def positions(text: str, *, with_items: bool) -> list[tuple[int, int]]:
    parsed = parse(text, "f.yaml")
    assert isinstance(parsed.data, list)
    locator = Locator()
    locator.remember("f.yaml", text)
    if with_items:
        assert parsed.places is not None
        locator.items("f.yaml", parsed.places)
    return [
        locator.position("f.yaml", path, on_key=on_key)
        for index in range(len(parsed.data) + 1)
        for path in ([index], *([index, key] for key in KEYS), [index, "tags", 1])
        for on_key in (False, True)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=12), st.sampled_from(["", "  "]))
def test_places_from_an_entry_are_those_of_the_whole_file(items: list[str], indent: str) -> None:
    body = "".join(
        "".join(indent + line if line.strip() else line for line in item.splitlines(True))
        for item in items
    )
    text = "# header\n" + ("key: [\n" if not body else "") + body
    parsed = parse(text, "f.yaml")
    if not parsed.ok or not isinstance(parsed.data, list):
        return  # (an alias before its anchor: no list to place anything in)
    assert positions(text, with_items=True) == positions(text, with_items=False)


def corpus_lists() -> list[Path]:
    found = []
    for path in corpus_files():
        text, _ = decode(path.read_bytes(), "f")
        parsed = parse(text, "f") if text is not None else None
        if parsed is not None and parsed.places is not None and parsed.data:
            found.append(path)
    return found


@pytest.mark.parametrize("path", corpus_lists(), ids=lambda path: str(path.relative_to(ROOT)))
def test_places_in_every_corpus_list_are_those_of_the_whole_file(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    assert positions(text, with_items=True) == positions(text, with_items=False)


def test_a_flow_list_keeps_no_item_places() -> None:
    assert parse("[{date: 2011-01-05}, {date: 2011-01-06}]\n", "f").places is None
    assert parse("{a: 1}\n", "f").places is None
    assert parse("- a\n- b\n", "f").places is not None


@pytest.fixture
def warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[int]]:
    """A project of 3 000 entries with likely duplicates in every file; the lengths of the
    texts composed for a position are recorded."""
    generate = load_script("generate")
    generate.generate(generate.Spec(entries=3000, projects=1, seed=7, duplicates=0.02), tmp_path)
    composed: list[int] = []
    original = yamlio._composed

    def recording(text: str) -> object:
        composed.append(len(text))
        return original(text)

    monkeypatch.setattr(yamlio, "_composed", recording)
    monkeypatch.chdir(tmp_path)
    return tmp_path, composed


@pytest.mark.parametrize("as_of", ["2023-12-31", "2022-12-31"], ids=["end", "mid-data"])
def test_validate_places_each_warning_in_its_entry_alone(
    warned: tuple[Path, list[int]], capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    """Likely duplicates (A320, at an entry) in every file, and entries after the as-of day
    (A323, at an entry's date): no file is composed again, only the entries with a problem."""
    data, composed = warned
    assert main(["validate", str(data), "--as-of", as_of, "--no-cache", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err.count(" warning A320 ") > 40
    after = err.count(" warning A323 ")
    assert (after > 1000) == (as_of == "2022-12-31")
    assert len(composed) == after  # one entry's lines for each date, nothing for A320
    assert max(composed, default=0) < 400  # an entry, never a file


@pytest.mark.parametrize("command", ["status", "export", "report"])
def test_commands_that_count_warnings_place_none(
    warned: tuple[Path, list[int]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """They count what `validate` lists (but the entries after the as-of day, which a report
    as of that day leaves out), without looking a position up."""
    data, _ = warned
    validate = ["validate", str(data), "--as-of", "2022-12-31", "--no-cache", "--lang", "en"]
    assert main(validate) == 0
    listed = capsys.readouterr().err
    duplicates, after = listed.count(" warning A320 "), listed.count(" warning A323 ")

    def no_position(*_: object, **__: object) -> tuple[int, int]:
        raise AssertionError("a warning that is not shown was placed")

    monkeypatch.setattr(Locator, "position", no_position)
    arguments = [command, "--projects", str(data), "--as-of", "2022-12-31", "--lang", "en"]
    assert main(arguments) == 0
    counted = capsys.readouterr().err
    expected = duplicates
    assert after > 1000
    assert counted.startswith(f"{expected} warnings — `szaktar --projects . validate` lists them")
