"""A visual report: one self-contained HTML page showing what was extracted.

Each document's text is shown with its quantities, metrics, initiative names and
organisations highlighted in colour; hovering a highlight shows the fact (count, unit,
qualifier, year, initiative …). A legend explains the colours and a table lists the
facts of each document. The page loads nothing from anywhere: its style and its small
script are inline, and every piece of text is HTML-escaped.

>>> from zhreport_extract import extract
>>> text = "各级妇联举办“春风行动”招聘会10多场。"
>>> page = render_html([(text, extract(text, doc_id="<a&b>"))])
>>> page.startswith("<!DOCTYPE html>") and "&lt;a&amp;b&gt;" in page and "<a&b>" not in page
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .fields import SHOWN, Field, show
from .records import DocumentResult, Fact

KINDS = {  # class -> (legend name, background, what it marks)
    "qty": ("quantity", "#ffd54f", "a number with its unit: hover for count, unit, qualifier, year, initiative"),
    "met": ("metric", "#90caf9", "what a quantity counts"),
    "ini": ("initiative", "#a5d6a7", "a named programme that facts belong to"),
    "org": ("organisation", "#e1bee7", "an organisation (ORG entity) acting in a sentence with facts"),
    "unc": ("uncovered number", "#eceff1", "digits no fact covers: a date, an ordinal, a name - or a fact missed"),
}
ORDER = ("ini", "org", "met", "qty", "unc")  # outermost first when marks overlap
DIGITS = regex.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*")
QUALIFIERS = {"over": "over (多, 以上)", "under": "under (近, 不足)", "about": "about (约, 左右)"}

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 0 auto; max-width: 1100px; padding: 1em 2em; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; margin-top: 2em; }
.legend { display: flex; flex-wrap: wrap; gap: .5em 1.5em; padding: .6em .8em; background: #f6f6f6;
          border: 1px solid #ddd; border-radius: 4px; position: sticky; top: 0; z-index: 2; }
.legend span.key { padding: 0 .4em; border-radius: 3px; }
.text { white-space: pre-wrap; line-height: 2; font-size: 1.05em; padding: .5em .8em; border-left: 3px solid #ddd; }
.qty { font-weight: bold; }
mark { color: inherit; padding: 0; }
mark[title] { cursor: help; }
a.fact { color: inherit; text-decoration: none; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target, tr.hot { background: #fff3c4; }
.errors, .flag { color: #b00020; } .summary { color: #555; } .none { color: #999; }
mark.unc { border-bottom: 2px dotted #c62828; }
th { cursor: pointer; user-select: none; } th[data-dir="asc"]::after { content: " ▲"; } th[data-dir="desc"]::after { content: " ▼"; }
input.filter { margin: .6em 0 0; padding: .2em .4em; width: 20em; }
"""

# Counts the highlights on load (proves the page's DOM is what the reader sees) and
# lights up a table row when its quantity is hovered. textContent only: nothing is parsed.
SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  for (const kind of ["qty", "met", "ini", "org", "unc"]) {
    const out = document.getElementById("count-" + kind);
    if (out) out.textContent = String(document.querySelectorAll("mark." + kind + "[data-first]").length);
  }
  for (const mark of document.querySelectorAll("mark.qty[data-row]")) {
    const row = document.getElementById(mark.dataset.row);
    if (!row) continue;
    mark.addEventListener("mouseenter", function () { row.classList.add("hot"); });
    mark.addEventListener("mouseleave", function () { row.classList.remove("hot"); });
  }
  // each fact table: a filter box (rows whose text holds what is typed) and sorting by a header click
  for (const box of document.querySelectorAll("input.filter")) {
    const table = document.getElementById(box.dataset.table);
    box.addEventListener("input", function () {
      const want = box.value.trim().toLowerCase();
      for (const row of table.tBodies[0].rows) {
        row.hidden = want !== "" && !row.textContent.toLowerCase().includes(want);
      }
    });
  }
  for (const th of document.querySelectorAll("table.facts th")) {
    th.addEventListener("click", function () {
      const table = th.closest("table");
      const col = th.cellIndex;
      const dir = th.dataset.dir === "asc" ? "desc" : "asc";
      for (const other of th.parentNode.cells) delete other.dataset.dir;
      th.dataset.dir = dir;
      const key = function (row) {
        const cell = row.cells[col];
        const v = cell.dataset.v;
        return v !== undefined && v !== "" ? Number(v) : cell.textContent;
      };
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        const x = key(a), y = key(b);
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
        return dir === "asc" ? c : -c;
      });
      for (const row of rows) table.tBodies[0].appendChild(row);
    });
  }
  document.body.dataset.rendered = "yes";
});
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    title: str
    row: str | None = None  # id of the fact's table row (quantities)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def e(value: object) -> str:
    """HTML-escaped text, quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


def grouped(text: str) -> str:
    """A number as shown with thousands separators in its whole part.

    >>> grouped("221200"), grouped("-1234567.25"), grouped("657"), grouped("")
    ('221,200', '-1,234,567.25', '657', '')
    """
    m = regex.fullmatch(r"([+-]?)(\d+)(\.\d+)?", text)
    if m is None:
        return text
    return f"{m.group(1)}{int(m.group(2)):,}{m.group(3) or ''}"


def shown(f: Field, value: object) -> str:
    """:func:`~zhreport_extract.fields.show`, counts with thousands separators."""
    text = show(f, value)
    return grouped(text) if f.kind == "decimal" else text


def fact_title(fact: Fact) -> str:
    """The hover text of a quantity: every field of the field table that has a value."""
    lines = []
    for f in SHOWN:
        if f.name == "quantity":
            continue
        value = getattr(fact, f.name)
        if f.name == "qualifier":
            text = QUALIFIERS.get(value or "", "")
        else:
            text = shown(f, value)
        cue_span = getattr(fact, f"{f.name}_cue") if f.cue else None
        cue = cue_span.text if cue_span is not None else ""
        if text or f.in_fact or f.meaning:
            lines.append(f"{f.label}: {text or '(none)'}" + (f" ← {cue}" if cue else ""))
    return "\n".join(lines)


def marks_of(text: str, result: DocumentResult, doc_no: int) -> list[Mark]:
    """Everything to highlight in one document."""
    marks: list[Mark] = []
    for n, fact in enumerate(result.facts):
        row = f"d{doc_no}-f{n}"
        marks.append(Mark(fact.quantity.start, fact.quantity.end, "qty", fact_title(fact), row))
        if fact.metric is not None:
            marks.append(Mark(fact.metric.start, fact.metric.end, "met", f"metric of {fact.quantity.text}: {fact.metric.text}"))
    for entity in result.entities:
        if entity.label == "ORG":
            marks.append(Mark(entity.span.start, entity.span.end, "org", f"organisation (ORG): {entity.span.text}"))
    covered = [(f.quantity.start, f.quantity.end) for f in result.facts]
    for m in DIGITS.finditer(text):
        if not any(s < m.end() and m.start() < t for s, t in covered):
            marks.append(Mark(m.start(), m.end(), "unc", "a number no fact covers"))
    names = sorted({f.initiative for f in result.facts if f.initiative}, key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    for name in names:
        n_facts = sum(1 for f in result.facts if f.initiative == name)
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not any(s < end and pos < t for s, t in taken):  # a shorter name inside a longer one
                taken.append((pos, end))
                marks.append(Mark(pos, end, "ini", f"initiative: {name} ({n_facts} facts)"))
            pos = text.find(name, end)
    return _merge_same(marks)


def _merge_same(marks: list[Mark]) -> list[Mark]:
    """One mark per (start, end, kind): metrics shared by several quantities join their titles."""
    seen: dict[tuple[int, int, str], Mark] = {}
    for m in marks:
        key = (m.start, m.end, m.kind)
        if key in seen and m.kind == "met":
            old = seen[key]
            seen[key] = Mark(old.start, old.end, old.kind, old.title + "\n" + m.title, old.row)
        elif key not in seen:
            seen[key] = m
    return sorted(seen.values(), key=lambda m: (m.start, -m.end, ORDER.index(m.kind)))


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with each mark as <mark> elements; overlapping marks are cut at every
    boundary and nested in a fixed order, so the markup is always well formed."""
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        active = sorted((m for m in marks if m.start <= a and b <= m.end), key=lambda m: ORDER.index(m.kind))
        piece = e(text[a:b])
        for m in reversed(active):
            attrs = f' class="{m.kind}" title="{e(m.title)}"'
            if m.start == a:
                attrs += " data-first"
            if m.row is not None:
                attrs += f' data-row="{e(m.row)}"'
                if m.start == a:
                    attrs += f' id="{e(m.row)}-q"'
            piece = f"<mark{attrs}>{piece}</mark>"
        out.append(piece)
    return "".join(out)


def fact_table(result: DocumentResult, doc_no: int) -> str:
    if not result.facts:
        return '<p class="none">No facts.</p>'
    head = ("#", *(f.label for f in SHOWN if f.name != "rule"))
    rows = [
        f'<input class="filter" type="search" data-table="t{doc_no}" placeholder="filter these facts" '
        f'aria-label="filter the facts of this document">',
        f'<table class="facts" id="t{doc_no}"><thead><tr>' + "".join(f"<th>{e(h)}</th>" for h in head)
        + "</tr></thead><tbody>",
    ]
    for n, fact in enumerate(result.facts):
        row = f"d{doc_no}-f{n}"
        cells = [f'<td class="num" data-v="{n + 1}"><a class="fact" href="#{e(row)}-q">{n + 1}</a></td>']
        for f in SHOWN:
            if f.name == "rule":
                continue
            value = getattr(fact, f.name)
            if f.kind in ("decimal", "int"):
                cells.append(f'<td class="num" data-v="{e(show(f, value))}">{e(shown(f, value))}</td>')
            else:
                cells.append(f"<td>{e(show(f, value))}</td>")
        rows.append(f'<tr id="{e(row)}">' + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def render_document(text: str, result: DocumentResult, doc_no: int) -> str:
    name = result.doc_id if result.doc_id is not None else f"document {doc_no + 1}"
    parts = [
        f'<section class="doc" id="doc-{doc_no}">',
        f"<h2>{e(name)}" + (' <span class="flag">⚠ errors</span>' if result.errors else "") + "</h2>",
        f'<p class="summary">{_n(len(result.facts), "fact")} · {_n(len(text), "character")} · reviews year '
        f"{e(result.year if result.year is not None else 'unknown')}</p>",
    ]
    if result.errors:
        parts.append('<ul class="errors">' + "".join(f"<li>{e(x.kind)}: {e(x.message)}</li>" for x in result.errors) + "</ul>")
    if len(text) == result.length:
        parts.append(f'<div class="text">{highlight(text, marks_of(text, result, doc_no))}</div>')
    else:  # a result that is not of this text: show it plain rather than misplace highlights
        parts.append(f'<div class="text">{e(text)}</div>')
    parts.append(fact_table(result, doc_no))
    parts.append("</section>")
    return "\n".join(parts)


def render_html(documents: Iterable[tuple[str, DocumentResult]], title: str = "zhreport_extract report") -> str:
    """The whole page for ``(text, result)`` pairs."""
    docs = list(documents)
    n_facts = sum(len(r.facts) for _, r in docs)
    legend = "".join(
        f'<span><span class="key {k}">{e(name)}</span> {e(what)} (<span id="count-{k}">?</span>)</span>'
        for k, (name, _, what) in KINDS.items()
    )
    toc = "".join(
        f'<li><a href="#doc-{n}">{e(r.doc_id if r.doc_id is not None else f"document {n + 1}")}</a> ({_n(len(r.facts), "fact")})'
        + (f' <span class="flag">⚠ {_n(len(r.errors), "error")}</span>' if r.errors else "") + "</li>"
        for n, (_, r) in enumerate(docs)
    )
    failed = sum(1 for _, r in docs if r.errors)
    colours = "".join(f".{k} {{ background: {colour}; border-radius: 3px; }}\n" for k, (_, colour, _) in KINDS.items())
    body = "\n".join(render_document(text, result, n) for n, (text, result) in enumerate(docs))
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{e(title)}</title>
<style>{STYLE}{colours}</style>
<script>{SCRIPT}</script>
</head>
<body>
<h1>{e(title)}</h1>
<p class="summary">{_n(len(docs), "document")} · {_n(n_facts, "fact")}{f' · <span class="flag">{failed} with errors</span>' if failed else ""}</p>
<div class="legend">{legend}</div>
<ul class="toc">{toc}</ul>
{body}
</body>
</html>
"""
