"""The package is typed: it ships py.typed and passes ``mypy --strict`` (config in pyproject)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from importlib import resources

import pytest
from conftest import REPO

import zhreport_extract


def test_py_typed_marker_ships_with_the_package() -> None:
    assert resources.files("zhreport_extract").joinpath("py.typed").is_file()


def test_public_api_has_type_hints() -> None:
    for name in zhreport_extract.__all__:
        obj = getattr(zhreport_extract, name)
        functions = [obj] if inspect.isfunction(obj) else [
            f for n, f in vars(obj).items() if inspect.isfunction(f) and not n.startswith("_") or n == "__init__"
        ]
        for f in functions:
            hints = f.__annotations__
            assert "return" in hints, f"{name}.{f.__name__} has no return annotation"
            params = [p for p in inspect.signature(f).parameters if p not in ("self", "cls")]
            assert all(p in hints for p in params), f"{name}.{f.__name__} leaves a parameter untyped"


def test_mypy_strict_passes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("mypy", reason="the test extra has mypy: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "src/zhreport_extract"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
