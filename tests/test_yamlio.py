"""Reading YAML: hostile input is bounded, YAML's own meaning is kept, places are exact."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from szaktar_cli.read.places import Locator
from szaktar_cli.read.yamlio import decode, parse

# libyaml 0.2.6 (bundled with PyYAML 6.0.4's wheels) refuses flow nesting past 1000 levels
# itself, before any event reaches szaktar's own count: the place is then where it stopped.
_LIBYAML = tuple(int(part) for part in yaml._yaml.get_version_string().split("."))  # type: ignore[attr-defined]
FLOW_LIMIT_COLUMN = 1001 if _LIBYAML >= (0, 2, 6) else 65


def problems(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in parse(text, "f.yaml").diagnostics]


DEEP = {
    "flow": "[" * 100_000 + "]" * 100_000,
    "block sequences": "".join(" " * i + "-\n" for i in range(2_000)),
    "block mappings": "".join(" " * i + "a:\n" for i in range(2_000)) + " " * 2_000 + "b\n",
    "compact sequences": "- " * 50_000 + "x\n",
    "complex keys": "? " * 50_000 + "x\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_very_deep_nesting_is_refused_without_crashing(text: str) -> None:
    """libyaml's composer overflows the C stack at some ten thousand levels: a crash, not an
    exception. The depth is checked first, in a child process so that a regression cannot
    take the test run down with it."""
    script = textwrap.dedent("""
        import sys
        from szaktar_cli.read.yamlio import parse
        found = parse(sys.stdin.read(), "f.yaml").diagnostics
        print(*[(d.code, d.line, d.column) for d in found])
    """)
    result = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("('Y106', ")


def test_the_place_of_too_deep_nesting_is_where_it_passes_the_limit() -> None:
    assert problems(DEEP["flow"]) == [("Y106", 1, FLOW_LIMIT_COLUMN)]
    assert problems(DEEP["block sequences"]) == [("Y106", 65, 65)]


def test_an_alias_bomb_is_refused_at_the_collection_that_explodes() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{new}: &{new} [{', '.join(['*' + old] * 9)}]"
        for old, new in zip("abcdefg", "bcdefgh", strict=True)
    ]
    assert problems("\n".join(lines) + "\n") == [("Y105", 7, 4)]  # g: 9**7 nodes


def test_an_alias_of_its_own_ancestor_is_refused() -> None:
    assert problems("a: &a [1, *a]\n") == [("Y105", 1, 4)]


def test_aliases_used_as_meant_are_fine() -> None:
    parsed = parse("base: &b {x: 1}\nuse: *b\n", "f.yaml")
    assert parsed.diagnostics == []
    assert parsed.data == {"base": {"x": 1}, "use": {"x": 1}}


def test_merge_keys_override_without_being_duplicates() -> None:
    text = "- &s {date: 2011-01-10, note: first, hours: 2}\n- <<: *s\n  note: second\n"
    parsed = parse(text, "f.yaml")
    assert parsed.diagnostics == []
    assert parsed.data[1] == {"date": parsed.data[0]["date"], "note": "second", "hours": 2}


def test_a_duplicate_beside_a_merge_key_is_still_reported() -> None:
    text = "- &s {note: first}\n- <<: *s\n  note: second\n  note: third\n"
    assert problems(text) == [("Y103", 4, 3)]


def test_a_duplicate_key_is_an_error_but_the_data_still_reads() -> None:
    parsed = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("Y103", 3, 1)]
    assert parsed.ok
    assert parsed.data == {"a": 3, "b": 2}


def test_an_impossible_date_stays_text_for_the_schema_to_report() -> None:
    assert parse("- date: 2010-02-30\n", "f.yaml").data == [{"date": "2010-02-30"}]


# Texts that YAML's rules (or an explicit tag) give a kind they cannot be read as.
UNREADABLE_VALUES = {
    "hexadecimal without digits": ("hours: 0x_", "a whole number"),
    "a float tag on a word": ("hours: !!float abc", "a number"),
    "an int tag on a word": ("hours: !!int x", "a whole number"),
    "a bool tag on a number": ("hours: !!bool 0777", "true or false"),
    "a timestamp tag on a number": ("date: !!timestamp 1", "a date"),
    "more digits than Python reads": ("hours: " + "9" * 5000, "a whole number"),
}


@pytest.mark.parametrize(
    ("line", "kind"), UNREADABLE_VALUES.values(), ids=UNREADABLE_VALUES.keys()
)
def test_a_value_that_cannot_be_read_as_its_kind_is_told_at_its_place(
    line: str, kind: str
) -> None:
    """These crashed validate (exit 3); a list of more than one piece's items is parsed
    again in one go, so the place holds there too."""
    column = line.index(": ") + 5  # (two spaces of indentation, then the key and ": ")
    found = parse(f"- activity: x\n  {line}\n", "f.yaml").diagnostics
    assert [(d.code, d.line, d.column) for d in found] == [("Y110", 2, column)]
    assert kind in found[0].message("en")
    long_list = "- activity: x\n" * 2500 + f"- activity: x\n  {line}\n"
    assert problems(long_list) == [("Y110", 2502, column)]
    assert parse(f"a: {line.split(': ', 1)[1]}\n", "project.yaml").diagnostics[0].code == "Y110"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n\tb: 2\n", ("Y102", 2, 1)),
        ("a: *nothing\n", ("Y104", 1, 4)),
        ("a: b: c\n", ("Y101", 1, 5)),
        ("ő: ő\x07\n", ("Y101", 1, 5)),  # a control character, after two-byte characters
    ],
    ids=["tab", "undefined alias", "syntax", "control character"],
)
def test_yaml_errors_have_a_code_and_a_place(text: str, expected: tuple[str, int, int]) -> None:
    assert problems(text) == [expected]


def test_libyaml_messages_are_translated() -> None:
    (found,) = parse("a: {b: 1\n", "f.yaml").diagnostics
    assert found.message("en") == (
        "YAML syntax error: while parsing a flow mapping, did not find expected ',' or '}'"
    )
    assert found.message("hu") == (
        "YAML szintaktikai hiba: {…} leképezés olvasása közben, hiányzik a „,” vagy a „}”"
    )


@pytest.mark.parametrize(
    ("text", "place", "message", "hint"),
    [
        pytest.param(
            'id: x\ntitle: "Próba\nstart: 2011-01-01\nend: 2011-12-31\n',
            (2, 8),
            "the quoted text that opens here is never closed",
            "end it with the same quote (\" or ') on this line",
            id="a quote never closed: where it opens, not at the end of the file",
        ),
        pytest.param(
            "- date: 2011-01-10\n  note: 'csoportos\n- date: 2011-01-11\n  note: egyéni\n",
            (2, 9),
            "the quoted text that opens here is never closed",
            "end it with the same quote (\" or ') on this line",
            id="a single quote in an entry",
        ),
        pytest.param(
            '- date: 2011-01-10\n  note: "csoportos\n- date: 2011-01-11\n  note: "egyéni"\n',
            (2, 9),
            "the quoted text that opens here is closed only on line 4",
            "end it with the same quote (\" or ') on this line",
            id="a quote closed by the next quote, lines below: where it opens",
        ),
        pytest.param(
            "- {date: 2011-01-10, note: 'csoportos}\n- {date: 2011-01-11, note: 'egyéni'}\n",
            (1, 28),
            "the quoted text that opens here is closed only on line 2",
            "end it with the same quote (\" or ') on this line",
            id="the same in a flow mapping",
        ),
        pytest.param(
            "id: x\ntitle Próba\nstart: 2011-01-01\n",
            (2, 1),
            "this key has no ':' after it",
            "write `key: value`; a text that goes on to the next line goes in quotes",
            id="a missing colon: its line, not the next",
        ),
        pytest.param(
            "activities:\n  a:\n    name: A\n   b:\n    name: B\n",
            (4, 4),
            "this line is not lined up with the keys above it",
            "line it up: the keys from line 2 on start in column 3",
            id="a key indented one space less than its siblings",
        ),
        pytest.param(
            "indicators:\n  x:\n    target:\n      min: 3\n     max: 5\n",
            (5, 6),
            "this line is not lined up with the keys above it",
            "line it up: the keys from line 3 on start in column 5",
            id="a key between two levels",
        ),
        pytest.param(
            "- date: 2011-01-10\n  activity: a\n hours: 2\n",
            (3, 2),
            "this line is not lined up with the list items above it",
            "line it up: the list items from line 1 on start in column 1",
            id="a key of an entry dedented",
        ),
        pytest.param(
            "- date: 2011-01-10\n  activity: a\n    hours: 2\n",
            (3, 10),
            "a ':' that YAML cannot place: a text holds ': ', or this line is indented more "
            "than the line above it",
            "put a text that holds ': ' in quotes; line a key up with the keys above it",
            id="a key of an entry indented more",
        ),
    ],
)
def test_a_syntax_error_is_told_at_the_line_that_causes_it(
    text: str, place: tuple[int, int], message: str, hint: str
) -> None:
    (found,) = parse(text, "f.yaml").diagnostics
    assert (found.code, found.line, found.column) == ("Y101", *place)
    assert (found.message("en"), found.hint("en")) == (f"YAML syntax error: {message}", hint)
    assert found.message("hu").startswith("YAML szintaktikai hiba: ")
    assert found.hint("hu")


def test_utf8_with_bom_and_crlf_is_fine_and_other_encodings_are_not() -> None:
    assert decode("\ufeffa: 1\r\n".encode(), "f.yaml") == ("a: 1\r\n", None)
    text, problem = decode("a: 1\nb: é\n".encode("latin-1"), "f.yaml")
    assert text is None
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("Y107", 2, 4)


def test_the_locator_finds_keys_values_and_items() -> None:
    locator = Locator()
    locator.remember("f.yaml", "- date: 2011-01-10\n  hours: 2\n  hours: 3\n  yes: 1\n  ~: 2\n")
    assert locator.position("f.yaml", [0]) == (1, 3)
    assert locator.position("f.yaml", [0, "date"]) == (1, 9)
    assert locator.position("f.yaml", [0, "hours"]) == (3, 10)  # the last one is what is read
    assert locator.position("f.yaml", [0, True], on_key=True) == (4, 3)
    null_key: Any = None  # a key YAML reads as null
    assert locator.position("f.yaml", [0, null_key], on_key=True) == (5, 3)
    assert locator.position("f.yaml", [0, "missing"]) == (1, 3)  # the deepest node that exists
    assert locator.position("f.yaml", [7]) == (1, 1)


def test_the_place_of_each_of_many_keys_is_found_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One entry with thousands of unknown keys (issue 18, item 13): each A301 finds its key's
    place by a look-up, not by going through every key again (that was quadratic)."""
    from szaktar_cli.cli.main import main  # noqa: PLC0415
    from szaktar_cli.read import yamlio  # noqa: PLC0415

    keys = 3000
    project = tmp_path / "many"
    (project / "actuals").mkdir(parents=True)
    (project / "project.yaml").write_text(
        "id: many\ntitle: Sok\nstart: 2011-01-01\nend: 2011-12-31\n"
        "activities:\n  consultation: {name: Konzultáció}\n", encoding="utf-8")
    lines = ["- date: 2011-01-05", "  activity: consultation"]
    lines += [f"  unknown_{number}: {number}" for number in range(keys)]
    (project / "actuals" / "2011-01.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    compared = 0
    is_key = yamlio._is_key

    def counting(node: object, part: object) -> bool:
        nonlocal compared
        compared += 1
        return is_key(node, part)  # type: ignore[arg-type]

    composed: list[int] = []  # the lengths of the texts composed to find places in
    compose = yamlio._composed

    def counting_compositions(text: str) -> object:
        composed.append(len(text))
        return compose(text)

    monkeypatch.setattr(yamlio, "_is_key", counting)
    monkeypatch.setattr(yamlio, "_composed", counting_compositions)
    assert main(["validate", str(project), "--as-of", "2011-06-01", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert err.count(" A301 ") == keys
    assert f"2011-01.yaml:{keys + 2}:3: error A301 unknown key 'unknown_{keys - 1}'" in err
    assert compared < 10 * keys
    assert sum(composed) < 3 * len("\n".join(lines))  # the entry composed once, not per key
