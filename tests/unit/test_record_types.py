"""The record classes are mapped onto records.tables, and their Mapped[...] annotations say truly what each column
holds, so a type checker reading the services sees the real schema."""

from __future__ import annotations

import importlib
import sys
import types
import typing
from datetime import date

import pytest
from sqlalchemy import JSON, Column, Date, Integer, MetaData, String, Table, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped

from partnerdesk.records import RECORD_MODULES, load_all, tables

load_all()


def record_classes() -> list[type]:
    """Every mapped class declared in the records modules."""
    found = []
    for name in RECORD_MODULES:
        module = importlib.import_module(f"partnerdesk.records.{name}")
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and value.__module__ == module.__name__ and "__table__" in vars(value)]
    return found  # fmt: skip


def column_annotations(cls: type) -> dict[str, object]:
    """name → the type inside Mapped[...], for the class and the record classes above it, relationships left out."""
    relationships = set(inspect(cls).relationships.keys())
    found: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        namespace = vars(sys.modules[klass.__module__])
        for name, text in vars(klass).get("__annotations__", {}).items():
            if name in relationships or not isinstance(text, str) or not text.startswith("Mapped["):
                continue
            found[name] = typing.get_args(eval(text, namespace))[0]  # noqa: S307 -- our own source text
    return found


def mismatches(cls: type) -> list[str]:
    """Where a class's annotations and its table disagree: a column not annotated, an annotation with no column,
    optional where the column is required (or the reverse), or another Python type."""
    table: Table = cls.__table__
    annotated = column_annotations(cls)
    wrong = [f"{table.name}.{c.name}: no annotation" for c in table.columns if c.name not in annotated]
    wrong += [f"{table.name}.{name}: no such column" for name in annotated if name not in table.c]
    for name, hint in annotated.items():
        if name not in table.c:
            continue
        column = table.c[name]
        parts = set(typing.get_args(hint)) if isinstance(hint, types.UnionType) else {hint}
        if (type(None) in parts) != column.nullable:
            wrong.append(f"{table.name}.{name}: optional is {type(None) in parts}, nullable is {column.nullable}")
        if isinstance(column.type, JSON):
            continue  # any JSON value: the annotation says which shape this column keeps
        held = getattr(column.type, "impl_instance", column.type).python_type  # UTCDateTime holds a datetime
        if parts - {type(None)} != {held}:
            wrong.append(f"{table.name}.{name}: {hint} for a {held.__name__} column")
    return wrong


@pytest.mark.parametrize("cls", record_classes(), ids=lambda cls: cls.__name__)
def test_each_record_class_is_typed_as_its_table_is(cls):
    assert cls.__table__ is tables.metadata.tables[cls.__table__.name]
    assert mismatches(cls) == []


def test_every_table_has_a_record_class():
    assert {cls.__table__.name for cls in record_classes()} == set(tables.metadata.tables)


class _Other(DeclarativeBase):
    metadata = MetaData()


class _Wrong(_Other):
    __table__ = Table(
        "wrong", _Other.metadata, Column("id", String, primary_key=True), Column("day", Date, nullable=False),
        Column("count", Integer), Column("notes", String), Column("shape", JSON),
    )  # fmt: skip

    id: Mapped[str]
    day: Mapped[date | None]
    count: Mapped[str | None]
    shape: Mapped[dict | None]
    typo: Mapped[int]


def test_the_check_finds_each_kind_of_disagreement():
    assert sorted(mismatches(_Wrong)) == [
        "wrong.count: str | None for a int column",
        "wrong.day: optional is True, nullable is False",
        "wrong.notes: no annotation",
        "wrong.typo: no such column",
    ]

