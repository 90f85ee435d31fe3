"""What the pipeline benchmark measures: per-document runs, machine stamps, the report."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class DocRun:
    """One document through the pipeline: per-page wall and CPU seconds."""

    name: str
    pages: int
    wall: float
    cpu: float
    page_wall: list[float]
    page_cpu: list[float]
    ocr_pages: int = 0
    tables: int = 0
    error: str = ""


@dataclass(slots=True)
class PoolRun:
    workers: int
    wall: float
    pages: int
    cpu: float  # CPU seconds of all workers (sum of their per-document CPU)
    docs: list[DocRun]


@dataclass(frozen=True, slots=True)
class Stamp:
    """Machine state at a phase boundary: load average, CPU seconds busy (all / ours)."""

    wall: float
    load: tuple[float, float, float]
    busy: float  # all processes, from /proc/stat
    own: float  # this process and its waited-for children

    @classmethod
    def now(cls) -> Stamp:
        t = os.times()
        own = t.user + t.system + t.children_user + t.children_system
        return cls(time.perf_counter(), os.getloadavg(), _busy_seconds(), own)


def _busy_seconds() -> float:
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return float("nan")
    ticks = [int(x) for x in fields]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass(slots=True)
class Report:
    args: dict[str, Any]
    load: dict[str, Stamp] = field(default_factory=dict)
    single: list[DocRun] = field(default_factory=list)
    pool: PoolRun | None = None
    words: dict[str, float] = field(default_factory=dict)  # "name#page" -> wall seconds
    words_cpu: dict[str, float] = field(default_factory=dict)
    camelot: dict[str, float] = field(default_factory=dict)
    camelot_cpu: dict[str, float] = field(default_factory=dict)
    camelot_errors: int = 0
    camelot_every: int = 0
    rss: dict[str, Any] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
