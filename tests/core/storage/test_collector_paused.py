"""The garbage collector is held off while a history is read, and always switched back on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.storage.files import collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


class Broken(Exception):
    """Raised inside the block to show the collector comes back on anyway."""


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_off_inside_the_block_and_back_on_after_it() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_comes_back_on_when_the_block_raises() -> None:
    with pytest.raises(Broken), collector_paused():
        raise Broken
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.leaves_bad_history
@pytest.mark.usefixtures("collector_on")
def test_reading_a_damaged_history_leaves_the_collector_on(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_text('{"schema_version": 3, "sessions": [', "utf-8")
    told: list[str] = []
    store = HistoryStore(tmp_path, warn=told.append)
    store.load()
    assert told  # it was read as damaged, and said so
    assert gc.isenabled()
