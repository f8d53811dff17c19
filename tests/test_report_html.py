"""`szaktar report`: the page end to end (self-contained, words with every status, exit codes)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from szaktar_cli.cli.commands import report as report_command
from szaktar_cli.cli.main import main

DATA = Path(__file__).parent / "data" / "report"
AS_OF = "2011-06-15"
NBSP = "\u00a0"


def _report(tmp_path: Path, *args: str, lang: str = "hu") -> str:
    output = tmp_path / "report.html"
    code = main(
        [
            "report",
            "--projects",
            str(DATA),
            "--as-of",
            AS_OF,
            "--lang",
            lang,
            "-o",
            str(output),
            *args,
        ]
    )
    assert code == 0
    return output.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_hu(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(tmp_path_factory.mktemp("hu"))


def _text(page: str) -> str:
    """The page's words, as a reader sees them (tags dropped, entities and spaces plain)."""
    return unescape(re.sub(r"<[^>]+>", " ", page)).replace(NBSP, " ")


def test_page_is_self_contained(page_hu: str) -> None:
    assert page_hu.startswith('<!DOCTYPE html>\n<html lang="hu">')
    # nothing is fetched: no external scripts, styles, images or fonts, and a policy forbidding them
    assert "default-src 'none'" in page_hu
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=", page_hu)
    assert not re.search(r"url\((?!#)", page_hu)  # only references within the page (clip paths)
    assert "@import" not in page_hu
    # the only addresses are the SVG namespaces, which are names, not requests
    addresses = set(re.findall(r"https?://[^\"'\s<>]+", page_hu))
    assert addresses == {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_every_chart_is_an_inline_svg_with_a_caption(page_hu: str) -> None:
    figures = re.findall(r'<figure class="chart[^"]*" id="([^"]+)" data-kind="(\w+)">', page_hu)
    kinds = [kind for _, kind in figures]
    # the portfolio, 2 burn-ups, 2 bar charts, 4 breakdowns, 2 grids
    assert sorted(kinds) == sorted(
        [
            "portfolio",
            "burnup",
            "burnup",
            "bars",
            "bars",
            "breakdown",
            "breakdown",
            "breakdown",
            "breakdown",
            "grid",
            "grid",
        ]
    )
    assert page_hu.count("<svg ") == len(figures)
    for chart_id, _ in figures:
        assert f'aria-labelledby="{chart_id}-caption"' in page_hu
        assert f'id="{chart_id}-caption"' in page_hu


def test_ids_are_unique(page_hu: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', page_hu)
    assert len(ids) == len(set(ids))


def test_header_table_and_status_words(page_hu: str) -> None:
    text = _text(page_hu)
    assert "Dél-alföldi próbaprojekt" in text
    assert "TESZT-0008" in text
    assert "105 069 720 Ft" in text
    assert "2010. szept. 1. – 2012. aug. 31." in text
    assert "Próba Alapítvány" in text
    # unknown values are said to be unknown, with the reason as a tooltip
    assert 'title="a próbaadat nem adja meg">nem ismert</span>' in page_hu
    # one row per indicator: name, actual, target, pace, expected, forecast, progress, status
    row = re.search(r'<tr data-indicator="consultation_hours">(.*?)</tr>', page_hu)
    assert row is not None
    cells = _text(row.group(1)).split()
    assert " ".join(cells) == (
        "Konzultációs órák 250 óra legalább 600 óra ütemterv szerint 236,7 óra 633,7 óra 42% → "
        "terv szerint halad"
    )
    row = re.search(r'<tr data-indicator="training_hours_monthly">(.*?)</tr>', page_hu)
    assert row is not None
    assert " ".join(_text(row.group(1)).split()) == (
        "Tréningek havi óraszáma 136 óra legalább 16 óra havonta – – – 67% 6/9 időszak ↓ "
        "lemaradásban"
    )
    # colour never alone: every badge carries a word and a symbol
    for badge in re.findall(r'<span class="status status-(\w+)"[^>]*>(.*?)</span></span>', page_hu):
        assert _text(badge[1]).strip()


def test_portfolio_lists_projects_by_region(page_hu: str) -> None:
    section = page_hu[
        page_hu.index('id="portfolio"') : page_hu.index('data-project="del-alfold-mini"')
    ]
    text = " ".join(_text(section).split())
    assert text.index("Dél-Alföld") < text.index("Dél-alföldi próbaprojekt")
    assert text.index("országos") < text.index("Programkoordinációs próbaprojekt")
    assert "2 terv szerint halad" in text
    assert "2 lemaradásban" in text


def test_captions_summarise_each_chart(page_hu: str) -> None:
    text = " ".join(_text(page_hu).split())
    assert "Eddig 250 óra; mára elvárt 236,7 óra; a határidőre előre jelzett 633,7 óra." in text
    assert "6 / 9 lezárt időszak teljesült; 1 folyamatban." in text
    assert "112 / 125 lezárt csoport-időszak teljesült; 25 folyamatban." in text
    assert "Konzultációs órák – Megye szerint" in text
    assert "Bejegyzés nélkül: Bács-Kiskun" in text


def test_english_page(tmp_path: Path) -> None:
    page = _report(tmp_path, lang="en")
    text = " ".join(_text(page).split())
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Indicator report" in text
    assert (
        "Consultation hours 250 hours at least 600 hours by the schedule 236.7 hours 633.7 hours "
        "42% → on track"
        in text
    )
    assert "105,069,720 HUF" in text
    assert (
        "So far 250 hours; expected by now 236.7 hours; forecast for the deadline 633.7 hours."
        in text
    )


def test_output_is_deterministic(tmp_path: Path, page_hu: str) -> None:
    assert _report(tmp_path) == page_hu


def test_one_project_has_no_portfolio(tmp_path: Path) -> None:
    page = _report(tmp_path, "del-alfold-mini")
    assert 'id="portfolio"' not in page
    assert "teams-grid" not in page
    assert 'data-project="del-alfold-mini"' in page


def test_stdout_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "del-alfold-mini", "--projects", str(DATA), "--as-of", AS_OF])
    assert code == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_refuses_to_print_html_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(report_command, "is_terminal", lambda stream: True)
    code = main(["report", "--projects", str(DATA), "--as-of", AS_OF, "--lang", "en"])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "-o report.html" in captured.err


def test_invalid_data_gives_diagnostics_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "projects"
    shutil.copytree(DATA, data)
    broken = data / "del-alfold-mini" / "actuals" / "2011-01.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8") + "- date: 2011-01-40\n  activity: training\n",
        encoding="utf-8",
    )
    output = tmp_path / "report.html"
    code = main(
        ["report", "--projects", str(data), "--as-of", AS_OF, "--lang", "en", "-o", str(output)]
    )
    assert code == 1
    assert not output.exists()
    assert "2011-01.yaml" in capsys.readouterr().err


def test_overwrites_an_existing_report_atomically(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    output.write_text("old", encoding="utf-8")
    command = ["report", "del-alfold-mini", "--projects", str(DATA), "--as-of", AS_OF,
               "-o", str(output)]
    assert main(command) == 2  # a file szaktar did not write is replaced only with --force
    assert output.read_text(encoding="utf-8") == "old"
    code = main([*command, "--force"])
    assert code == 0
    assert main(command) == 0  # the report szaktar wrote is replaced without
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".report.html.*.tmp"))


def test_unknown_project_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "nope", "--projects", str(DATA), "--as-of", AS_OF, "--lang", "en"])
    assert code == 2
    assert "unknown project: nope" in capsys.readouterr().err


def test_bundled_projects_render(tmp_path: Path) -> None:
    projects = Path(__file__).parent.parent / "projects"
    output = tmp_path / "report.html"
    code = main(["report", "--projects", str(projects), "--as-of", "2012-09-01", "-o", str(output)])
    assert code == 0
    page = output.read_text(encoding="utf-8")
    assert 'id="portfolio"' in page
    for project in sorted(p.name for p in projects.iterdir() if (p / "project.yaml").is_file()):
        assert f'data-project="{project}"' in page


def test_portfolio_of_25_projects_by_region(tmp_path: Path) -> None:
    """Seed 003: 25 projects, 6 in Dél-Dunántúl, 3 in Dél-Alföld, 6 in Észak-Alföld, 10 in
    Észak-Magyarország; project n logs one event a month in its first n % 4 + 1 months."""
    regions = ["Dél-Dunántúl"] * 6 + ["Dél-Alföld"] * 3 + ["Észak-Alföld"] * 6
    regions += ["Észak-Magyarország"] * 10
    data = tmp_path / "projects"
    for number, region in enumerate(regions, 1):
        folder = data / f"p{number:02d}"
        (folder / "actuals").mkdir(parents=True)
        (folder / "project.yaml").write_text(
            f"id: p{number:02d}\ntitle: Projekt {number:02d}\nstart: 2011-01-01\nend: 2011-12-31\n"
            f"metadata: {{region: {region}}}\nactivities: {{event: {{name: Esemény}}}}\n"
            "indicators:\n  events:\n    name: Események\n    unit: event\n"
            "    measure: {count: entries, activities: [event]}\n"
            "    target: {min: 12, source: havonta egy esemény}\n",
            encoding="utf-8",
        )
        for month in range(1, number % 4 + 2):
            (folder / "actuals" / f"2011-{month:02d}.yaml").write_text(
                f"- date: 2011-{month:02d}-10\n  activity: event\n", encoding="utf-8"
            )
    output = tmp_path / "report.html"
    code = main(
        [
            "report",
            "--projects",
            str(data),
            "--as-of",
            "2011-03-31",
            "--lang",
            "hu",
            "-o",
            str(output),
        ]
    )
    assert code == 0
    page = output.read_text(encoding="utf-8")
    portfolio = page[page.index('id="portfolio"') : page.index('class="card project"')]
    groups = re.findall(
        r'<tr class="group"><th colspan="4" scope="rowgroup">([^<]+)</th>', portfolio
    )
    assert groups == ["Dél-Alföld", "Dél-Dunántúl", "Észak-Alföld", "Észak-Magyarország"]
    rows = re.findall(r'<span class="note">(p\d\d)</span>', portfolio)
    assert rows[:3] == ["p07", "p08", "p09"]  # Dél-Alföld first, then by id
    assert len(rows) == 25
    # by 31 March 12 × 90/365 = 2.96 events are due (on track from 90% of it, 2.66): p01 (2 events)
    # and p04 (1) are behind, p02 (3) and p03 (4) on track
    p01 = re.search(r'<span class="note">p01</span>.*?</tr>', portfolio)
    p02 = re.search(r'<span class="note">p02</span>.*?</tr>', portfolio)
    assert p01 is not None
    assert p02 is not None
    assert "↓</span>1 lemaradásban" in p01.group(0)
    assert "→</span>1 terv szerint halad" in p02.group(0)
    sections = re.findall(r'data-project="(p\d\d)"', page)
    assert sections == rows  # the project sections follow the portfolio's order


def test_the_policy_allows_the_one_inline_script_by_its_hash_and_nothing_else(
    page_hu: str,
) -> None:
    """No 'unsafe-inline' script (issue 18, item 12): the page's one script is allowed by its
    sha256, so an injected one would not run; no <base> nor form may send anything anywhere."""
    import base64  # noqa: PLC0415
    import hashlib  # noqa: PLC0415

    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page_hu)
    assert policy is not None
    directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    scripts = re.findall(r"<script>(.*?)</script>", page_hu, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
