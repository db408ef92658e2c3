"""Tests of the commands, one module per command (a package: names like test_show.py
are used by the library's tests too)."""
