"""The lexicon: jieba's words and tags, loaded from a cache of the user's own, never a stranger's."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import jieba
import jieba.posseg as posseg
import pytest
from conftest import REPO, shared_path

from zhreport_extract import lexicon as lexicon_module
from zhreport_extract.lexicon import build_lexicon, cache_dir, load_lexicon

USER_DICT = REPO / "patterns" / "userdict.txt"


@pytest.fixture(scope="module")
def reference() -> posseg.POSTokenizer:
    """jieba's own tagger, on a tokenizer of its own with the project's user dictionary."""
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return posseg.POSTokenizer(tokenizer)


def jieba_words(tagger: posseg.POSTokenizer, text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for pair in tagger.cut(text, HMM=True):
        out.append((pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "2018年，贵港市妇联举办“巾帼家美积分超市”活动120场，惠及310万户家庭。",
        "臨時建築標準過高浪費，亘富美凯龙推送信息657条；GDP增长6.5%。",
        "全年  obtain 3.5\r\n亿元\t（同比+12%）C++ & C# 1.2.3",
        "",
        "　全角空格１２３ＡＢＣ",
    ],
)
def test_cut_equals_jieba_posseg(reference: posseg.POSTokenizer, text: str) -> None:
    assert load_lexicon(USER_DICT).cut(text) == jieba_words(reference, text)


def test_cut_equals_jieba_posseg_on_the_shared_reports(reference: posseg.POSTokenizer) -> None:
    lexicon = load_lexicon(USER_DICT)
    folder = shared_path("corpus", "reports")
    lines = 0
    for path in sorted(folder.glob("*.txt"))[::4]:
        for line in path.read_text(encoding="utf-8").split("\n")[:30]:
            assert lexicon.cut(line) == jieba_words(reference, line), (path.name, line[:60])
            lines += 1
    assert lines > 500


def test_the_cache_is_written_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    built = load_lexicon(USER_DICT)
    [file] = (tmp_path / "cache").glob("lexicon-*.pickle")
    assert file.stat().st_mode & 0o777 == 0o600
    calls: list[object] = []
    monkeypatch.setattr(lexicon_module, "build_lexicon", lambda user_dict: calls.append(user_dict))
    loaded = load_lexicon(USER_DICT)
    assert calls == []  # read, not built
    assert loaded.freq == built.freq and loaded.tags == built.tags and loaded.total == built.total
    assert loaded.cut("市妇联举办培训3场") == built.cut("市妇联举办培训3场")


def test_a_changed_user_dictionary_gets_its_own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    mine = tmp_path / "user.txt"
    mine.write_text("巾帼家美积分超市 10 nz\n", encoding="utf-8")
    lexicon = load_lexicon(mine)
    assert lexicon.tags["巾帼家美积分超市"] == "nz"
    assert ("巾帼家美积分超市" in [w for s, e, _ in lexicon.cut("开展巾帼家美积分超市活动") for w in ["开展巾帼家美积分超市活动"[s:e]]])
    mine.write_text("巾帼家美积分超市 10 nt\n", encoding="utf-8")
    assert load_lexicon(mine).tags["巾帼家美积分超市"] == "nt"
    assert len(list(tmp_path.glob("lexicon-*.pickle"))) == 2


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    load_lexicon(None)
    [file] = tmp_path.glob("lexicon-*.pickle")
    file.write_bytes(file.read_bytes()[:1000])  # truncated
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert "does not load" in caplog.text
    file.write_bytes(pickle.dumps(("something", "else")))
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert "holds something else" in caplog.text
    assert load_lexicon(None).total > 0  # and the rebuilt file loads again


def test_a_cache_file_others_may_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    load_lexicon(None)
    [file] = tmp_path.glob("lexicon-*.pickle")
    os.chmod(file, 0o666)
    calls: list[object] = []
    real = build_lexicon
    monkeypatch.setattr(lexicon_module, "build_lexicon", lambda user_dict: calls.append(user_dict) or real(user_dict))
    load_lexicon(None)
    assert calls == [None]
    assert "others may write it" in caplog.text


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", "off")
    assert cache_dir() is None
    assert load_lexicon(None).cut("培训") == [(0, 2, "vn")]
    monkeypatch.delenv("ZHREPORT_EXTRACT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "zhreport_extract"


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(blocked / "cache"))
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
