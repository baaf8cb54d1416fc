from __future__ import annotations

from jmgraph.batches import batched


def test_batched_keeps_order_and_items() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched(iter(range(6)), 3)) == [[0, 1, 2], [3, 4, 5]]
    assert list(batched([], 3)) == []
