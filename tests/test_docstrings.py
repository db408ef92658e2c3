"""Every public name has a docstring: the API reference of the site is written from them.

Public: each name of ``asnkit.__all__`` and of each public subpackage's ``__all__`` (a
package whose name has no leading ``_``), and the public methods and properties of those
that are classes. Constants are values at run time, without a docstring of their own: the
docs build checks theirs (tools/mkdocs_hooks.py, with griffe, ``nox -s docs``).
"""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import pytest

import asnkit


def _packages() -> list[str]:
    subpackages = [
        f"asnkit.{info.name}"
        for info in pkgutil.iter_modules(asnkit.__path__)
        if info.ispkg and not info.name.startswith("_")
    ]
    return ["asnkit", *(name for name in subpackages if hasattr(import_module(name), "__all__"))]


def _own_doc(obj: object) -> str:
    if inspect.isclass(obj):
        return str(vars(obj).get("__doc__") or "")
    return inspect.getdoc(obj) or ""


def _undocumented(package: str) -> list[str]:
    module = import_module(package)
    missing = []
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or inspect.isroutine(obj)):
            continue
        if not _own_doc(obj).strip():
            missing.append(f"{package}.{name}")
        if inspect.isclass(obj):
            for attribute, member in vars(obj).items():
                function = member.fget if isinstance(member, property) else member
                if attribute.startswith("_") or not inspect.isroutine(function):
                    continue
                if not (getattr(function, "__doc__", None) or "").strip():
                    missing.append(f"{package}.{name}.{attribute}")
    return missing


def test_the_public_packages_are_found() -> None:
    assert {"asnkit", "asnkit.rules", "asnkit.validation", "asnkit.generate"} <= set(_packages())


@pytest.mark.parametrize("package", _packages())
def test_every_public_name_has_a_docstring(package: str) -> None:
    assert _undocumented(package) == []


def test_a_name_without_a_docstring_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from asnkit import validation

    def undocumented() -> None:
        pass

    monkeypatch.setattr(validation, "validate", undocumented)
    assert _undocumented("asnkit.validation") == ["asnkit.validation.validate"]
