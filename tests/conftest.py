"""Shared test set-up."""

from __future__ import annotations

import os
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
