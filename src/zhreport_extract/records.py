"""The records: every value the library returns, in one place.

All records are frozen pydantic models that refuse unknown fields. A :class:`Span`
is grounded in its document: ``document[span.start:span.end] == span.text``, which
:meth:`Span.check` verifies and :class:`DocumentResult` enforces for every span it holds.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

from .fields import COLUMN_NAMES, COLUMNS, FACT_FIELDS

Qualifier = Literal["over", "under", "about"]
Change = Literal["up", "down", "flat"]
Status = Literal["actual", "estimate", "target"]
Period = Literal["year", "part", "span"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_R = TypeVar("_R", bound=Record)


class Span(Record):
    """A piece of the document by code-point offsets, with its text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _consistent(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} does not have length {self.end - self.start}")
        return self

    @classmethod
    def of(cls, document: str, start: int, end: int) -> Span:
        """The span ``document[start:end]``. (Offsets that are ints with ``0 <= start <= end <=
        len(document)`` pass every check, so the span is set without pydantic's validation, the
        same object at a third of the cost; any others are validated, and refused, as ever.)"""
        if cls is Span and type(start) is int and type(end) is int and type(document) is str and 0 <= start <= end <= len(document):
            return _unchecked(Span, {"start": start, "end": end, "text": document[start:end]}, _SPAN_FIELDS_SET)
        return cls(start=start, end=end, text=document[start:end])

    def check(self, document: str) -> None:
        """Raise ValueError unless this span points at its text in ``document``."""
        if document[self.start : self.end] != self.text:
            raise ValueError(
                f"span {self.start}:{self.end} holds {document[self.start:self.end]!r}, not {self.text!r}"
            )


Offset = Annotated[int, Field(ge=0)]  # checked where a record holds it


class Offsets(NamedTuple):
    """Where a piece of the document lies, by code-point offsets (a fact's sentence).

    Offsets, :class:`Sentence` and :class:`Paragraph` are named tuples, not models: a
    document has hundreds of them and they hold no text, so they are built, pickled and
    compared as cheaply as tuples. In JSON they are arrays (``[start, end]``)."""

    start: Offset
    end: Offset


class Sentence(NamedTuple):
    """A sentence (ends at 。！？； or a line end) inside a paragraph; JSON ``[start, end, paragraph]``."""

    start: Offset
    end: Offset
    paragraph: Offset  # index of the paragraph that holds it


class Paragraph(NamedTuple):
    """A line of the document; ``heading`` for a section heading such as 一、 or （二）.
    JSON ``[start, end, heading]``."""

    start: Offset
    end: Offset
    heading: bool = False


class Entity(Record):
    """A named thing found by the entity rules: ORG, LOC, WORK (《…》) or INITIATIVE."""

    label: str
    span: Span
    rule: str


_SPAN_FIELDS_SET = frozenset(("start", "end", "text"))


def _unchecked(cls: type[_R], values: dict[str, Any], fields_set: Iterable[str]) -> _R:
    """A record of ``cls`` holding ``values`` as they are, as pydantic's validation would have
    set them: ``values`` must hold every field, in the model's order (a result's JSON lists
    them in that order), and values that validation keeps unchanged; ``fields_set`` the fields
    the caller gave."""
    record = cls.__new__(cls)
    _set = object.__setattr__
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", set(fields_set))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


class Fact(Record):
    """One number that states how many / how much of something (see ANNOTATION.md)."""

    quantity: Span
    count: Decimal = Field(description="exact value, magnitudes multiplied in")
    unit: str = Field(description="unit or measure word without magnitude; '%' for percent; '' for none")
    qualifier: Qualifier | None = None
    count_max: Decimal | None = Field(default=None, description="upper end of a range")
    per: str | None = Field(default=None, description="denominator of a rate: 人, 年, 万元 …")
    metric: Span | None = Field(default=None, description="what is counted")
    initiative: str | None = Field(default=None, description="named programme in force, without quote marks")
    initiative_cue: Span | None = Field(default=None, description="the quoted mention that named the programme in force")
    year: int | None = Field(default=None, description="calendar year the fact reports on")
    change: Change | None = Field(default=None, description="direction of a stated change against a base")
    change_cue: Span | None = Field(default=None, description="the words that state the change")
    status: Status = Field(default="actual", description="actual, estimate (预计) or target (a goal or plan)")
    status_cue: Span | None = Field(default=None, description="the word or heading that makes it an estimate or target")
    indicator: str | None = Field(default=None, description="canonical name of the standard indicator measured")
    indicator_cue: Span | None = Field(default=None, description="the form of the indicator's name it was read from")
    period: Period = Field(default="year", description="year, part (of the year) or span (several years)")
    period_cue: Span | None = Field(default=None, description="the phrase that sets a part-year or multi-year period")
    actor: str | None = Field(default=None, description="organisation acting in the sentence")
    sentence: Offsets
    rule: str = Field(description="id of the quantity rule that produced the fact")

    @field_serializer("count", "count_max", when_used="json")
    def _number(self, value: Decimal | None) -> int | float | None:
        return decimal_to_json(value)


def _plain_kind(annotation: Any) -> tuple[frozenset[type], Callable[[Any], bool] | None] | None:
    """The exact types a value of a field so annotated may have for validation to accept it and
    keep it as it is (no subclass, no conversion), and the test of its value beyond its type
    where there is one; None for an annotation of another kind."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = _plain_kind(rest[0]) if len(rest) == 1 else None
        return None if inner is None else (inner[0] | {type(None)}, inner[1])
    if typing.get_origin(annotation) is Literal:
        allowed = frozenset(typing.get_args(annotation))
        return (frozenset((str,)), allowed.__contains__) if all(type(a) is str for a in allowed) else None
    plain: dict[Any, Callable[[Any], bool] | None] = {
        str: None, int: None, Span: None,
        Decimal: lambda v: bool(v.is_finite()),
        Offsets: lambda v: type(v.start) is int and type(v.end) is int and v.start >= 0 and v.end >= 0,
    }
    return (frozenset((annotation,)), plain[annotation]) if annotation in plain else None


class _PlainRecords:
    """What :func:`fact_of` knows of a model's fields: each field's exact types and value test
    (:func:`_plain_kind`), its default; off (``types`` None) when some field has a kind or a
    constraint of another kind, or a default that is not None or a str."""

    def __init__(self, model: type[Record]) -> None:
        self.model = model
        kinds: dict[str, tuple[frozenset[type], Callable[[Any], bool] | None]] | None = {}
        for name, info in model.model_fields.items():
            kind = _plain_kind(info.annotation)
            if kinds is None or kind is None or info.metadata or info.default_factory is not None or (
                not info.is_required() and not (info.default is None or type(info.default) is str)
            ):
                kinds = None
                continue
            kinds[name] = kind
        self.types = None if kinds is None else {name: kind[0] for name, kind in kinds.items()}
        self.value_tests = () if kinds is None else tuple((name, kind[1]) for name, kind in kinds.items() if kind[1] is not None)
        self.required = frozenset(name for name, info in model.model_fields.items() if info.is_required())
        self.defaults = tuple((name, None if info.is_required() else info.default) for name, info in model.model_fields.items())
        self._plain: dict[tuple[tuple[str, ...], tuple[type, ...]], bool] = {}  # (fields, their types) -> all plain

    def plain(self, values: dict[str, Any]) -> bool:
        """Whether validation would accept ``values`` and keep every one as it is."""
        if self.types is None:
            return False
        key = (tuple(values), tuple(map(type, values.values())))
        known = self._plain.get(key)
        if known is None:
            types = self.types
            known = self.required <= values.keys() <= types.keys() and all(
                type(value) in types[name] for name, value in values.items()
            )
            if len(self._plain) >= 4096:
                self._plain.clear()
            self._plain[key] = known
        if not known:
            return False
        for name, test in self.value_tests:
            value = values.get(name)
            if value is not None and not test(value):
                return False
        return True


_PLAIN_FACT = _PlainRecords(Fact)


def fact_of(values: dict[str, Any]) -> Fact:
    """``Fact(**values)``, the same fact. Where every value is of the plain kind validation
    accepts and keeps as it is (an exact str, int, finite Decimal, Span or Offsets, None, one of
    a literal's strings: what the built-in stages write), the fact is set without validating it
    again; any other value (a custom stage's) is validated, and refused, as ever."""
    if _PLAIN_FACT.plain(values):
        return _unchecked(Fact, {name: values.get(name, default) for name, default in _PLAIN_FACT.defaults}, values)
    return Fact(**values)


class ExtractionError(Record):
    """Something that went wrong with one document or one rule; the batch goes on."""

    kind: str
    message: str
    rule: str | None = None


class YearSource(Record):
    """Where the document's year was read: the year rule (``[[document]]`` id in years.toml,
    ``date`` for a dated text no rule reads, ``masked_year`` for a template that masks the year
    it reviews: 20xx年) and the text it read (None for a given date). ``date``: the page's own
    date line (发布时间：2022-04-02) that dated the text when no date was given with it."""

    rule: str
    span: Span | None = None
    date: Span | None = None


class DocumentResult(Record):
    doc_id: str | None = None
    length: int = Field(ge=0, description="length of the text in code points")
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    year: int | None = Field(default=None, description="the year the document reviews")
    year_source: YearSource | None = Field(default=None, description="the rule and text that set `year`")
    errors: tuple[ExtractionError, ...] = ()
    text: str | None = Field(default=None, description="the document's text (CLI --include-text); offsets refer to it")
    meta: dict[str, Any] | None = Field(
        default=None, description="the input's other fields (a JSONL line's url, region, date …), passed through"
    )

    @model_validator(mode="after")
    def _text_fits(self) -> DocumentResult:
        if self.text is not None and len(self.text) != self.length:
            raise ValueError(f"text has length {len(self.text)}, result says {self.length}")
        return self

    @property
    def ok(self) -> bool:
        return not self.errors

    def check(self, document: str) -> None:
        """Raise ValueError unless every span points at ``document``."""
        if len(document) != self.length:
            raise ValueError(f"document has length {len(document)}, result says {self.length}")
        for fact in self.facts:
            for name in _FACT_SPANS:
                span = getattr(fact, name)
                if span is not None:
                    span.check(document)
        for entity in self.entities:
            entity.span.check(document)
        if self.year_source is not None:
            for source_span in (self.year_source.span, self.year_source.date):
                if source_span is not None:
                    source_span.check(document)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per fact, ready for a DataFrame or a CSV row (``error``: the
        document's errors, or None)."""
        error = self.error_text()
        return [fact_row(self.doc_id, fact, error) for fact in self.facts]

    def to_table_rows(self) -> list[dict[str, Any]]:
        """The rows of this document in CSV / Parquet: :meth:`to_records`, or, for a document
        with errors and no fact, one row with its ``doc_id`` and ``error`` (so it is not lost)."""
        if self.facts or not self.errors:
            return self.to_records()
        return [{c.name: self.doc_id if c.part == "value" and not c.field else None for c in COLUMNS} | {"error": self.error_text()}]

    def _repr_html_(self) -> str:
        """A notebook's view: the document's id, year and errors, and a table of its facts
        (the field table's shown fields)."""
        import html

        from .fields import SHOWN, show

        head = f"<b>{html.escape(str(self.doc_id))}</b> · {len(self.facts)} facts · year {self.year}"
        errors = "".join(f"<li>{html.escape(e.kind)}: {html.escape(e.message)}</li>" for e in self.errors)
        cells = "".join(f"<th>{html.escape(f.label)}</th>" for f in SHOWN)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(show(f, getattr(fact, f.name)))}</td>" for f in SHOWN) + "</tr>"
            for fact in self.facts
        )
        return (
            f"<div class=\"zhreport\"><p>{head}</p>" + (f"<ul style=\"color:#b00020\">{errors}</ul>" if errors else "")
            + f"<table><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def error_text(self) -> str | None:
        """The errors as "kind: message" lines, or None."""
        return "\n".join(f"{e.kind}: {e.message}" for e in self.errors) if self.errors else None

    def to_json_dict(self) -> dict[str, Any]:
        """The CLI's JSONL line for this document: the record as JSON data, exactly what
        ``zhreport-extract schema`` describes and ``DocumentResult.model_validate`` reads back
        (``text`` and ``meta`` only when they are set)."""
        unset = {name for name in ("text", "meta") if getattr(self, name) is None}
        data: dict[str, Any] = _json_data(self.model_dump(exclude=unset or None))
        return data


def _json_data(value: Any) -> Any:
    """Python data of a record as JSON data: decimals as numbers (:func:`decimal_to_json`),
    tuples as lists. Done here, not in pydantic's serializer, so that a signal arriving
    meanwhile (Ctrl-C) is raised as itself, not wrapped in a serialization error."""
    if isinstance(value, dict):
        return {k: _json_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_data(v) for v in value]
    if isinstance(value, Decimal):
        return decimal_to_json(value)
    return value


def decimal_to_json(value: Decimal | None) -> int | float | None:
    """Integers stay exact ints; other values become floats for JSON."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


FACT_COLUMNS = COLUMN_NAMES
_FACT_SPANS = tuple(name for name, info in Fact.model_fields.items() if "Span" in str(info.annotation))


def fact_row(doc_id: str | None, fact: Fact, error: str | None = None) -> dict[str, Any]:
    """One fact as a flat row of the fact table (columns from the field table)."""
    row: dict[str, Any] = {}
    values = fact.__dict__
    for col in COLUMNS:
        if not col.field:
            row[col.name] = error if col.part == "error" else doc_id
            continue
        value = values[col.field]
        if col.part == "value":
            row[col.name] = decimal_to_json(value) if isinstance(value, Decimal) else value
        elif col.part == "exact":
            row[col.name] = None if value is None else str(value)
        elif value is None:
            row[col.name] = None
        elif col.part == "text":
            row[col.name] = value.text
        elif col.part == "start":
            row[col.name] = value.start
        else:
            row[col.name] = value.end
    return row


def json_schema() -> dict[str, Any]:
    """JSON Schema of the records (DocumentResult and everything it holds)."""
    return DocumentResult.model_json_schema()


# --- between processes ---------------------------------------------------------------
# A worker sends its results as plain lists and tuples, which pickle about ten times faster
# than the models themselves; the parent rebuilds the models without validating them again
# (they were validated when the worker made them). How each field travels is read once from
# the models' annotations: a plain value, a record, a named tuple (Offsets, Sentence,
# Paragraph), or a tuple of records or of named tuples.

WIRE_RECORDS: tuple[type[Record], ...] = (Span, Entity, Fact, ExtractionError, DocumentResult, YearSource)
_PLAIN, _ONE, _MANY, _NAMED, _NAMED_MANY = range(5)


def _is_named_tuple(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")


def _field_kind(annotation: Any) -> tuple[int, Any]:
    """How a field travels, and the named tuple class that rebuilds it where it is one."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple and args and isinstance(args[0], type):
        if issubclass(args[0], Record):
            return _MANY, None
        if _is_named_tuple(args[0]):
            return _NAMED_MANY, getattr(args[0], "_make")
    if any(isinstance(a, type) and issubclass(a, Record) for a in (annotation, *args)):
        return _ONE, None
    named = [a for a in (annotation, *args) if _is_named_tuple(a)]
    if named:
        return _NAMED, getattr(named[0], "_make")
    return _PLAIN, None


_WIRE_FIELDS: dict[type[Record], tuple[tuple[str, int, Any], ...]] = {
    cls: tuple((name, *_field_kind(field.annotation)) for name, field in cls.model_fields.items()) for cls in WIRE_RECORDS
}
_WIRE_INDEX = {cls: n for n, cls in enumerate(WIRE_RECORDS)}


def to_wire(record: Record) -> list[Any]:
    """A record as ``[kind, field values…, fields set or None]``, nested records likewise;
    named tuples as plain tuples (pickle handles a named tuple by a Python call, ten times
    slower).

    >>> from_wire(to_wire(Span(start=0, end=2, text="妇联"))) == Span(start=0, end=2, text="妇联")
    True
    """
    cls = type(record)
    values = record.__dict__
    out: list[Any] = [_WIRE_INDEX[cls]]
    for name, kind, _ in _WIRE_FIELDS[cls]:
        value = values[name]
        if value is None or kind == _PLAIN:
            out.append(value)
        elif kind == _ONE:
            out.append(to_wire(value))
        elif kind == _MANY:
            out.append(tuple(to_wire(v) for v in value))
        elif kind == _NAMED:
            out.append(tuple(value))
        else:
            out.append(tuple(map(tuple, value)))
    given = record.__pydantic_fields_set__
    out.append(None if len(given) == len(values) else tuple(given))
    return out


def from_wire(value: list[Any]) -> Any:
    """The record :func:`to_wire` made ``value`` from."""
    cls = WIRE_RECORDS[value[0]]
    fields_of = _WIRE_FIELDS[cls]
    if cls in _ALL_PLAIN:  # most records (spans): no field to rebuild
        fields = dict(zip(_WIRE_NAMES[cls], value[1:-1]))
    else:
        fields = {}
        for (name, kind, make), v in zip(fields_of, value[1:-1]):
            if v is None or kind == _PLAIN:
                fields[name] = v
            elif kind == _ONE:
                fields[name] = from_wire(v)
            elif kind == _MANY:
                fields[name] = tuple(map(from_wire, v))
            elif kind == _NAMED:
                fields[name] = make(v)
            else:
                fields[name] = tuple(map(make, v))
    record = _new(cls)
    _set_dict(record, fields)
    _set_fields_set(record, set(fields if value[-1] is None else value[-1]))
    _set_extra(record, None)
    _set_private(record, None)
    return record


def _setter(name: str) -> Any:
    """The slot's own setter where pydantic keeps ``name`` in a slot (3x faster than
    object.__setattr__), else a plain object.__setattr__ of it."""
    slot = BaseModel.__dict__.get(name)
    if isinstance(slot, (types.MemberDescriptorType, types.GetSetDescriptorType)):
        return slot.__set__
    return lambda record, value: object.__setattr__(record, name, value)


_new = object.__new__
_set_dict = _setter("__dict__")
_set_fields_set = _setter("__pydantic_fields_set__")
_set_extra = _setter("__pydantic_extra__")
_set_private = _setter("__pydantic_private__")
_WIRE_NAMES = {cls: tuple(name for name, _, _ in fields) for cls, fields in _WIRE_FIELDS.items()}
_ALL_PLAIN = frozenset(cls for cls, fields in _WIRE_FIELDS.items() if all(kind == _PLAIN for _, kind, _ in fields))
