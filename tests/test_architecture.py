"""The package's shape: layers that import one way, one table of fields behind every output,
one stage per field, and JSON output that the schema describes and the records read back."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, shared_path

from zhreport_extract import DocumentResult, Extractor
from zhreport_extract.fields import COLUMN_NAMES, FACT_FIELDS, FIELDS
from zhreport_extract.records import Fact, json_schema
from zhreport_extract.stage import Draft, Stage

PACKAGE = REPO / "src" / "zhreport_extract"
# Each module's layer: a module imports only from layers at or below its own, and never in a cycle.
LAYERS = {
    "fields": 0, "records": 1, "gcpause": 1, "inputs": 1, "outputs": 2, "normalise": 1, "numerals": 1, "documents": 2,
    "patterns": 2, "meaning_patterns": 3, "lexicon": 3, "spacing": 3, "segment": 4, "quantities": 4,
    "metric": 5, "initiative": 5, "year": 5, "entities": 5, "stage": 6, "change": 7, "status": 7,
    "indicator": 7, "period": 7, "stages": 8, "pool": 8, "pipeline": 9, "evaluate": 9, "frames": 9,
    "html": 9, "batch": 10, "dask": 11, "spacy_component": 11, "cli": 12, "__init__": 12, "__main__": 13,
}


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports, at any depth of its code (``from .x import``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zhreport_extract."):
            found.add((node.module or "").split(".")[1])
    return found


def test_every_module_has_a_layer() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == set(LAYERS), f"new or removed modules: {modules ^ set(LAYERS)}"


def test_imports_go_one_way() -> None:
    wrong = []
    for path in PACKAGE.glob("*.py"):
        for target in imports_of(path):
            if target in LAYERS and LAYERS[target] > LAYERS[path.stem]:
                wrong.append(f"{path.stem} (layer {LAYERS[path.stem]}) imports {target} (layer {LAYERS[target]})")
    assert not wrong, wrong


def test_no_import_cycle() -> None:
    graph = {p.stem: imports_of(p) & set(LAYERS) for p in PACKAGE.glob("*.py")}
    seen: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if seen.get(node) == 1:
            raise AssertionError("import cycle: " + " -> ".join([*path, node]))
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for nxt in graph[node]:
            visit(nxt, [*path, node])
        seen[node] = 2

    for module in graph:
        visit(module, [])


@pytest.mark.parametrize("module", sorted(m for m in LAYERS if m not in ("__main__",)))
def test_each_module_imports_alone(module: str) -> None:
    name = "zhreport_extract" if module == "__init__" else f"zhreport_extract.{module}"
    proc = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_field_table_and_fact_agree() -> None:
    table = {f.name for f in FACT_FIELDS} | {f"{f.name}_cue" for f in FACT_FIELDS if f.cue}
    assert table == set(Fact.model_fields)
    for f in FACT_FIELDS:
        assert f.description, f.name
    # every column comes from a field, every field that has columns gives at least one
    assert COLUMN_NAMES[0] == "doc_id" and len(set(COLUMN_NAMES)) == len(COLUMN_NAMES)
    assert {"count_exact", "change", "status_cue", "indicator", "period", "sentence_start"} <= set(COLUMN_NAMES)


def test_each_field_is_assigned_by_one_stage() -> None:
    ex = Extractor()
    assigned: dict[str, str] = {}
    for stage in ex.stages:
        for name in stage.assigns:
            assert name not in assigned, f"{name} assigned by {assigned.get(name)} and {stage.name}"
            assigned[name] = stage.name
    for f in FACT_FIELDS:
        assert assigned.get(f.name) == f.assigned_by, f.name
        if f.cue:
            assert assigned.get(f"{f.name}_cue") == f.assigned_by


def test_stages_can_be_listed_disabled_and_added() -> None:
    class Shout(Stage):
        name = "shout"
        assigns = ("initiative",)

        def fill(self, doc, draft: Draft) -> None:  # type: ignore[no-untyped-def]
            draft.initiative = "SHOUT"

    ex = Extractor(entities=False, disable=["initiative"])
    assert "initiative" not in ex.stage_names and ex.stage_names[0] == "quantities"
    text = "实施“春风行动”，举办招聘会10场。"
    assert ex.extract(text).facts[0].initiative is None
    ex.add_stage(Shout(), after="year")
    assert ex.stage_names[ex.stage_names.index("year") + 1] == "shout"
    assert ex.extract(text).facts[0].initiative == "SHOUT"
    assert ex.remove_stage("shout").name == "shout"
    with pytest.raises(ValueError, match="unknown stage"):
        Extractor(disable=["nope"])
    with pytest.raises(ValueError, match="cannot be disabled"):
        Extractor(disable=["quantities"])
    assert Extractor().extract(text).facts[0].initiative == "春风行动"


def check_round_trip(results: list[DocumentResult]) -> int:
    """Each result's JSONL line is valid under the printed schema and loads back equal."""
    import fastjsonschema

    validate = fastjsonschema.compile(json_schema())
    for result in results:
        line = json.dumps(result.to_json_dict(), ensure_ascii=False)
        validate(json.loads(line))
        assert DocumentResult.model_validate_json(line) == result, result.doc_id
    return len(results)


def test_jsonl_is_what_schema_prints_and_loads_back_on_the_corpora(extractor: Extractor) -> None:
    seed = (REPO / "corpus" / "texts" / "seed-guigang-2018.txt").read_text(encoding="utf-8")
    docs = [("seed", seed)]
    for folder in (shared_path("corpus", "dev", "texts"), shared_path("corpus", "genre", "texts")):
        docs += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    assert check_round_trip(list(extractor.extract_batch(docs))) == len(docs)


def test_cli_jsonl_lines_load_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("实施“春风行动”，举办招聘会10场，地区生产总值增长5.5%。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "zhreport_extract", "extract", str(tmp_path / "a.txt"), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = DocumentResult.model_validate_json(out.read_text(encoding="utf-8").splitlines()[0])
    assert [(f.count, f.change, f.indicator) for f in result.facts] == [(10, None, None), (5.5, "up", "地区生产总值")]
    assert FIELDS["change"].assigned_by == "change"
