"""The lexicon: jieba's words and tags, loaded from a cache of the user's own, never a stranger's."""

from __future__ import annotations

import functools
import marshal
import os
import subprocess
import sys
from pathlib import Path

import jieba
import platformdirs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import jieba.posseg as posseg
import pytest
from conftest import REPO, shared_path

from zhreport_extract import lexicon as lexicon_module
from zhreport_extract.lexicon import CacheWarning, build_lexicon, cache_dir, load_lexicon, viterbi_pos

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
    lexicon = load_lexicon(USER_DICT)
    lexicon.rare_fast_path = False
    assert lexicon.cut(text) == jieba_words(reference, text)


@functools.cache
def _shared_lexicon() -> lexicon_module.Lexicon:
    return load_lexicon(USER_DICT)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "市妇联", "举办", "培训", "场", "全县", "共", "开展", "活动", "人民政府", "工作", "报告", "亘", "鑫", "龘", "了", "的",
    "\r\n", "\r", "\n", " ", "\t", "a", "B", "x1", "3", "120", ".", "。", "，", "“", "”", "#", "+", "&", "_",
    "１", "Ⅱ", "\u3000", "ab cd", "2.5", "é",
]), max_size=16))
def test_a_text_cut_from_a_restart_is_the_rest_of_the_cut(parts: list[str]) -> None:
    """Lexicon.cut_with_restarts: from each place it gives, the text on its own is cut into the
    words of the whole text from there on (what WordSegmenter reads instead of cutting again)."""
    lexicon = _shared_lexicon()
    text = "".join(parts)
    restarts: list[int] = []
    words = lexicon.cut_with_restarts(text, restarts)
    assert words == lexicon.cut(text)
    assert restarts == sorted(set(restarts)) and set(restarts) <= {s for s, _, _ in words}
    for p in restarts:
        assert lexicon.cut(text[p:]) == [(s - p, e - p, flag) for s, e, flag in words if s >= p], (text, p)


def test_words_read_from_an_earlier_cut_are_the_lexicons() -> None:
    """A phrase, then its ends from each word on (the metric's order): the same words as cut alone."""
    from zhreport_extract.segment import WordSegmenter

    segmenter = WordSegmenter(USER_DICT)
    lexicon = _shared_lexicon()
    for phrase in ["县妇联联合县人社局举办“春风行动”就业招聘会", "全市共为1200余名留守儿童送去关爱", "市慈善总会捐赠"]:
        for start in range(len(phrase)):
            assert segmenter.words(phrase[start:], 7) == [(s + 7, e + 7, f) for s, e, f in lexicon.cut(phrase[start:])]


def test_cut_equals_jieba_posseg_on_the_shared_reports(reference: posseg.POSTokenizer) -> None:
    """Without the rare-character fast path the words are jieba's on every line; with it, only
    lines holding a Han character outside the HMM's state table may differ."""
    exact = load_lexicon(USER_DICT)
    exact.rare_fast_path = False
    fast = load_lexicon(USER_DICT)
    folder = shared_path("corpus", "reports")
    lines = differ = 0
    for path in sorted(folder.glob("*.txt"))[::4]:
        for line in path.read_text(encoding="utf-8").split("\n")[:30]:
            want = jieba_words(reference, line)
            assert exact.cut(line) == want, (path.name, line[:60])
            if fast.cut(line) != want:
                differ += 1
                assert any("\u4e00" <= ch <= "\u9fd5" and ch not in fast.states for ch in line), (path.name, line[:60])
            lines += 1
    assert lines > 500
    assert differ < lines / 20


def test_the_cache_is_written_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    built = load_lexicon(USER_DICT)
    [file] = (tmp_path / "cache").glob("lexicon-*.marshal")
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
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == 2


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    load_lexicon(None)
    [file] = tmp_path.glob("lexicon-*.marshal")
    file.write_bytes(file.read_bytes()[:1000])  # truncated
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert "does not load" in caplog.text
    file.write_bytes(marshal.dumps(("something", "else")))
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert "holds something else" in caplog.text
    assert load_lexicon(None).total > 0  # and the rebuilt file loads again


def test_a_cache_file_others_may_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    load_lexicon(None)
    [file] = tmp_path.glob("lexicon-*.marshal")
    os.chmod(file, 0o666)
    calls = _counting_builds(monkeypatch)
    with pytest.warns(CacheWarning, match="may be written by others"):
        load_lexicon(None)
    assert calls == [None]


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", "off")
    assert cache_dir() is None
    assert load_lexicon(None).cut("培训") == [(0, 2, "vn")]
    monkeypatch.delenv("ZHREPORT_EXTRACT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):  # platformdirs follows the XDG spec there
        assert cache_dir() == tmp_path / "zhreport_extract"
    assert cache_dir() == Path(platformdirs.user_cache_dir("zhreport_extract", appauthor=False))


# --- a hostile cache directory (issue 19) ---------------------------------------------------

def _cache_file(directory: Path) -> Path:
    [file] = directory.glob("lexicon-*.marshal")
    return file


def _counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    real = build_lexicon

    def counted(user_dict: Path | None) -> lexicon_module.Lexicon:
        calls.append(user_dict)
        return real(user_dict)

    monkeypatch.setattr(lexicon_module, "build_lexicon", counted)
    return calls


def test_an_unmakeable_cache_directory_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(blocked / "cache"))
    with pytest.warns(CacheWarning, match="not usable.*built in memory"):
        assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]


def test_a_symlink_planted_at_the_cache_name_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(cache))
    load_lexicon(None)
    file = _cache_file(cache)
    planted = tmp_path / "elsewhere.marshal"
    os.replace(file, planted)  # a valid cache file of the user's own, but reached through a link
    file.symlink_to(planted)
    calls = _counting_builds(monkeypatch)
    with pytest.warns(CacheWarning, match="not read"):
        assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert calls == [None]  # built, not read through the link
    assert not file.is_symlink() and file.is_file()  # the link is replaced by a file of our own
    assert planted.read_bytes()[:1]  # and its target is untouched


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_planted_at_the_cache_name_does_not_hang(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "ZHREPORT_EXTRACT_CACHE": str(cache), "PYTHONPATH": str(REPO / "src")}
    code = "from zhreport_extract.lexicon import load_lexicon; print(load_lexicon(None).cut('妇联'))"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, timeout=120)
    file = _cache_file(cache)
    file.unlink()
    os.mkfifo(file, 0o600)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(0, 2, 'j')]"
    assert "not a regular file" in done.stderr  # the CacheWarning


def test_a_cache_directory_others_may_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "shared"
    cache.mkdir()
    os.chmod(cache, 0o777)
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(cache))
    with pytest.warns(CacheWarning, match="may be written by others.*built in memory"):
        assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert list(cache.iterdir()) == []  # nothing written there


def test_a_symlinked_cache_directory_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(link))
    with pytest.warns(CacheWarning, match="not usable"):
        assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert list(real.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a directory away")
def test_a_cache_directory_of_another_user_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "theirs"
    cache.mkdir(mode=0o755)
    os.chown(cache, 65534, 65534)
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(cache))
    with pytest.warns(CacheWarning, match="another user"):
        assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]


def test_a_pickle_at_the_cache_name_is_never_unpickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache holds marshal data; a pickle planted there (the old format, or an attacker's)
    does not load and nothing in it runs."""
    import pickle

    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    load_lexicon(None)
    file = _cache_file(tmp_path)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    file.write_bytes(pickle.dumps(Payload()))
    os.chmod(file, 0o600)
    assert load_lexicon(None).cut("妇联") == [(0, 2, "j")]
    assert not marker.exists()
    assert "pickle" not in Path(lexicon_module.__file__).read_text(encoding="utf-8").split("def _read(")[1].split("\ndef ")[0]


def test_old_cache_files_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHREPORT_EXTRACT_CACHE", str(tmp_path))
    old_format = tmp_path / "lexicon-0123456789abcdef0123.pickle"
    old_format.write_bytes(b"old")
    stale = tmp_path / "lexicon-aaaaaaaaaaaaaaaaaaaa.marshal"
    stale.write_bytes(b"unused for long")
    long_ago = 1_000_000_000
    os.utime(stale, (long_ago, long_ago))
    left_tmp = tmp_path / ".lexicon-1-abc.tmp"
    left_tmp.write_bytes(b"half")
    os.utime(left_tmp, (long_ago, long_ago))
    recent = [tmp_path / f"lexicon-{i:020d}.marshal" for i in range(lexicon_module.KEEP_FILES + 2)]
    for i, path in enumerate(recent):
        path.write_bytes(b"x")
        os.utime(path, (2_000_000_000 - i, 2_000_000_000 - i))  # recent[0] is the newest
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("mine")
    load_lexicon(None)
    names = {p.name for p in tmp_path.iterdir()}
    assert old_format.name not in names and stale.name not in names and left_tmp.name not in names
    assert unrelated.name in names
    kept = [p.name for p in recent if p.name in names]
    assert kept == [p.name for p in recent[: lexicon_module.KEEP_FILES - 1]]  # with the new one: KEEP_FILES
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == lexicon_module.KEEP_FILES


# --- the fast path for rare characters (issue 19) -----------------------------------------

ARGS = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
SWAMPED = -1e99  # a route scoring below this is decided by jieba's tie-break, not by the model


@pytest.fixture(scope="module")
def lexicon() -> lexicon_module.Lexicon:
    return load_lexicon(USER_DICT)


@pytest.fixture(scope="module")
def rare(lexicon: lexicon_module.Lexicon) -> dict[str, list[str]]:
    """Han characters outside the dictionary: unknown to the HMM, or emitted by some of its
    states though in no state's table; and common ones."""
    han = [chr(c) for c in range(0x4E00, 0x9FD6)]
    outside = [ch for ch in han if ch not in lexicon.freq and ch not in lexicon.states]
    return {
        "unknown": [ch for ch in outside if not lexicon.emitters(ch)],
        "partial": [ch for ch in outside if lexicon.emitters(ch)],
        "common": [ch for ch in han if ch in lexicon.states][:3000],
    }


def test_a_run_of_unknown_characters_is_cut_into_single_characters(lexicon: lexicon_module.Lexicon, rare: dict[str, list[str]]) -> None:
    run = "".join(rare["unknown"][:50:5])
    text = "妇联" + run + "举办培训"
    words = lexicon.cut(text)
    assert words[0] == (0, 2, "j")
    assert [(s, e) for s, e, _ in words[1:11]] == [(i, i + 1) for i in range(2, 12)]
    assert words[11:] == [(12, 14, "v"), (14, 16, "vn")]


def test_unknown_characters_never_reach_the_hmm(lexicon: lexicon_module.Lexicon, rare: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost: no Viterbi step over all 256 states for a character the HMM does not know
    (each took ~3 ms); the route finder sees only the pieces between them."""
    seen: list[str] = []
    real = lexicon_module.viterbi_pos

    def spy(obs: str, *args: object, **kwargs: object) -> object:
        seen.append(obs)
        return real(obs, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lexicon_module, "viterbi_pos", spy)
    unknown = set(rare["unknown"])
    text = "".join(rare["unknown"][i] + rare["common"][i] * (i % 3) for i in range(300))
    lexicon.cut(text)
    assert seen and not any(ch in unknown for run in seen for ch in run)


class _Counting(dict):  # type: ignore[type-arg]
    """A transition table that counts the walks over one state's transitions."""

    walks = 0

    def items(self):  # type: ignore[no-untyped-def]
        _Counting.walks += 1
        return super().items()


def test_partial_characters_cost_a_few_lookups(rare: dict[str, list[str]], lexicon: lexicon_module.Lexicon) -> None:
    """A character in no state's table that some states emit: its step looks up the
    transitions into those few states, it does not walk every transition of every state."""
    trans = {y0: _Counting(table) for y0, table in lexicon.trans_p.items()}
    text = "".join(rare["partial"][:400])
    _Counting.walks = 0
    viterbi_pos(text, lexicon.states, lexicon.start_p, trans, lexicon.emit_p, {}, lexicon.emitters)
    assert _Counting.walks < len(text)  # jieba's way: every kept state's transitions, at every step
    _Counting.walks = 0
    viterbi_pos(text[:40], lexicon.states, lexicon.start_p, trans, lexicon.emit_p, {})
    assert _Counting.walks > 40 * 5


@settings(max_examples=300, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_fast_path_keeps_every_route_the_model_decides(rare: dict[str, list[str]], lexicon: lexicon_module.Lexicon, data: st.DataObject) -> None:
    """Where jieba's best route scores above -1e99 (decided by the model, not by its
    tie-break), the fast path's route is jieba's, score and all."""
    weight = data.draw(st.sampled_from([0.05, 0.2, 0.5, 1.0]))
    n = data.draw(st.integers(1, 15))
    text = "".join(
        data.draw(st.sampled_from(rare["partial"])) if data.draw(st.floats(0, 1)) < weight else data.draw(st.sampled_from(rare["common"]))
        for _ in range(n)
    )
    want = posseg.viterbi(text, *ARGS)
    got = viterbi_pos(text, *ARGS, {}, lexicon.emitters)
    if want[0] > SWAMPED:
        assert got == want, text
