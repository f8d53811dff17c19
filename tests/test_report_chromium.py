"""The report as a person sees it: the bundled projects' page opened in headless Chromium.

Checks that the page renders without any script, resource or policy error (the page records
them into `data-errors` on <html>; Chromium's console log is read too), that every
indicator's name and figures are in the DOM and every chart's <svg> is there, and saves a
screenshot to artifacts/report.png. Skipped when no Chromium is installed (`.ci/run`
installs Debian's `chromium`).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.cli.main import main
from szaktar_cli.compute.charts import project_charts
from szaktar_cli.core.labels import format_quantity

ROOT = Path(__file__).parent.parent
PROJECTS = ROOT / "projects"
ARTIFACTS = ROOT / "artifacts"
AS_OF = "2012-09-01"
BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium installed (apt-get install chromium)"
)


def _browser(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    output = folder / "report.html"
    assert (
        main(
            [
                "report",
                "--projects",
                str(PROJECTS),
                "--as-of",
                AS_OF,
                "--lang",
                "hu",
                "-o",
                str(output),
            ]
        )
        == 0
    )
    return output


@pytest.fixture(scope="module")
def dom(page: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    profile = tmp_path_factory.mktemp("profile")
    result = _browser(profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


def _words(markup: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\u00a0", " ")
    return " ".join(text.split())


def test_renders_without_errors(dom: tuple[str, str]) -> None:
    html, log = dom
    root = re.search(r"<html[^>]*>", html)
    assert root is not None
    assert "data-errors" not in root.group(0)
    assert "data-charts=" in root.group(0)  # the page's script ran to the end: by its hash
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert "script-src 'sha256-" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1).split("script-src", 1)[1].split(";")[0]
    assert "base-uri 'none'" in policy.group(1)
    assert "form-action 'none'" in policy.group(1)
    console = [line for line in log.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if re.search(r"Uncaught|Refused|Error", line)]


def test_every_chart_is_drawn(dom: tuple[str, str], page: Path) -> None:
    html, _ = dom
    source = page.read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="chart[^"]*" id="([^"]+)"', source)
    assert figures
    root = re.search(r'data-charts="(\d+)"', html)
    assert root is not None
    assert int(root.group(1)) == len(figures)  # counted by the browser: figure.chart svg
    for chart_id in figures:
        figure = re.search(
            rf'<figure [^>]*id="{re.escape(chart_id)}"[^>]*>(.*?)</figure>', html, re.S
        )
        assert figure is not None, chart_id
        assert "<svg" in figure.group(1)
        assert "<text" in figure.group(1) or "<path" in figure.group(1)


def test_names_and_figures_are_in_the_dom(dom: tuple[str, str]) -> None:
    words = _words(dom[0])
    workspace = load_workspace([PROJECTS], None)
    for loaded in workspace.projects:
        assert loaded.project is not None
        charts = project_charts(loaded.project, loaded.entries(), dt.date.fromisoformat(AS_OF))
        assert charts.status.display_title("hu") in words
        for indicator in charts.status.indicators:
            assert indicator.display_name("hu") in words, indicator.id
            if indicator.actual is not None:
                figure = format_quantity(indicator.actual, indicator.unit, "hu", decimals=1)
                assert figure.replace("\u00a0", " ") in words, (indicator.id, figure)


def test_screenshot(page: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    result = _browser(
        tmp_path / "profile", "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a page with charts, not a blank one
