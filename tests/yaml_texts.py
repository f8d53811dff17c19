"""YAML texts that tell two readers apart: YAML 1.1's corners, generated entry-shaped
documents (hypothesis), a sweep of short scalars, and a type-strict comparison of values.

tests/test_yamlio_rapidyaml.py holds rapidyaml's fast path to the libyaml path with them
(read/fastyaml.py); every rule of that fast path was found by one of these.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "data", ROOT / "projects", ROOT / "examples"]


# A list's items in the layouts people write them (a piece of a long list, a place in an entry).
ENTRY_LAYOUTS = [
    "- date: 2011-01-05\n  activity: consultation\n",
    "- {date: 2011-01-06, activity: training}\n",
    "# a comment\n- date: 2011-01-07\n  activity: consultation\n  note: |\n    two\n    lines\n",
    "- date: 2011-01-08\n  activity: consultation\n  note: \"quoted\n    across lines\"\n",
    "- date: 2011-01-09\n  activity: consultation\n  hours: 2\n  hours: 3\n",  # duplicate key
    "- date: 2011-01-10\n  activity: consultation\n  note: plain\n    continued\n",
    "-   date: 2011-01-11\n    activity: training\n",
    "- date: 2011-01-12\n  activity: consultation\n  tags: [a,\n    b]\n",
    "\n\n- date: 2011-01-13\n  activity: consultation\n  note: >\n    folded\n\n",
]


def corpus_files() -> list[Path]:
    """Every YAML file of the valid and invalid corpora, the bundled and example projects."""
    return [path for root in CORPORA for path in sorted(root.rglob("*"))
            if path.suffix in {".yaml", ".yml"} and path.is_file()]


def canon(value: Any) -> Any:
    """A hashable, type-strict form of a loaded YAML value."""
    kind = type(value).__name__
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    if isinstance(value, dict):
        return ("dict", tuple((canon(k), canon(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (kind, tuple(canon(v) for v in value))
    if isinstance(value, set):
        return ("set", tuple(sorted(repr(canon(v)) for v in value)))
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat(), str(value.tzinfo))
    try:
        hash(value)
    except TypeError:
        return (kind, repr(value))
    return (kind, value)


# (name, text, expectation): "value", libyaml reads a value; "refuse", it reports an error.
CASES: list[tuple[str, str, str]] = [
    ("entry", "- date: 2022-01-06\n  activity: training\n  hours: 1.5\n  participants: 12\n"
              "  place: Hódmezővásárhely\n  note: idősgondozás, házi segítségnyújtás\n", "value"),
    ("bool yes/no/on/off", "- [yes, No, ON, off, Yes, NO, On, OFF]\n", "value"),
    ("bool true/false", "- [true, False, TRUE, tRUE]\n", "value"),
    ("y/n stay text", "- [y, n, Y, N]\n", "value"),
    ("null ~", "- {a: ~, b: null, c: Null, d: NULL, e: , f: nULL}\n", "value"),
    ("int decimal", "- [1, -3, +12, -0, 0, 12345678901234567890123]\n", "value"),
    ("int 0x/0b/0o", "- [0x1f, 0x_1F, 0b101, -0b1, 0o17]\n", "value"),
    ("int octal 012", "- [012, 0777, 08, 09]\n", "value"),
    ("int 1_000", "- [1_000, 1__0, 1_000_000]\n", "value"),
    ("int sexagesimal", "- [1:30, 190:20:30, 0:30:00]\n", "value"),
    ("float", "- [1.5, 1., .5, 1.0e+3, 6.8523015e+5, 1_000.5]\n", "value"),
    ("float exponent w/o dot", "- [1e3, 1.0e3, 12e03]\n", "value"),
    ("float .inf/.nan", "- [.inf, -.Inf, +.INF, .NaN, .nan, .NAN]\n", "value"),
    ("float sexagesimal", "- [190:20:30.15]\n", "value"),
    ("date", "- [2022-01-06, 1999-12-31]\n", "value"),
    ("date one-digit month stays text", "- [2022-1-6]\n", "value"),
    ("timestamp", "- [2022-01-06 10:00:00, 2022-01-06T10:00:00Z, "
                  "2001-12-14t21:59:43.10-05:00, 2022-1-6 1:02:03]\n", "value"),
    ("impossible date 2010-02-30", "- {date: 2010-02-30}\n", "value"),
    ("tags !!str !!int !!float", "- [!!str 1, !!int \"3\", !!float 1, !!str yes, "
                                  "!!str 2022-01-06]\n", "value"),
    ("tags !!bool !!null !!binary", "- [!!bool yes, !!null '', !!binary aGVsbG8=]\n", "value"),
    ("tag ! (non-specific)", "- [! 3, ! yes]\n", "value"),
    ("tag !!timestamp", "- [!!timestamp 2022-01-06]\n", "value"),
    ("tags on collections", "- !!map {a: 1}\n- !!seq [1]\n- !!set {a, b}\n", "value"),
    ("tag !!omap", "- !!omap [a: 1, b: 2]\n", "value"),
    ("unknown tag !foo", "- {a: !foo x}\n", "refuse"),
    ("value key =", "- {a: =}\n", "refuse"),
    ("quoted look-alikes stay text", "- ['1', \"yes\", '2022-01-06', \"~\", '012', \"1:30\", "
                                     "'.inf', \"null\", '']\n", "value"),
    ("quote escapes", "- ['it''s', \"a\\tb\", \"\\u00e9\\x41\\U0001F600\", 'x\\y', "
                      "\"\\\"q\\\"\", \"\\/\"]\n", "value"),
    ("block scalars", "- note: |\n    line 1\n    line 2\n  other: >-\n    folded\n    text\n"
                      "  keep: |+\n    kept\n\n  strip: >\n    a\n\n    b\n", "value"),
    ("multi-line plain", "- note: first line\n    continued here\n  next: x\n", "value"),
    ("comments", "- a: b #comment\n  c: d#e\n  # alone\n  f: 'g' # q\n", "value"),
    ("keys not text", "- {2: a, yes: b, ~: c, 2022-01-06: d, 1.5: e, off: f}\n", "value"),
    ("complex key", "? [a, b]\n: 1\n", "refuse"),
    ("anchor/alias", "- &e {a: 1, b: x}\n- *e\n- {c: &v 5, d: *v}\n", "value"),
    ("merge <<", "- &s {a: 1, b: 2}\n- {<<: *s, b: 3}\n", "value"),
    ("merge << list", "- &a {x: 1, y: 1}\n- &b {y: 2, z: 2}\n- {<<: [*a, *b], w: 3}\n", "value"),
    ("merge << block", "- &s\n  date: 2011-01-10\n  note: first\n- <<: *s\n  note: second\n",
     "value"),
    ("quoted '<<' is a key", "- {'<<': 1}\n", "value"),
    ("merge of a scalar", "- {<<: 1}\n", "refuse"),
    ("undefined alias", "- *nope\n", "refuse"),
    ("duplicate key", "- {a: 1, b: 2, a: 3}\n", "refuse"),
    ("duplicate key block", "- date: 2022-01-06\n  hours: 1\n  hours: 2\n", "refuse"),
    ("duplicate key 1 / 0x1", "- {1: a, 0x1: b}\n", "refuse"),
    ("multi-document", "--- 1\n--- 2\n", "refuse"),
    ("explicit document", "%YAML 1.1\n---\n- a\n...\n", "value"),
    ("document end then more", "- a\n...\n- b\n", "refuse"),
    ("BOM", "\ufeff- a: 1\n", "value"),
    ("CRLF", "- a: 1\r\n  b: x y\r\n  c: |\r\n    l1\r\n    l2\r\n", "value"),
    ("empty text", "", "value"),
    ("comment only", "# nothing\n", "value"),
    ("scalar document", "3\n", "value"),
    ("empty items", "- \n- ~\n- {}\n- []\n", "value"),
    ("nested", "- {a: [1, {b: c}], d: {e: [f]}}\n", "value"),
    ("syntax: unclosed [", "- a: [1, 2\n", "refuse"),
    ("syntax: a: b: c", "- a: b: c\n", "refuse"),
    ("syntax: tab indent", "- a: 1\n\tb: 2\n", "refuse"),
    ("syntax: bad indent", "- a: 1\n   b: 2\n", "refuse"),
    ("control character", "- a: x\x07y\n", "refuse"),
    ("NEL and LS in text", "- a: 'x\u2028y'\n", "value"),
    ("very long key", "- " + "k" * 1100 + ": 1\n", "refuse"),
    ("deep flow 50", "- " + "[" * 50 + "]" * 50 + "\n", "value"),
]


TRICKY = [
    "1", "012", "0777", "08", "0x1f", "0x_1F", "0b11", "0o17", "1_000", "1__0", "+5", "-3",
    "-0", "1:30", "190:20:30", "0:30:00", "190:20:30.15", "1.5", "1.", ".5", "-.5", "+.5",
    "1e3", "1.0e+3", "1.0e3", "1.e5", "1E5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
    "Infinity", "NaN", "yes", "No", "on", "OFF", "y", "n", "true", "False", "TRUE", "tRUE",
    "~", "null", "Null", "NULL", "nULL", "", "2022-01-06", "2022-1-6", "1999-12-31",
    "2022-01-06 10:00:00", "2022-01-06T10:00:00Z", "2001-12-14t21:59:43.10-05:00",
    "2010-02-30", "2022-13-01", "abc", "Szeged", "Hódmezővásárhely", "SZ-014", "12 fő",
    "<<", "=", "<<x", "a b", "0", "12345678901234567890123", "x: y", "a #b", "a#b",
    "it's", "[1, 2]", "{a: 1}", "- x", "-x", "?x", "%x", "@x", "`x", "x!", "x&y", "x*y",
    "x|y", "a > b", "é", "\u2028", "x\u0085y", "\ufeffx", "tab\there", "*a", "&a x",
    "!!str 1", "!!int '3'", "!!float 1", "!!bool yes", "! 3", "!foo x", "!!binary aGk=",
    "!!timestamp 2022-01-06", "&anchor 5", "inf", "-inf", "nan", "infinity", "-infinity",
    "-.nan", "+.inf", "1E+2", "0e0", "-0.0", "1e400", ".5E0", "-.5e+3", "0x0.", "1:30.5",
]
KEYS = ["date", "activity", "hours", "participants", "place", "note", "person", "team",
        "county", "1", "yes", "~", "2022-01-06", "'a'", '"b"', "<<", "on", "1.5", "0x1"]
# Characters that mean something to YAML, for mutations and free text.
YAML_ALPHABET = " \n\t-:?,[]{}#&*!|>'\"%@`.0123456789abcdeyz_~\\\ufeff\r\x85áő"


def documents() -> Any:
    """Entry-shaped YAML texts, valid or not: half of them use only what a fast path may
    read (plain and quoted scalars, flow collections, comments, CRLF), half use anything."""
    return st.one_of(_documents(fast=True), _documents(fast=False), _structures(),
                     _mutated_files())


def _mutated_files() -> Any:
    """Real actuals files (the corpora's), cut to a few entries and changed in 1–3 places."""
    files = [p for p in corpus_files() if p.parent.name == "actuals"]
    texts = sorted({p.read_text(encoding="utf-8", errors="replace")[:1500] for p in files})
    change = st.tuples(st.integers(0, 10_000), st.sampled_from(["insert", "delete", "replace"]),
                       st.sampled_from(list(" \n-:,[]{}#'\"ő1.~")))

    def mutate(p: tuple[str, list[tuple[int, str, str]]]) -> str:
        text, changes = p
        for place, kind, char in changes:
            if not text:
                break
            at = place % len(text)
            text = {"insert": text[:at] + char + text[at:], "delete": text[:at] + text[at + 1:],
                    "replace": text[:at] + char + text[at + 1:]}[kind]
        return text

    return st.tuples(st.sampled_from(texts), st.lists(change, max_size=3)).map(mutate)


def _structures() -> Any:
    """Nested block and flow collections of plain scalars, laid out in many ways, a share
    mutated by one structural character: where two parsers may disagree on syntax."""
    word = st.one_of(
        st.sampled_from(["a", "b c", "x-y", "1", "1.5", "yes", "2022-01-06", "~", "é ő",
                         "a:b", "a,b", "a#b", "-a", "a-", "x]", "x}", "a: b", "c #d", "e #",
                         "[x]", "{y}", "- z", "0x1f", "1:30", "Szeged", "12 fő"]),
        st.text(alphabet="ab1 .:-#,[]{}áő", min_size=1, max_size=6),
        st.sampled_from(TRICKY).map(json.dumps),  # JSON-like quoted: "1", "yes"
        st.sampled_from(TRICKY).map(lambda t: "'" + t.replace("'", "''") + "'"),
    )
    leaf = word
    tree = st.recursive(
        leaf,
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.lists(st.tuples(word, inner), max_size=4)),
        max_leaves=12,
    )
    layout = st.fixed_dictionaries({
        "indent": st.sampled_from([1, 2, 4]),
        "seq_indent": st.booleans(),  # `key:\n  - a` or `key:\n- a`
        "flow_from": st.sampled_from([0, 1, 2, 3, 99, 99, 99]),  # depth where flow style starts
        "flow_breaks": st.booleans(),  # flow collections over several lines
        "comments": st.booleans(),
        "blank_lines": st.booleans(),
        "trailing_spaces": st.booleans(),
        "tight": st.booleans(),
    })

    def render(value: Any, depth: int, lay: dict[str, Any]) -> list[str]:
        pad = " " * lay["indent"]
        if not isinstance(value, list):
            return [value]
        is_map = bool(value) and isinstance(value[0], tuple)
        if depth >= lay["flow_from"] or not value:
            sep = ",\n" + pad * (depth + 1) if lay["flow_breaks"] else ", "
            if is_map:
                def colon(key: str) -> str:  # `{"a":"1"}`: no space after a quoted key
                    return ":" if lay["tight"] and key[:1] in "'\"" else ": "

                inner = sep.join(f"{k}{colon(k)}{' '.join(render(v, 99, lay))}"
                                 for k, v in value)
                return ["{" + inner + "}"]
            return ["[" + sep.join(" ".join(render(v, 99, lay)) for v in value) + "]"]
        lines: list[str] = []
        for item in value:
            key, child = item if is_map else (None, item)
            head = f"{key}:" if is_map else "-"
            sub = render(child, depth + 1, lay)
            if isinstance(child, list) and child and not sub[0].startswith(("[", "{")):
                lines.append(head)
                shift = pad if (not is_map or lay["seq_indent"] or
                                isinstance(child[0], tuple)) else ""
                lines += [shift + line for line in sub]
            else:
                lines.append(f"{head} {sub[0]}")
                lines += [pad + line for line in sub[1:]]
            if lay["comments"]:
                lines.append("# c")
            if lay["blank_lines"]:
                lines.append("")
        return lines

    def document(parts: tuple[Any, dict[str, Any]]) -> str:
        value, lay = parts
        lines = render(value if isinstance(value, list) else [value], 0, lay)
        end = "  \n" if lay["trailing_spaces"] else "\n"
        return end.join(lines) + "\n"

    mutation = st.tuples(st.integers(0, 10_000), st.sampled_from(["insert", "delete", "replace"]),
                         st.sampled_from(list(" \n-:,[]{}#ő1")))

    def mutate(p: tuple[str, tuple[int, str, str] | None]) -> str:
        text, change = p
        if change is None or not text:
            return text
        at, kind, char = change
        at %= len(text)
        return {"insert": text[:at] + char + text[at:], "delete": text[:at] + text[at + 1:],
                "replace": text[:at] + char + text[at + 1:]}[kind]

    texts = st.tuples(tree, layout).map(document)
    return st.tuples(texts, st.one_of(st.none(), mutation)).map(mutate)


def _documents(*, fast: bool) -> Any:
    tricky = [t for t in TRICKY if not fast or t[:1] not in {"!", "&", "*"}]

    def single(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def double(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    plain_text = st.text(alphabet="abcxyz019 -.:áőÁ'\"#,", min_size=1, max_size=10)
    scalar_text = st.one_of(st.sampled_from(tricky), plain_text)
    simple = [
        scalar_text,  # as it comes (plain, or syntax when it is one)
        scalar_text.map(single),
        scalar_text.map(double),
        st.sampled_from(["[1, 2]", "[a, [b, c]]", "{x: 1}", "[]", "{}", "[yes, '1', 012]",
                         "{1: a, b: ~}", '{"a":"1"}', "{'k':'yes'}", '["1","x"]',
                         '{"a": "2022-01-06", "b":2}', "['~','012']"]),
    ]
    scalar = st.one_of(*simple) if fast else st.one_of(
        *simple,
        st.tuples(st.sampled_from(["|", ">", "|-", ">-", "|+", ">+", "|2"]),
                  st.lists(scalar_text, min_size=1, max_size=3))
        .map(lambda p: p[0] + "".join("\n      " + line for line in p[1])),
        st.tuples(st.sampled_from(["!!str", "!!int", "!!float", "!!bool", "!!null", "!",
                                   "!!timestamp", "&v1", "&v2"]), scalar_text)
        .map(lambda p: f"{p[0]} {p[1]}"),
        st.sampled_from(["*v1", "*v2", "*e1"]),
    )
    pair = st.tuples(st.sampled_from(KEYS), scalar)
    realistic = st.fixed_dictionaries({
        "date": st.sampled_from(["2022-01-06", "2022-02-28", "'2022-03-01'", "2010-02-30",
                                 "2022-01-06 10:00:00"]),
        "activity": st.sampled_from(["training", "consultation", "'yes'", "on", "Tréning"]),
        "hours": st.sampled_from(["1", "1.5", "2", "1_0", "012", ".5", "1e1", "'3'", "~"]),
        "participants": st.sampled_from(["12", "0x0c", "+3", "-1", "1:00", "12.0"]),
        "place": st.sampled_from(["Szeged", "Makó", "\"Gyula\"", "'Baja'", "null"]),
    }).map(lambda d: list(d.items()))
    entry = st.tuples(
        st.one_of(st.lists(pair, min_size=1, max_size=5), realistic),
        st.sampled_from(["block", "block", "flow"]),
        st.just("") if fast else st.sampled_from(["", "", "", "&e1 ", "&e2 "]),
        st.just(False) if fast else st.booleans(),  # a merge key
    )

    def render_entry(parts: tuple[list[tuple[str, str]], str, str, bool]) -> str:
        pairs, style, anchor, merge = parts
        if merge:
            pairs = [("<<", "*e1"), *pairs]
        if style == "flow":
            inner = ", ".join(f"{k}: {v}" for k, v in pairs if "\n" not in v)
            return f"- {anchor}{{{inner}}}\n"
        lines = [f"{k}: {v}" for k, v in pairs]
        head = f"- {anchor}\n  " if anchor else "- "
        return head + "\n  ".join(lines) + "\n"

    item = st.one_of(
        entry.map(render_entry), entry.map(render_entry), entry.map(render_entry),
        st.sampled_from(["- x\n", "- [1, 2]\n", "- ~\n", "- # c\n  a: 1\n", "- '1'\n",
                         "- yes\n"] + ([] if fast else ["- *e1\n", "- ? [a, b]\n  : 1\n"])),
    )
    body = st.lists(item, min_size=1, max_size=6).map("".join)
    wrapped = st.tuples(
        st.sampled_from(["", "# top\n", "  \n"] if fast else [
            "", "", "", "---\n", "--- \n", "%YAML 1.1\n---\n", "# top\n", "\ufeff",
            "%TAG !e! tag:example.com,2000:\n---\n"]),
        body,
        st.sampled_from(["", "# end", "\n\n"] if fast else [
            "", "", "", "...\n", "--- 2\n", "# end", "\n\n"]),
        st.sampled_from(["\n", "\n", "\r\n"] if fast else ["\n", "\n", "\r\n", "\r"]),
    ).map(lambda p: (p[0] + p[1] + p[2]).replace("\n", p[3]))
    mutation = st.tuples(st.integers(0, 10_000), st.sampled_from(["insert", "delete", "replace"]),
                         st.sampled_from(list(YAML_ALPHABET)))

    def mutate(p: tuple[str, tuple[int, str, str] | None]) -> str:
        text, change = p
        if change is None or not text:
            return text
        at, kind, char = change
        at %= len(text)
        if kind == "insert":
            return text[:at] + char + text[at:]
        if kind == "delete":
            return text[:at] + text[at + 1:]
        return text[:at] + char + text[at + 1:]

    return st.tuples(wrapped, st.one_of(st.none(), st.none(), mutation)).map(mutate)


def sweep() -> list[str]:
    """Every short scalar over number-like characters, and every upper/lower-case spelling
    of YAML 1.1's words, each plain and quoted, as a sequence item, a value and a key."""
    words = {"".join(t) for n in range(1, 5) for t in itertools.product("01.-+eE_x:", repeat=n)}
    for base in ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "nan",
                 "infinity", "nil"]:
        for combo in itertools.product(*[(c.lower(), c.upper()) for c in base]):
            word = "".join(combo)
            words |= {word, "-" + word, "+" + word, "." + word, "-." + word, "+." + word}
    texts = []
    for word in sorted(words):
        texts += [f"- {word}\n", f"- {{k: {word}}}\n", f"k: {word}\n", f"{word}: 1\n",
                  f"- '{word}'\n", f'- "{word}"\n', f"'{word}': 1\n", f'{{"{word}": 1}}\n']
    return texts


