"""The screenshot of the entry workbook in README.md's tutorial (docs/template-dropdown.png).

    python scripts/screenshot_template.py [OUTPUT.png]

The tutorial's project (its project.yaml, as README.md writes it), its template made by
`szaktar template --lang hu` and filled with the tutorial's rows (as README.md types them, and
as its doc test does), opened in LibreOffice Calc on a virtual screen (Xvfb); the activity's
cell of the next row is selected and its drop-down list opened from the keyboard (Alt+Down), as
a user opens it; then the screen is taken. Needs (Debian): libreoffice-calc, xvfb, xdotool,
imagemagick.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from markdown import Block, Document  # noqa: E402  # the doc tests' reader of README.md
from workbooks import fill, typed_as_excel  # noqa: E402  # and their typing into a workbook

PROJECT = "pelda-szolgalat"
PROJECT_FILE = f"projects/{PROJECT}/project.yaml"
WORKBOOK = "naplo.xlsx"
SCREEN = "1280x800x24"
SHOWN = "980x440+0+0"  # the part of the screen kept: the sheet's first rows and the list
PROGRAMS = ("soffice", "Xvfb", "xdotool", "import")


def readme_block(marker: tuple[str, str]) -> Block:
    for part in Document.read(ROOT / "README.md").parts():
        if isinstance(part, Block) and part.marker == marker:
            return part
    raise SystemExit(f"README.md has no block after <!-- {marker[0]}: {marker[1]} -->")


def main(output: Path) -> None:
    missing = [program for program in PROGRAMS if shutil.which(program) is None]
    if missing:
        raise SystemExit(
            f"screenshot_template.py: {', '.join(missing)} not found (Debian: apt-get install "
            "libreoffice-calc xvfb xdotool imagemagick)"
        )
    with tempfile.TemporaryDirectory() as work:
        directory = Path(work)
        project = directory / PROJECT_FILE
        project.parent.mkdir(parents=True)
        project.write_text("\n".join(readme_block(("file", PROJECT_FILE)).lines) + "\n",
                           encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "szaktar_cli", "template", PROJECT, "-o", WORKBOOK,
             "--lang", "hu", "--projects", "projects"],
            cwd=directory, check=True,
        )
        _, *rows = (line.split(";") for line in readme_block(("fill", WORKBOOK)).lines)
        fill(directory / WORKBOOK, [[typed_as_excel(text) for text in row] for row in rows])
        screen = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp"],
            stdout=subprocess.PIPE, text=True, start_new_session=True,
        )
        calc = None
        try:
            assert screen.stdout is not None
            environment = os.environ | {
                "DISPLAY": f":{screen.stdout.readline().strip()}", "SAL_USE_VCLPLUGIN": "gen",
                "LC_ALL": "hu_HU.UTF-8",  # numbers as a Hungarian Excel shows them: 1,5
            }
            calc = subprocess.Popen(
                ["soffice", f"-env:UserInstallation=file://{directory}/profile", "--norestore",
                 "--nologo", "--calc", WORKBOOK],
                cwd=directory, env=environment, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "naplo"],
                           env=environment, check=True, timeout=180, stdout=subprocess.DEVNULL)
            time.sleep(5)  # the first paint
            row = len(rows) + 2  # the first empty row
            keys = ["shift+F7", "ctrl+Home", *(["Down"] * (row - 1)), "Right", "alt+Down"]
            for key in keys:  # no spell-check marks; to the activity's cell; open its list
                subprocess.run(["xdotool", "key", key], env=environment, check=True)
                time.sleep(0.2)
            time.sleep(2)
            subprocess.run(["import", "-window", "root", "-crop", SHOWN, "+repage",
                            str(output.resolve())], env=environment, check=True)
        finally:
            for process in (calc, screen):
                if process is not None:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=30)
    print(output)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "template-dropdown.png")
