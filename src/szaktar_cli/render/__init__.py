"""Renderers: turn computed results into text, tables, CSV, JSON, XLSX or HTML."""
