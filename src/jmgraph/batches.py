"""Items in lists of a bounded size, for stages that hand work or data on in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """ITEMS in lists of SIZE (the last one shorter); itertools.batched from Python 3.12."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
