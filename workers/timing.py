"""Where a step's time went: named phases of wall and CPU seconds, for the benchmark."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Stopwatch:
    """Wall and CPU seconds of this process since it was made (or last `lap`)."""

    wall: float = field(default_factory=time.perf_counter)
    cpu: float = field(default_factory=time.process_time)

    def lap(self) -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = {"wall": round(wall - self.wall, 4), "cpu": round(cpu - self.cpu, 4)}
        self.wall, self.cpu = wall, cpu
        return out


@dataclass(slots=True)
class Timings:
    """`with timings.phase("decode"): ...` records that block's seconds under its name."""

    laps: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        watch = Stopwatch()
        try:
            yield
        finally:
            self.laps[name] = watch.lap()
