"""The synthetic demo under examples/ stays true to its generator and to the tool.

- the committed examples/projects/ is exactly what `python examples/generate_demo.py` writes;
- every file says it is synthetic, and its schema line points at the repository's schema;
- `szaktar validate` accepts the demo (exit 0; the warnings are the documented unknowns).

What each console block of examples/README.md shows is checked by tests/test_docs.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
DEMO = EXAMPLES / "projects"
AS_OF = "2011-11-30"
WARNING = "SYNTHETIC DEMO DATA — NOT REAL ACTUALS"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")

Capture = pytest.CaptureFixture[str]


def files_under(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def demo_files() -> list[Path]:
    return sorted(DEMO.rglob("*.yaml"))


def test_the_committed_demo_is_what_the_generator_writes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(EXAMPLES / "generate_demo.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    generated, committed = files_under(tmp_path), files_under(DEMO)
    assert sorted(generated) == sorted(committed)
    stale = [name for name in committed if generated[name] != committed[name]]
    assert stale == [], "regenerate: python examples/generate_demo.py"


def test_the_demo_has_both_projects_and_a_month_without_entries() -> None:
    assert sorted(path.name for path in DEMO.iterdir()) == ["koordinacio-demo", "szaktar-demo"]
    months = sorted(path.stem for path in (DEMO / "szaktar-demo" / "actuals").iterdir())
    assert months[0] == "2010-09"
    assert months[-1] == "2011-11"
    assert "2011-08" not in months  # the empty month `gaps` reports


@pytest.mark.parametrize("path", demo_files(), ids=lambda path: path.relative_to(DEMO).as_posix())
def test_every_file_is_labelled_synthetic_and_finds_its_schema(path: Path) -> None:
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    match = SCHEMA_LINE.match(first)
    assert match is not None
    kind = "project" if path.name == "project.yaml" else "actuals"
    assert (path.parent / match.group(1)).resolve() == ROOT / "schema" / f"{kind}.schema.json"
    assert second.startswith(f"# {WARNING}")


def test_the_demo_validates(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["validate", str(DEMO), "--as-of", AS_OF, "--lang", "en"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "0 error(s), 3 warning(s)"
    codes = re.findall(r": warning (\w+) ", "\n".join(lines))
    assert codes == ["P206", "P206", "P206"]  # the unknown grant amount and two denominators
