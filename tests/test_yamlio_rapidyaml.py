"""rapidyaml's fast path (read/fastyaml.py) reads exactly what the libyaml path reads.

Differential: `fastyaml.parse` against `yamlio.parse` — the same values (types included), the
same diagnostics (code, place, parameters), and where the fast path gives the places of a
list's items, the same places — on every corpus file, YAML 1.1's corners, a sweep of short
scalars and hypothesis' generated documents (tests/yaml_texts.py), and `szaktar validate` on
every corpus project. A test that only ever fell back to libyaml would prove nothing, so the
fast path is shown to be taken where it should be, and left, for its reason, where it must be.

rapidyaml is optional (`pip install 'szaktar[fast]'`): without it these tests are skipped
but the last two, and CI runs them in both installs (.ci/run). A long hunt:
SZAKTAR_DIFFERENTIAL_EXAMPLES=30000 pytest tests/test_yamlio_rapidyaml.py -k generated
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from szaktar_cli.cli.main import main
from szaktar_cli.read import fastyaml, loader, yamlio
from szaktar_cli.read.fastyaml import NeedsLibyamlError
from yaml_texts import CASES, CORPORA, ROOT, canon, corpus_files, documents, sweep

installed = pytest.mark.skipif(fastyaml.rapidyaml() is None, reason="rapidyaml is not installed")


def outcome(parse: object, text: str) -> object:
    try:
        parsed = parse(text, "f.yaml")  # type: ignore[operator]
    except Exception as error:  # (the libyaml path raising: the fast path must raise alike)
        return ("raised", type(error).__name__, str(error))
    places = None if parsed.places is None else (list(parsed.places.lines),
                                                 list(parsed.places.columns))
    return canon(parsed.data), parsed.diagnostics, places


def fast(text: str, file: str) -> yamlio.Parsed:
    return fastyaml.parse(text, file, fast_from=0)


def assert_same(text: str) -> None:
    got, expected = outcome(fast, text), outcome(yamlio.parse, text)
    if isinstance(got, tuple) and len(got) == 3 and got[2] is None and isinstance(expected, tuple):
        expected = (*expected[:2], None)  # no places from the fast path: found by composing
    assert got == expected


def takes_fast_path(text: str) -> bool:
    try:
        fastyaml.load_fast(text)
    except NeedsLibyamlError:
        return False
    return True


CORPUS = corpus_files()


@installed
@pytest.mark.parametrize("path", CORPUS, ids=[str(p.relative_to(ROOT)) for p in CORPUS])
def test_corpus_files_read_alike(path: Path) -> None:
    text, problem = yamlio.decode(path.read_bytes(), str(path))
    if text is None:  # not UTF-8 (Y107): reported before any parser runs
        assert problem is not None
        return
    assert_same(text)


@installed
@pytest.mark.parametrize("text", [text for _, text, _ in CASES], ids=[n for n, _, _ in CASES])
def test_yaml_corners_read_alike(text: str) -> None:
    assert_same(text)


@installed
def test_short_scalars_read_alike() -> None:
    """Every scalar of up to 4 characters over `01.-+eE_x:`, and every spelling of YAML 1.1's
    words, plain and quoted, as an item, a value and a key (about 100 000 texts)."""
    for text in sweep():
        assert_same(text)


@installed
@settings(max_examples=int(os.environ.get("SZAKTAR_DIFFERENTIAL_EXAMPLES", "1500")),
          deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_generated_documents_read_alike(text: str) -> None:
    assert_same(text)


ENTRIES = (
    "# comment\n"
    "- date: 2022-01-06\n  activity: training\n  hours: 1.5\n  participants: 12\n"
    "  place: Hódmezővásárhely\n  note: idősgondozás, házi segítségnyújtás 2009. okt. 19.\n"
    "  person: SZ-014\n"
    "- date: 2022-01-07  # inline comment\n  activity: consultation\n  hours: 2\n"
    "  note: \"Szupervízió: havi alkalom\"\n  team: 'T01'\n"
)


@installed
@pytest.mark.parametrize("text", [
    ENTRIES,
    ENTRIES.replace("\n", "\r\n"),
    "- date: 2022-01-06\n  activity: x\n  persons:\n    - SZ-001\n    - SZ-002\n",
    "- date: 2022-01-06\n  activity: x\n  note: first line [1]\n    second line {2}\n",
    "- date: 2022-01-06\n  activity: x\n  hours: 1.0\n  on_site: yes\n  code: '012x'\n",
    "- date: 2022-01-06\n  activity: x\n  hours: .5\n  note: 'a \"b\" c'  # quoted\n",
    "  -   date: 2022-01-06\n      activity: x\n  - 'text'\n  - - 1\n    - 2\n",
])
def test_plain_entry_files_take_the_fast_path_with_their_places(text: str) -> None:
    assert takes_fast_path(text)
    assert fast(text, "f.yaml").places is not None
    assert_same(text)


def entry(**fields: str) -> str:
    """One block-style entry (flow collections always go to libyaml, see below)."""
    return "- " + "\n  ".join(f"{key}: {value}" for key, value in fields.items()) + "\n"


@installed
@pytest.mark.parametrize(("text", "reason"), [
    (entry(date="!!str 2022-01-06"), "!"),
    ("- &e\n  a: 1\n- *e\n", "&"),
    (entry(a="*x"), "*"),
    ("- note: |\n    text\n", "|"),
    ("- note: >-\n    text\n", ">"),
    ("--- \n- a\n", "documents"),
    ("- a\n...\n- b\n", "documents"),
    ("%YAML 1.1\n---\n- a\n", "%"),
    ("- ? a\n  : 1\n", "?"),
    (entry(a='"x\\ty"'), "\\"),
    (entry(a="-.5"), "normalised number"),
    (entry(a=".5E0"), "normalised number"),
    (entry(a="inf"), "normalised number"),
    (entry(a="nan"), "normalised number"),
    ("- '.Inf': x\n  y: .inf\n", "normalised number"),
    (entry(a="@x"), "indicator starts a scalar"),
    ("- }x\n", "indicator starts a scalar"),
    ("- ]\n", "indicator starts a scalar"),
    (entry(a="0x_"), "constructor error"),
    ("- a\tb\n", "character"),
    ("- a\u2028b\n", "character"),
    ("- a\rb\n", "character"),
    ("- a\x85b\n", "character"),
    ("- a: 1\n  a: 2\n", "duplicate key"),
    ("- 1: a\n  0x1: b\n", "duplicate key"),
    ("- <<: x\n", "tag:yaml.org,2002:merge"),
    (entry(a="="), "tag:yaml.org,2002:value"),
    (entry(a="'1'"), "quoted look-alike"),
    (entry(a="'yes'"), "quoted look-alike"),
    (entry(a='"2022-01-06"'), "quoted look-alike"),
    ("- '1': a\n", "quoted look-alike"),
    ('- "" -\n', "text after a quoted scalar"),
    ("- 'it''s'\n", "text after a quoted scalar"),
    ("- 'a\n  b'\n", "multi-line quoted"),
    ("- :\n", "empty key"),
    ("- : b\n", "empty key"),
    ("- {y}  - a\n", "flow collection"),
    ("- {a\n  : b}\n", "flow collection"),
    ("- [a #b]\n", "flow collection"),
    ("- a: [1, 2]\n", "flow collection"),
    ("x: - a\n", "rapidyaml error"),
    (entry(a="+12"), "not JSON"),
    ("# only a comment\n", "empty"),
    ("- " + "[" * 70 + "]" * 70 + "\n", "nesting"),
    ("- " + "k" * 600 + ": 1\n", "long text"),
])
def test_what_json_cannot_keep_goes_to_libyaml(text: str, reason: str) -> None:
    with pytest.raises(NeedsLibyamlError) as raised:
        fastyaml.load_fast(text)
    assert raised.value.args[0] == reason
    assert_same(text)


@installed
@pytest.mark.parametrize("text", ["-\n  date: 2022-01-06\n- a\n", "- # c\n  a: 1\n- b\n"])
def test_a_list_laid_out_otherwise_has_no_places_but_reads_alike(text: str) -> None:
    assert takes_fast_path(text)
    assert fast(text, "f.yaml").places is None
    assert_same(text)


@installed
def test_rapidyaml_errors_are_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    parsed = fast("- a: 1\n b: 2\n", "f.yaml")
    assert [d.code for d in parsed.diagnostics] == ["Y101"]
    assert capfd.readouterr().err == ""


def validate_every_corpus_project() -> list[tuple[int, str, str]]:
    roots = [*CORPORA[:2], ROOT / "examples" / "projects"]
    directories = sorted({path.parent for root in roots for path in root.rglob("project.yaml")})
    assert len(directories) > 100
    outputs = []
    for directory in directories:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(directory), "--format", "json", "--as-of",
                         "2011-06-01", "--no-cache", "--lang", "en"])
        outputs.append((code, out.getvalue(), err.getvalue()))
    return outputs


@installed
def test_validate_says_the_same_of_every_corpus_project(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file through the fast path (whatever its length), against the libyaml path."""
    monkeypatch.setattr(loader, "parse", yamlio.parse)
    expected = validate_every_corpus_project()
    monkeypatch.setattr(loader, "parse", fast)
    assert validate_every_corpus_project() == expected


def test_without_rapidyaml_it_is_the_libyaml_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastyaml, "_ryml", None)
    for text in (ENTRIES, "- {a: 1, a: 2}\n", "- a: [1, 2\n"):
        assert outcome(fast, text) == outcome(yamlio.parse, text)


def test_a_short_text_does_not_import_rapidyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing rapidyaml costs more than it saves on a short text (FAST_FROM)."""
    monkeypatch.setattr(fastyaml, "_ryml", fastyaml._UNTRIED)
    assert fastyaml.parse(ENTRIES, "f.yaml").data == yamlio.parse(ENTRIES, "f.yaml").data
    assert fastyaml._ryml is fastyaml._UNTRIED
