"""Figures from the loaded entries: pure functions of (project, entries, as-of), no I/O."""
