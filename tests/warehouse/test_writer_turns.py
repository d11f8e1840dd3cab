"""warehouse.writer.Writer: back-to-back write sessions pause for readers only after a
while of holding the file, never after every session (a clock stands in for time)."""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse.writer as writer_module
from warehouse.writer import Writer


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(writer_module.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(writer_module.time, "sleep", fake.sleep)
    return fake


def test_sessions_with_gaps_never_pause(tmp_path: Path, clock: _Clock) -> None:
    writer = Writer(tmp_path / "w.duckdb", courtesy_s=0.4, hold_s=1.0)
    for _ in range(5):
        with writer.session():
            clock.now += 0.3  # a load
        clock.now += 0.5  # workers extract: a reader's turn
    assert clock.sleeps == []


def test_back_to_back_sessions_pause_once_they_held_the_file_a_while(
    tmp_path: Path, clock: _Clock
) -> None:
    writer = Writer(tmp_path / "w.duckdb", courtesy_s=0.4, hold_s=1.0)
    for _ in range(6):
        with writer.session():
            clock.now += 0.3
        clock.now += 0.05
    # held from 100.0; the 4th session (at 101.05) is the first past hold_s: it waits out the
    # courtesy (0.35 s), and the next run of sessions is counted from there.
    assert clock.sleeps == [0.35]
