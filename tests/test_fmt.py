"""`szaktar fmt`: the canonical layout never changes a value, keeps every comment, and is
idempotent — over every YAML file of the corpora (tests/data, projects/, examples/, the store's
goldens) and over generated files; golden files show the layout byte for byte; the command's
--check, --diff, exit codes and refusals."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from files import snapshot
from golden import golden_text
from szaktar_cli.cli.main import main
from szaktar_cli.core.keys import ACTUALS_SHAPE, PROJECT_SHAPE, Shape
from szaktar_cli.read.yamlio import parse
from szaktar_cli.write.layout import formatted, same_data
from szaktar_cli.write.yaml_text import quoted_scalar, yaml_scalar
from szaktar_cli.write.yaml_tree import NotEditableError, read_tree

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "fmt"
EXAMPLES = int(os.environ.get("SZAKTAR_FUZZ_EXAMPLES", "150"))
Capture = pytest.CaptureFixture[str]


def corpus() -> list[Path]:
    roots = [ROOT / "tests" / "data", ROOT / "tests" / "golden", ROOT / "projects",
             ROOT / "examples" / "projects"]
    return sorted(
        path for root in roots for path in root.rglob("*")
        if path.suffix in (".yaml", ".yml") and path.is_file()
    )


def shape_of(path: Path) -> Shape:
    return PROJECT_SHAPE if path.name == "project.yaml" else ACTUALS_SHAPE


def comments(raw: bytes) -> Counter[str]:
    tree = read_tree(raw.decode("utf-8-sig").replace("\r\n", "\n"))
    return Counter(comment.text for comment in tree.comments)


def data_of(raw: bytes) -> Any:
    parsed = parse(raw.decode("utf-8-sig"), "")
    assert parsed.ok
    return parsed.data


def assert_laid_out(raw: bytes, shape: Shape) -> bytes:
    """The file in the canonical layout reads as the same data (types included), has the same
    comments, keeps its BOM and line ends, and stays as it is when laid out again."""
    new = formatted(raw, shape)
    assert same_data(data_of(raw), data_of(new))
    assert comments(new) == comments(raw)
    assert new.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in raw.split(b"\n", 1)[0] + b"\n":
        assert b"\n" not in new.replace(b"\r\n", b"")
    assert formatted(new, shape) == new
    return new


@pytest.mark.parametrize("path", corpus(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_corpus_file_keeps_its_data_and_comments_and_is_laid_out_once(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: fmt reports Y107 and leaves it")
    if not parse(text, "").ok:
        with pytest.raises(NotEditableError):  # what does not read as YAML is never laid out
            formatted(raw, shape_of(path))
        return
    assert_laid_out(raw, shape_of(path))


def test_the_corpus_is_there() -> None:
    assert len(corpus()) > 200


# --- golden files: the layout, byte for byte ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shape"),
    [("messy-actuals.yaml", ACTUALS_SHAPE), ("messy-project.yaml", PROJECT_SHAPE)],
)
def test_a_file_three_people_edited_in_the_canonical_layout(name: str, shape: Shape) -> None:
    new = assert_laid_out((GOLDEN / name).read_bytes(), shape)
    expected = GOLDEN / name.replace(".yaml", ".expected.yaml")
    assert new.decode("utf-8") == golden_text(expected, new.decode("utf-8"))


def test_a_bom_and_crlf_line_ends_are_kept() -> None:
    raw = (GOLDEN / "messy-actuals.yaml").read_bytes()
    windows = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    expected = (GOLDEN / "messy-actuals.expected.yaml").read_bytes()
    assert assert_laid_out(windows, ACTUALS_SHAPE) == (
        b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comment more indented than the next key stays with the block above it
        ("a:\n  b: 1\n  # about b\n# about c\nc: 2\n",
         "a:\n  b: 1\n  # about b\n# about c\nc: 2\n"),
        # blank lines: one at most, none at the start or end of a block or of the file
        ("\n\nid: x\n\n\n\ntitle: y\n\n", "id: x\n\ntitle: y\n"),
        ("activities:\n\n  a: {name: A}\n", "activities:\n  a: {name: A}\n"),
        # the file's first lines stay first, whichever key comes first now
        ("# header\n\ntitle: y\nid: x\n", "# header\n\nid: x\ntitle: y\n"),
        # a key and the comment at the end of its line move together
        ("end: 2011-12-31  # last day\nstart: 2011-01-01\n",
         "start: 2011-01-01\nend: 2011-12-31  # last day\n"),
        # a merge comes first; ids keep their order
        ("activities:\n  z: &z {name: Z}\n  a:\n    name_en: A\n    <<: *z\n",
         "activities:\n  z: &z {name: Z}\n  a:\n    <<: *z\n    name_en: A\n"),
        # a key is not moved before the anchor its alias needs
        ("title: &t x\nid: *t\n", "title: &t x\nid: *t\n"),
        # a multi-line quoted or plain value on one line
        ('note: "a\n  b"\nid: x\n', "id: x\nnote: a b\n"),
        # --- and ... are kept
        ("---\nid: x\n...\n", "---\nid: x\n...\n"),
        # a file of comments
        ("# nothing yet\n\n\n# later\n\n", "# nothing yet\n\n# later\n"),
    ],
)
def test_the_layout_rules(text: str, expected: str) -> None:
    assert assert_laid_out(text.encode(), PROJECT_SHAPE).decode() == expected


def test_a_long_flow_list_continues_under_its_first_item() -> None:
    items = [f"activity_nr_{number}" for number in range(14)]
    text = "measure: {sum: hours}\nactivities: [" + ", ".join(items) + "]\n"
    laid_out = assert_laid_out(text.encode(), Shape()).decode()
    assert laid_out.splitlines() == [
        "measure: {sum: hours}",
        "activities: [activity_nr_0, activity_nr_1, activity_nr_2, activity_nr_3, activity_nr_4,",
        "             activity_nr_5, activity_nr_6, activity_nr_7, activity_nr_8, activity_nr_9,",
        "             activity_nr_10, activity_nr_11, activity_nr_12, activity_nr_13]",
    ]
    assert all(len(line) <= 100 for line in laid_out.splitlines())


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- {date: 2011-01-01,  # inside\n   activity: a}\n", 0),
        ("? [a, b]\n: 1\n", 0),
        ("a: 1\n---\nb: 2\n", 1),
        ("a: 1\rb: 2\n", 0),
    ],
    ids=["comment in a flow", "complex key", "two documents", "CR line break"],
)
def test_what_cannot_be_laid_out_is_refused_with_its_line(text: str, line: int) -> None:
    with pytest.raises(NotEditableError) as refused:
        formatted(text.encode(), ACTUALS_SHAPE)
    assert refused.value.line == line


# --- generated files ------------------------------------------------------------------------

TEXTS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=12
)
WORDS = st.sampled_from(["Szeged", "SZ-014", "yes", "2011-03-01", "1e3", "a: b", "#x", "x #y",
                         "'q'", '"q"', "1,5", "Hódmezővásárhely", "null", "~", "-", "[x]", ""])
KEYS = ["id", "title", "start", "end", "activities", "name", "name_en", "unit", "measure",
        "target", "min", "max", "source", "date", "activity", "hours", "note", "x", "y"]
COMMENTS = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x17F), max_size=10).map(
    lambda text: "# " + text.strip()
)


def scalar_text(draw: st.DrawFn, value: object, *, in_flow: bool) -> str:
    """A value written plain, in single or in double quotes (whichever reads back as it)."""
    if not isinstance(value, str):
        return yaml_scalar(value)
    style = draw(st.sampled_from(["plain", "single", "double"]))
    canonical = yaml_scalar(value)
    if in_flow and re.search(r"[,\[\]{}:#]", value):
        return quoted_scalar(value) if canonical[0] not in "\"'" else canonical
    if style == "single" and value.isprintable() and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return quoted_scalar(value) if canonical[0] not in "\"'" else canonical
    return canonical


@st.composite
def values(draw: st.DrawFn, depth: int = 0) -> object:
    leaf = st.one_of(
        st.integers(-5, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.booleans(), st.dates(), TEXTS, WORDS, st.none(),
    )
    if depth >= 3:
        return draw(leaf)
    return draw(st.one_of(
        leaf,
        st.lists(values(depth + 1), min_size=1, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), values(depth + 1), min_size=1, max_size=5),
    ))


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML text of random data in random layouts: block or flow, any indentation, keys in
    any order, comments at line ends and on lines of their own at any indentation, blank
    lines, block scalars, anchors with aliases and merges."""
    root = draw(st.one_of(
        st.dictionaries(st.sampled_from(KEYS), values(1), min_size=1, max_size=6),
        st.lists(st.dictionaries(st.sampled_from(KEYS), values(2), min_size=1, max_size=5),
                 min_size=1, max_size=4),
    ))
    step = draw(st.integers(1, 4))
    anchors: list[tuple[str, bool]] = []  # defined so far: (name, is a mapping)

    def extra(indent: int) -> list[str]:
        lines = []
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.booleans()):
                lines.append("")
            else:
                lines.append(" " * draw(st.integers(0, indent + step)) + draw(COMMENTS))
        return lines

    def eol() -> str:
        return " " * draw(st.integers(1, 3)) + draw(COMMENTS) if draw(st.booleans()) else ""

    def anchor(value: object) -> str:
        if draw(st.integers(0, 4)) != 0:
            return ""
        name = f"a{len(anchors)}"
        anchors.append((name, isinstance(value, dict)))
        return f"&{name} "

    def alias() -> str | None:
        if anchors and draw(st.integers(0, 5)) == 0:
            return "*" + draw(st.sampled_from([name for name, _ in anchors]))
        return None

    def flow(value: object) -> str:
        used = alias()
        if used is not None:
            return used
        if isinstance(value, dict):
            pairs = [f"{k}: {flow(v)}" for k, v in value.items()]
            return anchor(value) + "{" + ", ".join(pairs) + "}"
        if isinstance(value, list):
            return anchor(value) + "[" + ", ".join(flow(v) for v in value) + "]"
        return scalar_text(draw, value, in_flow=True)

    def block(value: object, indent: int) -> list[str]:
        """Lines of a block collection whose entries are at `indent`."""
        lines: list[str] = []
        if isinstance(value, dict):
            mappings = [name for name, is_mapping in anchors if is_mapping]
            if mappings and draw(st.integers(0, 3)) == 0:
                lines.append(" " * indent + "<<: *" + draw(st.sampled_from(mappings)) + eol())
            for key, item in value.items():
                lines.extend(extra(indent))
                lines.extend(entry(" " * indent + f"{key}:", item, indent))
        else:
            assert isinstance(value, list)
            gap = " " * draw(st.integers(1, 2))
            for item in value:
                lines.extend(extra(indent))
                if isinstance(item, dict) and item and draw(st.booleans()):
                    inner = block(item, indent + 1 + len(gap))
                    inner[0] = " " * indent + "-" + gap + inner[0].lstrip(" ")
                    lines.extend(inner)
                else:
                    lines.extend(entry(" " * indent + "-", item, indent))
        return lines

    def entry(lead: str, value: object, indent: int) -> list[str]:
        used = alias()
        if used is not None:
            return [f"{lead} {used}{eol()}"]
        if isinstance(value, dict | list) and value and draw(st.booleans()):
            props = anchor(value).strip()
            return [(f"{lead} {props}" if props else lead) + eol(), *block(value, indent + step)]
        if isinstance(value, dict | list):
            return [f"{lead} {flow(value)}{eol()}"]
        if isinstance(value, str) and value.strip() and value.isprintable() and draw(st.booleans()):
            return scalar_block(lead, value, indent)
        text = scalar_text(draw, value, in_flow=False)
        return [f"{lead} {text}".rstrip() + eol()]

    def scalar_block(lead: str, value: str, indent: int) -> list[str]:
        style = draw(st.sampled_from("|>"))
        chomping = draw(st.sampled_from(["", "-", "+"]))
        words = value.split()
        body = [" " * (indent + step + draw(st.integers(0, 2)) * (index > 0)) + word
                for index, word in enumerate(words)]
        indicator = str(step) if draw(st.booleans()) else ""
        return [f"{lead} {style}{indicator}{chomping}{eol()}", *body]

    lines = [*extra(0), *block(root, 0), *extra(0)]
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans(), st.booleans(), st.sampled_from([PROJECT_SHAPE, ACTUALS_SHAPE]))
def test_generated_files_keep_their_data_and_comments_and_are_laid_out_once(
    text: str, bom: bool, crlf: bool, shape: Shape
) -> None:
    assume(parse(text, "").ok)
    try:
        read_tree(text)
    except NotEditableError:
        assume(False)
    raw = text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8")
    assert_laid_out((b"\xef\xbb\xbf" if bom else b"") + raw, shape)


# --- the command ----------------------------------------------------------------------------


def run(capsys: Capture, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled Szociális Háló project, and the messy actuals file as its March."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "projects" / "szocialis-halo", tmp_path / "projects" / "szocialis-halo")
    return tmp_path / "projects"


def test_check_names_the_files_that_would_change_and_changes_nothing(
    office: Path, capsys: Capture
) -> None:
    before = snapshot(office)
    code, out, err = run(capsys, "fmt", "--check", "--lang", "en")
    assert (code, err) == (1, "")
    assert out == (
        "Would format projects/szocialis-halo/project.yaml\n"
        "1 file(s) to format, 9 already in the canonical layout\n"
    )
    assert snapshot(office) == before


def test_diff_shows_the_change_and_changes_nothing(office: Path, capsys: Capture) -> None:
    before = snapshot(office)
    code, out, err = run(capsys, "fmt", "--diff", "projects/szocialis-halo", "--lang", "hu")
    assert code == 0
    assert out.startswith(
        "--- a/projects/szocialis-halo/project.yaml\n+++ b/projects/szocialis-halo/project.yaml\n"
    )
    assert err == "Átrendezendő: projects/szocialis-halo/project.yaml\n" \
        "1 fájl átrendezendő, 9 már kanonikus elrendezésű\n"
    assert snapshot(office) == before


def test_fmt_writes_and_a_second_run_finds_nothing_to_do(office: Path, capsys: Capture) -> None:
    status_before = run(capsys, "status", "--as-of", "2010-06-30", "--lang", "en")
    code, out, _ = run(capsys, "fmt", "--lang", "en")
    assert code == 0
    assert out == (
        "Formatted projects/szocialis-halo/project.yaml\n"
        "1 file(s) formatted, 9 already in the canonical layout\n"
    )
    assert run(capsys, "fmt", "--check", "--lang", "en")[:2] == (
        0, "0 file(s) to format, 10 already in the canonical layout\n"
    )
    assert run(capsys, "status", "--as-of", "2010-06-30", "--lang", "en") == status_before
    assert not [name for name in snapshot(office) if "szaktar" in name or name.endswith(".tmp")]


def test_a_closed_month_is_formatted_and_stays_valid(office: Path, capsys: Capture) -> None:
    month = office / "szocialis-halo" / "actuals" / "2010-03.yaml"
    assert run(capsys, "close", "szocialis-halo", "2010-03", "--by", "SZ-1",
               "--date", "2010-04-06")[0] == 0
    month.write_text(
        month.read_text(encoding="utf-8").replace("- date: 2010-03-02\n  activity: round_table",
                                                  "- activity: round_table\n  date: 2010-03-02"),
        encoding="utf-8",
    )
    assert run(capsys, "fmt", month, "--lang", "en")[:2] == (
        0, f"Formatted {month.relative_to(office.parent)}\n"
        "1 file(s) formatted, 0 already in the canonical layout\n"
    )
    assert run(capsys, "validate", "--as-of", "2010-06-30")[0] == 0


def test_a_file_that_does_not_read_is_reported_and_the_others_are_formatted(
    office: Path, capsys: Capture
) -> None:
    broken = office / "szocialis-halo" / "actuals" / "2010-04.yaml"
    broken.write_text("- date: 2010-04-01\n  note: 'never closed\n", encoding="utf-8")
    flow = office / "szocialis-halo" / "actuals" / "2010-05.yaml"
    flow.write_text("- {date: 2010-05-26,  # a comment\n   activity: round_table}\n",
                    encoding="utf-8")
    before = {path: path.read_bytes() for path in (broken, flow)}
    code, out, err = run(capsys, "fmt", "--lang", "en")
    assert code == 1
    assert "Formatted projects/szocialis-halo/project.yaml\n" in out
    assert "projects/szocialis-halo/actuals/2010-04.yaml:2:9: error Y101" in err
    assert (
        "projects/szocialis-halo/actuals/2010-05.yaml:1:1: error E805 left as it is: a comment "
        "inside a flow collection ({ … } or [ … ]): move it after the closing bracket" in err
    )
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["projects/szocialis-halo/closed.yaml"], "fmt formats project.yaml and the files"),
        (["nowhere.yaml"], "no such file: nowhere.yaml"),
        (["README.md"], "fmt formats project.yaml and the files of actuals/"),
    ],
)
def test_what_fmt_does_not_format_is_a_usage_error(
    office: Path, capsys: Capture, args: list[str], message: str
) -> None:
    (office / "szocialis-halo" / "closed.yaml").write_text("[]\n", encoding="utf-8")
    (office.parent / "README.md").write_text("# x\n", encoding="utf-8")
    before = snapshot(office.parent)
    code, _, err = run(capsys, "fmt", *args, "--lang", "en")
    assert code == 2
    assert message in err
    assert snapshot(office.parent) == before


def test_the_pre_commit_hook_checks_the_files_a_commit_changes(
    office: Path, capsys: Capture
) -> None:
    """`.pre-commit-hooks.yaml` offers `szaktar fmt --check` on the project files a commit
    changes: its entry, given those file names as pre-commit gives them, passes on a file in the
    canonical layout and fails, naming it, on one in another layout."""
    import yaml  # noqa: PLC0415

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "szaktar-fmt")
    assert hook.get("pass_filenames", True)
    files = [
        "projects/szocialis-halo/project.yaml", "projects/szocialis-halo/actuals/2010-03.yaml",
        "projects/szocialis-halo/closed.yaml", "README.md", ".github/workflows/ci.yml",
    ]
    given = [name for name in files if re.search(hook["files"], name)]
    assert given == files[:2]
    entry = hook["entry"].split()
    assert entry[:1] == ["szaktar"]
    assert run(capsys, *entry[1:], given[1]) == (
        0, "0 file(s) to format, 1 already in the canonical layout\n", ""
    )
    code, out, _ = run(capsys, *entry[1:], *given)
    assert (code, out.splitlines()[0]) == (1, "Would format projects/szocialis-halo/project.yaml")
