"""The fast read path builds exactly what PyYAML's CSafeLoader builds, only sooner."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from szaktar_cli.read.yamlio import MAX_EXPANDED_NODES, parse


def reference(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the safe C loader


def same(left: object, right: object) -> bool:
    """Equal, with NaN equal to itself and types compared too (1 is not 1.0, nor True)."""
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    if type(left) is not type(right):
        return False
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))  # type: ignore[arg-type]
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)  # type: ignore[call-overload]
    return left == right


DOCUMENTS = [
    "- {a: 1, b: 2022-01-01, c: ~, d: yes, e: 1.5, f: '1', g: 012, h: 0x1f, i: 1:30}\n",
    "- {k: '', l: , m: \"x\"}\n",
    "- a: 1\n  b:\n  c: !!str 2\n  d: ! 3\n  e: !!float 1\n",
    "- n: |\n    block\n  o: >-\n    folded\n",
    "- &e {a: 1}\n- *e\n- {<<: *e, b: 2}\n",
    "- {a: [1, 2], b: {c: d}}\n- x\n- [1]\n- null\n- 3\n",
    "- {2022-01-01: x, 2: y, ~: z, on: w}\n",
    "- {a: !!str 1, b: !!int '3', c: !!binary aGVsbG8=}\n",
    "- {date: 2022-01-01 10:00:00, t: 2022-01-01T10:00:00Z}\n",
    "a: 1\nb: [2022-01-01, yes, ~]\nc: {d: 1.0e+3}\n",
    "!!seq [1, 2]\n",
    "- !!map {a: 1}\n",
    "- ! {a: 1}\n",
    "--- []\n",
    "3\n",
    "- {x: &v 5, y: *v}\n",
    "- {'<<': 1}\n",
    "- {a: .inf, b: -.INF, c: 0b101, d: +12, e: 1_000, f: .NaN}\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_values_as_pyyaml(text: str) -> None:
    parsed = parse(text, "f.yaml")
    assert parsed.diagnostics == []
    assert same(parsed.data, reference(text))


def test_an_aliased_entry_is_one_object() -> None:
    data = parse("- &e {a: 1}\n- *e\n", "f.yaml").data
    assert data[0] is data[1]


def test_duplicate_keys_in_a_flat_entry_are_reported_at_the_second() -> None:
    parsed = parse("- {a: 1, b: 2, a: 3}\n", "f.yaml")
    assert parsed.data == [{"a": 3, "b": 2}]
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("Y103", 1, 16)]


def test_an_impossible_date_stays_text() -> None:
    assert parse("- {date: 2010-02-30}\n", "f.yaml").data == [{"date": "2010-02-30"}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {a: !foo x}\n", "could not determine a constructor for the tag '!foo'"),
        ("- {a: =}\n", "could not determine a constructor for the tag 'tag:yaml.org,2002:value'"),
    ],
)
def test_unknown_tags_are_pyyamls_errors(text: str, message: str) -> None:
    parsed = parse(text, "f.yaml")
    assert parsed.data is None
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("Y101", 1, 7)]
    assert message in str(parsed.diagnostics[0].message("en"))


@pytest.mark.parametrize("text", ["- &a [*a]\n", "- &a {x: *a}\n"])
def test_an_alias_inside_itself_is_refused_not_expanded(text: str) -> None:
    parsed = parse(text, "f.yaml")
    assert parsed.data is None
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("Y105", 1, 3)]
    limit = f"{MAX_EXPANDED_NODES:,}"  # the limit, in the reader's number format
    assert parsed.diagnostics[0].message("en") == f"aliases expand to more than {limit} nodes"


# Plain texts that YAML 1.1 reads as something other than text, and some that look like it.
TRICKY = [
    "1", "012", "0x1f", "0b11", "1_000", "+5", "-3", "1:30", "1.5", "1e3", "1.0e+3", ".5", ".inf",
    "-.Inf", ".nan", "yes", "No", "on", "OFF", "y", "true", "False", "~", "null", "Null", "",
    "2022-01-06", "2022-1-6", "2022-01-06 10:00:00", "2022-01-06T10:00:00Z", "2010-02-30",
    "abc", "Szeged", "SZ-014", "12 fő", "<<x", "a b", "0", "-0", "0o17", "1__0",
]
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(TRICKY).map(lambda text: f"'{text}'"),
    st.text(alphabet="abcxyz019 -.:áő", min_size=1, max_size=8).map(lambda text: f'"{text}"'),
)
keys = st.sampled_from(["date", "activity", "hours", "1", "yes", "~", "2022-01-06", "'a'"])
entries = st.lists(st.tuples(keys, scalars), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(entries, min_size=1, max_size=5))
def test_flat_entries_match_pyyaml(items: list[list[tuple[str, str]]]) -> None:
    text = "".join(
        "- " + "\n  ".join(f"{key}: {value}" for key, value in pairs) + "\n" for pairs in items
    )
    parsed = parse(text, "f.yaml")
    try:
        expected = reference(text)
    except (yaml.YAMLError, ValueError):  # e.g. 2010-02-30, which szaktar keeps as text
        assert parsed.data is None or "2010-02-30" in text
        return
    assert same(parsed.data, expected)
    assert all(d.code == "Y103" for d in parsed.diagnostics)


def test_dates_are_date_objects() -> None:
    assert parse("- {date: 2022-01-06}\n", "f.yaml").data == [{"date": dt.date(2022, 1, 6)}]
