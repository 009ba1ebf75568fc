"""Metric: the phrase of the same clause that says what a quantity counts.

Before the number (推送信息657条 -> 推送信息, 阅读量达22.12万次 -> 阅读量), after it
(为163名农村贫困“两癌”患病母亲 -> 农村贫困“两癌”患病母亲), a change with its subject
(营业收入同比增长12.5%), or, for a bare value in a list (5万多起、6万多人), the metric
of the fact before it in the sentence. jieba words are used only on the clause at hand.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .patterns import Patterns, alternation
from .segment import WordSegmenter

HAN = regex.compile(r"\p{Han}")

NOUNISH = ("n", "vn", "nz", "nt", "ns", "nr", "j", "an", "b", "l", "eng", "ng")
RIGHT_START = regex.compile(r"[\p{Han}“]")
YEAR_TAIL = regex.compile(
    r"(?:由|从|是|比|较|为|在|到|至|达)?(?:(?:19|20)\d\d年|“[^”]{1,6}”(?:时期|期间|末|初)|[^，]{0,3}(?:时期|期间|年间))(?:的|底|末)?$"
)
NUMBER_CHAR = regex.compile(r"\d")
VALUE_START = regex.compile(r"[-−]?\d|[一二两三四五六七八九十百千]")
LAST_STOP = regex.compile(r"(?r)[，。；：！？、,;:!?\n等]")  # searched from the end: the last one
RESPECTIVE_TAIL = regex.compile(r"(?:同比|比上年|较上年|比去年|年均|平均)?$")
LIST_ITEM = regex.compile(r"[^、和与及，。；：“”]+")
PREPOSITIONS = "对在为向从把将给由与和及"
AFTER_QUALIFIERS = ("左右", "以上", "以下", "以内", "上下", "之内", "有余")
YEAR_PREFIX = regex.compile(r"(?:(?:了|在|从|由)?(?:19|20)\d\d年(?:到|至|—|－|-)(?:19|20)\d\d年的?(?:[一二三四五六七八九十]+年间)?|(?:在|从|由)?(?:19|20)\d\d年(?:度|底|末|全年)?|[一二三四]季度|上半年|下半年|前[一二三四]季度)")


class Suffixes:
    """Words that may end a piece of text: what ``(?:w1|w2…)$`` finds, by ``str.endswith``.

    >>> Suffixes(["增长", "长"]).search("收入增长", 0, 4)
    (2, 4)
    >>> Suffixes(["增长"]).search("收入增长", 0, 3) is None
    True
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w for w in words if w}, key=len, reverse=True))

    def search(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The longest word that ``text[start:end]`` ends with, as offsets."""
        if not text.endswith(self.words, start, end):
            return None
        for word in self.words:
            if text.endswith(word, start, end):
                return end - len(word), end
        return None  # pragma: no cover - endswith said one of them does


class MetricFinder:
    def __init__(self, patterns: Patterns, words: WordSegmenter) -> None:
        cfg = patterns.metric
        self.cfg = cfg
        self.words = words
        q = patterns.qualifiers.before
        tail_words = sorted(set(cfg.value_verbs) | set(q.over) | set(q.under) | set(q.about), key=len, reverse=True)
        self.tail = Suffixes(tail_words)
        file = patterns.directory / "metric.toml"
        self.head = regex.compile(alternation(cfg.strip_prefixes, file, "strip_prefixes", longest_first=True))
        actions = alternation(cfg.action_verbs, file, "action_verbs", longest_first=True, allow_empty=True)
        self.action = regex.compile(rf"(?:[\p{{Han}}]{{0,2}}?){actions}(?:了|出|好)?")
        heads = alternation(cfg.indicator_heads, file, "indicator_heads", longest_first=True, allow_empty=True)
        self.indicator_head = regex.compile(f"{heads}$")
        changes = alternation(cfg.change_words, file, "change_words")
        self.from_to = regex.compile(f"{changes}(?:到|至)")
        self.bare_change = regex.compile(f"{changes}(?:到|至|为)?")
        self.change = Suffixes(cfg.change_words)

    def find(
        self, view: str, q_start: int, q_end: int, clause: tuple[int, int], prev_end: int = 0
    ) -> tuple[int, int] | None:
        """Offsets of the metric of the quantity at ``q_start:q_end`` in ``clause``, or None.
        ``prev_end`` is where the previous quantity ended: a metric never reaches behind it."""
        c_start, c_end = clause
        left = self._left(view, max(c_start, prev_end), q_start)
        if left is None:
            return self._right(view, q_end, c_end)
        # the words after the number (jieba) are read only when the left side may yield to them
        if view[left[1] - 1] == "的" or self._is_scope_word(view, left) or self._is_bare_verb(view, left):
            right = self._right(view, q_end, c_end)
            if right is not None:
                return right
        if view[left[1] - 1] == "的":
            left = (left[0], left[1] - 1) if left[1] - 1 - left[0] >= 2 else None
        return left

    def _left(self, view: str, start: int, q_start: int) -> tuple[int, int] | None:
        end = q_start
        stop = LAST_STOP.search(view, start, end)
        if stop is not None:
            start = stop.end()
        bracket = max(view.rfind("（", start, end), view.rfind("(", start, end))
        if bracket >= 0 and view.find("）", bracket, end) < 0 and view.find(")", bracket, end) < 0:
            start = bracket + 1  # 发酵酒（增长87%）: inside an open bracket
        for _ in range(6):
            if self.change.search(view, start, end):
                break  # 营业收入同比增长: the change word belongs to the metric
            tail = self.tail.search(view, start, end)
            if tail is None:
                year = YEAR_TAIL.search(view, start, end)
                tail = year.span() if year else None
            if tail is None or tail[0] == tail[1]:
                break
            end = tail[0]
        for _ in range(6):
            while start < end and view[start] in " 　“”\"—-" + self.cfg.stop_chars:
                start += 1
            m = self.head.match(view, start, end)
            y = YEAR_PREFIX.match(view, start, end)
            if y and y.end() > start:
                start = y.end()
                continue
            if m and m.end() < end - 1:
                start = m.end()
                continue
            break
        if end - start < 2:
            return None
        if end - start > 8 and not self.change.search(view, start, end):
            start = self._after_last_verb(view, start, end)
        if end - start > self.cfg.max_length:
            start = self._trim(view, start, end)
        return start, end

    def _after_last_verb(self, view: str, start: int, end: int) -> int:
        """举办“春风行动”就业招聘会 -> “春风行动”就业招聘会: what a verb governs, not the verb."""
        words = self.words.words(view[start:end], start)
        for w_start, w_end, flag in reversed(words[:-1]):
            if flag.startswith("v") and flag != "vn" and end - w_end >= 2:
                if self.change.search(view, start, w_end):
                    return start
                nxt = w_end
                while nxt < end and view[nxt] in PREPOSITIONS:
                    nxt += 1
                return nxt if end - nxt >= 4 else start
        return start

    def _trim(self, view: str, start: int, end: int) -> int:
        """Keep the words nearest the number, at most ``max_length`` characters."""
        cut = start
        for w_start, _, _ in self.words.words(view[start:end], start):
            if end - w_start <= self.cfg.max_length:
                return w_start
            cut = w_start
        return cut

    @staticmethod
    def _right_possible(view: str, q_end: int, c_end: int) -> bool:
        return q_end < c_end and RIGHT_START.match(view, q_end, q_end + 1) is not None

    def _right(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        for word in AFTER_QUALIFIERS:
            if view.startswith(word, q_end):
                q_end += len(word)  # 5个以上重大专项: the noun comes after the qualifier
                break
        if not self._right_possible(view, q_end, c_end):
            return None
        span_end = q_end
        quote_open = False
        for w_start, w_end, flag in self.words.words(view[q_end:c_end], q_end):
            word = view[w_start:w_end]
            if word in ("“", "‘"):
                quote_open = True
            elif word in ("”", "’"):
                quote_open = False
            elif not quote_open and not flag.startswith(NOUNISH):
                if span_end == q_end and flag.startswith(("v", "d", "p", "c", "u")):
                    return None  # 301个项目纳入…: the number is the subject, nothing counted follows
                if span_end == q_end and flag.startswith(("a", "m", "q")):
                    span_end = w_end
                    continue
                break
            span_end = w_end
        if span_end - q_end < 1 or not HAN.search(view, q_end, span_end):
            return None
        return q_end, span_end

    def subject(self, view: str, sent_start: int, clause_start: int) -> tuple[int, int] | None:
        """The subject stated once for several numbers: the nearest earlier clause of the
        sentence without a number (城乡居民的平均消费水平，由…元增加到…元)."""
        pos = clause_start
        for _ in range(3):
            if pos <= sent_start:
                return None
            prev = max(view.rfind(ch, sent_start, pos - 1) for ch in "，、：,:") + 1
            prev = max(prev, sent_start)
            if not NUMBER_CHAR.search(view, prev, pos):
                span = self._left(view, prev, pos - 1)
                if span is not None and span[1] - span[0] <= 16:
                    return span
                return None
            pos = prev
        return None

    def respective(self, view: str, sent_start: int, q_start: int, k: int) -> tuple[int, int] | None:
        """分别 lists: the k-th listed item when the items are whole indicator names
        (进口货值、免签入境游客分别增长20%、30%); None when they only modify a shared head
        (城镇、农村居民人均可支配收入分别增长) or there is no such list."""
        fen = view.rfind("分别", sent_start, q_start)
        if fen < 0:
            return None
        seg_start = max(view.rfind(ch, sent_start, fen) for ch in "，。；：\n") + 1
        seg_start = max(seg_start, sent_start)
        seg_end = fen
        tail = RESPECTIVE_TAIL.search(view, seg_start, seg_end)
        if tail:
            seg_end = tail.start()
        head = self.head.match(view, seg_start, seg_end)
        if head:
            seg_start = head.end()
        items = [(m.start(), m.end()) for m in LIST_ITEM.finditer(view, seg_start, seg_end)]
        if len(items) < 2 and seg_start - 1 > sent_start:
            # …分别完成…，同比分别增长…: the items were listed before the first 分别
            return self.respective(view, sent_start, seg_start - 1, k)
        if len(items) < 2:
            return None
        if all(self.indicator_head.search(view, s, e) for s, e in items):
            return items[k] if k < len(items) else None
        # a shared head: the last item with the change phrase (人均可支配收入分别增长)
        first_value = VALUE_START.search(view, fen, q_start + 1)
        end = first_value.start() if first_value else fen + 2
        return (items[-1][0], end) if end > items[-1][0] else None

    def is_from_to(self, view: str, start: int, end: int) -> bool:
        """由162.4亿元增加到300亿元: a change word with 到/至 joins two values of one metric."""
        return self.from_to.search(view, start, end) is not None

    def is_bare_change(self, view: str, start: int, end: int) -> bool:
        """A metric that is only a change word (增加, 提高到): the value of a from-to pair."""
        return self.bare_change.fullmatch(view, start, end) is not None

    def is_change(self, view: str, start: int, end: int) -> bool:
        """Whether a metric phrase ends with a change word (增长 下降 提高 …)."""
        return self.change.search(view, start, end) is not None

    def _is_scope_word(self, view: str, left: tuple[int, int]) -> bool:
        """A place, pronoun or scope word alone (全市32.8万台农业机械, 西藏…) is not what is counted."""
        if self.head.fullmatch(view, left[0], left[1]):
            return True
        words = self.words.words(view[left[0] : left[1]], left[0])
        return len(words) == 1 and words[0][2] in ("ns", "nr", "nt", "r", "j")

    def _is_bare_verb(self, view: str, left: tuple[int, int]) -> bool:
        """A clause that is only a verb before the number (惠及310万户家庭) counts what follows."""
        if self.action.fullmatch(view, left[0], left[1]):
            return True
        words = self.words.words(view[left[0] : left[1]], left[0])
        return (
            words[0][2].startswith("v")
            and all(flag.startswith(("v", "u", "d", "p", "y", "c")) and flag != "vn" for _, _, flag in words)
            and not self.change.search(view, left[0], left[1])
        )
