"""Only for :mod:`asnkit.generate.explain`, which imports :func:`file_name` from here.

The file name and the document of a generated association are
:mod:`asnkit.generate.finish`'s (the name's pattern :mod:`asnkit.naming`'s, the key order
the stage object's); explain.py's import moves there, and this module goes, when
explain.py is next edited. Nothing else imports it.
"""

from __future__ import annotations

from asnkit.generate.finish import file_name

__all__ = ["file_name"]
