"""Golden files: the expected output lives in a file; SZAKTAR_UPDATE_GOLDEN=1 rewrites it.

Read the diff of a rewritten golden file before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = bool(os.environ.get("SZAKTAR_UPDATE_GOLDEN"))

# The file extension of each text format's golden output.
EXTENSIONS = {
    "plain": "txt",
    "markdown": "md",
    "github": "md",
    "csv": "csv",
    "tsv": "tsv",
    "json": "json",
}


def golden_bytes(path: Path, actual: bytes) -> bytes:
    """What `path` holds; when updating, `actual` is written there first."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    return path.read_bytes()


def golden_text(path: Path, actual: str) -> str:
    return golden_bytes(path, actual.encode("utf-8")).decode("utf-8")
