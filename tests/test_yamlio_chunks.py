"""A long list is parsed in pieces (bounded memory, issue 18 items 14 and 15): the pieces give
exactly what a parse in one go gives — data, diagnostics and positions — or are not used."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from szaktar_cli.read import yamlio
from szaktar_cli.read.places import Locator
from szaktar_cli.read.yamlio import list_chunks, parse
from yaml_texts import ENTRY_LAYOUTS as ITEMS


@pytest.fixture(autouse=True)
def _small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "CHUNK_ITEMS", 3)


def whole(text: str) -> yamlio.Parsed:
    return yamlio._parse_whole(text, "f.yaml")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ITEMS), min_size=0, max_size=20), st.sampled_from(["", "  "]))
def test_a_list_parsed_in_pieces_is_the_list_parsed_at_once(items: list[str], indent: str) -> None:
    text = "# header\n" + "".join(
        "".join(indent + line if line.strip() else line for line in item.splitlines(True))
        for item in items
    )
    expected = whole(text)
    found = parse(text, "f.yaml")
    assert found.data == expected.data
    assert found.diagnostics == expected.diagnostics


def test_pieces_that_do_not_stand_alone_are_not_used() -> None:
    unclosed = "".join(ITEMS[0] for _ in range(4)) + '- date: 2011-01-05\n  note: "open\n' + \
        "".join(ITEMS[0] for _ in range(4))
    assert list_chunks(unclosed, 3) is not None
    assert parse(unclosed, "f.yaml").diagnostics == whole(unclosed).diagnostics
    anchored = "".join(ITEMS[0] for _ in range(4)) + "- &a {date: 2011-01-05}\n- *a\n"
    assert list_chunks(anchored, 3) is None
    documents = "".join(ITEMS[0] for _ in range(4)) + "---\n" + "".join(ITEMS[0] for _ in range(4))
    assert list_chunks(documents, 3) is None


def test_positions_in_a_long_list_are_those_of_the_whole_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "".join(ITEMS[index % len(ITEMS)] for index in range(30))
    assert list_chunks(text) is not None
    places = [(index, key) for index in range(30) for key in ("date", "activity", "note")]

    def positions() -> list[tuple[int, int]]:
        locator = Locator()
        locator.remember("f.yaml", text)
        return [locator.position("f.yaml", [index, key], on_key=True) for index, key in places]

    in_pieces = positions()
    monkeypatch.setattr(yamlio, "CHUNK_ITEMS", 10**9)
    assert in_pieces == positions()
