"""Figures from the loaded entries: pure functions of (project, entries, as-of), no I/O and no
clock (judge.evaluate_workspace only hands its results to the workspace's cache to keep)."""
