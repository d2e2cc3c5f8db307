"""Start-up's heap leaves the cycle collector's full passes; later garbage is still collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kiosk import heap


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test session collects as usual


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_lives_at_settling_is_no_longer_walked_and_later_cycles_are_still_freed() -> None:
    before = Node()
    heap.settle()
    assert heap.frozen() > 1000
    assert all(obj is not before for obj in gc.get_objects())  # out of every generation
    after = Node()
    assert any(obj is after for obj in gc.get_objects(generation=0))
    del after
    assert gc.collect() >= 1  # garbage made after settling is freed
