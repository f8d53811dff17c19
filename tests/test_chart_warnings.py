"""matplotlib's own voice never reaches szaktar's stderr (issue 18): neither its warnings (a
glyph missing from its font: the SVG keeps text as text, which the browser draws with its own
fonts) nor its log (building the font cache, a cache directory it cannot write)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO

# A team named in glyphs matplotlib's default font (DejaVu Sans) lacks: Fraktur, CJK, an emoji.
TEAM = "𝔘汉😀"


def test_a_report_with_glyphs_the_chart_font_lacks_writes_nothing_to_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "projects" / "demo"
    shutil.copytree(DEMO, project)
    for path in [project / "project.yaml", *sorted((project / "actuals").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("T1", TEAM), encoding="utf-8")
    # matplotlib's configuration directory is a file: it logs that it made a temporary one,
    # and that it builds the font cache there
    not_a_directory = tmp_path / "mplconfig"
    not_a_directory.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "szaktar_cli", "report", "demo", "--projects", "projects",
         "--as-of", "2011-12-31", "--lang", "en", "-o", "report.html"],
        cwd=tmp_path, env={**os.environ, "MPLCONFIGDIR": str(not_a_directory)}, timeout=300,
        check=False,
    )
    captured = capfd.readouterr()
    assert done.returncode == 0
    # the one line szaktar says of the project's warning, nothing of matplotlib's
    assert captured.err == "1 warning — `szaktar validate projects/demo` shows it\n"
    assert TEAM in (tmp_path / "report.html").read_text(encoding="utf-8")
