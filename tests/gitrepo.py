"""A git repository driven from tests: fixed dates, no user or system configuration."""

from __future__ import annotations

import subprocess
from pathlib import Path

DEFAULT_DATE = "2011-02-01T10:00:00+01:00"


def git(repo: Path, *args: str, date: str = DEFAULT_DATE) -> str:
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(repo: Path, author: str, subject: str, date: str) -> str:
    """Commit everything as `author` on `date`; returns the commit id."""
    git(repo, "add", "-A")
    git(repo, "-c", f"user.name={author}", "-c", "user.email=audit@example.org",
        "commit", "-q", "-m", subject, date=date)
    return git(repo, "rev-parse", "HEAD").strip()
