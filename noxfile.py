"""Every check of the project, one session each. ``nox`` alone runs all but ``bench``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nox
from packaging.requirements import Requirement

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = [
    "tests",
    "tests_lowest",
    "typecheck",
    "typecheck_lowest",
    "lint",
    "schemas",
    "compat",
    "compat_roman",
    "validate",
    "docs",
    "browser",
]

PYPROJECT = nox.project.load_toml("pyproject.toml")

# The jwst release asnkit is byte-compatible with; tests/compat/ runs against it.
JWST_REFERENCE = "jwst==3.0.0"
# The romancal release asnkit roman is byte-compatible with; tests/compat_roman/ runs against it.
ROMANCAL_REFERENCE = "romancal==1.1.0"


def _group(name: str) -> list[str]:
    return list(nox.project.dependency_groups(PYPROJECT, name))


def _lowest() -> list[str]:
    """Dependencies and extras pinned to their floors: ``attrs>=23.1.0`` -> ``attrs==23.1.0``.

    Only asnkit's direct dependencies are pinned; what they depend on resolves as a user's
    install would. Each floor must be a release on PyPI.
    """
    project = PYPROJECT["project"]
    extras = [item for items in project["optional-dependencies"].values() for item in items]
    pins = []
    for text in [*project["dependencies"], *extras]:
        requirement = Requirement(text)
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(floors) != 1:
            msg = f"{text!r}: give each dependency its floor as NAME>=FLOOR"
            raise ValueError(msg)
        pins.append(f"{requirement.name}=={floors[0]}")
    return pins


# Generated code depends on the generator's version: whether the compiled validators are
# stale is judged with the schema-compiler group's fastjsonschema (tests, schemas), not the floor.
_STALE_CHECK = "tests/schema/test_schemas.py::test_schemas_and_compiled_validators_are_not_stale"


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (snapshots, properties, the command end to end)."""
    session.install(".", *_group("test"), *_group("schema-compiler"))
    session.run("pytest", *session.posargs)


@nox.session
def tests_lowest(session: nox.Session) -> None:
    """Run the test suite with the lowest supported dependencies (pyproject's floors)."""
    session.install(".", *_lowest(), *_group("test"))
    session.run("pytest", "--deselect", _STALE_CHECK, *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Check types with mypy --strict: the package, the tests and typing_tests/."""
    session.install(".", *_group("typecheck"))
    session.run("mypy", *session.posargs)


@nox.session
def typecheck_lowest(session: nox.Session) -> None:
    """mypy --strict with the lowest supported dependencies; stubs/ types the untyped ones."""
    session.install(".", *_lowest(), *_group("typecheck"))
    session.run("mypy", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def schemas(session: nox.Session) -> None:
    """Fail when schemas/ or the compiled validators are stale; ``-- --write`` regenerates."""
    session.install("-e", ".", *_group("schema-compiler"))
    if "--write" in session.posargs:
        session.run("python", "-m", "asnkit.schema.generate")
    else:
        session.run("python", "-m", "asnkit.schema.generate", "--check")


@nox.session
def compat(session: nox.Session) -> None:
    """Test against jwst itself: same files as its asn_from_list, read by its loaders."""
    session.install(JWST_REFERENCE, ".", *_group("test"))
    session.run("pytest", "tests/compat", *session.posargs)


@nox.session
def compat_roman(session: nox.Session) -> None:
    """Test against romancal itself: same files as its asn_from_list and multiband_asn."""
    session.install(ROMANCAL_REFERENCE, ".", *_group("test"))
    session.run("pytest", "tests/compat_roman", *session.posargs)


# The repository's corpus of real association files; INDEX.md gives each one's source and verdict.
CORPUS = "tests/data/corpus"


@nox.session
def validate(session: nox.Session) -> None:
    """Validate ``-- PATHS``; with none, check tests/data/corpus against its INDEX.md verdicts."""
    session.install(".")
    if session.posargs:
        session.run("asnkit", "validate", *session.posargs)
        return
    session.run("python", "tests/validate/corpus_verdicts.py", CORPUS)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ with ``mkdocs build --strict``.

    A broken link, a page missing from the nav or a public name without a docstring fails
    (tools/mkdocs_hooks.py). Arguments after ``--`` go to ``mkdocs build``.
    """
    session.install("-e", ".", *_group("docs"))
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


CHROMIUM = os.environ.get("ASNKIT_CHROMIUM", "/usr/bin/chromium")


@nox.session
def browser(session: nox.Session) -> None:
    """asnkit report's page in headless Chromium, driven by Playwright (tests/browser).

    Chromium is Debian's ``chromium`` package (``$ASNKIT_CHROMIUM`` names another): when it
    is missing and the session runs as root, ``apt-get install chromium`` installs it;
    otherwise install it first. Playwright's own browser download is never used.
    Screenshots are left in artifacts/browser/.
    """
    if not Path(CHROMIUM).exists():
        if os.geteuid() != 0:
            session.error(
                f"no Chromium at {CHROMIUM}: apt-get install chromium, or set ASNKIT_CHROMIUM"
            )
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-q", external=True, env=env)
        session.run(
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            external=True,
            env=env,
        )
    session.install(".", *_group("test"), *_group("browser"))
    session.run("pytest", "tests/browser", *session.posargs, env={"ASNKIT_BROWSER": "1"})


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against jwst; write docs/benchmarks.md, .png and .json (not in the default run).

    jwst goes into a venv of its own, ``.nox/bench-jwst``, made once and then reused; set
    ``ASNKIT_BENCH_JWST_PYTHON`` to the python of an existing jwst 3.0.0 venv to use that one.
    When jwst cannot be installed, asnkit is measured alone and the report says why.
    Arguments after ``--`` go to bench/run.py (``-- --help`` lists them).
    """
    session.install(".", "matplotlib", *_group("browser"))  # Playwright: the report's load time
    session.run("python", "bench/run.py", *_jwst_for_bench(session), *session.posargs)


def _jwst_for_bench(session: nox.Session) -> list[str]:
    given = os.environ.get("ASNKIT_BENCH_JWST_PYTHON")
    if given:
        return ["--jwst-python", given]
    venv = Path(str(session.virtualenv.location)).parent / "bench-jwst"
    python = venv / "bin" / "python"
    version = JWST_REFERENCE.partition("==")[2]
    probe = f"import jwst, sys; sys.exit(jwst.__version__ != {version!r})"
    if python.exists() and subprocess.run([python, "-c", probe], check=False).returncode == 0:
        return ["--jwst-python", str(python)]
    try:
        session.run("python", "-m", "venv", "--clear", str(venv))
        session.run(python, "-m", "pip", "install", JWST_REFERENCE, external=True)
    except nox.command.CommandFailed:
        return ["--no-jwst", f"{JWST_REFERENCE} could not be installed in {venv}"]
    return ["--jwst-python", str(python)]
