"""The vocabulary every layer shares: the format (pydantic models), periods, diagnostics,
errors, languages and labels. No I/O, no terminal, no option names."""
