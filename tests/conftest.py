"""Shared test set-up."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Commands cache what they load (cache.py): in tests, in a directory of the test run's own."""
    directory = tmp_path_factory.mktemp("szaktar-cache")
    saved = {name: os.environ.pop(name, None) for name in ("SZAKTAR_CACHE_DIR", "SZAKTAR_NO_CACHE")}
    os.environ["SZAKTAR_CACHE_DIR"] = str(directory)
    yield directory
    for name, value in saved.items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value


# Variables a user's shell or CI may set that change what a command prints.
USER_ENVIRONMENT = (
    "GITHUB_ACTIONS", "SZAKTAR_TODAY", "SZAKTAR_LANG", "NO_COLOR", "SZAKTAR_PROJECTS",
    "SZAKTAR_DEBUG", "LANG", "LC_ALL", "LC_MESSAGES", "TERM",
)


@pytest.fixture(autouse=True)
def _same_environment_everywhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test starts from the same environment, whatever the shell or CI running it sets;
    and the search for a data repository (cli/location.py) stops at the test run's temporary
    directory, whatever lies above it."""
    for name in USER_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path_factory.getbasetemp()))


DEMO = Path(__file__).parent / "data" / "valid" / "demo"


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory holding a copy of the demo project, as the working directory's
    `projects/` (paths in messages are relative to the working directory). Modules that
    need other data define their own `projects`."""
    shutil.copytree(DEMO, tmp_path / "projects" / "demo")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"
