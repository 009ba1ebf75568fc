"""Text of rare CJK characters against normal text: cost per character, as a ratio.

Issue 19: a run of Han characters jieba's HMM does not know cost ~360 times normal text per
character (30 KB took 26 s). Each character the HMM knows not at all took a Viterbi step over
all 256 states and 5,218 transitions; ``Lexicon`` now cuts such characters out, and reads one
the HMM's state table lacks (but some states emit) in those states only.

The same process times, best of ``--repeat`` runs each (a ratio is steadier than seconds on a
shared machine), with the word caches cleared before every run:

* normal   report-like text: the shared reports (../shared/corpus/reports, read there, never
           copied) when present, else synthetic report sentences
* unknown  Han characters (U+4E00-U+9FD5) neither the dictionary nor the HMM knows, with a
           fact (7场) every 100 characters, so that the extractor cuts words there
* partial  Han characters outside the dictionary and the HMM's state table that some HMM
           states emit (traditional forms and the like)
* mixed    normal text with one character in five replaced by an unknown one

for ``Lexicon.cut`` (the words) and for ``Extractor.extract`` (the whole document), and prints
microseconds per character and the ratio to normal text.

    PYTHONPATH=src python benchmarks/rare_cjk.py [--chars 30000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from zhreport_extract import Extractor

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "reports"
SENTENCE = "全市共开展培训活动120场，惠及310万户家庭，推送信息657条，阅读量达22.12万次。我们坚持以人民为中心，扎实推进各项工作。"


def normal_text(n: int) -> str:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    text = "".join(f.read_text(encoding="utf-8") for f in files[:20]) or SENTENCE
    while len(text) < n:
        text += text
    return text[:n]


def best_of(repeat: int, clear: Callable[[], None], run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        clear()
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ex = Extractor()
    lexicon = ex.words.lexicon
    emitted = {ch for table in lexicon.emit_p.values() for ch in table}
    han = [chr(c) for c in range(0x4E00, 0x9FD6) if chr(c) not in lexicon.freq]
    unknown = [ch for ch in han if ch not in lexicon.states and ch not in emitted]
    partial = [ch for ch in han if ch not in lexicon.states and ch in emitted]
    rng = random.Random(19)
    n = args.chars
    normal = normal_text(n)
    def rare(pool: list[str]) -> str:
        """``n`` characters of ``pool`` with a fact (7场) every 100, so the extractor cuts words."""
        return "".join("7场" if i % 100 == 98 else rng.choice(pool) for i in range(n - 1) if i % 100 != 99)[:n]

    texts = {
        "normal": normal,
        "unknown": rare(unknown),
        "partial": rare(partial),
        "mixed": "".join(rng.choice(unknown) if i % 5 == 0 else ch for i, ch in enumerate(normal)),
    }

    def clear() -> None:
        lexicon._routes.clear()
        ex.words._cache.clear()

    print(f"{n} characters each, best of {args.repeat}; {len(unknown)} unknown and {len(partial)} partial characters to draw from")
    print(f"{'text':8} {'cut µs/char':>12} {'ratio':>6} {'extract µs/char':>16} {'ratio':>6}")
    base: tuple[float, float] | None = None
    for name, text in texts.items():
        cut = best_of(args.repeat, clear, lambda: lexicon.cut(text)) / len(text) * 1e6
        whole = best_of(args.repeat, clear, lambda: ex.extract(text)) / len(text) * 1e6
        if base is None:
            base = (cut, whole)
        print(f"{name:8} {cut:12.1f} {cut / base[0]:6.1f} {whole:16.1f} {whole / base[1]:6.1f}")


if __name__ == "__main__":
    main()
