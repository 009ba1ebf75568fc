"""Pattern files are an attack surface: they are data (tomllib, validated, nothing executed),
a broken one is refused at load time naming file, entry and reason, and a user rule
(user_rules.toml) cannot hang the extractor: a rule that times out is skipped and reported."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from zhreport_extract import Extractor, PatternError, Patterns

SRC = REPO / "src" / "zhreport_extract"


def patterns_with(tmp_path: Path, name: str, content: str | bytes, *, append: bool = False) -> Path:
    """A copy of patterns/ in which ``name`` is replaced by (or extended with) ``content``."""
    target = tmp_path / "patterns"
    shutil.copytree(REPO / "patterns", target)
    path = target / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif append:
        path.write_text(path.read_text(encoding="utf-8") + "\n" + content, encoding="utf-8")
    else:
        path.write_text(content, encoding="utf-8")
    return target


def refused(directory: Path) -> PatternError:
    with pytest.raises(PatternError) as info:
        Patterns(directory)
    return info.value


# --- broken built-in pattern files ------------------------------------------------------

BROKEN = [
    # (file, appended text or replacement, the entry named, words of the reason)
    ("units.toml", '[[group]]\nkind = "count"\nunits = ["枚"]\ncolour = "red"\n', "colour", "Extra inputs are not permitted"),
    ("units.toml", '[[group]]\nkind = "count"\nunits = "枚"\n', "units", "valid list"),
    ("units.toml", '[[group]]\nkind = "weight"\nunits = ["枚"]\n', "kind", "Input should be"),
    ("exclusions.toml", '[[rule]]\nid = "bad_regex"\ndescription = "x"\nbefore = "(第$"\n', "'bad_regex'", "invalid regex"),
    ("exclusions.toml", '[[rule]]\nid = "bad_type"\ndescription = "x"\nbefore = 5\n', "'bad_type'", "valid string"),
    ("exclusions.toml", '[[rule]]\nid = "bad_key"\ndescription = "x"\nbefor = "第$"\n', "'bad_key'", "Extra inputs are not permitted"),
    ("exclusions.toml", '[[rule]]\nid = "ordinal"\ndescription = "again"\nbefore = "第$"\n', "'ordinal'", "duplicate id"),
    ("years.toml", '[[document]]\nid = "bad_regex"\ndescription = "x"\nwhere = "head"\npattern = "(年"\n', "'bad_regex'", "invalid regex"),
    ("years.toml", '[[document]]\nid = "no_year"\ndescription = "x"\nwhere = "head"\npattern = "去年"\n', "'no_year'", "dated = true"),
    ("years.toml", '[[document]]\nid = "bad_month"\ndescription = "x"\nwhere = "head"\npattern = "{Y}"\ndated = true\nmonths = [13]\n', "'bad_month'", "1..12"),
    ("years.toml", '[[document]]\nid = "chronicle"\ndescription = "again"\nwhere = "head"\npattern = "{Y}"\n', "document", "duplicate document rule id"),
]


@pytest.mark.parametrize(("name", "content", "entry", "reason"), BROKEN, ids=[f"{b[0]}:{b[3]}" for b in BROKEN])
def test_broken_pattern_file_is_refused_naming_file_entry_reason(tmp_path, name, content, entry, reason) -> None:  # type: ignore[no-untyped-def]
    directory = patterns_with(tmp_path, name, content, append=True)
    error = refused(directory)
    assert Path(error.file).name == name
    assert entry in error.entry
    assert reason in error.reason
    assert name in str(error) and entry in str(error)


def test_pattern_file_that_is_not_toml_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    error = refused(patterns_with(tmp_path, "per.toml", "[before\n人均 = 人\n"))
    assert Path(error.file).name == "per.toml" and error.entry == "file" and "not valid TOML" in error.reason


def test_pattern_file_that_is_not_utf8_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    error = refused(patterns_with(tmp_path, "per.toml", '[before]\n"人均" = "人"\n'.encode() + b'"x" = "\xff\xfe"\n'))
    assert Path(error.file).name == "per.toml" and "not valid TOML" in error.reason


def test_missing_pattern_file_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    directory = patterns_with(tmp_path, "per.toml", "")
    (directory / "per.toml").unlink()
    error = refused(directory)
    assert Path(error.file).name == "per.toml" and error.reason == "missing"


# --- user rules: validation ---------------------------------------------------------------

USER_BROKEN = [
    ('[[rule]]\nid = "beds"\npattern = "(\\\\d+张"\nunit = "张"\n', "'beds'", "invalid regex"),
    ('[[rule]]\nid = "beds"\npattern = "\\\\d+张"\nunit = 5\n', "'beds'", "valid string"),
    ('[[rule]]\nid = "beds"\npattern = "\\\\d+张"\nunit = "张"\nflags = "i"\n', "'beds'", "Extra inputs are not permitted"),
    ('[[rule]]\nid = "beds"\npattern = "\\\\d*"\nunit = "张"\n', "'beds'", "matches the empty string"),
    ('[[rule]]\nid = "Beds!"\npattern = "\\\\d+张"\nunit = "张"\n', "'Beds!'", "String should match pattern"),
    ('[[rule]]\nid = "beds"\npattern = "\\\\d+张"\nunit = "张"\n\n[[rule]]\nid = "beds"\npattern = "\\\\d+床"\nunit = "床"\n',
     "entry", "duplicate rule id 'beds'"),
    ('[[rule]]\nid = "ordinal"\npattern = "\\\\d+张"\nunit = "张"\n', "'ordinal'", "already names an exclusion rule"),
    ('rule = "not a table"\n', "rule", "valid list"),
]


@pytest.mark.parametrize(("content", "entry", "reason"), USER_BROKEN, ids=[b[2] for b in USER_BROKEN])
def test_broken_user_rules_are_refused_naming_file_entry_reason(tmp_path, content, entry, reason) -> None:  # type: ignore[no-untyped-def]
    error = refused(patterns_with(tmp_path, "user_rules.toml", content))
    assert Path(error.file).name == "user_rules.toml"
    assert entry in error.entry
    assert reason in error.reason


def test_pattern_text_is_data_not_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 'pattern' that reads as Python is only a regex: loading and running it does nothing."""
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    directory = patterns_with(
        tmp_path, "user_rules.toml",
        f"[[rule]]\nid = \"code\"\npattern = \"\"\"{code}\"\"\"\nunit = \"个\"\ndescription = \"\"\"{code}\"\"\"\n",
    )
    result = Extractor(directory, entities=False).extract(f"新建学校5所。{code}")
    assert not marker.exists()
    assert [f.quantity.text for f in result.facts] == ["5所"]


def test_pattern_loading_executes_nothing() -> None:
    """The modules that read pattern files parse them with tomllib only: no eval, exec,
    pickle, marshal, yaml or importlib of anything a pattern file names."""
    forbidden_calls = {"eval", "exec", "compile", "__import__"}
    forbidden_modules = {"pickle", "marshal", "shelve", "yaml", "importlib", "dill", "cloudpickle"}
    for module in ("patterns.py", "quantities.py", "normalise.py"):
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in forbidden_calls, f"{module}: {node.func.id}()"
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden_modules, module
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden_modules, module
    assert "import tomllib" in (SRC / "patterns.py").read_text(encoding="utf-8")


# --- user rules: running ---------------------------------------------------------------

USER_RULES = '''
[[rule]]
id = "beds"
description = "hospital beds: 300张床位"
pattern = '(?P<number>\\d+)张床位'
unit = "张"

[[rule]]
id = "bridges"
description = "bridges in Chinese numerals: 十二座桥 (the number the match begins with)"
pattern = '[一二三四五六七八九十百千万]+座桥'
unit = "座"

[[rule]]
id = "evil"
description = "catastrophic backtracking on a long run of a"
pattern = '(a+)+$'
unit = "个"
'''
HOSTILE_TAIL = "a" * 5000 + "!"


@pytest.fixture(scope="module")
def user_extractor(tmp_path_factory) -> Extractor:  # type: ignore[no-untyped-def]
    return Extractor(patterns_with(tmp_path_factory.mktemp("user"), "user_rules.toml", USER_RULES), entities=False)


def test_user_rules_give_facts_and_win_overlaps(user_extractor) -> None:  # type: ignore[no-untyped-def]
    text = "全县新增300张床位，新建学校5所，修建十二座桥。"
    result = user_extractor.extract(text)
    result.check(text)
    got = [(f.quantity.text, int(f.count), f.unit, f.rule) for f in result.facts]
    assert got == [("300张床位", 300, "张", "beds"), ("5所", 5, "所", "number_unit"), ("十二座桥", 12, "座", "bridges")]
    assert result.errors == ()


def test_catastrophic_user_rule_times_out_and_is_skipped(user_extractor) -> None:  # type: ignore[no-untyped-def]
    text = "全县新增300张床位，新建学校5所。" + HOSTILE_TAIL
    result = user_extractor.extract(text)
    result.check(text)
    assert [(e.kind, e.rule) for e in result.errors] == [("rule_timeout", "evil")]
    assert "evil" in result.errors[0].message
    assert [(f.quantity.text, f.rule) for f in result.facts] == [("300张床位", "beds"), ("5所", "number_unit")]
    # the same document with the rule switched off has no error and the same facts
    quiet = user_extractor.extract(text, disabled_rules=["evil"])
    assert quiet.errors == () and quiet.facts == result.facts


def test_unknown_disabled_rule_is_refused(user_extractor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="no_such_rule"):
        user_extractor.extract("新建学校5所。", disabled_rules=["no_such_rule"])


def test_hostile_user_rule_in_a_batch_loses_nothing(user_extractor) -> None:  # type: ignore[no-untyped-def]
    docs = [f"新建学校{i}所。" + (HOSTILE_TAIL if i % 5 == 0 else "") for i in range(1, 21)]
    results = list(user_extractor.extract_batch(docs))
    assert [r.doc_id for r in results] == [str(i) for i in range(20)]
    assert [int(r.facts[0].count) for r in results] == list(range(1, 21))
    assert [bool(r.errors) for r in results] == [i % 5 == 0 for i in range(1, 21)]


def test_catastrophic_exclusion_rule_in_a_copied_patterns_dir_is_skipped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Exclusion rules of any patterns directory but the shipped one run under a timeout too."""
    directory = patterns_with(
        tmp_path, "exclusions.toml",
        '[[rule]]\nid = "hostile"\ndescription = "exponential on a run of a"\nbefore = "(?:a|a)+$"\n', append=True,
    )
    ex = Extractor(directory, entities=False)
    assert ex.stage("quantities").finder.guarded and not Extractor(entities=False).stage("quantities").finder.guarded  # type: ignore[attr-defined]
    text = "a" * 39 + "x新建学校5所，" + "a" * 39 + "投资3亿元。"
    result = ex.extract(text)
    result.check(text)
    assert [(e.kind, e.rule) for e in result.errors] == [("rule_timeout", "hostile")]
    assert [f.quantity.text for f in result.facts] == ["5所", "3亿元"]
