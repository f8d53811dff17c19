"""Semantic checks of a loaded project, one module per rule (as yamllint keeps its rules).

Each rule is a function `check(context) -> None` that reports through `context`, and declares
the codes it reports (`CODES`); `rules.py` runs them in order (`run_checks`). Rules only read:
they never change the data or write files. What they find depends on the project's YAML files
and the as-of date alone: checks/workspace.py caches it under exactly these, and imports the
rules only when its cache does not hold what they found (a warm run does not load them).
"""
