"""The visual report (``zhreport-extract show``): markup, escaping, and the page in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO

from zhreport_extract import Extractor
from zhreport_extract.cli import main
from zhreport_extract.html import Mark, fact_title, highlight, marks_of, render_html

SEED = REPO / "corpus" / "texts" / "seed-guigang-2018.txt"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> 市妇联推送"信息"657条，阅读量达22.12万次。'
SCREENSHOTS = REPO / "build" / "screenshots"  # not committed (build/ is ignored)


class Tags(HTMLParser):
    """Checks that elements nest properly and collects tags and attributes."""

    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    assert tags.stack == []
    return tags


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_page_escapes_everything(extractor: Extractor) -> None:
    result = extractor.extract(HOSTILE, doc_id='a<b>&"c"')
    page = render_html([(HOSTILE, result)], title="<i>t</i>")
    tags = parse(page)
    assert [t for t, _ in tags.tags].count("script") == 1  # ours only
    assert not any(t == "img" for t, _ in tags.tags)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "a&lt;b&gt;&amp;&quot;c&quot;" in page and 'a<b>&"c"' not in page
    assert "<title>&lt;i&gt;t&lt;/i&gt;</title>" in page


def test_page_loads_nothing_from_outside(extractor: Extractor) -> None:
    text = SEED.read_text(encoding="utf-8")
    page = render_html([(text, extractor.extract(text, doc_id="seed"))])
    tags = parse(page)
    for tag, attrs in tags.tags:
        assert "src" not in attrs, tag
        if "href" in attrs:
            assert str(attrs["href"]).startswith("#"), attrs
    assert not re.search(r"https?:|//[a-z]", page.replace("http-equiv", ""))
    assert "default-src 'none'" in page


def test_every_fact_is_highlighted_with_its_values(extractor: Extractor) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = extractor.extract(text, doc_id="seed")
    page = render_html([(text, result)])
    tags = parse(page)
    firsts = [a for t, a in tags.tags if t == "mark" and a.get("class") == "qty" and "data-first" in a]
    assert len(firsts) == len(result.facts) == 49
    rows = [a["id"] for t, a in tags.tags if t == "tr" and a.get("id")]
    assert rows == [f"d0-f{n}" for n in range(49)]
    assert [a["data-row"] for a in firsts] == rows
    reading = next(a for a in firsts if "count: 221,200" in str(a["title"]))
    assert "unit: 次" in str(reading["title"]) and "year: 2018" in str(reading["title"])
    initiatives = {f.initiative for f in result.facts if f.initiative}
    marked = {m.group(1) for m in re.finditer(r'title="initiative: ([^"(]+) \(', page)}
    assert marked == initiatives and "春风行动" in marked


def test_fact_title_names_every_field(extractor: Extractor) -> None:
    fact = extractor.extract("各级妇联举办“春风行动”就业招聘会10多场。").facts[0]
    title = fact_title(fact)
    lines = title.splitlines()
    assert lines[:3] == ["count: 10", "unit: 场", "qualifier: over (多, 以上)"]
    assert {"initiative: 春风行动 ← “春风行动”", "year: (none)", "change: (none)", "status: actual", "period: year"} <= set(lines)
    ranged = extractor.extract("比上年增长3至5个百分点。").facts[0]
    lines = fact_title(ranged).splitlines()
    assert lines[0] == "count: 3" and "up to: 5" in lines and "change: up ← 增长" in lines


def test_overlapping_marks_stay_well_formed() -> None:
    text = "甲乙丙丁戊己"
    marks = [Mark(0, 4, "ini", "i"), Mark(2, 6, "met", "m"), Mark(3, 5, "qty", "q", "d0-f0")]
    out = highlight(text, marks)
    parse(out)
    assert re.sub(r"<[^>]+>", "", out) == text
    # cut at 2, 3, 4, 5: each mark is drawn once per piece it covers, and marked first once
    assert out.count('class="ini"') == 3 and out.count('class="met"') == 4 and out.count('class="qty"') == 2
    assert out.count("data-first") == 3 and out.count('id="d0-f0-q"') == 1


def test_marks_of_a_result_for_another_text_are_not_drawn(extractor: Extractor) -> None:
    result = extractor.extract("推送信息657条。")
    page = render_html([("另一段文字", result)])
    assert "<mark" not in page.split("<body>", 1)[1]
    assert len(marks_of("推送信息657条。", result, 0)) == 2


def test_cli_show_writes_one_page(tmp_path: Path) -> None:
    hostile = tmp_path / 'a<b>&"c".txt'
    hostile.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["show", str(SEED), str(hostile), "-o", str(out), "--title", "Run 1"]) == 0
    page = out.read_text(encoding="utf-8")
    parse(page)
    assert page.count('<section class="doc"') == 2
    assert "<h2>seed-guigang-2018</h2>" in page and "<h2>a&lt;b&gt;&amp;&quot;c&quot;</h2>" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([hostile.name, "report.html"])


# ---------------------------------------------------------------- the page in a browser

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def _apt_install(*packages: str) -> bool:
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600, check=True)
        subprocess.run(["apt-get", "install", "-y", *packages], env=env, capture_output=True, timeout=1200, check=True)
    except (subprocess.SubprocessError, OSError):
        return False
    return True


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable, installed with apt-get where absent (Debian package 'chromium');
    a Chinese font too, so the screenshot is legible."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        _apt_install("chromium")
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium is not installed and `apt-get install -y chromium` was not possible here: "
                    "the browser test of the HTML report needs it")
    fc = shutil.which("fc-list")
    if fc and not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        _apt_install("fonts-wqy-zenhei")  # best effort: only the screenshot's legibility depends on it
    return exe


def run_chromium(exe: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
    )


def test_report_in_headless_chromium(chromium: str, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["show", str(SEED), str(hostile), "-o", str(out)]) == 0
    url = out.resolve().as_uri()

    done = run_chromium(chromium, tmp_path, "--dump-dom", url)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'data-rendered="yes"' in dom  # the page's script ran
    n_facts = 49 + 2
    assert re.search(rf'<span id="count-qty">{n_facts}</span>', dom)
    assert len(re.findall(r'<mark class="qty"[^>]*data-first', dom)) == n_facts
    assert int(re.search(r'<span id="count-ini">(\d+)</span>', dom).group(1)) >= 5  # type: ignore[union-attr]
    assert int(re.search(r'<span id="count-met">(\d+)</span>', dom).group(1)) >= 40  # type: ignore[union-attr]
    assert dom.count("<script") == 1 and "<img" not in dom  # the hostile text stayed text
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in dom
    assert "count: 221,200" in dom

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "report.png"
    shot.unlink(missing_ok=True)
    done = run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", url)
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
