"""The version of asnkit, written into every association as ``code_version``."""

__version__ = "0.1.0"
"""asnkit's release, as in pyproject.toml."""
