"""Files that are not what they seem: a FIFO, a link to /dev/zero, a huge file (issue 18, item 9).

szaktar reads only the files it uses, only regular ones, and only up to a size bound: such a
file is a diagnostic with its name, never a hang or a run out of memory. Commands run in a
child process with a time-out and a memory limit, so that a regression fails instead of
hanging the suite.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
AS_OF = "2011-12-31"
MEMORY_LIMIT = 1 << 30


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DEMO, tmp_path / "projects" / "demo")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects" / "demo"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def szaktar(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"SZAKTAR_LANG": "en", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "szaktar_cli", *arguments],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=30,
        preexec_fn=_limited, check=False,
    )


@pytest.mark.parametrize(
    ("place", "kind"),
    [
        ("actuals/2011-03.yaml", "fifo"),
        ("actuals/2011-03.yaml", "zero"),
        ("project.yaml", "zero"),
        ("closed.yaml", "fifo"),
    ],
)
def test_a_file_szaktar_reads_that_is_not_regular_is_an_error_not_a_hang(
    demo: Path, place: str, kind: str
) -> None:
    path = demo / place
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    for command in (["validate", "projects"], ["status", "--projects", "projects"]):
        done = szaktar(*command, "--as-of", AS_OF, cwd=demo.parent.parent)
        assert done.returncode == 1, done.stderr
        assert f"projects/demo/{place}: error L403 cannot read projects/demo/{place}: " \
            "not a regular file" in done.stderr


@pytest.mark.parametrize("place", ["notes.yaml", "actuals/sub/2011-03.yaml", "2011-03.yaml"])
def test_a_fifo_szaktar_does_not_read_is_never_opened(demo: Path, place: str) -> None:
    path = demo / place
    path.parent.mkdir(exist_ok=True)
    os.mkfifo(path)
    done = szaktar("validate", "projects", "--as-of", AS_OF, cwd=demo.parent.parent)
    assert done.returncode == 0, done.stderr
    assert f"projects/demo/{place}: warning L410 file projects/demo/{place} is not read" \
        in done.stderr


def test_a_file_larger_than_the_bound_is_an_error(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from szaktar_cli.read import sources  # noqa: PLC0415

    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100)
    month = demo / "actuals" / "2011-01.yaml"
    assert month.stat().st_size > 100
    assert main(["validate", "projects", "--as-of", AS_OF, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "projects/demo/actuals/2011-01.yaml: error L403 cannot read " \
        "projects/demo/actuals/2011-01.yaml: larger than 100 bytes" in err


# --- output that cannot be written as it is (issue 18: item 8, and `status > /dev/full`) -----


@pytest.mark.parametrize("encoding", ["cp1250", "cp852", "ascii"])
def test_log_under_a_legacy_console_encoding_writes_and_says_so(
    demo: Path, encoding: str
) -> None:
    """A Hungarian Windows console cannot show every character szaktar prints (→, “”): the
    entry is written, the command succeeds, and what cannot be shown is replaced."""
    month = demo / "actuals" / "2011-01.yaml"
    before = month.read_bytes()
    environment = os.environ | {"PYTHONIOENCODING": encoding, "SZAKTAR_LANG": "hu"}
    done = subprocess.run(
        [sys.executable, "-m", "szaktar_cli", "log", "demo", "--date", "2011-01-25",
         "--activity", "consultation", "--hours", "1", "--projects", "projects",
         "--as-of", AS_OF],
        cwd=demo.parent.parent, env=environment, capture_output=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert month.read_bytes() != before
    out = done.stdout.decode(encoding)
    assert "->" in out  # the arrow of "3 → 4", as ASCII
    assert "Beírva" in out or "Be?rva" in out


def test_output_that_cannot_be_written_is_an_error_not_a_crash(demo: Path) -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "szaktar_cli", "status", "--projects", "projects",
             "--as-of", AS_OF, "--lang", "en"],
            cwd=demo.parent.parent, stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "szaktar: cannot write the output: No space left on device"
    )


# --- control characters and HTML in the data (issue 18: items 10, 11) -------------------------

ESCAPE = "\x1b[2J\x07"


def test_control_characters_are_refused_when_written(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = demo / "actuals" / "2011-01.yaml"
    before = month.read_bytes()
    command = ["log", "demo", "--date", "2011-01-25", "--activity", "consultation",
               "--note", f"jó{ESCAPE}", "--projects", "projects", "--as-of", AS_OF, "--lang", "en"]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "szaktar log: error R601 --note: note holds a control character (U+001B) at " \
        "character 3 [A342]" in err
    assert "\x1b" not in err  # the message names it, it does not send it
    assert month.read_bytes() == before


def test_no_renderer_passes_a_control_character_or_raw_html_on(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the data holds is shown, never acted on: a terminal's escape, a GitHub workflow
    command on a line of its own, an HTML tag in Markdown."""
    from szaktar_cli.render.tables import Section, Table, as_text, markdown_text  # noqa: PLC0415

    hostile = f"<img src=x onerror=alert(1)> & {ESCAPE}\n::error::pwned|x"
    table = Table(title=hostile, headers=(hostile, "b"), rows=((hostile, "1"),))
    for fmt in ("plain", "markdown", "github"):
        text = as_text([Section(hostile, "", (table,))], fmt)  # type: ignore[arg-type]
        assert "\x1b" not in text
        assert "\x07" not in text
        assert not any(line.startswith("::") for line in text.splitlines())
        if fmt != "plain":
            assert "<img" not in text
            assert "&lt;img src=x onerror=alert(1)&gt; &amp; " in text
    assert markdown_text("a|b") == "a\\|b"
