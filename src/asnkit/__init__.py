"""asnkit: create, validate and edit JWST association files."""

from asnkit._version import __version__

__all__ = ["__version__"]
