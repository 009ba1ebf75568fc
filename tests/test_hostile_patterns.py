"""Pattern files are an attack surface: they are data (tomllib, validated, nothing executed),
a broken one is refused at load time naming file, entry and reason, and a user rule
(user_rules.toml) cannot hang the extractor: a rule that times out is skipped and reported."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
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


# --- issue 19: hostile files, runaway regexes, structural errors ----------------------------

def _set_line(tmp_path: Path, name: str, key: str, line: str) -> Path:
    """A copy of patterns/ in which the line of ``name`` starting with ``key`` is ``line``."""
    text = (REPO / "patterns" / name).read_text(encoding="utf-8")
    # the whole entry: one line, or a list over several lines
    new, n = re.subn(rf"^{re.escape(key)} = (?:\[[^\]]*\]|[^\n]*)", lambda m: line, text, count=1, flags=re.M)
    assert n == 1, f"{name} has no entry {key!r}"
    return patterns_with(tmp_path, name, new)


STRUCTURAL = [
    # (file, key of the line replaced, its new text, the entry named, words of the reason)
    ("years.toml", "base_markers", "base_markers = []", "base_markers", "at least 1 item"),
    ("years.toml", "plan_headings", 'plan_headings = ["", "工作安排"]', "plan_headings", "at least 1 character"),
    ("initiatives.toml", "min_name_length", "min_name_length = 40", "the file as a whole", "min_name_length 40 > max_name_length 30"),
    ("initiatives.toml", "intro_verbs", "intro_verbs = []", "intro_verbs", "at least 1 item"),
    ("metric.toml", "change_words", "change_words = []", "change_words", "at least 1 item"),
]


@pytest.mark.parametrize(("name", "key", "line", "entry", "reason"), STRUCTURAL, ids=[f"{s[0]}:{s[1]}" for s in STRUCTURAL])
def test_structural_error_is_a_pattern_error(tmp_path: Path, name: str, key: str, line: str, entry: str, reason: str) -> None:
    error = refused(_set_line(tmp_path, name, key, line))
    assert Path(error.file).name == name
    assert entry in error.entry and reason in error.reason, (error.entry, error.reason)


APPENDED = [
    ("units.toml", '[[group]]\nkind = "count"\nunits = [""]\n', "group.", "at least 1 character"),
    ("qualifiers.toml", None, "before.over.0", "at least 1 character"),
    ("entities.toml", '[[rule]]\nid = "zz"\nlabel = "ORG"\ntokens = [{TEXT = "妇联", OP = "{3,1}"}]\n', "'zz'", "at least 3 is more than at most 1"),
    ("exclusions.toml", '[[rule]]\nid = "deep"\ndescription = "x"\nbefore = "' + "(" * 3000 + "a" + ")" * 3000 + '"\n', "'deep'", "nested too deeply"),
    ("entities.toml", '[[rule]]\nid = "deep_re"\nlabel = "ORG"\ntokens = [{TEXT = {REGEX = "' + "(" * 3000 + "a" + ")" * 3000 + '"}}]\n', "", "nested too deeply"),
    ("per.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n", "file", "nested too deeply"),
    ("per.toml", "x = " + "[" * 40 + "]" * 40 + "\n", "entry x.0.0", "nested too deeply"),
]


@pytest.mark.parametrize(("name", "content", "entry", "reason"), APPENDED, ids=[f"{a[0]}:{a[3]}:{i}" for i, a in enumerate(APPENDED)])
def test_bad_entry_is_a_pattern_error(tmp_path: Path, name: str, content: str | None, entry: str, reason: str) -> None:
    if content is None:  # an empty word first in qualifiers' before.over
        text = (REPO / "patterns" / name).read_text(encoding="utf-8")
        head, sep, tail = text.partition("[before]")
        over_at = tail.index("over = [") + len("over = [")
        directory = patterns_with(tmp_path, name, head + sep + tail[:over_at] + '"", ' + tail[over_at:])
    elif content.startswith("x = "):
        directory = patterns_with(tmp_path, name, content + (REPO / "patterns" / name).read_text(encoding="utf-8"))
    else:
        directory = patterns_with(tmp_path, name, content, append=True)
    error = refused(directory)
    assert Path(error.file).name == name
    assert entry in error.entry and reason in error.reason, (error.entry, error.reason)


def test_an_empty_set_in_a_regex_is_a_pattern_error(tmp_path: Path) -> None:
    text = (REPO / "patterns" / "entities.toml").read_text(encoding="utf-8").replace("[sets]", "[sets]\nnothing = []", 1)
    text += '\n[[rule]]\nid = "from_nothing"\nlabel = "ORG"\ntokens = [{TEXT = {REGEX = "^(?:@nothing)$"}}]\n'
    error = refused(patterns_with(tmp_path, "entities.toml", text))
    assert "set 'nothing' is empty" in error.reason


def test_the_alternation_helper_refuses_empty_lists() -> None:
    from zhreport_extract.patterns import alternation

    with pytest.raises(PatternError) as info:
        alternation([], "metric.toml", "change_words")
    assert (info.value.file, info.value.entry) == ("metric.toml", "change_words") and "empty" in info.value.reason
    with pytest.raises(PatternError, match="empty word"):
        alternation(["增长", ""], "metric.toml", "change_words")
    assert alternation([], "metric.toml", "action_verbs", allow_empty=True) == "(?!)"
    assert alternation(["a.b", "十一", "十"], "f", "e", longest_first=True) == r"(?:a\.b|十一|十)"


def test_no_alternation_is_built_by_hand() -> None:
    """Alternations of word lists go through patterns.alternation (which refuses an empty list)."""
    for module in ("year.py", "metric.py", "initiative.py", "entities.py", "quantities.py"):
        code = (SRC / module).read_text(encoding="utf-8")
        assert "\"|\".join(map(regex.escape" not in code and "\"|\".join(re.escape" not in code, module


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["per.toml", "user_rules.toml", "units.examples.toml", "userdict.txt"])
def test_a_fifo_in_the_patterns_directory_is_refused_not_read(tmp_path: Path, name: str) -> None:
    directory = patterns_with(tmp_path, "per.toml", (REPO / "patterns" / "per.toml").read_text(encoding="utf-8"))
    (directory / name).unlink(missing_ok=True)
    os.mkfifo(directory / name)
    code = f"from zhreport_extract import Patterns\nPatterns({str(directory)!r})"
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert "PatternError" in done.stderr and name in done.stderr and "not a regular file" in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("name", ["exclusions.toml", "userdict.txt"])
def test_a_link_to_dev_zero_is_refused_not_read(tmp_path: Path, name: str) -> None:
    directory = patterns_with(tmp_path, "per.toml", (REPO / "patterns" / "per.toml").read_text(encoding="utf-8"))
    (directory / name).unlink()
    (directory / name).symlink_to("/dev/zero")
    error = refused(directory)
    assert Path(error.file).name == name and "not a regular file" in error.reason


def test_a_huge_pattern_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zhreport_extract import patterns as patterns_module

    directory = patterns_with(tmp_path, "per.toml", (REPO / "patterns" / "per.toml").read_text(encoding="utf-8"))
    monkeypatch.setattr(patterns_module, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(patterns_module.read_pattern_file, "__defaults__", (1000,))
    error = refused(directory)
    assert "too large" in error.reason


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    directory = patterns_with(tmp_path, "per.toml", (REPO / "patterns" / "per.toml").read_text(encoding="utf-8"))
    real = tmp_path / "per-real.toml"
    os.replace(directory / "per.toml", real)
    (directory / "per.toml").symlink_to(real)
    assert Patterns(directory).per.before


def test_a_catastrophic_document_year_rule_times_out(tmp_path: Path) -> None:
    """A [[document]] rule of years.toml is a user's regex: it runs under a timeout, and one
    that runs over is skipped with a warning; the facts are still read."""
    years = (REPO / "patterns" / "years.toml").read_text(encoding="utf-8")
    hostile = '[[document]]\nid = "hostile"\ndescription = "exponential on a run of a"\nwhere = "head"\npattern = "{Y}(?:a|a)+$"\n\n'
    first = years.index("\n[[document]]\n") + 1  # the first rule (not a comment naming one)
    directory = patterns_with(tmp_path, "years.toml", years[:first] + hostile + years[first:])
    text = "2018年" + "a" * 60 + "b\n新建学校5所。"
    ex = Extractor(directory, entities=False)
    with pytest.warns(RuntimeWarning, match="'hostile' ran over"):
        result = ex.extract(text)
    assert [f.quantity.text for f in result.facts] == ["5所"]


def test_a_catastrophic_entity_regex_is_switched_off(tmp_path: Path) -> None:
    directory = patterns_with(
        tmp_path, "entities.toml",
        '[[rule]]\nid = "hostile_org"\nlabel = "ORG"\ntokens = [{TEXT = {REGEX = "^(?:a|a)+$"}}, {TEXT = "妇联"}]\n', append=True,
    )
    ex = Extractor(directory)
    text = "a" * 60 + "b妇联举办培训3场，市妇联开展活动5次。"
    with pytest.warns(RuntimeWarning, match="'hostile_org'.*switched off"):
        result = ex.extract(text)
    assert [f.quantity.text for f in result.facts] == ["3场", "5次"]
    assert "市妇联" in [e.span.text for e in result.entities]  # the other rules still run
    ex.extract(text)  # switched off: no second wait
