"""Frozen dataclass values ↔ plain JSON data and named SQLite columns, field by field.

The document's metadata is listed once, as the fields of ``corpus.model.DocumentSummary``;
the library's rows, the notes' document snapshots, the command line's JSON and the notes
export are all read and written through the functions here, by field name. A field added to
a value therefore reaches every one of them without another list to keep in step.

Plain data is what JSON holds: text, numbers, booleans, None, lists and objects. Tuples become
lists and nested dataclasses objects; reading back follows the field's type (``tuple[str,
...]``, ``str | None``, a ``NewType``, another dataclass). In SQLite a text, number or None is
its own column value; anything else is stored as JSON text.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass
from typing import Any, TypeVar, get_args, get_origin

T = TypeVar("T")

_SCALARS = (str, int, float, bool)


def to_plain(value: Any) -> Any:
    """Return ``value`` as plain JSON data (dataclasses by field, tuples as lists)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    return value


def from_plain(cls: type[T], data: Mapping[str, Any], **given: Any) -> T:
    """Build a ``cls`` from a JSON object, converting each field to its declared type.

    ``given`` supplies fields as they are. A missing field takes its default, or None / an
    empty tuple when its type allows one; otherwise the data is refused.

    Raises:
        ValueError: a field is missing or of the wrong kind (the message names it).
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"应为一个 JSON 对象，而不是 {data!r}")
    values = dict(given)
    for item in _plan(cls):
        if item.name in given:
            continue
        value = data.get(item.name)
        if value is not None:
            values[item.name] = item.convert(value)
        elif not item.has_default:
            values[item.name] = _empty(item.hint, item.name, item.name in data)
    return cls(**values)


def to_columns(value: Any, names: Iterable[str] | None = None) -> dict[str, Any]:
    """Return SQLite column values of ``value``'s fields (all, or ``names``), by field name."""
    chosen = [f.name for f in fields(value)] if names is None else list(names)
    return {name: _column(getattr(value, name)) for name in chosen}


def from_columns(cls: type[T], row: Any, **given: Any) -> T:
    """Build a ``cls`` from a row read by column name (``sqlite3.Row`` or a mapping).

    Each field is read from the column of the same name; JSON text is decoded for fields
    that are not plain text or numbers. A NULL (a column added after the row was written)
    gives the field's default. ``given`` supplies fields that have no column of their own.
    """
    values = dict(given)
    for item in _plan(cls):
        if item.name in given:
            continue
        raw = row[item.name]
        if raw is not None:
            values[item.name] = item.from_column(raw)
        elif not item.has_default:
            values[item.name] = _empty(item.hint, item.name, True)
    return cls(**values)


def field_names(cls: type[Any], *, without: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the names of ``cls``'s fields in order, leaving out ``without``."""
    left_out = set(without)
    return tuple(f.name for f in fields(cls) if f.name not in left_out)


@dataclass(frozen=True)
class _Field:
    """How one field is read: worked out once per class, since rows are read by the thousand."""

    name: str
    hint: Any
    has_default: bool
    convert: Callable[[Any], Any]  # plain data → the field's value, checking its kind
    from_column: Callable[[Any], Any]  # an SQLite value (not NULL) → the field's value


_PLANS: dict[type[Any], tuple[_Field, ...]] = {}


def _plan(cls: type[Any]) -> tuple[_Field, ...]:
    if cls not in _PLANS:
        hints = typing.get_type_hints(cls)  # annotations are strings until resolved
        _PLANS[cls] = tuple(
            _Field(item.name, hints[item.name],
                   item.default is not MISSING or item.default_factory is not MISSING,
                   _converter(hints[item.name], item.name),
                   _column_reader(hints[item.name], _converter(hints[item.name], item.name)))
            for item in fields(cls)
        )
    return _PLANS[cls]


def _empty(hint: Any, name: str, present: bool) -> Any:
    """The value of a field absent from the data (or null): None or () where its type allows."""
    if _optional(hint):
        return None
    if get_origin(hint) is tuple:
        if present:
            raise ValueError(f"“{name}”应为一个列表，而不是 null")
        return ()
    raise ValueError(f"缺少“{name}”")


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType) and type(None) in get_args(hint)


def _bare(hint: Any) -> Any:
    """Strip ``| None`` and NewTypes from a type: ``DocumentId | None`` → ``str``."""
    if _optional(hint):
        rest = [arg for arg in get_args(hint) if arg is not type(None)]
        hint = rest[0] if len(rest) == 1 else hint
    while hasattr(hint, "__supertype__"):
        hint = hint.__supertype__
    return hint


def _column_reader(hint: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Text and numbers are their own column value (the schema gave them their type); the
    rest is JSON text."""
    bare = _bare(hint)
    if bare is bool:
        return bool  # SQLite stores 0 and 1
    if bare in _SCALARS or bare is Any:
        return _same
    if _immutable(bare):
        return _remembered(convert)
    return lambda raw: convert(json.loads(raw))


def _immutable(hint: Any, within: frozenset[type[Any]] = frozenset()) -> bool:
    """Whether every value of ``hint`` is immutable: text, numbers, and tuples and frozen
    dataclasses of them (one such value may then be shared by many rows). ``within``: the
    dataclasses being looked at (a clause holds clauses)."""
    hint = _bare(hint)
    if hint in _SCALARS or hint is type(None):
        return True
    if get_origin(hint) is tuple:
        return all(_immutable(arg, within) for arg in get_args(hint) if arg is not Ellipsis)
    if isinstance(hint, type) and is_dataclass(hint):
        if hint in within:
            return True
        hints = typing.get_type_hints(hint)
        return bool(hint.__dataclass_params__.frozen) and all(  # type: ignore[attr-defined]
            _immutable(hints[item.name], within | {hint}) for item in fields(hint))
    return False


#: Distinct JSON texts of one column whose values are kept: rows repeat a few hundred
#: (a library's issuer lists, the empty list of events).
_REMEMBERED = 4096


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Read a JSON column whose values are immutable, each distinct text decoded once."""
    known: dict[str, Any] = {}

    def read(raw: Any) -> Any:
        value = known.get(raw)
        if value is None:
            if len(known) >= _REMEMBERED:
                known.clear()
            value = known[raw] = convert(json.loads(raw))
        return value

    return read


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any, name: str) -> Callable[[Any], Any]:
    """Return the function turning plain data into a value of type ``hint``."""
    if _optional(hint):
        inner = _converter(_bare(hint), name)
        return lambda value: None if value is None else inner(value)
    hint = _bare(hint)  # a NewType such as DocumentId is its base type at run time
    origin = get_origin(hint)
    if origin is tuple or origin is list:
        item = _converter(get_args(hint)[0], name)
        texts = _bare(get_args(hint)[0]) is str
        make: Callable[[Any], Any] = tuple if origin is tuple else list

        def sequence(value: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise ValueError(f"“{name}”应为一个列表，而不是 {value!r}")
            if texts and all(isinstance(part, str) for part in value):  # the common case, fast
                return make(value)
            return make([item(part) for part in value])

        return sequence
    if origin is dict or hint is dict:
        def mapping(value: Any) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"“{name}”应为一个 JSON 对象，而不是 {value!r}")
            return dict(value)

        return mapping
    if isinstance(hint, type) and is_dataclass(hint):
        kind: type[Any] = hint
        return lambda value: value if isinstance(value, kind) else from_plain(kind, value)
    if hint is Any:
        return _same
    if hint in _KINDS:
        return _scalar_checker(hint, name)
    raise TypeError(f"no plain form for the type {hint!r} of {name!r}")


_KINDS = {str: "文本", int: "整数", float: "数字", bool: "true 或 false"}


def _scalar_checker(hint: type[Any], name: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, hint) and (hint is bool or not isinstance(value, bool)):
            return value
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise ValueError(f"“{name}”应为{_KINDS[hint]}，而不是 {value!r}")

    return check


def _column(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return json.dumps(to_plain(value), ensure_ascii=False)
