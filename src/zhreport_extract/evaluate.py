"""Score predictions against a gold file, exactly as ANNOTATION.md defines it.

Gold facts give ``quantity``, a ``sentence`` that contains it and the ``occurrence``
inside that sentence (or ``start``/``end`` directly); :func:`load_gold` resolves them
to offsets. Matching is one-to-one, greedy by overlap; then per-field accuracy, span
P/R/F1, initiative F1 over non-null names, and fact F1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .fields import FIELDS as FIELD_TABLE
from .fields import MEANING, SCORED
from .records import DocumentResult, Fact

QUOTES = "“”‘’「」『』\"' 　"
FIELDS = tuple(f.name for f in SCORED)  # scored per matched pair, from the field table
FACT_FIELDS = tuple(f.name for f in SCORED if f.in_fact)  # all right: the fact is right
MEANING_FIELDS = tuple(f.name for f in MEANING)
ABSENT = object()  # a gold file made before a field existed: that field is not scored


class GoldError(ValueError):
    """A gold line that cannot be resolved against its text."""


@dataclass(frozen=True)
class GoldFact:
    start: int
    end: int
    quantity: str
    count: Decimal
    unit: str
    qualifier: str | None
    metric: str | None
    initiative: str | None
    year: int | None
    count_max: Decimal | None = None
    per: str | None = None
    change: Any = ABSENT
    status: Any = ABSENT
    indicator: Any = ABSENT
    period: Any = ABSENT


@dataclass
class GoldDoc:
    doc_id: str
    year: int | None
    date: str | None
    facts: list[GoldFact]
    text: str = ""


def resolve(text: str, fact: dict[str, Any], doc_id: str, search_from: int = 0) -> tuple[int, int]:
    """Offsets of a gold fact's quantity in ``text``."""
    quantity = fact["quantity"]
    if "start" in fact and "end" in fact:
        start, end = int(fact["start"]), int(fact["end"])
        if text[start:end] != quantity:
            raise GoldError(f"{doc_id}: offsets {start}:{end} do not hold {quantity!r}")
        return start, end
    sentence = fact.get("sentence") or quantity
    where = text.find(sentence, search_from)
    if where < 0:
        where = text.find(sentence)
    if where < 0:
        raise GoldError(f"{doc_id}: sentence {sentence!r} not in text")
    pos = where - 1
    for _ in range(int(fact.get("occurrence", 1))):
        pos = text.find(quantity, pos + 1, where + len(sentence))
        if pos < 0:
            raise GoldError(f"{doc_id}: {quantity!r} not found in sentence {sentence!r}")
    return pos, pos + len(quantity)


def parse_gold_line(line: dict[str, Any], text: str) -> GoldDoc:
    doc_id = line.get("doc_id") or line.get("id")
    if not doc_id:
        raise GoldError("gold line without doc_id")
    facts = []
    cursor = 0
    for raw in line.get("facts", []):
        start, end = resolve(text, raw, doc_id, cursor)
        cursor = start
        facts.append(
            GoldFact(
                start=start, end=end, quantity=raw["quantity"], count=Decimal(str(raw["count"])),
                unit=raw.get("unit", ""), qualifier=raw.get("qualifier"), metric=raw.get("metric"),
                initiative=raw.get("initiative"), year=raw.get("year"),
                count_max=None if raw.get("count_max") is None else Decimal(str(raw["count_max"])),
                per=raw.get("per"),
                **{name: raw.get(name, ABSENT) for name in MEANING_FIELDS},
            )
        )
    return GoldDoc(doc_id=doc_id, year=line.get("year"), date=line.get("date"), facts=facts, text=text)


def load_gold(gold_path: Path, texts: TextSource) -> list[GoldDoc]:
    docs = []
    with gold_path.open(encoding="utf-8") as fh:
        for n, raw_line in enumerate(fh, 1):
            if not raw_line.strip():
                continue
            try:
                line = json.loads(raw_line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{gold_path}:{n}: not JSON: {exc}") from exc
            doc_id = line.get("doc_id") or line.get("id")
            docs.append(parse_gold_line(line, texts.text(doc_id)))
    return docs


class TextSource:
    """Where the gold documents' texts come from: a folder of ``<doc_id>.txt`` files,
    or excerpt definitions (``excerpts.json``) over a folder of whole reports."""

    def __init__(self, texts_dir: Path | None = None, excerpts: Path | None = None,
                 reports_dir: Path | None = None) -> None:
        self.texts_dir = texts_dir
        self.reports_dir = reports_dir
        self.excerpts: dict[str, Any] = {}
        if excerpts is not None:
            self.excerpts = json.loads(excerpts.read_text(encoding="utf-8"))

    def text(self, doc_id: str) -> str:
        if self.texts_dir is not None:
            path = self.texts_dir / f"{doc_id}.txt"
            if path.exists():
                return path.read_text(encoding="utf-8")
        if doc_id in self.excerpts and self.reports_dir is not None:
            return build_excerpt(self.reports_dir, self.excerpts[doc_id])
        raise GoldError(f"no text for {doc_id!r}")


def build_excerpt(reports_dir: Path, spec: dict[str, Any]) -> str:
    """An excerpt's text: the listed paragraphs (lines) of a whole report joined by newlines."""
    lines = (reports_dir / f"{spec['source']}.txt").read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[i] for i in spec["paragraphs"])


# --- scoring ---------------------------------------------------------------------


def metric_f1(pred: str | None, gold: str | None) -> float:
    """Character-level F1 of two metric texts (bags of characters)."""
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    from collections import Counter

    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def norm_initiative(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = "".join(ch for ch in name if ch not in QUOTES)
    return cleaned or None


def field_correct(name: str, pred: Fact, gold: GoldFact) -> bool:
    if name == "count":
        if gold.count == 0:
            return pred.count == 0
        return abs(pred.count - gold.count) <= abs(gold.count) * Decimal("1e-9")
    if name == "unit":
        return pred.unit == gold.unit
    if name == "qualifier":
        return pred.qualifier == gold.qualifier
    if name == "year":
        return pred.year == gold.year
    if name == "initiative":
        return norm_initiative(pred.initiative) == norm_initiative(gold.initiative)
    if name == "metric":
        return metric_f1(pred.metric.text if pred.metric else None, gold.metric) >= 0.5
    if name in MEANING_FIELDS:
        return bool(getattr(pred, name) == getattr(gold, name))
    raise KeyError(name)


def scored(name: str, gold: GoldFact) -> bool:
    """Whether the gold fact carries ``name`` (gold made before the meaning fields leaves them out)."""
    return getattr(gold, name, None) is not ABSENT


def match(preds: Sequence[Fact], golds: Sequence[GoldFact]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedy by overlap."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            overlap = min(p.quantity.end, g.end) - max(p.quantity.start, g.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


@dataclass
class Score:
    n_pred: int = 0
    n_gold: int = 0
    n_matched: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    # per meaning field: [tp, fp, fn] over non-default values
    meaning_prf: dict[str, list[int]] = field(default_factory=lambda: {n: [0, 0, 0] for n in MEANING_FIELDS})
    meaning_n: int = 0
    meaning_hits: int = 0
    meaning_default_hits: int = 0
    init_tp: int = 0
    init_fp: int = 0
    init_fn: int = 0
    fact_tp: int = 0
    metric_exact_hits: int = 0  # the metric's text exactly the gold's (the strict metric score)
    problems: list[str] = field(default_factory=list)
    # the same problems as rows for a table: (what, document, quantity@offset, detail)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def summary(self) -> dict[str, float]:
        p = self.n_matched / self.n_pred if self.n_pred else 0.0
        r = self.n_matched / self.n_gold if self.n_gold else 0.0
        out = {"span_precision": p, "span_recall": r, "span_f1": self._f1(p, r)}
        for name in FIELDS:
            n = self.field_n[name]
            out[f"{name}_accuracy"] = self.field_hits[name] / n if n else float("nan")
            if name == "metric":
                out["metric_exact_accuracy"] = self.metric_exact_hits / n if n else float("nan")
        for name in MEANING_FIELDS:
            hit, alarm, miss = self.meaning_prf[name]
            mp = hit / (hit + alarm) if hit + alarm else 0.0
            mr = hit / (hit + miss) if hit + miss else 0.0
            out[f"{name}_f1"] = self._f1(mp, mr) if self.meaning_n else float("nan")
        out["meaning_accuracy"] = self.meaning_hits / self.meaning_n if self.meaning_n else float("nan")
        out["meaning_default_accuracy"] = self.meaning_default_hits / self.meaning_n if self.meaning_n else float("nan")
        ip = self.init_tp / (self.init_tp + self.init_fp) if self.init_tp + self.init_fp else 0.0
        ir = self.init_tp / (self.init_tp + self.init_fn) if self.init_tp + self.init_fn else 0.0
        out["initiative_precision"], out["initiative_recall"] = ip, ir
        out["initiative_f1"] = self._f1(ip, ir)
        fp = self.fact_tp / self.n_pred if self.n_pred else 0.0
        fr = self.fact_tp / self.n_gold if self.n_gold else 0.0
        out["fact_f1"] = self._f1(fp, fr)
        out["n_gold"] = float(self.n_gold)
        out["n_pred"] = float(self.n_pred)
        out["n_matched"] = float(self.n_matched)
        return out


def score_document(score: Score, result: DocumentResult, gold: GoldDoc) -> None:
    preds = list(result.facts)
    pairs = match(preds, gold.facts)
    score.n_pred += len(preds)
    score.n_gold += len(gold.facts)
    score.n_matched += len(pairs)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, j in pairs:
        p, g = preds[i], gold.facts[j]
        wrong = []
        for name in FIELDS:
            if not scored(name, g):
                continue
            score.field_n[name] += 1
            if name == "metric" and (p.metric.text if p.metric else None) == (g.metric or None):
                score.metric_exact_hits += 1
            if field_correct(name, p, g):
                score.field_hits[name] += 1
            else:
                wrong.append(name)
        if all(scored(name, g) for name in MEANING_FIELDS):
            score.meaning_n += 1
            score.meaning_hits += all(field_correct(name, p, g) for name in MEANING_FIELDS)
            score.meaning_default_hits += all(getattr(g, name) == FIELD_TABLE[name].default for name in MEANING_FIELDS)
            for name in MEANING_FIELDS:
                default = FIELD_TABLE[name].default
                pv, gv = getattr(p, name), getattr(g, name)
                tp_fp_fn = score.meaning_prf[name]
                if gv != default and pv == gv:
                    tp_fp_fn[0] += 1
                else:
                    if pv != default:
                        tp_fp_fn[1] += 1
                    if gv != default:
                        tp_fp_fn[2] += 1
        pi, gi = norm_initiative(p.initiative), norm_initiative(g.initiative)
        if gi is not None and pi == gi:
            score.init_tp += 1
        else:
            if gi is not None:
                score.init_fn += 1
            if pi is not None:
                score.init_fp += 1
        if not any(name in FACT_FIELDS for name in wrong):
            score.fact_tp += 1
        if wrong:
            details = "; ".join(f"{n}: {_show(n, p)} ≠ gold {_gold_show(n, g)}" for n in wrong)
            score.problems.append(f"WRONG  {gold.doc_id} {g.quantity!r}@{g.start}: {details}")
            score.rows.append(("wrong", gold.doc_id, f"{g.quantity}@{g.start}", details))
    for j, g in enumerate(gold.facts):
        if j not in matched_g:
            ctx = gold.text[max(0, g.start - 12) : g.end + 6].replace("\n", "⏎")
            score.problems.append(f"MISSED {gold.doc_id} {g.quantity!r}@{g.start}  …{ctx}…")
            score.rows.append(("missed", gold.doc_id, f"{g.quantity}@{g.start}", f"…{ctx}…"))
    for i, p in enumerate(preds):
        if i not in matched_p:
            ctx = gold.text[max(0, p.quantity.start - 12) : p.quantity.end + 6].replace("\n", "⏎")
            score.problems.append(f"SPURIOUS {gold.doc_id} {p.quantity.text!r}@{p.quantity.start} [{p.rule}]  …{ctx}…")
            score.rows.append(("spurious", gold.doc_id, f"{p.quantity.text}@{p.quantity.start}", f"[{p.rule}] …{ctx}…"))


def _show(name: str, p: Fact) -> str:
    if name == "metric":
        return repr(p.metric.text if p.metric else None)
    return repr(getattr(p, name))


def _gold_show(name: str, g: GoldFact) -> str:
    return repr(getattr(g, name))


def evaluate(results: Iterable[tuple[DocumentResult, GoldDoc]]) -> Score:
    score = Score()
    for result, gold in results:
        score_document(score, result, gold)
    return score


def format_problems(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """The problems as a table a person can read: one row each, columns aligned (CJK
    characters count two columns), grouped by document in the order found.

    >>> print(format_problems([("missed", "d1", "5所@3", "…新建学校5所。…"), ("wrong", "d10", "3人@9", "unit")]))
    what      document  quantity  detail
    --------  --------  --------  ------
    missed    d1        5所@3     …新建学校5所。…
    wrong     d10       3人@9     unit
    """
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    head = ("what", "document", "quantity", "detail")
    table = [head, *rows]
    sizes = [max(max(width(r[i]) for r in table), 8) for i in range(3)]
    lines = []
    for n, row in enumerate(table):
        cells = [row[i] + " " * (sizes[i] - width(row[i])) for i in range(3)]
        lines.append("  ".join([*cells, row[3]]).rstrip())
        if n == 0:
            lines.append("  ".join(["-" * s for s in sizes] + ["-" * len(head[3])]))
    return "\n".join(lines)


def format_summary(summary: dict[str, float]) -> str:
    lines = [
        f"documents' facts: gold {int(summary['n_gold'])}, predicted {int(summary['n_pred'])}, "
        f"matched {int(summary['n_matched'])}",
        f"span      P {summary['span_precision']:.3f}  R {summary['span_recall']:.3f}  F1 {summary['span_f1']:.3f}",
    ]
    for name in FIELDS:
        line = f"{name:<10} accuracy {summary[name + '_accuracy']:.3f}"
        if name == "metric" and "metric_exact_accuracy" in summary:
            line += f"  (lenient: character F1 >= 0.5; strict, exact text: {summary['metric_exact_accuracy']:.3f})"
        lines.append(line)
    lines.append(
        f"initiative P {summary['initiative_precision']:.3f}  R {summary['initiative_recall']:.3f}"
        f"  F1 {summary['initiative_f1']:.3f}  (over named answers)"
    )
    lines.append(f"fact F1    {summary['fact_f1']:.3f}")
    if summary.get("meaning_accuracy") == summary.get("meaning_accuracy"):  # not nan: gold has the meaning fields
        lines.append(
            "meaning    F1 over non-default values: "
            + "  ".join(f"{name} {summary[name + '_f1']:.3f}" for name in MEANING_FIELDS)
        )
        lines.append(
            f"meaning accuracy {summary['meaning_accuracy']:.3f}  (all-default answer {summary['meaning_default_accuracy']:.3f})"
        )
    return "\n".join(lines)
