"""Dataclasses as plain JSON-ready data (dicts, lists, scalars), as ``dataclasses.asdict``
gives them but without its deep copy of every leaf, and with sets as sorted lists (Python
orders a set of strings differently in each process)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache


@cache
def field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for other types), read once per type."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def to_plain(value: object) -> object:
    if value is None or isinstance(value, str | int | float):
        return value
    names = field_names(type(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((to_plain(v) for v in value), key=repr)
    return [to_plain(v) for v in value]  # type: ignore[attr-defined]
