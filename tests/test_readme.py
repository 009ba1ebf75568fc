"""The README runs top to bottom: every ```python block is executed in order, in one namespace,
in a scratch folder, and what a block says it prints (the ``# prints:`` comment lines) is what
it prints."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def blocks() -> list[str]:
    return BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))


def expected_output(block: str) -> list[str]:
    """The lines after each ``# prints:`` comment, up to the next line that is not a comment."""
    out: list[str] = []
    lines = block.splitlines()
    for n, line in enumerate(lines):
        if line.strip() == "# prints:":
            for follow in lines[n + 1 :]:
                if not follow.startswith("# "):
                    break
                out.append(follow[2:])
    return out


def test_the_readme_has_python_blocks_that_say_what_they_print() -> None:
    found = blocks()
    assert len(found) >= 4
    assert sum(bool(expected_output(b)) for b in found) >= 3


RUNNER = """
import contextlib, io, json, sys
namespace = {"__name__": "readme"}
outputs = []
for n, block in enumerate(json.load(sys.stdin)):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, f"README.md python block {n + 1}", "exec"), namespace)
    outputs.append(out.getvalue())
print(json.dumps(outputs))
"""


def test_readme_python_blocks_run_and_print_what_they_say(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a child process (the Dask example's cluster leaves threads behind), in a scratch folder."""
    pytest.importorskip("spacy")
    pytest.importorskip("dask.dataframe")
    found = blocks()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER], input=json.dumps(found), capture_output=True, text=True, cwd=tmp_path,
        env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    outputs = json.loads(proc.stdout.splitlines()[-1])
    for n, (block, printed) in enumerate(zip(found, outputs)):
        assert printed.splitlines() == expected_output(block), f"block {n + 1}"
    assert sorted(os.listdir(tmp_path / "facts"))  # the Dask example wrote its Parquet files


def test_the_annotation_guide_is_in_the_repository_and_names_every_field() -> None:
    from zhreport_extract.fields import FACT_FIELDS

    guide = (REPO / "docs" / "ANNOTATION_GUIDE.md").read_text(encoding="utf-8")
    missing = [f.name for f in FACT_FIELDS if f"`{f.name}`" not in guide]
    assert missing == []
    assert "docs/ANNOTATION_GUIDE.md" in (REPO / "README.md").read_text(encoding="utf-8")
