"""Shared fixtures: the extractor, and the shared corpus (../shared) when present."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test where it is absent, fails in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI=true: the shared corpus must be present in CI")
        pytest.skip(f"{path} is absent (a fresh clone without ../shared): test needs the shared corpus")
    return path


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from zhreport_extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def metrics(extractor):  # type: ignore[no-untyped-def]
    """Text -> {quantity as written: its metric text or None}, by the session's extractor (the metric
    audit tests' one way of reading a sentence)."""

    def read(text: str) -> dict[str, str | None]:
        return {f.quantity.text: (f.metric.text if f.metric else None) for f in extractor.extract(text, doc_id="t").facts}

    return read


@pytest.fixture()
def patterns_copy(tmp_path: Path) -> Path:
    """A copy of the shipped patterns directory that a test may break."""
    from zhreport_extract.patterns import default_patterns_dir

    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    return target
