"""szaktar: track the output indicators of grant-funded social projects."""

__version__ = "0.1.0"
