"""notebooks/walkthrough.ipynb: committed without outputs, and runs top to bottom in under a minute."""

from __future__ import annotations

import json
import os
import time

import pytest
from conftest import REPO, SHARED

NOTEBOOK = REPO / "notebooks" / "walkthrough.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_notebook_runs_top_to_bottom() -> None:
    nbformat = pytest.importorskip("nbformat", reason="the test extra has nbformat: pip install -e '.[test]'")
    nbclient = pytest.importorskip("nbclient", reason="the test extra has nbclient: pip install -e '.[test]'")
    pytest.importorskip("matplotlib", reason="the test extra has matplotlib: pip install -e '.[test]'")
    shared = (SHARED / "corpus" / "reports").is_dir()
    if not shared and os.environ.get("CI") == "true":
        pytest.fail(f"{SHARED} is missing, and CI=true: the notebook's shared part must run in CI")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    start = time.monotonic()
    client.execute()  # raises CellExecutionError on any failing cell
    elapsed = time.monotonic() - start
    assert elapsed < 60, f"the walkthrough took {elapsed:.0f} s"

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    plain = "".join(o["data"].get("text/plain", "") for o in outputs if "data" in o)
    images = [o for o in outputs if "data" in o and "image/png" in o["data"]]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "seed: 49 facts, reviews 2018" in text
    assert "'阅读量', 2018" in plain  # the fact shown: 22.12万次 of 阅读量 in 2018
    assert "春风行动" in plain  # the facts-per-initiative counts
    if shared:
        assert "shared reports: 8" in text
        assert len(images) == 2  # the initiative bar chart and the metric across years
        assert "2018: 174.2" in plain and "2010: 68.0" in plain  # 社会消费品零售总额 in 亿元
    else:
        assert "shared reports: skipped" in text
        assert len(images) == 1
