"""The field table: every field of a :class:`~zhreport_extract.records.Fact`, once.

Each output derives from this table: the CSV / Parquet / DataFrame columns and their dtypes
(:func:`columns`), the HTML tooltip and fact table, the terminal table, the spaCy span
attributes, and what ``evaluate`` scores. The JSON output and the JSON Schema are the
records' own (``DocumentResult.model_dump_json`` / ``model_json_schema``), and a test holds
the records and this table to the same fields. Adding a field is one row here, one
attribute on ``Fact``, and the stage that assigns it.

>>> [c.name for c in columns()][:7]
['doc_id', 'quantity', 'start', 'end', 'count', 'count_exact', 'unit']
>>> FIELDS["change"].values
('up', 'down', 'flat')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["span", "decimal", "int", "str", "category", "offsets"]
Scoring = Literal["count", "exact", "metric", "initiative"]


@dataclass(frozen=True)
class Field:
    """One field of a fact.

    ``kind``: how it is stored (a ``span`` gives three columns: text, start, end; ``offsets``
    gives start and end). ``values``: the closed set of a ``category``. ``default``: the value
    most facts have (meaning fields are also scored over the facts that differ from it).
    ``score``: how ``evaluate`` compares it with gold (None: not scored). ``in_fact``: part of
    fact F1 (all fields of a fact right). ``meaning``: part of meaning accuracy. ``cue``: the
    fact also carries ``<name>_cue``, the span of text that decided it. ``label``: the header
    in tables and tooltips. ``assigned_by``: the pipeline stage that writes it."""

    name: str
    kind: Kind
    label: str
    description: str
    assigned_by: str
    values: tuple[str, ...] = ()
    default: Any = None
    score: Scoring | None = None
    in_fact: bool = False
    meaning: bool = False
    cue: bool = False
    columns: bool = True  # in CSV / Parquet / DataFrame
    prefix: str = ""  # column prefix of a span's offsets ("" for the quantity: start, end)


FACT_FIELDS: tuple[Field, ...] = (
    Field("quantity", "span", "quantity", "number + magnitude + unit as written", "quantities"),
    Field("count", "decimal", "count", "exact value, magnitudes multiplied in", "quantities",
          score="count", in_fact=True),
    Field("unit", "str", "unit", "unit without magnitude; '%', '‰', '百分点', '倍'; '' for none", "quantities",
          default="", score="exact", in_fact=True),
    Field("qualifier", "category", "qualifier", "over / under / about, from words around the number", "quantities",
          values=("over", "under", "about"), score="exact", in_fact=True),
    Field("count_max", "decimal", "up to", "upper end of a range (3至5个)", "quantities"),
    Field("per", "str", "per", "denominator of a rate: 人, 年, 万元 …", "per"),
    Field("metric", "span", "metric", "what is counted", "metric", score="metric", in_fact=True, prefix="metric_"),
    Field("initiative", "str", "initiative", "named programme in force, without quote marks", "initiative",
          score="initiative", in_fact=True, cue=True),
    Field("year", "int", "year", "calendar year the fact reports on", "year", score="exact", in_fact=True),
    Field("change", "category", "change", "direction of a stated change against a base", "change",
          values=("up", "down", "flat"), score="exact", meaning=True, cue=True),
    Field("status", "category", "status", "actual, estimate (预计) or target (a goal or plan)", "status",
          values=("actual", "estimate", "target"), default="actual", score="exact", meaning=True, cue=True),
    Field("indicator", "str", "indicator", "canonical name of the standard indicator measured", "indicator",
          score="exact", meaning=True, cue=True),
    Field("period", "category", "period", "year (whole year or level), part (of the year), span (several years)",
          "period", values=("year", "part", "span"), default="year", score="exact", meaning=True, cue=True),
    Field("actor", "str", "actor", "organisation acting in the sentence", "actor"),
    Field("sentence", "offsets", "sentence", "the sentence that holds the fact", "quantities", prefix="sentence_"),
    Field("rule", "str", "rule", "id of the quantity rule that produced the fact", "quantities"),
)
FIELDS: dict[str, Field] = {f.name: f for f in FACT_FIELDS}
SCORED: tuple[Field, ...] = tuple(f for f in FACT_FIELDS if f.score is not None)
MEANING: tuple[Field, ...] = tuple(f for f in FACT_FIELDS if f.meaning)
CUED: tuple[Field, ...] = tuple(f for f in FACT_FIELDS if f.cue)


SHOWN: tuple[Field, ...] = tuple(f for f in FACT_FIELDS if f.kind != "offsets")  # in tooltips and tables


def show(field: Field, value: Any) -> str:
    """A field's value as a person reads it (tables, tooltips); "" for none.

    >>> show(FIELDS["metric"], None), show(FIELDS["count"], __import__("decimal").Decimal("2.50"))
    ('', '2.5')
    """
    if value is None:
        return ""
    if field.kind == "span":
        return str(value.text)
    if field.kind == "decimal":
        text = format(value.normalize(), "f") if value == value.to_integral_value() or abs(value) >= 1e-6 else str(value)
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of the fact table (CSV, Parquet, DataFrame)."""

    name: str
    dtype: Literal["string", "Int64", "float64", "category"]
    field: str  # the fact field it comes from ("" for doc_id)
    part: Literal["value", "text", "start", "end", "exact", "error"] = "value"
    values: tuple[str, ...] = ()


def columns() -> tuple[Column, ...]:
    """The fact table's columns, in order, from the field table."""
    out = [Column("doc_id", "string", "")]
    for f in FACT_FIELDS:
        if not f.columns:
            continue
        if f.kind == "span":
            out.append(Column(f.name, "string", f.name, "text"))
            out.append(Column(f"{f.prefix}start", "Int64", f.name, "start"))
            out.append(Column(f"{f.prefix}end", "Int64", f.name, "end"))
        elif f.kind == "offsets":
            out.append(Column(f"{f.prefix}start", "Int64", f.name, "start"))
            out.append(Column(f"{f.prefix}end", "Int64", f.name, "end"))
        elif f.kind == "decimal":
            out.append(Column(f.name, "float64", f.name))
            out.append(Column(f"{f.name}_exact", "string", f.name, "exact"))
        elif f.kind == "int":
            out.append(Column(f.name, "Int64", f.name))
        elif f.kind == "category":
            out.append(Column(f.name, "category", f.name, values=f.values))
        else:
            out.append(Column(f.name, "string", f.name))
        if f.cue:
            out.append(Column(f"{f.name}_cue", "string", f"{f.name}_cue", "text"))
    # the document's errors ("kind: message", one per line); a document with errors and no
    # fact still has one row in CSV / Parquet, its fact columns empty
    out.append(Column("error", "string", "", "error"))
    return tuple(out)


COLUMNS: tuple[Column, ...] = columns()
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
