"""asnkit report in a real browser (a package: its conftest is imported for its types)."""
